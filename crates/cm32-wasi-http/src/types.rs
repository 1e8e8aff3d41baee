//! `wasi:http/types` but `fields`: requests, responses, bodies and their futures, and the
//! response-outparam through which a guest answers an incoming request.
//!
//! Every resource lives in the instance's WASI table (`cm32_wasi::ext`), so that the parent
//! rules hold across both crates: a body's stream must be dropped before the body is finished,
//! headers handed out by a request before the request.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use cm32_host::{Resource, Trap, TrapClass};
use cm32_wasi::WasiCtx;
use http::{HeaderMap, Method as HttpMethod, StatusCode};
use http_body_util::BodyExt as _;
use http_body_util::combinators::BoxBody;

use crate::bindings::wasi::http::types::{self, ErrorCode, Method, Scheme};
use crate::pipe::{End, Pipe, PipeBody, PipeSink, PipeSource};
use crate::{HttpError, WasiHttpCtx, fields};
use cm32_wasi::bindings::wasi::io::{poll, streams};

/// A body as hyper sends it.
pub type HyperBody = BoxBody<Bytes, HttpError>;

/// An empty body.
pub(crate) fn empty_body() -> HyperBody {
    http_body_util::Empty::new().map_err(|never| match never {}).boxed()
}

/// A request that came in, as the guest sees it.
pub(crate) struct IncomingRequest {
    pub(crate) method: HttpMethod,
    pub(crate) scheme: Option<http::uri::Scheme>,
    pub(crate) authority: Option<String>,
    pub(crate) path_with_query: Option<String>,
    pub(crate) headers: HeaderMap,
    /// Until `consume`.
    pub(crate) body: Option<Arc<Pipe>>,
}

/// A body that comes in (of a request or a response): the guest takes its stream once, then
/// finishes it for the trailers.
pub(crate) struct IncomingBody {
    pipe: Arc<Pipe>,
    stream_taken: bool,
    finished: bool,
}

impl Drop for IncomingBody {
    /// A body the guest drops without finishing is not read on: its sender stops.
    fn drop(&mut self) {
        if !self.finished {
            self.pipe.close_reader();
        }
    }
}

pub(crate) struct FutureTrailers {
    pipe: Arc<Pipe>,
    taken: bool,
}

/// Whatever holds the reading end of a body that came in lets it go when it goes, however it
/// goes (the guest drops it, or the instance ends): the task feeding the body stops rather than
/// wait for room forever.
impl Drop for FutureTrailers {
    fn drop(&mut self) {
        self.pipe.close_reader();
    }
}

impl Drop for IncomingRequest {
    fn drop(&mut self) {
        if let Some(pipe) = &self.body {
            pipe.close_reader();
        }
    }
}

impl Drop for IncomingResponse {
    fn drop(&mut self) {
        if let Some(pipe) = &self.body {
            pipe.close_reader();
        }
    }
}

/// A response the guest builds.
pub(crate) struct OutgoingResponse {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Option<Arc<Pipe>>,
}

/// A body the guest writes: through its stream, then `finish`, which checks the length the
/// headers declared.
pub(crate) struct OutgoingBody {
    pipe: Arc<Pipe>,
    written: Arc<Mutex<u64>>,
    declared: Option<u64>,
    stream_taken: bool,
    finished: bool,
    /// Whether it is a request's body (which length error code to give).
    of_request: bool,
}

impl Drop for OutgoingBody {
    /// A body dropped without `finish` is cut short: its reader sees an error, not an end.
    fn drop(&mut self) {
        if !self.finished {
            self.pipe.finish(End::Failed(ErrorCode::InternalError(Some(
                "the guest dropped the body without finishing it".to_string(),
            ))));
        }
    }
}

/// Where the guest's answer to an incoming request goes: `set` sends it, once.
pub(crate) struct ResponseOutparam {
    pub(crate) sender: Option<tokio::sync::oneshot::Sender<Result<http::Response<HyperBody>, ErrorCode>>>,
}

/// A request the guest sends with `outgoing-handler.handle`.
pub(crate) struct OutgoingRequest {
    pub(crate) method: HttpMethod,
    pub(crate) scheme: Option<http::uri::Scheme>,
    pub(crate) authority: Option<String>,
    pub(crate) path_with_query: Option<String>,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Option<Arc<Pipe>>,
}

#[derive(Clone, Copy, Default)]
pub(crate) struct RequestOptions {
    pub(crate) connect_timeout: Option<Duration>,
    pub(crate) first_byte_timeout: Option<Duration>,
    pub(crate) between_bytes_timeout: Option<Duration>,
}

/// A response that came in to an outgoing request.
pub(crate) struct IncomingResponse {
    pub(crate) status: u16,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Option<Arc<Pipe>>,
}

/// A response on its way: the task that makes the request fills `slot` and rings the bell.
pub(crate) struct FutureIncomingResponse {
    pub(crate) slot: Arc<Mutex<Option<Result<IncomingResponse, ErrorCode>>>>,
    pub(crate) taken: bool,
    /// Aborts the request when the guest drops the future.
    pub(crate) task: tokio::task::AbortHandle,
}

impl Drop for FutureIncomingResponse {
    fn drop(&mut self) {
        self.task.abort();
    }
}

pub(crate) const INCOMING_REQUEST: &str = "incoming-request";
pub(crate) const INCOMING_BODY: &str = "incoming-body";
pub(crate) const FUTURE_TRAILERS: &str = "future-trailers";
pub(crate) const OUTGOING_RESPONSE: &str = "outgoing-response";
pub(crate) const OUTGOING_BODY: &str = "outgoing-body";
pub(crate) const RESPONSE_OUTPARAM: &str = "response-outparam";
pub(crate) const OUTGOING_REQUEST: &str = "outgoing-request";
pub(crate) const REQUEST_OPTIONS: &str = "request-options";
pub(crate) const INCOMING_RESPONSE: &str = "incoming-response";
pub(crate) const FUTURE_INCOMING_RESPONSE: &str = "future-incoming-response";

pub(crate) fn method_from_http(method: &HttpMethod) -> Method {
    match *method {
        HttpMethod::GET => Method::Get,
        HttpMethod::HEAD => Method::Head,
        HttpMethod::POST => Method::Post,
        HttpMethod::PUT => Method::Put,
        HttpMethod::DELETE => Method::Delete,
        HttpMethod::CONNECT => Method::Connect,
        HttpMethod::OPTIONS => Method::Options,
        HttpMethod::TRACE => Method::Trace,
        HttpMethod::PATCH => Method::Patch,
        ref other => Method::Other(other.as_str().to_string()),
    }
}

/// A method the guest gave; `None` if it is not a valid token.
fn method_to_http(method: &Method) -> Option<HttpMethod> {
    Some(match method {
        Method::Get => HttpMethod::GET,
        Method::Head => HttpMethod::HEAD,
        Method::Post => HttpMethod::POST,
        Method::Put => HttpMethod::PUT,
        Method::Delete => HttpMethod::DELETE,
        Method::Connect => HttpMethod::CONNECT,
        Method::Options => HttpMethod::OPTIONS,
        Method::Trace => HttpMethod::TRACE,
        Method::Patch => HttpMethod::PATCH,
        Method::Other(other) => HttpMethod::from_bytes(other.as_bytes()).ok()?,
    })
}

pub(crate) fn scheme_from_http(scheme: &http::uri::Scheme) -> Scheme {
    if *scheme == http::uri::Scheme::HTTP {
        Scheme::Http
    } else if *scheme == http::uri::Scheme::HTTPS {
        Scheme::Https
    } else {
        Scheme::Other(scheme.as_str().to_string())
    }
}

fn scheme_to_http(scheme: &Scheme) -> Option<http::uri::Scheme> {
    match scheme {
        Scheme::Http => Some(http::uri::Scheme::HTTP),
        Scheme::Https => Some(http::uri::Scheme::HTTPS),
        Scheme::Other(other) => other.parse().ok(),
    }
}

/// The length a message's headers declare, if any (and if it reads as one).
fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers.get(http::header::CONTENT_LENGTH)?.to_str().ok()?.trim().parse().ok()
}

/// A new outgoing body for a message with `headers`, and the pipe its reader reads.
fn new_outgoing_body(
    wasi: &mut WasiCtx,
    headers: &HeaderMap,
    of_request: bool,
) -> cm32_host::Result<(Resource<types::OutgoingBody>, Arc<Pipe>)> {
    let pipe = Pipe::new(wasi.bell());
    let body = OutgoingBody {
        pipe: pipe.clone(),
        written: Arc::default(),
        declared: declared_length(headers),
        stream_taken: false,
        finished: false,
        of_request,
    };
    Ok((Resource::new_own(wasi.push_resource(OUTGOING_BODY, body, None)?), pipe))
}

/// A new incoming body over `pipe`.
pub(crate) fn push_incoming_body(
    wasi: &mut WasiCtx,
    pipe: Arc<Pipe>,
) -> cm32_host::Result<Resource<types::IncomingBody>> {
    let body = IncomingBody { pipe, stream_taken: false, finished: false };
    Ok(Resource::new_own(wasi.push_resource(INCOMING_BODY, body, None)?))
}

/// What an incoming request and an incoming response share: headers, and a body taken once.
trait Incoming: std::any::Any + Send {
    const KIND: &'static str;
    fn headers(&self) -> &HeaderMap;
    fn body(&mut self) -> &mut Option<Arc<Pipe>>;
}

impl Incoming for IncomingRequest {
    const KIND: &'static str = INCOMING_REQUEST;
    fn headers(&self) -> &HeaderMap {
        &self.headers
    }
    fn body(&mut self) -> &mut Option<Arc<Pipe>> {
        &mut self.body
    }
}

impl Incoming for IncomingResponse {
    const KIND: &'static str = INCOMING_RESPONSE;
    fn headers(&self) -> &HeaderMap {
        &self.headers
    }
    fn body(&mut self) -> &mut Option<Arc<Pipe>> {
        &mut self.body
    }
}

/// The message's headers: an immutable child of it.
fn incoming_headers<M: Incoming>(wasi: &mut WasiCtx, rep: u32) -> cm32_host::Result<Resource<types::Fields>> {
    let map = wasi.resource::<M>(M::KIND, rep)?.headers().clone();
    fields::push(wasi, map, false, Some(rep))
}

/// The message's body, the first time.
fn incoming_consume<M: Incoming>(
    wasi: &mut WasiCtx,
    rep: u32,
) -> cm32_host::Result<Result<Resource<types::IncomingBody>, ()>> {
    match wasi.resource::<M>(M::KIND, rep)?.body().take() {
        Some(pipe) => push_incoming_body(wasi, pipe).map(Ok),
        None => Ok(Err(())),
    }
}

/// Drops the message (a body never consumed is then not read on).
fn incoming_drop<M: Incoming>(wasi: &mut WasiCtx, rep: u32) -> cm32_host::Result<()> {
    wasi.remove_resource::<M>(M::KIND, rep).map(drop)
}

fn host_trap(message: impl Into<String>) -> Trap {
    Trap::new(TrapClass::Host, message.into())
}

impl types::Host for WasiHttpCtx {
    fn http_error_code(&mut self, err: Resource<streams::Error>) -> cm32_host::Result<Option<ErrorCode>> {
        let os = self.wasi.io_error(err.rep())?;
        Ok(os.get_ref().and_then(|inner| inner.downcast_ref::<HttpError>()).map(|e| e.0.clone()))
    }
}

impl types::HostIncomingRequest for WasiHttpCtx {
    fn method(&mut self, r: Resource<types::IncomingRequest>) -> cm32_host::Result<Method> {
        Ok(method_from_http(&self.wasi.resource::<IncomingRequest>(INCOMING_REQUEST, r.rep())?.method))
    }

    fn path_with_query(&mut self, r: Resource<types::IncomingRequest>) -> cm32_host::Result<Option<String>> {
        Ok(self.wasi.resource::<IncomingRequest>(INCOMING_REQUEST, r.rep())?.path_with_query.clone())
    }

    fn scheme(&mut self, r: Resource<types::IncomingRequest>) -> cm32_host::Result<Option<Scheme>> {
        Ok(self.wasi.resource::<IncomingRequest>(INCOMING_REQUEST, r.rep())?.scheme.as_ref().map(scheme_from_http))
    }

    fn authority(&mut self, r: Resource<types::IncomingRequest>) -> cm32_host::Result<Option<String>> {
        Ok(self.wasi.resource::<IncomingRequest>(INCOMING_REQUEST, r.rep())?.authority.clone())
    }

    fn headers(&mut self, r: Resource<types::IncomingRequest>) -> cm32_host::Result<Resource<types::Fields>> {
        incoming_headers::<IncomingRequest>(&mut self.wasi, r.rep())
    }

    fn consume(
        &mut self,
        r: Resource<types::IncomingRequest>,
    ) -> cm32_host::Result<Result<Resource<types::IncomingBody>, ()>> {
        incoming_consume::<IncomingRequest>(&mut self.wasi, r.rep())
    }

    fn drop(&mut self, r: Resource<types::IncomingRequest>) -> cm32_host::Result<()> {
        incoming_drop::<IncomingRequest>(&mut self.wasi, r.rep())
    }
}

impl types::HostIncomingBody for WasiHttpCtx {
    fn stream(
        &mut self,
        b: Resource<types::IncomingBody>,
    ) -> cm32_host::Result<Result<Resource<streams::InputStream>, ()>> {
        let body = self.wasi.resource::<IncomingBody>(INCOMING_BODY, b.rep())?;
        if body.stream_taken {
            return Ok(Err(()));
        }
        body.stream_taken = true;
        let source = Box::new(PipeSource(body.pipe.clone()));
        self.wasi.push_input_stream(source, Some(b.rep())).map(Ok)
    }

    fn finish(&mut self, b: Resource<types::IncomingBody>) -> cm32_host::Result<Resource<types::FutureTrailers>> {
        let mut body = self.wasi.remove_resource::<IncomingBody>(INCOMING_BODY, b.rep())?;
        body.finished = true;
        let trailers = FutureTrailers { pipe: body.pipe.clone(), taken: false };
        Ok(Resource::new_own(self.wasi.push_resource(FUTURE_TRAILERS, trailers, None)?))
    }

    fn drop(&mut self, b: Resource<types::IncomingBody>) -> cm32_host::Result<()> {
        self.wasi.remove_resource::<IncomingBody>(INCOMING_BODY, b.rep()).map(drop)
    }
}

/// Ready once the body has ended and every byte of it was read (or the reader let it go).
struct TrailersReady(Arc<Pipe>);

impl cm32_wasi::ext::Readiness for TrailersReady {
    fn is_ready(&self) -> bool {
        self.0.ended().is_some()
    }
}

impl types::HostFutureTrailers for WasiHttpCtx {
    fn subscribe(&mut self, f: Resource<types::FutureTrailers>) -> cm32_host::Result<Resource<poll::Pollable>> {
        let pipe = self.wasi.resource::<FutureTrailers>(FUTURE_TRAILERS, f.rep())?.pipe.clone();
        self.wasi.push_pollable(Arc::new(TrailersReady(pipe)), Some(f.rep()))
    }

    #[allow(clippy::type_complexity)]
    fn get(
        &mut self,
        f: Resource<types::FutureTrailers>,
    ) -> cm32_host::Result<Option<Result<Result<Option<Resource<types::Fields>>, ErrorCode>, ()>>> {
        let future = self.wasi.resource::<FutureTrailers>(FUTURE_TRAILERS, f.rep())?;
        if future.taken {
            return Ok(Some(Err(())));
        }
        // The rest of the body, if the guest did not read it, is read here and dropped: the
        // trailers come after it.
        while let Ok(Some(_)) = future.pipe.pop(usize::MAX) {}
        let Some(end) = future.pipe.ended() else { return Ok(None) };
        future.taken = true;
        Ok(Some(Ok(match end {
            End::Finished(None) => Ok(None),
            End::Finished(Some(trailers)) => Ok(Some(fields::push(&mut self.wasi, trailers, false, Some(f.rep()))?)),
            End::Failed(code) => Err(code),
        })))
    }

    fn drop(&mut self, f: Resource<types::FutureTrailers>) -> cm32_host::Result<()> {
        self.wasi.remove_resource::<FutureTrailers>(FUTURE_TRAILERS, f.rep()).map(drop)
    }
}

impl types::HostOutgoingResponse for WasiHttpCtx {
    fn new(&mut self, headers: Resource<types::Fields>) -> cm32_host::Result<Resource<types::OutgoingResponse>> {
        let headers = fields::take(&mut self.wasi, headers)?;
        let response = OutgoingResponse { status: StatusCode::OK, headers, body: None };
        Ok(Resource::new_own(self.wasi.push_resource(OUTGOING_RESPONSE, response, None)?))
    }

    fn status_code(&mut self, r: Resource<types::OutgoingResponse>) -> cm32_host::Result<u16> {
        Ok(self.wasi.resource::<OutgoingResponse>(OUTGOING_RESPONSE, r.rep())?.status.as_u16())
    }

    fn set_status_code(
        &mut self,
        r: Resource<types::OutgoingResponse>,
        status: u16,
    ) -> cm32_host::Result<Result<(), ()>> {
        let response = self.wasi.resource::<OutgoingResponse>(OUTGOING_RESPONSE, r.rep())?;
        Ok(match StatusCode::from_u16(status) {
            Ok(status) => {
                response.status = status;
                Ok(())
            }
            Err(_) => Err(()),
        })
    }

    fn headers(&mut self, r: Resource<types::OutgoingResponse>) -> cm32_host::Result<Resource<types::Fields>> {
        let map = self.wasi.resource::<OutgoingResponse>(OUTGOING_RESPONSE, r.rep())?.headers.clone();
        fields::push(&mut self.wasi, map, false, Some(r.rep()))
    }

    fn body(
        &mut self,
        r: Resource<types::OutgoingResponse>,
    ) -> cm32_host::Result<Result<Resource<types::OutgoingBody>, ()>> {
        let response = self.wasi.resource::<OutgoingResponse>(OUTGOING_RESPONSE, r.rep())?;
        if response.body.is_some() {
            return Ok(Err(()));
        }
        let headers = response.headers.clone();
        let (body, pipe) = new_outgoing_body(&mut self.wasi, &headers, false)?;
        self.wasi.resource::<OutgoingResponse>(OUTGOING_RESPONSE, r.rep())?.body = Some(pipe);
        Ok(Ok(body))
    }

    fn drop(&mut self, r: Resource<types::OutgoingResponse>) -> cm32_host::Result<()> {
        self.wasi.remove_resource::<OutgoingResponse>(OUTGOING_RESPONSE, r.rep()).map(drop)
    }
}

impl types::HostOutgoingBody for WasiHttpCtx {
    fn write(
        &mut self,
        b: Resource<types::OutgoingBody>,
    ) -> cm32_host::Result<Result<Resource<streams::OutputStream>, ()>> {
        let body = self.wasi.resource::<OutgoingBody>(OUTGOING_BODY, b.rep())?;
        if body.stream_taken {
            return Ok(Err(()));
        }
        body.stream_taken = true;
        let sink = Box::new(PipeSink { pipe: body.pipe.clone(), written: body.written.clone() });
        self.wasi.push_output_stream(sink, Some(b.rep())).map(Ok)
    }

    fn finish(
        &mut self,
        b: Resource<types::OutgoingBody>,
        trailers: Option<Resource<types::Fields>>,
    ) -> cm32_host::Result<Result<(), ErrorCode>> {
        let trailers = trailers.map(|t| fields::take(&mut self.wasi, t)).transpose()?;
        let mut body = self.wasi.remove_resource::<OutgoingBody>(OUTGOING_BODY, b.rep())?;
        body.finished = true;
        let written = *body.written.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(declared) = body.declared
            && declared != written
        {
            let code = if body.of_request {
                ErrorCode::HttpRequestBodySize(Some(written))
            } else {
                ErrorCode::HttpResponseBodySize(Some(written))
            };
            body.pipe.finish(End::Failed(code.clone()));
            return Ok(Err(code));
        }
        body.pipe.finish(End::Finished(trailers));
        Ok(Ok(()))
    }

    fn drop(&mut self, b: Resource<types::OutgoingBody>) -> cm32_host::Result<()> {
        self.wasi.remove_resource::<OutgoingBody>(OUTGOING_BODY, b.rep()).map(drop)
    }
}

impl types::HostResponseOutparam for WasiHttpCtx {
    fn set(
        &mut self,
        param: Resource<types::ResponseOutparam>,
        response: Result<Resource<types::OutgoingResponse>, ErrorCode>,
    ) -> cm32_host::Result<()> {
        let mut outparam = self.wasi.remove_resource::<ResponseOutparam>(RESPONSE_OUTPARAM, param.rep())?;
        let answer = match response {
            Ok(r) => {
                let response = self.wasi.remove_resource::<OutgoingResponse>(OUTGOING_RESPONSE, r.rep())?;
                let body = match response.body {
                    Some(pipe) => PipeBody { pipe, done: false }.boxed(),
                    None => empty_body(),
                };
                let mut answer = http::Response::new(body);
                *answer.status_mut() = response.status;
                *answer.headers_mut() = response.headers;
                Ok(answer)
            }
            Err(code) => Err(code),
        };
        let Some(sender) = outparam.sender.take() else {
            return Err(host_trap("response-outparam.set: the response was already sent"));
        };
        // The client may have gone away; the guest goes on regardless.
        let _ = sender.send(answer);
        Ok(())
    }

    fn drop(&mut self, param: Resource<types::ResponseOutparam>) -> cm32_host::Result<()> {
        self.wasi.remove_resource::<ResponseOutparam>(RESPONSE_OUTPARAM, param.rep()).map(drop)
    }
}

impl types::HostOutgoingRequest for WasiHttpCtx {
    fn new(&mut self, headers: Resource<types::Fields>) -> cm32_host::Result<Resource<types::OutgoingRequest>> {
        let headers = fields::take(&mut self.wasi, headers)?;
        let request = OutgoingRequest {
            method: HttpMethod::GET,
            scheme: None,
            authority: None,
            path_with_query: None,
            headers,
            body: None,
        };
        Ok(Resource::new_own(self.wasi.push_resource(OUTGOING_REQUEST, request, None)?))
    }

    fn body(
        &mut self,
        r: Resource<types::OutgoingRequest>,
    ) -> cm32_host::Result<Result<Resource<types::OutgoingBody>, ()>> {
        let request = self.wasi.resource::<OutgoingRequest>(OUTGOING_REQUEST, r.rep())?;
        if request.body.is_some() {
            return Ok(Err(()));
        }
        let headers = request.headers.clone();
        let (body, pipe) = new_outgoing_body(&mut self.wasi, &headers, true)?;
        self.wasi.resource::<OutgoingRequest>(OUTGOING_REQUEST, r.rep())?.body = Some(pipe);
        Ok(Ok(body))
    }

    fn method(&mut self, r: Resource<types::OutgoingRequest>) -> cm32_host::Result<Method> {
        Ok(method_from_http(&self.wasi.resource::<OutgoingRequest>(OUTGOING_REQUEST, r.rep())?.method))
    }

    fn set_method(&mut self, r: Resource<types::OutgoingRequest>, method: Method) -> cm32_host::Result<Result<(), ()>> {
        let request = self.wasi.resource::<OutgoingRequest>(OUTGOING_REQUEST, r.rep())?;
        Ok(match method_to_http(&method) {
            Some(method) => {
                request.method = method;
                Ok(())
            }
            None => Err(()),
        })
    }

    fn path_with_query(&mut self, r: Resource<types::OutgoingRequest>) -> cm32_host::Result<Option<String>> {
        Ok(self.wasi.resource::<OutgoingRequest>(OUTGOING_REQUEST, r.rep())?.path_with_query.clone())
    }

    fn set_path_with_query(
        &mut self,
        r: Resource<types::OutgoingRequest>,
        path: Option<String>,
    ) -> cm32_host::Result<Result<(), ()>> {
        let request = self.wasi.resource::<OutgoingRequest>(OUTGOING_REQUEST, r.rep())?;
        if let Some(path) = &path
            && path.parse::<http::uri::PathAndQuery>().is_err()
        {
            return Ok(Err(()));
        }
        request.path_with_query = path;
        Ok(Ok(()))
    }

    fn scheme(&mut self, r: Resource<types::OutgoingRequest>) -> cm32_host::Result<Option<Scheme>> {
        Ok(self.wasi.resource::<OutgoingRequest>(OUTGOING_REQUEST, r.rep())?.scheme.as_ref().map(scheme_from_http))
    }

    fn set_scheme(
        &mut self,
        r: Resource<types::OutgoingRequest>,
        scheme: Option<Scheme>,
    ) -> cm32_host::Result<Result<(), ()>> {
        let request = self.wasi.resource::<OutgoingRequest>(OUTGOING_REQUEST, r.rep())?;
        let scheme = match scheme.as_ref().map(scheme_to_http) {
            None => None,
            Some(Some(scheme)) => Some(scheme),
            Some(None) => return Ok(Err(())),
        };
        request.scheme = scheme;
        Ok(Ok(()))
    }

    fn authority(&mut self, r: Resource<types::OutgoingRequest>) -> cm32_host::Result<Option<String>> {
        Ok(self.wasi.resource::<OutgoingRequest>(OUTGOING_REQUEST, r.rep())?.authority.clone())
    }

    fn set_authority(
        &mut self,
        r: Resource<types::OutgoingRequest>,
        authority: Option<String>,
    ) -> cm32_host::Result<Result<(), ()>> {
        let request = self.wasi.resource::<OutgoingRequest>(OUTGOING_REQUEST, r.rep())?;
        if let Some(authority) = &authority
            && authority.parse::<http::uri::Authority>().is_err()
        {
            return Ok(Err(()));
        }
        request.authority = authority;
        Ok(Ok(()))
    }

    fn headers(&mut self, r: Resource<types::OutgoingRequest>) -> cm32_host::Result<Resource<types::Fields>> {
        let map = self.wasi.resource::<OutgoingRequest>(OUTGOING_REQUEST, r.rep())?.headers.clone();
        fields::push(&mut self.wasi, map, false, Some(r.rep()))
    }

    fn drop(&mut self, r: Resource<types::OutgoingRequest>) -> cm32_host::Result<()> {
        self.wasi.remove_resource::<OutgoingRequest>(OUTGOING_REQUEST, r.rep()).map(drop)
    }
}

/// A `duration` of `wasi:clocks` (nanoseconds) as a Rust one.
fn duration(nanos: Option<u64>) -> Option<Duration> {
    nanos.map(Duration::from_nanos)
}

fn nanos(d: Option<Duration>) -> Option<u64> {
    d.map(|d| d.as_nanos().min(u64::MAX as u128) as u64)
}

/// Which timeout of a `request-options`.
type Timeout = fn(&mut RequestOptions) -> &mut Option<Duration>;

impl WasiHttpCtx {
    fn timeout(&mut self, o: &Resource<types::RequestOptions>, which: Timeout) -> cm32_host::Result<Option<u64>> {
        Ok(nanos(*which(self.wasi.resource::<RequestOptions>(REQUEST_OPTIONS, o.rep())?)))
    }

    fn set_timeout(
        &mut self,
        o: &Resource<types::RequestOptions>,
        which: Timeout,
        d: Option<u64>,
    ) -> cm32_host::Result<Result<(), ()>> {
        *which(self.wasi.resource::<RequestOptions>(REQUEST_OPTIONS, o.rep())?) = duration(d);
        Ok(Ok(()))
    }
}

impl types::HostRequestOptions for WasiHttpCtx {
    fn new(&mut self) -> cm32_host::Result<Resource<types::RequestOptions>> {
        Ok(Resource::new_own(self.wasi.push_resource(REQUEST_OPTIONS, RequestOptions::default(), None)?))
    }

    fn connect_timeout(&mut self, o: Resource<types::RequestOptions>) -> cm32_host::Result<Option<u64>> {
        self.timeout(&o, |o| &mut o.connect_timeout)
    }

    fn set_connect_timeout(
        &mut self,
        o: Resource<types::RequestOptions>,
        d: Option<u64>,
    ) -> cm32_host::Result<Result<(), ()>> {
        self.set_timeout(&o, |o| &mut o.connect_timeout, d)
    }

    fn first_byte_timeout(&mut self, o: Resource<types::RequestOptions>) -> cm32_host::Result<Option<u64>> {
        self.timeout(&o, |o| &mut o.first_byte_timeout)
    }

    fn set_first_byte_timeout(
        &mut self,
        o: Resource<types::RequestOptions>,
        d: Option<u64>,
    ) -> cm32_host::Result<Result<(), ()>> {
        self.set_timeout(&o, |o| &mut o.first_byte_timeout, d)
    }

    fn between_bytes_timeout(&mut self, o: Resource<types::RequestOptions>) -> cm32_host::Result<Option<u64>> {
        self.timeout(&o, |o| &mut o.between_bytes_timeout)
    }

    fn set_between_bytes_timeout(
        &mut self,
        o: Resource<types::RequestOptions>,
        d: Option<u64>,
    ) -> cm32_host::Result<Result<(), ()>> {
        self.set_timeout(&o, |o| &mut o.between_bytes_timeout, d)
    }

    fn drop(&mut self, o: Resource<types::RequestOptions>) -> cm32_host::Result<()> {
        self.wasi.remove_resource::<RequestOptions>(REQUEST_OPTIONS, o.rep()).map(drop)
    }
}

impl types::HostIncomingResponse for WasiHttpCtx {
    fn status(&mut self, r: Resource<types::IncomingResponse>) -> cm32_host::Result<u16> {
        Ok(self.wasi.resource::<IncomingResponse>(INCOMING_RESPONSE, r.rep())?.status)
    }

    fn headers(&mut self, r: Resource<types::IncomingResponse>) -> cm32_host::Result<Resource<types::Fields>> {
        incoming_headers::<IncomingResponse>(&mut self.wasi, r.rep())
    }

    fn consume(
        &mut self,
        r: Resource<types::IncomingResponse>,
    ) -> cm32_host::Result<Result<Resource<types::IncomingBody>, ()>> {
        incoming_consume::<IncomingResponse>(&mut self.wasi, r.rep())
    }

    fn drop(&mut self, r: Resource<types::IncomingResponse>) -> cm32_host::Result<()> {
        incoming_drop::<IncomingResponse>(&mut self.wasi, r.rep())
    }
}

/// Ready once the response (or its error) is in.
struct ResponseReady(Arc<Mutex<Option<Result<IncomingResponse, ErrorCode>>>>);

impl cm32_wasi::ext::Readiness for ResponseReady {
    fn is_ready(&self) -> bool {
        self.0.lock().map(|slot| slot.is_some()).unwrap_or(true)
    }
}

impl types::HostFutureIncomingResponse for WasiHttpCtx {
    fn subscribe(&mut self, f: Resource<types::FutureIncomingResponse>) -> cm32_host::Result<Resource<poll::Pollable>> {
        let future = self.wasi.resource::<FutureIncomingResponse>(FUTURE_INCOMING_RESPONSE, f.rep())?;
        let ready = Arc::new(ResponseReady(future.slot.clone()));
        self.wasi.push_pollable(ready, Some(f.rep()))
    }

    #[allow(clippy::type_complexity)]
    fn get(
        &mut self,
        f: Resource<types::FutureIncomingResponse>,
    ) -> cm32_host::Result<Option<Result<Result<Resource<types::IncomingResponse>, ErrorCode>, ()>>> {
        let future = self.wasi.resource::<FutureIncomingResponse>(FUTURE_INCOMING_RESPONSE, f.rep())?;
        if future.taken {
            return Ok(Some(Err(())));
        }
        let Some(result) = future.slot.lock().map_err(|_| host_trap("a request task panicked"))?.take() else {
            return Ok(None);
        };
        future.taken = true;
        Ok(Some(Ok(match result {
            Ok(response) => Ok(Resource::new_own(self.wasi.push_resource(INCOMING_RESPONSE, response, None)?)),
            Err(code) => Err(code),
        })))
    }

    fn drop(&mut self, f: Resource<types::FutureIncomingResponse>) -> cm32_host::Result<()> {
        self.wasi.remove_resource::<FutureIncomingResponse>(FUTURE_INCOMING_RESPONSE, f.rep()).map(drop)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bindings::wasi::http::types::{
        HostFields as _, HostIncomingBody as _, HostOutgoingRequest as _, HostOutgoingResponse as _,
    };
    use cm32_wasi::bindings::wasi::io::streams::{HostInputStream, HostOutputStream};

    fn ctx() -> (tokio::runtime::Runtime, WasiHttpCtx) {
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let ctx = WasiHttpCtx::new(cm32_wasi::WasiCtxBuilder::default().build(), runtime.handle().clone());
        (runtime, ctx)
    }

    fn borrow<T>(r: &Resource<T>) -> Resource<T> {
        Resource::new_borrow(r.rep())
    }

    /// A response whose headers say `content-length: declared`, and its body.
    fn response_with_length(
        ctx: &mut WasiHttpCtx,
        declared: &str,
    ) -> (Resource<types::OutgoingResponse>, Resource<types::OutgoingBody>, Arc<Pipe>) {
        let headers = ctx.from_list(vec![("content-length".into(), declared.as_bytes().to_vec())]).unwrap().unwrap();
        let response = types::HostOutgoingResponse::new(ctx, headers).unwrap();
        let body = types::HostOutgoingResponse::body(ctx, borrow(&response)).unwrap().unwrap();
        let pipe =
            ctx.wasi.resource::<OutgoingResponse>(OUTGOING_RESPONSE, response.rep()).unwrap().body.clone().unwrap();
        (response, body, pipe)
    }

    fn write(ctx: &mut WasiHttpCtx, body: &Resource<types::OutgoingBody>, bytes: &[u8]) {
        let stream = types::HostOutgoingBody::write(ctx, borrow(body)).unwrap().unwrap();
        assert!(ctx.wasi.check_write(borrow(&stream)).ok().unwrap() >= bytes.len() as u64);
        assert!(ctx.wasi.write(borrow(&stream), bytes.to_vec()).is_ok());
        HostOutputStream::drop(&mut ctx.wasi, stream).unwrap();
    }

    #[test]
    fn finish_checks_the_declared_length() {
        let (_runtime, mut ctx) = ctx();
        let (_response, body, pipe) = response_with_length(&mut ctx, "5");
        write(&mut ctx, &body, b"abc");
        let finished = types::HostOutgoingBody::finish(&mut ctx, body, None).unwrap();
        assert_eq!(format!("{finished:?}"), "Err(HttpResponseBodySize(Some(3)))");
        assert_eq!(pipe.pop(10).ok().flatten().as_deref(), Some(&b"abc"[..]));
        assert!(matches!(pipe.pop(10), Err(End::Failed(ErrorCode::HttpResponseBodySize(Some(3))))));

        let (_response, body, pipe) = response_with_length(&mut ctx, "3");
        write(&mut ctx, &body, b"abc");
        assert!(types::HostOutgoingBody::finish(&mut ctx, body, None).unwrap().is_ok());
        assert_eq!(pipe.pop(10).ok().flatten().as_deref(), Some(&b"abc"[..]));
        assert!(matches!(pipe.pop(10), Err(End::Finished(None))));
    }

    #[test]
    fn a_body_dropped_unfinished_ends_in_an_error() {
        let (_runtime, mut ctx) = ctx();
        let (_response, body, pipe) = response_with_length(&mut ctx, "3");
        // Its stream is a child: the body cannot go first.
        let stream = types::HostOutgoingBody::write(&mut ctx, borrow(&body)).unwrap().unwrap();
        assert!(types::HostOutgoingBody::write(&mut ctx, borrow(&body)).unwrap().is_err(), "one stream only");
        let refused = types::HostOutgoingBody::drop(&mut ctx, borrow(&body)).unwrap_err();
        assert_eq!(
            refused.message(),
            format!(
                "cannot drop outgoing-body {}: output-stream {}, made from it, is still alive (drop the \
                 output-stream first)",
                body.rep(),
                stream.rep()
            )
        );
        HostOutputStream::drop(&mut ctx.wasi, stream).unwrap();
        types::HostOutgoingBody::drop(&mut ctx, body).unwrap();
        assert!(
            matches!(pipe.pop(10), Err(End::Failed(ErrorCode::InternalError(Some(m)))) if m.contains("without finishing"))
        );
    }

    #[test]
    fn a_response_is_sent_once() {
        let (_runtime, mut ctx) = ctx();
        let (sender, mut receiver) = tokio::sync::oneshot::channel();
        let outparam =
            ctx.wasi.push_resource(RESPONSE_OUTPARAM, ResponseOutparam { sender: Some(sender) }, None).unwrap();
        let headers = types::HostFields::new(&mut ctx).unwrap();
        let response = types::HostOutgoingResponse::new(&mut ctx, headers).unwrap();
        assert_eq!(ctx.set_status_code(borrow(&response), 99).unwrap(), Err(()));
        assert_eq!(ctx.set_status_code(borrow(&response), 418).unwrap(), Ok(()));
        types::HostResponseOutparam::set(&mut ctx, Resource::new_own(outparam), Ok(response)).unwrap();
        let sent = receiver.try_recv().unwrap().unwrap();
        assert_eq!(sent.status(), 418);
        // The outparam is gone: a second `set` is a handle the host no longer has.
        let headers = types::HostFields::new(&mut ctx).unwrap();
        let again = types::HostOutgoingResponse::new(&mut ctx, headers).unwrap();
        let trap = types::HostResponseOutparam::set(&mut ctx, Resource::new_own(outparam), Ok(again)).unwrap_err();
        assert_eq!(trap.message(), format!("rep {outparam} is not a live response-outparam"));
    }

    #[test]
    fn an_incoming_body_gives_one_stream_then_its_trailers() {
        let (_runtime, mut ctx) = ctx();
        let pipe = Pipe::new(ctx.wasi.bell());
        let body = push_incoming_body(&mut ctx.wasi, pipe.clone()).unwrap();
        let stream = ctx.stream(borrow(&body)).unwrap().unwrap();
        assert!(ctx.stream(borrow(&body)).unwrap().is_err(), "one stream only");
        pipe.push(Bytes::from_static(b"hello")).unwrap();
        assert_eq!(ctx.wasi.read(borrow(&stream), 3).ok().unwrap(), b"hel");
        assert_eq!(ctx.wasi.read(borrow(&stream), 100).ok().unwrap(), b"lo");
        assert_eq!(ctx.wasi.read(borrow(&stream), 100).ok().unwrap(), b"", "nothing yet, and not the end");
        let refused = types::HostIncomingBody::finish(&mut ctx, borrow(&body)).unwrap_err();
        assert!(refused.message().contains("input-stream"), "{}", refused.message());
        HostInputStream::drop(&mut ctx.wasi, stream).unwrap();
        let trailers = types::HostIncomingBody::finish(&mut ctx, body).unwrap();
        assert!(
            types::HostFutureTrailers::get(&mut ctx, borrow(&trailers)).unwrap().is_none(),
            "the body has not ended"
        );
        let mut map = HeaderMap::new();
        map.insert("x-t", http::HeaderValue::from_static("1"));
        pipe.finish(End::Finished(Some(map)));
        let got =
            types::HostFutureTrailers::get(&mut ctx, borrow(&trailers)).unwrap().unwrap().unwrap().unwrap().unwrap();
        assert_eq!(types::HostFields::entries(&mut ctx, got).unwrap(), [("x-t".to_string(), b"1".to_vec())]);
        assert!(types::HostFutureTrailers::get(&mut ctx, borrow(&trailers)).unwrap().unwrap().is_err(), "taken once");
    }

    #[test]
    fn request_parts_are_checked() {
        let (_runtime, mut ctx) = ctx();
        let headers = types::HostFields::new(&mut ctx).unwrap();
        let request = types::HostOutgoingRequest::new(&mut ctx, headers).unwrap();
        let r = || Resource::<types::OutgoingRequest>::new_borrow(request.rep());
        assert_eq!(ctx.set_method(r(), Method::Other("BAD METHOD".into())).unwrap(), Err(()));
        assert_eq!(ctx.set_method(r(), Method::Other("PURGE".into())).unwrap(), Ok(()));
        assert!(matches!(types::HostOutgoingRequest::method(&mut ctx, r()).unwrap(), Method::Other(m) if m == "PURGE"));
        assert_eq!(ctx.set_authority(r(), Some("bad authority".into())).unwrap(), Err(()));
        assert_eq!(ctx.set_authority(r(), Some("127.0.0.1:8080".into())).unwrap(), Ok(()));
        assert_eq!(ctx.set_path_with_query(r(), Some("no slash and spaces".into())).unwrap(), Err(()));
        assert_eq!(ctx.set_path_with_query(r(), Some("/a/b?c=d".into())).unwrap(), Ok(()));
        assert_eq!(ctx.set_scheme(r(), Some(Scheme::Other("not a scheme!".into()))).unwrap(), Err(()));
        assert_eq!(types::HostOutgoingRequest::path_with_query(&mut ctx, r()).unwrap().as_deref(), Some("/a/b?c=d"));
    }
}
