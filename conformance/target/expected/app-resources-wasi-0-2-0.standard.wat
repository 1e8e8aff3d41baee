(module
  ;; func wasi:io/error@0.2.0#[method]error.to-debug-string
  (import "cm32p2|wasi:io/error@0.2" "[method]error.to-debug-string" (func (param i32 i32)))
  ;; resource-drop wasi:io/error@0.2.0#error
  (import "cm32p2|wasi:io/error@0.2" "error_drop" (func (param i32)))
  ;; func wasi:io/poll@0.2.0#[method]pollable.ready
  (import "cm32p2|wasi:io/poll@0.2" "[method]pollable.ready" (func (param i32) (result i32)))
  ;; func wasi:io/poll@0.2.0#[method]pollable.block
  (import "cm32p2|wasi:io/poll@0.2" "[method]pollable.block" (func (param i32)))
  ;; func wasi:io/poll@0.2.0#poll
  (import "cm32p2|wasi:io/poll@0.2" "poll" (func (param i32 i32 i32)))
  ;; resource-drop wasi:io/poll@0.2.0#pollable
  (import "cm32p2|wasi:io/poll@0.2" "pollable_drop" (func (param i32)))
  ;; func wasi:io/streams@0.2.0#[method]input-stream.read
  (import "cm32p2|wasi:io/streams@0.2" "[method]input-stream.read" (func (param i32 i64 i32)))
  ;; func wasi:io/streams@0.2.0#[method]input-stream.blocking-read
  (import "cm32p2|wasi:io/streams@0.2" "[method]input-stream.blocking-read" (func (param i32 i64 i32)))
  ;; func wasi:io/streams@0.2.0#[method]input-stream.skip
  (import "cm32p2|wasi:io/streams@0.2" "[method]input-stream.skip" (func (param i32 i64 i32)))
  ;; func wasi:io/streams@0.2.0#[method]input-stream.blocking-skip
  (import "cm32p2|wasi:io/streams@0.2" "[method]input-stream.blocking-skip" (func (param i32 i64 i32)))
  ;; func wasi:io/streams@0.2.0#[method]input-stream.subscribe
  (import "cm32p2|wasi:io/streams@0.2" "[method]input-stream.subscribe" (func (param i32) (result i32)))
  ;; func wasi:io/streams@0.2.0#[method]output-stream.check-write
  (import "cm32p2|wasi:io/streams@0.2" "[method]output-stream.check-write" (func (param i32 i32)))
  ;; func wasi:io/streams@0.2.0#[method]output-stream.write
  (import "cm32p2|wasi:io/streams@0.2" "[method]output-stream.write" (func (param i32 i32 i32 i32)))
  ;; func wasi:io/streams@0.2.0#[method]output-stream.blocking-write-and-flush
  (import "cm32p2|wasi:io/streams@0.2" "[method]output-stream.blocking-write-and-flush" (func (param i32 i32 i32 i32)))
  ;; func wasi:io/streams@0.2.0#[method]output-stream.flush
  (import "cm32p2|wasi:io/streams@0.2" "[method]output-stream.flush" (func (param i32 i32)))
  ;; func wasi:io/streams@0.2.0#[method]output-stream.blocking-flush
  (import "cm32p2|wasi:io/streams@0.2" "[method]output-stream.blocking-flush" (func (param i32 i32)))
  ;; func wasi:io/streams@0.2.0#[method]output-stream.subscribe
  (import "cm32p2|wasi:io/streams@0.2" "[method]output-stream.subscribe" (func (param i32) (result i32)))
  ;; func wasi:io/streams@0.2.0#[method]output-stream.write-zeroes
  (import "cm32p2|wasi:io/streams@0.2" "[method]output-stream.write-zeroes" (func (param i32 i64 i32)))
  ;; func wasi:io/streams@0.2.0#[method]output-stream.blocking-write-zeroes-and-flush
  (import "cm32p2|wasi:io/streams@0.2" "[method]output-stream.blocking-write-zeroes-and-flush" (func (param i32 i64 i32)))
  ;; func wasi:io/streams@0.2.0#[method]output-stream.splice
  (import "cm32p2|wasi:io/streams@0.2" "[method]output-stream.splice" (func (param i32 i32 i64 i32)))
  ;; func wasi:io/streams@0.2.0#[method]output-stream.blocking-splice
  (import "cm32p2|wasi:io/streams@0.2" "[method]output-stream.blocking-splice" (func (param i32 i32 i64 i32)))
  ;; resource-drop wasi:io/streams@0.2.0#input-stream
  (import "cm32p2|wasi:io/streams@0.2" "input-stream_drop" (func (param i32)))
  ;; resource-drop wasi:io/streams@0.2.0#output-stream
  (import "cm32p2|wasi:io/streams@0.2" "output-stream_drop" (func (param i32)))
  ;; func wasi:cli/stdout@0.2.0#get-stdout
  (import "cm32p2|wasi:cli/stdout@0.2" "get-stdout" (func (result i32)))
  ;; func my:app/api@1.2.3#[constructor]counter
  (import "cm32p2|my:app/api@1" "[constructor]counter" (func (param i32) (result i32)))
  ;; func my:app/api@1.2.3#[method]counter.add
  (import "cm32p2|my:app/api@1" "[method]counter.add" (func (param i32 i32) (result i32)))
  ;; func my:app/api@1.2.3#[static]counter.get
  (import "cm32p2|my:app/api@1" "[static]counter.get" (func (param i32 i32)))
  ;; func my:app/api@1.2.3#greet
  (import "cm32p2|my:app/api@1" "greet" (func (param i32 i32 i32)))
  ;; resource-drop my:app/api@1.2.3#counter
  (import "cm32p2|my:app/api@1" "counter_drop" (func (param i32)))
  ;; func log
  (import "cm32p2" "log" (func (param i32 i32)))
  ;; resource-drop my:app/api@1.2.3#counter
  (import "cm32p2|_ex_my:app/api@1" "counter_drop" (func (param i32)))
  ;; resource-new my:app/api@1.2.3#counter
  (import "cm32p2|_ex_my:app/api@1" "counter_new" (func (param i32) (result i32)))
  ;; resource-rep my:app/api@1.2.3#counter
  (import "cm32p2|_ex_my:app/api@1" "counter_rep" (func (param i32) (result i32)))
  ;; func run
  (func (export "cm32p2||run") (result i32) unreachable)
  ;; post-return run
  (func (export "cm32p2||run_post") (param i32) unreachable)
  ;; func my:app/api@1.2.3#[constructor]counter
  (func (export "cm32p2|my:app/api@1|[constructor]counter") (param i32) (result i32) unreachable)
  ;; post-return my:app/api@1.2.3#[constructor]counter
  (func (export "cm32p2|my:app/api@1|[constructor]counter_post") (param i32) unreachable)
  ;; func my:app/api@1.2.3#[method]counter.add
  (func (export "cm32p2|my:app/api@1|[method]counter.add") (param i32 i32) (result i32) unreachable)
  ;; post-return my:app/api@1.2.3#[method]counter.add
  (func (export "cm32p2|my:app/api@1|[method]counter.add_post") (param i32) unreachable)
  ;; func my:app/api@1.2.3#[static]counter.get
  (func (export "cm32p2|my:app/api@1|[static]counter.get") (param i32) (result i32) unreachable)
  ;; post-return my:app/api@1.2.3#[static]counter.get
  (func (export "cm32p2|my:app/api@1|[static]counter.get_post") (param i32) unreachable)
  ;; func my:app/api@1.2.3#greet
  (func (export "cm32p2|my:app/api@1|greet") (param i32 i32) (result i32) unreachable)
  ;; post-return my:app/api@1.2.3#greet
  (func (export "cm32p2|my:app/api@1|greet_post") (param i32) unreachable)
  ;; dtor my:app/api@1.2.3#counter
  (func (export "cm32p2|my:app/api@1|counter_dtor") (param i32) unreachable)
  ;; memory
  (memory (export "cm32p2_memory") 0)
  ;; realloc
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "cm32p2_initialize") unreachable)
)
