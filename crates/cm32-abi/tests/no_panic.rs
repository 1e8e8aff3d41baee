//! Hostile input never panics: thousands of mutated modules and WIT files, each of which must give
//! either a result or an error.

mod common;

use cm32_abi::{Mangling, WitOptions, derive_target, load_world, module::read_interface, world_from_module};

/// A small deterministic generator, so that a failure reproduces.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut XorShift, input: &[u8], alphabet: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(out.len());
        match rng.below(4) {
            0 if !out.is_empty() => out[at] = alphabet[rng.below(alphabet.len())],
            1 if !out.is_empty() => {
                out.remove(at);
            }
            2 => out.insert(at, alphabet[rng.below(alphabet.len())]),
            _ => out.truncate(at.max(1)),
        }
    }
    out
}

#[test]
fn mutated_modules_never_panic() {
    let dir = common::conformance_dir("target");
    let loaded = common::load(&dir.join("wasi-cli-command.wit"), &[]);
    let standard = derive_target(&loaded.resolve, loaded.world, Mangling::Standard).unwrap();
    let mut seed = wat::parse_str(cm32_abi::render::to_wat(&standard)).unwrap();
    wit_component::embed_component_metadata(
        &mut seed,
        &loaded.resolve,
        loaded.world,
        wit_component::StringEncoding::UTF8,
        false,
    )
    .unwrap();
    let bytes: Vec<u8> = (0..=255).collect();
    let mut rng = XorShift(0x5eed_cafe);
    let (mut accepted, mut rejected) = (0, 0);
    for _ in 0..3000 {
        let wasm = mutate(&mut rng, &seed, &bytes);
        match read_interface(&wasm) {
            Ok(_) => accepted += 1,
            Err(_) => rejected += 1,
        }
        let _ = world_from_module(&wasm);
    }
    assert_eq!(accepted + rejected, 3000);
    assert!(rejected > 0 && accepted > 0, "mutations should both break and keep modules ({accepted}/{rejected})");
}

#[test]
fn mutated_wit_never_panics() {
    let dir = common::conformance_dir("target");
    let seeds: Vec<Vec<u8>> = common::cases(&dir, "wit").iter().map(|p| std::fs::read(p).unwrap()).collect();
    let alphabet = b"{}()<>;:,.@/-_=*# \nabcxyz0123456789\"";
    let scratch = tempfile::tempdir().unwrap();
    let path = scratch.path().join("mutated.wit");
    let mut rng = XorShift(0xdead_beef);
    let (mut loaded, mut refused) = (0, 0);
    for i in 0..600 {
        let text = mutate(&mut rng, &seeds[i % seeds.len()], alphabet);
        std::fs::write(&path, &text).unwrap();
        match load_world(&path, None, &WitOptions::default()) {
            Ok(world) => {
                loaded += 1;
                for mangling in [Mangling::Standard, Mangling::Legacy] {
                    let _ = derive_target(&world.resolve, world.world, mangling);
                }
            }
            Err(_) => refused += 1,
        }
    }
    assert!(loaded > 0 && refused > 0, "mutations should both break and keep WIT ({loaded}/{refused})");
}

/// The committed components, cut short at every length (in steps) and mutated: taking out the
/// main module and reading it give a result or an error, never a panic.
#[test]
fn truncated_and_mutated_components_never_panic() {
    let guests = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../guests");
    let mut rng = XorShift(0xc0de_f00d);
    let bytes: Vec<u8> = (0..=255).collect();
    let (mut extracted, mut refused) = (0, 0);
    for name in ["hello.wasm", "cli-probe.wasm", "wasi-probe.wasm"] {
        let component = std::fs::read(guests.join(name)).unwrap();
        let cuts = (0..component.len()).step_by(997).map(|n| component[..n].to_vec());
        let mutants = (0..300).map(|_| mutate(&mut rng, &component, &bytes));
        for input in cuts.chain(mutants) {
            match cm32_abi::component::main_module(&input) {
                Ok(module) => {
                    extracted += 1;
                    let _ = read_interface(&module);
                }
                Err(_) => refused += 1,
            }
        }
    }
    assert!(refused > 0 && extracted > 0, "inputs should both break and keep components ({extracted}/{refused})");
}

/// Preview1 modules cut short or mutated are refused before wit-component sees them (it slices
/// sections by the sizes they claim; the fuzzer found a module that made it panic).
#[test]
fn cut_and_mutated_preview1_modules_are_refused_not_adapted() {
    let guests = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../guests");
    let module = std::fs::read(guests.join("p1-probe.p1.wasm")).unwrap();
    assert!(cm32_abi::component::from_preview1_command(&module).is_ok());
    let mut rng = XorShift(0x9e37_79b9);
    let bytes: Vec<u8> = (0..=255).collect();
    let cuts = (9..module.len()).step_by(4999).map(|n| module[..n].to_vec());
    let mutants = (0..40).map(|_| mutate(&mut rng, &module, &bytes));
    let mut refused = 0;
    for input in cuts.chain(mutants) {
        if cm32_abi::component::imports_preview1(&input) && cm32_abi::component::from_preview1_command(&input).is_err()
        {
            refused += 1;
        }
    }
    assert!(refused > 0);
}
