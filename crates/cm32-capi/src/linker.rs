//! `cm32_engine`, `cm32_linker` and `cm32_wasi_config`: a C engine, the host functions and
//! resources of a world defined in C, WASI 0.2, and the settings of an instance's WASI.

use std::ffi::{c_char, c_void};
use std::sync::Arc;

use cm32_host::{Direction, Linker, Trap, TrapClass, Val};
use cm32_wasi::{DirPerms, FilePerms, WasiCtx, WasiCtxBuilder, WasiView};

use crate::engine::{CEngine, cm32_engine_vtable};
use crate::error::{cm32_error, guard};
use crate::val::{cm32_val, from_c, to_c};
use crate::world::{cm32_world, text};

/// What an instance made through the C API holds: its WASI state and the embedder's pointer.
pub(crate) struct CHost {
    pub(crate) wasi: WasiCtx,
    pub(crate) user: *mut c_void,
}

// The embedder's pointer is used from the thread that calls into the instance; the header says
// so.
unsafe impl Send for CHost {}

impl WasiView for CHost {
    fn wasi(&mut self) -> &mut WasiCtx {
        &mut self.wasi
    }
}

/// A core engine written in C (see `cm32_engine_vtable`).
pub struct cm32_engine {
    pub(crate) engine: CEngine,
}

/// Makes an engine of `vtable` (copied) and `env`; `env_delete` (or NULL) is called with `env`
/// when the engine and everything made with it are gone.
///
/// # Safety
/// `vtable` points to a vtable; `out` to a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_engine_new(
    vtable: *const cm32_engine_vtable,
    env: *mut c_void,
    env_delete: Option<unsafe extern "C" fn(*mut c_void)>,
    out: *mut *mut cm32_engine,
) -> *mut cm32_error {
    guard(|| {
        if vtable.is_null() {
            return cm32_error::raw("`vtable` is NULL");
        }
        match CEngine::new(unsafe { &*vtable }, env, env_delete) {
            Ok(engine) => {
                unsafe { *out = Box::into_raw(Box::new(cm32_engine { engine })) };
                std::ptr::null_mut()
            }
            Err(message) => cm32_error::raw(message),
        }
    })
}

/// Frees an engine handle (linkers and instances made with it keep the engine alive).
///
/// # Safety
/// `engine` is NULL or a live engine, not used again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_engine_delete(engine: *mut cm32_engine) {
    if !engine.is_null() {
        drop(unsafe { Box::from_raw(engine) });
    }
}

/// The host functions and resources of one world, on one engine.
pub struct cm32_linker {
    pub(crate) linker: Linker<CHost, CEngine>,
    pub(crate) engine: CEngine,
}

/// A new linker of `world` on `engine`.
///
/// # Safety
/// `world` and `engine` are live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_linker_new(world: *const cm32_world, engine: *const cm32_engine) -> *mut cm32_linker {
    let world = unsafe { &*world }.world.clone();
    let engine = unsafe { &*engine }.engine.clone();
    Box::into_raw(Box::new(cm32_linker { linker: Linker::new(world), engine }))
}

/// Frees a linker (instances made from it keep what they need).
///
/// # Safety
/// `linker` is NULL or a live linker, not used again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_linker_delete(linker: *mut cm32_linker) {
    if !linker.is_null() {
        drop(unsafe { Box::from_raw(linker) });
    }
}

/// What a host function gets besides its arguments.
pub struct cm32_context {
    pub(crate) user: *mut c_void,
}

/// The pointer the instance was made with (`cm32_instance_new`'s `user_data`).
///
/// # Safety
/// `cx` is the context a host function or destructor was given, during that call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_context_user_data(cx: *const cm32_context) -> *mut c_void {
    unsafe { &*cx }.user
}

/// A host function: `nargs` arguments (borrowed for the call), and, if the WIT function has a
/// result, `result` to fill (cm32 takes it over; build strings and lists with cm32's
/// constructors). Returns NULL, or an error: a trap (`cm32_trap_new`) or any error, which traps
/// the guest with class `CM32_TRAP_HOST`.
pub type cm32_func_callback = Option<
    unsafe extern "C" fn(
        env: *mut c_void,
        cx: *mut cm32_context,
        args: *const cm32_val,
        nargs: usize,
        result: *mut cm32_val,
    ) -> *mut cm32_error,
>;

/// A host resource's destructor, called with the resource's representation when the guest
/// drops its last owning handle. May refuse with an error, which traps the guest.
pub type cm32_dtor_callback =
    Option<unsafe extern "C" fn(env: *mut c_void, cx: *mut cm32_context, rep: u32) -> *mut cm32_error>;

/// The embedder's pointer for a callback, and what frees it once nothing can call it.
pub(crate) struct Env {
    pub(crate) env: *mut c_void,
    pub(crate) finalizer: Option<unsafe extern "C" fn(*mut c_void)>,
}

// As for the engine: the header asks that callbacks be callable from the thread using the
// instance.
unsafe impl Send for Env {}
unsafe impl Sync for Env {}

impl Drop for Env {
    fn drop(&mut self) {
        if let Some(finalizer) = self.finalizer {
            unsafe { finalizer(self.env) }
        }
    }
}

/// Takes an error a callback returned as a trap.
fn callback_trap(error: *mut cm32_error, wit: &str) -> Trap {
    unsafe { cm32_error::take_trap(error, TrapClass::Host) }.in_func(wit)
}

/// Defines the imported function `name` (`iface#fn`, the interface's version optional; or a
/// world-level name) with `callback`. `env` is passed to each call; `finalizer` (or NULL) is
/// called with it when the function can no longer be called.
///
/// # Safety
/// `linker` is live; `name` is a NUL-terminated string; `callback` and `finalizer` keep the
/// contract of their types.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_linker_define(
    linker: *mut cm32_linker,
    name: *const c_char,
    callback: cm32_func_callback,
    env: *mut c_void,
    finalizer: Option<unsafe extern "C" fn(*mut c_void)>,
) -> *mut cm32_error {
    // Shared, so that the closure holds the whole (Send) `Env` rather than its raw pointer.
    let env = Arc::new(Env { env, finalizer });
    guard(move || {
        let linker = unsafe { &mut *linker };
        let name = match unsafe { text(name, "name") } {
            Ok(name) => name,
            Err(e) => return e,
        };
        let Some(callback) = callback else { return cm32_error::raw("`callback` is NULL") };
        let world = linker.linker.world().clone();
        let Some(idx) = world.find_func(Direction::Import, name) else {
            // The linker names what the world has.
            let e = linker.linker.define(name, |_, _, _| Ok(())).err();
            return cm32_error::raw(e.map(|e| e.to_string()).unwrap_or_else(|| format!("no import `{name}`")));
        };
        let plan = world.func(idx).clone();
        let host = move |cx: &mut cm32_host::HostCx<'_, CHost>, args: &[Val], result: &mut Option<Val>| {
            let types = world.types();
            let mut c_args = Vec::with_capacity(args.len());
            for (arg, ty) in args.iter().zip(&plan.param_types) {
                match to_c(arg, *ty, types) {
                    Ok(value) => c_args.push(value),
                    Err(e) => {
                        free_all(&mut c_args);
                        return Err(Trap::new(TrapClass::Host, e));
                    }
                }
            }
            let mut c_result = cm32_val::empty();
            let mut context = cm32_context { user: cx.data.user };
            let result_slot = if plan.result.is_some() { &mut c_result as *mut cm32_val } else { std::ptr::null_mut() };
            let error = unsafe { callback(env.env, &mut context, c_args.as_ptr(), c_args.len(), result_slot) };
            free_all(&mut c_args);
            if !error.is_null() {
                unsafe { crate::val::cm32_val_delete(&mut c_result) };
                return Err(callback_trap(error, &plan.wit));
            }
            if let Some(ty) = plan.result {
                let lifted = unsafe { from_c(&c_result, ty, types, "the result") };
                unsafe { crate::val::cm32_val_delete(&mut c_result) };
                *result = Some(lifted.map_err(|e| Trap::new(TrapClass::Host, e).in_func(&plan.wit))?);
            }
            Ok(())
        };
        match linker.linker.define(name, host) {
            Ok(_) => std::ptr::null_mut(),
            Err(e) => cm32_error::raw(e.to_string()),
        }
    })
}

fn free_all(values: &mut [cm32_val]) {
    for value in values {
        unsafe { crate::val::cm32_val_delete(value) };
    }
}

/// Gives the imported resource `name` (`iface#resource`) a destructor (`dtor`, or NULL for
/// none); `env` and `finalizer` as for `cm32_linker_define`.
///
/// # Safety
/// As for `cm32_linker_define`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_linker_resource(
    linker: *mut cm32_linker,
    name: *const c_char,
    dtor: cm32_dtor_callback,
    env: *mut c_void,
    finalizer: Option<unsafe extern "C" fn(*mut c_void)>,
) -> *mut cm32_error {
    let env = Arc::new(Env { env, finalizer });
    guard(move || {
        let linker = unsafe { &mut *linker };
        let name = match unsafe { text(name, "name") } {
            Ok(name) => name.to_string(),
            Err(e) => return e,
        };
        let wit = name.clone();
        let defined = linker.linker.resource(&name, move |host: &mut CHost, rep: u32| {
            let Some(dtor) = dtor else { return Ok(()) };
            let mut context = cm32_context { user: host.user };
            let error = unsafe { dtor(env.env, &mut context, rep) };
            if error.is_null() { Ok(()) } else { Err(callback_trap(error, &wit)) }
        });
        match defined {
            Ok(_) => std::ptr::null_mut(),
            Err(e) => cm32_error::raw(e.to_string()),
        }
    })
}

/// Defines every WASI 0.2 function the linker's world imports (each instance gets the WASI
/// settings of its `cm32_wasi_config`).
///
/// # Safety
/// `linker` is live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_linker_add_wasi(linker: *mut cm32_linker) -> *mut cm32_error {
    guard(|| match cm32_wasi::add_to_linker(&mut unsafe { &mut *linker }.linker) {
        Ok(()) => std::ptr::null_mut(),
        Err(e) => cm32_error::raw(format!("cannot define WASI: {e}")),
    })
}

/// An instance's WASI: arguments, environment, standard streams and directories. Nothing is
/// inherited unless asked for: no arguments, no variables, stdin empty, stdout and stderr
/// discarded.
#[derive(Default)]
pub struct cm32_wasi_config {
    args: Vec<String>,
    env: Vec<(String, String)>,
    inherit_stdio: bool,
    /// Host directory, guest name, read-only.
    dirs: Vec<(String, String, bool)>,
}

/// A new WASI configuration.
#[unsafe(no_mangle)]
pub extern "C" fn cm32_wasi_config_new() -> *mut cm32_wasi_config {
    Box::into_raw(Box::default())
}

/// Frees a configuration that was not given to `cm32_instance_new`. NULL is ignored.
///
/// # Safety
/// `config` is NULL or live, not used again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_wasi_config_delete(config: *mut cm32_wasi_config) {
    if !config.is_null() {
        drop(unsafe { Box::from_raw(config) });
    }
}

impl cm32_wasi_config {
    /// The WASI state this configuration describes; fails if a directory cannot be opened.
    pub(crate) fn build(&self) -> Result<WasiCtx, String> {
        let mut builder = WasiCtxBuilder::default().args(self.args.iter().cloned());
        if self.inherit_stdio {
            builder = builder.inherit_stdio();
        }
        for (key, value) in &self.env {
            builder = builder.env(key, value);
        }
        for (host, guest, read_only) in &self.dirs {
            let (dir_perms, file_perms) =
                if *read_only { (DirPerms::READ, FilePerms::READ) } else { (DirPerms::all(), FilePerms::all()) };
            builder = builder
                .preopened_dir(host, guest.clone(), dir_perms, file_perms)
                .map_err(|e| format!("cannot open the host directory `{host}` (for the guest's `{guest}`): {e}"))?;
        }
        Ok(builder.build())
    }
}

/// Adds an argument (the first is the program's name, as in `argv`).
///
/// # Safety
/// `config` is live; `arg` a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_wasi_config_arg(config: *mut cm32_wasi_config, arg: *const c_char) -> *mut cm32_error {
    match unsafe { text(arg, "arg") } {
        Ok(arg) => {
            unsafe { &mut *config }.args.push(arg.to_string());
            std::ptr::null_mut()
        }
        Err(e) => e,
    }
}

/// Sets an environment variable.
///
/// # Safety
/// `config` is live; `key` and `value` NUL-terminated strings.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_wasi_config_env(
    config: *mut cm32_wasi_config,
    key: *const c_char,
    value: *const c_char,
) -> *mut cm32_error {
    match (unsafe { text(key, "key") }, unsafe { text(value, "value") }) {
        (Ok(key), Ok(value)) => {
            unsafe { &mut *config }.env.push((key.to_string(), value.to_string()));
            std::ptr::null_mut()
        }
        (Err(e), _) | (_, Err(e)) => e,
    }
}

/// Gives the guest this process's stdin, stdout and stderr.
///
/// # Safety
/// `config` is live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_wasi_config_inherit_stdio(config: *mut cm32_wasi_config) {
    unsafe { &mut *config }.inherit_stdio = true;
}

/// Offers the host directory `host` to the guest as `guest`, read-only if `read_only`; the
/// guest cannot reach outside it. The directory is opened when an instance is made.
///
/// # Safety
/// `config` is live; `host` and `guest` NUL-terminated strings.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_wasi_config_preopen_dir(
    config: *mut cm32_wasi_config,
    host: *const c_char,
    guest: *const c_char,
    read_only: bool,
) -> *mut cm32_error {
    match (unsafe { text(host, "host") }, unsafe { text(guest, "guest") }) {
        (Ok(host), Ok(guest)) => {
            unsafe { &mut *config }.dirs.push((host.to_string(), guest.to_string(), read_only));
            std::ptr::null_mut()
        }
        (Err(e), _) | (_, Err(e)) => e,
    }
}
