//! What both engine adapters share: the guest contexts (the instance, and the caller a host
//! function gets), and the statically typed fast paths: host functions and export calls
//! for all-`i32` signatures (pointers, lengths, handles and most scalars), which skip the
//! engines' dynamically typed `Val` boxing. wasmi and wasmtime have the same shape here (`Func::wrap`,
//! `Caller`, `TypedFunc`) but different types, so this is a macro expanded in each adapter.
//!
//! The expansion site provides `Func`, `TypedFunc`, `Caller`, `Store`, `StoreData` (with `data`,
//! `funcs` and `memory`), `GuestCx`, `GuestFunc`,
//! `AsContextMut`, `CoreVal`, `CoreType`, `HostCall`, `Trap`, `to_trap` and `call_func`.

/// One typed host function per all-`i32` arity, with and without a result.
macro_rules! typed_i32_trampolines {
    ($error:ty; $store:expr, $call:expr, $n:expr, $with_result:expr; $($count:literal => ($($p:ident),*)),*) => {
        match ($n, $with_result) {
            $(
                ($count, false) => Some(Func::wrap($store, move |mut caller: Caller<'_, StoreData<D>>, $($p: i32),*| -> Result<(), $error> {
                    run_host(&$call, &mut caller, &[$(CoreVal::I32($p)),*], &mut [])
                })),
                ($count, true) => Some(Func::wrap($store, move |mut caller: Caller<'_, StoreData<D>>, $($p: i32),*| -> Result<i32, $error> {
                    let mut out = [CoreVal::I32(0)];
                    run_host(&$call, &mut caller, &[$(CoreVal::I32($p)),*], &mut out)?;
                    Ok(out[0].i32())
                })),
            )*
            _ => None,
        }
    };
}

macro_rules! typed_fast_paths {
    (instance = $instance:ident, error = $error:ty, host_error = $host_error:expr) => {
        impl<D: Send + 'static> GuestCx<D> for $instance<D> {
            fn data(&mut self) -> &mut D {
                &mut self.store.data_mut().data
            }

            fn memory_and_data(&mut self) -> (Option<&mut [u8]>, &mut D) {
                match self.store.data().memory {
                    Some(memory) => {
                        let (mem, data) = memory.data_and_store_mut(&mut self.store);
                        (Some(mem), &mut data.data)
                    }
                    None => (None, &mut self.store.data_mut().data),
                }
            }

            fn call(&mut self, func: GuestFunc, args: &[CoreVal], results: &mut [CoreVal]) -> Result<(), Trap> {
                let f = self.store.data().funcs[func.0 as usize].clone();
                f.call(&mut self.store, args, results)
            }
        }

        /// The guest as a host function sees it.
        struct CallerCx<'a, 'b, D: 'static> {
            caller: &'a mut Caller<'b, StoreData<D>>,
        }

        impl<D: 'static> GuestCx<D> for CallerCx<'_, '_, D> {
            fn data(&mut self) -> &mut D {
                &mut self.caller.data_mut().data
            }

            fn memory_and_data(&mut self) -> (Option<&mut [u8]>, &mut D) {
                match self.caller.data().memory {
                    Some(memory) => {
                        let (mem, data) = memory.data_and_store_mut(&mut *self.caller);
                        (Some(mem), &mut data.data)
                    }
                    None => (None, &mut self.caller.data_mut().data),
                }
            }

            fn call(&mut self, func: GuestFunc, args: &[CoreVal], results: &mut [CoreVal]) -> Result<(), Trap> {
                let f = self.caller.data().funcs[func.0 as usize].clone();
                f.call(&mut *self.caller, args, results)
            }
        }

        /// Runs a host call from a typed trampoline.
        fn run_host<D: 'static>(
            call: &HostCall<D>,
            caller: &mut Caller<'_, StoreData<D>>,
            args: &[CoreVal],
            results: &mut [CoreVal],
        ) -> Result<(), $error> {
            let mut cx = CallerCx { caller };
            call(&mut cx, args, results).map_err($host_error)
        }

        /// A statically typed host function for the all-`i32` signatures with at most one result.
        fn typed_trampoline<D: Send + 'static>(
            store: &mut Store<StoreData<D>>,
            sig: &cm32_abi::CoreSig,
            call: HostCall<D>,
        ) -> Option<Func> {
            let all_i32 = sig.params.iter().chain(&sig.results).all(|t| *t == CoreType::I32);
            if !all_i32 || sig.results.len() > 1 {
                return None;
            }
            typed_i32_trampolines!($error; store, call, sig.params.len(), sig.results.len() == 1;
                0 => (), 1 => (a), 2 => (a, b), 3 => (a, b, c), 4 => (a, b, c, d), 5 => (a, b, c, d, e),
                6 => (a, b, c, d, e, f), 7 => (a, b, c, d, e, f, g), 8 => (a, b, c, d, e, f, g, h))
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

            fn call<T: 'static>(
                &self,
                mut ctx: impl AsContextMut<Data = T>,
                args: &[CoreVal],
                results: &mut [CoreVal],
            ) -> Result<(), Trap> {
                let a = |i: usize| args.get(i).map_or(0, |v| v.i32());
                let one = |results: &mut [CoreVal], v: i32| {
                    if let Some(slot) = results.first_mut() {
                        *slot = CoreVal::I32(v);
                    }
                };
                match self {
                    GuestExport::Dynamic(f) => return call_func(f.clone(), ctx, args, results),
                    GuestExport::I0R0(f) => f.call(&mut ctx, ()).map_err(to_trap)?,
                    GuestExport::I0R1(f) => one(results, f.call(&mut ctx, ()).map_err(to_trap)?),
                    GuestExport::I1R0(f) => f.call(&mut ctx, a(0)).map_err(to_trap)?,
                    GuestExport::I1R1(f) => one(results, f.call(&mut ctx, a(0)).map_err(to_trap)?),
                    GuestExport::I2R0(f) => f.call(&mut ctx, (a(0), a(1))).map_err(to_trap)?,
                    GuestExport::I2R1(f) => one(results, f.call(&mut ctx, (a(0), a(1))).map_err(to_trap)?),
                    GuestExport::I3R0(f) => f.call(&mut ctx, (a(0), a(1), a(2))).map_err(to_trap)?,
                    GuestExport::I3R1(f) => one(results, f.call(&mut ctx, (a(0), a(1), a(2))).map_err(to_trap)?),
                    GuestExport::I4R0(f) => f.call(&mut ctx, (a(0), a(1), a(2), a(3))).map_err(to_trap)?,
                    GuestExport::I4R1(f) => one(results, f.call(&mut ctx, (a(0), a(1), a(2), a(3))).map_err(to_trap)?),
                    GuestExport::I5R0(f) => f.call(&mut ctx, (a(0), a(1), a(2), a(3), a(4))).map_err(to_trap)?,
                    GuestExport::I5R1(f) => one(results, f.call(&mut ctx, (a(0), a(1), a(2), a(3), a(4))).map_err(to_trap)?),
                    GuestExport::I6R0(f) => f.call(&mut ctx, (a(0), a(1), a(2), a(3), a(4), a(5))).map_err(to_trap)?,
                    GuestExport::I6R1(f) => {
                        one(results, f.call(&mut ctx, (a(0), a(1), a(2), a(3), a(4), a(5))).map_err(to_trap)?)
                    }
                }
                Ok(())
            }
        }
    };
}
