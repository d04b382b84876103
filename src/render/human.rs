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
    /// Lines of snippets longer than this are cut ([`LONG_WINDOW`]; the
    /// tests set no limit to compare with the whole lines).
    long_window: usize,
}

impl HumanRenderer {
    pub fn new(color: bool) -> Self {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        HumanRenderer {
            renderer,
            long_window: LONG_WINDOW,
        }
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
        // On a long line, places apart are shown apart: one snippet
        // would hold the line between them.
        let mut clusters: Vec<Vec<usize>> = group_by_gap(&places, by_position, MAX_SNIPPET_GAP)
            .into_iter()
            .flat_map(|cluster| {
                if on_long_line(text, index, &places, &cluster, self.long_window) {
                    group_by_gap(&places, cluster, CUT_MARGIN)
                } else {
                    vec![cluster]
                }
            })
            .collect();
        // The finding's own snippet first; each snippet lists the finding,
        // then its related places in their order.
        clusters.sort_by_key(|cluster| !cluster.contains(&0));
        // The location line above a snippet whose first line was cut gives
        // a column on that line counted from the cut; it is mended after
        // rendering. For each snippet in order: the cut line (1-based) and
        // the characters cut from its start.
        let mut cuts: Vec<Option<(usize, usize)>> = Vec::new();
        let snippets: Vec<Snippet<'_, _>> = clusters
            .into_iter()
            .map(|mut cluster| {
                cluster.sort_unstable();
                let first_line = cluster
                    .iter()
                    .map(|&place| index.line_of(places[place].0.start))
                    .min()
                    .unwrap_or(0);
                let lines = lines_window(text, index, &places, &cluster);
                let window = if !on_long_line(text, index, &places, &cluster, self.long_window) {
                    lines
                } else {
                    // A long line is cut a margin wider than any terminal
                    // shows on each side of the places: annotate-snippets
                    // reads every character of the source it is given, and
                    // a finding on a line of a megabyte would cost what the
                    // line does.
                    let first = cluster.iter().map(|&place| places[place].0.start).min();
                    let last = cluster.iter().map(|&place| places[place].0.end).max();
                    let start = first.unwrap_or(lines.start).saturating_sub(CUT_MARGIN);
                    let end = last.unwrap_or(lines.end).saturating_add(CUT_MARGIN);
                    Span::new(
                        floor_char_boundary(text, start.max(lines.start)),
                        ceil_char_boundary(text, end.min(lines.end)),
                    )
                };
                cuts.push((window.start > lines.start).then(|| {
                    let cut = index.line_column(text, window.start);
                    (cut.line, cut.column - 1)
                }));
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
                        (span, Some(label)) => {
                            AnnotationKind::Context.span(shift(span)).label(label)
                        }
                    });
                }
                snippet
            })
            .collect();
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
        let rendered = self.renderer.render(&[group]);
        if cuts.iter().all(Option::is_none) {
            return rendered;
        }
        mend_cut_columns(&rendered, path, &cuts)
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

/// `rendered` with the column of each snippet's location line counted
/// from the start of its line where the snippet's first line was cut
/// (`cuts`: for each snippet in order, the cut line, 1-based, and the
/// characters cut from it). annotate-snippets writes one location line
/// (`--> path:line:column`, or `:::` for a further snippet) above each
/// snippet, in order; one on a line other than the cut one is left alone.
fn mend_cut_columns(rendered: &str, path: &str, cuts: &[Option<(usize, usize)>]) -> String {
    let mut mended = String::with_capacity(rendered.len() + 16);
    let mut snippets = cuts.iter();
    for line in rendered.split_inclusive('\n') {
        let plain = without_escapes(line);
        let is_location = ["--> ", "::: "]
            .iter()
            .any(|arrow| plain.trim_start().starts_with(arrow));
        let cut = if is_location {
            snippets.next().copied().flatten()
        } else {
            None
        };
        let location = cut.and_then(|(cut_line, characters)| {
            let prefix = format!("{path}:{cut_line}:");
            let at = line.rfind(&prefix)? + prefix.len();
            let digits = line[at..].bytes().take_while(u8::is_ascii_digit).count();
            let column: usize = line[at..at + digits].parse().ok()?;
            Some((at..at + digits, column + characters))
        });
        match location {
            Some((digits, column)) => {
                mended.push_str(&line[..digits.start]);
                mended.push_str(&column.to_string());
                mended.push_str(&line[digits.end..]);
            }
            None => mended.push_str(line),
        }
    }
    mended
}

/// `line` without its terminal escape sequences (`ESC [ … letter`).
fn without_escapes(line: &str) -> String {
    let mut plain = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            plain.push(c);
        }
    }
    plain
}

/// `ordered` places (indices into `places`, by position) in groups: a
/// place joins the group before it when it starts within `gap` bytes of
/// the group's end.
fn group_by_gap(
    places: &[(Span, Option<&str>)],
    ordered: Vec<usize>,
    gap: usize,
) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_end: usize = 0;
    for place in ordered {
        let span = places[place].0;
        match groups.last_mut() {
            Some(group) if span.start <= group_end.saturating_add(gap) => {
                group.push(place);
                group_end = group_end.max(span.end);
            }
            _ => {
                groups.push(vec![place]);
                group_end = span.end;
            }
        }
    }
    groups
}

/// Whether one of `cluster`'s places starts or ends on a line longer than
/// `long_window` bytes.
fn on_long_line(
    text: &str,
    index: &LineIndex,
    places: &[(Span, Option<&str>)],
    cluster: &[usize],
    long_window: usize,
) -> bool {
    cluster.iter().any(|&place| {
        let span = places[place].0;
        [span.start, span.end].into_iter().any(|offset| {
            let line = index.line_of(offset).min(index.line_count() - 1);
            index.line_span(text, line).len() > long_window
        })
    })
}

/// The byte range of the whole lines `cluster`'s places lie on.
fn lines_window(
    text: &str,
    index: &LineIndex,
    places: &[(Span, Option<&str>)],
    cluster: &[usize],
) -> Span {
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
    Span::new(
        index.line_span(text, first_line).start,
        index
            .line_span(text, last_line.min(index.line_count() - 1))
            .end,
    )
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// How long (in bytes) a line with a place on it may be before the
/// snippet is cut around its places.
const LONG_WINDOW: usize = 4096;

/// How much of a cut line is kept on each side of the places, in bytes:
/// more than the 140 columns annotate-snippets shows of a line (it shows
/// “...” where it trims a line itself), so the cut is not seen. Only a
/// line of characters that take no column (combining marks with nothing
/// to combine with) could show fewer.
const CUT_MARGIN: usize = 512;

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
    use super::{floor_char_boundary, HumanRenderer, CUT_MARGIN, LONG_WINDOW};
    use crate::diagnostic::{Diagnostic, Severity};
    use crate::render::FileReport;
    use crate::source::Span;

    fn render(text: &str, diagnostic: Diagnostic) -> String {
        render_with(HumanRenderer::new(false), text, diagnostic)
    }

    fn render_with(renderer: HumanRenderer, text: &str, diagnostic: Diagnostic) -> String {
        let report = FileReport {
            path: "story.txt".to_owned(),
            text: text.to_owned(),
            error: None,
            diagnostics: vec![diagnostic],
            diff: None,
            fixes_applied: 0,
        };
        let mut out = Vec::new();
        renderer
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

    /// A finding on a long line is drawn from a cut of the line around its
    /// places; drawn from the whole line, it looks the same, column
    /// included.
    #[test]
    fn a_long_line_cut_around_its_places_is_drawn_as_the_whole_line() {
        let pieces = [
            "word ",
            "Слово ",
            "😀 ",
            "新闻 ",
            "e\u{301} ",
            "(",
            "“",
            "x",
            "\u{a0}",
            "\t",
        ];
        let mut next = crate::pseudo_random::below(0x9e37_79b9_7f4a_7c15);
        for case in 0..60 {
            let mut text = String::new();
            if case % 3 == 0 {
                text.push_str("A short first line.\n\n");
            }
            let long = LONG_WINDOW + next(4 * LONG_WINDOW);
            let line_start = text.len();
            while text.len() - line_start < long {
                text.push_str(pieces[next(pieces.len())]);
            }
            if case % 2 == 0 {
                text.push_str("\nA last line.\n");
            }
            let boundary = |at: usize| floor_char_boundary(&text, at);
            let at = boundary(line_start + next(long));
            let end = boundary((at + 1 + next(12)).min(text.len()));
            let mut diagnostic = Diagnostic::new(
                "some-rule",
                Severity::Warning,
                Span::new(at, end),
                "A finding",
            );
            match case % 4 {
                // A related place near the finding, before or after it.
                0 | 1 => {
                    let near = boundary(
                        (at + next(CUT_MARGIN))
                            .saturating_sub(CUT_MARGIN / 2)
                            .clamp(line_start, line_start + long - 1),
                    );
                    let near_end = boundary((near + 3).min(text.len()));
                    diagnostic = diagnostic.with_related(Span::new(near, near_end), "near");
                }
                // One at the end of the line, far off.
                2 => {
                    let far = boundary(line_start + long - 1);
                    let far_end = far + text[far..].chars().next().map_or(0, char::len_utf8);
                    if far.abs_diff(at) > 16 * 1024 {
                        diagnostic = diagnostic.with_related(Span::new(far, far_end), "far");
                    }
                }
                _ => {}
            }
            // In colour too: the location line holds escape sequences.
            let color = case % 5 == 0;
            let cut = render_with(HumanRenderer::new(color), &text, diagnostic.clone());
            let whole = render_with(
                HumanRenderer {
                    long_window: usize::MAX,
                    ..HumanRenderer::new(color)
                },
                &text,
                diagnostic,
            );
            assert_eq!(cut, whole, "case {case}");
        }
    }

    #[test]
    fn places_far_apart_on_one_long_line_get_a_snippet_each() {
        let line = "(".repeat(20_000);
        let diagnostic = Diagnostic::new(
            "unbalanced-bracket",
            Severity::Warning,
            Span::new(6000, 6001),
            "This ( is never closed",
        )
        .with_related(Span::new(19_999, 20_000), "the paragraph ends here");
        let shown = render(&line, diagnostic);
        assert!(shown.contains("--> story.txt:1:6001\n"), "{shown}");
        assert!(shown.contains("::: story.txt:1:20000\n"), "{shown}");
        assert!(shown.contains("the paragraph ends here"), "{shown}");
        assert!(shown.len() < 1200, "{shown}");
    }
}
