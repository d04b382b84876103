//! A whole check of arbitrary bytes (decoded lossily, as plain text,
//! Markdown and HTML) with the default rules: it must not panic, and every
//! diagnostic span and related span must lie on character boundaries inside
//! the text.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

use copydesk::source::Span;
use copydesk::{CheckOptions, DocumentKind, RuleSet};

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| {
        RuleSet::new(copydesk::config::default_rules().expect("the default rules load"))
    })
}

fn assert_on_boundaries(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end,
        "{what} span {span:?} runs backwards"
    );
    assert!(
        span.end <= text.len(),
        "{what} span {span:?} ends past the text"
    );
    assert!(
        text.is_char_boundary(span.start),
        "{what} span {span:?} starts inside a character"
    );
    assert!(
        text.is_char_boundary(span.end),
        "{what} span {span:?} ends inside a character"
    );
}

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    for document in [
        DocumentKind::Text,
        DocumentKind::Markdown,
        DocumentKind::Html,
    ] {
        let options = CheckOptions {
            document,
            ..CheckOptions::default()
        };
        for diagnostic in copydesk::check(&text, rules(), &options) {
            assert_on_boundaries(&text, diagnostic.span, &diagnostic.rule);
            for related in &diagnostic.related {
                assert_on_boundaries(&text, related.span, &diagnostic.rule);
            }
        }
    }
});
