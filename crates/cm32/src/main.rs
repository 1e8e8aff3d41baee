//! `cm32`: run WIT worlds on plain core WebAssembly engines.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};

use cm32_abi::{CheckOptions, LoadedWorld, Mangling, ManglingChoice, WitOptions, check_module, derive_target};

mod limits;
mod run;
mod serve;

/// Exit status for bad usage or unreadable input, as clap uses for usage errors.
const EXIT_INPUT: u8 = 2;

#[derive(Parser)]
#[command(
    name = "cm32",
    version,
    about = "Run WIT worlds on plain core WebAssembly engines",
    long_about = "cm32 speaks the Component Model's `cm32p2` core module build target: a plain core module \
                  imports and exports WIT functions through the Canonical ABI under agreed names, and any \
                  core engine can run it.\n\n\
                  Start with `cm32 target` to see what a world looks like as a core module, and \
                  `cm32 check` to see whether a module keeps to it.",
    after_help = "Examples:\n  \
                  cm32 target wit/ --world command --format json\n  \
                  cm32 check app.wasm --wit wit/ --world command"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a program built for `wasi:cli/command` on a core engine (wasmi).
    #[command(
        long_about = "Run a program built for `wasi:cli/command`: a component (Rust wasm32-wasip2, \
                      componentize-py, componentize-js, wit-component with the preview1 adapter), a \
                      preview1 core module (wasi-sdk, wasm32-wasip1, Go, Zig: run as the component the \
                      preview1 command adapter makes of it; a failing exit is then status 1), a cm32p2 or \
                      legacy core module, or a .wat file.\n\n\
                      Arguments after FILE go to the program; its argv[0] is FILE as given. Exit status: \
                      the program's (`wasi:cli/exit`), 1 if `run` returns an error, 134 if it traps (the \
                      trap class and WIT function go to stderr), 2 if it cannot be loaded or linked.\n\n\
                      Provided: wasi:cli (environment, exit, stdin, stdout, stderr, terminal-*), wasi:io, \
                      wasi:clocks, wasi:random, wasi:filesystem (through --dir), wasi:sockets (TCP and UDP \
                      on loopback, other addresses with --allow-outbound; name lookup of localhost and \
                      literal addresses, any name with --allow-ip-name-lookup), and the unstable \
                      wasi:sockets/network#network-error-code.\n\n\
                      Coming from `wasmtime run`: each option below names its wasmtime counterpart in \
                      [brackets]. Unlike wasmtime, loopback networking and local name lookup are on by \
                      default.",
        after_help = "Examples:\n  \
                      cm32 run examples/hello.wasm\n  \
                      cm32 run --env NAME=cm32 --env HOME app.wasm -- --verbose input.txt\n  \
                      cm32 run --dir ./data::/data app.wasm /data/input.txt\n  \
                      cm32 run --dir ./assets::/assets::ro --dir ./out::/out --cwd /out app.wasm\n  \
                      cm32 run --no-tcp --no-udp --no-ip-name-lookup --max-resources 1000 untrusted.wasm\n  \
                      cm32 run -W fuel=100000000,timeout=10s,max-memory-size=256M untrusted.wasm\n  \
                      cm32 run --allow-outbound client.wasm example.org 443"
    )]
    Run(RunArgs),
    /// Serve a `wasi:http/proxy` component over HTTP: each request runs in a fresh instance.
    #[command(
        long_about = "Serve HTTP with a component that exports `wasi:http/incoming-handler` (the \
                      `wasi:http/proxy` world): every request gets a fresh instance of it, from code \
                      compiled and linked once, on wasmi (default) or wasmtime's core API.\n\n\
                      A guest that traps, returns without answering or passes a limit gives the client a \
                      500 (504 for `-W timeout`), and the server goes on. SIGINT or SIGTERM stops \
                      accepting connections, lets the requests in flight finish, and exits 0.\n\n\
                      Provided: wasi:http/types, wasi:http/outgoing-handler (HTTP/1.1, plain http only; \
                      loopback, and any address with --allow-outbound), wasi:io, wasi:clocks, \
                      wasi:random, and of wasi:cli stdin (empty), stdout and stderr (the server's), \
                      environment (--env), exit and terminal-*.\n\n\
                      Coming from `wasmtime serve`: the options name their wasmtime counterparts in \
                      [brackets]; wasmtime needs `-S cli` for the wasi:cli imports a Rust guest has, cm32 \
                      offers them always.",
        after_help = "Examples:\n  \
                      cm32 serve guests/http-hello.wasm\n  \
                      cm32 serve --addr 127.0.0.1:3000 --engine wasmtime -W timeout=5s app.wasm\n  \
                      curl http://localhost:8080/"
    )]
    Serve(ServeArgs),
    /// Compile a program's core modules for `cm32 run --engine wasmtime` ahead of time.
    #[command(
        long_about = "Compile every core module of a program with Cranelift, for `cm32 run --engine \
                      wasmtime`, into the cache of compiled code that `cm32 run` reads: the next run \
                      of the program starts without compiling. The program is checked and linked \
                      against wasi:cli/command as `cm32 run` would, so what would not run is refused \
                      here.\n\n\
                      Unlike `wasmtime compile`, which writes a .cwasm file to run with \
                      `--allow-precompiled`, the compiled code goes to the cache, and the program \
                      is still run from its .wasm file: a stale or foreign entry is never loaded, \
                      only compiled again.",
        after_help = "Examples:\n  \
                      cm32 compile app.wasm && cm32 run --engine wasmtime app.wasm\n  \
                      cm32 compile --cache-dir /var/cache/cm32 app.wasm"
    )]
    Compile(CompileArgs),
    /// Print the core module type of a world: every import and export a module built for it may have.
    #[command(
        long_about = "Print the core module type of a world: every import and export, with its core \
                      signature, that a module built for the world may have, and which WIT item each \
                      comes from.\n\n\
                      `--format wat` prints a skeleton module (bodies `unreachable`) that validates; \
                      `--format json` prints {\"imports\":[...],\"exports\":[...]} for scripts (the shape \
                      is documented in the README).",
        after_help = "Examples:\n  \
                      cm32 target my.wit                              # the package's only world, as WAT\n  \
                      cm32 target wit/ --world proxy --format json    # a directory with deps/\n  \
                      cm32 target my.wit --mangling legacy -o skel.wat  # wit-component's names\n\n\
                      WIT that names wasi:*@0.2.x needs no deps/: cm32 embeds WASI 0.2."
    )]
    Target(TargetArgs),
    /// Check a core module against a world's target and report every violation.
    #[command(
        long_about = "Check a core module (.wasm or .wat) against the target of a world and report \
                      every violation: unknown names (with the nearest valid one), wrong signatures, \
                      `_post` without its function, missing memory or realloc, mixed manglings, and \
                      legacy versions no world item matches.\n\n\
                      Without --wit the world comes from the module's `component-type` custom section, \
                      which wit-bindgen embeds.\n\n\
                      Exit status: 0 the module conforms, 1 it has violations, 2 usage or input error.",
        after_help = "Examples:\n  \
                      cm32 check app.wasm                           # world from the module itself\n  \
                      cm32 check app.wat --wit wit/ --world command --format json"
    )]
    Check(CheckArgs),
}

#[derive(Args)]
struct RunArgs {
    /// Give the program a host directory: `HOST` as itself, or `HOST::GUEST` under another name;
    /// add `::ro` (`HOST::GUEST::ro`) to give it read-only. Nothing it opens through it can leave
    /// it (`..`, absolute paths and symlinks out are refused); in a read-only directory, writing,
    /// truncating, creating, renaming, linking and removing are `not-permitted`. [wasmtime:
    /// `--dir HOST::GUEST`; read-only is its proposed `::ro`]
    #[arg(long = "dir", value_name = "HOST[::GUEST[::ro]]")]
    dirs: Vec<String>,
    /// Set an environment variable for the program: `KEY=VALUE`, or `KEY` to pass on the host's.
    #[arg(long = "env", value_name = "KEY[=VALUE]")]
    env: Vec<String>,
    /// Pass on the host's whole environment. [wasmtime: `-S inherit-env`]
    #[arg(long)]
    inherit_env: bool,
    /// What the program is told its working directory is (`wasi:cli/environment#initial-cwd`),
    /// a path as the program sees it, such as a `--dir` GUEST name. Default: none.
    #[arg(long, value_name = "GUEST_PATH")]
    cwd: Option<String>,
    /// Let the program connect, send to and look up addresses other than loopback (loopback always
    /// works). [wasmtime: `-S inherit-network`]
    #[arg(long)]
    allow_outbound: bool,
    /// No TCP: creating a TCP socket is `access-denied`. [wasmtime: `-S tcp=n`]
    #[arg(long)]
    no_tcp: bool,
    /// No UDP: creating a UDP socket is `access-denied`. [wasmtime: `-S udp=n`]
    #[arg(long)]
    no_udp: bool,
    /// Let the program look up any name. Without it, only names that need no network
    /// (`localhost`, literal addresses) resolve and others are `access-denied`.
    /// [wasmtime: `-S allow-ip-name-lookup`]
    #[arg(long, conflicts_with = "no_ip_name_lookup")]
    allow_ip_name_lookup: bool,
    /// No name lookup at all, not even `localhost`: every lookup is `access-denied`.
    /// [wasmtime: its default, without `-S allow-ip-name-lookup`]
    #[arg(long)]
    no_ip_name_lookup: bool,
    /// The most WASI resources (streams, pollables, files, sockets, ...) the program may hold at
    /// once; one more traps. [wasmtime: `-S max-resources=N`]
    #[arg(long, value_name = "N", default_value_t = cm32_wasi::DEFAULT_MAX_RESOURCES)]
    max_resources: usize,
    /// Run even if the program imports functions nothing provides (a JavaScript component's
    /// `wasi:http`, say): each traps if called. [wasmtime: `-W unknown-imports-trap`]
    #[arg(long)]
    trap_unknown_imports: bool,
    /// Bound the program, as wasmtime's `-W` options do: `fuel=N` (instructions, about),
    /// `timeout=DURATION` (`500ms`, `2s`, `1m`; a plain number is seconds),
    /// `max-memory-size=BYTES` (suffixes `K`, `M`, `G` count in 1024s), `max-table-elements=N`,
    /// `max-handles=N` (live resource handles of one component instance). Comma-separated or
    /// repeated. Passing one traps (exit status 134) with a message that names it.
    /// [wasmtime: the same `-W` names, except `max-handles`, which is cm32's; wasmtime's
    /// `max-memory-size` makes growing fail with -1 unless `-W trap-on-grow-failure`]
    #[arg(short = 'W', value_name = "KEY=VALUE[,KEY=VALUE]")]
    limits: Vec<String>,
    #[command(flatten)]
    cache: CacheArgs,
    /// The core engine: `wasmi` (an interpreter, embedded, starts fast) or `wasmtime` (compiles
    /// with Cranelift, runs fast).
    #[arg(long, value_enum, default_value_t = EngineArg::Wasmi)]
    engine: EngineArg,
    /// The program: .wasm (core module or component) or .wat.
    file: PathBuf,
    /// Arguments for the program.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    args: Vec<String>,
}

/// Where `--engine wasmtime` keeps compiled code between runs.
#[derive(Args)]
pub(crate) struct CacheArgs {
    /// Compile every time: neither read nor write the cache of compiled code. [wasmtime: `-C
    /// cache=n`]
    #[arg(long)]
    no_cache: bool,
    /// The cache of compiled code (with `--engine wasmtime`). Default: `$CM32_CACHE_DIR`, else
    /// `$XDG_CACHE_HOME/cm32`, else `~/.cache/cm32`. Each file is one compiled core module,
    /// named by the SHA-256 of its bytes and of how it was compiled; delete any at any time.
    /// [wasmtime: `-C cache-config=FILE`]
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
}

impl CacheArgs {
    /// The cache directory, unless caching is off or there is no home to put it in.
    pub(crate) fn dir(&self) -> Option<PathBuf> {
        if self.no_cache {
            return None;
        }
        let env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
        self.cache_dir
            .clone()
            .or_else(|| env("CM32_CACHE_DIR"))
            .or_else(|| env("XDG_CACHE_HOME").map(|d| d.join("cm32")))
            .or_else(|| env("HOME").map(|d| d.join(".cache").join("cm32")))
    }
}

#[derive(Args)]
pub(crate) struct ServeArgs {
    /// Where to listen. [wasmtime: `--addr`, the same default]
    #[arg(long, value_name = "HOST:PORT", default_value = "0.0.0.0:8080")]
    addr: String,
    /// Set an environment variable for the guest: `KEY=VALUE`, or `KEY` to pass on the host's.
    /// [wasmtime: `--env`]
    #[arg(long = "env", value_name = "KEY[=VALUE]")]
    env: Vec<String>,
    /// Let guests send requests to addresses other than loopback (loopback always works).
    /// [wasmtime: `-S inherit-network`]
    #[arg(long)]
    allow_outbound: bool,
    /// Guests running at once; further requests wait their turn.
    #[arg(long, value_name = "N", default_value_t = 128)]
    max_concurrent: usize,
    /// How long a client may take to send a request's head (method, path and headers); a slower
    /// client's connection is closed, so that trickling headers cannot hold a connection forever.
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = limits::duration_arg)]
    header_timeout: std::time::Duration,
    /// The most WASI and HTTP resources one instance may hold at once; one more traps.
    /// [wasmtime: `-S max-resources=N`]
    #[arg(long, value_name = "N", default_value_t = cm32_wasi::DEFAULT_MAX_RESOURCES)]
    max_resources: usize,
    /// Bound each request's instance, as for `cm32 run`: `fuel=N`, `timeout=DURATION`,
    /// `max-memory-size=BYTES`, `max-table-elements=N`, `max-handles=N`. A request whose guest
    /// passes one gets a 500 (a 504 for `timeout`). [wasmtime: the same `-W` names]
    #[arg(short = 'W', value_name = "KEY=VALUE[,KEY=VALUE]")]
    limits: Vec<String>,
    #[command(flatten)]
    cache: CacheArgs,
    /// The core engine: `wasmi` (an interpreter) or `wasmtime` (compiles with Cranelift).
    #[arg(long, value_enum, default_value_t = EngineArg::Wasmi)]
    engine: EngineArg,
    /// The component: .wasm or .wat.
    file: PathBuf,
}

#[derive(Args)]
struct CompileArgs {
    /// The program: a component, a preview1 or cm32p2 core module, or .wat.
    file: PathBuf,
    #[command(flatten)]
    cache: CacheArgs,
}

#[derive(Args)]
struct WitArgs {
    /// Which world of the package to use (`name` or `ns:pkg/name@version`); default: its only world.
    #[arg(long, value_name = "WORLD")]
    world: Option<String>,
    /// Turn on `@unstable(feature = ...)` items, comma-separated.
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    features: Vec<String>,
    /// Turn on every `@unstable` feature the WIT names.
    #[arg(long)]
    all_features: bool,
}

impl WitArgs {
    fn options(&self) -> WitOptions {
        WitOptions { features: self.features.clone(), all_features: self.all_features }
    }
}

#[derive(Args)]
struct TargetArgs {
    /// A .wit file, a directory with an optional deps/, or a WebAssembly-encoded WIT package.
    wit: PathBuf,
    #[command(flatten)]
    wit_args: WitArgs,
    /// Which names to use: `standard` (cm32p2) or `legacy` (what wit-bindgen emits today).
    #[arg(long, value_enum, default_value_t = ManglingArg::Standard)]
    mangling: ManglingArg,
    #[arg(long, value_enum, default_value_t = TargetFormat::Wat)]
    format: TargetFormat,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Args)]
struct CheckArgs {
    /// The core module: binary .wasm or text .wat.
    module: PathBuf,
    /// The WIT to check against; default: the module's own `component-type` section.
    #[arg(long, value_name = "WIT")]
    wit: Option<PathBuf>,
    #[command(flatten)]
    wit_args: WitArgs,
    /// Which names the module uses; `auto` decides from the names themselves.
    #[arg(long, value_enum, default_value_t = CheckMangling::Auto)]
    mangling: CheckMangling,
    /// Also require every exported WIT function to be defined, as `component new` does.
    #[arg(long)]
    require_all_exports: bool,
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum EngineArg {
    Wasmi,
    Wasmtime,
}

#[derive(Clone, Copy, ValueEnum)]
enum ManglingArg {
    Standard,
    Legacy,
}

impl From<ManglingArg> for Mangling {
    fn from(m: ManglingArg) -> Mangling {
        match m {
            ManglingArg::Standard => Mangling::Standard,
            ManglingArg::Legacy => Mangling::Legacy,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckMangling {
    Auto,
    Standard,
    Legacy,
}

#[derive(Clone, Copy, ValueEnum)]
enum TargetFormat {
    Wat,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run(args) => run::run(args),
        Command::Serve(args) => serve::serve(args),
        Command::Compile(args) => run::compile(&args.file, &args.cache),
        Command::Target(args) => target(args),
        Command::Check(args) => check(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(EXIT_INPUT)
        }
    }
}

fn load(wit: &Path, args: &WitArgs) -> Result<LoadedWorld> {
    cm32_abi::load_world(wit, args.world.as_deref(), &args.options())
        .with_context(|| format!("cannot load a world from {}", wit.display()))
}

fn target(args: TargetArgs) -> Result<ExitCode> {
    let loaded = load(&args.wit, &args.wit_args)?;
    let target = derive_target(&loaded.resolve, loaded.world, args.mangling.into())?;
    let mut text = match args.format {
        TargetFormat::Wat => cm32_abi::render::to_wat(&target),
        TargetFormat::Json => serde_json::to_string_pretty(&cm32_abi::render::to_json(&target))?,
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }
    match &args.output {
        Some(path) => std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))?,
        None => std::io::stdout().write_all(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

fn check(args: CheckArgs) -> Result<ExitCode> {
    let wasm = wat::parse_file(&args.module).map_err(|e| anyhow::anyhow!("{e}"))?;
    let interface = cm32_abi::module::read_interface(&wasm).with_context(|| format!("{}", args.module.display()))?;
    let loaded = match &args.wit {
        Some(wit) => load(wit, &args.wit_args)?,
        None => match cm32_abi::world_from_module(&wasm)? {
            Some(loaded) => loaded,
            None => bail!(
                "{} carries no `component-type` section to take the world from; pass --wit WIT [--world WORLD]",
                args.module.display()
            ),
        },
    };
    let world_name = loaded.resolve.worlds[loaded.world].name.clone();
    let standard = derive_target(&loaded.resolve, loaded.world, Mangling::Standard)?;
    let legacy = derive_target(&loaded.resolve, loaded.world, Mangling::Legacy)?;
    let options = CheckOptions {
        mangling: match args.mangling {
            CheckMangling::Auto => ManglingChoice::Auto,
            CheckMangling::Standard => ManglingChoice::Fixed(Mangling::Standard),
            CheckMangling::Legacy => ManglingChoice::Fixed(Mangling::Legacy),
        },
        require_all_exports: args.require_all_exports,
    };
    let report = check_module(&interface, &standard, &legacy, options);
    let out = match args.format {
        CheckFormat::Text => cm32_abi::render::check_text(&report, &args.module.display().to_string(), &world_name),
        CheckFormat::Json => serde_json::to_string_pretty(&cm32_abi::render::check_json(&report, &world_name))? + "\n",
    };
    std::io::stdout().write_all(out.as_bytes())?;
    Ok(if report.conforms() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
