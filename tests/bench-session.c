/* bench-session: how long one whole session takes against a server, and
 * how it spreads: connect + banner + EHLO + STARTTLS + handshake + EHLO +
 * QUIT, N times in a row.
 *
 *   bench-session ADDRESS PORT [N]      (default N = 50)
 *
 * Prints min / median / p90 / max in milliseconds. For the peak memory of
 * one session run it with N = 1 under valgrind --tool=massif. Not a test:
 * figures depend on the machine; run it under with_lab.py --certs --smtp. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <mxtls/mxtls.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* One session; returns its duration, or -1 if it did not reach TLS. */
static double one(mxtls_ctx *ctx, const mxtls_address *a, int port)
{
    mxtls_session *s = NULL;
    mxtls_connect_result *cr = NULL;
    mxtls_tls_result *tr = NULL;
    double t0 = now_ms();
    int ok = mxtls_connect(ctx, a, port, MXTLS_MODE_STARTTLS, "mail.mxtls.test", &s, &cr) ==
                 MXTLS_OK && s && mxtls_starttls(s, NULL, &tr) == MXTLS_OK &&
             tr->failure == MXTLS_TLS_OK;
    mxtls_session_close(s);
    double dt = now_ms() - t0;
    mxtls_tls_result_free(tr);
    mxtls_connect_result_free(cr);
    return ok ? dt : -1;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench-session ADDRESS PORT [N]\n");
        return 2;
    }
    int n = argc > 3 ? atoi(argv[3]) : 50;
    if (n < 1 || n > 100000)
        return 2;
    mxtls_ctx *ctx = NULL;
    mxtls_address *a = NULL;
    if (mxtls_ctx_new(&ctx) != MXTLS_OK || mxtls_address_parse(ctx, argv[1], &a) != MXTLS_OK)
        return 2;
    double *t = calloc((size_t)n, sizeof *t);
    int got = 0;
    for (int i = 0; i < n && t; i++) {
        double dt = one(ctx, a, atoi(argv[2]));
        if (dt >= 0)
            t[got++] = dt;
    }
    if (got > 0) {
        qsort(t, (size_t)got, sizeof *t, cmp);
        printf("%d/%d sessions reached TLS: min %.2f ms, median %.2f ms, p90 %.2f ms, "
               "max %.2f ms\n", got, n, t[0], t[got / 2], t[got * 9 / 10], t[got - 1]);
    }
    free(t);
    mxtls_address_free(a);
    mxtls_ctx_free(ctx);
    return got == n ? 0 : 1;
}
