use leptos::html::Iframe;
use leptos::prelude::*;

use crate::app::use_config;
use crate::model::VideoId;

/// A music video in the flow of the article, as a lightweight facade: a
/// 16:9 box with the poster, the title and a play button. Nothing is asked
/// of the video provider until the reader presses play (besides the poster,
/// when the article names none of its own); then the player from the
/// provider's privacy-enhanced domain takes the facade's place and focus.
#[component]
pub fn VideoEmbed(
    /// The block id, kept as the element id.
    id: String,
    /// The provider named by the content, e.g. "youtube".
    provider: String,
    /// The provider's id for the video; checked against its syntax.
    video_id: String,
    /// The video's title: names the play button and the player.
    title: String,
    /// A poster image to show before playing; the provider's thumbnail if absent.
    poster: Option<String>,
) -> impl IntoView {
    let Some(video) = VideoId::parse(&provider, &video_id) else {
        return view! {
            <figure class="video-facade video-facade--unavailable" id=id>
                <p class="video-facade__note">"This video is unavailable."</p>
            </figure>
        }
        .into_any();
    };
    let config = use_config();
    let poster =
        poster.filter(|p| !p.trim().is_empty()).map(|p| config.asset(&p)).unwrap_or_else(|| video.thumbnail_url());
    let (playing, set_playing) = signal(false);
    let (poster_failed, set_poster_failed) = signal(false);
    let player = NodeRef::<Iframe>::new();

    // Move focus into the player once it is in the document, so keyboard
    // users can pause it without hunting for it.
    Effect::new(move |_| {
        if let Some(frame) = player.get() {
            request_animation_frame(move || {
                let _ = frame.focus();
            });
        }
    });

    let provider_name = video.provider().name();
    let watch_url = video.watch_url();
    let embed_url = video.embed_url();
    let play_label = format!("Play video: {title}");
    let title_for_player = title.clone();
    view! {
        <figure class="video-facade" id=id>
            <div class="video-facade__frame">
                <Show
                    when=move || playing.get()
                    fallback=move || {
                        let poster = poster.clone();
                        let title = title.clone();
                        let play_label = play_label.clone();
                        view! {
                            <Show when=move || !poster_failed.get()>
                                <img
                                    class="video-facade__poster"
                                    src=poster.clone()
                                    alt=""
                                    width="1280"
                                    height="720"
                                    loading="lazy"
                                    decoding="async"
                                    on:error=move |_| set_poster_failed.set(true)
                                />
                            </Show>
                            <p class="video-facade__title" aria-hidden="true">{title}</p>
                            <button
                                type="button"
                                class="video-facade__play"
                                on:click=move |_| set_playing.set(true)
                            >
                                <svg class="video-facade__icon" viewBox="0 0 68 48" aria-hidden="true" focusable="false">
                                    <path class="video-facade__icon-bg" d="M66.5 7.7a8.5 8.5 0 0 0-6-6C55.3.3 34 .3 34 .3s-21.3 0-26.5 1.4a8.5 8.5 0 0 0-6 6C.1 12.9.1 24 .1 24s0 11.1 1.4 16.3a8.5 8.5 0 0 0 6 6C12.7 47.7 34 47.7 34 47.7s21.3 0 26.5-1.4a8.5 8.5 0 0 0 6-6C67.9 35.1 67.9 24 67.9 24s0-11.1-1.4-16.3Z"/>
                                    <path class="video-facade__icon-fg" d="M27 34.2 45 24 27 13.8Z"/>
                                </svg>
                                <span class="visually-hidden">{play_label}</span>
                            </button>
                        }
                    }
                >
                    <iframe
                        class="video-facade__player"
                        node_ref=player
                        src=embed_url.clone()
                        title=title_for_player.clone()
                        allow="accelerometer; autoplay; encrypted-media; gyroscope; picture-in-picture"
                        allowfullscreen=true
                        referrerpolicy="strict-origin-when-cross-origin"
                    ></iframe>
                </Show>
            </div>
            <figcaption class="video-facade__caption">
                <a href=watch_url rel="noopener">{format!("Watch on {provider_name}")}</a>
            </figcaption>
        </figure>
    }
    .into_any()
}
