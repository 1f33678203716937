//! The C ABI as a C program sees it: builds the library with `--no-default-features --features
//! c-abi-test-hooks` into its own target directory (so it runs the same under plain `cargo test`
//! and `cargo test --features c-abi`, and never fights the outer build over features), compiles
//! the programs in `tests/c/` with the system `cc` against `include/pact_mock_server_ffi.h`,
//! runs them, and runs them again under valgrind (failing on definite leaks and memory errors)
//! when valgrind is installed (set `PACT_C_ABI_NO_VALGRIND=1` to skip that). Skips with a
//! message when there is no C compiler.
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");
const TMP_DIR: &str = env!("CARGO_TARGET_TMPDIR");

fn c_compiler() -> Option<String> {
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
    let works = Command::new(&cc)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    works.then_some(cc)
}

fn has_valgrind() -> bool {
    std::env::var_os("PACT_C_ABI_NO_VALGRIND").is_none()
        && Command::new("valgrind")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
}

/// Where this checkout's C ABI build and test programs go. Several checkouts may share one
/// `CARGO_TARGET_DIR`; keyed by the checkout, one cannot swap the library under another's test.
fn work_dir() -> PathBuf {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    MANIFEST_DIR.hash(&mut hasher);
    Path::new(TMP_DIR).join(format!("c-abi-{:016x}", hasher.finish()))
}

fn target_dir() -> PathBuf {
    work_dir().join("target")
}

fn show(output: &Output) -> String {
    format!(
        "status: {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(MANIFEST_DIR)
        // The outer build's target dir belongs to the outer cargo.
        .env_remove("CARGO_TARGET_DIR")
        .args(["--quiet"]);
    cmd
}

/// Builds the shared library once per test run and returns the directory holding it.
fn library_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let output = cargo()
            .args(["build", "--lib", "--no-default-features", "--features"])
            .arg("c-abi-test-hooks")
            .arg("--target-dir")
            .arg(target_dir())
            .output()
            .expect("run cargo");
        assert!(
            output.status.success(),
            "building the C ABI library failed\n{}",
            show(&output)
        );
        target_dir().join("debug")
    })
}

/// Builds the static library (`cargo rustc --crate-type staticlib`) and returns its path.
fn static_library() -> PathBuf {
    let dir = target_dir().join("static");
    let output = cargo()
        .args(["rustc", "--lib", "--no-default-features", "--features"])
        .arg("c-abi-test-hooks")
        .args(["--crate-type", "staticlib", "--target-dir"])
        .arg(&dir)
        .output()
        .expect("run cargo");
    assert!(
        output.status.success(),
        "building the static C ABI library failed\n{}",
        show(&output)
    );
    dir.join("debug").join("libpact_mock_server_ffi.a")
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
    let lib = library_dir().display().to_string();
    vec![
        format!("-L{lib}"),
        "-lpact_mock_server_ffi".into(),
        format!("-Wl,-rpath,{lib}"),
    ]
}

/// A command for a C test program. cargo puts its own target directories on the library path,
/// which would win over the program's rpath and load another build of the library.
fn c_command(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut cmd = Command::new(program);
    cmd.env_remove("LD_LIBRARY_PATH")
        .env_remove("DYLD_LIBRARY_PATH")
        .env_remove("DYLD_FALLBACK_LIBRARY_PATH")
        // Forced panics are expected; their backtraces would only bury real failures.
        .env("RUST_BACKTRACE", "0");
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
/// the plain run, or None when there is no C compiler.
fn check_program(program: &str, env: &[(&str, &str)]) -> Option<String> {
    let Some(cc) = c_compiler() else {
        eprintln!("no C compiler (cc or $CC): skipping the C ABI test {program}");
        return None;
    };
    let exe = compile(&cc, program, &dynamic_link());
    let stderr = run(&exe, env);
    run_under_valgrind(&exe);
    Some(stderr)
}

#[test]
fn c_program_builds_a_pact_serves_it_and_writes_it() {
    check_program("basic.c", &[]);
}

#[test]
fn c_program_gets_the_documented_codes_for_bad_input() {
    // bad_input.c calls init("PACT_C_TEST_LOG"): failed calls are logged at warn level.
    let Some(stderr) = check_program("bad_input.c", &[("PACT_C_TEST_LOG", "warn")]) else {
        return;
    };
    assert!(
        stderr.contains("WARN") && stderr.contains("unknown pact handle 987654321"),
        "init() did not send warnings to stderr:\n{stderr}"
    );
}

#[test]
fn c_program_uses_handles_and_servers_from_many_threads() {
    check_program("threads.c", &[]);
}

/// Links the same end-to-end program against the static library. Ignored by default because it
/// compiles the crate a second time; run with `cargo test --test c_abi -- --ignored`.
#[test]
#[ignore = "builds the crate again as a staticlib"]
fn c_program_links_the_static_library() {
    let Some(cc) = c_compiler() else {
        eprintln!("no C compiler (cc or $CC): skipping");
        return;
    };
    let lib = static_library();
    let link = vec![
        lib.display().to_string(),
        "-ldl".into(),
        "-lm".into(),
        "-lpthread".into(),
    ];
    run(&compile(&cc, "basic.c", &link), &[]);
}

/// The checked-in header and the Rust exports name the same functions, so neither can drift.
#[test]
fn header_declares_exactly_the_exported_functions() {
    let root = Path::new(MANIFEST_DIR);
    let header = std::fs::read_to_string(root.join("include/pact_mock_server_ffi.h")).unwrap();
    let declaration =
        regex::Regex::new(r"(?m)^(?:const\s+)?(?:unsigned\s+)?\w+[\s*]+(\w+)\(").unwrap();
    let mut declared: Vec<String> = declaration
        .captures_iter(&header)
        .map(|c| c[1].to_string())
        .collect();
    declared.sort();

    let export = regex::Regex::new(r#"(?m)^\s*pub (?:unsafe )?extern "C" fn (\w+)"#).unwrap();
    let mut exported = Vec::new();
    for entry in std::fs::read_dir(root.join("src/ffi")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        exported.extend(export.captures_iter(&text).map(|c| c[1].to_string()));
    }
    exported.sort();
    assert!(exported.len() >= 20, "found only {exported:?}");
    assert_eq!(declared, exported);
}
