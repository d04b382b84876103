//! Every output format on the fixtures: each reports exactly what the JSON
//! reports, SARIF validates against the SARIF 2.1.0 schema, and snapshots
//! record each format's rendering of the seed article.

use std::path::Path;

use copydesk::render::{render_to_string, FileReport, Format, RuleInfo};
use copydesk::{check, CheckOptions, RuleSet};

fn rules() -> RuleSet {
    // What `copydesk check` runs with no configuration.
    copydesk::config::build_rule_set(None, &copydesk::config::Selection::default()).unwrap()
}

fn report(path: &Path, rules: &RuleSet) -> FileReport {
    let text = std::fs::read_to_string(path).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let shown = path.strip_prefix(&fixtures).unwrap().display().to_string();
    let date = std::fs::read_to_string(path.with_extension("date"))
        .ok()
        .map(|date| date.trim().parse().unwrap());
    let options = CheckOptions {
        publication_date: date,
        document: copydesk::DocumentKind::from_path(path),
    };
    let diagnostics = check(&text, rules, &options);
    FileReport {
        path: shown,
        text,
        error: None,
        diagnostics,
        diff: None,
        fixes_applied: 0,
    }
}

fn unreadable() -> FileReport {
    FileReport {
        path: "broken/latin1.txt".to_owned(),
        text: String::new(),
        error: Some("not valid UTF-8 (invalid byte at offset 3)".to_owned()),
        diagnostics: Vec::new(),
        diff: None,
        fixes_applied: 0,
    }
}

fn all_fixture_reports(rules: &RuleSet) -> Vec<FileReport> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut paths = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path
                .extension()
                .is_some_and(|ext| ext == "txt" || ext == "md" || ext == "html")
            {
                paths.push(path);
            }
        }
    }
    paths.sort();
    let mut reports: Vec<FileReport> = paths.iter().map(|path| report(path, rules)).collect();
    reports.push(unreadable());
    reports
}

fn sarif_schema() -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn every_format_reports_what_json_reports() {
    let rules = rules();
    let reports = all_fixture_reports(&rules);
    let info = RuleInfo::of(&rules);

    let json: serde_json::Value =
        serde_json::from_str(&render_to_string(Format::Json, info.clone(), &reports)).unwrap();
    let mut expected: Vec<(String, String, u64, u64)> = Vec::new();
    for file in json["files"].as_array().unwrap() {
        for diagnostic in file["diagnostics"].as_array().unwrap() {
            expected.push((
                file["path"].as_str().unwrap().to_owned(),
                diagnostic["rule"].as_str().unwrap().to_owned(),
                diagnostic["span"]["line"].as_u64().unwrap(),
                diagnostic["span"]["column"].as_u64().unwrap(),
            ));
        }
    }
    assert!(expected.len() > 10, "the fixtures should give findings");
    let errors = json["summary"]["errors"].as_u64().unwrap();
    assert_eq!(errors, 1);

    // JSON Lines: one line per finding plus one per unreadable file.
    let jsonl = render_to_string(Format::Jsonl, info.clone(), &reports);
    let mut lines = Vec::new();
    for line in jsonl.lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        if value.get("error").is_some() {
            continue;
        }
        lines.push((
            value["path"].as_str().unwrap().to_owned(),
            value["rule"].as_str().unwrap().to_owned(),
            value["span"]["line"].as_u64().unwrap(),
            value["span"]["column"].as_u64().unwrap(),
        ));
    }
    assert_eq!(lines, expected);
    assert_eq!(jsonl.lines().count(), expected.len() + 1);

    // SARIF: results in the same order, plus a notification for the error.
    let sarif: serde_json::Value =
        serde_json::from_str(&render_to_string(Format::Sarif, info.clone(), &reports)).unwrap();
    let run = &sarif["runs"][0];
    let results: Vec<(String, String, u64, u64)> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|result| {
            let location = &result["locations"][0]["physicalLocation"];
            (
                location["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
                result["ruleId"].as_str().unwrap().to_owned(),
                location["region"]["startLine"].as_u64().unwrap(),
                location["region"]["startColumn"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(results, expected);
    assert_eq!(
        run["invocations"][0]["toolExecutionNotifications"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // GitHub annotations: one command per finding plus one per error.
    let github = render_to_string(Format::Github, info.clone(), &reports);
    let annotations: Vec<(String, String, u64, u64)> = github
        .lines()
        .filter(|line| line.contains(",line="))
        .map(|line| {
            let properties = line.split_once(' ').unwrap().1.split_once("::").unwrap().0;
            let field = |name: &str| {
                properties
                    .split(',')
                    .find_map(|pair| pair.strip_prefix(&format!("{name}=")))
                    .unwrap()
                    .to_owned()
            };
            (
                field("file"),
                field("title"),
                field("line").parse().unwrap(),
                field("col").parse().unwrap(),
            )
        })
        .collect();
    assert_eq!(annotations, expected);
    assert_eq!(github.lines().count(), expected.len() + 1);

    // Checkstyle: one <error> per finding plus one per unreadable file.
    let checkstyle = render_to_string(Format::Checkstyle, info, &reports);
    assert_eq!(checkstyle.matches("<error ").count(), expected.len() + 1);
    assert_eq!(
        checkstyle.matches("source=\"copydesk.file-error\"").count(),
        1
    );
}

#[test]
fn sarif_validates_against_the_schema() {
    let rules = rules();
    let reports = all_fixture_reports(&rules);
    let sarif: serde_json::Value = serde_json::from_str(&render_to_string(
        Format::Sarif,
        RuleInfo::of(&rules),
        &reports,
    ))
    .unwrap();
    let validator = jsonschema::draft4::new(&sarif_schema()).expect("the SARIF schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|error| format!("{error} at {}", error.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn sarif_fingerprints_survive_an_edit_above() {
    let rules = rules();
    let text = "Talks end\n\nThe talks ended.\n\nLeave a Reply\n";
    let edited = "Talks end\n\nThe talks ended on Friday after a long night.\n\nMore news soon.\n\nLeave a Reply\n";
    let fingerprint = |text: &str| {
        let report = FileReport {
            path: "a.txt".to_owned(),
            text: text.to_owned(),
            error: None,
            diagnostics: check(text, &rules, &CheckOptions::default()),
            diff: None,
            fixes_applied: 0,
        };
        let sarif: serde_json::Value = serde_json::from_str(&render_to_string(
            Format::Sarif,
            RuleInfo::of(&rules),
            &[report],
        ))
        .unwrap();
        sarif["runs"][0]["results"][0]["partialFingerprints"]["copydesk/v1"].clone()
    };
    assert!(fingerprint(text).is_string());
    assert_eq!(fingerprint(text), fingerprint(edited));
}

#[test]
fn seed_article_in_every_format() {
    let rules = rules();
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seed/article.txt");
    let reports = [report(&seed, &rules), unreadable()];
    let info = RuleInfo::of(&rules);
    insta::assert_snapshot!(
        "seed_jsonl",
        render_to_string(Format::Jsonl, info.clone(), &reports)
    );
    insta::assert_snapshot!(
        "seed_github",
        render_to_string(Format::Github, info.clone(), &reports)
    );
    insta::assert_snapshot!(
        "seed_checkstyle",
        render_to_string(Format::Checkstyle, info.clone(), &reports)
    );
    let mut sarif: serde_json::Value =
        serde_json::from_str(&render_to_string(Format::Sarif, info, &reports)).unwrap();
    // The driver's rule list carries every rule's documentation; the
    // snapshot keeps the results and the rule ids.
    let rule_ids: Vec<serde_json::Value> = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|rule| rule["id"].clone())
        .collect();
    sarif["runs"][0]["tool"]["driver"]["rules"] = serde_json::Value::from(rule_ids);
    sarif["runs"][0]["tool"]["driver"]["version"] = "[version]".into();
    sarif["runs"][0]["tool"]["driver"]["semanticVersion"] = "[version]".into();
    insta::assert_json_snapshot!("seed_sarif", sarif);
}
