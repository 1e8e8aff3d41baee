//! `cm32_world`: a WIT world loaded for hosting, its build target, and checking a module
//! against it.

use std::ffi::{CStr, c_char};
use std::path::Path;
use std::sync::Arc;

use cm32_abi::{CheckOptions, Mangling, ManglingChoice};
use cm32_host::World;

use crate::error::{cm32_error, guard};

/// A world, ready to link modules against. Shared by the linkers made from it; freed with
/// `cm32_world_delete`.
pub struct cm32_world {
    pub(crate) world: Arc<World>,
}

/// A string cm32 made, NUL-terminated; freed with `cm32_string_delete`.
pub type cm32_string = c_char;

/// A NUL-terminated argument as a str, or an error naming it.
pub(crate) unsafe fn text<'a>(arg: *const c_char, name: &str) -> Result<&'a str, *mut cm32_error> {
    if arg.is_null() {
        return Err(cm32_error::raw(format!("`{name}` is NULL")));
    }
    unsafe { CStr::from_ptr(arg) }.to_str().map_err(|_| cm32_error::raw(format!("`{name}` is not UTF-8")))
}

/// Like [`text`], where NULL means none.
unsafe fn optional_text<'a>(arg: *const c_char, name: &str) -> Result<Option<&'a str>, *mut cm32_error> {
    if arg.is_null() { Ok(None) } else { unsafe { text(arg, name) }.map(Some) }
}

/// Bytes given by pointer and length.
pub(crate) unsafe fn bytes<'a>(ptr: *const u8, len: usize) -> &'a [u8] {
    if ptr.is_null() || len == 0 { &[] } else { unsafe { std::slice::from_raw_parts(ptr, len) } }
}

fn finish(loaded: Result<cm32_abi::LoadedWorld, String>, out: *mut *mut cm32_world) -> *mut cm32_error {
    let world = loaded.and_then(|loaded| World::new(loaded).map_err(|e| e.to_string()));
    match world {
        Ok(world) => {
            unsafe { *out = Box::into_raw(Box::new(cm32_world { world: Arc::new(world) })) };
            std::ptr::null_mut()
        }
        Err(message) => cm32_error::raw(message),
    }
}

/// Loads the world `world` (NULL: the package's only world) from the WIT at `path`: a `.wit`
/// file, a directory with a `deps/` folder, or an encoded WIT package. The WASI 0.2 packages are
/// built in, for worlds that name them without shipping them.
///
/// # Safety
/// `path` is a NUL-terminated string, `world` NULL or one; `out` points to a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_world_load(
    path: *const c_char,
    world: *const c_char,
    out: *mut *mut cm32_world,
) -> *mut cm32_error {
    guard(|| {
        let path = match unsafe { text(path, "path") } {
            Ok(path) => path,
            Err(e) => return e,
        };
        let name = match unsafe { optional_text(world, "world") } {
            Ok(name) => name,
            Err(e) => return e,
        };
        let loaded = cm32_abi::load_world(Path::new(path), name, &Default::default())
            .map_err(|e| format!("cannot load a world from {path}: {e}"));
        finish(loaded, out)
    })
}

/// Like `cm32_world_load`, for WIT text (`len` bytes, not NUL-terminated) held in memory.
///
/// # Safety
/// `wit` points to `len` bytes; `world` is NULL or a NUL-terminated string; `out` points to a
/// pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_world_parse(
    wit: *const c_char,
    len: usize,
    world: *const c_char,
    out: *mut *mut cm32_world,
) -> *mut cm32_error {
    guard(|| {
        let Ok(wit) = std::str::from_utf8(unsafe { bytes(wit as *const u8, len) }) else {
            return cm32_error::raw("the WIT text is not UTF-8");
        };
        let name = match unsafe { optional_text(world, "world") } {
            Ok(name) => name,
            Err(e) => return e,
        };
        let loaded = cm32_abi::load_world_str(Path::new("<wit>"), wit, name, &Default::default())
            .map_err(|e| format!("cannot load a world from the WIT text: {e}"));
        finish(loaded, out)
    })
}

/// The world `wasi:cli/command` of WASI 0.2, built in: what `cm32_linker_add_wasi` defines and
/// `cm32_instance_run_command` runs.
///
/// # Safety
/// `out` points to a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_world_wasi_command(out: *mut *mut cm32_world) -> *mut cm32_error {
    guard(|| match cm32_wasi::command_world() {
        Ok(world) => {
            unsafe { *out = Box::into_raw(Box::new(cm32_world { world })) };
            std::ptr::null_mut()
        }
        Err(e) => cm32_error::raw(format!("cannot load the built-in wasi:cli/command world: {e}")),
    })
}

/// Frees a world (linkers made from it keep their own reference). NULL is ignored.
///
/// # Safety
/// `world` is NULL or a live world, not used again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_world_delete(world: *mut cm32_world) {
    if !world.is_null() {
        drop(unsafe { Box::from_raw(world) });
    }
}

/// The mangling of a target's names.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum cm32_mangling {
    /// The `cm32p2` names of the core module build target.
    CM32_MANGLING_STANDARD,
    /// The legacy names today's toolchains emit.
    CM32_MANGLING_LEGACY,
}

/// The world's core module build target, as the WAT text `cm32 target` prints: every import and
/// export with its core type. Writes a new string to `*out`.
///
/// # Safety
/// `world` is a live world; `out` points to a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_world_target(
    world: *const cm32_world,
    mangling: cm32_mangling,
    out: *mut *mut cm32_string,
) -> *mut cm32_error {
    guard(|| {
        let world = unsafe { &*world };
        let mangling = match mangling {
            cm32_mangling::CM32_MANGLING_STANDARD => Mangling::Standard,
            cm32_mangling::CM32_MANGLING_LEGACY => Mangling::Legacy,
        };
        let text = cm32_abi::render::to_wat(world.world.target(mangling));
        unsafe { *out = new_string(text) };
        std::ptr::null_mut()
    })
}

/// A string for C, from cm32's heap.
pub(crate) fn new_string(text: String) -> *mut cm32_string {
    std::ffi::CString::new(text.replace('\0', "\u{fffd}")).unwrap_or_default().into_raw()
}

/// Checks a core module (`len` bytes) against the world's target, in either mangling (as
/// `cm32 check` does). Returns NULL if it keeps to the target, else an error whose message lists
/// every violation.
///
/// # Safety
/// `world` is a live world; `wasm` points to `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_world_check(world: *const cm32_world, wasm: *const u8, len: usize) -> *mut cm32_error {
    guard(|| {
        let world = unsafe { &*world };
        let wasm = unsafe { bytes(wasm, len) };
        let interface = match cm32_abi::module::read_interface(wasm) {
            Ok(interface) => interface,
            Err(e) => return cm32_error::raw(format!("the module cannot be read: {e}")),
        };
        // The world derives (and keeps) its targets once; checking reads them.
        let (standard, legacy) = (world.world.target(Mangling::Standard), world.world.target(Mangling::Legacy));
        let options = CheckOptions { mangling: ManglingChoice::Auto, require_all_exports: false };
        let report = cm32_abi::check_module(&interface, standard, legacy, options);
        if report.conforms() {
            return std::ptr::null_mut();
        }
        cm32_error::raw(cm32_abi::render::check_text(&report, "the module", world.world.name()))
    })
}

/// Frees a string cm32 made. NULL is ignored.
///
/// # Safety
/// `string` is NULL or a string from cm32, not used again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_string_delete(string: *mut cm32_string) {
    if !string.is_null() {
        drop(unsafe { std::ffi::CString::from_raw(string) });
    }
}
