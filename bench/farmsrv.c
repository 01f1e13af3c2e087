/* farmsrv: the benchmark farm's SMTP + STARTTLS server, event-driven.
 *
 *   farmsrv --hosts FILE --cert CHAIN.pem --key KEY.pem
 *           [--port 25] [--implicit-port 465 --implicit-max N] [--workers N]
 *
 * FILE has one "ADDRESS BEHAVIOUR" line per farm host. Each address gets its
 * own listening socket on --port (bound to exactly that address: only
 * loopback is ever used), and the first N addresses also an implicit-TLS
 * socket on --implicit-port, for the handshake-only floor client.
 * Behaviours, so that a benchmark can tell deliberate failures from others:
 *   good          banner, EHLO offering STARTTLS, TLS, EHLO, QUIT
 *   no-starttls   EHLO does not offer STARTTLS (and STARTTLS gets 502)
 *   alert         220 to STARTTLS, then a raw fatal handshake_failure alert
 *   close         accepts and closes at once, before any banner
 * ("refused" hosts are simply left out of FILE: nothing listens there.)
 *
 * Unlike tests/fixtures/faultsrv.c (one forked child per connection, simple
 * to read), this one must not be the bottleneck of a 10,000-connection
 * benchmark: every worker is one epoll loop over non-blocking sockets and
 * GnuTLS sessions, and workers share the listening sockets (EPOLLEXCLUSIVE).
 * Certificates are an ECDSA P-256 chain, so the server's signature is cheap.
 * Session tickets are off and there is no session cache: every connection is
 * a full handshake, as a sender's first visit to a host is.
 *
 * Prints "worker PID" per worker and then "ready" on stdout; exits on
 * SIGTERM (workers die with the parent through PR_SET_PDEATHSIG).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <gnutls/gnutls.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_WORKERS 16
#define LINE_MAX_IN 512
#define EVENTS_PER_WAIT 256
#define PRIORITY "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2"

enum behaviour { B_GOOD, B_NO_STARTTLS, B_ALERT, B_CLOSE };
enum state { S_PLAIN, S_HANDSHAKE, S_TLS };

/* What an epoll entry points at: a listener or a connection. */
struct listener {
    int is_listener;              /* 1 */
    int fd;
    int implicit_tls;
    enum behaviour behaviour;
};

struct conn {
    int is_listener;              /* 0 */
    int fd;
    enum behaviour behaviour;
    enum state state;
    gnutls_session_t tls;
    size_t used;                  /* bytes of an unfinished line in buf */
    char buf[LINE_MAX_IN];
};

static gnutls_certificate_credentials_t creds;
static gnutls_priority_t priority;
static int epfd = -1;

static void die(const char *what)
{
    perror(what);
    exit(1);
}

static enum behaviour behaviour_of(const char *name)
{
    static const char *const names[] = {"good", "no-starttls", "alert", "close"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0)
            return (enum behaviour)i;
    fprintf(stderr, "farmsrv: unknown behaviour %s\n", name);
    exit(2);
}

/* As many descriptors as 2 per host plus 2 per connection may need. */
static void raise_nofile(size_t hosts)
{
    struct rlimit rl;
    rlim_t want = (rlim_t)hosts * 4 + 4096;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
        die("getrlimit");
    if (rl.rlim_max < want)
        rl.rlim_max = want;       /* works as root; else the next line caps */
    rl.rlim_cur = rl.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &rl) != 0) {
        getrlimit(RLIMIT_NOFILE, &rl);
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

static int listen_on(const char *addr, int port)
{
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    if (inet_pton(AF_INET, addr, &sa.sin_addr) != 1) {
        fprintf(stderr, "farmsrv: not an IPv4 address: %s\n", addr);
        exit(2);
    }
    if (((ntohl(sa.sin_addr.s_addr) >> 24) & 0xff) != 127) {
        fprintf(stderr, "farmsrv: only loopback addresses: %s\n", addr);
        exit(2);
    }
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int on = 1;
    if (fd < 0)
        die("socket");
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
        fprintf(stderr, "farmsrv: bind %s:%d: %s\n", addr, port, strerror(errno));
        exit(1);
    }
    if (listen(fd, 128) != 0)
        die("listen");
    return fd;
}

static void conn_close(struct conn *c)
{
    epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL);
    if (c->tls) {
        if (c->state == S_TLS)
            gnutls_bye(c->tls, GNUTLS_SHUT_WR);   /* best effort, non-blocking */
        gnutls_deinit(c->tls);
    }
    close(c->fd);
    free(c);
}

/* Replies are a few hundred bytes into an empty socket buffer: a short
 * write means the peer is gone or broken, and the connection is dropped. */
static int put(struct conn *c, const char *text)
{
    size_t len = strlen(text);
    if (c->state == S_TLS)
        return gnutls_record_send(c->tls, text, len) == (ssize_t)len ? 0 : -1;
    return send(c->fd, text, len, MSG_NOSIGNAL) == (ssize_t)len ? 0 : -1;
}

static void want(struct conn *c, uint32_t events)
{
    struct epoll_event ev = {.events = events, .data.ptr = c};
    epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev);
}

static int start_tls(struct conn *c)
{
    if (gnutls_init(&c->tls, GNUTLS_SERVER | GNUTLS_NONBLOCK | GNUTLS_NO_TICKETS) < 0 ||
        gnutls_priority_set(c->tls, priority) < 0 ||
        gnutls_credentials_set(c->tls, GNUTLS_CRD_CERTIFICATE, creds) < 0)
        return -1;
    gnutls_transport_set_int(c->tls, c->fd);
    c->state = S_HANDSHAKE;
    c->used = 0;
    return 0;
}

static const char ALERT_HANDSHAKE_FAILURE[] = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28};

/* One SMTP command line (CRLF stripped); -1 closes the connection. */
static int command(struct conn *c, const char *line)
{
    if (strncasecmp(line, "EHLO", 4) == 0) {
        int offer = c->state == S_PLAIN && c->behaviour != B_NO_STARTTLS;
        return put(c, offer ? "250-farm.mxtls.test\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n"
                              "250-STARTTLS\r\n250 8BITMIME\r\n"
                            : "250-farm.mxtls.test\r\n250-PIPELINING\r\n"
                              "250-SIZE 10240000\r\n250 8BITMIME\r\n");
    }
    if (strncasecmp(line, "HELO", 4) == 0)
        return put(c, "250 farm.mxtls.test\r\n");
    if (strncasecmp(line, "STARTTLS", 8) == 0) {
        if (c->state != S_PLAIN || c->behaviour == B_NO_STARTTLS)
            return put(c, "502 5.5.1 not here\r\n");
        if (put(c, "220 2.0.0 go ahead\r\n") != 0)
            return -1;
        if (c->behaviour == B_ALERT) {
            send(c->fd, ALERT_HANDSHAKE_FAILURE, sizeof ALERT_HANDSHAKE_FAILURE,
                 MSG_NOSIGNAL);
            return -1;
        }
        return start_tls(c);
    }
    if (strncasecmp(line, "QUIT", 4) == 0) {
        put(c, "221 2.0.0 bye\r\n");
        return -1;
    }
    if (strncasecmp(line, "NOOP", 4) == 0 || strncasecmp(line, "RSET", 4) == 0)
        return put(c, "250 2.0.0 ok\r\n");
    return put(c, "502 5.5.2 not implemented\r\n");
}

/* Split buffered input into lines and run them. A line longer than the
 * buffer is a broken client: drop it. */
static int lines(struct conn *c)
{
    for (;;) {
        char *nl = memchr(c->buf, '\n', c->used);
        if (!nl)
            return c->used < sizeof c->buf ? 0 : -1;
        *nl = '\0';
        if (nl > c->buf && nl[-1] == '\r')
            nl[-1] = '\0';
        size_t rest = c->used - (size_t)(nl + 1 - c->buf);
        enum state before = c->state;
        if (command(c, c->buf) != 0)
            return -1;
        memmove(c->buf, nl + 1, rest);
        c->used = rest;
        if (c->state != before) {
            c->used = 0;          /* RFC 3207: discard anything after STARTTLS */
            return 1;
        }
    }
}

static int handshake(struct conn *c)
{
    int r = gnutls_handshake(c->tls);
    if (r == GNUTLS_E_AGAIN || r == GNUTLS_E_INTERRUPTED) {
        want(c, gnutls_record_get_direction(c->tls) ? EPOLLOUT : EPOLLIN);
        return 0;
    }
    if (r < 0)
        return -1;
    c->state = S_TLS;
    want(c, EPOLLIN);
    return 0;
}

static int readable(struct conn *c)
{
    for (;;) {
        ssize_t n;
        if (c->state == S_HANDSHAKE)
            return handshake(c);
        if (c->state == S_TLS) {
            n = gnutls_record_recv(c->tls, c->buf + c->used, sizeof c->buf - c->used);
            if (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED)
                return 0;
        } else {
            n = recv(c->fd, c->buf + c->used, sizeof c->buf - c->used, 0);
            if (n < 0 && (errno == EAGAIN || errno == EINTR))
                return 0;
        }
        if (n <= 0)
            return -1;
        c->used += (size_t)n;
        int r = lines(c);
        if (r < 0)
            return -1;
        if (r > 0 && c->state == S_HANDSHAKE)
            return handshake(c);
    }
}

static void accept_all(const struct listener *l)
{
    for (;;) {
        int fd = accept4(l->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EMFILE || errno == ENFILE) {
                /* Out of descriptors: say so, and back off a millisecond so
                 * the still-readable listener does not spin the loop. */
                fprintf(stderr, "farmsrv: accept: %s\n", strerror(errno));
                nanosleep(&(struct timespec){0, 1000000}, NULL);
            }
            return;
        }
        if (l->behaviour == B_CLOSE) {
            close(fd);
            continue;
        }
        int on = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        struct conn *c = calloc(1, sizeof *c);
        if (!c) {
            close(fd);
            continue;
        }
        c->fd = fd;
        c->behaviour = l->behaviour;
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = c};
        int bad = epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) != 0;
        if (!bad && l->implicit_tls)
            bad = start_tls(c) != 0 || handshake(c) != 0;
        else if (!bad)
            bad = put(c, "220 farm.mxtls.test ESMTP farmsrv\r\n") != 0;
        if (bad)
            conn_close(c);
    }
}

static void worker_loop(struct listener *ls, size_t n)
{
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    epfd = epoll_create1(EPOLL_CLOEXEC);
    if (epfd < 0)
        die("epoll_create1");
    for (size_t i = 0; i < n; i++) {
        struct epoll_event ev = {.events = EPOLLIN | EPOLLEXCLUSIVE, .data.ptr = &ls[i]};
        if (epoll_ctl(epfd, EPOLL_CTL_ADD, ls[i].fd, &ev) != 0)
            die("epoll_ctl");
    }
    struct epoll_event evs[EVENTS_PER_WAIT];
    for (;;) {
        int k = epoll_wait(epfd, evs, EVENTS_PER_WAIT, -1);
        for (int i = 0; i < k; i++) {
            struct listener *l = evs[i].data.ptr;
            if (l->is_listener) {
                accept_all(l);
                continue;
            }
            struct conn *c = evs[i].data.ptr;
            if (readable(c) != 0)
                conn_close(c);
        }
    }
}

static size_t read_hosts(const char *path, int port, int implicit_port, size_t implicit_max,
                         struct listener **out)
{
    FILE *f = fopen(path, "r");
    if (!f)
        die(path);
    size_t n = 0, cap = 0, hosts = 0;
    struct listener *ls = NULL;
    char addr[64], name[32];
    while (fscanf(f, "%63s %31s", addr, name) == 2) {
        int implicit = implicit_port > 0 && hosts < implicit_max;
        if (n + 2 > cap) {
            cap = cap ? cap * 2 : 1024;
            if (!(ls = realloc(ls, cap * sizeof *ls)))
                die("realloc");
        }
        if (hosts == 0)
            raise_nofile(100000);
        enum behaviour b = behaviour_of(name);
        ls[n++] = (struct listener){1, listen_on(addr, port), 0, b};
        if (implicit)
            ls[n++] = (struct listener){1, listen_on(addr, implicit_port), 1, b};
        hosts++;
    }
    fclose(f);
    *out = ls;
    return n;
}

static void on_term(int sig)
{
    (void)sig;
    kill(0, SIGTERM);
    _exit(0);
}

int main(int argc, char **argv)
{
    const char *hosts = NULL, *cert = NULL, *key = NULL;
    int port = 25, implicit_port = 0, workers = 1;
    size_t implicit_max = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--hosts") == 0)
            hosts = argv[i + 1];
        else if (strcmp(argv[i], "--cert") == 0)
            cert = argv[i + 1];
        else if (strcmp(argv[i], "--key") == 0)
            key = argv[i + 1];
        else if (strcmp(argv[i], "--port") == 0)
            port = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--implicit-port") == 0)
            implicit_port = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--implicit-max") == 0)
            implicit_max = (size_t)atol(argv[i + 1]);
        else if (strcmp(argv[i], "--workers") == 0)
            workers = atoi(argv[i + 1]);
        else
            break;
    }
    if (!hosts || !cert || !key || workers < 1 || workers > MAX_WORKERS) {
        fprintf(stderr, "usage: farmsrv --hosts FILE --cert CHAIN --key KEY [--port N] "
                        "[--implicit-port N --implicit-max N] [--workers N]\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    if (gnutls_global_init() < 0 ||
        gnutls_certificate_allocate_credentials(&creds) < 0 ||
        gnutls_certificate_set_x509_key_file(creds, cert, key, GNUTLS_X509_FMT_PEM) < 0 ||
        gnutls_priority_init(&priority, PRIORITY, NULL) < 0) {
        fprintf(stderr, "farmsrv: cannot load %s / %s\n", cert, key);
        return 1;
    }
    struct listener *ls = NULL;
    size_t n = read_hosts(hosts, port, implicit_port, implicit_max, &ls);
    setpgid(0, 0);
    signal(SIGTERM, on_term);
    signal(SIGINT, on_term);
    for (int w = 0; w < workers; w++) {
        pid_t pid = fork();
        if (pid < 0)
            die("fork");
        if (pid == 0) {
            signal(SIGTERM, SIG_DFL);
            signal(SIGINT, SIG_DFL);
            worker_loop(ls, n);
        }
        printf("worker %d\n", (int)pid);
    }
    printf("ready %zu listeners\n", n);
    fflush(stdout);
    for (;;) {
        int st;
        pid_t dead = wait(&st);
        if (dead < 0 && errno != EINTR)
            break;
        if (dead > 0) {
            fprintf(stderr, "farmsrv: worker %d ended (status %d)\n", (int)dead, st);
            kill(0, SIGTERM);
            return 1;
        }
    }
    return 0;
}
