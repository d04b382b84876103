//! Generated articles for the benchmark and the peak-memory example:
//! a news-like article of any size, and the pathological shapes a checker
//! must stay linear on. Every generator returns about `size` bytes of text
//! the generator wrote itself (no corpus text).

// Each user (the benchmark, the example) takes what it needs.
#![allow(dead_code)]

/// The input shapes, by the name the benchmark and the example use.
pub const SHAPES: &[&str] = &["article", "one-paragraph", "quotes", "names", "dates"];

/// How many items (quotation marks, capitalised words, dates) a counted
/// shape's text holds; `None` for the other shapes.
pub fn items(shape: &str, text: &str) -> Option<usize> {
    match shape {
        "quotes" => Some(text.chars().filter(|c| "\"'“”‘’".contains(*c)).count()),
        "names" => Some(
            text.split_whitespace()
                .filter(|word| word.starts_with(|c: char| c.is_ascii_uppercase()))
                .count(),
        ),
        "dates" => Some(text.matches(" met on ").count()),
        _ => None,
    }
}

/// The text of shape `shape` (one of [`SHAPES`]) of about `size` bytes.
pub fn generate(shape: &str, size: usize) -> Option<String> {
    Some(match shape {
        "article" => article(size),
        "one-paragraph" => one_paragraph(size),
        "quotes" => quotes(size),
        "names" => names(size),
        "dates" => dates(size),
        _ => return None,
    })
}

const PARAGRAPHS: [&str; 4] = [
    "Gen. Mark Milley spoke to his counterpart on Wednesday, March 3, 2021, the Pentagon said.",
    "“We discussed issues of mutual interest,” spokesman John Kirby told reporters in Washington.",
    "Shares of Acme Corp. rose 3.5 pct to 14,000 yen after the U.S. Treasury said exports had grown.",
    "The mayor, Anna Weber, said the council (which met on Friday) would vote again in April.",
];

/// A news-like article: a headline, then paragraphs with names,
/// quotations, dates and numbers.
pub fn article(size: usize) -> String {
    let mut text = String::from("Talks resume after a week of delays\n\n");
    let mut index = 0;
    while text.len() < size {
        text.push_str(PARAGRAPHS[index % PARAGRAPHS.len()]);
        text.push_str("\n\n");
        index += 1;
    }
    text
}

/// The same sentences with no paragraph break at all: one paragraph of
/// `size` bytes (a file that lost its line breaks).
pub fn one_paragraph(size: usize) -> String {
    let mut text = String::with_capacity(size + 128);
    let mut index = 0;
    while text.len() < size {
        text.push_str(PARAGRAPHS[index % PARAGRAPHS.len()]);
        text.push(' ');
        index += 1;
    }
    text
}

/// Quotation marks, about one every 5 bytes (a million in 5 MB), in
/// paragraphs of 200 quotations: mostly paired straight and curly
/// quotations, with an unmatched opening mark every seventh quotation.
pub fn quotes(size: usize) -> String {
    let mut text = String::with_capacity(size + 128);
    let mut index = 0usize;
    while text.len() < size {
        text.push_str(match index % 7 {
            0 => "“Yes,” ",
            1 => "\"No,\" ",
            2 => "‘Maybe’ ",
            3 => "“Never ",
            4 => "'Soon' ",
            5 => "“Now.” ",
            _ => "\"Why?\" ",
        });
        index += 1;
        if index % 200 == 0 {
            text.push_str("\n\n");
        }
    }
    text
}

/// Distinct capitalised words, about one every 8 bytes (a million in
/// 8 MB): pseudo-random surnames of six or seven letters in short
/// sentences, so many pairs are a letter or two apart, as name variants are.
pub fn names(size: usize) -> String {
    let mut text = String::with_capacity(size + 128);
    let mut state = 0x2545_f491_u64;
    let mut count = 0usize;
    while text.len() < size {
        // A full-period LCG over 2^32: no name repeats in 4 billion.
        state = (state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223)) & 0xffff_ffff;
        let mut value = state;
        let length = 6 + (value % 2) as usize;
        value /= 2;
        let mut word = String::with_capacity(length);
        for position in 0..length {
            let letter = (value % 26) as u8;
            value /= 26;
            word.push(char::from(if position == 0 {
                b'A' + letter
            } else {
                b'a' + letter
            }));
        }
        text.push_str(&word);
        count += 1;
        text.push_str(match count % 4 {
            0 => ". ",
            _ => " ",
        });
        if count % 400 == 0 {
            text.push_str("\n\n");
        }
    }
    text
}

const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// Dates with weekdays, about one every 36 bytes (a million in 36 MB): one
/// day after another from 1 January 1990 to 31 December 2029, then from
/// 1990 again (years a news story gives; a million days would run past
/// the year 4700), every tenth with the wrong weekday, twenty to a
/// paragraph.
pub fn dates(size: usize) -> String {
    let mut text = String::with_capacity(size + 128);
    let (mut year, mut month, mut day) = (1990i32, 1u32, 1u32);
    let mut count = 0usize;
    while text.len() < size {
        let mut weekday = weekday(year, month, day);
        if count % 10 == 9 {
            weekday = (weekday + 1) % 7;
        }
        text.push_str(&format!(
            "It met on {}, {} {day}, {year}. ",
            WEEKDAYS[weekday as usize],
            copydesk::model::dates::month_name(month as i8)
        ));
        count += 1;
        if count % 20 == 0 {
            text.push_str("\n\n");
        }
        day += 1;
        if day > days_in_month(year, month) {
            day = 1;
            month += 1;
            if month > 12 {
                month = 1;
                year += 1;
                if year > 2029 {
                    year = 1990;
                }
            }
        }
    }
    text
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// 0 = Sunday (Sakamoto's method).
fn weekday(year: i32, month: u32, day: u32) -> u32 {
    const OFFSETS: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if month < 3 { year - 1 } else { year };
    let w = y + y / 4 - y / 100 + y / 400 + OFFSETS[month as usize - 1] + day as i32;
    w.rem_euclid(7) as u32
}
