//! `bindgen!` on a world that uses every kind of WIT type (guests/all-types-wit), with a Rust
//! guest built by wit-bindgen (guests/all-types/), as a component and as a legacy core module, on
//! both engines. Each exported `echo-*` hands its arguments to the host's import of the same name
//! and returns the host's answer, so every value crosses the boundary four times: lowered by the
//! generated export call, lifted by the guest, lowered by the guest, lifted by the generated host
//! glue, and back.

use cm32_host::engine::Engine;
use cm32_host::{CallError, Instance, Resource, Trap, TrapClass, WasmiEngine};

mod all_types {
    cm32_host::bindgen!({
        path: "../../guests/all-types-wit",
        world: "all-types",
        trappable_imports: ["fail"],
        trappable_error_type: { "cm32:all-types/types/error-code" => super::DivError },
    });
}

use all_types::cm32::all_types::{host, types};
use all_types::{AllTypes, AllTypesPre};
use types::{Color, ErrorCode, Mixed, Perms, Point, Shape};

const COMPONENT: &[u8] = include_bytes!("../../../guests/all-types.wasm");
const CORE: &[u8] = include_bytes!("../../../guests/all-types.core.wasm");

/// The host's error for `checked-div`, which `convert_error_code` turns into the WIT's.
#[derive(Debug)]
pub enum DivError {
    Zero,
    Overflow,
    /// Not an error the guest may see: converting it traps.
    Fatal(String),
}

/// The host: what it was given (to check that values arrived whole), its counters, and what the
/// guest dropped.
#[derive(Default)]
struct State {
    seen: Vec<String>,
    log: Vec<String>,
    counters: Vec<Option<u32>>,
    dropped: Vec<u32>,
}

impl State {
    fn saw(&mut self, value: impl std::fmt::Debug) {
        self.seen.push(format!("{value:?}"));
    }

    fn counter(&mut self, r: &Resource<types::Counter>) -> &mut u32 {
        self.counters[r.rep() as usize].as_mut().expect("a live counter")
    }
}

impl types::HostCounter for State {
    fn new(&mut self, start: u32) -> Resource<types::Counter> {
        self.counters.push(Some(start));
        Resource::new_own(self.counters.len() as u32 - 1)
    }
    fn get(&mut self, self_: Resource<types::Counter>) -> u32 {
        assert!(!self_.owned(), "a method's self is a borrow");
        *self.counter(&self_)
    }
    fn add(&mut self, self_: Resource<types::Counter>, n: u32) {
        *self.counter(&self_) += n;
    }
    fn merge(&mut self, a: Resource<types::Counter>, b: Resource<types::Counter>) -> Resource<types::Counter> {
        let total = *self.counter(&a) + *self.counter(&b);
        types::HostCounter::new(self, total)
    }
    fn drop(&mut self, rep: Resource<types::Counter>) -> cm32_host::Result<()> {
        assert!(rep.owned());
        self.counters[rep.rep() as usize] = None;
        self.dropped.push(rep.rep());
        Ok(())
    }
}

impl types::Host for State {
    fn convert_error_code(&mut self, err: DivError) -> cm32_host::Result<ErrorCode> {
        match err {
            DivError::Zero => Ok(ErrorCode::DivisionByZero),
            DivError::Overflow => Ok(ErrorCode::Overflow),
            DivError::Fatal(message) => Err(Trap::new(TrapClass::Host, message)),
        }
    }
}

impl host::Host for State {
    fn echo_ints(
        &mut self,
        a: u8,
        b: i8,
        c: u16,
        d: i16,
        e: u32,
        f: i32,
        g: u64,
        h: i64,
    ) -> (u8, i8, u16, i16, u32, i32, u64, i64) {
        self.saw((a, b, c, d, e, f, g, h));
        (a, b, c, d, e, f, g, h)
    }
    fn echo_floats(&mut self, a: f32, b: f64) -> (f32, f64) {
        self.saw((a.to_bits(), b.to_bits()));
        (a, b)
    }
    fn echo_char_bool(&mut self, c: char, b: bool) -> (char, bool) {
        self.saw((c, b));
        (c, b)
    }
    fn echo_string(&mut self, s: String) -> String {
        self.saw(&s);
        s
    }
    fn echo_bytes(&mut self, b: Vec<u8>) -> Vec<u8> {
        self.saw(b.len());
        b
    }
    fn echo_nested(&mut self, l: Vec<Vec<String>>) -> Vec<Vec<String>> {
        self.saw(&l);
        l
    }
    fn echo_mixed(&mut self, m: Mixed) -> Mixed {
        self.saw(&m);
        m
    }
    fn echo_shape(&mut self, s: Shape) -> Shape {
        self.saw(&s);
        s
    }
    fn echo_color(&mut self, c: Color) -> Color {
        self.saw(c);
        c
    }
    fn echo_perms(&mut self, p: Perms) -> Perms {
        self.saw(p);
        p
    }
    fn echo_option(&mut self, o: Option<Option<String>>) -> Option<Option<String>> {
        self.saw(&o);
        o
    }
    fn echo_result(&mut self, r: Result<Point, String>) -> Result<Point, String> {
        self.saw(&r);
        r
    }
    fn echo_unit_result(&mut self, r: Result<(), ()>) -> Result<(), ()> {
        self.saw(r);
        r
    }
    fn echo_pair(&mut self, p: (u16, i64)) -> (u16, i64) {
        self.saw(p);
        p
    }
    fn echo_points(&mut self, p: Vec<Point>) -> Vec<Point> {
        self.saw(&p);
        p
    }
    fn checked_div(&mut self, a: u32, b: u32) -> Result<u32, DivError> {
        match b {
            0 => Err(DivError::Zero),
            7 => Err(DivError::Fatal(format!("{a} / 7 is not for guests"))),
            _ if a == u32::MAX => Err(DivError::Overflow),
            _ => Ok(a / b),
        }
    }
    fn fail(&mut self, message: String) -> cm32_host::Result<()> {
        Err(Trap::new(TrapClass::Host, message))
    }
}

impl all_types::AllTypesImports for State {
    fn log(&mut self, message: String) {
        self.log.push(message);
    }
}

fn instantiate<E: Engine>(engine: &E, wasm: &[u8]) -> (AllTypes, Instance<State, E>) {
    let mut linker = AllTypes::linker::<State, _>();
    AllTypes::add_to_linker(&mut linker, |state| state).expect("every import links");
    AllTypes::instantiate(&linker, engine, wasm, State::default()).expect("the guest instantiates")
}

fn trap_class(e: CallError) -> TrapClass {
    match e {
        CallError::Trap(t) => t.class,
        other => panic!("expected a trap, got {other}"),
    }
}

fn mixed() -> Mixed {
    Mixed {
        name: "zoë ✓ 𝄞".into(),
        tags: vec!["".into(), "a".into(), "ünïcödé".into()],
        at: Point { x: i32::MIN, y: i32::MAX },
        weight: -0.0,
        small: 255,
        on: true,
        letter: '\u{10FFFF}',
    }
}

fn every_value_round_trips<E: Engine>(engine: &E, wasm: &[u8]) {
    let (bindings, mut instance) = instantiate(engine, wasm);
    let guest = bindings.cm32_all_types_guest();
    let i = &mut instance;

    let ints = (255, -128, 65535, -32768, u32::MAX, i32::MIN, u64::MAX, i64::MIN);
    assert_eq!(guest.call_echo_ints(i, ints.0, ints.1, ints.2, ints.3, ints.4, ints.5, ints.6, ints.7).unwrap(), ints);
    let tiny = f32::from_bits(1); // the smallest subnormal
    let (a, b) = guest.call_echo_floats(i, tiny, -0.0).unwrap();
    assert_eq!((a.to_bits(), b.to_bits()), (1, (-0.0f64).to_bits()));
    let (a, b) = guest.call_echo_floats(i, f32::INFINITY, f64::NAN).unwrap();
    assert_eq!(a, f32::INFINITY);
    assert!(b.is_nan());
    assert_eq!(guest.call_echo_char_bool(i, '𝄞', false).unwrap(), ('𝄞', false));
    assert_eq!(guest.call_echo_string(i, "").unwrap(), "");
    let long = "ab€".repeat(1000);
    assert_eq!(guest.call_echo_string(i, &long).unwrap(), long);
    let bytes: Vec<u8> = (0..=255).collect();
    assert_eq!(guest.call_echo_bytes(i, &bytes).unwrap(), bytes);
    let nested = vec![vec![], vec!["x".to_string(), "yz".to_string()], vec!["".to_string()]];
    assert_eq!(guest.call_echo_nested(i, &nested).unwrap(), nested);
    assert_eq!(guest.call_echo_mixed(i, &mixed()).unwrap(), mixed());
    for shape in
        [Shape::Circle(1.5), Shape::Rect(Point { x: -1, y: 2 }), Shape::Nothing, Shape::Label("a label".into())]
    {
        assert_eq!(guest.call_echo_shape(i, &shape).unwrap(), shape);
    }
    for color in [Color::Red, Color::Green, Color::Blue] {
        assert_eq!(guest.call_echo_color(i, color).unwrap(), color);
    }
    for perms in [Perms::empty(), Perms::READ | Perms::EXEC, Perms::all()] {
        assert_eq!(guest.call_echo_perms(i, perms).unwrap(), perms);
    }
    for option in [None, Some(None), Some(Some("deep".to_string()))] {
        assert_eq!(guest.call_echo_option(i, &option).unwrap(), option);
    }
    for result in [Ok(Point { x: 3, y: -4 }), Err("no point".to_string())] {
        assert_eq!(guest.call_echo_result(i, &result).unwrap(), result);
    }
    for result in [Ok(()), Err(())] {
        assert_eq!(guest.call_echo_unit_result(i, result).unwrap(), result);
    }
    assert_eq!(guest.call_echo_pair(i, (7, -1)).unwrap(), (7, -1));
    let points: Vec<Point> = (0..100).map(|n| Point { x: n, y: -n }).collect();
    assert_eq!(guest.call_echo_points(i, &points).unwrap(), points);
    assert_eq!(guest.call_echo_points(i, &[]).unwrap(), vec![]);

    // The host saw each value as it was sent: nothing was lost on the way in.
    let seen = &instance.data().seen;
    assert_eq!(seen[0], format!("{ints:?}"));
    assert_eq!(seen[1], "(1, 9223372036854775808)");
    assert_eq!(seen[3], "('𝄞', false)");
    assert_eq!(seen[6], "256");
    assert_eq!(seen[8], format!("{:?}", mixed()));
    assert_eq!(seen[12], "Label(\"a label\")");
    assert_eq!(seen[13], "Red");
    assert_eq!(seen[17], "Perms(READ | EXEC)");
    assert_eq!(seen[21], "Some(Some(\"deep\"))");
    assert_eq!(seen[27], format!("{points:?}"));
    assert_eq!(seen.len(), 29);
}

fn errors_resources_and_world_functions<E: Engine>(engine: &E, wasm: &[u8]) {
    let (bindings, mut instance) = instantiate(engine, wasm);
    let guest = bindings.cm32_all_types_guest();
    let i = &mut instance;

    // A trappable error type: the host's error, converted.
    assert_eq!(guest.call_checked_div(i, 10, 3).unwrap(), Ok(3));
    assert_eq!(guest.call_checked_div(i, 10, 0).unwrap(), Err(ErrorCode::DivisionByZero));
    assert_eq!(guest.call_checked_div(i, u32::MAX, 2).unwrap(), Err(ErrorCode::Overflow));

    // A host resource: made, changed, borrowed and dropped by the guest.
    assert_eq!(guest.call_count(i, 5, &[1, 2, 3]).unwrap(), 1011);
    assert_eq!(instance.data().dropped, vec![2, 1, 0]);
    assert_eq!(instance.live_handles(), 0);
    let i = &mut instance;

    // A guest resource, held by the host.
    let accumulators = guest.accumulator();
    let a = accumulators.call_constructor(i, 10).unwrap();
    let b = accumulators.call_constructor(i, -100).unwrap();
    accumulators.call_push(i, a, 5).unwrap();
    accumulators.call_push(i, b, -1).unwrap();
    assert_eq!(accumulators.call_total(i, a).unwrap(), 15);
    assert_eq!(accumulators.call_sum(i, a, b).unwrap(), -86);
    a.resource_drop(i).unwrap();
    b.resource_drop(i).unwrap();

    // World-level functions, both ways.
    assert_eq!(bindings.call_run(i, 21).unwrap(), 42);
    assert_eq!(instance.data().log, vec!["run 21".to_string()]);

    // A conversion that traps, and a trappable import that traps: each poisons the instance.
    let i = &mut instance;
    let trap = guest.call_checked_div(i, 1, 7).unwrap_err();
    assert!(trap.to_string().contains("1 / 7 is not for guests"), "{trap}");
    assert_eq!(trap_class(trap), TrapClass::Host);
    assert_eq!(trap_class(guest.call_echo_color(i, Color::Red).unwrap_err()), TrapClass::Poisoned);

    let (bindings, mut instance) = instantiate(engine, wasm);
    let guest = bindings.cm32_all_types_guest();
    let trap = guest.call_fail(&mut instance, "on purpose").unwrap_err();
    assert!(trap.to_string().contains("on purpose"), "{trap}");
    assert_eq!(trap_class(trap), TrapClass::Host);
    assert!(instance.is_poisoned());
}

/// One compiled pre, many instances, each with its own state.
fn instances_of_one_pre<E: Engine>(engine: &E, wasm: &[u8]) {
    let mut linker = AllTypes::linker::<State, _>();
    AllTypes::add_to_linker(&mut linker, |state| state).unwrap();
    let pre = AllTypesPre::new(linker.instantiate_pre(engine, wasm).unwrap()).unwrap();
    for n in 0..3 {
        let (bindings, mut instance) = pre.instantiate(State::default()).unwrap();
        assert_eq!(bindings.call_run(&mut instance, n).unwrap(), n * 2);
        assert_eq!(instance.data().log, vec![format!("run {n}")]);
    }
}

#[test]
fn every_value_round_trips_through_a_component_on_wasmi() {
    every_value_round_trips(&WasmiEngine::default(), COMPONENT);
}

#[test]
fn every_value_round_trips_through_a_core_module_on_wasmi() {
    every_value_round_trips(&WasmiEngine::default(), CORE);
}

#[test]
fn errors_resources_and_world_functions_on_wasmi() {
    errors_resources_and_world_functions(&WasmiEngine::default(), COMPONENT);
    errors_resources_and_world_functions(&WasmiEngine::default(), CORE);
}

#[test]
fn instances_of_one_pre_on_wasmi() {
    instances_of_one_pre(&WasmiEngine::default(), COMPONENT);
}

#[cfg(feature = "wasmtime")]
#[test]
fn every_value_round_trips_on_wasmtime() {
    let engine = cm32_host::WasmtimeEngine::default();
    every_value_round_trips(&engine, COMPONENT);
    every_value_round_trips(&engine, CORE);
}

#[cfg(feature = "wasmtime")]
#[test]
fn errors_resources_and_world_functions_on_wasmtime() {
    let engine = cm32_host::WasmtimeEngine::default();
    errors_resources_and_world_functions(&engine, COMPONENT);
    errors_resources_and_world_functions(&engine, CORE);
    instances_of_one_pre(&engine, COMPONENT);
}
