//! WASI 0.2 on cm32-host: `wasi:cli`, `wasi:io`, `wasi:clocks`, `wasi:random`,
//! `wasi:filesystem` and `wasi:sockets` for a module built for `wasi:cli/command`, on any engine
//! cm32-host runs on.
//!
//! The host state of an instance implements [`WasiView`]; [`add_to_linker`] defines every WASI
//! function the world has. Resources (streams, pollables, errors, sockets) live in the
//! [`WasiCtx`]'s own table, keyed by the representation the guest's handles stand for.

mod cli;
mod clocks;
mod filesystem;
mod io;
mod random;
mod sockets;
mod table;

use std::io::{Read, Write};
use std::sync::Arc;
use std::time::Instant;

use cm32_abi::{LoadError, WitOptions, load_world_str};
use cm32_host::types::ResourceIdx;
use cm32_host::{HostCx, LinkError, Linker, Trap, World};

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
/// module that does not import it is not affected.
pub fn command_world() -> Result<Arc<World>, LoadError> {
    let wit = "package cm32:run;\nworld command {\n  include wasi:cli/command@0.2.12;\n}\n";
    let options = WitOptions { features: vec!["network-error-code".into()], all_features: false };
    let loaded = load_world_str("<cm32 run>".as_ref(), wit, None, &options)?;
    let world = World::new(loaded).map_err(|e| LoadError::Wit(e.to_string()))?;
    Ok(Arc::new(world))
}

/// The resource types WASI hands out, found once in the world.
#[derive(Clone, Copy)]
pub(crate) struct Kinds {
    pub(crate) input_stream: Option<ResourceIdx>,
    pub(crate) output_stream: Option<ResourceIdx>,
    pub(crate) pollable: Option<ResourceIdx>,
    pub(crate) error: Option<ResourceIdx>,
    pub(crate) descriptor: Option<ResourceIdx>,
    pub(crate) directory_entry_stream: Option<ResourceIdx>,
    pub(crate) network: Option<ResourceIdx>,
    pub(crate) tcp_socket: Option<ResourceIdx>,
    pub(crate) udp_socket: Option<ResourceIdx>,
    pub(crate) incoming_datagram_stream: Option<ResourceIdx>,
    pub(crate) outgoing_datagram_stream: Option<ResourceIdx>,
    pub(crate) resolve_address_stream: Option<ResourceIdx>,
}

/// Defines every WASI function and resource destructor the linker's world has.
pub fn add_to_linker<T: WasiView>(linker: &mut Linker<T>) -> Result<(), LinkError> {
    let world = linker.world().clone();
    let find = |iface: &str, name: &str| {
        world.types().resources().find_map(|(i, r)| {
            let (wit_iface, wit_name) = r.wit.rsplit_once('#')?;
            (wit_name == name && wit_iface.split('@').next() == Some(iface)).then_some(i)
        })
    };
    let kinds = Kinds {
        input_stream: find("wasi:io/streams", "input-stream"),
        output_stream: find("wasi:io/streams", "output-stream"),
        pollable: find("wasi:io/poll", "pollable"),
        error: find("wasi:io/error", "error"),
        descriptor: find("wasi:filesystem/types", "descriptor"),
        directory_entry_stream: find("wasi:filesystem/types", "directory-entry-stream"),
        network: find("wasi:sockets/network", "network"),
        tcp_socket: find("wasi:sockets/tcp", "tcp-socket"),
        udp_socket: find("wasi:sockets/udp", "udp-socket"),
        incoming_datagram_stream: find("wasi:sockets/udp", "incoming-datagram-stream"),
        outgoing_datagram_stream: find("wasi:sockets/udp", "outgoing-datagram-stream"),
        resolve_address_stream: find("wasi:sockets/ip-name-lookup", "resolve-address-stream"),
    };
    for (iface, name) in [
        ("wasi:io/streams", "input-stream"),
        ("wasi:io/streams", "output-stream"),
        ("wasi:io/poll", "pollable"),
        ("wasi:io/error", "error"),
        ("wasi:cli/terminal-input", "terminal-input"),
        ("wasi:cli/terminal-output", "terminal-output"),
        ("wasi:filesystem/types", "descriptor"),
        ("wasi:filesystem/types", "directory-entry-stream"),
        ("wasi:sockets/network", "network"),
        ("wasi:sockets/tcp", "tcp-socket"),
        ("wasi:sockets/udp", "udp-socket"),
        ("wasi:sockets/udp", "incoming-datagram-stream"),
        ("wasi:sockets/udp", "outgoing-datagram-stream"),
        ("wasi:sockets/ip-name-lookup", "resolve-address-stream"),
    ] {
        if find(iface, name).is_some() {
            linker.resource(&format!("{iface}#{name}"), |t: &mut T, rep| t.wasi().table.remove(rep).map(drop))?;
        }
    }
    let mut defs = Defs { linker };
    io::add(&mut defs, kinds)?;
    cli::add(&mut defs, kinds)?;
    clocks::add(&mut defs, kinds)?;
    filesystem::add(&mut defs, kinds)?;
    sockets::add(&mut defs, kinds)?;
    random::add(&mut defs)?;
    Ok(())
}

/// Defines functions that the world has, and passes over the ones it does not.
pub(crate) struct Defs<'a, T> {
    linker: &'a mut Linker<T>,
}

impl<T: WasiView> Defs<'_, T> {
    pub(crate) fn func<P, R>(
        &mut self,
        wit: &str,
        func: impl Fn(&mut HostCx<'_, T>, P) -> Result<R, Trap> + Send + Sync + 'static,
    ) -> Result<(), LinkError>
    where
        P: cm32_host::typed::LiftParams + 'static,
        R: cm32_host::typed::Lower + cm32_host::typed::ResultType + 'static,
    {
        match self.linker.define_typed(wit, func) {
            Ok(_) | Err(LinkError::UnknownFunction { .. }) => Ok(()),
            Err(e) => Err(e),
        }
    }
}
