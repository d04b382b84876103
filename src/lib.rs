//! copydesk checks news copy for slips a spell checker cannot see: one
//! name spelled two ways, a quotation that never closes, a weekday that
//! contradicts its date, web residue left in the text.
//!
//! # Overview
//!
//! - [`syntax`]: the nom grammar, text → blocks → statements → tokens with
//!   exact byte spans;
//! - [`model`]: the parsed [`Article`] with the facts rules share (quotation
//!   pairs, name mentions, dates), computed once;
//! - [`rules`]: the [`rules::Rule`] trait, one module per rule kind, and the
//!   [`RuleSet`] of loaded instances;
//! - [`config`]: rule files (TOML) and `copydesk.toml`;
//! - [`diagnostic`]: findings as plain data;
//! - [`lsp`]: the language server behind `copydesk lsp`;
//! - [`render`]: the output formats;
//! - [`source`]: spans and the line index.
//!
//! # Example
//!
//! ```
//! let rules = copydesk::RuleSet::new(copydesk::config::default_rules().unwrap());
//! let text = "Talks ended.\n\nLeave a Reply\n";
//! let diagnostics = copydesk::check(text, &rules, &copydesk::CheckOptions::default());
//! assert_eq!(diagnostics[0].rule, "web-boilerplate");
//! assert_eq!(&text[diagnostics[0].span.start..diagnostics[0].span.end], "Leave a Reply");
//! ```

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod config;
pub mod diagnostic;
pub mod lsp;
pub mod model;
pub mod render;
pub mod rules;
pub mod source;
pub mod syntax;

pub use diagnostic::{Diagnostic, Severity};
pub use model::Article;
pub use rules::RuleSet;

/// Options of one check.
#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    /// The publication date, for rules that need to know the year.
    pub publication_date: Option<jiff::civil::Date>,
}

/// Parses `text` and runs every rule in `rules` over it. Findings come
/// sorted by (start, rule).
pub fn check(text: &str, rules: &RuleSet, options: &CheckOptions) -> Vec<Diagnostic> {
    let article = Article::parse_with_date(text, options.publication_date);
    rules.check(&article)
}
