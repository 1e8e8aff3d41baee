//! `wasi:filesystem`: preopened directories and the descriptors opened under them. Every path
//! is resolved by cap-std inside its directory, so `..`, absolute paths and symlinks that lead out
//! of a preopen are refused (`not-permitted`). What the host grants a preopen ([`DirPerms`],
//! [`FilePerms`]) passes to everything opened through it, and an operation it does not grant is
//! `not-permitted` before anything reaches the file system.
//!
//! The `Host` traits of `wasi:filesystem/types` and `wasi:filesystem/preopens`.

use std::io;
use std::os::unix::fs::{FileExt, MetadataExt};
use std::sync::Arc;

use cap_fs_ext::{DirExt, SystemTimeSpec};
use cap_std::ambient_authority;
use cap_std::fs::{Dir, Metadata, MetadataExt as _, OpenOptions};
use cm32_host::{Resource, Trap, TrapClass};

use crate::WasiCtx;
use crate::bindings::TrappableError;
use crate::bindings::wasi::filesystem::{preopens, types};
use crate::bindings::wasi::io::{error, streams};
use crate::io::{new_input, new_output};
use crate::table::{Entry, Source, Target};
use types::{
    Advice, DescriptorFlags, DescriptorStat, DescriptorType, DirectoryEntry, ErrorCode, Filesize, MetadataHashValue,
    NewTimestamp, OpenFlags, PathFlags,
};

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

/// A filesystem `error-code` for the guest, or a trap.
pub type FsError = TrappableError<ErrorCode>;

impl From<ErrorCode> for FsError {
    fn from(code: ErrorCode) -> Self {
        TrappableError::Code(code)
    }
}

type FsResult<T> = Result<T, FsError>;

/// `not-permitted` unless the host granted it.
fn granted(yes: bool) -> Result<(), ErrorCode> {
    if yes { Ok(()) } else { Err(ErrorCode::NotPermitted) }
}

/// The WASI error code for an I/O error: by errno where there is one; cap-std's refusal of a path
/// that leaves the directory has none and is `not-permitted`.
fn error_code(e: &io::Error) -> ErrorCode {
    match e.raw_os_error() {
        Some(errno) => match errno {
            libc_errno::EACCES => ErrorCode::Access,
            libc_errno::EAGAIN => ErrorCode::WouldBlock,
            libc_errno::EALREADY => ErrorCode::Already,
            libc_errno::EBADF => ErrorCode::BadDescriptor,
            libc_errno::EBUSY => ErrorCode::Busy,
            libc_errno::EDEADLK => ErrorCode::Deadlock,
            libc_errno::EDQUOT => ErrorCode::Quota,
            libc_errno::EEXIST => ErrorCode::Exist,
            libc_errno::EFBIG => ErrorCode::FileTooLarge,
            libc_errno::EILSEQ => ErrorCode::IllegalByteSequence,
            libc_errno::EINPROGRESS => ErrorCode::InProgress,
            libc_errno::EINTR => ErrorCode::Interrupted,
            libc_errno::EINVAL => ErrorCode::Invalid,
            libc_errno::EIO => ErrorCode::Io,
            libc_errno::EISDIR => ErrorCode::IsDirectory,
            libc_errno::ELOOP => ErrorCode::Loop,
            libc_errno::EMLINK => ErrorCode::TooManyLinks,
            libc_errno::EMSGSIZE => ErrorCode::MessageSize,
            libc_errno::ENAMETOOLONG => ErrorCode::NameTooLong,
            libc_errno::ENODEV => ErrorCode::NoDevice,
            libc_errno::ENOENT => ErrorCode::NoEntry,
            libc_errno::ENOLCK => ErrorCode::NoLock,
            libc_errno::ENOMEM => ErrorCode::InsufficientMemory,
            libc_errno::ENOSPC => ErrorCode::InsufficientSpace,
            libc_errno::ENOTDIR => ErrorCode::NotDirectory,
            libc_errno::ENOTEMPTY => ErrorCode::NotEmpty,
            libc_errno::ENOTRECOVERABLE => ErrorCode::NotRecoverable,
            libc_errno::ENOTSUP => ErrorCode::Unsupported,
            libc_errno::ENOTTY => ErrorCode::NoTty,
            libc_errno::ENXIO => ErrorCode::NoSuchDevice,
            libc_errno::EOVERFLOW => ErrorCode::Overflow,
            libc_errno::EPERM => ErrorCode::NotPermitted,
            libc_errno::EPIPE => ErrorCode::Pipe,
            libc_errno::EROFS => ErrorCode::ReadOnly,
            libc_errno::ESPIPE => ErrorCode::InvalidSeek,
            libc_errno::ETXTBSY => ErrorCode::TextFileBusy,
            libc_errno::EXDEV => ErrorCode::CrossDevice,
            _ => ErrorCode::Io,
        },
        None => match e.kind() {
            io::ErrorKind::PermissionDenied => ErrorCode::NotPermitted,
            io::ErrorKind::NotFound => ErrorCode::NoEntry,
            io::ErrorKind::AlreadyExists => ErrorCode::Exist,
            io::ErrorKind::InvalidInput => ErrorCode::Invalid,
            io::ErrorKind::Unsupported => ErrorCode::Unsupported,
            _ => ErrorCode::Io,
        },
    }
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
fn dir_of(d: &Descriptor, needed: DirPerms) -> Result<Arc<Dir>, ErrorCode> {
    match d {
        Descriptor::Dir { dir, perms, .. } => granted(perms.contains(needed)).map(|()| dir.clone()),
        Descriptor::File { .. } => Err(ErrorCode::NotDirectory),
    }
}

/// The file behind `d`, if the host granted `needed` on it.
fn file_of(d: &Descriptor, needed: FilePerms) -> Result<Arc<std::fs::File>, ErrorCode> {
    match d {
        Descriptor::File { file, perms, .. } => granted(perms.contains(needed)).map(|()| file.clone()),
        Descriptor::Dir { .. } => Err(ErrorCode::IsDirectory),
    }
}

/// The file behind a stream: the host must grant `needed`, and the descriptor must have been
/// opened for it (a stream cannot ask the file system, so this is checked here).
fn stream_file(d: &Descriptor, needed: FilePerms) -> Result<Arc<std::fs::File>, ErrorCode> {
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
fn dir_pair(from: &Descriptor, to: &Descriptor) -> Result<(Arc<Dir>, Arc<Dir>), ErrorCode> {
    let (a, b) = (dir_of(from, DirPerms::MUTATE)?, dir_of(to, DirPerms::MUTATE)?);
    let grants = |d: &Descriptor| match d {
        Descriptor::Dir { perms, file_perms, .. } => Some((*perms, *file_perms)),
        Descriptor::File { .. } => None,
    };
    granted(grants(from) == grants(to)).map(|()| (a, b))
}

fn io<T>(r: io::Result<T>) -> Result<T, ErrorCode> {
    r.map_err(|e| error_code(&e))
}

fn descriptor_type(ft: cap_std::fs::FileType) -> DescriptorType {
    use cap_std::fs::FileTypeExt;
    if ft.is_dir() {
        DescriptorType::Directory
    } else if ft.is_file() {
        DescriptorType::RegularFile
    } else if ft.is_symlink() {
        DescriptorType::SymbolicLink
    } else if ft.is_block_device() {
        DescriptorType::BlockDevice
    } else if ft.is_char_device() {
        DescriptorType::CharacterDevice
    } else if ft.is_fifo() {
        DescriptorType::Fifo
    } else if ft.is_socket() {
        DescriptorType::Socket
    } else {
        DescriptorType::Unknown
    }
}

fn datetime(t: io::Result<std::time::SystemTime>) -> Option<types::Datetime> {
    let d = t.ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some(types::Datetime { seconds: d.as_secs(), nanoseconds: d.subsec_nanos() })
}

fn stat_of(m: &Metadata) -> DescriptorStat {
    let ctime = m.ctime();
    let changed = (ctime >= 0).then(|| types::Datetime { seconds: ctime as u64, nanoseconds: m.ctime_nsec() as u32 });
    DescriptorStat {
        type_: descriptor_type(m.file_type()),
        link_count: m.nlink(),
        size: m.len(),
        data_access_timestamp: datetime(m.accessed().map(|t| t.into_std())),
        data_modification_timestamp: datetime(m.modified().map(|t| t.into_std())),
        status_change_timestamp: changed,
    }
}

/// A `new-timestamp`: no change (`None`), now, or a point in time. A point the host's clock
/// cannot hold (the guest chooses any `u64` of seconds) is `overflow`, as in wasmtime.
fn time_spec(t: NewTimestamp) -> Result<Option<SystemTimeSpec>, ErrorCode> {
    match t {
        NewTimestamp::NoChange => Ok(None),
        NewTimestamp::Now => Ok(Some(SystemTimeSpec::SymbolicNow)),
        NewTimestamp::Timestamp(at) => {
            let since_epoch = std::time::Duration::from_secs(at.seconds)
                .checked_add(std::time::Duration::from_nanos(at.nanoseconds.into()))
                .ok_or(ErrorCode::Overflow)?;
            let at = std::time::UNIX_EPOCH.checked_add(since_epoch).ok_or(ErrorCode::Overflow)?;
            Ok(Some(SystemTimeSpec::Absolute(cap_std::time::SystemTime::from_std(at))))
        }
    }
}

fn new_descriptor(ctx: &mut WasiCtx, d: Descriptor) -> Result<Resource<types::Descriptor>, Trap> {
    Ok(Resource::new_own(ctx.table.insert(Entry::Descriptor(d))?))
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

/// Device and inode: what makes two descriptors the same object, and their metadata hash.
fn identity(d: &Descriptor) -> Option<(u64, u64)> {
    match d {
        Descriptor::Dir { dir, .. } => dir.dir_metadata().ok().map(|m| (m.dev(), m.ino())),
        Descriptor::File { file, .. } => file.metadata().ok().map(|m| (m.dev(), m.ino())),
    }
}

/// The metadata of `path` under `dir`, following a final symlink if `flags` say so.
fn metadata_at(dir: &Dir, flags: PathFlags, path: &str) -> io::Result<Metadata> {
    if flags.contains(PathFlags::SYMLINK_FOLLOW) { dir.metadata(path) } else { dir.symlink_metadata(path) }
}

impl preopens::Host for WasiCtx {
    fn get_directories(&mut self) -> cm32_host::Result<Vec<(Resource<types::Descriptor>, String)>> {
        let preopens: Vec<(Descriptor, String)> = self
            .preopens
            .iter()
            .map(|p| {
                let mutate = p.perms.contains(DirPerms::MUTATE);
                let d = Descriptor::Dir { dir: p.dir.clone(), perms: p.perms, file_perms: p.file_perms, mutate };
                (d, p.guest.clone())
            })
            .collect();
        preopens.into_iter().map(|(d, name)| Ok((new_descriptor(self, d)?, name))).collect()
    }
}

impl types::Host for WasiCtx {
    fn convert_error_code(&mut self, err: FsError) -> cm32_host::Result<ErrorCode> {
        err.into_code()
    }

    /// Every stream error keeps the OS error behind it; its errno gives the code.
    fn filesystem_error_code(&mut self, e: Resource<error::Error>) -> cm32_host::Result<Option<ErrorCode>> {
        match self.table.get(e.rep()) {
            Some(Entry::Error(error)) => Ok(Some(error_code(&error.os))),
            _ => Err(Trap::new(TrapClass::Host, format!("rep {} is not a live error", e.rep()))),
        }
    }
}

impl types::HostDescriptor for WasiCtx {
    fn read_via_stream(
        &mut self,
        d: Resource<types::Descriptor>,
        offset: Filesize,
    ) -> FsResult<Resource<streams::InputStream>> {
        let file = stream_file(&descriptor(self, d.rep())?, FilePerms::READ)?;
        Ok(new_input(self, Source::File { file, offset }, None)?)
    }

    fn write_via_stream(
        &mut self,
        d: Resource<types::Descriptor>,
        offset: Filesize,
    ) -> FsResult<Resource<streams::OutputStream>> {
        let file = stream_file(&descriptor(self, d.rep())?, FilePerms::WRITE)?;
        Ok(new_output(self, Target::File { file, offset: Some(offset) }, None)?)
    }

    fn append_via_stream(&mut self, d: Resource<types::Descriptor>) -> FsResult<Resource<streams::OutputStream>> {
        let file = stream_file(&descriptor(self, d.rep())?, FilePerms::WRITE)?;
        Ok(new_output(self, Target::File { file, offset: None }, None)?)
    }

    fn advise(
        &mut self,
        d: Resource<types::Descriptor>,
        _offset: Filesize,
        _len: Filesize,
        _advice: Advice,
    ) -> FsResult<()> {
        descriptor(self, d.rep())?;
        Ok(())
    }

    fn sync_data(&mut self, d: Resource<types::Descriptor>) -> FsResult<()> {
        match descriptor(self, d.rep())? {
            Descriptor::File { file, .. } => Ok(io(file.sync_data())?),
            Descriptor::Dir { .. } => Ok(()),
        }
    }

    fn sync(&mut self, d: Resource<types::Descriptor>) -> FsResult<()> {
        match descriptor(self, d.rep())? {
            Descriptor::File { file, .. } => Ok(io(file.sync_all())?),
            Descriptor::Dir { .. } => Ok(()),
        }
    }

    fn get_flags(&mut self, d: Resource<types::Descriptor>) -> FsResult<DescriptorFlags> {
        let set = |on: bool, flag: DescriptorFlags| if on { flag } else { DescriptorFlags::empty() };
        Ok(match descriptor(self, d.rep())? {
            Descriptor::Dir { perms, mutate, .. } => {
                DescriptorFlags::READ
                    | set(mutate && perms.contains(DirPerms::MUTATE), DescriptorFlags::MUTATE_DIRECTORY)
            }
            Descriptor::File { read, write, .. } => {
                set(read, DescriptorFlags::READ) | set(write, DescriptorFlags::WRITE)
            }
        })
    }

    fn get_type(&mut self, d: Resource<types::Descriptor>) -> FsResult<DescriptorType> {
        Ok(match descriptor(self, d.rep())? {
            Descriptor::Dir { .. } => DescriptorType::Directory,
            Descriptor::File { .. } => DescriptorType::RegularFile,
        })
    }

    fn set_size(&mut self, d: Resource<types::Descriptor>, size: Filesize) -> FsResult<()> {
        let file = file_of(&descriptor(self, d.rep())?, FilePerms::WRITE)?;
        Ok(io(file.set_len(size))?)
    }

    fn set_times(&mut self, d: Resource<types::Descriptor>, atime: NewTimestamp, mtime: NewTimestamp) -> FsResult<()> {
        let (atime, mtime) = (time_spec(atime)?, time_spec(mtime)?);
        match descriptor(self, d.rep())? {
            Descriptor::File { file, perms, .. } => {
                granted(perms.contains(FilePerms::WRITE))?;
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
                Ok(io(file.set_times(times))?)
            }
            Descriptor::Dir { dir, perms, .. } => {
                granted(perms.contains(DirPerms::MUTATE))?;
                Ok(io(dir.set_times(".", atime, mtime))?)
            }
        }
    }

    fn read(&mut self, d: Resource<types::Descriptor>, len: Filesize, offset: Filesize) -> FsResult<(Vec<u8>, bool)> {
        let file = file_of(&descriptor(self, d.rep())?, FilePerms::READ)?;
        let mut buf = vec![0; len.min(1 << 24) as usize];
        let n = io(file.read_at(&mut buf, offset))?;
        buf.truncate(n);
        let end = n == 0 && len > 0;
        Ok((buf, end))
    }

    fn write(&mut self, d: Resource<types::Descriptor>, buffer: Vec<u8>, offset: Filesize) -> FsResult<Filesize> {
        let file = file_of(&descriptor(self, d.rep())?, FilePerms::WRITE)?;
        Ok(io(file.write_at(&buffer, offset)).map(|n| n as u64)?)
    }

    fn read_directory(&mut self, d: Resource<types::Descriptor>) -> FsResult<Resource<types::DirectoryEntryStream>> {
        let dir = dir_of(&descriptor(self, d.rep())?, DirPerms::READ)?;
        let mut list = Vec::new();
        for entry in io(dir.entries())? {
            let entry = io(entry)?;
            let ty = entry.file_type().map(descriptor_type).unwrap_or(DescriptorType::Unknown);
            list.push((entry.file_name().to_string_lossy().into_owned(), ty));
        }
        list.sort();
        Ok(Resource::new_own(self.table.insert(Entry::DirectoryStream(list.into_iter()))?))
    }

    fn create_directory_at(&mut self, d: Resource<types::Descriptor>, path: String) -> FsResult<()> {
        let dir = dir_of(&descriptor(self, d.rep())?, DirPerms::MUTATE)?;
        Ok(io(dir.create_dir(&path))?)
    }

    fn stat(&mut self, d: Resource<types::Descriptor>) -> FsResult<DescriptorStat> {
        let meta = match descriptor(self, d.rep())? {
            Descriptor::Dir { dir, .. } => io(dir.dir_metadata())?,
            Descriptor::File { file, .. } => io(Metadata::from_file(&file))?,
        };
        Ok(stat_of(&meta))
    }

    fn stat_at(&mut self, d: Resource<types::Descriptor>, flags: PathFlags, path: String) -> FsResult<DescriptorStat> {
        let dir = dir_of(&descriptor(self, d.rep())?, DirPerms::READ)?;
        Ok(stat_of(&io(metadata_at(&dir, flags, &path))?))
    }

    fn set_times_at(
        &mut self,
        d: Resource<types::Descriptor>,
        flags: PathFlags,
        path: String,
        atime: NewTimestamp,
        mtime: NewTimestamp,
    ) -> FsResult<()> {
        let (atime, mtime) = (time_spec(atime)?, time_spec(mtime)?);
        let dir = dir_of(&descriptor(self, d.rep())?, DirPerms::MUTATE)?;
        Ok(io(if flags.contains(PathFlags::SYMLINK_FOLLOW) {
            dir.set_times(&path, atime, mtime)
        } else {
            dir.set_symlink_times(&path, atime, mtime)
        })?)
    }

    fn link_at(
        &mut self,
        d: Resource<types::Descriptor>,
        _old_flags: PathFlags,
        old_path: String,
        new_d: Resource<types::Descriptor>,
        new_path: String,
    ) -> FsResult<()> {
        let (from, to) = (descriptor(self, d.rep())?, descriptor(self, new_d.rep())?);
        let (from, to) = dir_pair(&from, &to)?;
        Ok(io(from.hard_link(&old_path, &to, &new_path))?)
    }

    fn open_at(
        &mut self,
        d: Resource<types::Descriptor>,
        _path_flags: PathFlags,
        path: String,
        open_flags: OpenFlags,
        flags: DescriptorFlags,
    ) -> FsResult<Resource<types::Descriptor>> {
        let Descriptor::Dir { dir, perms, file_perms, .. } = descriptor(self, d.rep())? else {
            return Err(ErrorCode::NotDirectory.into());
        };
        let (read, write) = (flags.contains(DescriptorFlags::READ), flags.contains(DescriptorFlags::WRITE));
        let (create, truncate) = (open_flags.contains(OpenFlags::CREATE), open_flags.contains(OpenFlags::TRUNCATE));
        let exclusive = open_flags.contains(OpenFlags::EXCLUSIVE);
        let mutate = flags.contains(DescriptorFlags::MUTATE_DIRECTORY);
        // What the host did not grant fails before the file system is touched: listing and
        // opening need read, a new entry or a directory to change needs mutate, and writing
        // or truncating a file needs write.
        let allowed = perms.contains(DirPerms::READ)
            && (!(create || mutate) || perms.contains(DirPerms::MUTATE))
            && (!(write || truncate) || file_perms.contains(FilePerms::WRITE));
        granted(allowed)?;
        let is_dir =
            open_flags.contains(OpenFlags::DIRECTORY) || (!create && dir.metadata(&path).is_ok_and(|m| m.is_dir()));
        let opened = if is_dir {
            if create || truncate || exclusive {
                return Err(ErrorCode::Invalid.into());
            }
            let sub = io(dir.open_dir(&path))?;
            Descriptor::Dir { dir: Arc::new(sub), perms, file_perms, mutate }
        } else {
            let read = read || !write;
            let mut options = OpenOptions::new();
            options.read(read).write(write).truncate(truncate);
            if create {
                if exclusive {
                    options.create_new(true);
                } else {
                    options.create(true);
                }
            }
            let file = io(dir.open_with(&path, &options))?;
            Descriptor::File { file: Arc::new(file.into_std()), perms: file_perms, read, write }
        };
        Ok(new_descriptor(self, opened)?)
    }

    fn readlink_at(&mut self, d: Resource<types::Descriptor>, path: String) -> FsResult<String> {
        let dir = dir_of(&descriptor(self, d.rep())?, DirPerms::READ)?;
        Ok(io(dir.read_link(&path)).map(|p| p.to_string_lossy().into_owned())?)
    }

    fn remove_directory_at(&mut self, d: Resource<types::Descriptor>, path: String) -> FsResult<()> {
        let dir = dir_of(&descriptor(self, d.rep())?, DirPerms::MUTATE)?;
        Ok(io(dir.remove_dir(&path))?)
    }

    fn rename_at(
        &mut self,
        d: Resource<types::Descriptor>,
        old_path: String,
        new_d: Resource<types::Descriptor>,
        new_path: String,
    ) -> FsResult<()> {
        let (from, to) = (descriptor(self, d.rep())?, descriptor(self, new_d.rep())?);
        let (from, to) = dir_pair(&from, &to)?;
        Ok(io(from.rename(&old_path, &to, &new_path))?)
    }

    fn symlink_at(&mut self, d: Resource<types::Descriptor>, old_path: String, new_path: String) -> FsResult<()> {
        let dir = dir_of(&descriptor(self, d.rep())?, DirPerms::MUTATE)?;
        Ok(io(dir.symlink(&old_path, &new_path))?)
    }

    fn unlink_file_at(&mut self, d: Resource<types::Descriptor>, path: String) -> FsResult<()> {
        let dir = dir_of(&descriptor(self, d.rep())?, DirPerms::MUTATE)?;
        Ok(io(dir.remove_file(&path))?)
    }

    fn is_same_object(
        &mut self,
        a: Resource<types::Descriptor>,
        b: Resource<types::Descriptor>,
    ) -> cm32_host::Result<bool> {
        let (a, b) = (identity(&descriptor(self, a.rep())?), identity(&descriptor(self, b.rep())?));
        Ok(a.is_some() && a == b)
    }

    fn metadata_hash(&mut self, d: Resource<types::Descriptor>) -> FsResult<MetadataHashValue> {
        let (lower, upper) = identity(&descriptor(self, d.rep())?).ok_or(ErrorCode::Io)?;
        Ok(MetadataHashValue { lower, upper })
    }

    fn metadata_hash_at(
        &mut self,
        d: Resource<types::Descriptor>,
        flags: PathFlags,
        path: String,
    ) -> FsResult<MetadataHashValue> {
        let dir = dir_of(&descriptor(self, d.rep())?, DirPerms::READ)?;
        let meta = io(metadata_at(&dir, flags, &path))?;
        Ok(MetadataHashValue { lower: meta.dev(), upper: meta.ino() })
    }

    fn drop(&mut self, d: Resource<types::Descriptor>) -> cm32_host::Result<()> {
        self.table.remove(d.rep()).map(drop)
    }
}

impl types::HostDirectoryEntryStream for WasiCtx {
    fn read_directory_entry(&mut self, s: Resource<types::DirectoryEntryStream>) -> FsResult<Option<DirectoryEntry>> {
        match self.table.get(s.rep()) {
            Some(Entry::DirectoryStream(it)) => Ok(it.next().map(|(name, type_)| DirectoryEntry { type_, name })),
            _ => {
                Err(Trap::new(TrapClass::Host, format!("rep {} is not a live directory-entry-stream", s.rep())).into())
            }
        }
    }

    fn drop(&mut self, s: Resource<types::DirectoryEntryStream>) -> cm32_host::Result<()> {
        self.table.remove(s.rep()).map(drop)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The guest picks any `u64` of seconds and `u32` of nanoseconds; what the host's clock
    /// cannot hold is `overflow`, never a panic.
    #[test]
    fn timestamps_past_the_hosts_clock_overflow() {
        let at = |seconds, nanoseconds| time_spec(NewTimestamp::Timestamp(types::Datetime { seconds, nanoseconds }));
        assert_eq!(at(u64::MAX, 999_999_999).err(), Some(ErrorCode::Overflow));
        assert_eq!(at(u64::MAX, u32::MAX).err(), Some(ErrorCode::Overflow));
        assert_eq!(at(1 << 63, 0).err(), Some(ErrorCode::Overflow));
        let Ok(Some(SystemTimeSpec::Absolute(t))) = at(1_700_000_000, 2_500_000_000) else { panic!("a valid time") };
        let since = t.into_std().duration_since(std::time::UNIX_EPOCH).unwrap();
        assert_eq!((since.as_secs(), since.subsec_nanos()), (1_700_000_002, 500_000_000));
        assert!(matches!(time_spec(NewTimestamp::NoChange), Ok(None)));
    }
}
