//! Source text positions: byte [`Span`]s, and a [`LineIndex`] that turns a
//! byte offset into a line and column when a diagnostic is rendered.
//!
//! Everything inside copydesk works on byte ranges into the original text.
//! Lines and columns are a presentation concern, computed once per file by
//! [`LineIndex`] and only when output is written.

use serde::Serialize;

/// A half-open byte range `start..end` into an article's original text.
///
/// Both ends always fall on UTF-8 character boundaries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub const fn len(self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both `self` and `other`.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub const fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The text this span covers. Spans are made by the parser from the same
    /// text, so they always slice it on character boundaries.
    pub fn slice(self, text: &str) -> &str {
        &text[self.start..self.end]
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(range: std::ops::Range<usize>) -> Self {
        Span::new(range.start, range.end)
    }
}

/// A 1-based line and column. Columns count Unicode scalar values, so a
/// curly quote or a Cyrillic letter is one column, as an editor shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LineColumn {
    pub line: usize,
    pub column: usize,
}

/// Byte offsets of the start of every line, built once per file.
///
/// A line ends after `\n`; a `\r` before it belongs to the line ending and is
/// not counted as a column.
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// (byte offset on a character boundary, characters before it), about
    /// every [`CHECKPOINT_BYTES`]: a column is then counted from the
    /// nearest checkpoint, not from the start of a possibly enormous line.
    checkpoints: Vec<(usize, usize)>,
}

/// Spacing of [`LineIndex`]'s character-count checkpoints.
const CHECKPOINT_BYTES: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        // Every report builds one for its whole file, so neither pass goes
        // a byte at a time: newlines are found by memchr, and the
        // characters between checkpoints are counted by the standard
        // library's word-at-a-time count.
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', bytes).map(|newline| newline + 1));
        let mut checkpoints = vec![(0, 0)];
        let (mut position, mut characters) = (0, 0);
        loop {
            // The first character to start at least CHECKPOINT_BYTES on.
            let mut next = position + CHECKPOINT_BYTES;
            while bytes.get(next).is_some_and(|&byte| byte & 0xC0 == 0x80) {
                next += 1;
            }
            if next >= bytes.len() {
                break;
            }
            let Some(between) = text.get(position..next) else {
                break;
            };
            characters += between.chars().count();
            checkpoints.push((next, characters));
            position = next;
        }
        LineIndex {
            line_starts,
            checkpoints,
        }
    }

    /// Characters in `text[..offset]`, counted from the nearest checkpoint.
    fn characters_before(&self, text: &str, offset: usize) -> usize {
        let index = self
            .checkpoints
            .partition_point(|&(position, _)| position <= offset)
            - 1;
        let (position, characters) = self.checkpoints[index];
        characters + text[position..offset].chars().count()
    }

    /// The number of lines (a text with no newline has one line).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 0-based line number containing `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// The byte range of 0-based `line`, without its line ending.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self.line_starts[line];
        let mut end = self
            .line_starts
            .get(line + 1)
            .map_or(text.len(), |next| next - 1);
        if end > start && text.as_bytes()[end - 1] == b'\r' && end < text.len() {
            end -= 1;
        }
        Span::new(start, end)
    }

    /// 1-based line and column (in Unicode scalar values) of a byte offset.
    pub fn line_column(&self, text: &str, offset: usize) -> LineColumn {
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        // Counted from the line's start when that is nearer than a
        // checkpoint could be (nearly every line); from the checkpoints
        // in a long line.
        let characters = if offset - start <= CHECKPOINT_BYTES {
            text[start..offset].chars().count()
        } else {
            self.characters_before(text, offset) - self.characters_before(text, start)
        };
        let column = characters + 1;
        LineColumn {
            line: line + 1,
            column,
        }
    }

    /// 1-based line and column of a span's start and of its end. An end on
    /// the start's line is counted on from the start, so the line's
    /// characters are counted once.
    pub fn span_line_columns(&self, text: &str, span: Span) -> (LineColumn, LineColumn) {
        let start = self.line_column(text, span.start);
        let same_line = self
            .line_starts
            .get(start.line)
            .is_none_or(|&next_line| span.end < next_line);
        let end = match text.get(span.start..span.end) {
            Some(inside) if same_line && inside.len() <= CHECKPOINT_BYTES => LineColumn {
                line: start.line,
                column: start.column + inside.chars().count(),
            },
            _ => self.line_column(text, span.end),
        };
        (start, end)
    }

    /// 0-based line and column in UTF-16 code units, as the Language Server
    /// Protocol counts by default.
    pub fn line_utf16(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let column = text[start..offset].chars().map(char::len_utf16).sum();
        (line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line index by its definition, a byte at a time.
    fn line_index_byte_by_byte(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        let mut checkpoints = vec![(0, 0)];
        let mut characters = 0;
        let mut next_checkpoint = CHECKPOINT_BYTES;
        for (index, &byte) in text.as_bytes().iter().enumerate() {
            let starts_character = byte & 0xC0 != 0x80;
            if index >= next_checkpoint && starts_character {
                checkpoints.push((index, characters));
                next_checkpoint = index + CHECKPOINT_BYTES;
            }
            characters += usize::from(starts_character);
            if byte == b'\n' {
                line_starts.push(index + 1);
            }
        }
        LineIndex {
            line_starts,
            checkpoints,
        }
    }

    #[test]
    fn line_index_is_the_byte_by_byte_one() {
        // Texts around and across checkpoints, of characters one to four
        // bytes long, with CRLF, lone newlines and lines of many kilobytes.
        let pieces = [
            "a", "\n", "\r\n", "é", "“", "Д", "🙂", "e\u{301}", "\u{feff}", " ",
        ];
        let mut next = crate::pseudo_random::below(0x2f1e_88c4_a90d_3b57);
        let mut sizes_seen = 0;
        for round in 0..300 {
            let length = match round % 3 {
                0 => next(40),
                1 => next(3 * CHECKPOINT_BYTES),
                _ => CHECKPOINT_BYTES - 8 + next(16),
            };
            let mut text = String::new();
            while text.len() < length {
                // Long runs of one piece make lines of many kilobytes.
                let piece = pieces[next(pieces.len())];
                for _ in 0..1 + next(3) * next(200) {
                    text.push_str(piece);
                }
            }
            let (fast, plain) = (LineIndex::new(&text), line_index_byte_by_byte(&text));
            assert_eq!(fast.line_starts, plain.line_starts, "{text:?}");
            assert_eq!(fast.checkpoints, plain.checkpoints, "{text:?}");
            sizes_seen += usize::from(fast.checkpoints.len() > 2);
        }
        assert_eq!(LineIndex::new("").line_starts, [0]);
        assert_eq!(LineIndex::new("").checkpoints, [(0, 0)]);
        assert!(sizes_seen > 20, "{sizes_seen}");
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "“Ой” — he said\nsecond";
        let index = LineIndex::new(text);
        let he = text.find("he").unwrap();
        assert_eq!(
            index.line_column(text, he),
            LineColumn { line: 1, column: 8 }
        );
        let second = text.find("second").unwrap();
        assert_eq!(
            index.line_column(text, second),
            LineColumn { line: 2, column: 1 }
        );
    }

    #[test]
    fn crlf_is_not_part_of_the_line() {
        let text = "one\r\ntwo\r\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_span(text, 0).slice(text), "one");
        assert_eq!(index.line_span(text, 1).slice(text), "two");
        assert_eq!(index.line_count(), 3);
    }

    #[test]
    fn columns_on_a_long_line_match_a_plain_count() {
        let text = "Ж😀a\u{301}“".repeat(3000) + "\nend";
        let index = LineIndex::new(&text);
        for offset in (0..text.len())
            .filter(|&o| text.is_char_boundary(o))
            .step_by(97)
        {
            let line = index.line_of(offset);
            let start = if line == 0 {
                0
            } else {
                text[..offset].rfind('\n').unwrap() + 1
            };
            let expected = text[start..offset].chars().count() + 1;
            assert_eq!(
                index.line_column(&text, offset).column,
                expected,
                "at {offset}"
            );
        }
    }

    #[test]
    fn span_positions_match_positions_found_apart() {
        let text = "“Ой” — he\r\nsaid 😀\n\nend".to_owned() + &"Ж".repeat(5000) + "\nx";
        let index = LineIndex::new(&text);
        let boundaries: Vec<usize> = (0..=text.len())
            .filter(|&o| text.is_char_boundary(o))
            .collect();
        for (number, &start) in boundaries.iter().enumerate().step_by(7) {
            for &end in boundaries[number..].iter().step_by(11) {
                assert_eq!(
                    index.span_line_columns(&text, Span::new(start, end)),
                    (
                        index.line_column(&text, start),
                        index.line_column(&text, end)
                    ),
                    "{start}..{end}"
                );
            }
        }
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let text = "😀 Kyiv";
        let index = LineIndex::new(text);
        assert_eq!(index.line_utf16(text, text.find('K').unwrap()), (0, 3));
    }
}
