(module
  ;; func wasi:io/poll@0.2.12#[method]pollable.ready
  (import "wasi:io/poll@0.2.12" "[method]pollable.ready" (func (param i32) (result i32)))
  ;; func wasi:io/poll@0.2.12#[method]pollable.block
  (import "wasi:io/poll@0.2.12" "[method]pollable.block" (func (param i32)))
  ;; func wasi:io/poll@0.2.12#poll
  (import "wasi:io/poll@0.2.12" "poll" (func (param i32 i32 i32)))
  ;; resource-drop wasi:io/poll@0.2.12#pollable
  (import "wasi:io/poll@0.2.12" "[resource-drop]pollable" (func (param i32)))
  ;; func wasi:clocks/monotonic-clock@0.2.12#now
  (import "wasi:clocks/monotonic-clock@0.2.12" "now" (func (result i64)))
  ;; func wasi:clocks/monotonic-clock@0.2.12#resolution
  (import "wasi:clocks/monotonic-clock@0.2.12" "resolution" (func (result i64)))
  ;; func wasi:clocks/monotonic-clock@0.2.12#subscribe-instant
  (import "wasi:clocks/monotonic-clock@0.2.12" "subscribe-instant" (func (param i64) (result i32)))
  ;; func wasi:clocks/monotonic-clock@0.2.12#subscribe-duration
  (import "wasi:clocks/monotonic-clock@0.2.12" "subscribe-duration" (func (param i64) (result i32)))
  ;; func wasi:clocks/wall-clock@0.2.12#now
  (import "wasi:clocks/wall-clock@0.2.12" "now" (func (param i32)))
  ;; func wasi:clocks/wall-clock@0.2.12#resolution
  (import "wasi:clocks/wall-clock@0.2.12" "resolution" (func (param i32)))
  ;; func wasi:random/random@0.2.12#get-random-bytes
  (import "wasi:random/random@0.2.12" "get-random-bytes" (func (param i64 i32)))
  ;; func wasi:random/random@0.2.12#get-random-u64
  (import "wasi:random/random@0.2.12" "get-random-u64" (func (result i64)))
  ;; func wasi:io/error@0.2.12#[method]error.to-debug-string
  (import "wasi:io/error@0.2.12" "[method]error.to-debug-string" (func (param i32 i32)))
  ;; resource-drop wasi:io/error@0.2.12#error
  (import "wasi:io/error@0.2.12" "[resource-drop]error" (func (param i32)))
  ;; func wasi:io/streams@0.2.12#[method]input-stream.read
  (import "wasi:io/streams@0.2.12" "[method]input-stream.read" (func (param i32 i64 i32)))
  ;; func wasi:io/streams@0.2.12#[method]input-stream.blocking-read
  (import "wasi:io/streams@0.2.12" "[method]input-stream.blocking-read" (func (param i32 i64 i32)))
  ;; func wasi:io/streams@0.2.12#[method]input-stream.skip
  (import "wasi:io/streams@0.2.12" "[method]input-stream.skip" (func (param i32 i64 i32)))
  ;; func wasi:io/streams@0.2.12#[method]input-stream.blocking-skip
  (import "wasi:io/streams@0.2.12" "[method]input-stream.blocking-skip" (func (param i32 i64 i32)))
  ;; func wasi:io/streams@0.2.12#[method]input-stream.subscribe
  (import "wasi:io/streams@0.2.12" "[method]input-stream.subscribe" (func (param i32) (result i32)))
  ;; func wasi:io/streams@0.2.12#[method]output-stream.check-write
  (import "wasi:io/streams@0.2.12" "[method]output-stream.check-write" (func (param i32 i32)))
  ;; func wasi:io/streams@0.2.12#[method]output-stream.write
  (import "wasi:io/streams@0.2.12" "[method]output-stream.write" (func (param i32 i32 i32 i32)))
  ;; func wasi:io/streams@0.2.12#[method]output-stream.blocking-write-and-flush
  (import "wasi:io/streams@0.2.12" "[method]output-stream.blocking-write-and-flush" (func (param i32 i32 i32 i32)))
  ;; func wasi:io/streams@0.2.12#[method]output-stream.flush
  (import "wasi:io/streams@0.2.12" "[method]output-stream.flush" (func (param i32 i32)))
  ;; func wasi:io/streams@0.2.12#[method]output-stream.blocking-flush
  (import "wasi:io/streams@0.2.12" "[method]output-stream.blocking-flush" (func (param i32 i32)))
  ;; func wasi:io/streams@0.2.12#[method]output-stream.subscribe
  (import "wasi:io/streams@0.2.12" "[method]output-stream.subscribe" (func (param i32) (result i32)))
  ;; func wasi:io/streams@0.2.12#[method]output-stream.write-zeroes
  (import "wasi:io/streams@0.2.12" "[method]output-stream.write-zeroes" (func (param i32 i64 i32)))
  ;; func wasi:io/streams@0.2.12#[method]output-stream.blocking-write-zeroes-and-flush
  (import "wasi:io/streams@0.2.12" "[method]output-stream.blocking-write-zeroes-and-flush" (func (param i32 i64 i32)))
  ;; func wasi:io/streams@0.2.12#[method]output-stream.splice
  (import "wasi:io/streams@0.2.12" "[method]output-stream.splice" (func (param i32 i32 i64 i32)))
  ;; func wasi:io/streams@0.2.12#[method]output-stream.blocking-splice
  (import "wasi:io/streams@0.2.12" "[method]output-stream.blocking-splice" (func (param i32 i32 i64 i32)))
  ;; resource-drop wasi:io/streams@0.2.12#input-stream
  (import "wasi:io/streams@0.2.12" "[resource-drop]input-stream" (func (param i32)))
  ;; resource-drop wasi:io/streams@0.2.12#output-stream
  (import "wasi:io/streams@0.2.12" "[resource-drop]output-stream" (func (param i32)))
  ;; func wasi:cli/stdout@0.2.12#get-stdout
  (import "wasi:cli/stdout@0.2.12" "get-stdout" (func (result i32)))
  ;; func wasi:cli/stderr@0.2.12#get-stderr
  (import "wasi:cli/stderr@0.2.12" "get-stderr" (func (result i32)))
  ;; func wasi:cli/stdin@0.2.12#get-stdin
  (import "wasi:cli/stdin@0.2.12" "get-stdin" (func (result i32)))
  ;; func wasi:http/types@0.2.12#[constructor]fields
  (import "wasi:http/types@0.2.12" "[constructor]fields" (func (result i32)))
  ;; func wasi:http/types@0.2.12#[static]fields.from-list
  (import "wasi:http/types@0.2.12" "[static]fields.from-list" (func (param i32 i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]fields.get
  (import "wasi:http/types@0.2.12" "[method]fields.get" (func (param i32 i32 i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]fields.has
  (import "wasi:http/types@0.2.12" "[method]fields.has" (func (param i32 i32 i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]fields.set
  (import "wasi:http/types@0.2.12" "[method]fields.set" (func (param i32 i32 i32 i32 i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]fields.delete
  (import "wasi:http/types@0.2.12" "[method]fields.delete" (func (param i32 i32 i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]fields.append
  (import "wasi:http/types@0.2.12" "[method]fields.append" (func (param i32 i32 i32 i32 i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]fields.entries
  (import "wasi:http/types@0.2.12" "[method]fields.entries" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]fields.clone
  (import "wasi:http/types@0.2.12" "[method]fields.clone" (func (param i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]incoming-request.method
  (import "wasi:http/types@0.2.12" "[method]incoming-request.method" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]incoming-request.path-with-query
  (import "wasi:http/types@0.2.12" "[method]incoming-request.path-with-query" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]incoming-request.scheme
  (import "wasi:http/types@0.2.12" "[method]incoming-request.scheme" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]incoming-request.authority
  (import "wasi:http/types@0.2.12" "[method]incoming-request.authority" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]incoming-request.headers
  (import "wasi:http/types@0.2.12" "[method]incoming-request.headers" (func (param i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]incoming-request.consume
  (import "wasi:http/types@0.2.12" "[method]incoming-request.consume" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[constructor]outgoing-request
  (import "wasi:http/types@0.2.12" "[constructor]outgoing-request" (func (param i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]outgoing-request.body
  (import "wasi:http/types@0.2.12" "[method]outgoing-request.body" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]outgoing-request.method
  (import "wasi:http/types@0.2.12" "[method]outgoing-request.method" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]outgoing-request.set-method
  (import "wasi:http/types@0.2.12" "[method]outgoing-request.set-method" (func (param i32 i32 i32 i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]outgoing-request.path-with-query
  (import "wasi:http/types@0.2.12" "[method]outgoing-request.path-with-query" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]outgoing-request.set-path-with-query
  (import "wasi:http/types@0.2.12" "[method]outgoing-request.set-path-with-query" (func (param i32 i32 i32 i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]outgoing-request.scheme
  (import "wasi:http/types@0.2.12" "[method]outgoing-request.scheme" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]outgoing-request.set-scheme
  (import "wasi:http/types@0.2.12" "[method]outgoing-request.set-scheme" (func (param i32 i32 i32 i32 i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]outgoing-request.authority
  (import "wasi:http/types@0.2.12" "[method]outgoing-request.authority" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]outgoing-request.set-authority
  (import "wasi:http/types@0.2.12" "[method]outgoing-request.set-authority" (func (param i32 i32 i32 i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]outgoing-request.headers
  (import "wasi:http/types@0.2.12" "[method]outgoing-request.headers" (func (param i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[constructor]request-options
  (import "wasi:http/types@0.2.12" "[constructor]request-options" (func (result i32)))
  ;; func wasi:http/types@0.2.12#[method]request-options.connect-timeout
  (import "wasi:http/types@0.2.12" "[method]request-options.connect-timeout" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]request-options.set-connect-timeout
  (import "wasi:http/types@0.2.12" "[method]request-options.set-connect-timeout" (func (param i32 i32 i64) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]request-options.first-byte-timeout
  (import "wasi:http/types@0.2.12" "[method]request-options.first-byte-timeout" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]request-options.set-first-byte-timeout
  (import "wasi:http/types@0.2.12" "[method]request-options.set-first-byte-timeout" (func (param i32 i32 i64) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]request-options.between-bytes-timeout
  (import "wasi:http/types@0.2.12" "[method]request-options.between-bytes-timeout" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]request-options.set-between-bytes-timeout
  (import "wasi:http/types@0.2.12" "[method]request-options.set-between-bytes-timeout" (func (param i32 i32 i64) (result i32)))
  ;; func wasi:http/types@0.2.12#[static]response-outparam.set
  (import "wasi:http/types@0.2.12" "[static]response-outparam.set" (func (param i32 i32 i32 i32 i64 i32 i32 i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]incoming-response.status
  (import "wasi:http/types@0.2.12" "[method]incoming-response.status" (func (param i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]incoming-response.headers
  (import "wasi:http/types@0.2.12" "[method]incoming-response.headers" (func (param i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]incoming-response.consume
  (import "wasi:http/types@0.2.12" "[method]incoming-response.consume" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]incoming-body.stream
  (import "wasi:http/types@0.2.12" "[method]incoming-body.stream" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[static]incoming-body.finish
  (import "wasi:http/types@0.2.12" "[static]incoming-body.finish" (func (param i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]future-trailers.subscribe
  (import "wasi:http/types@0.2.12" "[method]future-trailers.subscribe" (func (param i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]future-trailers.get
  (import "wasi:http/types@0.2.12" "[method]future-trailers.get" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[constructor]outgoing-response
  (import "wasi:http/types@0.2.12" "[constructor]outgoing-response" (func (param i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]outgoing-response.status-code
  (import "wasi:http/types@0.2.12" "[method]outgoing-response.status-code" (func (param i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]outgoing-response.set-status-code
  (import "wasi:http/types@0.2.12" "[method]outgoing-response.set-status-code" (func (param i32 i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]outgoing-response.headers
  (import "wasi:http/types@0.2.12" "[method]outgoing-response.headers" (func (param i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]outgoing-response.body
  (import "wasi:http/types@0.2.12" "[method]outgoing-response.body" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]outgoing-body.write
  (import "wasi:http/types@0.2.12" "[method]outgoing-body.write" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#[static]outgoing-body.finish
  (import "wasi:http/types@0.2.12" "[static]outgoing-body.finish" (func (param i32 i32 i32 i32)))
  ;; func wasi:http/types@0.2.12#[method]future-incoming-response.subscribe
  (import "wasi:http/types@0.2.12" "[method]future-incoming-response.subscribe" (func (param i32) (result i32)))
  ;; func wasi:http/types@0.2.12#[method]future-incoming-response.get
  (import "wasi:http/types@0.2.12" "[method]future-incoming-response.get" (func (param i32 i32)))
  ;; func wasi:http/types@0.2.12#http-error-code
  (import "wasi:http/types@0.2.12" "http-error-code" (func (param i32 i32)))
  ;; resource-drop wasi:http/types@0.2.12#fields
  (import "wasi:http/types@0.2.12" "[resource-drop]fields" (func (param i32)))
  ;; resource-drop wasi:http/types@0.2.12#incoming-request
  (import "wasi:http/types@0.2.12" "[resource-drop]incoming-request" (func (param i32)))
  ;; resource-drop wasi:http/types@0.2.12#outgoing-request
  (import "wasi:http/types@0.2.12" "[resource-drop]outgoing-request" (func (param i32)))
  ;; resource-drop wasi:http/types@0.2.12#request-options
  (import "wasi:http/types@0.2.12" "[resource-drop]request-options" (func (param i32)))
  ;; resource-drop wasi:http/types@0.2.12#response-outparam
  (import "wasi:http/types@0.2.12" "[resource-drop]response-outparam" (func (param i32)))
  ;; resource-drop wasi:http/types@0.2.12#incoming-response
  (import "wasi:http/types@0.2.12" "[resource-drop]incoming-response" (func (param i32)))
  ;; resource-drop wasi:http/types@0.2.12#incoming-body
  (import "wasi:http/types@0.2.12" "[resource-drop]incoming-body" (func (param i32)))
  ;; resource-drop wasi:http/types@0.2.12#future-trailers
  (import "wasi:http/types@0.2.12" "[resource-drop]future-trailers" (func (param i32)))
  ;; resource-drop wasi:http/types@0.2.12#outgoing-response
  (import "wasi:http/types@0.2.12" "[resource-drop]outgoing-response" (func (param i32)))
  ;; resource-drop wasi:http/types@0.2.12#outgoing-body
  (import "wasi:http/types@0.2.12" "[resource-drop]outgoing-body" (func (param i32)))
  ;; resource-drop wasi:http/types@0.2.12#future-incoming-response
  (import "wasi:http/types@0.2.12" "[resource-drop]future-incoming-response" (func (param i32)))
  ;; func wasi:http/outgoing-handler@0.2.12#handle
  (import "wasi:http/outgoing-handler@0.2.12" "handle" (func (param i32 i32 i32 i32)))
  ;; func wasi:http/incoming-handler@0.2.12#handle
  (func (export "wasi:http/incoming-handler@0.2.12#handle") (param i32 i32) unreachable)
  ;; post-return wasi:http/incoming-handler@0.2.12#handle
  (func (export "cabi_post_wasi:http/incoming-handler@0.2.12#handle") unreachable)
  ;; memory
  (memory (export "memory") 0)
  ;; realloc
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "_initialize") unreachable)
)
