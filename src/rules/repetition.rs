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
        let tokens = article.tokens();
        let statements = article.statements();
        // The grammar notes the few words whose first byte may be the word
        // before's: only the statements that hold one are read, found from
        // those words, and in them only those words.
        let mut may_repeat = article.syntax.may_repeat.as_slice();
        let mut place = 0;
        while let Some(&next) = may_repeat.first() {
            while statements
                .get(place)
                .is_some_and(|statement| statement.tokens.end <= next as usize)
            {
                place += 1;
            }
            let Some(statement) = statements.get(place) else {
                break;
            };
            let range = statement.tokens.clone();
            let outside = may_repeat
                .iter()
                .take_while(|&&index| (index as usize) < range.start)
                .count();
            let within = may_repeat[outside..]
                .iter()
                .take_while(|&&index| (index as usize) < range.end)
                .count();
            let here = &may_repeat[outside..outside + within];
            may_repeat = &may_repeat[outside + within..];
            let Some(tokens) = tokens.get(range.clone()) else {
                continue;
            };
            let words = here.iter().map(|&index| index as usize - range.start);
            for_each_lone_repeat(text, tokens, words, |first, second| {
                self.compare_pair(
                    article,
                    statement.span.start,
                    tokens,
                    (first, second),
                    report,
                );
            });
        }
    }
}

/// A word token of a statement, with the first byte of its text.
#[derive(Clone, Copy)]
struct Word {
    index: usize,
    first_byte: u8,
}

/// The first word token at or after token `from`.
fn next_word(text: &str, tokens: &[Token], from: usize) -> Option<Word> {
    let index = from + tokens.get(from..)?.iter().position(Token::is_word)?;
    Some(word_at(text, tokens, index))
}

/// The word at token `index`.
fn word_at(text: &str, tokens: &[Token], index: usize) -> Word {
    let first_byte = tokens
        .get(index)
        .and_then(|token| text.as_bytes().get(token.span().start))
        .copied()
        .unwrap_or(0);
    Word { index, first_byte }
}

/// Calls `found` with the token indices of each pair of words in a
/// statement that is a run of its own: exactly two in a row are a slip,
/// three or more ("no no no", "heh heh heh") are written on purpose.
///
/// Only the words `may_repeat` (token indices in order, as the grammar
/// notes them: every word that begins outside ASCII or with the ASCII
/// letter the word before begins with, in either case) are compared with
/// the word before them, and those that begin outside ASCII with the word
/// after them too: no other pair of neighbours can be one word. A pair
/// that repeats is followed to the end of its run, and the words of the
/// run are not compared again.
fn for_each_lone_repeat(
    text: &str,
    tokens: &[Token],
    may_repeat: impl IntoIterator<Item = usize>,
    mut found: impl FnMut(usize, usize),
) {
    // Pairs whose second word is before `past` are judged.
    let mut past = 0;
    for word in may_repeat {
        if word >= past {
            if let Some(before) = tokens
                .get(..word)
                .and_then(|before| before.iter().rposition(Token::is_word))
            {
                past = judge_pair(text, tokens, (before, word), &mut found);
            }
        }
        let begins_outside_ascii = tokens
            .get(word)
            .and_then(|token| text.as_bytes().get(token.span().start))
            .is_some_and(|first| !first.is_ascii());
        if begins_outside_ascii {
            if let Some(after) =
                next_word(text, tokens, word + 1).filter(|after| after.index >= past)
            {
                past = judge_pair(text, tokens, (word, after.index), &mut found);
            }
        }
    }
}

/// Whether the words at `first` and `second` repeat, and if they do the
/// run they start followed and `found` called if it is two long: gives
/// the token index past the second word, or past the run.
#[inline]
fn judge_pair(
    text: &str,
    tokens: &[Token],
    (first, second): (usize, usize),
    found: &mut impl FnMut(usize, usize),
) -> usize {
    // Most pairs are told apart by their ASCII bytes, before the words
    // and the gap between them are read as text.
    let may_match = match (tokens.get(first), tokens.get(second)) {
        (Some(a), Some(b)) => ascii_bytes_may_match(text.as_bytes(), a.span(), b.span()),
        _ => false,
    };
    if may_match {
        judge_likely_pair(text, tokens, (first, second), found)
    } else {
        second + 1
    }
}

/// [`judge_pair`] for a pair whose ASCII bytes match: kept out of line,
/// as few pairs get this far.
#[inline(never)]
fn judge_likely_pair(
    text: &str,
    tokens: &[Token],
    (first, second): (usize, usize),
    found: &mut impl FnMut(usize, usize),
) -> usize {
    if same_word_tokens(text, tokens, first, second) {
        end_run(text, tokens, (first, second), found) + 1
    } else {
        second + 1
    }
}

/// Follows a run of repeats from its first pair, calls `found` with the
/// pair if the run is two long, and returns the token index of the run's
/// last word.
#[inline(never)]
fn end_run(
    text: &str,
    tokens: &[Token],
    (first, second): (usize, usize),
    found: &mut impl FnMut(usize, usize),
) -> usize {
    let mut run = 2usize;
    let mut last = word_at(text, tokens, second);
    while let Some(next) = next_word(text, tokens, last.index + 1)
        .filter(|&next| repeats_word(text, tokens, last, next))
    {
        run += 1;
        last = next;
    }
    if run == 2 {
        found(first, second);
    }
    last.index
}

/// Whether two words can be one word in any letter case, judged by their
/// first bytes: false only when both are ASCII and differ in more than
/// the case bit, which no lowering undoes (a byte outside ASCII can start
/// a character that lowers to an ASCII letter, as the Kelvin sign does to
/// k).
fn first_bytes_may_match(a: u8, b: u8) -> bool {
    (a | b) >= 0x80 || (a ^ b) & !0x20 == 0
}

/// Whether two words whose first bytes may match
/// ([`first_bytes_may_match`]) can be one word in any letter case, judged
/// by their bytes while both are ASCII: false where [`same_word`] is,
/// unless a byte outside ASCII comes first, where nothing is judged. Most
/// neighbours that share a first letter ("to the", "said she") are told
/// apart by their next, without slicing the text.
fn ascii_bytes_may_match(bytes: &[u8], a: Span, b: Span) -> bool {
    let (Some(a), Some(b)) = (bytes.get(a.start..a.end), bytes.get(b.start..b.end)) else {
        return true;
    };
    for (&x, &y) in a.iter().zip(b) {
        if (x | y) >= 0x80 {
            return true;
        }
        if !x.eq_ignore_ascii_case(&y) {
            return false;
        }
    }
    a.len() == b.len()
}

/// Whether the word `second` repeats the word `first`: the same word in
/// any letter case, with only a word space between. Most neighbours are
/// told apart by their first bytes, before their texts are read.
fn repeats_word(text: &str, tokens: &[Token], first: Word, second: Word) -> bool {
    first_bytes_may_match(first.first_byte, second.first_byte)
        && same_word_tokens(text, tokens, first.index, second.index)
}

/// Whether the word at token `index` repeats the word at token `before`,
/// their first bytes aside. Kept out of line: asked of few pairs.
#[inline(never)]
fn same_word_tokens(text: &str, tokens: &[Token], before: usize, index: usize) -> bool {
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
    // A byte at a time while both are ASCII, which lowers byte by byte:
    // most neighbours differ within a letter or two. From the first byte
    // outside ASCII (a character boundary in both, as every byte before it
    // is ASCII) the rest is compared lowered, since a character outside
    // ASCII can lower to an ASCII letter, as the Kelvin sign does to k.
    for (at, (x, y)) in a.bytes().zip(b.bytes()).enumerate() {
        if !x.is_ascii() || !y.is_ascii() {
            return same_word_lowered(&a[at..], &b[at..]);
        }
        if !x.eq_ignore_ascii_case(&y) {
            return false;
        }
    }
    // One is all of the other's ASCII start: the longer has characters
    // left, and every character lowers to at least one.
    a.len() == b.len()
}

/// Whether two words are one word in any letter case, compared lowered
/// character by character.
fn same_word_lowered(a: &str, b: &str) -> bool {
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

    /// Words the ASCII byte test turns away are never one word.
    #[test]
    fn ascii_bytes_turn_away_only_different_words() {
        use super::{ascii_bytes_may_match, first_bytes_may_match, same_word};
        use crate::source::Span;
        let mut next = crate::pseudo_random::below(0xbb67_ae85_84ca_a73b);
        let (mut turned_away, mut same) = (0, 0);
        for _ in 0..100_000 {
            let count = 1 + next(3);
            let a = generated_text(&mut next, count);
            // Often the first in another case, or with its start.
            let b = match next(3) {
                0 => a.to_uppercase(),
                1 => {
                    let count = 1 + next(2);
                    a.chars().take(1).collect::<String>() + &generated_text(&mut next, count)
                }
                _ => {
                    let count = 1 + next(3);
                    generated_text(&mut next, count)
                }
            };
            let text = format!("{a} {b}");
            let (one, two) = (Span::new(0, a.len()), Span::new(a.len() + 1, text.len()));
            if !first_bytes_may_match(a.bytes().next().unwrap_or(0), b.bytes().next().unwrap_or(0))
            {
                continue;
            }
            if !ascii_bytes_may_match(text.as_bytes(), one, two) {
                assert!(!same_word(&a, &b), "{a:?} {b:?}");
                turned_away += 1;
            }
            same += usize::from(same_word(&a, &b));
        }
        assert!(turned_away > 5_000 && same > 5_000, "{turned_away} {same}");
    }

    /// Pieces of words and the white space and marks between them, with
    /// letters that lower to ASCII or to more bytes than they hold.
    const PIECES: [&str; 24] = [
        "the", "The", "THE", "th", "e", "t", "\u{212a}", "k", "K", "i", "\u{130}", "\u{131}",
        "\u{e9}", "\u{c9}", "e\u{301}", "\u{df}", "ss", "\u{44f}", "\u{42f}", " ", "  ", "\n", ",",
        "-",
    ];

    /// A text of `count` pieces drawn by `next`.
    fn generated_text(next: &mut impl FnMut(usize) -> usize, count: usize) -> String {
        (0..count).map(|_| PIECES[next(PIECES.len())]).collect()
    }

    /// The byte comparison answers as lowering both words does.
    #[test]
    fn words_compare_as_lowered() {
        use super::{same_word, same_word_lowered};
        let mut next = crate::pseudo_random::below(0x6a09_e667_f3bc_c908);
        let mut same = 0;
        for _ in 0..100_000 {
            let count = next(4);
            let a = generated_text(&mut next, count);
            // Often a copy of the first in another case.
            let b = match next(3) {
                0 => a.to_uppercase(),
                1 => a.to_lowercase(),
                _ => generated_text(&mut next, count),
            };
            assert_eq!(same_word(&a, &b), same_word_lowered(&a, &b), "{a:?} {b:?}");
            same += usize::from(same_word(&a, &b));
        }
        assert!(same > 10_000, "{same}");
    }

    /// The pairs found are those a plain pass finds: every word compared
    /// with the word before it, and the runs of repeats counted.
    #[test]
    fn lone_repeats_agree_with_a_plain_pass() {
        use super::{for_each_lone_repeat, same_word_lowered, spaced_gap};
        let plain = |text: &str, tokens: &[crate::syntax::Token]| {
            let mut pairs = Vec::new();
            let words: Vec<usize> = (0..tokens.len())
                .filter(|&index| tokens[index].is_word())
                .collect();
            let repeats = |pair: &[usize]| {
                same_word_lowered(
                    tokens[pair[0]].span().slice(text),
                    tokens[pair[1]].span().slice(text),
                ) && spaced_gap(text, &tokens[pair[0] + 1..pair[1]])
            };
            let mut run = 1;
            for (at, pair) in words.windows(2).enumerate() {
                if repeats(pair) {
                    run += 1;
                    continue;
                }
                if run == 2 {
                    pairs.push((words[at - 1], words[at]));
                }
                run = 1;
            }
            if run == 2 {
                pairs.push((words[words.len() - 2], words[words.len() - 1]));
            }
            pairs
        };
        // Few words, so that many neighbours repeat, in runs of all lengths.
        const WORDS: [&str; 10] = [
            "the",
            "The",
            "THE",
            "\u{212a}ilo",
            "kilo",
            "\u{e9}t\u{e9}",
            "\u{c9}T\u{c9}",
            "i",
            "\u{130}",
            "x\u{301}",
        ];
        const GAPS: [&str; 10] = [
            " ", "  ", "   ", "\t", "\n", "\r\n  ", ", ", "-", "\n\n", ". ",
        ];
        let mut next = crate::pseudo_random::below(0xbb67_ae85_84ca_a73b);
        let mut found = 0;
        for _ in 0..20_000 {
            // From a few of the words and gaps, or from all of them.
            let (words, gaps) = (2 + next(WORDS.len() - 1), 1 + next(GAPS.len()));
            let mut text = String::new();
            for _ in 0..next(16) {
                text.push_str(WORDS[next(words)]);
                text.push_str(GAPS[next(gaps)]);
            }
            let syntax = crate::syntax::parse(&text);
            for statement in &syntax.statements {
                let range = statement.tokens.clone();
                let tokens = &syntax.tokens[range.clone()];
                let may_repeat = syntax
                    .may_repeat
                    .iter()
                    .map(|&index| index as usize)
                    .filter(|index| range.contains(index))
                    .map(|index| index - range.start);
                let mut pairs = Vec::new();
                for_each_lone_repeat(&text, tokens, may_repeat, |first, second| {
                    pairs.push((first, second));
                });
                assert_eq!(pairs, plain(&text, tokens), "{text:?}");
                found += pairs.len();
            }
        }
        assert!(found > 1000, "{found}");
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
