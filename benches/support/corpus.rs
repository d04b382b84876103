//! Reads the news corpus for the benchmark and the stage-timing example:
//! every `.txt` article of its five news sets, in a fixed order. The
//! corpus is read where it lies and never copied into the repository.

use std::path::{Path, PathBuf};

/// The news sets, in the order their articles are read.
const SETS: [&str; 5] = [
    "bbc",
    "reuters21578",
    "scrapinghub-aeb",
    "horne2017",
    "golbeck2018",
];

/// `$COPYDESK_CORPUS`, or `../shared/corpus` beside the crate.
pub fn default_dir() -> PathBuf {
    std::env::var_os("COPYDESK_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"))
}

/// Every article under `dir`, set by set, each set's files sorted by
/// name; empty when the corpus is absent.
pub fn read(dir: &Path) -> Vec<String> {
    let mut texts = Vec::new();
    for set in SETS {
        let Ok(entries) = std::fs::read_dir(dir.join(set)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries
            .flatten()
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
            .collect();
        paths.sort();
        texts.extend(
            paths
                .iter()
                .filter_map(|path| std::fs::read_to_string(path).ok()),
        );
    }
    texts
}
