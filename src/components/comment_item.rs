use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::comments::{parse_comment_html, CommentError, Isso, OwnComments};
use crate::model::{relative_time, Comment};

use super::{CommentForm, CommentText, CommentsContext};

/// Isso lets an author change a comment for 15 minutes (its `max-age`).
const EDIT_WINDOW_SECONDS: f64 = 15.0 * 60.0;

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
    top: Option<i64>,
    /// For replies: hands a new reply up to the top-level comment, which
    /// lists it (Isso stores it there).
    #[prop(optional)]
    on_reply_posted: Option<Callback<Comment>>,
) -> impl IntoView {
    let ctx = use_context::<CommentsContext>();
    let id = comment.id;
    let name = comment.author_name();
    let link = comment.author_link();
    let created = comment.created;
    let (text, set_text) = signal(parse_comment_html(&comment.text));
    let (likes, set_likes) = signal(comment.likes);
    let (liked, set_liked) = signal(false);
    let (replying, set_replying) = signal(false);
    let (editing, set_editing) = signal(false);
    let (deleted, set_deleted) = signal(comment.is_deleted());
    let (note, set_note) = signal(None::<String>);
    let (replies, set_replies) = signal(comment.replies.clone());
    let pending = comment.is_pending();
    let own = OwnComments::contains(id) && now_seconds() - created < EDIT_WINDOW_SECONDS;
    let isso_signal = ctx.as_ref().map(|c| c.isso);
    let isso = move || isso_signal.and_then(|s| s.get_untracked());

    let like = {
        let isso = isso.clone();
        move |_| {
            if liked.get_untracked() {
                return;
            }
            let Some(isso) = isso() else { return };
            set_liked.set(true);
            spawn_local(async move {
                match isso.like(id).await {
                    Ok(count) => set_likes.set(count),
                    Err(e) => {
                        set_liked.set(false);
                        set_note.set(Some(format!("Could not like this comment: {e}.")));
                    }
                }
            });
        }
    };

    let delete = {
        let isso = isso.clone();
        move |_| {
            let Some(isso) = isso() else { return };
            spawn_local(async move {
                match isso.delete(id).await {
                    Ok(()) => {
                        OwnComments::forget(id);
                        set_deleted.set(true);
                    }
                    Err(e) => set_note.set(Some(format!("Could not delete: {e}."))),
                }
            });
        }
    };

    let parent_for_reply = top.unwrap_or(id);
    let thread_for_form = thread.clone();
    let thread_for_replies = thread.clone();
    let reply_name = name.clone();
    let exact = exact_time(created);
    let author = match link {
        Some(href) => {
            view! { <a class="comment__author" href=href rel="nofollow ugc noopener">{name.clone()}</a> }.into_any()
        }
        None => view! { <span class="comment__author">{name.clone()}</span> }.into_any(),
    };
    let like_label = format!(" likes: like the comment by {name}");
    let isso_for_edit = isso.clone();

    view! {
        <li class="comment" id=format!("comment-{id}")>
            <article class="comment__body" aria-label=format!("Comment by {name}")>
                <header class="comment__meta">
                    {author}
                    <time class="comment__time" datetime=iso_time(created) title=exact.clone()>
                        {relative_time(created, now_seconds())}
                        <span class="visually-hidden">{format!(" ({exact})")}</span>
                    </time>
                    {pending.then(|| view! { <span class="comment__pending">"Awaiting moderation"</span> })}
                </header>
                <Show
                    when=move || !deleted.get()
                    fallback=|| view! { <p class="comment__deleted">"This comment was deleted."</p> }
                >
                    <Show
                        when=move || editing.get()
                        fallback=move || view! { <div class="comment__text"><CommentText markup=text.get() /></div> }
                    >
                        <CommentEditor
                            id
                            isso=isso_for_edit()
                            initial=crate::model::Markup::plain_text(&text.get_untracked())
                            on_done=Callback::new(move |updated: Option<Comment>| {
                                if let Some(c) = updated {
                                    set_text.set(parse_comment_html(&c.text));
                                }
                                set_editing.set(false);
                            })
                        />
                    </Show>
                    <div class="comment__actions">
                        <button
                            type="button"
                            class="comment__action comment__like"
                            aria-pressed=move || liked.get().to_string()
                            on:click=like.clone()
                        >
                            <span aria-hidden="true">"♥ "</span>
                            {move || likes.get()}
                            <span class="visually-hidden">{like_label.clone()}</span>
                        </button>
                        <button
                            type="button"
                            class="comment__action"
                            aria-expanded=move || replying.get().to_string()
                            on:click=move |_| set_replying.update(|r| *r = !*r)
                        >
                            "Reply"
                        </button>
                        {own.then(|| view! {
                            <button type="button" class="comment__action" on:click=move |_| set_editing.set(true)>"Edit"</button>
                            <button type="button" class="comment__action" on:click=delete.clone()>"Delete"</button>
                        })}
                    </div>
                </Show>
                {move || note.get().map(|n| view! { <p class="comment__note" role="status">{n}</p> })}
                <Show when=move || replying.get()>
                    <CommentForm
                        thread=thread_for_form.clone()
                        parent=(parent_for_reply, reply_name.clone())
                        on_posted=Callback::new(move |posted: crate::comments::Posted| {
                            set_replying.set(false);
                            match on_reply_posted {
                                Some(up) => up.run(posted.comment),
                                None => set_replies.update(|r| r.push(posted.comment)),
                            }
                        })
                        on_cancel=Callback::new(move |_| set_replying.set(false))
                    />
                </Show>
            </article>
            {move || {
                let list = replies.get();
                (!list.is_empty()).then(|| {
                    let thread = thread_for_replies.clone();
                    view! {
                        <ol class="comment__replies" role="list">
                            {list
                                .into_iter()
                                .map(|reply| {
                                    let up = Callback::new(move |c: Comment| set_replies.update(|r| r.push(c)));
                                    view! { <CommentItem comment=reply thread=thread.clone() top=parent_for_reply on_reply_posted=up /> }.into_any()
                                })
                                .collect_view()}
                        </ol>
                    }
                })
            }}
        </li>
    }
    .into_any()
}

/// A small form to change one's own comment while Isso allows it.
#[component]
fn CommentEditor(id: i64, isso: Option<Isso>, initial: String, on_done: Callback<Option<Comment>>) -> impl IntoView {
    let (text, set_text) = signal(initial);
    let (busy, set_busy) = signal(false);
    let (error, set_error) = signal(None::<CommentError>);
    let field_id = format!("edit-{id}");
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Some(isso) = isso.clone() else { return };
        set_busy.set(true);
        spawn_local(async move {
            match isso.edit(id, &text.get_untracked()).await {
                Ok(c) => on_done.run(Some(c)),
                Err(e) => set_error.set(Some(e)),
            }
            set_busy.set(false);
        });
    };
    view! {
        <form class="comment-editor" on:submit=save>
            <label for=field_id.clone()>"Edit your comment"</label>
            <textarea
                id=field_id
                rows="4"
                prop:value=move || text.get()
                on:input:target=move |ev| set_text.set(ev.target().value())
            ></textarea>
            {move || error.get().map(|e| view! { <p class="form-error" role="alert">{format!("Not saved: {e}.")}</p> })}
            <div class="comment-form__buttons">
                <button type="submit" class="button" aria-busy=move || busy.get().to_string()>"Save"</button>
                <button type="button" class="button button--quiet" on:click=move |_| on_done.run(None)>"Cancel"</button>
            </div>
        </form>
    }
}

pub(crate) fn now_seconds() -> f64 {
    crate::browser::now_seconds()
}

fn iso_time(created: f64) -> String {
    crate::model::iso_time(created)
}

/// The exact moment in the reader's locale, for the tooltip and screen readers.
fn exact_time(created: f64) -> String {
    crate::browser::locale_time(created)
}
