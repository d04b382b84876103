//! Snapshot tests over every article under fixtures/: the parse outline, the
//! human output and (for a few) the JSON output of the default rules.
//!
//! A fixture `NAME.txt` may have a sidecar `NAME.date` holding the
//! publication date (YYYY-MM-DD), as `--date` would give it.

use std::path::Path;

use copydesk::config::Selection;
use copydesk::render::{human::HumanRenderer, json, FileReport, Summary};
use copydesk::{check, CheckOptions, RuleSet};

/// The rules `copydesk check` runs with no configuration.
fn default_rules() -> RuleSet {
    copydesk::config::build_rule_set(None, &Selection::default()).expect("default rules load")
}

/// The rules for one fixture: the defaults, plus the rule the fixture's
/// folder is named after when that rule ships off (`enabled = false`), as
/// `--extend-select RULE` would add it.
fn rules_for(path: &Path) -> RuleSet {
    let folder = path
        .parent()
        .and_then(Path::file_name)
        .and_then(|name| name.to_str())
        .unwrap_or_default();
    let shipped_off = copydesk::config::default_rules()
        .expect("default rules load")
        .iter()
        .any(|rule| rule.meta.id == folder && !rule.meta.enabled);
    let selection = Selection {
        extend_select: if shipped_off {
            vec![folder.to_owned()]
        } else {
            Vec::new()
        },
        ..Selection::default()
    };
    copydesk::config::build_rule_set(None, &selection).expect("default rules load")
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
        document: copydesk::DocumentKind::from_path(path),
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
        diff: None,
        fixes_applied: 0,
    }
}

#[test]
fn human_output() {
    insta::glob!("../fixtures", "**/*.{txt,md,html}", |path| {
        let report = report_for(path, &rules_for(path));
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

/// A fixture snapshot whose fixture was renamed or deleted would linger
/// unnoticed; every fixture snapshot must name an existing fixture.
#[test]
fn no_orphaned_fixture_snapshots() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut orphans = Vec::new();
    for entry in std::fs::read_dir(root.join("tests/snapshots")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix("fixtures__") else {
            continue;
        };
        let Some((_, fixture)) = rest.split_once('@') else {
            continue;
        };
        let fixture = fixture.trim_end_matches(".snap").replace("__", "/");
        if !root.join("fixtures").join(&fixture).is_file() {
            orphans.push(name);
        }
    }
    assert!(
        orphans.is_empty(),
        "snapshots without a fixture: {orphans:?}"
    );
}
