//! The statement grammar: a block's tokens → sentences.
//!
//! ```text
//! statement = 1*token terminal *closer ( SP+ sentence-start | end-of-block )
//!           | 1*token end-of-block
//! terminal  = 1*( "." | "!" | "?" | "…" )
//! closer    = closing-quote | ")" | "]"
//! ```
//!
//! A full stop is not terminal after a title ("Gen. Mark Milley", "Mr."),
//! a month or "No." before a number ("Jan. 5", "No. 10"), or an initial or
//! dotted abbreviation ("J. R. R. Tolkien", "U.S. Joint Chiefs") unless the
//! next word is one that commonly starts a sentence ("… in the U.S. The
//! talks …"). Decimals ("3.5") are single number tokens, so their points
//! never reach this grammar. Terminal marks inside a quotation end the
//! statement only if a sentence starts after the quote closes ("“No.” He
//! left" ends; "“No?” she asked" does not).

use std::ops::Range;

use super::tokens::{QuoteSide, Token, TokenKind};

// The word lists are sorted (by byte), so a look-up is a binary search.

/// Words after whose full stop a sentence never ends: titles and ranks.
const TITLE_ABBREVIATIONS: &[&str] = &[
    "Adm", "Brig", "Capt", "Cdr", "Cmdr", "Col", "Cpl", "Det", "Dr", "Drs", "Fr", "Gen", "Gov",
    "Hon", "Insp", "Lt", "Maj", "Messrs", "Mlle", "Mme", "Mr", "Mrs", "Ms", "Mt", "Pres", "Prof",
    "Pte", "Pvt", "Rep", "Reps", "Rev", "Sen", "Sens", "Sgt", "Sr", "St", "Supt", "Vs", "vs",
];

/// Words whose full stop is an abbreviation when a number follows.
const BEFORE_NUMBER_ABBREVIATIONS: &[&str] = &[
    "Apr", "Art", "Aug", "Ch", "Dec", "Feb", "Fig", "Jan", "Jul", "Jun", "Mar", "No", "Nos", "Nov",
    "Oct", "Para", "Sep", "Sept", "Vol", "no", "p", "pp", "vol",
];

/// No word of the three lists above is longer, in bytes.
const LONGEST_ABBREVIATION: usize = 6;

/// After an initial or abbreviation, these words show a new sentence.
const SENTENCE_STARTERS: &[&str] = &[
    "A",
    "After",
    "All",
    "Also",
    "An",
    "And",
    "As",
    "At",
    "But",
    "By",
    "For",
    "He",
    "Her",
    "His",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Meanwhile",
    "No",
    "Now",
    "On",
    "One",
    "Our",
    "She",
    "So",
    "Some",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Under",
    "We",
    "What",
    "When",
    "While",
    "Yet",
    "You",
];

/// Company and name suffixes that end sentences only before a starter.
const SUFFIX_ABBREVIATIONS: &[&str] = &[
    "Bros", "Co", "Corp", "Cos", "Inc", "Jr", "Ltd", "Plc", "al", "approx", "etc",
];

/// Whether the sorted `list` holds `word`.
fn listed(list: &[&str], word: &str) -> bool {
    list.binary_search(&word).is_ok()
}

/// A word of at most eight bytes as a number that sorts as the word does
/// among words with no zero byte (as no word has): its bytes from the most
/// significant down, then zeros. A look-up in a list of these compares
/// numbers, not strings.
const fn word_key(word: &[u8]) -> u64 {
    let mut key = 0;
    let mut place = 0;
    while place < 8 {
        key <<= 8;
        if place < word.len() {
            key |= word[place] as u64;
        }
        place += 1;
    }
    key
}

/// The [`word_key`]s of the words of `list`, in its order.
const fn word_keys<const N: usize>(list: &[&str]) -> [u64; N] {
    let mut keys = [0; N];
    let mut index = 0;
    while index < N {
        keys[index] = word_key(list[index].as_bytes());
        index += 1;
    }
    keys
}

/// The lengths of the words of the three lists above that start with the
/// byte, a bit for each (bit `n` for `n` bytes; none is longer than
/// [`LONGEST_ABBREVIATION`], so a byte holds them): a word of two bytes
/// or more whose first byte is ASCII and whose length no listed word with
/// that first byte has is in no list and is no initial, and needs no
/// look-up (as most words before a full stop, in lowercase or too long
/// for the listed words of their first letter, are).
static ABBREVIATION_LENGTHS: [u8; 256] = {
    let mut table = [0; 256];
    let lists = [
        TITLE_ABBREVIATIONS,
        BEFORE_NUMBER_ABBREVIATIONS,
        SUFFIX_ABBREVIATIONS,
    ];
    let mut list = 0;
    while list < lists.len() {
        let mut word = 0;
        while word < lists[list].len() {
            let bytes = lists[list][word].as_bytes();
            assert!(bytes.len() <= LONGEST_ABBREVIATION && LONGEST_ABBREVIATION < 8);
            table[bytes[0] as usize] |= 1 << bytes.len();
            word += 1;
        }
        list += 1;
    }
    table
};

/// Whether a word of the three lists above is `length` bytes long (at most
/// [`LONGEST_ABBREVIATION`]) and starts with `first` ([`ABBREVIATION_LENGTHS`]).
#[inline]
fn may_be_listed(first: u8, length: usize) -> bool {
    ABBREVIATION_LENGTHS[usize::from(first)] >> (length & 7) & 1 != 0
}

/// The lengths of the [`SENTENCE_STARTERS`] that start with the byte, a
/// bit for each (bit `n` for `n` bytes; none is as long as sixteen).
static STARTER_LENGTHS: [u16; 256] = {
    let mut table = [0; 256];
    let mut word = 0;
    while word < SENTENCE_STARTERS.len() {
        let bytes = SENTENCE_STARTERS[word].as_bytes();
        assert!(bytes.len() < 16);
        table[bytes[0] as usize] |= 1 << bytes.len();
        word += 1;
    }
    table
};

/// Whether a sentence starter may be `word`, by its first byte and length
/// ([`STARTER_LENGTHS`]): most words after an initial are turned away by
/// this one look-up, before any is compared with the list's.
#[inline]
fn may_be_starter(word: &[u8]) -> bool {
    match word.first() {
        Some(&first) if word.len() < 16 => {
            STARTER_LENGTHS[usize::from(first)] >> word.len() & 1 != 0
        }
        _ => false,
    }
}

static TITLE_KEYS: [u64; TITLE_ABBREVIATIONS.len()] = word_keys(TITLE_ABBREVIATIONS);
static BEFORE_NUMBER_KEYS: [u64; BEFORE_NUMBER_ABBREVIATIONS.len()] =
    word_keys(BEFORE_NUMBER_ABBREVIATIONS);
static SUFFIX_KEYS: [u64; SUFFIX_ABBREVIATIONS.len()] = word_keys(SUFFIX_ABBREVIATIONS);

/// Whether the sorted [`word_keys`] `keys` hold `key`.
fn listed_key(keys: &[u64], key: u64) -> bool {
    keys.binary_search(&key).is_ok()
}

/// Splits the tokens `range` of one block into statement token ranges.
/// Leading and trailing white space is left out of every statement.
pub fn statements(text: &str, tokens: &[Token], range: Range<usize>) -> Vec<Range<usize>> {
    let mut result = Vec::new();
    let end = range.end;
    // Only a terminal mark can end a statement: the tokens before the next
    // one are passed over in one search.
    let next_terminal = |index: usize| {
        tokens
            .get(index..end)
            .unwrap_or_default()
            .iter()
            .position(|token| is_terminal(text, token))
            .map(|offset| index + offset)
    };
    split(text, tokens, range, next_terminal, |range| {
        result.push(range)
    });
    result
}

/// [`statements`], with the statements given to `emit` in order rather
/// than gathered, and the terminal marks read from `terminals`: the
/// indexes, in order, of every token of `tokens` that [`is_terminal`]
/// holds to be one (as the tokenizer notes them), so the tokens between
/// them are never read.
///
/// The marks are read from `place` on, which is left where reading
/// stopped: no mark before it may lie in `range`, so a caller splitting
/// blocks in text order passes the same place from one block to the next
/// and each block's first mark is a step or two away, not searched for.
pub(crate) fn statements_by_terminals(
    text: &str,
    tokens: &[Token],
    range: Range<usize>,
    terminals: &[u32],
    place: &mut usize,
    emit: impl FnMut(Range<usize>),
) {
    let end = range.end;
    let next_terminal = |index: usize| {
        // The splitter asks for ever later tokens, so the place in the list
        // only moves forward.
        while terminals
            .get(*place)
            .is_some_and(|&terminal| (terminal as usize) < index)
        {
            *place += 1;
        }
        terminals
            .get(*place)
            .map(|&terminal| terminal as usize)
            .filter(|&terminal| terminal < end)
    };
    split(text, tokens, range, next_terminal, emit);
}

/// The statement grammar over the tokens `range`, with `next_terminal`
/// giving the first terminal mark at or after an index, if any before
/// the end of the range.
fn split(
    text: &str,
    tokens: &[Token],
    range: Range<usize>,
    mut next_terminal: impl FnMut(usize) -> Option<usize>,
    mut emit: impl FnMut(Range<usize>),
) {
    let end = range.end;
    let mut start = skip_space(tokens, range.start, end);
    let mut index = start;
    while index < end {
        let Some(terminal) = next_terminal(index) else {
            break;
        };
        index = terminal;
        let mut after = index + 1;
        while after < end && (is_terminal(text, &tokens[after]) || is_closer(text, &tokens[after]))
        {
            after += 1;
        }
        let next = skip_space(tokens, after, end);
        let separated = next > after || next == end;
        if separated
            && (next == end || starts_sentence(text, tokens, next))
            && !(may_be_abbreviation(text, tokens, index)
                && abbreviation_continues(text, tokens, index, next, end))
        {
            emit(start..after);
            start = next;
            index = next;
            continue;
        }
        index = after;
    }
    if start < end {
        let last = trim_space_end(tokens, start, end);
        if start < last {
            emit(start..last);
        }
    }
}

fn skip_space(tokens: &[Token], mut index: usize, end: usize) -> usize {
    while index < end && tokens[index].is_space() {
        index += 1;
    }
    index
}

fn trim_space_end(tokens: &[Token], start: usize, mut end: usize) -> usize {
    while end > start && tokens[end - 1].is_space() {
        end -= 1;
    }
    end
}

/// A token's text as bytes: punctuation is matched byte for byte, with
/// no character boundary to check.
fn token_bytes<'t>(text: &'t str, token: &Token) -> &'t [u8] {
    let span = token.span();
    text.as_bytes()
        .get(span.start..span.end)
        .unwrap_or_default()
}

/// Whether `token` is a terminal mark: `.`, `!`, `?` or `…`.
pub(crate) fn is_terminal(text: &str, token: &Token) -> bool {
    token.kind == TokenKind::Punctuation && is_terminal_text(token_bytes(text, token))
}

/// Whether a punctuation token of the text `bytes` is a terminal mark.
/// Matched byte by byte rather than against byte strings, which would
/// each be a call to compare memory.
pub(crate) fn is_terminal_text(bytes: &[u8]) -> bool {
    // The last is `…` in UTF-8.
    matches!(bytes, [b'.' | b'!' | b'?'] | [0xe2, 0x80, 0xa6])
}

fn is_closer(text: &str, token: &Token) -> bool {
    match token.kind {
        TokenKind::Quote { side, .. } => side != QuoteSide::Opening,
        TokenKind::Punctuation => matches!(token_bytes(text, token), [b')' | b']']),
        _ => false,
    }
}

fn starts_sentence(text: &str, tokens: &[Token], index: usize) -> bool {
    match tokens[index].kind {
        TokenKind::CapitalisedWord | TokenKind::Number => true,
        TokenKind::Quote { side, .. } => side != QuoteSide::Closing,
        TokenKind::Punctuation => matches!(
            tokens[index].span().slice(text),
            "(" | "[" | "¿" | "¡" | "—" | "-"
        ),
        // Scripts without case (and emoji) cannot show a start; accept them.
        TokenKind::Word => tokens[index]
            .span()
            .slice(text)
            .chars()
            .next()
            .is_some_and(|c| !c.is_lowercase() && !c.is_ascii_digit()),
        TokenKind::Other => true,
        _ => false,
    }
}

/// Whether the terminal mark at `stop` may be the full stop of an
/// abbreviation, by the shape of the word before it alone: the first
/// tests of [`abbreviation_continues`], which hold for it whenever it
/// holds. Most full stops follow a word too long to be listed, or one
/// whose first letter and length are those of no listed word: they are settled by these
/// few tests in the splitter's loop, with no call.
#[inline]
fn may_be_abbreviation(text: &str, tokens: &[Token], stop: usize) -> bool {
    let bytes = text.as_bytes();
    let Some(word) = stop.checked_sub(1).and_then(|before| tokens.get(before)) else {
        return false;
    };
    let is_full_stop = tokens
        .get(stop)
        .is_some_and(|mark| bytes.get(mark.span().start) == Some(&b'.'));
    if !is_full_stop || !word.is_word() {
        return false;
    }
    let span = word.span();
    let length = span.end.saturating_sub(span.start);
    if length > LONGEST_ABBREVIATION {
        return false;
    }
    match bytes.get(span.start) {
        Some(&first) if length >= 2 && first.is_ascii() => may_be_listed(first, length),
        _ => true,
    }
}

/// Whether the full stop at `stop` belongs to an abbreviation and the
/// statement goes on at `next`.
fn abbreviation_continues(
    text: &str,
    tokens: &[Token],
    stop: usize,
    next: usize,
    end: usize,
) -> bool {
    if !matches!(token_bytes(text, &tokens[stop]), [b'.'])
        || stop == 0
        || !tokens[stop - 1].is_word()
    {
        return false;
    }
    let word = token_bytes(text, &tokens[stop - 1]);
    // Most words before a full stop are in no list and are no initial: they
    // need no look-up.
    if word.len() > LONGEST_ABBREVIATION {
        return false;
    }
    if let [first, _, ..] = word {
        if first.is_ascii() && !may_be_listed(*first, word.len()) {
            return false;
        }
    }
    // An initial (one letter, or a first byte outside ASCII) is mostly in
    // no list: the lists are looked in only for a word of a listed word's
    // first byte and length.
    let key = word
        .first()
        .filter(|&&first| may_be_listed(first, word.len()))
        .map(|_| word_key(word));
    let listed_in = |keys: &[u64]| key.is_some_and(|key| listed_key(keys, key));
    let next_is_number = next < end && tokens[next].kind == TokenKind::Number;
    if listed_in(&TITLE_KEYS) {
        return true;
    }
    if next_is_number && listed_in(&BEFORE_NUMBER_KEYS) {
        return true;
    }
    let single_letter = match word {
        [byte] => byte.is_ascii_alphabetic(),
        // A letter outside ASCII takes two to four bytes.
        [first, ..] if !first.is_ascii() => {
            let mut chars = tokens[stop - 1].span().slice(text).chars();
            chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
        }
        _ => false,
    };
    if single_letter || listed_in(&SUFFIX_KEYS) {
        let next_word = (next < end).then(|| tokens[next].span().slice(text));
        let next_is_starter = next_word
            .is_some_and(|word| may_be_starter(word.as_bytes()) && listed(SENTENCE_STARTERS, word))
            || (next < end && matches!(tokens[next].kind, TokenKind::Quote { .. }));
        return next < end && !next_is_starter;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        let lists = [
            TITLE_ABBREVIATIONS,
            BEFORE_NUMBER_ABBREVIATIONS,
            SENTENCE_STARTERS,
            SUFFIX_ABBREVIATIONS,
        ];
        for list in lists {
            assert!(list.is_sorted(), "{list:?}");
            // The search agrees with a scan, for listed words and near misses.
            for word in list {
                for probe in [
                    word.to_string(),
                    format!("{word}s"),
                    word.to_lowercase(),
                    word.to_uppercase(),
                    word[1..].to_string(),
                ] {
                    assert_eq!(
                        listed(list, &probe),
                        list.contains(&probe.as_str()),
                        "{probe}"
                    );
                }
            }
        }
    }

    #[test]
    fn word_keys_agree_with_the_word_lists() {
        let lists: [(&[&str], &[u64]); 3] = [
            (TITLE_ABBREVIATIONS, &TITLE_KEYS),
            (BEFORE_NUMBER_ABBREVIATIONS, &BEFORE_NUMBER_KEYS),
            (SUFFIX_ABBREVIATIONS, &SUFFIX_KEYS),
        ];
        let every_word = lists.iter().flat_map(|(list, _)| list.iter());
        let mut probes: Vec<String> = Vec::new();
        for word in every_word.chain(SENTENCE_STARTERS) {
            probes.extend([
                word.to_string(),
                format!("{word}s"),
                format!("{word}.x"),
                word.to_lowercase(),
                word.to_uppercase(),
                word[1..].to_string(),
                word[..word.len() - 1].to_string(),
            ]);
        }
        probes.extend(["", "a", "Z", "é", "Ré", "Mr\u{0301}"].map(String::from));
        for (list, keys) in lists {
            // Sorted as the words are, so a binary search finds them.
            assert!(keys.is_sorted(), "{list:?}");
            for probe in probes.iter().filter(|probe| probe.len() <= 8) {
                assert_eq!(
                    listed_key(keys, word_key(probe.as_bytes())),
                    list.contains(&probe.as_str()),
                    "{probe:?}"
                );
            }
        }
    }

    #[test]
    fn first_bytes_and_lengths_of_sentence_starters_are_all_in_the_table() {
        for byte in 0..=u8::MAX {
            for length in 0..20 {
                let word: Vec<u8> = std::iter::once(byte)
                    .chain(std::iter::repeat_n(b'a', length.max(1) - 1))
                    .collect();
                let shaped = SENTENCE_STARTERS
                    .iter()
                    .any(|starter| starter.as_bytes()[0] == byte && starter.len() == word.len());
                assert_eq!(may_be_starter(&word), shaped, "{byte} {length}");
            }
        }
        assert!(!may_be_starter(b""));
        for starter in SENTENCE_STARTERS {
            assert!(may_be_starter(starter.as_bytes()), "{starter}");
        }
    }

    #[test]
    fn first_bytes_and_lengths_of_abbreviations_are_all_in_the_table() {
        let lists = [
            TITLE_ABBREVIATIONS,
            BEFORE_NUMBER_ABBREVIATIONS,
            SUFFIX_ABBREVIATIONS,
        ];
        for byte in 0..=u8::MAX {
            for length in 0..=LONGEST_ABBREVIATION {
                let listed = lists
                    .concat()
                    .iter()
                    .any(|word| word.as_bytes()[0] == byte && word.len() == length);
                assert_eq!(may_be_listed(byte, length), listed, "{byte} {length}");
            }
        }
        // Every listed word, in either case and with a letter more or
        // less, is continued as the lists alone say.
        let mut probes: Vec<String> = Vec::new();
        for word in lists.concat().iter().chain(SENTENCE_STARTERS) {
            probes.extend([
                word.to_string(),
                word.to_lowercase(),
                word.to_uppercase(),
                format!("{word}s"),
                word[1..].to_string(),
            ]);
        }
        probes.extend(["a", "Z", "Ö", "é", "x1", "3rd", "ab", "zz"].map(String::from));
        for probe in probes.iter().filter(|probe| !probe.is_empty()) {
            for after in ["5", "The", "men"] {
                let text = format!("x {probe}. {after}");
                let tokens = tokenize(&text);
                let Some(stop) = tokens.iter().position(|token| is_terminal(&text, token)) else {
                    continue;
                };
                if !tokens[stop - 1].is_word() {
                    continue;
                }
                let next = stop + 2;
                let plain = listed(TITLE_ABBREVIATIONS, probe)
                    || (after == "5" && listed(BEFORE_NUMBER_ABBREVIATIONS, probe))
                    || ((probe.chars().count() == 1 && probe.chars().all(char::is_alphabetic))
                        || listed(SUFFIX_ABBREVIATIONS, probe))
                        && after != "The";
                assert_eq!(
                    abbreviation_continues(&text, &tokens, stop, next, tokens.len()),
                    plain,
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn the_shape_test_passes_every_abbreviation() {
        // Every terminal mark of texts of listed words, near misses,
        // initials and long words, each before a number, a starter and a
        // lowercase word: where `may_be_abbreviation` turns a mark away,
        // `abbreviation_continues` does too.
        let lists = [
            TITLE_ABBREVIATIONS,
            BEFORE_NUMBER_ABBREVIATIONS,
            SUFFIX_ABBREVIATIONS,
            SENTENCE_STARTERS,
        ];
        let mut words: Vec<String> = Vec::new();
        for word in lists.concat() {
            words.extend([
                word.to_string(),
                word.to_lowercase(),
                word.to_uppercase(),
                format!("{word}s"),
                word[1..].to_string(),
            ]);
        }
        words.extend(
            [
                "a",
                "Z",
                "Ö",
                "é",
                "x1",
                "3rd",
                "ab",
                "zz",
                "Mr\u{301}",
                "said",
                "Reuters",
            ]
            .map(String::from),
        );
        let mut passed = 0;
        for word in words.iter().filter(|word| !word.is_empty()) {
            for (mark, after) in [".", "!", "…", "?"].iter().zip(["5", "The", "men", "“No"]) {
                let text = format!("x {word}{mark} {after} {word}. ”{after}");
                let tokens = tokenize(&text);
                for stop in 0..tokens.len() {
                    if !is_terminal(&text, &tokens[stop]) {
                        continue;
                    }
                    let next = (stop + 2).min(tokens.len());
                    if abbreviation_continues(&text, &tokens, stop, next, tokens.len()) {
                        passed += 1;
                        assert!(may_be_abbreviation(&text, &tokens, stop), "{text:?} {stop}");
                    }
                }
            }
        }
        assert!(passed > 100, "{passed}");
    }

    #[test]
    fn no_abbreviation_is_longer_than_the_shortcut_allows() {
        // `abbreviation_continues` returns early for longer words; a single
        // letter (an initial) takes at most four bytes.
        let lists = [
            TITLE_ABBREVIATIONS,
            BEFORE_NUMBER_ABBREVIATIONS,
            SUFFIX_ABBREVIATIONS,
        ];
        for word in lists.concat() {
            assert!(word.len() <= LONGEST_ABBREVIATION, "{word}");
        }
        assert!(char::MAX.len_utf8() <= LONGEST_ABBREVIATION);
    }

    fn split(text: &str) -> Vec<&str> {
        let tokens = tokenize(text);
        statements(text, &tokens, 0..tokens.len())
            .into_iter()
            .map(|range| {
                let start = tokens[range.start].span().start;
                let end = tokens[range.end - 1].span().end;
                &text[start..end]
            })
            .collect()
    }

    #[test]
    fn noted_terminals_split_as_the_search_for_them_does() {
        let pieces = [
            "Gen", "Mr", "J", "Ö", "é", "Inc", "Jan", "No", "The", "he", "U.S", "5", "3.5", ".",
            ". ", "!", "?", "…", "...", " ", "  ", "\n", "\r\n", "“", "”", "\"", "'", "’", "(",
            ")", "]", "-", "¿", ",", "x", "👩",
        ];
        let mut texts: Vec<String> = vec![String::new()];
        let mut next = crate::pseudo_random::below(0x2545_f491_4f6c_dd1d);
        for _ in 0..3000 {
            let text: String = (0..16).map(|_| pieces[next(pieces.len())]).collect();
            texts.push(text);
        }
        for text in &texts {
            let tokenized = super::super::tokens::tokenize_with_marks(text);
            let tokens = &tokenized.tokens;
            // The whole text, and blocks starting and ending anywhere.
            let count = tokens.len();
            let ranges = [
                0..count,
                count / 3..count,
                0..count / 2,
                count / 4..count * 3 / 4,
            ];
            for range in ranges {
                let mut noted = Vec::new();
                statements_by_terminals(
                    text,
                    tokens,
                    range.clone(),
                    &tokenized.terminals,
                    &mut 0,
                    |statement| noted.push(statement),
                );
                assert_eq!(
                    noted,
                    statements(text, tokens, range.clone()),
                    "{text:?} {range:?}"
                );
            }
        }
    }

    #[test]
    fn titles_do_not_end_sentences() {
        assert_eq!(
            split("U.S. Joint Chiefs of Staff Gen. Mark Milley spoke. Mr. Kirby agreed."),
            [
                "U.S. Joint Chiefs of Staff Gen. Mark Milley spoke.",
                "Mr. Kirby agreed."
            ]
        );
    }

    #[test]
    fn initials_do_not_end_sentences() {
        assert_eq!(
            split("He read J. R. R. Tolkien. It was long."),
            ["He read J. R. R. Tolkien.", "It was long."]
        );
        assert_eq!(
            split("He met Ö. Pamuk there. É. it was."),
            ["He met Ö. Pamuk there.", "É. it was."]
        );
    }

    #[test]
    fn dotted_abbreviation_ends_a_sentence_before_a_starter() {
        assert_eq!(
            split("Troops left the U.S. The talks ended. U.S. officials said so."),
            [
                "Troops left the U.S.",
                "The talks ended.",
                "U.S. officials said so."
            ]
        );
    }

    #[test]
    fn months_and_numbers() {
        assert_eq!(
            split("It opened Jan. 5 at No. 10 Downing Street. Shares rose 3.5 pct to 14,000."),
            [
                "It opened Jan. 5 at No. 10 Downing Street.",
                "Shares rose 3.5 pct to 14,000."
            ]
        );
    }

    #[test]
    fn terminal_punctuation_inside_quotations() {
        assert_eq!(
            split("“The two military leaders exchanged views on issues of mutual interest,” the Pentagon said. “No.” He left. \"Why?\" she asked."),
            [
                "“The two military leaders exchanged views on issues of mutual interest,” the Pentagon said.",
                "“No.”",
                "He left.",
                "\"Why?\" she asked."
            ]
        );
    }

    #[test]
    fn ellipses() {
        assert_eq!(
            split("I wonder... Maybe not. It went on … and on."),
            ["I wonder...", "Maybe not.", "It went on … and on."]
        );
    }

    #[test]
    fn hard_wrapped_lines_are_spaces() {
        assert_eq!(
            split("Showers continued in\nthe zone. Arrivals were\n155,221 bags."),
            [
                "Showers continued in\nthe zone.",
                "Arrivals were\n155,221 bags."
            ]
        );
    }

    #[test]
    fn no_terminal_gives_one_statement() {
        assert_eq!(split("Leave a Reply  "), ["Leave a Reply"]);
        assert!(split("   ").is_empty());
    }
}
