(module
  ;; func wasi:cli/environment@0.2.0#get-environment
  (import "wasi:cli/environment@0.2.0" "get-environment" (func (param i32)))
  ;; func wasi:cli/environment@0.2.0#get-arguments
  (import "wasi:cli/environment@0.2.0" "get-arguments" (func (param i32)))
  ;; func wasi:cli/environment@0.2.0#initial-cwd
  (import "wasi:cli/environment@0.2.0" "initial-cwd" (func (param i32)))
  ;; func wasi:cli/exit@0.2.0#exit
  (import "wasi:cli/exit@0.2.0" "exit" (func (param i32)))
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
  ;; func wasi:cli/stdin@0.2.0#get-stdin
  (import "wasi:cli/stdin@0.2.0" "get-stdin" (func (result i32)))
  ;; func wasi:cli/stdout@0.2.0#get-stdout
  (import "wasi:cli/stdout@0.2.0" "get-stdout" (func (result i32)))
  ;; func wasi:cli/stderr@0.2.0#get-stderr
  (import "wasi:cli/stderr@0.2.0" "get-stderr" (func (result i32)))
  ;; resource-drop wasi:cli/terminal-input@0.2.0#terminal-input
  (import "wasi:cli/terminal-input@0.2.0" "[resource-drop]terminal-input" (func (param i32)))
  ;; resource-drop wasi:cli/terminal-output@0.2.0#terminal-output
  (import "wasi:cli/terminal-output@0.2.0" "[resource-drop]terminal-output" (func (param i32)))
  ;; func wasi:cli/terminal-stdin@0.2.0#get-terminal-stdin
  (import "wasi:cli/terminal-stdin@0.2.0" "get-terminal-stdin" (func (param i32)))
  ;; func wasi:cli/terminal-stdout@0.2.0#get-terminal-stdout
  (import "wasi:cli/terminal-stdout@0.2.0" "get-terminal-stdout" (func (param i32)))
  ;; func wasi:cli/terminal-stderr@0.2.0#get-terminal-stderr
  (import "wasi:cli/terminal-stderr@0.2.0" "get-terminal-stderr" (func (param i32)))
  ;; func wasi:clocks/monotonic-clock@0.2.0#now
  (import "wasi:clocks/monotonic-clock@0.2.0" "now" (func (result i64)))
  ;; func wasi:clocks/monotonic-clock@0.2.0#resolution
  (import "wasi:clocks/monotonic-clock@0.2.0" "resolution" (func (result i64)))
  ;; func wasi:clocks/monotonic-clock@0.2.0#subscribe-instant
  (import "wasi:clocks/monotonic-clock@0.2.0" "subscribe-instant" (func (param i64) (result i32)))
  ;; func wasi:clocks/monotonic-clock@0.2.0#subscribe-duration
  (import "wasi:clocks/monotonic-clock@0.2.0" "subscribe-duration" (func (param i64) (result i32)))
  ;; func wasi:clocks/wall-clock@0.2.0#now
  (import "wasi:clocks/wall-clock@0.2.0" "now" (func (param i32)))
  ;; func wasi:clocks/wall-clock@0.2.0#resolution
  (import "wasi:clocks/wall-clock@0.2.0" "resolution" (func (param i32)))
  ;; func wasi:filesystem/types@0.2.0#[method]descriptor.read-via-stream
  (import "wasi:filesystem/types@0.2.0" "[method]descriptor.read-via-stream" (func (param i32 i64 i32)))
  ;; func wasi:filesystem/types@0.2.0#[method]descriptor.write-via-stream
  (import "wasi:filesystem/types@0.2.0" "[method]descriptor.write-via-stream" (func (param i32 i64 i32)))
  ;; func wasi:filesystem/types@0.2.0#[method]descriptor.append-via-stream
  (import "wasi:filesystem/types@0.2.0" "[method]descriptor.append-via-stream" (func (param i32 i32)))
  ;; func wasi:filesystem/types@0.2.0#[method]descriptor.advise
  (import "wasi:filesystem/types@0.2.0" "[method]descriptor.advise" (func (param i32 i64 i64 i32 i32)))
  ;; func wasi:filesystem/types@0.2.0#[method]descriptor.sync-data
  (import "wasi:filesystem/types@0.2.0" "[method]descriptor.sync-data" (func (param i32 i32)))
  ;; func wasi:filesystem/types@0.2.0#[method]descriptor.get-flags
  (import "wasi:filesystem/types@0.2.0" "[method]descriptor.get-flags" (func (param i32 i32)))
  ;; func wasi:filesystem/types@0.2.0#[method]descriptor.get-type
  (import "wasi:filesystem/types@0.2.0" "[method]descriptor.get-type" (func (param i32 i32)))
  ;; func wasi:filesystem/types@0.2.0#[method]descriptor.set-size
  (import "wasi:filesystem/types@0.2.0" "[method]descriptor.set-size" (func (param i32 i64 i32)))
  ;; func wasi:filesystem/types@0.2.0#[method]descriptor.set-times
  (import "wasi:filesystem/types@0.2.0" "[method]descriptor.set-times" (func (param i32 i32 i64 i32 i32 i64 i32 i32)))
  ;; func wasi:filesystem/types@0.2.0#[method]descriptor.read
  (import "wasi:filesystem/types@0.2.0" "[method]descriptor.read" (func (param i32 i64 i64 i32)))
  ;; func wasi:filesystem/types@0.2.0#[method]descriptor.write
  (import "wasi:filesystem/types@0.2.0" "[method]descriptor.write" (func (param i32 i32 i32 i64 i32)))
  ;; func wasi:filesystem/types@0.2.0#[method]descriptor.read-directory
  (import "wasi:filesystem/types@0.2.0" "[method]descriptor.read-directory" (func (param i32 i32)))
  ;; func wasi:filesystem/types@0.2.0#[method]descriptor.sync
  (import "wasi:filesystem/types@0.2.0" "[method]descriptor.sync" (func (param i32 i32)))
  ;; func wasi:filesystem/types@0.2.0#[method]descriptor.create-directory-at
  (import "wasi:filesystem/types@0.2.0" "[method]descriptor.create-directory-at" (func (param i32 i32 i32 i32)))
  ;; func wasi:filesystem/types@0.2.0#[method]descriptor.stat
  (import "wasi:filesystem/types@0.2.0" "[method]descriptor.stat" (func (param i32 i32)))
  ;; func wasi:filesystem/types@0.2.0#[method]descriptor.stat-at
  (import "wasi:filesystem/types@0.2.0" "[method]descriptor.stat-at" (func (param i32 i32 i32 i32 i32)))
  ;; func wasi:filesystem/types@0.2.0#[method]descriptor.set-times-at
  (import "wasi:filesystem/types@0.2.0" "[method]descriptor.set-times-at" (func (param i32 i32 i32 i32 i32 i64 i32 i32 i64 i32 i32)))
  ;; func wasi:filesystem/types@0.2.0#[method]descriptor.link-at
  (import "wasi:filesystem/types@0.2.0" "[method]descriptor.link-at" (func (param i32 i32 i32 i32 i32 i32 i32 i32)))
  ;; func wasi:filesystem/types@0.2.0#[method]descriptor.open-at
  (import "wasi:filesystem/types@0.2.0" "[method]descriptor.open-at" (func (param i32 i32 i32 i32 i32 i32 i32)))
  ;; func wasi:filesystem/types@0.2.0#[method]descriptor.readlink-at
  (import "wasi:filesystem/types@0.2.0" "[method]descriptor.readlink-at" (func (param i32 i32 i32 i32)))
  ;; func wasi:filesystem/types@0.2.0#[method]descriptor.remove-directory-at
  (import "wasi:filesystem/types@0.2.0" "[method]descriptor.remove-directory-at" (func (param i32 i32 i32 i32)))
  ;; func wasi:filesystem/types@0.2.0#[method]descriptor.rename-at
  (import "wasi:filesystem/types@0.2.0" "[method]descriptor.rename-at" (func (param i32 i32 i32 i32 i32 i32 i32)))
  ;; func wasi:filesystem/types@0.2.0#[method]descriptor.symlink-at
  (import "wasi:filesystem/types@0.2.0" "[method]descriptor.symlink-at" (func (param i32 i32 i32 i32 i32 i32)))
  ;; func wasi:filesystem/types@0.2.0#[method]descriptor.unlink-file-at
  (import "wasi:filesystem/types@0.2.0" "[method]descriptor.unlink-file-at" (func (param i32 i32 i32 i32)))
  ;; func wasi:filesystem/types@0.2.0#[method]descriptor.is-same-object
  (import "wasi:filesystem/types@0.2.0" "[method]descriptor.is-same-object" (func (param i32 i32) (result i32)))
  ;; func wasi:filesystem/types@0.2.0#[method]descriptor.metadata-hash
  (import "wasi:filesystem/types@0.2.0" "[method]descriptor.metadata-hash" (func (param i32 i32)))
  ;; func wasi:filesystem/types@0.2.0#[method]descriptor.metadata-hash-at
  (import "wasi:filesystem/types@0.2.0" "[method]descriptor.metadata-hash-at" (func (param i32 i32 i32 i32 i32)))
  ;; func wasi:filesystem/types@0.2.0#[method]directory-entry-stream.read-directory-entry
  (import "wasi:filesystem/types@0.2.0" "[method]directory-entry-stream.read-directory-entry" (func (param i32 i32)))
  ;; func wasi:filesystem/types@0.2.0#filesystem-error-code
  (import "wasi:filesystem/types@0.2.0" "filesystem-error-code" (func (param i32 i32)))
  ;; resource-drop wasi:filesystem/types@0.2.0#descriptor
  (import "wasi:filesystem/types@0.2.0" "[resource-drop]descriptor" (func (param i32)))
  ;; resource-drop wasi:filesystem/types@0.2.0#directory-entry-stream
  (import "wasi:filesystem/types@0.2.0" "[resource-drop]directory-entry-stream" (func (param i32)))
  ;; func wasi:filesystem/preopens@0.2.0#get-directories
  (import "wasi:filesystem/preopens@0.2.0" "get-directories" (func (param i32)))
  ;; resource-drop wasi:sockets/network@0.2.0#network
  (import "wasi:sockets/network@0.2.0" "[resource-drop]network" (func (param i32)))
  ;; func wasi:sockets/instance-network@0.2.0#instance-network
  (import "wasi:sockets/instance-network@0.2.0" "instance-network" (func (result i32)))
  ;; func wasi:sockets/udp@0.2.0#[method]udp-socket.start-bind
  (import "wasi:sockets/udp@0.2.0" "[method]udp-socket.start-bind" (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  ;; func wasi:sockets/udp@0.2.0#[method]udp-socket.finish-bind
  (import "wasi:sockets/udp@0.2.0" "[method]udp-socket.finish-bind" (func (param i32 i32)))
  ;; func wasi:sockets/udp@0.2.0#[method]udp-socket.stream
  (import "wasi:sockets/udp@0.2.0" "[method]udp-socket.stream" (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  ;; func wasi:sockets/udp@0.2.0#[method]udp-socket.local-address
  (import "wasi:sockets/udp@0.2.0" "[method]udp-socket.local-address" (func (param i32 i32)))
  ;; func wasi:sockets/udp@0.2.0#[method]udp-socket.remote-address
  (import "wasi:sockets/udp@0.2.0" "[method]udp-socket.remote-address" (func (param i32 i32)))
  ;; func wasi:sockets/udp@0.2.0#[method]udp-socket.address-family
  (import "wasi:sockets/udp@0.2.0" "[method]udp-socket.address-family" (func (param i32) (result i32)))
  ;; func wasi:sockets/udp@0.2.0#[method]udp-socket.unicast-hop-limit
  (import "wasi:sockets/udp@0.2.0" "[method]udp-socket.unicast-hop-limit" (func (param i32 i32)))
  ;; func wasi:sockets/udp@0.2.0#[method]udp-socket.set-unicast-hop-limit
  (import "wasi:sockets/udp@0.2.0" "[method]udp-socket.set-unicast-hop-limit" (func (param i32 i32 i32)))
  ;; func wasi:sockets/udp@0.2.0#[method]udp-socket.receive-buffer-size
  (import "wasi:sockets/udp@0.2.0" "[method]udp-socket.receive-buffer-size" (func (param i32 i32)))
  ;; func wasi:sockets/udp@0.2.0#[method]udp-socket.set-receive-buffer-size
  (import "wasi:sockets/udp@0.2.0" "[method]udp-socket.set-receive-buffer-size" (func (param i32 i64 i32)))
  ;; func wasi:sockets/udp@0.2.0#[method]udp-socket.send-buffer-size
  (import "wasi:sockets/udp@0.2.0" "[method]udp-socket.send-buffer-size" (func (param i32 i32)))
  ;; func wasi:sockets/udp@0.2.0#[method]udp-socket.set-send-buffer-size
  (import "wasi:sockets/udp@0.2.0" "[method]udp-socket.set-send-buffer-size" (func (param i32 i64 i32)))
  ;; func wasi:sockets/udp@0.2.0#[method]udp-socket.subscribe
  (import "wasi:sockets/udp@0.2.0" "[method]udp-socket.subscribe" (func (param i32) (result i32)))
  ;; func wasi:sockets/udp@0.2.0#[method]incoming-datagram-stream.receive
  (import "wasi:sockets/udp@0.2.0" "[method]incoming-datagram-stream.receive" (func (param i32 i64 i32)))
  ;; func wasi:sockets/udp@0.2.0#[method]incoming-datagram-stream.subscribe
  (import "wasi:sockets/udp@0.2.0" "[method]incoming-datagram-stream.subscribe" (func (param i32) (result i32)))
  ;; func wasi:sockets/udp@0.2.0#[method]outgoing-datagram-stream.check-send
  (import "wasi:sockets/udp@0.2.0" "[method]outgoing-datagram-stream.check-send" (func (param i32 i32)))
  ;; func wasi:sockets/udp@0.2.0#[method]outgoing-datagram-stream.send
  (import "wasi:sockets/udp@0.2.0" "[method]outgoing-datagram-stream.send" (func (param i32 i32 i32 i32)))
  ;; func wasi:sockets/udp@0.2.0#[method]outgoing-datagram-stream.subscribe
  (import "wasi:sockets/udp@0.2.0" "[method]outgoing-datagram-stream.subscribe" (func (param i32) (result i32)))
  ;; resource-drop wasi:sockets/udp@0.2.0#udp-socket
  (import "wasi:sockets/udp@0.2.0" "[resource-drop]udp-socket" (func (param i32)))
  ;; resource-drop wasi:sockets/udp@0.2.0#incoming-datagram-stream
  (import "wasi:sockets/udp@0.2.0" "[resource-drop]incoming-datagram-stream" (func (param i32)))
  ;; resource-drop wasi:sockets/udp@0.2.0#outgoing-datagram-stream
  (import "wasi:sockets/udp@0.2.0" "[resource-drop]outgoing-datagram-stream" (func (param i32)))
  ;; func wasi:sockets/udp-create-socket@0.2.0#create-udp-socket
  (import "wasi:sockets/udp-create-socket@0.2.0" "create-udp-socket" (func (param i32 i32)))
  ;; func wasi:sockets/tcp@0.2.0#[method]tcp-socket.start-bind
  (import "wasi:sockets/tcp@0.2.0" "[method]tcp-socket.start-bind" (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  ;; func wasi:sockets/tcp@0.2.0#[method]tcp-socket.finish-bind
  (import "wasi:sockets/tcp@0.2.0" "[method]tcp-socket.finish-bind" (func (param i32 i32)))
  ;; func wasi:sockets/tcp@0.2.0#[method]tcp-socket.start-connect
  (import "wasi:sockets/tcp@0.2.0" "[method]tcp-socket.start-connect" (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  ;; func wasi:sockets/tcp@0.2.0#[method]tcp-socket.finish-connect
  (import "wasi:sockets/tcp@0.2.0" "[method]tcp-socket.finish-connect" (func (param i32 i32)))
  ;; func wasi:sockets/tcp@0.2.0#[method]tcp-socket.start-listen
  (import "wasi:sockets/tcp@0.2.0" "[method]tcp-socket.start-listen" (func (param i32 i32)))
  ;; func wasi:sockets/tcp@0.2.0#[method]tcp-socket.finish-listen
  (import "wasi:sockets/tcp@0.2.0" "[method]tcp-socket.finish-listen" (func (param i32 i32)))
  ;; func wasi:sockets/tcp@0.2.0#[method]tcp-socket.accept
  (import "wasi:sockets/tcp@0.2.0" "[method]tcp-socket.accept" (func (param i32 i32)))
  ;; func wasi:sockets/tcp@0.2.0#[method]tcp-socket.local-address
  (import "wasi:sockets/tcp@0.2.0" "[method]tcp-socket.local-address" (func (param i32 i32)))
  ;; func wasi:sockets/tcp@0.2.0#[method]tcp-socket.remote-address
  (import "wasi:sockets/tcp@0.2.0" "[method]tcp-socket.remote-address" (func (param i32 i32)))
  ;; func wasi:sockets/tcp@0.2.0#[method]tcp-socket.is-listening
  (import "wasi:sockets/tcp@0.2.0" "[method]tcp-socket.is-listening" (func (param i32) (result i32)))
  ;; func wasi:sockets/tcp@0.2.0#[method]tcp-socket.address-family
  (import "wasi:sockets/tcp@0.2.0" "[method]tcp-socket.address-family" (func (param i32) (result i32)))
  ;; func wasi:sockets/tcp@0.2.0#[method]tcp-socket.set-listen-backlog-size
  (import "wasi:sockets/tcp@0.2.0" "[method]tcp-socket.set-listen-backlog-size" (func (param i32 i64 i32)))
  ;; func wasi:sockets/tcp@0.2.0#[method]tcp-socket.keep-alive-enabled
  (import "wasi:sockets/tcp@0.2.0" "[method]tcp-socket.keep-alive-enabled" (func (param i32 i32)))
  ;; func wasi:sockets/tcp@0.2.0#[method]tcp-socket.set-keep-alive-enabled
  (import "wasi:sockets/tcp@0.2.0" "[method]tcp-socket.set-keep-alive-enabled" (func (param i32 i32 i32)))
  ;; func wasi:sockets/tcp@0.2.0#[method]tcp-socket.keep-alive-idle-time
  (import "wasi:sockets/tcp@0.2.0" "[method]tcp-socket.keep-alive-idle-time" (func (param i32 i32)))
  ;; func wasi:sockets/tcp@0.2.0#[method]tcp-socket.set-keep-alive-idle-time
  (import "wasi:sockets/tcp@0.2.0" "[method]tcp-socket.set-keep-alive-idle-time" (func (param i32 i64 i32)))
  ;; func wasi:sockets/tcp@0.2.0#[method]tcp-socket.keep-alive-interval
  (import "wasi:sockets/tcp@0.2.0" "[method]tcp-socket.keep-alive-interval" (func (param i32 i32)))
  ;; func wasi:sockets/tcp@0.2.0#[method]tcp-socket.set-keep-alive-interval
  (import "wasi:sockets/tcp@0.2.0" "[method]tcp-socket.set-keep-alive-interval" (func (param i32 i64 i32)))
  ;; func wasi:sockets/tcp@0.2.0#[method]tcp-socket.keep-alive-count
  (import "wasi:sockets/tcp@0.2.0" "[method]tcp-socket.keep-alive-count" (func (param i32 i32)))
  ;; func wasi:sockets/tcp@0.2.0#[method]tcp-socket.set-keep-alive-count
  (import "wasi:sockets/tcp@0.2.0" "[method]tcp-socket.set-keep-alive-count" (func (param i32 i32 i32)))
  ;; func wasi:sockets/tcp@0.2.0#[method]tcp-socket.hop-limit
  (import "wasi:sockets/tcp@0.2.0" "[method]tcp-socket.hop-limit" (func (param i32 i32)))
  ;; func wasi:sockets/tcp@0.2.0#[method]tcp-socket.set-hop-limit
  (import "wasi:sockets/tcp@0.2.0" "[method]tcp-socket.set-hop-limit" (func (param i32 i32 i32)))
  ;; func wasi:sockets/tcp@0.2.0#[method]tcp-socket.receive-buffer-size
  (import "wasi:sockets/tcp@0.2.0" "[method]tcp-socket.receive-buffer-size" (func (param i32 i32)))
  ;; func wasi:sockets/tcp@0.2.0#[method]tcp-socket.set-receive-buffer-size
  (import "wasi:sockets/tcp@0.2.0" "[method]tcp-socket.set-receive-buffer-size" (func (param i32 i64 i32)))
  ;; func wasi:sockets/tcp@0.2.0#[method]tcp-socket.send-buffer-size
  (import "wasi:sockets/tcp@0.2.0" "[method]tcp-socket.send-buffer-size" (func (param i32 i32)))
  ;; func wasi:sockets/tcp@0.2.0#[method]tcp-socket.set-send-buffer-size
  (import "wasi:sockets/tcp@0.2.0" "[method]tcp-socket.set-send-buffer-size" (func (param i32 i64 i32)))
  ;; func wasi:sockets/tcp@0.2.0#[method]tcp-socket.subscribe
  (import "wasi:sockets/tcp@0.2.0" "[method]tcp-socket.subscribe" (func (param i32) (result i32)))
  ;; func wasi:sockets/tcp@0.2.0#[method]tcp-socket.shutdown
  (import "wasi:sockets/tcp@0.2.0" "[method]tcp-socket.shutdown" (func (param i32 i32 i32)))
  ;; resource-drop wasi:sockets/tcp@0.2.0#tcp-socket
  (import "wasi:sockets/tcp@0.2.0" "[resource-drop]tcp-socket" (func (param i32)))
  ;; func wasi:sockets/tcp-create-socket@0.2.0#create-tcp-socket
  (import "wasi:sockets/tcp-create-socket@0.2.0" "create-tcp-socket" (func (param i32 i32)))
  ;; func wasi:sockets/ip-name-lookup@0.2.0#[method]resolve-address-stream.resolve-next-address
  (import "wasi:sockets/ip-name-lookup@0.2.0" "[method]resolve-address-stream.resolve-next-address" (func (param i32 i32)))
  ;; func wasi:sockets/ip-name-lookup@0.2.0#[method]resolve-address-stream.subscribe
  (import "wasi:sockets/ip-name-lookup@0.2.0" "[method]resolve-address-stream.subscribe" (func (param i32) (result i32)))
  ;; func wasi:sockets/ip-name-lookup@0.2.0#resolve-addresses
  (import "wasi:sockets/ip-name-lookup@0.2.0" "resolve-addresses" (func (param i32 i32 i32 i32)))
  ;; resource-drop wasi:sockets/ip-name-lookup@0.2.0#resolve-address-stream
  (import "wasi:sockets/ip-name-lookup@0.2.0" "[resource-drop]resolve-address-stream" (func (param i32)))
  ;; func wasi:random/random@0.2.0#get-random-bytes
  (import "wasi:random/random@0.2.0" "get-random-bytes" (func (param i64 i32)))
  ;; func wasi:random/random@0.2.0#get-random-u64
  (import "wasi:random/random@0.2.0" "get-random-u64" (func (result i64)))
  ;; func wasi:random/insecure@0.2.0#get-insecure-random-bytes
  (import "wasi:random/insecure@0.2.0" "get-insecure-random-bytes" (func (param i64 i32)))
  ;; func wasi:random/insecure@0.2.0#get-insecure-random-u64
  (import "wasi:random/insecure@0.2.0" "get-insecure-random-u64" (func (result i64)))
  ;; func wasi:random/insecure-seed@0.2.0#insecure-seed
  (import "wasi:random/insecure-seed@0.2.0" "insecure-seed" (func (param i32)))
  ;; func wasi:cli/run@0.2.0#run
  (func (export "wasi:cli/run@0.2.0#run") (result i32) unreachable)
  ;; post-return wasi:cli/run@0.2.0#run
  (func (export "cabi_post_wasi:cli/run@0.2.0#run") (param i32) unreachable)
  ;; memory
  (memory (export "memory") 0)
  ;; realloc
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "_initialize") unreachable)
)
