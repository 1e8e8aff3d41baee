//! The smallest `wasi:http/proxy` component: every request gets status 200, `content-type:
//! text/plain` and the body `Hello, world!\n`, whatever its method, path, headers or body.

use wasip2::exports::http::incoming_handler::Guest;
use wasip2::http::types::{Fields, IncomingRequest, OutgoingBody, OutgoingResponse, ResponseOutparam};

const GREETING: &[u8] = b"Hello, world!\n";

struct HelloHandler;

wasip2::http::proxy::export!(HelloHandler);

impl Guest for HelloHandler {
    fn handle(_request: IncomingRequest, response_out: ResponseOutparam) {
        let headers = Fields::from_list(&[("content-type".to_string(), b"text/plain".to_vec())])
            .expect("content-type: text/plain is a valid header");
        // A new response's status is already 200.
        let response = OutgoingResponse::new(headers);
        let body = response.body().expect("a new response's body is taken once");
        // The response goes out before its body is written: a host may only start reading the body
        // once it has the response, so writing first could wait forever on a larger body.
        ResponseOutparam::set(response_out, Ok(response));

        let body_stream = body.write().expect("a new body's stream is taken once");
        // The greeting is far below the 4096 bytes one blocking-write-and-flush may carry.
        body_stream.blocking_write_and_flush(GREETING).expect("the client takes the greeting");
        // The stream is a child of the body and must be gone before the body is finished.
        drop(body_stream);
        OutgoingBody::finish(body, None).expect("the body has no content-length to contradict");
    }
}
