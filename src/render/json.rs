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
        let (start, end) = index.span_line_columns(text, span);
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

pub(crate) fn json_diagnostics(report: &FileReport) -> impl Iterator<Item = JsonDiagnostic<'_>> {
    let index = LineIndex::new(&report.text);
    let text = report.text.as_str();
    report
        .diagnostics
        .iter()
        .map(move |diagnostic| json_diagnostic(text, &index, diagnostic))
}

fn json_diagnostic<'a>(
    text: &str,
    index: &LineIndex,
    diagnostic: &'a Diagnostic,
) -> JsonDiagnostic<'a> {
    JsonDiagnostic {
        rule: &diagnostic.rule,
        severity: diagnostic.severity.as_str(),
        message: &diagnostic.message,
        span: JsonSpan::new(text, index, diagnostic.span),
        related: diagnostic
            .related
            .iter()
            .map(|related| JsonRelated {
                span: JsonSpan::new(text, index, related.span),
                message: &related.message,
            })
            .collect(),
        help: diagnostic.help.as_deref(),
        fix: diagnostic.fix.as_ref(),
    }
}

/// Bytes of a file's report gathered before they are written out: small
/// enough that a file with a hundred thousand findings does not hold its
/// whole report, large enough that the writer is called rarely.
pub(crate) const FLUSH_BYTES: usize = 64 * 1024;

#[derive(Debug, Default)]
pub struct JsonReporter {
    files_written: usize,
    /// The report being written, serialized here rather than straight to
    /// the writer: serde writes a few bytes at a time, and each write
    /// through `dyn Write` is a call of its own.
    buffer: Vec<u8>,
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
        // {"path":…,"error":…,"diagnostics":[…]}, one diagnostic at a time.
        let buffer = &mut self.buffer;
        buffer.clear();
        if self.files_written > 0 {
            buffer.push(b',');
        }
        buffer.extend_from_slice(b"\n{\"path\":");
        serde_json::to_writer(&mut *buffer, &report.path)?;
        buffer.extend_from_slice(b",\"error\":");
        serde_json::to_writer(&mut *buffer, &report.error)?;
        buffer.extend_from_slice(b",\"diagnostics\":[");
        for (number, diagnostic) in json_diagnostics(report).enumerate() {
            if number > 0 {
                buffer.push(b',');
            }
            serde_json::to_writer(&mut *buffer, &diagnostic)?;
            if buffer.len() >= FLUSH_BYTES {
                out.write_all(buffer)?;
                buffer.clear();
            }
        }
        buffer.extend_from_slice(b"]}");
        out.write_all(buffer)?;
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
