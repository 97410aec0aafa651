use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::app::Catalog;
use crate::comments::{article_thread, feedback_thread, CommentError, Isso, Posted};
use crate::model::{Comment, CommentService, ServerConfig, SortOrder};

use super::{CommentForm, CommentItem};

/// Top-level comments per page, as the first screen shows them.
const FIRST_PAGE: usize = 10;
/// Pages fetched by "View all comments".
const MORE_PAGE: usize = 100;
/// Comments rendered per task, so a long thread never blocks the page for
/// more than a few milliseconds at a time.
const RENDER_CHUNK: usize = 20;

/// Rendered slices of the thread, each keyed once and never rebuilt, so
/// appending the 5,000th comment costs what appending the 20th did.
type Chunks = Vec<(usize, Arc<Vec<Comment>>)>;

/// What the comment parts of an article page share: the server, its
/// settings, the counts of every thread (fetched in one request), and a
/// trigger to reload after a change.
#[derive(Clone)]
pub struct CommentsContext {
    pub isso: Signal<Option<Isso>>,
    pub server: Signal<Option<ServerConfig>>,
    pub slug: String,
    pub title: String,
    pub counts: RwSignal<HashMap<String, i64>>,
    pub reload: Trigger,
}

impl CommentsContext {
    /// Sets up comments for one article from the site's settings; with no
    /// comment service, every comment part of the page stays absent.
    pub fn provide(slug: String, title: String, threads: Vec<String>) -> Self {
        let catalog = use_context::<Catalog>();
        let isso = Signal::derive(move || match catalog.map(|c| c.site().comments) {
            Some(CommentService::Isso { endpoint }) => Some(Isso::new(&endpoint)),
            _ => None,
        });
        let server_config = LocalResource::new(move || {
            let isso = isso.get();
            async move {
                match isso {
                    Some(isso) => isso.config().await.ok(),
                    None => None,
                }
            }
        });
        let ctx = CommentsContext {
            isso,
            server: Signal::derive(move || server_config.get().flatten()),
            slug,
            title,
            counts: RwSignal::new(HashMap::new()),
            reload: Trigger::new(),
        };
        let counts = ctx.counts;
        let reload = ctx.reload;
        Effect::new(move |_| {
            reload.track();
            let Some(isso) = isso.get() else { return };
            let threads = threads.clone();
            spawn_local(async move {
                if let Ok(values) = isso.counts(&threads).await {
                    counts.set(threads.into_iter().zip(values).collect());
                }
            });
        });
        provide_context(ctx.clone());
        ctx
    }

    pub fn count(&self, thread: &str) -> Option<i64> {
        self.counts.with(|c| c.get(thread).copied())
    }

    fn bump(&self, thread: &str) {
        self.counts.update(|c| *c.entry(thread.to_string()).or_insert(0) += 1);
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Load {
    Loading,
    Ready,
    Failed(CommentError),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Filter {
    All,
    Feedback,
}

/// The comment area under the article: count, sort order, the first page
/// of comments with "View all comments", the form, and a filter for the
/// inline feedback left on passages of the article.
#[component]
pub fn CommentArea(
    /// The passages that invite feedback: block id and a short excerpt.
    passages: Vec<(String, String)>,
    /// Whether new comments are accepted.
    #[prop(default = true)]
    open: bool,
) -> impl IntoView {
    let Some(ctx) = use_context::<CommentsContext>() else {
        return ().into_any();
    };
    let enabled = move || ctx.isso.get().is_some();
    let ctx_for_body = ctx.clone();
    view! {
        <Show when=enabled>
            <CommentSection ctx=ctx_for_body.clone() passages=passages.clone() open />
        </Show>
    }
    .into_any()
}

#[component]
fn CommentSection(ctx: CommentsContext, passages: Vec<(String, String)>, open: bool) -> impl IntoView {
    let thread = article_thread(&ctx.slug);
    let sort = RwSignal::new(SortOrder::Newest);
    let filter = RwSignal::new(Filter::All);
    let chunks = RwSignal::new(Chunks::new());
    let fresh = RwSignal::new(Vec::<Comment>::new());
    let loaded = RwSignal::new(0usize);
    let total = RwSignal::new(0usize);
    let hidden = RwSignal::new(0i64);
    let state = RwSignal::new(Load::Loading);
    let loading_more = RwSignal::new(false);
    let isso = ctx.isso;
    let reload = ctx.reload;

    let thread_for_load = thread.clone();
    let load_first = move || {
        let Some(isso) = isso.get_untracked() else { return };
        let thread = thread_for_load.clone();
        let order = sort.get_untracked();
        state.set(Load::Loading);
        spawn_local(async move {
            match isso.thread(&thread, order, Some(FIRST_PAGE), 0).await {
                Ok(page) => {
                    total.set(page.total_replies);
                    hidden.set(page.hidden_replies);
                    fresh.set(Vec::new());
                    loaded.set(page.replies.len());
                    chunks.set(vec![(0, Arc::new(page.replies))]);
                    state.set(Load::Ready);
                }
                Err(e) => state.set(Load::Failed(e)),
            }
        });
    };
    let load_first_effect = load_first.clone();
    Effect::new(move |_| {
        sort.track();
        reload.track();
        load_first_effect();
    });

    let thread_for_more = thread.clone();
    let view_all = move |_| {
        filter.set(Filter::All);
        if loading_more.get_untracked() || hidden.get_untracked() <= 0 {
            return;
        }
        let Some(isso) = isso.get_untracked() else { return };
        let thread = thread_for_more.clone();
        let order = sort.get_untracked();
        loading_more.set(true);
        spawn_local(async move {
            // Page by page, each shown as it arrives.
            while hidden.get_untracked() > 0 {
                let offset = loaded.get_untracked();
                match isso.thread(&thread, order, Some(MORE_PAGE), offset).await {
                    Ok(page) if !page.replies.is_empty() => {
                        loaded.update(|n| *n += page.replies.len());
                        for slice in page.replies.chunks(RENDER_CHUNK) {
                            chunks.update(|c| {
                                let key = c.len();
                                c.push((key, Arc::new(slice.to_vec())));
                            });
                            yield_to_browser().await;
                        }
                        hidden.set(page.hidden_replies);
                    }
                    Ok(_) => {
                        hidden.set(0);
                    }
                    Err(e) => {
                        state.set(Load::Failed(e));
                        break;
                    }
                }
            }
            loading_more.set(false);
        });
    };

    let ctx_for_post = ctx.clone();
    let thread_for_post = thread.clone();
    let on_posted = Callback::new(move |posted: Posted| {
        if !posted.pending {
            ctx_for_post.bump(&thread_for_post);
            total.update(|t| *t += 1);
        }
        // The newest comment is shown in place, at the top for "newest",
        // at the end otherwise, so the reader sees it where they look next.
        fresh.update(|c| c.push(posted.comment));
    });

    let feedback_total = {
        let ctx = ctx.clone();
        let slug = ctx.slug.clone();
        let ids: Vec<String> = passages.iter().map(|(id, _)| id.clone()).collect();
        move || ids.iter().filter_map(|id| ctx.count(&feedback_thread(&slug, id))).sum::<i64>()
    };
    let heading = move || match total.get() {
        1 => "1 comment".to_string(),
        n => format!("{n} comments"),
    };
    let has_passages = !passages.is_empty();
    let thread_for_list = thread.clone();
    let thread_for_form = thread.clone();
    let slug = ctx.slug.clone();
    let retry = load_first.clone();

    view! {
        <section class="comments" aria-labelledby="comments-title">
            <h2 class="comments__title" id="comments-title">{heading}</h2>
            <div class="comments__toolbar">
                <label class="comments__sort">
                    "Sort "
                    <select on:change:target=move |ev| sort.set(SortOrder::from_param(&ev.target().value()))>
                        {SortOrder::ALL
                            .into_iter()
                            .map(|o| view! { <option value=o.param() selected=move || sort.get() == o>{o.label()}</option> })
                            .collect_view()}
                    </select>
                </label>
                {has_passages.then(|| view! {
                    <div class="comments__filter" role="group" aria-label="Show">
                        <button
                            type="button"
                            class="comments__filter-button"
                            aria-pressed=move || (filter.get() == Filter::All).to_string()
                            on:click=move |_| filter.set(Filter::All)
                        >
                            "All comments"
                        </button>
                        <button
                            type="button"
                            class="comments__filter-button"
                            aria-pressed=move || (filter.get() == Filter::Feedback).to_string()
                            on:click=move |_| filter.set(Filter::Feedback)
                        >
                            {move || format!("Inline feedback ({})", feedback_total())}
                        </button>
                    </div>
                })}
            </div>
            {move || match (filter.get(), state.get()) {
                (Filter::Feedback, _) => view! {
                    <FeedbackList slug=slug.clone() passages=passages.clone() />
                    <button type="button" class="button button--quiet" on:click=move |_| filter.set(Filter::All)>
                        "View all comments"
                    </button>
                }
                .into_any(),
                (Filter::All, Load::Loading) => view! { <p class="comments__status" role="status">"Loading comments…"</p> }.into_any(),
                (Filter::All, Load::Failed(error)) => {
                    let retry = retry.clone();
                    view! {
                        <div class="comments__unavailable" role="alert">
                            <p>{format!("Comments are unavailable right now: {error}. The article is still here.")}</p>
                            <button type="button" class="button" on:click=move |_| retry()>"Retry"</button>
                        </div>
                    }
                    .into_any()
                }
                (Filter::All, Load::Ready) => {
                    let thread = thread_for_list.clone();
                    let view_all = view_all.clone();
                    let thread_for_fresh = thread.clone();
                    let newest_first = move || sort.get() == SortOrder::Newest;
                    let fresh_items = move || {
                        let thread = thread_for_fresh.clone();
                        let mut list = fresh.get();
                        if newest_first() {
                            list.reverse();
                        }
                        list.into_iter()
                            .map(|comment| view! { <CommentItem comment thread=thread.clone() /> })
                            .collect_view()
                    };
                    let fresh_items_end = fresh_items.clone();
                    view! {
                        {move || (loaded.get() == 0 && fresh.with(Vec::is_empty)).then(|| view! {
                            <p class="comments__empty">"No comments yet. Start the conversation."</p>
                        })}
                        <ol class="comment-list" role="list">
                            // The reader's own new comments: first when newest
                            // come first, last otherwise.
                            {move || newest_first().then(fresh_items.clone())}
                            <For
                                each=move || chunks.get()
                                key=|(key, _)| *key
                                children=move |(_, slice)| {
                                    let thread = thread.clone();
                                    slice
                                        .iter()
                                        .cloned()
                                        .map(|comment| view! { <CommentItem comment thread=thread.clone() /> })
                                        .collect_view()
                                }
                            />
                            {move || (!newest_first()).then(fresh_items_end.clone())}
                        </ol>
                        <Show when=move || { hidden.get() > 0 }>
                            <button type="button" class="button button--quiet comments__more" aria-busy=move || loading_more.get().to_string() on:click=view_all.clone()>
                                {move || if loading_more.get() { "Loading comments…".to_string() } else { format!("View all comments ({} more)", hidden.get()) }}
                            </button>
                        </Show>
                    }
                    .into_any()
                }
            }}
            {if open {
                view! { <CommentForm thread=thread_for_form.clone() on_posted /> }.into_any()
            } else {
                view! { <p class="comments__closed">"Comments are closed for this article."</p> }.into_any()
            }}
        </section>
    }
}

/// Lets the browser paint and handle input between rendered chunks.
async fn yield_to_browser() {
    crate::browser::sleep(0).await;
}

/// The inline feedback of every passage, each under the passage it is about.
#[component]
fn FeedbackList(slug: String, passages: Vec<(String, String)>) -> impl IntoView {
    let slug_for_view = StoredValue::new(slug.clone());
    let ctx = use_context::<CommentsContext>();
    let isso = ctx.map(|c| c.isso);
    let threads = RwSignal::new(Vec::<(String, String, Result<Vec<Comment>, CommentError>)>::new());
    let loaded = RwSignal::new(false);
    let slug_for_load = slug.clone();
    Effect::new(move |_| {
        let Some(isso) = isso.and_then(|i| i.get()) else { return };
        let passages = passages.clone();
        let slug = slug_for_load.clone();
        spawn_local(async move {
            let mut out = Vec::new();
            for (block, excerpt) in passages {
                let thread = feedback_thread(&slug, &block);
                let result = isso.thread(&thread, SortOrder::Oldest, None, 0).await.map(|t| t.replies);
                out.push((block, excerpt, result));
            }
            threads.set(out);
            loaded.set(true);
        });
    });
    view! {
        <Show when=move || loaded.get() fallback=|| view! { <p role="status">"Loading feedback…"</p> }>
            <ol class="feedback-list" role="list">
                {move || {
                    let slug = slug_for_view.get_value();
                    threads
                        .get()
                        .into_iter()
                        .map(|(block, excerpt, result)| {
                            let thread = feedback_thread(&slug, &block);
                            view! {
                                <li class="feedback-list__item">
                                    <p class="feedback-list__passage">
                                        <a href=format!("#{block}")>{format!("On “{excerpt}”")}</a>
                                    </p>
                                    {match result {
                                        Ok(list) if list.is_empty() => view! { <p class="comments__empty">"No feedback on this passage yet."</p> }.into_any(),
                                        Ok(list) => view! {
                                            <ol class="comment-list" role="list">
                                                {list.into_iter().map(|c| view! { <CommentItem comment=c thread=thread.clone() /> }).collect_view()}
                                            </ol>
                                        }.into_any(),
                                        Err(e) => view! { <p role="alert">{format!("This feedback is unavailable: {e}.")}</p> }.into_any(),
                                    }}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
        </Show>
    }
}
