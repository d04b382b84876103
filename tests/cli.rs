//! The real binary: exit codes, inputs, configuration and errors.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use std::io::Write;

fn copydesk(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn copydesk_stdin(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn write(dir: &Path, name: &str, contents: &[u8]) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

/// The paths of a JSON report's files, in its order.
fn file_paths(json: &serde_json::Value) -> Vec<&str> {
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|file| file["path"].as_str().unwrap())
        .collect()
}

const CLEAN: &str = "Talks resume\n\nNegotiators met again on Friday.\n";
const RESIDUE: &str = "Talks resume\n\nNegotiators met again on Friday.\n\nLeave a Reply\n";

#[test]
fn exit_zero_when_clean() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "clean.txt", CLEAN.as_bytes());
    let output = copydesk(dir.path(), &["check", "clean.txt"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "No findings in 1 file.\n");
}

#[test]
fn exit_one_with_findings_and_human_output() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "residue.txt", RESIDUE.as_bytes());
    let output = copydesk(dir.path(), &["check", "residue.txt"]);
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(stdout(&output), @r"
    error[web-boilerplate]: Web page residue: “Leave a Reply”
     --> residue.txt:5:1
      |
    5 | Leave a Reply
      | ^^^^^^^^^^^^^
      |
      = help: unsafe fix: delete it

    Found 1 error in 1 file.
    ");
}

#[test]
fn stdin_is_checked_as_dash() {
    let dir = tempfile::tempdir().unwrap();
    let output = copydesk_stdin(
        dir.path(),
        &["check", "--format", "json", "-"],
        RESIDUE.as_bytes(),
    );
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["files"][0]["path"], "-");
    assert_eq!(
        json["files"][0]["diagnostics"][0]["rule"],
        "web-boilerplate"
    );
    assert_eq!(
        json["files"][0]["diagnostics"][0]["span"]["start"],
        RESIDUE.find("Leave").unwrap()
    );
}

#[test]
fn directories_are_walked_in_order_for_txt_and_md_respecting_gitignore() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "news/b.txt", RESIDUE.as_bytes());
    write(dir.path(), "news/a.md", CLEAN.as_bytes());
    write(dir.path(), "news/sub/c.txt", CLEAN.as_bytes());
    write(dir.path(), "news/notes.docx", RESIDUE.as_bytes());
    write(dir.path(), "news/drafts/d.txt", RESIDUE.as_bytes());
    write(dir.path(), "news/.gitignore", b"drafts/\n");
    let output = copydesk(dir.path(), &["check", "--format", "json", "news"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(
        file_paths(&json),
        ["news/a.md", "news/b.txt", "news/sub/c.txt"]
    );
    assert_eq!(json["summary"]["diagnostics"], 1);
}

#[test]
fn many_files_are_reported_in_order_whatever_the_threads() {
    // Enough files that they travel between threads in batches of several,
    // with an unreadable one and findings scattered among them.
    let dir = tempfile::tempdir().unwrap();
    for number in 0..300 {
        let contents: &[u8] = match number % 7 {
            0 => RESIDUE.as_bytes(),
            3 if number % 2 == 1 => b"\xff not UTF-8\n",
            _ => CLEAN.as_bytes(),
        };
        write(dir.path(), &format!("news/{number:03}.txt"), contents);
    }
    let wanted: Vec<String> = (0..300)
        .map(|number| format!("news/{number:03}.txt"))
        .collect();
    let mut outputs = Vec::new();
    for jobs in ["1", "2", "3"] {
        let output = copydesk(
            dir.path(),
            &["check", "--jobs", jobs, "--format", "jsonl", "news"],
        );
        assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
        let json = copydesk(
            dir.path(),
            &["check", "--jobs", jobs, "--format", "json", "news"],
        );
        let json: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
        assert_eq!(file_paths(&json), wanted, "--jobs {jobs}");
        outputs.push(stdout(&output));
    }
    let lines: Vec<serde_json::Value> = outputs[0]
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    // 43 files with the boilerplate line, 22 that are not UTF-8.
    assert_eq!(lines.len(), 43 + 22);
    let paths: Vec<&str> = lines
        .iter()
        .map(|line| line["path"].as_str().unwrap())
        .collect();
    assert!(paths.is_sorted(), "{paths:?}");
    assert_eq!(outputs[1], outputs[0]);
    assert_eq!(outputs[2], outputs[0]);
}

#[test]
fn a_non_utf8_file_is_its_own_error_and_the_others_are_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a-good.txt", RESIDUE.as_bytes());
    write(
        dir.path(),
        "b-latin1.txt",
        b"Caf\xe9 society\n\nIt opened.\n",
    );
    write(dir.path(), "c-good.txt", CLEAN.as_bytes());
    let output = copydesk(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "a-good.txt",
            "b-latin1.txt",
            "c-good.txt",
            "missing.txt",
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(
        json["files"][0]["diagnostics"][0]["rule"],
        "web-boilerplate"
    );
    assert_eq!(
        json["files"][1]["error"],
        "not valid UTF-8 (invalid byte at offset 3)"
    );
    assert!(json["files"][2]["error"].is_null());
    assert!(json["files"][3]["error"]
        .as_str()
        .unwrap()
        .starts_with("cannot read:"));
    assert_eq!(json["summary"]["errors"], 2);
}

#[test]
fn a_broken_rule_file_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", CLEAN.as_bytes());
    write(
        dir.path(),
        "house.toml",
        b"[[rule]]\nid = \"house-kyiv\"\nkind = \"substitution\"\nswop = { Kiev = \"Kyiv\" }\n",
    );
    let output = copydesk(dir.path(), &["check", "--rules", "house.toml", "a.txt"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert_eq!(
        stderr(&output),
        "copydesk: error: house.toml:4:1: unknown field `swop`, expected one of `id`, `kind`, `severity`, `enabled`, `message`, `summary`, `flagged`, `clean`, `swap`, `ignore-case`\n"
    );
}

#[test]
fn extra_rule_files_add_rules() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.txt",
        "Troops near Kiev\n\nTroops massed near Kiev on Friday.\n".as_bytes(),
    );
    write(
        dir.path(),
        "house.toml",
        "[[rule]]\nid = \"house-kyiv\"\nkind = \"substitution\"\nmessage = \"House style is “{replacement}”, not “{match}”\"\n[rule.swap]\nKiev = \"Kyiv\"\n".as_bytes(),
    );
    let output = copydesk(
        dir.path(),
        &[
            "check",
            "--rules",
            "house.toml",
            "--format",
            "json",
            "a.txt",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let diagnostics = json["files"][0]["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 2);
    assert_eq!(
        diagnostics[0]["message"],
        "House style is “Kyiv”, not “Kiev”"
    );
    assert_eq!(diagnostics[0]["fix"]["applicability"], "safe");
}

#[test]
fn project_config_in_a_parent_directory_selects_ignores_and_overrides() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "copydesk.toml",
        b"rules = [\"styles/house.toml\"]\n[severity]\nweb-boilerplate = \"info\"\n",
    );
    write(
        dir.path(),
        "styles/house.toml",
        b"[[rule]]\nid = \"house-kyiv\"\nkind = \"substitution\"\n[rule.swap]\nKiev = \"Kyiv\"\n",
    );
    write(
        dir.path(),
        "desk/a.txt",
        "Kiev talks\n\nTalks in Kiev ended.\n\nLeave a Reply\n".as_bytes(),
    );
    let desk = dir.path().join("desk");
    let output = copydesk(&desk, &["check", "--format", "json", "a.txt"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let found: Vec<(String, String)> = json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_owned(),
                d["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("house-kyiv".to_owned(), "warning".to_owned()),
            ("house-kyiv".to_owned(), "warning".to_owned()),
            ("web-boilerplate".to_owned(), "info".to_owned())
        ]
    );

    let ignored = copydesk(
        &desk,
        &[
            "check",
            "--ignore",
            "house-kyiv",
            "--format",
            "json",
            "a.txt",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&ignored)).unwrap();
    assert_eq!(json["summary"]["diagnostics"], 1);

    let selected = copydesk(
        &desk,
        &[
            "check",
            "--select",
            "house-kyiv",
            "--format",
            "json",
            "a.txt",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&selected)).unwrap();
    assert_eq!(json["summary"]["diagnostics"], 2);

    let unconfigured = copydesk(
        &desk,
        &["check", "--no-config", "--format", "json", "a.txt"],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&unconfigured)).unwrap();
    assert_eq!(json["summary"]["diagnostics"], 1);
    assert_eq!(json["files"][0]["diagnostics"][0]["severity"], "error");
}

#[test]
fn an_unknown_rule_id_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", CLEAN.as_bytes());
    let output = copydesk(dir.path(), &["check", "--select", "no-such-rule", "a.txt"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "copydesk: error: command line: unknown rule id `no-such-rule` (see `copydesk rules`)\n"
    );
}

#[test]
fn bad_arguments_exit_two() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        copydesk(dir.path(), &["check", "--format", "yaml"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        copydesk(dir.path(), &["check", "--date", "2021-02-30", "x.txt"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(copydesk(dir.path(), &["frobnicate"]).status.code(), Some(2));
}

#[test]
fn rules_lists_and_explain_documents() {
    let dir = tempfile::tempdir().unwrap();
    let rules = copydesk(dir.path(), &["rules"]);
    assert_eq!(rules.status.code(), Some(0));
    assert!(stdout(&rules).contains("web-boilerplate"));

    let explain = copydesk(dir.path(), &["explain", "web-boilerplate"]);
    assert_eq!(explain.status.code(), Some(0));
    let text = stdout(&explain);
    assert!(
        text.starts_with("web-boilerplate (error rule, kind `existence`)\n"),
        "{text}"
    );
    assert!(text.contains("## What it does"));

    let unknown = copydesk(dir.path(), &["explain", "nothing"]);
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn test_rules_runs_examples_and_fails_on_a_wrong_one() {
    let dir = tempfile::tempdir().unwrap();
    let defaults = copydesk(dir.path(), &["test-rules"]);
    assert_eq!(defaults.status.code(), Some(0), "{}", stdout(&defaults));
    assert!(stdout(&defaults).ends_with(" 0 failed\n"));

    write(
        dir.path(),
        "wrong.toml",
        b"[[rule]]\nid = \"placeholder\"\nkind = \"existence\"\nphrases = [\"TK\"]\nflagged = [\"Quote TK here.\", \"Nothing here.\"]\nclean = [\"TKO in round two.\"]\n",
    );
    let wrong = copydesk(dir.path(), &["test-rules", "wrong.toml"]);
    assert_eq!(wrong.status.code(), Some(1));
    assert_eq!(
        stdout(&wrong),
        "FAIL  wrong.toml: placeholder: \"Nothing here.\": expected a finding, found none\n2 passed, 1 failed\n"
    );
}

#[test]
fn parse_prints_the_outline() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.txt",
        b"Headline here\n\nFirst one. Second one.\n",
    );
    let output = copydesk(dir.path(), &["parse", "a.txt"]);
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&output), @r#"
    headline 0..13
      statement 0..13 "Headline here"
        ^Headline here
    paragraph 15..37
      statement 15..25 "First one."
        ^First one .
      statement 26..37 "Second one."
        ^Second one .
    "#);
}

const HOUSE_STYLE: &[u8] =
    "[[rule]]\nid = \"house-kyiv\"\nkind = \"substitution\"\n[rule.swap]\nKiev = \"Kyiv\"\n"
        .as_bytes();

#[test]
fn fix_writes_safe_fixes_atomically_and_reports_what_remains() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "house.toml", HOUSE_STYLE);
    let story = "Talks in Kiev\n\nTalks in Kiev ended. “Kiev will stand,” he said.\n";
    write(dir.path(), "story.txt", story.as_bytes());
    let output = copydesk(
        dir.path(),
        &[
            "check",
            "--rules",
            "house.toml",
            "--select",
            "house-kyiv",
            "--fix",
            "--format",
            "json",
            "story.txt",
        ],
    );
    // The quoted Kiev's fix is unsafe: it stays and is still reported.
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("story.txt")).unwrap(),
        "Talks in Kyiv\n\nTalks in Kyiv ended. “Kiev will stand,” he said.\n"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["summary"]["diagnostics"], 1);
    assert_eq!(
        json["files"][0]["diagnostics"][0]["fix"]["applicability"],
        "unsafe"
    );

    let output = copydesk(
        dir.path(),
        &[
            "check",
            "--rules",
            "house.toml",
            "--select",
            "house-kyiv",
            "--fix",
            "--unsafe-fixes",
            "story.txt",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("story.txt")).unwrap(),
        "Talks in Kyiv\n\nTalks in Kyiv ended. “Kyiv will stand,” he said.\n"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 2, "no temporary files left: {leftovers:?}");
}

#[test]
fn fix_never_writes_a_file_it_could_not_read() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "house.toml", HOUSE_STYLE);
    let latin1 = b"Kiev caf\xe9\n\nKiev.\n";
    write(dir.path(), "latin1.txt", latin1);
    let output = copydesk(
        dir.path(),
        &["check", "--rules", "house.toml", "--fix", "latin1.txt"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        std::fs::read(dir.path().join("latin1.txt")).unwrap(),
        latin1
    );
}

#[test]
fn diff_prints_fixes_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "house.toml", HOUSE_STYLE);
    let story = "Talks in Kiev\n\nThey met.\n";
    write(dir.path(), "story.txt", story.as_bytes());
    let output = copydesk(
        dir.path(),
        &["check", "--rules", "house.toml", "--diff", "story.txt"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("story.txt")).unwrap(),
        story
    );
    insta::assert_snapshot!(stdout(&output), @r"
    --- a/story.txt
    +++ b/story.txt
    @@ -1,3 +1,3 @@
    -Talks in Kiev
    +Talks in Kyiv
     
     They met.
    ");
}

#[test]
fn baseline_records_then_reports_only_new_findings() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "old.txt", RESIDUE.as_bytes());
    let first = copydesk(
        dir.path(),
        &["check", "--baseline", "baseline.json", "old.txt"],
    );
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert!(stderr(&first).contains("recorded 1 findings"));
    let again = copydesk(
        dir.path(),
        &["check", "--baseline", "baseline.json", "old.txt"],
    );
    assert_eq!(again.status.code(), Some(0), "{}", stdout(&again));
    // A new piece of residue is new; the recorded one stays quiet even
    // though an edit above moved it.
    write(
        dir.path(),
        "old.txt",
        format!("Share this article\n\n{RESIDUE}").as_bytes(),
    );
    let after = copydesk(
        dir.path(),
        &[
            "check",
            "--baseline",
            "baseline.json",
            "--format",
            "json",
            "old.txt",
        ],
    );
    assert_eq!(after.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&after)).unwrap();
    let messages: Vec<&str> = json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(messages, ["Web page residue: “Share this article”"]);
}

#[test]
fn statistics_count_findings_per_rule() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", RESIDUE.as_bytes());
    write(
        dir.path(),
        "b.txt",
        "Title\n\nShe said “yes.\n\nLeave a Reply\n".as_bytes(),
    );
    let output = copydesk(dir.path(), &["check", "--statistics", "a.txt", "b.txt"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        "     2  web-boilerplate\n     1  unbalanced-quote\n"
    );
}

#[test]
fn jsonl_streams_one_line_per_finding_with_its_path() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", RESIDUE.as_bytes());
    write(dir.path(), "b.txt", b"\xff\xfe");
    let output = copydesk(
        dir.path(),
        &["check", "--format", "jsonl", "a.txt", "b.txt"],
    );
    assert_eq!(output.status.code(), Some(2));
    let lines: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["path"], "a.txt");
    assert_eq!(lines[0]["rule"], "web-boilerplate");
    assert_eq!(lines[1]["path"], "b.txt");
    assert!(lines[1]["error"].as_str().unwrap().contains("UTF-8"));
}

#[test]
fn markdown_checks_prose_only_and_honours_suppressions() {
    let dir = tempfile::tempdir().unwrap();
    let story = "---\ndate: 2021-03-01\n---\n# Talks resume\n\nSee [the log](https://example.com/Leave-a-Reply).\n\n```\nLeave a Reply\n```\n\n<!-- copydesk-disable-next-line web-boilerplate -->\nLeave a Reply\n\n<!-- copydesk-disable-next-line unbalanced-quote -->\nThe end.\n\nShare this article\n";
    write(dir.path(), "story.md", story.as_bytes());
    let output = copydesk(dir.path(), &["check", "--format", "json", "story.md"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let found: Vec<(String, u64)> = json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_owned(),
                d["span"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("unused-suppression".to_owned(), 15),
            ("web-boilerplate".to_owned(), 18)
        ]
    );
    // unused-suppression is a rule like any other for --ignore.
    let ignored = copydesk(
        dir.path(),
        &[
            "check",
            "--ignore",
            "unused-suppression",
            "--format",
            "json",
            "story.md",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&ignored)).unwrap();
    assert_eq!(json["summary"]["diagnostics"], 1);
}

#[test]
fn per_path_ignores_in_the_project_config() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "copydesk.toml",
        b"[[ignore]]\npath = \"archive/2019/**\"\nrules = [\"web-boilerplate\"]\n",
    );
    write(dir.path(), "archive/2019/old.txt", RESIDUE.as_bytes());
    write(dir.path(), "archive/2020/new.txt", RESIDUE.as_bytes());
    let output = copydesk(dir.path(), &["check", "--format", "json", "archive"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["files"][0]["path"], "archive/2019/old.txt");
    assert_eq!(json["files"][0]["diagnostics"].as_array().unwrap().len(), 0);
    assert_eq!(json["files"][1]["diagnostics"].as_array().unwrap().len(), 1);
}

#[test]
fn html_pages_are_checked_as_article_text() {
    let dir = tempfile::tempdir().unwrap();
    let page = "<html><head><title>Talks</title><script>var s = \"Leave a Reply\";</script></head>\n<body><article><h1>Talks resume</h1>\n<p>Negotiators met on Friday.</p>\n<p>Leave a Reply</p></article></body></html>\n";
    write(dir.path(), "page.html", page.as_bytes());
    let output = copydesk(dir.path(), &["check", "--format", "json", "page.html"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let diagnostics = json["files"][0]["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let start = diagnostics[0]["span"]["start"].as_u64().unwrap() as usize;
    assert_eq!(&page[start..start + 13], "Leave a Reply");
    assert_eq!(start, page.rfind("Leave a Reply").unwrap());
}

#[test]
fn facts_lists_statements_with_speakers_and_dates() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "story.md",
        "---\ndate: 2021-03-03\n---\n\n# Talks\n\nTalks end on **March 9**.\n\n“We will win,” said Jane Doe.\n".as_bytes(),
    );
    let output = copydesk(dir.path(), &["facts", "story.md"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "story.md:7:1: Talks end on March 9 .\n  \
         7:16    date      “March 9” = 2021-03-09, a Tuesday (year from the publication date)\n\
         story.md:9:1: “We will win,” said Jane Doe.\n  \
         9:1     quotation “We will win,” — speaker: Jane Doe (name, “said”)\n  \
         9:21    name      “Jane Doe” (folded: janedoe)\n"
    );

    let output = copydesk(
        dir.path(),
        &["facts", "--format", "json", "--all", "story.md"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let file = &json["files"][0];
    assert_eq!(file["publication_date"], "2021-03-03");
    let statements = file["statements"].as_array().unwrap();
    assert_eq!(statements[0]["text"], "Talks");
    assert_eq!(statements[0]["facts"], serde_json::json!([]));
    let quotation = &statements[2]["facts"][0];
    assert_eq!(quotation["kind"], "quotation");
    assert_eq!(quotation["speaker"]["name"], "Jane Doe");
}

#[test]
fn facts_reports_each_unreadable_file_and_exits_two() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "ok.txt",
        "Jane Doe left on Monday.\n".as_bytes(),
    );
    write(dir.path(), "bad.txt", b"\xff\xfe not text");
    let output = copydesk(dir.path(), &["facts", "missing.txt", "bad.txt", "ok.txt"]);
    assert_eq!(output.status.code(), Some(2));
    let errors = stderr(&output);
    assert!(errors.contains("missing.txt: cannot read"), "{errors}");
    assert!(errors.contains("bad.txt: not valid UTF-8"), "{errors}");
    assert!(stdout(&output).starts_with("ok.txt:1:1: Jane Doe left on Monday.\n"));
}

/// Many files, and a bar that would appear at once: what `check` draws
/// depends only on where standard error goes.
fn many_articles() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for index in 0..40 {
        write(
            dir.path(),
            &format!("article-{index:02}.txt"),
            CLEAN.as_bytes(),
        );
    }
    dir
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let dir = many_articles();
    let output = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "--progress-delay-ms", "0", "."])
        .current_dir(dir.path())
        .env_remove("CI")
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    assert_eq!(stdout(&output), "No findings in 40 files.\n");
}

/// The other side of the test above, so that it cannot pass merely because
/// no bar is ever drawn: on a terminal (a pseudo-terminal from `script`)
/// the bar appears, unless `--no-progress` or CI says otherwise.
#[test]
fn progress_bar_on_a_terminal_unless_switched_off() {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("`script` (util-linux) not found; skipping");
        return;
    }
    let dir = many_articles();
    let run = |extra: &str, ci: bool| {
        let command = format!(
            "{} check --progress-delay-ms 0 {extra} .",
            env!("CARGO_BIN_EXE_copydesk")
        );
        let mut script = Command::new("script");
        script
            .args(["-qec", &command, "/dev/null"])
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .env("COLUMNS", "80")
            .stdin(Stdio::null());
        if ci {
            script.env("CI", "true");
        } else {
            script.env_remove("CI");
        }
        let output = script.output().expect("script runs");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let shown = run("", false);
    assert!(shown.contains("files in"), "{shown:?}");
    assert!(shown.contains("No findings in 40 files."), "{shown:?}");
    let switched_off = run("--no-progress", false);
    assert!(!switched_off.contains("files in"), "{switched_off:?}");
    let in_ci = run("", true);
    assert!(!in_ci.contains("files in"), "{in_ci:?}");
}

#[test]
fn rules_shipped_off_are_listed_explained_and_turned_on_by_extend_select() {
    let dir = tempfile::tempdir().unwrap();
    let listed = stdout(&copydesk(dir.path(), &["rules", "--no-config"]));
    let (on, off) = listed
        .split_once("Off by default")
        .expect("an off-by-default section");
    assert!(on.contains("repeated-word"), "{listed}");
    assert!(!on.contains("undefined-acronym"), "{listed}");
    assert!(off.contains("undefined-acronym"), "{listed}");

    let explained = stdout(&copydesk(dir.path(), &["explain", "undefined-acronym"]));
    assert!(
        explained.contains("--extend-select undefined-acronym"),
        "{explained}"
    );

    write(dir.path(), "a.txt", "The AFU said it would.\n".as_bytes());
    let quiet = copydesk(dir.path(), &["check", "--no-config", "a.txt"]);
    assert_eq!(quiet.status.code(), Some(0), "{}", stdout(&quiet));
    let noted = copydesk(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--extend-select",
            "undefined-acronym",
            "a.txt",
        ],
    );
    assert!(
        stdout(&noted).contains("undefined-acronym"),
        "{}",
        stdout(&noted)
    );
}
