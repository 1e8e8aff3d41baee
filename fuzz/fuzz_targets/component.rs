//! The whole input path of `cm32 run`: any bytes, as a component (validated, then instantiated
//! with WASI linked), a preview1 module (made a component with the adapter), or anything else
//! (taken apart as far as it goes). Every input gives a result or an error, never a panic.
//!
//! The engine runs with fuel and none to spend, so that no guest code (a mutated `start`
//! function) runs long: only the loader is under test.

#![no_main]

use std::sync::{Arc, OnceLock};

use cm32_host::{EngineOptions, Limits, Linker, WasmiEngine, World};
use cm32_wasi::{WasiCtx, WasiCtxBuilder};
use libfuzzer_sys::fuzz_target;

fn linker() -> &'static Linker<WasiCtx, WasmiEngine> {
    static LINKER: OnceLock<Linker<WasiCtx, WasmiEngine>> = OnceLock::new();
    LINKER.get_or_init(|| {
        let world: Arc<World> = cm32_wasi::command_world().unwrap();
        let mut linker = Linker::new(world);
        cm32_wasi::add_to_linker(&mut linker).unwrap();
        linker.limits(Limits { fuel: Some(0), ..Limits::default() });
        linker
    })
}

fn engine() -> &'static WasmiEngine {
    static ENGINE: OnceLock<WasmiEngine> = OnceLock::new();
    ENGINE.get_or_init(|| WasmiEngine::with_options(EngineOptions { fuel: true, deadline: false }))
}

fuzz_target!(|data: &[u8]| {
    let _ = cm32_abi::component::main_module(data);
    if wasmparser::Parser::is_component(data) {
        let _ = linker().instantiate_component(engine(), data, WasiCtxBuilder::default().build());
    } else if cm32_abi::component::imports_preview1(data)
        && let Ok(component) = cm32_abi::component::from_preview1_command(data)
    {
        let _ = linker().instantiate_component(engine(), &component, WasiCtxBuilder::default().build());
    }
});
