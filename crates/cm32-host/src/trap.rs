//! Traps: every way a guest (or a host function) can break the rules, each with its class.

use std::fmt;

/// Which rule was broken. The names are stable: the conformance corpus and the CLI print them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TrapClass {
    /// A pointer plus length passes the end of memory, or a length passes the ABI's limit.
    Bounds,
    /// A pointer is not aligned for what it points to.
    Alignment,
    /// A string is not valid in its encoding (UTF-8, or UTF-16 with a lone surrogate).
    Utf8,
    /// A variant, enum, option or result case index is out of range.
    Discriminant,
    /// A char is a surrogate or past 0x10FFFF.
    Char,
    /// A handle is 0, freed, out of range, or of the wrong resource type or ownership.
    Handle,
    /// An own handle is moved or dropped while it is lent out.
    Lend,
    /// An export returned while borrow handles it was given are still alive.
    BorrowOutstanding,
    /// The guest called out (an import, `new`, `drop`) where it may not leave: realloc, post-return.
    MayLeave,
    /// The host tried to enter the guest while the guest is in an import.
    Reentry,
    /// The instance trapped before and can no longer be used.
    Poisoned,
    /// An import that needs memory was called from the core `start` function.
    StartNeedsMemory,
    /// The guest's own code trapped (`unreachable`, out-of-bounds access, ...).
    Guest,
    /// A host function failed, or returned values of the wrong type.
    Host,
    /// A size limit the embedder set was passed: a memory or table grown past its maximum, more
    /// live handles than allowed, more live WASI resources than allowed.
    Limit,
    /// The guest used all the fuel the embedder gave it.
    Fuel,
    /// The guest ran past the deadline the embedder set.
    Deadline,
}

impl TrapClass {
    pub const ALL: [TrapClass; 17] = [
        TrapClass::Bounds,
        TrapClass::Alignment,
        TrapClass::Utf8,
        TrapClass::Discriminant,
        TrapClass::Char,
        TrapClass::Handle,
        TrapClass::Lend,
        TrapClass::BorrowOutstanding,
        TrapClass::MayLeave,
        TrapClass::Reentry,
        TrapClass::Poisoned,
        TrapClass::StartNeedsMemory,
        TrapClass::Guest,
        TrapClass::Host,
        TrapClass::Limit,
        TrapClass::Fuel,
        TrapClass::Deadline,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TrapClass::Bounds => "bounds",
            TrapClass::Alignment => "alignment",
            TrapClass::Utf8 => "utf8",
            TrapClass::Discriminant => "discriminant",
            TrapClass::Char => "char",
            TrapClass::Handle => "handle",
            TrapClass::Lend => "lend",
            TrapClass::BorrowOutstanding => "borrow-outstanding",
            TrapClass::MayLeave => "may-leave",
            TrapClass::Reentry => "reentry",
            TrapClass::Poisoned => "poisoned",
            TrapClass::StartNeedsMemory => "start-needs-memory",
            TrapClass::Guest => "guest",
            TrapClass::Host => "host",
            TrapClass::Limit => "limit",
            TrapClass::Fuel => "fuel",
            TrapClass::Deadline => "deadline",
        }
    }

    pub fn parse(s: &str) -> Option<TrapClass> {
        TrapClass::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl fmt::Display for TrapClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A trap: the class, what happened, the WIT function it happened in, and the guest's backtrace
/// where the engine gives one. Two words wide, so that `Result<_, Trap>` stays cheap on the call
/// path; the details live behind a box that only a trap allocates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trap {
    pub class: TrapClass,
    detail: Box<TrapDetail>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct TrapDetail {
    message: String,
    func: Option<String>,
    backtrace: Option<String>,
    exit: Option<i32>,
}

impl Trap {
    #[cold]
    pub fn new(class: TrapClass, message: impl Into<String>) -> Trap {
        Trap {
            class,
            detail: Box::new(TrapDetail { message: message.into(), func: None, backtrace: None, exit: None }),
        }
    }

    /// The guest asked to exit with `status` (`wasi:cli/exit`): not a fault, but it unwinds the
    /// guest like a trap, and the instance cannot be used afterwards.
    #[cold]
    pub fn exit(status: i32) -> Trap {
        let mut t = Trap::new(TrapClass::Host, format!("the guest exited with status {status}"));
        t.detail.exit = Some(status);
        t
    }

    /// The exit status, if this "trap" is the guest exiting.
    pub fn exit_status(&self) -> Option<i32> {
        self.detail.exit
    }

    pub fn message(&self) -> &str {
        &self.detail.message
    }

    /// The WIT function being called (`wasi:cli/stdout@0.2.12#get-stdout`), once known.
    pub fn func(&self) -> Option<&str> {
        self.detail.func.as_deref()
    }

    pub fn backtrace(&self) -> Option<&str> {
        self.detail.backtrace.as_deref()
    }

    pub fn with_backtrace(mut self, backtrace: String) -> Trap {
        self.detail.backtrace = Some(backtrace);
        self
    }

    /// Names the WIT function, unless an inner call already did.
    #[cold]
    pub fn in_func(mut self, func: &str) -> Trap {
        if self.detail.func.is_none() {
            self.detail.func = Some(func.to_string());
        }
        self
    }
}

impl fmt::Display for Trap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "trap[{}]: {}", self.class, self.detail.message)?;
        if let Some(func) = &self.detail.func {
            write!(f, " (in {func})")?;
        }
        if let Some(bt) = &self.detail.backtrace {
            write!(f, "\n{bt}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Trap {}

#[cold]
pub(crate) fn trap(class: TrapClass, message: impl Into<String>) -> Trap {
    Trap::new(class, message)
}
