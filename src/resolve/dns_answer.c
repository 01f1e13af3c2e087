/* A DNS message from libunbound's event API as a struct ub_result: see
 * dns_answer.h. */
#define _POSIX_C_SOURCE 200809L
#include "dns_answer.h"

#include <string.h>
#include <unbound.h>

#include "alloc.h"

#define HEADER 12
#define NAME_MAX_WIRE 255
#define MAX_POINTERS 64      /* compression pointers followed in one name */
#define MAX_CNAME_HOPS 16    /* more than libunbound itself follows (11) */
#define RCODE_SERVFAIL 2
#define RCODE_NXDOMAIN 3
enum { T_NS = 2, T_CNAME = 5, T_SOA = 6, T_PTR = 12, T_MX = 15, T_AFSDB = 18, T_RT = 21,
       T_SRV = 33, T_KX = 36, T_DNAME = 39, T_RRSIG = 46, T_NSEC = 47 };

struct name {
    uint8_t wire[NAME_MAX_WIRE];
    size_t len;
};

static unsigned get16(const uint8_t *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

/* Read the name at *at into n, uncompressed; *at moves past it as it is
 * written there (a pointer counts two bytes). Pointers must go backwards,
 * so no loop can form, and are counted besides. 0, or -1 malformed. */
static int read_name(const uint8_t *msg, size_t len, size_t *at, struct name *n)
{
    size_t pos = *at, pointers = 0;
    int jumped = 0;
    n->len = 0;
    for (;;) {
        if (pos >= len)
            return -1;
        uint8_t c = msg[pos];
        if ((c & 0xc0) == 0xc0) {
            if (pos + 2 > len || ++pointers > MAX_POINTERS)
                return -1;
            size_t to = (size_t)(c & 0x3f) << 8 | msg[pos + 1];
            if (to >= pos)
                return -1;
            if (!jumped)
                *at = pos + 2;
            jumped = 1;
            pos = to;
            continue;
        }
        if ((c & 0xc0) != 0 || pos + 1 + c > len || n->len + 1 + c > NAME_MAX_WIRE)
            return -1;
        memcpy(n->wire + n->len, msg + pos, 1u + c);
        n->len += 1u + c;
        pos += 1u + c;
        if (c == 0)
            break;
    }
    if (!jumped)
        *at = pos;
    return 0;
}

static int same_name(const struct name *a, const struct name *b)
{
    if (a->len != b->len)
        return 0;
    for (size_t i = 0; i < a->len; i++) {
        uint8_t x = a->wire[i], y = b->wire[i];
        if (x >= 'A' && x <= 'Z')
            x = (uint8_t)(x + 32);
        if (y >= 'A' && y <= 'Z')
            y = (uint8_t)(y + 32);
        if (x != y)
            return 0;
    }
    return 1;
}

/* Where a type's RDATA holds names: the fixed bytes before the first one,
 * how many names follow one another, and that the rest is copied. Types
 * with no names, or unknown to us (whose RDATA RFC 3597 forbids to
 * compress), are copied whole. */
static int name_layout(unsigned type, size_t *prefix, int *names)
{
    switch (type) {
    case T_NS: case T_CNAME: case T_PTR: case T_DNAME: case T_NSEC:
        *prefix = 0; *names = 1; return 1;
    case T_SOA:
        *prefix = 0; *names = 2; return 1;
    case T_MX: case T_AFSDB: case T_RT: case T_KX:
        *prefix = 2; *names = 1; return 1;
    case T_SRV:
        *prefix = 6; *names = 1; return 1;
    case T_RRSIG:
        *prefix = 18; *names = 1; return 1;
    default:
        return 0;
    }
}

/* The RDATA at msg[at..at+rdlen) with its names uncompressed, into out
 * (64 KiB + names fits any). Returns its length, or -1 malformed. */
static long rdata_copy(const uint8_t *msg, size_t len, size_t at, size_t rdlen, unsigned type,
                       uint8_t *out, size_t cap)
{
    size_t prefix = 0, end = at + rdlen, o = 0;
    int names = 0;
    if (!name_layout(type, &prefix, &names)) {
        if (rdlen > cap)
            return -1;
        memcpy(out, msg + at, rdlen);
        return (long)rdlen;
    }
    if (prefix > rdlen)
        return -1;
    memcpy(out, msg + at, prefix);
    o = prefix;
    at += prefix;
    for (int i = 0; i < names; i++) {
        struct name n;
        if (read_name(msg, end, &at, &n) != 0 || o + n.len > cap)
            return -1;
        memcpy(out + o, n.wire, n.len);
        o += n.len;
    }
    if (at > end || o + (end - at) > cap)
        return -1;
    memcpy(out + o, msg + at, end - at);
    return (long)(o + (end - at));
}

/* The name as libunbound's dname_str() writes it: labels joined by dots,
 * a dot at the end, and any byte but a letter, digit, '-', '_' or '*' as
 * '?', so that the text is always printable. */
static char *name_text(const struct name *n)
{
    char *s = mxtls__malloc(n->len + 2);
    if (s == NULL)
        return NULL;
    size_t o = 0, i = 0;
    while (i < n->len && n->wire[i] != 0) {
        size_t l = n->wire[i++];
        for (size_t k = 0; k < l; k++, i++) {
            uint8_t c = n->wire[i];
            int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                     (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '*';
            s[o++] = ok ? (char)c : '?';
        }
        s[o++] = '.';
    }
    if (o == 0)
        s[o++] = '.';
    s[o] = '\0';
    return s;
}

struct parsed {
    struct name qname, sname;
    unsigned qtype, qclass;
    size_t first_rr;        /* offset of the answer section */
    unsigned ancount;
};

static int parse_question(const uint8_t *msg, size_t len, struct parsed *p)
{
    size_t at = HEADER;
    if (len < HEADER || get16(msg + 4) != 1 || read_name(msg, len, &at, &p->qname) != 0 ||
        at + 4 > len)
        return -1;
    p->qtype = get16(msg + at);
    p->qclass = get16(msg + at + 2);
    p->first_rr = at + 4;
    p->ancount = get16(msg + 6);
    p->sname = p->qname;
    return 0;
}

/* One answer record's header; *at moves to its RDATA. */
struct rr {
    struct name owner;
    unsigned type, klass;
    size_t rdata, rdlen;
};

static int read_rr(const uint8_t *msg, size_t len, size_t *at, struct rr *rr)
{
    if (read_name(msg, len, at, &rr->owner) != 0 || *at + 10 > len)
        return -1;
    rr->type = get16(msg + *at);
    rr->klass = get16(msg + *at + 2);
    rr->rdlen = get16(msg + *at + 8);
    rr->rdata = *at + 10;
    if (rr->rdata + rr->rdlen > len)
        return -1;
    *at = rr->rdata + rr->rdlen;
    return 0;
}

/* Walk the answer section: follow the CNAME chain from the query name
 * (p->sname ends as its last name) and give each record of the query's
 * type at the chain's name to keep(). -1 malformed, or keep()'s own
 * nonzero status. */
static int walk_answers(const uint8_t *msg, size_t len, struct parsed *p,
                        int (*keep)(void *arg, const struct rr *rr), void *arg)
{
    size_t at = p->first_rr;
    int hops = 0;
    for (unsigned i = 0; i < p->ancount; i++) {
        struct rr rr;
        if (read_rr(msg, len, &at, &rr) != 0)
            return -1;
        if (rr.klass != p->qclass || !same_name(&rr.owner, &p->sname))
            continue;
        if (rr.type == p->qtype) {
            int rc = keep(arg, &rr);
            if (rc != 0)
                return rc;
        } else if (rr.type == T_CNAME && hops < MAX_CNAME_HOPS) {
            size_t t = rr.rdata;
            struct name target;
            if (read_name(msg, rr.rdata + rr.rdlen, &t, &target) != 0)
                return -1;
            p->sname = target;
            hops++;
        }
    }
    return 0;
}

struct collect {
    const uint8_t *msg;
    size_t len;
    struct ub_result *r;    /* NULL: the first pass, which only counts */
    int n;
};

/* Keep one record: in the first pass count it, in the second copy its
 * RDATA, names uncompressed, into a block of its own: its length, plus
 * room for each name of its type to grow to its longest. 0, -1 malformed,
 * -2 out of memory. */
static int keep_record(void *arg, const struct rr *rr)
{
    struct collect *c = arg;
    if (c->n >= MXTLS__ANSWER_MAX_RECORDS)
        return 0;
    if (c->r != NULL) {
        size_t prefix = 0;
        int names = 0;
        size_t cap = rr->rdlen + (name_layout(rr->type, &prefix, &names)
                                      ? (size_t)names * NAME_MAX_WIRE : 0);
        uint8_t *d = mxtls__malloc(cap ? cap : 1);
        if (d == NULL)
            return -2;
        long n = rdata_copy(c->msg, c->len, rr->rdata, rr->rdlen, rr->type, d, cap);
        c->r->data[c->n] = (char *)d;   /* owned by r from here */
        if (n < 0)
            return -1;
        c->r->len[c->n] = (int)n;
    }
    c->n++;
    return 0;
}

static struct ub_result *result_new(int rcode, int n)
{
    struct ub_result *r = mxtls__calloc(1, sizeof *r);
    if (r == NULL)
        return NULL;
    r->rcode = rcode;
    r->nxdomain = rcode == RCODE_NXDOMAIN;
    r->data = mxtls__calloc((size_t)n + 1, sizeof *r->data);
    r->len = mxtls__calloc((size_t)n + 1, sizeof *r->len);
    if (r->data == NULL || r->len == NULL) {
        mxtls__answer_free(r);
        return NULL;
    }
    return r;
}

/* The message's records into r, in two passes: count, then copy. 0, -1
 * malformed, -2 out of memory. */
static int fill(const uint8_t *msg, size_t len, struct ub_result **out)
{
    struct parsed p;
    struct collect c = {.msg = msg, .len = len};
    if (parse_question(msg, len, &p) != 0 || walk_answers(msg, len, &p, keep_record, &c) != 0)
        return -1;
    struct ub_result *r = result_new(msg[3] & 0x0f, c.n);
    if (r == NULL)
        return -2;
    c = (struct collect){.msg = msg, .len = len, .r = r};
    p.sname = p.qname;
    int rc = walk_answers(msg, len, &p, keep_record, &c);
    if (rc == 0) {
        r->qtype = (int)p.qtype;
        r->qclass = (int)p.qclass;
        r->havedata = c.n > 0;
        if (!same_name(&p.sname, &p.qname) && (r->canonname = name_text(&p.sname)) == NULL)
            rc = -2;
    }
    if (rc != 0) {
        mxtls__answer_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

int mxtls__answer_new(const uint8_t *msg, size_t len, int rcode, int sec,
                      const char *why_bogus, struct ub_result **out)
{
    *out = NULL;
    struct ub_result *r = NULL;
    int rc = rcode != 0 || msg == NULL ? -1 : fill(msg, len, &r);
    if (rc == -2)
        return -1;
    if (rc == -1) {
        /* An error, or a message that does not parse: no data, and no
         * word on DNSSEC, as libunbound gives it. */
        if ((r = result_new(rcode != 0 ? rcode : RCODE_SERVFAIL, 0)) == NULL)
            return -1;
    } else {
        r->secure = sec == 2;
        r->bogus = sec == 1;
    }
    if (why_bogus != NULL && (r->why_bogus = mxtls__strdup(why_bogus)) == NULL) {
        mxtls__answer_free(r);
        return -1;
    }
    *out = r;
    return 0;
}

void mxtls__answer_free(struct ub_result *r)
{
    if (r == NULL)
        return;
    for (int i = 0; r->data != NULL && r->data[i] != NULL; i++)
        mxtls__free(r->data[i]);
    mxtls__free(r->data);
    mxtls__free(r->len);
    mxtls__free(r->canonname);
    mxtls__free(r->why_bogus);
    mxtls__free(r);
}
