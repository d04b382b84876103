//! `cargo bench`: the whole pipeline — parse, every default rule, JSON
//! rendering — on one thread, over the news corpus (when present) and over
//! generated articles from 1 KB up, reporting MB/s and the cost per byte
//! relative to the smallest size (a ratio near 1 means linear).
//!
//! `COPYDESK_BENCH_MAX_MB` sets the largest generated size (default 10).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use copydesk::render::{render_to_string, FileReport, Format, RuleInfo};
use copydesk::{check, CheckOptions, RuleSet};

fn pipeline(text: &str, rules: &RuleSet) -> usize {
    let diagnostics = check(text, rules, &CheckOptions::default());
    let report = FileReport {
        path: "bench.txt".to_owned(),
        text: text.to_owned(),
        error: None,
        diagnostics,
        diff: None,
        fixes_applied: 0,
    };
    render_to_string(
        Format::Json,
        RuleInfo::of(rules),
        std::slice::from_ref(&report),
    )
    .len()
}

/// Runs `work` repeatedly for at least `budget`, returning seconds per run.
fn time(budget: Duration, mut work: impl FnMut()) -> f64 {
    let start = Instant::now();
    let mut runs = 0u32;
    while runs < 3 || start.elapsed() < budget {
        work();
        runs += 1;
    }
    start.elapsed().as_secs_f64() / f64::from(runs)
}

/// A news-like article of about `size` bytes: paragraphs with names,
/// quotations, dates and numbers, repeated with variations.
fn generated_article(size: usize) -> String {
    let paragraphs = [
        "Gen. Mark Milley spoke to his counterpart on Wednesday, March 3, 2021, the Pentagon said.",
        "“We discussed issues of mutual interest,” spokesman John Kirby told reporters in Washington.",
        "Shares of Acme Corp. rose 3.5 pct to 14,000 yen after the U.S. Treasury said exports had grown.",
        "The mayor, Anna Weber, said the council (which met on Friday) would vote again in April.",
    ];
    let mut text = String::from("Talks resume after a week of delays\n\n");
    let mut index = 0;
    while text.len() < size {
        text.push_str(paragraphs[index % paragraphs.len()]);
        text.push_str("\n\n");
        index += 1;
    }
    text
}

fn corpus_texts() -> Option<Vec<String>> {
    let dir = std::env::var_os("COPYDESK_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    let mut texts = Vec::new();
    for set in [
        "bbc",
        "reuters21578",
        "scrapinghub-aeb",
        "horne2017",
        "golbeck2018",
    ] {
        let Ok(entries) = std::fs::read_dir(dir.join(set)) else {
            continue;
        };
        for entry in entries.flatten() {
            if entry.path().extension().is_some_and(|ext| ext == "txt") {
                if let Ok(text) = std::fs::read_to_string(entry.path()) {
                    texts.push(text);
                }
            }
        }
    }
    (!texts.is_empty()).then_some(texts)
}

fn main() {
    // `cargo test --benches` runs benchmarks with --bench absent: do nothing.
    if !std::env::args().any(|arg| arg == "--bench") {
        return;
    }
    let rules = RuleSet::new(copydesk::config::default_rules().expect("default rules"));

    match corpus_texts() {
        Some(texts) => {
            let bytes: usize = texts.iter().map(String::len).sum();
            let seconds = time(Duration::from_secs(5), || {
                for text in &texts {
                    std::hint::black_box(pipeline(text, &rules));
                }
            });
            println!(
                "corpus: {} articles, {:.1} MB, {:.1} MB/s on one thread",
                texts.len(),
                bytes as f64 / 1e6,
                bytes as f64 / 1e6 / seconds
            );
        }
        None => println!("corpus: not found (set COPYDESK_CORPUS); skipped"),
    }

    let max_mb: usize = std::env::var("COPYDESK_BENCH_MAX_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let mut baseline = None;
    let mut size = 1_000;
    while size <= max_mb * 1_000_000 {
        let text = generated_article(size);
        let seconds = time(Duration::from_secs(2), || {
            std::hint::black_box(pipeline(&text, &rules));
        });
        let per_byte = seconds / text.len() as f64;
        let ratio = per_byte / *baseline.get_or_insert(per_byte);
        println!(
            "generated {:>11} bytes: {:8.1} MB/s, cost per byte {:.2}x the 1 KB article's",
            text.len(),
            text.len() as f64 / 1e6 / seconds,
            ratio
        );
        size *= 10;
    }
}
