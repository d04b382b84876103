//! The `copydesk` command line: arguments → configuration → check →
//! render → exit code. Errors at this edge are `anyhow`; exit codes are
//! 0 (no findings), 1 (findings), 2 (usage, I/O or rule-file errors).

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use copydesk::config::{self, ProjectConfig, Selection};
use copydesk::document::DocumentKind;
use copydesk::fix::{self, FixMode};
use copydesk::render::facts::FactsReport;
use copydesk::render::{self, FileReport, Format as RenderFormat, RuleInfo, Summary};
use copydesk::{CheckOptions, RuleSet};

mod reading;

// mimalloc rather than the system allocator: a check makes many small,
// short-lived allocations (words, names, keys), and on news copy
// mimalloc ran the name-variant rule in a fifth fewer instructions.
#[global_allocator]
static ALLOCATOR: copydesk::allocator::Allocator = copydesk::allocator::Allocator;

const EXIT_CLEAN: u8 = 0;
const EXIT_FINDINGS: u8 = 1;
const EXIT_ERROR: u8 = 2;

/// A rule-based fact-consistency checker for news copy.
#[derive(Parser)]
#[command(name = "copydesk", version, about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check articles (files, directories searched for *.txt and *.md, or - for stdin).
    Check(CheckArgs),
    /// List the rules in force, with a one-line summary each.
    Rules(RuleArgs),
    /// Print a rule's documentation.
    Explain {
        /// A rule id (as `copydesk rules` lists) or a rule kind.
        rule: String,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Run the `flagged` and `clean` examples of rule files (default: the built-in rules).
    TestRules {
        /// Rule files to test; with none, the embedded default rules.
        files: Vec<PathBuf>,
    },
    /// Print how copydesk parses an article: blocks, statements and tokens.
    Parse {
        /// The article (- for stdin).
        file: PathBuf,
    },
    /// Print, per statement, the names, dates and quotations (with speakers) the rules compare.
    Facts(FactsArgs),
    /// Run the language server over stdio.
    Lsp,
}

#[derive(clap::Args)]
struct FactsArgs {
    /// Articles (files, directories searched for *.txt and *.md, or - for stdin).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = FactsFormat::Text)]
    format: FactsFormat,
    /// The publication date (YYYY-MM-DD), which fixes the year of dates given without one.
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<jiff::civil::Date>,
    /// List every statement, also those without facts.
    #[arg(long)]
    all: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FactsFormat {
    Text,
    Json,
}

#[derive(clap::Args)]
struct RuleArgs {
    /// Add a rule file (repeatable); later files replace rules of the same id.
    #[arg(long = "rules", value_name = "FILE")]
    rule_files: Vec<PathBuf>,
    /// Run only these rules (repeatable or comma-separated).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    select: Vec<String>,
    /// Also run these rules, including rules that are off by default.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    extend_select: Vec<String>,
    /// Do not run these rules (repeatable or comma-separated).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    ignore: Vec<String>,
    /// Use this configuration file instead of the nearest copydesk.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore any copydesk.toml.
    #[arg(long)]
    no_config: bool,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files or directories to check; - reads standard input.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Print the number of findings per rule instead of the findings.
    #[arg(long)]
    statistics: bool,
    /// Apply safe fixes to the files, then report what remains.
    #[arg(long)]
    fix: bool,
    /// With --fix or --diff, apply unsafe fixes too.
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them.
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
    /// Report only findings not recorded in this baseline file; if the file
    /// does not exist, record today's findings in it.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Check this many files at once (default: one per core).
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// The publication date (YYYY-MM-DD), which fixes the year of dates given without one.
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<jiff::civil::Date>,
    /// Do not read files larger than this (bytes, or with a K, M or G
    /// suffix; 0 for no limit, though never above 4 GiB): each is reported
    /// as that file's error.
    #[arg(long, value_name = "BYTES", default_value = reading::DEFAULT_MAX_FILE_SIZE, value_parser = reading::parse_size)]
    max_file_size: u64,
    /// Give up on a file with more findings than this (0 for no limit): it
    /// is reported as that file's error, with none of its findings. No
    /// article has thousands; a file made of slips (a megabyte of opening
    /// brackets) would hold hundreds of bytes of findings per byte.
    #[arg(long, value_name = "N", default_value_t = copydesk::DEFAULT_MAX_FINDINGS)]
    max_findings: usize,
    /// When to colour the human format.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Never show the progress bar (shown on standard error when it is a
    /// terminal, outside CI, once a check has taken a second).
    #[arg(long)]
    no_progress: bool,
    /// Milliseconds before the progress bar appears (for tests).
    #[arg(long, hide = true, value_name = "MS", default_value_t = 1000)]
    progress_delay_ms: u64,
    #[command(flatten)]
    rules: RuleArgs,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
    Jsonl,
    Sarif,
    Github,
    Checkstyle,
}

impl Format {
    fn render_format(self) -> RenderFormat {
        match self {
            Format::Human => RenderFormat::Human,
            Format::Json => RenderFormat::Json,
            Format::Jsonl => RenderFormat::Jsonl,
            Format::Sarif => RenderFormat::Sarif,
            Format::Github => RenderFormat::Github,
            Format::Checkstyle => RenderFormat::Checkstyle,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            let _ = writeln!(std::io::stderr(), "copydesk: error: {error:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Rules(args) => list_rules(&args),
        Command::Explain { rule, rules } => explain(&rule, &rules),
        Command::TestRules { files } => test_rules(&files),
        Command::Parse { file } => parse(&file),
        Command::Facts(args) => facts(&args),
        Command::Lsp => {
            let current = std::env::current_dir().context("finding the current directory")?;
            Ok(copydesk::lsp::run_stdio(current)?)
        }
    }
}

fn load_rule_set(args: &RuleArgs) -> Result<RuleSet> {
    Ok(load_configuration(args)?.0)
}

/// The rule set, and the project configuration it came from (for per-path
/// ignores).
fn load_configuration(args: &RuleArgs) -> Result<(RuleSet, Option<ProjectConfig>)> {
    let config_path = if args.no_config {
        None
    } else if let Some(path) = &args.config {
        Some(path.clone())
    } else {
        let current = std::env::current_dir().context("finding the current directory")?;
        ProjectConfig::discover(&current)
    };
    let project = config_path
        .as_deref()
        .map(ProjectConfig::load)
        .transpose()?;
    let selection = Selection {
        rule_files: args.rule_files.clone(),
        select: args.select.clone(),
        extend_select: args.extend_select.clone(),
        ignore: args.ignore.clone(),
    };
    let rules = config::build_rule_set(project.as_ref(), &selection)?;
    Ok((rules, project))
}

fn check(args: CheckArgs) -> Result<u8> {
    let (rules, project) = load_configuration(&args.rules)?;
    // Never freed: the process ends when the check does, and freeing the
    // rules' automata and word lists piece by piece was 4% of a
    // one-article check.
    let rules = std::mem::ManuallyDrop::new(rules);
    let inputs = collect_inputs(&args.paths)?;
    let fixing = if args.fix || args.diff {
        Some(if args.unsafe_fixes {
            FixMode::SafeAndUnsafe
        } else {
            FixMode::SafeOnly
        })
    } else {
        None
    };
    if args.fix && inputs.iter().any(|input| matches!(input, Input::Stdin)) {
        bail!("--fix cannot write to standard input; use --diff to see the fixes");
    }
    let baseline = args.baseline.as_deref().map(Baseline::load).transpose()?;
    let job = Job {
        rules: &rules,
        project: project.as_ref(),
        date: args.date,
        fixing,
        write_fixes: args.fix,
        max_file_size: reading::size_limit(args.max_file_size),
        max_findings: (args.max_findings > 0).then_some(args.max_findings),
    };

    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let mut reporter = render::reporter(args.format.render_format(), RuleInfo::of(&rules), color);
    let stdout = std::io::stdout();
    // Buffered, and flushed after each batch of files: one write per batch
    // rather than one per line (the standard output is line-buffered),
    // while JSON Lines still streams as files are done.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut summary = Summary::default();
    let mut statistics: std::collections::BTreeMap<String, usize> =
        std::collections::BTreeMap::new();
    let mut recorded = Vec::new();
    let mut diffs = 0;
    if !args.statistics && !args.diff {
        reporter.start(&mut out)?;
    }
    let mut emit = |mut report: FileReport, out: &mut dyn Write| -> Result<()> {
        if let Some(baseline) = &baseline {
            match baseline {
                Baseline::Existing(known) => known.filter(&mut report),
                Baseline::New(_) => recorded.extend(Baseline::entries(&report)),
            }
        }
        summary.add(&report);
        if args.diff {
            if let Some(diff) = &report.diff {
                diffs += 1;
                out.write_all(diff.as_bytes())?;
            }
            if let Some(error) = &report.error {
                // The diffs before it first, so a terminal shows each
                // file's error after the diffs of the files before it.
                out.flush()?;
                writeln!(
                    std::io::stderr(),
                    "copydesk: error: {}: {error}",
                    report.path
                )?;
            }
        } else if args.statistics {
            for diagnostic in &report.diagnostics {
                *statistics.entry(diagnostic.rule.clone()).or_default() += 1;
            }
        } else {
            reporter.file(out, &report)?;
        }
        Ok(())
    };
    let progress_wanted = progress_wanted(
        args.no_progress,
        std::io::stderr().is_terminal(),
        std::env::var_os("CI").is_some_and(|v| !v.is_empty()),
    );
    let mut emit_error = None;
    if inputs.len() == 1 && !progress_wanted {
        // One file and no progress bar to draw: no threads to start, which
        // is a good part of the time a one-article check takes.
        for input in inputs {
            emit(check_input(input, &job), &mut out)?;
        }
    } else {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(args.jobs.unwrap_or(0))
            .build()?;
        let batch = files_per_batch(inputs.len(), pool.current_num_threads());
        // Files are checked in parallel and reported in their given order
        // as soon as each one and all before it are done. They travel in
        // batches of consecutive files: a message per file woke the writing
        // thread for each one, and over a directory of short articles the
        // wake-ups cost a sixth of the check.
        let (sender, receiver) = std::sync::mpsc::channel::<Vec<(usize, FileReport)>>();
        let mut progress = Progress::new(
            inputs.len(),
            progress_wanted,
            std::time::Duration::from_millis(args.progress_delay_ms),
        );
        std::thread::scope(|scope| {
            scope.spawn(|| {
                pool.install(|| {
                    inputs
                        .into_par_iter()
                        .enumerate()
                        .chunks(batch)
                        .for_each_with(sender, |sender, files| {
                            let reports = files
                                .into_iter()
                                .map(|(position, input)| (position, check_input(input, &job)))
                                .collect();
                            let _ = sender.send(reports);
                        });
                });
            });
            let mut pending = std::collections::BTreeMap::new();
            let mut next = 0;
            loop {
                let reports = match receiver.recv_timeout(Progress::TICK) {
                    Ok(received) => received,
                    Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                        progress.tick();
                        continue;
                    }
                    Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
                };
                for (position, report) in reports {
                    progress.file_done();
                    pending.insert(position, report);
                }
                while let Some(report) = pending.remove(&next) {
                    next += 1;
                    if emit_error.is_none() {
                        if let Err(error) = progress.suspend(|| emit(report, &mut out)) {
                            emit_error = Some(error);
                        }
                    }
                }
                // Once per batch: JSON Lines still streams as files are done.
                if emit_error.is_none() {
                    if let Err(error) = out.flush() {
                        emit_error = Some(error.into());
                    }
                }
            }
            progress.finish();
        });
    }
    if let Some(error) = emit_error {
        return Err(error);
    }

    if args.statistics {
        write_statistics(&mut out, args.format, &statistics)?;
    } else if !args.diff {
        reporter.finish(&mut out, &summary)?;
    }
    out.flush()?;
    if let (Some(path), Some(Baseline::New(_))) = (&args.baseline, &baseline) {
        Baseline::write(path, &recorded)?;
        writeln!(
            std::io::stderr(),
            "copydesk: recorded {} findings in the new baseline {}",
            recorded.len(),
            path.display()
        )?;
        return Ok(if summary.errors > 0 {
            EXIT_ERROR
        } else {
            EXIT_CLEAN
        });
    }
    Ok(if summary.errors > 0 {
        EXIT_ERROR
    } else if args.diff {
        if diffs > 0 {
            EXIT_FINDINGS
        } else {
            EXIT_CLEAN
        }
    } else if summary.diagnostics > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// How many consecutive files each message from the checking threads
/// carries: one while there are few files, so each is reported as soon as
/// it is done, and up to 32 over a large directory, while leaving every
/// thread several batches to balance the load.
fn files_per_batch(files: usize, threads: usize) -> usize {
    (files / (threads.max(1) * 4)).clamp(1, 32)
}

/// Whether `check` may draw a progress bar. It goes to standard error, so
/// every format keeps a clean standard output (as cargo's bar does), but
/// only a terminal gets one: a log or a pipe never sees its escape codes,
/// and neither does CI, whose log may pass for a terminal.
fn progress_wanted(no_progress: bool, stderr_is_terminal: bool, in_ci: bool) -> bool {
    !no_progress && stderr_is_terminal && !in_ci
}

/// The progress bar of a check: files done out of files given, drawn only
/// once the check has run for a while, so a quick check prints nothing.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    shown: bool,
    start: std::time::Instant,
    delay: std::time::Duration,
}

impl Progress {
    /// How often the bar is reconsidered while no file finishes.
    const TICK: std::time::Duration = std::time::Duration::from_millis(100);

    fn new(files: usize, wanted: bool, delay: std::time::Duration) -> Progress {
        let bar = wanted.then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(files as u64),
                indicatif::ProgressDrawTarget::hidden(),
            );
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{spinner} checked {pos}/{len} files in {elapsed} {wide_bar}",
            ) {
                bar.set_style(style);
            }
            bar
        });
        Progress {
            bar,
            shown: false,
            start: std::time::Instant::now(),
            delay,
        }
    }

    /// Draws the bar once the delay has passed.
    fn tick(&mut self) {
        let Some(bar) = &self.bar else {
            return;
        };
        if !self.shown && self.start.elapsed() >= self.delay {
            self.shown = true;
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            // Drawn now, not at the next file or tick: a check that ends soon
            // after still shows it once.
            bar.tick();
            bar.enable_steady_tick(Self::TICK);
        }
    }

    fn file_done(&mut self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
        self.tick();
    }

    /// Runs `write` with the bar cleared, so findings written to the same
    /// terminal do not interleave with it.
    fn suspend<R>(&self, write: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) if self.shown => bar.suspend(write),
            _ => write(),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn write_statistics(
    out: &mut dyn Write,
    format: Format,
    statistics: &std::collections::BTreeMap<String, usize>,
) -> Result<()> {
    let mut rows: Vec<(&String, &usize)> = statistics.iter().collect();
    rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    if format == Format::Json {
        let rows: Vec<serde_json::Value> = rows
            .iter()
            .map(|(rule, count)| serde_json::json!({ "rule": rule, "count": count }))
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        writeln!(out)?;
    } else {
        for (rule, count) in rows {
            writeln!(out, "{count:6}  {rule}")?;
        }
    }
    Ok(())
}

/// What every file's check shares.
struct Job<'a> {
    rules: &'a RuleSet,
    project: Option<&'a ProjectConfig>,
    date: Option<jiff::civil::Date>,
    fixing: Option<FixMode>,
    write_fixes: bool,
    max_file_size: Option<u64>,
    /// `--max-findings`; `None` for no limit.
    max_findings: Option<usize>,
}

/// A `--baseline` file: the findings recorded when copydesk was adopted,
/// by path, rule and fingerprint (see `copydesk::diagnostic::fingerprints`).
enum Baseline {
    Existing(BaselineEntries),
    New(()),
}

#[derive(serde::Serialize, serde::Deserialize, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct BaselineEntry {
    path: String,
    rule: String,
    fingerprint: String,
}

struct BaselineEntries(std::collections::BTreeSet<BaselineEntry>);

#[derive(serde::Serialize, serde::Deserialize)]
struct BaselineFile {
    version: u32,
    findings: Vec<BaselineEntry>,
}

impl Baseline {
    fn load(path: &Path) -> Result<Baseline> {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                let file: BaselineFile = serde_json::from_str(&text)
                    .with_context(|| format!("reading the baseline {}", path.display()))?;
                Ok(Baseline::Existing(BaselineEntries(
                    file.findings.into_iter().collect(),
                )))
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Baseline::New(())),
            Err(error) => {
                Err(error).with_context(|| format!("reading the baseline {}", path.display()))
            }
        }
    }

    fn entries(report: &FileReport) -> Vec<BaselineEntry> {
        copydesk::diagnostic::fingerprints(&report.text, &report.diagnostics)
            .into_iter()
            .zip(&report.diagnostics)
            .map(|(fingerprint, diagnostic)| BaselineEntry {
                path: report.path.clone(),
                rule: diagnostic.rule.clone(),
                fingerprint,
            })
            .collect()
    }

    fn write(path: &Path, entries: &[BaselineEntry]) -> Result<()> {
        let mut findings = entries.to_vec();
        findings.sort();
        let file = BaselineFile {
            version: 1,
            findings,
        };
        let text = serde_json::to_string_pretty(&file)? + "\n";
        std::fs::write(path, text)
            .with_context(|| format!("writing the baseline {}", path.display()))
    }
}

impl BaselineEntries {
    /// Drops the findings the baseline already records.
    fn filter(&self, report: &mut FileReport) {
        let entries = Baseline::entries(report);
        let mut keep = entries.iter().map(|entry| !self.0.contains(entry));
        report.diagnostics.retain(|_| keep.next().unwrap_or(true));
    }
}

/// One thing to check: a file path or standard input, or a path the
/// directory walk could not read (reported as that path's error).
enum Input {
    File { shown: String, path: PathBuf },
    Stdin,
    Unreadable { shown: String, error: String },
}

/// Expands the command line's paths: files as given, directories walked
/// (respecting .gitignore) for *.txt and *.md in sorted order.
fn collect_inputs(paths: &[PathBuf]) -> Result<Vec<Input>> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        if !path.is_dir() {
            inputs.push(Input::File {
                shown: path.display().to_string(),
                path: path.clone(),
            });
            continue;
        }
        // .gitignore is honoured outside git repositories too: a newsroom's
        // shared drive is rarely a repository.
        // Symbolic links are followed; a link back to an ancestor is
        // reported as that link's error and not entered, so the walk ends.
        let walk = ignore::WalkBuilder::new(path)
            .require_git(false)
            .follow_links(true)
            .sort_by_file_path(Path::cmp)
            .build();
        for entry in walk {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    inputs.push(Input::Unreadable {
                        shown: walk_error_path(&error)
                            .unwrap_or(path)
                            .display()
                            .to_string(),
                        error: error.to_string(),
                    });
                    continue;
                }
            };
            let named_like_article = entry
                .path()
                .extension()
                .is_some_and(|ext| ext == "txt" || ext == "md");
            let Some(kind) = entry.file_type() else {
                continue;
            };
            if !named_like_article || kind.is_dir() {
                continue;
            }
            if kind.is_file() {
                inputs.push(Input::File {
                    shown: entry.path().display().to_string(),
                    path: entry.into_path(),
                });
            } else {
                // A FIFO or a device found by the walk: reading it could
                // block forever, and it is no article.
                let _ = writeln!(
                    std::io::stderr(),
                    "copydesk: skipping {}: not a regular file",
                    entry.path().display()
                );
            }
        }
    }
    Ok(inputs)
}

/// The path a directory walk's error is about, if it names one.
fn walk_error_path(error: &ignore::Error) -> Option<&Path> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::Loop { child, .. } => Some(child),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error_path(err)
        }
        _ => None,
    }
}

fn check_input(input: Input, job: &Job<'_>) -> FileReport {
    let (shown, path, bytes) = match input {
        Input::Stdin => {
            let result = reading::read_stream(std::io::stdin().lock(), job.max_file_size);
            ("-".to_owned(), None, result)
        }
        Input::File { shown, path } => {
            let result = reading::read_file(&path, job.max_file_size);
            (shown, Some(path), result)
        }
        Input::Unreadable { shown, error } => (shown, None, Err(format!("cannot read: {error}"))),
    };
    let failed = |shown: String, error: String| FileReport {
        path: shown,
        text: String::new(),
        error: Some(error),
        diagnostics: Vec::new(),
        diff: None,
        fixes_applied: 0,
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(error) => return failed(shown, error),
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            return failed(
                shown,
                format!("not valid UTF-8 (invalid byte at offset {offset})"),
            );
        }
    };
    let options = CheckOptions {
        publication_date: job.date,
        document: path
            .as_deref()
            .map(DocumentKind::from_path)
            .unwrap_or_default(),
    };
    let ignored: Vec<String> = match (job.project, path.as_deref()) {
        (Some(project), Some(path)) => project.ignored_rules_for(path),
        _ => Vec::new(),
    };
    let retain_not_ignored = |diagnostics: &mut Vec<copydesk::Diagnostic>| {
        if !ignored.is_empty() {
            diagnostics.retain(|diagnostic| {
                !ignored
                    .iter()
                    .any(|rule| rule == "*" || *rule == diagnostic.rule)
            });
        }
    };
    let check = |text: &str| {
        let mut diagnostics = copydesk::check(text, job.rules, &options);
        retain_not_ignored(&mut diagnostics);
        diagnostics
    };
    // A file past the limit of findings is given up before any fixing;
    // within it, the file is checked and fixed as without one.
    let first_check = match job.max_findings {
        Some(limit) => match copydesk::check_within(&text, job.rules, &options, limit) {
            Ok(diagnostics) => diagnostics,
            Err(too_many) => {
                return failed(
                    shown,
                    format!("{too_many} (--max-findings raises the limit; 0: none)"),
                )
            }
        },
        None => copydesk::check(&text, job.rules, &options),
    };
    let Some(mode) = job.fixing else {
        let mut diagnostics = first_check;
        retain_not_ignored(&mut diagnostics);
        return FileReport {
            path: shown,
            text,
            error: None,
            diagnostics,
            diff: None,
            fixes_applied: 0,
        };
    };
    let (fixed, applied, remaining) = fix::fix_until_stable(&text, mode, check);
    let mut diff = None;
    if applied > 0 {
        if job.write_fixes {
            if let Some(path) = &path {
                if let Err(error) = fix::write_atomically(path, &fixed) {
                    return failed(shown, format!("cannot write the fixes: {error}"));
                }
            }
        } else {
            diff = Some(fix::unified_diff(&shown, &text, &fixed));
        }
    }
    // With --diff nothing was written: the findings are those of the file
    // as it stands.
    let (text, diagnostics) = if job.write_fixes {
        (fixed, remaining)
    } else {
        let mut diagnostics = first_check;
        retain_not_ignored(&mut diagnostics);
        (text, diagnostics)
    };
    FileReport {
        path: shown,
        text,
        error: None,
        diagnostics,
        diff,
        fixes_applied: applied,
    }
}

fn list_rules(args: &RuleArgs) -> Result<u8> {
    let rules = load_rule_set(args)?;
    let mut out = std::io::stdout().lock();
    let width = rules
        .rules()
        .iter()
        .map(|rule| rule.meta.id.len())
        .max()
        .unwrap_or(0);
    for rule in rules.rules() {
        write_rule_line(&mut out, width, &rule.meta)?;
    }
    // Default rules shipped off, so an editor can find them.
    let shipped_off: Vec<_> = config::default_rules()?
        .into_iter()
        .filter(|rule| !rule.meta.enabled && rules.get(&rule.meta.id).is_none())
        .collect();
    if !shipped_off.is_empty() {
        writeln!(out, "\nOff by default (turn on with --extend-select RULE):")?;
        for rule in shipped_off {
            write_rule_line(&mut out, width, &rule.meta)?;
        }
    }
    Ok(EXIT_CLEAN)
}

/// One line of `copydesk rules`: id, severity, summary.
fn write_rule_line(
    out: &mut impl Write,
    width: usize,
    meta: &copydesk::rules::RuleMeta,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{:width$}  {:7}  {}",
        meta.id,
        meta.severity.as_str(),
        meta.summary
    )
}

fn explain(name: &str, args: &RuleArgs) -> Result<u8> {
    let mut rules = load_rule_set(args)?;
    if rules.get(name).is_none() {
        // A default rule shipped off is explained too.
        rules.extend(config::default_rules()?);
    }
    let mut out = std::io::stdout().lock();
    if let Some(rule) = rules.get(name) {
        writeln!(
            out,
            "{} ({} rule, kind `{}`)",
            rule.meta.id, rule.meta.severity, rule.meta.kind
        )?;
        writeln!(out, "{}", rule.meta.summary)?;
        writeln!(
            out,
            "Declared in {} line {}.",
            rule.meta.origin.path, rule.meta.origin.line
        )?;
        if !rule.meta.enabled {
            writeln!(
                out,
                "Off by default: turn it on with --extend-select {}.",
                rule.meta.id
            )?;
        }
        writeln!(out)?;
        let documentation = copydesk::rules::kind_documentation(rule.meta.kind).unwrap_or_default();
        writeln!(out, "{documentation}")?;
        return Ok(EXIT_CLEAN);
    }
    if let Some(documentation) = copydesk::rules::kind_documentation(name) {
        writeln!(out, "{documentation}")?;
        return Ok(EXIT_CLEAN);
    }
    bail!("no rule or rule kind named `{name}` (see `copydesk rules`)")
}

fn test_rules(files: &[PathBuf]) -> Result<u8> {
    let mut loaded = Vec::new();
    if files.is_empty() {
        loaded.push((
            config::DEFAULT_RULES_NAME.to_owned(),
            config::default_rules()?,
        ));
    }
    for file in files {
        loaded.push((file.display().to_string(), config::read_rule_file(file)?));
    }
    let mut out = std::io::stdout().lock();
    let mut failed = 0;
    let mut passed = 0;
    for (source, rules) in &loaded {
        for rule in rules {
            let failures = rule.test_examples();
            let examples = rule.meta.flagged.len() + rule.meta.clean.len();
            if failures.is_empty() {
                passed += examples;
                writeln!(
                    out,
                    "ok    {source}: {} ({examples} examples)",
                    rule.meta.id
                )?;
                continue;
            }
            failed += failures.len();
            passed += examples - failures.len();
            for failure in failures {
                let expectation = if failure.expected_finding {
                    "expected a finding, found none".to_owned()
                } else {
                    let messages: Vec<&str> =
                        failure.found.iter().map(|d| d.message.as_str()).collect();
                    format!("expected no finding, found: {}", messages.join("; "))
                };
                writeln!(
                    out,
                    "FAIL  {source}: {}: {:?}: {expectation}",
                    failure.rule, failure.example
                )?;
            }
        }
    }
    writeln!(out, "{passed} passed, {failed} failed")?;
    Ok(if failed > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

fn parse(file: &Path) -> Result<u8> {
    let text = if file.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("reading standard input")?;
        text
    } else {
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?
    };
    let syntax = copydesk::syntax::parse(&text);
    let mut out = std::io::stdout().lock();
    write!(out, "{}", copydesk::syntax::render_outline(&text, &syntax))?;
    Ok(EXIT_CLEAN)
}

fn facts(args: &FactsArgs) -> Result<u8> {
    let inputs = collect_inputs(&args.paths)?;
    let limit = reading::size_limit(
        reading::parse_size(reading::DEFAULT_MAX_FILE_SIZE).map_err(anyhow::Error::msg)?,
    );
    let reports: Vec<FactsReport> = inputs
        .into_iter()
        .map(|input| facts_of(input, args, limit))
        .collect();
    let mut out = std::io::stdout().lock();
    match args.format {
        FactsFormat::Text => {
            for report in &reports {
                if let Some(error) = &report.error {
                    writeln!(
                        std::io::stderr(),
                        "copydesk: error: {}: {error}",
                        report.path
                    )?;
                } else {
                    render::facts::write_text(&mut out, report)?;
                }
            }
        }
        FactsFormat::Json => render::facts::write_json(&mut out, &reports)?,
    }
    out.flush()?;
    Ok(if reports.iter().any(|report| report.error.is_some()) {
        EXIT_ERROR
    } else {
        EXIT_CLEAN
    })
}

/// Reads one input as `check` does (prose view, front-matter date) and
/// collects its facts.
fn facts_of(input: Input, args: &FactsArgs, limit: Option<u64>) -> FactsReport {
    let (shown, path, bytes) = match input {
        Input::Stdin => (
            "-".to_owned(),
            None,
            reading::read_stream(std::io::stdin().lock(), limit),
        ),
        Input::File { shown, path } => {
            let bytes = reading::read_file(&path, limit);
            (shown, Some(path), bytes)
        }
        Input::Unreadable { shown, error } => (shown, None, Err(format!("cannot read: {error}"))),
    };
    let failed = |path: String, error: String| FactsReport {
        path,
        text: String::new(),
        error: Some(error),
        publication_date: None,
        statements: Vec::new(),
    };
    let text = match bytes.map(String::from_utf8) {
        Ok(Ok(text)) => text,
        Ok(Err(error)) => {
            let offset = error.utf8_error().valid_up_to();
            return failed(
                shown,
                format!("not valid UTF-8 (invalid byte at offset {offset})"),
            );
        }
        Err(error) => return failed(shown, error),
    };
    let kind = path
        .as_deref()
        .map(DocumentKind::from_path)
        .unwrap_or_default();
    let view = copydesk::document::prose_view(kind, &text);
    let article =
        copydesk::Article::parse_with(&view.text, args.date.or(view.date), &view.block_breaks);
    let statements = copydesk::facts::statement_facts(&article, args.all);
    let publication_date = copydesk::facts::publication_date(&article);
    drop(article);
    // The prose view is byte-aligned with the file: the same spans, lines
    // and columns, without the markup the facts were read past.
    let text = view.text.into_owned();
    FactsReport {
        path: shown,
        text,
        error: None,
        publication_date,
        statements,
    }
}

#[cfg(test)]
mod tests {
    use super::{files_per_batch, progress_wanted};

    #[test]
    fn batches_are_single_files_until_every_thread_has_several() {
        assert_eq!(files_per_batch(1, 2), 1);
        assert_eq!(files_per_batch(15, 2), 1);
        assert_eq!(files_per_batch(16, 2), 2);
        assert_eq!(files_per_batch(100, 0), 25);
        assert_eq!(files_per_batch(5_673, 2), 32);
        for (files, threads) in [(7, 1), (300, 2), (1_000, 3), (100_000, 64)] {
            let batch = files_per_batch(files, threads);
            // Every thread has at least four batches to take.
            assert!(
                batch == 1 || files / batch >= threads * 4,
                "{files} {threads}"
            );
        }
    }

    #[test]
    fn progress_only_on_a_terminal_outside_ci_unless_switched_off() {
        assert!(progress_wanted(false, true, false));
        assert!(!progress_wanted(true, true, false));
        assert!(!progress_wanted(false, false, false));
        assert!(!progress_wanted(false, true, true));
    }
}
