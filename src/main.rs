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
use copydesk::render::{human::HumanRenderer, json, FileReport, Summary};
use copydesk::{CheckOptions, RuleSet};

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
    /// Run the language server over stdio.
    Lsp,
}

#[derive(clap::Args)]
struct RuleArgs {
    /// Add a rule file (repeatable); later files replace rules of the same id.
    #[arg(long = "rules", value_name = "FILE")]
    rule_files: Vec<PathBuf>,
    /// Run only these rules (repeatable or comma-separated).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    select: Vec<String>,
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
    /// The publication date (YYYY-MM-DD), which fixes the year of dates given without one.
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<jiff::civil::Date>,
    /// When to colour the human format.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    #[command(flatten)]
    rules: RuleArgs,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
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
        Command::Lsp => {
            let current = std::env::current_dir().context("finding the current directory")?;
            Ok(copydesk::lsp::run_stdio(current)?)
        }
    }
}

fn load_rule_set(args: &RuleArgs) -> Result<RuleSet> {
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
        ignore: args.ignore.clone(),
    };
    Ok(config::build_rule_set(project.as_ref(), &selection)?)
}

fn check(args: CheckArgs) -> Result<u8> {
    let rules = load_rule_set(&args.rules)?;
    let inputs = collect_inputs(&args.paths)?;
    let options = CheckOptions {
        publication_date: args.date,
    };
    let reports: Vec<FileReport> = inputs
        .into_par_iter()
        .map(|input| check_input(input, &rules, &options))
        .collect();

    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let summary = Summary::of(&reports);
    match args.format {
        Format::Json => json::write(&mut out, &reports)?,
        Format::Human => {
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    std::io::stdout().is_terminal()
                        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                }
            };
            let renderer = HumanRenderer::new(color);
            for report in &reports {
                renderer.write_file(&mut out, report)?;
            }
            renderer.write_summary(&mut out, &summary)?;
        }
    }
    out.flush()?;
    Ok(if summary.errors > 0 {
        EXIT_ERROR
    } else if summary.diagnostics > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
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
        let walk = ignore::WalkBuilder::new(path)
            .require_git(false)
            .sort_by_file_path(Path::cmp)
            .build();
        for entry in walk {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    inputs.push(Input::Unreadable {
                        shown: path.display().to_string(),
                        error: error.to_string(),
                    });
                    continue;
                }
            };
            let is_article = entry.file_type().is_some_and(|kind| kind.is_file())
                && entry
                    .path()
                    .extension()
                    .is_some_and(|ext| ext == "txt" || ext == "md");
            if is_article {
                inputs.push(Input::File {
                    shown: entry.path().display().to_string(),
                    path: entry.into_path(),
                });
            }
        }
    }
    Ok(inputs)
}

fn check_input(input: Input, rules: &RuleSet, options: &CheckOptions) -> FileReport {
    let (shown, bytes) = match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            let result = std::io::stdin().read_to_end(&mut bytes).map(|_| bytes);
            ("-".to_owned(), result)
        }
        Input::File { shown, path } => {
            let result = std::fs::read(&path);
            (shown, result)
        }
        Input::Unreadable { shown, error } => (shown, Err(std::io::Error::other(error))),
    };
    let failed = |shown: String, error: String| FileReport {
        path: shown,
        text: String::new(),
        error: Some(error),
        diagnostics: Vec::new(),
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(error) => return failed(shown, format!("cannot read: {error}")),
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
    let diagnostics = copydesk::check(&text, rules, options);
    FileReport {
        path: shown,
        text,
        error: None,
        diagnostics,
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
        writeln!(
            out,
            "{:width$}  {:7}  {}",
            rule.meta.id,
            rule.meta.severity.as_str(),
            rule.meta.summary,
        )?;
    }
    Ok(EXIT_CLEAN)
}

fn explain(name: &str, args: &RuleArgs) -> Result<u8> {
    let rules = load_rule_set(args)?;
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
