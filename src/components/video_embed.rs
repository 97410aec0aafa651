use leptos::prelude::*;

use crate::model::VideoId;

/// A music video in the flow of the article.
#[component]
pub fn VideoEmbed(
    /// The block id, kept as the element id.
    id: String,
    /// The provider named by the content, e.g. "youtube".
    provider: String,
    /// The provider's id for the video.
    video_id: String,
    /// The video's title.
    title: String,
    /// A poster image to show before playing.
    #[allow(unused_variables)]
    poster: Option<String>,
) -> impl IntoView {
    match VideoId::parse(&provider, &video_id) {
        Some(video) => view! {
            <p class="video-link" id=id>
                <a href=video.watch_url() rel="noopener">
                    {format!("Watch “{title}” on {}", video.provider().name())}
                </a>
            </p>
        }
        .into_any(),
        None => view! {
            <p class="video-unavailable" id=id>"This video is unavailable."</p>
        }
        .into_any(),
    }
}
