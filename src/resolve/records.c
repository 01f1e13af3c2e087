#define _POSIX_C_SOURCE 200809L
/* Pure parsers for DNS record data: see records.h. No allocation, no I/O. */
#include "records.h"

#include <stdint.h>
#include <string.h>

static int is_ldh(uint8_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '-';
}

static uint8_t lower(uint8_t c)
{
    return (c >= 'A' && c <= 'Z') ? (uint8_t)(c + 32) : c;
}

/* Append one label byte, escaped when it is not plain DNS text. */
static int put_name_byte(uint8_t c, char *out, size_t cap, size_t *o)
{
    int plain = is_ldh(c) || c == '_';
    size_t need = plain ? 1 : 4;
    if (*o + need >= cap)
        return -1;
    if (plain) {
        out[(*o)++] = (char)lower(c);
        return 0;
    }
    out[(*o)++] = '\\';
    out[(*o)++] = (char)('0' + c / 100);
    out[(*o)++] = (char)('0' + (c / 10) % 10);
    out[(*o)++] = (char)('0' + c % 10);
    return 0;
}

int mxtls__wire_name_to_text(const uint8_t *p, size_t len, char *out, size_t cap,
                             size_t *used, uint32_t *flags)
{
    size_t i = 0, o = 0;
    uint32_t f = 0;
    if (!p || !out || cap < 2)
        return -1;
    for (;;) {
        if (i >= len || i >= 255)
            return -1;                 /* ran off the rdata or too long */
        uint8_t l = p[i++];
        if (l == 0)
            break;
        if (l > 63 || l > len - i || i + l > 255)
            return -1;                 /* compression pointer or overrun */
        if (o > 0) {
            if (o + 1 >= cap)
                return -1;
            out[o++] = '.';
        }
        for (uint8_t k = 0; k < l; k++) {
            if (!is_ldh(p[i + k]))
                f |= MXTLS__NAME_NON_LDH;
            if (put_name_byte(p[i + k], out, cap, &o) < 0)
                return -1;
        }
        i += l;
    }
    if (o == 0) {
        out[o++] = '.';
        f |= MXTLS__NAME_ROOT;
    }
    out[o] = '\0';
    if (used)
        *used = i;
    if (flags)
        *flags = f;
    return 0;
}

int mxtls__mx_parse(const uint8_t *rdata, size_t len, uint16_t *pref, char *name,
                    size_t cap, uint32_t *flags)
{
    size_t used = 0;
    if (!rdata || len < 3)
        return -1;
    if (mxtls__wire_name_to_text(rdata + 2, len - 2, name, cap, &used, flags) < 0)
        return -1;
    if (used != len - 2)
        return -1;                     /* trailing garbage after the name */
    *pref = (uint16_t)((rdata[0] << 8) | rdata[1]);
    return 0;
}

int mxtls__tlsa_parse(const uint8_t *rdata, size_t len, mxtls__tlsa_fields *out)
{
    if (!rdata || !out || len < 4)
        return -1;                     /* RFC 6698: data is at least one octet */
    out->usage = rdata[0];
    out->selector = rdata[1];
    out->matching_type = rdata[2];
    out->data = rdata + 3;
    out->data_len = len - 3;
    return 0;
}

int mxtls__txt_join(const uint8_t *rdata, size_t len, char *out, size_t cap,
                    size_t *raw_len)
{
    size_t i = 0, o = 0, raw = 0;
    if (!rdata || !out || cap == 0)
        return -1;
    while (i < len) {
        uint8_t l = rdata[i++];
        if (l > len - i)
            return -1;
        for (uint8_t k = 0; k < l; k++, raw++) {
            uint8_t c = rdata[i + k];
            int plain = c >= 0x20 && c <= 0x7e && c != '\\';
            if (o + (plain ? 1 : 4) >= cap)
                return -1;
            if (plain) {
                out[o++] = (char)c;
                continue;
            }
            out[o++] = '\\';
            out[o++] = (char)('0' + c / 100);
            out[o++] = (char)('0' + (c / 10) % 10);
            out[o++] = (char)('0' + c % 10);
        }
        i += l;
    }
    out[o] = '\0';
    if (raw_len)
        *raw_len = raw;
    return 0;
}

/* ---- _mta-sts and _smtp._tls TXT records ------------------------------------
 *
 * RFC 8461 section 3.1 and RFC 8460 section 3 share one shape, read here
 * exactly as their ABNF says (case-sensitive, one optional trailing ';'):
 *
 *   record = version 1*(delim field) [delim]      delim = *WSP ";" *WSP
 *   ext    = ext-name "=" ext-value
 *   ext-name  = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")
 *   ext-value = 1*(%x21-3A / %x3C / %x3E-7E)
 *
 * The text is the resolve stage's joined form, where a byte outside
 * printable ASCII, and '\' itself, is written \DDD: such an escape is read
 * back as the byte it stands for before the grammar judges it. */

static int is_wsp(char c)
{
    return c == ' ' || c == '\t';
}

static int is_alnum(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* The byte at txt[*i] (decoding a \DDD escape) and *i moved past it. */
static int take_byte(const char *txt, size_t end, size_t *i)
{
    size_t k = *i;
    if (txt[k] == '\\' && end - k >= 4 && txt[k + 1] >= '0' && txt[k + 1] <= '2' &&
        txt[k + 2] >= '0' && txt[k + 2] <= '9' && txt[k + 3] >= '0' && txt[k + 3] <= '9') {
        int v = (txt[k + 1] - '0') * 100 + (txt[k + 2] - '0') * 10 + (txt[k + 3] - '0');
        if (v <= 255) {
            *i = k + 4;
            return v;
        }
    }
    *i = k + 1;
    return (unsigned char)txt[k];
}

static int ext_name_ok(const char *s, size_t n)
{
    if (n == 0 || n > 32 || !is_alnum((unsigned char)s[0]))
        return 0;
    for (size_t i = 1; i < n; i++) {
        int c = (unsigned char)s[i];
        if (!is_alnum(c) && c != '_' && c != '-' && c != '.')
            return 0;
    }
    return 1;
}

static int ext_value_ok(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n;) {
        int c = take_byte(s, n, &i);
        if (c < 0x21 || c > 0x7e || c == ';' || c == '=')
            return 0;
    }
    return 1;
}

/* One field of a record: name and value spans, and the whole field. */
struct field {
    size_t off, len;           /* the field, without the delimiters */
    size_t name_len;           /* up to '=' (or the whole field when none) */
    size_t value_off, value_len;
    int has_eq;
};

/* The record's fields, in order, after its version tag. */
struct field_scan {
    const char *txt;
    size_t len, pos;
    size_t last;               /* where the field before pos began */
    const char *why;           /* what broke the delimiters, when -1 */
};

/* The text from the last field on: what to quote when the delimiters break. */
static int broken(struct field_scan *s, struct field *f, const char *why)
{
    memset(f, 0, sizeof *f);
    f->off = s->last;
    f->len = s->len - s->last;
    s->why = why;
    return -1;
}

/* 1 with *f set, 0 at a clean end of the record, -1 when the delimiters do
 * not follow the grammar (*f then spans the offending text, s->why says). */
static int next_field(struct field_scan *s, struct field *f)
{
    size_t i = s->pos;
    while (i < s->len && is_wsp(s->txt[i]))
        i++;
    if (i == s->len)
        return s->pos == s->len ? 0 : broken(s, f, "whitespace after the last field: only "
                                                  "';' may follow it");
    if (s->txt[i] != ';')
        return broken(s, f, "a space inside a field, or two fields without ';' between them");
    i++;
    while (i < s->len && is_wsp(s->txt[i]))
        i++;
    if (i == s->len) {
        s->pos = i;
        return 0;                           /* the one optional trailing ';' */
    }
    if (s->txt[i] == ';')
        return broken(s, f, "an empty field (\";;\"): one trailing ';' at most");
    size_t end = i;
    while (end < s->len && s->txt[end] != ';' && !is_wsp(s->txt[end]))
        end++;
    memset(f, 0, sizeof *f);
    f->off = i;
    f->len = end - i;
    const char *eq = memchr(s->txt + i, '=', f->len);
    f->has_eq = eq != NULL;
    f->name_len = eq ? (size_t)(eq - (s->txt + i)) : f->len;
    f->value_off = eq ? f->name_len + 1 + i : end;
    f->value_len = end - f->value_off;
    s->last = i;
    s->pos = end;
    return 1;
}

/* The field's name is name in another case: "ID=" for "id=". */
static int name_is_ci(const struct field_scan *s, const struct field *f, const char *name)
{
    size_t k = strlen(name);
    if (!f->has_eq || f->name_len != k)
        return 0;
    for (size_t i = 0; i < k; i++) {
        int c = (unsigned char)s->txt[f->off + i];
        if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != name[i])
            return 0;
    }
    return 1;
}

static int name_is(const struct field_scan *s, const struct field *f, const char *name)
{
    size_t k = strlen(name);
    return f->has_eq && f->name_len == k && memcmp(s->txt + f->off, name, k) == 0;
}

/* Keep a printable copy of the offending text for the finding to quote. */
static void set_bad(char *bad, const char *txt, size_t len)
{
    size_t k = len < MXTLS__TXT_BAD_MAX ? len : MXTLS__TXT_BAD_MAX;
    for (size_t i = 0; i < k; i++) {
        unsigned char c = (unsigned char)txt[i];
        bad[i] = (char)(c >= 0x20 && c < 0x7f ? c : '?');
    }
    bad[k] = '\0';
}

static int reject(char *bad, const char **why, const char *txt, const struct field *f,
                  const char *reason)
{
    set_bad(bad, txt + f->off, f->len);
    *why = reason;
    return 0;
}

/* An extension field: well formed, else rejected with why. */
static int extension_ok(const struct field_scan *s, const struct field *f, char *bad,
                        const char **why)
{
    if (!f->has_eq)
        return reject(bad, why, s->txt, f, "a field without \"=\"");
    if (!ext_name_ok(s->txt + f->off, f->name_len))
        return reject(bad, why, s->txt, f,
                      "a field name must be 1-32 letters, digits, '_', '-' or '.', "
                      "starting with a letter or digit");
    if (!ext_value_ok(s->txt + f->value_off, f->value_len))
        return reject(bad, why, s->txt, f,
                      "a field value must be 1 or more printable characters other "
                      "than '=' and ';'");
    return 1;
}

/* "v=STSv1" then *WSP ";": what RFC 8461 counts as an STS record. Records
 * that do not begin so are discarded before counting (section 3.1); one
 * that begins "v=STSv1" but goes on otherwise is only a look-alike. */
static int begins_with_version(const char *txt, size_t len, const char *v, int *lookalike)
{
    size_t k = strlen(v), i;
    *lookalike = 0;
    if (len < k)
        return 0;
    for (i = 0; i < k; i++) {
        int c = (unsigned char)txt[i], w = (unsigned char)v[i];
        if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != (w >= 'A' && w <= 'Z' ? w + 32 : w))
            return 0;
    }
    if (len > k && is_alnum((unsigned char)txt[k]))
        return 0;                /* another tag: "v=STSv10" */
    for (i = k; i < len && is_wsp(txt[i]); i++)
        ;
    if (memcmp(txt, v, k) == 0 && i < len && txt[i] == ';')
        return 1;
    *lookalike = 1;
    return 0;
}

static int sts_id_ok(const char *s, size_t n)
{
    if (n < 1 || n > MXTLS__STS_ID_MAX)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!is_alnum((unsigned char)s[i]))
            return 0;
    return 1;
}

int mxtls__sts_txt_parse(const char *txt, size_t len, mxtls__sts_txt *out)
{
    struct field_scan s = {txt, len, 0, 0, NULL};
    struct field f, variant = {0};
    int rc, have_id = 0;
    if (!txt || !out)
        return -1;
    memset(out, 0, sizeof *out);
    out->is_sts = begins_with_version(txt, len, "v=STSv1", &out->lookalike);
    if (out->lookalike) {
        set_bad(out->bad, txt, len);
        out->why = "it does not begin exactly \"v=STSv1;\" (the tag is case-sensitive and "
                   "a ';' must follow it), so senders discard it (RFC 8461 section 3.1)";
    }
    if (!out->is_sts)
        return 0;
    s.pos = strlen("v=STSv1");
    while ((rc = next_field(&s, &f)) > 0) {
        if (!name_is(&s, &f, "id")) {
            if (!extension_ok(&s, &f, out->bad, &out->why))
                return 0;
            if (name_is_ci(&s, &f, "id") && variant.len == 0)
                variant = f;
            continue;
        }
        /* Fields other than mx are not repeated; of a repeated one the first
         * counts (RFC 8461 3.2 says so of the policy; the TXT record is
         * read alike). A later id= is not checked. */
        if (have_id)
            continue;
        if (!sts_id_ok(txt + f.value_off, f.value_len))
            return reject(out->bad, &out->why, txt, &f, "id must be 1-32 letters or digits");
        memcpy(out->id, txt + f.value_off, f.value_len);
        out->id[f.value_len] = '\0';
        have_id = 1;
    }
    if (rc < 0)
        return reject(out->bad, &out->why, txt, &f, s.why);
    if (!have_id && variant.len)
        return reject(out->bad, &out->why, txt, &variant,
                      "field names are case-sensitive: the id field is \"id=\"");
    if (!have_id) {
        set_bad(out->bad, txt, len);
        out->why = "the record has no id= field";
        return 0;
    }
    out->valid = 1;
    return 0;
}

/* RFC 3986 characters a URI may hold as they are; '%' starts an escape.
 * ',' and '!' are left out: RFC 8460 says they MUST be percent-encoded. */
static int uri_char_ok(int c)
{
    return is_alnum(c) || (c != 0 && strchr("-._~:/?#[]@$&'()*+;=", c) != NULL);
}

static int hex_digit(int c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int prefix_ci(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    if (n < k)
        return 0;
    for (size_t i = 0; i < k; i++) {
        int c = (unsigned char)s[i];
        if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != lit[i])
            return 0;
    }
    return 1;
}

/* A tlsrpt-uri: mailto:addr@domain or https://host..., in RFC 3986 syntax. */
static const char *rua_problem(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        int c = (unsigned char)s[i];
        if (c == '%') {
            if (n - i < 3 || !hex_digit((unsigned char)s[i + 1]) ||
                !hex_digit((unsigned char)s[i + 2]))
                return "a '%' not followed by two hex digits";
            i += 2;
        } else if (c == '!') {
            return "a '!' must be percent-encoded as %21 (RFC 8460 section 3)";
        } else if (!uri_char_ok(c)) {
            return "a character a URI may not hold (RFC 3986)";
        }
    }
    if (prefix_ci(s, n, "mailto:")) {
        const char *at = memchr(s + 7, '@', n - 7);
        if (at == NULL || at == s + 7 || at == s + n - 1)
            return "a mailto: URI needs an address, local-part@domain";
        return NULL;
    }
    if (prefix_ci(s, n, "https://")) {
        if (n == 8 || s[8] == '/' || s[8] == '?' || s[8] == '#')
            return "an https: URI needs a host";
        return NULL;
    }
    return "only mailto: and https: URIs are allowed (RFC 8460 section 3)";
}

/* Split the value of "rua=" on ',' (with optional WSP) into spans; every
 * URI must be valid, or the record is not. The value may hold WSP around
 * commas, so it runs to the next ';', not the next WSP. */
static int split_rua(struct field_scan *s, struct field *f, mxtls__span *rua, size_t max_rua,
                     mxtls__tlsrpt_txt *out)
{
    const char *txt = s->txt;
    size_t i = f->value_off, end = i;
    while (end < s->len && txt[end] != ';')
        end++;
    while (end > i && is_wsp(txt[end - 1]))
        end--;
    s->pos = end;                 /* trailing WSP is the delimiter's */
    f->len = end - f->off;
    if (i == end)
        return reject(out->bad, &out->why, txt, f, "rua= needs at least one URI");
    while (i <= end) {
        size_t a = i, e;
        while (a < end && is_wsp(txt[a]))
            a++;
        e = a;
        while (e < end && txt[e] != ',')
            e++;
        i = e + 1;
        while (e > a && is_wsp(txt[e - 1]))
            e--;
        const char *why = e == a ? "an empty URI between commas" : rua_problem(txt + a, e - a);
        if (why != NULL) {
            struct field u = {.off = e == a ? f->off : a, .len = e == a ? f->len : e - a};
            return reject(out->bad, &out->why, txt, &u, why);
        }
        if (out->n_rua < max_rua) {
            rua[out->n_rua].off = a;
            rua[out->n_rua].len = e - a;
            out->n_rua++;
        }
        out->n_rua_seen++;
    }
    return 1;
}

int mxtls__tlsrpt_txt_parse(const char *txt, size_t len, mxtls__span *rua,
                            size_t max_rua, mxtls__tlsrpt_txt *out)
{
    struct field_scan s = {txt, len, 0, 0, NULL};
    struct field f, variant = {0};
    int rc, have_rua = 0;
    if (!txt || !out || (max_rua && !rua))
        return -1;
    memset(out, 0, sizeof *out);
    out->is_tlsrpt = begins_with_version(txt, len, "v=TLSRPTv1", &out->lookalike);
    if (out->lookalike) {
        set_bad(out->bad, txt, len);
        out->why = "it does not begin exactly \"v=TLSRPTv1;\" (the tag is case-sensitive "
                   "and a ';' must follow it), so senders discard it (RFC 8460 section 3)";
    }
    if (!out->is_tlsrpt)
        return 0;
    s.pos = strlen("v=TLSRPTv1");
    while ((rc = next_field(&s, &f)) > 0) {
        if (name_is(&s, &f, "rua") && have_rua) {
            /* RFC 8460 has no rule for a repeated field, and report
             * senders differ: some join the lists, some drop the record. */
            reject(out->bad, &out->why, txt, &f,
                   "rua= appears twice, which report senders read differently: list "
                   "every URI in one rua=, separated by commas");
            break;
        }
        if (name_is(&s, &f, "rua")) {
            have_rua = 1;
            if (!split_rua(&s, &f, rua, max_rua, out))
                break;
            continue;
        }
        if (!extension_ok(&s, &f, out->bad, &out->why))
            break;
        if (name_is_ci(&s, &f, "rua") && variant.len == 0)
            variant = f;
    }
    if (out->why == NULL && rc < 0)
        reject(out->bad, &out->why, txt, &f, s.why);
    if (out->why == NULL && !have_rua && variant.len)
        reject(out->bad, &out->why, txt, &variant,
               "field names are case-sensitive: the report field is \"rua=\"");
    if (out->why == NULL && !have_rua) {
        set_bad(out->bad, txt, len);
        out->why = "the record has no rua= field";
    }
    if (out->why != NULL) {
        out->n_rua = out->n_rua_seen = 0;   /* no URI of a broken record is reported */
        return 0;
    }
    out->valid = 1;
    return 0;
}

/* A TXT text longer than this is read only this far: far past what a DNS
 * answer carries, a bound for callers that pass C strings. */
#define TXT_SCAN_MAX 65536u

int mxtls__sts_txt_judge(const char *const *txt, size_t n, mxtls__sts_txt *first)
{
    mxtls__sts_txt lookalike = {0};
    int count = 0;
    memset(first, 0, sizeof *first);
    for (size_t i = 0; txt && i < n; i++) {
        mxtls__sts_txt t;
        if (txt[i] == NULL ||
            mxtls__sts_txt_parse(txt[i], strnlen(txt[i], TXT_SCAN_MAX), &t) < 0)
            continue;
        if (t.lookalike && !lookalike.lookalike)
            lookalike = t;
        if (!t.is_sts)
            continue;                       /* some other TXT record at that name */
        if (count++ == 0)
            *first = t;
    }
    if (count == 0 && lookalike.lookalike)
        *first = lookalike;
    return count;
}

int mxtls__tlsrpt_txt_judge(const char *const *txt, size_t n, mxtls__tlsrpt_txt *first)
{
    mxtls__tlsrpt_txt lookalike = {0};
    int count = 0;
    memset(first, 0, sizeof *first);
    for (size_t i = 0; txt && i < n; i++) {
        mxtls__tlsrpt_txt t;
        if (txt[i] == NULL ||
            mxtls__tlsrpt_txt_parse(txt[i], strnlen(txt[i], TXT_SCAN_MAX), NULL, 0, &t) < 0)
            continue;
        if (t.lookalike && !lookalike.lookalike)
            lookalike = t;
        if (!t.is_tlsrpt)
            continue;
        if (count++ == 0)
            *first = t;
    }
    if (count == 0 && lookalike.lookalike)
        *first = lookalike;
    return count;
}

int mxtls__hex(const uint8_t *data, size_t len, char *out, size_t cap)
{
    static const char digits[] = "0123456789abcdef";
    if (!out || len > (SIZE_MAX - 1) / 2 || cap < 2 * len + 1 || (len && !data))
        return -1;
    for (size_t i = 0; i < len; i++) {
        out[2 * i] = digits[data[i] >> 4];
        out[2 * i + 1] = digits[data[i] & 15];
    }
    out[2 * len] = '\0';
    return 0;
}
