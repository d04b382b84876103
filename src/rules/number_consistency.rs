//! # number-consistency
//!
//! ## What it does
//! Checks that a count the article states more than once is the same each
//! time. With `check = "restated"` it flags, in the body, one quantity given
//! two different numbers ("killed 14,000 people … the 13,000 killed";
//! "42 passengers … 41 passengers were aboard"), and a total that its listed
//! parts do not add up to ("three people — two men and two women"; "five
//! children: three boys and a girl"). With `check = "headline"` it flags a
//! number in the headline or standfirst that the body contradicts ("14
//! killed in blast" over a body that says 13 people were killed).
//!
//! Two numbers are the same quantity only when both are exact counts of the
//! same noun ("passengers") tied to the same event (`events`: killed,
//! injured, aboard, …) within a few words. A count without a noun ("the
//! 13,000 killed") matches one whose noun is generic (`generic-nouns`:
//! people, victims). Each contradiction is flagged at the figure used
//! less often (the later one on a tie), with the other figure as a related
//! span.
//!
//! ## Why it matters
//! A death toll or a passenger count given two ways is the contradiction a
//! reader notices first and a correction has to fix. It is an easy slip:
//! the figure is updated in the top paragraph as news comes in and left
//! stale further down, or a headline is written from an earlier draft.
//!
//! ## Example
//! ```toml
//! [[rule]]
//! id = "number-mismatch"
//! kind = "number-consistency"
//! severity = "warning"
//! check = "restated"
//! flagged = ["The quake killed 14,000 people. Aid reached the families of the 13,000 killed."]
//! clean = ["The quake killed 14,000 people. More than 13,000 were killed in the city alone."]
//! ```
//! reports "“the 13,000 killed” contradicts “killed 14,000 people” elsewhere
//! in this article", with the first figure as a related span.
//!
//! ## Options
//! - `check` (required): `"restated"` for counts within the body and totals
//!   against their parts, `"headline"` for the headline and standfirst
//!   against the body.
//! - `events`: named groups of words that tie a count to what happened,
//!   `killed = ["killed", "dead", "died", "death toll"]`. A count is
//!   compared only with counts tied to the same group. Phrases are matched
//!   as whole words, in any letter case, within `window` words of the
//!   number (before it, or after its noun), not across a comma, colon,
//!   semicolon, dash or bracket.
//! - `window` (default `4`): how many words either side to look for an
//!   event word.
//! - `generic-nouns`: nouns a count without a noun may stand for ("person",
//!   "victim"), singular.
//! - `guards`: words or phrases that, within ten words of either count in
//!   its statement, mean the two may be different quantities: changes over time
//!   ("rose", "up from", "so far", "now", "last year"), other events
//!   ("separate", "another", "second"), parts of a group ("including",
//!   "among", "of whom").
//! - `not-sums`: nouns whose listed parts need not add up to the total
//!   (points made of tries and penalties, runs of fours and sixes).
//! - `ignore-quotations` (default `true`): leave counts inside direct
//!   quotations out; a speaker's rounded or mistaken figure is the
//!   speaker's.
//!
//! Approximate counts ("more than 13,000", "about 40", "hundreds of"),
//! parts of a group ("14 of the 20 passengers"), ranges, scores, ages,
//! money, percentages and measures are never compared (see the number
//! model). A figure written round ("14,000", "1.5 million") matches any
//! figure it rounds ("13,987", "1,520,000").
//!
//! Messages are written by the rule; `message` cannot be set.
//!
//! ## Limitations
//! Names in headlines are not checked here: `name-variant` already compares
//! a headline's spelling of a name with the body's, so a slip there would
//! be reported twice. Weekdays in headlines are not checked either: a
//! headline's weekday ("Monday") often names the day of a different event
//! from the body's. A count is tied to an event only by nearby words, so
//! "14 people were killed" and "police questioned 13 people who were
//! killed…" can be read as one quantity; the guards and the noun check make
//! this rare, at the cost of missing a slip near a word such as "now" or
//! "another". When a quantity is given three or more different
//! ways, nothing is reported: the count is evolving or the counts are
//! different ones. All-capitals (wire) headlines are not read.
//!
//! The rules are built for precision. On the news corpus (5,673 published
//! articles; `cargo test --test corpus_numbers -- --nocapture`) neither
//! makes a finding: 0 false alarms per 100 articles. The price is recall:
//! a body sentence repeated with its count changed by one is caught 38% of
//! the time (40 of 106 plants), mostly because the sentence holds a guard
//! word or its count is not tied to an event word within the window;
//! restated counts and headline counts tied to events are rare in the
//! corpus (1 and 5 hosts), so those figures say little.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;

use super::{KindOptions, Report, Rule, RuleKind};
use crate::diagnostic::Severity;
use crate::model::numbers::{NumberMention, Unit};
use crate::model::{Article, ShortLower, WordShapes};
use crate::source::Span;
use crate::syntax::{BlockKind, Token, TokenKind};

/// Which comparison an instance runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    Restated,
    Headline,
}

fn default_window() -> usize {
    4
}

fn default_true() -> bool {
    true
}

rule_options! {
    pub struct Options {
        pub check: Check,
        #[serde(default)]
        pub events: BTreeMap<String, Vec<String>>,
        #[serde(default = "default_window")]
        pub window: usize,
        #[serde(default)]
        pub generic_nouns: Vec<String>,
        #[serde(default)]
        pub guards: Vec<String>,
        #[serde(default)]
        pub not_sums: Vec<String>,
        #[serde(default = "default_true")]
        pub ignore_quotations: bool,
    }
}

impl KindOptions for Options {
    const KIND: RuleKind = RuleKind {
        name: "number-consistency",
        summary: "Flags one count given two different numbers",
        default_severity: Severity::Warning,
    };

    fn build(self) -> Result<Box<dyn Rule>, String> {
        Ok(Box::new(self.rule()?))
    }
}

impl Options {
    /// The rule these options configure, or why they configure none.
    fn rule(self) -> Result<NumberConsistency, String> {
        if self.message.is_some() {
            return Err(
                "number-consistency rules write their own messages; remove `message`".to_owned(),
            );
        }
        if self.events.is_empty() {
            return Err("`events` needs at least one group of event words".to_owned());
        }
        if self.window == 0 || self.window > 12 {
            return Err("`window` must be between 1 and 12".to_owned());
        }
        let mut events = Vec::new();
        for (name, phrases) in &self.events {
            for phrase in phrases {
                let words = phrase_words(phrase);
                if words.is_empty() {
                    return Err(format!("`events.{name}` has an empty phrase"));
                }
                events.push((name.clone(), words));
            }
        }
        let mut guards = Vec::new();
        for phrase in &self.guards {
            let words = phrase_words(phrase);
            if words.is_empty() {
                return Err("`guards` has an empty phrase".to_owned());
            }
            guards.push(words);
        }
        Ok(NumberConsistency {
            check: self.check,
            events_by_first: by_first_word(events.iter().map(|(_, words)| words)),
            guards_by_first: by_first_word(guards.iter()),
            events,
            window: self.window,
            generic_nouns: self
                .generic_nouns
                .iter()
                .map(|n| n.to_lowercase())
                .collect(),
            guards,
            not_sums: self.not_sums.iter().map(|n| n.to_lowercase()).collect(),
            ignore_quotations: self.ignore_quotations,
        })
    }
}

fn phrase_words(phrase: &str) -> Vec<String> {
    phrase.split_whitespace().map(str::to_lowercase).collect()
}

/// Phrase indices by their first word, so a statement's words are looked
/// up once each instead of compared with every phrase.
fn by_first_word<'p>(phrases: impl Iterator<Item = &'p Vec<String>>) -> FirstWords {
    let mut first_words = FirstWords {
        index: HashMap::default(),
        ascii_ends: [0; 128],
        shapes: WordShapes::EMPTY,
    };
    for (position, words) in phrases.enumerate() {
        if let Some(first) = words.first() {
            first_words
                .index
                .entry(first.clone())
                .or_default()
                .push(position);
            first_words.shapes = first_words.shapes.with(first);
            first_words.add_ascii_ends(first);
        }
    }
    first_words
}

/// The phrases that open with each first word, lower case.
#[derive(Debug)]
struct FirstWords {
    index: HashMap<String, Vec<usize>>,
    /// For each ASCII byte a first word starts with, in either case, a bit
    /// for each ASCII byte one ends with, in either case: see
    /// [`FirstWords::ends_may_open`].
    ascii_ends: [u128; 128],
    /// The first words' shapes: an ASCII word of a shape no first word has
    /// opens no phrase, and most words are told so before being hashed.
    shapes: WordShapes,
}

impl FirstWords {
    /// Adds the ends of `first`, a lower-case first word, to
    /// [`FirstWords::ascii_ends`]. A first word that starts or ends
    /// outside ASCII needs none: a word whose first and last bytes are
    /// ASCII lowers to a word that starts and ends with them, lowered.
    fn add_ascii_ends(&mut self, first: &str) {
        let (Some(&start), Some(&end)) = (first.as_bytes().first(), first.as_bytes().last()) else {
            return;
        };
        if !start.is_ascii() || !end.is_ascii() {
            return;
        }
        for start in [start, start.to_ascii_uppercase()] {
            for end in [end, end.to_ascii_uppercase()] {
                self.ascii_ends[usize::from(start)] |= 1 << end;
            }
        }
    }

    /// Whether `word` may open a phrase, as its first and last bytes tell:
    /// false means it opens none.
    ///
    /// A word whose first and last bytes are ASCII lowers to a word with
    /// those ends, lowered, whatever stands between (lowering maps each
    /// character on its own, and an ASCII one to one ASCII byte). Most
    /// words of a text are turned away by their ends alone, without the
    /// scan of every byte that tells whether the word is ASCII, which
    /// [`Word::phrases`] needs before it reads the word's shape. Any other
    /// word is let through.
    #[inline]
    fn ends_may_open(&self, word: &[u8]) -> bool {
        let (Some(&start), Some(&end)) = (word.first(), word.last()) else {
            return true;
        };
        if (start | end) >= 0x80 {
            return true;
        }
        self.ascii_ends
            .get(usize::from(start))
            .is_none_or(|ends| ends >> (end & 0x7f) & 1 != 0)
    }
}

#[derive(Debug)]
struct NumberConsistency {
    check: Check,
    /// (group name, phrase words), lower case.
    events: Vec<(String, Vec<String>)>,
    /// First word → indices into `events`.
    events_by_first: FirstWords,
    /// First word → indices into `guards`.
    guards_by_first: FirstWords,
    window: usize,
    generic_nouns: Vec<String>,
    guards: Vec<Vec<String>>,
    not_sums: Vec<String>,
    ignore_quotations: bool,
}

/// A non-space token of a statement.
///
/// Only the few words around a count are compared with the event and guard
/// phrases, so a word is lowered when it is compared, not when the
/// statement's words are gathered. The text is held as bytes: slicing a
/// `str` checks both ends for character boundaries, which a token's span
/// always keeps, and nearly every comparison is with ASCII; the few words
/// lowered as text are sliced from the article where they are lowered.
struct Word<'a> {
    text: &'a [u8],
    span: Span,
    kind: TokenKind,
}

impl<'a> Word<'a> {
    /// The word of `token`, a token of `text` that is not white space.
    #[inline]
    fn of(text: &'a [u8], token: &Token) -> Word<'a> {
        let span = token.span();
        Word {
            text: text.get(span.start..span.end).unwrap_or_default(),
            span,
            kind: token.kind,
        }
    }

    /// Whether the word, lowered, is `lower`, a lower-case word.
    fn is(&self, lower: &str) -> bool {
        if self.text.is_ascii() {
            // An ASCII word lowers letter for letter, and `lower` holds no
            // ASCII capital: comparing without regard to ASCII case is the
            // same test, without building the lowered word.
            self.text.eq_ignore_ascii_case(lower.as_bytes())
        } else {
            // A token's bytes are always UTF-8.
            std::str::from_utf8(self.text).is_ok_and(|text| text.to_lowercase() == lower)
        }
    }

    /// The phrases (by first word) this word opens.
    #[inline]
    fn phrases<'m>(&self, by_first: &'m FirstWords) -> Option<&'m Vec<usize>> {
        if !by_first.ends_may_open(self.text) {
            return None;
        }
        self.phrases_of_any_ends(by_first)
    }

    /// [`Word::phrases`] past the test of the word's ends.
    #[inline(never)]
    fn phrases_of_any_ends<'m>(&self, by_first: &'m FirstWords) -> Option<&'m Vec<usize>> {
        // A word outside ASCII may lower to a first word's letters (the
        // Kelvin sign to k), so only an ASCII word is judged by its shape.
        if self.text.is_ascii() && !by_first.shapes.may_hold(self.text) {
            return None;
        }
        // A token's bytes are always UTF-8.
        let text = std::str::from_utf8(self.text).ok()?;
        let by_first = &by_first.index;
        let short = ShortLower::new(text);
        if short.as_str().len() == text.len() {
            by_first.get(short.as_str())
        } else {
            by_first.get(text.to_lowercase().as_str())
        }
    }
}

/// The words of the statement last asked for. Counts are visited in text
/// order, so holding one statement's words is enough: holding every
/// statement's would take more memory than the text when most statements
/// hold a number (a list of dates).
struct Statements<'a> {
    article: &'a Article<'a>,
    current: Option<usize>,
    words: Vec<Word<'a>>,
}

impl<'a> Statements<'a> {
    fn new(article: &'a Article<'a>) -> Self {
        Statements {
            article,
            current: None,
            words: Vec::new(),
        }
    }

    /// The tokens of `statement` (none for a statement the article does
    /// not have).
    fn tokens_of(&self, statement: usize) -> &'a [Token] {
        let article = self.article;
        article
            .statements()
            .get(statement)
            .and_then(|statement| article.tokens().get(statement.tokens.clone()))
            .unwrap_or_default()
    }

    fn words(&mut self, statement: usize) -> &[Word<'a>] {
        if self.current != Some(statement) {
            self.current = Some(statement);
            self.words.clear();
            let tokens = self.tokens_of(statement);
            // At most one word a token: grown once, not word by word.
            self.words.reserve(tokens.len());
            let text = self.article.text.as_bytes();
            self.words.extend(
                tokens
                    .iter()
                    .filter(|token| !token.is_space())
                    .map(|token| Word::of(text, token)),
            );
        }
        &self.words
    }

    /// Whether any word of `statement` from `reach` words before `start`
    /// to the `reach`th word starting at or after `end` opens one of the
    /// phrases of `by_first`, read in its tokens without gathering its
    /// words. With the window as `reach`, every word an event phrase is
    /// taken from ([`NumberConsistency::event_of`], which takes none
    /// farther than the window from the number or its noun) stands in that
    /// stretch, and most counts have no event word near them: their
    /// statement's words need not be gathered.
    fn any_phrase_near(
        &self,
        statement: usize,
        start: usize,
        end: usize,
        reach: usize,
        by_first: &FirstWords,
    ) -> bool {
        let tokens = self.tokens_of(statement);
        let text = self.article.text.as_bytes();
        let opens_phrase =
            |token: &Token| !token.is_space() && Word::of(text, token).phrases(by_first).is_some();
        let from = tokens.partition_point(|token| token.span().start < start);
        let (before, after) = tokens.split_at(from);
        // The words before, nearest first.
        let mut before_words = 0;
        for token in before.iter().rev() {
            if before_words == reach {
                break;
            }
            if !token.is_space() {
                before_words += 1;
                if opens_phrase(token) {
                    return true;
                }
            }
        }
        // The words from `start` on: all that start before `end`, then
        // `reach` more.
        let mut after_words = 0;
        for token in after {
            if after_words == reach {
                break;
            }
            if token.is_space() {
                continue;
            }
            if token.span().start >= end {
                after_words += 1;
            }
            if opens_phrase(token) {
                return true;
            }
        }
        false
    }

    /// The text of the statement's first word starting at or after
    /// `offset`, found in its tokens without gathering its words.
    fn first_word_from(&self, statement: usize, offset: usize) -> Option<&'a str> {
        let article = self.article;
        let tokens = self.tokens_of(statement);
        let from = tokens.partition_point(|token| token.span().start < offset);
        tokens
            .get(from..)?
            .iter()
            .find(|token| !token.is_space())
            .map(|token| article.slice(token.span()))
    }
}

/// A count ready to compare.
#[derive(Clone, Debug)]
struct Count<'m> {
    mention: &'m NumberMention,
    event: String,
    /// From the event word to the end of the noun: what the message quotes.
    context: Span,
    /// A guard word stands in its statement.
    guarded: bool,
}

// Dashes a word is compared with, as bytes ([`Word`]).
const EN_DASH: &[u8] = "–".as_bytes();
const EM_DASH: &[u8] = "—".as_bytes();

/// How many words either side of a count its guards are looked for in.
const GUARD_REACH: usize = 10;

/// The index of the first word starting at or after `offset` (the length
/// if none): a binary search, so a long statement with many numbers stays
/// linear-logarithmic.
fn word_at(words: &[Word<'_>], offset: usize) -> usize {
    words.partition_point(|w| w.span.start < offset)
}

/// Punctuation that ends the clause an event word is looked for in.
fn ends_clause(word: &Word<'_>) -> bool {
    // Lowering changes no punctuation, so the text is compared as it is.
    word.kind == TokenKind::Punctuation
        && matches!(
            word.text,
            b"," | b";" | b":" | EM_DASH | EN_DASH | b"(" | b")" | b"[" | b"]" | b"." | b"?" | b"!"
        )
        || matches!(word.kind, TokenKind::Quote { .. })
}

impl NumberConsistency {
    /// The event a count is tied to, and the span from it to the count's
    /// noun.
    fn event_of(&self, words: &[Word<'_>], mention: &NumberMention) -> Option<(String, Span)> {
        let first = word_at(words, mention.span.start);
        if first >= words.len() {
            return None;
        }
        let last_end = mention.noun_span.map_or(mention.span.end, |noun| noun.end);
        // The noun itself may name the event ("14 deaths", "3 hostages").
        let after = word_at(words, mention.span.end);
        // The nearest match wins; among equals, the phrase listed first,
        // then the place met first (before the number, then after).
        let mut best: Option<((usize, usize, usize), usize, Span)> = None;
        // Before the number, up to the window or the clause's start.
        let mut start = first;
        while start > 0 && first - start < self.window + 2 {
            if ends_clause(&words[start - 1]) || words[start - 1].kind == TokenKind::Number {
                break;
            }
            start -= 1;
        }
        // After the noun.
        let after_noun = word_at(words, last_end);
        let mut end = after;
        while end < words.len() && end < after_noun + self.window + 2 {
            if ends_clause(&words[end]) || words[end].kind == TokenKind::Number {
                break;
            }
            end += 1;
        }
        for (order, at) in (start..first).chain(after..end).enumerate() {
            let Some(phrases) = words
                .get(at)
                .and_then(|word| word.phrases(&self.events_by_first))
            else {
                continue;
            };
            for &event in phrases {
                let Some((_, phrase)) = self.events.get(event) else {
                    continue;
                };
                let Some(candidate) = words.get(at..at + phrase.len()) else {
                    continue;
                };
                if candidate.iter().zip(phrase).all(|(w, p)| w.is(p)) {
                    let in_before = at < first;
                    if in_before && at + phrase.len() > first {
                        continue;
                    }
                    if !in_before && at + phrase.len() > end {
                        continue;
                    }
                    let distance = if in_before {
                        first - at
                    } else {
                        (at + 1).saturating_sub(after_noun)
                    };
                    if distance > self.window {
                        continue;
                    }
                    let phrase_end = candidate.last().map_or(at, |_| at + phrase.len() - 1);
                    let context = if in_before {
                        Span::new(words[at].span.start, last_end)
                    } else {
                        Span::new(mention.span.start, words[phrase_end].span.end.max(last_end))
                    };
                    let rank = (distance, event, order);
                    if best
                        .as_ref()
                        .is_none_or(|(best_rank, _, _)| rank < *best_rank)
                    {
                        best = Some((rank, event, context));
                    }
                }
            }
        }
        best.and_then(|(_, event, span)| Some((self.events.get(event)?.0.clone(), span)))
    }

    fn guarded(&self, words: &[Word<'_>]) -> bool {
        words.iter().enumerate().any(|(at, word)| {
            word.phrases(&self.guards_by_first)
                .into_iter()
                .flatten()
                .filter_map(|&guard| self.guards.get(guard))
                .any(|guard| {
                    words
                        .get(at..at + guard.len())
                        .is_some_and(|window| window.iter().zip(guard).all(|(w, g)| w.is(g)))
                })
        })
    }

    /// The counts of the article tied to an event, in text order, of the
    /// mentions `wanted` keeps: finding a count's event and guards takes
    /// its statement's words, so mentions a check cannot use are left out
    /// first.
    fn counts<'m>(
        &self,
        article: &'m Article<'_>,
        statements: &mut Statements<'_>,
        wanted: impl Fn(&NumberMention) -> bool,
    ) -> Vec<Count<'m>> {
        let mut counts = Vec::new();
        for mention in &article.numbers {
            if mention.unit != Unit::Count || !wanted(mention) {
                continue;
            }
            let last_end = mention.noun_span.map_or(mention.span.end, |noun| noun.end);
            if !statements.any_phrase_near(
                mention.statement,
                mention.span.start,
                last_end,
                self.window,
                &self.events_by_first,
            ) {
                continue;
            }
            let words = statements.words(mention.statement);
            let Some((event, context)) = self.event_of(words, mention) else {
                continue;
            };
            // Guards count near the number: ten words either side.
            let at = word_at(words, mention.span.start);
            let from = at.saturating_sub(GUARD_REACH);
            let to = (word_at(words, mention.span.end) + GUARD_REACH).min(words.len());
            let guarded = self.guarded(words.get(from..to).unwrap_or_default());
            counts.push(Count {
                mention,
                event,
                context,
                guarded,
            });
        }
        counts
    }

    /// Whether a count can stand for one with `noun`.
    fn compatible_nouns(&self, a: Option<&str>, b: Option<&str>) -> bool {
        match (a, b) {
            (Some(a), Some(b)) => a == b,
            (None, Some(noun)) | (Some(noun), None) => {
                self.generic_nouns.iter().any(|generic| generic == noun)
            }
            (None, None) => true,
        }
    }

    fn comparable(&self, count: &Count<'_>) -> bool {
        self.comparable_mention(count.mention) && !count.guarded
    }

    /// [`NumberConsistency::comparable`] as far as the mention alone tells.
    fn comparable_mention(&self, mention: &NumberMention) -> bool {
        let quoted = self.ignore_quotations && mention.quoted;
        mention.value.is_some() && !mention.approximate && !mention.part_of && !quoted
    }
}

/// Which of the body's comparable counts may be compared with another.
///
/// Counts are compared within a group of one event and one noun, and a
/// group of one count reports nothing. A count without a noun may join
/// the group of the one noun its event has, so which nouns stand near it
/// matters: when any comparable count lacks a noun, every count may pair.
/// Otherwise a count pairs only with another of its noun, and one whose
/// noun no other has is alone in its group whatever its event: leaving it
/// out changes no group, and its event and guards need not be found.
enum PairedNouns<'m> {
    All,
    /// The nouns at least two counts share, sorted.
    Shared(Vec<&'m str>),
}

impl<'m> PairedNouns<'m> {
    fn of(mentions: impl Iterator<Item = &'m NumberMention>) -> Self {
        let mut nouns = Vec::new();
        for mention in mentions {
            let Some(noun) = mention.noun.as_deref() else {
                return PairedNouns::All;
            };
            nouns.push(noun);
        }
        nouns.sort_unstable();
        let mut shared: Vec<&str> = nouns
            .windows(2)
            .filter(|pair| pair[0] == pair[1])
            .map(|pair| pair[0])
            .collect();
        shared.dedup();
        PairedNouns::Shared(shared)
    }

    fn may_pair(&self, mention: &NumberMention) -> bool {
        match self {
            PairedNouns::All => true,
            PairedNouns::Shared(shared) => mention
                .noun
                .as_deref()
                .is_some_and(|noun| shared.binary_search(&noun).is_ok()),
        }
    }
}

fn block_kind(article: &Article<'_>, statement: usize) -> Option<BlockKind> {
    let statement = article.statements().get(statement)?;
    article
        .blocks()
        .get(statement.block)
        .map(|block| block.kind)
}

/// The rounding a figure's wording implies: "14,000" is exact to the
/// thousand, "1.5 million" to the hundred thousand. Counts under 1,000
/// written without a multiplier are taken as exact.
fn precision(text: &str, mention: &NumberMention) -> f64 {
    let Some(value) = mention.value else {
        return 0.0;
    };
    if !mention.rounded && value < 1000.0 {
        return 1.0;
    }
    let figure: String = text
        .split_whitespace()
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    if figure.is_empty() {
        // Spelled out: "two hundred", "three thousand".
        let mut step = 1.0;
        while step * 10.0 <= value && (value / (step * 10.0)).fract() == 0.0 {
            step *= 10.0;
        }
        return step;
    }
    let written: f64 = figure.parse().unwrap_or(value);
    let factor = if written > 0.0 { value / written } else { 1.0 };
    let step = match figure.split_once('.') {
        Some((_, decimals)) => 10f64.powi(-(decimals.len() as i32)),
        None => {
            let zeros = figure.chars().rev().take_while(|c| *c == '0').count();
            let zeros = zeros.min(figure.len().saturating_sub(1));
            10f64.powi(zeros as i32)
        }
    };
    step * factor
}

/// Whether two stated values can be one quantity, allowing for rounding.
fn agree(article: &Article<'_>, a: &NumberMention, b: &NumberMention) -> bool {
    let (Some(x), Some(y)) = (a.value, b.value) else {
        return true;
    };
    if x == y {
        return true;
    }
    let step = precision(article.slice(a.span), a).max(precision(article.slice(b.span), b));
    (x - y).abs() < step / 2.0 + f64::EPSILON
}

impl Rule for NumberConsistency {
    fn check(&self, article: &Article<'_>, report: &mut Report<'_>) {
        let mut statements = Statements::new(article);
        let in_block = |mention: &NumberMention, kinds: &[BlockKind]| {
            block_kind(article, mention.statement).is_some_and(|kind| kinds.contains(&kind))
        };
        match self.check {
            Check::Restated => {
                self.check_restated(article, &mut statements, true, report);
                self.check_parts(article, &mut statements, report);
            }
            Check::Headline => {
                // The headline's counts first: most headlines state none,
                // and then the body's need not be found.
                let heads = self.counts(article, &mut statements, |mention| {
                    in_block(mention, &[BlockKind::Headline, BlockKind::Standfirst])
                        && self.comparable_mention(mention)
                        && !mention.quoted
                });
                if heads.iter().all(|head| !self.comparable(head)) {
                    return;
                }
                let body = self.counts(article, &mut statements, |mention| {
                    in_block(mention, &[BlockKind::Paragraph])
                });
                self.check_headline(article, &heads, &body, report);
            }
        }
    }
}

impl NumberConsistency {
    /// Compares the comparable counts of the body with each other. With
    /// `skip_unpaired` (always, but in the tests that compare it with the
    /// plain reading), the counts no other can be compared with are left
    /// out before their events are looked for.
    fn check_restated(
        &self,
        article: &Article<'_>,
        statements: &mut Statements<'_>,
        skip_unpaired: bool,
        report: &mut Report<'_>,
    ) {
        let wanted = |mention: &NumberMention| {
            mention.unit == Unit::Count
                && block_kind(article, mention.statement) == Some(BlockKind::Paragraph)
                && self.comparable_mention(mention)
        };
        let paired = if skip_unpaired {
            PairedNouns::of(article.numbers.iter().filter(|mention| wanted(mention)))
        } else {
            PairedNouns::All
        };
        let counts = self.counts(article, statements, |mention| {
            wanted(mention) && paired.may_pair(mention)
        });
        self.compare_restated(article, &counts, report);
    }

    fn compare_restated(
        &self,
        article: &Article<'_>,
        counts: &[Count<'_>],
        report: &mut Report<'_>,
    ) {
        // Bucket by event, then by noun: linear in the number of counts.
        let mut by_event: BTreeMap<&str, Vec<&Count<'_>>> = BTreeMap::new();
        for count in counts {
            if block_kind(article, count.mention.statement) != Some(BlockKind::Paragraph) {
                continue;
            }
            if !self.comparable(count) {
                continue;
            }
            by_event
                .entry(count.event.as_str())
                .or_default()
                .push(count);
        }
        for group in by_event.values() {
            let mut nouns: Vec<&str> = group
                .iter()
                .filter_map(|count| count.mention.noun.as_deref())
                .collect();
            nouns.sort_unstable();
            nouns.dedup();
            let mut by_noun: BTreeMap<Option<&str>, Vec<&Count<'_>>> = BTreeMap::new();
            for count in group {
                let noun = count.mention.noun.as_deref();
                let key = match (noun, nouns.as_slice()) {
                    (Some(noun), _) => Some(noun),
                    (None, []) => None,
                    // A count without a noun joins the one noun of its event
                    // when that noun is generic ("the 13,000 killed").
                    (None, [only]) if self.compatible_nouns(None, Some(only)) => Some(*only),
                    (None, _) => continue,
                };
                by_noun.entry(key).or_default().push(count);
            }
            for same in by_noun.values() {
                self.report_disagreement(article, same, report);
            }
        }
    }

    /// Reports the minority figure of a quantity stated exactly two ways.
    fn report_disagreement(
        &self,
        article: &Article<'_>,
        same: &[&Count<'_>],
        report: &mut Report<'_>,
    ) {
        // Distinct values, each with its mentions, in order of first use.
        let mut values: Vec<Vec<&Count<'_>>> = Vec::new();
        for count in same {
            match values
                .iter_mut()
                .find(|group| agree(article, group[0].mention, count.mention))
            {
                Some(group) => group.push(count),
                None => values.push(vec![count]),
            }
            if values.len() > 2 {
                return;
            }
        }
        let [first, second] = values.as_slice() else {
            return;
        };
        // Two rounded forms of one figure can each agree with a third; be
        // sure the two groups really differ.
        if first
            .iter()
            .any(|a| second.iter().any(|b| agree(article, a.mention, b.mention)))
        {
            return;
        }
        let (minority, majority) = if second.len() <= first.len() {
            (second, first)
        } else {
            (first, second)
        };
        let Some(reference) = majority.first() else {
            return;
        };
        for count in minority {
            let diagnostic = report
                .diagnostic(
                    count.context,
                    format!(
                        "“{}” contradicts “{}” elsewhere in this article",
                        one_line(article.slice(count.context)),
                        one_line(article.slice(reference.context)),
                    ),
                )
                .with_related(
                    reference.mention.span,
                    format!(
                        "given as {} here",
                        one_line(article.slice(reference.mention.span))
                    ),
                )
                .with_help(
                    "check which figure is right; a count that changed should say so (“rose to …”)",
                );
            report.push(diagnostic);
        }
    }

    /// Compares the counts of the headline and standfirst (`heads`) with
    /// those of the body, each in text order.
    fn check_headline(
        &self,
        article: &Article<'_>,
        heads: &[Count<'_>],
        body_counts: &[Count<'_>],
        report: &mut Report<'_>,
    ) {
        let mut body: BTreeMap<&str, Vec<&Count<'_>>> = BTreeMap::new();
        for count in body_counts {
            body.entry(count.event.as_str()).or_default().push(count);
        }
        // A headline quoting someone is theirs to word.
        let heads = heads
            .iter()
            .filter(|count| self.comparable(count) && !count.mention.quoted);
        for head in heads {
            let Some(candidates) = body.get(head.event.as_str()) else {
                continue;
            };
            let noun = head.mention.noun.as_deref();
            let same: Vec<&&Count<'_>> = candidates
                .iter()
                .filter(|count| self.compatible_nouns(noun, count.mention.noun.as_deref()))
                .collect();
            if same.is_empty() {
                continue;
            }
            // Any body figure that agrees, or any the body hedges, changes
            // or quotes, leaves the headline alone.
            if same
                .iter()
                .any(|count| agree(article, head.mention, count.mention) || !self.comparable(count))
            {
                continue;
            }
            let Some(reference) = same.first() else {
                continue;
            };
            if !same
                .iter()
                .all(|count| agree(article, reference.mention, count.mention))
            {
                continue;
            }
            let diagnostic = report
                .diagnostic(
                    head.context,
                    format!(
                        "the {}’s “{}” contradicts the body’s “{}”",
                        match block_kind(article, head.mention.statement) {
                            Some(BlockKind::Standfirst) => "standfirst",
                            _ => "headline",
                        },
                        one_line(article.slice(head.context)),
                        one_line(article.slice(reference.context)),
                    ),
                )
                .with_related(
                    reference.mention.span,
                    format!(
                        "the body gives {} here",
                        one_line(article.slice(reference.mention.span))
                    ),
                )
                .with_help("headlines are often written from an earlier draft: check the figure");
            report.push(diagnostic);
        }
    }

    /// "three people — two men and two women": a total followed by a dash,
    /// colon or bracket and a list of counted parts that add up to another
    /// number.
    fn check_parts(
        &self,
        article: &Article<'_>,
        statements: &mut Statements<'_>,
        report: &mut Report<'_>,
    ) {
        // The mentions by where they start, to read a list's parts: made
        // when a total is first followed by a list, which most articles
        // never have.
        let mut by_start: Option<HashMap<usize, usize>> = None;
        for total in &article.numbers {
            let (Some(value), Some(noun), Some(noun_span)) =
                (total.value, total.noun.as_deref(), total.noun_span)
            else {
                continue;
            };
            if total.unit != Unit::Count || total.approximate || total.part_of {
                continue;
            }
            if block_kind(article, total.statement) != Some(BlockKind::Paragraph) {
                continue;
            }
            if self.not_sums.iter().any(|n| n == noun) {
                continue;
            }
            if self.ignore_quotations && total.quoted {
                continue;
            }
            // A list of parts opens right after the noun: most totals are
            // turned away by that word, before their statement's words are
            // gathered.
            if !statements
                .first_word_from(total.statement, noun_span.end)
                .is_some_and(|word| opens_parts(word.as_bytes()))
            {
                continue;
            }
            let words = statements.words(total.statement);
            let after = word_at(words, noun_span.end);
            if after >= words.len() {
                continue;
            }
            let by_start = by_start.get_or_insert_with(|| {
                article
                    .numbers
                    .iter()
                    .enumerate()
                    .map(|(index, mention)| (mention.span.start, index))
                    .collect()
            });
            let Some(parts) = self.parts(article, words, after, by_start) else {
                continue;
            };
            let sum: f64 = parts.iter().map(|(v, _)| v).sum();
            if sum == value || parts.len() < 2 {
                continue;
            }
            let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
                continue;
            };
            let list = Span::new(first.1.start, last.1.end);
            let total_span = Span::new(total.span.start, noun_span.end);
            let diagnostic = report
                .diagnostic(
                    total_span,
                    format!(
                        "“{}” but the parts listed add up to {}: “{}”",
                        one_line(article.slice(total_span)),
                        format_value(sum),
                        one_line(article.slice(list)),
                    ),
                )
                .with_related(list, format!("{} in all", format_value(sum)))
                .with_help("check the total and each part");
            report.push(diagnostic);
        }
    }

    /// The counted parts listed from `words[at]`, which must be a dash,
    /// colon or opening bracket: `part *( "," part ) ["," ] "and" part`,
    /// where a part is a count with a noun, or "a"/"an" and a noun. The list
    /// must end the clause.
    fn parts(
        &self,
        article: &Article<'_>,
        words: &[Word<'_>],
        at: usize,
        by_start: &HashMap<usize, usize>,
    ) -> Option<Vec<(f64, Span)>> {
        if !opens_parts(words.get(at)?.text) {
            return None;
        }
        let mut parts = Vec::new();
        let mut i = at + 1;
        let mut saw_and = false;
        loop {
            let word = words.get(i)?;
            let (value, noun_end, next) = if let Some(&index) = by_start.get(&word.span.start) {
                let mention = article.numbers.get(index)?;
                let value = mention.value?;
                if mention.unit != Unit::Count || mention.approximate || mention.part_of {
                    return None;
                }
                let noun = mention.noun.as_deref()?;
                if self.not_sums.iter().any(|n| n == noun) {
                    return None;
                }
                let noun_span = mention.noun_span?;
                let next = word_at(words, noun_span.end);
                (value, noun_span.end, next)
            } else if word.is("a") || word.is("an") {
                let noun = words.get(i + 1)?;
                if !matches!(noun.kind, TokenKind::Word) {
                    return None;
                }
                if self.not_sums.iter().any(|n| {
                    crate::model::numbers::singular(&article.slice(noun.span).to_lowercase()) == *n
                }) {
                    return None;
                }
                (1.0, noun.span.end, i + 2)
            } else {
                return None;
            };
            parts.push((value, Span::new(word.span.start, noun_end)));
            let Some(following) = words.get(next) else {
                return saw_and.then_some(parts);
            };
            match article.slice(following.span).to_lowercase().as_str() {
                "and" if !saw_and => {
                    saw_and = true;
                    i = next + 1;
                }
                "," if !saw_and => {
                    i = next + 1;
                    if words.get(i).is_some_and(|w| w.is("and")) {
                        saw_and = true;
                        i += 1;
                    }
                }
                // The list may run on into the sentence ("… and a girl were
                // rescued"), but not into a longer noun ("… and two women's").
                "of" | "'" | "’" | "-" => return None,
                _ if saw_and => return Some(parts),
                _ => return None,
            }
        }
    }
}

/// Whether a word can open a list of parts: a dash, colon or bracket.
fn opens_parts(word: &[u8]) -> bool {
    matches!(word, EM_DASH | EN_DASH | b":" | b"(" | b"-")
}

fn format_value(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

/// Text for a message: line breaks (hard-wrapped wire copy) as spaces.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check_rule, rule_from_toml};

    fn rule(check: &str) -> crate::rules::LoadedRule {
        rule_from_toml(&format!(
            r#"
            [[rule]]
            id = "number-mismatch"
            kind = "number-consistency"
            check = "{check}"
            generic-nouns = ["person", "victim"]
            guards = ["rose", "now", "another", "up from", "so far", "last year", "including", "separate"]
            not-sums = ["point"]
            [rule.events]
            killed = ["killed", "dead", "died", "death toll"]
            aboard = ["aboard", "on board"]
            "#
        ))
    }

    #[test]
    fn words_compare_as_their_lowered_text() {
        use super::{by_first_word, phrase_words, Word};
        use crate::source::Span;
        use crate::syntax::TokenKind;
        let phrases: Vec<Vec<String>> = [
            "9/11",
            "-",
            "kill-",
            "'em",
            "killed",
            "death toll",
            "on board",
            "and",
            "a",
            "an",
            "ÉTÉ",
            "über",
            "kelvin",
            "i̇stanbul",
            "naïve",
        ]
        .iter()
        .map(|phrase| phrase_words(phrase))
        .collect();
        let by_first = by_first_word(phrases.iter());
        let long = "Killed".repeat(5);
        let texts = [
            "9/11",
            "-",
            "KILL-",
            "'Em",
            "kilt",
            "kille",
            "killex",
            "Xilled",
            "\u{212a}ill-",
            "killed",
            "Killed",
            "KILLED",
            "killeD",
            "kil\u{301}led",
            "killed\r",
            "",
            "a",
            "A",
            "An",
            "AND",
            "été",
            "Été",
            "ÉTÉ",
            "über",
            "Über",
            "\u{212a}elvin",
            "İstanbul",
            "death",
            "Death",
            "😀",
            "—",
            ",",
            "toll",
            "ON",
            "NAÏVE",
            "Naïve",
            "naive",
            "nAïvE",
            "naïvety",
            "kİlled",
            "KİLLED",
            "Istanbul",
            "xstanbul",
            "the",
            &long,
        ];
        // Most words are turned away by their ends alone.
        assert!(!by_first.ends_may_open(b"the"));
        assert!(!by_first.ends_may_open(b"Killer"));
        for text in texts {
            let word = Word {
                text: text.as_bytes(),
                span: Span::new(0, text.len()),
                kind: TokenKind::Word,
            };
            let lowered = text.to_lowercase();
            for lower in phrases.iter().flatten().chain(&[long.to_lowercase()]) {
                assert_eq!(word.is(lower), lowered == *lower, "{text:?} {lower:?}");
            }
            assert_eq!(
                word.phrases(&by_first),
                by_first.index.get(lowered.as_str()),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_restated_toll_that_differs_is_flagged() {
        insta::assert_snapshot!(check_rule(&rule("restated"), "The quake killed 14,000 people on Monday.\n\nAid reached the families of the 13,000 killed."), @"
        3:33-3:46 warning[number-mismatch] “13,000 killed” contradicts “killed 14,000 people” elsewhere in this article
          related 1:18-1:24 given as 14,000 here
          help: check which figure is right; a count that changed should say so (“rose to …”)
        ");
    }

    #[test]
    fn passengers_aboard() {
        insta::assert_snapshot!(check_rule(&rule("restated"), "The plane had 42 passengers aboard.\n\nOfficials said 41 passengers were aboard when it left."), @"
        3:16-3:41 warning[number-mismatch] “41 passengers were aboard” contradicts “42 passengers aboard” elsewhere in this article
          related 1:15-1:17 given as 42 here
          help: check which figure is right; a count that changed should say so (“rose to …”)
        ");
    }

    #[test]
    fn approximations_changes_and_parts_are_not_contradictions() {
        let rule = rule("restated");
        for text in [
            "The quake killed 14,000 people. More than 13,000 were killed in the city.",
            "The quake killed 14,000 people. The death toll rose from 12,000 to 14,000 overnight.",
            "The quake killed 14,000 people. Another 3 people were killed on Tuesday.",
            "The crash killed 14 of the 20 passengers aboard. 20 passengers were aboard.",
            "The quake killed 14,000 people. The 13,987 killed were buried.",
            "The fire killed 3 firefighters. It killed 5 people in all.",
        ] {
            assert_eq!(check_rule(&rule, text), "", "{text}");
        }
    }

    #[test]
    fn totals_that_their_parts_contradict() {
        insta::assert_snapshot!(check_rule(&rule("restated"), "Three people — two men and two women — were hurt. Five children: three boys and a girl. Four people — two men and two women — fled."), @"
        1:1-1:13 warning[number-mismatch] “Three people” but the parts listed add up to 4: “two men and two women”
          related 1:16-1:37 4 in all
          help: check the total and each part
        1:51-1:64 warning[number-mismatch] “Five children” but the parts listed add up to 4: “three boys and a girl”
          related 1:66-1:87 4 in all
          help: check the total and each part
        ");
    }

    #[test]
    fn counts_the_checks_cannot_use_change_nothing() {
        // Headlines quoted, hedged or guarded, standfirsts, counts in
        // quotations and totals followed by other words: each check reads
        // only the counts it can compare, with the same findings.
        let texts = [
            "\"14 killed\" in market blast\n\nThirteen people were killed.",
            "About 14 killed in market blast\n\nThirteen people were killed.",
            "14 more killed in another blast\n\nThirteen people were killed.",
            "Market blast\n\n14 killed as bomb explodes\n\nThirteen people were killed.",
            "Market blast\n\nThirteen people were killed. \"14 people were killed,\" he said. 14 people were killed.",
            "Three people: two men and two women were hurt. Five children (three boys and a girl) were rescued.",
            "Three people, two men and two women, were hurt. Three people were hurt - two men and two women.",
        ];
        let mut found = String::new();
        for check in ["restated", "headline"] {
            let rule = rule(check);
            for text in texts {
                found.push_str(&format!("{check}\n{}", check_rule(&rule, text)));
            }
        }
        insta::assert_snapshot!(found, @r#"
        restated
        restated
        restated
        restated
        restated
        3:64-3:85 warning[number-mismatch] “14 people were killed” contradicts “Thirteen people were killed” elsewhere in this article
          related 3:1-3:9 given as Thirteen here
          help: check which figure is right; a count that changed should say so (“rose to …”)
        restated
        1:1-1:13 warning[number-mismatch] “Three people” but the parts listed add up to 4: “two men and two women”
          related 1:15-1:36 4 in all
          help: check the total and each part
        1:48-1:61 warning[number-mismatch] “Five children” but the parts listed add up to 4: “three boys and a girl”
          related 1:63-1:84 4 in all
          help: check the total and each part
        restated
        headline
        headline
        headline
        headline
        3:1-3:10 warning[number-mismatch] the standfirst’s “14 killed” contradicts the body’s “Thirteen people were killed”
          related 5:1-5:9 the body gives Thirteen here
          help: headlines are often written from an earlier draft: check the figure
        headline
        headline
        headline
        "#);
    }

    #[test]
    fn counts_no_other_can_pair_with_change_no_finding() {
        // The counts left out before their events are looked for: held to
        // the reading of every comparable count, over texts of restated
        // counts with and without nouns, generic and not, tied to events
        // or not, guarded or not.
        use super::{Options, Statements};
        use crate::model::Article;
        use crate::rules::Report;
        let options: Options = toml::from_str(
            r#"
            id = "number-mismatch"
            kind = "number-consistency"
            check = "restated"
            generic-nouns = ["person", "victim"]
            guards = ["rose", "now", "another"]
            [events]
            killed = ["killed", "dead", "died"]
            aboard = ["aboard"]
            "#,
        )
        .expect("options");
        let checker = options.rule().expect("rule");
        let meta = rule("restated").meta;
        let sentences = [
            "The quake killed {n} people.",
            "The {n} killed were buried.",
            "{n} victims died.",
            "{n} people died.",
            "Police said {n} soldiers were killed.",
            "The {n} dead were named.",
            "{n} passengers were aboard.",
            "The plane had {n} passengers aboard.",
            "{n} men were killed and {n} died.",
            "The toll now stands at {n} dead.",
            "{n} people were hurt.",
            "About {n} people were killed.",
            "Officials said {n} were killed.",
            "{n} soldiers died.",
        ];
        let figures = ["14", "13", "14,000", "13,000", "two", "three", "42"];
        let mut next = crate::pseudo_random::below(0x9b05_688c_2b3e_6c1f);
        let mut found = 0;
        for _ in 0..3_000 {
            let mut text = String::from("Blast in city\n\n");
            for _ in 0..1 + next(6) {
                let sentence = sentences[next(sentences.len())];
                let mut filled = String::new();
                for (at, part) in sentence.split("{n}").enumerate() {
                    if at > 0 {
                        filled.push_str(figures[next(figures.len())]);
                    }
                    filled.push_str(part);
                }
                text.push_str(&filled);
                text.push_str(if next(3) == 0 { "\n\n" } else { " " });
            }
            let article = Article::parse(&text);
            let findings = |skip_unpaired: bool| {
                Report::collect(&meta, |report| {
                    let mut statements = Statements::new(&article);
                    checker.check_restated(&article, &mut statements, skip_unpaired, report);
                })
            };
            let plain = findings(false);
            found += plain.len();
            assert_eq!(findings(true), plain, "{text:?}");
        }
        assert!(found > 300, "{found}");
    }

    #[test]
    fn counts_without_an_event_word_near_them_have_no_event() {
        // The stretch of tokens read before a statement's words are
        // gathered: held to the reading of the gathered words, over event
        // words at every distance either side of a count and its noun,
        // with and without clause marks and other figures between.
        use super::{Options, Statements};
        use crate::model::Article;
        let options: Options = toml::from_str(
            r#"
            id = "number-mismatch"
            kind = "number-consistency"
            check = "restated"
            window = 3
            [events]
            killed = ["killed", "death toll", "Killed"]
            aboard = ["on board"]
            "#,
        )
        .expect("options");
        let checker = options.rule().expect("rule");
        let fillers = [
            "the", "city", "on", "board", ",", "7", "\u{2014}", "were", "KILLED",
        ];
        let events = ["killed", "death toll", "on board", "Killed"];
        let counts = [
            "14 people",
            "14",
            "twenty-five soldiers",
            "14 of the 20 passengers",
        ];
        let mut next = crate::pseudo_random::below(0x3c6e_f372_fe94_f82b);
        let (mut with_event, mut without) = (0, 0);
        for _ in 0..4_000 {
            let mut text = String::from("Blast in city\n\n");
            let mut words: Vec<&str> = Vec::new();
            for _ in 0..next(8) {
                words.push(fillers[next(fillers.len())]);
            }
            words.push(counts[next(counts.len())]);
            for _ in 0..next(8) {
                words.push(fillers[next(fillers.len())]);
            }
            let event_at = next(words.len() + 1);
            if next(4) != 0 {
                words.insert(event_at, events[next(events.len())]);
            }
            text.push_str(&words.join(" "));
            text.push('.');
            let article = Article::parse(&text);
            let mut statements = Statements::new(&article);
            for mention in &article.numbers {
                let last_end = mention.noun_span.map_or(mention.span.end, |noun| noun.end);
                let near = statements.any_phrase_near(
                    mention.statement,
                    mention.span.start,
                    last_end,
                    checker.window,
                    &checker.events_by_first,
                );
                let words = statements.words(mention.statement);
                let event = checker.event_of(words, mention);
                assert!(near || event.is_none(), "{text:?}");
                if event.is_some() {
                    with_event += 1;
                } else if !near {
                    without += 1;
                }
            }
        }
        assert!(with_event > 500 && without > 500, "{with_event} {without}");
    }

    #[test]
    fn headline_figure_the_body_contradicts() {
        insta::assert_snapshot!(check_rule(&rule("headline"), "14 killed in market blast\n\nThirteen people were killed when a bomb exploded in a market on Monday, police said."), @"
        1:1-1:10 warning[number-mismatch] the headline’s “14 killed” contradicts the body’s “Thirteen people were killed”
          related 3:1-3:9 the body gives Thirteen here
          help: headlines are often written from an earlier draft: check the figure
        ");
        assert_eq!(
            check_rule(
                &rule("headline"),
                "14 killed in market blast\n\nFourteen people were killed when a bomb exploded."
            ),
            ""
        );
        assert_eq!(check_rule(&rule("headline"), "14 killed in market blast\n\nThirteen people were killed at first. The death toll now stands at 14 dead."), "");
    }
}
