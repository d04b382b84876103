//! `copydesk lsp`: a language server that checks documents as they are
//! edited.
//!
//! # Overview
//!
//! The server speaks the Language Server Protocol over any reader and
//! writer ([`serve`]; [`run_stdio`] for the real transport). It
//!
//! - publishes diagnostics when a document opens and on every change (full
//!   document sync), and clears them when it closes;
//! - negotiates the position encoding: UTF-8 when the client offers it in
//!   `general.positionEncodings`, else UTF-16;
//! - offers each finding's fix as a quick fix (`textDocument/codeAction`),
//!   preferred when the fix is safe;
//! - re-reads `copydesk.toml` and rule files when the client reports them
//!   changed or saved, re-checks open documents, and keeps the last good
//!   rule set (with a `window/showMessage`) when the new one is broken.
//!
//! The loop is single-threaded: a check takes milliseconds, and handling
//! messages in order means a diagnostic can never describe a stale text.
//! Malformed frames, unknown methods and bad parameters are answered with
//! JSON-RPC errors; nothing a client sends ends the loop except `exit` or
//! the end of the input.

mod convert;
mod transport;

use std::collections::BTreeMap;
use std::io::{self, BufRead, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, FileSystemWatcher, GlobPattern,
    InitializeParams, InitializeResult, LogMessageParams, MessageType, PublishDiagnosticsParams,
    Registration, RegistrationParams, SaveOptions, ServerCapabilities, ServerInfo,
    ShowMessageParams, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Uri,
};
use serde::de::DeserializeOwned;

use crate::config::{self, ConfigError, ProjectConfig, Selection, CONFIG_FILE_NAME};
use crate::{CheckOptions, RuleSet};
use convert::{Encoding, Published};
use transport::Frame;

const FAILED: &str = "copydesk failed";

/// The process exit code after `exit`: 0 when `shutdown` came first, 1
/// otherwise, as the protocol asks.
pub type ExitCode = u8;

/// Runs the server over standard input and output until `exit` or the end
/// of the input. `fallback_root` is where `copydesk.toml` is looked for when
/// the client names no workspace folder.
pub fn run_stdio(fallback_root: PathBuf) -> io::Result<ExitCode> {
    let stdin = io::stdin();
    let stdout = io::stdout();
    serve(stdin.lock(), stdout.lock(), fallback_root)
}

/// Runs the server over any transport. Returns the exit code; an `Err` only
/// when reading or writing the transport fails.
pub fn serve(
    mut input: impl BufRead,
    output: impl Write,
    fallback_root: PathBuf,
) -> io::Result<ExitCode> {
    let mut server = Server::new(output, fallback_root);
    loop {
        let frame = match transport::read_frame(&mut input)? {
            Some(frame) => frame,
            None => return Ok(server.exit_code()),
        };
        match frame {
            Frame::Malformed { id, code, reason } => {
                transport::write_error(&mut server.output, id, code, &reason)?;
            }
            Frame::Message(Message::Request(request)) => {
                let id = request.id.clone();
                let handled = catch_unwind(AssertUnwindSafe(|| server.on_request(request)));
                match handled {
                    Ok(result) => result?,
                    Err(_) => server.reply_error(
                        id,
                        ErrorCode::InternalError,
                        format!("{FAILED} on this request"),
                    )?,
                }
            }
            Frame::Message(Message::Notification(notification)) => {
                if notification.method == "exit" {
                    return Ok(server.exit_code());
                }
                // A bug in a rule must not take the editor's linter down
                // with it: the failure is logged to the client and the
                // server goes on with the next message.
                let method = notification.method.clone();
                match catch_unwind(AssertUnwindSafe(|| server.on_notification(notification))) {
                    Ok(result) => result?,
                    Err(_) => server.notify(
                        "window/logMessage",
                        LogMessageParams {
                            typ: MessageType::ERROR,
                            message: format!("{FAILED} on `{method}`"),
                        },
                    )?,
                }
            }
            // Answers to our own requests (capability registration) need
            // no follow-up.
            Frame::Message(Message::Response(_)) => {}
        }
    }
}

/// An open document and what was last published for it.
struct Document {
    uri: Uri,
    version: i32,
    text: String,
    published: Vec<Published>,
    /// The last check gave up, past the limit of findings (said once, not
    /// at every keystroke while it stays so).
    too_many: bool,
}

/// The rules in force and the files they came from.
struct LoadedRules {
    rules: RuleSet,
    rule_files: Vec<PathBuf>,
}

enum State {
    Uninitialized,
    Running,
    ShuttingDown,
}

struct Server<W> {
    output: W,
    state: State,
    encoding: Encoding,
    root: PathBuf,
    rules: LoadedRules,
    documents: BTreeMap<String, Document>,
    watch_files: bool,
    /// A configuration error found before the client was ready to hear it.
    pending_message: Option<String>,
}

impl<W: Write> Server<W> {
    fn new(output: W, root: PathBuf) -> Self {
        Server {
            output,
            state: State::Uninitialized,
            encoding: Encoding::Utf16,
            root,
            rules: LoadedRules {
                rules: RuleSet::default(),
                rule_files: Vec::new(),
            },
            documents: BTreeMap::new(),
            watch_files: false,
            pending_message: None,
        }
    }

    fn exit_code(&self) -> ExitCode {
        match self.state {
            State::ShuttingDown => 0,
            _ => 1,
        }
    }

    fn send(&mut self, message: impl Into<Message>) -> io::Result<()> {
        transport::write_message(&mut self.output, message.into())
    }

    fn notify(&mut self, method: &str, params: impl serde::Serialize) -> io::Result<()> {
        self.send(Notification::new(method.to_owned(), params))
    }

    fn reply_error(&mut self, id: RequestId, code: ErrorCode, message: String) -> io::Result<()> {
        self.send(Response::new_err(id, code as i32, message))
    }

    fn show_error(&mut self, message: String) -> io::Result<()> {
        self.notify(
            "window/showMessage",
            ShowMessageParams {
                typ: MessageType::ERROR,
                message,
            },
        )
    }

    fn on_request(&mut self, request: Request) -> io::Result<()> {
        let Request { id, method, params } = request;
        match (&self.state, method.as_str()) {
            (State::Uninitialized, "initialize") => match parse::<InitializeParams>(params) {
                Ok(params) => {
                    let result = self.initialize(&params);
                    self.state = State::Running;
                    self.send(Response::new_ok(id, result))
                }
                Err(error) => self.reply_error(id, ErrorCode::InvalidParams, error),
            },
            (State::Uninitialized, _) => self.reply_error(
                id,
                ErrorCode::ServerNotInitialized,
                format!("`{method}` before `initialize`"),
            ),
            (State::ShuttingDown, _) => self.reply_error(
                id,
                ErrorCode::InvalidRequest,
                format!("`{method}` after `shutdown`"),
            ),
            (State::Running, "initialize") => self.reply_error(
                id,
                ErrorCode::InvalidRequest,
                "`initialize` was already received".to_owned(),
            ),
            (State::Running, "shutdown") => {
                self.state = State::ShuttingDown;
                self.send(Response::new_ok(id, ()))
            }
            (State::Running, "textDocument/codeAction") => {
                match parse::<CodeActionParams>(params) {
                    Ok(params) => {
                        let actions = self.code_actions(&params);
                        self.send(Response::new_ok(id, actions))
                    }
                    Err(error) => self.reply_error(id, ErrorCode::InvalidParams, error),
                }
            }
            (State::Running, _) => self.reply_error(
                id,
                ErrorCode::MethodNotFound,
                format!("copydesk does not handle `{method}`"),
            ),
        }
    }

    fn on_notification(&mut self, notification: Notification) -> io::Result<()> {
        if !matches!(self.state, State::Running) {
            // Before `initialize` notifications are dropped, as the protocol
            // asks; after `shutdown` only `exit` matters.
            return Ok(());
        }
        let Notification { method, params } = notification;
        // Notifications cannot be answered, so bad parameters are ignored
        // like unknown methods.
        match method.as_str() {
            "initialized" => self.initialized(),
            "textDocument/didOpen" => match parse::<DidOpenTextDocumentParams>(params) {
                // An editor that attaches the server to TOML files (to
                // report saves of copydesk.toml) opens configuration, not
                // copy: it is not checked.
                Ok(params) if is_toml(&params.text_document.uri) => Ok(()),
                Ok(params) => {
                    let document = params.text_document;
                    self.documents.insert(
                        document.uri.as_str().to_owned(),
                        Document {
                            uri: document.uri.clone(),
                            version: document.version,
                            text: document.text,
                            published: Vec::new(),
                            too_many: false,
                        },
                    );
                    self.check(document.uri.as_str())
                }
                Err(_) => Ok(()),
            },
            "textDocument/didChange" => match parse::<DidChangeTextDocumentParams>(params) {
                Ok(params) => {
                    let key = params.text_document.uri.as_str().to_owned();
                    let encoding = self.encoding;
                    let Some(document) = self.documents.get_mut(&key) else {
                        return Ok(());
                    };
                    for change in params.content_changes {
                        match change.range {
                            // Full sync is what the server announces; a
                            // ranged change is applied all the same.
                            Some(range) => {
                                let start =
                                    convert::offset_of(&document.text, range.start, encoding);
                                let end = convert::offset_of(&document.text, range.end, encoding);
                                let end = end.max(start);
                                document.text.replace_range(start..end, &change.text);
                            }
                            None => document.text = change.text,
                        }
                    }
                    document.version = params.text_document.version;
                    self.check(&key)
                }
                Err(_) => Ok(()),
            },
            "textDocument/didClose" => match parse::<DidCloseTextDocumentParams>(params) {
                Ok(params) => {
                    let uri = params.text_document.uri;
                    self.documents.remove(uri.as_str());
                    self.notify(
                        "textDocument/publishDiagnostics",
                        PublishDiagnosticsParams::new(uri, Vec::new(), None),
                    )
                }
                Err(_) => Ok(()),
            },
            "textDocument/didSave" => match parse::<DidSaveTextDocumentParams>(params) {
                Ok(params) if self.is_rule_source(&params.text_document.uri) => self.reload(),
                _ => Ok(()),
            },
            "workspace/didChangeWatchedFiles" => {
                match parse::<DidChangeWatchedFilesParams>(params) {
                    Ok(params) if params.changes.iter().any(|change| is_toml(&change.uri)) => {
                        self.reload()
                    }
                    _ => Ok(()),
                }
            }
            _ => Ok(()),
        }
    }

    fn initialize(&mut self, params: &InitializeParams) -> InitializeResult {
        let offered = params
            .capabilities
            .general
            .as_ref()
            .and_then(|general| general.position_encodings.as_deref());
        self.encoding = Encoding::negotiate(offered);
        self.watch_files = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|workspace| workspace.did_change_watched_files.as_ref())
            .and_then(|watched| watched.dynamic_registration)
            .unwrap_or(false);
        #[allow(deprecated)] // root_uri and root_path: older clients send only these
        let root = params
            .workspace_folders
            .iter()
            .flatten()
            .map(|folder| &folder.uri)
            .chain(params.root_uri.as_ref())
            .find_map(uri_to_path)
            .or_else(|| params.root_path.as_ref().map(PathBuf::from));
        if let Some(root) = root {
            self.root = root;
        }
        match load_rules(&self.root) {
            Ok(rules) => self.rules = rules,
            Err(error) => {
                self.pending_message = Some(format!("copydesk: {error}; using the default rules"));
                if let Ok(rules) = config::build_rule_set(None, &Selection::default()) {
                    self.rules.rules = rules;
                }
            }
        }

        InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(self.encoding.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::FULL),
                        save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                            include_text: Some(false),
                        })),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                        ..CodeActionOptions::default()
                    },
                )),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "copydesk".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
        }
    }

    fn initialized(&mut self) -> io::Result<()> {
        if let Some(message) = self.pending_message.take() {
            self.show_error(message)?;
        }
        if self.watch_files {
            let options = DidChangeWatchedFilesRegistrationOptions {
                watchers: vec![FileSystemWatcher {
                    glob_pattern: GlobPattern::String("**/*.toml".to_owned()),
                    kind: None,
                }],
            };
            let registration = RegistrationParams {
                registrations: vec![Registration {
                    id: "copydesk-rule-files".to_owned(),
                    method: "workspace/didChangeWatchedFiles".to_owned(),
                    register_options: serde_json::to_value(options).ok(),
                }],
            };
            self.send(Request::new(
                RequestId::from("copydesk-register-watchers".to_owned()),
                "client/registerCapability".to_owned(),
                registration,
            ))?;
        }
        Ok(())
    }

    /// Whether a saved file is configuration: `copydesk.toml`, a rule file
    /// the configuration names, or a `.toml` file under a `rules` directory.
    fn is_rule_source(&self, uri: &Uri) -> bool {
        let Some(path) = uri_to_path(uri) else {
            return false;
        };
        if path
            .file_name()
            .is_some_and(|name| name == CONFIG_FILE_NAME)
        {
            return true;
        }
        path.extension().is_some_and(|ext| ext == "toml")
            && (self
                .rules
                .rule_files
                .iter()
                .any(|file| same_file(file, &path))
                || path
                    .parent()
                    .is_some_and(|dir| dir.components().any(|part| part.as_os_str() == "rules")))
    }

    /// Re-reads the configuration; on success re-checks every open
    /// document, on failure says why and keeps the rules in force.
    fn reload(&mut self) -> io::Result<()> {
        match load_rules(&self.root) {
            Ok(rules) => {
                self.rules = rules;
                let keys: Vec<String> = self.documents.keys().cloned().collect();
                for key in keys {
                    self.check(&key)?;
                }
                Ok(())
            }
            Err(error) => self.show_error(format!("copydesk: {error}; keeping the previous rules")),
        }
    }

    fn check(&mut self, key: &str) -> io::Result<()> {
        let encoding = self.encoding;
        let Some(document) = self.documents.get_mut(key) else {
            return Ok(());
        };
        // Markdown and HTML documents are checked as prose, as on the
        // command line.
        let options = CheckOptions {
            document: uri_to_path(&document.uri)
                .map(|path| crate::DocumentKind::from_path(&path))
                .unwrap_or_default(),
            ..CheckOptions::default()
        };
        // A document made of slips is not shown finding by finding: an
        // editor could not draw them, nor the server hold them.
        let checked = crate::check_within(
            &document.text,
            &self.rules.rules,
            &options,
            crate::DEFAULT_MAX_FINDINGS,
        );
        let too_many = checked
            .as_ref()
            .err()
            .copied()
            .filter(|_| !document.too_many);
        document.too_many = checked.is_err();
        let diagnostics = checked.unwrap_or_default();
        document.published =
            convert::publish(&document.uri, &document.text, &diagnostics, encoding);
        let params = PublishDiagnosticsParams::new(
            document.uri.clone(),
            document
                .published
                .iter()
                .map(|published| published.diagnostic.clone())
                .collect(),
            Some(document.version),
        );
        if let Some(too_many) = too_many {
            self.show_error(format!("copydesk: {too_many}; no findings shown"))?;
        }
        self.notify("textDocument/publishDiagnostics", params)
    }

    fn code_actions(&self, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let wants_quickfix = params.context.only.as_ref().is_none_or(|only| {
            only.iter()
                .any(|kind| kind.as_str().is_empty() || *kind == CodeActionKind::QUICKFIX)
        });
        let Some(document) = self.documents.get(params.text_document.uri.as_str()) else {
            return Vec::new();
        };
        if !wants_quickfix {
            return Vec::new();
        }
        document
            .published
            .iter()
            .filter(|published| convert::touches(published.diagnostic.range, params.range))
            .filter_map(|published| {
                let fix = published.fix.as_ref()?;
                Some(CodeActionOrCommand::CodeAction(convert::code_action(
                    &document.uri,
                    published,
                    fix,
                )))
            })
            .collect()
    }
}

fn parse<T: DeserializeOwned>(params: serde_json::Value) -> Result<T, String> {
    serde_json::from_value(params).map_err(|error| format!("invalid params: {error}"))
}

/// Discovers `copydesk.toml` from `root` upwards and builds its rule set.
fn load_rules(root: &Path) -> Result<LoadedRules, ConfigError> {
    let project = ProjectConfig::discover(root)
        .as_deref()
        .map(ProjectConfig::load)
        .transpose()?;
    let rules = config::build_rule_set(project.as_ref(), &Selection::default())?;
    let rule_files = project
        .map(|project| {
            project
                .rules
                .iter()
                .map(|file| project.directory.join(file))
                .collect()
        })
        .unwrap_or_default();
    Ok(LoadedRules { rules, rule_files })
}

/// The local path of a `file:` URI.
fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    if !uri.scheme()?.as_str().eq_ignore_ascii_case("file") {
        return None;
    }
    let decoded = uri.path().as_estr().decode().into_string().ok()?;
    let path = decoded.as_ref();
    // file:///C:/news → C:/news on Windows.
    let path = match path.strip_prefix('/') {
        Some(rest) if cfg!(windows) && rest.as_bytes().get(1) == Some(&b':') => rest,
        _ => path,
    };
    Some(PathBuf::from(path))
}

fn is_toml(uri: &Uri) -> bool {
    uri.path().as_str().ends_with(".toml")
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b
        || matches!(
            (a.canonicalize(), b.canonicalize()),
            (Ok(a), Ok(b)) if a == b
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_become_paths() {
        let uri: Uri = "file:///home/ed/My%20News/copydesk.toml"
            .parse()
            .expect("a valid URI");
        assert_eq!(
            uri_to_path(&uri),
            Some(PathBuf::from("/home/ed/My News/copydesk.toml"))
        );
        let remote: Uri = "untitled:Untitled-1".parse().expect("a valid URI");
        assert_eq!(uri_to_path(&remote), None);
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    /// Messages a confused client might send, in any order.
    const BODIES: &[&str] = &[
        r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#,
        r#"{"jsonrpc":"2.0","id":2,"method":"initialize","params":7}"#,
        r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
        r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.txt","languageId":"plaintext","version":1,"text":"“Hi” 😀\r\nLeave a Reply\n"}}}"#,
        r#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///a.txt","version":2},"contentChanges":[{"range":{"start":{"line":1,"character":3},"end":{"line":9,"character":99}},"text":"😀\r"}]}}"#,
        r#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///a.txt","version":3},"contentChanges":[{"range":{"start":{"line":0,"character":5},"end":{"line":0,"character":1}},"text":"x"}]}}"#,
        r#"{"jsonrpc":"2.0","id":3,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///a.txt"},"range":{"start":{"line":0,"character":0},"end":{"line":5,"character":0}},"context":{"diagnostics":[]}}}"#,
        r#"{"jsonrpc":"2.0","method":"textDocument/didClose","params":{"textDocument":{"uri":"file:///a.txt"}}}"#,
        r#"{"jsonrpc":"2.0","method":"workspace/didChangeWatchedFiles","params":{"changes":[{"uri":"file:///nowhere/copydesk.toml","type":3}]}}"#,
        r#"{"jsonrpc":"2.0","id":4,"method":"shutdown"}"#,
        r#"{"jsonrpc":"2.0","id":5,"result":null}"#,
        r#"{"jsonrpc":"2.0","id":{},"method":"x"}"#,
        r#"[1,2,3]"#,
        "{",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn any_message_sequence_is_survived(
            picks in proptest::collection::vec(0..BODIES.len(), 0..24),
            noise in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..16),
        ) {
            let mut input: Vec<u8> = picks.iter().flat_map(|&pick| frame(BODIES[pick]).into_bytes()).collect();
            input.extend(noise);
            let mut output = Vec::new();
            let code = serve(io::Cursor::new(input), &mut output, PathBuf::from("/nonexistent"));
            proptest::prop_assert!(matches!(code, Ok(0 | 1)));
            let output = String::from_utf8_lossy(&output);
            proptest::prop_assert!(!output.contains(FAILED), "a handler panicked: {}", output);
        }
    }

    #[test]
    fn the_end_of_input_before_shutdown_exits_with_one() {
        let mut output = Vec::new();
        let code = serve(io::Cursor::new(Vec::new()), &mut output, PathBuf::from("."))
            .expect("in-memory transport");
        assert_eq!(code, 1);
        assert!(output.is_empty());
    }
}
