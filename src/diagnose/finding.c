#define _POSIX_C_SOURCE 200809L
#include "finding.h"

#include <string.h>

#include "alloc.h"
#include "template.h"

void mxtls__finding_free(mxtls_finding *f)
{
    if (f == NULL)
        return;
    mxtls__free((char *)f->host);
    mxtls__free((char *)f->address);
    mxtls__free((char *)f->summary);
    mxtls__free((char *)f->explanation);
    mxtls__free((char *)f->evidence);
    mxtls__free_strings(f->remedies, f->n_remedies);
    /* ids and references point into the static catalogue. */
    mxtls__free((void *)f->references);
    mxtls__free(f);
}

static size_t count_strings(const char *const *list, size_t max)
{
    size_t n = 0;
    while (n < max && list[n] != NULL)
        n++;
    return n;
}

/* Copy the optional place strings; 0 or -1 on ENOMEM. */
static int copy_place(mxtls_finding *f, const struct mxtls__finding_place *place)
{
    if (place == NULL)
        return 0;
    f->port = place->port;
    if ((place->host && (f->host = mxtls__strdup(place->host)) == NULL) ||
        (place->address && (f->address = mxtls__strdup(place->address)) == NULL) ||
        (place->evidence && (f->evidence = mxtls__strdup(place->evidence)) == NULL))
        return -1;
    return 0;
}

static int expand_texts(mxtls_finding *f, const struct mxtls__catalog_entry *e,
                        const struct mxtls__vars *vars)
{
    size_t n_rem = count_strings(e->remedies, MXTLS__MAX_REMEDIES);
    size_t n_ref = count_strings(e->references, MXTLS__MAX_REFERENCES);
    char **remedies = mxtls__calloc(n_rem + 1, sizeof *remedies);
    const char **refs = mxtls__calloc(n_ref + 1, sizeof *refs);
    f->remedies = (const char *const *)remedies;
    f->references = refs;
    if (remedies == NULL || refs == NULL)
        return -1;
    for (size_t i = 0; i < n_rem; i++) {
        if ((remedies[i] = mxtls__template_expand(e->remedies[i], vars)) == NULL)
            return -1;
        f->n_remedies = i + 1; /* what is filled in is what gets freed */
    }
    memcpy(refs, e->references, n_ref * sizeof *refs);
    f->n_references = n_ref;
    f->summary = mxtls__template_expand(e->summary, vars);
    f->explanation = mxtls__template_expand(e->explanation, vars);
    return f->summary && f->explanation ? 0 : -1;
}

int mxtls__finding_new(int32_t code, int32_t severity, const struct mxtls__vars *vars,
                       const struct mxtls__finding_place *place, mxtls_finding **out)
{
    const struct mxtls__catalog_entry *e = mxtls__catalog_find(code);
    *out = NULL;
    if (e == NULL)
        return MXTLS_EINTERNAL;
    mxtls_finding *f = mxtls__calloc(1, sizeof *f);
    if (f == NULL)
        return MXTLS_ENOMEM;
    f->struct_size = sizeof *f;
    f->code = e->code;
    f->id = e->id;
    f->severity = severity ? severity : e->severity;
    f->stage = e->stage;
    f->about = e->about;
    f->caused_by = -1;
    if (copy_place(f, place) != 0 || expand_texts(f, e, vars) != 0) {
        mxtls__finding_free(f);
        return MXTLS_ENOMEM;
    }
    *out = f;
    return MXTLS_OK;
}

long mxtls__finding_list_add(struct mxtls__finding_list *list, int32_t code, int32_t severity,
                             const struct mxtls__vars *vars,
                             const struct mxtls__finding_place *place, int *status)
{
    if (list->count == list->capacity) {
        size_t cap = list->capacity ? list->capacity * 2 : 8;
        mxtls_finding **items = mxtls__realloc(list->items, cap * sizeof *items);
        if (items == NULL) {
            *status = MXTLS_ENOMEM;
            return -1;
        }
        list->items = items;
        list->capacity = cap;
    }
    mxtls_finding *f = NULL;
    if ((*status = mxtls__finding_new(code, severity, vars, place, &f)) != MXTLS_OK)
        return -1;
    list->items[list->count] = f;
    return (long)list->count++;
}

void mxtls__finding_list_free(struct mxtls__finding_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        mxtls__finding_free(list->items[i]);
    mxtls__free(list->items);
    list->items = NULL;
    list->count = list->capacity = 0;
}
