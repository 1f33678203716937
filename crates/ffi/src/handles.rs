//! Pact and interaction handles for C and the seed's handle DSL (`new_pact`, `new_interaction`,
//! `with_request`, ...). Handles are small `repr(C)` structs of `usize`, as in the seed; they
//! key a process-wide registry guarded by one mutex, so they may be used from any thread.
//! Every setter delegates to the core's `dsl` and returns whether the change was applied (the
//! seed's setters returned nothing; a `bool` return is compatible with callers that ignore it).

use super::{guard, lock, optional_str, record, required_str};
use pact_mock_server_core::dsl::{self, BodyInput, Part};
use pact_mock_server_core::error::{PactError, Result};
use pact_mock_server_core::model::{Interaction, Pact, SpecVersion};
use serde_json::Value;
use std::collections::HashMap;
use std::os::raw::{c_char, c_int, c_uint, c_ushort};
use std::sync::LazyLock;
use std::sync::Mutex;

/// A pact built through the C API. `pact == 0` is never valid (returned on errors).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PactHandle {
    pub pact: usize,
}

/// An interaction of a pact built through the C API: the pact's handle value and the
/// interaction's 1-based position. `interaction == 0` is never valid (returned on errors).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InteractionHandle {
    pub pact: usize,
    pub interaction: usize,
}

/// Which half of an interaction a call changes. The functions take it as a C `int`, so an
/// out-of-range value from C is an error rather than undefined behaviour.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InteractionPart {
    Request = 0,
    Response = 1,
}

/// Pact specification versions for `with_specification` (same numbering as pact_ffi).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PactSpecification {
    Unknown = 0,
    V1 = 1,
    V1_1 = 2,
    V2 = 3,
    V3 = 4,
    V4 = 5,
}

struct Registry {
    /// Next handle value; never reused, so a freed handle stays invalid.
    next: usize,
    pacts: HashMap<usize, Pact>,
}

static REGISTRY: LazyLock<Mutex<Registry>> = LazyLock::new(|| {
    Mutex::new(Registry {
        next: 1,
        pacts: HashMap::new(),
    })
});

fn unknown_pact(handle: usize) -> PactError {
    PactError::invalid_argument(format!(
        "unknown pact handle {handle}: create one with new_pact (handles are not reused after free_pact_handle)"
    ))
}

/// A snapshot of the pact behind `handle` (what a server started now would serve).
pub(super) fn pact_snapshot(handle: PactHandle) -> Result<Pact> {
    lock(&REGISTRY)
        .pacts
        .get(&handle.pact)
        .cloned()
        .ok_or_else(|| unknown_pact(handle.pact))
}

/// Runs `f` on the interaction behind `handle` while holding the registry lock.
fn with_interaction<T>(
    handle: InteractionHandle,
    f: impl FnOnce(&mut Interaction) -> Result<T>,
) -> Result<T> {
    let mut registry = lock(&REGISTRY);
    let pact = registry
        .pacts
        .get_mut(&handle.pact)
        .ok_or_else(|| unknown_pact(handle.pact))?;
    let count = pact.interactions.len();
    let interaction = handle
        .interaction
        .checked_sub(1)
        .and_then(|i| pact.interactions.get_mut(i))
        .ok_or_else(|| {
            PactError::invalid_argument(format!(
                "unknown interaction handle {}/{}: pact {} has {count} interaction(s); create one with new_interaction",
                handle.pact, handle.interaction, handle.pact
            ))
        })?;
    f(interaction)
}

fn part_from_c(part: c_int) -> Result<Part> {
    match part {
        0 => Ok(Part::Request),
        1 => Ok(Part::Response),
        other => Err(PactError::invalid_argument(format!(
            "part {other} is not an InteractionPart: use InteractionPart_Request (0) or InteractionPart_Response (1)"
        ))),
    }
}

/// A value passed as a C string: plain text, or integration JSON (an object such as
/// `{"pact:matcher:type":"regex","regex":"\\d+","value":"1"}`) carrying matchers/generators.
fn value_from_c_string(text: &str) -> Value {
    dsl::value_from_c_string(text)
}

/// Runs a setter body: records the error of a failed call and reports success as a bool.
fn setter(function: &'static str, body: impl FnOnce() -> Result<()>) -> bool {
    guard(function, false, || match body() {
        Ok(()) => true,
        Err(e) => {
            record(function, &e);
            false
        }
    })
}

/// Creates a pact between `consumer_name` and `provider_name` (NULL: `Consumer`/`Provider`),
/// specification V3 like the seed. Returns `{0}` on invalid UTF-8 or a blank name.
///
/// # Safety
/// Each argument is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn new_pact(
    consumer_name: *const c_char,
    provider_name: *const c_char,
) -> PactHandle {
    guard("new_pact", PactHandle { pact: 0 }, || {
        let named = (|| {
            // SAFETY: by this function's contract, NULL or a NUL-terminated string alive for the call.
            let consumer = unsafe { optional_str(consumer_name, "consumer_name")? };
            // SAFETY: by this function's contract, NULL or a NUL-terminated string alive for the call.
            let provider = unsafe { optional_str(provider_name, "provider_name")? };
            Pact::named(
                consumer.unwrap_or("Consumer"),
                provider.unwrap_or("Provider"),
            )
        })();
        match named {
            Ok(mut pact) => {
                pact.spec = SpecVersion::V3;
                let mut registry = lock(&REGISTRY);
                let id = registry.next;
                registry.next += 1;
                registry.pacts.insert(id, pact);
                PactHandle { pact: id }
            }
            Err(e) => {
                record("new_pact", &e);
                PactHandle { pact: 0 }
            }
        }
    })
}

/// Forgets the pact behind `pact` (servers already started from it keep running). Returns 0
/// when freed, 1 when the handle is unknown, 2 on panic.
#[no_mangle]
pub extern "C" fn free_pact_handle(pact: PactHandle) -> c_uint {
    guard("free_pact_handle", 2, || {
        if lock(&REGISTRY).pacts.remove(&pact.pact).is_some() {
            0
        } else {
            record("free_pact_handle", &unknown_pact(pact.pact));
            1
        }
    })
}

/// Sets the specification version used when the pact is served and written. Returns false for
/// an unknown handle or version.
#[no_mangle]
pub extern "C" fn with_specification(pact: PactHandle, version: c_int) -> bool {
    setter("with_specification", || {
        let spec = match version {
            1 => SpecVersion::V1,
            2 => SpecVersion::V1_1,
            3 => SpecVersion::V2,
            4 => SpecVersion::V3,
            5 => SpecVersion::V4,
            other => {
                return Err(PactError::new(
                    pact_mock_server_core::error::ErrorCode::InvalidSpecVersion,
                    format!("specification {other} is not a PactSpecification: use PactSpecification_V1 (1) .. PactSpecification_V4 (5)"),
                ))
            }
        };
        let mut registry = lock(&REGISTRY);
        let p = registry
            .pacts
            .get_mut(&pact.pact)
            .ok_or_else(|| unknown_pact(pact.pact))?;
        p.spec = spec;
        Ok(())
    })
}

/// Appends a new interaction with `description` to the pact. Returns `{0, 0}` for an unknown
/// handle, a NULL or non-UTF-8 description.
///
/// # Safety
/// `description` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn new_interaction(
    pact: PactHandle,
    description: *const c_char,
) -> InteractionHandle {
    let invalid = InteractionHandle {
        pact: 0,
        interaction: 0,
    };
    guard("new_interaction", invalid, || {
        let result = (|| {
            // SAFETY: by this function's contract, NULL or a NUL-terminated string alive for the call.
            let description = unsafe { required_str(description, "description")? };
            let mut registry = lock(&REGISTRY);
            let p = registry
                .pacts
                .get_mut(&pact.pact)
                .ok_or_else(|| unknown_pact(pact.pact))?;
            p.interactions.push(Interaction::new(description));
            Ok::<_, PactError>(InteractionHandle {
                pact: pact.pact,
                interaction: p.interactions.len(),
            })
        })();
        result.unwrap_or_else(|e| {
            record("new_interaction", &e);
            invalid
        })
    })
}

/// Sets the description of the interaction.
///
/// # Safety
/// `description` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn upon_receiving(
    interaction: InteractionHandle,
    description: *const c_char,
) -> bool {
    setter("upon_receiving", || {
        // SAFETY: by this function's contract, NULL or a NUL-terminated string alive for the call.
        let description = unsafe { required_str(description, "description")? };
        with_interaction(interaction, |i| {
            i.description = description.to_string();
            Ok(())
        })
    })
}

/// Adds a provider state (without parameters) to the interaction.
///
/// # Safety
/// `description` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn given(interaction: InteractionHandle, description: *const c_char) -> bool {
    setter("given", || {
        // SAFETY: by this function's contract, NULL or a NUL-terminated string alive for the call.
        let state = unsafe { required_str(description, "description")? };
        with_interaction(interaction, |i| {
            dsl::given(i, state, None);
            Ok(())
        })
    })
}

/// Sets the request method (NULL: `GET`) and path (NULL: `/`; may be integration JSON).
///
/// # Safety
/// Each string is NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn with_request(
    interaction: InteractionHandle,
    method: *const c_char,
    path: *const c_char,
) -> bool {
    setter("with_request", || {
        // SAFETY: by this function's contract, NULL or a NUL-terminated string alive for the call.
        let method = unsafe { optional_str(method, "method")? }.unwrap_or("GET");
        // SAFETY: by this function's contract, NULL or a NUL-terminated string alive for the call.
        let path = unsafe { optional_str(path, "path")? }.unwrap_or("/");
        let path = value_from_c_string(path);
        with_interaction(interaction, |i| dsl::with_request(i, method, &path))
    })
}

/// Sets value number `index` (0-based) of query parameter `name`; `value` may be integration
/// JSON.
///
/// # Safety
/// Each string is NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn with_query_parameter(
    interaction: InteractionHandle,
    name: *const c_char,
    index: usize,
    value: *const c_char,
) -> bool {
    setter("with_query_parameter", || {
        // SAFETY: by this function's contract, NULL or a NUL-terminated string alive for the call.
        let name = unsafe { required_str(name, "name")? };
        // SAFETY: by this function's contract, NULL or a NUL-terminated string alive for the call.
        let value = value_from_c_string(unsafe { required_str(value, "value")? });
        with_interaction(interaction, |i| {
            dsl::with_query_parameter(i, name, &value, index)
        })
    })
}

/// Sets value number `index` (0-based) of header `name` in the request or response (`part`, an
/// `InteractionPart`); `value` may be integration JSON.
///
/// # Safety
/// Each string is NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn with_header(
    interaction: InteractionHandle,
    part: c_int,
    name: *const c_char,
    index: usize,
    value: *const c_char,
) -> bool {
    setter("with_header", || {
        let part = part_from_c(part)?;
        // SAFETY: by this function's contract, NULL or a NUL-terminated string alive for the call.
        let name = unsafe { required_str(name, "name")? };
        // SAFETY: by this function's contract, NULL or a NUL-terminated string alive for the call.
        let value = value_from_c_string(unsafe { required_str(value, "value")? });
        with_interaction(interaction, |i| {
            dsl::with_header(i, part, name, &value, index)
        })
    })
}

/// Sets the response status code.
#[no_mangle]
pub extern "C" fn response_status(interaction: InteractionHandle, status: c_ushort) -> bool {
    setter("response_status", || {
        with_interaction(interaction, |i| {
            dsl::response_status(i, &Value::from(status))
        })
    })
}

/// Sets the body of the request or response. `content_type` NULL: taken from a Content-Type
/// header set earlier, else `text/plain` (the seed's default). A JSON body may hold
/// integration JSON matchers anywhere. `body` NULL: an empty body.
///
/// # Safety
/// Each string is NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn with_body(
    interaction: InteractionHandle,
    part: c_int,
    content_type: *const c_char,
    body: *const c_char,
) -> bool {
    setter("with_body", || {
        let part = part_from_c(part)?;
        // SAFETY: by this function's contract, NULL or a NUL-terminated string alive for the call.
        let content_type = unsafe { optional_str(content_type, "content_type")? };
        // SAFETY: by this function's contract, NULL or a NUL-terminated string alive for the call.
        let body = unsafe { optional_str(body, "body")? }.unwrap_or("");
        with_interaction(interaction, |i| {
            dsl::with_body(i, part, BodyInput::Text(body.to_string()), content_type)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CString;

    #[test]
    fn handles_are_checked_and_never_reused() {
        let c = CString::new("C").unwrap();
        // SAFETY: the pointers are C-string literals or `CString`s alive for the whole call.
        let h = unsafe { new_pact(c.as_ptr(), std::ptr::null()) };
        assert_ne!(h.pact, 0);
        let snap = pact_snapshot(h).unwrap();
        assert_eq!(
            (snap.consumer.as_str(), snap.provider.as_str()),
            ("C", "Provider")
        );
        let d = CString::new("an interaction").unwrap();
        // SAFETY: the pointers are C-string literals or `CString`s alive for the whole call.
        let ih = unsafe { new_interaction(h, d.as_ptr()) };
        assert_eq!(ih.interaction, 1);
        let bad = InteractionHandle {
            pact: h.pact,
            interaction: 2,
        };
        // SAFETY: the pointers are C-string literals or `CString`s alive for the whole call.
        assert!(!unsafe { upon_receiving(bad, d.as_ptr()) });
        // SAFETY: the pointers are C-string literals or `CString`s alive for the whole call.
        assert!(unsafe { upon_receiving(ih, d.as_ptr()) });
        assert_eq!(free_pact_handle(h), 0);
        assert_eq!(free_pact_handle(h), 1);
        // SAFETY: the pointers are C-string literals or `CString`s alive for the whole call.
        assert!(!unsafe { upon_receiving(ih, d.as_ptr()) });
        // SAFETY: the pointers are C-string literals or `CString`s alive for the whole call.
        let h2 = unsafe { new_pact(c.as_ptr(), c.as_ptr()) };
        assert_ne!(h2.pact, h.pact);
    }

    #[test]
    fn a_panic_inside_the_registry_lock_does_not_break_later_calls() {
        // SAFETY: the pointers are C-string literals or `CString`s alive for the whole call.
        let h = unsafe { new_pact(std::ptr::null(), std::ptr::null()) };
        let d = CString::new("x").unwrap();
        // SAFETY: the pointers are C-string literals or `CString`s alive for the whole call.
        let ih = unsafe { new_interaction(h, d.as_ptr()) };
        let ok = guard("test", false, || {
            with_interaction(ih, |_| -> Result<bool> { panic!("inside the lock") }).unwrap()
        });
        assert!(!ok);
        assert!(REGISTRY.is_poisoned());
        // SAFETY: the pointers are C-string literals or `CString`s alive for the whole call.
        assert!(unsafe { upon_receiving(ih, d.as_ptr()) });
        assert_eq!(free_pact_handle(h), 0);
    }

    #[test]
    fn invalid_utf8_and_bad_parts_are_refused() {
        let bad = [0xffu8, 0xfe, 0];
        // SAFETY: the pointers are C-string literals or `CString`s alive for the whole call.
        let h = unsafe { new_pact(bad.as_ptr().cast(), std::ptr::null()) };
        assert_eq!(h.pact, 0);
        // SAFETY: the pointers are C-string literals or `CString`s alive for the whole call.
        let h = unsafe { new_pact(std::ptr::null(), std::ptr::null()) };
        let d = CString::new("x").unwrap();
        // SAFETY: the pointers are C-string literals or `CString`s alive for the whole call.
        let ih = unsafe { new_interaction(h, d.as_ptr()) };
        // SAFETY: the pointers are C-string literals or `CString`s alive for the whole call.
        assert!(!unsafe { with_header(ih, 7, d.as_ptr(), 0, d.as_ptr()) });
        // SAFETY: the pointers are C-string literals or `CString`s alive for the whole call.
        assert!(!unsafe { given(ih, bad.as_ptr().cast()) });
    }
}
