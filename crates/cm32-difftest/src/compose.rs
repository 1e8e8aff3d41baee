//! Two components of one batch composed into one, as `wac plug` would: the *inner* one imports
//! the host's interface and exports `run<i>`; the *outer* one imports the same interface, which
//! the composition fills with the inner one's `run<i>` (as `f<i>`) and the host's types. Every
//! call then crosses from the outer component instance into the inner one before it reaches the
//! host, and each side can use its own string encoding.
//!
//! The composition exports the outer one's `run<i>` and `realloc-log`, and the inner one's
//! `realloc-log` as `realloc-log-inner`.

use anyhow::{Context, Result, anyhow, bail};
use wasm_encoder::{
    Alias, ComponentAliasSection, ComponentExportKind, ComponentExportSection, ComponentInstanceSection,
    ComponentSectionId, RawSection,
};
use wasmparser::{
    ComponentAlias, ComponentExternalKind, ComponentType, ComponentTypeRef, InstanceTypeDeclaration, Parser, Payload,
};

use crate::wit_gen::INTERFACE;

/// The index spaces that the inner component's first sections (its types and the host import)
/// fill; the composition starts with a copy of those sections, so they are its own.
#[derive(Default)]
struct Prelude {
    sections: Vec<(u8, std::ops::Range<usize>)>,
    types: u32,
    funcs: u32,
    instances: u32,
    components: u32,
    /// Each instance type, by type index: its exported names and whether each is a type.
    instance_types: Vec<(u32, Vec<(String, bool)>)>,
    /// The host instance's index and type index.
    host: Option<(u32, u32)>,
    /// The world-level type imports (wit-component makes one for each type the world `use`s),
    /// with their type indices: both components import them too.
    type_imports: Vec<(String, u32)>,
}

fn prelude(inner: &[u8]) -> Result<Prelude> {
    let mut p = Prelude::default();
    for payload in Parser::new(0).parse_all(inner) {
        let (id, range) = match payload? {
            Payload::Version { .. } => continue,
            Payload::ComponentTypeSection(section) => {
                let range = section.range();
                for ty in section {
                    if let ComponentType::Instance(decls) = ty? {
                        let names = decls
                            .iter()
                            .filter_map(|d| match d {
                                InstanceTypeDeclaration::Export { name, ty } => {
                                    Some((name.name.to_string(), matches!(ty, ComponentTypeRef::Type(_))))
                                }
                                _ => None,
                            })
                            .collect();
                        p.instance_types.push((p.types, names));
                    }
                    p.types += 1;
                }
                (ComponentSectionId::Type, range)
            }
            Payload::ComponentImportSection(section) => {
                let range = section.range();
                for import in section {
                    let import = import?;
                    match import.ty {
                        ComponentTypeRef::Instance(ty) => {
                            if import.name.name == INTERFACE {
                                p.host = Some((p.instances, ty));
                            }
                            p.instances += 1;
                        }
                        ComponentTypeRef::Func(_) => p.funcs += 1,
                        ComponentTypeRef::Type(_) => {
                            p.type_imports.push((import.name.name.to_string(), p.types));
                            p.types += 1;
                        }
                        ComponentTypeRef::Component(_) => p.components += 1,
                        other => bail!("the inner component imports a {other:?}"),
                    }
                }
                (ComponentSectionId::Import, range)
            }
            Payload::ComponentAliasSection(section) => {
                let range = section.range();
                for alias in section {
                    match alias? {
                        ComponentAlias::InstanceExport { kind, .. } => match kind {
                            ComponentExternalKind::Func => p.funcs += 1,
                            ComponentExternalKind::Type => p.types += 1,
                            ComponentExternalKind::Instance => p.instances += 1,
                            ComponentExternalKind::Component => p.components += 1,
                            other => bail!("the inner component aliases a {other:?} before its modules"),
                        },
                        ComponentAlias::Outer { .. } => bail!("an outer alias at the top level"),
                        ComponentAlias::CoreInstanceExport { .. } => {
                            bail!("a core alias before the inner component's modules")
                        }
                    }
                }
                (ComponentSectionId::Alias, range)
            }
            Payload::CoreTypeSection(section) => (ComponentSectionId::CoreType, section.range()),
            // The first module or anything else ends the declarations.
            _ => break,
        };
        p.sections.push((id as u8, range.start as usize..range.end as usize));
    }
    Ok(p)
}

/// Composes `outer` onto `inner` (both made by wit-component from a batch's guest, possibly with
/// different string encodings); `funcs` is the batch's number of functions.
pub fn compose(inner: &[u8], outer: &[u8], funcs: usize) -> Result<Vec<u8>> {
    let p = prelude(inner).context("reading the inner component's imports")?;
    let (host, host_type) = p.host.ok_or_else(|| anyhow!("the inner component does not import {INTERFACE}"))?;
    let host_exports = &p
        .instance_types
        .iter()
        .find(|(ty, _)| *ty == host_type)
        .ok_or_else(|| anyhow!("the host import's type is not an instance type of the prelude"))?
        .1;

    let mut c = wasm_encoder::Component::new();
    for (id, range) in &p.sections {
        c.section(&RawSection { id: *id, data: &inner[range.clone()] });
    }
    let (inner_component, outer_component) = (p.components, p.components + 1);
    c.section(&RawSection { id: ComponentSectionId::Component as u8, data: inner });
    c.section(&RawSection { id: ComponentSectionId::Component as u8, data: outer });

    // Each component's arguments: the host instance (or the bundle) and the world's types.
    let args = |instance: u32| {
        let mut args = vec![(INTERFACE.to_string(), ComponentExportKind::Instance, instance)];
        args.extend(p.type_imports.iter().map(|(name, ty)| (name.clone(), ComponentExportKind::Type, *ty)));
        args
    };
    let mut instances = ComponentInstanceSection::new();
    instances.instantiate(inner_component, args(host));
    c.section(&instances);
    let inner_instance = p.instances;

    // The inner instance's functions, then the host's types, as items of the composition.
    let mut aliases = ComponentAliasSection::new();
    let mut next_func = p.funcs;
    let mut func_alias = |aliases: &mut ComponentAliasSection, instance: u32, name: &str| {
        aliases.alias(Alias::InstanceExport { instance, kind: ComponentExportKind::Func, name });
        next_func += 1;
        next_func - 1
    };
    let runs: Vec<u32> = (0..funcs).map(|i| func_alias(&mut aliases, inner_instance, &format!("run{i}"))).collect();
    let inner_log = func_alias(&mut aliases, inner_instance, "realloc-log");
    let mut next_type = p.types;
    let mut host_types = Vec::new();
    for (name, is_type) in host_exports {
        if *is_type {
            aliases.alias(Alias::InstanceExport { instance: host, kind: ComponentExportKind::Type, name });
            host_types.push((name.as_str(), next_type));
            next_type += 1;
        }
    }
    c.section(&aliases);

    // The outer component's import: the host's types and the inner `run<i>` as `f<i>`.
    let mut items: Vec<(String, ComponentExportKind, u32)> =
        host_types.iter().map(|(name, ty)| (name.to_string(), ComponentExportKind::Type, *ty)).collect();
    items.extend(runs.iter().enumerate().map(|(i, f)| (format!("f{i}"), ComponentExportKind::Func, *f)));
    let mut instances = ComponentInstanceSection::new();
    instances.export_items(items.iter().map(|(n, k, i)| (n.as_str(), *k, *i)));
    let bundle = inner_instance + 1;
    instances.instantiate(outer_component, args(bundle));
    c.section(&instances);
    let outer_instance = bundle + 1;

    let mut aliases = ComponentAliasSection::new();
    let outer_runs: Vec<u32> =
        (0..funcs).map(|i| func_alias(&mut aliases, outer_instance, &format!("run{i}"))).collect();
    let outer_log = func_alias(&mut aliases, outer_instance, "realloc-log");
    c.section(&aliases);

    let mut exports = ComponentExportSection::new();
    for (i, f) in outer_runs.iter().enumerate() {
        exports.export(format!("run{i}").as_str(), ComponentExportKind::Func, *f, None);
    }
    exports.export("realloc-log", ComponentExportKind::Func, outer_log, None);
    exports.export("realloc-log-inner", ComponentExportKind::Func, inner_log, None);
    c.section(&exports);
    let bytes = c.finish();
    wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all())
        .validate_all(&bytes)
        .context("the composition does not validate")?;
    Ok(bytes)
}
