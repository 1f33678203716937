/* Bad input through the C ABI: NULL pointers, invalid UTF-8, malformed JSON, bad addresses, a
 * busy port, unknown handles and ports and an unwritable directory each give the documented
 * code, and the library keeps working afterwards. (That a panic becomes each function's code is
 * tested in Rust, crates/ffi/src/lib.rs, with a test-only hook.) */
#include "support.h"

static const char *VALID_PACT =
    "{\"consumer\": {\"name\": \"bad-input-consumer\"}, \"provider\": {\"name\": \"p\"},"
    " \"interactions\": []}";
static const char INVALID_UTF8[] = {'a', (char)0xff, (char)0xfe, 'b', 0};

static void server_creation_codes(void) {
  CHECK_EQ_INT(create_mock_server(NULL, "127.0.0.1:0", false), -1);
  CHECK_EQ_INT(create_mock_server(VALID_PACT, NULL, false), -1);
  CHECK_EQ_INT(create_mock_server("{\"consumer\": ", "127.0.0.1:0", false), -2);
  CHECK_EQ_INT(create_mock_server("[1, 2, 3]", "127.0.0.1:0", false), -2);
  CHECK_EQ_INT(create_mock_server(INVALID_UTF8, "127.0.0.1:0", false), -2);
  CHECK_EQ_INT(create_mock_server(VALID_PACT, "not an address", false), -5);
  CHECK_EQ_INT(create_mock_server(VALID_PACT, "127.0.0.1", false), -5);
  CHECK_EQ_INT(create_mock_server(VALID_PACT, INVALID_UTF8, false), -5);
  CHECK_EQ_INT(create_mock_server(VALID_PACT, "::1:0", false), -5); /* IPv6 needs [ ] */
  CHECK_EQ_INT(create_mock_server(VALID_PACT, "127.0.0.1:65536", false), -5);
  /* Not an address of this machine. */
  CHECK_EQ_INT(create_mock_server(VALID_PACT, "192.0.2.1:0", false), -5);

  /* A port some other listener holds: the server cannot start. */
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in addr;
  memset(&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  CHECK(bind(fd, (struct sockaddr *)&addr, sizeof addr) == 0 && listen(fd, 1) == 0);
  CHECK(getsockname(fd, (struct sockaddr *)&addr, &len) == 0);
  char busy[64];
  snprintf(busy, sizeof busy, "127.0.0.1:%d", ntohs(addr.sin_port));
  CHECK_EQ_INT(create_mock_server(VALID_PACT, busy, false), -3);
  char message[1024];
  CHECK(get_error_message(message, sizeof message) > 0);
  close(fd);

  PactHandle none = {0};
  PactHandle unknown = {987654321};
  CHECK_EQ_INT(create_mock_server_for_pact(none, "127.0.0.1:0", false), -1);
  CHECK_EQ_INT(create_mock_server_for_pact(unknown, "127.0.0.1:0", false), -1);
  PactHandle pact = new_pact("c", "p");
  CHECK_EQ_INT(create_mock_server_for_pact(pact, NULL, false), -1);
  CHECK_EQ_INT(create_mock_server_for_pact(pact, "127.0.0.1:-1", false), -5);
  CHECK_EQ_INT(free_pact_handle(pact), 0);
  CHECK_EQ_INT(free_pact_handle(pact), 1);
  /* A freed handle is unknown from then on. */
  CHECK_EQ_INT(create_mock_server_for_pact(pact, "127.0.0.1:0", false), -1);
}

static void unknown_ports(void) {
  int ports[] = {0, -1, 1, 65535, 65536, 70000};
  for (size_t i = 0; i < sizeof ports / sizeof ports[0]; i++) {
    CHECK(!mock_server_matched(ports[i]));
    CHECK(mock_server_mismatches(ports[i]) == NULL);
    CHECK(mock_server_logs(ports[i]) == NULL);
    CHECK(!cleanup_mock_server(ports[i]));
    CHECK_EQ_INT(write_pact_file(ports[i], NULL), 3);
  }
}

static void handle_dsl_refuses_bad_input(void) {
  CHECK(new_pact(INVALID_UTF8, "p").pact == 0);
  CHECK(new_pact("c", INVALID_UTF8).pact == 0);
  /* Blank names are refused as the JS Pact refuses them (the rule is the core's). */
  CHECK(new_pact("  ", "p").pact == 0);
  char blank_message[256];
  CHECK(get_error_message(blank_message, sizeof blank_message) > 0);
  CHECK_CONTAINS(blank_message, "consumer and a provider name");
  PactHandle defaults = new_pact(NULL, NULL);
  CHECK(defaults.pact != 0);

  PactHandle unknown = {987654321};
  InteractionHandle none = new_interaction(unknown, "x");
  CHECK(none.pact == 0 && none.interaction == 0);
  char message[1024];
  CHECK(get_error_message(message, sizeof message) > 0);
  CHECK_CONTAINS(message, "987654321");
  /* Buffers too small or missing. */
  CHECK_EQ_INT(get_error_message(message, 4), -2);
  CHECK_EQ_INT(get_error_message(NULL, 100), -1);
  CHECK_EQ_INT(get_error_message(message, 0), -1);

  none = new_interaction(defaults, NULL);
  CHECK(none.interaction == 0);
  none = new_interaction(defaults, INVALID_UTF8);
  CHECK(none.interaction == 0);

  InteractionHandle i = new_interaction(defaults, "ok");
  CHECK(i.interaction == 1);
  /* A successful call leaves no error message behind. */
  CHECK_EQ_INT(get_error_message(message, sizeof message), 0);

  InteractionHandle wrong_index = {i.pact, 2};
  InteractionHandle wrong_pact = {987654321, 1};
  InteractionHandle zero = {i.pact, 0};
  InteractionHandle bad[] = {wrong_index, wrong_pact, zero};
  for (size_t k = 0; k < 3; k++) {
    CHECK(!upon_receiving(bad[k], "x"));
    CHECK(!given(bad[k], "x"));
    CHECK(!with_request(bad[k], "GET", "/"));
    CHECK(!with_query_parameter(bad[k], "a", 0, "b"));
    CHECK(!with_header(bad[k], InteractionPart_Request, "a", 0, "b"));
    CHECK(!response_status(bad[k], 200));
    CHECK(!with_body(bad[k], InteractionPart_Response, "text/plain", "x"));
  }
  CHECK(!upon_receiving(i, NULL));
  CHECK(!given(i, NULL));
  CHECK(!given(i, INVALID_UTF8));
  CHECK(!with_request(i, INVALID_UTF8, "/"));
  CHECK(!with_request(i, "GET", INVALID_UTF8));
  CHECK(!with_query_parameter(i, NULL, 0, "b"));
  CHECK(!with_query_parameter(i, "a", 0, INVALID_UTF8));
  CHECK(!with_header(i, (InteractionPart)7, "a", 0, "b"));
  CHECK(!with_header(i, InteractionPart_Request, NULL, 0, "b"));
  CHECK(!with_body(i, (InteractionPart)-1, NULL, "x"));
  CHECK(!with_body(i, InteractionPart_Request, INVALID_UTF8, "x"));
  CHECK(!with_body(i, InteractionPart_Request, "text/plain", INVALID_UTF8));
  CHECK(!with_specification(defaults, PactSpecification_Unknown));
  CHECK(!with_specification(defaults, (PactSpecification)42));
  CHECK(with_specification(defaults, PactSpecification_V4));
  CHECK_EQ_INT(free_pact_handle(defaults), 0);
}

static void unwritable_directory(void) {
  PactHandle pact = new_pact("io-consumer", "io-provider");
  InteractionHandle i = new_interaction(pact, "an interaction");
  CHECK(with_request(i, "GET", "/io"));
  int32_t port = create_mock_server_for_pact(pact, "127.0.0.1:0", false);
  CHECK(port > 0);

  /* A directory that cannot be created (below a regular file): an I/O error. */
  char file_template[] = "/tmp/pact-c-abi-file-XXXXXX";
  int fd = mkstemp(file_template);
  CHECK(fd >= 0);
  close(fd);
  char below_file[4200];
  snprintf(below_file, sizeof below_file, "%s/sub", file_template);
  CHECK_EQ_INT(write_pact_file(port, below_file), 2);
  char message[1024];
  CHECK(get_error_message(message, sizeof message) > 0);
  CHECK_CONTAINS(message, "pact-c-abi-file-");
  unlink(file_template);

  CHECK(cleanup_mock_server(port));
  CHECK(port_is_free(port));
  CHECK_EQ_INT(free_pact_handle(pact), 0);
}

int main(void) {
  alarm(300); /* a hang fails the test instead of blocking it */
  init("PACT_C_TEST_LOG");
  server_creation_codes();
  unknown_ports();
  handle_dsl_refuses_bad_input();
  unwritable_directory();
  return finish("bad_input");
}
