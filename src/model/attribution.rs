//! Speaker attribution: who the text says spoke each quotation, computed
//! once per article from the quotation pairing ([`super::quotes`]) and the
//! name mentions ([`super::names`]).
//!
//! The shapes read are those of news copy, next to the quotation's marks:
//!
//! ```text
//! “…,” said Smith.            “…,” Smith said.         Smith said: “…”
//! “…,” said John Smith, the mayor.                     According to Smith, “…”
//! “…,” according to Smith.    “…,” a spokesman said.   “…,” he said.
//! ```
//!
//! A quotation attributed after its closing mark must end its clause inside
//! the marks (`,” ?” !”` or a dash) or with a comma after them; after `.”`
//! a new sentence begins, and the words there are not the attribution.
//!
//! A pronoun ("he said") names the person it stands for only when the
//! paragraph, before the pronoun and outside quotations, mentions exactly
//! one person: a name the article gives with a title ("Gen. Mark Milley",
//! "spokesman John Kirby") or as a speaker in full ("John Kirby said"), or
//! the surname of one. Otherwise the pronoun is kept, unresolved.
//!
//! A quotation without an attribution of its own keeps the speaker of the
//! quotation it continues: the next paragraph of a multi-paragraph
//! quotation (the earlier paragraph left open), and a quotation that follows
//! an attributed one in the same paragraph with nothing but that
//! attribution between them (`“…,” Smith said. “…”`).
//!
//! Precision comes first: a quotation the shapes above do not fit gets no
//! speaker rather than a guessed one.

use std::collections::HashSet;

use serde::Serialize;

use super::names::{fold_name, is_common_word, NameMention};
use super::quotes::{MarkState, Quotations};
use crate::source::Span;
use crate::syntax::{BlockKind, QuoteSide, QuoteWeight, Syntax, TokenKind};

/// One quotation (double marks, outermost) and its speaker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    /// From the opening mark through the closing mark; for a quotation
    /// continued in the next paragraph, to the end of its paragraph.
    pub span: Span,
    /// The quoted words, between the marks.
    pub quoted: Span,
    /// Whether a closing mark ends the quotation in this paragraph.
    pub closed: bool,
    /// Index into the article's blocks (of the opening mark).
    pub block: usize,
    /// Index into the article's statements (of the opening mark).
    pub statement: usize,
    pub speaker: Option<Speaker>,
}

/// How an attribution names its speaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SpeakerKind {
    /// A proper name: "Smith", "John Kirby", "the Pentagon".
    Name,
    /// A description without a name at its end: "a spokesman", "officials".
    Description,
    /// "he", "she", "they", "it".
    Pronoun,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// The speaker as the attribution writes it: the name (without title),
    /// the description or the pronoun.
    pub span: Span,
    pub kind: SpeakerKind,
    /// The name the speaker is: the span itself for [`SpeakerKind::Name`],
    /// the name a pronoun resolves to (an earlier mention), else `None`.
    pub name: Option<Span>,
    /// The verb of saying, or "according to".
    pub cue: Span,
    /// Index into the attributions of the quotation this one continues,
    /// whose speaker it keeps; `None` for an attribution of its own.
    pub carried_from: Option<usize>,
}

/// Finds every quotation and its speaker.
pub fn attributions(
    text: &str,
    syntax: &Syntax,
    quotations: &Quotations,
    names: &[NameMention],
) -> Vec<Attribution> {
    let scan = Scan::new(text, syntax, names);
    let marks = &quotations.marks;
    let mut found: Vec<Attribution> = Vec::new();
    // Closing-mark token of each quotation, for the attribution after it.
    let mut closings: Vec<Option<usize>> = Vec::new();
    let mut outer_end = 0;
    for (index, mark) in marks.iter().enumerate() {
        if mark.weight != QuoteWeight::Double
            || mark.side != QuoteSide::Opening
            || mark.span.start < outer_end
        {
            continue;
        }
        let Some(block) = syntax.blocks.get(mark.block) else {
            continue;
        };
        let (span, quoted, closing) = match (mark.state, mark.partner) {
            (MarkState::Paired, Some(partner)) => {
                let Some(close) = marks
                    .get(partner)
                    .filter(|close| close.span.start >= mark.span.end)
                else {
                    continue;
                };
                (
                    Span::new(mark.span.start, close.span.end),
                    Span::new(mark.span.end, close.span.start),
                    Some(close.token),
                )
            }
            (MarkState::Continued, _) => {
                // Continued mid-line (a lost paragraph break) ends where the
                // next quotation opens; at a paragraph end, with it.
                let end = marks[index + 1..]
                    .iter()
                    .find(|next| {
                        next.weight == QuoteWeight::Double && next.side == QuoteSide::Opening
                    })
                    .filter(|next| next.block == mark.block)
                    .map_or(block.span.end, |next| next.span.start);
                let end = text[mark.span.end..end].trim_end().len() + mark.span.end;
                (
                    Span::new(mark.span.start, end),
                    Span::new(mark.span.end, end),
                    None,
                )
            }
            _ => continue,
        };
        outer_end = span.end;
        let statement = syntax
            .statements
            .partition_point(|statement| statement.span.end <= mark.span.start)
            .min(syntax.statements.len().saturating_sub(1));
        let speaker = closing
            .and_then(|closing| scan.after_closing(closing))
            .or_else(|| scan.before_opening(mark.token, block.tokens.start));
        closings.push(closing);
        found.push(Attribution {
            span,
            quoted,
            closed: closing.is_some(),
            block: mark.block,
            statement,
            speaker,
        });
    }
    scan.resolve_pronouns(&mut found);
    carry_speakers(text, syntax, &mut found);
    found
}

/// Gives quotations without an attribution the speaker of the quotation
/// they continue.
fn carry_speakers(text: &str, syntax: &Syntax, found: &mut [Attribution]) {
    for index in 1..found.len() {
        if found[index].speaker.is_some() {
            continue;
        }
        let previous = &found[index - 1];
        let Some(speaker) = previous.speaker else {
            continue;
        };
        let this = &found[index];
        if has_own_attribution(text, this) {
            continue;
        }
        let continues = if previous.closed {
            // `“…,” Smith said. “…”` or `Smith said: “…” “…”`: between the
            // two only whitespace, or the attribution and a full stop.
            this.block == previous.block
                && text
                    .get(previous.span.end..this.span.start)
                    .is_some_and(|between| {
                        between.trim().is_empty()
                            || (speaker.carried_from.is_none()
                                && attribution_sentence_between(text, &speaker, previous, this))
                    })
        } else {
            opens_next_paragraph(text, syntax, previous, this)
        };
        if continues {
            found[index].speaker = Some(Speaker {
                carried_from: Some(speaker.carried_from.unwrap_or(index - 1)),
                ..speaker
            });
        }
    }
    // A multi-paragraph quotation attributed only in a later paragraph.
    for index in (0..found.len().saturating_sub(1)).rev() {
        let next = &found[index + 1];
        let this = &found[index];
        if this.speaker.is_some() || !opens_next_paragraph(text, syntax, this, next) {
            continue;
        }
        if let Some(speaker) = next.speaker {
            found[index].speaker = Some(Speaker {
                carried_from: Some(speaker.carried_from.unwrap_or(index + 1)),
                ..speaker
            });
        }
    }
}

/// Whether a quotation is followed by an attribution of its own, read or
/// not: it ends its clause with a comma inside the marks (`“…,” said
/// Richard and Judy producer Amanda Ross`), or with ? or ! and goes on in
/// lower case. Such a quotation never keeps an earlier speaker.
fn has_own_attribution(text: &str, attribution: &Attribution) -> bool {
    if !attribution.closed {
        return false;
    }
    let quoted = text
        .get(attribution.quoted.start..attribution.quoted.end)
        .unwrap_or_default();
    let after = text
        .get(attribution.span.end..)
        .unwrap_or_default()
        .trim_start_matches([' ', '\t']);
    quoted.trim_end().ends_with(',')
        || after.starts_with(',')
        || (quoted.trim_end().ends_with(['?', '!', '—', '–'])
            && after.starts_with(|c: char| c.is_lowercase()))
}

/// Whether the only words between two quotations of a paragraph are the
/// first one's attribution, ending its sentence: `“…,” Smith said in a
/// statement. “…”`.
fn attribution_sentence_between(
    text: &str,
    speaker: &Speaker,
    previous: &Attribution,
    this: &Attribution,
) -> bool {
    let start = speaker.span.start.min(speaker.cue.start);
    let end = speaker.span.end.max(speaker.cue.end);
    if start < previous.span.end || end > this.span.start {
        return false;
    }
    let (Some(lead), Some(tail)) = (
        text.get(previous.span.end..start),
        text.get(end..this.span.start),
    ) else {
        return false;
    };
    let tail = tail.trim_end();
    lead.trim_matches(|c: char| c.is_whitespace() || c == ',')
        .is_empty()
        && tail.ends_with('.')
        && !tail[..tail.len() - 1].contains(['.', '!', '?', '“', '”', '"'])
        && tail.split_whitespace().count() <= 8
}

/// Whether `next` opens the paragraph after the one `open` was left open in
/// (the multi-paragraph convention), or follows it at once where paragraph
/// breaks were lost.
fn opens_next_paragraph(
    text: &str,
    syntax: &Syntax,
    open: &Attribution,
    next: &Attribution,
) -> bool {
    if open.closed {
        return false;
    }
    if next.block == open.block {
        return text
            .get(open.span.end..next.span.start)
            .is_some_and(|between| between.trim().is_empty());
    }
    next.block == open.block + 1
        && syntax.blocks.get(next.block).is_some_and(|block| {
            block.span.start == next.span.start && block.kind == BlockKind::Paragraph
        })
}

/// A word of the text and whether it joins the word before it into one
/// phrase.
#[derive(Clone, Copy, Debug)]
struct Word {
    token: usize,
    /// Joined by a single space or line break, a hyphen, an apostrophe, or
    /// the full stop of an abbreviation or initial ("Gen. Mark", "U.S.").
    joined: bool,
}

struct Scan<'a> {
    text: &'a str,
    syntax: &'a Syntax,
    names: &'a [NameMention],
    words: Vec<Word>,
}

impl<'a> Scan<'a> {
    fn new(text: &'a str, syntax: &'a Syntax, names: &'a [NameMention]) -> Self {
        let tokens = &syntax.tokens;
        let mut words: Vec<Word> = Vec::new();
        for (index, token) in tokens.iter().enumerate() {
            if !(token.is_word() || token.kind == TokenKind::Number) {
                continue;
            }
            let joined = words.last().is_some_and(|previous| {
                let gap = &tokens[previous.token + 1..index];
                let slices: Vec<&str> = gap.iter().map(|token| token.span().slice(text)).collect();
                let previous_word = tokens[previous.token].span().slice(text);
                match slices.as_slice() {
                    [] | ["-" | "’" | "'" | "."] => true,
                    [" "] => true,
                    [_] => gap[0].kind == TokenKind::LineBreak,
                    [".", " "] => {
                        token.kind == TokenKind::CapitalisedWord
                            && (is_abbreviated_title(previous_word) || is_initial(previous_word))
                    }
                    _ => false,
                }
            });
            words.push(Word {
                token: index,
                joined,
            });
        }
        Scan {
            text,
            syntax,
            names,
            words,
        }
    }

    fn token_text(&self, token: usize) -> &'a str {
        self.syntax
            .tokens
            .get(token)
            .map_or("", |token| token.span().slice(self.text))
    }

    fn word_text(&self, word: usize) -> &'a str {
        self.words
            .get(word)
            .map_or("", |word| self.token_text(word.token))
    }

    fn lower(&self, word: usize) -> String {
        self.word_text(word).to_lowercase()
    }

    fn word_span(&self, word: usize) -> Span {
        self.words
            .get(word)
            .and_then(|word| self.syntax.tokens.get(word.token))
            .map_or(Span::default(), |token| token.span())
    }

    /// The next token after `token` that is not white space, before `limit`.
    fn next_solid(&self, token: usize, limit: usize) -> Option<usize> {
        (token + 1..limit.min(self.syntax.tokens.len()))
            .find(|&index| !self.syntax.tokens[index].is_space())
    }

    /// The token before `token` that is not white space, from `floor`.
    fn previous_solid(&self, token: usize, floor: usize) -> Option<usize> {
        (floor..token.min(self.syntax.tokens.len()))
            .rev()
            .find(|&index| !self.syntax.tokens[index].is_space())
    }

    /// The word that is token `token`.
    fn word_of(&self, token: usize) -> Option<usize> {
        let index = self.words.partition_point(|word| word.token < token);
        self.words
            .get(index)
            .filter(|word| word.token == token)
            .map(|_| index)
    }

    /// The mention whose last word is `word`.
    fn mention_ending_at(&self, word: usize) -> Option<&'a NameMention> {
        let span = self.word_span(word);
        let index = self
            .names
            .partition_point(|mention| mention.span.end < span.end);
        self.names
            .get(index)
            .filter(|mention| mention.span.end == span.end)
    }

    /// `“…,” said Smith.`, `“…,” Smith said.`, `“…,” according to Smith.`:
    /// the attribution after the closing mark at token `closing`.
    fn after_closing(&self, closing: usize) -> Option<Speaker> {
        let tokens = &self.syntax.tokens;
        let block = self
            .syntax
            .blocks
            .get(
                self.syntax
                    .blocks
                    .partition_point(|block| block.tokens.end <= closing),
            )
            .filter(|block| block.tokens.contains(&closing))?;
        let limit = block.tokens.end;
        let inside = self.previous_solid(closing, block.tokens.start)?;
        let ends_clause = matches!(self.token_text(inside), "," | "?" | "!" | "—" | "–");
        let mut next = self.next_solid(closing, limit)?;
        let comma_after = self.token_text(next) == ",";
        if comma_after {
            next = self.next_solid(next, limit)?;
        }
        if !(ends_clause || comma_after)
            || tokens[next].kind != TokenKind::Word
                && tokens[next].kind != TokenKind::CapitalisedWord
        {
            return None;
        }
        let first = self.word_of(next)?;
        let lower = self.lower(first);
        if lower == "according"
            && self
                .joined_word(first + 1)
                .is_some_and(|to| self.lower(to) == "to")
        {
            let cue = self.word_span(first).cover(self.word_span(first + 1));
            return self.speaker_after(first + 2, cue, limit);
        }
        if tokens[next].kind == TokenKind::Word && VERBS_BEFORE_SPEAKER.contains(&lower.as_str()) {
            return self.speaker_after(first + 1, self.word_span(first), limit);
        }
        // The subject, then the verb: `Smith said`, `a spokesman told`.
        let mut end = first;
        loop {
            let word = self.lower(end);
            if self.syntax.tokens.get(self.words.get(end)?.token)?.kind == TokenKind::Word
                && SPEECH_VERBS.contains(&word.as_str())
                && end > first
            {
                break;
            }
            if end - first >= MAX_PHRASE_WORDS {
                return None;
            }
            end = self.joined_word(end + 1)?;
        }
        let speaker = self.subject(first, end)?;
        Some(Speaker {
            cue: self.word_span(end),
            ..speaker
        })
    }

    /// `word` if it continues the phrase of the word before it.
    fn joined_word(&self, word: usize) -> Option<usize> {
        self.words
            .get(word)
            .filter(|word| word.joined)
            .map(|_| word)
    }

    /// The speaker a verb-first attribution names: `said John Smith, the
    /// mayor.`, `said a spokesman for the ministry`, `said he`.
    fn speaker_after(&self, first: usize, cue: Span, limit: usize) -> Option<Speaker> {
        let first_word = self.joined_word(first)?;
        if STOP_WORDS.contains(&self.lower(first_word).as_str()) {
            return None;
        }
        let mut last = first_word;
        while let Some(next) = self.joined_word(last + 1) {
            let lower = self.lower(next);
            if STOP_WORDS.contains(&lower.as_str()) || self.word_of_kind(next, TokenKind::Number) {
                break;
            }
            last = next;
            if last - first_word >= MAX_PHRASE_WORDS {
                return None;
            }
        }
        // The phrase must end its clause: a stop, a comma, a stop word or
        // the end of the paragraph, not words the shapes above do not know.
        let after = self.next_solid(self.words.get(last)?.token, limit);
        let clause_ends = match after {
            None => true,
            Some(token) => {
                matches!(
                    self.token_text(token),
                    "." | "," | ";" | ":" | "—" | "–" | "(" | "!" | "?"
                ) || self
                    .word_of(token)
                    .is_some_and(|word| STOP_WORDS.contains(&self.lower(word).as_str()))
            }
        };
        // `said Richard and Judy executive producer Amanda Ross`: a name
        // cut at "and" may be half of one.
        let cut_at_and = after
            .and_then(|token| self.word_of(token))
            .is_some_and(|word| matches!(self.lower(word).as_str(), "and" | "but"));
        if !clause_ends || cut_at_and {
            return None;
        }
        let speaker = self.subject(first_word, last + 1)?;
        Some(Speaker { cue, ..speaker })
    }

    fn word_of_kind(&self, word: usize, kind: TokenKind) -> bool {
        self.words
            .get(word)
            .and_then(|word| self.syntax.tokens.get(word.token))
            .is_some_and(|token| token.kind == kind)
    }

    /// The speaker the words `first..end` name: a pronoun, a name ending
    /// the phrase, or a description. Trailing adverbs ("also", "later")
    /// are not part of it.
    fn subject(&self, first: usize, mut end: usize) -> Option<Speaker> {
        while end > first && ADVERBS.contains(&self.lower(end - 1).as_str()) {
            end -= 1;
        }
        if end <= first {
            return None;
        }
        let last = end - 1;
        if end - first == 1 && PRONOUNS.contains(&self.lower(first).as_str()) {
            return Some(self.speaker(self.word_span(first), SpeakerKind::Pronoun, None));
        }
        if let Some(mention) = self.mention_ending_at(last) {
            if let Some(core) = name_core(self.text, self.syntax, mention) {
                if core.start >= self.word_span(first).start {
                    return Some(self.speaker(core, SpeakerKind::Name, Some(core)));
                }
            }
        }
        // A description: from its determiner, or the whole phrase when short.
        // "an official at a major oil company": from the first determiner.
        let start = (first..=last)
            .find(|&word| DETERMINERS.contains(&self.lower(word).as_str()))
            .unwrap_or(first);
        if last + 1 - start > 6
            || (start == first
                && !DETERMINERS.contains(&self.lower(first).as_str())
                && end - first > 3)
        {
            return None;
        }
        if self.word_of_kind(last, TokenKind::Number)
            || DETERMINERS.contains(&self.lower(last).as_str())
        {
            return None;
        }
        let span = self.word_span(start).cover(self.word_span(last));
        Some(self.speaker(span, SpeakerKind::Description, None))
    }

    fn speaker(&self, span: Span, kind: SpeakerKind, name: Option<Span>) -> Speaker {
        Speaker {
            span,
            kind,
            name,
            cue: Span::default(),
            carried_from: None,
        }
    }

    /// `Smith said: “…”`, `Smith told reporters, “…”`, `According to
    /// Smith, “…”`: the attribution before the opening mark at `opening`.
    fn before_opening(&self, opening: usize, floor: usize) -> Option<Speaker> {
        let before = self.previous_solid(opening, floor)?;
        let punctuated = matches!(self.token_text(before), ":" | ",");
        let last_token = if punctuated {
            self.previous_solid(before, floor)?
        } else {
            before
        };
        let last = self.word_of(last_token)?;
        // The verb: the last word, or up to four words before it when they
        // are the verb's object or circumstance (`told reporters`, `said in
        // a statement`).
        let mut verb = last;
        let mut start = last;
        while let Some(previous) = start.checked_sub(1).filter(|_| self.words[start].joined) {
            start = previous;
            if last - start > 4 {
                break;
            }
        }
        let found = (start..=last).rev().find(|&word| {
            let lower = self.lower(word);
            (self.word_of_kind(word, TokenKind::Word) && SPEECH_VERBS.contains(&lower.as_str()))
                || lower == "according"
        })?;
        verb = verb.min(found);
        let lower = self.lower(verb);
        if lower == "according" {
            if !punctuated || self.token_text(before) != "," {
                return None;
            }
            let to = self
                .joined_word(verb + 1)
                .filter(|&to| self.lower(to) == "to")?;
            if to >= last {
                return None;
            }
            let cue = self.word_span(verb).cover(self.word_span(to));
            let speaker = self.subject(to + 1, last + 1)?;
            return Some(Speaker { cue, ..speaker });
        }
        if verb < last {
            let object = self.lower(verb + 1);
            let allowed = matches!(lower.as_str(), "told" | "tells" | "asked")
                || CIRCUMSTANCES.contains(&object.as_str());
            if !punctuated || !allowed {
                return None;
            }
        }
        // The subject, back from the verb: a pronoun, a name, or a
        // description back to its determiner.
        let mut first = verb;
        while first > 0 && self.words[first].joined && verb - first < MAX_PHRASE_WORDS {
            let previous = first - 1;
            let lower = self.lower(previous);
            if STOP_WORDS.contains(&lower.as_str())
                || self.word_of_kind(previous, TokenKind::Number)
            {
                break;
            }
            first = previous;
            if DETERMINERS.contains(&lower.as_str()) || PRONOUNS.contains(&lower.as_str()) {
                break;
            }
        }
        if first == verb {
            return None;
        }
        // `Cork of the brokerage Nesbitt Thomson said:`, `an official at a
        // major oil company said:` — the phrase is a complement; its
        // subject lies further back.
        if first > 0
            && self.words[first].joined
            && PREPOSITIONS.contains(&self.lower(first - 1).as_str())
        {
            return None;
        }
        // From a pronoun or a name directly before the verb, take just that.
        let mut end = verb;
        while end > first && ADVERBS.contains(&self.lower(end - 1).as_str()) {
            end -= 1;
        }
        let head = end.checked_sub(1)?;
        if PRONOUNS.contains(&self.lower(head).as_str()) {
            first = head;
        } else if let Some(mention) = self.mention_ending_at(head) {
            let mention_start = mention.span.start;
            if let Some(from) =
                (first..=head).find(|&word| self.word_span(word).start >= mention_start)
            {
                first = from;
            }
        } else if first > 0
            && self.words[first].joined
            && !DETERMINERS.contains(&self.lower(first).as_str())
        {
            // A description cut off mid-phrase: not one we trust.
            return None;
        }
        let speaker = self.subject(first, end)?;
        Some(Speaker {
            cue: self.word_span(verb),
            ..speaker
        })
    }

    /// Resolves "he" and "she" to the one person the paragraph has named
    /// before them, outside quotations.
    fn resolve_pronouns(&self, found: &mut [Attribution]) {
        let persons = self.person_keys(found);
        if persons.is_empty() {
            return;
        }
        let quoted: Vec<Span> = found.iter().map(|attribution| attribution.span).collect();
        let in_quotation = |span: Span| {
            let index = quoted.partition_point(|quoted| quoted.end <= span.start);
            quoted
                .get(index)
                .is_some_and(|quoted| quoted.contains(span))
        };
        // Pronouns in text order, swept with one cursor over the name
        // mentions: each paragraph's names are read once, however many
        // pronouns it has.
        let mut pronouns: Vec<(usize, usize, bool)> = found
            .iter()
            .enumerate()
            .filter_map(|(index, attribution)| {
                let speaker = attribution.speaker?;
                let pronoun = speaker.span.slice(self.text).to_lowercase();
                (speaker.kind == SpeakerKind::Pronoun && matches!(pronoun.as_str(), "he" | "she"))
                    .then_some((speaker.span.start, index, pronoun == "he"))
            })
            .collect();
        pronouns.sort_unstable();
        // For "he" and for "she": the one person named so far in the
        // paragraph, and whether there was more than one.
        let mut candidates: [(Option<(String, Span)>, bool); 2] = Default::default();
        let mut block_index = usize::MAX;
        let mut cursor = 0;
        for (start, index, masculine) in pronouns {
            let Some(attribution) = found.get(index) else {
                continue;
            };
            let Some(block) = self.syntax.blocks.get(attribution.block) else {
                continue;
            };
            if attribution.block != block_index {
                block_index = attribution.block;
                candidates = Default::default();
                cursor = cursor.max(
                    self.names
                        .partition_point(|mention| mention.span.start < block.span.start),
                );
            }
            while let Some(mention) = self
                .names
                .get(cursor)
                .filter(|mention| mention.span.end <= start)
            {
                cursor += 1;
                if in_quotation(mention.span) {
                    continue;
                }
                let Some(core) = name_core(self.text, self.syntax, mention) else {
                    continue;
                };
                let key = surname_key(self.text, core);
                if !persons.contains(&key) {
                    continue;
                }
                // "Mr Okafor met Ms Nair. “…,” she said.": a title of the
                // other gender rules a name out.
                let title = self.title_before(core);
                for (gender, other_gender) in [(0, FEMININE_TITLES), (1, MASCULINE_TITLES)] {
                    if title
                        .as_deref()
                        .is_some_and(|title| other_gender.contains(&title))
                    {
                        continue;
                    }
                    let (person, ambiguous) = &mut candidates[gender];
                    match person {
                        Some((known, _)) if *known != key => *ambiguous = true,
                        _ => *person = Some((key.clone(), core)),
                    }
                }
            }
            let (person, ambiguous) = &candidates[if masculine { 0 } else { 1 }];
            if let (Some((_, core)), false) = (person, ambiguous) {
                if let Some(speaker) = found[index].speaker.as_mut() {
                    speaker.name = Some(*core);
                }
            }
        }
    }

    /// The surnames (folded) of the people the article names: with a
    /// title, or as a speaker with two or more names.
    fn person_keys(&self, found: &[Attribution]) -> HashSet<String> {
        let mut keys = HashSet::new();
        for attribution in found {
            if let Some(Speaker {
                kind: SpeakerKind::Name,
                span,
                ..
            }) = attribution.speaker
            {
                if span.slice(self.text).contains(' ') && !self.after_determiner(span) {
                    keys.insert(surname_key(self.text, span));
                }
            }
        }
        for mention in self.names {
            if let Some(core) = name_core(self.text, self.syntax, mention) {
                if self.title_before(core).is_some() {
                    keys.insert(surname_key(self.text, core));
                }
            }
        }
        keys
    }

    /// "the Pentagon": a name after an article is an organisation.
    fn after_determiner(&self, span: Span) -> bool {
        self.text
            .get(..span.start)
            .and_then(|before| before.trim_end().rsplit(char::is_whitespace).next())
            .is_some_and(|word| matches!(word.to_lowercase().as_str(), "the" | "a" | "an"))
    }

    /// The title just before a name ("Gen.", "Mrs", "spokesman", or the
    /// name's own first word when the mention starts with it), lower case.
    fn title_before(&self, core: Span) -> Option<String> {
        let before = self.text.get(..core.start)?.trim_end();
        let word = before
            .rsplit(|c: char| c.is_whitespace())
            .next()?
            .trim_end_matches('.')
            .to_lowercase();
        TITLES.contains(&word.as_str()).then_some(word)
    }
}

/// The name in a mention without the words that only look like part of
/// it: a capitalised common word starting a sentence or heading ("The",
/// "But") and titles ("Gen", "President"). `None` when nothing is left.
pub fn name_core(text: &str, syntax: &Syntax, mention: &NameMention) -> Option<Span> {
    let in_story = syntax
        .statements
        .get(mention.statement)
        .and_then(|statement| syntax.blocks.get(statement.block))
        .is_none_or(|block| block.kind == BlockKind::Paragraph);
    let mut first = 0;
    for (index, word) in mention.words().iter().enumerate() {
        let lower = word.slice(text).to_lowercase();
        let leading_common =
            (index == 0 && mention.sentence_initial || !in_story) && is_common_word(&lower);
        // "U.S. Joint Chiefs": the last letter of an abbreviation.
        let abbreviation_end = index == 0
            && is_initial(word.slice(text))
            && text
                .get(..word.start)
                .is_some_and(|before| before.ends_with('.'));
        if leading_common || abbreviation_end || TITLES.contains(&lower.as_str()) {
            first = index + 1;
        } else {
            break;
        }
    }
    // "Army General Valery Gerasimov": common words before a title belong
    // to it.
    let last_word = mention.words().len().saturating_sub(1);
    if let Some(title) = mention.words()[..last_word]
        .iter()
        .rposition(|word| TITLES.contains(&word.slice(text).to_lowercase().as_str()))
    {
        let only_title_words = mention.words()[..title].iter().all(|word| {
            let lower = word.slice(text).to_lowercase();
            is_common_word(&lower) || TITLES.contains(&lower.as_str())
        });
        if only_title_words {
            first = first.max(title + 1);
        }
    }
    let words = mention.words().get(first..)?;
    let (head, tail) = (words.first()?, words.last()?);
    // A lone letter ("U" of "U.S.") is no name.
    if words.len() == 1 && is_initial(head.slice(text)) {
        return None;
    }
    Some(Span::new(head.start, tail.end))
}

/// The folded last word of a name: how a surname is matched.
fn surname_key(text: &str, name: Span) -> String {
    let name = name.slice(text);
    fold_name(name.rsplit([' ', '\n', '-']).next().unwrap_or(name))
}

fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
}

fn is_abbreviated_title(word: &str) -> bool {
    matches!(
        word,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "Gen"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Lt"
            | "Col"
            | "Capt"
            | "Sgt"
            | "Prof"
            | "Rev"
            | "Adm"
            | "Maj"
            | "Cmdr"
            | "Supt"
            | "Insp"
            | "Det"
            | "St"
            | "Jr"
    )
}

/// The longest subject or speaker phrase read, in words.
const MAX_PHRASE_WORDS: usize = 8;

/// Verbs of saying that attribute a quotation.
const SPEECH_VERBS: &[&str] = &[
    "acknowledged",
    "added",
    "adds",
    "admitted",
    "announced",
    "argued",
    "argues",
    "asked",
    "asks",
    "claimed",
    "claims",
    "commented",
    "complained",
    "conceded",
    "concluded",
    "continued",
    "declared",
    "explained",
    "explains",
    "insisted",
    "insists",
    "joked",
    "maintained",
    "noted",
    "notes",
    "observed",
    "recalled",
    "remarked",
    "replied",
    "responded",
    "said",
    "says",
    "shouted",
    "stated",
    "states",
    "stressed",
    "suggested",
    "tells",
    "told",
    "tweeted",
    "warned",
    "warns",
    "wrote",
    "writes",
];

/// Verbs that may come before their speaker (`said Smith`): not "told",
/// whose object is the listener (`told Smith`).
const VERBS_BEFORE_SPEAKER: &[&str] = &[
    "added",
    "adds",
    "admitted",
    "argued",
    "asked",
    "asks",
    "concluded",
    "continued",
    "declared",
    "explained",
    "insisted",
    "noted",
    "recalled",
    "remarked",
    "replied",
    "said",
    "says",
    "stated",
    "stressed",
    "warned",
    "wrote",
    "writes",
];

const PRONOUNS: &[&str] = &["he", "she", "they", "it"];

const DETERMINERS: &[&str] = &[
    "a", "an", "the", "his", "her", "their", "its", "one", "another", "two", "three", "several",
    "some", "many", "other",
];

/// Words between a subject and its verb that belong to neither.
const ADVERBS: &[&str] = &[
    "also",
    "later",
    "then",
    "once",
    "again",
    "previously",
    "reportedly",
    "allegedly",
    "publicly",
    "privately",
    "earlier",
    "has",
    "had",
    "have",
    "recently",
    "simply",
    "repeatedly",
    "further",
];

/// Words that end a speaker phrase read after its verb.
const STOP_WORDS: &[&str] = &[
    "about",
    "after",
    "and",
    "as",
    "at",
    "because",
    "before",
    "but",
    "during",
    "earlier",
    "for",
    "from",
    "in",
    "last",
    "later",
    "of",
    "on",
    "outside",
    "that",
    "this",
    "to",
    "today",
    "tonight",
    "via",
    "when",
    "which",
    "while",
    "who",
    "with",
    "yesterday",
    "said",
    "says",
];

/// Prepositions that make the phrase after them a complement.
const PREPOSITIONS: &[&str] = &["of", "at", "for", "from", "with", "in", "on", "to", "by"];

/// Words after a verb of saying that begin its circumstance (`said in a
/// statement:`), so the verb still introduces the quotation.
const CIRCUMSTANCES: &[&str] = &[
    "in",
    "on",
    "at",
    "during",
    "after",
    "before",
    "to",
    "late",
    "earlier",
    "later",
    "yesterday",
    "today",
    "tonight",
    "this",
    "last",
    "recently",
    "afterwards",
    "then",
];

/// Titles and descriptions written before a person's name.
const TITLES: &[&str] = &[
    "adm",
    "admiral",
    "ambassador",
    "capt",
    "captain",
    "chairman",
    "chairwoman",
    "chancellor",
    "col",
    "colonel",
    "commissioner",
    "dame",
    "det",
    "detective",
    "dr",
    "gen",
    "general",
    "gov",
    "governor",
    "insp",
    "inspector",
    "judge",
    "justice",
    "king",
    "lady",
    "lord",
    "lt",
    "maj",
    "major",
    "mayor",
    "minister",
    "miss",
    "mr",
    "mrs",
    "ms",
    "pope",
    "premier",
    "president",
    "prince",
    "princess",
    "prof",
    "professor",
    "queen",
    "rep",
    "rev",
    "secretary",
    "sen",
    "senator",
    "sergeant",
    "sgt",
    "sir",
    "spokesman",
    "spokesperson",
    "spokeswoman",
];

const FEMININE_TITLES: &[&str] = &[
    "chairwoman",
    "dame",
    "lady",
    "miss",
    "mrs",
    "ms",
    "princess",
    "queen",
    "spokeswoman",
];

const MASCULINE_TITLES: &[&str] = &[
    "chairman",
    "king",
    "lord",
    "mr",
    "prince",
    "sir",
    "spokesman",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Each quotation's quoted words and its speaker as
    /// `kind:speaker[=name]`, with `^` for a carried speaker.
    fn attributed(text: &str) -> Vec<(String, String)> {
        let syntax = crate::syntax::parse(text);
        let quotations = super::super::quotes::pair_quotation_marks(text, &syntax);
        let names = super::super::names::name_mentions(text, &syntax);
        attributions(text, &syntax, &quotations, &names)
            .into_iter()
            .map(|attribution| {
                let speaker = match attribution.speaker {
                    None => "-".to_owned(),
                    Some(speaker) => {
                        let kind = match speaker.kind {
                            SpeakerKind::Name => "name",
                            SpeakerKind::Description => "description",
                            SpeakerKind::Pronoun => "pronoun",
                        };
                        let mut out = format!("{kind}:{}", speaker.span.slice(text));
                        if let Some(name) = speaker
                            .name
                            .filter(|_| speaker.kind == SpeakerKind::Pronoun)
                        {
                            out.push('=');
                            out.push_str(name.slice(text));
                        }
                        if speaker.carried_from.is_some() {
                            out.push('^');
                        }
                        out
                    }
                };
                (attribution.quoted.slice(text).to_owned(), speaker)
            })
            .collect()
    }

    fn speakers(text: &str) -> Vec<String> {
        attributed(text)
            .into_iter()
            .map(|(_, speaker)| speaker)
            .collect()
    }

    #[test]
    fn verb_after_the_quotation() {
        assert_eq!(speakers("“We will win,” said Smith."), ["name:Smith"]);
        assert_eq!(speakers("“We will win,” Smith said."), ["name:Smith"]);
        assert_eq!(
            speakers("“We will win,” Smith reportedly said."),
            ["name:Smith"]
        );
        assert_eq!(
            speakers("“We will win?” asked Jane Doe."),
            ["name:Jane Doe"]
        );
        assert_eq!(
            speakers("“We will win,” said John Smith, the mayor."),
            ["name:John Smith"]
        );
        assert_eq!(
            speakers("“We will win,” Pentagon spokesman John Kirby told reporters."),
            ["name:John Kirby"]
        );
        assert_eq!(
            speakers("\"We will win,\" said Mr. Smith of the council."),
            ["name:Smith"]
        );
        assert_eq!(speakers("“We will win”, said Smith."), ["name:Smith"]);
        assert_eq!(
            speakers("“We will win,” the Pentagon said in a statement."),
            ["name:Pentagon"]
        );
    }

    #[test]
    fn descriptions_and_pronouns() {
        assert_eq!(
            speakers("“Calm down,” a spokesman said."),
            ["description:a spokesman"]
        );
        assert_eq!(
            speakers("“Calm down,” said a spokesman for the ministry."),
            ["description:a spokesman"]
        );
        assert_eq!(
            speakers("“Calm down,” officials said."),
            ["description:officials"]
        );
        assert_eq!(speakers("“Calm down,” he said."), ["pronoun:he"]);
        assert_eq!(speakers("“Calm down,” said he."), ["pronoun:he"]);
    }

    #[test]
    fn verb_before_the_quotation() {
        assert_eq!(speakers("Smith said: “We will win.”"), ["name:Smith"]);
        assert_eq!(speakers("Jane Doe said, “We will win.”"), ["name:Jane Doe"]);
        assert_eq!(
            speakers("In a statement, the ministry said: “We will win.”"),
            ["description:the ministry"]
        );
        assert_eq!(
            speakers("Smith told reporters: “We will win.”"),
            ["name:Smith"]
        );
        assert_eq!(
            speakers("Smith also said in a statement: “We will win.”"),
            ["name:Smith"]
        );
        assert_eq!(
            speakers("According to Smith, “we will win.”"),
            ["name:Smith"]
        );
        assert_eq!(
            speakers("“We will win,” according to Smith."),
            ["name:Smith"]
        );
    }

    #[test]
    fn no_attribution_is_guessed() {
        // A full stop ends the quotation's sentence: what follows is not its attribution.
        assert_eq!(
            speakers("“We will win.” Smith said the vote was close."),
            ["-"]
        );
        // A quoted phrase inside a sentence.
        assert_eq!(
            speakers("Smith said the plan was “a disaster” for the town."),
            ["-"]
        );
        // `told Smith` names the listener.
        assert_eq!(speakers("“We will win,” told Smith."), ["-"]);
        // The verb does not introduce the quotation.
        assert_eq!(
            speakers("When Smith said it was over, “nobody” believed him."),
            ["-"]
        );
        assert_eq!(
            speakers("“We will win,” the long and winding road to the final vote said."),
            ["-"]
        );
        // Scare quotes with no speaker at all.
        assert_eq!(speakers("The so-called “peace plan” failed."), ["-"]);
        // A complement, not the subject.
        assert_eq!(
            speakers("Economist Jane Doe of the brokerage Acme Bongard said “it is slow.”"),
            ["-"]
        );
        // A name cut at "and" may be half of one.
        assert_eq!(
            speakers("“It was hard,” said Richard and Judy producer Amanda Ross."),
            ["-"]
        );
    }

    #[test]
    fn pronouns_resolve_only_when_one_person_is_named() {
        assert_eq!(
            speakers("Mayor John Smith spoke on Monday. “We will win,” he said."),
            ["pronoun:he=John Smith"]
        );
        // Two people: the pronoun is left as it is.
        assert_eq!(
            speakers("Mayor John Smith met Gov. Jane Doe. “We will win,” he said."),
            ["pronoun:he"]
        );
        // A name the article never shows to be a person.
        assert_eq!(
            speakers("Hong Kong was quiet. “We will win,” he said."),
            ["pronoun:he"]
        );
        // A title of the other gender.
        assert_eq!(
            speakers("Mrs Jane Doe spoke. “We will win,” he said."),
            ["pronoun:he"]
        );
        // The name must come before the pronoun and outside quotations.
        assert_eq!(
            speakers("Mayor John Smith spoke.\n\n“Ask Mr Brown,” he said."),
            ["pronoun:he"]
        );
        // An earlier named speaker in the paragraph counts.
        assert_eq!(
            speakers("“We will win,” said John Smith. “We must,” he added."),
            ["name:John Smith", "pronoun:he=John Smith"]
        );
    }

    #[test]
    fn continued_quotations_keep_their_speaker() {
        assert_eq!(
            speakers("“We will win,” Smith said. “We always do.”"),
            ["name:Smith", "name:Smith^"]
        );
        assert_eq!(
            speakers("“We will win,” Jane Doe said. “We always do.\n\n“And we will again.”\n"),
            ["name:Jane Doe", "name:Jane Doe^", "name:Jane Doe^"]
        );
        // Attributed only in the last paragraph.
        assert_eq!(
            speakers("“We will win.\n\n“We always do,” said Jane Doe.\n"),
            ["name:Jane Doe^", "name:Jane Doe"]
        );
        // A new paragraph that does not continue a quotation starts afresh.
        assert_eq!(
            speakers("“We will win,” said Jane Doe.\n\n“We will lose.”\n"),
            ["name:Jane Doe", "-"]
        );
        // A quotation with an attribution of its own, even one not read,
        // keeps no earlier speaker.
        assert_eq!(
            speakers("“We won,” said Madeley. “It was hard,” said Richard and Judy producer Amanda Ross."),
            ["name:Madeley", "-"]
        );
        // A sentence of narrative between two quotations breaks the chain.
        assert_eq!(
            speakers("“We will win,” Smith said. Rain fell all day. “We always do.”"),
            ["name:Smith", "-"]
        );
    }

    #[test]
    fn quoted_spans_slice_the_text() {
        assert_eq!(
            attributed("Ölçek said: “Şimdi değil.”"),
            [("Şimdi değil.".to_owned(), "name:Ölçek".to_owned())]
        );
    }
}
