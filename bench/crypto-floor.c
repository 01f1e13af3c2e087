/* crypto-floor: the least work one mxtls check of a farm domain must do.
 *
 *   crypto-floor --targets FILE --dns ADDR@PORT --zone ZONE --anchor FILE --ca FILE
 *                [--port 465] [--concurrency N] [--chain yes|no] [--dns-in-loop yes|no]
 *
 * FILE has one "DOMAIN HOST ADDRESS" line per target (a farm domain, its MX
 * host and the host's address). A check of such a domain (mxtls_check_with,
 * MX profile) cannot avoid, per target:
 *
 *   - two TCP + TLS handshakes with the host: one with SNI (the MX host
 *     name), one without, as the check's primary and no-SNI probes do. Here
 *     they go to the implicit-TLS port of the same farmsrv (no SMTP
 *     dialogue), one after the other, with mxtls' priority string
 *     (src/tls/starttls.c DEFAULT_PRIORITY), empty certificate credentials
 *     and an OCSP status request, so the ClientHello is the library's;
 *   - the DNSSEC validation of the answers it gets: the MX, A, AAAA, TLSA
 *     (_25._tcp.HOST) and the two TXT (_mta-sts, _smtp._tls) answers of the
 *     zone's nsd carry RRSIG-signed RRsets (the MX and A RRsets, the NSEC
 *     records that deny the rest, the zone's SOA). Every distinct signed
 *     RRset is verified once per run, as a validator with a cache must:
 *     the RRset is put in canonical wire form (RFC 4034 3.1.8.1, 6.2, 6.3)
 *     and its RRSIG checked with gnutls_pubkey_verify_data2 against the
 *     zone's DNSKEY, which is itself checked once against the trust anchor's
 *     DS and its own RRSIG. In the farm that is 4 verifications per target
 *     (MX, A, two NSEC) plus the SOA and the DNSKEY once;
 *   - with --chain yes (the default), the certificate the SNI handshake got
 *     judged once: its chain verified against --ca with the host name
 *     (gnutls_x509_trust_list_verify_crt2), or, for a chain verified before
 *     in the run (the farm's hosts share one wildcard chain), the leaf
 *     parsed and its name matched, as mxtls remembers a chain's outcome.
 *
 * What it leaves out, and a check also needs: the SMTP dialogue and
 * STARTTLS (banner, EHLO, EHLO after TLS), the DNS queries themselves
 * (fetched before the measured part, unless --dns-in-loop yes, which sends
 * the six queries of each target, blocking, when it starts), parsing and
 * judging what came back, and the report. The signatures are checked with
 * GnuTLS, that is nettle, which Debian's libunbound uses too.
 *
 * Up to N targets are in flight at once in one poll() loop. Prints one JSON
 * object: counts, wall time, this process's CPU time (getrusage
 * RUSAGE_SELF, around the measured part only: loading the CA and fetching
 * the answers is not counted), the thread CPU time spent in the DNSSEC and
 * chain verifications, and peak RSS (VmHWM). Under valgrind --tool=callgrind
 * --instr-atstart=no only the measured part is instrumented. Only loopback
 * addresses are connected to.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "bench-callgrind.h"

#include "bench-clock.h"

/* mxtls' DEFAULT_PRIORITY (src/tls/starttls.c). */
#define PRIORITY "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2:-GROUP-DH-ALL"

#define T_A 1
#define T_NS 2
#define T_CNAME 5
#define T_SOA 6
#define T_MX 15
#define T_TXT 16
#define T_AAAA 28
#define T_RRSIG 46
#define T_DNSKEY 48
#define T_TLSA 52
#define ALG_ECDSAP256SHA256 13
#define N_QUERIES 6                /* per target: MX, A, AAAA, TLSA, 2 TXT */
#define MSG_MAX 4096
#define NAME_MAX_WIRE 255
#define RR_MAX 64                  /* RRs of one message kept */
#define KEYS_MAX 4

/* ------------------------------------------------------------ DNS wire */

struct msg {
    uint8_t *data;
    size_t len;
};

struct rr {
    uint8_t owner[NAME_MAX_WIRE];  /* canonical: uncompressed, lower case */
    size_t owner_len;
    uint16_t type, klass;
    const uint8_t *rdata;          /* as received (into the message) */
    uint8_t canon[MSG_MAX];        /* canonical rdata (names expanded) */
    size_t rdlen, canon_len;
};

/* Read the (possibly compressed) name at *off of m into out, in lower case;
 * advances *off past the name as it sits in the message. 0 or -1. */
static int read_name(const uint8_t *m, size_t len, size_t *off, uint8_t *out, size_t *out_len)
{
    size_t p = *off, n = 0;
    int jumped = 0, hops = 0;
    for (;;) {
        if (p >= len)
            return -1;
        uint8_t l = m[p];
        if ((l & 0xc0) == 0xc0) {
            if (p + 1 >= len || ++hops > 64)
                return -1;
            if (!jumped)
                *off = p + 2;
            jumped = 1;
            p = (size_t)(l & 0x3f) << 8 | m[p + 1];
            continue;
        }
        if (l & 0xc0 || p + 1 + l > len || n + 1 + l > NAME_MAX_WIRE)
            return -1;
        out[n++] = l;
        for (size_t i = 0; i < l; i++) {
            uint8_t c = m[p + 1 + i];
            out[n++] = c >= 'A' && c <= 'Z' ? (uint8_t)(c + 32) : c;
        }
        p += 1 + (size_t)l;
        if (l == 0)
            break;
    }
    if (!jumped)
        *off = p;
    *out_len = n;
    return 0;
}

static uint16_t get16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

/* Canonical rdata (RFC 4034 6.2): the names of NS, CNAME, MX and SOA
 * expanded and in lower case; every other type of the farm's answers
 * carries its names uncompressed (NSEC, RRSIG) or none. */
static int canon_rdata(const uint8_t *m, size_t len, size_t off, struct rr *r)
{
    size_t end = off + r->rdlen, n = 0, nl;
    if (r->type == T_NS || r->type == T_CNAME) {
        if (read_name(m, len, &off, r->canon, &n) < 0 || off != end)
            return -1;
    } else if (r->type == T_MX) {
        if (r->rdlen < 3)
            return -1;
        memcpy(r->canon, m + off, 2);
        off += 2;
        if (read_name(m, len, &off, r->canon + 2, &nl) < 0)
            return -1;
        n = 2 + nl;
        if (off != end)
            return -1;
    } else if (r->type == T_SOA) {
        for (int i = 0; i < 2; i++) {
            if (read_name(m, len, &off, r->canon + n, &nl) < 0)
                return -1;
            n += nl;
        }
        if (off + 20 != end)
            return -1;
        memcpy(r->canon + n, m + off, 20);
        n += 20;
    } else {
        memcpy(r->canon, m + off, r->rdlen);
        n = r->rdlen;
    }
    r->canon_len = n;
    return 0;
}

/* The answer and authority RRs of a message; their count or -1. */
static int parse_msg(const struct msg *msg, struct rr *rrs, size_t max)
{
    const uint8_t *m = msg->data;
    size_t len = msg->len, off = 12, n = 0;
    if (len < 12)
        return -1;
    unsigned qd = get16(m + 4), an = get16(m + 6), ns = get16(m + 8);
    uint8_t skip[NAME_MAX_WIRE];
    size_t skip_len;
    for (unsigned i = 0; i < qd; i++) {
        if (read_name(m, len, &off, skip, &skip_len) < 0 || off + 4 > len)
            return -1;
        off += 4;
    }
    for (unsigned i = 0; i < an + ns; i++) {
        if (n == max)
            return -1;
        struct rr *r = &rrs[n];
        if (read_name(m, len, &off, r->owner, &r->owner_len) < 0 || off + 10 > len)
            return -1;
        r->type = get16(m + off);
        r->klass = get16(m + off + 2);
        r->rdlen = get16(m + off + 8);
        off += 10;
        if (off + r->rdlen > len)
            return -1;
        r->rdata = m + off;
        if (canon_rdata(m, len, off, r) < 0)
            return -1;
        off += r->rdlen;
        n++;
    }
    return (int)n;
}

/* ------------------------------------------------------------ DNSSEC */

struct zone_key {
    uint16_t tag;
    gnutls_pubkey_t pk;
};

static struct zone_key keys[KEYS_MAX];
static size_t n_keys;

/* RFC 4034 appendix B. */
static uint16_t key_tag(const uint8_t *rdata, size_t len)
{
    uint32_t ac = 0;
    for (size_t i = 0; i < len; i++)
        ac += i & 1 ? rdata[i] : (uint32_t)rdata[i] << 8;
    ac += ac >> 16 & 0xffff;
    return (uint16_t)(ac & 0xffff);
}

static int import_key(const struct rr *r, gnutls_pubkey_t *pk)
{
    if (r->rdlen != 4 + 64 || r->rdata[3] != ALG_ECDSAP256SHA256)
        return -1;
    gnutls_datum_t x = {(unsigned char *)r->rdata + 4, 32};
    gnutls_datum_t y = {(unsigned char *)r->rdata + 36, 32};
    if (gnutls_pubkey_init(pk) < 0)
        return -1;
    if (gnutls_pubkey_import_ecc_raw(*pk, GNUTLS_ECC_CURVE_SECP256R1, &x, &y) < 0) {
        gnutls_pubkey_deinit(*pk);
        return -1;
    }
    return 0;
}

/* Distinct signed RRsets verified so far, by a hash of their signed data
 * and signature: a validator with a cache verifies each once. */
static uint64_t *seen;
static size_t seen_cap, seen_n;

static uint64_t fnv(const uint8_t *p, size_t n, uint64_t h)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ULL;
    return h;
}

/* 1 when h is known, 0 when not, and records it when record is set. */
static int seen_before(uint64_t h, int record)
{
    if (h == 0)
        h = 1;
    if (seen_n * 2 >= seen_cap) {
        size_t cap = seen_cap ? seen_cap * 2 : 4096;
        uint64_t *bigger = calloc(cap, sizeof *bigger);
        if (!bigger)
            exit(2);
        for (size_t i = 0; i < seen_cap; i++) {
            if (!seen[i])
                continue;
            size_t j = (size_t)(seen[i] % cap);
            while (bigger[j])
                j = (j + 1) % cap;
            bigger[j] = seen[i];
        }
        free(seen);
        seen = bigger;
        seen_cap = cap;
    }
    size_t j = (size_t)(h % seen_cap);
    while (seen[j]) {
        if (seen[j] == h)
            return 1;
        j = (j + 1) % seen_cap;
    }
    if (record) {
        seen[j] = h;
        seen_n++;
    }
    return 0;
}

static int cmp_rdata(const void *a, const void *b)
{
    const struct rr *x = *(const struct rr *const *)a, *y = *(const struct rr *const *)b;
    size_t n = x->canon_len < y->canon_len ? x->canon_len : y->canon_len;
    int c = memcmp(x->canon, y->canon, n);
    return c ? c : (x->canon_len > y->canon_len) - (x->canon_len < y->canon_len);
}

struct dnssec_tally {
    size_t verified, cached;       /* RRSIGs checked; found already checked */
};

static uint8_t signed_buf[65536];

/* Verify the RRset that sig (an RRSIG among rrs) covers. 0 or -1. */
static int verify_rrsig(const struct rr *sig, const struct rr *rrs, size_t n,
                        struct dnssec_tally *t)
{
    const uint8_t *s = sig->rdata;
    if (sig->rdlen < 18 + 1 + 64)
        return -1;
    uint16_t covered = get16(s);
    uint32_t ottl = (uint32_t)s[4] << 24 | (uint32_t)s[5] << 16 | (uint32_t)s[6] << 8 | s[7];
    uint32_t expire = (uint32_t)s[8] << 24 | (uint32_t)s[9] << 16 | (uint32_t)s[10] << 8 | s[11];
    uint32_t incept = (uint32_t)s[12] << 24 | (uint32_t)s[13] << 16 | (uint32_t)s[14] << 8 | s[15];
    uint16_t tag = get16(s + 16);
    size_t signer_len = 0;
    while (18 + signer_len < sig->rdlen && s[18 + signer_len])
        signer_len += 1 + s[18 + signer_len];
    signer_len++;                  /* the root label */
    size_t head = 18 + signer_len;
    if (s[2] != ALG_ECDSAP256SHA256 || head + 64 != sig->rdlen)
        return -1;
    uint32_t now = (uint32_t)time(NULL);
    if ((int32_t)(now - incept) < 0 || (int32_t)(expire - now) < 0)
        return -1;

    /* The RRset: same owner, class and type; in canonical rdata order. */
    const struct rr *set[RR_MAX];
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (rrs[i].type == covered && rrs[i].klass == sig->klass &&
            rrs[i].owner_len == sig->owner_len &&
            memcmp(rrs[i].owner, sig->owner, sig->owner_len) == 0)
            set[k++] = &rrs[i];
    if (k == 0)
        return -1;
    qsort(set, k, sizeof *set, cmp_rdata);

    /* RRSIG rdata without the signature (the signer name is already in
     * lower case and uncompressed on the wire), then each RR. */
    size_t off = 0;
    memcpy(signed_buf, s, head);
    for (size_t i = 18; i < head; i++)
        if (signed_buf[i] >= 'A' && signed_buf[i] <= 'Z')
            signed_buf[i] = (uint8_t)(signed_buf[i] + 32);
    off = head;
    for (size_t i = 0; i < k; i++) {
        const struct rr *r = set[i];
        if (off + r->owner_len + 10 + r->canon_len > sizeof signed_buf)
            return -1;
        memcpy(signed_buf + off, r->owner, r->owner_len);
        off += r->owner_len;
        uint8_t fixed[10] = {(uint8_t)(r->type >> 8), (uint8_t)r->type,
                             (uint8_t)(r->klass >> 8), (uint8_t)r->klass,
                             (uint8_t)(ottl >> 24), (uint8_t)(ottl >> 16),
                             (uint8_t)(ottl >> 8), (uint8_t)ottl,
                             (uint8_t)(r->canon_len >> 8), (uint8_t)r->canon_len};
        memcpy(signed_buf + off, fixed, 10);
        off += 10;
        memcpy(signed_buf + off, r->canon, r->canon_len);
        off += r->canon_len;
    }
    uint64_t h = fnv(s + head, 64, fnv(signed_buf, off, 0xcbf29ce484222325ULL));
    if (seen_before(h, 0)) {
        t->cached++;
        return 0;
    }

    gnutls_pubkey_t pk = NULL;
    for (size_t i = 0; i < n_keys; i++)
        if (keys[i].tag == tag)
            pk = keys[i].pk;
    if (!pk)
        return -1;
    gnutls_datum_t r = {(unsigned char *)s + head, 32}, ss = {(unsigned char *)s + head + 32, 32};
    gnutls_datum_t der = {NULL, 0}, data = {signed_buf, (unsigned)off};
    if (gnutls_encode_rs_value(&der, &r, &ss) < 0)
        return -1;
    int rc = gnutls_pubkey_verify_data2(pk, GNUTLS_SIGN_ECDSA_SHA256, 0, &data, &der);
    gnutls_free(der.data);
    if (rc < 0)
        return -1;
    seen_before(h, 1);             /* only what verified is taken as known */
    t->verified++;
    return 0;
}

/* Verify every RRSIG of a message's answer and authority sections. */
static int validate_msg(const struct msg *m, struct dnssec_tally *t)
{
    static struct rr rrs[RR_MAX];
    int n = parse_msg(m, rrs, RR_MAX);
    if (n < 0)
        return -1;
    int sigs = 0;
    for (int i = 0; i < n; i++) {
        if (rrs[i].type != T_RRSIG)
            continue;
        sigs++;
        if (verify_rrsig(&rrs[i], rrs, (size_t)n, t) < 0)
            return -1;
    }
    return sigs ? 0 : -1;          /* the farm's zone is signed: no RRSIG is bogus */
}

/* The DNSKEY answer: each key imported, the KSK matched against the DS of
 * the anchor file, the DNSKEY RRset's signature verified. */
static int validate_keys(const struct msg *m, const uint8_t *ds, size_t ds_len,
                         uint16_t ds_tag, struct dnssec_tally *t)
{
    static struct rr rrs[RR_MAX];
    int n = parse_msg(m, rrs, RR_MAX);
    int anchored = 0;
    for (int i = 0; i < n; i++) {
        if (rrs[i].type != T_DNSKEY || n_keys == KEYS_MAX)
            continue;
        struct zone_key *k = &keys[n_keys];
        k->tag = key_tag(rrs[i].rdata, rrs[i].rdlen);
        if (import_key(&rrs[i], &k->pk) < 0)
            return -1;
        n_keys++;
        if (k->tag != ds_tag)
            continue;
        uint8_t buf[NAME_MAX_WIRE + MSG_MAX], digest[32];
        memcpy(buf, rrs[i].owner, rrs[i].owner_len);
        memcpy(buf + rrs[i].owner_len, rrs[i].rdata, rrs[i].rdlen);
        if (gnutls_hash_fast(GNUTLS_DIG_SHA256, buf, rrs[i].owner_len + rrs[i].rdlen,
                             digest) < 0)
            return -1;
        anchored |= ds_len == 32 && memcmp(digest, ds, 32) == 0;
    }
    if (n < 0 || !anchored)
        return -1;
    return validate_msg(m, t);
}

/* ------------------------------------------------------------ DNS queries */

static int dns_fd = -1;
static uint16_t dns_id;

static size_t name_to_wire(const char *name, uint8_t *out)
{
    size_t n = 0;
    while (*name) {
        size_t l = strcspn(name, ".");
        out[n++] = (uint8_t)l;
        memcpy(out + n, name, l);
        n += l;
        name += l;
        if (*name == '.')
            name++;
    }
    out[n++] = 0;
    return n;
}

/* One query with the DO bit, blocking, up to three tries; 0 or -1. */
static int dns_query(const char *name, uint16_t type, struct msg *out)
{
    uint8_t q[512], ans[MSG_MAX];
    uint16_t id = ++dns_id;
    uint8_t hdr[12] = {(uint8_t)(id >> 8), (uint8_t)id, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1};
    memcpy(q, hdr, 12);
    size_t n = 12 + name_to_wire(name, q + 12);
    uint8_t tail[15] = {(uint8_t)(type >> 8), (uint8_t)type, 0, 1,
                        0, 0, 41, 0x04, 0xd0, 0, 0, 0x80, 0, 0, 0}; /* OPT 1232, DO */
    memcpy(q + n, tail, sizeof tail);
    n += sizeof tail;
    for (int attempt = 0; attempt < 3; attempt++) {
        if (send(dns_fd, q, n, 0) != (ssize_t)n)
            return -1;
        struct pollfd pf = {dns_fd, POLLIN, 0};
        while (poll(&pf, 1, 2000) == 1) {
            ssize_t got = recv(dns_fd, ans, sizeof ans, 0);
            if (got < 12 || get16(ans) != id)
                continue;
            if (ans[2] & 0x02)
                return -1;         /* truncated: no TCP here */
            out->data = malloc((size_t)got);
            if (!out->data)
                return -1;
            memcpy(out->data, ans, (size_t)got);
            out->len = (size_t)got;
            return 0;
        }
    }
    return -1;
}

static int dns_open(const char *spec)
{
    char host[64];
    int port = 53;
    const char *at = strchr(spec, '@');
    size_t hl = at ? (size_t)(at - spec) : strlen(spec);
    if (hl >= sizeof host)
        return -1;
    memcpy(host, spec, hl);
    host[hl] = '\0';
    if (at)
        port = atoi(at + 1);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    if (inet_pton(AF_INET, host, &sa.sin_addr) != 1 ||
        ((ntohl(sa.sin_addr.s_addr) >> 24) & 0xff) != 127)
        return -1;                 /* loopback only */
    dns_fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (dns_fd < 0 || connect(dns_fd, (struct sockaddr *)&sa, sizeof sa) != 0)
        return -1;
    dns_id = (uint16_t)getpid();
    return 0;
}

/* ------------------------------------------------------------ targets */

struct target {
    char *domain, *host, *addr;
    struct msg answers[N_QUERIES];
};

static int fetch_answers(struct target *t)
{
    char name[300];
    static const struct {
        const char *prefix;
        int of_host;
        uint16_t type;
    } qs[N_QUERIES] = {{"", 0, T_MX},          {"", 1, T_A},
                       {"", 1, T_AAAA},        {"_25._tcp.", 1, T_TLSA},
                       {"_mta-sts.", 0, T_TXT}, {"_smtp._tls.", 0, T_TXT}};
    for (int i = 0; i < N_QUERIES; i++) {
        snprintf(name, sizeof name, "%s%s", qs[i].prefix, qs[i].of_host ? t->host : t->domain);
        if (dns_query(name, qs[i].type, &t->answers[i]) < 0)
            return -1;
    }
    return 0;
}

static void drop_answers(struct target *t)
{
    for (int i = 0; i < N_QUERIES; i++) {
        free(t->answers[i].data);
        t->answers[i] = (struct msg){NULL, 0};
    }
}

static struct target *read_targets(const char *path, size_t *n)
{
    FILE *f = fopen(path, "r");
    char line[512], d[256], h[256], a[64];
    struct target *v = NULL;
    size_t cap = 0;
    *n = 0;
    if (!f)
        return NULL;
    while (fgets(line, sizeof line, f)) {
        if (sscanf(line, "%255s %255s %63s", d, h, a) != 3)
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 1024;
            if (!(v = realloc(v, cap * sizeof *v)))
                exit(2);
        }
        v[(*n)++] = (struct target){strdup(d), strdup(h), strdup(a), {{NULL, 0}}};
    }
    fclose(f);
    return v;
}

/* "OWNER TTL IN DS TAG ALG 2 HEX" (ldns-key2ds -2): the tag and digest. */
static int read_anchor(const char *path, uint16_t *tag, uint8_t *digest, size_t *len)
{
    FILE *f = fopen(path, "r");
    char line[1024], hex[200];
    unsigned t, alg, dt;
    int ok = 0;
    while (f && !ok && fgets(line, sizeof line, f)) {
        const char *ds = strstr(line, "\tDS\t");
        if (!ds)
            ds = strstr(line, " DS ");
        if (ds && sscanf(ds + 4, "%u %u %u %199s", &t, &alg, &dt, hex) == 4 && dt == 2 &&
            strlen(hex) == 64) {
            for (size_t i = 0; i < 32; i++)
                sscanf(hex + 2 * i, "%2hhx", &digest[i]);
            *tag = (uint16_t)t;
            *len = 32;
            ok = 1;
        }
    }
    if (f)
        fclose(f);
    return ok ? 0 : -1;
}

/* ------------------------------------------------------------ TLS */

static gnutls_certificate_credentials_t creds;
static gnutls_priority_t priority;
static gnutls_x509_trust_list_t trust;
static int verify_chain = 1, dns_in_loop = 0;

struct slot {
    struct target *t;
    int phase;                     /* 0: the SNI handshake, 1: the one without */
    int fd;
    int connecting;
    gnutls_session_t tls;
};

static double thread_cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int connect_tls(struct slot *s, int port)
{
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    if (inet_pton(AF_INET, s->t->addr, &sa.sin_addr) != 1 ||
        ((ntohl(sa.sin_addr.s_addr) >> 24) & 0xff) != 127)
        return -1;                 /* loopback only */
    s->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (s->fd < 0)
        return -1;
    int on = 1;
    setsockopt(s->fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    if (connect(s->fd, (struct sockaddr *)&sa, sizeof sa) != 0 && errno != EINPROGRESS)
        return -1;
    s->connecting = 1;
    if (gnutls_init(&s->tls, GNUTLS_CLIENT | GNUTLS_NONBLOCK) < 0 ||
        gnutls_priority_set(s->tls, priority) < 0 ||
        gnutls_credentials_set(s->tls, GNUTLS_CRD_CERTIFICATE, creds) < 0 ||
        (s->phase == 0 &&
         gnutls_server_name_set(s->tls, GNUTLS_NAME_DNS, s->t->host, strlen(s->t->host)) < 0))
        return -1;
    gnutls_ocsp_status_request_enable_client(s->tls, NULL, 0, NULL);
    gnutls_transport_set_int(s->tls, s->fd);
    return 0;
}

static void close_tls(struct slot *s)
{
    if (s->tls)
        gnutls_deinit(s->tls);
    if (s->fd >= 0)
        close(s->fd);
    s->tls = NULL;
    s->fd = -1;
}

/* Advance one handshake: 0 in progress (events to wait for in *ev),
 * 1 done, -1 failed. */
static int step(struct slot *s, short *ev)
{
    if (s->connecting) {
        int err = 0;
        socklen_t len = sizeof err;
        if (getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0 || err)
            return -1;
        s->connecting = 0;
    }
    int r = gnutls_handshake(s->tls);
    if (r == GNUTLS_E_AGAIN || r == GNUTLS_E_INTERRUPTED) {
        *ev = gnutls_record_get_direction(s->tls) ? POLLOUT : POLLIN;
        return 0;
    }
    return r < 0 ? -1 : 1;
}

/* The peer's chain against the CA, with the host name. 0 or -1. A chain
 * already verified (the same certificates, byte for byte) is not verified
 * again, as mxtls remembers a chain's PKIX outcome (src/verify/verify.c
 * chain_status): only its leaf is parsed and matched against the name. */
static int check_chain(struct slot *s, double *cpu)
{
    double c0 = thread_cpu_s();
    unsigned n = 0, status = 1;
    const gnutls_datum_t *der = gnutls_certificate_get_peers(s->tls, &n);
    uint64_t h = 0x84222325cbf29ce4ULL;
    for (unsigned i = 0; der && i < n; i++)
        h = fnv(der[i].data, der[i].size, h);
    int known = der && n > 0 && seen_before(h, 0);
    gnutls_x509_crt_t crts[16];
    unsigned k = 0, want = known ? 1 : n;
    for (; der && k < want && k < 16; k++)
        if (gnutls_x509_crt_init(&crts[k]) < 0 ||
            gnutls_x509_crt_import(crts[k], &der[k], GNUTLS_X509_FMT_DER) < 0) {
            k++;
            break;
        }
    gnutls_typed_vdata_st host = {GNUTLS_DT_DNS_HOSTNAME, (unsigned char *)s->t->host, 0};
    int rc = -1;
    if (k == want && n > 0 && known) {
        rc = gnutls_x509_crt_check_hostname(crts[0], s->t->host) ? 0 : -1;
        status = 0;
    } else if (k == want && n > 0) {
        rc = gnutls_x509_trust_list_verify_crt2(trust, crts, k, &host, 1, 0, &status, NULL);
        if (rc == 0 && status == 0)
            seen_before(h, 1);
    }
    for (unsigned i = 0; i < k; i++)
        gnutls_x509_crt_deinit(crts[i]);
    *cpu += thread_cpu_s() - c0;
    return rc == 0 && status == 0 ? 0 : -1;
}

/* ------------------------------------------------------------ main */

struct opts {
    const char *targets, *dns, *zone, *anchor, *ca;
    int port, conc;
};

static int parse(int argc, char **argv, struct opts *o)
{
    for (int i = 1; i + 1 < argc; i += 2) {
        const char *k = argv[i], *v = argv[i + 1];
        if (strcmp(k, "--targets") == 0)
            o->targets = v;
        else if (strcmp(k, "--dns") == 0)
            o->dns = v;
        else if (strcmp(k, "--zone") == 0)
            o->zone = v;
        else if (strcmp(k, "--anchor") == 0)
            o->anchor = v;
        else if (strcmp(k, "--ca") == 0)
            o->ca = v;
        else if (strcmp(k, "--port") == 0)
            o->port = atoi(v);
        else if (strcmp(k, "--concurrency") == 0)
            o->conc = atoi(v);
        else if (strcmp(k, "--chain") == 0)
            verify_chain = strcmp(v, "yes") == 0;
        else if (strcmp(k, "--dns-in-loop") == 0)
            dns_in_loop = strcmp(v, "yes") == 0;
        else
            return -1;
    }
    return o->targets && o->dns && o->zone && o->anchor && o->ca && o->conc >= 1 ? 0 : -1;
}

int main(int argc, char **argv)
{
    struct opts o = {.port = 465, .conc = 1};
    if (parse(argc, argv, &o) != 0) {
        fprintf(stderr, "usage: crypto-floor --targets FILE --dns ADDR@PORT --zone ZONE "
                        "--anchor FILE --ca FILE [--port N] [--concurrency N] "
                        "[--chain yes|no] [--dns-in-loop yes|no]\n");
        return 2;
    }
    size_t n = 0;
    struct target *ts = read_targets(o.targets, &n);
    uint8_t ds[32];
    size_t ds_len = 0;
    uint16_t ds_tag = 0;
    if (!ts || n == 0 || read_anchor(o.anchor, &ds_tag, ds, &ds_len) < 0 ||
        dns_open(o.dns) < 0) {
        fprintf(stderr, "crypto-floor: no targets, no DS in the anchor, or a bad --dns\n");
        return 2;
    }
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    if (rl.rlim_cur < (rlim_t)o.conc + 64) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    if (gnutls_global_init() < 0 || gnutls_certificate_allocate_credentials(&creds) < 0 ||
        gnutls_priority_init(&priority, PRIORITY, NULL) < 0 ||
        gnutls_x509_trust_list_init(&trust, 0) < 0 ||
        gnutls_x509_trust_list_add_trust_file(trust, o.ca, NULL, GNUTLS_X509_FMT_PEM, 0, 0) <= 0)
        return 2;

    /* Not measured: what a resolver cache or the network would hand over. */
    struct msg dnskey = {NULL, 0};
    if (dns_query(o.zone, T_DNSKEY, &dnskey) < 0) {
        fprintf(stderr, "crypto-floor: no DNSKEY answer for %s from %s\n", o.zone, o.dns);
        return 2;
    }
    for (size_t i = 0; !dns_in_loop && i < n; i++)
        if (fetch_answers(&ts[i]) < 0) {
            fprintf(stderr, "crypto-floor: no answers for %s from %s\n", ts[i].domain, o.dns);
            return 2;
        }

    struct slot *slots = calloc((size_t)o.conc, sizeof *slots);
    struct pollfd *pf = calloc((size_t)o.conc, sizeof *pf);
    if (!slots || !pf)
        return 2;
    size_t next = 0, ok = 0, handshakes = 0, chain_failed = 0, dns_failed = 0;
    struct dnssec_tally dt = {0, 0};
    double dnssec_cpu = 0, chain_cpu = 0;
    int active = 0;
    for (int i = 0; i < o.conc; i++)
        slots[i].fd = -1;

    struct rusage r0, r1;
    CALLGRIND_START_INSTRUMENTATION;
    getrusage(RUSAGE_SELF, &r0);
    double w0 = bench_now_s();
    double c0 = thread_cpu_s();
    int keys_ok = validate_keys(&dnskey, ds, ds_len, ds_tag, &dt) == 0;
    dnssec_cpu += thread_cpu_s() - c0;
    for (;;) {
        for (int i = 0; keys_ok && i < o.conc; i++) {
            while (slots[i].fd < 0 && next < n) {
                struct slot *s = &slots[i];
                *s = (struct slot){&ts[next++], 0, -1, 0, NULL};
                if (dns_in_loop && fetch_answers(s->t) < 0) {
                    dns_failed++;
                    continue;
                }
                c0 = thread_cpu_s();
                int bad = 0;
                for (int q = 0; q < N_QUERIES; q++)
                    bad |= validate_msg(&s->t->answers[q], &dt) < 0;
                dnssec_cpu += thread_cpu_s() - c0;
                if (dns_in_loop)
                    drop_answers(s->t);
                dns_failed += bad;
                if (connect_tls(s, o.port) == 0 && !bad) {
                    pf[i] = (struct pollfd){s->fd, POLLOUT, 0};
                    active++;
                } else {
                    close_tls(s);
                }
            }
        }
        if (active == 0)
            break;
        if (poll(pf, (nfds_t)o.conc, 10000) <= 0)
            break;                 /* a stalled farm: count the rest failed */
        for (int i = 0; i < o.conc; i++) {
            struct slot *s = &slots[i];
            if (s->fd < 0 || !pf[i].revents)
                continue;
            short ev = 0;
            int r = step(s, &ev);
            if (r == 0) {
                pf[i] = (struct pollfd){s->fd, ev, 0};
                continue;
            }
            handshakes += r > 0;
            int chain_bad = r > 0 && s->phase == 0 && verify_chain && check_chain(s, &chain_cpu) < 0;
            chain_failed += chain_bad;
            close_tls(s);
            if (r > 0 && !chain_bad && s->phase == 0) {
                s->phase = 1;      /* the same host again, without SNI */
                if (connect_tls(s, o.port) == 0) {
                    pf[i] = (struct pollfd){s->fd, POLLOUT, 0};
                    continue;
                }
                close_tls(s);
                r = -1;
            }
            ok += r > 0 && !chain_bad;
            pf[i] = (struct pollfd){-1, 0, 0};
            active--;
        }
    }
    double wall = bench_now_s() - w0;
    getrusage(RUSAGE_SELF, &r1);
    CALLGRIND_STOP_INSTRUMENTATION;
    size_t failed = n - ok;        /* what did not finish counts too */
    printf("{\"targets\": %zu, \"ok\": %zu, \"failed\": %zu, \"concurrency\": %d, "
           "\"handshakes\": %zu, \"rrsig_verified\": %zu, \"rrsig_cached\": %zu, "
           "\"dnssec_failed\": %zu, \"chain\": %s, \"chain_failed\": %zu, "
           "\"dns_in_loop\": %s, \"wall_s\": %.4f, \"user_s\": %.4f, \"sys_s\": %.4f, "
           "\"dnssec_cpu_s\": %.4f, \"chain_cpu_s\": %.4f, \"maxrss_kib\": %ld}\n",
           n, ok, failed, o.conc, handshakes, dt.verified, dt.cached,
           dns_failed + !keys_ok, verify_chain ? "true" : "false", chain_failed,
           dns_in_loop ? "true" : "false", wall,
           bench_tv_s(r1.ru_utime) - bench_tv_s(r0.ru_utime),
           bench_tv_s(r1.ru_stime) - bench_tv_s(r0.ru_stime), dnssec_cpu, chain_cpu,
           bench_peak_rss_kib());
    return failed ? 1 : 0;
}
