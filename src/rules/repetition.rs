//! # repetition
//!
//! ## What it does
//! Flags a word written twice in a row ("the the"), in any letter case
//! ("The the") and across a line break, and offers deleting the repeat.
//!
//! ## Why it matters
//! A doubled word is the commonest slip an edit leaves behind: a phrase
//! rewritten, a line rewrapped, and one "the" too many survives. The eye
//! reads straight over it, most of all when the two sit on different
//! lines.
//!
//! ## Example
//! ```toml
//! [[rule]]
//! id = "repeated-word"
//! kind = "repetition"
//! severity = "warning"
//! allow = ["had", "that"]
//! flagged = ["Talks resumed on the\nthe same day."]
//! clean = ["What he had had was enough."]
//! ```
//! flags "the\nthe" and offers "the".
//!
//! ## Options
//! - `allow`: words that may stand twice in a row in good English ("had
//!   had", "that that") or in names ("Walla Walla"), matched in any case.
//! - `message` may use `{word}`.
//!
//! Not flagged: words split by punctuation ("New York, New York"), a
//! repeat across a paragraph break, a repeat whose second word is
//! capitalised, which is a name, a title or shouting ("Walla Walla",
//! "law lord Lord Bingham", "RUSSIA RUSSIA"), a repeat joined by a hyphen
//! ("Boutros Boutros-Ghali"), one marked "[sic]", a word three or more
//! times in a row ("no no no", written on purpose), and words in table
//! columns (two or more spaces apart on one line).
//!
//! The fix deletes the second word and the space before it. It is safe,
//! except inside a direct quotation (the speaker's words, verbatim) or
//! when the two differ in case other than a capital opening a sentence,
//! where it is unsafe.
//!
//! ## Limitations
//! A doubled word a speaker really said ("wonderful wonderful") is flagged
//! unless it is in `allow`; so is a word that ends one phrase and opens the
//! next ("waiting for for years"), which English allows for many short
//! words. A slip whose second word is capitalised ("called Called") is
//! missed.

use super::{fill_template, KindOptions, Report, Rule, RuleKind};
use crate::diagnostic::{Applicability, Severity};
use crate::model::Article;
use crate::source::Span;
use crate::syntax::{Token, TokenKind};

const DEFAULT_MESSAGE: &str = "“{word}” is repeated";

rule_options! {
    pub struct Options {
        #[serde(default)]
        pub allow: Vec<String>,
    }
}

impl KindOptions for Options {
    const KIND: RuleKind = RuleKind {
        name: "repetition",
        summary: "Flags a word written twice in a row",
        default_severity: Severity::Warning,
    };

    fn build(self) -> Result<Box<dyn Rule>, String> {
        let mut allow = Vec::with_capacity(self.allow.len());
        for word in self.allow {
            let word = word.trim().to_lowercase();
            if word.is_empty() || word.contains(char::is_whitespace) {
                return Err(format!(
                    "`allow` entry {word:?} must be one word (the word that may repeat)"
                ));
            }
            allow.push(word);
        }
        allow.sort();
        allow.dedup();
        Ok(Box::new(Repetition {
            allow,
            message: self.message.unwrap_or_else(|| DEFAULT_MESSAGE.to_owned()),
        }))
    }
}

#[derive(Debug)]
struct Repetition {
    /// Lowercase, sorted.
    allow: Vec<String>,
    message: String,
}

impl Rule for Repetition {
    fn check(&self, article: &Article<'_>, report: &mut Report<'_>) {
        let text = article.text;
        // The statement's words, each with whether only a word space
        // separates it from the word before (one vector for every
        // statement).
        let mut words: Vec<(&Token, bool, usize)> = Vec::new();
        for statement in article.statements() {
            let Some(tokens) = article.tokens().get(statement.tokens.clone()) else {
                continue;
            };
            words.clear();
            let mut gap_is_space = false;
            let mut spaces = 0usize;
            let mut line_breaks = 0usize;
            for (index, token) in tokens.iter().enumerate() {
                match token.kind {
                    TokenKind::Space => spaces += token.span().slice(text).chars().count(),
                    TokenKind::LineBreak => {
                        line_breaks += 1;
                        spaces = 0;
                    }
                    TokenKind::Word | TokenKind::CapitalisedWord => {
                        // Two spaces or more in a line are table columns
                        // ("nil      nil"), not prose; a wrapped line may
                        // be indented.
                        let spaced = match line_breaks {
                            0 => (1..=2).contains(&spaces),
                            1 => true,
                            _ => false,
                        };
                        words.push((token, gap_is_space && spaced, index));
                        gap_is_space = true;
                        spaces = 0;
                        line_breaks = 0;
                    }
                    _ => {
                        gap_is_space = false;
                        spaces = 0;
                        line_breaks = 0;
                    }
                }
            }
            let repeats = |i: usize| {
                i > 0
                    && words[i].1
                    && same_word(
                        words[i].0.span().slice(text),
                        words[i - 1].0.span().slice(text),
                    )
            };
            for i in 1..words.len() {
                // Exactly two in a row: three or more ("no no no", "heh heh
                // heh") are written on purpose.
                if repeats(i) && !repeats(i - 1) && !(i + 1 < words.len() && repeats(i + 1)) {
                    let after = tokens.get(words[i].2 + 1..);
                    self.compare(
                        article,
                        statement.span.start,
                        (words[i - 1].0, words[i].0),
                        after.unwrap_or_default(),
                        report,
                    );
                }
            }
        }
    }
}

/// Whether two words are one word in any letter case, compared without
/// lowering copies of every word of the article.
fn same_word(a: &str, b: &str) -> bool {
    // Most neighbours differ in their first letter: decided by one byte
    // each when both are ASCII (a character outside ASCII can lower to an
    // ASCII letter, as the Kelvin sign does to k, so only then).
    if let (Some(first_a), Some(first_b)) = (a.as_bytes().first(), b.as_bytes().first()) {
        if first_a.is_ascii() && first_b.is_ascii() && !first_a.eq_ignore_ascii_case(first_b) {
            return false;
        }
    }
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

impl Repetition {
    fn compare(
        &self,
        article: &Article<'_>,
        statement_start: usize,
        (first, second): (&Token, &Token),
        after: &[Token],
        report: &mut Report<'_>,
    ) {
        let text = article.text;
        let (one, two) = (first.span().slice(text), second.span().slice(text));
        let lower = one.to_lowercase();
        if !lower.chars().any(char::is_alphabetic) || self.allow.binary_search(&lower).is_ok() {
            return;
        }
        // A capitalised repeat is a name or a title ("Walla Walla", "Duran
        // Duran", "senior law lord Lord Bingham", "a new New Hampshire
        // licence"), or shouting ("RUSSIA RUSSIA"): only a lowercase second
        // word is a slip.
        if !two.chars().next().is_some_and(char::is_lowercase) {
            return;
        }
        // "Boutros Boutros-Ghali", "well-known known-unknowns".
        let before = text[..first.span().start].chars().next_back();
        let mut following = after.iter().filter(|t| !t.is_space());
        let next = following.next().map(|t| t.span().slice(text));
        if next.is_some_and(|t| matches!(t, "-" | "‑"))
            || before.is_some_and(|c| c == '-' || c == '‑')
        {
            return;
        }
        // "it it [sic]": the writer marks the repeat as the speaker's.
        if matches!(next, Some("[" | "("))
            && following
                .next()
                .is_some_and(|t| t.span().slice(text).eq_ignore_ascii_case("sic"))
        {
            return;
        }
        let opens_sentence = statement_start == first.span().start;
        let rest = |word: &str| word.chars().skip(1).collect::<String>();
        let same_case = one == two || (opens_sentence && rest(one) == rest(two));
        let span = Span::new(first.span().start, second.span().end);
        let applicability = if same_case && !article.in_quotation(span) {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        };
        let message = fill_template(&self.message, &[("word", one)]);
        let diagnostic = report
            .diagnostic(span, message)
            .with_help(format!("delete the second “{two}”"))
            .with_fix(one, applicability);
        report.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check_rule, rule_from_toml};

    #[test]
    fn words_compare_in_any_case() {
        use super::same_word;
        assert!(same_word("The", "the"));
        assert!(same_word("ÉTÉ", "été"));
        assert!(!same_word("the", "then"));
        assert!(!same_word("été", "ete"));
        assert!(!same_word("the", "she"));
        assert!(same_word("\u{212a}ilo", "kilo"));
        assert!(same_word("kilo", "\u{212a}ILO"));
        assert!(!same_word("", "a"));
        assert!(same_word("", ""));
    }

    const RULE: &str = r#"
        [[rule]]
        id = "repeated-word"
        kind = "repetition"
        severity = "warning"
        allow = ["had", "that"]
    "#;

    #[test]
    fn repeats_in_any_case_and_across_line_breaks() {
        let rule = rule_from_toml(RULE);
        insta::assert_snapshot!(check_rule(&rule, "The the vote was on the\r\nthe same day, he said in in May."), @r#"
        1:1-1:8 warning[repeated-word] “The” is repeated
          help: delete the second “the”
          fix (Safe): "The"
        1:21-2:4 warning[repeated-word] “the” is repeated
          help: delete the second “the”
          fix (Safe): "the"
        2:23-2:28 warning[repeated-word] “in” is repeated
          help: delete the second “in”
          fix (Safe): "in"
        "#);
    }

    #[test]
    fn allowed_words_names_and_punctuation() {
        let rule = rule_from_toml(RULE);
        assert_eq!(
            check_rule(
                &rule,
                "What he had had was that that was all. He saw Sirhan Sirhan in New York, New York. It was a well-known known-unknown."
            ),
            ""
        );
    }

    #[test]
    fn quoted_repeat_has_an_unsafe_fix() {
        let rule = rule_from_toml(RULE);
        insta::assert_snapshot!(check_rule(&rule, "“We we will win,” she said."), @r#"
        1:2-1:7 warning[repeated-word] “We” is repeated
          help: delete the second “we”
          fix (Unsafe): "We"
        "#);
    }

    #[test]
    fn repeat_across_a_paragraph_break_is_not_flagged() {
        let rule = rule_from_toml(RULE);
        assert_eq!(check_rule(&rule, "It rained in\n\nin May."), "");
    }
}
