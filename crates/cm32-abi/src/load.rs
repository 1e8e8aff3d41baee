//! Loading a world from what the user points at: a `.wit` file, a directory with `deps/`, or a
//! WIT package encoded as WebAssembly. The embedded WASI packages fill in any `wasi:*@0.2.x` the
//! user's WIT names but does not ship.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use wit_parser::{PackageName, Resolve, SourceMap, Stability, UnresolvedPackage, UnresolvedPackageGroup, WorldId};

use crate::wasi;

/// Which `@unstable` features are on.
#[derive(Clone, Debug, Default)]
pub struct WitOptions {
    pub features: Vec<String>,
    pub all_features: bool,
}

/// A resolved world, ready to derive a target from.
#[derive(Debug)]
pub struct LoadedWorld {
    pub resolve: Resolve,
    pub world: WorldId,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    /// wit-parser's own message: it carries `file:line:col` and a snippet of the source.
    #[error("{0}")]
    Wit(String),
    #[error(
        "{package} is newer than the WASI {embedded} that cm32 embeds; put its WIT under `deps/` \
         next to your WIT, or name @{embedded}"
    )]
    WasiTooNew { package: String, embedded: String },
    #[error("unknown feature{} {}; the features this WIT gates on are: {}",
        if .unknown.len() == 1 { "" } else { "s" },
        .unknown.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", "),
        if .known.is_empty() { "(none)".to_string() } else { .known.join(", ") })]
    UnknownFeature { unknown: Vec<String>, known: Vec<String> },
    #[error("{message}; the worlds in {package} are: {}", if .worlds.is_empty() { "(none)".to_string() } else { .worlds.join(", ") })]
    World { message: String, package: String, worlds: Vec<String> },
}

fn wit_error(e: impl std::fmt::Debug) -> LoadError {
    // anyhow's `{:?}` prints the whole context chain, and wit-parser's innermost error renders the
    // offending line with its location.
    LoadError::Wit(format!("{e:?}"))
}

/// Parses and resolves the WIT at `path` and selects `world` (or the package's only world).
pub fn load_world(path: &Path, world: Option<&str>, options: &WitOptions) -> Result<LoadedWorld, LoadError> {
    let mut resolve = Resolve::default();
    let pkg = if path.is_dir() {
        let main = parse_dir(path)?;
        let deps = parse_deps_dir(&mut resolve, &path.join("deps"))?;
        push_with_wasi(&mut resolve, main, deps, options)?
    } else {
        let bytes = std::fs::read(path).map_err(|source| LoadError::Io { path: path.into(), source })?;
        if wat::Detect::from_bytes(&bytes).is_wasm() {
            set_features(&mut resolve, options, &[])?;
            resolve.push_file(path).map_err(wit_error)?
        } else {
            let text = String::from_utf8(bytes).map_err(|_| {
                LoadError::Wit(format!(
                    "{} is neither UTF-8 WIT text nor a WebAssembly-encoded WIT package",
                    path.display()
                ))
            })?;
            let main = parse_text(path, text)?;
            push_with_wasi(&mut resolve, main, Vec::new(), options)?
        }
    };
    let world = select_world(&resolve, pkg, world)?;
    Ok(LoadedWorld { resolve, world })
}

/// Like [`load_world`], for WIT text held in memory; `path` only names it in messages.
pub fn load_world_str(
    path: &Path,
    text: &str,
    world: Option<&str>,
    options: &WitOptions,
) -> Result<LoadedWorld, LoadError> {
    let mut resolve = Resolve::default();
    let main = parse_text(path, text.to_string())?;
    let pkg = push_with_wasi(&mut resolve, main, Vec::new(), options)?;
    let world = select_world(&resolve, pkg, world)?;
    Ok(LoadedWorld { resolve, world })
}

fn parse_text(path: &Path, text: String) -> Result<UnresolvedPackageGroup, LoadError> {
    let mut map = SourceMap::new();
    map.push(path, text);
    parse_map(map)
}

fn parse_dir(path: &Path) -> Result<UnresolvedPackageGroup, LoadError> {
    let mut map = SourceMap::new();
    map.push_dir(path).map_err(wit_error)?;
    if map.source_files().next().is_none() {
        return Err(LoadError::Wit(format!("{} holds no .wit files", path.display())));
    }
    parse_map(map)
}

/// Parses, rendering a syntax error as `file:line:col` with the offending line.
fn parse_map(map: SourceMap) -> Result<UnresolvedPackageGroup, LoadError> {
    map.parse().map_err(|(map, e)| LoadError::Wit(e.render(&map)))
}

fn parse_deps_dir(resolve: &mut Resolve, deps: &Path) -> Result<Vec<UnresolvedPackageGroup>, LoadError> {
    let mut groups = Vec::new();
    if !deps.exists() {
        return Ok(groups);
    }
    let io = |source| LoadError::Io { path: deps.into(), source };
    let mut entries = std::fs::read_dir(deps).map_err(io)?.collect::<Result<Vec<_>, _>>().map_err(io)?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            groups.push(parse_dir(&path)?);
            continue;
        }
        match path.extension().and_then(|e| e.to_str()) {
            Some("wit") => {
                let text =
                    std::fs::read_to_string(&path).map_err(|source| LoadError::Io { path: path.clone(), source })?;
                groups.push(parse_text(&path, text)?);
            }
            // Encoded packages carry their own dependencies and resolve on their own.
            Some("wasm" | "wat") => {
                resolve.push_file(&path).map_err(wit_error)?;
            }
            _ => {}
        }
    }
    Ok(groups)
}

fn packages_of(group: &UnresolvedPackageGroup) -> impl Iterator<Item = &UnresolvedPackage> {
    std::iter::once(&group.main).chain(&group.nested)
}

fn push_with_wasi(
    resolve: &mut Resolve,
    main: UnresolvedPackageGroup,
    mut deps: Vec<UnresolvedPackageGroup>,
    options: &WitOptions,
) -> Result<wit_parser::PackageId, LoadError> {
    let provided: HashSet<PackageName> = std::iter::once(&main)
        .chain(&deps)
        .flat_map(packages_of)
        .map(|p| p.name.clone())
        .chain(resolve.package_names.keys().cloned())
        .collect();
    let mut wasi_versions: BTreeMap<semver::Version, Vec<PackageName>> = BTreeMap::new();
    for pkg in std::iter::once(&main).chain(&deps).flat_map(packages_of) {
        for name in pkg.foreign_deps.keys() {
            if provided.contains(name) || name.namespace != "wasi" {
                continue;
            }
            let Some(version) = &name.version else { continue };
            if wasi::can_provide(name) && *version <= wasi::embedded_version() {
                wasi_versions.entry(version.clone()).or_default().push(name.clone());
            } else if wasi::can_provide(&PackageName { version: Some(wasi::embedded_version()), ..name.clone() }) {
                return Err(LoadError::WasiTooNew {
                    package: name.to_string(),
                    embedded: wasi::embedded_version().to_string(),
                });
            }
        }
    }
    for (version, wanted) in &wasi_versions {
        deps.extend(wasi::packages_at(version, wanted).into_iter().filter(|g| !provided.contains(&g.main.name)));
    }
    set_features(resolve, options, &std::iter::once(&main).chain(&deps).collect::<Vec<_>>())?;
    resolve.push_groups(main, deps).map_err(|e| LoadError::Wit(e.render(&resolve.source_map)))
}

/// Applies `--features`/`--all-features`. "All" means every feature the WIT names, not the
/// synthetic gates that hide WASI items newer than the version a user asked for.
fn set_features(
    resolve: &mut Resolve,
    options: &WitOptions,
    groups: &[&UnresolvedPackageGroup],
) -> Result<(), LoadError> {
    let mut known = BTreeSet::new();
    for pkg in groups.iter().copied().flat_map(packages_of) {
        collect_features(pkg, &mut known);
    }
    known.retain(|f| !f.starts_with(wasi::SINCE_GATE_PREFIX));
    if options.all_features {
        resolve.features.extend(known);
        return Ok(());
    }
    let unknown: Vec<String> = options.features.iter().filter(|f| !known.contains(*f)).cloned().collect();
    if !unknown.is_empty() {
        return Err(LoadError::UnknownFeature { unknown, known: known.into_iter().collect() });
    }
    resolve.features.extend(options.features.iter().cloned());
    Ok(())
}

fn note(stability: &Stability, known: &mut BTreeSet<String>) {
    if let Stability::Unstable { feature, .. } = stability {
        known.insert(feature.clone());
    }
}

fn collect_features(pkg: &UnresolvedPackage, known: &mut BTreeSet<String>) {
    for (_, iface) in pkg.interfaces.iter() {
        note(&iface.stability, known);
        iface.functions.values().for_each(|f| note(&f.stability, known));
    }
    for (_, ty) in pkg.types.iter() {
        note(&ty.stability, known);
    }
    for (_, world) in pkg.worlds.iter() {
        note(&world.stability, known);
        for item in world.imports.values().chain(world.exports.values()) {
            match item {
                wit_parser::WorldItem::Interface { stability, .. } => note(stability, known),
                wit_parser::WorldItem::Function(f) => note(&f.stability, known),
                wit_parser::WorldItem::Type { .. } => {}
            }
        }
        world.includes.iter().for_each(|i| note(&i.stability, known));
    }
}

fn select_world(resolve: &Resolve, pkg: wit_parser::PackageId, world: Option<&str>) -> Result<WorldId, LoadError> {
    resolve.select_world(&[pkg], world).map_err(|e| {
        let package = &resolve.packages[pkg];
        LoadError::World {
            message: format!("{e:#}"),
            package: package.name.to_string(),
            worlds: package.worlds.keys().cloned().collect(),
        }
    })
}

/// The world a module carries in its `component-type` custom sections, as wit-bindgen embeds it;
/// `None` if it carries none.
pub fn world_from_module(wasm: &[u8]) -> Result<Option<LoadedWorld>, LoadError> {
    match wit_component::metadata::decode(wasm) {
        Ok((None, _)) => Ok(None),
        Ok((Some(_), bindgen)) => Ok(Some(LoadedWorld { resolve: bindgen.resolve, world: bindgen.world })),
        Err(e) => Err(LoadError::Wit(format!("the module's component-type section is malformed: {e:#}"))),
    }
}

/// A world as a core module carrying it in a `component-type` custom section (the way
/// wit-bindgen embeds one), which [`world_from_module`] reads back without lexing any WIT.
/// `cm32_host::bindgen!` embeds the world it generated bindings for this way.
pub fn world_to_module(loaded: &LoadedWorld) -> Result<Vec<u8>, LoadError> {
    // The smallest valid core module: the magic number and version.
    let mut module = b"\0asm\x01\0\0\0".to_vec();
    wit_component::embed_component_metadata(
        &mut module,
        &loaded.resolve,
        loaded.world,
        wit_component::StringEncoding::UTF8,
        false,
    )
    .map_err(|e| LoadError::Wit(format!("cannot encode the world: {e:#}")))?;
    Ok(module)
}
