//! GitHub Actions workflow commands: each finding becomes an annotation on
//! the pull request's diff.
//!
//! ```text
//! ::error file=news/story.txt,line=27,col=1,endLine=27,endColumn=14,title=web-boilerplate::Web page residue: “Leave a Reply”
//! ```
//!
//! Errors are `error`, warnings `warning`, information `notice`. A file
//! that could not be checked is an `error` annotation on the file.

use std::io::{self, Write};

use super::{FileReport, Reporter, Summary};
use crate::diagnostic::Severity;
use crate::source::LineIndex;

pub struct GithubReporter;

impl Reporter for GithubReporter {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        let file = escape_property(&report.path);
        if let Some(error) = &report.error {
            return writeln!(
                out,
                "::error file={file},title=copydesk::{}",
                escape_data(error)
            );
        }
        let index = LineIndex::new(&report.text);
        for diagnostic in &report.diagnostics {
            let (start, end) = index.span_line_columns(&report.text, diagnostic.span);
            let command = match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut message = diagnostic.message.clone();
            if let Some(help) = &diagnostic.help {
                message.push('\n');
                message.push_str(help);
            }
            writeln!(
                out,
                "::{command} file={file},line={},col={},endLine={},endColumn={},title={}::{}",
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(&diagnostic.rule),
                escape_data(&message)
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

/// Workflow-command escaping of a message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Workflow-command escaping of a property value.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
