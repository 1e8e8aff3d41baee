//! `wasi:clocks`: monotonic-clock (with pollable deadlines) and wall-clock.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use cm32_host::LinkError;

use crate::io::new_pollable;
use crate::table::Pollable;
use crate::{Defs, Kinds, WasiView};

pub(crate) fn add<T: WasiView>(defs: &mut Defs<'_, T>, k: Kinds) -> Result<(), LinkError> {
    defs.func("wasi:clocks/monotonic-clock#now", |cx, ()| Ok(cx.data.wasi().started.elapsed().as_nanos() as u64))?;
    defs.func("wasi:clocks/monotonic-clock#resolution", |_, ()| Ok(1u64))?;
    defs.func("wasi:clocks/monotonic-clock#subscribe-instant", move |cx, (when,): (u64,)| {
        let ctx = cx.data.wasi();
        let at = ctx.started + Duration::from_nanos(when);
        new_pollable(ctx, k, Pollable::Deadline(at))
    })?;
    defs.func("wasi:clocks/monotonic-clock#subscribe-duration", move |cx, (nanos,): (u64,)| {
        let ctx = cx.data.wasi();
        let at = std::time::Instant::now() + Duration::from_nanos(nanos);
        new_pollable(ctx, k, Pollable::Deadline(at))
    })?;
    defs.func("wasi:clocks/wall-clock#now", |_, ()| {
        let since = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
        Ok((since.as_secs(), since.subsec_nanos()))
    })?;
    defs.func("wasi:clocks/wall-clock#resolution", |_, ()| Ok((0u64, 1u32)))?;
    Ok(())
}
