//! # calendar
//!
//! ## What it does
//! Checks stated dates against the calendar. With `check = "weekday"` it
//! flags a weekday given with a date it does not fall on ("Monday, March 3,
//! 2021": March 3, 2021 was a Wednesday), one date given two different
//! weekdays in one article, and, when the publication date is known, a
//! weekday tied to it that contradicts it ("today, Tuesday" in an article
//! dated a Wednesday). With `check = "impossible"` it flags dates that do
//! not exist: February 30, April 31, February 29 in a common year.
//!
//! A date without a year ("Monday, Jan. 3") is checked in the year of its
//! occurrence nearest the publication date (`--date`, a `date:` line in
//! Markdown front matter, or a full date in the dateline), so an article
//! dated December 30, 2021 that mentions "Monday, Jan. 3" means 2022. With
//! no publication date, the year of the article's other full dates is used,
//! but only when they all share one year and one of them is within
//! `nearby-months` months of the date. The message says which year was
//! assumed. A year is never chosen because the weekday fits it, and a date
//! whose year nothing fixes is only compared with other mentions of itself.
//!
//! ## Why it matters
//! A weekday and a date that disagree leave the reader unsure when
//! something happened, and every reader with a calendar can see the slip.
//! It is easy to make: a story is updated a day later, a date is copied
//! from last year's announcement, a month is typed wrong.
//!
//! ## Example
//! ```toml
//! [[rule]]
//! id = "weekday-mismatch"
//! kind = "calendar"
//! severity = "error"
//! check = "weekday"
//! flagged = ["The vote is on Monday, March 3, 2021."]
//! clean = ["The vote is on Wednesday, March 3, 2021."]
//! ```
//! reports "March 3, 2021 was a Wednesday, not a Monday" and offers
//! "Wednesday" as an unsafe fix: the date may be the wrong part.
//!
//! The forms understood are those of news copy: "Monday, March 3, 2021",
//! "Friday 4 March 2021", "Friday, 4 March", "Tues., Feb. 2, 2021" and the
//! other AP abbreviations, "on Monday (March 29)", "March 29 (Monday)",
//! ordinals ("Monday, March 1st", "Monday the 1st of March") and ranges
//! ("Monday to Wednesday, March 1–3" checks both ends).
//!
//! ## Options
//! - `check` (required): `"weekday"` for weekdays that contradict their
//!   dates, `"impossible"` for dates that do not exist.
//! - `nearby-months` (default `1`): how close (in months, within the same
//!   year) a date without a year must be to one of the article's full
//!   dates for their year to be assumed when there is no publication date.
//!   `0` accepts only a full date in the same month.
//!
//! Messages are written by the rule; `message` cannot be set.
//!
//! ## Limitations
//! Only English month and weekday names in the forms above are read;
//! numeric dates (3/4/2021) are ambiguous between orders and are left
//! alone. A weekday standing alone is checked only beside "today",
//! "yesterday" or "tomorrow", outside quotations, and only with a
//! publication date. A year-less February 29 is not checked.

use std::collections::HashMap;

use jiff::civil::{Date, Weekday};
use jiff::ToSpan;
use serde::Deserialize;

use super::{KindOptions, Report, Rule, RuleKind};
use crate::diagnostic::{Applicability, Severity};
use crate::model::dates::{
    month_name, relative_weekdays, stated_publication_date, weekday_ap_abbreviation, weekday_name,
    DateMention, DateSource, WeekdayMention,
};
use crate::model::Article;

/// Which calendar check an instance runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    Weekday,
    Impossible,
}

fn default_nearby_months() -> u8 {
    1
}

rule_options! {
    pub struct Options {
        pub check: Check,
        #[serde(default = "default_nearby_months")]
        pub nearby_months: u8,
    }
}

impl KindOptions for Options {
    const KIND: RuleKind = RuleKind {
        name: "calendar",
        summary: "Checks weekdays and dates against the calendar",
        default_severity: Severity::Error,
    };

    fn build(self) -> Result<Box<dyn Rule>, String> {
        if self.message.is_some() {
            return Err("calendar rules write their own messages; remove `message`".to_owned());
        }
        if self.nearby_months > 11 {
            return Err("`nearby-months` must be between 0 and 11".to_owned());
        }
        Ok(Box::new(Calendar {
            check: self.check,
            nearby_months: self.nearby_months,
        }))
    }
}

#[derive(Debug)]
struct Calendar {
    check: Check,
    nearby_months: u8,
}

impl Rule for Calendar {
    fn check(&self, article: &Article<'_>, report: &mut Report<'_>) {
        match self.check {
            Check::Weekday => self.check_weekdays(article, report),
            Check::Impossible => check_impossible(article, report),
        }
    }
}

/// Where the publication date came from.
#[derive(Clone, Copy, Debug)]
enum PublicationSource {
    /// The caller's `--date`.
    Given,
    Stated(DateSource),
}

impl PublicationSource {
    fn describe(self) -> &'static str {
        match self {
            PublicationSource::Given => "the publication date",
            PublicationSource::Stated(DateSource::FrontMatter) => {
                "the publication date in the front matter"
            }
            PublicationSource::Stated(DateSource::Dateline) => "the date in the dateline",
        }
    }
}

/// How the year of a mention was fixed.
#[derive(Clone, Copy, Debug)]
enum YearBasis {
    Stated,
    Publication(Date, PublicationSource),
    /// Every full date in the article is in this year.
    Article,
}

/// What fixes the years of an article's dates.
struct Context {
    publication: Option<(Date, PublicationSource)>,
    /// The one year every full date in the article shares, with the
    /// months of those dates.
    article_year: Option<(i16, Vec<i8>)>,
    nearby_months: u8,
}

impl Context {
    fn new(article: &Article<'_>, nearby_months: u8) -> Self {
        let publication = article
            .publication_date
            .map(|date| (date, PublicationSource::Given))
            .or_else(|| {
                stated_publication_date(article.text, &article.syntax, &article.dates)
                    .map(|(date, source)| (date, PublicationSource::Stated(source)))
            });
        let mut years = article.dates.iter().filter_map(DateMention::stated_date);
        let article_year = years.next().and_then(|first| {
            let mut months = vec![first.month()];
            for date in years {
                if date.year() != first.year() {
                    return None;
                }
                months.push(date.month());
            }
            Some((first.year(), months))
        });
        Context {
            publication,
            article_year,
            nearby_months,
        }
    }

    /// The date a mention means, and how its year was fixed; `None` when
    /// nothing fixes the year or the date does not exist.
    fn resolve(&self, mention: &DateMention) -> Option<(Date, YearBasis)> {
        if let Some(year) = mention.year {
            return Some((
                Date::new(year, mention.month, mention.day).ok()?,
                YearBasis::Stated,
            ));
        }
        if let Some((publication, source)) = self.publication {
            // The occurrence nearest the publication date; one more than
            // half a year away (a February 29) is too far to assume.
            let year = publication.year();
            let nearest = [year - 1, year, year + 1]
                .into_iter()
                .filter_map(|year| Date::new(year, mention.month, mention.day).ok())
                .filter_map(|date| Some((publication.until(date).ok()?.get_days().abs(), date)))
                .min_by_key(|(distance, _)| *distance)
                .filter(|(distance, _)| *distance <= 183)?;
            return Some((nearest.1, YearBasis::Publication(publication, source)));
        }
        let (year, months) = self.article_year.as_ref()?;
        let near = months
            .iter()
            .any(|&month| (month - mention.month).unsigned_abs() <= self.nearby_months);
        if !near {
            return None;
        }
        Some((
            Date::new(*year, mention.month, mention.day).ok()?,
            YearBasis::Article,
        ))
    }

    /// "was" for a date before the publication date, "is" after it.
    fn tense(&self, date: Date) -> &'static str {
        match self.publication {
            Some((publication, _)) if date >= publication => "is",
            _ => "was",
        }
    }
}

impl Calendar {
    fn check_weekdays(&self, article: &Article<'_>, report: &mut Report<'_>) {
        let context = Context::new(article, self.nearby_months);
        // The first weekday given to each date whose year nothing fixes.
        let mut unresolved: HashMap<(i8, i8, Option<i16>), WeekdayMention> = HashMap::new();
        for mention in &article.dates {
            let Some(stated) = mention.weekday else {
                continue;
            };
            match context.resolve(mention) {
                Some((date, basis)) => {
                    if date.weekday() != stated.weekday {
                        report_mismatch(article, report, &context, mention, stated, date, basis);
                    }
                }
                None => {
                    let key = (mention.month, mention.day, mention.year);
                    let first = *unresolved.entry(key).or_insert(stated);
                    if first.weekday != stated.weekday {
                        report_conflict(report, mention, stated, first);
                    }
                }
            }
        }
        if let Some((publication, source)) = context.publication {
            check_relative_weekdays(article, report, publication, source);
        }
    }
}

fn describe_date(date: Date) -> String {
    format!(
        "{} {}, {}",
        month_name(date.month()),
        date.day(),
        date.year()
    )
}

fn describe_day(month: i8, day: i8) -> String {
    format!("{} {day}", month_name(month))
}

/// The weekday written the way `original` writes it: in full, as an AP
/// abbreviation with its full stop, or in three letters.
fn weekday_like(original: &str, weekday: Weekday) -> String {
    let name = weekday_name(weekday);
    if original.ends_with("day") {
        name.to_owned()
    } else if original.ends_with('.') {
        format!("{}.", weekday_ap_abbreviation(weekday))
    } else {
        name.get(..3).unwrap_or(name).to_owned()
    }
}

fn report_mismatch(
    article: &Article<'_>,
    report: &mut Report<'_>,
    context: &Context,
    mention: &DateMention,
    stated: WeekdayMention,
    date: Date,
    basis: YearBasis,
) {
    let real = weekday_name(date.weekday());
    let written = article.slice(stated.span);
    let mut message = format!(
        "{} {} a {real}, not a {}",
        describe_date(date),
        context.tense(date),
        weekday_name(stated.weekday)
    );
    let help = match basis {
        YearBasis::Stated => {
            "Either the weekday or the date is wrong; check both against the source.".to_owned()
        }
        YearBasis::Publication(publication, source) => {
            message.push_str(&format!(" (assuming {})", date.year()));
            format!(
                "The date gives no year; {} is the year of the {} nearest {}, {}.",
                date.year(),
                describe_day(mention.month, mention.day),
                source.describe(),
                describe_date(publication)
            )
        }
        YearBasis::Article => {
            message.push_str(&format!(" (assuming {})", date.year()));
            format!(
                "The date gives no year and there is no publication date; {} is the year of every \
                 other full date in this article. Pass --date to be sure.",
                date.year()
            )
        }
    };
    report.push(
        report
            .diagnostic(stated.span, message)
            .with_related(
                mention.date_span,
                format!("{} by the calendar", weekday_name(date.weekday())),
            )
            .with_help(help)
            .with_fix(weekday_like(written, date.weekday()), Applicability::Unsafe),
    );
}

fn report_conflict(
    report: &mut Report<'_>,
    mention: &DateMention,
    stated: WeekdayMention,
    first: WeekdayMention,
) {
    let day = match mention.year {
        Some(year) => format!("{}, {year}", describe_day(mention.month, mention.day)),
        None => describe_day(mention.month, mention.day),
    };
    report.push(
        report
            .diagnostic(
                stated.span,
                format!(
                    "{day} is called a {} here but a {} earlier in this article",
                    weekday_name(stated.weekday),
                    weekday_name(first.weekday)
                ),
            )
            .with_related(
                first.span,
                format!("called a {} here", weekday_name(first.weekday)),
            )
            .with_help(
                "Nothing fixes the year, so the calendar cannot tell which is right; pass --date \
                 or check the source.",
            ),
    );
}

fn check_relative_weekdays(
    article: &Article<'_>,
    report: &mut Report<'_>,
    publication: Date,
    source: PublicationSource,
) {
    for relative in relative_weekdays(article.text, &article.syntax) {
        if article.in_quotation(relative.span) {
            continue;
        }
        let Ok(date) = publication.checked_add(i64::from(relative.offset).days()) else {
            continue;
        };
        if date.weekday() == relative.weekday.weekday {
            continue;
        }
        let word = article.slice(relative.word).to_lowercase();
        let (tense, relation) = match relative.offset {
            0 => ("is", "".to_owned()),
            -1 => ("was", "the day before ".to_owned()),
            _ => ("is", "the day after ".to_owned()),
        };
        let real = weekday_name(date.weekday());
        report.push(
            report
                .diagnostic(
                    relative.weekday.span,
                    format!(
                        "“{word}” {tense} {real}, {}, not a {}",
                        describe_date(date),
                        weekday_name(relative.weekday.weekday)
                    ),
                )
                .with_related(
                    relative.word,
                    format!("{real} by {relation}{}", source.describe()),
                )
                .with_help(format!(
                    "“{word}” is counted from {}, {}.",
                    source.describe(),
                    describe_date(publication)
                ))
                .with_fix(real, Applicability::Unsafe),
        );
    }
}

fn check_impossible(article: &Article<'_>, report: &mut Report<'_>) {
    for mention in &article.dates {
        let Ok(first_of_month) = Date::new(2000, mention.month, 1) else {
            continue;
        };
        let days = first_of_month.days_in_month();
        let message = if mention.day > days {
            let most = if mention.month == 2 { "at most " } else { "" };
            format!(
                "{} does not exist: {} has {most}{days} days",
                describe_day(mention.month, mention.day),
                month_name(mention.month)
            )
        } else {
            match mention.year {
                Some(year) if Date::new(year, mention.month, mention.day).is_err() => format!(
                    "{}, {year} does not exist: {year} is not a leap year",
                    describe_day(mention.month, mention.day)
                ),
                _ => continue,
            }
        };
        report.push(
            report
                .diagnostic(mention.date_span, message)
                .with_help("Check the date against the source."),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Article;
    use crate::rules::testing::{render_compact, rule_from_toml};
    use crate::rules::LoadedRule;

    fn weekday_rule() -> LoadedRule {
        rule_from_toml(
            r#"
            [[rule]]
            id = "weekday-mismatch"
            kind = "calendar"
            severity = "error"
            check = "weekday"
            "#,
        )
    }

    fn impossible_rule() -> LoadedRule {
        rule_from_toml(
            r#"
            [[rule]]
            id = "impossible-date"
            kind = "calendar"
            severity = "error"
            check = "impossible"
            "#,
        )
    }

    fn check(rule: &LoadedRule, text: &str, date: Option<&str>) -> String {
        let date = date.map(|date| date.parse().expect("a test date"));
        let article = Article::parse_with_date(text, date);
        let mut diagnostics = rule.check(&article);
        crate::diagnostic::sort_diagnostics(&mut diagnostics);
        render_compact(text, &diagnostics)
    }

    #[test]
    fn stated_year_mismatch_names_the_real_weekday() {
        insta::assert_snapshot!(check(&weekday_rule(), "The vote is on Monday, March 3, 2021.", None), @r#"
        1:16-1:22 error[weekday-mismatch] March 3, 2021 was a Wednesday, not a Monday
          related 1:24-1:37 Wednesday by the calendar
          help: Either the weekday or the date is wrong; check both against the source.
          fix (Unsafe): "Wednesday"
        "#);
    }

    #[test]
    fn the_fix_keeps_the_abbreviation_style() {
        insta::assert_snapshot!(check(&weekday_rule(), "Talks resume Thurs., Feb. 2, 2021, and end Sun 6 Feb 2021.", None), @r#"
        1:14-1:20 error[weekday-mismatch] February 2, 2021 was a Tuesday, not a Thursday
          related 1:22-1:34 Tuesday by the calendar
          help: Either the weekday or the date is wrong; check both against the source.
          fix (Unsafe): "Tues."
        1:44-1:47 error[weekday-mismatch] February 6, 2021 was a Saturday, not a Sunday
          related 1:48-1:58 Saturday by the calendar
          help: Either the weekday or the date is wrong; check both against the source.
          fix (Unsafe): "Sat"
        "#);
    }

    #[test]
    fn correct_dates_pass_in_every_form() {
        let rule = weekday_rule();
        for text in [
            "The vote is on Wednesday, March 3, 2021.",
            "It opened on Thursday 4 March 2021.",
            "Talks resume Tues., Feb. 2, 2021.",
            "Polls close on Monday (March 29, 2021).",
            "Polls close March 29, 2021 (Monday).",
            "It began Monday, March 1st, 2021.",
            "It began Monday the 1st of March 2021.",
            "The fair runs Monday to Wednesday, March 1–3, 2021.",
            "The fair runs Tuesday through Thursday, March 30 to April 1, 2021.",
        ] {
            assert_eq!(check(&rule, text, None), "", "{text}");
        }
    }

    #[test]
    fn a_range_checks_both_ends() {
        insta::assert_snapshot!(check(&weekday_rule(), "The fair runs Monday to Wednesday, March 2–4, 2021.", None), @r#"
        1:15-1:21 error[weekday-mismatch] March 2, 2021 was a Tuesday, not a Monday
          related 1:36-1:43 Tuesday by the calendar
          help: Either the weekday or the date is wrong; check both against the source.
          fix (Unsafe): "Tuesday"
        1:25-1:34 error[weekday-mismatch] March 4, 2021 was a Thursday, not a Wednesday
          related 1:44-1:45 Thursday by the calendar
          help: Either the weekday or the date is wrong; check both against the source.
          fix (Unsafe): "Thursday"
        "#);
    }

    #[test]
    fn parenthesised_forms_take_the_year_from_the_publication_date() {
        insta::assert_snapshot!(check(&weekday_rule(), "Polls close on Tuesday (March 29). Counting ends April 1 (Friday).", Some("2021-03-25")), @r#"
        1:16-1:23 error[weekday-mismatch] March 29, 2021 is a Monday, not a Tuesday (assuming 2021)
          related 1:25-1:33 Monday by the calendar
          help: The date gives no year; 2021 is the year of the March 29 nearest the publication date, March 25, 2021.
          fix (Unsafe): "Monday"
        1:59-1:65 error[weekday-mismatch] April 1, 2021 is a Thursday, not a Friday (assuming 2021)
          related 1:50-1:57 Thursday by the calendar
          help: The date gives no year; 2021 is the year of the April 1 nearest the publication date, March 25, 2021.
          fix (Unsafe): "Thursday"
        "#);
    }

    #[test]
    fn ordinals_are_dates() {
        insta::assert_snapshot!(check(&weekday_rule(), "It began Wednesday, March 2nd, 2021, and ended Sunday the 8th of March 2021.", None), @r#"
        1:10-1:19 error[weekday-mismatch] March 2, 2021 was a Tuesday, not a Wednesday
          related 1:21-1:36 Tuesday by the calendar
          help: Either the weekday or the date is wrong; check both against the source.
          fix (Unsafe): "Tuesday"
        1:48-1:54 error[weekday-mismatch] March 8, 2021 was a Monday, not a Sunday
          related 1:55-1:76 Monday by the calendar
          help: Either the weekday or the date is wrong; check both against the source.
          fix (Unsafe): "Monday"
        "#);
    }

    #[test]
    fn a_date_without_a_year_means_its_occurrence_nearest_publication() {
        let rule = weekday_rule();
        // Published December 30, 2021: January 3 means 2022, a Monday.
        assert_eq!(
            check(&rule, "Talks resume on Monday, Jan. 3.", Some("2021-12-30")),
            ""
        );
        insta::assert_snapshot!(check(&rule, "Talks resume on Tuesday, Jan. 3.", Some("2021-12-30")), @r#"
        1:17-1:24 error[weekday-mismatch] January 3, 2022 is a Monday, not a Tuesday (assuming 2022)
          related 1:26-1:32 Monday by the calendar
          help: The date gives no year; 2022 is the year of the January 3 nearest the publication date, December 30, 2021.
          fix (Unsafe): "Monday"
        "#);
    }

    #[test]
    fn nothing_fixes_the_year_so_nothing_is_guessed() {
        let rule = weekday_rule();
        // January 3 was a Tuesday in some years and not in others.
        assert_eq!(check(&rule, "Talks resume on Tuesday, Jan. 3.", None), "");
        assert_eq!(check(&rule, "Talks resume on Tuesday.", None), "");
        assert_eq!(check(&rule, "The vote is today, Tuesday.", None), "");
    }

    #[test]
    fn the_year_of_the_other_full_dates_is_assumed_when_near() {
        let rule = weekday_rule();
        insta::assert_snapshot!(check(&rule, "The trial opens Monday, April 5, 2021. Jurors arrive on Friday, April 1.", None), @r#"
        1:57-1:63 error[weekday-mismatch] April 1, 2021 was a Thursday, not a Friday (assuming 2021)
          related 1:65-1:72 Thursday by the calendar
          help: The date gives no year and there is no publication date; 2021 is the year of every other full date in this article. Pass --date to be sure.
          fix (Unsafe): "Thursday"
        "#);
        // Months away from every full date: too far to assume the year.
        assert_eq!(
            check(
                &rule,
                "The trial opens Monday, April 5, 2021. It was delayed from Thursday, Nov. 1.",
                None
            ),
            ""
        );
        // Full dates in two years: no year is assumed.
        assert_eq!(
            check(&rule, "The trial opens Monday, April 5, 2021, after a hearing on March 2, 2020. Jurors arrive on Thursday, April 1.", None),
            ""
        );
    }

    #[test]
    fn one_date_given_two_weekdays() {
        insta::assert_snapshot!(check(&weekday_rule(), "Talks began on Monday, May 3. Officials said Tuesday, May 3 was too soon.", None), @"
        1:46-1:53 error[weekday-mismatch] May 3 is called a Tuesday here but a Monday earlier in this article
          related 1:16-1:22 called a Monday here
          help: Nothing fixes the year, so the calendar cannot tell which is right; pass --date or check the source.
        ");
    }

    #[test]
    fn a_weekday_tied_to_the_publication_date() {
        let rule = weekday_rule();
        insta::assert_snapshot!(check(&rule, "The council meets today, Tuesday, and voted yesterday (Monday).", Some("2021-03-03")), @r#"
        1:26-1:33 error[weekday-mismatch] “today” is Wednesday, March 3, 2021, not a Tuesday
          related 1:19-1:24 Wednesday by the publication date
          help: “today” is counted from the publication date, March 3, 2021.
          fix (Unsafe): "Wednesday"
        1:56-1:62 error[weekday-mismatch] “yesterday” was Tuesday, March 2, 2021, not a Monday
          related 1:45-1:54 Tuesday by the day before the publication date
          help: “yesterday” is counted from the publication date, March 3, 2021.
          fix (Unsafe): "Tuesday"
        "#);
        assert_eq!(
            check(
                &rule,
                "The council meets today, Wednesday.",
                Some("2021-03-03")
            ),
            ""
        );
        assert_eq!(
            check(
                &rule,
                "“We meet today, Tuesday,” she said.",
                Some("2021-03-03")
            ),
            ""
        );
        assert_eq!(
            check(
                &rule,
                "Bonds fell today, Tuesday's figures showed.",
                Some("2021-03-03")
            ),
            ""
        );
    }

    #[test]
    fn front_matter_gives_the_publication_date() {
        let rule = weekday_rule();
        let text =
            "---\ntitle: Talks\ndate: 2021-12-30\n---\n\nTalks resume on Wednesday, Jan. 3.\n";
        insta::assert_snapshot!(check(&rule, text, None), @r#"
        6:17-6:26 error[weekday-mismatch] January 3, 2022 is a Monday, not a Wednesday (assuming 2022)
          related 6:28-6:34 Monday by the calendar
          help: The date gives no year; 2022 is the year of the January 3 nearest the publication date in the front matter, December 30, 2021.
          fix (Unsafe): "Monday"
        "#);
    }

    #[test]
    fn a_dated_dateline_gives_the_publication_date() {
        let rule = weekday_rule();
        let text = "Talks to resume\n\nGENEVA, Dec. 30, 2021 (Reuters) — Talks resume on Wednesday, Jan. 3, officials said today, Friday.\n";
        insta::assert_snapshot!(check(&rule, text, None), @r#"
        3:51-3:60 error[weekday-mismatch] January 3, 2022 is a Monday, not a Wednesday (assuming 2022)
          related 3:62-3:68 Monday by the calendar
          help: The date gives no year; 2022 is the year of the January 3 nearest the date in the dateline, December 30, 2021.
          fix (Unsafe): "Monday"
        3:92-3:98 error[weekday-mismatch] “today” is Thursday, December 30, 2021, not a Friday
          related 3:85-3:90 Thursday by the date in the dateline
          help: “today” is counted from the date in the dateline, December 30, 2021.
          fix (Unsafe): "Thursday"
        "#);
    }

    #[test]
    fn numbers_that_are_not_dates_are_left_alone() {
        let rule = weekday_rule();
        for text in [
            "The Sun, March 3, 2021, said so.",
            "Volume on Monday, March 3 mln shares, was light.",
            "He said on Monday, March 3, 2000 workers would strike.",
            "Monday and Tuesday, March 2 was chosen.",
        ] {
            assert_eq!(check(&rule, text, None), "", "{text}");
        }
    }

    #[test]
    fn impossible_dates() {
        insta::assert_snapshot!(check(&impossible_rule(), "It was due April 31, then Feb. 29, 2021, then 30 February. Hearings run June 30–31.", None), @"
        1:12-1:20 error[impossible-date] April 31 does not exist: April has 30 days
          help: Check the date against the source.
        1:27-1:40 error[impossible-date] February 29, 2021 does not exist: 2021 is not a leap year
          help: Check the date against the source.
        1:47-1:58 error[impossible-date] February 30 does not exist: February has at most 29 days
          help: Check the date against the source.
        1:81-1:83 error[impossible-date] June 31 does not exist: June has 30 days
          help: Check the date against the source.
        ");
    }

    #[test]
    fn possible_dates_pass() {
        let rule = impossible_rule();
        assert_eq!(
            check(
                &rule,
                "The law took effect on Feb. 29, 2020, and April 30.",
                None
            ),
            ""
        );
        // A year-less February 29 may be in a leap year.
        assert_eq!(
            check(&rule, "The law took effect on Feb. 29.", Some("2021-03-01")),
            ""
        );
        assert_eq!(
            check(&rule, "Shares fell Feb 28 and 30 traders left.", None),
            ""
        );
    }

    #[test]
    fn message_is_not_configurable() {
        let error = crate::config::load_rule_file(
            "<test>",
            "[[rule]]\nid = \"x\"\nkind = \"calendar\"\ncheck = \"weekday\"\nmessage = \"no\"\n",
        )
        .expect_err("a message is refused");
        assert!(error.to_string().contains("remove `message`"), "{error}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        /// Any mix of date-like pieces, multi-byte characters and line
        /// endings checks without panicking, and every span slices the text
        /// on character boundaries.
        #[test]
        fn odd_text_never_panics(pieces in proptest::collection::vec(0usize..24, 0..40)) {
            const PIECES: [&str; 24] = [
                "Monday", "Tues.", "Sun", ",", " ", "(", ")", "March", "Feb.", "29",
                "31", "1st", "2021", "2000", "–", "-", "the", "of", "today", "\r\n",
                "\n\n", "“", "é", "---\ndate: 2021-03-03\n---\n",
            ];
            let text: String = pieces.iter().map(|&index| PIECES[index]).collect();
            for rule in [weekday_rule(), impossible_rule()] {
                for date in [None, Some("2021-03-03")] {
                    let date = date.map(|date| date.parse().expect("a test date"));
                    let article = Article::parse_with_date(&text, date);
                    for diagnostic in rule.check(&article) {
                        let spans = std::iter::once(diagnostic.span)
                            .chain(diagnostic.related.iter().map(|related| related.span));
                        for span in spans {
                            proptest::prop_assert!(text.get(span.start..span.end).is_some());
                        }
                    }
                }
            }
        }
    }
}
