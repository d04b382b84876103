//! # existence
//!
//! ## What it does
//! Flags every occurrence of any of a list of phrases or patterns.
//!
//! ## Why it matters
//! Some text must never be published whatever its context: the comment
//! form and sharing buttons a copy-paste from a web page drags along
//! ("Leave a Reply", "Your email address will not be published"),
//! placeholders ("TK", "INSERT QUOTE"), a content-management system's
//! furniture. A spell checker sees nothing wrong with any of it.
//!
//! ## Example
//! ```toml
//! [[rule]]
//! id = "web-boilerplate"
//! kind = "existence"
//! severity = "error"
//! message = "Web page residue: “{match}”"
//! phrases = ["Leave a Reply", "Your email address will not be published"]
//! patterns = ['(?i)click here to (subscribe|comment)']
//! flagged = ["Leave a Reply"]
//! clean = ["Please reply by Friday."]
//! ```
//! flags "Leave a Reply" at the foot of an article.
//!
//! ## Options
//! - `phrases`: literal phrases, matched as whole words. A space in a phrase
//!   matches any run of white space, so a phrase wrapped over two lines is
//!   still found.
//! - `standalone`: phrases that count only when they make up a whole line
//!   on their own, as page furniture does ("Leave a Reply", "Like this:",
//!   "Advertisement"). In running prose the same words are the writer's own
//!   ("it goes like this:"), so they are not flagged there.
//! - `patterns`: regular expressions (the `regex` crate's syntax, which runs
//!   in linear time, so no pattern can hang a check).
//! - `ignore-case` (default `false`): match phrases in any letter case.
//! - `merge-adjacent` (default `false`): report matches separated only by
//!   white space and punctuation as one finding covering them all, as for a
//!   web page's comment form that is several phrases in a row.
//! - `fix` (default none): `"delete"` offers deleting the match as an unsafe
//!   fix.
//! - `message` may use `{match}`, the matched text (the first match of a
//!   merged run).
//!
//! ## Limitations
//! Phrases match anywhere, quotations included: a story *about* a comment
//! form will be flagged too.

use regex_automata::meta::Regex;
use regex_automata::Input;
use serde::Deserialize;

use super::{fill_template, whole_word_matches, KindOptions, Report, Rule, RuleKind};
use crate::diagnostic::{Applicability, Severity};
use crate::model::Article;
use crate::source::Span;
use crate::syntax::tokens::is_word_char;

const DEFAULT_MESSAGE: &str = "“{match}” should not be published";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FixAction {
    #[default]
    None,
    Delete,
}

rule_options! {
    pub struct Options {
        #[serde(default)]
        pub phrases: Vec<String>,
        #[serde(default)]
        pub standalone: Vec<String>,
        #[serde(default)]
        pub patterns: Vec<String>,
        #[serde(default)]
        pub ignore_case: bool,
        #[serde(default)]
        pub merge_adjacent: bool,
        #[serde(default)]
        pub fix: FixAction,
    }
}

impl KindOptions for Options {
    const KIND: RuleKind = RuleKind {
        name: "existence",
        summary: "Flags phrases or patterns that must not be published",
        default_severity: Severity::Warning,
    };

    fn build(self) -> Result<Box<dyn Rule>, String> {
        if self.phrases.is_empty() && self.patterns.is_empty() && self.standalone.is_empty() {
            return Err("an existence rule needs `phrases`, `standalone` or `patterns`".to_owned());
        }
        let standalone = if self.standalone.is_empty() {
            None
        } else {
            let mut lines = Vec::with_capacity(self.standalone.len());
            for phrase in &self.standalone {
                if phrase.trim().is_empty() {
                    return Err("`standalone` has an empty phrase".to_owned());
                }
                lines.push(phrase_pattern(phrase, self.ignore_case));
            }
            // Multi-line and CRLF-aware: ^ and $ are line starts and ends.
            let pattern = format!(r"(?mR)^[\t \u{{feff}}]*({})[\t ]*$", lines.join("|"));
            Some(
                compile(&pattern)
                    .map_err(|error| format!("`standalone` does not compile: {error}"))?,
            )
        };
        let mut phrases = Vec::with_capacity(self.phrases.len());
        for phrase in &self.phrases {
            if phrase.trim().is_empty() {
                return Err("`phrases` has an empty phrase".to_owned());
            }
            phrases.push(phrase_pattern(phrase, self.ignore_case));
        }
        let phrases = if phrases.is_empty() {
            None
        } else {
            let combined = compile(&phrases.join("|"))
                .map_err(|error| format!("`phrases` do not compile: {error}"))?;
            Some(combined)
        };
        let patterns = if self.patterns.is_empty() {
            None
        } else {
            let mut wrapped = Vec::with_capacity(self.patterns.len());
            for pattern in &self.patterns {
                // Parsing alone (no compiling) names the pattern at fault,
                // and catches one like `a)|(b` that would compile once
                // wrapped and joined.
                regex_automata::util::syntax::parse(pattern)
                    .map_err(|error| format!("pattern {pattern:?} is invalid: {error}"))?;
                wrapped.push(format!("(?:{pattern})"));
            }
            let combined = compile(&wrapped.join("|"))
                .map_err(|error| format!("`patterns` do not compile together: {error}"))?;
            Some(combined)
        };
        Ok(Box::new(Existence {
            phrases,
            patterns,
            standalone,
            message: self.message.unwrap_or_else(|| DEFAULT_MESSAGE.to_owned()),
            merge_adjacent: self.merge_adjacent,
            fix: self.fix,
        }))
    }
}

/// Compiles one of the rule's regular expressions.
///
/// Without the literal prefilter: extracting literals from dozens of
/// case-insensitive phrases was most of the program's start-up (about 2 ms
/// of a one-article check), and on news copy the lazy DFA searches these
/// expressions as fast without it (measured within 5% on 10 MB).
fn compile(pattern: &str) -> Result<Regex, String> {
    Regex::builder()
        .configure(Regex::config().auto_prefilter(false))
        .build(pattern)
        .map_err(|error| error.to_string())
}

/// A phrase as a pattern: words escaped, spaces matching any white space.
///
/// No `\b`: the regex crate's fast engines cannot evaluate a Unicode word
/// boundary, and one `\b` would send the whole search to its slowest
/// engine. Whole-word matching is checked on each match instead
/// ([`whole_word_matches`]).
fn phrase_pattern(phrase: &str, ignore_case: bool) -> String {
    let words: Vec<String> = phrase.split_whitespace().map(regex::escape).collect();
    let mut pattern = String::from(if ignore_case { "(?i:" } else { "(?:" });
    pattern.push_str(&words.join(r"\s+"));
    pattern.push(')');
    pattern
}

#[derive(Debug)]
struct Existence {
    /// Every phrase, without word-boundary assertions (see
    /// [`phrase_pattern`]); boundaries are checked on each match.
    phrases: Option<Regex>,
    patterns: Option<Regex>,
    standalone: Option<Regex>,
    message: String,
    merge_adjacent: bool,
    fix: FixAction,
}

impl Rule for Existence {
    fn check(&self, article: &Article<'_>, report: &mut Report<'_>) {
        let text = article.text;
        let mut found: Vec<Span> = Vec::new();
        if let Some(phrases) = &self.phrases {
            found.extend(whole_word_matches(
                |at| {
                    phrases
                        .search(&Input::new(text).range(at..))
                        .map(|m| Span::new(m.start(), m.end()))
                },
                text,
            ));
        }
        if let Some(patterns) = &self.patterns {
            found.extend(
                patterns
                    .find_iter(text)
                    .map(|m| Span::new(m.start(), m.end())),
            );
            found.sort();
        }
        if let Some(standalone) = &self.standalone {
            found.extend(
                standalone
                    .captures_iter(text)
                    .filter_map(|captures| captures.get_group(1))
                    .map(|m| Span::new(m.start, m.end)),
            );
            found.sort();
        }
        // (first match, whole run, number of matches)
        let mut runs: Vec<(Span, Span, usize)> = Vec::new();
        for span in found {
            if span.is_empty() {
                continue;
            }
            match runs.last_mut() {
                Some((_, whole, _)) if span.start < whole.end => {}
                Some((_, whole, count))
                    if self.merge_adjacent
                        && !text[whole.end..span.start].chars().any(is_word_char) =>
                {
                    *whole = whole.cover(span);
                    *count += 1;
                }
                _ => runs.push((span, span, 1)),
            }
        }
        for (first, whole, count) in runs {
            let matched = first.slice(text);
            let mut diagnostic =
                report.diagnostic(whole, fill_template(&self.message, &[("match", matched)]));
            if count > 1 {
                diagnostic = diagnostic.with_help(format!(
                    "{count} pieces of residue in a row, up to “{}”",
                    last_line(whole.slice(text))
                ));
            }
            if self.fix == FixAction::Delete {
                diagnostic = diagnostic.with_fix("", Applicability::Unsafe);
            }
            report.push(diagnostic);
        }
    }
}

fn last_line(text: &str) -> &str {
    text.lines().last().unwrap_or(text).trim()
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check_rule, rule_from_toml};

    const BOILERPLATE: &str = r#"
        [[rule]]
        id = "web-boilerplate"
        kind = "existence"
        severity = "error"
        message = "Web page residue: “{match}”"
        phrases = ["Leave a Reply", "Your email address will not be published", "Share this"]
        patterns = ['(?i)required fields are marked(\s*\*)?']
        ignore-case = true
        merge-adjacent = true
    "#;

    #[test]
    fn phrases_match_whole_words_across_line_breaks() {
        let rule = rule_from_toml(BOILERPLATE);
        insta::assert_snapshot!(check_rule(&rule, "Please leave a\nreply below. We share thistles."), @r"
        1:8-2:6 error[web-boilerplate] Web page residue: “leave a
        reply”
        ");
    }

    #[test]
    fn adjacent_residue_is_one_finding() {
        let rule = rule_from_toml(BOILERPLATE);
        insta::assert_snapshot!(check_rule(&rule, "The end.\n\nLeave a Reply\n\nYour email address will not be published. Required fields are marked *"), @"
        3:1-5:71 error[web-boilerplate] Web page residue: “Leave a Reply”
          help: 3 pieces of residue in a row, up to “Your email address will not be published. Required fields are marked *”
        ");
    }

    #[test]
    fn clean_text_has_no_finding() {
        let rule = rule_from_toml(BOILERPLATE);
        assert_eq!(check_rule(&rule, "Please reply by Friday."), "");
    }
}
