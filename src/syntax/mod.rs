//! The article grammar, written with nom: text → blocks → statements →
//! tokens, every node carrying its exact byte span.
//!
//! The grammar is total. Any text parses; characters no production names
//! become [`TokenKind::Other`] tokens, so the tokens always tile the input.
//!
//! - [`tokens`]: characters → tokens (words, numbers, quotation marks, …);
//! - [`blocks`]: lines → blocks (headline, standfirst, dateline, paragraphs,
//!   residue);
//! - [`statements`]: a block's tokens → sentences.

pub mod blocks;
pub(crate) mod numerals;
pub mod statements;
pub mod tokens;

use std::ops::Range;

use crate::source::Span;
pub use blocks::BlockKind;
use tokens::within_offsets;
pub use tokens::{QuoteSide, QuoteWeight, Token, TokenKind};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Span,
    /// Indices into [`Syntax::tokens`].
    pub tokens: Range<usize>,
    /// Indices into [`Syntax::statements`].
    pub statements: Range<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    pub span: Span,
    /// Indices into [`Syntax::tokens`], without surrounding white space.
    pub tokens: Range<usize>,
    /// Index into [`Syntax::blocks`].
    pub block: usize,
}

/// The parse of one article.
#[derive(Clone, Debug, Default)]
pub struct Syntax {
    /// Every token of the text, in order, tiling it exactly.
    pub tokens: Vec<Token>,
    /// The indexes of the tokens read from a quotation mark (quotation
    /// marks and the apostrophes typed with them), in order.
    pub quote_marks: Vec<u32>,
    /// The indexes of the tokens that may be a numeral (every figure, and
    /// every word with a number word's length and first and last letters),
    /// in order: a statement with none of them holds no quantity.
    pub numerals: Vec<u32>,
    /// The indexes of the words whose first byte may be the word before's
    /// in any letter case, in order: no other word repeats the one before.
    pub may_repeat: Vec<u32>,
    /// The indexes of the capitalised words, in order: the only tokens a
    /// name mention starts with.
    pub capitalised: Vec<u32>,
    pub blocks: Vec<Block>,
    pub statements: Vec<Statement>,
}

/// Parses an article. Never fails and never panics. A text longer than
/// [`tokens::MAX_TEXT_LEN`] (4 GiB) is parsed up to that length; the
/// command line refuses such files before they are read.
pub fn parse(text: &str) -> Syntax {
    parse_with_breaks(text, &[])
}

/// [`parse`], with block boundaries a document format fixes (see
/// [`blocks::blocks_with_breaks`]).
pub fn parse_with_breaks(text: &str, breaks: &[usize]) -> Syntax {
    let text = within_offsets(text);
    // The tokens are made first, so that the blocks are read from their
    // line breaks rather than from a second search of the text.
    let tokenized = tokens::tokenize_with_marks(text);
    let raw_blocks =
        blocks::blocks_at_line_breaks(text, breaks, &tokenized.tokens, &tokenized.line_breaks);
    parse_tokenized(text, raw_blocks, tokenized)
}

/// The parse of `text` into the blocks given, which must be in text order,
/// within the text and trimmed of white space (as
/// [`blocks::blocks_with_breaks`] makes them): how a long file is parsed
/// in parts, each part keeping the kinds its blocks have in the whole.
pub fn parse_blocks(text: &str, raw_blocks: Vec<blocks::RawBlock>) -> Syntax {
    let text = within_offsets(text);
    parse_tokenized(text, raw_blocks, tokens::tokenize_with_marks(text))
}

/// [`parse_blocks`] of `text`, within [`tokens::MAX_TEXT_LEN`], whose
/// tokens are `tokenized`.
fn parse_tokenized(
    text: &str,
    mut raw_blocks: Vec<blocks::RawBlock>,
    tokenized: tokens::Tokenized,
) -> Syntax {
    // Blocks that break the contract (out of order, outside the text, not
    // on character boundaries) are dropped rather than trusted.
    let mut end = 0;
    raw_blocks.retain(|block| {
        let span = block.span;
        let keep = end <= span.start
            && span.start <= span.end
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end);
        if keep {
            end = span.end;
        }
        keep
    });
    let tokens::Tokenized {
        tokens,
        quote_marks,
        terminals,
        numerals,
        may_repeat,
        capitalised,
        line_breaks: _,
    } = tokenized;
    let mut syntax = Syntax {
        blocks: Vec::with_capacity(raw_blocks.len()),
        // A statement ends at a terminal mark or at the end of its block.
        statements: Vec::with_capacity(terminals.len() + raw_blocks.len()),
        tokens: Vec::new(),
        quote_marks,
        numerals,
        may_repeat,
        capitalised,
    };
    let mut cursor = 0;
    // The place in the terminal marks the last block's statements reached:
    // blocks are in text order, so each block's first terminal is found by
    // a step or two from there rather than a search of them all.
    let mut terminal_place = 0;
    // The place in the terminal marks past the last that ends within the
    // last block.
    let mut block_end_place = 0;
    for raw in raw_blocks {
        // Blocks are in text order and start and end on token boundaries
        // (they are trimmed of white space, which is its own token), and the
        // tokens tile the text in order, so each block's tokens are found by
        // a binary search forward from the last block's.
        cursor += tokens_before(
            &tokens,
            cursor,
            |token| token.span().start < raw.span.start,
            raw.span.start,
        );
        let first = cursor;
        cursor += tokens_to_end(
            &tokens,
            cursor,
            raw.span.end,
            &terminals,
            &mut block_end_place,
        );
        let block_index = syntax.blocks.len();
        let statement_start = syntax.statements.len();
        let range = first..cursor;
        statements::statements_by_terminals(
            text,
            &tokens,
            range,
            &terminals,
            &mut terminal_place,
            |range| {
                let span = Span::new(
                    tokens[range.start].span().start,
                    tokens[range.end - 1].span().end,
                );
                syntax.statements.push(Statement {
                    span,
                    tokens: range,
                    block: block_index,
                });
            },
        );
        syntax.blocks.push(Block {
            kind: raw.kind,
            span: raw.span,
            tokens: first..cursor,
            statements: statement_start..syntax.statements.len(),
        });
    }
    syntax.tokens = tokens;
    syntax
}

/// How many tokens from `tokens[from]` on hold `before`, which holds for
/// the tokens up to the byte offset `offset` and for none after: a binary
/// search of only the tokens that can lie before `offset`, as a token
/// takes at least a byte (the block that follows the last is near, not
/// anywhere in the rest of the text).
fn tokens_before(
    tokens: &[Token],
    from: usize,
    before: impl Fn(&Token) -> bool,
    offset: usize,
) -> usize {
    let rest = tokens.get(from..).unwrap_or_default();
    let reach = rest
        .first()
        .map_or(0, |token| offset.saturating_sub(token.span().start));
    rest.get(..reach).unwrap_or(rest).partition_point(before)
}

/// How many tokens from `tokens[from]` on end by the byte offset `end`
/// ([`tokens_before`] of the tokens' ends), counted on from the last
/// terminal mark that ends by it, if it is at or after `from`: a block's
/// last statement nearly always ends at its end with a terminal mark, or
/// a closing mark or two after one, so the search that follows is of the
/// few bytes after that mark rather than of the whole block. `place` is
/// the place in `terminals` (the indexes of the terminal marks, in order)
/// past the marks that end by an earlier `end`, and is left past those
/// that end by this one.
fn tokens_to_end(
    tokens: &[Token],
    from: usize,
    end: usize,
    terminals: &[u32],
    place: &mut usize,
) -> usize {
    while terminals
        .get(*place)
        .and_then(|&terminal| tokens.get(terminal as usize))
        .is_some_and(|terminal| terminal.span().end <= end)
    {
        *place += 1;
    }
    let ends_by = |token: &Token| token.span().end <= end;
    let last_terminal = place
        .checked_sub(1)
        .and_then(|last| terminals.get(last))
        .map(|&terminal| terminal as usize)
        .filter(|&terminal| terminal >= from);
    match last_terminal {
        // Every token from `from` to the mark ends by `end`, as the mark
        // does: tokens are in text order.
        Some(terminal) => terminal + 1 - from + tokens_before(tokens, terminal + 1, ends_by, end),
        None => tokens_before(tokens, from, ends_by, end),
    }
}

/// A compact text rendering of a parse, for snapshots and `copydesk parse`:
/// one line per block and per statement, with spans.
pub fn render_outline(text: &str, syntax: &Syntax) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for block in &syntax.blocks {
        let _ = writeln!(
            out,
            "{} {}..{}",
            block.kind.name(),
            block.span.start,
            block.span.end
        );
        for statement in &syntax.statements[block.statements.clone()] {
            let _ = writeln!(
                out,
                "  statement {}..{} {:?}",
                statement.span.start,
                statement.span.end,
                statement.span.slice(text)
            );
            let mut line = String::from("   ");
            for token in &syntax.tokens[statement.tokens.clone()] {
                if token.is_space() {
                    continue;
                }
                let _ = write!(line, " {}", token_label(text, token));
            }
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

fn token_label(text: &str, token: &Token) -> String {
    let slice = token.span().slice(text);
    match token.kind {
        TokenKind::Word => slice.to_owned(),
        TokenKind::CapitalisedWord => format!("^{slice}"),
        TokenKind::Number => format!("#{slice}"),
        TokenKind::Punctuation => slice.to_owned(),
        TokenKind::Apostrophe => format!("apos({slice})"),
        TokenKind::Quote { side, .. } => {
            let side = match side {
                QuoteSide::Opening => "open",
                QuoteSide::Closing => "close",
                QuoteSide::Ambiguous => "?",
            };
            format!("{side}({slice})")
        }
        TokenKind::Other => format!("other({})", slice.escape_unicode()),
        TokenKind::Space | TokenKind::LineBreak => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_holds_exactly_the_tokens_and_statements_within_its_span() {
        let texts = [
            "Headline here\n\nNEW YORK, Feb 26 - Shares rose. “No,” he said.\r\n\r\n Reuter\n",
            "\u{feff}Title\n    Indented  paragraph\n  with\twrap.\n\n\n👩\u{200d}👧 é\u{0301}",
            "",
            " \n\t",
        ];
        // Many blocks of every length, with gaps of every width between
        // them, for the search that looks only as far as a block can reach.
        let pieces = [
            "word",
            "A",
            "Gen.",
            " ",
            "  ",
            "\n",
            "\n\n",
            "\r\n",
            "    ",
            "é",
            "“",
            "”",
            "👩",
            "\u{a0}",
            "NEW YORK, Feb 26 - ",
            "\n\n\n\n\n",
            // Terminal marks, for the statements of each block.
            ". ",
            "It.",
            "?",
            "… ",
            "The",
        ];
        let mut next = crate::pseudo_random::below(0x6a09_e667_f3bc_c909);
        let generated: Vec<String> = (0..400)
            .map(|_| (0..60).map(|_| pieces[next(pieces.len())]).collect())
            .collect();
        for text in texts
            .iter()
            .copied()
            .chain(generated.iter().map(String::as_str))
        {
            let syntax = parse(text);
            for block in &syntax.blocks {
                // Statements split with the terminal marks read on from
                // the last block's place, as by a search of the block's
                // own tokens.
                let split: Vec<Range<usize>> = syntax.statements[block.statements.clone()]
                    .iter()
                    .map(|statement| statement.tokens.clone())
                    .collect();
                assert_eq!(
                    split,
                    statements::statements(text, &syntax.tokens, block.tokens.clone()),
                    "{text:?} {block:?}"
                );
                let within: Vec<usize> = (0..syntax.tokens.len())
                    .filter(|&index| {
                        let span = syntax.tokens[index].span();
                        block.span.start <= span.start && span.end <= block.span.end
                    })
                    .collect();
                let expected = within
                    .first()
                    .map_or(0..0, |&first| first..first + within.len());
                assert_eq!(block.tokens, expected, "{text:?} {block:?}");
            }
        }
    }
}
