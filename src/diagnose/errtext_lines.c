/* The lines of a pasted text (errtext_lines.h). */
#include "errtext_lines.h"

#include <ctype.h>
#include <string.h>

#include "errtext_headers.h"

const char *mxtls__line_find(const struct mxtls__line *l, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; n <= l->len && i + n <= l->len; i++) {
        size_t k = 0;
        while (k < n && tolower((unsigned char)l->at[i + k]) == needle[k])
            k++;
        if (k == n)
            return l->at + i;
    }
    return NULL;
}

struct mxtls__line mxtls__line_at(char *s, const char *end, char **next)
{
    struct mxtls__line l = {s, 0};
    size_t e = 0;
    while (s + l.len < end && (e = mxtls__line_end_at(s + l.len, end)) == 0)
        l.len++;
    *next = s + l.len + e;
    return l;
}

void mxtls__line_blank(const struct mxtls__line *l)
{
    memset(l->at, ' ', l->len);
}
