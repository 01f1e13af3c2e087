/* Every allocation in the library goes through these, so that a test build
 * can fail the Nth allocation and check that each site returns MXTLS_ENOMEM
 * cleanly (as c-ares tests it). */
#ifndef MXTLS_ALLOC_H
#define MXTLS_ALLOC_H

#include <stddef.h>

void *mxtls__malloc(size_t size);
void *mxtls__calloc(size_t count, size_t size);
void *mxtls__realloc(void *ptr, size_t size);
/* strdup of s, or NULL when s is NULL or memory runs out. */
char *mxtls__strdup(const char *s);
/* strndup: at most n octets of s, always NUL-terminated. */
char *mxtls__strndup(const char *s, size_t n);
void mxtls__free(void *ptr);
/* Free n strings of v and then v itself (a result's string array). NULL v is a no-op. */
void mxtls__free_strings(const char *const *v, size_t n);

/* Replace *slot with a copy of value (NULL allowed). Returns 0, or -1 when
 * out of memory, in which case *slot is unchanged. */
int mxtls__replace_string(char **slot, const char *value);

#ifdef MXTLS_FAULT_INJECTION
/* Fail the allocation that comes after `countdown` more succeed; -1 disables.
 * Only in the internal test build, never in the shipped library. */
void mxtls__alloc_fail_after(long countdown);
/* How many allocations ran since the last mxtls__alloc_fail_after(). */
long mxtls__alloc_count(void);
#endif

#endif
