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

use crate::source::Span;
use crate::syntax::{BlockKind, QuoteSide, QuoteWeight, Syntax, TokenKind};

/// What pairing concluded about one mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkState {
    /// Paired with [`QuoteMark::partner`].
    Paired,
    /// Left open at the end of a paragraph whose successor opens a
    /// quotation again: the multi-paragraph convention.
    Continued,
    /// Left open: a later opening mark in the same paragraph came first.
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
    /// Index into [`Quotations::marks`] of the other mark of the pair.
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
    let mut marks = Vec::new();
    for (block_index, block) in syntax.blocks.iter().enumerate() {
        for token_index in block.tokens.clone() {
            let token = syntax.tokens[token_index];
            if let TokenKind::Quote { side, weight } = token.kind {
                marks.push(QuoteMark {
                    token: token_index,
                    span: token.span,
                    glyph: token.span.slice(text).chars().next().unwrap_or('"'),
                    side,
                    weight,
                    block: block_index,
                    state: MarkState::Unopened,
                    partner: None,
                });
            }
        }
    }

    let mut start = 0;
    while start < marks.len() {
        let block = marks[start].block;
        let end = start + marks[start..].partition_point(|mark| mark.block == block);
        let next_opens = next_block_opens_quotation(text, syntax, block);
        let last_body = is_last_body_block(syntax, block);
        pair_doubles(text, &mut marks, start..end, next_opens, last_body);
        pair_singles(text, &mut marks, start..end);
        start = end;
    }

    let mut quoted: Vec<Span> = Vec::new();
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

fn pair_doubles(
    text: &str,
    marks: &mut [QuoteMark],
    range: std::ops::Range<usize>,
    next_block_opens: bool,
    last_body_block: bool,
) {
    let mut open: Option<usize> = None;
    for index in range {
        if marks[index].weight != QuoteWeight::Double {
            continue;
        }
        let glyph = marks[index].glyph;
        let side = if glyph == '"' {
            if open.is_none() && follows_digit(text, marks[index].span) {
                marks[index].state = MarkState::Measurement;
                marks[index].side = QuoteSide::Closing;
                continue;
            }
            if open.is_some() {
                QuoteSide::Closing
            } else {
                QuoteSide::Opening
            }
        } else if glyph == '“' && open.is_some_and(|open| marks[open].glyph == '„') {
            QuoteSide::Closing
        } else {
            marks[index].side
        };
        marks[index].side = side;
        match side {
            QuoteSide::Opening | QuoteSide::Ambiguous => {
                marks[index].side = QuoteSide::Opening;
                if let Some(previous) = open.replace(index) {
                    marks[previous].state = MarkState::UnclosedBeforeNextOpening;
                }
            }
            QuoteSide::Closing => match open.take() {
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
    if let Some(opening) = open {
        marks[opening].state = if next_block_opens {
            MarkState::Continued
        } else if last_body_block {
            MarkState::UnclosedAtArticleEnd
        } else {
            MarkState::UnclosedAtParagraphEnd
        };
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

fn follows_digit(text: &str, span: Span) -> bool {
    text[..span.start]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit())
}

/// Whether the block after `block` starts with an opening double mark (or a
/// straight one), continuing a quotation left open.
fn next_block_opens_quotation(text: &str, syntax: &Syntax, block: usize) -> bool {
    let Some(next) = syntax.blocks.get(block + 1) else {
        return false;
    };
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
            ) || (token.span.slice(text) == "\"" && matches!(token.kind, TokenKind::Quote { .. }))
        })
}

fn is_last_body_block(syntax: &Syntax, block: usize) -> bool {
    !syntax.blocks[block + 1..]
        .iter()
        .any(|later| later.kind == BlockKind::Paragraph)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    fn states(text: &str) -> Vec<(char, MarkState)> {
        let syntax = parse(text);
        pair_quotation_marks(text, &syntax)
            .marks
            .into_iter()
            .map(|mark| (mark.glyph, mark.state))
            .collect()
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
