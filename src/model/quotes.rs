//! Quotation-mark pairing, computed once per article.
//!
//! Double marks pair within a paragraph. A straight `"` takes its side from
//! the pairing state (it closes when a quotation is open, else it opens);
//! curly marks, guillemets and low-9 marks keep the side their shape gives,
//! except that a German-style „ is closed by “. News copy leaves a
//! quotation open at the end of a paragraph when the next paragraph goes on
//! quoting the same speaker and opens with a mark again; such a mark is
//! [`MarkState::Continued`], not an error.
//!
//! Single marks pair separately: ‘ (or a straight `'` before a word) opens,
//! and a following closing mark closes. A closing single mark with nothing
//! open is nearly always an apostrophe (students’, the Joneses'), so it is
//! [`MarkState::Unopened`] only for the rules that want to know.
//!
//! Paragraphs broken mid-sentence (by hard wrapping or by emphasis lost in
//! extraction) pair as one run. In copy that types its apostrophes as
//! straight double marks, a `"` after an s and before a word in lower case,
//! with no quotation open, is [`MarkState::Apostrophe`].

use crate::source::Span;
use crate::syntax::{BlockKind, QuoteSide, QuoteWeight, Syntax, TokenKind};

/// What pairing concluded about one mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkState {
    /// Paired with [`QuoteMark::partner`].
    Paired,
    /// Left open at the end of a paragraph whose successor opens a
    /// quotation again: the multi-paragraph convention (also mid-line, in
    /// copy whose paragraph breaks were lost).
    Continued,
    /// Left open: before its closing mark came an attribution and the next
    /// quotation's opening mark.
    UnclosedBeforeNextOpening,
    /// Left open at the end of its paragraph, and the next paragraph does
    /// not continue the quotation.
    UnclosedAtParagraphEnd,
    /// Left open at the end of the article's last body paragraph.
    UnclosedAtArticleEnd,
    /// A closing mark with no opening mark before it in its paragraph.
    Unopened,
    /// A straight `"` after a number with no quotation open: an inch mark.
    Measurement,
    /// A straight `"` typed for the apostrophe of a plural possessive in
    /// wire copy (`the Philippines" debt`): after an s, before a word in
    /// lower case, with no quotation open.
    Apostrophe,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuoteMark {
    /// Index into the article's tokens.
    pub token: usize,
    pub span: Span,
    pub glyph: char,
    /// The side pairing settled on (never ambiguous).
    pub side: QuoteSide,
    pub weight: QuoteWeight,
    /// Index into the article's blocks.
    pub block: usize,
    pub state: MarkState,
    /// Index into [`Quotations::marks`] of the other mark of the pair; for
    /// [`MarkState::UnclosedBeforeNextOpening`], of the opening mark that
    /// came before any close.
    pub partner: Option<usize>,
}

#[derive(Clone, Debug, Default)]
pub struct Quotations {
    /// Every quotation mark (not apostrophes), in text order.
    pub marks: Vec<QuoteMark>,
    /// Quoted stretches of text, merged and sorted: from an opening mark to
    /// its partner, or to the end of its paragraph when it has none.
    quoted: Vec<Span>,
}

impl Quotations {
    /// Whether `span` lies inside quoted text.
    pub fn covers(&self, span: Span) -> bool {
        let index = self.quoted.partition_point(|quoted| quoted.end < span.end);
        self.quoted
            .get(index)
            .is_some_and(|quoted| quoted.contains(span))
    }

    /// The quoted stretches of text, sorted and disjoint.
    pub fn quoted_spans(&self) -> &[Span] {
        &self.quoted
    }
}

pub fn pair_quotation_marks(text: &str, syntax: &Syntax) -> Quotations {
    let mut marks = Vec::with_capacity(syntax.quote_marks.len());
    let mut markup_cursor = MarkupCursor::default();
    // The marks the tokenizer noted, each in the block holding it (the
    // blocks' tokens are in order); marks outside every block are skipped.
    let mut block_index = 0;
    let mut no_apostrophe_key = false;
    for &token_index in &syntax.quote_marks {
        let token_index = token_index as usize;
        let Some(&token) = syntax.tokens.get(token_index) else {
            continue;
        };
        // Copy typed on a keyboard without an apostrophe shows it elsewhere
        // (`Japan"s`); only there is `farmers" incomes` a possessive, not a
        // quoted phrase that lost its opening mark.
        if token.kind == TokenKind::Apostrophe && token.span().slice(text) == "\"" {
            no_apostrophe_key = true;
        }
        let TokenKind::Quote { side, weight } = token.kind else {
            continue;
        };
        while syntax
            .blocks
            .get(block_index)
            .is_some_and(|block| block.tokens.end <= token_index)
        {
            block_index += 1;
        }
        let Some(block) = syntax.blocks.get(block_index) else {
            continue;
        };
        if !block.tokens.contains(&token_index)
            || inside_markup(text, token.span(), &mut markup_cursor)
        {
            continue;
        }
        marks.push(QuoteMark {
            token: token_index,
            span: token.span(),
            glyph: token.span().slice(text).chars().next().unwrap_or('"'),
            side,
            weight,
            block: block_index,
            state: MarkState::Unopened,
            partner: None,
        });
    }

    // Found once: asking "is any later block a paragraph?" per block would
    // make pairing quadratic in the number of paragraphs.
    let last_body_block = syntax
        .blocks
        .iter()
        .rposition(|block| block.kind == BlockKind::Paragraph);
    let mut start = 0;
    while start < marks.len() {
        // Paragraphs split mid-sentence (hard-wrapped lines read as
        // paragraphs, an emphasised word set on a line of its own) pair as
        // one.
        let mut block = marks[start].block;
        while broken_paragraph(text, syntax, block) {
            block += 1;
        }
        let end = start + marks[start..].partition_point(|mark| mark.block <= block);
        let next_opens = next_block_opens_quotation(text, syntax, block);
        let last_body = last_body_block.is_none_or(|last| block >= last);
        let run = Run {
            next_opens,
            last_body,
            no_apostrophe_key,
        };
        pair_doubles(text, &mut marks, start..end, &run);
        pair_singles(text, &mut marks, start..end);
        start = end;
    }
    pair_block_quotations(syntax, &mut marks);

    let mut quoted: Vec<Span> = Vec::with_capacity(marks.len());
    for mark in &marks {
        if mark.side != QuoteSide::Opening {
            continue;
        }
        let end = match (mark.state, mark.partner) {
            (MarkState::Paired, Some(partner)) => marks[partner].span.end,
            (MarkState::Measurement, _) => continue,
            _ => syntax.blocks[mark.block].span.end,
        };
        quoted.push(Span::new(mark.span.start, end));
    }
    quoted.sort();
    let mut merged: Vec<Span> = Vec::with_capacity(quoted.len());
    for span in quoted {
        match merged.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => merged.push(span),
        }
    }
    Quotations {
        marks,
        quoted: merged,
    }
}

/// What pairing a run of paragraphs needs to know beyond its marks.
struct Run {
    /// The paragraph after the run opens with a quotation mark.
    next_opens: bool,
    /// The run ends the article's body.
    last_body: bool,
    /// The article types apostrophes as straight double marks.
    no_apostrophe_key: bool,
}

fn pair_doubles(text: &str, marks: &mut [QuoteMark], range: std::ops::Range<usize>, run: &Run) {
    let mut open: Vec<usize> = Vec::new();
    let mut verb_free = VerbFreeStretch::default();
    for index in range {
        if marks[index].weight != QuoteWeight::Double {
            continue;
        }
        let glyph = marks[index].glyph;
        let side = if glyph == '"' {
            if open.is_empty() && follows_digit(text, marks[index].span) {
                marks[index].state = MarkState::Measurement;
                marks[index].side = QuoteSide::Closing;
                continue;
            }
            if run.no_apostrophe_key
                && open.is_empty()
                && plural_possessive(text, marks[index].span)
            {
                marks[index].state = MarkState::Apostrophe;
                marks[index].side = QuoteSide::Closing;
                continue;
            }
            // A straight mark whose neighbours decide (a space before and a
            // word after, or the reverse) keeps that side even against the
            // pairing state: that is how a missing mark shows in straight
            // copy. Only a mark the neighbours leave open takes its side
            // from the pairing state.
            match marks[index].side {
                QuoteSide::Ambiguous if !open.is_empty() => QuoteSide::Closing,
                QuoteSide::Ambiguous => QuoteSide::Opening,
                decided => decided,
            }
        } else if glyph == '“' && open.last().is_some_and(|&open| marks[open].glyph == '„') {
            QuoteSide::Closing
        } else {
            // A curly mark of the wrong shape (`?“` closing, `said, ”The`
            // opening) takes the side its neighbours and the pairing agree
            // on; the rule then flags its shape.
            match (marks[index].side, neighbours(text, marks[index].span)) {
                (QuoteSide::Opening, Some(QuoteSide::Closing)) if !open.is_empty() => {
                    QuoteSide::Closing
                }
                (QuoteSide::Closing, Some(QuoteSide::Opening)) if open.is_empty() => {
                    QuoteSide::Opening
                }
                (shape, _) => shape,
            }
        };
        marks[index].side = side;
        match side {
            QuoteSide::Opening | QuoteSide::Ambiguous => {
                marks[index].side = QuoteSide::Opening;
                if let Some(&previous) = open.last() {
                    let (open_span, next) = (marks[previous].span, marks[index].span);
                    match opening_while_open(text, open_span, next, &mut verb_free) {
                        WhileOpen::Continues => {
                            marks[previous].state = MarkState::Continued;
                            open.pop();
                        }
                        WhileOpen::Unclosed => {
                            marks[previous].state = MarkState::UnclosedBeforeNextOpening;
                            marks[previous].partner = Some(index);
                            open.pop();
                        }
                        WhileOpen::Nests => {}
                    }
                }
                open.push(index);
            }
            QuoteSide::Closing => match open.pop() {
                Some(opening) => {
                    marks[opening].state = MarkState::Paired;
                    marks[opening].partner = Some(index);
                    marks[index].state = MarkState::Paired;
                    marks[index].partner = Some(opening);
                }
                None => marks[index].state = MarkState::Unopened,
            },
        }
    }
    let mut still_open = open.into_iter();
    if let Some(outermost) = still_open.next() {
        marks[outermost].state = if run.next_opens {
            MarkState::Continued
        } else if run.last_body {
            MarkState::UnclosedAtArticleEnd
        } else {
            MarkState::UnclosedAtParagraphEnd
        };
    }
    for inner in still_open {
        marks[inner].state = if run.last_body {
            MarkState::UnclosedAtArticleEnd
        } else {
            MarkState::UnclosedAtParagraphEnd
        };
    }
}

/// The side a mark's neighbours give it: a space (or the start) before
/// and a word after opens; a word or punctuation before and a space,
/// punctuation or the end after closes.
fn neighbours(text: &str, span: Span) -> Option<QuoteSide> {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    let opens = before
        .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/'))
        && after.is_some_and(|c| c.is_alphanumeric());
    let closes = before.is_some_and(|c| {
        c.is_alphanumeric() || matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '…')
    }) && after.is_none_or(|c| {
        c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | '—' | '–' | '…')
    });
    match (opens, closes) {
        (true, false) => Some(QuoteSide::Opening),
        (false, true) => Some(QuoteSide::Closing),
        _ => None,
    }
}

/// How many paragraphs a block quotation may run before its closing mark.
const BLOCK_QUOTATION_PARAGRAPHS: usize = 12;

/// Web copy set in curly marks often quotes a block of paragraphs with one
/// pair of marks: “ at the start of the first, ” at the end of the last,
/// none between. News style reopens each paragraph, but the quotation is
/// unambiguous, so a “ left open at the end of its paragraph pairs with a ”
/// that closes nothing, when only whole quotations come between them and
/// the ” comes within a dozen paragraphs.
fn pair_block_quotations(syntax: &Syntax, marks: &mut [QuoteMark]) {
    // The “ left open most recently, while only whole pairs (quotations
    // inside the block quotation) have come since.
    let mut waiting: Option<usize> = None;
    for index in 0..marks.len() {
        let mark = marks[index];
        if mark.weight != QuoteWeight::Double {
            continue;
        }
        match (mark.state, waiting) {
            (MarkState::UnclosedAtParagraphEnd, _) if mark.glyph == '“' => waiting = Some(index),
            (MarkState::Unopened, Some(opening)) if mark.glyph == '”' => {
                let first = marks[opening].block;
                if mark.block > first
                    && mark.block - first <= BLOCK_QUOTATION_PARAGRAPHS
                    && syntax.blocks[first..=mark.block]
                        .iter()
                        .all(|block| block.kind == BlockKind::Paragraph)
                {
                    marks[opening].state = MarkState::Paired;
                    marks[opening].partner = Some(index);
                    marks[index].state = MarkState::Paired;
                    marks[index].partner = Some(opening);
                }
                waiting = None;
            }
            (MarkState::Paired, _) => {}
            _ => waiting = None,
        }
    }
}

/// What an opening mark means when a quotation is already open.
enum WhileOpen {
    /// The open quotation goes on past a lost paragraph break.
    Continues,
    /// The open quotation lacks its closing mark.
    Unclosed,
    /// A quotation inside the quotation, with double marks: wire copy
    /// nests "…the "B" shares…" without switching to single marks.
    Nests,
}

fn opening_while_open(
    text: &str,
    open: Span,
    next: Span,
    verb_free: &mut VerbFreeStretch,
) -> WhileOpen {
    let Some(between) = text.get(open.end..next.start) else {
        return WhileOpen::Unclosed;
    };
    let stretch = between.trim_end();
    let reach = open.end + attribution_reach(stretch);
    if attributes_quotation(text, reach..open.end + stretch.len(), open, verb_free) {
        WhileOpen::Unclosed
    } else if lost_paragraph_break(text, open, next) {
        WhileOpen::Continues
    } else {
        WhileOpen::Nests
    }
}

fn pair_singles(text: &str, marks: &mut [QuoteMark], range: std::ops::Range<usize>) {
    let mut open: Vec<usize> = Vec::new();
    for index in range {
        if marks[index].weight != QuoteWeight::Single {
            continue;
        }
        match marks[index].side {
            QuoteSide::Opening => open.push(index),
            QuoteSide::Closing | QuoteSide::Ambiguous => {
                marks[index].side = QuoteSide::Closing;
                if open.is_empty() && follows_digit(text, marks[index].span) {
                    marks[index].state = MarkState::Measurement;
                } else if let Some(opening) = open.pop() {
                    marks[opening].state = MarkState::Paired;
                    marks[opening].partner = Some(index);
                    marks[index].state = MarkState::Paired;
                    marks[index].partner = Some(opening);
                }
            }
        }
    }
    for opening in open {
        marks[opening].state = MarkState::UnclosedAtParagraphEnd;
    }
}

/// Whether a quotation left open at `open` and an opening mark at `next`
/// read as one quotation continued over a paragraph break that was lost
/// when the copy was flattened: `…the Olympics. "The amber light…`.
///
/// Copy whose paragraphs were joined into one (web extraction, some
/// archives) keeps the multi-paragraph convention mid-line: the new mark
/// follows the end of a sentence. A closing mark missing before an
/// attribution (`"We will go, he said. "Now…`) looks the same; such a
/// stretch, one that names a speaker with a verb of saying, is ruled out
/// by [`opening_while_open`] before this is asked.
fn lost_paragraph_break(text: &str, open: Span, next: Span) -> bool {
    let Some(between) = text.get(open.end..next.start) else {
        return false;
    };
    let trimmed = between.trim_end();
    if trimmed.len() == between.len() {
        return false;
    }
    // A quotation carried over paragraphs is speech quoted in full
    // sentences, or resumed after its attribution (`he said, "and…`); a
    // quoted phrase ("a so-called "flash estimate") is not.
    let full_sentence = between
        .chars()
        .find(|c| !c.is_whitespace() && !matches!(c, '[' | '(' | '‘' | '\''))
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        || resumes_after_attribution(text, open);
    let ends_sentence = full_sentence
        && trimmed
            .trim_end_matches([')', ']', '’', '\''])
            .ends_with(['.', '?', '!', '…', ':']);
    ends_sentence
}

/// Whether the opening mark at `open` resumes a quotation after its
/// attribution: `…tournament," he said, "and maybe…`.
fn resumes_after_attribution(text: &str, open: Span) -> bool {
    let before = text[..open.start].trim_end();
    let Some(clause) = before.strip_suffix(',') else {
        return false;
    };
    clause
        .split_whitespace()
        .rev()
        .take(4)
        .any(|word| SPEECH_VERBS.contains(&word.to_lowercase().as_str()))
}

/// Whether `word`'s letters, lowered, are a verb of saying.
///
/// The verbs are short ASCII words, so a word's letters are packed into
/// one integer and looked up among the verbs' (sorted once): no string is
/// built. A word with a letter outside ASCII, or more letters than the
/// longest verb, is none of them.
fn is_speech_verb(word: &str) -> bool {
    let mut letters = Letters::default();
    for c in word.chars() {
        letters.push(c);
    }
    letters.is_speech_verb()
}

/// Whether any word of `stretch` (split at white space, as
/// `split_whitespace` splits) is a verb of saying: [`is_speech_verb`] in
/// one pass over the characters, for the many stretches that hold none.
fn any_speech_verb(stretch: &str) -> bool {
    speech_verb_scan(stretch) == VerbScan::Found
}

/// What [`speech_verb_scan`] found in a stretch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum VerbScan {
    /// A word that is a verb of saying.
    Found,
    /// None; the last word starts at this offset, after the last white
    /// space (0 when there is none), so the words before it are whole
    /// however the stretch goes on.
    NoneUpTo(usize),
}

/// [`any_speech_verb`], telling where the last word starts when there is
/// no verb of saying.
///
/// Each word's ASCII letters are counted, and its last kept, as they come:
/// only a word whose count and last letter some verb has (few, most of
/// them verbs) is read again for its letters' key, where packing every
/// letter of every word into one cost most of the scan.
fn speech_verb_scan(stretch: &str) -> VerbScan {
    let bytes = stretch.as_bytes();
    let mut word = WordEnds::default();
    let mut last_word = 0;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        // ASCII, most of any copy, is taken a byte at a time without
        // decoding a character.
        let space_start = at;
        if byte.is_ascii() {
            at += 1;
            if byte.is_ascii_alphabetic() {
                word.length += 1;
                word.last = byte;
                continue;
            }
            // White space as `char::is_whitespace` has it in ASCII; other
            // ASCII is no letter.
            if !matches!(byte, b'\t'..=b'\r' | b' ') {
                continue;
            }
        } else {
            let Some(c) = stretch.get(at..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            at += c.len_utf8();
            if !c.is_whitespace() {
                word.outside |= Letters::excludes(c);
                continue;
            }
        }
        if word.may_be_speech_verb() && is_speech_verb(&stretch[last_word..space_start]) {
            return VerbScan::Found;
        }
        word = WordEnds::default();
        last_word = at;
    }
    if word.may_be_speech_verb() && is_speech_verb(&stretch[last_word..]) {
        VerbScan::Found
    } else {
        VerbScan::NoneUpTo(last_word)
    }
}

/// What [`speech_verb_scan`] keeps of a word as it comes: enough to turn
/// away nearly every word that is no verb of saying, as
/// [`Letters::is_speech_verb`] does before its search.
#[derive(Default)]
struct WordEnds {
    /// The ASCII letters so far.
    length: u32,
    /// The last ASCII letter, 0 before the first.
    last: u8,
    /// A letter outside ASCII so far ([`Letters::excludes`]).
    outside: bool,
}

impl WordEnds {
    /// False for a word that [`is_speech_verb`] is false of.
    fn may_be_speech_verb(&self) -> bool {
        let last_letters = &verb_keys().1;
        let bit = u32::from(self.last.to_ascii_lowercase().wrapping_sub(b'a')) % 32;
        !self.outside
            && last_letters
                .get(self.length as usize)
                .is_some_and(|letters| letters & (1 << bit) != 0)
    }
}

/// The verbs' keys ([`Letters`]), sorted, and for each length the last
/// letters of the verbs of that length, a bit for each (`a` the lowest):
/// most words are ruled out by their length and last letter before any
/// search, where their length alone let through the common words of four
/// to six letters ("that", "with", "which").
fn verb_keys() -> &'static (Vec<u128>, [u32; 17]) {
    static KEYS: std::sync::OnceLock<(Vec<u128>, [u32; 17])> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        let mut last_letters = [0u32; 17];
        let mut keys: Vec<u128> = SPEECH_VERBS
            .iter()
            .map(|verb| {
                let mut letters = Letters::default();
                verb.chars().for_each(|c| letters.push(c));
                last_letters[letters.length as usize] |= 1 << letters.last_letter_bit();
                letters.key
            })
            .collect();
        keys.sort_unstable();
        (keys, last_letters)
    })
}

/// A word's ASCII letters, lowered, packed one per byte as they come.
#[derive(Default)]
struct Letters {
    key: u128,
    length: u32,
    /// A letter outside ASCII, or more letters than a key holds: the word
    /// is no verb of saying.
    excluded: bool,
}

impl Letters {
    fn push(&mut self, c: char) {
        if c.is_ascii_alphabetic() {
            self.push_ascii_letter(c as u8);
        } else if Letters::excludes(c) {
            self.excluded = true;
        }
    }

    /// Whether `c`, not an ASCII letter, makes a word no verb of saying: a
    /// letter outside ASCII.
    fn excludes(c: char) -> bool {
        !c.is_ascii()
            // Curly quotes and dashes, the General Punctuation block, hold
            // no letter and skip the tables; other punctuation is skipped
            // as ASCII punctuation is.
            && !('\u{2000}'..='\u{206f}').contains(&c)
            && c.is_alphabetic()
    }

    /// Adds an ASCII letter. Each goes in at the low end (a shift by a
    /// whole byte is cheap where one by a varying count is not); the keys
    /// of the verbs are packed the same way.
    fn push_ascii_letter(&mut self, letter: u8) {
        if self.length == 16 {
            self.excluded = true;
        } else {
            self.key = (self.key << 8) | u128::from(letter.to_ascii_lowercase());
            self.length += 1;
        }
    }

    fn is_speech_verb(&self) -> bool {
        let (keys, last_letters) = verb_keys();
        !self.excluded
            && last_letters[self.length as usize] & (1 << self.last_letter_bit()) != 0
            && keys.binary_search(&self.key).is_ok()
    }

    /// The bit of the last letter, lowered, in [`Letters::is_speech_verb`]'s
    /// masks (`a` the lowest; a word without letters shares one with some
    /// letter, and is turned away by its length).
    fn last_letter_bit(&self) -> u32 {
        u32::from((self.key as u8).wrapping_sub(b'a')) % 32
    }
}

/// How far before an opening mark an attribution of the quotation left
/// open is looked for, in bytes. The attribution that shows a closing mark
/// missing stands just before the next quotation (`go, he said. "Now`,
/// `He added: "`); in news copy the whole stretch from one opening mark to
/// the next is seldom a kilobyte, and the longest that held an attribution
/// in the news corpus was 566 bytes.
const ATTRIBUTION_REACH: usize = 1024;

/// Where in `stretch` an attribution could stand: its start, or the
/// first white space in its last [`ATTRIBUTION_REACH`] bytes (its end when
/// there is none). A quotation left open before a paragraph of many short
/// quotations (`“Start “a” “b” “c”…`) is asked about once for each of
/// them; reading the whole stretch each time made pairing quadratic in the
/// paragraph's length.
fn attribution_reach(stretch: &str) -> usize {
    let Some(cut) = stretch.len().checked_sub(ATTRIBUTION_REACH) else {
        return 0;
    };
    // From white space, the window starts on a whole word; a byte of ASCII
    // white space is never inside a character, so the cut is a boundary.
    stretch.as_bytes()[cut..]
        .iter()
        .position(|byte| matches!(byte, b'\t'..=b'\r' | b' '))
        .map_or(stretch.len(), |space| cut + space)
}

/// How much of the text after an open quotation's mark is known to hold
/// no verb of saying. A quotation left open before many others is asked
/// about once for each of them (`“Start “a” “b” “c”…`); each time, only
/// the text that came since the last time is read for a verb.
#[derive(Debug, Default)]
struct VerbFreeStretch {
    /// The end of the open quotation's mark.
    open_end: usize,
    /// The words from the mark (or the attribution's reach) up to here
    /// are whole and none is a verb of saying; here a word starts.
    to: usize,
}

/// Whether `window` of the text after the open quotation `open` (the end of
/// the stretch to the next opening mark, within the attribution's reach)
/// names a speaker: [`names_a_speaker`], read only past what `verb_free`
/// already knows to hold no verb of saying when that is all of it.
fn attributes_quotation(
    text: &str,
    window: std::ops::Range<usize>,
    open: Span,
    verb_free: &mut VerbFreeStretch,
) -> bool {
    let known = if verb_free.open_end == open.end {
        verb_free.to.clamp(window.start, window.end)
    } else {
        window.start
    };
    let Some(unread) = text.get(known..window.end) else {
        return text.get(window).is_some_and(names_a_speaker);
    };
    match speech_verb_scan(unread) {
        VerbScan::Found => text.get(window).is_some_and(names_a_speaker),
        VerbScan::NoneUpTo(last_word) => {
            *verb_free = VerbFreeStretch {
                open_end: open.end,
                to: known + last_word,
            };
            false
        }
    }
}

/// Whether a stretch of supposedly quoted text holds an attribution, the
/// sign of a closing mark gone missing: a verb of saying shortly after a
/// comma (`go, he said`, `go, said Mr Ray`), or introducing the next
/// quotation (`He added:`). Quoted speech uses the same verbs
/// (`I have told John`) but rarely in either shape.
fn names_a_speaker(stretch: &str) -> bool {
    // Most stretches hold no verb of saying at all: found in one pass,
    // before the words are gathered for the closer look.
    if !any_speech_verb(stretch) {
        return false;
    }
    let words: Vec<&str> = stretch.split_whitespace().collect();
    let last_sentence_start = words
        .iter()
        .rposition(|word| word.ends_with(['.', '?', '!']) && !stretch.ends_with(*word))
        .map_or(0, |index| index + 1);
    words.iter().enumerate().any(|(index, word)| {
        if !is_speech_verb(word) {
            return false;
        }
        // `go, he said.` or `go, said David Wyss of Data Resources Inc.`:
        // the attribution is a short clause of its own; `rugby, people said
        // 'you are dreaming' but…` runs on.
        // `as I have said it was…` or `he says, 'I regret…'` is speech
        // reporting speech, not an attribution of the quotation.
        let reported = index
            .checked_sub(1)
            .is_some_and(|before| AUXILIARIES.contains(&words[before].to_lowercase().as_str()))
            || words
                .get(index + 1)
                .is_some_and(|after| after.starts_with(['\'', '‘', '"', '“']));
        if reported {
            return false;
        }
        let after_comma = words[index.saturating_sub(8)..index]
            .iter()
            .any(|before| before.ends_with([',', '?', '!']))
            && words[index..]
                .iter()
                .take(7)
                .any(|after| after.ends_with(['.', ',', ':', ';']));
        let introduces = stretch.ends_with(':') && index >= last_sentence_start;
        after_comma || introduces
    })
}

/// Words before a verb of saying that make it part of the quoted speech.
const AUXILIARIES: &[&str] = &[
    "have", "has", "had", "i", "we", "you", "will", "would", "to", "not", "never", "always",
];

/// Verbs that attribute a quotation to its speaker.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "added",
    "adds",
    "told",
    "tells",
    "asked",
    "asks",
    "according",
    "stated",
    "states",
    "explained",
    "explains",
    "wrote",
    "writes",
    "noted",
    "notes",
    "insisted",
    "insists",
    "argued",
    "argues",
    "claimed",
    "claims",
    "warned",
    "warns",
    "declared",
    "replied",
    "tweeted",
    "commented",
    "continued",
    "concluded",
    "remarked",
    "recalled",
    "admitted",
    "acknowledged",
    "saying",
    "adding",
    "telling",
    "asking",
    "vowed",
    "spokesman",
    "spokeswoman",
];

/// How far back [`inside_markup`] looks for a tag's `<`, in bytes.
const MARKUP_LOOKBACK: usize = 2048;

/// The nearest `<`, `>` or line break before a point, for points asked
/// about in text order: each stretch of text is searched once, however
/// many quotation marks a long line holds (searching back from every mark
/// cost a few kilobytes per mark on a line of them).
#[derive(Debug, Default)]
struct MarkupCursor {
    /// The text before this offset has been searched.
    searched: usize,
    /// The last `<`, `>` or line break found in it.
    nearest: Option<usize>,
}

impl MarkupCursor {
    fn nearest_before(&mut self, bytes: &[u8], at: usize) -> Option<usize> {
        if at < self.searched {
            // Asked out of order: search afresh from the start.
            *self = MarkupCursor::default();
        }
        let found = bytes.get(self.searched..at).and_then(|stretch| {
            // Between the marks of a line of them lie a few bytes, too few
            // to repay memchr's setup.
            if stretch.len() < 32 {
                stretch
                    .iter()
                    .rposition(|&byte| matches!(byte, b'<' | b'>' | b'\n'))
            } else {
                memchr::memrchr3(b'<', b'>', b'\n', stretch)
            }
        });
        if let Some(found) = found {
            self.nearest = Some(self.searched + found);
        }
        self.searched = at;
        self.nearest
    }
}

/// Whether `span` lies inside an HTML tag (`<meta content="…">`) left in
/// the copy: its quotation marks delimit attribute values, not speech.
/// `cursor` is the one every earlier mark of the text was asked with.
fn inside_markup(text: &str, span: Span, cursor: &mut MarkupCursor) -> bool {
    // All that is looked for is ASCII, so the bytes are read, not the
    // characters.
    let bytes = text.as_bytes();
    let before = &bytes[..span.start];
    // An attribute value's marks: `content="…"` and `…">`, also where the
    // residue starts mid-tag (`…Compatible"><meta`, `…BJs" name="…`).
    let after = &bytes[span.end..];
    if before.last() == Some(&b'=') || matches!(after, [b'>', b'<', ..] | [b'>', b' ', b'<', ..]) {
        return true;
    }
    // An attribute's name of two or more letters or hyphens after a space.
    if let [b' ', rest @ ..] = after {
        let name = rest
            .iter()
            .take_while(|&&byte| byte.is_ascii_alphabetic() || byte == b'-')
            .count();
        if name >= 2 && rest[name..].starts_with(b"=\"") {
            return true;
        }
    }
    // The nearest `<`, `>` or line break before the mark: the tag's
    // opening only if it is a `<`, since a tag holds neither of the
    // others. A tag lies on one line and is not kilobytes long, so only a
    // `<` within that reach counts (an unbounded look made a mark's test
    // depend on the whole line before it).
    let Some(lt) = cursor.nearest_before(bytes, span.start) else {
        return false;
    };
    if lt + MARKUP_LOOKBACK < before.len() || before[lt] != b'<' {
        return false;
    }
    let tag = &before[lt + 1..];
    tag.first()
        .is_some_and(|&first| first.is_ascii_alphabetic() || first == b'/' || first == b'!')
        && memchr::memchr(b'=', tag).is_some()
}

/// Whether a straight `"` reads as the apostrophe of a plural possessive
/// typed on a keyboard without one: `the Philippines" debt`, `farmers"
/// incomes` (a letter and an s before it, a space or line break and a
/// word in lower case after it).
fn plural_possessive(text: &str, span: Span) -> bool {
    let mut before = text[..span.start].chars().rev();
    let after_s = before.next().is_some_and(|c| c == 's' || c == 'S')
        && before.next().is_some_and(char::is_alphabetic);
    let rest = &text[span.end..];
    let next_word = rest.trim_start_matches([' ', '\t', '\r', '\n']);
    after_s
        && next_word.len() < rest.len()
        && rest.len() - next_word.len() <= 6
        && next_word.starts_with(|c: char| c.is_lowercase())
}

/// Whether the break after block `block` falls mid-sentence: a paragraph
/// that ends without a stop (on a word or a comma), followed by a
/// paragraph that starts in lower case. Copy hard-wrapped into one
/// paragraph a line, and emphasis lost to extraction (`I\n\nwas\n\nprime
/// minister`), breaks paragraphs that way; a writer never does.
pub fn broken_paragraph(text: &str, syntax: &Syntax, block: usize) -> bool {
    let (Some(this), Some(next)) = (syntax.blocks.get(block), syntax.blocks.get(block + 1)) else {
        return false;
    };
    // The kinds first, then the end (a stop ends most paragraphs), and the
    // next paragraph's start only for the few that end open.
    this.kind == BlockKind::Paragraph
        && next.kind == BlockKind::Paragraph
        && ends_open(this.span.slice(text))
        && starts_in_lower_case(next.span.slice(text))
}

/// Whether `paragraph`, past its white space, ends on a letter, a digit or
/// a comma: told from its last byte when that is ASCII and no white space
/// (as a block's is, trimmed), else from its last character.
fn ends_open(paragraph: &str) -> bool {
    match paragraph.as_bytes().last() {
        Some(&last) if last.is_ascii() && !last.is_ascii_whitespace() && last != 0x0B => {
            last.is_ascii_alphanumeric() || last == b','
        }
        _ => paragraph
            .trim_end()
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == ','),
    }
}

/// Whether `paragraph`, past its white space, starts in lower case: told
/// from its first byte when that is ASCII and no white space, else from
/// its first character.
fn starts_in_lower_case(paragraph: &str) -> bool {
    match paragraph.as_bytes().first() {
        Some(&first) if first.is_ascii() && !first.is_ascii_whitespace() && first != 0x0B => {
            first.is_ascii_lowercase()
        }
        _ => paragraph
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_lowercase),
    }
}

fn follows_digit(text: &str, span: Span) -> bool {
    text[..span.start]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit())
}

/// Whether the block after `block` starts with an opening double mark (or a
/// straight one), continuing a quotation left open.
fn next_block_opens_quotation(text: &str, syntax: &Syntax, block: usize) -> bool {
    // Only a paragraph continues a quotation into the next paragraph: a
    // headline's quotation cannot run on into the body.
    let Some(next) = syntax.blocks.get(block + 1) else {
        return false;
    };
    if syntax.blocks[block].kind != BlockKind::Paragraph || next.kind != BlockKind::Paragraph {
        return false;
    }
    syntax.tokens[next.tokens.clone()]
        .iter()
        .find(|token| !token.is_space())
        .is_some_and(|token| {
            matches!(
                token.kind,
                TokenKind::Quote {
                    weight: QuoteWeight::Double,
                    side: QuoteSide::Opening | QuoteSide::Ambiguous,
                }
            ) || (token.span().slice(text) == "\"" && matches!(token.kind, TokenKind::Quote { .. }))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A paragraph's open end and lower-case start, told from a byte where
    /// that settles it, agree with the trimmed text's last and first
    /// characters, for ends of every kind of white space and character.
    #[test]
    fn paragraph_ends_agree_with_their_characters() {
        let pieces = [
            "a", "Z", "7", ",", ".", " ", "\t", "\u{b}", "\u{c}", "\r\n", "\u{1f}", "\u{85}",
            "\u{a0}", "\u{2009}", "é", "É", "ß", "“", "”", "Ж", "ж", "\u{301}",
        ];
        let mut next = crate::pseudo_random::below(0x0dd5_e9d5_c0de_5eed);
        for _ in 0..5000 {
            let paragraph: String = (0..next(6)).map(|_| pieces[next(pieces.len())]).collect();
            assert_eq!(
                ends_open(&paragraph),
                paragraph
                    .trim_end()
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == ','),
                "{paragraph:?}"
            );
            assert_eq!(
                starts_in_lower_case(&paragraph),
                paragraph
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase),
                "{paragraph:?}"
            );
        }
    }
    use crate::syntax::parse;

    proptest::proptest! {
        /// The marks the tokenizer notes are all the pairing needs: given
        /// every token instead, it finds the same marks in the same states.
        #[test]
        fn the_noted_marks_are_all_pairing_reads(
            picks in proptest::collection::vec(0usize..22, 0..40),
        ) {
            const PIECES: [&str; 22] = [
                "\u{201c}", "\u{201d}", "\u{2018}", "\u{2019}", "\"", "'", "\u{ab}", "\u{bb}",
                "He said", " ", "\n\n", "\r\n", ".", "Japan\"s", "<a href=\"x\">", "</a>",
                "<!-- \"c\" -->", "Headline", "it's", "\u{2014}", "Putin", "\u{1F600}",
            ];
            let text: String = picks.iter().map(|&pick| PIECES[pick]).collect();
            let syntax = parse(&text);
            let noted = pair_quotation_marks(&text, &syntax);
            let mut every_token = parse(&text);
            every_token.quote_marks = (0..every_token.tokens.len() as u32).collect();
            let read_all = pair_quotation_marks(&text, &every_token);
            proptest::prop_assert_eq!(format!("{noted:?}"), format!("{read_all:?}"), "{:?}", text);
        }
    }

    fn states(text: &str) -> Vec<(char, MarkState)> {
        let syntax = parse(text);
        pair_quotation_marks(text, &syntax)
            .marks
            .into_iter()
            .map(|mark| (mark.glyph, mark.state))
            .collect()
    }

    #[test]
    fn speech_verbs_are_found_by_their_letters() {
        // What `is_speech_verb` packs into an integer: the word's letters,
        // lowered, looked up in the list.
        let by_letters = |word: &str| {
            let letters: String = word
                .chars()
                .filter(|c| c.is_alphabetic())
                .flat_map(char::to_lowercase)
                .collect();
            SPEECH_VERBS.contains(&letters.as_str())
        };
        let long = "x".repeat(40) + "said";
        let words = [
            "said",
            "Said,",
            "“said",
            "SAYS.",
            "says…",
            "s-a-i-d",
            "saíd",
            "said’",
            "Добавил",
            "according",
            "spokeswoman",
            "spokeswomen",
            "acknowledged,",
            "told",
            "tolds",
            "",
            "—",
            "x",
            &long,
            "said\u{301}",
        ];
        for word in words {
            assert_eq!(is_speech_verb(word), by_letters(word), "{word:?}");
        }
        for verb in SPEECH_VERBS {
            assert!(is_speech_verb(verb), "{verb}");
        }
    }

    #[test]
    fn a_verb_of_saying_is_found_in_one_pass_as_word_by_word() {
        let stretches = [
            "",
            " ",
            "go, he said",
            "go, he said.",
            "Yes,” “No",
            "he\u{a0}said",
            "he\u{2003}told",
            "he\u{3000}says",
            "saíd so",
            "said\u{301}",
            "\r\nadded:\r\n",
            "“Now.” \"Why?\"",
            "x-said",
            "spokeswoman,",
            "Добавил said",
            "😀said",
            "acknowledgedacknowledged",
            "said\u{b}so",
            "x\u{c}says",
            "\u{85}said",
            "told\u{2029}",
            "«said»",
            "said\u{1f}",
        ];
        let pieces = [
            "said",
            "Told",
            "ADDS",
            "x",
            "é",
            "Ж",
            "’",
            "“",
            ",",
            " ",
            "\t",
            "\u{b}",
            "\u{85}",
            "\u{a0}",
            "\u{2009}",
            "\r\n",
            "🙂",
            "e\u{301}",
            "spokeswoman",
        ];
        let mut next = crate::pseudo_random::below(0x5851_f42d_4c95_7f2d);
        let random: Vec<String> = (0..3000)
            .map(|_| (0..next(12)).map(|_| pieces[next(pieces.len())]).collect())
            .collect();
        for stretch in stretches
            .into_iter()
            .chain(random.iter().map(String::as_str))
        {
            assert_eq!(
                any_speech_verb(stretch),
                stretch.split_whitespace().any(is_speech_verb),
                "{stretch:?}"
            );
            if let VerbScan::NoneUpTo(last_word) = speech_verb_scan(stretch) {
                let after_last_space = stretch
                    .char_indices()
                    .rfind(|(_, c)| c.is_whitespace())
                    .map_or(0, |(at, c)| at + c.len_utf8());
                assert_eq!(last_word, after_last_space, "{stretch:?}");
            }
        }
    }

    #[test]
    fn the_reach_of_an_attribution_starts_on_a_word_near_the_end() {
        let short = "go, he said.";
        assert_eq!(attribution_reach(short), 0);
        let long = format!("{} go, he said.", "word ".repeat(400));
        let reach = attribution_reach(&long);
        assert!(long.len() - reach <= ATTRIBUTION_REACH, "{reach}");
        assert!(long[reach..].starts_with(' '), "{:?}", &long[reach..]);
        assert!(names_a_speaker(&long[reach..]));
        let unbroken = "x".repeat(ATTRIBUTION_REACH + 1);
        assert_eq!(attribution_reach(&unbroken), unbroken.len());
    }

    /// What `opening_while_open` reads, asked as `pair_doubles` asks it:
    /// for one open mark and each opening mark after it in turn.
    #[test]
    fn an_attribution_read_since_the_last_opening_is_found_as_over_the_whole_reach() {
        let pieces = [
            "said", "told", "he", "Mr", "go,", "now.", "here:", "have", " ", " ", "\n", "\u{a0}",
            "é", "“a”", "“", "’", ",", ".", "\"", "--", "padding ", "sa", "id", "to", "ld",
        ];
        let mut next = crate::pseudo_random::below(0x2545_f491_4f6c_dd1d);
        for _ in 0..400 {
            let mut text = String::from("“");
            let mut open_marks = vec![Span::new(0, text.len())];
            let mut verb_free = VerbFreeStretch::default();
            // Stretches long enough to pass the attribution's reach.
            let marks = 1 + next(40);
            for _ in 0..marks {
                for _ in 0..next(60) {
                    text.push_str(pieces[next(pieces.len())]);
                    if next(50) == 0 {
                        text.push_str(&"x ".repeat(300));
                    }
                }
                let open = *open_marks.last().unwrap();
                let stretch = text[open.end..].trim_end();
                let reach = open.end + attribution_reach(stretch);
                let window = reach..open.end + stretch.len();
                let expected = names_a_speaker(&text[window.clone()]);
                assert_eq!(
                    attributes_quotation(&text, window, open, &mut verb_free),
                    expected,
                    "{text:?}"
                );
                // Now and then the new mark nests, staying open after the
                // one before, or closes, and the one before is open again.
                let start = text.len();
                text.push('“');
                match next(6) {
                    0 => open_marks.push(Span::new(start, text.len())),
                    1 if open_marks.len() > 1 => {
                        open_marks.pop();
                    }
                    _ => {}
                }
            }
        }
    }

    #[test]
    fn a_quotation_left_open_before_many_others_pairs_them() {
        let text = format!("“Start {}\n", "“a” ".repeat(3000));
        let states = states(&text);
        assert_eq!(states.len(), 6001);
        assert_eq!(states[0], ('“', MarkState::UnclosedAtArticleEnd));
        assert!(states[1..]
            .iter()
            .all(|&(_, state)| state == MarkState::Paired));
    }

    #[test]
    fn curly_pairs_and_an_unclosed_mark_at_the_end() {
        assert_eq!(
            states("“Yes,” he said.\n\nThey are “volunteers.\n\nLeave a Reply"),
            [
                ('“', MarkState::Paired),
                ('”', MarkState::Paired),
                ('“', MarkState::UnclosedAtArticleEnd)
            ]
        );
    }

    #[test]
    fn multi_paragraph_quotation_with_straight_marks() {
        assert_eq!(
            states("He said: \"We will go.\n\n\"We will win.\"\n\nThe end."),
            [
                ('"', MarkState::Continued),
                ('"', MarkState::Paired),
                ('"', MarkState::Paired)
            ]
        );
    }

    #[test]
    fn nested_single_marks() {
        assert_eq!(
            states("“He said ‘no’ to me,” she said."),
            [
                ('“', MarkState::Paired),
                ('‘', MarkState::Paired),
                ('’', MarkState::Paired),
                ('”', MarkState::Paired)
            ]
        );
    }

    #[test]
    fn possessive_plural_is_not_a_quote_pair() {
        assert_eq!(
            states("The students’ union met."),
            [('’', MarkState::Unopened)]
        );
    }

    #[test]
    fn paragraphs_broken_mid_sentence_pair_as_one() {
        use MarkState::*;
        assert_eq!(
            states("Vote\n\nThe count ended.\n\n\"It was\n\nnot\n\nfair,\" she said.\n\nThen she left."),
            [('"', Paired), ('"', Paired)]
        );
        // A paragraph that ends with a stop is a paragraph.
        assert_eq!(
            states("Vote\n\nThe count ended.\n\n\"It was unfair.\n\nnot that anyone asked."),
            [('"', UnclosedAtParagraphEnd)]
        );
    }

    #[test]
    fn wire_copy_types_a_plural_possessive_as_a_double_mark() {
        use MarkState::*;
        assert_eq!(
            states("Japan\"s exporters said the growers\" union was \"firm\"."),
            [('"', Apostrophe), ('"', Paired), ('"', Paired)]
        );
        // Without an apostrophe typed that way elsewhere, it is a closing
        // mark whose opening is missing.
        assert_eq!(
            states("Japan's exporters said the growers\" union was firm."),
            [('"', Unopened)]
        );
    }

    #[test]
    fn the_markup_cursor_finds_what_a_search_back_finds() {
        let pieces = [
            "a",
            " ",
            "\"",
            "<",
            ">",
            "\n",
            "\r\n",
            "é",
            "<p class=\"x\">",
            "</p>",
            "🙂",
        ];
        let mut next = crate::pseudo_random::below(0x2545_f491_4f6c_dd1d);
        for _ in 0..500 {
            let text: String = (0..next(60)).map(|_| pieces[next(pieces.len())]).collect();
            let bytes = text.as_bytes();
            let plain = |at: usize| memchr::memrchr3(b'<', b'>', b'\n', &bytes[..at]);
            let mut cursor = MarkupCursor::default();
            let mut at = 0;
            while at <= bytes.len() {
                assert_eq!(
                    cursor.nearest_before(bytes, at),
                    plain(at),
                    "{text:?} at {at}"
                );
                at += 1 + next(4);
            }
            // Asked out of order, it starts again.
            assert_eq!(cursor.nearest_before(bytes, 0), None);
            assert_eq!(
                cursor.nearest_before(bytes, bytes.len()),
                plain(bytes.len())
            );
        }
    }

    /// [`inside_markup`] as it read the text before it tested bytes: by
    /// characters, with the nearest `<`, `>` or line break searched for
    /// back from the mark.
    fn inside_markup_by_characters(text: &str, span: Span) -> bool {
        let before = &text[..span.start];
        let after = &text[span.end..];
        if before.ends_with('=') || after.starts_with("> <") || after.starts_with("><") {
            return true;
        }
        let attribute = after
            .strip_prefix(' ')
            .map(|rest| rest.trim_start_matches(|c: char| c.is_ascii_alphabetic() || c == '-'))
            .is_some_and(|rest| rest.starts_with("=\"") && rest.len() + 2 < after.len());
        if attribute {
            return true;
        }
        let Some(lt) = memchr::memrchr3(b'<', b'>', b'\n', before.as_bytes()) else {
            return false;
        };
        if lt + MARKUP_LOOKBACK < before.len() {
            return false;
        }
        let tag = &before[lt + 1..];
        before.as_bytes()[lt] == b'<'
            && tag.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!')
            && tag.contains('=')
    }

    #[test]
    fn markup_is_found_by_its_bytes_as_by_its_characters() {
        let pieces = [
            "a",
            "é",
            " ",
            "\"",
            "“",
            "=",
            "<",
            ">",
            "/",
            "!",
            "-",
            "\n",
            "name",
            "x-y",
            "<p",
            "<meta ",
            "</",
            "<!--",
            "=\"",
            "> <",
            "\"><",
            " content=\"",
            "😀",
            "\u{a0}",
        ];
        let mut next = crate::pseudo_random::below(0x9e37_79b9_7f4a_7c15);
        let mut found = 0;
        for round in 0..3000 {
            let mut text: String = (0..next(30)).map(|_| pieces[next(pieces.len())]).collect();
            if round % 50 == 0 {
                // A tag's opening beyond the reach of the look back.
                text.insert_str(0, &format!("<a {}", "x".repeat(MARKUP_LOOKBACK)));
            }
            let mut cursor = MarkupCursor::default();
            for (at, c) in text.char_indices() {
                if !matches!(c, '"' | '“') {
                    continue;
                }
                let span = Span::new(at, at + c.len_utf8());
                let expected = inside_markup_by_characters(&text, span);
                found += usize::from(expected);
                assert_eq!(
                    inside_markup(&text, span, &mut cursor),
                    expected,
                    "{text:?} at {at}"
                );
            }
        }
        assert!(found > 1000, "{found}");
    }

    #[test]
    fn attribute_values_of_markup_cut_mid_tag() {
        assert_eq!(
            states("width=device-width\" name=\"viewport\"><meta charset=\"utf-8\">\n\nText."),
            []
        );
    }

    #[test]
    fn inch_marks() {
        assert_eq!(
            states("He is a 6' 2\" player."),
            [
                ('\'', MarkState::Measurement),
                ('"', MarkState::Measurement)
            ]
        );
    }

    #[test]
    fn quoted_spans_cover_quotations() {
        let text = "He said “go to Kiev” on Monday.";
        let syntax = parse(text);
        let quotations = pair_quotation_marks(text, &syntax);
        let kiev = text.find("Kiev").unwrap();
        assert!(quotations.covers(Span::new(kiev, kiev + 4)));
        let monday = text.find("Monday").unwrap();
        assert!(!quotations.covers(Span::new(monday, monday + 6)));
    }
}
