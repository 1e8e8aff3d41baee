//! `wasi:cli`: environment, exit, stdio, and the terminal interfaces (no terminals here).

use cm32_host::{LinkError, ResourceAny, Trap};

use crate::io::{new_input, new_output};
use crate::table::{Source, Target};
use crate::{Defs, Kinds, WasiView};

pub(crate) fn add<T: WasiView>(defs: &mut Defs<'_, T>, k: Kinds) -> Result<(), LinkError> {
    defs.func("wasi:cli/environment#get-environment", |cx, ()| Ok(cx.data.wasi().env.clone()))?;
    defs.func("wasi:cli/environment#get-arguments", |cx, ()| Ok(cx.data.wasi().args.clone()))?;
    defs.func("wasi:cli/environment#initial-cwd", |cx, ()| Ok(cx.data.wasi().initial_cwd.clone()))?;

    defs.func("wasi:cli/exit#exit", |_, (status,): (Result<(), ()>,)| -> Result<(), Trap> {
        Err(Trap::exit(if status.is_ok() { 0 } else { 1 }))
    })?;
    defs.func("wasi:cli/exit#exit-with-code", |_, (code,): (u8,)| -> Result<(), Trap> {
        Err(Trap::exit(code as i32))
    })?;

    defs.func("wasi:cli/stdin#get-stdin", move |cx, ()| new_input(cx.data.wasi(), k, Source::Stdin, None))?;
    defs.func("wasi:cli/stdout#get-stdout", move |cx, ()| new_output(cx.data.wasi(), k, Target::Stdout, None))?;
    defs.func("wasi:cli/stderr#get-stderr", move |cx, ()| new_output(cx.data.wasi(), k, Target::Stderr, None))?;

    // Output goes to pipes and buffers as far as the guest can tell: no terminals.
    defs.func("wasi:cli/terminal-stdin#get-terminal-stdin", |_, ()| Ok(None::<ResourceAny>))?;
    defs.func("wasi:cli/terminal-stdout#get-terminal-stdout", |_, ()| Ok(None::<ResourceAny>))?;
    defs.func("wasi:cli/terminal-stderr#get-terminal-stderr", |_, ()| Ok(None::<ResourceAny>))?;
    Ok(())
}
