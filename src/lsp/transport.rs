//! The base protocol: `Content-Length` framed JSON-RPC messages.
//!
//! lsp-server's own reader stops at the first malformed frame, which would
//! take the whole server down with it. This reader is forgiving instead: a
//! frame without a length, a body that is not UTF-8 or not JSON, or JSON that
//! is not a JSON-RPC message becomes a [`Frame::Malformed`] that the server
//! answers with an error, and reading goes on with the next frame.

use std::io::{self, BufRead, Read, Write};

use lsp_server::{ErrorCode, Message};
use serde_json::Value;

/// One frame read from the client.
#[derive(Debug)]
pub(crate) enum Frame {
    Message(Message),
    /// A frame that is not a JSON-RPC message. `id` is the request id when
    /// one could be recovered, else `Value::Null`, as JSON-RPC asks.
    Malformed {
        id: Value,
        code: ErrorCode,
        reason: String,
    },
}

/// Reads the next frame; `None` at the end of the input.
pub(crate) fn read_frame(input: &mut impl BufRead) -> io::Result<Option<Frame>> {
    let mut length = None;
    let mut seen_header = false;
    let mut line = Vec::new();
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(None);
        }
        let header = trim_line_ending(&line);
        if header.is_empty() {
            // Stray blank lines between frames are skipped; a blank line after
            // headers ends them.
            if seen_header {
                break;
            }
            continue;
        }
        seen_header = true;
        let header = String::from_utf8_lossy(header);
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("Content-Length") {
                length = value.trim().parse::<u64>().ok();
            }
        }
    }
    let Some(length) = length else {
        return Ok(Some(malformed(
            Value::Null,
            ErrorCode::ParseError,
            "missing or invalid Content-Length header",
        )));
    };
    // `take` grows the buffer as bytes arrive, so a lying length cannot make
    // us allocate more than the client actually sent.
    let mut body = Vec::new();
    input.take(length).read_to_end(&mut body)?;
    if (body.len() as u64) < length {
        return Ok(None);
    }
    Ok(Some(parse_body(&body)))
}

fn trim_line_ending(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

fn malformed(id: Value, code: ErrorCode, reason: impl Into<String>) -> Frame {
    Frame::Malformed {
        id,
        code,
        reason: reason.into(),
    }
}

fn parse_body(body: &[u8]) -> Frame {
    let Ok(text) = std::str::from_utf8(body) else {
        return malformed(Value::Null, ErrorCode::ParseError, "body is not UTF-8");
    };
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(error) => {
            return malformed(
                Value::Null,
                ErrorCode::ParseError,
                format!("body is not JSON: {error}"),
            )
        }
    };
    let id = match value.get("id") {
        Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
        _ => Value::Null,
    };
    match serde_json::from_value::<Message>(value) {
        Ok(message) => Frame::Message(message),
        Err(error) => malformed(
            id,
            ErrorCode::InvalidRequest,
            format!("not a JSON-RPC message: {error}"),
        ),
    }
}

/// Writes one message, framed, and flushes.
pub(crate) fn write_message(output: &mut impl Write, message: Message) -> io::Result<()> {
    message.write(output)
}

/// Writes an error response whose id may be `null`, which
/// `lsp_server::Response` cannot express.
pub(crate) fn write_error(
    output: &mut impl Write,
    id: Value,
    code: ErrorCode,
    message: &str,
) -> io::Result<()> {
    let body = serde_json::json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code as i32, "message": message },
    })
    .to_string();
    write!(output, "Content-Length: {}\r\n\r\n", body.len())?;
    output.write_all(body.as_bytes())?;
    output.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &str) -> Vec<String> {
        let mut reader = io::Cursor::new(input.as_bytes().to_vec());
        let mut out = Vec::new();
        while let Some(frame) = read_frame(&mut reader).expect("in-memory reads succeed") {
            out.push(match frame {
                Frame::Message(Message::Request(request)) => format!("request {}", request.method),
                Frame::Message(Message::Notification(note)) => {
                    format!("notification {}", note.method)
                }
                Frame::Message(Message::Response(response)) => format!("response {}", response.id),
                Frame::Malformed { id, code, .. } => format!("malformed {id} {}", code as i32),
            });
        }
        out
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn reading_goes_on_after_malformed_frames() {
        let input = [
            frame("{not json"),
            frame(r#"{"jsonrpc":"2.0","id":7,"method":5}"#),
            "X-Nothing: 1\r\n\r\n".to_owned(),
            frame(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#),
            frame(r#"{"jsonrpc":"2.0","method":"exit"}"#),
        ]
        .concat();
        assert_eq!(
            frames(&input),
            [
                "malformed null -32700",
                "malformed 7 -32600",
                "malformed null -32700",
                "request shutdown",
                "notification exit",
            ]
        );
    }

    #[test]
    fn a_truncated_body_ends_the_input() {
        assert_eq!(frames("Content-Length: 99\r\n\r\n{}"), Vec::<String>::new());
    }

    #[test]
    fn bare_newlines_and_header_case_are_accepted() {
        let body = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let input = format!("\r\ncontent-length: {}\n\n{body}", body.len());
        assert_eq!(frames(&input), ["notification initialized"]);
    }
}
