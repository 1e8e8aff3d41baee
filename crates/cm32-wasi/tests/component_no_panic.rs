//! Hostile components never panic the loader: real components cut short at many lengths, and
//! mutated outside their core modules (so that no mutated code runs in a `start` function), are
//! instantiated with WASI linked; each gives an instance or an error.

use std::path::Path;
use std::sync::Arc;

use cm32_host::{Linker, WasmiEngine, World};
use cm32_wasi::{WasiCtx, WasiCtxBuilder};

/// SplitMix64: a failure reproduces from the seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The byte ranges of the core modules nested anywhere in `component`.
fn module_ranges(component: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(component) {
        if let Ok(wasmparser::Payload::ModuleSection { unchecked_range, .. }) = payload {
            ranges.push(unchecked_range.start as usize..unchecked_range.end as usize);
        }
    }
    ranges
}

fn try_instantiate(linker: &Linker<WasiCtx, WasmiEngine>, bytes: &[u8]) -> bool {
    linker.instantiate_component(&WasmiEngine::default(), bytes, WasiCtxBuilder::default().build()).is_ok()
}

#[test]
fn cut_and_mutated_components_give_errors_not_panics() {
    let world: Arc<World> = cm32_wasi::command_world().unwrap();
    let mut linker = Linker::new(world);
    cm32_wasi::add_to_linker(&mut linker).unwrap();
    let guests = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../guests");
    let mut rng = Rng(2026);
    let (mut ran, mut refused) = (0, 0);
    for name in ["hello.wasm", "c-probe.wasm"] {
        let component = std::fs::read(guests.join(name)).unwrap();
        assert!(try_instantiate(&linker, &component), "{name} itself instantiates");
        for cut in (0..component.len()).step_by(1999) {
            assert!(!try_instantiate(&linker, &component[..cut]), "{name} cut at {cut} is refused");
            refused += 1;
        }
        let modules = module_ranges(&component);
        let outside: Vec<usize> = (8..component.len()).filter(|i| !modules.iter().any(|r| r.contains(i))).collect();
        for _ in 0..150 {
            let mut mutant = component.clone();
            for _ in 0..=rng.below(3) {
                let at = outside[rng.below(outside.len())];
                mutant[at] = rng.next() as u8;
            }
            if try_instantiate(&linker, &mutant) { ran += 1 } else { refused += 1 }
        }
    }
    assert!(refused > 0 && ran > 0, "mutants should both break and keep components ({ran}/{refused})");
}
