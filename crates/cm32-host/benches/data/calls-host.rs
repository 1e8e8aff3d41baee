// The host of the call benchmarks, shared by `crates/cm32-host/benches/calls.rs` (wasmi) and
// `bench/benches/calls.rs` (wasmtime), each of which generates `generated` with `bindgen!` first:
// the same work as the raw host functions it is compared with.
impl generated::bench::calls::host::Host for u64 {
    fn nop(&mut self) {}
    fn three(&mut self, a: u32, b: u32, c: u32) -> u32 {
        a + b + c
    }
    fn text(&mut self, s: String) {
        *self += s.len() as u64;
    }
    fn bytes(&mut self, b: Vec<u8>) {
        *self += b.len() as u64;
    }
    fn rec(&mut self, r: generated::bench::calls::host::Five) -> u32 {
        r.a + r.b + r.c + r.d + r.e
    }
}
