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
    /// Each capitalised word of the run, in order, when there are two or
    /// more; none for a run of one word, whose span is the run's: most
    /// runs are one word, and this way take no allocation. Read through
    /// [`NameMention::words`].
    words: Vec<Span>,
    /// Index into the article's statements.
    pub statement: usize,
    /// Whether the run starts its statement (possibly after an opening
    /// quotation mark or bracket), where any word is capitalised.
    pub sentence_initial: bool,
    /// The possessive ending after the run: ’s, 's, or a lone ’ after s.
    pub possessive: Option<Span>,
}

impl NameMention {
    /// The mention of the run of `words` (at least one), without its
    /// possessive ending.
    pub fn new(
        words: &[Span],
        statement: usize,
        sentence_initial: bool,
        possessive: Option<Span>,
    ) -> NameMention {
        let span = match (words.first(), words.last()) {
            (Some(first), Some(last)) => Span::new(first.start, last.end),
            _ => Span::new(0, 0),
        };
        NameMention {
            span,
            words: if words.len() > 1 {
                words.to_vec()
            } else {
                Vec::new()
            },
            statement,
            sentence_initial,
            possessive,
        }
    }

    /// Each capitalised word of the run, in order.
    pub fn words(&self) -> &[Span] {
        if self.words.is_empty() {
            std::slice::from_ref(&self.span)
        } else {
            &self.words
        }
    }
}

pub fn name_mentions(text: &str, syntax: &Syntax) -> Vec<NameMention> {
    // Room for a mention every eight tokens, which short wire stories and
    // lists of names reach: sized for one in 32, the list was copied as it
    // grew about twice an article of the corpus.
    let mut mentions = Vec::with_capacity(syntax.tokens.len() / 8);
    // Room for the longest usual run of a name's words.
    let mut words_buffer: Vec<Span> = Vec::with_capacity(8);
    // The tokenizer noted every capitalised word, the only tokens a
    // mention starts with: each statement's are read from its notes, in
    // order, rather than found by a test of every token.
    let capitalised = syntax.capitalised.as_slice();
    let mut place = 0;
    for (statement_index, statement) in syntax.statements.iter().enumerate() {
        let range = statement.tokens.clone();
        let tokens = &syntax.tokens[range.clone()];
        // Past the capitalised words before the statement, in no
        // statement: there are rarely any.
        place = first_noted_from(capitalised, place, range.start);
        let mut seen_mention = false;
        while let Some(&noted) = capitalised.get(place) {
            let Some(index) = (noted as usize)
                .checked_sub(range.start)
                .filter(|&index| index < tokens.len())
            else {
                break;
            };
            // A run starts its statement if no word or number comes before
            // it there, nor any other run.
            let seen_word = seen_mention
                || tokens[..index]
                    .iter()
                    .any(|token| matches!(token.kind, TokenKind::Word | TokenKind::Number));
            let sentence_initial = !seen_word;
            // Gathered in a reused buffer, and copied out only for a run of
            // two words or more (most runs are one word).
            let words = &mut words_buffer;
            words.clear();
            words.push(tokens[index].span());
            let mut end = index + 1;
            place += 1;
            // `Cap SP Cap`, `Cap - Cap`, `X . SP Cap` (an initial): a run's
            // words are the capitalised words noted next, so it goes on only
            // if the next noted word is one or two tokens past the gap. Most
            // runs end at a space and a lowercase word, turned away by that
            // one compare before any token is read.
            while let Some(&next_noted) = capitalised.get(place) {
                let next = (next_noted as usize).wrapping_sub(range.start);
                let joined = if next == end + 1 {
                    tokens.get(end).is_some_and(|gap| {
                        is_single_space(text, gap)
                            || (matches!(gap.kind, TokenKind::Punctuation)
                                && is_byte(text, gap, b'-'))
                    })
                } else if next == end + 2 {
                    match (tokens.get(end), tokens.get(end + 1)) {
                        (Some(stop), Some(gap)) => {
                            is_byte(text, stop, b'.')
                                && words
                                    .last()
                                    .is_some_and(|last| is_initial(last.slice(text)))
                                && is_single_space(text, gap)
                        }
                        _ => false,
                    }
                } else {
                    false
                };
                let Some(next_word) = tokens.get(next).filter(|_| joined) else {
                    break;
                };
                words.push(next_word.span());
                end = next + 1;
                place += 1;
            }
            let possessive = possessive_after(text, tokens, end);
            mentions.push(NameMention::new(
                words,
                statement_index,
                sentence_initial,
                possessive,
            ));
            // `place` is past the run's words, the capitalised words before
            // `end`.
            seen_mention = true;
        }
    }
    mentions
}

/// The first place from `place` on in `noted` (token indexes, in order)
/// that holds a token index of at least `index`.
fn first_noted_from(noted: &[u32], mut place: usize, index: usize) -> usize {
    while noted
        .get(place)
        .is_some_and(|&noted| (noted as usize) < index)
    {
        place += 1;
    }
    place
}

fn is_single_space(text: &str, token: &crate::syntax::Token) -> bool {
    match token.kind {
        TokenKind::Space => is_byte(text, token, b' '),
        TokenKind::LineBreak => true,
        _ => false,
    }
}

/// Whether the token is the one byte `byte` (an ASCII character): a byte
/// compare, where slicing the text would check char boundaries first.
fn is_byte(text: &str, token: &crate::syntax::Token, byte: u8) -> bool {
    let span = token.span();
    span.len() == 1 && text.as_bytes().get(span.start) == Some(&byte)
}

fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
}

/// ’s or 's (an apostrophe token then "s"), or a closing single mark
/// directly after a word ending in s (the Joneses’).
fn possessive_after(text: &str, tokens: &[crate::syntax::Token], index: usize) -> Option<Span> {
    let mark = tokens.get(index)?;
    // Only these kinds can be a possessive's mark: most runs are followed
    // by a space, told by its kind before the text is sliced.
    if !matches!(mark.kind, TokenKind::Apostrophe | TokenKind::Quote { .. }) {
        return None;
    }
    let mark_text = mark.span().slice(text);
    if !matches!(mark_text, "’" | "'") {
        return None;
    }
    match (mark.kind, tokens.get(index + 1)) {
        (TokenKind::Apostrophe, Some(next)) if next.span().slice(text) == "s" => {
            Some(mark.span().cover(next.span()))
        }
        (TokenKind::Quote { .. }, _)
            if index > 0 && tokens[index - 1].span().slice(text).ends_with('s') =>
        {
            Some(mark.span())
        }
        _ => None,
    }
}

/// A name folded for comparison: lower case, diacritics and letters like
/// ø and ł reduced to their base letter, anything but letters dropped.
/// "Erdoğan" and "Erdogan" fold alike, as do "Al-Assad" and "Al Assad".
pub fn fold_name(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    // ASCII has no decompositions and no special letters: keep letters and
    // digits, lowercased.
    if name.is_ascii() {
        // Lowered in one copy; most names have nothing else to drop.
        let mut out = name.to_ascii_lowercase();
        if !out.bytes().all(|byte| byte.is_ascii_alphanumeric()) {
            out.retain(|c| c.is_ascii_alphanumeric());
        }
        return out;
    }
    let mut out = String::with_capacity(name.len());
    for c in name.nfd() {
        if crate::syntax::tokens::is_combining_mark(c) || !c.is_alphanumeric() {
            continue;
        }
        match c {
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
            'ı' => out.push('i'),
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'þ' | 'Þ' => out.push_str("th"),
            other => out.extend(other.to_lowercase()),
        }
    }
    out
}

/// Whether a lowercase word is a common English word: capitalised at the
/// start of a sentence or in a headline it is not taken for a name.
pub fn is_common_word(lower: &str) -> bool {
    static SET: crate::model::WordSet = crate::model::WordSet::new(COMMON_WORDS);
    SET.contains(lower)
}

/// [`is_common_word`] for a word in any case, lowered without an
/// allocation when it is short ASCII.
pub fn is_common_word_in_any_case(word: &str) -> bool {
    static SHAPES: crate::model::WordShapes =
        crate::model::WordShapes::EMPTY.with_all(COMMON_WORDS);
    // An ASCII word lowers to one of its own shape, and most names have
    // the shape of no common word: turned away before they are lowered
    // and hashed.
    if word.is_ascii() && !SHAPES.may_hold(word.as_bytes()) {
        return false;
    }
    let lower = crate::model::ShortLower::new(word);
    if lower.as_str().len() == word.len() {
        is_common_word(lower.as_str())
    } else {
        is_common_word(&word.to_lowercase())
    }
}

/// Sorted, lowercase; see [`is_common_word`].
pub(crate) const COMMON_WORDS: &[&str] = &[
    "a",
    "able",
    "about",
    "above",
    "accept",
    "according",
    "account",
    "accused",
    "across",
    "act",
    "action",
    "add",
    "added",
    "address",
    "adds",
    "administration",
    "administrator",
    "admit",
    "advance",
    "advanced",
    "advice",
    "adviser",
    "advisor",
    "affair",
    "affect",
    "afford",
    "afraid",
    "after",
    "afterwards",
    "again",
    "against",
    "age",
    "agency",
    "ago",
    "agree",
    "agreed",
    "agricultural",
    "agriculture",
    "ahead",
    "aid",
    "aim",
    "air",
    "all",
    "alliance",
    "allow",
    "allowed",
    "almost",
    "alone",
    "along",
    "alongside",
    "already",
    "also",
    "although",
    "always",
    "am",
    "amid",
    "among",
    "amount",
    "an",
    "analyst",
    "analysts",
    "and",
    "angles",
    "announce",
    "announced",
    "annual",
    "another",
    "answer",
    "any",
    "anyone",
    "anything",
    "anyway",
    "anywhere",
    "apart",
    "appear",
    "appellate",
    "apply",
    "approach",
    "are",
    "area",
    "areas",
    "argue",
    "arm",
    "arms",
    "army",
    "around",
    "arrived",
    "art",
    "article",
    "as",
    "ask",
    "asked",
    "at",
    "attack",
    "attempt",
    "audience",
    "author",
    "authority",
    "automotive",
    "average",
    "avoid",
    "award",
    "awards",
    "aware",
    "away",
    "back",
    "backs",
    "bad",
    "ball",
    "band",
    "bank",
    "banks",
    "bar",
    "base",
    "based",
    "basin",
    "basis",
    "battle",
    "be",
    "bear",
    "beat",
    "beautiful",
    "became",
    "because",
    "become",
    "bed",
    "been",
    "before",
    "began",
    "begin",
    "beginning",
    "behalf",
    "behind",
    "being",
    "believe",
    "believed",
    "below",
    "beneath",
    "beside",
    "besides",
    "best",
    "better",
    "between",
    "beyond",
    "bhd",
    "big",
    "bill",
    "bit",
    "black",
    "blow",
    "blue",
    "board",
    "body",
    "book",
    "books",
    "boost",
    "boosts",
    "born",
    "boss",
    "both",
    "box",
    "boy",
    "break",
    "bring",
    "broad",
    "brother",
    "brought",
    "brown",
    "budget",
    "build",
    "builders",
    "building",
    "bureau",
    "burn",
    "business",
    "but",
    "buy",
    "by",
    "call",
    "called",
    "came",
    "campaign",
    "can",
    "cannot",
    "capital",
    "car",
    "card",
    "care",
    "career",
    "case",
    "cash",
    "catholic",
    "catholics",
    "cause",
    "center",
    "central",
    "centre",
    "chair",
    "chance",
    "change",
    "changes",
    "chapter",
    "character",
    "charge",
    "charges",
    "check",
    "chief",
    "child",
    "children",
    "choice",
    "christian",
    "christians",
    "christmas",
    "church",
    "city",
    "civil",
    "claim",
    "claimed",
    "class",
    "clear",
    "clearly",
    "close",
    "closed",
    "club",
    "co",
    "coach",
    "cold",
    "come",
    "comes",
    "coming",
    "comment",
    "commercial",
    "commission",
    "committee",
    "commodity",
    "common",
    "communist",
    "communists",
    "community",
    "company",
    "computer",
    "concern",
    "condition",
    "conference",
    "conservative",
    "conservatives",
    "constituent",
    "constitution",
    "constitutional",
    "continue",
    "continued",
    "control",
    "corp",
    "cos",
    "cost",
    "costs",
    "could",
    "council",
    "count",
    "country",
    "county",
    "course",
    "court",
    "cover",
    "create",
    "created",
    "crime",
    "crisis",
    "critics",
    "crop",
    "cross",
    "crown",
    "cup",
    "current",
    "cut",
    "cuts",
    "damage",
    "dark",
    "data",
    "date",
    "day",
    "days",
    "dead",
    "deal",
    "death",
    "debate",
    "decade",
    "decide",
    "decided",
    "decision",
    "deep",
    "defence",
    "defense",
    "degree",
    "deliver",
    "demand",
    "democracy",
    "democrat",
    "democratic",
    "democrats",
    "department",
    "described",
    "despite",
    "detail",
    "details",
    "develop",
    "development",
    "did",
    "die",
    "died",
    "different",
    "difficult",
    "digital",
    "director",
    "do",
    "doctor",
    "does",
    "dog",
    "doing",
    "domes",
    "done",
    "door",
    "double",
    "down",
    "draw",
    "dream",
    "drive",
    "drop",
    "dropped",
    "drug",
    "due",
    "during",
    "each",
    "earlier",
    "early",
    "east",
    "easy",
    "economic",
    "economies",
    "economy",
    "edge",
    "edition",
    "education",
    "effect",
    "effort",
    "eight",
    "eighth",
    "either",
    "election",
    "else",
    "elsewhere",
    "end",
    "ended",
    "energy",
    "enjoy",
    "enough",
    "enter",
    "entertainment",
    "entire",
    "environment",
    "equal",
    "especially",
    "estimate",
    "even",
    "evening",
    "event",
    "events",
    "ever",
    "every",
    "everyone",
    "everything",
    "everywhere",
    "evidence",
    "exactly",
    "example",
    "except",
    "exchange",
    "executive",
    "expect",
    "expected",
    "experience",
    "expert",
    "experts",
    "explain",
    "explained",
    "eye",
    "face",
    "faces",
    "fact",
    "factor",
    "fail",
    "fair",
    "fall",
    "falls",
    "families",
    "family",
    "famous",
    "fan",
    "fans",
    "far",
    "fast",
    "father",
    "fear",
    "federal",
    "feel",
    "feeling",
    "fell",
    "felt",
    "few",
    "field",
    "fifth",
    "fight",
    "figure",
    "figures",
    "file",
    "fill",
    "film",
    "films",
    "final",
    "finally",
    "finance",
    "financial",
    "find",
    "fine",
    "fire",
    "firm",
    "first",
    "fish",
    "five",
    "floor",
    "fly",
    "focus",
    "follow",
    "followed",
    "following",
    "food",
    "foot",
    "for",
    "force",
    "forces",
    "foreign",
    "form",
    "former",
    "forward",
    "found",
    "foundation",
    "four",
    "free",
    "friend",
    "friends",
    "from",
    "front",
    "full",
    "fund",
    "funds",
    "further",
    "furthermore",
    "future",
    "game",
    "games",
    "gate",
    "gates",
    "gave",
    "general",
    "get",
    "gets",
    "girl",
    "give",
    "given",
    "gives",
    "glass",
    "global",
    "go",
    "goal",
    "goals",
    "god",
    "gold",
    "good",
    "got",
    "government",
    "governments",
    "great",
    "green",
    "ground",
    "group",
    "groups",
    "grow",
    "growth",
    "guard",
    "guess",
    "gun",
    "had",
    "hails",
    "half",
    "hall",
    "hand",
    "hands",
    "hang",
    "happen",
    "happy",
    "hard",
    "has",
    "have",
    "having",
    "he",
    "head",
    "health",
    "hear",
    "heart",
    "heat",
    "heavy",
    "held",
    "help",
    "helped",
    "her",
    "here",
    "hers",
    "herself",
    "high",
    "him",
    "himself",
    "his",
    "history",
    "hit",
    "hits",
    "hold",
    "holding",
    "holds",
    "home",
    "hope",
    "horse",
    "hospital",
    "host",
    "hot",
    "hotel",
    "hour",
    "hours",
    "house",
    "houses",
    "how",
    "however",
    "huge",
    "human",
    "hundred",
    "i",
    "idea",
    "ideas",
    "if",
    "image",
    "imagine",
    "impact",
    "important",
    "improve",
    "in",
    "inc",
    "include",
    "included",
    "including",
    "income",
    "increase",
    "indeed",
    "independent",
    "index",
    "industry",
    "information",
    "inside",
    "instead",
    "institute",
    "institutes",
    "interest",
    "interests",
    "international",
    "internet",
    "into",
    "investment",
    "is",
    "issue",
    "issues",
    "it",
    "item",
    "its",
    "itself",
    "jewish",
    "jews",
    "job",
    "jobs",
    "join",
    "joined",
    "joint",
    "judge",
    "just",
    "keep",
    "kept",
    "key",
    "kid",
    "kids",
    "kill",
    "killed",
    "kind",
    "king",
    "knew",
    "know",
    "knowledge",
    "labor",
    "labour",
    "lady",
    "land",
    "lands",
    "language",
    "large",
    "last",
    "lastly",
    "late",
    "later",
    "latest",
    "law",
    "laws",
    "lawyer",
    "lead",
    "leader",
    "leaders",
    "leading",
    "league",
    "learn",
    "least",
    "leave",
    "led",
    "left",
    "legal",
    "less",
    "letter",
    "level",
    "liberal",
    "liberals",
    "life",
    "light",
    "like",
    "likely",
    "likewise",
    "line",
    "list",
    "listen",
    "little",
    "live",
    "lives",
    "llc",
    "local",
    "long",
    "look",
    "looks",
    "lord",
    "lose",
    "loss",
    "lost",
    "lot",
    "love",
    "low",
    "lower",
    "ltd",
    "machine",
    "made",
    "magazine",
    "main",
    "major",
    "make",
    "makes",
    "making",
    "man",
    "manager",
    "manufacturers",
    "many",
    "maritime",
    "mark",
    "market",
    "markets",
    "match",
    "matter",
    "may",
    "maybe",
    "me",
    "mean",
    "meant",
    "meanwhile",
    "measure",
    "media",
    "medical",
    "meet",
    "meeting",
    "member",
    "members",
    "message",
    "met",
    "method",
    "middle",
    "might",
    "military",
    "million",
    "mind",
    "mine",
    "minister",
    "ministers",
    "ministry",
    "minute",
    "miss",
    "model",
    "modern",
    "moment",
    "money",
    "month",
    "months",
    "more",
    "moreover",
    "morning",
    "most",
    "mostly",
    "mother",
    "move",
    "moved",
    "movement",
    "moves",
    "movie",
    "movies",
    "much",
    "music",
    "muslim",
    "muslims",
    "must",
    "my",
    "myself",
    "name",
    "names",
    "nation",
    "national",
    "natural",
    "nature",
    "near",
    "nearly",
    "need",
    "needed",
    "neither",
    "network",
    "never",
    "nevertheless",
    "new",
    "news",
    "newspaper",
    "next",
    "night",
    "nine",
    "ninth",
    "no",
    "nobody",
    "none",
    "nonetheless",
    "nor",
    "north",
    "northeast",
    "northwest",
    "not",
    "note",
    "noted",
    "nothing",
    "now",
    "nowhere",
    "number",
    "numbers",
    "of",
    "off",
    "offer",
    "offered",
    "office",
    "officer",
    "official",
    "officials",
    "often",
    "oil",
    "old",
    "on",
    "once",
    "one",
    "only",
    "onto",
    "open",
    "opened",
    "opens",
    "operation",
    "opportunity",
    "option",
    "or",
    "order",
    "organisation",
    "organization",
    "original",
    "other",
    "others",
    "otherwise",
    "our",
    "ours",
    "ourselves",
    "out",
    "outside",
    "over",
    "overall",
    "own",
    "page",
    "pages",
    "paid",
    "pain",
    "paper",
    "parent",
    "park",
    "part",
    "particular",
    "parties",
    "partner",
    "partners",
    "party",
    "pass",
    "passed",
    "past",
    "patient",
    "pay",
    "peace",
    "people",
    "per",
    "percent",
    "perform",
    "perhaps",
    "period",
    "person",
    "personal",
    "phone",
    "physical",
    "pick",
    "picture",
    "piece",
    "place",
    "placed",
    "plan",
    "plans",
    "plant",
    "play",
    "played",
    "player",
    "players",
    "plc",
    "please",
    "point",
    "pointed",
    "points",
    "police",
    "policy",
    "political",
    "poll",
    "poor",
    "popular",
    "population",
    "position",
    "positive",
    "possible",
    "post",
    "power",
    "powers",
    "practice",
    "prepare",
    "present",
    "presidency",
    "president",
    "press",
    "pressure",
    "pretty",
    "prevent",
    "price",
    "prices",
    "prime",
    "prince",
    "private",
    "probably",
    "problem",
    "problems",
    "process",
    "produce",
    "produced",
    "product",
    "production",
    "professional",
    "profit",
    "program",
    "programme",
    "project",
    "property",
    "protect",
    "prove",
    "provide",
    "provided",
    "public",
    "pull",
    "pulls",
    "purpose",
    "push",
    "put",
    "quality",
    "queen",
    "question",
    "questions",
    "quickly",
    "quite",
    "quits",
    "race",
    "radio",
    "raise",
    "raised",
    "ran",
    "range",
    "rate",
    "rates",
    "rather",
    "reach",
    "reached",
    "read",
    "ready",
    "real",
    "really",
    "reason",
    "receive",
    "received",
    "recent",
    "recently",
    "record",
    "red",
    "reduce",
    "reflect",
    "refused",
    "regarding",
    "region",
    "rejects",
    "relate",
    "release",
    "remain",
    "remained",
    "remember",
    "report",
    "reported",
    "reports",
    "represent",
    "representative",
    "republican",
    "republicans",
    "require",
    "research",
    "resource",
    "response",
    "rest",
    "result",
    "results",
    "return",
    "returned",
    "reveal",
    "revealed",
    "reveals",
    "rich",
    "right",
    "rights",
    "rise",
    "rises",
    "risk",
    "river",
    "road",
    "rock",
    "role",
    "room",
    "rose",
    "rule",
    "rules",
    "run",
    "running",
    "safe",
    "said",
    "sale",
    "sales",
    "same",
    "sat",
    "save",
    "saw",
    "say",
    "says",
    "scene",
    "school",
    "schools",
    "science",
    "score",
    "scot",
    "scots",
    "sea",
    "season",
    "seat",
    "second",
    "secondly",
    "secretary",
    "section",
    "security",
    "see",
    "seek",
    "seeks",
    "seem",
    "seemed",
    "sees",
    "sell",
    "send",
    "senior",
    "sense",
    "sent",
    "series",
    "serious",
    "serve",
    "served",
    "service",
    "services",
    "set",
    "seven",
    "seventh",
    "several",
    "shake",
    "shape",
    "share",
    "shares",
    "she",
    "shelf",
    "sheriff",
    "shoot",
    "short",
    "shot",
    "should",
    "show",
    "showed",
    "shows",
    "side",
    "sign",
    "signed",
    "significant",
    "similar",
    "similarly",
    "simple",
    "simply",
    "since",
    "single",
    "sister",
    "sit",
    "site",
    "situation",
    "six",
    "sixth",
    "sixty",
    "size",
    "skill",
    "slams",
    "small",
    "smile",
    "so",
    "social",
    "socialist",
    "socialists",
    "society",
    "soldier",
    "some",
    "somebody",
    "someone",
    "something",
    "sometimes",
    "somewhere",
    "son",
    "song",
    "soon",
    "sort",
    "sound",
    "source",
    "south",
    "southeast",
    "southwest",
    "space",
    "speak",
    "special",
    "speech",
    "spend",
    "spent",
    "spin",
    "spoke",
    "sport",
    "sports",
    "spring",
    "staff",
    "stage",
    "stand",
    "standard",
    "star",
    "stars",
    "start",
    "started",
    "state",
    "statement",
    "states",
    "station",
    "stay",
    "stayed",
    "step",
    "still",
    "stock",
    "stood",
    "stop",
    "store",
    "story",
    "strategy",
    "street",
    "strong",
    "student",
    "students",
    "study",
    "stuff",
    "style",
    "subject",
    "success",
    "successful",
    "such",
    "suffer",
    "suggest",
    "suggested",
    "summer",
    "support",
    "sure",
    "surface",
    "system",
    "table",
    "take",
    "taken",
    "takes",
    "talk",
    "talked",
    "talks",
    "task",
    "taught",
    "tax",
    "taxes",
    "teacher",
    "team",
    "technical",
    "technology",
    "television",
    "tell",
    "ten",
    "tenth",
    "term",
    "terms",
    "test",
    "than",
    "thank",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "theory",
    "there",
    "thereafter",
    "therefore",
    "these",
    "they",
    "thing",
    "things",
    "think",
    "third",
    "this",
    "those",
    "though",
    "thought",
    "thousand",
    "threat",
    "three",
    "through",
    "throughout",
    "thus",
    "till",
    "time",
    "times",
    "title",
    "to",
    "today",
    "together",
    "told",
    "tomorrow",
    "too",
    "took",
    "top",
    "tops",
    "tories",
    "tory",
    "total",
    "tough",
    "tour",
    "toward",
    "towards",
    "town",
    "trade",
    "traditional",
    "training",
    "travel",
    "treat",
    "treatment",
    "tree",
    "trial",
    "tried",
    "trip",
    "trouble",
    "true",
    "trust",
    "truth",
    "try",
    "turn",
    "turned",
    "tv",
    "two",
    "type",
    "under",
    "union",
    "unison",
    "unit",
    "unite",
    "united",
    "unity",
    "university",
    "unless",
    "unlike",
    "until",
    "up",
    "update",
    "updated",
    "upon",
    "urges",
    "us",
    "used",
    "value",
    "various",
    "very",
    "via",
    "victim",
    "view",
    "violence",
    "visit",
    "voice",
    "vote",
    "voted",
    "voters",
    "wait",
    "waited",
    "walk",
    "walked",
    "wall",
    "want",
    "wanted",
    "war",
    "warned",
    "warns",
    "was",
    "watch",
    "water",
    "way",
    "we",
    "weapon",
    "wear",
    "week",
    "weeks",
    "weight",
    "well",
    "went",
    "were",
    "west",
    "western",
    "what",
    "whatever",
    "when",
    "whenever",
    "where",
    "whereas",
    "wherever",
    "whether",
    "which",
    "while",
    "white",
    "who",
    "whoever",
    "whole",
    "whom",
    "whose",
    "why",
    "wide",
    "wife",
    "will",
    "win",
    "wind",
    "window",
    "wins",
    "wish",
    "with",
    "within",
    "without",
    "woman",
    "women",
    "won",
    "wonder",
    "word",
    "words",
    "work",
    "worker",
    "workers",
    "world",
    "worry",
    "would",
    "write",
    "writer",
    "wrong",
    "wrote",
    "yard",
    "yeah",
    "year",
    "years",
    "yes",
    "yesterday",
    "yet",
    "you",
    "young",
    "your",
    "yours",
    "yourself",
    "youth",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    fn mentions(text: &str) -> Vec<(String, bool, Option<&str>)> {
        let syntax = parse(text);
        name_mentions(text, &syntax)
            .into_iter()
            .map(|mention| {
                let words: Vec<&str> = mention.words().iter().map(|w| w.slice(text)).collect();
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
    fn common_words_are_sorted() {
        for pair in COMMON_WORDS.windows(2) {
            assert!(pair[0] < pair[1], "{} before {}", pair[0], pair[1]);
        }
    }

    #[test]
    fn folding_drops_case_diacritics_and_joins() {
        assert_eq!(fold_name("Erdoğan"), "erdogan");
        assert_eq!(fold_name("Gdańsk"), "gdansk");
        assert_eq!(fold_name("Al-Assad"), fold_name("Al Assad"));
        assert_eq!(fold_name("Łódź"), "lodz");
    }

    /// The straightforward scan [`name_mentions`] must agree with: every
    /// token's kind compared in turn, every gap's text sliced.
    fn reference_mentions(text: &str, syntax: &crate::syntax::Syntax) -> Vec<NameMention> {
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
                let mut words = vec![tokens[index].span()];
                let mut end = index + 1;
                loop {
                    let step = match (tokens.get(end), tokens.get(end + 1), tokens.get(end + 2)) {
                        (Some(gap), Some(next), _)
                            if next.kind == TokenKind::CapitalisedWord
                                && (is_single_space_by_text(text, gap)
                                    || (gap.kind == TokenKind::Punctuation
                                        && gap.span().slice(text) == "-")) =>
                        {
                            Some(1)
                        }
                        (Some(stop), Some(gap), Some(next))
                            if stop.span().slice(text) == "."
                                && words
                                    .last()
                                    .is_some_and(|last| is_initial(last.slice(text)))
                                && is_single_space_by_text(text, gap)
                                && next.kind == TokenKind::CapitalisedWord =>
                        {
                            Some(2)
                        }
                        _ => None,
                    };
                    match step {
                        Some(skip) => {
                            words.push(tokens[end + skip].span());
                            end += skip + 1;
                        }
                        None => break,
                    }
                }
                let mark_text = tokens.get(end).map(|mark| mark.span().slice(text));
                let possessive = match (tokens.get(end), mark_text, tokens.get(end + 1)) {
                    (Some(mark), Some("’" | "'"), next) => match (mark.kind, next) {
                        (TokenKind::Apostrophe, Some(next)) if next.span().slice(text) == "s" => {
                            Some(mark.span().cover(next.span()))
                        }
                        (TokenKind::Quote { .. }, _)
                            if end > 0 && tokens[end - 1].span().slice(text).ends_with('s') =>
                        {
                            Some(mark.span())
                        }
                        _ => None,
                    },
                    _ => None,
                };
                mentions.push(NameMention::new(
                    &words,
                    statement_index,
                    sentence_initial,
                    possessive,
                ));
                seen_word = true;
                index = end;
            }
        }
        mentions
    }

    fn is_single_space_by_text(text: &str, token: &crate::syntax::Token) -> bool {
        match token.kind {
            TokenKind::Space => token.span().slice(text) == " ",
            TokenKind::LineBreak => true,
            _ => false,
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

        /// Runs of capitalised words, initials, hyphens, possessives and
        /// marks in any order: the same mentions as the reference scan.
        #[test]
        fn agrees_with_the_reference(pieces in proptest::collection::vec(0usize..28, 0..48)) {
            const PIECES: [&str; 28] = [
                "Mark", "A", "Smith", " ", "  ", ".", ". ", "-", "’", "'", "s", "’s",
                "Joneses", "the", "said", "45", "\n", "\r\n", "“", "”", "(", ")",
                "Łódź", "É", "Путин", "\u{2019}", ",", "\t",
            ];
            let text: String = pieces.iter().map(|&index| PIECES[index]).collect();
            let syntax = parse(&text);
            proptest::prop_assert_eq!(
                name_mentions(&text, &syntax),
                reference_mentions(&text, &syntax)
            );
        }
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
