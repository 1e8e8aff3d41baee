(module
  ;; func wasi:io/poll@0.2.12#[method]pollable.ready
  (import "cm32p2|wasi:io/poll@0.2" "[method]pollable.ready" (func (param i32) (result i32)))
  ;; func wasi:io/poll@0.2.12#[method]pollable.block
  (import "cm32p2|wasi:io/poll@0.2" "[method]pollable.block" (func (param i32)))
  ;; func wasi:io/poll@0.2.12#poll
  (import "cm32p2|wasi:io/poll@0.2" "poll" (func (param i32 i32 i32)))
  ;; resource-drop wasi:io/poll@0.2.12#pollable
  (import "cm32p2|wasi:io/poll@0.2" "pollable_drop" (func (param i32)))
  ;; func wasi:clocks/monotonic-clock@0.2.12#now
  (import "cm32p2|wasi:clocks/monotonic-clock@0.2" "now" (func (result i64)))
  ;; func wasi:clocks/monotonic-clock@0.2.12#resolution
  (import "cm32p2|wasi:clocks/monotonic-clock@0.2" "resolution" (func (result i64)))
  ;; func wasi:clocks/monotonic-clock@0.2.12#subscribe-instant
  (import "cm32p2|wasi:clocks/monotonic-clock@0.2" "subscribe-instant" (func (param i64) (result i32)))
  ;; func wasi:clocks/monotonic-clock@0.2.12#subscribe-duration
  (import "cm32p2|wasi:clocks/monotonic-clock@0.2" "subscribe-duration" (func (param i64) (result i32)))
  ;; func wasi:clocks/wall-clock@0.2.12#now
  (import "cm32p2|wasi:clocks/wall-clock@0.2" "now" (func (param i32)))
  ;; func wasi:clocks/wall-clock@0.2.12#resolution
  (import "cm32p2|wasi:clocks/wall-clock@0.2" "resolution" (func (param i32)))
  ;; func wasi:random/random@0.2.12#get-random-bytes
  (import "cm32p2|wasi:random/random@0.2" "get-random-bytes" (func (param i64 i32)))
  ;; func wasi:random/random@0.2.12#get-random-u64
  (import "cm32p2|wasi:random/random@0.2" "get-random-u64" (func (result i64)))
  ;; func wasi:io/error@0.2.12#[method]error.to-debug-string
  (import "cm32p2|wasi:io/error@0.2" "[method]error.to-debug-string" (func (param i32 i32)))
  ;; resource-drop wasi:io/error@0.2.12#error
  (import "cm32p2|wasi:io/error@0.2" "error_drop" (func (param i32)))
  ;; func wasi:io/streams@0.2.12#[method]input-stream.read
  (import "cm32p2|wasi:io/streams@0.2" "[method]input-stream.read" (func (param i32 i64 i32)))
  ;; func wasi:io/streams@0.2.12#[method]input-stream.blocking-read
  (import "cm32p2|wasi:io/streams@0.2" "[method]input-stream.blocking-read" (func (param i32 i64 i32)))
  ;; func wasi:io/streams@0.2.12#[method]input-stream.skip
  (import "cm32p2|wasi:io/streams@0.2" "[method]input-stream.skip" (func (param i32 i64 i32)))
  ;; func wasi:io/streams@0.2.12#[method]input-stream.blocking-skip
  (import "cm32p2|wasi:io/streams@0.2" "[method]input-stream.blocking-skip" (func (param i32 i64 i32)))
  ;; func wasi:io/streams@0.2.12#[method]input-stream.subscribe
  (import "cm32p2|wasi:io/streams@0.2" "[method]input-stream.subscribe" (func (param i32) (result i32)))
  ;; func wasi:io/streams@0.2.12#[method]output-stream.check-write
  (import "cm32p2|wasi:io/streams@0.2" "[method]output-stream.check-write" (func (param i32 i32)))
  ;; func wasi:io/streams@0.2.12#[method]output-stream.write
  (import "cm32p2|wasi:io/streams@0.2" "[method]output-stream.write" (func (param i32 i32 i32 i32)))
  ;; func wasi:io/streams@0.2.12#[method]output-stream.blocking-write-and-flush
  (import "cm32p2|wasi:io/streams@0.2" "[method]output-stream.blocking-write-and-flush" (func (param i32 i32 i32 i32)))
  ;; func wasi:io/streams@0.2.12#[method]output-stream.flush
  (import "cm32p2|wasi:io/streams@0.2" "[method]output-stream.flush" (func (param i32 i32)))
  ;; func wasi:io/streams@0.2.12#[method]output-stream.blocking-flush
  (import "cm32p2|wasi:io/streams@0.2" "[method]output-stream.blocking-flush" (func (param i32 i32)))
  ;; func wasi:io/streams@0.2.12#[method]output-stream.subscribe
  (import "cm32p2|wasi:io/streams@0.2" "[method]output-stream.subscribe" (func (param i32) (result i32)))
  ;; func wasi:io/streams@0.2.12#[method]output-stream.write-zeroes
  (import "cm32p2|wasi:io/streams@0.2" "[method]output-stream.write-zeroes" (func (param i32 i64 i32)))
  ;; func wasi:io/streams@0.2.12#[method]output-stream.blocking-write-zeroes-and-flush
  (import "cm32p2|wasi:io/streams@0.2" "[method]output-stream.blocking-write-zeroes-and-flush" (func (param i32 i64 i32)))
  ;; func wasi:io/streams@0.2.12#[method]output-stream.splice
  (import "cm32p2|wasi:io/streams@0.2" "[method]output-stream.splice" (func (param i32 i32 i64 i32)))
  ;; func wasi:io/streams@0.2.12#[method]output-stream.blocking-splice
  (import "cm32p2|wasi:io/streams@0.2" "[method]output-stream.blocking-splice" (func (param i32 i32 i64 i32)))
  ;; resource-drop wasi:io/streams@0.2.12#input-stream
  (import "cm32p2|wasi:io/streams@0.2" "input-stream_drop" (func (param i32)))
  ;; resource-drop wasi:io/streams@0.2.12#output-stream
  (import "cm32p2|wasi:io/streams@0.2" "output-stream_drop" (func (param i32)))
  ;; func wasi:cli/stdout@0.2.12#get-stdout
  (import "cm32p2|wasi:cli/stdout@0.2" "get-stdout" (func (result i32)))
  ;; func wasi:cli/stderr@0.2.12#get-stderr
  (import "cm32p2|wasi:cli/stderr@0.2" "get-stderr" (func (result i32)))
  ;; func wasi:cli/stdin@0.2.12#get-stdin
  (import "cm32p2|wasi:cli/stdin@0.2" "get-stdin" (func (result i32)))
  ;; func wasi:http/types@0.2.12#[constructor]fields
  (import "cm32p2|wasi:http/types@0.2" "[constructor]fields" (func (result i32)))
  ;; func wasi:http/types@0.2.12#[static]fields.from-list
  (import "cm32p2|wasi:http/types@0.2" "[static]fields.from-list" (func (param i32 i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]fields.get
  (import "cm32p2|wasi:http/types@0.2" "[method]fields.get" (func (param i32 i32 i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]fields.has
  (import "cm32p2|wasi:http/types@0.2" "[method]fields.has" (func (param i32 i32 i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]fields.set
  (import "cm32p2|wasi:http/types@0.2" "[method]fields.set" (func (param i32 i32 i32 i32 i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]fields.delete
  (import "cm32p2|wasi:http/types@0.2" "[method]fields.delete" (func (param i32 i32 i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]fields.append
  (import "cm32p2|wasi:http/types@0.2" "[method]fields.append" (func (param i32 i32 i32 i32 i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]fields.entries
  (import "cm32p2|wasi:http/types@0.2" "[method]fields.entries" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]fields.clone
  (import "cm32p2|wasi:http/types@0.2" "[method]fields.clone" (func (param i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]incoming-request.method
  (import "cm32p2|wasi:http/types@0.2" "[method]incoming-request.method" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]incoming-request.path-with-query
  (import "cm32p2|wasi:http/types@0.2" "[method]incoming-request.path-with-query" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]incoming-request.scheme
  (import "cm32p2|wasi:http/types@0.2" "[method]incoming-request.scheme" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]incoming-request.authority
  (import "cm32p2|wasi:http/types@0.2" "[method]incoming-request.authority" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]incoming-request.headers
  (import "cm32p2|wasi:http/types@0.2" "[method]incoming-request.headers" (func (param i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]incoming-request.consume
  (import "cm32p2|wasi:http/types@0.2" "[method]incoming-request.consume" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[constructor]outgoing-request
  (import "cm32p2|wasi:http/types@0.2" "[constructor]outgoing-request" (func (param i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]outgoing-request.body
  (import "cm32p2|wasi:http/types@0.2" "[method]outgoing-request.body" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]outgoing-request.method
  (import "cm32p2|wasi:http/types@0.2" "[method]outgoing-request.method" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]outgoing-request.set-method
  (import "cm32p2|wasi:http/types@0.2" "[method]outgoing-request.set-method" (func (param i32 i32 i32 i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]outgoing-request.path-with-query
  (import "cm32p2|wasi:http/types@0.2" "[method]outgoing-request.path-with-query" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]outgoing-request.set-path-with-query
  (import "cm32p2|wasi:http/types@0.2" "[method]outgoing-request.set-path-with-query" (func (param i32 i32 i32 i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]outgoing-request.scheme
  (import "cm32p2|wasi:http/types@0.2" "[method]outgoing-request.scheme" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]outgoing-request.set-scheme
  (import "cm32p2|wasi:http/types@0.2" "[method]outgoing-request.set-scheme" (func (param i32 i32 i32 i32 i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]outgoing-request.authority
  (import "cm32p2|wasi:http/types@0.2" "[method]outgoing-request.authority" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]outgoing-request.set-authority
  (import "cm32p2|wasi:http/types@0.2" "[method]outgoing-request.set-authority" (func (param i32 i32 i32 i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]outgoing-request.headers
  (import "cm32p2|wasi:http/types@0.2" "[method]outgoing-request.headers" (func (param i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[constructor]request-options
  (import "cm32p2|wasi:http/types@0.2" "[constructor]request-options" (func (result i32)))
  ;; func wasi:http/types@0.2.12#[method]request-options.connect-timeout
  (import "cm32p2|wasi:http/types@0.2" "[method]request-options.connect-timeout" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]request-options.set-connect-timeout
  (import "cm32p2|wasi:http/types@0.2" "[method]request-options.set-connect-timeout" (func (param i32 i32 i64) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]request-options.first-byte-timeout
  (import "cm32p2|wasi:http/types@0.2" "[method]request-options.first-byte-timeout" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]request-options.set-first-byte-timeout
  (import "cm32p2|wasi:http/types@0.2" "[method]request-options.set-first-byte-timeout" (func (param i32 i32 i64) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]request-options.between-bytes-timeout
  (import "cm32p2|wasi:http/types@0.2" "[method]request-options.between-bytes-timeout" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]request-options.set-between-bytes-timeout
  (import "cm32p2|wasi:http/types@0.2" "[method]request-options.set-between-bytes-timeout" (func (param i32 i32 i64) (result i32)))
  ;; func wasi:http/types@0.2.12#[static]response-outparam.set
  (import "cm32p2|wasi:http/types@0.2" "[static]response-outparam.set" (func (param i32 i32 i32 i32 i64 i32 i32 i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]incoming-response.status
  (import "cm32p2|wasi:http/types@0.2" "[method]incoming-response.status" (func (param i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]incoming-response.headers
  (import "cm32p2|wasi:http/types@0.2" "[method]incoming-response.headers" (func (param i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]incoming-response.consume
  (import "cm32p2|wasi:http/types@0.2" "[method]incoming-response.consume" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]incoming-body.stream
  (import "cm32p2|wasi:http/types@0.2" "[method]incoming-body.stream" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[static]incoming-body.finish
  (import "cm32p2|wasi:http/types@0.2" "[static]incoming-body.finish" (func (param i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]future-trailers.subscribe
  (import "cm32p2|wasi:http/types@0.2" "[method]future-trailers.subscribe" (func (param i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]future-trailers.get
  (import "cm32p2|wasi:http/types@0.2" "[method]future-trailers.get" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[constructor]outgoing-response
  (import "cm32p2|wasi:http/types@0.2" "[constructor]outgoing-response" (func (param i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]outgoing-response.status-code
  (import "cm32p2|wasi:http/types@0.2" "[method]outgoing-response.status-code" (func (param i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]outgoing-response.set-status-code
  (import "cm32p2|wasi:http/types@0.2" "[method]outgoing-response.set-status-code" (func (param i32 i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]outgoing-response.headers
  (import "cm32p2|wasi:http/types@0.2" "[method]outgoing-response.headers" (func (param i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]outgoing-response.body
  (import "cm32p2|wasi:http/types@0.2" "[method]outgoing-response.body" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]outgoing-body.write
  (import "cm32p2|wasi:http/types@0.2" "[method]outgoing-body.write" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[static]outgoing-body.finish
  (import "cm32p2|wasi:http/types@0.2" "[static]outgoing-body.finish" (func (param i32 i32 i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]future-incoming-response.subscribe
  (import "cm32p2|wasi:http/types@0.2" "[method]future-incoming-response.subscribe" (func (param i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]future-incoming-response.get
  (import "cm32p2|wasi:http/types@0.2" "[method]future-incoming-response.get" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#http-error-code
  (import "cm32p2|wasi:http/types@0.2" "http-error-code" (func (param i32 i32)))
  ;; resource-drop wasi:http/types@0.2.12#fields
  (import "cm32p2|wasi:http/types@0.2" "fields_drop" (func (param i32)))
  ;; resource-drop wasi:http/types@0.2.12#incoming-request
  (import "cm32p2|wasi:http/types@0.2" "incoming-request_drop" (func (param i32)))
  ;; resource-drop wasi:http/types@0.2.12#outgoing-request
  (import "cm32p2|wasi:http/types@0.2" "outgoing-request_drop" (func (param i32)))
  ;; resource-drop wasi:http/types@0.2.12#request-options
  (import "cm32p2|wasi:http/types@0.2" "request-options_drop" (func (param i32)))
  ;; resource-drop wasi:http/types@0.2.12#response-outparam
  (import "cm32p2|wasi:http/types@0.2" "response-outparam_drop" (func (param i32)))
  ;; resource-drop wasi:http/types@0.2.12#incoming-response
  (import "cm32p2|wasi:http/types@0.2" "incoming-response_drop" (func (param i32)))
  ;; resource-drop wasi:http/types@0.2.12#incoming-body
  (import "cm32p2|wasi:http/types@0.2" "incoming-body_drop" (func (param i32)))
  ;; resource-drop wasi:http/types@0.2.12#future-trailers
  (import "cm32p2|wasi:http/types@0.2" "future-trailers_drop" (func (param i32)))
  ;; resource-drop wasi:http/types@0.2.12#outgoing-response
  (import "cm32p2|wasi:http/types@0.2" "outgoing-response_drop" (func (param i32)))
  ;; resource-drop wasi:http/types@0.2.12#outgoing-body
  (import "cm32p2|wasi:http/types@0.2" "outgoing-body_drop" (func (param i32)))
  ;; resource-drop wasi:http/types@0.2.12#future-incoming-response
  (import "cm32p2|wasi:http/types@0.2" "future-incoming-response_drop" (func (param i32)))
  ;; func wasi:http/outgoing-handler@0.2.12#handle
  (import "cm32p2|wasi:http/outgoing-handler@0.2" "handle" (func (param i32 i32 i32 i32)))
  ;; func wasi:http/incoming-handler@0.2.12#handle
  (func (export "cm32p2|wasi:http/incoming-handler@0.2|handle") (param i32 i32) unreachable)
  ;; post-return wasi:http/incoming-handler@0.2.12#handle
  (func (export "cm32p2|wasi:http/incoming-handler@0.2|handle_post") unreachable)
  ;; memory
  (memory (export "cm32p2_memory") 0)
  ;; realloc
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "cm32p2_initialize") unreachable)
)
