//! Collects each rule kind's module documentation (the leading `//!` lines
//! of `src/rules/<kind>.rs`) so `copydesk explain` and `docs/rules.md` come
//! from the same text as the code's own docs.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let rules_dir = Path::new("src/rules");
    println!("cargo:rerun-if-changed={}", rules_dir.display());
    let mut entries: Vec<_> = std::fs::read_dir(rules_dir)
        .expect("src/rules exists")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .filter(|path| {
            !matches!(
                path.file_stem().and_then(|s| s.to_str()),
                Some("mod" | "testing")
            )
        })
        .collect();
    entries.sort();
    let mut out =
        String::from("/// Rule kind documentation, from each kind's module doc comment.\n");
    out.push_str("pub(crate) const KIND_DOCUMENTATION: &[(&str, &str)] = &[\n");
    for path in entries {
        println!("cargo:rerun-if-changed={}", path.display());
        let source = std::fs::read_to_string(&path).expect("rule source is readable");
        let doc: Vec<&str> = source
            .lines()
            .take_while(|line| line.starts_with("//!"))
            .map(|line| {
                line.strip_prefix("//! ")
                    .unwrap_or(line.trim_start_matches("//!"))
            })
            .collect();
        let name = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .expect("UTF-8 file name")
            .replace('_', "-");
        writeln!(out, "    ({name:?}, {:?}),", doc.join("\n")).expect("writing to a String");
    }
    out.push_str("];\n");
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out_dir).join("kind_documentation.rs"), out)
        .expect("OUT_DIR is writable");
}
