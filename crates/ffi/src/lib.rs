//! The C ABI: the seed's functions (`pact_mock_server_ffi` 0.0.2) over the
//! same core as the Node binding, declared in `include/pact_mock_server_ffi.h`.
//!
//! This module owns the boundary only: converting C strings, handles and ports into core calls
//! (`pact_mock_server_core::{dsl, server, model}`) and core results into the documented return
//! codes. Every exported function runs its body under [`guard`], so a panic becomes the
//! function's error code instead of unwinding into C (which is undefined behaviour).
//!
//! Submodules: [`handles`] (the pact/interaction handle registry and the DSL functions) and
//! [`mock_server`] (server lifecycle, mismatches, pact files).

use pact_mock_server_core::error::PactError;
use std::cell::RefCell;
use std::ffi::CStr;
use std::os::raw::{c_char, c_int};
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Mutex, MutexGuard};

pub mod handles;
pub mod mock_server;

pub use handles::{InteractionHandle, InteractionPart, PactHandle, PactSpecification};

// With panic=abort no panic could be turned into an error code: the process would die in C.
#[cfg(panic = "abort")]
compile_error!("the C ABI needs panic = \"unwind\" so that panics become error codes");

thread_local! {
    /// The message of the last failed call on this thread, for `get_error_message`.
    static LAST_ERROR: RefCell<Option<String>> = const { RefCell::new(None) };
}

fn set_last_error(message: String) {
    tracing::warn!("{message}");
    LAST_ERROR.with(|e| *e.borrow_mut() = Some(message));
}

fn clear_last_error() {
    LAST_ERROR.with(|e| *e.borrow_mut() = None);
}

/// Records `err` as the thread's last error, prefixed with the function that failed.
fn record(function: &str, err: &PactError) {
    set_last_error(format!(
        "{function}: {} ({})",
        err.message,
        err.code.as_str()
    ));
}

/// Runs `body` so that no panic leaves it: a panic is recorded as the last error and turned
/// into `on_panic`, the function's documented panic code.
fn guard<T>(function: &'static str, on_panic: T, body: impl FnOnce() -> T) -> T {
    clear_last_error();
    let result = panic::catch_unwind(AssertUnwindSafe(|| {
        test_hooks::maybe_panic(function);
        body()
    }));
    match result {
        Ok(value) => value,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            set_last_error(format!("{function}: internal error (panic): {what}"));
            on_panic
        }
    }
}

/// Locks a mutex even if a panic (caught by [`guard`]) poisoned it: the registries hold plain
/// data that stays consistent between statements, so the next caller may go on.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A required C string argument as UTF-8.
///
/// # Safety
/// `ptr` is NULL or points to a NUL-terminated string that lives for `'a`.
unsafe fn required_str<'a>(ptr: *const c_char, what: &str) -> Result<&'a str, PactError> {
    // SAFETY: by this function's contract, NULL or a NUL-terminated string alive for the call.
    match unsafe { optional_str(ptr, what)? } {
        Some(s) => Ok(s),
        None => Err(PactError::invalid_argument(format!(
            "{what} is NULL: pass a NUL-terminated UTF-8 string"
        ))),
    }
}

/// An optional C string argument (NULL gives `None`) as UTF-8.
///
/// # Safety
/// `ptr` is NULL or points to a NUL-terminated string that lives for `'a`.
unsafe fn optional_str<'a>(ptr: *const c_char, what: &str) -> Result<Option<&'a str>, PactError> {
    if ptr.is_null() {
        return Ok(None);
    }
    // SAFETY: checked non-NULL above; the caller guarantees a NUL-terminated string living for `'a`.
    let bytes = unsafe { CStr::from_ptr(ptr) };
    bytes.to_str().map(Some).map_err(|e| {
        PactError::invalid_argument(format!(
            "{what} is not valid UTF-8 (bad byte at offset {}): pass UTF-8 text",
            e.valid_up_to()
        ))
    })
}

/// Installs a tracing subscriber writing to stderr, filtered by the environment variable named
/// `log_env_var` (NULL or not UTF-8: `LOG_LEVEL`). Its value is a level (`debug`) or a filter
/// directive (`pact_mock_server_ffi=trace`); unset means `error`, as the seed's env_logger did.
/// Harmless when repeated: the first subscriber stays.
///
/// # Safety
/// `log_env_var` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn init(log_env_var: *const c_char) {
    guard("init", (), || {
        // SAFETY: by this function's contract, NULL or a NUL-terminated string alive for the call.
        let name = unsafe { optional_str(log_env_var, "log_env_var") }
            .ok()
            .flatten()
            .filter(|s| !s.is_empty())
            .unwrap_or("LOG_LEVEL");
        let directive = std::env::var(name).unwrap_or_else(|_| "error".into());
        // `Targets` reads the same `level` / `target=level` directives as EnvFilter without
        // pulling in EnvFilter's regex DFA machinery (see the addon's src/logging.rs).
        let filter = directive
            .parse::<tracing_subscriber::filter::Targets>()
            .unwrap_or_else(|_| {
                tracing_subscriber::filter::Targets::new()
                    .with_default(tracing_subscriber::filter::LevelFilter::ERROR)
            });
        use tracing_subscriber::layer::SubscriberExt;
        use tracing_subscriber::util::SubscriberInitExt;
        // A subscriber installed earlier (by an earlier call or by the host) stays in place.
        let _ = tracing_subscriber::registry()
            .with(filter)
            .with(tracing_subscriber::fmt::layer().with_writer(std::io::stderr))
            .try_init();
    })
}

/// Copies the message of the last failed call on this thread into `buffer` (NUL-terminated).
/// Returns the message length in bytes (0 when the last call succeeded), -1 when `buffer` is
/// NULL or `length` is not positive, -2 when the message (plus NUL) does not fit.
///
/// # Safety
/// `buffer` is NULL or points to at least `length` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn get_error_message(buffer: *mut c_char, length: c_int) -> c_int {
    // Not wrapped in `guard`: that would clear the very message being asked for.
    let result = panic::catch_unwind(AssertUnwindSafe(|| {
        if buffer.is_null() || length <= 0 {
            return -1;
        }
        let message = LAST_ERROR.with(|e| e.borrow().clone()).unwrap_or_default();
        let bytes = message.as_bytes();
        if bytes.len() + 1 > length as usize || bytes.len() > c_int::MAX as usize - 1 {
            return -2;
        }
        // SAFETY: `buffer` is non-NULL with `length` writable bytes (the contract), and the
        // message plus its NUL fits in them (checked above).
        unsafe {
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), buffer.cast::<u8>(), bytes.len());
            *buffer.add(bytes.len()) = 0;
        }
        bytes.len() as c_int
    }));
    result.unwrap_or(-1)
}

/// Test support: in unit tests, `force_panic_in(name)` makes the next call of the exported
/// function `name` on this thread panic inside its guard, so tests can prove that each function
/// turns a panic into its documented code. Compiled out of every other build.
#[cfg(test)]
mod test_hooks {
    use std::cell::RefCell;

    thread_local! {
        static PANIC_IN: RefCell<Option<&'static str>> = const { RefCell::new(None) };
    }

    pub(super) fn maybe_panic(function: &str) {
        if PANIC_IN.with(|p| p.borrow_mut().take_if(|f| *f == function).is_some()) {
            panic!("forced panic in {function} (test hook)");
        }
    }

    /// Makes the next call of `function` on this thread panic.
    pub(crate) fn force_panic_in(function: &'static str) {
        PANIC_IN.with(|p| *p.borrow_mut() = Some(function));
    }
}

#[cfg(not(test))]
mod test_hooks {
    #[inline(always)]
    pub(super) fn maybe_panic(_function: &str) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guard_turns_a_panic_into_the_given_code_and_records_it() {
        let code = guard("some_fn", -4, || -> i32 { panic!("boom") });
        assert_eq!(code, -4);
        let msg = LAST_ERROR.with(|e| e.borrow().clone()).unwrap();
        assert!(msg.contains("some_fn") && msg.contains("boom"), "{msg}");
        // The next successful call clears it.
        assert_eq!(guard("other", 0, || 7), 7);
        assert!(LAST_ERROR.with(|e| e.borrow().is_none()));
    }

    #[test]
    fn get_error_message_reports_sizes() {
        set_last_error("abc".into());
        let mut small = [0 as c_char; 3];
        // SAFETY: the pointers are C-string literals or `CString`s alive for the whole call.
        assert_eq!(unsafe { get_error_message(small.as_mut_ptr(), 3) }, -2);
        let mut buf = [1 as c_char; 16];
        // SAFETY: the pointers are C-string literals or `CString`s alive for the whole call.
        assert_eq!(unsafe { get_error_message(buf.as_mut_ptr(), 16) }, 3);
        assert_eq!(buf[3], 0);
        // SAFETY: the pointers are C-string literals or `CString`s alive for the whole call.
        assert_eq!(unsafe { get_error_message(std::ptr::null_mut(), 16) }, -1);
    }

    #[test]
    fn every_exported_function_turns_a_panic_into_its_documented_code() {
        use handles::*;
        use mock_server::*;
        use test_hooks::force_panic_in;
        let pact_json = c"{\"consumer\": {\"name\": \"c\"}, \"provider\": {\"name\": \"p\"}, \"interactions\": []}";
        let addr = c"127.0.0.1:0";

        force_panic_in("create_mock_server");
        // SAFETY: every pointer passed below is a NUL-terminated literal that outlives the call.
        assert_eq!(
            // SAFETY: the pointers are C-string literals or `CString`s alive for the whole call.
            unsafe { create_mock_server(pact_json.as_ptr(), addr.as_ptr(), false) },
            -4
        );
        let message = LAST_ERROR.with(|e| e.borrow().clone()).unwrap_or_default();
        assert!(message.contains("panic"), "{message}");

        // SAFETY: as above.
        let pact = unsafe { new_pact(c"panic-consumer".as_ptr(), c"panic-provider".as_ptr()) };
        // SAFETY: as above.
        let interaction = unsafe { new_interaction(pact, c"an interaction".as_ptr()) };
        force_panic_in("create_mock_server_for_pact");
        // SAFETY: as above.
        assert_eq!(
            // SAFETY: the pointers are C-string literals or `CString`s alive for the whole call.
            unsafe { create_mock_server_for_pact(pact, addr.as_ptr(), false) },
            -4
        );
        force_panic_in("new_pact");
        // SAFETY: as above.
        assert_eq!(unsafe { new_pact(c"a".as_ptr(), c"b".as_ptr()) }.pact, 0);
        force_panic_in("new_interaction");
        // SAFETY: as above.
        assert_eq!(
            // SAFETY: the pointers are C-string literals or `CString`s alive for the whole call.
            unsafe { new_interaction(pact, c"x".as_ptr()) }.interaction,
            0
        );
        force_panic_in("with_body");
        let response = InteractionPart::Response as c_int;
        // SAFETY: as above.
        let set =
            // SAFETY: the pointers are C-string literals or `CString`s alive for the whole call.
            unsafe { with_body(interaction, response, c"text/plain".as_ptr(), c"x".as_ptr()) };
        assert!(!set);
        force_panic_in("free_pact_handle");
        assert_eq!(free_pact_handle(pact), 2);

        // After all that, the library still works.
        // SAFETY: as above.
        assert!(unsafe { with_request(interaction, c"GET".as_ptr(), c"/after".as_ptr()) });
        // SAFETY: as above.
        let port = unsafe { create_mock_server_for_pact(pact, addr.as_ptr(), false) };
        assert!(port > 0);
        force_panic_in("mock_server_matched");
        assert!(!mock_server_matched(port));
        force_panic_in("mock_server_mismatches");
        assert!(mock_server_mismatches(port).is_null());
        force_panic_in("write_pact_file");
        // SAFETY: as above.
        assert_eq!(unsafe { write_pact_file(port, c"pacts".as_ptr()) }, 1);
        force_panic_in("cleanup_mock_server");
        assert!(!cleanup_mock_server(port));
        assert!(
            !mock_server_mismatches(port).is_null(),
            "still running after the panic"
        );
        assert!(cleanup_mock_server(port));
        assert_eq!(free_pact_handle(pact), 0);
    }
}
