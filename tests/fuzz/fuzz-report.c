/* Fuzz target for the report renderers, mxtls_report_json(),
 * mxtls_report_text() and mxtls_report_html() (and mxtls_summary_html()
 * of the one report): a report carries what servers sent (banners, EHLO
 * lines, certificate names, TXT records, policy lines), so every string in
 * it is hostile, and a caller may hand in a report it built itself.
 *
 * The input is read as streams of choices (see struct input and
 * make_report): every string gets arbitrary bytes (control bytes, invalid UTF-8), every count and index
 * any value (caused_by, host_index, dane_record ... out of range), and every
 * pointer, array and array element may be NULL, with the count kept.
 *
 * Built two ways by tests/fuzz/meson.build (see fuzz-errtext.c); the replay
 * test is fuzz-report-replay over tests/fuzz/corpus/report.
 *
 * Properties beyond "no crash, no leak": both renderers succeed; the JSON
 * parses back with json-c in strict mode with UTF-8 validation, as one
 * object naming its schema; the text is valid UTF-8 with no control byte
 * but newline (so no server text can move a terminal's cursor) and no bidi,
 * zero-width or separator code point (none can reorder or hide what
 * follows), and each length is strlen; the HTML, the same, with one <svg>
 * and no <script> (so no server text became markup). The structures of the
 * text and HTML reports are tests/test-report-property.c's. */
#define _POSIX_C_SOURCE 200809L
#include <json-c/json.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mxtls/mxtls.h"
#include "replay.h"

/* A property that does not hold: say which, then abort (a libFuzzer finding). */
#define FAIL(why) (fprintf(stderr, "fuzz-report: %s (line %d)\n", (why), __LINE__), abort())

#define MAX_ITEMS 4    /* elements of any array */
#define MAX_ALLOCS 4096

/* Every allocation of one report, so one call frees it all. */
struct arena {
    void *allocs[MAX_ALLOCS];
    size_t n;
};

/* One part of the fuzz input, consumed from the front; zeros once it runs
 * out (and a zero chooses NULL, so a part that ran dry ends its subtree). */
struct input {
    const uint8_t *p;
    size_t n;
    struct arena *arena;
};

static uint8_t u8(struct input *in)
{
    if (in->n == 0)
        return 0;
    in->n--;
    return *in->p++;
}

static uint64_t bits(struct input *in, int octets)
{
    uint64_t v = 0;
    for (int i = 0; i < octets; i++)
        v = v << 8 | u8(in);
    return v;
}

/* Mostly small values and the edges, sometimes anything. */
static int32_t i32(struct input *in)
{
    uint8_t c = u8(in);
    switch (c & 3) {
    case 0: return (int32_t)(c >> 2) - 1;          /* -1 .. 62 */
    case 1: return (int32_t)(uint32_t)bits(in, 4);
    case 2: return c & 4 ? INT32_MIN : INT32_MAX;
    default: return (int32_t)bits(in, 2);
    }
}

static int64_t i64(struct input *in)
{
    uint8_t c = u8(in);
    return c & 1 ? (int64_t)bits(in, 8) : (int64_t)(c >> 1) - 1;
}

static void *take(struct input *in, size_t size)
{
    struct arena *a = in->arena;
    if (a->n == MAX_ALLOCS)
        return NULL;
    void *p = calloc(1, size ? size : 1);
    if (p != NULL)
        a->allocs[a->n++] = p;
    return p;
}

/* A choice that is true about one time in eight. */
static int rarely(struct input *in)
{
    return (u8(in) & 7) == 0;
}

/* Any bytes, NUL-terminated; NULL now and then. */
static const char *str(struct input *in)
{
    if (rarely(in))
        return NULL;
    uint8_t c = u8(in);
    size_t len = c < 0xe0 ? c % 32u : u8(in);   /* mostly short, up to 255 */
    if (len > in->n)
        len = in->n;
    char *s = take(in, len + 1);
    if (s == NULL)
        return NULL;
    memcpy(s, in->p, len);
    in->p += len;
    in->n -= len;
    return s;
}

static const uint8_t *bytes(struct input *in, size_t *n)
{
    *n = u8(in) % 80;
    if (rarely(in))
        return NULL;                   /* a count without its bytes */
    uint8_t *b = take(in, *n);
    for (size_t i = 0; b && i < *n; i++)
        b[i] = u8(in);
    return b;
}

/* An array of up to MAX_ITEMS made by make (NULL elements allowed), or NULL
 * with a count anyway. */
typedef const void *(*make_fn)(struct input *in);

static const void *const *array(struct input *in, size_t *n, make_fn make)
{
    *n = u8(in) % (MAX_ITEMS + 1);
    if (rarely(in))
        return NULL;
    const void **a = take(in, *n * sizeof *a);
    for (size_t i = 0; a && i < *n; i++)
        a[i] = make(in);
    return (const void *const *)a;
}

static const void *make_str(struct input *in)
{
    return str(in);
}

static const char *const *strings(struct input *in, size_t *n)
{
    return (const char *const *)array(in, n, make_str);
}

#define NEW(in, T) ((T *)take((in), sizeof(T)))

static const void *make_lookup(struct input *in)
{
    if (rarely(in))
        return NULL;
    mxtls_dns_lookup *l = NEW(in, mxtls_dns_lookup);
    if (l == NULL)
        return NULL;
    l->struct_size = sizeof *l;
    l->qname = str(in);
    l->qtype = i32(in);
    l->outcome = i32(in);
    l->rcode = i32(in);
    l->dnssec = i32(in);
    l->why_bogus = str(in);
    l->detail = str(in);
    l->n_records = i32(in);
    l->limited = i32(in);
    l->elapsed_ms = i64(in);
    return l;
}

static const void *make_address(struct input *in)
{
    if (rarely(in))
        return NULL;
    mxtls_address *a = NEW(in, mxtls_address);
    if (a == NULL)
        return NULL;
    a->struct_size = sizeof *a;
    a->family = i32(in);
    a->text = str(in);
    for (size_t i = 0; i < sizeof a->bytes; i++)
        a->bytes[i] = u8(in);
    a->scope = i32(in);
    a->dnssec = i32(in);
    a->proxy_provider = str(in);
    a->policy_allowed = i32(in);
    return a;
}

static const void *make_tlsa(struct input *in)
{
    if (rarely(in))
        return NULL;
    mxtls_tlsa *t = NEW(in, mxtls_tlsa);
    if (t == NULL)
        return NULL;
    t->struct_size = sizeof *t;
    t->usage = u8(in);
    t->selector = u8(in);
    t->matching_type = u8(in);
    t->data = bytes(in, &t->data_len);
    t->data_hex = str(in);
    t->dnssec = i32(in);
    return t;
}

static const void *make_host(struct input *in)
{
    if (rarely(in))
        return NULL;
    mxtls_mx_host *h = NEW(in, mxtls_mx_host);
    if (h == NULL)
        return NULL;
    h->struct_size = sizeof *h;
    h->name = str(in);
    h->preference = i32(in);
    h->flags = (uint32_t)bits(in, 4);
    h->canonical_name = str(in);
    h->addresses = (const mxtls_address *const *)array(in, &h->n_addresses, make_address);
    h->a = make_lookup(in);
    h->aaaa = make_lookup(in);
    h->tlsa_name = str(in);
    h->tlsa = (const mxtls_tlsa *const *)array(in, &h->n_tlsa, make_tlsa);
    h->tlsa_lookup = make_lookup(in);
    return h;
}

static const mxtls_txt_set *make_txt_set(struct input *in)
{
    if (rarely(in))
        return NULL;
    mxtls_txt_set *s = NEW(in, mxtls_txt_set);
    if (s == NULL)
        return NULL;
    s->struct_size = sizeof *s;
    s->lookup = make_lookup(in);
    s->records = strings(in, &s->n_records);
    return s;
}

static const mxtls_resolve_result *make_resolve(struct input *in)
{
    if (rarely(in))
        return NULL;
    mxtls_resolve_result *r = NEW(in, mxtls_resolve_result);
    mxtls_mta_sts_txt *sts = NEW(in, mxtls_mta_sts_txt);
    mxtls_tlsrpt_txt *rpt = NEW(in, mxtls_tlsrpt_txt);
    if (r == NULL || sts == NULL || rpt == NULL)
        return NULL;
    r->struct_size = sizeof *r;
    r->query = str(in);
    r->a_label = str(in);
    r->port = i32(in);
    r->outcome = i32(in);
    r->dnssec = i32(in);
    r->mx = make_lookup(in);
    r->null_mx = i32(in);
    r->implicit_mx = i32(in);
    r->hosts = (const mxtls_mx_host *const *)array(in, &r->n_hosts, make_host);
    sts->struct_size = sizeof *sts;
    sts->txt = make_txt_set(in);
    sts->n_sts_records = i32(in);
    sts->valid = i32(in);
    sts->version = str(in);
    sts->id = str(in);
    r->mta_sts = rarely(in) ? NULL : sts;
    rpt->struct_size = sizeof *rpt;
    rpt->txt = make_txt_set(in);
    rpt->n_tlsrpt_records = i32(in);
    rpt->valid = i32(in);
    rpt->version = str(in);
    rpt->rua = strings(in, &rpt->n_rua);
    r->tlsrpt = rarely(in) ? NULL : rpt;
    r->limits_hit = (uint32_t)bits(in, 4);
    r->n_queries = i32(in);
    r->elapsed_ms = i64(in);
    r->detail = str(in);
    return r;
}

static const mxtls_mtasts_result *make_mtasts(struct input *in)
{
    if (rarely(in))
        return NULL;
    mxtls_mtasts_result *m = NEW(in, mxtls_mtasts_result);
    if (m == NULL)
        return NULL;
    m->struct_size = sizeof *m;
    m->outcome = i32(in);
    m->mode = i32(in);
    m->fetch_error = i32(in);
    m->domain = str(in);
    m->policy_url = str(in);
    m->txt_id = str(in);
    m->max_age_s = i64(in);
    m->mx_patterns = strings(in, &m->n_mx_patterns);
    m->unmatched_mx = strings(in, &m->n_unmatched);
    m->http_status = i32(in);
    m->curl_error = i32(in);
    m->ssl_verify_result = i64(in);
    m->invalid_line = i32(in);
    m->invalid_text = str(in);
    m->content_type = str(in);
    m->elapsed_ms = i64(in);
    m->detail = str(in);
    return m;
}

static const mxtls_capabilities *make_caps(struct input *in)
{
    if (rarely(in))
        return NULL;
    mxtls_capabilities *c = NEW(in, mxtls_capabilities);
    if (c == NULL)
        return NULL;
    c->struct_size = sizeof *c;
    c->starttls = i32(in);
    c->pipelining = i32(in);
    c->eightbitmime = i32(in);
    c->smtputf8 = i32(in);
    c->chunking = i32(in);
    c->enhancedstatuscodes = i32(in);
    c->dsn = i32(in);
    c->requiretls = i32(in);
    c->has_size = i32(in);
    c->size_limit = i64(in);
    c->auth = strings(in, &c->n_auth);
    c->masked = i32(in);
    c->starttls_masked = i32(in);
    c->malformed = i32(in);
    return c;
}

static const mxtls_connect_result *make_connect(struct input *in)
{
    if (rarely(in))
        return NULL;
    mxtls_connect_result *c = NEW(in, mxtls_connect_result);
    if (c == NULL)
        return NULL;
    c->struct_size = sizeof *c;
    c->address = str(in);
    c->port = i32(in);
    c->mode = i32(in);
    c->failure = i32(in);
    c->failure_phase = i32(in);
    c->sys_errno = i32(in);
    c->seen = i32(in);
    c->reply_error = i32(in);
    c->first_bytes = bytes(in, &c->n_first_bytes);
    c->connect_ms = i64(in);
    c->banner_ms = i64(in);
    c->ehlo_ms = i64(in);
    c->banner_code = i32(in);
    c->banner = str(in);
    c->ehlo_code = i32(in);
    c->helo_fallback = i32(in);
    c->ehlo_lines = strings(in, &c->n_ehlo_lines);
    c->caps = make_caps(in);
    c->detail = str(in);
    return c;
}

static const mxtls_tls_result *make_tls(struct input *in)
{
    if (rarely(in))
        return NULL;
    mxtls_tls_result *t = NEW(in, mxtls_tls_result);
    if (t == NULL)
        return NULL;
    t->struct_size = sizeof *t;
    t->failure = i32(in);
    t->failure_phase = i32(in);
    t->sys_errno = i32(in);
    t->seen = i32(in);
    t->reply_error = i32(in);
    t->first_bytes = bytes(in, &t->n_first_bytes);
    t->starttls_code = i32(in);
    t->starttls_text = str(in);
    t->starttls_ms = i64(in);
    t->handshake_ms = i64(in);
    t->ehlo_ms = i64(in);
    t->sni = str(in);
    t->priority = str(in);
    t->version = i32(in);
    t->version_name = str(in);
    t->cipher_suite = str(in);
    t->kx = str(in);
    t->group = str(in);
    t->sigalg = str(in);
    t->dh_prime_bits = i32(in);
    t->alert_received = i32(in);
    t->alert_received_name = str(in);
    t->alert_sent = i32(in);
    t->alert_sent_name = str(in);
    t->gnutls_error = i32(in);
    t->gnutls_error_name = str(in);
    t->gnutls_error_text = str(in);
    /* The chain: counted, its DER left out (the renderers only count it). */
    t->n_peer_certs = u8(in) % (MAX_ITEMS + 1);
    t->ocsp_stapled = i32(in);
    t->banner_code = i32(in);
    t->banner = str(in);
    t->ehlo_code = i32(in);
    t->ehlo_lines = strings(in, &t->n_ehlo_lines);
    t->caps = make_caps(in);
    t->detail = str(in);
    return t;
}

static const void *make_cert(struct input *in)
{
    if (rarely(in))
        return NULL;
    mxtls_cert_info *c = NEW(in, mxtls_cert_info);
    if (c == NULL)
        return NULL;
    c->struct_size = sizeof *c;
    c->subject = str(in);
    c->issuer = str(in);
    c->dns_names = strings(in, &c->n_dns_names);
    c->ip_addresses = strings(in, &c->n_ip_addresses);
    c->not_before_ms = i64(in);
    c->not_after_ms = i64(in);
    c->key_algorithm = str(in);
    c->key_bits = i32(in);
    c->signature_algorithm = str(in);
    for (size_t i = 0; i < sizeof c->sha256; i++)
        c->sha256[i] = u8(in);
    for (size_t i = 0; i < sizeof c->spki_sha256; i++)
        c->spki_sha256[i] = u8(in);
    c->is_ca = u8(in);
    c->self_signed = u8(in);
    c->flags = (uint32_t)bits(in, 4);
    c->der = bytes(in, &c->der_len);
    return c;
}

static const mxtls_verify_result *make_verify(struct input *in)
{
    if (rarely(in))
        return NULL;
    mxtls_verify_result *v = NEW(in, mxtls_verify_result);
    if (v == NULL)
        return NULL;
    v->struct_size = sizeof *v;
    v->flags = (uint32_t)bits(in, 4);
    v->gnutls_status = (uint32_t)bits(in, 4);
    v->gnutls_error = i32(in);
    v->reference_name = str(in);
    v->matched_name = str(in);
    v->names = strings(in, &v->n_names);
    v->now_ms = i64(in);
    v->time_invalid_cert = i32(in);
    v->missing_issuer = str(in);
    v->certs = (const mxtls_cert_info *const *)array(in, &v->n_certs, make_cert);
    v->dane = i32(in);
    v->dane_record = i32(in);
    v->dane_usage = i32(in);
    v->dane_cert = i32(in);
    v->dane_gnutls_status = (uint32_t)bits(in, 4);
    v->mtasts = i32(in);
    v->mtasts_mode = i32(in);
    v->mtasts_mx_matched = i32(in);
    v->detail = str(in);
    v->dane_usable_records = i32(in);
    v->dane_matching_records = i32(in);
    return v;
}

static const void *make_probe(struct input *in)
{
    if (rarely(in))
        return NULL;
    mxtls_probe *p = NEW(in, mxtls_probe);
    if (p == NULL)
        return NULL;
    p->struct_size = sizeof *p;
    p->purpose = i32(in);
    p->host = str(in);
    p->address = str(in);
    p->port = i32(in);
    p->mode = i32(in);
    p->sni = str(in);
    p->tls_version = i32(in);
    p->status = i32(in);
    p->host_index = i32(in);
    p->address_index = i32(in);
    p->connect = make_connect(in);
    p->tls = make_tls(in);
    p->verify = make_verify(in);
    return p;
}

static const void *make_finding(struct input *in)
{
    if (rarely(in))
        return NULL;
    mxtls_finding *f = NEW(in, mxtls_finding);
    if (f == NULL)
        return NULL;
    f->struct_size = sizeof *f;
    f->code = i32(in);
    f->id = str(in);
    f->severity = i32(in);
    f->stage = i32(in);
    f->host = str(in);
    f->address = str(in);
    f->port = i32(in);
    f->caused_by = i32(in);            /* itself, a cycle, or out of range */
    f->summary = str(in);
    f->explanation = str(in);
    f->remedies = strings(in, &f->n_remedies);
    f->references = strings(in, &f->n_references);
    f->evidence = str(in);
    return f;
}

/* The report from four equal parts of the input: its own members and the
 * findings, the probes, the DNS results, the MTA-STS result. Each subtree
 * draws from its own part, so none starves when another takes a lot. */
static mxtls_report *make_report(const uint8_t *data, size_t size, struct arena *arena)
{
    struct input part[4];
    size_t quarter = size / 4;
    for (size_t i = 0; i < 4; i++) {
        part[i].p = data + i * quarter;
        part[i].n = i == 3 ? size - 3 * quarter : quarter;
        part[i].arena = arena;
    }
    struct input *in = &part[0];
    mxtls_report *r = NEW(in, mxtls_report);
    if (r == NULL)
        return NULL;
    r->struct_size = sizeof *r;
    r->target = str(in);
    r->profile = i32(in);
    r->verdict = i32(in);
    r->domain = str(in);
    r->strict = i32(in);
    r->findings = (const mxtls_finding *const *)array(in, &r->n_findings, make_finding);
    r->n_root_causes = rarely(in) ? (size_t)bits(in, 8) : u8(in) % (MAX_ITEMS + 2);
    r->summary = str(in);
    r->elapsed_ms = i64(in);
    r->probes = (const mxtls_probe *const *)array(&part[1], &r->n_probes, make_probe);
    r->resolve = make_resolve(&part[2]);
    r->mtasts = make_mtasts(&part[3]);
    return r;
}

/* The JSON must be one valid object (RFC 8259: UTF-8) naming its schema. */
static void check_json(const mxtls_buffer *b)
{
    if (b == NULL || b->data == NULL || strlen(b->data) != b->length || b->length > INT32_MAX)
        FAIL("JSON buffer length");
    struct json_tokener *tok = json_tokener_new();
    if (tok == NULL)
        return;
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
    json_object *doc = json_tokener_parse_ex(tok, b->data, (int)b->length);
    if (doc == NULL || json_tokener_get_error(tok) != json_tokener_success) {
        size_t at = json_tokener_get_parse_end(tok), from = at > 60 ? at - 60 : 0;
        fprintf(stderr, "fuzz-report: JSON ends at %zu after: ", at);
        for (size_t i = from; i < at + 4 && i < b->length; i++) {
            unsigned char c = (unsigned char)b->data[i];
            fprintf(stderr, c >= 0x20 && c < 0x7f ? "%c" : "\\x%02x", c);
        }
        fprintf(stderr, "\n");
        FAIL(json_tokener_error_desc(json_tokener_get_error(tok)));
    }
    /* Only the closing newline may follow the object. */
    size_t used = json_tokener_get_parse_end(tok);
    if (strspn(b->data + used, "\n") != b->length - used)
        FAIL("JSON text after the object");
    json_object *schema = NULL;
    if (!json_object_is_type(doc, json_type_object) ||
        !json_object_object_get_ex(doc, "schema", &schema) ||
        strcmp(json_object_get_string(schema), "mxtls-report/1") != 0)
        FAIL("JSON is not an object with the schema");
    json_object_put(doc);
    json_tokener_free(tok);
}

/* Where the text breaks a property: the byte and the line it is on. */
static void text_fail(const mxtls_buffer *b, size_t at, const char *why)
{
    size_t start = at;
    while (start > 0 && b->data[start - 1] != '\n')
        start--;
    fprintf(stderr, "fuzz-report: byte 0x%02x at %zu in the line: ", (unsigned char)b->data[at],
            at);
    for (size_t i = start; i < b->length && i < at + 20 && b->data[i] != '\n'; i++) {
        unsigned char c = (unsigned char)b->data[i];
        fprintf(stderr, c >= 0x20 && c < 0x7f ? "%c" : "\\x%02x", c);
    }
    fprintf(stderr, "\n");
    FAIL(why);
}

/* The code point of the UTF-8 sequence at s[0..n) (its length in *len), or
 * -1 when the text is not well-formed UTF-8 there. */
static long decode(const unsigned char *s, size_t n, size_t *len)
{
    unsigned c = s[0];
    size_t k = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3
               : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (k == 0 || k > n)
        return -1;
    unsigned long cp = k == 1 ? c : c & (0x7fu >> k);
    for (size_t i = 1; i < k; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return -1;
        cp = cp << 6 | (s[i] & 0x3fu);
    }
    static const unsigned long min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min[k] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return -1;
    *len = k;
    return (long)cp;
}

/* Nothing in the text may move a terminal's cursor or change its colours:
 * no C0 control but newline, no DEL, and no C1 control (U+0080..U+009F;
 * U+009B is CSI to terminals that take 8-bit controls). Nor may anything
 * reorder or hide what follows it (issue 14): no bidi control (U+061C,
 * U+200E/F, U+202A..U+202E, U+2066..U+2069), zero-width or format
 * character (U+200B..U+200D, U+2060..U+2064, U+FEFF), or line or paragraph
 * separator (U+2028, U+2029). And it is valid UTF-8. */
static void check_text(const mxtls_buffer *b)
{
    if (b == NULL || b->data == NULL || strlen(b->data) != b->length)
        FAIL("text buffer length");
    const unsigned char *p = (const unsigned char *)b->data;
    for (size_t i = 0, len = 1; i < b->length; i += len) {
        long cp = decode(p + i, b->length - i, &len);
        if (cp < 0)
            text_fail(b, i, "invalid UTF-8 in the text");
        if ((cp < 0x20 && cp != '\n') || cp == 0x7f)
            text_fail(b, i, "a C0 control or DEL in the text");
        if (cp >= 0x80 && cp <= 0x9f)
            text_fail(b, i, "a C1 control in the text");
        if (cp == 0x61c || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e) ||
            (cp >= 0x2060 && cp <= 0x2069) || cp == 0xfeff)
            text_fail(b, i, "a bidi, zero-width or separator code point in the text");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct arena arena;
    if (size == 0)
        return 0;
    /* The first octet: the rendering flags, now and then with unknown bits. */
    uint32_t flags = data[0] & 0x80 ? (uint32_t)data[0] << 24 | data[0] : data[0] & 3u;
    arena.n = 0;
    mxtls_report *r = make_report(data + 1, size - 1, &arena);
    if (r != NULL) {
        mxtls_buffer *json = NULL, *text = NULL;
        if (mxtls_report_json(r, flags, &json) != MXTLS_OK)
            FAIL("mxtls_report_json failed");
        check_json(json);
        if (mxtls_report_text(r, flags, &text) != MXTLS_OK)
            FAIL("mxtls_report_text failed");
        check_text(text);
        mxtls_buffer *html = NULL, *summary = NULL;
        if (mxtls_report_html(r, flags, &html) != MXTLS_OK)
            FAIL("mxtls_report_html failed");
        check_text(html);
        if (strstr(html->data, "<script") || !strstr(html->data, "<svg") ||
            strstr(strstr(html->data, "<svg") + 1, "<svg"))
            FAIL("markup in the HTML that mxtls did not write");
        mxtls_summary *sum = NULL;
        if (mxtls_summary_new(&sum) != MXTLS_OK ||
            mxtls_summary_add(sum, r->target ? r->target : "", r, r->domain) != MXTLS_OK ||
            mxtls_summary_html(sum, 0, &summary) != MXTLS_OK)
            FAIL("mxtls_summary failed");
        check_text(summary);
        mxtls_summary_free(sum);
        mxtls_buffer_free(json);
        mxtls_buffer_free(text);
        mxtls_buffer_free(html);
        mxtls_buffer_free(summary);
    }
    for (size_t i = 0; i < arena.n; i++)
        free(arena.allocs[i]);
    return 0;
}

#ifndef MXTLS_LIBFUZZER
int main(int argc, char **argv)
{
    static const char alphabet[] = "\x00\x01\x02\x03\x07\x08\x1b\x7f\x80\xc3\xe2\xff\\\"\n%";
    return mxtls_fuzz_replay(argc, argv, alphabet, sizeof alphabet - 1, 300);
}
#endif
