use leptos::html::Iframe;
use leptos::prelude::*;

use crate::app::use_config;
use crate::model::{Block, Image, Player, Unavailable};

/// A video or a piece of music from a streaming service, as a light facade:
/// the publisher's own artwork (or a styled placeholder), the title, the
/// artist, the service's name and a play button. Nothing is asked of the
/// service until the reader presses play; then its official player takes
/// the facade's place and focus. The "Watch on …" / "Listen on …" link is
/// always there, so the prerendered page offers the music without
/// JavaScript too. One component for every service, to keep the app small.
#[component]
pub fn PlayerFacade(
    /// The block id, kept as the element id.
    id: String,
    /// What plays: names the play button and the player.
    title: String,
    /// Who made it, shown under the title (empty for a video).
    artist: String,
    /// The publisher's image: a cover with its alt text, or a decorative video poster.
    artwork: Option<Image>,
    /// The checked player, or why there is none.
    player: Result<Player, Unavailable>,
) -> impl IntoView {
    let player = match player {
        Ok(player) => player,
        Err(Unavailable { service, search_url }) => {
            // Without a search on the service (one it does not know), the
            // note says what was meant to be here, for the reader to look for.
            let note = match title.trim() {
                title if !title.is_empty() && (service.is_none() || search_url.is_none()) => {
                    format!("The player for “{title}” is unavailable.")
                }
                _ => "This player is unavailable.".to_string(),
            };
            let search = service.zip(search_url).map(|(service, href)| {
                view! {
                    <p class="player__caption">
                        <a href=href rel="noopener" lang="en">{format!("Look for “{title}” on {service}")}</a>
                    </p>
                }
            });
            return view! {
                <figure class="player player--unavailable" id=id>
                    <p class="player__note" lang="en">{note}</p>
                    {search}
                </figure>
            }
            .into_any();
        }
    };
    let config = use_config();
    // Never the service's own image server: the facade asks nothing of the
    // service until the reader presses play.
    let artwork = artwork.filter(|a| {
        a.width > 0 && a.height > 0 && !a.src.trim().is_empty() && crate::model::service_image_host(&a.src).is_none()
    });
    let video = player.is_video();
    // Music without artwork gets a drawn placeholder (in CSS); a video's frame is its own.
    let no_art = if artwork.is_none() { " player--no-art" } else { "" };
    let art = artwork.map(|a| (config.asset(&a.src), a.alt, a.width, a.height));
    let art = move || {
        art.clone().map(|(src, alt, width, height)| {
            view! { <img class="player__art" src=src alt=alt width=width height=height loading="lazy" decoding="async" /> }
        })
    };
    let (playing, set_playing) = signal(false);
    let frame = NodeRef::<Iframe>::new();
    // On a phone, or with large text, the facade is taller than the
    // service's player: its box is held, so pressing play moves nothing.
    let play = move |ev: leptos::ev::MouseEvent| {
        // Offline, the service's player would be the browser's error page
        // in the facade's place, with no way back but a reload.
        let offline = crate::browser::offline();
        let note = if offline { "You seem to be offline: press play again once the connection is back." } else { "" };
        crate::browser::say_in(ev.target(), ".player", ".player__note", note);
        if !offline {
            crate::browser::hold_height(ev.target(), ".player__frame");
            set_playing.set(true);
        }
    };

    // Move focus into the player once it is in the document, so keyboard
    // users can control it without hunting for it.
    Effect::new(move |_| {
        if let Some(frame) = frame.get() {
            request_animation_frame(move || {
                let _ = frame.focus();
            });
        }
    });

    let Player { service, provider, kind, embed_url, page_url, allow } = player;
    let class = if video {
        format!("player player--video player--{provider}")
    } else {
        format!("player player--audio player--{provider} player--{kind}{no_art}")
    };
    let frame_title = if artist.is_empty() { title.clone() } else { format!("{title} by {artist}") };
    // With its artist: an original and its cover on one page differ.
    let play_label = format!("Play {frame_title} on {service}");
    let link = format!("{} on {service}", if video { "Watch" } else { "Listen" });
    // The visible words first (what a reader who speaks commands says).
    let link_label = format!("{link}: {frame_title}");
    let facade = move || {
        view! {
            {art()}
            <p class="player__meta">
                <span class="player__title">{title.clone()}</span>
                <span class="player__artist">{artist.clone()}</span>
                <span class="player__service">{service}</span>
            </p>
            // The reader's own words, whatever the article's language.
            <button type="button" class="player__play" lang="en" on:click=play>
                <svg class="player__icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
                    <circle class="player__icon-bg" cx="24" cy="24" r="24" />
                    <path class="player__icon-fg" d="M19 14v20l16-10Z" />
                </svg>
                <span class="visually-hidden">{play_label.clone()}</span>
            </button>
        }
    };
    view! {
        <figure class=class id=id>
            <div class="player__frame">
                <Show when=move || playing.get() fallback=facade>
                    <iframe
                        class="player__embed"
                        node_ref=frame
                        src=embed_url.clone()
                        title=frame_title.clone()
                        allow=allow
                        allowfullscreen=video
                        referrerpolicy="strict-origin-when-cross-origin"
                        // Leptos has no `loading` attribute for iframes; the
                        // property reflects to it, and is set before insertion.
                        prop:loading="lazy"
                    ></iframe>
                </Show>
                // Where the page says its policy refused the service's
                // frame (players.js, which boot.js and mount.js load, writes
                // it), or that play waits for a connection (`play`).
                <p class="player__note" role="status" lang="en" data-service=service></p>
            </div>
            // Named by what it plays too: several "Listen on Spotify" in
            // one article would sound alike in a list of links.
            <figcaption class="player__caption">
                <a href=page_url rel="noopener" aria-label=link_label lang="en">
                    {link}
                </a>
            </figcaption>
        </figure>
    }
    .into_any()
}

/// The facade for a `video` or `audio` block; nothing for other blocks.
pub fn player_for(block: &Block) -> Option<AnyView> {
    let player = block.player()?;
    let (id, title, artist, artwork) = match block {
        // A poster is decorative: the play button already names the video.
        Block::Video { id, title, poster, .. } => (
            id,
            title,
            String::new(),
            poster.as_ref().map(|src| Image {
                src: src.clone(),
                alt: String::new(),
                width: 1280,
                height: 720,
                caption: None,
                credit: None,
            }),
        ),
        Block::Audio { id, title, artist, artwork, .. } => (id, title, artist.clone(), artwork.clone()),
        _ => return None,
    };
    // Its button, frame and link are named by its title (`publish
    // validate` reports an empty one; a video's is named by the parser).
    let title = match title.trim() {
        "" => format!("Untitled {}", player.as_ref().map_or("track", |p| p.kind)),
        _ => title.clone(),
    };
    Some(view! { <PlayerFacade id=id.clone() title artist artwork player /> }.into_any())
}
