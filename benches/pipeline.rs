//! `cargo bench`: the whole pipeline — parse, every default rule, JSON
//! rendering — on one thread, over the news corpus (when present), over
//! generated articles from 1 KB up, and over pathological inputs, each
//! reporting throughput (divan's MB/s lines, median column).
//!
//! - `COPYDESK_BENCH_MAX_MB` (default 4) sets the largest generated
//!   article, the size of the one-paragraph input, and scales the counted
//!   inputs: at 100 they are one 100 MB paragraph, a million quotation
//!   marks, a million distinct capitalised words and a million dates.
//! - `COPYDESK_CORPUS` points at the corpus (default `../shared/corpus`
//!   beside the crate); without it the corpus benchmark is skipped.
//!
//! `scripts/bench-table.py` runs this and turns divan's output into the
//! tables of docs/performance.md: MB/s and the cost per byte relative to
//! the 1 KB article (a ratio near 1 means linear), each pathological
//! input's cost per byte relative to a normal article, and each
//! pathological shape's cost per byte at 1%, 10% and 100% of its size.
//!
//! Divan rather than criterion: it times each size for a bounded time
//! (`max_time`) so a 100 MB input runs a handful of times instead of a
//! hundred, reports bytes per second directly, and builds in a fraction of
//! criterion's dependencies.

use std::sync::OnceLock;
use std::time::Duration;

use divan::counter::BytesCount;
use divan::Bencher;

use copydesk::render::{render_to_string, FileReport, Format, RuleInfo};
use copydesk::{check, CheckOptions, RuleSet};

#[path = "support/articles.rs"]
mod articles;
#[path = "support/corpus.rs"]
mod corpus;

// The allocator the binary uses, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: copydesk::allocator::Allocator = copydesk::allocator::Allocator;

fn main() {
    let bench_mode = std::env::args().any(|arg| arg == "--bench");
    if bench_mode {
        match corpus() {
            Some(texts) => println!(
                "corpus: {} articles, {:.1} MB",
                texts.len(),
                texts.iter().map(String::len).sum::<usize>() as f64 / 1e6
            ),
            None => println!("corpus: not found (set COPYDESK_CORPUS); its benchmark is skipped"),
        }
        for shape in ["quotes", "names", "dates"] {
            let text = input(shape, pathological_size(shape));
            let items = articles::items(shape, text).unwrap_or(0);
            println!("{shape}: {} bytes, {items} items", text.len());
        }
    }
    divan::Divan::default()
        .max_time(Duration::from_secs(3))
        .config_with_args()
        .main();
}

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| {
        // The rules `copydesk check` runs with no configuration.
        copydesk::config::build_rule_set(None, &copydesk::config::Selection::default())
            .expect("default rules")
    })
}

/// Parse, every default rule, and the JSON report, as `copydesk check
/// --format json` does for one file.
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

fn max_bytes() -> usize {
    let megabytes: f64 = std::env::var("COPYDESK_BENCH_MAX_MB")
        .ok()
        .and_then(|value| value.parse().ok())
        .filter(|&value: &f64| value > 0.0)
        .unwrap_or(4.0);
    (megabytes * 1e6) as usize
}

/// 1 KB, 10 KB, … up to [`max_bytes`].
fn sizes() -> Vec<usize> {
    let mut sizes = Vec::new();
    let mut size = 1_000;
    while size <= max_bytes() {
        sizes.push(size);
        size *= 10;
    }
    if sizes.last().is_some_and(|&last| last < max_bytes()) {
        sizes.push(max_bytes());
    }
    sizes
}

/// The size of a pathological input: [`max_bytes`] for the article and
/// the paragraph; for the counted shapes, enough for a million items at
/// `COPYDESK_BENCH_MAX_MB=100` and in proportion below, from each
/// generator's bytes per item (see `support/articles.rs`).
fn pathological_size(shape: &str) -> usize {
    let items = max_bytes() / 100;
    match shape {
        "quotes" => items * 5,
        "names" => items * 8,
        "dates" => items * 36,
        _ => max_bytes(),
    }
}

/// A generated input's shape and size.
type Key = (&'static str, usize);

/// Generated inputs, built once per shape and size.
fn input(shape: &'static str, size: usize) -> &'static str {
    static INPUTS: OnceLock<std::sync::Mutex<Vec<(Key, &'static str)>>> = OnceLock::new();
    let mut inputs = INPUTS.get_or_init(Default::default).lock().unwrap();
    if let Some((_, text)) = inputs.iter().find(|(key, _)| *key == (shape, size)) {
        return text;
    }
    let text: &'static str = articles::generate(shape, size)
        .expect("a known shape")
        .leak();
    inputs.push(((shape, size), text));
    text
}

fn corpus() -> Option<&'static Vec<String>> {
    static CORPUS: OnceLock<Option<Vec<String>>> = OnceLock::new();
    CORPUS
        .get_or_init(|| {
            let texts = corpus::read(&corpus::default_dir());
            (!texts.is_empty()).then_some(texts)
        })
        .as_ref()
}

/// The news corpus, every article in turn.
#[divan::bench]
fn corpus_articles(bencher: Bencher) {
    let Some(texts) = corpus() else {
        return;
    };
    let bytes: usize = texts.iter().map(String::len).sum();
    let rules = rules();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for text in texts {
            divan::black_box(pipeline(text, rules));
        }
    });
}

/// News-like articles from 1 KB up: the cost per byte should stay flat.
#[divan::bench(args = sizes())]
fn generated(bencher: Bencher, size: usize) {
    let text = input("article", size);
    let rules = rules();
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| divan::black_box(pipeline(text, rules)));
}

/// Inputs shaped to find superlinear work, beside a normal article of the
/// largest size for comparison.
#[divan::bench(args = ["article", "one-paragraph", "quotes", "names", "dates"])]
fn pathological(bencher: Bencher, shape: &'static str) {
    let text = input(shape, pathological_size(shape));
    let rules = rules();
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| divan::black_box(pipeline(text, rules)));
}

/// The pathological inputs at a hundredth and a tenth of their size in
/// [`pathological`]: cost per byte that grew with the size would be
/// superlinear work. `scripts/bench-table.py` sets these beside the full
/// size.
#[divan::bench(args = scaled_inputs())]
fn scaling(bencher: Bencher, scaled: Scaled) {
    let text = input(scaled.shape, scaled.size());
    let rules = rules();
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| divan::black_box(pipeline(text, rules)));
}

/// A pathological shape at `percent` of its size in [`pathological`].
#[derive(Clone, Copy)]
struct Scaled {
    shape: &'static str,
    percent: usize,
}

impl Scaled {
    fn size(self) -> usize {
        pathological_size(self.shape) / 100 * self.percent
    }
}

/// Shown as `quotes@10%`, one word for the table script.
impl std::fmt::Display for Scaled {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "{}@{}%", self.shape, self.percent)
    }
}

fn scaled_inputs() -> Vec<Scaled> {
    ["one-paragraph", "quotes", "names", "dates"]
        .into_iter()
        .flat_map(|shape| [1, 10].map(|percent| Scaled { shape, percent }))
        .collect()
}
