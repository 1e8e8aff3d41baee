//! Probes a host's `wasi:http/proxy` support: one incoming handler whose routes each exercise one
//! part of the interface (streamed bodies both ways, trailers both ways, outgoing requests, header
//! errors) or one way a handler can misbehave (trap, never return, never respond). Routing looks
//! only at the path; the query carries the routes' parameters. Every response is deterministic, so
//! tests can compare exact statuses, headers, bodies and trailers.

use std::hint::black_box;

use wasip2::exports::http::incoming_handler::Guest;
use wasip2::http::outgoing_handler;
use wasip2::http::types::{
    ErrorCode, Fields, IncomingBody, IncomingRequest, Method, OutgoingBody, OutgoingRequest, OutgoingResponse,
    ResponseOutparam, Scheme,
};
use wasip2::io::streams::{InputStream, OutputStream, StreamError};

/// The most one `blocking-write-and-flush` may carry, and so the size of every chunk read or written.
const CHUNK_SIZE: usize = 4096;

/// The body length `/stream` sends when no `bytes` parameter is given: 64 MiB.
const DEFAULT_STREAM_BYTES: u64 = 64 * 1024 * 1024;

/// `/stream`'s byte `i` is `i % STREAM_PERIOD`; a prime period keeps it from lining up with any
/// power-of-two chunk or buffer size, so a lost, repeated or reordered chunk shows in the bytes.
const STREAM_PERIOD: usize = 251;

struct ProbeHandler;

wasip2::http::proxy::export!(ProbeHandler);

impl Guest for ProbeHandler {
    fn handle(request: IncomingRequest, response_out: ResponseOutparam) {
        let path_with_query = request.path_with_query().unwrap_or_default();
        let (path, query) = match path_with_query.split_once('?') {
            Some((path, query)) => (path, query),
            None => (path_with_query.as_str(), ""),
        };
        match path {
            "/echo" => echo(&request, &path_with_query, response_out),
            "/stream" => stream(query, response_out),
            "/trailers" => trailers(&request, response_out),
            "/outgoing" => outgoing(query, response_out),
            // Straight to the `unreachable` instruction, not through a panic: the host sees a trap
            // with no output on stderr before it.
            "/trap" => core::arch::wasm32::unreachable(),
            "/loop" => spin_forever(),
            // Dropping the outparam unset is how a handler says nothing at all.
            "/no-response" => drop(response_out),
            "/bad-header" => bad_header(response_out),
            _ => respond_text(response_out, 404, &format!("not found: {path}\n")),
        }
    }
}

/// `/echo`: the request's headers come back renamed `x-echo-<name>`, in order and with repeats,
/// then `x-echo-method` and `x-echo-path`; the request's body comes back as it streams in.
fn echo(request: &IncomingRequest, path_with_query: &str, response_out: ResponseOutparam) {
    let mut echoed: Vec<(String, Vec<u8>)> =
        request.headers().entries().into_iter().map(|(name, value)| (format!("x-echo-{name}"), value)).collect();
    echoed.push(("x-echo-method".to_string(), method_name(&request.method()).into_bytes()));
    echoed.push(("x-echo-path".to_string(), path_with_query.as_bytes().to_vec()));
    let headers = match Fields::from_list(&echoed) {
        Ok(headers) => headers,
        // A request header whose prefixed name the host still refuses would otherwise be lost
        // without a word; say which error it was.
        Err(error) => return respond_text(response_out, 500, &format!("echo headers: {error:?}\n")),
    };
    let (response_body, response_stream) = start_response(response_out, 200, headers);

    // The response is already out: only now is the request body read, so a client that waits for
    // the response before sending its whole body still gets one.
    let request_body = request.consume().expect("the request body is taken once");
    let request_stream = request_body.stream().expect("the request body's stream is taken once");
    let copied = copy_stream(&request_stream, &response_stream);
    finish_body(response_body, response_stream, copied, None);
}

/// `/stream?bytes=N`: N bytes (64 MiB by default), byte `i` being `i % 251`, made chunk by chunk.
fn stream(query: &str, response_out: ResponseOutparam) {
    let length = match query_parameter(query, "bytes") {
        None => DEFAULT_STREAM_BYTES,
        Some(Ok(text)) => match text.parse::<u64>() {
            Ok(length) => length,
            Err(_) => return respond_text(response_out, 400, &format!("bad bytes: {text}\n")),
        },
        Some(Err(raw)) => return respond_text(response_out, 400, &format!("bad bytes: {raw}\n")),
    };
    let (response_body, response_stream) = start_response(response_out, 200, Fields::new());

    // Every chunk is a window into one period-and-a-chunk long table: the chunk starting at body
    // offset `i` starts at table index `i % 251`, so no byte is computed twice.
    let pattern: Vec<u8> = (0..STREAM_PERIOD + CHUNK_SIZE).map(|index| (index % STREAM_PERIOD) as u8).collect();
    let mut offset: u64 = 0;
    let mut written = Ok(());
    while offset < length {
        let chunk_length = (length - offset).min(CHUNK_SIZE as u64) as usize;
        let phase = (offset % STREAM_PERIOD as u64) as usize;
        written = response_stream.blocking_write_and_flush(&pattern[phase..phase + chunk_length]);
        if written.is_err() {
            break;
        }
        offset += chunk_length as u64;
    }
    finish_body(response_body, response_stream, written, None);
}

/// `/trailers`: the body `with trailers\n`, then trailers `x-trailer-one: 1`, `x-trailer-two: 2`
/// and `x-request-trailers: <how many trailers the request had>` (or `x-request-trailers-error:
/// <Debug of the error>` if they could not be read).
fn trailers(request: &IncomingRequest, response_out: ResponseOutparam) {
    // The `trailer` header announces the trailers to come: HTTP/1.1 servers such as hyper send only
    // the trailers it names.
    let announced = Fields::from_list(&[(
        "trailer".to_string(),
        b"x-trailer-one, x-trailer-two, x-request-trailers, x-request-trailers-error".to_vec(),
    )])
    .expect("the trailer header is valid");
    let (response_body, response_stream) = start_response(response_out, 200, announced);
    let written = response_stream.blocking_write_and_flush(b"with trailers\n");

    // The request's trailers come after its body, and the response's headers are long gone by
    // then: so their count travels in the response's trailers.
    let request_trailers = match count_request_trailers(request) {
        Ok(count) => ("x-request-trailers".to_string(), count.to_string().into_bytes()),
        Err(error) => ("x-request-trailers-error".to_string(), format!("{error:?}").into_bytes()),
    };
    let trailers = Fields::from_list(&[
        ("x-trailer-one".to_string(), b"1".to_vec()),
        ("x-trailer-two".to_string(), b"2".to_vec()),
        request_trailers,
    ])
    .expect("the trailer names and values are valid");
    finish_body(response_body, response_stream, written, Some(trailers));
}

/// Reads the request's body to its end, throwing it away, then waits for its trailers and counts
/// them (repeats included); a request without trailers has 0.
fn count_request_trailers(request: &IncomingRequest) -> Result<usize, ErrorCode> {
    let request_body = request.consume().expect("the request body is taken once");
    let request_stream = request_body.stream().expect("the request body's stream is taken once");
    loop {
        match request_stream.blocking_read(CHUNK_SIZE as u64) {
            Ok(_) => continue,
            Err(StreamError::Closed) => break,
            // The stream's error says no more than the trailers' will, so let those tell it.
            Err(StreamError::LastOperationFailed(_)) => break,
        }
    }
    // The stream is a child of the body and must be gone before the body is finished.
    drop(request_stream);
    let future_trailers = IncomingBody::finish(request_body);
    future_trailers.subscribe().block();
    match future_trailers.get() {
        Some(Ok(Ok(Some(trailers)))) => Ok(trailers.entries().len()),
        Some(Ok(Ok(None))) => Ok(0),
        Some(Ok(Err(error))) => Err(error),
        Some(Err(())) => unreachable!("the trailers are taken once"),
        None => unreachable!("the trailers are ready once their pollable is"),
    }
}

/// `/outgoing?url=<percent-encoded absolute http(s) URL>`: GETs the URL and passes the answer on
/// as 200 with `x-upstream-status` and the upstream body, or as 502 when the request fails.
fn outgoing(query: &str, response_out: ResponseOutparam) {
    let url = match query_parameter(query, "url") {
        None => return respond_text(response_out, 400, "missing url\n"),
        Some(Ok(url)) => url,
        Some(Err(raw)) => return respond_text(response_out, 400, &format!("bad url: {raw}\n")),
    };
    let Some(upstream_request) = outgoing_get(&url) else {
        return respond_text(response_out, 400, &format!("bad url: {url}\n"));
    };
    // The request can fail at once (refused by the host) or later (while connecting or waiting);
    // both are the same failure to the client.
    let upstream_response = outgoing_handler::handle(upstream_request, None).and_then(|future_response| {
        future_response.subscribe().block();
        match future_response.get() {
            Some(Ok(result)) => result,
            Some(Err(())) => unreachable!("the response is taken once"),
            None => unreachable!("the response is ready once its pollable is"),
        }
    });
    let upstream_response = match upstream_response {
        Ok(response) => response,
        Err(error) => return respond_text(response_out, 502, &format!("upstream error: {error:?}\n")),
    };

    let headers =
        Fields::from_list(&[("x-upstream-status".to_string(), upstream_response.status().to_string().into_bytes())])
            .expect("x-upstream-status is a valid header");
    let (response_body, response_stream) = start_response(response_out, 200, headers);
    let upstream_body = upstream_response.consume().expect("the upstream body is taken once");
    let upstream_stream = upstream_body.stream().expect("the upstream body's stream is taken once");
    let copied = copy_stream(&upstream_stream, &response_stream);
    finish_body(response_body, response_stream, copied, None);
}

/// A GET request for an absolute `http://` or `https://` URL, or None if it is not one or the host
/// refuses one of its parts.
fn outgoing_get(url: &str) -> Option<OutgoingRequest> {
    let (scheme, rest) = if let Some(rest) = url.strip_prefix("http://") {
        (Scheme::Http, rest)
    } else if let Some(rest) = url.strip_prefix("https://") {
        (Scheme::Https, rest)
    } else {
        return None;
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, path_with_query) = rest.split_at(authority_end);
    if authority.is_empty() {
        return None;
    }
    // An origin-form request target always starts with `/`, even for `http://host?query`.
    let path_with_query =
        if path_with_query.starts_with('/') { path_with_query.to_string() } else { format!("/{path_with_query}") };

    // A new request is already a GET.
    let request = OutgoingRequest::new(Fields::new());
    request.set_scheme(Some(&scheme)).ok()?;
    request.set_authority(Some(authority)).ok()?;
    request.set_path_with_query(Some(&path_with_query)).ok()?;
    // A GET sends no body, but the host only knows the request is complete once its body is
    // finished.
    let body = request.body().expect("a new request's body is taken once");
    OutgoingBody::finish(body, None).expect("an empty body contradicts nothing");
    Some(request)
}

/// `/loop`: never returns and never responds, so only the host's own limits can end the request.
fn spin_forever() -> ! {
    // The counter goes through `black_box` each time round, so the optimizer must keep the loop.
    let mut spins: u64 = 0;
    loop {
        spins = black_box(spins.wrapping_add(1));
    }
}

/// `/bad-header`: asks the host for headers named `bad name`, which no header may be called, and
/// answers 200 with what `fields.from-list` said.
fn bad_header(response_out: ResponseOutparam) {
    let outcome = match Fields::from_list(&[("bad name".to_string(), b"value".to_vec())]) {
        Ok(_) => "Ok".to_string(),
        Err(error) => format!("{error:?}"),
    };
    respond_text(response_out, 200, &format!("from-list: {outcome}\n"));
}

/// Sends a response with no headers and the short body `text`.
fn respond_text(response_out: ResponseOutparam, status: u16, text: &str) {
    let (body, body_stream) = start_response(response_out, status, Fields::new());
    let written = write_all(&body_stream, text.as_bytes());
    finish_body(body, body_stream, written, None);
}

/// Sends the response's status and headers, and hands back its body to write.
fn start_response(response_out: ResponseOutparam, status: u16, headers: Fields) -> (OutgoingBody, OutputStream) {
    let response = OutgoingResponse::new(headers);
    response.set_status_code(status).expect("the statuses used here are valid");
    let body = response.body().expect("a new response's body is taken once");
    // The response goes out before its body is written: a host may only start reading the body
    // once it has the response, so writing first could wait forever on a larger body.
    ResponseOutparam::set(response_out, Ok(response));
    let body_stream = body.write().expect("a new body's stream is taken once");
    (body, body_stream)
}

/// Ends a response body: finished (with `trailers`) if everything was written, otherwise dropped
/// unfinished, which tells the host the body is incomplete rather than passing it off as whole.
fn finish_body(
    body: OutgoingBody,
    body_stream: OutputStream,
    written: Result<(), StreamError>,
    trailers: Option<Fields>,
) {
    // The stream is a child of the body and must be gone before the body is finished.
    drop(body_stream);
    if written.is_ok() {
        // An error here is the client's connection failing; there is no one left to tell.
        let _ = OutgoingBody::finish(body, trailers);
    }
}

/// Writes `bytes` in chunks small enough for `blocking-write-and-flush`.
fn write_all(output: &OutputStream, bytes: &[u8]) -> Result<(), StreamError> {
    bytes.chunks(CHUNK_SIZE).try_for_each(|chunk| output.blocking_write_and_flush(chunk))
}

/// Copies `input` to `output` until `input` ends, one chunk at a time, so a body of any length
/// passes through in constant memory. Fails if reading or writing does.
fn copy_stream(input: &InputStream, output: &OutputStream) -> Result<(), StreamError> {
    loop {
        match input.blocking_read(CHUNK_SIZE as u64) {
            Ok(chunk) => output.blocking_write_and_flush(&chunk)?,
            Err(StreamError::Closed) => return Ok(()),
            Err(error) => return Err(error),
        }
    }
}

/// The method as it appears on the request line.
fn method_name(method: &Method) -> String {
    match method {
        Method::Get => "GET",
        Method::Head => "HEAD",
        Method::Post => "POST",
        Method::Put => "PUT",
        Method::Delete => "DELETE",
        Method::Connect => "CONNECT",
        Method::Options => "OPTIONS",
        Method::Trace => "TRACE",
        Method::Patch => "PATCH",
        Method::Other(other) => other,
    }
    .to_string()
}

/// The first value of the query parameter `name`, percent-decoded: None if it is absent,
/// `Err(raw value)` if its encoding is broken. `+` stays `+`: URLs given here are percent-encoded,
/// not form-encoded.
fn query_parameter(query: &str, name: &str) -> Option<Result<String, String>> {
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (key == name).then(|| percent_decode(value).ok_or_else(|| value.to_string()))
    })
}

/// Decodes `%XX` escapes; None if one is cut short, not hex, or the result is not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            // Each digit on its own: `from_str_radix` on the pair would also take a sign, as in `%+1`.
            let high = (*bytes.get(index + 1)? as char).to_digit(16)?;
            let low = (*bytes.get(index + 2)? as char).to_digit(16)?;
            decoded.push((high * 16 + low) as u8);
            index += 3;
        } else {
            decoded.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(decoded).ok()
}
