//! # title-consistency
//!
//! ## What it does
//! Flags one person given two conflicting titles or ranks in one article:
//! "Gen. Mark Milley … Adm. Milley", "Defence Minister Ben Wallace …
//! Foreign Minister Wallace", "Sen. Jane Doe … Rep. Doe". The first title
//! stated is the reference; each later title of the same family that
//! conflicts with it is flagged, with the first as a related span.
//!
//! Titles are the words in front of a name (the model's `people` module
//! splits them off). Only titles listed in `families` are compared, by
//! their last words: "Russian Foreign Minister" counts as "Foreign
//! Minister", and the longest listed ending wins, so "Vice President" is
//! not "President". Spellings in one group are equal ("Gen." = "General",
//! "Lt. Col." = "Lieutenant Colonel"). A rank is compatible with the rank
//! its full name ends in, since that is how it is addressed: a lieutenant
//! general is "Gen. Smith" on second reference, a lieutenant colonel
//! "Col. Smith"; a major is not a major general.
//!
//! ## Why it matters
//! A rank or office is part of how a reader identifies a person, and a
//! wrong one is a factual error that needs a correction: an admiral is not
//! a general, and a foreign minister does not speak for defence. Copy
//! merged from two sources, or written from memory, mixes them up.
//!
//! ## Example
//! ```toml
//! [[rule]]
//! id = "title-mismatch"
//! kind = "title-consistency"
//! severity = "warning"
//! flagged = ["Gen. Mark Milley spoke. Adm. Milley said more."]
//! clean = ["Gen. Mark Milley spoke. General Milley said more."]
//! [rule.families]
//! military = [["General", "Gen"], ["Admiral", "Adm"]]
//! ```
//! reports "Milley is titled “Adm.” here but “Gen.” earlier in this
//! article".
//!
//! ## Options
//! - `families`: named lists of titles that exclude one another, each title
//!   a group of equal spellings (full form first). Case, full stops and
//!   hyphens do not matter ("Lt.-Gen." = "Lt Gen"). Titles in different
//!   families never conflict, nor do titles in no family (Mr, Dr, Prof).
//! - `qualifiers`: lowercase words that mean a title is not (or not yet,
//!   or not fully) the person's: written just before the title ("former",
//!   "then-", "retired", "the late") or in it before the listed ending
//!   ("Deputy Foreign Minister", "Acting Defence Secretary"). A qualified
//!   title is not compared.
//! - `ignore`: titles that end like a listed one but are another thing:
//!   "Attorney General", "Secretary General", "Surgeon General" are not
//!   generals. A title ending in one of them is not compared.
//! - `changes`: lowercase words that tell of a change of title
//!   ("promoted", "appointed", "now"): a person with one of them in any
//!   statement that names them is not compared.
//!
//! Messages are written by the rule; `message` cannot be set.
//!
//! ## Limitations
//! Titles after a name ("Smith, the defence minister") and titles without
//! a name ("the general") are not read. A person holding two offices at
//! once is recognised only when the titles are joined in front of the name
//! ("Prime Minister and Finance Minister X"); elsewhere, add the offices
//! to different families. Prime Minister and President are not compared:
//! one person holds both in turn too often.
//!
//! On 5,673 published articles (tests/corpus_people.rs) the rule makes no
//! finding: 0 false alarms per 100 articles. A rank or office swapped or
//! added in those articles is found 78.4% of the time (174 of 222); the
//! misses are mostly in statements that tell of a change ("named",
//! "until") or titles discounted by a qualifier ("retired").

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::{KindOptions, Report, Rule, RuleKind};
use crate::diagnostic::Severity;
use crate::model::{Article, WordShapes};

rule_options! {
    pub struct Options {
        #[serde(default)]
        pub families: BTreeMap<String, Vec<Vec<String>>>,
        #[serde(default = "default_qualifiers")]
        pub qualifiers: Vec<String>,
        #[serde(default = "default_changes")]
        pub changes: Vec<String>,
        #[serde(default)]
        pub ignore: Vec<String>,
    }
}

fn words(list: &[&str]) -> Vec<String> {
    list.iter().map(|word| (*word).to_owned()).collect()
}

fn default_qualifiers() -> Vec<String> {
    words(&[
        "acting",
        "assistant",
        "caretaker",
        "deputy",
        "designate",
        "elect",
        "ex",
        "former",
        "future",
        "incoming",
        "interim",
        "junior",
        "late",
        "onetime",
        "outgoing",
        "retired",
        "shadow",
        "then",
        "under",
        "vice",
    ])
}

fn default_changes() -> Vec<String> {
    words(&[
        "appointed",
        "became",
        "become",
        "becomes",
        "demoted",
        "elected",
        "elevated",
        "formerly",
        "named",
        "nominated",
        "now",
        "previously",
        "promoted",
        "promotion",
        "replaced",
        "reshuffle",
        "succeeded",
        "succeeds",
        "sworn",
        "until",
    ])
}

/// Folds a title for comparison: lower case, no full stops, hyphens as
/// spaces, single spaces.
fn fold_title(title: &str) -> String {
    if title.is_ascii() {
        fold_ascii_title(title)
    } else {
        fold_title_plainly(title)
    }
}

/// [`fold_title`] of an ASCII title, in one pass over its bytes rather
/// than through the four copies the plain fold makes.
fn fold_ascii_title(title: &str) -> String {
    let mut folded = String::with_capacity(title.len());
    let mut gap = false;
    for byte in title.bytes() {
        match byte {
            b'.' => {}
            b'-' => gap = true,
            _ if char::from(byte).is_whitespace() => gap = true,
            _ => {
                if gap && !folded.is_empty() {
                    folded.push(' ');
                }
                gap = false;
                folded.push(char::from(byte.to_ascii_lowercase()));
            }
        }
    }
    folded
}

/// [`fold_title`] of any title.
fn fold_title_plainly(title: &str) -> String {
    title
        .to_lowercase()
        .replace('.', "")
        .replace(['-', '‑', '–'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl KindOptions for Options {
    const KIND: RuleKind = RuleKind {
        name: "title-consistency",
        summary: "Flags one person given two conflicting titles or ranks",
        default_severity: Severity::Warning,
    };

    fn build(self) -> Result<Box<dyn Rule>, String> {
        Ok(Box::new(self.into_rule()?))
    }
}

impl Options {
    fn into_rule(self) -> Result<TitleConsistency, String> {
        if self.message.is_some() {
            return Err(
                "title-consistency rules write their own messages; remove `message`".to_owned(),
            );
        }
        let mut titles: HashMap<String, Title> = HashMap::default();
        let mut longest = 0;
        for (family, groups) in &self.families {
            for group in groups {
                let Some(full) = group.first() else {
                    return Err(format!("`families.{family}` has an empty group"));
                };
                let canonical = fold_title(full);
                for spelling in group {
                    let folded = fold_title(spelling);
                    if folded.is_empty() {
                        return Err(format!("`families.{family}` has an empty title"));
                    }
                    longest = longest.max(folded.split(' ').count());
                    let title = Title {
                        family: family.clone(),
                        canonical: canonical.clone(),
                    };
                    if let Some(old) = titles.insert(folded, title) {
                        if old.family != *family || old.canonical != canonical {
                            return Err(format!(
                                "“{spelling}” is listed twice in `families` (also under `{}`)",
                                old.family
                            ));
                        }
                    }
                }
            }
        }
        if titles.is_empty() {
            return Err("a title-consistency rule needs `families`".to_owned());
        }
        // Ignored titles take part in the longest-ending match and then
        // compare with nothing: "Attorney General" is not a general.
        for spelling in &self.ignore {
            let folded = fold_title(spelling);
            if folded.is_empty() {
                return Err("`ignore` has an empty title".to_owned());
            }
            longest = longest.max(folded.split(' ').count());
            titles.insert(
                folded,
                Title {
                    family: String::new(),
                    canonical: String::new(),
                },
            );
        }
        Ok(TitleConsistency {
            titles,
            longest,
            qualifiers: self.qualifiers.iter().map(|w| fold_title(w)).collect(),
            change_shapes: self.changes.iter().fold(WordShapes::EMPTY, |shapes, word| {
                shapes.with(&word.to_lowercase())
            }),
            changes: self.changes.iter().map(|w| w.to_lowercase()).collect(),
        })
    }
}

#[derive(Clone, Debug)]
struct Title {
    family: String,
    /// The folded full form of its group.
    canonical: String,
}

#[derive(Debug)]
struct TitleConsistency {
    /// Folded spelling → title.
    titles: HashMap<String, Title>,
    /// The most words in a listed spelling.
    longest: usize,
    qualifiers: HashSet<String>,
    changes: HashSet<String>,
    /// The shapes of `changes`, to rule out most words before lowering.
    change_shapes: WordShapes,
}

impl TitleConsistency {
    /// The listed title a written title ends in, if it is unqualified.
    fn listed(&self, written: &str, preceding: &[String]) -> Option<&Title> {
        let folded = fold_title(written);
        // Where each word starts: the folded title's words are joined by
        // single spaces, so an ending of it is the rest from one of them.
        let starts: Vec<usize> = std::iter::once(0)
            .chain(folded.match_indices(' ').map(|(space, _)| space + 1))
            .collect();
        let take = self.longest.min(starts.len());
        for &start in &starts[starts.len() - take..] {
            if let Some(title) = self.titles.get(&folded[start..]) {
                // The words before the ending, then those before the title.
                let qualified = (start > 0
                    && folded[..start - 1]
                        .split(' ')
                        .any(|word| self.qualifiers.contains(word)))
                    || preceding
                        .iter()
                        .any(|word| self.qualifiers.contains(&fold_title(word)));
                return (!qualified && !title.family.is_empty()).then_some(title);
            }
        }
        None
    }

    fn tells_of_change(&self, article: &Article<'_>, statement: usize) -> bool {
        let Some(statement) = article.statements().get(statement) else {
            return true;
        };
        let tokens = &article.tokens()[statement.tokens.clone()];
        let bytes = article.text.as_bytes();
        // A statement of ASCII text (nearly every one) holds only ASCII
        // words, which are judged by their shape before they are lowered:
        // tested once for the statement, its words need no test of their
        // own bytes, and are read as bytes, sliced without the character
        // boundary checks of a `str`.
        let ascii = match (tokens.first(), tokens.last()) {
            (Some(first), Some(last)) => bytes
                .get(first.span().start..last.span().end)
                .is_some_and(<[u8]>::is_ascii),
            _ => false,
        };
        tokens.iter().any(|token| {
            token.is_word()
                && (!ascii
                    || bytes
                        .get(token.span().start..token.span().end)
                        .is_some_and(|word| self.change_shapes.may_hold(word)))
                && self.is_change_word(token.span().slice(article.text))
        })
    }

    /// Whether `word`, in any case, is one of `changes`. The statements
    /// of every titled person are read word by word, and lowering each
    /// word into a string of its own was most of the rule's cost: an ASCII
    /// word is first told by its length and end letters, which rule out
    /// nearly all.
    fn is_change_word(&self, word: &str) -> bool {
        is_listed_word(&self.changes, &self.change_shapes, word)
    }
}

/// Whether `word` lowered is in `lower` (whose shapes are `shapes`).
fn is_listed_word(lower: &HashSet<String>, shapes: &WordShapes, word: &str) -> bool {
    (!word.is_ascii() || shapes.may_hold(word.as_bytes())) && lower.contains(&word.to_lowercase())
}

/// Whether two ranks of a family name different ranks: "lieutenant
/// general" is addressed as "general", so those two agree.
fn conflict(a: &str, b: &str) -> bool {
    a != b && !a.ends_with(&format!(" {b}")) && !b.ends_with(&format!(" {a}"))
}

/// The fewest titles a person must be given to be compared: a finding
/// sets a title against an earlier one of the same person, so a person
/// titled once is never flagged, and neither their statements (read for
/// a change) nor their title (looked up) need be read. Most people named
/// in a story carry no title, and most that do carry it once.
const LEAST_TITLES_COMPARED: usize = 2;

impl Rule for TitleConsistency {
    fn check(&self, article: &Article<'_>, report: &mut Report<'_>) {
        self.check_titles(article, report, LEAST_TITLES_COMPARED);
    }
}

impl TitleConsistency {
    /// The rule's check, reading only persons given at least
    /// `least_titles` titles (see [`LEAST_TITLES_COMPARED`]; a test reads
    /// every titled person, to hold the two to the same findings).
    fn check_titles(&self, article: &Article<'_>, report: &mut Report<'_>, least_titles: usize) {
        let mentions = article.people.mentions();
        let mut titles_given: HashMap<&str, usize> = HashMap::default();
        for mention in mentions.iter().filter(|mention| mention.title.is_some()) {
            if let Some(person) = mention.person.as_deref() {
                *titles_given.entry(person).or_default() += 1;
            }
        }
        let titled: HashSet<&str> = titles_given
            .into_iter()
            .filter(|&(_, titles)| titles >= least_titles)
            .map(|(person, _)| person)
            .collect();
        if titled.is_empty() {
            return;
        }
        // The listed title of each titled mention of a titled person, and
        // the persons given a title that conflicts with the first of its
        // family they were given: only those can be flagged, so only their
        // statements are read for a change, most titled persons keeping
        // one title.
        let mut listed_titles: Vec<Option<&Title>> = vec![None; mentions.len()];
        let mut first_listed: HashMap<(&str, &str), &Title> = HashMap::default();
        let mut disputed: HashSet<&str> = HashSet::default();
        for (index, mention) in mentions.iter().enumerate() {
            let (Some(person), Some(title)) = (&mention.person, &mention.title) else {
                continue;
            };
            if !titled.contains(person.as_str()) {
                continue;
            }
            let Some(listed) = self.listed(&title.text, &title.preceding) else {
                continue;
            };
            listed_titles[index] = Some(listed);
            let key = (person.as_str(), listed.family.as_str());
            match first_listed.get(&key) {
                None => {
                    first_listed.insert(key, listed);
                }
                Some(stated) => {
                    if conflict(&stated.canonical, &listed.canonical) {
                        disputed.insert(person.as_str());
                    }
                }
            }
        }
        if disputed.is_empty() {
            return;
        }
        // Persons whose titles are not compared: joint offices, or a
        // statement naming them tells of a change.
        let mut changed: HashSet<&str> = HashSet::default();
        let mut change_cache: HashMap<usize, bool> = HashMap::default();
        for mention in mentions {
            let Some(person) = &mention.person else {
                continue;
            };
            if !disputed.contains(person.as_str()) {
                continue;
            }
            let joint = mention.title.as_ref().is_some_and(|title| title.joint);
            let change = *change_cache
                .entry(mention.statement)
                .or_insert_with(|| self.tells_of_change(article, mention.statement));
            if joint || change {
                changed.insert(person);
            }
        }
        // (person, family) → index of the first titled mention
        let mut first: HashMap<(&str, &str), (usize, &Title)> = HashMap::default();
        for (index, mention) in mentions.iter().enumerate() {
            let (Some(person), Some(title)) = (&mention.person, &mention.title) else {
                continue;
            };
            if !disputed.contains(person.as_str()) || changed.contains(person.as_str()) {
                continue;
            }
            let Some(listed) = listed_titles[index] else {
                continue;
            };
            let key = (person.as_str(), listed.family.as_str());
            let Some(&(reference, stated)) = first.get(&key) else {
                first.insert(key, (index, listed));
                continue;
            };
            if !conflict(&stated.canonical, &listed.canonical) {
                continue;
            }
            let Some(stated_title) = &mentions[reference].title else {
                continue;
            };
            let name = article.slice(mention.span);
            let diagnostic = report
                .diagnostic(
                    title.span,
                    format!(
                        "{name} is titled “{}” here but “{}” earlier in this article",
                        title.text, stated_title.text
                    ),
                )
                .with_related(
                    stated_title.span,
                    format!("first titled “{}” here", stated_title.text),
                )
                .with_help("check which title is right; if it changed, say so");
            report.push(diagnostic);
        }
    }
}

#[cfg(test)]
impl TitleConsistency {
    /// [`TitleConsistency::check_titles`] as it reads without choosing
    /// the persons whose statements are read for a change: every titled
    /// person's are, and each title is looked up as it is compared.
    fn check_titles_plainly(&self, article: &Article<'_>, report: &mut Report<'_>) {
        let mentions = article.people.mentions();
        let titled: HashSet<&str> = mentions
            .iter()
            .filter(|mention| mention.title.is_some())
            .filter_map(|mention| mention.person.as_deref())
            .collect();
        let mut changed: HashSet<&str> = HashSet::default();
        for mention in mentions {
            let Some(person) = mention.person.as_deref() else {
                continue;
            };
            let joint = mention.title.as_ref().is_some_and(|title| title.joint);
            if titled.contains(person)
                && (joint || self.tells_of_change(article, mention.statement))
            {
                changed.insert(person);
            }
        }
        let mut first: HashMap<(&str, &str), (usize, &Title)> = HashMap::default();
        for (index, mention) in mentions.iter().enumerate() {
            let (Some(person), Some(title)) = (&mention.person, &mention.title) else {
                continue;
            };
            if changed.contains(person.as_str()) {
                continue;
            }
            let Some(listed) = self.listed(&title.text, &title.preceding) else {
                continue;
            };
            let key = (person.as_str(), listed.family.as_str());
            let Some(&(reference, stated)) = first.get(&key) else {
                first.insert(key, (index, listed));
                continue;
            };
            let Some(stated_title) = &mentions[reference].title else {
                continue;
            };
            if conflict(&stated.canonical, &listed.canonical) {
                let diagnostic = report.diagnostic(
                    title.span,
                    format!("{} / {}", title.text, stated_title.text),
                );
                report.push(diagnostic);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check_rule, rule_from_toml};

    /// The one-pass fold of an ASCII title is the plain fold, for titles
    /// drawn from letters, full stops, hyphens and every ASCII control
    /// and space character (the vertical tab and the file separators
    /// included, which only some notions of white space count).
    #[test]
    fn ascii_titles_fold_as_by_the_plain_fold() {
        use super::{fold_ascii_title, fold_title_plainly};
        use crate::pseudo_random;
        const PIECES: &[&str] = &[
            "Lt", "gen", "A", "z", ".", "-", " ", "  ", "\t", "\n", "\r", "\x0B", "\x0C", "\x1C",
            "\x1F", "\x00", "_", "'",
        ];
        let mut below = pseudo_random::below(0x0071_71e5);
        for _ in 0..20_000 {
            let title: String = (0..below(9)).map(|_| PIECES[below(PIECES.len())]).collect();
            assert_eq!(
                fold_ascii_title(&title),
                fold_title_plainly(&title),
                "{title:?}"
            );
        }
    }

    #[test]
    fn change_words_are_found_in_any_case_as_by_lowering() {
        use super::{default_changes, is_listed_word, HashSet, WordShapes};
        let changes = default_changes();
        let lower: HashSet<String> = changes.iter().map(|word| word.to_lowercase()).collect();
        let shapes = changes
            .iter()
            .fold(WordShapes::EMPTY, |shapes, word| shapes.with(word));
        let mut words = vec![
            String::new(),
            "said".to_owned(),
            "Sworn-in".to_owned(),
            "\u{212A}ING".to_owned(),
            "ſworn".to_owned(),
            "ÉLU".to_owned(),
        ];
        for word in &changes {
            let mut title_case = word.clone();
            title_case[..1].make_ascii_uppercase();
            words.extend([
                word.clone(),
                word.to_uppercase(),
                title_case,
                format!("{word}s"),
                word[1..].to_owned(),
                format!("\u{212A}{word}"),
            ]);
        }
        for word in &words {
            assert_eq!(
                is_listed_word(&lower, &shapes, word),
                lower.contains(&word.to_lowercase()),
                "{word}"
            );
        }
        assert!(words
            .iter()
            .any(|word| is_listed_word(&lower, &shapes, word)));
    }

    const RULE: &str = r#"
        [[rule]]
        id = "title-mismatch"
        kind = "title-consistency"
        ignore = ["Attorney General", "Surgeon General"]
        [rule.families]
        military = [["General", "Gen"], ["Lieutenant General", "Lt Gen"], ["Major General", "Maj Gen"], ["Admiral", "Adm"], ["Major", "Maj"]]
        minister = [["Defence Minister", "Defense Minister"], ["Foreign Minister"]]
        legislator = [["Senator", "Sen"], ["Representative", "Rep", "Congressman"]]
    "#;

    #[test]
    fn conflicting_ranks_and_offices() {
        let rule = rule_from_toml(RULE);
        insta::assert_snapshot!(check_rule(&rule, "Gen. Mark Milley spoke. Adm. Milley left.\n\nDefence Minister Ben Wallace came. Foreign Minister Wallace went."), @"
        1:25-1:29 warning[title-mismatch] Milley is titled “Adm.” here but “Gen.” earlier in this article
          related 1:1-1:5 first titled “Gen.” here
          help: check which title is right; if it changed, say so
        3:36-3:52 warning[title-mismatch] Wallace is titled “Foreign Minister” here but “Defence Minister” earlier in this article
          related 3:1-3:17 first titled “Defence Minister” here
          help: check which title is right; if it changed, say so
        ");
    }

    /// The rule kind built from [`RULE`]'s table: a kind's options are its
    /// rule's whole table, read as a document of its own (the rule's id
    /// keeps its place in it).
    fn rule_of_kind() -> super::TitleConsistency {
        let mut file: toml::Table = toml::from_str(RULE).expect("a rule file");
        let Some(toml::Value::Array(mut rules)) = file.remove("rule") else {
            panic!("the rule file holds a [[rule]] array")
        };
        let table = toml::to_string(&rules.remove(0)).expect("a table");
        let options: super::Options = toml::from_str(&table).expect("options");
        options.into_rule().expect("rule")
    }

    /// Reading only persons titled twice or more gives the findings that
    /// reading every titled person gives, on generated copy where people
    /// are titled once, twice or more, in agreeing and conflicting ranks,
    /// with and without a change of title told in their statements.
    #[test]
    fn persons_titled_once_are_passed_over_without_changing_findings() {
        use super::{Report, LEAST_TITLES_COMPARED};
        use crate::model::Article;
        let rule = rule_of_kind();
        let meta = rule_from_toml(RULE).meta;
        const TITLES: &[&str] = &[
            "Gen.",
            "Adm.",
            "Maj. Gen.",
            "Lt. Gen.",
            "Former Adm.",
            "Foreign Minister",
            "Defence Minister",
            "Sen.",
            "Rep.",
            "Mr",
            "",
        ];
        const NAMES: &[&str] = &["Mark Milley", "Milley", "Jo Ray", "Ray", "Ali Khan", "Khan"];
        const ENDINGS: &[&str] = &[
            "spoke.",
            "left.",
            "was promoted.",
            "said he was now in charge.",
            "met Gen. Ray.",
            "came.\n\n",
        ];
        let mut below = crate::pseudo_random::below(0x7171_e0cc);
        let mut flagged = 0;
        for _ in 0..3_000 {
            let text: String = (0..1 + below(6))
                .map(|_| {
                    let title = TITLES[below(TITLES.len())];
                    let name = NAMES[below(NAMES.len())];
                    let ending = ENDINGS[below(ENDINGS.len())];
                    format!("{title} {name} {ending} ")
                })
                .collect();
            let article = Article::parse(&text);
            let findings = |least_titles| {
                Report::collect(&meta, |report| {
                    rule.check_titles(&article, report, least_titles)
                })
            };
            let compared = findings(LEAST_TITLES_COMPARED);
            assert_eq!(compared, findings(1), "{text:?}");
            // Flagged where the plain reading flags, which reads every
            // titled person's statements for a change.
            let plainly =
                Report::collect(&meta, |report| rule.check_titles_plainly(&article, report));
            let spans = |findings: &[crate::diagnostic::Diagnostic]| {
                findings
                    .iter()
                    .map(|finding| finding.span)
                    .collect::<Vec<_>>()
            };
            assert_eq!(spans(&compared), spans(&plainly), "{text:?}");
            flagged += usize::from(!compared.is_empty());
        }
        assert!(flagged > 100, "{flagged}");
    }

    /// A statement tells of a change when one of its words, lowered, is a
    /// change word: in ASCII statements, whose words are judged by their
    /// shape alone, as in statements with other text.
    #[test]
    fn statements_tell_of_a_change_as_by_lowering_their_words() {
        use crate::model::Article;
        let rule = rule_of_kind();
        const PIECES: &[&str] = &[
            "Gen.",
            "Milley",
            "said",
            "now",
            "NOW",
            "Now",
            "promoted",
            "Sworn-in",
            "nows",
            "ow",
            "\u{212A}ING",
            "\u{212A}now",
            "ÉLU",
            "é",
            "named",
            "NAMED",
            ",",
            ".",
            "“",
            "\n\n",
        ];
        let mut below = crate::pseudo_random::below(0x7171_c4a9);
        let (mut changed, mut unchanged) = (0, 0);
        for _ in 0..5_000 {
            let text: String = (0..1 + below(10))
                .map(|_| format!("{} ", PIECES[below(PIECES.len())]))
                .collect();
            let article = Article::parse(&text);
            for (index, statement) in article.statements().iter().enumerate() {
                let plain = article.tokens()[statement.tokens.clone()]
                    .iter()
                    .any(|token| {
                        token.is_word()
                            && rule
                                .changes
                                .contains(&token.span().slice(article.text).to_lowercase())
                    });
                assert_eq!(rule.tells_of_change(&article, index), plain, "{text:?}");
                if plain {
                    changed += 1;
                } else {
                    unchanged += 1;
                }
            }
        }
        assert!(
            changed > 1_000 && unchanged > 1_000,
            "{changed} {unchanged}"
        );
    }

    #[test]
    fn compatible_or_guarded_titles() {
        let rule = rule_from_toml(RULE);
        for clean in [
            "Gen. Mark Milley spoke. General Milley left.",
            "Lt. Gen. Jo Ray spoke. Gen. Ray left.",
            "Gen. Jo Ray spoke. Mr Ray left. Dr Ray came.",
            "Gen. Jo Ray spoke. Former Adm. Ray left.",
            "Then-Maj. Jo Ray served. Maj. Gen. Ray spoke.",
            "Maj. Jo Ray was promoted. Maj. Gen. Ray spoke.",
            "Prime Minister and Foreign Minister Ali Khan spoke. Defence Minister Khan left.",
            "Foreign Minister Ali Khan spoke. Deputy Defence Minister Khan left.",
            "Gen. John Smith met Adm. Mary Smith. Adm. Smith left. Gen. Smith stayed.",
            "Sen. Jo Ray spoke. Vice President Ray left.",
            "Surgeon General Jo Ray spoke. Adm. Ray left.",
        ] {
            assert_eq!(check_rule(&rule, clean), "", "{clean}");
        }
    }
}
