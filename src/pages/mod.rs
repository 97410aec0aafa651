//! One route a file.

mod article;
mod category;
pub(crate) mod embed;
mod home;
mod not_found;
mod search;

pub use article::ArticlePage;
pub use category::CategoryPage;
pub use embed::EmbedArticlePage;
pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use search::SearchPage;
