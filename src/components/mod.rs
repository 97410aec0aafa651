//! One component a file, named after what the reader sees.

mod article_card;
mod article_figure;
mod article_view;
mod body_block;
mod card_list;
mod load_error_message;
mod loading_note;
mod lyric_quote;
mod page_heading;
mod page_meta;
mod published_date;
mod pull_quote;
mod rich_text;
mod route_announcer;
mod site_footer;
mod site_header;
mod skip_link;
mod video_embed;

pub use article_card::ArticleCard;
pub use article_figure::ArticleFigure;
pub use article_view::ArticleView;
pub use body_block::BodyBlock;
pub use card_list::CardList;
pub use load_error_message::LoadErrorMessage;
pub use loading_note::LoadingNote;
pub use lyric_quote::LyricQuote;
pub use page_heading::PageHeading;
pub use page_meta::PageMeta;
pub use published_date::PublishedDate;
pub use pull_quote::PullQuote;
pub use rich_text::RichText;
pub use route_announcer::{Announcer, RouteAnnouncer};
pub use site_footer::SiteFooter;
pub use site_header::SiteHeader;
pub use skip_link::SkipLink;
pub use video_embed::VideoEmbed;
