use leptos::html::{Input, Textarea};
use leptos::prelude::*;

use crate::comments::{use_comments, Composer, PostStatus, Posted};
use crate::model::Field;

/// The comment form: name, email, website and text with visible labels,
/// checks that match the server's, a draft kept per thread until the server
/// confirms, and one post per click. What it holds and where the post
/// stands live in a [`Composer`]; this renders it.
#[component]
pub fn CommentForm(
    /// The thread to post into.
    #[prop(into)]
    thread: String,
    /// The comment being answered (its id and author), for replies.
    #[prop(optional)]
    parent: Option<(i64, String)>,
    /// Called with the server's answer once a comment is stored.
    #[prop(optional)]
    on_posted: Option<Callback<Posted>>,
    /// Shown as a Cancel button when given (reply forms).
    #[prop(optional)]
    on_cancel: Option<Callback<()>>,
    /// The label of the text field.
    #[prop(optional, into)]
    text_label: Option<String>,
) -> impl IntoView {
    let Some(store) = use_comments() else {
        return ().into_any();
    };
    let form_id = StoredValue::new(store.form_id());
    let composer = Composer::new(store, thread, parent.as_ref().map(|(id, _)| *id), on_posted);
    // Storage events come only from other tabs.
    let on_storage = window_event_listener(leptos::ev::storage, move |_| composer.keep_after_other_tab());
    on_cleanup(move || on_storage.remove());
    let draft = composer.draft;
    let status = composer.status;
    let text_ref = NodeRef::<Textarea>::new();
    let author_ref = NodeRef::<Input>::new();
    let email_ref = NodeRef::<Input>::new();
    let website_ref = NodeRef::<Input>::new();
    let feed = composer.feed_url();
    let server = move || store.server();
    // A reply form opens because the reader pressed Reply: they write next,
    // so the text field takes focus (the form follows the comment's other
    // buttons, which Tab would otherwise go through first).
    if parent.is_some() {
        // Runs again only when the field is first there.
        Effect::new(move |_| {
            if let Some(field) = text_ref.get() {
                crate::browser::focus(&field);
            }
        });
    }

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let focus_target: Option<web_sys::HtmlElement> = match composer.submit() {
            Some(Field::Text) => text_ref.get_untracked().map(Into::into),
            Some(Field::Author) => author_ref.get_untracked().map(Into::into),
            Some(Field::Email) => email_ref.get_untracked().map(Into::into),
            Some(Field::Website) => website_ref.get_untracked().map(Into::into),
            None => None,
        };
        if let Some(el) = focus_target {
            crate::browser::focus(&el);
        }
    };

    let id = move |name: &str| format!("{}-{name}", form_id.get_value());
    let error_for = move |field: Field| composer.error_for(field);
    let described = move |field: Field, name: &'static str| {
        error_for(field).map(|_| format!("{}-{name}-error", form_id.get_value()))
    };
    let field_error = move |field: Field, name: &'static str| {
        move || {
            error_for(field).map(|message| {
                view! { <p class="form-error" id=format!("{}-{name}-error", form_id.get_value())>{message}</p> }
            })
        }
    };
    // Each form on the page has a name of its own: a passage's (it asks its
    // own question) is not the article's.
    let heading = match (&parent, &text_label) {
        (Some((_, name)), _) => format!("Reply to {name}"),
        (None, Some(_)) => "Leave feedback on this passage".to_string(),
        (None, None) => "Leave a comment".to_string(),
    };
    let heading_label = heading.clone();
    // The article's own form sits below the thread, where a new comment may
    // show far above it (newest first, after "View all").
    let article_form = parent.is_none() && text_label.is_none();
    let text_label = text_label.unwrap_or_else(|| "Your comment".to_string());
    let is_reply = parent.is_some();
    let show_feed = move || server().feed && !is_reply;
    let show_notify = move || server().reply_notifications;
    let storage_ok = composer.storage_ok;

    // Escape closes a reply form, as Cancel does; its draft is kept.
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && !ev.is_composing() {
            if let Some(cancel) = on_cancel {
                // Only the reply form closes, not a passage's panel around it.
                ev.stop_propagation();
                cancel.run(());
            }
        }
    };
    view! {
        <form class="comment-form" on:submit=submit on:keydown=on_keydown novalidate=true aria-label=heading_label>
            <p class="comment-form__title">{heading}</p>
            <Show when=move || !storage_ok.get()>
                <p class="comment-form__notice">
                    "This browser lets the page keep nothing (as in some embedded pages): if you leave it, what you \
                     typed is lost, and a comment you post here can’t be edited or deleted afterwards."
                </p>
            </Show>
            <div class="comment-form__field">
                <label for=id("text")>{text_label}</label>
                // In the site's language: the browser checks the spelling
                // of a German comment in German.
                <textarea
                    id=id("text")
                    lang=crate::app::readers_language()
                    node_ref=text_ref
                    rows="5"
                    required=true
                    // What the server is given is what the box holds: words
                    // typed while it answers would be cleared with the rest.
                    readonly=move || matches!(status.get(), PostStatus::Posting | PostStatus::Slow)
                    aria-invalid=move || error_for(Field::Text).is_some().to_string()
                    aria-describedby=move || described(Field::Text, "text")
                    prop:value=move || draft.with(|d| d.text.clone())
                    on:input:target=move |ev| composer.edit(|d| d.text = ev.target().value())
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
                        on:input:target=move |ev| composer.edit(|d| d.author = ev.target().value())
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
                        on:input:target=move |ev| composer.edit(|d| d.email = ev.target().value())
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
                        on:input:target=move |ev| composer.edit(|d| d.website = ev.target().value())
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
                        on:change:target=move |ev| composer.edit(|d| d.notify = ev.target().checked())
                    />
                    <label for=id("notify")>"Notify me of replies to my comments (needs your email)"</label>
                </div>
            </Show>
            <div class="comment-form__buttons">
                <button type="submit" class="button" aria-busy=move || composer.busy().to_string()>
                    {move || status.get().button_label()}
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
                {move || status.get().message()}
            </div>
            <p class="comment-form__countdown">{move || status.get().countdown()}</p>
            {move || {
                let shown = matches!(status.get(), PostStatus::Done { pending: false } | PostStatus::ArrivedAsFirstSent);
                // Not to a comment the reader has deleted since.
                let id = composer.posted.get().filter(|id| shown && article_form && !store.deleted_this_visit(*id))?;
                let target = format!("comment-{id}");
                let href = format!("#{target}");
                Some(view! {
                    <p class="comment-form__posted">
                        <a
                            href=href
                            on:click=move |ev| {
                                if crate::browser::show_within(ev.target(), ".comments", &target) {
                                    ev.prevent_default();
                                }
                            }
                        >
                            "Go to your comment"
                        </a>
                    </p>
                })
            }}
        </form>
    }
    .into_any()
}
