//! `copydesk lsp` driven over its real stdio: Content-Length framed
//! JSON-RPC in, responses and notifications out. Every wait has a deadline,
//! so a server that hangs fails the test instead of the suite.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const TIMEOUT: Duration = Duration::from_secs(10);

/// A text with web residue after curly quotes and an emoji on one line,
/// and “Leave a Reply” on a line of its own.
const STORY: &str =
    "Talks ended on Friday.\n\n“Great” 😀 news. Share this article now.\n\nLeave a Reply\n";

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
}

impl Client {
    /// Starts `copydesk lsp` in `directory` (its fallback workspace).
    fn start(directory: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .arg("lsp")
            .current_dir(directory)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts");
        let stdin = child.stdin.take().expect("piped stdin");
        let stdout = child.stdout.take().expect("piped stdout");
        let (sender, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(body) = read_frame(&mut reader) {
                let value = serde_json::from_slice(&body).expect("the server writes JSON");
                if sender.send(value).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            messages,
            next_id: 1,
        }
    }

    fn write_raw(&mut self, body: &[u8]) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).expect("server reads");
        self.stdin.write_all(body).expect("server reads");
        self.stdin.flush().expect("server reads");
    }

    fn send(&mut self, message: Value) {
        self.write_raw(message.to_string().as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns the whole response message.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(|message| message["id"] == id && message.get("method").is_none())
    }

    /// The next message that satisfies `wanted`, skipping others.
    fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(message) if wanted(&message) => return message,
                Ok(_) => continue,
                Err(RecvTimeoutError::Timeout) => panic!("no expected message within {TIMEOUT:?}"),
                Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
            }
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Value {
        let message = self.wait_for(|message| {
            message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
        });
        message["params"].clone()
    }

    fn initialize(&mut self, root: &Path, capabilities: Value) -> Value {
        let response = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": file_uri(root),
                "capabilities": capabilities,
            }),
        );
        self.notify("initialized", json!({}));
        response
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
        );
    }

    /// `shutdown` then `exit`; returns the process's exit code.
    fn shut_down(mut self) -> Option<i32> {
        let response = self.request("shutdown", Value::Null);
        assert_eq!(response["result"], Value::Null, "{response}");
        assert!(response.get("error").is_none(), "{response}");
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    fn wait_exit(mut self) -> Option<i32> {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("process status") {
                return status.code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the server did not exit within {TIMEOUT:?}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        // A failed assertion must not leave the server running.
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn read_frame(reader: &mut impl BufRead) -> Option<Vec<u8>> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    Some(body)
}

fn file_uri(path: &Path) -> String {
    let path = path.to_str().expect("temporary paths are UTF-8");
    let encoded: String = path
        .chars()
        .map(|c| match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '-' | '.' | '_' | '~' | '/' => c.to_string(),
            other => other
                .to_string()
                .bytes()
                .map(|byte| format!("%{byte:02X}"))
                .collect(),
        })
        .collect();
    if encoded.starts_with('/') {
        format!("file://{encoded}")
    } else {
        format!("file:///{encoded}")
    }
}

fn workspace() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

fn range(start: (u32, u32), end: (u32, u32)) -> Value {
    json!({
        "start": {"line": start.0, "character": start.1},
        "end": {"line": end.0, "character": end.1},
    })
}

#[test]
fn initialize_announces_utf16_by_default() {
    let dir = workspace();
    let mut client = Client::start(dir.path());
    let response = client.initialize(dir.path(), json!({}));
    let capabilities = &response["result"]["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-16");
    assert_eq!(capabilities["textDocumentSync"]["openClose"], true);
    assert_eq!(capabilities["textDocumentSync"]["change"], 1, "full sync");
    assert_eq!(
        capabilities["textDocumentSync"]["save"]["includeText"],
        false
    );
    assert_eq!(
        capabilities["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix"])
    );
    assert_eq!(response["result"]["serverInfo"]["name"], "copydesk");
    assert_eq!(client.shut_down(), Some(0));
}

#[test]
fn utf8_is_chosen_when_offered_and_columns_count_bytes() {
    let dir = workspace();
    let mut client = Client::start(dir.path());
    let response = client.initialize(
        dir.path(),
        json!({"general": {"positionEncodings": ["utf-16", "utf-8"]}}),
    );
    assert_eq!(
        response["result"]["capabilities"]["positionEncoding"],
        "utf-8"
    );
    let uri = file_uri(&dir.path().join("story.txt"));
    client.open(&uri, STORY);
    let published = client.diagnostics(&uri);
    // “ 3 + Great 5 + ” 3 + space + 😀 4 + space + news. 5 + space = 23 bytes.
    assert_eq!(
        published["diagnostics"][0]["range"],
        range((2, 23), (2, 41))
    );
    assert_eq!(client.shut_down(), Some(0));
}

#[test]
fn diagnostics_follow_edits_and_fixes_delete_the_residue() {
    let dir = workspace();
    let mut client = Client::start(dir.path());
    client.initialize(dir.path(), json!({}));
    let uri = file_uri(&dir.path().join("story.txt"));
    client.open(&uri, STORY);

    let published = client.diagnostics(&uri);
    assert_eq!(published["version"], 1);
    assert_eq!(
        published["diagnostics"],
        json!([
            {
                // “ 1 + Great 5 + ” 1 + space + 😀 2 + space + news. 5 + space = 17 units.
                "range": range((2, 17), (2, 35)),
                "severity": 1,
                "code": "web-boilerplate",
                "source": "copydesk",
                "message": "Web page residue: “Share this article”",
            },
            {
                "range": range((4, 0), (4, 13)),
                "severity": 1,
                "code": "web-boilerplate",
                "source": "copydesk",
                "message": "Web page residue: “Leave a Reply”",
            },
        ])
    );

    // A cursor inside “Leave a Reply” offers deleting it.
    let response = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": range((4, 3), (4, 3)),
            "context": {"diagnostics": []},
        }),
    );
    let actions = response["result"].as_array().expect("a list of actions");
    assert_eq!(actions.len(), 1, "{response}");
    let action = &actions[0];
    assert_eq!(action["title"], "Delete “Leave a Reply”");
    assert_eq!(action["kind"], "quickfix");
    assert_eq!(
        action["isPreferred"], false,
        "deleting residue is an unsafe fix"
    );
    assert_eq!(action["diagnostics"][0]["code"], "web-boilerplate");
    assert_eq!(
        action["edit"]["changes"][uri.as_str()],
        json!([{"range": range((4, 0), (4, 13)), "newText": ""}])
    );

    // Asking only for refactorings offers no quick fix.
    let response = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": range((4, 3), (4, 3)),
            "context": {"diagnostics": [], "only": ["refactor"]},
        }),
    );
    assert_eq!(response["result"], json!([]));

    // The edit removes the sharing prompt: one finding left, on a line
    // that moved up.
    let edited = "Talks ended on Friday.\n\nLeave a Reply\n";
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": edited}]}),
    );
    let published = client.diagnostics(&uri);
    assert_eq!(published["version"], 2);
    let diagnostics = published["diagnostics"].as_array().expect("a list");
    assert_eq!(diagnostics.len(), 1, "{published}");
    assert_eq!(diagnostics[0]["range"], range((2, 0), (2, 13)));

    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let published = client.diagnostics(&uri);
    assert_eq!(published["diagnostics"], json!([]));
    assert_eq!(client.shut_down(), Some(0));
}

#[test]
fn malformed_and_unknown_messages_are_answered_and_survived() {
    let dir = workspace();
    let mut client = Client::start(dir.path());
    client.initialize(dir.path(), json!({}));

    client.write_raw(b"{\"jsonrpc\": \"2.0\", \"id\": 40, \"method\": ");
    let parse_error = client.wait_for(|message| message.get("error").is_some());
    assert_eq!(parse_error["id"], Value::Null);
    assert_eq!(parse_error["error"]["code"], -32700);

    let unknown = client.request("copydesk/teleport", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");

    client.notify("copydesk/unknownNotification", json!({"x": 1}));
    client.notify("textDocument/didOpen", json!({"textDocument": 5}));

    let bad_params = client.request("textDocument/codeAction", json!({"textDocument": 5}));
    assert_eq!(bad_params["error"]["code"], -32602, "{bad_params}");

    // Still answering, and still checking.
    let uri = file_uri(&dir.path().join("after.txt"));
    client.open(&uri, "Leave a Reply\n");
    let published = client.diagnostics(&uri);
    assert_eq!(published["diagnostics"][0]["code"], "web-boilerplate");
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": range((0, 0), (0, 13)),
            "context": {"diagnostics": []},
        }),
    );
    assert_eq!(actions["result"][0]["title"], "Delete “Leave a Reply”");
    assert_eq!(client.shut_down(), Some(0));
}

#[test]
fn configuration_changes_are_reread_and_broken_ones_rejected() {
    let dir = workspace();
    let mut client = Client::start(dir.path());
    client.initialize(dir.path(), json!({}));
    let uri = file_uri(&dir.path().join("story.txt"));
    client.open(&uri, STORY);
    let published = client.diagnostics(&uri);
    assert_eq!(published["diagnostics"].as_array().map(Vec::len), Some(2));

    let config = dir.path().join("copydesk.toml");
    std::fs::write(&config, "ignore = [\"web-boilerplate\"]\n").expect("writable");
    // Configuration opened in the editor is not checked as copy: the next
    // diagnostics published are the story's.
    client.open(&file_uri(&config), "ignore = [\"web-boilerplate\"]\n");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&config), "type": 1}]}),
    );
    let published = client.wait_for(|m| m["method"] == "textDocument/publishDiagnostics");
    assert_eq!(published["params"]["uri"], uri.as_str());
    assert_eq!(published["params"]["diagnostics"], json!([]));

    // A broken file is reported and the last good rules stay in force.
    std::fs::write(&config, "ignore = [\"web-boilerplate\"\n").expect("writable");
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": file_uri(&config)}}),
    );
    let shown = client.wait_for(|message| message["method"] == "window/showMessage");
    assert_eq!(shown["params"]["type"], 1, "an error");
    let text = shown["params"]["message"].as_str().expect("a message");
    assert!(text.contains("copydesk.toml:"), "{text}");
    assert!(text.contains("keeping the previous rules"), "{text}");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": STORY}]}),
    );
    let published = client.diagnostics(&uri);
    assert_eq!(published["version"], 2);
    assert_eq!(published["diagnostics"], json!([]));

    // Fixed again, differently: the rule is back.
    std::fs::write(&config, "ignore = []\n").expect("writable");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&config), "type": 2}]}),
    );
    let published = client.diagnostics(&uri);
    assert_eq!(published["diagnostics"].as_array().map(Vec::len), Some(2));
    assert_eq!(client.shut_down(), Some(0));
}

#[test]
fn a_broken_configuration_at_start_is_shown_and_defaults_apply() {
    let dir = workspace();
    std::fs::write(dir.path().join("copydesk.toml"), "no-such-key = 1\n").expect("writable");
    let mut client = Client::start(dir.path());
    client.initialize(dir.path(), json!({}));
    let shown = client.wait_for(|message| message["method"] == "window/showMessage");
    let text = shown["params"]["message"].as_str().expect("a message");
    assert!(text.contains("no-such-key"), "{text}");
    let uri = file_uri(&dir.path().join("story.txt"));
    client.open(&uri, "Leave a Reply\n");
    let published = client.diagnostics(&uri);
    assert_eq!(published["diagnostics"][0]["code"], "web-boilerplate");
    assert_eq!(client.shut_down(), Some(0));
}

#[test]
fn watched_files_are_registered_when_the_client_can() {
    let dir = workspace();
    let mut client = Client::start(dir.path());
    client.initialize(
        dir.path(),
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
    );
    let request = client.wait_for(|message| message["method"] == "client/registerCapability");
    let registration = &request["params"]["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    assert_eq!(
        registration["registerOptions"]["watchers"][0]["globPattern"],
        "**/*.toml"
    );
    let id = request["id"].clone();
    client.send(json!({"jsonrpc": "2.0", "id": id, "result": null}));
    assert_eq!(client.shut_down(), Some(0));
}

#[test]
fn requests_before_initialize_are_refused_and_exit_without_shutdown_is_one() {
    let dir = workspace();
    let mut client = Client::start(dir.path());
    let early = client.request("textDocument/codeAction", json!({}));
    assert_eq!(early["error"]["code"], -32002, "{early}");
    client.initialize(dir.path(), json!({}));
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit(), Some(1));
}

#[test]
fn safe_fixes_are_preferred_and_saved_rule_files_reload() {
    let dir = workspace();
    std::fs::create_dir(dir.path().join("rules")).expect("writable");
    let rule_file = dir.path().join("rules").join("house.toml");
    let rule = |from: &str, to: &str| {
        format!(
            "[[rule]]\nid = \"house-style\"\nkind = \"substitution\"\nseverity = \"warning\"\n\
             message = \"House style is “{{replacement}}”, not “{{match}}”\"\n\
             [rule.swap]\n{from} = \"{to}\"\n"
        )
    };
    std::fs::write(&rule_file, rule("Kiev", "Kyiv")).expect("writable");
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "rules = [\"rules/house.toml\"]\n",
    )
    .expect("writable");

    let mut client = Client::start(dir.path());
    client.initialize(dir.path(), json!({}));
    let uri = file_uri(&dir.path().join("story.txt"));
    client.open(&uri, "Troops “left” 😀 Kiev on Monday.\n");
    let published = client.diagnostics(&uri);
    assert_eq!(
        published["diagnostics"],
        json!([{
            "range": range((0, 17), (0, 21)),
            "severity": 2,
            "code": "house-style",
            "source": "copydesk",
            "message": "House style is “Kyiv”, not “Kiev”",
        }])
    );
    let response = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": range((0, 18), (0, 19)),
            "context": {"diagnostics": []},
        }),
    );
    let action = &response["result"][0];
    assert_eq!(action["title"], "Replace with “Kyiv”");
    assert_eq!(action["isPreferred"], true);
    assert_eq!(
        action["edit"]["changes"][uri.as_str()],
        json!([{"range": range((0, 17), (0, 21)), "newText": "Kyiv"}])
    );

    // Saving a rule file under rules/ reloads it: the swap now targets a
    // word the story does not have.
    std::fs::write(&rule_file, rule("Odessa", "Odesa")).expect("writable");
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": file_uri(&rule_file)}}),
    );
    let published = client.diagnostics(&uri);
    assert_eq!(published["diagnostics"], json!([]));
    assert_eq!(client.shut_down(), Some(0));
}

#[test]
fn a_document_made_of_findings_is_said_to_be_so_not_shown() {
    let dir = workspace();
    let mut client = Client::start(dir.path());
    client.initialize(dir.path(), json!({}));
    let uri = file_uri(&dir.path().join("brackets.txt"));
    // An unclosed bracket each: past the limit of findings.
    client.open(&uri, &"(".repeat(10_001));
    let shown = client.wait_for(|message| message["method"] == "window/showMessage");
    let text = shown["params"]["message"].as_str().expect("a message");
    assert!(text.contains("more than 10000 findings"), "{text}");
    let published = client.diagnostics(&uri);
    assert_eq!(published["diagnostics"], json!([]));
    // Said once: an edit that leaves it past the limit publishes no
    // findings and shows no message again.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "(".repeat(10_002)}]}),
    );
    let next = client.wait_for(|message| {
        message["method"] == "window/showMessage"
            || message["method"] == "textDocument/publishDiagnostics"
    });
    assert_eq!(next["method"], "textDocument/publishDiagnostics", "{next}");
    assert_eq!(next["params"]["diagnostics"], json!([]));
    // Within it, every finding is shown.
    let within = file_uri(&dir.path().join("within.txt"));
    client.open(&within, &"(".repeat(10_000));
    let published = client.diagnostics(&within);
    assert_eq!(
        published["diagnostics"].as_array().map(Vec::len),
        Some(10_000)
    );
    assert_eq!(client.shut_down(), Some(0));
}
