//! The parsed article plus the facts rules share, computed once.
//!
//! [`Article::parse`] runs the grammar ([`crate::syntax`]) and then derives
//! the structural facts that more than one rule reads: how quotation marks
//! pair ([`quotes`]), which capitalised runs are name mentions ([`names`]),
//! which dates and weekdays the text states ([`dates`]), which quantities
//! ([`numbers`]), which ages and titles it gives named people ([`people`]),
//! who speaks each quotation ([`attribution`]), and which acronyms it uses
//! and spells out ([`acronyms`]). Rules are short loops over these facts;
//! none of them re-scans the text for structure.

pub mod acronyms;
pub mod attribution;
pub mod dates;
pub mod names;
pub mod numbers;
pub mod people;
pub mod quotes;

use crate::source::{LineIndex, Span};
use crate::syntax::{self, Block, BlockKind, Statement, Syntax, Token};

pub use acronyms::AcronymMention;
pub use attribution::{Attribution, Speaker, SpeakerKind};
pub use dates::{DateMention, PublicationDate};
pub use names::NameMention;
pub use numbers::NumberMention;
pub use people::{People, PersonMention};
pub use quotes::{Quotations, QuoteMark};

/// An article ready for the rules.
#[derive(Debug)]
pub struct Article<'a> {
    pub text: &'a str,
    pub syntax: Syntax,
    pub quotations: Quotations,
    pub names: Vec<NameMention>,
    /// Ages and titles attached to named people.
    pub people: People,
    pub dates: Vec<DateMention>,
    /// Stated quantities, in text order.
    pub numbers: Vec<NumberMention>,
    /// Every outermost quotation with its speaker; computed on first use
    /// (only the facts view reads it).
    attributions: std::sync::OnceLock<Vec<Attribution>>,
    /// Acronyms used in running text; computed on first use (only a rule
    /// shipped off reads them).
    acronyms: std::sync::OnceLock<Vec<AcronymMention>>,
    /// The publication date, when the caller or the article fixes one.
    pub publication_date: Option<PublicationDate>,
    line_index: std::sync::OnceLock<LineIndex>,
}

impl<'a> Article<'a> {
    /// Parses `text` and computes the shared facts. Never fails.
    pub fn parse(text: &'a str) -> Self {
        Self::parse_with_date(text, None)
    }

    pub fn parse_with_date(text: &'a str, publication_date: Option<PublicationDate>) -> Self {
        Self::parse_with(text, publication_date, &[])
    }

    /// Parses with a publication date and the block boundaries a document
    /// format fixes (sorted byte offsets; see [`syntax::parse_with_breaks`]).
    pub fn parse_with(
        text: &'a str,
        publication_date: Option<PublicationDate>,
        block_breaks: &[usize],
    ) -> Self {
        Self::from_syntax(
            text,
            publication_date,
            syntax::parse_with_breaks(text, block_breaks),
        )
    }

    /// Parses `text` into the blocks given (see [`syntax::parse_blocks`]):
    /// one part of a long file, its blocks classified in the whole file.
    pub fn parse_blocks(
        text: &'a str,
        publication_date: Option<PublicationDate>,
        blocks: Vec<syntax::blocks::RawBlock>,
    ) -> Self {
        Self::from_syntax(text, publication_date, syntax::parse_blocks(text, blocks))
    }

    fn from_syntax(
        text: &'a str,
        publication_date: Option<PublicationDate>,
        syntax: syntax::Syntax,
    ) -> Self {
        let quotations = quotes::pair_quotation_marks(text, &syntax);
        let names = names::name_mentions(text, &syntax);
        let dates = dates::date_mentions_among_names(text, &syntax, &names);
        let people = people::people(text, &syntax, &names);
        let numbers = numbers::number_mentions(text, &syntax, &quotations);
        Article {
            text,
            syntax,
            quotations,
            names,
            people,
            dates,
            numbers,
            attributions: std::sync::OnceLock::new(),
            acronyms: std::sync::OnceLock::new(),
            publication_date,
            line_index: std::sync::OnceLock::new(),
        }
    }

    /// Every outermost quotation with its speaker, in text order.
    pub fn attributions(&self) -> &[Attribution] {
        self.attributions.get_or_init(|| {
            attribution::attributions(self.text, &self.syntax, &self.quotations, &self.names)
        })
    }

    /// Acronyms used in running text, and where each is spelled out.
    pub fn acronyms(&self) -> &[AcronymMention] {
        self.acronyms
            .get_or_init(|| acronyms::acronym_mentions(self.text, &self.syntax))
    }

    pub fn tokens(&self) -> &[Token] {
        &self.syntax.tokens
    }

    pub fn blocks(&self) -> &[Block] {
        &self.syntax.blocks
    }

    pub fn statements(&self) -> &[Statement] {
        &self.syntax.statements
    }

    pub fn slice(&self, span: Span) -> &'a str {
        span.slice(self.text)
    }

    /// Whether the byte range lies inside a direct quotation.
    pub fn in_quotation(&self, span: Span) -> bool {
        self.quotations.covers(span)
    }

    /// The block containing byte `offset`, if any.
    pub fn block_at(&self, offset: usize) -> Option<&Block> {
        let blocks = self.blocks();
        let index = blocks.partition_point(|block| block.span.end <= offset);
        blocks.get(index).filter(|block| block.span.start <= offset)
    }

    /// Body blocks: the story itself, without headline, dateline or residue.
    pub fn body_blocks(&self) -> impl Iterator<Item = &Block> {
        self.blocks()
            .iter()
            .filter(|block| block.kind == BlockKind::Paragraph)
    }

    pub fn line_index(&self) -> &LineIndex {
        self.line_index.get_or_init(|| LineIndex::new(self.text))
    }
}

/// A short word in ASCII lower case, held on the stack.
///
/// The word lists the models compare tokens against (number words, months,
/// guard words) are short and ASCII, so a word that is longer or not ASCII
/// is none of them: it becomes the empty string, which no list holds. This
/// spares an allocation per token on the hot paths, where
/// `str::to_lowercase` was a large share of the time.
#[derive(Clone, Copy)]
pub(crate) struct ShortLower {
    bytes: [u8; ShortLower::CAPACITY],
    len: u8,
}

impl ShortLower {
    const CAPACITY: usize = 23;

    pub(crate) fn new(word: &str) -> Self {
        let mut lower = ShortLower {
            bytes: [0; Self::CAPACITY],
            len: 0,
        };
        if word.len() <= Self::CAPACITY && word.is_ascii() {
            lower.bytes[..word.len()].copy_from_slice(word.as_bytes());
            lower.bytes[..word.len()].make_ascii_lowercase();
            lower.len = word.len() as u8;
        }
        lower
    }

    /// `word` folded as [`names::fold_name`] folds ASCII: letters and
    /// digits only, lower case. Empty for a word that is not ASCII (fold
    /// those with `fold_name`) or folds to more than the capacity.
    pub(crate) fn folded(word: &str) -> Self {
        const EMPTY: ShortLower = ShortLower {
            bytes: [0; ShortLower::CAPACITY],
            len: 0,
        };
        // One pass over the bytes: called for most capitalised words, many
        // times each, so it neither checks for ASCII in a pass of its own
        // nor keeps its length in the struct while it runs.
        let mut bytes = [0; Self::CAPACITY];
        let mut len = 0;
        for &byte in word.as_bytes() {
            if !byte.is_ascii() {
                return EMPTY;
            }
            if byte.is_ascii_alphanumeric() {
                let Some(slot) = bytes.get_mut(len) else {
                    return EMPTY;
                };
                *slot = byte.to_ascii_lowercase();
                len += 1;
            }
        }
        ShortLower {
            bytes,
            len: len as u8,
        }
    }

    /// The bytes of [`Self::as_str`], without its check that they are
    /// UTF-8 (they are ASCII): for a test of their shape or length before
    /// the string is needed.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }

    pub(crate) fn as_str(&self) -> &str {
        // Only ASCII bytes are ever copied in, so this cannot fail.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }
}

/// The shapes of a list of lower-case words: for each length and first
/// letter, a bit for each last letter. Most words of a text are told to be
/// none of the list by these three things, before they are lowered or
/// hashed. Letters are ASCII letters, lowered; any other byte is one class
/// of its own, and lengths past the table share its last row, so every
/// word has a shape and an ASCII word has its lowered form's.
#[derive(Clone, Copy, Debug)]
pub(crate) struct WordShapes {
    ends: [[u32; 27]; 32],
}

impl WordShapes {
    pub(crate) const EMPTY: WordShapes = WordShapes {
        ends: [[0; 27]; 32],
    };

    /// The shapes with `lower`'s added (a `const fn`, so a fixed list's
    /// shapes are worked out at compile time).
    pub(crate) const fn with(mut self, lower: &str) -> Self {
        let (length, first, last) = Self::shape(lower.as_bytes());
        self.ends[length][first] |= 1 << last;
        self
    }

    /// The shapes with every word of `lower` added.
    pub(crate) const fn with_all(mut self, lower: &[&str]) -> Self {
        let mut index = 0;
        while index < lower.len() {
            self = self.with(lower[index]);
            index += 1;
        }
        self
    }

    /// Whether an ASCII word (in any case) has the shape of a listed word:
    /// false means it is none of them.
    pub(crate) fn may_hold(&self, word: &[u8]) -> bool {
        let (length, first, last) = Self::shape(word);
        self.ends[length][first] & (1 << last) != 0
    }

    const fn shape(word: &[u8]) -> (usize, usize, usize) {
        const fn class(byte: Option<&u8>) -> usize {
            match byte {
                Some(byte) if byte.is_ascii_alphabetic() => {
                    (byte.to_ascii_lowercase() - b'a') as usize
                }
                _ => 26,
            }
        }
        let length = if word.len() < 31 { word.len() } else { 31 };
        (length, class(word.first()), class(word.last()))
    }
}

/// A fixed list of lowercase words, looked up by hashing: the lists the
/// models consult for every capitalised word (common words, titles) are
/// long enough that a binary search of string comparisons costs several
/// times a hash. The set is built on first use.
pub(crate) struct WordSet {
    words: &'static [&'static str],
    set: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>>,
}

impl WordSet {
    pub(crate) const fn new(words: &'static [&'static str]) -> Self {
        WordSet {
            words,
            set: std::sync::OnceLock::new(),
        }
    }

    pub(crate) fn contains(&self, word: &str) -> bool {
        self.set
            .get_or_init(|| self.words.iter().copied().collect())
            .contains(word)
    }
}

#[cfg(test)]
mod word_shapes_tests {
    use super::WordShapes;

    #[test]
    fn listed_words_fit_in_any_case_and_others_mostly_do_not() {
        let long = "a".repeat(40);
        let shapes = WordShapes::EMPTY
            .with("seven")
            .with("o'clock")
            .with("-ish")
            .with(&long);
        for word in [
            "seven",
            "SEVEN",
            "Seven",
            "o'clock",
            "-ish",
            "-ISH",
            long.as_str(),
        ] {
            assert!(shapes.may_hold(word.as_bytes()), "{word}");
        }
        let longer = "a".repeat(50);
        // Same length, first and last letters: a shape may hold a word the
        // list does not; the caller compares the letters.
        assert!(shapes.may_hold(b"sizen"));
        assert!(shapes.may_hold(longer.as_bytes()));
        for word in [
            "",
            "six",
            "seven!",
            "sevens",
            "eleven",
            "\u{212a}",
            "s\u{e9}ven",
        ] {
            assert!(!shapes.may_hold(word.as_bytes()), "{word}");
        }
    }
}

#[cfg(test)]
mod short_lower_tests {
    use super::ShortLower;

    #[test]
    fn lowers_short_ascii_and_empties_the_rest() {
        assert_eq!(ShortLower::new("Twenty").as_str(), "twenty");
        assert_eq!(ShortLower::new("").as_str(), "");
        assert_eq!(ShortLower::new("Éamon").as_str(), "");
        assert_eq!(ShortLower::new(&"a".repeat(23)).as_str(), "a".repeat(23));
        assert_eq!(ShortLower::new(&"a".repeat(24)).as_str(), "");
        assert_eq!(ShortLower::folded("Lt.-Col.").as_str(), "ltcol");
        assert_eq!(ShortLower::folded("Éamon").as_str(), "");
        assert_eq!(
            ShortLower::folded(&"a.".repeat(23)).as_str(),
            "a".repeat(23)
        );
        assert_eq!(ShortLower::folded(&"a".repeat(24)).as_str(), "");
        assert_eq!(ShortLower::folded("Mc-Do'nald 3rd").as_str(), "mcdonald3rd");
        assert_eq!(ShortLower::folded(&"A".repeat(23)).as_str(), "a".repeat(23));
        assert_eq!(ShortLower::folded(&("a".repeat(24) + "é")).as_str(), "");
        assert_eq!(ShortLower::folded("Gen.é").as_str(), "");
        assert_eq!(ShortLower::folded("...").as_str(), "");
    }
}
