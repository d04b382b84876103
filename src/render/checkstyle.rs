//! Checkstyle XML, which CI dashboards (Jenkins, GitLab code quality
//! converters, reviewdog) read.
//!
//! ```xml
//! <?xml version="1.0" encoding="UTF-8"?>
//! <checkstyle version="4.3">
//!   <file name="news/story.txt">
//!     <error line="27" column="1" severity="error" message="…" source="copydesk.web-boilerplate"/>
//!   </file>
//! </checkstyle>
//! ```

use std::io::{self, Write};

use super::{FileReport, Reporter, Summary};
use crate::source::LineIndex;

#[derive(Default)]
pub struct CheckstyleReporter;

impl Reporter for CheckstyleReporter {
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(out, r#"<checkstyle version="4.3">"#)
    }

    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        writeln!(out, r#"  <file name="{}">"#, escape(&report.path))?;
        if let Some(error) = &report.error {
            writeln!(
                out,
                r#"    <error line="1" column="1" severity="error" message="{}" source="copydesk.file-error"/>"#,
                escape(error)
            )?;
        }
        let index = LineIndex::new(&report.text);
        for diagnostic in &report.diagnostics {
            let start = index.line_column(&report.text, diagnostic.span.start);
            writeln!(
                out,
                r#"    <error line="{}" column="{}" severity="{}" message="{}" source="copydesk.{}"/>"#,
                start.line,
                start.column,
                diagnostic.severity.as_str(),
                escape(&diagnostic.message),
                escape(&diagnostic.rule)
            )?;
        }
        writeln!(out, "  </file>")
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        writeln!(out, "</checkstyle>")
    }
}

/// XML attribute escaping; characters XML 1.0 forbids become U+FFFD.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escaping() {
        assert_eq!(
            super::escape("“a” & <b>\n\u{1}"),
            "“a” &amp; &lt;b&gt;&#10;\u{FFFD}"
        );
    }
}
