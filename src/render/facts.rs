//! Rendering the facts view (`copydesk facts`): text for people, one JSON
//! document for tools (documented in docs/facts.md).

use std::io::{self, Write};

use serde::Serialize;

use crate::facts::{shorten, Fact, StatementFacts};
use crate::render::json::JsonSpan;
use crate::source::LineIndex;

/// The version of the facts JSON shape; fields are only ever added.
pub const FACTS_FORMAT_VERSION: u32 = 1;

/// One file's facts, or why it could not be read.
#[derive(Clone, Debug)]
pub struct FactsReport {
    /// As given on the command line.
    pub path: String,
    pub text: String,
    pub error: Option<String>,
    /// The publication date used (given, or stated by the article).
    pub publication_date: Option<jiff::civil::Date>,
    pub statements: Vec<StatementFacts>,
}

/// `path:line:col: statement`, then one indented line per fact with its
/// own line and column.
pub fn write_text(out: &mut dyn Write, report: &FactsReport) -> io::Result<()> {
    if let Some(error) = &report.error {
        return writeln!(out, "{}: error: {error}", report.path);
    }
    let text = report.text.as_str();
    let index = LineIndex::new(text);
    for statement in &report.statements {
        let at = index.line_column(text, statement.span.start);
        writeln!(
            out,
            "{}:{}:{}: {}",
            report.path,
            at.line,
            at.column,
            shorten(statement.span.slice(text), 80)
        )?;
        for fact in &statement.facts {
            let at = index.line_column(text, fact.span().start);
            let position = format!("{}:{}", at.line, at.column);
            writeln!(out, "  {position:<7} {:<9} {}", fact.kind(), fact.summary())?;
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct JsonDocument<'a> {
    version: u32,
    tool: Tool,
    files: Vec<JsonFile<'a>>,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    error: Option<&'a str>,
    publication_date: Option<String>,
    statements: Vec<JsonStatement<'a>>,
}

#[derive(Serialize)]
struct JsonStatement<'a> {
    index: usize,
    span: JsonSpan,
    text: &'a str,
    facts: &'a [Fact],
}

/// Writes every report as one JSON document.
pub fn write_json(out: &mut dyn Write, reports: &[FactsReport]) -> io::Result<()> {
    let files = reports
        .iter()
        .map(|report| {
            let text = report.text.as_str();
            let index = LineIndex::new(text);
            JsonFile {
                path: &report.path,
                error: report.error.as_deref(),
                publication_date: report.publication_date.map(|date| date.to_string()),
                statements: report
                    .statements
                    .iter()
                    .map(|statement| JsonStatement {
                        index: statement.index,
                        span: JsonSpan::new(text, &index, statement.span),
                        text: statement.span.slice(text),
                        facts: &statement.facts,
                    })
                    .collect(),
            }
        })
        .collect();
    let document = JsonDocument {
        version: FACTS_FORMAT_VERSION,
        tool: Tool {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
        },
        files,
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}
