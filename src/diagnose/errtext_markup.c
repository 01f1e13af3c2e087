/* Blanking the markup of a pasted page (errtext_markup.h). */
#include "errtext_markup.h"

#include <ctype.h>
#include <string.h>

/* A tag longer than this is no tag (an angle bracket in prose). */
#define TAG_MAX 1024

/* The elements a page or an HTML mail is built of; "structure" ones tell
 * that the text is markup at all. */
static const struct {
    const char *name;
    int structure;
} elements[] = {
    {"html", 1}, {"head", 1}, {"body", 1}, {"div", 1}, {"span", 1}, {"p", 1}, {"table", 1},
    {"tbody", 1}, {"thead", 1}, {"tr", 1}, {"td", 1}, {"th", 1}, {"font", 1}, {"center", 1},
    {"ul", 1}, {"ol", 1}, {"li", 1}, {"blockquote", 1}, {"section", 1}, {"article", 1},
    {"title", 0}, {"meta", 0}, {"link", 0}, {"style", 0}, {"script", 0}, {"br", 0},
    {"hr", 0}, {"b", 0}, {"i", 0}, {"u", 0}, {"em", 0}, {"strong", 0}, {"small", 0},
    {"big", 0}, {"tt", 0}, {"code", 0}, {"pre", 0}, {"a", 0}, {"img", 0}, {"h1", 0},
    {"h2", 0}, {"h3", 0}, {"h4", 0}, {"h5", 0}, {"h6", 0}, {"sup", 0}, {"sub", 0},
    {"label", 0}, {"header", 0}, {"footer", 0}, {"nav", 0}, {"main", 0}, {"o:p", 0},
};

#define N_ELEMENTS (sizeof elements / sizeof *elements)

/* The element whose tag starts at s ('<'), or -1: "<name" or "</name"
 * ending in a blank, '>' or "/>". *close says which. */
static int element_at(const char *s, const char *end, int *close)
{
    const char *n = s + 1;
    *close = n < end && *n == '/';
    n += *close;
    size_t k = 0;
    while (n + k < end && (isalnum((unsigned char)n[k]) || n[k] == ':'))
        k++;
    if (k == 0 || n + k >= end || !(n[k] == '>' || n[k] == '/' || isspace((unsigned char)n[k])))
        return -1;
    for (size_t i = 0; i < N_ELEMENTS; i++)
        if (strlen(elements[i].name) == k) {
            size_t j = 0;
            while (j < k && tolower((unsigned char)n[j]) == elements[i].name[j])
                j++;
            if (j == k)
                return (int)i;
        }
    return -1;
}

/* Where the tag or declaration that starts at s ends (past its '>'), or
 * NULL when it does not end within TAG_MAX octets before another '<'. */
static char *tag_end(char *s, const char *end, const char *closer)
{
    size_t cl = strlen(closer);
    for (char *p = s + 1; p + cl <= end && p - s < TAG_MAX; p++) {
        if (strncmp(p, closer, cl) == 0)
            return p + cl;
        if (*p == '<' && cl == 1)
            return NULL;
    }
    return NULL;
}

static int is_markup(const char *text, const char *end)
{
    int seen[N_ELEMENTS] = {0}, kinds = 0, close;
    for (const char *s = memchr(text, '<', (size_t)(end - text)); s != NULL && s < end;
         s = memchr(s + 1, '<', (size_t)(end - s - 1))) {
        int e = element_at(s, end, &close);
        if (e >= 0 && elements[e].structure && !seen[e]) {
            seen[e] = 1;
            if (++kinds >= 2)
                return 1;
        }
        if (s + 1 >= end)
            break;
    }
    return 0;
}

/* s starts an element whose content is code, not text: style, script. */
static int holds_code(int e)
{
    return e >= 0 && (strcmp(elements[e].name, "style") == 0 ||
                      strcmp(elements[e].name, "script") == 0);
}

size_t mxtls__blank_markup(char *text, size_t len)
{
    char *end = text + len;
    if (len < 3 || !is_markup(text, end))
        return 0;
    size_t blanked = 0;
    int in_code = 0;   /* inside style or script: blank up to its end tag */
    for (char *s = text; s < end; s++) {
        if (*s != '<') {
            if (in_code)
                *s = ' ';
            continue;
        }
        int close, e = element_at(s, end, &close);
        const char *closer = ">";
        if (e < 0 && end - s >= 4 && strncmp(s, "<!--", 4) == 0)
            closer = "-->";
        else if (e < 0 && !(end - s >= 2 && s[1] == '!')) {
            if (in_code)
                *s = ' ';
            continue;
        }
        char *past = tag_end(s, end, closer);
        if (past == NULL) {
            if (in_code)
                *s = ' ';
            continue;
        }
        if (holds_code(e))
            in_code = !close;
        memset(s, ' ', (size_t)(past - s));
        blanked++;
        s = past - 1;
    }
    return blanked;
}
