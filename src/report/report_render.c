/* What the text and JSON renderers of a report share: escaping of server
 * text, UTC dates, and the reconstructed SMTP/TLS transcript. Also
 * mxtls_diagnose_struct_size. The names of values are core/enum_names.c. */
#define _POSIX_C_SOURCE 200809L
#include "report_render.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

#define HAS_MEMBER(p, type, member) \
    ((p)->struct_size >= offsetof(type, member) + sizeof((p)->member))

int32_t mxtls__finding_about(const mxtls_finding *f)
{
    return HAS_MEMBER(f, mxtls_finding, about) && f->about == MXTLS_ABOUT_ENVIRONMENT
               ? MXTLS_ABOUT_ENVIRONMENT
               : MXTLS_ABOUT_TARGET;
}

int32_t mxtls__report_environment_verdict(const mxtls_report *r)
{
    return HAS_MEMBER(r, mxtls_report, environment_verdict) ? r->environment_verdict
                                                            : MXTLS_VERDICT_OK;
}

size_t mxtls_diagnose_struct_size(int32_t which)
{
    switch (which) {
    case 0:
        return sizeof(mxtls_report);
    case 1:
        return sizeof(mxtls_probe);
    case 2:
        return sizeof(mxtls_finding);
    case 3:
        return sizeof(mxtls_explanation);
    case 4:
        return sizeof(mxtls_buffer);
    case 5:
        return sizeof(mxtls_prediction);
    case 6:
        return sizeof(mxtls_sender);
    default:
        return 0;
    }
}

/* ---- escaping ---------------------------------------------------------- */

/* Octets in the well-formed UTF-8 sequence at s (RFC 3629: no overlong
 * forms, no surrogates, nothing past U+10FFFF), or 0 when it is not one. */
static size_t utf8_sequence(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t len;
    unsigned char lo = 0x80, hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf)
        len = 2;
    else if (c >= 0xe0 && c <= 0xef) {
        len = 3;
        if (c == 0xe0)
            lo = 0xa0;
        else if (c == 0xed)
            hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4;
        if (c == 0xf0)
            lo = 0x90;
        else if (c == 0xf4)
            hi = 0x8f;
    } else
        return 0;
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if (s[i] < 0x80 || s[i] > 0xbf)
            return 0;
    /* C1 controls (U+0080..U+009F) steer terminals as ESC does. */
    if (c == 0xc2 && s[1] <= 0x9f)
        return 0;
    return len;
}

static void append_byte_escape(struct mxtls__text *t, unsigned char c)
{
    mxtls__text_printf(t, "\\x%02x", c);
}

void mxtls__escape_append_n(struct mxtls__text *t, const char *s, size_t n,
                            enum mxtls__escape how)
{
    if (how == MXTLS__ESCAPE_QUOTED) {
        mxtls__text_append(t, "\"");
        mxtls__text_shown(t, s, n);
        mxtls__text_append(t, "\"");
        return;
    }
    const unsigned char *p = (const unsigned char *)s;
    int text = how == MXTLS__ESCAPE_TEXT_LINE || how == MXTLS__ESCAPE_TEXT_PARAGRAPHS;
    int server = how == MXTLS__ESCAPE_SERVER || how == MXTLS__ESCAPE_SERVER_LINES;
    int newlines = how == MXTLS__ESCAPE_PARAGRAPHS || how == MXTLS__ESCAPE_SERVER_LINES ||
                   how == MXTLS__ESCAPE_TEXT_PARAGRAPHS;
    size_t i = 0;
    while (i < n && !t->failed) {
        size_t run = i;
        /* Copy runs of plain printable ASCII in one append. */
        while (run < n && p[run] >= 0x20 && p[run] < 0x7f &&
               !(server && p[run] == '\\'))
            run++;
        if (run > i) {
            char chunk[256];
            size_t m = run - i < sizeof chunk - 1 ? run - i : sizeof chunk - 1;
            memcpy(chunk, p + i, m);
            chunk[m] = '\0';
            mxtls__text_append(t, chunk);
            i += m;
            continue;
        }
        uint32_t cp = 0;
        size_t seq = server ? 0 : utf8_sequence(p + i, n - i);
        if (text && seq > 0 && mxtls__utf8_decode(p + i, n - i, &cp) == seq &&
            mxtls__codepoint_invisible(cp)) {
            mxtls__text_printf(t, cp > 0xffff ? "\\U%08lx" : "\\u%04lx", (unsigned long)cp);
            i += seq;
        } else if (seq > 0) {
            char chunk[5] = {0};
            memcpy(chunk, p + i, seq);
            mxtls__text_append(t, chunk);
            i += seq;
        } else if (p[i] == '\n' && newlines) {
            mxtls__text_append(t, "\n");
            i++;
        } else {
            append_byte_escape(t, p[i]);
            i++;
        }
    }
}

void mxtls__escape_append(struct mxtls__text *t, const char *s, enum mxtls__escape how)
{
    if (s != NULL)
        mxtls__escape_append_n(t, s, strlen(s), how);
}

void mxtls__html_append_n(struct mxtls__text *t, const char *s, size_t n, enum mxtls__html how,
                          size_t max_chars)
{
    char unit[MXTLS__SHOWN_MAX];
    size_t chars = 0;
    for (size_t i = 0; i < n && !t->failed; chars++) {
        if (max_chars > 0 && chars == max_chars) {
            mxtls__text_append(t, "\xe2\x80\xa6"); /* U+2026 */
            return;
        }
        const char *entity = NULL;
        switch (s[i]) {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        case '\'': entity = "&#39;"; break;
        case '\\': entity = how == MXTLS__HTML_DATA ? "\\\\" : "\\"; break;
        default: break;
        }
        if (entity != NULL) {
            mxtls__text_append(t, entity);
            i++;
            continue;
        }
        /* The shown form of anything else has none of & < > " ' in it. */
        i += mxtls__shown_unit(s + i, n - i, unit);
        mxtls__text_append(t, unit);
    }
}

void mxtls__html_append(struct mxtls__text *t, const char *s, enum mxtls__html how)
{
    if (s != NULL)
        mxtls__html_append_n(t, s, strlen(s), how, 0);
}

int mxtls__format_utc(int64_t ms, char out[32])
{
    int64_t secs = ms / 1000 - (ms % 1000 < 0 ? 1 : 0);
    time_t when = (time_t)secs;
    struct tm tm;
    if ((int64_t)when != secs || gmtime_r(&when, &tm) == NULL || tm.tm_year < -1900 ||
        tm.tm_year > 9999 - 1900)
        return -1;
    /* The modulos show gcc the fields' ranges (at -O0 it cannot see them
     * and warns of truncation); the values are already in range. */
    snprintf(out, 32, "%04u-%02u-%02uT%02u:%02u:%02uZ", (unsigned)(tm.tm_year + 1900) % 10000u,
             (unsigned)(tm.tm_mon + 1) % 100u, (unsigned)tm.tm_mday % 100u,
             (unsigned)tm.tm_hour % 100u, (unsigned)tm.tm_min % 100u, (unsigned)tm.tm_sec % 100u);
    return 0;
}

void mxtls__append_utc(struct mxtls__text *t, int64_t ms)
{
    char when[32];
    if (mxtls__format_utc(ms, when) == 0)
        mxtls__text_append(t, when);
    else
        mxtls__text_printf(t, "(time %lld ms)", (long long)ms);
}

void mxtls__append_verify_flags(struct mxtls__text *t, uint32_t flags, const char *sep)
{
    const char *between = "";
    if (flags == 0)
        mxtls__text_append(t, "none");
    for (unsigned bit = 0; bit < 32; bit++) {
        uint32_t flag = (uint32_t)1 << bit;
        if (flags & flag) {
            const char *name = mxtls_verify_flag_name(flag);
            if (strcmp(name, "unknown") == 0)
                mxtls__text_printf(t, "%s0x%08lx", between, (unsigned long)flag);
            else
                mxtls__text_printf(t, "%s%s", between, name);
            between = sep;
        }
    }
}

void mxtls__append_cert_line(struct mxtls__text *t, const mxtls_cert_info *cert)
{
    mxtls__text_append(t, "subject ");
    if (cert->subject)
        mxtls__escape_append(t, cert->subject, MXTLS__ESCAPE_QUOTED);
    else
        mxtls__text_append(t, "(none)");
    mxtls__text_append(t, "; names ");
    if (cert->n_dns_names + cert->n_ip_addresses == 0)
        mxtls__text_append(t, "(none)");
    for (size_t i = 0; cert->dns_names && i < cert->n_dns_names; i++) {
        mxtls__text_append(t, i ? ", " : "");
        mxtls__escape_append(t, cert->dns_names[i], MXTLS__ESCAPE_QUOTED);
    }
    for (size_t i = 0; cert->ip_addresses && i < cert->n_ip_addresses; i++) {
        mxtls__text_append(t, i || cert->n_dns_names ? ", " : "");
        mxtls__escape_append(t, cert->ip_addresses[i], MXTLS__ESCAPE_QUOTED);
    }
    mxtls__text_append(t, "; issuer ");
    if (cert->issuer)
        mxtls__escape_append(t, cert->issuer, MXTLS__ESCAPE_QUOTED);
    else
        mxtls__text_append(t, "(none)");
    mxtls__text_append(t, "; valid until ");
    mxtls__append_utc(t, cert->not_after_ms);
}

/* ---- transcript -------------------------------------------------------- */

struct script {
    struct mxtls__text *line;
    mxtls__line_fn emit;
    void *user;
    int failed;
};

static void line_begin(struct script *sc)
{
    sc->line->len = 0;
    mxtls__text_append(sc->line, "");
}

/* Hand the line over; 0 to go on, -1 when out of memory. */
static int line_end(struct script *sc)
{
    if (!sc->failed && (sc->line->failed || sc->emit(sc->user, sc->line->data) != 0))
        sc->failed = 1;
    return sc->failed ? -1 : 0;
}

static void say(struct script *sc, const char *text)
{
    line_begin(sc);
    mxtls__text_append(sc->line, text);
    line_end(sc);
}

/* "< 250-first" ... "< 250 last" for the lines of one reply. */
static void reply_line(struct script *sc, int32_t code, const char *text, size_t len, int last)
{
    line_begin(sc);
    mxtls__text_printf(sc->line, "< %03d%s", (int)code, len || !last ? (last ? " " : "-") : "");
    mxtls__escape_append_n(sc->line, text, len, MXTLS__ESCAPE_SERVER);
    line_end(sc);
}

/* A reply whose lines are joined by '\n' (banner, STARTTLS reply). */
static void reply_joined(struct script *sc, int32_t code, const char *text)
{
    if (text == NULL)
        text = "";
    for (;;) {
        const char *nl = strchr(text, '\n');
        size_t len = nl ? (size_t)(nl - text) : strlen(text);
        reply_line(sc, code, text, len, nl == NULL);
        if (nl == NULL)
            return;
        text = nl + 1;
    }
}

static void reply_lines(struct script *sc, int32_t code, const char *const *lines, size_t n)
{
    if (lines == NULL || n == 0) {
        reply_line(sc, code, "", 0, 1);
        return;
    }
    for (size_t i = 0; i < n; i++)
        reply_line(sc, code, lines[i] ? lines[i] : "", lines[i] ? strlen(lines[i]) : 0,
                   i + 1 == n);
}

static void failed_because(struct script *sc, const char *detail)
{
    line_begin(sc);
    mxtls__text_append(sc->line, "failed: ");
    if (detail)
        mxtls__escape_append(sc->line, detail, MXTLS__ESCAPE_QUOTED);
    else
        mxtls__text_append(sc->line, "(no detail)");
    line_end(sc);
}

static void opening(struct script *sc, const mxtls_probe *p)
{
    line_begin(sc);
    mxtls__text_append(sc->line, "connecting to ");
    mxtls__escape_append(sc->line, p->host, MXTLS__ESCAPE_TEXT_LINE);
    mxtls__text_append(sc->line, "[");
    mxtls__escape_append(sc->line, p->address ? p->address : "?", MXTLS__ESCAPE_TEXT_LINE);
    mxtls__text_printf(sc->line, "]:%d (%s)", (int)p->port, mxtls__mode_name(p->mode));
    line_end(sc);
}

/* ---- the bytes as they were sent and received (issue 18) ---- */

/* One line of an exchange: "> " what mxtls sent, "< " what it received,
 * then the bytes escaped as data (printable ASCII only; anything else,
 * and '\\', as \xNN), without their CRLF. A bare LF shows as \x0a. */
static void bytes_line(struct script *sc, int32_t direction, const uint8_t *d, size_t n)
{
    line_begin(sc);
    mxtls__text_append(sc->line, direction == MXTLS_EXCHANGE_SENT ? "> " : "< ");
    mxtls__escape_append_n(sc->line, (const char *)d, n, MXTLS__ESCAPE_SERVER);
    line_end(sc);
}

static void exchange_lines(struct script *sc, const mxtls_exchange *e)
{
    const uint8_t *d = e->data;
    size_t n = e->data ? e->length : 0;
    while (n > 0) {
        const uint8_t *nl = memchr(d, '\n', n);
        if (nl == NULL) {
            bytes_line(sc, e->direction, d, n);
            say(sc, e->direction == MXTLS_EXCHANGE_SENT ? "(mxtls's last line had no line end)"
                                                        : "(the server's last line had no line "
                                                          "end)");
            return;
        }
        size_t len = (size_t)(nl - d);
        /* CRLF ends an SMTP line; a bare LF stays, escaped, in the line. */
        size_t shown = len > 0 && d[len - 1] == '\r' ? len - 1 : len + 1;
        bytes_line(sc, e->direction, d, shown);
        d = nl + 1;
        n -= len + 1;
    }
}

/* The exchanges inside (over_tls 1) or outside TLS. */
static void exchanges(struct script *sc, size_t n, const mxtls_exchange *const *items,
                      int32_t over_tls)
{
    for (size_t i = 0; items != NULL && i < n; i++)
        if (items[i] != NULL && (items[i]->over_tls != 0) == (over_tls != 0))
            exchange_lines(sc, items[i]);
}

static int has_bytes_c(const mxtls_connect_result *c)
{
    return HAS_MEMBER(c, mxtls_connect_result, transcript_truncated) && c->n_exchanges > 0;
}

static int has_bytes_t(const mxtls_tls_result *t)
{
    return HAS_MEMBER(t, mxtls_tls_result, transcript_truncated) && t->n_exchanges > 0;
}

static void cut_line(struct script *sc)
{
    line_begin(sc);
    mxtls__text_printf(sc->line, "(transcript cut: the dialogue went on past %zu bytes)",
                       mxtls_transcript_max());
    line_end(sc);
}

/* Banner and EHLO in plaintext; 0 when the dialogue goes on to TLS. */
static int plaintext_part(struct script *sc, const mxtls_connect_result *c)
{
    if (c->connect_ms < 0 && c->failure != MXTLS_CONN_OK) {
        failed_because(sc, c->detail);
        return -1;
    }
    line_begin(sc);
    mxtls__text_printf(sc->line, "connected in %lld ms", (long long)c->connect_ms);
    line_end(sc);
    if (has_bytes_c(c)) {
        exchanges(sc, c->n_exchanges, c->exchanges, 0);
        if (c->transcript_truncated)
            cut_line(sc);
    } else if (c->mode != MXTLS_MODE_IMPLICIT_TLS) {
        if (c->banner_code != 0)
            reply_joined(sc, c->banner_code, c->banner);
        if (c->ehlo_code != 0 || c->failure_phase >= MXTLS_PHASE_EHLO) {
            say(sc, "> EHLO");
            if (c->helo_fallback) {
                say(sc, "(EHLO refused with 500/502; HELO instead)");
                say(sc, "> HELO");
            }
            if (c->ehlo_code != 0)
                reply_lines(sc, c->ehlo_code, c->ehlo_lines, c->n_ehlo_lines);
        }
    }
    if (c->failure != MXTLS_CONN_OK) {
        failed_because(sc, c->detail);
        return -1;
    }
    return 0;
}

/* The report's name for an alert (escaped where it is written: a report a
 * caller built may carry any bytes there), else ours. */
static const char *alert_name_of(int32_t alert, const char *given)
{
    const char *name = given ? given : mxtls_alert_name(alert);
    return name ? name : "unknown";
}

static void handshake_line(struct script *sc, const mxtls_tls_result *t)
{
    line_begin(sc);
    mxtls__text_append(sc->line, "TLS handshake (");
    if (t->sni) {
        mxtls__text_append(sc->line, "SNI ");
        mxtls__escape_append(sc->line, t->sni, MXTLS__ESCAPE_SERVER);
    } else
        mxtls__text_append(sc->line, "no SNI");
    mxtls__text_append(sc->line, "): ");
    if (t->version == 0)
        mxtls__text_append(sc->line, "failed");
    else {
        mxtls__text_append(sc->line, mxtls__tls_version_name(t->version));
        const char *parts[] = {t->cipher_suite, t->group};
        for (size_t i = 0; i < COUNT(parts); i++)
            if (parts[i]) {
                mxtls__text_append(sc->line, " ");
                mxtls__escape_append(sc->line, parts[i], MXTLS__ESCAPE_SERVER);
            }
    }
    line_end(sc);
    if (t->alert_received >= 0) {
        line_begin(sc);
        mxtls__text_printf(sc->line, "TLS alert received from the server: %d ",
                           (int)t->alert_received);
        mxtls__escape_append(sc->line, alert_name_of(t->alert_received, t->alert_received_name),
                             MXTLS__ESCAPE_TEXT_LINE);
        line_end(sc);
    }
    if (t->alert_sent >= 0) {
        line_begin(sc);
        mxtls__text_printf(sc->line, "TLS alert sent by mxtls: %d ", (int)t->alert_sent);
        mxtls__escape_append(sc->line, alert_name_of(t->alert_sent, t->alert_sent_name),
                             MXTLS__ESCAPE_TEXT_LINE);
        line_end(sc);
    }
}

static void certificate_lines(struct script *sc, const mxtls_tls_result *t,
                              const mxtls_verify_result *v)
{
    if (v != NULL && v->n_certs > 0 && v->certs != NULL && v->certs[0] != NULL) {
        line_begin(sc);
        mxtls__text_append(sc->line, "certificate: ");
        mxtls__append_cert_line(sc->line, v->certs[0]);
        line_end(sc);
    } else if (t->n_peer_certs > 0) {
        line_begin(sc);
        mxtls__text_printf(sc->line, "certificate chain: %zu certificates", t->n_peer_certs);
        line_end(sc);
    }
    if (v != NULL) {
        line_begin(sc);
        mxtls__text_append(sc->line, "verification: ");
        mxtls__append_verify_flags(sc->line, v->flags, ", ");
        line_end(sc);
    }
}

/* The TLS part from the bytes recorded: STARTTLS and its reply, the
 * handshake, then what went inside TLS. */
static void tls_part_bytes(struct script *sc, const mxtls_probe *p, const mxtls_tls_result *t)
{
    exchanges(sc, t->n_exchanges, t->exchanges, 0);
    int refused = t->failure_phase == MXTLS_PHASE_STARTTLS ||
                  t->failure == MXTLS_TLS_STARTTLS_REFUSED;
    if (!(p->mode != MXTLS_MODE_IMPLICIT_TLS && refused)) {
        handshake_line(sc, t);
        if (t->version != 0) {
            certificate_lines(sc, t, p->verify);
            exchanges(sc, t->n_exchanges, t->exchanges, 1);
        }
    }
    if (t->transcript_truncated)
        cut_line(sc);
    if (t->failure != MXTLS_TLS_OK)
        failed_because(sc, t->detail);
}

static void tls_part(struct script *sc, const mxtls_probe *p, const mxtls_tls_result *t)
{
    if (has_bytes_t(t)) {
        tls_part_bytes(sc, p, t);
        return;
    }
    if (p->mode != MXTLS_MODE_IMPLICIT_TLS) {
        say(sc, "> STARTTLS");
        if (t->starttls_code != 0)
            reply_joined(sc, t->starttls_code, t->starttls_text);
        if (t->failure_phase == MXTLS_PHASE_STARTTLS ||
            t->failure == MXTLS_TLS_STARTTLS_REFUSED) {
            failed_because(sc, t->detail);
            return;
        }
    }
    handshake_line(sc, t);
    if (t->version == 0) {
        failed_because(sc, t->detail);
        return;
    }
    certificate_lines(sc, t, p->verify);
    if (p->mode == MXTLS_MODE_IMPLICIT_TLS && t->banner_code != 0)
        reply_joined(sc, t->banner_code, t->banner);
    if (t->ehlo_code != 0 || t->failure_phase == MXTLS_PHASE_EHLO_TLS) {
        say(sc, "> EHLO");
        if (t->ehlo_code != 0)
            reply_lines(sc, t->ehlo_code, t->ehlo_lines, t->n_ehlo_lines);
    }
    if (t->failure != MXTLS_TLS_OK)
        failed_because(sc, t->detail);
}

int mxtls__transcript(const mxtls_probe *probe, struct mxtls__text *scratch,
                      mxtls__line_fn line, void *user)
{
    struct script sc = {scratch, line, user, 0};
    opening(&sc, probe);
    if (probe->status == MXTLS_EPOLICY)
        say(&sc, "not connected: the address policy refused this address");
    else if (probe->connect == NULL)
        say(&sc, "no connection was made");
    else if (plaintext_part(&sc, probe->connect) == 0 && probe->tls != NULL)
        tls_part(&sc, probe, probe->tls);
    return sc.failed ? -1 : 0;
}
