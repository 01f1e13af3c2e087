/* A pasted error text in one canonical form: see errtext_norm.h. */
#include "errtext_norm.h"

#include <string.h>

#include "alloc.h"

struct norm {
    const unsigned char *in;
    size_t len, at;
    struct mxtls__normtext *out;
    int qp;          /* the text carries quoted-printable encoding */
    int space;       /* a space is pending (runs of blanks become one) */
    size_t space_at; /* where that run began */
};

static int hex(unsigned char c)
{
    return c >= '0' && c <= '9' ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

static void emit(struct norm *n, char c, size_t origin)
{
    struct mxtls__normtext *o = n->out;
    if (n->space && o->len > 0) {
        o->text[o->len] = ' ';
        o->origin[o->len++] = (uint32_t)n->space_at;
    }
    n->space = 0;
    o->text[o->len] = c;
    o->origin[o->len++] = (uint32_t)origin;
}

static int starts(const struct norm *n, const char *s)
{
    size_t k = strlen(s);
    return n->at + k <= n->len && memcmp(n->in + n->at, s, k) == 0;
}

static int starts_ci(const struct norm *n, const char *s)
{
    size_t k = strlen(s);
    if (n->at + k > n->len)
        return 0;
    for (size_t i = 0; i < k; i++) {
        unsigned char c = n->in[n->at + i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        if (c != (unsigned char)s[i])
            return 0;
    }
    return 1;
}

/* Code points that only dress text up: quotes, dashes, spaces of other
 * widths, invisible marks. Returns the octets consumed (0: none), with the
 * ASCII stand-in in *c ('\0': drop it, ' ': a blank). */
static size_t typographic(const struct norm *n, char *c)
{
    static const struct {
        const char *utf8;
        char ascii;
    } map[] = {
        {"\xe2\x80\x98", '\''}, {"\xe2\x80\x99", '\''}, {"\xe2\x80\x9a", '\''},
        {"\xe2\x80\xb2", '\''}, {"\xe2\x80\x9c", '"'},  {"\xe2\x80\x9d", '"'},
        {"\xe2\x80\x9e", '"'},  {"\xc2\xab", '"'},      {"\xc2\xbb", '"'},
        {"\xe2\x80\x90", '-'},  {"\xe2\x80\x91", '-'},  {"\xe2\x80\x92", '-'},
        {"\xe2\x80\x93", '-'},  {"\xe2\x80\x94", '-'},  {"\xe2\x88\x92", '-'},
        {"\xc2\xa0", ' '},      {"\xe2\x80\xaf", ' '},  {"\xe2\x80\x89", ' '},
        {"\xe2\x80\x8a", ' '},  {"\xe2\x80\x87", ' '},  {"\xe3\x80\x80", ' '},
        {"\xe2\x80\xa8", ' '},  {"\xe2\x80\xa9", ' '},  {"\xe2\x80\x8b", '\0'},
        {"\xe2\x80\x8c", '\0'}, {"\xe2\x80\x8d", '\0'}, {"\xef\xbb\xbf", '\0'},
        {"\xc2\xad", '\0'},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (starts(n, map[i].utf8)) {
            *c = map[i].ascii;
            return strlen(map[i].utf8);
        }
    return 0;
}

/* An HTML entity or line-break tag; octets consumed, or 0. */
static size_t html(const struct norm *n, char *c)
{
    static const struct {
        const char *text;
        char ascii;
    } map[] = {
        {"&amp;", '&'},  {"&lt;", '<'},    {"&gt;", '>'},   {"&quot;", '"'},
        {"&apos;", '\''}, {"&#39;", '\''}, {"&#039;", '\''}, {"&#x27;", '\''},
        {"&nbsp;", ' '}, {"&#160;", ' '},  {"&rsquo;", '\''}, {"&lsquo;", '\''},
        {"&ldquo;", '"'}, {"&rdquo;", '"'}, {"<br>", ' '},   {"<br/>", ' '},
        {"<br />", ' '}, {"<p>", ' '},     {"</p>", ' '},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (starts_ci(n, map[i].text)) {
            *c = map[i].ascii;
            return strlen(map[i].text);
        }
    return 0;
}

/* Quoted-printable: "=\n" (a soft break) disappears, "=3D" is '='. */
static size_t quoted_printable(const struct norm *n, char *c)
{
    if (!n->qp || n->in[n->at] != '=')
        return 0;
    if (starts(n, "=\r\n") || starts(n, "=\n")) {
        *c = '\0';
        return starts(n, "=\r\n") ? 3 : 2;
    }
    if (n->at + 2 < n->len && hex(n->in[n->at + 1]) >= 0 && hex(n->in[n->at + 2]) >= 0) {
        int v = hex(n->in[n->at + 1]) << 4 | hex(n->in[n->at + 2]);
        if (v >= 0x20 && v < 0x7f) {
            *c = (char)v;
            return 3;
        }
    }
    return 0;
}

/* A line break, with the "> " marks and indentation of a quoted or wrapped
 * line after it: one blank. */
static size_t line_break(const struct norm *n)
{
    size_t i = n->at;
    if (n->in[i] != '\n' && n->in[i] != '\r')
        return 0;
    while (i < n->len && (n->in[i] == '\n' || n->in[i] == '\r'))
        i++;
    while (i < n->len && (n->in[i] == '>' || n->in[i] == ' ' || n->in[i] == '\t'))
        i++;
    return i - n->at;
}

/* Does the text look quoted-printable (a soft break, or "=3D" / "=20")? */
static int looks_qp(const char *in, size_t len)
{
    for (size_t i = 0; i + 2 < len; i++)
        if (in[i] == '=' && ((in[i + 1] == '\n') || (in[i + 1] == '\r' && in[i + 2] == '\n') ||
                             (in[i + 1] == '3' && (in[i + 2] == 'D' || in[i + 2] == 'd')) ||
                             (in[i + 1] == '2' && in[i + 2] == '0')))
            return 1;
    return 0;
}

/* The next piece of input as one character of the normal form ('\0':
 * nothing, ' ': a blank); returns the octets it took. */
static size_t next(const struct norm *n, char *c)
{
    size_t used;
    if ((used = line_break(n)) > 0) {
        *c = ' ';
        return used;
    }
    if ((used = quoted_printable(n, c)) > 0 || (used = typographic(n, c)) > 0 ||
        (used = html(n, c)) > 0)
        return used;
    *c = (char)n->in[n->at];
    if (*c == '\t' || *c == '\v' || *c == '\f' || *c == '\0')
        *c = ' ';
    return 1;
}

int mxtls__errtext_normalize(const char *in, size_t len, struct mxtls__normtext *out)
{
    memset(out, 0, sizeof *out);
    out->text = mxtls__malloc(len + 1);
    out->origin = mxtls__calloc(len + 1, sizeof *out->origin);
    if (out->text == NULL || out->origin == NULL) {
        mxtls__normtext_free(out);
        return -1;
    }
    struct norm n = {(const unsigned char *)in, len, 0, out, looks_qp(in, len), 0, 0};
    while (n.at < len) {
        char c = 0;
        size_t start = n.at;
        n.at += next(&n, &c);
        if (c == ' ') {
            if (!n.space)
                n.space_at = start;
            n.space = 1;
        } else if (c != '\0')
            emit(&n, c, start);
    }
    out->text[out->len] = '\0';
    out->origin[out->len] = (uint32_t)len;
    return 0;
}

void mxtls__normtext_free(struct mxtls__normtext *t)
{
    mxtls__free(t->text);
    mxtls__free(t->origin);
    t->text = NULL;
    t->origin = NULL;
    t->len = 0;
}
