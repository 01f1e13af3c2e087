/* Safe embedding, proved against the lab rather than assumed:
 *
 * 1. A check under MXTLS_ADDR_PUBLIC_ONLY connects nowhere: with the lab's
 *    loopback DNS it stops at MXTLS_EPOLICY before any query; for an IP
 *    literal every probe is MXTLS_EPOLICY with no connect result, the findings say
 *    net.policy-refused, and no server saw a connection (the fault
 *    servers' logs count every accept; a socket this test listens on for
 *    an IP-literal target never has one queued). Each proof has a positive
 *    control: the same check under the default policy is seen.
 * 2. connect judges an address by its bytes: resolved under the default
 *    policy, or with policy_allowed and scope forged, a loopback address is
 *    still refused once the ctx is PUBLIC_ONLY, and nothing is connected.
 *    The check cannot be sent elsewhere by a DNS answer that changes after
 *    the resolve, because connect is only ever given the resolved
 *    mxtls_address (no name), and judges that.
 * 3. The MTA-STS fetch obeys the same policy: ADDRESS_REFUSED and no
 *    connection to the policy address.
 * 4. Against real Postfix, a full submission check (587 STARTTLS, 465
 *    implicit TLS) and a port-25 check send only EHLO, STARTTLS and QUIT:
 *    Postfix's own per-session command counts in its maillog show no AUTH,
 *    MAIL, RCPT, DATA or anything else.
 * 5. MTA-STS redirects are not followed: test-mtasts.c redirect_refused (a
 *    301 to a valid policy gives fetch_error REDIRECT, not the policy).
 *    The SMTP dialogue's own bound (nothing but EHLO/HELO, STARTTLS, QUIT is
 *    ever written, for any input) is fuzzed in tests/fuzz/fuzz-smtp.c.
 *
 * Run under with_lab.py --certs --dns --smtp --https. */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <mxtls/mxtls.h>

#include "labctx.h"
#include "testlib.h"

/* Lab host indices no fixture uses: this test's own listeners. */
#define OWN_SUBMISSION_HOST 230
#define OWN_SMTP_HOST 231
#define OWN_HTTPS_HOST 232

static void sleep_ms(long ms)
{
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static void lab_ip(int host, char *buf, size_t size)
{
    snprintf(buf, size, "%s.%d", mxtls_test_env("MXTLS_LAB_NET"), host);
}

/* A TCP listener on ip:port that never accepts: a connection made to it
 * waits in its queue, where pending() sees it. */
static int listener(const char *ip, int port)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    ck_assert_int_ge(fd, 0);
    int on = 1;
    ck_assert_int_eq(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on), 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    ck_assert_int_eq(inet_pton(AF_INET, ip, &sa.sin_addr), 1);
    ck_assert_msg(bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0, "bind %s:%d", ip, port);
    ck_assert_int_eq(listen(fd, 16), 0);
    return fd;
}

/* 1 when a connection is queued on a listener (waits up to 100 ms for a
 * handshake in flight). */
static int pending(int fd)
{
    struct pollfd p = {.fd = fd, .events = POLLIN};
    return poll(&p, 1, 100) == 1;
}

/* Connections the lab's fault servers have accepted so far (faultsrv logs
 * "accepted a connection on ADDR:PORT (SCENARIO)" per connection). */
static long faultsrv_accepts(void)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/faultsrv", mxtls_test_env("MXTLS_LAB_DIR"));
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    long n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strstr(e->d_name, ".log") == NULL)
            continue;
        char path[2048], line[512];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "r");
        ck_assert_ptr_nonnull(f);
        while (fgets(line, sizeof line, f) != NULL)
            n += strncmp(line, "accepted a connection", 21) == 0;
        fclose(f);
    }
    closedir(d);
    return n;
}

static mxtls_ctx *lab_ctx(int32_t policy)
{
    mxtls_ctx *ctx = mxtls_test_lab_ctx();
    ck_assert_int_eq(mxtls_ctx_set_helo_name(ctx, "probe.mxtls.test"), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(ctx, MXTLS_STAGE_ALL, 5000), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_address_policy(ctx, policy), MXTLS_OK);
    return ctx;
}

static mxtls_report *check(mxtls_ctx *ctx, const char *target, int32_t profile)
{
    mxtls_report *r = NULL;
    ck_assert_int_eq(mxtls_check(ctx, target, profile, &r), MXTLS_OK);
    ck_assert_ptr_nonnull(r);
    return r;
}

static int has_finding(const mxtls_report *r, int32_t code, const char *address)
{
    for (size_t i = 0; i < r->n_findings; i++)
        if (r->findings[i]->code == code &&
            (address == NULL ||
             (r->findings[i]->address && strcmp(r->findings[i]->address, address) == 0)))
            return 1;
    return 0;
}

/* Every probe refused by the policy, before any connection. */
static void assert_all_refused(const mxtls_report *r)
{
    ck_assert_msg(r->n_probes > 0, "%s: no probe", r->target);
    for (size_t i = 0; i < r->n_probes; i++) {
        const mxtls_probe *p = r->probes[i];
        ck_assert_msg(p->status == MXTLS_EPOLICY, "%s [%s]:%d: status %s", r->target,
                      p->address, (int)p->port, mxtls_status_name(p->status));
        ck_assert_ptr_null(p->connect);
        ck_assert_ptr_null(p->tls);
        ck_assert_ptr_null(p->verify);
        ck_assert_msg(has_finding(r, MXTLS_F_NET_POLICY_REFUSED, p->address),
                      "%s: no net.policy-refused for %s", r->target, p->address);
    }
    ck_assert_int_eq(r->verdict, MXTLS_VERDICT_ERROR);
}

/* ---- 1. a check under PUBLIC_ONLY connects nowhere ------------------------- */

START_TEST(public_only_mx_checks_reach_no_server)
{
    static const char *const domains[] = {"secure.mxtls.test", "cdn.mxtls.test",
                                          "multi.mxtls.test", "dual.mxtls.test",
                                          "cname-mx.mxtls.test", "proxied.mxtls.test"};
    /* The lab's DNS is on loopback, so under PUBLIC_ONLY the check stops
     * before its first query: MXTLS_EPOLICY, naming the refused resolver
     * (issue 14). Probes of resolved loopback MX hosts being refused one by
     * one is tests/test-dns-policy.c, whose DNS sits on a public address. */
    mxtls_ctx *ctx = lab_ctx(MXTLS_ADDR_PUBLIC_ONLY);
    long before = faultsrv_accepts();
    for (size_t i = 0; i < sizeof domains / sizeof domains[0]; i++) {
        mxtls_report *r = NULL;
        ck_assert_int_eq(mxtls_check(ctx, domains[i], MXTLS_PROFILE_MX, &r), MXTLS_EPOLICY);
        ck_assert_ptr_null(r);
        ck_assert_msg(strstr(mxtls_ctx_error_detail(ctx), "PUBLIC_ONLY") != NULL,
                      "detail: %s", mxtls_ctx_error_detail(ctx));
    }
    sleep_ms(200);            /* let a stray accept reach the logs */
    ck_assert_int_eq(faultsrv_accepts(), before);
    printf("# public-only: %s\n", mxtls_ctx_error_detail(ctx));
    mxtls_ctx_free(ctx);

    /* The control: the same kind of check under the default policy is seen. */
    ctx = lab_ctx(MXTLS_ADDR_ALLOW_ALL);
    mxtls_report *r = check(ctx, "secure.mxtls.test", MXTLS_PROFILE_MX);
    ck_assert_ptr_nonnull(r->probes[0]->connect);
    mxtls_report_free(r);
    sleep_ms(200);
    ck_assert_int_ge(faultsrv_accepts(), before + 3);
    mxtls_ctx_free(ctx);
}
END_TEST

START_TEST(public_only_submission_check_reaches_no_socket)
{
    char ip[64];
    lab_ip(OWN_SUBMISSION_HOST, ip, sizeof ip);
    int l587 = listener(ip, 587), l465 = listener(ip, 465);
    mxtls_ctx *ctx = lab_ctx(MXTLS_ADDR_PUBLIC_ONLY);
    mxtls_report *r = check(ctx, ip, MXTLS_PROFILE_SUBMISSION);
    assert_all_refused(r);
    ck_assert_uint_ge(r->n_probes, 2);     /* 587 and 465 */
    mxtls_report_free(r);
    ck_assert(!pending(l587));
    ck_assert(!pending(l465));
    mxtls_ctx_free(ctx);

    /* The control: without the policy the check's connection is queued. */
    ctx = lab_ctx(MXTLS_ADDR_ALLOW_ALL);
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(ctx, MXTLS_STAGE_ALL, 300), MXTLS_OK);
    r = check(ctx, ip, MXTLS_PROFILE_SUBMISSION);
    ck_assert_int_eq(r->probes[0]->status, MXTLS_OK);
    mxtls_report_free(r);
    ck_assert(pending(l587));
    mxtls_ctx_free(ctx);
    close(l587);
    close(l465);
}
END_TEST

/* ---- 2. connect judges bytes, not the struct's claims ----------------------- */

START_TEST(connect_judges_bytes_not_claims)
{
    char ip[64];
    lab_ip(OWN_SMTP_HOST, ip, sizeof ip);
    int l = listener(ip, 2525);
    mxtls_ctx *ctx = lab_ctx(MXTLS_ADDR_ALLOW_ALL);
    mxtls_address *a = NULL;
    ck_assert_int_eq(mxtls_address_parse(ctx, ip, &a), MXTLS_OK);
    ck_assert_int_eq(a->policy_allowed, 1);           /* judged under ALLOW_ALL */

    /* The policy tightens after the address was made (as after a resolve). */
    ck_assert_int_eq(mxtls_ctx_set_address_policy(ctx, MXTLS_ADDR_PUBLIC_ONLY), MXTLS_OK);
    mxtls_session *s = NULL;
    mxtls_connect_result *cr = (mxtls_connect_result *)&cr;
    ck_assert_int_eq(mxtls_connect(ctx, a, 2525, MXTLS_MODE_STARTTLS, NULL, &s, &cr),
                     MXTLS_EPOLICY);
    ck_assert_ptr_null(cr);
    ck_assert_ptr_null(s);
    /* A caller (or a binding) that forges the struct changes nothing. */
    a->policy_allowed = 1;
    a->scope = MXTLS_SCOPE_PUBLIC;
    ck_assert_int_eq(mxtls_connect(ctx, a, 2525, MXTLS_MODE_STARTTLS, NULL, &s, &cr),
                     MXTLS_EPOLICY);
    ck_assert(!pending(l));

    /* Resolved addresses too: a resolve under ALLOW_ALL, a connect under
     * PUBLIC_ONLY. */
    mxtls_ctx *open_ctx = lab_ctx(MXTLS_ADDR_ALLOW_ALL);
    mxtls_resolve_result *res = NULL;
    ck_assert_int_eq(mxtls_resolve_mx(open_ctx, "secure.mxtls.test", &res), MXTLS_OK);
    ck_assert_uint_eq(res->n_hosts, 3);
    long before = faultsrv_accepts();
    for (size_t h = 0; h < res->n_hosts; h++) {
        const mxtls_address *ra = res->hosts[h]->addresses[0];
        ck_assert_int_eq(ra->policy_allowed, 1);
        ck_assert_int_eq(mxtls_connect(ctx, ra, 25, MXTLS_MODE_STARTTLS, NULL, &s, &cr),
                         MXTLS_EPOLICY);
    }
    sleep_ms(200);
    ck_assert_int_eq(faultsrv_accepts(), before);
    mxtls_resolve_result_free(res);
    mxtls_ctx_free(open_ctx);

    /* The control: the same address and listener under ALLOW_ALL. */
    ck_assert_int_eq(mxtls_ctx_set_address_policy(ctx, MXTLS_ADDR_ALLOW_ALL), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(ctx, MXTLS_STAGE_CONNECT, 200), MXTLS_OK);
    ck_assert_int_eq(mxtls_connect(ctx, a, 2525, MXTLS_MODE_STARTTLS, NULL, &s, &cr), MXTLS_OK);
    ck_assert_int_eq(cr->failure, MXTLS_CONN_TIMEOUT);   /* no banner: it never accepts */
    mxtls_connect_result_free(cr);
    ck_assert(pending(l));
    mxtls_address_free(a);
    mxtls_ctx_free(ctx);
    close(l);
}
END_TEST

/* ---- 3. the MTA-STS fetch obeys the policy ----------------------------------- */

START_TEST(mtasts_fetch_obeys_the_policy)
{
    static const char *const txt[] = {"v=STSv1; id=20260101T000000;"};
    static const char *const mx[] = {"mail.sts-enforce.mxtls.test"};
    char ip[64];
    lab_ip(OWN_HTTPS_HOST, ip, sizeof ip);
    int l = listener(ip, 443);
    mxtls_ctx *ctx = lab_ctx(MXTLS_ADDR_PUBLIC_ONLY);
    mxtls_mtasts_result *res = NULL;
    ck_assert_int_eq(mxtls_mtasts_check(ctx, "sts-enforce.mxtls.test", txt, 1, ip, mx, 1, &res),
                     MXTLS_OK);
    ck_assert_int_eq(res->outcome, MXTLS_MTASTS_FETCH_FAILED);
    ck_assert_int_eq(res->fetch_error, MXTLS_MTASTS_FETCH_ADDRESS_REFUSED);
    mxtls_mtasts_result_free(res);
    ck_assert(!pending(l));

    /* The control: under ALLOW_ALL the fetch connects (and times out, as
     * this listener never accepts). */
    ck_assert_int_eq(mxtls_ctx_set_address_policy(ctx, MXTLS_ADDR_ALLOW_ALL), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(ctx, MXTLS_STAGE_VERIFY, 300), MXTLS_OK);
    ck_assert_int_eq(mxtls_mtasts_check(ctx, "sts-enforce.mxtls.test", txt, 1, ip, mx, 1, &res),
                     MXTLS_OK);
    ck_assert_int_eq(res->fetch_error, MXTLS_MTASTS_FETCH_TIMEOUT);
    mxtls_mtasts_result_free(res);
    ck_assert(pending(l));
    mxtls_ctx_free(ctx);
    close(l);
}
END_TEST

/* ---- 4. only EHLO, STARTTLS and QUIT, by Postfix's own count ----------------- */

/* The maillog's size now, to read only what comes after. */
static long maillog_size(void)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/maillog", mxtls_test_env("MXTLS_LAB_POSTFIX_DIR"));
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return 0;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fclose(f);
    return n;
}

/* The "disconnect from ..." lines written after offset, into lines[]
 * (Postfix's postlogd writes them a moment after the session ends). */
static size_t disconnects_after(long offset, size_t want, char lines[][512], size_t max)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/maillog", mxtls_test_env("MXTLS_LAB_POSTFIX_DIR"));
    size_t n = 0;
    for (int tries = 0; tries < 100 && n < want; tries++) {
        sleep_ms(50);
        n = 0;
        FILE *f = fopen(path, "r");
        ck_assert_ptr_nonnull(f);
        fseek(f, offset, SEEK_SET);
        char line[512];
        while (fgets(line, sizeof line, f) != NULL && n < max)
            if (strstr(line, "]: disconnect from ") != NULL)
                snprintf(lines[n++], sizeof lines[0], "%s", line);
        fclose(f);
    }
    return n;
}

/* "... disconnect from unknown[A] ehlo=2 starttls=1 quit=1 commands=4":
 * every counted command must be one mxtls may send. */
static void assert_only_allowed_commands(const char *line)
{
    static const char *const allowed[] = {"ehlo=", "starttls=", "quit=", "commands="};
    const char *p = strstr(line, "]: disconnect from ");
    p = strchr(p + 19, ']');
    ck_assert_ptr_nonnull(p);
    char copy[512];
    snprintf(copy, sizeof copy, "%s", p + 1);
    char *save = NULL;
    int counted = 0;
    for (char *tok = strtok_r(copy, " \n", &save); tok; tok = strtok_r(NULL, " \n", &save)) {
        int ok = 0;
        for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
            ok |= strncmp(tok, allowed[i], strlen(allowed[i])) == 0;
        ck_assert_msg(ok, "Postfix counted a command mxtls must never send: %s in %s", tok,
                      line);
        counted++;
    }
    ck_assert_msg(counted > 0, "no command counts in %s", line);
}

START_TEST(postfix_sees_only_ehlo_starttls_quit)
{
    char lines[16][512];
    mxtls_ctx *ctx = lab_ctx(MXTLS_ADDR_ALLOW_ALL);
    const char *postfix = mxtls_test_env("MXTLS_LAB_POSTFIX");
    long offset = maillog_size();

    /* Send-As: 587 STARTTLS and 465 implicit TLS; then port 25. */
    mxtls_report *r = check(ctx, postfix, MXTLS_PROFILE_SUBMISSION);
    size_t sessions = r->n_probes;
    for (size_t i = 0; i < r->n_probes; i++)
        ck_assert_int_eq(r->probes[i]->status, MXTLS_OK);
    mxtls_report_free(r);
    char target[96];
    snprintf(target, sizeof target, "%s:25", postfix);
    r = check(ctx, target, MXTLS_PROFILE_SUBMISSION);
    sessions += r->n_probes;
    mxtls_report_free(r);
    mxtls_ctx_free(ctx);

    size_t n = disconnects_after(offset, sessions, lines, 16);
    ck_assert_msg(n == sessions, "%zu disconnect lines for %zu sessions", n, sessions);
    int starttls_sessions = 0;
    for (size_t i = 0; i < n; i++) {
        printf("# postfix: %s", strstr(lines[i], "disconnect from "));
        assert_only_allowed_commands(lines[i]);
        starttls_sessions += strstr(lines[i], " ehlo=2 starttls=1 quit=1 commands=4") != NULL;
    }
    /* 587 and 25: EHLO, STARTTLS, EHLO, QUIT, and nothing else. */
    ck_assert_int_ge(starttls_sessions, 2);
}
END_TEST

static Suite *embedding_suite(void)
{
    Suite *s = suite_create("embedding");
    TCase *t = tcase_create("embedding");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, public_only_mx_checks_reach_no_server);
    tcase_add_test(t, public_only_submission_check_reaches_no_socket);
    tcase_add_test(t, connect_judges_bytes_not_claims);
    tcase_add_test(t, mtasts_fetch_obeys_the_policy);
    tcase_add_test(t, postfix_sees_only_ehlo_starttls_quit);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return mxtls_test_run(embedding_suite());
}
