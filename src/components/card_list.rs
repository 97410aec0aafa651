use leptos::prelude::*;

use crate::model::Card;

use super::ArticleCard;

/// A grid of story cards.
#[component]
pub fn CardList(
    /// The stories, in the order to show them.
    cards: Vec<Card>,
    /// Give every card the featured treatment.
    #[prop(optional)]
    featured: bool,
    /// Heading level of each card title.
    #[prop(default = 2)]
    heading_level: u8,
) -> impl IntoView {
    let class = if featured { "card-list card-list--featured" } else { "card-list" };
    view! {
        <ul class=class role="list">
            {cards
                .into_iter()
                .map(|card| view! { <li><ArticleCard card featured heading_level /></li> })
                .collect_view()}
        </ul>
    }
}
