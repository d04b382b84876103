//! Arbitrary rule files: loading must return `Ok` or `Err`, never panic;
//! the rules that load are run over a small fixed article.
#![no_main]

use libfuzzer_sys::fuzz_target;

const ARTICLE: &str = "Talks in Geneva ended on Tuesday, March 3, 2026.\n\n\
“We are close,” said Maria Lopez. Lopez added: \"Not yet (but soon.\"\n\n\
Marie Lopes, 42, left at 5 p.m. — Leave a Reply\n";

fuzz_target!(|text: &str| {
    if let Ok(rules) = copydesk::config::load_rule_file("<fuzz>", text) {
        let rules = copydesk::RuleSet::new(rules);
        for diagnostic in copydesk::check(ARTICLE, &rules, &copydesk::CheckOptions::default()) {
            assert!(diagnostic.span.end <= ARTICLE.len());
            assert!(ARTICLE.is_char_boundary(diagnostic.span.start));
            assert!(ARTICLE.is_char_boundary(diagnostic.span.end));
        }
    }
});
