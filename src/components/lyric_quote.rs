use leptos::prelude::*;

/// Lines of a lyric, each on its own line as written, with the song credited.
#[component]
pub fn LyricQuote(
    /// The block id, kept as the element id.
    id: String,
    /// The lines, in order.
    lines: Vec<String>,
    /// The song or writer, if given.
    cite: Option<String>,
) -> impl IntoView {
    view! {
        <figure class="lyric-quote" id=id>
            <blockquote class="lyric-quote__text">
                <p>
                    {lines
                        .into_iter()
                        .map(|line| view! { <span class="lyric-quote__line">{line}</span> })
                        .collect_view()}
                </p>
            </blockquote>
            {cite.map(|c| view! { <figcaption class="lyric-quote__cite">{c}</figcaption> })}
        </figure>
    }
}
