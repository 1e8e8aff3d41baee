//! cm32's C API: WIT worlds, the Canonical ABI and WASI 0.2 for core WebAssembly engines written
//! in C (wasm3, WAMR, ...). `include/cm32.h` is generated from this crate by cbindgen.
//!
//! Two sides meet here:
//! - the engine's (`engine`): a C engine fills a `cm32_engine_vtable` (compile, stores,
//!   instantiate, exports, calls, memory) and calls `cm32_host_func_call` from its host
//!   functions; cm32 does the Canonical ABI around it;
//! - the embedder's: worlds (`world`), host functions and resources over `cm32_val` trees, WASI
//!   (`linker`), instances and their exports (`instance`).
//!
//! Every function reports failure as a `cm32_error` (`error`), never by unwinding: a panic is
//! caught at the boundary and becomes an error.
//!
//! Threads: an engine, and the linkers, instances and stores made with it, are used from one
//! thread at a time. Different engines may be used on different threads at once.

#![allow(non_camel_case_types)]

mod engine;
mod error;
mod fast;
mod instance;
mod linker;
mod val;
mod world;

pub use engine::*;
pub use error::*;
pub use fast::*;
pub use instance::*;
pub use linker::*;
pub use val::*;
pub use world::*;

/// wasm3 0.5.2, built into this library (`include/cm32_wasm3.h`), as an engine for Rust code:
/// the same C engine a C program gets from `cm32_wasm3_engine_new`, through the same vtable.
/// `stack_bytes` is each store's wasm3 stack (0: 1 MiB).
#[cfg(feature = "wasm3")]
pub fn wasm3_engine(stack_bytes: usize) -> Result<CEngine, String> {
    // Declared with opaque pointers: both are this crate's own types, made and taken back here.
    unsafe extern "C" {
        fn cm32_wasm3_engine_new(stack_bytes: usize, out: *mut *mut std::ffi::c_void) -> *mut std::ffi::c_void;
    }
    let mut engine = std::ptr::null_mut();
    let error = unsafe { cm32_wasm3_engine_new(stack_bytes, &mut engine) } as *mut cm32_error;
    if !error.is_null() {
        return Err(unsafe { cm32_error::take_message(error) });
    }
    Ok(unsafe { Box::from_raw(engine as *mut cm32_engine) }.engine)
}
