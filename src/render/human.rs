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
        // The places to show: the finding (index 0) and its related places.
        let places: Vec<(Span, Option<&str>)> = std::iter::once((diagnostic.span, None))
            .chain(
                diagnostic
                    .related
                    .iter()
                    .map(|related| (related.span, Some(related.message.as_str()))),
            )
            .collect();
        // Places close together share one snippet (folding the lines
        // between); one far from the rest gets a snippet of its own, so a
        // finding in a large file costs what its places cover, not the
        // text between them.
        let mut by_position: Vec<usize> = (0..places.len()).collect();
        by_position.sort_by_key(|&place| places[place].0.start);
        let mut clusters: Vec<Vec<usize>> = Vec::new();
        let mut cluster_end: usize = 0;
        for place in by_position {
            let span = places[place].0;
            match clusters.last_mut() {
                Some(cluster) if span.start <= cluster_end.saturating_add(MAX_SNIPPET_GAP) => {
                    cluster.push(place);
                    cluster_end = cluster_end.max(span.end);
                }
                _ => {
                    clusters.push(vec![place]);
                    cluster_end = span.end;
                }
            }
        }
        // The finding's own snippet first; each snippet lists the finding,
        // then its related places in their order.
        clusters.sort_by_key(|cluster| !cluster.contains(&0));
        let snippets = clusters.into_iter().map(|mut cluster| {
            cluster.sort_unstable();
            let first_line = cluster
                .iter()
                .map(|&place| index.line_of(places[place].0.start))
                .min()
                .unwrap_or(0);
            let last_line = cluster
                .iter()
                .map(|&place| index.line_of(places[place].0.end))
                .max()
                .unwrap_or(0);
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
                .fold(true);
            for &place in &cluster {
                snippet = snippet.annotation(match places[place] {
                    (span, None) => AnnotationKind::Primary.span(shift(span)),
                    (span, Some(label)) => AnnotationKind::Context.span(shift(span)).label(label),
                });
            }
            snippet
        });
        let mut group = Group::with_title(
            level
                .primary_title(diagnostic.message.as_str())
                .id(diagnostic.rule.as_str()),
        )
        .elements(snippets);
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

/// How far apart (in bytes) a finding's places may be and still share one
/// snippet. Further apart, each is shown on its own: rendering the text
/// between them would make a finding in a large file cost what the file
/// does.
const MAX_SNIPPET_GAP: usize = 16 * 1024;

impl Reporter for HumanRenderer {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        self.write_file(out, report)
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        self.write_summary(out, summary)
    }
}

#[cfg(test)]
mod tests {
    use super::HumanRenderer;
    use crate::diagnostic::{Diagnostic, Severity};
    use crate::render::FileReport;
    use crate::source::Span;

    fn render(text: &str, diagnostic: Diagnostic) -> String {
        let report = FileReport {
            path: "story.txt".to_owned(),
            text: text.to_owned(),
            error: None,
            diagnostics: vec![diagnostic],
            diff: None,
            fixes_applied: 0,
        };
        let mut out = Vec::new();
        HumanRenderer::new(false)
            .write_file(&mut out, &report)
            .expect("writing to a Vec does not fail");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn places_far_apart_get_a_snippet_each() {
        // Smith on the first line, Smyth on the last, a long story between.
        let filler = "The council met again and talked.\n".repeat(2000);
        let text = format!("Smith spoke.\n{filler}Smyth left.\n");
        let smyth = text.rfind("Smyth").unwrap();
        let diagnostic = Diagnostic::new(
            "name-variant",
            Severity::Warning,
            Span::new(smyth, smyth + 5),
            "“Smyth” is spelled “Smith” once elsewhere",
        )
        .with_related(Span::new(0, 5), "spelled “Smith” here");
        let shown = render(&text, diagnostic);
        assert!(shown.contains("--> story.txt:2002:1"), "{shown}");
        assert!(shown.contains("::: story.txt:1:1"), "{shown}");
        assert!(shown.contains("spelled “Smith” here"), "{shown}");
        // The story between is not rendered, folded or not.
        assert!(shown.len() < 1000, "{shown}");

        // Close together: one snippet, as before.
        let near = "Smith spoke.\nSmyth left.\n";
        let diagnostic = Diagnostic::new(
            "name-variant",
            Severity::Warning,
            Span::new(13, 18),
            "“Smyth” is spelled “Smith” once elsewhere",
        )
        .with_related(Span::new(0, 5), "spelled “Smith” here");
        let shown = render(near, diagnostic);
        assert!(shown.contains("--> story.txt:2:1"), "{shown}");
        assert!(!shown.contains(":::"), "{shown}");
    }
}
