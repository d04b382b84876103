//! Inline suppressions, written as HTML comments (so they are invisible in
//! rendered Markdown and HTML):
//!
//! ```text
//! <!-- copydesk-disable-next-line name-variant -->
//! <!-- copydesk-disable web-boilerplate, unbalanced-quote -->
//! …
//! <!-- copydesk-enable web-boilerplate, unbalanced-quote -->
//! ```
//!
//! With no rule ids a directive covers every rule. A directive that
//! suppresses nothing is itself reported as `unused-suppression` (info),
//! so stale suppressions do not pile up.

use std::sync::OnceLock;

use regex::Regex;

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{LineIndex, Span};

/// The rule id of findings about suppressions that suppress nothing.
pub const UNUSED_SUPPRESSION: &str = "unused-suppression";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DirectiveKind {
    NextLine,
    Disable,
    Enable,
}

#[derive(Debug)]
struct Directive {
    span: Span,
    kind: DirectiveKind,
    /// Empty: every rule.
    rules: Vec<String>,
}

/// A stretch of text where some rules are off, and whether it hid anything.
#[derive(Debug)]
struct Region {
    span: Span,
    rule: Option<String>,
    directive: usize,
    used: bool,
}

fn directive_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"<!--\s*copydesk-(disable-next-line|disable|enable)\b([^>]*?)-->")
            .expect("a valid pattern")
    })
}

/// Whether `bytes` hold an HTML comment's opening followed, somewhere
/// after it, by the word every directive begins with: true for every text
/// with a directive. Nearly every article has none, and this test is paid
/// on every byte of every file, so it looks for `<`, rare in copy, with
/// memchr before it looks for anything longer.
fn may_hold_a_directive(bytes: &[u8]) -> bool {
    static DIRECTIVE_WORD: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    let Some(opening) =
        memchr::memchr_iter(b'<', bytes).find(|&at| bytes[at..].starts_with(b"<!--"))
    else {
        return false;
    };
    let directive_word = DIRECTIVE_WORD.get_or_init(|| memchr::memmem::Finder::new(b"copydesk-"));
    directive_word.find(&bytes[opening..]).is_some()
}

fn directives(text: &str) -> Vec<Directive> {
    if !may_hold_a_directive(text.as_bytes()) {
        return Vec::new();
    }
    directive_pattern()
        .captures_iter(text)
        .filter_map(|captures| {
            let whole = captures.get(0)?;
            let kind = match captures.get(1)?.as_str() {
                "disable-next-line" => DirectiveKind::NextLine,
                "disable" => DirectiveKind::Disable,
                _ => DirectiveKind::Enable,
            };
            let rules = captures
                .get(2)
                .map(|list| {
                    list.as_str()
                        .split(|c: char| c == ',' || c.is_whitespace())
                        .filter(|rule| !rule.is_empty())
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default();
            Some(Directive {
                span: Span::new(whole.start(), whole.end()),
                kind,
                rules,
            })
        })
        .collect()
}

fn regions(text: &str, directives: &[Directive]) -> Vec<Region> {
    let mut regions = Vec::new();
    let mut open: Vec<Region> = Vec::new();
    let index = LineIndex::new(text);
    for (position, directive) in directives.iter().enumerate() {
        let rules: Vec<Option<String>> = if directive.rules.is_empty() {
            vec![None]
        } else {
            directive.rules.iter().cloned().map(Some).collect()
        };
        match directive.kind {
            DirectiveKind::NextLine => {
                let line = index.line_of(directive.span.end);
                if line + 1 < index.line_count() {
                    let span = index.line_span(text, line + 1);
                    for rule in rules {
                        regions.push(Region {
                            span,
                            rule,
                            directive: position,
                            used: false,
                        });
                    }
                }
            }
            DirectiveKind::Disable => {
                for rule in rules {
                    open.push(Region {
                        span: Span::new(directive.span.end, text.len()),
                        rule,
                        directive: position,
                        used: false,
                    });
                }
            }
            DirectiveKind::Enable => {
                let closes = |region: &Region| {
                    directive.rules.is_empty()
                        || region
                            .rule
                            .as_ref()
                            .is_some_and(|rule| directive.rules.contains(rule))
                };
                let (closed, still_open): (Vec<Region>, Vec<Region>) =
                    open.into_iter().partition(closes);
                open = still_open;
                for mut region in closed {
                    region.span.end = directive.span.start;
                    regions.push(region);
                }
            }
        }
    }
    regions.extend(open);
    regions
}

/// Drops the findings that directives in `text` suppress and, when
/// `report_unused` is set, adds an `unused-suppression` finding for each
/// directive that suppressed nothing. The result is sorted.
pub fn apply_suppressions(
    text: &str,
    diagnostics: Vec<Diagnostic>,
    report_unused: bool,
) -> Vec<Diagnostic> {
    let directives = directives(text);
    if directives.is_empty() {
        return diagnostics;
    }
    let mut regions = regions(text, &directives);
    let mut kept: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|diagnostic| {
            let mut suppressed = false;
            for region in regions.iter_mut() {
                let rule_matches = region
                    .rule
                    .as_ref()
                    .is_none_or(|rule| *rule == diagnostic.rule);
                if rule_matches
                    && region.span.start <= diagnostic.span.start
                    && diagnostic.span.start < region.span.end.max(region.span.start + 1)
                {
                    region.used = true;
                    suppressed = true;
                }
            }
            !suppressed
        })
        .collect();
    if report_unused {
        for region in regions.iter().filter(|region| !region.used) {
            let directive = &directives[region.directive];
            let what = region
                .rule
                .as_ref()
                .map_or_else(|| "every rule".to_owned(), |rule| format!("`{rule}`"));
            kept.push(
                Diagnostic::new(
                    UNUSED_SUPPRESSION,
                    Severity::Info,
                    directive.span,
                    format!("This suppression of {what} suppresses nothing"),
                )
                .with_help("remove the directive, or the rule id from it"),
            );
        }
    }
    crate::diagnostic::sort_diagnostics(&mut kept);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn finding(text: &str, needle: &str, rule: &str) -> Diagnostic {
        let start = text.find(needle).unwrap();
        Diagnostic::new(
            rule,
            Severity::Error,
            Span::new(start, start + needle.len()),
            "m",
        )
    }

    fn rules_left(text: &str, findings: Vec<Diagnostic>) -> Vec<(String, String)> {
        apply_suppressions(text, findings, true)
            .into_iter()
            .map(|d| (d.rule, d.span.slice(text).to_owned()))
            .collect()
    }

    #[test]
    fn next_line_suppresses_only_the_next_line() {
        let text = "<!-- copydesk-disable-next-line name-variant -->\nMilly spoke.\nMilly again.\n";
        let findings = vec![
            finding(text, "Milly spoke", "name-variant"),
            finding(text, "Milly again", "name-variant"),
        ];
        assert_eq!(
            rules_left(text, findings),
            [("name-variant".to_owned(), "Milly again".to_owned())]
        );
    }

    #[test]
    fn ranges_and_unused_directives() {
        let text = "<!-- copydesk-disable web-boilerplate, unbalanced-quote -->\nLeave a Reply\n<!-- copydesk-enable web-boilerplate, unbalanced-quote -->\nLeave a Reply\n";
        let first = text.find("Leave").unwrap();
        let second = text.rfind("Leave").unwrap();
        let findings = vec![
            Diagnostic::new(
                "web-boilerplate",
                Severity::Error,
                Span::new(first, first + 13),
                "m",
            ),
            Diagnostic::new(
                "web-boilerplate",
                Severity::Error,
                Span::new(second, second + 13),
                "m",
            ),
        ];
        let left = apply_suppressions(text, findings, true);
        let summary: Vec<(&str, usize)> = left
            .iter()
            .map(|d| (d.rule.as_str(), d.span.start))
            .collect();
        assert_eq!(
            summary,
            [("unused-suppression", 0), ("web-boilerplate", second)]
        );
        assert_eq!(
            left[0].message,
            "This suppression of `unbalanced-quote` suppresses nothing"
        );
    }

    #[test]
    fn a_directive_without_rules_covers_all() {
        let text = "<!-- copydesk-disable -->\nLeave a Reply\n";
        let findings = vec![finding(text, "Leave a Reply", "web-boilerplate")];
        assert!(rules_left(text, findings).is_empty());
    }

    #[test]
    fn the_pre_test_passes_every_text_the_directive_pattern_matches() {
        // The pre-test may pass texts with no directive, but must never
        // turn away one with a directive; the cases put the comment's
        // opening, the directive word and a stray `<` in different orders.
        let texts = [
            "",
            "plain copy with no comment",
            "a < b and <!- almost",
            "<!-- copydesk-disable -->",
            "x <!--copydesk-enable-->",
            "<!--\u{a0}copydesk-disable-next-line name-variant -->\nA.",
            "copydesk-disable before <!-- a comment -->",
            "<!-- a comment --> then <!-- copydesk-disable -->",
            "<<<!-- copydesk-enable x -->",
            "<!-- copydesk-",
            "«Ще» <!-- copydesk-disable unbalanced-quote -->",
        ];
        for text in texts {
            let matched = directive_pattern().is_match(text);
            let passed = may_hold_a_directive(text.as_bytes());
            assert!(passed || !matched, "turned away a directive in {text:?}");
        }
        assert!(!may_hold_a_directive(
            b"copydesk-disable before <!- no comment"
        ));
        assert!(!may_hold_a_directive(
            b"copydesk-disable then <!-- a comment -->"
        ));
        assert!(may_hold_a_directive(b"<!-- copydesk-disable -->"));
    }
}
