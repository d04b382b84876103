//! Applying fixes: safe ones with `--fix`, unsafe ones too with
//! `--unsafe-fixes`; writing the result atomically.

use std::io::Write;
use std::path::Path;

use crate::diagnostic::{Applicability, Diagnostic};

/// Which fixes to apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixMode {
    SafeOnly,
    SafeAndUnsafe,
}

impl FixMode {
    fn allows(self, applicability: Applicability) -> bool {
        applicability == Applicability::Safe || self == FixMode::SafeAndUnsafe
    }
}

/// Applies the allowed fixes of `diagnostics` to `text`, skipping any that
/// overlaps one already applied (it is retried on the next pass, against
/// the new text). Returns the new text and the number of fixes applied.
pub fn apply_fixes(text: &str, diagnostics: &[Diagnostic], mode: FixMode) -> (String, usize) {
    let mut edits: Vec<(usize, usize, &str)> = diagnostics
        .iter()
        .filter_map(|diagnostic| {
            let fix = diagnostic.fix.as_ref()?;
            mode.allows(fix.applicability).then_some((
                diagnostic.span.start,
                diagnostic.span.end,
                fix.replacement.as_str(),
            ))
        })
        .filter(|(start, end, _)| {
            start <= end
                && *end <= text.len()
                && text.is_char_boundary(*start)
                && text.is_char_boundary(*end)
        })
        .collect();
    edits.sort_by_key(|&(start, end, _)| (start, end));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    let mut applied = 0;
    for (start, end, replacement) in edits {
        if start < cursor {
            continue;
        }
        out.push_str(&text[cursor..start]);
        out.push_str(replacement);
        cursor = end;
        applied += 1;
    }
    out.push_str(&text[cursor..]);
    (out, applied)
}

/// The most passes of fix-then-recheck before giving up: fixes that keep
/// producing new findings must not loop for ever.
pub const MAX_FIX_PASSES: usize = 10;

/// Fixes `text` until no allowed fix remains (or [`MAX_FIX_PASSES`]):
/// `check` re-checks the text after each pass. Returns the final text,
/// the fixes applied and the findings left on the final text.
pub fn fix_until_stable(
    text: &str,
    mode: FixMode,
    mut check: impl FnMut(&str) -> Vec<Diagnostic>,
) -> (String, usize, Vec<Diagnostic>) {
    let mut current = text.to_owned();
    let mut total = 0;
    let mut diagnostics = check(&current);
    for _ in 0..MAX_FIX_PASSES {
        let (next, applied) = apply_fixes(&current, &diagnostics, mode);
        if applied == 0 || next == current {
            break;
        }
        total += applied;
        current = next;
        diagnostics = check(&current);
    }
    (current, total, diagnostics)
}

/// Replaces `path`'s contents atomically: the new text goes to a temporary
/// file in the same directory, takes the original's permissions, and is
/// renamed over it, so a reader sees the old file or the new, never half.
pub fn write_atomically(path: &Path, contents: &str) -> std::io::Result<()> {
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let permissions = std::fs::metadata(path)?.permissions();
    let mut temporary = tempfile::NamedTempFile::new_in(directory)?;
    temporary.write_all(contents.as_bytes())?;
    temporary.as_file().sync_all()?;
    std::fs::set_permissions(temporary.path(), permissions)?;
    temporary.persist(path).map_err(|error| error.error)?;
    Ok(())
}

/// A unified diff between the original and the fixed text.
pub fn unified_diff(path: &str, original: &str, fixed: &str) -> String {
    similar::TextDiff::from_lines(original, fixed)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::source::Span;

    fn finding(
        start: usize,
        end: usize,
        replacement: &str,
        applicability: Applicability,
    ) -> Diagnostic {
        Diagnostic::new("r", Severity::Warning, Span::new(start, end), "m")
            .with_fix(replacement, applicability)
    }

    #[test]
    fn safe_fixes_only_unless_asked() {
        let text = "Kiev and Kiev";
        let findings = [
            finding(0, 4, "Kyiv", Applicability::Safe),
            finding(9, 13, "Kyiv", Applicability::Unsafe),
        ];
        assert_eq!(
            apply_fixes(text, &findings, FixMode::SafeOnly),
            ("Kyiv and Kiev".to_owned(), 1)
        );
        assert_eq!(
            apply_fixes(text, &findings, FixMode::SafeAndUnsafe),
            ("Kyiv and Kyiv".to_owned(), 2)
        );
    }

    #[test]
    fn overlapping_fixes_wait_for_the_next_pass() {
        let text = "abcdef";
        let findings = [
            finding(0, 4, "X", Applicability::Safe),
            finding(2, 6, "Y", Applicability::Safe),
        ];
        assert_eq!(
            apply_fixes(text, &findings, FixMode::SafeOnly),
            ("Xef".to_owned(), 1)
        );
    }

    #[test]
    fn atomic_write_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("story.txt");
        std::fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomically(&path, "new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o640
            );
        }
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left behind"
        );
    }
}
