//! Document formats: plain text, Markdown and HTML.
//!
//! Rules read prose only. For Markdown and HTML, copydesk builds a *prose
//! view*: a copy of the file, byte for byte the same length, in which
//! everything that is not prose (markup, code, link targets, front matter,
//! scripts) is blanked to spaces and line breaks are kept. Every offset in
//! the view is the same offset in the original, so findings' spans need no
//! mapping back, and a fix applies to the original file as it is.
//! Block boundaries the markup fixes (a heading directly above a
//! paragraph, list items, `<p>` elements) travel beside the view as
//! explicit block breaks.

use std::borrow::Cow;
use std::path::Path;

use jiff::civil::Date;

/// What kind of document a file is, by its extension.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DocumentKind {
    #[default]
    Text,
    Markdown,
    Html,
}

impl DocumentKind {
    pub fn from_path(path: &Path) -> DocumentKind {
        match path
            .extension()
            .and_then(|ext| ext.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("md" | "markdown" | "mdown" | "mkd") => DocumentKind::Markdown,
            Some("html" | "htm" | "xhtml") => DocumentKind::Html,
            _ => DocumentKind::Text,
        }
    }
}

/// The prose of a document, aligned byte for byte with the original.
#[derive(Clone, Debug)]
pub struct ProseView<'a> {
    pub text: Cow<'a, str>,
    /// Sorted byte offsets where the markup starts a new block.
    pub block_breaks: Vec<usize>,
    /// A publication date the document declares (Markdown front matter).
    pub date: Option<Date>,
}

pub fn prose_view(kind: DocumentKind, text: &str) -> ProseView<'_> {
    match kind {
        DocumentKind::Text => ProseView {
            text: Cow::Borrowed(text),
            block_breaks: Vec::new(),
            date: None,
        },
        DocumentKind::Markdown => markdown_prose(text),
        DocumentKind::Html => html_prose(text),
    }
}

/// Keeps the bytes of `keep` ranges and every line break; blanks the rest.
fn blank_except(text: &str, keep: &[std::ops::Range<usize>]) -> String {
    let mut bytes: Vec<u8> = text
        .bytes()
        .map(|byte| {
            if byte == b'\n' || byte == b'\r' {
                byte
            } else {
                b' '
            }
        })
        .collect();
    for range in keep {
        let (start, end) = (range.start.min(text.len()), range.end.min(text.len()));
        if start < end && text.is_char_boundary(start) && text.is_char_boundary(end) {
            bytes[start..end].copy_from_slice(&text.as_bytes()[start..end]);
        }
    }
    // Kept ranges are whole characters and everything else is ASCII.
    String::from_utf8(bytes)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}

/// The `date: YYYY-MM-DD` (quoted or not, perhaps with a time after it) of
/// `---` front matter at the very start of `text`.
pub(crate) fn front_matter_date(text: &str) -> Option<Date> {
    front_matter(text).1
}

/// `---` YAML front matter at the very start: its byte length and the
/// `date:` it declares, if any.
fn front_matter(text: &str) -> (usize, Option<Date>) {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = body
        .strip_prefix("---\n")
        .or_else(|| body.strip_prefix("---\r\n"))
    else {
        return (0, None);
    };
    let mut position = text.len() - rest.len();
    let mut date = None;
    for line in rest.split_inclusive('\n') {
        position += line.len();
        let content = line.trim_end();
        if content == "---" || content == "..." {
            return (position, date);
        }
        if let Some(value) = content.strip_prefix("date:") {
            let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
            date = value.get(..10).and_then(|day| day.parse().ok());
        }
    }
    // No closing line: not front matter after all.
    (0, None)
}

fn markdown_prose(text: &str) -> ProseView<'_> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    let (front_matter_end, date) = front_matter(text);
    let body = &text[front_matter_end..];
    let mut keep = Vec::new();
    let mut block_breaks = Vec::new();
    // Depth of constructs whose text is not prose: code blocks, images,
    // HTML blocks, metadata.
    let mut hidden_depth = 0usize;
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let range = range.start + front_matter_end..range.end + front_matter_end;
        match event {
            Event::Start(
                Tag::CodeBlock(_) | Tag::Image { .. } | Tag::HtmlBlock | Tag::MetadataBlock(_),
            ) => {
                hidden_depth += 1;
            }
            Event::End(
                TagEnd::CodeBlock | TagEnd::Image | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_),
            ) => {
                hidden_depth = hidden_depth.saturating_sub(1);
            }
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableCell) => {
                block_breaks.push(range.start);
            }
            Event::Text(_) if hidden_depth == 0 => keep.push(range),
            _ => {}
        }
    }
    let prose = blank_except(text, &keep);
    // A break is useful at the first prose character of the block's line.
    let mut breaks: Vec<usize> = block_breaks
        .into_iter()
        .filter_map(|start| first_prose_offset(&prose, start))
        .collect();
    breaks.sort_unstable();
    breaks.dedup();
    ProseView {
        text: Cow::Owned(prose),
        block_breaks: breaks,
        date,
    }
}

/// The offset of the first non-blank character at or after `start` on the
/// same line.
fn first_prose_offset(prose: &str, start: usize) -> Option<usize> {
    let rest = prose.get(start..)?;
    let line = rest.split(['\n', '\r']).next()?;
    let trimmed = line.trim_start();
    (!trimmed.is_empty()).then(|| start + (line.len() - trimmed.len()))
}

/// Elements whose text is never article prose.
const HTML_HIDDEN: &[&str] = &[
    "script", "style", "noscript", "template", "head", "nav", "footer", "aside", "form", "button",
    "select", "svg", "iframe", "code", "pre",
];

/// Elements that start a block of prose.
const HTML_BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "figcaption",
    "td",
    "th",
    "div",
    "section",
    "article",
    "header",
    "br",
    "dt",
    "dd",
    "title",
];

fn html_prose(text: &str) -> ProseView<'_> {
    use html5gum::emitters::default::{DefaultEmitter, Token};
    use html5gum::Tokenizer;

    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // Script and style contents are raw text, not markup.
    emitter.naively_switch_states(true);
    let mut keep = Vec::new();
    let mut block_starts = Vec::new();
    let mut hidden: Vec<String> = Vec::new();
    for token in Tokenizer::new_with_emitter(text, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if HTML_BLOCKS.contains(&name.as_str()) {
                    block_starts.push(tag.span.end);
                }
                if HTML_HIDDEN.contains(&name.as_str()) && !tag.self_closing {
                    hidden.push(name);
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if let Some(position) = hidden.iter().rposition(|open| *open == name) {
                    hidden.truncate(position);
                }
                if HTML_BLOCKS.contains(&name.as_str()) {
                    block_starts.push(tag.span.end);
                }
            }
            Token::String(string) if hidden.is_empty() => {
                keep.push(string.span.start..string.span.end)
            }
            _ => {}
        }
    }
    let prose = blank_except(text, &keep);
    // A markup block boundary becomes a break at the next prose character.
    let mut breaks = Vec::new();
    for start in block_starts {
        if let Some(offset) = prose.get(start..).and_then(|rest| {
            rest.find(|c: char| !c.is_whitespace())
                .map(|skip| start + skip)
        }) {
            breaks.push(offset);
        }
    }
    breaks.sort_unstable();
    breaks.dedup();
    ProseView {
        text: Cow::Owned(prose),
        block_breaks: breaks,
        date: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_keeps_prose_and_blanks_code_links_and_front_matter() {
        let text = "---\ntitle: Talks\ndate: 2021-03-03\n---\n# Talks resume\nSee [the report](https://example.com/Kiev) and `Leave a Reply`.\n\n```\nLeave a Reply\n```\n";
        let view = prose_view(DocumentKind::Markdown, text);
        assert_eq!(view.text.len(), text.len());
        assert_eq!(view.date, Some(jiff::civil::date(2021, 3, 3)));
        assert!(!view.text.contains("title"));
        assert!(!view.text.contains("https"));
        assert!(!view.text.contains("Leave"));
        let heading = text.find("Talks resume").unwrap();
        assert_eq!(&view.text[heading..heading + 12], "Talks resume");
        assert!(view.block_breaks.contains(&heading));
        assert!(view.block_breaks.contains(&text.find("See").unwrap()));
        let see = text.find("See").unwrap();
        assert_eq!(&view.text[see..see + 4], "See ");
        let report = text.find("the report").unwrap();
        assert_eq!(&view.text[report..report + 10], "the report");
    }

    #[test]
    fn html_keeps_article_text_with_exact_offsets() {
        let text = "<html><head><title>T</title><script>var x = \"Leave a Reply\";</script></head><body><h1>Caf&eacute; opens</h1><p>It opened on “Monday”.</p><nav>Leave a Reply</nav></body></html>";
        let view = prose_view(DocumentKind::Html, text);
        assert_eq!(view.text.len(), text.len());
        assert!(!view.text.contains("Leave a Reply"));
        let sentence = "It opened on “Monday”.";
        let opened = text.find(sentence).unwrap();
        assert_eq!(&view.text[opened..opened + sentence.len()], sentence);
        assert!(view.block_breaks.contains(&opened));
        assert!(view.block_breaks.contains(&text.find("Caf&").unwrap()));
    }

    #[test]
    fn kinds_by_extension() {
        assert_eq!(
            DocumentKind::from_path(Path::new("a/b.MD")),
            DocumentKind::Markdown
        );
        assert_eq!(
            DocumentKind::from_path(Path::new("b.html")),
            DocumentKind::Html
        );
        assert_eq!(
            DocumentKind::from_path(Path::new("b.txt")),
            DocumentKind::Text
        );
    }
}
