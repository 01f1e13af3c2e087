#define _POSIX_C_SOURCE 200809L
/* Cached CA store of a context; see trust.h for why. */
#include "trust.h"

#include <string.h>
#include <sys/stat.h>

#include "alloc.h"
#include "ctx.h"

/* What a trust list was built from: the options and the files' identity. */
struct source {
    char *ca_file;
    char *ca_dir;
    int64_t file_size, file_mtime_ns, dir_mtime_ns;
};

/* Enough for the distinct chains of a batch's checks in flight to be met
 * again by their own second probes; a lookup is a linear scan. */
#define MEMO_SLOTS 64

struct memo {
    uint8_t key[32];
    int64_t valid_from_ms;         /* when it was judged */
    int64_t valid_until_ms;        /* 0: empty */
    unsigned status;
};

struct mxtls__trust {
    gnutls_x509_trust_list_t tl;
    long n_cas;                    /* CA certificates in tl */
    struct source src;
    struct memo memo[MEMO_SLOTS];
    unsigned memo_next;            /* the slot to overwrite next */
    uint64_t generation;           /* bumped by every rebuild of tl */
    int pinned;                    /* mxtls__trust_pin ran; read while ctx->engines */
    int pinned_rc;                 /* what it got: 0 (tl) or a GnuTLS error */
};

static void source_clear(struct source *s)
{
    mxtls__free(s->ca_file);
    mxtls__free(s->ca_dir);
    memset(s, 0, sizeof *s);
}

static void stat_into(const char *path, int64_t *size, int64_t *mtime_ns)
{
    struct stat st;

    *size = -1;
    *mtime_ns = -1;
    if (path != NULL && stat(path, &st) == 0) {
        *size = (int64_t)st.st_size;
        *mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
    }
}

/* The source ctx asks for now. Returns 0, or -1 when out of memory. */
static int source_now(const mxtls_ctx *ctx, struct source *s)
{
    int64_t unused;

    memset(s, 0, sizeof *s);
    if ((ctx->ca_file && !(s->ca_file = mxtls__strdup(ctx->ca_file))) ||
        (ctx->ca_dir && !(s->ca_dir = mxtls__strdup(ctx->ca_dir)))) {
        source_clear(s);
        return -1;
    }
    stat_into(s->ca_file, &s->file_size, &s->file_mtime_ns);
    stat_into(s->ca_dir, &unused, &s->dir_mtime_ns);
    return 0;
}

static int str_eq(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static int source_eq(const struct source *a, const struct source *b)
{
    return str_eq(a->ca_file, b->ca_file) && str_eq(a->ca_dir, b->ca_dir) &&
           a->file_size == b->file_size && a->file_mtime_ns == b->file_mtime_ns &&
           a->dir_mtime_ns == b->dir_mtime_ns;
}

/* What one gnutls_x509_trust_list_add_*() gave: the CAs it added, with a
 * file that holds none (empty, or no PEM certificate in it: GnuTLS says
 * GNUTLS_E_NO_CERTIFICATE_FOUND) or cannot be read any more counted as
 * zero. A store with no CA is a fact about the checker's environment that
 * the verify stage reports (MXTLS_VERIFY_EMPTY_TRUST_STORE), not a failure
 * to verify. A missing system bundle already gives 0 (measured, GnuTLS
 * 3.7.9 with /etc/ssl/certs/ca-certificates.crt absent). */
static int added(int rc, long *n)
{
    if (rc == GNUTLS_E_NO_CERTIFICATE_FOUND || rc == GNUTLS_E_FILE_ERROR)
        return 0;
    if (rc > 0)
        *n += rc;
    return rc;
}

static int build(const struct source *s, gnutls_x509_trust_list_t *tl, long *n_cas)
{
    int rc = gnutls_x509_trust_list_init(tl, 0);

    *n_cas = 0;
    if (rc < 0)
        return rc;
    if (s->ca_file == NULL && s->ca_dir == NULL)
        rc = added(gnutls_x509_trust_list_add_system_trust(*tl, 0, 0), n_cas);
    if (rc >= 0 && s->ca_file != NULL)
        rc = added(gnutls_x509_trust_list_add_trust_file(*tl, s->ca_file, NULL,
                                                         GNUTLS_X509_FMT_PEM, 0, 0),
                   n_cas);
    if (rc >= 0 && s->ca_dir != NULL)
        rc = added(gnutls_x509_trust_list_add_trust_dir(*tl, s->ca_dir, NULL,
                                                        GNUTLS_X509_FMT_PEM, 0, 0),
                   n_cas);
    if (rc < 0) {
        gnutls_x509_trust_list_deinit(*tl, 1);
        *tl = NULL;
    }
    return rc;
}

void mxtls__trust_free(struct mxtls__trust *trust)
{
    if (trust == NULL)
        return;
    if (trust->tl != NULL)
        gnutls_x509_trust_list_deinit(trust->tl, 1);
    source_clear(&trust->src);
    mxtls__free(trust);
}

static int lookup(mxtls_ctx *ctx, gnutls_x509_trust_list_t *out)
{
    struct source now;
    gnutls_x509_trust_list_t tl;
    int rc;

    *out = NULL;
    if (source_now(ctx, &now) < 0)
        return GNUTLS_E_MEMORY_ERROR;
    if (ctx->trust != NULL && source_eq(&ctx->trust->src, &now)) {
        source_clear(&now);
        *out = ctx->trust->tl;
        return 0;
    }
    long n_cas;
    rc = build(&now, &tl, &n_cas);
    if (rc < 0) {
        source_clear(&now);
        return rc;
    }
    if (ctx->trust == NULL && (ctx->trust = mxtls__calloc(1, sizeof *ctx->trust)) == NULL) {
        gnutls_x509_trust_list_deinit(tl, 1);
        source_clear(&now);
        return GNUTLS_E_MEMORY_ERROR;
    }
    if (ctx->trust->tl != NULL)
        gnutls_x509_trust_list_deinit(ctx->trust->tl, 1);
    source_clear(&ctx->trust->src);
    memset(ctx->trust->memo, 0, sizeof ctx->trust->memo);   /* for the old list */
    ctx->trust->generation++;
    ctx->trust->tl = tl;
    ctx->trust->n_cas = n_cas;
    ctx->trust->src = now;
    *out = tl;
    return 0;
}

int mxtls__trust_recall(mxtls_ctx *ctx, const uint8_t key[32], int64_t now_ms,
                        unsigned *status)
{
    if (ctx->trust == NULL)
        return 0;
    for (size_t i = 0; i < MEMO_SLOTS; i++) {
        const struct memo *m = &ctx->trust->memo[i];
        /* from <= now: a wall clock set back does not bring back an
         * outcome judged at a later time. */
        if (m->valid_from_ms <= now_ms && now_ms < m->valid_until_ms &&
            memcmp(m->key, key, 32) == 0) {
            *status = m->status;
            return 1;
        }
    }
    return 0;
}

void mxtls__trust_remember(mxtls_ctx *ctx, const uint8_t key[32], int64_t valid_from_ms,
                           int64_t valid_until_ms, unsigned status)
{
    if (ctx->trust == NULL)
        return;
    struct memo *m = &ctx->trust->memo[ctx->trust->memo_next];
    ctx->trust->memo_next = (ctx->trust->memo_next + 1) % MEMO_SLOTS;
    memcpy(m->key, key, 32);
    m->valid_from_ms = valid_from_ms;
    m->valid_until_ms = valid_until_ms;
    m->status = status;
}

/* While an engine is attached the list pinned when it attached is the
 * answer, even if the CA file changed on disk: rebuilding means loading the
 * system store (p11-kit, deep stacks) on a check's fiber, and freeing a list
 * other checks in flight may still hold. */
int mxtls__trust_get(mxtls_ctx *ctx, gnutls_x509_trust_list_t *out)
{
    if (ctx->engines > 0 && ctx->trust != NULL && ctx->trust->pinned) {
        *out = ctx->trust->pinned_rc == 0 ? ctx->trust->tl : NULL;
        return ctx->trust->pinned_rc;
    }
    return lookup(ctx, out);
}

uint64_t mxtls__trust_generation(const mxtls_ctx *ctx)
{
    return ctx->trust != NULL ? ctx->trust->generation : 0;
}

long mxtls__trust_count(const mxtls_ctx *ctx)
{
    return ctx->trust != NULL && ctx->trust->tl != NULL ? ctx->trust->n_cas : -1;
}

int mxtls__trust_pin(mxtls_ctx *ctx)
{
    gnutls_x509_trust_list_t tl;
    int rc = lookup(ctx, &tl);
    if (rc == GNUTLS_E_MEMORY_ERROR)
        return rc;
    if (ctx->trust == NULL && (ctx->trust = mxtls__calloc(1, sizeof *ctx->trust)) == NULL)
        return GNUTLS_E_MEMORY_ERROR;
    /* A failed build is pinned too: each check reports it, none retries. */
    ctx->trust->pinned = 1;
    ctx->trust->pinned_rc = rc;
    return 0;
}
