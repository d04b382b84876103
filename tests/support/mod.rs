//! Shared helpers for tests that read the news corpus.
//!
//! The corpus is real published copy used for false-alarm counts and
//! planted-error recall. It is never part of the repository: it is read at
//! run time from `$COPYDESK_CORPUS`, else `../shared/corpus` beside the
//! crate, and tests skip (and pass) with a message when it is absent.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The corpus directory, if present.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("COPYDESK_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "corpus not found at {} (set COPYDESK_CORPUS); skipping",
            dir.display()
        );
        None
    }
}

/// The news sets, in a fixed order.
pub const NEWS_SETS: &[&str] = &[
    "bbc",
    "reuters21578",
    "scrapinghub-aeb",
    "horne2017",
    "golbeck2018",
];

/// One corpus article.
pub struct CorpusArticle {
    /// `set/file.txt`
    pub name: String,
    pub set: &'static str,
    pub text: String,
}

/// Every article of the news sets, sorted by name within each set.
pub fn news_articles(corpus: &Path) -> Vec<CorpusArticle> {
    let mut articles = Vec::new();
    for &set in NEWS_SETS {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(corpus.join(set))
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|entry| entry.path())
                    .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
                    .collect()
            })
            .unwrap_or_default();
        paths.sort();
        for path in paths {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let file = path.file_name().unwrap().to_string_lossy();
            articles.push(CorpusArticle {
                name: format!("{set}/{file}"),
                set,
                text,
            });
        }
    }
    articles
}
