#define _POSIX_C_SOURCE 200809L
/* MTA-STS (RFC 8461): fetch a domain's policy over HTTPS and judge it.
 *
 * The fetch is libcurl (GnuTLS flavour), boxed in the way RFC 8461 section 3.3
 * asks of a sender: HTTPS only, no redirects, a certificate valid for
 * mta-sts.<domain>, a text/plain body under 64 KiB, one deadline. The name
 * is never resolved by libcurl: the caller's resolver found the address, the
 * ctx's address policy allowed it, CURLOPT_RESOLVE pins it, and an
 * open-socket hook refuses any other address, so a check cannot be steered
 * to an address the caller did not approve.
 */
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <netinet/in.h>

#include <curl/curl.h>

#include "address.h"
#include "alloc.h"
#include "buffer.h"
#include "clock.h"
#include "ctx.h"
#include "enum_names.h"
#include "inet.h"
#include "mtasts_policy.h"
#include "mxtls/verify.h"
#include "records.h"
#include "wait.h"

/* RFC 8461 3.1: several v=STSv1 records mean no policy; more strings than
 * this are hostile. */
#define MAX_TXT 64u
#define MAX_MX 1000u
#define DETAIL_LEN 512u
#define POLICY_PATH "/.well-known/mta-sts.txt"

struct fetch {
    char *body;          /* MXTLS__STS_MAX_BODY bytes */
    size_t len;
    int too_large;
    uint8_t addr[16];    /* the only address a socket may connect to */
    size_t addr_len;
    char err[CURL_ERROR_SIZE];
};

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc = CURLE_FAILED_INIT;

static void curl_init(void)
{
    curl_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* ---- result ----------------------------------------------------------------- */

void mxtls_mtasts_result_free(mxtls_mtasts_result *res)
{
    if (res == NULL)
        return;
    mxtls__free((void *)res->domain);
    mxtls__free((void *)res->policy_url);
    mxtls__free((void *)res->txt_id);
    mxtls__free_strings(res->mx_patterns, res->n_mx_patterns);
    mxtls__free_strings(res->unmatched_mx, res->n_unmatched);
    mxtls__free((void *)res->invalid_text);
    mxtls__free((void *)res->content_type);
    mxtls__free((void *)res->detail);
    mxtls__free(res);
}

static int set_detail(mxtls_mtasts_result *res, const char *text)
{
    mxtls__free((void *)res->detail);
    res->detail = mxtls__strdup(text);
    return res->detail ? 0 : -1;
}

static mxtls_mtasts_result *result_new(const char *domain)
{
    mxtls_mtasts_result *res = mxtls__calloc(1, sizeof *res);
    char url[320];

    if (res == NULL)
        return NULL;
    res->struct_size = sizeof *res;
    res->max_age_s = -1;
    snprintf(url, sizeof url, "https://mta-sts.%s" POLICY_PATH, domain);
    res->domain = mxtls__strdup(domain);
    res->policy_url = mxtls__strdup(url);
    if (res->domain == NULL || res->policy_url == NULL) {
        mxtls_mtasts_result_free(res);
        return NULL;
    }
    return res;
}

size_t mxtls_mtasts_result_struct_size(void)
{
    return sizeof(mxtls_mtasts_result);
}

/* ---- TXT record --------------------------------------------------------------- */

/* Sets outcome NO_POLICY / TXT_MULTIPLE / TXT_INVALID and returns 0, or
 * returns 1 when exactly one valid record was found (its id kept). */
static int judge_txt(mxtls_mtasts_result *res, const char *const *txt, size_t n_txt)
{
    mxtls__sts_txt first;
    char detail[DETAIL_LEN];
    int found = mxtls__sts_txt_judge(txt, n_txt < MAX_TXT ? n_txt : MAX_TXT, &first);

    if (found == 0 && !first.lookalike) {
        res->outcome = MXTLS_MTASTS_NO_POLICY;
        return set_detail(res, "no v=STSv1 TXT record at _mta-sts") < 0 ? -1 : 0;
    }
    if (found > 1) {
        res->outcome = MXTLS_MTASTS_TXT_MULTIPLE;
        return set_detail(res, "more than one v=STSv1 TXT record: senders treat that as "
                               "no policy") < 0 ? -1 : 0;
    }
    if (!first.valid) {
        /* The record as senders read it: what broke, the field quoted. */
        res->outcome = MXTLS_MTASTS_TXT_INVALID;
        mxtls__format_into(detail, sizeof detail, "the _mta-sts TXT record is not valid: "
                           "\"%s\": %s", first.bad, first.why ? first.why : "no id=");
        return set_detail(res, detail) < 0 ? -1 : 0;
    }
    res->txt_id = mxtls__strdup(first.id);
    return res->txt_id ? 1 : -1;
}

/* ---- fetch -------------------------------------------------------------------- */

static size_t on_body(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    struct fetch *f = userdata;
    size_t n = size * nmemb;

    if (n > MXTLS__STS_MAX_BODY - f->len) {
        f->too_large = 1;
        return 0; /* aborts the transfer with CURLE_WRITE_ERROR */
    }
    memcpy(f->body + f->len, ptr, n);
    f->len += n;
    return n;
}

/* Refuse any connection that is not to the pinned address. */
static curl_socket_t on_open_socket(void *userdata, curlsocktype purpose,
                                    struct curl_sockaddr *a)
{
    struct fetch *f = userdata;
    const void *bytes = NULL;
    size_t len = 0;

    if (purpose != CURLSOCKTYPE_IPCXN)
        return CURL_SOCKET_BAD;
    if (a->family == AF_INET && a->addrlen >= sizeof(struct sockaddr_in)) {
        bytes = &((const struct sockaddr_in *)(const void *)&a->addr)->sin_addr;
        len = 4;
    } else if (a->family == AF_INET6 && a->addrlen >= sizeof(struct sockaddr_in6)) {
        bytes = &((const struct sockaddr_in6 *)(const void *)&a->addr)->sin6_addr;
        len = 16;
    }
    if (bytes == NULL || len != f->addr_len || memcmp(bytes, f->addr, len) != 0)
        return CURL_SOCKET_BAD;
    return socket(a->family, a->socktype, a->protocol);
}

/* curl closes its sockets through here, so that a watcher of the number
 * (wait.h) knows it may name another socket next. */
static int on_close_socket(void *userdata, curl_socket_t fd)
{
    (void)userdata;
    mxtls__fd_forget((int)fd);
    return close((int)fd);
}

static int content_type_ok(const char *ct)
{
    static const char want[] = "text/plain";
    size_t i;

    if (ct == NULL)
        return 0;
    for (i = 0; want[i]; i++) {
        char c = ct[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + ('a' - 'A'));
        if (c != want[i])
            return 0;
    }
    return ct[i] == '\0' || ct[i] == ';' || ct[i] == ' ' || ct[i] == '\t';
}

static CURLcode setup(CURL *h, mxtls_ctx *ctx, const mxtls_mtasts_result *res, struct fetch *f,
                      struct curl_slist *pin)
{
    const char *file = ctx->ca_file;
    const char *dir = ctx->ca_dir;
    long timeout = (long)ctx->timeout_ms[MXTLS_STAGE_VERIFY];
    CURLcode rc = CURLE_OK;

#define SET(opt, val) \
    if (rc == CURLE_OK) \
    rc = curl_easy_setopt(h, opt, val)
    SET(CURLOPT_URL, res->policy_url);
    SET(CURLOPT_RESOLVE, pin);
#if LIBCURL_VERSION_NUM >= 0x075500
    SET(CURLOPT_PROTOCOLS_STR, "https");
    SET(CURLOPT_REDIR_PROTOCOLS_STR, "https");
#else
    SET(CURLOPT_PROTOCOLS, (long)CURLPROTO_HTTPS);
    SET(CURLOPT_REDIR_PROTOCOLS, (long)CURLPROTO_HTTPS);
#endif
    SET(CURLOPT_FOLLOWLOCATION, 0L);
    SET(CURLOPT_SSL_VERIFYPEER, 1L);
    SET(CURLOPT_SSL_VERIFYHOST, 2L);
    SET(CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
    if (file != NULL || dir != NULL) {
        /* Our trust store only, not curl's built-in bundle beside it. */
        SET(CURLOPT_CAINFO, file);
        SET(CURLOPT_CAPATH, dir);
    }
    SET(CURLOPT_PROXY, ""); /* never an environment proxy */
    SET(CURLOPT_NOPROXY, "*");
    SET(CURLOPT_NOSIGNAL, 1L);
    SET(CURLOPT_TIMEOUT_MS, timeout);
    SET(CURLOPT_CONNECTTIMEOUT_MS, timeout);
    SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)MXTLS__STS_MAX_BODY);
    SET(CURLOPT_WRITEFUNCTION, on_body);
    SET(CURLOPT_WRITEDATA, f);
    SET(CURLOPT_OPENSOCKETFUNCTION, on_open_socket);
    SET(CURLOPT_OPENSOCKETDATA, f);
    SET(CURLOPT_CLOSESOCKETFUNCTION, on_close_socket);
    SET(CURLOPT_CLOSESOCKETDATA, f);
    SET(CURLOPT_ERRORBUFFER, f->err);
    SET(CURLOPT_USERAGENT, "mxtls");
#undef SET
    return rc;
}

/* Map a finished transfer to fetch_error / outcome. 1: the body is usable. */
static int classify(CURLcode rc, const struct fetch *f, mxtls_mtasts_result *res)
{
    int32_t e = MXTLS_MTASTS_FETCH_OK;

    if (rc == CURLE_PEER_FAILED_VERIFICATION) {
        res->outcome = MXTLS_MTASTS_WEBPKI_INVALID;
        return 0;
    }
    if ((rc == CURLE_WRITE_ERROR && f->too_large) || rc == CURLE_FILESIZE_EXCEEDED)
        e = MXTLS_MTASTS_FETCH_TOO_LARGE;
    else if (rc == CURLE_OPERATION_TIMEDOUT)
        e = MXTLS_MTASTS_FETCH_TIMEOUT;
    else if (rc == CURLE_COULDNT_CONNECT)
        e = MXTLS_MTASTS_FETCH_CONNECT;
    else if (rc == CURLE_SSL_CONNECT_ERROR)
        e = MXTLS_MTASTS_FETCH_TLS;
    else if (rc != CURLE_OK)
        e = MXTLS_MTASTS_FETCH_OTHER;
    else if (res->http_status >= 300 && res->http_status < 400)
        e = MXTLS_MTASTS_FETCH_REDIRECT;
    else if (res->http_status != 200)
        e = MXTLS_MTASTS_FETCH_HTTP_STATUS;
    else if (!content_type_ok(res->content_type))
        e = MXTLS_MTASTS_FETCH_CONTENT_TYPE;
    res->fetch_error = e;
    if (e != MXTLS_MTASTS_FETCH_OK)
        res->outcome = MXTLS_MTASTS_FETCH_FAILED;
    return e == MXTLS_MTASTS_FETCH_OK;
}

static int read_info(CURL *h, mxtls_mtasts_result *res)
{
    long code = 0, verify = 0;
    char *ct = NULL;

    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
    curl_easy_getinfo(h, CURLINFO_SSL_VERIFYRESULT, &verify);
    curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &ct);
    res->http_status = (int32_t)code;
    res->ssl_verify_result = verify;
    if (ct != NULL) {
        res->content_type = mxtls__strdup(ct);
        if (res->content_type == NULL)
            return -1;
    }
    return 0;
}

static int fetch_detail(mxtls_mtasts_result *res, const struct fetch *f)
{
    static const char *const why[] = {
        "fetched", "no address for the policy host", "the address policy refused the policy host's address",
        "could not connect", "timed out", "TLS handshake failed",
        "redirected (RFC 8461 forbids following redirects)", "HTTP status is not 200",
        "Content-Type is not text/plain", "policy is 64 KiB or larger", "fetch failed",
    };
    char buf[DETAIL_LEN];

    if (res->outcome == MXTLS_MTASTS_WEBPKI_INVALID)
        snprintf(buf, sizeof buf, "the certificate of mta-sts.%.253s is not valid: %.200s",
                 res->domain, f->err[0] ? f->err : "verification failed");
    else
        snprintf(buf, sizeof buf, "%s (%s; HTTP %d)%s%.200s", res->policy_url,
                 why[res->fetch_error], (int)res->http_status, f->err[0] ? ": " : "", f->err);
    return set_detail(res, buf);
}

/* ---- one transfer through the wait primitive ---------------------------------
 *
 * curl's multi interface rather than curl_easy_perform: curl says which
 * socket it wants and when its timer is due, and the wait happens in
 * mxtls__wait_fd, so that inside the batch engine the fetch yields like every
 * other wait. Outside the engine it is an ordinary poll loop. */

struct transfer {
    curl_socket_t fd;    /* the socket curl watches (one: the address is pinned) */
    int what;            /* CURL_POLL_* for it */
    int64_t timer_at;    /* when curl's one-shot timer is due; -1 none */
};

static int on_socket(CURL *h, curl_socket_t s, int what, void *userp, void *socketp)
{
    struct transfer *t = userp;
    (void)h;
    (void)socketp;
    if (what == CURL_POLL_REMOVE) {
        if (t->fd == s)
            t->fd = CURL_SOCKET_BAD;
    } else {
        t->fd = s;
        t->what = what;
    }
    return 0;
}

static int on_timer(CURLM *m, long ms, void *userp)
{
    struct transfer *t = userp;
    (void)m;
    t->timer_at = ms < 0 ? -1 : mxtls__now_ms() + ms;
    return 0;
}

static int select_flags(int revents)
{
    return ((revents & POLLIN) ? CURL_CSELECT_IN : 0) |
           ((revents & POLLOUT) ? CURL_CSELECT_OUT : 0) |
           ((revents & (POLLERR | POLLHUP | POLLNVAL)) ? CURL_CSELECT_ERR : 0);
}

/* Drive the multi handle until the transfer ends. deadline backs up curl's
 * own CURLOPT_TIMEOUT_MS. Returns how the wait loop ended (CURLE_OK: curl
 * finished the transfer; its result is read by the caller). */
static CURLcode drive(CURLM *m, struct transfer *t, int64_t deadline)
{
    int running = 1;
    CURLMcode mc = curl_multi_socket_action(m, CURL_SOCKET_TIMEOUT, 0, &running);
    while (mc == CURLM_OK && running) {
        int64_t wake = t->timer_at >= 0 ? t->timer_at : deadline;
        if (wake > deadline)
            wake = deadline;
        short ev = (short)(((t->what & CURL_POLL_IN) ? POLLIN : 0) |
                           ((t->what & CURL_POLL_OUT) ? POLLOUT : 0));
        int fd = t->fd == CURL_SOCKET_BAD ? -1 : (int)t->fd;
        int w = mxtls__wait_fd(fd, ev, wake);
        if (w < 0)
            return CURLE_ABORTED_BY_CALLBACK;   /* cancelled (engine freed) */
        if (w == 0 && mxtls__now_ms() >= deadline)
            return CURLE_OPERATION_TIMEDOUT;
        if (w == 0) {
            t->timer_at = -1;   /* fired; curl sets the next one if it wants */
            mc = curl_multi_socket_action(m, CURL_SOCKET_TIMEOUT, 0, &running);
        } else
            mc = curl_multi_socket_action(m, (curl_socket_t)fd, select_flags(w), &running);
    }
    if (mc == CURLM_OUT_OF_MEMORY)
        return CURLE_OUT_OF_MEMORY;
    return mc == CURLM_OK ? CURLE_OK : CURLE_FAILED_INIT;
}

static CURLcode perform(CURL *h, uint32_t timeout_ms)
{
    struct transfer t = {.fd = CURL_SOCKET_BAD, .timer_at = -1};
    CURLM *m = curl_multi_init();
    if (m == NULL)
        return CURLE_OUT_OF_MEMORY;
    CURLcode rc = CURLE_FAILED_INIT;
    if (curl_multi_setopt(m, CURLMOPT_SOCKETFUNCTION, on_socket) == CURLM_OK &&
        curl_multi_setopt(m, CURLMOPT_SOCKETDATA, &t) == CURLM_OK &&
        curl_multi_setopt(m, CURLMOPT_TIMERFUNCTION, on_timer) == CURLM_OK &&
        curl_multi_setopt(m, CURLMOPT_TIMERDATA, &t) == CURLM_OK &&
        curl_multi_add_handle(m, h) == CURLM_OK) {
        /* A second past curl's own timeout: curl reports its timeouts itself. */
        rc = drive(m, &t, mxtls__now_ms() + (int64_t)timeout_ms + 1000);
        int left = 0;
        CURLMsg *msg;
        while (rc == CURLE_OK && (msg = curl_multi_info_read(m, &left)) != NULL)
            if (msg->msg == CURLMSG_DONE)
                rc = msg->data.result;
        curl_multi_remove_handle(m, h);
    }
    curl_multi_cleanup(m);
    return rc;
}

/* The pinning entry "mta-sts.<domain>:443:<address>". */
static struct curl_slist *pin_entry(const char *domain, const char *address, size_t addr_len)
{
    char entry[400];

    snprintf(entry, sizeof entry, addr_len == 16 ? "mta-sts.%s:443:[%s]" : "mta-sts.%s:443:%s",
             domain, address);
    return curl_slist_append(NULL, entry);
}

/* 1: body fetched into f; 0: outcome set; -1: out of memory. */
static int fetch(mxtls_ctx *ctx, mxtls_mtasts_result *res, const char *address,
                 struct fetch *f)
{
    struct curl_slist *pin;
    CURL *h;
    CURLcode rc;
    int ok;
    int64_t t0 = mxtls__now_ms();

    pthread_once(&curl_once, curl_init);
    if (curl_init_rc != CURLE_OK)
        return -1;
    pin = pin_entry(res->domain, address, f->addr_len);
    h = curl_easy_init();
    if (pin == NULL || h == NULL) {
        curl_slist_free_all(pin);
        curl_easy_cleanup(h);
        return -1;
    }
    rc = setup(h, ctx, res, f, pin);
    if (rc == CURLE_OK)
        rc = perform(h, ctx->timeout_ms[MXTLS_STAGE_VERIFY]);
    res->curl_error = (int32_t)rc;
    ok = read_info(h, res);
    res->elapsed_ms = mxtls__now_ms() - t0;
    curl_easy_cleanup(h);
    curl_slist_free_all(pin);
    if (ok < 0 || rc == CURLE_OUT_OF_MEMORY)
        return -1;
    ok = classify(rc, f, res);
    if (!ok && fetch_detail(res, f) < 0)
        return -1;
    return ok;
}

/* Where to fetch from: 1 go ahead, 0 outcome set, -1 out of memory. */
static int check_address(mxtls_ctx *ctx, mxtls_mtasts_result *res, const char *address,
                         struct fetch *f)
{
    /* A bare address only: the resolver's text, never "[...]". */
    int family = mxtls__inet_parse(address, 0, f->addr);
    f->addr_len = mxtls__inet_len(family);
    if (family == 0) {
        res->fetch_error = MXTLS_MTASTS_FETCH_NO_ADDRESS;
    } else if (!mxtls__addr_policy_allows(ctx, mxtls__inet_scope(family, f->addr))) {
        res->fetch_error = MXTLS_MTASTS_FETCH_ADDRESS_REFUSED;
    } else {
        return 1;
    }
    res->outcome = MXTLS_MTASTS_FETCH_FAILED;
    return fetch_detail(res, f) < 0 ? -1 : 0;
}

/* ---- policy -------------------------------------------------------------------- */

static int copy_patterns(mxtls_mtasts_result *res, mxtls__sts_policy *p)
{
    /* Hand the parser's strings over rather than copying them. */
    res->mx_patterns = (const char *const *)p->mx;
    res->n_mx_patterns = p->n_mx;
    p->mx = NULL;
    p->n_mx = 0;
    return 0;
}

static int match_mx(mxtls_mtasts_result *res, const char *const *mx, size_t n_mx)
{
    const char **un;
    size_t i, j;

    if (res->mode == MXTLS_MTASTS_MODE_NONE || n_mx == 0)
        return 0;
    un = mxtls__calloc(n_mx, sizeof *un);
    res->unmatched_mx = un;
    if (un == NULL)
        return -1;
    for (i = 0; i < n_mx; i++) {
        int hit = 0;
        if (mx[i] == NULL)
            continue;
        for (j = 0; j < res->n_mx_patterns && !hit; j++)
            hit = mxtls__sts_mx_match(res->mx_patterns[j], mx[i]);
        if (!hit) {
            un[res->n_unmatched] = mxtls__strdup(mx[i]);
            if (un[res->n_unmatched] == NULL)
                return -1;
            res->n_unmatched++;
        }
    }
    return 0;
}

static int policy_detail(mxtls_mtasts_result *res, const mxtls__sts_policy *p)
{
    const char *mode = mxtls__mtasts_mode_name(res->mode);
    char buf[DETAIL_LEN];

    if (res->outcome == MXTLS_MTASTS_INVALID_POLICY && p->bad_line > 0)
        snprintf(buf, sizeof buf, "invalid policy, line %d \"%s\": %s", (int)p->bad_line,
                 p->bad_text, p->reason);
    else if (res->outcome == MXTLS_MTASTS_INVALID_POLICY)
        snprintf(buf, sizeof buf, "invalid policy: %s", p->reason);
    else if (res->n_unmatched > 0)
        snprintf(buf, sizeof buf, "mode %s; the policy does not list MX %.253s%s",
                 mode, res->unmatched_mx[0], res->n_unmatched > 1 ? " and others" : "");
    else
        snprintf(buf, sizeof buf, "mode %s; every MX host matches the policy", mode);
    return set_detail(res, buf);
}

static int judge_policy(mxtls_mtasts_result *res, const struct fetch *f,
                        const char *const *mx, size_t n_mx)
{
    mxtls__sts_policy p;
    int rc = mxtls__sts_policy_parse(f->body, f->len, &p);

    if (rc == MXTLS__STS_PARSE_NOMEM) {
        mxtls__sts_policy_clear(&p);
        return -1;
    }
    if (rc == MXTLS__STS_PARSE_INVALID) {
        res->outcome = MXTLS_MTASTS_INVALID_POLICY;
        res->invalid_line = p.bad_line;
        res->invalid_text = mxtls__strdup(p.bad_text);
        rc = res->invalid_text ? 0 : -1;
    } else {
        res->outcome = MXTLS_MTASTS_POLICY;
        res->mode = p.mode;
        res->max_age_s = p.max_age;
        rc = copy_patterns(res, &p);
        if (rc == 0)
            rc = match_mx(res, mx, n_mx);
    }
    if (rc == 0)
        rc = policy_detail(res, &p);
    mxtls__sts_policy_clear(&p);
    return rc;
}

/* ---- the call -------------------------------------------------------------------- */

static int run(mxtls_ctx *ctx, mxtls_mtasts_result *res, const char *const *txt, size_t n_txt,
               const char *address, const char *const *mx, size_t n_mx)
{
    struct fetch f;
    int rc = judge_txt(res, txt, n_txt);

    if (rc <= 0)
        return rc;
    memset(&f, 0, sizeof f);
    rc = check_address(ctx, res, address, &f);
    if (rc <= 0)
        return rc;
    f.body = mxtls__malloc(MXTLS__STS_MAX_BODY);
    if (f.body == NULL)
        return -1;
    rc = fetch(ctx, res, address, &f);
    if (rc > 0)
        rc = judge_policy(res, &f, mx, n_mx);
    mxtls__free(f.body);
    return rc;
}

static int valid_domain_arg(const char *domain)
{
    size_t n = domain ? strnlen(domain, 256) : 0, i;

    /* "mta-sts." + domain must stay a valid host name (253 octets). */
    if (n == 0 || n > 245)
        return 0;
    for (i = 0; i < n; i++) {
        char c = domain[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '.' || c == '_'))
            return 0;
    }
    return 1;
}

mxtls_status mxtls_mtasts_check(mxtls_ctx *ctx, const char *domain, const char *const *txt,
                                size_t n_txt, const char *policy_address,
                                const char *const *mx, size_t n_mx, mxtls_mtasts_result **out)
{
    mxtls_mtasts_result *res;

    if (out != NULL)
        *out = NULL;
    if (ctx == NULL || out == NULL || !valid_domain_arg(domain) ||
        (n_txt > 0 && txt == NULL) || (n_mx > 0 && mx == NULL))
        return MXTLS_EINVAL;
    if (n_txt > MAX_TXT || n_mx > MAX_MX)
        return MXTLS_ERANGE;
    res = result_new(domain);
    if (res == NULL)
        return MXTLS_ENOMEM;
    if (run(ctx, res, txt, n_txt, policy_address, mx, n_mx) < 0 ||
        (res->detail == NULL && set_detail(res, "no detail") < 0)) {
        mxtls_mtasts_result_free(res);
        return MXTLS_ENOMEM;
    }
    *out = res;
    return MXTLS_OK;
}
