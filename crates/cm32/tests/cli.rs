//! The `cm32` command as a user meets it: outputs, exit statuses, and the errors for bad input.

use std::path::Path;
use std::process::{Command, Output};

fn cm32(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cm32")).args(args).output().expect("cm32 runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

const APP: &str = "package my:app@1.0.0;\n\
interface api {\n  greet: func(name: string) -> string;\n}\n\
world app {\n  import wasi:cli/stdout@0.2.3;\n  import api;\n  export run: func() -> result;\n}\n";

#[test]
fn target_prints_a_skeleton_that_validates() {
    let dir = tempfile::tempdir().unwrap();
    let wit = write(dir.path(), "app.wit", APP);
    let out = cm32(&["target", &wit]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let wasm = wat::parse_str(stdout(&out)).unwrap();
    wasmparser::Validator::new().validate_all(&wasm).unwrap();
    assert!(stdout(&out).contains(r#"(import "cm32p2|wasi:cli/stdout@0.2" "get-stdout" (func (result i32)))"#));
    assert!(stdout(&out).contains(r#"(func (export "cm32p2||run") (result i32) unreachable)"#));
}

#[test]
fn target_json_has_the_documented_shape() {
    let dir = tempfile::tempdir().unwrap();
    let wit = write(dir.path(), "app.wit", APP);
    let out = cm32(&["target", &wit, "--format", "json", "--mangling", "legacy"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let greet = json["imports"].as_array().unwrap().iter().find(|i| i["name"] == "greet").unwrap();
    assert_eq!(
        greet,
        &serde_json::json!({
            "module": "my:app/api@1.0.0", "name": "greet", "kind": "func",
            "params": ["i32", "i32", "i32"], "results": [],
            "wit": "my:app/api@1.0.0#greet", "needs_memory": true, "needs_realloc": true
        })
    );
    let exports = json["exports"].as_array().unwrap();
    assert_eq!(
        exports.iter().find(|e| e["kind"] == "memory").unwrap(),
        &serde_json::json!({"name": "memory", "kind": "memory"})
    );
    let run = exports.iter().find(|e| e["name"] == "run").unwrap();
    assert_eq!(run["results"], serde_json::json!(["i32"]));
    assert!(run.get("module").is_none(), "exports have no module");
}

#[test]
fn target_writes_to_the_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let wit = write(dir.path(), "app.wit", APP);
    let out_path = dir.path().join("skeleton.wat");
    let out = cm32(&["target", &wit, "-o", out_path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
    assert!(std::fs::read_to_string(out_path).unwrap().starts_with("(module"));
}

#[test]
fn target_reads_a_directory_with_deps() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "wit/world.wit", "package my:app;\nworld w {\n  import my:dep/log@0.1.0;\n}\n");
    write(dir.path(), "wit/deps/dep/log.wit", "package my:dep@0.1.0;\ninterface log {\n  log: func(msg: string);\n}\n");
    let out = cm32(&["target", dir.path().join("wit").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains(r#"(import "cm32p2|my:dep/log@0.1" "log" (func (param i32 i32)))"#));
}

#[test]
fn target_reads_a_binary_encoded_wit_package() {
    let mut resolve = wit_parser::Resolve::default();
    let pkg =
        resolve.push_str("app.wit", "package my:pkg@2.0.0;\nworld w {\n  export f: func(x: u64) -> u64;\n}\n").unwrap();
    let bytes = wit_component::encode(&resolve, pkg, false).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pkg.wasm");
    std::fs::write(&path, bytes).unwrap();
    let out = cm32(&["target", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains(r#"(func (export "cm32p2||f") (param i64) (result i64) unreachable)"#));
}

#[test]
fn malformed_wit_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let wit = write(dir.path(), "bad.wit", "package a:b;\nworld w {\n  import f: func(x: u32) u32;\n}\n");
    let out = cm32(&["target", &wit]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("bad.wit:3:26"), "{err}");
    assert!(err.contains("expected ';'"), "{err}");
}

#[test]
fn unknown_world_lists_the_worlds() {
    let dir = tempfile::tempdir().unwrap();
    let wit = write(dir.path(), "two.wit", "package a:b;\nworld first {}\nworld second {}\n");
    let out = cm32(&["target", &wit, "--world", "thrid"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("the worlds in a:b are: first, second"), "{}", stderr(&out));
    let out = cm32(&["target", &wit]);
    assert_eq!(out.status.code(), Some(2), "several worlds and no --world is an error");
    assert!(stderr(&out).contains("first, second"), "{}", stderr(&out));
}

#[test]
fn unknown_feature_lists_the_features() {
    let dir = tempfile::tempdir().unwrap();
    let wit = write(
        dir.path(),
        "f.wit",
        "package a:b@1.0.0;\nworld w {\n  @unstable(feature = fancy)\n  import f: func();\n}\n",
    );
    let out = cm32(&["target", &wit, "--features", "fancyy"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown feature `fancyy`; the features this WIT gates on are: fancy"),
        "{}",
        stderr(&out)
    );
    let out = cm32(&["target", &wit, "--features", "fancy"]);
    assert!(stdout(&out).contains(r#"(import "cm32p2" "f" (func))"#), "{}", stderr(&out));
}

#[test]
fn async_functions_are_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let wit = write(dir.path(), "a.wit", "package a:b;\nworld w {\n  export f: async func();\n}\n");
    let out = cm32(&["target", &wit]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("`f` is an async function"), "{}", stderr(&out));
}

#[test]
fn wasi_newer_than_embedded_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let wit = write(dir.path(), "a.wit", "package a:b;\nworld w {\n  import wasi:cli/stdout@0.2.99;\n}\n");
    let out = cm32(&["target", &wit]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("wasi:cli@0.2.99 is newer than the WASI"), "{}", stderr(&out));
    assert!(stderr(&out).contains("deps/"), "{}", stderr(&out));
}

#[test]
fn missing_and_non_utf8_inputs_are_errors() {
    let out = cm32(&["target", "/nonexistent/x.wit"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/nonexistent/x.wit"), "{}", stderr(&out));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.wit");
    std::fs::write(&path, b"package a:b;\n// caf\xe9\n").unwrap();
    let out = cm32(&["target", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("neither UTF-8 WIT text nor a WebAssembly-encoded WIT package"), "{}", stderr(&out));
}

#[test]
fn bad_flag_values_are_usage_errors() {
    let out = cm32(&["target", "x.wit", "--mangling", "modern"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("possible values: standard, legacy"), "{}", stderr(&out));
}

#[test]
fn check_exit_status_follows_conformance() {
    let dir = tempfile::tempdir().unwrap();
    let wit = write(dir.path(), "app.wit", APP);
    let good = write(
        dir.path(),
        "good.wat",
        "(module (import \"cm32p2|wasi:cli/stdout@0.2\" \"get-stdout\" (func (result i32))))",
    );
    let out = cm32(&["check", &good, "--wit", &wit]);
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("conforms to the standard target of world `app`"));

    let bad = write(
        dir.path(),
        "bad.wat",
        "(module (import \"cm32p2|wasi:cli/stdout@0.2\" \"get-stdout\" (func (result i64))))",
    );
    let out = cm32(&["check", &bad, "--wit", &wit, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["conforms"], false);
    assert_eq!(
        json["violations"],
        serde_json::json!([{
            "kind": "wrong-signature",
            "item": "import \"cm32p2|wasi:cli/stdout@0.2\" \"get-stdout\"",
            "expected": "(func (result i32)) for wasi:cli/stdout@0.2.3#get-stdout",
            "found": "(func (result i64))",
            "hint": null
        }])
    );
}

#[test]
fn check_takes_the_world_from_the_component_type_section() {
    let mut resolve = wit_parser::Resolve::default();
    let pkg = resolve.push_str("app.wit", "package my:pkg;\nworld w {\n  import f: func(x: u32);\n}\n").unwrap();
    let world = resolve.select_world(&[pkg], None).unwrap();
    let mut wasm = wat::parse_str("(module (import \"$root\" \"f\" (func (param i32))))").unwrap();
    wit_component::embed_component_metadata(&mut wasm, &resolve, world, wit_component::StringEncoding::UTF8, false)
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.wasm");
    std::fs::write(&path, &wasm).unwrap();
    let out = cm32(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("conforms to the legacy target of world `root`"), "{}", stdout(&out));
}

#[test]
fn check_without_wit_or_section_says_what_to_pass() {
    let dir = tempfile::tempdir().unwrap();
    let module = write(dir.path(), "m.wat", "(module)");
    let out = cm32(&["check", &module]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("carries no `component-type` section"), "{}", stderr(&out));
    assert!(stderr(&out).contains("--wit"), "{}", stderr(&out));
}

#[test]
fn check_refuses_components_and_malformed_modules() {
    let dir = tempfile::tempdir().unwrap();
    let wit = write(dir.path(), "app.wit", APP);
    let component = write(dir.path(), "c.wat", "(component)");
    let out = cm32(&["check", &component, "--wit", &wit]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("this is a component, not a core module"), "{}", stderr(&out));

    let garbage = dir.path().join("g.wasm");
    std::fs::write(&garbage, b"\0asm\x01\0\0\0\x01\xff").unwrap();
    let out = cm32(&["check", garbage.to_str().unwrap(), "--wit", &wit]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a valid core WebAssembly module"), "{}", stderr(&out));

    let bad_wat = write(dir.path(), "b.wat", "(module\n  (func (export \"f\") (result i32) i64.const 0))");
    let out = cm32(&["check", &bad_wat, "--wit", &wit]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a valid core WebAssembly module"), "{}", stderr(&out));

    let unparsable = write(dir.path(), "u.wat", "(module\n  (func (export \"f\") (rezult i32)))");
    let out = cm32(&["check", &unparsable, "--wit", &wit]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("u.wat:2:"), "{}", stderr(&out));
}

#[test]
fn help_teaches_with_examples() {
    let out = cm32(&["target", "--help"]);
    let help = stdout(&out);
    assert!(help.contains("Examples:") && help.contains("--mangling"), "{help}");
    let out = cm32(&["check", "--help"]);
    assert!(stdout(&out).contains("Exit status: 0 the module conforms, 1 it has violations, 2 usage or input error"));
}
