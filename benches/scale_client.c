/*
 * The load generator of the scale workload (benches/workload.mjs builds it with cc). Reads one
 * line "<path> <port> <port> ..." from stdin, sends `GET <path>` to 127.0.0.1 on every port and
 * prints each response's status, one per line in the order of the ports (0 when a request
 * failed). Written in C, like wrk for the throughput workloads, so that what is measured is
 * the servers: a Node client spent ~0.25 ms per request here, more than either server.
 *
 * - Non-blocking sockets in one epoll loop, at most WINDOW at a time, so that the handshakes
 *   come in waves the loopback's queues absorb rather than one burst of 500.
 * - The client closes each connection once it has the whole response (by Content-Length), so
 *   TIME_WAIT lands on its own ephemeral ports: left on the servers' ports, thousands of them
 *   made every later bind to port 0 scan for a free port (2-3 ms a bind on this machine).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_PORTS 4096
#define WINDOW 64
#define RESPONSE_MAX 8192

struct conn {
  int fd;
  int port;
  int sent;
  int status;
  size_t len;
  char response[RESPONSE_MAX + 1];
};

static char line[1 << 16];
static struct conn conns[MAX_PORTS];

/* Starts connecting; 1 when the connection is under way, 0 when it failed at once. */
static int open_conn(int ep, struct conn *c, unsigned index) {
  c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(c->port)};
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (c->fd < 0 || (connect(c->fd, (struct sockaddr *)&addr, sizeof addr) < 0 && errno != EINPROGRESS)) {
    if (c->fd >= 0) close(c->fd);
    c->fd = -1;
    return 0;
  }
  struct epoll_event ev = {.events = EPOLLOUT, .data.u32 = index};
  epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev);
  return 1;
}

/* The status once the whole response is in, else -1. */
static int complete_status(struct conn *c) {
  c->response[c->len] = 0;
  char *end = strstr(c->response, "\r\n\r\n");
  if (!end) return -1;
  size_t body = c->len - (size_t)(end + 4 - c->response);
  size_t expected = 0;
  for (char *h = strstr(c->response, "\r\n"); h && h < end; h = strstr(h + 2, "\r\n")) {
    if (strncasecmp(h + 2, "content-length:", 15) == 0) expected = strtoul(h + 17, NULL, 10);
  }
  if (body < expected) return -1;
  return strncmp(c->response, "HTTP/1.1 ", 9) == 0 ? atoi(c->response + 9) : 0;
}

int main(void) {
  if (!fgets(line, sizeof line, stdin)) return 1;
  char *save = NULL;
  char *path = strtok_r(line, " \n", &save);
  if (!path) return 1;
  int n = 0;
  for (char *tok; n < MAX_PORTS && (tok = strtok_r(NULL, " \n", &save));) conns[n++].port = atoi(tok);

  int ep = epoll_create1(0);
  if (ep < 0) return 1;
  char request[512];
  struct epoll_event events[WINDOW];
  int next = 0, pending = 0;
  for (;;) {
    for (; pending < WINDOW && next < n; next++) pending += open_conn(ep, &conns[next], (unsigned)next);
    if (pending == 0) break;
    int ready = epoll_wait(ep, events, WINDOW, 10000);
    if (ready <= 0) break;
    for (int e = 0; e < ready; e++) {
      struct conn *c = &conns[events[e].data.u32];
      if (c->fd < 0) continue;
      if (!c->sent) {
        int len = snprintf(request, sizeof request, "GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n", path, c->port);
        if (write(c->fd, request, (size_t)len) != len) goto done;
        c->sent = 1;
        struct epoll_event ev = {.events = EPOLLIN, .data.u32 = events[e].data.u32};
        epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
        continue;
      }
      for (;;) {
        ssize_t got = read(c->fd, c->response + c->len, RESPONSE_MAX - c->len);
        if (got > 0) {
          c->len += (size_t)got;
          int status = complete_status(c);
          if (status >= 0) {
            c->status = status;
            goto done;
          }
          if (c->len == RESPONSE_MAX) goto done;
          continue;
        }
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
        goto done; /* closed or failed before the response was complete */
      }
      continue;
    done:
      close(c->fd);
      c->fd = -1;
      pending--;
    }
  }
  for (int i = 0; i < n; i++) printf("%d\n", conns[i].status);
  return 0;
}
