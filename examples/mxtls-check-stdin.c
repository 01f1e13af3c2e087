/* mxtls-check --explain -: see mxtls-check-stdin.h. */
#include "mxtls-check-stdin.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum encoding { UTF8, UTF16LE, UTF16BE };

/* Zero octets at odd (LE) or even (BE) places, and almost none at the
 * others: ASCII text in UTF-16 without a byte-order mark. */
static enum encoding sniff_utf16(const unsigned char *d, size_t n)
{
    size_t zero_even = 0, zero_odd = 0, pairs = n / 2;
    if (pairs < 4)
        return UTF8;
    for (size_t i = 0; i + 1 < n; i += 2) {
        zero_even += d[i] == 0;
        zero_odd += d[i + 1] == 0;
    }
    if (zero_odd * 10 >= pairs * 9 && zero_even * 10 <= pairs)
        return UTF16LE;
    if (zero_even * 10 >= pairs * 9 && zero_odd * 10 <= pairs)
        return UTF16BE;
    return UTF8;
}

static size_t put_utf8(uint32_t cp, char *out)
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
    if (cp < 0x10000) {
        out[0] = (char)(0xe0 | cp >> 12);
        out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
        out[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | cp >> 18);
    out[1] = (char)(0x80 | (cp >> 12 & 0x3f));
    out[2] = (char)(0x80 | (cp >> 6 & 0x3f));
    out[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

/* UTF-16 code units d[0..n) as UTF-8 into out (room for max + 4 octets
 * and a NUL), whole characters, until there are more than max octets (so a
 * longer text still shows as longer). A lone surrogate is U+FFFD. */
static size_t from_utf16(const unsigned char *d, size_t n, int big_endian, char *out,
                         size_t max)
{
    size_t o = 0;
    for (size_t i = 0; i + 1 < n && o <= max;) {
        uint32_t u = big_endian ? (uint32_t)d[i] << 8 | d[i + 1] : (uint32_t)d[i + 1] << 8 | d[i];
        i += 2;
        if (u >= 0xd800 && u <= 0xdbff && i + 1 < n) {
            uint32_t lo = big_endian ? (uint32_t)d[i] << 8 | d[i + 1]
                                     : (uint32_t)d[i + 1] << 8 | d[i];
            if (lo >= 0xdc00 && lo <= 0xdfff) {
                u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
                i += 2;
            }
        }
        if (u >= 0xd800 && u <= 0xdfff)
            u = 0xfffd;
        o += put_utf8(u, out + o);
    }
    return o;
}

char *stdin_text_from(const unsigned char *data, size_t n, size_t max)
{
    enum encoding enc = UTF8;
    if (n >= 2 && data[0] == 0xff && data[1] == 0xfe)
        enc = UTF16LE, data += 2, n -= 2;
    else if (n >= 2 && data[0] == 0xfe && data[1] == 0xff)
        enc = UTF16BE, data += 2, n -= 2;
    else
        enc = sniff_utf16(data, n);
    char *text = malloc(max + 5);
    if (text == NULL)
        return NULL;
    size_t len;
    if (enc == UTF8) {
        len = n < max + 1 ? n : max + 1;
        memcpy(text, data, len);
    } else {
        len = from_utf16(data, n, enc == UTF16BE, text, max);
    }
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\0')
            text[i] = ' ';
    text[len] = '\0';
    return text;
}

char *stdin_read_text(FILE *in, size_t max)
{
    /* UTF-16 takes up to two octets per UTF-8 octet of ASCII: read enough
     * of it to fill max, and the mark. */
    size_t want = 2 * (max + 1) + 2;
    unsigned char *raw = malloc(want);
    if (raw == NULL)
        return NULL;
    size_t n = fread(raw, 1, want, in);
    char *text = stdin_text_from(raw, n, max);
    free(raw);
    return text;
}
