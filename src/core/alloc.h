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
/* The internal test build (never the shipped library): each allocation also
 * names its call site, so that the ENOMEM loops can tell which of the
 * library's allocation sites they failed, and each block carries a size
 * header, so that live and peak bytes can be measured per session. */
void *mxtls__malloc_at(size_t size, const char *file, int line);
void *mxtls__calloc_at(size_t count, size_t size, const char *file, int line);
void *mxtls__realloc_at(void *ptr, size_t size, const char *file, int line);
char *mxtls__strdup_at(const char *s, const char *file, int line);
char *mxtls__strndup_at(const char *s, size_t n, const char *file, int line);
int mxtls__replace_string_at(char **slot, const char *value, const char *file, int line);
#define mxtls__malloc(size) mxtls__malloc_at((size), __FILE__, __LINE__)
#define mxtls__calloc(count, size) mxtls__calloc_at((count), (size), __FILE__, __LINE__)
#define mxtls__realloc(ptr, size) mxtls__realloc_at((ptr), (size), __FILE__, __LINE__)
#define mxtls__strdup(s) mxtls__strdup_at((s), __FILE__, __LINE__)
#define mxtls__strndup(s, n) mxtls__strndup_at((s), (n), __FILE__, __LINE__)
#define mxtls__replace_string(slot, value) \
    mxtls__replace_string_at((slot), (value), __FILE__, __LINE__)

/* Fail the allocation that comes after `countdown` more succeed; -1 disables.
 * Also starts a new trace of call sites (mxtls__alloc_site_of). */
void mxtls__alloc_fail_after(long countdown);
/* Fail nothing more, keeping the count and trace of this run. */
void mxtls__alloc_stop_failing(void);
/* How many allocations ran since the last mxtls__alloc_fail_after(). */
long mxtls__alloc_count(void);

/* Call sites, numbered from 0 in the order first seen in this process. */
/* The site of allocation n (0-based) since the last mxtls__alloc_fail_after(),
 * or -1 when n was not reached or is past the trace's end. */
int mxtls__alloc_site_of(long n);
/* "file:line" of a site (file as the compiler named it), or NULL. */
const char *mxtls__alloc_site_file(int site, int *line);
/* Injected failures at a site so far in this process. */
long mxtls__alloc_site_failures(int site);
/* Blocks allocated at a site and not yet freed. */
long mxtls__alloc_site_live(int site);
/* Injected failures so far, and the distinct sites they hit. */
long mxtls__alloc_failures(void);
int mxtls__alloc_failed_sites(void);

/* Bytes and blocks allocated through mxtls__* and not yet freed, and the
 * highest live byte count since the last mxtls__alloc_reset_peak(). */
size_t mxtls__alloc_live_bytes(void);
long mxtls__alloc_live_blocks(void);
size_t mxtls__alloc_peak_bytes(void);
void mxtls__alloc_reset_peak(void);
#endif

#endif
