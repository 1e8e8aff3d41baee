//! What the benchmarks share: the fixtures, and wasmtime-wasi's state for wasmtime's runs.

use std::path::Path;

use wasmtime::component::ResourceTable;
use wasmtime_wasi::{WasiCtxView, WasiView};

/// A file of `guests/`.
pub fn guest(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../guests").join(name)).unwrap()
}

/// wasmtime-wasi's context, as its `WasiView` wants it.
pub struct WtState {
    pub ctx: wasmtime_wasi::WasiCtx,
    pub table: ResourceTable,
}

impl WasiView for WtState {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView { ctx: &mut self.ctx, table: &mut self.table }
    }
}
