//! `cm32 serve`: a `wasi:http/proxy` component answering HTTP requests, one fresh instance each.

use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context as _, Result, anyhow, bail};
use cm32_host::engine::Engine;
use cm32_host::{Compiled, Linker, WasmiEngine, WasmtimeEngine};
use cm32_wasi::WasiCtxBuilder;
use cm32_wasi_http::{Server, ServerConfig, WasiHttpCtx};

use crate::{EngineArg, ServeArgs};

pub(crate) fn serve(args: ServeArgs) -> Result<ExitCode> {
    let wasm = wat::parse_file(&args.file).map_err(|e| anyhow!("{e}"))?;
    let limits = crate::limits::parse(&args.limits)?;
    let env = environment(&args.env)?;
    let options = limits.engine_options();
    match args.engine {
        EngineArg::Wasmi => serve_on(WasmiEngine::with_options(options), limits, &wasm, env, &args),
        EngineArg::Wasmtime => {
            // A store per request: from a pool, as `wasmtime serve` does.
            let stores = u32::try_from(args.max_concurrent).unwrap_or(u32::MAX);
            let mut engine = WasmtimeEngine::pooled(options, stores);
            if let Some(dir) = args.cache.dir() {
                engine = engine.with_code_cache(dir);
            }
            serve_on(engine, limits, &wasm, env, &args)
        }
    }
}

/// `--env` as pairs: `KEY=VALUE`, or `KEY` for the host's value.
fn environment(vars: &[String]) -> Result<Vec<(String, String)>> {
    vars.iter()
        .map(|var| match var.split_once('=') {
            Some((key, value)) => Ok((key.to_string(), value.to_string())),
            None => match std::env::var(var) {
                Ok(value) => Ok((var.clone(), value)),
                Err(_) => bail!("--env {var}: the host has no variable `{var}` to pass on (write --env {var}=VALUE)"),
            },
        })
        .collect()
}

fn serve_on<E: Engine>(
    engine: E,
    limits: cm32_host::Limits,
    wasm: &[u8],
    env: Vec<(String, String)>,
    args: &ServeArgs,
) -> Result<ExitCode> {
    let mut linker = Linker::<WasiHttpCtx, E>::new(cm32_wasi_http::proxy_world());
    cm32_wasi_http::add_to_linker(&mut linker).context("cannot define wasi:http")?;
    linker.limits(limits);
    let file = args.file.display().to_string();
    let compiled = Compiled::new(&engine, wasm).with_context(|| format!("cannot load {file}"))?;
    let pre = linker.link(&compiled).with_context(|| format!("cannot link {file}"))?;
    let max_resources = args.max_resources;
    let argv0 = file.clone();
    let make_wasi = Arc::new(move || {
        let mut wasi = WasiCtxBuilder::default()
            .stdout(std::io::stdout())
            .stderr(std::io::stderr())
            .args([argv0.clone()])
            .max_resources(max_resources);
        for (key, value) in &env {
            wasi = wasi.env(key, value);
        }
        wasi
    });
    let config = ServerConfig {
        max_concurrent: args.max_concurrent,
        allow_outbound: args.allow_outbound,
        header_timeout: args.header_timeout,
    };
    let server = Arc::new(
        Server::new(pre, make_wasi, config).with_context(|| format!("{file} is not a wasi:http/proxy component"))?,
    );
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().context("cannot start tokio")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(&args.addr)
            .await
            .with_context(|| format!("--addr {}: cannot listen there", args.addr))?;
        let local = listener.local_addr()?;
        eprintln!("Serving HTTP on http://{local}/");
        server.serve(listener, shutdown_signal()).await?;
        eprintln!("Stopped serving.");
        Ok(ExitCode::SUCCESS)
    })
}

/// SIGINT or SIGTERM.
async fn shutdown_signal() {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        () = terminate => {}
    }
}
