//! WASI 0.2 on cm32-host: `wasi:cli`, `wasi:io`, `wasi:clocks`, `wasi:random`,
//! `wasi:filesystem` and `wasi:sockets` for a module built for `wasi:cli/command`, on any engine
//! cm32-host runs on.
//!
//! The host state of an instance implements [`WasiView`]; [`add_to_linker`] defines every WASI
//! function the world has. Resources (streams, pollables, errors, sockets) live in the
//! [`WasiCtx`]'s own table, keyed by the representation the guest's handles stand for.
//!
//! The functions are the methods of the host traits `cm32_host::bindgen!` generates for the
//! world (`bindings`), which each module implements on [`WasiCtx`] for its interfaces: `io`,
//! `cli`, `clocks`, `random`, `filesystem` and `sockets`.

pub mod bindings;
mod cli;
mod clocks;
pub mod ext;
mod filesystem;
mod io;
mod random;
mod sockets;
mod table;

use std::io::{Read, Write};
use std::sync::Arc;
use std::time::Instant;

use cm32_abi::LoadError;
use cm32_host::{LinkError, Linker, World};

pub use filesystem::{DirPerms, FilePerms};
pub use sockets::{LookupError, NameLookup, Resolver};
use table::Table;

/// How many WASI resources one instance may hold at once unless the embedder says otherwise (as
/// wasmtime's default).
pub const DEFAULT_MAX_RESOURCES: usize = 1_000_000;

/// The WASI state of one instance.
pub struct WasiCtx {
    pub(crate) args: Vec<String>,
    pub(crate) env: Vec<(String, String)>,
    pub(crate) initial_cwd: Option<String>,
    pub(crate) stdin: Box<dyn Read + Send>,
    pub(crate) stdout: Box<dyn Write + Send>,
    pub(crate) stderr: Box<dyn Write + Send>,
    pub(crate) table: Table,
    pub(crate) preopens: Vec<filesystem::Preopen>,
    pub(crate) started: Instant,
    pub(crate) insecure: u64,
    pub(crate) insecure_seed: (u64, u64),
    pub(crate) net: sockets::NetPolicy,
    /// Wakes a waiting guest for events of other crates (`ext`); made on first use.
    pub(crate) bell: Option<ext::Bell>,
}

/// Builds a [`WasiCtx`]. By default it has no arguments, no environment, empty stdio, no
/// directories, TCP and UDP on loopback only, name lookup of `localhost` and literal addresses
/// only, and at most [`DEFAULT_MAX_RESOURCES`] live resources.
pub struct WasiCtxBuilder {
    ctx: WasiCtx,
    max_resources: usize,
}

impl Default for WasiCtxBuilder {
    fn default() -> Self {
        let seed = random::seed();
        WasiCtxBuilder {
            ctx: WasiCtx {
                args: Vec::new(),
                env: Vec::new(),
                initial_cwd: None,
                stdin: Box::new(std::io::empty()),
                stdout: Box::new(std::io::sink()),
                stderr: Box::new(std::io::sink()),
                table: Table::default(),
                preopens: Vec::new(),
                started: Instant::now(),
                insecure: seed.0 | 1,
                insecure_seed: seed,
                net: sockets::NetPolicy::default(),
                bell: None,
            },
            max_resources: DEFAULT_MAX_RESOURCES,
        }
    }
}

impl WasiCtxBuilder {
    /// The guest's arguments, `argv[0]` first.
    pub fn args(mut self, args: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.ctx.args = args.into_iter().map(Into::into).collect();
        self
    }

    pub fn env(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.ctx.env.push((key.into(), value.into()));
        self
    }

    /// What `wasi:cli/environment#initial-cwd` answers (by default `none`).
    pub fn initial_cwd(mut self, cwd: impl Into<String>) -> Self {
        self.ctx.initial_cwd = Some(cwd.into());
        self
    }

    pub fn stdin(mut self, stdin: impl Read + Send + 'static) -> Self {
        self.ctx.stdin = Box::new(stdin);
        self
    }

    pub fn stdout(mut self, stdout: impl Write + Send + 'static) -> Self {
        self.ctx.stdout = Box::new(stdout);
        self
    }

    pub fn stderr(mut self, stderr: impl Write + Send + 'static) -> Self {
        self.ctx.stderr = Box::new(stderr);
        self
    }

    /// Offers the host directory `host` to the guest as `guest`; everything the guest opens
    /// through it stays inside it. `dir_perms` says whether the guest may change the directory
    /// tree (create, rename, link, remove), `file_perms` whether it may change files; denied
    /// operations are `not-permitted`, and subdirectories and files opened through it inherit
    /// both.
    pub fn preopened_dir(
        mut self,
        host: impl AsRef<std::path::Path>,
        guest: impl Into<String>,
        dir_perms: DirPerms,
        file_perms: FilePerms,
    ) -> std::io::Result<Self> {
        self.ctx.preopens.push(filesystem::preopen(host.as_ref(), &guest.into(), dir_perms, file_perms)?);
        Ok(self)
    }

    /// Lets the guest connect and send to addresses other than loopback (denied by default). Name
    /// lookup beyond local names is a switch of its own, [`Self::ip_name_lookup`].
    pub fn allow_outbound(mut self, allow: bool) -> Self {
        self.ctx.net.outbound = allow;
        self
    }

    /// Whether the guest may create TCP sockets at all (allowed by default).
    pub fn allow_tcp(mut self, allow: bool) -> Self {
        self.ctx.net.tcp = allow;
        self
    }

    /// Whether the guest may create UDP sockets at all (allowed by default).
    pub fn allow_udp(mut self, allow: bool) -> Self {
        self.ctx.net.udp = allow;
        self
    }

    /// Which names `resolve-addresses` answers (by default [`NameLookup::Local`]).
    pub fn ip_name_lookup(mut self, lookup: NameLookup) -> Self {
        self.ctx.net.lookup = lookup;
        self
    }

    /// Replaces the system resolver that [`NameLookup::Any`] consults for names that are not
    /// local.
    pub fn name_resolver(mut self, resolver: Resolver) -> Self {
        self.ctx.net.resolver = resolver;
        self
    }

    /// The most WASI resources (streams, pollables, descriptors, sockets, ...) the instance may
    /// hold at once; creating one more traps with class `limit`.
    pub fn max_resources(mut self, max: usize) -> Self {
        self.max_resources = max;
        self
    }

    /// The process's own stdin, stdout and stderr.
    pub fn inherit_stdio(self) -> Self {
        self.stdin(std::io::stdin()).stdout(std::io::stdout()).stderr(std::io::stderr())
    }

    pub fn build(mut self) -> WasiCtx {
        self.ctx.table = Table::with_limit(self.max_resources);
        self.ctx
    }
}

/// Host state that carries a [`WasiCtx`].
pub trait WasiView: Send + 'static {
    fn wasi(&mut self) -> &mut WasiCtx;
}

impl WasiView for WasiCtx {
    fn wasi(&mut self) -> &mut WasiCtx {
        self
    }
}

/// The `wasi:cli/command` world of the embedded WASI (the newest 0.2.x), prepared for hosting,
/// with the unstable `network-error-code` function (as wasmtime's `-S network-error-code`): a
/// module that does not import it is not affected. It is the world the bindings were generated
/// from, built once per process from the copy embedded at build time: no WIT is lexed here, and
/// nothing can fail (the `Result` is the signature callers know).
pub fn command_world() -> Result<Arc<World>, LoadError> {
    Ok(bindings::Command::world())
}

/// Defines every WASI function and resource destructor the linker's world has. The linker's world
/// may be smaller than [`command_world`] (a function it lacks is passed over) or import another
/// 0.2.x version of an interface (bound by semver, as components are).
pub fn add_to_linker<T: WasiView, E: cm32_host::engine::Engine>(linker: &mut Linker<T, E>) -> Result<(), LinkError> {
    bindings::Command::add_to_linker(linker, T::wasi)
}

#[cfg(test)]
mod tests {
    use cm32_abi::{Mangling, WitOptions, load_world_str, render};
    use cm32_host::World;
    use cm32_host::types::{TypeIdx, Types};

    use super::command_world;

    /// `wasi:cli/command` of the newest embedded WASI with `network-error-code`, loaded from WIT
    /// text as `command_world` did before it came from the bindings.
    fn command_from_wit() -> World {
        let version = cm32_abi::wasi::WASI_VERSION;
        let wit = format!("package cm32:run;\nworld command {{\n  include wasi:cli/command@{version};\n}}\n");
        let options = WitOptions { features: vec!["network-error-code".into()], all_features: false };
        World::new(load_world_str("<cm32 run>".as_ref(), &wit, None, &options).unwrap()).unwrap()
    }

    /// A type as the ABI sees it, spelt out through the arena so that two arenas compare.
    fn describe(types: &Types, ty: TypeIdx) -> String {
        let t = types.get(ty);
        format!("{} ({:?}, size {}, align {}, flat {:?})", t.name, t.kind, t.size, t.align, t.flat)
    }

    /// The world the bindings were generated from is the one `cm32 run` has always hosted: the
    /// same interfaces, functions (`network-error-code` among them), signatures and core names,
    /// and of the newest embedded WASI (so the version in `bindings.rs` follows the pinned WASI).
    #[test]
    fn the_bindings_world_is_the_command_world() {
        let (generated, expected) = (command_world().unwrap(), command_from_wit());
        assert_eq!(generated.name(), expected.name());
        // The resolve the bindings build is the world's resolve as a component-type section
        // carries it (the packages it uses, under a package of the decoder's): encoded, the two
        // are the same bytes.
        let encode = |resolve: &wit_parser::Resolve, world| {
            cm32_abi::world_to_module(&cm32_abi::LoadedWorld { resolve: resolve.clone(), world }).unwrap()
        };
        let mut carried = cm32_abi::world_from_module(&encode(expected.resolve(), expected.id())).unwrap().unwrap();
        carried.resolve.worlds[carried.world].name = expected.name().to_string();
        assert_eq!(encode(generated.resolve(), generated.id()), encode(&carried.resolve, carried.world));
        for mangling in [Mangling::Standard, Mangling::Legacy] {
            assert_eq!(render::to_json(generated.target(mangling)), render::to_json(expected.target(mangling)));
        }
        let funcs = |world: &World| -> Vec<String> {
            let types = world.types();
            world
                .funcs()
                .map(|(_, f)| {
                    let params: Vec<String> =
                        f.params.iter().map(|(name, ty)| format!("{name}: {}", describe(types, *ty))).collect();
                    let result = f.result.map(|r| describe(types, r));
                    format!("{:?} {} ({}) -> {result:?}", f.direction, f.wit, params.join(", "))
                })
                .collect()
        };
        assert_eq!(funcs(&generated), funcs(&expected));
        let unstable = generated.funcs().filter(|(_, f)| f.wit.ends_with("#network-error-code")).count();
        assert_eq!(unstable, 1, "the unstable network-error-code is in the world");
        let resources =
            |world: &World| -> Vec<String> { world.types().resources().map(|(_, r)| r.wit.clone()).collect() };
        assert_eq!(resources(&generated), resources(&expected));
    }

    /// WASI links into a linker whose world is an older 0.2.x, or only part of the command world:
    /// functions and resources the world lacks are passed over, older versions bind by semver.
    #[test]
    fn wasi_links_into_older_and_smaller_worlds() {
        for include in ["wasi:cli/command@0.2.0", "wasi:cli/command@0.2.6", "wasi:cli/imports@0.2.3"] {
            let wit = format!("package cm32:older;\nworld older {{\n  include {include};\n}}\n");
            let loaded = load_world_str("older.wit".as_ref(), &wit, None, &WitOptions::default()).unwrap();
            let mut linker = cm32_host::Linker::<super::WasiCtx, cm32_host::WasmiEngine>::new(std::sync::Arc::new(
                World::new(loaded).unwrap(),
            ));
            super::add_to_linker(&mut linker).unwrap_or_else(|e| panic!("{include}: {e}"));
            // A module of that version finds its import defined.
            let version = include.rsplit('@').next().unwrap();
            let module = format!(r#"(module (import "wasi:cli/stdout@{version}" "get-stdout" (func (result i32))))"#);
            let ctx = super::WasiCtxBuilder::default().build();
            let engine = cm32_host::WasmiEngine::default();
            linker
                .instantiate(&engine, &wat::parse_str(module).unwrap(), ctx)
                .unwrap_or_else(|e| panic!("{include}: {e}"));
        }
        let wit = "package cm32:small;\nworld small {\n  import wasi:cli/stdout@0.2.12;\n}\n";
        let loaded = load_world_str("small.wit".as_ref(), wit, None, &WitOptions::default()).unwrap();
        let mut linker = cm32_host::Linker::<super::WasiCtx, cm32_host::WasmiEngine>::new(std::sync::Arc::new(
            World::new(loaded).unwrap(),
        ));
        super::add_to_linker(&mut linker).unwrap();
    }
}
