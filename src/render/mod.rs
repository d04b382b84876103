//! Output formats. Each renderer writes to any [`std::io::Write`]; only
//! renderers and the binary write output.
//!
//! A run produces one [`FileReport`] per input file, in a deterministic
//! order; every format renders the same reports.

pub mod checkstyle;
pub mod facts;
pub mod github;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod sarif;

use std::io::{self, Write};

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::RuleSet;

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// rustc-style snippets for people.
    Human,
    /// One JSON document (docs/json.md).
    Json,
    /// One JSON object per diagnostic per line, written as each file finishes.
    Jsonl,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// Checkstyle XML, for CI dashboards.
    Checkstyle,
}

/// What a format needs to know of a rule to describe it (SARIF lists every
/// rule in force).
#[derive(Clone, Debug)]
pub struct RuleInfo {
    pub id: String,
    pub kind: &'static str,
    pub severity: Severity,
    pub summary: String,
    pub documentation: &'static str,
}

impl RuleInfo {
    pub fn of(rules: &RuleSet) -> Vec<RuleInfo> {
        rules
            .rules()
            .iter()
            .map(|rule| RuleInfo {
                id: rule.meta.id.clone(),
                kind: rule.meta.kind,
                severity: rule.meta.severity,
                summary: rule.meta.summary.clone(),
                documentation: crate::rules::kind_documentation(rule.meta.kind).unwrap_or_default(),
            })
            .collect()
    }
}

/// A format, fed one file at a time in the run's order, so output can be
/// written as files finish and no file's text is kept longer than needed.
pub trait Reporter {
    fn start(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()>;

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()>;
}

/// The reporter for a format. `color` applies to the human format only.
pub fn reporter(format: Format, rules: Vec<RuleInfo>, color: bool) -> Box<dyn Reporter> {
    match format {
        Format::Human => Box::new(human::HumanRenderer::new(color)),
        Format::Json => Box::new(json::JsonReporter::default()),
        Format::Jsonl => Box::<jsonl::JsonLinesReporter>::default(),
        Format::Sarif => Box::new(sarif::SarifReporter::new(rules)),
        Format::Github => Box::new(github::GithubReporter),
        Format::Checkstyle => Box::new(checkstyle::CheckstyleReporter),
    }
}

/// Renders whole reports with one format into a string (for tests and
/// small runs).
pub fn render_to_string(format: Format, rules: Vec<RuleInfo>, reports: &[FileReport]) -> String {
    let mut reporter = reporter(format, rules, false);
    let mut out = Vec::new();
    let mut summary = Summary::default();
    let result = (|| -> io::Result<()> {
        reporter.start(&mut out)?;
        for report in reports {
            summary.add(report);
            reporter.file(&mut out, report)?;
        }
        reporter.finish(&mut out, &summary)
    })();
    result.expect("writing to a Vec does not fail");
    String::from_utf8(out).expect("renderers write UTF-8")
}

/// The result of checking one file.
#[derive(Clone, Debug)]
pub struct FileReport {
    /// The path as given, or as found under a given directory; `-` for
    /// standard input.
    pub path: String,
    /// The file's text (empty when it could not be read).
    pub text: String,
    /// Why the file could not be checked, if it could not.
    pub error: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
    /// With `--diff`: the fixes as a unified diff.
    pub diff: Option<String>,
    /// Fixes applied to the file (with `--fix`).
    pub fixes_applied: usize,
}

/// Counts over a whole run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub diagnostics: usize,
    /// Files that could not be checked.
    pub errors: usize,
    pub by_severity: [usize; 3],
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut summary = Summary::default();
        for report in reports {
            summary.add(report);
        }
        summary
    }

    pub fn add(&mut self, report: &FileReport) {
        self.files += 1;
        self.errors += usize::from(report.error.is_some());
        self.diagnostics += report.diagnostics.len();
        for diagnostic in &report.diagnostics {
            self.by_severity[severity_index(diagnostic.severity)] += 1;
        }
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.by_severity[severity_index(severity)]
    }
}

fn severity_index(severity: Severity) -> usize {
    match severity {
        Severity::Info => 0,
        Severity::Warning => 1,
        Severity::Error => 2,
    }
}
