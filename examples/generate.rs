//! Writes a generated article to standard output, for measuring peak
//! memory and start-up on inputs of a known shape and size (see
//! docs/performance.md):
//!
//! ```sh
//! cargo run --release --example generate -- article 100000000 > /tmp/article-100mb.txt
//! ```
//!
//! Shapes: article, one-paragraph, quotes, names, dates (as `cargo bench`
//! uses them). The text is the generator's own, never corpus copy.

use std::io::Write;
use std::process::ExitCode;

#[path = "../benches/support/articles.rs"]
mod articles;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(shape), Some(size)) = (args.first(), args.get(1)) else {
        eprintln!(
            "usage: generate SHAPE BYTES   (shapes: {})",
            articles::SHAPES.join(", ")
        );
        return ExitCode::from(2);
    };
    let Ok(size) = size.parse::<usize>() else {
        eprintln!("generate: BYTES must be a number, not {size:?}");
        return ExitCode::from(2);
    };
    let Some(text) = articles::generate(shape, size) else {
        eprintln!(
            "generate: unknown shape {shape:?}; the shapes are {}",
            articles::SHAPES.join(", ")
        );
        return ExitCode::from(2);
    };
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("generate: {error}");
            ExitCode::FAILURE
        }
    }
}
