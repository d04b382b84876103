//! Date and weekday mentions, computed once per article.
//!
//! The forms recognised here are the common ones of news copy:
//!
//! ```text
//! date    = [ weekday [","] ] ( month-day | day-month ) [ [","] year ]
//! month-day = month ["."] day [ordinal]           ; March 3, Sept. 3rd
//! day-month = day [ordinal] month ["."]           ; 4 March
//! weekday = Monday … Sunday | Mon. Tue. Tues. Wed. Thu. Thur. Thurs. Fri. Sat. Sun.
//! ```
//!
//! Every weekday name is recorded as a [`WeekdayMention`] whether or not a
//! date follows, so rules can read bare weekdays too.

use jiff::civil::{Date, Weekday};

use crate::source::Span;
use crate::syntax::{Syntax, Token, TokenKind};

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
    /// The span of the month, day and year, without the weekday.
    pub date_span: Span,
    /// Index into the article's statements.
    pub statement: usize,
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

/// Whether a weekday word is written out in full (abbreviations like "Sun"
/// and "Sat" are also ordinary words and need a date beside them).
fn is_full_weekday(word: &str) -> bool {
    word.ends_with("day")
}

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
            .map(|token| (token.span.slice(self.text), *token))
    }

    fn eat(&mut self, literal: &str) -> bool {
        let saved = self.index;
        if self.peek().is_some_and(|(text, _)| text == literal) {
            self.index += 1;
            true
        } else {
            self.index = saved;
            false
        }
    }

    /// A day of the month, 1–31, written as a number or an ordinal.
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
                Some((day, token.span))
            }
            _ => {
                self.index = saved;
                None
            }
        }
    }

    /// A four-digit year, 1000–2999.
    fn year(&mut self) -> Option<(i16, Span)> {
        let (word, token) = self.peek()?;
        if token.kind == TokenKind::Number && word.len() == 4 {
            if let Ok(year) = word.parse::<i16>() {
                if (1000..3000).contains(&year) {
                    self.index += 1;
                    return Some((year, token.span));
                }
            }
        }
        None
    }

    fn month(&mut self) -> Option<(i8, Span)> {
        let (word, token) = self.peek()?;
        let month = month_named(word)?;
        self.index += 1;
        let mut span = token.span;
        // An abbreviated month may take a full stop: "Sept. 3", "Feb 26".
        if let Some(stop) = self.tokens.get(self.index) {
            if word.len() <= 4 && stop.span.start == span.end && stop.span.slice(self.text) == "." {
                span.end = stop.span.end;
                self.index += 1;
            }
        }
        Some((month, span))
    }
}

pub fn date_mentions(text: &str, syntax: &Syntax) -> Vec<DateMention> {
    weekday_and_date_mentions(text, syntax).1
}

pub fn weekday_mentions(text: &str, syntax: &Syntax) -> Vec<WeekdayMention> {
    weekday_and_date_mentions(text, syntax).0
}

fn weekday_and_date_mentions(
    text: &str,
    syntax: &Syntax,
) -> (Vec<WeekdayMention>, Vec<DateMention>) {
    let mut weekdays = Vec::new();
    let mut dates = Vec::new();
    for (statement_index, statement) in syntax.statements.iter().enumerate() {
        let tokens = &syntax.tokens[statement.tokens.clone()];
        let mut index = 0;
        while index < tokens.len() {
            let token = tokens[index];
            if token.kind != TokenKind::CapitalisedWord
                && token.kind != TokenKind::Number
                && token.kind != TokenKind::Word
            {
                index += 1;
                continue;
            }
            let mut cursor = Cursor {
                text,
                tokens,
                index,
            };
            let mut weekday = None;
            let word = token.span.slice(text);
            if let Some(day) = weekday_named(word) {
                cursor.index += 1;
                let mut span = token.span;
                if !is_full_weekday(word) {
                    let before = cursor.index;
                    if cursor.eat(".") {
                        span.end = tokens[before].span.end;
                    }
                }
                let mention = WeekdayMention { span, weekday: day };
                if is_full_weekday(word) {
                    weekdays.push(mention);
                }
                weekday = Some(mention);
                cursor.eat(",");
            }
            let after_weekday = cursor.index;
            if let Some(date) = parse_date(&mut cursor) {
                let (month, day, year, date_span) = date;
                let start = weekday.map_or(date_span.start, |w| w.span.start);
                if weekday
                    .is_some_and(|w| !is_full_weekday(w.span.slice(text).trim_end_matches('.')))
                {
                    weekdays.push(weekday.expect("checked above"));
                }
                dates.push(DateMention {
                    span: Span::new(start, date_span.end),
                    weekday,
                    month,
                    day,
                    year,
                    date_span,
                    statement: statement_index,
                });
                index = cursor.index;
            } else {
                index = if weekday.is_some() {
                    after_weekday
                } else {
                    index + 1
                };
            }
        }
    }
    weekdays.sort_by_key(|mention| mention.span);
    (weekdays, dates)
}

/// `month-day [[","] year] | day-month [year]`
fn parse_date(cursor: &mut Cursor<'_>) -> Option<(i8, i8, Option<i16>, Span)> {
    let start = cursor.index;
    if let Some((month, month_span)) = cursor.month() {
        if let Some((day, day_span)) = cursor.day() {
            let mut span = month_span.cover(day_span);
            let before_year = cursor.index;
            cursor.eat(",");
            let year = match cursor.year() {
                Some((year, year_span)) => {
                    span = span.cover(year_span);
                    Some(year)
                }
                None => {
                    cursor.index = before_year;
                    None
                }
            };
            return Some((month, day, year, span));
        }
        cursor.index = start;
        return None;
    }
    if let Some((day, day_span)) = cursor.day() {
        if let Some((month, month_span)) = cursor.month() {
            let mut span = day_span.cover(month_span);
            let year = cursor.year().map(|(year, year_span)| {
                span = span.cover(year_span);
                year
            });
            return Some((month, day, year, span));
        }
    }
    cursor.index = start;
    None
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
}
