//! The guest under test: a core module (`cm32p2` or legacy names), written as WAT, whose export
//! `run<i>` passes its arguments on to the import `f<i>` and returns what the import returned.
//!
//! Its `cm32p2_realloc` is a bump allocator that logs every call (and carries a block's contents
//! over when asked to grow or shrink it), and `post-return` logs a
//! marker, so that the order of the host's allocations can be compared; the world-level export
//! `realloc-log` returns the log. A negative variant corrupts one core value on the way through
//! (see [`Corruption`]), which the host must catch when it lifts the import's arguments (or, for
//! a bad return pointer, when it lowers the import's result).
//!
//! Layouts, flattening and names (in either mangling) all come from wit-parser.

use std::fmt::Write;

use anyhow::{Context, Result, anyhow};
use cm32_abi::LoadedWorld;
use wit_parser::abi::{AbiVariant, FlatTypes, WasmSignature, WasmType};
use wit_parser::{
    Function, Handle, Int, ManglingAndAbi, ResourceIntrinsic, SizeAlign, Type, TypeDefKind, TypeId, WasmExport,
    WasmExportKind, WasmImport, WorldItem, WorldKey,
};

use crate::rng::Rng;
use crate::wit_gen::{INTERFACE, RESOURCE};

/// The memory map of the generated guest.
const RESULT_AREA: u32 = 8;
const LOG_START: u32 = 0x1_0000;
const LOG_END: u32 = 0x2_0000;
const RETURN_AREA: u32 = 0x2_0000;
const HEAP_START: u32 = 0x3_0000;
const INITIAL_PAGES: u32 = 4;
/// Past the end of any memory these tests make, and aligned for every type.
pub const OUT_OF_BOUNDS: u32 = 0xFFFF_0000;
/// The first word of the log entry that `post-return` writes.
pub const POST_RETURN_MARK: u32 = 0xFFFF_FFFF;

/// A value inside the parameters whose place does not depend on other values: reached from a
/// parameter through records, tuples and fixed-length lists only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leaf {
    /// Parameter index, then field / element indices.
    pub path: Vec<usize>,
    /// Its first flat value, when the parameters travel flat.
    pub flat: usize,
    /// Its offset in the parameter tuple, when the parameters spill to memory.
    pub mem: u32,
    pub kind: LeafKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeafKind {
    Discriminant { cases: u32, bytes: u32 },
    Char,
    String,
    List { align: u32 },
    Own,
    Borrow,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A value among the import's arguments.
    Param(Leaf),
    /// The pointer to the spilled parameters.
    SpillPointer,
    /// The return area passed to the import.
    ImportReturnPointer,
    /// A value in the export's result, changed after the import returned it.
    Result(Leaf),
    /// The pointer the export returns to its result.
    ExportReturnPointer,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    Discriminant(u32),
    Char(u32),
    PointerOutOfBounds,
    PointerMisaligned,
    InvalidUtf8,
    /// The handle is dropped, then passed.
    DroppedHandle,
    UnknownHandle(u32),
    /// A borrowed handle is passed on correctly but never dropped, so the export returns while
    /// it is still borrowed.
    BorrowKept,
    /// The handle of another argument (`leaves[from]`) is passed here too: moved twice, or
    /// lent and moved in one call.
    DuplicateHandle {
        from: usize,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Corruption {
    pub target: Target,
    pub fault: Fault,
    /// A borrowed argument also left undropped, so that a bad result and a leftover borrow
    /// meet in one return (the spec lifts the result first).
    pub also_kept: Option<Leaf>,
}

impl Corruption {
    /// A short name for counting: `discriminant`, `result-char`, …
    pub fn label(&self) -> &'static str {
        if self.also_kept.is_some() {
            return "bad-result+borrow-kept";
        }
        let fault = match self.fault {
            Fault::Discriminant(_) => ["discriminant", "result-discriminant"],
            Fault::Char(_) => ["char", "result-char"],
            Fault::PointerOutOfBounds => ["pointer-out-of-bounds", "result-pointer-out-of-bounds"],
            Fault::PointerMisaligned => ["pointer-misaligned", "result-pointer-misaligned"],
            Fault::InvalidUtf8 => ["invalid-utf8", "result-invalid-utf8"],
            Fault::DroppedHandle => ["dropped-handle", "result-dropped-handle"],
            Fault::UnknownHandle(_) => ["unknown-handle", "result-unknown-handle"],
            Fault::BorrowKept => ["borrow-kept", "borrow-kept"],
            Fault::DuplicateHandle { .. } => ["duplicate-handle", "duplicate-handle"],
        };
        match self.target {
            Target::SpillPointer => "spill-pointer",
            Target::ImportReturnPointer => "import-return-pointer",
            Target::ExportReturnPointer => "export-return-pointer",
            Target::Param(_) => fault[0],
            Target::Result(_) => fault[1],
        }
    }
}

/// A guest-wide fault, in the functions the host calls rather than in a forwarder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GuestFault {
    /// realloc returns a pointer past the end of memory.
    ReallocOutOfBounds,
    /// realloc calls an import, which it may not.
    ReallocLeaves,
    /// post-return calls an import, which it may not.
    PostReturnLeaves,
}

impl GuestFault {
    pub const ALL: [GuestFault; 3] =
        [GuestFault::ReallocOutOfBounds, GuestFault::ReallocLeaves, GuestFault::PostReturnLeaves];

    pub fn label(self) -> &'static str {
        match self {
            GuestFault::ReallocOutOfBounds => "realloc-out-of-bounds",
            GuestFault::ReallocLeaves => "realloc-leaves",
            GuestFault::PostReturnLeaves => "post-return-leaves",
        }
    }
}

/// What the generator knows about one forwarded function.
pub struct FuncShape {
    pub import_sig: WasmSignature,
    pub export_sig: WasmSignature,
    pub leaves: Vec<Leaf>,
    /// The result's leaves: `flat` is 0 when it is one flat value, `mem` its offset in the
    /// return area otherwise.
    pub result_leaves: Vec<Leaf>,
    pub params_align: u32,
    pub result_align: u32,
}

pub struct Guest<'a> {
    loaded: &'a LoadedWorld,
    /// The names the guest uses: `cm32p2` or the legacy names today's toolchains emit.
    pub mangling: ManglingAndAbi,
    sizes: SizeAlign,
    host: WorldKey,
    resource: TypeId,
    pub funcs: Vec<FuncShape>,
    /// Whether the guest's strings are UTF-8 (which corruptions make sense depends on it).
    pub utf8: bool,
}

impl<'a> Guest<'a> {
    pub fn new(loaded: &'a LoadedWorld, count: usize, mangling: ManglingAndAbi) -> Result<Self> {
        let resolve = &loaded.resolve;
        let mut sizes = SizeAlign::default();
        sizes.fill(resolve)?;
        let world = &resolve.worlds[loaded.world];
        let (host, iface) = world
            .imports
            .iter()
            .find_map(|(key, item)| match item {
                WorldItem::Interface { id, .. } if resolve.id_of(*id).as_deref() == Some(INTERFACE) => {
                    Some((key.clone(), *id))
                }
                _ => None,
            })
            .ok_or_else(|| anyhow!("the world does not import {INTERFACE}"))?;
        let resource = resolve.interfaces[iface].types[RESOURCE];
        let mut guest = Guest { loaded, mangling, sizes, host, resource, funcs: Vec::new(), utf8: true };
        for i in 0..count {
            let shape = guest.shape(i)?;
            guest.funcs.push(shape);
        }
        Ok(guest)
    }

    fn import_func(&self, i: usize) -> &Function {
        let resolve = &self.loaded.resolve;
        let WorldKey::Interface(id) = self.host else { unreachable!("the host interface is imported by id") };
        &resolve.interfaces[id].functions[&format!("f{i}")]
    }

    fn export_func(&self, name: &str) -> Result<&Function> {
        let world = &self.loaded.resolve.worlds[self.loaded.world];
        match world.exports.get(&WorldKey::Name(name.to_string())) {
            Some(WorldItem::Function(f)) => Ok(f),
            _ => Err(anyhow!("the world does not export `{name}`")),
        }
    }

    fn shape(&self, i: usize) -> Result<FuncShape> {
        let resolve = &self.loaded.resolve;
        let import = self.import_func(i);
        let export = self.export_func(&format!("run{i}"))?;
        let import_sig = resolve.wasm_signature(AbiVariant::GuestImport, import);
        let export_sig = resolve.wasm_signature(AbiVariant::GuestExport, export);
        let params: Vec<&Type> = import.params.iter().map(|p| &p.ty).collect();
        let offsets = self.sizes.field_offsets(params.iter().copied());
        let mut leaves = Vec::new();
        let mut flat = 0;
        for (j, (offset, ty)) in offsets.into_iter().enumerate() {
            self.walk(ty, &mut vec![j], flat, offset.size_wasm32() as u32, &mut leaves);
            flat += self.flat_count(ty);
        }
        let mut result_leaves = Vec::new();
        if let Some(ty) = &import.result {
            self.walk(ty, &mut vec![0], 0, 0, &mut result_leaves);
        }
        let params_align = params.iter().map(|t| self.sizes.align(t).align_wasm32() as u32).max().unwrap_or(1);
        let result_align = import.result.as_ref().map_or(1, |t| self.sizes.align(t).align_wasm32() as u32);
        Ok(FuncShape { import_sig, export_sig, leaves, result_leaves, params_align, result_align })
    }

    fn flat_count(&self, ty: &Type) -> usize {
        let mut storage = [WasmType::I32; 64];
        let mut flat = FlatTypes::new(&mut storage);
        self.loaded.resolve.push_flat(ty, &mut flat);
        flat.to_vec().len()
    }

    fn walk(&self, ty: &Type, path: &mut Vec<usize>, flat: usize, mem: u32, out: &mut Vec<Leaf>) {
        let mut leaf = |kind| out.push(Leaf { path: path.clone(), flat, mem, kind });
        let id = match ty {
            Type::Char => return leaf(LeafKind::Char),
            Type::String => return leaf(LeafKind::String),
            Type::Id(id) => *id,
            _ => return,
        };
        let tag_bytes = |tag: Int| match tag {
            Int::U8 => 1,
            Int::U16 => 2,
            Int::U32 => 4,
            Int::U64 => 8,
        };
        match &self.loaded.resolve.types[id].kind {
            TypeDefKind::Record(r) => self.walk_fields(r.fields.iter().map(|f| &f.ty), path, flat, mem, out),
            TypeDefKind::Tuple(t) => self.walk_fields(t.types.iter(), path, flat, mem, out),
            TypeDefKind::FixedLengthList(elem, n) => {
                let stride = self.sizes.size(elem).size_wasm32() as u32;
                let elem_flat = self.flat_count(elem);
                for k in 0..*n as usize {
                    path.push(k);
                    self.walk(elem, path, flat + k * elem_flat, mem + k as u32 * stride, out);
                    path.pop();
                }
            }
            TypeDefKind::Variant(v) => {
                leaf(LeafKind::Discriminant { cases: v.cases.len() as u32, bytes: tag_bytes(v.tag()) })
            }
            TypeDefKind::Enum(e) => {
                leaf(LeafKind::Discriminant { cases: e.cases.len() as u32, bytes: tag_bytes(e.tag()) })
            }
            TypeDefKind::Option(_) | TypeDefKind::Result(_) => leaf(LeafKind::Discriminant { cases: 2, bytes: 1 }),
            TypeDefKind::Handle(Handle::Own(_)) => leaf(LeafKind::Own),
            TypeDefKind::Handle(Handle::Borrow(_)) => leaf(LeafKind::Borrow),
            TypeDefKind::List(elem) => leaf(LeafKind::List { align: self.sizes.align(elem).align_wasm32() as u32 }),
            TypeDefKind::Type(t) => self.walk(t, path, flat, mem, out),
            _ => {}
        }
    }

    fn walk_fields<'t>(
        &self,
        fields: impl Iterator<Item = &'t Type> + Clone,
        path: &mut Vec<usize>,
        flat: usize,
        mem: u32,
        out: &mut Vec<Leaf>,
    ) {
        let mut field_flat = flat;
        for (j, (offset, ty)) in self.sizes.field_offsets(fields).into_iter().enumerate() {
            path.push(j);
            self.walk(ty, path, field_flat, mem + offset.size_wasm32() as u32, out);
            path.pop();
            field_flat += self.flat_count(ty);
        }
    }

    /// Every corruption the function's shape allows.
    pub fn corruptions(&self, i: usize) -> Vec<Corruption> {
        let shape = &self.funcs[i];
        let mut all = Vec::new();
        let mut add = |target: &Target, faults: &[Fault]| {
            all.extend(faults.iter().map(|&fault| Corruption { target: target.clone(), fault, also_kept: None }));
        };
        let results_in_memory = shape.export_sig.retptr;
        let leaves = shape.leaves.iter().map(|l| (Target::Param(l.clone()), shape.export_sig.indirect_params));
        let result_leaves = shape.result_leaves.iter().map(|l| (Target::Result(l.clone()), results_in_memory));
        for (target, in_memory) in leaves.chain(result_leaves) {
            let (Target::Param(leaf) | Target::Result(leaf)) = &target else { unreachable!("leaves only") };
            match leaf.kind {
                LeafKind::Discriminant { cases, bytes } => {
                    // Flat, a discriminant is a whole i32 and anything past the cases traps;
                    // in memory it is only as wide as its type.
                    let max = if in_memory { (1u64 << (8 * bytes)) - 1 } else { u32::MAX as u64 };
                    let values = [cases as u64, cases as u64 + 1, 0xFF, 0x100, 0xFFFF, max];
                    let faults: Vec<Fault> = values
                        .into_iter()
                        .filter(|&v| v >= cases as u64 && v <= max)
                        .map(|v| Fault::Discriminant(v as u32))
                        .collect();
                    add(&target, &faults);
                }
                LeafKind::Char => add(
                    &target,
                    &[Fault::Char(0xD800), Fault::Char(0xDFFF), Fault::Char(0x11_0000), Fault::Char(u32::MAX)],
                ),
                // An 0xFF byte is invalid only in UTF-8; UTF-16 and latin1+utf16 strings are
                // 2-aligned instead.
                LeafKind::String if self.utf8 => add(&target, &[Fault::PointerOutOfBounds, Fault::InvalidUtf8]),
                LeafKind::String => add(&target, &[Fault::PointerOutOfBounds, Fault::PointerMisaligned]),
                LeafKind::List { align } if align > 1 => {
                    add(&target, &[Fault::PointerOutOfBounds, Fault::PointerMisaligned])
                }
                LeafKind::List { .. } => add(&target, &[Fault::PointerOutOfBounds]),
                LeafKind::Own => {
                    add(&target, &[Fault::DroppedHandle, Fault::UnknownHandle(0), Fault::UnknownHandle(1000)])
                }
                LeafKind::Borrow => add(
                    &target,
                    &[Fault::DroppedHandle, Fault::UnknownHandle(0), Fault::UnknownHandle(1000), Fault::BorrowKept],
                ),
            }
        }
        // Two handles the same, at least one of them moved (two borrows of one handle are fine).
        let handles: Vec<(usize, &Leaf)> = shape
            .leaves
            .iter()
            .enumerate()
            .filter(|(_, l)| matches!(l.kind, LeafKind::Own | LeafKind::Borrow))
            .collect();
        for &(_, to) in &handles {
            for &(from, source) in &handles {
                if source != to && (source.kind == LeafKind::Own || to.kind == LeafKind::Own) {
                    add(&Target::Param(to.clone()), &[Fault::DuplicateHandle { from }]);
                }
            }
        }
        if shape.export_sig.indirect_params {
            add(&Target::SpillPointer, &[Fault::PointerOutOfBounds]);
            if shape.params_align > 1 {
                add(&Target::SpillPointer, &[Fault::PointerMisaligned]);
            }
        }
        if shape.import_sig.retptr {
            for target in [Target::ImportReturnPointer, Target::ExportReturnPointer] {
                add(&target, &[Fault::PointerOutOfBounds]);
                if shape.result_align > 1 {
                    add(&target, &[Fault::PointerMisaligned]);
                }
            }
        }
        all
    }

    /// One random corruption for each function: first a kind (so that kinds with many variants,
    /// like discriminant values, do not crowd out the rest), then one of that kind.
    pub fn pick_corruptions(&self, rng: &mut Rng) -> Vec<Corruption> {
        (0..self.funcs.len())
            .map(|i| {
                let all = self.corruptions(i);
                let mut labels: Vec<&str> = all.iter().map(|c| c.label()).collect();
                labels.sort_unstable();
                labels.dedup();
                let label = *rng.pick(&labels);
                let of_kind: Vec<&Corruption> = all.iter().filter(|c| c.label() == label).collect();
                let mut picked = (*rng.pick(&of_kind)).clone();
                let borrows: Vec<&Leaf> = self.funcs[i].leaves.iter().filter(|l| l.kind == LeafKind::Borrow).collect();
                let bad_result = matches!(picked.target, Target::Result(_) | Target::ExportReturnPointer);
                if bad_result && !borrows.is_empty() && rng.percent(40) {
                    picked.also_kept = Some((*rng.pick(&borrows)).clone());
                }
                picked
            })
            .collect()
    }

    /// The guest as WAT; `corruptions[i]`, when given, is applied in `run<i>`.
    pub fn wat(&self, corruptions: Option<&[Corruption]>, fault: Option<GuestFault>) -> Result<String> {
        let resolve = &self.loaded.resolve;
        let std = self.mangling;
        let mut wat = String::from("(module\n");
        for i in 0..self.funcs.len() {
            let (module, name) = resolve
                .wasm_import_name(std, WasmImport::Func { interface: Some(&self.host), func: self.import_func(i) });
            let sig = &self.funcs[i].import_sig;
            let _ = writeln!(
                wat,
                "  (import {module:?} {name:?} (func $f{i} {} {}))",
                core_list("param", &sig.params),
                core_list("result", &sig.results)
            );
        }
        let (module, name) = resolve.wasm_import_name(
            std,
            WasmImport::ResourceIntrinsic {
                interface: Some(&self.host),
                resource: self.resource,
                intrinsic: ResourceIntrinsic::ImportedDrop,
            },
        );
        let _ = writeln!(wat, "  (import {module:?} {name:?} (func $res_drop (param i32)))");
        // A handle of 0 would trap too, but leaving must be refused before the handle is read.
        let leave = "(call $res_drop (i32.const 0))";
        let realloc_leaves = if fault == Some(GuestFault::ReallocLeaves) { leave } else { "" };
        let realloc_result = if fault == Some(GuestFault::ReallocOutOfBounds) {
            format!("(i32.const {OUT_OF_BOUNDS})")
        } else {
            "(local.get $ptr)".to_string()
        };
        let memory = resolve.wasm_export_name(std, WasmExport::Memory);
        let realloc = resolve.wasm_export_name(std, WasmExport::Realloc);
        let _ = write!(
            wat,
            r#"  (memory (export {memory:?}) {INITIAL_PAGES})
  (global $heap (mut i32) (i32.const {HEAP_START}))
  (global $log (mut i32) (i32.const {LOG_START}))
  (func $log (param i32 i32 i32 i32)
    (if (i32.ge_u (global.get $log) (i32.const {LOG_END})) (then unreachable))
    (i32.store (global.get $log) (local.get 0))
    (i32.store offset=4 (global.get $log) (local.get 1))
    (i32.store offset=8 (global.get $log) (local.get 2))
    (i32.store offset=12 (global.get $log) (local.get 3))
    (global.set $log (i32.add (global.get $log) (i32.const 16))))
  (func (export {realloc:?}) (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
    (local $ptr i32) (local $end i32)
    (call $log (local.get $old) (local.get $old_size) (local.get $align) (local.get $size))
    {realloc_leaves}
    (local.set $ptr (i32.and
      (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
      (i32.sub (i32.const 0) (local.get $align))))
    (local.set $end (i32.add (local.get $ptr) (local.get $size)))
    (if (i32.gt_u (local.get $end) (i32.mul (memory.size) (i32.const 65536)))
      (then
        (if (i32.eq (i32.const -1)
              (memory.grow (i32.sub (i32.shr_u (i32.add (local.get $end) (i32.const 65535)) (i32.const 16))
                                    (memory.size))))
          (then unreachable))))
    ;; Growing or shrinking a block keeps what it held (transcoding strings relies on it).
    (if (local.get $old)
      (then (memory.copy (local.get $ptr) (local.get $old)
        (select (local.get $old_size) (local.get $size) (i32.lt_u (local.get $old_size) (local.get $size))))))
    (global.set $heap (local.get $end))
    {realloc_result})
"#
        );
        let log = self.export_func("realloc-log")?;
        let log_name = resolve
            .wasm_export_name(std, WasmExport::Func { interface: None, func: log, kind: WasmExportKind::Normal });
        let _ = write!(
            wat,
            r#"  (func (export {log_name:?}) (result i32)
    (i32.store (i32.const {RESULT_AREA}) (i32.const {LOG_START}))
    (i32.store (i32.const {}) (i32.shr_u (i32.sub (global.get $log) (i32.const {LOG_START})) (i32.const 2)))
    (i32.const {RESULT_AREA}))
"#,
            RESULT_AREA + 4
        );
        let post_leaves = fault == Some(GuestFault::PostReturnLeaves);
        for i in 0..self.funcs.len() {
            self.forwarder(i, corruptions.map(|c| &c[i]), post_leaves, &mut wat)?;
        }
        wat.push_str(")\n");
        Ok(wat)
    }

    fn forwarder(&self, i: usize, corruption: Option<&Corruption>, post_leaves: bool, wat: &mut String) -> Result<()> {
        let resolve = &self.loaded.resolve;
        let std = self.mangling;
        let shape = &self.funcs[i];
        let export = self.export_func(&format!("run{i}"))?;
        let name = resolve
            .wasm_export_name(std, WasmExport::Func { interface: None, func: export, kind: WasmExportKind::Normal });
        let post = resolve.wasm_export_name(
            std,
            WasmExport::Func { interface: None, func: export, kind: WasmExportKind::PostReturn },
        );
        let (import, export_sig) = (&shape.import_sig, &shape.export_sig);
        let forwarded = import.params.len() - usize::from(import.retptr);
        if forwarded != export_sig.params.len() {
            return Err(anyhow!("run{i} takes {} flat values but f{i} {forwarded}", export_sig.params.len()))
                .context("wit-parser flattened an import and an export of one type differently");
        }
        let spilled = export_sig.indirect_params;

        let _ = writeln!(
            wat,
            "  (func (export {name:?}) {} {}",
            core_list("param", &export_sig.params),
            core_list("result", &export_sig.results)
        );
        let result_local = if import.results.is_empty() {
            String::new()
        } else {
            let _ = writeln!(wat, "    (local $result {})", core_name(&import.results[0]));
            "(local.set $result)".to_string()
        };

        let in_results = |leaf: &Leaf| (RETURN_AREA + leaf.mem, import.retptr);
        let in_params = |leaf: &Leaf| (leaf.mem, spilled);
        // Where a leaf's value lives, as a WAT expression for its (first) i32.
        let read = |leaf: &Leaf, result: bool| -> String {
            match (result, if result { in_results(leaf) } else { in_params(leaf) }) {
                (false, (offset, true)) => format!("(i32.load offset={offset} (local.get 0))"),
                (false, (_, false)) => format!("(local.get {})", leaf.flat),
                (true, (offset, true)) => format!("(i32.load offset={offset} (i32.const 0))"),
                (true, (_, false)) => "(local.get $result)".to_string(),
            }
        };
        // How to change a leaf's (first) i32 to `value`: for a flat argument, the argument
        // passed is replaced instead.
        let write = |leaf: &Leaf, result: bool, fault: Fault, value: &str, flat_arg: &mut Option<(usize, String)>| {
            let store = match (fault, leaf.kind) {
                (Fault::Discriminant(_), LeafKind::Discriminant { bytes: 1, .. }) => "i32.store8",
                (Fault::Discriminant(_), LeafKind::Discriminant { bytes: 2, .. }) => "i32.store16",
                _ => "i32.store",
            };
            match (result, if result { in_results(leaf) } else { in_params(leaf) }) {
                (false, (offset, true)) => format!("    ({store} offset={offset} (local.get 0) {value})\n"),
                (false, (_, false)) => {
                    *flat_arg = Some((leaf.flat, value.to_string()));
                    String::new()
                }
                (true, (offset, true)) => format!("    ({store} offset={offset} (i32.const 0) {value})\n"),
                (true, (_, false)) => format!("    (local.set $result {value})\n"),
            }
        };
        let corrupt = |leaf: &Leaf, result: bool, fault: Fault, flat_arg: &mut Option<(usize, String)>| -> String {
            match fault {
                Fault::InvalidUtf8 => format!("    (i32.store8 {} (i32.const 0xFF))\n", read(leaf, result)),
                Fault::DroppedHandle => format!("    (call $res_drop {})\n", read(leaf, result)),
                Fault::BorrowKept => String::new(),
                Fault::Discriminant(v) | Fault::Char(v) | Fault::UnknownHandle(v) => {
                    write(leaf, result, fault, &format!("(i32.const {v})"), flat_arg)
                }
                Fault::PointerOutOfBounds => {
                    write(leaf, result, fault, &format!("(i32.const {OUT_OF_BOUNDS})"), flat_arg)
                }
                Fault::PointerMisaligned => {
                    write(leaf, result, fault, &format!("(i32.add {} (i32.const 1))", read(leaf, result)), flat_arg)
                }
                Fault::DuplicateHandle { from } => {
                    write(leaf, result, fault, &read(&shape.leaves[from], false), flat_arg)
                }
            }
        };
        let bad_pointer = |fault: Fault, good: &str| match fault {
            Fault::PointerOutOfBounds => format!("(i32.const {OUT_OF_BOUNDS})"),
            _ => format!("(i32.add {good} (i32.const 1))"),
        };

        // Before the call: corrupt an argument.
        let mut flat_arg: Option<(usize, String)> = None;
        let mut spill_pointer = "(local.get 0)".to_string();
        let mut return_pointer = format!("(i32.const {RETURN_AREA})");
        let mut returned_pointer = format!("(i32.const {RETURN_AREA})");
        let mut after_call = String::new();
        if let Some(c) = corruption {
            match &c.target {
                Target::SpillPointer => spill_pointer = bad_pointer(c.fault, &spill_pointer),
                Target::ImportReturnPointer => return_pointer = bad_pointer(c.fault, &return_pointer),
                Target::ExportReturnPointer => returned_pointer = bad_pointer(c.fault, &returned_pointer),
                Target::Param(leaf) => wat.push_str(&corrupt(leaf, false, c.fault, &mut flat_arg)),
                Target::Result(leaf) => after_call = corrupt(leaf, true, c.fault, &mut flat_arg),
            }
        }

        // The call, with the export's arguments passed on.
        let mut args = Vec::new();
        if spilled {
            args.push(spill_pointer);
        } else {
            for k in 0..forwarded {
                match &flat_arg {
                    Some((at, value)) if *at == k => args.push(value.clone()),
                    _ => args.push(format!("(local.get {k})")),
                }
            }
        }
        if import.retptr {
            args.push(return_pointer);
        }
        let _ = writeln!(wat, "    (call $f{i} {}) {result_local}", args.join(" "));

        // Borrowed handles must be given back before the export returns.
        let kept = |leaf: &Leaf| match corruption {
            Some(Corruption { target: Target::Param(bad), fault: Fault::BorrowKept, .. }) => bad == leaf,
            Some(Corruption { also_kept: Some(bad), .. }) => bad == leaf,
            _ => false,
        };
        for leaf in shape.leaves.iter().filter(|l| l.kind == LeafKind::Borrow && !kept(l)) {
            let _ = writeln!(wat, "    (call $res_drop {})", read(leaf, false));
        }
        wat.push_str(&after_call);
        if import.retptr {
            let _ = writeln!(wat, "    {returned_pointer}");
        } else if !import.results.is_empty() {
            let _ = writeln!(wat, "    (local.get $result)");
        }
        wat.push_str("  )\n");
        let leave = if post_leaves { " (call $res_drop (i32.const 0))" } else { "" };
        let _ = writeln!(
            wat,
            "  (func (export {post:?}) {} (call $log (i32.const {POST_RETURN_MARK}) (i32.const {i}) (i32.const 0) (i32.const 0)){leave})",
            core_list("param", &export_sig.results)
        );
        Ok(())
    }
}

fn core_name(ty: &WasmType) -> &'static str {
    match ty {
        WasmType::I32 | WasmType::Pointer | WasmType::Length => "i32",
        WasmType::I64 | WasmType::PointerOrI64 => "i64",
        WasmType::F32 => "f32",
        WasmType::F64 => "f64",
    }
}

fn core_list(keyword: &str, types: &[WasmType]) -> String {
    if types.is_empty() {
        return String::new();
    }
    let names: Vec<&str> = types.iter().map(core_name).collect();
    format!("({keyword} {})", names.join(" "))
}
