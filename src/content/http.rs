use gloo_net::http::Request;
use leptos::prelude::on_cleanup;
use send_wrapper::SendWrapper;

use crate::model::LoadError;

/// GETs a text resource. The request is aborted if the view that asked for
/// it is cleaned up (the reader navigated away), so no stale work runs on.
pub async fn get_text(url: &str) -> Result<String, LoadError> {
    let controller = SendWrapper::new(web_sys::AbortController::new().ok());
    let signal = controller.as_ref().map(|c| c.signal());
    on_cleanup(move || {
        if let Some(controller) = controller.take() {
            controller.abort();
        }
    });

    let response =
        Request::get(url).abort_signal(signal.as_ref()).send().await.map_err(|e| LoadError::Network(e.to_string()))?;
    match response.status() {
        200..=299 => {}
        404 | 410 => return Err(LoadError::NotFound),
        status => return Err(LoadError::Http(status)),
    }
    // Files-only hosts answer a missing file with their HTML 404 page, and
    // some with status 200: that is not article data.
    let content_type = response.headers().get("content-type").unwrap_or_default();
    if content_type.contains("text/html") {
        return Err(LoadError::NotJson);
    }
    response.text().await.map_err(|e| LoadError::Network(e.to_string()))
}
