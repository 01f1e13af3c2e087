/* Shared by the report renderers (report_text.c, report_json.c,
 * report_html.c, summary_html.c): escaping of text that came from a server,
 * and the posttls-finger style transcript they show. The names of values are enum_names.h. */
#ifndef MXTLS_REPORT_RENDER_H
#define MXTLS_REPORT_RENDER_H

#include <stdint.h>

#include "buffer.h"
#include "enum_names.h"
#include "mxtls/diagnose.h"

/* How mxtls__escape_append treats bytes. */
enum mxtls__escape {
    /* Text a server sent (banner, replies): only printable ASCII stays;
     * every other byte, and '\\', is written \xNN, so nothing it sent can
     * move a terminal's cursor or break JSON, and the escape is unambiguous. */
    MXTLS__ESCAPE_SERVER,
    /* As SERVER, but newlines stay (a multi-line reply kept as one string). */
    MXTLS__ESCAPE_SERVER_LINES,
    /* One line of our own text that may carry names or values from outside:
     * valid UTF-8 stays; control bytes (newlines too) and bytes that are not
     * valid UTF-8 are written \xNN. */
    MXTLS__ESCAPE_LINE,
    /* As LINE, but newlines stay (paragraphs of an explanation). */
    MXTLS__ESCAPE_PARAGRAPHS,
    /* For the text report, which a person reads: as LINE, and code points
     * that steer or hide text (bidi controls, zero-width and format
     * characters, line separators: mxtls__codepoint_invisible) are written
     * \uNNNN. JSON keeps LINE, so that it carries such text as it came. */
    MXTLS__ESCAPE_TEXT_LINE,
    /* As TEXT_LINE, but newlines stay. */
    MXTLS__ESCAPE_TEXT_PARAGRAPHS,
    /* Text a server sent, in the text report: one line, between double
     * quotes, in its shown form (mxtls__text_quoted): the server's words as
     * data, never mistaken for mxtls's own. */
    MXTLS__ESCAPE_QUOTED,
};

/* What f is about (MXTLS_ABOUT_*), and the report's environment verdict:
 * read only where the struct_size the producer set covers the member
 * (TARGET and OK otherwise), since a report may be built by a caller. */
int32_t mxtls__finding_about(const mxtls_finding *f);
int32_t mxtls__report_environment_verdict(const mxtls_report *r);

/* Append s (NULL appends nothing) to t, escaped as asked. */
void mxtls__escape_append(struct mxtls__text *t, const char *s, enum mxtls__escape how);
/* The same for n bytes that need not be NUL-terminated. */
void mxtls__escape_append_n(struct mxtls__text *t, const char *s, size_t n,
                            enum mxtls__escape how);

/* How mxtls__html_append treats text (both make it safe as HTML text and
 * as a double- or single-quoted attribute value). */
enum mxtls__html {
    /* Text from outside (a banner, a certificate name, a TXT record): each
     * unit in its shown form (mxtls__shown_unit, so '\\' is doubled and
     * controls, bidi and invisible code points are written \xNN / \uNNNN),
     * on one line, never markup. */
    MXTLS__HTML_DATA,
    /* Text of ours that may quote such text in its shown form already (a
     * finding's summary, a transcript line): as DATA, but '\\' stays as it
     * is, so a shown form is not escaped twice. */
    MXTLS__HTML_OURS,
};

/* Append n octets of s to t escaped for HTML as how says: & < > " ' become
 * entities, a unit that steers, hides or breaks text (controls, newlines
 * too, bidi and zero-width characters, bytes that are not UTF-8) becomes
 * its visible \x / \u form; other UTF-8 stays. max_chars > 0 keeps at most
 * that many units and then appends U+2026. */
void mxtls__html_append_n(struct mxtls__text *t, const char *s, size_t n, enum mxtls__html how,
                          size_t max_chars);
/* The same for a NUL-terminated s (NULL appends nothing), all of it. */
void mxtls__html_append(struct mxtls__text *t, const char *s, enum mxtls__html how);

/* ms since the epoch as "2026-11-23T10:57:47Z" (UTC, seconds) in out;
 * -1 for a time outside the years 0..9999. */
int mxtls__format_utc(int64_t ms, char out[32]);
/* Append that, or "(time N ms)" for a time it cannot write. */
void mxtls__append_utc(struct mxtls__text *t, int64_t ms);

/* Append the names of the MXTLS_VERIFY_* bits set in flags, joined by sep
 * ("none" when no bit is set). */
void mxtls__append_verify_flags(struct mxtls__text *t, uint32_t flags, const char *sep);

/* Append one line about a certificate: subject, names, issuer, validity. */
void mxtls__append_cert_line(struct mxtls__text *t, const mxtls_cert_info *cert);

/* Called once per transcript line (already escaped, no newline). Returns 0,
 * or -1 to stop (out of memory). */
typedef int (*mxtls__line_fn)(void *user, const char *line);

/* Probe's SMTP/TLS dialogue, line by line, up to where it failed and the
 * line saying why: the bytes sent ("> ") and received ("< ") as the
 * results recorded them (mxtls_exchange), escaped as data, one line of
 * the transcript per CRLF-ended line, with the handshake and certificate
 * from the results between; for results without recorded bytes (a report
 * a caller built, an older struct) it is rebuilt from their fields. scratch is working space (its
 * contents are replaced). Returns 0, or -1 when memory ran out (scratch
 * failed, or line returned -1). */
int mxtls__transcript(const mxtls_probe *probe, struct mxtls__text *scratch,
                      mxtls__line_fn line, void *user);

#endif
