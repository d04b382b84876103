//! The calendar rules (`weekday-mismatch`, `impossible-date`) on the corpus
//! of published news: false alarms on the articles as published, and recall
//! on weekday/date slips planted into them in every supported form.
//!
//! Run with `cargo test --test corpus_calendar -- --nocapture` to see the
//! figures. The corpus is read at run time from `../shared/corpus` (or
//! `$COPYDESK_CORPUS`); without it the test prints a note and passes.
//!
//! Reuters stories are checked with their wire date from `MANIFEST.tsv` as
//! the publication date; the other sets carry no reliable date and are
//! checked without one.

mod support;

use std::collections::HashMap;
use std::path::Path;

use copydesk::{check, CheckOptions, Diagnostic, RuleSet};
use jiff::civil::{Date, Weekday};
use jiff::ToSpan;
use rayon::prelude::*;

/// Findings on the published corpus judged to be real slips in the
/// published text: (file, rule, flagged text).
const REAL_SLIPS: &[(&str, &str, &str)] = &[
    // Fiscal years said to end on a 31st of a 30-day month.
    ("reuters-01208.txt", "impossible-date", "September 31"),
    ("reuters-09760.txt", "impossible-date", "September 31"),
    // A quarter said to end on a 31st of a 30-day month, across a line break.
    ("reuters-10292.txt", "impossible-date", "November\n31"),
];

fn calendar_rules() -> RuleSet {
    let mut rules = RuleSet::new(copydesk::config::default_rules().expect("default rules load"));
    rules.retain(|meta| meta.kind == "calendar");
    assert_eq!(
        rules.rules().len(),
        2,
        "weekday-mismatch and impossible-date"
    );
    rules
}

/// `26-FEB-1987 15:01:01.79` → 1987-02-26.
fn manifest_date(field: &str) -> Option<Date> {
    let day_month_year = field.split_whitespace().next()?;
    let mut parts = day_month_year.split('-');
    let day: i8 = parts.next()?.parse().ok()?;
    let month = match parts.next()? {
        "JAN" => 1,
        "FEB" => 2,
        "MAR" => 3,
        "APR" => 4,
        "MAY" => 5,
        "JUN" => 6,
        "JUL" => 7,
        "AUG" => 8,
        "SEP" => 9,
        "OCT" => 10,
        "NOV" => 11,
        "DEC" => 12,
        _ => return None,
    };
    let year: i16 = parts.next()?.parse().ok()?;
    Date::new(year, month, day).ok()
}

fn reuters_dates(dir: &Path) -> HashMap<String, Date> {
    let manifest = std::fs::read_to_string(dir.join("reuters21578/MANIFEST.tsv"))
        .expect("the Reuters set has a manifest");
    let mut header = None;
    let mut dates = HashMap::new();
    for line in manifest.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        let Some(header) = &header else {
            header = Some(fields);
            continue;
        };
        let column = |name: &str| {
            header
                .iter()
                .position(|field| *field == name)
                .and_then(|index| fields.get(index))
        };
        if let (Some(file), Some(date)) = (column("file"), column("DATE")) {
            if let Some(date) = manifest_date(date) {
                dates.insert((*file).to_owned(), date);
            }
        }
    }
    dates
}

struct CorpusArticle {
    set: &'static str,
    file: String,
    text: String,
    date: Option<Date>,
}

fn load_corpus(dir: &Path) -> Vec<CorpusArticle> {
    let reuters = reuters_dates(dir);
    support::news_articles(dir)
        .into_iter()
        .map(|article| {
            let file = article
                .name
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_owned();
            let date = if article.set == "reuters21578" {
                let date = reuters.get(&file).copied();
                assert!(date.is_some(), "{file} has a DATE in the manifest");
                date
            } else {
                None
            };
            CorpusArticle {
                set: article.set,
                file,
                text: article.text,
                date,
            }
        })
        .collect()
}

fn options(date: Option<Date>) -> CheckOptions {
    CheckOptions {
        publication_date: date,
        ..CheckOptions::default()
    }
}

// ---------------------------------------------------------------------------
// Planting slips
// ---------------------------------------------------------------------------

/// A small deterministic generator, so every run plants the same cases.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }
}

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const WEEKDAYS_AP: [&str; 7] = ["Mon.", "Tues.", "Wed.", "Thurs.", "Fri.", "Sat.", "Sun."];
/// A month's full name from its 0-based index, as the model spells it.
fn month_name(index: usize) -> &'static str {
    copydesk::model::dates::month_name(i8::try_from(index + 1).unwrap_or(0))
}
const MONTHS_AP: [&str; 12] = [
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
];

fn weekday_index(weekday: Weekday) -> usize {
    usize::try_from(weekday.to_monday_zero_offset()).unwrap_or(0)
}

/// The weekday `shift` days after `weekday` (0 gives it back).
fn shifted(weekday: Weekday, shift: u64) -> usize {
    (weekday_index(weekday) + usize::try_from(shift).unwrap_or(0)) % 7
}

fn month_index(date: Date) -> usize {
    usize::try_from(date.month() - 1).unwrap_or(0)
}

fn ordinal(day: i8) -> String {
    let suffix = match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{day}{suffix}")
}

/// The forms planted, one per supported way of writing a weekday and date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Form {
    MonthDayYear,
    DayMonthYear,
    DayMonthNoYear,
    ApAbbreviations,
    ParenthesisedDate,
    ParenthesisedWeekday,
    Ordinal,
    TheOrdinalOf,
    RangeStart,
    RangeEnd,
    HyphenRange,
    CrossMonthRange,
    DayMonthCommaYear,
    NearYearEnd,
    TwoWeekdays,
    ArticleYear,
    Today,
    Yesterday,
    ImpossibleDay,
    LeapDay,
}

const FORMS: [Form; 20] = [
    Form::MonthDayYear,
    Form::DayMonthYear,
    Form::DayMonthNoYear,
    Form::ApAbbreviations,
    Form::ParenthesisedDate,
    Form::ParenthesisedWeekday,
    Form::Ordinal,
    Form::TheOrdinalOf,
    Form::RangeStart,
    Form::RangeEnd,
    Form::HyphenRange,
    Form::CrossMonthRange,
    Form::DayMonthCommaYear,
    Form::NearYearEnd,
    Form::TwoWeekdays,
    Form::ArticleYear,
    Form::Today,
    Form::Yesterday,
    Form::ImpossibleDay,
    Form::LeapDay,
];

impl Form {
    /// Whether the form needs the host's publication date.
    fn needs_date(self) -> bool {
        matches!(
            self,
            Form::DayMonthNoYear
                | Form::ParenthesisedDate
                | Form::ParenthesisedWeekday
                | Form::Ordinal
                | Form::TheOrdinalOf
                | Form::NearYearEnd
                | Form::Today
                | Form::Yesterday
        )
    }

    /// Whether the form relies on the host stating no year of its own.
    fn needs_yearless_host(self) -> bool {
        matches!(self, Form::TwoWeekdays | Form::ArticleYear)
    }

    fn rule(self) -> &'static str {
        match self {
            Form::ImpossibleDay | Form::LeapDay => "impossible-date",
            _ => "weekday-mismatch",
        }
    }
}

/// A planted sentence: its text, the publication date to check with, and
/// whether it states a slip (a control states the same thing correctly).
struct Plant {
    form: Form,
    sentence: String,
    date: Option<Date>,
}

/// A date near `around` (within about three months), or anywhere in
/// 1985–2025 when there is no publication date.
fn pick_date(rng: &mut Lcg, around: Option<Date>, max_day: i8) -> Date {
    loop {
        let date = match around {
            Some(around) => {
                let offset = i64::try_from(rng.below(181)).unwrap_or(0) - 90;
                around.checked_add(offset.days()).unwrap_or(around)
            }
            None => {
                let year = 1985 + i16::try_from(rng.below(41)).unwrap_or(0);
                let month = 1 + i8::try_from(rng.below(12)).unwrap_or(0);
                let day = 1 + i8::try_from(rng.below(28)).unwrap_or(0);
                Date::new(year, month, day).unwrap_or(Date::constant(2000, 1, 1))
            }
        };
        if date.day() <= max_day {
            return date;
        }
    }
}

/// One sentence of `form`, wrong by `shift` days of the week (0 for a
/// correct control), for a host published on `host_date`.
fn plant(form: Form, rng: &mut Lcg, host_date: Option<Date>, shift: u64) -> Plant {
    let date = pick_date(rng, host_date, 26);
    let wrong = shifted(date.weekday(), shift);
    let full = WEEKDAYS[wrong];
    let month = month_name(month_index(date));
    let (day, year) = (date.day(), date.year());
    let sentence = match form {
        Form::MonthDayYear => {
            let month = if rng.below(2) == 0 {
                month
            } else {
                MONTHS_AP[month_index(date)]
            };
            let comma = if rng.below(3) == 0 { "" } else { "," };
            format!("The hearing was set for {full}, {month} {day}{comma} {year}.")
        }
        Form::DayMonthYear => format!("The hearing was set for {full} {day} {month} {year}."),
        Form::DayMonthNoYear => format!("The hearing was set for {full}, {day} {month}."),
        Form::ApAbbreviations => format!(
            "The hearing was set for {}, {} {day}, {year}.",
            WEEKDAYS_AP[wrong],
            MONTHS_AP[month_index(date)]
        ),
        Form::ParenthesisedDate => {
            format!(
                "The hearing was set for {full} ({} {day}).",
                MONTHS_AP[month_index(date)]
            )
        }
        Form::ParenthesisedWeekday => format!("The hearing was set for {month} {day} ({full})."),
        Form::Ordinal => format!("The hearing was set for {full}, {month} {}.", ordinal(day)),
        Form::TheOrdinalOf => {
            format!(
                "The hearing was set for {full} the {} of {month}.",
                ordinal(day)
            )
        }
        Form::RangeStart | Form::RangeEnd => {
            let end = date.checked_add(2.days()).unwrap_or(date);
            let right_end = weekday_index(end.weekday());
            let (first, last) = if form == Form::RangeStart {
                (wrong, right_end)
            } else {
                (weekday_index(date.weekday()), shifted(end.weekday(), shift))
            };
            format!(
                "The hearings run {} to {}, {month} {day}–{}, {year}.",
                WEEKDAYS[first],
                WEEKDAYS[last],
                end.day()
            )
        }
        Form::HyphenRange => {
            // "Mon.-Wed., Feb. 1-3, 2021", wrong at one end or the other.
            let end = date.checked_add(2.days()).unwrap_or(date);
            let (first, last) = if rng.below(2) == 0 {
                (wrong, weekday_index(end.weekday()))
            } else {
                (weekday_index(date.weekday()), shifted(end.weekday(), shift))
            };
            format!(
                "The hearings run {}-{}, {} {day}-{}, {year}.",
                WEEKDAYS_AP[first],
                WEEKDAYS_AP[last],
                MONTHS_AP[month_index(date)],
                end.day()
            )
        }
        Form::CrossMonthRange => {
            // "Tuesday through Thursday, March 30 to April 1, 2021".
            let last_day = Date::new(year, date.month(), 1)
                .map(|first| first.days_in_month())
                .unwrap_or(28);
            let start = Date::new(year, date.month(), last_day - 1).unwrap_or(date);
            let end = start.checked_add(2.days()).unwrap_or(start);
            let (first, last) = if rng.below(2) == 0 {
                (
                    shifted(start.weekday(), shift),
                    weekday_index(end.weekday()),
                )
            } else {
                (
                    weekday_index(start.weekday()),
                    shifted(end.weekday(), shift),
                )
            };
            let year = end.year();
            if start.year() != year {
                // A range across New Year gives each end its own year; keep
                // to one year here.
                return plant(Form::MonthDayYear, rng, host_date, shift);
            }
            format!(
                "The hearings run {} through {}, {} {} to {} {}, {year}.",
                WEEKDAYS[first],
                WEEKDAYS[last],
                month_name(month_index(start)),
                start.day(),
                month_name(month_index(end)),
                end.day()
            )
        }
        Form::DayMonthCommaYear => {
            format!("The hearing was set for {full}, {day} {month}, {year}.")
        }
        Form::NearYearEnd => {
            // A host "published" in the last days of December mentions an
            // early-January date without a year: next year's.
            let base = host_date.unwrap_or(Date::constant(1987, 3, 1));
            let published = Date::new(
                base.year(),
                12,
                26 + i8::try_from(rng.below(6)).unwrap_or(0),
            )
            .unwrap_or(base);
            let day = 1 + i8::try_from(rng.below(9)).unwrap_or(0);
            let meant = Date::new(published.year() + 1, 1, day).unwrap_or(published);
            let weekday = WEEKDAYS_AP[shifted(meant.weekday(), shift)];
            return Plant {
                form,
                sentence: format!("The hearing was set for {weekday}, Jan. {day}."),
                date: Some(published),
            };
        }
        Form::TwoWeekdays => {
            // No publication date and no year: the two mentions disagree.
            let first = WEEKDAYS[weekday_index(date.weekday())];
            return Plant {
                form,
                sentence: format!(
                    "The hearing was set for {first}, {month} {day}. Lawyers asked to move the {full}, {month} {day} hearing."
                ),
                date: None,
            };
        }
        Form::ArticleYear => {
            // No publication date: the year comes from the full date in
            // the sentence before, a few days earlier in the same month.
            let earlier = date.checked_sub(3.days()).unwrap_or(date);
            return Plant {
                form,
                sentence: format!(
                    "The trial opens on {}, {} {}, {}. Jurors arrive on {full}, {month} {day}.",
                    WEEKDAYS[weekday_index(earlier.weekday())],
                    month_name(month_index(earlier)),
                    earlier.day(),
                    earlier.year()
                ),
                date: None,
            };
        }
        Form::Today | Form::Yesterday => {
            let published = host_date.unwrap_or(date);
            let (word, meant) = if form == Form::Today {
                ("today", published)
            } else {
                (
                    "yesterday",
                    published.checked_sub(1.days()).unwrap_or(published),
                )
            };
            let weekday = WEEKDAYS[shifted(meant.weekday(), shift)];
            let sentence = if rng.below(2) == 0 {
                format!("The ministers met {word}, {weekday}, in the capital.")
            } else {
                format!("The ministers met {word} ({weekday}) in the capital.")
            };
            return Plant {
                form,
                sentence,
                date: Some(published),
            };
        }
        Form::ImpossibleDay => {
            const SHORT: [(usize, i8); 6] = [(1, 30), (1, 31), (3, 31), (5, 31), (8, 31), (10, 31)];
            const LONG: [(usize, i8); 6] = [(0, 31), (2, 31), (4, 31), (6, 31), (7, 31), (11, 31)];
            let pick = usize::try_from(rng.below(6)).unwrap_or(0);
            let (month, day) = if shift == 0 { LONG[pick] } else { SHORT[pick] };
            let sentence = if rng.below(2) == 0 {
                format!("The deadline is {} {day}, {year}.", MONTHS_AP[month])
            } else {
                format!("The deadline is {day} {}.", month_name(month))
            };
            return Plant {
                form,
                sentence,
                date: host_date,
            };
        }
        Form::LeapDay => {
            // A leap year for the control, the year after it for a slip.
            let leap = 1988 + 4 * i16::try_from(rng.below(9)).unwrap_or(0);
            let year = if shift == 0 { leap } else { leap + 1 };
            return Plant {
                form,
                sentence: format!("The law took effect on Feb. 29, {year}."),
                date: host_date,
            };
        }
    };
    Plant {
        form,
        sentence,
        date: host_date.filter(|_| form.needs_date()),
    }
}

/// Whether the text has a number that could be a year, 1600–2199.
fn states_a_year(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_digit()).any(|run| {
        run.len() == 4
            && run
                .parse::<u16>()
                .is_ok_and(|year| (1600..2200).contains(&year))
    })
}

/// The host with the sentence appended as a paragraph of its own, and the
/// byte range of that paragraph.
/// The host with the sentence inserted as a paragraph of its own, at the
/// first paragraph break past the middle of the host (or at its end), and
/// the byte range of the sentence.
fn plant_into(host: &str, sentence: &str) -> (String, std::ops::Range<usize>) {
    let host = host.trim_end();
    let middle = host.len() / 2;
    let cut = (middle..host.len())
        .find(|&index| host.is_char_boundary(index) && host[index..].starts_with("\n\n"))
        .unwrap_or(host.len());
    let mut text = host[..cut].to_owned();
    text.push_str("\n\n");
    let start = text.len();
    text.push_str(sentence);
    let end = text.len();
    text.push_str("\n\n");
    text.push_str(host[cut..].trim_start());
    text.push('\n');
    (text, start..end)
}

fn findings_in(diagnostics: &[Diagnostic], range: &std::ops::Range<usize>) -> Vec<Diagnostic> {
    diagnostics
        .iter()
        .filter(|d| d.span.start >= range.start && d.span.end <= range.end)
        .cloned()
        .collect()
}

#[test]
fn calendar_rules_on_the_corpus() {
    let Some(dir) = support::corpus_dir() else {
        println!("corpus not found (set COPYDESK_CORPUS); skipping the calendar corpus test");
        return;
    };
    let started = std::time::Instant::now();
    let rules = calendar_rules();
    let articles = load_corpus(&dir);

    // 1. False alarms on the articles as published.
    let checked: Vec<(usize, Vec<Diagnostic>, usize, usize)> = articles
        .par_iter()
        .enumerate()
        .map(|(index, article)| {
            let parsed = copydesk::Article::parse_with_date(&article.text, article.date);
            let with_weekday = parsed.dates.iter().filter(|d| d.weekday.is_some());
            let (mut weekday_dates, mut with_year) = (0, 0);
            for mention in with_weekday {
                weekday_dates += 1;
                if mention.year.is_some() || article.date.is_some() {
                    with_year += 1;
                }
            }
            (index, rules.check(&parsed), weekday_dates, with_year)
        })
        .collect();
    let weekday_dates: usize = checked.iter().map(|(_, _, count, _)| count).sum();
    let with_year: usize = checked.iter().map(|(_, _, _, count)| count).sum();
    println!(
        "weekday+date mentions in the corpus: {weekday_dates}, of which {with_year} have a stated year or a publication date"
    );
    let findings: Vec<(usize, Vec<Diagnostic>)> = checked
        .into_iter()
        .filter(|(_, diagnostics, _, _)| !diagnostics.is_empty())
        .map(|(index, diagnostics, _, _)| (index, diagnostics))
        .collect();
    let mut per_set: HashMap<&str, (usize, usize)> = HashMap::new();
    for article in &articles {
        per_set.entry(article.set).or_default().0 += 1;
    }
    let mut false_alarms = Vec::new();
    let mut real_slips = 0;
    for (index, diagnostics) in &findings {
        let article = &articles[*index];
        for diagnostic in diagnostics {
            let flagged = &article.text[diagnostic.span.start..diagnostic.span.end];
            let known = REAL_SLIPS.iter().any(|(file, rule, text)| {
                *file == article.file && *rule == diagnostic.rule && *text == flagged
            });
            if known {
                real_slips += 1;
                println!(
                    "real slip  {}/{}: [{}] {:?}: {}",
                    article.set, article.file, diagnostic.rule, flagged, diagnostic.message
                );
            } else {
                per_set.entry(article.set).or_default().1 += 1;
                false_alarms.push(format!(
                    "{}/{}: [{}] {:?}: {}",
                    article.set, article.file, diagnostic.rule, flagged, diagnostic.message
                ));
            }
        }
    }
    let mut sets: Vec<_> = per_set.iter().collect();
    sets.sort();
    for (set, (count, alarms)) in sets {
        println!(
            "false alarms {set}: {alarms} in {count} articles ({:.2} per 100)",
            100.0 * *alarms as f64 / *count as f64
        );
    }
    println!(
        "false alarms total: {} in {} articles ({:.2} per 100); {real_slips} findings judged real slips",
        false_alarms.len(),
        articles.len(),
        100.0 * false_alarms.len() as f64 / articles.len() as f64
    );
    for alarm in &false_alarms {
        println!("  false alarm {alarm}");
    }

    // 2. Recall on planted slips, and silence on planted correct controls.
    let hosts: Vec<&CorpusArticle> = articles.iter().step_by(13).collect();
    let yearless: Vec<&&CorpusArticle> = hosts
        .iter()
        .filter(|host| !states_a_year(&host.text))
        .collect();
    let mut rng = Lcg(20_210_303);
    let mut cases = Vec::new();
    for (round, host) in hosts.iter().enumerate().take(40) {
        for (position, &form) in FORMS.iter().enumerate() {
            // Forms that need a publication date get a Reuters host.
            let pick = round * FORMS.len() + position;
            let host = if form.needs_date() && host.date.is_none() {
                let reuters: Vec<&&CorpusArticle> =
                    hosts.iter().filter(|host| host.date.is_some()).collect();
                reuters[pick % reuters.len()]
            } else if form.needs_yearless_host() {
                yearless[pick % yearless.len()]
            } else {
                host
            };
            let shift = 1 + rng.below(6);
            cases.push((*host, plant(form, &mut rng, host.date, shift), true));
            if round % 2 == 0 {
                cases.push((*host, plant(form, &mut rng, host.date, 0), false));
            }
        }
    }
    let results: Vec<(Form, bool, Vec<Diagnostic>, String)> = cases
        .par_iter()
        .map(|(host, plant, slip)| {
            let (text, range) = plant_into(&host.text, &plant.sentence);
            let found = findings_in(&check(&text, &rules, &options(plant.date)), &range);
            (plant.form, *slip, found, plant.sentence.clone())
        })
        .collect();
    let mut by_form: std::collections::BTreeMap<Form, (usize, usize, usize, usize)> =
        Default::default();
    let (mut planted, mut caught, mut controls, mut control_alarms) = (0, 0, 0, 0);
    for (form, slip, found, sentence) in &results {
        let entry = by_form.entry(*form).or_default();
        if *slip {
            planted += 1;
            entry.0 += 1;
            if found.iter().any(|d| d.rule == form.rule()) {
                caught += 1;
                entry.1 += 1;
            } else {
                println!("  missed {form:?}: {sentence}");
            }
        } else {
            controls += 1;
            entry.2 += 1;
            if !found.is_empty() {
                control_alarms += 1;
                entry.3 += 1;
                println!(
                    "  control flagged {form:?}: {sentence}: {}",
                    found[0].message
                );
            }
        }
    }
    for (form, (planted, caught, controls, alarms)) in &by_form {
        println!("  {form:?}: caught {caught}/{planted}; controls flagged {alarms}/{controls}");
    }
    let recall = caught as f64 / planted as f64;
    println!(
        "recall on planted slips: {caught}/{planted} = {:.1}%; correct controls flagged: {control_alarms}/{controls}",
        100.0 * recall
    );
    println!("corpus calendar test took {:.1?}", started.elapsed());

    assert!(planted >= 300, "at least 300 planted slips, got {planted}");
    assert!(recall >= 0.98, "recall {recall:.3} is under the 98% floor");
    assert_eq!(control_alarms, 0, "correct planted dates were flagged");
    assert!(
        false_alarms.is_empty(),
        "{} false alarms on the published corpus",
        false_alarms.len()
    );
}
