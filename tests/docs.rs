//! Generated documentation stays in step with the code.

use std::path::Path;

#[test]
fn rules_md_is_generated_from_the_rule_sources() {
    let defaults = copydesk::config::default_rules().unwrap();
    let generated = copydesk::rules::rules_markdown(&defaults);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    if std::env::var_os("COPYDESK_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == generated,
        "docs/rules.md is out of date: run `COPYDESK_UPDATE_DOCS=1 cargo test --test docs`"
    );
}

#[test]
fn every_default_rule_is_documented_and_has_examples() {
    for rule in copydesk::config::default_rules().unwrap() {
        assert!(copydesk::rules::kind_documentation(rule.meta.kind).is_some());
        assert!(
            !rule.meta.flagged.is_empty(),
            "{} has no flagged example",
            rule.meta.id
        );
        assert!(
            !rule.meta.clean.is_empty(),
            "{} has no clean example",
            rule.meta.id
        );
    }
}
