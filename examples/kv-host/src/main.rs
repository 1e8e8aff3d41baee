//! A host for the world `example:kv/app` (wit/kv.wit) written with `cm32_host::bindgen!`: the
//! macro turns the WIT into Rust types and a `Host` trait per imported interface; the host
//! implements the traits, links them, and calls the guest's export. The guest is a core module
//! (guest.wat) built for the world's target.
//!
//! `cargo run -p kv-host -- 5` writes five values into a bucket that takes three.

use std::collections::HashMap;
use std::error::Error;

use cm32_host::{Resource, WasmiEngine};

cm32_host::bindgen!({ path: "wit", world: "app" });

use example::kv::store::{self, Bucket, StoreError};

/// How many writes a bucket takes before it is full.
const CAPACITY: u32 = 3;

/// The host's state: its buckets (a handle's representation is an index here) and the lines the
/// guest logged.
#[derive(Default)]
struct Kv {
    buckets: Vec<Option<BucketData>>,
    log: Vec<String>,
}

struct BucketData {
    values: HashMap<String, String>,
    writes: u32,
}

impl Kv {
    fn bucket(&mut self, handle: &Resource<Bucket>) -> &mut BucketData {
        // The handle table gives the host only representations it made itself.
        self.buckets[handle.rep() as usize].as_mut().expect("a live bucket")
    }
}

impl store::HostBucket for Kv {
    fn new(&mut self, _name: String) -> Resource<Bucket> {
        self.buckets.push(Some(BucketData { values: HashMap::new(), writes: 0 }));
        Resource::new_own(self.buckets.len() as u32 - 1)
    }

    fn get(&mut self, self_: Resource<Bucket>, key: String) -> Option<String> {
        self.bucket(&self_).values.get(&key).cloned()
    }

    fn set(&mut self, self_: Resource<Bucket>, key: String, value: String) -> Result<(), StoreError> {
        let bucket = self.bucket(&self_);
        if bucket.writes == CAPACITY {
            return Err(StoreError::Full);
        }
        bucket.writes += 1;
        bucket.values.insert(key, value);
        Ok(())
    }

    fn drop(&mut self, rep: Resource<Bucket>) -> cm32_host::Result<()> {
        self.buckets[rep.rep() as usize] = None;
        Ok(())
    }
}

impl store::Host for Kv {
    fn log(&mut self, message: String) {
        self.log.push(message);
    }
}

/// Runs the guest's `run(n)`: how many writes the bucket took, and what the guest logged.
fn run(n: u32) -> Result<(u32, Vec<String>), Box<dyn Error>> {
    let mut linker = App::linker::<Kv, WasmiEngine>();
    App::add_to_linker(&mut linker, |kv| kv)?;
    let guest = wat::parse_str(include_str!("../guest.wat"))?;
    let (app, mut instance) = App::instantiate(&linker, &WasmiEngine::default(), &guest, Kv::default())?;
    let stored = app.call_run(&mut instance, n)?;
    Ok((stored, std::mem::take(&mut instance.data().log)))
}

fn main() -> Result<(), Box<dyn Error>> {
    let n = match std::env::args().nth(1) {
        Some(arg) => arg.parse().map_err(|e| format!("`{arg}` is not a count of writes: {e}"))?,
        None => 5,
    };
    let (stored, log) = run(n)?;
    for line in log {
        println!("guest: {line}");
    }
    println!("the bucket took {stored} of {n} writes");
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_bucket_takes_three_writes_and_keeps_the_last() {
        let (stored, log) = super::run(5).unwrap();
        assert_eq!(stored, 3);
        assert_eq!(log, vec!["value-2".to_string()]);
    }
}
