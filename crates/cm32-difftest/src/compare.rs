//! Comparing two observations of one case.

use cm32_host::Val;

use crate::divergences::{CaseFacts, MaskCounts, same_trap_class, same_val};
use crate::observe::Observation;

fn same_vals(a: &[Val], b: &[Val], masks: &mut MaskCounts) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_val(x, y, masks))
}

/// The ways `cm32` differs from `reference`, one line each; empty when they agree.
pub fn differences(
    reference: &Observation,
    cm32: &Observation,
    facts: CaseFacts,
    masks: &mut MaskCounts,
) -> Vec<String> {
    let mut out = Vec::new();
    match (&reference.import_args, &cm32.import_args) {
        (None, None) => {}
        (Some(a), Some(b)) if same_vals(a, b, masks) => {}
        (a, b) => out.push(format!("import arguments: wasmtime {a:?}, cm32 {b:?}")),
    }
    match (&reference.outcome, &cm32.outcome) {
        (Ok(Some(a)), Ok(Some(b))) if same_val(a, b, masks) => {}
        (Ok(None), Ok(None)) => {}
        (Err(a), Err(b)) => {
            let class = b.class.expect("cm32 traps always carry a class");
            if !same_trap_class(class, a.class, facts, masks) {
                out.push(format!(
                    "trap class: wasmtime {} ({}), cm32 {} ({})",
                    a.class.map_or("unknown", |c| c.as_str()),
                    a.message,
                    class.as_str(),
                    b.message
                ));
            }
        }
        (a, b) => out.push(format!("outcome: wasmtime {a:?}, cm32 {b:?}")),
    }
    if reference.realloc_log != cm32.realloc_log {
        out.push(format!("realloc log: wasmtime {:?}, cm32 {:?}", reference.realloc_log, cm32.realloc_log));
    }
    if reference.dtors != cm32.dtors {
        out.push(format!("destructor calls: wasmtime {:?}, cm32 {:?}", reference.dtors, cm32.dtors));
    }
    out
}

/// What a positive case must do on every runtime, whatever the others do: pass the arguments
/// through unchanged and return the import's answer.
pub fn forwarding_errors(args: &[Val], reply: &Option<Val>, seen: &Observation, masks: &mut MaskCounts) -> Vec<String> {
    let mut out = Vec::new();
    match &seen.import_args {
        Some(got) if same_vals(args, got, masks) => {}
        got => out.push(format!("the import received {got:?}, not the arguments {args:?}")),
    }
    match (&seen.outcome, reply) {
        (Ok(Some(got)), Some(want)) if same_val(want, got, masks) => {}
        (Ok(None), None) => {}
        (got, want) => out.push(format!("the export returned {got:?}, not the import's answer {want:?}")),
    }
    out
}
