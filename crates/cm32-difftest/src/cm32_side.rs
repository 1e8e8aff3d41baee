//! Runs the guest on cm32-host, on any engine.

use std::sync::Arc;

use anyhow::{Result, anyhow};
use cm32_host::engine::Engine;
use cm32_host::{CallError, ExportFunc, Instance, Linker, Val, World};

use crate::observe::{CaseRecord, INNER_LOG, Observation, TrapSeen, log_words};
use crate::wit_gen::{INTERFACE, RESOURCE};

pub struct Cm32Side<E: Engine> {
    engine: E,
    linker: Linker<CaseRecord, E>,
    funcs: usize,
}

pub struct Cm32Instance<E: Engine> {
    instance: Instance<CaseRecord, E>,
    runs: Vec<ExportFunc>,
    realloc_log: ExportFunc,
    /// A composition's inner component's log (`realloc-log-inner`).
    inner_log: Option<ExportFunc>,
}

impl<E: Engine> Cm32Side<E> {
    pub fn new(engine: E, world: Arc<World>, funcs: usize) -> Result<Self> {
        let mut linker = Linker::<CaseRecord, E>::new(world);
        for i in 0..funcs {
            linker.define(&format!("{INTERFACE}#f{i}"), |cx, args, result| {
                cx.data.import_args = Some(args.to_vec());
                *result = cx.data.reply.take();
                Ok(())
            })?;
        }
        linker.resource(&format!("{INTERFACE}#{RESOURCE}"), |state, rep| {
            state.dtors.push(rep);
            Ok(())
        })?;
        Ok(Cm32Side { engine, linker, funcs })
    }

    /// Instantiates the guest: a core module, or (`component`) a whole component.
    pub fn instantiate(&self, wasm: &[u8], component: bool) -> Result<Cm32Instance<E>> {
        let instance = if component {
            self.linker.instantiate_component(&self.engine, wasm, CaseRecord::default())?
        } else {
            self.linker.instantiate(&self.engine, wasm, CaseRecord::default())?
        };
        let runs = (0..self.funcs).map(|i| instance.func(&format!("run{i}"))).collect::<Result<_, _>>()?;
        let realloc_log = instance.func("realloc-log")?;
        let inner_log = instance.func("realloc-log-inner").ok();
        Ok(Cm32Instance { instance, runs, realloc_log, inner_log })
    }
}

impl<E: Engine> Cm32Instance<E> {
    pub fn is_poisoned(&mut self) -> bool {
        self.instance.is_poisoned()
    }

    /// Calls `run<func>` with `args`, the host import answering `reply`.
    pub fn run(&mut self, func: usize, args: &[Val], reply: Option<Val>) -> Result<Observation> {
        self.instance.data().start(reply);
        let outcome = match self.instance.call_func(self.runs[func], args) {
            Ok(result) => Ok(result),
            Err(CallError::Trap(trap)) => {
                Err(TrapSeen { class: Some(trap.class), message: trap.message().to_string() })
            }
            Err(other) => return Err(anyhow!("cm32 refused the call: {other}")),
        };
        let realloc_log = match outcome {
            Ok(_) => Some(self.realloc_log()?),
            Err(_) => None,
        };
        Ok(self.instance.data().finish(outcome, realloc_log))
    }

    fn realloc_log(&mut self) -> Result<Vec<u32>> {
        let mut log = log_words(self.instance.call_func(self.realloc_log, &[])?)?;
        if let Some(inner) = self.inner_log {
            log.push(INNER_LOG);
            log.extend(log_words(self.instance.call_func(inner, &[])?)?);
        }
        Ok(log)
    }
}
