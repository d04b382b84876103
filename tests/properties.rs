//! Properties over arbitrary text: the grammar is total, tokens tile the
//! input, and every span — of a block, statement, token or diagnostic —
//! falls on character boundaries inside the text.

use proptest::prelude::*;

use copydesk::{check, check_in_parts, CheckOptions, Diagnostic, RuleSet};

/// The default rules, compiled once for all cases.
fn default_rules() -> &'static RuleSet {
    static RULES: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
    RULES.get_or_init(|| RuleSet::new(copydesk::config::default_rules().unwrap()))
}

/// Text built from the characters news copy is made of and the ones that
/// break naive code: CRLF, a BOM, tabs, curly and straight quotes,
/// guillemets, Cyrillic, combining marks, emoji with joiners, digits with
/// separators, abbreviations' full stops.
fn newsy_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "Milley",
        "Milly",
        "U.S.",
        "Gen.",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\t",
        "\u{feff}",
        ".",
        ",",
        "!",
        "?",
        "…",
        "\"",
        "'",
        "“",
        "”",
        "‘",
        "’",
        "«",
        "»",
        "„",
        "(",
        ")",
        "[",
        "]",
        "-",
        "—",
        "3.5",
        "14,000",
        "Ж",
        "ещё",
        "e\u{301}",
        "😀",
        "👩\u{200d}👩\u{200d}👧",
        "Monday",
        "March 3, 2021",
        "Leave a Reply",
        "NEW YORK, Feb 26 - ",
        "\u{0}",
        "\u{85}",
        "\u{2028}",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|pieces| pieces.concat())
}

fn on_boundaries(text: &str, start: usize, end: usize) -> bool {
    start <= end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)
}

fn assert_parse_invariants(text: &str) {
    let syntax = copydesk::syntax::parse(text);
    let mut cursor = 0;
    for token in &syntax.tokens {
        assert_eq!(token.span().start, cursor, "gap or overlap before a token");
        assert!(token.span().end > token.span().start, "empty token");
        assert!(on_boundaries(text, token.span().start, token.span().end));
        cursor = token.span().end;
    }
    assert_eq!(cursor, text.len(), "tokens do not reach the end");
    let mut previous_end = 0;
    for block in &syntax.blocks {
        assert!(on_boundaries(text, block.span.start, block.span.end));
        assert!(block.span.start >= previous_end, "blocks overlap");
        previous_end = block.span.end;
        for statement in &syntax.statements[block.statements.clone()] {
            assert!(
                block.span.contains(statement.span),
                "statement outside its block"
            );
            assert!(on_boundaries(
                text,
                statement.span.start,
                statement.span.end
            ));
        }
    }
}

fn assert_diagnostic_spans(text: &str, rules: &RuleSet) {
    assert_spans_of(text, check(text, rules, &CheckOptions::default()));
}

fn assert_spans_of(text: &str, diagnostics: Vec<Diagnostic>) {
    for diagnostic in diagnostics {
        assert!(
            on_boundaries(text, diagnostic.span.start, diagnostic.span.end),
            "{diagnostic:?}"
        );
        for related in &diagnostic.related {
            assert!(
                on_boundaries(text, related.span.start, related.span.end),
                "{diagnostic:?}"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn newsy_text_parses_with_exact_spans(text in newsy_text()) {
        assert_parse_invariants(&text);
    }

    #[test]
    fn any_string_parses_with_exact_spans(text in any::<String>()) {
        assert_parse_invariants(&text);
    }

    #[test]
    fn any_bytes_check_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        assert_parse_invariants(&text);
        assert_diagnostic_spans(&text, default_rules());
    }

    #[test]
    fn diagnostics_slice_the_text_exactly(text in newsy_text()) {
        assert_diagnostic_spans(&text, default_rules());
    }

    /// A long file is checked in parts (1 MiB each); small parts put the
    /// cuts, and the shifting of findings back into the whole, everywhere.
    #[test]
    fn diagnostics_slice_the_text_exactly_when_checked_in_parts(
        text in newsy_text(),
        part_bytes in 4usize..120,
    ) {
        let diagnostics = check_in_parts(&text, default_rules(), &CheckOptions::default(), part_bytes);
        assert_spans_of(&text, diagnostics);
    }

    #[test]
    fn any_bytes_check_cleanly_in_parts(
        bytes in prop::collection::vec(any::<u8>(), 0..400),
        part_bytes in 0usize..64,
    ) {
        let text = String::from_utf8_lossy(&bytes);
        let diagnostics = check_in_parts(&text, default_rules(), &CheckOptions::default(), part_bytes);
        assert_spans_of(&text, diagnostics);
    }
}

/// The default rules plus a house-style swap, so substitution fixes are
/// exercised too.
fn rules_with_fixes() -> &'static RuleSet {
    static RULES: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
    RULES.get_or_init(|| {
        let mut rules = RuleSet::new(copydesk::config::default_rules().unwrap());
        rules.extend(
            copydesk::config::load_rule_file(
                "<house>",
                "[[rule]]\nid = \"house-kyiv\"\nkind = \"substitution\"\n[rule.swap]\nKiev = \"Kyiv\"\nMilly = \"Milley\"\n",
            )
            .unwrap(),
        );
        rules
    })
}

fn fixable_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Kiev",
        "Milley",
        "Milly",
        " ",
        "\n\n",
        ".",
        ",",
        "\"",
        "“",
        "”",
        "‘",
        "’",
        "(",
        ")",
        "He said",
        "Leave a Reply",
        "Monday, March 3, 2021",
        "Gen. Mark Milley",
        "U.S.",
        "é",
        "😀",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Applying every safe fix and checking again leaves no finding that
    /// still offers a safe fix: safe fixes settle, and they never leave
    /// text that is not valid UTF-8 or spans off character boundaries.
    #[test]
    fn safe_fixes_settle(text in fixable_text()) {
        let rules = rules_with_fixes();
        let check = |text: &str| check(text, rules, &CheckOptions::default());
        let (fixed, _, remaining) = copydesk::fix::fix_until_stable(&text, copydesk::fix::FixMode::SafeOnly, check);
        for diagnostic in &remaining {
            prop_assert!(on_boundaries(&fixed, diagnostic.span.start, diagnostic.span.end));
            prop_assert!(
                diagnostic.fix.as_ref().is_none_or(|fix| fix.applicability != copydesk::diagnostic::Applicability::Safe),
                "a safe fix is still offered after fixing: {diagnostic:?} in {fixed:?}"
            );
        }
    }
}

/// Newsy text with the words attributions are made of.
fn attributed_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "“",
        "”",
        "\"",
        "’",
        "Ölçek",
        "Jane Doe",
        "Mr",
        "Mr.",
        " ",
        "\n",
        "\n\n",
        "\r\n",
        ",",
        ".",
        ":",
        "said",
        "told",
        "he",
        "she",
        "a spokesman",
        "according to",
        "the",
        "Monday",
        "March 3",
        "😀",
        "e\u{301}",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|pieces| pieces.concat())
}

fn assert_fact_spans(text: &str) {
    use copydesk::facts::Fact;
    let article = copydesk::Article::parse(text);
    for statement in copydesk::facts::statement_facts(&article, true) {
        assert!(on_boundaries(
            text,
            statement.span.start,
            statement.span.end
        ));
        for fact in &statement.facts {
            let mut spans = vec![fact.span()];
            if let Fact::Quotation(quotation) = fact {
                spans.push(quotation.quoted);
                if let Some(speaker) = &quotation.speaker {
                    spans.push(speaker.span);
                    spans.extend(speaker.name_span);
                    spans.extend(speaker.carried_from);
                }
            }
            for span in spans {
                assert!(on_boundaries(text, span.start, span.end), "{fact:?}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn fact_spans_slice_the_text_exactly(text in attributed_text()) {
        assert_fact_spans(&text);
    }

    #[test]
    fn fact_spans_slice_newsy_text_exactly(text in newsy_text()) {
        assert_fact_spans(&text);
    }
}
