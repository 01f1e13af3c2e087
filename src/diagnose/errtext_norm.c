/* A pasted error text in one canonical form: see errtext_norm.h. */
#include "errtext_norm.h"

#include <string.h>

#include "alloc.h"

struct norm {
    const unsigned char *in;
    size_t len, at;
    struct mxtls__normtext *out;
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

/* A piece of text and the ASCII character that stands in for it ('\0':
 * drop it, ' ': a blank). */
struct stand_in {
    const char *from;
    char to;
};

/* Code points that only dress text up: quotes, dashes, spaces of other
 * widths, invisible marks. */
static const struct stand_in typographic[] = {
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
    /* what people type for an apostrophe on other keyboards: the acute
     * accent (German, Spanish layouts), the grave accent or backtick, the
     * modifier letter apostrophe, the full-width apostrophe */
    {"\xc2\xb4", '\''},  {"`", '\''},  {"\xca\xbc", '\''},  {"\xef\xbc\x87", '\''},
};

/* HTML entities and line-break tags of a web page (lower case: matched
 * without regard to case). */
static const struct stand_in html[] = {
    {"&amp;", '&'},  {"&lt;", '<'},    {"&gt;", '>'},   {"&quot;", '"'},
    {"&apos;", '\''}, {"&#39;", '\''}, {"&#039;", '\''}, {"&#x27;", '\''},
    {"&nbsp;", ' '}, {"&#160;", ' '},  {"&rsquo;", '\''}, {"&lsquo;", '\''},
    {"&ldquo;", '"'}, {"&rdquo;", '"'}, {"<br>", ' '},   {"<br/>", ' '},
    {"<br />", ' '}, {"<p>", ' '},     {"</p>", ' '},
};

/* The UTF-8 form of code point cp into out[4]: its length, 0 if none. */
static size_t utf8_of(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xc0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000 && (cp < 0xd800 || cp > 0xdfff)) {
        out[0] = (char)(0xe0 | cp >> 12);
        out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
        out[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    return 0;   /* beyond the BMP or a surrogate: no typography there */
}

/* The normal form's octets for code point cp, into c[4]: itself when
 * printable ASCII, the stand-in of a typographic character, or else its
 * UTF-8 for any other character from U+00A0 on (a letter of another
 * language: "\u00e9", "&#233;"); their count, or 0 for a control
 * character or a surrogate (left as text). */
static size_t octets_of_code_point(uint32_t cp, char c[4])
{
    char utf8[4];
    size_t k = utf8_of(cp, utf8);
    if (cp >= 0x20 && cp < 0x7f) {
        c[0] = (char)cp;
        return 1;
    }
    for (size_t t = 0; k > 1 && t < sizeof typographic / sizeof typographic[0]; t++)
        if (strlen(typographic[t].from) == k && memcmp(typographic[t].from, utf8, k) == 0) {
            c[0] = typographic[t].to;
            return 1;
        }
    if (cp < 0xa0 || k == 0)
        return 0;
    memcpy(c, utf8, k);
    return k;
}

/* A numeric character reference ("&#8217;", "&#x2019;"), as web pages and
 * forum software write any character: its ASCII character, or the stand-in
 * of the typographic character it names; octets consumed, or 0 (left as
 * text: a reference to anything else, or one that is not well formed). */
static size_t numeric_reference(const struct norm *n, char c[4], size_t *k)
{
    size_t i = n->at;
    if (i + 3 >= n->len || n->in[i] != '&' || n->in[i + 1] != '#')
        return 0;
    int base = n->in[i + 2] == 'x' || n->in[i + 2] == 'X' ? 16 : 10;
    i += base == 16 ? 3 : 2;
    uint32_t cp = 0;
    size_t digits = 0;
    for (; i < n->len && digits < 7; i++, digits++) {
        int d = base == 16 ? hex(n->in[i]) : (n->in[i] >= '0' && n->in[i] <= '9'
                                                  ? n->in[i] - '0' : -1);
        if (d < 0)
            break;
        cp = cp * (uint32_t)base + (uint32_t)d;
    }
    if (digits == 0 || i >= n->len || n->in[i] != ';' || (*k = octets_of_code_point(cp, c)) == 0)
        return 0;
    return i + 1 - n->at;
}

/* A JSON or C string escape, as a text copied out of a JSON log or event
 * (an ESP's bounce webhook, Amazon SES's notification, a log shipper)
 * has them: \n \r \t a blank, \" \/ \\ the character, \uXXXX as a
 * numeric reference; octets consumed, or 0 (left as text). */
static size_t string_escape(const struct norm *n, char c[4], size_t *k)
{
    size_t i = n->at;
    if (i + 1 >= n->len || n->in[i] != '\\')
        return 0;
    *k = 1;
    switch (n->in[i + 1]) {
    case 'n': case 'r': case 't':
        c[0] = ' ';
        return 2;
    case '"': case '/': case '\\':
        c[0] = (char)n->in[i + 1];
        return 2;
    case 'u':
        break;
    default:
        return 0;
    }
    uint32_t cp = 0;
    for (size_t digit = 0; digit < 4; digit++) {
        int d = i + 2 + digit < n->len ? hex(n->in[i + 2 + digit]) : -1;
        if (d < 0)
            return 0;
        cp = cp << 4 | (uint32_t)d;
    }
    return (*k = octets_of_code_point(cp, c)) > 0 ? 6 : 0;
}

/* The stand-in of the first entry of map at the current octet: octets
 * consumed, or 0. */
static size_t stand_in_at(const struct norm *n, const struct stand_in *map, size_t count,
                          char *c)
{
    for (size_t i = 0; i < count; i++)
        if (starts_ci(n, map[i].from)) {
            *c = map[i].to;
            return strlen(map[i].from);
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

/* "=XX=YY" where XX YY start a UTF-8 sequence (=E2=80=99, a quote). */
static int qp_utf8_at(const char *in, size_t len, size_t i)
{
    if (i + 5 >= len || in[i] != '=' || in[i + 3] != '=')
        return 0;
    int a = hex((unsigned char)in[i + 1]), b = hex((unsigned char)in[i + 2]);
    int c = hex((unsigned char)in[i + 4]), d = hex((unsigned char)in[i + 5]);
    if (a < 0 || b < 0 || c < 0 || d < 0)
        return 0;
    int lead = a << 4 | b, next = c << 4 | d;
    return lead >= 0xc2 && lead <= 0xf4 && next >= 0x80 && next <= 0xbf;
}

/* "=20" as quoted-printable writes it: a blank at the end of a line (the
 * only place an encoder must), so a line break or a soft break follows.
 * Anywhere else it is a value: OpenSSL's "verify error:num=20", an
 * address "rip=203.0.113.2", a date "t=2022-04-12". */
static int qp_blank_at(const char *in, size_t len, size_t i)
{
    if (i + 2 >= len || in[i] != '=' || in[i + 1] != '2' || in[i + 2] != '0')
        return 0;
    return i + 3 < len && (in[i + 3] == '\n' || in[i + 3] == '\r' || in[i + 3] == '=');
}

/* Does the text look quoted-printable (a soft break, "=3D", a "=20" at
 * the end of a line, or an encoded UTF-8 sequence)? */
static int looks_qp(const char *in, size_t len)
{
    for (size_t i = 0; i + 2 < len; i++)
        if (qp_utf8_at(in, len, i))
            return 1;
    for (size_t i = 0; i + 2 < len; i++)
        if ((in[i] == '=' && ((in[i + 1] == '\n') || (in[i + 1] == '\r' && in[i + 2] == '\n') ||
                              (in[i + 1] == '3' && (in[i + 2] == 'D' || in[i + 2] == 'd')))) ||
            qp_blank_at(in, len, i))
            return 1;
    return 0;
}

/* The next piece of input as the normal form's octets c[0..*k) (c[0]
 * '\0': nothing, ' ': a blank; more than one octet only for a letter a
 * reference or an escape names); returns the octets it took. */
static size_t next(const struct norm *n, char c[4], size_t *k)
{
    size_t used;
    *k = 1;
    if ((used = line_break(n)) > 0) {
        c[0] = ' ';
        return used;
    }
    if ((used = stand_in_at(n, typographic, sizeof typographic / sizeof typographic[0], c)) > 0 ||
        (used = stand_in_at(n, html, sizeof html / sizeof html[0], c)) > 0 ||
        (used = numeric_reference(n, c, k)) > 0 || (used = string_escape(n, c, k)) > 0)
        return used;
    *k = 1;
    c[0] = (char)n->in[n->at];
    if (c[0] == '\t' || c[0] == '\v' || c[0] == '\f' || c[0] == '\0')
        c[0] = ' ';
    return 1;
}

/* A backslash whose quote the next piece decodes: what is left of a
 * string escape once the quote was escaped again (\&quot; from an HTML
 * page, \\\" from a JSON string holding a JSON log). Dropped,
 * so that every copy reads as the once-escaped text does. */
static int escapes_a_quote(const struct norm *n, const char c[4], size_t k)
{
    if (k != 1 || c[0] != '\\' || n->at >= n->len)
        return 0;
    struct norm ahead = *n;
    char quote[4] = {0};
    size_t quote_k = 1;
    next(&ahead, quote, &quote_k);
    return quote_k == 1 && quote[0] == '"';
}

/* Quoted-printable first, as a mail would have it: "=\n" (a soft break)
 * disappears and "=XX" is the octet XX (UTF-8 quotes too, which the main
 * pass then maps). raw[] keeps each octet's input offset. */
static size_t decode_qp(const char *in, size_t len, unsigned char *out, uint32_t *raw)
{
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        if (in[i] == '=' && i + 1 < len && in[i + 1] == '\n') {
            i += 2;
        } else if (in[i] == '=' && i + 2 < len && in[i + 1] == '\r' && in[i + 2] == '\n') {
            i += 3;
        } else if (in[i] == '=' && i + 2 < len && hex((unsigned char)in[i + 1]) >= 0 &&
                   hex((unsigned char)in[i + 2]) >= 0) {
            int v = hex((unsigned char)in[i + 1]) << 4 | hex((unsigned char)in[i + 2]);
            if (v != 0) {
                raw[o] = (uint32_t)i;
                out[o++] = (unsigned char)v;
            }
            i += 3;
        } else {
            raw[o] = (uint32_t)i;
            out[o++] = (unsigned char)in[i++];
        }
    }
    return o;
}

int mxtls__errtext_normalize(const char *in, size_t len, struct mxtls__normtext *out)
{
    memset(out, 0, sizeof *out);
    out->text = mxtls__malloc(len + 1);
    out->origin = mxtls__calloc(len + 1, sizeof *out->origin);
    unsigned char *qp = NULL;
    uint32_t *raw = NULL;
    const unsigned char *src = (const unsigned char *)in;
    size_t src_len = len;
    if (out->text != NULL && out->origin != NULL && looks_qp(in, len)) {
        qp = mxtls__malloc(len + 1);
        raw = mxtls__calloc(len + 1, sizeof *raw);
        if (qp != NULL && raw != NULL) {
            src_len = decode_qp(in, len, qp, raw);
            src = qp;
        }
    }
    if (out->text == NULL || out->origin == NULL || (src != qp && looks_qp(in, len))) {
        mxtls__free(qp);
        mxtls__free(raw);
        mxtls__normtext_free(out);
        return -1;
    }
    struct norm n = {src, src_len, 0, out, 0, 0};
    while (n.at < src_len) {
        char c[4] = {0};
        size_t k = 1, start = n.at;
        n.at += next(&n, c, &k);
        if (escapes_a_quote(&n, c, k))
            continue;
        if (c[0] == ' ') {
            if (!n.space)
                n.space_at = start;
            n.space = 1;
        } else if (c[0] != '\0') {
            /* a letter from a reference or an escape: each octet one
             * offset further into it, so offsets still move forward */
            for (size_t i = 0; i < k; i++)
                emit(&n, c[i], start + i);
        }
    }
    out->text[out->len] = '\0';
    /* Offsets in the decoded text back to the input's. */
    for (size_t i = 0; raw != NULL && i < out->len; i++)
        out->origin[i] = raw[out->origin[i]];
    out->origin[out->len] = (uint32_t)len;
    mxtls__free(qp);
    mxtls__free(raw);
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
