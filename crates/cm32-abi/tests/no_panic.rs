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
