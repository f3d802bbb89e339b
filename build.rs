//! Packs the preset files (src/presets/*.json, in the order readers see them) into one JSON
//! array without the whitespace outside strings, for `src/presets.rs` to include: the same
//! text otherwise (key order, numbers and strings exactly as written), a few hundred bytes
//! fewer in the WebAssembly download.

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
    let out = std::env::var("OUT_DIR").expect("OUT_DIR");
    std::fs::write(Path::new(&out).join("presets.json"), json).expect("writing presets.json");
}
