//! The search index in the browser: loaded piece by piece as queries need
//! it (never before the reader first searches), kept for the visit.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;

use crate::config::AppConfig;
use crate::content;
use crate::model::search::{query_terms, rank, Doc, Manifest, QueryTerm, TermShard, SEARCH_VERSION};
use crate::model::LoadError;

/// What a query found: the best matches (up to the limit asked for) and how
/// many there are in all.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    pub query: String,
    pub terms: Vec<QueryTerm>,
    pub total: usize,
    pub docs: Vec<Doc>,
}

/// The parts of the index loaded so far, shared by the search dialog and
/// the search page.
#[derive(Clone, Copy)]
pub struct SearchIndex {
    manifest: StoredValue<Option<Arc<Manifest>>>,
    terms: StoredValue<HashMap<String, Arc<TermShard>>>,
    docs: StoredValue<HashMap<usize, Arc<Vec<Doc>>>>,
}

impl SearchIndex {
    pub fn new() -> Self {
        SearchIndex {
            manifest: StoredValue::new(None),
            terms: StoredValue::new(HashMap::new()),
            docs: StoredValue::new(HashMap::new()),
        }
    }

    /// The index's manifest, fetched once.
    pub async fn manifest(&self, config: &AppConfig) -> Result<Arc<Manifest>, LoadError> {
        if let Some(manifest) = self.manifest.get_value() {
            return Ok(manifest);
        }
        let manifest: Manifest = content::load_search_file(config, "index.json").await?;
        if manifest.version != SEARCH_VERSION {
            return Err(LoadError::UnsupportedSchema(manifest.version as u64));
        }
        let manifest = Arc::new(manifest);
        self.manifest.set_value(Some(manifest.clone()));
        Ok(manifest)
    }

    /// The best matches for `query`, loading the parts of the index it
    /// needs. The search's own code is fetched with its first use
    /// (`crate::deferred`); if that fails, the search fails as a load does.
    pub async fn search(&self, config: &AppConfig, query: &str, limit: usize) -> Result<Results, LoadError> {
        match crate::deferred::search(*self, config.clone(), query.to_string(), limit).await {
            Ok(search) => search.await,
            Err(error) => Err(LoadError::Network(error.to_string())),
        }
    }

    pub(crate) async fn search_now(self, config: AppConfig, query: String, limit: usize) -> Result<Results, LoadError> {
        let config = &config;
        let query = query.as_str();
        let terms = query_terms(query);
        let mut results = Results { query: query.trim().to_string(), terms: terms.clone(), total: 0, docs: Vec::new() };
        if terms.is_empty() {
            return Ok(results);
        }
        let manifest = self.manifest(config).await?;
        for key in manifest.shards_for(&terms) {
            if !self.terms.with_value(|t| t.contains_key(&key)) {
                let shard: TermShard = content::load_search_file(config, &format!("terms-{key}.json")).await?;
                self.terms.update_value(|t| {
                    t.insert(key.clone(), Arc::new(shard));
                });
            }
        }
        let hits = self.terms.with_value(|loaded| {
            rank(&terms, |part| {
                manifest.keys_for(part).iter().filter_map(|key| loaded.get(key)).map(Arc::as_ref).collect()
            })
        });
        results.total = hits.len();
        let per_shard = manifest.docs_per_shard.max(1);
        for hit in hits.into_iter().take(limit) {
            let doc = hit.doc as usize;
            let shard = doc / per_shard;
            if !self.docs.with_value(|d| d.contains_key(&shard)) {
                let docs: Vec<Doc> = content::load_search_file(config, &format!("docs-{shard}.json")).await?;
                self.docs.update_value(|d| {
                    d.insert(shard, Arc::new(docs));
                });
            }
            if let Some(found) =
                self.docs.with_value(|d| d.get(&shard).and_then(|docs| docs.get(doc % per_shard).cloned()))
            {
                results.docs.push(found);
            } else {
                // The index's files disagree (a deploy half done, a stale
                // cache): a result that cannot be shown is not counted.
                results.total = results.total.saturating_sub(1);
                crate::browser::warn(&format!("linernotes: search result {doc} is not in docs-{shard}.json"));
            }
        }
        Ok(results)
    }
}

impl Default for SearchIndex {
    fn default() -> Self {
        Self::new()
    }
}

/// The app's search index, or a fresh one (in tests that mount a component alone).
pub fn use_search_index() -> SearchIndex {
    use_context::<SearchIndex>().unwrap_or_default()
}
