/* The connect and starttls stages against real servers on loopback: the
 * lab's Postfix (25/587/465, IPv4 and ::1) and every fault-server scenario,
 * each with its exact classification and within its deadline.
 * Run under tests/fixtures/with_lab.py --certs --smtp. */
#define _POSIX_C_SOURCE 200809L
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <mxtls/mxtls.h>

#include "testlib.h"

#define CONNECT_MS 1500
#define STARTTLS_MS 1500
/* Real servers get a generous deadline: their tests are not about deadlines,
 * and a first TLS session (Postfix's tlsmgr starting) under valgrind is slow. */
#define REAL_SERVER_MS 15000

static uint32_t g_connect_ms = CONNECT_MS, g_starttls_ms = STARTTLS_MS;

static void real_server_deadlines(void)
{
    g_connect_ms = g_starttls_ms = REAL_SERVER_MS;
}

static void fault_deadlines(void)
{
    g_connect_ms = CONNECT_MS;
    g_starttls_ms = STARTTLS_MS;
}
/* How far past its deadline a stage may end: scheduling, and valgrind. */
#define SLACK_MS 1500

struct probe {
    mxtls_status connect_status, tls_status;
    mxtls_connect_result *cr;
    mxtls_tls_result *tr;       /* NULL when connect failed */
    int64_t connect_elapsed, tls_elapsed;
};

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static mxtls_ctx *new_ctx(void)
{
    mxtls_ctx *ctx = NULL;
    ck_assert_int_eq(mxtls_ctx_new(&ctx), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(ctx, MXTLS_STAGE_CONNECT, g_connect_ms),
                     MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(ctx, MXTLS_STAGE_STARTTLS, g_starttls_ms),
                     MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_helo_name(ctx, "probe.mxtls.test"), MXTLS_OK);
    return ctx;
}

/* "A.B.C.D:PORT" or "[::1]:PORT" from the environment. */
static mxtls_address *lab_address(mxtls_ctx *ctx, const char *var, int32_t *port)
{
    char host[64];
    const char *v = mxtls_test_env(var);
    const char *colon = strrchr(v, ':');
    ck_assert_ptr_nonnull(colon);
    size_t n = (size_t)(colon - v);
    ck_assert_uint_lt(n, sizeof host);
    if (v[0] == '[') {
        memcpy(host, v + 1, n - 2);
        host[n - 2] = '\0';
    } else {
        memcpy(host, v, n);
        host[n] = '\0';
    }
    *port = atoi(colon + 1);
    mxtls_address *a = NULL;
    ck_assert_int_eq(mxtls_address_parse(ctx, host, &a), MXTLS_OK);
    return a;
}

/* Connect, STARTTLS (when connect succeeded and mode allows), close. */
static struct probe run_probe(const char *var, int32_t mode, const char *server_name,
                              const mxtls_tls_params *params)
{
    struct probe p = {0};
    mxtls_ctx *ctx = new_ctx();
    int32_t port;
    mxtls_address *a = lab_address(ctx, var, &port);
    mxtls_session *s = NULL;
    int64_t t0 = now_ms();
    p.connect_status = mxtls_connect(ctx, a, port, mode, server_name, &s, &p.cr);
    p.connect_elapsed = now_ms() - t0;
    mxtls_address_free(a);
    mxtls_ctx_free(ctx);          /* the session must not need it */
    ck_assert_int_eq(p.connect_status, MXTLS_OK);
    ck_assert_ptr_nonnull(p.cr);
    ck_assert_ptr_nonnull(p.cr->detail);
    ck_assert_int_eq(p.cr->struct_size, sizeof *p.cr);
    ck_assert_int_eq(s != NULL, p.cr->failure == MXTLS_CONN_OK);
    if (s && mode != MXTLS_MODE_PLAIN) {
        t0 = now_ms();
        p.tls_status = mxtls_starttls(s, params, &p.tr);
        p.tls_elapsed = now_ms() - t0;
        ck_assert_int_eq(p.tls_status, MXTLS_OK);
        ck_assert_ptr_nonnull(p.tr);
        ck_assert_ptr_nonnull(p.tr->detail);
        ck_assert_ptr_nonnull(p.tr->caps);
    }
    mxtls_session_close(s);
    return p;
}

static void probe_free(struct probe *p)
{
    mxtls_connect_result_free(p->cr);
    mxtls_tls_result_free(p->tr);
}

static void assert_within(int64_t elapsed, int64_t deadline)
{
    ck_assert_msg(elapsed <= deadline + mxtls_test_slack_ms(SLACK_MS), "took %lld ms, deadline %lld ms",
                  (long long)elapsed, (long long)deadline);
}

/* A stage that timed out must have waited for its whole deadline, no less. */
static void assert_timed_out_at(int64_t elapsed, int64_t deadline)
{
    ck_assert_msg(elapsed >= deadline - 20, "gave up after %lld ms, before %lld ms",
                  (long long)elapsed, (long long)deadline);
    assert_within(elapsed, deadline);
}

static mxtls_tls_params *params_sni(const char *sni, int omit)
{
    mxtls_tls_params *p = NULL;
    ck_assert_int_eq(mxtls_tls_params_new(&p), MXTLS_OK);
    if (sni || omit)
        ck_assert_int_eq(mxtls_tls_params_set_sni(p, sni), MXTLS_OK);
    return p;
}

/* ---- Postfix ------------------------------------------------------------- */

static void assert_good_tls(const mxtls_tls_result *t)
{
    ck_assert_msg(t->failure == MXTLS_TLS_OK, "%s", t->detail);
    ck_assert_int_ge(t->version, MXTLS_TLS_1_2);
    ck_assert_ptr_nonnull(t->version_name);
    ck_assert_ptr_nonnull(t->cipher_suite);
    ck_assert_ptr_nonnull(t->group);
    ck_assert_ptr_nonnull(t->sigalg);
    ck_assert_int_ge(t->handshake_ms, 0);
    ck_assert_int_eq(t->alert_received, -1);
    ck_assert_int_eq(t->alert_sent, -1);
    ck_assert_int_eq(t->gnutls_error, 0);
    /* Leaf then intermediate, as the lab's chain file holds them. */
    ck_assert_uint_eq(t->n_peer_certs, 2);
    for (size_t i = 0; i < t->n_peer_certs; i++) {
        ck_assert_uint_gt(t->peer_cert_lens[i], 100);
        ck_assert_int_eq(t->peer_certs[i][0], 0x30);   /* DER SEQUENCE */
    }
    ck_assert_int_eq(t->ehlo_code, 250);
    ck_assert_uint_gt(t->n_ehlo_lines, 1);
    ck_assert_int_eq(t->caps->starttls, 0);            /* not offered twice */
}

START_TEST(postfix_25_starttls)
{
    struct probe p = run_probe("MXTLS_LAB_POSTFIX_SMTP", MXTLS_MODE_STARTTLS,
                               "mail.mxtls.test", NULL);
    const mxtls_connect_result *c = p.cr;
    ck_assert_msg(c->failure == MXTLS_CONN_OK, "%s", c->detail);
    ck_assert_int_eq(c->banner_code, 220);
    ck_assert_ptr_nonnull(strstr(c->banner, "mail.mxtls.test ESMTP"));
    ck_assert_int_ge(c->connect_ms, 0);
    ck_assert_int_ge(c->banner_ms, 0);
    ck_assert_int_ge(c->ehlo_ms, 0);
    ck_assert_int_eq(c->ehlo_code, 250);
    ck_assert_str_eq(c->ehlo_lines[0], "mail.mxtls.test");
    ck_assert_int_eq(c->caps->starttls, 1);
    ck_assert_int_eq(c->caps->pipelining, 1);
    ck_assert_int_eq(c->caps->has_size, 1);
    ck_assert_int_eq(c->caps->size_limit, 10240000);
    ck_assert_int_eq(c->caps->chunking, 1);
    ck_assert_int_eq(c->caps->malformed, 0);
    ck_assert_int_eq(c->helo_fallback, 0);
    assert_good_tls(p.tr);
    ck_assert_int_eq(p.tr->starttls_code, 220);
    ck_assert_str_eq(p.tr->sni, "mail.mxtls.test");
    ck_assert_int_eq(p.tr->version, MXTLS_TLS_1_3);
    probe_free(&p);
}
END_TEST

START_TEST(postfix_587_tls12)
{
    mxtls_tls_params *params = params_sni(NULL, 0);
    ck_assert_int_eq(mxtls_tls_params_set_versions(params, MXTLS_TLS_1_2, MXTLS_TLS_1_2),
                     MXTLS_OK);
    struct probe p = run_probe("MXTLS_LAB_POSTFIX_SUBMISSION", MXTLS_MODE_STARTTLS,
                               "smtp.mxtls.test", params);
    mxtls_tls_params_free(params);
    ck_assert_msg(p.cr->failure == MXTLS_CONN_OK, "%s", p.cr->detail);
    assert_good_tls(p.tr);
    ck_assert_int_eq(p.tr->version, MXTLS_TLS_1_2);
    ck_assert_str_eq(p.tr->version_name, "TLS1.2");
    ck_assert_str_eq(p.tr->kx, "ECDHE-ECDSA");
    ck_assert_int_eq(p.tr->dh_prime_bits, 0);
    ck_assert_ptr_nonnull(strstr(p.tr->priority, "+VERS-TLS1.2"));
    probe_free(&p);
}
END_TEST

START_TEST(postfix_465_implicit)
{
    struct probe p = run_probe("MXTLS_LAB_POSTFIX_SMTPS", MXTLS_MODE_IMPLICIT_TLS,
                               "smtp.mxtls.test", NULL);
    ck_assert_msg(p.cr->failure == MXTLS_CONN_OK, "%s", p.cr->detail);
    ck_assert_int_eq(p.cr->banner_code, 0);            /* read over TLS instead */
    assert_good_tls(p.tr);
    ck_assert_int_eq(p.tr->starttls_code, 0);
    ck_assert_int_eq(p.tr->banner_code, 220);
    ck_assert_ptr_nonnull(strstr(p.tr->banner, "ESMTP"));
    probe_free(&p);
}
END_TEST

START_TEST(postfix_ipv6)
{
    static const char *vars[] = {"MXTLS_LAB_POSTFIX6_SMTP", "MXTLS_LAB_POSTFIX6_SUBMISSION"};
    for (size_t i = 0; i < 2; i++) {
        struct probe p = run_probe(vars[i], MXTLS_MODE_STARTTLS, "mail.mxtls.test", NULL);
        ck_assert_msg(p.cr->failure == MXTLS_CONN_OK, "%s", p.cr->detail);
        ck_assert_str_eq(p.cr->address, "::1");
        assert_good_tls(p.tr);
        probe_free(&p);
    }
    struct probe p = run_probe("MXTLS_LAB_POSTFIX6_SMTPS", MXTLS_MODE_IMPLICIT_TLS,
                               "mail.mxtls.test", NULL);
    assert_good_tls(p.tr);
    probe_free(&p);
}
END_TEST

/* Postfix is told >=TLSv1.2; a client offering only 1.0-1.1 gets alert 70. */
START_TEST(postfix_refuses_old_protocols)
{
    mxtls_tls_params *params = params_sni(NULL, 0);
    ck_assert_int_eq(mxtls_tls_params_set_priority(params, "NORMAL"), MXTLS_OK);
    ck_assert_int_eq(mxtls_tls_params_set_versions(params, MXTLS_TLS_1_0, MXTLS_TLS_1_1),
                     MXTLS_OK);
    struct probe p = run_probe("MXTLS_LAB_POSTFIX_SMTP", MXTLS_MODE_STARTTLS,
                               "mail.mxtls.test", params);
    mxtls_tls_params_free(params);
    ck_assert_int_eq(p.tr->failure, MXTLS_TLS_HANDSHAKE_FAILED);
    ck_assert_int_eq(p.tr->failure_phase, MXTLS_PHASE_HANDSHAKE);
    ck_assert_int_eq(p.tr->alert_received, 70);
    ck_assert_str_eq(p.tr->alert_received_name, "protocol_version");
    ck_assert_str_eq(p.tr->gnutls_error_name, "GNUTLS_E_FATAL_ALERT_RECEIVED");
    probe_free(&p);
}
END_TEST

/* Implicit TLS against a STARTTLS port: a plaintext 220 comes instead of a
 * ServerHello (DIAGNOSES row 8). */
START_TEST(postfix_25_in_implicit_mode)
{
    struct probe p = run_probe("MXTLS_LAB_POSTFIX_SMTP", MXTLS_MODE_IMPLICIT_TLS,
                               "mail.mxtls.test", NULL);
    ck_assert_int_ne(p.tr->failure, MXTLS_TLS_OK);
    ck_assert_int_eq(p.tr->failure_phase, MXTLS_PHASE_HANDSHAKE);
    ck_assert_int_eq(p.tr->seen, MXTLS_SEEN_SMTP);
    ck_assert_uint_ge(p.tr->n_first_bytes, 4);
    ck_assert_int_eq(memcmp(p.tr->first_bytes, "220 ", 4), 0);
    assert_within(p.tls_elapsed, g_starttls_ms);
    probe_free(&p);
}
END_TEST

/* ---- fault server: the connect stage -------------------------------------- */

static struct probe fault(const char *key, int32_t mode, const mxtls_tls_params *params)
{
    char var[96];
    snprintf(var, sizeof var, "MXTLS_LAB_FAULT_%s", key);
    return run_probe(var, mode, "mail.mxtls.test", params);
}

static void assert_conn(const struct probe *p, int32_t failure, int32_t phase)
{
    ck_assert_msg(p->cr->failure == failure && p->cr->failure_phase == phase,
                  "failure %d phase %d (%s), want %d phase %d", (int)p->cr->failure,
                  (int)p->cr->failure_phase, p->cr->detail, (int)failure, (int)phase);
    assert_within(p->connect_elapsed, CONNECT_MS);
}

static void assert_tls(const struct probe *p, int32_t failure, int32_t phase)
{
    ck_assert_ptr_nonnull(p->tr);
    ck_assert_msg(p->tr->failure == failure && p->tr->failure_phase == phase,
                  "failure %d phase %d (%s), want %d phase %d", (int)p->tr->failure,
                  (int)p->tr->failure_phase, p->tr->detail, (int)failure, (int)phase);
    assert_within(p->tls_elapsed, STARTTLS_MS);
}

START_TEST(fault_no_starttls)
{
    struct probe p = fault("NO_STARTTLS", MXTLS_MODE_STARTTLS, NULL);
    assert_conn(&p, MXTLS_CONN_OK, MXTLS_PHASE_NONE);
    ck_assert_int_eq(p.cr->caps->starttls, 0);
    ck_assert_int_eq(p.cr->caps->pipelining, 1);
    assert_tls(&p, MXTLS_TLS_STARTTLS_REFUSED, MXTLS_PHASE_STARTTLS);
    ck_assert_int_eq(p.tr->starttls_code, 502);
    probe_free(&p);
}
END_TEST

START_TEST(fault_masked_starttls)
{
    struct probe p = fault("MASKED_STARTTLS", MXTLS_MODE_STARTTLS, NULL);
    assert_conn(&p, MXTLS_CONN_OK, MXTLS_PHASE_NONE);
    ck_assert_int_eq(p.cr->caps->starttls, 0);
    ck_assert_int_eq(p.cr->caps->masked, 1);
    ck_assert_int_eq(p.cr->caps->starttls_masked, 1);
    ck_assert_str_eq(p.cr->ehlo_lines[2], "XXXXXXXA");
    assert_tls(&p, MXTLS_TLS_STARTTLS_REFUSED, MXTLS_PHASE_STARTTLS);
    ck_assert_int_eq(p.tr->starttls_code, 500);
    probe_free(&p);
}
END_TEST

START_TEST(fault_malformed_ehlo)
{
    struct probe p = fault("MALFORMED_EHLO", MXTLS_MODE_PLAIN, NULL);
    assert_conn(&p, MXTLS_CONN_OK, MXTLS_PHASE_NONE);
    ck_assert_int_eq(p.cr->caps->malformed, 1);
    ck_assert_int_eq(p.cr->caps->starttls, 1);
    probe_free(&p);
}
END_TEST

START_TEST(fault_http_400)
{
    struct probe p = fault("HTTP_400", MXTLS_MODE_STARTTLS, NULL);
    assert_conn(&p, MXTLS_CONN_NOT_SMTP, MXTLS_PHASE_BANNER);
    ck_assert_int_eq(p.cr->seen, MXTLS_SEEN_HTTP);
    ck_assert_uint_eq(p.cr->n_first_bytes, mxtls_first_bytes_max());
    ck_assert_int_eq(memcmp(p.cr->first_bytes, "HTTP/1.1 400 Bad Request", 24), 0);
    ck_assert_ptr_nonnull(strstr(p.cr->detail, "HTTP"));
    probe_free(&p);
}
END_TEST

START_TEST(fault_tarpit)
{
    struct probe p = fault("TARPIT", MXTLS_MODE_STARTTLS, NULL);
    assert_conn(&p, MXTLS_CONN_TIMEOUT, MXTLS_PHASE_BANNER);
    ck_assert_int_eq(p.cr->seen, MXTLS_SEEN_SILENCE);
    ck_assert_uint_eq(p.cr->n_first_bytes, 0);
    ck_assert_int_ge(p.cr->connect_ms, 0);
    assert_timed_out_at(p.connect_elapsed, CONNECT_MS);
    probe_free(&p);
}
END_TEST

START_TEST(fault_trickle_banner)
{
    struct probe p = fault("TRICKLE_BANNER", MXTLS_MODE_STARTTLS, NULL);
    assert_conn(&p, MXTLS_CONN_TIMEOUT, MXTLS_PHASE_BANNER);
    ck_assert_int_eq(p.cr->seen, MXTLS_SEEN_SMTP);     /* "220 " arrived, slowly */
    ck_assert_uint_ge(p.cr->n_first_bytes, 1);
    assert_timed_out_at(p.connect_elapsed, CONNECT_MS);
    probe_free(&p);
}
END_TEST

START_TEST(fault_endless_replies)
{
    struct probe p = fault("ENDLESS_BANNER", MXTLS_MODE_STARTTLS, NULL);
    assert_conn(&p, MXTLS_CONN_PROTOCOL, MXTLS_PHASE_BANNER);
    ck_assert_int_eq(p.cr->reply_error, MXTLS_REPLY_TOO_MANY_LINES);
    probe_free(&p);
    p = fault("ENDLESS_EHLO", MXTLS_MODE_STARTTLS, NULL);
    assert_conn(&p, MXTLS_CONN_PROTOCOL, MXTLS_PHASE_EHLO);
    ck_assert_int_eq(p.cr->reply_error, MXTLS_REPLY_TOO_MANY_LINES);
    ck_assert_int_eq(p.cr->banner_code, 220);
    probe_free(&p);
}
END_TEST

START_TEST(fault_long_line)
{
    struct probe p = fault("LONG_LINE", MXTLS_MODE_STARTTLS, NULL);
    assert_conn(&p, MXTLS_CONN_PROTOCOL, MXTLS_PHASE_BANNER);
    ck_assert_int_eq(p.cr->reply_error, MXTLS_REPLY_LINE_TOO_LONG);
    ck_assert_int_eq(p.cr->seen, MXTLS_SEEN_SMTP);
    probe_free(&p);
}
END_TEST

START_TEST(fault_nul_bytes)
{
    struct probe p = fault("NUL_BYTES", MXTLS_MODE_STARTTLS, NULL);
    assert_conn(&p, MXTLS_CONN_PROTOCOL, MXTLS_PHASE_BANNER);
    ck_assert_int_eq(p.cr->reply_error, MXTLS_REPLY_NUL);
    probe_free(&p);
}
END_TEST

START_TEST(fault_code_change)
{
    struct probe p = fault("CODE_CHANGE", MXTLS_MODE_STARTTLS, NULL);
    assert_conn(&p, MXTLS_CONN_PROTOCOL, MXTLS_PHASE_EHLO);
    ck_assert_int_eq(p.cr->reply_error, MXTLS_REPLY_CODE_MISMATCH);
    probe_free(&p);
}
END_TEST

START_TEST(fault_never_read)
{
    struct probe p = fault("NEVER_READ", MXTLS_MODE_STARTTLS, NULL);
    assert_conn(&p, MXTLS_CONN_TIMEOUT, MXTLS_PHASE_EHLO);
    ck_assert_int_eq(p.cr->banner_code, 220);
    assert_timed_out_at(p.connect_elapsed, CONNECT_MS);
    probe_free(&p);
}
END_TEST

START_TEST(fault_helo_only)
{
    struct probe p = fault("HELO_ONLY", MXTLS_MODE_STARTTLS, NULL);
    assert_conn(&p, MXTLS_CONN_OK, MXTLS_PHASE_NONE);
    ck_assert_int_eq(p.cr->helo_fallback, 1);
    ck_assert_int_eq(p.cr->ehlo_code, 250);
    ck_assert_int_eq(p.cr->caps->starttls, 0);
    assert_tls(&p, MXTLS_TLS_STARTTLS_REFUSED, MXTLS_PHASE_STARTTLS);
    probe_free(&p);
}
END_TEST

START_TEST(fault_banner_554)
{
    struct probe p = fault("BANNER_554", MXTLS_MODE_STARTTLS, NULL);
    assert_conn(&p, MXTLS_CONN_REJECTED, MXTLS_PHASE_BANNER);
    ck_assert_int_eq(p.cr->banner_code, 554);
    ck_assert_ptr_nonnull(strstr(p.cr->banner, "no SMTP service"));
    probe_free(&p);
}
END_TEST

/* An implicit-TLS port waits for a ClientHello: a STARTTLS client hears
 * nothing (row 8). */
START_TEST(fault_implicit_port_in_starttls_mode)
{
    struct probe p = fault("IMPLICIT_TLS", MXTLS_MODE_STARTTLS, NULL);
    assert_conn(&p, MXTLS_CONN_TIMEOUT, MXTLS_PHASE_BANNER);
    ck_assert_int_eq(p.cr->seen, MXTLS_SEEN_SILENCE);
    probe_free(&p);
    p = fault("IMPLICIT_TLS", MXTLS_MODE_IMPLICIT_TLS, NULL);
    assert_conn(&p, MXTLS_CONN_OK, MXTLS_PHASE_NONE);
    ck_assert_msg(p.tr->failure == MXTLS_TLS_OK, "%s", p.tr->detail);
    ck_assert_int_eq(p.tr->banner_code, 220);
    ck_assert_int_eq(p.tr->caps->auth != NULL, 1);
    probe_free(&p);
}
END_TEST

START_TEST(refused_and_policy)
{
    mxtls_ctx *ctx = new_ctx();
    char text[64];
    snprintf(text, sizeof text, "%s.200", mxtls_test_env("MXTLS_LAB_NET"));
    mxtls_address *a = NULL;
    ck_assert_int_eq(mxtls_address_parse(ctx, text, &a), MXTLS_OK);
    mxtls_session *s = NULL;
    mxtls_connect_result *r = NULL;
    ck_assert_int_eq(mxtls_connect(ctx, a, 25, MXTLS_MODE_STARTTLS, NULL, &s, &r), MXTLS_OK);
    ck_assert_ptr_null(s);
    ck_assert_int_eq(r->failure, MXTLS_CONN_REFUSED);
    ck_assert_int_eq(r->failure_phase, MXTLS_PHASE_TCP);
    ck_assert_int_eq(r->connect_ms, -1);
    mxtls_connect_result_free(r);

    /* A web panel's policy: loopback is never connected to. */
    ck_assert_int_eq(mxtls_ctx_set_address_policy(ctx, MXTLS_ADDR_PUBLIC_ONLY), MXTLS_OK);
    r = (mxtls_connect_result *)1;
    ck_assert_int_eq(mxtls_connect(ctx, a, 25, MXTLS_MODE_STARTTLS, NULL, &s, &r),
                     MXTLS_EPOLICY);
    ck_assert_ptr_null(r);
    ck_assert_ptr_null(s);
    /* Even when the caller's struct claims otherwise. */
    a->policy_allowed = 1;
    a->scope = MXTLS_SCOPE_PUBLIC;
    ck_assert_int_eq(mxtls_connect(ctx, a, 25, MXTLS_MODE_STARTTLS, NULL, &s, &r),
                     MXTLS_EPOLICY);
    mxtls_address_free(a);
    mxtls_ctx_free(ctx);
}
END_TEST

START_TEST(bad_arguments_and_state)
{
    mxtls_ctx *ctx = new_ctx();
    int32_t port;
    mxtls_address *a = lab_address(ctx, "MXTLS_LAB_FAULT_GOOD", &port);
    mxtls_session *s = NULL;
    mxtls_connect_result *r = NULL;
    ck_assert_int_eq(mxtls_connect(NULL, a, port, 1, NULL, &s, &r), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_connect(ctx, NULL, port, 1, NULL, &s, &r), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_connect(ctx, a, 0, 1, NULL, &s, &r), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_connect(ctx, a, 70000, 1, NULL, &s, &r), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_connect(ctx, a, port, 9, NULL, &s, &r), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_connect(ctx, a, port, 1, NULL, NULL, &r), MXTLS_EINVAL);
    mxtls_tls_result *t = NULL;
    ck_assert_int_eq(mxtls_starttls(NULL, NULL, &t), MXTLS_EINVAL);

    /* Plain mode cannot start TLS; a TLS session cannot start it twice. */
    ck_assert_int_eq(mxtls_connect(ctx, a, port, MXTLS_MODE_PLAIN, NULL, &s, &r), MXTLS_OK);
    ck_assert_int_eq(mxtls_starttls(s, NULL, &t), MXTLS_ESTATE);
    mxtls_session_close(s);
    mxtls_connect_result_free(r);
    ck_assert_int_eq(mxtls_connect(ctx, a, port, MXTLS_MODE_STARTTLS, NULL, &s, &r),
                     MXTLS_OK);
    ck_assert_int_eq(mxtls_starttls(s, NULL, &t), MXTLS_OK);
    ck_assert_int_eq(t->failure, MXTLS_TLS_OK);
    ck_assert_ptr_null(t->sni);                        /* no server name given */
    mxtls_tls_result_free(t);
    ck_assert_int_eq(mxtls_starttls(s, NULL, &t), MXTLS_ESTATE);
    ck_assert_ptr_null(t);
    mxtls_session_close(s);
    mxtls_connect_result_free(r);
    mxtls_session_close(NULL);
    mxtls_connect_result_free(NULL);
    mxtls_tls_result_free(NULL);
    mxtls_address_free(a);
    mxtls_ctx_free(ctx);
}
END_TEST

START_TEST(params_checked)
{
    mxtls_tls_params *p = NULL;
    ck_assert_int_eq(mxtls_tls_params_new(NULL), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_tls_params_new(&p), MXTLS_OK);
    ck_assert_int_eq(mxtls_tls_params_set_sni(p, ""), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_tls_params_set_sni(p, "a b"), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_tls_params_set_sni(p, "_dc-mx.x.test"), MXTLS_OK);
    ck_assert_int_eq(mxtls_tls_params_set_sni(p, NULL), MXTLS_OK);
    ck_assert_int_eq(mxtls_tls_params_set_priority(p, "NORMAL:+NONSENSE"), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_tls_params_set_priority(p, "SECURE256"), MXTLS_OK);
    ck_assert_int_eq(mxtls_tls_params_set_priority(p, NULL), MXTLS_OK);
    ck_assert_int_eq(mxtls_tls_params_set_versions(p, MXTLS_TLS_1_3, MXTLS_TLS_1_2),
                     MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_tls_params_set_versions(p, 0x0300, MXTLS_TLS_1_2), MXTLS_EINVAL);
    ck_assert_int_eq(mxtls_tls_params_set_versions(p, 0, 0), MXTLS_OK);
    ck_assert_int_eq(mxtls_tls_params_set_sni(NULL, "x"), MXTLS_EINVAL);
    mxtls_tls_params_free(p);
    mxtls_tls_params_free(NULL);
    ck_assert_str_eq(mxtls_alert_name(47), "illegal_parameter");
}
END_TEST

/* ---- fault server: the starttls stage ------------------------------------- */

START_TEST(fault_starttls_454)
{
    struct probe p = fault("STARTTLS_454", MXTLS_MODE_STARTTLS, NULL);
    assert_tls(&p, MXTLS_TLS_STARTTLS_REFUSED, MXTLS_PHASE_STARTTLS);
    ck_assert_int_eq(p.tr->starttls_code, 454);
    ck_assert_str_eq(p.tr->starttls_text, "4.7.0 TLS not available due to local problem");
    ck_assert_int_ge(p.tr->starttls_ms, 0);
    ck_assert_int_eq(p.tr->handshake_ms, -1);
    probe_free(&p);
}
END_TEST

START_TEST(fault_alert47_raw)
{
    struct probe p = fault("ALERT47_RAW", MXTLS_MODE_STARTTLS, NULL);
    assert_tls(&p, MXTLS_TLS_HANDSHAKE_FAILED, MXTLS_PHASE_HANDSHAKE);
    ck_assert_int_eq(p.tr->starttls_code, 220);
    ck_assert_int_eq(p.tr->alert_received, 47);
    ck_assert_str_eq(p.tr->alert_received_name, "illegal_parameter");
    ck_assert_int_eq(p.tr->alert_sent, -1);
    ck_assert_int_eq(p.tr->seen, MXTLS_SEEN_TLS);
    ck_assert_uint_eq(p.tr->n_first_bytes, 7);
    probe_free(&p);
}
END_TEST

/* The Cloudflare/Exim case: GnuTLS refuses an SNI with '_' by alert 47, and
 * the same server is fine with an LDH name or none (DIAGNOSES row 1). */
START_TEST(fault_sni_underscore)
{
    mxtls_tls_params *bad = params_sni("_dc-mx.0123abcd.mxtls.test", 0);
    struct probe p = fault("SNI_UNDERSCORE", MXTLS_MODE_STARTTLS, bad);
    assert_tls(&p, MXTLS_TLS_HANDSHAKE_FAILED, MXTLS_PHASE_HANDSHAKE);
    ck_assert_str_eq(p.tr->sni, "_dc-mx.0123abcd.mxtls.test");
    ck_assert_int_eq(p.tr->alert_received, 47);
    ck_assert_int_eq(p.tr->alert_sent, -1);
    ck_assert_str_eq(p.tr->gnutls_error_name, "GNUTLS_E_FATAL_ALERT_RECEIVED");
    ck_assert_ptr_nonnull(strstr(p.tr->detail, "alert 47"));
    probe_free(&p);
    mxtls_tls_params_free(bad);

    mxtls_tls_params *none = params_sni(NULL, 1);
    p = fault("SNI_UNDERSCORE", MXTLS_MODE_STARTTLS, none);
    ck_assert_msg(p.tr->failure == MXTLS_TLS_OK, "%s", p.tr->detail);
    ck_assert_ptr_null(p.tr->sni);
    probe_free(&p);
    mxtls_tls_params_free(none);

    p = fault("SNI_UNDERSCORE", MXTLS_MODE_STARTTLS, NULL);   /* mail.mxtls.test */
    ck_assert_msg(p.tr->failure == MXTLS_TLS_OK, "%s", p.tr->detail);
    ck_assert_str_eq(p.tr->sni, "mail.mxtls.test");
    probe_free(&p);
}
END_TEST

START_TEST(fault_reset_handshake)
{
    struct probe p = fault("RESET_HANDSHAKE", MXTLS_MODE_STARTTLS, NULL);
    assert_tls(&p, MXTLS_CONN_RESET, MXTLS_PHASE_HANDSHAKE);
    ck_assert_int_eq(p.tr->alert_received, -1);
    probe_free(&p);
}
END_TEST

START_TEST(fault_tls10_only)
{
    /* Like an old OpenSSL, the server answers 1.0 regardless; we abort with
     * protocol_version, and say so. */
    struct probe p = fault("TLS10_ONLY", MXTLS_MODE_STARTTLS, NULL);
    assert_tls(&p, MXTLS_TLS_HANDSHAKE_FAILED, MXTLS_PHASE_HANDSHAKE);
    ck_assert_int_eq(p.tr->alert_received, -1);
    ck_assert_int_eq(p.tr->alert_sent, 70);
    ck_assert_str_eq(p.tr->alert_sent_name, "protocol_version");
    ck_assert_str_eq(p.tr->gnutls_error_name, "GNUTLS_E_UNSUPPORTED_VERSION_PACKET");
    probe_free(&p);
    /* Offered TLS 1.0, the same server agrees: the diagnosis can say which. */
    mxtls_tls_params *old = params_sni(NULL, 0);
    mxtls_tls_params_set_priority(old, "NORMAL");
    mxtls_tls_params_set_versions(old, MXTLS_TLS_1_0, MXTLS_TLS_1_0);
    p = fault("TLS10_ONLY", MXTLS_MODE_STARTTLS, old);
    ck_assert_msg(p.tr->failure == MXTLS_TLS_OK, "%s", p.tr->detail);
    ck_assert_int_eq(p.tr->version, MXTLS_TLS_1_0);
    probe_free(&p);
    mxtls_tls_params_free(old);
}
END_TEST

START_TEST(fault_dhe_1024)
{
    struct probe p = fault("DHE_1024", MXTLS_MODE_STARTTLS, NULL);
    ck_assert_msg(p.tr->failure == MXTLS_TLS_OK, "%s", p.tr->detail);
    ck_assert_int_eq(p.tr->version, MXTLS_TLS_1_2);
    ck_assert_str_eq(p.tr->kx, "DHE-RSA");
    ck_assert_int_eq(p.tr->dh_prime_bits, 1024);
    probe_free(&p);
}
END_TEST

START_TEST(fault_no_shared_cipher)
{
    struct probe p = fault("NO_SHARED_CIPHER", MXTLS_MODE_STARTTLS, NULL);
    assert_tls(&p, MXTLS_TLS_HANDSHAKE_FAILED, MXTLS_PHASE_HANDSHAKE);
    ck_assert_int_eq(p.tr->alert_received, 40);
    ck_assert_str_eq(p.tr->alert_received_name, "handshake_failure");
    probe_free(&p);
}
END_TEST

START_TEST(fault_tls_garbage)
{
    struct probe p = fault("TLS_GARBAGE", MXTLS_MODE_STARTTLS, NULL);
    assert_tls(&p, MXTLS_TLS_HANDSHAKE_FAILED, MXTLS_PHASE_HANDSHAKE);
    ck_assert_int_eq(p.tr->alert_received, -1);
    ck_assert_int_ge(p.tr->alert_sent, 0);     /* we complained, and say how */
    ck_assert_ptr_nonnull(p.tr->alert_sent_name);
    ck_assert_int_lt(p.tr->gnutls_error, 0);
    ck_assert_int_eq(p.tr->seen, MXTLS_SEEN_TLS);
    probe_free(&p);
}
END_TEST

START_TEST(fault_stalled_handshakes)
{
    struct probe p = fault("STALL_HELLO", MXTLS_MODE_STARTTLS, NULL);
    assert_tls(&p, MXTLS_CONN_TIMEOUT, MXTLS_PHASE_HANDSHAKE);
    ck_assert_int_eq(p.tr->seen, MXTLS_SEEN_SILENCE);
    assert_timed_out_at(p.tls_elapsed, STARTTLS_MS);
    probe_free(&p);
    p = fault("STALL_FINISHED", MXTLS_MODE_STARTTLS, NULL);
    assert_tls(&p, MXTLS_CONN_TIMEOUT, MXTLS_PHASE_HANDSHAKE);
    ck_assert_int_eq(p.tr->seen, MXTLS_SEEN_TLS);      /* its first flight came */
    assert_timed_out_at(p.tls_elapsed, STARTTLS_MS);
    probe_free(&p);
}
END_TEST

START_TEST(fault_close_notify_garbage)
{
    struct probe p = fault("CLOSE_NOTIFY_GARBAGE", MXTLS_MODE_STARTTLS, NULL);
    assert_tls(&p, MXTLS_CONN_EOF, MXTLS_PHASE_EHLO_TLS);
    ck_assert_int_ge(p.tr->handshake_ms, 0);
    ck_assert_uint_eq(p.tr->n_peer_certs, 2);
    probe_free(&p);
}
END_TEST

/* Different certificates with and without SNI (DIAGNOSES row 14). */
START_TEST(fault_sni_cert)
{
    mxtls_tls_params *none = params_sni(NULL, 1);
    struct probe a = fault("SNI_CERT", MXTLS_MODE_STARTTLS, none);
    struct probe b = fault("SNI_CERT", MXTLS_MODE_STARTTLS, NULL);
    mxtls_tls_params_free(none);
    ck_assert_int_eq(a.tr->failure, MXTLS_TLS_OK);
    ck_assert_int_eq(b.tr->failure, MXTLS_TLS_OK);
    ck_assert(a.tr->peer_cert_lens[0] != b.tr->peer_cert_lens[0] ||
              memcmp(a.tr->peer_certs[0], b.tr->peer_certs[0], a.tr->peer_cert_lens[0]));
    probe_free(&a);
    probe_free(&b);
}
END_TEST

START_TEST(fault_ocsp_staple)
{
    struct probe p = fault("OCSP_STAPLE", MXTLS_MODE_STARTTLS, NULL);
    ck_assert_msg(p.tr->failure == MXTLS_TLS_OK, "%s", p.tr->detail);
    ck_assert_int_eq(p.tr->ocsp_stapled, 1);
    probe_free(&p);
    p = fault("GOOD", MXTLS_MODE_STARTTLS, NULL);
    ck_assert_int_eq(p.tr->ocsp_stapled, 0);
    probe_free(&p);
}
END_TEST

START_TEST(fault_good_ipv6)
{
    struct probe p = run_probe("MXTLS_LAB_FAULT6_GOOD", MXTLS_MODE_STARTTLS,
                               "mail.mxtls.test", NULL);
    ck_assert_msg(p.tr->failure == MXTLS_TLS_OK, "%s", p.tr->detail);
    ck_assert_int_eq(p.tr->caps->smtputf8, 1);
    probe_free(&p);
}
END_TEST

/* The stages compose: the chain STARTTLS captured goes straight into the
 * verify stage (DIAGNOSES rows 4, 5, 12, 13). */
static uint32_t verify_flags(const char *var, const char *name)
{
    struct probe p = run_probe(var, MXTLS_MODE_STARTTLS, name, NULL);
    ck_assert_msg(p.tr && p.tr->failure == MXTLS_TLS_OK, "%s", p.cr->detail);
    mxtls_ctx *ctx = new_ctx();
    char ca[512];
    snprintf(ca, sizeof ca, "%s/root.pem", mxtls_test_env("MXTLS_LAB_CERTS"));
    ck_assert_int_eq(mxtls_ctx_set_ca_file(ctx, ca), MXTLS_OK);
    mxtls_verify_result *v = NULL;
    ck_assert_int_eq(mxtls_verify_der(ctx, p.tr->peer_certs, p.tr->peer_cert_lens,
                                      p.tr->n_peer_certs, name, &v), MXTLS_OK);
    uint32_t flags = v->flags;
    mxtls_verify_result_free(v);
    mxtls_ctx_free(ctx);
    probe_free(&p);
    return flags;
}

START_TEST(chain_feeds_verify)
{
    ck_assert_uint_eq(verify_flags("MXTLS_LAB_POSTFIX_SMTP", "mail.mxtls.test"),
                      MXTLS_VERIFY_TRUSTED);
    ck_assert(verify_flags("MXTLS_LAB_FAULT_SELFSIGNED", "mail.mxtls.test") &
              MXTLS_VERIFY_SELF_SIGNED);
    ck_assert(verify_flags("MXTLS_LAB_FAULT_WRONGNAME", "mail.mxtls.test") &
              MXTLS_VERIFY_NAME_MISMATCH);
    ck_assert(verify_flags("MXTLS_LAB_FAULT_EXPIRED", "mail.mxtls.test") &
              MXTLS_VERIFY_EXPIRED);
    ck_assert(verify_flags("MXTLS_LAB_FAULT_MISSING_INTERMEDIATE", "mail.mxtls.test") &
              MXTLS_VERIFY_UNKNOWN_ISSUER);
}
END_TEST

/* Resolve would give these addresses for the zone's MX names: the CDN's
 * underscore origin name fails with alert 47 when sent as SNI, exactly as
 * Gmail reports it, and an LDH host of the zone is fine (DIAGNOSES row 1). */
START_TEST(zone_hosts_end_to_end)
{
    mxtls_tls_params *mx_sni = params_sni("_dc-mx.0a1b2c3d4e5f.cdn.mxtls.test", 0);
    struct probe p = run_probe("MXTLS_LAB_SMTP__DC_MX_0A1B2C3D4E5F_CDN",
                               MXTLS_MODE_STARTTLS, NULL, mx_sni);
    mxtls_tls_params_free(mx_sni);
    assert_tls(&p, MXTLS_TLS_HANDSHAKE_FAILED, MXTLS_PHASE_HANDSHAKE);
    ck_assert_int_eq(p.tr->alert_received, 47);
    probe_free(&p);
    ck_assert_uint_eq(verify_flags("MXTLS_LAB_SMTP_MX1_SECURE", "mx1.secure.mxtls.test"),
                      MXTLS_VERIFY_TRUSTED);
    p = run_probe("MXTLS_LAB_SMTP_MX_PROXIED", MXTLS_MODE_STARTTLS, "mx.proxied.mxtls.test",
                  NULL);
    assert_conn(&p, MXTLS_CONN_TIMEOUT, MXTLS_PHASE_BANNER);
    probe_free(&p);
}
END_TEST

/* ---- closing: QUIT leaves, its reply is not waited for ------------------- */

/* A server that greets, answers EHLO, and never answers QUIT: what it read
 * after its EHLO reply, and whether the client closed within 5 s. */
struct quiet_server {
    int listener;
    char after_ehlo[64];
    size_t after_len;
    int saw_eof;
};

static int read_until(int fd, char *buf, size_t cap, size_t *len, const char *end)
{
    while (strstr(buf, end) == NULL) {
        struct pollfd p = {fd, POLLIN, 0};
        if (*len + 1 >= cap || poll(&p, 1, 5000) != 1)
            return -1;
        ssize_t r = read(fd, buf + *len, cap - 1 - *len);
        if (r <= 0)
            return -1;
        *len += (size_t)r;
        buf[*len] = '\0';
    }
    return 0;
}

static void *quiet_server_run(void *arg)
{
    struct quiet_server *q = arg;
    int c = accept(q->listener, NULL, NULL);
    if (c < 0)
        return NULL;
    char in[512] = "";
    size_t n = 0;
    static const char greeting[] = "220 quiet.test ESMTP\r\n", ehlo[] = "250 quiet.test\r\n";
    if (write(c, greeting, strlen(greeting)) > 0 && read_until(c, in, sizeof in, &n, "\r\n") == 0 &&
        write(c, ehlo, strlen(ehlo)) > 0) {
        for (;;) {
            struct pollfd p = {c, POLLIN, 0};
            if (poll(&p, 1, 5000) != 1)
                break;
            ssize_t r = read(c, q->after_ehlo + q->after_len,
                             sizeof q->after_ehlo - 1 - q->after_len);
            if (r == 0)
                q->saw_eof = 1;
            if (r <= 0 || q->after_len + (size_t)r >= sizeof q->after_ehlo - 1)
                break;
            q->after_len += (size_t)r;
        }
    }
    close(c);
    return NULL;
}

START_TEST(close_sends_quit_without_waiting_for_the_reply)
{
    struct quiet_server q = {0};
    struct sockaddr_in sa = {0};
    socklen_t len = sizeof sa;
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    q.listener = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert_int_ge(q.listener, 0);
    ck_assert_int_eq(bind(q.listener, (struct sockaddr *)&sa, sizeof sa), 0);
    ck_assert_int_eq(listen(q.listener, 1), 0);
    ck_assert_int_eq(getsockname(q.listener, (struct sockaddr *)&sa, &len), 0);
    pthread_t server;
    ck_assert_int_eq(pthread_create(&server, NULL, quiet_server_run, &q), 0);

    /* The connect deadline is above the 2 s that close once waited. */
    g_connect_ms = 10000;
    mxtls_ctx *ctx = new_ctx();
    mxtls_address *a = NULL;
    ck_assert_int_eq(mxtls_address_parse(ctx, "127.0.0.1", &a), MXTLS_OK);
    mxtls_session *s = NULL;
    mxtls_connect_result *r = NULL;
    ck_assert_int_eq(mxtls_connect(ctx, a, ntohs(sa.sin_port), MXTLS_MODE_PLAIN, NULL, &s, &r),
                     MXTLS_OK);
    ck_assert_int_eq(r->failure, MXTLS_CONN_OK);
    int64_t t0 = now_ms();
    mxtls_session_close(s);
    int64_t took = now_ms() - t0;
    pthread_join(server, NULL);
    close(q.listener);
    g_connect_ms = CONNECT_MS;

    /* QUIT was sent, then the connection closed with no 221 sent. */
    q.after_ehlo[q.after_len] = '\0';
    ck_assert_str_eq(q.after_ehlo, "QUIT\r\n");
    ck_assert_int_eq(q.saw_eof, 1);
    ck_assert_msg(took < 1000, "close waited %lld ms for a reply that never came",
                  (long long)took);
    mxtls_connect_result_free(r);
    mxtls_address_free(a);
    mxtls_ctx_free(ctx);
}
END_TEST

static Suite *connect_suite(void)
{
    Suite *s = suite_create("connect");
    TCase *t = tcase_create("postfix");
    tcase_set_timeout(t, 120);
    tcase_add_checked_fixture(t, real_server_deadlines, fault_deadlines);
    tcase_add_test(t, postfix_25_starttls);
    tcase_add_test(t, postfix_587_tls12);
    tcase_add_test(t, postfix_465_implicit);
    tcase_add_test(t, postfix_ipv6);
    tcase_add_test(t, postfix_refuses_old_protocols);
    tcase_add_test(t, postfix_25_in_implicit_mode);
    suite_add_tcase(s, t);
    t = tcase_create("connect-faults");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, fault_no_starttls);
    tcase_add_test(t, fault_masked_starttls);
    tcase_add_test(t, fault_malformed_ehlo);
    tcase_add_test(t, fault_http_400);
    tcase_add_test(t, fault_tarpit);
    tcase_add_test(t, fault_trickle_banner);
    tcase_add_test(t, fault_endless_replies);
    tcase_add_test(t, fault_long_line);
    tcase_add_test(t, fault_nul_bytes);
    tcase_add_test(t, fault_code_change);
    tcase_add_test(t, fault_never_read);
    tcase_add_test(t, fault_implicit_port_in_starttls_mode);
    tcase_add_test(t, fault_helo_only);
    tcase_add_test(t, fault_banner_554);
    tcase_add_test(t, refused_and_policy);
    tcase_add_test(t, bad_arguments_and_state);
    tcase_add_test(t, params_checked);
    tcase_add_test(t, close_sends_quit_without_waiting_for_the_reply);
    suite_add_tcase(s, t);
    t = tcase_create("tls-faults");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, fault_starttls_454);
    tcase_add_test(t, fault_alert47_raw);
    tcase_add_test(t, fault_sni_underscore);
    tcase_add_test(t, fault_reset_handshake);
    tcase_add_test(t, fault_tls10_only);
    tcase_add_test(t, fault_dhe_1024);
    tcase_add_test(t, fault_no_shared_cipher);
    tcase_add_test(t, fault_tls_garbage);
    tcase_add_test(t, fault_stalled_handshakes);
    tcase_add_test(t, fault_close_notify_garbage);
    tcase_add_test(t, fault_sni_cert);
    tcase_add_test(t, fault_good_ipv6);
    tcase_add_test(t, fault_ocsp_staple);
    tcase_add_test(t, chain_feeds_verify);
    tcase_add_test(t, zone_hosts_end_to_end);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return mxtls_test_run(connect_suite());
}
