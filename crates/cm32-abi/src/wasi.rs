//! The WASI 0.2 WIT embedded at build time from the pinned `wasip2` crate.
//!
//! A user's WIT may name any `wasi:*@0.2.N` with N up to the embedded patch version. For such an N
//! the embedded packages are offered re-versioned to `0.2.N`, and every function, interface and
//! world item whose `@since` is newer than `0.2.N` is gated off, so that a world sees the functions
//! WASI had at that version.

use wit_parser::{PackageName, SourceMap, Stability, UnresolvedPackage, UnresolvedPackageGroup};

include!(concat!(env!("OUT_DIR"), "/wasi_wit.rs"));

/// The version of the embedded WASI packages.
pub fn embedded_version() -> semver::Version {
    WASI_VERSION.parse().expect("build script writes a valid version")
}

/// Whether `name` is a package the embedded WASI can stand in for.
pub fn can_provide(name: &PackageName) -> bool {
    let Some(version) = &name.version else { return false };
    let embedded = embedded_version();
    name.namespace == "wasi"
        && version.major == 0
        && version.minor == embedded.minor
        && version.pre.is_empty()
        && WASI_PACKAGES.iter().any(|(file, _)| file.trim_end_matches(".wit") == name.name)
}

/// Prefix of the feature names that stand for "added after the requested patch version". No user
/// feature can collide with it: WIT feature names are kebab-case identifiers without `:`.
pub const SINCE_GATE_PREFIX: &str = "cm32:wasi-since-";

/// The embedded packages at `version` (same major and minor as the embedded one, patch not newer)
/// that `wanted` names and the packages they use in turn, each as its own unresolved group. Only
/// those are parsed: a world of `wasi:cli` does not pay for lexing `wasi:http`.
pub fn packages_at(version: &semver::Version, wanted: &[PackageName]) -> Vec<UnresolvedPackageGroup> {
    let mut groups: Vec<UnresolvedPackageGroup> = Vec::new();
    let mut to_parse: Vec<String> = wanted.iter().map(|n| n.name.clone()).collect();
    while let Some(name) = to_parse.pop() {
        if groups.iter().any(|g| g.main.name.name == name) {
            continue;
        }
        let Some(group) = package_at(version, &name) else { continue };
        for dep in group.main.foreign_deps.keys() {
            if dep.namespace == "wasi" && dep.version.as_ref() == Some(version) {
                to_parse.push(dep.name.clone());
            }
        }
        groups.push(group);
    }
    groups
}

/// The embedded package `wasi:<name>`, re-versioned to `version` with newer items gated off.
fn package_at(version: &semver::Version, name: &str) -> Option<UnresolvedPackageGroup> {
    let (file, text) = WASI_PACKAGES.iter().find(|(file, _)| file.trim_end_matches(".wit") == name)?;
    let mut map = SourceMap::new();
    map.push_str(
        &format!("<embedded wasi {version}>/{file}"),
        text.replace(&format!("@{WASI_VERSION}"), &format!("@{version}")),
    );
    let mut group = match map.parse() {
        Ok(group) => group,
        Err((_, e)) => panic!("embedded WASI WIT {file} does not parse: {e}"),
    };
    gate_newer_than(&mut group.main, version);
    for nested in &mut group.nested {
        gate_newer_than(nested, version);
    }
    Some(group)
}

fn gate_newer_than(pkg: &mut UnresolvedPackage, version: &semver::Version) {
    let gate = |stability: &mut Stability| {
        if let Stability::Stable { since, deprecated } = stability
            && *since > *version
        {
            *stability =
                Stability::Unstable { feature: format!("{SINCE_GATE_PREFIX}{since}"), deprecated: deprecated.clone() };
        }
    };
    for (_, iface) in pkg.interfaces.iter_mut() {
        gate(&mut iface.stability);
        for func in iface.functions.values_mut() {
            gate(&mut func.stability);
        }
    }
    // Later WASI patches re-expressed old signatures with newer type aliases (`field-name`,
    // since 0.2.1, in functions since 0.2.0). Aliases are transparent to the ABI, so types and
    // `use`s stay visible at every version; only functions, interfaces and world items are gated.
    let ungate = |stability: &mut Stability| {
        if matches!(stability, Stability::Stable { since, .. } if *since > *version) {
            *stability = Stability::Unknown;
        }
    };
    for (_, ty) in pkg.types.iter_mut() {
        ungate(&mut ty.stability);
    }
    for (_, world) in pkg.worlds.iter_mut() {
        gate(&mut world.stability);
        for item in world.imports.values_mut().chain(world.exports.values_mut()) {
            match item {
                wit_parser::WorldItem::Interface { stability, .. } => gate(stability),
                wit_parser::WorldItem::Function(f) => gate(&mut f.stability),
                wit_parser::WorldItem::Type { .. } => {}
            }
        }
        for include in &mut world.includes {
            gate(&mut include.stability);
        }
    }
    for uses in pkg.foreign_deps.values_mut() {
        for (_, stabilities) in uses.values_mut() {
            stabilities.iter_mut().for_each(ungate);
        }
    }
}
