//! Lifting from arbitrary memory and flat values must give a value or a trap, never a panic and
//! never a read outside memory.
#![no_main]

use std::sync::OnceLock;

use cm32_abi::{WitOptions, load_world_str};
use cm32_host::engine::CoreVal;
use cm32_host::types::{TypeIdx, Types};
use libfuzzer_sys::fuzz_target;

const WIT: &str = r#"
package fuzz:lift;
interface shapes {
  resource r;
  flags small { a, b, c }
  flags wide { f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16 }
  enum color { red, green, blue }
  variant v { none, int(u32), float(f32), long(s64), text(string), nested(list<option<char>>) }
  record point { x: f64, y: s8, name: string, tags: list<string> }
  variant huge { tiny(u8), wide(tuple<u64, u64, u64, u64, u64, u64, u64, u64, u64, u64, u64, u64, u64, u64, u64, u64, u64>) }
  everything: func(a: bool, b: u8, c: s16, d: u32, e: s64, f: f32, g: f64, h: char) -> string;
  texts: func(a: string, b: list<u8>, c: list<list<u16>>) -> list<string>;
  shapes: func(a: point, b: v, c: color, d: small, e: wide) -> option<result<point, v>>;
  handles: func(a: r, b: borrow<r>, c: list<r>, d: option<borrow<r>>) -> tuple<r, u64>;
  fixed: func(a: list<u32, 3>, b: list<string, 2>, c: map<string, u32>) -> list<point, 2>;
  spilled: func(h: huge);
}
world w { import shapes; }
"#;

fn types() -> &'static (Types, Vec<TypeIdx>) {
    static TYPES: OnceLock<(Types, Vec<TypeIdx>)> = OnceLock::new();
    TYPES.get_or_init(|| {
        let loaded = load_world_str("fuzz.wit".as_ref(), WIT, None, &WitOptions::default()).unwrap();
        let world = cm32_host::World::new(loaded).unwrap();
        let types = world.types().clone();
        let all = cm32_host::fuzzing::all_types(&types);
        (types, all)
    })
}

fuzz_target!(|data: &[u8]| {
    let (types, all) = types();
    if data.len() < 3 {
        return;
    }
    let ty = all[data[0] as usize % all.len()];
    let from_memory = data[1] & 1 == 1;
    let rest = &data[2..];
    // Flat values of 8 bytes each (up to 24), typed by what the type flattens to; the rest is memory.
    let split = rest.len().min(192);
    let (flat_bytes, memory) = rest.split_at(split);
    let flat_types = types.get(ty).flat.clone().unwrap_or_default();
    let flat: Vec<CoreVal> = flat_types
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut word = [0u8; 8];
            for (j, b) in word.iter_mut().enumerate() {
                *b = flat_bytes.get(i * 8 + j).copied().unwrap_or(0);
            }
            let bits = u64::from_le_bytes(word);
            match t {
                cm32_abi::CoreType::I32 => CoreVal::I32(bits as i32),
                cm32_abi::CoreType::I64 => CoreVal::I64(bits as i64),
                cm32_abi::CoreType::F32 => CoreVal::F32(bits as u32),
                cm32_abi::CoreType::F64 => CoreVal::F64(bits),
            }
        })
        .collect();
    let at = from_memory.then(|| u32::from_le_bytes([flat_bytes.first().copied().unwrap_or(0), 0, 0, 0]) % (memory.len() as u32 + 8));
    let _ = cm32_host::fuzzing::lift(types, ty, memory, &flat, at);
});
