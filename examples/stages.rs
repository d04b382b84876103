//! Where the time of a check goes: each stage of the pipeline (grammar,
//! each model, each default rule, then the whole check) timed separately
//! over the news corpus, on one thread (fastest of three runs), and printed
//! as MB/s and share of the whole. `cargo run --release --example stages [-- CORPUS_DIR]` (default:
//! `$COPYDESK_CORPUS`, or `../shared/corpus` beside the crate).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use copydesk::model::{self, Article};
use copydesk::syntax;

#[path = "../benches/support/corpus.rs"]
mod corpus;

// The allocator the binary uses, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: copydesk::allocator::Allocator = copydesk::allocator::Allocator;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(corpus::default_dir);
    let texts = corpus::read(&dir);
    if texts.is_empty() {
        println!("no corpus at {}; nothing to time", dir.display());
        return;
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let rules = copydesk::config::build_rule_set(None, &copydesk::config::Selection::default())
        .expect("default rules");

    let mut stages: Vec<(String, Duration)> = Vec::new();
    // `STAGES=name-variant` times only the stages whose name contains it
    // (once each), for `perf stat -e instructions` against `STAGES=none`.
    let only = std::env::var("STAGES").ok();
    let runs = if only.is_some() { 1 } else { 3 };
    // The fastest of three runs: the steadier figure on a shared machine.
    let mut time = |name: &str, run: &mut dyn FnMut()| {
        if only
            .as_ref()
            .is_some_and(|only| !name.contains(only.as_str()))
        {
            return;
        }
        let fastest = (0..runs)
            .map(|_| {
                let start = Instant::now();
                run();
                start.elapsed()
            })
            .min()
            .unwrap_or_default();
        stages.push((name.to_owned(), fastest));
    };
    let mut sink = 0usize;
    time("grammar", &mut || {
        for text in &texts {
            sink += syntax::parse(text).tokens.len();
        }
    });
    let parsed: Vec<_> = texts.iter().map(|text| syntax::parse(text)).collect();
    time("quotes", &mut || {
        for (text, syntax) in texts.iter().zip(&parsed) {
            sink += model::quotes::pair_quotation_marks(text, syntax)
                .marks
                .len();
        }
    });
    time("names", &mut || {
        for (text, syntax) in texts.iter().zip(&parsed) {
            sink += model::names::name_mentions(text, syntax).len();
        }
    });
    time("dates", &mut || {
        for (text, syntax) in texts.iter().zip(&parsed) {
            sink += model::dates::date_mentions(text, syntax).len();
        }
    });
    let names: Vec<_> = texts
        .iter()
        .zip(&parsed)
        .map(|(text, syntax)| model::names::name_mentions(text, syntax))
        .collect();
    time("people", &mut || {
        for ((text, syntax), names) in texts.iter().zip(&parsed).zip(&names) {
            sink += model::people::people(text, syntax, names).mentions().len();
        }
    });
    let quotations: Vec<_> = texts
        .iter()
        .zip(&parsed)
        .map(|(text, syntax)| model::quotes::pair_quotation_marks(text, syntax))
        .collect();
    time("numbers", &mut || {
        for ((text, syntax), quotations) in texts.iter().zip(&parsed).zip(&quotations) {
            sink += model::numbers::number_mentions(text, syntax, quotations).len();
        }
    });
    drop(parsed);
    let articles: Vec<Article> = texts.iter().map(|text| Article::parse(text)).collect();
    for rule in rules.rules() {
        time(&format!("rule {}", rule.meta.id), &mut || {
            for article in &articles {
                sink += rule.check(article).len();
            }
        });
    }
    drop(articles);
    time("whole check", &mut || sink += whole_check(&texts, &rules));

    let whole = stages.last().map(|(_, d)| d.as_secs_f64()).unwrap_or(1.0);
    let parts: f64 = stages
        .iter()
        .rev()
        .skip(1)
        .map(|(_, d)| d.as_secs_f64())
        .sum();
    println!(
        "{} articles, {:.1} MB (checksum {sink})",
        texts.len(),
        bytes as f64 / 1e6
    );
    println!("{:<28} {:>9} {:>9} {:>7}", "stage", "ms", "MB/s", "share");
    for (name, duration) in &stages {
        let seconds = duration.as_secs_f64();
        println!(
            "{:<28} {:>9.1} {:>9.1} {:>6.1}%",
            name,
            seconds * 1e3,
            bytes as f64 / 1e6 / seconds,
            100.0 * seconds / whole
        );
    }
    println!("sum of the stages: {:.1} ms", parts * 1e3);
}

/// Every text checked in turn; the findings counted. Kept out of line so
/// a profiler can toggle on it by name (`--toggle-collect=
/// 'stages::whole_check'`): with link-time optimisation the library's
/// `check` is inlined into its caller and has no symbol of its own.
#[inline(never)]
fn whole_check(texts: &[String], rules: &copydesk::rules::RuleSet) -> usize {
    texts
        .iter()
        .map(|text| copydesk::check(text, rules, &copydesk::CheckOptions::default()).len())
        .sum()
}
