/* Growable text for rendering, handed to callers as an mxtls_buffer. */
#ifndef MXTLS_BUFFER_H
#define MXTLS_BUFFER_H

#include <stddef.h>

#include "mxtls/diagnose.h"

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
