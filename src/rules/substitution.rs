//! # substitution
//!
//! ## What it does
//! Flags a word or phrase for which house style prescribes another, and
//! offers the prescribed form as a fix.
//!
//! ## Why it matters
//! A newsroom's style sheet fixes spellings the dictionary leaves open:
//! "Kyiv" not "Kiev", "Gaddafi" not "Qaddafi", "percent" not "per cent".
//! Copy from agencies and freelancers arrives in other styles; an editor
//! should not have to remember every entry.
//!
//! ## Example
//! ```toml
//! [[rule]]
//! id = "house-kyiv"
//! kind = "substitution"
//! severity = "warning"
//! message = "House style is “{replacement}”, not “{match}”"
//! [rule.swap]
//! Kiev = "Kyiv"
//! ```
//! flags "Kiev" in "troops near Kiev" and offers "Kyiv".
//!
//! ## Options
//! - `swap`: a table of `found = "replacement"`, matched as whole words; a
//!   space in a key matches any white space.
//! - `ignore-case` (default `false`): match the keys in any letter case.
//! - `message` may use `{match}` and `{replacement}`.
//!
//! The fix is safe, except inside a direct quotation, where it is unsafe:
//! quoted words are the speaker's, verbatim.
//!
//! ## Limitations
//! A swap applies to every sense of the word: "Chicken Kiev" is flagged
//! along with the city. Add such phrases as their own keys mapping to
//! themselves to exempt them.

use std::collections::BTreeMap;

use regex::Regex;

use super::{fill_template, whole_word_matches, KindOptions, Report, Rule, RuleKind};
use crate::diagnostic::{Applicability, Severity};
use crate::model::Article;
use crate::source::Span;

const DEFAULT_MESSAGE: &str = "Use “{replacement}” instead of “{match}”";

rule_options! {
    pub struct Options {
        pub swap: BTreeMap<String, String>,
        #[serde(default)]
        pub ignore_case: bool,
    }
}

impl KindOptions for Options {
    const KIND: RuleKind = RuleKind {
        name: "substitution",
        summary: "Flags words house style replaces, with the replacement as a fix",
        default_severity: Severity::Warning,
    };

    fn build(self) -> Result<Box<dyn Rule>, String> {
        if self.swap.is_empty() {
            return Err("`swap` is empty".to_owned());
        }
        // Longest keys first, so "Chicken Kiev" wins over "Kiev".
        let mut keys: Vec<&String> = self.swap.keys().collect();
        keys.sort_by_key(|key| std::cmp::Reverse(key.len()));
        let alternatives: Vec<String> = keys
            .iter()
            .map(|key| {
                let words: Vec<String> = key.split_whitespace().map(regex::escape).collect();
                // Whole words are checked on each match: a `\b` here would
                // slow every search (see `whole_word_matches`).
                words.join(r"\s+")
            })
            .collect();
        let flags = if self.ignore_case { "(?i)" } else { "" };
        let matcher = Regex::new(&format!("{flags}(?:{})", alternatives.join("|")))
            .map_err(|error| format!("`swap` keys do not compile: {error}"))?;
        let swap = self
            .swap
            .into_iter()
            .map(|(key, value)| (normalise_key(&key, self.ignore_case), value))
            .collect();
        Ok(Box::new(Substitution {
            matcher,
            swap,
            ignore_case: self.ignore_case,
            message: self.message.unwrap_or_else(|| DEFAULT_MESSAGE.to_owned()),
        }))
    }
}

/// Keys compare with white space collapsed (and case folded when asked),
/// as the matcher finds them.
fn normalise_key(key: &str, ignore_case: bool) -> String {
    let collapsed = key.split_whitespace().collect::<Vec<_>>().join(" ");
    if ignore_case {
        collapsed.to_lowercase()
    } else {
        collapsed
    }
}

#[derive(Debug)]
struct Substitution {
    matcher: Regex,
    swap: BTreeMap<String, String>,
    ignore_case: bool,
    message: String,
}

impl Rule for Substitution {
    fn check(&self, article: &Article<'_>, report: &mut Report<'_>) {
        for span in whole_word_matches(
            |at| {
                self.matcher
                    .find_at(article.text, at)
                    .map(|m| Span::new(m.start(), m.end()))
            },
            article.text,
        ) {
            let matched = span.slice(article.text);
            let Some(replacement) = self.swap.get(&normalise_key(matched, self.ignore_case)) else {
                continue;
            };
            if replacement == matched {
                continue;
            }
            let applicability = if article.in_quotation(span) {
                Applicability::Unsafe
            } else {
                Applicability::Safe
            };
            let message = fill_template(
                &self.message,
                &[("match", matched), ("replacement", replacement)],
            );
            let mut diagnostic = report
                .diagnostic(span, message)
                .with_fix(replacement.clone(), applicability);
            if applicability == Applicability::Unsafe {
                diagnostic = diagnostic.with_help(
                    "inside a direct quotation: change it only if the speaker's words allow",
                );
            }
            report.push(diagnostic);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check_rule, rule_from_toml};

    const KYIV: &str = r#"
        [[rule]]
        id = "house-kyiv"
        kind = "substitution"
        severity = "warning"
        message = "House style is “{replacement}”, not “{match}”"
        [rule.swap]
        Kiev = "Kyiv"
        "Chicken Kiev" = "Chicken Kiev"
    "#;

    #[test]
    fn fix_is_safe_in_narrative_and_unsafe_in_quotations() {
        let rule = rule_from_toml(KYIV);
        insta::assert_snapshot!(check_rule(&rule, "Troops near Kiev. “Kiev will stand,” he said. Kievan Rus and Chicken Kiev."), @r#"
        1:13-1:17 warning[house-kyiv] House style is “Kyiv”, not “Kiev”
          fix (Safe): "Kyiv"
        1:20-1:24 warning[house-kyiv] House style is “Kyiv”, not “Kiev”
          help: inside a direct quotation: change it only if the speaker's words allow
          fix (Unsafe): "Kyiv"
        "#);
    }
}
