//! Printing a target: as JSON for scripts, and as a WAT skeleton module that validates.

use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::check::CheckReport;
use crate::target::{Item, ItemKind, Target};

/// `{"imports":[…],"exports":[…]}`; the shape is documented in the README and scripts rely on it.
pub fn to_json(target: &Target) -> Value {
    json!({
        "mangling": target.mangling.as_str(),
        "imports": target.imports.iter().map(item_json).collect::<Vec<_>>(),
        "exports": target.exports.iter().map(item_json).collect::<Vec<_>>(),
    })
}

fn item_json(item: &Item) -> Value {
    let mut obj = serde_json::Map::new();
    if let Some(module) = &item.module {
        obj.insert("module".into(), module.as_str().into());
    }
    obj.insert("name".into(), item.name.as_str().into());
    obj.insert("kind".into(), item.kind.as_str().into());
    if let Some(sig) = &item.sig {
        let tys = |tys: &[crate::CoreType]| tys.iter().map(|t| Value::from(t.as_str())).collect::<Vec<_>>();
        obj.insert("params".into(), tys(&sig.params).into());
        obj.insert("results".into(), tys(&sig.results).into());
        obj.insert("wit".into(), item.wit.as_deref().map_or(Value::Null, Value::from));
        obj.insert("needs_memory".into(), item.needs_memory.into());
        obj.insert("needs_realloc".into(), item.needs_realloc.into());
    }
    Value::Object(obj)
}

/// A module with every import and export of the target; function bodies are `unreachable`.
pub fn to_wat(target: &Target) -> String {
    let mut wat = String::from("(module\n");
    for item in &target.imports {
        let sig = item.sig.as_ref().expect("every import is a function");
        let module = item.module.as_deref().expect("imports have a module");
        comment(&mut wat, item);
        writeln!(wat, "  (import {} {} {sig})", quote(module), quote(&item.name)).unwrap();
    }
    for item in &target.exports {
        comment(&mut wat, item);
        match (&item.sig, item.kind) {
            (_, ItemKind::Memory) => writeln!(wat, "  (memory (export {}) 0)", quote(&item.name)).unwrap(),
            (Some(sig), _) => {
                let clauses = sig.wat();
                let sep = if clauses.is_empty() { "" } else { " " };
                writeln!(wat, "  (func (export {}){sep}{clauses} unreachable)", quote(&item.name)).unwrap();
            }
            (None, _) => unreachable!("only the memory export has no signature"),
        }
    }
    wat.push_str(")\n");
    wat
}

fn comment(wat: &mut String, item: &Item) {
    let kind = item.kind.as_str();
    match &item.wit {
        Some(wit) => writeln!(wat, "  ;; {kind} {wit}").unwrap(),
        None => writeln!(wat, "  ;; {kind}").unwrap(),
    }
}

/// A WAT string literal; names here are printable ASCII, but escape defensively.
fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for b in s.bytes() {
        match b {
            b'"' | b'\\' => write!(out, "\\{}", b as char).unwrap(),
            0x20..=0x7e => out.push(b as char),
            _ => write!(out, "\\{b:02x}").unwrap(),
        }
    }
    out.push('"');
    out
}

/// The human report of a check: each violation, what lies outside the target, and a verdict line.
pub fn check_text(report: &CheckReport, module: &str, world: &str) -> String {
    let mut out = String::new();
    for violation in &report.violations {
        writeln!(out, "{violation}").unwrap();
    }
    if !report.outside.is_empty() {
        out.push_str("not part of the target (cm32 neither provides nor calls these):\n");
        for item in &report.outside {
            writeln!(out, "    {item}").unwrap();
        }
    }
    match report.violations.len() {
        0 => writeln!(out, "{module} conforms to the {} target of world `{world}`", report.mangling).unwrap(),
        n => writeln!(
            out,
            "{module}: {n} violation{} of the {} target of world `{world}`",
            if n == 1 { "" } else { "s" },
            report.mangling
        )
        .unwrap(),
    }
    out
}

/// The report as JSON: `{"world", "mangling", "conforms", "violations": [...], "not_in_target": [...]}`.
pub fn check_json(report: &CheckReport, world: &str) -> Value {
    json!({
        "world": world,
        "mangling": report.mangling.as_str(),
        "conforms": report.conforms(),
        "violations": report.violations.iter().map(|v| json!({
            "kind": v.kind.as_str(),
            "item": v.item,
            "expected": v.expected,
            "found": v.found,
            "hint": v.hint,
        })).collect::<Vec<_>>(),
        "not_in_target": report.outside,
    })
}
