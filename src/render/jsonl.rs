//! JSON Lines: one object per diagnostic per line, each with its `path`,
//! written as each file finishes, for archives too big to wait for. A file
//! that could not be checked is one line with `path` and `error`. The
//! diagnostic fields are those of the JSON format (docs/json.md).

use std::io::{self, Write};

use serde::Serialize;

use super::json::{json_diagnostics, JsonDiagnostic, FLUSH_BYTES};
use super::{FileReport, Reporter, Summary};

#[derive(Debug, Default)]
pub struct JsonLinesReporter {
    /// One file's lines, serialized here and written at once: serde writes
    /// a few bytes at a time, and each write through `dyn Write` is a call
    /// of its own.
    buffer: Vec<u8>,
}

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
        let buffer = &mut self.buffer;
        buffer.clear();
        if let Some(error) = &report.error {
            serde_json::to_writer(
                &mut *buffer,
                &ErrorLine {
                    path: &report.path,
                    error,
                },
            )?;
            buffer.push(b'\n');
        }
        for diagnostic in json_diagnostics(report) {
            serde_json::to_writer(
                &mut *buffer,
                &Line {
                    path: &report.path,
                    diagnostic,
                },
            )?;
            buffer.push(b'\n');
            if buffer.len() >= FLUSH_BYTES {
                out.write_all(buffer)?;
                buffer.clear();
            }
        }
        out.write_all(buffer)?;
        // Each file's lines reach the reader as soon as the file is done.
        out.flush()
    }

    fn finish(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}
