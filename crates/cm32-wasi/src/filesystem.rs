//! `wasi:filesystem`: preopened directories and the descriptors opened under them. Every path
//! is resolved by cap-std inside its directory, so `..`, absolute paths and symlinks that lead out
//! of a preopen are refused (`not-permitted`). What the host grants a preopen ([`DirPerms`],
//! [`FilePerms`]) passes to everything opened through it, and an operation it does not grant is
//! `not-permitted` before anything reaches the file system.

use std::io;
use std::os::unix::fs::{FileExt, MetadataExt};
use std::sync::Arc;

use cap_fs_ext::{DirExt, SystemTimeSpec};
use cap_std::ambient_authority;
use cap_std::fs::{Dir, Metadata, MetadataExt as _, OpenOptions};
use cm32_host::{LinkError, ResourceAny, Trap, TrapClass, Val};

use crate::io::{new_input, new_output};
use crate::table::{Entry, Source, Target};
use crate::{Defs, Kinds, WasiCtx, WasiView};

/// Defines a small set of permission bits, like wasmtime-wasi's.
macro_rules! perms {
    ($(#[$doc:meta])* $name:ident { $($(#[$bit_doc:meta])* $bit:ident = $value:expr),* }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub struct $name(u8);

        impl $name {
            $($(#[$bit_doc])* pub const $bit: $name = $name($value);)*

            pub const fn empty() -> $name {
                $name(0)
            }

            pub const fn all() -> $name {
                $name($($value)|*)
            }

            pub const fn contains(self, other: $name) -> bool {
                self.0 & other.0 == other.0
            }
        }

        impl std::ops::BitOr for $name {
            type Output = $name;
            fn bitor(self, other: $name) -> $name {
                $name(self.0 | other.0)
            }
        }
    };
}

perms! {
    /// What the guest may do with the directories of a preopen.
    DirPerms {
        /// List, stat and open what is inside.
        READ = 1,
        /// Change the tree: create, rename, link and remove entries, set times.
        MUTATE = 2
    }
}

perms! {
    /// What the guest may do with the files of a preopen.
    FilePerms {
        /// Read their data.
        READ = 1,
        /// Write, truncate and resize them, set their times.
        WRITE = 2
    }
}

/// An open file or directory: what the host grants through it, and what the guest opened it for.
#[derive(Clone)]
pub enum Descriptor {
    Dir { dir: Arc<Dir>, perms: DirPerms, file_perms: FilePerms, mutate: bool },
    File { file: Arc<std::fs::File>, perms: FilePerms, read: bool, write: bool },
}

/// A directory the host offers the guest under a name.
pub(crate) struct Preopen {
    pub(crate) dir: Arc<Dir>,
    pub(crate) guest: String,
    pub(crate) perms: DirPerms,
    pub(crate) file_perms: FilePerms,
}

/// Opens `host` for the guest, to be seen as `guest`.
pub(crate) fn preopen(
    host: &std::path::Path,
    guest: &str,
    perms: DirPerms,
    file_perms: FilePerms,
) -> io::Result<Preopen> {
    let dir = Arc::new(Dir::open_ambient_dir(host, ambient_authority())?);
    Ok(Preopen { dir, guest: guest.to_string(), perms, file_perms })
}

/// `not-permitted` unless the host granted it.
fn granted(yes: bool) -> FsResult<()> {
    if yes { Ok(()) } else { Err(code("not-permitted")) }
}

type FsResult<T> = Result<T, Val>;

fn code(name: &str) -> Val {
    Val::Enum(name.to_string())
}

/// The WASI error code for an I/O error: by errno where there is one; cap-std's refusal of a path
/// that leaves the directory has none and is `not-permitted`.
fn error_code(e: &io::Error) -> Val {
    let name = match e.raw_os_error() {
        Some(errno) => match errno {
            libc_errno::EACCES => "access",
            libc_errno::EAGAIN => "would-block",
            libc_errno::EALREADY => "already",
            libc_errno::EBADF => "bad-descriptor",
            libc_errno::EBUSY => "busy",
            libc_errno::EDEADLK => "deadlock",
            libc_errno::EDQUOT => "quota",
            libc_errno::EEXIST => "exist",
            libc_errno::EFBIG => "file-too-large",
            libc_errno::EILSEQ => "illegal-byte-sequence",
            libc_errno::EINPROGRESS => "in-progress",
            libc_errno::EINTR => "interrupted",
            libc_errno::EINVAL => "invalid",
            libc_errno::EIO => "io",
            libc_errno::EISDIR => "is-directory",
            libc_errno::ELOOP => "loop",
            libc_errno::EMLINK => "too-many-links",
            libc_errno::EMSGSIZE => "message-size",
            libc_errno::ENAMETOOLONG => "name-too-long",
            libc_errno::ENODEV => "no-device",
            libc_errno::ENOENT => "no-entry",
            libc_errno::ENOLCK => "no-lock",
            libc_errno::ENOMEM => "insufficient-memory",
            libc_errno::ENOSPC => "insufficient-space",
            libc_errno::ENOTDIR => "not-directory",
            libc_errno::ENOTEMPTY => "not-empty",
            libc_errno::ENOTRECOVERABLE => "not-recoverable",
            libc_errno::ENOTSUP => "unsupported",
            libc_errno::ENOTTY => "no-tty",
            libc_errno::ENXIO => "no-such-device",
            libc_errno::EOVERFLOW => "overflow",
            libc_errno::EPERM => "not-permitted",
            libc_errno::EPIPE => "pipe",
            libc_errno::EROFS => "read-only",
            libc_errno::ESPIPE => "invalid-seek",
            libc_errno::ETXTBSY => "text-file-busy",
            libc_errno::EXDEV => "cross-device",
            _ => "io",
        },
        None => match e.kind() {
            io::ErrorKind::PermissionDenied => "not-permitted",
            io::ErrorKind::NotFound => "no-entry",
            io::ErrorKind::AlreadyExists => "exist",
            io::ErrorKind::InvalidInput => "invalid",
            io::ErrorKind::Unsupported => "unsupported",
            _ => "io",
        },
    };
    code(name)
}

/// Linux errno values (the only target cm32 runs WASI on today).
mod libc_errno {
    pub const EPERM: i32 = 1;
    pub const ENOENT: i32 = 2;
    pub const EINTR: i32 = 4;
    pub const EIO: i32 = 5;
    pub const ENXIO: i32 = 6;
    pub const EBADF: i32 = 9;
    pub const EAGAIN: i32 = 11;
    pub const ENOMEM: i32 = 12;
    pub const EACCES: i32 = 13;
    pub const EBUSY: i32 = 16;
    pub const EEXIST: i32 = 17;
    pub const EXDEV: i32 = 18;
    pub const ENODEV: i32 = 19;
    pub const ENOTDIR: i32 = 20;
    pub const EISDIR: i32 = 21;
    pub const EINVAL: i32 = 22;
    pub const ENOTTY: i32 = 25;
    pub const ETXTBSY: i32 = 26;
    pub const EFBIG: i32 = 27;
    pub const ENOSPC: i32 = 28;
    pub const ESPIPE: i32 = 29;
    pub const EROFS: i32 = 30;
    pub const EMLINK: i32 = 31;
    pub const EPIPE: i32 = 32;
    pub const EDEADLK: i32 = 35;
    pub const ENAMETOOLONG: i32 = 36;
    pub const ENOLCK: i32 = 37;
    pub const ENOTEMPTY: i32 = 39;
    pub const ELOOP: i32 = 40;
    pub const EOVERFLOW: i32 = 75;
    pub const EILSEQ: i32 = 84;
    pub const EMSGSIZE: i32 = 90;
    pub const ENOTSUP: i32 = 95;
    pub const EALREADY: i32 = 114;
    pub const EINPROGRESS: i32 = 115;
    pub const EDQUOT: i32 = 122;
    pub const ENOTRECOVERABLE: i32 = 131;
}

fn descriptor(ctx: &mut WasiCtx, rep: u32) -> Result<Descriptor, Trap> {
    match ctx.table.get(rep) {
        Some(Entry::Descriptor(d)) => Ok(d.clone()),
        _ => Err(Trap::new(TrapClass::Host, format!("rep {rep} is not a live descriptor"))),
    }
}

/// The directory behind `d`, if the host granted `needed` on it.
fn dir_of(d: &Descriptor, needed: DirPerms) -> FsResult<Arc<Dir>> {
    match d {
        Descriptor::Dir { dir, perms, .. } => granted(perms.contains(needed)).map(|()| dir.clone()),
        Descriptor::File { .. } => Err(code("not-directory")),
    }
}

/// The file behind `d`, if the host granted `needed` on it.
fn file_of(d: &Descriptor, needed: FilePerms) -> FsResult<Arc<std::fs::File>> {
    match d {
        Descriptor::File { file, perms, .. } => granted(perms.contains(needed)).map(|()| file.clone()),
        Descriptor::Dir { .. } => Err(code("is-directory")),
    }
}

/// The file behind a stream: the host must grant `needed`, and the descriptor must have been
/// opened for it (a stream cannot ask the file system, so this is checked here).
fn stream_file(d: &Descriptor, needed: FilePerms) -> FsResult<Arc<std::fs::File>> {
    let file = file_of(d, needed)?;
    let opened_for = match d {
        Descriptor::File { read, write, .. } => {
            if needed == FilePerms::READ {
                *read
            } else {
                *write
            }
        }
        Descriptor::Dir { .. } => false,
    };
    granted(opened_for).map(|()| file)
}

/// The directories behind a two-directory operation (rename, link), both of which it changes.
/// Their grants must also agree, or the operation would move a file into looser permissions.
fn dir_pair(from: &Descriptor, to: &Descriptor) -> FsResult<(Arc<Dir>, Arc<Dir>)> {
    let (a, b) = (dir_of(from, DirPerms::MUTATE)?, dir_of(to, DirPerms::MUTATE)?);
    let grants = |d: &Descriptor| match d {
        Descriptor::Dir { perms, file_perms, .. } => Some((*perms, *file_perms)),
        Descriptor::File { .. } => None,
    };
    granted(grants(from) == grants(to)).map(|()| (a, b))
}

fn io<T>(r: io::Result<T>) -> FsResult<T> {
    r.map_err(|e| error_code(&e))
}

fn type_name(ft: cap_std::fs::FileType) -> &'static str {
    use cap_std::fs::FileTypeExt;
    if ft.is_dir() {
        "directory"
    } else if ft.is_file() {
        "regular-file"
    } else if ft.is_symlink() {
        "symbolic-link"
    } else if ft.is_block_device() {
        "block-device"
    } else if ft.is_char_device() {
        "character-device"
    } else if ft.is_fifo() {
        "fifo"
    } else if ft.is_socket() {
        "socket"
    } else {
        "unknown"
    }
}

fn datetime(t: io::Result<std::time::SystemTime>) -> Option<(u64, u32)> {
    let d = t.ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some((d.as_secs(), d.subsec_nanos()))
}

type Stat = (Val, u64, u64, Option<(u64, u32)>, Option<(u64, u32)>, Option<(u64, u32)>);

fn stat_of(m: &Metadata) -> Stat {
    let ctime = m.ctime();
    let changed = (ctime >= 0).then(|| (ctime as u64, m.ctime_nsec() as u32));
    (
        Val::Enum(type_name(m.file_type()).into()),
        m.nlink(),
        m.len(),
        datetime(m.accessed().map(|t| t.into_std())),
        datetime(m.modified().map(|t| t.into_std())),
        changed,
    )
}

/// A `new-timestamp`: no change (`None`), now, or a point in time.
fn time_spec(v: &Val) -> Result<Option<SystemTimeSpec>, Trap> {
    match v {
        Val::Variant(case, _) if case == "no-change" => Ok(None),
        Val::Variant(case, _) if case == "now" => Ok(Some(SystemTimeSpec::SymbolicNow)),
        Val::Variant(case, Some(at)) if case == "timestamp" => {
            let Val::Record(fields) = &**at else { return Err(Trap::new(TrapClass::Host, "not a datetime")) };
            let get = |name: &str| fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
            let (Some(Val::U64(seconds)), Some(Val::U32(nanos))) = (get("seconds"), get("nanoseconds")) else {
                return Err(Trap::new(TrapClass::Host, "not a datetime"));
            };
            let at = std::time::UNIX_EPOCH + std::time::Duration::new(seconds, nanos);
            Ok(Some(SystemTimeSpec::Absolute(cap_std::time::SystemTime::from_std(at))))
        }
        _ => Err(Trap::new(TrapClass::Host, "not a new-timestamp")),
    }
}

fn flag_set(v: &Val, name: &str) -> bool {
    matches!(v, Val::Flags(set) if set.iter().any(|f| f == name))
}

fn new_descriptor(ctx: &mut WasiCtx, k: Kinds, d: Descriptor) -> Result<ResourceAny, Trap> {
    let ty = k.descriptor.ok_or_else(|| Trap::new(TrapClass::Host, "the world has no wasi:filesystem"))?;
    Ok(ResourceAny { ty, rep: ctx.table.insert(Entry::Descriptor(d))? })
}

/// Reads at the stream's offset and moves it on.
pub(crate) fn read_file(file: &std::fs::File, offset: &mut u64, buf: &mut [u8]) -> io::Result<usize> {
    let n = file.read_at(buf, *offset)?;
    *offset += n as u64;
    Ok(n)
}

/// Writes at the stream's offset (moving it on), or at the end for an append stream.
pub(crate) fn write_file(file: &std::fs::File, offset: &mut Option<u64>, bytes: &[u8]) -> io::Result<()> {
    match offset {
        Some(at) => {
            file.write_all_at(bytes, *at)?;
            *at += bytes.len() as u64;
            Ok(())
        }
        None => {
            let end = file.metadata()?.len();
            file.write_all_at(bytes, end)
        }
    }
}

pub(crate) fn add<T: WasiView>(defs: &mut Defs<'_, T>, k: Kinds) -> Result<(), LinkError> {
    defs.func("wasi:filesystem/preopens#get-directories", move |cx, ()| {
        let ctx = cx.data.wasi();
        let preopens: Vec<(Descriptor, String)> = ctx
            .preopens
            .iter()
            .map(|p| {
                let mutate = p.perms.contains(DirPerms::MUTATE);
                let d = Descriptor::Dir { dir: p.dir.clone(), perms: p.perms, file_perms: p.file_perms, mutate };
                (d, p.guest.clone())
            })
            .collect();
        preopens.into_iter().map(|(d, name)| Ok((new_descriptor(ctx, k, d)?, name))).collect::<Result<Vec<_>, Trap>>()
    })?;

    let m = |name: &str| format!("wasi:filesystem/types#[method]descriptor.{name}");

    defs.func(&m("read-via-stream"), move |cx, (d, offset): (ResourceAny, u64)| {
        let ctx = cx.data.wasi();
        let file = match stream_file(&descriptor(ctx, d.rep)?, FilePerms::READ) {
            Ok(f) => f,
            Err(e) => return Ok(Err(e)),
        };
        Ok(Ok(new_input(ctx, k, Source::File { file, offset }, None)?))
    })?;
    defs.func(&m("write-via-stream"), move |cx, (d, offset): (ResourceAny, u64)| {
        let ctx = cx.data.wasi();
        let file = match stream_file(&descriptor(ctx, d.rep)?, FilePerms::WRITE) {
            Ok(f) => f,
            Err(e) => return Ok(Err(e)),
        };
        Ok(Ok(new_output(ctx, k, Target::File { file, offset: Some(offset) }, None)?))
    })?;
    defs.func(&m("append-via-stream"), move |cx, (d,): (ResourceAny,)| {
        let ctx = cx.data.wasi();
        let file = match stream_file(&descriptor(ctx, d.rep)?, FilePerms::WRITE) {
            Ok(f) => f,
            Err(e) => return Ok(Err(e)),
        };
        Ok(Ok(new_output(ctx, k, Target::File { file, offset: None }, None)?))
    })?;
    defs.func(&m("advise"), |cx, (d, _, _, _): (ResourceAny, u64, u64, Val)| {
        descriptor(cx.data.wasi(), d.rep).map(|_| Ok::<(), Val>(()))
    })?;
    for name in ["sync-data", "sync"] {
        defs.func(&m(name), move |cx, (d,): (ResourceAny,)| {
            Ok(match descriptor(cx.data.wasi(), d.rep)? {
                Descriptor::File { file, .. } => io(if name == "sync" { file.sync_all() } else { file.sync_data() }),
                Descriptor::Dir { .. } => Ok(()),
            })
        })?;
    }
    defs.func(&m("get-flags"), |cx, (d,): (ResourceAny,)| {
        let names: Vec<String> = match descriptor(cx.data.wasi(), d.rep)? {
            Descriptor::Dir { perms, mutate, .. } => {
                [(true, "read"), (mutate && perms.contains(DirPerms::MUTATE), "mutate-directory")]
                    .into_iter()
                    .filter(|(on, _)| *on)
                    .map(|(_, n)| n.to_string())
                    .collect()
            }
            Descriptor::File { read, write, .. } => [(read, "read"), (write, "write")]
                .into_iter()
                .filter(|(on, _)| *on)
                .map(|(_, n)| n.to_string())
                .collect(),
        };
        Ok(Ok::<Val, Val>(Val::Flags(names)))
    })?;
    defs.func(&m("get-type"), |cx, (d,): (ResourceAny,)| {
        Ok(Ok::<Val, Val>(code(match descriptor(cx.data.wasi(), d.rep)? {
            Descriptor::Dir { .. } => "directory",
            Descriptor::File { .. } => "regular-file",
        })))
    })?;
    defs.func(&m("set-size"), |cx, (d, size): (ResourceAny, u64)| {
        Ok(file_of(&descriptor(cx.data.wasi(), d.rep)?, FilePerms::WRITE).and_then(|f| io(f.set_len(size))))
    })?;
    defs.func(&m("set-times"), |cx, (d, atime, mtime): (ResourceAny, Val, Val)| {
        let (atime, mtime) = (time_spec(&atime)?, time_spec(&mtime)?);
        Ok(match descriptor(cx.data.wasi(), d.rep)? {
            Descriptor::File { file, perms, .. } => {
                if let Err(e) = granted(perms.contains(FilePerms::WRITE)) {
                    return Ok(Err(e));
                }
                let std_time = |t: Option<SystemTimeSpec>| {
                    t.map(|t| match t {
                        SystemTimeSpec::SymbolicNow => std::time::SystemTime::now(),
                        SystemTimeSpec::Absolute(at) => at.into_std(),
                    })
                };
                let mut times = std::fs::FileTimes::new();
                if let Some(a) = std_time(atime) {
                    times = times.set_accessed(a);
                }
                if let Some(m) = std_time(mtime) {
                    times = times.set_modified(m);
                }
                io(file.set_times(times))
            }
            Descriptor::Dir { dir, perms, .. } => {
                granted(perms.contains(DirPerms::MUTATE)).and_then(|()| io(dir.set_times(".", atime, mtime)))
            }
        })
    })?;
    defs.func(&m("read"), |cx, (d, len, offset): (ResourceAny, u64, u64)| {
        let file = match file_of(&descriptor(cx.data.wasi(), d.rep)?, FilePerms::READ) {
            Ok(f) => f,
            Err(e) => return Ok(Err(e)),
        };
        let mut buf = vec![0; len.min(1 << 24) as usize];
        Ok(io(file.read_at(&mut buf, offset)).map(|n| {
            buf.truncate(n);
            let end = n == 0 && len > 0;
            (buf, end)
        }))
    })?;
    defs.func(&m("write"), |cx, (d, buf, offset): (ResourceAny, Vec<u8>, u64)| {
        Ok(file_of(&descriptor(cx.data.wasi(), d.rep)?, FilePerms::WRITE)
            .and_then(|f| io(f.write_at(&buf, offset)).map(|n| n as u64)))
    })?;
    defs.func(&m("read-directory"), move |cx, (d,): (ResourceAny,)| {
        let ctx = cx.data.wasi();
        let dir = match dir_of(&descriptor(ctx, d.rep)?, DirPerms::READ) {
            Ok(dir) => dir,
            Err(e) => return Ok(Err(e)),
        };
        let entries = match io(dir.entries()) {
            Ok(entries) => entries,
            Err(e) => return Ok(Err(e)),
        };
        let mut list = Vec::new();
        for entry in entries {
            let entry = match io(entry) {
                Ok(entry) => entry,
                Err(e) => return Ok(Err(e)),
            };
            let ty = entry.file_type().map(type_name).unwrap_or("unknown");
            list.push((entry.file_name().to_string_lossy().into_owned(), ty));
        }
        list.sort();
        let ty = k.directory_entry_stream.ok_or_else(|| Trap::new(TrapClass::Host, "no directory-entry-stream"))?;
        Ok(Ok(ResourceAny { ty, rep: ctx.table.insert(Entry::DirectoryStream(list.into_iter()))? }))
    })?;
    defs.func(
        "wasi:filesystem/types#[method]directory-entry-stream.read-directory-entry",
        |cx, (s,): (ResourceAny,)| match cx.data.wasi().table.get(s.rep) {
            Some(Entry::DirectoryStream(it)) => {
                Ok(Ok::<_, Val>(it.next().map(|(name, ty)| (Val::Enum(ty.to_string()), name))))
            }
            _ => Err(Trap::new(TrapClass::Host, format!("rep {} is not a live directory-entry-stream", s.rep))),
        },
    )?;
    defs.func(&m("create-directory-at"), |cx, (d, path): (ResourceAny, String)| {
        Ok(dir_of(&descriptor(cx.data.wasi(), d.rep)?, DirPerms::MUTATE).and_then(|dir| io(dir.create_dir(&path))))
    })?;
    defs.func(&m("stat"), |cx, (d,): (ResourceAny,)| {
        Ok(match descriptor(cx.data.wasi(), d.rep)? {
            Descriptor::Dir { dir, .. } => io(dir.dir_metadata()).map(|m| stat_of(&m)),
            Descriptor::File { file, .. } => io(Metadata::from_file(&file)).map(|m| stat_of(&m)),
        })
    })?;
    defs.func(&m("stat-at"), |cx, (d, flags, path): (ResourceAny, Val, String)| {
        Ok(dir_of(&descriptor(cx.data.wasi(), d.rep)?, DirPerms::READ).and_then(|dir| {
            let meta =
                if flag_set(&flags, "symlink-follow") { dir.metadata(&path) } else { dir.symlink_metadata(&path) };
            io(meta).map(|m| stat_of(&m))
        }))
    })?;
    defs.func(&m("set-times-at"), |cx, (d, flags, path, atime, mtime): (ResourceAny, Val, String, Val, Val)| {
        let (atime, mtime) = (time_spec(&atime)?, time_spec(&mtime)?);
        Ok(dir_of(&descriptor(cx.data.wasi(), d.rep)?, DirPerms::MUTATE).and_then(|dir| {
            io(if flag_set(&flags, "symlink-follow") {
                dir.set_times(&path, atime, mtime)
            } else {
                dir.set_symlink_times(&path, atime, mtime)
            })
        }))
    })?;
    defs.func(&m("link-at"), |cx, (d, _, old, new_d, new): (ResourceAny, Val, String, ResourceAny, String)| {
        let ctx = cx.data.wasi();
        let (from, to) = (descriptor(ctx, d.rep)?, descriptor(ctx, new_d.rep)?);
        Ok(dir_pair(&from, &to).and_then(|(from, to)| io(from.hard_link(&old, &to, &new))))
    })?;
    defs.func(
        &m("open-at"),
        move |cx, (d, _path_flags, path, open_flags, flags): (ResourceAny, Val, String, Val, Val)| {
            let ctx = cx.data.wasi();
            let Descriptor::Dir { dir, perms, file_perms, .. } = descriptor(ctx, d.rep)? else {
                return Ok(Err(code("not-directory")));
            };
            let (read, write) = (flag_set(&flags, "read"), flag_set(&flags, "write"));
            let (create, truncate) = (flag_set(&open_flags, "create"), flag_set(&open_flags, "truncate"));
            let mutate = flag_set(&flags, "mutate-directory");
            // What the host did not grant fails before the file system is touched: listing and
            // opening need read, a new entry or a directory to change needs mutate, and writing
            // or truncating a file needs write.
            let allowed = perms.contains(DirPerms::READ)
                && (!(create || mutate) || perms.contains(DirPerms::MUTATE))
                && (!(write || truncate) || file_perms.contains(FilePerms::WRITE));
            if let Err(e) = granted(allowed) {
                return Ok(Err(e));
            }
            let opened =
                if flag_set(&open_flags, "directory") || (!create && dir.metadata(&path).is_ok_and(|m| m.is_dir())) {
                    if create || truncate || flag_set(&open_flags, "exclusive") {
                        return Ok(Err(code("invalid")));
                    }
                    io(dir.open_dir(&path)).map(|sub| Descriptor::Dir { dir: Arc::new(sub), perms, file_perms, mutate })
                } else {
                    let read = read || !write;
                    let mut options = OpenOptions::new();
                    options.read(read).write(write).truncate(truncate);
                    if create {
                        if flag_set(&open_flags, "exclusive") {
                            options.create_new(true);
                        } else {
                            options.create(true);
                        }
                    }
                    io(dir.open_with(&path, &options)).map(|f| Descriptor::File {
                        file: Arc::new(f.into_std()),
                        perms: file_perms,
                        read,
                        write,
                    })
                };
            Ok(match opened {
                Ok(descriptor) => Ok(new_descriptor(ctx, k, descriptor)?),
                Err(e) => Err(e),
            })
        },
    )?;
    defs.func(&m("readlink-at"), |cx, (d, path): (ResourceAny, String)| {
        Ok(dir_of(&descriptor(cx.data.wasi(), d.rep)?, DirPerms::READ)
            .and_then(|dir| io(dir.read_link(&path)).map(|p| p.to_string_lossy().into_owned())))
    })?;
    defs.func(&m("remove-directory-at"), |cx, (d, path): (ResourceAny, String)| {
        Ok(dir_of(&descriptor(cx.data.wasi(), d.rep)?, DirPerms::MUTATE).and_then(|dir| io(dir.remove_dir(&path))))
    })?;
    defs.func(&m("rename-at"), |cx, (d, old, new_d, new): (ResourceAny, String, ResourceAny, String)| {
        let ctx = cx.data.wasi();
        let (from, to) = (descriptor(ctx, d.rep)?, descriptor(ctx, new_d.rep)?);
        Ok(dir_pair(&from, &to).and_then(|(from, to)| io(from.rename(&old, &to, &new))))
    })?;
    defs.func(&m("symlink-at"), |cx, (d, old, new): (ResourceAny, String, String)| {
        Ok(dir_of(&descriptor(cx.data.wasi(), d.rep)?, DirPerms::MUTATE).and_then(|dir| io(dir.symlink(&old, &new))))
    })?;
    defs.func(&m("unlink-file-at"), |cx, (d, path): (ResourceAny, String)| {
        Ok(dir_of(&descriptor(cx.data.wasi(), d.rep)?, DirPerms::MUTATE).and_then(|dir| io(dir.remove_file(&path))))
    })?;
    defs.func(&m("is-same-object"), |cx, (a, b): (ResourceAny, ResourceAny)| {
        let ctx = cx.data.wasi();
        let (a, b) = (identity(&descriptor(ctx, a.rep)?), identity(&descriptor(ctx, b.rep)?));
        Ok(a.is_some() && a == b)
    })?;
    defs.func(&m("metadata-hash"), |cx, (d,): (ResourceAny,)| {
        let id = identity(&descriptor(cx.data.wasi(), d.rep)?);
        Ok(id.ok_or_else(|| code("io")))
    })?;
    defs.func(&m("metadata-hash-at"), |cx, (d, flags, path): (ResourceAny, Val, String)| {
        Ok(dir_of(&descriptor(cx.data.wasi(), d.rep)?, DirPerms::READ).and_then(|dir| {
            let meta =
                if flag_set(&flags, "symlink-follow") { dir.metadata(&path) } else { dir.symlink_metadata(&path) };
            io(meta).map(|m| (m.dev(), m.ino()))
        }))
    })?;
    // Every stream error keeps the OS error behind it; its errno gives the code.
    defs.func("wasi:filesystem/types#filesystem-error-code", |cx, (e,): (ResourceAny,)| {
        match cx.data.wasi().table.get(e.rep) {
            Some(Entry::Error(error)) => Ok(Some(error_code(&error.os))),
            _ => Err(Trap::new(TrapClass::Host, format!("rep {} is not a live error", e.rep))),
        }
    })?;
    Ok(())
}

/// Device and inode: what makes two descriptors the same object, and their metadata hash.
fn identity(d: &Descriptor) -> Option<(u64, u64)> {
    match d {
        Descriptor::Dir { dir, .. } => dir.dir_metadata().ok().map(|m| (m.dev(), m.ino())),
        Descriptor::File { file, .. } => file.metadata().ok().map(|m| (m.dev(), m.ino())),
    }
}
