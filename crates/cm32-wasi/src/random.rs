//! `wasi:random`: the system's secure source, and a fast insecure generator seeded from it.

use cm32_host::{Trap, TrapClass};

use crate::WasiCtx;
use crate::bindings::wasi::random::{insecure, insecure_seed, random};

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

fn too_many(len: u64) -> Trap {
    Trap::new(TrapClass::Host, format!("{len} random bytes asked for; at most {MAX_RANDOM_BYTES}"))
}

fn secure(len: u64) -> Result<Vec<u8>, Trap> {
    if len > MAX_RANDOM_BYTES {
        return Err(too_many(len));
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

impl random::Host for WasiCtx {
    fn get_random_bytes(&mut self, len: u64) -> cm32_host::Result<Vec<u8>> {
        secure(len)
    }

    fn get_random_u64(&mut self) -> cm32_host::Result<u64> {
        let bytes = secure(8)?;
        Ok(u64::from_le_bytes(bytes.try_into().expect("8 bytes")))
    }
}

impl insecure::Host for WasiCtx {
    fn get_insecure_random_bytes(&mut self, len: u64) -> cm32_host::Result<Vec<u8>> {
        if len > MAX_RANDOM_BYTES {
            return Err(too_many(len));
        }
        let state = &mut self.insecure;
        Ok((0..len).map(|_| next(state) as u8).collect())
    }

    fn get_insecure_random_u64(&mut self) -> cm32_host::Result<u64> {
        Ok(next(&mut self.insecure))
    }
}

impl insecure_seed::Host for WasiCtx {
    fn insecure_seed(&mut self) -> cm32_host::Result<(u64, u64)> {
        Ok(self.insecure_seed)
    }
}
