#define _POSIX_C_SOURCE 200809L
#include "buffer.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"

int mxtls__vformat(char *out, size_t size, const char *fmt, va_list ap)
{
    int n = vsnprintf(out, size, fmt, ap);
    if (n < 0 && size > 0)
        out[0] = '\0';
    return n;
}

char *mxtls__format(const char *fmt, ...)
{
    char buf[MXTLS__LINE_MAX];
    va_list ap;
    va_start(ap, fmt);
    mxtls__vformat(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return mxtls__strdup(buf);
}

static int reserve(struct mxtls__text *t, size_t more)
{
    if (t->failed)
        return -1;
    if (t->len + more + 1 <= t->cap)
        return 0;
    size_t cap = t->cap ? t->cap : 256;
    while (cap < t->len + more + 1)
        cap *= 2;
    char *data = mxtls__realloc(t->data, cap);
    if (data == NULL) {
        t->failed = 1;
        return -1;
    }
    t->data = data;
    t->cap = cap;
    return 0;
}

void mxtls__text_append(struct mxtls__text *t, const char *s)
{
    size_t n = strlen(s);
    if (reserve(t, n) != 0)
        return;
    memcpy(t->data + t->len, s, n + 1);
    t->len += n;
}

void mxtls__text_printf(struct mxtls__text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = mxtls__vformat(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || reserve(t, (size_t)n) != 0)
        return;
    va_start(ap, fmt);
    mxtls__vformat(t->data + t->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    t->len += (size_t)n;
}

int mxtls__text_finish(struct mxtls__text *t, mxtls_buffer **out)
{
    *out = NULL;
    if (reserve(t, 0) == 0) {
        mxtls_buffer *b = mxtls__calloc(1, sizeof *b);
        if (b != NULL) {
            t->data[t->len] = '\0';
            b->struct_size = sizeof *b;
            b->data = t->data;
            b->length = t->len;
            *out = b;
            return MXTLS_OK;
        }
    }
    mxtls__free(t->data);
    t->data = NULL;
    return MXTLS_ENOMEM;
}

void mxtls_buffer_free(mxtls_buffer *buffer)
{
    if (buffer == NULL)
        return;
    mxtls__free((char *)buffer->data);
    mxtls__free(buffer);
}
