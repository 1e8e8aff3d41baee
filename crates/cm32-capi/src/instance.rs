//! `cm32_instance`: a module or component instantiated through a linker, its exports called
//! with `cm32_val` trees, and `wasi:cli/command` programs run to their exit status.

use std::ffi::{c_char, c_void};

use cm32_host::{CallError, Direction, Instance, LinkError};

use crate::engine::CEngine;
use crate::error::{cm32_error, guard};
use crate::linker::{CHost, cm32_linker, cm32_wasi_config};
use crate::val::{cm32_val, from_c, to_c};
use crate::world::{bytes, text};

/// A running instance of a core module or component, with its own store in the C engine.
pub struct cm32_instance {
    instance: Instance<CHost, CEngine>,
}

fn link_error(e: LinkError) -> *mut cm32_error {
    match e {
        LinkError::Instantiate(cm32_host::engine::InstantiateError::Trap(trap)) => {
            Box::into_raw(cm32_error::trap(trap))
        }
        e => cm32_error::raw(e.to_string()),
    }
}

fn call_error(e: CallError) -> *mut cm32_error {
    match e {
        CallError::Trap(trap) => Box::into_raw(cm32_error::trap(trap)),
        e => cm32_error::raw(e.to_string()),
    }
}

/// Checks `wasm` (`len` bytes: a core module of the world's target, in either mangling, a
/// component, or a WASI preview1 command module, which runs through the preview1 adapter as for
/// `cm32 run`) against the linker's world, compiles it with the engine, instantiates it and runs
/// its initializer. `wasi` (or NULL for none) is taken over and freed, whatever happens;
/// `user_data` is what `cm32_context_user_data` gives the host functions.
///
/// # Safety
/// `linker` is live; `wasm` points to `len` bytes; `wasi` is NULL or a live configuration;
/// `out` points to a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_instance_new(
    linker: *const cm32_linker,
    wasm: *const u8,
    len: usize,
    wasi: *mut cm32_wasi_config,
    user_data: *mut c_void,
    out: *mut *mut cm32_instance,
) -> *mut cm32_error {
    let config = if wasi.is_null() { None } else { Some(unsafe { Box::from_raw(wasi) }) };
    guard(move || {
        let linker = unsafe { &*linker };
        let wasi = match config.map(|c| c.build()).transpose() {
            Ok(wasi) => wasi.unwrap_or_else(|| cm32_wasi::WasiCtxBuilder::default().build()),
            Err(message) => return cm32_error::raw(message),
        };
        let host = CHost { wasi, user: user_data };
        let mut wasm = std::borrow::Cow::Borrowed(unsafe { bytes(wasm, len) });
        // A preview1 module runs as the component the preview1 command adapter makes of it, as
        // for `cm32 run`.
        if !wasmparser::Parser::is_component(&wasm) && cm32_abi::component::imports_preview1(&wasm) {
            match cm32_abi::component::from_preview1_command(&wasm) {
                Ok(component) => wasm = std::borrow::Cow::Owned(component),
                Err(e) => return cm32_error::raw(format!("the module imports WASI preview1: {e}")),
            }
        }
        let made = linker.linker.instantiate_pre(&linker.engine, &wasm);
        match made.and_then(|pre| pre.instantiate(host)) {
            Ok(instance) => {
                unsafe { *out = Box::into_raw(Box::new(cm32_instance { instance })) };
                std::ptr::null_mut()
            }
            Err(e) => link_error(e),
        }
    })
}

/// Frees an instance: its store, and with it the engine's store. NULL is ignored.
///
/// # Safety
/// `instance` is NULL or live, not used again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_instance_delete(instance: *mut cm32_instance) {
    if !instance.is_null() {
        drop(unsafe { Box::from_raw(instance) });
    }
}

/// Calls the export `name` (`iface#fn` or a world-level name) with `nargs` arguments (only
/// read). If the function has a result, writes it to `*result` (free it with
/// `cm32_val_delete`) and sets `*has_result`. A trap poisons the instance: later calls fail
/// with `CM32_TRAP_POISONED`.
///
/// # Safety
/// `instance` is live; `name` NUL-terminated; `args` points to `nargs` values; `result` and
/// `has_result` point to a value and a bool.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_instance_call(
    instance: *mut cm32_instance,
    name: *const c_char,
    args: *const cm32_val,
    nargs: usize,
    result: *mut cm32_val,
    has_result: *mut bool,
) -> *mut cm32_error {
    guard(|| {
        let instance = &mut unsafe { &mut *instance }.instance;
        let name = match unsafe { text(name, "name") } {
            Ok(name) => name,
            Err(e) => return e,
        };
        let world = instance.world();
        let Some(idx) = world.find_func(Direction::Export, name) else {
            // The instance's own lookup says what the world exports.
            return match instance.func(name) {
                Err(e) => call_error(e),
                Ok(_) => cm32_error::raw(format!("the world has no exported function `{name}`")),
            };
        };
        let plan = world.func(idx).clone();
        if nargs != plan.params.len() {
            return cm32_error::raw(format!("`{name}` takes {} arguments; {nargs} were given", plan.params.len()));
        }
        let c_args = if nargs == 0 { &[][..] } else { unsafe { std::slice::from_raw_parts(args, nargs) } };
        let mut vals = Vec::with_capacity(nargs);
        for (i, (arg, (param, ty))) in c_args.iter().zip(&plan.params).enumerate() {
            match unsafe { from_c(arg, *ty, world.types(), &format!("argument {i} (`{param}`)")) } {
                Ok(val) => vals.push(val),
                Err(message) => return cm32_error::raw(format!("`{name}`: {message}")),
            }
        }
        let returned = match instance.call(name, &vals) {
            Ok(returned) => returned,
            Err(e) => return call_error(e),
        };
        unsafe { *has_result = false };
        if let (Some(value), Some(ty)) = (returned, plan.result) {
            match to_c(&value, ty, instance.world().types()) {
                Ok(c) => unsafe {
                    *result = c;
                    *has_result = true;
                },
                Err(message) => return cm32_error::raw(message),
            }
        }
        std::ptr::null_mut()
    })
}

/// Runs a `wasi:cli/command` program: calls its `wasi:cli/run#run` and writes the exit status
/// to `*status` (0, 1 for `run` returning an error, or what the program passed to
/// `wasi:cli/exit`). A trap is an error (and no status).
///
/// # Safety
/// `instance` is live; `status` points to an `int`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_instance_run_command(instance: *mut cm32_instance, status: *mut i32) -> *mut cm32_error {
    guard(|| {
        let instance = &mut unsafe { &mut *instance }.instance;
        let run = match instance.typed_func::<(), Result<(), ()>>("wasi:cli/run#run") {
            Ok(run) => run,
            Err(e) => return cm32_error::raw(format!("not a wasi:cli/command program: {e}")),
        };
        let code = match run.call(instance, ()) {
            Ok(Ok(())) => 0,
            Ok(Err(())) => 1,
            Err(CallError::Trap(trap)) => match trap.exit_status() {
                Some(code) => code,
                None => return Box::into_raw(cm32_error::trap(trap)),
            },
            Err(e) => return call_error(e),
        };
        unsafe { *status = code };
        std::ptr::null_mut()
    })
}

/// Drops a resource the host holds, as the host's side of `resource.drop`: the owned handle
/// `rep` (the `resource` member of a `CM32_VAL_OWN` that a call gave the host) of the resource
/// type `resource` (`iface#name`). A resource the guest defines runs the guest's destructor, if
/// it exported one; a host resource runs the destructor given to `cm32_linker_resource`. A trap
/// in the destructor poisons the instance, as a trap in a call does.
///
/// # Safety
/// `instance` is live; `resource` NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_instance_drop_resource(
    instance: *mut cm32_instance,
    resource: *const c_char,
    rep: u32,
) -> *mut cm32_error {
    guard(|| {
        let instance = &mut unsafe { &mut *instance }.instance;
        let name = match unsafe { text(resource, "resource") } {
            Ok(name) => name,
            Err(e) => return e,
        };
        let Some(ty) = instance.world().resource_by_name(name) else {
            let known: Vec<&str> = instance.world().types().resources().map(|(_, r)| r.wit.as_str()).collect();
            let known = if known.is_empty() { "none".to_string() } else { known.join(", ") };
            return cm32_error::raw(format!(
                "the world has no resource `{name}` (give it as `iface#name`; the world's resources: {known})"
            ));
        };
        match instance.drop_resource(cm32_host::ResourceAny { ty, rep }) {
            Ok(()) => std::ptr::null_mut(),
            Err(e) => call_error(e),
        }
    })
}
