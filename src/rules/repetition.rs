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
        let bytes = text.as_bytes();
        for statement in article.statements() {
            let Some(tokens) = article.tokens().get(statement.tokens.clone()) else {
                continue;
            };
            // One pass over the statement's words, each compared with the
            // word before it; the white space between two words is read
            // only when they match, which few neighbours do. A run of
            // repeats is decided once the word after it is known: exactly
            // two in a row are a slip, three or more ("no no no", "heh heh
            // heh") are written on purpose.
            //
            // The last word (its token index and first byte), and the first
            // word and length of the run of repeats it ends.
            let mut last: Option<(usize, u8)> = None;
            let mut run_start = 0usize;
            let mut run = 0usize;
            let end_run = |run: usize,
                           run_start: usize,
                           last: Option<(usize, u8)>,
                           report: &mut Report<'_>| {
                if let (2, Some((second, _))) = (run, last) {
                    self.compare_pair(
                        article,
                        statement.span.start,
                        tokens,
                        (run_start, second),
                        report,
                    );
                }
            };
            for (index, token) in tokens.iter().enumerate() {
                if !token.is_word() {
                    continue;
                }
                let first_byte = bytes.get(token.span().start).copied().unwrap_or(0);
                let repeats = last.is_some_and(|(before, before_first_byte)| {
                    first_bytes_may_match(before_first_byte, first_byte)
                        && repeats_word(text, tokens, before, index)
                });
                if repeats {
                    run += 1;
                } else {
                    end_run(run, run_start, last, report);
                    run_start = index;
                    run = 1;
                }
                last = Some((index, first_byte));
            }
            end_run(run, run_start, last, report);
        }
    }
}

/// Whether two words can be one word in any letter case, judged by their
/// first bytes: false only when both are ASCII and differ in more than
/// the case bit, which no lowering undoes (a byte outside ASCII can start
/// a character that lowers to an ASCII letter, as the Kelvin sign does to
/// k). One test for most neighbours.
fn first_bytes_may_match(a: u8, b: u8) -> bool {
    (a | b) >= 0x80 || (a ^ b) & !0x20 == 0
}

/// Whether the word at token `index` repeats the word at token `before`:
/// the same word in any letter case, with only a word space between.
/// Kept out of line: the loop over every word stays small and keeps its
/// state in registers.
#[inline(never)]
fn repeats_word(text: &str, tokens: &[Token], before: usize, index: usize) -> bool {
    match (
        tokens.get(before),
        tokens.get(index),
        tokens.get(before + 1..index),
    ) {
        (Some(first), Some(second), Some(gap)) => {
            same_word(first.span().slice(text), second.span().slice(text)) && spaced_gap(text, gap)
        }
        _ => false,
    }
}

/// Whether the tokens between two words are a word space: one or two
/// spaces on one line, or one line break with any indent (a wrapped
/// line). Two spaces or more in a line are table columns ("nil      nil"),
/// not prose.
fn spaced_gap(text: &str, gap: &[Token]) -> bool {
    let mut spaces = 0usize;
    let mut line_breaks = 0usize;
    for token in gap {
        match token.kind {
            TokenKind::Space => spaces += token.span().slice(text).chars().count(),
            TokenKind::LineBreak => {
                line_breaks += 1;
                spaces = 0;
            }
            _ => return false,
        }
    }
    match line_breaks {
        0 => (1..=2).contains(&spaces),
        1 => true,
        _ => false,
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
    /// Compares a pair of words given as token indices.
    fn compare_pair(
        &self,
        article: &Article<'_>,
        statement_start: usize,
        tokens: &[Token],
        (first, second): (usize, usize),
        report: &mut Report<'_>,
    ) {
        if let (Some(first_word), Some(second_word)) = (tokens.get(first), tokens.get(second)) {
            self.compare(
                article,
                statement_start,
                (first_word, second_word),
                tokens.get(second + 1..).unwrap_or_default(),
                report,
            );
        }
    }

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

    #[test]
    fn first_bytes_tell_apart_only_what_lowering_cannot_join() {
        use super::first_bytes_may_match;
        for a in 0..=u8::MAX {
            for b in 0..=u8::MAX {
                let may = first_bytes_may_match(a, b);
                if !may {
                    assert!(a.is_ascii() && b.is_ascii() && !a.eq_ignore_ascii_case(&b));
                }
                if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() {
                    assert_eq!(may, a.eq_ignore_ascii_case(&b), "{a} {b}");
                }
                if !(a.is_ascii() && b.is_ascii()) {
                    assert!(may);
                }
            }
        }
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
    fn runs_at_statement_edges_and_odd_text() {
        let rule = rule_from_toml(RULE);
        insta::assert_snapshot!(check_rule(
            &rule,
            "It it rose. Rates fell fell. No no no way.\r\n\u{212a}ilo kilo and été été, 🙂 🙂 then x\u{301} x\u{301} and \u{130} i  i here \t tab tab too."
        ), @r#"
        1:1-1:6 warning[repeated-word] “It” is repeated
          help: delete the second “it”
          fix (Safe): "It"
        1:19-1:28 warning[repeated-word] “fell” is repeated
          help: delete the second “fell”
          fix (Safe): "fell"
        2:1-2:10 warning[repeated-word] “Kilo” is repeated
          help: delete the second “kilo”
          fix (Safe): "Kilo"
        2:15-2:22 warning[repeated-word] “été” is repeated
          help: delete the second “été”
          fix (Safe): "été"
        2:33-2:38 warning[repeated-word] “x́” is repeated
          help: delete the second “x́”
          fix (Safe): "x\u{301}"
        2:45-2:49 warning[repeated-word] “i” is repeated
          help: delete the second “i”
          fix (Safe): "i"
        2:57-2:64 warning[repeated-word] “tab” is repeated
          help: delete the second “tab”
          fix (Safe): "tab"
        "#);
    }

    #[test]
    fn repeat_across_a_paragraph_break_is_not_flagged() {
        let rule = rule_from_toml(RULE);
        assert_eq!(check_rule(&rule, "It rained in\n\nin May."), "");
    }
}
