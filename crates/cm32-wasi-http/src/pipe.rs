//! A body in flight between the guest and hyper: a bounded queue of chunks, then an end (with
//! trailers, or an error). One side is the guest, which never waits here (its stream calls ask
//! and, to block, wait on the instance's bell); the other is an async task or hyper itself,
//! which waits with a waker. At most [`CAPACITY`] bytes are ever queued, whatever the body's size.

use std::collections::VecDeque;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Waker};

use bytes::Bytes;
use cm32_wasi::ext::{Bell, Readiness, StreamEnd, StreamSink, StreamSource};
use http::HeaderMap;

use crate::bindings::wasi::http::types::ErrorCode;

/// How many bytes a pipe holds before its writer must wait.
pub(crate) const CAPACITY: usize = 64 * 1024;

/// The most a blocking write gives at once (`wasi:io/streams`' limit).
const BLOCKING_WRITE: usize = 4096;

/// How a body ended.
#[derive(Clone, Debug)]
pub(crate) enum End {
    /// All of it, and its trailers if it had any.
    Finished(Option<HeaderMap>),
    /// It broke off: the peer went away, the writer was dropped without finishing, or a size was
    /// wrong.
    Failed(ErrorCode),
}

#[derive(Default)]
struct State {
    chunks: VecDeque<Bytes>,
    queued: usize,
    end: Option<End>,
    /// The reader is gone: writes are refused from now on.
    reader_gone: bool,
    reader_waker: Option<Waker>,
    writer_waker: Option<Waker>,
}

pub(crate) struct Pipe {
    state: Mutex<State>,
    /// The instance's bell, rung whenever the guest's side may go on.
    bell: Bell,
}

impl Pipe {
    pub(crate) fn new(bell: Bell) -> Arc<Pipe> {
        Arc::new(Pipe { state: Mutex::new(State::default()), bell })
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A panic while the lock was held cannot leave the queue half-changed: each change is
        // one push or pop.
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Wakes both sides: the async one by its waker, the guest by the bell.
    fn wake(&self, mut state: MutexGuard<'_, State>) {
        let wakers = [state.reader_waker.take(), state.writer_waker.take()];
        drop(state);
        wakers.into_iter().flatten().for_each(Waker::wake);
        self.bell.ring();
    }

    /// How many bytes a write may add now; `Err` once the body has ended or its reader is gone.
    pub(crate) fn room(&self) -> Result<usize, StreamEnd> {
        let state = self.state();
        if state.reader_gone || state.end.is_some() {
            return Err(StreamEnd::Closed);
        }
        Ok(CAPACITY.saturating_sub(state.queued))
    }

    pub(crate) fn push(&self, bytes: Bytes) -> Result<(), StreamEnd> {
        let mut state = self.state();
        if state.reader_gone || state.end.is_some() {
            return Err(StreamEnd::Closed);
        }
        if bytes.is_empty() {
            return Ok(());
        }
        state.queued += bytes.len();
        state.chunks.push_back(bytes);
        self.wake(state);
        Ok(())
    }

    /// Ends the body; a second end changes nothing.
    pub(crate) fn finish(&self, end: End) {
        let mut state = self.state();
        if state.end.is_none() {
            state.end = Some(end);
        }
        self.wake(state);
    }

    /// Up to `max` bytes, without waiting: `Ok(None)` if there are none yet.
    pub(crate) fn pop(&self, max: usize) -> Result<Option<Bytes>, End> {
        let mut state = self.state();
        let Some(front) = state.chunks.front_mut() else {
            return match &state.end {
                Some(end) => Err(end.clone()),
                None => Ok(None),
            };
        };
        let chunk = if front.len() <= max { state.chunks.pop_front().unwrap_or_default() } else { front.split_to(max) };
        state.queued -= chunk.len();
        self.wake(state);
        Ok(Some(chunk))
    }

    /// Whether a pop would give bytes or the end.
    pub(crate) fn readable(&self) -> bool {
        let state = self.state();
        !state.chunks.is_empty() || state.end.is_some()
    }

    /// Whether a push of a blocking write's most (4096 bytes) would find room, or would fail at
    /// once. Less room is not "ready": a guest waiting to write 4096 bytes would otherwise wake,
    /// find too little, and wait again without sleeping.
    pub(crate) fn writable(&self) -> bool {
        let state = self.state();
        state.reader_gone || state.end.is_some() || state.queued + BLOCKING_WRITE <= CAPACITY
    }

    /// The reader says it will read no more.
    pub(crate) fn close_reader(&self) {
        let mut state = self.state();
        state.reader_gone = true;
        state.chunks.clear();
        state.queued = 0;
        self.wake(state);
    }

    /// The end, once the body has ended and every chunk was read.
    pub(crate) fn ended(&self) -> Option<End> {
        let state = self.state();
        if state.chunks.is_empty() { state.end.clone() } else { None }
    }

    /// For an async writer: ready when there is room (or the reader is gone).
    pub(crate) fn poll_room(&self, cx: &mut Context<'_>) -> Poll<Result<(), ()>> {
        let mut state = self.state();
        if state.reader_gone {
            return Poll::Ready(Err(()));
        }
        if state.queued < CAPACITY {
            return Poll::Ready(Ok(()));
        }
        state.writer_waker = Some(cx.waker().clone());
        Poll::Pending
    }

    /// For an async reader: the next chunk, or the end.
    pub(crate) fn poll_pop(&self, cx: &mut Context<'_>) -> Poll<Result<Bytes, End>> {
        match self.pop(usize::MAX) {
            Ok(Some(chunk)) => Poll::Ready(Ok(chunk)),
            Err(end) => Poll::Ready(Err(end)),
            Ok(None) => {
                let mut state = self.state();
                // Looked at again under the lock the writer takes to push.
                if !state.chunks.is_empty() || state.end.is_some() {
                    cx.waker().wake_by_ref();
                } else {
                    state.reader_waker = Some(cx.waker().clone());
                }
                Poll::Pending
            }
        }
    }
}

/// Waits, in async code, until the pipe has room.
pub(crate) async fn room(pipe: &Pipe) -> Result<(), ()> {
    std::future::poll_fn(|cx| pipe.poll_room(cx)).await
}

/// What a pollable on a pipe asks.
struct PipeReady {
    pipe: Arc<Pipe>,
    writer: bool,
}

impl Readiness for PipeReady {
    fn is_ready(&self) -> bool {
        if self.writer { self.pipe.writable() } else { self.pipe.readable() }
    }
}

/// The guest's input stream on a body it receives.
pub(crate) struct PipeSource(pub(crate) Arc<Pipe>);

impl StreamSource for PipeSource {
    fn read(&mut self, max: usize) -> Result<Vec<u8>, StreamEnd> {
        match self.0.pop(max.max(1)) {
            Ok(Some(chunk)) => Ok(chunk.to_vec()),
            Ok(None) => Ok(Vec::new()),
            Err(End::Finished(_)) => Err(StreamEnd::Closed),
            Err(End::Failed(code)) => Err(StreamEnd::Failed(std::io::Error::other(crate::HttpError(code)))),
        }
    }

    fn is_ready(&self) -> bool {
        self.0.readable()
    }

    fn readiness(&self) -> Arc<dyn Readiness> {
        Arc::new(PipeReady { pipe: self.0.clone(), writer: false })
    }
}

/// The guest's output stream on a body it sends. What it writes counts against the body's
/// declared length, if it has one.
pub(crate) struct PipeSink {
    pub(crate) pipe: Arc<Pipe>,
    pub(crate) written: Arc<Mutex<u64>>,
}

impl StreamSink for PipeSink {
    fn capacity(&mut self) -> Result<u64, StreamEnd> {
        self.pipe.room().map(|n| n as u64)
    }

    fn write(&mut self, bytes: Vec<u8>) -> Result<(), StreamEnd> {
        let len = bytes.len() as u64;
        self.pipe.push(Bytes::from(bytes))?;
        *self.written.lock().unwrap_or_else(|p| p.into_inner()) += len;
        Ok(())
    }

    fn is_ready(&self) -> bool {
        self.pipe.writable()
    }

    fn readiness(&self) -> Arc<dyn Readiness> {
        Arc::new(PipeReady { pipe: self.pipe.clone(), writer: true })
    }
}

/// A body hyper sends, read from a pipe the guest writes.
pub(crate) struct PipeBody {
    pub(crate) pipe: Arc<Pipe>,
    pub(crate) done: bool,
}

impl http_body::Body for PipeBody {
    type Data = Bytes;
    type Error = crate::HttpError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, crate::HttpError>>> {
        if self.done {
            return Poll::Ready(None);
        }
        match self.pipe.poll_pop(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Ok(chunk)) => Poll::Ready(Some(Ok(http_body::Frame::data(chunk)))),
            Poll::Ready(Err(End::Finished(trailers))) => {
                self.done = true;
                Poll::Ready(trailers.map(|t| Ok(http_body::Frame::trailers(t))))
            }
            Poll::Ready(Err(End::Failed(code))) => {
                self.done = true;
                Poll::Ready(Some(Err(crate::HttpError(code))))
            }
        }
    }
}

impl Drop for PipeBody {
    /// Hyper dropped the body (the client went away): the guest's writes now fail.
    fn drop(&mut self) {
        self.pipe.close_reader();
    }
}

/// Feeds a body hyper received into a pipe, chunk by chunk, waiting for room; a body that
/// sends nothing for `between_bytes` breaks off with `connection-read-timeout`.
pub(crate) async fn pump<B>(mut body: B, pipe: Arc<Pipe>, between_bytes: Option<std::time::Duration>)
where
    B: http_body::Body<Data = Bytes> + Unpin,
    B::Error: std::fmt::Display,
{
    use http_body_util::BodyExt as _;
    let mut trailers: Option<HeaderMap> = None;
    loop {
        if room(&pipe).await.is_err() {
            return;
        }
        let frame = match between_bytes {
            Some(limit) => match tokio::time::timeout(limit, body.frame()).await {
                Ok(frame) => frame,
                Err(_) => {
                    pipe.finish(End::Failed(ErrorCode::ConnectionReadTimeout));
                    return;
                }
            },
            None => body.frame().await,
        };
        match frame {
            None => break,
            Some(Err(e)) => {
                pipe.finish(End::Failed(crate::error::body_error(&e.to_string())));
                return;
            }
            Some(Ok(frame)) => match frame.into_data() {
                Ok(data) => {
                    if pipe.push(data).is_err() {
                        return;
                    }
                }
                Err(frame) => {
                    if let Ok(t) = frame.into_trailers() {
                        trailers.get_or_insert_with(HeaderMap::new).extend(t);
                    }
                }
            },
        }
    }
    pipe.finish(End::Finished(trailers));
}
