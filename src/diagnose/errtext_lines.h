/* The lines of a pasted text, for the passes that blank some of them
 * (errtext_delivered.h, errtext_scanners.h): where one ends, what it
 * holds, and blanking it in place. Pure. */
#ifndef MXTLS_ERRTEXT_LINES_H
#define MXTLS_ERRTEXT_LINES_H

#include <stddef.h>

struct mxtls__line {
    char *at;
    size_t len;   /* without its end */
};

/* The line starting at s, below end; *next is where the one after it
 * starts. Line ends as errtext_headers.h's mxtls__line_end_at() has them. */
struct mxtls__line mxtls__line_at(char *s, const char *end, char **next);

/* The first case-blind occurrence of lower-case needle in the line, or
 * NULL. */
const char *mxtls__line_find(const struct mxtls__line *l, const char *needle);

/* Overwrite the line with blanks; its end stays. */
void mxtls__line_blank(const struct mxtls__line *l);

#endif
