//! The JSON format: the contract editors and CI build on, documented in
//! docs/json.md. Version 1; fields are only ever added.

use std::io::{self, Write};

use serde::Serialize;

use super::{FileReport, Reporter, Summary};
use crate::diagnostic::{Diagnostic, Fix};
use crate::source::{LineIndex, Span};

pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
pub(crate) struct JsonFile<'a> {
    path: &'a str,
    error: Option<&'a str>,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
pub(crate) struct JsonDiagnostic<'a> {
    rule: &'a str,
    severity: &'static str,
    message: &'a str,
    span: JsonSpan,
    related: Vec<JsonRelated<'a>>,
    help: Option<&'a str>,
    fix: Option<&'a Fix>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    span: JsonSpan,
    message: &'a str,
}

/// A byte range with its 1-based lines and columns (columns in Unicode
/// scalar values).
#[derive(Serialize)]
pub(crate) struct JsonSpan {
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

impl JsonSpan {
    pub(crate) fn new(text: &str, index: &LineIndex, span: Span) -> Self {
        let start = index.line_column(text, span.start);
        let end = index.line_column(text, span.end);
        JsonSpan {
            start: span.start,
            end: span.end,
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
        }
    }
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    diagnostics: usize,
    errors: usize,
}

pub(crate) fn json_file(report: &FileReport) -> JsonFile<'_> {
    JsonFile {
        path: &report.path,
        error: report.error.as_deref(),
        diagnostics: json_diagnostics(report),
    }
}

/// A file's findings in the JSON shape, positions computed from one line
/// index.
pub(crate) fn json_diagnostics(report: &FileReport) -> Vec<JsonDiagnostic<'_>> {
    let index = LineIndex::new(&report.text);
    let text = report.text.as_str();
    report
        .diagnostics
        .iter()
        .map(|diagnostic: &Diagnostic| JsonDiagnostic {
            rule: &diagnostic.rule,
            severity: diagnostic.severity.as_str(),
            message: &diagnostic.message,
            span: JsonSpan::new(text, &index, diagnostic.span),
            related: diagnostic
                .related
                .iter()
                .map(|related| JsonRelated {
                    span: JsonSpan::new(text, &index, related.span),
                    message: &related.message,
                })
                .collect(),
            help: diagnostic.help.as_deref(),
            fix: diagnostic.fix.as_ref(),
        })
        .collect()
}

/// Writes the run as one JSON document, a file at a time.
#[derive(Debug, Default)]
pub struct JsonReporter {
    files_written: usize,
}

impl Reporter for JsonReporter {
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let tool = Tool {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
        };
        write!(out, "{{\"version\":{FORMAT_VERSION},\"tool\":")?;
        serde_json::to_writer(&mut *out, &tool)?;
        write!(out, ",\"files\":[")
    }

    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        if self.files_written > 0 {
            write!(out, ",")?;
        }
        writeln!(out)?;
        serde_json::to_writer(&mut *out, &json_file(report))?;
        self.files_written += 1;
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let summary = JsonSummary {
            files: summary.files,
            diagnostics: summary.diagnostics,
            errors: summary.errors,
        };
        write!(out, "\n],\"summary\":")?;
        serde_json::to_writer(&mut *out, &summary)?;
        writeln!(out, "}}")
    }
}

/// Writes whole reports as one JSON document.
pub fn write(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let mut reporter = JsonReporter::default();
    reporter.start(out)?;
    for report in reports {
        reporter.file(out, report)?;
    }
    reporter.finish(out, &Summary::of(reports))
}
