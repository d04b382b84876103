//! The human format: rustc- and ruff-style diagnostics with the source line
//! and the span underlined, drawn by annotate-snippets.
//!
//! ```text
//! error[web-boilerplate]: Web page residue: “Leave a Reply”
//!   --> fixtures/seed/article.txt:27:1
//!    |
//! 27 | Leave a Reply
//!    | ^^^^^^^^^^^^^
//! ```

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{FileReport, Reporter, Summary};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::source::{LineIndex, Span};

/// Draws findings; colour only when asked (on a terminal without NO_COLOR).
pub struct HumanRenderer {
    renderer: Renderer,
}

impl HumanRenderer {
    pub fn new(color: bool) -> Self {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        HumanRenderer { renderer }
    }

    /// Writes one file's findings, or its error.
    pub fn write_file(&self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        if let Some(error) = &report.error {
            let group = [Group::with_title(
                Level::ERROR.primary_title(format!("{}: {error}", report.path)),
            )];
            writeln!(out, "{}", self.renderer.render(&group))?;
            return writeln!(out);
        }
        let index = LineIndex::new(&report.text);
        for diagnostic in &report.diagnostics {
            writeln!(
                out,
                "{}",
                self.render_diagnostic(&report.path, &report.text, &index, diagnostic)
            )?;
            writeln!(out)?;
        }
        Ok(())
    }

    fn render_diagnostic(
        &self,
        path: &str,
        text: &str,
        index: &LineIndex,
        diagnostic: &Diagnostic,
    ) -> String {
        let level = level(diagnostic.severity);
        // Show only the lines the spans touch (folding those between), so a
        // finding in a large file costs what its spans cover.
        let spans = std::iter::once(diagnostic.span)
            .chain(diagnostic.related.iter().map(|related| related.span));
        let first_line = spans
            .clone()
            .map(|span| index.line_of(span.start))
            .min()
            .unwrap_or(0);
        let last_line = spans.map(|span| index.line_of(span.end)).max().unwrap_or(0);
        let window = Span::new(
            index.line_span(text, first_line).start,
            index
                .line_span(text, last_line.min(index.line_count() - 1))
                .end,
        );
        let shift = |span: Span| {
            let start = span.start.clamp(window.start, window.end) - window.start;
            let end = span.end.clamp(window.start, window.end) - window.start;
            start..end
        };
        let mut snippet = Snippet::source(window.slice(text))
            .line_start(first_line + 1)
            .path(path)
            .fold(true)
            .annotation(AnnotationKind::Primary.span(shift(diagnostic.span)));
        for related in &diagnostic.related {
            snippet = snippet.annotation(
                AnnotationKind::Context
                    .span(shift(related.span))
                    .label(related.message.as_str()),
            );
        }
        let mut group = Group::with_title(
            level
                .primary_title(diagnostic.message.as_str())
                .id(diagnostic.rule.as_str()),
        )
        .element(snippet);
        if let Some(help) = &diagnostic.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        if let Some(fix) = &diagnostic.fix {
            let action = if fix.replacement.is_empty() {
                "delete it".to_owned()
            } else {
                format!("replace with “{}”", fix.replacement)
            };
            let kind = match fix.applicability {
                Applicability::Safe => "fix",
                Applicability::Unsafe => "unsafe fix",
            };
            group = group.element(Level::HELP.message(format!("{kind}: {action}")));
        }
        self.renderer.render(&[group])
    }

    /// The closing line: "Found 3 errors and 1 warning in 2 files." or
    /// "No findings in 2 files."
    pub fn write_summary(&self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let files = plural(summary.files, "file");
        if summary.diagnostics == 0 {
            write!(out, "No findings in {files}.")?;
        } else {
            let mut parts = Vec::new();
            for (severity, noun) in [
                (Severity::Error, "error"),
                (Severity::Warning, "warning"),
                (Severity::Info, "note"),
            ] {
                let count = summary.count(severity);
                if count > 0 {
                    parts.push(plural(count, noun));
                }
            }
            write!(out, "Found {} in {files}.", join_and(&parts))?;
        }
        if summary.errors > 0 {
            write!(
                out,
                " {} could not be checked.",
                plural(summary.errors, "file")
            )?;
        }
        writeln!(out)
    }
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

impl Reporter for HumanRenderer {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        self.write_file(out, report)
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        self.write_summary(out, summary)
    }
}
