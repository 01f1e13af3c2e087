#define _POSIX_C_SOURCE 200809L
#include "alloc.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef MXTLS_FAULT_INJECTION
/* ---- The internal test build: failure injection, call sites, byte counts.
 * Single-threaded by design: the library allocates only on the caller's
 * thread (libunbound's and GnuTLS's own allocations are not ours). */

#define MAX_SITES 1024          /* distinct call sites; the library has ~200 */
#define TRACE_MAX 65536         /* allocations traced per run */

struct site {
    const char *file;
    int line;
    long failures;
    long live;      /* blocks from this site not yet freed */
};

static long fail_countdown = -1;
static long alloc_count;
static struct site sites[MAX_SITES];
static int n_sites;
static int trace[TRACE_MAX];
static long failures;
static int failed_sites;
static size_t live_bytes, peak_bytes;
static long live_blocks;

/* The size header in front of each block, padded so the block that follows
 * keeps malloc's alignment. */
typedef union {
    struct {
        size_t size;
        int site;
    } b;
    max_align_t align;
} header;

void mxtls__alloc_fail_after(long countdown)
{
    fail_countdown = countdown;
    alloc_count = 0;
}

void mxtls__alloc_stop_failing(void)
{
    fail_countdown = -1;
}

long mxtls__alloc_count(void)
{
    return alloc_count;
}

/* The index of file:line, registered on first sight (-1 when the table is
 * full, which a test then notices as a site that is never named). */
static int site_index(const char *file, int line)
{
    for (int i = 0; i < n_sites; i++)
        if (sites[i].line == line && strcmp(sites[i].file, file) == 0)
            return i;
    if (n_sites == MAX_SITES)
        return -1;
    sites[n_sites] = (struct site){.file = file, .line = line};
    return n_sites++;
}

int mxtls__alloc_site_of(long n)
{
    return n >= 0 && n < alloc_count && n < TRACE_MAX ? trace[n] : -1;
}

const char *mxtls__alloc_site_file(int site, int *line)
{
    if (site < 0 || site >= n_sites)
        return NULL;
    *line = sites[site].line;
    return sites[site].file;
}

long mxtls__alloc_site_failures(int site)
{
    return site >= 0 && site < n_sites ? sites[site].failures : 0;
}

long mxtls__alloc_site_live(int site)
{
    return site >= 0 && site < n_sites ? sites[site].live : 0;
}

long mxtls__alloc_failures(void)
{
    return failures;
}

int mxtls__alloc_failed_sites(void)
{
    return failed_sites;
}

size_t mxtls__alloc_live_bytes(void)
{
    return live_bytes;
}

long mxtls__alloc_live_blocks(void)
{
    return live_blocks;
}

size_t mxtls__alloc_peak_bytes(void)
{
    return peak_bytes;
}

void mxtls__alloc_reset_peak(void)
{
    peak_bytes = live_bytes;
}

/* 1 when this allocation (made at file:line) must fail; *site_out is its
 * site. */
static int injected_failure(const char *file, int line, int *site_out)
{
    int site = site_index(file, line);
    *site_out = site;
    if (alloc_count < TRACE_MAX)
        trace[alloc_count] = site;
    alloc_count++;
    if (fail_countdown < 0 || fail_countdown-- != 0)
        return 0;
    failures++;
    if (site >= 0 && sites[site].failures++ == 0)
        failed_sites++;
    return 1;
}

static void count_block(size_t size, int site)
{
    live_bytes += size;
    live_blocks++;
    if (site >= 0)
        sites[site].live++;
    if (live_bytes > peak_bytes)
        peak_bytes = live_bytes;
}

/* The caller's pointer for a block with a header. */
static void *tracked(header *h, size_t size, int site)
{
    if (h == NULL)
        return NULL;
    h->b.size = size;
    h->b.site = site;
    count_block(size, site);
    return h + 1;
}

static void uncount_block(const header *h)
{
    live_bytes -= h->b.size;
    live_blocks--;
    if (h->b.site >= 0)
        sites[h->b.site].live--;
}

void *mxtls__malloc_at(size_t size, const char *file, int line)
{
    int site;
    if (injected_failure(file, line, &site) || size > SIZE_MAX - sizeof(header))
        return NULL;
    return tracked(malloc(sizeof(header) + size), size, site);
}

void *mxtls__calloc_at(size_t count, size_t size, const char *file, int line)
{
    int site;
    if (injected_failure(file, line, &site))
        return NULL;
    count = count ? count : 1;
    size = size ? size : 1;
    if (size > (SIZE_MAX - sizeof(header)) / count)
        return NULL;
    return tracked(calloc(1, sizeof(header) + count * size), count * size, site);
}

void *mxtls__realloc_at(void *ptr, size_t size, const char *file, int line)
{
    int site;
    if (injected_failure(file, line, &site) || size > SIZE_MAX - sizeof(header))
        return NULL;
    if (ptr == NULL)
        return tracked(malloc(sizeof(header) + size), size, site);
    header *old = (header *)ptr - 1, saved = *old;
    header *h = realloc(old, sizeof(header) + size);
    if (h == NULL)
        return NULL;
    uncount_block(&saved);
    return tracked(h, size, site);
}

char *mxtls__strndup_at(const char *s, size_t n, const char *file, int line)
{
    if (s == NULL)
        return NULL;
    size_t len = strnlen(s, n);
    char *copy = mxtls__malloc_at(len + 1, file, line);
    if (copy == NULL)
        return NULL;
    memcpy(copy, s, len);
    copy[len] = '\0';
    return copy;
}

char *mxtls__strdup_at(const char *s, const char *file, int line)
{
    return s ? mxtls__strndup_at(s, strlen(s), file, line) : NULL;
}

void mxtls__free(void *ptr)
{
    if (ptr == NULL)
        return;
    header *h = (header *)ptr - 1;
    uncount_block(h);
    free(h);
}

int mxtls__replace_string_at(char **slot, const char *value, const char *file, int line)
{
    char *copy = NULL;
    if (value != NULL && (copy = mxtls__strdup_at(value, file, line)) == NULL)
        return -1;
    mxtls__free(*slot);
    *slot = copy;
    return 0;
}

#else
/* ---- The shipped library: the C library's allocator, nothing more. */

void *mxtls__malloc(size_t size)
{
    return malloc(size ? size : 1);
}

void *mxtls__calloc(size_t count, size_t size)
{
    return calloc(count ? count : 1, size ? size : 1);
}

void *mxtls__realloc(void *ptr, size_t size)
{
    return realloc(ptr, size ? size : 1);
}

char *mxtls__strndup(const char *s, size_t n)
{
    if (s == NULL)
        return NULL;
    size_t len = strnlen(s, n);
    char *copy = mxtls__malloc(len + 1);
    if (copy == NULL)
        return NULL;
    memcpy(copy, s, len);
    copy[len] = '\0';
    return copy;
}

char *mxtls__strdup(const char *s)
{
    return s ? mxtls__strndup(s, strlen(s)) : NULL;
}

void mxtls__free(void *ptr)
{
    free(ptr);
}

int mxtls__replace_string(char **slot, const char *value)
{
    char *copy = NULL;
    if (value != NULL && (copy = mxtls__strdup(value)) == NULL)
        return -1;
    mxtls__free(*slot);
    *slot = copy;
    return 0;
}
#endif

void mxtls__free_strings(const char *const *v, size_t n)
{
    if (v == NULL)
        return;
    for (size_t i = 0; i < n; i++)
        mxtls__free((void *)v[i]);
    mxtls__free((void *)v);
}
