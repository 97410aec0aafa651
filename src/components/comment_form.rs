use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::html::{Input, Textarea};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::comments::{parse_comment_html, CommentError, DraftStore, Isso, OwnComments, Posted};
use crate::model::{CommentDraft, Field, FieldError, Markup};

use super::comment_item::now_seconds;
use super::CommentsContext;

static FORM_IDS: AtomicUsize = AtomicUsize::new(0);

/// Where a post stands. A failed post keeps the text; an ambiguous failure
/// (timeout, connection lost) remembers when it was sent, so the retry first
/// looks for the comment instead of posting it twice.
#[derive(Debug, Clone, PartialEq)]
enum Status {
    Idle,
    Posting,
    Failed { error: CommentError, sent_at: Option<f64> },
    Waiting(u32),
    Done { pending: bool },
}

/// The comment form: name, email, website and text with visible labels,
/// checks that match Isso's, a draft kept per thread until the server
/// confirms, and one post per click.
#[component]
pub fn CommentForm(
    /// The Isso thread to post into.
    #[prop(into)]
    thread: String,
    /// The comment being answered (its id and author), for replies.
    #[prop(optional)]
    parent: Option<(i64, String)>,
    /// Called with the server's answer once a comment is stored.
    on_posted: Callback<Posted>,
    /// Shown as a Cancel button when given (reply forms).
    #[prop(optional)]
    on_cancel: Option<Callback<()>>,
    /// The label of the text field.
    #[prop(optional, into)]
    text_label: Option<String>,
) -> impl IntoView {
    let ctx = use_context::<CommentsContext>();
    let form_id = FORM_IDS.fetch_add(1, Ordering::Relaxed);
    let draft_key = match &parent {
        Some((id, _)) => format!("{thread}>{id}"),
        None => thread.clone(),
    };
    let initial = DraftStore::load(&draft_key).unwrap_or_else(|| CommentDraft {
        // Name, email and website carry over from the reader's last comment.
        text: String::new(),
        notify: false,
        ..DraftStore::load("identity").unwrap_or_default()
    });
    let draft = RwSignal::new(initial);
    let storage_ok = DraftStore::available();
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let status = RwSignal::new(Status::Idle);
    let text_ref = NodeRef::<Textarea>::new();
    let author_ref = NodeRef::<Input>::new();
    let email_ref = NodeRef::<Input>::new();
    let website_ref = NodeRef::<Input>::new();
    let isso = ctx.as_ref().map(|c| c.isso);
    let title = ctx.as_ref().map(|c| c.title.clone()).unwrap_or_default();
    let feed = ctx.as_ref().and_then(|c| c.isso.get_untracked()).map(|i| i.feed_url(&thread));
    let server_signal = ctx.map(|c| c.server);
    let server = move || server_signal.and_then(|s| s.get()).unwrap_or_default();

    let key_for_save = StoredValue::new(draft_key.clone());
    let edit = move |f: fn(&mut CommentDraft, String), value: String| {
        draft.update(|d| f(d, value));
        DraftStore::save(&key_for_save.get_value(), &draft.get_untracked());
        if !errors.get_untracked().is_empty() {
            errors.set(draft.get_untracked().check(&server()));
        }
    };

    let thread_for_post = thread.clone();
    let parent_id = parent.as_ref().map(|(id, _)| *id);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // One post per click: while a post is in flight, further clicks wait.
        if matches!(status.get_untracked(), Status::Posting | Status::Waiting(_)) {
            return;
        }
        let current = draft.get_untracked();
        let problems = current.check(&server());
        errors.set(problems.clone());
        if let Some(first) = problems.first() {
            let focus_target: Option<web_sys::HtmlElement> = match first.field {
                Field::Text => text_ref.get_untracked().map(Into::into),
                Field::Author => author_ref.get_untracked().map(Into::into),
                Field::Email => email_ref.get_untracked().map(Into::into),
                Field::Website => website_ref.get_untracked().map(Into::into),
            };
            if let Some(el) = focus_target {
                let _ = el.focus();
            }
            return;
        }
        let Some(isso) = isso.and_then(|i| i.get_untracked()) else { return };
        let previous = status.get_untracked();
        status.set(Status::Posting);
        let thread = thread_for_post.clone();
        let key = draft_key.clone();
        let title = title.clone();
        spawn_local(async move {
            let sent_at = now_seconds();
            // After an ambiguous failure the comment may already be stored.
            if let Status::Failed { sent_at: Some(since), .. } = previous {
                if let Ok(Some(found)) = find_posted(&isso, &thread, &current, since).await {
                    finish(Posted { comment: found, pending: false }, &key, &current, status, draft, on_posted);
                    return;
                }
            }
            match isso.post(&thread, &title, parent_id, &current).await {
                Ok(posted) => finish(posted, &key, &current, status, draft, on_posted),
                Err(CommentError::RateLimited(secs)) => wait_then_allow(secs, status),
                Err(error) => {
                    let sent_at = error.is_ambiguous().then_some(sent_at);
                    status.set(Status::Failed { error, sent_at });
                }
            }
        });
    };

    let id = move |name: &str| format!("comment-{form_id}-{name}");
    let error_for = move |field: Field| errors.with(|e| e.iter().find(|e| e.field == field).map(|e| e.message));
    let described =
        move |field: Field, name: &'static str| error_for(field).map(|_| format!("comment-{form_id}-{name}-error"));
    let field_error = move |field: Field, name: &'static str| {
        move || {
            error_for(field).map(|message| {
                view! {
                    <p class="form-error" id=format!("comment-{form_id}-{name}-error")>{message}</p>
                }
            })
        }
    };
    let busy = move || matches!(status.get(), Status::Posting);
    let heading = match &parent {
        Some((_, name)) => format!("Reply to {name}"),
        None => "Leave a comment".to_string(),
    };
    let heading_label = heading.clone();
    let text_label = text_label.unwrap_or_else(|| "Your comment".to_string());
    let is_reply = parent.is_some();
    let show_feed = move || server().feed && !is_reply;
    let show_notify = move || server().reply_notifications;

    view! {
        <form class="comment-form" on:submit=submit novalidate=true aria-label=heading_label>
            <p class="comment-form__title">{heading}</p>
            {(!storage_ok).then(|| view! {
                <p class="comment-form__notice">"Drafts can’t be kept in this browser: if you leave the page, what you typed is lost."</p>
            })}
            <div class="comment-form__field">
                <label for=id("text")>{text_label}</label>
                <textarea
                    id=id("text")
                    node_ref=text_ref
                    rows="5"
                    required=true
                    aria-invalid=move || error_for(Field::Text).is_some().to_string()
                    aria-describedby=move || described(Field::Text, "text")
                    prop:value=move || draft.with(|d| d.text.clone())
                    on:input:target=move |ev| edit(|d, v| d.text = v, ev.target().value())
                ></textarea>
                {field_error(Field::Text, "text")}
            </div>
            <div class="comment-form__row">
                <div class="comment-form__field">
                    <label for=id("author")>{move || if server().require_author { "Name" } else { "Name (optional)" }}</label>
                    <input
                        id=id("author")
                        node_ref=author_ref
                        type="text"
                        autocomplete="name"
                        maxlength="254"
                        aria-invalid=move || error_for(Field::Author).is_some().to_string()
                        aria-describedby=move || described(Field::Author, "author")
                        prop:value=move || draft.with(|d| d.author.clone())
                        on:input:target=move |ev| edit(|d, v| d.author = v, ev.target().value())
                    />
                    {field_error(Field::Author, "author")}
                </div>
                <div class="comment-form__field">
                    <label for=id("email")>{move || if server().require_email { "Email (not shown)" } else { "Email (optional, not shown)" }}</label>
                    <input
                        id=id("email")
                        node_ref=email_ref
                        type="email"
                        autocomplete="email"
                        aria-invalid=move || error_for(Field::Email).is_some().to_string()
                        aria-describedby=move || described(Field::Email, "email")
                        prop:value=move || draft.with(|d| d.email.clone())
                        on:input:target=move |ev| edit(|d, v| d.email = v, ev.target().value())
                    />
                    {field_error(Field::Email, "email")}
                </div>
                <div class="comment-form__field">
                    <label for=id("website")>"Website (optional)"</label>
                    <input
                        id=id("website")
                        node_ref=website_ref
                        type="url"
                        autocomplete="url"
                        aria-invalid=move || error_for(Field::Website).is_some().to_string()
                        aria-describedby=move || described(Field::Website, "website")
                        prop:value=move || draft.with(|d| d.website.clone())
                        on:input:target=move |ev| edit(|d, v| d.website = v, ev.target().value())
                    />
                    {field_error(Field::Website, "website")}
                </div>
            </div>
            <Show when=show_notify>
                <div class="comment-form__check">
                    <input
                        id=id("notify")
                        type="checkbox"
                        prop:checked=move || draft.with(|d| d.notify)
                        on:change:target=move |ev| {
                            let on = ev.target().checked();
                            edit(|d, v| d.notify = v == "1", if on { "1".into() } else { String::new() });
                        }
                    />
                    <label for=id("notify")>"Notify me of replies to my comments (needs your email)"</label>
                </div>
            </Show>
            <div class="comment-form__buttons">
                <button type="submit" class="button" aria-busy=move || busy().to_string()>
                    {move || match status.get() {
                        Status::Posting => "Posting…",
                        Status::Failed { .. } => "Retry",
                        _ => "Post comment",
                    }}
                </button>
                {on_cancel.map(|cancel| view! {
                    <button type="button" class="button button--quiet" on:click=move |_| cancel.run(())>"Cancel"</button>
                })}
                <Show when=show_feed>
                    {feed.clone().map(|href| view! {
                        <a class="comment-form__feed" href=href>"Follow this thread (Atom feed)"</a>
                    })}
                </Show>
            </div>
            <div class="comment-form__status" role="status" aria-live="polite">
                {move || match status.get() {
                    Status::Failed { error, .. } => Some(format!("Your comment was not posted: {error}. Your text is kept; press Retry.")),
                    Status::Waiting(secs) => Some(format!("Too many comments at once. You can post again in {secs} seconds.")),
                    Status::Done { pending: true } => Some("Thanks! Your comment is awaiting moderation.".to_string()),
                    Status::Done { pending: false } => Some("Your comment was posted.".to_string()),
                    Status::Posting => Some("Posting your comment…".to_string()),
                    Status::Idle => None,
                }}
            </div>
        </form>
    }
}

/// A post the server confirmed: the draft goes, the identity stays.
fn finish(
    posted: Posted,
    key: &str,
    sent: &CommentDraft,
    status: RwSignal<Status>,
    draft: RwSignal<CommentDraft>,
    on_posted: Callback<Posted>,
) {
    DraftStore::clear(key);
    DraftStore::save("identity", &CommentDraft { text: String::new(), ..sent.clone() });
    OwnComments::remember(posted.comment.id, posted.comment.created);
    draft.update(|d| d.text.clear());
    status.set(Status::Done { pending: posted.pending });
    on_posted.run(posted);
}

/// Counts down Isso's `Retry-After` before the button works again.
fn wait_then_allow(secs: u32, status: RwSignal<Status>) {
    status.set(Status::Waiting(secs));
    if secs == 0 {
        status.set(Status::Idle);
        return;
    }
    set_timeout(move || wait_then_allow(secs.saturating_sub(1), status), std::time::Duration::from_secs(1));
}

/// Looks for a comment with this text and author posted since `since`.
async fn find_posted(
    isso: &Isso,
    thread: &str,
    draft: &CommentDraft,
    since: f64,
) -> Result<Option<crate::model::Comment>, CommentError> {
    let page = isso.thread(thread, crate::model::SortOrder::Newest, Some(50), 0).await?;
    let wanted = normalize(&draft.text);
    let author = draft.author.trim();
    let found = page
        .replies
        .into_iter()
        .flat_map(|c| {
            let replies = c.replies.clone();
            std::iter::once(c).chain(replies)
        })
        .find(|c| {
            c.created >= since - 5.0
                && c.author.as_deref().unwrap_or("").trim() == author
                && normalize(&Markup::plain_text(&parse_comment_html(&c.text))) == wanted
        });
    Ok(found)
}

fn normalize(text: &str) -> String {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| c == '*' || c == '_' || c == '`'))
        .collect::<Vec<_>>()
        .join(" ")
}
