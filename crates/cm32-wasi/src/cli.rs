//! `wasi:cli`: environment, exit, stdio, and the terminal interfaces (no terminals here).

use cm32_host::{Resource, Trap};

use crate::WasiCtx;
use crate::bindings::wasi::cli::{
    environment, exit, stderr, stdin, stdout, terminal_input, terminal_output, terminal_stderr, terminal_stdin,
    terminal_stdout,
};
use crate::bindings::wasi::io::streams;
use crate::io::{new_input, new_output};
use crate::table::{Source, Target};

impl environment::Host for WasiCtx {
    fn get_environment(&mut self) -> cm32_host::Result<Vec<(String, String)>> {
        Ok(self.env.clone())
    }

    fn get_arguments(&mut self) -> cm32_host::Result<Vec<String>> {
        Ok(self.args.clone())
    }

    fn initial_cwd(&mut self) -> cm32_host::Result<Option<String>> {
        Ok(self.initial_cwd.clone())
    }
}

impl exit::Host for WasiCtx {
    fn exit(&mut self, status: Result<(), ()>) -> cm32_host::Result<()> {
        Err(Trap::exit(if status.is_ok() { 0 } else { 1 }))
    }

    fn exit_with_code(&mut self, status_code: u8) -> cm32_host::Result<()> {
        Err(Trap::exit(status_code as i32))
    }
}

impl stdin::Host for WasiCtx {
    fn get_stdin(&mut self) -> cm32_host::Result<Resource<streams::InputStream>> {
        new_input(self, Source::Stdin, None)
    }
}

impl stdout::Host for WasiCtx {
    fn get_stdout(&mut self) -> cm32_host::Result<Resource<streams::OutputStream>> {
        new_output(self, Target::Stdout, None)
    }
}

impl stderr::Host for WasiCtx {
    fn get_stderr(&mut self) -> cm32_host::Result<Resource<streams::OutputStream>> {
        new_output(self, Target::Stderr, None)
    }
}

// Output goes to pipes and buffers as far as the guest can tell: no terminals, so no terminal
// resource is ever made.

impl terminal_stdin::Host for WasiCtx {
    fn get_terminal_stdin(&mut self) -> cm32_host::Result<Option<Resource<terminal_input::TerminalInput>>> {
        Ok(None)
    }
}

impl terminal_stdout::Host for WasiCtx {
    fn get_terminal_stdout(&mut self) -> cm32_host::Result<Option<Resource<terminal_output::TerminalOutput>>> {
        Ok(None)
    }
}

impl terminal_stderr::Host for WasiCtx {
    fn get_terminal_stderr(&mut self) -> cm32_host::Result<Option<Resource<terminal_output::TerminalOutput>>> {
        Ok(None)
    }
}

impl terminal_input::Host for WasiCtx {}

impl terminal_input::HostTerminalInput for WasiCtx {
    fn drop(&mut self, t: Resource<terminal_input::TerminalInput>) -> cm32_host::Result<()> {
        self.table.remove(t.rep()).map(drop)
    }
}

impl terminal_output::Host for WasiCtx {}

impl terminal_output::HostTerminalOutput for WasiCtx {
    fn drop(&mut self, t: Resource<terminal_output::TerminalOutput>) -> cm32_host::Result<()> {
        self.table.remove(t.rep()).map(drop)
    }
}
