(module
  ;; func wasi:cli/environment@0.2.12#get-environment
  (import "cm32p2|wasi:cli/environment@0.2" "get-environment" (func (param i32)))
  ;; func wasi:cli/environment@0.2.12#get-arguments
  (import "cm32p2|wasi:cli/environment@0.2" "get-arguments" (func (param i32)))
  ;; func wasi:cli/environment@0.2.12#initial-cwd
  (import "cm32p2|wasi:cli/environment@0.2" "initial-cwd" (func (param i32)))
  ;; func wasi:cli/exit@0.2.12#exit
  (import "cm32p2|wasi:cli/exit@0.2" "exit" (func (param i32)))
  ;; func wasi:cli/exit@0.2.12#exit-with-code
  (import "cm32p2|wasi:cli/exit@0.2" "exit-with-code" (func (param i32)))
  ;; func wasi:io/error@0.2.12#[method]error.to-debug-string
  (import "cm32p2|wasi:io/error@0.2" "[method]error.to-debug-string" (func (param i32 i32)))
  ;; resource-drop wasi:io/error@0.2.12#error
  (import "cm32p2|wasi:io/error@0.2" "error_drop" (func (param i32)))
  ;; func wasi:io/poll@0.2.12#[method]pollable.ready
  (import "cm32p2|wasi:io/poll@0.2" "[method]pollable.ready" (func (param i32) (result i32)))
  ;; func wasi:io/poll@0.2.12#[method]pollable.block
  (import "cm32p2|wasi:io/poll@0.2" "[method]pollable.block" (func (param i32)))
  ;; func wasi:io/poll@0.2.12#poll
  (import "cm32p2|wasi:io/poll@0.2" "poll" (func (param i32 i32 i32)))
  ;; resource-drop wasi:io/poll@0.2.12#pollable
  (import "cm32p2|wasi:io/poll@0.2" "pollable_drop" (func (param i32)))
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
  ;; func wasi:cli/stdin@0.2.12#get-stdin
  (import "cm32p2|wasi:cli/stdin@0.2" "get-stdin" (func (result i32)))
  ;; func wasi:cli/stdout@0.2.12#get-stdout
  (import "cm32p2|wasi:cli/stdout@0.2" "get-stdout" (func (result i32)))
  ;; func wasi:cli/stderr@0.2.12#get-stderr
  (import "cm32p2|wasi:cli/stderr@0.2" "get-stderr" (func (result i32)))
  ;; resource-drop wasi:cli/terminal-input@0.2.12#terminal-input
  (import "cm32p2|wasi:cli/terminal-input@0.2" "terminal-input_drop" (func (param i32)))
  ;; resource-drop wasi:cli/terminal-output@0.2.12#terminal-output
  (import "cm32p2|wasi:cli/terminal-output@0.2" "terminal-output_drop" (func (param i32)))
  ;; func wasi:cli/terminal-stdin@0.2.12#get-terminal-stdin
  (import "cm32p2|wasi:cli/terminal-stdin@0.2" "get-terminal-stdin" (func (param i32)))
  ;; func wasi:cli/terminal-stdout@0.2.12#get-terminal-stdout
  (import "cm32p2|wasi:cli/terminal-stdout@0.2" "get-terminal-stdout" (func (param i32)))
  ;; func wasi:cli/terminal-stderr@0.2.12#get-terminal-stderr
  (import "cm32p2|wasi:cli/terminal-stderr@0.2" "get-terminal-stderr" (func (param i32)))
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
  ;; func wasi:filesystem/types@0.2.12#[method]descriptor.read-via-stream
  (import "cm32p2|wasi:filesystem/types@0.2" "[method]descriptor.read-via-stream" (func (param i32 i64 i32)))
  ;; func wasi:filesystem/types@0.2.12#[method]descriptor.write-via-stream
  (import "cm32p2|wasi:filesystem/types@0.2" "[method]descriptor.write-via-stream" (func (param i32 i64 i32)))
  ;; func wasi:filesystem/types@0.2.12#[method]descriptor.append-via-stream
  (import "cm32p2|wasi:filesystem/types@0.2" "[method]descriptor.append-via-stream" (func (param i32 i32)))
  ;; func wasi:filesystem/types@0.2.12#[method]descriptor.advise
  (import "cm32p2|wasi:filesystem/types@0.2" "[method]descriptor.advise" (func (param i32 i64 i64 i32 i32)))
  ;; func wasi:filesystem/types@0.2.12#[method]descriptor.sync-data
  (import "cm32p2|wasi:filesystem/types@0.2" "[method]descriptor.sync-data" (func (param i32 i32)))
  ;; func wasi:filesystem/types@0.2.12#[method]descriptor.get-flags
  (import "cm32p2|wasi:filesystem/types@0.2" "[method]descriptor.get-flags" (func (param i32 i32)))
  ;; func wasi:filesystem/types@0.2.12#[method]descriptor.get-type
  (import "cm32p2|wasi:filesystem/types@0.2" "[method]descriptor.get-type" (func (param i32 i32)))
  ;; func wasi:filesystem/types@0.2.12#[method]descriptor.set-size
  (import "cm32p2|wasi:filesystem/types@0.2" "[method]descriptor.set-size" (func (param i32 i64 i32)))
  ;; func wasi:filesystem/types@0.2.12#[method]descriptor.set-times
  (import "cm32p2|wasi:filesystem/types@0.2" "[method]descriptor.set-times" (func (param i32 i32 i64 i32 i32 i64 i32 i32)))
  ;; func wasi:filesystem/types@0.2.12#[method]descriptor.read
  (import "cm32p2|wasi:filesystem/types@0.2" "[method]descriptor.read" (func (param i32 i64 i64 i32)))
  ;; func wasi:filesystem/types@0.2.12#[method]descriptor.write
  (import "cm32p2|wasi:filesystem/types@0.2" "[method]descriptor.write" (func (param i32 i32 i32 i64 i32)))
  ;; func wasi:filesystem/types@0.2.12#[method]descriptor.read-directory
  (import "cm32p2|wasi:filesystem/types@0.2" "[method]descriptor.read-directory" (func (param i32 i32)))
  ;; func wasi:filesystem/types@0.2.12#[method]descriptor.sync
  (import "cm32p2|wasi:filesystem/types@0.2" "[method]descriptor.sync" (func (param i32 i32)))
  ;; func wasi:filesystem/types@0.2.12#[method]descriptor.create-directory-at
  (import "cm32p2|wasi:filesystem/types@0.2" "[method]descriptor.create-directory-at" (func (param i32 i32 i32 i32)))
  ;; func wasi:filesystem/types@0.2.12#[method]descriptor.stat
  (import "cm32p2|wasi:filesystem/types@0.2" "[method]descriptor.stat" (func (param i32 i32)))
  ;; func wasi:filesystem/types@0.2.12#[method]descriptor.stat-at
  (import "cm32p2|wasi:filesystem/types@0.2" "[method]descriptor.stat-at" (func (param i32 i32 i32 i32 i32)))
  ;; func wasi:filesystem/types@0.2.12#[method]descriptor.set-times-at
  (import "cm32p2|wasi:filesystem/types@0.2" "[method]descriptor.set-times-at" (func (param i32 i32 i32 i32 i32 i64 i32 i32 i64 i32 i32)))
  ;; func wasi:filesystem/types@0.2.12#[method]descriptor.link-at
  (import "cm32p2|wasi:filesystem/types@0.2" "[method]descriptor.link-at" (func (param i32 i32 i32 i32 i32 i32 i32 i32)))
  ;; func wasi:filesystem/types@0.2.12#[method]descriptor.open-at
  (import "cm32p2|wasi:filesystem/types@0.2" "[method]descriptor.open-at" (func (param i32 i32 i32 i32 i32 i32 i32)))
  ;; func wasi:filesystem/types@0.2.12#[method]descriptor.readlink-at
  (import "cm32p2|wasi:filesystem/types@0.2" "[method]descriptor.readlink-at" (func (param i32 i32 i32 i32)))
  ;; func wasi:filesystem/types@0.2.12#[method]descriptor.remove-directory-at
  (import "cm32p2|wasi:filesystem/types@0.2" "[method]descriptor.remove-directory-at" (func (param i32 i32 i32 i32)))
  ;; func wasi:filesystem/types@0.2.12#[method]descriptor.rename-at
  (import "cm32p2|wasi:filesystem/types@0.2" "[method]descriptor.rename-at" (func (param i32 i32 i32 i32 i32 i32 i32)))
  ;; func wasi:filesystem/types@0.2.12#[method]descriptor.symlink-at
  (import "cm32p2|wasi:filesystem/types@0.2" "[method]descriptor.symlink-at" (func (param i32 i32 i32 i32 i32 i32)))
  ;; func wasi:filesystem/types@0.2.12#[method]descriptor.unlink-file-at
  (import "cm32p2|wasi:filesystem/types@0.2" "[method]descriptor.unlink-file-at" (func (param i32 i32 i32 i32)))
  ;; func wasi:filesystem/types@0.2.12#[method]descriptor.is-same-object
  (import "cm32p2|wasi:filesystem/types@0.2" "[method]descriptor.is-same-object" (func (param i32 i32) (result i32)))
  ;; func wasi:filesystem/types@0.2.12#[method]descriptor.metadata-hash
  (import "cm32p2|wasi:filesystem/types@0.2" "[method]descriptor.metadata-hash" (func (param i32 i32)))
  ;; func wasi:filesystem/types@0.2.12#[method]descriptor.metadata-hash-at
  (import "cm32p2|wasi:filesystem/types@0.2" "[method]descriptor.metadata-hash-at" (func (param i32 i32 i32 i32 i32)))
  ;; func wasi:filesystem/types@0.2.12#[method]directory-entry-stream.read-directory-entry
  (import "cm32p2|wasi:filesystem/types@0.2" "[method]directory-entry-stream.read-directory-entry" (func (param i32 i32)))
  ;; func wasi:filesystem/types@0.2.12#filesystem-error-code
  (import "cm32p2|wasi:filesystem/types@0.2" "filesystem-error-code" (func (param i32 i32)))
  ;; resource-drop wasi:filesystem/types@0.2.12#descriptor
  (import "cm32p2|wasi:filesystem/types@0.2" "descriptor_drop" (func (param i32)))
  ;; resource-drop wasi:filesystem/types@0.2.12#directory-entry-stream
  (import "cm32p2|wasi:filesystem/types@0.2" "directory-entry-stream_drop" (func (param i32)))
  ;; func wasi:filesystem/preopens@0.2.12#get-directories
  (import "cm32p2|wasi:filesystem/preopens@0.2" "get-directories" (func (param i32)))
  ;; resource-drop wasi:sockets/network@0.2.12#network
  (import "cm32p2|wasi:sockets/network@0.2" "network_drop" (func (param i32)))
  ;; func wasi:sockets/instance-network@0.2.12#instance-network
  (import "cm32p2|wasi:sockets/instance-network@0.2" "instance-network" (func (result i32)))
  ;; func wasi:sockets/udp@0.2.12#[method]udp-socket.start-bind
  (import "cm32p2|wasi:sockets/udp@0.2" "[method]udp-socket.start-bind" (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  ;; func wasi:sockets/udp@0.2.12#[method]udp-socket.finish-bind
  (import "cm32p2|wasi:sockets/udp@0.2" "[method]udp-socket.finish-bind" (func (param i32 i32)))
  ;; func wasi:sockets/udp@0.2.12#[method]udp-socket.stream
  (import "cm32p2|wasi:sockets/udp@0.2" "[method]udp-socket.stream" (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  ;; func wasi:sockets/udp@0.2.12#[method]udp-socket.local-address
  (import "cm32p2|wasi:sockets/udp@0.2" "[method]udp-socket.local-address" (func (param i32 i32)))
  ;; func wasi:sockets/udp@0.2.12#[method]udp-socket.remote-address
  (import "cm32p2|wasi:sockets/udp@0.2" "[method]udp-socket.remote-address" (func (param i32 i32)))
  ;; func wasi:sockets/udp@0.2.12#[method]udp-socket.address-family
  (import "cm32p2|wasi:sockets/udp@0.2" "[method]udp-socket.address-family" (func (param i32) (result i32)))
  ;; func wasi:sockets/udp@0.2.12#[method]udp-socket.unicast-hop-limit
  (import "cm32p2|wasi:sockets/udp@0.2" "[method]udp-socket.unicast-hop-limit" (func (param i32 i32)))
  ;; func wasi:sockets/udp@0.2.12#[method]udp-socket.set-unicast-hop-limit
  (import "cm32p2|wasi:sockets/udp@0.2" "[method]udp-socket.set-unicast-hop-limit" (func (param i32 i32 i32)))
  ;; func wasi:sockets/udp@0.2.12#[method]udp-socket.receive-buffer-size
  (import "cm32p2|wasi:sockets/udp@0.2" "[method]udp-socket.receive-buffer-size" (func (param i32 i32)))
  ;; func wasi:sockets/udp@0.2.12#[method]udp-socket.set-receive-buffer-size
  (import "cm32p2|wasi:sockets/udp@0.2" "[method]udp-socket.set-receive-buffer-size" (func (param i32 i64 i32)))
  ;; func wasi:sockets/udp@0.2.12#[method]udp-socket.send-buffer-size
  (import "cm32p2|wasi:sockets/udp@0.2" "[method]udp-socket.send-buffer-size" (func (param i32 i32)))
  ;; func wasi:sockets/udp@0.2.12#[method]udp-socket.set-send-buffer-size
  (import "cm32p2|wasi:sockets/udp@0.2" "[method]udp-socket.set-send-buffer-size" (func (param i32 i64 i32)))
  ;; func wasi:sockets/udp@0.2.12#[method]udp-socket.subscribe
  (import "cm32p2|wasi:sockets/udp@0.2" "[method]udp-socket.subscribe" (func (param i32) (result i32)))
  ;; func wasi:sockets/udp@0.2.12#[method]incoming-datagram-stream.receive
  (import "cm32p2|wasi:sockets/udp@0.2" "[method]incoming-datagram-stream.receive" (func (param i32 i64 i32)))
  ;; func wasi:sockets/udp@0.2.12#[method]incoming-datagram-stream.subscribe
  (import "cm32p2|wasi:sockets/udp@0.2" "[method]incoming-datagram-stream.subscribe" (func (param i32) (result i32)))
  ;; func wasi:sockets/udp@0.2.12#[method]outgoing-datagram-stream.check-send
  (import "cm32p2|wasi:sockets/udp@0.2" "[method]outgoing-datagram-stream.check-send" (func (param i32 i32)))
  ;; func wasi:sockets/udp@0.2.12#[method]outgoing-datagram-stream.send
  (import "cm32p2|wasi:sockets/udp@0.2" "[method]outgoing-datagram-stream.send" (func (param i32 i32 i32 i32)))
  ;; func wasi:sockets/udp@0.2.12#[method]outgoing-datagram-stream.subscribe
  (import "cm32p2|wasi:sockets/udp@0.2" "[method]outgoing-datagram-stream.subscribe" (func (param i32) (result i32)))
  ;; resource-drop wasi:sockets/udp@0.2.12#udp-socket
  (import "cm32p2|wasi:sockets/udp@0.2" "udp-socket_drop" (func (param i32)))
  ;; resource-drop wasi:sockets/udp@0.2.12#incoming-datagram-stream
  (import "cm32p2|wasi:sockets/udp@0.2" "incoming-datagram-stream_drop" (func (param i32)))
  ;; resource-drop wasi:sockets/udp@0.2.12#outgoing-datagram-stream
  (import "cm32p2|wasi:sockets/udp@0.2" "outgoing-datagram-stream_drop" (func (param i32)))
  ;; func wasi:sockets/udp-create-socket@0.2.12#create-udp-socket
  (import "cm32p2|wasi:sockets/udp-create-socket@0.2" "create-udp-socket" (func (param i32 i32)))
  ;; func wasi:sockets/tcp@0.2.12#[method]tcp-socket.start-bind
  (import "cm32p2|wasi:sockets/tcp@0.2" "[method]tcp-socket.start-bind" (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  ;; func wasi:sockets/tcp@0.2.12#[method]tcp-socket.finish-bind
  (import "cm32p2|wasi:sockets/tcp@0.2" "[method]tcp-socket.finish-bind" (func (param i32 i32)))
  ;; func wasi:sockets/tcp@0.2.12#[method]tcp-socket.start-connect
  (import "cm32p2|wasi:sockets/tcp@0.2" "[method]tcp-socket.start-connect" (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  ;; func wasi:sockets/tcp@0.2.12#[method]tcp-socket.finish-connect
  (import "cm32p2|wasi:sockets/tcp@0.2" "[method]tcp-socket.finish-connect" (func (param i32 i32)))
  ;; func wasi:sockets/tcp@0.2.12#[method]tcp-socket.start-listen
  (import "cm32p2|wasi:sockets/tcp@0.2" "[method]tcp-socket.start-listen" (func (param i32 i32)))
  ;; func wasi:sockets/tcp@0.2.12#[method]tcp-socket.finish-listen
  (import "cm32p2|wasi:sockets/tcp@0.2" "[method]tcp-socket.finish-listen" (func (param i32 i32)))
  ;; func wasi:sockets/tcp@0.2.12#[method]tcp-socket.accept
  (import "cm32p2|wasi:sockets/tcp@0.2" "[method]tcp-socket.accept" (func (param i32 i32)))
  ;; func wasi:sockets/tcp@0.2.12#[method]tcp-socket.local-address
  (import "cm32p2|wasi:sockets/tcp@0.2" "[method]tcp-socket.local-address" (func (param i32 i32)))
  ;; func wasi:sockets/tcp@0.2.12#[method]tcp-socket.remote-address
  (import "cm32p2|wasi:sockets/tcp@0.2" "[method]tcp-socket.remote-address" (func (param i32 i32)))
  ;; func wasi:sockets/tcp@0.2.12#[method]tcp-socket.is-listening
  (import "cm32p2|wasi:sockets/tcp@0.2" "[method]tcp-socket.is-listening" (func (param i32) (result i32)))
  ;; func wasi:sockets/tcp@0.2.12#[method]tcp-socket.address-family
  (import "cm32p2|wasi:sockets/tcp@0.2" "[method]tcp-socket.address-family" (func (param i32) (result i32)))
  ;; func wasi:sockets/tcp@0.2.12#[method]tcp-socket.set-listen-backlog-size
  (import "cm32p2|wasi:sockets/tcp@0.2" "[method]tcp-socket.set-listen-backlog-size" (func (param i32 i64 i32)))
  ;; func wasi:sockets/tcp@0.2.12#[method]tcp-socket.keep-alive-enabled
  (import "cm32p2|wasi:sockets/tcp@0.2" "[method]tcp-socket.keep-alive-enabled" (func (param i32 i32)))
  ;; func wasi:sockets/tcp@0.2.12#[method]tcp-socket.set-keep-alive-enabled
  (import "cm32p2|wasi:sockets/tcp@0.2" "[method]tcp-socket.set-keep-alive-enabled" (func (param i32 i32 i32)))
  ;; func wasi:sockets/tcp@0.2.12#[method]tcp-socket.keep-alive-idle-time
  (import "cm32p2|wasi:sockets/tcp@0.2" "[method]tcp-socket.keep-alive-idle-time" (func (param i32 i32)))
  ;; func wasi:sockets/tcp@0.2.12#[method]tcp-socket.set-keep-alive-idle-time
  (import "cm32p2|wasi:sockets/tcp@0.2" "[method]tcp-socket.set-keep-alive-idle-time" (func (param i32 i64 i32)))
  ;; func wasi:sockets/tcp@0.2.12#[method]tcp-socket.keep-alive-interval
  (import "cm32p2|wasi:sockets/tcp@0.2" "[method]tcp-socket.keep-alive-interval" (func (param i32 i32)))
  ;; func wasi:sockets/tcp@0.2.12#[method]tcp-socket.set-keep-alive-interval
  (import "cm32p2|wasi:sockets/tcp@0.2" "[method]tcp-socket.set-keep-alive-interval" (func (param i32 i64 i32)))
  ;; func wasi:sockets/tcp@0.2.12#[method]tcp-socket.keep-alive-count
  (import "cm32p2|wasi:sockets/tcp@0.2" "[method]tcp-socket.keep-alive-count" (func (param i32 i32)))
  ;; func wasi:sockets/tcp@0.2.12#[method]tcp-socket.set-keep-alive-count
  (import "cm32p2|wasi:sockets/tcp@0.2" "[method]tcp-socket.set-keep-alive-count" (func (param i32 i32 i32)))
  ;; func wasi:sockets/tcp@0.2.12#[method]tcp-socket.hop-limit
  (import "cm32p2|wasi:sockets/tcp@0.2" "[method]tcp-socket.hop-limit" (func (param i32 i32)))
  ;; func wasi:sockets/tcp@0.2.12#[method]tcp-socket.set-hop-limit
  (import "cm32p2|wasi:sockets/tcp@0.2" "[method]tcp-socket.set-hop-limit" (func (param i32 i32 i32)))
  ;; func wasi:sockets/tcp@0.2.12#[method]tcp-socket.receive-buffer-size
  (import "cm32p2|wasi:sockets/tcp@0.2" "[method]tcp-socket.receive-buffer-size" (func (param i32 i32)))
  ;; func wasi:sockets/tcp@0.2.12#[method]tcp-socket.set-receive-buffer-size
  (import "cm32p2|wasi:sockets/tcp@0.2" "[method]tcp-socket.set-receive-buffer-size" (func (param i32 i64 i32)))
  ;; func wasi:sockets/tcp@0.2.12#[method]tcp-socket.send-buffer-size
  (import "cm32p2|wasi:sockets/tcp@0.2" "[method]tcp-socket.send-buffer-size" (func (param i32 i32)))
  ;; func wasi:sockets/tcp@0.2.12#[method]tcp-socket.set-send-buffer-size
  (import "cm32p2|wasi:sockets/tcp@0.2" "[method]tcp-socket.set-send-buffer-size" (func (param i32 i64 i32)))
  ;; func wasi:sockets/tcp@0.2.12#[method]tcp-socket.subscribe
  (import "cm32p2|wasi:sockets/tcp@0.2" "[method]tcp-socket.subscribe" (func (param i32) (result i32)))
  ;; func wasi:sockets/tcp@0.2.12#[method]tcp-socket.shutdown
  (import "cm32p2|wasi:sockets/tcp@0.2" "[method]tcp-socket.shutdown" (func (param i32 i32 i32)))
  ;; resource-drop wasi:sockets/tcp@0.2.12#tcp-socket
  (import "cm32p2|wasi:sockets/tcp@0.2" "tcp-socket_drop" (func (param i32)))
  ;; func wasi:sockets/tcp-create-socket@0.2.12#create-tcp-socket
  (import "cm32p2|wasi:sockets/tcp-create-socket@0.2" "create-tcp-socket" (func (param i32 i32)))
  ;; func wasi:sockets/ip-name-lookup@0.2.12#[method]resolve-address-stream.resolve-next-address
  (import "cm32p2|wasi:sockets/ip-name-lookup@0.2" "[method]resolve-address-stream.resolve-next-address" (func (param i32 i32)))
  ;; func wasi:sockets/ip-name-lookup@0.2.12#[method]resolve-address-stream.subscribe
  (import "cm32p2|wasi:sockets/ip-name-lookup@0.2" "[method]resolve-address-stream.subscribe" (func (param i32) (result i32)))
  ;; func wasi:sockets/ip-name-lookup@0.2.12#resolve-addresses
  (import "cm32p2|wasi:sockets/ip-name-lookup@0.2" "resolve-addresses" (func (param i32 i32 i32 i32)))
  ;; resource-drop wasi:sockets/ip-name-lookup@0.2.12#resolve-address-stream
  (import "cm32p2|wasi:sockets/ip-name-lookup@0.2" "resolve-address-stream_drop" (func (param i32)))
  ;; func wasi:random/random@0.2.12#get-random-bytes
  (import "cm32p2|wasi:random/random@0.2" "get-random-bytes" (func (param i64 i32)))
  ;; func wasi:random/random@0.2.12#get-random-u64
  (import "cm32p2|wasi:random/random@0.2" "get-random-u64" (func (result i64)))
  ;; func wasi:random/insecure@0.2.12#get-insecure-random-bytes
  (import "cm32p2|wasi:random/insecure@0.2" "get-insecure-random-bytes" (func (param i64 i32)))
  ;; func wasi:random/insecure@0.2.12#get-insecure-random-u64
  (import "cm32p2|wasi:random/insecure@0.2" "get-insecure-random-u64" (func (result i64)))
  ;; func wasi:random/insecure-seed@0.2.12#insecure-seed
  (import "cm32p2|wasi:random/insecure-seed@0.2" "insecure-seed" (func (param i32)))
  ;; func wasi:cli/run@0.2.12#run
  (func (export "cm32p2|wasi:cli/run@0.2|run") (result i32) unreachable)
  ;; post-return wasi:cli/run@0.2.12#run
  (func (export "cm32p2|wasi:cli/run@0.2|run_post") (param i32) unreachable)
  ;; memory
  (memory (export "cm32p2_memory") 0)
  ;; realloc
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "cm32p2_initialize") unreachable)
)
