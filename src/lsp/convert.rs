//! From copydesk's byte spans to LSP positions, diagnostics and quick fixes.
//!
//! LSP positions are (line, character) pairs whose character counts code
//! units of the negotiated encoding: UTF-16 unless the client offers UTF-8.
//! All the offsets one check needs are converted in a single pass over the
//! text, so a file with many findings on one long line stays linear.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Position, PositionEncodingKind, Range, TextEdit, Uri, WorkspaceEdit,
};

use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};

/// The unit LSP character offsets count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it (copydesk's spans are bytes, so it
    /// costs nothing), else the protocol's default UTF-16.
    pub(crate) fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        if offered.is_some_and(|kinds| kinds.contains(&PositionEncodingKind::UTF8)) {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    pub(crate) fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn width(self, c: char) -> u32 {
        let width = match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        };
        width as u32
    }
}

/// LSP positions of a set of byte offsets, computed in one pass.
struct PositionTable {
    offsets: Vec<usize>,
    positions: Vec<Position>,
}

impl PositionTable {
    fn new(text: &str, mut offsets: Vec<usize>, encoding: Encoding) -> Self {
        offsets.sort_unstable();
        offsets.dedup();
        let mut positions = Vec::with_capacity(offsets.len());
        let (mut line, mut character) = (0u32, 0u32);
        let mut chars = text.char_indices().peekable();
        for &offset in &offsets {
            while let Some(&(at, c)) = chars.peek() {
                if at >= offset {
                    break;
                }
                chars.next();
                // LSP ends a line at \n, \r\n or a lone \r.
                let lone_cr = c == '\r' && chars.peek().is_none_or(|&(_, next)| next != '\n');
                if c == '\n' || lone_cr {
                    line = line.saturating_add(1);
                    character = 0;
                } else {
                    character = character.saturating_add(encoding.width(c));
                }
            }
            positions.push(Position::new(line, character));
        }
        PositionTable { offsets, positions }
    }

    fn position(&self, offset: usize) -> Position {
        match self.offsets.binary_search(&offset) {
            Ok(index) => self.positions[index],
            // Every offset asked for was registered; this is only a fallback.
            Err(_) => self.positions.last().copied().unwrap_or_default(),
        }
    }

    fn range(&self, start: usize, end: usize) -> Range {
        Range::new(self.position(start), self.position(end))
    }
}

/// The byte offset of an LSP position, clamped to the text: a line past the
/// end gives the text's length, a character past the line's end gives the
/// end of the line.
pub(crate) fn offset_of(text: &str, position: Position, encoding: Encoding) -> usize {
    let mut line = 0u32;
    let mut chars = text.char_indices().peekable();
    while line < position.line {
        match chars.next() {
            None => return text.len(),
            Some((_, '\n')) => line += 1,
            Some((_, '\r')) => {
                if chars.peek().is_some_and(|&(_, next)| next == '\n') {
                    chars.next();
                }
                line += 1;
            }
            Some(_) => {}
        }
    }
    let mut character = 0u32;
    while let Some(&(at, c)) = chars.peek() {
        if c == '\n' || c == '\r' || character >= position.character {
            return at;
        }
        character = character.saturating_add(encoding.width(c));
        chars.next();
    }
    text.len()
}

/// A finding as published, with the fix it offers.
#[derive(Clone, Debug)]
pub(crate) struct Published {
    pub(crate) diagnostic: lsp_types::Diagnostic,
    pub(crate) fix: Option<QuickFix>,
}

#[derive(Clone, Debug)]
pub(crate) struct QuickFix {
    pub(crate) title: String,
    pub(crate) edit: TextEdit,
    pub(crate) preferred: bool,
}

/// Converts one check's findings for the document at `uri`.
pub(crate) fn publish(
    uri: &Uri,
    text: &str,
    diagnostics: &[Diagnostic],
    encoding: Encoding,
) -> Vec<Published> {
    let offsets = diagnostics
        .iter()
        .flat_map(|diagnostic| {
            std::iter::once(diagnostic.span)
                .chain(diagnostic.related.iter().map(|related| related.span))
        })
        .flat_map(|span| [span.start, span.end])
        .collect();
    let table = PositionTable::new(text, offsets, encoding);
    diagnostics
        .iter()
        .map(|diagnostic| {
            let range = table.range(diagnostic.span.start, diagnostic.span.end);
            let related: Vec<DiagnosticRelatedInformation> = diagnostic
                .related
                .iter()
                .map(|related| DiagnosticRelatedInformation {
                    location: Location::new(
                        uri.clone(),
                        table.range(related.span.start, related.span.end),
                    ),
                    message: related.message.clone(),
                })
                .collect();
            let message = match &diagnostic.help {
                Some(help) => format!("{}\nhelp: {help}", diagnostic.message),
                None => diagnostic.message.clone(),
            };
            let covered = text
                .get(diagnostic.span.start..diagnostic.span.end)
                .unwrap_or_default();
            Published {
                diagnostic: lsp_types::Diagnostic {
                    range,
                    severity: Some(severity(diagnostic.severity)),
                    code: Some(NumberOrString::String(diagnostic.rule.clone())),
                    source: Some("copydesk".to_owned()),
                    message,
                    related_information: (!related.is_empty()).then_some(related),
                    ..lsp_types::Diagnostic::default()
                },
                fix: diagnostic.fix.as_ref().map(|fix| QuickFix {
                    title: fix_title(fix, covered),
                    edit: TextEdit::new(range, fix.replacement.clone()),
                    preferred: fix.applicability == Applicability::Safe,
                }),
            }
        })
        .collect()
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// “Replace with “Milley””, “Delete “Leave a Reply””: the title quotes the
/// text, shortened so a menu entry stays one line.
fn fix_title(fix: &Fix, covered: &str) -> String {
    if fix.replacement.is_empty() {
        format!("Delete “{}”", shorten(covered))
    } else if covered.is_empty() {
        format!("Insert “{}”", shorten(&fix.replacement))
    } else {
        format!("Replace with “{}”", shorten(&fix.replacement))
    }
}

fn shorten(text: &str) -> String {
    const LIMIT: usize = 40;
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.char_indices().nth(LIMIT) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

/// The quick fix as a code action on the document at `uri`.
pub(crate) fn code_action(uri: &Uri, published: &Published, fix: &QuickFix) -> CodeAction {
    CodeAction {
        title: fix.title.clone(),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![published.diagnostic.clone()]),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), vec![fix.edit.clone()])])),
            ..WorkspaceEdit::default()
        }),
        is_preferred: Some(fix.preferred),
        ..CodeAction::default()
    }
}

/// Whether two ranges overlap or touch: a cursor at either end of a
/// finding still offers its fix.
pub(crate) fn touches(a: Range, b: Range) -> bool {
    let key = |p: Position| (p.line, p.character);
    key(a.start) <= key(b.end) && key(b.start) <= key(a.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    fn uri() -> Uri {
        "file:///news/story.txt".parse().expect("a valid URI")
    }

    #[test]
    fn columns_count_the_negotiated_units() {
        let text = "Talks.\r\n“Great” 😀 Share this article\n";
        let start = text.find("Share").expect("present");
        let table = |encoding| PositionTable::new(text, vec![start, text.len()], encoding);
        assert_eq!(table(Encoding::Utf16).position(start), Position::new(1, 11));
        assert_eq!(table(Encoding::Utf8).position(start), Position::new(1, 17));
        assert_eq!(
            table(Encoding::Utf16).position(text.len()),
            Position::new(2, 0)
        );
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let text = "one\rtwo";
        let table = PositionTable::new(text, vec![4], Encoding::Utf16);
        assert_eq!(table.position(4), Position::new(1, 0));
    }

    #[test]
    fn positions_convert_back_to_offsets() {
        let text = "“Ой” 😀 x\r\nsecond\n";
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let offsets: Vec<usize> = text.char_indices().map(|(at, _)| at).collect();
            let table = PositionTable::new(text, offsets.clone(), encoding);
            for offset in offsets {
                if text[offset..].starts_with('\n') {
                    continue; // between \r and \n: not a position LSP can name
                }
                assert_eq!(offset_of(text, table.position(offset), encoding), offset);
            }
        }
        assert_eq!(
            offset_of(text, Position::new(9, 0), Encoding::Utf16),
            text.len()
        );
        assert_eq!(
            offset_of(text, Position::new(1, 99), Encoding::Utf16),
            text.find("second").expect("present") + "second".len()
        );
    }

    #[test]
    fn findings_carry_rule_source_related_spans_and_fixes() {
        let text = "Gen. Milley spoke. Gen. Milly left.";
        let milly = text.find("Milly").expect("present");
        let milley = text.find("Milley").expect("present");
        let diagnostic = Diagnostic::new(
            "name-variant",
            Severity::Info,
            Span::new(milly, milly + 5),
            "“Milly” is spelled “Milley” elsewhere",
        )
        .with_related(Span::new(milley, milley + 6), "spelled “Milley” here")
        .with_help("use one spelling")
        .with_fix("Milley", Applicability::Safe);
        let published = publish(&uri(), text, &[diagnostic], Encoding::Utf16);
        let value = serde_json::to_value(&published[0].diagnostic).expect("serialises");
        assert_eq!(
            value,
            serde_json::json!({
                "range": {"start": {"line": 0, "character": 24}, "end": {"line": 0, "character": 29}},
                "severity": 3,
                "code": "name-variant",
                "source": "copydesk",
                "message": "“Milly” is spelled “Milley” elsewhere\nhelp: use one spelling",
                "relatedInformation": [{
                    "location": {
                        "uri": "file:///news/story.txt",
                        "range": {"start": {"line": 0, "character": 5}, "end": {"line": 0, "character": 11}},
                    },
                    "message": "spelled “Milley” here",
                }],
            })
        );
        let fix = published[0].fix.as_ref().expect("has a fix");
        assert_eq!(fix.title, "Replace with “Milley”");
        assert!(fix.preferred);
        let action =
            serde_json::to_value(code_action(&uri(), &published[0], fix)).expect("serialises");
        assert_eq!(action["kind"], "quickfix");
        assert_eq!(action["isPreferred"], true);
        assert_eq!(
            action["edit"]["changes"]["file:///news/story.txt"][0]["newText"],
            "Milley"
        );
    }

    #[test]
    fn deletion_titles_quote_a_shortened_text() {
        let fix = Fix {
            replacement: String::new(),
            applicability: Applicability::Unsafe,
        };
        assert_eq!(fix_title(&fix, "Leave a Reply"), "Delete “Leave a Reply”");
        let long = "Save my name, email, and website in this browser for the next time I comment";
        assert_eq!(
            fix_title(&fix, long),
            "Delete “Save my name, email, and website in this…”"
        );
    }

    #[test]
    fn touching_ranges_count_as_overlapping() {
        let range = |a, b, c, d| Range::new(Position::new(a, b), Position::new(c, d));
        assert!(touches(range(1, 0, 1, 5), range(1, 5, 1, 5)));
        assert!(!touches(range(1, 0, 1, 5), range(1, 6, 2, 0)));
        assert!(touches(range(0, 0, 3, 0), range(1, 2, 1, 3)));
    }
}
