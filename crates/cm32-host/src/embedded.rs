//! The run-time side of a world `bindgen!` embeds as Rust code (`cm32-bindgen`'s `embed.rs`):
//! the macro's expression lists every package, interface, type and world in arena order, naming
//! each other by index; this builder turns those indices into the ids the arenas will hand out.

use id_arena::{ArenaBehavior, DefaultArenaBehavior};
use wit_parser::{Interface, InterfaceId, Package, PackageId, PackageName, Resolve, TypeDef, TypeId, World, WorldId};

/// Ids of a [`Resolve`] that is still empty, for items to be allocated in index order.
pub struct ResolveBuilder {
    resolve: Resolve,
    arenas: [u32; 4],
}

impl Default for ResolveBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl ResolveBuilder {
    pub fn new() -> Self {
        let resolve = Resolve::default();
        let arenas = [
            DefaultArenaBehavior::<Package>::arena_id(resolve.packages.next_id()),
            DefaultArenaBehavior::<Interface>::arena_id(resolve.interfaces.next_id()),
            DefaultArenaBehavior::<TypeDef>::arena_id(resolve.types.next_id()),
            DefaultArenaBehavior::<World>::arena_id(resolve.worlds.next_id()),
        ];
        ResolveBuilder { resolve, arenas }
    }

    pub fn package(&self, index: usize) -> PackageId {
        DefaultArenaBehavior::<Package>::new_id(self.arenas[0], index)
    }

    pub fn interface(&self, index: usize) -> InterfaceId {
        DefaultArenaBehavior::<Interface>::new_id(self.arenas[1], index)
    }

    pub fn ty(&self, index: usize) -> TypeId {
        DefaultArenaBehavior::<TypeDef>::new_id(self.arenas[2], index)
    }

    pub fn world(&self, index: usize) -> WorldId {
        DefaultArenaBehavior::<World>::new_id(self.arenas[3], index)
    }

    /// A version the macro printed from a parsed one.
    pub fn version(&self, text: &str) -> semver::Version {
        semver::Version::parse(text).expect("bindgen!: an embedded version is one it printed")
    }

    /// The resolve, each list allocated in order, so that item `i` gets the id `i` names.
    #[allow(clippy::too_many_arguments)]
    pub fn finish(
        mut self,
        packages: Vec<Package>,
        interfaces: Vec<Interface>,
        types: Vec<TypeDef>,
        worlds: Vec<World>,
        package_names: Vec<(PackageName, PackageId)>,
        features: &[&str],
        all_features: bool,
    ) -> Resolve {
        let r = &mut self.resolve;
        for p in packages {
            r.packages.alloc(p);
        }
        for i in interfaces {
            r.interfaces.alloc(i);
        }
        for t in types {
            r.types.alloc(t);
        }
        for w in worlds {
            r.worlds.alloc(w);
        }
        r.package_names = package_names.into_iter().collect();
        r.features = features.iter().map(|f| f.to_string()).collect();
        r.all_features = all_features;
        self.resolve
    }
}
