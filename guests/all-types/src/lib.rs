//! all-types: a guest of cm32:all-types (guests/all-types-wit/all-types.wit). Each exported
//! `echo-*` passes its arguments to the host's import of the same name and returns its answer;
//! `count` drives the host's `counter` resource; `accumulator` is a resource of the guest's own.

use std::cell::Cell;

use cm32::all_types::host;
use cm32::all_types::types::{Color, Counter, ErrorCode, Mixed, Pair, Perms, Point, Shape};
use exports::cm32::all_types::guest::{AccumulatorBorrow, Guest as GuestInterface, GuestAccumulator};

wit_bindgen::generate!({ world: "all-types", path: "../all-types-wit" });

struct AllTypes;

impl GuestInterface for AllTypes {
    type Accumulator = Accumulator;

    #[allow(clippy::too_many_arguments)]
    fn echo_ints(a: u8, b: i8, c: u16, d: i16, e: u32, f: i32, g: u64, h: i64) -> (u8, i8, u16, i16, u32, i32, u64, i64) {
        host::echo_ints(a, b, c, d, e, f, g, h)
    }
    fn echo_floats(a: f32, b: f64) -> (f32, f64) {
        host::echo_floats(a, b)
    }
    fn echo_char_bool(c: char, b: bool) -> (char, bool) {
        host::echo_char_bool(c, b)
    }
    fn echo_string(s: String) -> String {
        host::echo_string(&s)
    }
    fn echo_bytes(b: Vec<u8>) -> Vec<u8> {
        host::echo_bytes(&b)
    }
    fn echo_nested(l: Vec<Vec<String>>) -> Vec<Vec<String>> {
        host::echo_nested(&l)
    }
    fn echo_mixed(m: Mixed) -> Mixed {
        host::echo_mixed(&m)
    }
    fn echo_shape(s: Shape) -> Shape {
        host::echo_shape(&s)
    }
    fn echo_color(c: Color) -> Color {
        host::echo_color(c)
    }
    fn echo_perms(p: Perms) -> Perms {
        host::echo_perms(p)
    }
    fn echo_option(o: Option<Option<String>>) -> Option<Option<String>> {
        host::echo_option(o.as_ref().map(|inner| inner.as_deref()))
    }
    fn echo_result(r: Result<Point, String>) -> Result<Point, String> {
        host::echo_result(r.as_ref().map_err(|e| e.as_str()))
    }
    fn echo_unit_result(r: Result<(), ()>) -> Result<(), ()> {
        host::echo_unit_result(r)
    }
    fn echo_pair(p: Pair) -> Pair {
        host::echo_pair(p)
    }
    fn echo_points(p: Vec<Point>) -> Vec<Point> {
        host::echo_points(&p)
    }
    fn checked_div(a: u32, b: u32) -> Result<u32, ErrorCode> {
        host::checked_div(a, b)
    }
    fn fail(message: String) {
        host::fail(&message)
    }
    fn count(start: u32, adds: Vec<u32>) -> u32 {
        let counter = Counter::new(start);
        for n in adds {
            counter.add(n);
        }
        let other = Counter::new(1000);
        let merged = Counter::merge(&counter, &other);
        merged.get()
    }
}

impl crate::Guest for AllTypes {
    fn run(x: u32) -> u32 {
        log(&format!("run {x}"));
        x * 2
    }
}

struct Accumulator {
    total: Cell<i64>,
}

impl GuestAccumulator for Accumulator {
    fn new(start: i64) -> Self {
        Accumulator { total: Cell::new(start) }
    }
    fn push(&self, v: i64) {
        self.total.set(self.total.get() + v);
    }
    fn total(&self) -> i64 {
        self.total.get()
    }
    fn sum(a: AccumulatorBorrow<'_>, b: AccumulatorBorrow<'_>) -> i64 {
        a.get::<Accumulator>().total.get() + b.get::<Accumulator>().total.get()
    }
}

export!(AllTypes);
