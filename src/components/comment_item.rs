use leptos::prelude::*;

use crate::comments::{use_comments, CommentEntry, Posted};
use crate::model::{iso_time, relative_time, Comment, Markup};

use super::{CommentChunks, CommentForm, CommentText};

/// Provided by a passage's open panel to the comments within.
#[derive(Clone, Copy)]
pub struct InPanel;

/// One comment: author, time, text, likes, Reply (and Edit/Delete for the
/// reader's own recent comments), and its replies beneath it.
#[component]
pub fn CommentItem(
    /// The comment, with its replies.
    comment: Comment,
    /// The thread it belongs to.
    #[prop(into)]
    thread: String,
    /// The top-level comment of this branch: Isso nests one level, so a reply
    /// to a reply is stored under it.
    #[prop(optional)]
    top: Option<CommentEntry>,
) -> impl IntoView {
    let Some(store) = use_comments() else {
        return ().into_any();
    };
    let entry = CommentEntry::new(store, &comment, &thread);
    let id = comment.id;
    // A passage's comment may show twice, in its open panel and in the
    // thread's feedback list: the address `#comment-{id}` names the list's,
    // `#{passage}#comment-{id}` the panel's, and the ids within (the text a
    // fold controls) are this copy's own.
    let anchor = match use_context::<InPanel>() {
        None => format!("comment-{id}"),
        Some(_) => format!("passage-comment-{id}"),
    };
    let text_id = StoredValue::new(format!("{}-text", store.form_id()));
    let name = comment.author_name();
    let created = comment.created;
    let pending = comment.is_pending();
    // Replies to a reply are listed (and stored) under the top-level comment.
    let branch = top.unwrap_or(entry);
    // A link named one of this comment's folded replies: they open, and
    // the page goes to it once it is there.
    if top.is_none() {
        Effect::new(move |_| {
            let more = entry.hidden_replies.get() > 0 && !entry.loading_replies.get();
            if store.unfold_wanted() == Some(entry.id) && more && crate::browser::pending_comment().is_some() {
                entry.show_more_replies();
            }
        });
    }
    let author = match comment.author_link() {
        Some(href) => {
            view! { <a class="comment__author" href=href rel="nofollow ugc noopener">{name.clone()}</a> }.into_any()
        }
        None => view! { <span class="comment__author">{name.clone()}</span> }.into_any(),
    };
    let exact = crate::browser::locale_time(created);
    let like_label = StoredValue::new(format!(": like the comment by {name}"));
    let reply_label = format!(" to {name}");
    // A reader's own comments all sound alike by author: Edit and Delete
    // name theirs by when it was posted.
    let own_label = StoredValue::new(format!(" your comment of {exact}"));
    let reply_to = (branch.id, name.clone());
    // When the reply form or the editor closes, or the comment is deleted,
    // focus goes back to the button that opened it (or to the note that
    // says it was deleted), not to nowhere.
    let reply_button = NodeRef::<leptos::html::Button>::new();
    let edit_button = NodeRef::<leptos::html::Button>::new();
    let deleted_note = NodeRef::<leptos::html::P>::new();
    let confirming = RwSignal::new(false);
    // The reply form goes once its reply is posted, and its status with it:
    // this says so in its place, for those who hear the page.
    let reply_said = RwSignal::new(None::<&'static str>);
    // A long comment shows folded, the rest a press away; a link in the
    // folded part that takes the keyboard's focus unfolds it first.
    let long = move || entry.text.with(|t| Markup::is_long(t));
    let unfolded = RwSignal::new(false);
    Effect::new(move |was: Option<(bool, bool, bool, bool)>| {
        let now = (entry.replying.get(), entry.editing.get(), entry.deleted.get(), entry.hidden_replies.get() > 0);
        if let Some((was_replying, was_editing, was_deleted, had_more)) = was {
            let back = if !was_deleted && now.2 {
                deleted_note.get_untracked().map(Into::into)
            } else if was_replying && !now.0 {
                reply_button.get_untracked().map(Into::into)
            } else if was_editing && !now.1 {
                edit_button.get_untracked().map(Into::into)
            } else if had_more && !now.3 {
                // "Show more replies" is gone once all are shown.
                reply_button.get_untracked().map(Into::into)
            } else {
                None
            };
            if let Some(target) = back {
                crate::browser::refocus_if_lost(target, 1);
            }
        }
        now
    });
    let thread_for_replies = thread.clone();

    view! {
        <li class="comment" id=anchor>
            <article class="comment__body" aria-label=format!("Comment by {name}")>
                <header class="comment__meta">
                    {author}
                    <time class="comment__time" datetime=iso_time(created) title=exact.clone()>
                        {relative_time(created, crate::browser::now_seconds())}
                        <span class="visually-hidden">{format!(" ({exact})")}</span>
                    </time>
                    {pending.then(|| view! { <span class="comment__pending">"Awaiting moderation"</span> })}
                </header>
                <Show
                    when=move || !entry.deleted.get()
                    fallback=move || {
                        view! { <p class="comment__deleted" tabindex="-1" node_ref=deleted_note>"This comment was deleted."</p> }
                    }
                >
                    <Show
                        when=move || entry.editing.get()
                        fallback=move || view! {
                            <div
                                class="comment__text"
                                id=text_id.get_value()
                                lang=crate::app::readers_language()
                                class:comment__text--folded=move || long() && !unfolded.get()
                                on:focusin=move |_| unfolded.set(true)
                            >
                                <CommentText markup=entry.text.get() />
                            </div>
                            <Show when=long>
                                <button
                                    type="button"
                                    class="comment__action comment__unfold"
                                    aria-expanded=move || unfolded.get().to_string()
                                    aria-controls=text_id.get_value()
                                    on:click=move |_| unfolded.update(|u| *u = !*u)
                                >
                                    {move || if unfolded.get() { "Show less" } else { "Show the whole comment" }}
                                </button>
                            </Show>
                        }
                    >
                        <CommentEditor entry field_id=store.form_id() />
                    </Show>
                    <div class="comment__actions">
                        <button
                            type="button"
                            class="comment__action comment__like"
                            aria-pressed=move || entry.liked.get().to_string()
                            on:click=move |_| entry.like()
                        >
                            // Filled once liked: the pressed state shows by
                            // shape, not by a shade of red alone.
                            <span aria-hidden="true">{move || if entry.liked.get() { "♥ " } else { "♡ " }}</span>
                            {move || entry.likes.get()}
                            <span class="visually-hidden">
                                {move || if entry.likes.get() == 1 { " like" } else { " likes" }}
                                {like_label.get_value()}
                            </span>
                        </button>
                        <button
                            type="button"
                            class="comment__action"
                            aria-expanded=move || entry.replying.get().to_string()
                            node_ref=reply_button
                            on:click=move |_| {
                                reply_said.set(None);
                                entry.replying.update(|r| *r = !*r)
                            }
                        >
                            "Reply"
                            <span class="visually-hidden">{reply_label.clone()}</span>
                        </button>
                        <Show when=move || entry.own.get()>
                            <button type="button" class="comment__action" node_ref=edit_button on:click=move |_| {
                                entry.saved.set(false);
                                entry.editing.set(true);
                            }>
                                "Edit"
                                <span class="visually-hidden">{own_label.get_value()}</span>
                            </button>
                            // Deleting is for good: a second press, on the
                            // same button, confirms it (a slip of the finger
                            // next to Edit and Reply does not).
                            <button
                                type="button"
                                class="comment__action"
                                class:comment__action--confirm=move || confirming.get()
                                on:click=move |_| {
                                    if confirming.get_untracked() {
                                        confirming.set(false);
                                        entry.delete();
                                    } else {
                                        confirming.set(true);
                                    }
                                }
                                on:blur=move |_| confirming.set(false)
                                on:keydown=move |ev| {
                                    // Only the confirmation is called off, not a
                                    // feedback panel the comment is in.
                                    if ev.key() == "Escape" && confirming.get_untracked() {
                                        ev.stop_propagation();
                                        confirming.set(false);
                                    }
                                }
                            >
                                {move || if confirming.get() { "Confirm delete" } else { "Delete" }}
                                <span class="visually-hidden">{own_label.get_value()}</span>
                            </button>
                            <span class="visually-hidden" role="status">
                                {move || confirming.get().then_some("Press Confirm delete to delete this comment for good.")}
                            </span>
                        </Show>
                    </div>
                </Show>
                // There from the start, empty until a note comes: a region
                // added with its words is not heard by every screen reader.
                <p class="comment__note" role="status">{move || entry.note.get()}</p>
                <Show when=move || entry.replying.get()>
                    <CommentForm
                        thread=thread.clone()
                        parent=reply_to.clone()
                        on_posted=Callback::new(move |posted: Posted| {
                            reply_said.set(Some(if posted.pending {
                                "Thanks! Your reply is awaiting moderation."
                            } else {
                                "Your reply was posted."
                            }));
                            entry.replying.set(false);
                            branch.add_reply(posted.comment);
                        })
                        on_cancel=Callback::new(move |_| entry.replying.set(false))
                    />
                </Show>
                <span class="visually-hidden" role="status">
                    {move || reply_said.get().or_else(|| entry.saved.get().then_some("Your change was saved."))}
                </span>
            </article>
            // Keyed by comment: a reply posted or shown later joins the
            // list, and the replies already there stay as they are (their
            // open forms, and the Reply button focus comes back to).
            <Show when=move || entry.replies.with(|list| !list.is_empty())>
                <ol class="comment__replies" role="list">
                    <CommentChunks
                        each=Signal::derive(move || {
                            entry.replies.with(|list| {
                                list.iter().map(|reply| (reply.id as usize, std::sync::Arc::new(vec![reply.clone()]))).collect()
                            })
                        })
                        thread=thread_for_replies.clone()
                        top=branch
                    />
                </ol>
            </Show>
            {move || {
                let hidden = entry.hidden_replies.get();
                (hidden > 0).then(|| {
                    let label = if hidden == 1 { "Show 1 more reply".to_string() } else { format!("Show {hidden} more replies") };
                    view! {
                        <button
                            type="button"
                            class="button button--quiet comment__more-replies"
                            aria-busy=move || entry.loading_replies.get().to_string()
                            on:click=move |_| entry.show_more_replies()
                        >
                            {label}
                            <span class="visually-hidden">{format!(" to {name}")}</span>
                        </button>
                    }
                })
            }}
        </li>
    }
    .into_any()
}

/// A small form to change one's own comment while the server allows it.
/// It holds what the reader wrote (their Markdown, from the server), so a
/// link or a list survives the edit; until that arrives, the text as shown.
#[component]
fn CommentEditor(
    entry: CommentEntry,
    /// The id of its text box, unique on the page.
    field_id: String,
) -> impl IntoView {
    let (text, set_text) = signal(Markup::plain_text(&entry.text.get_untracked()));
    let (touched, set_touched) = signal(false);
    let (empty, set_empty) = signal(false);
    leptos::task::spawn_local(async move {
        if let Some(source) = entry.source().await {
            if !touched.try_get_untracked().unwrap_or(true) {
                set_text.try_set(source);
            }
        }
    });
    let error_id = StoredValue::new(format!("{field_id}-error"));
    // The box opens above its Edit button: focus goes into it, or the
    // reader would have to go back through the buttons to find it.
    let field = NodeRef::<leptos::html::Textarea>::new();
    Effect::new(move |_| {
        if let Some(field) = field.get() {
            crate::browser::focus(&field);
        }
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = text.get_untracked();
        // Isso refuses an empty comment; deleting it is what that means.
        let blank = text.trim().chars().count() < crate::model::TEXT_MIN;
        set_empty.set(blank);
        if !blank {
            entry.save_edit(text);
        }
    };
    view! {
        // Escape cancels, as Cancel does (focus goes back to Edit).
        <form
            class="comment-editor"
            on:submit=save
            on:keydown=move |ev| {
                // Not the Escape that cancels an input method's composition.
                // Only the edit is cancelled, not a feedback panel around it.
                if ev.key() == "Escape" && !ev.is_composing() {
                    ev.stop_propagation();
                    entry.editing.set(false);
                }
            }
        >
            <label for=field_id.clone()>"Edit your comment"</label>
            <textarea
                id=field_id
                lang=crate::app::readers_language()
                node_ref=field
                rows="4"
                aria-invalid=move || empty.get().to_string()
                aria-describedby=move || empty.get().then(|| error_id.get_value())
                prop:value=move || text.get()
                on:input:target=move |ev| {
                    set_touched.set(true);
                    set_text.set(ev.target().value());
                }
            ></textarea>
            {move || {
                empty
                    .get()
                    .then(|| {
                        view! {
                            <p class="form-error" id=error_id.get_value() role="alert">
                                "Write at least 3 characters, or delete the comment."
                            </p>
                        }
                    })
            }}
            {move || entry.edit_error.get().map(|e| {
                // An edit sent again only sets the same text: safe to repeat.
                let said = if e.is_ambiguous() {
                    format!("This change may not have been saved: {e}. Save again to be sure.")
                } else {
                    format!("Not saved: {e}.")
                };
                view! { <p class="form-error" role="alert">{said}</p> }
            })}
            <div class="comment-form__buttons">
                <button type="submit" class="button" aria-busy=move || entry.saving.get().to_string()>"Save"</button>
                <button type="button" class="button button--quiet" on:click=move |_| entry.editing.set(false)>"Cancel"</button>
            </div>
        </form>
    }
}
