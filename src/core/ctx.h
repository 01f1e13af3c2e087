/* The context's private layout. Stages read options through these fields;
 * only ctx.c writes them. */
#ifndef MXTLS_CTX_H
#define MXTLS_CTX_H

#include <stdarg.h>
#include <stdint.h>

#include "mxtls/common.h"

#define MXTLS__STAGE_COUNT 6 /* index 0 unused; MXTLS_STAGE_RESOLVE..CHECK */
#define MXTLS__DETAIL_SIZE 256
#define MXTLS__MAX_TRUST_ANCHORS 64u
#define MXTLS__MAX_STUB_ZONES 64u
#define MXTLS__MAX_NAME 253u
#define MXTLS__MAX_PATH 4095u
#define MXTLS__DEFAULT_TRUST_ANCHOR "/usr/share/dns/root.key"
/* The root servers' addresses, for the probe of whether recursion from the
 * root works here (dns-root-data, as root.key). */
#define MXTLS__DEFAULT_ROOT_HINTS "/usr/share/dns/root.hints"
#define MXTLS__MAX_REFERENCE_HOSTS 8u
#define MXTLS__EGRESS_EVIDENCE_SIZE 320

struct mxtls__ranges;
struct mxtls__trust;
struct mxtls__chain_facts;
struct mxtls__tls_shared;
struct ub_ctx;

struct mxtls__stub_zone {
    char *zone;   /* lower case, no trailing dot */
    char *server; /* "ADDR@PORT" */
};

/* What the reference probe found (check/egress.c): can this machine reach
 * port 25 of mail servers known to listen there? */
enum mxtls__egress {
    MXTLS__EGRESS_UNKNOWN = 0, /* not asked, no reference host to try, or cut short */
    MXTLS__EGRESS_OPEN,        /* a reference host answered on port 25 */
    MXTLS__EGRESS_BLOCKED      /* every reference host tried failed on port 25 */
};

/* The reference probe's result, kept on the context so that the checks of
 * a batch share one probe. Only the driver of a check (check/egress.c)
 * reads and writes it; core owns the storage, so a setter can drop it. */
struct mxtls__egress_cache {
    int running;                   /* a check is probing now; others wait */
    int done;                      /* verdict and evidence hold for key */
    uint64_t key;                  /* mxtls__egress_key() it was found under */
    int32_t verdict;               /* enum mxtls__egress */
    char evidence[MXTLS__EGRESS_EVIDENCE_SIZE];
};

struct mxtls_ctx {
    uint32_t timeout_ms[MXTLS__STAGE_COUNT];
    char *helo_name;
    char *ca_file;                 /* NULL: the system store */
    char *ca_dir;                  /* NULL: none */
    char *trust_anchor_file;       /* never NULL */
    char *root_hints_file;         /* NULL: libunbound's built-in hints */
    char *trust_anchors[MXTLS__MAX_TRUST_ANCHORS];
    uint32_t n_trust_anchors;
    int32_t resolver_mode;         /* MXTLS_RESOLVER_* */
    char *resolv_conf;             /* NULL: /etc/resolv.conf */
    char *forwarder;               /* "ADDR@PORT" in FORWARDER mode */
    struct mxtls__stub_zone stub_zones[MXTLS__MAX_STUB_ZONES];
    uint32_t n_stub_zones;
    char *proxy_ranges_file;       /* NULL: built-in ranges */
    struct mxtls__ranges *proxy_ranges;
    int32_t address_policy;        /* MXTLS_ADDR_* */
    int32_t dns_transport;         /* MXTLS_DNS_TRANSPORT_* */
    /* Mail hosts whose port 25 is known to be open: when no MX answers on
     * port 25, they tell a block near this machine from a dead domain. */
    char *reference_hosts[MXTLS__MAX_REFERENCE_HOSTS];
    uint32_t n_reference_hosts;
    uint32_t reference_generation; /* bumped by mxtls_ctx_set_reference_hosts() */
    struct mxtls__egress_cache egress;
    /* Bumped by every setter that changes how DNS is resolved, so that a
     * stage holding a resolver built from older options rebuilds it. */
    uint32_t resolver_generation;
    struct ub_ctx *ub;             /* owned by the resolve stage; NULL until used */
    /* The loop ub runs on (resolve/ub_loop.c), as a wait source: freed
     * after ub, whose events it holds. */
    struct mxtls__wait_source *ub_loop;
    struct mxtls__trust *trust;    /* cached CA store (trust.c); NULL until used */
    /* Chains the verify stage judged, kept across checks (verify/
     * verify_facts.c); verify installs the function that frees them, so
     * that core never names the layer above it. */
    struct mxtls__chain_facts *chain_facts;
    void (*chain_facts_free)(struct mxtls__chain_facts *facts);
    /* GnuTLS objects its checks' handshakes share (tls_shared.c); NULL
     * until the first. */
    struct mxtls__tls_shared *tls_shared;
    uint32_t ub_generation;        /* the resolver_generation ub was built for */
    /* What the resolver showed of itself (MXTLS_RESOLVER_HEALTH_*), learnt
     * by the first resolve on ub and kept while ub lives: once per context
     * and resolver setting, not once per check. Only a conclusive answer is
     * kept; a silent resolver is asked again next time. */
    int32_t resolver_health;
    uint32_t health_generation;    /* the ub_generation it was learnt for */
    char health_detail[MXTLS__DETAIL_SIZE];
    /* What the probes beside libunbound found when the resolver is no good
     * for DNSSEC (resolver_examine.c): kept as resolver_health is. */
    uint32_t exam_generation;      /* ub_generation + 1 it was found for; 0 never */
    int32_t exam_validates;        /* the AD bit: 1, 0, -1 not learnt */
    int32_t exam_recursion;        /* MXTLS_RECURSION_* */
    char exam_note[MXTLS__DETAIL_SIZE];
    /* Engines attached (mxtls__ctx_attach). While one is, the options and
     * the state built from them (ub, trust) are frozen: a setter would
     * otherwise make the next check rebuild them on a fiber's small stack,
     * deleting the resolver under queries still in flight. */
    int32_t engines;
    char detail[MXTLS__DETAIL_SIZE];
};

/* Record why a call on ctx failed and return status (for `return fail(...)`). */
int mxtls__ctx_fail(mxtls_ctx *ctx, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* An engine attaches itself to ctx for its whole life; while any is
 * attached every setter returns MXTLS_ESTATE. Core never calls the engine:
 * the engine tells the context. */
void mxtls__ctx_attach(mxtls_ctx *ctx);
void mxtls__ctx_detach(mxtls_ctx *ctx);

const struct mxtls__ranges *mxtls__ctx_proxy_ranges(const mxtls_ctx *ctx);

/* The options a reference probe's result depends on (the list, the
 * resolver, the address policy, the connect timeout), as one number: a
 * cached result under another key is stale. */
uint64_t mxtls__egress_key(const mxtls_ctx *ctx);

/* Parse "ADDR" or "ADDR@PORT" (IPv4/IPv6 literal, port 1..65535, default 53)
 * into canonical "ADDR@PORT". Returns 0, or -1 if malformed. */
int mxtls__parse_server(const char *text, char *out, size_t out_size);

#endif
