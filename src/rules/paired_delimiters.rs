//! # paired-delimiters
//!
//! ## What it does
//! Flags quotation marks or brackets that do not pair up: an opening mark
//! never closed, a closing mark with nothing to close, a quotation still
//! open where the paragraph or the article ends, and a pair whose two marks
//! do not match (“…" or (…]). For a mixed pair of a curly and a straight
//! mark it offers the matching curly mark as a fix.
//!
//! ## Why it matters
//! A quotation that never closes makes the reader guess where the
//! speaker's words stop and the reporter's begin, which in news is a
//! question of attribution, not of typography. A stray bracket leaves an
//! aside without an end. Both are easy to make when a sentence is cut or
//! moved in editing, and easy to miss on screen.
//!
//! ## Example
//! ```toml
//! [[rule]]
//! id = "unbalanced-quote"
//! kind = "paired-delimiters"
//! severity = "error"
//! delimiters = "quotation-marks"
//! ```
//! flags the “ in `They are “volunteers.` at the end of an article, and the
//! " in `“We are ready," he said.`, offering ” in its place.
//!
//! ## Options
//! - `delimiters`: `"quotation-marks"` (double marks " “ ” « » „, and
//!   curly single marks where their pairing is unambiguous) or
//!   `"brackets"` (round and square brackets).
//!
//! The messages are fixed (they name the mark and where it was expected to
//! close), so `message` is not accepted.
//!
//! The rule stays quiet on the conventions of news copy:
//!
//! - a quotation that runs over several paragraphs opens each paragraph and
//!   closes only at the end of the last one;
//! - nested quotations alternate double and single marks;
//! - ’ and ' are far more often apostrophes (Milly’s, the ’90s, students’)
//!   than quotation marks, so a closing single mark with nothing open, and
//!   a straight single mark left open, are never flagged;
//! - guillemets « » and the low-9 „ (closed by “ or ”) quote foreign press;
//! - a straight mark after a number is an inch or foot mark (6' 2");
//! - a `)` after a list label (`1)`, `a)`) or in an emoticon (`:)`).
//!
//! ## Limitations
//! Pairing stays within a paragraph, apart from the multi-paragraph
//! convention. Deleting the closing mark at the end of a paragraph whose
//! successor opens with a quotation mark leaves copy that reads as a
//! continued quotation, so that slip cannot be seen. A straight mark with
//! no space on either side (`said"yes"`) takes its side from the pairing,
//! so in such copy a missing mark may surface at the next mark rather than
//! at the place it is missing. A single quotation mark is flagged only when
//! it is a curly ‘ left open: straight single marks cannot be told from
//! apostrophes reliably enough.
//!
//! Paragraphs split mid-sentence (one ends on a word or a comma, the next
//! starts in lower case) pair as one. In copy that types apostrophes as
//! straight double marks (`Japan"s`), `farmers" incomes` is read as a
//! possessive; before a capitalised word (`States" West Texas`) it is
//! still flagged. A quotation is not taken to continue across page
//! furniture (an embedded post, "Scroll down to read more") between its
//! paragraphs, nor, past a lost paragraph break, when it began
//! mid-sentence (`said that "this…`).

use serde::Deserialize;

use super::{KindOptions, Report, Rule, RuleKind};
use crate::diagnostic::{Applicability, Severity};
use crate::model::quotes::{broken_paragraph, MarkState, QuoteMark};
use crate::model::Article;
use crate::source::Span;
use crate::syntax::{Block, BlockKind, QuoteSide, QuoteWeight, Token, TokenKind};

/// Which delimiters an instance checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Delimiters {
    QuotationMarks,
    Brackets,
}

rule_options! {
    pub struct Options {
        pub delimiters: Delimiters,
    }
}

impl KindOptions for Options {
    const KIND: RuleKind = RuleKind {
        name: "paired-delimiters",
        summary: "Flags quotation marks or brackets that do not pair up",
        default_severity: Severity::Error,
    };

    fn build(self) -> Result<Box<dyn Rule>, String> {
        if self.message.is_some() {
            return Err(
                "`message` is not used: this kind's messages name the mark and where it should close"
                    .to_owned(),
            );
        }
        Ok(Box::new(PairedDelimiters {
            delimiters: self.delimiters,
        }))
    }
}

#[derive(Debug)]
struct PairedDelimiters {
    delimiters: Delimiters,
}

impl Rule for PairedDelimiters {
    fn check(&self, article: &Article<'_>, report: &mut Report<'_>) {
        match self.delimiters {
            Delimiters::QuotationMarks => check_quotation_marks(article, report),
            Delimiters::Brackets => check_brackets(article, report),
        }
    }
}

/// The mark that closes a quotation opened with `opening`.
fn closing_for(opening: char) -> char {
    match opening {
        '“' => '”',
        '«' => '»',
        '„' => '“',
        '‘' => '’',
        '‚' => '‘',
        '‹' => '›',
        other => other,
    }
}

/// The mark that opens a quotation closed with `closing`.
fn opening_for(closing: char) -> char {
    match closing {
        '”' => '“',
        '»' => '«',
        '’' => '‘',
        '›' => '‹',
        other => other,
    }
}

/// Whether `closing` may close a quotation opened with `opening`.
fn marks_match(opening: char, closing: char) -> bool {
    closing == closing_for(opening) || (opening == '„' && closing == '”')
}

/// The last non-space token of a block, for pointing at where it ends.
/// The finding for a quotation mark `glyph` at `span` that is never
/// closed, without its place of ending and help.
fn never_closed(report: &Report<'_>, span: Span, glyph: char) -> crate::diagnostic::Diagnostic {
    let mut glyph_utf8 = [0; 4];
    let glyph = glyph.encode_utf8(&mut glyph_utf8);
    report.diagnostic(
        span,
        ["This ", glyph, " opens a quotation that is never closed"].concat(),
    )
}

fn block_end(article: &Article<'_>, block: &Block) -> Span {
    article.tokens()[block.tokens.clone()]
        .iter()
        .rev()
        .find(|token| !token.is_space())
        .map_or(Span::new(block.span.end, block.span.end), |token| {
            token.span()
        })
}

/// Words a curly ‘ stands for an apostrophe before, typed with the wrong
/// shape by a word processor: ‘Tis, ‘em, rock ‘n’ roll.
const ELISIONS: &[&str] = &[
    "tis", "twas", "em", "cause", "cuz", "til", "till", "n", "bout", "round", "nuff", "cos",
    // A contraction's end after a stray space: isn ‘t, it ‘s.
    "t", "s", "ll", "re", "ve", "d", "m",
];

fn check_quotation_marks(article: &Article<'_>, report: &mut Report<'_>) {
    let marks = &article.quotations.marks;
    let blocks = article.blocks();
    for mark in marks {
        let Some(block) = blocks.get(mark.block) else {
            continue;
        };
        match mark.weight {
            QuoteWeight::Double => check_double(article, report, mark, block),
            QuoteWeight::Single => check_single(article, report, mark, block),
        }
    }
}

fn check_double(article: &Article<'_>, report: &mut Report<'_>, mark: &QuoteMark, block: &Block) {
    // A headline exported through CSV doubles its straight marks
    // (`"Her Last Words ""Do Not Vote""`): the escaping, not the copy.
    if block.kind == BlockKind::Headline && article.slice(block.span).contains("\"\"") {
        return;
    }
    let marks = &article.quotations.marks;
    let glyph = mark.glyph;
    let close = closing_for(glyph);
    let diagnostic = match mark.state {
        MarkState::Paired
        | MarkState::Continued
        | MarkState::Measurement
        | MarkState::Apostrophe => {
            let partner = mark.partner.and_then(|partner| marks.get(partner));
            if wrong_shape(mark, partner) {
                let want = if mark.side == QuoteSide::Opening {
                    opening_for(glyph)
                } else {
                    closing_for(glyph)
                };
                let (role, shape) = if mark.side == QuoteSide::Opening {
                    ("opens", "a closing")
                } else {
                    ("closes", "an opening")
                };
                report.push(
                    report
                        .diagnostic(
                            mark.span,
                            format!("This {glyph} {role} a quotation but is {shape} mark"),
                        )
                        .with_help(format!("use {want}"))
                        .with_fix(want.to_string(), Applicability::Safe),
                );
                return;
            }
            if mark.side == QuoteSide::Opening {
                if let Some(partner) = partner {
                    if !marks_match(glyph, partner.glyph) && !wrong_shape(partner, Some(mark)) {
                        report.push(mixed_pair(article, report, mark, partner));
                    }
                }
            }
            return;
        }
        // The findings a paragraph of unclosed marks gives by the thousand:
        // their words are joined with `concat`, which costs a fraction of
        // `format!`.
        MarkState::UnclosedAtArticleEnd => {
            let end = article
                .body_blocks()
                .last()
                .map_or(block_end(article, block), |last| block_end(article, last));
            let mut close_utf8 = [0; 4];
            let close = close.encode_utf8(&mut close_utf8);
            never_closed(report, mark.span, glyph)
                .with_related(end, "the article ends here with the quotation still open")
                .with_help(
                    [
                        "close it with ",
                        close,
                        " where the quoted words end, before the article ends",
                    ]
                    .concat(),
                )
        }
        MarkState::UnclosedAtParagraphEnd => {
            let (mut glyph_utf8, mut close_utf8) = ([0; 4], [0; 4]);
            let close = close.encode_utf8(&mut close_utf8);
            never_closed(report, mark.span, glyph)
                .with_related(
                    block_end(article, block),
                    ["the paragraph ends here without a closing ", close].concat(),
                )
                .with_help(
                    [
                        "close it with ",
                        close,
                        " where the quoted words end, before this paragraph ends \
                         (a quotation that goes on in the next paragraph opens that paragraph with ",
                        glyph.encode_utf8(&mut glyph_utf8),
                        ")",
                    ]
                    .concat(),
                )
        }
        MarkState::UnclosedBeforeNextOpening => {
            let mut diagnostic = report.diagnostic(
                mark.span,
                format!(
                    "This {glyph} opens a quotation that is not closed before the next one opens"
                ),
            );
            if let Some(next) = mark.partner.and_then(|next| marks.get(next)) {
                diagnostic = diagnostic.with_related(
                    next.span,
                    format!("this {} opens the next quotation", next.glyph),
                );
            }
            diagnostic.with_help(format!(
                "close it with {close} where the quoted words end, before the next quotation opens"
            ))
        }
        // `Home » News » World`: a breadcrumb separator, not a quotation.
        MarkState::Unopened if matches!(glyph, '»' | '›') && spaced(article.text, mark.span) => {
            return;
        }
        MarkState::Unopened => {
            let open = opening_for(glyph);
            report
                .diagnostic(
                    mark.span,
                    format!("This {glyph} closes a quotation that was never opened"),
                )
                .with_help(format!(
                    "open it with {open} where the quoted words begin in this paragraph, or delete this mark"
                ))
        }
    };
    report.push(diagnostic);
}

/// Whether white space stands on both sides of `span`.
fn spaced(text: &str, span: Span) -> bool {
    text[..span.start]
        .chars()
        .next_back()
        .is_some_and(char::is_whitespace)
        && text[span.end..]
            .chars()
            .next()
            .is_some_and(char::is_whitespace)
}

/// A curly mark used for the other side: `said, ”The` or `?“`. (The “
/// that closes a „ is German usage, not a wrong shape.)
fn wrong_shape(mark: &QuoteMark, partner: Option<&QuoteMark>) -> bool {
    match mark.side {
        QuoteSide::Opening => matches!(mark.glyph, '”' | '»'),
        QuoteSide::Closing => {
            matches!(mark.glyph, '“' | '«') && partner.is_none_or(|partner| partner.glyph != '„')
        }
        QuoteSide::Ambiguous => false,
    }
}

/// A pair whose marks do not match: “…" or "…” or «…”.
fn mixed_pair(
    article: &Article<'_>,
    report: &Report<'_>,
    opening: &QuoteMark,
    closing: &QuoteMark,
) -> crate::diagnostic::Diagnostic {
    let decided = |mark: &QuoteMark| {
        article.tokens().get(mark.token).is_some_and(
            |token| matches!(token.kind, TokenKind::Quote { side, .. } if side == mark.side),
        )
    };
    let (open, close) = (opening.glyph, closing.glyph);
    if open == '"' {
        // "…”: the straight opening mark is the odd one out.
        let want = opening_for(close);
        let applicability = if decided(opening) {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        };
        report
            .diagnostic(
                opening.span,
                format!("This \" opens a quotation that closes with {close}"),
            )
            .with_related(closing.span, format!("closed with {close} here"))
            .with_help(format!("open it with {want} to match"))
            .with_fix(want.to_string(), applicability)
    } else {
        let want = closing_for(open);
        let applicability = if close == '"' && decided(closing) {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        };
        report
            .diagnostic(
                closing.span,
                format!("This {close} closes a quotation opened with {open}"),
            )
            .with_related(opening.span, format!("opened with {open} here"))
            .with_help(format!("close it with {want} to match"))
            .with_fix(want.to_string(), applicability)
    }
}

fn check_single(article: &Article<'_>, report: &mut Report<'_>, mark: &QuoteMark, block: &Block) {
    // Only a curly ‘ left open is unambiguous: a closing single mark with
    // nothing open is an apostrophe (students’), and a straight ' before a
    // word may be one too ('em).
    if mark.glyph != '‘'
        || !matches!(
            mark.state,
            MarkState::UnclosedAtParagraphEnd | MarkState::UnclosedAtArticleEnd
        )
    {
        return;
    }
    let after = &article.text[mark.span.end.min(article.text.len())..];
    let next_word: String = after
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    if next_word.is_empty()
        || next_word.starts_with(|c: char| c.is_ascii_digit())
        || ELISIONS.contains(&next_word.as_str())
    {
        return;
    }
    // British copy quotes with single marks and continues a quotation over
    // paragraphs the same way it does with double ones.
    if next_block_opens_with(article, mark.block, '‘') {
        return;
    }
    report.push(
        report
            .diagnostic(mark.span, "This ‘ opens a quotation that is never closed")
            .with_related(
                block_end(article, block),
                "the paragraph ends here without a closing ’",
            )
            .with_help("close it with ’ where the quoted words end, before this paragraph ends"),
    );
}

fn next_block_opens_with(article: &Article<'_>, block: usize, mark: char) -> bool {
    article
        .blocks()
        .get(block + 1)
        .and_then(|next| {
            article.tokens()[next.tokens.clone()]
                .iter()
                .find(|token| !token.is_space())
        })
        .is_some_and(|token| article.slice(token.span()).starts_with(mark))
}

/// A bracket waiting for its partner.
struct OpenBracket {
    glyph: char,
    span: Span,
}

fn check_brackets(article: &Article<'_>, report: &mut Report<'_>) {
    let text = article.text;
    let tokens = article.tokens();
    let blocks = article.blocks();
    let mut open: Vec<OpenBracket> = Vec::new();
    let mut round = NextByte::new(text.as_bytes(), b'(', b')');
    let mut square = NextByte::new(text.as_bytes(), b'[', b']');
    for (block_index, block) in blocks.iter().enumerate() {
        if block.kind == BlockKind::Residue {
            continue;
        }
        // Most paragraphs hold no bracket, and then, with none left open,
        // the block can change nothing: the text's brackets are found by
        // one vector scan for each kind, not one a block.
        let holds_brackets = round.any_in(block.span) || square.any_in(block.span);
        if !holds_brackets && open.is_empty() {
            continue;
        }
        // HTML left in the copy (`<!--[if IE]>`), whose brackets are
        // markup. Every tag holds an angle bracket, which prose seldom
        // does: one scan for those rules out most blocks.
        let block_text = article.slice(block.span);
        let markup = memchr::memchr2(b'<', b'>', block_text.as_bytes()).is_some()
            && ["<!--", "</", "/>"]
                .iter()
                .any(|tag| block_text.contains(tag));
        if markup {
            continue;
        }
        // A block without brackets, read only for those left open, has
        // none of its own to look at.
        let block_tokens = match holds_brackets {
            true => tokens.get(block.tokens.clone()).unwrap_or_default(),
            false => &[],
        };
        for index in bracket_tokens(text, block_tokens) {
            let index = block.tokens.start + index;
            let token = tokens[index];
            let glyph = char::from(text.as_bytes()[token.span().start]);
            match glyph {
                // `:(` and `<(` are faces, not asides.
                '(' if index > 0
                    && matches!(article.slice(tokens[index - 1].span()), ":" | ";" | "<") => {}
                '(' | '[' => open.push(OpenBracket {
                    glyph,
                    span: token.span(),
                }),
                ')' | ']' => {
                    let want = if glyph == ')' { '(' } else { '[' };
                    match open.pop() {
                        Some(opener) if opener.glyph == want => {}
                        Some(opener) => {
                            let close = if opener.glyph == '(' { ')' } else { ']' };
                            report.push(
                                report
                                    .diagnostic(
                                        token.span(),
                                        format!("This {glyph} closes a {}", opener.glyph),
                                    )
                                    .with_related(opener.span, format!("{} opened here", opener.glyph))
                                    .with_help(format!(
                                        "brackets pair as ( ) and [ ]: close it with {close}, or open it with {want}"
                                    ))
                                    .with_fix(close.to_string(), Applicability::Unsafe),
                            );
                        }
                        None if is_list_label_or_emoticon(text, tokens, block, index) => {}
                        None => report.push(
                            report
                                .diagnostic(
                                    token.span(),
                                    format!("This {glyph} closes nothing: no {want} comes before it in the paragraph"),
                                )
                                .with_help(format!(
                                    "open the aside with {want} where it begins, or delete this {glyph}"
                                )),
                        ),
                    }
                }
                _ => {}
            }
        }
        // Copy whose lines were split into paragraphs mid-sentence (a
        // paragraph that ends without a stop, followed by one that starts in
        // lower case) keeps its brackets open across the break.
        if open.is_empty() || broken_paragraph(article.text, &article.syntax, block_index) {
            continue;
        }
        for opener in std::mem::take(&mut open) {
            let close = if opener.glyph == '(' { ')' } else { ']' };
            report.push(
                report
                    .diagnostic(
                        opener.span,
                        format!("This {} is never closed", opener.glyph),
                    )
                    .with_related(
                        block_end(article, block),
                        format!("the paragraph ends here without a closing {close}"),
                    )
                    .with_help(format!(
                        "close it with {close} where the aside ends, before this paragraph ends"
                    )),
            );
        }
    }
}

/// The indexes in `tokens` (a block's, in text order) of the punctuation
/// tokens that begin with a bracket, in order: found from the brackets'
/// bytes, which one vector scan for each kind finds among the block's
/// text, rather than by a look at each of its tokens, most of which a
/// paragraph with one aside has. A bracket inside a longer token, or
/// begun by one of another kind, is passed over, as the look at each token
/// passed it over.
fn bracket_tokens<'t>(text: &'t str, tokens: &'t [Token]) -> impl Iterator<Item = usize> + 't {
    let start = tokens.first().map_or(0, |token| token.span().start);
    let end = tokens.last().map_or(0, |token| token.span().end);
    let bytes = text.as_bytes().get(start..end).unwrap_or_default();
    let mut round = memchr::memchr2_iter(b'(', b')', bytes).peekable();
    let mut square = memchr::memchr2_iter(b'[', b']', bytes).peekable();
    let mut cursor = 0;
    std::iter::from_fn(move || loop {
        let offset = match (round.peek(), square.peek()) {
            (Some(&one), Some(&other)) if other < one => square.next(),
            (Some(_), _) => round.next(),
            (None, _) => square.next(),
        }?;
        let at = start + offset;
        cursor += tokens[cursor..].partition_point(|token| token.span().start < at);
        if tokens
            .get(cursor)
            .is_some_and(|token| token.span().start == at && token.kind == TokenKind::Punctuation)
        {
            return Some(cursor);
        }
    })
}

/// Where the next of two bytes stands in a text, for spans asked about in
/// text order: the text is scanned on from a span only when the place last
/// found lies before it, so all the spans of a text cost about one scan
/// of it, however many there are.
struct NextByte<'t> {
    haystack: &'t [u8],
    bytes: (u8, u8),
    /// Where the search last started.
    from: usize,
    /// The first of the bytes at or after `from`, if any.
    next: Option<usize>,
}

impl<'t> NextByte<'t> {
    fn new(haystack: &'t [u8], one: u8, other: u8) -> Self {
        NextByte {
            haystack,
            bytes: (one, other),
            from: 0,
            next: memchr::memchr2(one, other, haystack),
        }
    }

    /// Whether either byte stands within `span`.
    fn any_in(&mut self, span: Span) -> bool {
        let (one, other) = self.bytes;
        let search = |from: usize| {
            let rest = self.haystack.get(from..)?;
            memchr::memchr2(one, other, rest).map(|offset| from + offset)
        };
        if span.start < self.from {
            // Asked out of order: searched on its own.
            return search(span.start).is_some_and(|at| at < span.end);
        }
        if self.next.is_some_and(|next| next < span.start) {
            self.next = search(span.start);
            self.from = span.start;
        }
        self.next.is_some_and(|next| next < span.end)
    }
}

/// `1)`, `a)`, `iv)` opening a list item, or the `)` of `:)` and `:-)`.
fn is_list_label_or_emoticon(
    text: &str,
    tokens: &[crate::syntax::Token],
    block: &Block,
    index: usize,
) -> bool {
    let Some(previous) = index.checked_sub(1).and_then(|i| tokens.get(i)) else {
        return false;
    };
    let previous_text = previous.span().slice(text);
    if matches!(previous_text, ":" | ";" | "-" | "=") {
        return true;
    }
    let label = match previous.kind {
        TokenKind::Number => previous_text.len() <= 2,
        TokenKind::Word | TokenKind::CapitalisedWord => {
            previous_text.chars().count() == 1
                || matches!(
                    previous_text,
                    "ii" | "iii" | "iv" | "vi" | "vii" | "viii" | "ix"
                )
        }
        _ => false,
    };
    if !label {
        return false;
    }
    // The label starts the paragraph or a line, or follows a space.
    let first = index - 1 == block.tokens.start;
    let before = (index - 1)
        .checked_sub(1)
        .and_then(|i| tokens.get(i))
        .is_some_and(|token| token.is_space() || matches!(token.kind, TokenKind::Quote { .. }));
    first || before
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check_rule, rule_from_toml};

    const QUOTES: &str = r#"
        [[rule]]
        id = "unbalanced-quote"
        kind = "paired-delimiters"
        severity = "error"
        delimiters = "quotation-marks"
    "#;

    const BRACKETS: &str = r#"
        [[rule]]
        id = "unbalanced-bracket"
        kind = "paired-delimiters"
        severity = "warning"
        delimiters = "brackets"
    "#;

    #[test]
    fn quotation_open_at_the_end_of_the_article() {
        let rule = rule_from_toml(QUOTES);
        insta::assert_snapshot!(check_rule(&rule, "“Yes,” he said.\n\nThey are “volunteers.\n\nLeave a Reply"), @"
        3:10-3:11 error[unbalanced-quote] This “ opens a quotation that is never closed
          related 3:21-3:22 the article ends here with the quotation still open
          help: close it with ” where the quoted words end, before the article ends
        ");
    }

    #[test]
    fn quotation_open_at_the_end_of_a_paragraph() {
        let rule = rule_from_toml(QUOTES);
        insta::assert_snapshot!(check_rule(&rule, "He said \"we will go.\n\nThe talks ended."), @r#"
        1:9-1:10 error[unbalanced-quote] This " opens a quotation that is never closed
          related 1:20-1:21 the paragraph ends here without a closing "
          help: close it with " where the quoted words end, before this paragraph ends (a quotation that goes on in the next paragraph opens that paragraph with ")
        "#);
    }

    #[test]
    fn closing_mark_with_no_opening() {
        let rule = rule_from_toml(QUOTES);
        insta::assert_snapshot!(check_rule(&rule, "The vote passed,” he said."), @"
        1:17-1:18 error[unbalanced-quote] This ” closes a quotation that was never opened
          help: open it with “ where the quoted words begin in this paragraph, or delete this mark
        ");
    }

    #[test]
    fn straight_marks_that_cannot_pair() {
        let rule = rule_from_toml(QUOTES);
        insta::assert_snapshot!(check_rule(&rule, "\"We will go, he said. \"It is time.\""), @r#"
        1:1-1:2 error[unbalanced-quote] This " opens a quotation that is not closed before the next one opens
          related 1:23-1:24 this " opens the next quotation
          help: close it with " where the quoted words end, before the next quotation opens
        "#);
    }

    #[test]
    fn mixed_pairs_offer_the_matching_mark() {
        let rule = rule_from_toml(QUOTES);
        insta::assert_snapshot!(check_rule(&rule, "“We are ready,\" he said. \"We are qualified.” She left."), @r#"
        1:15-1:16 error[unbalanced-quote] This " closes a quotation opened with “
          related 1:1-1:2 opened with “ here
          help: close it with ” to match
          fix (Safe): "”"
        1:26-1:27 error[unbalanced-quote] This " opens a quotation that closes with ”
          related 1:44-1:45 closed with ” here
          help: open it with “ to match
          fix (Safe): "“"
        "#);
    }

    #[test]
    fn wrong_shaped_curly_marks() {
        let rule = rule_from_toml(QUOTES);
        insta::assert_snapshot!(check_rule(&rule, "He said, ”We will go.” She asked: “Why?“"), @r#"
        1:10-1:11 error[unbalanced-quote] This ” opens a quotation but is a closing mark
          help: use “
          fix (Safe): "“"
        1:40-1:41 error[unbalanced-quote] This “ closes a quotation but is an opening mark
          help: use ”
          fix (Safe): "”"
        "#);
    }

    #[test]
    fn quiet_on_news_conventions() {
        let rule = rule_from_toml(QUOTES);
        for text in [
            "He said: “We will go.\n\n“We will win.\n\n“We always do.”",
            "He said: \"We will go. \"We will win.\"",
            "“He said ‘no’ to me,” she said.",
            "Milly’s friends don’t like the ’90s, rock ’n’ roll or the students’ union. ’Tis o’clock.",
            "The paper called it «une farce» and „ein Skandal“ or „Skandal”.",
            "The 6' 2\" forward signed for 5' 11\".",
            "Japan\"s trade surplus grew.",
            "<meta content=\"x\" name=\"y\">",
            "Home » News » World",
            "The carmaker isn ‘t slowing down.",
            "He said: \"[The plan] works. \"It is normal.\"",
            "\"It is new,\" he said, \"and it works. \"We are sure.\"",
            "\"I train daily. Back in rugby, people said 'you are dreaming' but it starts with a dream. \"It is up to you.\"",
        ] {
            assert_eq!(check_rule(&rule, text), "", "{text}");
        }
    }

    #[test]
    fn single_marks_only_where_unambiguous() {
        let rule = rule_from_toml(QUOTES);
        insta::assert_snapshot!(check_rule(&rule, "The ‘axis of evil speech.\n\nThe ‘90s and ‘em."), @"
        1:5-1:6 error[unbalanced-quote] This ‘ opens a quotation that is never closed
          related 1:25-1:26 the paragraph ends here without a closing ’
          help: close it with ’ where the quoted words end, before this paragraph ends
        ");
    }

    /// A bracket left open over a broken paragraph is reported at the end
    /// of the next paragraph that does not run on, though that one holds
    /// no bracket.
    #[test]
    fn bracket_open_over_a_broken_paragraph() {
        let rule = rule_from_toml(BRACKETS);
        insta::assert_snapshot!(check_rule(&rule, "The agency said nothing.\n\nA list (split\n\nacross lines and on.\n\nNext (one)."), @"
        3:8-3:9 warning[unbalanced-bracket] This ( is never closed
          related 5:20-5:21 the paragraph ends here without a closing )
          help: close it with ) where the aside ends, before this paragraph ends
        ");
    }

    #[test]
    fn brackets() {
        let rule = rule_from_toml(BRACKETS);
        insta::assert_snapshot!(check_rule(&rule, "The agency (which declined to comment said nothing.\n\nA list (split\n\nacross lines) and a face :( here.\n\nSales rose 5 pct) in March. The fund [set up in 2009) closed.\n\nTerms: 1) a ceasefire; a) talks :) (fine)."), @r#"
        1:12-1:13 warning[unbalanced-bracket] This ( is never closed
          related 1:51-1:52 the paragraph ends here without a closing )
          help: close it with ) where the aside ends, before this paragraph ends
        7:17-7:18 warning[unbalanced-bracket] This ) closes nothing: no ( comes before it in the paragraph
          help: open the aside with ( where it begins, or delete this )
        7:53-7:54 warning[unbalanced-bracket] This ) closes a [
          related 7:38-7:39 [ opened here
          help: brackets pair as ( ) and [ ]: close it with ], or open it with (
          fix (Unsafe): "]"
        "#);
    }
}

#[cfg(test)]
mod next_byte_tests {
    use super::NextByte;
    use crate::pseudo_random;
    use crate::source::Span;

    /// The scan that goes on from span to span finds what a scan of each
    /// span alone finds, for spans in text order (touching, apart, empty)
    /// and the odd one asked out of order.
    #[test]
    fn finds_what_a_scan_of_each_span_finds() {
        const PIECES: &[&str] = &["a", " ", "(", ")", "[", "]", "\n\n", "é", "word "];
        let mut below = pseudo_random::below(0x5eed_b7ac);
        for _ in 0..2_000 {
            let text: String = (0..below(40))
                .map(|_| PIECES[below(PIECES.len())])
                .collect();
            let bytes = text.as_bytes();
            let mut round = NextByte::new(bytes, b'(', b')');
            let mut square = NextByte::new(bytes, b'[', b']');
            let mut start = 0;
            while start <= bytes.len() {
                let end = start + below(bytes.len() - start + 1);
                let span = if below(8) == 0 {
                    let from = below(end + 1);
                    Span::new(from, end)
                } else {
                    Span::new(start, end)
                };
                let part = &bytes[span.start..span.end];
                assert_eq!(
                    round.any_in(span),
                    memchr::memchr2(b'(', b')', part).is_some(),
                    "{text:?} {span:?}"
                );
                assert_eq!(
                    square.any_in(span),
                    memchr::memchr2(b'[', b']', part).is_some(),
                    "{text:?} {span:?}"
                );
                start = end + below(3) + usize::from(span.start == end);
            }
        }
    }
}

#[cfg(test)]
mod bracket_token_tests {
    use super::bracket_tokens;
    use crate::pseudo_random;
    use crate::syntax::tokens::tokenize;
    use crate::syntax::TokenKind;

    /// The tokens found from the brackets' bytes are the punctuation
    /// tokens a look at each token finds beginning with a bracket, for
    /// texts of brackets, faces, words and marks, and for runs of their
    /// tokens starting and ending anywhere.
    #[test]
    fn finds_what_a_look_at_each_token_finds() {
        const PIECES: &[&str] = &[
            "a", " ", "(", ")", "[", "]", "\n\n", "é", "word ", ":)", "([", "1)", "“", "-",
        ];
        let mut below = pseudo_random::below(0x0b7a_c4e7);
        for _ in 0..2_000 {
            let text: String = (0..below(40))
                .map(|_| PIECES[below(PIECES.len())])
                .collect();
            let tokens = tokenize(&text);
            let from = below(tokens.len() + 1);
            let to = from + below(tokens.len() - from + 1);
            let run = &tokens[from..to];
            let expected: Vec<usize> = run
                .iter()
                .enumerate()
                .filter(|(_, token)| {
                    token.kind == TokenKind::Punctuation
                        && matches!(
                            token.span().slice(&text).chars().next(),
                            Some('(' | ')' | '[' | ']')
                        )
                })
                .map(|(index, _)| index)
                .collect();
            let found: Vec<usize> = bracket_tokens(&text, run).collect();
            assert_eq!(found, expected, "{text:?} {from}..{to}");
        }
    }
}
