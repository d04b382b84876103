//! The JSON format: the contract editors and CI build on, documented in
//! docs/json.md. Version 1; fields are only ever added.

use std::io::{self, Write};

use serde::Serialize;

use super::{FileReport, Reporter, Summary};
use crate::diagnostic::{Diagnostic, Fix};
use crate::source::{LineColumn, LineIndex, Span};

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

/// Writes `diagnostic` as serde_json writes its [`JsonDiagnostic`], by
/// hand: a report of a hundred thousand findings spent more on serde's
/// generic path (a call per field, every string escaped byte by byte, a
/// `Vec` of related spans) than on finding them.
fn write_diagnostic(
    buffer: &mut Vec<u8>,
    diagnostic: &Diagnostic,
    primary: &mut Columns,
    related: &mut Columns,
) -> io::Result<()> {
    buffer.extend_from_slice(b"{\"rule\":");
    write_str(buffer, &diagnostic.rule)?;
    buffer.extend_from_slice(b",\"severity\":");
    write_str(buffer, diagnostic.severity.as_str())?;
    buffer.extend_from_slice(b",\"message\":");
    write_str(buffer, &diagnostic.message)?;
    buffer.extend_from_slice(b",\"span\":");
    write_span(buffer, diagnostic.span, primary);
    buffer.extend_from_slice(b",\"related\":[");
    for (number, label) in diagnostic.related.iter().enumerate() {
        if number > 0 {
            buffer.push(b',');
        }
        buffer.extend_from_slice(b"{\"span\":");
        write_span(buffer, label.span, related);
        buffer.extend_from_slice(b",\"message\":");
        write_str(buffer, &label.message)?;
        buffer.push(b'}');
    }
    buffer.extend_from_slice(b"],\"help\":");
    match &diagnostic.help {
        Some(help) => write_str(buffer, help)?,
        None => buffer.extend_from_slice(b"null"),
    }
    buffer.extend_from_slice(b",\"fix\":");
    // Few findings carry a fix: serde writes it.
    serde_json::to_writer(&mut *buffer, &diagnostic.fix)?;
    buffer.push(b'}');
    Ok(())
}

/// Writes a [`JsonSpan`] as serde_json writes it.
fn write_span(buffer: &mut Vec<u8>, span: Span, columns: &mut Columns) {
    let (start, end) = columns.span_line_columns(span);
    let fields: [(&[u8], usize); 6] = [
        (b"{\"start\":", span.start),
        (b",\"end\":", span.end),
        (b",\"line\":", start.line),
        (b",\"column\":", start.column),
        (b",\"end_line\":", end.line),
        (b",\"end_column\":", end.column),
    ];
    for (key, number) in fields {
        buffer.extend_from_slice(key);
        write_number(buffer, number);
    }
    buffer.push(b'}');
}

/// Writes `number` in decimal, as serde_json does: two digits at a time,
/// as its `itoa` does, halving the divisions.
fn write_number(buffer: &mut Vec<u8>, mut number: usize) {
    const PAIRS: &[u8; 200] = b"\
        0001020304050607080910111213141516171819\
        2021222324252627282930313233343536373839\
        4041424344454647484950515253545556575859\
        6061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899";
    let mut digits = [0u8; 20];
    let mut first = digits.len();
    while number >= 10 {
        let pair = number % 100 * 2;
        number /= 100;
        first -= 2;
        digits[first..first + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
    }
    if number > 0 || first == digits.len() {
        first -= 1;
        digits[first] = b'0' + number as u8;
    }
    buffer.extend_from_slice(&digits[first..]);
}

/// Writes `text` as a JSON string, as serde_json does. Copy rarely holds a
/// byte JSON escapes, so such a string is copied whole; any other goes
/// through serde_json.
fn write_str(buffer: &mut Vec<u8>, text: &str) -> io::Result<()> {
    if needs_escape(text.as_bytes()) {
        serde_json::to_writer(&mut *buffer, text)?;
    } else {
        buffer.push(b'"');
        buffer.extend_from_slice(text.as_bytes());
        buffer.push(b'"');
    }
    Ok(())
}

/// Whether JSON escapes any byte of `bytes`: a quotation mark, a backslash
/// or a control character. Tested sixteen bytes at a time without
/// branching inside, which the compiler turns into vector instructions.
fn needs_escape(bytes: &[u8]) -> bool {
    let escaped = |byte: u8| byte < 0x20 || byte == b'"' || byte == b'\\';
    let mut chunks = bytes.chunks_exact(16);
    for chunk in &mut chunks {
        if chunk.iter().fold(false, |any, &byte| any | escaped(byte)) {
            return true;
        }
    }
    chunks.remainder().iter().any(|&byte| escaped(byte))
}

/// Lines and columns of offsets asked about in mostly rising order: an
/// offset later on the line of the last one asked counts the characters
/// from there, not from the line's start (a line of a thousand quotation
/// marks was counted again for each of its findings).
struct Columns<'a> {
    text: &'a str,
    index: &'a LineIndex,
    /// The last offset asked about, where it is, and where the next line
    /// starts.
    last: Option<(usize, LineColumn, usize)>,
}

impl<'a> Columns<'a> {
    fn new(text: &'a str, index: &'a LineIndex) -> Self {
        Columns {
            text,
            index,
            last: None,
        }
    }

    /// What [`LineIndex::span_line_columns`] gives; the cursor stays at the
    /// span's start, since the next span may start before this one ends.
    fn span_line_columns(&mut self, span: Span) -> (LineColumn, LineColumn) {
        let start = self.line_column(span.start);
        let at_start = self.last;
        let end = self.line_column(span.end);
        self.last = at_start;
        (start, end)
    }

    /// What [`LineIndex::line_column`] gives.
    fn line_column(&mut self, offset: usize) -> LineColumn {
        if let Some((last, position, next_line)) = self.last {
            if offset < next_line {
                if let Some(between) = self.text.get(last..offset) {
                    let position = LineColumn {
                        line: position.line,
                        column: position.column + between.chars().count(),
                    };
                    self.last = Some((offset, position, next_line));
                    return position;
                }
            }
        }
        let position = self.index.line_column(self.text, offset);
        // `position.line` is 1-based: the next line's 0-based number.
        let next_line = if position.line < self.index.line_count() {
            self.index.line_span(self.text, position.line).start
        } else {
            usize::MAX
        };
        self.last = Some((offset, position, next_line));
        position
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
        let index = LineIndex::new(&report.text);
        // Primary spans come in text order, related ones mostly point at a
        // few places (a paragraph's end): a cursor each.
        let mut primary = Columns::new(&report.text, &index);
        let mut related = Columns::new(&report.text, &index);
        for (number, diagnostic) in report.diagnostics.iter().enumerate() {
            if number > 0 {
                buffer.push(b',');
            }
            write_diagnostic(buffer, diagnostic, &mut primary, &mut related)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Applicability, Severity};

    /// Pieces of text that JSON escapes or that are many bytes long.
    const PIECES: &[&str] = &[
        "a",
        " ",
        "\"",
        "\\",
        "\n",
        "\r\n",
        "\t",
        "\u{0}",
        "\u{1f}",
        "\u{7f}",
        "/",
        "“",
        "”",
        "é",
        "e\u{301}",
        "Добавил",
        "🙂",
        "👩‍👩‍👧",
        "\u{2028}",
        "\u{feff}",
        "<p class=\"x\">",
        "'",
    ];

    fn random_text(next: &mut impl FnMut(usize) -> usize, pieces: usize) -> String {
        (0..next(pieces))
            .map(|_| PIECES[next(PIECES.len())])
            .collect()
    }

    #[test]
    fn strings_are_written_as_serde_json_writes_them() {
        let mut next = crate::pseudo_random::below(0x9e37_79b9_7f4a_7c15);
        let mut texts: Vec<String> = PIECES.iter().map(|piece| piece.repeat(17)).collect();
        texts.extend((0..2000).map(|_| random_text(&mut next, 40)));
        texts.push(String::new());
        texts.push("x".repeat(15) + "\"");
        texts.push("x".repeat(16) + "\n");
        texts.push("x".repeat(31) + "\\");
        for text in &texts {
            let mut written = Vec::new();
            write_str(&mut written, text).unwrap();
            assert_eq!(
                String::from_utf8(written).unwrap(),
                serde_json::to_string(text).unwrap(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn numbers_are_written_as_serde_json_writes_them() {
        let mut numbers: Vec<usize> = (0..1200).collect();
        let mut power = 1usize;
        while let Some(next) = power.checked_mul(10) {
            numbers.extend([power - 1, power, power + 1, next - 1]);
            power = next;
        }
        numbers.push(usize::MAX);
        for number in numbers {
            let mut written = Vec::new();
            write_number(&mut written, number);
            assert_eq!(written, serde_json::to_vec(&number).unwrap(), "{number}");
        }
    }

    #[test]
    fn diagnostics_are_written_as_serde_json_writes_them() {
        let mut next = crate::pseudo_random::below(0x2545_f491_4f6c_dd1d);
        for round in 0..300 {
            let mut text = random_text(&mut next, 300);
            if round % 10 == 0 {
                // A line longer than the line index's checkpoint spacing.
                text = text.replace('\n', " ").repeat(40);
            }
            let boundaries: Vec<usize> = (0..=text.len())
                .filter(|&at| text.is_char_boundary(at))
                .collect();
            let span = |next: &mut dyn FnMut(usize) -> usize| {
                let a = boundaries[next(boundaries.len())];
                let b = boundaries[next(boundaries.len())];
                Span::new(a.min(b), a.max(b))
            };
            let mut diagnostics = Vec::new();
            for number in 0..next(30) {
                let message = random_text(&mut next, 6);
                let severity = [Severity::Info, Severity::Warning, Severity::Error][number % 3];
                let mut diagnostic = Diagnostic::new("rule-id", severity, span(&mut next), message);
                for _ in 0..next(4) {
                    let label = span(&mut next);
                    diagnostic = diagnostic.with_related(label, random_text(&mut next, 4));
                }
                if next(2) == 0 {
                    diagnostic = diagnostic.with_help(random_text(&mut next, 6));
                }
                if next(3) == 0 {
                    let applicability = [Applicability::Safe, Applicability::Unsafe][next(2)];
                    diagnostic = diagnostic.with_fix(random_text(&mut next, 4), applicability);
                }
                diagnostics.push(diagnostic);
            }
            // Mostly in text order, as reports are; every fifth text not.
            if round % 5 != 0 {
                crate::diagnostic::sort_diagnostics(&mut diagnostics);
            }
            let index = LineIndex::new(&text);
            let mut primary = Columns::new(&text, &index);
            let mut related = Columns::new(&text, &index);
            for diagnostic in &diagnostics {
                let mut written = Vec::new();
                write_diagnostic(&mut written, diagnostic, &mut primary, &mut related).unwrap();
                let plain =
                    serde_json::to_vec(&json_diagnostic(&text, &index, diagnostic)).unwrap();
                assert_eq!(
                    String::from_utf8(written).unwrap(),
                    String::from_utf8(plain).unwrap(),
                    "{text:?}"
                );
            }
        }
    }
}
