//! Rule files and project configuration.
//!
//! A rule file is TOML holding `[[rule]]` tables, each naming a `kind` and
//! that kind's options. It is parsed once, then read in two passes: the
//! first collects each table's `kind`; the second deserialises each table
//! straight into its kind's options struct. Both read the parsed document,
//! whose values keep their positions, so every error — an unknown key, a
//! value of the wrong type — names the file, line and column.
//!
//! `copydesk.toml`, found in the current directory or above, may add rule
//! files, select or ignore rule ids and override severities:
//!
//! ```toml
//! rules = ["rules/newsroom.toml"]    # relative to this file
//! select = ["name-variant"]          # run only these (default: all enabled)
//! extend-select = ["repeated-word"]  # also run these, e.g. rules shipped off
//! ignore = ["unbalanced-bracket"]
//! [severity]
//! web-boilerplate = "warning"
//! ```
//!
//! Per-path ignores take tables in the same `ignore` array (TOML allows the
//! two forms side by side only as inline tables; use one form or the other):
//!
//! ```toml
//! [[ignore]]
//! path = "archive/2019/**"        # a glob, relative to this file
//! rules = ["web-boilerplate"]     # omit to ignore every rule there
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::rules::{
    acronym_definition, age_consistency, calendar, existence, name_consistency, number_consistency,
    paired_delimiters, repetition, substitution, title_consistency, KindOptions, LoadedRule,
    Origin, RuleMeta, RuleSet, RULE_KINDS,
};
use crate::source::LineIndex;

/// The default rule set, embedded in the binary.
pub const DEFAULT_RULES: &str = include_str!("../rules/default.toml");
/// How the embedded rule file is named in messages.
pub const DEFAULT_RULES_NAME: &str = "<default>";
/// The project configuration file name.
pub const CONFIG_FILE_NAME: &str = "copydesk.toml";

/// An error in a rule file or configuration file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid, at a known place.
    #[error("{path}:{line}:{column}: {message}")]
    Invalid {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// A selection names a rule that no rule file declares.
    #[error("{origin}: unknown rule id `{id}` (see `copydesk rules`)")]
    UnknownRule { id: String, origin: String },
}

fn invalid(path: &str, text: &str, offset: usize, message: impl Into<String>) -> ConfigError {
    let offset = offset.min(text.len());
    let offset = (0..=offset)
        .rev()
        .find(|&o| text.is_char_boundary(o))
        .unwrap_or(0);
    let position = LineIndex::new(text).line_column(text, offset);
    ConfigError::Invalid {
        path: path.to_owned(),
        line: position.line,
        column: position.column,
        message: message.into(),
    }
}

fn from_toml_error(path: &str, text: &str, error: &toml::de::Error) -> ConfigError {
    let offset = error.span().map_or(0, |span| span.start);
    invalid(path, text, offset, error.message().trim_end())
}

/// Reads the rule instances declared in one rule file.
pub fn load_rule_file(path: &str, text: &str) -> Result<Vec<LoadedRule>, ConfigError> {
    #[derive(Deserialize)]
    struct KindOnly {
        kind: Option<toml::Spanned<String>>,
        id: Option<toml::Spanned<String>>,
    }
    #[derive(Deserialize)]
    struct KindsOnly {
        #[serde(default)]
        rule: Vec<toml::Spanned<KindOnly>>,
    }

    // Parsed once; each pass deserialises from the parsed document (the
    // first from a copy, which costs a fraction of parsing the text again).
    let document =
        toml::de::DeTable::parse(text).map_err(|error| from_toml_error(path, text, &error))?;
    let first_pass = KindsOnly::deserialize(toml::Deserializer::from(document.clone()))
        .map_err(|error| from_toml_error(path, text, &error))?;
    let mut kinds = Vec::with_capacity(first_pass.rule.len());
    let mut seen_ids: BTreeMap<String, usize> = BTreeMap::new();
    for table in &first_pass.rule {
        let start = table.span().start;
        let entry = table.get_ref();
        let Some(kind) = &entry.kind else {
            return Err(invalid(path, text, start, "this rule has no `kind`"));
        };
        let Some(known) = RULE_KINDS.iter().find(|known| known.name == kind.get_ref()) else {
            let names: Vec<&str> = RULE_KINDS.iter().map(|kind| kind.name).collect();
            return Err(invalid(
                path,
                text,
                kind.span().start,
                format!(
                    "unknown rule kind `{}`; the kinds are {}",
                    kind.get_ref(),
                    names.join(", ")
                ),
            ));
        };
        if let Some(id) = &entry.id {
            if let Some(first_line) = seen_ids.insert(id.get_ref().clone(), id.span().start) {
                let line = LineIndex::new(text).line_column(text, first_line).line;
                return Err(invalid(
                    path,
                    text,
                    id.span().start,
                    format!(
                        "rule id `{}` is already declared on line {line}",
                        id.get_ref()
                    ),
                ));
            }
        }
        kinds.push(known.name);
    }

    let deserializer = toml::Deserializer::from(document);
    let built = RuleFileSeed {
        kinds: &kinds,
        path,
        text,
    }
    .deserialize(deserializer)
    .map_err(|error| from_toml_error(path, text, &error))?;
    built.into_iter().collect()
}

/// The embedded default rules. They are tested, so failing to load them is
/// a bug in the binary, reported as a configuration error all the same.
pub fn default_rules() -> Result<Vec<LoadedRule>, ConfigError> {
    load_rule_file(DEFAULT_RULES_NAME, DEFAULT_RULES)
}

type Built = Result<LoadedRule, ConfigError>;

/// Second pass: deserialises each `[[rule]]` table into the options of the
/// kind the first pass found for it.
struct RuleFileSeed<'a> {
    kinds: &'a [&'static str],
    path: &'a str,
    text: &'a str,
}

impl<'de> DeserializeSeed<'de> for RuleFileSeed<'_> {
    type Value = Vec<Built>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RuleFileSeed<'_> {
    type Value = Vec<Built>;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a rule file of [[rule]] tables")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut rules = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == "rule" {
                rules = map.next_value_seed(RuleTablesSeed {
                    kinds: self.kinds,
                    path: self.path,
                    text: self.text,
                })?;
            } else {
                return Err(serde::de::Error::unknown_field(&key, &["rule"]));
            }
        }
        Ok(rules)
    }
}

struct RuleTablesSeed<'a> {
    kinds: &'a [&'static str],
    path: &'a str,
    text: &'a str,
}

impl<'de> DeserializeSeed<'de> for RuleTablesSeed<'_> {
    type Value = Vec<Built>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for RuleTablesSeed<'_> {
    type Value = Vec<Built>;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("an array of [[rule]] tables")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut rules = Vec::with_capacity(self.kinds.len());
        for &kind in self.kinds {
            let seed = RuleTableSeed {
                kind,
                path: self.path,
                text: self.text,
            };
            match seq.next_element_seed(seed)? {
                Some(rule) => rules.push(rule),
                None => break,
            }
        }
        Ok(rules)
    }
}

struct RuleTableSeed<'a> {
    kind: &'static str,
    path: &'a str,
    text: &'a str,
}

impl<'de> DeserializeSeed<'de> for RuleTableSeed<'_> {
    type Value = Built;

    /// The one place that maps a kind name to its options type.
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Built, D::Error> {
        match self.kind {
            "acronym-definition" => {
                acronym_definition::Options::deserialize(deserializer).map(|o| self.build(o))
            }
            "age-consistency" => {
                age_consistency::Options::deserialize(deserializer).map(|o| self.build(o))
            }
            "calendar" => calendar::Options::deserialize(deserializer).map(|o| self.build(o)),
            "existence" => existence::Options::deserialize(deserializer).map(|o| self.build(o)),
            "name-consistency" => {
                name_consistency::Options::deserialize(deserializer).map(|o| self.build(o))
            }
            "number-consistency" => {
                number_consistency::Options::deserialize(deserializer).map(|o| self.build(o))
            }
            "paired-delimiters" => {
                paired_delimiters::Options::deserialize(deserializer).map(|o| self.build(o))
            }
            "repetition" => repetition::Options::deserialize(deserializer).map(|o| self.build(o)),
            "substitution" => {
                substitution::Options::deserialize(deserializer).map(|o| self.build(o))
            }
            "title-consistency" => {
                title_consistency::Options::deserialize(deserializer).map(|o| self.build(o))
            }
            other => Err(serde::de::Error::custom(format!(
                "unknown rule kind `{other}`"
            ))),
        }
    }
}

impl RuleTableSeed<'_> {
    fn build<O: KindOptions>(&self, options: O) -> Built {
        let common = options.common();
        let id_span = common.id.span();
        let id = common.id.get_ref().clone();
        if !is_valid_id(&id) {
            return Err(invalid(
                self.path,
                self.text,
                id_span.start,
                format!(
                    "rule id `{id}` must be lowercase words joined by hyphens, like `name-variant`"
                ),
            ));
        }
        let meta = RuleMeta {
            kind: O::KIND.name,
            severity: common.severity.unwrap_or(O::KIND.default_severity),
            enabled: common.enabled,
            summary: common.summary.unwrap_or(O::KIND.summary).to_owned(),
            flagged: common.flagged.to_vec(),
            clean: common.clean.to_vec(),
            origin: Origin {
                path: self.path.to_owned(),
                line: line_of(self.text, id_span.start),
            },
            id,
        };
        let rule = options.build().map_err(|message| {
            invalid(
                self.path,
                self.text,
                id_span.start,
                format!("rule `{}`: {message}", meta.id),
            )
        })?;
        Ok(LoadedRule { meta, rule })
    }
}

/// The 1-based line of byte `offset`. Counting newlines up to it is all a
/// rule's origin needs: building a [`LineIndex`] of the whole file for each
/// rule showed in start-up profiles.
fn line_of(text: &str, offset: usize) -> usize {
    let before = text.as_bytes().get(..offset).unwrap_or(text.as_bytes());
    before.iter().filter(|&&byte| byte == b'\n').count() + 1
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// `copydesk.toml`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ProjectConfig {
    /// Extra rule files, relative to the configuration file.
    #[serde(default)]
    pub rules: Vec<PathBuf>,
    /// Whether the embedded default rules are loaded (default true).
    #[serde(default = "default_true")]
    pub default_rules: bool,
    /// Run only these rule ids.
    #[serde(default)]
    pub select: Option<Vec<String>>,
    /// Run these rule ids as well, including rules shipped with
    /// `enabled = false`.
    #[serde(default)]
    pub extend_select: Vec<String>,
    /// Never run these rule ids, or not on these paths.
    #[serde(default)]
    pub ignore: Vec<IgnoreEntry>,
    /// Severity overrides by rule id.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    /// The directory holding the file, for resolving `rules`.
    #[serde(skip)]
    pub directory: PathBuf,
    /// The file itself, for messages.
    #[serde(skip)]
    pub path: PathBuf,
}

fn default_true() -> bool {
    true
}

/// One entry of `ignore`: a rule id ignored everywhere, or a path glob
/// with the rules ignored there.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum IgnoreEntry {
    Rule(String),
    Path(PathIgnore),
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PathIgnore {
    pub path: String,
    /// Rule ids; empty ignores every rule on matching paths.
    #[serde(default)]
    pub rules: Vec<String>,
}

impl ProjectConfig {
    /// Rule ids ignored everywhere.
    pub fn ignored_rules(&self) -> impl Iterator<Item = &String> {
        self.ignore.iter().filter_map(|entry| match entry {
            IgnoreEntry::Rule(rule) => Some(rule),
            IgnoreEntry::Path(_) => None,
        })
    }

    /// Rule ids ignored for `path` by per-path entries (`*` for all rules).
    pub fn ignored_rules_for(&self, path: &Path) -> Vec<String> {
        let absolute = if path.is_absolute() {
            path.to_path_buf()
        } else {
            std::env::current_dir()
                .map(|dir| dir.join(path))
                .unwrap_or_else(|_| path.to_path_buf())
        };
        let directory = if self.directory.as_os_str().is_empty() {
            std::env::current_dir().unwrap_or_default()
        } else if self.directory.is_absolute() {
            self.directory.clone()
        } else {
            std::env::current_dir()
                .map(|dir| dir.join(&self.directory))
                .unwrap_or_default()
        };
        let relative = absolute.strip_prefix(&directory).unwrap_or(path);
        let mut ignored = Vec::new();
        for entry in &self.ignore {
            let IgnoreEntry::Path(rule) = entry else {
                continue;
            };
            let matches = globset::GlobBuilder::new(&rule.path)
                .literal_separator(true)
                .build()
                .map(|glob| glob.compile_matcher().is_match(relative))
                .unwrap_or(false);
            if matches {
                if rule.rules.is_empty() {
                    ignored.push("*".to_owned());
                }
                ignored.extend(rule.rules.iter().cloned());
            }
        }
        ignored
    }

    /// Reads a configuration file.
    pub fn load(path: &Path) -> Result<ProjectConfig, ConfigError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
            path: shown.clone(),
            source,
        })?;
        let mut config: ProjectConfig =
            toml::from_str(&text).map_err(|error| from_toml_error(&shown, &text, &error))?;
        config.directory = path.parent().map(Path::to_path_buf).unwrap_or_default();
        config.path = path.to_path_buf();
        for entry in &config.ignore {
            if let IgnoreEntry::Path(ignore) = entry {
                if let Err(error) = globset::Glob::new(&ignore.path) {
                    let offset = text.find(&ignore.path).unwrap_or(0);
                    return Err(invalid(
                        &shown,
                        &text,
                        offset,
                        format!("invalid path glob: {error}"),
                    ));
                }
            }
        }
        Ok(config)
    }

    /// The nearest `copydesk.toml` in `start` or a directory above it.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        start
            .ancestors()
            .map(|directory| directory.join(CONFIG_FILE_NAME))
            .find(|candidate| candidate.is_file())
    }
}

/// What the command line adds to the configuration.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    pub rule_files: Vec<PathBuf>,
    pub select: Vec<String>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
}

/// Reads a rule file from disk.
pub fn read_rule_file(path: &Path) -> Result<Vec<LoadedRule>, ConfigError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
        path: shown.clone(),
        source,
    })?;
    load_rule_file(&shown, &text)
}

/// Builds the rule set: the defaults (unless the configuration turns them
/// off), then the configuration's rule files, then the command line's;
/// then selection, ignores and severity overrides, the command line's
/// applied after the configuration's.
pub fn build_rule_set(
    project: Option<&ProjectConfig>,
    selection: &Selection,
) -> Result<RuleSet, ConfigError> {
    let mut rules = RuleSet::default();
    if project.is_none_or(|config| config.default_rules) {
        rules.extend(default_rules()?);
    }
    if let Some(config) = project {
        for file in &config.rules {
            rules.extend(read_rule_file(&config.directory.join(file))?);
        }
    }
    for file in &selection.rule_files {
        rules.extend(read_rule_file(file)?);
    }

    let config_name = project.map_or_else(String::new, |config| config.path.display().to_string());
    let known = |id: &str, origin: &str, rules: &RuleSet| -> Result<(), ConfigError> {
        if rules.get(id).is_some() || id == crate::suppress::UNUSED_SUPPRESSION {
            Ok(())
        } else {
            Err(ConfigError::UnknownRule {
                id: id.to_owned(),
                origin: origin.to_owned(),
            })
        }
    };
    if let Some(config) = project {
        for (id, severity) in &config.severity {
            known(id, &config_name, &rules)?;
            rules.set_severity(id, *severity);
        }
        let path_rules = config.ignore.iter().flat_map(|entry| match entry {
            IgnoreEntry::Path(ignore) => ignore.rules.as_slice(),
            IgnoreEntry::Rule(_) => &[],
        });
        for id in config
            .select
            .iter()
            .flatten()
            .chain(&config.extend_select)
            .chain(config.ignored_rules())
            .chain(path_rules)
        {
            known(id, &config_name, &rules)?;
        }
    }
    for id in selection
        .select
        .iter()
        .chain(&selection.extend_select)
        .chain(&selection.ignore)
    {
        known(id, "command line", &rules)?;
    }

    let config_select = project.and_then(|config| config.select.clone());
    let config_ignore: Vec<String> = project
        .map(|config| config.ignored_rules().cloned().collect())
        .unwrap_or_default();
    let config_extend: &[String] = project.map_or(&[], |config| &config.extend_select);
    // A rule shipped with `enabled = false` runs only when a select or
    // extend-select list names it; a select list replaces the defaults.
    let in_force = |id: &str, enabled: bool| {
        let named = |select: &[String]| select.iter().any(|select| select == id);
        let extended = named(&selection.extend_select) || named(config_extend);
        let selected = extended
            || if !selection.select.is_empty() {
                named(&selection.select)
            } else {
                match &config_select {
                    Some(select) => named(select),
                    None => enabled,
                }
            };
        selected
            && !config_ignore.iter().any(|ignore| ignore == id)
            && !selection.ignore.iter().any(|ignore| ignore == id)
    };
    rules.retain(|meta| in_force(&meta.id, meta.enabled));
    rules.report_unused_suppressions = in_force(crate::suppress::UNUSED_SUPPRESSION, true);
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> String {
        load_rule_file("news.toml", text)
            .expect_err("should not load")
            .to_string()
    }

    #[test]
    fn default_rules_load_and_pass_their_examples() {
        let rules = default_rules().expect("embedded defaults load");
        assert!(!rules.is_empty());
        for rule in &rules {
            let failures = rule.test_examples();
            assert!(failures.is_empty(), "{}: {failures:#?}", rule.meta.id);
        }
    }

    #[test]
    fn unknown_key_names_line_and_column() {
        let text = "[[rule]]\nid = \"a\"\nkind = \"existence\"\nphrases = [\"x\"]\n\n[[rule]]\nid = \"b\"\nkind = \"existence\"\nphrasez = [\"y\"]\n";
        assert_eq!(
            error(text),
            "news.toml:9:1: unknown field `phrasez`, expected one of `id`, `kind`, `severity`, `enabled`, `message`, `summary`, `flagged`, `clean`, `phrases`, `standalone`, `patterns`, `ignore-case`, `merge-adjacent`, `fix`"
        );
    }

    #[test]
    fn unknown_kind_points_at_the_kind() {
        assert_eq!(
            error("[[rule]]\nid = \"a\"\nkind = \"existance\"\n"),
            "news.toml:3:8: unknown rule kind `existance`; the kinds are acronym-definition, age-consistency, calendar, existence, name-consistency, number-consistency, paired-delimiters, repetition, substitution, title-consistency"
        );
    }

    #[test]
    fn wrong_type_points_at_the_value() {
        assert_eq!(
            error("[[rule]]\nid = \"a\"\nkind = \"existence\"\nphrases = 3\n"),
            "news.toml:4:11: invalid type: integer `3`, expected a sequence"
        );
    }

    #[test]
    fn invalid_pattern_names_the_rule() {
        let message = error(
            "[[rule]]\nid = \"bad-pattern\"\nkind = \"existence\"\npatterns = ['(unclosed']\n",
        );
        assert!(
            message
                .starts_with("news.toml:2:6: rule `bad-pattern`: pattern \"(unclosed\" is invalid"),
            "{message}"
        );
    }

    #[test]
    fn toml_syntax_error_has_a_position() {
        assert!(
            error("[[rule]\nid = 1").starts_with("news.toml:1:"),
            "{}",
            error("[[rule]\nid = 1")
        );
    }

    #[test]
    fn duplicate_ids_in_one_file() {
        assert_eq!(
            error("[[rule]]\nid = \"a\"\nkind = \"existence\"\nphrases = [\"x\"]\n[[rule]]\nid = \"a\"\nkind = \"existence\"\nphrases = [\"y\"]\n"),
            "news.toml:6:6: rule id `a` is already declared on line 2"
        );
    }

    #[test]
    fn ids_are_kebab_case() {
        assert!(
            error("[[rule]]\nid = \"Bad Id\"\nkind = \"existence\"\nphrases = [\"x\"]\n")
                .contains("lowercase words")
        );
    }

    #[test]
    fn later_files_replace_rules_by_id() {
        let mut set = RuleSet::new(
            load_rule_file(
                "a",
                "[[rule]]\nid = \"x\"\nkind = \"existence\"\nphrases = [\"one\"]\n",
            )
            .unwrap(),
        );
        set.extend(load_rule_file("b", "[[rule]]\nid = \"x\"\nkind = \"existence\"\nseverity = \"error\"\nphrases = [\"two\"]\n").unwrap());
        assert_eq!(set.rules().len(), 1);
        assert_eq!(set.rules()[0].meta.origin.path, "b");
        assert_eq!(set.rules()[0].meta.severity, Severity::Error);
    }

    #[test]
    fn rules_shipped_off_run_only_when_selected() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("extra.toml");
        std::fs::write(
            &file,
            "[[rule]]\nid = \"shy\"\nkind = \"existence\"\nenabled = false\nphrases = [\"x\"]\n",
        )
        .unwrap();
        let in_force = |select: &[&str], extend: &[&str]| {
            let selection = Selection {
                rule_files: vec![file.clone()],
                select: select.iter().map(|id| id.to_string()).collect(),
                extend_select: extend.iter().map(|id| id.to_string()).collect(),
                ignore: Vec::new(),
            };
            let rules = build_rule_set(None, &selection).unwrap();
            let ids: Vec<String> = rules
                .rules()
                .iter()
                .map(|rule| rule.meta.id.clone())
                .collect();
            (
                ids.contains(&"shy".to_owned()),
                ids.contains(&"name-variant".to_owned()),
            )
        };
        assert_eq!(in_force(&[], &[]), (false, true));
        assert_eq!(in_force(&[], &["shy"]), (true, true));
        assert_eq!(in_force(&["shy"], &[]), (true, false));
        assert_eq!(in_force(&["name-variant"], &[]), (false, true));
    }
}
