//! `MockServer.mismatches()` in JS: the core's `CompactMismatches` expanded by the small JS
//! function in `mismatches.js`, which after a flood of unmatched requests builds the array
//! several times faster than `JSON.parse` of the same entries.

use super::error::{IntoJs, JsResult};
use crate::server::{CompactMismatches, MockServer, NotFoundEntry};
use napi::bindgen_prelude::{FnArgs, Function, Uint32Array, Unknown};
use napi::Env;

const EXPAND: &str = include_str!("mismatches.js");
/// In the codes: the next entry is the next of `others`.
const OTHER: u32 = u32::MAX;

type Expand<'env> = Function<'env, FnArgs<(Uint32Array, String, String, String)>, Unknown<'env>>;

/// The mismatches of `server` as the JS array of libpact_ffi's entries.
pub fn mismatches_to_js<'env>(env: &'env Env, server: &MockServer) -> JsResult<Unknown<'env>> {
    let CompactMismatches {
        entries,
        heads,
        rests,
        others,
    } = server.compact_mismatches();
    let codes = codes(&entries, &heads);
    // V8 caches the compiled script by its source, so repeated calls do not compile it again.
    let expand: Expand<'env> = env.run_script(EXPAND).js()?;
    expand
        .call((Uint32Array::new(codes), heads, rests, others).into())
        .js()
}

/// Per entry `OTHER`, or the rest id and the method's and path's lengths in UTF-16 code units
/// (what JS `slice` counts).
fn codes(entries: &[Option<NotFoundEntry>], heads: &str) -> Vec<u32> {
    let ascii = heads.is_ascii();
    let units = |s: &str| {
        if ascii {
            s.len() as u32
        } else {
            s.encode_utf16().count() as u32
        }
    };
    let mut codes = Vec::with_capacity(entries.len() * 3);
    let mut at = 0;
    for entry in entries {
        match entry {
            None => codes.push(OTHER),
            Some(e) => {
                let method_end = at + e.method_len as usize;
                let path_end = method_end + e.path_len as usize;
                codes.extend([
                    e.rest,
                    units(&heads[at..method_end]),
                    units(&heads[method_end..path_end]),
                ]);
                at = path_end;
            }
        }
    }
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_count_utf16_units_when_a_path_is_not_ascii() {
        let entries = [
            Some(NotFoundEntry {
                method_len: 3,
                path_len: 2,
                rest: 0,
            }),
            None,
            Some(NotFoundEntry {
                method_len: 4,
                path_len: "/é😀".len() as u32,
                rest: 1,
            }),
        ];
        assert_eq!(
            codes(&entries, "GET/aPOST/é😀"),
            vec![0, 3, 2, OTHER, 1, 4, 4]
        );
    }
}
