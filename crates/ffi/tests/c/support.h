/* Helpers shared by the C tests of the C ABI: checks that report the failing line, a minimal
 * HTTP/1.1 client over a loopback socket, and a check that a port can be bound again. */
#ifndef PACT_C_TEST_SUPPORT_H
#define PACT_C_TEST_SUPPORT_H

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "pact_mock_server_ffi.h"

static int failures = 0;

/* Prints the library's last error message for the current thread (if any). */
static inline void print_last_error(void) {
  char buf[1024];
  int n = get_error_message(buf, (int)sizeof buf);
  if (n > 0) fprintf(stderr, "    last error: %s\n", buf);
}

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      print_last_error();                                                      \
      __atomic_add_fetch(&failures, 1, __ATOMIC_SEQ_CST);                      \
    }                                                                          \
  } while (0)

#define CHECK_EQ_INT(actual, expected)                                           \
  do {                                                                           \
    long long a_ = (long long)(actual), e_ = (long long)(expected);              \
    if (a_ != e_) {                                                              \
      fprintf(stderr, "%s:%d: %s is %lld, expected %lld\n", __FILE__, __LINE__, \
              #actual, a_, e_);                                                  \
      print_last_error();                                                        \
      __atomic_add_fetch(&failures, 1, __ATOMIC_SEQ_CST);                        \
    }                                                                            \
  } while (0)

#define CHECK_CONTAINS(haystack, needle)                                              \
  do {                                                                                \
    const char *h_ = (haystack);                                                      \
    if (h_ == NULL || strstr(h_, (needle)) == NULL) {                                 \
      fprintf(stderr, "%s:%d: %s does not contain %s\n    value: %s\n", __FILE__,    \
              __LINE__, #haystack, (needle), h_ ? h_ : "(null)");                     \
      __atomic_add_fetch(&failures, 1, __ATOMIC_SEQ_CST);                             \
    }                                                                                 \
  } while (0)

/* Sends one request to 127.0.0.1:port and reads the whole answer into `response`.
 * `extra_headers` are complete lines ending in "\r\n" (or NULL). Returns the status code,
 * or -1 when the exchange failed. */
static inline int http_request(int port, const char *method, const char *target,
                        const char *extra_headers, const char *body, char *response,
                        size_t response_size) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  struct timeval tv = {10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  struct sockaddr_in addr;
  memset(&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_port = htons((unsigned short)port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  size_t body_len = body ? strlen(body) : 0;
  char *request = NULL;
  int len = asprintf(&request,
                     "%s %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n%s"
                     "Content-Length: %zu\r\n\r\n%s",
                     method, target, port, extra_headers ? extra_headers : "", body_len,
                     body ? body : "");
  if (len < 0) {
    close(fd);
    return -1;
  }
  ssize_t sent = 0;
  while (sent < len) {
    ssize_t n = send(fd, request + sent, (size_t)(len - sent), 0);
    if (n <= 0) break;
    sent += n;
  }
  free(request);
  size_t used = 0;
  for (;;) {
    if (used + 1 >= response_size) break;
    ssize_t n = recv(fd, response + used, response_size - used - 1, 0);
    if (n <= 0) break;
    used += (size_t)n;
  }
  response[used] = '\0';
  close(fd);
  int status = -1;
  if (sscanf(response, "HTTP/1.%*d %d", &status) != 1) return -1;
  return status;
}

/* The body of an HTTP response read by http_request (after the blank line). */
static inline const char *http_body(const char *response) {
  const char *p = strstr(response, "\r\n\r\n");
  return p ? p + 4 : "";
}

/* True when a new listener can bind 127.0.0.1:port (with SO_REUSEADDR, as servers do, so that
 * closed connections in TIME_WAIT do not count; a live listener still does). */
static inline int port_is_free(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in addr;
  memset(&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_port = htons((unsigned short)port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int ok = bind(fd, (struct sockaddr *)&addr, sizeof addr) == 0 && listen(fd, 1) == 0;
  close(fd);
  return ok;
}

/* Reads a whole file into a malloc'ed, NUL-terminated string (NULL when it cannot). */
static inline char *read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *text = malloc((size_t)size + 1);
  if (text && fread(text, 1, (size_t)size, f) != (size_t)size) {
    free(text);
    text = NULL;
  }
  if (text) text[size] = '\0';
  fclose(f);
  return text;
}

/* How many times `needle` occurs in `haystack`. */
static inline int count_occurrences(const char *haystack, const char *needle) {
  int n = 0;
  size_t step = strlen(needle);
  for (const char *p = haystack; p && (p = strstr(p, needle)) != NULL; p += step) n++;
  return n;
}

static inline int finish(const char *name) {
  if (failures) {
    fprintf(stderr, "%s: %d check(s) failed\n", name, failures);
    return 1;
  }
  printf("%s: all checks passed\n", name);
  return 0;
}

#endif
