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

pub mod allocator;
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

/// The most findings of one text before [`check_within`] gives up, unless
/// told otherwise (`--max-findings`): a thousand times the most any article
/// of the news corpus has, and some ten megabytes of findings.
pub const DEFAULT_MAX_FINDINGS: usize = 10_000;

/// A check given up: the text had more findings than the limit allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooManyFindings {
    /// The most findings the check was to gather.
    pub limit: usize,
    /// How far into the text the check had read when it gave up, in bytes.
    pub checked_bytes: usize,
}

impl std::fmt::Display for TooManyFindings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "more than {} findings in its first {} bytes: not checked further",
            self.limit, self.checked_bytes
        )
    }
}

impl std::error::Error for TooManyFindings {}

/// [`check`], giving up once the text has more than `limit` findings.
///
/// A text made of slips (a megabyte of opening brackets, each a finding)
/// would otherwise hold some hundreds of bytes of findings per byte of text;
/// no article has thousands of findings. The findings are counted as the
/// rules report them (see [`RuleSet::check_within`]), part by part (see
/// [`parts`]), before inline suppressions, and none is kept past the
/// limit, so memory stays bounded by it.
pub fn check_within(
    text: &str,
    rules: &RuleSet,
    options: &CheckOptions,
    limit: usize,
) -> Result<Vec<Diagnostic>, TooManyFindings> {
    check_parts(text, rules, options, parts::PART_BYTES, Some(limit))
}

/// [`check`], with parts of at most `part_bytes` bytes instead of
/// [`parts::PART_BYTES`].
pub fn check_in_parts(
    text: &str,
    rules: &RuleSet,
    options: &CheckOptions,
    part_bytes: usize,
) -> Vec<Diagnostic> {
    // Only a limit gives up.
    check_parts(text, rules, options, part_bytes, None).unwrap_or_default()
}

fn check_parts(
    text: &str,
    rules: &RuleSet,
    options: &CheckOptions,
    part_bytes: usize,
    limit: Option<usize>,
) -> Result<Vec<Diagnostic>, TooManyFindings> {
    let view = document::prose_view(options.document, text);
    let date = options.publication_date.or(view.date);
    let prose: &str = &view.text;
    // A text within the part size is one part: the whole of it, at offset
    // 0, parsed whole (its blocks read from its tokens). A longer text's
    // blocks are found in the whole of it first, and it is cut between
    // them.
    let one_part = parts::is_one_part(prose, part_bytes);
    let whole = one_part.then(|| {
        let article = Article::parse_with(prose, date, &view.block_breaks);
        (0..prose.len(), usize::MAX, article)
    });
    let cut = (!one_part)
        .then(|| {
            let blocks = syntax::blocks::blocks_with_breaks(prose, &view.block_breaks);
            parts::parts(prose, blocks, part_bytes)
        })
        .into_iter()
        .flatten()
        .map(|part| {
            let article = Article::parse_blocks(&prose[part.range.clone()], date, part.blocks);
            (part.range, part.report_end, article)
        });
    let mut diagnostics = Vec::new();
    // Parts are in text order and each part's findings are sorted, so the
    // findings stay sorted as they are gathered.
    for (range, report_end, article) in whole.into_iter().chain(cut) {
        let (offset, part_end) = (range.start, range.end);
        // Earlier parts left `limit` at least as many as they found.
        let room = limit.map_or(usize::MAX, |limit| limit - diagnostics.len());
        let Ok(found) = rules.check_within(&article, room) else {
            return Err(TooManyFindings {
                limit: limit.unwrap_or(usize::MAX),
                checked_bytes: part_end,
            });
        };
        diagnostics.extend(
            found
                .into_iter()
                .filter(|diagnostic| diagnostic.span.start < report_end)
                .map(|diagnostic| diagnostic.shifted(offset)),
        );
    }
    Ok(suppress::apply_suppressions(
        text,
        diagnostics,
        rules.report_unused_suppressions,
    ))
}
