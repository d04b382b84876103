//! Findings as plain data: what a rule reports, independent of how it is
//! drawn. Renderers in [`crate::render`] turn these into text, JSON and the
//! other formats.

use serde::{Deserialize, Serialize};

use crate::source::Span;

/// How serious a finding is. The order is from least to most severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a fix can be applied without an editor looking at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// The replacement cannot change what the copy says.
    Safe,
    /// The replacement is probably right but needs a human decision, e.g.
    /// inside a direct quotation, or where either of two parts may be wrong.
    Unsafe,
}

/// A replacement for the diagnostic's primary span.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub replacement: String,
    pub applicability: Applicability,
}

/// A secondary location with a short label, e.g. “spelled “Milley” here”.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

/// One finding of one rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The rule instance id, e.g. `name-variant`.
    pub rule: String,
    pub severity: Severity,
    /// One line that quotes the text.
    pub message: String,
    pub span: Span,
    pub related: Vec<Related>,
    /// Advice for the editor, shown as a help line.
    pub help: Option<String>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn new(rule: &str, severity: Severity, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            rule: rule.to_owned(),
            severity,
            message: message.into(),
            span,
            related: Vec::new(),
            help: None,
            fix: None,
        }
    }

    /// The diagnostic with every place moved `offset` bytes later: a
    /// finding in one part of a text, placed in the whole.
    pub fn shifted(mut self, offset: usize) -> Self {
        let shift = |span: Span| Span::new(span.start + offset, span.end + offset);
        self.span = shift(self.span);
        for related in &mut self.related {
            related.span = shift(related.span);
        }
        self
    }

    pub fn with_related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_fix(
        mut self,
        replacement: impl Into<String>,
        applicability: Applicability,
    ) -> Self {
        self.fix = Some(Fix {
            replacement: replacement.into(),
            applicability,
        });
        self
    }
}

/// Sorts findings into the one order every output uses: by start offset,
/// then rule id, then end, then message, so output is deterministic.
pub fn sort_diagnostics(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.span.start, &a.rule, a.span.end, &a.message).cmp(&(
            b.span.start,
            &b.rule,
            b.span.end,
            &b.message,
        ))
    });
}

/// Stable identities for findings, for SARIF `partialFingerprints` and
/// baselines: a hash of the rule, the flagged text (white space collapsed)
/// and how many earlier findings in the file had the same rule and text.
/// Line numbers are left out on purpose, so a finding keeps its identity
/// when an edit above it moves it.
pub fn fingerprints(text: &str, diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut seen: std::collections::HashMap<(String, String), u32> =
        std::collections::HashMap::new();
    diagnostics
        .iter()
        .map(|diagnostic| {
            let flagged = text
                .get(diagnostic.span.start..diagnostic.span.end)
                .unwrap_or_default()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let occurrence = seen
                .entry((diagnostic.rule.clone(), flagged.clone()))
                .or_insert(0);
            let hash = fnv1a64(&[
                diagnostic.rule.as_bytes(),
                b"\0",
                flagged.as_bytes(),
                b"\0",
                &occurrence.to_le_bytes(),
            ]);
            *occurrence += 1;
            format!("{hash:016x}")
        })
        .collect()
}

/// FNV-1a, 64 bits: tiny, stable across platforms and releases.
fn fnv1a64(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &byte in *part {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_ignore_position_but_count_repeats() {
        let finding =
            |start, end| Diagnostic::new("rule", Severity::Error, Span::new(start, end), "m");
        let text = "Kiev and Kiev";
        let before = fingerprints(text, &[finding(0, 4), finding(9, 13)]);
        assert_ne!(before[0], before[1]);
        let moved = "Intro.\n\nKiev and Kiev";
        let after = fingerprints(moved, &[finding(8, 12), finding(17, 21)]);
        assert_eq!(before, after);
    }
}
