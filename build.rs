fn main() {
    // Only the Node front end needs napi's link arguments.
    if std::env::var_os("CARGO_FEATURE_NODE").is_some() {
        napi_build::setup();
    }
}
