/* Building findings from the catalogue and the facts a stage observed. */
#ifndef MXTLS_FINDING_H
#define MXTLS_FINDING_H

#include "catalog.h"
#include "mxtls/diagnose.h"

/* Where a finding is, and what was seen; all may be NULL / 0. */
struct mxtls__finding_place {
    const char *host;
    const char *address;
    int32_t port;
    const char *evidence;
};

/* A new finding for code with its texts expanded from vars. severity 0 keeps
 * the catalogue's default. Returns MXTLS_OK, MXTLS_ENOMEM, or MXTLS_EINTERNAL
 * for a code missing from the catalogue. */
int mxtls__finding_new(int32_t code, int32_t severity, const struct mxtls__vars *vars,
                       const struct mxtls__finding_place *place, mxtls_finding **out);
void mxtls__finding_free(mxtls_finding *finding);

/* A growable list of findings, handed to a result as (count, array). */
struct mxtls__finding_list {
    mxtls_finding **items;
    size_t count, capacity;
};

/* Append a new finding (as mxtls__finding_new); returns its index, or -1
 * when memory runs out (*status says which). */
long mxtls__finding_list_add(struct mxtls__finding_list *list, int32_t code, int32_t severity,
                             const struct mxtls__vars *vars,
                             const struct mxtls__finding_place *place, int *status);
void mxtls__finding_list_free(struct mxtls__finding_list *list);

#endif
