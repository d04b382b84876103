//! The cardinal number words ("one" to "ninety", the vague quantities
//! and the scales), and the outline test that tells most words from them
//! by their length and first and last letters.
//!
//! The grammar asks the outline of each word as it is made, to note the
//! tokens that may be numerals ([`super::Syntax::numerals`]); the numbers
//! model reads its quantities from those and compares the words'
//! letters.

pub(crate) const UNITS: &[(&str, u32)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
];

pub(crate) const TENS: &[(&str, u32)] = &[
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

pub(crate) const VAGUE: &[&str] = &[
    "dozens",
    "hundreds",
    "thousands",
    "millions",
    "scores",
    "billions",
];

/// The words that scale a spelled quantity ("a dozen", "two hundred"),
/// besides the multipliers that follow a figure.
pub(crate) const SCALES: &[&str] = &["dozen", "hundred", "thousand", "million", "billion", "tens"];

/// The shortest number word's length: "one", "ten".
pub(crate) const NUMBER_WORD_SHORTEST: usize = 3;

/// The longest number word's length: "seventeen", "thousands".
pub(crate) const NUMBER_WORD_LONGEST: usize = 9;

/// The rows of [`NUMBER_WORD_ENDS`]: one for each length up to sixteen,
/// the longest word the grammar settles from one window of bytes, whose
/// length then needs no clamping to pick a row, and the last for every
/// longer word too.
const NUMBER_WORD_ROWS: usize = 17;

// The last row, which every longer word shares, holds no number word.
const _: () = assert!(NUMBER_WORD_ROWS > NUMBER_WORD_LONGEST + 1);

/// A byte's place among the letters for [`NUMBER_WORD_ENDS`]: its low
/// five bits, which are an ASCII letter's place in the alphabet (from 1
/// for `a` and `A`) in either case. Other bytes share those places (`1`
/// has the place of `q`), so an outline may let through a word that is
/// no number word, never turn one away: its letters are compared after.
/// No byte needs a table to find its place.
#[inline]
pub(crate) fn letter_place(byte: u8) -> u32 {
    u32::from(byte & 0x1f)
}

/// The outlines of the number words (units, tens, vague quantities and
/// scales): for each length and first letter (by [`letter_place`]), a bit
/// for each letter such a word ends with (the low 32 bits) and for each
/// letter it has second (the high 32). Most words are told apart from
/// them by these four things alone, in one look-up, before their letters
/// are compared: "there", "these" and "those" end as "three" does, but
/// only "three" and "thirty" of the number words have an "h" second.
///
/// The rows of lengths below [`NUMBER_WORD_SHORTEST`] are empty, and so
/// are those past [`NUMBER_WORD_LONGEST`], the last of which stands for
/// every longer word: a word's length picks its row without a test of
/// its own (see [`number_word_ends`]).
const NUMBER_WORD_ENDS: [[u64; 32]; NUMBER_WORD_ROWS] = {
    const fn add(
        mut ends: [[u64; 32]; NUMBER_WORD_ROWS],
        word: &str,
    ) -> [[u64; 32]; NUMBER_WORD_ROWS] {
        let word = word.as_bytes();
        assert!(word.len() >= NUMBER_WORD_SHORTEST && word.len() <= NUMBER_WORD_LONGEST);
        ends[word.len()][(word[0] & 0x1f) as usize] |=
            1 << (word[word.len() - 1] & 0x1f) | 1 << (32 + (word[1] & 0x1f));
        ends
    }
    let mut ends = [[0; 32]; NUMBER_WORD_ROWS];
    let mut i = 0;
    while i < UNITS.len() {
        ends = add(ends, UNITS[i].0);
        i += 1;
    }
    i = 0;
    while i < TENS.len() {
        ends = add(ends, TENS[i].0);
        i += 1;
    }
    i = 0;
    while i < VAGUE.len() {
        ends = add(ends, VAGUE[i]);
        i += 1;
    }
    i = 0;
    while i < SCALES.len() {
        ends = add(ends, SCALES[i]);
        i += 1;
    }
    ends
};

/// The outline of the number words `length` bytes long that open with
/// `first`, if one of them ends with `last`: a word of no such outline is
/// no number word. One look-up, so a word is turned away without its
/// letters being lowered or compared.
#[inline]
pub(crate) fn number_word_ends(length: usize, first: u8, last: u8) -> Option<u64> {
    // Every longer word shares the last row, which is empty: the length
    // is clamped rather than tested, as word lengths vary too much from
    // one word to the next for a test of them to be guessed well.
    let by_first = &NUMBER_WORD_ENDS[length.min(NUMBER_WORD_ROWS - 1)];
    let ends = by_first[usize::from(first & 0x1f)];
    (ends >> letter_place(last) & 1 != 0).then_some(ends)
}
