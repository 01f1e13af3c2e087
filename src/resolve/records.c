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

static int is_wsp(char c)
{
    return c == ' ' || c == '\t';
}

static int is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* The next ';'-separated field of txt[*pos..len), trimmed of WSP. Returns 0
 * with *f set, or -1 at the end. An empty field is only allowed last. */
static int next_field(const char *txt, size_t len, size_t *pos, mxtls__span *f)
{
    size_t i = *pos, end;
    while (i < len && is_wsp(txt[i]))
        i++;
    if (i >= len)
        return -1;
    end = i;
    while (end < len && txt[end] != ';')
        end++;
    *pos = end < len ? end + 1 : end;
    while (end > i && is_wsp(txt[end - 1]))
        end--;
    f->off = i;
    f->len = end - i;
    return 0;
}

static int field_is(const char *txt, const mxtls__span *f, const char *key)
{
    size_t k = strlen(key);
    return f->len >= k && memcmp(txt + f->off, key, k) == 0;
}

/* The version tag must be the whole first field: "v=STSv1x" is not STSv1. */
static int starts_with_version(const char *txt, size_t len, const char *v)
{
    size_t k = strlen(v);
    if (len < k || memcmp(txt, v, k) != 0)
        return 0;
    return len == k || txt[k] == ';' || is_wsp(txt[k]);
}

static int sts_id_ok(const char *s, size_t n)
{
    if (n < 1 || n > MXTLS__STS_ID_MAX)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!is_alnum(s[i]))
            return 0;
    return 1;
}

int mxtls__sts_txt_parse(const char *txt, size_t len, mxtls__sts_txt *out)
{
    size_t pos = 0;
    mxtls__span f;
    int have_id = 0, bad = 0;
    if (!txt || !out)
        return -1;
    memset(out, 0, sizeof *out);
    out->is_sts = starts_with_version(txt, len, "v=STSv1");
    if (!out->is_sts)
        return 0;
    next_field(txt, len, &pos, &f);          /* the version itself */
    while (next_field(txt, len, &pos, &f) == 0) {
        if (f.len == 0 || !memchr(txt + f.off, '=', f.len)) {
            bad |= f.len != 0;               /* "x" with no '=' is malformed */
            continue;
        }
        if (!field_is(txt, &f, "id="))
            continue;                        /* an extension: ignored */
        if (have_id || !sts_id_ok(txt + f.off + 3, f.len - 3)) {
            bad = 1;
            continue;
        }
        memcpy(out->id, txt + f.off + 3, f.len - 3);
        out->id[f.len - 3] = '\0';
        have_id = 1;
    }
    out->valid = have_id && !bad;
    return 0;
}

/* Split the value of "rua=" on ',' (with optional WSP) into spans. */
static void split_rua(const char *txt, const mxtls__span *f, mxtls__span *rua,
                      size_t max_rua, mxtls__tlsrpt_txt *out)
{
    size_t i = f->off + 4, end = f->off + f->len;
    while (i < end) {
        size_t s = i, e;
        while (s < end && is_wsp(txt[s]))
            s++;
        e = s;
        while (e < end && txt[e] != ',')
            e++;
        i = e + 1;
        while (e > s && is_wsp(txt[e - 1]))
            e--;
        if (e == s)
            continue;
        if (out->n_rua < max_rua) {
            rua[out->n_rua].off = s;
            rua[out->n_rua].len = e - s;
            out->n_rua++;
        }
        out->n_rua_seen++;
    }
}

int mxtls__tlsrpt_txt_parse(const char *txt, size_t len, mxtls__span *rua,
                            size_t max_rua, mxtls__tlsrpt_txt *out)
{
    size_t pos = 0;
    mxtls__span f;
    if (!txt || !out || (max_rua && !rua))
        return -1;
    memset(out, 0, sizeof *out);
    out->is_tlsrpt = starts_with_version(txt, len, "v=TLSRPTv1");
    if (!out->is_tlsrpt)
        return 0;
    next_field(txt, len, &pos, &f);
    while (next_field(txt, len, &pos, &f) == 0)
        if (field_is(txt, &f, "rua="))
            split_rua(txt, &f, rua, max_rua, out);
    out->valid = out->n_rua_seen > 0;
    return 0;
}

/* A TXT text longer than this is read only this far: far past what a DNS
 * answer carries, a bound for callers that pass C strings. */
#define TXT_SCAN_MAX 65536u

int mxtls__sts_txt_judge(const char *const *txt, size_t n, mxtls__sts_txt *first)
{
    int count = 0;
    memset(first, 0, sizeof *first);
    for (size_t i = 0; txt && i < n; i++) {
        mxtls__sts_txt t;
        if (txt[i] == NULL ||
            mxtls__sts_txt_parse(txt[i], strnlen(txt[i], TXT_SCAN_MAX), &t) < 0 || !t.is_sts)
            continue;                       /* some other TXT record at that name */
        if (count++ == 0)
            *first = t;
    }
    return count;
}

int mxtls__tlsrpt_txt_judge(const char *const *txt, size_t n, mxtls__tlsrpt_txt *first)
{
    int count = 0;
    memset(first, 0, sizeof *first);
    for (size_t i = 0; txt && i < n; i++) {
        mxtls__tlsrpt_txt t;
        if (txt[i] == NULL ||
            mxtls__tlsrpt_txt_parse(txt[i], strnlen(txt[i], TXT_SCAN_MAX), NULL, 0, &t) < 0 ||
            !t.is_tlsrpt)
            continue;
        if (count++ == 0)
            *first = t;
    }
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
