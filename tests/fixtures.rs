//! Snapshot tests over every article under fixtures/: the parse outline, the
//! human output and (for a few) the JSON output of the default rules.
//!
//! A fixture `NAME.txt` may have a sidecar `NAME.date` holding the
//! publication date (YYYY-MM-DD), as `--date` would give it.

use std::path::Path;

use copydesk::render::{human::HumanRenderer, json, FileReport, Summary};
use copydesk::{check, CheckOptions, RuleSet};

fn default_rules() -> RuleSet {
    RuleSet::new(copydesk::config::default_rules().expect("default rules load"))
}

fn options_for(path: &Path) -> CheckOptions {
    let date = std::fs::read_to_string(path.with_extension("date"))
        .ok()
        .map(|date| {
            date.trim()
                .parse()
                .expect("a .date sidecar holds YYYY-MM-DD")
        });
    CheckOptions {
        publication_date: date,
    }
}

fn report_for(path: &Path, rules: &RuleSet) -> FileReport {
    let text = std::fs::read_to_string(path).expect("fixtures are UTF-8");
    let diagnostics = check(&text, rules, &options_for(path));
    for diagnostic in &diagnostics {
        for span in
            std::iter::once(diagnostic.span).chain(diagnostic.related.iter().map(|r| r.span))
        {
            assert!(
                span.start <= span.end
                    && span.end <= text.len()
                    && text.is_char_boundary(span.start)
                    && text.is_char_boundary(span.end),
                "{}: {} has a span off character boundaries",
                path.display(),
                diagnostic.rule
            );
        }
    }
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let shown = path
        .strip_prefix(&fixtures)
        .unwrap_or(path)
        .display()
        .to_string();
    FileReport {
        path: shown,
        text,
        error: None,
        diagnostics,
    }
}

#[test]
fn human_output() {
    let rules = default_rules();
    insta::glob!("../fixtures", "**/*.{txt,md}", |path| {
        let report = report_for(path, &rules);
        let renderer = HumanRenderer::new(false);
        let mut out = Vec::new();
        renderer.write_file(&mut out, &report).unwrap();
        renderer
            .write_summary(&mut out, &Summary::of(std::slice::from_ref(&report)))
            .unwrap();
        insta::assert_snapshot!("human", String::from_utf8(out).unwrap());
    });
}

#[test]
fn parse_outline() {
    insta::glob!("../fixtures", "**/*.{txt,md}", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let syntax = copydesk::syntax::parse(&text);
        insta::assert_snapshot!("parse", copydesk::syntax::render_outline(&text, &syntax));
    });
}

/// The JSON contract, on the seed article and the clean articles.
#[test]
fn json_output() {
    let rules = default_rules();
    insta::glob!("../fixtures", "{seed,clean}/*.txt", |path| {
        let report = report_for(path, &rules);
        let mut out = Vec::new();
        json::write(&mut out, std::slice::from_ref(&report)).unwrap();
        let mut value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        value["tool"]["version"] = serde_json::Value::from("[version]");
        insta::assert_json_snapshot!("json", value);
    });
}
