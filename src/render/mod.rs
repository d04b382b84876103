//! Output formats. Each renderer writes to any [`std::io::Write`]; only
//! renderers and the binary write output.
//!
//! A run produces one [`FileReport`] per input file, in a deterministic
//! order; every format renders the same reports.

pub mod human;
pub mod json;

use crate::diagnostic::{Diagnostic, Severity};

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
        let mut summary = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for report in reports {
            summary.errors += usize::from(report.error.is_some());
            summary.diagnostics += report.diagnostics.len();
            for diagnostic in &report.diagnostics {
                summary.by_severity[severity_index(diagnostic.severity)] += 1;
            }
        }
        summary
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
