//! The block grammar: text → lines → blocks (headline, standfirst,
//! dateline, body paragraphs, trailing residue).
//!
//! ```text
//! article   = *( blank-line | run )
//! run       = 1*text-line            ; lines with no blank line between
//! text-line = *( not-line-break ) [ line-break ]
//! dateline  = place [ "," SP month SP day ] [ SP "(" agency ")" ] SP dash SP
//! ```
//!
//! A run is split into paragraphs in one of two ways, as news copy comes:
//!
//! - **hard-wrapped** (wire copy): every line but the last is short, so the
//!   lines are one paragraph wrapped at a fixed width, and a paragraph
//!   starts at a line indented deeper than the run's least-indented line
//!   (the Reuters convention of 4-space paragraph indents);
//! - **a paragraph per line** (web copy): any line is long, so each line is a
//!   paragraph of its own.

use nom::bytes::complete::{tag, take_while, take_while1, take_while_m_n};
use nom::character::complete::{char as one_char, digit1, space0, space1};
use nom::combinator::{opt, recognize, verify};
use nom::multi::many_m_n;
use nom::sequence::{delimited, pair, preceded};
use nom::{IResult, Parser};

use super::tokens::Token;
use crate::source::Span;

/// The longest line (in characters) that still counts as hard-wrapped.
const WRAP_WIDTH: usize = 90;
/// The longest first block, in words, that can be a headline.
const HEADLINE_MAX_WORDS: usize = 30;
/// The longest block, in words, that can be residue after the story.
const RESIDUE_MAX_WORDS: usize = 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BlockKind {
    Headline,
    /// The subheading or summary under a headline.
    Standfirst,
    /// "NEW YORK, Feb 26 -", "WASHINGTON (Reuters) —": where and when the
    /// story was filed, split off the first paragraph.
    Dateline,
    Paragraph,
    /// Sign-offs and web page furniture after the story: "Reuter",
    /// "Leave a Reply", a source URL.
    Residue,
}

impl BlockKind {
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Headline => "headline",
            BlockKind::Standfirst => "standfirst",
            BlockKind::Dateline => "dateline",
            BlockKind::Paragraph => "paragraph",
            BlockKind::Residue => "residue",
        }
    }
}

/// A block before its tokens and statements are attached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawBlock {
    pub kind: BlockKind,
    /// From the first to the last non-white-space character.
    pub span: Span,
}

#[derive(Clone, Copy, Debug)]
struct Line {
    /// The line's text without its line break, leading and trailing white
    /// space or a byte-order mark.
    span: Span,
    /// Leading spaces and tabs, a tab counting as four.
    indent: usize,
    /// Whether the line, without leading or trailing white space, is at
    /// most [`WRAP_WIDTH`] characters.
    short: bool,
    blank: bool,
}

/// `text-line = *( not-line-break ) [ line-break ]`, returning the content.
#[inline]
fn text_line<'a>(input: &'a str, search: &LineBreakSearch) -> IResult<&'a str, &'a str> {
    let (rest, content) = not_line_breaks(input, search)?;
    // `rest` is empty or starts with the line break: matched by its
    // bytes, as `opt(alt((tag("\r\n"), tag("\n"), tag("\r"))))` would.
    let break_width = match rest.as_bytes() {
        [b'\r', b'\n', ..] => 2,
        [b'\r' | b'\n', ..] => 1,
        _ => 0,
    };
    Ok((rest.get(break_width..).unwrap_or_default(), content))
}

/// `*( not-line-break )`: `take_while(|c| c != '\n' && c != '\r')` as a
/// byte search, since in UTF-8 the bytes of `\n` and `\r` never occur
/// inside another character.
#[inline]
fn not_line_breaks<'a>(input: &'a str, search: &LineBreakSearch) -> IResult<&'a str, &'a str> {
    let end = search.find(input.as_bytes()).unwrap_or(input.len());
    match (input.get(end..), input.get(..end)) {
        (Some(rest), Some(content)) => Ok((rest, content)),
        _ => take_while(|c| c != '\n' && c != '\r').parse(input),
    }
}

/// The search for the first `\n` or `\r` of a slice, made once for a
/// text rather than once for each of its lines: `memchr2` picks the
/// search the processor allows and sets up the bytes it looks for at
/// every call, which for lines of news copy, some ninety bytes, costs
/// about as much as the search itself.
#[derive(Clone, Copy, Debug)]
struct LineBreakSearch {
    #[cfg(target_arch = "x86_64")]
    avx2: Option<memchr::arch::x86_64::avx2::memchr::Two>,
}

impl LineBreakSearch {
    fn new() -> LineBreakSearch {
        LineBreakSearch {
            #[cfg(target_arch = "x86_64")]
            avx2: memchr::arch::x86_64::avx2::memchr::Two::new(b'\n', b'\r'),
        }
    }

    /// Where the first `\n` or `\r` of `haystack` is, as
    /// `memchr::memchr2` gives it.
    #[inline]
    fn find(&self, haystack: &[u8]) -> Option<usize> {
        #[cfg(target_arch = "x86_64")]
        if let Some(two) = &self.avx2 {
            return two.find(haystack);
        }
        memchr::memchr2(b'\n', b'\r', haystack)
    }
}

/// The lines of `text`, one at a time: a run of non-blank lines is all
/// the block grammar holds at once, so a long file's lines are never all
/// in memory together.
fn lines(text: &str) -> impl Iterator<Item = Line> + '_ {
    let mut rest = text;
    let search = LineBreakSearch::new();
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (remaining, content) = text_line(rest, &search).ok()?;
        let start = text.len() - rest.len();
        rest = remaining;
        Some(line(start, content))
    })
}

/// [`lines`], read from the line-break tokens of `text` (`tokens`, which
/// tile it, at the indexes `line_breaks`) rather than searched for: a
/// line runs from the end of a line break (or the start of the text) to
/// the start of the next (or the end of the text), as
/// `line-break = "\r\n" | "\n" | "\r"` is the token grammar's
/// production too.
fn lines_at_breaks<'a>(
    text: &'a str,
    tokens: &'a [Token],
    line_breaks: &'a [u32],
) -> impl Iterator<Item = Line> + 'a {
    let mut start = 0;
    let mut breaks = line_breaks.iter();
    std::iter::from_fn(move || {
        let (end, next) = match breaks.next() {
            Some(&index) => {
                let span = tokens.get(index as usize)?.span();
                (span.start, span.end)
            }
            None if start < text.len() => (text.len(), text.len()),
            None => return None,
        };
        let line = line_at(text, start, end)?;
        start = next;
        Some(line)
    })
}

/// The line of `text` from the byte offset `start` to `end`, without its
/// line break ([`line`]), both offsets on character boundaries. Read from
/// its bytes where it holds only ASCII white space or has a visible ASCII
/// character at either end, as nearly every line has: only another line
/// is sliced as text, which checks that both offsets are character
/// boundaries.
#[inline(always)]
fn line_at(text: &str, start: usize, end: usize) -> Option<Line> {
    let bytes = text.as_bytes().get(start..end)?;
    let leading = bytes
        .iter()
        .take_while(|byte| byte.is_ascii_whitespace())
        .count();
    // ASCII white space is a character a byte.
    let indent = |leading: &[u8]| {
        leading
            .iter()
            .map(|&byte| if byte == b'\t' { 4 } else { 1 })
            .sum()
    };
    match (bytes.get(leading), bytes.last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => {
            let trimmed = bytes.get(leading..)?;
            Some(Line {
                span: Span::new(start + leading, end),
                indent: indent(bytes.get(..leading)?),
                // A character takes one to four bytes, so most lines need
                // no count.
                short: trimmed.len() <= WRAP_WIDTH
                    || (trimmed.len() <= 4 * WRAP_WIDTH
                        && text.get(start + leading..end)?.chars().count() <= WRAP_WIDTH),
                blank: false,
            })
        }
        (None, _) => Some(Line {
            span: Span::new(end, end),
            indent: indent(bytes),
            short: true,
            blank: true,
        }),
        _ => Some(line(start, text.get(start..end)?)),
    }
}

/// The line whose text without its line break, `content`, starts at the
/// byte offset `start`. The line's own text is read, not sliced again out
/// of the whole text.
#[inline(always)]
fn line(start: usize, content: &str) -> Line {
    let (leading, trimmed) = trim_parts(content);
    let span_start = start + leading.len();
    let indent = leading.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum();
    Line {
        span: Span::new(span_start, span_start + trimmed.len()),
        indent,
        // A character takes one to four bytes, so most lines need no
        // count.
        short: trimmed.len() <= WRAP_WIDTH
            || (trimmed.len() <= 4 * WRAP_WIDTH && trimmed.chars().count() <= WRAP_WIDTH),
        blank: trimmed.is_empty(),
    }
}

/// Splits the text into classified blocks. Total: any text gives blocks
/// (possibly none, for blank text) that cover every non-blank character.
pub fn blocks(text: &str) -> Vec<RawBlock> {
    blocks_with_breaks(text, &[])
}

/// [`blocks`], where a line whose first character is at one of the sorted
/// byte offsets `breaks` always starts a new block: a Markdown or HTML
/// document's own block structure (a heading line directly above a
/// paragraph, list items) that line layout alone does not show.
pub fn blocks_with_breaks(text: &str, breaks: &[usize]) -> Vec<RawBlock> {
    blocks_of_lines(text, lines(text), breaks)
}

/// [`blocks_with_breaks`] of a text already tokenised: its lines are read
/// from its line-break tokens ([`lines_at_breaks`]) rather than searched
/// for again. `tokens` must tile `text` and `line_breaks` be the indexes
/// of its [`crate::syntax::TokenKind::LineBreak`] tokens, in order, as
/// the tokenizer notes them; if the tokens do not reach the end of the
/// text, the text is searched.
pub(crate) fn blocks_at_line_breaks(
    text: &str,
    breaks: &[usize],
    tokens: &[Token],
    line_breaks: &[u32],
) -> Vec<RawBlock> {
    let tiled = tokens.last().map_or(0, |token| token.span().end) == text.len();
    if tiled {
        blocks_of_lines(text, lines_at_breaks(text, tokens, line_breaks), breaks)
    } else {
        blocks_with_breaks(text, breaks)
    }
}

/// The blocks of the `lines` of `text`, in order ([`blocks_with_breaks`]).
fn blocks_of_lines(
    text: &str,
    lines: impl Iterator<Item = Line>,
    breaks: &[usize],
) -> Vec<RawBlock> {
    // Sized for news copy, whose lines run to some seventy bytes and whose
    // paragraphs to a few hundred: one allocation each for most articles,
    // not a vector grown from empty and copied several times.
    let mut paragraphs: Vec<Span> = Vec::with_capacity(text.len() / 128 + 1);
    let mut run: Vec<Line> = Vec::with_capacity(text.len() / 64 + 1);
    // The run's shape is kept up as its lines come, so that splitting it
    // needs no passes of its own over them.
    let mut shape = RunShape::EMPTY;
    for line in lines {
        if !line.blank {
            shape.add(&line);
            run.push(line);
        } else if !run.is_empty() {
            split_run(text, &run, shape, breaks, &mut paragraphs);
            run.clear();
            shape = RunShape::EMPTY;
        }
    }
    if !run.is_empty() {
        split_run(text, &run, shape, breaks, &mut paragraphs);
    }
    classify(text, &paragraphs)
}

/// What splitting a run of non-blank lines asks of all its lines at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct RunShape {
    /// Whether every line is short: hard-wrapped copy.
    hard_wrapped: bool,
    /// The least indent of a line (`usize::MAX` in an empty run).
    least_indent: usize,
}

impl RunShape {
    const EMPTY: RunShape = RunShape {
        hard_wrapped: true,
        least_indent: usize::MAX,
    };

    fn add(&mut self, line: &Line) {
        self.hard_wrapped &= line.short;
        self.least_indent = self.least_indent.min(line.indent);
    }
}

/// Splits one run of non-blank lines, of the `shape` given, into
/// paragraph spans.
fn split_run(
    text: &str,
    run: &[Line],
    shape: RunShape,
    breaks: &[usize],
    paragraphs: &mut Vec<Span>,
) {
    // A run that is not hard-wrapped is a paragraph a line.
    if !shape.hard_wrapped {
        paragraphs.extend(run.iter().map(|line| line.span));
        return;
    }
    let least_indent = shape.least_indent;
    let mut current: Option<Span> = None;
    // Whether the line before is a bare address: each line is asked once.
    let mut after_address = false;
    for (position, line) in run.iter().enumerate() {
        let span = line.span;
        // A bare address is never part of a paragraph (scraped copy puts
        // the source URL on the line under the headline). Only the lines
        // of hard-wrapped copy are asked: every other line starts one.
        let address = may_start_url(text, span) && is_url(span.slice(text));
        let starts_paragraph = position == 0
            || (line.indent > least_indent && run[position - 1].indent <= line.indent)
            || address
            || after_address
            || breaks.binary_search(&span.start).is_ok();
        after_address = address;
        if starts_paragraph {
            paragraphs.extend(current.take());
        }
        current = Some(current.map_or(span, |open| open.cover(span)));
    }
    paragraphs.extend(current);
}

/// Whether the text at `span` starts with the first letter of an address
/// ([`is_url`]): a byte test that turns away nearly every line of a run
/// before its text is sliced.
fn may_start_url(text: &str, span: Span) -> bool {
    matches!(text.as_bytes().get(span.start), Some(b'h' | b'w'))
}

/// The span without leading or trailing white space (or a byte-order mark).
fn trimmed(text: &str, span: Span) -> Span {
    let (leading, kept) = trim_parts(span.slice(text));
    let start = span.start + leading.len();
    Span::new(start, start + kept.len())
}

/// `slice` as its leading white space (and byte-order marks) and the
/// rest without trailing white space.
#[inline]
fn trim_parts(slice: &str) -> (&str, &str) {
    // Leading ASCII white space (a wire paragraph's indent), then a
    // visible ASCII character, with one at the end too (as most lines
    // have): the indent is all there is to trim, and no character needs
    // decoding. A blank slice is all white space.
    let bytes = slice.as_bytes();
    let indent = bytes
        .iter()
        .take_while(|byte| byte.is_ascii_whitespace())
        .count();
    match (bytes.get(indent), bytes.last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => {
            slice.split_at(indent)
        }
        (None, _) => (slice, ""),
        _ => trim_parts_by_characters(slice),
    }
}

/// [`trim_parts`] of a slice with white space or a character that is not
/// ASCII at an end. Kept out of line so the test before it is inlined.
#[inline(never)]
fn trim_parts_by_characters(slice: &str) -> (&str, &str) {
    let kept = slice.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let (leading, kept) = slice.split_at(slice.len() - kept.len());
    (leading, kept.trim_end())
}

fn classify(text: &str, paragraphs: &[Span]) -> Vec<RawBlock> {
    let mut kinds = vec![BlockKind::Paragraph; paragraphs.len()];
    let mut body_start = 0;
    if paragraphs.len() > 1 && is_headline(paragraphs[0].slice(text)) {
        kinds[0] = BlockKind::Headline;
        body_start = 1;
        if paragraphs.len() > 2 && is_standfirst(paragraphs[1].slice(text)) {
            kinds[1] = BlockKind::Standfirst;
            body_start = 2;
        }
    }
    // A source address under the headline, as scraped copy carries it.
    while body_start < paragraphs.len() && is_url(paragraphs[body_start].slice(text)) {
        kinds[body_start] = BlockKind::Residue;
        body_start += 1;
    }
    let mut body_end = paragraphs.len();
    while body_end > body_start + 1 && is_residue(paragraphs[body_end - 1].slice(text)) {
        body_end -= 1;
        kinds[body_end] = BlockKind::Residue;
    }

    let mut blocks = Vec::with_capacity(paragraphs.len() + 1);
    for (position, (&span, &kind)) in paragraphs.iter().zip(&kinds).enumerate() {
        if position == body_start && kind == BlockKind::Paragraph {
            if let Ok((rest, _)) = dateline(span.slice(text)) {
                let split = span.end - rest.len();
                let dateline_span = trimmed(text, Span::new(span.start, split));
                blocks.push(RawBlock {
                    kind: BlockKind::Dateline,
                    span: dateline_span,
                });
                if split < span.end {
                    blocks.push(RawBlock {
                        kind,
                        span: trimmed(text, Span::new(split, span.end)),
                    });
                }
                continue;
            }
        }
        blocks.push(RawBlock { kind, span });
    }
    blocks
}

/// Whether `block` has at most `most` words: counting stops there, as a
/// long paragraph's words need no count to know it is long.
///
/// The words are those `split_whitespace` gives, found a byte at a time
/// in ASCII: only a character that is not ASCII is decoded.
fn has_at_most_words(block: &str, most: usize) -> bool {
    // Between two words is at least a byte of white space, so `2 * most`
    // bytes hold at most `most` words: most headlines and sign-offs need
    // no count.
    if block.len() <= 2 * most {
        return true;
    }
    let bytes = block.as_bytes();
    let mut words = 0;
    let mut in_word = false;
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        let (space, width) = if byte.is_ascii() {
            (matches!(byte, b' ' | b'\t'..=b'\r'), 1)
        } else {
            let character = block.get(index..).and_then(|rest| rest.chars().next());
            (
                character.is_some_and(char::is_whitespace),
                character.map_or(1, char::len_utf8),
            )
        };
        if !space && !in_word {
            words += 1;
            if words > most {
                return false;
            }
        }
        in_word = !space;
        index += width;
    }
    true
}

fn ends_like_a_sentence(block: &str) -> bool {
    let last = block
        .trim_end_matches(['"', '”', '’', '\'', ')', ']'])
        .chars()
        .next_back();
    matches!(last, Some('.' | '!' | '?' | '…' | ':' | ';' | ','))
}

fn is_all_caps(block: &str) -> bool {
    let mut letters = block.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(|c| !c.is_lowercase())
}

fn is_single_line(block: &str) -> bool {
    !block.contains('\n')
}

/// A first block that is a single short line not ending with a full stop,
/// or in capitals, or in title case: "Ad sales boost Time Warner profit",
/// "BAHIA COCOA REVIEW", "Trump Signs An Order That Ends Welfare."
fn is_headline(block: &str) -> bool {
    is_single_line(block)
        && has_at_most_words(block, HEADLINE_MAX_WORDS)
        && (!block.ends_with('.') || is_all_caps(block) || is_title_case(block))
}

/// Most words of four letters or more start with a capital.
fn is_title_case(block: &str) -> bool {
    let long_words: Vec<&str> = block
        .split_whitespace()
        .filter(|word| word.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    let capitalised = long_words
        .iter()
        .filter(|word| {
            word.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
        .count();
    long_words.len() >= 3 && capitalised * 5 >= long_words.len() * 4
}

/// A second single-line block that does not end like a sentence.
fn is_standfirst(block: &str) -> bool {
    // Its last characters are asked before its words are counted: most
    // second blocks are paragraphs that end like a sentence.
    !is_url(block)
        && !ends_like_a_sentence(block)
        && is_single_line(block)
        && has_at_most_words(block, 2 * HEADLINE_MAX_WORDS)
}

fn is_url(block: &str) -> bool {
    // The prefix first: it settles most blocks without a scan.
    (block.starts_with("http://") || block.starts_with("https://") || block.starts_with("www."))
        && !block.contains(char::is_whitespace)
}

/// Short trailing furniture: a sign-off ("Reuter"), a line that does not
/// end like a sentence ("Leave a Reply"), an address.
fn is_residue(block: &str) -> bool {
    is_url(block) || (!ends_like_a_sentence(block) && has_at_most_words(block, RESIDUE_MAX_WORDS))
}

/// `dateline = place [ "," SP month SP day ] [ SP "(" agency ")" ] SP dash SP`
///
/// The place is in capitals ("NEW YORK", "ST. LOUIS", "WASHINGTON"); the
/// dash is a hyphen, en dash or em dash with spaces, or two hyphens.
fn dateline(input: &str) -> IResult<&str, &str> {
    recognize((
        space0,
        dateline_place,
        opt(preceded((one_char(','), space1), month_day)),
        opt(preceded(space1, agency)),
        space1,
        dateline_dash,
        space1,
    ))
    .parse(input)
}

/// `place = place-word *4( SP place-word )`, with at least two letters:
/// "NEW YORK", "ST. LOUIS", "WASHINGTON".
fn dateline_place(input: &str) -> IResult<&str, &str> {
    verify(
        recognize(pair(
            place_word,
            many_m_n(0, 4, preceded(one_char(' '), place_word)),
        )),
        |place: &str| place.chars().filter(|c| c.is_alphabetic()).count() >= 2,
    )
    .parse(input)
}

/// `place-word = UPPER *( UPPER | "." | "'" | "’" | "-" )`
fn place_word(input: &str) -> IResult<&str, &str> {
    recognize(pair(
        take_while_m_n(1, 1, |c: char| c.is_uppercase()),
        take_while(|c: char| c.is_uppercase() || ".'’-".contains(c)),
    ))
    .parse(input)
}

/// `month SP day`: "Feb 26", "Sept. 3".
fn month_day(input: &str) -> IResult<&str, &str> {
    recognize((
        take_while_m_n(1, 1, |c: char| c.is_uppercase()),
        take_while1(|c: char| c.is_lowercase()),
        opt(one_char('.')),
        space1,
        digit1,
    ))
    .parse(input)
}

/// `agency = "(" 1*( letter | SP ) ")"`: "(Reuters)", "(AP)".
fn agency(input: &str) -> IResult<&str, &str> {
    delimited(
        one_char('('),
        take_while1(|c: char| c.is_alphabetic() || c == ' '),
        one_char(')'),
    )
    .parse(input)
}

/// `dash = "-" | "--" | "–" | "—"`
fn dateline_dash(input: &str) -> IResult<&str, &str> {
    nom::branch::alt((tag("--"), tag("-"), tag("–"), tag("—"))).parse(input)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(text: &str) -> Vec<(BlockKind, &str)> {
        blocks(text)
            .into_iter()
            .map(|block| (block.kind, block.span.slice(text)))
            .collect()
    }

    #[test]
    fn blank_lines_separate_paragraphs() {
        let text =
            "Ad sales boost Time Warner profit\n\nQuarterly profits rose.\n\nThe firm said so.\n";
        assert_eq!(
            render(text),
            [
                (BlockKind::Headline, "Ad sales boost Time Warner profit"),
                (BlockKind::Paragraph, "Quarterly profits rose."),
                (BlockKind::Paragraph, "The firm said so."),
            ]
        );
    }

    #[test]
    fn wire_copy_with_hard_wraps_and_indents() {
        let text = "BAHIA COCOA REVIEW\n\nSALVADOR, Feb 26 - Showers continued throughout the week in\nthe Bahia cocoa zone.\n    The dry period means the temporao will be late this year.\n    Arrivals for the week ended February 22 were 155,221 bags\nof 60 kilos.\n Reuter\n";
        assert_eq!(
            render(text),
            [
                (BlockKind::Headline, "BAHIA COCOA REVIEW"),
                (BlockKind::Dateline, "SALVADOR, Feb 26 -"),
                (
                    BlockKind::Paragraph,
                    "Showers continued throughout the week in\nthe Bahia cocoa zone."
                ),
                (
                    BlockKind::Paragraph,
                    "The dry period means the temporao will be late this year."
                ),
                (
                    BlockKind::Paragraph,
                    "Arrivals for the week ended February 22 were 155,221 bags\nof 60 kilos."
                ),
                (BlockKind::Residue, "Reuter"),
            ]
        );
    }

    #[test]
    fn datelines_with_agency_and_em_dash() {
        assert_eq!(
            dateline("WASHINGTON (Reuters) — The"),
            Ok(("The", "WASHINGTON (Reuters) — "))
        );
        assert_eq!(
            dateline("NEW YORK, Feb 26 - Shares"),
            Ok(("Shares", "NEW YORK, Feb 26 - "))
        );
        assert!(dateline("A - B").is_err());
        assert!(dateline("The man said - no").is_err());
    }

    #[test]
    fn long_lines_are_each_a_paragraph() {
        let long = "word ".repeat(30);
        let text = format!("TITLE OF IT\nhttp://example.com/story\n{long}end.\n{long}end.");
        let kinds: Vec<BlockKind> = render(&text).into_iter().map(|(kind, _)| kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Headline,
                BlockKind::Residue,
                BlockKind::Paragraph,
                BlockKind::Paragraph
            ]
        );
    }

    #[test]
    fn short_title_and_address_lines_above_a_long_paragraph() {
        let body = "word ".repeat(30);
        let text = format!("SHOCK CLAIM: Officials To Be Charged\nhttp://example.com/2017/08/14/shock-claim-officials-to-be-charged-with-crimes/\n{body}end.");
        let kinds: Vec<BlockKind> = render(&text).into_iter().map(|(kind, _)| kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Headline,
                BlockKind::Residue,
                BlockKind::Paragraph
            ]
        );
        let text = format!("Governor Signs An Order That Ends The Program.\n{body}end.");
        let kinds: Vec<BlockKind> = render(&text).into_iter().map(|(kind, _)| kind).collect();
        assert_eq!(kinds, [BlockKind::Headline, BlockKind::Paragraph]);
    }

    #[test]
    fn an_address_in_hard_wrapped_copy_is_a_block_of_its_own() {
        let text = "Shares rise in Tokyo\nhttp://example.com/a\nShares rose on\nMonday, dealers said.\nwww.example.com\nReuter";
        assert_eq!(
            render(text),
            [
                (BlockKind::Headline, "Shares rise in Tokyo"),
                (BlockKind::Residue, "http://example.com/a"),
                (
                    BlockKind::Paragraph,
                    "Shares rose on\nMonday, dealers said."
                ),
                (BlockKind::Residue, "www.example.com"),
                (BlockKind::Residue, "Reuter"),
            ]
        );
    }

    #[test]
    fn standfirst_and_trailing_residue() {
        let text = "Heads talked by phone\n\nThe chief also spoke on Wednesday\n\nBody text here.\n\nLeave a Reply\n\nYour email address will not be published. Required fields are marked *";
        let kinds: Vec<BlockKind> = render(text).into_iter().map(|(kind, _)| kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Headline,
                BlockKind::Standfirst,
                BlockKind::Paragraph,
                BlockKind::Residue,
                BlockKind::Residue
            ]
        );
    }

    #[test]
    fn crlf_and_bom() {
        let text = "\u{feff}Headline\r\n\r\nBody.\r\n";
        assert_eq!(
            render(text),
            [
                (BlockKind::Headline, "Headline"),
                (BlockKind::Paragraph, "Body.")
            ]
        );
    }

    #[test]
    fn line_content_by_bytes_agrees_with_the_character_rule() {
        let text = "Headline\r\n\r\nBody é\u{0301} “quoted” 👩\u{200d}👧\rold Mac\n\u{feff}\u{2028}x\u{85}y\n\n";
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let input = &text[offset..];
            let reference: IResult<&str, &str> =
                take_while(|c| c != '\n' && c != '\r').parse(input);
            assert_eq!(
                not_line_breaks(input, &LineBreakSearch::new()),
                reference,
                "at {offset}: {input:?}"
            );
        }
    }

    #[test]
    fn line_break_search_agrees_with_memchr2() {
        let pieces = [
            "a",
            "word ",
            "\n",
            "\r",
            "\r\n",
            "é",
            "👩",
            "                ",
        ];
        let mut next = crate::pseudo_random::below(0xa54f_f53a_5f1d_36f1);
        let search = LineBreakSearch::new();
        for _ in 0..300 {
            let text: String = (0..40).map(|_| pieces[next(pieces.len())]).collect();
            let bytes = text.as_bytes();
            for start in 0..=bytes.len() {
                let haystack = &bytes[start..];
                assert_eq!(
                    search.find(haystack),
                    memchr::memchr2(b'\n', b'\r', haystack),
                    "{haystack:?}"
                );
            }
        }
    }

    #[test]
    fn line_break_by_bytes_agrees_with_the_grammar() {
        let text = "a\r\nb\n\rc\r\r\nd\n\ne\u{2028}f\r";
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let input = &text[offset..];
            let reference: IResult<&str, &str> = take_while(|c| c != '\n' && c != '\r')
                .and(opt(nom::branch::alt((tag("\r\n"), tag("\n"), tag("\r")))))
                .map(|(content, _)| content)
                .parse(input);
            assert_eq!(
                text_line(input, &LineBreakSearch::new()),
                reference,
                "at {offset}: {input:?}"
            );
        }
    }

    #[test]
    fn trimming_by_bytes_agrees_with_trimming_by_characters() {
        let pieces = [
            "a", "Z", "7", ".", "~", "!", " ", "\t", "\n", "\r", "\u{0b}", "\u{0c}", "\u{1c}",
            "\u{7f}", "\u{feff}", "\u{a0}", "\u{2009}", "\u{3000}", "\u{85}", "é", "”", "👩",
        ];
        let mut next = crate::pseudo_random::below(0x51ed_270b_a1f3_c3d5);
        let mut texts: Vec<String> = vec![String::new()];
        for first in pieces {
            for second in pieces {
                texts.push(format!("{first}{second}"));
                texts.push(format!("{first}x{second}"));
            }
        }
        for _ in 0..2000 {
            texts.push((0..6).map(|_| pieces[next(pieces.len())]).collect());
        }
        for text in &texts {
            let kept = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
            let leading = &text[..text.len() - kept.len()];
            assert_eq!(trim_parts(text), (leading, kept.trim_end()), "{text:?}");
        }
    }

    #[test]
    fn word_bound_agrees_with_a_count() {
        let texts = [
            "a  b\tc\u{a0}d\u{2009}e\r\nf  ",
            // As many words as the length allows, for the shortcut by length.
            "a b c d e f g h i j k l m n o p q r s t",
            " a b c d e f g h i j k l m ",
            "é è\u{85}ü\u{3000}ö\u{1680}x\u{0b}y\u{0c}z\u{1c}w",
        ];
        for text in texts {
            for (start, _) in text.char_indices() {
                for (end, _) in text[start..]
                    .char_indices()
                    .chain([(text.len() - start, ' ')])
                {
                    let block = &text[start..start + end];
                    let count = block.split_whitespace().count();
                    for most in 0..24 {
                        assert_eq!(
                            has_at_most_words(block, most),
                            count <= most,
                            "{block:?} {most}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn only_a_line_that_may_start_an_address_is_one() {
        // The byte test before `is_url` in a run must turn away no
        // address: every line that is one starts with a letter it passes.
        let lines = [
            "http://example.com/story",
            "https://example.com/a?b=c",
            "www.example.com",
            "HTTP://EXAMPLE.COM",
            "http:/example.com",
            "http://example.com and more",
            "wwww.example.com",
            "hello world",
            "é http://example.com",
            "",
        ];
        for line in lines {
            let text = format!("  {line}  ");
            let span = Span::new(2, 2 + line.len());
            if is_url(span.slice(&text)) {
                assert!(may_start_url(&text, span), "{line:?}");
            }
        }
        for line in lines.iter().filter(|line| line.starts_with(['h', 'w'])) {
            assert!(may_start_url(line, Span::new(0, line.len())), "{line:?}");
        }
    }

    #[test]
    fn blocks_read_from_line_break_tokens_agree_with_the_searched_lines() {
        let pieces = [
            "Word",
            "word ",
            "A headline",
            "NEW YORK, Feb 26 - ",
            "It rose.",
            "\n",
            "\n\n",
            "\r",
            "\r\n",
            "\r\n\r\n",
            "    ",
            "\t",
            " ",
            "é",
            "👩",
            "\u{feff}",
            "\u{a0}",
            "\u{2028}",
            "\u{b}",
            "\u{c}",
            "x",
            "http://example.com",
            "Reuter",
            &"long line of copy ".repeat(6),
        ];
        let mut next = crate::pseudo_random::below(0x3c6e_f372_fe94_f82b);
        for _ in 0..2_000 {
            let count = next(40);
            let text: String = (0..count).map(|_| pieces[next(pieces.len())]).collect();
            let tokenized = crate::syntax::tokens::tokenize_with_marks(&text);
            // Every line start a format may fix as a block's start, and
            // none.
            let starts: Vec<usize> = std::iter::once(0)
                .chain(text.match_indices(['\n', '\r']).map(|(at, _)| at + 1))
                .filter(|&at| text.is_char_boundary(at))
                .collect();
            for breaks in [&[][..], &starts[..]] {
                assert_eq!(
                    blocks_at_line_breaks(&text, breaks, &tokenized.tokens, &tokenized.line_breaks),
                    blocks_with_breaks(&text, breaks),
                    "{text:?} {breaks:?}"
                );
            }
        }
    }

    #[test]
    fn blank_text_has_no_blocks() {
        assert!(render(" \n\t\r\n").is_empty());
        assert!(render("").is_empty());
    }

    #[test]
    fn run_shape_agrees_with_its_lines() {
        let long = "word ".repeat(30);
        let contents = [
            "short line",
            "    indented",
            "\tand tabbed",
            long.as_str(),
            "  two spaces",
        ];
        for mask in 0u32..1 << contents.len() {
            let run: Vec<Line> = contents
                .iter()
                .enumerate()
                .filter(|(index, _)| mask & 1 << index != 0)
                .map(|(index, content)| line(index * 200, content))
                .collect();
            let mut shape = RunShape::EMPTY;
            for line in &run {
                shape.add(line);
            }
            assert_eq!(shape.hard_wrapped, run.iter().all(|line| line.short));
            if let Some(least) = run.iter().map(|line| line.indent).min() {
                assert_eq!(shape.least_indent, least);
            }
        }
    }
}
