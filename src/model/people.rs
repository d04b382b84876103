//! People: the ages and titles an article attaches to a named person,
//! computed once per article from the name mentions ([`super::names`]).
//!
//! Each [`PersonMention`] is a name mention that carries a fact: a title in
//! front of it ("Gen. Mark Milley", "Defence Minister Ben Wallace") or an
//! age beside it ("John Smith, 45,", "Smith (45)", "45-year-old John
//! Smith", "John Smith, a 45-year-old teacher", "Smith, aged 45"). The
//! title is split off the name: a mention's name is the words after its
//! last title word ([`is_title_word`]), and a title abbreviation standing
//! as its own run before the name ("Gen." then "Mark Milley", "Lt. Col."
//! then "Smith") belongs to the name after it.
//!
//! Which mentions are one person is decided here too, once, so every rule
//! reads the same answer ([`PersonMention::person`]). Mentions are bucketed
//! by folded surname; a surname names one person unless the article shows
//! two people sharing it: two different given names ("John Smith", "Mary
//! Smith"), a man's and a woman's title ("Mr Smith", "Mrs Smith"), a pair
//! ("John and Mary Smith", "Mr and Mrs Smith") or a group ("the Smiths",
//! "the Williams sisters"). In a shared bucket only full names identify a
//! person; a bare surname identifies nobody.
//!
//! Recognition is deliberately narrow: an editor's linter must not invent
//! facts. Whether an age is the person's age *now* (not "when he was 45")
//! is for the rules to judge from the statement; the model records where
//! each fact is stated.

use std::ops::Range;

use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

use super::names::{fold_name, is_common_word_in_any_case, NameMention};
use crate::model::{ShortLower, WordShapes};
use crate::source::Span;
use crate::syntax::{BlockKind, Syntax, Token, TokenKind};

/// A name mention with an age or a title attached.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PersonMention {
    /// The name, without title or possessive: "Mark Milley".
    pub span: Span,
    /// Index into the article's statements.
    pub statement: usize,
    /// The folded surname: "milley".
    pub surname: String,
    /// The folded given name when the mention has one: "mark" (the word
    /// before the surname, or the first word when that is an initial).
    pub given: Option<String>,
    /// Which person this is, as a key shared by every mention of that
    /// person ("milley", or "smith mary" when several Smiths appear); `None`
    /// when the mention could be any of several people sharing a surname.
    pub person: Option<String>,
    pub title: Option<TitleFact>,
    pub age: Option<AgeFact>,
}

/// A title or rank written in front of a name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TitleFact {
    /// From the first title word to the last, with an abbreviation's full
    /// stop: "Lt. Col.", "Defence Minister".
    pub span: Span,
    /// The title as written (the text of `span`).
    pub text: String,
    /// Lowercase words just before the title ("former", "then", "the
    /// late"), for rules that discount titles a person no longer holds.
    pub preceding: Vec<String>,
    /// Whether the title is one of several joined by "and" or "&" in front
    /// of one name ("Prime Minister and Finance Minister X").
    pub joint: bool,
}

/// An age stated for a person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AgeFact {
    /// The number of years, as written.
    pub span: Span,
    pub years: u32,
    pub form: AgeForm,
}

/// How an age is attached to its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AgeForm {
    /// "John Smith, 45,"
    Apposition,
    /// "John Smith (45)"
    Bracketed,
    /// "45-year-old John Smith"
    Before,
    /// "John Smith, a 45-year-old teacher"
    Described,
    /// "John Smith, aged 45"
    Aged,
}

/// The people facts of one article.
#[derive(Clone, Debug, Default)]
pub struct People {
    mentions: Vec<PersonMention>,
}

impl People {
    /// Every mention with a fact, in text order.
    pub fn mentions(&self) -> &[PersonMention] {
        &self.mentions
    }

    /// The mentions in one statement.
    pub fn in_statement(&self, statement: usize) -> &[PersonMention] {
        let start = self.mentions.partition_point(|m| m.statement < statement);
        let end = self.mentions.partition_point(|m| m.statement <= statement);
        &self.mentions[start..end]
    }
}

/// Oldest age taken for a person's.
const MAX_AGE: u32 = 120;

/// Most words in a person's name, without a generational suffix.
const MAX_NAME_WORDS: usize = 4;

/// Words that make a title (folded: lower case, no full stop). A name's
/// title ends at the last of these in its run; the rules decide which
/// titles conflict.
const TITLE_WORDS: &[&str] = &[
    "adm",
    "admiral",
    "ambassador",
    "archbishop",
    "attorney",
    "ayatollah",
    "bishop",
    "brig",
    "brigadier",
    "capt",
    "captain",
    "cardinal",
    "cdr",
    "chair",
    "chairman",
    "chairwoman",
    "chancellor",
    "chief",
    "cmdr",
    "coach",
    "col",
    "colonel",
    "commander",
    "commissioner",
    "commodore",
    "congressman",
    "congresswoman",
    "constable",
    "corporal",
    "cpl",
    "dame",
    "deputy",
    "detective",
    "director",
    "dr",
    "duchess",
    "duke",
    "ensign",
    "executive",
    "father",
    "gen",
    "general",
    "gov",
    "governor",
    "inspector",
    "judge",
    "justice",
    "king",
    "lady",
    "lieut",
    "lieutenant",
    "lord",
    "lt",
    "maj",
    "major",
    "manager",
    "marshal",
    "mayor",
    "minister",
    "miss",
    "mr",
    "mrs",
    "ms",
    "officer",
    "pope",
    "premier",
    "president",
    "prince",
    "princess",
    "private",
    "prof",
    "professor",
    "pte",
    "pvt",
    "queen",
    "rabbi",
    "rep",
    "representative",
    "rev",
    "reverend",
    "secretary",
    "sen",
    "senator",
    "sergeant",
    "sgt",
    "sheikh",
    "sheriff",
    "sir",
    "speaker",
    "spokesman",
    "spokeswoman",
    "superintendent",
];

/// Words that continue a title after "of": "Secretary of State",
/// "Minister of Defence", "Chief of Staff".
const OFFICE_WORDS: &[&str] = &[
    "affairs",
    "agriculture",
    "commerce",
    "defence",
    "defense",
    "education",
    "energy",
    "finance",
    "foreign",
    "health",
    "homeland",
    "interior",
    "justice",
    "labor",
    "labour",
    "security",
    "staff",
    "state",
    "trade",
    "transport",
    "transportation",
    "treasury",
    "war",
];

const MALE_TITLES: &[&str] = &[
    "baron",
    "brother",
    "congressman",
    "duke",
    "earl",
    "father",
    "king",
    "lord",
    "mr",
    "prince",
    "sir",
];

const FEMALE_TITLES: &[&str] = &[
    "baroness",
    "congresswoman",
    "dame",
    "duchess",
    "lady",
    "miss",
    "mrs",
    "ms",
    "princess",
    "queen",
    "sister",
];

/// Words after a surname that make it a group of people: "the Williams
/// sisters", "the Smith family".
const GROUP_WORDS: &[&str] = &[
    "brothers", "children", "clan", "couple", "family", "parents", "siblings", "sisters", "twins",
];

/// Generational suffixes: part of a full name, never its surname.
const SUFFIXES: &[&str] = &["i", "ii", "iii", "iv", "jnr", "jr", "snr", "sr"];

/// Words of company and institution names: "General Electric Co",
/// "General Motors", "Admiral Acquisition" are not titled people.
const COMPANY_WORDS: &[&str] = &[
    "acquisition",
    "ag",
    "assembly",
    "bank",
    "capital",
    "co",
    "company",
    "corp",
    "corporation",
    "dynamics",
    "electric",
    "financial",
    "group",
    "holdings",
    "inc",
    "international",
    "league",
    "llc",
    "ltd",
    "mills",
    "motors",
    "partners",
    "plc",
    "sa",
];

const MONTHS_AND_DAYS: &[&str] = &[
    "april",
    "august",
    "december",
    "february",
    "friday",
    "january",
    "july",
    "june",
    "march",
    "may",
    "monday",
    "november",
    "october",
    "saturday",
    "september",
    "sunday",
    "thursday",
    "tuesday",
    "wednesday",
];

/// Whether a word (any case, with or without its full stop) is a title
/// word.
pub fn is_title_word(word: &str) -> bool {
    word_class(word, TITLE) != 0
}

/// [`is_title_word`] of the word at `span` in `text`.
fn is_title_span(text: &str, span: Span) -> bool {
    span_class(text, span, TITLE) != 0
}

// The lists a word can be in, as bits of its [`word_class`].
const TITLE: u8 = 1;
const OFFICE: u8 = 1 << 1;
const SUFFIX: u8 = 1 << 2;
const COMPANY: u8 = 1 << 3;
const MONTH_OR_DAY: u8 = 1 << 4;
const OPENER: u8 = 1 << 5;

/// Every list with its bit.
const CLASSED_LISTS: [(&[&str], u8); 6] = [
    (TITLE_WORDS, TITLE),
    (OFFICE_WORDS, OFFICE),
    (SUFFIXES, SUFFIX),
    (COMPANY_WORDS, COMPANY),
    (MONTHS_AND_DAYS, MONTH_OR_DAY),
    (OPENERS, OPENER),
];

/// The shapes of every listed word: most capitalised words are none of
/// them, and are told so before being hashed.
static CLASSED_SHAPES: WordShapes = {
    let mut shapes = WordShapes::EMPTY;
    let mut list = 0;
    while list < CLASSED_LISTS.len() {
        shapes = shapes.with_all(CLASSED_LISTS[list].0);
        list += 1;
    }
    shapes
};

/// For each first and last letter of a listed word, a bit for each length
/// listed words of those letters have, and the bits of their lists. Any
/// byte but an ASCII letter has the last row and column, which rule out
/// nothing.
static CLASSED_ENDS: [[(u32, u8); 27]; 27] = {
    let mut ends = [[(0, 0); 27]; 27];
    let mut other = 0;
    while other < 27 {
        ends[26][other] = (u32::MAX, u8::MAX);
        ends[other][26] = (u32::MAX, u8::MAX);
        other += 1;
    }
    let mut list = 0;
    while list < CLASSED_LISTS.len() {
        let (words, bit) = CLASSED_LISTS[list];
        let mut word = 0;
        while word < words.len() {
            let bytes = words[word].as_bytes();
            let first = LETTER_INDEX[bytes[0] as usize] as usize;
            let last = LETTER_INDEX[bytes[bytes.len() - 1] as usize] as usize;
            ends[first][last].0 |= 1 << bytes.len();
            ends[first][last].1 |= bit;
            word += 1;
        }
        list += 1;
    }
    ends
};

/// For each byte, its letter's place in the alphabet if it is an ASCII
/// letter (in either case), else 26.
static LETTER_INDEX: [u8; 256] = {
    let mut index = [26; 256];
    let mut letter = 0;
    while letter < 26 {
        index[(b'a' + letter) as usize] = letter;
        index[(b'A' + letter) as usize] = letter;
        letter += 1;
    }
    index
};

/// Whether a word of these first and last bytes and length is in none of
/// the `wanted` lists, as far as those tell. A word that begins and ends
/// with ASCII letters folds to one that begins and ends with those letters
/// lowered, and is no longer: a character outside ASCII folds to no more
/// ASCII letters than it has bytes, or to letters outside ASCII that no
/// list holds. Most words are turned away by these three things before
/// the bytes between are read, or even sliced.
fn ends_rule_out(first: u8, last: u8, len: usize, wanted: u8) -> bool {
    let (lengths, lists) = CLASSED_ENDS[usize::from(LETTER_INDEX[usize::from(first)])]
        [usize::from(LETTER_INDEX[usize::from(last)])];
    let at_most = if len < 31 {
        (2u32 << len) - 1
    } else {
        u32::MAX
    };
    lists & wanted == 0 || lengths & at_most == 0
}

/// The lists `word`, folded, is in, as bits, of those in `wanted`: one
/// fold and at most one look-up for all of them, where a word is asked
/// about several lists in turn (title, office, suffix, company, opener,
/// month or day).
fn word_class(word: &str, wanted: u8) -> u8 {
    let bytes = word.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(&first), Some(&last)) if ends_rule_out(first, last, bytes.len(), wanted) => 0,
        _ => wanted & class_past_ends(word),
    }
}

/// [`word_class`] of the word at `span` in `text`, its ends read where
/// they stand.
fn span_class(text: &str, span: Span, wanted: u8) -> u8 {
    let bytes = text.as_bytes();
    match (
        bytes.get(span.start),
        span.end.checked_sub(1).and_then(|last| bytes.get(last)),
    ) {
        (Some(&first), Some(&last))
            if span.start < span.end && ends_rule_out(first, last, span.len(), wanted) =>
        {
            0
        }
        _ => word_class(span.slice(text), wanted),
    }
}

/// [`word_class`] of every list, for a word its ends have not turned away.
fn class_past_ends(word: &str) -> u8 {
    static CLASSES: std::sync::OnceLock<ClassTable> = std::sync::OnceLock::new();
    let classes = || CLASSES.get_or_init(ClassTable::new);
    let bytes = word.as_bytes();
    // ASCII letters only fold to themselves in lower case: their shape
    // (length, first and last letter) turns most of the rest away in one
    // pass and two table reads, without a fold.
    if bytes.iter().all(u8::is_ascii_alphabetic) {
        if !CLASSED_SHAPES.may_hold(bytes) {
            return 0;
        }
        return classes().class(bytes);
    }
    // Folding an ASCII word needs no allocation.
    let folded = ShortLower::folded(word);
    let folded = folded.as_bytes();
    if !folded.is_empty() {
        if !CLASSED_SHAPES.may_hold(folded) {
            return 0;
        }
        return classes().class(folded);
    }
    // Empty: a word that is not ASCII, or ASCII that folds to nothing or
    // to more than any listed word.
    if word.is_ascii() {
        return 0;
    }
    classes().class(fold_name(word).as_bytes())
}

/// The listed words with their classes, in buckets by first letter and
/// length: a word is compared with the few listed words of its bucket,
/// in any case, where a hash would first need it lowered.
struct ClassTable {
    buckets: Vec<Vec<(&'static [u8], u8)>>,
}

impl ClassTable {
    /// Longer than any listed word.
    const LENGTHS: usize = 16;

    fn new() -> Self {
        let mut buckets: Vec<Vec<(&'static [u8], u8)>> = vec![Vec::new(); 26 * Self::LENGTHS];
        for (words, bit) in CLASSED_LISTS {
            for word in words {
                let word = word.as_bytes();
                let bucket = &mut buckets[Self::bucket(word).expect("listed words fit the table")];
                match bucket.iter_mut().find(|(listed, _)| *listed == word) {
                    Some((_, class)) => *class |= bit,
                    None => bucket.push((word, bit)),
                }
            }
        }
        ClassTable { buckets }
    }

    fn bucket(word: &[u8]) -> Option<usize> {
        let first = *word.first()?;
        (first.is_ascii_alphabetic() && word.len() < Self::LENGTHS)
            .then(|| usize::from(first.to_ascii_lowercase() - b'a') * Self::LENGTHS + word.len())
    }

    /// The class of a word already folded, or of ASCII letters in any case.
    fn class(&self, word: &[u8]) -> u8 {
        Self::bucket(word).map_or(0, |bucket| {
            self.buckets[bucket]
                .iter()
                .find(|(listed, _)| listed.eq_ignore_ascii_case(word))
                .map_or(0, |&(_, class)| class)
        })
    }
}

/// Words that open a sentence and run into a capitalised title: "But Mr
/// Howard", "During Mr. Sessions' hearing".
const OPENERS: &[&str] = &[
    "after",
    "also",
    "although",
    "and",
    "as",
    "at",
    "because",
    "before",
    "but",
    "by",
    "during",
    "even",
    "for",
    "from",
    "however",
    "if",
    "in",
    "last",
    "meanwhile",
    "next",
    "on",
    "since",
    "so",
    "the",
    "then",
    "this",
    "though",
    "when",
    "while",
    "with",
    "yet",
];

/// A mention split into its title words and name words.
struct Split<'n> {
    /// The mention's words ([`NameMention::words`]), read once: the later
    /// passes ask for them again and again.
    words: &'n [Span],
    /// Index of the first name word in the mention's words.
    name_from: usize,
    title: Option<(Span, bool)>,
}

pub fn people(text: &str, syntax: &Syntax, names: &[NameMention]) -> People {
    people_finding(text, syntax, names, Asking::MayBeEvidence)
}

/// The split of a mention with a title, by the mention's index.
#[derive(Clone, Copy)]
struct Titled {
    index: usize,
    name_from: usize,
    title: (Span, bool),
}

/// The split of mention `position`, from the splits with a title (in the
/// mentions' order): one without is all its words as the name.
fn split_at<'n>(titled: &[Titled], mention: &'n NameMention, position: usize) -> Split<'n> {
    let words = mention.words();
    match titled.binary_search_by_key(&position, |titled| titled.index) {
        Ok(found) => Split {
            words,
            name_from: titled[found].name_from,
            title: Some(titled[found].title),
        },
        Err(_) => Split {
            words,
            name_from: 0,
            title: None,
        },
    }
}

/// Which mentions without a fact [`people_finding`] asks for their person,
/// to weigh the evidence of shared surnames.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Asking {
    /// Those that may be evidence: a one-word name without a title is
    /// none unless it names a group.
    MayBeEvidence,
    /// Every one whose surname is a candidate's: the plain way, which the
    /// tests hold the other to.
    #[cfg_attr(not(test), allow(dead_code))]
    Every,
}

/// [`people`], asking for the persons of the mentions without a fact that
/// `asking` says.
fn people_finding(text: &str, syntax: &Syntax, names: &[NameMention], asking: Asking) -> People {
    let tokens = &syntax.tokens;
    let mut starts = TokenStarts::new(tokens);
    // The tokens of a mention's statement, where the tokens around it are
    // looked for first.
    let near = |mention: &NameMention| {
        syntax
            .statements
            .get(mention.statement)
            .map_or(0..0, |statement| statement.tokens.clone())
    };

    // Team sheets and scorecards put minutes and runs in brackets after
    // names ("Kennedy (60)"): a bracketed number is an age only when it is
    // the statement's only one. Counted for the statements that need it.
    let mut bracketed: HashMap<usize, usize> = HashMap::default();
    let mut bracketed_in = |statement: usize| -> usize {
        *bracketed.entry(statement).or_insert_with(|| {
            syntax.statements.get(statement).map_or(0, |statement| {
                tokens[statement.tokens.clone()]
                    .windows(3)
                    .filter(|w| {
                        w[0].span().slice(text) == "("
                            && w[1].kind == TokenKind::Number
                            && w[2].span().slice(text) == ")"
                    })
                    .count()
            })
        })
    };

    // Split titles off names, joining a title run before a name ("Gen." +
    // "Mark Milley") and "of" phrases ("Secretary of" + "State Mike Pompeo").
    // Only the splits with a title are kept, by their mentions' indexes
    // ([`split_at`]): any other mention's split is all its words as the
    // name.
    let mut titled: Vec<Titled> = Vec::new();
    let mut candidates: Vec<PersonMention> = Vec::new();
    // Each split's person as the first pass found it, for the pass below.
    let mut asked = vec![Asked::Not; names.len()];
    for (index, mention) in names.iter().enumerate() {
        let words = mention.words();
        let mut name_from = 0;
        let mut title_span: Option<Span> = None;
        // The last title word with a name word after it.
        if let Some(last) = (0..words.len().saturating_sub(1))
            .rev()
            .find(|&i| is_title_span(text, words[i]))
        {
            name_from = last + 1;
            // A sentence's opening words are not part of its title: "But
            // Mr Howard", "On Wednesday Transport Minister Martin Cullen".
            let mut first = 0;
            if mention.sentence_initial {
                while first < last && span_class(text, words[first], OPENER | MONTH_OR_DAY) != 0 {
                    first += 1;
                }
            }
            title_span = Some(Span::new(words[first].start, words[last].end));
        }
        // "Secretary of State Mike Pompeo": the run after "of" starts with
        // office words that belong to the title before it.
        if title_span.is_none() && index > 0 && words.len() > 1 {
            let previous = &names[index - 1];
            // Read as bytes: a slice of the text would test its ends for
            // character boundaries first.
            let between =
                &text.as_bytes()[previous.span.end.min(mention.span.start)..mention.span.start];
            if previous.statement == mention.statement
                && matches!(between, b" of " | b" of the ")
                && previous
                    .words()
                    .last()
                    .is_some_and(|word| is_title_span(text, *word))
            {
                let office = words
                    .iter()
                    .take_while(|word| span_class(text, **word, OFFICE) != 0)
                    .count();
                if office > 0 && office < words.len() {
                    name_from = office;
                    title_span = Some(Span::new(previous.span.start, words[office - 1].end));
                }
            }
        }
        // "Gen. Mark Milley", "Lt. Col. Smith": abbreviations as runs of
        // their own, each ended by a full stop and a space.
        let mut start = title_span.map_or(mention.span.start, |span| span.start);
        let mut end = title_span.map(|span| span.end);
        let mut cursor = index;
        // At most three abbreviations ("Lt. Col.", "Brig. Gen."): the bound
        // keeps a run of "Mr. Mr. Mr. …" linear.
        while cursor > 0 && index - cursor < 3 {
            // The run before must end just before a full stop and a space
            // or line break, two or three bytes before the start: its end
            // turns away nearly every mention by one test seldom passed,
            // where the bytes before the start (a space before most names,
            // a full stop before some) were a branch that often guessed
            // wrong. The text then tells the length of the gap.
            let previous = &names[cursor - 1];
            if start.wrapping_sub(previous.span.end).wrapping_sub(2) >= 2 {
                break;
            }
            let gap = match text.as_bytes()[..start] {
                [.., b'.', b' ' | b'\n'] => 2,
                [.., b'.', b'\r', b'\n'] => 3,
                _ => break,
            };
            if previous.statement != mention.statement
                || previous.span.end != start - gap
                || previous.possessive.is_some()
                || !previous
                    .words()
                    .last()
                    .is_some_and(|word| is_title_span(text, *word))
            {
                break;
            }
            if end.is_none() {
                end = Some(previous.span.end + 1);
            }
            start = previous.span.start;
            cursor -= 1;
        }
        let title = end.map(|end| {
            // Include an abbreviation's full stop.
            let end = if text[end..].starts_with('.') && end < mention.span.start {
                end + 1
            } else {
                end
            };
            let span = Span::new(start, end);
            (span, is_joint(text, names, cursor, span))
        });
        let split = Split {
            words,
            name_from,
            title,
        };
        // The mentions with a fact, found as each mention is split rather
        // than in a pass over the splits after, which read every mention
        // and its split again. The cheap tests come first: most mentions
        // have neither title nor age, and need no person's name.
        'candidate: {
            if split.words.get(split.name_from).is_none() {
                break 'candidate;
            }
            let age = if mention.possessive.is_some() {
                None
            } else {
                // "John Smith Jr., 20,": past the suffix's full stop.
                let after_name = if text.as_bytes().get(mention.span.end) == Some(&b'.')
                    && mention
                        .words()
                        .last()
                        .is_some_and(|word| span_class(text, *word, SUFFIX) != 0)
                {
                    mention.span.end + 1
                } else {
                    mention.span.end
                };
                // Most names are turned away by the text around them, before
                // their tokens are found.
                may_be_age_after(text.get(after_name..).unwrap_or_default())
                    .then(|| age_after(text, tokens, starts.at_near(after_name, near(mention))))
                    .flatten()
                    .filter(|age| {
                        age.form != AgeForm::Bracketed || bracketed_in(mention.statement) == 1
                    })
                    .or_else(|| {
                        // Before the title, or else before the name's words,
                        // which are found only when the text there can end an
                        // age: the first word may be a common word opening the
                        // sentence, and not the name's ("Yesterday Smith").
                        let may_end_age_before = |offset: usize| {
                            may_be_age_before(text.get(..offset).unwrap_or_default())
                        };
                        // Without a title the name's words are the mention's
                        // from the first, or from the second after a common
                        // word opening the sentence ([`name_words`]).
                        let words = split.words;
                        let before_start = match split.title {
                            Some((span, _)) => span.start,
                            None if may_end_age_before(words[0].start)
                                || (mention.sentence_initial
                                    && words.len() > 1
                                    && may_end_age_before(words[1].start)) =>
                            {
                                name_words(text, mention, &split).first()?.start
                            }
                            None => return None,
                        };
                        if !may_end_age_before(before_start) {
                            return None;
                        }
                        age_before(text, tokens, starts.at_near(before_start, near(mention)))
                    })
            };
            if split.title.is_none() && age.is_none() {
                break 'candidate;
            }
            // Headlines capitalise every word, so their runs are not names.
            // Asked after the tests above, which turn away most mentions
            // from the text beside them, rather than of every mention: the
            // statement's block is two reads away.
            let in_headline = syntax
                .statements
                .get(mention.statement)
                .and_then(|statement| syntax.blocks.get(statement.block))
                .is_some_and(|block| block.kind == BlockKind::Headline);
            if in_headline {
                break 'candidate;
            }
            let name_words = name_words(text, mention, &split);
            let (Some(first), Some(last)) = (name_words.first(), name_words.last()) else {
                break 'candidate;
            };
            let name_span = Span::new(first.start, last.end);
            let Some(person) = person_name(text, name_words) else {
                asked[index] = Asked::NoPerson;
                break 'candidate;
            };
            asked[index] = Asked::Candidate(candidates.len());
            let title = split.title.map(|(span, joint)| TitleFact {
                span,
                text: span.slice(text).to_owned(),
                preceding: preceding_words(
                    text,
                    tokens,
                    syntax
                        .statements
                        .get(mention.statement)
                        .map_or(0, |statement| statement.tokens.start),
                    starts.at_near(span.start, near(mention)),
                ),
                joint,
            });
            candidates.push(PersonMention {
                span: name_span,
                statement: mention.statement,
                surname: person.surname,
                given: person.given,
                person: None,
                title,
                age,
            });
        }
        if let Some(title) = split.title {
            titled.push(Titled {
                index,
                name_from: split.name_from,
                title,
            });
        }
    }

    // The evidence of shared surnames, kept only for the surnames of the
    // mentions above: no other is asked about.
    let mut shared: HashMap<String, Evidence> = candidates
        .iter()
        .map(|candidate| (candidate.surname.clone(), Evidence::default()))
        .collect();
    // Every surname the pass below looks up, and every suffix, by its ends
    // and length: most last words are neither, and are turned away by two
    // table reads rather than a fold and a hash, or the suffixes' look-up.
    let mut surname_ends = SUFFIX_ENDS;
    for surname in shared.keys() {
        surname_ends.add(surname);
    }
    for (position, mention) in names.iter().enumerate() {
        if shared.is_empty() {
            break;
        }
        // A candidate's person is known already; of the others, most are
        // turned away by their last word without a person's name: the
        // surname is the last word's, unless that is a suffix.
        let computed;
        // Asked at most once: a group's one-word name is kept by it below.
        let mut is_group = None;
        let title;
        let (surname, given) = match asked[position] {
            Asked::NoPerson => continue,
            Asked::Candidate(index) => {
                let candidate = &candidates[index];
                title = candidate.title.as_ref().map(|title| title.span);
                (&candidate.surname, &candidate.given)
            }
            Asked::Not => {
                // The name's last word, with or without a title.
                let Some(&last) = mention.words().last() else {
                    continue;
                };
                if !surname_ends.may_hold(text, last) {
                    continue;
                }
                let split = &split_at(&titled, mention, position);
                title = split.title.map(|(span, _)| span);
                // A word held only by the suffixes' ends, neither a suffix
                // nor a surname, is turned away below as unlisted.
                let suffix = span_class(text, last, SUFFIX) != 0;
                // A name of one word gives no given name, and without a
                // title no sex: unless it is a group's, it is no evidence
                // of anything, and neither its surname nor its person need
                // be found.
                if asking == Asking::MayBeEvidence
                    && split.words.len() - split.name_from == 1
                    && split.title.is_none()
                    && !*is_group.get_or_insert_with(|| names_a_group(text, names, position))
                {
                    continue;
                }
                let last = last.slice(text);
                let listed = suffix || {
                    // Folding an ASCII word needs no allocation.
                    let folded = ShortLower::folded(last);
                    if folded.as_bytes().is_empty() {
                        shared.contains_key(fold_name(last).as_str())
                    } else {
                        shared.contains_key(folded.as_str())
                    }
                };
                if !listed {
                    continue;
                }
                let Some(person) = person_name(text, name_words(text, mention, split)) else {
                    continue;
                };
                computed = person;
                (&computed.surname, &computed.given)
            }
        };
        let Some(evidence) = shared.get_mut(surname) else {
            continue;
        };
        if let Some(given) = given {
            evidence.add_given(given);
        }
        if let Some(span) = title {
            let last = fold_name(span.slice(text).split_whitespace().last().unwrap_or(""));
            if MALE_TITLES.contains(&last.as_str()) {
                evidence.male = true;
            }
            if FEMALE_TITLES.contains(&last.as_str()) {
                evidence.female = true;
            }
        }
        if is_group.unwrap_or_else(|| names_a_group(text, names, position)) {
            evidence.group = true;
        }
    }
    // Plurals: "the Smiths" shares the surname "smith".
    for mention in names {
        if shared.is_empty() {
            break;
        }
        let before = &text.as_bytes()[..mention.span.start];
        if !(before.ends_with(b"the ") || before.ends_with(b"The ")) || mention.words().len() != 1 {
            continue;
        }
        // Only a word that folds to one ending in "s" can be a plural;
        // most end in another ASCII letter, which they fold to lowered.
        if text.as_bytes()[..mention.span.end]
            .last()
            .is_some_and(|&last| last.is_ascii_alphabetic() && !last.eq_ignore_ascii_case(&b's'))
        {
            continue;
        }
        let word = fold_name(mention.words()[0].slice(text));
        for stem in [word.strip_suffix("es"), word.strip_suffix('s')]
            .into_iter()
            .flatten()
        {
            if let Some(evidence) = shared.get_mut(stem) {
                evidence.group = true;
            }
        }
    }
    for candidate in &mut candidates {
        let evidence = shared.get(&candidate.surname);
        let is_shared = evidence.is_some_and(Evidence::is_shared);
        candidate.person = match (&candidate.given, is_shared) {
            (_, false) => Some(candidate.surname.clone()),
            (Some(given), true) => Some(format!("{} {given}", candidate.surname)),
            (None, true) => None,
        };
    }
    People {
        mentions: candidates,
    }
}

/// Whether mention `position` names a group of people who
/// share a surname: "the Smith family", "John and Mary Smith", "Mr and Mrs
/// Smith".
fn names_a_group(text: &str, names: &[NameMention], position: usize) -> bool {
    let mention = &names[position];
    let after = &text[mention.span.end..];
    if let Some(next) = after
        .strip_prefix(' ')
        .and_then(|rest| rest.split(|c: char| !c.is_alphabetic()).next())
    {
        if GROUP_WORDS.contains(&next) {
            return true;
        }
    }
    if let Some(previous) = position.checked_sub(1).map(|p| &names[p]) {
        let between = &text[previous.span.end.min(mention.span.start)..mention.span.start];
        let between = between.strip_prefix('.').unwrap_or(between);
        if previous.statement == mention.statement
            && previous.words().len() == 1
            && mention.words().len() > 1
            && matches!(between, " and " | " & ")
        {
            return true;
        }
    }
    false
}

/// The lengths and last letters of a few folded words, kept for each first
/// letter: a word of ASCII letters at both ends folds to one of those ends
/// lowered and no longer, if it folds to ASCII ([`word_class`]), so a word
/// whose last letter or length none of those of its first letter allow
/// folds to none of them. A word folded outside ASCII is taken to have
/// every length.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct FoldedEnds {
    lengths: [u32; 26],
    last_letters: [u32; 26],
}

/// The ends of the generational suffixes ([`SUFFIXES`]).
const SUFFIX_ENDS: FoldedEnds = FoldedEnds::of_lowercase_ascii(SUFFIXES);

impl FoldedEnds {
    /// [`FoldedEnds::add`] of each of `words`, words of lower-case ASCII
    /// letters, worked out when compiling.
    const fn of_lowercase_ascii(words: &[&str]) -> FoldedEnds {
        let mut ends = FoldedEnds {
            lengths: [0; 26],
            last_letters: [0; 26],
        };
        let mut index = 0;
        while index < words.len() {
            let bytes = words[index].as_bytes();
            let first = (bytes[0] - b'a') as usize;
            ends.last_letters[first] |= 1 << (bytes[bytes.len() - 1] - b'a');
            ends.lengths[first] |= 1 << if bytes.len() < 31 { bytes.len() } else { 31 };
            index += 1;
        }
        ends
    }

    fn add(&mut self, folded: &str) {
        let bytes = folded.as_bytes();
        let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
            return;
        };
        let (first, last) = (
            LETTER_INDEX[usize::from(first)],
            LETTER_INDEX[usize::from(last)],
        );
        // No word of ASCII letters at both ends folds to one ending
        // otherwise, and no other word is turned away.
        if first < 26 && last < 26 {
            let first = usize::from(first);
            self.last_letters[first] |= 1 << last;
            self.lengths[first] |= if folded.is_ascii() {
                1 << bytes.len().min(31)
            } else {
                u32::MAX
            };
        }
    }

    /// False when the word at `span` in `text`, folded, is none of the
    /// words added.
    fn may_hold(&self, text: &str, span: Span) -> bool {
        let bytes = text.as_bytes();
        let (Some(&first), Some(&last)) = (
            bytes.get(span.start),
            span.end.checked_sub(1).and_then(|last| bytes.get(last)),
        ) else {
            return true;
        };
        let (first, last) = (
            LETTER_INDEX[usize::from(first)],
            LETTER_INDEX[usize::from(last)],
        );
        if first == 26 || last == 26 || span.is_empty() {
            return true;
        }
        let at_most = if span.len() < 31 {
            (2u32 << span.len()) - 1
        } else {
            u32::MAX
        };
        let first = usize::from(first);
        self.last_letters[first] & (1 << last) != 0 && self.lengths[first] & at_most != 0
    }
}

/// Finds the token that starts at an offset, for offsets asked about in
/// about text order: each search widens from the last answer, so it reads
/// a few tokens near the mention rather than halving the whole article's
/// (of millions, in a long text) from the top.
struct TokenStarts<'t> {
    tokens: &'t [Token],
    /// The last answer of [`Self::first_from`].
    hint: usize,
}

impl<'t> TokenStarts<'t> {
    fn new(tokens: &'t [Token]) -> Self {
        TokenStarts { tokens, hint: 0 }
    }

    /// The index of the token that starts at `offset`, if one does.
    fn at(&mut self, offset: usize) -> Option<usize> {
        let index = self.first_from(offset);
        self.hint = index;
        self.tokens
            .get(index)
            .filter(|token| token.span().start == offset)
            .map(|_| index)
    }

    /// [`Self::at`], looked for first among the tokens `near` (a
    /// statement's, which hold nearly every offset asked about): a binary
    /// search of a few dozen tokens, where the search from the last answer
    /// (a mention or more back, often hundreds of tokens) took a dozen
    /// steps out and as many back. An offset outside them is looked for as
    /// [`Self::at`] does.
    fn at_near(&mut self, offset: usize, near: Range<usize>) -> Option<usize> {
        let tokens = self.tokens;
        let Some(run) = tokens.get(near.clone()) else {
            return self.at(offset);
        };
        let (Some(first), Some(last)) = (run.first(), run.last()) else {
            return self.at(offset);
        };
        if offset < first.span().start || offset >= last.span().end {
            return self.at(offset);
        }
        // Every token before the run starts before `offset`, and every one
        // after it at or after `offset`: the first that does not start
        // before it is in the run, or the one just after.
        let index = near.start + run.partition_point(|token| token.span().start < offset);
        self.hint = index;
        tokens
            .get(index)
            .filter(|token| token.span().start == offset)
            .map(|_| index)
    }

    /// The index of the first token that starts at or after `offset`
    /// (`tokens.partition_point(|t| t.span().start < offset)`): steps of
    /// 1, 2, 4… from the hint bracket it, then a binary search in the
    /// bracket.
    fn first_from(&self, offset: usize) -> usize {
        let tokens = self.tokens;
        let before = |index: usize| tokens[index].span().start < offset;
        let hint = self.hint.min(tokens.len());
        // The answer is in lo..=hi: every token before lo starts before
        // `offset`, and the one at hi (if any) does not.
        let (mut lo, mut hi) = (0, hint);
        let mut step = 1;
        if hint < tokens.len() && before(hint) {
            lo = hint + 1;
            hi = tokens.len();
            while let Some(probe) = hint.checked_add(step).filter(|&p| p < tokens.len()) {
                if !before(probe) {
                    hi = probe;
                    break;
                }
                lo = probe + 1;
                step *= 2;
            }
        } else {
            while let Some(probe) = hint.checked_sub(step) {
                if before(probe) {
                    lo = probe + 1;
                    break;
                }
                hi = probe;
                step *= 2;
            }
        }
        lo + tokens[lo..hi].partition_point(|token| token.span().start < offset)
    }
}

/// The words of a mention's name: after its title, and without a common
/// word opening the sentence ("Yesterday Smith").
fn name_words<'n>(text: &str, mention: &NameMention, split: &Split<'n>) -> &'n [Span] {
    let name_words = &split.words[split.name_from..];
    if split.title.is_none()
        && mention.sentence_initial
        && name_words.len() > 1
        && is_common_word_in_any_case(name_words[0].slice(text))
    {
        &name_words[1..]
    } else {
        name_words
    }
}

/// Signs that two people share a surname.
#[derive(Default)]
struct Evidence {
    givens: Vec<String>,
    male: bool,
    female: bool,
    group: bool,
}

impl Evidence {
    fn add_given(&mut self, given: &str) {
        if self.givens.len() < 4 && !self.givens.iter().any(|g| g == given) {
            self.givens.push(given.to_owned());
        }
    }

    fn is_shared(&self) -> bool {
        if self.group || (self.male && self.female) {
            return true;
        }
        // An initial agrees with a given name it begins: "J. Smith", "John
        // Smith".
        let compatible = |a: &str, b: &str| {
            a == b
                || (a.chars().count() == 1 && b.starts_with(a))
                || (b.chars().count() == 1 && a.starts_with(b))
        };
        self.givens
            .iter()
            .enumerate()
            .any(|(i, a)| self.givens[i + 1..].iter().any(|b| !compatible(a, b)))
    }
}

/// What the pass over candidates found of a split's person.
#[derive(Clone, Copy)]
enum Asked {
    /// Not asked: the split has no fact, or is in a headline.
    Not,
    /// The name is not a person's.
    NoPerson,
    /// The candidate at this index.
    Candidate(usize),
}

struct PersonName {
    surname: String,
    given: Option<String>,
}

/// The surname and given name of a name, if it can be a person's.
fn person_name(text: &str, words: &[Span]) -> Option<PersonName> {
    let mut suffix = String::new();
    let mut count = words.len();
    while count > 1 && span_class(text, words[count - 1], SUFFIX) != 0 {
        count -= 1;
        suffix = fold_name(words[count].slice(text));
    }
    // Longer runs are title-case prose or organisations, not one name.
    if count > MAX_NAME_WORDS {
        return None;
    }
    // At most four words, on the stack.
    let mut held = [""; MAX_NAME_WORDS];
    for (slot, word) in held.iter_mut().zip(&words[..count]) {
        *slot = word.slice(text);
    }
    let words = &held[..count];
    let surname_word = *words.last()?;
    // Acronyms and all-capitals wire text are not names we can judge.
    if surname_word.chars().count() < 2
        || surname_word
            .chars()
            .all(|c| !c.is_alphabetic() || c.is_uppercase())
    {
        return None;
    }
    if words
        .iter()
        .all(|word| is_common_word_in_any_case(word) || is_title_word(word))
    {
        return None;
    }
    if words.iter().any(|word| word_class(word, COMPANY) != 0) {
        return None;
    }
    if words.len() == 1 && word_class(surname_word, MONTH_OR_DAY) != 0 {
        return None;
    }
    let surname = fold_name(surname_word);
    if surname.is_empty() {
        return None;
    }
    // The word before the surname ("Mountaineer Helen Carver" is Helen),
    // unless it is a middle initial ("George W. Bush" is George).
    let given = match words.len() {
        0 | 1 => None,
        n if words[n - 2].chars().count() > 1 => Some(fold_name(words[n - 2])),
        _ => Some(fold_name(words[0])),
    }
    .filter(|given| !given.is_empty())
    // "John Smith Jr." is not "John Smith".
    .map(|given| {
        if suffix.is_empty() {
            given
        } else {
            format!("{given} {suffix}")
        }
    });
    Some(PersonName { surname, given })
}

/// Whether the title is one of several in front of one name: the run
/// before it ends in a title word and is joined to it by "and" or "&".
fn is_joint(text: &str, names: &[NameMention], first: usize, span: Span) -> bool {
    let Some(previous) = first.checked_sub(1).and_then(|i| names.get(i)) else {
        return false;
    };
    if previous.span.end > span.start {
        return false;
    }
    let between = &text[previous.span.end..span.start];
    let between = between.strip_prefix('.').unwrap_or(between);
    matches!(between, " and " | " & " | ", ")
        && previous
            .words()
            .last()
            .is_some_and(|word| is_title_span(text, *word))
}

/// The lowercase words among the four words before a title in its
/// statement, across spaces, hyphens, full stops and capitalised words
/// ("former U.S. Army", "then-"), stopping at other punctuation.
fn preceding_words(
    text: &str,
    tokens: &[Token],
    statement_start: usize,
    first: Option<usize>,
) -> Vec<String> {
    let mut out = Vec::new();
    let Some(first) = first else {
        return out;
    };
    let mut index = first;
    let mut words_seen = 0;
    while index > statement_start && words_seen < 4 {
        index -= 1;
        let token = &tokens[index];
        let slice = token.span().slice(text);
        match token.kind {
            TokenKind::Space | TokenKind::LineBreak => {}
            TokenKind::Word => {
                out.push(slice.to_lowercase());
                words_seen += 1;
            }
            TokenKind::CapitalisedWord => words_seen += 1,
            TokenKind::Punctuation if matches!(slice, "-" | "." | "–") => {}
            _ => break,
        }
    }
    out.reverse();
    out
}

fn age_number(text: &str, token: Option<&Token>) -> Option<(Span, u32)> {
    let token = token?;
    let slice = token.span().slice(text);
    if token.kind != TokenKind::Number || !slice.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let years: u32 = slice.parse().ok()?;
    (1..=MAX_AGE)
        .contains(&years)
        .then_some((token.span(), years))
}

/// An age after a name: ", 45,", " (45)", ", a 45-year-old", ", aged 45".
fn age_after(text: &str, tokens: &[Token], first: Option<usize>) -> Option<AgeFact> {
    let first = first?;
    let at = |offset: usize| tokens.get(first + offset);
    let is = |offset: usize, expected: &str| {
        at(offset).is_some_and(|t| t.span().slice(text) == expected)
    };
    let is_space = |offset: usize| at(offset).is_some_and(|t| t.kind == TokenKind::Space);
    // " (45)"
    if is_space(0) && is(1, "(") && is(3, ")") {
        let (span, years) = age_number(text, at(2))?;
        return Some(AgeFact {
            span,
            years,
            form: AgeForm::Bracketed,
        });
    }
    let (comma, rest) = if is(0, ",") && is_space(1) {
        (true, 2)
    } else if is_space(0) {
        (false, 1)
    } else {
        return None;
    };
    // ", aged 45" and " aged 45", not a range ("aged 45 to 50").
    if is(rest, "aged") && is_space(rest + 1) {
        let (span, years) = age_number(text, at(rest + 2))?;
        let ranged = is(rest + 3, "-")
            || is(rest + 3, "–")
            || (is_space(rest + 3) && ["to", "or", "and"].iter().any(|word| is(rest + 4, word)));
        return (!ranged).then_some(AgeFact {
            span,
            years,
            form: AgeForm::Aged,
        });
    }
    if !comma {
        return None;
    }
    // ", a 45-year-old"
    if (is(rest, "a") || is(rest, "an")) && is_space(rest + 1) {
        let (span, years) = age_number(text, at(rest + 2))?;
        return year_old(text, tokens, first + rest + 3).then_some(AgeFact {
            span,
            years,
            form: AgeForm::Described,
        });
    }
    // ", 45," — the number closed by a comma, semicolon, bracket or the
    // statement's end, so "Smith, 45 percent" and "Smith, 6-4" are not ages.
    let (span, years) = age_number(text, at(rest))?;
    let closed = match at(rest + 1) {
        None => true,
        Some(token) => matches!(token.span().slice(text), "," | ";" | ")" | "." | ":"),
    };
    closed.then_some(AgeFact {
        span,
        years,
        form: AgeForm::Apposition,
    })
}

/// Whether the text after a name can start an age ([`age_after`]): a
/// comma then white space and a figure or "a", "an" or "aged"; or white
/// space then a bracket or "aged".
fn may_be_age_after(after: &str) -> bool {
    // Asked after nearly every name, where the next byte or two settle it:
    // a word's letter, or one space then a letter.
    match *after.as_bytes() {
        [b',', ref rest @ ..] => {
            // ", said", ", who": most commas after a name are turned away
            // by the first byte after their space.
            let next = rest.iter().find(|&&byte| !may_be_white_space(byte));
            return matches!(next, Some(b'a' | b'0'..=b'9'));
        }
        [first, ..] if !may_be_white_space(first) => return false,
        [b' ', second, ..] if !may_be_white_space(second) => {
            return second == b'(' || after.as_bytes()[1..].starts_with(b"aged");
        }
        _ => {}
    }
    may_be_age_after_white_space(after)
}

/// [`may_be_age_after`] of text that starts with white space other than
/// one space before a word, or with a character outside ASCII.
fn may_be_age_after_white_space(after: &str) -> bool {
    // Mostly a line break.
    let bytes = after.as_bytes();
    let start = bytes
        .iter()
        .position(|&byte| !in_ascii_white_space(byte))
        .unwrap_or(bytes.len());
    match bytes.get(start) {
        // A character outside ASCII: the text must be trimmed further if
        // it is white space, and cannot start an age if it is not.
        Some(byte) if !byte.is_ascii() => {
            after[start..]
                .chars()
                .next()
                .is_some_and(char::is_whitespace)
                && {
                    let trimmed = after.trim_start();
                    trimmed.starts_with('(') || trimmed.starts_with("aged")
                }
        }
        _ => start > 0 && (bytes[start..].starts_with(b"(") || bytes[start..].starts_with(b"aged")),
    }
}

/// Whether the text before a name (or its title) can end an age
/// ([`age_before`]): "old" and white space.
fn may_be_age_before(before: &str) -> bool {
    // As for `may_be_age_after`, the last two bytes mostly settle it: a
    // word's last character, or one ASCII space or line break after it.
    // Both are read before the one branch on them, which a branch on the
    // last byte alone (a space before most names, a bracket or a
    // quotation mark before others) would often mispredict. A byte that
    // ends no white space character ends some other character (a
    // quotation mark, a dash), which settles it as a letter does.
    let bytes = before.as_bytes();
    let [.., before_last, last] = *bytes else {
        return may_be_age_before_white_space(before);
    };
    let after_word = !may_end_white_space(last);
    let one_space_after_word = in_ascii_white_space(last) & !may_end_white_space(before_last);
    if after_word | one_space_after_word {
        return one_space_after_word && bytes[..bytes.len() - 1].ends_with(b"old");
    }
    may_be_age_before_white_space(before)
}

/// [`may_be_age_before`] of text that ends in white space other than one
/// space after a word, or in a character outside ASCII.
fn may_be_age_before_white_space(before: &str) -> bool {
    // Mostly a line break.
    let bytes = before.as_bytes();
    let mut end = bytes.len();
    while end > 0 && in_ascii_white_space(bytes[end - 1]) {
        end -= 1;
    }
    match bytes[..end].last() {
        // A character outside ASCII: the text must be trimmed further if
        // it is white space, and cannot end in "old" if it is not.
        Some(byte) if !byte.is_ascii() => {
            before[..end]
                .chars()
                .next_back()
                .is_some_and(char::is_whitespace)
                && before.trim_end().ends_with("old")
        }
        _ => end < bytes.len() && bytes[..end].ends_with(b"old"),
    }
}

/// Whether a byte is ASCII white space (`char::is_whitespace`).
const fn is_ascii_white_space(byte: u8) -> bool {
    matches!(byte, b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' | b' ')
}

/// [`is_ascii_white_space`] read from its table, [`ASCII_WHITE_SPACE`]:
/// asked of the runs of white space before and after names, a load and a
/// test a byte where the six cases took two comparisons and more.
fn in_ascii_white_space(byte: u8) -> bool {
    ASCII_WHITE_SPACE[usize::from(byte)]
}

/// [`is_ascii_white_space`] of each byte.
static ASCII_WHITE_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = is_ascii_white_space(byte as u8);
        byte += 1;
    }
    table
};

/// Whether a byte can be part of white space (`char::is_whitespace`): an
/// ASCII space, tab, line or page break, or any byte of a multi-byte
/// character (some of which are spaces).
///
/// Read from a table: asked of the bytes around nearly every name, where
/// the two tests as branches were often mispredicted.
fn may_be_white_space(byte: u8) -> bool {
    MAY_BE_WHITE_SPACE[usize::from(byte)]
}

/// Whether a byte can end a white space character (`char::is_whitespace`):
/// an ASCII space, tab, line or page break, or the last byte of a space
/// outside ASCII (U+0085, U+00A0, U+1680, U+2000 to U+200A, U+2028,
/// U+2029, U+202F, U+205F, U+3000). Curly quotation marks and dashes,
/// the commonest characters outside ASCII before a name, end otherwise.
fn may_end_white_space(byte: u8) -> bool {
    MAY_END_WHITE_SPACE[usize::from(byte)]
}

/// [`may_end_white_space`] of each byte.
static MAY_END_WHITE_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = is_ascii_white_space(byte as u8)
            || matches!(byte, 0x80..=0x8a | 0x9f | 0xa0 | 0xa8 | 0xa9 | 0xaf);
        byte += 1;
    }
    table
};

/// [`may_be_white_space`] of each byte.
static MAY_BE_WHITE_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = byte >= 0x80 || is_ascii_white_space(byte as u8);
        byte += 1;
    }
    table
};

/// "-year-old" (or " year old") from token `index`.
fn year_old(text: &str, tokens: &[Token], index: usize) -> bool {
    let slice = |offset: usize| tokens.get(index + offset).map(|t| t.span().slice(text));
    let joiner = |offset: usize| matches!(slice(offset), Some("-" | " " | "‑"));
    // "old" first: asked before nearly every name, and rarely there.
    slice(3) == Some("old")
        && joiner(0)
        && slice(1) == Some("year")
        && joiner(2)
        && !matches!(slice(4), Some("-" | "‑"))
}

/// "45-year-old John Smith": the age just before a name (or its title).
fn age_before(text: &str, tokens: &[Token], first: Option<usize>) -> Option<AgeFact> {
    let first = first?;
    // number - year - old space
    let start = first.checked_sub(6)?;
    if tokens[first - 1].kind != TokenKind::Space || !year_old(text, tokens, start + 1) {
        return None;
    }
    let (span, years) = age_number(text, tokens.get(start))?;
    // Not the end of a range: "45- to 50-year-old", "45-50-year-old".
    let ranged = start
        .checked_sub(1)
        .and_then(|i| tokens.get(i))
        .is_some_and(|t| matches!(t.span().slice(text), "-" | "–"))
        || start
            .checked_sub(2)
            .and_then(|i| tokens.get(i))
            .is_some_and(|t| matches!(t.span().slice(text), "to" | "or" | "and"));
    (!ranged).then_some(AgeFact {
        span,
        years,
        form: AgeForm::Before,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Article;

    /// What [`word_class`] answers, found the long way: the word folded,
    /// then looked for in every list.
    fn class_by_lists(word: &str) -> u8 {
        let folded = fold_name(word);
        CLASSED_LISTS
            .iter()
            .filter(|(words, _)| words.contains(&folded.as_str()))
            .fold(0, |class, (_, bit)| class | bit)
    }

    /// The lists [`word_class`] is asked about: all together, each alone,
    /// and those the model asks about together.
    const WANTED: [u8; 8] = [
        TITLE | OFFICE | SUFFIX | COMPANY | MONTH_OR_DAY | OPENER,
        TITLE,
        OFFICE,
        SUFFIX,
        COMPANY,
        MONTH_OR_DAY,
        OPENER,
        OPENER | MONTH_OR_DAY,
    ];

    fn asked_each_way(word: &str) -> [u8; 8] {
        WANTED.map(|wanted| word_class(word, wanted))
    }

    /// What the first test of [`word_class`] rests on: no character folds
    /// to more ASCII letters than it has bytes, unless it folds to letters
    /// outside ASCII (which no list holds).
    #[test]
    fn no_character_folds_to_more_ascii_letters_than_its_bytes() {
        for character in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let folded = fold_name(character.encode_utf8(&mut [0; 4]));
            assert!(
                !folded.is_ascii() || folded.len() <= character.len_utf8(),
                "{character:?} folds to {folded:?}"
            );
        }
    }

    #[test]
    fn suffix_ends_are_those_added() {
        let mut added = FoldedEnds::default();
        for suffix in SUFFIXES {
            added.add(suffix);
        }
        assert_eq!(SUFFIX_ENDS, added);
    }

    #[test]
    fn folded_ends_hold_what_was_added() {
        let mut held = FoldedEnds::default();
        for word in ["smith", "łódź", "aⱥb", ""] {
            held.add(word);
        }
        let may_hold = |word: &str| held.may_hold(word, Span::new(0, word.len()));
        for word in [
            "Smith",
            "SMITH",
            "Łódź",
            "",
            "sxxxh",
            "Sm-ith",
            "Smi\u{301}th",
            "AȺB",
        ] {
            assert!(may_hold(word), "{word}");
        }
        for word in ["Smit", "SMITHS", "Jones", "j", "Lodz", "Ac"] {
            assert!(!may_hold(word), "{word}");
        }
    }

    #[test]
    fn every_listed_word_is_classed_in_any_case() {
        for (words, _) in CLASSED_LISTS {
            for word in words {
                assert!(word.bytes().all(|byte| byte.is_ascii_lowercase()), "{word}");
                for written in [word.to_string(), word.to_uppercase(), format!("{word}.")] {
                    assert_eq!(
                        asked_each_way(&written),
                        WANTED.map(|wanted| class_by_lists(&written) & wanted),
                        "{written}"
                    );
                }
            }
        }
    }

    /// Every white space character's bytes are told as it may be, first
    /// to last.
    #[test]
    fn white_space_bytes_are_told() {
        let mut buffer = [0u8; 4];
        for c in (char::MIN..=char::MAX).filter(|c| c.is_whitespace()) {
            let bytes = c.encode_utf8(&mut buffer).as_bytes();
            assert!(bytes.iter().all(|&byte| may_be_white_space(byte)), "{c:?}");
            assert!(
                bytes.last().is_some_and(|&byte| may_end_white_space(byte)),
                "{c:?}"
            );
        }
        for byte in 0..=u8::MAX {
            assert_eq!(
                in_ascii_white_space(byte),
                byte.is_ascii() && (byte as char).is_whitespace(),
                "{byte}"
            );
            assert_eq!(
                may_be_white_space(byte),
                !byte.is_ascii() || (byte as char).is_whitespace(),
                "{byte}"
            );
        }
        for c in ['“', '”', '‘', '’', '—', '–', 'ö'] {
            let bytes = c.encode_utf8(&mut buffer).as_bytes();
            assert!(
                bytes.last().is_some_and(|&byte| !may_end_white_space(byte)),
                "{c:?}"
            );
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

        /// The byte tests before a trim answer as the trims alone do.
        #[test]
        fn age_text_tests_agree_with_trimming(pieces in proptest::collection::vec(0usize..25, 0..8)) {
            const PIECES: [&str; 25] = [
                " ", "  ", ",", "(", "aged", "old", "year-old", "\t", "\n", "\r\n", "\u{a0}",
                "\u{2003}", "é", "Smith", "\u{b}", "\u{1c}", "45", "a", "said", "“", "”",
                "\u{3000}", "\u{85}", "\u{205f}", "Я",
            ];
            let text: String = pieces.iter().map(|&index| PIECES[index]).collect();
            let trimmed = text.trim_start();
            let after = match text.strip_prefix(',') {
                Some(rest) => rest
                    .trim_start_matches(|c: char| c.is_whitespace() || !c.is_ascii())
                    .starts_with(|c: char| c == 'a' || c.is_ascii_digit()),
                None => {
                    trimmed.len() < text.len()
                        && (trimmed.starts_with('(') || trimmed.starts_with("aged"))
                }
            };
            proptest::prop_assert_eq!(may_be_age_after(&text), after);
            let trimmed = text.trim_end();
            let before = trimmed.len() < text.len() && trimmed.ends_with("old");
            proptest::prop_assert_eq!(may_be_age_before(&text), before);
        }

        /// A word turned away by the ends of some folded words folds to
        /// none of them.
        #[test]
        fn folded_ends_turn_away_only_other_words(
            words in proptest::collection::vec(proptest::collection::vec(0usize..16, 1..5), 1..6)
        ) {
            const PIECES: [&str; 16] = [
                "S", "s", "mith", "Smith", "\u{301}", "ß", "Ⱥ", "é", "3", "'", "Jr", "Å",
                "\u{212a}", "ö", "-", "b",
            ];
            let words: Vec<String> = words
                .iter()
                .map(|pieces| pieces.iter().map(|&index| PIECES[index]).collect())
                .collect();
            let keys: Vec<String> = words[1..].iter().map(|word| fold_name(word)).collect();
            let mut held = FoldedEnds::default();
            for key in &keys {
                held.add(key);
            }
            for word in &words {
                if keys.contains(&fold_name(word)) {
                    proptest::prop_assert!(held.may_hold(word, Span::new(0, word.len())), "{}", word);
                }
            }
        }

        /// Words of listed letters in any case, with digits, marks and
        /// letters that fold to ASCII: classed as the lists say.
        #[test]
        fn word_class_agrees_with_the_lists(pieces in proptest::collection::vec(0usize..20, 1..6)) {
            const PIECES: [&str; 20] = [
                "m", "R", "s", "j", "r", "ii", "Gen", "sen", "ATOR", "co", "rp", ".", "3",
                "\u{130}", "\u{131}", "\u{212a}", "\u{301}", "é", "ß", "ing",
            ];
            let word: String = pieces.iter().map(|&index| PIECES[index]).collect();
            proptest::prop_assert_eq!(
                asked_each_way(&word),
                WANTED.map(|wanted| class_by_lists(&word) & wanted),
                "{}",
                word
            );
        }
    }

    /// (name, person, title, age) per person mention.
    fn facts(text: &str) -> Vec<String> {
        let article = Article::parse(text);
        article
            .people
            .mentions()
            .iter()
            .map(|m| {
                format!(
                    "{} [{}] title={} age={}",
                    m.span.slice(text),
                    m.person.as_deref().unwrap_or("?"),
                    m.title.as_ref().map_or("-", |t| t.text.as_str()),
                    m.age
                        .as_ref()
                        .map_or("-".to_owned(), |a| a.years.to_string())
                )
            })
            .collect()
    }

    #[test]
    fn lists_are_sorted() {
        for list in [
            TITLE_WORDS,
            OFFICE_WORDS,
            MALE_TITLES,
            FEMALE_TITLES,
            GROUP_WORDS,
            SUFFIXES,
            COMPANY_WORDS,
            OPENERS,
            MONTHS_AND_DAYS,
        ] {
            for pair in list.windows(2) {
                assert!(pair[0] < pair[1], "{} before {}", pair[0], pair[1]);
            }
        }
    }

    #[test]
    fn word_class_agrees_with_each_list_folded() {
        // The plain definition: the word folded as names fold, looked up
        // in each list.
        let plain = |word: &str| {
            let folded = fold_name(word);
            CLASSED_LISTS
                .iter()
                .filter(|(words, _)| words.contains(&folded.as_str()))
                .fold(0, |class, (_, bit)| class | bit)
        };
        let mut words: Vec<String> = CLASSED_LISTS
            .iter()
            .flat_map(|(words, _)| words.iter())
            .flat_map(|word| {
                let mut upper = word.to_ascii_uppercase();
                let mut title = word.to_string();
                title[..1].make_ascii_uppercase();
                upper.push('.');
                [
                    word.to_string(),
                    upper,
                    title.clone(),
                    format!("{title}'s"),
                    format!("{title}s"),
                    format!("{word}\u{301}"),
                    format!("\u{c9}{word}"),
                    word[1..].to_string(),
                ]
            })
            .collect();
        for odd in [
            "",
            ".",
            "Géneral",
            "Généralé",
            "Ms\r\n",
            "Sr.",
            "Lt.-Col.",
            "Mr😀",
            "Mr\u{301}s",
            "\u{212a}ing",
            "Jr",
            "Ⅳ",
            "ＭＲ",
            "Mayday",
            "Tuesdays",
            "S-R",
            "Smith",
            "M.S",
            "Mrs-Smith",
            "Ma'yor",
        ] {
            words.push(odd.to_owned());
        }
        words.push("Gen".repeat(10));
        words.push("gEnErAl".repeat(4));
        for caps in [
            "GENERAL", "gEnErAl", "SUNDAY", "qUeEn", "Jnr", "IV", "Sa", "Ag", "Wars",
        ] {
            words.push(caps.to_owned());
        }
        for word in &words {
            assert_eq!(
                asked_each_way(word),
                WANTED.map(|wanted| plain(word) & wanted),
                "{word:?}"
            );
        }
    }

    /// The search from the last answer finds what a binary search of the
    /// whole article finds, for offsets in text order, backwards and
    /// scattered, at token starts and inside tokens.
    #[test]
    fn token_starts_agree_with_a_binary_search() {
        let text =
            "Gen. Mark Milley, 45, met “Ms Ölçer” (32)\r\nin Zürich 😀 e\u{301}. ".repeat(40);
        let syntax = crate::syntax::parse(&text);
        let tokens = &syntax.tokens;
        assert!(tokens.len() > 500);
        let expected = |offset: usize| {
            let index = tokens.partition_point(|token| token.span().start < offset);
            tokens
                .get(index)
                .filter(|token| token.span().start == offset)
                .map(|_| index)
        };
        let mut offsets: Vec<usize> = (0..=text.len() + 2).collect();
        offsets.extend((0..=text.len()).rev());
        let mut next = crate::pseudo_random::below(0x9e37_79b9_7f4a_7c15);
        for _ in 0..5000 {
            let offset = next(text.len() + 1);
            // Near the last offset as often as anywhere.
            let near = offsets.last().map_or(0, |&last| last + next(40));
            offsets.push(if next(2) == 0 { offset } else { near });
        }
        let mut starts = TokenStarts::new(tokens);
        let mut found = 0;
        for offset in offsets {
            assert_eq!(starts.at(offset), expected(offset), "offset {offset}");
            found += usize::from(expected(offset).is_some());
        }
        assert!(found > 1000, "{found}");
        assert_eq!(TokenStarts::new(&[]).at(0), None);
        // Looked for among a run of tokens first: the run holding the
        // offset, one before or after it, an empty one, one past the end.
        let mut starts = TokenStarts::new(tokens);
        for _ in 0..5000 {
            let offset = next(text.len() + 1);
            let from = next(tokens.len() + 2);
            let near = from..from + next(60);
            assert_eq!(
                starts.at_near(offset, near.clone()),
                expected(offset),
                "offset {offset} near {near:?}"
            );
            let holding = tokens.partition_point(|token| token.span().start < offset);
            let near = holding.saturating_sub(next(30))..holding + next(30);
            assert_eq!(
                starts.at_near(offset, near.clone()),
                expected(offset),
                "offset {offset} near {near:?}"
            );
        }
    }

    /// The text tests let through every place an age is found, after a
    /// name and before one.
    #[test]
    fn ages_are_where_the_text_tests_allow() {
        let pieces = [
            "Smith",
            "45-year-old ",
            "45 year old\u{a0}",
            "45‑year‑old\t",
            ", 45,",
            " (45)",
            ", aged 45",
            " aged 45.",
            ", a 45-year-old",
            ", an 45 year old",
            "45-50-year-old ",
            ", ",
            "45",
            " ",
            "(",
            ")",
            "aged",
            "-",
            "old",
            "\u{a0}",
            "\t",
            ".",
            ";",
            "\r\n",
            "to",
            "é",
            "😀",
            "Old",
        ];
        let mut next = crate::pseudo_random::below(0x2545_f491_4f6c_dd1d);
        let (mut after, mut before) = (0, 0);
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..next(12) {
                text.push_str(pieces[next(pieces.len())]);
            }
            let syntax = crate::syntax::parse(&text);
            for (index, token) in syntax.tokens.iter().enumerate() {
                let at = token.span().start;
                if age_after(&text, &syntax.tokens, Some(index)).is_some() {
                    assert!(may_be_age_after(&text[at..]), "after {at} in {text:?}");
                    after += 1;
                }
                if age_before(&text, &syntax.tokens, Some(index)).is_some() {
                    assert!(may_be_age_before(&text[..at]), "before {at} in {text:?}");
                    before += 1;
                }
            }
        }
        assert!(after > 300 && before > 30, "{after} after, {before} before");
    }

    /// Asking only the mentions that may be evidence for their person
    /// finds the people that asking every mention does.
    #[test]
    fn people_agree_with_every_mention_asked() {
        let pieces = [
            "Smith",
            "John Smith",
            "Mary Smith",
            "J. Smith",
            "Mr Smith",
            "Mrs Smith",
            "Dr Jane Smith",
            "Smith Jr.",
            "Smith family",
            "Smiths",
            "the ",
            "John and Mary Smith",
            "Mr and Mrs Smith",
            "Jones",
            "Bill Jones",
            "Sen. Jones",
            "Jones, 45,",
            "Jones sisters",
            "Yesterday Smith",
            " and ",
            " & ",
            " said",
            ", ",
            ". ",
            "\n",
            " ",
            " (40)",
            "45-year-old ",
            "Jr",
            "SMITH",
            "Smith couple",
            "Smith\u{a0}",
        ];
        let mut next = crate::pseudo_random::below(0x3c6e_f372_fe94_f82b);
        let (mut mentions, mut shared) = (0, 0);
        for _ in 0..5_000 {
            // Often under a headline, whose titled names are no facts but
            // evidence of the sex of a surname's people.
            let mut text = String::from(match next(3) {
                0 => "Mrs Smith Meets Mr Jones\n\n",
                1 => "Dr Smith\n\n",
                _ => "",
            });
            for _ in 0..next(24) {
                text.push_str(pieces[next(pieces.len())]);
            }
            let syntax = crate::syntax::parse(&text);
            let names = crate::model::names::name_mentions(&text, &syntax);
            let found = people_finding(&text, &syntax, &names, Asking::MayBeEvidence);
            let expected = people_finding(&text, &syntax, &names, Asking::Every);
            assert_eq!(found.mentions(), expected.mentions(), "{text:?}");
            mentions += found.mentions().len();
            shared += found
                .mentions()
                .iter()
                .filter(|mention| mention.person.as_ref() != Some(&mention.surname))
                .count();
        }
        assert!(mentions > 5000 && shared > 1000, "{mentions} {shared}");
    }

    #[test]
    fn a_split_is_the_titled_one_or_all_the_words() {
        let text = "Gen. Mark Milley met Ben Wallace and Lt. Col. Jane Doe.";
        let syntax = crate::syntax::parse(text);
        let names = crate::model::names::name_mentions(text, &syntax);
        let title = (Span::new(0, 4), false);
        let titled = [Titled {
            index: 1,
            name_from: 1,
            title,
        }];
        for (position, mention) in names.iter().enumerate() {
            let split = split_at(&titled, mention, position);
            assert_eq!(split.words, mention.words());
            if position == 1 {
                assert_eq!((split.name_from, split.title), (1, Some(title)));
            } else {
                assert_eq!((split.name_from, split.title), (0, None));
            }
        }
        assert!(names.len() > 2);
    }

    #[test]
    fn titles_split_off_names() {
        assert_eq!(
            facts("Gen. Mark Milley met Defence Minister Ben Wallace and Lt. Col. Jane Doe. Secretary of State Mike Pompeo came."),
            [
                "Mark Milley [milley] title=Gen. age=-",
                "Ben Wallace [wallace] title=Defence Minister age=-",
                "Jane Doe [doe] title=Lt. Col. age=-",
                "Mike Pompeo [pompeo] title=Secretary of State age=-",
            ]
        );
    }

    #[test]
    fn title_abbreviations_join_across_one_space_or_line_break() {
        assert_eq!(
            facts(
                "He met Lt. Col. Jane Doe. He met Lt.\nCol. John Smith. He met Lt.\r\nCol. Mary Roe."
            ),
            [
                "Jane Doe [doe] title=Lt. Col. age=-",
                "John Smith [smith] title=Lt.\nCol. age=-",
                "Mary Roe [roe] title=Lt.\r\nCol. age=-",
            ]
        );
        // Two spaces, or a comma, part the runs.
        assert_eq!(
            facts("He met Lt.  Col. Jane Doe. He met Lt., Col. John Smith."),
            [
                "Jane Doe [doe] title=Col. age=-",
                "John Smith [smith] title=Col. age=-",
            ]
        );
    }

    #[test]
    fn ages_in_their_forms() {
        assert_eq!(
            facts("John Smith, 45, said so. Jones (46) agreed. The 47-year-old Ann Lee left. Bob Ray, a 48-year-old teacher, and Kim Li, aged 49, stayed."),
            [
                "John Smith [smith] title=- age=45",
                "Jones [jones] title=- age=46",
                "Ann Lee [lee] title=- age=47",
                "Bob Ray [ray] title=- age=48",
                "Kim Li [li] title=- age=49",
            ]
        );
    }

    #[test]
    fn numbers_that_are_not_ages() {
        assert_eq!(
            facts("Smith, 45 percent of it. Federer, 6-4, won. Smith, aged 45 to 50, left. A 45- to 50-year-old Jon Doe ran. Smith, 1987, said."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn shared_surnames_identify_nobody_by_surname() {
        assert_eq!(
            facts("John Smith, 45, met Mary Smith, 40. Smith, 41, left."),
            [
                "John Smith [smith john] title=- age=45",
                "Mary Smith [smith mary] title=- age=40",
                "Smith [?] title=- age=41",
            ]
        );
        assert_eq!(
            facts("Mr and Mrs Smith came. Smith, 41, left. Mr Smith, 40, stayed."),
            [
                "Smith [?] title=Mrs age=-",
                "Smith [?] title=- age=41",
                "Smith [?] title=Mr age=40",
            ]
        );
        assert_eq!(
            facts("The Williams sisters played. Williams, 41, won."),
            ["Williams [?] title=- age=41"]
        );
        // Surnames alike only once folded, the other mention having no
        // fact of its own.
        assert_eq!(
            facts("Zoë Ångström, 45, met Åsa Ångström. Ann O\u{301}lafsson, 40, met Bo Ólafsson."),
            [
                "Zoë Ångström [angstrom zoe] title=- age=45",
                "Ann O\u{301}lafsson [olafsson ann] title=- age=40",
            ]
        );
    }

    #[test]
    fn spans_slice_multibyte_and_crlf_text() {
        let text =
            "Gen.\r\nZoë Ångström, 45, spoke.\r\n\r\n“Ångström (46)” — Adm. Ångström’s aide.";
        assert_eq!(
            facts(text),
            [
                "Zoë Ångström [angstrom] title=Gen. age=45",
                "Ångström [angstrom] title=- age=46",
                "Ångström [angstrom] title=Adm. age=-",
            ]
        );
        for odd in [
            "Gen.",
            "Gen. ",
            ", 45,",
            "(45)",
            "45-year-old",
            "Mr and",
            "of the",
            "Smith, a 4",
        ] {
            let article = Article::parse(odd);
            assert!(article.people.mentions().len() <= 1, "{odd}");
        }
        // Long runs of titles stay linear and attach at most three.
        let long = "Gen. ".repeat(20_000) + "Ann Lee.";
        let article = Article::parse(&long);
        let mention = &article.people.mentions()[0];
        assert_eq!(mention.title.as_ref().unwrap().text, "Gen. Gen. Gen.");
    }

    #[test]
    fn sentence_openers_and_headlines_are_not_titles() {
        assert_eq!(
            facts("Trump Taps Alabama Sen. Jeff Sessions For Job\n\nBut Mr Howard, 63, spoke. On Wednesday Transport Minister Martin Cullen spoke. Foreign Minister Ali Khan came."),
            [
                "Howard [howard] title=Mr age=63",
                "Martin Cullen [cullen] title=Transport Minister age=-",
                "Ali Khan [khan] title=Foreign Minister age=-",
            ]
        );
    }

    #[test]
    fn plurals_share_a_surname() {
        for (text, person) in [
            ("He met the Smiths. John Smith, 45, left.", "smith john"),
            ("He met the Joneses. Tom Jones, 45, left.", "jones tom"),
            ("He met the Smithś. John Smith, 45, left.", "smith john"),
            ("He met the Smithy. John Smith, 45, left.", "smith"),
        ] {
            let article = Article::parse(text);
            let mention = &article.people.mentions()[0];
            assert_eq!(mention.person.as_deref(), Some(person), "{text}");
        }
    }

    #[test]
    fn a_generational_suffix_makes_another_person() {
        assert_eq!(
            facts("John Smith, 45, came with his son, John Smith Jr., 20. Smith, 46, left."),
            [
                "John Smith [smith john] title=- age=45",
                "John Smith Jr [smith john jr] title=- age=20",
                "Smith [?] title=- age=46",
            ]
        );
    }

    #[test]
    fn companies_are_not_titled_people() {
        assert_eq!(
            facts("General Motors and General Electric Co met Admiral Acquisition."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn joint_titles_and_preceding_words() {
        let article = Article::parse("He met former Prime Minister and Finance Minister Ali Khan.");
        let mention = &article.people.mentions()[0];
        let title = mention.title.as_ref().unwrap();
        assert_eq!(title.text, "Finance Minister");
        assert!(title.joint);
        let article = Article::parse("It was late. He met then-Gen. Ali Khan.");
        let title = article.people.mentions()[0].title.clone().unwrap();
        assert_eq!(title.preceding, ["met", "then"]);
    }
}
