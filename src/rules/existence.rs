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
//!   in linear time, so no pattern can hang a check). A pattern that starts
//!   with a word boundary before a letter (`\bclick here`, `(?i)\bjs is`)
//!   or with a line start (`(?m)^Related:`) is tried only where words or
//!   lines start; any other is read through the whole text, which costs
//!   more.
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

use std::borrow::Cow;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input as AcInput, MatchKind};
use memchr::memmem;
use regex_automata::meta::Regex;
use regex_automata::{Anchored, Input};
use regex_syntax::hir::Hir;
use serde::Deserialize;

use super::{fill_template, whole_word_matches, KindOptions, Report, Rule, RuleKind};
use crate::diagnostic::{Applicability, Severity};
use crate::model::Article;
use crate::source::Span;
use crate::syntax::tokens::is_word_char;
use crate::syntax::Token;

mod starts;

use starts::{Anchor, Branch, ByteSet, Heads, KeyPrefix};

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
        if self
            .standalone
            .iter()
            .any(|phrase| phrase.trim().is_empty())
        {
            return Err("`standalone` has an empty phrase".to_owned());
        }
        if self.phrases.iter().any(|phrase| phrase.trim().is_empty()) {
            return Err("`phrases` has an empty phrase".to_owned());
        }
        let phrases = Phrases::new(&self.phrases, &self.standalone, self.ignore_case)?;
        let patterns = if self.patterns.is_empty() {
            None
        } else {
            Some(Patterns::new(&self.patterns)?)
        };
        let starts = Starts::new(&phrases, patterns.as_ref());
        Ok(Box::new(Existence {
            phrases,
            patterns,
            starts,
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

/// The rule's `patterns`, found as the alternation of them all would find
/// them (leftmost-first, the pattern listed first winning at one place).
///
/// Most patterns say where their matches start: at a word boundary before
/// a letter, or at a line start ([`starts::branches`]). Those are searched
/// for only at such places among the grammar's tokens, anchored there, so
/// the text is not read by an automaton from end to end; the others are
/// searched over the whole text, and the two searches' matches merged as
/// the alternation would have them.
#[derive(Debug)]
struct Patterns {
    /// The patterns whose matches start where [`Patterns::branches`] say,
    /// with the index in `patterns` of each.
    vouched: Option<(Regex, Vec<usize>)>,
    /// The other patterns, with the index of each.
    others: Option<(Regex, Vec<usize>)>,
    /// Where the vouched patterns' matches begin.
    branches: Vec<Branch>,
}

/// A match of one of the patterns, and its index in the rule's list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct PatternMatch {
    span: Span,
    pattern: usize,
}

impl Patterns {
    fn new(patterns: &[String]) -> Result<Self, String> {
        let mut hirs = Vec::with_capacity(patterns.len());
        for pattern in patterns {
            let hir = regex_automata::util::syntax::parse(pattern)
                .map_err(|error| format!("pattern {pattern:?} is invalid: {error}"))?;
            hirs.push(hir);
        }
        let starts: Vec<Option<Vec<Branch>>> = hirs.iter().map(starts::branches).collect();
        // A pattern that may match the empty string makes the search go on
        // a character after it: all are searched over the whole text then.
        let vouch = hirs
            .iter()
            .all(|hir| hir.properties().minimum_len() != Some(0));
        let mut vouched = (Vec::new(), Vec::new());
        let mut others = (Vec::new(), Vec::new());
        let mut branches = Vec::new();
        for (index, (hir, starts)) in hirs.iter().zip(starts).enumerate() {
            match starts.filter(|_| vouch) {
                Some(starts) => {
                    vouched.0.push(hir);
                    vouched.1.push(index);
                    branches.extend(starts);
                }
                None => {
                    others.0.push(hir);
                    others.1.push(index);
                }
            }
        }
        let build = |(hirs, indexes): (Vec<&Hir>, Vec<usize>)| {
            if hirs.is_empty() {
                return Ok(None);
            }
            Regex::builder()
                .configure(Regex::config().auto_prefilter(false))
                .build_many_from_hir(&hirs)
                .map(|regex| Some((regex, indexes)))
                .map_err(|error| format!("`patterns` do not compile together: {error}"))
        };
        Ok(Patterns {
            vouched: build(vouched)?,
            others: build(others)?,
            branches,
        })
    }

    /// Pushes the spans of the patterns' matches in `text`, as
    /// `find_iter` of their alternation gives them; the vouched patterns
    /// searched only at `candidates` (sorted), if given.
    fn find(&self, text: &str, candidates: Option<&[usize]>, found: &mut Vec<Span>) {
        let Some((vouched, vouched_index)) = &self.vouched else {
            if let Some((others, _)) = &self.others {
                found.extend(
                    others
                        .find_iter(text)
                        .map(|m| Span::new(m.start(), m.end())),
                );
            }
            return;
        };
        let to_match = |m: regex_automata::Match, indexes: &[usize]| PatternMatch {
            span: Span::new(m.start(), m.end()),
            pattern: indexes[m.pattern().as_usize()],
        };
        // No match is empty (a pattern that may match the empty string is
        // vouched for only when none is), so each search goes on from the
        // end of the last match, as `find_iter` does.
        let mut at = 0;
        let mut cursor = 0;
        let mut next_vouched = |at: usize| match candidates {
            Some(candidates) => {
                while let Some(&candidate) = candidates.get(cursor) {
                    if candidate >= at {
                        let input = Input::new(text).range(candidate..).anchored(Anchored::Yes);
                        if let Some(m) = vouched.search(&input) {
                            return Some(to_match(m, vouched_index));
                        }
                    }
                    cursor += 1;
                }
                None
            }
            None => vouched
                .search(&Input::new(text).range(at..))
                .map(|m| to_match(m, vouched_index)),
        };
        let next_other = |at: usize| {
            let (others, indexes) = self.others.as_ref()?;
            others
                .search(&Input::new(text).range(at..))
                .map(|m| to_match(m, indexes))
        };
        let mut vouched_match = next_vouched(at);
        let mut other_match = next_other(at);
        loop {
            let next = match (vouched_match, other_match) {
                (None, None) => break,
                (Some(found), None) | (None, Some(found)) => found,
                (Some(one), Some(other)) => {
                    if (one.span.start, one.pattern) < (other.span.start, other.pattern) {
                        one
                    } else {
                        other
                    }
                }
            };
            found.push(next.span);
            at = next.span.end;
            if vouched_match.is_some_and(|m| m.span.start < at) {
                vouched_match = next_vouched(at);
            }
            if other_match.is_some_and(|m| m.span.start < at) {
                other_match = next_other(at);
            }
        }
    }
}

/// Where a rule's `phrases` and `standalone` phrases are found.
#[derive(Debug)]
enum Phrases {
    /// The usual case: a literal matcher over the text with its white
    /// space normalised.
    Literal(LiteralPhrases),
    /// Phrases matched in any letter case that have letters outside ASCII:
    /// a literal matcher folds ASCII case only, so these go to the
    /// expression engine, which folds Unicode case.
    Regex(RegexPhrases),
}

impl Phrases {
    fn new(phrases: &[String], standalone: &[String], ignore_case: bool) -> Result<Self, String> {
        // A standalone phrase that starts with a byte-order mark would
        // compete with the indent, which may hold one; only the expression
        // engine's backtracking order settles that.
        let literal = (!ignore_case
            || phrases
                .iter()
                .chain(standalone)
                .all(|phrase| phrase.chars().all(folds_as_ascii)))
            && !standalone
                .iter()
                .any(|phrase| phrase.trim_start().starts_with('\u{feff}'));
        Ok(if literal {
            Phrases::Literal(LiteralPhrases::new(phrases, standalone, ignore_case)?)
        } else {
            Phrases::Regex(RegexPhrases::new(phrases, standalone, ignore_case)?)
        })
    }

    /// Pushes the spans of the phrases found in `text`: whole-word matches
    /// of `phrases`, then `standalone` phrases that make up whole lines.
    fn find(&self, text: &str, found: &mut Vec<Span>) {
        match self {
            Phrases::Literal(literal) => literal.find(text, found),
            Phrases::Regex(regex) => regex.find(text, found),
        }
    }
}

/// Whether matching `c` in any letter case is the same as matching it in
/// any ASCII letter case: true of every character outside ASCII that has
/// no other case. (The two non-ASCII characters whose case folds to an
/// ASCII letter, the Kelvin sign and the long s, are folded in the text by
/// [`Normalised`].)
fn folds_as_ascii(c: char) -> bool {
    c.is_ascii() || (!c.is_alphabetic() && c.to_lowercase().eq([c]) && c.to_uppercase().eq([c]))
}

/// The phrases as literal strings, their words joined by one space, found
/// in [`Normalised`] text.
///
/// Compiling dozens of case-insensitive phrases into regular expressions
/// was the largest part of the program's start-up (over 40% of checking
/// one article from the command line); an Aho-Corasick automaton builds in
/// a fraction of that.
#[derive(Debug)]
struct LiteralPhrases {
    /// `phrases`, leftmost-first: at one position the phrase listed first
    /// wins, as in a regular expression's alternation.
    phrases: Option<AhoCorasick>,
    /// A word of each phrase, found in the original text to tell where
    /// the phrases may be (see [`KeyWords`]).
    keys: Option<KeyWords>,
    /// `standalone`, as literals, tried in order at each line start.
    standalone: Vec<String>,
    /// For each byte, the indexes in `standalone` of the phrases that
    /// start with it.
    standalone_by_first_byte: Vec<Vec<usize>>,
    ignore_case: bool,
}

impl LiteralPhrases {
    fn new(phrases: &[String], standalone: &[String], ignore_case: bool) -> Result<Self, String> {
        let automaton = if phrases.is_empty() {
            None
        } else {
            let literals = phrases
                .iter()
                .map(|phrase| normal_phrase(phrase, ignore_case));
            // Without ASCII case folding in the automaton (the text is
            // folded instead) it builds in half the time, and its
            // prefilter finds candidates in news copy faster than the old
            // expression's lazy DFA searched it.
            let automaton = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostFirst)
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(literals)
                .map_err(|error| format!("`phrases` do not compile: {error}"))?;
            Some(automaton)
        };
        let keys = if phrases.is_empty() {
            None
        } else {
            Some(KeyWords::new(phrases, ignore_case)?)
        };
        let standalone: Vec<String> = standalone
            .iter()
            .map(|phrase| normal_phrase(phrase, ignore_case))
            .collect();
        let mut standalone_by_first_byte = vec![Vec::new(); 256];
        for (index, phrase) in standalone.iter().enumerate() {
            if let Some(&first) = phrase.as_bytes().first() {
                standalone_by_first_byte[usize::from(first)].push(index);
            }
        }
        Ok(LiteralPhrases {
            phrases: automaton,
            keys,
            standalone,
            standalone_by_first_byte,
            ignore_case,
        })
    }

    fn find(&self, text: &str, found: &mut Vec<Span>) {
        if let (Some(phrases), Some(keys)) = (&self.phrases, &self.keys) {
            let windows = keys.windows(text);
            find_phrases_in(phrases, text, &windows, self.ignore_case, found);
        }
        if !self.standalone.is_empty() {
            self.find_standalone(text, all_line_starts(text.as_bytes()), found);
        }
    }

    /// [`LiteralPhrases::find`], given what the walk over the text's
    /// tokens found: where key words may be (if the key words are looked
    /// for there, [`KeyWords::on_tokens`]) and the line starts a
    /// standalone phrase may follow.
    ///
    /// The places are told from the phrases' bytes as written; a text that
    /// holds a character folding to an ASCII letter when case is ignored
    /// (the Kelvin sign, the long s) is searched whole.
    fn find_from(&self, text: &str, walked: &Walked, found: &mut Vec<Span>) {
        let folded = self.ignore_case && walked.folded;
        if let (Some(phrases), Some(keys)) = (&self.phrases, &self.keys) {
            let windows = if !keys.on_tokens {
                keys.windows(text)
            } else if folded {
                vec![Span::new(0, text.len())]
            } else {
                keys.windows_at(text, &walked.keys)
            };
            find_phrases_in(phrases, text, &windows, self.ignore_case, found);
        }
        if self.standalone.is_empty() {
        } else if folded {
            self.find_standalone(text, all_line_starts(text.as_bytes()), found);
        } else {
            self.find_standalone(text, walked.lines.iter().copied(), found);
        }
    }

    /// The heads of the standalone phrases, as they may stand after a
    /// line's indent (see [`indent_end`]).
    fn standalone_heads(&self) -> Vec<Vec<ByteSet>> {
        self.standalone
            .iter()
            .map(|phrase| starts::literal_head(phrase.as_bytes(), self.ignore_case))
            .collect()
    }

    /// Finds standalone phrases as `^[\t \u{feff}]*(one|other)[\t ]*$`
    /// would in multi-line, CRLF-aware mode: at each line start, after any
    /// indent, the first phrase listed that reaches the end of a line
    /// (maybe a later line: a space in a phrase matches a line break too);
    /// the search goes on after that line. `lines` are the line starts to
    /// try, in order: all of them, or those a phrase may follow.
    ///
    /// Each line start is compared with the phrases as [`Normalised`] text
    /// would be ([`normal_match_end`]), without normalising the whole text.
    fn find_standalone(
        &self,
        text: &str,
        lines: impl Iterator<Item = usize>,
        found: &mut Vec<Span>,
    ) {
        let mut resume = 0;
        for start in lines {
            if start < resume {
                continue;
            }
            let phrase_start = indent_end(text.as_bytes(), start);
            // A phrase starts with a word: a line with nothing on it (or
            // white space other than the indent) holds none, and its
            // offset might not map into the normalised text.
            match text
                .get(phrase_start..)
                .and_then(|rest| rest.chars().next())
            {
                Some(c) if !c.is_whitespace() => {}
                _ => continue,
            }
            let Some((first, _)) = normal_byte_at(text, phrase_start, self.ignore_case) else {
                continue;
            };
            for &index in &self.standalone_by_first_byte[usize::from(first)] {
                let phrase = self.standalone[index].as_bytes();
                let Some(phrase_end) =
                    normal_match_end(text, phrase_start, phrase, self.ignore_case)
                else {
                    continue;
                };
                let span = Span::new(phrase_start, phrase_end);
                if let Some(end) = line_end(text, span.end) {
                    found.push(span);
                    resume = end;
                    break;
                }
            }
        }
    }
}

/// A tab or a space.
const TABS_AND_SPACES: ByteSet = ByteSet::of_const(b"\t ");

/// Where the run of tabs and spaces from `at` ends.
fn blank_end(bytes: &[u8], mut at: usize) -> usize {
    while let Some(b'\t' | b' ') = bytes.get(at) {
        at += 1;
    }
    at
}

/// Where the indent a standalone phrase may follow, `[\t \u{feff}]*`,
/// ends after the line start `at`.
fn indent_end(bytes: &[u8], mut at: usize) -> usize {
    while let Some(&byte) = bytes.get(at) {
        if byte == b' ' || byte == b'\t' {
            at += 1;
        } else if byte == 0xEF && bytes.get(at + 1..at + 3) == Some(&[0xBB, 0xBF]) {
            at += 3;
        } else {
            break;
        }
    }
    at
}

/// Every line start of the text, in order: its start and the end of each
/// line break.
fn all_line_starts(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    std::iter::successors(Some(0), |&start| next_line_start(bytes, start))
}

/// Pushes the whole-word matches of `phrases` in `text` that lie in
/// `windows` (sorted, not overlapping), each window's text normalised on
/// its own.
///
/// Every occurrence lies in one window, so a search that goes on from
/// where the last one stopped finds in each window what it would find in
/// the whole text; normalising is local (a window starts and ends at a
/// character that is not white space, or at an end of the text), so a
/// window's normalised text is that part of the whole one.
fn find_phrases_in(
    phrases: &AhoCorasick,
    text: &str,
    windows: &[Span],
    ignore_case: bool,
    found: &mut Vec<Span>,
) {
    for window in windows {
        let Some(part) = text.get(window.start..window.end) else {
            continue;
        };
        let normal = Normalised::new(part, ignore_case);
        let haystack: &str = &normal.text;
        found.extend(whole_word_matches(
            |at| {
                let at = normal.to_normal(at.saturating_sub(window.start));
                if at > haystack.len() {
                    return None;
                }
                let found = phrases.find(AcInput::new(haystack).range(at..))?;
                let span = normal.to_original(found.start()..found.end());
                Some(Span::new(
                    window.start + span.start,
                    window.start + span.end,
                ))
            },
            text,
        ));
    }
}

/// One word of each phrase (its longest), looked for in the text to find
/// the few places a phrase may be, so that only those are normalised and
/// searched.
///
/// Normalising every article (a copy of it with its white space collapsed)
/// cost more than all the searching. A word holds no white space, so it is
/// in the text as it is in the phrase (in a copy with ASCII letters in
/// lower case, if case is ignored), unless the text holds a character that
/// folds to an ASCII letter (the Kelvin sign, the long s): then a word may
/// be longer in the text than in the phrase, and the whole text is
/// searched.
#[derive(Debug)]
struct KeyWords {
    /// The distinct key words, as [`normal_phrase`] has them.
    keys: Vec<String>,
    /// The key words, leftmost-first.
    automaton: AhoCorasick,
    /// If case is ignored, the characters that make the whole text be
    /// searched. (Not in the automaton: the long s is two bytes long, and
    /// a two-byte pattern would weaken its prefilter.)
    folded: Vec<memmem::Finder<'static>>,
    /// For each key word, the phrases it is the key of.
    phrases: Vec<Vec<Reach>>,
    ignore_case: bool,
    /// Whether every key word starts with an ASCII letter, so that the
    /// places where word tokens start hold every occurrence that matters
    /// ([`KeyWords::windows_at`]).
    on_tokens: bool,
}

/// How far a phrase reaches from its key word: the lengths in bytes of its
/// other words, before the key (nearest first) and after it.
#[derive(Debug, Default)]
struct Reach {
    before: Vec<usize>,
    after: Vec<usize>,
}

/// The characters that case folding turns into ASCII letters.
const FOLDED_TO_ASCII: [&str; 2] = ["\u{212A}", "\u{17F}"];

impl KeyWords {
    fn new(phrases: &[String], ignore_case: bool) -> Result<Self, String> {
        let mut on_tokens = true;
        let mut keys: Vec<String> = Vec::new();
        let mut reaches: Vec<Vec<Reach>> = Vec::new();
        for phrase in phrases {
            let normal = normal_phrase(phrase, ignore_case);
            let words: Vec<&str> = normal.split(' ').collect();
            // The longest word: the longer, the fewer places it is found;
            // the longest that starts with an ASCII letter, if any does,
            // so that it can be looked for where word tokens start.
            let starts_word = |word: &str| word.starts_with(|c: char| c.is_ascii_alphabetic());
            let mut key = 0;
            for (index, word) in words.iter().enumerate() {
                let better =
                    (starts_word(word), word.len()) > (starts_word(words[key]), words[key].len());
                if better {
                    key = index;
                }
            }
            on_tokens &= starts_word(words[key]);
            let reach = Reach {
                before: words[..key].iter().rev().map(|word| word.len()).collect(),
                after: words[key + 1..].iter().map(|word| word.len()).collect(),
            };
            match keys.iter().position(|other| other == words[key]) {
                Some(index) => reaches[index].push(reach),
                None => {
                    keys.push(words[key].to_owned());
                    reaches.push(vec![reach]);
                }
            }
        }
        let folded = if ignore_case {
            FOLDED_TO_ASCII
                .iter()
                .map(|folded| memmem::Finder::new(folded).into_owned())
                .collect()
        } else {
            Vec::new()
        };
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&keys)
            .map_err(|error| format!("`phrases` do not compile: {error}"))?;
        Ok(KeyWords {
            keys,
            automaton,
            folded,
            phrases: reaches,
            ignore_case,
            on_tokens,
        })
    }

    /// Whether the text holds a character that folds to an ASCII letter,
    /// when case is ignored: then a word may be longer in the text than in
    /// its phrase, and the whole text is searched.
    fn folded_in(&self, text: &str) -> bool {
        self.folded
            .iter()
            .any(|folded| folded.find(text.as_bytes()).is_some())
    }

    /// The heads of the key words, in order (see [`starts::literal_head`]).
    fn heads(&self) -> Vec<Vec<ByteSet>> {
        self.keys
            .iter()
            .map(|key| starts::literal_head(key.as_bytes(), self.ignore_case))
            .collect()
    }

    /// [`KeyWords::windows`], given the places where word tokens start
    /// and each key word, by index, may: every place where a key word
    /// matters, when each starts with an ASCII letter
    /// ([`KeyWords::on_tokens`]) and the text holds no character that
    /// folds to one.
    ///
    /// A key word found elsewhere lies in no whole-word match of its
    /// phrase, and no such occurrence changes what the search finds: it
    /// could only be a phrase the search tries first at a place where no
    /// phrase is a whole word. Within a match, a key word that is not the
    /// phrase's first follows white space, and one that is starts the
    /// match, after no word character; either way a word token starts
    /// there (the grammar's words are runs of word characters).
    fn windows_at(&self, text: &str, places: &[(usize, usize)]) -> Vec<Span> {
        let bytes = text.as_bytes();
        let mut windows: Vec<Span> = Vec::new();
        for &(start, index) in places {
            let (Some(key), Some(reaches)) = (self.keys.get(index), self.phrases.get(index)) else {
                continue;
            };
            let Some(found) = bytes.get(start..start + key.len()) else {
                continue;
            };
            let same = if self.ignore_case {
                found.eq_ignore_ascii_case(key.as_bytes())
            } else {
                found == key.as_bytes()
            };
            if same {
                let key = Span::new(start, start + key.len());
                windows.extend(reaches.iter().filter_map(|reach| reach.window(text, key)));
            }
        }
        merge_windows(windows)
    }

    /// The parts of `text` (sorted, not overlapping) that every occurrence
    /// of a phrase lies in.
    fn windows(&self, text: &str) -> Vec<Span> {
        if self.folded_in(text) {
            return vec![Span::new(0, text.len())];
        }
        let lower;
        let haystack = if self.ignore_case {
            lower = text.as_bytes().to_ascii_lowercase();
            &lower[..]
        } else {
            text.as_bytes()
        };
        let mut windows: Vec<Span> = Vec::new();
        let mut at = 0;
        // Leftmost-first finds one key word at each place a key word
        // starts; going on from the next byte, and trying every key word
        // there, finds them all, overlapping ones included.
        while let Some(found) = self.automaton.find(AcInput::new(haystack).range(at..)) {
            let start = found.start();
            at = start + 1;
            let Some(rest) = haystack.get(start..) else {
                break;
            };
            for (key, reaches) in self.keys.iter().zip(&self.phrases) {
                if rest.starts_with(key.as_bytes()) {
                    let key = Span::new(start, start + key.len());
                    windows.extend(reaches.iter().filter_map(|reach| reach.window(text, key)));
                }
            }
        }
        merge_windows(windows)
    }
}

/// The windows sorted, those that overlap merged.
fn merge_windows(mut windows: Vec<Span>) -> Vec<Span> {
    windows.sort_unstable_by_key(|window| window.start);
    let mut merged: Vec<Span> = Vec::with_capacity(windows.len());
    for window in windows {
        match merged.last_mut() {
            Some(last) if window.start < last.end => last.end = last.end.max(window.end),
            _ => merged.push(window),
        }
    }
    merged
}

impl Reach {
    /// Where an occurrence of the phrase whose key word is at `key` would
    /// lie: each other word is as long in the text as in the phrase, and
    /// the white space between words is a whole run of it. `None` where
    /// there can be none (no white space beside the key where a word
    /// should be, or the phrase would run past an end of the text).
    fn window(&self, text: &str, key: Span) -> Option<Span> {
        let mut start = key.start;
        for &length in &self.before {
            let before = text.get(..start)?;
            let gap = before.len() - before.trim_end().len();
            if gap == 0 {
                return None;
            }
            start = start.checked_sub(gap + length)?;
        }
        let mut end = key.end;
        for &length in &self.after {
            let after = text.get(end..)?;
            let gap = after.len() - after.trim_start().len();
            if gap == 0 {
                return None;
            }
            end += gap + length;
        }
        text.get(start..end)?;
        Some(Span::new(start, end))
    }
}

/// Where `phrase` (a [`normal_phrase`]) ends in `text` if the text from
/// `at` (a character that is not white space) normalised as
/// [`Normalised`] does it starts with the phrase.
fn normal_match_end(text: &str, at: usize, phrase: &[u8], fold_case: bool) -> Option<usize> {
    let mut position = at;
    for &expected in phrase {
        if expected == b' ' {
            let rest = text.get(position..)?;
            let gap = rest.len() - rest.trim_start().len();
            if gap == 0 {
                return None;
            }
            position += gap;
        } else {
            let (byte, length) = normal_byte_at(text, position, fold_case)?;
            if byte != expected {
                return None;
            }
            position += length;
        }
    }
    Some(position)
}

/// The byte [`Normalised`] has for the byte at `at` in `text` that is not
/// white space, and how many bytes of the text it stands for; `None` at
/// white space or the end of the text.
fn normal_byte_at(text: &str, at: usize, fold_case: bool) -> Option<(u8, usize)> {
    let byte = *text.as_bytes().get(at)?;
    match replaced_at(text, at, fold_case) {
        Some((_, Replaced::Space)) => None,
        Some((length, Replaced::Letter(letter))) => Some((u8::try_from(letter).ok()?, length)),
        None if fold_case => Some((byte.to_ascii_lowercase(), 1)),
        None => Some((byte, 1)),
    }
}

/// The start of the line after the one that holds `at`, if any. Lines end
/// at `\n`, `\r` or `\r\n`, as `(?mR)` counts them.
fn next_line_start(bytes: &[u8], at: usize) -> Option<usize> {
    let rest = bytes.get(at..)?;
    let offset = memchr::memchr2(b'\n', b'\r', rest)?;
    let end = at + offset;
    Some(if bytes.get(end..end + 2) == Some(b"\r\n") {
        end + 2
    } else {
        end + 1
    })
}

/// A phrase as the literal looked for: its words joined by one space, as
/// [`Normalised`] joins the text's words, in lower case if case is ignored.
fn normal_phrase(phrase: &str, ignore_case: bool) -> String {
    let mut normal = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
    if ignore_case {
        normal.make_ascii_lowercase();
    }
    normal
}

/// Where the line holding a standalone phrase that ends at `end` ends (not
/// counting its line break), if only tabs and spaces follow the phrase on
/// it.
fn line_end(text: &str, end: usize) -> Option<usize> {
    let after = text.get(end..)?;
    let rest = after.trim_start_matches(['\t', ' ']);
    match rest.as_bytes().first() {
        None | Some(b'\n' | b'\r') => Some(text.len() - rest.len()),
        Some(_) => None,
    }
}

/// The text with every run of white space (as `\s+` matches it: line
/// breaks, tabs, no-break spaces) replaced by one space, and, when case is
/// ignored, ASCII letters in lower case and the Kelvin sign and the long s
/// replaced by the ASCII letters whose case they fold to; with the offsets
/// to map a match back to the original text.
///
/// A phrase starts and ends with a word, so a match never starts or ends
/// inside a replaced run, and maps back to a span that slices the original
/// text exactly.
struct Normalised<'t> {
    text: Cow<'t, str>,
    /// `(normalised offset, original offset)` after each replacement that
    /// changes the distance between the two; offsets in between advance
    /// together.
    shifts: Vec<(usize, usize)>,
}

/// What [`Normalised`] replaces at one place in the text.
enum Replaced {
    Space,
    Letter(char),
}

impl<'t> Normalised<'t> {
    fn new(text: &'t str, fold_case: bool) -> Self {
        let bytes = text.as_bytes();
        let mut normal = String::new();
        let mut shifts = Vec::new();
        let mut copied = 0;
        let mut at = 0;
        while at < bytes.len() {
            let byte = bytes[at];
            if !MAY_BE_REPLACED[usize::from(byte)] {
                at += 1;
                continue;
            }
            // The usual space between two words stays as it is.
            if byte == b' '
                && bytes
                    .get(at + 1)
                    .is_none_or(|&next| !MAY_BE_REPLACED[usize::from(next)])
            {
                at += 2;
                continue;
            }
            let Some((length, replaced)) = replaced_at(text, at, fold_case) else {
                at += 1;
                continue;
            };
            let start = at;
            at += length;
            let replacement = match replaced {
                Replaced::Letter(letter) => letter,
                Replaced::Space => {
                    while let Some((length, Replaced::Space)) = replaced_at(text, at, fold_case) {
                        at += length;
                    }
                    if at - start == 1 && bytes[start] == b' ' {
                        continue;
                    }
                    ' '
                }
            };
            if normal.capacity() == 0 {
                normal.reserve(text.len());
            }
            normal.push_str(&text[copied..start]);
            normal.push(replacement);
            copied = at;
            shifts.push((normal.len(), at));
        }
        let mut normal = if shifts.is_empty() {
            Cow::Borrowed(text)
        } else {
            normal.push_str(&text[copied..]);
            Cow::Owned(normal)
        };
        if fold_case {
            normal.to_mut().make_ascii_lowercase();
        }
        Normalised {
            text: normal,
            shifts,
        }
    }

    /// The span in the original text of a match in the normalised one.
    fn to_original(&self, range: std::ops::Range<usize>) -> Span {
        let map = |offset: usize| {
            let after = self.shifts.partition_point(|&(normal, _)| normal <= offset);
            match after
                .checked_sub(1)
                .and_then(|index| self.shifts.get(index))
            {
                Some(&(normal, original)) => original + (offset - normal),
                None => offset,
            }
        };
        Span::new(map(range.start), map(range.end))
    }

    /// The offset in the normalised text of `offset` in the original one
    /// (an offset that follows a character that is not white space).
    fn to_normal(&self, offset: usize) -> usize {
        let after = self
            .shifts
            .partition_point(|&(_, original)| original <= offset);
        match after
            .checked_sub(1)
            .and_then(|index| self.shifts.get(index))
        {
            Some(&(normal, original)) => normal + offset.saturating_sub(original),
            None => offset,
        }
    }
}

/// The bytes that may start what [`Normalised`] replaces: ASCII white
/// space and the lead bytes listed in [`replaced_at`].
static MAY_BE_REPLACED: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = [
        b'\t', b'\n', 0x0B, 0x0C, b'\r', b' ', 0xC2, 0xC5, 0xE1, 0xE2, 0xE3,
    ];
    let mut index = 0;
    while index < bytes.len() {
        table[bytes[index] as usize] = true;
        index += 1;
    }
    table
};

/// What [`Normalised`] replaces at byte `at` (a character boundary, or a
/// continuation byte, which is never replaced), and its length in bytes.
fn replaced_at(text: &str, at: usize, fold_case: bool) -> Option<(usize, Replaced)> {
    let byte = *text.as_bytes().get(at)?;
    match byte {
        b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => Some((1, Replaced::Space)),
        // The lead bytes of every white space character outside ASCII
        // (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000) and of the two
        // letters folded.
        0xC2 | 0xC5 | 0xE1 | 0xE2 | 0xE3 => {
            let c = text.get(at..)?.chars().next()?;
            if c.is_whitespace() {
                Some((c.len_utf8(), Replaced::Space))
            } else if fold_case && c == '\u{212A}' {
                Some((c.len_utf8(), Replaced::Letter('k')))
            } else if fold_case && c == '\u{17F}' {
                Some((c.len_utf8(), Replaced::Letter('s')))
            } else {
                None
            }
        }
        _ => None,
    }
}

/// The phrases as regular expressions, for phrases matched in any letter
/// case that have letters outside ASCII.
#[derive(Debug)]
struct RegexPhrases {
    /// Every phrase, without word-boundary assertions (see
    /// [`phrase_pattern`]); boundaries are checked on each match.
    phrases: Option<Regex>,
    standalone: Option<Regex>,
}

impl RegexPhrases {
    fn new(phrases: &[String], standalone: &[String], ignore_case: bool) -> Result<Self, String> {
        // Every phrase of a list as one alternation.
        let alternatives = |list: &[String]| {
            list.iter()
                .map(|phrase| phrase_pattern(phrase, ignore_case))
                .collect::<Vec<_>>()
                .join("|")
        };
        let standalone = if standalone.is_empty() {
            None
        } else {
            // Multi-line and CRLF-aware: ^ and $ are line starts and ends.
            let pattern = format!(
                r"(?mR)^[\t \u{{feff}}]*({})[\t ]*$",
                alternatives(standalone)
            );
            Some(
                compile(&pattern)
                    .map_err(|error| format!("`standalone` does not compile: {error}"))?,
            )
        };
        let phrases = if phrases.is_empty() {
            None
        } else {
            Some(
                compile(&alternatives(phrases))
                    .map_err(|error| format!("`phrases` do not compile: {error}"))?,
            )
        };
        Ok(RegexPhrases {
            phrases,
            standalone,
        })
    }

    fn find(&self, text: &str, found: &mut Vec<Span>) {
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
        if let Some(standalone) = &self.standalone {
            found.extend(
                standalone
                    .captures_iter(text)
                    .filter_map(|captures| captures.get_group(1))
                    .map(|m| Span::new(m.start, m.end)),
            );
        }
    }
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

/// What a walk over an article's tokens looks for: the places where the
/// phrases' key words, the patterns and the standalone phrases may begin,
/// told by their first bytes ([`Heads`]).
#[derive(Debug)]
struct Starts {
    /// At the starts of word tokens: the key words of the phrases, if
    /// they are looked for there (the first `keys` heads), then the
    /// patterns' branches that begin at a word boundary.
    words: Heads,
    /// The first bytes of each key word, told at a place the heads allow.
    keys: Vec<KeyPrefix>,
    /// At line starts: the patterns' branches that begin there, grouped
    /// by the class of bytes they may begin with a run of, after which
    /// their heads are looked for.
    lines: Vec<(ByteSet, Heads)>,
    /// After a line start's indent: the standalone phrases.
    standalone: Heads,
    /// Whether a pattern branch begins at a word boundary, which may hold
    /// inside a word token too.
    inside_words: bool,
    /// Whether the literal phrases ignore case (so the text is looked
    /// over for characters that fold to ASCII letters).
    ignore_case: bool,
    /// The bytes of the runs skipped before the lines' heads and of the
    /// standalone phrases' indents: a line start that begins with one is
    /// looked at head by head.
    line_indents: ByteSet,
    /// Whether every line head's run is of tabs and spaces, so that a
    /// line start is told by the heads together after its tabs and spaces
    /// too ([`Starts::line_start`]).
    blank_runs: bool,
    /// The lines' heads and the standalone phrases together: at a line
    /// start that begins with none of `line_indents`, each is looked for
    /// there, and no place this turns away has one.
    line_heads: Heads,
    /// At the start of each token: `words`, with free bits marking line
    /// breaks before a line that may begin with one of `line_indents` or
    /// with a line head's first bytes (see [`Heads::marking_line_breaks`]).
    /// A token that starts with an
    /// ASCII letter is a word, and one that starts with `\n` or `\r` a
    /// line break, so the tokens' kinds need not be read.
    token_heads: Heads,
    /// The bits of `token_heads` that mark a line break, none of them a
    /// word's.
    line_bits: u64,
}

/// What [`Starts::walk`] finds, each list in text order but `keys` (the
/// places and indexes of key words).
#[derive(Debug, Default)]
struct Walked {
    /// Whether the text is all ASCII (false if the walk had nothing to do).
    ascii: bool,
    /// Whether the text holds a character that folds to an ASCII letter
    /// (the Kelvin sign, the long s), if case is ignored.
    folded: bool,
    keys: Vec<(usize, usize)>,
    /// Line starts that a standalone phrase may follow.
    lines: Vec<usize>,
    /// Where a pattern may match.
    candidates: Vec<usize>,
}

impl Starts {
    fn new(phrases: &Phrases, patterns: Option<&Patterns>) -> Starts {
        let mut words = Vec::new();
        let mut keys = Vec::new();
        let mut standalone = Vec::new();
        let mut ignore_case = false;
        if let Phrases::Literal(literal) = phrases {
            ignore_case = literal.ignore_case;
            if let Some(key_words) = literal.keys.as_ref().filter(|keys| keys.on_tokens) {
                words = key_words.heads();
                keys = key_words
                    .keys
                    .iter()
                    .map(|key| KeyPrefix::new(key.as_bytes(), key_words.ignore_case))
                    .collect();
            }
            standalone = literal.standalone_heads();
        }
        let mut lines: Vec<(ByteSet, Vec<Vec<ByteSet>>)> = Vec::new();
        let mut inside_words = false;
        for branch in patterns.map_or(&[][..], |patterns| &patterns.branches) {
            match branch.anchor {
                Anchor::Word => {
                    words.extend(branch.heads.iter().cloned());
                    inside_words = true;
                }
                Anchor::Line => match lines.iter_mut().find(|(skip, _)| *skip == branch.skip) {
                    Some((_, heads)) => heads.extend(branch.heads.iter().cloned()),
                    None => lines.push((branch.skip, branch.heads.clone())),
                },
            }
        }
        // A line start that begins with none of the runs skipped before a
        // line head, nor a standalone phrase's indent, is where every head
        // is looked for: all of them are told there at once.
        let mut line_indents = ByteSet::EMPTY;
        for (skip, _) in &lines {
            line_indents = line_indents.union(*skip);
        }
        if !standalone.is_empty() {
            line_indents = line_indents.union(ByteSet::of(&[b'\t', b' ', 0xEF]));
        }
        let all_line_heads: Vec<Vec<ByteSet>> = standalone
            .iter()
            .chain(lines.iter().flat_map(|(_, heads)| heads))
            .cloned()
            .collect();
        let blank_runs = lines.iter().all(|(skip, _)| *skip == TABS_AND_SPACES);
        let words = Heads::new(&words);
        let line_heads = Heads::new(&all_line_heads);
        // A line start that begins with none of the indents, and whose
        // first bytes begin no line head, is turned away by `line_start` at
        // once: the walk need not stop at the line break before it.
        let (token_heads, line_bits) = words.marking_line_breaks(line_indents, &all_line_heads);
        Starts {
            words,
            token_heads,
            line_bits,
            keys,
            lines: lines
                .into_iter()
                .map(|(skip, heads)| (skip, Heads::new(&heads)))
                .collect(),
            standalone: Heads::new(&standalone),
            inside_words,
            ignore_case,
            line_indents,
            blank_runs,
            line_heads,
        }
    }

    /// Reads the tokens of `text` (which tile it) once for the places
    /// where a key word, a pattern or a standalone phrase may begin.
    fn walk(&self, text: &str, tokens: &[Token]) -> Walked {
        let bytes = text.as_bytes();
        let mut walked = Walked::default();
        if self.words.is_empty() && self.lines.is_empty() && self.standalone.is_empty() {
            return walked;
        }
        walked.ascii = text.is_ascii();
        self.line_start(bytes, 0, &mut walked);
        self.walk_tokens(bytes, tokens, &mut walked);
        if !walked.ascii && self.ignore_case {
            // Two searches of the whole text for the two characters, fast
            // over text full of other characters outside ASCII (curly
            // quotation marks), rather than a look at each such byte.
            walked.folded = ["\u{212A}", "\u{17F}"]
                .iter()
                .any(|folding| memchr::memmem::find(bytes, folding.as_bytes()).is_some());
        }
        if !walked.ascii && self.inside_words {
            let mut inside = Vec::new();
            starts::non_ascii_run_ends(bytes, |at| {
                if bytes.get(at + 1).is_some_and(u8::is_ascii_alphabetic)
                    && !starts::ends_general_punctuation(bytes, at)
                {
                    inside.push(at + 1);
                }
            });
            // Places found here may be token starts the walk has seen: the
            // list is put back in order, without them twice, only if any
            // was found.
            if !inside.is_empty() {
                for at in inside {
                    let heads = self.words.at(bytes, at);
                    if heads != 0 {
                        self.word_start(bytes, at, heads, &mut walked);
                    }
                }
                walked.candidates.sort_unstable();
                walked.candidates.dedup();
            }
        }
        walked
    }

    /// The loop of [`Starts::walk`] over every token, out of line so that
    /// it keeps its few values in registers.
    ///
    /// Four tokens a turn: the test of a token is about nine instructions,
    /// and the loop's own step, comparison and jump after each would add
    /// a third to them.
    #[inline(never)]
    fn walk_tokens(&self, bytes: &[u8], tokens: &[Token], walked: &mut Walked) {
        let mut fours = tokens.chunks_exact(4);
        for four in &mut fours {
            for token in four {
                self.walk_token(bytes, token, walked);
            }
        }
        for token in fours.remainder() {
            self.walk_token(bytes, token, walked);
        }
    }

    /// One token of [`Starts::walk_tokens`].
    #[inline(always)]
    fn walk_token(&self, bytes: &[u8], token: &Token, walked: &mut Walked) {
        let heads = self.token_heads.at_token(bytes, token.span().start);
        if heads != 0 {
            self.token_start(bytes, token.span(), heads, walked);
        }
    }

    /// The rare token that may matter, out of the walk's loop so that the
    /// loop keeps its values in registers.
    #[cold]
    #[inline(never)]
    fn token_start(&self, bytes: &[u8], span: Span, heads: u64, walked: &mut Walked) {
        if heads & self.line_bits != 0 {
            self.line_start(bytes, span.end, walked);
        } else {
            self.word_start(bytes, span.start, heads, walked);
        }
    }

    fn word_start(&self, bytes: &[u8], at: usize, heads: u64, walked: &mut Walked) {
        self.words
            .for_each(heads, |index| match self.keys.get(index) {
                Some(key) => {
                    if key.may_start(bytes, at) {
                        walked.keys.push((at, index));
                    }
                }
                None => {
                    if walked.candidates.last() != Some(&at) {
                        walked.candidates.push(at);
                    }
                }
            });
    }

    #[inline(always)]
    fn line_start(&self, bytes: &[u8], at: usize, walked: &mut Walked) {
        let Some(&first) = bytes.get(at) else {
            return;
        };
        if !self.blank_runs {
            // Most lines begin with a word, which the heads together turn
            // away by a table read an offset, before each group of heads
            // is tried after its own run or indent.
            if self.line_indents.contains(first) || self.line_heads.at(bytes, at) != 0 {
                self.line_start_heads(bytes, at, walked);
            }
            return;
        }
        // Every head follows the line's tabs and spaces, then (a
        // standalone phrase) maybe a byte order mark: past the tabs and
        // spaces, the heads together turn away an indented line of prose
        // (a wire story's every paragraph) as they turn away the others.
        let blank = blank_end(bytes, at);
        if bytes.get(blank) == Some(&0xEF) || self.line_heads.at(bytes, blank) != 0 {
            self.line_start_heads(bytes, at, walked);
        }
    }

    #[inline(never)]
    fn line_start_heads(&self, bytes: &[u8], at: usize, walked: &mut Walked) {
        // Tabs and spaces, the indent of most indented lines, are passed
        // over once for every head.
        let blank = blank_end(bytes, at);
        for (skip, heads) in &self.lines {
            let mut head = if *skip == TABS_AND_SPACES { blank } else { at };
            while bytes.get(head).is_some_and(|&byte| skip.contains(byte)) {
                head += 1;
            }
            if heads.at(bytes, head) != 0 && walked.candidates.last() != Some(&at) {
                walked.candidates.push(at);
            }
        }
        if !self.standalone.is_empty() && self.standalone.at(bytes, indent_end(bytes, blank)) != 0 {
            walked.lines.push(at);
        }
    }
}

#[derive(Debug)]
struct Existence {
    phrases: Phrases,
    patterns: Option<Patterns>,
    starts: Starts,
    message: String,
    merge_adjacent: bool,
    fix: FixAction,
}

impl Existence {
    /// The spans of every phrase and pattern found in the article, in no
    /// order.
    fn find(&self, article: &Article<'_>) -> Vec<Span> {
        let text = article.text;
        let tokens = article.tokens();
        let mut found: Vec<Span> = Vec::new();
        // The tokens tile the text, unless it is too long for their
        // offsets: then the whole text is searched.
        let tiled = tokens
            .last()
            .map_or(text.is_empty(), |token| token.span().end == text.len());
        if !tiled {
            self.phrases.find(text, &mut found);
            if let Some(patterns) = &self.patterns {
                patterns.find(text, None, &mut found);
            }
            return found;
        }
        let walked = self.starts.walk(text, tokens);
        match &self.phrases {
            Phrases::Literal(literal) => literal.find_from(text, &walked, &mut found),
            phrases => phrases.find(text, &mut found),
        }
        if let Some(patterns) = &self.patterns {
            patterns.find(text, Some(&walked.candidates), &mut found);
        }
        found
    }
}

impl Rule for Existence {
    fn check(&self, article: &Article<'_>, report: &mut Report<'_>) {
        let text = article.text;
        let mut found = self.find(article);
        found.sort_unstable();
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
    fn an_invalid_pattern_is_named() {
        use crate::rules::KindOptions;
        let error = |patterns: &[&str]| {
            let options: super::Options = toml::from_str(&format!(
                "id = \"x\"\nkind = \"existence\"\npatterns = {patterns:?}\n"
            ))
            .unwrap();
            options.build().map(|_| ()).unwrap_err()
        };
        // Invalid alone, though it would compile wrapped and joined.
        assert!(error(&["fine", "a)|(b"]).starts_with("pattern \"a)|(b\" is invalid"));
        // The first invalid pattern is named, whatever makes it invalid.
        assert!(error(&["fine", r"\p{Nope}", "(unclosed"])
            .starts_with(r#"pattern "\\p{Nope}" is invalid"#));
        assert!(error(&["(unclosed", r"\p{Nope}"]).starts_with("pattern \"(unclosed\" is invalid"));
    }

    #[test]
    fn clean_text_has_no_finding() {
        let rule = rule_from_toml(BOILERPLATE);
        assert_eq!(check_rule(&rule, "Please reply by Friday."), "");
    }
}

#[cfg(test)]
mod matcher_tests {
    use super::*;
    use crate::syntax::tokens::tokenize;

    /// A line break is marked exactly when the line after it begins with
    /// one of the bytes given, or with a line head's first three bytes (by
    /// its own bit), a carriage return's also when a line feed follows it,
    /// and either when the text ends too soon to tell.
    #[test]
    fn line_breaks_are_marked_before_the_lines_that_may_matter() {
        use starts::{FREE_BIT, SECOND_FREE_BIT, THIRD_FREE_BIT};
        let words = Heads::new(&[starts::literal_head(b"share", true)]);
        let each_line_head = [
            starts::literal_head(b"related", true),
            starts::literal_head(b"read more", true),
            starts::literal_head(b"leave", true),
        ];
        let (marked, line_bits) = words.marking_line_breaks(ByteSet::of(b"\t"), &each_line_head);
        // The word's head is bit 0, the line heads' bits 1 to 3.
        assert_eq!(
            line_bits,
            0b1110 | FREE_BIT | SECOND_FREE_BIT | THIRD_FREE_BIT
        );
        let marks = |text: &str, at: usize| marked.at_token(text.as_bytes(), at) & line_bits;
        assert_eq!(marks("a\nRelated: x", 1), 0b10);
        assert_eq!(marks("a\nREAD MORE", 1), 0b100);
        assert_eq!(marks("a\nLeave a Reply", 1), 0b1000);
        assert_eq!(marks("a\n\tRead more", 1), THIRD_FREE_BIT);
        assert_eq!(marks("a\nThe vote", 1), 0);
        // Its first byte begins a head, its next two none.
        assert_eq!(marks("a\nRun on", 1), 0);
        assert_eq!(marks("a\nReform", 1), 0);
        // Each byte one that some head has at its offset, the three no
        // one head's.
        assert_eq!(marks("a\nLela", 1), 0);
        assert_eq!(marks("a\nRava", 1), 0);
        assert_eq!(marks("a\n\nRelated", 1), 0);
        assert_eq!(marks("a\r\nRelated", 1), SECOND_FREE_BIT);
        assert_eq!(marks("a\r\nThe vote", 1), SECOND_FREE_BIT);
        assert_eq!(marks("a\rRelated", 1), SECOND_FREE_BIT);
        assert_eq!(marks("a\rThe vote", 1), 0);
        assert_ne!(marks("a\nR", 1), 0);
        assert_ne!(marks("a\nRe", 1), 0);
        assert_ne!(marks("a\n", 1), 0);
        // Words keep their heads, and no line bit.
        assert_eq!(
            marked.at_token(b"a share of", 2),
            words.at_token(b"a share of", 2)
        );
        assert_eq!(marked.at_token(b"a share of", 2) & line_bits, 0);
        assert_eq!(marked.first_bytes(), ByteSet::of(b"sS\n\r"));
        assert_eq!(words.first_bytes(), ByteSet::of(b"sS"));
        // Too many heads for a bit each: the line heads share a free bit,
        // taken by a line that begins with bytes of different heads.
        let many: Vec<Vec<ByteSet>> = (0..60)
            .map(|index| starts::literal_head(format!("w{index}x").as_bytes(), true))
            .collect();
        let (marked, line_bits) =
            Heads::new(&many).marking_line_breaks(ByteSet::EMPTY, &each_line_head);
        assert_eq!(line_bits, FREE_BIT | SECOND_FREE_BIT | THIRD_FREE_BIT);
        let marks = |text: &str| marked.at_token(text.as_bytes(), 1) & line_bits;
        assert_eq!(marks("a\nRelated"), FREE_BIT);
        assert_eq!(marks("a\nLela"), FREE_BIT);
        assert_eq!(marks("a\nThe vote"), 0);
    }

    /// Phrases in ASCII, which the literal matcher takes in any case.
    const PHRASES: &[&str] = &[
        "Share this",
        "Share this article",
        "this article",
        "Leave a Reply",
        "sign up",
        "k-pop",
        "Mask",
        "don’t miss",
    ];
    /// With a letter outside ASCII: the literal matcher takes these only
    /// when case matters.
    const ACCENTED: &[&str] = &["Café au lait", "Share this"];
    const STANDALONE: &[&str] = &[
        "Share",
        "Share:",
        "Share on Facebook Share on Twitter",
        "Facebook Twitter",
        "Advertisement",
        "Like this:",
    ];

    /// A fixed linear congruential generator: the same texts every run.
    /// Each call gives a number below its bound.
    pub(super) fn generator(seed: u64) -> impl FnMut(usize) -> usize {
        let mut state = seed;
        move |bound: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize % bound
        }
    }

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|phrase| phrase.to_string()).collect()
    }

    /// The matcher a rule would use and the expressions the literal
    /// matcher replaced (the reference), for each list and case setting.
    fn matchers() -> Vec<(Phrases, RegexPhrases, bool)> {
        [(PHRASES, false), (PHRASES, true), (ACCENTED, false)]
            .into_iter()
            .map(|(phrases, ignore_case)| {
                let (phrases, standalone) = (strings(phrases), strings(STANDALONE));
                (
                    Phrases::new(&phrases, &standalone, ignore_case).unwrap(),
                    RegexPhrases::new(&phrases, &standalone, ignore_case).unwrap(),
                    ignore_case,
                )
            })
            .collect()
    }

    /// Asserts each matcher finds what its reference finds; returns how
    /// many spans that was.
    #[track_caller]
    fn assert_same(text: &str, matchers: &[(Phrases, RegexPhrases, bool)]) -> usize {
        let mut count = 0;
        for (matcher, reference, ignore_case) in matchers {
            let (mut found, mut expected) = (Vec::new(), Vec::new());
            matcher.find(text, &mut found);
            reference.find(text, &mut expected);
            found.sort_unstable();
            expected.sort_unstable();
            // Found from the places the walk over the tokens tells, too.
            let walked = Starts::new(matcher, None).walk(text, &tokenize(text));
            let mut from_tokens = Vec::new();
            match matcher {
                Phrases::Literal(literal) => literal.find_from(text, &walked, &mut from_tokens),
                phrases => phrases.find(text, &mut from_tokens),
            }
            from_tokens.sort_unstable();
            assert_eq!(
                from_tokens, expected,
                "from tokens, ignore-case {ignore_case} on {text:?}"
            );
            assert_eq!(
                found,
                expected,
                "ignore-case {ignore_case} on {text:?}: found {:?}, reference {:?}",
                found
                    .iter()
                    .map(|span| span.slice(text))
                    .collect::<Vec<_>>(),
                expected
                    .iter()
                    .map(|span| span.slice(text))
                    .collect::<Vec<_>>(),
            );
            count += expected.len();
        }
        count
    }

    #[test]
    fn the_literal_matcher_is_used_unless_case_folding_needs_unicode() {
        let build = |phrases: &[&str], ignore_case| {
            Phrases::new(&strings(phrases), &strings(STANDALONE), ignore_case).unwrap()
        };
        assert!(matches!(build(PHRASES, true), Phrases::Literal(_)));
        assert!(matches!(build(ACCENTED, false), Phrases::Literal(_)));
        assert!(matches!(build(ACCENTED, true), Phrases::Regex(_)));
        let marked = Phrases::new(&[], &strings(&["\u{feff}Share"]), false).unwrap();
        assert!(matches!(marked, Phrases::Regex(_)));
        // Café in capitals is still found when case is ignored.
        let mut found = Vec::new();
        build(ACCENTED, true).find("CAFÉ AU LAIT", &mut found);
        assert_eq!(found, [Span::new(0, 13)]);
    }

    #[test]
    fn literal_matcher_agrees_with_the_expressions_on_tricky_text() {
        let texts = [
            // Wrapped over lines, CRLF, tabs, no-break and other spaces.
            "Please leave a\nreply. Leave a\r\nReply now. Leave\t \ta  \n\n Reply!",
            "Leave\u{a0}a\u{2028}Reply and leave\u{3000}a\u{85}reply",
            // Mixed case, at the very start and the very end.
            "SHARE THIS ARTICLE",
            "share this",
            "Read it and share tHiS aRtIcLe",
            // Words that continue past the phrase, non-ASCII neighbours.
            "We share thistles. Share thisé. éShare this. Share this’s fine",
            "“Share this” — «Share this article»",
            "sign ups, signup, sign up, sign\r\nup",
            // Overlapping phrases: the first listed wins at one place.
            "Share this article this article",
            "Share this articles this article",
            // Non-ASCII letters in and around phrases; case folding.
            "Café au lait, CAFÉ AU LAIT, café au lait",
            "Don’t miss it. DON’T MISS. don't miss",
            "\u{212A}-pop and K-POP and \u{212A}-Pop",
            "Ma\u{17F}k and MASK and ma\u{17F}k",
            // Standalone: whole lines only, CRLF, lone CR, indents.
            "Share\nShare:\nShare it\n  Share  \r\nShare:\r\n",
            "\u{feff}Advertisement\n\t Advertisement \t\nAn Advertisement\n",
            "Loved the story.\r\nAdvertisement\r\nThe end.\rAdvertisement\rMore.",
            "Facebook\nTwitter\n\nFacebook Twitter Pinterest\nFacebook  Twitter",
            "Share on Facebook\nShare on Twitter\nShare\n",
            "Like this:\nit goes like this:\nLIKE THIS:",
            // A standalone phrase spanning lines competes with one line.
            "Share\non Facebook Share on Twitter\nShare",
            "",
            " ",
            "\n\r\n",
            "Share",
        ];
        let matchers = matchers();
        let found: usize = texts
            .into_iter()
            .map(|text| assert_same(text, &matchers))
            .sum();
        assert!(found > 60, "{found}");
    }

    #[test]
    fn literal_matcher_agrees_with_the_expressions_on_generated_text() {
        // Words of the phrases, in several cases and with neighbours glued
        // on, and what may come between them.
        const WORDS: &[&str] = &[
            "Share",
            "share",
            "SHARE",
            "this",
            "This",
            "article",
            "articles",
            "Leave",
            "a",
            "Reply",
            "reply",
            "Facebook",
            "Twitter",
            "on",
            "Advertisement",
            "sign",
            "up",
            "Like",
            "this:",
            "\u{212A}-pop",
            "k-pop",
            "Ma\u{17F}k",
            "Café",
            "CAFÉ",
            "au",
            "lait",
            "don’t",
            "miss",
            "é",
            "“Share",
            "Reply”",
            "Share:",
        ];
        const GAPS: &[&str] = &[
            " ", " ", " ", "  ", "\n", "\r\n", "\r", "\t", "\u{a0}", "\u{feff}", "", ".", ":",
            "\n\n", " \n\t",
        ];
        let mut next = generator(0x2545_f491_4f6c_dd1d);
        let matchers = matchers();
        let mut with_findings = 0;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..next(10) {
                text.push_str(WORDS[next(WORDS.len())]);
                text.push_str(GAPS[next(GAPS.len())]);
            }
            if assert_same(&text, &matchers) > 0 {
                with_findings += 1;
            }
        }
        // Enough of the texts hold a phrase for the comparison to mean
        // something.
        assert!(with_findings > 1000, "{with_findings}");
    }

    /// Texts of words from [`PHRASES`] and their neighbours, with the
    /// gaps that may come between them, the same every run.
    fn generated_texts(count: usize) -> Vec<String> {
        const WORDS: &[&str] = &[
            "Share",
            "sHaRe",
            "this",
            "THIS",
            "article",
            "Articles",
            "Leave",
            "a",
            "A",
            "Reply",
            "reply",
            "sign",
            "up",
            "Sign-up",
            "k-pop",
            "\u{212A}-pop",
            "Mask",
            "Ma\u{17F}k",
            "don’t",
            "DON’T",
            "miss",
            "é",
            "“Share",
            "Reply”",
            "Share:",
            "mask",
            "LEAVE",
        ];
        const GAPS: &[&str] = &[
            " ",
            " ",
            " ",
            "  ",
            "\n",
            "\r\n",
            "\r",
            "\t",
            "\u{a0}",
            "\u{2028}",
            "\u{feff}",
            "",
            ".",
            ":",
            "\n\n",
            " \n\t",
            "\u{1F600}",
            "e\u{301}",
        ];
        let mut next = generator(0x9e37_79b9_7f4a_7c15);
        (0..count)
            .map(|_| {
                let mut text = String::new();
                for _ in 0..next(12) {
                    text.push_str(WORDS[next(WORDS.len())]);
                    text.push_str(GAPS[next(GAPS.len())]);
                }
                text
            })
            .collect()
    }

    /// Searching only the windows around the key words finds what
    /// searching the whole text finds, whichever word of a phrase is its
    /// key (first, inner, last, the only one).
    #[test]
    fn windows_around_key_words_find_what_the_whole_text_holds() {
        let lists: &[&[&str]] = &[
            PHRASES,
            &["a Reply", "Leave a", "this article Share", "a", "sign up a"],
            &["Share this Share", "reply Leave", "up", "don’t miss this"],
            // Phrases that start or end with punctuation, or a number.
            &["“Share this", "3 pct", "k-pop idol", "Reply”", "a.m."],
            // No word of "2024" starts with a letter: searched whole.
            &["2024", "Share"],
        ];
        let texts = generated_texts(3000);
        let mut found = 0;
        for &list in lists {
            for ignore_case in [false, true] {
                let literal = LiteralPhrases::new(&strings(list), &[], ignore_case).unwrap();
                let (Some(phrases), Some(keys)) = (&literal.phrases, &literal.keys) else {
                    panic!("no automaton for {list:?}");
                };
                let phrases_of_list = Phrases::new(&strings(list), &[], ignore_case).unwrap();
                let starts = Starts::new(&phrases_of_list, None);
                for text in &texts {
                    // From the places where word tokens start, unless the
                    // text holds a character folding to a key word's
                    // letter (then the whole text is searched).
                    let walked = starts.walk(text, &tokenize(text));
                    if keys.on_tokens && !(ignore_case && walked.folded) {
                        let from_tokens = keys.windows_at(text, &walked.keys);
                        let mut found_there = Vec::new();
                        find_phrases_in(phrases, text, &from_tokens, ignore_case, &mut found_there);
                        let mut expected = Vec::new();
                        find_phrases_in(
                            phrases,
                            text,
                            &[Span::new(0, text.len())],
                            ignore_case,
                            &mut expected,
                        );
                        assert_eq!(
                            found_there, expected,
                            "from tokens: {list:?}, ignore-case {ignore_case}, {text:?}"
                        );
                    }
                    let windows = keys.windows(text);
                    assert!(windows.windows(2).all(|pair| pair[0].end <= pair[1].start));
                    let (mut windowed, mut whole) = (Vec::new(), Vec::new());
                    find_phrases_in(phrases, text, &windows, ignore_case, &mut windowed);
                    find_phrases_in(
                        phrases,
                        text,
                        &[Span::new(0, text.len())],
                        ignore_case,
                        &mut whole,
                    );
                    assert_eq!(
                        windowed, whole,
                        "{list:?}, ignore-case {ignore_case}, {text:?}"
                    );
                    found += whole.len();
                }
            }
        }
        assert!(found > 3000, "{found}");
    }

    /// A phrase compared with the text as it stands ends where it ends
    /// when the text is normalised first.
    #[test]
    fn normal_match_end_agrees_with_the_normalised_text() {
        let phrases = [
            "share this",
            "k-pop",
            "mask",
            "leave a reply",
            "don’t miss",
            "é",
            "a",
        ];
        let mut matched = 0;
        for text in generated_texts(1000) {
            for fold_case in [false, true] {
                let normal = Normalised::new(&text, fold_case);
                for (at, c) in text.char_indices().filter(|(_, c)| !c.is_whitespace()) {
                    for phrase in phrases {
                        let phrase = normal_phrase(phrase, fold_case);
                        let from = normal.to_normal(at);
                        let expected = normal.text[from..]
                            .starts_with(phrase.as_str())
                            .then(|| normal.to_original(from..from + phrase.len()).end);
                        let actual = normal_match_end(&text, at, phrase.as_bytes(), fold_case);
                        assert_eq!(actual, expected, "{phrase:?} at {at} ({c:?}) in {text:?}");
                        matched += usize::from(actual.is_some());
                    }
                }
            }
        }
        assert!(matched > 1000, "{matched}");
    }

    #[test]
    fn normalised_offsets_map_back_exactly() {
        let text = "a \r\n b\u{a0}\u{2028}c \u{212A}d\te";
        let normal = Normalised::new(text, true);
        assert_eq!(normal.text, "a b c kd e");
        for (start, end, expected) in [
            (0, 1, "a"),
            (2, 3, "b"),
            (4, 5, "c"),
            (6, 8, "\u{212A}d"),
            (9, 10, "e"),
        ] {
            assert_eq!(normal.to_original(start..end).slice(text), expected);
        }
        assert_eq!(normal.to_normal(text.len()), normal.text.len());
        // Nothing to replace: the text itself, borrowed.
        assert_eq!(
            Normalised::new("ÉCLAIR Ma\u{17F}K", true).text,
            "Éclair mask"
        );
        assert!(matches!(
            Normalised::new("a b c", false).text,
            Cow::Borrowed(_)
        ));
    }

    /// The Kelvin sign and the long s are the only characters outside
    /// ASCII that an ASCII letter matches in any case, so the only ones
    /// [`Normalised`] must fold.
    #[test]
    fn only_two_characters_fold_to_ascii_letters() {
        let letters = regex::Regex::new("(?i)^[a-z]$").unwrap();
        let folding: Vec<char> = (0x80..=0x10_FFFF)
            .filter_map(char::from_u32)
            .filter(|c| letters.is_match(c.encode_utf8(&mut [0; 4])))
            .collect();
        assert_eq!(folding, ['\u{17F}', '\u{212A}']);
    }

    /// A character [`folds_as_ascii`] lets through has no other case, so
    /// matching it exactly is matching it in any case.
    #[test]
    fn characters_matched_exactly_have_no_other_case() {
        let exact: Vec<char> = (0x80..=0x10_FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| folds_as_ascii(c))
            .collect();
        // The same class with and without case folding.
        let mut class = String::new();
        for c in &exact {
            class.push_str(&format!("\\x{{{:X}}}", u32::from(*c)));
        }
        let plain = regex::Regex::new(&format!("^[{class}]$")).unwrap();
        let folded = regex::Regex::new(&format!("(?i)^[{class}]$")).unwrap();
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let c = c.encode_utf8(&mut [0; 4]).to_owned();
            assert_eq!(plain.is_match(&c), folded.is_match(&c), "{c:?}");
        }
    }
}

#[cfg(test)]
mod pattern_tests {
    use super::matcher_tests::generator;
    use super::*;
    use crate::syntax::tokens::tokenize;

    /// The patterns of the default `web-boilerplate` rule.
    const BOILERPLATE: &[&str] = &[
        r"(?i)(?-u:\b)required fields are marked(?:\s*\*)?",
        r"(?i)(?-u:\b)click here to (?:subscribe|comment|read more|sign up)(?-u:\b)",
        r"(?i)(?-u:\b)(?:js|javascript) is (?:disabled|required)(?-u:\b)",
        r"(?i)(?-u:\b)enable javascript to view(?-u:\b)",
        r"(?-u:\b)Image copyright ?(?:[A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)*)?",
        r"(?mR)^[\t ]*(?:Related|Read more|READ MORE|RELATED): [^\r\n]+$",
    ];

    /// Lists of patterns: those the tokens tell the starts of, those they
    /// do not, and the two mixed.
    const LISTS: &[&[&str]] = &[
        BOILERPLATE,
        &[
            r"\bjs\b",
            r"colou?r",
            r"(?i)\bja\w*",
            r"(?m)^Tweet$",
            r"\b(?:Image|js) is",
        ],
        &[
            r"(?-u:\b)k\w*",
            r"(?i)\bk\w*",
            r"(?i)\bskip",
            r"\bé\w*",
            r"\b_x",
            r"\b1st",
            r"(?-u:\b)js(?-u:\b)",
        ],
        &[
            r"\b{start}java",
            r"\b{start-half}js",
            r"(\bja)(va)",
            r"((?-u:\b))js",
            r"\bjs|^Read|(?m:^\s*Tweet)|\Ajava",
            r"(?m)^\n",
            r"(?m)^[ \t]*x",
            r"(?m)^ *[ a]b",
            r"(?m)^(?:ab|c){2}d",
        ],
        // A pattern that may match the empty string: all are searched
        // over the whole text.
        &[r"\bjs", r"x*", r"(?m)^Tweet"],
        &[r"(?i)is (?:disabled|required)", r"\bjs\b", r"\brequired"],
    ];

    /// The expressions searched as the rule searched them before: their
    /// alternation, over the whole text.
    fn reference(patterns: &[&str], text: &str) -> Vec<Span> {
        let joined: Vec<String> = patterns.iter().map(|p| format!("(?:{p})")).collect();
        let regex = compile(&joined.join("|")).unwrap();
        regex
            .find_iter(text)
            .map(|m| Span::new(m.start(), m.end()))
            .collect()
    }

    /// The patterns found from the places the walk over the text's tokens
    /// tells, and over the whole text.
    fn found(patterns: &Patterns, starts: &Starts, text: &str) -> (Vec<Span>, Vec<Span>) {
        let walked = starts.walk(text, &tokenize(text));
        let (mut from_tokens, mut whole) = (Vec::new(), Vec::new());
        patterns.find(text, Some(&walked.candidates), &mut from_tokens);
        patterns.find(text, None, &mut whole);
        (from_tokens, whole)
    }

    /// Texts of the patterns' words and their neighbours: letters outside
    /// ASCII glued on, digits, underscores, line breaks of every kind and
    /// indents.
    fn generated_texts(count: usize) -> Vec<String> {
        const WORDS: &[&str] = &[
            "js",
            "JS",
            "Js",
            "java",
            "Java",
            "javascript",
            "JavaScript",
            "is",
            "IS",
            "required",
            "Required",
            "disabled",
            "Japan",
            "ja",
            "caféjs",
            "éjs",
            "é",
            "²js",
            "_js",
            "3js",
            "1st",
            "x",
            "xx",
            "Read",
            "more:",
            "Related:",
            "READ MORE:",
            "Image",
            "copyright",
            "copyrightGETTY",
            "GETTY",
            "IMAGES",
            "Click",
            "here",
            "to",
            "subscribe",
            "sign",
            "up",
            "enable",
            "view",
            "colour",
            "color",
            "\u{207f}js is",
            "\u{2019}js is",
            "\u{212A}ick",
            "\u{17F}kip",
            "skip",
            "kick",
            "Tweet",
            "Tweets",
            "fields",
            "are",
            "marked",
            "*",
            "ab",
            "cab",
            "d",
            "abd",
            "cd",
            "b",
        ];
        const GAPS: &[&str] = &[
            " ", " ", " ", "  ", "\n", "\r\n", "\r", "\t", "\n    ", "\n\t ", "\u{feff}", "\u{a0}",
            "", ".", ":", "-", "\n\n", "é", "’", "“", "—", "…", "\u{2009}", "\u{2060}", "\u{301}",
        ];
        let mut next = generator(0x5851_f42d_4c95_7f2d);
        (0..count)
            .map(|_| {
                let mut text = String::new();
                for _ in 0..next(14) {
                    text.push_str(GAPS[next(GAPS.len())]);
                    text.push_str(WORDS[next(WORDS.len())]);
                }
                text
            })
            .collect()
    }

    /// Searching for the patterns only where the tokens say they may
    /// start, with the others over the whole text, finds what the
    /// alternation of them all finds over the whole text.
    #[test]
    fn patterns_found_from_tokens_agree_with_their_alternation() {
        let texts = generated_texts(4000);
        let mut found_any = 0;
        for &list in LISTS {
            let patterns =
                Patterns::new(&list.iter().map(|p| p.to_string()).collect::<Vec<_>>()).unwrap();
            let phrases = Phrases::new(&[], &[], false).unwrap();
            let starts = Starts::new(&phrases, Some(&patterns));
            for text in &texts {
                let expected = reference(list, text);
                let (from_tokens, whole) = found(&patterns, &starts, text);
                let shown = |spans: &[Span]| -> Vec<String> {
                    spans
                        .iter()
                        .map(|span| span.slice(text).to_owned())
                        .collect()
                };
                assert_eq!(
                    from_tokens,
                    expected,
                    "{list:?} on {text:?}: {:?}, reference {:?}",
                    shown(&from_tokens),
                    shown(&expected)
                );
                assert_eq!(whole, expected, "whole text: {list:?} on {text:?}");
                found_any += usize::from(!expected.is_empty());
            }
        }
        assert!(found_any > 4000, "{found_any}");
    }

    /// The default rule's patterns are all searched only where the tokens
    /// say; a pattern that may start anywhere, or with something other
    /// than an ASCII letter after a word boundary, is searched whole.
    #[test]
    fn which_patterns_are_searched_from_tokens() {
        let vouched = |list: &[&str]| {
            let patterns =
                Patterns::new(&list.iter().map(|p| p.to_string()).collect::<Vec<_>>()).unwrap();
            let vouched = patterns.vouched.map_or(Vec::new(), |(_, indexes)| indexes);
            let others = patterns.others.map_or(Vec::new(), |(_, indexes)| indexes);
            (vouched, others)
        };
        assert_eq!(vouched(BOILERPLATE), ((0..6).collect(), vec![]));
        assert_eq!(vouched(LISTS[1]), (vec![0, 2, 3, 4], vec![1]));
        // `k` folds to the Kelvin sign, `s` to the long s, and `é`, `_`
        // and `1` are not ASCII letters.
        assert_eq!(vouched(LISTS[2]), (vec![0, 6], vec![1, 2, 3, 4, 5]));
        assert_eq!(vouched(LISTS[3]), ((0..9).collect(), vec![]));
        assert_eq!(vouched(LISTS[4]), (vec![], vec![0, 1, 2]));
    }
}
