//! `cm32_error`: every failure the C API reports, as a value with a message. A trap keeps its
//! class (and, for `wasi:cli/exit`, the exit status), so that a C engine can carry a host
//! function's trap back out of the guest unchanged.

use std::ffi::{CString, c_char};

use cm32_host::{Trap, TrapClass};

/// What went wrong: a message, and for a trap its class. Made by cm32, or by a C engine with
/// [`cm32_error_new`] or [`cm32_trap_new`]; freed with [`cm32_error_delete`] by whoever holds
/// it last.
pub struct cm32_error {
    message: CString,
    trap: Option<Trap>,
}

/// The class of a trap: which rule the guest (or a host function) broke. `CM32_TRAP_NONE` is an
/// error that is not a trap (a bad argument, a module that does not fit the world).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum cm32_trap_class {
    CM32_TRAP_NONE = 0,
    /// A pointer plus length passes the end of memory, or a length passes the ABI's limit.
    CM32_TRAP_BOUNDS,
    /// A pointer is not aligned for what it points to.
    CM32_TRAP_ALIGNMENT,
    /// A string is not valid in its encoding.
    CM32_TRAP_UTF8,
    /// A variant, enum, option or result case index is out of range.
    CM32_TRAP_DISCRIMINANT,
    /// A char is a surrogate or past 0x10FFFF.
    CM32_TRAP_CHAR,
    /// A handle is 0, freed, out of range, or of the wrong type or ownership.
    CM32_TRAP_HANDLE,
    /// An own handle is moved or dropped while it is lent out.
    CM32_TRAP_LEND,
    /// An export returned while borrow handles it was given are still alive.
    CM32_TRAP_BORROW_OUTSTANDING,
    /// The guest called out where it may not (from realloc or post-return).
    CM32_TRAP_MAY_LEAVE,
    /// The host tried to enter the guest while the guest is in an import.
    CM32_TRAP_REENTRY,
    /// The instance trapped before and can no longer be used.
    CM32_TRAP_POISONED,
    /// An import that needs memory was called from the core `start` function.
    CM32_TRAP_START_NEEDS_MEMORY,
    /// The guest's own code trapped (`unreachable`, an access out of bounds, ...): what a C
    /// engine reports for a trap of its own.
    CM32_TRAP_GUEST,
    /// A host function failed (or the guest exited: see `cm32_error_exit_status`).
    CM32_TRAP_HOST,
    /// A size limit the embedder set was passed.
    CM32_TRAP_LIMIT,
    /// The guest used all its fuel.
    CM32_TRAP_FUEL,
    /// The guest ran past its deadline.
    CM32_TRAP_DEADLINE,
}

impl cm32_trap_class {
    fn of(class: TrapClass) -> cm32_trap_class {
        use cm32_trap_class::*;
        match class {
            TrapClass::Bounds => CM32_TRAP_BOUNDS,
            TrapClass::Alignment => CM32_TRAP_ALIGNMENT,
            TrapClass::Utf8 => CM32_TRAP_UTF8,
            TrapClass::Discriminant => CM32_TRAP_DISCRIMINANT,
            TrapClass::Char => CM32_TRAP_CHAR,
            TrapClass::Handle => CM32_TRAP_HANDLE,
            TrapClass::Lend => CM32_TRAP_LEND,
            TrapClass::BorrowOutstanding => CM32_TRAP_BORROW_OUTSTANDING,
            TrapClass::MayLeave => CM32_TRAP_MAY_LEAVE,
            TrapClass::Reentry => CM32_TRAP_REENTRY,
            TrapClass::Poisoned => CM32_TRAP_POISONED,
            TrapClass::StartNeedsMemory => CM32_TRAP_START_NEEDS_MEMORY,
            TrapClass::Guest => CM32_TRAP_GUEST,
            TrapClass::Host => CM32_TRAP_HOST,
            TrapClass::Limit => CM32_TRAP_LIMIT,
            TrapClass::Fuel => CM32_TRAP_FUEL,
            TrapClass::Deadline => CM32_TRAP_DEADLINE,
        }
    }

    fn class(self) -> Option<TrapClass> {
        use cm32_trap_class::*;
        Some(match self {
            CM32_TRAP_NONE => return None,
            CM32_TRAP_BOUNDS => TrapClass::Bounds,
            CM32_TRAP_ALIGNMENT => TrapClass::Alignment,
            CM32_TRAP_UTF8 => TrapClass::Utf8,
            CM32_TRAP_DISCRIMINANT => TrapClass::Discriminant,
            CM32_TRAP_CHAR => TrapClass::Char,
            CM32_TRAP_HANDLE => TrapClass::Handle,
            CM32_TRAP_LEND => TrapClass::Lend,
            CM32_TRAP_BORROW_OUTSTANDING => TrapClass::BorrowOutstanding,
            CM32_TRAP_MAY_LEAVE => TrapClass::MayLeave,
            CM32_TRAP_REENTRY => TrapClass::Reentry,
            CM32_TRAP_POISONED => TrapClass::Poisoned,
            CM32_TRAP_START_NEEDS_MEMORY => TrapClass::StartNeedsMemory,
            CM32_TRAP_GUEST => TrapClass::Guest,
            CM32_TRAP_HOST => TrapClass::Host,
            CM32_TRAP_LIMIT => TrapClass::Limit,
            CM32_TRAP_FUEL => TrapClass::Fuel,
            CM32_TRAP_DEADLINE => TrapClass::Deadline,
        })
    }
}

/// A message as a C string: a NUL inside it (from a guest's text, say) becomes U+FFFD.
fn c_message(message: String) -> CString {
    CString::new(message.replace('\0', "\u{fffd}")).unwrap_or_default()
}

impl cm32_error {
    pub(crate) fn new(message: impl Into<String>) -> Box<cm32_error> {
        Box::new(cm32_error { message: c_message(message.into()), trap: None })
    }

    pub(crate) fn trap(trap: Trap) -> Box<cm32_error> {
        Box::new(cm32_error { message: c_message(trap.to_string()), trap: Some(trap) })
    }

    /// The error as a raw pointer for C.
    pub(crate) fn raw(message: impl Into<String>) -> *mut cm32_error {
        Box::into_raw(cm32_error::new(message))
    }

    /// Takes back an error a C engine returned: its trap, or a trap of `default` class with its
    /// message.
    ///
    /// # Safety
    /// `error` is a live error from this library, not used again.
    pub(crate) unsafe fn take_trap(error: *mut cm32_error, default: TrapClass) -> Trap {
        let error = unsafe { Box::from_raw(error) };
        match error.trap {
            Some(trap) => trap,
            None => Trap::new(default, error.message.to_string_lossy().into_owned()),
        }
    }

    /// Takes back an error a C engine returned: its trap if it is one, else its message.
    ///
    /// # Safety
    /// As for [`cm32_error::take_trap`].
    pub(crate) unsafe fn take(error: *mut cm32_error) -> Result<Trap, String> {
        let error = unsafe { Box::from_raw(error) };
        error.trap.ok_or_else(|| error.message.to_string_lossy().into_owned())
    }

    /// Takes back an error a C engine returned, as its message.
    ///
    /// # Safety
    /// As for [`cm32_error::take_trap`].
    pub(crate) unsafe fn take_message(error: *mut cm32_error) -> String {
        let error = unsafe { Box::from_raw(error) };
        error.message.to_string_lossy().into_owned()
    }
}

/// Runs `body`, turning a panic (a bug in cm32, or in a host function written in Rust) into an
/// error, so that no panic ever unwinds into C.
pub(crate) fn guard(body: impl FnOnce() -> *mut cm32_error) -> *mut cm32_error {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)) {
        Ok(error) => error,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".to_string());
            cm32_error::raw(format!("internal error in cm32 (please report it): {what}"))
        }
    }
}

/// An error that is not a trap, with `message` (a NUL-terminated string, copied; NULL gives
/// an empty message). For a C engine's failures to compile or instantiate.
///
/// # Safety
/// `message` is NULL or a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_error_new(message: *const c_char) -> *mut cm32_error {
    let text = if message.is_null() {
        String::new()
    } else {
        unsafe { std::ffi::CStr::from_ptr(message) }.to_string_lossy().into_owned()
    };
    cm32_error::raw(text)
}

/// A trap of class `class` (`CM32_TRAP_GUEST` for a trap in the guest's own code), with
/// `message` (copied; NULL gives an empty one). `CM32_TRAP_NONE` makes an error that is not a
/// trap.
///
/// # Safety
/// `message` is NULL or a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_trap_new(class: cm32_trap_class, message: *const c_char) -> *mut cm32_error {
    let text = if message.is_null() {
        String::new()
    } else {
        unsafe { std::ffi::CStr::from_ptr(message) }.to_string_lossy().into_owned()
    };
    match class.class() {
        Some(class) => Box::into_raw(cm32_error::trap(Trap::new(class, text))),
        None => cm32_error::raw(text),
    }
}

/// The error's message, NUL-terminated, valid until the error is deleted. A trap's message
/// starts with `trap[CLASS]: ` and names the WIT function it happened in.
///
/// # Safety
/// `error` is a live error.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_error_message(error: *const cm32_error) -> *const c_char {
    unsafe { &*error }.message.as_ptr()
}

/// The class of the trap, or `CM32_TRAP_NONE` if the error is not a trap.
///
/// # Safety
/// `error` is a live error.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_error_trap_class(error: *const cm32_error) -> cm32_trap_class {
    match &unsafe { &*error }.trap {
        Some(trap) => cm32_trap_class::of(trap.class),
        None => cm32_trap_class::CM32_TRAP_NONE,
    }
}

/// Whether the error is the guest exiting through `wasi:cli/exit` (not a fault); if so, writes
/// the status to `*status`.
///
/// # Safety
/// `error` is a live error; `status` points to an `int`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_error_exit_status(error: *const cm32_error, status: *mut i32) -> bool {
    match unsafe { &*error }.trap.as_ref().and_then(Trap::exit_status) {
        Some(code) => {
            unsafe { *status = code };
            true
        }
        None => false,
    }
}

/// Frees an error. NULL is ignored.
///
/// # Safety
/// `error` is NULL or a live error, not used again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_error_delete(error: *mut cm32_error) {
    if !error.is_null() {
        drop(unsafe { Box::from_raw(error) });
    }
}
