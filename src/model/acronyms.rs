//! Acronyms: the all-capital words an article uses in its running text,
//! and whether the article spells each of them out.
//!
//! A *mention* is a word of two to eight capital letters ("AFU", "NGOs"
//! counts as "NGO") in a standfirst or paragraph. Words that only look
//! like acronyms are left out here, because they are facts about the text
//! rather than matters of house style:
//!
//! - words on a line that is mostly capitals (a wire headline, a shouted
//!   sentence, a table heading);
//! - Roman numerals ("II", "XIV");
//! - dotted forms ("U.S.": single letters) and words glued to a web
//!   address, handle or ticker ("@BBC", "<IBM>", "bbc.co.uk").
//!
//! An acronym is *defined* when the article gives its long form anywhere:
//!
//! - "Armed Forces of Ukraine (AFU)" or "the Armed Forces of Ukraine, or
//!   AFU": words just before it whose initials spell it, in any case;
//! - "(AFU)" after any words, or "AFU (Armed Forces of Ukraine)": the
//!   writer introducing it in brackets;
//! - a capitalised phrase anywhere whose initials spell it, where "of",
//!   "the", "and", "for" and their kin may be counted or skipped, and a
//!   word written in CamelCase may give its inner capitals
//!   ("PlayStation" for "PS").
//!
//! Which acronyms a reader knows without help ("NATO", "BBC") is house
//! style: the `undefined-acronym` rule keeps that list in its rule file.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::source::Span;
use crate::syntax::{BlockKind, Syntax, Token, TokenKind};

/// The fewest and most letters an acronym mention has.
const MIN_LETTERS: usize = 2;
const MAX_LETTERS: usize = 8;
/// The most words a spelled-out phrase may have.
const MAX_PHRASE_WORDS: usize = 14;

/// Words a long form may skip or count: "Armed Forces of Ukraine" gives
/// "AFU" or "AFOU".
const LINKING_WORDS: &[&str] = &[
    "of", "the", "and", "for", "on", "in", "to", "at", "&", "de", "du", "des", "la", "le", "les",
    "el", "del", "da", "do", "dos", "di", "der", "den", "van", "von", "al", "a", "an", "y", "et",
    "und",
];

/// One acronym used in running text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AcronymMention {
    /// The word as written ("NGOs").
    pub span: Span,
    /// Index into [`Syntax::statements`].
    pub statement: usize,
    /// The acronym's letters ("NGO").
    pub acronym: String,
    /// Where the article spells it out, if it does.
    pub definition: Option<Span>,
}

/// The acronyms an article uses in running text, in order.
pub fn acronym_mentions(text: &str, syntax: &Syntax) -> Vec<AcronymMention> {
    let tokens = &syntax.tokens;
    let shouting = shouting_lines(text, tokens);
    let datelines = dateline_words(text, syntax);
    let ordinary = ordinary_words(text, tokens);
    let mut mentions = Vec::new();
    for (index, statement) in syntax.statements.iter().enumerate() {
        let in_running_text = syntax.blocks.get(statement.block).is_some_and(|block| {
            matches!(block.kind, BlockKind::Paragraph | BlockKind::Standfirst)
        });
        if !in_running_text {
            continue;
        }
        for t in statement.tokens.clone() {
            let Some(token) = tokens.get(t) else { continue };
            if token.kind != TokenKind::CapitalisedWord
                || shouting.contains(&t)
                || datelines.contains(&t)
            {
                continue;
            }
            let word = token.span().slice(text);
            let Some(acronym) = acronym_letters(word) else {
                continue;
            };
            if is_roman_numeral(&acronym)
                || is_glued(text, token.span())
                || ordinary.contains(&acronym.to_lowercase())
                || in_capitals_run(text, tokens, t)
            {
                continue;
            }
            mentions.push(AcronymMention {
                span: token.span(),
                statement: index,
                acronym,
                definition: None,
            });
        }
    }
    if mentions.is_empty() {
        return mentions;
    }
    let phrases = spelled_out_phrases(text, syntax);
    let mut nearby: HashMap<String, Span> = HashMap::new();
    for mention in &mentions {
        if nearby.contains_key(&mention.acronym) {
            continue;
        }
        if let Some(span) = defined_in_place(text, tokens, mention)
            .or_else(|| part_of_a_name(text, tokens, mention.span))
        {
            nearby.insert(mention.acronym.clone(), span);
        }
    }
    for mention in &mut mentions {
        mention.definition = nearby
            .get(&mention.acronym)
            .or_else(|| phrases.get(&mention.acronym))
            .copied();
    }
    mentions
}

/// The acronym a word spells: two to eight capital letters, with an
/// optional plural "s" ("NGOs").
fn acronym_letters(word: &str) -> Option<String> {
    let stem = word.strip_suffix('s').unwrap_or(word);
    let letters = stem.chars().count();
    if !(MIN_LETTERS..=MAX_LETTERS).contains(&letters) {
        return None;
    }
    if !stem.chars().all(|c| c.is_alphabetic() && c.is_uppercase()) {
        return None;
    }
    Some(stem.to_owned())
}

/// "II", "XIV", "MCMLXXX". ("MIX", "DID", "MC" and "CD" are words or
/// acronyms, but read as Roman numerals they would be too: a reader meets
/// them after names and in titles, where they are not acronyms.)
fn is_roman_numeral(letters: &str) -> bool {
    letters
        .chars()
        .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'))
        && letters.contains(['I', 'V', 'X'])
}

/// Whether the word is part of a dotted form, address, handle or ticker:
/// "U.S.A", "@BBC", "#GOP", "<IBM>", "bbc.co.uk", "AT&T", "AFL-CIO"'s
/// neighbours are fine, but not a word glued to "/", "_" or "=".
fn is_glued(text: &str, span: Span) -> bool {
    let before = text[..span.start].chars().next_back();
    let mut after = text[span.end..].chars();
    let next = after.next();
    let next_next = after.next();
    if before.is_some_and(|c| matches!(c, '@' | '#' | '/' | '\\' | '_' | '<' | '=' | '$' | '.')) {
        return true;
    }
    if next.is_some_and(|c| matches!(c, '>' | '/' | '_' | '=' | '@')) {
        return true;
    }
    // "BBC.co.uk", "U.S.A": a dot with a letter straight after it.
    next == Some('.') && next_next.is_some_and(char::is_alphanumeric)
}

/// Indices of the tokens on lines that are mostly capitals: at least three
/// words, more than half of them written wholly in capitals. Such lines
/// are headlines, shouting or table headings, not acronyms in prose.
fn shouting_lines(text: &str, tokens: &[Token]) -> HashSet<usize> {
    let mut shouting = HashSet::new();
    let mut line_start = 0;
    let (mut words, mut capitals) = (0usize, 0usize);
    let mut flush = |from: usize, to: usize, words: usize, capitals: usize| {
        if words >= 3 && capitals * 2 > words {
            shouting.extend(from..to);
        }
    };
    for (index, token) in tokens.iter().enumerate() {
        match token.kind {
            TokenKind::LineBreak => {
                flush(line_start, index, words, capitals);
                line_start = index + 1;
                words = 0;
                capitals = 0;
            }
            TokenKind::Word | TokenKind::CapitalisedWord => {
                let word = token.span().slice(text);
                if word.chars().any(char::is_alphabetic) {
                    words += 1;
                    if !word.chars().any(char::is_lowercase) {
                        capitals += 1;
                    }
                }
            }
            _ => {}
        }
    }
    flush(line_start, tokens.len(), words, capitals);
    shouting
}

/// Indices of the capitalised words that open a block before a comma, a
/// bracket or a dash: a dateline the grammar left in the paragraph
/// ("NEW YORK, MARCH 3 -", "TAUPO, New Zealand, March 22 -").
fn dateline_words(text: &str, syntax: &Syntax) -> HashSet<usize> {
    let mut found = HashSet::new();
    for block in &syntax.blocks {
        let mut run = Vec::new();
        for index in block.tokens.clone().take(24) {
            let Some(token) = syntax.tokens.get(index) else {
                break;
            };
            match token.kind {
                TokenKind::Space => {}
                TokenKind::CapitalisedWord | TokenKind::Number => run.push(index),
                // "LONDON, March 3 -", "LONDON (Reuters) -".
                TokenKind::Punctuation if matches!(token.span().slice(text), "," | "(" | ")") => {
                    run.push(index);
                }
                // The dash ends a dateline.
                TokenKind::Punctuation if matches!(token.span().slice(text), "-" | "—" | "–") =>
                {
                    found.extend(run.iter().copied());
                    break;
                }
                _ => break,
            }
        }
    }
    found
}

/// Every word the article writes with a lowercase letter, lowercased: a
/// word in capitals that also appears as "not" or "Paradise" is emphasis
/// or a heading, not an acronym.
fn ordinary_words(text: &str, tokens: &[Token]) -> HashSet<String> {
    tokens
        .iter()
        .filter(|token| token.is_word())
        .map(|token| token.span().slice(text))
        .filter(|word| word.chars().any(char::is_lowercase))
        .map(str::to_lowercase)
        .collect()
}

/// Whether the word stands next to another word in capitals ("NEW YORK",
/// "CROOKED LIBERAL MEDIA", "BOCA RATON"): a phrase set in capitals, not
/// an acronym.
fn in_capitals_run(text: &str, tokens: &[Token], index: usize) -> bool {
    let is_capitals = |at: Option<usize>| {
        at.and_then(|at| tokens.get(at)).is_some_and(|token| {
            let word = token.span().slice(text);
            token.is_word()
                && word.chars().count() >= 2
                && word.chars().all(|c| c.is_alphabetic() && c.is_uppercase())
        })
    };
    let single_space = |at: usize| {
        tokens
            .get(at)
            .is_some_and(|token| token.span().slice(text) == " ")
    };
    (index >= 2 && single_space(index - 1) && is_capitals(Some(index - 2)))
        || (single_space(index + 1) && is_capitals(Some(index + 2)))
}

/// Company-name endings: "AFG Industries Inc", "LTV Corp", "Deutsche Bank
/// AG".
const NAME_ENDINGS: &[&str] = &[
    "Inc",
    "Corp",
    "Corporation",
    "Co",
    "Cos",
    "Ltd",
    "Plc",
    "PLC",
    "LLC",
    "LP",
    "AG",
    "SA",
    "NV",
    "BV",
    "AB",
    "ASA",
    "SpA",
    "Group",
    "Holdings",
    "Industries",
    "International",
    "Bancorp",
    "Bank",
    "Partners",
    "Airlines",
    "Communications",
    "Systems",
    "Technologies",
    "Enterprises",
    "Capital",
    "Financial",
    "Resources",
    "Energy",
    "Motors",
    "Records",
];

/// Where the acronym is part of a proper name: after a capitalised word
/// mid-sentence ("Windows XP", "Channel Islands AC"), or before words
/// ending in a company designation ("AFG Industries Inc", "LTV Corp").
/// Such names are what the company or product is called; spelling them
/// out is not the reader's help.
fn part_of_a_name(text: &str, tokens: &[Token], span: Span) -> Option<Span> {
    let index = tokens.partition_point(|token| token.span().start < span.start);
    let space = |at: usize| {
        tokens
            .get(at)
            .is_some_and(|token| token.span().slice(text) == " ")
    };
    let titled = |at: usize| {
        tokens.get(at).is_some_and(|token| {
            let word = token.span().slice(text);
            token.kind == TokenKind::CapitalisedWord && word.chars().any(char::is_lowercase)
        })
    };
    if index >= 2 && space(index - 1) && titled(index - 2) {
        // Not when that word opens the sentence ("Today AFU troops").
        let before = (0..index - 2).rev().find(|&i| {
            tokens
                .get(i)
                .is_some_and(|token| token.kind != TokenKind::Space)
        });
        let opens = before.and_then(|at| tokens.get(at)).is_none_or(|token| {
            token.kind == TokenKind::LineBreak
                || matches!(token.span().slice(text), "." | "!" | "?" | "\"" | "“" | ":")
        });
        let linking = tokens
            .get(index - 2)
            .is_some_and(|token| is_linking(token.span().slice(text)));
        if !opens && !linking {
            let start = tokens.get(index - 2)?.span().start;
            return Some(Span::new(start, span.end));
        }
    }
    // "JM Barrie", "AC Milan": two capitals before a name are initials or
    // part of the name.
    if span.len() == 2 && space(index + 1) && titled(index + 2) {
        let end = tokens.get(index + 2)?.span().end;
        return Some(Span::new(span.start, end));
    }
    let mut at = index + 1;
    for _ in 0..4 {
        if !space(at) {
            break;
        }
        let token = tokens.get(at + 1)?;
        let word = token.span().slice(text);
        if !token.is_word() || !starts_capitalised(word) {
            break;
        }
        if NAME_ENDINGS.contains(&word) {
            return Some(Span::new(span.start, token.span().end));
        }
        at += 2;
    }
    None
}

fn is_linking(word: &str) -> bool {
    LINKING_WORDS
        .iter()
        .any(|linking| linking.eq_ignore_ascii_case(word))
}

/// The letters a word may give a long form: its initial, or for a word in
/// CamelCase ("PlayStation", "BlackBerry") its capitals. A word in
/// capitals, or a plural acronym ("NGOs"), gives only its initial: it must
/// not spell itself out.
fn initials_of(word: &str) -> Vec<String> {
    let mut options = Vec::with_capacity(2);
    let Some(first) = word.chars().next() else {
        return options;
    };
    options.push(first.to_uppercase().collect());
    let capitals: String = word.chars().filter(|c| c.is_uppercase()).collect();
    let camel = word.chars().nth(1).is_some_and(char::is_lowercase);
    if capitals.chars().count() > 1 && capitals.len() <= MAX_LETTERS && camel {
        options.push(capitals);
    }
    options
}

/// A word of a phrase: its text and whether it is capitalised.
struct PhraseWord<'t> {
    text: &'t str,
    span: Span,
}

/// Every acronym a capitalised phrase of the article spells, with the
/// phrase's span (the first phrase found for each).
fn spelled_out_phrases(text: &str, syntax: &Syntax) -> HashMap<String, Span> {
    let mut found: HashMap<String, Span> = HashMap::new();
    for block in &syntax.blocks {
        let Some(block_tokens) = syntax.tokens.get(block.tokens.clone()) else {
            continue;
        };
        // Runs of words joined by spaces, single line breaks, hyphens or
        // ampersands; any other punctuation ends a phrase.
        let mut run: Vec<PhraseWord<'_>> = Vec::new();
        for token in block_tokens {
            match token.kind {
                TokenKind::Word | TokenKind::CapitalisedWord => run.push(PhraseWord {
                    text: token.span().slice(text),
                    span: token.span(),
                }),
                TokenKind::Space | TokenKind::LineBreak => {}
                TokenKind::Punctuation if matches!(token.span().slice(text), "-" | "&") => {
                    if token.span().slice(text) == "&" {
                        run.push(PhraseWord {
                            text: "&",
                            span: token.span(),
                        });
                    }
                }
                _ => {
                    spell_run(&run, &mut found);
                    run.clear();
                }
            }
        }
        spell_run(&run, &mut found);
    }
    found
}

/// Records what every capitalised phrase starting in `run` spells.
fn spell_run(run: &[PhraseWord<'_>], found: &mut HashMap<String, Span>) {
    for start in 0..run.len() {
        let first = &run[start];
        if !starts_capitalised(first.text) || is_linking(first.text) {
            continue;
        }
        let end = (start + MAX_PHRASE_WORDS).min(run.len());
        let mut paths: Vec<String> = vec![String::new()];
        for word in &run[start..end] {
            let capitalised = starts_capitalised(word.text);
            let linking = is_linking(word.text);
            if !capitalised && !linking {
                break;
            }
            let mut next: Vec<String> = Vec::new();
            for path in &paths {
                if linking {
                    next.push(path.clone());
                }
                for initials in initials_of(word.text) {
                    let mut extended = path.clone();
                    extended.push_str(&initials);
                    if extended.chars().count() <= MAX_LETTERS {
                        next.push(extended);
                    }
                }
            }
            next.sort();
            next.dedup();
            if next.is_empty() {
                break;
            }
            // A phrase ends on a capitalised word, not a linking word.
            if capitalised && !linking {
                for letters in &next {
                    if letters.chars().count() >= MIN_LETTERS {
                        found
                            .entry(letters.clone())
                            .or_insert_with(|| first.span.cover(word.span));
                    }
                }
            }
            paths = next;
        }
    }
}

fn starts_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// A definition beside the mention itself: "(AFU)" after the long form,
/// "AFU (Armed Forces of Ukraine)", or "armed forces of Ukraine, or AFU".
fn defined_in_place(text: &str, tokens: &[Token], mention: &AcronymMention) -> Option<Span> {
    let index = tokens.partition_point(|token| token.span().start < mention.span.start);
    let previous = previous_significant(tokens, index);
    let next = next_significant(tokens, index + 1);
    let is = |at: Option<usize>, mark: &str| {
        at.and_then(|at| tokens.get(at))
            .is_some_and(|token| token.span().slice(text) == mark)
    };
    // "(AFU)": the writer introduces it, whatever precedes it.
    if is(previous, "(") && is(next, ")") {
        let opening = previous.and_then(|at| tokens.get(at))?;
        let before = previous_significant(tokens, previous?);
        if let Some(long_form) =
            before.and_then(|at| long_form_ending_at(text, tokens, at, mention))
        {
            return Some(Span::new(long_form.start, mention.span.end));
        }
        let start = before
            .and_then(|at| tokens.get(at))
            .map_or(opening.span().start, |token| token.span().start);
        return Some(Span::new(start, mention.span.end));
    }
    // "AFU (Armed Forces of Ukraine)": two or more words in the brackets.
    if is(next, "(") {
        let mut words = 0;
        let mut at = next? + 1;
        while let Some(token) = tokens.get(at) {
            match token.kind {
                TokenKind::Word | TokenKind::CapitalisedWord => words += 1,
                TokenKind::Punctuation if token.span().slice(text) == ")" => {
                    if words >= 2 {
                        return Some(Span::new(mention.span.start, token.span().end));
                    }
                    break;
                }
                TokenKind::Quote { .. } => break,
                _ => {}
            }
            at += 1;
            if at > next? + 40 {
                break;
            }
        }
    }
    // "the armed forces of Ukraine, or AFU": the words before (skipping
    // "(", ", or", "or") spell it, in any case.
    let mut at = previous?;
    if is(Some(at), "or") {
        at = previous_significant(tokens, at)?;
    }
    if is(Some(at), ",") || is(Some(at), "(") {
        at = previous_significant(tokens, at)?;
    }
    long_form_ending_at(text, tokens, at, mention)
}

/// The words ending at token `at` that spell the mention's letters, in any
/// case: "armed forces of Ukraine" for "AFU".
fn long_form_ending_at(
    text: &str,
    tokens: &[Token],
    at: usize,
    mention: &AcronymMention,
) -> Option<Span> {
    let mut words: Vec<(&str, Span)> = Vec::new();
    let mut cursor = Some(at);
    while let Some(position) = cursor {
        let token = tokens.get(position)?;
        if !token.is_word() || words.len() >= MAX_PHRASE_WORDS {
            break;
        }
        words.push((token.span().slice(text), token.span()));
        cursor = previous_significant(tokens, position).filter(|&p| {
            tokens
                .get(p)
                .is_some_and(|t| t.is_word() || t.span().slice(text) == "-")
        });
        // Step over a hyphen: "Commander-in-Chief".
        if let Some(p) = cursor {
            if tokens.get(p).is_some_and(|t| t.span().slice(text) == "-") {
                cursor = p.checked_sub(1);
            }
        }
    }
    words.reverse();
    let letters: Vec<char> = mention.acronym.chars().collect();
    // Try every start: the long form ends just before the acronym.
    for start in 0..words.len() {
        // The long form starts on a word of its own, not on "the".
        if is_linking(words[start].0) {
            continue;
        }
        if spells(&words[start..], &letters) {
            let span = words[start].1.cover(words.last()?.1);
            return Some(span);
        }
    }
    None
}

/// Whether the words spell the letters, each word giving its initial
/// (or its capitals, for CamelCase), linking words optionally skipped.
fn spells(words: &[(&str, Span)], letters: &[char]) -> bool {
    match (words.split_first(), letters.is_empty()) {
        (None, done) => done,
        (Some(((word, _), rest)), _) => {
            if is_linking(word) && spells(rest, letters) {
                return true;
            }
            if letters.is_empty() {
                return false;
            }
            initials_of(word).iter().any(|initials| {
                let initials: Vec<char> = initials.chars().collect();
                letters.len() >= initials.len()
                    && letters[..initials.len()]
                        .iter()
                        .zip(&initials)
                        .all(|(a, b)| a.to_uppercase().eq(b.to_uppercase()))
                    && spells(rest, &letters[initials.len()..])
            })
        }
    }
}

fn previous_significant(tokens: &[Token], index: usize) -> Option<usize> {
    (0..index)
        .rev()
        .take(4)
        .find(|&i| tokens.get(i).is_some_and(|token| !token.is_space()))
}

fn next_significant(tokens: &[Token], index: usize) -> Option<usize> {
    (index..tokens.len())
        .take(4)
        .find(|&i| tokens.get(i).is_some_and(|token| !token.is_space()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    fn undefined(text: &str) -> Vec<String> {
        acronym_mentions(text, &parse(text))
            .into_iter()
            .filter(|mention| mention.definition.is_none())
            .map(|mention| mention.acronym)
            .collect()
    }

    fn definition(text: &str) -> Vec<(String, String)> {
        acronym_mentions(text, &parse(text))
            .into_iter()
            .map(|mention| {
                let shown = mention
                    .definition
                    .map_or_else(String::new, |span| span.slice(text).to_owned());
                (mention.acronym, shown)
            })
            .collect()
    }

    #[test]
    fn long_form_before_in_brackets() {
        assert_eq!(
            definition("The Armed Forces of Ukraine (AFU) said so. The AFU left."),
            [
                ("AFU".to_owned(), "Armed Forces of Ukraine (AFU".to_owned()),
                ("AFU".to_owned(), "Armed Forces of Ukraine (AFU".to_owned()),
            ]
        );
    }

    #[test]
    fn long_form_after_in_brackets() {
        assert_eq!(
            definition("The AFU (Armed Forces of Ukraine) said so."),
            [("AFU".to_owned(), "AFU (Armed Forces of Ukraine)".to_owned())]
        );
    }

    #[test]
    fn long_form_with_or_in_any_case() {
        assert_eq!(
            definition("They joined the armed forces of Ukraine, or AFU, in May."),
            [("AFU".to_owned(), "armed forces of Ukraine".to_owned())]
        );
    }

    #[test]
    fn capitalised_phrase_anywhere_defines() {
        assert!(
            undefined("The AFU said so. The Armed Forces of Ukraine later denied it.").is_empty()
        );
        assert!(
            undefined("Sony's PS5 sold out; the PS brand... PlayStation sales rose.").is_empty()
        );
        assert!(undefined("The AFOU said so. The Armed Forces of Ukraine denied it.").is_empty());
    }

    #[test]
    fn undefined_acronym_is_found_with_its_plural() {
        assert_eq!(undefined("Two NGOs and the AFU said so."), ["NGO", "AFU"]);
    }

    #[test]
    fn not_acronyms() {
        // Shouting lines, Roman numerals, single letters, dotted forms,
        // handles and tickers.
        assert!(
            undefined("Headline\n\nTHE MARKET FELL SHARPLY TODAY\n\nWorld War II ended.")
                .is_empty()
        );
        assert!(
            undefined("Body text.\n\nThe U.S. and @CNN and <IBM> and bbc.CO.uk said so.")
                .is_empty()
        );
    }

    #[test]
    fn headline_mentions_are_not_running_text() {
        assert_eq!(undefined("AFU ATTACKS\n\nThe XYZ fell."), ["XYZ"]);
    }
}
