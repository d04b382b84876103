//! Reading the files `copydesk check` is given, defensively: a size limit
//! checked before anything is read, no reads from pipes or devices, and
//! binary files recognised instead of checked. (Part of the binary, not of
//! the library.)

use std::io::Read;
use std::path::Path;

/// The `--max-file-size` default: far beyond any article, small enough that
/// a stray disk image or log file is not read into memory.
pub(crate) const DEFAULT_MAX_FILE_SIZE: &str = "100M";

/// The largest file checked whatever `--max-file-size` says: the grammar
/// holds offsets in 32 bits.
const MAX_CHECKABLE: u64 = copydesk::syntax::tokens::MAX_TEXT_LEN as u64;

/// How much of a file's start is searched for a NUL byte, the sign of a
/// binary file (the heuristic git and grep use).
const BINARY_PROBE: usize = 8 * 1024;

/// Parses a `--max-file-size` value: bytes, or a number with a K, M or G
/// suffix (powers of 1024). `0` means no limit (see [`size_limit`]).
pub(crate) fn parse_size(value: &str) -> Result<u64, String> {
    let value = value.trim();
    let (digits, multiplier) = match value.char_indices().last() {
        Some((at, 'k' | 'K')) => (&value[..at], 1 << 10),
        Some((at, 'm' | 'M')) => (&value[..at], 1 << 20),
        Some((at, 'g' | 'G')) => (&value[..at], 1 << 30),
        _ => (value, 1),
    };
    let number: u64 = digits.parse().map_err(|_| {
        format!("`{value}` is not a size in bytes (e.g. 500K, 100M, 2G; 0 for no limit)")
    })?;
    number
        .checked_mul(multiplier)
        .ok_or_else(|| format!("`{value}` is too large"))
}

/// The limit a `--max-file-size` value sets: `0` is none.
pub(crate) fn size_limit(bytes: u64) -> Option<u64> {
    (bytes > 0).then_some(bytes)
}

/// Reads the file at `path` for checking. The error is the one line
/// reported as that file's error.
pub(crate) fn read_file(path: &Path, limit: Option<u64>) -> Result<Vec<u8>, String> {
    // Metadata first: a FIFO or a device is never opened (opening a FIFO
    // with no writer blocks forever), and an oversized file is never read.
    let metadata = std::fs::metadata(path).map_err(|error| format!("cannot read: {error}"))?;
    if !metadata.is_file() {
        return Err("not a regular file".to_owned());
    }
    if let Some(limit) = limit {
        if metadata.len() > limit {
            return Err(too_large(metadata.len(), limit));
        }
    }
    if metadata.len() > MAX_CHECKABLE {
        return Err(beyond_checkable());
    }
    let file = std::fs::File::open(path).map_err(|error| format!("cannot read: {error}"))?;
    // Sized from the metadata: a buffer grown by doubling would hold up to
    // twice the file, and three times while it is copied to a larger one.
    let expected = usize::try_from(metadata.len()).unwrap_or(0);
    read_limited(file, limit, expected)
}

/// Reads standard input (or any stream) under the same rules as a file.
pub(crate) fn read_stream(stream: impl Read, limit: Option<u64>) -> Result<Vec<u8>, String> {
    read_limited(stream, limit, 0)
}

fn read_limited(stream: impl Read, limit: Option<u64>, expected: usize) -> Result<Vec<u8>, String> {
    // One byte more than expected, so the read that finds the end needs
    // no larger buffer.
    let mut bytes = Vec::new();
    let _ = bytes.try_reserve_exact(expected.saturating_add(1));
    // A file can grow between the metadata and the read; read one byte past
    // the limit to notice.
    let cap = limit
        .unwrap_or(u64::MAX)
        .min(MAX_CHECKABLE)
        .saturating_add(1);
    stream
        .take(cap)
        .read_to_end(&mut bytes)
        .map_err(|error| format!("cannot read: {error}"))?;
    if let Some(limit) = limit {
        if bytes.len() as u64 > limit {
            return Err(format!(
                "larger than --max-file-size ({limit} bytes); not checked"
            ));
        }
    }
    if bytes.len() as u64 > MAX_CHECKABLE {
        return Err(beyond_checkable());
    }
    // By memchr: a loop over the bytes here cost about 11 instructions a
    // byte, a tenth of what the whole check of a news article costs.
    let probe = &bytes[..bytes.len().min(BINARY_PROBE)];
    if let Some(offset) = memchr::memchr(0, probe) {
        return Err(format!(
            "looks like a binary file (NUL byte at offset {offset}); not checked"
        ));
    }
    Ok(bytes)
}

fn too_large(size: u64, limit: u64) -> String {
    format!("larger than --max-file-size ({size} bytes > {limit} bytes); not checked")
}

fn beyond_checkable() -> String {
    "larger than 4 GiB, the most copydesk checks; not checked".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_take_binary_suffixes_and_zero_means_no_limit() {
        assert_eq!(parse_size("512"), Ok(512));
        assert_eq!(parse_size("4K"), Ok(4096));
        assert_eq!(parse_size("100M"), Ok(100 << 20));
        assert_eq!(parse_size("2g"), Ok(2 << 30));
        assert_eq!(parse_size("0").map(size_limit), Ok(None));
        assert_eq!(size_limit(1), Some(1));
        assert!(parse_size("").is_err());
        assert!(parse_size("M").is_err());
        assert!(parse_size("1.5M").is_err());
        assert!(parse_size("-1").is_err());
        assert!(parse_size("99999999999G").is_err());
    }

    #[test]
    fn a_file_beyond_the_grammars_offsets_is_refused_unread_even_with_no_limit() {
        // A sparse file: 4 GiB of length, no data written.
        let file = tempfile::NamedTempFile::new().unwrap();
        file.as_file().set_len(MAX_CHECKABLE + 1).unwrap();
        assert_eq!(
            read_file(file.path(), None).unwrap_err(),
            "larger than 4 GiB, the most copydesk checks; not checked"
        );
        // The user's limit, when lower, is the one reported.
        assert!(read_file(file.path(), Some(1 << 20))
            .unwrap_err()
            .contains("--max-file-size"));
    }

    #[test]
    fn a_nul_byte_near_the_start_marks_a_binary_file() {
        let error = read_stream(&b"\x7fELF\x02\x01\x01\0\0"[..], None).unwrap_err();
        assert_eq!(
            error,
            "looks like a binary file (NUL byte at offset 7); not checked"
        );
        // The probe's last byte is still searched.
        let mut last = vec![b'a'; BINARY_PROBE - 1];
        last.push(0);
        assert_eq!(
            read_stream(&last[..], None).unwrap_err(),
            format!(
                "looks like a binary file (NUL byte at offset {}); not checked",
                BINARY_PROBE - 1
            )
        );
        // Past the probe, a NUL is the check's business, not a sign of a
        // binary file.
        let mut late = vec![b'a'; BINARY_PROBE];
        late.push(0);
        assert_eq!(
            read_stream(&late[..], None).map(|b| b.len()),
            Ok(BINARY_PROBE + 1)
        );
    }

    #[test]
    fn a_stream_longer_than_the_limit_is_refused() {
        assert_eq!(read_stream(&b"abcd"[..], Some(4)), Ok(b"abcd".to_vec()));
        assert_eq!(
            read_stream(&b"abcde"[..], Some(4)),
            Err("larger than --max-file-size (4 bytes); not checked".to_owned())
        );
    }
}
