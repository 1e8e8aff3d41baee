//! `wasi:random`: the system's secure source, and a fast insecure generator seeded from it.

use cm32_host::{LinkError, Trap, TrapClass};

use crate::{Defs, WasiView};

/// Bytes the guest may ask for in one call; more is a host error rather than an allocation the
/// guest controls.
const MAX_RANDOM_BYTES: u64 = 1 << 24;

pub(crate) fn seed() -> (u64, u64) {
    let mut bytes = [0u8; 16];
    // Without a system source the seed is the clock: insecure, which is all it is used for.
    if getrandom::fill(&mut bytes).is_err() {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos();
        bytes = nanos.to_le_bytes();
    }
    (u64::from_le_bytes(bytes[..8].try_into().unwrap()), u64::from_le_bytes(bytes[8..].try_into().unwrap()))
}

fn secure(len: u64) -> Result<Vec<u8>, Trap> {
    if len > MAX_RANDOM_BYTES {
        return Err(Trap::new(TrapClass::Host, format!("{len} random bytes asked for; at most {MAX_RANDOM_BYTES}")));
    }
    let mut bytes = vec![0; len as usize];
    getrandom::fill(&mut bytes).map_err(|e| Trap::new(TrapClass::Host, format!("no secure random source: {e}")))?;
    Ok(bytes)
}

/// xorshift64*: fast and good enough for what the WIT calls insecure.
fn next(state: &mut u64) -> u64 {
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    state.wrapping_mul(0x2545_f491_4f6c_dd1d)
}

pub(crate) fn add<T: WasiView>(defs: &mut Defs<'_, T>) -> Result<(), LinkError> {
    defs.func("wasi:random/random#get-random-bytes", |_, (len,): (u64,)| secure(len))?;
    defs.func("wasi:random/random#get-random-u64", |_, ()| {
        let bytes = secure(8)?;
        Ok(u64::from_le_bytes(bytes.try_into().expect("8 bytes")))
    })?;
    defs.func("wasi:random/insecure#get-insecure-random-bytes", |cx, (len,): (u64,)| {
        if len > MAX_RANDOM_BYTES {
            return Err(Trap::new(
                TrapClass::Host,
                format!("{len} random bytes asked for; at most {MAX_RANDOM_BYTES}"),
            ));
        }
        let state = &mut cx.data.wasi().insecure;
        Ok((0..len).map(|_| next(state) as u8).collect::<Vec<u8>>())
    })?;
    defs.func("wasi:random/insecure#get-insecure-random-u64", |cx, ()| Ok(next(&mut cx.data.wasi().insecure)))?;
    defs.func("wasi:random/insecure-seed#insecure-seed", |cx, ()| Ok(cx.data.wasi().insecure_seed))?;
    Ok(())
}
