/* Text the library builds: the one printf-to-string every layer uses,
 * one-line details in a new string, and growable text for rendering,
 * handed to callers as an mxtls_buffer. */
#ifndef MXTLS_BUFFER_H
#define MXTLS_BUFFER_H

#include <stdarg.h>
#include <stddef.h>

#include "mxtls/diagnose.h"

/* A detail line of a result, its terminating NUL included: longer text is
 * cut, so a hostile value cannot make a detail grow without bound. */
#define MXTLS__LINE_MAX 512

/* printf into out[size], cut to fit and always terminated when size > 0
 * (empty when the format itself fails). Returns the length of the whole
 * text, which is size or more when it was cut, or -1 when the format
 * failed; out NULL and size 0 only measure. */
int mxtls__vformat(char *out, size_t size, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

/* printf into a new string of at most MXTLS__LINE_MAX - 1 octets; NULL when
 * out of memory. */
char *mxtls__format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

struct mxtls__text {
    char *data;
    size_t len, cap;
    int failed; /* set once memory ran out; later appends do nothing */
};

void mxtls__text_append(struct mxtls__text *t, const char *s);
void mxtls__text_printf(struct mxtls__text *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Hand the text over as a new buffer (MXTLS_OK), or free it (MXTLS_ENOMEM). */
int mxtls__text_finish(struct mxtls__text *t, mxtls_buffer **out);

#endif
