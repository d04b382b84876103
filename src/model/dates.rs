//! Date and weekday mentions, computed once per article.
//!
//! The forms recognised here are the common ones of news copy:
//!
//! ```text
//! mention   = weekdays [","] ( date | "(" date ")" )     ; Monday, March 3, 2021
//!           | date [ "(" weekday ")" ]                   ; March 29 (Monday)
//! weekdays  = weekday [ link weekday ]                   ; Monday to Wednesday
//! date      = month-day | day-month
//! month-day = month ["."] day [ link ( day | month ["."] day ) ] [[","] year]
//!                                                        ; March 3, Sept. 3rd, March 1–3
//! day-month = ["the"] day [ link ["the"] day ] ["of"] month ["."] [[","] year]
//!                                                        ; 4 March, the 1st of March
//! link      = "-" | "–" | "—" | "to" | "through" | "and"
//! weekday   = Monday … Sunday | Mon. Tue. Tues. Wed. Thu. Thur. Thurs. Fri. Sat. Sun.
//! ```
//!
//! A range ("Monday to Wednesday, March 1–3") gives two mentions, one per
//! end, each with its own weekday. Every weekday name written in full is
//! also recorded as a [`WeekdayMention`] whether or not a date follows, so
//! rules can read bare weekdays too; [`relative_weekdays`] finds the ones a
//! publication date fixes ("today, Tuesday"), and [`stated_publication_date`]
//! the publication date an article gives itself (front matter or dateline).
//!
//! Guards keep numbers that are not dates out: a day followed by a unit
//! ("March 3 mln"), an abbreviated weekday that is also a word ("The Sun,
//! March 3"). A four-digit number followed by a noun ("on Monday, March 3,
//! 2000 workers") may be a year or a count, so the date keeps no year and
//! no weekday: nothing can be checked against it.

use jiff::civil::{Date, Weekday};

use super::names::NameMention;
use super::WordShapes;
use crate::source::Span;
use crate::syntax::{BlockKind, Syntax, Token, TokenKind};

/// The date an article was published, fixing the year of dates without one.
pub type PublicationDate = Date;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WeekdayMention {
    pub span: Span,
    pub weekday: Weekday,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateMention {
    /// From the weekday (if any) to the last part of the date.
    pub span: Span,
    pub weekday: Option<WeekdayMention>,
    pub month: i8,
    pub day: i8,
    pub year: Option<i16>,
    /// The span of the month, day and year, without the weekday. For one
    /// end of a range, the span of that end ("March 1", "3").
    pub date_span: Span,
    /// Index into the article's statements.
    pub statement: usize,
}

impl DateMention {
    /// The date, if the mention states its year and the date exists.
    pub fn stated_date(&self) -> Option<Date> {
        Date::new(self.year?, self.month, self.day).ok()
    }
}

/// A weekday that a publication date fixes: "today, Tuesday",
/// "yesterday (Monday)".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RelativeWeekday {
    /// From "today" to the weekday.
    pub span: Span,
    pub weekday: WeekdayMention,
    /// Days after the publication date: -1 yesterday, 0 today, 1 tomorrow.
    pub offset: i8,
    /// The word "today", "yesterday" or "tomorrow".
    pub word: Span,
}

/// Where an article states its own publication date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateSource {
    /// A leading `---` block with a `date: YYYY-MM-DD` line.
    FrontMatter,
    /// "WASHINGTON, March 3, 2021 —".
    Dateline,
}

pub fn weekday_named(word: &str) -> Option<Weekday> {
    use Weekday::*;
    Some(match word {
        "Monday" | "Mon" => Monday,
        "Tuesday" | "Tue" | "Tues" => Tuesday,
        "Wednesday" | "Wed" => Wednesday,
        "Thursday" | "Thu" | "Thur" | "Thurs" => Thursday,
        "Friday" | "Fri" => Friday,
        "Saturday" | "Sat" => Saturday,
        "Sunday" | "Sun" => Sunday,
        _ => return None,
    })
}

pub fn month_named(word: &str) -> Option<i8> {
    Some(match word {
        "January" | "Jan" => 1,
        "February" | "Feb" => 2,
        "March" | "Mar" => 3,
        "April" | "Apr" => 4,
        "May" => 5,
        "June" | "Jun" => 6,
        "July" | "Jul" => 7,
        "August" | "Aug" => 8,
        "September" | "Sep" | "Sept" => 9,
        "October" | "Oct" => 10,
        "November" | "Nov" => 11,
        "December" | "Dec" => 12,
        _ => return None,
    })
}

/// The full English name of a weekday.
pub fn weekday_name(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

/// The AP abbreviation of a weekday: Mon., Tues., Wed., Thurs., Fri., Sat.,
/// Sun. (without the full stop).
pub fn weekday_ap_abbreviation(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Monday => "Mon",
        Weekday::Tuesday => "Tues",
        Weekday::Wednesday => "Wed",
        Weekday::Thursday => "Thurs",
        Weekday::Friday => "Fri",
        Weekday::Saturday => "Sat",
        Weekday::Sunday => "Sun",
    }
}

/// The full English name of a month, 1–12.
pub fn month_name(month: i8) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    usize::try_from(month - 1)
        .ok()
        .and_then(|index| NAMES.get(index))
        .copied()
        .unwrap_or("?")
}

/// Whether a weekday word is written out in full (abbreviations like "Sun"
/// and "Sat" are also ordinary words and need a date beside them).
fn is_full_weekday(word: &str) -> bool {
    word.ends_with("day")
}

/// Words that say the number before them counts something, so it is no
/// day of the month: "March 3 mln", "Feb 2 pct"; and "%" ("March 3 %").
const UNITS: &[&str] = &[
    "mln", "bln", "billion", "million", "thousand", "pct", "percent", "per", "pc", "dlrs", "dlr",
    "cents", "points", "times",
];

/// The shapes of [`UNITS`]: most words after a day (a comma, a year, a
/// verb) are none of the units by their length and end letters, and need
/// no comparison with each. The units are all letters, so a comma's shape
/// is not among them.
const UNIT_SHAPES: WordShapes = WordShapes::EMPTY.with_all(UNITS);

/// Words that may follow a year; any other lowercase word after a
/// four-digit number makes it a count ("March 3, 2000 workers").
const AFTER_YEAR: &[&str] = &[
    "a", "after", "against", "and", "as", "at", "before", "but", "by", "during", "for", "from",
    "had", "has", "have", "he", "in", "is", "it", "marked", "meeting", "of", "on", "or", "said",
    "saw", "session", "she", "since", "that", "the", "their", "then", "there", "they", "through",
    "to", "until", "was", "we", "were", "when", "which", "while", "will", "with", "would",
];

/// A cursor over one statement's tokens that skips white space.
struct Cursor<'t> {
    text: &'t str,
    tokens: &'t [Token],
    index: usize,
}

impl<'t> Cursor<'t> {
    fn skip_space(&mut self) {
        while self.index < self.tokens.len() && self.tokens[self.index].is_space() {
            self.index += 1;
        }
    }

    fn peek(&mut self) -> Option<(&'t str, Token)> {
        self.skip_space();
        self.tokens
            .get(self.index)
            .map(|token| (token.span().slice(self.text), *token))
    }

    /// The next token without skipping white space, if it touches `end`.
    fn touching(&self, end: usize) -> Option<&'t str> {
        self.tokens
            .get(self.index)
            .filter(|token| token.span().start == end)
            .map(|token| token.span().slice(self.text))
    }

    fn eat(&mut self, literal: &str) -> bool {
        self.eat_any(&[literal]).is_some()
    }

    fn eat_any(&mut self, literals: &[&str]) -> Option<Span> {
        let saved = self.index;
        match self.peek() {
            Some((text, token)) if literals.contains(&text) => {
                self.index += 1;
                Some(token.span())
            }
            _ => {
                self.index = saved;
                None
            }
        }
    }

    /// A weekday name, with the full stop of an abbreviation. `None` for an
    /// abbreviation after "the" ("The Sun").
    fn weekday(&mut self) -> Option<(WeekdayMention, bool)> {
        let saved = self.index;
        let (word, token) = self.peek()?;
        let weekday = weekday_named(word)?;
        let position = self.index;
        self.index += 1;
        let mut span = token.span();
        let full = is_full_weekday(word);
        let mut stopped = false;
        if !full {
            let after_the = position
                .checked_sub(2)
                .and_then(|before| self.tokens.get(before))
                .is_some_and(|before| matches!(before.span().slice(self.text), "the" | "The"));
            if after_the {
                self.index = saved;
                return None;
            }
            if self.touching(span.end) == Some(".") {
                span.end = self.tokens[self.index].span().end;
                self.index += 1;
                stopped = true;
            }
        }
        Some((WeekdayMention { span, weekday }, full || stopped))
    }

    /// A day of the month, 1–31, written as a number or an ordinal, and not
    /// followed by a unit.
    fn day(&mut self) -> Option<(i8, Span)> {
        let saved = self.index;
        let (word, token) = self.peek()?;
        let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &word[digits.len()..];
        let ok = matches!(token.kind, TokenKind::Number | TokenKind::Word)
            && (1..=2).contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_digit())
            && matches!(suffix, "" | "st" | "nd" | "rd" | "th");
        match digits.parse::<i8>() {
            Ok(day) if ok && (1..=31).contains(&day) => {
                self.index += 1;
                let after = self.index;
                // The units are lower case: compared without lowering
                // the word into a new string.
                let unit = self.peek().is_some_and(|(next, _)| {
                    next == "%"
                        || (UNIT_SHAPES.may_hold(next.as_bytes())
                            && UNITS.iter().any(|unit| next.eq_ignore_ascii_case(unit)))
                });
                self.index = after;
                if unit {
                    self.index = saved;
                    return None;
                }
                Some((day, token.span()))
            }
            _ => {
                self.index = saved;
                None
            }
        }
    }

    /// A four-digit year, 1600–2199. `Some(Err(()))` for such a number
    /// followed by a noun it may count ("March 3, 2000 workers"), which is
    /// left unread.
    fn year(&mut self) -> Option<Result<(i16, Span), ()>> {
        let saved = self.index;
        let (word, token) = self.peek()?;
        if token.kind != TokenKind::Number || word.len() != 4 {
            return None;
        }
        let year = word
            .parse::<i16>()
            .ok()
            .filter(|y| (1600..2200).contains(y))?;
        self.index += 1;
        let after = self.index;
        let counts = self.peek().is_some_and(|(next, next_token)| {
            next_token.kind == TokenKind::Word
                && next.starts_with(|c: char| c.is_alphabetic())
                && !AFTER_YEAR.contains(&next)
        });
        self.index = after;
        if counts {
            self.index = saved;
            return Some(Err(()));
        }
        Some(Ok((year, token.span())))
    }

    fn month(&mut self) -> Option<(i8, Span)> {
        let (word, token) = self.peek()?;
        let month = month_named(word)?;
        self.index += 1;
        let mut span = token.span();
        // An abbreviated month may take a full stop: "Sept. 3", "Feb 26".
        let abbreviated = word.len() <= 4 && !matches!(word, "May" | "June" | "July");
        if abbreviated && self.touching(span.end) == Some(".") {
            span.end = self.tokens[self.index].span().end;
            self.index += 1;
        }
        Some((month, span))
    }

    /// `[[","] year]`, restoring the cursor when there is none. The flag
    /// says a four-digit number that may be a count followed the date.
    fn optional_year(&mut self) -> (Option<(i16, Span)>, bool) {
        let before = self.index;
        self.eat(",");
        match self.year() {
            Some(Ok(year)) => (Some(year), false),
            other => {
                self.index = before;
                (None, other.is_some())
            }
        }
    }
}

const DASHES: &[&str] = &["-", "–", "—"];
const LINK_WORDS: &[&str] = &["to", "through", "and"];
/// Words between two weekdays. "or" and "until" pair weekdays without
/// making the days after them a range: "Monday or Tuesday, March 2" names
/// no single weekday for March 2.
const WEEKDAY_LINK_WORDS: &[&str] = &["to", "through", "and", "or", "until", "till"];

/// One end of a parsed date: month, day and the span of that end.
#[derive(Clone, Copy, Debug)]
struct End {
    month: i8,
    day: i8,
    span: Span,
}

#[derive(Clone, Copy, Debug)]
struct ParsedDate {
    first: End,
    second: Option<End>,
    year: Option<(i16, Span)>,
    /// A number that may be a year or a count followed the date: "on
    /// Monday, March 3, 2000 workers" does not say which year it means.
    ambiguous_year: bool,
}

impl ParsedDate {
    fn span(&self) -> Span {
        let mut span = self.first.span;
        if let Some(second) = self.second {
            span = span.cover(second.span);
        }
        if let Some((_, year_span)) = self.year {
            span = span.cover(year_span);
        }
        span
    }
}

/// `month-day | day-month`. A range linked by a word needs a month on both
/// ends unless `paired` (two weekdays were named), so "Feb 28 and 30
/// people" is no range.
fn parse_date(cursor: &mut Cursor<'_>, paired: bool) -> Option<ParsedDate> {
    let start = cursor.index;
    if let Some((month, month_span)) = cursor.month() {
        if let Some((day, day_span)) = cursor.day() {
            let first = End {
                month,
                day,
                span: month_span.cover(day_span),
            };
            let second = range_end_month_first(cursor, month, paired);
            let (year, ambiguous_year) = cursor.optional_year();
            return Some(ParsedDate {
                first,
                second,
                year,
                ambiguous_year,
            });
        }
        cursor.index = start;
        return None;
    }
    let leading_the = cursor.eat_any(&["the"]);
    if let Some((day, day_span)) = cursor.day() {
        let first_start = leading_the.unwrap_or(day_span).start;
        let mut second_day = None;
        let before_link = cursor.index;
        if cursor.eat_any(DASHES).is_some() || (paired && cursor.eat_any(LINK_WORDS).is_some()) {
            cursor.eat("the");
            second_day = cursor.day();
            if second_day.is_none() {
                cursor.index = before_link;
            }
        }
        cursor.eat("of");
        if let Some((month, month_span)) = cursor.month() {
            let (year, ambiguous_year) = cursor.optional_year();
            let (first, second) = match second_day {
                Some((second, second_span)) => (
                    End {
                        month,
                        day,
                        span: Span::new(first_start, day_span.end),
                    },
                    Some(End {
                        month,
                        day: second,
                        span: second_span.cover(month_span),
                    }),
                ),
                None => (
                    End {
                        month,
                        day,
                        span: Span::new(first_start, month_span.end),
                    },
                    None,
                ),
            };
            return Some(ParsedDate {
                first,
                second,
                year,
                ambiguous_year,
            });
        }
    }
    cursor.index = start;
    None
}

/// The second end of "March 1–3", "March 30 to April 2".
fn range_end_month_first(cursor: &mut Cursor<'_>, month: i8, paired: bool) -> Option<End> {
    let before = cursor.index;
    let dash = cursor.eat_any(DASHES).is_some();
    if !dash && cursor.eat_any(LINK_WORDS).is_none() {
        return None;
    }
    if let Some((second_month, month_span)) = cursor.month() {
        if let Some((day, day_span)) = cursor.day() {
            return Some(End {
                month: second_month,
                day,
                span: month_span.cover(day_span),
            });
        }
    } else if dash || paired {
        if let Some((day, span)) = cursor.day() {
            return Some(End { month, day, span });
        }
    }
    cursor.index = before;
    None
}

pub fn date_mentions(text: &str, syntax: &Syntax) -> Vec<DateMention> {
    weekday_and_date_mentions(text, syntax, false, None).1
}

/// [`date_mentions`], told which statements name a month by the text's
/// name mentions ([`super::names::name_mentions`]): each capitalised word
/// of a statement is a word of one of them, so their words are all the
/// words a month is looked for among, and they are read rather than the
/// whole text searched.
pub fn date_mentions_among_names(
    text: &str,
    syntax: &Syntax,
    names: &[NameMention],
) -> Vec<DateMention> {
    weekday_and_date_mentions(text, syntax, false, Some(names)).1
}

pub fn weekday_mentions(text: &str, syntax: &Syntax) -> Vec<WeekdayMention> {
    weekday_and_date_mentions(text, syntax, true, None).0
}

/// The date mentions of the text, and its weekday mentions: every one
/// only if `want_weekdays`, else those of dates alone.
fn weekday_and_date_mentions(
    text: &str,
    syntax: &Syntax,
    want_weekdays: bool,
    names: Option<&[NameMention]>,
) -> (Vec<WeekdayMention>, Vec<DateMention>) {
    let mut weekdays = Vec::new();
    let mut dates = Vec::new();
    // Without weekdays to list, the words naming a month are all that is
    // wanted of a statement's words: they are read from the name mentions
    // if given, else found by a search of the text, not a look at every
    // token.
    let names = names.filter(|_| !want_weekdays);
    let month_words =
        (!want_weekdays && names.is_none()).then(|| month_words(text, &syntax.tokens));
    let month_statements = names.map(|names| month_statements(text, names));
    let mut next_month_statement = 0;
    for (statement_index, statement) in syntax.statements.iter().enumerate() {
        let Some(tokens) = syntax.tokens.get(statement.tokens.clone()) else {
            continue;
        };
        // A mention holds its month's word, at or after the token it
        // starts at: none starts past the statement's last such word, when
        // the name mentions tell where that is.
        let mut last_month_start = usize::MAX;
        let names_a_month = match (&month_words, &month_statements) {
            (Some(month_words), _) => {
                let first = month_words.partition_point(|&index| index < statement.tokens.start);
                month_words
                    .get(first)
                    .is_some_and(|&index| index < statement.tokens.end)
            }
            (None, Some(month_statements)) => {
                while month_statements
                    .get(next_month_statement)
                    .is_some_and(|&(index, _)| index < statement_index)
                {
                    next_month_statement += 1;
                }
                match month_statements.get(next_month_statement) {
                    Some(&(index, start)) if index == statement_index => {
                        last_month_start = start;
                        true
                    }
                    _ => false,
                }
            }
            (None, None) => weekdays_and_month(text, tokens, &mut weekdays),
        };
        // Every date names its month (a capitalised word), so a statement
        // without one holds no date mention.
        if !names_a_month {
            continue;
        }
        let mut index = 0;
        while index < tokens.len() {
            let token = tokens[index];
            if token.span().start > last_month_start {
                break;
            }
            if !matches!(
                token.kind,
                TokenKind::CapitalisedWord | TokenKind::Number | TokenKind::Word
            ) || !may_start_mention(text, token.span())
            {
                index += 1;
                continue;
            }
            let mut cursor = Cursor {
                text,
                tokens,
                index,
            };
            let found = mentions_at(&mut cursor, statement_index);
            if found.is_empty() {
                index += 1;
            } else {
                for mention in found {
                    if let Some(weekday) = mention.weekday {
                        if !is_full_weekday(weekday.span.slice(text).trim_end_matches('.')) {
                            weekdays.push(weekday);
                        }
                    }
                    dates.push(mention);
                }
                index = cursor.index.max(index + 1);
            }
        }
    }
    weekdays.sort_by_key(|mention| mention.span);
    weekdays.dedup();
    (weekdays, dates)
}

/// The statements (their indexes, in order) with a word of a name mention
/// naming a month, as [`month_words`] tells a capitalised word, each with
/// the start of the last such word in it.
fn month_statements(text: &str, names: &[NameMention]) -> Vec<(usize, usize)> {
    let mut found: Vec<(usize, usize)> = Vec::new();
    for mention in names {
        let month_word = mention.words().iter().rev().find(|word| {
            may_name_month(text.as_bytes(), **word) && month_named(word.slice(text)).is_some()
        });
        let Some(word) = month_word else {
            continue;
        };
        match found.last_mut() {
            Some((statement, start)) if *statement == mention.statement => *start = word.start,
            _ => found.push((mention.statement, word.start)),
        }
    }
    found
}

/// For each first byte, a bit for each length (up to 15) that a month's
/// name as [`month_named`] takes it has with that first byte.
const MONTH_LENGTHS: [u16; 256] = {
    let mut lengths = [0u16; 256];
    let mut index = 0;
    while index < CALENDAR_WORDS.len() {
        let word = CALENDAR_WORDS[index].as_bytes();
        if index >= FIRST_MONTH_WORD {
            lengths[word[0].to_ascii_uppercase() as usize] |= 1 << word.len();
        }
        index += 1;
    }
    lengths
};

/// Whether the word at `span` may name a month: false for most capitalised
/// words, told by a table read of its first byte and length alone, which
/// turns away the words of names with few mispredicted branches.
fn may_name_month(bytes: &[u8], span: Span) -> bool {
    let Some(&first) = bytes.get(span.start) else {
        return false;
    };
    MONTH_LENGTHS[usize::from(first)] & (1 << span.len().min(15)) != 0
}

/// Pushes the weekdays written in full among `tokens`, and tells whether
/// any of them names a month.
fn weekdays_and_month(text: &str, tokens: &[Token], weekdays: &mut Vec<WeekdayMention>) -> bool {
    // A weekday's name is capitalised: only such words need the look-up,
    // and only those of a weekday's or a month's shape.
    let mut names_a_month = false;
    for token in tokens
        .iter()
        .filter(|token| matches!(token.kind, TokenKind::CapitalisedWord))
    {
        // Its shape read from its bytes, without slicing the text.
        let span = token.span();
        if !may_name_calendar_word(&text.as_bytes()[span.start..span.end]) {
            continue;
        }
        let word = span.slice(text);
        if let Some(weekday) = weekday_named(word).filter(|_| is_full_weekday(word)) {
            weekdays.push(WeekdayMention {
                span: token.span(),
                weekday,
            });
        } else if month_named(word).is_some() {
            names_a_month = true;
        }
    }
    names_a_month
}

/// The three letters that open every name and abbreviation of a month
/// that [`month_named`] takes.
const MONTH_OPENINGS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The indexes of the tokens (in order) that are capitalised words naming
/// a month, as [`weekdays_and_month`] tells them.
///
/// Found by a packed search of the text for the months' openings, which
/// reads it faster than a loop over its tokens, rather than by a look at
/// every token. The openings are a capital and two small letters, so no
/// two occurrences overlap and the search finds each one.
///
/// The search starts again after each opening it finds, which costs more
/// than a look at the tokens between two openings close together: from
/// the first stretch where [`DENSE_OPENINGS`] lie within
/// [`DENSE_STRETCH`] bytes (a list of dates, a table), the rest of the
/// tokens are looked at instead.
fn month_words(text: &str, tokens: &[Token]) -> Vec<usize> {
    static OPENINGS: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    let openings = OPENINGS.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            // The packed search finds the candidates; the automaton only
            // confirms them, and this kind builds in a fraction of the
            // time of the default's.
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .build(MONTH_OPENINGS)
            .expect("twelve short literals build")
    });
    let names_month = |token: &Token| {
        let span = token.span();
        token.kind == TokenKind::CapitalisedWord
            && may_name_calendar_word(&text.as_bytes()[span.start..span.end])
            && month_named(span.slice(text)).is_some()
    };
    let mut found = Vec::new();
    let mut next = 0;
    // The openings found since the stretch began, and where it began.
    let mut stretch = (0usize, 0usize);
    for opening in openings.find_iter(text) {
        let start = opening.start();
        next = first_token_from(tokens, next, start);
        stretch.0 += 1;
        if stretch.0 == DENSE_OPENINGS {
            if start - stretch.1 < DENSE_STRETCH {
                // No month word starts before this opening but at one the
                // search found.
                let rest = tokens.get(next..).unwrap_or_default();
                found.extend(
                    (next..)
                        .zip(rest)
                        .filter(|(_, token)| names_month(token))
                        .map(|(index, _)| index),
                );
                return found;
            }
            stretch = (0, start);
        }
        let Some(token) = tokens.get(next) else {
            break;
        };
        if token.span().start == start && names_month(token) {
            found.push(next);
        }
    }
    found
}

/// How many months' openings [`month_words`] finds within
/// [`DENSE_STRETCH`] bytes before it looks at the rest of the tokens
/// rather than search on: news copy has an opening every few hundred
/// bytes ("Mark", "Mayor", "March"), a list of dates one every few dozen.
const DENSE_OPENINGS: usize = 32;

/// See [`DENSE_OPENINGS`].
const DENSE_STRETCH: usize = 32 * 128;

/// The index of the first token at or after `from` that starts at
/// `offset` or later (all before `from` start before it), found by steps
/// doubling from `from` and then halving: a search costs the logarithm of
/// the tokens it passes, so a pass over the text's matches in order stays
/// linear in its tokens.
fn first_token_from(tokens: &[Token], from: usize, offset: usize) -> usize {
    let before = |index: usize| {
        tokens
            .get(index)
            .is_some_and(|token| token.span().start < offset)
    };
    let mut passed = from;
    let mut step = 1;
    while before(passed + step - 1) {
        passed += step;
        step *= 2;
    }
    let rest = tokens
        .get(passed..tokens.len().min(passed + step))
        .unwrap_or_default();
    passed + rest.partition_point(|token| token.span().start < offset)
}

/// Every weekday and month name and abbreviation, lowered.
const CALENDAR_WORDS: &[&str] = &[
    "monday",
    "mon",
    "tuesday",
    "tue",
    "tues",
    "wednesday",
    "wed",
    "thursday",
    "thu",
    "thur",
    "thurs",
    "friday",
    "fri",
    "saturday",
    "sat",
    "sunday",
    "sun",
    "january",
    "jan",
    "february",
    "feb",
    "march",
    "mar",
    "april",
    "apr",
    "may",
    "june",
    "jun",
    "july",
    "jul",
    "august",
    "aug",
    "september",
    "sep",
    "sept",
    "october",
    "oct",
    "november",
    "nov",
    "december",
    "dec",
];

/// Where the months' names begin in [`CALENDAR_WORDS`].
const FIRST_MONTH_WORD: usize = 17;

/// The shapes of [`CALENDAR_WORDS`].
const CALENDAR_SHAPES: WordShapes = WordShapes::EMPTY.with_all(CALENDAR_WORDS);

/// Whether a word may be a weekday's or a month's name as
/// [`weekday_named`] and [`month_named`] take them (a capital, then small
/// letters): false for most capitalised words, told by their first and
/// last bytes and length without comparing their letters.
fn may_name_calendar_word(word: &[u8]) -> bool {
    matches!(
        (word.first(), word.last()),
        (Some(first), Some(last)) if first.is_ascii_uppercase() && last.is_ascii_lowercase()
    ) && CALENDAR_SHAPES.may_hold(word)
}

/// Whether a mention can start at the word at `span`: only a weekday, a
/// month, "the" or a day number opens one. Checked before setting up the
/// full parse, which most words would fail, and told by the word's first
/// byte for most.
fn may_start_mention(text: &str, span: Span) -> bool {
    match text.as_bytes().get(span.start) {
        Some(byte) if byte.is_ascii_digit() => true,
        // "the 3rd", not "the" and a space before a word or a mark (which
        // no space token and no day starts with), as most are.
        Some(b't') => {
            span.slice(text) == "the"
                && !matches!(
                    text.as_bytes().get(span.end..span.end + 2),
                    Some(&[b' ', next]) if next.is_ascii_graphic() && !next.is_ascii_digit()
                )
        }
        Some(b'A' | b'D' | b'F' | b'J' | b'M' | b'N' | b'O' | b'S' | b'T' | b'W') => {
            let word = span.slice(text);
            weekday_named(word).is_some() || month_named(word).is_some()
        }
        _ => false,
    }
}

/// The mentions starting at the cursor: none, one, or two for a range.
fn mentions_at(cursor: &mut Cursor<'_>, statement: usize) -> Vec<DateMention> {
    let start = cursor.index;
    let mut weekdays: Option<(WeekdayMention, Option<WeekdayMention>)> = None;
    let mut date = None;
    if let Some((first, first_stopped)) = cursor.weekday() {
        let mut second = None;
        let before_link = cursor.index;
        if cursor.eat_any(DASHES).is_some() || cursor.eat_any(WEEKDAY_LINK_WORDS).is_some() {
            match cursor.weekday() {
                Some((weekday, _)) => second = Some(weekday),
                None => cursor.index = before_link,
            }
        }
        let comma = cursor.eat(",");
        let before_date = cursor.index;
        if cursor.eat("(") {
            date = parse_date(cursor, second.is_some()).filter(|_| cursor.eat(")"));
        } else {
            date = parse_date(cursor, second.is_some());
        }
        // "Sun, March 3" may be a newspaper: an abbreviation without its
        // full stop, before a comma, is a weekday only in a full date as web
        // pages print it ("Mon, Sep 29, 2008").
        if comma && !first_stopped && second.is_none() {
            date = date.filter(|date| date.year.is_some() && date.second.is_none());
        }
        if date.is_none() {
            cursor.index = before_date;
        }
        if date.is_some() {
            weekdays = Some((first, second));
        } else {
            cursor.index = start;
        }
    }
    let date = match date {
        Some(date) => date,
        None => {
            let date = parse_date(cursor, false);
            let Some(date) = date else {
                cursor.index = start;
                return Vec::new();
            };
            // "March 29 (Monday)"
            if date.second.is_none() {
                let before = cursor.index;
                let after = cursor.eat("(").then(|| cursor.weekday()).flatten();
                match after {
                    Some((weekday, _)) if cursor.eat(")") => weekdays = Some((weekday, None)),
                    _ => cursor.index = before,
                }
            }
            date
        }
    };
    if date.ambiguous_year {
        // The weekday cannot be checked against a date of unknown year.
        weekdays = None;
    }
    let year = date.year.map(|(year, _)| year);
    let end_of = |end: End, weekday: Option<WeekdayMention>, whole: Span| DateMention {
        span: weekday.map_or(whole, |w| w.span.cover(whole)),
        weekday,
        month: end.month,
        day: end.day,
        year,
        date_span: whole,
        statement,
    };
    match (date.second, weekdays) {
        (None, weekday) => {
            // "Monday and Tuesday, March 1" names no single day.
            let weekday = weekday.and_then(|(first, second)| second.is_none().then_some(first));
            vec![end_of(date.first, weekday, date.span())]
        }
        (Some(second), Some((first_weekday, Some(second_weekday)))) => vec![
            end_of(date.first, Some(first_weekday), date.first.span),
            end_of(second, Some(second_weekday), second.span),
        ],
        (Some(second), weekday) => vec![
            end_of(date.first, weekday.map(|(first, _)| first), date.first.span),
            end_of(second, None, second.span),
        ],
    }
}

/// "today, Tuesday", "yesterday (Monday)", "tomorrow, Thursday,": a full
/// weekday set beside the word that ties it to the publication date. A
/// weekday that runs on ("today, Tuesday's figures") is left alone.
pub fn relative_weekdays(text: &str, syntax: &Syntax) -> Vec<RelativeWeekday> {
    let mut found = Vec::new();
    for statement in &syntax.statements {
        let Some(tokens) = syntax.tokens.get(statement.tokens.clone()) else {
            continue;
        };
        for (index, token) in tokens.iter().enumerate() {
            let offset = match token.span().slice(text) {
                "today" | "Today" => 0,
                "yesterday" | "Yesterday" => -1,
                "tomorrow" | "Tomorrow" => 1,
                _ => continue,
            };
            let mut cursor = Cursor {
                text,
                tokens,
                index: index + 1,
            };
            let parenthesised = if cursor.eat("(") {
                true
            } else if cursor.eat(",") {
                false
            } else {
                continue;
            };
            let Some((weekday, _)) = cursor.weekday() else {
                continue;
            };
            if !is_full_weekday(weekday.span.slice(text)) {
                continue;
            }
            let closed = if parenthesised {
                cursor.eat(")")
            } else {
                cursor.peek().is_none_or(|(next, _)| {
                    matches!(next, "," | "." | ";" | ":" | ")" | "-" | "–" | "—")
                })
            };
            if closed {
                found.push(RelativeWeekday {
                    span: token.span().cover(weekday.span),
                    weekday,
                    offset,
                    word: token.span(),
                });
            }
        }
    }
    found
}

/// The publication date an article states itself: a `date: YYYY-MM-DD`
/// line in a leading `---` front-matter block, else a full date in the
/// dateline ("WASHINGTON, March 3, 2021 —", "LONDON, Wednesday 3 March
/// 2021 (Reuters) -").
pub fn stated_publication_date(
    text: &str,
    syntax: &Syntax,
    dates: &[DateMention],
) -> Option<(Date, DateSource)> {
    if let Some(date) = front_matter_date(text) {
        return Some((date, DateSource::FrontMatter));
    }
    let first_body = syntax.blocks.iter().position(|block| {
        matches!(block.kind, BlockKind::Dateline | BlockKind::Paragraph)
            && !block.span.slice(text).starts_with("---")
    })?;
    let first_body_block = syntax.blocks.get(first_body)?;
    let mention = dates.iter().find(|mention| {
        syntax
            .statements
            .get(mention.statement)
            .is_some_and(|statement| statement.block >= first_body)
    })?;
    let statement = syntax.statements.get(mention.statement)?;
    // The dateline is the opening of the first body block, or a dateline
    // block of its own with the paragraph after it.
    let block = syntax.blocks.get(statement.block)?;
    if statement.block != first_body && first_body_block.kind != BlockKind::Dateline {
        return None;
    }
    let before = text.get(block.span.start..mention.span.start)?.trim_end();
    let place = before.strip_suffix(',')?;
    let is_place = place.chars().any(char::is_alphabetic)
        && !place.chars().any(char::is_lowercase)
        && !place.contains('\n');
    let after = text.get(mention.span.end..block.span.end)?.trim_start();
    let after = match after.strip_prefix('(') {
        Some(rest) => rest
            .split_once(')')
            .map_or("", |(_, rest)| rest.trim_start()),
        None => after,
    };
    let dashed = after.starts_with(['-', '–', '—'])
        || (after.is_empty() && block.kind == BlockKind::Dateline);
    if is_place && dashed {
        Some((mention.stated_date()?, DateSource::Dateline))
    } else {
        None
    }
}

/// The `date:` of a front-matter block that opens the text (read as the
/// Markdown prose view reads it).
fn front_matter_date(text: &str) -> Option<Date> {
    crate::document::front_matter_date(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    type Summary = (String, Option<Weekday>, i8, i8, Option<i16>);

    fn dates(text: &str) -> Vec<Summary> {
        let syntax = parse(text);
        date_mentions(text, &syntax)
            .into_iter()
            .map(|date| {
                (
                    date.span.slice(text).to_owned(),
                    date.weekday.map(|w| w.weekday),
                    date.month,
                    date.day,
                    date.year,
                )
            })
            .collect()
    }

    #[test]
    fn american_and_british_orders() {
        assert_eq!(
            dates("It was Monday, March 3, 2021 and Friday 4 March 2021."),
            [
                (
                    "Monday, March 3, 2021".to_owned(),
                    Some(Weekday::Monday),
                    3,
                    3,
                    Some(2021)
                ),
                (
                    "Friday 4 March 2021".to_owned(),
                    Some(Weekday::Friday),
                    3,
                    4,
                    Some(2021)
                ),
            ]
        );
    }

    #[test]
    fn abbreviations_and_ordinals() {
        assert_eq!(
            dates("On Tues., Feb. 2, 2021 and Monday, March 1st."),
            [
                (
                    "Tues., Feb. 2, 2021".to_owned(),
                    Some(Weekday::Tuesday),
                    2,
                    2,
                    Some(2021)
                ),
                (
                    "Monday, March 1st".to_owned(),
                    Some(Weekday::Monday),
                    3,
                    1,
                    None
                ),
            ]
        );
    }

    #[test]
    fn bare_weekdays_are_recorded() {
        let text = "Talks were held on Monday. Sun shone.";
        let syntax = parse(text);
        let weekdays = weekday_mentions(text, &syntax);
        assert_eq!(weekdays.len(), 1);
        assert_eq!(weekdays[0].weekday, Weekday::Monday);
    }

    #[test]
    fn may_as_a_verb_is_not_a_date() {
        assert!(dates("Prices may rise.").is_empty());
    }

    #[test]
    fn ranges_give_one_mention_per_end() {
        assert_eq!(
            dates("It runs Monday to Wednesday, March 1–3, 2021, then March 30 to April 2."),
            [
                (
                    "Monday to Wednesday, March 1".to_owned(),
                    Some(Weekday::Monday),
                    3,
                    1,
                    Some(2021)
                ),
                (
                    "Wednesday, March 1–3".to_owned(),
                    Some(Weekday::Wednesday),
                    3,
                    3,
                    Some(2021)
                ),
                ("March 30".to_owned(), None, 3, 30, None),
                ("April 2".to_owned(), None, 4, 2, None),
            ]
        );
        assert_eq!(
            dates("Hearings run 30-31 June."),
            [
                ("30".to_owned(), None, 6, 30, None),
                ("31 June".to_owned(), None, 6, 31, None),
            ]
        );
    }

    #[test]
    fn parenthesised_dates_and_weekdays() {
        assert_eq!(
            dates("Polls open on Monday (March 29) and close March 30 (Tuesday)."),
            [
                (
                    "Monday (March 29".to_owned(),
                    Some(Weekday::Monday),
                    3,
                    29,
                    None
                ),
                (
                    "March 30 (Tuesday".to_owned(),
                    Some(Weekday::Tuesday),
                    3,
                    30,
                    None
                ),
            ]
        );
    }

    #[test]
    fn the_ordinal_of_the_month() {
        assert_eq!(
            dates("It began Monday the 1st of March 2021 and ended on the 5th of March."),
            [
                (
                    "Monday the 1st of March 2021".to_owned(),
                    Some(Weekday::Monday),
                    3,
                    1,
                    Some(2021)
                ),
                ("the 5th of March".to_owned(), None, 3, 5, None),
            ]
        );
    }

    #[test]
    fn counts_and_newspapers_are_not_dates() {
        assert_eq!(dates("Volume on Monday, March 3 mln shares was light."), []);
        assert_eq!(dates("Volume on Monday, March 3 MLN shares was light."), []);
        assert_eq!(
            dates("He said on Monday, March 3, 2000 workers would strike."),
            // The weekday is dropped: the year may be 2000 or unstated.
            [("March 3".to_owned(), None, 3, 3, None)]
        );
        assert_eq!(
            dates("The Sun, March 3, 2021, said so. Sun, March 3 was cold."),
            [
                ("March 3, 2021".to_owned(), None, 3, 3, Some(2021)),
                ("March 3".to_owned(), None, 3, 3, None)
            ]
        );
        assert_eq!(
            dates("Posted Mon, Sep 29, 2008."),
            [(
                "Mon, Sep 29, 2008".to_owned(),
                Some(Weekday::Monday),
                9,
                29,
                Some(2008)
            )]
        );
        // Two weekdays and one day name no single day.
        assert_eq!(
            dates("Monday and Tuesday, March 2 was chosen."),
            [("March 2".to_owned(), None, 3, 2, None)]
        );
        assert_eq!(
            dates("It falls on Monday or Tuesday, March 2."),
            [("March 2".to_owned(), None, 3, 2, None)]
        );
        // A word link makes no range unless weekdays are paired.
        assert_eq!(
            dates("Shares fell Feb 28 and 30 traders left."),
            [("Feb 28".to_owned(), None, 2, 28, None)]
        );
    }

    #[test]
    fn weekdays_tied_to_the_publication_date() {
        let text = "Talks end today, Tuesday, and began yesterday (Monday). \
                    Bonds fell today, Tuesday's data showed. Rain is due tomorrow, Wednesday.";
        let syntax = parse(text);
        let found: Vec<(&str, Weekday, i8)> = relative_weekdays(text, &syntax)
            .into_iter()
            .map(|relative| {
                (
                    relative.span.slice(text),
                    relative.weekday.weekday,
                    relative.offset,
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                ("today, Tuesday", Weekday::Tuesday, 0),
                ("yesterday (Monday", Weekday::Monday, -1),
                ("tomorrow, Wednesday", Weekday::Wednesday, 1),
            ]
        );
    }

    fn publication(text: &str) -> Option<(Date, DateSource)> {
        let syntax = parse(text);
        let dates = date_mentions(text, &syntax);
        stated_publication_date(text, &syntax, &dates)
    }

    #[test]
    fn publication_date_from_front_matter_or_dateline() {
        let date = |s: &str| s.parse::<Date>().expect("a test date");
        assert_eq!(
            publication(
                "---\ntitle: Talks\ndate: \"2021-12-30T10:00:00Z\"\n---\n\nTalks resume.\n"
            ),
            Some((date("2021-12-30"), DateSource::FrontMatter))
        );
        assert_eq!(
            publication("Talks resume\n\nGENEVA, Dec. 30, 2021 (Reuters) — Talks resume.\n"),
            Some((date("2021-12-30"), DateSource::Dateline))
        );
        assert_eq!(
            publication("NEW YORK, Thursday, March 4, 2021 - Shares rose.\n"),
            Some((date("2021-03-04"), DateSource::Dateline))
        );
        // A date in the body is not a dateline.
        assert_eq!(
            publication("Talks resume\n\nOn Dec. 30, 2021 — a Thursday — talks resume.\n"),
            None
        );
        assert_eq!(publication("---\ntitle: no date\n---\n\nText.\n"), None);
        assert_eq!(publication("---\ndate: soon\n---\n"), None);
    }

    #[test]
    fn calendar_word_shapes_hold_every_weekday_and_month_name() {
        let names = [
            "Monday",
            "Mon",
            "Tuesday",
            "Tue",
            "Tues",
            "Wednesday",
            "Wed",
            "Thursday",
            "Thu",
            "Thur",
            "Thurs",
            "Friday",
            "Fri",
            "Saturday",
            "Sat",
            "Sunday",
            "Sun",
            "January",
            "Jan",
            "February",
            "Feb",
            "March",
            "Mar",
            "April",
            "Apr",
            "May",
            "June",
            "Jun",
            "July",
            "Jul",
            "August",
            "Aug",
            "September",
            "Sep",
            "Sept",
            "October",
            "Oct",
            "November",
            "Nov",
            "December",
            "Dec",
        ];
        for name in names {
            assert!(weekday_named(name).is_some() || month_named(name).is_some());
            assert!(may_name_calendar_word(name.as_bytes()), "{name}");
        }
        // Any word that names one has a listed shape.
        let words = "Monday Mondays Moon Ma March Marches Sept. Septs Dec Decs Year \
                     \u{e9}t\u{e9} Mai M\u{e4}rz Sun\u{301} \u{212a} MONDAY monday Mon. \
                     May\u{301} A Z Az Za";
        for word in words.split(' ').chain(names) {
            if weekday_named(word).is_some() || month_named(word).is_some() {
                assert!(may_name_calendar_word(word.as_bytes()), "{word}");
            }
        }
        for word in [
            "Moon", "Year", "MONDAY", "monday", "", "M", "Mondays", "Monda",
        ] {
            assert!(!may_name_calendar_word(word.as_bytes()), "{word}");
        }
        // Every word of a capital and small letters up to ten long that
        // names one has a listed shape, and most others do not.
        let mut shaped = 0;
        for first in b'A'..=b'Z' {
            for last in b'a'..=b'z' {
                for len in 1..=10 {
                    let mut word = vec![b'a'; len];
                    word[0] = first;
                    word[len - 1] = last;
                    shaped += usize::from(may_name_calendar_word(&word));
                }
            }
        }
        assert!(shaped < 100, "{shaped}");
        for name in names {
            let bytes = name.as_bytes();
            let mut word = vec![b'x'; bytes.len()];
            word[0] = bytes[0];
            word[bytes.len() - 1] = bytes[bytes.len() - 1];
            assert!(may_name_calendar_word(&word), "{name}");
        }
    }

    /// The search for the words naming a month finds each capitalised
    /// word that names one, and the dates found from them are those found
    /// from a look at every token.
    #[test]
    fn month_words_are_found_by_the_search() {
        let pieces = [
            "March",
            "Mar",
            "Mar.",
            "May",
            "Mayor",
            "MAY",
            "may",
            "Sept",
            "Sept.",
            "Sep",
            "June",
            "Junes",
            "Jun",
            "December",
            "Dec",
            "Decs",
            "Jan",
            "Janet",
            "Feb",
            "April",
            "Oct",
            "Nov",
            "Aug",
            "Jul",
            "July",
            "Monday",
            "Tues.",
            "Sun",
            "the",
            "of",
            "to",
            "3",
            "29th",
            "2021",
            "1st",
            " ",
            " ",
            " ",
            ", ",
            ". ",
            "\n",
            "\r\n",
            "\n\n",
            "-",
            "–",
            "(",
            ")",
            "\"",
            "“",
            "é",
            "M\u{e4}rz",
            "Mar\u{301}",
            "\u{212a}",
            "x",
            "_",
            "😀",
            "Smith",
            "said",
            "March 3, 2021",
            " 4 March 2021",
            "the 1st of May",
            "Monday, Sept. 3",
            "Jan. 5–7",
            "Tuesday (Dec 1)",
        ];
        let mut next = crate::pseudo_random::below(0x243f_6a88_85a3_08d3);
        let mut generated = |most_pieces: usize| {
            let mut text = String::new();
            for _ in 0..next(most_pieces) {
                text.push_str(pieces[next(pieces.len())]);
            }
            text
        };
        // Every capitalised word naming a month, by the definition.
        let plain_month_words = |text: &str, tokens: &[crate::syntax::Token]| -> Vec<usize> {
            (tokens.iter().enumerate())
                .filter(|(_, token)| {
                    token.kind == TokenKind::CapitalisedWord
                        && month_named(token.span().slice(text)).is_some()
                })
                .map(|(index, _)| index)
                .collect()
        };
        let mut months = 0;
        let mut dated = 0;
        for _ in 0..20_000 {
            let text = generated(24);
            let syntax = parse(&text);
            let plain = plain_month_words(&text, &syntax.tokens);
            assert_eq!(month_words(&text, &syntax.tokens), plain, "{text:?}");
            let dates = date_mentions(&text, &syntax);
            assert_eq!(
                dates,
                weekday_and_date_mentions(&text, &syntax, true, None).1,
                "{text:?}"
            );
            let names = crate::model::names::name_mentions(&text, &syntax);
            assert_eq!(
                dates,
                date_mentions_among_names(&text, &syntax, &names),
                "{text:?}"
            );
            months += plain.len();
            dated += dates.len();
        }
        assert!(months > 10_000 && dated > 5_000, "{months} {dated}");
        // Texts long enough to hold a stretch dense with months' openings,
        // from which the tokens are looked at rather than searched.
        let mut walked = 0;
        for _ in 0..300 {
            let text = generated(2_000);
            let syntax = parse(&text);
            let plain = plain_month_words(&text, &syntax.tokens);
            assert_eq!(month_words(&text, &syntax.tokens), plain, "{text:?}");
            walked += usize::from(plain.len() > DENSE_OPENINGS);
        }
        assert!(walked > 100, "{walked}");
    }

    /// Every unit, in any case, has a shape the units' shapes hold.
    #[test]
    fn unit_shapes_hold_every_unit() {
        for unit in UNITS {
            for word in [
                unit.to_string(),
                unit.to_ascii_uppercase(),
                capitalised(unit),
            ] {
                assert!(UNIT_SHAPES.may_hold(word.as_bytes()), "{word}");
            }
        }
        assert!(!UNIT_SHAPES.may_hold(b","));
        assert!(!UNIT_SHAPES.may_hold(b"2021"));
    }

    /// Every word naming a month has a first byte and length the table
    /// lets through, and the table's words from the first month on are
    /// the months' names.
    #[test]
    fn month_lengths_let_every_month_through() {
        assert_eq!(CALENDAR_WORDS[FIRST_MONTH_WORD], "january");
        assert!(CALENDAR_WORDS[..FIRST_MONTH_WORD]
            .iter()
            .all(|word| month_named(&capitalised(word)).is_none()));
        for word in &CALENDAR_WORDS[FIRST_MONTH_WORD..] {
            let word = capitalised(word);
            assert!(month_named(&word).is_some(), "{word}");
            let span = Span::new(0, word.len());
            assert!(may_name_month(word.as_bytes(), span), "{word}");
        }
        // Most first letters and lengths are turned away.
        let mut turned_away = 0;
        for first in b'A'..=b'Z' {
            for length in 1..=9 {
                let word = format!("{}{}", char::from(first), "a".repeat(length - 1));
                turned_away += usize::from(!may_name_month(word.as_bytes(), Span::new(0, length)));
            }
        }
        assert!(turned_away > 200, "{turned_away}");
    }

    fn capitalised(word: &str) -> String {
        word[..1].to_ascii_uppercase() + &word[1..]
    }

    /// No mention starts where [`may_start_mention`] turns the parse away.
    #[test]
    fn mentions_start_only_where_allowed() {
        let pieces = [
            "the",
            "The",
            "then",
            "3",
            "3rd",
            "31st",
            "12",
            "2021",
            "March",
            "May",
            "Monday",
            "of",
            " ",
            " ",
            "  ",
            "\t",
            "\u{a0}",
            "\n",
            "\r\n",
            "(",
            ")",
            ",",
            ".",
            "–",
            "“",
            "é",
            "x",
            "the 1st of May",
            " 4 March",
            "the 3rd",
            "the\u{a0}2nd",
            "the\n5th",
            " May 3",
        ];
        let mut next = crate::pseudo_random::below(0x0827_4f1c_3c79_3b2d);
        let mut found = 0;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..next(16) {
                text.push_str(pieces[next(pieces.len())]);
            }
            let syntax = parse(&text);
            for (statement_index, statement) in syntax.statements.iter().enumerate() {
                let tokens = &syntax.tokens[statement.tokens.clone()];
                for (index, token) in tokens.iter().enumerate() {
                    // The only tokens the parse is tried at.
                    if !matches!(
                        token.kind,
                        TokenKind::CapitalisedWord | TokenKind::Number | TokenKind::Word
                    ) {
                        continue;
                    }
                    let mut cursor = Cursor {
                        text: &text,
                        tokens,
                        index,
                    };
                    if !mentions_at(&mut cursor, statement_index).is_empty() {
                        assert!(
                            may_start_mention(&text, token.span()),
                            "{:?} in {text:?}",
                            token.span().slice(&text)
                        );
                        found += 1;
                    }
                }
            }
        }
        assert!(found > 1000, "{found}");
    }

    /// The doubling search finds the token a search of all of them finds.
    #[test]
    fn first_token_from_is_a_partition_point() {
        let text = "On Monday, March 3, 2021, the “vote” was held.\r\n\nIt é 😀 ran. ".repeat(40);
        let tokens = parse(&text).tokens;
        let mut next = crate::pseudo_random::below(0x1319_8a2e_0370_7344);
        for _ in 0..20_000 {
            let offset = next(text.len() + 2);
            let expected = tokens.partition_point(|token| token.span().start < offset);
            let from = next(expected + 1);
            assert_eq!(
                first_token_from(&tokens, from, offset),
                expected,
                "{from} {offset}"
            );
        }
        assert_eq!(first_token_from(&[], 0, 5), 0);
    }

    #[test]
    fn odd_text_does_not_panic() {
        for text in [
            "Monday,",
            "Tues.",
            "March",
            "Monday (March",
            "Monday to",
            "the 1st of",
            "March 3 (",
            "today, ",
            "---",
            "---\ndate:",
            "31 –",
            "Feb. 29, 2021 (Monday)",
            "é Monday, März 3 — 2021",
        ] {
            let syntax = parse(text);
            let dates = date_mentions(text, &syntax);
            let _ = relative_weekdays(text, &syntax);
            let _ = stated_publication_date(text, &syntax, &dates);
            for mention in dates {
                assert!(text.get(mention.span.start..mention.span.end).is_some());
            }
        }
    }
}
