//! `error-code` as hyper's errors map to it, and the error a body carries through hyper.

use crate::bindings::wasi::http::types::{ErrorCode, TlsAlertReceivedPayload};

/// An `error-code` as a Rust error: what a body gives hyper when it breaks off, and what a
/// guest's `wasi:io/error` carries so that `http-error-code` finds it again.
#[derive(Debug, Clone)]
pub struct HttpError(pub ErrorCode);

impl std::fmt::Display for HttpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

impl std::error::Error for HttpError {}

/// A body that hyper could not read to its end: the peer went away or broke the framing.
pub(crate) fn body_error(message: &str) -> ErrorCode {
    if message.contains("incomplete") || message.contains("closed") || message.contains("reset") {
        ErrorCode::ConnectionTerminated
    } else {
        ErrorCode::HttpProtocolError
    }
}

/// An error of hyper's client as the WIT names it.
pub(crate) fn client_error(e: &hyper::Error) -> ErrorCode {
    if e.is_timeout() {
        ErrorCode::ConnectionReadTimeout
    } else if e.is_incomplete_message() || e.is_closed() || e.is_canceled() {
        ErrorCode::ConnectionTerminated
    } else if e.is_parse() || e.is_user() {
        ErrorCode::HttpProtocolError
    } else {
        ErrorCode::InternalError(Some(e.to_string()))
    }
}

/// An error connecting to an upstream as the WIT names it.
pub(crate) fn connect_error(e: &std::io::Error) -> ErrorCode {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::ConnectionRefused => ErrorCode::ConnectionRefused,
        ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted => ErrorCode::ConnectionTerminated,
        ErrorKind::TimedOut => ErrorCode::ConnectionTimeout,
        ErrorKind::HostUnreachable | ErrorKind::NetworkUnreachable => ErrorCode::DestinationUnavailable,
        ErrorKind::AddrNotAvailable => ErrorCode::DestinationIpUnroutable,
        _ => ErrorCode::InternalError(Some(e.to_string())),
    }
}

/// A failed TLS handshake as the WIT names it: the peer's certificate, an alert the peer sent,
/// or anything else in the protocol; an error under TLS is the connection's.
pub(crate) fn tls_error(e: &std::io::Error) -> ErrorCode {
    let Some(tls) = e.get_ref().and_then(|inner| inner.downcast_ref::<rustls::Error>()) else {
        return connect_error(e);
    };
    match tls {
        rustls::Error::InvalidCertificate(_) | rustls::Error::NoCertificatesPresented => ErrorCode::TlsCertificateError,
        rustls::Error::AlertReceived(alert) => ErrorCode::TlsAlertReceived(TlsAlertReceivedPayload {
            alert_id: Some(u8::from(*alert)),
            alert_message: Some(format!("{alert:?}")),
        }),
        _ => ErrorCode::TlsProtocolError,
    }
}
