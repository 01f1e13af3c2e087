/* handshake-floor: the least a TLS client can do per host, for comparison.
 *
 *   handshake-floor --addrs FILE --port 465 --concurrency N
 *
 * For every address of FILE (one a line): TCP connect, a full GnuTLS client
 * handshake (implicit TLS, the same priority string as mxtls' default, SNI
 * set), close. No SMTP, no DNS, no certificate verification (GnuTLS still
 * checks the server's handshake signature, as every client must). Up to N
 * handshakes run at once in one poll() loop, as the mxtls engine runs
 * checks. Prints one JSON object with the count, failures, wall time, this
 * process's CPU time (getrusage RUSAGE_SELF) and peak RSS (VmHWM).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <gnutls/gnutls.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "bench-clock.h"

/* mxtls' DEFAULT_PRIORITY (src/tls/starttls.c). */
#define PRIORITY "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2:-GROUP-DH-ALL"
#define SNI "farm.mxtls.test"

struct hs {
    int fd;
    int connecting;
    gnutls_session_t tls;
};

static gnutls_certificate_credentials_t creds;
static gnutls_priority_t priority;

static int start(struct hs *h, const char *addr, int port)
{
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    if (inet_pton(AF_INET, addr, &sa.sin_addr) != 1 ||
        ((ntohl(sa.sin_addr.s_addr) >> 24) & 0xff) != 127)
        return -1;                 /* loopback only */
    h->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (h->fd < 0)
        return -1;
    int on = 1;
    setsockopt(h->fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    if (connect(h->fd, (struct sockaddr *)&sa, sizeof sa) != 0 && errno != EINPROGRESS)
        return -1;
    h->connecting = 1;
    if (gnutls_init(&h->tls, GNUTLS_CLIENT | GNUTLS_NONBLOCK) < 0 ||
        gnutls_priority_set(h->tls, priority) < 0 ||
        gnutls_credentials_set(h->tls, GNUTLS_CRD_CERTIFICATE, creds) < 0 ||
        gnutls_server_name_set(h->tls, GNUTLS_NAME_DNS, SNI, strlen(SNI)) < 0)
        return -1;
    gnutls_transport_set_int(h->tls, h->fd);
    return 0;
}

static void finish(struct hs *h)
{
    if (h->tls)
        gnutls_deinit(h->tls);
    if (h->fd >= 0)
        close(h->fd);
    h->tls = NULL;
    h->fd = -1;
}

/* Advance one handshake: 0 in progress (events to wait for in *ev),
 * 1 done, -1 failed. */
static int step(struct hs *h, short *ev)
{
    if (h->connecting) {
        int err = 0;
        socklen_t len = sizeof err;
        if (getsockopt(h->fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0 || err)
            return -1;
        h->connecting = 0;
    }
    int r = gnutls_handshake(h->tls);
    if (r == GNUTLS_E_AGAIN || r == GNUTLS_E_INTERRUPTED) {
        *ev = gnutls_record_get_direction(h->tls) ? POLLOUT : POLLIN;
        return 0;
    }
    return r < 0 ? -1 : 1;
}

static char **read_lines(const char *path, size_t *n)
{
    FILE *f = fopen(path, "r");
    char line[128], **v = NULL;
    size_t cap = 0;
    *n = 0;
    if (!f)
        return NULL;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n \t")] = '\0';
        if (!line[0])
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 1024;
            if (!(v = realloc(v, cap * sizeof *v)))
                exit(2);
        }
        v[(*n)++] = strdup(line);
    }
    fclose(f);
    return v;
}

int main(int argc, char **argv)
{
    const char *file = NULL;
    int port = 465, conc = 1;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--addrs") == 0)
            file = argv[i + 1];
        else if (strcmp(argv[i], "--port") == 0)
            port = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--concurrency") == 0)
            conc = atoi(argv[i + 1]);
    }
    size_t n = 0;
    char **addrs = file ? read_lines(file, &n) : NULL;
    if (!addrs || n == 0 || conc < 1) {
        fprintf(stderr, "usage: handshake-floor --addrs FILE [--port N] [--concurrency N]\n");
        return 2;
    }
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    if (rl.rlim_cur < (rlim_t)conc + 64) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    if (gnutls_global_init() < 0 || gnutls_certificate_allocate_credentials(&creds) < 0 ||
        gnutls_priority_init(&priority, PRIORITY, NULL) < 0)
        return 2;
    struct hs *hs = calloc((size_t)conc, sizeof *hs);
    struct pollfd *pf = calloc((size_t)conc, sizeof *pf);
    if (!hs || !pf)
        return 2;
    size_t next = 0, ok = 0, failed = 0;
    int active = 0;
    struct rusage r0, r1;
    getrusage(RUSAGE_SELF, &r0);
    double w0 = bench_now_s();
    for (int i = 0; i < conc; i++)
        hs[i].fd = -1;
    for (;;) {
        for (int i = 0; i < conc; i++) {
            while (hs[i].fd < 0 && next < n) {
                if (start(&hs[i], addrs[next++], port) == 0) {
                    pf[i] = (struct pollfd){hs[i].fd, POLLOUT, 0};
                    active++;
                } else {
                    failed++;
                    finish(&hs[i]);
                }
            }
        }
        if (active == 0)
            break;
        if (poll(pf, (nfds_t)conc, 10000) <= 0)
            break;                 /* a stalled farm: count the rest failed */
        for (int i = 0; i < conc; i++) {
            if (hs[i].fd < 0 || !pf[i].revents)
                continue;
            short ev = 0;
            int r = step(&hs[i], &ev);
            if (r == 0) {
                pf[i] = (struct pollfd){hs[i].fd, ev, 0};
                continue;
            }
            r > 0 ? ok++ : failed++;
            finish(&hs[i]);
            pf[i] = (struct pollfd){-1, 0, 0};
            active--;
        }
    }
    double wall = bench_now_s() - w0;
    getrusage(RUSAGE_SELF, &r1);
    failed += n - ok - failed;
    printf("{\"handshakes\": %zu, \"ok\": %zu, \"failed\": %zu, \"concurrency\": %d, "
           "\"wall_s\": %.4f, \"user_s\": %.4f, \"sys_s\": %.4f, \"maxrss_kib\": %ld}\n",
           n, ok, failed, conc, wall, bench_tv_s(r1.ru_utime) - bench_tv_s(r0.ru_utime),
           bench_tv_s(r1.ru_stime) - bench_tv_s(r0.ru_stime), bench_peak_rss_kib());
    return failed ? 1 : 0;
}
