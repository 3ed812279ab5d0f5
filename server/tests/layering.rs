//! The server's modules import downwards only: within one folder, no module imports a sibling
//! that imports it back (directly or through other siblings). A reference is any
//! `crate::…`, `super::…` or `self::…` path outside comments and strings, `use` groups included;
//! it counts at the granularity of the folder where the two module paths part. Naming the
//! parent (`super::Core` from `core/mod.rs`) is not a sibling reference.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Module = Vec<String>;
/// Sibling edges: (folder, from, to) -> one place that makes it.
type Edges = BTreeMap<(Module, String, String), String>;

/// Every `.rs` file under `dir`.
fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file under `src` (`core/mod.rs` and `core.rs` are both `core`).
fn module_of(src: &Path, file: &Path) -> Module {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Module = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn ident_before(chars: &[char], i: usize) -> bool {
    i > 0 && (is_ident(chars[i - 1]) || chars[i - 1] == '$')
}

/// `text` with comments removed and string and char literals emptied (lines kept).
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    // Skip `chars[from..]` up to just past `close`, keeping its line breaks.
    let skip = |from: usize, close: &[char], out: &mut String| {
        let mut j = from;
        while j < chars.len() && !chars[j..].starts_with(close) {
            if chars[j] == '\\' && close == ['"'] {
                j += 1;
            }
            if chars.get(j) == Some(&'\n') {
                out.push('\n');
            }
            j += 1;
        }
        j + close.len()
    };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i = skip(i + 2, &['*', '/'], &mut out);
        } else if c == 'r' && matches!(next, Some('"' | '#')) && !ident_before(&chars, i) {
            // Raw string: r"…", r#"…"#.
            let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
            if chars.get(i + 1 + hashes) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let close: Vec<char> = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            i = skip(i + 2 + hashes, &close, &mut out);
            out.push_str("\"\"");
        } else if c == '"' {
            i = skip(i + 1, &['"'], &mut out);
            out.push_str("\"\"");
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            out.push_str("' '");
            i += 3;
        } else if c == '\'' && next == Some('\\') {
            // '\n', '\'', '\u{…}'.
            i = skip(i + 3, &['\''], &mut out);
            out.push_str("' '");
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The identifier at `chars[*i..]`, advancing past it.
fn ident(chars: &[char], i: &mut usize) -> String {
    let start = *i;
    while *i < chars.len() && is_ident(chars[*i]) {
        *i += 1;
    }
    chars[start..*i].iter().collect()
}

fn skip_space(chars: &[char], i: &mut usize) {
    while *i < chars.len() && chars[*i].is_whitespace() {
        *i += 1;
    }
}

/// The paths of the path tree at `chars[*i..]` (`a::b::{c, d::e}`), each after `prefix`.
fn path_tree(chars: &[char], i: &mut usize, prefix: Vec<String>, out: &mut Vec<Module>) {
    let mut path = prefix;
    loop {
        skip_space(chars, i);
        if chars.get(*i) == Some(&'{') {
            *i += 1;
            loop {
                skip_space(chars, i);
                match chars.get(*i) {
                    Some('}') | None => {
                        *i += 1;
                        return;
                    }
                    Some(',') => *i += 1,
                    _ => {
                        let before = *i;
                        path_tree(chars, i, path.clone(), out);
                        if *i == before {
                            *i += 1;
                        }
                    }
                }
            }
        }
        let name = ident(chars, i);
        if name.is_empty() {
            out.push(path);
            return;
        }
        path.push(name);
        skip_space(chars, i);
        if chars.get(*i) == Some(&':') && chars.get(*i + 1) == Some(&':') {
            *i += 2;
        } else {
            out.push(path);
            return;
        }
    }
}

/// Every absolute path `code` (of module `here`) names, with its line.
fn references(here: &Module, code: &str) -> Vec<(Module, usize)> {
    let chars: Vec<char> = code.chars().collect();
    let mut found = Vec::new();
    // Inline modules (`mod tests { … }`) shift what `super` and `self` mean.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !is_ident(c) || ident_before(&chars, i) {
            match c {
                '\n' => line += 1,
                '{' => depth += 1,
                '}' => {
                    depth = depth.saturating_sub(1);
                    if inline.last().is_some_and(|(_, d)| *d == depth) {
                        inline.pop();
                    }
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        let start = i;
        let word = ident(&chars, &mut i);
        if word == "mod" {
            let mut j = i;
            skip_space(&chars, &mut j);
            let name = ident(&chars, &mut j);
            skip_space(&chars, &mut j);
            if !name.is_empty() && chars.get(j) == Some(&'{') {
                inline.push((name, depth));
            }
            continue;
        }
        if !matches!(word.as_str(), "crate" | "super" | "self")
            || chars.get(i) != Some(&':')
            || chars.get(i + 1) != Some(&':')
        {
            continue;
        }
        let mut current = here.clone();
        current.extend(inline.iter().map(|(m, _)| m.clone()));
        let mut j = start;
        let mut paths = Vec::new();
        path_tree(&chars, &mut j, Vec::new(), &mut paths);
        for path in paths {
            let mut rest = path.as_slice();
            let mut base = Module::new();
            if rest.first().is_some_and(|s| s == "crate") {
                rest = &rest[1..];
            } else {
                base = current.clone();
                while rest.first().is_some_and(|s| s == "self" || s == "super") {
                    if rest[0] == "super" {
                        base.pop();
                    }
                    rest = &rest[1..];
                }
            }
            base.extend(rest.iter().cloned());
            found.push((base, line));
        }
        // Count the lines of a multi-line `use` group.
        line += chars[start..j].iter().filter(|c| **c == '\n').count();
        i = j;
    }
    found
}

/// Whether `module` is a module of `src` (a file or a folder).
fn exists(src: &Path, module: &[String]) -> bool {
    let dir: PathBuf = module.iter().fold(src.to_path_buf(), |p, m| p.join(m));
    dir.is_dir() || dir.with_extension("rs").is_file()
}

fn edges(src: &Path) -> Edges {
    let mut all = Vec::new();
    files(src, &mut all);
    all.sort();
    let mut edges = Edges::new();
    for file in all {
        if file == src.join("main.rs") {
            continue; // Its own crate: it names the library `satchel_server`.
        }
        let here = module_of(src, &file);
        let code = code_only(&std::fs::read_to_string(&file).unwrap());
        for (target, line) in references(&here, &code) {
            let common = here.iter().zip(&target).take_while(|(a, b)| a == b).count();
            if common >= here.len() || common >= target.len() {
                continue; // Its own descendant or an ancestor.
            }
            if !exists(src, &target[..=common]) {
                continue; // An item of the shared parent (`super::Core`).
            }
            let place = format!("{}:{line}", file.strip_prefix(src).unwrap().display());
            let key = (
                here[..common].to_vec(),
                here[common].clone(),
                target[common].clone(),
            );
            edges.entry(key).or_insert(place);
        }
    }
    edges
}

/// The import cycles: every strongly connected set of more than one sibling, with the edges
/// inside it.
fn cycles(edges: &Edges) -> Vec<String> {
    let mut graph: BTreeMap<(&Module, &String), BTreeSet<&String>> = BTreeMap::new();
    for (folder, from, to) in edges.keys() {
        graph.entry((folder, from)).or_default().insert(to);
    }
    let reach = |folder: &Module, from: &String| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.clone()];
        while let Some(at) = todo.pop() {
            for next in graph.get(&(folder, &at)).into_iter().flatten() {
                if seen.insert((*next).clone()) {
                    todo.push((*next).clone());
                }
            }
        }
        seen
    };
    let mut done: BTreeSet<(&Module, String)> = BTreeSet::new();
    let mut out = Vec::new();
    for (folder, from) in graph.keys() {
        if done.contains(&(*folder, (*from).clone())) {
            continue;
        }
        let component: BTreeSet<String> = reach(folder, from)
            .into_iter()
            .filter(|m| reach(folder, m).contains(*from))
            .collect();
        if component.len() < 2 {
            continue;
        }
        let names: Vec<&str> = component.iter().map(String::as_str).collect();
        let mut text = format!(
            "cycle in src/{}: {{{}}}",
            folder.iter().map(|f| format!("{f}/")).collect::<String>(),
            names.join(", ")
        );
        for ((f, a, b), place) in edges {
            if f == *folder && component.contains(a) && component.contains(b) {
                text.push_str(&format!("\n    {a} -> {b} ({place})"));
            }
        }
        done.extend(component.into_iter().map(|m| (*folder, m)));
        out.push(text);
    }
    out
}

/// Cycles waiting on another branch, each with why (none now); the test fails once one is gone,
/// so the entry goes with it.
const WAITING: &[(&str, &str)] = &[];

#[test]
fn no_module_imports_a_sibling_that_imports_it_back() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = cycles(&edges(&src));
    let waiting = |c: &String| WAITING.iter().any(|(w, _)| c.lines().next() == Some(*w));
    let new: Vec<&String> = found.iter().filter(|c| !waiting(c)).collect();
    let new: Vec<&str> = new.iter().map(|c| c.as_str()).collect();
    assert!(new.is_empty(), "import cycles:\n{}", new.join("\n"));
    for (cycle, why) in WAITING {
        assert!(
            found.iter().any(|c| c.lines().next() == Some(*cycle)),
            "{cycle} is cut ({why}): drop it from WAITING"
        );
    }
}

#[test]
fn the_checker_sees_use_groups_super_and_inline_modules() {
    let here: Module = vec!["core".into(), "nodes".into()];
    let code = code_only(
        "use super::{Core, events::{self, Event},\n quota};\n\
         // use super::comments;\n\
         let s = \"crate::core::links\"; let c = '{';\n\
         fn f() { crate::core::trash::x(); }\n\
         mod tests { use super::*; use super::super::search; }\n\
         fn g() { super::sizes::y(); }\n",
    );
    let found: Vec<(String, usize)> = references(&here, &code)
        .into_iter()
        .map(|(p, line)| (p.join("::"), line))
        .collect();
    let want = [
        ("core::Core", 1),
        ("core::events::self", 1),
        ("core::events::Event", 1),
        ("core::quota", 1),
        ("core::trash::x", 5),
        ("core::nodes", 6),
        ("core::search", 6),
        ("core::sizes::y", 7),
    ];
    let want: Vec<(String, usize)> = want.iter().map(|(p, l)| (p.to_string(), *l)).collect();
    assert_eq!(found, want);
}
