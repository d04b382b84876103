//! JSON Lines: one object per diagnostic per line, each with its `path`,
//! written as each file finishes, for archives too big to wait for. A file
//! that could not be checked is one line with `path` and `error`. The
//! diagnostic fields are those of the JSON format (docs/json.md).

use std::io::{self, Write};

use serde::Serialize;

use super::json::{json_diagnostics, JsonDiagnostic};
use super::{FileReport, Reporter, Summary};

pub struct JsonLinesReporter;

#[derive(Serialize)]
struct Line<'a> {
    path: &'a str,
    #[serde(flatten)]
    diagnostic: JsonDiagnostic<'a>,
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    path: &'a str,
    error: &'a str,
}

impl Reporter for JsonLinesReporter {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        if let Some(error) = &report.error {
            serde_json::to_writer(
                &mut *out,
                &ErrorLine {
                    path: &report.path,
                    error,
                },
            )?;
            writeln!(out)?;
        }
        for diagnostic in json_diagnostics(report) {
            serde_json::to_writer(
                &mut *out,
                &Line {
                    path: &report.path,
                    diagnostic,
                },
            )?;
            writeln!(out)?;
        }
        // Each file's lines reach the reader as soon as the file is done.
        out.flush()
    }

    fn finish(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}
