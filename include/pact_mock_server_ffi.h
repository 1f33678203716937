/*
 * pact_mock_server_ffi: C interface of the Pact consumer mock server.
 *
 * The functions of the original `pact_mock_server_ffi` crate (0.0.2), with its names and
 * return codes, over the same Rust core as the Node.js addon. Build the library with
 *
 *   cargo build --release --no-default-features --features c-abi
 *       -> target/release/libpact_mock_server_ffi.so (.dylib / .dll)
 *   cargo rustc --release --no-default-features --features c-abi --crate-type staticlib
 *       -> target/release/libpact_mock_server_ffi.a
 *          (link with: -lpthread -ldl -lm, as for any Rust static library)
 *
 * Conventions
 * - Strings passed in are NUL-terminated UTF-8 and are only read during the call (the library
 *   copies what it keeps). A NULL or non-UTF-8 string where one is required makes the call fail
 *   with the documented code; it never crashes the process.
 * - Strings returned are owned by the library: do not free them. Those of the mock-server
 *   functions stay valid until cleanup_mock_server() for that port.
 * - No Rust panic crosses into C: every function catches it and returns its error code.
 * - Every function may be called from any thread. Handles are plain values that may be copied
 *   and shared between threads. Do not call cleanup_mock_server() for a port while another
 *   thread still reads strings returned for that port.
 * - After a failed call, get_error_message() gives a message saying what was wrong.
 * - Mock servers bind only the address given; use "127.0.0.1:0" for a free loopback port.
 */
#ifndef PACT_MOCK_SERVER_FFI_H
#define PACT_MOCK_SERVER_FFI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A pact being built. `pact == 0` is never valid; new_pact() returns it on error.
 * Handles are not reused, so a freed handle stays invalid. */
typedef struct PactHandle {
  uintptr_t pact;
} PactHandle;

/* An interaction of a pact: the pact's handle value and the interaction's 1-based position.
 * `interaction == 0` is never valid; new_interaction() returns {0, 0} on error. */
typedef struct InteractionHandle {
  uintptr_t pact;
  uintptr_t interaction;
} InteractionHandle;

/* Which half of an interaction a call changes. Other values make the call fail. */
typedef enum InteractionPart {
  InteractionPart_Request = 0,
  InteractionPart_Response = 1,
} InteractionPart;

/* Specification versions for with_specification(). */
typedef enum PactSpecification {
  PactSpecification_Unknown = 0,
  PactSpecification_V1 = 1,
  PactSpecification_V1_1 = 2,
  PactSpecification_V2 = 3,
  PactSpecification_V3 = 4,
  PactSpecification_V4 = 5,
} PactSpecification;

/* ---------------------------------------------------------------------------------------- */
/* Logging and errors                                                                        */
/* ---------------------------------------------------------------------------------------- */

/* Sends the library's logs to stderr, filtered by the environment variable named
 * `log_env_var` (NULL: "LOG_LEVEL"). Its value is a level ("debug") or filter directives
 * ("pact_mock_server_ffi=trace"); unset means "error". Calling it again has no effect. */
void init(const char *log_env_var);

/* Copies the message of the last failed call made on this thread into `buffer` (with a
 * terminating NUL). Returns the message length in bytes (0: the last call succeeded), -1 when
 * `buffer` is NULL or `length` <= 0, -2 when `length` is too small (nothing is written). */
int get_error_message(char *buffer, int length);

/* ---------------------------------------------------------------------------------------- */
/* Mock servers                                                                              */
/* ---------------------------------------------------------------------------------------- */

/* Starts a mock server for a pact given as JSON (a pact file's content, any spec version),
 * listening on `addr_str`, "host:port" where host is an IP address ("127.0.0.1", "[::1]") or a
 * name of this machine ("localhost"); port 0 picks a free port. E.g. "127.0.0.1:0". With
 * HTTPS and a self-signed certificate when `tls` is true.
 * Returns the port (> 0), or
 *   -1  pact_str or addr_str is NULL
 *   -2  the pact JSON is invalid (or not UTF-8)
 *   -3  the server could not start (e.g. the port is in use)
 *   -4  internal error (panic)
 *   -5  addr_str is not a "host:port" address of this machine (or not UTF-8)
 *   -6  the TLS configuration could not be built */
int32_t create_mock_server(const char *pact_str, const char *addr_str, bool tls);

/* Starts a mock server for a pact built with the handle functions below. The server serves a
 * copy: later changes to the handle do not affect it. It answers CORS pre-flight requests.
 * Returns the port or the codes of create_mock_server(); -1 also means an unknown handle. */
int32_t create_mock_server_for_pact(PactHandle pact, const char *addr_str, bool tls);

/* True when the server on the port received exactly the expected requests: no mismatched or
 * unexpected request and no expected request missing. False otherwise or for an unknown port. */
bool mock_server_matched(int32_t mock_server_port);

/* The mismatches of the server on the port, as a JSON array:
 *   {"type":"request-mismatch","method":..,"path":..,"mismatches":[{"type":"BodyMismatch",..}]}
 *   {"type":"request-not-found","method":..,"path":..,"request":{..}}
 *   {"type":"missing-request","method":..,"path":..,"request":{..}}
 * ("[]" when all matched). The string is owned by the library and valid until
 * cleanup_mock_server() for this port; do not free it. NULL for an unknown port. */
char *mock_server_mismatches(int32_t mock_server_port);

/* What the server on the port logged (owned like mock_server_mismatches()' result).
 * NULL for an unknown port. */
const char *mock_server_logs(int32_t mock_server_port);

/* Stops the server on the port and frees the strings returned for it. The port is free again
 * when this returns. False when no server runs on the port. */
bool cleanup_mock_server(int32_t mock_server_port);

/* Writes the pact of the server on the port to `<consumer>-<provider>.json` in `directory`
 * (NULL or "": the current directory; created if missing), merging with an existing file of
 * the same consumer and provider. Returns
 *   0  written
 *   1  internal error (panic)
 *   2  the file could not be written (I/O error, or an existing file that cannot be merged)
 *   3  no mock server runs on the port */
int32_t write_pact_file(int32_t mock_server_port, const char *directory);

/* write_pact_file() with `overwrite`: true replaces an existing file instead of merging. */
int32_t write_pact_file_with_options(int32_t mock_server_port, const char *directory,
                                     bool overwrite);

/* ---------------------------------------------------------------------------------------- */
/* Building a pact with handles                                                              */
/*                                                                                           */
/* The setters return true when the change was applied, false for an invalid handle, a NULL   */
/* or non-UTF-8 required string, or a value the DSL rejects (see get_error_message()). The    */
/* seed's setters returned void; ignoring the result is fine.                                 */
/*                                                                                           */
/* Values marked "integration JSON" may be plain text or a JSON object with matchers and      */
/* generators, as libpact_ffi and pact-js MatchersV3 produce, e.g.                            */
/*   {"pact:matcher:type":"regex","regex":"\\d+","value":"42"}                                */
/* ---------------------------------------------------------------------------------------- */

/* Creates a pact between the consumer and the provider (NULL: "Consumer" / "Provider"),
 * specification V3. Returns {0} when a name is not UTF-8. */
PactHandle new_pact(const char *consumer_name, const char *provider_name);

/* Forgets a pact (running servers started from it are not affected).
 * Returns 0 freed, 1 unknown handle, 2 internal error. */
unsigned int free_pact_handle(PactHandle pact);

/* Sets the specification version the pact is served and written in. */
bool with_specification(PactHandle pact, PactSpecification version);

/* Appends an interaction with the description to the pact. Returns {0, 0} for an unknown
 * handle or a NULL / non-UTF-8 description. */
InteractionHandle new_interaction(PactHandle pact, const char *description);

/* Sets the description of the interaction. */
bool upon_receiving(InteractionHandle interaction, const char *description);

/* Adds a provider state (without parameters). */
bool given(InteractionHandle interaction, const char *description);

/* Sets the request method (NULL: "GET") and path (NULL: "/"; integration JSON). */
bool with_request(InteractionHandle interaction, const char *method, const char *path);

/* Sets value number `index` (from 0) of the request query parameter `name`
 * (value: integration JSON). */
bool with_query_parameter(InteractionHandle interaction, const char *name, size_t index,
                          const char *value);

/* Sets value number `index` (from 0) of header `name` of the request or response
 * (value: integration JSON). */
bool with_header(InteractionHandle interaction, InteractionPart part, const char *name,
                 size_t index, const char *value);

/* Sets the response status code. */
bool response_status(InteractionHandle interaction, unsigned short status);

/* Sets the body of the request or response. `content_type` NULL: the Content-Type header set
 * earlier, else "text/plain" (as in the seed; pass "application/json" for JSON). The
 * Content-Type header is added when missing. A JSON body may hold integration JSON matchers
 * anywhere. `body` NULL: an empty body. */
bool with_body(InteractionHandle interaction, InteractionPart part, const char *content_type,
               const char *body);

/* Only in builds with the `c-abi-test-hooks` cargo feature (tests): makes the next call of
 * the function named `function` on this thread panic internally, to check that the panic
 * becomes that function's error code. NULL clears it. */
void force_panic_in(const char *function);

#ifdef __cplusplus
}
#endif

#endif /* PACT_MOCK_SERVER_FFI_H */
