//! `cm32 run` on real programs: the committed guests (built from `guests/*/src` by
//! `scripts/build-guests.sh`), each as a component and as a legacy core module, and hand-written
//! WAT for what no compiler emits. Exact stdout, stderr and exit status.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cm32"))
        .arg("run")
        .args(args)
        .current_dir(root())
        .env_remove("CM32_TEST_VAR")
        // `--engine wasmtime` keeps compiled code in a cache of the tests' own, not the user's,
        // in the build's directory for tests (which `cargo clean` removes).
        .env("CM32_CACHE_DIR", Path::new(env!("CARGO_TARGET_TMPDIR")).join("run-code-cache"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cm32 runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Both builds of a guest program.
const PROBES: [&str; 2] = ["guests/cli-probe.wasm", "guests/cli-probe.core.wasm"];

#[test]
fn hello_runs_as_component_and_core_module() {
    for file in ["guests/hello.wasm", "guests/hello.core.wasm"] {
        let out = run(&[file, "cm32"], b"");
        assert_eq!(text(&out.stdout), "Hello, cm32! (from a wasm32-wasip2 program, run by cm32 on wasmi)\n", "{file}");
        assert_eq!(text(&out.stderr), "", "{file}");
        assert_eq!(out.status.code(), Some(0), "{file}");
    }
}

#[test]
fn arguments_reach_the_program_with_argv0_as_given() {
    for file in PROBES {
        let out = run(&[file, "args", "two words", "--flag"], b"");
        assert_eq!(text(&out.stdout), format!("0: {file}\n1: args\n2: two words\n3: --flag\n"));
        assert_eq!(out.status.code(), Some(0));
    }
}

#[test]
fn environment_is_what_the_flags_say() {
    // SAFETY of the test: the child process reads its own environment; this one is unchanged.
    for file in PROBES {
        let out = Command::new(env!("CARGO_BIN_EXE_cm32"))
            .args(["run", "--env", "B=two", "--env", "CM32_TEST_VAR", "--env", "A=1=one", file, "env"])
            .current_dir(root())
            .env("CM32_TEST_VAR", "inherited")
            .output()
            .unwrap();
        assert_eq!(text(&out.stdout), "A=1=one\nB=two\nCM32_TEST_VAR=inherited\n", "{}", text(&out.stderr));
        assert_eq!(out.status.code(), Some(0));
    }
    let out = run(&["--env", "CM32_TEST_VAR", PROBES[0], "env"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("the host has no variable `CM32_TEST_VAR`"), "{}", text(&out.stderr));
}

#[test]
fn stdin_to_eof_stdout_and_stderr() {
    for file in PROBES {
        let out = run(&[file, "cat"], b"hello\nwasi\n");
        assert_eq!(text(&out.stdout), "HELLO\nWASI\n");
        assert_eq!(text(&out.stderr), "read 11 bytes\n");
        assert_eq!(out.status.code(), Some(0));
    }
}

#[test]
fn output_larger_than_one_write_budget_arrives_whole() {
    let line = "0123456789abcdef".repeat(64) + "\n";
    for file in PROBES {
        let out = run(&[file, "big"], b"");
        assert_eq!(text(&out.stdout), line.repeat(40));
        assert_eq!(out.status.code(), Some(0));
    }
}

#[test]
fn clocks_sleep_and_random_seeds() {
    for file in PROBES {
        let out = run(&[file, "clocks"], b"");
        assert_eq!(text(&out.stdout), "slept at least 20ms: true\nwall clock after 2020: true\n");
        let out = run(&[file, "random"], b"");
        assert_eq!(text(&out.stdout), "hash seeds differ: true\n");
    }
}

#[test]
fn exit_status_follows_the_program() {
    for file in PROBES {
        assert_eq!(run(&[file, "exit", "0"], b"").status.code(), Some(0));
        // wasi:cli/exit@0.2.0 has only ok and err: any failure is status 1.
        assert_eq!(run(&[file, "exit", "7"], b"").status.code(), Some(1));
        let out = run(&[file, "fail"], b"");
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(text(&out.stderr), "failing on purpose\n");
        let out = run(&[file, "bogus"], b"");
        assert_eq!(out.status.code(), Some(1));
    }
}

#[test]
fn a_trap_reports_its_class_and_function() {
    for file in PROBES {
        let out = run(&[file, "trap"], b"");
        assert_eq!(out.status.code(), Some(134));
        let err = text(&out.stderr);
        assert!(err.contains("index out of bounds"), "{err}");
        assert!(
            err.contains("error: the program trapped: trap[guest]: wasm `unreachable` instruction executed (in wasi:cli/run@0.2.12#run)"),
            "{err}"
        );
    }
}

#[test]
fn a_cm32p2_module_runs() {
    let out = run(&["guests/wat/hello-cm32p2.wat"], b"");
    assert_eq!(text(&out.stdout), "hello from cm32p2\n");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

/// Hand-written modules that break a rule, and the trap each must give.
#[test]
fn misbehaving_modules_trap_with_their_class() {
    let cases = [
        ("start-needs-memory", "trap[start-needs-memory]", "wasi:cli/environment@0.2.12#get-arguments"),
        (
            "realloc-out-of-bounds",
            "trap[bounds]: realloc's result at 0x20000",
            "wasi:cli/environment@0.2.12#get-arguments",
        ),
        (
            "realloc-misaligned",
            "trap[alignment]: realloc's result at 0x403",
            "wasi:cli/environment@0.2.12#get-arguments",
        ),
        (
            "double-drop",
            "trap[handle]: handle 1 is not a live handle",
            "wasi:io/streams@0.2.12#[resource-drop]output-stream",
        ),
        (
            "handle-zero",
            "trap[handle]: handle 0 is not a live handle",
            "wasi:io/streams@0.2.12#[resource-drop]output-stream",
        ),
        (
            "wrong-handle-type",
            "trap[handle]: handle 1 is of another resource type",
            "wasi:io/streams@0.2.12#[resource-drop]input-stream",
        ),
    ];
    for (name, trap, func) in cases {
        let out = run(&[&format!("guests/wat/{name}.wat")], b"");
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(134), "{name}: {err}");
        assert!(err.contains(trap), "{name}: {err}");
        assert!(err.contains(&format!("(in {func})")), "{name}: {err}");
    }
}

#[test]
fn exit_with_code_sets_the_status() {
    let out = run(&["guests/wat/exit-with-code.wat"], b"");
    assert_eq!(out.status.code(), Some(7), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn writing_past_the_check_write_budget_traps() {
    let out = run(&["guests/wat/write-over-budget.wat"], b"");
    assert_eq!(out.stdout.len(), 4096, "the permitted 4096 bytes arrive");
    assert_eq!(out.status.code(), Some(134));
    assert!(
        text(&out.stderr).contains(
            "trap[host]: write of 1 bytes exceeds the 0 bytes check-write permitted (in wasi:io/streams@0.2.12#[method]output-stream.write)"
        ),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn unprovided_imports_fail_before_anything_runs() {
    let out = run(&["guests/wat/needs-http.wat"], b"");
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("error[unknown-import]: import \"wasi:http/outgoing-handler@0.2.0\" \"handle\""), "{err}");
    assert!(err.contains("cm32 provides:"), "{err}");
    assert!(err.contains("wasi:cli/stdout@0.2.12 (get-stdout)"), "{err}");
    assert!(err.contains("wasi:sockets/tcp@0.2.12 ("), "{err}");
    assert!(text(&out.stdout).is_empty());
}

#[test]
fn unrunnable_inputs_say_why() {
    let dir = std::env::temp_dir().join(format!("cm32-run-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let garbage = dir.join("garbage.wasm");
    std::fs::write(&garbage, b"\0asm\x01\0\0\0\x05").unwrap();
    let out = run(&[garbage.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("not a valid core WebAssembly module"), "{}", text(&out.stderr));

    // A component cut short (a download that stopped, say).
    let cut = dir.join("cut.wasm");
    std::fs::write(&cut, &std::fs::read(root().join("guests/hello.wasm")).unwrap()[..20_000]).unwrap();
    let out = run(&[cut.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("not a valid component: unexpected end-of-file")
            && text(&out.stderr).contains("(is the file cut short?)"),
        "{}",
        text(&out.stderr)
    );

    let no_run = dir.join("no-run.wat");
    std::fs::write(&no_run, "(module)").unwrap();
    let out = run(&[no_run.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("is not a wasi:cli/command program"), "{}", text(&out.stderr));

    let out = run(&["/nonexistent/program.wasm"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("/nonexistent/program.wasm"), "{}", text(&out.stderr));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A fresh host directory for one test, with a file beside it that the guest must not reach.
fn sandbox(name: &str) -> std::path::PathBuf {
    let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("fs-{name}"));
    let _ = std::fs::remove_dir_all(&base);
    std::fs::create_dir_all(base.join("box")).unwrap();
    std::fs::write(base.join("outside.txt"), "secret").unwrap();
    base
}

#[test]
fn files_inside_a_preopen() {
    for (i, file) in PROBES.iter().enumerate() {
        let base = sandbox(&format!("files{i}"));
        let dir = format!("{}::/data", base.join("box").display());
        let out = run(&["--dir", &dir, file, "files", "/data"], b"");
        assert_eq!(
            text(&out.stdout),
            "read: hello, world\n\
             renamed: a.txt exists false, b.txt exists true\n\
             listing: b.txt link sub\n\
             b.txt: 12 bytes, file true, dir false\n\
             sub is dir: true\n\
             through link: hello, world\n\
             link target: b.txt\n\
             left: 0\n",
            "{file}: {}",
            text(&out.stderr)
        );
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(std::fs::read_dir(base.join("box")).unwrap().count(), 0, "the guest cleaned up");
        std::fs::remove_dir_all(&base).unwrap();
    }
}

#[test]
fn escapes_from_a_preopen_are_denied() {
    for (i, file) in PROBES.iter().enumerate() {
        let base = sandbox(&format!("escape{i}"));
        let dir = format!("{}::/data", base.join("box").display());
        let out = run(&["--dir", &dir, file, "escape", "/data"], b"");
        // `..` and a symlink out are not-permitted (EPERM, which Rust calls PermissionDenied); an
        // absolute path outside every preopen resolves to nothing.
        assert_eq!(
            text(&out.stdout),
            "dotdot: PermissionDenied\nabsolute: NotFound\nsymlink out: PermissionDenied\n",
            "{file}: {}",
            text(&out.stderr)
        );
        assert_eq!(std::fs::read_to_string(base.join("outside.txt")).unwrap(), "secret");
        std::fs::remove_dir_all(&base).unwrap();
    }
}

#[test]
fn a_missing_dir_is_an_input_error() {
    let out = run(&["--dir", "/nonexistent/dir::/data", "guests/hello.wasm"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--dir /nonexistent/dir::/data: cannot open the host directory"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn tcp_echo_server_and_client_on_loopback() {
    for file in PROBES {
        let out = run(&[file, "tcp-echo"], b"");
        assert_eq!(
            text(&out.stdout),
            "accepted from loopback: true\nechoed: PING OVER TCP\nserver saw the close: true\n",
            "{file}: {}",
            text(&out.stderr)
        );
        assert_eq!(out.status.code(), Some(0));
    }
}

#[test]
fn udp_datagrams_on_loopback() {
    for file in PROBES {
        let out = run(&[file, "udp-echo"], b"");
        assert_eq!(
            text(&out.stdout),
            "b got \"ping over udp\" from a: true\na got \"PING OVER UDP\"\n",
            "{file}: {}",
            text(&out.stderr)
        );
        assert_eq!(out.status.code(), Some(0));
    }
}

#[test]
fn name_lookup_of_localhost() {
    let out = run(&[PROBES[0], "lookup", "localhost"], b"");
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("localhost: ") && stdout.contains("127.0.0.1"), "{stdout}");
}

#[test]
fn outbound_connections_are_denied_by_default() {
    // 192.0.2.0/24 is TEST-NET-1: never reachable, and never tried, since cm32 refuses first.
    for file in PROBES {
        let out = run(&[file, "connect", "192.0.2.1:80"], b"");
        assert_eq!(text(&out.stdout), "connect to 192.0.2.1:80: PermissionDenied\n", "{file}: {}", text(&out.stderr));
    }
}

#[test]
fn set_times_reaches_the_file() {
    for (i, file) in PROBES.iter().enumerate() {
        let base = sandbox(&format!("times{i}"));
        let dir = format!("{}::/data", base.join("box").display());
        let out = run(&["--dir", &dir, file, "times", "/data"], b"");
        assert_eq!(text(&out.stdout), "modified: 1000000000\n", "{file}: {}", text(&out.stderr));
        std::fs::remove_dir_all(&base).unwrap();
    }
}

/// The same programs on wasmtime's core API give the same output and status.
#[test]
fn programs_run_the_same_on_wasmtime() {
    for file in PROBES {
        let out = run(&["--engine", "wasmtime", file, "args", "x"], b"");
        assert_eq!(text(&out.stdout), format!("0: {file}\n1: args\n2: x\n"), "{}", text(&out.stderr));
        let out = run(&["--engine", "wasmtime", file, "cat"], b"abc");
        assert_eq!(text(&out.stdout), "ABC");
        assert_eq!(text(&out.stderr), "read 3 bytes\n");
        let out = run(&["--engine", "wasmtime", file, "tcp-echo"], b"");
        assert_eq!(
            text(&out.stdout),
            "accepted from loopback: true\nechoed: PING OVER TCP\nserver saw the close: true\n"
        );
        let out = run(&["--engine", "wasmtime", file, "fail"], b"");
        assert_eq!(out.status.code(), Some(1));
        let out = run(&["--engine", "wasmtime", file, "trap"], b"");
        assert_eq!(out.status.code(), Some(134));
        let err = text(&out.stderr);
        assert!(err.contains("error: the program trapped: trap[guest]:"), "{err}");
        assert!(err.contains("(in wasi:cli/run@0.2.12#run)"), "{err}");
    }
    let out = run(&["--engine", "wasmtime", "guests/wat/double-drop.wat"], b"");
    assert_eq!(out.status.code(), Some(134));
    assert!(text(&out.stderr).contains("trap[handle]: handle 1 is not a live handle"), "{}", text(&out.stderr));
}

/// The probe of WASI's letter (`guests/wasi-probe/`); `crates/cm32-wasi/tests/wit_letter.rs`
/// runs all of it in-process, and these tests check that each `cm32 run` switch reaches it.
const WASI_PROBE: &str = "guests/wasi-probe.wasm";

/// The names in a directory, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    names
}

#[test]
fn dir_with_ro_is_read_only() {
    let base = sandbox("readonly");
    let (ro, rw) = (base.join("box"), base.join("rw"));
    std::fs::create_dir_all(ro.join("sub")).unwrap();
    std::fs::create_dir_all(&rw).unwrap();
    std::fs::write(ro.join("f.txt"), "hello").unwrap();
    let (ro_arg, rw_arg) = (format!("{}::ro::ro", ro.display()), format!("{}::rw", rw.display()));
    let out = run(&["--dir", &ro_arg, "--dir", &rw_arg, WASI_PROBE, "readonly", "ro", "rw"], b"");
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // Every attempt to change the read-only directory, or to move or link out of it, is refused;
    // reading it works.
    assert_eq!(stdout.lines().filter(|l| l.ends_with(": not-permitted")).count(), 19, "{stdout}");
    for line in ["read f.txt: ok \"hello\"", "get-flags RO: ok read", "get-flags RW: ok read|mutate-directory"] {
        assert!(stdout.lines().any(|l| l == line), "{line} in {stdout}");
    }
    assert_eq!((names(&ro), names(&ro.join("sub")), names(&rw)), (vec!["f.txt".into(), "sub".into()], vec![], vec![]));
    assert_eq!(std::fs::read_to_string(ro.join("f.txt")).unwrap(), "hello", "nothing changed");
    std::fs::remove_dir_all(&base).unwrap();
}

#[test]
fn dir_options_other_than_ro_are_refused() {
    let out = run(&["--dir", "guests::/g::rw", WASI_PROBE, "initial-cwd"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains(
            "--dir guests::/g::rw: unknown option `rw` after the second `::`; the one option is `ro` (read-only), \
             as in --dir guests::/g::ro"
        ),
        "{}",
        text(&out.stderr)
    );
    assert!(text(&out.stdout).is_empty());
}

#[test]
fn cwd_sets_initial_cwd() {
    let out = run(&["--cwd", "/data", WASI_PROBE, "initial-cwd"], b"");
    assert_eq!(text(&out.stdout), "initial-cwd: /data\n", "{}", text(&out.stderr));
    let out = run(&[WASI_PROBE, "initial-cwd"], b"");
    assert_eq!(text(&out.stdout), "initial-cwd: none\n");
}

/// Only names that need no network resolve by default; no lookup here reaches a resolver.
#[test]
fn name_lookup_is_local_by_default() {
    let out = run(&[WASI_PROBE, "net-allowed"], b"");
    assert_eq!(
        text(&out.stdout),
        "create-tcp-socket(ipv4): ok\ncreate-udp-socket(ipv4): ok\nresolve localhost: ok 127.0.0.1 ::1\n\
         resolve 127.0.0.1: ok 127.0.0.1\nresolve ::1: ok ::1\nresolve example.com: access-denied\n\
         resolve \"\": invalid-argument\nresolve not a name: invalid-argument\nresolve [::1]: ok ::1\n",
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn networking_switches_turn_it_off() {
    let expected = "create-tcp-socket(ipv4): access-denied\ncreate-udp-socket(ipv4): access-denied\n\
                    resolve localhost: access-denied\nresolve 127.0.0.1: access-denied\nresolve ::1: access-denied\n\
                    resolve example.com: access-denied\nresolve \"\": access-denied\n\
                    resolve not a name: access-denied\nresolve [::1]: access-denied\n";
    for engine in ["wasmi", "wasmtime"] {
        let args = ["--engine", engine, "--no-tcp", "--no-udp", "--no-ip-name-lookup", WASI_PROBE, "net-allowed"];
        let out = run(&args, b"");
        assert_eq!(text(&out.stdout), expected, "{engine}: {}", text(&out.stderr));
        assert_eq!(out.status.code(), Some(0));
    }
    let out = run(&["--allow-ip-name-lookup", "--no-ip-name-lookup", WASI_PROBE, "net-allowed"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot be used with"), "{}", text(&out.stderr));
}

#[test]
fn max_resources_limits_live_resources() {
    let out = run(&["--max-resources", "50", WASI_PROBE, "resources", "100"], b"");
    assert_eq!(out.status.code(), Some(134));
    assert_eq!(
        text(&out.stderr),
        "error: the program trapped: trap[limit]: a new pollable would pass the limit of 50 live WASI resources in \
         this instance (drop resources the program no longer needs, or raise the limit) (in \
         wasi:clocks/monotonic-clock@0.2.12#subscribe-duration)\nhint: --max-resources N raises the limit (it was 50)\n"
    );
    let out = run(&["--max-resources", "200", WASI_PROBE, "resources", "100"], b"");
    assert_eq!(text(&out.stdout), "held 100\n", "{}", text(&out.stderr));
}

/// `-W` limits stop a program that would run forever or take all memory, on both engines, with
/// a message that names the limit and its value.
#[test]
fn limits_stop_runaway_programs() {
    let cases = [
        (
            "fuel=1000000",
            "guests/wat/spin.wat",
            "trap[fuel]: the guest used all its fuel (fuel=1000000) (in wasi:cli/run@0.2.12#run)",
            "hint: -W fuel=N gives it more fuel",
        ),
        (
            "timeout=300ms",
            "guests/wat/spin.wat",
            "trap[deadline]: the guest ran past its deadline (timeout=300ms) (in wasi:cli/run@0.2.12#run)",
            "hint: -W timeout=DURATION gives it more time",
        ),
        (
            "max-memory-size=64M",
            "guests/wat/memory-bomb.wat",
            "trap[limit]: a memory would grow to 4294967296 bytes, past the limit max-memory-size=67108864 \
             (in wasi:cli/run@0.2.12#run)",
            "hint: -W max-memory-size=BYTES raises the limit",
        ),
    ];
    for engine in ["wasmi", "wasmtime"] {
        for (limit, file, trap, hint) in cases {
            let out = run(&["--engine", engine, "-W", limit, file], b"");
            let err = text(&out.stderr);
            assert_eq!(out.status.code(), Some(134), "{engine} {limit}: {err}");
            assert_eq!(err, format!("error: the program trapped: {trap}\n{hint}\n"), "{engine} {limit}");
        }
    }
}

/// Real programs run under limits they stay within, as without them.
#[test]
fn programs_within_their_limits_run_as_without_them() {
    for engine in ["wasmi", "wasmtime"] {
        let limits = "fuel=10000000000,timeout=600s,max-memory-size=256M,max-table-elements=100000,max-handles=1000";
        let out = run(&["--engine", engine, "-W", limits, "guests/hello.wasm", "cm32"], b"");
        assert_eq!(text(&out.stderr), "", "{engine}");
        assert_eq!(text(&out.stdout), "Hello, cm32! (from a wasm32-wasip2 program, run by cm32 on wasmi)\n");
        assert_eq!(out.status.code(), Some(0), "{engine}");
    }
    // Too little fuel for the same program.
    let out = run(&["-W", "fuel=1000", "guests/hello.wasm"], b"");
    assert_eq!(out.status.code(), Some(134));
    assert!(text(&out.stderr).contains("trap[fuel]: the guest used all its fuel (fuel=1000)"), "{}", text(&out.stderr));
}

#[test]
fn a_bad_limit_is_an_input_error() {
    let out = run(&["-W", "fuel=lots", "guests/wat/spin.wat"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stderr), "error: -W fuel=lots: `lots` is not a number of fuel units\n");
}

fn cwasm_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "cwasm"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect();
    files.sort();
    files
}

/// `cm32 compile` puts the compiled code of each core module in the cache; `cm32 run --engine
/// wasmtime` loads it from there, and compiles again only what is missing or was spoiled.
#[test]
fn compiled_code_is_kept_in_the_cache() {
    let cache = sandbox("code-cache");
    let dir = cache.to_str().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_cm32"))
        .args(["compile", "--cache-dir", dir, "guests/hello.wasm"])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(text(&out.stderr), "");
    assert_eq!(text(&out.stdout), format!("compiled guests/hello.wasm into {dir}\n"));
    // hello.wasm has three core modules: the program, and wit-component's shim and fixup.
    let compiled = cwasm_files(&cache);
    assert_eq!(compiled.len(), 3, "{:?}", compiled.iter().map(|f| &f.0).collect::<Vec<_>>());

    let hello = |cache: &[&str]| {
        let mut args = vec!["--engine", "wasmtime"];
        args.extend(cache);
        args.extend(["guests/hello.wasm", "cm32"]);
        let out = run(&args, b"");
        assert_eq!(text(&out.stdout), "Hello, cm32! (from a wasm32-wasip2 program, run by cm32 on wasmi)\n");
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    };
    hello(&["--cache-dir", dir]);
    assert_eq!(cwasm_files(&cache), compiled, "a run from the cache writes nothing");

    // A spoiled entry is compiled again and replaced.
    std::fs::write(cache.join(&compiled[0].0), b"not compiled code").unwrap();
    hello(&["--cache-dir", dir]);
    assert_eq!(cwasm_files(&cache), compiled);

    // --no-cache neither reads nor writes it.
    std::fs::remove_file(cache.join(&compiled[1].0)).unwrap();
    hello(&["--cache-dir", dir, "--no-cache"]);
    assert_eq!(cwasm_files(&cache).len(), 2);
}
