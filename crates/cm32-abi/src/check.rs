//! Checking a core module against the target of a world, reporting every violation.

use std::collections::HashSet;
use std::fmt;

use wit_parser::PackageName;

use crate::module::{Extern, ModuleInterface};
use crate::target::{Item, ItemKind, Mangling, Target};

/// How to decide which mangling the module uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ManglingChoice {
    /// From the names: `cm32p2…` is standard; `$root`, `[export]…`, `ns:pkg/iface…`, `…#…`,
    /// `cabi_post_…` and `cabi_realloc` are legacy.
    Auto,
    Fixed(Mangling),
}

#[derive(Clone, Copy, Debug)]
pub struct CheckOptions {
    pub mangling: ManglingChoice,
    /// Every exported WIT function must be defined, as `component new` demands.
    pub require_all_exports: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ViolationKind {
    UnknownImport,
    UnknownExport,
    WrongSignature,
    /// An import or export under a target name is not the kind of thing the target has there.
    WrongKind,
    PostWithoutFunction,
    MissingMemory,
    MissingRealloc,
    MixedMangling,
    IncompatibleVersion,
    MissingExport,
}

impl ViolationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ViolationKind::UnknownImport => "unknown-import",
            ViolationKind::UnknownExport => "unknown-export",
            ViolationKind::WrongSignature => "wrong-signature",
            ViolationKind::WrongKind => "wrong-kind",
            ViolationKind::PostWithoutFunction => "post-without-function",
            ViolationKind::MissingMemory => "missing-memory",
            ViolationKind::MissingRealloc => "missing-realloc",
            ViolationKind::MixedMangling => "mixed-mangling",
            ViolationKind::IncompatibleVersion => "incompatible-version",
            ViolationKind::MissingExport => "missing-export",
        }
    }
}

/// One way the module departs from the target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    pub kind: ViolationKind,
    /// The core item, in WAT-like form: `import "m" "f"` or `export "f"`.
    pub item: String,
    pub expected: String,
    pub found: String,
    pub hint: Option<String>,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error[{}]: {}", self.kind.as_str(), self.item)?;
        writeln!(f, "    expected: {}", self.expected)?;
        write!(f, "    found:    {}", self.found)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n    hint:     {hint}")?;
        }
        Ok(())
    }
}

/// The outcome of a check.
#[derive(Clone, Debug)]
pub struct CheckReport {
    /// The mangling the module was checked against.
    pub mangling: Mangling,
    pub violations: Vec<Violation>,
    /// Imports and exports outside the target's names: allowed, but cm32 does not provide them.
    pub outside: Vec<String>,
}

impl CheckReport {
    pub fn conforms(&self) -> bool {
        self.violations.is_empty()
    }
}

/// Checks `module` against the targets of one world under both manglings.
pub fn check_module(
    module: &ModuleInterface,
    standard: &Target,
    legacy: &Target,
    options: CheckOptions,
) -> CheckReport {
    let standard_names = module.imports.iter().any(|i| shape_of_import(&i.module) == Some(Mangling::Standard))
        || module.exports.iter().any(|e| shape_of_export(&e.name) == Some(Mangling::Standard));
    let legacy_names = module.imports.iter().any(|i| shape_of_import(&i.module) == Some(Mangling::Legacy))
        || module.exports.iter().any(|e| shape_of_export(&e.name) == Some(Mangling::Legacy));
    let mangling = match options.mangling {
        ManglingChoice::Fixed(m) => m,
        ManglingChoice::Auto if legacy_names && !standard_names => Mangling::Legacy,
        ManglingChoice::Auto
            if !legacy_names && !standard_names && matches(module, legacy) > matches(module, standard) =>
        {
            Mangling::Legacy
        }
        ManglingChoice::Auto => Mangling::Standard,
    };
    let target = if mangling == Mangling::Standard { standard } else { legacy };
    let mut check = Checker { target, violations: Vec::new(), outside: Vec::new(), used: Vec::new() };

    for import in &module.imports {
        let item = format!("import {} {}", quote(&import.module), quote(&import.name));
        match shape_of_import(&import.module) {
            Some(shape) if shape != mangling => check.mixed(item, shape),
            Some(_) => check.import(import, item),
            None if target.imports.iter().any(|t| t.module.as_deref() == Some(import.module.as_str())) => {
                check.import(import, item)
            }
            None => check.outside.push(item),
        }
    }
    let exported: HashSet<&str> = module.exports.iter().map(|e| e.name.as_str()).collect();
    for export in &module.exports {
        let item = format!("export {}", quote(&export.name));
        match shape_of_export(&export.name) {
            Some(shape) if shape != mangling => check.mixed(item, shape),
            Some(_) => check.export(export, item, &exported),
            None if target.export(&export.name).is_some() => check.export(export, item, &exported),
            None => check.outside.push(item),
        }
    }
    check.memory_and_realloc(module);
    if options.require_all_exports {
        for item in target.exports.iter().filter(|i| i.kind == ItemKind::Func) {
            if !check.exports_item(&exported, item) {
                check.violations.push(Violation {
                    kind: ViolationKind::MissingExport,
                    item: format!("export {}", quote(&item.name)),
                    expected: format!("{} for {}", item.sig.as_ref().unwrap(), item.wit.as_deref().unwrap_or("?")),
                    found: "no such export (required by --require-all-exports)".into(),
                    hint: None,
                });
            }
        }
    }
    CheckReport { mangling, violations: check.violations, outside: check.outside }
}

/// The target item a module import stands for: its exact name, or for the legacy mangling a
/// semver-compatible version of the same interface (`wasi:cli/stdout@0.2.0` for `@0.2.12`).
pub fn resolve_import<'a>(target: &'a Target, module: &str, name: &str) -> Option<&'a Item> {
    target.import(module, name).or_else(|| match version_match(target, module) {
        VersionMatch::Compatible(found) => target.import(found, name),
        _ => None,
    })
}

/// The target item a module export stands for, matched like [`resolve_import`].
pub fn resolve_export<'a>(target: &'a Target, name: &str) -> Option<&'a Item> {
    target.export(name).or_else(|| {
        let (head, func) = name.rsplit_once('#')?;
        let (prefix, iface) = match head.strip_prefix("cabi_post_") {
            Some(iface) => ("cabi_post_", iface),
            None => ("", head),
        };
        match version_match(target, iface) {
            VersionMatch::Compatible(found) => target.export(&format!("{prefix}{found}#{func}")),
            _ => None,
        }
    })
}

/// How many of the module's names a target has: decides the mangling of a module whose names are
/// all plain (`memory`, `run`, `_initialize`).
fn matches(module: &ModuleInterface, target: &Target) -> usize {
    module.imports.iter().filter(|i| target.import(&i.module, &i.name).is_some()).count()
        + module.exports.iter().filter(|e| target.export(&e.name).is_some()).count()
}

/// Which mangling an import module's name is unmistakably written in.
fn shape_of_import(module: &str) -> Option<Mangling> {
    if module == "cm32p2" || module.starts_with("cm32p2|") {
        Some(Mangling::Standard)
    } else if module == "$root" || module.starts_with("[export]") || looks_like_interface(module) {
        Some(Mangling::Legacy)
    } else {
        None
    }
}

fn shape_of_export(name: &str) -> Option<Mangling> {
    if name.starts_with("cm32p2|") || name.starts_with("cm32p2_") {
        Some(Mangling::Standard)
    } else if name.contains('#') || name.starts_with("cabi_post_") || name == "cabi_realloc" {
        Some(Mangling::Legacy)
    } else {
        None
    }
}

fn looks_like_interface(module: &str) -> bool {
    matches!(module.split_once(':'), Some((ns, rest)) if !ns.is_empty() && rest.contains('/'))
}

struct Checker<'a> {
    target: &'a Target,
    violations: Vec<Violation>,
    outside: Vec<String>,
    /// Target functions the module imports or exports, whose memory/realloc needs must be met.
    used: Vec<&'a Item>,
}

impl<'a> Checker<'a> {
    fn mixed(&mut self, item: String, shape: Mangling) {
        let other = self.target.mangling;
        self.violations.push(Violation {
            kind: ViolationKind::MixedMangling,
            item,
            expected: format!("{other} names only (this module uses the {other} mangling)"),
            found: format!("a name in the {shape} mangling"),
            hint: Some("a module uses one mangling throughout; rebuild it with one toolchain".into()),
        });
    }

    fn import(&mut self, import: &crate::module::ModuleImport, item: String) {
        let target = self.target;
        let found = target.import(&import.module, &import.name).or_else(|| {
            let module = self.compatible_module(&import.module)?;
            target.import(module, &import.name)
        });
        match found {
            Some(expected) => {
                self.types_match(expected, &import.ty, item);
                if expected.kind == ItemKind::Func {
                    self.used.push(expected);
                }
            }
            None => self.unknown(&import.module, &import.name, item, ViolationKind::UnknownImport),
        }
    }

    fn export(&mut self, export: &crate::module::ModuleExport, item: String, exported: &HashSet<&str>) {
        let target = self.target;
        let found = target.export(&export.name).or_else(|| {
            // Legacy exports carry the interface's full version before `#`.
            let (head, func) = export.name.rsplit_once('#')?;
            let (prefix, iface) = match head.strip_prefix("cabi_post_") {
                Some(iface) => ("cabi_post_", iface),
                None => ("", head),
            };
            let module = self.compatible_module(iface)?;
            target.export(&format!("{prefix}{module}#{func}"))
        });
        let Some(expected) = found else {
            return self.unknown("", &export.name, item, ViolationKind::UnknownExport);
        };
        if expected.kind == ItemKind::PostReturn {
            let func = target.exports.iter().find(|f| f.kind == ItemKind::Func && f.wit == expected.wit);
            if let Some(func) = func.filter(|f| !self.exports_item(exported, f)) {
                self.violations.push(Violation {
                    kind: ViolationKind::PostWithoutFunction,
                    item: item.clone(),
                    expected: format!("export {} alongside it", quote(&func.name)),
                    found: "the post-return function without its function".into(),
                    hint: Some(format!("export {} or drop {item}", quote(&func.name))),
                });
            }
        }
        if expected.kind == ItemKind::Func {
            self.used.push(expected);
        }
        self.types_match(expected, &export.ty, item);
    }

    /// Whether the module exports `func` under its target name or a semver-compatible legacy one.
    fn exports_item(&self, exported: &HashSet<&str>, func: &Item) -> bool {
        exported.iter().any(|name| {
            *name == func.name
                || name.rsplit_once('#').is_some_and(|(iface, f)| {
                    func.name.rsplit_once('#').is_some_and(|(_, tf)| tf == f)
                        && matches!(version_match(self.target, iface), VersionMatch::Compatible(m) if func.name.starts_with(&format!("{m}#")))
                })
        })
    }

    /// For a legacy `ns:pkg/iface@version` module (maybe `[export]`-prefixed) that the target does
    /// not name exactly, the target's module for the same interface on the same semver track. A
    /// mismatching track is a violation of its own, reported once per module.
    fn compatible_module(&mut self, module: &str) -> Option<&'a str> {
        match version_match(self.target, module) {
            VersionMatch::Compatible(found) => Some(found),
            VersionMatch::NotApplicable => None,
            VersionMatch::Incompatible { found, world } => {
                let item = format!("module {}", quote(module));
                if !self.violations.iter().any(|v| v.kind == ViolationKind::IncompatibleVersion && v.item == item) {
                    self.violations.push(Violation {
                        kind: ViolationKind::IncompatibleVersion,
                        item,
                        expected: format!("a version semver-compatible with {}", world.join(", ")),
                        found: format!("version {found}"),
                        hint: Some(
                            "build against the WIT version the world uses, or point --wit at the one the module was built for".into(),
                        ),
                    });
                }
                None
            }
        }
    }

    fn unknown(&mut self, module: &str, name: &str, item: String, kind: ViolationKind) {
        // An incompatible version of this item's own module (as `compatible_module` saw it) already
        // explains the miss; other versions of the same interface do not.
        let own_module = if kind == ViolationKind::UnknownImport {
            Some(module)
        } else {
            name.rsplit_once('#').map(|(iface, _)| iface.strip_prefix("cabi_post_").unwrap_or(iface))
        };
        if let Some(own_module) = own_module {
            let module_item = format!("module {}", quote(own_module));
            if self.violations.iter().any(|v| v.kind == ViolationKind::IncompatibleVersion && v.item == module_item) {
                return;
            }
        }
        let wanted = format!("{module} {name}");
        let candidates: &[Item] =
            if kind == ViolationKind::UnknownImport { &self.target.imports } else { &self.target.exports };
        let hint = nearest(&wanted, candidates).map(|c| match &c.module {
            Some(m) => format!("did you mean import {} {}?", quote(m), quote(&c.name)),
            None => format!("did you mean export {}?", quote(&c.name)),
        });
        let what = if kind == ViolationKind::UnknownImport { "import" } else { "export" };
        self.violations.push(Violation {
            kind,
            item,
            expected: format!("an {what} of the world's {} target", self.target.mangling),
            found: format!(
                "a name the world does not have ({} {what}{} in its target)",
                candidates.len(),
                if candidates.len() == 1 { "" } else { "s" }
            ),
            hint,
        });
    }

    fn types_match(&mut self, expected: &Item, found: &Extern, item: String) {
        let wit = expected.wit.as_deref().map(|w| format!(" for {w}")).unwrap_or_default();
        match (&expected.sig, found) {
            (None, Extern::Memory { memory64: false }) => {}
            (None, _) => self.violations.push(Violation {
                kind: ViolationKind::WrongKind,
                item,
                expected: "a 32-bit memory".into(),
                found: found.kind_and_type(),
                hint: None,
            }),
            (Some(sig), Extern::Func(actual)) if actual == sig => {}
            (Some(sig), Extern::Func(_) | Extern::OtherFunc(_)) => self.violations.push(Violation {
                kind: ViolationKind::WrongSignature,
                item,
                expected: format!("{sig}{wit}"),
                found: found.describe(),
                hint: None,
            }),
            (Some(sig), _) => self.violations.push(Violation {
                kind: ViolationKind::WrongKind,
                item,
                expected: format!("a function {sig}{wit}"),
                found: found.kind_and_type(),
                hint: None,
            }),
        }
    }

    fn memory_and_realloc(&mut self, module: &ModuleInterface) {
        for (kind, needed_by, violation) in [
            (
                ItemKind::Memory,
                self.used.iter().filter(|i| i.needs_memory).collect::<Vec<_>>(),
                ViolationKind::MissingMemory,
            ),
            (ItemKind::Realloc, self.used.iter().filter(|i| i.needs_realloc).collect(), ViolationKind::MissingRealloc),
        ] {
            let wanted = self.target.export_of_kind(kind);
            if needed_by.is_empty() || module.exports.iter().any(|e| e.name == wanted.name) {
                continue;
            }
            let mut names: Vec<&str> = needed_by.iter().filter_map(|i| i.wit.as_deref()).collect();
            names.dedup();
            let what = if kind == ItemKind::Memory {
                "memory"
            } else {
                "function (func (param i32 i32 i32 i32) (result i32))"
            };
            self.violations.push(Violation {
                kind: violation,
                item: format!("export {}", quote(&wanted.name)),
                expected: format!("an exported {what}, needed by {}", names.join(", ")),
                found: "no such export".into(),
                hint: None,
            });
        }
    }
}

/// The target item whose name is nearest to `wanted`, if it is near enough to be a likely typo.
/// Only what follows the shared prefix is weighed, since every name shares `cm32p2|…`; swapped
/// letters count as one edit.
fn nearest<'a>(wanted: &str, candidates: &'a [Item]) -> Option<&'a Item> {
    candidates
        .iter()
        .filter_map(|c| {
            let candidate = format!("{} {}", c.module.as_deref().unwrap_or(""), c.name);
            let shared: usize =
                wanted.chars().zip(candidate.chars()).take_while(|(a, b)| a == b).map(|(a, _)| a.len_utf8()).sum();
            let (ours, theirs) = (&wanted[shared..], &candidate[shared..]);
            let distance = strsim::osa_distance(ours, theirs);
            let allowed = (ours.chars().count().max(theirs.chars().count()) / 2).max(1);
            (distance <= allowed).then_some((distance, c))
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

enum VersionMatch<'a> {
    NotApplicable,
    Compatible(&'a str),
    Incompatible { found: semver::Version, world: Vec<&'a str> },
}

/// Matches a legacy versioned interface name against the target's by semver track, as
/// wit-component does (`PackageName::version_compat_track`).
fn version_match<'a>(target: &'a Target, module: &str) -> VersionMatch<'a> {
    if target.mangling != Mangling::Legacy {
        return VersionMatch::NotApplicable;
    }
    let Some((base, version)) = split_version(module) else { return VersionMatch::NotApplicable };
    let mut world: Vec<&str> = target
        .imports
        .iter()
        .filter_map(|i| i.module.as_deref())
        .chain(target.exports.iter().filter_map(|e| e.name.rsplit_once('#').map(|(iface, _)| iface)))
        .filter(|candidate| split_version(candidate).is_some_and(|(b, _)| b == base))
        .collect();
    if world.is_empty() {
        return VersionMatch::NotApplicable;
    }
    let track = PackageName::version_compat_track_string(&version).0;
    if let Some(found) = world
        .iter()
        .find(|c| split_version(c).is_some_and(|(_, v)| PackageName::version_compat_track_string(&v).0 == track))
    {
        return VersionMatch::Compatible(found);
    }
    world.sort_unstable();
    world.dedup();
    VersionMatch::Incompatible { found: version, world }
}

/// `ns:pkg/iface@1.2.3` as (`ns:pkg/iface`, 1.2.3).
fn split_version(name: &str) -> Option<(&str, semver::Version)> {
    let (base, version) = name.rsplit_once('@')?;
    Some((base, version.parse().ok()?))
}

/// A WAT string literal.
pub(crate) fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            _ => out.extend(c.to_string().bytes().map(|b| format!("\\{b:02x}"))),
        }
    }
    out.push('"');
    out
}
