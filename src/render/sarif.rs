//! SARIF 2.1.0 (the Static Analysis Results Interchange Format), which
//! GitHub code scanning and other dashboards ingest.
//!
//! One run; `tool.driver.rules` lists every rule in force with its
//! descriptions and help; each result has its `ruleId`, `level`, message,
//! a physical location whose region gives lines, columns (Unicode code
//! points, as the run's `columnKind` says) and byte offsets, related
//! locations, fixes, and a `partialFingerprints` entry that stays the same
//! when edits elsewhere move the finding. Files that could not be checked
//! are tool execution notifications.

use std::io::{self, Write};

use serde_json::{json, Value};

use super::{FileReport, Reporter, RuleInfo, Summary};
use crate::diagnostic::{fingerprints, Applicability, Severity};
use crate::source::{LineIndex, Span};

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub struct SarifReporter {
    rules: Vec<RuleInfo>,
    results_written: usize,
    notifications: Vec<Value>,
}

impl SarifReporter {
    pub fn new(rules: Vec<RuleInfo>) -> Self {
        SarifReporter {
            rules,
            results_written: 0,
            notifications: Vec::new(),
        }
    }

    fn driver(&self) -> Value {
        let rules: Vec<Value> = self
            .rules
            .iter()
            .map(|rule| {
                json!({
                    "id": rule.id,
                    "name": rule.id,
                    "shortDescription": { "text": rule.summary },
                    "fullDescription": { "text": format!("{} (rule kind `{}`)", rule.summary, rule.kind) },
                    "help": { "text": rule.documentation, "markdown": rule.documentation },
                    "defaultConfiguration": { "level": level(rule.severity) },
                    "properties": { "kind": rule.kind },
                })
            })
            .collect();
        json!({
            "name": "copydesk",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "informationUri": "https://crates.io/crates/copydesk",
            "rules": rules,
        })
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative URI reference for a path: forward slashes, and everything
/// but unreserved characters and `/` percent-encoded.
pub fn path_to_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn region(text: &str, index: &LineIndex, span: Span) -> Value {
    let (start, end) = index.span_line_columns(text, span);
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
        "byteOffset": span.start,
        "byteLength": span.len(),
        "snippet": { "text": span.slice(text) },
    })
}

impl Reporter for SarifReporter {
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        write!(
            out,
            "{{\"$schema\":\"{SCHEMA}\",\"version\":\"2.1.0\",\"runs\":[{{\"tool\":{{\"driver\":"
        )?;
        serde_json::to_writer(&mut *out, &self.driver())?;
        write!(out, "}},\"columnKind\":\"unicodeCodePoints\",\"results\":[")
    }

    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        let uri = path_to_uri(&report.path);
        if let Some(error) = &report.error {
            self.notifications.push(json!({
                "level": "error",
                "message": { "text": format!("{}: {error}", report.path) },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri } } }],
            }));
            return Ok(());
        }
        let text = report.text.as_str();
        let index = LineIndex::new(text);
        let fingerprints = fingerprints(text, &report.diagnostics);
        for (diagnostic, fingerprint) in report.diagnostics.iter().zip(fingerprints) {
            let location = |span: Span| {
                json!({ "physicalLocation": {
                    "artifactLocation": { "uri": uri },
                    "region": region(text, &index, span),
                }})
            };
            let mut result = json!({
                "ruleId": diagnostic.rule,
                "level": level(diagnostic.severity),
                "message": { "text": diagnostic.message },
                "locations": [location(diagnostic.span)],
                "partialFingerprints": { "copydesk/v1": fingerprint },
            });
            if let Some(rule_index) = self
                .rules
                .iter()
                .position(|rule| rule.id == diagnostic.rule)
            {
                result["ruleIndex"] = json!(rule_index);
            }
            if !diagnostic.related.is_empty() {
                let related: Vec<Value> = diagnostic
                    .related
                    .iter()
                    .enumerate()
                    .map(|(id, related)| {
                        let mut location = location(related.span);
                        location["id"] = json!(id);
                        location["message"] = json!({ "text": related.message });
                        location
                    })
                    .collect();
                result["relatedLocations"] = json!(related);
            }
            if let Some(fix) = &diagnostic.fix {
                let description = match (fix.replacement.is_empty(), fix.applicability) {
                    (true, _) => "Delete the flagged text".to_owned(),
                    (false, Applicability::Safe) => format!("Replace with “{}”", fix.replacement),
                    (false, Applicability::Unsafe) => {
                        format!("Replace with “{}” (check first)", fix.replacement)
                    }
                };
                result["fixes"] = json!([{
                    "description": { "text": description },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": uri },
                        "replacements": [{
                            "deletedRegion": { "byteOffset": diagnostic.span.start, "byteLength": diagnostic.span.len() },
                            "insertedContent": { "text": fix.replacement },
                        }],
                    }],
                }]);
            }
            if self.results_written > 0 {
                write!(out, ",")?;
            }
            serde_json::to_writer(&mut *out, &result)?;
            self.results_written += 1;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let invocation = json!({
            "executionSuccessful": summary.errors == 0,
            "toolExecutionNotifications": self.notifications,
        });
        write!(out, "],\"invocations\":[")?;
        serde_json::to_writer(&mut *out, &invocation)?;
        writeln!(out, "]}}]}}")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn uris_are_relative_and_encoded() {
        assert_eq!(
            super::path_to_uri("./news/my story.txt"),
            "news/my%20story.txt"
        );
        assert_eq!(super::path_to_uri("Zoë.md"), "Zo%C3%AB.md");
    }
}
