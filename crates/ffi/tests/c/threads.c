/* The C ABI from several threads at once: each thread builds its own pact, serves it, sends
 * requests, checks the result, writes its pact file and cleans up, while all threads also add
 * interactions to one shared pact handle, which is served at the end. */
#include "support.h"

#include <pthread.h>

#define THREADS 8
#define ROUNDS 3

static PactHandle shared;
static char dir[64];

static void *worker(void *arg) {
  int id = (int)(intptr_t)arg;
  char consumer[64], text[128], response[8192];
  for (int round = 0; round < ROUNDS; round++) {
    snprintf(consumer, sizeof consumer, "consumer-%d-%d", id, round);
    PactHandle pact = new_pact(consumer, "threaded-provider");
    CHECK(pact.pact != 0);
    InteractionHandle i = new_interaction(pact, "get the thread's resource");
    snprintf(text, sizeof text, "/threads/%d", id);
    CHECK(with_request(i, "GET", text));
    CHECK(response_status(i, 200));
    snprintf(text, sizeof text, "{\"thread\": %d, \"round\": %d}", id, round);
    CHECK(with_body(i, InteractionPart_Response, "application/json", text));

    /* Meanwhile, grow the shared pact. */
    snprintf(text, sizeof text, "shared interaction %d-%d", id, round);
    InteractionHandle s = new_interaction(shared, text);
    CHECK(s.interaction != 0);
    snprintf(text, sizeof text, "/shared/%d/%d", id, round);
    CHECK(with_request(s, "GET", text));

    int32_t port = create_mock_server_for_pact(pact, "127.0.0.1:0", false);
    CHECK(port > 0);
    if (port <= 0) continue;
    snprintf(text, sizeof text, "/threads/%d", id);
    int status = http_request(port, "GET", text, NULL, NULL, response, sizeof response);
    CHECK_EQ_INT(status, 200);
    /* The body is this round's, whatever the JSON spacing. */
    char compact[64], spaced[64];
    snprintf(compact, sizeof compact, "\"round\":%d", round);
    snprintf(spaced, sizeof spaced, "\"round\": %d", round);
    CHECK(strstr(response, compact) != NULL || strstr(response, spaced) != NULL);
    CHECK(mock_server_matched(port));
    CHECK_EQ_INT(write_pact_file(port, dir), 0);
    CHECK(cleanup_mock_server(port));
    CHECK_EQ_INT(free_pact_handle(pact), 0);
  }
  return NULL;
}

int main(void) {
  alarm(300); /* a hang fails the test instead of blocking it */
  init(NULL);
  strcpy(dir, "/tmp/pact-c-abi-threads-XXXXXX");
  CHECK(mkdtemp(dir) != NULL);
  shared = new_pact("shared-consumer", "shared-provider");

  pthread_t threads[THREADS];
  for (int t = 0; t < THREADS; t++)
    CHECK(pthread_create(&threads[t], NULL, worker, (void *)(intptr_t)t) == 0);
  for (int t = 0; t < THREADS; t++) pthread_join(threads[t], NULL);

  /* Every thread's pact file is there. */
  char path[256];
  for (int t = 0; t < THREADS; t++) {
    for (int r = 0; r < ROUNDS; r++) {
      snprintf(path, sizeof path, "%s/consumer-%d-%d-threaded-provider.json", dir, t, r);
      char *text = read_file(path);
      CHECK(text != NULL);
      CHECK_CONTAINS(text, "get the thread's resource");
      free(text);
    }
  }

  /* No interaction added concurrently to the shared pact was lost: none was requested, so
   * each one is reported missing. */
  int32_t port = create_mock_server_for_pact(shared, "127.0.0.1:0", false);
  CHECK(port > 0);
  const char *mismatches = mock_server_mismatches(port);
  CHECK_EQ_INT(count_occurrences(mismatches, "\"missing-request\""), THREADS * ROUNDS);
  CHECK(cleanup_mock_server(port));
  CHECK_EQ_INT(free_pact_handle(shared), 0);

  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
  return finish("threads");
}
