//! Random WIT: function signatures over every value type, rendered as one world per batch.
//!
//! Each signature `i` becomes an imported host function `f<i>` and a world-level export `run<i>`
//! with the same type. Named types are never shared between signatures, so each can be shaped by
//! where it is used (a record holding a `borrow` may only appear among parameters).

use std::fmt::Write;

use crate::rng::Rng;

#[derive(Clone, Debug)]
pub enum Ty {
    Bool,
    S8,
    U8,
    S16,
    U16,
    S32,
    U32,
    S64,
    U64,
    F32,
    F64,
    Char,
    String,
    List(Box<Ty>),
    FixedList(Box<Ty>, u32),
    Tuple(Vec<Ty>),
    Option(Box<Ty>),
    Result {
        ok: Option<Box<Ty>>,
        err: Option<Box<Ty>>,
    },
    /// A named type, by index into [`World::defs`].
    Def(usize),
    Own,
    Borrow,
}

/// A named type. Member names come from their index: fields `f<j>`, cases `c<j>`, flags `b<j>`.
#[derive(Clone, Debug)]
pub enum Def {
    Record(Vec<Ty>),
    Variant(Vec<Option<Ty>>),
    Enum(usize),
    Flags(usize),
}

#[derive(Clone, Debug)]
pub struct Sig {
    pub params: Vec<Ty>,
    pub result: Option<Ty>,
}

/// One batch's world: the named types and the signatures.
#[derive(Clone, Debug, Default)]
pub struct World {
    pub defs: Vec<Def>,
    pub sigs: Vec<Sig>,
}

/// Where a type sits. A `borrow` may only sit where the forwarding guest can find it without
/// looking at values (to drop it after the call): in a parameter, through records, tuples and
/// fixed-length lists. Everywhere else (inside lists, options, variants, results, and in
/// results) is `Nested`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Static,
    Nested,
}

pub const PACKAGE: &str = "diff:batch";
pub const INTERFACE: &str = "diff:batch/host";
pub const RESOURCE: &str = "res";

impl World {
    pub fn generate(rng: &mut Rng, funcs: usize) -> World {
        let mut world = World::default();
        for _ in 0..funcs {
            let sig = world.gen_sig(rng);
            world.sigs.push(sig);
        }
        world
    }

    fn gen_sig(&mut self, rng: &mut Rng) -> Sig {
        let mut params = Vec::new();
        if rng.percent(10) {
            // Wide: enough flat values to spill the parameters into memory.
            for _ in 0..rng.between(8, 20) {
                params.push(self.gen_ty(rng, 1, Place::Static));
            }
        } else {
            for _ in 0..rng.between(0, 4) {
                params.push(self.gen_ty(rng, 3, Place::Static));
            }
        }
        // Now and then two more handles, for cases that pass one handle twice.
        if rng.percent(15) {
            for _ in 0..2 {
                let handle = if rng.percent(50) { Ty::Own } else { Ty::Borrow };
                let at = rng.below(params.len() + 1);
                params.insert(at, handle);
            }
        }
        // Every signature gets something a negative case can corrupt.
        if !params.iter().any(|p| self.has_corruptible(p)) {
            let extra = match rng.below(7) {
                0 => Ty::Char,
                1 => Ty::String,
                2 => Ty::List(Box::new(Ty::U16)),
                3 => Ty::Option(Box::new(Ty::U8)),
                4 => self.def(Def::Enum(rng.between(1, 6))),
                5 => Ty::Own,
                _ => Ty::Borrow,
            };
            let at = rng.below(params.len() + 1);
            params.insert(at, extra);
        }
        let result = if rng.percent(85) { Some(self.gen_ty(rng, 3, Place::Nested)) } else { None };
        Sig { params, result }
    }

    fn def(&mut self, def: Def) -> Ty {
        self.defs.push(def);
        Ty::Def(self.defs.len() - 1)
    }

    fn gen_ty(&mut self, rng: &mut Rng, depth: usize, place: Place) -> Ty {
        if depth == 0 || rng.percent(45) {
            return self.gen_leaf(rng, place);
        }
        let depth = depth - 1;
        match rng.below(20) {
            0..=3 => Ty::List(Box::new(self.gen_ty(rng, depth, Place::Nested))),
            4..=5 => Ty::FixedList(Box::new(self.gen_ty(rng, depth, place)), rng.between(1, 4) as u32),
            6..=7 => Ty::Tuple((0..rng.between(1, 4)).map(|_| self.gen_ty(rng, depth, place)).collect()),
            8..=10 => Ty::Option(Box::new(self.gen_ty(rng, depth, Place::Nested))),
            11..=13 => {
                let mut side =
                    |rng: &mut Rng| rng.percent(70).then(|| Box::new(self.gen_ty(rng, depth, Place::Nested)));
                let ok = side(rng);
                let err = side(rng);
                Ty::Result { ok, err }
            }
            14..=16 => {
                let fields = (0..rng.between(1, 5)).map(|_| self.gen_ty(rng, depth, place)).collect();
                self.def(Def::Record(fields))
            }
            _ => {
                let cases = (0..rng.between(1, 5))
                    .map(|_| rng.percent(60).then(|| self.gen_ty(rng, depth, Place::Nested)))
                    .collect();
                self.def(Def::Variant(cases))
            }
        }
    }

    fn gen_leaf(&mut self, rng: &mut Rng, place: Place) -> Ty {
        match rng.below(27) {
            0 => Ty::Bool,
            1 => Ty::S8,
            2 => Ty::U8,
            3 => Ty::S16,
            4 => Ty::U16,
            5 => Ty::S32,
            6 => Ty::U32,
            7 => Ty::S64,
            8 => Ty::U64,
            9..=10 => Ty::F32,
            11..=12 => Ty::F64,
            13..=14 => Ty::Char,
            15..=17 => Ty::String,
            18..=19 => {
                // Now and then enough cases for a two-byte discriminant.
                let cases = if rng.percent(3) { rng.between(257, 300) } else { rng.between(1, 6) };
                self.def(Def::Enum(cases))
            }
            20..=21 => {
                let flags = *rng.pick(&[1, 2, 7, 8, 9, 15, 16, 17, 24, 31, 32]);
                self.def(Def::Flags(flags))
            }
            22..=23 => Ty::Own,
            24..=25 if place == Place::Static => Ty::Borrow,
            _ => Ty::U32,
        }
    }

    /// Whether a parameter of this type has a statically placed value that a negative case can
    /// make invalid (see `module_gen::Leaf`).
    fn has_corruptible(&self, ty: &Ty) -> bool {
        match ty {
            Ty::Char | Ty::String | Ty::List(_) | Ty::Option(_) | Ty::Result { .. } | Ty::Own | Ty::Borrow => true,
            Ty::FixedList(t, _) => self.has_corruptible(t),
            Ty::Tuple(ts) => ts.iter().any(|t| self.has_corruptible(t)),
            Ty::Def(i) => match &self.defs[*i] {
                Def::Record(fields) => fields.iter().any(|t| self.has_corruptible(t)),
                Def::Variant(_) | Def::Enum(_) => true,
                Def::Flags(_) => false,
            },
            _ => false,
        }
    }

    /// The world as WIT source.
    pub fn render(&self) -> String {
        let mut out = format!("package {PACKAGE};\n\ninterface host {{\n    resource {RESOURCE};\n");
        for (i, def) in self.defs.iter().enumerate() {
            let _ = match def {
                Def::Record(fields) => {
                    let body: Vec<String> =
                        fields.iter().enumerate().map(|(j, t)| format!("f{j}: {}", self.ty_name(t))).collect();
                    writeln!(out, "    record t{i} {{ {} }}", body.join(", "))
                }
                Def::Variant(cases) => {
                    let body: Vec<String> = cases
                        .iter()
                        .enumerate()
                        .map(|(j, t)| match t {
                            Some(t) => format!("c{j}({})", self.ty_name(t)),
                            None => format!("c{j}"),
                        })
                        .collect();
                    writeln!(out, "    variant t{i} {{ {} }}", body.join(", "))
                }
                Def::Enum(n) => {
                    let body: Vec<String> = (0..*n).map(|j| format!("c{j}")).collect();
                    writeln!(out, "    enum t{i} {{ {} }}", body.join(", "))
                }
                Def::Flags(n) => {
                    let body: Vec<String> = (0..*n).map(|j| format!("b{j}")).collect();
                    writeln!(out, "    flags t{i} {{ {} }}", body.join(", "))
                }
            };
        }
        for (i, sig) in self.sigs.iter().enumerate() {
            let _ = writeln!(out, "    f{i}: {};", self.func_type(sig));
        }
        out.push_str("}\n\nworld batch {\n    import host;\n");
        let mut used: Vec<String> = vec![RESOURCE.to_string()];
        used.extend((0..self.defs.len()).map(|i| format!("t{i}")));
        let _ = writeln!(out, "    use host.{{{}}};", used.join(", "));
        for (i, sig) in self.sigs.iter().enumerate() {
            let _ = writeln!(out, "    export run{i}: {};", self.func_type(sig));
        }
        out.push_str("    export realloc-log: func() -> list<u32>;\n}\n");
        out
    }

    fn func_type(&self, sig: &Sig) -> String {
        let params: Vec<String> =
            sig.params.iter().enumerate().map(|(j, t)| format!("p{j}: {}", self.ty_name(t))).collect();
        match &sig.result {
            Some(t) => format!("func({}) -> {}", params.join(", "), self.ty_name(t)),
            None => format!("func({})", params.join(", ")),
        }
    }

    pub fn ty_name(&self, ty: &Ty) -> String {
        match ty {
            Ty::Bool => "bool".into(),
            Ty::S8 => "s8".into(),
            Ty::U8 => "u8".into(),
            Ty::S16 => "s16".into(),
            Ty::U16 => "u16".into(),
            Ty::S32 => "s32".into(),
            Ty::U32 => "u32".into(),
            Ty::S64 => "s64".into(),
            Ty::U64 => "u64".into(),
            Ty::F32 => "f32".into(),
            Ty::F64 => "f64".into(),
            Ty::Char => "char".into(),
            Ty::String => "string".into(),
            Ty::List(t) => format!("list<{}>", self.ty_name(t)),
            Ty::FixedList(t, n) => format!("list<{}, {n}>", self.ty_name(t)),
            Ty::Tuple(ts) => format!("tuple<{}>", ts.iter().map(|t| self.ty_name(t)).collect::<Vec<_>>().join(", ")),
            Ty::Option(t) => format!("option<{}>", self.ty_name(t)),
            Ty::Result { ok: None, err: None } => "result".into(),
            Ty::Result { ok: Some(t), err: None } => format!("result<{}>", self.ty_name(t)),
            Ty::Result { ok: None, err: Some(e) } => format!("result<_, {}>", self.ty_name(e)),
            Ty::Result { ok: Some(t), err: Some(e) } => format!("result<{}, {}>", self.ty_name(t), self.ty_name(e)),
            Ty::Def(i) => format!("t{i}"),
            Ty::Own => format!("own<{RESOURCE}>"),
            Ty::Borrow => format!("borrow<{RESOURCE}>"),
        }
    }
}
