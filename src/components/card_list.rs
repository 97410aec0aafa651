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
    /// The list opens the page: its first picture is on the first screen,
    /// most likely its largest thing, and loads at once.
    #[prop(optional)]
    lead: bool,
) -> impl IntoView {
    let class = if featured { "card-list card-list--featured" } else { "card-list" };
    view! {
        <ul class=class role="list">
            {cards
                .into_iter()
                .enumerate()
                .map(|(i, card)| {
                    let eager = lead && i == 0;
                    view! { <li><ArticleCard card featured heading_level eager /></li> }
                })
                .collect_view()}
        </ul>
    }
}
