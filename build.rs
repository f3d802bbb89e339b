//! Packs the preset files (src/presets/*.json, in the order readers see them) into one JSON
//! array without the whitespace outside strings, for `src/presets.rs` to include: the same
//! text otherwise (key order, numbers and strings exactly as written), a few hundred bytes
//! fewer in the WebAssembly download.
//!
//! For the WebAssembly build the sources' notes (the prose, two thirds of the text) are left
//! out: the page reads them from `preset-notes.json`, which `scripts/site.mjs` writes beside
//! it, so the engine's download carries only what it computes with.

use std::fmt::Write as _;
use std::path::Path;

/// The preset files, in order; the first is the default.
const FILES: [&str; 4] = ["tencent-datasection", "two-track", "southeast-asia", "ceo-worst-case"];

fn compact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

/// Drops every `"note":"…"` member (and its comma) from compacted JSON.
fn without_notes(json: &str) -> String {
    const KEY: &str = "\"note\":\"";
    let mut out = String::with_capacity(json.len());
    let mut rest = json;
    while let Some(at) = rest.find(KEY) {
        out.push_str(&rest[..at]);
        let body = &rest[at + KEY.len()..];
        let mut escaped = false;
        let end = body
            .char_indices()
            .find(|&(_, c)| {
                let close = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                close
            })
            .map(|(i, _)| i)
            .expect("an unterminated note");
        rest = &body[end + 1..];
        if let Some(after) = rest.strip_prefix(',') {
            rest = after;
        } else if out.ends_with(',') {
            out.pop();
        }
    }
    out.push_str(rest);
    out
}

fn main() {
    println!("cargo:rerun-if-changed=src/presets");
    let mut json = String::from("[");
    for (i, name) in FILES.iter().enumerate() {
        let path = format!("src/presets/{name}.json");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        if i > 0 {
            json.push(',');
        }
        let _ = write!(json, "{}", compact(&text));
    }
    json.push(']');
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        json = without_notes(&json);
    }
    let out = std::env::var("OUT_DIR").expect("OUT_DIR");
    std::fs::write(Path::new(&out).join("presets.json"), json).expect("writing presets.json");
}
