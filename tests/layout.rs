//! The shape of the source tree, kept by a test because it decays one
//! convenient `use` at a time: no circle in the graph of imports between
//! source files (issue #23). A circle means neither file can be read,
//! changed or tested without the other; the model must not know the store.
//!
//! The graph is read from the text, not the compiler: an edge `a -> b`
//! when a file outside its tests names a path into `b` (`crate::b::..`,
//! `super::..`, `self::..`, `mercato::b::..` from the binary, or a child
//! module by its bare name). Comments are skipped. A parent's `mod child;`
//! line is not a use; anything else between parent and child is.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Module path ("store::index") of every source file but the crate roots.
fn modules(src: &Path) -> BTreeMap<String, PathBuf> {
    let mut out = BTreeMap::new();
    let mut dirs = vec![src.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            if path.extension().is_none_or(|x| x != "rs") {
                continue;
            }
            let rel = path.strip_prefix(src).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|p| p == "mod") {
                parts.pop();
            }
            let name = parts.join("::");
            if name != "lib" && name != "main" {
                out.insert(name, path);
            }
        }
    }
    out
}

/// The code of a file without its tests and comments.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.split("#[cfg(test)]\nmod ").next().unwrap_or("");
    text.lines()
        .map(|line| match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths a piece of code names: `a::b::{c, d::e}` gives `a::b::c` and
/// `a::b::d::e`, and `a::b` alone gives `a::b`.
fn paths(code: &str) -> Vec<String> {
    let bytes = code.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !is_word(bytes[i]) || (i > 0 && (is_word(bytes[i - 1]) || bytes[i - 1] == b':')) {
            i += 1;
            continue;
        }
        // A path starting here: words joined by `::`.
        let start = i;
        let mut end = i;
        loop {
            while end < bytes.len() && is_word(bytes[end]) {
                end += 1;
            }
            if code[end..].starts_with("::") && end + 2 < bytes.len() && is_word(bytes[end + 2]) {
                end += 2;
            } else {
                break;
            }
        }
        let path = &code[start..end];
        if code[end..].starts_with("::{") {
            let close = code[end..].find('}').map_or(code.len(), |j| end + j);
            for item in code[end + 3..close].split(',') {
                let item = item.split(" as ").next().unwrap_or("").trim();
                let item = item.trim_start_matches('{').trim();
                if !item.is_empty() && item != "self" {
                    out.push(format!("{path}::{item}"));
                }
            }
        }
        if path.contains("::") {
            out.push(path.to_string());
        }
        i = end.max(i + 1);
    }
    out
}

/// The module a path names, from module `here`, if it is one of ours.
fn target(path: &str, here: &str, modules: &BTreeMap<String, PathBuf>) -> Option<String> {
    let mut parts: Vec<&str> = path.split("::").collect();
    let mut base: Vec<&str> = match parts[0] {
        "crate" | "mercato" => {
            parts.remove(0);
            Vec::new()
        }
        "self" => {
            parts.remove(0);
            here.split("::").collect()
        }
        "super" => {
            let mut base: Vec<&str> = here.split("::").collect();
            while parts.first() == Some(&"super") {
                parts.remove(0);
                base.pop();
            }
            base
        }
        first => {
            // A child module named bare.
            let child = format!("{here}::{first}");
            if modules.contains_key(&child) {
                here.split("::").collect()
            } else {
                return None;
            }
        }
    };
    base.extend(parts);
    (1..=base.len())
        .rev()
        .map(|n| base[..n].join("::"))
        .find(|m| modules.contains_key(m))
}

fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules(src);
    let mut edges = BTreeMap::new();
    for (here, path) in &modules {
        let mut uses = BTreeSet::new();
        for p in paths(&code(path)) {
            if let Some(there) = target(&p, here, &modules)
                && &there != here
            {
                uses.insert(there);
            }
        }
        edges.insert(here.clone(), uses);
    }
    edges
}

/// One circle, as a path `a -> b -> ... -> a`, if there is any.
fn circle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    // Depth-first search; 1 = on the current path, 2 = done.
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(node.to_string(), 1);
        path.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            match state.get(next.as_str()) {
                Some(1) => {
                    let from = path.iter().position(|n| n == next).unwrap();
                    let mut found = path[from..].to_vec();
                    found.push(next.clone());
                    return Some(found);
                }
                Some(_) => {}
                None => {
                    if let Some(found) = visit(next, edges, state, path) {
                        return Some(found);
                    }
                }
            }
        }
        path.pop();
        state.insert(node.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for node in edges.keys() {
        if !state.contains_key(node)
            && let Some(found) = visit(node, edges, &mut state, &mut Vec::new())
        {
            return Some(found);
        }
    }
    None
}

#[test]
fn the_graph_reader_sees_what_a_file_uses() {
    let found = paths("use crate::store::{FileKey, index::Index as I};\nlet x = super::y::z(1);");
    assert!(
        found.contains(&"crate::store::FileKey".to_string()),
        "{found:?}"
    );
    assert!(
        found.contains(&"crate::store::index::Index".to_string()),
        "{found:?}"
    );
    assert!(found.contains(&"super::y::z".to_string()), "{found:?}");
    let mut edges = BTreeMap::new();
    edges.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    edges.insert("b".to_string(), BTreeSet::from(["a".to_string()]));
    assert_eq!(circle(&edges).unwrap(), ["a", "b", "a"]);
    edges.insert("b".to_string(), BTreeSet::new());
    assert_eq!(circle(&edges), None);
}

#[test]
fn no_source_file_imports_one_that_imports_it_back() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let edges = graph(&src);
    assert!(edges.len() > 50, "read only {} files", edges.len());
    assert!(
        edges["store::index"].contains("model"),
        "the reader misses uses"
    );
    if let Some(found) = circle(&edges) {
        panic!(
            "a circle of imports: {}\n(move what both need into a file both use)",
            found.join(" -> ")
        );
    }
}
