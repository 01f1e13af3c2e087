/* A pasted error text in one canonical form, so that how it was copied does
 * not change what it means: typographic quotes and dashes become ASCII,
 * non-breaking and other odd spaces a blank, invisible marks vanish; HTML
 * entities and line-break tags from a web page, and quoted-printable soft
 * breaks and =XX from a raw mail, are decoded; line breaks, "> " quote
 * marks and the indentation of wrapped lines become one blank, and runs of
 * blanks one. Log prefixes stay: they tell whose log it is. Pure; the form
 * is never longer than the input. */
#ifndef MXTLS_ERRTEXT_NORM_H
#define MXTLS_ERRTEXT_NORM_H

#include <stddef.h>
#include <stdint.h>

struct mxtls__normtext {
    char *text;        /* the normal form, NUL-terminated */
    size_t len;
    uint32_t *origin;  /* origin[i]: the input offset text[i] came from;
                          origin[len] is the input's length */
};

/* Normalise in[0..len). 0, or -1 when memory ran out (*out then empty). */
int mxtls__errtext_normalize(const char *in, size_t len, struct mxtls__normtext *out);
void mxtls__normtext_free(struct mxtls__normtext *t);

#endif
