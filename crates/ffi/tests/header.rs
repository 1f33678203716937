//! The committed C header is exactly what cbindgen generates from the exported functions and
//! their doc comments, so the declarations cannot drift from the Rust code. With
//! `PACT_WRITE_HEADER=1` the test writes the generated header instead of failing.

use std::path::Path;

#[test]
fn committed_header_is_the_generated_one() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config =
        cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).expect("read cbindgen.toml");
    let mut generated = Vec::new();
    cbindgen::Builder::new()
        .with_crate(crate_dir)
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header")
        .write(&mut generated);
    let generated = String::from_utf8(generated).expect("the header is UTF-8");
    let header = crate_dir.join("include/pact_mock_server_ffi.h");
    if std::env::var_os("PACT_WRITE_HEADER").is_some() {
        std::fs::write(&header, &generated).expect("write the header");
        return;
    }
    let committed = std::fs::read_to_string(&header).expect("read the committed header");
    assert!(
        committed == generated,
        "{} is out of date: run `PACT_WRITE_HEADER=1 cargo test -p pact_mock_server_ffi --test \
         header` and commit the result",
        header.display()
    );
}
