//! # name-consistency
//!
//! ## What it does
//! Flags a proper name spelled two ways in one article: a dropped, doubled,
//! swapped or changed letter ("Milley … Milly"), a transliteration variant
//! ("Gaddafi / Qaddafi", "Navalny / Navalniy"), a lost or added diacritic
//! ("Erdoğan / Erdogan") or a spacing or hyphenation variant ("Time Warner /
//! TimeWarner", "Al-Assad / Al Assad"). The spelling the article uses most
//! decides; each minority spelling is flagged, with the majority's places
//! as related spans and the majority spelling as an unsafe fix. Two
//! spellings used equally often give one warning naming both. A newsroom's
//! style sheet (`names`) lists known wrong forms, flagged even when they
//! are the only spelling in the article.
//!
//! ## Why it matters
//! Misspelling a name is the error readers notice and publications correct
//! most often, and a spell checker cannot see it: "Milly" is a fine word.
//! Within one article the copy itself is the reference: when a name is
//! spelled "Milley" three times, the fourth spelling is almost certainly a
//! slip, whichever comes first.
//!
//! ## Example
//! ```toml
//! [[rule]]
//! id = "name-variant"
//! kind = "name-consistency"
//! severity = "error"
//! max-distance = { 5 = 1, 9 = 2 }
//! distinct = [["Iran", "Iraq"]]
//! [rule.names]
//! Gaddafi = ["Qaddafi", "Kadhafi"]
//! ```
//! In "General Mark Milley spoke … Milley said … the content of Milly’s
//! conversation … Milley added", "Milly" is flagged: "“Milly” is spelled
//! “Milley” 3 times elsewhere in this article".
//!
//! ## Options
//! - `max-distance` (default `{ 5 = 1, 9 = 2 }`): how many letter edits
//!   (Damerau-Levenshtein, after folding case and diacritics) two spellings
//!   may differ by, by the length of the longer one: from 5 letters one
//!   edit, from 9 letters two. Shorter names (from 4 letters) count as
//!   variants only for a diacritic or two neighbouring letters swapped.
//!   Slips keep the first letter; spellings that differ there are variants
//!   only as romanisations of one name (Gaddafi / Qaddafi).
//! - `distinct`: groups of names that are different entities however close
//!   their spelling ("Iran", "Iraq"); their adjectival and plural forms
//!   (Iranian, Austrians) are covered too. The default rule file ships a
//!   gazetteer of near-miss countries and places; add your own groups.
//! - `names`: the style sheet, `Canonical = ["wrong", …]`. A wrong form is
//!   flagged wherever it appears capitalised, with the canonical spelling
//!   as a fix (unsafe inside a quotation).
//! - `titles`: words split off the front of a name ("Gen.", "President",
//!   "Mrs"); a gendered title counts as evidence of who is meant.
//!
//! ## Limitations
//! Evidence that two spellings name different people wins: "Roger Stone"
//! and "Harriet Stowe" are not compared, nor are two spellings that both
//! are ordinary English words ("Brown", "Crown"). A capitalised word seen
//! only at the start of a sentence or in a headline counts as a name only
//! when it is not a common word and does not also appear in lower case.
//! All-capitals words (acronyms, wire headlines) are not compared, nor are
//! two names listed in one team sheet ("Sheahan, Horan, O'Callaghan");
//! a name listed only in a team sheet is still compared with one in the
//! prose, so "Horan" and "Shane Horgan" can be taken for one player. Inflected
//! forms are not variants (Smith / Smiths, Canada / Canadian), so a slip
//! that only drops a final "s" goes unseen. A name that is also an
//! ordinary word written in lower case in the same article ("Union", "the
//! union") is not compared.

use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::hash::{BuildHasher, Hasher};
use std::sync::OnceLock;

use hashbrown::HashTable;
use memchr::memmem;
use rustc_hash::{FxBuildHasher, FxHashMap as HashMap, FxHashSet as HashSet};

use super::{KindOptions, Report, Rule, RuleKind};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::model::names::{fold_name, is_common_word, NameMention};
use crate::model::{Article, WordShapes};
use crate::source::Span;
use crate::syntax::{BlockKind, Token, TokenKind};

rule_options! {
    pub struct Options {
        #[serde(default = "default_max_distance")]
        pub max_distance: BTreeMap<String, usize>,
        #[serde(default)]
        pub distinct: Vec<Vec<String>>,
        #[serde(default)]
        pub names: BTreeMap<String, Vec<String>>,
        #[serde(default = "default_titles")]
        pub titles: Vec<String>,
    }
}

fn default_max_distance() -> BTreeMap<String, usize> {
    BTreeMap::from([("5".to_owned(), 1), ("9".to_owned(), 2)])
}

fn default_titles() -> Vec<String> {
    DEFAULT_TITLES
        .iter()
        .map(|title| (*title).to_owned())
        .collect()
}

const DEFAULT_TITLES: &[&str] = &[
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Dr",
    "Prof",
    "Professor",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Gen",
    "General",
    "Lt",
    "Lieutenant",
    "Col",
    "Colonel",
    "Maj",
    "Major",
    "Capt",
    "Captain",
    "Sgt",
    "Sergeant",
    "Adm",
    "Admiral",
    "Cmdr",
    "Commander",
    "Marshal",
    "Army",
    "President",
    "Vice",
    "Prime",
    "Minister",
    "Secretary",
    "Senator",
    "Sen",
    "Rep",
    "Representative",
    "Governor",
    "Gov",
    "Judge",
    "Justice",
    "Chancellor",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Pope",
    "Father",
    "Rev",
    "Reverend",
    "Sheikh",
    "Chairman",
    "Chairwoman",
    "Chief",
    "Mayor",
    "Ambassador",
    "Speaker",
    "Premier",
    "Inspector",
    "Detective",
    "Coach",
    "Saint",
    "St",
    "Duke",
    "Duchess",
    "Baron",
    "Baroness",
    "Earl",
    "Emperor",
    "Ayatollah",
    "Imam",
    "Rabbi",
    "Bishop",
    "Archbishop",
    "Cardinal",
    "Sister",
    "Brother",
    "Officer",
    "Agent",
    "Deputy",
    "Congressman",
    "Congresswoman",
];

impl KindOptions for Options {
    const KIND: RuleKind = RuleKind {
        name: "name-consistency",
        summary: "Flags a proper name spelled two ways in one article",
        default_severity: Severity::Error,
    };

    fn build(self) -> Result<Box<dyn Rule>, String> {
        Ok(Box::new(self.into_rule()?))
    }
}

impl Options {
    fn into_rule(self) -> Result<NameConsistency, String> {
        let mut steps = Vec::new();
        for (length, edits) in &self.max_distance {
            let length: usize = length.parse().map_err(|_| {
                format!("`max-distance` keys are name lengths in letters, not `{length}`")
            })?;
            steps.push((length, *edits));
        }
        steps.sort_unstable();
        if steps.is_empty() {
            return Err("`max-distance` is empty".to_owned());
        }
        if steps.iter().any(|&(_, edits)| edits > 3) {
            return Err("`max-distance` allows at most 3 edits".to_owned());
        }
        let mut distinct: HashMap<String, Vec<(usize, usize)>> = HashMap::default();
        for (group, names) in self.distinct.iter().enumerate() {
            if names.len() < 2 {
                return Err(format!(
                    "`distinct` group {} needs two names or more",
                    group + 1
                ));
            }
            for (member, name) in names.iter().enumerate() {
                for form in derived_forms(&fold_name(name)) {
                    let entry = distinct.entry(form).or_default();
                    if !entry.contains(&(group, member)) {
                        entry.push((group, member));
                    }
                }
            }
        }
        let mut wrong_forms = HashMap::default();
        for (canonical, wrongs) in &self.names {
            for wrong in wrongs {
                let key = wrong.split_whitespace().collect::<Vec<_>>().join(" ");
                if key.is_empty() || key == *canonical {
                    return Err(format!(
                        "`names.{canonical}` lists an empty or identical form"
                    ));
                }
                wrong_forms.insert(key, canonical.clone());
            }
        }
        let titles: HashSet<String> = self
            .titles
            .iter()
            .map(|title| title.trim_end_matches('.').to_lowercase())
            .collect();
        let title_shapes = titles
            .iter()
            .fold(WordShapes::EMPTY, |shapes, title| shapes.with(title));
        let title_hashes = TitleHashes::of(&titles);
        Ok(NameConsistency {
            edits_by_length: edits_by_length(&steps),
            steps,
            deletions_by_length: OnceLock::new(),
            distinct,
            wrong_forms,
            titles,
            title_shapes,
            title_hashes,
        })
    }
}

/// The edits allowed between spellings of `length` characters by the
/// steps ((from length, edits allowed), sorted by length): those of the
/// last step the length reaches.
fn allowed_edits_by_steps(steps: &[(usize, usize)], length: usize) -> Option<usize> {
    steps
        .iter()
        .rev()
        .find(|(from, _)| length >= *from)
        .map(|&(_, edits)| edits)
}

/// [`allowed_edits_by_steps`] of each length below [`TABLED_LENGTHS`].
fn edits_by_length(steps: &[(usize, usize)]) -> Vec<Option<usize>> {
    (0..TABLED_LENGTHS)
        .map(|length| allowed_edits_by_steps(steps, length))
        .collect()
}

#[derive(Debug)]
struct NameConsistency {
    /// (from length, edits allowed), sorted by length.
    steps: Vec<(usize, usize)>,
    /// [`NameConsistency::allowed_edits`] of each length below
    /// [`TABLED_LENGTHS`]: it is asked of every spelling compared, and a
    /// search of the steps took a branch a step.
    edits_by_length: Vec<Option<usize>>,
    /// [`NameConsistency::deletions_needed`] of each length below
    /// [`TABLED_LENGTHS`], worked out on first use: it is asked of every
    /// word of a file of many names, several times.
    deletions_by_length: OnceLock<Vec<Option<usize>>>,
    /// Folded name (and its derived forms) → (group, member) pairs.
    distinct: HashMap<String, Vec<(usize, usize)>>,
    /// Known wrong form → canonical spelling.
    wrong_forms: HashMap<String, String>,
    /// Lowercase titles without a full stop.
    titles: HashSet<String>,
    /// The shapes of `titles`: most words of a name are no title, and are
    /// told so by three look-ups before they are hashed.
    title_shapes: WordShapes,
    /// The hashes of `titles` as an ASCII word capitalised at most at its
    /// start may be written: such a word (nearly every one) is told to be
    /// no title by the hash the vocabulary takes of it anyway.
    title_hashes: TitleHashes,
}

/// A set of bits, one for each of 4096 ranges of hashes
/// ([`FxBuildHasher`], as [`Vocabulary::entry`] hashes a word), set for
/// every title in lower case and with its first letter in upper case.
/// An ASCII word with no upper-case letter after its first is one of
/// those two forms of its lower case, so its lower case is a title only
/// if its bit is set.
#[derive(Debug)]
struct TitleHashes([u64; 64]);

impl TitleHashes {
    fn of(titles: &HashSet<String>) -> TitleHashes {
        let mut bits = TitleHashes([0; 64]);
        for title in titles {
            let mut capitalised = title.clone();
            if let Some(first) = capitalised.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            for form in [title, &capitalised] {
                let (word, bit) = Self::place(FxBuildHasher.hash_one(form.as_str()));
                if let Some(word) = bits.0.get_mut(word) {
                    *word |= bit;
                }
            }
        }
        bits
    }

    /// The word and bit of `hash`'s range.
    fn place(hash: u64) -> (usize, u64) {
        let range = (hash >> 52) as usize;
        (range >> 6, 1 << (range & 63))
    }

    /// Whether a word of hash `hash` may be a title's lower case or that
    /// capitalised: false means it is neither.
    fn may_hold(&self, hash: u64) -> bool {
        let (word, bit) = Self::place(hash);
        self.0.get(word).is_some_and(|&word| word & bit != 0)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
}

/// The genders the titles before a spelling give it ("Mr", "Mrs"), as a
/// set of two.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Genders(u8);

impl Genders {
    fn insert(&mut self, gender: Gender) {
        self.0 |= match gender {
            Gender::Male => 1,
            Gender::Female => 2,
        };
    }

    /// Both known and none in common: two people.
    fn conflict(self, other: Genders) -> bool {
        self.0 != 0 && other.0 != 0 && self.0 & other.0 == 0
    }
}

/// A small set of folded name numbers, kept sorted: a spelling has a few
/// neighbours, and a vector of them takes a fraction of a hash set's
/// memory (which counts when a file holds a million distinct names). The
/// first few live inline, so the usual two- to four-word name allocates
/// nothing for its neighbours.
#[derive(Debug, Default)]
struct FoldedSet {
    inline: [u32; FoldedSet::INLINE],
    inline_len: u8,
    /// Every member, once there are more than fit inline.
    spilled: Vec<u32>,
}

impl FoldedSet {
    const INLINE: usize = 3;

    fn as_slice(&self) -> &[u32] {
        if self.spilled.is_empty() {
            &self.inline[..usize::from(self.inline_len)]
        } else {
            &self.spilled
        }
    }

    fn insert(&mut self, folded: u32) {
        if !self.spilled.is_empty() {
            if let Err(at) = self.spilled.binary_search(&folded) {
                self.spilled.insert(at, folded);
            }
            return;
        }
        let len = usize::from(self.inline_len);
        let Err(at) = self.inline[..len].binary_search(&folded) else {
            return;
        };
        if len < Self::INLINE {
            self.inline.copy_within(at..len, at + 1);
            self.inline[at] = folded;
            self.inline_len += 1;
        } else {
            self.spilled = self.inline.to_vec();
            self.spilled.insert(at, folded);
        }
    }

    fn contains(&self, folded: u32) -> bool {
        self.as_slice().binary_search(&folded).is_ok()
    }

    fn is_empty(&self) -> bool {
        self.as_slice().is_empty()
    }

    fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.as_slice().iter().copied()
    }

    /// No member in common; a merge of the two sorted lists.
    fn is_disjoint(&self, other: &FoldedSet) -> bool {
        let (mut a, mut b) = (
            self.as_slice().iter().peekable(),
            other.as_slice().iter().peekable(),
        );
        while let (Some(&&x), Some(&&y)) = (a.peek(), b.peek()) {
            match x.cmp(&y) {
                std::cmp::Ordering::Less => {
                    a.next();
                }
                std::cmp::Ordering::Greater => {
                    b.next();
                }
                std::cmp::Ordering::Equal => return false,
            }
        }
        true
    }
}

/// One place a spelling is used.
#[derive(Clone, Copy, Debug)]
struct Occurrence {
    span: Span,
    /// The statement, when it is a list of names ("Sheahan, Horan,
    /// O'Callaghan, Miller"), where every entry is someone else.
    roster: Option<u32>,
    /// Where its mention starts, for the title just before it ("Mrs.
    /// Smith"), looked for only when the spelling's genders are asked
    /// ([`NameConsistency::genders`]).
    mention_start: usize,
    /// The gender of the first gendered title in its mention ("Mrs" in
    /// "Mrs Jane Smith").
    title_in_mention: Option<Gender>,
    /// Where the name words of its mention are in the article's list of
    /// them ([`Context::run_words`]), for a place in the story in a run of
    /// several words; an empty range otherwise.
    run: (u32, u32),
}

/// Everything known about one spelling but its places, which are kept
/// apart ([`Occurrences`]), and the names used beside it, which are read
/// from its places when asked ([`Candidate::names_around`]).
#[derive(Debug, Default)]
struct Form {
    /// How many places use it.
    uses: u32,
    /// Capitalised mid-sentence in the story somewhere: evidence of a
    /// name.
    confirmed: bool,
    /// Used as the first of several name words (a given name's place).
    as_given: bool,
    /// Used alone or as the last of several name words (a surname's).
    as_last: bool,
}

/// Every spelling's places, grouped by spelling. Gathered in one list and
/// grouped once per article, rather than one list per spelling: a file of
/// distinct names would allocate one for each.
#[derive(Debug, Default)]
struct Occurrences {
    /// Grouped by spelling (its slot, [`Tracked`]), each group in text order.
    grouped: Vec<Occurrence>,
    /// Where each entry's group ends in `grouped`.
    ends: Vec<u32>,
}

impl Occurrences {
    /// Groups `(entry, place)` pairs, given in text order, by entry (less
    /// than `entries`): a counting sort, which keeps each group's order.
    fn group(places: &[(u32, Occurrence)], entries: usize) -> Occurrences {
        let mut ends = vec![0u32; entries];
        for &(entry, _) in places {
            if let Some(count) = ends.get_mut(entry as usize) {
                *count += 1;
            }
        }
        let mut total = 0;
        for end in &mut ends {
            total += *end;
            *end = total;
        }
        let mut next: Vec<u32> = std::iter::once(0)
            .chain(ends.iter().copied())
            .take(entries)
            .collect();
        let mut grouped = match places.first() {
            Some(&(_, filler)) => vec![filler; places.len()],
            None => Vec::new(),
        };
        for &(entry, occurrence) in places {
            if let Some(place) = next.get_mut(entry as usize) {
                if let Some(slot) = grouped.get_mut(*place as usize) {
                    *slot = occurrence;
                }
                *place += 1;
            }
        }
        Occurrences { grouped, ends }
    }

    /// The places of one entry, in text order.
    fn of(&self, entry: u32) -> &[Occurrence] {
        let entry = entry as usize;
        let start = match entry.checked_sub(1) {
            Some(before) => self.ends.get(before).copied().unwrap_or(0),
            None => 0,
        };
        let end = self.ends.get(entry).copied().unwrap_or(start);
        self.grouped
            .get(start as usize..end as usize)
            .unwrap_or_default()
    }
}

/// The work [`NameConsistency::check_article`] may leave undone where it
/// can tell it would find nothing; each switched off does that work as
/// the rule is defined, for tests to hold the shortcut to it.
#[derive(Clone, Copy, Debug)]
struct Shortcuts {
    /// The spellings the article also writes in lower case are found only
    /// when a comparison needs them (they take a pass over every word),
    /// rather than before anything is compared.
    lowercase_when_asked: bool,
    /// Stretches of name words are listed and compared for their spacing
    /// only in an article where two may share their letters and differ,
    /// told as the words are entered; most articles list none.
    spacing_when_it_may_differ: bool,
}

impl Shortcuts {
    /// Every shortcut, as the rule runs.
    const ALL: Shortcuts = Shortcuts {
        lowercase_when_asked: true,
        spacing_when_it_may_differ: true,
    };
}

impl Rule for NameConsistency {
    fn check(&self, article: &Article<'_>, report: &mut Report<'_>) {
        self.check_article(article, report, Shortcuts::ALL);
    }
}

impl NameConsistency {
    /// The rule's check, taking the [`Shortcuts`] `shortcuts` allows.
    fn check_article(&self, article: &Article<'_>, report: &mut Report<'_>, shortcuts: Shortcuts) {
        let lowercase_first = !shortcuts.lowercase_when_asked;
        let text = article.text;
        // Sized up front: a file of distinct names would otherwise copy
        // each of these lists as it grows, and rehash the maps.
        let name_words_used: usize = article.names.iter().map(|name| name.words().len()).sum();
        let mut vocabulary = Vocabulary::with_capacity(name_words_used);
        // The mentions the rule reads. This list and the others filtered
        // below are sized for all they may hold: grown from empty, each
        // would be copied several times an article.
        let mut mentions: Vec<&NameMention> = Vec::with_capacity(article.names.len());
        // Most articles have no block the rule passes over, and every
        // mention in a statement of theirs: then every mention is read,
        // and none has its block looked up until it is read for its name.
        let no_block_passed_over = article
            .blocks()
            .iter()
            .all(|block| !is_passed_over(block.kind));
        let every_statement_known = article
            .names
            .iter()
            .map(|mention| mention.statement)
            .max()
            .is_none_or(|last| last < article.statements().len());
        if no_block_passed_over && every_statement_known {
            mentions.extend(&article.names);
        } else {
            mentions.extend(article.names.iter().filter(|mention| {
                block_kind_of(article, mention).is_some_and(|kind| !is_passed_over(kind))
            }));
        }
        // Every word of every mention, in text order, has its entry before
        // any spelling is looked at, so that spellings that cannot meet
        // another are known before anything is gathered for them.
        let mut mention_entries: Vec<u32> = Vec::with_capacity(name_words_used);
        // The name-shaped words of every mention, (span, entry), one
        // mention after another, and where each mention's end: listed as
        // the entries are made, rather than filtered again for each
        // mention from its entries.
        let mut name_shaped_words: Vec<(Span, u32)> = Vec::with_capacity(name_words_used);
        let mut name_shaped_ends: Vec<u32> = Vec::with_capacity(mentions.len());
        // Whether two stretches of name words may share their letters and
        // differ in their spacing ([`NameConsistency::report_spacing`]),
        // told as the words are entered: in most articles they cannot, and
        // no stretch is listed. A word with a capital after its first
        // letter, or a name word in lower case after another, asks a closer
        // look once every word is known ([`runs_a_join_together`]).
        let mut spacing_may_differ = false;
        let mut inner_capitals = false;
        let mut lower_case_after_another = false;
        let mut hyphens = false;
        for mention in &mentions {
            let mut previous_name_word: Option<Span> = None;
            for &span in mention.words() {
                let entry = vocabulary.entry(span.slice(text), self);
                mention_entries.push(entry);
                let word = vocabulary.word(entry);
                // Pushed, then taken back if not name-shaped: no branch to
                // mispredict.
                name_shaped_words.push((span, entry));
                let kept = name_shaped_words.len() - usize::from(!word.name_shaped);
                name_shaped_words.truncate(kept);
                if word.name_shaped {
                    spacing_may_differ |= word.outside_ascii;
                    inner_capitals |= word.inner_capital;
                    match previous_name_word.map(|previous| join_of(text, previous, span)) {
                        Some(join @ (Join::WhiteSpace | Join::Hyphen)) => {
                            hyphens |= join == Join::Hyphen;
                            lower_case_after_another |= text
                                .as_bytes()
                                .get(span.start)
                                .is_some_and(u8::is_ascii_lowercase);
                        }
                        Some(Join::Otherwise) => spacing_may_differ = true,
                        Some(Join::None) | None => {}
                    }
                    previous_name_word = Some(span);
                }
            }
            name_shaped_ends.push(u32::try_from(name_shaped_words.len()).unwrap_or(u32::MAX));
        }
        spacing_may_differ |= !shortcuts.spacing_when_it_may_differ;
        if !spacing_may_differ && (inner_capitals || lower_case_after_another || hyphens) {
            spacing_may_differ =
                runs_a_join_together(text, &vocabulary, &name_shaped_words, &name_shaped_ends);
        }
        let tracked = self.spellings_to_track(&vocabulary);
        // What is known of each tracked spelling, by its slot.
        let mut forms: Vec<Form> = Vec::new();
        forms.resize_with(tracked.entries.len(), Form::default);
        // (slot, place) of each use of a tracked spelling, in text order.
        let mut places: Vec<(u32, Occurrence)> = Vec::with_capacity(name_words_used);
        // (hash of its key, place) for each use of a stretch; the place's
        // text, single-spaced, is the spelling shown. One flat list rather
        // than a map of lists: most stretches are used once, and a file of
        // distinct names would hold a string and a vector for each.
        // A word starts at most three stretches; room for them all, so the
        // list is never copied as it grows.
        let mut stretches: Vec<(u64, Span)> = Vec::with_capacity(if spacing_may_differ {
            name_words_used * 3
        } else {
            0
        });
        let mut flagged_spans = Flagged::default();
        // (start, entry) of the name words of each run of several in the
        // story, but initials, one run after another: which names a
        // spelling is used beside is worked out from them only for the few
        // spellings compared that far ([`Candidate::names_around`]), and
        // only then are their folded forms numbered. Room
        // for every name word: grown from empty, it was copied as it grew.
        let mut run_words: Vec<(usize, u32)> = Vec::with_capacity(name_words_used);

        // Which statements are rosters, worked out when a mention read for
        // its name first asks: most articles have no such mention.
        let rosters: OnceCell<Vec<bool>> = OnceCell::new();
        let is_roster = |index: usize| {
            let rosters = rosters.get_or_init(|| {
                let mut mentions_per_statement = vec![0usize; article.statements().len()];
                for mention in &article.names {
                    if let Some(count) = mentions_per_statement.get_mut(mention.statement) {
                        *count += 1;
                    }
                }
                // A statement that is mostly names is a roster (a team list).
                // Decided once per statement: asking per mention would rescan a
                // long statement for each of its names. Only a statement of five
                // mentions or more can be one, and few are: the others are passed
                // over by their count alone.
                let mut rosters = vec![false; mentions_per_statement.len()];
                for ((roster, statement), &mentions) in rosters
                    .iter_mut()
                    .zip(article.statements())
                    .zip(&mentions_per_statement)
                {
                    if mentions >= 5 {
                        let lowercase = article
                            .tokens()
                            .get(statement.tokens.clone())
                            .unwrap_or_default()
                            .iter()
                            .filter(|token| token.kind == TokenKind::Word)
                            // Only whether they are fewer than the mentions
                            // matters: a long statement is not read to its end.
                            .take(mentions)
                            .count();
                        *roster = lowercase < mentions;
                    }
                }
                rosters
            });
            rosters.get(index).copied().unwrap_or(false)
        };

        // In an article whose spellings meet none, whose spacing cannot
        // differ, and with no wrong forms to look for (most), no mention
        // is read for anything.
        let mentions_read: &[&NameMention] =
            if self.wrong_forms.is_empty() && tracked.entries.is_empty() && !spacing_may_differ {
                &[]
            } else {
                &mentions
            };
        let mut remaining_entries: &[u32] = &mention_entries;
        let mut whole_run_start = 0;
        for (&mention, &whole_run_end) in mentions_read.iter().zip(&name_shaped_ends) {
            let (entries, rest) = remaining_entries
                .split_at_checked(mention.words().len())
                .unwrap_or((remaining_entries, &[]));
            remaining_entries = rest;
            let whole_run = name_shaped_words
                .get(whole_run_start..whole_run_end as usize)
                .unwrap_or_default();
            whole_run_start = whole_run_end as usize;
            let in_story = block_kind_of(article, mention) == Some(BlockKind::Paragraph);
            let words = mention.words();
            // Only a mention with a spelling that may meet another, or one
            // the style sheet may name, is read for its name's words: for
            // the others (nearly every mention) spacing reads them all. An
            // article tracking no spelling (most) asks no entry.
            let read_for_its_name = !self.wrong_forms.is_empty()
                || !tracked.entries.is_empty()
                    && entries.iter().any(|&entry| tracked.slot(entry).is_some());
            if !read_for_its_name {
                if spacing_may_differ {
                    push_stretches(text, stretch_words(&vocabulary, whole_run), &mut stretches);
                }
                continue;
            }
            let in_roster = in_story && is_roster(mention.statement);
            let (run_start, title_in_mention) =
                name_run_start(&vocabulary, mention, entries, in_story);
            let run_start = run_start.unwrap_or(words.len());
            // The style sheet's wrong forms, in a run of this mention.
            if !self.wrong_forms.is_empty() {
                let spans = words.get(run_start..).unwrap_or_default();
                self.check_wrong_forms(article, spans, report, &mut flagged_spans);
            }
            let run_start_in_whole = entries
                .iter()
                .take(run_start)
                .filter(|&&entry| vocabulary.word(entry).name_shaped)
                .count();
            let name_words = whole_run.get(run_start_in_whole..).unwrap_or_default();
            let run = if in_story && name_words.len() > 1 {
                let start = run_words.len();
                run_words.extend(name_words.iter().filter_map(|&(span, entry)| {
                    let word = vocabulary.word(entry);
                    (!word.is_initial).then_some((span.start, entry))
                }));
                let offset = |position: usize| u32::try_from(position).unwrap_or(u32::MAX);
                (offset(start), offset(run_words.len()))
            } else {
                (0, 0)
            };
            for &(word_span, entry) in name_words {
                // A spelling that cannot meet another gathers nothing.
                let Some(slot) = tracked.slot(entry) else {
                    continue;
                };
                let word = word_span.slice(text);
                if is_calendar_word(word) || flagged_spans.overlaps(word_span) {
                    continue;
                }
                let Some(form) = forms.get_mut(slot as usize) else {
                    continue;
                };
                let confirmed = in_story
                    && !(mention.sentence_initial && Some(&word_span) == mention.words().first());
                form.uses += 1;
                form.confirmed |= confirmed;
                places.push((
                    slot,
                    Occurrence {
                        span: word_span,
                        roster: in_roster
                            .then(|| u32::try_from(mention.statement).ok())
                            .flatten(),
                        mention_start: mention.span.start,
                        title_in_mention,
                        run,
                    },
                ));
                if in_story {
                    let many = name_words.len() > 1;
                    form.as_given |= many && name_words.first().map(|w| w.0) == Some(word_span);
                    form.as_last |= !many || name_words.last().map(|w| w.0) == Some(word_span);
                }
            }
            // Spacing and hyphenation: every single word, and every stretch
            // of two or three words joined by a space or hyphen, keyed by
            // its letters alone. Titles and sentence-initial words stay in:
            // "Time Warner" may open a sentence.
            if spacing_may_differ {
                push_stretches(text, stretch_words(&vocabulary, whole_run), &mut stretches);
            }
        }

        if spacing_may_differ {
            self.report_spacing(article, &mut stretches, report, &mut flagged_spans);
        }
        let occurrences = Occurrences::group(&places, forms.len());
        drop(places);
        let spellings = || {
            (0u32..)
                .zip(&tracked.entries)
                .zip(&forms)
                .filter(|(_, form)| form.uses > 0)
                .map(|((slot, &entry), form)| (slot, entry, form))
        };
        // Which spellings the article also writes in lower case ("the
        // union", "Union"): only their forms are looked for, and only once
        // the question is asked.
        let lowercase_words = LowercaseWords {
            text,
            tokens: article.tokens(),
            vocabulary: &vocabulary,
            tracked: &tracked.entries,
            forms: &forms,
            found: OnceCell::new(),
        };
        // In the order of first use (the order of the vocabulary's
        // entries), so every run compares and reports alike.
        let mut candidates: Vec<Candidate<'_, '_>> = Vec::with_capacity(forms.len());
        candidates.extend(spellings().filter_map(|(slot, entry, form)| {
            let info = vocabulary.word(entry);
            let keep = !info.is_title
                && info.has_vowel
                && (form.confirmed || !vocabulary.is_common(entry));
            keep.then_some(Candidate {
                word: info.text,
                form,
                occurrences: occurrences.of(slot),
                entry,
                folded_chars: info.folded_chars,
                genders: OnceCell::new(),
                names_around: OnceCell::new(),
            })
        }));
        // A spelling never confirmed that the article also writes in lower
        // case is no candidate either. Among no more than are compared pair
        // by pair, keeping it changes nothing (`same_name` turns it down
        // whatever it meets), so the article's words are read for it only
        // when there are more.
        if lowercase_first || candidates.len() > BUCKET_LIMIT {
            candidates.retain(|candidate| {
                candidate.form.confirmed
                    || !lowercase_words.contains(vocabulary.lower(candidate.entry))
            });
        }
        let context = Context {
            text,
            lowercase_words: &lowercase_words,
            lowercase_first,
            standalone: &Standalone {
                article,
                mentions: &mentions,
                mention_entries: &mention_entries,
                vocabulary: &vocabulary,
                found: OnceCell::new(),
            },
            vocabulary: &vocabulary,
            run_words: &run_words,
        };
        self.report_variants(
            article,
            &candidates,
            &context,
            tracked.pairs.as_deref(),
            report,
            &flagged_spans,
        );
    }

    /// Whether a word in lower case is one of the titles.
    fn is_title(&self, lower: &str) -> bool {
        self.title_shapes.may_hold(lower.as_bytes()) && self.titles.contains(lower)
    }

    /// The edits allowed between two spellings, the longer `length` letters.
    fn allowed_edits(&self, length: usize) -> Option<usize> {
        match self.edits_by_length.get(length) {
            Some(&edits) => edits,
            None => allowed_edits_by_steps(&self.steps, length),
        }
    }

    /// How many letters a spelling of `length` letters may have to lose to
    /// meet a spelling it may match, both losing at most two; `None` when it
    /// matches others only under its transliteration key.
    ///
    /// Against a spelling no longer than itself, as many as the edits its
    /// own length allows (one for two neighbouring letters swapped, when
    /// none is). Against a longer one, fewer by the difference in length,
    /// which the longer one loses as well: an eight-letter word needs one
    /// deletion, not the two a nine-letter word allows.
    fn deletions_needed(&self, length: usize) -> Option<usize> {
        let table = self.deletions_by_length.get_or_init(|| {
            (0..TABLED_LENGTHS)
                .map(|length| self.deletions_needed_by_steps(length))
                .collect()
        });
        match table.get(length) {
            Some(&deletions) => deletions,
            None => self.deletions_needed_by_steps(length),
        }
    }

    /// [`NameConsistency::deletions_needed`] worked out from the steps.
    fn deletions_needed_by_steps(&self, length: usize) -> Option<usize> {
        let mut needed = match self.allowed_edits(length) {
            None if length >= 4 => Some(1),
            edits => edits,
        };
        for longer in length + 1..=length + 2 {
            let fewer = self
                .allowed_edits(longer)
                .and_then(|edits| edits.checked_sub(longer - length));
            needed = needed.max(fewer);
        }
        needed.map(|deletions| deletions.min(2))
    }

    /// A gendered title just before a mention, across its full stop: the
    /// "Mrs" of "Mrs. Smith" (the model ends the run at "Mrs").
    fn title_before(&self, text: &str, start: usize) -> Option<Gender> {
        let before = text.get(..start)?.trim_end_matches([' ', '.']);
        let word_start = before
            .char_indices()
            .rev()
            .find(|&(_, c)| !is_letter(c))
            .map_or(0, |(index, c)| index + c.len_utf8());
        let word = before.get(word_start..)?;
        if !word.is_ascii() {
            let lower = word.to_lowercase();
            let gender = title_gender(&lower)?;
            return self.titles.contains(lower.as_str()).then_some(gender);
        }
        // Lowered on the stack and told by its bytes: nearly every word
        // before a name is an ordinary word, longer than any gendered
        // title or none of them, and no vocabulary entry is made for it.
        let mut buffer = [0u8; LONGEST_GENDERED_TITLE];
        let lower = buffer.get_mut(..word.len())?;
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        let gender = title_gender_of_bytes(lower)?;
        let lower = std::str::from_utf8(lower).ok()?;
        self.titles.contains(lower).then_some(gender)
    }

    fn check_wrong_forms(
        &self,
        article: &Article<'_>,
        run: &[Span],
        report: &mut Report<'_>,
        flagged: &mut Flagged,
    ) {
        let text = article.text;
        for start in 0..run.len() {
            for length in (1..=3).rev() {
                let Some(last) = run.get(start + length - 1) else {
                    continue;
                };
                let span = Span::new(run[start].start, last.end);
                let key = single_spaced(span.slice(text));
                let Some(canonical) = self.wrong_forms.get(key.as_ref()) else {
                    continue;
                };
                if flagged.overlaps(span) {
                    continue;
                }
                let applicability = if article.in_quotation(span) {
                    Applicability::Unsafe
                } else {
                    Applicability::Safe
                };
                let diagnostic = report
                    .diagnostic(
                        span,
                        format!("“{key}” is spelled “{canonical}” in the house style sheet"),
                    )
                    .with_fix(canonical.clone(), applicability);
                report.push(diagnostic);
                flagged.insert(span);
            }
        }
    }

    fn report_spacing(
        &self,
        article: &Article<'_>,
        stretches: &mut Vec<(u64, Span)>,
        report: &mut Report<'_>,
        flagged: &mut Flagged,
    ) {
        let text = article.text;
        // A run of one key's uses, in text order. The key is a 64-bit hash
        // of the stretch's folded letters; two keys sharing one by chance
        // would make a run whose letters differ, which is passed over
        // below, so a collision could hide a finding but never make one.
        // Grouped by key (in linear time: a file of distinct names holds
        // millions of stretches), then each group put in text order.
        // A stretch used once has no other spelling, and nearly every
        // stretch of an article is used once: those go before the sort,
        // however short the list.
        crate::sort::retain_shared_keys_of_any_list(stretches, |&(key, _)| key);
        // Nearly every key left is one name written the same way each
        // time, which `one_spelling` below would pass over after the sort:
        // those go before it.
        retain_keys_written_more_than_one_way(text, stretches);
        crate::sort::sort_by_u64_key(stretches, |&(key, _)| key);
        for uses in stretches.chunk_by_mut(|a, b| a.0 == b.0) {
            uses.sort_unstable_by_key(|&(_, span)| (span.start, span.end));
        }
        let shown = |span: Span| single_spaced(span.slice(text));
        // Nearly every stretch is written the same way each time: the same
        // text is the same spelling, without working out the shown form.
        let one_spelling = |uses: &[(u64, Span)]| {
            let first = uses[0].1.slice(text);
            uses.iter().all(|(_, span)| span.slice(text) == first)
                || uses
                    .iter()
                    .all(|&(_, span)| shown(span) == shown(uses[0].1))
        };
        let mut groups: Vec<&[(u64, Span)]> = stretches
            .chunk_by(|a, b| a.0 == b.0)
            .filter(|uses| !one_spelling(uses))
            .collect();
        // Shorter stretches first, so "Jong-Un" is reported rather than
        // "Kim Jong-Un" as well; then in text order.
        groups.sort_by_key(|uses| {
            let words = uses
                .iter()
                .map(|&(_, span)| shown(span).split([' ', '-']).count())
                .max();
            (words, uses[0].1.start)
        });
        for uses in groups {
            let mut shown_spellings: Vec<(std::borrow::Cow<'_, str>, Vec<Span>)> = Vec::new();
            for &(_, span) in uses {
                let spelling = shown(span);
                match shown_spellings
                    .iter_mut()
                    .find(|(other, _)| *other == spelling)
                {
                    Some((_, spans)) => spans.push(span),
                    None => shown_spellings.push((spelling, vec![span])),
                }
            }
            let spellings: Vec<(&str, Vec<Span>)> = shown_spellings
                .iter()
                .map(|(spelling, spans)| (spelling.as_ref(), spans.clone()))
                .collect();
            // Spellings that differ in letters' case are not spacing variants.
            let letters =
                |shown: &str| -> String { shown.chars().filter(|c| c.is_alphanumeric()).collect() };
            let first_letters = letters(spellings[0].0);
            if spellings
                .iter()
                .any(|(shown, _)| letters(shown) != first_letters)
            {
                continue;
            }
            self.decide(article, &spellings, report, flagged);
        }
    }

    fn report_variants(
        &self,
        article: &Article<'_>,
        candidates: &[Candidate<'_, '_>],
        context: &Context<'_>,
        pairs: Option<&[(u32, u32)]>,
        report: &mut Report<'_>,
        flagged: &Flagged,
    ) {
        // Most articles have no two spellings to compare, and nothing is
        // listed for them.
        if candidates.len() < 2 {
            return;
        }
        let folded: Vec<&str> = candidates
            .iter()
            .map(|candidate| context.vocabulary.folded_form(candidate.entry))
            .collect();
        let lengths: Vec<usize> = candidates
            .iter()
            .map(|candidate| candidate.folded_chars)
            .collect();
        let by_letters = candidates.len() <= BUCKET_LIMIT;
        // A spelling `same_name` turns down whatever it is compared with (a
        // word of fewer than three letters, or one the article also writes
        // in lower case) is given no keys, so it meets no other. Compared
        // pair by pair, `same_name` turns the second kind down itself: the
        // article's words are read only if a pair gets that far.
        let comparable: Vec<bool> = candidates
            .iter()
            .zip(&lengths)
            .map(|(candidate, &length)| {
                length >= 3
                    && ((by_letters && !context.lowercase_first)
                        || !context
                            .lowercase_words
                            .contains(context.vocabulary.lower(candidate.entry)))
            })
            .collect();
        let letters: Vec<u64> = candidates
            .iter()
            .map(|candidate| context.vocabulary.word(candidate.entry).letters)
            .collect();
        let mut keys = TransliterationKeys::new(&folded);
        let spellings = Spellings {
            folded: &folded,
            lengths: &lengths,
            letters: &letters,
            comparable: &comparable,
        };
        // Which way the pairs are found changes only the order of a
        // spelling's neighbours, and the choice below does not depend on
        // it: no two spellings share a place, so their first uses differ.
        let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); candidates.len()];
        let mut compare = |a: usize, b: usize, keys: &mut TransliterationKeys<'_>| {
            if self.same_name(
                &candidates[a],
                &candidates[b],
                (folded[a], folded[b]),
                keys.pair(a, b),
                context,
            ) {
                neighbours[a].push(b);
                neighbours[b].push(a);
            }
        };
        // The pairs found by letters when the spellings to track were
        // chosen are those `pairs_by_letters` would find among these
        // candidates, which are entries in order: only they are compared.
        if let (true, Some(pairs)) = (by_letters, pairs) {
            let index = |entry: u32| {
                candidates
                    .binary_search_by_key(&entry, |candidate| candidate.entry)
                    .ok()
                    .filter(|&index| comparable[index])
            };
            for &(a, b) in pairs {
                if let (Some(a), Some(b)) = (index(a), index(b)) {
                    compare(a, b, &mut keys);
                }
            }
        } else if by_letters {
            self.pairs_by_letters(&spellings, &mut keys, &mut compare);
        } else {
            self.pairs_by_keys(&spellings, &mut keys, &mut compare);
        }
        let spans_of = |index: usize| -> Vec<Span> {
            candidates[index]
                .occurrences
                .iter()
                .map(|occurrence| occurrence.span)
                .filter(|span| !flagged.overlaps(*span))
                .collect()
        };
        let mut flagged = flagged.clone();
        // Each spelling is judged against its most used direct match, so a
        // chain (A like B, B like C) never pairs A with C.
        for index in 0..candidates.len() {
            // Most spellings have no match: their places are not gathered.
            if neighbours[index].is_empty() {
                continue;
            }
            let spans = spans_of(index);
            if spans.is_empty() {
                continue;
            }
            let first_use = |spans: &[Span]| spans.iter().map(|span| span.start).min();
            let best = neighbours[index]
                .iter()
                .map(|&other| (other, spans_of(other)))
                .filter(|(_, other_spans)| !other_spans.is_empty())
                .max_by_key(|(_, other_spans)| {
                    (other_spans.len(), std::cmp::Reverse(first_use(other_spans)))
                });
            let Some((other, other_spans)) = best else {
                continue;
            };
            // A tie is reported once, by the spelling used second.
            if other_spans.len() < spans.len()
                || (other_spans.len() == spans.len() && first_use(&other_spans) > first_use(&spans))
            {
                continue;
            }
            let spellings = [
                (candidates[other].word, other_spans),
                (candidates[index].word, spans),
            ];
            self.decide(article, &spellings, report, &mut flagged);
        }
    }

    /// Calls `compare` with every pair of spellings, (a, b) with a < b,
    /// that might be one name by their letters: they share a
    /// transliteration key, or they begin alike, differ in length by no
    /// more than the edits the longer one's length allows, and each has no
    /// more letters missing from the other ([`letter_set`]) than that.
    /// Every pair `spelled_alike` accepts is among them: an edit takes at
    /// most one letter away, so every letter one spelling has and the
    /// other lacks costs an edit of its own. For an article's usual few
    /// dozen spellings this is cheaper than building keys, and it compares
    /// what the keys would. `compare` is given the keys, to work out the
    /// pair's when it needs them: a pair only noted needs none.
    fn pairs_by_letters(
        &self,
        spellings: &Spellings<'_>,
        keys: &mut TransliterationKeys<'_>,
        compare: &mut impl FnMut(usize, usize, &mut TransliterationKeys<'_>),
    ) {
        // One small record a comparable spelling, read in a tight loop: an
        // article's few dozen spellings make a few hundred pairs, and the
        // test of a pair should cost a handful of instructions. Keys are
        // compared only between spellings of one [`key_signature`], and
        // worked out only then: few spellings share one, and most
        // spellings are compared with none.
        // Sized for every spelling: collected through a filter, the list
        // would be copied as it grows, several times an article.
        let mut probes: Vec<LetterProbe> = Vec::with_capacity(spellings.folded.len());
        probes.extend(
            (0..spellings.folded.len())
                .filter(|&index| spellings.comparable[index])
                .map(|index| {
                    self.letter_probe(
                        index,
                        first_letter(spellings.folded[index]),
                        spellings.lengths[index],
                        spellings.letters[index],
                    )
                }),
        );
        self.pairs_among_probes(&probes, keys, compare);
    }

    /// The [`LetterProbe`] of spelling `index`, folded, of `length`
    /// characters and with the [`letter_set`] `letters`.
    fn letter_probe(&self, index: usize, first: u32, length: usize, letters: u64) -> LetterProbe {
        LetterProbe {
            first,
            length,
            // Below the shortest length only a swap of two letters, which
            // keeps the length and the letters.
            edits: self.allowed_edits(length).unwrap_or(0),
            letters,
            key_signature: key_signature(letters),
            index,
        }
    }

    /// [`NameConsistency::pairs_by_letters`] among the probes of the
    /// comparable spellings, in the order of their indices.
    fn pairs_among_probes(
        &self,
        probes: &[LetterProbe],
        keys: &mut TransliterationKeys<'_>,
        compare: &mut impl FnMut(usize, usize, &mut TransliterationKeys<'_>),
    ) {
        // Begin alike, near in length and in letters.
        let near = |a: &LetterProbe, b: &LetterProbe| {
            let edits = if a.length >= b.length {
                a.edits
            } else {
                b.edits
            };
            a.first == b.first
                && a.length.abs_diff(b.length) <= edits
                && at_most_bits(a.letters & !b.letters, edits)
                && at_most_bits(b.letters & !a.letters, edits)
        };
        let Ok(by_first) = ProbeBuckets::new(probes, |probe| probe.first as usize) else {
            // More spellings than a bucket's mask holds: every pair.
            for (position, a) in probes.iter().enumerate() {
                for b in probes.get(position + 1..).unwrap_or_default() {
                    let may_match = near(a, b)
                        || (a.key_signature == b.key_signature && {
                            let (key_a, key_b) = keys.pair(a.index, b.index);
                            key_a == key_b
                        });
                    if may_match {
                        compare(a.index, b.index, keys);
                    }
                }
            }
            return;
        };
        // Only spellings in one bucket of first letters, or of key
        // signatures, are looked at together: of a few hundred pairs, a
        // few dozen share a bucket. A pair near in its letters is compared
        // from the first buckets, and one sharing only its key from the
        // second.
        let by_signature =
            ProbeBuckets::new(probes, LetterProbe::signature_bucket).unwrap_or_default();
        for (position, a) in probes.iter().enumerate() {
            for b in by_first.after(position, a.first as usize) {
                let b = &probes[b];
                if near(a, b) {
                    compare(a.index, b.index, keys);
                }
            }
            for b in by_signature.after(position, a.signature_bucket()) {
                let b = &probes[b];
                let may_match = a.key_signature == b.key_signature && !near(a, b) && {
                    let (key_a, key_b) = keys.pair(a.index, b.index);
                    key_a == key_b
                };
                if may_match {
                    compare(a.index, b.index, keys);
                }
            }
        }
    }

    /// Calls `compare` once with every pair of spellings, (a, b) with
    /// a < b, that share a deletion-neighbourhood key (every string within
    /// k edits of another shares a k-deletion variant with it) or a
    /// transliteration key; in linear time, for a file of many names.
    /// Pairs in a bucket of more than [`BUCKET_LIMIT`] spellings are not
    /// compared there: a key shared that widely says nothing. `compare` is
    /// given the transliteration keys, to work out the pair's.
    fn pairs_by_keys(
        &self,
        spellings: &Spellings<'_>,
        keys: &mut TransliterationKeys<'_>,
        compare: &mut impl FnMut(usize, usize, &mut TransliterationKeys<'_>),
    ) {
        let Spellings {
            folded,
            lengths,
            comparable,
            ..
        } = *spellings;
        // Each (key, spelling) pair is one 64-bit number, the key's 32 bits
        // above the spelling's index, in one vector sorted once: a bucket
        // is a run of equal keys, its members in index order. No map and
        // no allocation per key, which counts when a file holds a million
        // distinct names, each with dozens of keys. A key is a hash cut to
        // 32 bits; a chance collision only puts two spellings in one
        // bucket, and `same_name` still decides.
        let mut buffers = KeyBuffers::default();
        let expected_keys = lengths
            .iter()
            .map(|&length| self.keys_per_spelling(length))
            .sum();
        let mut keyed: Vec<u64> = Vec::with_capacity(expected_keys);
        keys.reserve_for_all();
        for (index, form) in folded.iter().enumerate() {
            if !comparable[index] {
                continue;
            }
            keys.work_out(index);
            self.spelling_keys(form, lengths[index], keys.get(index), &mut buffers, |key| {
                keyed.push(key_and_index(key, index));
            });
        }
        // A key only one spelling has makes no pair: nearly every key, in
        // a file of distinct names, and most of an article's few thousand,
        // which two passes over a small table drop for less than sorting
        // them costs.
        crate::sort::retain_shared_keys_of_any_list(&mut keyed, |&pair| pair >> 32);
        // Sorted, a spelling's repeated key (a string reachable by two
        // deletions) sits beside itself.
        crate::sort::sort_by_u64_key(&mut keyed, |&pair| pair);
        keyed.dedup();
        let mut seen = HashSet::default();
        // Members are in index order, so every pair is compared as (a, b)
        // with a < b whichever bucket it is found in first.
        let mut compare_members = |members: &[usize]| {
            if members.len() < 2 || members.len() > BUCKET_LIMIT {
                return;
            }
            for (position, &a) in members.iter().enumerate() {
                for &b in &members[position + 1..] {
                    if seen.insert((a, b)) {
                        compare(a, b, keys);
                    }
                }
            }
        };
        let mut members: Vec<usize> = Vec::new();
        for bucket in keyed.chunk_by(|a, b| a >> 32 == b >> 32) {
            members.clear();
            members.extend(bucket.iter().map(|&pair| (pair & 0xffff_ffff) as usize));
            compare_members(&members);
        }
    }

    /// How many keys [`NameConsistency::spelling_keys`] gives a spelling
    /// of `length` letters, at most.
    fn keys_per_spelling(&self, length: usize) -> usize {
        1 + match self.deletions_needed(length) {
            None => 0,
            Some(0) => 1,
            Some(1) => 1 + length,
            Some(_) => 1 + length + length * length.saturating_sub(1) / 2,
        }
    }

    /// Calls `add` with every key under which a spelling, folded, of
    /// `length` letters and with the transliteration key given, meets
    /// others: that key's hash, and its deletion keys. Transliteration
    /// keys share the list with deletion keys, hashed apart by a tag.
    fn spelling_keys(
        &self,
        folded: &str,
        length: usize,
        transliteration_key: &[u8],
        buffers: &mut KeyBuffers,
        mut add: impl FnMut(u64),
    ) {
        add(key_hash(transliteration_key) ^ TRANSLITERATION_TAG);
        let Some(deletions) = self.deletions_needed(length) else {
            return;
        };
        // An ASCII letter hashes as its byte, so ASCII needs no copy.
        if folded.is_ascii() {
            deletion_keys(folded.as_bytes(), deletions, &mut buffers.prefix, add);
            return;
        }
        buffers.chars.clear();
        buffers.chars.extend(folded.chars());
        deletion_keys(&buffers.chars, deletions, &mut buffers.prefix, add);
    }

    /// The spellings worth gathering places and evidence for. In a file of
    /// many distinct names nearly every spelling shares no key
    /// ([`NameConsistency::pairs_by_keys`]) with any other word, so it can
    /// meet no other spelling and nothing need be known of it. An
    /// article's usual few dozen are compared by their letters at once
    /// ([`NameConsistency::spellings_meeting_by_letters`]), and only those
    /// that meet another are kept: in most articles none or a few.
    ///
    /// The keys are those of every word that could be a compared spelling
    /// (name-shaped, no title, a vowel, three letters or more), and every
    /// word holding a key another word holds is kept. So every pair of
    /// compared spellings sharing a key is kept, and so is every other
    /// spelling holding that key: the groups `pairs_by_keys` compares are
    /// the same with or without the others.
    fn spellings_to_track(&self, vocabulary: &Vocabulary<'_>) -> Tracked {
        let count = vocabulary.words.len();
        // Every candidate is such a word, whatever its length: when there
        // are no more than [`BUCKET_LIMIT`], the candidates are compared
        // by their letters, the way the pairs are found here. Listed once,
        // so that the words are read once for the count and the list.
        let mut may_be_candidates: Vec<u32> = Vec::with_capacity(count);
        may_be_candidates.extend(
            (0..u32::try_from(count).unwrap_or(u32::MAX))
                .filter(|&entry| vocabulary.word(entry).may_be_candidate()),
        );
        if may_be_candidates.len() <= BUCKET_LIMIT {
            return self.spellings_meeting_by_letters(vocabulary, &may_be_candidates);
        }
        if count <= TRACK_ALL_UP_TO {
            return Tracked::all(count);
        }
        let considered: Vec<u32> = may_be_candidates
            .into_iter()
            .filter(|&entry| vocabulary.word(entry).folded_chars >= 3)
            .collect();
        if considered.len() <= BUCKET_LIMIT {
            return Tracked::all(count);
        }
        let expected_keys = considered
            .iter()
            .map(|&entry| self.keys_per_spelling(vocabulary.word(entry).folded_chars))
            .sum();
        let mut keyed: Vec<u64> = Vec::with_capacity(expected_keys);
        let mut buffers = KeyBuffers::default();
        let mut transliteration_key = Vec::new();
        for &entry in &considered {
            let info = vocabulary.word(entry);
            let folded = vocabulary.folded_form(entry);
            transliteration_key.clear();
            push_transliteration_key(folded, &mut transliteration_key);
            self.spelling_keys(
                folded,
                info.folded_chars,
                &transliteration_key,
                &mut buffers,
                |key| keyed.push(key_and_index(key, entry as usize)),
            );
        }
        crate::sort::retain_shared_keys(&mut keyed, |&pair| pair >> 32);
        crate::sort::sort_by_u64_key(&mut keyed, |&pair| pair);
        let mut keep = vec![false; count];
        for group in keyed.chunk_by(|a, b| a >> 32 == b >> 32) {
            // Sorted, a group's entries are in order: one entry holding a
            // key twice (a string two deletions reach) meets nobody.
            let (Some(&first), Some(&last)) = (group.first(), group.last()) else {
                continue;
            };
            if first & 0xffff_ffff == last & 0xffff_ffff {
                continue;
            }
            for &pair in group {
                if let Some(kept) = keep.get_mut((pair & 0xffff_ffff) as usize) {
                    *kept = true;
                }
            }
        }
        Tracked::from_kept(&keep)
    }

    /// The spellings that meet another by their letters
    /// ([`NameConsistency::pairs_by_letters`]) among every word that could
    /// be a compared spelling, with those pairs. The candidates are some of
    /// these words (`may_be_candidates`, less those of fewer than three
    /// letters, which are compared with none), and whether two meet
    /// depends on nothing but the two: a word meeting none here is
    /// compared with nothing later, and need not be tracked; the pairs
    /// found are the only ones to compare.
    fn spellings_meeting_by_letters(
        &self,
        vocabulary: &Vocabulary<'_>,
        may_be_candidates: &[u32],
    ) -> Tracked {
        let count = vocabulary.words.len();
        // Every word considered is comparable, and its probe is made
        // straight from its record, as it is listed: lists of its length
        // and letters, made for the probes to be read from, cost more
        // than the probes.
        let most = may_be_candidates.len();
        // Their folded forms are read only for the few keys worked out.
        let mut considered: Vec<u32> = Vec::with_capacity(most);
        let mut probes: Vec<LetterProbe> = Vec::with_capacity(most);
        for &entry in may_be_candidates {
            let info = vocabulary.word(entry);
            if info.folded_chars >= 3 {
                probes.push(self.letter_probe(
                    considered.len(),
                    vocabulary.first_folded_letter(info),
                    info.folded_chars,
                    info.letters,
                ));
                considered.push(entry);
            }
        }
        let mut keys = TransliterationKeys::of_entries(vocabulary, &considered);
        let mut keep = vec![false; count];
        let mut pairs = Vec::new();
        self.pairs_among_probes(&probes, &mut keys, &mut |a, b, _| {
            if let (Some(&a), Some(&b)) = (considered.get(a), considered.get(b)) {
                pairs.push((a, b));
                for entry in [a, b] {
                    if let Some(kept) = keep.get_mut(entry as usize) {
                        *kept = true;
                    }
                }
            }
        });
        // Most articles have no pair, and track nothing: the marks need
        // not be read.
        let mut tracked = if pairs.is_empty() {
            Tracked::none(count)
        } else {
            Tracked::from_kept(&keep)
        };
        tracked.pairs = Some(pairs);
        tracked
    }

    /// Whether two spellings are one name spelled two ways.
    fn same_name(
        &self,
        a: &Candidate<'_, '_>,
        b: &Candidate<'_, '_>,
        (folded_a, folded_b): (&str, &str),
        (key_a, key_b): (&[u8], &[u8]),
        context: &Context<'_>,
    ) -> bool {
        let lowercase_words = context.lowercase_words;
        let (word_a, form_a) = (a.word, a.form);
        let (word_b, form_b) = (b.word, b.form);
        if word_a == word_b || !(form_a.confirmed || form_b.confirmed) {
            return false;
        }
        // The letters first: most pairs compared differ too much in them,
        // and this test reads no map.
        if !self.spelled_alike((folded_a, folded_b), (key_a, key_b)) {
            return false;
        }
        // Two entries of one team list are two people.
        let shared_roster = a
            .occurrences
            .iter()
            .any(|a| a.roster.is_some() && b.occurrences.iter().any(|b| b.roster == a.roster));
        if shared_roster {
            return false;
        }
        let vocabulary = context.vocabulary;
        let (lower_a, lower_b) = (vocabulary.lower(a.entry), vocabulary.lower(b.entry));
        // GenCorp / Gencorp: a matter of house style, not spelling.
        if lower_a == lower_b {
            return false;
        }
        // Two common words ("Brown", "Crown") are not a name's two
        // spellings.
        if is_common_form(lower_a) && is_common_form(lower_b) {
            return false;
        }
        if self.are_distinct(folded_a, folded_b)
            || same_root(folded_a, folded_b)
            || differ_in_final_vowel(folded_a, folded_b)
            || is_compound_of(word_a, word_b)
            || is_compound_of(word_b, word_a)
        {
            return false;
        }
        let (around_a, around_b) = (
            a.names_around(context.run_words, vocabulary),
            b.names_around(context.run_words, vocabulary),
        );
        let (folded_number_a, folded_number_b) = (
            vocabulary.folded_number(a.entry),
            vocabulary.folded_number(b.entry),
        );
        // Used side by side ("Coca-Cola", "Hong Kong"): two words.
        if around_a.before.contains(folded_number_b)
            || around_a.after.contains(folded_number_b)
            || around_b.before.contains(folded_number_a)
            || around_b.after.contains(folded_number_a)
        {
            return false;
        }
        // Different given names ("Roger Stone", "Harriet Stowe") or, for a
        // given name with one surname each, different surnames: different
        // people.
        if !around_a.before.is_empty()
            && !around_b.before.is_empty()
            && around_a.before.is_disjoint(&around_b.before)
        {
            return false;
        }
        // "Victor Hugo … Hugo" and "Viktor Orban … Orban": a given name
        // before a surname the story uses alone, a different one each: two
        // people. (Not "British Gas" and "British Airways".)
        let given_name = |form: &Form, after: &FoldedSet, folded: &str| {
            form.as_given
                && !form.as_last
                && !DEMONYM_ENDINGS.iter().any(|end| folded.ends_with(end))
                && (after.iter().any(|name| context.standalone.contains(name))
                    || after
                        .iter()
                        .all(|name| !is_common_form(context.vocabulary.folded_form_numbered(name))))
        };
        let (given_a, given_b) = (
            given_name(form_a, &around_a.after, folded_a),
            given_name(form_b, &around_b.after, folded_b),
        );
        // A given name (used before a surname) matches another spelling
        // only before the same surname: Maria / Mario, Brian / Bryan,
        // David / Davis are usually two names.
        // (A spelling seen only in a headline gives no evidence either way.)
        let in_story = |form: &Form| form.as_given || form.as_last;
        if (given_a || given_b)
            && in_story(form_a)
            && in_story(form_b)
            && around_a.after.is_disjoint(&around_b.after)
        {
            return false;
        }
        // Nor is an ordinary word in this article ("the union", "Union"):
        // asked last, as the answer reads every word of the article.
        !self.genders_conflict(a, b, context.text)
            && !lowercase_words.contains(lower_a)
            && !lowercase_words.contains(lower_b)
    }

    /// Whether the titles before two spellings say two people: each is
    /// known to be a man or a woman, and they are not both.
    fn genders_conflict(&self, a: &Candidate<'_, '_>, b: &Candidate<'_, '_>, text: &str) -> bool {
        let genders = |candidate: &Candidate<'_, '_>| {
            *candidate
                .genders
                .get_or_init(|| self.genders(text, candidate.occurrences))
        };
        let genders_a = genders(a);
        genders_a != Genders::default() && genders_a.conflict(genders(b))
    }

    /// The genders the titles give a spelling at its places: at each, a
    /// gendered title just before its mention, or else the first in it.
    /// Asked of the few spellings compared this far, rather than worked
    /// out at every mention.
    fn genders(&self, text: &str, occurrences: &[Occurrence]) -> Genders {
        let mut genders = Genders::default();
        for occurrence in occurrences {
            let gender = self
                .title_before(text, occurrence.mention_start)
                .or(occurrence.title_in_mention);
            if let Some(gender) = gender {
                genders.insert(gender);
            }
        }
        genders
    }

    /// Whether two spellings, folded, with their transliteration keys, are
    /// close enough in their letters to be one name: the test on the
    /// letters alone, after the article's evidence has had its say.
    fn spelled_alike(
        &self,
        (folded_a, folded_b): (&str, &str),
        (key_a, key_b): (&[u8], &[u8]),
    ) -> bool {
        let (length_a, length_b) = (folded_a.chars().count(), folded_b.chars().count());
        if length_a.min(length_b) < 3 {
            return false;
        }
        if folded_a == folded_b {
            return true;
        }
        // GameBoy / Gameboyzz: two or more letters added at the end make
        // another name, not a slip.
        if (folded_a.starts_with(folded_b) || folded_b.starts_with(folded_a))
            && length_a.abs_diff(length_b) >= 2
        {
            return false;
        }
        let longer = length_a.max(length_b);
        if longer >= 6 && key_a == key_b {
            return true;
        }
        // Slips keep the first letter; a different first letter is a
        // different name (Tony / Tory aside, Hong / Kong, Venice / Fenice)
        // unless it is a romanisation, which the key above catches.
        if folded_a.chars().next() != folded_b.chars().next() {
            return false;
        }
        match self.allowed_edits(longer) {
            Some(edits) => bounded_distance(folded_a, folded_b, edits).is_some(),
            // Below the shortest length, only two neighbouring letters
            // swapped: four-letter words one letter apart are too often
            // two words (Tony / Tory, Seed / Feed).
            None => longer >= 4 && length_a == length_b && is_adjacent_swap(folded_a, folded_b),
        }
    }

    fn are_distinct(&self, a: &str, b: &str) -> bool {
        let (Some(groups_a), Some(groups_b)) = (self.distinct.get(a), self.distinct.get(b)) else {
            return false;
        };
        groups_a.iter().any(|(group, member)| {
            groups_b
                .iter()
                .any(|(other_group, other_member)| group == other_group && member != other_member)
        })
    }

    /// Reports the minority spellings of one name against the majority, or
    /// one warning for a tie.
    fn decide(
        &self,
        article: &Article<'_>,
        spellings: &[(&str, Vec<Span>)],
        report: &mut Report<'_>,
        flagged: &mut Flagged,
    ) {
        let mut order: Vec<&(&str, Vec<Span>)> = spellings.iter().collect();
        // Most used first; among equals, the one used first.
        order.sort_by_key(|(_, spans)| {
            (
                std::cmp::Reverse(spans.len()),
                spans.iter().map(|span| span.start).min(),
            )
        });
        let (majority, majority_spans) = order[0];
        let (runner_up, runner_up_spans) = order[1];
        if runner_up_spans.len() == majority_spans.len() {
            let span = runner_up_spans
                .iter()
                .copied()
                .min_by_key(|span| span.start);
            let Some(span) = span else { return };
            if flagged.overlaps(span) {
                return;
            }
            let mut diagnostic = Diagnostic::new(
                &report.meta().id,
                Severity::Warning,
                span,
                format!(
                    "“{runner_up}” and “{majority}” are each used {} in this article",
                    times(majority_spans.len())
                ),
            )
            .with_help("one of them is misspelt; check the name against a source");
            diagnostic = with_places(diagnostic, majority, majority_spans);
            report.push(diagnostic);
            flagged.insert(span);
            return;
        }
        for (minority, spans) in &order[1..] {
            for &span in spans {
                if flagged.overlaps(span) {
                    continue;
                }
                let mut diagnostic = report
                    .diagnostic(
                        span,
                        format!(
                            "“{minority}” is spelled “{majority}” {} elsewhere in this article",
                            times(majority_spans.len())
                        ),
                    )
                    .with_fix((*majority).to_owned(), Applicability::Unsafe);
                diagnostic = with_places(diagnostic, majority, majority_spans);
                if article.in_quotation(span) {
                    diagnostic = diagnostic.with_help(
                        "inside a direct quotation: a transcript may spell it differently",
                    );
                }
                report.push(diagnostic);
                flagged.insert(span);
            }
        }
    }
}

/// The most spellings compared with one another as one group: all of an
/// article's spellings when it has no more, pair by pair; otherwise those
/// sharing a key. A key shared more widely than this says nothing.
const BUCKET_LIMIT: usize = 64;

/// The lengths [`NameConsistency::deletions_needed`] keeps a table of:
/// every name's.
const TABLED_LENGTHS: usize = 64;

/// Up to this many words that could be compared spellings, all are
/// tracked ([`NameConsistency::spellings_to_track`]): below it, finding the
/// few that need not be costs more than it saves. A long news story has a
/// few hundred.
const TRACK_ALL_UP_TO: usize = 512;

/// The spellings of an article's candidates, as comparisons read them,
/// each list indexed alike.
#[derive(Clone, Copy)]
struct Spellings<'s> {
    /// Case and diacritics folded.
    folded: &'s [&'s str],
    /// In characters.
    lengths: &'s [usize],
    /// Each one's [`letter_set`], worked out with its vocabulary entry.
    letters: &'s [u64],
    /// Whether any comparison could accept the spelling.
    comparable: &'s [bool],
}

/// What [`NameConsistency::pairs_by_letters`] compares of a spelling.
struct LetterProbe {
    /// The first letter as a number, or [`NO_FIRST_LETTER`].
    first: u32,
    length: usize,
    /// The edits allowed against a spelling no longer than this one.
    edits: usize,
    /// Its [`letter_set`].
    letters: u64,
    /// Its [`key_signature`].
    key_signature: u64,
    index: usize,
}

impl LetterProbe {
    /// A number for the probe's [`key_signature`], whose bits are few and
    /// close together: spread by a multiplication, the top five bits of
    /// the product pick its bucket ([`ProbeBuckets`]).
    fn signature_bucket(&self) -> usize {
        (self.key_signature.wrapping_mul(HASH_BASE) >> 59) as usize
    }
}

/// Up to 64 letter probes ([`NameConsistency::pairs_by_letters`]) put in
/// buckets by a number of each (its first letter, its key signature), as
/// a mask of their positions for each of 32 buckets: the probes sharing a
/// bucket with one are read off its bucket's mask, without a sort or an
/// allocation. Probes of different numbers may share a bucket; the caller
/// tells them apart.
#[derive(Default)]
struct ProbeBuckets([u64; 32]);

impl ProbeBuckets {
    /// The buckets of `probes` by `number`, each probe in the bucket of its
    /// number's last five bits (a lower-case ASCII letter's own); `Err` for
    /// more probes than a mask holds.
    fn new(probes: &[LetterProbe], number: impl Fn(&LetterProbe) -> usize) -> Result<Self, ()> {
        if probes.len() > 64 {
            return Err(());
        }
        let mut buckets = ProbeBuckets::default();
        for (position, probe) in probes.iter().enumerate() {
            buckets.0[number(probe) & 31] |= 1 << position;
        }
        Ok(buckets)
    }

    /// The positions after `position` of the probes in the bucket of
    /// `number`, in order.
    fn after(&self, position: usize, number: usize) -> impl Iterator<Item = usize> {
        let later = u64::MAX.checked_shl(u32::try_from(position + 1).unwrap_or(u32::MAX));
        let mut members = self.0[number & 31] & later.unwrap_or(0);
        std::iter::from_fn(move || {
            let member = members.trailing_zeros();
            members &= members.wrapping_sub(1);
            (member < 64).then_some(member as usize)
        })
    }
}

/// The transliteration keys of an article's spellings, by index, each
/// worked out when first asked for: comparing spellings by their letters
/// ([`NameConsistency::pairs_by_letters`]) needs the keys of few.
struct TransliterationKeys<'s> {
    /// The spellings, folded.
    folded: FoldedSpellings<'s>,
    /// Every key worked out, one after another.
    text: Vec<u8>,
    /// Where each spelling's key is in `text`; [`KEY_UNKNOWN`] until it
    /// is worked out.
    spans: Vec<(u32, u32)>,
}

/// Where [`TransliterationKeys`] reads its spellings, folded.
#[derive(Clone, Copy)]
enum FoldedSpellings<'s> {
    /// Listed, one a spelling.
    Listed(&'s [&'s str]),
    /// The folded forms of vocabulary entries, each read only when its
    /// key is worked out: comparing by letters asks the keys of few, and
    /// a list of every form cost more than those few read it.
    Entries(&'s Vocabulary<'s>, &'s [u32]),
}

impl<'s> FoldedSpellings<'s> {
    fn get(self, index: usize) -> Option<&'s str> {
        match self {
            FoldedSpellings::Listed(folded) => folded.get(index).copied(),
            FoldedSpellings::Entries(vocabulary, entries) => entries
                .get(index)
                .map(|&entry| vocabulary.folded_form(entry)),
        }
    }

    /// The bytes of every spelling.
    fn total_bytes(self) -> usize {
        match self {
            FoldedSpellings::Listed(folded) => folded.iter().map(|form| form.len()).sum(),
            FoldedSpellings::Entries(vocabulary, entries) => entries
                .iter()
                .map(|&entry| {
                    let (start, end) = vocabulary.word(entry).folded;
                    end.saturating_sub(start) as usize
                })
                .sum(),
        }
    }
}

/// A key not worked out yet, in [`TransliterationKeys::spans`].
const KEY_UNKNOWN: (u32, u32) = (u32::MAX, 0);

impl<'s> TransliterationKeys<'s> {
    fn new(folded: &'s [&'s str]) -> Self {
        TransliterationKeys {
            folded: FoldedSpellings::Listed(folded),
            text: Vec::new(),
            spans: vec![KEY_UNKNOWN; folded.len()],
        }
    }

    /// The keys of the folded forms of vocabulary entries `entries`.
    fn of_entries(vocabulary: &'s Vocabulary<'s>, entries: &'s [u32]) -> Self {
        TransliterationKeys {
            folded: FoldedSpellings::Entries(vocabulary, entries),
            text: Vec::new(),
            spans: vec![KEY_UNKNOWN; entries.len()],
        }
    }

    /// Room for the keys of every spelling, which are no longer than the
    /// spellings: for when they all are to be worked out.
    fn reserve_for_all(&mut self) {
        self.text.reserve(self.folded.total_bytes());
    }

    /// Works out the key of spelling `index`, if not done yet.
    fn work_out(&mut self, index: usize) {
        // Room for every key before the first: grown from empty, the list
        // was copied as it grew, several times an article.
        if self.text.capacity() == 0 {
            self.reserve_for_all();
        }
        let (Some(span), Some(folded)) = (self.spans.get_mut(index), self.folded.get(index)) else {
            return;
        };
        if *span == KEY_UNKNOWN {
            let start = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
            push_transliteration_key(folded, &mut self.text);
            *span = (start, u32::try_from(self.text.len()).unwrap_or(u32::MAX));
        }
    }

    /// The key of spelling `index`, once worked out (empty before).
    fn get(&self, index: usize) -> &[u8] {
        match self.spans.get(index) {
            Some(&(start, end)) if (start, end) != KEY_UNKNOWN => self
                .text
                .get(start as usize..end as usize)
                .unwrap_or_default(),
            _ => &[],
        }
    }

    /// The keys of two spellings, worked out if not done yet.
    fn pair(&mut self, a: usize, b: usize) -> (&[u8], &[u8]) {
        self.work_out(a);
        self.work_out(b);
        (self.get(a), self.get(b))
    }
}

/// The first character of a folded spelling as a number; no first
/// character is a value of its own, [`NO_FIRST_LETTER`], equal only to
/// itself.
fn first_letter(folded: &str) -> u32 {
    folded.chars().next().map_or(NO_FIRST_LETTER, u32::from)
}

/// The letters of a folded spelling as a set of 64 bits, a letter's bit
/// its number's last six (ASCII letters each have their own). Letters
/// sharing a bit only make two spellings look closer than they are.
fn letter_set(folded: &str) -> u64 {
    folded
        .chars()
        .fold(0, |set, c| set | 1 << (u32::from(c) & 63))
}

/// The letters of [`letter_set`] that a spelling's transliteration key
/// keeps: two spellings with one key have one signature, so spellings of
/// different signatures need no key to be told to have different keys.
///
/// The key ([`push_transliteration_key`]) keeps every character but those
/// its digraphs and letter map rewrite, and keeps each character it keeps
/// at least once. Of the letters it rewrites, "c", "g", "k" and "q" become
/// one of them ("ck" "k", "gh" "g", "c" "k"), as "z" and "s" do "s" and
/// "w" and "v" "v": each group counts as one letter. The others ("h",
/// "p", "t", the vowels but "a", and "f", "i", "u", which digraphs make)
/// may come or go, and are left out. A bit other characters share with
/// one of these letters only stands for it in both.
fn key_signature(letters: u64) -> u64 {
    const fn bit(letter: u8) -> u64 {
        1 << (letter & 63)
    }
    const KEPT: u64 = bit(b'a')
        | bit(b'b')
        | bit(b'd')
        | bit(b'l')
        | bit(b'm')
        | bit(b'n')
        | bit(b'r')
        | bit(b'x');
    const GROUPS: [u64; 3] = [
        bit(b'c') | bit(b'g') | bit(b'k') | bit(b'q'),
        bit(b's') | bit(b'z'),
        bit(b'v') | bit(b'w'),
    ];
    // The groups' bits are above the letters' (the letters' are 33 to 58).
    let mut signature = letters & KEPT;
    for (group, &bits) in (0..).zip(&GROUPS) {
        if letters & bits != 0 {
            signature |= 1 << (59 + group);
        }
    }
    signature
}

/// Whether `bits` has no more than `most` bits set, by clearing the
/// lowest that many times (`most` is a count of edits, at most three).
fn at_most_bits(mut bits: u64, most: usize) -> bool {
    for _ in 0..most {
        bits &= bits.wrapping_sub(1);
    }
    bits == 0
}

/// Above every `char`.
const NO_FIRST_LETTER: u32 = 0x11_0000;

/// Marks a transliteration key's hash apart from deletion keys' hashes.
const TRANSLITERATION_TAG: u64 = 0x9e37_79b9_7f4a_7c15;

/// A key and the index of the spelling holding it, as one 64-bit number:
/// the key cut to 32 bits above the index, so a list of them sorts into
/// groups of equal keys, each in index order. A chance collision of cut
/// keys only puts two spellings in one group.
fn key_and_index(key: u64, index: usize) -> u64 {
    let key = (key ^ (key >> 32)) & 0xffff_ffff;
    (key << 32) | (index as u64 & 0xffff_ffff)
}

/// Buffers [`NameConsistency::spelling_keys`] reuses from one spelling to
/// the next.
#[derive(Default)]
struct KeyBuffers {
    chars: Vec<char>,
    prefix: Vec<u64>,
}

/// The vocabulary entries whose places and evidence the rule gathers
/// ([`NameConsistency::spellings_to_track`]), each given a slot: the
/// index of its [`Form`] and its places.
#[derive(Debug, PartialEq, Eq)]
struct Tracked {
    /// Each entry's slot, `u32::MAX` for an entry not tracked.
    slots: Vec<u32>,
    /// The entry of each slot, in entry order.
    entries: Vec<u32>,
    /// Every pair of entries, (a, b) with a < b, that may match by their
    /// letters, when worked out with the slots.
    pairs: Option<Vec<(u32, u32)>>,
}

impl Tracked {
    /// Every one of `count` entries, each in the slot of its number.
    fn all(count: usize) -> Tracked {
        let entries: Vec<u32> = (0..u32::try_from(count).unwrap_or(u32::MAX)).collect();
        Tracked {
            slots: entries.clone(),
            entries,
            pairs: None,
        }
    }

    /// None of `count` entries.
    fn none(count: usize) -> Tracked {
        Tracked {
            slots: vec![u32::MAX; count],
            entries: Vec::new(),
            pairs: None,
        }
    }

    /// The entries marked in `keep`, in entry order.
    fn from_kept(keep: &[bool]) -> Tracked {
        let mut slots = vec![u32::MAX; keep.len()];
        let mut entries = Vec::new();
        for ((entry, &kept), slot) in (0u32..).zip(keep).zip(&mut slots) {
            if kept {
                *slot = u32::try_from(entries.len()).unwrap_or(u32::MAX);
                entries.push(entry);
            }
        }
        Tracked {
            slots,
            entries,
            pairs: None,
        }
    }

    fn slot(&self, entry: u32) -> Option<u32> {
        self.slots
            .get(entry as usize)
            .copied()
            .filter(|&slot| slot != u32::MAX)
    }
}

/// SpaceX / Space, TimeWarner / Time: a longer name made of the shorter
/// and another capitalised part.
fn is_compound_of(longer: &str, shorter: &str) -> bool {
    longer
        .strip_prefix(shorter)
        .is_some_and(|rest| rest.chars().next().is_some_and(char::is_uppercase))
}

fn is_adjacent_swap(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let differing: Vec<usize> = (0..a.len()).filter(|&index| a[index] != b[index]).collect();
    differing.len() == 2
        && differing[1] == differing[0] + 1
        && a[differing[0]] == b[differing[1]]
        && a[differing[1]] == b[differing[0]]
}

/// The folded form of each of `count` strings numbered by the order of
/// first use: equal forms share the number of the first, so that the
/// numbers are those an interner fed the forms in order would give. The
/// forms are read in place, each hashed with the `hash` given, rather
/// than copied into an interner of their own.
fn numbered_by_first_use<'s>(
    count: usize,
    form: impl Fn(usize) -> &'s str,
    hash: impl Fn(usize) -> u64,
) -> FoldedNumbers {
    let mut numbers = FoldedNumbers {
        of_entry: Vec::with_capacity(count),
        first_entry: Vec::new(),
    };
    // Each distinct form's first holder, found by the form's hash.
    let mut firsts: HashTable<u32> = HashTable::with_capacity(count);
    for index in 0..count {
        let (this_hash, this_form) = (hash(index), form(index));
        let found = firsts.find(this_hash, |&first| form(first as usize) == this_form);
        let number = match found {
            Some(&first) => numbers.of_entry[first as usize],
            None => {
                let number = u32::try_from(numbers.first_entry.len()).unwrap_or(u32::MAX);
                let index_number = u32::try_from(index).unwrap_or(u32::MAX);
                numbers.first_entry.push(index_number);
                firsts.insert_unique(this_hash, index_number, |&first| hash(first as usize));
                number
            }
        };
        numbers.of_entry.push(number);
    }
    numbers
}

/// The number of each entry's folded form ([`numbered_by_first_use`]).
#[derive(Debug, Default)]
struct FoldedNumbers {
    /// Each entry's number.
    of_entry: Vec<u32>,
    /// The first entry of each number.
    first_entry: Vec<u32>,
}

/// What the rule reads of one distinct word of the article: worked out
/// once per word rather than once per use, since a long story names its
/// people hundreds of times.
#[derive(Debug)]
struct WordInfo<'a> {
    /// The word as written.
    text: &'a str,
    /// Part of the word's hash ([`EntryTable::tag`]): a word met in the
    /// table is compared only if its tag is the one looked for.
    hash_tag: u32,
    /// Where its lower case is in [`Vocabulary::lowered`]; `None` when it
    /// is its folded form, as for every ASCII word of letters and digits.
    lower: Option<(u32, u32)>,
    /// Where the folded form ([`fold_name`]) is in
    /// [`Vocabulary::folded_forms`].
    folded: (u32, u32),
    /// Characters in the folded form.
    folded_chars: usize,
    /// The [`letter_set`] of the folded form: every word of an article
    /// may be compared by its letters, and its bytes are read here anyway.
    letters: u64,
    is_title: bool,
    /// Whether its lower case is a common word ([`is_common_word`]), once
    /// asked ([`Vocabulary::is_common`]): most words never are.
    is_common: OnceCell<bool>,
    name_shaped: bool,
    /// A single letter: an initial, no evidence of a given name.
    is_initial: bool,
    /// Its lower case has a vowel ([`is_vowel`]): a word without one is
    /// never compared.
    has_vowel: bool,
    /// Not an ASCII word of letters and digits: as a name-shaped word, it
    /// may hold marks that its letters leave out, so that two spellings of
    /// its letters differ ([`NameConsistency::report_spacing`]).
    outside_ascii: bool,
    /// An upper-case letter after its first (always so for a word
    /// [`WordInfo::outside_ascii`]): it may be capitalised name words run
    /// together ("TimeWarner"). An ASCII word capitalised only at its
    /// start cannot be.
    inner_capital: bool,
}

impl WordInfo<'_> {
    /// Whether the word could be a candidate spelling: name-shaped, no
    /// title, with a vowel. (A candidate of fewer than three letters is
    /// compared with none.)
    fn may_be_candidate(&self) -> bool {
        self.name_shaped && !self.is_title && self.has_vowel
    }
}

/// The distinct words of one article the rule has looked at.
#[derive(Debug, Default)]
struct Vocabulary<'a> {
    /// Each word's entry, found by the word's hash. Only entries are
    /// stored (four bytes a slot, where a map of word to entry takes
    /// twenty-four): on a file of a million distinct names the table stays
    /// within the cache.
    entries: EntryTable,
    words: Vec<WordInfo<'a>>,
    /// The lower case of every word that is not its folded form, one
    /// after another.
    lowered: String,
    /// Every word's folded form, one after another.
    folded_forms: String,
    /// Which words share a folded form, worked out when first asked
    /// ([`Vocabulary::folded_number`]): only an article with spellings to
    /// compare asks, and most words are seen once, so numbering every
    /// form as its word is entered (a second hash table) was wasted on
    /// most articles.
    folded_numbers: OnceCell<FoldedNumbers>,
}

impl<'a> Vocabulary<'a> {
    /// Room for about `words` distinct words without growing: a story of
    /// distinct names would otherwise rehash its maps again and again.
    fn with_capacity(words: usize) -> Self {
        Vocabulary {
            entries: EntryTable::with_capacity(words),
            words: Vec::with_capacity(words),
            // Only a word outside ASCII letters and digits has its lower
            // case kept apart, and most articles have none: room is made
            // for every word when the first such word is entered.
            lowered: String::new(),
            folded_forms: String::with_capacity(words * 8),
            folded_numbers: OnceCell::new(),
        }
    }

    /// The entry of `word`, made on first sight.
    fn entry(&mut self, word: &'a str, rule: &NameConsistency) -> u32 {
        // One hash of the word, whether it is new or not.
        let hash = FxBuildHasher.hash_one(word);
        let next = u32::try_from(self.words.len()).unwrap_or(u32::MAX);
        let tag = EntryTable::tag(hash);
        let words = &self.words;
        let found = self.entries.find_or_insert(
            hash,
            next,
            |entry| {
                words
                    .get(entry as usize)
                    .is_some_and(|info| info.hash_tag == tag && info.text == word)
            },
            |entry| {
                words
                    .get(entry as usize)
                    .map_or(0, |info| FxBuildHasher.hash_one(info.text))
            },
        );
        if let Some(entry) = found {
            return entry;
        }
        // An ASCII word of letters and digits (nearly every name in English
        // copy) folds to its lower case and has a character for each byte:
        // it is classed and its lower case hashed in one pass over its
        // bytes, and its lower case is kept once, as its folded form.
        // Each arm pushes its record itself, which is then written in
        // place rather than made and copied in.
        match AsciiWord::of(word) {
            Some(ascii) => {
                let start = self.folded_forms.len();
                if ascii.upper_case_after_first {
                    self.folded_forms.push_str(word);
                    if let Some(lowered) = self.folded_forms.get_mut(start..) {
                        lowered.make_ascii_lowercase();
                    }
                } else if let Some(rest) = word.get(1..) {
                    // A name is written capitalised: nearly always only
                    // its first byte is lowered, as it is copied.
                    self.folded_forms.push(char::from(ascii.first_lowered));
                    self.folded_forms.push_str(rest);
                }
                let folded = stored_span(start, self.folded_forms.len());
                // Most words are told to be no title by their hash, and most
                // others by their shape, which the word as written tells
                // (an ASCII word has its lower case's shape): only the
                // rest have their lower case read back.
                let is_title = (ascii.upper_case_after_first || rule.title_hashes.may_hold(hash))
                    && rule.title_shapes.may_hold(word.as_bytes())
                    && rule
                        .titles
                        .contains(self.folded_forms.get(start..).unwrap_or_default());
                self.words.push(WordInfo {
                    text: word,
                    hash_tag: tag,
                    lower: None,
                    folded,
                    folded_chars: word.len(),
                    letters: ascii.letters,
                    is_title,
                    is_common: OnceCell::new(),
                    name_shaped: ascii.letters_only && ascii.has_lowercase && word.len() >= 2,
                    is_initial: word.len() == 1,
                    has_vowel: ascii.has_vowel,
                    outside_ascii: false,
                    inner_capital: ascii.upper_case_after_first,
                });
            }
            None => {
                let info = self.word_info(word, tag, rule);
                self.words.push(info);
            }
        }
        next
    }

    /// What the rule reads of a new word, for any word: its lower case is
    /// kept in [`Vocabulary::lowered`] and its folded form in
    /// [`Vocabulary::folded_forms`].
    fn word_info(&mut self, word: &'a str, hash_tag: u32, rule: &NameConsistency) -> WordInfo<'a> {
        if self.lowered.capacity() == 0 {
            self.lowered.reserve(self.words.capacity() * 8);
        }
        let start = self.lowered.len();
        let offset = |position: usize| u32::try_from(position).unwrap_or(u32::MAX);
        // Not char by char: a final sigma lowers differently.
        self.lowered.push_str(&word.to_lowercase());
        let lower = self.lowered.get(start..).unwrap_or_default();
        let folded_form = fold_name(word);
        let folded_start = self.folded_forms.len();
        self.folded_forms.push_str(&folded_form);
        let mut chars = word.chars();
        WordInfo {
            text: word,
            hash_tag,
            lower: Some((offset(start), offset(self.lowered.len()))),
            folded: stored_span(folded_start, self.folded_forms.len()),
            folded_chars: folded_form.chars().count(),
            letters: letter_set(&folded_form),
            is_title: rule.is_title(lower),
            is_common: OnceCell::new(),
            name_shaped: is_name_shaped(word),
            is_initial: chars.next().is_some() && chars.next().is_none(),
            has_vowel: lower.chars().any(is_vowel),
            outside_ascii: true,
            inner_capital: true,
        }
    }

    /// Entries come only from [`Vocabulary::entry`], so every one is in
    /// range.
    fn word(&self, entry: u32) -> &WordInfo<'a> {
        &self.words[entry as usize]
    }

    /// Whether an entry's word, lowered, is a common word.
    fn is_common(&self, entry: u32) -> bool {
        *self
            .word(entry)
            .is_common
            .get_or_init(|| is_common_word(self.lower(entry)))
    }

    /// The lower case of an entry's word.
    fn lower(&self, entry: u32) -> &str {
        let word = self.word(entry);
        match word.lower {
            Some((start, end)) => self.lowered.get(start as usize..end as usize).unwrap_or(""),
            None => self.folded_form_of(word),
        }
    }

    /// [`first_letter`] of a word's folded form. An ASCII word of letters
    /// and digits, whose folded form is its lower case, has its first
    /// byte with the 0x20 bit set there: the form need not be read.
    fn first_folded_letter(&self, word: &WordInfo<'_>) -> u32 {
        match (word.lower, word.text.as_bytes().first()) {
            (None, Some(&first)) => u32::from(first | 0x20),
            _ => first_letter(self.folded_form_of(word)),
        }
    }

    /// The folded form of an entry's word.
    fn folded_form(&self, entry: u32) -> &str {
        self.folded_form_of(self.word(entry))
    }

    fn folded_form_of(&self, word: &WordInfo<'_>) -> &str {
        let (start, end) = word.folded;
        self.folded_forms
            .get(start as usize..end as usize)
            .unwrap_or("")
    }

    /// Which words share a folded form, numbered in the order of their
    /// entries.
    fn folded_numbers(&self) -> &FoldedNumbers {
        // Any hash of the form will do to find its equals, and the numbers
        // do not depend on it: the word-at-a-time hash of its bytes costs
        // less than the polynomial one the spacing check composes.
        self.folded_numbers.get_or_init(|| {
            numbered_by_first_use(
                self.words.len(),
                |index| self.folded_form_of(&self.words[index]),
                |index| FxBuildHasher.hash_one(self.folded_form_of(&self.words[index])),
            )
        })
    }

    /// The number of an entry's folded form: entries of one folded form
    /// have one number.
    fn folded_number(&self, entry: u32) -> u32 {
        self.folded_numbers()
            .of_entry
            .get(entry as usize)
            .copied()
            .unwrap_or(u32::MAX)
    }

    /// The folded form of number `folded` ([`Vocabulary::folded_number`]).
    fn folded_form_numbered(&self, folded: u32) -> &str {
        match self.folded_numbers().first_entry.get(folded as usize) {
            Some(&entry) => self.folded_form(entry),
            None => "",
        }
    }
}

/// The vocabulary's table of entries: open addressing with linear
/// probing, each slot an entry plus one (0 for an empty slot), found from
/// the top bits of its word's hash. Kept at most half full, a word is
/// nearly always found or placed at its first slot or the next, where a
/// general hash table spends several times the instructions on groups of
/// slots and their control bytes.
#[derive(Debug, Default)]
struct EntryTable {
    slots: Vec<u32>,
    /// How far a hash is shifted right for its first slot: 64 less the
    /// power of two of the slots.
    shift: u32,
    /// Slots in use.
    used: usize,
}

impl EntryTable {
    /// The fewest slots a table has.
    const LEAST_SLOTS: usize = 16;

    /// Room for `entries` without growing.
    fn with_capacity(entries: usize) -> EntryTable {
        let slots = entries
            .saturating_mul(2)
            .max(Self::LEAST_SLOTS)
            .checked_next_power_of_two()
            .unwrap_or(usize::MAX / 2 + 1);
        EntryTable {
            slots: vec![0; slots],
            shift: 64 - slots.trailing_zeros(),
            used: 0,
        }
    }

    /// The part of a hash a word keeps ([`WordInfo::hash_tag`]): its low
    /// bits, which do not choose the slot.
    fn tag(hash: u64) -> u32 {
        hash as u32
    }

    /// The entry `is_sought` takes among those of hash `hash`, or else
    /// `next`, placed as a new entry (`None`). `hash_of` gives the hash
    /// of an entry already placed, for the table to grow.
    fn find_or_insert(
        &mut self,
        hash: u64,
        next: u32,
        is_sought: impl Fn(u32) -> bool,
        hash_of: impl Fn(u32) -> u64,
    ) -> Option<u32> {
        if (self.used + 1) * 2 > self.slots.len() {
            self.grow(hash_of);
        }
        let mask = self.slots.len().wrapping_sub(1);
        let mut index = (hash >> self.shift) as usize;
        loop {
            index &= mask;
            let slot = self.slots.get_mut(index)?;
            if *slot == 0 {
                *slot = next.wrapping_add(1);
                self.used += 1;
                return None;
            }
            let entry = *slot - 1;
            if is_sought(entry) {
                return Some(entry);
            }
            index += 1;
        }
    }

    /// Twice the slots (at least the fewest), every entry placed anew by
    /// its hash.
    fn grow(&mut self, hash_of: impl Fn(u32) -> u64) {
        let old = std::mem::take(&mut self.slots);
        *self = EntryTable::with_capacity(old.len().max(Self::LEAST_SLOTS / 2));
        let mask = self.slots.len().wrapping_sub(1);
        for entry in old
            .into_iter()
            .filter(|&slot| slot != 0)
            .map(|slot| slot - 1)
        {
            let mut index = (hash_of(entry) >> self.shift) as usize;
            while let Some(slot) = self.slots.get_mut(index & mask) {
                if *slot == 0 {
                    *slot = entry + 1;
                    self.used += 1;
                    break;
                }
                index = (index & mask) + 1;
            }
        }
    }
}

/// A span of a string of the vocabulary, as two offsets.
fn stored_span(start: usize, end: usize) -> (u32, u32) {
    let offset = |position: usize| u32::try_from(position).unwrap_or(u32::MAX);
    (offset(start), offset(end))
}

/// What one pass over an ASCII word of letters and digits tells
/// [`Vocabulary::entry`].
struct AsciiWord {
    letters_only: bool,
    has_lowercase: bool,
    /// Its lower case has a vowel ([`is_vowel`]).
    has_vowel: bool,
    /// A byte after the first is an upper-case letter: only then does
    /// lowering change more than the first.
    upper_case_after_first: bool,
    /// The first byte lowered (0 for an empty word).
    first_lowered: u8,
    /// The [`letter_set`] of its lower case.
    letters: u64,
}

impl AsciiWord {
    /// The shape of `word` if it is ASCII letters and digits only.
    fn of(word: &str) -> Option<AsciiWord> {
        let mut letters = 0u64;
        // An ASCII letter with its 0x20 bit set is its lower case, and a
        // digit has that bit already: every byte of a word kept here is
        // lowered by setting it, with no look at its class.
        let mut class_of = |byte: u8| {
            letters |= 1 << ((byte | 0x20) & 63);
            ASCII_CLASSES[usize::from(byte)]
        };
        // The first byte apart: whether a later one is upper case tells
        // how much of the word lowering changes.
        let (first_class, first_lowered, rest) = match word.as_bytes().split_first() {
            Some((&first, rest)) => (class_of(first), first | 0x20, rest),
            None => (NO_LETTERS, 0, &[][..]),
        };
        // A byte that is no letter or digit is told once the word is read,
        // by its class's own bit, rather than by a test at every byte: such
        // words are few, and reading one to its end costs less than a
        // branch at every byte of every word.
        let later_classes = rest
            .iter()
            .fold(0, |classes, &byte| classes | class_of(byte));
        let classes = first_class | later_classes;
        if classes & NOT_LETTER_OR_DIGIT != 0 {
            return None;
        }
        Some(AsciiWord {
            letters_only: classes & DIGIT == 0,
            has_lowercase: classes & LOWER_CASE != 0,
            has_vowel: classes & VOWEL != 0,
            upper_case_after_first: later_classes & UPPER_CASE != 0,
            first_lowered,
            letters,
        })
    }
}

/// The classes of an empty word, which has no byte and so none that is
/// no ASCII letter or digit.
const NO_LETTERS: u8 = 16;
/// [`ASCII_CLASSES`] of a lower-case letter.
const LOWER_CASE: u8 = 1;
/// [`ASCII_CLASSES`] of an upper-case letter.
const UPPER_CASE: u8 = 2;
/// [`ASCII_CLASSES`] of a digit.
const DIGIT: u8 = 4;
/// [`ASCII_CLASSES`] of a letter [`is_vowel`] takes, in either case.
const VOWEL: u8 = 8;
/// [`ASCII_CLASSES`] of a byte that is no ASCII letter or digit.
const NOT_LETTER_OR_DIGIT: u8 = 32;

/// The class of each byte as [`AsciiWord::of`] reads it,
/// [`NOT_LETTER_OR_DIGIT`] for a byte that is no ASCII letter or digit.
const ASCII_CLASSES: [u8; 256] = {
    let mut classes = [NOT_LETTER_OR_DIGIT; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        let vowel = match b.to_ascii_lowercase() {
            b'a' | b'e' | b'i' | b'o' | b'u' | b'y' => VOWEL,
            _ => 0,
        };
        classes[byte] = match b {
            b'a'..=b'z' => LOWER_CASE | vowel,
            b'A'..=b'Z' => UPPER_CASE | vowel,
            b'0'..=b'9' => DIGIT,
            _ => NOT_LETTER_OR_DIGIT,
        };
        byte += 1;
    }
    classes
};

/// A spelling compared with the others.
struct Candidate<'w, 'f> {
    word: &'w str,
    form: &'f Form,
    /// Its places, in text order.
    occurrences: &'f [Occurrence],
    /// Its vocabulary entry, whose lower case is read only when a
    /// comparison gets that far: most spellings are compared with none.
    entry: u32,
    /// Characters in the folded form.
    folded_chars: usize,
    /// Its [`NameConsistency::genders`], once asked.
    genders: OnceCell<Genders>,
    /// Its [`Candidate::names_around`], once asked.
    names_around: OnceCell<NamesAround>,
}

/// The name words used beside a spelling in the story's runs, by the
/// numbers of their folded forms ([`Vocabulary::folded_number`]).
#[derive(Debug, Default)]
struct NamesAround {
    /// Used before it ("Mark" for "Milley"): given names.
    before: FoldedSet,
    /// Used after it ("Milley" for "Mark"): surnames, or the rest of an
    /// organisation's name.
    after: FoldedSet,
}

impl Candidate<'_, '_> {
    /// The names used before and after the spelling at its places in the
    /// story, given the article's [`Context::run_words`]. Asked of the few
    /// spellings compared this far, rather than gathered at every use of
    /// every spelling.
    fn names_around(
        &self,
        run_words: &[(usize, u32)],
        vocabulary: &Vocabulary<'_>,
    ) -> &NamesAround {
        self.names_around.get_or_init(|| {
            let mut around = NamesAround::default();
            for occurrence in self.occurrences {
                let (start, end) = occurrence.run;
                let words = run_words.get(start as usize..end as usize);
                for &(other, entry) in words.unwrap_or_default() {
                    if other < occurrence.span.start {
                        around.before.insert(vocabulary.folded_number(entry));
                    } else if other > occurrence.span.start {
                        around.after.insert(vocabulary.folded_number(entry));
                    }
                }
            }
            around
        })
    }
}

/// Facts about the whole article that comparisons read.
struct Context<'a> {
    text: &'a str,
    /// Candidate spellings also written in lower case in the article.
    lowercase_words: &'a LowercaseWords<'a>,
    /// Whether the spellings written in lower case were set aside before
    /// any comparison ([`NameConsistency::check_article`]).
    lowercase_first: bool,
    /// Whether each folded name, by its number, is used alone as a
    /// mention in the story.
    standalone: &'a Standalone<'a>,
    vocabulary: &'a Vocabulary<'a>,
    /// The name words of the story's runs of several words, as (start,
    /// entry), each [`Occurrence::run`] a range of them.
    run_words: &'a [(usize, u32)],
}

/// The spellings an article also writes in lower case ("the union",
/// "Union"), found when first asked about: finding them reads every word
/// of the article, and most articles have no two spellings alike enough
/// for the question to arise.
struct LowercaseWords<'a> {
    text: &'a str,
    tokens: &'a [Token],
    /// The spellings that may be asked about are the tracked entries
    /// ([`Tracked`]) whose forms have a use; their lower case is gathered
    /// only once the question is asked.
    vocabulary: &'a Vocabulary<'a>,
    tracked: &'a [u32],
    forms: &'a [Form],
    found: OnceCell<HashSet<&'a str>>,
}

impl<'a> LowercaseWords<'a> {
    /// Whether `lower`, one of the wanted words, is written in the article.
    fn contains(&self, lower: &str) -> bool {
        self.found.get_or_init(|| self.find()).contains(lower)
    }

    fn find(&self) -> HashSet<&'a str> {
        // Sized for every tracked spelling, as the found words are for
        // every wanted one: collected through a filter, a set was rehashed
        // again and again as it grew.
        let mut wanted: HashSet<&str> =
            HashSet::with_capacity_and_hasher(self.tracked.len(), FxBuildHasher);
        wanted.extend(
            self.tracked
                .iter()
                .zip(self.forms)
                .filter(|(_, form)| form.uses > 0)
                .map(|(&entry, _)| self.vocabulary.lower(entry)),
        );
        if wanted.is_empty() {
            return HashSet::default();
        }
        if wanted.len() <= WANTED_SEARCHED_IN_THE_TEXT {
            word_tokens_found_by_search(self.text, self.tokens, &wanted)
        } else {
            word_tokens_found_by_reading(self.text, self.tokens, &wanted)
        }
    }
}

/// The `wanted` words that are word tokens of `text`, found by reading
/// every token.
fn word_tokens_found_by_reading<'a>(
    text: &'a str,
    tokens: &[Token],
    wanted: &HashSet<&str>,
) -> HashSet<&'a str> {
    // Most words cannot be wanted: no wanted word has their length and
    // their first byte, and their length and last byte, which two table
    // look-ups tell before the word is sliced or hashed.
    let mut lengths_by_first_byte = [0u64; 256];
    let mut lengths_by_last_byte = [0u64; 256];
    let length_bit = |length: usize| 1u64 << length.min(63);
    for word in wanted {
        let bytes = word.as_bytes();
        if let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) {
            lengths_by_first_byte[usize::from(first)] |= length_bit(bytes.len());
            lengths_by_last_byte[usize::from(last)] |= length_bit(bytes.len());
        }
    }
    let bytes = text.as_bytes();
    let may_be_wanted = |span: Span| {
        let bit = length_bit(span.end - span.start);
        let last = span.end.checked_sub(1).and_then(|end| bytes.get(end));
        let (Some(&first), Some(&last)) = (bytes.get(span.start), last) else {
            return false;
        };
        lengths_by_first_byte[usize::from(first)] & bit != 0
            && lengths_by_last_byte[usize::from(last)] & bit != 0
    };
    let mut found = HashSet::with_capacity_and_hasher(wanted.len(), FxBuildHasher);
    found.extend(
        tokens
            .iter()
            .filter(|token| token.kind == TokenKind::Word)
            .map(|token| token.span())
            .filter(|&span| may_be_wanted(span))
            .map(|span| span.slice(text))
            .filter(|word| wanted.contains(word)),
    );
    found
}

/// The `wanted` words that are word tokens of `text`, found by searching
/// the text for each: a few searches of the text cost less than reading
/// its every token. A place found counts only if a word token starts there
/// and ends with the word.
fn word_tokens_found_by_search<'a>(
    text: &'a str,
    tokens: &[Token],
    wanted: &HashSet<&str>,
) -> HashSet<&'a str> {
    let mut found = HashSet::with_capacity_and_hasher(wanted.len(), FxBuildHasher);
    for word in wanted {
        for start in memmem::find_iter(text.as_bytes(), word.as_bytes()) {
            let end = start + word.len();
            let is_word_token = tokens
                .binary_search_by_key(&start, |token| token.span().start)
                .ok()
                .and_then(|index| tokens.get(index))
                .is_some_and(|token| token.kind == TokenKind::Word && token.span().end == end);
            if let (true, Some(slice)) = (is_word_token, text.get(start..end)) {
                found.insert(slice);
                break;
            }
        }
    }
    found
}

/// Up to how many wanted words [`LowercaseWords`] searches the text for,
/// one search each, rather than reading every token: past a dozen, the
/// searches would cost more than the one read of the tokens.
const WANTED_SEARCHED_IN_THE_TEXT: usize = 12;

/// The names used alone somewhere in the story (folded): a surname after
/// its first full mention. Found when first asked about, as the spellings
/// written in lower case are ([`LowercaseWords`]): finding them reads the
/// opening words of every mention.
struct Standalone<'a> {
    article: &'a Article<'a>,
    /// The mentions the rule reads.
    mentions: &'a [&'a NameMention],
    /// The entry of every word of those mentions, one mention after another.
    mention_entries: &'a [u32],
    vocabulary: &'a Vocabulary<'a>,
    /// Marked by folded number.
    found: OnceCell<Vec<bool>>,
}

impl Standalone<'_> {
    fn contains(&self, folded: u32) -> bool {
        let found = self.found.get_or_init(|| self.find());
        found.get(folded as usize) == Some(&true)
    }

    fn find(&self) -> Vec<bool> {
        let vocabulary = self.vocabulary;
        let mut standalone = vec![false; vocabulary.folded_numbers().first_entry.len()];
        let mut remaining_entries = self.mention_entries;
        for &mention in self.mentions {
            let (entries, rest) = remaining_entries
                .split_at_checked(mention.words().len())
                .unwrap_or((remaining_entries, &[]));
            remaining_entries = rest;
            let in_story = block_kind_of(self.article, mention) == Some(BlockKind::Paragraph);
            if !in_story {
                continue;
            }
            let (Some(run_start), _) = name_run_start(vocabulary, mention, entries, in_story)
            else {
                continue;
            };
            let mut name_words = entries
                .iter()
                .skip(run_start)
                .filter(|&&entry| vocabulary.word(entry).name_shaped);
            if let (Some(&alone), None) = (name_words.next(), name_words.next()) {
                if let Some(marked) = standalone.get_mut(vocabulary.folded_number(alone) as usize) {
                    *marked = true;
                }
            }
        }
        standalone
    }
}

/// Whether the rule passes over the names of a block of this kind.
fn is_passed_over(kind: BlockKind) -> bool {
    matches!(kind, BlockKind::Residue | BlockKind::Dateline)
}

/// The kind of the block `mention` is in, `None` when its statement is
/// none of the article's; a statement of no block is read as a
/// paragraph's.
fn block_kind_of(article: &Article<'_>, mention: &NameMention) -> Option<BlockKind> {
    let statement = article.statements().get(mention.statement)?;
    let block = article.blocks().get(statement.block);
    Some(block.map_or(BlockKind::Paragraph, |block| block.kind))
}

/// Where the name's own words start among a mention's words (after its
/// titles and the common words that open it), `None` when none is, and the
/// gender of the first gendered title before them.
fn name_run_start(
    vocabulary: &Vocabulary<'_>,
    mention: &NameMention,
    entries: &[u32],
    in_story: bool,
) -> (Option<usize>, Option<Gender>) {
    let mut title_in_mention = None;
    // "Finance Minister Kiichi Miyazawa": common words before a title
    // belong to it (not "Japanese" in "Japanese Prime Minister Yasuhiro
    // Nakasone", which is a name of its own).
    let mut title_end = 0;
    for (index, &entry) in entries
        .iter()
        .enumerate()
        .take(entries.len().saturating_sub(1))
    {
        let word = vocabulary.word(entry);
        if word.is_title {
            title_end = index + 1;
        } else if !vocabulary.is_common(entry) {
            break;
        }
    }
    for (index, (_, &entry)) in mention.words().iter().zip(entries).enumerate() {
        let word = vocabulary.word(entry);
        if index < title_end || word.is_title {
            title_in_mention = title_in_mention.or(title_gender(vocabulary.lower(entry)));
        } else if (mention.sentence_initial && index == 0 || !in_story)
            && vocabulary.is_common(entry)
        {
            // The first words of a sentence or of a headline-case line
            // are capitalised whatever they are.
        } else {
            return (Some(index), title_in_mention);
        }
    }
    (None, title_in_mention)
}

/// A run's words as [`push_stretches`] reads them.
fn stretch_words<'r>(
    vocabulary: &'r Vocabulary<'_>,
    run: &'r [(Span, u32)],
) -> impl Iterator<Item = (Span, usize, u64)> + 'r {
    run.iter().map(|&(span, entry)| {
        let word = vocabulary.word(entry);
        (
            span,
            word.folded_chars,
            folded_hash(vocabulary.folded_form_of(word)),
        )
    })
}

/// `surface` with each run of white space as one space; borrowed when it
/// already is (nearly always).
fn single_spaced(surface: &str) -> std::borrow::Cow<'_, str> {
    let mut previous_space = true;
    let plain = surface.chars().all(|c| {
        let ok = !c.is_whitespace() || (c == ' ' && !previous_space);
        previous_space = c.is_whitespace();
        ok
    }) && !previous_space;
    if plain {
        std::borrow::Cow::Borrowed(surface)
    } else {
        std::borrow::Cow::Owned(surface.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// Pushes every stretch of one, two or three words of a run, with six
/// letters or more, as (key, span): each word, and each stretch whose words
/// are joined by a space or hyphen ([`joined_by_space_or_hyphen`]). The run
/// is a mention's name-shaped words in text order, each given as its span,
/// the characters of its folded form and that form's [`string_hash`]; a
/// key is the polynomial hash of the stretch's folded letters run
/// together, the same for "Time Warner" and "TimeWarner".
///
/// In one pass: the stretches ending at a word extend those ending at the
/// word before, each key by one multiplication, so each word is read once
/// and each pair of words asked once whether it is joined. (The order of
/// the stretches is no matter: [`NameConsistency::report_spacing`] groups
/// them by key and puts each group in text order.)
fn push_stretches(
    text: &str,
    run: impl IntoIterator<Item = (Span, usize, u64)>,
    stretches: &mut Vec<(u64, Span)>,
) {
    /// A stretch's key, its letters and where it starts.
    type Stretch = (u64, usize, usize);
    let mut previous: Option<Span> = None;
    // The stretches of one word and of two ending at the word before.
    let (mut one, mut two): (Option<Stretch>, Option<Stretch>) = (None, None);
    for (span, chars, hash) in run {
        let joined =
            previous.is_some_and(|previous| joined_by_space_or_hyphen(text, previous, span));
        previous = Some(span);
        // Pushed, then taken back if too short: whether a stretch has six
        // letters follows no pattern a branch predictor could learn.
        let mut push = |(key, letters, start): Stretch| {
            stretches.push((key, Span::new(start, span.end)));
            let kept = stretches.len() - usize::from(letters < 6);
            stretches.truncate(kept);
        };
        let word = (hash, chars, span.start);
        push(word);
        if !joined {
            (one, two) = (Some(word), None);
            continue;
        }
        let power = hash_base_power(chars);
        let extend = |(key, letters, start): Stretch| {
            (
                key.wrapping_mul(power).wrapping_add(hash),
                letters + chars,
                start,
            )
        };
        let (longer_two, three) = (one.map(extend), two.map(extend));
        if let Some(stretch) = longer_two {
            push(stretch);
        }
        if let Some(stretch) = three {
            push(stretch);
        }
        (one, two) = (Some(word), longer_two);
    }
}

/// Keeps, in order, every stretch whose key is also used by a stretch
/// written otherwise (any other text), and drops those of a key whose every
/// use is the same text, as no spelling of it differs from another's.
///
/// Each key's first text is remembered in a table indexed by a few bits
/// of the key, and each later use compared with it byte for byte. Two keys
/// meeting in one entry keep all of both: a collision may keep a key
/// written one way, never drop one written two ways.
fn retain_keys_written_more_than_one_way(text: &str, stretches: &mut Vec<(u64, Span)>) {
    #[derive(Clone, Copy)]
    enum Entry {
        Unused,
        /// A key and its first use, all of its uses so far written alike.
        WrittenOneWay(u64, Span),
        /// Kept: written two ways, or holding two keys.
        Kept,
    }
    // About two entries per stretch, so that few keys meet.
    let bits = (stretches.len() * 2)
        .next_power_of_two()
        .max(16)
        .trailing_zeros();
    let shift = u64::BITS - bits;
    // The keys are polynomial hashes by the same multiplier, whose
    // product with it alone leaves the top bits poorly spread.
    let index = |key: u64| (table_hash(key) >> shift) as usize;
    let mut table = vec![Entry::Unused; 1 << bits];
    for &(key, span) in stretches.iter() {
        let entry = &mut table[index(key)];
        match *entry {
            Entry::Unused => *entry = Entry::WrittenOneWay(key, span),
            Entry::WrittenOneWay(first_key, first) => {
                if first_key != key || first.slice(text) != span.slice(text) {
                    *entry = Entry::Kept;
                }
            }
            Entry::Kept => {}
        }
    }
    stretches.retain(|&(key, _)| matches!(table[index(key)], Entry::Kept));
}

/// The most places a diagnostic lists; a name used thousands of times in
/// a very long file must not make every report on it as long.
const MAX_RELATED: usize = 10;

/// Labels the majority spelling's places (the first [`MAX_RELATED`]).
fn with_places(mut diagnostic: Diagnostic, majority: &str, spans: &[Span]) -> Diagnostic {
    let more = spans.len().saturating_sub(MAX_RELATED);
    let shown = spans.len().min(MAX_RELATED);
    for (index, span) in spans.iter().take(MAX_RELATED).enumerate() {
        let label = if more > 0 && index + 1 == shown {
            format!(
                "spelled “{majority}” here (and in {more} more {})",
                if more == 1 { "place" } else { "places" }
            )
        } else {
            format!("spelled “{majority}” here")
        };
        diagnostic = diagnostic.with_related(*span, label);
    }
    diagnostic
}

/// Spans already reported, which never overlap one another, by start: a
/// name is reported once, and looking one up costs a logarithm.
#[derive(Clone, Debug, Default)]
struct Flagged(BTreeMap<usize, usize>);

impl Flagged {
    fn overlaps(&self, span: Span) -> bool {
        // The reported spans are disjoint, so the last one starting before
        // `span` ends is the only one that can reach into it.
        self.0
            .range(..span.end)
            .next_back()
            .is_some_and(|(_, &end)| end > span.start)
    }

    fn insert(&mut self, span: Span) {
        self.0.insert(span.start, span.end);
    }
}

fn times(count: usize) -> String {
    match count {
        1 => "once".to_owned(),
        2 => "twice".to_owned(),
        _ => format!("{count} times"),
    }
}

fn title_gender(title: &str) -> Option<Gender> {
    title_gender_of_bytes(title.as_bytes())
}

/// [`title_gender`] of a title's bytes.
fn title_gender_of_bytes(title: &[u8]) -> Option<Gender> {
    match title {
        b"mr" | b"sir" | b"lord" | b"king" | b"prince" | b"father" | b"brother" | b"duke"
        | b"baron" | b"earl" | b"emperor" => Some(Gender::Male),
        b"mrs" | b"ms" | b"miss" | b"dame" | b"lady" | b"queen" | b"princess" | b"sister"
        | b"duchess" | b"baroness" | b"chairwoman" => Some(Gender::Female),
        _ => None,
    }
}

/// The length of the longest title [`title_gender`] knows ("chairwoman").
const LONGEST_GENDERED_TITLE: usize = 10;

/// A word that can be compared as a name: letters only, not all capitals
/// (acronyms and wire headlines), at least two letters.
/// Letters, possibly with combining marks, at least two of them, one in
/// lower case. (An ASCII word of letters and digits is classed by
/// [`AsciiWord`] instead, in one pass.)
fn is_name_shaped(word: &str) -> bool {
    let mut letters = 0;
    let mut lower = 0;
    for c in word.chars() {
        if c.is_alphabetic() {
            letters += 1;
            if c.is_lowercase() {
                lower += 1;
            }
        } else if !crate::syntax::tokens::is_combining_mark(c) {
            return false;
        }
    }
    letters >= 2 && lower > 0
}

/// How a name word is joined to the one before it in a run, as the
/// spacing check reads it ([`joined_by_space_or_hyphen`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Join {
    /// By ASCII white space alone: shown as one space, as every such join.
    WhiteSpace,
    /// By one hyphen alone.
    Hyphen,
    /// Otherwise (white space outside ASCII, or across a word that is no
    /// name word): two stretches of the same letters may differ there.
    Otherwise,
    /// Not joined.
    None,
}

fn join_of(text: &str, previous: Span, word: Span) -> Join {
    let gap = text
        .as_bytes()
        .get(previous.end..word.start)
        .unwrap_or_default();
    // Nearly every gap between a name's words is one space, told by one
    // comparison rather than a loop over the gap.
    if gap == b" " || !gap.is_empty() && gap.iter().all(u8::is_ascii_whitespace) {
        Join::WhiteSpace
    } else if gap == b"-" {
        Join::Hyphen
    } else if joined_by_space_or_hyphen(text, previous, word) {
        Join::Otherwise
    } else {
        Join::None
    }
}

/// Whether a name word of the article starts with another name word and
/// the first letter of a word joined to that one ("Time Warner" and
/// "TimeWarner"), case and all, or two name words are joined by a hyphen
/// in one place and by white space in another ("Jong-Un", "Jong Un"): in
/// an article whose name words are ASCII and joined by white space or a
/// hyphen alone ([`Join`]), only then can two stretches of the same
/// letters ([`NameConsistency::report_spacing`]) be written otherwise.
///
/// Where two such stretches first part differently, one word of one runs
/// on past a word of the other, which it starts with, into that word's
/// follower's first letter; stretches of the same words differ only in a
/// join. Most articles have no capital inside a word, no name word in
/// lower case after another, and no hyphen between name words, and are
/// not asked.
fn runs_a_join_together(
    text: &str,
    vocabulary: &Vocabulary<'_>,
    name_shaped_words: &[(Span, u32)],
    name_shaped_ends: &[u32],
) -> bool {
    let with_inner_capitals: Vec<&str> = vocabulary
        .words
        .iter()
        .filter(|word| word.name_shaped && word.inner_capital)
        .map(|word| word.text)
        .collect();
    let runs_on = |longer: &str, word: &str, follower_first: u8| {
        longer.as_bytes().get(word.len()) == Some(&follower_first) && longer.starts_with(word)
    };
    // The pairs of entries joined by a hyphen, and by white space.
    let (mut by_hyphen, mut by_white_space) = (Vec::new(), Vec::new());
    let mut start = 0;
    for &end in name_shaped_ends {
        let run = name_shaped_words
            .get(start..end as usize)
            .unwrap_or_default();
        start = end as usize;
        for pair in run.windows(2) {
            let [(previous, entry), (span, follower)] = pair else {
                continue;
            };
            match join_of(text, *previous, *span) {
                Join::WhiteSpace => by_white_space.push((*entry, *follower)),
                Join::Hyphen => by_hyphen.push((*entry, *follower)),
                Join::Otherwise | Join::None => continue,
            }
            let word = vocabulary.word(*entry).text;
            let Some(&first) = text.as_bytes().get(span.start) else {
                continue;
            };
            let found = if first.is_ascii_lowercase() {
                vocabulary
                    .words
                    .iter()
                    .any(|longer| longer.name_shaped && runs_on(longer.text, word, first))
            } else {
                with_inner_capitals
                    .iter()
                    .any(|longer| runs_on(longer, word, first))
            };
            if found {
                return true;
            }
        }
    }
    by_hyphen.iter().any(|pair| by_white_space.contains(pair))
}

/// Whether two words of a name are joined by a space or a hyphen alone
/// ("Time Warner", "Jong-Un"), not by other punctuation.
fn joined_by_space_or_hyphen(text: &str, first: Span, second: Span) -> bool {
    // Nearly always one space or hyphen: one byte read, no need to read
    // the words.
    if second.start == first.end + 1 && matches!(text.as_bytes().get(first.end), Some(b' ' | b'-'))
    {
        return true;
    }
    text.get(first.start..second.end)
        .is_some_and(letters_joined_by_space_or_hyphen)
}

/// Whether every gap between the runs of letters of `surface` is white
/// space or one hyphen.
fn letters_joined_by_space_or_hyphen(surface: &str) -> bool {
    /// What the characters since the last letter have been.
    #[derive(Clone, Copy, PartialEq)]
    enum Gap {
        Empty,
        WhiteSpace,
        Hyphen,
        Other,
    }
    let mut gap = Gap::Empty;
    for c in surface.chars() {
        if is_letter_or_mark(c) {
            if gap == Gap::Other {
                return false;
            }
            gap = Gap::Empty;
        } else {
            gap = match gap {
                Gap::Empty if c == '-' => Gap::Hyphen,
                Gap::Empty | Gap::WhiteSpace if c.is_whitespace() => Gap::WhiteSpace,
                _ => Gap::Other,
            };
        }
    }
    true
}

/// [`char::is_alphabetic`], told without the Unicode tables for ASCII and
/// for the General Punctuation block, which holds no letter: quotation
/// marks and dashes, the commonest characters outside ASCII in news copy,
/// are in it, and every name quoted is read past one.
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    !GENERAL_PUNCTUATION.contains(&c) && c.is_alphabetic()
}

/// The General Punctuation block of Unicode.
const GENERAL_PUNCTUATION: std::ops::RangeInclusive<char> = '\u{2000}'..='\u{206f}';

/// A letter or a combining mark (General Punctuation holds no mark either).
fn is_letter_or_mark(c: char) -> bool {
    is_letter(c)
        || (!c.is_ascii()
            && !GENERAL_PUNCTUATION.contains(&c)
            && crate::syntax::tokens::is_combining_mark(c))
}

fn is_calendar_word(word: &str) -> bool {
    // Most names are turned away by their first letter or length before
    // they are matched against the list.
    let first_is_possible = matches!(
        word.as_bytes().first(),
        Some(b'J' | b'F' | b'M' | b'A' | b'S' | b'O' | b'N' | b'D' | b'T' | b'W')
    );
    first_is_possible && (3..=10).contains(&word.len()) && is_listed_calendar_word(word)
}

/// A month or day name, or a short form of one, or its plural: the list
/// itself.
fn is_listed_calendar_word(word: &str) -> bool {
    let word = word.strip_suffix('s').unwrap_or(word);
    matches!(
        word,
        "January"
            | "February"
            | "March"
            | "April"
            | "May"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
            | "Monday"
            | "Tuesday"
            | "Wednesday"
            | "Thursday"
            | "Friday"
            | "Saturday"
            | "Sunday"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
    )
}

/// Suffixes that make an adjective, a demonym or a plural of a name:
/// Canadian, Iraqi, Chinese, the Smiths.
const DERIVATIONAL_SUFFIXES: &[&str] = &[
    "ians", "ian", "eans", "ean", "ans", "an", "ns", "n", "ese", "ish", "ics", "ic", "ites", "ite",
    "is", "i", "es", "s", "ia", "ers", "er", "al", "ism", "ists", "ist", "ie", "y",
];

/// Endings of demonyms and adjectives of place, which precede many names
/// ("British Gas", "British Airways") without being given names.
const DEMONYM_ENDINGS: &[&str] = &["an", "ish", "ese"];

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// For each byte, the [`DERIVATIONAL_SUFFIXES`] ending in it, a bit each
/// by its place in the list: a word is stripped only of those ending in
/// its last byte, a few of the list's 27.
const SUFFIXES_BY_LAST_BYTE: [u32; 256] = {
    assert!(DERIVATIONAL_SUFFIXES.len() <= 32);
    let mut table = [0u32; 256];
    let mut index = 0;
    while index < DERIVATIONAL_SUFFIXES.len() {
        let suffix = DERIVATIONAL_SUFFIXES[index].as_bytes();
        table[suffix[suffix.len() - 1] as usize] |= 1 << index;
        index += 1;
    }
    table
};

/// The most roots a word has: itself, without a final vowel, and without
/// each suffix ending in one byte.
const MOST_ROOTS: usize = {
    let mut most = 0;
    let mut byte = 0;
    while byte < 256 {
        let count = SUFFIXES_BY_LAST_BYTE[byte].count_ones() as usize;
        if count > most {
            most = count;
        }
        byte += 1;
    }
    2 + most
};

/// The roots of a folded name ([`Roots::of`]), held in place: asked of
/// both spellings of every pair alike enough to be one name, a list on
/// the heap cost more than the roots.
struct Roots<'w> {
    list: [(&'w str, bool); MOST_ROOTS],
    count: usize,
}

impl<'w> Roots<'w> {
    /// Roots of a folded name: itself, without a final vowel, and without
    /// each derivational suffix (marked true), in that order.
    fn of(word: &'w str) -> Roots<'w> {
        let mut roots = Roots {
            list: [("", false); MOST_ROOTS],
            count: 0,
        };
        roots.push(word, false);
        if let Some(last) = word.chars().last() {
            if is_vowel(last) {
                roots.push(&word[..word.len() - last.len_utf8()], false);
            }
        }
        let mut suffixes = word
            .as_bytes()
            .last()
            .map_or(0, |&last| SUFFIXES_BY_LAST_BYTE[usize::from(last)]);
        while suffixes != 0 {
            let index = suffixes.trailing_zeros() as usize;
            suffixes &= suffixes - 1;
            let Some(suffix) = DERIVATIONAL_SUFFIXES.get(index) else {
                continue;
            };
            if let Some(root) = word.strip_suffix(suffix) {
                // Taiwann is Taiwan with a doubled letter, not a derived form.
                let doubled = suffix.len() == 1 && root.ends_with(suffix);
                if root.chars().count() >= 3 && !doubled {
                    roots.push(root, true);
                }
            }
        }
        roots
    }

    fn push(&mut self, root: &'w str, derived: bool) {
        if let Some(slot) = self.list.get_mut(self.count) {
            *slot = (root, derived);
            self.count += 1;
        }
    }

    fn as_slice(&self) -> &[(&'w str, bool)] {
        self.list.get(..self.count).unwrap_or_default()
    }
}

/// Russia / Russian, Smith / Smiths, Canada / Canadian: one root, one
/// derived form. A one-letter suffix must attach to the whole other word
/// (Iraq / Iraqi), so Navalny / Navalni stays a variant.
fn same_root(a: &str, b: &str) -> bool {
    let (roots_a, roots_b) = (Roots::of(a), Roots::of(b));
    roots_a.as_slice().iter().any(|&(root_a, derived_a)| {
        roots_b.as_slice().iter().any(|&(root_b, derived_b)| {
            if root_a != root_b || !(derived_a || derived_b) {
                return false;
            }
            let suffix_length = if derived_a {
                a.len() - root_a.len()
            } else {
                b.len() - root_b.len()
            };
            let other_whole = if derived_a { root_b == b } else { root_a == a };
            if derived_a && derived_b {
                // Navalny / Navalni: two final vowels are a romanisation.
                if a.len() - root_a.len() == 1
                    && b.len() - root_b.len() == 1
                    && a.ends_with(is_vowel)
                    && b.ends_with(is_vowel)
                {
                    return false;
                }
                // Democrats / Democratic, but not European / Europen (one
                // suffix the end of the other: a dropped letter).
                // Texans / Texas: the extra letter is the demonym's n.
                let (suffix_a, suffix_b) = (&a[root_a.len()..], &b[root_b.len()..]);
                let (long, short) = if suffix_a.len() >= suffix_b.len() {
                    (suffix_a, suffix_b)
                } else {
                    (suffix_b, suffix_a)
                };
                return match long.strip_suffix(short) {
                    Some(extra) => extra == "n",
                    None => true,
                };
            }
            suffix_length >= 2 || other_whole
        })
    })
}

/// Maria / Mario, Louise / Louisa, Green / Greene, Milan / Milano: names
/// that differ only in a final vowel are usually two names.
fn differ_in_final_vowel(a: &str, b: &str) -> bool {
    let plain_vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u');
    let (Some(last_a), Some(last_b)) = (a.chars().last(), b.chars().last()) else {
        return false;
    };
    let (stem_a, stem_b) = (
        &a[..a.len() - last_a.len_utf8()],
        &b[..b.len() - last_b.len_utf8()],
    );
    // Longer names ending in a changed vowel are more often slips
    // (Chicago / Chicage).
    let swapped = last_a != last_b
        && plain_vowel(last_a)
        && plain_vowel(last_b)
        && stem_a == stem_b
        && a.chars().count() <= 6;
    let added = |longer: &str, last: char, shorter: &str| {
        matches!(last, 'a' | 'e' | 'o')
            && longer.get(..longer.len() - 1) == Some(shorter)
            && !shorter.ends_with(last)
            && shorter.chars().count() >= 4
    };
    swapped || added(a, last_a, b) || added(b, last_b, a)
}

/// A common word, or its plural or past form ("Presidents", "Updated").
fn is_common_form(lower: &str) -> bool {
    is_common_word(lower)
        || ["s", "es", "d", "ed"]
            .iter()
            .any(|ending| lower.strip_suffix(ending).is_some_and(is_common_word))
        || lower
            .strip_suffix("ies")
            .is_some_and(|stem| is_common_word(&format!("{stem}y")))
}

/// Folded names with their derived forms, for the `distinct` groups.
fn derived_forms(name: &str) -> Vec<String> {
    let mut out = vec![name.to_owned()];
    for suffix in ["s", "n", "an", "ian", "i", "ns", "ans", "ians", "ese", "is"] {
        out.push(format!("{name}{suffix}"));
    }
    if let Some(last) = name.chars().last() {
        if is_vowel(last) {
            let stem = &name[..name.len() - last.len_utf8()];
            for suffix in ["n", "an", "ian", "ians", "ans", "ese", "i", "is", "e", "es"] {
                out.push(format!("{stem}{suffix}"));
            }
        }
    }
    out
}

/// The multiplier of the polynomial string hash behind [`deletion_keys`]
/// (odd, so every power of it is too).
const HASH_BASE: u64 = 0x9E37_79B9_7F4A_7C15;

/// The polynomial hash of `chars`: Σ (c + 1)·B^(n−1−k), wrapping; what
/// [`deletion_keys`] computes piecewise.
fn string_hash(chars: impl IntoIterator<Item = char>) -> u64 {
    chars.into_iter().fold(0u64, |hash, c| {
        hash.wrapping_mul(HASH_BASE).wrapping_add(u64::from(c) + 1)
    })
}

/// The [`string_hash`] of a folded form, worked out when asked rather
/// than as each word is entered: only the spacing check and the
/// numbering of folded forms read it, in a few articles, and a
/// multiplication a letter of every word of every article was the
/// costliest part of entering a word. An ASCII form is read by its bytes,
/// each its character.
fn folded_hash(folded: &str) -> u64 {
    if folded.is_ascii() {
        folded.bytes().fold(0u64, |hash, byte| {
            hash.wrapping_mul(HASH_BASE)
                .wrapping_add(u64::from(byte) + 1)
        })
    } else {
        string_hash(folded.chars())
    }
}

/// A [`string_hash`] spread for a hash table, which finds a bucket by the
/// low bits and tells entries apart by the top seven: a polynomial hash's
/// low bits depend only on the low bits of the letters.
fn table_hash(hash: u64) -> u64 {
    (hash ^ (hash >> 32)).wrapping_mul(HASH_BASE)
}

/// `HASH_BASE` to the power `exponent`: from a table for any name's
/// length.
fn hash_base_power(exponent: usize) -> u64 {
    const POWERS: [u64; 64] = {
        let mut powers = [1u64; 64];
        let mut k = 1;
        while k < 64 {
            powers[k] = powers[k - 1].wrapping_mul(HASH_BASE);
            k += 1;
        }
        powers
    };
    match POWERS.get(exponent) {
        Some(&power) => power,
        None => HASH_BASE.wrapping_pow(u32::try_from(exponent).unwrap_or(u32::MAX)),
    }
}

/// The hash of every string made by deleting up to `edits` (at most 2)
/// characters from `chars` other than the first, given to `add` (a string
/// reachable two ways is given twice). Each is worked out from prefix
/// hashes in constant time rather than by copying the string: a name of n
/// letters has n²/2 such strings. Two strings may share a hash by chance;
/// that only puts two spellings in one bucket, and `same_name` still
/// decides.
///
/// The first character stays because `same_name` matches two spellings by
/// their letters only when they begin alike (other pairs meet under their
/// transliteration key), and two such strings within k edits always share
/// a variant that keeps it: where both lose the first character, both may
/// keep it instead; where one alone loses it, the character its variant
/// then begins with equals the first, and deleting that one instead gives
/// the same string.
fn deletion_keys<T: Copy>(
    chars: &[T],
    edits: usize,
    prefix: &mut Vec<u64>,
    mut add: impl FnMut(u64),
) where
    u64: From<T>,
{
    let n = chars.len();
    // prefix[k]: hash of chars[..k], in the caller's buffer, kept from
    // one spelling to the next.
    prefix.clear();
    prefix.push(0u64);
    let mut hash = 0u64;
    prefix.extend(chars.iter().map(|&c| {
        hash = hash.wrapping_mul(HASH_BASE).wrapping_add(u64::from(c) + 1);
        hash
    }));
    let prefix = &prefix[..];
    let whole = hash;
    add(whole);
    if edits == 0 {
        return;
    }
    // A string that drops chars[k] and keeps all after it hashes to
    // (h − prefix[k + 1])·B^(n−k−1) + whole, where h hashes what it keeps
    // before k: prefix[k] for one deletion, and for two, the head kept
    // around the first, grown one letter at a time. One multiplication
    // and one power a string, where joining segments took four of each.
    let dropping = |head: u64, k: usize| {
        head.wrapping_sub(prefix[k + 1])
            .wrapping_mul(hash_base_power(n - k - 1))
            .wrapping_add(whole)
    };
    for (first, &before) in prefix.iter().enumerate().take(n).skip(1) {
        add(dropping(before, first));
        if edits > 1 {
            let mut head = before;
            for (second, &c) in chars.iter().enumerate().skip(first + 1) {
                add(dropping(head, second));
                head = head.wrapping_mul(HASH_BASE).wrapping_add(u64::from(c) + 1);
            }
        }
    }
}

/// A rough key under which romanisations of one name meet: Gaddafi,
/// Qaddafi and Kadhafi; Tchaikovsky and Chaikovsky; Navalny and Navalniy.
#[cfg(test)]
fn transliteration_key(folded: &str) -> String {
    let mut key = Vec::new();
    push_transliteration_key(folded, &mut key);
    String::from_utf8(key).unwrap_or_default()
}

/// The hash of a transliteration key: the hash of its text as a string
/// (a `str` hashes as its bytes and then 0xff), told from its bytes.
fn key_hash(key: &[u8]) -> u64 {
    let mut hasher = FxBuildHasher.build_hasher();
    hasher.write(key);
    hasher.write_u8(0xff);
    hasher.finish()
}

/// Digraphs [`push_transliteration_key`] rewrites, in this order (one
/// rewrite can make the next).
const DIGRAPHS: [(&str, &str); 10] = [
    ("ph", "f"),
    ("ck", "k"),
    ("dh", "d"),
    ("kh", "k"),
    ("gh", "g"),
    ("th", "t"),
    ("ou", "u"),
    ("ee", "i"),
    ("oo", "u"),
    ("iy", "i"),
];

/// For each byte, a bit for every digraph of [`DIGRAPHS`] it begins (the
/// first table) or ends (the second): a pair of bytes is digraph k
/// exactly when bit k is set in both, as no two digraphs share a bit.
/// Bit [`TC`] stands in the same way for "tc", which begins "tch".
const DIGRAPH_BYTES: [[u16; 256]; 2] = {
    let mut tables = [[0u16; 256]; 2];
    let mut index = 0;
    while index < DIGRAPHS.len() {
        let from = DIGRAPHS[index].0.as_bytes();
        tables[0][from[0] as usize] |= 1 << index;
        tables[1][from[1] as usize] |= 1 << index;
        index += 1;
    }
    tables[0][b't' as usize] |= TC;
    tables[1][b'c' as usize] |= TC;
    tables
};

/// The bit of "tc" in [`DIGRAPH_BYTES`], above every digraph's.
const TC: u16 = 1 << 15;

/// The bits of [`DIGRAPH_BYTES`] for every pair of bytes in `s`: one pass
/// of two loads a pair, with no branch.
fn pairs_present(s: &[u8]) -> u16 {
    s.iter()
        .zip(s.iter().skip(1))
        .fold(0, |mask, (&first, &second)| {
            mask | DIGRAPH_BYTES[0][usize::from(first)] & DIGRAPH_BYTES[1][usize::from(second)]
        })
}

/// Which digraphs occur in `s`, as a bit for each index in [`DIGRAPHS`],
/// by one pass over its pairs of bytes: most names have none or one, so
/// most rewrites are skipped without a search.
fn digraphs_present(s: &[u8]) -> u16 {
    pairs_present(s) & !TC
}

/// ASCII names this long or shorter have their transliteration key worked
/// out on the stack: every name in news copy.
const STACK_KEY: usize = 64;

/// What [`push_transliteration_key`] maps each byte to (a "c" before an
/// "h" aside, which stays).
const KEY_LETTERS: [u8; 256] = {
    let mut letters = [0u8; 256];
    let mut byte = 0;
    while byte < 256 {
        letters[byte] = match byte as u8 {
            b'q' | b'g' | b'c' => b'k',
            b'y' | b'j' => b'i',
            b'w' => b'v',
            b'z' => b's',
            other => other,
        };
        byte += 1;
    }
    letters
};

/// Appends the transliteration key of `folded` (see
/// [`transliteration_key`]) to `out` as UTF-8, which a caller keeps for
/// many keys.
/// An ASCII name is rewritten in place in a buffer on the stack, with no
/// allocation and no substring search: each rewrite replaces a pattern by
/// a shorter string, so it is one pass left to right that writes behind
/// where it reads, matching leftmost and without overlaps as
/// `str::replace` does.
fn push_transliteration_key(folded: &str, out: &mut Vec<u8>) {
    let mut buffer = [0u8; STACK_KEY];
    let key = match buffer.get_mut(..folded.len()) {
        Some(key) if folded.is_ascii() => key,
        _ => return push_transliteration_key_of_chars(folded, out),
    };
    key.copy_from_slice(folded.as_bytes());
    let mut length = key.len();
    let mut mask = pairs_present(key);
    if mask & TC != 0 && key.windows(3).any(|triple| triple == b"tch") {
        length = rewrite_in_place(key, b"tch", b"ch");
        mask = digraphs_present(&key[..length]);
    }
    // The digraphs in order, visiting only those present: after each
    // rewrite, the ones after it that are present now.
    mask &= !TC;
    while let Some((index, (from, to))) = DIGRAPHS
        .iter()
        .enumerate()
        .nth(mask.trailing_zeros() as usize)
    {
        length = rewrite_in_place(&mut key[..length], from.as_bytes(), to.as_bytes());
        mask =
            digraphs_present(&key[..length]) & u16::MAX.checked_shl(index as u32 + 1).unwrap_or(0);
    }
    // Mapped letter by letter, a letter the same as the last kept left
    // out, in place (it writes behind where it reads, so a "c" still sees
    // the byte after it), then appended at once rather than a character
    // at a time. Every byte is ASCII, and so is what it maps to.
    let key = &mut key[..length];
    let mut kept = 0;
    let mut last = None;
    for read in 0..key.len() {
        let byte = key[read];
        let mapped = if byte == b'c' && key.get(read + 1) == Some(&b'h') {
            b'c'
        } else {
            KEY_LETTERS[usize::from(byte)]
        };
        if last != Some(mapped) {
            key[kept] = mapped;
            kept += 1;
            last = Some(mapped);
        }
    }
    out.extend_from_slice(&key[..kept]);
}

/// Replaces every `from` in `text` by `to`, no longer, leftmost first and
/// without overlaps, in place; gives the new length.
fn rewrite_in_place(text: &mut [u8], from: &[u8], to: &[u8]) -> usize {
    let mut read = 0;
    let mut write = 0;
    while let Some(&byte) = text.get(read) {
        if text[read..].starts_with(from) {
            text[write..write + to.len()].copy_from_slice(to);
            read += from.len();
            write += to.len();
        } else {
            text[write] = byte;
            read += 1;
            write += 1;
        }
    }
    write
}

/// [`push_transliteration_key`] by its definition, over characters: for a
/// name outside ASCII or too long for the stack, and the fast path's
/// oracle in tests.
fn push_transliteration_key_of_chars(folded: &str, out: &mut Vec<u8>) {
    let mut s = std::borrow::Cow::Borrowed(folded);
    if s.contains("tch") {
        s = std::borrow::Cow::Owned(s.replace("tch", "ch"));
    }
    let mut mask = digraphs_present(s.as_bytes());
    for (index, (from, to)) in DIGRAPHS.iter().enumerate() {
        if mask & (1 << index) != 0 {
            s = std::borrow::Cow::Owned(s.replace(from, to));
            mask = digraphs_present(s.as_bytes());
        }
    }
    let mut chars = s.chars().peekable();
    let mut last = None;
    while let Some(c) = chars.next() {
        let mapped = match c {
            'q' | 'g' => 'k',
            'c' if chars.peek() != Some(&'h') => 'k',
            'y' | 'j' => 'i',
            'w' => 'v',
            'z' => 's',
            other => other,
        };
        if last != Some(mapped) {
            out.extend_from_slice(mapped.encode_utf8(&mut [0; 4]).as_bytes());
            last = Some(mapped);
        }
    }
}

/// Optimal-string-alignment distance (Damerau-Levenshtein with adjacent
/// transpositions), or None as soon as it must exceed `max`.
fn bounded_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    if a.is_ascii() && b.is_ascii() {
        return bounded_distance_of(a.as_bytes(), b.as_bytes(), max);
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    bounded_distance_of(&a, &b, max)
}

/// Rows this long or shorter live on the stack: every name compared in
/// news copy, so a comparison allocates nothing.
const STACK_ROW: usize = 40;

/// [`bounded_distance`] over letters of any kind: bytes for ASCII, else
/// characters.
fn bounded_distance_of<T: PartialEq>(a: &[T], b: &[T], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let width = b.len() + 1;
    let mut on_stack = [[0usize; STACK_ROW]; 3];
    let mut on_heap: Vec<usize>;
    let (mut previous2, [mut previous, mut current]) = if width <= STACK_ROW {
        let [first, second, third] = &mut on_stack;
        (
            &mut first[..width],
            [&mut second[..width], &mut third[..width]],
        )
    } else {
        on_heap = vec![0; 3 * width];
        let (first, rest) = on_heap.split_at_mut(width);
        let (second, third) = rest.split_at_mut(width);
        (first, [second, third])
    };
    for (j, cell) in previous.iter_mut().enumerate() {
        *cell = j;
    }
    // Only the cells within `max` of the diagonal are worked out: any
    // path through a cell further off costs more than `max` to reach it.
    // The cells just outside that band, which the next row reads, are
    // set above `max`, a lower bound of what they hold in the full table.
    let beyond = max.saturating_add(1);
    for i in 1..=a.len() {
        current[0] = i;
        let mut row_min = current[0];
        let first = i.saturating_sub(max).max(1);
        let last = i.saturating_add(max).min(b.len());
        if first > 1 {
            current[first - 1] = beyond;
        }
        if let Some(after) = current.get_mut(last + 1) {
            *after = beyond;
        }
        for j in first..=last {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut value = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                value = value.min(previous2[j - 2] + 1);
            }
            current[j] = value;
            row_min = row_min.min(value);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut previous2, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    let distance = previous[b.len()];
    (distance <= max).then_some(distance)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::rules::testing::{check_rule, rule_from_toml};

    const RULE: &str = r#"
        [[rule]]
        id = "name-variant"
        kind = "name-consistency"
        severity = "error"
        distinct = [["Iran", "Iraq"], ["Austria", "Australia"]]
        [rule.names]
        Gaddafi = ["Qaddafi", "Kadhafi"]
    "#;

    #[test]
    fn folded_sets_and_genders_are_sets() {
        let set = |members: &[u32]| {
            let mut set = FoldedSet::default();
            for &member in members {
                set.insert(member);
            }
            set
        };
        let a = set(&[9, 3, 3, 7]);
        assert_eq!(a.iter().collect::<Vec<_>>(), [3, 7, 9]);
        assert!(a.contains(7) && !a.contains(8));
        assert!(a.is_disjoint(&set(&[1, 8, 10])));
        assert!(!a.is_disjoint(&set(&[1, 9])));
        assert!(a.is_disjoint(&FoldedSet::default()));
        // Past the members kept inline, in every order of insertion.
        let mut state = 7u32;
        for _ in 0..2000 {
            let mut set = FoldedSet::default();
            let mut expected = std::collections::BTreeSet::new();
            for _ in 0..(state % 7) {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                let member = (state >> 16) % 6;
                set.insert(member);
                expected.insert(member);
                assert_eq!(
                    set.iter().collect::<Vec<_>>(),
                    expected.iter().copied().collect::<Vec<_>>()
                );
            }
            assert!((0..6).all(|member| set.contains(member) == expected.contains(&member)));
            assert_eq!(set.is_empty(), expected.is_empty());
        }

        let genders = |list: &[Gender]| {
            let mut genders = Genders::default();
            for &gender in list {
                genders.insert(gender);
            }
            genders
        };
        let (male, female) = (genders(&[Gender::Male]), genders(&[Gender::Female]));
        assert!(male.conflict(female));
        assert!(!male.conflict(genders(&[Gender::Female, Gender::Male])));
        assert!(!male.conflict(Genders::default()));
    }

    #[test]
    fn distance_is_bounded_and_counts_transpositions() {
        assert_eq!(bounded_distance("milley", "milly", 1), Some(1));
        assert_eq!(bounded_distance("milley", "milely", 1), Some(1));
        assert_eq!(bounded_distance("gaddafi", "kadhafi", 1), None);
        assert_eq!(bounded_distance("tchaikovsky", "chaikovsky", 2), Some(1));
    }

    /// The full optimal-string-alignment table, unbounded, over
    /// characters: the definition the bounded, stack-rowed one must meet.
    fn alignment_distance(a: &str, b: &str) -> usize {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let mut table = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in table.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in table[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut value = (table[i - 1][j] + 1)
                    .min(table[i][j - 1] + 1)
                    .min(table[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    value = value.min(table[i - 2][j - 2] + 1);
                }
                table[i][j] = value;
            }
        }
        table[a.len()][b.len()]
    }

    #[test]
    fn bounded_distance_is_the_full_table_within_its_bound() {
        let mut next = crate::pseudo_random::below(0x510e_527f_ade6_82d1);
        // Few letters, so pairs often lie near each other; "é" and "ö"
        // take the path over characters, and lengths past the stack rows
        // the one over the heap.
        let letters = ['a', 'b', 'c', 'é', 'ö'];
        let word = |next: &mut dyn FnMut(usize) -> usize, ascii: bool| {
            let length = match next(4) {
                0 => next(3),
                1 | 2 => 3 + next(8),
                _ => STACK_ROW - 3 + next(8),
            };
            (0..length)
                .map(|_| letters[next(if ascii { 3 } else { letters.len() })])
                .collect::<String>()
        };
        for _ in 0..3000 {
            let ascii = next(2) == 0;
            let a = word(&mut next, ascii);
            let b = if next(2) == 0 {
                // A near variant: one or two letters changed, swapped or
                // dropped.
                let mut chars: Vec<char> = a.chars().collect();
                for _ in 0..1 + next(2) {
                    if chars.len() < 2 {
                        break;
                    }
                    let at = next(chars.len() - 1);
                    match next(3) {
                        0 => chars.swap(at, at + 1),
                        1 => {
                            chars.remove(at);
                        }
                        _ => chars[at] = letters[next(letters.len())],
                    }
                }
                chars.into_iter().collect()
            } else {
                word(&mut next, ascii)
            };
            let full = alignment_distance(&a, &b);
            for max in 0..4 {
                assert_eq!(
                    bounded_distance(&a, &b, max),
                    (full <= max).then_some(full),
                    "{a:?} {b:?} within {max}"
                );
            }
        }
    }

    #[test]
    fn transliteration_keys_meet_and_part() {
        let key = super::transliteration_key;
        assert_eq!(key("gaddafi"), key("qaddafi"));
        assert_eq!(key("gaddafi"), key("kadhafi"));
        assert_eq!(key("tchaikovsky"), key("chaikovsky"));
        assert_eq!(key("navalny"), key("navalniy"));
        assert_eq!(key("phillips"), "filips");
        // One rewrite can make the next: "ckh" → "kh" → "k".
        assert_eq!(key("ackha"), "aka");
        assert_ne!(key("smith"), key("smyth2"));
        assert_eq!(key(""), "");
    }

    #[test]
    fn spellings_of_one_transliteration_key_have_one_signature() {
        // Few letters, most of them ones the key rewrites, so that many
        // spellings share a key; and characters outside ASCII, digits
        // and letters whose bits others share.
        let alphabet = [
            'a', 'c', 'h', 'k', 'g', 'q', 'p', 'f', 't', 'd', 'e', 'i', 'y', 'j', 'o', 'u', 'w',
            'v', 'z', 's', 'x', 'ł', 'ơ', '1', '8',
        ];
        let mut next = crate::pseudo_random::below(0x3c6e_f372_fe94_f82b);
        let mut by_key: HashMap<String, u64> = HashMap::default();
        let mut shared = 0;
        for _ in 0..200_000 {
            let length = 1 + next(6);
            let word: String = (0..length)
                .map(|_| {
                    let letters = if next(2) == 0 { 8 } else { alphabet.len() };
                    alphabet[next(letters)]
                })
                .collect();
            let signature = key_signature(letter_set(&word));
            match by_key.entry(transliteration_key(&word)) {
                std::collections::hash_map::Entry::Occupied(known) => {
                    assert_eq!(*known.get(), signature, "{word:?}");
                    shared += 1;
                }
                std::collections::hash_map::Entry::Vacant(vacant) => {
                    vacant.insert(signature);
                }
            }
        }
        assert!(shared > 50_000, "{shared}");
        // It tells apart spellings of different letters it keeps.
        assert_ne!(
            key_signature(letter_set("navalny")),
            key_signature(letter_set("kavalny"))
        );
    }

    #[test]
    fn transliteration_keys_on_the_stack_match_their_definition() {
        use super::{push_transliteration_key, push_transliteration_key_of_chars, STACK_KEY};
        // Rich in the letters the rewrites and the mapping touch, with a
        // few outside ASCII (which take the definition itself).
        let alphabet = [
            't', 'c', 'h', 'p', 'k', 'd', 'g', 'o', 'u', 'e', 'i', 'y', 'q', 'j', 'w', 'z', 's',
            'a', 'n', 'r', 'l', 'm', '-', '\'', 'é', 'ö', 'ß',
        ];
        let mut next = crate::pseudo_random::below(0x9e37_79b9_7f4a_7c15);
        let (mut fast, mut defined) = (b"prefix".to_vec(), b"prefix".to_vec());
        for round in 0..60_000 {
            let length = match round % 10 {
                0 => STACK_KEY - 2 + next(5),
                1 => next(3 * STACK_KEY),
                _ => next(60),
            };
            // Mostly ASCII, so the fast path is the one tested.
            let letters = if round % 4 == 0 {
                alphabet.len()
            } else {
                alphabet.len() - 3
            };
            let word: String = (0..length).map(|_| alphabet[next(letters)]).collect();
            fast.truncate(6);
            defined.truncate(6);
            push_transliteration_key(&word, &mut fast);
            push_transliteration_key_of_chars(&word, &mut defined);
            assert_eq!(fast, defined, "{word:?}");
            // A key hashes from its bytes as its text does, which the
            // buckets of a file of many names are made by.
            let text = std::str::from_utf8(&fast).expect("a key is UTF-8");
            assert_eq!(
                super::key_hash(&fast),
                FxBuildHasher.hash_one(text),
                "{word:?}"
            );
        }
        // A final "c" once rewrites have shortened the name, with an "h"
        // left over just past its new end from before them.
        for word in ["phphhc", "ththhc", "eeeehc", "kphphhc", "phc", "phhc"] {
            fast.truncate(6);
            defined.truncate(6);
            push_transliteration_key(word, &mut fast);
            push_transliteration_key_of_chars(word, &mut defined);
            assert_eq!(fast, defined, "{word:?}");
        }
    }

    #[test]
    fn folded_hashes_are_string_hashes_of_the_characters() {
        use super::{folded_hash, string_hash};
        let letters = ['a', 'z', 'q', '9', 'é', 'ł', 'ß', 'y', '\u{7f}', '\u{80}'];
        let mut next = crate::pseudo_random::below(0x6a09_e667_f3bc_c908);
        for _ in 0..5_000 {
            let folded: String = (0..next(12))
                .map(|_| letters[next(letters.len())])
                .collect();
            assert_eq!(
                folded_hash(&folded),
                string_hash(folded.chars()),
                "{folded:?}"
            );
        }
        assert_eq!(folded_hash(""), 0);
    }

    #[test]
    fn deletion_keys_hash_the_strings_they_stand_for() {
        use super::{deletion_keys, string_hash};
        let chars: Vec<char> = "miłey".chars().collect();
        let mut keys = Vec::new();
        deletion_keys(&chars, 2, &mut Vec::new(), |key| keys.push(key));
        let mut expected = vec![string_hash(chars.iter().copied())];
        for first in 1..chars.len() {
            let mut one = chars.clone();
            one.remove(first);
            expected.push(string_hash(one.iter().copied()));
            for second in first + 1..chars.len() {
                let mut two = chars.clone();
                two.remove(second);
                two.remove(first);
                expected.push(string_hash(two.iter().copied()));
            }
        }
        assert_eq!(keys, expected);
        // Deleting the "l" of "milley" and the "e" of "milly" meet.
        let key = |word: &str| string_hash(word.chars());
        assert!(keys.contains(&key("miey")));
        assert_ne!(key("ab"), key("ba"));
    }

    #[test]
    fn deletion_keys_of_many_words_hash_the_strings_they_stand_for() {
        use super::{deletion_keys, string_hash};
        let alphabet = ['a', 'b', 'e', 'n', 'r', 's', 't', 'y', 'é', 'ł', 'ß'];
        let mut next = crate::pseudo_random::below(0x6a09_e667_f3bc_c908);
        let mut prefix = Vec::new();
        for round in 0..3_000 {
            let length = if round % 50 == 0 {
                60 + next(20)
            } else {
                next(14)
            };
            let letters = if round % 3 == 0 { alphabet.len() } else { 8 };
            let chars: Vec<char> = (0..length).map(|_| alphabet[next(letters)]).collect();
            let word: String = chars.iter().collect();
            for edits in 0..=2 {
                let mut expected = vec![string_hash(chars.iter().copied())];
                for first in (1..chars.len()).filter(|_| edits > 0) {
                    let mut one = chars.clone();
                    one.remove(first);
                    expected.push(string_hash(one.iter().copied()));
                    for second in (first + 1..chars.len()).filter(|_| edits > 1) {
                        let mut two = one.clone();
                        two.remove(second - 1);
                        expected.push(string_hash(two.iter().copied()));
                    }
                }
                let mut keys = Vec::new();
                deletion_keys(&chars, edits, &mut prefix, |key| keys.push(key));
                assert_eq!(keys, expected, "{word:?} {edits}");
                if word.is_ascii() {
                    keys.clear();
                    deletion_keys(word.as_bytes(), edits, &mut prefix, |key| keys.push(key));
                    assert_eq!(keys, expected, "{word:?} {edits} as bytes");
                }
            }
        }
    }

    #[test]
    fn spellings_that_begin_alike_within_k_edits_share_a_deletion_key() {
        // Every string of one to five letters over a small alphabet (one
        // letter outside ASCII), paired with every other that begins with
        // the same letter: within k edits, they must meet under a key.
        let alphabet = ['a', 'b', 'ł'];
        let mut words: Vec<Vec<char>> = vec![Vec::new()];
        let mut all = Vec::new();
        for _ in 0..5 {
            words = words
                .iter()
                .flat_map(|word| {
                    alphabet.iter().map(move |&c| {
                        let mut longer = word.clone();
                        longer.push(c);
                        longer
                    })
                })
                .collect();
            all.extend(words.iter().cloned());
        }
        let keys = |word: &[char], edits: usize| {
            let mut keys = Vec::new();
            deletion_keys(word, edits, &mut Vec::new(), |key| keys.push(key));
            keys.sort_unstable();
            keys
        };
        let mut pairs_checked = 0;
        for edits in 1..=2 {
            let keyed: Vec<Vec<u64>> = all.iter().map(|word| keys(word, edits)).collect();
            for (a, keys_a) in all.iter().zip(&keyed) {
                for (b, keys_b) in all.iter().zip(&keyed) {
                    if a[0] != b[0] || a == b {
                        continue;
                    }
                    let (text_a, text_b): (String, String) =
                        (a.iter().collect(), b.iter().collect());
                    if bounded_distance(&text_a, &text_b, edits).is_none() {
                        continue;
                    }
                    pairs_checked += 1;
                    assert!(
                        keys_a.iter().any(|key| keys_b.binary_search(key).is_ok()),
                        "{text_a} / {text_b} within {edits} edits share no key"
                    );
                }
            }
        }
        assert!(pairs_checked > 1000);
    }

    /// The rule with four different `max-distance` tables and nothing else.
    fn rules_under_four_edit_tables() -> Vec<NameConsistency> {
        [
            vec![(5, 1), (9, 2)],
            vec![(3, 1), (6, 2)],
            vec![(6, 1)],
            vec![(4, 2)],
        ]
        .into_iter()
        .map(|steps| NameConsistency {
            edits_by_length: edits_by_length(&steps),
            steps,
            deletions_by_length: OnceLock::new(),
            distinct: HashMap::default(),
            wrong_forms: HashMap::default(),
            titles: HashSet::default(),
            title_shapes: WordShapes::EMPTY,
            title_hashes: TitleHashes::of(&HashSet::default()),
        })
        .collect()
    }

    #[test]
    fn titles_told_by_their_hashes_are_those_of_the_definition() {
        let mut options: Options =
            toml::from_str("id = \"name-variant\"\nkind = \"name-consistency\"")
                .expect("the default options");
        options.titles.extend(
            [
                "Dr.",
                "Mr",
                "minister",
                "K\u{212a}aiser",
                "\u{e9}v\u{ea}que",
                "2nd",
            ]
            .iter()
            .map(|title| (*title).to_owned()),
        );
        let rule = options.into_rule().expect("a valid rule");
        let mut words: Vec<String> = Vec::new();
        for title in DEFAULT_TITLES.iter().chain(&[
            "dr", "mr", "kkaiser", "2nd", "Smith", "Mrs", "Ms", "Milley", "a", "",
        ]) {
            let lower = title.to_ascii_lowercase();
            let upper = title.to_ascii_uppercase();
            let mut inner = lower.clone().into_bytes();
            if let Some(last) = inner.last_mut() {
                last.make_ascii_uppercase();
            }
            let inner = String::from_utf8(inner).unwrap_or_default();
            let capitalised = format!(
                "{}{}",
                upper.get(..1).unwrap_or(""),
                lower.get(1..).unwrap_or("")
            );
            words.extend([
                lower.clone(),
                upper,
                inner,
                capitalised,
                format!("{lower}s"),
            ]);
        }
        let mut vocabulary = Vocabulary::with_capacity(words.len());
        for word in &words {
            let entry = vocabulary.entry(word, &rule);
            assert_eq!(
                vocabulary.word(entry).is_title,
                rule.titles.contains(&word.to_lowercase()),
                "{word:?}"
            );
        }
    }

    #[test]
    fn vocabulary_entries_are_numbered_by_first_sight() {
        let options: Options = toml::from_str("id = \"name-variant\"\nkind = \"name-consistency\"")
            .expect("the default options");
        let rule = options.into_rule().expect("the default rule");
        let mut state = 17u32;
        let words: Vec<String> = (0..3000)
            .map(|_| {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                let stem = [
                    "Smith",
                    "Milley",
                    "\u{c9}mile",
                    "O'Brien",
                    "x",
                    "",
                    "NATO",
                    "McDonald",
                ][(state >> 8) as usize % 8];
                format!("{stem}{}", (state >> 16) % 700)
            })
            .collect();
        // From no room at all, and from room for every word: the table
        // grows in the first.
        for capacity in [0, words.len()] {
            let mut vocabulary = Vocabulary::with_capacity(capacity);
            let mut numbered: HashMap<&str, u32> = HashMap::default();
            for word in &words {
                let next = u32::try_from(numbered.len()).unwrap_or(u32::MAX);
                let expected = *numbered.entry(word.as_str()).or_insert(next);
                let entry = vocabulary.entry(word, &rule);
                assert_eq!(entry, expected, "{word:?}");
                assert_eq!(vocabulary.word(entry).text, word);
                assert_eq!(
                    vocabulary.first_folded_letter(vocabulary.word(entry)),
                    first_letter(vocabulary.folded_form(entry)),
                    "{word:?}"
                );
            }
        }
    }

    #[test]
    fn allowed_edits_from_the_table_are_those_of_the_steps() {
        for rule in rules_under_four_edit_tables() {
            for length in 0..TABLED_LENGTHS + 8 {
                assert_eq!(
                    rule.allowed_edits(length),
                    allowed_edits_by_steps(&rule.steps, length),
                    "{:?} {length}",
                    rule.steps
                );
            }
        }
    }

    #[test]
    fn deletions_needed_from_the_table_are_those_of_the_steps() {
        for rule in rules_under_four_edit_tables() {
            for length in (0..200).chain([usize::MAX / 2]) {
                assert_eq!(
                    rule.deletions_needed(length),
                    rule.deletions_needed_by_steps(length),
                    "{length} under {:?}",
                    rule.steps
                );
            }
        }
    }

    #[test]
    fn deletions_needed_find_every_pair_the_rule_may_match() {
        // Pairs of random words a few random edits apart, over a small
        // alphabet (one letter outside ASCII): whenever `same_name` would
        // match them by their letters, their keys must meet.
        let mut next = crate::pseudo_random::below(0x2545_f491_4f6c_dd1d);
        let alphabet = ['a', 'b', 'c', 'ł'];
        let mut pairs_checked = 0;
        for rule in rules_under_four_edit_tables() {
            let keys = |word: &[char]| {
                let mut keys = Vec::new();
                if let Some(deletions) = rule.deletions_needed(word.len()) {
                    deletion_keys(word, deletions, &mut Vec::new(), |key| keys.push(key));
                }
                keys.sort_unstable();
                keys
            };
            for _ in 0..20_000 {
                let a: Vec<char> = (0..2 + next(11)).map(|_| alphabet[next(4)]).collect();
                let mut b = a.clone();
                for _ in 0..1 + next(2) {
                    let at = next(b.len());
                    match next(4) {
                        0 => b[at] = alphabet[next(4)],
                        1 if b.len() > 2 => drop(b.remove(at)),
                        2 => b.insert(at, alphabet[next(4)]),
                        _ if at + 1 < b.len() => b.swap(at, at + 1),
                        _ => {}
                    }
                }
                let (text_a, text_b): (String, String) = (a.iter().collect(), b.iter().collect());
                let longer = a.len().max(b.len());
                let may_match = a[0] == b[0]
                    && match rule.allowed_edits(longer) {
                        Some(edits) => bounded_distance(&text_a, &text_b, edits).is_some(),
                        None => {
                            longer >= 4 && a.len() == b.len() && is_adjacent_swap(&text_a, &text_b)
                        }
                    };
                if !may_match || a == b {
                    continue;
                }
                pairs_checked += 1;
                let keys_b = keys(&b);
                assert!(
                    keys(&a).iter().any(|key| keys_b.binary_search(key).is_ok()),
                    "{text_a} / {text_b} share no key under {:?}",
                    rule.steps
                );
            }
        }
        assert!(pairs_checked > 10_000, "{pairs_checked}");
    }

    #[test]
    fn letters_and_keys_find_every_pair_spelled_alike() {
        // Groups of up to 64 spellings, a few random roots and slips of
        // them (changed, dropped, added or swapped letters, and letters a
        // romanisation trades), under four edit tables: comparing every
        // pair that begins alike and is near in length and in letters, and
        // comparing the pairs that share a key, must each find exactly the
        // pairs the letters alone accept.
        let mut next = crate::pseudo_random::below(0x6a09_e667_f3bc_c908);
        let alphabet = ['a', 'e', 'o', 'h', 'k', 'q', 'g', 'y', 'i', 'ł'];
        let mut pairs_found = 0;
        for rule in rules_under_four_edit_tables() {
            for _ in 0..300 {
                let mut words: Vec<String> = Vec::new();
                // Past the limit, only by letters (which then compare
                // every pair).
                let count = 2 + next(BUCKET_LIMIT + 8);
                while words.len() < count {
                    let mut word: Vec<char> = match words.len() {
                        0 => Vec::new(),
                        known => words[next(known)].chars().collect(),
                    };
                    if word.is_empty() || next(4) == 0 {
                        word = (0..1 + next(11)).map(|_| alphabet[next(10)]).collect();
                    }
                    for _ in 0..1 + next(3) {
                        let at = next(word.len());
                        match next(5) {
                            0 => word[at] = alphabet[next(10)],
                            1 if word.len() > 1 => drop(word.remove(at)),
                            2 => word.insert(at, alphabet[next(10)]),
                            3 if at + 1 < word.len() => word.swap(at, at + 1),
                            _ => word.insert(at, 'h'),
                        }
                    }
                    words.push(word.into_iter().collect());
                }
                let folded: Vec<&str> = words.iter().map(String::as_str).collect();
                let lengths: Vec<usize> = folded.iter().map(|word| word.chars().count()).collect();
                let comparable: Vec<bool> = lengths.iter().map(|&length| length >= 3).collect();
                let key_strings: Vec<String> = folded
                    .iter()
                    .map(|word| transliteration_key(word))
                    .collect();
                let keys: Vec<&[u8]> = key_strings.iter().map(String::as_bytes).collect();
                let letters: Vec<u64> = folded.iter().map(|word| letter_set(word)).collect();
                let spellings = Spellings {
                    folded: &folded,
                    lengths: &lengths,
                    letters: &letters,
                    comparable: &comparable,
                };
                let alike = |a: usize, b: usize| {
                    comparable[a]
                        && comparable[b]
                        && rule.spelled_alike((folded[a], folded[b]), (keys[a], keys[b]))
                };
                let every_pair: BTreeSet<(usize, usize)> = (0..count)
                    .flat_map(|a| (a + 1..count).map(move |b| (a, b)))
                    .filter(|&(a, b)| alike(a, b))
                    .collect();
                // Each way is given the pair's keys, worked out as needed.
                let given_keys = |a: usize, b: usize, (key_a, key_b): (&[u8], &[u8])| {
                    assert_eq!((key_a, key_b), (keys[a], keys[b]), "{a}, {b}");
                };
                let mut by_letters = BTreeSet::new();
                let mut lazy_keys = TransliterationKeys::new(&folded);
                rule.pairs_by_letters(&spellings, &mut lazy_keys, &mut |a, b, pair_keys| {
                    given_keys(a, b, pair_keys.pair(a, b));
                    assert!(a < b && by_letters.insert((a, b)), "{a}, {b} twice");
                });
                let mut by_keys = BTreeSet::new();
                let mut lazy_keys = TransliterationKeys::new(&folded);
                rule.pairs_by_keys(&spellings, &mut lazy_keys, &mut |a, b, pair_keys| {
                    given_keys(a, b, pair_keys.pair(a, b));
                    assert!(a < b && by_keys.insert((a, b)), "{a}, {b} twice");
                });
                // The pairs by letters are exactly those the definition
                // names, not a superset (each letter of the alphabet has a
                // bit of its own in a letter set).
                let letters_missing = |a: usize, b: usize| {
                    let of_b: BTreeSet<char> = folded[b].chars().collect();
                    folded[a]
                        .chars()
                        .filter(|c| !of_b.contains(c))
                        .collect::<BTreeSet<char>>()
                        .len()
                };
                let by_definition: BTreeSet<(usize, usize)> = (0..count)
                    .flat_map(|a| (a + 1..count).map(move |b| (a, b)))
                    .filter(|&(a, b)| {
                        let edits = rule.allowed_edits(lengths[a].max(lengths[b])).unwrap_or(0);
                        comparable[a]
                            && comparable[b]
                            && ((folded[a].chars().next() == folded[b].chars().next()
                                && lengths[a].abs_diff(lengths[b]) <= edits
                                && letters_missing(a, b) <= edits
                                && letters_missing(b, a) <= edits)
                                || keys[a] == keys[b])
                    })
                    .collect();
                assert_eq!(
                    by_letters, by_definition,
                    "{folded:?} under {:?}",
                    rule.steps
                );
                by_letters.retain(|&(a, b)| alike(a, b));
                by_keys.retain(|&(a, b)| alike(a, b));
                assert_eq!(by_letters, every_pair, "{folded:?} under {:?}", rule.steps);
                if count <= BUCKET_LIMIT {
                    assert_eq!(by_keys, every_pair, "{folded:?} under {:?}", rule.steps);
                }
                pairs_found += every_pair.len();
            }
        }
        assert!(pairs_found > 5_000, "{pairs_found}");
    }

    #[test]
    fn tracked_spellings_are_those_sharing_a_key_with_another_word() {
        // Many random capitalised words (too many to track all), some of
        // them slips of others, a few in the same folded form or one
        // letter short of three.
        let mut next = crate::pseudo_random::below(0x9e37_79b9_7f4a_7c15);
        let letters: Vec<char> = ('a'..='z').chain(['ł', 'é', 'ß']).collect();
        let mut words: Vec<String> = Vec::new();
        while words.len() < 900 {
            let slip = !words.is_empty() && next(3) == 0;
            let mut word: Vec<char> = if slip {
                words[next(words.len())].to_lowercase().chars().collect()
            } else {
                (0..2 + next(9))
                    .map(|_| letters[next(letters.len())])
                    .collect()
            };
            if slip {
                let at = next(word.len());
                match next(3) {
                    0 => word[at] = letters[next(letters.len())],
                    1 if word.len() > 1 => drop(word.remove(at)),
                    _ => word.insert(at, letters[next(letters.len())]),
                }
            }
            let mut capitalised: String =
                word.iter().take(1).flat_map(|c| c.to_uppercase()).collect();
            capitalised.extend(word.iter().skip(1));
            if next(20) == 0 {
                capitalised = capitalised.to_uppercase();
            }
            words.push(capitalised);
        }
        for rule in rules_under_four_edit_tables() {
            let mut vocabulary = Vocabulary::with_capacity(words.len());
            for word in &words {
                vocabulary.entry(word, &rule);
            }
            let tracked = rule.spellings_to_track(&vocabulary);
            // The definition, with a map: the keys of every word that could
            // be a compared spelling, and the words holding a key another
            // word holds.
            let count = u32::try_from(vocabulary.words.len()).unwrap();
            let compared = |entry: u32| {
                let info = vocabulary.word(entry);
                info.name_shaped
                    && !info.is_title
                    && info.folded_chars >= 3
                    && vocabulary.lower(entry).chars().any(is_vowel)
            };
            let mut holders: HashMap<u64, BTreeSet<u32>> = HashMap::default();
            for entry in (0..count).filter(|&entry| compared(entry)) {
                let info = vocabulary.word(entry);
                let folded = vocabulary.folded_form(entry);
                let key = transliteration_key(folded);
                let mut buffers = KeyBuffers::default();
                rule.spelling_keys(
                    folded,
                    info.folded_chars,
                    key.as_bytes(),
                    &mut buffers,
                    |key| {
                        let key = (key ^ (key >> 32)) & 0xffff_ffff;
                        holders.entry(key).or_default().insert(entry);
                    },
                );
            }
            let expected: BTreeSet<u32> = holders
                .values()
                .filter(|holders| holders.len() > 1)
                .flatten()
                .copied()
                .collect();
            let found: BTreeSet<u32> = tracked.entries.iter().copied().collect();
            assert_eq!(found, expected, "under {:?}", rule.steps);
            for entry in 0..count {
                let slot = tracked.slot(entry);
                assert_eq!(slot.is_some(), found.contains(&entry));
                if let Some(slot) = slot {
                    assert_eq!(tracked.entries[slot as usize], entry);
                }
            }
            // Every pair the letters accept is tracked, and most words,
            // which meet none, are not.
            let mut alike_pairs = 0;
            for a in (0..count).filter(|&a| compared(a)) {
                for b in (a + 1..count).filter(|&b| compared(b)) {
                    let folded = |entry: u32| vocabulary.folded_form(entry);
                    let (folded_a, folded_b) = (folded(a), folded(b));
                    let keys = (transliteration_key(folded_a), transliteration_key(folded_b));
                    if rule
                        .spelled_alike((folded_a, folded_b), (keys.0.as_bytes(), keys.1.as_bytes()))
                    {
                        alike_pairs += 1;
                        assert!(
                            found.contains(&a) && found.contains(&b),
                            "{folded_a} / {folded_b} under {:?}",
                            rule.steps
                        );
                    }
                }
            }
            assert!(alike_pairs > 80, "{alike_pairs}");
            assert!(
                found.len() * 2 < words.len(),
                "{} of {}",
                found.len(),
                words.len()
            );
        }
        // Of an article's usual few dozen words, those that may meet
        // another by their letters are tracked, with the pairs, keys unmade.
        let rule = &rules_under_four_edit_tables()[0];
        let mut vocabulary = Vocabulary::with_capacity(4);
        for word in ["Milley", "Zzyzx", "Qwerty", "Milly"] {
            vocabulary.entry(word, rule);
        }
        let tracked = rule.spellings_to_track(&vocabulary);
        assert_eq!(Tracked::none(5), Tracked::from_kept(&[false; 5]));
        assert_eq!(tracked.entries, [0, 3]);
        assert_eq!(tracked.slots, [0, u32::MAX, u32::MAX, 1]);
        assert_eq!(tracked.pairs, Some(vec![(0, 3)]));
    }

    #[test]
    fn folded_forms_are_numbered_by_first_use_when_hashes_collide() {
        let forms = [
            "milley", "milly", "", "erdoğan", "milley", "navalny", "milly", "milley ", "",
        ];
        // The definition: a map of each form to the count of distinct
        // forms before its first use.
        let mut expected: HashMap<&str, u32> = HashMap::default();
        for form in forms {
            let next = u32::try_from(expected.len()).unwrap();
            expected.entry(form).or_insert(next);
        }
        for collide in [false, true] {
            let hash = |index: usize| {
                if collide {
                    7
                } else {
                    table_hash(string_hash(forms[index].chars()))
                }
            };
            let numbers = numbered_by_first_use(forms.len(), |index| forms[index], hash);
            let wanted: Vec<u32> = forms.iter().map(|form| expected[form]).collect();
            assert_eq!(numbers.of_entry, wanted, "collide: {collide}");
            assert_eq!(
                numbers.first_entry,
                [0, 1, 2, 3, 5, 7],
                "collide: {collide}"
            );
        }
        // An ASCII word's lower case, the folded form of a word of any case.
        let rule = &rules_under_four_edit_tables()[0];
        let mut vocabulary = Vocabulary::with_capacity(2);
        let entries = ["Milley", "MILLY", "milley", "Mill", "MILLEY", "Millé"]
            .map(|word| vocabulary.entry(word, rule));
        let numbers = entries.map(|entry| vocabulary.folded_number(entry));
        assert_eq!(numbers, [0, 1, 0, 2, 0, 3]);
        assert_eq!(
            [0, 1, 2, 3].map(|number| vocabulary.folded_form_numbered(number)),
            ["milley", "milly", "mill", "mille"]
        );
        assert_eq!(vocabulary.folded_form_numbered(99), "");
    }

    #[test]
    fn ascii_classes_are_those_of_each_byte() {
        for byte in 0..=u8::MAX {
            let class = ASCII_CLASSES[usize::from(byte)];
            let expected = if byte.is_ascii_alphanumeric() {
                let case = if byte.is_ascii_lowercase() {
                    LOWER_CASE
                } else if byte.is_ascii_uppercase() {
                    UPPER_CASE
                } else {
                    DIGIT
                };
                let vowel = if byte.is_ascii_alphabetic() && b"aeiouy".contains(&(byte | 0x20)) {
                    VOWEL
                } else {
                    0
                };
                case | vowel
            } else {
                NOT_LETTER_OR_DIGIT
            };
            assert_eq!(class, expected, "byte {byte:#04x}");
        }
    }

    #[test]
    fn ascii_words_are_entered_as_the_general_path_enters_them() {
        let options: Options = toml::from_str("id = \"name-variant\"\nkind = \"name-consistency\"")
            .expect("the default options");
        let rule = options.into_rule().expect("the default rule");
        let mut next = crate::pseudo_random::below(0x5be0_cd19_137e_2179);
        let letters = ['a', 'Z', 'q', '9', '-', '\'', '.', ' ', 'M', 'é', 'y', 'E'];
        let mut words: Vec<String> = (0..20_000)
            .map(|_| (0..next(7)).map(|_| letters[next(letters.len())]).collect())
            .collect();
        words.extend(DEFAULT_TITLES.iter().map(|title| (*title).to_owned()));
        words.extend(DEFAULT_TITLES.iter().map(|title| title.to_uppercase()));
        words.extend(["The", "SAID", "Mrs"].map(String::from));
        words.extend(["x".repeat(64), "Y".repeat(65)]);
        let mut fast = Vocabulary::default();
        let mut plain = Vocabulary::default();
        for word in &words {
            let entry = fast.entry(word, &rule);
            let tag = fast.word(entry).hash_tag;
            let (info, expected) = (fast.word(entry), plain.word_info(word, tag, &rule));
            assert_eq!(info.text, expected.text);
            assert_eq!(fast.lower(entry), word.to_lowercase(), "{word:?}");
            assert_eq!(
                fast.folded_form(entry),
                plain.folded_form_of(&expected),
                "{word:?}"
            );
            assert_eq!(info.folded_chars, expected.folded_chars, "{word:?}");
            assert_eq!(info.letters, expected.letters, "{word:?}");
            assert_eq!(info.letters, letter_set(fast.folded_form(entry)));
            assert_eq!(
                fast.first_folded_letter(info),
                first_letter(fast.folded_form(entry)),
                "{word:?}"
            );
            assert_eq!(info.is_title, expected.is_title, "{word:?}");
            assert_eq!(
                fast.is_common(entry),
                is_common_word(&word.to_lowercase()),
                "{word:?}"
            );
            assert_eq!(info.name_shaped, expected.name_shaped, "{word:?}");
            assert_eq!(info.is_initial, expected.is_initial, "{word:?}");
            assert_eq!(info.has_vowel, expected.has_vowel, "{word:?}");
            if info.name_shaped {
                let inner_capital = word.chars().skip(1).any(char::is_uppercase);
                assert_eq!(info.outside_ascii, !word.is_ascii(), "{word:?}");
                assert_eq!(
                    info.inner_capital,
                    inner_capital || !word.is_ascii(),
                    "{word:?}"
                );
            }
            assert_eq!(
                rule.is_title(fast.lower(entry)),
                rule.titles.contains(fast.lower(entry)),
                "{word:?}"
            );
        }
        assert!(is_name_shaped("Zoë") && is_name_shaped("Milley") && !is_name_shaped("NATO"));
    }

    #[test]
    fn calendar_words_turned_away_early_are_none_of_the_list() {
        use crate::model::dates::{month_name, weekday_name};
        // The full names as the dates model writes them, then the short
        // forms the list also holds.
        let mut listed: Vec<&str> = (1..=12).map(month_name).collect();
        listed.extend(
            jiff::civil::Weekday::Monday
                .cycle_forward()
                .take(7)
                .map(weekday_name),
        );
        listed.extend([
            "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
        ]);
        let mut words: Vec<String> = listed.iter().map(|&word| word.to_owned()).collect();
        words.extend(listed.iter().map(|word| format!("{word}s")));
        words.extend(listed.iter().map(|word| format!("{word}ss")));
        words.extend(["", "s", "Ma", "Mays", "Émile", "Smith"].map(str::to_owned));
        for word in &words {
            assert_eq!(
                is_calendar_word(word),
                is_listed_calendar_word(word),
                "{word:?}"
            );
        }
        assert!(listed.iter().all(|word| is_calendar_word(word)));
        assert!(is_calendar_word("Septembers") && is_calendar_word("Wednesdays"));
    }

    /// [`letters_joined_by_space_or_hyphen`] by its definition: the gap
    /// since the last letter gathered as a string.
    fn letters_joined_by_definition(surface: &str) -> bool {
        let mut gap = String::new();
        let mut in_word = true;
        for c in surface.chars() {
            if c.is_alphabetic() || crate::syntax::tokens::is_combining_mark(c) {
                if !(in_word || gap == "-" || gap.chars().all(char::is_whitespace)) {
                    return false;
                }
                in_word = true;
                gap.clear();
            } else {
                in_word = false;
                gap.push(c);
            }
        }
        true
    }

    #[test]
    fn letters_are_joined_as_their_definition_says() {
        // Every character, told as the Unicode tables tell it.
        for c in '\0'..=char::MAX {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(
                is_letter_or_mark(c),
                c.is_alphabetic() || crate::syntax::tokens::is_combining_mark(c),
                "{c:?}"
            );
        }
        let mut next = crate::pseudo_random::below(0xa54f_f53a_5f1d_36f1);
        let pieces = [
            "a", "Z", " ", "  ", "-", "--", "\n", "\u{a0}", "’", "“", "–", "é", "e\u{301}", ",",
            ".", "'",
        ];
        for _ in 0..20_000 {
            let surface: String = (0..next(8)).map(|_| pieces[next(pieces.len())]).collect();
            assert_eq!(
                letters_joined_by_space_or_hyphen(&surface),
                letters_joined_by_definition(&surface),
                "{surface:?}"
            );
        }
    }

    #[test]
    fn names_are_joined_by_one_space_or_hyphen_however_found() {
        for (text, joined) in [
            ("Time Warner", true),
            ("Jong-Un", true),
            ("Time  Warner", true),
            ("Time\nWarner", true),
            ("Time USA Warner", true),
            ("Time, Warner", false),
            ("Time–Warner", false),
            ("Time--Warner", false),
            ("Time - Warner", false),
            ("Time.Warner", false),
            ("Time_Warner", false),
            ("Time\u{a0}Warner", true),
        ] {
            let (first, second) = first_word_and_last(text);
            assert_eq!(
                joined_by_space_or_hyphen(text, first, second),
                joined,
                "{text:?}"
            );
            assert_eq!(letters_joined_by_space_or_hyphen(text), joined, "{text:?}");
        }
    }

    /// The spans of the first word of `text`, four letters long, and of
    /// its last word.
    fn first_word_and_last(text: &str) -> (Span, Span) {
        let last_start = text
            .char_indices()
            .rfind(|(_, c)| !c.is_alphabetic())
            .map_or(0, |(at, c)| at + c.len_utf8());
        (Span::new(0, 4), Span::new(last_start, text.len()))
    }

    #[test]
    fn joins_are_white_space_otherwise_or_none_as_the_spacing_check_reads_them() {
        // The second word of each text after the first, four letters long.
        for (text, join) in [
            ("Time Warner", Join::WhiteSpace),
            ("Time  Warner", Join::WhiteSpace),
            ("Time\nWarner", Join::WhiteSpace),
            ("Time warner", Join::WhiteSpace),
            ("Time, Warner", Join::None),
            ("Time.Warner", Join::None),
            ("Time - Warner", Join::None),
            ("Jong-Un", Join::Hyphen),
            ("Time USA Warner", Join::Otherwise),
            ("Time\u{a0}Warner", Join::Otherwise),
        ] {
            let (first, second) = first_word_and_last(text);
            assert_eq!(join_of(text, first, second), join, "{text:?}");
            assert_eq!(
                join != Join::None,
                joined_by_space_or_hyphen(text, first, second),
                "{text:?}"
            );
        }
    }

    /// The default rule's findings in `text`, rendered compactly, taking
    /// only the shortcuts `shortcuts` allows.
    fn findings_taking(shortcuts: Shortcuts, text: &str) -> String {
        let options: Options = toml::from_str("id = \"name-variant\"\nkind = \"name-consistency\"")
            .expect("the default options");
        let rule = options.into_rule().expect("the default rule");
        let meta = rule_from_toml(RULE).meta;
        let article = Article::parse(text);
        let out = Report::collect(&meta, |report| {
            rule.check_article(&article, report, shortcuts);
        });
        crate::rules::testing::render_compact(text, &out)
    }

    #[test]
    fn spacing_found_with_the_shortcut_is_found_without_it() {
        let without = Shortcuts {
            spacing_when_it_may_differ: false,
            ..Shortcuts::ALL
        };
        // Each way two stretches of the same letters can be written
        // otherwise, twice one way and once the other: a word run together
        // from two, a hyphen against a space, a join across a word that is
        // no name word ("UN", an initial without its full stop).
        for (usual, other) in [
            ("Time Warner", "TimeWarner"),
            ("Mc Donald", "McDonald"),
            ("Jong-Un Kim", "Jong Un Kim"),
            ("Ana Bayer-Smith", "Ana Bayer Smith"),
            ("Kim UN Jong", "Kim-UN Jong"),
            ("Kim J Jong", "Kim-J Jong"),
        ] {
            let text = format!("{usual} said it. {usual} said it again.\n\n{other} said more.\n");
            let found = findings_taking(Shortcuts::ALL, &text);
            assert!(found.contains("[name-variant]"), "{text:?}: {found}");
            assert_eq!(found, findings_taking(without, &text), "{text:?}");
        }
    }

    #[test]
    fn a_join_is_run_together_only_by_a_word_holding_both_sides() {
        let options: Options = toml::from_str("id = \"name-variant\"\nkind = \"name-consistency\"")
            .expect("the default options");
        let rule = options.into_rule().expect("the default rule");
        // Each text's words, one mention of all of them; the first pair is
        // joined by a space.
        for (text, run_together) in [
            ("Time Warner TimeWarner", true),
            ("Time Warner Timewarner", false),
            ("Time Warner Warner", false),
            ("Time Warner McDonald", false),
            ("Bank of Bankof", true),
            ("Bank of Banker", false),
            ("Bank of Bank", false),
            ("Time, Warner TimeWarner", false),
            ("Jong-Un JongUn", true),
            ("Jong-Un Jong Un", true),
            ("Jong-Un Jong-Un", false),
            ("Jong-Un Jong-un", false),
            ("Jong-Un Un Jong", false),
        ] {
            let mut vocabulary = Vocabulary::default();
            let mut words = Vec::new();
            let mut start = None;
            for (at, c) in text.char_indices().chain([(text.len(), ' ')]) {
                match (start, c.is_ascii_alphabetic()) {
                    (None, true) => start = Some(at),
                    (Some(first), false) => {
                        let span = Span::new(first, at);
                        words.push((span, vocabulary.entry(span.slice(text), &rule)));
                        start = None;
                    }
                    _ => {}
                }
            }
            let ends = [u32::try_from(words.len()).expect("few words")];
            assert_eq!(
                runs_a_join_together(text, &vocabulary, &words, &ends),
                run_together,
                "{text:?}"
            );
        }
    }

    #[test]
    fn stretch_keys_hash_the_letters_run_together() {
        // Extending a word's hash by the next word's, as the spacing check
        // does, gives the hash of the two written as one.
        for (first, second) in [("time", "warner"), ("jong", "un"), ("erdoğ", "an")] {
            let extended = string_hash(first.chars())
                .wrapping_mul(hash_base_power(second.chars().count()))
                .wrapping_add(string_hash(second.chars()));
            let whole = format!("{first}{second}");
            assert_eq!(extended, string_hash(whole.chars()), "{whole}");
        }
        assert_ne!(
            string_hash("timewarner".chars()),
            string_hash("timewarnre".chars())
        );
    }

    #[test]
    fn stretches_sharing_a_key_are_all_kept_in_order() {
        let mut next = crate::pseudo_random::below(0x3c6e_f372_fe94_f82b);
        for (count, distinct_keys) in [(0, 1), (1, 1), (2, 1), (40, 30), (300, 250), (5_000, 4_000)]
        {
            let stretches: Vec<(u64, Span)> = (0..count)
                .map(|at| {
                    let key = (next(distinct_keys) as u64).wrapping_mul(0x9e37_79b9);
                    (key, Span::new(at, at + 1))
                })
                .collect();
            let mut kept = stretches.clone();
            crate::sort::retain_shared_keys_of_any_list(&mut kept, |&(key, _)| key);
            let shared: Vec<(u64, Span)> = stretches
                .iter()
                .copied()
                .filter(|&(key, _)| stretches.iter().filter(|(other, _)| *other == key).count() > 1)
                .collect();
            // The kept are in order, and the shared are among them.
            assert!(kept
                .windows(2)
                .all(|pair| pair[0].1.start < pair[1].1.start));
            let mut remaining = kept.iter();
            for stretch in &shared {
                assert!(
                    remaining.any(|kept| kept == stretch),
                    "{count}: {stretch:?}"
                );
            }
            // Most lone keys go.
            let lone = count - shared.len();
            assert!(
                kept.len() - shared.len() <= lone / 3 + 1,
                "{count}: {} kept",
                kept.len()
            );
        }
    }

    /// Every stretch of `run` by the plain definition: from each word, the
    /// stretches of one, two and three words, each longer one joined where
    /// the one before it is and joined to its next word.
    fn stretches_by_definition(text: &str, run: &[(Span, usize, u64)]) -> Vec<(u64, Span)> {
        let mut stretches = Vec::new();
        for start in 0..run.len() {
            let (mut key, mut letters) = (0u64, 0);
            for length in 1..=3 {
                let Some(&(last, chars, hash)) = run.get(start + length - 1) else {
                    break;
                };
                if length > 1 && !joined_by_space_or_hyphen(text, run[start + length - 2].0, last) {
                    break;
                }
                letters += chars;
                key = key.wrapping_mul(hash_base_power(chars)).wrapping_add(hash);
                if letters >= 6 {
                    stretches.push((key, Span::new(run[start].0.start, last.end)));
                }
            }
        }
        stretches
    }

    #[test]
    fn stretches_in_one_pass_are_those_of_the_definition() {
        let words = [
            "Al",
            "Kim",
            "Jong",
            "Un",
            "Time",
            "Warner",
            "Erdoğan",
            "Время",
            "O",
            "Ng",
        ];
        let gaps = [" ", "-", "  ", ", ", "\n", " – ", "--", "\u{a0}"];
        let mut next = crate::pseudo_random::below(0x1f83_d9ab_fb41_bd6b);
        for count in (0..8).chain([30, 200]) {
            for _ in 0..40 {
                let mut text = String::new();
                let mut run = Vec::new();
                for index in 0..count {
                    if index > 0 {
                        text.push_str(gaps[next(gaps.len())]);
                    }
                    let start = text.len();
                    text.push_str(words[next(words.len())]);
                    let folded = fold_name(&text[start..]);
                    run.push((
                        Span::new(start, text.len()),
                        folded.chars().count(),
                        string_hash(folded.chars()),
                    ));
                }
                let mut expected = stretches_by_definition(&text, &run);
                let mut pushed = Vec::new();
                push_stretches(&text, run.iter().copied(), &mut pushed);
                expected.sort_unstable_by_key(|&(key, span)| (span.start, span.end, key));
                pushed.sort_unstable_by_key(|&(key, span)| (span.start, span.end, key));
                assert_eq!(pushed, expected, "{text:?}");
            }
        }
    }

    #[test]
    fn stretches_written_one_way_go_and_those_written_two_ways_stay() {
        let forms = [
            "Time Warner",
            "TimeWarner",
            "Time-Warner",
            "Time  Warner",
            "Time\nWarner",
            "Time\r\nWarner",
            "TIME WARNER",
            "Kim Jong-Un",
            "Kim Jong Un",
            "Erdoğan",
            "Erdogan",
            "Время Варнер",
            "Время-Варнер",
            "Smith",
            "Jones",
            "Hamilton",
        ];
        let mut next = crate::pseudo_random::below(0x510e_527f_ade6_82d1);
        // Full keys, and keys of two bits, which many stretches share.
        for key_mask in [u64::MAX, 0b11] {
            for (count, form_count) in [(0, 1), (1, 1), (2, 1), (2, 3), (30, 7), (200, 16)] {
                // Each form's letters in lower case, and a name of its
                // own for some, written one way only.
                let mut text = String::new();
                let mut stretches = Vec::new();
                for _ in 0..count {
                    let chosen = next(form_count + 4);
                    let start = text.len();
                    match forms.get(chosen) {
                        Some(form) => text.push_str(form),
                        None => text.push_str(&format!("Name{}", next(1000))),
                    }
                    let written = &text[start..];
                    let key = string_hash(
                        written
                            .chars()
                            .filter(|c| c.is_alphanumeric())
                            .flat_map(char::to_lowercase),
                    ) & key_mask;
                    stretches.push((key, Span::new(start, text.len())));
                    text.push_str(", ");
                }
                let written_two_ways = |key: u64| {
                    let mut uses = stretches.iter().filter(|&&(other, _)| other == key);
                    let first = uses.next().map(|&(_, span)| span.slice(&text));
                    uses.any(|&(_, span)| Some(span.slice(&text)) != first)
                };
                let plain: Vec<(u64, Span)> = stretches
                    .iter()
                    .copied()
                    .filter(|&(key, _)| written_two_ways(key))
                    .collect();
                let mut kept = stretches.clone();
                retain_keys_written_more_than_one_way(&text, &mut kept);
                // In order, among the stretches given; and once those of a
                // key written one way are passed over (as `report_spacing`
                // passes them over), the stretches of the plain definition.
                let mut given = stretches.iter();
                assert!(kept.iter().all(|kept| given.any(|given| given == kept)));
                let kept_written_two_ways: Vec<(u64, Span)> = kept
                    .iter()
                    .copied()
                    .filter(|&(key, _)| written_two_ways(key))
                    .collect();
                assert_eq!(
                    kept_written_two_ways, plain,
                    "{count} of {form_count}: {text:?}"
                );
                // With full keys, most of those written one way go.
                if key_mask == u64::MAX {
                    let written_one_way = count - plain.len();
                    assert!(
                        kept.len() - plain.len() <= written_one_way / 4,
                        "{count} of {form_count}: {} kept",
                        kept.len()
                    );
                }
            }
        }
    }

    #[test]
    fn names_around_a_spelling_are_those_beside_it_in_every_run_of_its_places() {
        let mut next = crate::pseudo_random::below(0x9b05_688c_2b3e_6c1f);
        // Eight words of eight folded forms, each numbered as its entry.
        let rule = &rules_under_four_edit_tables()[0];
        let mut vocabulary = Vocabulary::default();
        for word in ["Ann", "Bea", "Cy", "Dee", "Eve", "Fay", "Guy", "Hal"] {
            vocabulary.entry(word, rule);
        }
        for _ in 0..300 {
            let mut run_words: Vec<(usize, u32)> = Vec::new();
            let mut occurrences = Vec::new();
            let (mut before, mut after) = (BTreeSet::new(), BTreeSet::new());
            for mention in 0..next(6) {
                // A mention's words, ten bytes apart, the spelling one of
                // them; only a run of several in the story is listed.
                let words: Vec<(usize, u32)> = (0..1 + next(4))
                    .map(|index| (mention * 100 + index * 10, next(8) as u32))
                    .collect();
                let at = words[next(words.len())].0;
                let listed = words.len() > 1 && next(3) > 0;
                let run = if listed {
                    let start = run_words.len() as u32;
                    run_words.extend(&words);
                    for &(other, folded) in &words {
                        if other < at {
                            before.insert(folded);
                        } else if other > at {
                            after.insert(folded);
                        }
                    }
                    (start, run_words.len() as u32)
                } else {
                    (0, 0)
                };
                occurrences.push(Occurrence {
                    span: Span::new(at, at + 5),
                    roster: None,
                    mention_start: words[0].0,
                    title_in_mention: None,
                    run,
                });
            }
            let form = Form::default();
            let candidate = Candidate {
                word: "",
                form: &form,
                occurrences: &occurrences,
                entry: 0,
                folded_chars: 0,
                genders: OnceCell::new(),
                names_around: OnceCell::new(),
            };
            let around = candidate.names_around(&run_words, &vocabulary);
            let listed = |set: &FoldedSet| set.iter().collect::<Vec<u32>>();
            assert_eq!(listed(&around.before), Vec::from_iter(before));
            assert_eq!(listed(&around.after), Vec::from_iter(after));
        }
    }

    #[test]
    fn places_grouped_once_are_each_spellings_places_in_order() {
        let mut next = crate::pseudo_random::below(0xbb67_ae85_84ca_a73b);
        for (count, entries) in [(0, 3), (1, 1), (50, 4), (2_000, 300)] {
            let places: Vec<(u32, Occurrence)> = (0..count)
                .map(|at| {
                    let occurrence = Occurrence {
                        span: Span::new(at, at + 1),
                        roster: None,
                        mention_start: at,
                        title_in_mention: None,
                        run: (0, 0),
                    };
                    (next(entries) as u32, occurrence)
                })
                .collect();
            let occurrences = Occurrences::group(&places, entries);
            for entry in 0..entries as u32 {
                let expected: Vec<Span> = places
                    .iter()
                    .filter(|(of, _)| *of == entry)
                    .map(|(_, occurrence)| occurrence.span)
                    .collect();
                let grouped: Vec<Span> = occurrences
                    .of(entry)
                    .iter()
                    .map(|occurrence| occurrence.span)
                    .collect();
                assert_eq!(grouped, expected, "{count} places, entry {entry}");
            }
            assert!(occurrences.of(entries as u32).is_empty());
        }
    }

    #[test]
    fn digraphs_are_found_as_the_table_lists_them() {
        for first in 0..=u8::MAX {
            for second in 0..=u8::MAX {
                let listed = DIGRAPHS
                    .iter()
                    .position(|(from, _)| from.as_bytes() == [first, second]);
                assert_eq!(
                    digraphs_present(&[first, second]),
                    listed.map_or(0, |index| 1 << index)
                );
            }
        }
        assert!(DIGRAPHS.len() < 15);
        assert_eq!(super::pairs_present(b"etcher"), super::TC);
        assert_eq!(digraphs_present(b"thompson"), 1 << 5);
        assert_eq!(digraphs_present(b"phookh"), 1 | 1 << 3 | 1 << 8);
    }

    #[test]
    fn powers_of_the_hash_base_agree_past_the_table() {
        let mut power = 1u64;
        for exponent in 0..200 {
            assert_eq!(hash_base_power(exponent), power, "{exponent}");
            power = power.wrapping_mul(HASH_BASE);
        }
    }

    /// Roots of a folded name, as [`Roots::of`] defines them.
    fn roots(word: &str) -> Vec<(&str, bool)> {
        let mut out = vec![(word, false)];
        if let Some(last) = word.chars().last() {
            if is_vowel(last) {
                out.push((&word[..word.len() - last.len_utf8()], false));
            }
        }
        for suffix in DERIVATIONAL_SUFFIXES {
            if let Some(root) = word.strip_suffix(suffix) {
                let doubled = suffix.len() == 1 && root.ends_with(suffix);
                if root.chars().count() >= 3 && !doubled {
                    out.push((root, true));
                }
            }
        }
        out
    }

    #[test]
    fn roots_held_in_place_are_those_of_the_definition() {
        let stems = [
            "",
            "a",
            "io",
            "smi",
            "smith",
            "taiwa",
            "canad",
            "jos\u{e9}",
            "\u{e9}",
        ];
        let mut words: Vec<String> = Vec::new();
        for stem in stems {
            words.push(stem.to_owned());
            for suffix in DERIVATIONAL_SUFFIXES
                .iter()
                .chain(&["a", "e", "o", "u", "\u{e9}"])
            {
                words.push(format!("{stem}{suffix}"));
                for other in DERIVATIONAL_SUFFIXES {
                    words.push(format!("{stem}{other}{suffix}"));
                }
            }
        }
        for word in &words {
            assert_eq!(Roots::of(word).as_slice(), roots(word), "{word:?}");
        }
    }

    #[test]
    fn roots_and_keys() {
        assert!(same_root("smith", "smiths"));
        assert!(same_root("canada", "canadian"));
        assert!(same_root("russia", "russian"));
        assert!(same_root("iraq", "iraqi"));
        assert!(!same_root("milley", "milly"));
        assert!(!same_root("navalny", "navalni"));
        assert_eq!(
            transliteration_key("gaddafi"),
            transliteration_key("kadhafi")
        );
        assert_eq!(
            transliteration_key("navalny"),
            transliteration_key("navalniy")
        );
    }

    #[test]
    fn majority_decides_and_the_first_mention_may_be_wrong() {
        let rule = rule_from_toml(RULE);
        insta::assert_snapshot!(check_rule(&rule, "Milly arrived. General Mark Milley spoke. Then Milley left, and Milley’s aide stayed."), @r#"
        1:1-1:6 error[name-variant] “Milly” is spelled “Milley” 3 times elsewhere in this article
          related 1:29-1:35 spelled “Milley” here
          related 1:48-1:54 spelled “Milley” here
          related 1:65-1:71 spelled “Milley” here
          fix (Unsafe): "Milley"
        "#);
    }

    #[test]
    fn ties_warn_once_and_distinct_places_pass() {
        let rule = rule_from_toml(RULE);
        insta::assert_snapshot!(check_rule(&rule, "Talks with Erdoğan began. Later Erdogan spoke. Iran and Iraq met; Austria and Australia too. Iran again, and Iraq."), @"
        1:33-1:40 warning[name-variant] “Erdogan” and “Erdoğan” are each used once in this article
          related 1:12-1:19 spelled “Erdoğan” here
          help: one of them is misspelt; check the name against a source
        ");
    }

    #[test]
    fn titles_before_or_in_a_mention_tell_two_people_apart() {
        let rule = rule_from_toml(RULE);
        let story = |second: &str| {
            let text = format!("Mr Milley spoke. Milley left. {second} came. Milley said so.");
            check_rule(&rule, &text)
        };
        // A man's title before one spelling, a woman's before the other:
        // two people, whether the title is across a full stop or inside
        // the mention.
        for woman in [
            "Ms Milly",
            "Mrs. Milly",
            "Mrs Jane Milly",
            "Lady Jane Milly",
        ] {
            assert_eq!(story(woman), "", "{woman}");
        }
        // A man's, none, or both: one name spelled two ways.
        for man in [
            "Mr Milly",
            "Sir John Milly",
            "The aide Milly",
            "Mr Milly and Ms Milly",
        ] {
            assert!(story(man).contains("“Milly” is spelled “Milley”"), "{man}");
        }
    }

    #[test]
    fn style_sheet_forms_fire_alone() {
        let rule = rule_from_toml(RULE);
        insta::assert_snapshot!(check_rule(&rule, "The late Col. Qaddafi ruled Libya."), @r#"
        1:15-1:22 error[name-variant] “Qaddafi” is spelled “Gaddafi” in the house style sheet
          fix (Safe): "Gaddafi"
        "#);
    }

    #[test]
    fn titles_before_a_name_are_told_by_their_lower_case() {
        let options: Options = toml::from_str("id = \"name-variant\"\nkind = \"name-consistency\"")
            .expect("the default options");
        let rule = options.into_rule().expect("the default rule");
        for word in [
            "Mr",
            "MRS",
            "mrs",
            "Ms",
            "Sir",
            "Dame",
            "Chairwoman",
            "CHAIRWOMAN",
            "Chairwomanly",
            "Baroness",
            "the",
            "said",
            "",
            "\u{212a}ing",
            "Émile",
            "ΣΟΦΊΑ",
            "Mr\u{301}",
        ] {
            let text = format!("{word}. Smith");
            let lower = word.to_lowercase();
            let expected = title_gender(&lower).filter(|_| rule.titles.contains(lower.as_str()));
            assert_eq!(
                rule.title_before(&text, text.len() - "Smith".len()),
                expected,
                "{word}"
            );
        }
        assert_eq!(rule.title_before("Mrs. Smith", 5), Some(Gender::Female));
        assert_eq!(
            rule.title_before("\u{212a}ing Smith", 7),
            Some(Gender::Male)
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        /// Finding the spellings written in lower case only when a
        /// comparison asks changes no finding: names and near misspellings
        /// of them, some also in lower case, in sentences and headlines,
        /// among enough made-up names for some texts to be compared by keys.
        #[test]
        fn lowercase_words_found_when_asked_change_no_finding(
            pieces in proptest::collection::vec((0u8..9, 0usize..576), 0..400),
        ) {
            const NAMES: [&str; 20] = [
                "Kalomira", "Kalomria", "Kalomra", "Kalomiro", "Smith", "Smyth", "Milley",
                "Miley", "Union", "Unoin", "Navalny", "Navalni", "Ramuonka", "Ramounka",
                "Erdoğan", "Erdogan", "Brown", "Crown", "Forest", "Forrest",
            ];
            const SYLLABLES: [&str; 8] = ["ka", "lo", "mi", "mu", "ra", "ri", "an", "on"];
            const OTHERS: [&str; 10] =
                [" said", " the", " Mr", " Mrs.", ",", " and", " \u{201c}", "\u{201d}", "-", "\r\n"];
            let mut text = String::new();
            for (kind, number) in pieces {
                let known = NAMES[number % NAMES.len()];
                match kind {
                    0..=2 => {
                        text.push(' ');
                        text.push_str(known);
                    }
                    3 => {
                        text.push(' ');
                        text.push_str(&known.to_lowercase());
                    }
                    4 | 5 => {
                        // A made-up name: one of 576, most used once.
                        let syllable = |index: usize| SYLLABLES[index % 8];
                        let name = format!(
                            "{}{}{}",
                            syllable(number),
                            syllable(number / 8),
                            if number >= 64 { syllable(number / 64) } else { "" }
                        );
                        text.push(' ');
                        text.push_str(&name[..1].to_uppercase());
                        text.push_str(&name[1..]);
                    }
                    6 => text.push_str(". "),
                    7 => text.push_str("\n\n"),
                    _ => text.push_str(OTHERS[number % OTHERS.len()]),
                }
            }
            let without = Shortcuts { lowercase_when_asked: false, ..Shortcuts::ALL };
            proptest::prop_assert_eq!(
                findings_taking(Shortcuts::ALL, &text),
                findings_taking(without, &text)
            );
        }

        /// Searching the text for each wanted word finds the same word
        /// tokens as reading every token: words inside longer words, with
        /// a capital, a combining mark, a hyphen or an apostrophe after,
        /// and across every kind of break.
        #[test]
        fn wanted_words_found_by_search_are_those_found_by_reading(
            pieces in proptest::collection::vec((0usize..14, 0usize..7), 0..120),
            wanted_mask in 0u8..64,
        ) {
            const WORDS: [&str; 14] = [
                "union", "reunion", "unions", "Union", "union's", "union-led", "unionist",
                "smith", "smiths", "blacksmith", "smith\u{301}", "ölaf", "olaf", "un",
            ];
            const JOINS: [&str; 7] = [" ", " ", "-", ". ", "\n\n", "\u{201c}", "\r\n"];
            const WANTED: [&str; 6] = ["union", "smith", "olaf", "ölaf", "un", "unions"];
            let mut text = String::new();
            for (word, join) in pieces {
                text.push_str(JOINS[join]);
                text.push_str(WORDS[word]);
            }
            let wanted: HashSet<&str> = WANTED
                .iter()
                .enumerate()
                .filter(|(bit, _)| wanted_mask & (1 << bit) != 0)
                .map(|(_, word)| *word)
                .collect();
            let article = Article::parse(&text);
            proptest::prop_assert_eq!(
                word_tokens_found_by_search(&text, article.tokens(), &wanted),
                word_tokens_found_by_reading(&text, article.tokens(), &wanted)
            );
        }

        /// Listing stretches of name words for their spacing only where two
        /// may share their letters and differ changes no finding: names
        /// written as one word, two words, or hyphenated, with capitals
        /// inside words, name words in lower case after another ("van"),
        /// letters outside ASCII and joins of every kind.
        #[test]
        fn spacing_checked_only_where_it_may_differ_changes_no_finding(
            pieces in proptest::collection::vec((0u8..8, 0usize..21, 0usize..8), 0..200),
        ) {
            const WORDS: [&str; 21] = [
                "Time", "Warner", "TimeWarner", "Jong", "Un", "Kim", "JongUn", "Gogh",
                "van", "Van", "Cruz", "DeLa", "De", "la", "Ölaf", "Olaf", "O\u{308}laf",
                "McDonald", "UN", "J.", "J",
            ];
            const JOINS: [&str; 8] = [" ", "-", "  ", "\r\n", "\t", "\u{a0}", " - ", "--"];
            let mut text = String::new();
            for (kind, word, join) in pieces {
                let word = WORDS[word];
                match kind {
                    0..=3 => {
                        text.push(' ');
                        text.push_str(word);
                    }
                    4 | 5 => {
                        text.push_str(JOINS[join]);
                        text.push_str(word);
                    }
                    6 => text.push_str(" said. "),
                    _ => text.push_str("\n\n"),
                }
            }
            let without = Shortcuts { spacing_when_it_may_differ: false, ..Shortcuts::ALL };
            proptest::prop_assert_eq!(
                findings_taking(Shortcuts::ALL, &text),
                findings_taking(without, &text)
            );
        }
    }
}
