//! Checking a long file in parts, so that memory is bounded by the part,
//! not by the file.
//!
//! Everything a check builds (tokens, statements, each model's facts, each
//! rule's tables) grows with the text: together about twenty bytes for
//! every byte checked. A text longer than [`PART_BYTES`] is therefore
//! checked in parts of at most that size, one after another, and only the
//! findings are kept from one part to the next.
//!
//! - Parts are cut between blocks, which are found and classified in the
//!   whole text first, so a headline stays the headline and a paragraph
//!   stays a paragraph whichever part holds it.
//! - A block longer than a part (a file that is one huge paragraph) is cut
//!   at a line break, else after a sentence's full stop, else at white
//!   space, else between characters.
//! - A part runs from its first block to its last, so the white space
//!   between two parts (and around the first and last blocks) belongs to
//!   none: no rule reports in it, and a file of a gigabyte of blank lines
//!   costs no memory.
//!
//! What this costs: rules that compare one place with another (a name's
//! spellings, a figure stated twice, the year of an article's dates) do so
//! within a part. A part is 1 MiB, twenty times the longest article of a
//! 5,700-article news corpus, so no news story is ever cut.

use std::ops::Range;

use crate::source::Span;
use crate::syntax::blocks::RawBlock;

/// The most text checked at once: a file up to this long is one part.
pub const PART_BYTES: usize = 1 << 20;

/// One part of a text: its byte range, its blocks in the part's own
/// offsets (from the start of the range), and where its findings end.
///
/// A part but the last also holds the first block of the next part (when
/// it is at most a quarter of a part), as context read but not reported
/// on: whether a paragraph's open quotation is continued depends on how
/// the next paragraph opens. Its findings are those starting before
/// `report_end`; the next part reports the rest.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Part {
    pub range: Range<usize>,
    pub blocks: Vec<RawBlock>,
    /// Offset (from the start of the range) where the context begins;
    /// `usize::MAX` in a part with no context, which reports everything.
    pub report_end: usize,
}

/// Whether `text` is checked as one part, the whole of it, with parts of
/// at most `part_bytes` bytes ([`parts`]).
pub(crate) fn is_one_part(text: &str, part_bytes: usize) -> bool {
    text.len() <= part_bytes.max(4)
}

/// Cuts `text`, whose blocks (in text order, trimmed, as
/// [`crate::syntax::blocks::blocks_with_breaks`] makes them) are `blocks`,
/// into parts of at most `part_bytes` bytes (taken as at least 4, the
/// longest character) and the block of context after each. A text no
/// longer than that is one part, the whole of it.
pub(crate) fn parts(text: &str, blocks: Vec<RawBlock>, part_bytes: usize) -> Vec<Part> {
    if is_one_part(text, part_bytes) {
        return vec![Part {
            range: 0..text.len(),
            blocks,
            report_end: usize::MAX,
        }];
    }
    let part_bytes = part_bytes.max(4);
    let mut groups: Vec<Vec<RawBlock>> = Vec::new();
    let mut current: Vec<RawBlock> = Vec::new();
    for piece in blocks
        .into_iter()
        .flat_map(|block| pieces(text, block, part_bytes))
    {
        if let Some(first) = current.first() {
            if piece.span.end - first.span.start > part_bytes {
                groups.push(std::mem::take(&mut current));
            }
        }
        current.push(piece);
    }
    if !current.is_empty() {
        groups.push(current);
    }
    // A context block is read twice, so only a paragraph of ordinary
    // length serves: never a piece of a block cut for its size.
    let contexts: Vec<Option<RawBlock>> = groups
        .iter()
        .skip(1)
        .map(|group| {
            group
                .first()
                .copied()
                .filter(|block| block.span.len() <= part_bytes / 4)
        })
        .chain([None])
        .collect();
    groups
        .into_iter()
        .zip(contexts)
        .map(|(group, context)| part_of(group, context))
        .collect()
}

/// The part from the first of `blocks` to the end of the last, or of the
/// `context` block after them.
fn part_of(mut blocks: Vec<RawBlock>, context: Option<RawBlock>) -> Part {
    let start = blocks.first().map_or(0, |block| block.span.start);
    let report_end = context.map_or(usize::MAX, |context| context.span.start - start);
    blocks.extend(context);
    let end = blocks.last().map_or(start, |block| block.span.end);
    for block in &mut blocks {
        block.span = Span::new(block.span.start - start, block.span.end - start);
    }
    Part {
        range: start..end,
        blocks,
        report_end,
    }
}

/// `block`, cut into pieces no longer than `part_bytes` where it is
/// longer; each piece trimmed of white space and of the block's kind.
fn pieces(text: &str, block: RawBlock, part_bytes: usize) -> Vec<RawBlock> {
    if block.span.len() <= part_bytes {
        return vec![block];
    }
    let mut pieces = Vec::new();
    let mut from = block.span.start;
    while from < block.span.end {
        let cut = if block.span.end - from <= part_bytes {
            block.span.end
        } else {
            cut_before(text, from, from + part_bytes)
        };
        let span = trim(text, Span::new(from, cut));
        if !span.is_empty() {
            pieces.push(RawBlock {
                kind: block.kind,
                span,
            });
        }
        from = cut;
    }
    pieces
}

/// Where to end a piece starting at `from` and reaching at most `limit`:
/// after the last line break, else after the last full stop followed by
/// white space, else at the last white space, else at the last character
/// boundary (always past `from`, so every piece holds something).
fn cut_before(text: &str, from: usize, limit: usize) -> usize {
    let bytes = &text.as_bytes()[from..limit];
    if let Some(at) = bytes.iter().rposition(|&byte| byte == b'\n') {
        return from + at + 1;
    }
    if let Some(at) = bytes
        .windows(2)
        .rposition(|pair| matches!(pair[0], b'.' | b'!' | b'?') && pair[1] == b' ')
    {
        return from + at + 1;
    }
    if let Some(at) = bytes
        .iter()
        .rposition(|&byte| byte == b' ' || byte == b'\t')
    {
        if at > 0 {
            return from + at;
        }
    }
    let mut cut = limit;
    while cut > from + 1 && !text.is_char_boundary(cut) {
        cut -= 1;
    }
    if text.is_char_boundary(cut) {
        cut
    } else {
        // `from` is a boundary and a character is at most four bytes.
        (from + 1..=from + 4)
            .find(|&end| text.is_char_boundary(end))
            .unwrap_or(text.len())
    }
}

/// `span` without white space at either end.
fn trim(text: &str, span: Span) -> Span {
    let slice = span.slice(text);
    let start = span.start + (slice.len() - slice.trim_start().len());
    Span::new(start, start + slice.trim().len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::blocks::{blocks, BlockKind};

    /// The blocks a part reports on, without its context block.
    fn reported(part: &Part) -> impl Iterator<Item = &RawBlock> {
        part.blocks
            .iter()
            .filter(|block| block.span.start < part.report_end)
    }

    /// Each part's reported text and blocks.
    fn part_texts(text: &str, part_bytes: usize) -> Vec<(&str, Vec<&str>)> {
        parts(text, blocks(text), part_bytes)
            .into_iter()
            .map(|part| {
                let slice = &text[part.range.clone()];
                let blocks = reported(&part)
                    .map(|block| block.span.slice(slice))
                    .collect();
                (slice[..part.report_end.min(slice.len())].trim_end(), blocks)
            })
            .collect()
    }

    #[test]
    fn a_text_within_a_part_is_one_part_with_all_its_blocks() {
        let text = "\u{feff}Headline\n\nBody one.\n\nBody two.\n\n";
        let all = parts(text, blocks(text), 1000);
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].range, 0..text.len());
        assert_eq!(all[0].blocks, blocks(text));
    }

    #[test]
    fn parts_are_cut_between_blocks_and_keep_their_kinds() {
        let text =
            "Talks end\n\nFirst paragraph here.\n\nSecond paragraph here.\n\n\n\nThird one.\n";
        assert_eq!(
            part_texts(text, 40),
            [
                (
                    "Talks end\n\nFirst paragraph here.",
                    vec!["Talks end", "First paragraph here."]
                ),
                (
                    "Second paragraph here.\n\n\n\nThird one.",
                    vec!["Second paragraph here.", "Third one."]
                ),
            ]
        );
        let kinds: Vec<BlockKind> = parts(text, blocks(text), 40)
            .iter()
            .flat_map(|part| reported(part).map(|block| block.kind).collect::<Vec<_>>())
            .collect();
        let whole: Vec<BlockKind> = blocks(text).iter().map(|block| block.kind).collect();
        assert_eq!(kinds, whole);
        assert_eq!(kinds[0], BlockKind::Headline);
    }

    #[test]
    fn a_block_longer_than_a_part_is_cut_at_lines_then_sentences_then_spaces() {
        let text = "One two. Three four. Five six seven eight.";
        assert_eq!(
            part_texts(text, 22),
            [
                ("One two. Three four.", vec!["One two. Three four."]),
                ("Five six seven eight.", vec!["Five six seven eight."]),
            ]
        );
        let unbroken = "Onetwothree fourfivesix";
        assert_eq!(
            part_texts(unbroken, 14)
                .into_iter()
                .map(|(part, _)| part)
                .collect::<Vec<_>>(),
            ["Onetwothree", "fourfivesix"]
        );
        // No white space at all: cut between characters, never inside one.
        let cyrillic = "ЖЖЖЖЖЖЖЖ";
        let cut = part_texts(cyrillic, 5);
        assert!(cut.iter().all(|(part, _)| part.chars().count() == 2));
        assert_eq!(cut.len(), 4);
    }

    fn visible(text: &str) -> usize {
        text.chars().filter(|c| !c.is_whitespace()).count()
    }

    #[test]
    fn parts_never_exceed_the_size_and_cover_every_block_character() {
        let mut text = String::new();
        for index in 0..200 {
            text.push_str(&format!("Paragraph {index} says “something” here.\r\n"));
            if index % 3 == 0 {
                text.push_str("\r\n");
            }
        }
        for part_bytes in [4, 7, 64, 300, 5000] {
            let cut = parts(&text, blocks(&text), part_bytes);
            let mut covered = 0;
            for (index, part) in cut.iter().enumerate() {
                let slice = &text[part.range.clone()];
                let mut reported_end = 0;
                for block in reported(part) {
                    assert!(block.span.len() <= part_bytes);
                    covered += visible(block.span.slice(slice));
                    reported_end = block.span.end;
                }
                assert!(reported_end <= part_bytes, "{part_bytes}: {part:?}");
                // The context is the next part's first block, when short.
                let context = part
                    .blocks
                    .last()
                    .filter(|block| block.span.start >= part.report_end);
                match cut.get(index + 1) {
                    Some(next) if next.blocks[0].span.len() <= part_bytes / 4 => {
                        let context = context.expect("a context block");
                        assert_eq!(
                            context.span.slice(slice),
                            next.blocks[0].span.slice(&text[next.range.clone()])
                        );
                    }
                    _ => assert!(context.is_none()),
                }
            }
            assert_eq!(covered, visible(&text), "{part_bytes}");
        }
    }
}
