//! What an embedder bounds a guest by: the instructions it runs (fuel), the wall-clock time it
//! runs for (a deadline), the memories and tables it grows, and the handles it holds.
//!
//! Passing a limit is a trap of its own class (`fuel`, `deadline`, or `limit` for sizes) that
//! poisons the instance like any other; the host goes on.

use std::fmt;
use std::time::Duration;

/// The bounds of one store (one instantiation). `None` is unbounded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Limits {
    /// Units of fuel the guest may use, about one per instruction (each engine counts its own
    /// way). Needs an engine built with [`EngineOptions::fuel`].
    pub fuel: Option<u64>,
    /// How long the guest may run, from instantiation (or from [`crate::Instance::set_timeout`]).
    /// Needs an engine built with [`EngineOptions::deadline`].
    pub timeout: Option<Duration>,
    /// The most bytes any one memory may have, at instantiation or by growing.
    pub max_memory_size: Option<usize>,
    /// The most elements any one table may have.
    pub max_table_elements: Option<usize>,
    /// The most live handles (own and borrow, every resource type) one component instance may
    /// hold at once.
    pub max_handles: Option<usize>,
}

impl Limits {
    /// What an engine must be built with to enforce these limits.
    pub fn engine_options(&self) -> EngineOptions {
        EngineOptions { fuel: self.fuel.is_some(), deadline: self.timeout.is_some() }
    }
}

/// What an engine is built to count. Counting is not free (fuel costs every block of
/// instructions something; a deadline needs the same on wasmi and a check at every loop head on
/// wasmtime), so it is off unless asked for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EngineOptions {
    pub fuel: bool,
    pub deadline: bool,
}

/// A limit and its value, as `cm32 run -W` spells it: what a trap message names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    Fuel(u64),
    Timeout(Duration),
    MaxMemorySize(usize),
    MaxTableElements(usize),
    MaxHandles(usize),
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Limit::Fuel(n) => write!(f, "fuel={n}"),
            Limit::Timeout(d) => write!(f, "timeout={}", format_duration(*d)),
            Limit::MaxMemorySize(n) => write!(f, "max-memory-size={n}"),
            Limit::MaxTableElements(n) => write!(f, "max-table-elements={n}"),
            Limit::MaxHandles(n) => write!(f, "max-handles={n}"),
        }
    }
}

/// `1.5s`, `200ms`, `10us`: the shortest exact spelling.
pub fn format_duration(d: Duration) -> String {
    let nanos = d.as_nanos();
    if nanos == 0 {
        "0s".to_string()
    } else if nanos.is_multiple_of(1_000_000_000) {
        format!("{}s", nanos / 1_000_000_000)
    } else if nanos.is_multiple_of(1_000_000) {
        format!("{}ms", nanos / 1_000_000)
    } else if nanos.is_multiple_of(1_000) {
        format!("{}us", nanos / 1_000)
    } else {
        format!("{nanos}ns")
    }
}

/// The trap message for a memory or table that would pass its limit.
pub(crate) fn grow_message(what: &str, desired: usize, unit: &str, limit: Limit) -> String {
    format!("a {what} would grow to {desired} {unit}, past the limit {limit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_print_as_the_command_line_spells_them() {
        assert_eq!(Limit::Fuel(1000).to_string(), "fuel=1000");
        assert_eq!(Limit::Timeout(Duration::from_millis(1500)).to_string(), "timeout=1500ms");
        assert_eq!(Limit::Timeout(Duration::from_secs(2)).to_string(), "timeout=2s");
        assert_eq!(Limit::Timeout(Duration::from_micros(7)).to_string(), "timeout=7us");
        assert_eq!(Limit::MaxMemorySize(65536).to_string(), "max-memory-size=65536");
        assert_eq!(Limit::MaxHandles(3).to_string(), "max-handles=3");
    }
}
