//! Serving a proxy component: every request gets a fresh instance from one `InstancePre`, run
//! on a blocking thread of tokio's (the guest is synchronous), at most `max_concurrent` at
//! once; the response's head comes back through the response-outparam and its body streams
//! while the guest still writes it.
//!
//! A guest that traps, returns without answering, or passes a limit gives the client a 500
//! (504 for a deadline), and the server goes on; the instance is dropped with its request.

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use cm32_host::engine::{Engine, InstantiateError};
use cm32_host::{CallError, InstancePre, LinkError, Resource, TrapClass};
use cm32_wasi::WasiCtxBuilder;
use http_body_util::BodyExt as _;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::sync::{Semaphore, oneshot};

use crate::WasiHttpCtx;
use crate::bindings::ProxyPre;
use crate::pipe::{End, Pipe, pump};
use crate::types::{HyperBody, INCOMING_REQUEST, IncomingRequest, RESPONSE_OUTPARAM, ResponseOutparam};

/// How a server runs its guests.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    /// Guests running at once; more requests wait their turn.
    pub max_concurrent: usize,
    /// Whether guests may send requests beyond loopback.
    pub allow_outbound: bool,
    /// How long a client may take to send a request's head; a client slower than this (one that
    /// holds a connection open by trickling headers) is cut off.
    pub header_timeout: Duration,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig { max_concurrent: 128, allow_outbound: false, header_timeout: Duration::from_secs(30) }
    }
}

/// Makes the WASI state of each request's instance.
pub type MakeWasi = dyn Fn() -> WasiCtxBuilder + Send + Sync;

/// A proxy component, linked once, that answers requests.
pub struct Server<E: Engine> {
    pre: ProxyPre<WasiHttpCtx, E>,
    make_wasi: Arc<MakeWasi>,
    config: ServerConfig,
    permits: Arc<Semaphore>,
}

/// Why a guest gave no response.
enum Failure {
    Instantiate(LinkError),
    Call(CallError),
    NoResponse,
    Thread(String),
}

impl Failure {
    /// The whole story, for the server's log.
    fn log(&self) -> String {
        match self {
            Failure::Instantiate(e) => format!("cannot instantiate the guest: {e}"),
            Failure::Call(e) => e.to_string(),
            Failure::NoResponse => "the guest returned without setting a response".to_string(),
            Failure::Thread(e) => format!("the guest's thread failed: {e}"),
        }
    }

    /// The status and the short text the client gets: what kind of failure, not the guest's
    /// insides (those are in the log).
    fn for_client(&self) -> (u16, String) {
        match self {
            Failure::Call(CallError::Trap(trap))
            | Failure::Instantiate(LinkError::Instantiate(InstantiateError::Trap(trap)))
                if trap.class == TrapClass::Deadline =>
            {
                (504, "the guest ran past its deadline\n".to_string())
            }
            // A trap while instantiating (in a `start` function or the initializer) is the guest's too.
            Failure::Call(CallError::Trap(trap))
            | Failure::Instantiate(LinkError::Instantiate(InstantiateError::Trap(trap))) => {
                (500, format!("the guest trapped ({})\n", trap.class))
            }
            Failure::Call(_) | Failure::Instantiate(_) | Failure::Thread(_) => {
                (500, "the guest could not be run\n".to_string())
            }
            Failure::NoResponse => (500, "the guest returned without setting a response\n".to_string()),
        }
    }
}

/// A response with a short text body.
fn text(status: u16, body: String) -> http::Response<HyperBody> {
    let mut response =
        http::Response::new(http_body_util::Full::new(Bytes::from(body)).map_err(|n| match n {}).boxed());
    *response.status_mut() = http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    response
        .headers_mut()
        .insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static("text/plain; charset=utf-8"));
    response
}

impl<E: Engine> Server<E> {
    /// A server of the component `pre` was linked from; fails if it does not export
    /// `wasi:http/incoming-handler`.
    pub fn new(
        pre: InstancePre<WasiHttpCtx, E>,
        make_wasi: Arc<MakeWasi>,
        config: ServerConfig,
    ) -> Result<Self, LinkError> {
        let permits = Arc::new(Semaphore::new(config.max_concurrent.max(1)));
        Ok(Server { pre: ProxyPre::new(pre)?, make_wasi, config, permits })
    }

    /// Answers one request with a fresh instance.
    pub async fn handle<B>(&self, request: http::Request<B>) -> http::Response<HyperBody>
    where
        B: http_body::Body<Data = Bytes> + Send + Unpin + 'static,
        B::Error: std::fmt::Display,
    {
        let Ok(permit) = self.permits.clone().acquire_owned().await else {
            return text(503, "the server is shutting down\n".to_string());
        };
        let wasi = (self.make_wasi)().build();
        let mut ctx =
            WasiHttpCtx::new(wasi, tokio::runtime::Handle::current()).allow_outbound(self.config.allow_outbound);
        let (parts, body) = request.into_parts();
        let pipe = Pipe::new(ctx.wasi.bell());
        // Most requests (a GET, a HEAD) have no body at all: no task to feed it.
        if body.is_end_stream() {
            pipe.finish(End::Finished(None));
        } else {
            tokio::spawn(pump(body, pipe.clone(), None));
        }
        let authority = parts
            .headers
            .get(http::header::HOST)
            .and_then(|h| h.to_str().ok())
            .map(str::to_string)
            .or_else(|| parts.uri.authority().map(|a| a.to_string()));
        let incoming = IncomingRequest {
            method: parts.method,
            scheme: Some(parts.uri.scheme().cloned().unwrap_or(http::uri::Scheme::HTTP)),
            authority,
            path_with_query: parts.uri.path_and_query().map(|p| p.as_str().to_string()),
            headers: crate::fields::without_forbidden(parts.headers),
            body: Some(pipe),
        };
        let (sender, answer) = oneshot::channel();
        let reps = ctx.wasi.push_resource(INCOMING_REQUEST, incoming, None).and_then(|request| {
            let outparam = ResponseOutparam { sender: Some(sender) };
            Ok((request, ctx.wasi.push_resource(RESPONSE_OUTPARAM, outparam, None)?))
        });
        let (request_rep, outparam_rep) = match reps {
            Ok(reps) => reps,
            Err(trap) => return text(500, format!("{trap}\n")),
        };
        let pre = self.pre.clone();
        // The guest's outcome comes back here unless the client was already answered; then the
        // guest, which may still be writing the body, logs a late failure itself (a failure
        // now cuts the body short, and is still worth a line in the log).
        let (report, outcome) = oneshot::channel::<Result<(), Failure>>();
        let guest = move || {
            let _permit = permit;
            let result = pre.instantiate(ctx).map_err(Failure::Instantiate).and_then(|(proxy, mut instance)| {
                proxy
                    .wasi_http_incoming_handler()
                    .call_handle(&mut instance, Resource::new_own(request_rep), Resource::new_own(outparam_rep))
                    .map_err(Failure::Call)
            });
            if let Err(Err(failure)) = report.send(result) {
                eprintln!("error: after answering: {}", failure.log());
            }
        };
        // The handle is dropped: the outcome comes through `outcome`, and a thread that panicked
        // drops `report` unsent.
        drop(tokio::task::spawn_blocking(guest));
        match answer.await {
            Ok(Ok(response)) => {
                let mut outcome = outcome;
                // No send succeeds after `close`; one that came before it is logged here.
                outcome.close();
                if let Ok(Err(failure)) = outcome.try_recv() {
                    eprintln!("error: after answering: {}", failure.log());
                }
                response
            }
            Ok(Err(code)) => {
                let _ = outcome.await;
                text(500, format!("the guest answered with an error: {code:?}\n"))
            }
            Err(_) => {
                let failure = match outcome.await {
                    Ok(Ok(())) => Failure::NoResponse,
                    Ok(Err(failure)) => failure,
                    Err(_) => Failure::Thread("it panicked".to_string()),
                };
                eprintln!("error: {}", failure.log());
                let (status, message) = failure.for_client();
                text(status, message)
            }
        }
    }

    /// Serves HTTP/1.1 on `listener` until `shutdown` completes; then stops accepting, lets the
    /// requests in flight finish, and returns.
    pub async fn serve(
        self: Arc<Self>,
        listener: tokio::net::TcpListener,
        shutdown: impl Future<Output = ()>,
    ) -> std::io::Result<()> {
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let mut connections = tokio::task::JoinSet::new();
        tokio::pin!(shutdown);
        loop {
            let (stream, _peer): (tokio::net::TcpStream, SocketAddr) = tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok(accepted) => accepted,
                    // A connection that failed before it was accepted (reset, out of files for a
                    // moment) is the client's loss, not the server's end.
                    Err(e) => {
                        eprintln!("error: accepting a connection: {e}");
                        continue;
                    }
                },
                () = &mut shutdown => break,
            };
            // A response goes out in several writes (head, chunks, the last chunk): without
            // this, Nagle's algorithm holds the last one until the client's delayed ACK.
            let _ = stream.set_nodelay(true);
            let server = self.clone();
            let mut stopped = stopped.clone();
            let header_timeout = self.config.header_timeout;
            connections.spawn(async move {
                let service = hyper::service::service_fn(move |request: http::Request<hyper::body::Incoming>| {
                    let server = server.clone();
                    async move { Ok::<_, Infallible>(server.handle(request).await) }
                });
                let connection = hyper::server::conn::http1::Builder::new()
                    .timer(TokioTimer::new())
                    .header_read_timeout(header_timeout)
                    .serve_connection(TokioIo::new(stream), service);
                tokio::pin!(connection);
                tokio::select! {
                    _ = &mut connection => {}
                    _ = stopped.changed() => {
                        connection.as_mut().graceful_shutdown();
                        let _ = connection.await;
                    }
                }
            });
            // Finished connections leave the set as the server goes.
            while connections.try_join_next().is_some() {}
        }
        let _ = stop.send(true);
        while connections.join_next().await.is_some() {}
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cm32_host::Trap;

    fn instantiating(class: TrapClass) -> Failure {
        Failure::Instantiate(LinkError::Instantiate(InstantiateError::Trap(Trap::new(class, "x"))))
    }

    /// A deadline is a 504 wherever it passes, in the handler or while the instance is made (a
    /// loaded server can spend the whole deadline there); any other trap is a 500 with its class.
    #[test]
    fn what_the_client_is_told() {
        let cases = [
            (
                Failure::Call(CallError::Trap(Trap::new(TrapClass::Deadline, "x"))),
                504,
                "the guest ran past its deadline\n",
            ),
            (instantiating(TrapClass::Deadline), 504, "the guest ran past its deadline\n"),
            (Failure::Call(CallError::Trap(Trap::new(TrapClass::Guest, "x"))), 500, "the guest trapped (guest)\n"),
            (instantiating(TrapClass::Fuel), 500, "the guest trapped (fuel)\n"),
            (Failure::Instantiate(LinkError::Module("bad".into())), 500, "the guest could not be run\n"),
            (Failure::NoResponse, 500, "the guest returned without setting a response\n"),
        ];
        for (failure, status, text) in cases {
            assert_eq!(failure.for_client(), (status, text.to_string()), "{}", failure.log());
        }
    }
}
