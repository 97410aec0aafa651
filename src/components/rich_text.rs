use leptos::prelude::*;

use crate::config::AppConfig;
use crate::model::{language_runs, language_runs_within, Inline, SafeHref};

/// Text, with each stretch in Korean or Japanese marked with its language
/// so a screen reader reads it in its own voice (see `model::language`).
fn marked(text: String) -> AnyView {
    let mut runs = language_runs(&text);
    // Hanzi beside a Japanese name's kana are Chinese in a Chinese article
    // (or on a Chinese site's pages): the page's language is asked only of
    // text with kana, not of every run of text on the page.
    if runs.iter().any(|(_, lang)| *lang == Some("ja"))
        && crate::app::readers_language().is_some_and(|l| l.starts_with("zh"))
    {
        runs = language_runs_within(&text, true);
    }
    if runs.iter().all(|(_, lang)| lang.is_none()) {
        return text.into_any();
    }
    runs.into_iter()
        .map(|(run, lang)| match lang {
            Some(lang) => view! { <span lang=lang>{run.to_string()}</span> }.into_any(),
            None => run.to_string().into_any(),
        })
        .collect_view()
        .into_any()
}

/// A run of inline text with emphasis, strong and links. A link becomes an
/// `<a>` only if it passes the link rule; otherwise its text stays as text.
#[component]
pub fn RichText(
    /// The pieces of text, in order.
    content: Vec<Inline>,
) -> impl IntoView {
    let config = use_context::<AppConfig>().unwrap_or_else(|| AppConfig::new("/"));
    content
        .into_iter()
        .map(|inline| {
            let link = inline.link();
            let Inline { text, em, strong, .. } = inline;
            let text = marked(text);
            let styled = match (em, strong) {
                (true, true) => view! { <strong><em>{text}</em></strong> }.into_any(),
                (true, false) => view! { <em>{text}</em> }.into_any(),
                (false, true) => view! { <strong>{text}</strong> }.into_any(),
                (false, false) => text,
            };
            match link {
                Some(href @ SafeHref::Site(_)) => view! { <a href=href.resolve(&config.base)>{styled}</a> }.into_any(),
                Some(href) => view! {
                    <a href=href.resolve(&config.base) rel="noopener">{styled}</a>
                }
                .into_any(),
                None => styled.into_any(),
            }
        })
        .collect_view()
}
