//! Differential testing of cm32-host against wasmtime's Component Model.
//!
//! A batch is one random world of [`Settings::funcs_per_batch`] signatures (`wit_gen`), one
//! forwarding guest for it (`module_gen`), and random values (`values`). Each case calls one
//! `run<i>` export on three runtimes: cm32 on wasmi, cm32 on wasmtime's core API, and wasmtime's
//! Component Model running the same module wrapped by wit-component (`oracle`). The three must
//! agree on the import's arguments, the export's result, trap or no trap (and the trap class,
//! where wasmtime names one), the guest's realloc log and the host destructor calls
//! (`compare`), up to the divergences listed in `divergences`. Positive cases must also pass
//! the values through unchanged. Negative cases run a guest that corrupts one core value
//! (`module_gen::Corruption`) and must trap everywhere.

pub mod cm32_side;
pub mod compare;
pub mod compose;
pub mod divergences;
pub mod module_gen;
pub mod observe;
pub mod oracle;
pub mod rng;
pub mod values;
pub mod wit_gen;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};

use anyhow::{Context, Result, anyhow};
use cm32_abi::{LoadedWorld, WitOptions, load_world_str};
use cm32_host::{Val, WasmiEngine, WasmtimeEngine};
use wit_component::StringEncoding;

use crate::cm32_side::{Cm32Instance, Cm32Side};
use crate::divergences::{CaseFacts, MaskCounts};
use crate::module_gen::{Corruption, Fault, Guest, GuestFault, LeafKind, Target};
use crate::observe::Observation;
use crate::oracle::{Oracle, OracleInstance, componentize};
use crate::rng::Rng;
use crate::values::ValueGen;
use crate::wit_gen::{INTERFACE, RESOURCE};

#[derive(Clone, Debug)]
pub struct Settings {
    pub seed: u64,
    /// Batches to run; each has `funcs_per_batch * (rounds + negative_variants)` cases.
    pub batches: usize,
    /// Run only this batch (to reproduce a finding).
    pub only_batch: Option<usize>,
    pub funcs_per_batch: usize,
    /// Positive cases per function per batch.
    pub rounds: usize,
    /// Negative guests per batch; each corrupts one value in every function.
    pub negative_variants: usize,
    /// Where to write the WIT, WAT and case of every finding.
    pub save: Option<PathBuf>,
    /// Where to write every batch's WIT and guests, findings or not.
    pub dump: Option<PathBuf>,
    /// Batches run at once, each on its own thread.
    pub jobs: usize,
}

impl Settings {
    pub fn new(seed: u64, cases: usize) -> Settings {
        let mut s = Settings {
            seed,
            batches: 0,
            only_batch: None,
            funcs_per_batch: 16,
            rounds: 8,
            negative_variants: 2,
            save: None,
            dump: None,
            jobs: 1,
        };
        s.batches = cases.div_ceil(s.cases_per_batch()).max(1);
        s
    }

    pub fn cases_per_batch(&self) -> usize {
        self.funcs_per_batch * (self.rounds + self.negative_variants)
    }
}

/// A disagreement, or a case that did not do what every runtime must.
#[derive(Clone, Debug)]
pub struct Finding {
    pub batch: usize,
    pub func: usize,
    /// How the guest reached the runtimes: its [`Shape`].
    pub shape: String,
    /// `positive` or the corruption's label.
    pub case: String,
    /// Which runtime disagreed: `wasmi`, `wasmtime` (cm32 on either), or `all`.
    pub runtime: &'static str,
    pub details: Vec<String>,
}

#[derive(Clone, Debug, Default)]
pub struct Report {
    pub batches: usize,
    /// Batches by shape: `module`, `component <encoding>`, `composed <outer> -> <inner>`.
    pub shapes: BTreeMap<String, usize>,
    pub positive: usize,
    pub negative: usize,
    /// Negative cases by corruption.
    pub faults: BTreeMap<&'static str, usize>,
    /// Negative cases whose trap class was compared, and those where wasmtime's message named none.
    pub classes_compared: usize,
    pub classes_unnamed: usize,
    /// wasmtime's trap messages in negative cases (digits masked), with cm32's class for each.
    pub trap_messages: BTreeMap<(String, &'static str), usize>,
    pub masks: MaskCounts,
    pub findings: Vec<Finding>,
}

impl Report {
    fn merge(&mut self, other: Report) {
        self.batches += other.batches;
        for (k, v) in other.shapes {
            *self.shapes.entry(k).or_default() += v;
        }
        self.positive += other.positive;
        self.negative += other.negative;
        for (k, v) in other.faults {
            *self.faults.entry(k).or_default() += v;
        }
        self.classes_compared += other.classes_compared;
        self.classes_unnamed += other.classes_unnamed;
        for (k, v) in other.trap_messages {
            *self.trap_messages.entry(k).or_default() += v;
        }
        self.masks.merge(&other.masks);
        self.findings.extend(other.findings);
    }

    pub fn summary(&self) -> String {
        let mut s = format!(
            "{} batches: {} positive and {} negative cases, each on cm32/wasmi, cm32/wasmtime and wasmtime's \
             component model\n",
            self.batches, self.positive, self.negative
        );
        let shapes: Vec<String> = self.shapes.iter().map(|(k, v)| format!("{k} {v}")).collect();
        s += &format!("batches by shape: {}\n", shapes.join(", "));
        let faults: Vec<String> = self.faults.iter().map(|(k, v)| format!("{k} {v}")).collect();
        s += &format!("negative cases by corruption: {}\n", faults.join(", "));
        s += &format!(
            "trap classes compared in {} negative cases ({} where wasmtime's message names no class)\n",
            self.classes_compared, self.classes_unnamed
        );
        let masks: Vec<String> = self.masks.0.iter().map(|(d, n)| format!("{} {n}", d.name())).collect();
        s += &format!("divergences masked: {}\n", if masks.is_empty() { "none".to_string() } else { masks.join(", ") });
        s += &format!("findings: {}\n", self.findings.len());
        s
    }
}

/// Runs the batches, `settings.jobs` at a time; `progress` sees the running report after each
/// one. Findings come out in batch order whatever the threads did.
pub fn run(settings: &Settings, mut progress: impl FnMut(&Report)) -> Result<Report> {
    let batches: Vec<usize> = match settings.only_batch {
        Some(b) => vec![b],
        None => (0..settings.batches).collect(),
    };
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (sender, receiver) = mpsc::channel::<Result<Report>>();
    let mut report = Report::default();
    let mut failure = None;
    std::thread::scope(|scope| {
        for _ in 0..settings.jobs.clamp(1, batches.len().max(1)) {
            let sender = sender.clone();
            let (next, stop, batches) = (&next, &stop, &batches);
            scope.spawn(move || {
                // One engine per thread: its compiled-module cache holds one module.
                let wasmtime = WasmtimeEngine::default();
                while !stop.load(Ordering::Relaxed) {
                    let Some(&b) = batches.get(next.fetch_add(1, Ordering::Relaxed)) else { break };
                    let result = run_batch(settings, b, &wasmtime)
                        .with_context(|| format!("batch {b} (seed {})", settings.seed));
                    if sender.send(result).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        for result in receiver {
            match result {
                Ok(batch) => {
                    report.merge(batch);
                    progress(&report);
                }
                Err(error) => {
                    stop.store(true, Ordering::Relaxed);
                    failure.get_or_insert(error);
                }
            }
        }
    });
    if let Some(error) = failure {
        return Err(error);
    }
    report.findings.sort_by_key(|f| (f.batch, f.func));
    Ok(report)
}

fn batch_seed(seed: u64, batch: usize) -> u64 {
    Rng::new(seed ^ (batch as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93)).next_u64()
}

/// How a batch's guest reaches the runtimes.
#[derive(Clone, Copy, Debug)]
pub enum Shape {
    /// The core module: cm32 hosts it as a module; wasmtime runs it made a component (UTF-8).
    Module,
    /// The module made a component with this string encoding; every runtime runs that component.
    Component(StringEncoding),
    /// Two such components composed (`compose`): every call crosses from the outer one into the
    /// inner one, each with its own encoding.
    Composed { outer: StringEncoding, inner: StringEncoding },
}

impl Shape {
    /// The shape's name in the report.
    pub fn label(self) -> String {
        let name = |e: StringEncoding| match e {
            StringEncoding::UTF8 => "utf8",
            StringEncoding::UTF16 => "utf16",
            StringEncoding::CompactUTF16 => "latin1+utf16",
        };
        match self {
            Shape::Module => "module".to_string(),
            Shape::Component(e) => format!("component {}", name(e)),
            Shape::Composed { outer, inner } => format!("composed {} -> {}", name(outer), name(inner)),
        }
    }

    fn pick(rng: &mut Rng) -> Shape {
        let encodings = [StringEncoding::UTF8, StringEncoding::UTF16, StringEncoding::CompactUTF16];
        match rng.below(3) {
            0 => Shape::Module,
            1 => Shape::Component(*rng.pick(&encodings)),
            _ => Shape::Composed { outer: *rng.pick(&encodings), inner: *rng.pick(&encodings) },
        }
    }

    /// The encoding of the component whose forwarder a corruption goes into.
    fn encoding(self, inner: bool) -> StringEncoding {
        match self {
            Shape::Module => StringEncoding::UTF8,
            Shape::Component(e) => e,
            Shape::Composed { outer, inner: i } => {
                if inner {
                    i
                } else {
                    outer
                }
            }
        }
    }
}

/// One guest, ready for the three runtimes.
struct Built {
    /// What cm32 instantiates: the module, or the component.
    cm32: Vec<u8>,
    component: bool,
    oracle: wasmtime::component::Component,
}

/// The three runtimes, instantiated from one guest.
struct Runtimes<'a> {
    wasmi: &'a Cm32Side<WasmiEngine>,
    wasmtime: &'a Cm32Side<WasmtimeEngine>,
    oracle: &'a Oracle,
}

struct Instances {
    wasmi: Cm32Instance<WasmiEngine>,
    wasmtime: Cm32Instance<WasmtimeEngine>,
    oracle: OracleInstance,
}

impl Runtimes<'_> {
    fn instantiate(&self, built: &Built) -> Result<Instances> {
        Ok(Instances {
            wasmi: self.wasmi.instantiate(&built.cm32, built.component).context("cm32 on wasmi")?,
            wasmtime: self.wasmtime.instantiate(&built.cm32, built.component).context("cm32 on wasmtime")?,
            oracle: self.oracle.instantiate(&built.oracle).context("wasmtime's component model")?,
        })
    }
}

fn run_batch(settings: &Settings, b: usize, wasmtime: &WasmtimeEngine) -> Result<Report> {
    let mut rng = Rng::new(batch_seed(settings.seed, b));
    let funcs = settings.funcs_per_batch;
    let world = wit_gen::World::generate(&mut rng, funcs);
    let wit = world.render();
    let load = || -> Result<LoadedWorld> {
        let options = WitOptions { features: Vec::new(), all_features: true };
        Ok(load_world_str(Path::new("batch.wit"), &wit, Some("batch"), &options)?)
    };
    let loaded = load().with_context(|| format!("the generated WIT does not load:\n{wit}"))?;
    let shape = Shape::pick(&mut rng);
    // A composition also exports its inner component's realloc log.
    let host_wit = match shape {
        Shape::Composed { .. } => wit.replace(
            "    export realloc-log: func() -> list<u32>;\n",
            "    export realloc-log: func() -> list<u32>;\n    export realloc-log-inner: func() -> list<u32>;\n",
        ),
        _ => wit.clone(),
    };
    let options = WitOptions { features: Vec::new(), all_features: true };
    let host_world = load_world_str(Path::new("batch.wit"), &host_wit, Some("batch"), &options)?;
    let cm32_world = Arc::new(cm32_host::World::new(host_world)?);
    let resource = cm32_world
        .resource_by_name(&format!("{INTERFACE}#{RESOURCE}"))
        .ok_or_else(|| anyhow!("no resource {RESOURCE} in the cm32 world"))?;
    // Half the batches use the legacy names, which is what today's toolchains emit.
    let mangling = if rng.percent(50) {
        wit_parser::ManglingAndAbi::Standard32
    } else {
        wit_parser::ManglingAndAbi::Legacy(wit_parser::LiftLowerAbi::Sync)
    };
    let mut guest = Guest::new(&loaded, funcs, mangling)?;
    let sides = (
        Cm32Side::new(WasmiEngine::default(), cm32_world.clone(), funcs)?,
        Cm32Side::new(wasmtime.clone(), cm32_world.clone(), funcs)?,
        Oracle::new(resource, funcs)?,
    );
    let runtimes = Runtimes { wasmi: &sides.0, wasmtime: &sides.1, oracle: &sides.2 };
    let mut report = Report { batches: 1, ..Report::default() };
    report.shapes.insert(shape.label(), 1);
    let mut values = ValueGen::new(&world, resource, 0);
    let finding = |report: &mut Report, func, case: &str, runtime, details: Vec<String>, wat: &str| {
        if let Some(dir) = &settings.save {
            let _ = save_finding(dir, settings.seed, b, func, case, &wit, wat, &details);
        }
        let shape = shape.label();
        report.findings.push(Finding { batch: b, func, shape, case: case.to_string(), runtime, details });
    };

    // Positive: one instance per runtime for all rounds, renewed only after a trap.
    let wat = guest.wat(None, None)?;
    let dump = |name: &str, text: &str| -> Result<()> {
        if let Some(dir) = &settings.dump {
            let dir = dir.join(format!("seed{}-batch{b}", settings.seed));
            std::fs::create_dir_all(&dir)?;
            std::fs::write(dir.join(name), text)?;
        }
        Ok(())
    };
    dump("batch.wit", &wit)?;
    dump("guest.wat", &wat)?;
    // `outer` is the guest the host calls; `inner` the one a composition's outer guest calls.
    let build = |outer: &str, inner: &str| -> Result<Built> {
        let module =
            |wat: &str| wat::parse_str(wat).with_context(|| format!("the generated guest does not assemble:\n{wat}"));
        let component = |wat: &str, encoding| {
            componentize(&loaded, &module(wat)?, encoding).context("wit-component refused the generated guest")
        };
        let (cm32, is_component, oracle) = match shape {
            Shape::Module => {
                let wasm = module(outer)?;
                let oracle = component(outer, StringEncoding::UTF8)?;
                (wasm, false, oracle)
            }
            Shape::Component(encoding) => {
                let c = component(outer, encoding)?;
                (c.clone(), true, c)
            }
            Shape::Composed { outer: outer_encoding, inner: inner_encoding } => {
                let c =
                    compose::compose(&component(inner, inner_encoding)?, &component(outer, outer_encoding)?, funcs)?;
                (c.clone(), true, c)
            }
        };
        Ok(Built { cm32, component: is_component, oracle: runtimes.oracle.compile(&oracle)? })
    };
    let built = build(&wat, &wat)?;
    let mut live = runtimes.instantiate(&built)?;
    for _ in 0..settings.rounds {
        for (i, sig) in world.sigs.iter().enumerate() {
            let args = values.values(&mut rng, &sig.params);
            let reply = sig.result.as_ref().map(|t| values.value(&mut rng, t));
            let seen = run_case(&mut live, i, &args, &reply)?;
            report.positive += 1;
            let mut problems = disagreements(&seen, CaseFacts::default(), &mut report.masks);
            let forwarding = compare::forwarding_errors(&args, &reply, &seen.0, &mut report.masks);
            if !forwarding.is_empty() {
                problems.push(("all", forwarding));
            }
            for (runtime, details) in problems {
                finding(&mut report, i, "positive", runtime, details, &wat);
            }
            if live.wasmi.is_poisoned() || live.wasmtime.is_poisoned() || live.oracle.is_poisoned() {
                live = runtimes.instantiate(&built)?;
            }
        }
    }

    // Negative: a fresh instance per case, since each one traps.
    let negative = |report: &mut Report, i: usize, label: &'static str, case: String, facts, seen: Seen, wat: &str| {
        report.negative += 1;
        *report.faults.entry(label).or_default() += 1;
        let mut problems = disagreements(&seen, facts, &mut report.masks);
        match &seen.0.outcome {
            Err(trap) if trap.class.is_some() => report.classes_compared += 1,
            Err(_) => report.classes_unnamed += 1,
            Ok(_) => {}
        }
        if let (Err(theirs), Err(ours)) = (&seen.0.outcome, &seen.1.outcome) {
            let message: String = theirs.message.chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).collect();
            let class = ours.class.map_or("none", |c| c.as_str());
            *report.trap_messages.entry((message, class)).or_default() += 1;
        }
        if [&seen.0, &seen.1, &seen.2].iter().all(|o| o.outcome.is_ok()) {
            problems.push(("all", vec![format!("no runtime trapped on {case}")]));
        }
        for (runtime, details) in problems {
            finding(report, i, &case, runtime, details, wat);
        }
    };
    for variant in 0..settings.negative_variants {
        // In a composition, odd variants corrupt the inner guest, even ones the outer.
        let inner = matches!(shape, Shape::Composed { .. }) && variant % 2 == 1;
        guest.utf8 = matches!(shape.encoding(inner), StringEncoding::UTF8);
        let corruptions = guest.pick_corruptions(&mut rng);
        let bad = guest.wat(Some(&corruptions), None)?;
        dump(&format!("negative{variant}.wat"), &bad)?;
        let built = if inner { build(&wat, &bad)? } else { build(&bad, &wat)? };
        let wat = bad;
        for (i, sig) in world.sigs.iter().enumerate() {
            let corruption = &corruptions[i];
            let mut args = values.values(&mut rng, &sig.params);
            let mut reply = sig.result.as_ref().map(|t| values.value(&mut rng, t));
            prepare_negative(&mut args, &mut reply, corruption);
            let seen = run_case(&mut runtimes.instantiate(&built)?, i, &args, &reply)?;
            let borrow_handle_lent_then_moved = match (&corruption.target, corruption.fault) {
                (Target::Param(to), Fault::DuplicateHandle { from }) => {
                    let from = &guest.funcs[i].leaves[from];
                    from.kind == LeafKind::Borrow && to.kind == LeafKind::Own && from.path < to.path
                }
                _ => false,
            };
            let facts = CaseFacts {
                bad_result_and_kept_borrow: corruption.also_kept.is_some(),
                borrow_handle_lent_then_moved,
                ..CaseFacts::default()
            };
            let case = format!("negative {} {:?}", corruption.label(), corruption.fault);
            negative(&mut report, i, corruption.label(), case, facts, seen, &wat);
        }
    }

    // A guest whose realloc or post-return misbehaves, for every function that reaches it.
    let fault = *rng.pick(&GuestFault::ALL);
    let wat = guest.wat(None, Some(fault))?;
    dump("guest-fault.wat", &wat)?;
    let built = build(&wat, &wat)?;
    for (i, sig) in world.sigs.iter().enumerate() {
        let args = values.values(&mut rng, &sig.params);
        let reply = sig.result.as_ref().map(|t| values.value(&mut rng, t));
        let reaches_realloc =
            guest.funcs[i].export_sig.indirect_params || args.iter().chain(&reply).any(holds_string_or_list);
        if fault != GuestFault::PostReturnLeaves && !reaches_realloc {
            continue;
        }
        let seen = run_case(&mut runtimes.instantiate(&built)?, i, &args, &reply)?;
        let facts = CaseFacts {
            post_return_leaves_in_adapter: matches!(shape, Shape::Composed { .. })
                && fault == GuestFault::PostReturnLeaves,
            ..CaseFacts::default()
        };
        negative(&mut report, i, fault.label(), format!("negative {}", fault.label()), facts, seen, &wat);
    }
    Ok(report)
}

/// Whether lowering this value into the guest calls realloc.
fn holds_string_or_list(val: &Val) -> bool {
    match val {
        Val::String(_) | Val::List(_) => true,
        Val::FixedList(items) | Val::Tuple(items) => items.iter().any(holds_string_or_list),
        Val::Record(fields) => fields.iter().any(|(_, v)| holds_string_or_list(v)),
        Val::Variant(_, Some(v)) | Val::Option(Some(v)) | Val::Result(Ok(Some(v)) | Err(Some(v))) => {
            holds_string_or_list(v)
        }
        _ => false,
    }
}

/// wasmtime's Component Model, cm32 on wasmi, cm32 on wasmtime: one case seen three times.
type Seen = (Observation, Observation, Observation);

/// How each cm32 backend differs from wasmtime's Component Model, by backend.
fn disagreements(seen: &Seen, facts: CaseFacts, masks: &mut MaskCounts) -> Vec<(&'static str, Vec<String>)> {
    [("wasmi", &seen.1), ("wasmtime", &seen.2)]
        .into_iter()
        .map(|(runtime, obs)| (runtime, compare::differences(&seen.0, obs, facts, masks)))
        .filter(|(_, diffs)| !diffs.is_empty())
        .collect()
}

fn run_case(live: &mut Instances, func: usize, args: &[Val], reply: &Option<Val>) -> Result<Seen> {
    let oracle = live.oracle.run(func, args, reply.clone()).context("wasmtime's component model")?;
    let wasmi = live.wasmi.run(func, args, reply.clone()).context("cm32 on wasmi")?;
    let wasmtime = live.wasmtime.run(func, args, reply.clone()).context("cm32 on wasmtime")?;
    Ok((oracle, wasmi, wasmtime))
}

/// Makes the values fit the corruption: invalid UTF-8 needs a byte to overwrite.
fn prepare_negative(args: &mut [Val], reply: &mut Option<Val>, corruption: &Corruption) {
    if corruption.fault != Fault::InvalidUtf8 {
        return;
    }
    let (mut at, path) = match (&corruption.target, reply) {
        (Target::Param(leaf), _) => (&mut args[leaf.path[0]], &leaf.path[1..]),
        (Target::Result(leaf), Some(reply)) => (reply, &leaf.path[1..]),
        _ => return,
    };
    for &step in path {
        at = match at {
            Val::Record(fields) => &mut fields[step].1,
            Val::Tuple(items) | Val::FixedList(items) => &mut items[step],
            _ => return,
        };
    }
    if let Val::String(s) = at
        && s.is_empty()
    {
        s.push('x');
    }
}

#[allow(clippy::too_many_arguments)]
fn save_finding(
    dir: &Path,
    seed: u64,
    batch: usize,
    func: usize,
    case: &str,
    wit: &str,
    wat: &str,
    details: &[String],
) -> Result<()> {
    let dir = dir.join(format!("seed{seed}-batch{batch}-func{func}"));
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("batch.wit"), wit)?;
    std::fs::write(dir.join("guest.wat"), wat)?;
    std::fs::write(dir.join("finding.txt"), format!("run{func}: {case}\n{}\n", details.join("\n")))?;
    Ok(())
}
