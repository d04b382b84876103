//! The facts view: per statement, the facts the rules compare — names,
//! dates, weekdays, numbers, ages, titles and quotations with their
//! speakers — so an editor can see why a fact rule fired
//! (`copydesk facts FILE`).
//!
//! Everything here is read from the [`Article`] model; nothing is
//! re-parsed. Each kind of fact is one [`Fact`] variant with its own
//! struct and one collecting function in [`statement_facts`]: adding a
//! kind is a variant, a struct, a loop that pushes
//! it onto its statement, and one arm in [`Fact::span`] and
//! [`Fact::summary`]. The variants serialise with a `kind` tag, so the
//! JSON shape grows without changing.
//!
//! # Example
//!
//! ```
//! let article = copydesk::Article::parse("“We will win,” said Jane Doe on Monday, March 1, 2021.\n");
//! let statements = copydesk::facts::statement_facts(&article, false);
//! let kinds: Vec<&str> = statements[0].facts.iter().map(|fact| fact.kind()).collect();
//! assert_eq!(kinds, ["quotation", "name", "date"]);
//! ```

use jiff::civil::Date;
use serde::Serialize;

use crate::model::attribution::{name_core, SpeakerKind};
use crate::model::dates::{self, weekday_name, DateMention};
use crate::model::names::fold_name;
use crate::model::numbers::Unit;
use crate::model::people::AgeForm;
use crate::model::Article;
use crate::source::Span;
use crate::syntax::{BlockKind, TokenKind};
use std::collections::HashSet;

/// The facts of one statement.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StatementFacts {
    /// Index into the article's statements.
    pub index: usize,
    pub span: Span,
    /// In text order.
    pub facts: Vec<Fact>,
}

/// One fact a rule can compare.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Fact {
    Name(NameFact),
    Date(DateFact),
    Weekday(WeekdayFact),
    Number(NumberFact),
    Age(AgeFact),
    Title(TitleFact),
    Quotation(QuotationFact),
}

/// A stated quantity ("14,000 people", "more than 40 passengers").
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NumberFact {
    /// The number with its multiplier: "14,000", "two dozen".
    pub span: Span,
    pub text: String,
    /// The value, when the text states one exactly enough to compare.
    pub value: Option<f64>,
    /// Whether the text says the value is not exact ("about", "more than").
    pub approximate: bool,
    pub unit: Unit,
    /// The counted noun in the singular ("person"), if any.
    pub noun: Option<String>,
    /// "14 of the 20": the number picks a part of a group.
    pub part_of: bool,
    /// Inside a direct quotation.
    pub quoted: bool,
}

/// An age stated for a named person ("Jane Doe, 45,").
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AgeFact {
    /// The number of years, as written.
    pub span: Span,
    pub years: u32,
    pub form: AgeForm,
    /// The name the age is attached to.
    pub person: String,
    pub person_span: Span,
}

/// A title or rank written in front of a name ("Gen. Mark Milley").
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TitleFact {
    pub span: Span,
    pub text: String,
    /// The name the title is attached to.
    pub person: String,
    pub person_span: Span,
    /// Lowercase words just before the title ("former", "then").
    pub preceding: Vec<String>,
}

/// A proper name, as the name rules compare it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NameFact {
    /// The name without a sentence-initial common word or a title.
    pub span: Span,
    pub text: String,
    /// Lower case, without diacritics or anything but letters: the form
    /// spellings are compared in.
    pub folded: String,
}

/// A calendar date ("Monday, March 3, 2021", "4 March").
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DateFact {
    /// From the weekday, if any, to the end of the date.
    pub span: Span,
    pub text: String,
    pub month: i8,
    pub day: i8,
    /// The year as written, if it is.
    pub year: Option<i16>,
    /// The weekday the text gives the date, if any ("Monday").
    pub weekday: Option<&'static str>,
    /// The date meant, as YYYY-MM-DD, when the year is known and the date
    /// exists.
    pub date: Option<String>,
    /// Where the year of `date` comes from.
    pub year_from: Option<YearSource>,
    /// The weekday `date` falls on.
    pub actual_weekday: Option<&'static str>,
}

/// Where a date's year comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum YearSource {
    /// Written with the date.
    Stated,
    /// The occurrence nearest the publication date.
    PublicationDate,
}

/// A weekday standing without a date ("on Wednesday").
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WeekdayFact {
    pub span: Span,
    pub text: String,
    pub weekday: &'static str,
    /// "today", "yesterday" or "tomorrow" when the text ties the weekday to
    /// the publication date ("today, Tuesday").
    pub relative_to_publication: Option<String>,
    /// The date that tie gives, as YYYY-MM-DD, when the publication date is
    /// known.
    pub date: Option<String>,
    /// The weekday of that date.
    pub actual_weekday: Option<&'static str>,
}

/// A quotation and who speaks it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuotationFact {
    /// From the opening mark through the closing mark (or to the end of the
    /// paragraph, for a quotation continued in the next one).
    pub span: Span,
    /// The quoted words, between the marks.
    pub quoted: Span,
    pub text: String,
    pub closed: bool,
    pub speaker: Option<SpeakerFact>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpeakerFact {
    /// The speaker as the attribution writes it.
    pub span: Span,
    pub text: String,
    pub kind: SpeakerKind,
    /// The name the speaker is: the name itself, or the name a pronoun
    /// stands for when the paragraph makes it unambiguous.
    pub name: Option<String>,
    pub name_span: Option<Span>,
    /// The verb of saying ("said") or "according to".
    pub cue: String,
    /// The quotation whose attribution this one continues, if the
    /// attribution is not beside this quotation.
    pub carried_from: Option<Span>,
}

impl Fact {
    /// The kind, as the JSON `kind` field gives it.
    pub fn kind(&self) -> &'static str {
        match self {
            Fact::Name(_) => "name",
            Fact::Date(_) => "date",
            Fact::Weekday(_) => "weekday",
            Fact::Number(_) => "number",
            Fact::Age(_) => "age",
            Fact::Title(_) => "title",
            Fact::Quotation(_) => "quotation",
        }
    }

    pub fn span(&self) -> Span {
        match self {
            Fact::Name(fact) => fact.span,
            Fact::Date(fact) => fact.span,
            Fact::Weekday(fact) => fact.span,
            Fact::Number(fact) => fact.span,
            Fact::Age(fact) => fact.span,
            Fact::Title(fact) => fact.span,
            Fact::Quotation(fact) => fact.span,
        }
    }

    /// One line describing the fact, for the text view.
    pub fn summary(&self) -> String {
        match self {
            Fact::Name(fact) => format!("“{}” (folded: {})", fact.text, fact.folded),
            Fact::Date(fact) => {
                let mut out = format!("“{}”", one_line(&fact.text));
                match (&fact.date, fact.actual_weekday) {
                    (Some(date), Some(actual)) => {
                        out.push_str(&format!(" = {date}, a {actual}"));
                        if fact.year_from == Some(YearSource::PublicationDate) {
                            out.push_str(" (year from the publication date)");
                        }
                        if let Some(given) = fact.weekday.filter(|given| *given != actual) {
                            out.push_str(&format!("; the text says {given}"));
                        }
                    }
                    _ if fact.year.is_some() => out.push_str(" (no such date)"),
                    _ => out.push_str(" (year unknown)"),
                }
                out
            }
            Fact::Weekday(fact) => {
                let mut out = format!("“{}”", fact.text);
                if let Some(word) = &fact.relative_to_publication {
                    out.push_str(&format!(" ({word})"));
                    if let (Some(date), Some(actual)) = (&fact.date, fact.actual_weekday) {
                        out.push_str(&format!(" = {date}, a {actual}"));
                    }
                }
                out
            }
            Fact::Number(fact) => {
                let mut out = format!("“{}”", one_line(&fact.text));
                if let Some(value) = fact.value {
                    out.push_str(&format!(" = {value}"));
                }
                let unit = match fact.unit {
                    Unit::Count => "count",
                    Unit::Money => "money",
                    Unit::Percent => "percent",
                    Unit::Measure => "measure",
                };
                out.push_str(&format!(" ({unit}"));
                if let Some(noun) = &fact.noun {
                    out.push_str(&format!(" of {noun}"));
                }
                for (flag, label) in [
                    (fact.approximate, "approximate"),
                    (fact.part_of, "part of a group"),
                    (fact.quoted, "quoted"),
                ] {
                    if flag {
                        out.push_str(&format!(", {label}"));
                    }
                }
                out.push(')');
                out
            }
            Fact::Age(fact) => format!("{} is {}", one_line(&fact.person), fact.years),
            Fact::Title(fact) => {
                let mut out = format!(
                    "“{}” is titled “{}”",
                    one_line(&fact.person),
                    one_line(&fact.text)
                );
                if !fact.preceding.is_empty() {
                    out.push_str(&format!(" (after “{}”)", fact.preceding.join(" ")));
                }
                out
            }
            Fact::Quotation(fact) => {
                let mut out = format!("“{}”", shorten(&fact.text, 60));
                if !fact.closed {
                    out.push_str(" (continues in the next paragraph)");
                }
                match &fact.speaker {
                    None => out.push_str(" — no speaker"),
                    Some(speaker) => {
                        let kind = match speaker.kind {
                            SpeakerKind::Name => "name",
                            SpeakerKind::Description => "description",
                            SpeakerKind::Pronoun => "pronoun",
                        };
                        out.push_str(&format!(" — speaker: {}", speaker.text));
                        match (&speaker.name, speaker.kind) {
                            (Some(name), SpeakerKind::Pronoun) => {
                                out.push_str(&format!(" = {name}"));
                            }
                            (None, SpeakerKind::Pronoun) => out.push_str(" (unresolved)"),
                            _ => {}
                        }
                        out.push_str(&format!(" ({kind}, “{}”", speaker.cue));
                        if speaker.carried_from.is_some() {
                            out.push_str(", carried from an earlier quotation");
                        }
                        out.push(')');
                    }
                }
                out
            }
        }
    }
}

/// The facts of each statement, in text order. With `all`, statements
/// without facts are listed too.
pub fn statement_facts(article: &Article<'_>, all: bool) -> Vec<StatementFacts> {
    let text = article.text;
    let mut facts: Vec<Vec<Fact>> = vec![Vec::new(); article.statements().len()];
    let mut push = |statement: usize, fact: Fact| {
        if let Some(list) = facts.get_mut(statement) {
            list.push(fact);
        }
    };

    let weekdays = dates::weekday_mentions(text, &article.syntax);
    // Weekday and month names are the dates' facts, not names ("May"
    // alone may be either, and stays a name).
    let mut date_spans: Vec<Span> = article.dates.iter().map(|date| date.span).collect();
    date_spans.sort_unstable();
    let mut weekday_spans: Vec<Span> = weekdays.iter().map(|weekday| weekday.span).collect();
    weekday_spans.sort_unstable();
    let calendar_word = |span: Span| {
        in_some(&date_spans, span)
            || weekday_spans.binary_search(&span).is_ok()
            || dates::month_named(span.slice(text)).is_some_and(|_| span.slice(text).len() > 3)
    };
    // A capitalised word that starts a sentence or a heading, and that the
    // article also writes in lower case, is an ordinary word ("Harbour
    // bridge to close … the harbour bridge").
    let lowercase_words: HashSet<&str> = article
        .tokens()
        .iter()
        .filter(|token| token.kind == TokenKind::Word)
        .map(|token| token.span().slice(text))
        .collect();
    for mention in &article.names {
        let Some(core) = name_core(text, &article.syntax, mention) else {
            continue;
        };
        let after_opening_mark = text
            .get(..core.start)
            .is_some_and(|before| before.ends_with(['“', '"', '‘', '«']));
        let starts_sentence = core.start == mention.span.start
            && (mention.sentence_initial
                || after_opening_mark
                || article
                    .statements()
                    .get(mention.statement)
                    .and_then(|statement| article.blocks().get(statement.block))
                    .is_some_and(|block| block.kind != BlockKind::Paragraph));
        if starts_sentence
            && mention.words().len() == 1
            && lowercase_words.contains(core.slice(text).to_lowercase().as_str())
        {
            continue;
        }
        let residue = article
            .statements()
            .get(mention.statement)
            .and_then(|statement| article.blocks().get(statement.block))
            .is_some_and(|block| block.kind == BlockKind::Residue);
        if residue || calendar_word(core) {
            continue;
        }
        let name = core.slice(text);
        push(
            mention.statement,
            Fact::Name(NameFact {
                span: core,
                text: name.to_owned(),
                folded: fold_name(name),
            }),
        );
    }

    let publication = publication_date(article);
    for mention in &article.dates {
        push(
            mention.statement,
            Fact::Date(date_fact(text, mention, publication)),
        );
    }

    // Weekdays inside a date are part of that date's fact.
    let relatives = dates::relative_weekdays(text, &article.syntax);
    for weekday in weekdays {
        let in_date = in_some(&date_spans, weekday.span);
        if in_date {
            continue;
        }
        let relative = relatives
            .binary_search_by_key(&weekday.span, |relative| relative.weekday.span)
            .ok()
            .and_then(|found| relatives.get(found));
        let date = relative.and_then(|relative| {
            publication?
                .checked_add(jiff::Span::new().days(i64::from(relative.offset)))
                .ok()
        });
        let statement = statement_at(article, weekday.span.start);
        push(
            statement,
            Fact::Weekday(WeekdayFact {
                span: weekday.span,
                text: weekday.span.slice(text).to_owned(),
                weekday: weekday_name(weekday.weekday),
                relative_to_publication: relative
                    .map(|relative| relative.word.slice(text).to_lowercase()),
                date: date.map(|date| date.to_string()),
                actual_weekday: date.map(|date| weekday_name(date.weekday())),
            }),
        );
    }

    for number in &article.numbers {
        push(
            number.statement,
            Fact::Number(NumberFact {
                span: number.span,
                text: number.span.slice(text).to_owned(),
                value: number.value,
                approximate: number.approximate,
                unit: number.unit,
                noun: number.noun.clone(),
                part_of: number.part_of,
                quoted: number.quoted,
            }),
        );
    }

    for person in article.people.mentions() {
        let name = person.span.slice(text);
        if let Some(age) = &person.age {
            push(
                person.statement,
                Fact::Age(AgeFact {
                    span: age.span,
                    years: age.years,
                    form: age.form,
                    person: name.to_owned(),
                    person_span: person.span,
                }),
            );
        }
        if let Some(title) = &person.title {
            push(
                person.statement,
                Fact::Title(TitleFact {
                    span: title.span,
                    text: title.text.clone(),
                    person: name.to_owned(),
                    person_span: person.span,
                    preceding: title.preceding.clone(),
                }),
            );
        }
    }

    for attribution in article.attributions() {
        let speaker = attribution.speaker.map(|speaker| SpeakerFact {
            span: speaker.span,
            text: speaker.span.slice(text).to_owned(),
            kind: speaker.kind,
            name: speaker.name.map(|name| name.slice(text).to_owned()),
            name_span: speaker.name,
            cue: speaker.cue.slice(text).to_owned(),
            carried_from: speaker
                .carried_from
                .and_then(|index| article.attributions().get(index))
                .map(|from| from.span),
        });
        push(
            attribution.statement,
            Fact::Quotation(QuotationFact {
                span: attribution.span,
                quoted: attribution.quoted,
                text: attribution.quoted.slice(text).to_owned(),
                closed: attribution.closed,
                speaker,
            }),
        );
    }

    article
        .statements()
        .iter()
        .zip(facts)
        .enumerate()
        .filter(|(_, (_, facts))| all || !facts.is_empty())
        .map(|(index, (statement, mut facts))| {
            facts.sort_by_key(|fact| (fact.span().start, fact.span().end));
            StatementFacts {
                index,
                span: statement.span,
                facts,
            }
        })
        .collect()
}

/// Whether one of the sorted `spans` contains `span`. Date spans overlap
/// only within a range ("Monday to Wednesday, March 1–3"), so the few
/// starting nearest before `span` are all that can contain it.
fn in_some(spans: &[Span], span: Span) -> bool {
    let end = spans.partition_point(|candidate| candidate.start <= span.start);
    spans[end.saturating_sub(4)..end]
        .iter()
        .any(|candidate| candidate.contains(span))
}

/// The index of the statement containing byte `offset` (the nearest one
/// before it, when it falls between statements).
fn statement_at(article: &Article<'_>, offset: usize) -> usize {
    article
        .statements()
        .partition_point(|statement| statement.span.end <= offset)
        .min(article.statements().len().saturating_sub(1))
}

/// The publication date the caller gives or the article states.
pub fn publication_date(article: &Article<'_>) -> Option<Date> {
    article.publication_date.or_else(|| {
        dates::stated_publication_date(article.text, &article.syntax, &article.dates)
            .map(|(date, _)| date)
    })
}

fn date_fact(text: &str, mention: &DateMention, publication: Option<Date>) -> DateFact {
    let resolved = match mention.year {
        Some(_) => mention.stated_date().map(|date| (date, YearSource::Stated)),
        // The occurrence nearest the publication date, as the calendar
        // rule reads a date without a year; more than half a year away is
        // too far to assume.
        None => publication.and_then(|publication| {
            let year = publication.year();
            [year - 1, year, year + 1]
                .into_iter()
                .filter_map(|year| Date::new(year, mention.month, mention.day).ok())
                .filter_map(|date| Some((publication.until(date).ok()?.get_days().abs(), date)))
                .min_by_key(|(distance, _)| *distance)
                .filter(|(distance, _)| *distance <= 183)
                .map(|(_, date)| (date, YearSource::PublicationDate))
        }),
    };
    DateFact {
        span: mention.span,
        text: mention.span.slice(text).to_owned(),
        month: mention.month,
        day: mention.day,
        year: mention.year,
        weekday: mention.weekday.map(|weekday| weekday_name(weekday.weekday)),
        date: resolved.map(|(date, _)| date.to_string()),
        year_from: resolved.map(|(_, source)| source),
        actual_weekday: resolved.map(|(date, _)| weekday_name(date.weekday())),
    }
}

/// Text on one line: runs of white space as one space.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text on one line, cut to `max` characters with an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    let line = one_line(text);
    if line.chars().count() <= max {
        return line;
    }
    let mut out: String = line.chars().take(max.saturating_sub(1)).collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summaries(text: &str, date: Option<&str>) -> Vec<String> {
        let article = Article::parse_with_date(text, date.map(|date| date.parse().unwrap()));
        statement_facts(&article, false)
            .into_iter()
            .flat_map(|statement| {
                statement.facts.into_iter().map(move |fact| {
                    format!("{} {}: {}", statement.index, fact.kind(), fact.summary())
                })
            })
            .collect()
    }

    #[test]
    fn numbers_and_ages_per_statement() {
        assert_eq!(
            summaries("Jane Doe, 45, said 14,000 people had fled.\n", None),
            [
                "0 name: “Jane Doe” (folded: janedoe)",
                "0 age: Jane Doe is 45",
                "0 number: “14,000” = 14000 (count of person)",
            ]
        );
    }

    #[test]
    fn names_titles_dates_and_quotations_per_statement() {
        assert_eq!(
            summaries(
                "The vote was on Monday, March 3, 2021. Gen. Mark Milley agreed.\n\n“It went well,” he said.\n",
                None
            ),
            [
                "0 date: “Monday, March 3, 2021” = 2021-03-03, a Wednesday; the text says Monday",
                "1 title: “Mark Milley” is titled “Gen.”",
                "1 name: “Mark Milley” (folded: markmilley)",
                "2 quotation: “It went well,” — speaker: he (unresolved) (pronoun, “said”)",
            ]
        );
    }

    #[test]
    fn years_and_weekdays_from_the_publication_date() {
        assert_eq!(
            summaries(
                "Talks resume today, Tuesday, and end on March 9.\n",
                Some("2021-03-03")
            ),
            [
                "0 weekday: “Tuesday” (today) = 2021-03-03, a Wednesday",
                "0 date: “March 9” = 2021-03-09, a Tuesday (year from the publication date)",
            ]
        );
        assert_eq!(
            summaries("Talks end on March 9.\n", None),
            ["0 date: “March 9” (year unknown)"]
        );
    }

    #[test]
    fn statements_without_facts_only_with_all() {
        let article = Article::parse("It rained. Smith left.\n");
        assert_eq!(statement_facts(&article, false).len(), 1);
        assert_eq!(statement_facts(&article, true).len(), 2);
        assert!(statement_facts(&article, true)[0].facts.is_empty());
    }

    #[test]
    fn shortening_keeps_whole_characters() {
        assert_eq!(shorten("Ölçek şimdi\ndeğil", 8), "Ölçek ş…");
        assert_eq!(shorten("short", 8), "short");
    }
}
