//! The token grammar: text → a flat sequence of [`Token`]s that tile the
//! input exactly, with no gap and no overlap.
//!
//! ```text
//! token      = line-break | space | number | word | quote-mark | punctuation | other
//! line-break = "\r\n" | "\n" | "\r"
//! space      = 1*( " " | "\t" | other Unicode white space but line breaks )
//! number     = 1*DIGIT *( ("." | "," ) 1*DIGIT )
//! word       = 1*( letter | DIGIT | combining-mark )
//! quote-mark = one of " ' “ ” ‘ ’ « » „ ‚ ‹ ›
//! punctuation= one ASCII or general punctuation character
//! other      = 1*( anything else: symbols, emoji, joiners, a BOM )
//! ```
//!
//! The grammar is total: every character belongs to exactly one production,
//! with `other` as the catch-all, so tokenising never fails. Straight and
//! right single quotes are classified by their neighbours afterwards
//! ([`classify_quote_mark`]), since whether `’` is an apostrophe or a closing
//! quote depends on what stands on either side.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1};
use nom::character::complete::{anychar, digit1, one_of};
use nom::combinator::{recognize, verify};
use nom::multi::fold_many0;
use nom::sequence::pair;
use nom::{IResult, Parser};

use super::numerals::number_word_ends;
use super::statements;
use crate::source::Span;

/// Which way a quotation mark faces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuoteSide {
    Opening,
    Closing,
    /// A straight mark, or a mark whose neighbours do not decide.
    Ambiguous,
}

/// Double marks quote speech; single marks nest inside them or quote
/// headlines. They pair separately.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuoteWeight {
    Double,
    Single,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A word starting with a lowercase letter or a digit.
    Word,
    /// A word starting with an uppercase or titlecase letter.
    CapitalisedWord,
    /// Digits with optional decimal or thousands separators: 3.5, 14,000.
    Number,
    Punctuation,
    Quote {
        side: QuoteSide,
        weight: QuoteWeight,
    },
    /// `'` or `’` inside or at the edge of a word: don’t, Milly’s, ’90s.
    Apostrophe,
    /// Spaces and tabs.
    Space,
    LineBreak,
    Other,
}

/// One token: its kind and its place in the text.
///
/// The place is held as two 32-bit offsets, so a token takes 12 bytes
/// rather than 24: the token list is the largest structure of a parse
/// (a token every three bytes of news copy), and its size is most of
/// the memory a check of a long file takes. Texts are parsed up to
/// [`MAX_TEXT_LEN`] bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    start: u32,
    end: u32,
}

/// The longest text the grammar parses: offsets are 32-bit.
pub const MAX_TEXT_LEN: usize = u32::MAX as usize;

impl Token {
    /// A token over `span`, whose offsets must not exceed [`MAX_TEXT_LEN`]
    /// (the grammar never makes one that does).
    pub fn new(kind: TokenKind, span: Span) -> Token {
        let offset = |position: usize| u32::try_from(position).unwrap_or(u32::MAX);
        Token {
            kind,
            start: offset(span.start),
            end: offset(span.end),
        }
    }

    /// The token's byte range in the text.
    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }

    pub fn is_word(&self) -> bool {
        matches!(self.kind, TokenKind::Word | TokenKind::CapitalisedWord)
    }

    pub fn is_space(&self) -> bool {
        matches!(self.kind, TokenKind::Space | TokenKind::LineBreak)
    }
}

/// Tokenises the whole text, up to [`MAX_TEXT_LEN`] bytes. Never fails;
/// the tokens tile the text exactly.
pub fn tokenize(text: &str) -> Vec<Token> {
    tokenize_with_marks(text).tokens
}

/// The tokens of a text, and the few of them that later stages look for,
/// noted as the tokens are made rather than found by a second pass over
/// all the others.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Tokenized {
    /// As [`tokenize`] gives them.
    pub tokens: Vec<Token>,
    /// The indexes of the tokens read from a quotation mark (each now a
    /// [`TokenKind::Quote`] or, by its neighbours, a
    /// [`TokenKind::Apostrophe`]), in order: the tokens the quotation model
    /// reads.
    pub quote_marks: Vec<u32>,
    /// The indexes of the [`TokenKind::LineBreak`] tokens, in order: where
    /// the lines the block grammar reads end, found here as the tokens are
    /// made rather than by a second search of the text for its line
    /// breaks.
    pub line_breaks: Vec<u32>,
    /// The indexes of the terminal marks (`.`, `!`, `?`, `…`), in order:
    /// the only tokens that can end a statement.
    pub terminals: Vec<u32>,
    /// The indexes of the tokens that may be a numeral, in order: every
    /// [`TokenKind::Number`], and every word with the length and first
    /// and last letters of a number word ([`may_be_number_word`]).
    pub numerals: Vec<u32>,
    /// The indexes of the words that begin outside ASCII or with the
    /// ASCII letter or digit the word before begins with, in either case
    /// ([`first_byte_key`]), in order: a word can repeat the word before
    /// only if it is one of them or the word before begins outside ASCII.
    pub may_repeat: Vec<u32>,
    /// The indexes of the [`TokenKind::CapitalisedWord`] tokens, in order:
    /// the only tokens a name mention starts with.
    pub capitalised: Vec<u32>,
}

/// [`tokenize`], with the tokens [`Tokenized`] notes.
pub(crate) fn tokenize_with_marks(text: &str) -> Tokenized {
    let text = within_offsets(text);
    // News copy has a quotation mark every hundred and fifty bytes or so:
    // room for twice that, so that a text full of quotations rarely
    // grows the list.
    let mut marks = Vec::with_capacity(text.len() / 64 + 1);
    // News copy ends a statement every hundred bytes or so (every thirty
    // in the densest generated copy): one allocation for nearly all texts.
    let mut terminals = Vec::with_capacity(text.len() / 32 + 1);
    // News copy breaks a line every fifty bytes or so (a wrapped line or a
    // blank one between paragraphs).
    let mut line_breaks = Vec::with_capacity(text.len() / 32 + 1);
    let mut lists = NoteLists::with_capacities([
        // News copy has a figure every two hundred bytes or so, and a
        // number word besides now and then; a text dense with figures (a
        // table of results, a story of prices) one every fifty: room for
        // those, as a list that grows is copied, with the room past its
        // indexes, each time it does.
        text.len() / 32 + 1,
        // Few neighbouring words share a first letter (one word in twenty
        // of news copy): noted as the numerals are, so that the repetition
        // rule reads those words rather than every token.
        text.len() / 64 + 1,
        // News copy has a capitalised word every thirty-five bytes or so
        // (every twenty in copy dense with names): noted so that the name
        // model reads those words rather than every token.
        text.len() / 16 + 1,
    ]);
    // The tokens of `batch` that may be numerals, may repeat the word
    // before or are capitalised, the first `note_count` of them: written
    // for every word and counted only if it is any, with no branch in the
    // loop. One list for all keeps one count in a register where two were
    // one too many for the loop, and one of them lived on the stack.
    let mut notes = EMPTY_NOTES;
    let mut note_count = 0u8;
    let mut previous_key = NON_ASCII_KEY;
    let bytes = text.as_bytes();
    // News copy has a token every two to three bytes (at most one every
    // two in the corpus), so this is the capacity a vector started at a
    // quarter of the length grew to anyway, without the copy.
    let mut tokens = Vec::with_capacity(text.len() / 2 + 1);
    let mut batch = EMPTY_BATCH;
    let mut filled = 0u8;
    let mut start = 0;
    while let Some(&first) = bytes.get(start) {
        if filled >= BATCH_FULL {
            (filled, note_count) =
                move_batch(&batch, filled, &mut tokens, &notes, note_count, &mut lists);
        }
        let lead = LEADS[usize::from(first)];
        // Words and ASCII punctuation are most tokens: they are settled
        // here, words by their letters and punctuation by its one byte,
        // with no mark to note but a terminal, and pushed with the kind
        // their first byte gives.
        let end = match lead {
            Lead::Lowercase | Lead::Uppercase => {
                let kind = WORD_KINDS[usize::from(first)];
                let word_end = match bytes.get(start..).and_then(<[u8]>::first_chunk::<24>) {
                    // Nearly all words of news copy are shorter than
                    // sixteen letters and followed by a space or
                    // punctuation: with twenty-four bytes left, the word,
                    // the byte after it and the byte after a space after
                    // it are all within `window`, so none of them is
                    // tested against the text's end, and the word and the
                    // space after it are settled in this turn of the loop.
                    Some(window) => match short_word_place(window) {
                        ShortWord::Settled(place) => {
                            let end = start + place;
                            // A settled word has a letter before its end
                            // (at most fifteen), so the last letter is at
                            // `place - 1`, found without a test for zero.
                            let last = window[(place + 15) & 15];
                            // An ASCII letter: its key is its byte in
                            // upper case.
                            let key = first & !0x20;
                            // `Lowercase` and `Uppercase` are the
                            // variants 0 and 1: the lead is whether the
                            // word is capitalised, with no test.
                            let note = Note::of(
                                may_be_number_word(place, first, last),
                                key == previous_key,
                                lead as u8,
                            );
                            previous_key = key;
                            note_token(&mut notes, &mut note_count, filled, note);
                            push_token(&mut batch, &mut filled, kind, start, end);
                            start = end;
                            if window[place] == b' '
                                && LEADS[usize::from(window[place + 1])].ends_ascii_space()
                            {
                                start = push_token(
                                    &mut batch,
                                    &mut filled,
                                    TokenKind::Space,
                                    end,
                                    end + 1,
                                );
                            }
                            continue;
                        }
                        ShortWord::LettersEnd(place) => ascii_word_end_from(bytes, start + place),
                    },
                    None => ascii_word_end(bytes, start),
                };
                let (end, kind) = match word_end {
                    Some(end) => (end, kind),
                    // A character that is not ASCII may go on with the
                    // word ("naïve"): the grammar reads it. `start` is a
                    // character boundary (an ASCII letter starts one), so
                    // the grammar always gives a token.
                    None => {
                        let (width, kind) =
                            grammar_token(text, start).unwrap_or((1, TokenKind::Other));
                        (start + width, kind)
                    }
                };
                let note = note_of(bytes, kind, start, end, &mut previous_key);
                note_token(&mut notes, &mut note_count, filled, note);
                push_token(&mut batch, &mut filled, kind, start, end)
            }
            Lead::Punctuation => {
                if is_terminal_byte(first) {
                    terminals.push(next_index(&tokens, filled));
                }
                push_token(
                    &mut batch,
                    &mut filled,
                    TokenKind::Punctuation,
                    start,
                    start + 1,
                )
            }
            _ => {
                let rest = bytes.get(start..).unwrap_or_default();
                let (width, kind) = match ascii_token(rest) {
                    Some(settled) => settled,
                    None => match grammar_token(text, start) {
                        Some(token) => token,
                        None => break,
                    },
                };
                let mut token = Token {
                    kind,
                    start: start as u32,
                    end: (start + width) as u32,
                };
                if matches!(kind, TokenKind::Quote { .. } | TokenKind::Punctuation) {
                    let index = next_index(&tokens, filled);
                    token.kind = note_mark(text, token, index, &mut marks, &mut terminals);
                } else if matches!(
                    kind,
                    TokenKind::Number | TokenKind::Word | TokenKind::CapitalisedWord
                ) {
                    // Only these may be noted: the spaces and line breaks
                    // that are most tokens here are not written at all.
                    let note = note_of(bytes, kind, start, start + width, &mut previous_key);
                    note_token(&mut notes, &mut note_count, filled, note);
                } else if kind == TokenKind::LineBreak {
                    line_breaks.push(next_index(&tokens, filled));
                }
                push_token(&mut batch, &mut filled, token.kind, start, start + width)
            }
        };
        start = end;
        // A lone space between two tokens is the commonest token of prose:
        // it is taken here, as `ascii_token` would take it, without a
        // second turn of the loop.
        if bytes.get(end) == Some(&b' ')
            && bytes
                .get(end + 1)
                .is_none_or(|&byte| LEADS[usize::from(byte)].ends_ascii_space())
        {
            start = push_token(&mut batch, &mut filled, TokenKind::Space, end, end + 1);
        }
    }
    move_batch(&batch, filled, &mut tokens, &notes, note_count, &mut lists);
    let [numerals, may_repeat, capitalised] = lists.finish();
    Tokenized {
        tokens,
        quote_marks: marks,
        line_breaks,
        terminals,
        numerals,
        may_repeat,
        capitalised,
    }
}

fn is_word_kind(kind: TokenKind) -> bool {
    matches!(kind, TokenKind::Word | TokenKind::CapitalisedWord)
}

/// The key of a word's first byte: the byte in upper case if it is
/// ASCII, else [`NON_ASCII_KEY`]. Two words that are one word in any
/// letter case either share the key of an ASCII first byte or one of them
/// begins outside ASCII (a character outside ASCII can lower to an ASCII
/// letter, as the Kelvin sign does to k).
#[inline]
pub(crate) fn first_byte_key(first: u8) -> u8 {
    if first.is_ascii() {
        first & !0x20
    } else {
        NON_ASCII_KEY
    }
}

/// The key of a first byte outside ASCII: no ASCII byte's key (in upper
/// case, below 0x60).
pub(crate) const NON_ASCII_KEY: u8 = 0xFF;

/// Whether the word whose first byte is `first` may repeat the word
/// before, whose first byte's key is `previous_key` (see
/// [`Tokenized::may_repeat`]); `previous_key` becomes the word's key. The
/// settled short words are tested in the loop itself; the words of the
/// other paths, fewer, come here.
#[inline(always)]
fn may_repeat_previous(first: u8, previous_key: &mut u8) -> bool {
    let key = first_byte_key(first);
    let repeat = key == *previous_key || key == NON_ASCII_KEY;
    *previous_key = key;
    repeat
}

/// The [`Note`] of the token of `kind` from `start` to `end` of `bytes`,
/// made on one of the loop's general paths (the settled short words are
/// noted in the loop itself); `previous_key` becomes its key if it is a
/// word ([`may_repeat_previous`]).
#[inline(always)]
fn note_of(bytes: &[u8], kind: TokenKind, start: usize, end: usize, previous_key: &mut u8) -> Note {
    let numeral = may_be_numeral(bytes, kind, start, end);
    let repeat = is_word_kind(kind)
        && bytes
            .get(start)
            .is_some_and(|&first| may_repeat_previous(first, previous_key));
    let capitalised = matches!(kind, TokenKind::CapitalisedWord);
    Note::of(numeral, repeat, u8::from(capitalised))
}

/// What a token of the batch may be, for the lists [`Tokenized`] keeps
/// beside the tokens: a numeral ([`Note::NUMERAL`]), a word that may
/// repeat the word before ([`Note::MAY_REPEAT`]), a capitalised word
/// ([`Note::CAPITALISED`]), any of them together, or none (zero, counted
/// for no token).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Note(u8);

impl Note {
    const CAPITALISED: u8 = 1;
    const NUMERAL: u8 = 2;
    const MAY_REPEAT: u8 = 4;

    /// The note of a token; `capitalised` is 1 for a capitalised word and
    /// 0 for any other token, so that the loop passes a value it holds
    /// rather than testing one. The bits are added, which they may be as
    /// no two overlap, so that one address computation joins them.
    #[inline(always)]
    fn of(numeral: bool, may_repeat: bool, capitalised: u8) -> Note {
        debug_assert!(capitalised <= 1);
        Note(capitalised + (u8::from(numeral) << 1) + (u8::from(may_repeat) << 2))
    }
}

/// The lists of token indexes the notes of the batches move into, as
/// [`Tokenized`] names them. While a text is read each list holds
/// [`GATHERING_ROOM`] places past its indexes, where [`move_notes`]
/// gathers a batch's: the room is made once for a text, and only grows
/// by the indexes each batch keeps.
struct NoteLists {
    numerals: Vec<u32>,
    may_repeat: Vec<u32>,
    capitalised: Vec<u32>,
}

/// The places past a list's indexes [`move_notes`] writes a batch's at:
/// a place for each token a batch holds, whose place is a byte.
const GATHERING_ROOM: usize = 256;

impl NoteLists {
    /// Empty lists with room for `capacities` indexes each.
    fn with_capacities(capacities: [usize; 3]) -> NoteLists {
        let [numerals, may_repeat, capitalised] = capacities.map(|capacity| {
            let mut list = Vec::with_capacity(capacity + GATHERING_ROOM);
            list.resize(GATHERING_ROOM, 0);
            list
        });
        NoteLists {
            numerals,
            may_repeat,
            capitalised,
        }
    }

    /// The lists, without the room past their indexes.
    fn finish(self) -> [Vec<u32>; 3] {
        [self.numerals, self.may_repeat, self.capitalised].map(|mut list| {
            list.truncate(list.len().saturating_sub(GATHERING_ROOM));
            list
        })
    }
}

/// The room past `list`'s indexes ([`NoteLists`]).
fn gathering_room(list: &mut [u32]) -> Option<&mut [u32; GATHERING_ROOM]> {
    let indexes = list.len().checked_sub(GATHERING_ROOM)?;
    list.get_mut(indexes..)?.first_chunk_mut()
}

/// The tokens of a batch noted as numerals, words that may repeat or
/// capitalised words: the place in the batch of each, and its [`Note`].
struct BatchNotes {
    places: [u8; 256],
    notes: [u8; 256],
}

/// [`BatchNotes`] of no tokens yet.
const EMPTY_NOTES: BatchNotes = BatchNotes {
    places: [0; 256],
    notes: [0; 256],
};

/// Notes the token at `place` of the batch as `note` says: written
/// whatever the note, and counted only if it says anything, so that the
/// loop over the tokens takes no branch for it. `count` is a byte and
/// the lists 256 long, and no more tokens are noted than a batch holds.
#[inline(always)]
fn note_token(notes: &mut BatchNotes, count: &mut u8, place: u8, note: Note) {
    notes.places[usize::from(*count)] = place;
    notes.notes[usize::from(*count)] = note.0;
    *count += u8::from(note.0 != 0);
}

/// Moves the first `count` of `notes`, of a batch whose first token is
/// token `base`, into the lists of `lists` their notes name, as the
/// indexes of their tokens, each list in order. A batch holds a note for
/// one token in ten or so, most of them capitalised words and the rest
/// mixed: each index is written at the next place of every list's room
/// ([`NoteLists`]), which moves on only if its note names the list, so
/// that no branch guesses at the mix. The places are bytes and the room
/// 256 places long, and a batch holds fewer notes.
fn move_notes(base: u32, notes: &BatchNotes, count: u8, lists: &mut NoteLists) {
    let count = usize::from(count);
    let mut kept = [0u8; 3];
    let (Some(numerals), Some(may_repeat), Some(capitalised)) = (
        gathering_room(&mut lists.numerals),
        gathering_room(&mut lists.may_repeat),
        gathering_room(&mut lists.capitalised),
    ) else {
        return;
    };
    for (&place, &note) in notes.places[..count].iter().zip(&notes.notes[..count]) {
        let index = base + u32::from(place);
        numerals[usize::from(kept[0])] = index;
        kept[0] += (note & Note::NUMERAL) >> 1;
        may_repeat[usize::from(kept[1])] = index;
        kept[1] += (note & Note::MAY_REPEAT) >> 2;
        capitalised[usize::from(kept[2])] = index;
        kept[2] += note & Note::CAPITALISED;
    }
    // The kept indexes join the list, and the room moves past them.
    for (list, kept) in [
        &mut lists.numerals,
        &mut lists.may_repeat,
        &mut lists.capitalised,
    ]
    .into_iter()
    .zip(kept)
    {
        list.resize(list.len() + usize::from(kept), 0);
    }
}

/// Whether a word `length` bytes long, from `first` to `last`, has the
/// outline of a number word ([`number_word_ends`], the test the numbers
/// model also turns words away with), asked here of each word as it is
/// made so that the model reads only the statements that hold a numeral
/// rather than every token of every statement.
#[inline]
fn may_be_number_word(length: usize, first: u8, last: u8) -> bool {
    number_word_ends(length, first, last).is_some()
}

/// Whether the token of `kind` from `start` to `end` may be a numeral
/// (see [`Tokenized::numerals`]).
fn may_be_numeral(bytes: &[u8], kind: TokenKind, start: usize, end: usize) -> bool {
    match kind {
        TokenKind::Number => true,
        TokenKind::Word | TokenKind::CapitalisedWord => {
            match (bytes.get(start), bytes.get(end.wrapping_sub(1))) {
                (Some(&first), Some(&last)) => may_be_number_word(end - start, first, last),
                _ => false,
            }
        }
        _ => false,
    }
}

/// The tokens last made, gathered in a fixed array and moved into the
/// token list a whole array at a time: a token is then three stores, with
/// no check of the list's capacity and no update of its length, which in
/// a loop that makes a token every three bytes cost more than the rest
/// of the loop's work on a short word.
type TokenBatch = [Token; 256];

/// A [`TokenBatch`] of no tokens yet.
const EMPTY_BATCH: TokenBatch = [Token {
    kind: TokenKind::Other,
    start: 0,
    end: 0,
}; 256];

/// Adds the token of `kind` from `start` to `end` to `batch`, of which
/// `filled` are made and not yet moved, and gives the token's end.
/// `filled` is a byte and the batch 256 long, so indexing the batch needs
/// no bounds check; [`move_batch`], asked at the loop's head, keeps a place
/// for the token.
#[inline]
fn push_token(
    batch: &mut TokenBatch,
    filled: &mut u8,
    kind: TokenKind,
    start: usize,
    end: usize,
) -> usize {
    // `text` is at most `MAX_TEXT_LEN` (`u32::MAX`) bytes long, so every
    // offset in it fits.
    batch[usize::from(*filled)] = Token {
        kind,
        start: start as u32,
        end: end as u32,
    };
    *filled = filled.wrapping_add(1);
    end
}

/// The number of tokens in a [`TokenBatch`] with fewer than two places
/// left.
const BATCH_FULL: u8 = 254;

/// Moves the `filled` tokens of `batch` into `list`, and the indexes of
/// the first `note_count` of `notes` into `lists` ([`move_notes`]); none
/// of either are left. Asked at the loop's head, once the batch has fewer
/// than two places left, which a turn of the loop (a token and the space
/// after it) fills at most: there few values are live, where a call after
/// each token would make the loop keep more of its values on the stack.
#[cold]
#[inline(never)]
fn move_batch(
    batch: &TokenBatch,
    filled: u8,
    list: &mut Vec<Token>,
    notes: &BatchNotes,
    note_count: u8,
    lists: &mut NoteLists,
) -> (u8, u8) {
    move_notes(list.len() as u32, notes, note_count, lists);
    list.extend_from_slice(&batch[..usize::from(filled)]);
    (0, 0)
}

/// The index in the whole token list of the next token pushed, with
/// `filled` tokens of the batch not yet moved into `list`. Fewer than 2^32
/// tokens: each takes a byte of a text of at most `MAX_TEXT_LEN` bytes.
fn next_index(list: &[Token], filled: u8) -> u32 {
    (list.len() + usize::from(filled)) as u32
}

/// Notes the quotation mark or punctuation `token`, the `index`th token,
/// in `marks` or `terminals` if it is one they note, and gives its kind:
/// a quotation mark's neighbours in the text settle it, not other
/// tokens, so it is settled here rather than in a second pass over the
/// list. Kept out of line so the loop over the tokens keeps its
/// registers.
#[inline(never)]
fn note_mark(
    text: &str,
    token: Token,
    index: u32,
    marks: &mut Vec<u32>,
    terminals: &mut Vec<u32>,
) -> TokenKind {
    match token.kind {
        TokenKind::Quote { .. } => {
            marks.push(index);
            classify_quote_mark(text, &token)
        }
        kind => {
            let bytes = text
                .as_bytes()
                .get(token.start as usize..token.end as usize);
            if statements::is_terminal_text(bytes.unwrap_or_default()) {
                terminals.push(index);
            }
            kind
        }
    }
}

/// Whether the ASCII punctuation `byte` is a terminal mark (as
/// [`statements::is_terminal_text`] holds its one byte to be).
fn is_terminal_byte(byte: u8) -> bool {
    matches!(byte, b'.' | b'!' | b'?')
}

/// The ASCII white space of `space`: all of it but line breaks.
fn is_ascii_space(byte: &u8) -> bool {
    matches!(byte, b' ' | b'\t' | 0x0b | 0x0c)
}

/// `text` up to [`MAX_TEXT_LEN`] bytes, cut at a character boundary.
pub(super) fn within_offsets(text: &str) -> &str {
    if text.len() <= MAX_TEXT_LEN {
        return text;
    }
    let mut end = MAX_TEXT_LEN;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The width and kind of the token at `start` by the grammar itself, for
/// the tokens [`ascii_token`] leaves open; `None` if `start` is not a
/// character boundary, which it always is, as every token ends on one.
/// Kept out of line so the ASCII loop keeps its registers.
#[inline(never)]
fn grammar_token(text: &str, start: usize) -> Option<(usize, TokenKind)> {
    let rest = text.get(start..)?;
    Some(match token(rest) {
        Ok((remaining, kind)) => (rest.len() - remaining.len(), kind),
        // Unreachable by construction (`other` takes any character), but a
        // grammar bug must not lose text: take one character as Other.
        Err(_) => (
            rest.chars().next().map_or(1, char::len_utf8),
            TokenKind::Other,
        ),
    })
}

/// What the first byte of a token tells [`ascii_token`] about it.
///
/// The variants are in an order that makes the things the main loop asks
/// of the bytes after a token ranges of it, so that one table answers
/// every question about a byte: whether it is an ASCII letter or digit
/// ([`Lead::is_ascii_alphanumeric`]), whether it ends a run of ASCII white
/// space ([`Lead::ends_ascii_space`]) and whether it ends a word
/// ([`Lead::settles_ascii_word`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Lead {
    Lowercase,
    Uppercase,
    Digit,
    LineFeed,
    CarriageReturn,
    StraightQuote,
    Punctuation,
    /// An ASCII control character but white space, or DEL: only `other`
    /// takes it, and the grammar decides.
    Control,
    /// Space or tab: the ASCII white space a `space` token starts with.
    Space,
    /// Vertical tab or form feed: ASCII white space that `space` takes, but
    /// only the grammar reads.
    OtherAsciiSpace,
    /// The first byte of the curly quotation marks (and of the rest of
    /// General Punctuation).
    GeneralPunctuation,
    /// Not ASCII: the grammar decides.
    Grammar,
}

impl Lead {
    const fn of(byte: u8) -> Lead {
        match byte {
            b'a'..=b'z' => Lead::Lowercase,
            b'A'..=b'Z' => Lead::Uppercase,
            b'0'..=b'9' => Lead::Digit,
            b' ' | b'\t' => Lead::Space,
            b'\n' => Lead::LineFeed,
            b'\r' => Lead::CarriageReturn,
            b'"' | b'\'' => Lead::StraightQuote,
            _ if byte.is_ascii_punctuation() => Lead::Punctuation,
            0x0b | 0x0c => Lead::OtherAsciiSpace,
            _ if byte.is_ascii() => Lead::Control,
            0xE2 => Lead::GeneralPunctuation,
            _ => Lead::Grammar,
        }
    }

    /// Whether the byte is an ASCII letter or digit.
    #[inline]
    fn is_ascii_alphanumeric(self) -> bool {
        self <= Lead::Digit
    }

    /// Whether the byte ends a run of ASCII white space that no character
    /// after it could continue: an ASCII byte that `space` does not take.
    #[inline]
    fn ends_ascii_space(self) -> bool {
        self <= Lead::Control
    }

    /// Whether the byte, after a word's letters, ends the word whatever
    /// follows: an ASCII byte but a letter or digit.
    #[inline]
    const fn settles_ascii_word(self) -> bool {
        // By the variants' order, as `PartialOrd` is not `const`.
        Lead::LineFeed as u8 <= self as u8 && self as u8 <= Lead::OtherAsciiSpace as u8
    }
}

// The word loop notes a word as capitalised by its lead, with no test:
// the two leads of a word must be these numbers.
const _: () = assert!(Lead::Lowercase as u8 == 0 && Lead::Uppercase as u8 == 1);

/// [`Lead::of`] for every byte: one load decides which production a token
/// belongs to.
static LEADS: [Lead; 256] = {
    let mut table = [Lead::Grammar; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = Lead::of(byte as u8);
        byte += 1;
    }
    table
};

/// [`Lead::settles_ascii_word`] for every byte, which [`short_word_place`]
/// asks of the byte after a word's letters: one load and one test, where
/// the compiler tests a [`LEADS`] entry for the range as a test of the
/// byte's high bit and a second of the entry.
static SETTLES_ASCII_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = Lead::of(byte as u8).settles_ascii_word();
        byte += 1;
    }
    table
};

/// The kind of a word whose first byte is the index: [`TokenKind::Word`]
/// for an ASCII lowercase letter, [`TokenKind::CapitalisedWord`] for an
/// uppercase one ([`TokenKind::Other`] for a byte that starts no word
/// the table is asked about). Read by a load rather than by testing the
/// word's [`Lead`]: the compiler turns a test of a [`LEADS`] entry back
/// into a range test of the byte, which takes more instructions a word.
static WORD_KINDS: [TokenKind; 256] = {
    let mut table = [TokenKind::Other; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = match Lead::of(byte as u8) {
            Lead::Lowercase => TokenKind::Word,
            Lead::Uppercase => TokenKind::CapitalisedWord,
            _ => TokenKind::Other,
        };
        byte += 1;
    }
    table
};

/// The width and kind of the token at the start of `input` when its ASCII
/// bytes (or a curly quotation mark's) settle it: what [`token`] gives,
/// without decoding characters or building nom results, for the tokens
/// most of news copy is made of. `None` when a character that is not
/// ASCII could change the answer (a word going on with a diacritic, a
/// no-break space after spaces), so the grammar decides.
#[inline]
fn ascii_token(input: &[u8]) -> Option<(usize, TokenKind)> {
    let first = *input.first()?;
    let next_is_ascii = |width: usize| input.get(width).is_none_or(u8::is_ascii);
    match LEADS[usize::from(first)] {
        Lead::Lowercase => ascii_word(input, TokenKind::Word),
        Lead::Uppercase => ascii_word(input, TokenKind::CapitalisedWord),
        Lead::Space => {
            let width = ascii_run(input, is_ascii_space);
            next_is_ascii(width).then_some((width, TokenKind::Space))
        }
        Lead::Punctuation => Some((1, TokenKind::Punctuation)),
        Lead::Digit => {
            let mut width = ascii_run(input, u8::is_ascii_digit);
            // A separator belongs to the number only before a digit.
            while let (Some(b'.' | b','), Some(b'0'..=b'9')) =
                (input.get(width), input.get(width + 1))
            {
                width += 1 + ascii_run(
                    input.get(width + 1..).unwrap_or_default(),
                    u8::is_ascii_digit,
                );
            }
            match input.get(width) {
                Some(_) if !ends_word(input, width) => None,
                // "3rd", "2014s": the number fails and the word takes over.
                Some(byte) if byte.is_ascii_alphanumeric() => ascii_word(input, TokenKind::Word),
                _ => Some((width, TokenKind::Number)),
            }
        }
        Lead::LineFeed => Some((1, TokenKind::LineBreak)),
        Lead::CarriageReturn => {
            let width = if input.get(1) == Some(&b'\n') { 2 } else { 1 };
            Some((width, TokenKind::LineBreak))
        }
        Lead::StraightQuote => {
            let (side, weight) = quote_shape(char::from(first));
            Some((1, TokenKind::Quote { side, weight }))
        }
        Lead::GeneralPunctuation => curly_quote_mark(input),
        Lead::Control | Lead::OtherAsciiSpace | Lead::Grammar => None,
    }
}

/// The curly quotation marks of news copy (`‘ ’ ‚ “ ” „`, three bytes in
/// UTF-8 each), which [`token`] takes as quotation marks whatever follows:
/// settled from their bytes rather than through the grammar, as a file of
/// quotations is mostly these.
fn curly_quote_mark(input: &[u8]) -> Option<(usize, TokenKind)> {
    let mark = match input.get(..3)? {
        [0xE2, 0x80, 0x98] => '‘',
        [0xE2, 0x80, 0x99] => '’',
        [0xE2, 0x80, 0x9A] => '‚',
        [0xE2, 0x80, 0x9C] => '“',
        [0xE2, 0x80, 0x9D] => '”',
        [0xE2, 0x80, 0x9E] => '„',
        _ => return None,
    };
    let (side, weight) = quote_shape(mark);
    Some((3, TokenKind::Quote { side, weight }))
}

/// A word of ASCII letters and digits followed by a character that
/// cannot go on with it ([`ends_word`]), of the `kind` its first byte
/// gives.
#[inline]
fn ascii_word(input: &[u8], kind: TokenKind) -> Option<(usize, TokenKind)> {
    let width = alphanumeric_run(input);
    ends_word(input, width).then_some((width, kind))
}

/// Whether the bytes of `input` from `at`, after a run of ASCII letters
/// and digits, are settled to start with no word character: the end, an
/// ASCII byte, or a character of U+2000 to U+203F (curly quotation marks,
/// dashes, the ellipsis, typographic spaces), which General Punctuation
/// holds no letter, digit or combining mark of. Any other character is
/// left to the grammar.
#[inline]
fn ends_word(input: &[u8], at: usize) -> bool {
    input.get(at).is_none_or(u8::is_ascii) || starts_general_punctuation(&input[at..])
}

/// Whether `rest` starts with a character of U+2000 to U+203F. Kept out
/// of line: the loop over the tokens seldom needs it.
#[cold]
fn starts_general_punctuation(rest: &[u8]) -> bool {
    rest.starts_with(&[0xE2, 0x80])
}

/// How many ASCII letters and digits `input` starts with.
fn alphanumeric_run(input: &[u8]) -> usize {
    alphanumeric_end(input, 0)
}

/// The end of the run of ASCII letters and digits in `bytes` from
/// `start`: [`alphanumeric_run`] in offsets of the whole text.
///
/// Letters are tested eight bytes at a time ([`letters_end`]), and the
/// byte a test stops at, with the last few bytes of the text, one at a
/// time, as a digit there goes on with the word ("COVID19"). A byte at a
/// time only, the loop's exit falls on a byte the branch predictor cannot
/// foresee, once a word; here a word shorter than eight bytes takes one
/// test of eight bytes and one of a byte, each with nearly always the
/// same outcome.
#[inline]
fn alphanumeric_end(bytes: &[u8], start: usize) -> usize {
    let mut end = letters_end(bytes, start);
    while bytes
        .get(end)
        .is_some_and(|&byte| LEADS[usize::from(byte)].is_ascii_alphanumeric())
    {
        end += 1;
    }
    end
}

/// [`alphanumeric_end`] if [`ends_word`] holds there, `None` if a
/// character that is not ASCII may go on with the word: what the loop
/// over the tokens asks of a word.
///
/// Most words of news copy end within their first eight bytes: those
/// eight are read once, and give both where the letters end and the byte
/// that ends them, which settles the word when it is ASCII and no digit
/// (a digit goes on with the word, "COVID19"). Any other word is read on
/// by [`ascii_word_end_from`].
#[inline]
fn ascii_word_end(bytes: &[u8], start: usize) -> Option<usize> {
    if let Some(chunk) = bytes.get(start..).and_then(<[u8]>::first_chunk::<8>) {
        let word = u64::from_le_bytes(*chunk);
        let others = non_letter_bytes(word);
        if others != 0 {
            // The first flagged byte is the first that is not a letter,
            // and its high bit the flag: the byte is the word shifted
            // down to that bit's byte.
            let place = others.trailing_zeros() / 8;
            let after = (word >> (place * 8)) as u8;
            let end = start + place as usize;
            if after.is_ascii() && !after.is_ascii_digit() {
                return Some(end);
            }
            return ascii_word_end_from(bytes, end);
        }
        // Eight letters: the word goes on past them.
        return ascii_word_end_from(bytes, start + 8);
    }
    ascii_word_end_from(bytes, start)
}

/// Where a word's first sixteen bytes leave it: see [`short_word_place`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ShortWord {
    /// The word's letters end at this place, before a byte that ends the
    /// word whatever follows it: an ASCII byte but a letter or digit.
    Settled(usize),
    /// The word's letters run on to this place (up to sixteen), where a
    /// digit, a byte that is not ASCII or a seventeenth letter may go on
    /// with the word: [`ascii_word_end_from`] reads on from there.
    LettersEnd(usize),
}

/// How the word starting at the start of `window` (with a letter) ends
/// within its first sixteen bytes: [`ascii_word_end`]'s first test, on
/// bytes that are known to be there. The place is at most sixteen, so
/// the byte at it and the one after it are in `window`.
///
/// A word of eight letters or more (one in six of news copy) has its next
/// eight bytes tested here too, from the same window, rather than being
/// read on by [`ascii_word_end_from`], whose search is bounded by the
/// text's end and settles its end only after the loop's general tests.
#[inline]
fn short_word_place(window: &[u8; 24]) -> ShortWord {
    let [low @ .., _, _, _, _, _, _, _, _, _, _, _, _, _, _, _, _] = *window;
    let others = non_letter_bytes(u64::from_le_bytes(low));
    let place = if others != 0 {
        (others.trailing_zeros() / 8) as usize
    } else {
        // Kept off the path of the shorter words that are most of news
        // copy, which then runs on with no jump.
        seldom();
        let [_, _, _, _, _, _, _, _, high @ .., _, _, _, _, _, _, _, _] = *window;
        let others = non_letter_bytes(u64::from_le_bytes(high));
        if others == 0 {
            return ShortWord::LettersEnd(16);
        }
        8 + (others.trailing_zeros() / 8) as usize
    };
    if SETTLES_ASCII_WORD[usize::from(window[place])] {
        ShortWord::Settled(place)
    } else {
        ShortWord::LettersEnd(place)
    }
}

/// Marks the path that calls it as seldom taken, so that the compiler
/// lays it out off the path most tokens take: `std::hint::cold_path`,
/// which is newer than the oldest compiler the crate supports.
#[cold]
#[inline(always)]
fn seldom() {}

/// [`ascii_word_end`] of the word whose letters run on from `start` (a
/// letter of it, or the byte after its letters), with the byte after the
/// letters read once for both questions.
#[inline]
fn ascii_word_end_from(bytes: &[u8], start: usize) -> Option<usize> {
    let mut end = letters_end(bytes, start);
    loop {
        match bytes.get(end) {
            Some(&byte) if LEADS[usize::from(byte)].is_ascii_alphanumeric() => end += 1,
            Some(&byte) if !byte.is_ascii() => {
                return starts_general_punctuation(&bytes[end..]).then_some(end);
            }
            _ => return Some(end),
        }
    }
}

/// Where the ASCII letters of `bytes` from `start` end, tested eight
/// bytes at a time: at the first byte that is not a letter, or, with
/// fewer than eight bytes left, where those bytes start (they are left to
/// a test a byte at a time).
#[inline]
fn letters_end(bytes: &[u8], start: usize) -> usize {
    let mut end = start;
    while let Some(chunk) = bytes.get(end..).and_then(<[u8]>::first_chunk::<8>) {
        let others = non_letter_bytes(u64::from_le_bytes(*chunk));
        if others != 0 {
            return end + (others.trailing_zeros() / 8) as usize;
        }
        end += 8;
    }
    end
}

/// The high bit of the bytes of `word` (in little-endian order) that are
/// not ASCII letters, other bits clear, exact up to the first such byte:
/// what [`alphanumeric_end`] reads. A letter's sums carry nothing into
/// the next byte, so the first byte that is not a letter is tested as if
/// alone; the bytes after it may be flagged wrongly.
#[inline]
const fn non_letter_bytes(word: u64) -> u64 {
    const fn each(byte: u8) -> u64 {
        byte as u64 * 0x0101_0101_0101_0101
    }
    // Setting 0x20 lowercases letters and makes no other byte one.
    let folded = word | each(0x20);
    // The high bit of a byte's sum tells whether it reached the bound: a
    // byte from 'a' reaches 0x80 in the first, one past 'z' in the
    // second. A byte that is not ASCII is 0xA0 or more once folded: past
    // 'z' in the second sum, or, from 0xFB on, wrapped below 'a' in the
    // first.
    let from_a = folded.wrapping_add(each(0x80 - b'a'));
    let past_z = folded.wrapping_add(each(0x80 - b'z' - 1));
    (!from_a | past_z) & each(0x80)
}

/// How many bytes at the start of `input` satisfy `accept`.
#[inline]
fn ascii_run(input: &[u8], accept: impl Fn(&u8) -> bool) -> usize {
    input
        .iter()
        .position(|byte| !accept(byte))
        .unwrap_or(input.len())
}

/// `token = line-break | space | number | word | quote-mark | punctuation | other`
///
/// The first byte decides which productions can match at all, so for the
/// common ASCII characters only those are tried (in the grammar's order);
/// anything else tries every alternative.
fn token(input: &str) -> IResult<&str, TokenKind> {
    match input.as_bytes().first() {
        Some(b'\n' | b'\r') => line_break.map(|_| TokenKind::LineBreak).parse(input),
        Some(b' ' | b'\t') => space.map(|_| TokenKind::Space).parse(input),
        Some(b'0'..=b'9') => alt((number.map(|_| TokenKind::Number), word)).parse(input),
        Some(b'a'..=b'z' | b'A'..=b'Z') => word(input),
        Some(b'"' | b'\'') => quote_mark(input),
        // The curly and angle marks: no production before `quote-mark`
        // takes them (they are neither space, digits nor letters), so the
        // alternatives need not be tried in turn.
        Some(0xC2 | 0xE2)
            if input.starts_with(['“', '”', '‘', '’', '«', '»', '„', '‚', '‹', '›']) =>
        {
            quote_mark(input)
        }
        Some(byte) if byte.is_ascii_punctuation() => {
            punctuation.map(|_| TokenKind::Punctuation).parse(input)
        }
        _ => any_token(input),
    }
}

/// [`token`] with every alternative tried in order.
fn any_token(input: &str) -> IResult<&str, TokenKind> {
    alt((
        line_break.map(|_| TokenKind::LineBreak),
        space.map(|_| TokenKind::Space),
        number.map(|_| TokenKind::Number),
        word,
        quote_mark,
        punctuation.map(|_| TokenKind::Punctuation),
        other.map(|_| TokenKind::Other),
    ))
    .parse(input)
}

/// `line-break = "\r\n" | "\n" | "\r"`
fn line_break(input: &str) -> IResult<&str, &str> {
    alt((tag("\r\n"), tag("\n"), tag("\r"))).parse(input)
}

/// `space = 1*( " " | "\t" | other white space but line breaks )`
fn space(input: &str) -> IResult<&str, &str> {
    take_while1(|c: char| c != '\n' && c != '\r' && c.is_whitespace()).parse(input)
}

/// `number = 1*DIGIT *( ("." | ",") 1*DIGIT )`: 3.5, 14,000, 1.750.
///
/// A separator belongs to the number only when a digit follows it, so the
/// full stop in "since 2014." stays punctuation.
fn number(input: &str) -> IResult<&str, &str> {
    let (rest, digits) = recognize(pair(
        digit1,
        fold_many0(pair(one_of(".,"), digit1), || (), |(), _| ()),
    ))
    .parse(input)?;
    // "2014s" or "3rd" read as one word, not a number followed by a word.
    if rest.starts_with(is_word_char) {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Digit,
        )));
    }
    Ok((rest, digits))
}

/// `word = 1*( letter | DIGIT | combining-mark )`, capitalised when its
/// first letter is uppercase.
fn word(input: &str) -> IResult<&str, TokenKind> {
    let (rest, text) = word_text(input)?;
    let capitalised = match text.as_bytes()[0] {
        byte if byte.is_ascii() => byte.is_ascii_uppercase(),
        _ => text
            .chars()
            .next()
            .is_some_and(|first| first.is_uppercase() || is_titlecase(first)),
    };
    let kind = if capitalised {
        TokenKind::CapitalisedWord
    } else {
        TokenKind::Word
    };
    Ok((rest, kind))
}

/// `quote-mark = one of " ' “ ” ‘ ’ « » „ ‚ ‹ ›`, with the side its shape
/// gives. Straight marks and `’` are settled later by their neighbours.
fn quote_mark(input: &str) -> IResult<&str, TokenKind> {
    let (rest, mark) = one_of("\"'“”‘’«»„‚‹›").parse(input)?;
    let (side, weight) = quote_shape(mark);
    Ok((rest, TokenKind::Quote { side, weight }))
}

/// The side and weight a quotation mark's glyph alone tells.
pub fn quote_shape(mark: char) -> (QuoteSide, QuoteWeight) {
    use QuoteSide::*;
    use QuoteWeight::*;
    match mark {
        '“' | '«' | '„' => (Opening, Double),
        '”' | '»' => (Closing, Double),
        '‘' | '‹' | '‚' => (Opening, Single),
        '’' | '›' => (Closing, Single),
        '\'' => (Ambiguous, Single),
        _ => (Ambiguous, Double),
    }
}

/// `punctuation = one ASCII or general punctuation character`
fn punctuation(input: &str) -> IResult<&str, char> {
    verify(anychar, |c: &char| {
        c.is_ascii_punctuation() || ('\u{2010}'..='\u{2027}').contains(c) || matches!(c, '¡' | '¿')
    })
    .parse(input)
}

/// `other = 1*( anything else )`: symbols, emoji with their joiners and
/// variation selectors, a byte-order mark, control characters.
fn other(input: &str) -> IResult<&str, &str> {
    take_while1(|c: char| {
        !(c.is_whitespace()
            || is_word_char(c)
            || c.is_ascii_punctuation()
            || ('\u{2010}'..='\u{2027}').contains(&c)
            || "\"'“”‘’«»„‚‹›¡¿".contains(c))
    })
    .or(recognize(anychar))
    .parse(input)
}

#[inline]
/// The characters of a word: `take_while1(is_word_char)`, with the ASCII
/// letters and digits most words are made of taken a byte at a time
/// rather than decoded as characters.
fn word_text(input: &str) -> IResult<&str, &str> {
    let ascii = input.bytes().take_while(u8::is_ascii_alphanumeric).count();
    match input.as_bytes().get(ascii) {
        // Followed by a character that is not ASCII (a letter with a
        // diacritic, a combining mark): the word may go on.
        Some(byte) if !byte.is_ascii() => {
            let (rest, more) = take_while(is_word_char).parse(&input[ascii..])?;
            let end = ascii + more.len();
            if end == 0 {
                return take_while1(is_word_char).parse(input);
            }
            Ok((rest, &input[..end]))
        }
        _ if ascii == 0 => take_while1(is_word_char).parse(input),
        _ => Ok((&input[ascii..], &input[..ascii])),
    }
}

pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // The General Punctuation block (curly quotes, dashes, the ellipsis,
    // typographic spaces) holds no letter, digit or combining mark: the
    // commonest non-ASCII characters of news copy skip the Unicode tables.
    if ('\u{2000}'..='\u{206f}').contains(&c) {
        return false;
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

fn is_titlecase(c: char) -> bool {
    matches!(c, 'ǅ' | 'ǈ' | 'ǋ' | 'ǲ')
}

/// Combining marks that extend the letter before them (é written as e +
/// U+0301). They belong to the word, so a name keeps its diacritics.
pub fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0483}'..='\u{0489}'
        | '\u{0591}'..='\u{05BD}'
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0900}'..='\u{0903}'
        | '\u{093A}'..='\u{094F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}')
}

/// A quotation mark's kind settled by its neighbours (straight marks and
/// `’`/`'` above all); any other token's kind as it is.
///
/// - Between two word characters a mark is an apostrophe: don’t, Milly’s,
///   O'Brien, rock ’n’ roll's inner marks; so is a straight double mark
///   before a contraction's end (Japan"s, isn"t), a wire-copy typo.
/// - Before digits after a space it is an elided century: the ’90s.
/// - A straight double mark after a space or at the start opens; before a
///   space, punctuation or the end it closes; otherwise it stays ambiguous
///   (the paired-delimiters rule resolves it by position).
/// - A straight or right single mark after a word and before a non-word is
///   left as a closing single quote: it may be a plural possessive
///   (students’) or close a quotation; only pairing can tell.
fn classify_quote_mark(text: &str, token: &Token) -> TokenKind {
    let TokenKind::Quote { side, weight } = token.kind else {
        return token.kind;
    };
    let span = token.span();
    let bytes = text.as_bytes();
    // Only these four marks are read by their neighbours (below); every
    // other mark, “ and ” above all, keeps the side its shape gives, so
    // its neighbours need not be read. Matched by their UTF-8 bytes, as
    // the token starts with the mark.
    let mark = match bytes.get(span.start..).unwrap_or_default() {
        [b'"', ..] => '"',
        [b'\'', ..] => '\'',
        [0xE2, 0x80, 0x99, ..] => '’',
        [0xE2, 0x80, 0x98, ..] => '‘',
        _ => return token.kind,
    };
    let before = Beside::before(text, span.start);
    let after = Beside::after(text, span.end);
    // The byte before the mark is `>` or `:` only if the character is: a
    // wider character's last byte is never ASCII.
    let byte_before = span
        .start
        .checked_sub(1)
        .and_then(|index| bytes.get(index).copied());
    let word_before = before.is(Beside::WORD);
    let word_after = after.is(Beside::WORD);
    let open_context = before.is(Beside::OPENS);
    let close_context = after.is(Beside::CLOSES);

    match (mark, weight) {
        // ‘ between letters is an apostrophe of the wrong shape (Post‘s).
        ('’' | '\'' | '‘', _) if word_before && word_after => TokenKind::Apostrophe,
        // Wire copy typed on keyboards without an apostrophe: Japan"s,
        // isn"t.
        ('"', _) if word_before && is_contraction_suffix(&text[span.end..]) => {
            TokenKind::Apostrophe
        }
        // The same after a ticker in angle brackets: <QNB>"s.
        ('"', _) if byte_before == Some(b'>') && is_contraction_suffix(&text[span.end..]) => {
            TokenKind::Apostrophe
        }
        // A mark glued to a colon with a space after (`said:" Delors`)
        // is a spacing slip on either side; the pairing state decides.
        ('"', _) if byte_before == Some(b':') && after.is(Beside::SPACE) => TokenKind::Quote {
            side: QuoteSide::Ambiguous,
            weight,
        },
        ('’' | '\'', _) if open_context && after.is(Beside::DIGIT) => TokenKind::Apostrophe,
        ('\'', _) if open_context && word_after => TokenKind::Quote {
            side: QuoteSide::Opening,
            weight,
        },
        ('\'', _) if word_before || close_context => TokenKind::Quote {
            side: QuoteSide::Closing,
            weight,
        },
        ('"', _) if open_context && !close_context => TokenKind::Quote {
            side: QuoteSide::Opening,
            weight,
        },
        ('"', _) if close_context && !open_context => TokenKind::Quote {
            side: QuoteSide::Closing,
            weight,
        },
        _ => TokenKind::Quote { side, weight },
    }
}

/// What [`classify_quote_mark`] asks of the character on one side of a
/// mark, or of the text's edge there, as bits: for an ASCII character (as
/// nearly every neighbour of a mark in news copy is) one look-up in
/// [`ASCII_BESIDE`], with no character decoded and no Unicode table read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Beside(u8);

impl Beside {
    /// A word character ([`is_word_char`]).
    const WORD: u8 = 1;
    /// White space.
    const SPACE: u8 = 1 << 1;
    /// Before a mark, a sign that it opens: the text's start, white space,
    /// an opening bracket, a dash or a slash.
    const OPENS: u8 = 1 << 2;
    /// After a mark, a sign that it closes: the text's end, white space,
    /// ASCII punctuation but an opening bracket, a dash or an ellipsis.
    const CLOSES: u8 = 1 << 3;
    /// An ASCII digit.
    const DIGIT: u8 = 1 << 4;

    /// The text's start or end: it opens before a mark and closes after
    /// one, and is no character.
    const EDGE: Beside = Beside(Beside::OPENS | Beside::CLOSES);

    /// The bits of the character `c`, by the tests themselves.
    fn of(c: char) -> Beside {
        let mut bits = 0;
        let flag = |holds: bool, bit: u8| if holds { bit } else { 0 };
        bits |= flag(is_word_char(c), Beside::WORD);
        bits |= flag(c.is_whitespace(), Beside::SPACE);
        bits |= flag(
            c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/'),
            Beside::OPENS,
        );
        // A bracket after a mark opens an aside inside the quotation
        // (`"[Alastair] will`), so it is no sign of a closing mark.
        bits |= flag(
            c.is_whitespace()
                || (c.is_ascii_punctuation() && !matches!(c, '(' | '[' | '{'))
                || matches!(c, '—' | '–' | '…'),
            Beside::CLOSES,
        );
        bits |= flag(c.is_ascii_digit(), Beside::DIGIT);
        Beside(bits)
    }

    /// The bits of the character before `at`, a character boundary of
    /// `text`.
    fn before(text: &str, at: usize) -> Beside {
        match at
            .checked_sub(1)
            .and_then(|index| text.as_bytes().get(index))
        {
            None => Beside::EDGE,
            Some(&byte) if byte.is_ascii() => ASCII_BESIDE[usize::from(byte)],
            Some(_) => text
                .get(..at)
                .and_then(|head| head.chars().next_back())
                .map_or(Beside::EDGE, Beside::of),
        }
    }

    /// The bits of the character at `at`, a character boundary of `text`.
    fn after(text: &str, at: usize) -> Beside {
        match text.as_bytes().get(at) {
            None => Beside::EDGE,
            Some(&byte) if byte.is_ascii() => ASCII_BESIDE[usize::from(byte)],
            Some(_) => text
                .get(at..)
                .and_then(|tail| tail.chars().next())
                .map_or(Beside::EDGE, Beside::of),
        }
    }

    fn is(self, bit: u8) -> bool {
        self.0 & bit != 0
    }
}

/// [`Beside::of`] for every ASCII character, built by byte tests of their
/// own (the character tests are not all `const`); a test holds the two
/// to agree.
static ASCII_BESIDE: [Beside; 128] = {
    let mut table = [Beside(0); 128];
    let mut byte = 0;
    while byte < 128 {
        let c = byte as u8;
        let space = matches!(c, b' ' | b'\t'..=b'\r');
        let mut bits = 0;
        if c.is_ascii_alphanumeric() {
            bits |= Beside::WORD;
        }
        if space {
            bits |= Beside::SPACE;
        }
        if space || matches!(c, b'(' | b'[' | b'{' | b'-' | b'/') {
            bits |= Beside::OPENS;
        }
        if space || (c.is_ascii_punctuation() && !matches!(c, b'(' | b'[' | b'{')) {
            bits |= Beside::CLOSES;
        }
        if c.is_ascii_digit() {
            bits |= Beside::DIGIT;
        }
        table[byte] = Beside(bits);
        byte += 1;
    }
    table
};

/// Whether `rest` starts with what follows an apostrophe in English: the
/// s of a possessive or the end of a contraction, then a non-word. Either
/// case: wire headlines are in capitals (QATAR"S).
fn is_contraction_suffix(rest: &str) -> bool {
    ["s", "t", "ll", "re", "ve", "d", "m"].iter().any(|suffix| {
        rest.get(..suffix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(suffix))
            && !rest[suffix.len()..].starts_with(is_word_char)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn general_punctuation_holds_no_word_character() {
        // The shortcut in `is_word_char` agrees with the Unicode tables.
        for c in '\u{2000}'..='\u{206f}' {
            assert!(!c.is_alphanumeric() && !is_combining_mark(c), "{c:?}");
        }
    }

    #[test]
    fn lead_classes_agree_with_the_byte_tests() {
        for byte in 0..=u8::MAX {
            let lead = LEADS[usize::from(byte)];
            assert_eq!(lead, Lead::of(byte), "{byte}");
            assert_eq!(
                lead.is_ascii_alphanumeric(),
                byte.is_ascii_alphanumeric(),
                "{byte}"
            );
            assert_eq!(
                lead.ends_ascii_space(),
                byte.is_ascii() && !is_ascii_space(&byte),
                "{byte}"
            );
            assert_eq!(
                lead.settles_ascii_word(),
                byte.is_ascii() && !byte.is_ascii_alphanumeric(),
                "{byte}"
            );
            assert_eq!(
                SETTLES_ASCII_WORD[usize::from(byte)],
                lead.settles_ascii_word(),
                "{byte}"
            );
        }
    }

    #[test]
    fn word_kinds_agree_with_the_grammar() {
        for byte in 0..=u8::MAX {
            let expected = if byte.is_ascii_alphabetic() {
                // The kind the grammar gives a word of that letter.
                token(&char::from(byte).to_string()).map_or(TokenKind::Other, |(_, kind)| kind)
            } else {
                TokenKind::Other
            };
            assert_eq!(WORD_KINDS[usize::from(byte)], expected, "{byte}");
        }
    }

    #[test]
    fn alphanumeric_run_agrees_with_a_byte_loop() {
        let plain = |input: &[u8]| {
            input
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count()
        };
        // Every byte value at every place of a word of letters.
        for byte in 0..=u8::MAX {
            for place in 0..12 {
                let mut input = *b"abcdefghijkl";
                input[place] = byte;
                assert_eq!(alphanumeric_run(&input), plain(&input), "{byte} at {place}");
            }
        }
        // Real-looking text, from every byte offset, boundaries or not.
        for text in edge_texts() {
            let bytes = text.as_bytes();
            for offset in 0..bytes.len() {
                let input = &bytes[offset..];
                assert_eq!(
                    alphanumeric_run(input),
                    plain(input),
                    "{text:?} at {offset}"
                );
            }
        }
        let long = "Wellington1987abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789é";
        assert_eq!(
            alphanumeric_run(long.as_bytes()),
            long.len() - 'é'.len_utf8()
        );
    }

    #[test]
    fn non_letter_bytes_flags_the_first_byte_after_letters_exactly() {
        for byte in 0..=u8::MAX {
            for place in 0..8 {
                let mut chunk = *b"qZazAmYb";
                chunk[place] = byte;
                let others = non_letter_bytes(u64::from_le_bytes(chunk));
                let first = chunk.iter().position(|b| !b.is_ascii_alphabetic());
                let flagged = (others != 0).then(|| others.trailing_zeros() as usize / 8);
                assert_eq!(flagged, first, "{byte} at {place}");
            }
        }
    }

    #[test]
    fn alphanumeric_end_agrees_with_a_byte_loop_on_generated_bytes() {
        // Runs of letters and digits of every length across the eight-byte
        // tests, stopped by bytes of every kind: a byte that is not ASCII
        // before letters (whose sum carries), a digit after letters, the
        // letters' neighbours in ASCII ('@', '[', '`', '{').
        let alphabet: &[u8] = b"azAZmq09@[`{ -.\x7f\x80\xc3\xe2\xff";
        let mut below = crate::pseudo_random::below(0x5eed_1e77e5);
        for _ in 0..20_000 {
            let length = below(40);
            let letters = below(24);
            let bytes: Vec<u8> = (0..length)
                .map(|place| {
                    if place < letters {
                        alphabet[below(4)]
                    } else {
                        alphabet[below(alphabet.len())]
                    }
                })
                .collect();
            for start in 0..=bytes.len() {
                let plain = start
                    + bytes[start..]
                        .iter()
                        .take_while(|b| b.is_ascii_alphanumeric())
                        .count();
                assert_eq!(
                    alphanumeric_end(&bytes, start),
                    plain,
                    "{bytes:?} from {start}"
                );
                // The word ends there unless a character that is not
                // ASCII, and not of General Punctuation, follows.
                let settled = match bytes.get(plain..).unwrap_or_default() {
                    [] => true,
                    [byte, ..] if byte.is_ascii() => true,
                    rest => rest.starts_with(&[0xE2, 0x80]),
                };
                assert_eq!(
                    ascii_word_end(&bytes, start),
                    settled.then_some(plain),
                    "{bytes:?} from {start}"
                );
            }
        }
    }

    #[test]
    fn short_word_place_agrees_with_a_byte_loop() {
        let alphabet: &[u8] = b"azAZq09 .,'\"\n\t\x0b\x0c\x7f\x80\xc3\xe2\xff";
        let mut below = crate::pseudo_random::below(0x5407_7d0e);
        for _ in 0..50_000 {
            let mut window = [0u8; 24];
            let letters = below(18);
            for (place, byte) in window.iter_mut().enumerate() {
                *byte = if place < letters {
                    b"azAZqM"[below(6)]
                } else {
                    alphabet[below(alphabet.len())]
                };
            }
            window[0] = b"aZ"[below(2)];
            let end = window[..16]
                .iter()
                .position(|byte| !byte.is_ascii_alphabetic())
                .unwrap_or(16);
            let expected = match window[end] {
                byte if end < 16 && byte.is_ascii() && !byte.is_ascii_digit() => {
                    ShortWord::Settled(end)
                }
                _ => ShortWord::LettersEnd(end),
            };
            assert_eq!(short_word_place(&window), expected, "{window:?}");
        }
    }

    #[test]
    fn generated_texts_match_the_grammar_alone() {
        // Words, numbers, spaces and marks of every kind, in texts long
        // enough that most tokens are read with sixteen bytes at hand and
        // the last ones without, and cut into batches anywhere.
        let pieces = [
            "a",
            "the",
            "Minister",
            "said",
            "Wellington",
            "extraordinarily",
            "incomprehensible",
            "Internationalisation",
            "Wellington2",
            "Kaikōura",
            "COVID19",
            "3rd",
            "naïve",
            "Zoë",
            "é",
            "14,000",
            "3.5",
            "2014.",
            " ",
            "  ",
            " \t",
            "\t",
            " \u{a0}",
            "\u{2009}",
            "\u{0b}",
            "\u{0c}",
            "\n",
            "\r\n",
            "\r",
            ".",
            ",",
            "!",
            "?",
            "…",
            "-",
            "—",
            "(",
            ")",
            "\"",
            "'",
            "“",
            "”",
            "‘",
            "’",
            "«",
            "»",
            "don’t",
            "O'Brien",
            "’90s",
            "🙂",
            "\u{feff}",
            "\u{7f}",
            "\u{1}",
            "x\u{301}",
            "¡",
            "¿",
        ];
        let mut below = crate::pseudo_random::below(0x7e47_5eed);
        for _ in 0..3_000 {
            let count = below(120);
            let text: String = (0..count).map(|_| pieces[below(pieces.len())]).collect();
            assert_eq!(
                tokenize_with_marks(&text),
                tokenized_by_grammar(&text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_space_before_more_white_space_is_not_taken_alone() {
        // The lone-space shortcut in `tokenize` must leave a space that a
        // tab, a no-break space or a thin space continues to the grammar.
        for (text, space) in [
            ("a \tb", " \t"),
            ("a \u{a0}b", " \u{a0}"),
            ("a \u{2009}b", " \u{2009}"),
            ("a \u{0b}b", " \u{0b}"),
            ("a b", " "),
            ("a ", " "),
        ] {
            assert_eq!(kinds(text)[1], (space, TokenKind::Space), "{text:?}");
        }
        assert_eq!(kinds("a \nb")[1], (" ", TokenKind::Space));
        assert_eq!(kinds("a \nb")[2], ("\n", TokenKind::LineBreak));
    }

    #[test]
    fn notes_move_into_the_lists_they_name_in_order() {
        let mut notes = EMPTY_NOTES;
        let mut count = 0;
        let marked = [
            (0, false, false, 0),
            (3, true, false, 0),
            (4, false, true, 0),
            (5, false, false, 1),
            (9, true, true, 0),
            (10, false, false, 0),
            (11, false, true, 1),
            (254, true, true, 1),
        ];
        for (place, numeral, repeat, capitalised) in marked {
            note_token(
                &mut notes,
                &mut count,
                place,
                Note::of(numeral, repeat, capitalised),
            );
        }
        assert_eq!(count, 6);
        let mut lists = NoteLists::with_capacities([0, 1, 2]);
        move_notes(1000, &notes, count, &mut lists);
        // A batch with no notes leaves the lists as they were.
        move_notes(2000, &notes, 0, &mut lists);
        move_notes(3000, &notes, 1, &mut lists);
        let [numerals, may_repeat, capitalised] = lists.finish();
        assert_eq!(numerals, [1003, 1009, 1254, 3003]);
        assert_eq!(may_repeat, [1004, 1009, 1011, 1254]);
        assert_eq!(capitalised, [1005, 1011, 1254]);
    }

    #[test]
    fn a_token_takes_twelve_bytes() {
        // The token list dominates a parse's memory; a wider token (a
        // usize span, a larger kind) shows here first.
        assert_eq!(std::mem::size_of::<Token>(), 12);
        let token = Token::new(TokenKind::Word, Span::new(3, 7));
        assert_eq!(token.span(), Span::new(3, 7));
    }

    fn kinds(text: &str) -> Vec<(&str, TokenKind)> {
        tokenize(text)
            .into_iter()
            .map(|token| (token.span().slice(text), token.kind))
            .collect()
    }

    fn words(text: &str) -> Vec<&str> {
        tokenize(text)
            .into_iter()
            .filter(|token| !token.is_space())
            .map(|token| token.span().slice(text))
            .collect()
    }

    #[test]
    fn numbers_keep_decimals_and_thousands() {
        assert_eq!(
            words("killed 14,000 at 3.5 pct."),
            ["killed", "14,000", "at", "3.5", "pct", "."]
        );
        assert_eq!(words("since 2014."), ["since", "2014", "."]);
    }

    #[test]
    fn ordinals_and_decades_are_words() {
        assert_eq!(kinds("3rd")[0], ("3rd", TokenKind::Word));
        assert_eq!(kinds("1990s")[0], ("1990s", TokenKind::Word));
    }

    #[test]
    fn apostrophes_inside_words() {
        let tokens = kinds("Milly’s don't");
        assert_eq!(tokens[1], ("’", TokenKind::Apostrophe));
        assert_eq!(tokens[5], ("'", TokenKind::Apostrophe));
        assert_eq!(kinds("Post‘s")[1], ("‘", TokenKind::Apostrophe));
    }

    #[test]
    fn elided_decade_is_an_apostrophe() {
        assert_eq!(kinds("the ’90s")[2], ("’", TokenKind::Apostrophe));
    }

    #[test]
    fn straight_double_quotes_take_a_side_from_context() {
        let tokens = kinds("said \"yes\" now");
        assert_eq!(
            tokens[2].1,
            TokenKind::Quote {
                side: QuoteSide::Opening,
                weight: QuoteWeight::Double
            }
        );
        assert_eq!(
            tokens[4].1,
            TokenKind::Quote {
                side: QuoteSide::Closing,
                weight: QuoteWeight::Double
            }
        );
    }

    #[test]
    fn curly_quotes_take_a_side_from_their_shape() {
        let tokens = kinds("“No,” he");
        assert_eq!(
            tokens[0].1,
            TokenKind::Quote {
                side: QuoteSide::Opening,
                weight: QuoteWeight::Double
            }
        );
        assert_eq!(
            tokens[3].1,
            TokenKind::Quote {
                side: QuoteSide::Closing,
                weight: QuoteWeight::Double
            }
        );
    }

    #[test]
    fn combining_marks_stay_in_the_word() {
        let text = "Erdog\u{0306}an said";
        assert_eq!(words(text)[0], "Erdog\u{0306}an");
    }

    #[test]
    fn cyrillic_and_capitalisation() {
        assert_eq!(kinds("Путин")[0], ("Путин", TokenKind::CapitalisedWord));
        assert_eq!(kinds("ещё")[0], ("ещё", TokenKind::Word));
    }

    #[test]
    fn emoji_with_joiners_is_one_other_token() {
        let text = "a 👩‍👩‍👧 b";
        assert_eq!(words(text), ["a", "👩\u{200d}👩\u{200d}👧", "b"]);
    }

    #[test]
    fn crlf_is_one_line_break() {
        assert_eq!(kinds("a\r\nb")[1], ("\r\n", TokenKind::LineBreak));
    }

    #[test]
    fn straight_double_mark_for_an_apostrophe_in_capitals_and_after_a_ticker() {
        assert_eq!(kinds("QATAR\"S BANKS")[1], ("\"", TokenKind::Apostrophe));
        assert_eq!(kinds("<QNB>\"s staff")[3], ("\"", TokenKind::Apostrophe));
    }

    #[test]
    fn straight_double_mark_glued_to_a_colon_or_before_a_bracket() {
        let ambiguous = TokenKind::Quote {
            side: QuoteSide::Ambiguous,
            weight: QuoteWeight::Double,
        };
        assert_eq!(kinds("said:\" Delors")[2], ("\"", ambiguous));
        assert_eq!(
            kinds("bring. \"[Alastair]")[3].1,
            TokenKind::Quote {
                side: QuoteSide::Opening,
                weight: QuoteWeight::Double
            }
        );
    }

    #[test]
    fn straight_double_mark_in_a_contraction_is_an_apostrophe() {
        // Wire copy typed without an apostrophe key: Japan"s, isn"t.
        assert_eq!(kinds("Japan\"s trade")[1], ("\"", TokenKind::Apostrophe));
        assert_eq!(kinds("isn\"t fair")[1], ("\"", TokenKind::Apostrophe));
        assert_eq!(
            kinds("the \"says\" word")[2].1,
            TokenKind::Quote {
                side: QuoteSide::Opening,
                weight: QuoteWeight::Double
            }
        );
        assert_eq!(
            kinds("said\"so")[1].1,
            TokenKind::Quote {
                side: QuoteSide::Ambiguous,
                weight: QuoteWeight::Double
            }
        );
    }

    #[test]
    fn first_byte_dispatch_agrees_with_every_alternative() {
        let text = "Gen. O'Brien's 14,000 3.5pct 2014. \"Yes,\" ‘no’ — «oui» \t\r\n\
                    \u{feff}Erdog\u{0306}an 👩\u{200d}👧 ¿Qué? x\u{0b}y \u{1c}z 3rd ǅemal [a]{b}~ \
                    “Ja„ ‚so‘ ‹non› ”» x\u{2003}y…€™\u{2028}\u{a0}©¬";
        for (offset, _) in text.char_indices() {
            let input = &text[offset..];
            assert_eq!(token(input), any_token(input), "at {offset}: {input:?}");
        }
    }

    /// Texts built from pieces that sit on the edges of the ASCII fast
    /// path: each piece next to every other, and a pseudo-random mix.
    fn edge_texts() -> Vec<String> {
        let pieces = [
            "a",
            "Z",
            "word",
            "Gen",
            "3",
            "14",
            ",",
            ".",
            "5",
            "3.5",
            "1,000",
            "2014.",
            "rd",
            " ",
            "  ",
            "\t",
            "\u{0b}",
            "\u{0c}",
            "\u{1c}",
            "\n",
            "\r",
            "\r\n",
            "?",
            "!",
            "\"",
            "'",
            "’",
            "“",
            "”",
            "‘",
            "‚",
            "„",
            "«",
            "»",
            "-",
            "—",
            "–",
            "…",
            "(",
            ")",
            "[",
            "¿",
            "é",
            "e\u{0301}",
            "\u{0306}",
            "ğ",
            "Путин",
            "ǅ",
            "\u{a0}",
            "\u{2009}",
            "\u{3000}",
            "\u{feff}",
            "👩",
            "\u{200d}",
            "\u{fe0f}",
            "😀",
            "€",
            // Alphabetic, and so part of a word, past General Punctuation.
            "ⁱ",
            "$",
            "%",
            "~",
            "\u{7f}",
            "\u{0}",
            "٣",
            "²",
            "中文",
            "x",
        ];
        let mut texts: Vec<String> = Vec::new();
        for first in pieces {
            for second in pieces {
                texts.push(format!("{first}{second}"));
                texts.push(format!("{first}{second}{first}"));
            }
        }
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..12 {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                text.push_str(pieces[(state >> 33) as usize % pieces.len()]);
            }
            texts.push(text);
        }
        texts
    }

    #[test]
    fn ascii_fast_path_agrees_with_the_grammar() {
        let mut settled = 0;
        for text in edge_texts() {
            for (offset, _) in text.char_indices() {
                let input = &text[offset..];
                let Some((width, kind)) = ascii_token(input.as_bytes()) else {
                    continue;
                };
                settled += 1;
                let expected =
                    any_token(input).map(|(rest, kind)| (input.len() - rest.len(), kind));
                assert_eq!(Ok((width, kind)), expected, "at {offset}: {input:?}");
            }
        }
        // The fast path is taken, not always declined.
        assert!(settled > 10_000, "{settled}");
    }

    /// What [`tokenize_with_marks`] gives, by the grammar alone: every
    /// alternative tried at every token, the marks classified and the
    /// terminals found in passes of their own.
    fn tokenized_by_grammar(text: &str) -> Tokenized {
        let mut by_grammar = Vec::new();
        let mut rest = text;
        while let Ok((remaining, kind)) = any_token(rest) {
            let start = text.len() - rest.len();
            by_grammar.push(Token::new(
                kind,
                Span::new(start, text.len() - remaining.len()),
            ));
            rest = remaining;
            if rest.is_empty() {
                break;
            }
        }
        let mut quote_marks = Vec::new();
        for (index, token) in by_grammar.iter_mut().enumerate() {
            if let TokenKind::Quote { .. } = token.kind {
                quote_marks.push(index as u32);
            }
            token.kind = classify_quote_mark(text, token);
        }
        let line_breaks = (0..by_grammar.len() as u32)
            .filter(|&index| by_grammar[index as usize].kind == TokenKind::LineBreak)
            .collect();
        let terminals = (0..by_grammar.len() as u32)
            .filter(|&index| statements::is_terminal(text, &by_grammar[index as usize]))
            .collect();
        let numerals = (0..by_grammar.len() as u32)
            .filter(|&index| {
                let token = &by_grammar[index as usize];
                let word = token.span().slice(text).as_bytes();
                match token.kind {
                    TokenKind::Number => true,
                    TokenKind::Word | TokenKind::CapitalisedWord => {
                        number_word_ends(word.len(), word[0], word[word.len() - 1]).is_some()
                    }
                    _ => false,
                }
            })
            .collect();
        let mut may_repeat = Vec::new();
        let mut previous_first: Option<u8> = None;
        for (index, token) in by_grammar.iter().enumerate() {
            if token.is_word() {
                let first = text.as_bytes()[token.span().start];
                if !first.is_ascii()
                    || previous_first.is_some_and(|previous| previous.eq_ignore_ascii_case(&first))
                {
                    may_repeat.push(index as u32);
                }
                previous_first = Some(first);
            }
        }
        let capitalised = (0..by_grammar.len() as u32)
            .filter(|&index| by_grammar[index as usize].kind == TokenKind::CapitalisedWord)
            .collect();
        Tokenized {
            tokens: by_grammar,
            quote_marks,
            line_breaks,
            terminals,
            numerals,
            may_repeat,
            capitalised,
        }
    }

    /// Two first bytes of words share a key only if they are one letter
    /// or digit in either case, and a byte outside ASCII has the key no
    /// ASCII byte has.
    #[test]
    fn first_byte_keys_join_only_cases_of_one_letter() {
        for a in 0..=u8::MAX {
            assert_eq!(first_byte_key(a) == NON_ASCII_KEY, !a.is_ascii(), "{a}");
            for b in 0..=u8::MAX {
                if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() {
                    assert_eq!(
                        first_byte_key(a) == first_byte_key(b),
                        a.eq_ignore_ascii_case(&b),
                        "{a} {b}"
                    );
                }
            }
        }
    }

    #[test]
    fn tokens_tile_the_text_and_match_the_grammar_alone() {
        for text in edge_texts() {
            assert_eq!(
                tokenize_with_marks(&text),
                tokenized_by_grammar(&text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn long_texts_match_the_grammar_alone() {
        // The tokens are gathered in batches of 256: texts of every token
        // count around one batch and two, and long texts of every kind of
        // token, are cut into batches at every kind of token.
        let mut texts: Vec<String> = (500..530).map(|words| "a ".repeat(words / 2)).collect();
        texts.extend((250..262).map(|words| "Word,".repeat(words / 2)));
        let edges = edge_texts();
        for first in 0..20 {
            texts.push(
                edges[first * 97..]
                    .iter()
                    .step_by(7)
                    .take(300)
                    .map(String::as_str)
                    .collect(),
            );
        }
        for text in &texts {
            assert_eq!(
                tokenize_with_marks(text),
                tokenized_by_grammar(text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn word_text_agrees_with_the_character_rule() {
        let text =
            "Gen. O'Brien's 14,000 3rd Erdog\u{0306}an Erdoğan naïve Путин x\u{0301}\u{0301}y \
                    ǅemal 👩 e\u{200d}f ab\u{0b}cd Z";
        for (offset, _) in text.char_indices() {
            let input = &text[offset..];
            let reference: IResult<&str, &str> = take_while1(is_word_char).parse(input);
            assert_eq!(word_text(input), reference, "at {offset}: {input:?}");
        }
    }

    /// [`classify_quote_mark`] as it was before it returned early for the
    /// marks whose shape settles them: every neighbour read for every mark.
    fn classify_by_every_neighbour(text: &str, token: &Token) -> TokenKind {
        let TokenKind::Quote { side, weight } = token.kind else {
            return token.kind;
        };
        let span = token.span();
        let mark = text[span.start..].chars().next().unwrap_or(' ');
        let before = text[..span.start].chars().next_back();
        let after = text[span.end..].chars().next();
        let word_before = before.is_some_and(is_word_char);
        let word_after = after.is_some_and(is_word_char);
        let open_context = before.is_none_or(|c| c.is_whitespace() || "([{—–-/".contains(c));
        let close_context = after.is_none_or(|c| {
            c.is_whitespace()
                || (c.is_ascii_punctuation() && !"([{".contains(c))
                || "—–…".contains(c)
        });
        let contraction = || is_contraction_suffix(&text[span.end..]);
        let quote = |side| TokenKind::Quote { side, weight };
        match mark {
            '’' | '\'' | '‘' if word_before && word_after => TokenKind::Apostrophe,
            '"' if word_before && contraction() => TokenKind::Apostrophe,
            '"' if before == Some('>') && contraction() => TokenKind::Apostrophe,
            '"' if before == Some(':') && after.is_some_and(char::is_whitespace) => {
                quote(QuoteSide::Ambiguous)
            }
            '’' | '\'' if open_context && after.is_some_and(|c| c.is_ascii_digit()) => {
                TokenKind::Apostrophe
            }
            '\'' if open_context && word_after => quote(QuoteSide::Opening),
            '\'' if word_before || close_context => quote(QuoteSide::Closing),
            '"' if open_context && !close_context => quote(QuoteSide::Opening),
            '"' if close_context && !open_context => quote(QuoteSide::Closing),
            _ => quote(side),
        }
    }

    #[test]
    fn a_mark_is_classified_as_by_every_neighbour() {
        let mut marks = 0;
        for text in edge_texts() {
            let mut rest = text.as_str();
            while let Ok((remaining, kind)) = any_token(rest) {
                let start = text.len() - rest.len();
                let token = Token::new(kind, Span::new(start, text.len() - remaining.len()));
                if matches!(kind, TokenKind::Quote { .. }) {
                    marks += 1;
                }
                assert_eq!(
                    classify_quote_mark(&text, &token),
                    classify_by_every_neighbour(&text, &token),
                    "{text:?} at {start}"
                );
                rest = remaining;
                if rest.is_empty() {
                    break;
                }
            }
        }
        assert!(marks > 5_000, "{marks}");
    }

    #[test]
    fn ascii_neighbour_bits_agree_with_the_character_tests() {
        for byte in 0..128u8 {
            assert_eq!(
                ASCII_BESIDE[usize::from(byte)],
                Beside::of(char::from(byte)),
                "{byte}"
            );
        }
    }

    #[test]
    fn bom_is_other() {
        assert_eq!(kinds("\u{feff}Headline")[0], ("\u{feff}", TokenKind::Other));
    }
}
