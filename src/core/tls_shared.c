/* GnuTLS objects a context's handshakes share (tls_shared.h). */
#include "tls_shared.h"

#include <string.h>

#include "alloc.h"
#include "ctx.h"

/* Distinct priority strings a context's checks use at once: the default
 * and a version probe's or two; the oldest is let go first. */
#define PRIORITY_SLOTS 8

struct mxtls__tls_shared {
    gnutls_certificate_credentials_t cred;      /* NULL until asked for */
    struct {
        char *text;                             /* NULL: empty */
        gnutls_priority_t priority;
    } slot[PRIORITY_SLOTS];
    size_t next;                                /* the slot to reuse next */
};

static struct mxtls__tls_shared *shared_of(mxtls_ctx *ctx)
{
    if (ctx->tls_shared == NULL)
        ctx->tls_shared = mxtls__calloc(1, sizeof *ctx->tls_shared);
    return ctx->tls_shared;
}

int mxtls__tls_shared_priority(mxtls_ctx *ctx, const char *text, gnutls_priority_t *out)
{
    struct mxtls__tls_shared *t = shared_of(ctx);
    if (t == NULL)
        return GNUTLS_E_MEMORY_ERROR;
    for (size_t i = 0; i < PRIORITY_SLOTS; i++)
        if (t->slot[i].text != NULL && strcmp(t->slot[i].text, text) == 0) {
            *out = t->slot[i].priority;
            return 0;
        }
    char *copy = mxtls__strdup(text);
    gnutls_priority_t priority;
    if (copy == NULL)
        return GNUTLS_E_MEMORY_ERROR;
    int rc = gnutls_priority_init(&priority, text, NULL);
    if (rc < 0) {
        mxtls__free(copy);
        return rc;
    }
    size_t i = t->next;
    t->next = (t->next + 1) % PRIORITY_SLOTS;
    if (t->slot[i].text != NULL) {
        gnutls_priority_deinit(t->slot[i].priority);
        mxtls__free(t->slot[i].text);
    }
    t->slot[i].text = copy;
    t->slot[i].priority = priority;
    *out = priority;
    return 0;
}

int mxtls__tls_shared_credentials(mxtls_ctx *ctx, gnutls_certificate_credentials_t *out)
{
    struct mxtls__tls_shared *t = shared_of(ctx);
    if (t == NULL)
        return GNUTLS_E_MEMORY_ERROR;
    if (t->cred == NULL) {
        int rc = gnutls_certificate_allocate_credentials(&t->cred);
        if (rc < 0) {
            t->cred = NULL;
            return rc;
        }
    }
    *out = t->cred;
    return 0;
}

void mxtls__tls_shared_free(struct mxtls__tls_shared *shared)
{
    if (shared == NULL)
        return;
    for (size_t i = 0; i < PRIORITY_SLOTS; i++)
        if (shared->slot[i].text != NULL) {
            gnutls_priority_deinit(shared->slot[i].priority);
            mxtls__free(shared->slot[i].text);
        }
    if (shared->cred != NULL)
        gnutls_certificate_free_credentials(shared->cred);
    mxtls__free(shared);
}
