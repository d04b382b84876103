//! Helpers for the rules' own tests: build a rule from a TOML snippet and
//! render its findings on a sentence compactly for inline snapshots.

use std::fmt::Write;

use crate::config::load_rule_file;
use crate::model::Article;
use crate::rules::LoadedRule;
use crate::source::LineIndex;

/// The single rule a TOML snippet declares.
#[track_caller]
pub(crate) fn rule_from_toml(toml: &str) -> LoadedRule {
    let mut rules = load_rule_file("<test>", toml).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(
        rules.len(),
        1,
        "the snippet should declare exactly one rule"
    );
    rules.remove(0)
}

/// The rule's findings on `text`, one line each, with related spans and
/// fixes indented below: `line:col-line:col severity[rule] message`.
pub(crate) fn check_rule(rule: &LoadedRule, text: &str) -> String {
    let article = Article::parse(text);
    let mut diagnostics = rule.check(&article);
    crate::diagnostic::sort_diagnostics(&mut diagnostics);
    render_compact(text, &diagnostics)
}

pub(crate) fn render_compact(text: &str, diagnostics: &[crate::diagnostic::Diagnostic]) -> String {
    let index = LineIndex::new(text);
    let position = |span: crate::source::Span| {
        let (start, end) = index.span_line_columns(text, span);
        format!(
            "{}:{}-{}:{}",
            start.line, start.column, end.line, end.column
        )
    };
    let mut out = String::new();
    for diagnostic in diagnostics {
        let _ = writeln!(
            out,
            "{} {}[{}] {}",
            position(diagnostic.span),
            diagnostic.severity,
            diagnostic.rule,
            diagnostic.message
        );
        for related in &diagnostic.related {
            let _ = writeln!(
                out,
                "  related {} {}",
                position(related.span),
                related.message
            );
        }
        if let Some(help) = &diagnostic.help {
            let _ = writeln!(out, "  help: {help}");
        }
        if let Some(fix) = &diagnostic.fix {
            let _ = writeln!(
                out,
                "  fix ({:?}): {:?}",
                fix.applicability, fix.replacement
            );
        }
    }
    out
}
