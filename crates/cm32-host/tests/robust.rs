//! Lifting never panics, even for inputs the call path never produces (the fuzz target's entry).

use cm32_abi::{WitOptions, load_world_str};
use cm32_host::engine::CoreVal;
use cm32_host::{TrapClass, World};

#[test]
fn a_variant_too_large_to_pass_flat_is_a_trap_not_a_panic() {
    let wit = "package t:t;\ninterface i {\n  variant big { small(u8), wide(tuple<u32, u32, u32, u32, u32, u32, u32, u32, u32, u32, u32, u32, u32, u32, u32, u32, u32, u32, u32, u32>) }\n  f: func(b: big);\n}\nworld w { import i; }\n";
    let world = World::new(load_world_str("t.wit".as_ref(), wit, None, &WitOptions::default()).unwrap()).unwrap();
    let types = world.types();
    let mut tried = 0;
    for ty in cm32_host::fuzzing::all_types(types) {
        let Some(flat) = types.get(ty).flat.clone() else { continue };
        if flat.len() <= 16 || !matches!(types.get(ty).kind, cm32_host::types::AbiKind::Variant(_)) {
            continue;
        }
        // Case 1 (`wide`) with all its payload slots present.
        let mut values: Vec<CoreVal> = flat.iter().map(|t| CoreVal::zero(*t)).collect();
        values[0] = CoreVal::I32(1);
        let err = cm32_host::fuzzing::lift(types, ty, &[], &values, None).unwrap_err();
        assert_eq!(err.class, TrapClass::Host);
        tried += 1;
    }
    assert_eq!(tried, 1, "the world has exactly one variant with more than 16 flat values");
}

#[test]
fn lifting_from_memory_checks_the_pointer() {
    let wit =
        "package t:t;\ninterface i {\n  record r { a: u64, s: string }\n  f: func(x: r);\n}\nworld w { import i; }\n";
    let world = World::new(load_world_str("t.wit".as_ref(), wit, None, &WitOptions::default()).unwrap()).unwrap();
    let types = world.types();
    let record = cm32_host::fuzzing::all_types(types)
        .into_iter()
        .find(|t| matches!(types.get(*t).kind, cm32_host::types::AbiKind::Record(_)))
        .unwrap();
    let memory = [0u8; 64];
    assert_eq!(cm32_host::fuzzing::lift(types, record, &memory, &[], Some(4)).unwrap_err().class, TrapClass::Alignment);
    assert_eq!(cm32_host::fuzzing::lift(types, record, &memory, &[], Some(56)).unwrap_err().class, TrapClass::Bounds);
    // An aligned record whose string points past the end.
    let mut memory = [0u8; 64];
    memory[8..12].copy_from_slice(&60u32.to_le_bytes());
    memory[12..16].copy_from_slice(&8u32.to_le_bytes());
    assert_eq!(cm32_host::fuzzing::lift(types, record, &memory, &[], Some(0)).unwrap_err().class, TrapClass::Bounds);
}
