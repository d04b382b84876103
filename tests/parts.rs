//! A long file is checked in parts (see `copydesk::parts`): findings of
//! rules that read one statement come out the same as from a check of the
//! whole, at the same places, whatever the part size.

use copydesk::{check, check_in_parts, CheckOptions, RuleSet};

fn default_rules() -> RuleSet {
    RuleSet::new(copydesk::config::default_rules().unwrap())
}

/// Paragraphs that each hold a weekday contradicting its date and a
/// repeated word, with CRLF line ends and non-ASCII text between them.
fn long_story(paragraphs: usize) -> String {
    let mut text = String::from("Talks resume\r\n\r\n");
    for index in 0..paragraphs {
        text.push_str(&format!(
            "Delegates met on Monday, March 3, 2021, in Kyiv (Київ) for round {index}. \
             “The the talks,” one said, “went well.”\r\n\r\n"
        ));
    }
    text
}

/// (rule, quoted text, message) of the findings of the rules compared.
fn local_findings(
    text: &str,
    diagnostics: &[copydesk::Diagnostic],
) -> Vec<(String, String, String)> {
    diagnostics
        .iter()
        .filter(|d| d.rule == "weekday-mismatch" || d.rule == "repeated-word")
        .map(|d| {
            (
                d.rule.clone(),
                text[d.span.start..d.span.end].to_owned(),
                d.message.clone(),
            )
        })
        .collect()
}

#[test]
fn findings_of_statement_rules_are_the_same_checked_whole_or_in_parts() {
    let rules = default_rules();
    let text = long_story(60);
    let whole = check(&text, &rules, &CheckOptions::default());
    let expected = local_findings(&text, &whole);
    // Both rules find their slip in every paragraph.
    assert_eq!(expected.len(), 120, "{expected:#?}");
    assert_eq!(expected[0].1, "Monday");
    assert_eq!(expected[1].1, "The the");
    for part_bytes in [97, 150, 1000, 4096] {
        let parts = check_in_parts(&text, &rules, &CheckOptions::default(), part_bytes);
        assert_eq!(
            local_findings(&text, &parts),
            expected,
            "parts of {part_bytes} bytes"
        );
        let spans: Vec<_> = parts
            .iter()
            .map(|d| (d.span.start, d.rule.as_str()))
            .collect();
        let mut sorted = spans.clone();
        sorted.sort();
        assert_eq!(spans, sorted, "findings stay sorted");
    }
}

#[test]
fn one_huge_paragraph_is_cut_at_sentence_ends() {
    let rules = default_rules();
    let sentence = "On Monday, March 3, 2021, the the delegates met. ";
    let text = sentence.repeat(200);
    let whole = local_findings(&text, &check(&text, &rules, &CheckOptions::default()));
    assert_eq!(whole.len(), 400);
    let parts = check_in_parts(&text, &rules, &CheckOptions::default(), 500);
    assert_eq!(local_findings(&text, &parts), whole);
}

#[test]
fn a_quotation_continued_into_the_next_part_is_not_reported_unclosed() {
    let rules = default_rules();
    // News style: a quotation running over paragraphs leaves each but the
    // last open, and the next one opens again.
    let mut text = String::new();
    for index in 0..40 {
        text.push_str(&format!(
            "“The talks went on for round {index}, and on.\n\n“Then they ended,” she said.\n\n"
        ));
    }
    let unbalanced = |diagnostics: &[copydesk::Diagnostic]| {
        diagnostics
            .iter()
            .filter(|d| d.rule == "unbalanced-quote")
            .count()
    };
    assert_eq!(
        unbalanced(&check(&text, &rules, &CheckOptions::default())),
        0
    );
    for part_bytes in [200, 260, 333, 500] {
        let parts = check_in_parts(&text, &rules, &CheckOptions::default(), part_bytes);
        assert_eq!(unbalanced(&parts), 0, "parts of {part_bytes} bytes");
    }
    // The reported open mark is found in any part, and only once.
    let slip = format!("{text}“An open quotation never closed.\n\nThe end.\n");
    for part_bytes in [200, 260, 333, 500, 1 << 20] {
        let parts = check_in_parts(&slip, &rules, &CheckOptions::default(), part_bytes);
        assert_eq!(unbalanced(&parts), 1, "parts of {part_bytes} bytes");
    }
}

/// `check_within` gives what `check` gives up to its limit and gives up
/// past it, in one part or many.
#[test]
fn a_check_within_a_limit_gives_the_findings_or_gives_up() {
    let rules = default_rules();
    // Long enough for several parts in a release build.
    let paragraphs = if cfg!(debug_assertions) { 300 } else { 12_000 };
    let text = long_story(paragraphs);
    let all = check(&text, &rules, &CheckOptions::default());
    assert!(all.len() >= 2 * paragraphs, "{}", all.len());
    for limit in [all.len(), all.len() + 1, copydesk::DEFAULT_MAX_FINDINGS] {
        if limit >= all.len() {
            let within = copydesk::check_within(&text, &rules, &CheckOptions::default(), limit);
            assert_eq!(
                within.as_ref().map(Vec::len),
                Ok(all.len()),
                "limit {limit}"
            );
            assert!(within.is_ok_and(|within| within == all), "limit {limit}");
        }
    }
    for limit in [0, 1, all.len() / 2, all.len() - 1] {
        let too_many = copydesk::check_within(&text, &rules, &CheckOptions::default(), limit)
            .expect_err("more findings than the limit");
        assert_eq!(too_many.limit, limit);
        assert!(too_many.checked_bytes <= text.len(), "{too_many:?}");
        assert!(too_many
            .to_string()
            .contains(&format!("more than {limit} findings")));
    }
}
