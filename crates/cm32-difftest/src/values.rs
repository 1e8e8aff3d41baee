//! Random values of the generated types, leaning on the edges: boundary integers, NaN, -0.0,
//! subnormals, empty and long strings, every UTF-8 width, surrogate neighbours.

use cm32_host::types::ResourceIdx;
use cm32_host::{ResourceAny, Val};

use crate::rng::Rng;
use crate::wit_gen::{Def, Ty, World};

/// Characters at the edges of UTF-8 encodings and of the surrogate gap.
const EDGE_CHARS: &[char] = &[
    '\0',
    'a',
    '\u{7F}',
    '\u{80}',
    'é',
    '\u{7FF}',
    '\u{800}',
    '\u{D7FF}',
    '\u{E000}',
    '\u{FFFD}',
    '\u{FFFF}',
    '\u{10000}',
    '😀',
    '\u{10FFFF}',
];

pub struct ValueGen<'a> {
    world: &'a World,
    resource: ResourceIdx,
    /// Representations handed out so far; each resource value gets a new one.
    next_rep: u32,
    /// List elements still allowed in this value, which keeps a case well inside guest memory.
    budget: usize,
}

impl<'a> ValueGen<'a> {
    pub fn new(world: &'a World, resource: ResourceIdx, first_rep: u32) -> Self {
        ValueGen { world, resource, next_rep: first_rep, budget: 0 }
    }

    /// A fresh value for each type, sharing one size budget.
    pub fn values(&mut self, rng: &mut Rng, types: &[Ty]) -> Vec<Val> {
        self.budget = 400;
        types.iter().map(|t| self.value(rng, t)).collect()
    }

    pub fn value(&mut self, rng: &mut Rng, ty: &Ty) -> Val {
        macro_rules! int {
            ($variant:ident, $t:ty) => {{
                let edges = [0 as $t, 1 as $t, <$t>::MIN, <$t>::MAX, <$t>::MIN.wrapping_add(1), <$t>::MAX - 1];
                let v = if rng.percent(40) { *rng.pick(&edges) } else { rng.next_u64() as $t };
                Val::$variant(v)
            }};
        }
        match ty {
            Ty::Bool => Val::Bool(rng.percent(50)),
            Ty::S8 => int!(S8, i8),
            Ty::U8 => int!(U8, u8),
            Ty::S16 => int!(S16, i16),
            Ty::U16 => int!(U16, u16),
            Ty::S32 => int!(S32, i32),
            Ty::U32 => int!(U32, u32),
            Ty::S64 => int!(S64, i64),
            Ty::U64 => int!(U64, u64),
            Ty::F32 => Val::F32(if rng.percent(50) {
                *rng.pick(&[
                    0.0,
                    -0.0,
                    f32::NAN,
                    -f32::NAN,
                    f32::from_bits(0x7FC0_1234),
                    f32::INFINITY,
                    f32::NEG_INFINITY,
                    f32::MIN_POSITIVE,
                    f32::from_bits(1),
                    f32::MAX,
                    f32::MIN,
                    1.5,
                ])
            } else {
                f32::from_bits(rng.next_u32())
            }),
            Ty::F64 => Val::F64(if rng.percent(50) {
                *rng.pick(&[
                    0.0,
                    -0.0,
                    f64::NAN,
                    -f64::NAN,
                    f64::from_bits(0x7FF8_0000_DEAD_BEEF),
                    f64::INFINITY,
                    f64::NEG_INFINITY,
                    f64::MIN_POSITIVE,
                    f64::from_bits(1),
                    f64::MAX,
                    f64::MIN,
                    -2.25,
                ])
            } else {
                f64::from_bits(rng.next_u64())
            }),
            Ty::Char => Val::Char(self.char(rng)),
            Ty::String => Val::String(self.string(rng)),
            Ty::List(t) => {
                let len = self.list_len(rng);
                Val::List((0..len).map(|_| self.value(rng, t)).collect())
            }
            Ty::FixedList(t, n) => Val::FixedList((0..*n).map(|_| self.value(rng, t)).collect()),
            Ty::Tuple(ts) => Val::Tuple(ts.iter().map(|t| self.value(rng, t)).collect()),
            Ty::Option(t) => Val::Option(rng.percent(70).then(|| Box::new(self.value(rng, t)))),
            Ty::Result { ok, err } => {
                if rng.percent(50) {
                    Val::Result(Ok(ok.as_ref().map(|t| Box::new(self.value(rng, t)))))
                } else {
                    Val::Result(Err(err.as_ref().map(|t| Box::new(self.value(rng, t)))))
                }
            }
            Ty::Def(i) => match &self.world.defs[*i] {
                Def::Record(fields) => {
                    Val::Record(fields.iter().enumerate().map(|(j, t)| (format!("f{j}"), self.value(rng, t))).collect())
                }
                Def::Variant(cases) => {
                    let j = rng.below(cases.len());
                    let payload = cases[j].as_ref().map(|t| Box::new(self.value(rng, t)));
                    Val::Variant(format!("c{j}"), payload)
                }
                Def::Enum(n) => Val::Enum(format!("c{}", rng.below(*n))),
                Def::Flags(n) => {
                    let all = rng.percent(10);
                    Val::Flags((0..*n).filter(|_| all || rng.percent(40)).map(|j| format!("b{j}")).collect())
                }
            },
            Ty::Own => Val::Own(self.resource()),
            Ty::Borrow => Val::Borrow(self.resource()),
        }
    }

    fn resource(&mut self) -> ResourceAny {
        self.next_rep += 1;
        ResourceAny { ty: self.resource, rep: self.next_rep }
    }

    fn list_len(&mut self, rng: &mut Rng) -> usize {
        let want = match rng.below(10) {
            0..=1 => 0,
            2..=7 => rng.between(1, 4),
            _ => rng.between(5, 24),
        };
        let len = want.min(self.budget);
        self.budget -= len;
        len
    }

    fn char(&mut self, rng: &mut Rng) -> char {
        if rng.percent(50) {
            return *rng.pick(EDGE_CHARS);
        }
        loop {
            if let Some(c) = char::from_u32(rng.next_u32() % 0x11_0000) {
                return c;
            }
        }
    }

    fn string(&mut self, rng: &mut Rng) -> String {
        let len = match rng.below(20) {
            0..=2 => 0,
            3..=15 => rng.between(1, 12),
            16..=18 => rng.between(13, 100),
            _ => rng.between(200, 2000),
        };
        let ascii_only = rng.percent(40);
        (0..len)
            .map(|_| if ascii_only || rng.percent(60) { (b' ' + rng.below(95) as u8) as char } else { self.char(rng) })
            .collect()
    }
}
