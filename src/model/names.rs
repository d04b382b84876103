//! Name mentions: runs of capitalised words, computed once per article.
//!
//! A mention is a run of capitalised words joined by single spaces (or a
//! wrapped line), hyphens ("Al-Assad") or an initial's full stop ("Mark A.
//! Smith"). A possessive after the run (’s, 's, s’) is split off and kept
//! as a separate span so rules compare "Milly’s" as "Milly". Whether a
//! mention is a person, place or ordinary sentence-initial word is for the
//! rules to decide; the model records the facts they need for it.

use crate::source::Span;
use crate::syntax::{Syntax, TokenKind};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameMention {
    /// The whole run, without a possessive ending.
    pub span: Span,
    /// Each capitalised word of the run, in order.
    pub words: Vec<Span>,
    /// Index into the article's statements.
    pub statement: usize,
    /// Whether the run starts its statement (possibly after an opening
    /// quotation mark or bracket), where any word is capitalised.
    pub sentence_initial: bool,
    /// The possessive ending after the run: ’s, 's, or a lone ’ after s.
    pub possessive: Option<Span>,
}

pub fn name_mentions(text: &str, syntax: &Syntax) -> Vec<NameMention> {
    let mut mentions = Vec::new();
    for (statement_index, statement) in syntax.statements.iter().enumerate() {
        let tokens = &syntax.tokens[statement.tokens.clone()];
        let mut index = 0;
        let mut seen_word = false;
        while index < tokens.len() {
            if tokens[index].kind != TokenKind::CapitalisedWord {
                seen_word |= tokens[index].is_word() || tokens[index].kind == TokenKind::Number;
                index += 1;
                continue;
            }
            let sentence_initial = !seen_word;
            let mut words = vec![tokens[index].span];
            let mut end = index + 1;
            loop {
                // `Cap SP Cap`, `Cap - Cap`, `X . SP Cap` (an initial)
                let step = match (tokens.get(end), tokens.get(end + 1), tokens.get(end + 2)) {
                    (Some(gap), Some(next), _)
                        if next.kind == TokenKind::CapitalisedWord
                            && (is_single_space(text, gap)
                                || (gap.kind == TokenKind::Punctuation
                                    && gap.span.slice(text) == "-")) =>
                    {
                        Some(1)
                    }
                    (Some(stop), Some(gap), Some(next))
                        if stop.span.slice(text) == "."
                            && words
                                .last()
                                .is_some_and(|last| is_initial(last.slice(text)))
                            && is_single_space(text, gap)
                            && next.kind == TokenKind::CapitalisedWord =>
                    {
                        Some(2)
                    }
                    _ => None,
                };
                match step {
                    Some(skip) => {
                        words.push(tokens[end + skip].span);
                        end += skip + 1;
                    }
                    None => break,
                }
            }
            let span = Span::new(words[0].start, words[words.len() - 1].end);
            let possessive = possessive_after(text, tokens, end);
            mentions.push(NameMention {
                span,
                words,
                statement: statement_index,
                sentence_initial,
                possessive,
            });
            seen_word = true;
            index = end;
        }
    }
    mentions
}

fn is_single_space(text: &str, token: &crate::syntax::Token) -> bool {
    match token.kind {
        TokenKind::Space => token.span.slice(text) == " ",
        TokenKind::LineBreak => true,
        _ => false,
    }
}

fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
}

/// ’s or 's (an apostrophe token then "s"), or a closing single mark
/// directly after a word ending in s (the Joneses’).
fn possessive_after(text: &str, tokens: &[crate::syntax::Token], index: usize) -> Option<Span> {
    let mark = tokens.get(index)?;
    let mark_text = mark.span.slice(text);
    if !matches!(mark_text, "’" | "'") {
        return None;
    }
    match (mark.kind, tokens.get(index + 1)) {
        (TokenKind::Apostrophe, Some(next)) if next.span.slice(text) == "s" => {
            Some(mark.span.cover(next.span))
        }
        (TokenKind::Quote { .. }, _)
            if index > 0 && tokens[index - 1].span.slice(text).ends_with('s') =>
        {
            Some(mark.span)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    fn mentions(text: &str) -> Vec<(String, bool, Option<&str>)> {
        let syntax = parse(text);
        name_mentions(text, &syntax)
            .into_iter()
            .map(|mention| {
                let words: Vec<&str> = mention.words.iter().map(|w| w.slice(text)).collect();
                (
                    words.join("|"),
                    mention.sentence_initial,
                    mention.possessive.map(|span| span.slice(text)),
                )
            })
            .collect()
    }

    #[test]
    fn runs_titles_and_possessives() {
        assert_eq!(
            mentions("The content of Milly’s talk with Gen. Mark Milley was secret."),
            [
                ("The".to_owned(), true, None),
                ("Milly".to_owned(), false, Some("’s")),
                ("Gen".to_owned(), false, None),
                ("Mark|Milley".to_owned(), false, None),
            ]
        );
    }

    #[test]
    fn hyphens_and_initials() {
        assert_eq!(
            mentions("They met Al-Assad and Mark A. Smith."),
            [
                ("They".to_owned(), true, None),
                ("Al|Assad".to_owned(), false, None),
                ("Mark|A|Smith".to_owned(), false, None),
            ]
        );
    }
}
