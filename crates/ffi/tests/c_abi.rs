//! The C ABI as a C program sees it: compiles the programs in `tests/c/` with the system `cc`
//! against the generated header (`include/pact_mock_server_ffi.h`) and the shared and static
//! libraries of this very build: `cargo test` builds the package's library only as an rlib for
//! its tests, but it builds the examples, and `examples/c_abi_shared.rs` / `c_abi_static.rs`
//! are the C ABI as a `cdylib` and a `staticlib` (no second cargo run). Runs the programs, and
//! again under valgrind (failing on definite leaks and memory errors) when valgrind is
//! installed (set `PACT_C_ABI_NO_VALGRIND=1` to skip that). A missing C compiler fails.
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");
const TMP_DIR: &str = env!("CARGO_TARGET_TMPDIR");

fn c_compiler() -> String {
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
    let works = Command::new(&cc)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        works,
        "no working C compiler ('{cc}'): install one (gcc or clang) or set CC"
    );
    cc
}

fn has_valgrind() -> bool {
    std::env::var_os("PACT_C_ABI_NO_VALGRIND").is_none()
        && Command::new("valgrind")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
}

/// Where the C test programs go.
fn work_dir() -> PathBuf {
    Path::new(TMP_DIR).join("c-abi")
}

/// The directory holding the examples that `cargo test` built with this test: the profile
/// directory's `examples/`, next to `deps/`, where this test binary is.
fn examples_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    exe.parent()
        .and_then(Path::parent)
        .expect("the test binary is in <profile>/deps")
        .join("examples")
}

/// An example library, which must have been built by this `cargo test` run.
fn example_library(file: &str) -> PathBuf {
    let lib = examples_dir().join(file);
    assert!(
        lib.exists(),
        "{} is missing: run the tests with `cargo test` (which builds the examples), not with \
         `--test c_abi` alone",
        lib.display()
    );
    lib
}

fn show(output: &Output) -> String {
    format!(
        "status: {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn compile(cc: &str, program: &str, link: &[String]) -> PathBuf {
    let source = Path::new(MANIFEST_DIR).join("tests/c").join(program);
    std::fs::create_dir_all(work_dir()).expect("create the C test directory");
    let exe = work_dir().join(format!(
        "{}{}",
        program.trim_end_matches(".c"),
        if link.iter().any(|a| a.ends_with(".a")) {
            "-static"
        } else {
            ""
        }
    ));
    let output = Command::new(cc)
        .args([
            "-std=c11", "-g", "-Wall", "-Wextra", "-Werror", "-pthread", "-I",
        ])
        .arg(Path::new(MANIFEST_DIR).join("include"))
        .arg(&source)
        .args(link)
        .arg("-o")
        .arg(&exe)
        .output()
        .expect("run the C compiler");
    assert!(
        output.status.success(),
        "compiling {program} failed\n{}",
        show(&output)
    );
    exe
}

fn dynamic_link() -> Vec<String> {
    let shared = format!(
        "{}c_abi_shared{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    );
    example_library(&shared);
    let lib = examples_dir().display().to_string();
    vec![
        format!("-L{lib}"),
        "-lc_abi_shared".into(),
        format!("-Wl,-rpath,{lib}"),
    ]
}

/// A command for a C test program. cargo puts its own target directories on the library path,
/// which would win over the program's rpath and load another build of the library.
fn c_command(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut cmd = Command::new(program);
    cmd.env_remove("LD_LIBRARY_PATH")
        .env_remove("DYLD_LIBRARY_PATH")
        .env_remove("DYLD_FALLBACK_LIBRARY_PATH");
    cmd
}

/// Runs a C test program with `env` set; returns its stderr.
fn run(exe: &Path, env: &[(&str, &str)]) -> String {
    let output = c_command(exe)
        .envs(env.iter().copied())
        .output()
        .expect("run the C test");
    assert!(
        output.status.success(),
        "{}\n{}",
        exe.display(),
        show(&output)
    );
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn run_under_valgrind(exe: &Path) {
    if !has_valgrind() {
        eprintln!(
            "valgrind is not installed: skipping the leak check of {}",
            exe.display()
        );
        return;
    }
    let output = c_command("valgrind")
        .args([
            "--quiet",
            "--leak-check=full",
            "--errors-for-leak-kinds=definite",
            "--show-leak-kinds=definite",
            "--error-exitcode=99",
        ])
        .arg(exe)
        .output()
        .expect("run valgrind");
    assert!(
        output.status.success(),
        "valgrind found errors or definite leaks in {}\n{}",
        exe.display(),
        show(&output)
    );
}

/// Compiles `program`, runs it (with `env`), then runs it under valgrind; returns the stderr of
/// Compiles `program`, runs it (with `env`), then runs it under valgrind; returns the stderr of
/// the plain run.
fn check_program(program: &str, env: &[(&str, &str)]) -> String {
    let exe = compile(&c_compiler(), program, &dynamic_link());
    let stderr = run(&exe, env);
    run_under_valgrind(&exe);
    stderr
}

#[test]
fn c_program_builds_a_pact_serves_it_and_writes_it() {
    check_program("basic.c", &[]);
}

#[test]
fn c_program_gets_the_documented_codes_for_bad_input() {
    // bad_input.c calls init("PACT_C_TEST_LOG"): failed calls are logged at warn level.
    let stderr = check_program("bad_input.c", &[("PACT_C_TEST_LOG", "warn")]);
    assert!(
        stderr.contains("WARN") && stderr.contains("unknown pact handle 987654321"),
        "init() did not send warnings to stderr:\n{stderr}"
    );
}

#[test]
fn c_program_uses_handles_and_servers_from_many_threads() {
    check_program("threads.c", &[]);
}

/// Links the same end-to-end program against the static library.
#[test]
fn c_program_links_the_static_library() {
    let lib = example_library("libc_abi_static.a");
    let link = vec![
        lib.display().to_string(),
        "-ldl".into(),
        "-lm".into(),
        "-lpthread".into(),
    ];
    run(&compile(&c_compiler(), "basic.c", &link), &[]);
}
