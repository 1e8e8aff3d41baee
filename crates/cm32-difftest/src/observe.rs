//! What one run of one case looks like from the host, in the same terms for every runtime.

use anyhow::{Result, anyhow};
use cm32_host::{TrapClass, Val};

/// Everything a case can be compared on.
#[derive(Clone, Debug)]
pub struct Observation {
    /// The arguments the host import received, or `None` if it was not called.
    pub import_args: Option<Vec<Val>>,
    /// The export's result, or how it trapped.
    pub outcome: Result<Option<Val>, TrapSeen>,
    /// The guest's realloc log after the call (four words per call, post-return marks included);
    /// `None` after a trap, when the instance can no longer be called.
    pub realloc_log: Option<Vec<u32>>,
    /// The representations the host's resource destructor saw, in order.
    pub dtors: Vec<u32>,
}

#[derive(Clone, Debug)]
pub struct TrapSeen {
    /// The class, when the runtime says which rule was broken.
    pub class: Option<TrapClass>,
    pub message: String,
}

/// The host state of a case on either runtime: what the import answers, and what it and the
/// resource destructor saw.
#[derive(Default)]
pub struct CaseRecord {
    pub import_args: Option<Vec<Val>>,
    pub reply: Option<Val>,
    pub dtors: Vec<u32>,
}

impl CaseRecord {
    pub fn start(&mut self, reply: Option<Val>) {
        *self = CaseRecord { reply, ..CaseRecord::default() };
    }

    pub fn finish(&mut self, outcome: Result<Option<Val>, TrapSeen>, realloc_log: Option<Vec<u32>>) -> Observation {
        Observation {
            import_args: self.import_args.take(),
            outcome,
            realloc_log,
            dtors: std::mem::take(&mut self.dtors),
        }
    }
}

/// The words of the guest's `realloc-log` result.
/// In a composition's realloc log, where the outer component's calls end and the inner one's
/// begin.
pub const INNER_LOG: u32 = u32::MAX;

pub fn log_words(result: Option<Val>) -> Result<Vec<u32>> {
    match result {
        Some(Val::List(words)) => words
            .into_iter()
            .map(|w| match w {
                Val::U32(w) => Ok(w),
                other => Err(anyhow!("realloc-log returned {other:?} in its list")),
            })
            .collect(),
        other => Err(anyhow!("realloc-log returned {other:?}")),
    }
}
