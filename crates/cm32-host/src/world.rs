//! A world prepared for hosting: every value type in the arena, a plan per function, and both
//! targets (derived when a core module is first checked against them: a component needs neither).
//! Built once; shared by every instance.

use std::collections::HashMap;

use std::sync::OnceLock;

use cm32_abi::{CoreType, LoadedWorld, Mangling, Target, TargetError, check_sync, derive_target};
use wit_parser::{
    Function, InterfaceId, Resolve, TypeDef, TypeDefKind, TypeId, TypeOwner, WorldId, WorldItem, WorldKey,
};

use crate::abi::ComponentIdx;

use crate::types::{Field, ResourceIdx, Side, TypeIdx, Types, TypesBuilder};

/// At most this many flat parameters are passed as core parameters; more spill to memory.
pub const MAX_FLAT_PARAMS: usize = 16;
/// At most this many flat results are returned as core results; more go through memory.
pub const MAX_FLAT_RESULTS: usize = 1;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    /// The guest imports the function: the host implements it.
    Import,
    /// The guest exports the function: the host calls it.
    Export,
}

/// An index into [`World::funcs`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FuncIdx(pub(crate) u32);

/// Layout of a parameter list stored in memory (when it spills).
#[derive(Clone, Debug)]
pub struct TupleLayout {
    pub fields: Vec<Field>,
    pub size: u32,
    pub align: u32,
}

/// Everything the call path needs to know about one function, decided at link time.
#[derive(Clone, Debug)]
pub struct FuncPlan {
    /// `<interface>#<function>` or the bare world-level name.
    pub wit: String,
    pub direction: Direction,
    pub params: Vec<(String, TypeIdx)>,
    pub param_types: Vec<TypeIdx>,
    /// Where each parameter sits in the spilled parameter area.
    pub param_offsets: Vec<u32>,
    pub result: Option<TypeIdx>,
    /// The parameters' flat core types, when they are passed flat.
    pub flat_params: Option<Vec<CoreType>>,
    pub params_tuple: TupleLayout,
    /// The result's flat core types, when it is returned flat (0 or 1 of them).
    pub flat_result: Option<Vec<CoreType>>,
    pub needs_memory: bool,
    /// Lowering the parameters can call the guest's realloc (strings, lists, spilled parameters).
    pub params_need_realloc: bool,
    /// Lowering the result can call the guest's realloc (strings, lists).
    pub result_needs_realloc: bool,
}

impl FuncPlan {
    pub fn params_spilled(&self) -> bool {
        self.flat_params.is_none()
    }

    pub fn result_spilled(&self) -> bool {
        self.result.is_some() && self.flat_result.is_none()
    }
}

/// A world ready to link modules against.
///
/// A component that defines resource types or lifts functions of its own gets a copy of the
/// linker's world with those added after the world's own ([`World::extended`]): every index of
/// the world stays valid in the copy.
#[derive(Clone)]
pub struct World {
    pub(crate) resolve: Resolve,
    pub(crate) world: WorldId,
    /// The targets under the standard and the legacy mangling, derived on first use.
    targets: [OnceLock<Target>; 2],
    pub(crate) types: Types,
    pub(crate) funcs: Vec<FuncPlan>,
    by_origin: HashMap<(Direction, Option<WorldKey>, String), FuncIdx>,
}

impl std::fmt::Debug for World {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("World").field("name", &self.name()).field("funcs", &self.funcs.len()).finish()
    }
}

impl World {
    pub fn new(loaded: LoadedWorld) -> Result<World, TargetError> {
        let LoadedWorld { resolve, world } = loaded;
        check_sync(&resolve, world)?;
        let w = &resolve.worlds[world];
        let resource_side = |id: TypeId, ctx: Side| resource_side(&resolve, world, id, ctx);
        let mut builder = TypesBuilder::new(&resolve, &resource_side);
        let mut funcs = Vec::new();
        let mut by_origin = HashMap::new();
        for (direction, items) in [(Direction::Import, &w.imports), (Direction::Export, &w.exports)] {
            let side = if direction == Direction::Import { Side::Host } else { Side::Guest };
            for (key, item) in items {
                let (interface, functions): (Option<&WorldKey>, Vec<&Function>) = match item {
                    WorldItem::Function(f) => (None, vec![f]),
                    WorldItem::Interface { id, .. } => {
                        (Some(key), resolve.interfaces[*id].functions.values().collect())
                    }
                    WorldItem::Type { .. } => continue,
                };
                for func in functions {
                    let wit = match interface {
                        Some(key) => format!("{}#{}", resolve.name_world_key(key), func.name),
                        None => func.name.clone(),
                    };
                    let plan = plan_func(&resolve, &mut builder, wit, func, direction, side);
                    by_origin.insert((direction, interface.cloned(), func.name.clone()), FuncIdx(funcs.len() as u32));
                    funcs.push(plan);
                }
            }
        }
        // World-level and interface resources that no function mentions still get a type, so
        // that their drop intrinsics can be linked.
        for (direction, items) in [(Direction::Import, &w.imports), (Direction::Export, &w.exports)] {
            let side = if direction == Direction::Import { Side::Host } else { Side::Guest };
            for item in items.values() {
                let ids: Vec<TypeId> = match item {
                    WorldItem::Interface { id, .. } => resolve.interfaces[*id].types.values().copied().collect(),
                    WorldItem::Type { id, .. } => vec![*id],
                    WorldItem::Function(_) => continue,
                };
                for id in ids {
                    if matches!(resolve.types[id].kind, wit_parser::TypeDefKind::Resource) {
                        builder.resource_for(id, side);
                    }
                }
            }
        }
        let types = builder.types;
        Ok(World { resolve, world, targets: Default::default(), types, funcs, by_origin })
    }

    pub fn name(&self) -> &str {
        &self.resolve.worlds[self.world].name
    }

    pub fn types(&self) -> &Types {
        &self.types
    }

    pub fn funcs(&self) -> impl Iterator<Item = (FuncIdx, &FuncPlan)> {
        self.funcs.iter().enumerate().map(|(i, f)| (FuncIdx(i as u32), f))
    }

    pub fn func(&self, idx: FuncIdx) -> &FuncPlan {
        &self.funcs[idx.0 as usize]
    }

    pub(crate) fn func_by_origin(
        &self,
        direction: Direction,
        interface: &Option<WorldKey>,
        func: &str,
    ) -> Option<FuncIdx> {
        self.by_origin.get(&(direction, interface.clone(), func.to_string())).copied()
    }

    /// Finds a function by its WIT name: `<interface>#<function>` (the interface with its version,
    /// with another version on the same semver track, or without one) or a bare world-level name.
    pub fn find_func(&self, direction: Direction, wit: &str) -> Option<FuncIdx> {
        let exact = self.funcs().find(|(_, f)| f.direction == direction && f.wit == wit).map(|(i, _)| i);
        exact.or_else(|| {
            let (iface, func) = wit.rsplit_once('#')?;
            let mut matches = self.funcs().filter(|(_, f)| {
                f.direction == direction
                    && f.wit.rsplit_once('#').is_some_and(|(i, n)| n == func && names_interface(iface, i))
            });
            let first = matches.next()?;
            matches.next().is_none().then_some(first.0)
        })
    }

    pub fn target(&self, mangling: Mangling) -> &Target {
        let slot = match mangling {
            Mangling::Standard => &self.targets[0],
            Mangling::Legacy => &self.targets[1],
        };
        slot.get_or_init(|| {
            // `World::new` ran `check_sync`, the one check on which deriving a target can fail.
            derive_target(&self.resolve, self.world, mangling).expect("a synchronous world has a target")
        })
    }

    /// The resource type behind a target's resource intrinsic.
    pub(crate) fn resource(&self, type_id: TypeId, side: Side) -> Option<ResourceIdx> {
        self.types.find_resource(type_id, side)
    }

    pub fn resource_by_name(&self, wit: &str) -> Option<ResourceIdx> {
        self.types.resources().find(|(_, r)| r.wit == wit).map(|(i, _)| i)
    }

    /// A copy of the world for one component, to which it adds its own resource types and the
    /// plans of the functions it lifts.
    pub(crate) fn extended(&self) -> World {
        self.clone()
    }

    pub(crate) fn types_mut(&mut self) -> &mut Types {
        &mut self.types
    }

    /// The resolve the world is in, with the types a component added, if it is an instance's.
    pub fn resolve(&self) -> &Resolve {
        &self.resolve
    }

    /// The world's id in [`World::resolve`].
    pub fn id(&self) -> WorldId {
        self.world
    }

    /// Adds a type definition (for a type a component defines) to the world's resolve.
    pub(crate) fn add_type(&mut self, name: Option<String>, kind: TypeDefKind) -> TypeId {
        self.resolve.types.alloc(TypeDef {
            name,
            kind,
            owner: TypeOwner::None,
            docs: Default::default(),
            stability: Default::default(),
            span: Default::default(),
            external_id: Default::default(),
        })
    }

    /// Adds a resource type that component instance `implementer` defines.
    pub(crate) fn add_guest_resource(&mut self, wit: String, implementer: ComponentIdx) -> (ResourceIdx, TypeId) {
        let id = self.add_type(Some(wit.clone()), TypeDefKind::Resource);
        (self.types.push_guest_resource(wit, implementer, id), id)
    }

    /// Plans a function a component lifts, whose types are in the world's resolve.
    pub(crate) fn add_lifted(&mut self, wit: String, func: &Function) -> FuncIdx {
        let (resolve, world) = (&self.resolve, self.world);
        // Resources without an owner are the ones components define (`add_guest_resource`).
        let resource_side = |id: TypeId, ctx: Side| match resolve.types[id].owner {
            TypeOwner::None => (Side::Guest, resolve.types[id].name.clone().unwrap_or_default()),
            _ => resource_side(resolve, world, id, ctx),
        };
        let mut builder = TypesBuilder::resume(resolve, &resource_side, std::mem::take(&mut self.types));
        let plan = plan_func(resolve, &mut builder, wit, func, Direction::Export, Side::Host);
        self.types = builder.types;
        self.funcs.push(plan);
        FuncIdx(self.funcs.len() as u32 - 1)
    }
}

/// Which side defines the resource type `id` of `world`, and its WIT name, as seen from a function
/// on side `ctx`: a resource of an interface the world only exports is the guest's; one it
/// imports is the host's; one it both imports and exports belongs to the side of the function.
fn resource_side(resolve: &Resolve, world: WorldId, id: TypeId, ctx: Side) -> (Side, String) {
    fn key_of(items: &wit_parser::IndexMap<WorldKey, WorldItem>, iface: InterfaceId) -> Option<&WorldKey> {
        items.iter().find_map(|(k, item)| matches!(item, WorldItem::Interface { id, .. } if *id == iface).then_some(k))
    }
    let w = &resolve.worlds[world];
    let name = resolve.types[id].name.clone().unwrap_or_default();
    match resolve.types[id].owner {
        TypeOwner::Interface(iface) => {
            let imported = key_of(&w.imports, iface);
            let exported = key_of(&w.exports, iface);
            let side = match (imported, exported) {
                (Some(_), Some(_)) => ctx,
                (None, Some(_)) => Side::Guest,
                _ => Side::Host,
            };
            let key = if side == Side::Guest { exported } else { imported };
            let wit = match key {
                Some(key) => format!("{}#{name}", resolve.name_world_key(key)),
                None => name,
            };
            (side, wit)
        }
        _ => (Side::Host, name),
    }
}

fn plan_func(
    resolve: &Resolve,
    builder: &mut TypesBuilder<'_>,
    wit: String,
    func: &Function,
    direction: Direction,
    side: Side,
) -> FuncPlan {
    let params: Vec<(String, TypeIdx)> =
        func.params.iter().map(|p| (p.name.clone(), builder.intern(&p.ty, side))).collect();
    let result = func.result.as_ref().map(|t| builder.intern(t, side));
    let mut flat_params = Some(Vec::new());
    for (_, ty) in &params {
        match (&mut flat_params, &builder.types.get(*ty).flat) {
            (Some(acc), Some(flat)) if acc.len() + flat.len() <= MAX_FLAT_PARAMS => acc.extend(flat),
            _ => flat_params = None,
        }
    }
    let tys: Vec<wit_parser::Type> = func.params.iter().map(|p| p.ty).collect();
    let info = builder.sizes().record(tys.iter());
    let params_tuple = TupleLayout {
        fields: builder.tuple_fields(&tys, side),
        size: info.size.size_wasm32() as u32,
        align: info.align.align_wasm32() as u32,
    };
    let flat_result = match result {
        None => Some(Vec::new()),
        Some(ty) => builder.types.get(ty).flat.clone().filter(|f| f.len() <= MAX_FLAT_RESULTS),
    };
    let params_point = func.params.iter().any(|p| cm32_abi::target::contains_pointer(resolve, &p.ty));
    let result_points = func.result.as_ref().is_some_and(|t| cm32_abi::target::contains_pointer(resolve, t));
    let pointers = params_point || result_points;
    let needs_memory = pointers || flat_params.is_none() || (result.is_some() && flat_result.is_none());
    let params_need_realloc = params_point || flat_params.is_none();
    let param_types = params.iter().map(|(_, t)| *t).collect();
    let param_offsets = params_tuple.fields.iter().map(|f| f.offset).collect();
    FuncPlan {
        wit,
        direction,
        params,
        param_types,
        param_offsets,
        result,
        flat_params,
        params_tuple,
        params_need_realloc,
        result_needs_realloc: result_points,
        flat_result,
        needs_memory,
    }
}

/// Whether `given` (as a host names it: `ns:pkg/iface`, with or without a version) names the
/// world's interface `have`: the same name without versions, or versions on one semver track.
pub(crate) fn names_interface(given: &str, have: &str) -> bool {
    match given.split_once('@') {
        Some(_) => same_interface(given, have),
        None => have.split('@').next() == Some(given),
    }
}

/// The semver track of a version (`0.2.6` → `0.2`, `1.4.0` → `1`): what must agree for an import
/// to bind to another patch or minor version.
pub(crate) fn track(version: &str) -> &str {
    let mut parts = version.splitn(3, '.');
    match (parts.next(), parts.next()) {
        (Some("0"), Some(minor)) => &version[..2 + minor.len()],
        (Some(major), _) => major,
        _ => version,
    }
}

/// Whether the interface name `wanted` (as the component wrote it) is `have` (as the world has
/// it) on the same semver track, or the same name without versions.
pub(crate) fn same_interface(wanted: &str, have: &str) -> bool {
    match (wanted.split_once('@'), have.split_once('@')) {
        (Some((w, wv)), Some((h, hv))) => w == h && track(wv) == track(hv),
        (None, None) => wanted == have,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_bind_by_semver_track() {
        assert!(same_interface("wasi:io/streams@0.2.6", "wasi:io/streams@0.2.12"));
        assert!(!same_interface("wasi:io/streams@0.3.0", "wasi:io/streams@0.2.12"));
        assert!(same_interface("a:b/c@1.0.0", "a:b/c@1.4.2"));
        assert!(!same_interface("a:b/c@2.0.0", "a:b/c@1.4.2"));
        assert!(!same_interface("wasi:io/poll@0.2.6", "wasi:io/streams@0.2.12"));
        assert!(same_interface("local:x/y", "local:x/y"));
        assert_eq!(track("0.2.6"), "0.2");
        assert_eq!(track("1.2.3"), "1");
    }

    #[test]
    fn a_host_names_an_interface_with_or_without_a_version() {
        assert!(names_interface("wasi:io/streams", "wasi:io/streams@0.2.0"));
        assert!(names_interface("wasi:io/streams@0.2.12", "wasi:io/streams@0.2.0"));
        assert!(!names_interface("wasi:io/streams@0.3.0", "wasi:io/streams@0.2.0"));
        assert!(!names_interface("wasi:io/stream", "wasi:io/streams@0.2.0"));
    }
}
