(module
  ;; func wasi:io/error@0.2.0#[method]error.to-debug-string
  (import "wasi:io/error@0.2.0" "[method]error.to-debug-string" (func (param i32 i32)))
  ;; resource-drop wasi:io/error@0.2.0#error
  (import "wasi:io/error@0.2.0" "[resource-drop]error" (func (param i32)))
  ;; func wasi:io/poll@0.2.0#[method]pollable.ready
  (import "wasi:io/poll@0.2.0" "[method]pollable.ready" (func (param i32) (result i32)))
  ;; func wasi:io/poll@0.2.0#[method]pollable.block
  (import "wasi:io/poll@0.2.0" "[method]pollable.block" (func (param i32)))
  ;; func wasi:io/poll@0.2.0#poll
  (import "wasi:io/poll@0.2.0" "poll" (func (param i32 i32 i32)))
  ;; resource-drop wasi:io/poll@0.2.0#pollable
  (import "wasi:io/poll@0.2.0" "[resource-drop]pollable" (func (param i32)))
  ;; func wasi:io/streams@0.2.0#[method]input-stream.read
  (import "wasi:io/streams@0.2.0" "[method]input-stream.read" (func (param i32 i64 i32)))
  ;; func wasi:io/streams@0.2.0#[method]input-stream.blocking-read
  (import "wasi:io/streams@0.2.0" "[method]input-stream.blocking-read" (func (param i32 i64 i32)))
  ;; func wasi:io/streams@0.2.0#[method]input-stream.skip
  (import "wasi:io/streams@0.2.0" "[method]input-stream.skip" (func (param i32 i64 i32)))
  ;; func wasi:io/streams@0.2.0#[method]input-stream.blocking-skip
  (import "wasi:io/streams@0.2.0" "[method]input-stream.blocking-skip" (func (param i32 i64 i32)))
  ;; func wasi:io/streams@0.2.0#[method]input-stream.subscribe
  (import "wasi:io/streams@0.2.0" "[method]input-stream.subscribe" (func (param i32) (result i32)))
  ;; func wasi:io/streams@0.2.0#[method]output-stream.check-write
  (import "wasi:io/streams@0.2.0" "[method]output-stream.check-write" (func (param i32 i32)))
  ;; func wasi:io/streams@0.2.0#[method]output-stream.write
  (import "wasi:io/streams@0.2.0" "[method]output-stream.write" (func (param i32 i32 i32 i32)))
  ;; func wasi:io/streams@0.2.0#[method]output-stream.blocking-write-and-flush
  (import "wasi:io/streams@0.2.0" "[method]output-stream.blocking-write-and-flush" (func (param i32 i32 i32 i32)))
  ;; func wasi:io/streams@0.2.0#[method]output-stream.flush
  (import "wasi:io/streams@0.2.0" "[method]output-stream.flush" (func (param i32 i32)))
  ;; func wasi:io/streams@0.2.0#[method]output-stream.blocking-flush
  (import "wasi:io/streams@0.2.0" "[method]output-stream.blocking-flush" (func (param i32 i32)))
  ;; func wasi:io/streams@0.2.0#[method]output-stream.subscribe
  (import "wasi:io/streams@0.2.0" "[method]output-stream.subscribe" (func (param i32) (result i32)))
  ;; func wasi:io/streams@0.2.0#[method]output-stream.write-zeroes
  (import "wasi:io/streams@0.2.0" "[method]output-stream.write-zeroes" (func (param i32 i64 i32)))
  ;; func wasi:io/streams@0.2.0#[method]output-stream.blocking-write-zeroes-and-flush
  (import "wasi:io/streams@0.2.0" "[method]output-stream.blocking-write-zeroes-and-flush" (func (param i32 i64 i32)))
  ;; func wasi:io/streams@0.2.0#[method]output-stream.splice
  (import "wasi:io/streams@0.2.0" "[method]output-stream.splice" (func (param i32 i32 i64 i32)))
  ;; func wasi:io/streams@0.2.0#[method]output-stream.blocking-splice
  (import "wasi:io/streams@0.2.0" "[method]output-stream.blocking-splice" (func (param i32 i32 i64 i32)))
  ;; resource-drop wasi:io/streams@0.2.0#input-stream
  (import "wasi:io/streams@0.2.0" "[resource-drop]input-stream" (func (param i32)))
  ;; resource-drop wasi:io/streams@0.2.0#output-stream
  (import "wasi:io/streams@0.2.0" "[resource-drop]output-stream" (func (param i32)))
  ;; func wasi:cli/stdout@0.2.0#get-stdout
  (import "wasi:cli/stdout@0.2.0" "get-stdout" (func (result i32)))
  ;; func my:app/api@1.2.3#[constructor]counter
  (import "my:app/api@1.2.3" "[constructor]counter" (func (param i32) (result i32)))
  ;; func my:app/api@1.2.3#[method]counter.add
  (import "my:app/api@1.2.3" "[method]counter.add" (func (param i32 i32) (result i32)))
  ;; func my:app/api@1.2.3#[static]counter.get
  (import "my:app/api@1.2.3" "[static]counter.get" (func (param i32 i32)))
  ;; func my:app/api@1.2.3#greet
  (import "my:app/api@1.2.3" "greet" (func (param i32 i32 i32)))
  ;; resource-drop my:app/api@1.2.3#counter
  (import "my:app/api@1.2.3" "[resource-drop]counter" (func (param i32)))
  ;; func log
  (import "$root" "log" (func (param i32 i32)))
  ;; resource-drop my:app/api@1.2.3#counter
  (import "[export]my:app/api@1.2.3" "[resource-drop]counter" (func (param i32)))
  ;; resource-new my:app/api@1.2.3#counter
  (import "[export]my:app/api@1.2.3" "[resource-new]counter" (func (param i32) (result i32)))
  ;; resource-rep my:app/api@1.2.3#counter
  (import "[export]my:app/api@1.2.3" "[resource-rep]counter" (func (param i32) (result i32)))
  ;; func run
  (func (export "run") (result i32) unreachable)
  ;; post-return run
  (func (export "cabi_post_run") (param i32) unreachable)
  ;; func my:app/api@1.2.3#[constructor]counter
  (func (export "my:app/api@1.2.3#[constructor]counter") (param i32) (result i32) unreachable)
  ;; post-return my:app/api@1.2.3#[constructor]counter
  (func (export "cabi_post_my:app/api@1.2.3#[constructor]counter") (param i32) unreachable)
  ;; func my:app/api@1.2.3#[method]counter.add
  (func (export "my:app/api@1.2.3#[method]counter.add") (param i32 i32) (result i32) unreachable)
  ;; post-return my:app/api@1.2.3#[method]counter.add
  (func (export "cabi_post_my:app/api@1.2.3#[method]counter.add") (param i32) unreachable)
  ;; func my:app/api@1.2.3#[static]counter.get
  (func (export "my:app/api@1.2.3#[static]counter.get") (param i32) (result i32) unreachable)
  ;; post-return my:app/api@1.2.3#[static]counter.get
  (func (export "cabi_post_my:app/api@1.2.3#[static]counter.get") (param i32) unreachable)
  ;; func my:app/api@1.2.3#greet
  (func (export "my:app/api@1.2.3#greet") (param i32 i32) (result i32) unreachable)
  ;; post-return my:app/api@1.2.3#greet
  (func (export "cabi_post_my:app/api@1.2.3#greet") (param i32) unreachable)
  ;; dtor my:app/api@1.2.3#counter
  (func (export "my:app/api@1.2.3#[dtor]counter") (param i32) unreachable)
  ;; memory
  (memory (export "memory") 0)
  ;; realloc
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "_initialize") unreachable)
)
