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
//! - [`facts`]: the facts view, per statement (`copydesk facts`);
//! - [`document`]: Markdown and HTML prose views, byte-aligned with the file;
//! - [`fix`]: applying fixes and writing files atomically;
//! - [`parts`]: long files checked in parts, so memory stays bounded;
//! - [`suppress`]: inline `copydesk-disable` comments;
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
pub mod document;
pub mod facts;
pub mod fix;
pub mod lsp;
pub mod model;
pub mod parts;
#[cfg(test)]
mod pseudo_random;
pub mod render;
pub mod rules;
mod sort;
pub mod source;
pub mod suppress;
pub mod syntax;

pub use diagnostic::{Diagnostic, Severity};
pub use model::Article;
pub use rules::RuleSet;

pub use document::DocumentKind;

/// Options of one check.
#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    /// The publication date, for rules that need to know the year. A date
    /// the document declares (Markdown front matter) is used when this is
    /// not set.
    pub publication_date: Option<jiff::civil::Date>,
    /// Plain text, Markdown or HTML: the rules read the prose only.
    pub document: DocumentKind,
}

/// Parses `text` and runs every rule in `rules` over its prose, then
/// applies inline suppressions. Findings come sorted by (start, rule), with
/// spans into `text` as given.
///
/// A text longer than [`parts::PART_BYTES`] is checked in parts (see
/// [`parts`]), so memory is bounded by the part size.
pub fn check(text: &str, rules: &RuleSet, options: &CheckOptions) -> Vec<Diagnostic> {
    check_in_parts(text, rules, options, parts::PART_BYTES)
}

/// [`check`], with parts of at most `part_bytes` bytes instead of
/// [`parts::PART_BYTES`].
pub fn check_in_parts(
    text: &str,
    rules: &RuleSet,
    options: &CheckOptions,
    part_bytes: usize,
) -> Vec<Diagnostic> {
    let view = document::prose_view(options.document, text);
    let date = options.publication_date.or(view.date);
    let prose: &str = &view.text;
    let blocks = syntax::blocks::blocks_with_breaks(prose, &view.block_breaks);
    let mut diagnostics = Vec::new();
    // Parts are in text order and each part's findings are sorted, so the
    // findings stay sorted as they are gathered. A text within the part
    // size is one part: the whole of it, at offset 0.
    for part in parts::parts(prose, blocks, part_bytes) {
        let offset = part.range.start;
        let article = Article::parse_blocks(&prose[part.range], date, part.blocks);
        diagnostics.extend(
            rules
                .check(&article)
                .into_iter()
                .filter(|diagnostic| diagnostic.span.start < part.report_end)
                .map(|diagnostic| diagnostic.shifted(offset)),
        );
    }
    suppress::apply_suppressions(text, diagnostics, rules.report_unused_suppressions)
}
