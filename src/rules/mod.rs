//! Rules: the [`Rule`] trait, the registry of rule *kinds*, and the loaded
//! [`RuleSet`] that checks an article.
//!
//! A rule *kind* is Rust code (one file per kind in this folder, its module
//! doc being its user documentation). A rule *instance* is a `[[rule]]`
//! table in a rule file (`rules/default.toml` and any `--rules FILE`) that
//! names a kind and gives its id, severity, message and options. The
//! default instances are embedded in the binary.

/// Declares a kind's options struct: the fields every rule instance has
/// (`id`, `kind`, `severity`, `enabled`, `message`, `summary`, `flagged`,
/// `clean`)
/// followed by the kind's own. Unknown keys are errors, so a misspelt
/// option is reported with its line and column instead of being ignored.
macro_rules! rule_options {
    (
        $(#[$attribute:meta])*
        pub struct $name:ident {
            $( $(#[$field_attribute:meta])* pub $field:ident : $type:ty ),* $(,)?
        }
    ) => {
        $(#[$attribute])*
        #[derive(Clone, Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields, rename_all = "kebab-case")]
        pub struct $name {
            pub id: toml::Spanned<String>,
            pub kind: String,
            #[serde(default)]
            pub severity: Option<crate::diagnostic::Severity>,
            #[serde(default = "crate::rules::enabled_by_default")]
            pub enabled: bool,
            #[serde(default)]
            pub message: Option<String>,
            #[serde(default)]
            pub summary: Option<String>,
            #[serde(default)]
            pub flagged: Vec<String>,
            #[serde(default)]
            pub clean: Vec<String>,
            $( $(#[$field_attribute])* pub $field: $type, )*
        }

        impl crate::rules::HasCommonOptions for $name {
            fn common(&self) -> crate::rules::CommonOptions<'_> {
                crate::rules::CommonOptions {
                    id: &self.id,
                    severity: self.severity,
                    enabled: self.enabled,
                    summary: self.summary.as_deref(),
                    flagged: &self.flagged,
                    clean: &self.clean,
                }
            }
        }
    };
}

pub mod acronym_definition;
pub mod age_consistency;
pub mod calendar;
pub mod existence;
pub mod name_consistency;
pub mod number_consistency;
pub mod paired_delimiters;
pub mod repetition;
pub mod substitution;
#[cfg(test)]
pub(crate) mod testing;
pub mod title_consistency;

use crate::diagnostic::{sort_diagnostics, Diagnostic, Severity};
use crate::model::Article;
use crate::source::Span;

include!(concat!(env!("OUT_DIR"), "/kind_documentation.rs"));

/// A rule kind: the code behind rule instances of one `kind = "…"`.
#[derive(Clone, Copy, Debug)]
pub struct RuleKind {
    pub name: &'static str,
    /// One line for `copydesk rules` when an instance gives no summary.
    pub summary: &'static str,
    pub default_severity: Severity,
}

/// The options every instance shares, borrowed from a kind's options.
pub struct CommonOptions<'a> {
    pub id: &'a toml::Spanned<String>,
    pub severity: Option<Severity>,
    /// `false` ships the rule off: it runs only when selected by id.
    pub enabled: bool,
    pub summary: Option<&'a str>,
    pub flagged: &'a [String],
    pub clean: &'a [String],
}

/// Serde default for `enabled`.
pub(crate) fn enabled_by_default() -> bool {
    true
}

pub trait HasCommonOptions {
    fn common(&self) -> CommonOptions<'_>;
}

/// A kind's options, as read from a `[[rule]]` table, and how they become a
/// runnable rule.
pub trait KindOptions: HasCommonOptions + serde::de::DeserializeOwned {
    const KIND: RuleKind;

    /// Validates the options (compiling patterns and the like). The error
    /// is one line naming the offending option.
    fn build(self) -> Result<Box<dyn Rule>, String>;
}

/// Every rule kind, sorted by name. Tests keep this list, the kind
/// dispatch in [`crate::config`], the documentation and the default rule
/// file in step.
pub const RULE_KINDS: &[RuleKind] = &[
    <acronym_definition::Options as KindOptions>::KIND,
    <age_consistency::Options as KindOptions>::KIND,
    <calendar::Options as KindOptions>::KIND,
    <existence::Options as KindOptions>::KIND,
    <name_consistency::Options as KindOptions>::KIND,
    <number_consistency::Options as KindOptions>::KIND,
    <paired_delimiters::Options as KindOptions>::KIND,
    <repetition::Options as KindOptions>::KIND,
    <substitution::Options as KindOptions>::KIND,
    <title_consistency::Options as KindOptions>::KIND,
];

/// The documentation of a kind: its module doc comment.
pub fn kind_documentation(name: &str) -> Option<&'static str> {
    KIND_DOCUMENTATION
        .iter()
        .find(|(kind, _)| *kind == name)
        .map(|(_, doc)| *doc)
}

/// The code of one rule instance. It reads the article's facts and pushes
/// findings; it never fails (a rule that cannot apply finds nothing).
pub trait Rule: Send + Sync + std::fmt::Debug {
    fn check(&self, article: &Article<'_>, report: &mut Report<'_>);
}

/// Where a rule instance was declared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The rule file as named on the command line or in configuration, or
    /// `<default>` for the embedded rules.
    pub path: String,
    /// 1-based line of the instance's `id`.
    pub line: usize,
}

/// What every rule instance declares besides its kind's options.
#[derive(Clone, Debug)]
pub struct RuleMeta {
    pub id: String,
    pub kind: &'static str,
    pub severity: Severity,
    /// Whether the rule runs without being selected by id.
    pub enabled: bool,
    /// One line for `copydesk rules`.
    pub summary: String,
    /// Examples that must produce a finding of this rule.
    pub flagged: Vec<String>,
    /// Examples that must produce none.
    pub clean: Vec<String>,
    pub origin: Origin,
}

/// A rule instance ready to run.
#[derive(Debug)]
pub struct LoadedRule {
    pub meta: RuleMeta,
    pub rule: Box<dyn Rule>,
}

impl LoadedRule {
    /// Runs this rule alone over `article`.
    pub fn check(&self, article: &Article<'_>) -> Vec<Diagnostic> {
        Report::collect(&self.meta, |report| self.rule.check(article, report))
    }

    /// Checks the rule's own `flagged` and `clean` examples.
    pub fn test_examples(&self) -> Vec<ExampleFailure> {
        let mut failures = Vec::new();
        for (examples, expect_finding) in [(&self.meta.flagged, true), (&self.meta.clean, false)] {
            for example in examples {
                let article = Article::parse(example);
                let found = self.check(&article);
                if found.is_empty() == expect_finding {
                    failures.push(ExampleFailure {
                        rule: self.meta.id.clone(),
                        example: example.clone(),
                        expected_finding: expect_finding,
                        found,
                    });
                }
            }
        }
        failures
    }
}

/// A `flagged` example with no finding, or a `clean` one with findings.
#[derive(Clone, Debug)]
pub struct ExampleFailure {
    pub rule: String,
    pub example: String,
    pub expected_finding: bool,
    pub found: Vec<Diagnostic>,
}

/// Where a rule reports its findings; it stamps each with the rule's id and
/// severity.
pub struct Report<'a> {
    meta: &'a RuleMeta,
    out: &'a mut Vec<Diagnostic>,
    /// The most findings `out` takes; a finding past them is dropped and
    /// `overflowed` set.
    limit: usize,
    overflowed: bool,
}

impl Report<'_> {
    /// Every finding `check` reports as the rule `meta`, with no limit.
    pub(crate) fn collect(meta: &RuleMeta, check: impl FnOnce(&mut Report<'_>)) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        check(&mut Report {
            meta,
            out: &mut out,
            limit: usize::MAX,
            overflowed: false,
        });
        out
    }

    pub fn meta(&self) -> &RuleMeta {
        self.meta
    }

    /// A new finding of this rule at its configured severity.
    pub fn diagnostic(&self, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(&self.meta.id, self.meta.severity, span, message)
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        if self.out.len() < self.limit {
            self.out.push(diagnostic);
        } else {
            self.overflowed = true;
        }
    }
}

/// The rules in force for a run, in declaration order.
#[derive(Debug)]
pub struct RuleSet {
    rules: Vec<LoadedRule>,
    /// Whether suppressions that suppress nothing are reported (the
    /// built-in `unused-suppression` check).
    pub report_unused_suppressions: bool,
}

impl Default for RuleSet {
    fn default() -> Self {
        RuleSet::new(Vec::new())
    }
}

impl RuleSet {
    pub fn new(rules: Vec<LoadedRule>) -> Self {
        RuleSet {
            rules,
            report_unused_suppressions: true,
        }
    }

    pub fn rules(&self) -> &[LoadedRule] {
        &self.rules
    }

    pub fn get(&self, id: &str) -> Option<&LoadedRule> {
        self.rules.iter().find(|rule| rule.meta.id == id)
    }

    /// Adds rules; an instance with the id of an earlier one replaces it,
    /// so a newsroom's rule file can redefine a default rule.
    pub fn extend(&mut self, rules: Vec<LoadedRule>) {
        for rule in rules {
            match self
                .rules
                .iter_mut()
                .find(|old| old.meta.id == rule.meta.id)
            {
                Some(old) => *old = rule,
                None => self.rules.push(rule),
            }
        }
    }

    /// Keeps only the rules `keep` accepts.
    pub fn retain(&mut self, mut keep: impl FnMut(&RuleMeta) -> bool) {
        self.rules.retain(|rule| keep(&rule.meta));
    }

    pub fn set_severity(&mut self, id: &str, severity: Severity) -> bool {
        match self.rules.iter_mut().find(|rule| rule.meta.id == id) {
            Some(rule) => {
                rule.meta.severity = severity;
                true
            }
            None => false,
        }
    }

    /// Runs every rule over the article; findings sorted by (start, rule).
    pub fn check(&self, article: &Article<'_>) -> Vec<Diagnostic> {
        match self.check_within(article, usize::MAX) {
            Ok(out) | Err(out) => out,
        }
    }

    /// [`RuleSet::check`], unless the rules report more than `limit`
    /// findings: then the first `limit` they reported, as an error. Those
    /// past the limit are dropped as they come, so a text made of slips
    /// never holds more.
    pub fn check_within(
        &self,
        article: &Article<'_>,
        limit: usize,
    ) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
        let mut out = Vec::new();
        for rule in &self.rules {
            let mut report = Report {
                meta: &rule.meta,
                out: &mut out,
                limit,
                overflowed: false,
            };
            rule.rule.check(article, &mut report);
            if report.overflowed {
                return Err(out);
            }
        }
        sort_diagnostics(&mut out);
        out.dedup();
        Ok(out)
    }
}

/// The matches in `text` that are whole words, given `find_at` (the first
/// match starting at or after a byte offset, as a regex's `find_at`): a match that
/// starts (or ends) with a word character must not continue a word before
/// (or after) it, so "Share this" is not found in "share thistles".
///
/// Rules search without `\b` in their patterns because the regex crate's
/// fast engines cannot evaluate a Unicode word boundary: a single `\b`
/// sends the whole search to its slowest engine.
pub(crate) fn whole_word_matches<'t>(
    find_at: impl Fn(usize) -> Option<Span> + 't,
    text: &'t str,
) -> impl Iterator<Item = Span> + 't {
    let mut position = 0;
    std::iter::from_fn(move || {
        while position <= text.len() {
            let span = find_at(position)?;
            if is_whole_word(text, span) {
                position = span.end.max(span.start + 1);
                return Some(span);
            }
            // A later whole-word match may start inside this one.
            position = span.start + text[span.start..].chars().next().map_or(1, char::len_utf8);
        }
        None
    })
    .filter(|span| !span.is_empty())
}

fn is_whole_word(text: &str, span: Span) -> bool {
    use crate::syntax::tokens::is_word_char;
    let matched = span.slice(text);
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    let continues_before = matched.starts_with(is_word_char) && before.is_some_and(is_word_char);
    let continues_after = matched.ends_with(is_word_char) && after.is_some_and(is_word_char);
    !continues_before && !continues_after
}

/// Fills `{name}` placeholders in a message template. Unknown placeholders
/// are left as written, so a typo in a rule file shows in the output
/// rather than vanishing.
pub fn fill_template(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match values.iter().find(|(key, _)| *key == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// docs/rules.md: every rule kind's documentation, with the default
/// instances of each. A test keeps the file in step with this text.
pub fn rules_markdown(default_rules: &[LoadedRule]) -> String {
    let mut out = String::from(
        "# Rule kinds\n\n<!-- Generated from the doc comments of src/rules/*.rs by `COPYDESK_UPDATE_DOCS=1 cargo test --test docs`; do not edit by hand. -->\n\n",
    );
    out.push_str("| kind | default rules |\n|---|---|\n");
    for kind in RULE_KINDS {
        let instances: Vec<String> = default_rules
            .iter()
            .filter(|rule| rule.meta.kind == kind.name)
            .map(|rule| format!("`{}` ({})", rule.meta.id, rule.meta.severity))
            .collect();
        let instances = if instances.is_empty() {
            "—".to_owned()
        } else {
            instances.join(", ")
        };
        out.push_str(&format!(
            "| [`{}`](#{}) | {instances} |\n",
            kind.name, kind.name
        ));
    }
    for kind in RULE_KINDS {
        out.push('\n');
        let mut in_code = false;
        for line in kind_documentation(kind.name).unwrap_or_default().lines() {
            in_code ^= line.starts_with("```");
            // Headings move one level down under the page title; a `#` in a
            // code example is a TOML comment and stays as written.
            if line.starts_with('#') && !in_code {
                out.push('#');
            }
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_sorted_unique_and_documented() {
        for pair in RULE_KINDS.windows(2) {
            assert!(
                pair[0].name < pair[1].name,
                "{} before {}",
                pair[0].name,
                pair[1].name
            );
        }
        for kind in RULE_KINDS {
            let doc = kind_documentation(kind.name)
                .unwrap_or_else(|| panic!("kind {} has no source file doc", kind.name));
            for section in [
                "## What it does",
                "## Why it matters",
                "## Example",
                "## Options",
            ] {
                assert!(
                    doc.contains(section),
                    "kind {} doc lacks {section:?}",
                    kind.name
                );
            }
        }
    }

    #[test]
    fn templates_fill_known_placeholders_only() {
        assert_eq!(
            fill_template(
                "“{match}” → “{replacement}” {other}",
                &[("match", "Kiev"), ("replacement", "Kyiv")]
            ),
            "“Kiev” → “Kyiv” {other}"
        );
        assert_eq!(fill_template("open { brace", &[]), "open { brace");
    }
}
