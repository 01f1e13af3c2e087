/* Blanking the routine header fields of a pasted mail (errtext_headers.h). */
#include "errtext_headers.h"

#include <ctype.h>
#include <string.h>

/* Fields that say how a message travelled or is made, never why a TLS
 * session failed. A name ending in '-' covers every field it begins. The
 * bounce's own diagnosis (Diagnostic-Code, Status, Remote-MTA, Reporting-
 * MTA, X-Postfix-*, X-Mailer-Daemon-*) and To, Cc and Subject, which name
 * the recipient and the program, are kept. */
static const char *const routine_fields[] = {
    "received", "x-received", "dkim-signature", "x-google-dkim-signature", "domainkey-signature",
    "arc-", "authentication-results", "x-ms-exchange-authentication-results", "received-spf",
    "return-path", "delivered-to", "x-original-to", "from", "sender", "reply-to", "date",
    "message-id", "references", "in-reply-to", "mime-version", "content-type",
    "content-transfer-encoding", "content-disposition", "content-language", "accept-language",
    "thread-index", "thread-topic", "x-gm-", "x-google-", "x-ms-exchange-", "x-ms-has-attach",
    "x-ms-tnef-correlator", "x-ms-publictraffictype", "x-ms-office365-", "x-ms-traffictypediagnostic",
    "x-ms-oob-", "x-microsoft-", "x-forefront-", "x-eopattributedmessage", "x-eoptenantattributedmessage",
    "x-originatororg", "x-mimecast-", "x-proofpoint-", "x-ironport-", "x-spam-", "x-virus-",
    "x-mailer", "user-agent", "feedback-id", "list-", "dkim-filter", "x-ses-", "x-sg-", "x-mailgun-",
    "x-pm-", "x-yahoo-", "x-ymail-", "x-sonic-", "x-apple-", "x-icloud-", "x-mozilla-", "x-gmx-",
    "x-ui-", "x-cse-", "x-rspamd-", "x-amavis-", "x-originating-ip", "x-incomingheadercount",
    "x-incomingtopheadermarker", "x-auto-response-suppress", "x-ms-reactions",
};

/* s[0..n) equals lower-case f[0..n), ASCII letters compared without case. */
static int same_name(const char *s, const char *f, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)s[i]) != f[i])
            return 0;
    return 1;
}

/* The field name at s, when it is one of routine_fields and ends in ':'. */
static int routine_name_at(const char *s, const char *end)
{
    size_t n = 0;
    while (s + n < end && (isalnum((unsigned char)s[n]) || s[n] == '-'))
        n++;
    if (n == 0 || s + n >= end || s[n] != ':')
        return 0;
    for (size_t i = 0; i < sizeof routine_fields / sizeof *routine_fields; i++) {
        const char *f = routine_fields[i];
        size_t fl = strlen(f);
        int prefix = f[fl - 1] == '-';
        if ((prefix ? n > fl : n == fl) && same_name(s, f, fl))
            return 1;
    }
    return 0;
}

size_t mxtls__line_end_at(const char *s, const char *end)
{
    if (*s == '\n')
        return 1;
    if (*s == '\r')
        return s + 1 < end && s[1] == '\n' ? 2 : 1;
    if (*s == '\\' && s + 1 < end && s[1] == 'n')
        return 2;
    if (*s == '\\' && s + 3 < end && s[1] == 'r' && s[2] == '\\' && s[3] == 'n')
        return 4;
    return 0;
}

/* Past the quote marks at s: each ">" with the one blank a mail client
 * puts after it. Blanks beyond that are the line's own (a continuation). */
static const char *past_quote_marks(const char *s, const char *end)
{
    while (s < end && *s == '>') {
        s++;
        if (s < end && *s == ' ')
            s++;
    }
    return s;
}

/* A continuation line starts with a blank or a tab (or an escaped tab). */
static int continues(const char *s, const char *end)
{
    return s < end && (*s == ' ' || *s == '\t' || (*s == '\\' && s + 1 < end && s[1] == 't'));
}

/* Blank from s to the line's end; returns where the next line starts. */
static char *blank_line(char *s, const char *end)
{
    size_t e = 0;
    while (s < end && (e = mxtls__line_end_at(s, end)) == 0)
        *s++ = ' ';
    return s + e;
}

size_t mxtls__blank_routine_header_fields(char *text, size_t len)
{
    char *s = text, *end = text + len;
    size_t blanked = 0;
    int in_field = 0;
    while (s < end) {
        char *body = (char *)past_quote_marks(s, end);
        if (in_field && continues(body, end)) {
            s = blank_line(body, end);
            continue;
        }
        in_field = routine_name_at(body, end);
        if (in_field) {
            blanked++;
            s = blank_line(body, end);
            continue;
        }
        size_t e = 0;
        while (s < end && (e = mxtls__line_end_at(s, end)) == 0)
            s++;
        s += e;
    }
    return blanked;
}
