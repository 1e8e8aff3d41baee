//! The host conformance corpus: data files under `conformance/host/<category>/*.case`, each a WIT
//! world, a hand-written core module or component and a script of steps, run on any [`Engine`].
//!
//! A `--- wat` whose first form (past `;;` comment lines) is `(component` is a component,
//! instantiated with [`Linker::instantiate_component`]; anything else is a core module, hosted with
//! [`Linker::instantiate`]. Every step means the same for both; for a component, `memory` reads the
//! first memory a `canon` option names (in the order the definitions run, nested components
//! included) and `handles` counts the root component instance's table.
//!
//! A case file:
//! ```text
//! # What the case checks, in one line.
//! --- wit
//! package t:t;
//! world w { import log: func(s: string); export run: func(); }
//! --- wat
//! (module ...) or (component ...)
//! --- script
//! host log
//! call run()
//! called log("hi")
//! ```
//!
//! Script steps (values in WAVE; a handle is written as its representation):
//! - `host F [-> VALUE | -> trap | -> reentry | -> drop-guest N]`: define import F; it records its
//!   arguments and returns VALUE, fails, tries to call back into the guest, or tries to drop its
//!   N-th argument (a guest resource);
//! - `dtor R`: give host resource R a destructor that records the reps it drops;
//! - `allow-unknown-imports`;
//! - `instantiate [-> ok | -> trap CLASS | -> link-error "TEXT"]` (otherwise the first call
//!   instantiates; TEXT is part of the message, `\n` a line break in it);
//! - `call F(ARGS) [-> VALUE | -> trap CLASS | -> type-error]`;
//! - `called F(ARGS)`: the next recorded host call, in order; every call must be accounted for;
//! - `realloc (OLD, OLD-SIZE, ALIGN, SIZE) ... | realloc none`: the realloc calls since the last check;
//! - `memory ADDR BYTE...` (hex bytes); `dropped R REP... | dropped R none`; `drop R REP`; `handles N`.

mod wave;

use std::collections::VecDeque;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use cm32_abi::{WitOptions, load_world_str};

pub use wave::{WaveType, fix_up, same};

use crate::engine::Engine;
use crate::instance::{CallError, Instance};
use crate::linker::{LinkError, Linker};
use crate::trap::{Trap, TrapClass};
use crate::types::{ResourceIdx, Side, TypeIdx, Types};
use crate::val::{ResourceAny, Val};
use crate::world::{Direction, World};

/// The categories, in the order the table prints them.
pub const CATEGORIES: [&str; 12] = [
    "link",
    "scalars",
    "strings",
    "lists",
    "variants",
    "spills",
    "realloc",
    "resources",
    "protocol",
    "instantiate",
    "transcode",
    "compose",
];

/// One case's outcome.
#[derive(Debug)]
pub struct CaseResult {
    pub category: String,
    pub name: String,
    pub path: PathBuf,
    /// `Err` holds what went wrong, with the script line.
    pub outcome: Result<(), String>,
}

/// Runs every case under `dir` (one sub-directory per category) on `engine`; with `filter`, only
/// the cases whose `category/name` contains it.
pub fn run_corpus<E: Engine>(dir: &Path, engine: &E, filter: Option<&str>) -> Vec<CaseResult> {
    let mut results = Vec::new();
    let mut categories: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    categories.sort();
    for category in categories {
        let mut cases: Vec<PathBuf> = std::fs::read_dir(&category)
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "case"))
                    .collect()
            })
            .unwrap_or_default();
        cases.sort();
        let category_name = category.file_name().unwrap().to_string_lossy().into_owned();
        for path in cases {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            if filter.is_some_and(|f| !format!("{category_name}/{name}").contains(f)) {
                continue;
            }
            let outcome = std::fs::read_to_string(&path)
                .map_err(|e| e.to_string())
                .and_then(|text| run_case(&path, &text, engine));
            results.push(CaseResult { category: category_name.clone(), name, path, outcome });
        }
    }
    results
}

/// The table by category: passed, failed, total; then each failure.
pub fn report(results: &[CaseResult]) -> String {
    let mut out = String::new();
    writeln!(out, "{:<12} {:>7} {:>7} {:>7}", "category", "passed", "failed", "total").unwrap();
    let mut names: Vec<&str> = CATEGORIES.to_vec();
    for r in results {
        if !names.contains(&r.category.as_str()) {
            names.push(&r.category);
        }
    }
    let (mut passed, mut failed) = (0, 0);
    for name in names {
        let of: Vec<&CaseResult> = results.iter().filter(|r| r.category == name).collect();
        let ok = of.iter().filter(|r| r.outcome.is_ok()).count();
        writeln!(out, "{:<12} {:>7} {:>7} {:>7}", name, ok, of.len() - ok, of.len()).unwrap();
        passed += ok;
        failed += of.len() - ok;
    }
    writeln!(out, "{:<12} {:>7} {:>7} {:>7}", "all", passed, failed, passed + failed).unwrap();
    for r in results {
        if let Err(e) = &r.outcome {
            writeln!(out, "\nFAILED {}: {e}", r.path.display()).unwrap();
        }
    }
    out
}

struct Sections<'a> {
    wit: &'a str,
    wat: &'a str,
    script: Vec<(usize, &'a str)>,
}

fn sections(text: &str) -> Result<Sections<'_>, String> {
    let mut current = None;
    let (mut wit, mut wat) = (None, None);
    let mut script = Vec::new();
    let mut starts = Vec::new();
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let trimmed = line.trim();
        if let Some(name) = trimmed.strip_prefix("--- ") {
            current = Some(name.trim().to_string());
            starts.push((name.trim().to_string(), offset + line.len()));
        } else if current.as_deref() == Some("script") {
            let step = strip_comment(trimmed).trim();
            if !step.is_empty() && !step.starts_with('#') {
                script.push((n + 1, step));
            }
        }
        offset += line.len();
    }
    for (i, (name, start)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(text.len(), |(n, s)| s - n.len() - 5);
        let body = &text[*start..end.max(*start)];
        match name.as_str() {
            "wit" => wit = Some(body),
            "wat" => wat = Some(body),
            "script" => {}
            other => return Err(format!("unknown section `--- {other}`")),
        }
    }
    Ok(Sections { wit: wit.ok_or("no `--- wit` section")?, wat: wat.ok_or("no `--- wat` section")?, script })
}

/// What the recording host remembers.
#[derive(Default)]
pub struct Recorder {
    pub calls: VecDeque<(String, Vec<Val>)>,
    pub dropped: Vec<(ResourceIdx, u32)>,
}

enum Reply {
    Nothing,
    Value(Val),
    Fail,
    Reentry,
    DropGuest(ResourceAny),
}

struct Run<'a, E: Engine> {
    world: Arc<World>,
    types: Arc<Types>,
    linker: Linker<Recorder, E>,
    engine: &'a E,
    wasm: Vec<u8>,
    /// Whether `wasm` is a component rather than a core module.
    component: bool,
    instance: Option<Instance<Recorder, E>>,
}

/// Whether a case's `--- wat` is a component: its first form, past blank and `;;` comment lines,
/// is `(component`.
fn is_component(wat: &str) -> bool {
    wat.lines()
        .map(str::trim)
        .find(|line| !line.is_empty() && !line.starts_with(";;"))
        .is_some_and(|line| line.starts_with("(component"))
}

fn run_case<E: Engine>(path: &Path, text: &str, engine: &E) -> Result<(), String> {
    let s = sections(text)?;
    let loaded = load_world_str(path, s.wit, None, &WitOptions { features: Vec::new(), all_features: true })
        .map_err(|e| format!("wit: {e}"))?;
    let world = Arc::new(World::new(loaded).map_err(|e| format!("wit: {e}"))?);
    let wasm = wat::parse_str(s.wat).map_err(|e| format!("wat: {e}"))?;
    let types = Arc::new(world.types().clone());
    let mut linker = Linker::new(world.clone());
    linker.record_realloc(true);
    let component = is_component(s.wat);
    let mut run = Run { world, types, linker, engine, wasm, component, instance: None };
    for (line, step) in &s.script {
        run.step(step).map_err(|e| format!("line {line}: `{step}`: {e}"))?;
    }
    if let Some(instance) = &mut run.instance
        && let Some((f, args)) = instance.data().calls.front()
    {
        return Err(format!("host call {f}({}) was not checked with `called`", list(args)));
    }
    Ok(())
}

fn list(vals: &[Val]) -> String {
    vals.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(", ")
}

impl<E: Engine> Run<'_, E> {
    fn step(&mut self, step: &str) -> Result<(), String> {
        let (verb, rest) = step.split_once(' ').unwrap_or((step, ""));
        let rest = rest.trim();
        match verb {
            "host" => self.host(rest),
            "dtor" => {
                let (name, refuses) = match rest.strip_suffix("-> trap") {
                    Some(name) => (name.trim(), true),
                    None => (rest, false),
                };
                let idx = self.resource(name, Side::Host)?;
                self.linker
                    .resource(name, move |rec: &mut Recorder, rep| {
                        rec.dropped.push((idx, rep));
                        if refuses { Err(Trap::new(TrapClass::Host, "the destructor refuses")) } else { Ok(()) }
                    })
                    .map_err(|e| e.to_string())?;
                Ok(())
            }
            "allow-unknown-imports" => {
                self.linker.allow_unknown_imports(true);
                Ok(())
            }
            "instantiate" => self.instantiate_step(rest),
            "call" => self.call(rest),
            "called" => self.called(rest),
            "realloc" => self.realloc(rest),
            "memory" => self.memory(rest),
            "dropped" => self.dropped(rest),
            "drop" => {
                let (what, expected) = match rest.split_once("-> trap ") {
                    Some((what, class)) => {
                        let class =
                            TrapClass::parse(class.trim()).ok_or_else(|| format!("unknown trap class `{class}`"))?;
                        (what.trim(), Some(class))
                    }
                    None => (rest, None),
                };
                let (name, rep) = what.rsplit_once(' ').ok_or("expected `drop RESOURCE REP`")?;
                let ty = self.resource(name, Side::Guest)?;
                let rep = parse_u32(rep)?;
                let instance = self.instance()?;
                match (instance.drop_resource(ResourceAny { ty, rep }), expected) {
                    (Ok(()), None) => Ok(()),
                    (Err(CallError::Trap(t)), Some(class)) if t.class == class => Ok(()),
                    (Ok(()), Some(class)) => Err(format!("the drop succeeded, expected a {class} trap")),
                    (Err(e), _) => Err(format!("drop failed: {e}")),
                }
            }
            "handles" => {
                let want: usize = rest.parse().map_err(|_| "expected a number")?;
                let have = self.instance()?.live_handles();
                if have == want { Ok(()) } else { Err(format!("{have} live handles, expected {want}")) }
            }
            other => Err(format!("unknown step `{other}`")),
        }
    }

    fn resource(&self, name: &str, prefer: Side) -> Result<ResourceIdx, String> {
        let unversioned = |wit: &str| match wit.split_once('@') {
            Some((iface, rest)) => format!("{iface}{}", rest.find('#').map_or("", |i| &rest[i..])),
            None => wit.to_string(),
        };
        let mut found: Vec<(ResourceIdx, Side)> = self
            .types
            .resources()
            .filter(|(_, r)| r.wit == name || unversioned(&r.wit) == name)
            .map(|(i, r)| (i, r.side))
            .collect();
        found.sort_by_key(|(_, side)| *side != prefer);
        found.first().map(|(i, _)| *i).ok_or_else(|| format!("no resource `{name}` in the world"))
    }

    fn parse(&self, ty: TypeIdx, text: &str) -> Result<Val, String> {
        let val: Val = wasm_wave::from_str(&WaveType::new(self.types.clone(), ty), text)
            .map_err(|e| format!("value `{text}`: {e}"))?;
        Ok(fix_up(&self.types, ty, val))
    }

    fn parse_args(&self, tys: &[TypeIdx], text: &str) -> Result<Vec<Val>, String> {
        if tys.is_empty() {
            return if text.trim().is_empty() {
                Ok(Vec::new())
            } else {
                Err(format!("no arguments expected, found `{text}`"))
            };
        }
        let tuple = WaveType::tuple(self.types.clone(), tys.to_vec());
        let val: Val =
            wasm_wave::from_str(&tuple, &format!("({text},)")).map_err(|e| format!("arguments `{text}`: {e}"))?;
        match val {
            Val::Tuple(vals) => Ok(vals.into_iter().zip(tys).map(|(v, t)| fix_up(&self.types, *t, v)).collect()),
            _ => Err("arguments did not parse as a tuple".into()),
        }
    }

    fn host(&mut self, rest: &str) -> Result<(), String> {
        let (name, reply) = match rest.split_once(" -> ") {
            Some((name, reply)) => (name.trim(), Some(reply.trim())),
            None => (rest, None),
        };
        let idx =
            self.world.find_func(Direction::Import, name).ok_or_else(|| format!("no imported function `{name}`"))?;
        let plan = self.world.func(idx).clone();
        let reply = match reply {
            None => Reply::Nothing,
            Some("trap") => Reply::Fail,
            Some("reentry") => Reply::Reentry,
            Some(r) if r.starts_with("drop-guest ") => {
                let (res, rep) = r[11..].trim().rsplit_once(' ').ok_or("expected `drop-guest RESOURCE REP`")?;
                Reply::DropGuest(ResourceAny { ty: self.resource(res, Side::Guest)?, rep: parse_u32(rep)? })
            }
            Some(value) => {
                let ty = plan.result.ok_or_else(|| format!("`{name}` has no result"))?;
                Reply::Value(self.parse(ty, value)?)
            }
        };
        let wit = plan.wit.clone();
        self.linker
            .define(name, move |cx, args, result| {
                cx.data.calls.push_back((wit.clone(), args.to_vec()));
                match &reply {
                    Reply::Nothing => Ok(()),
                    Reply::Value(v) => {
                        *result = Some(v.clone());
                        Ok(())
                    }
                    Reply::Fail => Err(Trap::new(TrapClass::Host, "the host function failed, as the script asked")),
                    Reply::Reentry => Err(cx.call_export("any export")),
                    Reply::DropGuest(r) => Err(cx.drop_guest_resource(*r)),
                }
            })
            .map_err(|e| e.to_string())?;
        Ok(())
    }

    fn instantiate(&mut self) -> Result<(), LinkError> {
        if self.instance.is_none() {
            let (engine, wasm, data) = (self.engine, &self.wasm, Recorder::default());
            self.instance = Some(if self.component {
                self.linker.instantiate_component(engine, wasm, data)?
            } else {
                self.linker.instantiate(engine, wasm, data)?
            });
        }
        Ok(())
    }

    fn instance(&mut self) -> Result<&mut Instance<Recorder, E>, String> {
        self.instantiate().map_err(|e| format!("instantiation failed: {e}"))?;
        Ok(self.instance.as_mut().expect("instantiated"))
    }

    fn instantiate_step(&mut self, rest: &str) -> Result<(), String> {
        let expect = rest.strip_prefix("->").map(str::trim).unwrap_or("ok");
        let outcome = self.instantiate();
        match (expect, outcome) {
            ("ok", Ok(())) => Ok(()),
            ("ok", Err(e)) => Err(format!("instantiation failed: {e}")),
            (expect, Ok(())) => Err(format!("instantiation succeeded, expected {expect}")),
            (expect, Err(e)) => {
                if let Some(class) = expect.strip_prefix("trap ") {
                    let class =
                        TrapClass::parse(class.trim()).ok_or_else(|| format!("unknown trap class `{class}`"))?;
                    match &e {
                        LinkError::Instantiate(crate::engine::InstantiateError::Trap(t)) if t.class == class => Ok(()),
                        _ => Err(format!("expected a `{class}` trap, got: {e}")),
                    }
                } else if let Some(text) = expect.strip_prefix("link-error ") {
                    // `\n` in the expected text stands for a line break of the message.
                    let text = text.trim().trim_matches('"').replace("\\n", "\n");
                    let message = e.to_string();
                    if message.contains(&text) {
                        Ok(())
                    } else {
                        Err(format!("link error does not mention `{text}`: {message}"))
                    }
                } else {
                    Err(format!("unknown expectation `{expect}`"))
                }
            }
        }
    }

    fn call(&mut self, rest: &str) -> Result<(), String> {
        let (name, args, expect) = split_call(rest)?;
        let idx =
            self.world.find_func(Direction::Export, name).ok_or_else(|| format!("no exported function `{name}`"))?;
        let plan = self.world.func(idx).clone();
        let tys: Vec<TypeIdx> = plan.params.iter().map(|(_, t)| *t).collect();
        let args = self.parse_args(&tys, args)?;
        let expected = match expect {
            Some(e) if e.starts_with("trap ") || e == "type-error" => None,
            Some(value) => Some(self.parse(plan.result.ok_or_else(|| format!("`{name}` has no result"))?, value)?),
            None => None,
        };
        let outcome = self.instance()?.call(name, &args);
        match (expect, outcome) {
            (Some("type-error"), Err(CallError::Type { .. })) => Ok(()),
            (Some(e), Err(CallError::Trap(trap))) if e.starts_with("trap ") => {
                let class =
                    TrapClass::parse(e[5..].trim()).ok_or_else(|| format!("unknown trap class `{}`", &e[5..]))?;
                if trap.class == class { Ok(()) } else { Err(format!("expected a `{class}` trap, got {trap}")) }
            }
            (_, Err(e)) => Err(format!("call failed: {e}")),
            (Some(e), Ok(v)) if e.starts_with("trap ") || e == "type-error" => {
                Err(format!("expected {e}, returned {}", v.map_or("nothing".into(), |v| v.to_string())))
            }
            (None, Ok(None)) => Ok(()),
            (None, Ok(Some(v))) => Err(format!("returned {v}; say what with `-> VALUE`")),
            (Some(_), Ok(v)) => match (expected, v) {
                (Some(want), Some(have)) if same(&want, &have) => Ok(()),
                (want, have) => Err(format!(
                    "returned {}, expected {}",
                    have.map_or("nothing".into(), |v| v.to_string()),
                    want.map_or("nothing".into(), |v| v.to_string())
                )),
            },
        }
    }

    fn called(&mut self, rest: &str) -> Result<(), String> {
        let (name, args, _) = split_call(rest)?;
        let idx =
            self.world.find_func(Direction::Import, name).ok_or_else(|| format!("no imported function `{name}`"))?;
        let plan = self.world.func(idx).clone();
        let tys: Vec<TypeIdx> = plan.params.iter().map(|(_, t)| *t).collect();
        let want = self.parse_args(&tys, args)?;
        let (func, have) = self.instance()?.data().calls.pop_front().ok_or("no host call is left to check")?;
        if func != plan.wit {
            return Err(format!("the next host call was {func}({})", list(&have)));
        }
        if want.len() != have.len() || !want.iter().zip(&have).all(|(a, b)| same(a, b)) {
            return Err(format!("called with ({}), expected ({})", list(&have), list(&want)));
        }
        Ok(())
    }

    fn realloc(&mut self, rest: &str) -> Result<(), String> {
        let want: Vec<[u32; 4]> = if rest == "none" {
            Vec::new()
        } else {
            rest.split(')')
                .map(|t| t.trim().trim_start_matches('('))
                .filter(|t| !t.is_empty())
                .map(|t| {
                    let n: Vec<u32> = t.split(',').map(|n| parse_u32(n.trim())).collect::<Result<_, _>>()?;
                    n.try_into().map_err(|_| format!("`({t})` is not four numbers"))
                })
                .collect::<Result<_, String>>()?
        };
        let have: Vec<[u32; 4]> = self.instance()?.take_realloc_log().into_iter().map(|c| c.args).collect();
        if have == want { Ok(()) } else { Err(format!("realloc calls {have:?}, expected {want:?}")) }
    }

    fn memory(&mut self, rest: &str) -> Result<(), String> {
        let mut words = rest.split_whitespace();
        let addr = parse_u32(words.next().ok_or("expected `memory ADDR BYTE...`")?)? as usize;
        let want: Vec<u8> = words
            .map(|b| u8::from_str_radix(b, 16).map_err(|_| format!("`{b}` is not a hex byte")))
            .collect::<Result<_, _>>()?;
        let mem = self.instance()?.memory().ok_or("the instance has no memory")?;
        let have = mem.get(addr..addr + want.len()).ok_or("past the end of memory")?;
        if have == want.as_slice() {
            Ok(())
        } else {
            Err(format!("memory at {addr:#x} is {have:02x?}, expected {want:02x?}"))
        }
    }

    fn dropped(&mut self, rest: &str) -> Result<(), String> {
        let (name, reps) = rest.split_once(' ').ok_or("expected `dropped RESOURCE REP...`")?;
        let ty = self.resource(name, Side::Host)?;
        let want: Vec<u32> = if reps.trim() == "none" {
            Vec::new()
        } else {
            reps.split_whitespace().map(parse_u32).collect::<Result<_, _>>()?
        };
        let have: Vec<u32> =
            self.instance()?.data().dropped.iter().filter(|(r, _)| *r == ty).map(|(_, rep)| *rep).collect();
        if have == want { Ok(()) } else { Err(format!("dropped reps {have:?}, expected {want:?}")) }
    }
}

/// A step without its trailing ` # comment`; a `#` inside a quoted value is kept.
fn strip_comment(line: &str) -> &str {
    let mut quote = None;
    let mut escape = false;
    let mut prev_space = false;
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) => {
                if escape {
                    escape = false;
                } else if c == '\\' {
                    escape = true;
                } else if c == q {
                    quote = None;
                }
            }
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' && prev_space => return &line[..i],
            None => {}
        }
        prev_space = c == ' ';
    }
    line
}

fn parse_u32(s: &str) -> Result<u32, String> {
    let s = s.trim();
    match s.strip_prefix("0x") {
        Some(hex) => u32::from_str_radix(hex, 16),
        None => s.parse(),
    }
    .map_err(|_| format!("`{s}` is not a number"))
}

/// Splits `name(args) -> expect` with string-aware parenthesis matching.
fn split_call(text: &str) -> Result<(&str, &str, Option<&str>), String> {
    let open = text.find('(').ok_or("expected `NAME(ARGS)`")?;
    let name = text[..open].trim();
    let (mut depth, mut in_str, mut escape, mut close) = (0i32, None::<char>, false, None);
    for (i, c) in text[open..].char_indices() {
        if let Some(q) = in_str {
            if escape {
                escape = false;
            } else if c == '\\' {
                escape = true;
            } else if c == q {
                in_str = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => in_str = Some(c),
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(open + i);
                    break;
                }
            }
            _ => {}
        }
    }
    let close = close.ok_or("unbalanced parentheses")?;
    let args = &text[open + 1..close];
    let tail = text[close + 1..].trim();
    let expect = match tail.strip_prefix("->") {
        Some(e) => Some(e.trim()),
        None if tail.is_empty() => None,
        None => return Err(format!("unexpected `{tail}` after the call")),
    };
    Ok((name, args, expect))
}
