#define _POSIX_C_SOURCE 200809L
#include "alloc.h"

#include <stdlib.h>
#include <string.h>

#ifdef MXTLS_FAULT_INJECTION
static long fail_countdown = -1;
static long alloc_count;

void mxtls__alloc_fail_after(long countdown)
{
    fail_countdown = countdown;
    alloc_count = 0;
}

long mxtls__alloc_count(void)
{
    return alloc_count;
}

/* 1 when this allocation must fail. */
static int injected_failure(void)
{
    alloc_count++;
    if (fail_countdown < 0)
        return 0;
    return fail_countdown-- == 0;
}
#else
static int injected_failure(void)
{
    return 0;
}
#endif

void *mxtls__malloc(size_t size)
{
    return injected_failure() ? NULL : malloc(size ? size : 1);
}

void *mxtls__calloc(size_t count, size_t size)
{
    return injected_failure() ? NULL : calloc(count ? count : 1, size ? size : 1);
}

void *mxtls__realloc(void *ptr, size_t size)
{
    return injected_failure() ? NULL : realloc(ptr, size ? size : 1);
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

void mxtls__free_strings(const char *const *v, size_t n)
{
    if (v == NULL)
        return;
    for (size_t i = 0; i < n; i++)
        mxtls__free((void *)v[i]);
    mxtls__free((void *)v);
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
