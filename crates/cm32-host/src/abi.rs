//! Lifting and lowering: between `Val`s and flat core values plus linear memory, in the spec's
//! order, with every check the spec makes. Written once against [`GuestCx`]; no engine types.

use cm32_abi::CoreType;

use crate::engine::{CoreMemory, CoreVal, GuestCx, GuestFunc};
use crate::table::{Entry, HandleTable};
use crate::trap::{Trap, TrapClass, trap};
use crate::types::{AbiKind, TypeIdx, Types, VariantLayout};
use crate::val::{ResourceAny, Val};

/// Strings and lists longer than this many bytes trap.
pub const MAX_BYTE_LENGTH: u64 = (1 << 28) - 1;

/// One call of the guest's realloc, as the host made it: `(old_ptr, old_size, align, new_size) -> ptr`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReallocCall {
    pub args: [u32; 4],
    pub result: u32,
}

/// A component instance, as the store numbers them (a core module hosted alone is one).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ComponentIdx(pub u32);

/// How strings are encoded in a guest's memory (`string-encoding=`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StringEncoding {
    #[default]
    Utf8,
    Utf16,
    /// Latin-1 where every character fits, UTF-16 otherwise; the length says which
    /// ([`UTF16_TAG`]).
    Latin1Utf16,
}

/// The encoding a string is transcoded from, with `latin1+utf16` split into its two cases.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Source {
    Utf8,
    Utf16,
    Latin1,
}

/// In `latin1+utf16`, the length bit that marks a string as UTF-16.
pub const UTF16_TAG: u32 = 1 << 31;

/// How one function crosses the Canonical ABI: the options of its `canon lift` or `canon lower`.
/// Every function carries its own; nothing is fixed per module or per WIT function.
#[derive(Clone, Copy, Debug)]
pub struct CanonOptions {
    /// The component instance whose handle table and flags the call uses.
    pub component: ComponentIdx,
    pub memory: Option<CoreMemory>,
    pub realloc: Option<GuestFunc>,
    /// Runs after the host has read an export's results.
    pub post_return: Option<GuestFunc>,
    pub encoding: StringEncoding,
}

/// The state of one component instance: its handle table and the flags of the spec's call
/// protocol.
pub struct ComponentState {
    pub(crate) table: HandleTable,
    /// False while realloc or post-return runs: the guest may not call out then.
    pub(crate) may_leave: bool,
    /// False while a call into the instance is in progress: it may not be entered again.
    pub(crate) may_enter: bool,
    /// Borrow handles given to the export call in progress and not yet dropped.
    pub(crate) borrows: u32,
    /// Own handles lent to the import call in progress.
    pub(crate) lent: Vec<u32>,
}

impl Default for ComponentState {
    fn default() -> Self {
        ComponentState::new(None)
    }
}

impl ComponentState {
    /// A component instance whose table holds at most `max_handles` live handles.
    pub(crate) fn new(max_handles: Option<usize>) -> Self {
        ComponentState {
            table: HandleTable::with_limit(max_handles),
            may_leave: true,
            may_enter: true,
            borrows: 0,
            lent: Vec::new(),
        }
    }
}

/// The ABI's state of a whole store, which the engine keeps as the store's data.
pub struct State<T> {
    pub(crate) user: T,
    pub(crate) components: Vec<ComponentState>,
    pub(crate) poisoned: bool,
    pub(crate) realloc_log: Option<Vec<ReallocCall>>,
    /// The handle limit of every component instance of the store.
    pub(crate) max_handles: Option<usize>,
}

impl<T> State<T> {
    pub(crate) fn new(user: T, components: usize, record_realloc: bool, max_handles: Option<usize>) -> Self {
        State {
            user,
            components: (0..components).map(|_| ComponentState::new(max_handles)).collect(),
            poisoned: false,
            realloc_log: record_realloc.then(Vec::new),
            max_handles,
        }
    }

    /// A new component instance, with its own handle table.
    pub(crate) fn add_component(&mut self) -> ComponentIdx {
        self.components.push(ComponentState::new(self.max_handles));
        ComponentIdx(self.components.len() as u32 - 1)
    }

    /// The state of component instance `c`, which the link step created.
    #[inline]
    pub(crate) fn component(&mut self, c: ComponentIdx) -> &mut ComponentState {
        &mut self.components[c.0 as usize]
    }
}

/// Reads flat values in order.
pub struct FlatSrc<'a> {
    vals: &'a [CoreVal],
    pos: usize,
}

impl<'a> FlatSrc<'a> {
    pub(crate) fn new(vals: &'a [CoreVal]) -> Self {
        FlatSrc { vals, pos: 0 }
    }

    #[inline(always)]
    pub(crate) fn next(&mut self) -> Result<CoreVal, Trap> {
        let v = self.vals.get(self.pos).copied().ok_or_else(|| trap(TrapClass::Host, "too few core values"))?;
        self.pos += 1;
        Ok(v)
    }
}

/// Collects flat values; at most 16 params plus a return pointer are ever produced. It lives on
/// the stack of every call, so it is not initialised up front.
pub struct FlatDst {
    vals: [std::mem::MaybeUninit<CoreVal>; 17],
    len: usize,
}

impl FlatDst {
    #[inline(always)]
    pub(crate) fn new() -> Self {
        FlatDst { vals: [const { std::mem::MaybeUninit::uninit() }; 17], len: 0 }
    }

    #[inline(always)]
    pub(crate) fn push(&mut self, v: CoreVal) -> Result<(), Trap> {
        let slot = self.vals.get_mut(self.len).ok_or_else(|| trap(TrapClass::Host, "too many core values"))?;
        slot.write(v);
        self.len += 1;
        Ok(())
    }

    /// The single pointer of spilled parameters.
    pub(crate) fn push_ptr(&mut self, ptr: u32) {
        self.vals[0].write(CoreVal::I32(ptr as i32));
        self.len = 1;
    }

    #[inline]
    pub(crate) fn as_slice(&self) -> &[CoreVal] {
        // SAFETY: `push` and `push_ptr` initialise every slot below `len` before raising it, and
        // `MaybeUninit<CoreVal>` has the layout of `CoreVal`.
        unsafe { std::slice::from_raw_parts(self.vals.as_ptr().cast::<CoreVal>(), self.len) }
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }
}

fn bounds(ptr: u32, len: u64, mem_len: usize, what: &str) -> Result<(), Trap> {
    if ptr as u64 + len > mem_len as u64 {
        return Err(trap(
            TrapClass::Bounds,
            format!("{what} at {ptr:#x} of {len} bytes passes the end of memory ({mem_len:#x})"),
        ));
    }
    Ok(())
}

fn aligned(ptr: u32, align: u32, what: &str) -> Result<(), Trap> {
    if align > 1 && !ptr.is_multiple_of(align) {
        return Err(trap(TrapClass::Alignment, format!("{what} at {ptr:#x} is not {align}-byte aligned")));
    }
    Ok(())
}

/// Checks a pointer to a value of `size` bytes and alignment `align`.
pub(crate) fn check_ptr(ptr: u32, size: u32, align: u32, mem_len: usize, what: &str) -> Result<(), Trap> {
    aligned(ptr, align, what)?;
    bounds(ptr, size as u64, mem_len, what)
}

/// Why a value is lifted: handles behave differently for the arguments of an import (borrows are
/// lent for the call) and the results of an export.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum LiftFor {
    ImportArgs,
    ExportResults,
}

/// Lifts values out of the guest. Lifting never calls the guest, so it can hold memory and state
/// at once.
pub struct Lifter<'a> {
    pub(crate) mem: &'a [u8],
    pub(crate) st: &'a mut ComponentState,
    pub(crate) types: &'a Types,
    pub(crate) purpose: LiftFor,
    pub(crate) encoding: StringEncoding,
}

impl<'a> Lifter<'a> {
    /// The world's types, for the lifting code `bindgen!` generates.
    pub fn types(&self) -> &'a Types {
        self.types
    }
}

impl Lifter<'_> {
    pub(crate) fn read<const N: usize>(&self, ptr: u32) -> Result<[u8; N], Trap> {
        let start = ptr as usize;
        self.mem
            .get(start..start + N)
            .map(|b| b.try_into().expect("slice of N bytes"))
            .ok_or_else(|| trap(TrapClass::Bounds, format!("read of {N} bytes at {ptr:#x} passes the end of memory")))
    }

    pub(crate) fn u32_at(&self, ptr: u32) -> Result<u32, Trap> {
        Ok(u32::from_le_bytes(self.read::<4>(ptr)?))
    }

    pub(crate) fn lift_flat(&mut self, ty: TypeIdx, src: &mut FlatSrc<'_>) -> Result<Val, Trap> {
        let types = self.types;
        Ok(match &types.get(ty).kind {
            AbiKind::Bool => Val::Bool(src.next()?.i32() != 0),
            AbiKind::S8 => Val::S8(src.next()?.i32() as i8),
            AbiKind::U8 => Val::U8(src.next()?.i32() as u8),
            AbiKind::S16 => Val::S16(src.next()?.i32() as i16),
            AbiKind::U16 => Val::U16(src.next()?.i32() as u16),
            AbiKind::S32 => Val::S32(src.next()?.i32()),
            AbiKind::U32 => Val::U32(src.next()?.i32() as u32),
            AbiKind::S64 => Val::S64(src.next()?.i64()),
            AbiKind::U64 => Val::U64(src.next()?.i64() as u64),
            AbiKind::F32 => Val::F32(f32_of(src.next()?)),
            AbiKind::F64 => Val::F64(f64_of(src.next()?)),
            AbiKind::Char => Val::Char(char_of(src.next()?.i32() as u32)?),
            AbiKind::String => {
                let (ptr, len) = (src.next()?.i32() as u32, src.next()?.i32() as u32);
                Val::String(self.string(ptr, len)?)
            }
            AbiKind::List(elem) => {
                let (ptr, len) = (src.next()?.i32() as u32, src.next()?.i32() as u32);
                Val::List(self.list(*elem, ptr, len)?)
            }
            AbiKind::FixedList(elem, n) => {
                Val::FixedList((0..*n).map(|_| self.lift_flat(*elem, src)).collect::<Result<_, _>>()?)
            }
            AbiKind::Record(fields) => Val::Record(
                fields.iter().map(|f| Ok((f.name.clone(), self.lift_flat(f.ty, src)?))).collect::<Result<_, Trap>>()?,
            ),
            AbiKind::Tuple(fields) => {
                Val::Tuple(fields.iter().map(|f| self.lift_flat(f.ty, src)).collect::<Result<_, _>>()?)
            }
            AbiKind::Variant(layout) | AbiKind::Enum(layout) | AbiKind::Option(layout) | AbiKind::Result(layout) => {
                let joined = &types.get(ty).flat.as_ref().expect("lifted flat, so it has flat types")[1..];
                let case = src.next()?.i32() as u32;
                let (name, payload_ty) = layout.cases.get(case as usize).ok_or_else(|| bad_case(case, layout))?;
                let payload = match payload_ty {
                    None => {
                        for _ in joined {
                            src.next()?;
                        }
                        None
                    }
                    Some(payload_ty) => {
                        let wanted = types.get(*payload_ty).flat.as_ref().expect("payload of a flat variant is flat");
                        let mut coerced = [CoreVal::I32(0); 16];
                        if wanted.len() > coerced.len() {
                            return Err(trap(TrapClass::Host, "a variant payload too large to pass flat"));
                        }
                        for (slot, want) in wanted.iter().enumerate() {
                            coerced[slot] = coerce_from_joined(src.next()?, *want);
                        }
                        for _ in wanted.len()..joined.len() {
                            src.next()?;
                        }
                        Some(self.lift_flat(*payload_ty, &mut FlatSrc::new(&coerced[..wanted.len()]))?)
                    }
                };
                variant_val(&types.get(ty).kind, name, case, payload)
            }
            AbiKind::Flags(names) => {
                let bits = if names.is_empty() { 0 } else { src.next()?.i32() as u32 };
                Val::Flags(flags_of(names, bits))
            }
            AbiKind::Own(r) => Val::Own(self.lift_own(*r, src.next()?.i32() as u32)?),
            AbiKind::Borrow(r) => Val::Borrow(self.lift_borrow(*r, src.next()?.i32() as u32)?),
        })
    }

    /// Loads a value of type `ty` from `ptr`, which the caller checked for alignment and bounds.
    pub(crate) fn load(&mut self, ty: TypeIdx, ptr: u32) -> Result<Val, Trap> {
        let types = self.types;
        Ok(match &types.get(ty).kind {
            AbiKind::Bool => Val::Bool(self.read::<1>(ptr)?[0] != 0),
            AbiKind::S8 => Val::S8(self.read::<1>(ptr)?[0] as i8),
            AbiKind::U8 => Val::U8(self.read::<1>(ptr)?[0]),
            AbiKind::S16 => Val::S16(i16::from_le_bytes(self.read(ptr)?)),
            AbiKind::U16 => Val::U16(u16::from_le_bytes(self.read(ptr)?)),
            AbiKind::S32 => Val::S32(i32::from_le_bytes(self.read(ptr)?)),
            AbiKind::U32 => Val::U32(u32::from_le_bytes(self.read(ptr)?)),
            AbiKind::S64 => Val::S64(i64::from_le_bytes(self.read(ptr)?)),
            AbiKind::U64 => Val::U64(u64::from_le_bytes(self.read(ptr)?)),
            AbiKind::F32 => Val::F32(f32::from_le_bytes(self.read(ptr)?)),
            AbiKind::F64 => Val::F64(f64::from_le_bytes(self.read(ptr)?)),
            AbiKind::Char => Val::Char(char_of(self.u32_at(ptr)?)?),
            AbiKind::String => Val::String(self.string(self.u32_at(ptr)?, self.u32_at(ptr + 4)?)?),
            AbiKind::List(elem) => Val::List(self.list(*elem, self.u32_at(ptr)?, self.u32_at(ptr + 4)?)?),
            AbiKind::FixedList(elem, n) => {
                let size = types.get(*elem).size;
                Val::FixedList((0..*n).map(|i| self.load(*elem, ptr + i * size)).collect::<Result<_, _>>()?)
            }
            AbiKind::Record(fields) => Val::Record(
                fields
                    .iter()
                    .map(|f| Ok((f.name.clone(), self.load(f.ty, ptr + f.offset)?)))
                    .collect::<Result<_, Trap>>()?,
            ),
            AbiKind::Tuple(fields) => {
                Val::Tuple(fields.iter().map(|f| self.load(f.ty, ptr + f.offset)).collect::<Result<_, _>>()?)
            }
            kind @ (AbiKind::Variant(layout)
            | AbiKind::Enum(layout)
            | AbiKind::Option(layout)
            | AbiKind::Result(layout)) => {
                let case = match layout.disc_size {
                    1 => self.read::<1>(ptr)?[0] as u32,
                    2 => u16::from_le_bytes(self.read(ptr)?) as u32,
                    _ => self.u32_at(ptr)?,
                };
                let (name, payload_ty) = layout.cases.get(case as usize).ok_or_else(|| bad_case(case, layout))?;
                let payload = match payload_ty {
                    Some(t) => Some(self.load(*t, ptr + layout.payload_offset)?),
                    None => None,
                };
                variant_val(kind, name, case, payload)
            }
            AbiKind::Flags(names) => {
                let bits = match types.get(ty).size {
                    0 => 0,
                    1 => self.read::<1>(ptr)?[0] as u32,
                    2 => u16::from_le_bytes(self.read(ptr)?) as u32,
                    _ => self.u32_at(ptr)?,
                };
                Val::Flags(flags_of(names, bits))
            }
            AbiKind::Own(r) => Val::Own(self.lift_own(*r, self.u32_at(ptr)?)?),
            AbiKind::Borrow(r) => Val::Borrow(self.lift_borrow(*r, self.u32_at(ptr)?)?),
        })
    }

    /// A string of `units` code units (tagged, in `latin1+utf16`) at `ptr`, decoded as the
    /// options' encoding says; any invalid sequence traps.
    pub(crate) fn string(&self, ptr: u32, units: u32) -> Result<String, Trap> {
        let (utf16, alignment, byte_length) = match self.encoding {
            StringEncoding::Utf8 => (false, 1, units as u64),
            StringEncoding::Utf16 => (true, 2, 2 * units as u64),
            StringEncoding::Latin1Utf16 if units & UTF16_TAG != 0 => (true, 2, 2 * (units ^ UTF16_TAG) as u64),
            StringEncoding::Latin1Utf16 => (false, 2, units as u64),
        };
        if byte_length > MAX_BYTE_LENGTH {
            return Err(trap(TrapClass::Bounds, format!("string of {byte_length} bytes is longer than 2^28-1")));
        }
        aligned(ptr, alignment, "string")?;
        bounds(ptr, byte_length, self.mem.len(), "string")?;
        let bytes = &self.mem[ptr as usize..ptr as usize + byte_length as usize];
        match (self.encoding, utf16) {
            (StringEncoding::Utf8, _) => std::str::from_utf8(bytes)
                .map(str::to_owned)
                .map_err(|e| trap(TrapClass::Utf8, format!("string at {ptr:#x} is not UTF-8: {e}"))),
            (_, true) => {
                let units = bytes.chunks_exact(2).map(|b| u16::from_le_bytes([b[0], b[1]]));
                char::decode_utf16(units).collect::<Result<String, _>>().map_err(|e| {
                    trap(
                        TrapClass::Utf8,
                        format!("string at {ptr:#x} is not UTF-16: lone surrogate {:#x}", e.unpaired_surrogate()),
                    )
                })
            }
            // Every byte is a Latin-1 character.
            (_, false) => Ok(bytes.iter().map(|b| char::from(*b)).collect()),
        }
    }

    /// Checks a list's pointer and length against its element type and memory.
    pub(crate) fn check_list(&self, elem: TypeIdx, ptr: u32, len: u32) -> Result<(), Trap> {
        let (size, align) = (self.types.get(elem).size, self.types.get(elem).align);
        aligned(ptr, align, "list")?;
        let bytes = len as u64 * size as u64;
        if bytes > MAX_BYTE_LENGTH {
            return Err(trap(TrapClass::Bounds, format!("list of {len} elements is {bytes} bytes, past 2^28-1")));
        }
        bounds(ptr, bytes, self.mem.len(), "list")
    }

    fn list(&mut self, elem: TypeIdx, ptr: u32, len: u32) -> Result<Vec<Val>, Trap> {
        self.check_list(elem, ptr, len)?;
        let size = self.types.get(elem).size;
        if let AbiKind::U8 = self.types.get(elem).kind {
            return Ok(self.mem[ptr as usize..ptr as usize + len as usize].iter().map(|b| Val::U8(*b)).collect());
        }
        (0..len).map(|i| self.load(elem, ptr + i * size)).collect()
    }

    pub(crate) fn lift_own(&mut self, resource: crate::types::ResourceIdx, handle: u32) -> Result<ResourceAny, Trap> {
        let entry = self.st.table.remove(handle, resource, true)?;
        Ok(ResourceAny { ty: resource, rep: entry.rep })
    }

    pub(crate) fn lift_borrow(
        &mut self,
        resource: crate::types::ResourceIdx,
        handle: u32,
    ) -> Result<ResourceAny, Trap> {
        if self.purpose == LiftFor::ExportResults {
            return Err(trap(TrapClass::Handle, "a borrow cannot be returned"));
        }
        let entry = self.st.table.get(handle, resource)?;
        entry.lends += 1;
        let rep = entry.rep;
        self.st.lent.push(handle);
        Ok(ResourceAny { ty: resource, rep })
    }
}

/// Ends the lends of the import call in progress, from `mark` on.
pub(crate) fn end_lends(st: &mut ComponentState, mark: usize) {
    while st.lent.len() > mark {
        let handle = st.lent.pop().expect("longer than mark");
        st.table.unlend(handle);
    }
}

pub(crate) fn bad_case(case: u32, layout: &VariantLayout) -> Trap {
    trap(TrapClass::Discriminant, format!("case index {case} is out of range ({} cases)", layout.cases.len()))
}

fn variant_val(kind: &AbiKind, name: &str, case: u32, payload: Option<Val>) -> Val {
    let boxed = payload.map(Box::new);
    match kind {
        AbiKind::Enum(_) => Val::Enum(name.to_string()),
        AbiKind::Option(_) => Val::Option(boxed),
        AbiKind::Result(_) if case == 0 => Val::Result(Ok(boxed)),
        AbiKind::Result(_) => Val::Result(Err(boxed)),
        _ => Val::Variant(name.to_string(), boxed),
    }
}

fn flags_of(names: &[String], bits: u32) -> Vec<String> {
    names.iter().enumerate().filter(|(i, _)| bits & (1 << i) != 0).map(|(_, n)| n.clone()).collect()
}

pub(crate) fn char_of(code: u32) -> Result<char, Trap> {
    char::from_u32(code).ok_or_else(|| trap(TrapClass::Char, format!("{code:#x} is not a Unicode scalar value")))
}

pub(crate) fn f32_of(v: CoreVal) -> f32 {
    match v {
        CoreVal::F32(bits) => f32::from_bits(bits),
        other => f32::from_bits(other.i32() as u32),
    }
}

pub(crate) fn f64_of(v: CoreVal) -> f64 {
    match v {
        CoreVal::F64(bits) => f64::from_bits(bits),
        other => f64::from_bits(other.i64() as u64),
    }
}

/// A joined variant slot read back as the type the case wants.
pub(crate) fn coerce_from_joined(have: CoreVal, want: CoreType) -> CoreVal {
    match (have, want) {
        (CoreVal::I32(v), CoreType::F32) => CoreVal::F32(v as u32),
        (CoreVal::I64(v), CoreType::I32) => CoreVal::I32(v as i32),
        (CoreVal::I64(v), CoreType::F32) => CoreVal::F32(v as u32),
        (CoreVal::I64(v), CoreType::F64) => CoreVal::F64(v as u64),
        (v, _) => v,
    }
}

/// A case's slot widened to the joined type.
pub(crate) fn coerce_to_joined(have: CoreVal, want: CoreType) -> CoreVal {
    match (have, want) {
        (CoreVal::F32(bits), CoreType::I32) => CoreVal::I32(bits as i32),
        (CoreVal::I32(v), CoreType::I64) => CoreVal::I64(v as u32 as i64),
        (CoreVal::F32(bits), CoreType::I64) => CoreVal::I64(bits as i64),
        (CoreVal::F64(bits), CoreType::I64) => CoreVal::I64(bits as i64),
        (v, _) => v,
    }
}

/// Why a value is lowered: borrows passed into an export become handles (or, for the guest's own
/// resources, their rep); import results never carry borrows.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum LowerFor {
    ExportArgs,
    ImportResults,
}

/// Lowers values into the guest. Lowering may call the guest's realloc, so it re-borrows memory
/// after every call.
pub struct Lowerer<'a, T> {
    pub(crate) g: &'a mut dyn GuestCx<State<T>>,
    pub(crate) types: &'a Types,
    pub(crate) opts: &'a CanonOptions,
    pub(crate) purpose: LowerFor,
    /// The encoding the strings were lifted from (UTF-8 for the host's), which decides how they
    /// are transcoded and so which realloc calls are made.
    pub(crate) source: StringEncoding,
}

impl<'a, T> Lowerer<'a, T> {
    /// The world's types, for the lowering code `bindgen!` generates.
    pub fn types(&self) -> &'a Types {
        self.types
    }
}

impl<T> Lowerer<'_, T> {
    pub(crate) fn mem(&mut self) -> Result<&mut [u8], Trap> {
        let memory =
            self.opts.memory.ok_or_else(|| trap(TrapClass::Bounds, "the module has no memory to lower into"))?;
        self.g
            .memory_and_data(memory)
            .0
            .ok_or_else(|| trap(TrapClass::Bounds, "the module has no memory to lower into"))
    }

    fn component(&mut self) -> &mut ComponentState {
        let c = self.opts.component;
        self.g.data().component(c)
    }

    pub(crate) fn write(&mut self, ptr: u32, bytes: &[u8]) -> Result<(), Trap> {
        let mem = self.mem()?;
        let dst = mem.get_mut(ptr as usize..ptr as usize + bytes.len()).ok_or_else(|| {
            trap(TrapClass::Bounds, format!("write of {} bytes at {ptr:#x} passes the end of memory", bytes.len()))
        })?;
        dst.copy_from_slice(bytes);
        Ok(())
    }

    /// Calls the guest's realloc for a fresh block, checking the pointer it returns.
    pub(crate) fn alloc(&mut self, align: u32, size: u32) -> Result<u32, Trap> {
        self.realloc(0, 0, align, size)
    }

    /// Calls the guest's realloc (to grow or shrink a block, or for a fresh one from 0, 0),
    /// checking the pointer it returns.
    pub(crate) fn realloc(&mut self, old: u32, old_size: u32, align: u32, size: u32) -> Result<u32, Trap> {
        let realloc = self.opts.realloc.ok_or_else(|| trap(TrapClass::Host, "the module exports no realloc"))?;
        let args = [
            CoreVal::I32(old as i32),
            CoreVal::I32(old_size as i32),
            CoreVal::I32(align as i32),
            CoreVal::I32(size as i32),
        ];
        let mut result = [CoreVal::I32(0)];
        self.component().may_leave = false;
        let called = self.g.call(realloc, &args, &mut result);
        self.component().may_leave = true;
        called?;
        let ptr = result[0].i32() as u32;
        if let Some(log) = &mut self.g.data().realloc_log {
            log.push(ReallocCall { args: [old, old_size, align, size], result: ptr });
        }
        let mem_len = self.mem()?.len();
        check_ptr(ptr, size, align, mem_len, "realloc's result")?;
        Ok(ptr)
    }

    pub(crate) fn lower_flat(&mut self, val: &Val, ty: TypeIdx, dst: &mut FlatDst) -> Result<(), Trap> {
        let types = self.types;
        match (&types.get(ty).kind, val) {
            (AbiKind::Bool, Val::Bool(v)) => dst.push(CoreVal::I32(*v as i32)),
            (AbiKind::S8, Val::S8(v)) => dst.push(CoreVal::I32(*v as i32)),
            (AbiKind::U8, Val::U8(v)) => dst.push(CoreVal::I32(*v as i32)),
            (AbiKind::S16, Val::S16(v)) => dst.push(CoreVal::I32(*v as i32)),
            (AbiKind::U16, Val::U16(v)) => dst.push(CoreVal::I32(*v as i32)),
            (AbiKind::S32, Val::S32(v)) => dst.push(CoreVal::I32(*v)),
            (AbiKind::U32, Val::U32(v)) => dst.push(CoreVal::I32(*v as i32)),
            (AbiKind::S64, Val::S64(v)) => dst.push(CoreVal::I64(*v)),
            (AbiKind::U64, Val::U64(v)) => dst.push(CoreVal::I64(*v as i64)),
            (AbiKind::F32, Val::F32(v)) => dst.push(CoreVal::F32(v.to_bits())),
            (AbiKind::F64, Val::F64(v)) => dst.push(CoreVal::F64(v.to_bits())),
            (AbiKind::Char, Val::Char(c)) => dst.push(CoreVal::I32(*c as i32)),
            (AbiKind::String, Val::String(s)) => {
                let (ptr, units) = self.string(s)?;
                dst.push(CoreVal::I32(ptr as i32))?;
                dst.push(CoreVal::I32(units as i32))
            }
            (AbiKind::List(elem), Val::List(items)) => {
                let ptr = self.list(*elem, items)?;
                dst.push(CoreVal::I32(ptr as i32))?;
                dst.push(CoreVal::I32(items.len() as i32))
            }
            (AbiKind::FixedList(elem, _), Val::FixedList(items) | Val::List(items)) => {
                items.iter().try_for_each(|v| self.lower_flat(v, *elem, dst))
            }
            (AbiKind::Record(fields), Val::Record(vals)) => {
                fields.iter().zip(vals).try_for_each(|(f, (_, v))| self.lower_flat(v, f.ty, dst))
            }
            (AbiKind::Tuple(fields), Val::Tuple(vals)) => {
                fields.iter().zip(vals).try_for_each(|(f, v)| self.lower_flat(v, f.ty, dst))
            }
            (
                AbiKind::Variant(layout) | AbiKind::Enum(layout) | AbiKind::Option(layout) | AbiKind::Result(layout),
                val,
            ) => {
                let joined = &types.get(ty).flat.as_ref().expect("lowered flat, so it has flat types")[1..];
                let (case, payload) = case_of(layout, val)?;
                dst.push(CoreVal::I32(case as i32))?;
                let mut filled = 0;
                if let (Some(payload_ty), Some(payload)) = (layout.cases[case].1, payload) {
                    let mut inner = FlatDst::new();
                    self.lower_flat(payload, payload_ty, &mut inner)?;
                    for (have, want) in inner.as_slice().iter().zip(joined) {
                        dst.push(coerce_to_joined(*have, *want))?;
                    }
                    filled = inner.len();
                }
                for want in &joined[filled..] {
                    dst.push(CoreVal::zero(*want))?;
                }
                Ok(())
            }
            (AbiKind::Flags(names), Val::Flags(set)) => {
                if names.is_empty() {
                    return Ok(());
                }
                dst.push(CoreVal::I32(flag_bits(names, set) as i32))
            }
            (AbiKind::Own(_), Val::Own(r)) => {
                let handle = self.lower_own(*r)?;
                dst.push(CoreVal::I32(handle as i32))
            }
            (AbiKind::Borrow(_), Val::Borrow(r) | Val::Own(r)) => {
                let handle = self.lower_borrow(*r)?;
                dst.push(CoreVal::I32(handle as i32))
            }
            (_, val) => Err(mismatch(types, ty, val)),
        }
    }

    /// Stores `val` at `ptr`, which the caller checked for alignment and bounds.
    pub(crate) fn store(&mut self, val: &Val, ty: TypeIdx, ptr: u32) -> Result<(), Trap> {
        let types = self.types;
        match (&types.get(ty).kind, val) {
            (AbiKind::Bool, Val::Bool(v)) => self.write(ptr, &[*v as u8]),
            (AbiKind::S8, Val::S8(v)) => self.write(ptr, &v.to_le_bytes()),
            (AbiKind::U8, Val::U8(v)) => self.write(ptr, &[*v]),
            (AbiKind::S16, Val::S16(v)) => self.write(ptr, &v.to_le_bytes()),
            (AbiKind::U16, Val::U16(v)) => self.write(ptr, &v.to_le_bytes()),
            (AbiKind::S32, Val::S32(v)) => self.write(ptr, &v.to_le_bytes()),
            (AbiKind::U32, Val::U32(v)) => self.write(ptr, &v.to_le_bytes()),
            (AbiKind::S64, Val::S64(v)) => self.write(ptr, &v.to_le_bytes()),
            (AbiKind::U64, Val::U64(v)) => self.write(ptr, &v.to_le_bytes()),
            (AbiKind::F32, Val::F32(v)) => self.write(ptr, &v.to_le_bytes()),
            (AbiKind::F64, Val::F64(v)) => self.write(ptr, &v.to_le_bytes()),
            (AbiKind::Char, Val::Char(c)) => self.write(ptr, &(*c as u32).to_le_bytes()),
            (AbiKind::String, Val::String(s)) => {
                let (begin, units) = self.string(s)?;
                self.write(ptr, &begin.to_le_bytes())?;
                self.write(ptr + 4, &units.to_le_bytes())
            }
            (AbiKind::List(elem), Val::List(items)) => {
                let begin = self.list(*elem, items)?;
                self.write(ptr, &begin.to_le_bytes())?;
                self.write(ptr + 4, &(items.len() as u32).to_le_bytes())
            }
            (AbiKind::FixedList(elem, _), Val::FixedList(items) | Val::List(items)) => {
                let size = types.get(*elem).size;
                items.iter().enumerate().try_for_each(|(i, v)| self.store(v, *elem, ptr + i as u32 * size))
            }
            (AbiKind::Record(fields), Val::Record(vals)) => {
                fields.iter().zip(vals).try_for_each(|(f, (_, v))| self.store(v, f.ty, ptr + f.offset))
            }
            (AbiKind::Tuple(fields), Val::Tuple(vals)) => {
                fields.iter().zip(vals).try_for_each(|(f, v)| self.store(v, f.ty, ptr + f.offset))
            }
            (
                AbiKind::Variant(layout) | AbiKind::Enum(layout) | AbiKind::Option(layout) | AbiKind::Result(layout),
                val,
            ) => {
                let (case, payload) = case_of(layout, val)?;
                let disc = (case as u32).to_le_bytes();
                self.write(ptr, &disc[..layout.disc_size as usize])?;
                match (layout.cases[case].1, payload) {
                    (Some(t), Some(payload)) => self.store(payload, t, ptr + layout.payload_offset),
                    _ => Ok(()),
                }
            }
            (AbiKind::Flags(names), Val::Flags(set)) => {
                let bits = flag_bits(names, set).to_le_bytes();
                let size = types.get(ty).size as usize;
                self.write(ptr, &bits[..size])
            }
            (AbiKind::Own(_), Val::Own(r)) => {
                let handle = self.lower_own(*r)?;
                self.write(ptr, &handle.to_le_bytes())
            }
            (AbiKind::Borrow(_), Val::Borrow(r) | Val::Own(r)) => {
                let handle = self.lower_borrow(*r)?;
                self.write(ptr, &handle.to_le_bytes())
            }
            (_, val) => Err(mismatch(types, ty, val)),
        }
    }

    /// Stores a host string in the options' encoding, calling realloc in the spec's order (a
    /// worst-case block, shrunk to what was written), and returns its pointer and code units
    /// (tagged, in `latin1+utf16`). The host's strings are UTF-8: their code units are bytes.
    /// Stores a string in the callee's encoding, transcoding from the source encoding with the
    /// spec's realloc calls (`store_string_into_range`); returns the pointer and the (tagged)
    /// number of code units.
    pub(crate) fn string(&mut self, s: &str) -> Result<(u32, u32), Trap> {
        // The source's encoding, with `latin1+utf16` resolved by content: a string whose
        // characters all fit Latin-1 is taken to have been Latin-1.
        let latin1 = || s.chars().all(|c| (c as u32) < 0x100);
        let (source, units) = match self.source {
            StringEncoding::Utf8 => (Source::Utf8, s.len() as u64),
            StringEncoding::Utf16 => (Source::Utf16, s.encode_utf16().count() as u64),
            StringEncoding::Latin1Utf16 if latin1() => (Source::Latin1, s.chars().count() as u64),
            StringEncoding::Latin1Utf16 => (Source::Utf16, s.encode_utf16().count() as u64),
        };
        match (self.opts.encoding, source) {
            (StringEncoding::Utf8, Source::Utf8) => self.copy_string(s.as_bytes(), units, 1, 1),
            (StringEncoding::Utf8, Source::Utf16) => self.string_to_utf8(s, units, 3 * units),
            (StringEncoding::Utf8, Source::Latin1) => self.string_to_utf8(s, units, 2 * units),
            (StringEncoding::Utf16, Source::Utf8) => self.utf8_to_utf16(s, units),
            (StringEncoding::Utf16, _) => self.copy_string(&utf16_bytes(s), units, 2, 2),
            (StringEncoding::Latin1Utf16, Source::Latin1) if self.source == StringEncoding::Latin1Utf16 => {
                let bytes: Vec<u8> = s.chars().map(|c| c as u8).collect();
                self.copy_string(&bytes, units, 1, 2)
            }
            (StringEncoding::Latin1Utf16, Source::Utf16) if self.source == StringEncoding::Latin1Utf16 => {
                self.probably_utf16_to_latin1_or_utf16(s, units)
            }
            (StringEncoding::Latin1Utf16, _) => self.string_to_latin1_or_utf16(s, units),
        }
    }

    fn too_long(bytes: u64) -> Trap {
        trap(TrapClass::Bounds, format!("string of {bytes} bytes is longer than 2^28-1"))
    }

    /// The same encoding (or Latin-1 into UTF-16): one allocation of the exact size.
    fn copy_string(&mut self, encoded: &[u8], units: u64, unit_size: u64, align: u32) -> Result<(u32, u32), Trap> {
        let bytes = unit_size * units;
        if bytes > MAX_BYTE_LENGTH {
            return Err(Self::too_long(bytes));
        }
        let ptr = self.realloc(0, 0, align, bytes as u32)?;
        self.write(ptr, encoded)?;
        Ok((ptr, units as u32))
    }

    /// UTF-16 or Latin-1 into UTF-8: as many bytes as source code units first, grown to the
    /// worst case when the text needs more, then shrunk to fit.
    fn string_to_utf8(&mut self, s: &str, units: u64, worst: u64) -> Result<(u32, u32), Trap> {
        if units > MAX_BYTE_LENGTH {
            return Err(Self::too_long(units));
        }
        let encoded = s.as_bytes();
        let mut ptr = self.realloc(0, 0, 1, units as u32)?;
        self.write(ptr, &encoded[..units as usize])?;
        if (units as usize) < encoded.len() {
            if worst > MAX_BYTE_LENGTH {
                return Err(Self::too_long(worst));
            }
            ptr = self.realloc(ptr, units as u32, 1, worst as u32)?;
            self.write(ptr + units as u32, &encoded[units as usize..])?;
            if worst > encoded.len() as u64 {
                ptr = self.realloc(ptr, worst as u32, 1, encoded.len() as u32)?;
            }
        }
        Ok((ptr, encoded.len() as u32))
    }

    /// UTF-8 into UTF-16: the worst case (two bytes a source byte), then shrunk to fit.
    fn utf8_to_utf16(&mut self, s: &str, units: u64) -> Result<(u32, u32), Trap> {
        let worst = 2 * units;
        if worst > MAX_BYTE_LENGTH {
            return Err(Self::too_long(worst));
        }
        let mut ptr = self.realloc(0, 0, 2, worst as u32)?;
        let encoded = utf16_bytes(s);
        self.write(ptr, &encoded)?;
        if (encoded.len() as u64) < worst {
            ptr = self.realloc(ptr, worst as u32, 2, encoded.len() as u32)?;
        }
        Ok((ptr, encoded.len() as u32 / 2))
    }

    /// UTF-8 or UTF-16 into `latin1+utf16`: Latin-1 while every character fits, then the whole
    /// string widened to UTF-16 in place.
    fn string_to_latin1_or_utf16(&mut self, s: &str, units: u64) -> Result<(u32, u32), Trap> {
        if units > MAX_BYTE_LENGTH {
            return Err(Self::too_long(units));
        }
        let mut ptr = self.realloc(0, 0, 2, units as u32)?;
        let mut written = 0u32;
        for c in s.chars() {
            if (c as u32) < 0x100 {
                self.write(ptr + written, &[c as u8])?;
                written += 1;
                continue;
            }
            // A character past Latin-1: the bytes written so far are widened from the last.
            let worst = 2 * units;
            if worst > MAX_BYTE_LENGTH {
                return Err(Self::too_long(worst));
            }
            ptr = self.realloc(ptr, units as u32, 2, worst as u32)?;
            for j in (0..written).rev() {
                let byte = self.mem()?[(ptr + j) as usize];
                self.write(ptr + 2 * j, &[byte, 0])?;
            }
            let encoded = utf16_bytes(s);
            self.write(ptr + 2 * written, &encoded[2 * written as usize..])?;
            if worst > encoded.len() as u64 {
                ptr = self.realloc(ptr, worst as u32, 2, encoded.len() as u32)?;
            }
            return Ok((ptr, (encoded.len() as u32 / 2) | UTF16_TAG));
        }
        if (written as u64) < units {
            ptr = self.realloc(ptr, units as u32, 2, written)?;
        }
        Ok((ptr, written))
    }

    /// UTF-16 from a `latin1+utf16` source into `latin1+utf16`: copied as UTF-16, then narrowed
    /// to Latin-1 in place when every character fits.
    fn probably_utf16_to_latin1_or_utf16(&mut self, s: &str, units: u64) -> Result<(u32, u32), Trap> {
        let bytes = 2 * units;
        if bytes > MAX_BYTE_LENGTH {
            return Err(Self::too_long(bytes));
        }
        let ptr = self.realloc(0, 0, 2, bytes as u32)?;
        let encoded = utf16_bytes(s);
        self.write(ptr, &encoded)?;
        if s.chars().any(|c| (c as u32) >= 0x100) {
            return Ok((ptr, (encoded.len() as u32 / 2) | UTF16_TAG));
        }
        let latin1: Vec<u8> = s.chars().map(|c| c as u8).collect();
        self.write(ptr, &latin1)?;
        let ptr = self.realloc(ptr, bytes as u32, 1, latin1.len() as u32)?;
        Ok((ptr, latin1.len() as u32))
    }

    /// Allocates the buffer of a list of `len` elements of type `elem`.
    pub(crate) fn alloc_list(&mut self, elem: TypeIdx, len: usize) -> Result<u32, Trap> {
        let (size, align) = (self.types.get(elem).size, self.types.get(elem).align);
        let bytes = len as u64 * size as u64;
        if bytes > MAX_BYTE_LENGTH {
            return Err(trap(TrapClass::Bounds, format!("list of {len} elements is {bytes} bytes, past 2^28-1")));
        }
        self.alloc(align, bytes as u32)
    }

    fn list(&mut self, elem: TypeIdx, items: &[Val]) -> Result<u32, Trap> {
        let size = self.types.get(elem).size;
        let ptr = self.alloc_list(elem, items.len())?;
        if let AbiKind::U8 = self.types.get(elem).kind {
            let mem = self.mem()?;
            let dst = &mut mem[ptr as usize..ptr as usize + items.len()];
            for (d, v) in dst.iter_mut().zip(items) {
                match v {
                    Val::U8(b) => *d = *b,
                    other => return Err(mismatch(self.types, elem, other)),
                }
            }
            return Ok(ptr);
        }
        for (i, v) in items.iter().enumerate() {
            self.store(v, elem, ptr + i as u32 * size)?;
        }
        Ok(ptr)
    }

    pub(crate) fn lower_own(&mut self, r: ResourceAny) -> Result<u32, Trap> {
        self.component().table.add(Entry { resource: r.ty, rep: r.rep, own: true, lends: 0 })
    }

    pub(crate) fn lower_borrow(&mut self, r: ResourceAny) -> Result<u32, Trap> {
        if self.purpose == LowerFor::ImportResults {
            return Err(trap(TrapClass::Host, "a borrow cannot be returned"));
        }
        // A resource lent to the component instance that implements it is its representation.
        if self.types.resource(r.ty).implementer == Some(self.opts.component) {
            return Ok(r.rep);
        }
        let st = self.component();
        st.borrows += 1;
        st.table.add(Entry { resource: r.ty, rep: r.rep, own: false, lends: 0 })
    }
}

fn case_of<'v>(layout: &VariantLayout, val: &'v Val) -> Result<(usize, Option<&'v Val>), Trap> {
    let (name, payload): (&str, Option<&Val>) = match val {
        Val::Variant(name, payload) => (name, payload.as_deref()),
        Val::Enum(name) => (name, None),
        Val::Option(None) => ("none", None),
        Val::Option(Some(v)) => ("some", Some(v)),
        Val::Result(Ok(v)) => ("ok", v.as_deref()),
        Val::Result(Err(v)) => ("err", v.as_deref()),
        other => return Err(trap(TrapClass::Host, format!("expected a variant, found {}", other.kind_name()))),
    };
    let case = layout
        .cases
        .iter()
        .position(|(n, _)| n == name)
        .ok_or_else(|| trap(TrapClass::Host, format!("no case `{name}`")))?;
    Ok((case, payload))
}

fn flag_bits(names: &[String], set: &[String]) -> u32 {
    names.iter().enumerate().filter(|(_, n)| set.contains(n)).fold(0, |bits, (i, _)| bits | 1 << i)
}

fn mismatch(types: &Types, ty: TypeIdx, val: &Val) -> Trap {
    trap(TrapClass::Host, format!("expected a value of type {}, found {}", types.get(ty).name, val.kind_name()))
}

/// `s` in UTF-16, little-endian.
fn utf16_bytes(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}
