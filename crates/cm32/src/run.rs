//! `cm32 run`: a `wasi:cli/command` program on wasmi (default) or wasmtime's core API.

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context as _, Result, anyhow, bail};
use cm32_host::engine::Engine;
use cm32_host::{CallError, Compiled, Linker, TrapClass, WasmiEngine, WasmtimeEngine};
use cm32_wasi::{DirPerms, FilePerms, NameLookup, WasiCtx, WasiCtxBuilder, add_to_linker, command_world};

use crate::{CacheArgs, EXIT_INPUT, EngineArg, RunArgs};

/// Like a process killed by SIGABRT, as wasmtime reports a trap.
const EXIT_TRAP: u8 = 134;

/// The program's bytes as cm32 runs them: a preview1 module becomes the component the preview1
/// command adapter makes of it.
fn load(file: &Path) -> Result<Vec<u8>> {
    let mut wasm = wat::parse_file(file).map_err(|e| anyhow!("{e}"))?;
    if !wasmparser::Parser::is_component(&wasm) && cm32_abi::component::imports_preview1(&wasm) {
        wasm = cm32_abi::component::from_preview1_command(&wasm)
            .with_context(|| format!("{} imports WASI preview1", file.display()))?;
    }
    Ok(wasm)
}

/// `cm32 compile`: link the program as `cm32 run` would, on wasmtime with the cache on.
pub(crate) fn compile(file: &Path, cache: &CacheArgs) -> Result<ExitCode> {
    let wasm = load(file)?;
    let Some(dir) = cache.dir() else {
        bail!("there is no cache to compile into: --no-cache was given, or there is no home (give --cache-dir DIR)")
    };
    let linker = wasi_linker::<WasmtimeEngine>()?;
    let engine = WasmtimeEngine::default().with_code_cache(&dir);
    linker.instantiate_pre(&engine, &wasm).with_context(|| format!("cannot compile {}", file.display()))?;
    println!("compiled {} into {}", file.display(), dir.display());
    Ok(ExitCode::SUCCESS)
}

/// The linker of `wasi:cli/command`.
fn wasi_linker<E: Engine>() -> Result<Linker<WasiCtx, E>> {
    let world = command_world().context("cannot load the embedded wasi:cli/command world")?;
    let mut linker = Linker::new(world);
    add_to_linker(&mut linker).context("cannot define WASI")?;
    Ok(linker)
}

pub(crate) fn run(args: RunArgs) -> Result<ExitCode> {
    let wasm = load(&args.file)?;

    let lookup = if args.no_ip_name_lookup {
        NameLookup::Off
    } else if args.allow_ip_name_lookup || args.allow_outbound {
        NameLookup::Any
    } else {
        NameLookup::Local
    };
    let mut wasi = WasiCtxBuilder::default()
        .inherit_stdio()
        .allow_outbound(args.allow_outbound)
        .allow_tcp(!args.no_tcp)
        .allow_udp(!args.no_udp)
        .ip_name_lookup(lookup)
        .max_resources(args.max_resources);
    if let Some(cwd) = &args.cwd {
        wasi = wasi.initial_cwd(cwd);
    }
    let argv0 = args.file.display().to_string();
    wasi = wasi.args(std::iter::once(argv0).chain(args.args.iter().cloned()));
    if args.inherit_env {
        for (key, value) in std::env::vars() {
            wasi = wasi.env(key, value);
        }
    }
    for var in &args.env {
        match var.split_once('=') {
            Some((key, value)) => wasi = wasi.env(key, value),
            None => match std::env::var(var) {
                Ok(value) => wasi = wasi.env(var, value),
                Err(_) => bail!("--env {var}: the host has no variable `{var}` to pass on (write --env {var}=VALUE)"),
            },
        }
    }

    for dir in &args.dirs {
        let (host, guest, read_only) = parse_dir(dir)?;
        let (dir_perms, file_perms) =
            if read_only { (DirPerms::READ, FilePerms::READ) } else { (DirPerms::all(), FilePerms::all()) };
        wasi = wasi
            .preopened_dir(host, guest, dir_perms, file_perms)
            .with_context(|| format!("--dir {dir}: cannot open the host directory `{host}`"))?;
    }

    let limits = crate::limits::parse(&args.limits)?;
    // Counting fuel or time costs every instruction a little: only when a limit asks for it.
    let options = limits.engine_options();
    match args.engine {
        EngineArg::Wasmi => run_on(&WasmiEngine::with_options(options), limits, &wasm, wasi, &args),
        EngineArg::Wasmtime => {
            let mut engine = WasmtimeEngine::with_options(options);
            if let Some(dir) = args.cache.dir() {
                engine = engine.with_code_cache(dir);
            }
            run_on(&engine, limits, &wasm, wasi, &args)
        }
    }
}

/// `HOST`, `HOST::GUEST` or `HOST::GUEST::ro`: the host directory, the guest's name for it, and
/// whether it is read-only.
fn parse_dir(dir: &str) -> Result<(&str, &str, bool)> {
    let parts: Vec<&str> = dir.split("::").collect();
    match parts[..] {
        [host] if !host.is_empty() => Ok((host, host, false)),
        [host, guest] if !host.is_empty() && !guest.is_empty() => Ok((host, guest, false)),
        [host, guest, "ro"] if !host.is_empty() && !guest.is_empty() => Ok((host, guest, true)),
        [_, _, option] => bail!(
            "--dir {dir}: unknown option `{option}` after the second `::`; the one option is `ro` \
             (read-only), as in --dir {}::{}::ro",
            parts[0],
            parts[1]
        ),
        _ => bail!("--dir {dir}: expected HOST, HOST::GUEST or HOST::GUEST::ro"),
    }
}

fn run_on<E: Engine>(
    engine: &E,
    limits: cm32_host::Limits,
    wasm: &[u8],
    wasi: WasiCtxBuilder,
    args: &RunArgs,
) -> Result<ExitCode> {
    // The program compiles (or leaves the code cache) on a thread of its own while WASI's world
    // and host functions are built here: neither needs the other until they are linked.
    let compile = || Compiled::new(engine, wasm);
    let (linker, compiled) = std::thread::scope(|scope| {
        let compiling = std::thread::Builder::new().spawn_scoped(scope, compile).ok();
        let linker = wasi_linker::<E>();
        let compiled = match compiling {
            Some(thread) => thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            // The OS gave no thread: one after the other (the closure is a copy).
            None => compile(),
        };
        (linker, compiled)
    });
    let mut linker = linker?;
    linker.allow_unknown_imports(args.trap_unknown_imports).limits(limits);
    let instantiated =
        compiled.and_then(|compiled| linker.link(&compiled)).and_then(|pre| pre.instantiate(wasi.build()));
    let mut instance = match instantiated {
        Ok(instance) => instance,
        Err(cm32_host::LinkError::Instantiate(cm32_host::engine::InstantiateError::Trap(trap))) => {
            return Ok(ExitCode::from(report_trap(&trap, args)));
        }
        Err(e @ cm32_host::LinkError::Violations { .. }) => {
            let provided = linker.provided().join("\n    ");
            return Err(anyhow!("{e}cm32 provides:\n    {provided}"))
                .context(format!("cannot link {}", args.file.display()));
        }
        Err(e @ cm32_host::LinkError::MissingImports { .. }) => {
            return Err(anyhow!(
                "{e}\nhint: --trap-unknown-imports runs it anyway; a missing function traps if it is called"
            ))
            .context(format!("cannot link {}", args.file.display()));
        }
        Err(e) => return Err(anyhow!(e).context(format!("cannot link {}", args.file.display()))),
    };
    let run = instance
        .typed_func::<(), Result<(), ()>>("wasi:cli/run#run")
        .map_err(|e| anyhow!("{} is not a wasi:cli/command program: {e}", args.file.display()))?;
    let status = match run.call(&mut instance, ()) {
        Ok(Ok(())) => 0,
        Ok(Err(())) => 1,
        Err(CallError::Trap(trap)) => report_trap(&trap, args),
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_INPUT
        }
    };
    // The program has run: the process ends here, without tearing down the store, the code and
    // the linker one allocation at a time (a tenth of a hello world's run). What the program
    // wrote is already with the OS; std's own buffers are flushed.
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    std::process::exit(status.into())
}

/// Says why the program trapped, and gives the exit status for it.
fn report_trap(trap: &cm32_host::Trap, args: &RunArgs) -> u8 {
    if let Some(status) = trap.exit_status() {
        return status.clamp(0, 255) as u8;
    }
    eprintln!("error: the program trapped: {trap}");
    let message = trap.message();
    let hint = match trap.class {
        TrapClass::Fuel => Some("-W fuel=N gives it more fuel".to_string()),
        TrapClass::Deadline => Some("-W timeout=DURATION gives it more time".to_string()),
        TrapClass::Limit if message.contains("max-memory-size=") => {
            Some("-W max-memory-size=BYTES raises the limit".to_string())
        }
        TrapClass::Limit if message.contains("max-table-elements=") => {
            Some("-W max-table-elements=N raises the limit".to_string())
        }
        TrapClass::Limit if message.contains("max-handles=") => Some("-W max-handles=N raises the limit".to_string()),
        TrapClass::Limit => Some(format!("--max-resources N raises the limit (it was {})", args.max_resources)),
        _ => None,
    };
    if let Some(hint) = hint {
        eprintln!("hint: {hint}");
    }
    EXIT_TRAP
}
