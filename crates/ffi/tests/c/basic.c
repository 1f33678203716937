/* End to end through the C ABI: build a pact with two interactions using handles, serve it on a
 * free loopback port, send real HTTP requests, check matching, write and read back the pact file,
 * clean up and check the port is free; then a server from pact JSON that gets wrong requests. */
#include "support.h"

#include <stdint.h>

static const char *ITEM_BODY =
    "{\"id\": 1, \"name\": {\"pact:matcher:type\": \"type\", \"value\": \"widget\"}}";

static void served_pact_matches_and_is_written(const char *dir) {
  PactHandle pact = new_pact("c-consumer", "c-provider");
  CHECK(pact.pact != 0);

  InteractionHandle get = new_interaction(pact, "a request for an item");
  CHECK(get.interaction != 0);
  CHECK(given(get, "an item exists"));
  /* The path is integration JSON: any item number, /items/1 as the example. */
  CHECK(with_request(get, "GET",
                     "{\"pact:matcher:type\": \"regex\", \"regex\": \"^/items/[0-9]+$\","
                     " \"value\": \"/items/1\"}"));
  CHECK(with_query_parameter(get, "detail", 0, "full"));
  CHECK(with_header(get, InteractionPart_Request, "Accept", 0, "application/json"));
  CHECK(response_status(get, 200));
  CHECK(with_header(get, InteractionPart_Response, "X-Item", 0, "1"));
  CHECK(with_body(get, InteractionPart_Response, "application/json", ITEM_BODY));

  InteractionHandle post = new_interaction(pact, "placeholder");
  CHECK(post.interaction != 0 && post.interaction != get.interaction);
  CHECK(upon_receiving(post, "a request to create an item"));
  CHECK(with_request(post, "POST", "/items"));
  CHECK(with_body(post, InteractionPart_Request, "application/json", "{\"name\": \"gadget\"}"));
  CHECK(response_status(post, 201));

  int32_t port = create_mock_server_for_pact(pact, "127.0.0.1:0", false);
  CHECK(port > 0);
  if (port <= 0) return;
  /* Nothing received yet: both interactions are missing. */
  CHECK(!mock_server_matched(port));

  char response[8192];
  int status = http_request(port, "GET", "/items/1?detail=full", "Accept: application/json\r\n",
                            NULL, response, sizeof response);
  CHECK_EQ_INT(status, 200);
  CHECK_CONTAINS(http_body(response), "\"widget\"");
  CHECK(strcasestr(response, "\r\nX-Item: 1\r\n") != NULL); /* header names are case-insensitive */
  status = http_request(port, "POST", "/items", "Content-Type: application/json\r\n",
                        "{\"name\": \"gadget\"}", response, sizeof response);
  CHECK_EQ_INT(status, 201);

  /* Servers from handles answer CORS pre-flight requests, which count as no mismatch. */
  status = http_request(port, "OPTIONS", "/items",
                        "Origin: http://example.test\r\nAccess-Control-Request-Method: POST\r\n",
                        NULL, response, sizeof response);
  CHECK(status >= 200 && status < 300);
  CHECK(strcasestr(response, "\r\nAccess-Control-Allow-Origin:") != NULL);

  CHECK(mock_server_matched(port));
  const char *mismatches = mock_server_mismatches(port);
  CHECK(mismatches != NULL && strcmp(mismatches, "[]") == 0);

  CHECK_EQ_INT(write_pact_file(port, dir), 0);
  char path[4096];
  snprintf(path, sizeof path, "%s/c-consumer-c-provider.json", dir);
  char *written = read_file(path);
  CHECK(written != NULL);
  CHECK_CONTAINS(written, "\"c-consumer\"");
  CHECK_CONTAINS(written, "\"c-provider\"");
  CHECK_CONTAINS(written, "a request for an item");
  CHECK_CONTAINS(written, "a request to create an item");
  CHECK_CONTAINS(written, "an item exists");
  CHECK_CONTAINS(written, "\"3.0.0\"");  /* handles default to specification V3 */
  CHECK_CONTAINS(written, "\"$.name\""); /* the type matcher became a matching rule */
  CHECK_CONTAINS(written, "\"widget\"");
  CHECK_CONTAINS(written, "^/items/[0-9]+$"); /* the path matcher too */
  CHECK_CONTAINS(written, "\"/items/1\"");
  CHECK_EQ_INT(count_occurrences(written, "\"description\""), 2);
  free(written);

  const char *logs = mock_server_logs(port);
  CHECK_CONTAINS(logs, "/items/1");

  CHECK(cleanup_mock_server(port));
  CHECK(port_is_free(port));
  CHECK(!cleanup_mock_server(port));
  CHECK(!mock_server_matched(port));
  CHECK(mock_server_mismatches(port) == NULL);
  CHECK_EQ_INT(write_pact_file(port, dir), 3);
  CHECK_EQ_INT(free_pact_handle(pact), 0);
}

/* A second pact of the same consumer and provider: written by default it merges into the
 * file, written with overwrite it replaces it. */
static void pact_files_merge_or_overwrite(const char *dir) {
  PactHandle pact = new_pact("c-consumer", "c-provider");
  InteractionHandle i = new_interaction(pact, "a third kind of request");
  CHECK(with_request(i, "DELETE", "/items/1"));
  CHECK(response_status(i, 204));
  int32_t port = create_mock_server_for_pact(pact, "localhost:0", false);
  CHECK(port > 0);
  if (port <= 0) return;
  char response[4096];
  CHECK_EQ_INT(http_request(port, "DELETE", "/items/1", NULL, NULL, response, sizeof response),
               204);
  char path[4096];
  snprintf(path, sizeof path, "%s/c-consumer-c-provider.json", dir);

  /* NULL directory: the current one. */
  char previous[4096];
  CHECK(getcwd(previous, sizeof previous) != NULL);
  CHECK(chdir(dir) == 0);
  CHECK_EQ_INT(write_pact_file(port, NULL), 0);
  CHECK(chdir(previous) == 0);
  char *merged = read_file(path);
  CHECK_EQ_INT(count_occurrences(merged, "\"description\""), 3);
  CHECK_CONTAINS(merged, "a request for an item");
  CHECK_CONTAINS(merged, "a third kind of request");
  free(merged);

  CHECK_EQ_INT(write_pact_file_with_options(port, dir, true), 0);
  char *replaced = read_file(path);
  CHECK_EQ_INT(count_occurrences(replaced, "\"description\""), 1);
  CHECK_CONTAINS(replaced, "a third kind of request");
  free(replaced);

  CHECK(cleanup_mock_server(port));
  CHECK_EQ_INT(free_pact_handle(pact), 0);
}

/* With tls the server starts (HTTPS with a self-signed certificate) and stops like any other. */
static void tls_server_starts_and_stops(void) {
  PactHandle pact = new_pact("tls-consumer", "tls-provider");
  int32_t port = create_mock_server_for_pact(pact, "127.0.0.1:0", true);
  CHECK(port > 0);
  if (port > 0) {
    CHECK(mock_server_matched(port)); /* no interactions: nothing can be missing */
    CHECK(cleanup_mock_server(port));
    CHECK(port_is_free(port));
  }
  CHECK_EQ_INT(free_pact_handle(pact), 0);
}

static const char *PACT_JSON =
    "{\"consumer\": {\"name\": \"json-consumer\"}, \"provider\": {\"name\": \"json-provider\"},"
    " \"interactions\": [{\"description\": \"create\", \"request\": {\"method\": \"POST\","
    " \"path\": \"/things\", \"headers\": {\"Content-Type\": \"application/json\"},"
    " \"body\": {\"foo\": \"bar\"}}, \"response\": {\"status\": 204}}],"
    " \"metadata\": {\"pactSpecification\": {\"version\": \"3.0.0\"}}}";

static void wrong_requests_are_reported(void) {
  int32_t port = create_mock_server(PACT_JSON, "127.0.0.1:0", false);
  CHECK(port > 0);
  if (port <= 0) return;
  char response[8192];
  int status = http_request(port, "POST", "/things", "Content-Type: application/json\r\n",
                            "{\"foo\": \"no-very-bar\"}", response, sizeof response);
  CHECK_EQ_INT(status, 500);
  status = http_request(port, "GET", "/unexpected", NULL, NULL, response, sizeof response);
  CHECK_EQ_INT(status, 500);

  CHECK(!mock_server_matched(port));
  const char *mismatches = mock_server_mismatches(port);
  CHECK_CONTAINS(mismatches, "\"request-mismatch\"");
  CHECK_CONTAINS(mismatches, "\"BodyMismatch\"");
  CHECK_CONTAINS(mismatches, "\"$.foo\"");
  CHECK_CONTAINS(mismatches, "no-very-bar");
  CHECK_CONTAINS(mismatches, "\"request-not-found\"");
  CHECK_CONTAINS(mismatches, "/unexpected");
  /* Asking again gives the same, still valid string. */
  const char *again = mock_server_mismatches(port);
  CHECK(again == mismatches);
  CHECK(cleanup_mock_server(port));
  CHECK(port_is_free(port));
}

int main(void) {
  alarm(300); /* a hang fails the test instead of blocking it */
  init(NULL);
  char dir_template[] = "/tmp/pact-c-abi-XXXXXX";
  char *dir = mkdtemp(dir_template);
  CHECK(dir != NULL);
  if (!dir) return finish("basic");
  served_pact_matches_and_is_written(dir);
  pact_files_merge_or_overwrite(dir);
  tls_server_starts_and_stops();
  wrong_requests_are_reported();
  char cmd[4200];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
  return finish("basic");
}
