//! The SPA's modules import downwards only: no top-level module imports one that imports it
//! back (at module granularity, counting every `crate::<module>` path outside comments).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const MODULES: [&str; 10] = [
    "api",
    "model",
    "upload",
    "state",
    "logic",
    "components",
    "pages",
    "i18n",
    "config",
    "browser",
];

type Graph = BTreeMap<&'static str, BTreeSet<&'static str>>;

/// Record the modules `path` (a file, or a folder of files) of module `top` names.
fn scan(path: &Path, top: &'static str, graph: &mut Graph) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            scan(&entry.unwrap().path(), top, graph);
        }
        return;
    }
    // A module is either `<name>.rs` or `<name>/`: the other one is missing.
    if !path.is_file() || path.extension().is_none_or(|e| e != "rs") {
        return;
    }
    let text = std::fs::read_to_string(path).unwrap();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or_default();
        for (i, _) in code.match_indices("crate::") {
            let name: String = code[i + "crate::".len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if let Some(m) = MODULES.iter().find(|m| **m == name)
                && *m != top
            {
                graph.entry(top).or_default().insert(m);
            }
        }
    }
}

/// The modules on a cycle through `from`, if any (depth-first).
fn cycle(graph: &Graph, from: &'static str) -> Option<Vec<&'static str>> {
    fn walk(
        graph: &Graph,
        at: &'static str,
        target: &'static str,
        path: &mut Vec<&'static str>,
        seen: &mut BTreeSet<&'static str>,
    ) -> bool {
        for next in graph.get(at).into_iter().flatten() {
            if *next == target {
                return true;
            }
            if seen.insert(next) {
                path.push(next);
                if walk(graph, next, target, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![from];
    walk(graph, from, from, &mut path, &mut BTreeSet::new()).then_some(path)
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph = Graph::new();
    for top in MODULES {
        scan(&src.join(top), top, &mut graph);
        scan(&src.join(format!("{top}.rs")), top, &mut graph);
    }
    for top in MODULES {
        assert_eq!(cycle(&graph, top), None, "import cycle; graph: {graph:?}");
    }
}
