//! `copydesk facts` output, as text and JSON, for the seed article and the
//! fixtures written for it (fixtures/facts/).

use std::path::Path;

use copydesk::render::facts::{write_json, write_text, FactsReport};
use copydesk::Article;

fn report(relative: &str) -> FactsReport {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let text = std::fs::read_to_string(fixtures.join(relative)).expect("fixtures are UTF-8");
    let article = Article::parse(&text);
    let statements = copydesk::facts::statement_facts(&article, false);
    let publication_date = copydesk::facts::publication_date(&article);
    FactsReport {
        path: relative.to_owned(),
        text: text.clone(),
        error: None,
        publication_date,
        statements,
    }
}

fn text_output(relative: &str) -> String {
    let mut out = Vec::new();
    write_text(&mut out, &report(relative)).unwrap();
    String::from_utf8(out).unwrap()
}

fn json_output(relative: &str) -> serde_json::Value {
    let mut out = Vec::new();
    write_json(&mut out, &[report(relative)]).unwrap();
    let mut value: serde_json::Value = serde_json::from_slice(&out).unwrap();
    value["tool"]["version"] = "[version]".into();
    value
}

#[test]
fn seed_article_text() {
    insta::assert_snapshot!(text_output("seed/article.txt"));
}

#[test]
fn seed_article_json() {
    insta::assert_json_snapshot!(json_output("seed/article.txt"));
}

#[test]
fn attributed_quotes_text() {
    insta::assert_snapshot!(text_output("facts/attributed-quotes.txt"));
}

#[test]
fn attributed_quotes_json() {
    insta::assert_json_snapshot!(json_output("facts/attributed-quotes.txt"));
}
