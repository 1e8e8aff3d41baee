//! `wasi:clocks`: monotonic-clock (with pollable deadlines) and wall-clock.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use cm32_host::Resource;

use crate::WasiCtx;
use crate::bindings::wasi::clocks::{monotonic_clock, wall_clock};
use crate::bindings::wasi::io::poll;
use crate::io::new_pollable;
use crate::table::Pollable;

/// The monotonic clock counts nanoseconds from the instance's start.
impl monotonic_clock::Host for WasiCtx {
    fn now(&mut self) -> cm32_host::Result<monotonic_clock::Instant> {
        Ok(self.started.elapsed().as_nanos() as u64)
    }

    fn resolution(&mut self) -> cm32_host::Result<monotonic_clock::Duration> {
        Ok(1)
    }

    fn subscribe_instant(&mut self, when: monotonic_clock::Instant) -> cm32_host::Result<Resource<poll::Pollable>> {
        let at = self.started + Duration::from_nanos(when);
        new_pollable(self, Pollable::Deadline(at))
    }

    fn subscribe_duration(&mut self, nanos: monotonic_clock::Duration) -> cm32_host::Result<Resource<poll::Pollable>> {
        let at = Instant::now() + Duration::from_nanos(nanos);
        new_pollable(self, Pollable::Deadline(at))
    }
}

impl wall_clock::Host for WasiCtx {
    fn now(&mut self) -> cm32_host::Result<wall_clock::Datetime> {
        let since = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
        Ok(wall_clock::Datetime { seconds: since.as_secs(), nanoseconds: since.subsec_nanos() })
    }

    fn resolution(&mut self) -> cm32_host::Result<wall_clock::Datetime> {
        Ok(wall_clock::Datetime { seconds: 0, nanoseconds: 1 })
    }
}
