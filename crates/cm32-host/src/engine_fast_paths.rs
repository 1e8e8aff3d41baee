//! What both engine adapters share: the guest contexts (the instance, and the caller a host
//! function gets), the store's slots and instances, and the statically typed fast path of export
//! calls for all-`i32` signatures (pointers, lengths, handles and most scalars), which skips the
//! engines' dynamically typed `Val` boxing. wasmi and wasmtime have the same shape here
//! (`Caller`, `TypedFunc`, `Store`) but different types, so this is a macro expanded in each
//! adapter. Host functions are each adapter's own: wasmi makes them in each store, wasmtime once
//! per engine.
//!
//! The expansion site provides the engine's `Func`, `TypedFunc`, `Caller`, `Store`, `Extern`,
//! `Instance`, `Memory`, `Module`, `Val` and `AsContextMut`; the ABI's `GuestCx`, `GuestFunc`,
//! `CoreMemory`, `CoreItem`, `CoreInstance`, `CoreVal`, `CoreType`, `HostCallFn`, `Trap`,
//! `TrapClass` and `InstantiateError`; and `to_trap`, `to_core`, `to_engine_val`, `call_func`,
//! `guest_export`, `MAX_CORE_VALUES`, `Meter` (its own state for fuel and
//! deadlines) and the store's `engine_fuel`, `engine_set_fuel`, `engine_set_timeout`,
//! `engine_before_start` and `engine_after_start`, `HostFuncOf` (what its `Engine::host_func`
//! makes) and the store's `host_func_in_store`. It
//! defines `StoreData`, `Growth` (the memory and table limits), the
//! store's slot and instance operations, and the guest contexts.

macro_rules! typed_fast_paths {
    (store = $store:ident, error = $error:ty, host_error = $host_error:expr) => {
        /// What the store holds besides the ABI's state: everything instances import and export,
        /// and the slots of the functions and memories the ABI layer uses.
        pub struct StoreData<D> {
            data: D,
            items: Vec<Extern>,
            instances: Vec<Instance>,
            /// Shared, so that a call takes its function out of the store with one reference
            /// count rather than a copy of the engine's type (which wasmtime's typed functions
            /// carry, and clone with a lock).
            funcs: Vec<Option<std::sync::Arc<GuestExport>>>,
            memories: Vec<Option<Memory>>,
            /// The limits the embedder set, which trap messages name.
            limits: crate::limits::Limits,
            /// Bounds memories and tables as they are made and grown.
            growth: Growth,
            /// What the engine adapter keeps to enforce fuel and deadlines itself.
            meter: Meter,
        }

        impl<D> StoreData<D> {
            fn new(data: D) -> Self {
                StoreData {
                    data,
                    items: Vec::new(),
                    instances: Vec::new(),
                    funcs: Vec::new(),
                    memories: Vec::new(),
                    limits: crate::limits::Limits::default(),
                    growth: Growth::default(),
                    meter: Meter::default(),
                }
            }

            fn add_item(&mut self, item: Extern) -> CoreItem {
                self.items.push(item);
                CoreItem(self.items.len() as u32 - 1)
            }

            fn item(&self, item: CoreItem) -> Result<Extern, InstantiateError> {
                self.items
                    .get(item.0 as usize)
                    .cloned()
                    .ok_or_else(|| InstantiateError::Module(format!("item {} is not in the store", item.0)))
            }

            fn guest_func(&self, func: GuestFunc) -> Result<std::sync::Arc<GuestExport>, Trap> {
                self.funcs.get(func.0 as usize).cloned().flatten().ok_or_else(|| unset(func))
            }
        }

        /// The memory and table limits, and the trap for the first one passed (the engine's own
        /// error says only that the limiter refused).
        #[derive(Default)]
        struct Growth {
            max_memory_size: Option<usize>,
            max_table_elements: Option<usize>,
            hit: Option<Trap>,
        }

        impl Growth {
            /// Whether a memory may grow to `desired` bytes; a refusal is kept as the trap.
            fn memory(&mut self, desired: usize) -> bool {
                let max = self.max_memory_size;
                self.allow(desired, max, crate::limits::Limit::MaxMemorySize, "memory", "bytes")
            }

            /// Whether a table may grow to `desired` elements.
            fn table(&mut self, desired: usize) -> bool {
                let max = self.max_table_elements;
                self.allow(desired, max, crate::limits::Limit::MaxTableElements, "table", "elements")
            }

            fn allow(
                &mut self,
                desired: usize,
                max: Option<usize>,
                limit: fn(usize) -> crate::limits::Limit,
                what: &str,
                unit: &str,
            ) -> bool {
                match max {
                    Some(max) if desired > max => {
                        let message = crate::limits::grow_message(what, desired, unit, limit(max));
                        self.hit = Some(Trap::new(TrapClass::Limit, message));
                        false
                    }
                    _ => true,
                }
            }
        }

        /// A trap as the embedder should see it: a refused growth becomes the limit it passed,
        /// and running out of fuel or time names the limit and its value.
        fn refine<D>(data: &mut StoreData<D>, trap: Trap) -> Trap {
            if let Some(hit) = data.growth.hit.take() {
                return hit;
            }
            match (trap.class, data.limits.fuel, data.limits.timeout) {
                (TrapClass::Fuel, Some(fuel), _) => Trap::new(
                    TrapClass::Fuel,
                    format!("the guest used all its fuel ({})", crate::limits::Limit::Fuel(fuel)),
                ),
                (TrapClass::Deadline, _, Some(timeout)) => Trap::new(
                    TrapClass::Deadline,
                    format!("the guest ran past its deadline ({})", crate::limits::Limit::Timeout(timeout)),
                ),
                _ => trap,
            }
        }

        /// The trap for an export called with other than its signature's count of values.
        #[cold]
        #[inline(never)]
        fn wrong_arity(count: usize) -> Trap {
            Trap::new(TrapClass::Host, format!("an export called with {count} core values"))
        }

        /// The trap for a slot the link step has not filled (yet).
        #[cold]
        #[inline(never)]
        fn unset(func: GuestFunc) -> Trap {
            Trap::new(TrapClass::Host, format!("function {} was called before its instance exists", func.0))
        }

        impl<D: Send + 'static> GuestCx<D> for $store<D> {
            #[inline(always)]
            fn data(&mut self) -> &mut D {
                &mut self.store.data_mut().data
            }

            #[inline]
            fn memory_and_data(&mut self, memory: CoreMemory) -> (Option<&mut [u8]>, &mut D) {
                match self.store.data().memories.get(memory.0 as usize).copied().flatten() {
                    Some(memory) => {
                        let (mem, data) = memory.data_and_store_mut(&mut self.store);
                        (Some(mem), &mut data.data)
                    }
                    None => (None, &mut self.store.data_mut().data),
                }
            }

            #[inline]
            fn call(&mut self, func: GuestFunc, args: &[CoreVal], results: &mut [CoreVal]) -> Result<(), Trap> {
                let f = self.funcs.get(func.0 as usize).and_then(Option::as_ref).ok_or_else(|| unset(func))?;
                f.call(&mut self.store, args, results)
            }

            fn as_dyn(&mut self) -> &mut dyn GuestCx<D> {
                self
            }
        }

        /// The guest as a host function sees it.
        struct CallerCx<'a, 'b, D: 'static> {
            caller: &'a mut Caller<'b, StoreData<D>>,
        }

        impl<D: 'static> GuestCx<D> for CallerCx<'_, '_, D> {
            #[inline(always)]
            fn data(&mut self) -> &mut D {
                &mut self.caller.data_mut().data
            }

            #[inline]
            fn memory_and_data(&mut self, memory: CoreMemory) -> (Option<&mut [u8]>, &mut D) {
                match self.caller.data().memories.get(memory.0 as usize).copied().flatten() {
                    Some(memory) => {
                        let (mem, data) = memory.data_and_store_mut(&mut *self.caller);
                        (Some(mem), &mut data.data)
                    }
                    None => (None, &mut self.caller.data_mut().data),
                }
            }

            fn call(&mut self, func: GuestFunc, args: &[CoreVal], results: &mut [CoreVal]) -> Result<(), Trap> {
                let f = self.caller.data().guest_func(func)?;
                f.call(&mut *self.caller, args, results)
            }

            fn as_dyn(&mut self) -> &mut dyn GuestCx<D> {
                self
            }
        }

        impl<D: Send + 'static> crate::engine::Store<D> for $store<D> {
            type Module = Module;
            type HostFunc = HostFuncOf<D>;

            fn host_func(&mut self, func: &HostFuncOf<D>) -> CoreItem {
                let func = self.host_func_in_store(func);
                self.store.data_mut().add_item(Extern::Func(func))
            }

            fn reserve_func(&mut self) -> GuestFunc {
                self.funcs.push(None);
                let funcs = &mut self.store.data_mut().funcs;
                funcs.push(None);
                GuestFunc(funcs.len() as u32 - 1)
            }

            fn set_func(&mut self, slot: GuestFunc, item: CoreItem) -> Result<(), InstantiateError> {
                let func = self
                    .store
                    .data()
                    .item(item)?
                    .into_func()
                    .ok_or_else(|| InstantiateError::Module(format!("item {} is not a function", item.0)))?;
                let export = guest_export(func, &self.store);
                let missing = || InstantiateError::Module(format!("no function slot {}", slot.0));
                let shared = self.store.data_mut().funcs.get_mut(slot.0 as usize).ok_or_else(missing)?;
                *shared = Some(std::sync::Arc::new(export.clone()));
                *self.funcs.get_mut(slot.0 as usize).ok_or_else(missing)? = Some(export);
                Ok(())
            }

            fn reserve_memory(&mut self) -> CoreMemory {
                let memories = &mut self.store.data_mut().memories;
                memories.push(None);
                CoreMemory(memories.len() as u32 - 1)
            }

            fn set_memory(&mut self, slot: CoreMemory, item: CoreItem) -> Result<(), InstantiateError> {
                let memory = self
                    .store
                    .data()
                    .item(item)?
                    .into_memory()
                    .ok_or_else(|| InstantiateError::Module(format!("item {} is not a memory", item.0)))?;
                let slot = self
                    .store
                    .data_mut()
                    .memories
                    .get_mut(slot.0 as usize)
                    .ok_or_else(|| InstantiateError::Module(format!("no memory slot {}", slot.0)))?;
                *slot = Some(memory);
                Ok(())
            }

            fn instantiate(&mut self, module: &Module, imports: &[CoreItem]) -> Result<CoreInstance, InstantiateError> {
                let externs =
                    imports.iter().map(|item| self.store.data().item(*item)).collect::<Result<Vec<_>, _>>()?;
                self.engine_before_start();
                let instance = Instance::new(&mut self.store, module, &externs);
                self.engine_after_start();
                let instance =
                    instance.map_err(|e| InstantiateError::Trap(refine(self.store.data_mut(), to_trap(e))))?;
                let instances = &mut self.store.data_mut().instances;
                instances.push(instance);
                Ok(CoreInstance(instances.len() as u32 - 1))
            }

            fn export(&mut self, instance: CoreInstance, name: &str) -> Option<CoreItem> {
                let instance = *self.store.data().instances.get(instance.0 as usize)?;
                let item = instance.get_export(&mut self.store, name)?;
                Some(self.store.data_mut().add_item(item))
            }

            fn set_limits(&mut self, limits: &crate::limits::Limits) -> Result<(), InstantiateError> {
                let data = self.store.data_mut();
                data.limits = *limits;
                data.growth.max_memory_size = limits.max_memory_size;
                data.growth.max_table_elements = limits.max_table_elements;
                if limits.max_memory_size.is_some() || limits.max_table_elements.is_some() {
                    self.store.limiter(|data| &mut data.growth);
                }
                if let Some(fuel) = limits.fuel {
                    self.set_fuel(fuel)?;
                }
                if let Some(timeout) = limits.timeout {
                    self.set_timeout(timeout)?;
                }
                Ok(())
            }

            fn fuel(&mut self) -> Option<u64> {
                self.engine_fuel()
            }

            fn set_fuel(&mut self, fuel: u64) -> Result<(), InstantiateError> {
                self.store.data_mut().limits.fuel = Some(fuel);
                self.engine_set_fuel(fuel).map_err(|()| {
                    InstantiateError::Limits(
                        "a fuel limit needs an engine built to count fuel (EngineOptions { fuel: true, .. })"
                            .to_string(),
                    )
                })
            }

            fn set_timeout(&mut self, timeout: std::time::Duration) -> Result<(), InstantiateError> {
                self.store.data_mut().limits.timeout = Some(timeout);
                self.engine_set_timeout(timeout).map_err(|()| {
                    InstantiateError::Limits(
                        "a timeout needs an engine built to keep deadlines (EngineOptions { deadline: true, .. })"
                            .to_string(),
                    )
                })
            }
        }

        /// Runs a host call from a dynamically typed host function: the engine's values in and out.
        fn run_dynamic<D: 'static, C: HostCallFn<D>>(
            call: &C,
            caller: &mut Caller<'_, StoreData<D>>,
            params: &[Val],
            results: &mut [Val],
        ) -> Result<(), $error> {
            let mut args = [CoreVal::I32(0); MAX_CORE_VALUES];
            for (slot, v) in args.iter_mut().zip(params) {
                *slot = to_core(v);
            }
            let mut outs = [CoreVal::I32(0); 1];
            for (slot, v) in outs.iter_mut().zip(results.iter()) {
                *slot = to_core(v);
            }
            let n_out = results.len().min(1);
            let mut cx = CallerCx { caller };
            call.call(&mut cx, &args[..params.len()], &mut outs[..n_out]).map_err($host_error)?;
            for (slot, v) in results.iter_mut().zip(&outs[..n_out]) {
                *slot = to_engine_val(*v);
            }
            Ok(())
        }

        /// Runs a host call from a typed trampoline.
        #[inline(always)]
        fn run_host<D: 'static, C: HostCallFn<D>>(
            call: &C,
            caller: &mut Caller<'_, StoreData<D>>,
            args: &[CoreVal],
            results: &mut [CoreVal],
        ) -> Result<(), $error> {
            let mut cx = CallerCx { caller };
            call.call(&mut cx, args, results).map_err($host_error)
        }

        /// An export the ABI layer calls: statically typed for all-`i32` signatures with up to six
        /// parameters and at most one result, dynamically typed otherwise.
        #[derive(Clone)]
        enum GuestExport {
            Dynamic(Func),
            I0R0(TypedFunc<(), ()>),
            I0R1(TypedFunc<(), i32>),
            I1R0(TypedFunc<i32, ()>),
            I1R1(TypedFunc<i32, i32>),
            I2R0(TypedFunc<(i32, i32), ()>),
            I2R1(TypedFunc<(i32, i32), i32>),
            I3R0(TypedFunc<(i32, i32, i32), ()>),
            I3R1(TypedFunc<(i32, i32, i32), i32>),
            I4R0(TypedFunc<(i32, i32, i32, i32), ()>),
            I4R1(TypedFunc<(i32, i32, i32, i32), i32>),
            I5R0(TypedFunc<(i32, i32, i32, i32, i32), ()>),
            I5R1(TypedFunc<(i32, i32, i32, i32, i32), i32>),
            I6R0(TypedFunc<(i32, i32, i32, i32, i32, i32), ()>),
            I6R1(TypedFunc<(i32, i32, i32, i32, i32, i32), i32>),
        }

        impl GuestExport {
            /// `shape` is (parameters, results, whether all of them are `i32`).
            fn with_shape<T>(func: Func, store: &Store<T>, shape: (usize, usize, bool)) -> GuestExport {
                let typed = |f: Func| -> Option<GuestExport> {
                    Some(match (shape.0, shape.1) {
                        (0, 0) => GuestExport::I0R0(f.typed(store).ok()?),
                        (0, 1) => GuestExport::I0R1(f.typed(store).ok()?),
                        (1, 0) => GuestExport::I1R0(f.typed(store).ok()?),
                        (1, 1) => GuestExport::I1R1(f.typed(store).ok()?),
                        (2, 0) => GuestExport::I2R0(f.typed(store).ok()?),
                        (2, 1) => GuestExport::I2R1(f.typed(store).ok()?),
                        (3, 0) => GuestExport::I3R0(f.typed(store).ok()?),
                        (3, 1) => GuestExport::I3R1(f.typed(store).ok()?),
                        (4, 0) => GuestExport::I4R0(f.typed(store).ok()?),
                        (4, 1) => GuestExport::I4R1(f.typed(store).ok()?),
                        (5, 0) => GuestExport::I5R0(f.typed(store).ok()?),
                        (5, 1) => GuestExport::I5R1(f.typed(store).ok()?),
                        (6, 0) => GuestExport::I6R0(f.typed(store).ok()?),
                        (6, 1) => GuestExport::I6R1(f.typed(store).ok()?),
                        _ => return None,
                    })
                };
                if shape.2 { typed(func).unwrap_or(GuestExport::Dynamic(func)) } else { GuestExport::Dynamic(func) }
            }

            fn call<D: 'static>(
                &self,
                mut ctx: impl AsContextMut<Data = StoreData<D>>,
                args: &[CoreVal],
                results: &mut [CoreVal],
            ) -> Result<(), Trap> {
                self.call_engine(&mut ctx, args, results).map_err(|trap| refine(ctx.as_context_mut().data_mut(), trap))
            }

            fn call_engine<D: 'static>(
                &self,
                mut ctx: impl AsContextMut<Data = StoreData<D>>,
                args: &[CoreVal],
                results: &mut [CoreVal],
            ) -> Result<(), Trap> {
                let one = |results: &mut [CoreVal], v: i32| {
                    if let Some(slot) = results.first_mut() {
                        *slot = CoreVal::I32(v);
                    }
                };
                // The arguments' count is the signature's by construction: one check of the
                // slice's length, then each value read where it is.
                let i = |v: &CoreVal| v.i32();
                match (self, args) {
                    (GuestExport::Dynamic(f), _) => return call_func(f.clone(), ctx, args, results),
                    (GuestExport::I0R0(f), []) => f.call(&mut ctx, ()).map_err(to_trap)?,
                    (GuestExport::I0R1(f), []) => one(results, f.call(&mut ctx, ()).map_err(to_trap)?),
                    (GuestExport::I1R0(f), [a]) => f.call(&mut ctx, i(a)).map_err(to_trap)?,
                    (GuestExport::I1R1(f), [a]) => one(results, f.call(&mut ctx, i(a)).map_err(to_trap)?),
                    (GuestExport::I2R0(f), [a, b]) => f.call(&mut ctx, (i(a), i(b))).map_err(to_trap)?,
                    (GuestExport::I2R1(f), [a, b]) => one(results, f.call(&mut ctx, (i(a), i(b))).map_err(to_trap)?),
                    (GuestExport::I3R0(f), [a, b, c]) => f.call(&mut ctx, (i(a), i(b), i(c))).map_err(to_trap)?,
                    (GuestExport::I3R1(f), [a, b, c]) => {
                        one(results, f.call(&mut ctx, (i(a), i(b), i(c))).map_err(to_trap)?)
                    }
                    (GuestExport::I4R0(f), [a, b, c, d]) => {
                        f.call(&mut ctx, (i(a), i(b), i(c), i(d))).map_err(to_trap)?
                    }
                    (GuestExport::I4R1(f), [a, b, c, d]) => {
                        one(results, f.call(&mut ctx, (i(a), i(b), i(c), i(d))).map_err(to_trap)?)
                    }
                    (GuestExport::I5R0(f), [a, b, c, d, e]) => {
                        f.call(&mut ctx, (i(a), i(b), i(c), i(d), i(e))).map_err(to_trap)?
                    }
                    (GuestExport::I5R1(f), [a, b, c, d, e]) => {
                        one(results, f.call(&mut ctx, (i(a), i(b), i(c), i(d), i(e))).map_err(to_trap)?)
                    }
                    (GuestExport::I6R0(f), [a, b, c, d, e, g]) => {
                        f.call(&mut ctx, (i(a), i(b), i(c), i(d), i(e), i(g))).map_err(to_trap)?
                    }
                    (GuestExport::I6R1(f), [a, b, c, d, e, g]) => {
                        one(results, f.call(&mut ctx, (i(a), i(b), i(c), i(d), i(e), i(g))).map_err(to_trap)?)
                    }
                    _ => return Err(wrong_arity(args.len())),
                }
                Ok(())
            }
        }
    };
}
