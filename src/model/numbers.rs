//! Number mentions, computed once per article.
//!
//! A [`NumberMention`] is a quantity the text states: figures ("14,000",
//! "3.5"), figures with a multiplier ("1.5 million", "2 bln"), numbers
//! spelled out ("fourteen", "twenty-five", "two hundred and fifty", "a
//! dozen", "two dozen") and vague quantities ("hundreds of", "dozens of",
//! "tens of thousands of"), which have no exact value. Each carries:
//!
//! - its span and statement;
//! - its value, if exact;
//! - whether it is approximate, and the qualifier that makes it so
//!   ("about", "more than", "at least", "up to", "nearly", "~", "1,000+");
//! - its [`Unit`]: a count, money, a percentage or a measure (miles,
//!   years, points), so rules never compare "14 people" with "14%";
//! - the counted noun that follows it ("14,000 people" → `person`,
//!   folded to the singular), if any;
//! - whether it picks a part of a group ("14 of the 20 passengers").
//!
//! ```text
//! mention    = [qualifier] quantity [multiplier] ["+"]
//! quantity   = figure | spelled | "a" ("dozen" | "hundred" | "thousand" | "million")
//!            | vague "of"
//! figure     = 1*DIGIT *( ("," | ".") 1*DIGIT )
//! spelled    = tens ["-"] [unit] | unit | spelled ("hundred" | "thousand" | "dozen") ["and" spelled]
//! multiplier = "thousand" | "million" | "billion" | "trillion" | "mln" | "bln" | "bn"
//! vague      = "dozens" | "hundreds" | "thousands" | "millions" | "scores" | "tens of thousands"
//! ```
//!
//! Numbers that are not quantities are left out: years (a bare four-digit
//! figure from 1000 to 2199), dates (next to a month name), times ("10:30",
//! "9 am"), ordinals ("3rd"), scores and ranges ("3-1", "10 to 12",
//! "between 10 and 12"), phone numbers and other runs of figures, ages
//! ("aged 42", "42-year-old", "Jane Smith, 42,"), figures glued to letters
//! ("5km", "4G"), identifiers ("Flight 370", "No 10", "Windows 95") and
//! everything in an all-capitals headline (wire headlines abbreviate too
//! much to read reliably).

use crate::syntax::numerals::{letter_place, number_word_ends, TENS, UNITS, VAGUE};
use std::borrow::Cow;

use serde::Serialize;

use crate::model::quotes::Quotations;
use crate::model::{ShortLower, WordSet};
use crate::source::Span;
use crate::syntax::{BlockKind, Syntax, Token, TokenKind};

/// What a number counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    /// People, things, events: "14 people", "three boys", "the 13 killed".
    Count,
    /// "$5", "£3m", "5 dlrs", "20 pence".
    Money,
    /// "5%", "5 pct", "5 per cent", "5 percentage points".
    Percent,
    /// Distances, durations, weights, sports points: "5 miles", "14 years".
    Measure,
}

/// One stated quantity.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NumberMention {
    /// The quantity itself, with its multiplier: "14,000", "1.5 million",
    /// "twenty-five", "two dozen", "hundreds".
    pub span: Span,
    /// Index into the article's statements.
    pub statement: usize,
    /// The value, when the text states one exactly enough to compare.
    pub value: Option<f64>,
    /// Whether the text says the value is not exact.
    pub approximate: bool,
    /// The words that make it approximate ("more than", "about", "~").
    pub qualifier: Option<Span>,
    pub unit: Unit,
    /// Whether the value was written with a multiplier or spelled as a
    /// round quantity ("1.5 million", "a dozen"): such values are often
    /// rounded.
    pub rounded: bool,
    /// The counted noun, lower case and singular ("people" → "person").
    pub noun: Option<String>,
    pub noun_span: Option<Span>,
    /// "14 of the 20": the number picks a part of a group.
    pub part_of: bool,
    /// Inside a direct quotation.
    pub quoted: bool,
}

/// Words before a number that make it approximate, longest first within
/// each first word. Public so a facts view can explain a mention.
pub const APPROXIMATE_BEFORE: &[&str] = &[
    "about",
    "nearly",
    "more than",
    "at least",
    "up to",
    "some",
    "around",
    "almost",
    "over",
    "approximately",
    "roughly",
    "an estimated",
    "estimated",
    "fewer than",
    "less than",
    "under",
    "close to",
    "as many as",
    "as few as",
    "upwards of",
    "at most",
    "just over",
    "just under",
    "well over",
    "circa",
    "c.",
    "only about",
    "perhaps",
    "maybe",
    "possibly",
];

const MULTIPLIERS: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
    ("mln", 1e6),
    ("bln", 1e9),
    ("bn", 1e9),
    ("mn", 1e6),
];

const GLUED_MULTIPLIERS: &[(&str, f64)] = &[("m", 1e6), ("bn", 1e9), ("mn", 1e6), ("k", 1e3)];

/// The lengths [`Outlines`] tells apart: every longer word shares the
/// last row.
const OUTLINE_LENGTHS: usize = 16;

/// The outlines of a list of words, as the grammar's number-word outline
/// ([`number_word_ends`]) holds the number words': for each length and
/// first letter (by [`letter_place`], so in either case), a bit for each letter a listed word of them ends
/// with. A word of no listed outline is none of the words, told in one
/// look-up without a branch on its letters; those let through are compared
/// letter by letter after.
struct Outlines([[u32; 32]; OUTLINE_LENGTHS]);

impl Outlines {
    const fn of(words: &[&str]) -> Outlines {
        let mut ends = [[0; 32]; OUTLINE_LENGTHS];
        let mut i = 0;
        while i < words.len() {
            ends = Self::add(ends, words[i].as_bytes());
            i += 1;
        }
        Outlines(ends)
    }

    const fn add(ends: [[u32; 32]; OUTLINE_LENGTHS], word: &[u8]) -> [[u32; 32]; OUTLINE_LENGTHS] {
        assert!(!word.is_empty());
        Self::add_outline(ends, word.len(), word[0], word[word.len() - 1])
    }

    /// Adds the outline of a word of `length` bytes, from `first` to
    /// `last`, which need not be spelt out.
    const fn add_outline(
        mut ends: [[u32; 32]; OUTLINE_LENGTHS],
        length: usize,
        first: u8,
        last: u8,
    ) -> [[u32; 32]; OUTLINE_LENGTHS] {
        let length = if length < OUTLINE_LENGTHS {
            length
        } else {
            OUTLINE_LENGTHS - 1
        };
        ends[length][(first & 0x1f) as usize] |= 1 << (last & 0x1f);
        ends
    }

    /// Whether `word` (in any case) has the outline of a listed word:
    /// false means it is none of them.
    #[inline]
    fn may_hold(&self, word: &[u8]) -> bool {
        let (Some(&first), Some(&last)) = (word.first(), word.last()) else {
            return false;
        };
        let row = &self.0[word.len().min(OUTLINE_LENGTHS - 1)];
        row[usize::from(first & 0x1f)] >> letter_place(last) & 1 != 0
    }
}

/// Whether `text`, lowered, is a unit, a ten, a vague quantity or a scale
/// ("Fourteen", "twenty", "dozens", "hundred"): every word a spelled or
/// vague quantity opens with or needs ("a dozen"), so a statement without
/// one or a figure holds no quantity.
#[inline]
fn is_number_word(text: &[u8]) -> bool {
    is_number_word_in(text, 0, text.len())
}

/// [`is_number_word`] of the bytes `start..end` of `text`, read where they
/// stand.
///
/// Asked of nearly every word of a text, and most are turned away by
/// their length and first and last letters, in one look-up whose outcome
/// is nearly always the same; a separate test of the length alone would
/// go one way or the other from word to word. Only the two bytes are
/// read before the look-up: the range is taken as a slice only for the
/// few words it lets through.
#[inline]
fn is_number_word_in(text: &[u8], start: usize, end: usize) -> bool {
    // An empty range has the length 0 and a reversed one a length past
    // every number word's, whose rows of the outlines are empty: neither
    // is let through, whichever bytes stand at its ends.
    let (Some(&first), Some(&last)) = (text.get(start), text.get(end.wrapping_sub(1))) else {
        return false;
    };
    number_word_ends(end.wrapping_sub(start), first, last).is_some_and(|ends| {
        text.get(start..end)
            .is_some_and(|word| is_number_word_by_letters(word, ends))
    })
}

/// [`is_number_word`] past its look at a word's length and first and last
/// letters, which gave `ends`: its second letter, then its letters. The
/// number words are ASCII and at most nine letters long: a word is
/// lowered on the stack and matched whole, not compared with each listed
/// word in turn.
#[inline(never)]
fn is_number_word_by_letters(text: &[u8], ends: u64) -> bool {
    // No number word's second letter has the place 0 (`@` or `` ` ``).
    let second = text.get(1).map_or(0, |&byte| letter_place(byte));
    if ends >> (32 + second) & 1 == 0 {
        return false;
    }
    let mut lower = [0; 9];
    let Some(lower) = lower.get_mut(..text.len()) else {
        return false;
    };
    lower.copy_from_slice(text);
    lower.make_ascii_lowercase();
    matches!(
        &*lower,
        b"one"
            | b"two"
            | b"three"
            | b"four"
            | b"five"
            | b"six"
            | b"seven"
            | b"eight"
            | b"nine"
            | b"ten"
            | b"eleven"
            | b"twelve"
            | b"thirteen"
            | b"fourteen"
            | b"fifteen"
            | b"sixteen"
            | b"seventeen"
            | b"eighteen"
            | b"nineteen"
            | b"twenty"
            | b"thirty"
            | b"forty"
            | b"fifty"
            | b"sixty"
            | b"seventy"
            | b"eighty"
            | b"ninety"
            | b"dozens"
            | b"hundreds"
            | b"thousands"
            | b"millions"
            | b"scores"
            | b"billions"
            | b"dozen"
            | b"hundred"
            | b"thousand"
            | b"million"
            | b"billion"
            | b"tens"
    )
}

/// A word lowered as [`str::to_lowercase`] lowers it: the word itself
/// when it is ASCII without capitals (most words: nothing is copied, and
/// reading it back needs no check), on the stack when it is other short
/// ASCII, which lowers letter for letter, and by `to_lowercase` otherwise
/// ("\u{212a}m" lowers to "km").
enum Lowered<'t> {
    Same(&'t str),
    Short(ShortLower),
    Long(String),
}

/// For each byte, whether it is ASCII and no capital: a word of only
/// those is its own lower case. Looked up, each byte is one test where
/// the two of its definition are two.
const LOWERED_AS_IS: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 0x80 {
        table[byte] = !(byte as u8).is_ascii_uppercase();
        byte += 1;
    }
    table
};

impl<'t> Lowered<'t> {
    fn new(word: &'t str) -> Self {
        if word.bytes().all(|byte| LOWERED_AS_IS[usize::from(byte)]) {
            Lowered::Same(word)
        } else if word.len() <= ShortLower::CAPACITY && word.is_ascii() {
            Lowered::Short(ShortLower::new(word))
        } else {
            Lowered::Long(word.to_lowercase())
        }
    }

    fn as_str(&self) -> &str {
        match self {
            Lowered::Same(same) => same,
            Lowered::Short(short) => short.as_str(),
            Lowered::Long(long) => long,
        }
    }
}

/// A word's bytes lowered on the stack, as [`ShortLower::new`] lowers a
/// `str`: empty when the word is longer than its capacity or not ASCII.
/// A [`Word`]'s text is bytes, and the words it is compared with (number
/// words, multipliers, approximations) are all short ASCII.
struct LoweredBytes {
    bytes: [u8; ShortLower::CAPACITY],
    len: usize,
}

impl LoweredBytes {
    fn new(word: &[u8]) -> Self {
        let mut lowered = LoweredBytes {
            bytes: [0; ShortLower::CAPACITY],
            len: 0,
        };
        if let Some(bytes) = lowered.bytes.get_mut(..word.len()) {
            if word.is_ascii() {
                bytes.copy_from_slice(word);
                bytes.make_ascii_lowercase();
                lowered.len = word.len();
            }
        }
        lowered
    }

    fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or_default()
    }
}

/// Whether a lower-case word is one of `words`, whose shapes are `shapes`:
/// most words are told to be none by their shape, before they are hashed.
fn listed(lower: &str, words: &WordSet, shapes: &Outlines) -> bool {
    shapes.may_hold(lower.as_bytes()) && words.contains(lower)
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

const MONTH_SHAPES: Outlines = Outlines::of(MONTHS);

/// Whether a token is a currency symbol: a `match` rather than a scan of a
/// list, as it is asked before every figure.
fn is_currency_symbol(text: &[u8]) -> bool {
    matches!(text, b"$" | POUND | EURO | YEN | RUPEE | WON)
}

// Signs and marks a word is compared with, as bytes: a word's text is
// bytes ([`Word`]), and a `match` of byte strings is one switch on the
// length, where a list of them is compared in turn.
const POUND: &[u8] = "£".as_bytes();
const EURO: &[u8] = "€".as_bytes();
const YEN: &[u8] = "¥".as_bytes();
const RUPEE: &[u8] = "₹".as_bytes();
const WON: &[u8] = "₩".as_bytes();
const EN_DASH: &[u8] = "–".as_bytes();
const EM_DASH: &[u8] = "—".as_bytes();
const RIGHT_SINGLE_QUOTE: &[u8] = "’".as_bytes();
const NUMERO: &[u8] = "№".as_bytes();
const ALMOST_EQUAL: &[u8] = "≈".as_bytes();

const CURRENCY_BEFORE: &[&str] = &[
    "us", "usd", "eur", "gbp", "stg", "rs", "dm", "a", "c", "nz", "hk", "s", "rmb", "yen",
];

const CURRENCY_AFTER: &[&str] = &[
    "dlrs",
    "dlr",
    "dollars",
    "dollar",
    "pounds",
    "pound",
    "euros",
    "euro",
    "yen",
    "cents",
    "cent",
    "pence",
    "p",
    "stg",
    "sterling",
    "marks",
    "mark",
    "francs",
    "franc",
    "lire",
    "lira",
    "rupees",
    "yuan",
    "pesos",
    "roubles",
    "rubles",
    "rand",
    "krona",
    "kronor",
    "guilders",
    "dinars",
    "riyals",
    "won",
    "baht",
    "ringgit",
    "shillings",
    "naira",
];

const CURRENCY_AFTER_SHAPES: Outlines = Outlines::of(CURRENCY_AFTER);

/// [`CURRENCY_AFTER`] looked up by hashing: the word after nearly every
/// quantity, and its noun, are asked, and many have a listed word's shape.
static CURRENCY_AFTER_SET: WordSet = WordSet::new(CURRENCY_AFTER);

/// Units of measure and other non-countable uses of a number.
const MEASURES: &[&str] = &[
    "mile",
    "km",
    "kilometre",
    "kilometer",
    "metre",
    "meter",
    "m",
    "cm",
    "mm",
    "foot",
    "feet",
    "ft",
    "inch",
    "yard",
    "kg",
    "kilo",
    "kilogram",
    "gram",
    "g",
    "lb",
    "pound",
    "ounce",
    "oz",
    "tonne",
    "ton",
    "litre",
    "liter",
    "gallon",
    "barrel",
    "bpd",
    "acre",
    "hectare",
    "degree",
    "mph",
    "kph",
    "knot",
    "second",
    "minute",
    "hour",
    "day",
    "week",
    "month",
    "year",
    "decade",
    "century",
    "time",
    "point",
    "pt",
    "run",
    "goal",
    "wicket",
    "over",
    "lap",
    "shot",
    "stroke",
    "set",
    "game",
    "round",
    "vote",
    "seat",
    "share",
    "stg",
    "basis",
    "bp",
    "tick",
    "yd",
    "hr",
    "min",
    "sec",
    "mw",
    "gw",
    "kw",
    "volt",
    "watt",
    "calorie",
    "storey",
    "story",
    "floor",
    "mile-long",
    "percent",
    "pct",
];

const MEASURE_SHAPES: Outlines = Outlines::of(MEASURES);

/// [`MEASURES`] looked up by hashing, as [`CURRENCY_AFTER_SET`] is: a scan
/// of the list costs eighty comparisons of lengths and some of letters.
static MEASURE_SET: WordSet = WordSet::new(MEASURES);

/// The outlines of every word whose singular ([`singular_of`]) may be a
/// measure: each measure itself, with "s" or "es" added ("ies" for a
/// final "y" has the outline of "es" added), and "feet", the one
/// irregular plural of one.
///
/// The word after nearly every figure is asked whether its singular is a
/// measure, and most are turned away by their outline before the
/// singular is made.
const MEASURE_FORM_SHAPES: Outlines = {
    let mut shapes = [[0; 32]; OUTLINE_LENGTHS];
    let mut i = 0;
    while i < MEASURES.len() {
        let measure = MEASURES[i].as_bytes();
        shapes = Outlines::add(shapes, measure);
        shapes = Outlines::add_outline(shapes, measure.len() + 1, measure[0], b's');
        shapes = Outlines::add_outline(shapes, measure.len() + 2, measure[0], b's');
        i += 1;
    }
    Outlines(Outlines::add(shapes, b"feet"))
};

/// Whether the singular of a lower-case word is a measure ("miles",
/// "centuries", "feet").
fn is_measure_form(lower: &str) -> bool {
    MEASURE_FORM_SHAPES.may_hold(lower.as_bytes())
        && listed(&singular_of(lower), &MEASURE_SET, &MEASURE_SHAPES)
}

const TIME_AFTER: &[&str] = &[
    "am", "pm", "a.m", "p.m", "gmt", "bst", "est", "edt", "pst", "cet", "o'clock", "hrs", "utc",
    "et",
];

const TIME_AFTER_SHAPES: Outlines = Outlines::of(TIME_AFTER);

const AGE_BEFORE: &[&str] = &["aged", "age", "ages"];

/// Words before a figure that make it a name or identifier, not a count.
const IDENTIFIER_BEFORE: &[&str] = &[
    "no",
    "number",
    "page",
    "room",
    "flight",
    "route",
    "article",
    "section",
    "chapter",
    "version",
    "level",
    "grade",
    "platform",
    "gate",
    "line",
    "model",
    "category",
    "channel",
    "bus",
    "highway",
    "interstate",
    "box",
    "unit",
    "apartment",
    "apt",
    "suite",
    "building",
    "block",
    "pier",
    "stand",
    "row",
    "seat",
    "lot",
    "code",
    "district",
    "ward",
    "zone",
    "step",
    "phase",
    "stage",
    "paragraph",
    "clause",
    "resolution",
    "amendment",
    "form",
    "season",
    "series",
    "episode",
    "volume",
    "issue",
    "top",
    "vs",
    "v",
];

const IDENTIFIER_BEFORE_SHAPES: Outlines = Outlines::of(IDENTIFIER_BEFORE);

/// Words that end the counted noun phrase.
const NOUN_STOPS: &[&str] = &[
    "of",
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "to",
    "for",
    "from",
    "with",
    "by",
    "and",
    "or",
    "but",
    "were",
    "was",
    "are",
    "is",
    "be",
    "been",
    "being",
    "have",
    "has",
    "had",
    "who",
    "which",
    "that",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "should",
    "must",
    "did",
    "do",
    "does",
    "said",
    "says",
    "say",
    "as",
    "than",
    "into",
    "after",
    "before",
    "during",
    "since",
    "when",
    "while",
    "where",
    "there",
    "their",
    "his",
    "her",
    "its",
    "our",
    "they",
    "he",
    "she",
    "it",
    "we",
    "more",
    "less",
    "per",
    "each",
    "a",
    "so",
    "not",
    "all",
    "also",
    "among",
    "including",
    "out",
    "up",
    "down",
    "this",
    "these",
    "those",
    "about",
    "over",
    "under",
    "ago",
    "earlier",
    "later",
    "last",
    "next",
    "dead",
    "missing",
    "hurt",
    "aboard",
    "alive",
    "ill",
    "sick",
    "homeless",
    "overall",
    "altogether",
    "apiece",
    "each",
];

/// [`NOUN_STOPS`] looked up by hashing: every word after a quantity is
/// checked, and a scan of the list costs a hundred string comparisons.
static NOUN_STOP_SET: WordSet = WordSet::new(NOUN_STOPS);

/// The shapes of [`NOUN_STOPS`]: most nouns are told to be none of them
/// before they are hashed.
const NOUN_STOP_SHAPES: Outlines = Outlines::of(NOUN_STOPS);

/// The plurals [`irregular_singular`] knows.
const IRREGULAR_PLURALS: &[&str] = &[
    "people",
    "persons",
    "men",
    "women",
    "children",
    "feet",
    "teeth",
    "mice",
    "geese",
    "police",
    "staff",
    "crew",
    "personnel",
    "series",
    "news",
    "species",
    "aircraft",
    "sheep",
    "cattle",
    "fish",
    "bus",
    "gas",
];

/// The outlines of [`IRREGULAR_PLURALS`]: most nouns have none of them and
/// are turned away in one look-up, before the `match` compares letters.
const IRREGULAR_PLURAL_SHAPES: Outlines = Outlines::of(IRREGULAR_PLURALS);

/// The singular of an irregular lower-case plural (and of the nouns that
/// stay the same), by a `match` (a switch on the length, then a comparison
/// or two) rather than a scan of a list: asked of nearly every noun after
/// a quantity.
fn irregular_singular(plural: &str) -> Option<&'static str> {
    if !IRREGULAR_PLURAL_SHAPES.may_hold(plural.as_bytes()) {
        return None;
    }
    Some(match plural {
        "people" | "persons" => "person",
        "men" => "man",
        "women" => "woman",
        "children" => "child",
        "feet" => "foot",
        "teeth" => "tooth",
        "mice" => "mouse",
        "geese" => "goose",
        "police" => "police",
        "staff" => "staff",
        "crew" => "crew",
        "personnel" => "personnel",
        "series" => "series",
        "news" => "news",
        "species" => "species",
        "aircraft" => "aircraft",
        "sheep" => "sheep",
        "cattle" => "cattle",
        "fish" => "fish",
        "bus" => "bus",
        "gas" => "gas",
        _ => return None,
    })
}

/// The singular of a lower-case noun, by simple English rules. Only used
/// to compare two mentions, so a wrong but consistent form is harmless.
pub fn singular(noun: &str) -> String {
    singular_of(noun).into_owned()
}

/// [`singular`], borrowing `noun` when the singular is a part of it (most
/// often), so a noun only compared with a list is not copied.
fn singular_of(noun: &str) -> Cow<'_, str> {
    if let Some(single) = irregular_singular(noun) {
        return Cow::Borrowed(single);
    }
    // Every rule below takes off a final "s": a noun without one, as
    // nearly every singular is, is told so in one test.
    if !noun.ends_with('s') {
        return Cow::Borrowed(noun);
    }
    if let Some(stem) = noun.strip_suffix("ies") {
        if stem.chars().count() > 1 {
            return Cow::Owned(format!("{stem}y"));
        }
    }
    for ending in ["ches", "shes", "sses", "xes"] {
        if noun.ends_with(ending) {
            return Cow::Borrowed(&noun[..noun.len() - 2]);
        }
    }
    if noun.ends_with('s') && !noun.ends_with("ss") && !noun.ends_with("us") && noun.len() > 2 {
        return Cow::Borrowed(&noun[..noun.len() - 1]);
    }
    Cow::Borrowed(noun)
}

/// One non-space token of a statement.
///
/// Its place is its text and the offset where that starts, so a word
/// takes 24 bytes rather than 40: a statement's words are copied from
/// its tokens, all of them, whenever it may hold a quantity.
///
/// The text is held as bytes: a slice of a `str` is checked to start and
/// end on character boundaries, which a token's span always does, and
/// those checks were a third of the cost of copying every word. Nearly
/// every question asked of a word compares it with ASCII, which bytes
/// answer; the few words lowered as text ([`Word::lower`]) are sliced
/// from the article's text.
#[derive(Clone, Copy, Debug)]
struct Word<'t> {
    text: &'t [u8],
    /// The offset of the text in the article (offsets are 32-bit, as the
    /// tokens' are).
    start: u32,
    kind: TokenKind,
    /// White space stands between this token and the one before.
    space_before: bool,
}

impl<'t> Word<'t> {
    /// The word of `token`, which must be a token of `text`.
    fn of(token: &Token, text: &'t str, space_before: bool) -> Word<'t> {
        let span = token.span();
        Word {
            text: &text.as_bytes()[span.start..span.end],
            // The token's own offset, which is 32-bit.
            start: span.start as u32,
            kind: token.kind,
            space_before,
        }
    }

    fn span(&self) -> Span {
        let start = self.start as usize;
        Span::new(start, start + self.text.len())
    }

    /// The word lowered; `text` is the article's text, which the word's
    /// span is sliced from.
    fn lower(&self, text: &'t str) -> Lowered<'t> {
        Lowered::new(self.span().slice(text))
    }

    fn is(&self, word: &str) -> bool {
        self.text.eq_ignore_ascii_case(word.as_bytes())
    }

    fn is_any(&self, words: &[&str]) -> bool {
        words.iter().any(|word| self.is(word))
    }

    /// [`Word::is_any`] for a list whose shapes are `shapes`.
    fn is_listed(&self, words: &[&str], shapes: &Outlines) -> bool {
        shapes.may_hold(self.text) && self.is_any(words)
    }

    fn is_word(&self) -> bool {
        matches!(self.kind, TokenKind::Word | TokenKind::CapitalisedWord)
    }

    fn is_dash(&self) -> bool {
        matches!(self.text, b"-" | EN_DASH | EM_DASH | b"/")
    }

    /// Whether a quantity can start here: at a figure, "a" ("a dozen") or
    /// a number word. Most words are none, and [`quantity_at`] is spared.
    fn may_open_quantity(&self) -> bool {
        self.kind == TokenKind::Number || self.is("a") || is_number_word(self.text)
    }
}

/// Every number mention of the article, in text order.
pub fn number_mentions(text: &str, syntax: &Syntax, quotations: &Quotations) -> Vec<NumberMention> {
    let mut mentions = Vec::new();
    let mut gathered = Gathered::default();
    // The place in `syntax.numerals` past the numerals of the statements
    // read so far.
    let mut numeral_place = 0;
    for (index, statement) in syntax.statements.iter().enumerate() {
        let Some(block) = syntax.blocks.get(statement.block) else {
            continue;
        };
        if block.kind == BlockKind::Residue || block.kind == BlockKind::Dateline {
            continue;
        }
        let Some(tokens) = syntax.tokens.get(statement.tokens.clone()) else {
            continue;
        };
        // Many statements hold neither a figure nor a number word, and
        // every quantity has one: turn those away before gathering words.
        // Only the tokens the grammar noted as possible numerals are asked.
        let Some(first) = first_opener_among(
            text,
            tokens,
            statement.tokens.clone(),
            &syntax.numerals,
            &mut numeral_place,
        ) else {
            continue;
        };
        if matches!(block.kind, BlockKind::Headline | BlockKind::Standfirst)
            && all_capitals(block.span.slice(text))
        {
            continue;
        }
        let first = gathered.gather(
            text,
            tokens,
            first,
            statement.tokens.clone(),
            syntax.numerals.get(numeral_place..).unwrap_or_default(),
        );
        // The statement's numerals from its first opener on are those
        // gathered: the next statement's are asked from past them, not
        // stepped over one by one.
        numeral_place += gathered.numerals.len();
        statement_mentions(text, &gathered, first, index, quotations, &mut mentions);
    }
    mentions
}

/// Whether `tokens[at]` may open a quantity: only a figure or a number
/// word does ("a dozen" is looked for at "dozen"), and a lone year opens
/// none.
#[inline]
fn may_open(text: &str, tokens: &[Token], at: usize) -> bool {
    let Some(token) = tokens.get(at) else {
        return false;
    };
    match token.kind {
        TokenKind::Number => !is_lone_year(text, tokens, at),
        TokenKind::Word | TokenKind::CapitalisedWord => {
            // The word's bytes, read where they stand: bytes need no test
            // of character boundaries.
            let span = token.span();
            is_number_word_in(text.as_bytes(), span.start, span.end)
        }
        _ => false,
    }
}

/// The index of the first of `tokens` that may open a quantity, if any.
#[cfg(test)]
fn first_opener(text: &str, tokens: &[Token]) -> Option<usize> {
    (0..tokens.len()).find(|&at| may_open(text, tokens, at))
}

/// [`first_opener`] of a statement's `tokens`, the tokens `range` of the
/// text's, asked only of the text's possible `numerals` (every token that
/// may open a quantity is one) within the range, passing over "one" before
/// "of", which opens no mention ([`is_one_before_of`]). `place` is the
/// place in `numerals` past those before the range, and is left past
/// those before the opener found, or past the range.
fn first_opener_among(
    text: &str,
    tokens: &[Token],
    range: std::ops::Range<usize>,
    numerals: &[u32],
    place: &mut usize,
) -> Option<usize> {
    while numerals
        .get(*place)
        .is_some_and(|&numeral| (numeral as usize) < range.start)
    {
        *place += 1;
    }
    while let Some(&numeral) = numerals.get(*place) {
        let Some(at) = (numeral as usize)
            .checked_sub(range.start)
            .filter(|&at| at < tokens.len())
        else {
            break;
        };
        if may_open(text, tokens, at) && !is_one_before_of(text, tokens, at) {
            return Some(at);
        }
        *place += 1;
    }
    None
}

/// Whether `tokens[at]` is "one" and the next word "of" ("one of the
/// victims"): such a "one" opens no mention, as "one" counts only before a
/// noun and no noun is read past "of" ([`mention_at`] at it returns the
/// word after it and finds none, whatever stands before it). A statement
/// whose only word that may open a quantity is such a "one", a common
/// phrase in news copy, is not gathered.
#[inline]
fn is_one_before_of(text: &str, tokens: &[Token], at: usize) -> bool {
    let bytes = text.as_bytes();
    let is = |token: &Token, word: &[u8]| {
        bytes
            .get(token.span().start..token.span().end)
            .is_some_and(|text| text.eq_ignore_ascii_case(word))
    };
    // A figure, and a number word of any other length, is no "one": told
    // before any letter is compared.
    tokens
        .get(at)
        .is_some_and(|token| token.is_word() && token.span().len() == 3 && is(token, b"one"))
        && tokens
            .get(at + 1..)
            .unwrap_or_default()
            .iter()
            .find(|token| !token.is_space())
            .is_some_and(|next| is(next, b"of"))
}

/// How many words before the first that may open a quantity are
/// gathered. A mention looks back at most seven words from the word that
/// may open it ("between" six words before a range's second quantity, one
/// before "a dozen"), so every look back, and every test of whether it
/// reached the statement's start (`start > 1`, `before > 0`), ends within
/// the window as it would over the whole statement.
const WORDS_BEFORE_FIRST_OPENER: usize = 8;

/// A statement's words (all its tokens but white space), from
/// [`WORDS_BEFORE_FIRST_OPENER`] words before the first token that may
/// open a quantity to the statement's end, and the places among them of
/// the tokens the grammar noted as possible numerals from that first on:
/// every word that may open a quantity is one of those.
///
/// The words further back are not copied: much of a statement comes
/// before its first figure, and no mention reads them.
///
/// Its buffers are kept from one statement to the next.
#[derive(Default)]
struct Gathered<'t> {
    words: Vec<Word<'t>>,
    /// The places of the noted numerals among the words, in order.
    numerals: Vec<u32>,
}

impl<'t> Gathered<'t> {
    /// Gathers the words of a statement's `tokens`, the tokens `range` of
    /// the text's, given the index of the first that may open a quantity
    /// (`first`) and the text's noted `numerals` from that one on; returns
    /// the place of the word at `tokens[first]`.
    #[inline(never)]
    fn gather(
        &mut self,
        text: &'t str,
        tokens: &[Token],
        first: usize,
        range: std::ops::Range<usize>,
        numerals: &[u32],
    ) -> usize {
        // The window's first token, found by stepping back from `first`
        // over the words before it, through an iterator: each step is one
        // test of the iterator's end, with no index to check.
        let mut from = first.min(tokens.len());
        let mut before = 0;
        for token in tokens.get(..from).unwrap_or_default().iter().rev() {
            if before == WORDS_BEFORE_FIRST_OPENER {
                break;
            }
            from -= 1;
            before += usize::from(!token.is_space());
        }
        // Whether white space stands before the window's first token.
        let mut space = from
            .checked_sub(1)
            .is_some_and(|previous| tokens[previous].is_space());
        let tokens = &tokens[from..];
        // At most one word a token: grown once, not word by word, and into
        // a new allocation when it must grow, as the old words need no
        // copy.
        let words = &mut self.words;
        words.clear();
        if words.capacity() < tokens.len() {
            *words = Vec::with_capacity(tokens.len().max(2 * words.capacity()));
        }
        // The words are copied up to each noted numeral of the statement
        // in turn, from the first that may open: the numeral's place is
        // then the number of words copied, had with no search and no note
        // of each token's place. The copy is a loop of its own here, not
        // a call for each stretch between numerals.
        self.numerals.clear();
        let window_start = range.start + from;
        let mut numerals = numerals.iter().map(|&numeral| {
            (numeral as usize)
                .checked_sub(window_start)
                .filter(|&at| at < tokens.len())
        });
        let mut copied = 0;
        loop {
            let numeral = numerals.next().flatten();
            let until = numeral.unwrap_or(tokens.len());
            for token in tokens.get(copied..until).unwrap_or_default() {
                let space_before = std::mem::replace(&mut space, token.is_space());
                if !token.is_space() {
                    words.push(Word::of(token, text, space_before));
                }
            }
            if numeral.is_none() {
                break;
            }
            self.numerals.push(words.len() as u32);
            copied = until;
        }
        before
    }

    /// The gathered words.
    fn words(&self) -> &[Word<'t>] {
        &self.words
    }
}

/// Whether `words[at]` may open a quantity: [`may_open`] of its token,
/// asked of the gathered words (the word after a figure is the token
/// after it and its spaces, and `space_before` says whether any stand
/// between).
#[inline]
fn word_may_open(words: &[Word<'_>], at: usize) -> bool {
    let Some(word) = words.get(at) else {
        return false;
    };
    match word.kind {
        TokenKind::Number => !is_lone_year_before(
            word.text,
            words.get(at + 1).map(|next| (next.text, next.space_before)),
        ),
        TokenKind::Word | TokenKind::CapitalisedWord => is_number_word(word.text),
        _ => false,
    }
}

/// Whether the figure `tokens[at]` is a year ("2004": a bare four-digit
/// figure from 1000 to 2199) with no multiplier after it. Such a figure is
/// never a count ([`is_count_figure`]), so a statement whose only figures
/// are years holds no quantity and is not read.
///
/// Out of line: asked only of figures, it stays out of the loop over every
/// token.
#[inline(never)]
fn is_lone_year(text: &str, tokens: &[Token], at: usize) -> bool {
    let Some(figure) = tokens.get(at) else {
        return false;
    };
    let bytes = text.as_bytes();
    let digits = &bytes[figure.span().start..figure.span().end];
    let after = tokens.get(at + 1..).unwrap_or_default();
    // The multiplier read after a figure: spaced ("2000 million") or
    // glued ("2000m"), as [`quantity_at`] reads it.
    let mut spaced = false;
    let next = after.iter().find(|token| {
        spaced |= token.is_space();
        !token.is_space()
    });
    is_lone_year_before(
        digits,
        next.map(|next| (&bytes[next.span().start..next.span().end], spaced)),
    )
}

/// [`is_lone_year`] of a figure's `digits`, given the text of the token
/// after it and whether white space stands between (`next`; none when the
/// figure ends its statement).
#[inline(never)]
fn is_lone_year_before(digits: &[u8], next: Option<(&[u8], bool)>) -> bool {
    if digits.len() != 4
        || !digits.iter().all(u8::is_ascii_digit)
        || !(b'1'..=b'2').contains(&digits[0])
    {
        return false;
    }
    if digits[0] == b'2' && digits[1] >= b'2' {
        return false;
    }
    let Some((next, spaced)) = next else {
        return true;
    };
    let multipliers = if spaced {
        MULTIPLIERS
    } else {
        GLUED_MULTIPLIERS
    };
    multiplier(next, multipliers).is_none()
}

/// Whether the text has letters and none of them is lower case.
fn all_capitals(text: &str) -> bool {
    let mut letters = text.chars().filter(|c| c.is_alphabetic());
    let mut any = false;
    for c in letters.by_ref() {
        any = true;
        if c.is_lowercase() {
            return false;
        }
    }
    any
}

/// A quantity found at `words[start..end]`.
struct Quantity {
    end: usize,
    value: Option<f64>,
    rounded: bool,
    figure: bool,
}

/// The mentions of a statement's words, given the index of the first that
/// may open a quantity (`first`).
fn statement_mentions<'t>(
    text: &'t str,
    gathered: &Gathered<'t>,
    first: usize,
    statement: usize,
    quotations: &Quotations,
    out: &mut Vec<NumberMention>,
) {
    let words = gathered.words();
    // The first word no quantity has taken.
    let mut next = 0;
    // Each word that may open a quantity (a figure or a number word), in
    // order, from the first no quantity has taken: only the noted
    // numerals are asked, as every such word is one.
    let mut from = first;
    let mut numerals = gathered.numerals.iter().map(|&place| place as usize);
    // The first is known to open: its token was found to before the words
    // were gathered, and a word may open as its token does. It is not
    // asked again.
    debug_assert!(word_may_open(words, first));
    let mut known = Some(first);
    while let Some(opener) = known.take().or_else(|| {
        numerals
            .by_ref()
            .find(|&at| at >= from && word_may_open(words, at))
    }) {
        // "a dozen": "a" opens a quantity when a number word follows.
        if opener > next && words.get(opener - 1).is_some_and(|word| word.is("a")) {
            next = mention_at(text, words, opener - 1, statement, quotations, out);
            if next > opener {
                from = next;
                continue;
            }
        }
        next = mention_at(text, words, opener, statement, quotations, out);
        from = next.max(opener + 1);
    }
}

/// The mention opening at `words[start]`, if any, pushed to `out`; returns
/// the index of the first word after it (after `start` when none).
fn mention_at<'t>(
    text: &'t str,
    words: &[Word<'t>],
    start: usize,
    statement: usize,
    quotations: &Quotations,
    out: &mut Vec<NumberMention>,
) -> usize {
    // A mention is read only at "a" before a number word or at a word
    // that may open a quantity (a figure or a number word).
    let Some(quantity) = quantity_at_opener(words, start) else {
        return start + 1;
    };
    let mut end = quantity.end;
    let skip = end.max(start + 1);
    if quantity.figure && !is_count_figure(words, start, end) {
        return skip;
    }
    if in_range_or_score(words, start, end) || is_date_or_time(words, start, end) {
        return skip;
    }
    if is_age(words, start, end) || is_identifier(words, start) || is_modifier(words, end) {
        return skip;
    }
    let glued_unit = quantity.figure && end == start + 2 && !words[start + 1].space_before;
    let unit = unit_of(text, words, start, end, glued_unit);
    let mut approximate = quantity.value.is_none();
    // "1,000+"
    if let Some(next) = words.get(end) {
        if next.text == b"+" && !next.space_before {
            approximate = true;
            end += 1;
        }
    }
    let qualifier = qualifier_before(words, start);
    if qualifier.is_some() {
        approximate = true;
    }
    // "the one on which", "no one": "one" counts only before a noun.
    // A figure's text is digits and separators, never "one": only a word
    // is compared.
    let lone_one = !quantity.figure && end == start + 1 && words[start].is("one");
    let (noun, noun_span, part_of) = if quantity.value.is_none() {
        // "hundreds of homes": the noun follows "of", and no part is picked.
        let (noun, noun_span, _) = noun_after(text, words, end + 1, None);
        (noun, noun_span, false)
    } else {
        noun_after(text, words, end, quantity.value)
    };
    if lone_one && noun.is_none() {
        return skip;
    }
    // "29.8 mln Canadian dlrs", "55 basis points": the noun says what
    // the number measures.
    let unit = match noun.as_deref() {
        Some(noun)
            if unit == Unit::Count && listed(noun, &CURRENCY_AFTER_SET, &CURRENCY_AFTER_SHAPES) =>
        {
            Unit::Money
        }
        Some(noun) if unit == Unit::Count && listed(noun, &MEASURE_SET, &MEASURE_SHAPES) => {
            Unit::Measure
        }
        _ => unit,
    };
    let span = Span::new(words[start].span().start, words[end - 1].span().end);
    out.push(NumberMention {
        span,
        statement,
        value: quantity.value,
        approximate,
        qualifier,
        unit,
        rounded: quantity.rounded,
        noun,
        noun_span,
        part_of,
        quoted: quotations.covers(span),
    });
    end
}

/// The quantity starting at `words[i]`, if one does.
///
/// Most words a range is looked for at open none: they are turned away
/// here, without a call.
#[inline]
fn quantity_at(words: &[Word<'_>], i: usize) -> Option<Quantity> {
    let word = words.get(i)?;
    if word.is_word() && !word.may_open_quantity() {
        return None;
    }
    quantity_at_opener(words, i)
}

/// [`quantity_at`] of a word that, if it is a word, may open a quantity
/// ([`Word::may_open_quantity`]): the mentions are read at such words
/// only, which need not be asked again whether they are a number word.
fn quantity_at_opener(words: &[Word<'_>], i: usize) -> Option<Quantity> {
    let word = words.get(i)?;
    debug_assert!(!word.is_word() || word.may_open_quantity());
    match word.kind {
        TokenKind::Number => {
            let value = figure_value(word.text)?;
            let mut end = i + 1;
            let mut value = value;
            let mut rounded = false;
            if let Some(next) = words.get(end) {
                // "£1.5m", "$2bn", "5k" when glued.
                let multipliers = if next.space_before {
                    MULTIPLIERS
                } else {
                    GLUED_MULTIPLIERS
                };
                if let Some(factor) = multiplier(next.text, multipliers) {
                    value *= factor;
                    rounded = true;
                    end += 1;
                }
            }
            Some(Quantity {
                end,
                value: Some(value),
                rounded,
                figure: true,
            })
        }
        TokenKind::Word | TokenKind::CapitalisedWord => {
            // A quantity opens with "a" or a number word ("one", "tens",
            // "dozens", "seventeen", …), as this one does.
            // Compared as bytes: the lowered word is ASCII, and its bytes
            // are had without a check that they are UTF-8.
            let lower = LoweredBytes::new(word.text);
            let lower = lower.as_bytes();
            if lower == b"a" || lower == b"one" {
                // "a dozen", "a hundred", "a million"
                let next = words.get(i + 1)?;
                let factor = match LoweredBytes::new(next.text).as_bytes() {
                    b"dozen" => 12.0,
                    b"hundred" => 100.0,
                    b"thousand" => 1e3,
                    b"million" => 1e6,
                    b"billion" => 1e9,
                    _ if lower == b"one" => return spelled(words, i),
                    _ => return None,
                };
                let mut quantity = Quantity {
                    end: i + 2,
                    value: Some(factor),
                    rounded: true,
                    figure: false,
                };
                extend_spelled(words, &mut quantity);
                return Some(quantity);
            }
            if lower == b"tens" && words.get(i + 1).is_some_and(|w| w.is("of")) {
                let next = words.get(i + 2)?;
                if next.is_any(&["thousands", "millions"])
                    && words.get(i + 3).is_some_and(|w| w.is("of"))
                {
                    return Some(Quantity {
                        end: i + 3,
                        value: None,
                        rounded: true,
                        figure: false,
                    });
                }
                return None;
            }
            if VAGUE.iter().any(|vague| vague.as_bytes() == lower) {
                return words.get(i + 1).filter(|w| w.is("of")).map(|_| Quantity {
                    end: i + 1,
                    value: None,
                    rounded: true,
                    figure: false,
                });
            }
            spelled_from(words, i, unit_value_of(lower)?)
        }
        _ => None,
    }
}

/// The factor `text` names, if it is one of `multipliers` ([`MULTIPLIERS`]
/// or [`GLUED_MULTIPLIERS`]).
fn multiplier(text: &[u8], multipliers: &[(&str, f64)]) -> Option<f64> {
    // Asked of the word after every figure, which is most often none:
    // every multiplier starts with "b", "k", "m" or "t".
    let first = text.first()? | 0x20;
    if !matches!(first, b'b' | b'k' | b'm' | b't') {
        return None;
    }
    multipliers
        .iter()
        .find(|(name, _)| text.eq_ignore_ascii_case(name.as_bytes()))
        .map(|(_, factor)| *factor)
}

/// A figure's value: "14,000" → 14000, "3.5" → 3.5. Thousands separators
/// must group by three; anything else ("1,5", "1.000.000") is not read.
fn figure_value(text: &[u8]) -> Option<f64> {
    // A figure is a few bytes long: looking at each byte finds its
    // separators sooner than a general search for them does.
    let (whole, fraction) = match text.iter().position(|&byte| byte == b'.') {
        Some(dot) => {
            let (whole, fraction) = (text.get(..dot)?, text.get(dot + 1..)?);
            if fraction.iter().any(|byte| matches!(byte, b'.' | b',')) {
                return None;
            }
            (whole, Some(fraction))
        }
        None => (text, None),
    };
    // The general parse, of a `str`, for what `exact_decimal` cannot read.
    let parse = |digits: &[u8]| std::str::from_utf8(digits).ok()?.parse().ok();
    if !whole.contains(&b',') {
        // No separators: the text is already what the digits below would
        // spell, so parse it without copying.
        return if whole.is_empty() {
            None
        } else {
            exact_decimal([whole], fraction).or_else(|| parse(text))
        };
    }
    let byte_groups = || whole.split(|&byte| byte == b',');
    if byte_groups()
        .next()
        .is_none_or(|first| first.is_empty() || first.len() > 3)
    {
        return None;
    }
    if byte_groups().skip(1).all(|group| group.len() == 3) {
        if let Some(value) = exact_decimal(byte_groups(), fraction) {
            return Some(value);
        }
    }
    let mut groups = byte_groups();
    let first = groups.next()?;
    let mut digits = first.to_vec();
    for group in groups {
        if group.len() != 3 {
            return None;
        }
        digits.extend_from_slice(group);
    }
    if let Some(fraction) = fraction {
        digits.push(b'.');
        digits.extend_from_slice(fraction);
    }
    parse(&digits)
}

/// The value of the digits of `whole` (its groups in order) and
/// `fraction`, when they are few enough to be read exactly without a
/// general parse: at most 15 digits make an integer a `f64` holds exactly,
/// and dividing it by an exact power of ten rounds once, as parsing the
/// decimal does. `None` for anything else (other bytes, an empty
/// fraction, more digits), which the caller parses.
fn exact_decimal<'t>(
    whole: impl IntoIterator<Item = &'t [u8]>,
    fraction: Option<&[u8]>,
) -> Option<f64> {
    const POWERS_OF_TEN: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let mut digits = 0usize;
    let mut mantissa = 0u64;
    let mut read = |part: &[u8]| {
        for &byte in part {
            if !byte.is_ascii_digit() || digits == 15 {
                return false;
            }
            mantissa = mantissa * 10 + u64::from(byte - b'0');
            digits += 1;
        }
        true
    };
    for part in whole {
        if !read(part) {
            return None;
        }
    }
    let scale = match fraction {
        Some(fraction) if fraction.is_empty() || !read(fraction) => return None,
        Some(fraction) => *POWERS_OF_TEN.get(fraction.len())?,
        None => 1.0,
    };
    // Both exact (under 2^53 and a power of ten up to 10^15): the quotient
    // is the correctly rounded value of the decimal.
    Some(mantissa as f64 / scale)
}

fn unit_value(word: &Word<'_>) -> Option<u32> {
    // Every number word has three to nine letters and starts with one of
    // a few letters: most words are turned away before being lowered.
    let first = *word.text.first()?;
    if !(3..=9).contains(&word.text.len())
        || !matches!(
            first.to_ascii_lowercase(),
            b'o' | b't' | b'f' | b's' | b'e' | b'n'
        )
    {
        return None;
    }
    unit_value_of(LoweredBytes::new(word.text).as_bytes())
}

/// The value of a lower-case number word.
fn unit_value_of(lower: &[u8]) -> Option<u32> {
    UNITS
        .iter()
        .chain(TENS)
        .find(|(name, _)| name.as_bytes() == lower)
        .map(|(_, value)| *value)
}

/// A spelled-out number: "fourteen", "twenty-five", "two hundred and
/// fifty", "three thousand", "two dozen", "five million".
fn spelled(words: &[Word<'_>], i: usize) -> Option<Quantity> {
    spelled_from(words, i, unit_value(words.get(i)?)?)
}

/// [`spelled`], given the value of its first word.
fn spelled_from(words: &[Word<'_>], i: usize, value: u32) -> Option<Quantity> {
    words.get(i)?;
    let mut quantity = Quantity {
        end: i + 1,
        value: Some(f64::from(value)),
        rounded: false,
        figure: false,
    };
    // "twenty-five", "twenty five": `value` is the first word's, and
    // only the tens have the values of tens, so the word is not compared
    // with each of them.
    if TENS.iter().any(|&(_, ten)| ten == value) {
        let (dash, after) = (words.get(i + 1), words.get(i + 2));
        let unit = match (dash, after) {
            (Some(dash), Some(after)) if dash.text == b"-" && !dash.space_before => {
                Some((after, i + 3))
            }
            (Some(after), _) => Some((after, i + 2)),
            _ => None,
        };
        if let Some((after, end)) = unit {
            if let Some(extra) = UNITS.iter().find(|(name, _)| after.is(name)) {
                if extra.1 < 10 {
                    quantity.value = Some(f64::from(value + extra.1));
                    quantity.end = end;
                }
            }
        }
    }
    extend_spelled(words, &mut quantity);
    Some(quantity)
}

/// Scales and adds to a spelled quantity: "… hundred [and fifty]", "…
/// thousand", "… dozen", "… million".
fn extend_spelled(words: &[Word<'_>], quantity: &mut Quantity) {
    let Some(mut value) = quantity.value else {
        return;
    };
    while let Some(next) = words.get(quantity.end) {
        // Every scale starts with "h", "d", "t", "m" or "b": most words
        // after a spelled number are turned away before they are lowered.
        if !matches!(
            next.text.first().map(|&first| first | 0x20),
            Some(b'h' | b'd' | b't' | b'm' | b'b')
        ) {
            break;
        }
        let factor = match LoweredBytes::new(next.text).as_bytes() {
            b"hundred" => 100.0,
            b"dozen" => 12.0,
            b"thousand" => 1e3,
            b"million" | b"mln" => 1e6,
            b"billion" | b"bln" | b"bn" => 1e9,
            _ => break,
        };
        if value >= factor && factor < 1e3 {
            break;
        }
        value *= factor;
        quantity.end += 1;
        quantity.rounded = true;
        // "two hundred and fifty", "three thousand five hundred"
        let add_at = match words.get(quantity.end) {
            Some(and) if and.is("and") => quantity.end + 1,
            Some(_) => quantity.end,
            None => break,
        };
        if words.get(add_at).and_then(unit_value).is_some() {
            if let Some(more) = spelled(words, add_at) {
                if let Some(more_value) = more.value.filter(|more| *more < factor) {
                    value += more_value;
                    quantity.end = more.end;
                    quantity.rounded = false;
                }
            }
        }
    }
    quantity.value = Some(value);
}

/// Whether the figure at `words[start..end]` can be a count: not glued to
/// letters or to other figures, not a year, not a phone number.
fn is_count_figure(words: &[Word<'_>], start: usize, end: usize) -> bool {
    let figure = &words[start];
    // "5km", "4G", "1990s", "3rd" (the multiplier, if any, stands apart).
    if end == start + 1 {
        if let Some(next) = words.get(end) {
            if next.is_word() && !next.space_before {
                return false;
            }
        }
    }
    if let Some(before) = start.checked_sub(1).and_then(|b| words.get(b)) {
        if before.is_word() && !figure.space_before {
            return false;
        }
        // "’90s", "#3"
        if !figure.space_before && matches!(before.text, b"'" | RIGHT_SINGLE_QUOTE | b"#" | NUMERO)
        {
            return false;
        }
    }
    let digits = figure.text;
    let bare = !digits.iter().any(|&byte| matches!(byte, b',' | b'.'));
    if bare && end == start + 1 && digits.len() == 4 {
        if let Some(year) = std::str::from_utf8(digits)
            .ok()
            .and_then(|digits| digits.parse::<u32>().ok())
        {
            if (1000..2200).contains(&year) {
                return false;
            }
        }
    }
    // Leading zeros: "007", "020 7946 0000".
    if bare && digits.len() > 1 && digits.starts_with(b"0") {
        return false;
    }
    // A run of figures separated by spaces: a phone or account number.
    let figure_next = words.get(end).is_some_and(|w| w.kind == TokenKind::Number);
    let figure_before = start
        .checked_sub(1)
        .and_then(|b| words.get(b))
        .is_some_and(|w| w.kind == TokenKind::Number);
    !(figure_next || figure_before)
}

/// "3-1", "10–12", "10 to 12", "10 or 12", "between 10 and 12", "24/7".
fn in_range_or_score(words: &[Word<'_>], start: usize, end: usize) -> bool {
    let is_quantity = |at: usize| {
        words
            .get(at)
            .is_some_and(|w| quantity_at(words, at).is_some() && w.kind != TokenKind::Punctuation)
    };
    if let Some(link) = words.get(end) {
        // "and" links a range only after "between", handled below.
        if (link.is_dash() || link.is_any(&["to", "or"])) && is_quantity(end + 1) {
            return true;
        }
    }
    if let Some(link) = start.checked_sub(1).and_then(|b| words.get(b)) {
        if link.is_dash() || link.is_any(&["to", "or"]) {
            let mut before = start - 1;
            // The quantity before may be several words long ("twenty-five to thirty").
            while before > 0 {
                before -= 1;
                if quantity_at(words, before).is_some_and(|q| q.end == start - 1) {
                    return true;
                }
                if start - 1 - before > 4 {
                    break;
                }
            }
        }
        if link.is("and") {
            // "between 10 and 12"
            let mut before = start - 1;
            while before > 0 && start - before < 6 {
                before -= 1;
                if words[before].is("between") {
                    return true;
                }
            }
        }
    }
    if start > 0 && words[start - 1].is("between") {
        return true;
    }
    false
}

fn is_date_or_time(words: &[Word<'_>], start: usize, end: usize) -> bool {
    let is_month = |at: usize| {
        words.get(at).is_some_and(|w| {
            w.kind == TokenKind::CapitalisedWord && w.is_listed(MONTHS, &MONTH_SHAPES)
        })
    };
    if start > 0
        && (is_month(start - 1)
            || (start > 1 && words[start - 1].text == b"." && is_month(start - 2)))
    {
        return true;
    }
    if is_month(end) || (words.get(end).is_some_and(|w| w.is("of")) && is_month(end + 1)) {
        return true;
    }
    // "10:30", "10.30pm" (the latter is glued to letters), "9 am", "9 a.m."
    if let Some(next) = words.get(end) {
        if next.text == b":" && !next.space_before {
            return true;
        }
        if next.is_listed(TIME_AFTER, &TIME_AFTER_SHAPES) {
            return true;
        }
    }
    if start > 0 && words[start - 1].text == b":" && !words[start].space_before {
        return true;
    }
    false
}

/// "12-member", "two-day", "52-week": the number is part of a compound
/// modifier, not a count of its own.
fn is_modifier(words: &[Word<'_>], end: usize) -> bool {
    match (words.get(end), words.get(end + 1)) {
        (Some(dash), Some(next)) => {
            dash.text == b"-" && !dash.space_before && !next.space_before && next.is_word()
        }
        _ => false,
    }
}

/// "aged 42", "42-year-old", "42 years old", "Jane Smith, 42,", "(42)".
fn is_age(words: &[Word<'_>], start: usize, end: usize) -> bool {
    if start > 0 && words[start - 1].is_any(AGE_BEFORE) {
        return true;
    }
    // "at the age of 85"
    if start > 1 && words[start - 1].is("of") && words[start - 2].is_any(AGE_BEFORE) {
        return true;
    }
    let at = |i: usize| words.get(i).map_or(&[][..], |w| w.text);
    let year = |i: usize| {
        at(i)
            .get(..4)
            .is_some_and(|start| start.eq_ignore_ascii_case(b"year"))
    };
    if at(end) == b"-" && year(end + 1) {
        return true;
    }
    if year(end) && (at(end + 1).eq_ignore_ascii_case(b"old") || at(end + 1) == b"-") {
        return true;
    }
    if start > 1 && matches!(at(start - 1), b"," | b"(") && matches!(at(end), b"," | b")" | b";") {
        let name = &words[start - 2];
        if name.kind == TokenKind::CapitalisedWord {
            return true;
        }
    }
    false
}

/// "Flight 370", "No 10", "Windows 95": a figure after a capitalised word
/// that does not open the statement, or after an identifier word.
fn is_identifier(words: &[Word<'_>], start: usize) -> bool {
    let Some(before) = start.checked_sub(1).and_then(|b| words.get(b)) else {
        return false;
    };
    if words[start].kind != TokenKind::Number {
        return false;
    }
    if before.text == b"."
        && start >= 2
        && words[start - 2].is_any(&["no", "nos", "vol", "p", "pp"])
    {
        return true;
    }
    if before.is_listed(IDENTIFIER_BEFORE, &IDENTIFIER_BEFORE_SHAPES) {
        return true;
    }
    before.kind == TokenKind::CapitalisedWord
        && start > 1
        && !before.is_listed(SENTENCE_OPENERS, &SENTENCE_OPENER_SHAPES)
}

/// Capitalised words that may stand before a count mid-statement because
/// they are headline words or sentence openers after a quotation.
const SENTENCE_OPENERS: &[&str] = &[
    "The", "About", "Some", "Nearly", "More", "Almost", "Around", "Over", "Only", "Just", "All",
    "Another", "Those", "These", "At", "Up", "Killed", "Dead", "Kills", "Kill", "Injured", "Hurt",
    "Wounded", "And", "After", "As", "Of", "With", "By", "For", "In",
];

const SENTENCE_OPENER_SHAPES: Outlines = Outlines::of(SENTENCE_OPENERS);

/// The shapes of the last words of [`APPROXIMATE_BEFORE`]'s phrases: the
/// word before a number is most often none of them, and then no phrase
/// ends there.
const APPROXIMATE_LAST_WORD_SHAPES: Outlines = {
    let mut shapes = [[0; 32]; OUTLINE_LENGTHS];
    let mut i = 0;
    while i < APPROXIMATE_BEFORE.len() {
        let phrase = APPROXIMATE_BEFORE[i].as_bytes();
        let mut start = phrase.len();
        while start > 0 && phrase[start - 1] != b' ' {
            start -= 1;
        }
        let (_, last) = phrase.split_at(start);
        shapes = Outlines::add(shapes, last);
        i += 1;
    }
    Outlines(shapes)
};

/// The phrases of [`APPROXIMATE_BEFORE`] whose last word is `last` (lower
/// case, as bytes: a word lowered on the stack is had as bytes without a
/// check that they are UTF-8), longest first, each as its earlier words,
/// nearest the last first: a phrase is looked up by the word before the
/// number, not tried against it one phrase after another, and its words
/// are compared as they stand, not split from the phrase.
fn approximations_ending_with(last: &[u8]) -> &'static [&'static [&'static str]] {
    match last {
        b"about" => &[&["only"], &[]],
        b"nearly" => &[&[]],
        b"than" => &[&["more"], &["fewer"], &["less"]],
        b"least" => &[&["at"]],
        b"to" => &[&["up"], &["close"]],
        b"some" => &[&[]],
        b"around" => &[&[]],
        b"almost" => &[&[]],
        b"over" => &[&["just"], &["well"], &[]],
        b"approximately" => &[&[]],
        b"roughly" => &[&[]],
        b"estimated" => &[&["an"], &[]],
        b"under" => &[&["just"], &[]],
        b"as" => &[&["many", "as"], &["few", "as"]],
        b"of" => &[&["upwards"]],
        b"most" => &[&["at"]],
        b"circa" => &[&[]],
        b"c." => &[&[]],
        b"perhaps" => &[&[]],
        b"maybe" => &[&[]],
        b"possibly" => &[&[]],
        _ => &[],
    }
}

/// The approximation words just before `words[start]`: the longest
/// phrase of [`APPROXIMATE_BEFORE`] that ends there, in any ASCII case.
fn qualifier_before(words: &[Word<'_>], start: usize) -> Option<Span> {
    if start == 0 {
        return None;
    }
    let before = &words[start - 1];
    if matches!(before.text, b"~" | ALMOST_EQUAL | b"<" | b">") {
        return Some(before.span());
    }
    // Skip a determiner: "some 300", "an estimated 300", "the nearly 300".
    // The word before is most often no phrase's last word, and then of
    // no last word's shape: told so before it is lowered.
    if !APPROXIMATE_LAST_WORD_SHAPES.may_hold(before.text) {
        return None;
    }
    // The phrases are ASCII and short: a word that is neither has no
    // phrase, as its short lowered form is empty.
    let last = LoweredBytes::new(before.text);
    approximations_ending_with(last.as_bytes())
        .iter()
        .find_map(|earlier| {
            // The phrase's earlier words, nearest the number first, each
            // against the word before the last it matched.
            let mut from = start - 1;
            for part in *earlier {
                from = from.checked_sub(1)?;
                if !words[from].text.eq_ignore_ascii_case(part.as_bytes()) {
                    return None;
                }
            }
            Some(Span::new(words[from].span().start, before.span().end))
        })
}

fn unit_of<'t>(
    text: &'t str,
    words: &[Word<'t>],
    start: usize,
    end: usize,
    glued_unit: bool,
) -> Unit {
    if let Some(before) = start.checked_sub(1).and_then(|b| words.get(b)) {
        if is_currency_symbol(before.text) {
            return Unit::Money;
        }
        // The cheap tests first: most words before a figure are spaced
        // from it.
        if !words[start].space_before
            && before.kind != TokenKind::Word
            && before.is_any(CURRENCY_BEFORE)
        {
            return Unit::Money;
        }
        if start >= 2
            && !before.space_before
            && before.is_word()
            && is_currency_symbol(words[start - 2].text)
        {
            // "US$5": the symbol is glued before the letters.
            return Unit::Money;
        }
    }
    // A figure glued to a unit ("5m", "3k") without a currency: a measure.
    if glued_unit {
        return Unit::Measure;
    }
    let Some(next) = words.get(end) else {
        return Unit::Count;
    };
    // "5m" glued after a figure without a currency is metres.
    if !next.space_before && next.is_word() {
        return Unit::Measure;
    }
    let lower = next.lower(text);
    let lower = lower.as_str();
    if matches!(lower, "%" | "pct" | "percent" | "per" | "percentage")
        && (lower != "per" || words.get(end + 1).is_some_and(|w| w.is("cent")))
    {
        return Unit::Percent;
    }
    if listed(lower, &CURRENCY_AFTER_SET, &CURRENCY_AFTER_SHAPES) {
        return Unit::Money;
    }
    // "5 mln dlrs" is handled by the multiplier; "5 billion US dollars":
    if lower == "us"
        && words
            .get(end + 1)
            .is_some_and(|w| w.is_listed(CURRENCY_AFTER, &CURRENCY_AFTER_SHAPES))
    {
        return Unit::Money;
    }
    if is_measure_form(lower) {
        return Unit::Measure;
    }
    // "5 square miles", "5 light years"
    if matches!(
        lower,
        "square" | "cubic" | "light" | "nautical" | "metric" | "million" | "billion"
    ) {
        if let Some(after) = words.get(end + 1) {
            if is_measure_form(after.lower(text).as_str()) {
                return Unit::Measure;
            }
        }
    }
    Unit::Count
}

/// The counted noun after a quantity: the head of the next few words up to
/// a function word, punctuation or a past participle. "14 British soldiers
/// died" → soldier; "the 13,000 killed" → none.
fn noun_after<'t>(
    text: &'t str,
    words: &[Word<'t>],
    end: usize,
    value: Option<f64>,
) -> (Option<String>, Option<Span>, bool) {
    if words.get(end).is_some_and(|w| w.is("of")) {
        return (None, None, true);
    }
    // At most three words, each with its lowered text: held on the stack.
    let mut phrase: [Option<(&Word<'_>, Lowered<'_>)>; 3] = [None, None, None];
    let mut length = 0;
    let mut at = end;
    while let Some(slot) = phrase.get_mut(length) {
        let Some(mut word) = words.get(at) else {
            break;
        };
        if !word.is_word() {
            break;
        }
        // A hyphenated compound ("pro-Morales", "year-long") is one word,
        // headed by its last part.
        while let (Some(dash), Some(part)) = (words.get(at + 1), words.get(at + 2)) {
            if dash.text == b"-" && !dash.space_before && !part.space_before && part.is_word() {
                at += 2;
                word = part;
            } else {
                break;
            }
        }
        at += 1;
        let lower = word.lower(text);
        let text = lower.as_str();
        if NOUN_STOP_SHAPES.may_hold(text.as_bytes()) && NOUN_STOP_SET.contains(text) {
            break;
        }
        if text.len() > 3 && text.ends_with("ed") && length > 0 {
            break;
        }
        if text.len() > 3 && text.ends_with("ed") && length == 0 {
            // "13,000 killed": no noun, the participle says what happened.
            break;
        }
        *slot = Some((word, lower));
        length += 1;
    }
    let phrase = phrase.iter().flatten();
    let plural = value.is_none_or(|v| v != 1.0);
    let head = if plural {
        // The last plural in the phrase: "14 British soldiers", "ISIS
        // supporters".
        phrase
            .clone()
            .rev()
            .find(|(_, lower)| {
                let lower = lower.as_str();
                (lower.ends_with('s') && !lower.ends_with("ss"))
                    || irregular_singular(lower).is_some()
            })
            .or_else(|| phrase.clone().next())
    } else {
        phrase.clone().next()
    };
    // "of" after the quantity was answered above: no part is picked here.
    match head {
        Some((word, lower)) => (Some(singular(lower.as_str())), Some(word.span()), false),
        None => (None, None, false),
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Article;
    use crate::syntax::TokenKind;

    fn mentions(text: &str) -> String {
        let article = Article::parse(text);
        let mut out = String::new();
        for m in &article.numbers {
            out.push_str(&format!(
                "{:?} {:?}{}{} {:?} noun={:?}{}{}\n",
                m.span.slice(text),
                m.value,
                if m.approximate { " approx" } else { "" },
                m.qualifier
                    .map(|q| format!(" ({})", q.slice(text)))
                    .unwrap_or_default(),
                m.unit,
                m.noun,
                if m.part_of { " part-of" } else { "" },
                if m.quoted { " quoted" } else { "" },
            ));
        }
        out
    }

    #[test]
    fn figures_spelled_numbers_and_multipliers() {
        insta::assert_snapshot!(mentions("Police said 14,000 people fled and 1.5 million were displaced. Fourteen soldiers and twenty-five civilians died; two dozen others and a dozen police were hurt, with two hundred and fifty homes lost."), @r#"
        "14,000" Some(14000.0) Count noun=Some("person")
        "1.5 million" Some(1500000.0) Count noun=None
        "Fourteen" Some(14.0) Count noun=Some("soldier")
        "twenty-five" Some(25.0) Count noun=Some("civilian")
        "two dozen" Some(24.0) Count noun=Some("other")
        "a dozen" Some(12.0) Count noun=Some("police")
        "two hundred and fifty" Some(250.0) Count noun=Some("home")
        "#);
    }

    #[test]
    fn approximations_and_vague_quantities() {
        insta::assert_snapshot!(mentions("More than 13,000 were killed, about 40 people were hurt and hundreds of homes burned; at least 3 died, up to 5 fled, 1,000+ marched and tens of thousands of people watched."), @r#"
        "13,000" Some(13000.0) approx (More than) Count noun=None
        "40" Some(40.0) approx (about) Count noun=Some("person")
        "hundreds" None approx Count noun=Some("home")
        "3" Some(3.0) approx (at least) Count noun=None
        "5" Some(5.0) approx (up to) Count noun=None
        "1,000+" Some(1000.0) approx Count noun=None
        "tens of thousands" None approx Count noun=Some("person")
        "#);
    }

    #[test]
    fn numbers_that_are_not_counts_are_left_out() {
        insta::assert_snapshot!(mentions("In 2004, on March 3 at 10:30 and 9 am, the 3rd team won 3-1; 10 to 12 people, between 5 and 6 cars, aged 42, a 42-year-old, John Smith, 42, said. Call 020 7946 0000. Flight 370 took 5km and 4G in the 1990s."), @"");
    }

    #[test]
    fn money_percentages_and_measures_keep_their_unit() {
        insta::assert_snapshot!(mentions("It cost $5 million, or 3 mln dlrs, up 5% and 4 pct and 2 per cent, over 14 miles in 3 years."), @r#"
        "5 million" Some(5000000.0) Money noun=None
        "3 mln" Some(3000000.0) Money noun=Some("dlr")
        "5" Some(5.0) Percent noun=None
        "4" Some(4.0) Percent noun=Some("pct")
        "2" Some(2.0) Percent noun=None
        "14" Some(14.0) approx (over) Measure noun=Some("mile")
        "3" Some(3.0) Measure noun=Some("year")
        "#);
    }

    #[test]
    fn parts_of_groups_and_quotations() {
        insta::assert_snapshot!(mentions("Only 14 of the 20 passengers survived. \"We lost 40 men,\" he said."), @r#"
        "14" Some(14.0) Count noun=None part-of
        "20" Some(20.0) Count noun=Some("passenger")
        "40" Some(40.0) Count noun=Some("man") quoted
        "#);
    }

    #[test]
    fn number_words_are_told_by_their_shape_and_letters() {
        use super::is_number_word;
        let listed = listed_number_words();
        let by_letters = |text: &str| listed.contains(&text.to_lowercase().as_str());
        let mut words = words_near(&listed);
        words.extend(
            [
                "",
                "a",
                "A",
                "an",
                "the",
                "these",
                "there",
                "then",
                "tons",
                "tents",
                "sixes",
                "ＯＮＥ",
                "İ",
                "one-off",
                "twenty-five",
                "\r\n",
                "—",
                "’",
                "\u{212a}",
                "ﬁve",
                "seventeen",
                "seventeens",
                "Thousands",
                "MILLIONS",
            ]
            .map(str::to_owned),
        );
        for word in &words {
            assert_eq!(
                is_number_word(word.as_bytes()),
                by_letters(word),
                "{word:?}"
            );
        }
    }

    #[test]
    fn number_words_read_in_place_are_their_sliced_bytes() {
        // The in-place test reads a range's end bytes before it knows the
        // range is a word: held, over every range of a text (empty,
        // reversed and past its end too), to the plain test of the slice.
        use super::is_number_word_in;
        let listed = listed_number_words();
        let by_letters = |word: &[u8]| {
            std::str::from_utf8(word)
                .is_ok_and(|word| listed.contains(&word.to_lowercase().as_str()))
        };
        let text = "a one, Twenty\u{2014}dozens ten tens thousands  ﬁve İ seventeens Million";
        let bytes = text.as_bytes();
        let mut found = 0;
        for start in 0..=bytes.len() + 2 {
            for end in 0..=bytes.len() + 2 {
                let plain = bytes.get(start..end).is_some_and(by_letters);
                found += usize::from(plain);
                assert_eq!(
                    is_number_word_in(bytes, start, end),
                    plain,
                    "{start}..{end}"
                );
            }
        }
        assert!(found >= 10, "{found}");
    }

    #[test]
    fn words_may_open_as_their_text_is_a_number_word() {
        // The quick test reads a word's bytes where they stand in the
        // text: held to the plain test of its sliced text.
        use super::{is_number_word, may_open};
        let listed = listed_number_words();
        let words = words_near(&listed);
        let mut asked = 0;
        for chunk in words.chunks(7) {
            let text = chunk.join(" ");
            let syntax = crate::syntax::parse(&text);
            for (at, token) in syntax.tokens.iter().enumerate() {
                if !token.is_word() {
                    continue;
                }
                asked += 1;
                let plain = is_number_word(token.span().slice(&text).as_bytes());
                assert_eq!(may_open(&text, &syntax.tokens, at), plain, "{text:?} {at}");
            }
        }
        assert!(asked > 5_000, "{asked}");
    }

    #[test]
    fn the_first_opener_is_the_first_token_that_may_open() {
        // The gathered words are asked whether they open a quantity as
        // their tokens are, over words and figures glued to each other and
        // to punctuation as well as spaced.
        use super::{
            first_opener, first_opener_among, is_one_before_of, may_open, word_may_open, Gathered,
            WORDS_BEFORE_FIRST_OPENER,
        };
        let pieces = [
            "five",
            "Five",
            "fIVE",
            "someone",
            "often",
            "Tens",
            "fourteen",
            "SEVENTEEN",
            "thousands",
            "5million",
            "one1",
            "A4",
            "people",
            "a",
            "dozen",
            "2004",
            "2004m",
            "1999",
            "million",
            "m",
            "bn",
            "BN",
            "k",
            "14",
            "3.5",
            "1,000",
            "the",
            "seventeen",
            "tens",
            "one",
            "One",
            "of",
            "OF",
            "(",
            ")",
            ",",
            "-",
            "—",
            "’",
            "\"",
            "“",
            "km",
            "é",
            "😀",
        ];
        let gaps = ["", " ", "  ", "\t", "\n", "\r\n", " - ", ", ", ". "];
        let mut next = crate::pseudo_random::below(0x1f83_d9ab_fb41_bd6b);
        let mut opened = 0;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..1 + next(12) {
                text.push_str(gaps[next(gaps.len())]);
                text.push_str(pieces[next(pieces.len())]);
            }
            let syntax = crate::syntax::parse(&text);
            let mut numeral_place = 0;
            for statement in &syntax.statements {
                let tokens = &syntax.tokens[statement.tokens.clone()];
                let plain = (0..tokens.len()).find(|&at| may_open(&text, tokens, at));
                opened += usize::from(plain.is_some_and(|at| at > 0));
                assert_eq!(first_opener(&text, tokens), plain, "{text:?}");
                // Asked only of the noted numerals, the statements in turn.
                let among = first_opener_among(
                    &text,
                    tokens,
                    statement.tokens.clone(),
                    &syntax.numerals,
                    &mut numeral_place,
                );
                // "one" before "of" is passed over.
                let plain_among = (0..tokens.len()).find(|&at| {
                    may_open(&text, tokens, at) && !is_one_before_of(&text, tokens, at)
                });
                assert_eq!(among, plain_among, "{text:?}");
                // The words that may open, asked of the gathered words
                // from the first the statement is gathered at.
                let Some(first) = among else {
                    continue;
                };
                // Gathered into buffers left from a longer statement, as
                // they are kept from one statement to the next.
                let mut gathered = Gathered::default();
                let long = crate::syntax::parse("one two three four five six seven eight nine");
                let all = 0..long.tokens.len();
                gathered.gather(
                    "one two three four five six seven eight nine",
                    &long.tokens,
                    0,
                    all.clone(),
                    &long.numerals,
                );
                let first_word = gathered.gather(
                    &text,
                    tokens,
                    first,
                    statement.tokens.clone(),
                    &syntax.numerals[numeral_place..],
                );
                let words = gathered.words();
                let spoken: Vec<usize> = (0..tokens.len())
                    .filter(|&at| !tokens[at].is_space())
                    .collect();
                // The words are those of the statement from a few before
                // the first that may open, or from its start.
                let first_spoken = spoken.iter().position(|&at| at == first).unwrap();
                let skipped = first_spoken - first_word;
                assert!(
                    skipped == 0 || first_word == WORDS_BEFORE_FIRST_OPENER,
                    "{text:?}"
                );
                let spoken = &spoken[skipped..];
                for (word, &at) in spoken.iter().enumerate() {
                    assert_eq!(
                        word_may_open(words, word),
                        may_open(&text, tokens, at),
                        "{text:?} {at}"
                    );
                    // Every word from the first that may open a quantity
                    // on is among the noted numerals if it may open one,
                    // and the noted numerals are in order.
                    let noted = gathered.numerals.contains(&(word as u32));
                    if word >= first_word && word_may_open(words, word) {
                        assert!(noted, "{text:?} {at}");
                    }
                    if noted {
                        let noted_token = statement.tokens.start + at;
                        assert!(
                            syntax.numerals.contains(&(noted_token as u32)),
                            "{text:?} {at}"
                        );
                    }
                    let space_before = at > 0 && tokens[at - 1].is_space();
                    assert_eq!(words[word].space_before, space_before, "{text:?} {at}");
                    assert_eq!(words[word].span(), tokens[at].span(), "{text:?} {at}");
                }
                assert_eq!(words.len(), spoken.len(), "{text:?}");
                assert!(
                    gathered.numerals.windows(2).all(|pair| pair[0] < pair[1]),
                    "{text:?}"
                );
                assert_eq!(
                    gathered.numerals.first(),
                    Some(&(first_word as u32)),
                    "{text:?}"
                );
            }
        }
        assert!(opened > 5_000, "{opened}");
    }

    #[test]
    fn one_before_of_opens_no_mention() {
        // "one" before "of" finds no mention and is passed over at the word
        // after it, read at it or at an "a" before it, whatever surrounds
        // it: passing over it when it is a statement's first word that may
        // open a quantity finds the same mentions.
        use super::{is_one_before_of, mention_at, Gathered};
        use crate::model::quotes::Quotations;
        let pieces = [
            "one", "One", "ONE", "of", "Of", "OF", "a", "the", "to", "or", "and", "between", "-",
            "aged", "age", "at", "May", "March", "5", "1,000", "twenty", "hundred", "people",
            "them", "killed", ",", ".", ":", "(", ")", "$", "+", "per", "cent", "about", "as",
            "many", "no", "Flight", "year", "old",
        ];
        let gaps = [" ", " ", " ", "", "\n"];
        let mut next = crate::pseudo_random::below(0x3b8e_f10c_5a62_d497);
        let quotations = Quotations::default();
        let mut read = 0;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..1 + next(16) {
                text.push_str(gaps[next(gaps.len())]);
                text.push_str(pieces[next(pieces.len())]);
            }
            let syntax = crate::syntax::parse(&text);
            for statement in &syntax.statements {
                let tokens = &syntax.tokens[statement.tokens.clone()];
                let mut gathered = Gathered::default();
                gathered.gather(&text, tokens, 0, statement.tokens.clone(), &[]);
                let words = gathered.words();
                let spoken: Vec<usize> = (0..tokens.len())
                    .filter(|&at| !tokens[at].is_space())
                    .collect();
                for (word, &at) in spoken.iter().enumerate() {
                    let plain = words[word].is("one")
                        && words.get(word + 1).is_some_and(|next| next.is("of"));
                    assert_eq!(is_one_before_of(&text, tokens, at), plain, "{text:?} {at}");
                    if !plain {
                        continue;
                    }
                    let mut out = Vec::new();
                    assert_eq!(
                        mention_at(&text, words, word, 0, &quotations, &mut out),
                        word + 1
                    );
                    if word > 0 && words[word - 1].is("a") {
                        assert!(
                            mention_at(&text, words, word - 1, 0, &quotations, &mut out) <= word
                        );
                    }
                    assert!(out.is_empty(), "{text:?} {at}");
                    read += 1;
                }
            }
        }
        assert!(read > 300, "{read}");
    }

    /// Every number word the model lists: units, tens, vague quantities
    /// and scales.
    fn listed_number_words() -> Vec<&'static str> {
        use crate::syntax::numerals::{SCALES, TENS, UNITS, VAGUE};
        UNITS
            .iter()
            .chain(TENS)
            .map(|(name, _)| *name)
            .chain(VAGUE.iter().copied())
            .chain(SCALES.iter().copied())
            .collect()
    }

    /// Words near each listed word: its cases, plurals, cuts, letters
    /// changed (to other letters, digits, bytes next to the letters and
    /// letters outside ASCII), and text no list holds.
    fn words_near(listed: &[&str]) -> Vec<String> {
        let mut words: Vec<String> = [
            "",
            "a",
            "the",
            "\r\n",
            "—",
            "’",
            "😀",
            "\u{212a}m",
            "\u{212a}",
            "İ",
            "ﬁve",
            "e\u{301}",
            "naïve",
            "Éamon",
            "kilometre-long",
            "o'clock",
        ]
        .map(str::to_owned)
        .to_vec();
        for word in listed {
            words.push((*word).to_owned());
            words.push(word.to_uppercase());
            let mut capitalised = word.to_string();
            capitalised[..1].make_ascii_uppercase();
            words.push(capitalised);
            words.push(format!("{word}s"));
            words.push(format!("{word}\r"));
            words.push(format!("{word}\u{301}"));
            words.push(format!("{word}😀"));
            words.push(format!("\u{212a}{word}"));
            words.push(word[1..].to_owned());
            words.push(word[..word.len() - 1].to_owned());
            for (at, _) in word.char_indices() {
                for with in ["x", "e", "0", "@", "[", "é", "ｅ", "\u{212a}"] {
                    words.push(format!("{}{with}{}", &word[..at], &word[at + 1..]));
                }
            }
        }
        let mut next = crate::pseudo_random::below(0x3c6e_f372_fe94_f82b);
        let letters: Vec<char> = "abcdekmnoprstuy-'.é\u{301}😀K\u{212a}".chars().collect();
        for _ in 0..2000 {
            let length = next(10);
            words.push((0..length).map(|_| letters[next(letters.len())]).collect());
        }
        words
    }

    #[test]
    fn words_lowered_as_bytes_lower_as_short_lower_lowers_them() {
        use super::{LoweredBytes, ShortLower};
        let mut words = words_near(&["hundred", "thousand", "about", "approximately", "tens"]);
        words.push("a".repeat(23));
        words.push("A".repeat(23));
        words.push("A".repeat(24));
        words.push("Ü".repeat(5));
        for text in &words {
            assert_eq!(
                LoweredBytes::new(text.as_bytes()).as_bytes(),
                ShortLower::new(text).as_bytes(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn signs_and_marks_are_told_by_their_bytes() {
        use super::{is_currency_symbol, Word};
        let signs = [
            "$", "£", "€", "¥", "₹", "₩", "–", "—", "-", "/", "’", "≈", "№",
        ];
        let mut texts = words_near(&["a", "to", "usd"]);
        for sign in signs {
            texts.push(sign.to_owned());
            for other in signs {
                texts.push(format!("{sign}{other}"));
            }
            // The sign's first byte, or all but its last: no sign.
            let bytes = sign.as_bytes();
            texts.push(String::from_utf8_lossy(&bytes[..1]).into_owned());
            texts.push(String::from_utf8_lossy(&bytes[..bytes.len() - 1]).into_owned());
        }
        for text in &texts {
            let word = word(text);
            assert_eq!(
                is_currency_symbol(word.text),
                matches!(text.as_str(), "$" | "£" | "€" | "¥" | "₹" | "₩"),
                "{text:?}"
            );
            assert_eq!(
                Word::is_dash(&word),
                matches!(text.as_str(), "-" | "–" | "—" | "/"),
                "{text:?}"
            );
        }
    }

    #[test]
    fn irregular_plurals_are_found_as_the_list_finds_them() {
        use super::irregular_singular;
        const IRREGULAR: &[(&str, &str)] = &[
            ("people", "person"),
            ("persons", "person"),
            ("men", "man"),
            ("women", "woman"),
            ("children", "child"),
            ("feet", "foot"),
            ("teeth", "tooth"),
            ("mice", "mouse"),
            ("geese", "goose"),
            ("police", "police"),
            ("staff", "staff"),
            ("crew", "crew"),
            ("personnel", "personnel"),
            ("series", "series"),
            ("news", "news"),
            ("species", "species"),
            ("aircraft", "aircraft"),
            ("sheep", "sheep"),
            ("cattle", "cattle"),
            ("fish", "fish"),
            ("bus", "bus"),
            ("gas", "gas"),
        ];
        let plurals: Vec<&str> = IRREGULAR.iter().map(|(plural, _)| *plural).collect();
        assert_eq!(plurals, super::IRREGULAR_PLURALS);
        let mut words = words_near(&plurals);
        words.extend(["person", "man", "child", "Police", "buses", "gass"].map(str::to_owned));
        for word in &words {
            let listed = IRREGULAR
                .iter()
                .find(|(plural, _)| plural == word)
                .map(|(_, single)| *single);
            assert_eq!(irregular_singular(word), listed, "{word:?}");
        }
    }

    #[test]
    fn measure_forms_are_told_as_their_singular_is_looked_up() {
        use super::{is_measure_form, listed, singular_of, MEASURES, MEASURE_SET, MEASURE_SHAPES};
        let mut forms: Vec<String> = Vec::new();
        for measure in MEASURES {
            forms.push((*measure).to_owned());
            forms.push(format!("{measure}es"));
            if let Some(stem) = measure.strip_suffix('y') {
                forms.push(format!("{stem}ies"));
            }
        }
        let forms: Vec<&str> = forms.iter().map(String::as_str).collect();
        let mut words = words_near(&forms);
        words.extend(
            [
                "feet", "teeth", "people", "police", "buses", "yies", "ies", "es", "s",
            ]
            .map(str::to_owned),
        );
        let mut measures = 0;
        for word in &words {
            let lower = word.to_lowercase();
            let plain = listed(&singular_of(&lower), &MEASURE_SET, &MEASURE_SHAPES);
            assert_eq!(is_measure_form(&lower), plain, "{word:?}");
            measures += usize::from(plain);
        }
        assert!(measures > 300, "{measures}");
    }

    fn word(text: &str) -> super::Word<'_> {
        super::Word {
            text: text.as_bytes(),
            start: 0,
            kind: crate::syntax::TokenKind::Word,
            space_before: false,
        }
    }

    #[test]
    fn bytes_lowered_as_they_are_are_ascii_and_no_capitals() {
        for byte in 0..=u8::MAX {
            assert_eq!(
                super::LOWERED_AS_IS[usize::from(byte)],
                byte.is_ascii() && !byte.is_ascii_uppercase(),
                "{byte:#x}"
            );
        }
    }

    #[test]
    fn words_lower_as_to_lowercase_lowers_them() {
        let mut words = words_near(&["mile", "people", "dollars", "percent"]);
        words.push("a".repeat(23));
        words.push("A".repeat(24));
        words.push("Ü".repeat(30));
        for text in &words {
            assert_eq!(
                word(text).lower(text).as_str(),
                text.to_lowercase(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn listed_words_are_told_by_their_shape_and_letters() {
        use super::*;
        let lists: [(&[&str], &Outlines); 7] = [
            (MONTHS, &MONTH_SHAPES),
            (CURRENCY_AFTER, &CURRENCY_AFTER_SHAPES),
            (MEASURES, &MEASURE_SHAPES),
            (TIME_AFTER, &TIME_AFTER_SHAPES),
            (IDENTIFIER_BEFORE, &IDENTIFIER_BEFORE_SHAPES),
            (SENTENCE_OPENERS, &SENTENCE_OPENER_SHAPES),
            (NOUN_STOPS, &NOUN_STOP_SHAPES),
        ];
        for (list, shapes) in lists {
            for text in words_near(list) {
                let word = word(&text);
                assert_eq!(word.is_listed(list, shapes), word.is_any(list), "{text:?}");
                let lower = text.to_lowercase();
                assert_eq!(
                    listed(&lower, &WordSet::new(list), shapes),
                    list.contains(&lower.as_str()),
                    "{lower:?}"
                );
            }
        }
        // The sets the model hashes into hold their lists.
        let sets: [(&[&str], &WordSet, &Outlines); 2] = [
            (CURRENCY_AFTER, &CURRENCY_AFTER_SET, &CURRENCY_AFTER_SHAPES),
            (MEASURES, &MEASURE_SET, &MEASURE_SHAPES),
        ];
        for (list, set, shapes) in sets {
            let mut near = words_near(list);
            near.extend(words_near(CURRENCY_AFTER));
            near.extend(words_near(MEASURES));
            for text in near {
                let lower = text.to_lowercase();
                assert_eq!(
                    listed(&lower, set, shapes),
                    list.contains(&lower.as_str()),
                    "{lower:?}"
                );
            }
        }
    }

    #[test]
    fn outlines_hold_the_words_of_a_listed_length_and_end_letters() {
        // Held to the plain outline: a word may be listed when a listed
        // word has its length (the longest sharing one) and its first and
        // last letters' places, in either case.
        use super::*;
        let place = |byte: u8| byte & 0x1f;
        let outline = |word: &[u8]| {
            (
                word.len().min(OUTLINE_LENGTHS - 1),
                place(word[0]),
                place(word[word.len() - 1]),
            )
        };
        for list in [MONTHS, TIME_AFTER, IDENTIFIER_BEFORE, NOUN_STOPS, MEASURES] {
            let outlines = Outlines::of(list);
            let listed: Vec<_> = list.iter().map(|word| outline(word.as_bytes())).collect();
            let mut words = words_near(list);
            words.extend(["", "a", "I", "İ", "1", "ａｍ", "internationally"].map(str::to_owned));
            for word in &words {
                let bytes = word.as_bytes();
                let plain = !bytes.is_empty() && listed.contains(&outline(bytes));
                assert_eq!(outlines.may_hold(bytes), plain, "{word:?}");
            }
            for word in list {
                assert!(
                    outlines.may_hold(word.to_uppercase().as_bytes()),
                    "{word:?}"
                );
            }
        }
    }

    #[test]
    fn a_word_of_no_last_word_shape_ends_no_approximation() {
        use super::{APPROXIMATE_BEFORE, APPROXIMATE_LAST_WORD_SHAPES};
        let last_words: Vec<&str> = APPROXIMATE_BEFORE
            .iter()
            .filter_map(|phrase| phrase.split(' ').next_back())
            .collect();
        for text in words_near(&last_words) {
            if !APPROXIMATE_LAST_WORD_SHAPES.may_hold(text.as_bytes()) {
                assert!(
                    !last_words
                        .iter()
                        .any(|last| text.eq_ignore_ascii_case(last)),
                    "{text:?}"
                );
            }
        }
        for last in last_words {
            assert!(APPROXIMATE_LAST_WORD_SHAPES.may_hold(last.as_bytes()));
        }
    }

    #[test]
    fn approximations_are_looked_up_by_their_last_word() {
        use super::{approximations_ending_with, APPROXIMATE_BEFORE};
        let last_word = |phrase: &str| phrase.split(' ').next_back().unwrap_or_default().to_owned();
        let mut words: Vec<String> = APPROXIMATE_BEFORE.iter().map(|p| last_word(p)).collect();
        words.extend(words_near(&["about", "than", "over", "as", "of"]));
        for word in &words {
            // Each phrase whole: its earlier words, farthest first, then
            // the last.
            let found: Vec<String> = approximations_ending_with(word.as_bytes())
                .iter()
                .map(|earlier| {
                    let mut phrase: Vec<&str> = earlier.iter().rev().copied().collect();
                    phrase.push(word);
                    phrase.join(" ")
                })
                .collect();
            let plain: Vec<&str> = APPROXIMATE_BEFORE
                .iter()
                .copied()
                .filter(|phrase| last_word(phrase) == *word)
                .collect();
            let mut sorted = found.to_vec();
            sorted.sort_unstable();
            let mut plain_sorted = plain.clone();
            plain_sorted.sort_unstable();
            assert_eq!(sorted, plain_sorted, "{word:?}");
            let counts: Vec<usize> = found.iter().map(|p| p.split(' ').count()).collect();
            assert!(counts.windows(2).all(|pair| pair[0] >= pair[1]), "{word:?}");
        }
    }

    #[test]
    fn qualifiers_are_found_as_trying_every_phrase_finds_them() {
        use super::{qualifier_before, Word, APPROXIMATE_BEFORE};
        use crate::source::Span;
        // The plain definition: every phrase tried where it would end,
        // the earliest start kept.
        fn plain(words: &[Word<'_>], start: usize) -> Option<Span> {
            let before = &words[start.checked_sub(1)?];
            if ["~", "≈", "<", ">"]
                .iter()
                .any(|mark| mark.as_bytes() == before.text)
            {
                return Some(before.span());
            }
            APPROXIMATE_BEFORE
                .iter()
                .filter_map(|phrase| {
                    let parts: Vec<&str> = phrase.split(' ').collect();
                    let from = start.checked_sub(parts.len())?;
                    parts
                        .iter()
                        .zip(&words[from..start])
                        .all(|(part, word)| word.text.eq_ignore_ascii_case(part.as_bytes()))
                        .then(|| Span::new(words[from].span().start, before.span().end))
                })
                .min_by_key(|span| span.start)
        }
        let vocabulary = [
            "more",
            "More",
            "THAN",
            "than",
            "about",
            "ABOUT",
            "only",
            "Only",
            "just",
            "well",
            "over",
            "under",
            "as",
            "As",
            "many",
            "few",
            "at",
            "least",
            "most",
            "up",
            "to",
            "close",
            "an",
            "estimated",
            "upwards",
            "of",
            "c",
            ".",
            "c.",
            "~",
            "≈",
            "<",
            ">",
            "the",
            "some",
            "nearly",
            "perhaps",
            "circa",
            "ａbout",
            "aboutt",
            "abou",
            "Ü",
            "more than",
            "14",
            "\u{212a}",
            "almost",
            "roughly",
            "fewer",
            "less",
            "maybe",
            "possibly",
            "around",
        ];
        let mut next = crate::pseudo_random::below(0x510e_527f_ade6_82d1);
        let mut found = 0;
        for _ in 0..20_000 {
            let length = 1 + next(6);
            let mut texts = Vec::new();
            let mut at = 0;
            for _ in 0..length {
                let text = vocabulary[next(vocabulary.len())];
                texts.push((text, Span::new(at, at + text.len())));
                at += text.len() + 1;
            }
            let words: Vec<Word<'_>> = texts
                .iter()
                .map(|&(text, span)| Word {
                    text: text.as_bytes(),
                    start: span.start as u32,
                    kind: crate::syntax::TokenKind::Word,
                    space_before: true,
                })
                .collect();
            for start in 0..=words.len() {
                let expected = plain(&words, start);
                found += usize::from(expected.is_some());
                assert_eq!(
                    qualifier_before(&words, start),
                    expected,
                    "{texts:?} {start}"
                );
            }
        }
        assert!(found > 5_000, "{found}");
    }

    #[test]
    fn multipliers_are_told_by_their_first_letter_and_letters() {
        use super::{multiplier, GLUED_MULTIPLIERS, MULTIPLIERS};
        let names: Vec<&str> = MULTIPLIERS
            .iter()
            .chain(GLUED_MULTIPLIERS)
            .map(|(name, _)| *name)
            .collect();
        for multipliers in [MULTIPLIERS, GLUED_MULTIPLIERS] {
            for text in words_near(&names) {
                let plain = multipliers
                    .iter()
                    .find(|(name, _)| text.eq_ignore_ascii_case(name))
                    .map(|(_, factor)| *factor);
                assert_eq!(multiplier(text.as_bytes(), multipliers), plain, "{text:?}");
            }
        }
    }

    #[test]
    fn figures_read_as_parsing_their_digits_reads_them() {
        // The plain definition: separators group by three, and the digits
        // without them are parsed.
        fn plain(text: &str) -> Option<f64> {
            let (whole, fraction) = match text.split_once('.') {
                Some((_, fraction)) if fraction.contains(['.', ',']) => return None,
                Some((whole, fraction)) => (whole, Some(fraction)),
                None => (text, None),
            };
            let mut groups = whole.split(',');
            let first = groups.next()?;
            if first.is_empty() || (whole.contains(',') && first.len() > 3) {
                return None;
            }
            let mut digits = String::from(first);
            for group in groups {
                if group.len() != 3 {
                    return None;
                }
                digits.push_str(group);
            }
            if let Some(fraction) = fraction {
                digits.push('.');
                digits.push_str(fraction);
            }
            digits.parse().ok()
        }
        let mut texts: Vec<String> = [
            "0",
            "007",
            "1.",
            ".5",
            "1,000",
            "1,00",
            "1000,000",
            "0.1",
            "0.3",
            "2.675",
            "1.5",
            "999999999999999",
            "1234567890123456",
            "9007199254740993",
            "0.000000000000001",
            "123456789.123456",
            "1,234,567.891",
            "1,234,567,890,123.45",
            "3.14159265358979",
            "1.000.000",
            "12,345.6789",
            "1a",
            "١٢",
            "1😀",
            "1\r\n",
        ]
        .map(str::to_owned)
        .to_vec();
        let mut next = crate::pseudo_random::below(0xbb67_ae85_84ca_a73b);
        for _ in 0..20_000 {
            let mut text = String::new();
            for part in 0..1 + next(4) {
                if part > 0 {
                    text.push(if next(3) == 0 { '.' } else { ',' });
                }
                let long = next(4) == 0;
                for _ in 0..1 + next(if long { 9 } else { 4 }) {
                    text.push(char::from(b'0' + next(10) as u8));
                }
            }
            texts.push(text);
        }
        for text in &texts {
            assert_eq!(
                super::figure_value(text.as_bytes()).map(f64::to_bits),
                plain(text).map(f64::to_bits),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_lone_year_opens_no_mention() {
        // The quick test against the general path: every figure it turns
        // away opens no mention where it stands.
        use super::{is_lone_year, mention_at, Word};
        let mut lone = 0;
        for before in [
            "", "in ", "$", "US$", "a ", "about ", "between ", "March ", "to ",
        ] {
            for figure in [
                "1000", "1999", "2004", "2199", "2200", "0999", "999", "12004", "2004.5", "2,004",
            ] {
                for after in [
                    "",
                    " million",
                    "m",
                    "bn",
                    " BN",
                    " people",
                    "-year",
                    " mln dlrs",
                    "\r\n",
                    "s",
                    ",",
                    " to 2010",
                    " and 2010",
                    " k",
                    "k",
                    " \n million",
                    "%",
                    " of",
                    " of the 20 passengers",
                    " million of",
                ] {
                    let text = format!("{before}{figure}{after} fled.");
                    let syntax = crate::syntax::parse(&text);
                    let quotations = crate::model::quotes::pair_quotation_marks(&text, &syntax);
                    for statement in &syntax.statements {
                        let tokens = &syntax.tokens[statement.tokens.clone()];
                        let mut words = Vec::new();
                        let mut at_word = Vec::new();
                        let mut space = false;
                        for token in tokens {
                            at_word.push(words.len());
                            if token.is_space() {
                                space = true;
                                continue;
                            }
                            words.push(Word::of(token, &text, space));
                            space = false;
                        }
                        for (at, token) in tokens.iter().enumerate() {
                            if token.kind != TokenKind::Number || !is_lone_year(&text, tokens, at) {
                                continue;
                            }
                            lone += 1;
                            let start = at_word[at];
                            let mut out = Vec::new();
                            let next = mention_at(&text, &words, start, 0, &quotations, &mut out);
                            assert_eq!((next, out.len()), (start + 1, 0), "{text:?}");
                        }
                    }
                }
            }
        }
        assert!(lone > 400, "{lone}");
    }

    #[test]
    fn all_capitals_headlines_are_skipped() {
        insta::assert_snapshot!(mentions("14 KILLED IN BLAST\n\nThirteen people were killed."), @r#"
        "Thirteen" Some(13.0) Count noun=Some("person")
        "#);
    }
}
