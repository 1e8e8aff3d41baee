//! The reference: the same guest, wrapped into a component by wit-component, run by wasmtime's
//! Component Model through its dynamic `Val` API.

use anyhow::{Result, anyhow};
use cm32_abi::LoadedWorld;
use cm32_host::types::ResourceIdx;
use cm32_host::{TrapClass, Val};
use wasmtime::component::{self as wc, Component, Linker, ResourceAny, ResourceType};
use wasmtime::{AsContextMut, Config, Engine, Store, format_err};
use wit_component::StringEncoding;

/// wasmtime has its own error type; the rest of the crate uses anyhow.
fn wt<T>(result: wasmtime::Result<T>) -> Result<T> {
    result.map_err(|e| anyhow!("{e:#}"))
}

use crate::observe::{CaseRecord, INNER_LOG, Observation, TrapSeen, log_words};
use crate::wit_gen::{INTERFACE, RESOURCE};

/// The host resource type, as wasmtime sees it.
struct HostRes;

pub struct Oracle {
    engine: Engine,
    linker: Linker<CaseRecord>,
    resource: ResourceIdx,
    funcs: usize,
}

pub struct OracleInstance {
    store: Store<CaseRecord>,
    runs: Vec<wc::Func>,
    realloc_log: wc::Func,
    inner_log: Option<wc::Func>,
    resource: ResourceIdx,
    poisoned: bool,
}

/// Wraps a core module into a component, as `wasm-tools component new` would, with `encoding`
/// as every lift's and lower's string encoding.
pub fn componentize(loaded: &LoadedWorld, module: &[u8], encoding: StringEncoding) -> Result<Vec<u8>> {
    let mut module = module.to_vec();
    wit_component::embed_component_metadata(&mut module, &loaded.resolve, loaded.world, encoding, false)?;
    wit_component::ComponentEncoder::default().module(&module)?.validate(true).encode()
}

impl Oracle {
    pub fn new(resource: ResourceIdx, funcs: usize) -> Result<Self> {
        let mut config = Config::new();
        config.wasm_component_model_fixed_length_lists(true);
        let engine = wt(Engine::new(&config))?;
        let mut linker = Linker::<CaseRecord>::new(&engine);
        let mut host = wt(linker.instance(INTERFACE))?;
        wt(host.resource(RESOURCE, ResourceType::host::<HostRes>(), |mut store, rep| {
            store.data_mut().dtors.push(rep);
            Ok(())
        }))?;
        for i in 0..funcs {
            wt(host.func_new(&format!("f{i}"), move |mut store, _ty, params, results| {
                let args = params
                    .iter()
                    .map(|p| from_wasmtime(&mut store, p.clone(), resource))
                    .collect::<wasmtime::Result<Vec<_>>>()?;
                store.data_mut().import_args = Some(args);
                if let Some(reply) = store.data_mut().reply.take() {
                    results[0] = to_wasmtime(&mut store, &reply)?;
                }
                Ok(())
            }))?;
        }
        Ok(Oracle { engine, linker, resource, funcs })
    }

    pub fn compile(&self, component: &[u8]) -> Result<Component> {
        wt(Component::new(&self.engine, component))
    }

    pub fn instantiate(&self, component: &Component) -> Result<OracleInstance> {
        let mut store = Store::new(&self.engine, CaseRecord::default());
        let instance = wt(self.linker.instantiate(&mut store, component))?;
        let mut runs = Vec::new();
        for i in 0..self.funcs {
            runs.push(instance.get_func(&mut store, format!("run{i}")).ok_or_else(|| anyhow!("no export run{i}"))?);
        }
        let realloc_log = instance.get_func(&mut store, "realloc-log").ok_or_else(|| anyhow!("no realloc-log"))?;
        let inner_log = instance.get_func(&mut store, "realloc-log-inner");
        Ok(OracleInstance { store, runs, realloc_log, inner_log, resource: self.resource, poisoned: false })
    }
}

impl OracleInstance {
    pub fn is_poisoned(&self) -> bool {
        self.poisoned
    }

    pub fn run(&mut self, func: usize, args: &[Val], reply: Option<Val>) -> Result<Observation> {
        self.store.data_mut().start(reply);
        let params = wt(args.iter().map(|a| to_wasmtime(&mut self.store, a)).collect::<wasmtime::Result<Vec<_>>>())?;
        let run = self.runs[func];
        let mut results = vec![wc::Val::Bool(false); run.ty(&self.store).results().len()];
        let outcome = match run.call(&mut self.store, &params, &mut results) {
            Ok(()) => Ok(match results.pop() {
                Some(v) => Some(wt(from_wasmtime(&mut self.store, v, self.resource))?),
                None => None,
            }),
            Err(error) => {
                self.poisoned = true;
                // The chain's outer links are wasm backtraces; the rule broken is the root.
                let message = error.root_cause().to_string();
                Err(TrapSeen { class: classify(&message), message })
            }
        };
        let realloc_log = match outcome {
            Ok(_) => Some(self.realloc_log()?),
            Err(_) => None,
        };
        Ok(self.store.data_mut().finish(outcome, realloc_log))
    }

    fn realloc_log(&mut self) -> Result<Vec<u32>> {
        let mut log = self.log_of(self.realloc_log)?;
        if let Some(inner) = self.inner_log {
            log.push(INNER_LOG);
            log.extend(self.log_of(inner)?);
        }
        Ok(log)
    }

    fn log_of(&mut self, func: wc::Func) -> Result<Vec<u32>> {
        let mut results = [wc::Val::Bool(false)];
        wt(func.call(&mut self.store, &[], &mut results))?;
        let [log] = results;
        log_words(Some(wt(from_wasmtime(&mut self.store, log, self.resource))?))
    }
}

/// The class of a wasmtime Component Model error, read from its message: wasmtime has no error
/// codes for Canonical ABI violations. `None` where the message does not say.
pub fn classify(message: &str) -> Option<TrapClass> {
    const CLASSES: &[(&str, TrapClass)] = &[
        ("discriminant", TrapClass::Discriminant),
        ("invalid utf-8", TrapClass::Utf8),
        ("out of range for `char`", TrapClass::Char),
        ("not aligned", TrapClass::Alignment),
        ("out of bounds", TrapClass::Bounds),
        ("beyond end of memory", TrapClass::Bounds),
        ("unknown handle index", TrapClass::Handle),
        ("cannot lift own resource from a borrow", TrapClass::Handle),
        ("cannot remove owned resource while borrowed", TrapClass::Lend),
        ("borrow handles still remain", TrapClass::BorrowOutstanding),
        ("cannot leave component instance", TrapClass::MayLeave),
        ("cannot enter component instance", TrapClass::Reentry),
        // The traps of wasmtime's fused adapters, between two component instances.
        ("invalid `char` bit pattern", TrapClass::Char),
        ("invalid variant discriminant", TrapClass::Discriminant),
        ("content out-of-bounds", TrapClass::Bounds),
        ("unaligned pointer", TrapClass::Alignment),
        ("invalid utf8 encoding", TrapClass::Utf8),
        ("invalid utf16 encoding", TrapClass::Utf8),
    ];
    let lower = message.to_ascii_lowercase();
    CLASSES.iter().find(|(needle, _)| lower.contains(needle)).map(|(_, class)| *class)
}

fn to_wasmtime(store: &mut impl AsContextMut, val: &Val) -> wasmtime::Result<wc::Val> {
    let list = |store: &mut _, items: &[Val]| {
        items.iter().map(|v| to_wasmtime(store, v)).collect::<wasmtime::Result<Vec<_>>>()
    };
    let boxed = |store: &mut _, v: &Option<Box<Val>>| -> wasmtime::Result<Option<Box<wc::Val>>> {
        v.as_deref().map(|v| to_wasmtime(store, v).map(Box::new)).transpose()
    };
    Ok(match val {
        Val::Bool(v) => wc::Val::Bool(*v),
        Val::S8(v) => wc::Val::S8(*v),
        Val::U8(v) => wc::Val::U8(*v),
        Val::S16(v) => wc::Val::S16(*v),
        Val::U16(v) => wc::Val::U16(*v),
        Val::S32(v) => wc::Val::S32(*v),
        Val::U32(v) => wc::Val::U32(*v),
        Val::S64(v) => wc::Val::S64(*v),
        Val::U64(v) => wc::Val::U64(*v),
        Val::F32(v) => wc::Val::Float32(*v),
        Val::F64(v) => wc::Val::Float64(*v),
        Val::Char(v) => wc::Val::Char(*v),
        Val::String(v) => wc::Val::String(v.clone()),
        Val::List(items) => wc::Val::List(list(store, items)?),
        Val::FixedList(items) => wc::Val::FixedLengthList(list(store, items)?),
        Val::Tuple(items) => wc::Val::Tuple(list(store, items)?),
        Val::Record(fields) => wc::Val::Record(
            fields
                .iter()
                .map(|(n, v)| Ok((n.clone(), to_wasmtime(store, v)?)))
                .collect::<wasmtime::Result<Vec<_>>>()?,
        ),
        Val::Variant(case, payload) => wc::Val::Variant(case.clone(), boxed(store, payload)?),
        Val::Enum(case) => wc::Val::Enum(case.clone()),
        Val::Option(v) => wc::Val::Option(boxed(store, v)?),
        Val::Result(Ok(v)) => wc::Val::Result(Ok(boxed(store, v)?)),
        Val::Result(Err(v)) => wc::Val::Result(Err(boxed(store, v)?)),
        Val::Flags(names) => wc::Val::Flags(names.clone()),
        Val::Own(r) => wc::Val::Resource(wc::Resource::<HostRes>::new_own(r.rep).try_into_resource_any(store)?),
        // The host lends a resource it owns: wasmtime makes borrow handles only inside a call.
        Val::Borrow(r) => wc::Val::Resource(wc::Resource::<HostRes>::new_own(r.rep).try_into_resource_any(store)?),
    })
}

fn from_wasmtime(store: &mut impl AsContextMut, val: wc::Val, resource: ResourceIdx) -> wasmtime::Result<Val> {
    let list = |store: &mut _, items: Vec<wc::Val>| {
        items.into_iter().map(|v| from_wasmtime(store, v, resource)).collect::<wasmtime::Result<Vec<_>>>()
    };
    let boxed = |store: &mut _, v: Option<Box<wc::Val>>| -> wasmtime::Result<Option<Box<Val>>> {
        v.map(|v| from_wasmtime(store, *v, resource).map(Box::new)).transpose()
    };
    Ok(match val {
        wc::Val::Bool(v) => Val::Bool(v),
        wc::Val::S8(v) => Val::S8(v),
        wc::Val::U8(v) => Val::U8(v),
        wc::Val::S16(v) => Val::S16(v),
        wc::Val::U16(v) => Val::U16(v),
        wc::Val::S32(v) => Val::S32(v),
        wc::Val::U32(v) => Val::U32(v),
        wc::Val::S64(v) => Val::S64(v),
        wc::Val::U64(v) => Val::U64(v),
        wc::Val::Float32(v) => Val::F32(v),
        wc::Val::Float64(v) => Val::F64(v),
        wc::Val::Char(v) => Val::Char(v),
        wc::Val::String(v) => Val::String(v),
        wc::Val::List(items) => Val::List(list(store, items)?),
        wc::Val::FixedLengthList(items) => Val::FixedList(list(store, items)?),
        wc::Val::Tuple(items) => Val::Tuple(list(store, items)?),
        wc::Val::Record(fields) => Val::Record(
            fields
                .into_iter()
                .map(|(n, v)| Ok((n, from_wasmtime(store, v, resource)?)))
                .collect::<wasmtime::Result<Vec<_>>>()?,
        ),
        wc::Val::Variant(case, payload) => Val::Variant(case, boxed(store, payload)?),
        wc::Val::Enum(case) => Val::Enum(case),
        wc::Val::Option(v) => Val::Option(boxed(store, v)?),
        wc::Val::Result(Ok(v)) => Val::Result(Ok(boxed(store, v)?)),
        wc::Val::Result(Err(v)) => Val::Result(Err(boxed(store, v)?)),
        wc::Val::Flags(names) => Val::Flags(names),
        wc::Val::Resource(any) => resource_val(store, any, resource)?,
        other => return Err(format_err!("wasmtime produced a value the generator never makes: {other:?}")),
    })
}

fn resource_val(store: &mut impl AsContextMut, any: ResourceAny, resource: ResourceIdx) -> wasmtime::Result<Val> {
    let owned = any.owned();
    let host: wc::Resource<HostRes> = any.try_into_resource(store)?;
    let r = cm32_host::ResourceAny { ty: resource, rep: host.rep() };
    Ok(if owned { Val::Own(r) } else { Val::Borrow(r) })
}
