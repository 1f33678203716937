//! Logging for the Node front end: one `tracing` subscriber per process writing to stderr,
//! quiet (`warn`) unless asked, with a reload handle so the level can change at any time and
//! from any worker thread.

use crate::error::{invalid_argument, Code};
use napi::Result;
use napi_derive::napi;
use std::sync::OnceLock;
use tracing_subscriber::filter::LevelFilter;
use tracing_subscriber::{layer::SubscriberExt, reload, util::SubscriberInitExt};

// A plain level filter rather than `EnvFilter`: levels are all this API takes, and EnvFilter's
// regex matchers switch on full-DFA building in every `Regex::new` of the process (feature
// unification), which made each regex matcher cost ~0.1 ms to compile and the addon larger.
type Handle = reload::Handle<LevelFilter, tracing_subscriber::Registry>;

/// `None` inside when another subscriber was already global (e.g. the host installed one):
/// then levels cannot be changed from here, which is harmless.
static HANDLE: OnceLock<Option<Handle>> = OnceLock::new();

const LEVELS: [&str; 6] = ["trace", "debug", "info", "warn", "error", "off"];

/// The filter for a level name, or `None` when it is not one of `LEVELS`.
fn filter_for(level: &str) -> Option<LevelFilter> {
    let level = level.trim().to_ascii_lowercase();
    if !LEVELS.contains(&level.as_str()) {
        return None;
    }
    level.parse::<LevelFilter>().ok()
}

/// Installs the subscriber once, at the level `initial` gives (or `warn`).
fn install(initial: impl FnOnce() -> Option<LevelFilter>) -> Option<&'static Handle> {
    HANDLE
        .get_or_init(|| {
            let (filter, handle) = reload::Layer::new(initial().unwrap_or(LevelFilter::WARN));
            let fmt = tracing_subscriber::fmt::layer()
                .with_writer(std::io::stderr)
                .with_target(true);
            tracing_subscriber::registry()
                .with(filter)
                .with(fmt)
                .try_init()
                .ok()
                .map(|_| handle)
        })
        .as_ref()
}

/// Makes sure logging is set up before a server starts, reading `LOG_LEVEL` the first time.
pub fn ensure() {
    install(|| {
        std::env::var("LOG_LEVEL")
            .ok()
            .as_deref()
            .and_then(filter_for)
    });
}

/// Sets the level: the first call installs the subscriber at it, later calls reload.
fn apply(filter: LevelFilter) {
    let mut pending = Some(filter);
    if let Some(handle) = install(|| pending.take()) {
        if let Some(filter) = pending {
            let _ = handle.reload(filter);
        }
    }
}

/// Sets up logging with the level from the environment variable `log_env_var`
/// (default `LOG_LEVEL`); `warn` when unset. Calling it again re-reads the variable.
#[napi]
pub fn init(log_env_var: Option<String>) -> Result<(), Code> {
    let var = log_env_var.unwrap_or_else(|| "LOG_LEVEL".to_string());
    match std::env::var(&var) {
        Ok(value) => match filter_for(&value) {
            Some(filter) => apply(filter),
            None => {
                return Err(invalid_argument(format!(
                    "The environment variable {var} is '{value}': use one of {}",
                    LEVELS.join(", ")
                )))
            }
        },
        Err(_) => ensure(),
    }
    Ok(())
}

/// Changes the log level of the whole process (all worker threads share it).
#[napi(ts_args_type = "level: LogLevel")]
pub fn set_log_level(level: String) -> Result<(), Code> {
    let filter = filter_for(&level).ok_or_else(|| {
        invalid_argument(format!(
            "Unknown log level '{level}': use one of {}",
            LEVELS.join(", ")
        ))
    })?;
    apply(filter);
    Ok(())
}
