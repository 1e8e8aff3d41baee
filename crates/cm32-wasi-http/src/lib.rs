//! wasi:http 0.2 on core engines: the `wasi:http/proxy` world on cm32-host and cm32-wasi.
//!
//! - [`add_to_linker`] defines `wasi:http/types` and `wasi:http/outgoing-handler` (with WASI's
//!   own interfaces from cm32-wasi) for host state that implements [`WasiHttpView`].
//! - [`Server`] answers incoming requests with a fresh instance of a proxy component each,
//!   from one compiled and linked [`cm32_host::InstancePre`], on tokio's blocking threads (the
//!   guest runs synchronously; hyper and the bodies run on the runtime).
//!
//! Bodies stream both ways through bounded pipes (`pipe`): at most 64 KiB of a body is ever
//! held, whatever its size. Requests and responses are HTTP/1.1; outgoing requests go over
//! plain TCP, or TLS (rustls, the host's trusted roots) for `https`.

mod bindings;
mod error;
mod fields;
mod outgoing;
mod pipe;
mod serve;
mod types;

use std::sync::Arc;

use cm32_host::{LinkError, Linker, World};
use cm32_wasi::{WasiCtx, WasiView};

pub use error::HttpError;
pub use serve::{Server, ServerConfig};
pub use types::HyperBody;

/// The state of one instance: WASI's, and what wasi:http adds.
pub struct WasiHttpCtx {
    pub wasi: WasiCtx,
    allow_outbound: bool,
    /// Where outgoing requests and the bodies of their responses run.
    runtime: tokio::runtime::Handle,
}

impl WasiHttpCtx {
    /// State whose outgoing requests run on `runtime`, to loopback only.
    pub fn new(wasi: WasiCtx, runtime: tokio::runtime::Handle) -> Self {
        WasiHttpCtx { wasi, allow_outbound: false, runtime }
    }

    /// Lets outgoing requests reach addresses other than loopback.
    pub fn allow_outbound(mut self, allow: bool) -> Self {
        self.allow_outbound = allow;
        self
    }
}

impl WasiView for WasiHttpCtx {
    fn wasi(&mut self) -> &mut WasiCtx {
        &mut self.wasi
    }
}

/// Host state that carries a [`WasiHttpCtx`].
pub trait WasiHttpView: WasiView {
    fn http(&mut self) -> &mut WasiHttpCtx;
}

impl WasiHttpView for WasiHttpCtx {
    fn http(&mut self) -> &mut WasiHttpCtx {
        self
    }
}

/// The `wasi:http/proxy` world of the embedded WASI (the newest 0.2.x), prepared for hosting.
pub fn proxy_world() -> Arc<World> {
    bindings::Proxy::world()
}

/// Defines WASI (as `cm32_wasi::add_to_linker`) and `wasi:http/types` and
/// `wasi:http/outgoing-handler`, as far as the linker's world has them.
pub fn add_to_linker<T: WasiHttpView, E: cm32_host::engine::Engine>(
    linker: &mut Linker<T, E>,
) -> Result<(), LinkError> {
    cm32_wasi::add_to_linker(linker)?;
    bindings::wasi::http::types::add_to_linker(linker, T::http)?;
    bindings::wasi::http::outgoing_handler::add_to_linker(linker, T::http)
}
