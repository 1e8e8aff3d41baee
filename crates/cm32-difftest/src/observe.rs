//! What one run of one case looks like from the host, in the same terms for every runtime.

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
