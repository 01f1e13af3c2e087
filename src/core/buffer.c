#define _POSIX_C_SOURCE 200809L
#include "buffer.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"

int mxtls__vformat(char *out, size_t size, const char *fmt, va_list ap)
{
    int n = vsnprintf(out, size, fmt, ap);
    if (n < 0 && size > 0)
        out[0] = '\0';
    return n;
}

int mxtls__format_into(char *out, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = mxtls__vformat(out, size, fmt, ap);
    va_end(ap);
    return n;
}

char *mxtls__format(const char *fmt, ...)
{
    char buf[MXTLS__LINE_MAX];
    va_list ap;
    va_start(ap, fmt);
    mxtls__vformat(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return mxtls__strdup(buf);
}

static int reserve(struct mxtls__text *t, size_t more)
{
    if (t->failed)
        return -1;
    if (t->len + more + 1 <= t->cap)
        return 0;
    size_t cap = t->cap ? t->cap : 256;
    while (cap < t->len + more + 1)
        cap *= 2;
    char *data = mxtls__realloc(t->data, cap);
    if (data == NULL) {
        t->failed = 1;
        return -1;
    }
    t->data = data;
    t->cap = cap;
    return 0;
}

void mxtls__text_append(struct mxtls__text *t, const char *s)
{
    size_t n = strlen(s);
    if (reserve(t, n) != 0)
        return;
    memcpy(t->data + t->len, s, n + 1);
    t->len += n;
}

void mxtls__text_printf(struct mxtls__text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = mxtls__vformat(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || reserve(t, (size_t)n) != 0)
        return;
    va_start(ap, fmt);
    mxtls__vformat(t->data + t->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    t->len += (size_t)n;
}

int mxtls__text_finish(struct mxtls__text *t, mxtls_buffer **out)
{
    *out = NULL;
    if (reserve(t, 0) == 0) {
        mxtls_buffer *b = mxtls__calloc(1, sizeof *b);
        if (b != NULL) {
            t->data[t->len] = '\0';
            b->struct_size = sizeof *b;
            b->data = t->data;
            b->length = t->len;
            *out = b;
            return MXTLS_OK;
        }
    }
    mxtls__free(t->data);
    t->data = NULL;
    return MXTLS_ENOMEM;
}

void mxtls_buffer_free(mxtls_buffer *buffer)
{
    if (buffer == NULL)
        return;
    mxtls__free((char *)buffer->data);
    mxtls__free(buffer);
}

/* ---- text that came from the network, shown as data ------------------- */

size_t mxtls__utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned char c = s[0], lo = 0x80, hi = 0xbf;
    size_t len;
    if (c >= 0xc2 && c <= 0xdf)
        len = 2;
    else if (c >= 0xe0 && c <= 0xef) {
        len = 3;
        lo = c == 0xe0 ? 0xa0 : 0x80;
        hi = c == 0xed ? 0x9f : 0xbf;
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4;
        lo = c == 0xf0 ? 0x90 : 0x80;
        hi = c == 0xf4 ? 0x8f : 0xbf;
    } else
        return 0;
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    uint32_t v = c & (0x7fu >> len);
    for (size_t i = 1; i < len; i++) {
        if (s[i] < 0x80 || s[i] > 0xbf)
            return 0;
        v = v << 6 | (s[i] & 0x3fu);
    }
    *cp = v;
    return len;
}

int mxtls__codepoint_invisible(uint32_t cp)
{
    static const uint32_t ranges[][2] = {
        {0x0000, 0x001f}, {0x007f, 0x009f}, {0x00ad, 0x00ad}, {0x061c, 0x061c},
        {0x180e, 0x180e}, {0x200b, 0x200f}, {0x2028, 0x202e}, {0x2060, 0x206f},
        {0xfeff, 0xfeff}, {0xfff9, 0xfffb}, {0xe0000, 0xe007f},
    };
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
        if (cp >= ranges[i][0] && cp <= ranges[i][1])
            return 1;
    return 0;
}

size_t mxtls__shown_unit(const char *s, size_t n, char out[MXTLS__SHOWN_MAX])
{
    unsigned char c = (unsigned char)s[0];
    uint32_t cp = 0;
    size_t len;
    if (c == '\\' || c == '"') {
        out[0] = '\\', out[1] = (char)c, out[2] = '\0';
        return 1;
    }
    if (c >= 0x20 && c < 0x7f) {
        out[0] = (char)c, out[1] = '\0';
        return 1;
    }
    if (c < 0x80 || (len = mxtls__utf8_decode((const unsigned char *)s, n, &cp)) == 0) {
        snprintf(out, MXTLS__SHOWN_MAX, "\\x%02x", c);
        return 1;
    }
    if (mxtls__codepoint_invisible(cp))
        snprintf(out, MXTLS__SHOWN_MAX, cp > 0xffff ? "\\U%08lx" : "\\u%04lx",
                 (unsigned long)cp);
    else {
        memcpy(out, s, len);
        out[len] = '\0';
    }
    return len;
}

void mxtls__text_shown(struct mxtls__text *t, const char *s, size_t n)
{
    char unit[MXTLS__SHOWN_MAX];
    for (size_t i = 0; i < n && !t->failed;) {
        i += mxtls__shown_unit(s + i, n - i, unit);
        mxtls__text_append(t, unit);
    }
}

void mxtls__text_quoted(struct mxtls__text *t, const char *s)
{
    if (s == NULL)
        return;
    mxtls__text_append(t, "\"");
    mxtls__text_shown(t, s, strlen(s));
    mxtls__text_append(t, "\"");
}
