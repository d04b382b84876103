//! Hostile input through the real binary: huge lines, runs of quotation
//! marks, random and binary bytes, named pipes, symlink loops and oversized
//! files. Every run is bounded: the binary is killed and the test fails if
//! it overruns its time.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What one bounded run produced.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

/// Runs `copydesk ARGS` in `dir`, killing it and failing the test if it
/// takes longer than `limit`. Output goes to files, so a large report
/// cannot block the child on a full pipe.
fn run_bounded(dir: &Path, args: &[&str], limit: Duration) -> Run {
    let out_dir = tempfile::tempdir().unwrap();
    let out_path = out_dir.path().join("stdout");
    let err_path = out_dir.path().join("stderr");
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("the binary runs");
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("copydesk {args:?} ran longer than {limit:?}; killed");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let elapsed = started.elapsed();
    eprintln!("copydesk {args:?}: {elapsed:?}");
    let read = |path: &Path| String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
    Run {
        code: status
            .code()
            .expect("the binary exits, not killed by a signal"),
        stdout: read(&out_path),
        stderr: read(&err_path),
        elapsed,
    }
}

/// A small deterministic generator (xorshift64*), so a failure reproduces.
struct Bytes(u64);

impl Bytes {
    fn fill(&mut self, n: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            let word = self.0.wrapping_mul(0x2545_f491_4f6c_dd1d);
            out.extend_from_slice(&word.to_le_bytes());
        }
        out.truncate(n);
        out
    }
}

const CLEAN_ARTICLE: &str =
    "Council approves budget\n\nThe council approved the budget on Monday.\n";
const FLAGGED_ARTICLE: &str = "Talks ended.\n\nLeave a Reply\n";

fn write(dir: &Path, name: &str, contents: &[u8]) {
    std::fs::write(dir.join(name), contents).unwrap();
}

#[test]
fn a_long_single_line_is_checked_in_bounded_time() {
    // One paragraph, one sentence, one line: 100 MB in a release build
    // (about 14 s here); a debug build is some thirty times slower, so it
    // gets 1 MB.
    let size = if cfg!(debug_assertions) {
        1_000_000
    } else {
        100_000_000
    };
    single_line(size);
}

fn single_line(size: usize) {
    let dir = tempfile::tempdir().unwrap();
    let unit = b"Talks in Geneva ended without a deal, officials said, ";
    let mut line = Vec::with_capacity(size + unit.len());
    while line.len() < size {
        line.extend_from_slice(unit);
    }
    line.truncate(size);
    write(dir.path(), "line.txt", &line);
    drop(line);
    let run = run_bounded(
        dir.path(),
        &["check", "--max-file-size", "0", "line.txt"],
        Duration::from_secs(60),
    );
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

/// Checks `name` in `dir` with no cap on findings, as JSON lines, and
/// asserts that it ends within a minute with a clean result.
fn check_cleanly_within_a_minute(dir: &Path, name: &str) {
    let run = run_bounded(
        dir,
        &["check", "--max-findings", "0", "--format", "jsonl", name],
        Duration::from_secs(60),
    );
    assert!(run.code == 0 || run.code == 1, "{name}: {}", run.stderr);
    assert!(run.stderr.is_empty(), "{name}: {}", run.stderr);
}

#[test]
fn a_million_quotation_marks_are_checked_in_bounded_time() {
    let dir = tempfile::tempdir().unwrap();
    // Repeated straight marks, nested curly openings and alternating
    // double and single curly marks: 10^6 marks in release builds; a debug
    // build renders a finding for each at about 0.06 ms, so it gets 10^5.
    let marks = if cfg!(debug_assertions) {
        100_000
    } else {
        1_000_000
    };
    write(dir.path(), "straight.txt", "\"".repeat(marks).as_bytes());
    write(dir.path(), "nested.txt", "“‘".repeat(marks / 2).as_bytes());
    let mut words = String::new();
    for _ in 0..marks / 4 {
        words.push_str("“a ‘b ");
    }
    for _ in 0..marks / 4 {
        words.push_str("c’ d” ");
    }
    write(dir.path(), "words.txt", words.as_bytes());
    // One quotation left open, then short quotations to the end of the
    // paragraph: each opening mark asks whether the stretch since the open
    // one names its speaker, which once read the whole stretch each time.
    let mut open = String::from("“Start ");
    for _ in 0..marks / 2 {
        open.push_str("“a” ");
    }
    write(dir.path(), "open.txt", open.as_bytes());
    for name in ["straight.txt", "nested.txt", "words.txt", "open.txt"] {
        check_cleanly_within_a_minute(dir.path(), name);
    }
}

#[test]
fn many_facts_about_one_person_are_checked_in_bounded_time() {
    // The same person given the same age (and, in the second file, title,
    // figures and date) tens of thousands of times: a rule that set each
    // fact against every other, as a pre-test once did for ages, takes
    // seconds here in a release build and minutes in a debug one.
    let dir = tempfile::tempdir().unwrap();
    let statements = [
        ("ages.txt", "John Smith, 45, spoke. "),
        (
            "facts.txt",
            "Gen. John Smith, 45, said 3 million people came on Monday, March 3, 2021. ",
        ),
    ];
    for (name, statement) in statements {
        let mut text = String::new();
        for index in 0..1_000_000 / statement.len() {
            text.push_str(statement);
            if index % 40 == 39 {
                text.push_str("\n\n");
            }
        }
        write(dir.path(), name, text.as_bytes());
        check_cleanly_within_a_minute(dir.path(), name);
    }
}

#[test]
fn a_line_of_findings_is_drawn_in_bounded_time() {
    // A line of opening brackets: a finding for each, drawn with its
    // source line in the human format, which once drew the whole line for
    // every finding.
    let brackets = if cfg!(debug_assertions) {
        100_000
    } else {
        400_000
    };
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "brackets.txt", "(".repeat(brackets).as_bytes());
    let run = run_bounded(
        dir.path(),
        &["check", "--max-findings", "0", "brackets.txt"],
        Duration::from_secs(60),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert_eq!(
        run.stdout.matches("This ( is never closed").count(),
        brackets,
        "one finding a bracket"
    );
    // Each finding shows a stretch of the line around it, not the line.
    assert!(run.stdout.len() < brackets * 1000, "{}", run.stdout.len());
}

#[test]
fn a_file_made_of_findings_is_that_files_error() {
    // Unclosed brackets, each a finding: past the limit of findings the
    // file is given up (held whole, 20 MB of them took some 17 GB), and
    // the article beside it is still checked.
    let brackets = if cfg!(debug_assertions) {
        2_000_000
    } else {
        20_000_000
    };
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "brackets.txt", "(".repeat(brackets).as_bytes());
    write(dir.path(), "flagged.txt", FLAGGED_ARTICLE.as_bytes());
    let run = run_bounded(
        dir.path(),
        &["check", "brackets.txt", "flagged.txt"],
        Duration::from_secs(60),
    );
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("brackets.txt: more than 10000 findings in its first"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("--max-findings"), "{}", run.stdout);
    assert!(
        !run.stdout.contains("This ( is never closed"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("web-boilerplate"), "{}", run.stdout);

    // The limit is the user's to raise, or to lift.
    write(dir.path(), "some.txt", "(".repeat(12_000).as_bytes());
    for (limit, code) in [("12000", 1), ("0", 1), ("11999", 2)] {
        let run = run_bounded(
            dir.path(),
            &[
                "check",
                "--format",
                "jsonl",
                "--max-findings",
                limit,
                "some.txt",
            ],
            Duration::from_secs(60),
        );
        assert_eq!(run.code, code, "--max-findings {limit}: {}", run.stderr);
        let findings = run
            .stdout
            .matches("\"rule\":\"unbalanced-bracket\"")
            .count();
        assert_eq!(findings, if code == 1 { 12_000 } else { 0 }, "{limit}");
    }
}

#[test]
fn random_bytes_are_reported_not_checked_and_random_text_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let mut random = Bytes(0x9e37_79b9_7f4a_7c15);
    write(dir.path(), "random.txt", &random.fill(1 << 20));
    // Random bytes with no NUL and every invalid sequence replaced: text
    // the checker must take in.
    let mut bytes = random.fill(1 << 20);
    bytes.retain(|&byte| byte != 0);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    write(dir.path(), "lossy.txt", text.as_bytes());
    let run = run_bounded(
        dir.path(),
        // Random text is full of slips: all of them, past the limit.
        &["check", "--max-findings", "0", "random.txt", "lossy.txt"],
        Duration::from_secs(60),
    );
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stdout.contains("random.txt: looks like a binary file"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("lossy.txt: "), "{}", run.stdout);
}

#[test]
fn nul_bytes_mark_a_binary_file_only_near_the_start() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "nuls.txt", &vec![0; 1 << 20]);
    // A NUL past the first 8 KB is text with a stray control character:
    // checked like any other.
    let mut late = CLEAN_ARTICLE.repeat(200).into_bytes();
    assert!(late.len() > 8 * 1024);
    late.extend_from_slice(b"\0\n");
    write(dir.path(), "late.txt", &late);
    let run = run_bounded(
        dir.path(),
        &["check", "nuls.txt", "late.txt"],
        Duration::from_secs(60),
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stdout
            .contains("nuls.txt: looks like a binary file (NUL byte at offset 0); not checked"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("late.txt: "), "{}", run.stdout);
}

#[test]
fn a_binary_file_named_like_an_article_is_reported_as_binary() {
    let dir = tempfile::tempdir().unwrap();
    let mut random = Bytes(42);
    let mut elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec();
    elf.extend(random.fill(64 * 1024));
    write(dir.path(), "program.txt", &elf);
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(random.fill(64 * 1024));
    write(dir.path(), "image.md", &png);
    write(dir.path(), "article.txt", FLAGGED_ARTICLE.as_bytes());
    let run = run_bounded(dir.path(), &["check", "."], Duration::from_secs(60));
    assert_eq!(run.code, 2);
    assert!(
        run.stdout
            .contains("program.txt: looks like a binary file (NUL byte at offset 7)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("image.md: looks like a binary file (NUL byte at offset 8)"),
        "{}",
        run.stdout
    );
    // The real article is still checked.
    assert!(run.stdout.contains("web-boilerplate"), "{}", run.stdout);
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn a_named_pipe_with_no_writer_does_not_hang_the_check() {
    let dir = tempfile::tempdir().unwrap();
    mkfifo(&dir.path().join("pipe.txt"));
    write(dir.path(), "article.txt", FLAGGED_ARTICLE.as_bytes());

    // Named on the command line: that file's error.
    let run = run_bounded(
        dir.path(),
        &["check", "pipe.txt", "article.txt"],
        Duration::from_secs(20),
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stdout.contains("pipe.txt: not a regular file"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("web-boilerplate"), "{}", run.stdout);

    // Found by the directory walk: skipped with a message.
    let run = run_bounded(dir.path(), &["check", "."], Duration::from_secs(20));
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("skipping ./pipe.txt: not a regular file"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("web-boilerplate"), "{}", run.stdout);
}

#[cfg(unix)]
#[test]
fn a_directory_loop_through_symlinks_ends_the_walk() {
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    std::fs::create_dir_all(news.join("desk")).unwrap();
    std::os::unix::fs::symlink("..", news.join("desk/back")).unwrap();
    std::os::unix::fs::symlink("../news", news.join("desk/again")).unwrap();
    write(&news, "desk/article.txt", FLAGGED_ARTICLE.as_bytes());
    let run = run_bounded(dir.path(), &["check", "news"], Duration::from_secs(20));
    // Each link back to an ancestor is that path's error; the article is
    // checked once.
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("news/desk/back: "), "{}", run.stdout);
    assert!(run.stdout.contains("news/desk/again: "), "{}", run.stdout);
    assert!(
        run.stdout.contains("File system loop found"),
        "{}",
        run.stdout
    );
    assert_eq!(
        run.stdout.matches("web-boilerplate").count(),
        1,
        "{}",
        run.stdout
    );
}

#[test]
fn a_file_larger_than_max_file_size_is_that_files_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "long.txt", CLEAN_ARTICLE.repeat(100).as_bytes());
    write(dir.path(), "short.txt", FLAGGED_ARTICLE.as_bytes());
    let run = run_bounded(
        dir.path(),
        &["check", "--max-file-size", "1K", "long.txt", "short.txt"],
        Duration::from_secs(20),
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stdout.contains(&format!(
            "long.txt: larger than --max-file-size ({} bytes > 1024 bytes); not checked",
            CLEAN_ARTICLE.len() * 100
        )),
        "{}",
        run.stdout
    );
    // The other file is still checked.
    assert!(run.stdout.contains("web-boilerplate"), "{}", run.stdout);

    // A file too large is refused from its metadata, before reading: a
    // sparse file costs no disk, and the answer comes at once.
    let huge = std::fs::File::create(dir.path().join("huge.txt")).unwrap();
    let refused_unread = |length: u64, args: &[&str], error: &str| {
        huge.set_len(length).unwrap();
        let run = run_bounded(dir.path(), args, Duration::from_secs(20));
        assert_eq!(run.code, 2);
        assert!(run.stdout.contains(error), "{}", run.stdout);
        assert!(run.elapsed < Duration::from_secs(5), "{:?}", run.elapsed);
    };
    // The default limit (100M).
    refused_unread(
        (100 << 20) + 1,
        &["check", "huge.txt"],
        "huge.txt: larger than --max-file-size (104857601 bytes > 104857600 bytes)",
    );
    // No limit still stops at 4 GiB, the most the grammar's 32-bit
    // offsets reach.
    refused_unread(
        (4 << 30) + 1,
        &["check", "--max-file-size", "0", "huge.txt"],
        "huge.txt: larger than 4 GiB, the most copydesk checks; not checked",
    );
}

#[test]
fn max_file_size_rejects_a_malformed_size() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_bounded(
        dir.path(),
        &["check", "--max-file-size", "12X", "."],
        Duration::from_secs(20),
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("`12X` is not a size in bytes"),
        "{}",
        run.stderr
    );
}
