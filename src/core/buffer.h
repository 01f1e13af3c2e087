/* Text the library builds: the one printf-to-string every layer uses,
 * one-line details in a new string, and growable text for rendering,
 * handed to callers as an mxtls_buffer. */
#ifndef MXTLS_BUFFER_H
#define MXTLS_BUFFER_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "mxtls/diagnose.h"

/* A detail line of a result, its terminating NUL included: longer text is
 * cut, so a hostile value cannot make a detail grow without bound. */
#define MXTLS__LINE_MAX 512

/* printf into out[size], cut to fit and always terminated when size > 0
 * (empty when the format itself fails). Returns the length of the whole
 * text, which is size or more when it was cut, or -1 when the format
 * failed; out NULL and size 0 only measure. */
int mxtls__vformat(char *out, size_t size, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

/* The same with arguments: printf into out[size], cut to fit. */
int mxtls__format_into(char *out, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* printf into a new string of at most MXTLS__LINE_MAX - 1 octets; NULL when
 * out of memory. */
char *mxtls__format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

struct mxtls__text {
    char *data;
    size_t len, cap;
    int failed; /* set once memory ran out; later appends do nothing */
};

void mxtls__text_append(struct mxtls__text *t, const char *s);
void mxtls__text_printf(struct mxtls__text *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Hand the text over as a new buffer (MXTLS_OK), or free it (MXTLS_ENOMEM). */
int mxtls__text_finish(struct mxtls__text *t, mxtls_buffer **out);

/* ---- text that came from the network, shown as data ----
 * A server's banner or reply, a certificate's subject, a TXT record: none
 * of it may move a terminal's cursor, reorder what follows it (bidi
 * controls), hide (zero-width), break a line, or pass for mxtls's own words
 * or escapes. So it is shown one unit at a time, each unit in a visible
 * form, and the whole between double quotes. */

/* The longest shown form of one unit, its NUL included ("\U000e0001"). */
#define MXTLS__SHOWN_MAX 12

/* Octets of the well-formed UTF-8 sequence at s[0..n) (RFC 3629: no
 * overlong forms, no surrogates, nothing past U+10FFFF) with its code
 * point in *cp, or 0 when it is not one (or s is ASCII). */
size_t mxtls__utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* 1 for a code point that steers or hides text instead of showing a glyph:
 * C0 and C1 controls, DEL, bidi controls (U+061C, U+200E, U+200F,
 * U+202A..U+202E, U+2066..U+2069), zero-width and format characters
 * (U+00AD, U+180E, U+200B..U+200D, U+2060..U+206F, U+FEFF, U+FFF9..U+FFFB,
 * tags U+E0000..U+E007F) and line and paragraph separators (U+2028,
 * U+2029). */
int mxtls__codepoint_invisible(uint32_t cp);

/* The shown form of the first unit of s[0..n) (n > 0), NUL-terminated in
 * out; returns the octets of s it took. Printable ASCII stays, except that
 * '\\' and '"' become \\ and \"; an invisible code point becomes \uNNNN
 * (\UNNNNNNNN past U+FFFF), any other byte of ASCII, and each byte that is
 * not well-formed UTF-8, \xNN; every other code point stays. */
size_t mxtls__shown_unit(const char *s, size_t n, char out[MXTLS__SHOWN_MAX]);

/* Append n octets of s in their shown form, without quotes. */
void mxtls__text_shown(struct mxtls__text *t, const char *s, size_t n);
/* The same between double quotes: the server's words, as data. s NULL
 * appends nothing. */
void mxtls__text_quoted(struct mxtls__text *t, const char *s);

#endif
