/* mxtls_explain(): what a pasted error text means, which side sent what,
 * the likely causes (as catalogue findings) and the check that settles it. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "alerts.h"
#include "alloc.h"
#include "buffer.h"
#include "errtext.h"
#include "errtext_norm.h"
#include "finding.h"

#define MAX_CAUSES 6

struct causes {
    int32_t codes[MAX_CAUSES];
    size_t n;
};

static void add(struct causes *c, int32_t code)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->codes[i] == code)
            return;
    if (c->n < MAX_CAUSES)
        c->codes[c->n++] = code;
}

/* Causes suggested by the alert, most likely first. */
static void causes_from_alert(const struct mxtls__error_facts *f, struct causes *c)
{
    int from_server = f->alert_sender == MXTLS_PEER_SERVER;
    int from_verifier = f->alert_sender == MXTLS_PEER_CLIENT; /* the sender checks the cert */
    switch (f->alert) {
    case -1:
        return;
    case 47:
        if (from_server) {
            add(c, MXTLS_F_TLS_SNI_REJECTED);
            add(c, MXTLS_F_DNS_MX_NON_LDH);
            add(c, MXTLS_F_NET_PROXIED);
        }
        break;
    case 70:
        add(c, MXTLS_F_TLS_PROTOCOL_OLD);
        break;
    case 40:
    case 71:
        add(c, MXTLS_F_TLS_NO_SHARED_CIPHER);
        add(c, MXTLS_F_TLS_WEAK_DH);
        add(c, MXTLS_F_TLS_PROTOCOL_OLD);
        break;
    case 112:
        add(c, MXTLS_F_CERT_DEFAULT_WITHOUT_SNI);
        break;
    case 45:
        add(c, MXTLS_F_CERT_EXPIRED);
        add(c, MXTLS_F_CERT_NOT_YET_VALID);
        break;
    case 48:
        if (from_verifier) {
            add(c, MXTLS_F_CERT_SELF_SIGNED);
            add(c, MXTLS_F_CERT_CHAIN_INCOMPLETE);
            add(c, MXTLS_F_CERT_UNTRUSTED);
        }
        break;
    case 42:
    case 43:
    case 46:
        if (from_verifier) {
            add(c, MXTLS_F_CERT_NAME_MISMATCH);
            add(c, MXTLS_F_CERT_UNTRUSTED);
            add(c, MXTLS_F_CERT_SELF_SIGNED);
        }
        break;
    case 80:
        if (from_server)
            add(c, MXTLS_F_SMTP_STARTTLS_REFUSED); /* cert/key it could not load */
        break;
    default:
        break;
    }
    add(c, MXTLS_F_TLS_ALERT);
}

struct flag_causes {
    uint32_t flag;
    int32_t codes[3];
};

static const struct flag_causes flag_causes[] = {
    {ERR_CERT_SELF_SIGNED, {MXTLS_F_CERT_SELF_SIGNED, 0, 0}},
    {ERR_CERT_NAME_MISMATCH, {MXTLS_F_CERT_NAME_MISMATCH, MXTLS_F_CERT_SELF_SIGNED, 0}},
    {ERR_CERT_EXPIRED, {MXTLS_F_CERT_EXPIRED, 0, 0}},
    {ERR_CERT_NOT_YET_VALID, {MXTLS_F_CERT_NOT_YET_VALID, 0, 0}},
    {ERR_CERT_UNTRUSTED, {MXTLS_F_CERT_CHAIN_INCOMPLETE, MXTLS_F_CERT_UNTRUSTED, 0}},
    {ERR_STARTTLS_NOT_OFFERED, {MXTLS_F_SMTP_STARTTLS_MISSING, MXTLS_F_SMTP_STARTTLS_MASKED, 0}},
    {ERR_CERT_LOAD, {MXTLS_F_SMTP_STARTTLS_REFUSED, 0, 0}},
    {ERR_NO_SHARED_CIPHER, {MXTLS_F_TLS_NO_SHARED_CIPHER, 0, 0}},
    {ERR_PROTOCOL_VERSION, {MXTLS_F_TLS_PROTOCOL_OLD, 0, 0}},
    {ERR_NOT_TLS, {MXTLS_F_SMTP_IMPLICIT_TLS_MISMATCH, MXTLS_F_SMTP_NOT_SMTP, 0}},
    {ERR_TIMEOUT, {MXTLS_F_NET_PROXIED, MXTLS_F_NET_TIMEOUT, MXTLS_F_NET_EGRESS_BLOCKED}},
    {ERR_REFUSED, {MXTLS_F_NET_REFUSED, 0, 0}},
    {ERR_DANE, {MXTLS_F_DANE_MISMATCH, MXTLS_F_DANE_BOGUS, 0}},
    {ERR_MTA_STS, {MXTLS_F_MTASTS_MX_MISMATCH, MXTLS_F_MTASTS_FETCH_FAILED,
                   MXTLS_F_MTASTS_WEBPKI_INVALID}},
    {ERR_RESET, {MXTLS_F_TLS_HANDSHAKE_FAILED, 0, 0}},
};

static void find_causes(const struct mxtls__error_facts *f, struct causes *c)
{
    causes_from_alert(f, c);
    if (f->smtp_code == 454)
        add(c, MXTLS_F_SMTP_STARTTLS_REFUSED);
    for (size_t i = 0; i < sizeof flag_causes / sizeof flag_causes[0]; i++)
        if (f->flags & flag_causes[i].flag)
            for (size_t j = 0; j < 3 && flag_causes[i].codes[j]; j++)
                add(c, flag_causes[i].codes[j]);
    if (c->n == 0 && (f->gmail_starttls_error >= 0 || (f->flags & ERR_TLS_NEGOTIATION_FAILED)))
        add(c, MXTLS_F_TLS_HANDSHAKE_FAILED);
}

static const char *side_name(int32_t peer)
{
    return peer == MXTLS_PEER_SERVER   ? "the receiving mail server"
           : peer == MXTLS_PEER_CLIENT ? "the sending side"
                                       : "one side";
}

static void explain_alert(const struct mxtls__error_facts *f, struct mxtls__text *t)
{
    const char *name = mxtls_alert_name(f->alert);
    const char *meaning = mxtls__alert_meaning(f->alert);
    mxtls__text_printf(t, "TLS alert %d (%s) was sent by %s%s%s%s.", (int)f->alert,
                       name ? name : "not a defined alert", side_name(f->alert_sender),
                       f->host[0] ? " (" : "", f->host, f->host[0] ? ")" : "");
    if (meaning)
        mxtls__text_printf(t, " It usually means: %s.", meaning);
    if (mxtls__alert_is_certificate_rejection(f->alert))
        mxtls__text_append(t, " Certificate alerts come from the side that checks the "
                              "certificate, so the side that sent it is the one that "
                              "refused.");
    mxtls__text_append(t, "\n");
}

static void explain_text(const struct mxtls__error_facts *f, struct mxtls__text *t)
{
    if (f->alert >= 0)
        explain_alert(f, t);
    if (f->gmail_starttls_error >= 0)
        mxtls__text_printf(t, "\"starttls error (%d)\" is Gmail's own error number for the "
                              "failed STARTTLS step; it is not TLS alert %d.%s\n",
                           (int)f->gmail_starttls_error, (int)f->gmail_starttls_error,
                           f->alert >= 0 ? " The alert number is the one after "
                                           "\"SSL alert number\"."
                                         : "");
    if (f->source == MXTLS_TEXT_GMAIL && (f->flags & ERR_CERT_NAME_MISMATCH))
        mxtls__text_append(t, "Gmail uses these words both for a certificate that does not "
                              "name the host it connects to and, since April 2020, for a "
                              "self-signed certificate. For Send-As, the host is the SMTP "
                              "server you typed in, not your MX host.\n");
    if (f->logged_by_server)
        mxtls__text_append(t, "The text is the receiving server's own log: \"received\" "
                              "there means received from the sending side.\n");
    if (f->smtp_code)
        mxtls__text_printf(t, "The server answered with SMTP reply %d, a %s failure.\n",
                           (int)f->smtp_code, f->smtp_code >= 500 ? "permanent" : "temporary");
}

static void explain_unrecognised(struct mxtls__text *t)
{
    mxtls__text_append(t, "mxtls reads the wording of Gmail's bounces and Send-As errors, "
                          "BoringSSL, OpenSSL and GnuTLS error strings, and Postfix and Exim "
                          "log lines. Paste the whole bounce message or log line, including "
                          "any \"SSL alert number\" or \"error:...\" part, or run the check "
                          "below against the domain or server directly.\n");
}

static char *suggest_check(const struct mxtls__error_facts *f)
{
    char buf[400];
    int submission = (f->flags & (ERR_CERT_NAME_MISMATCH | ERR_CERT_SELF_SIGNED)) &&
                     f->source == MXTLS_TEXT_GMAIL;
    if (submission)
        snprintf(buf, sizeof buf, "mxtls-check --submission %s",
                 f->host[0] ? f->host : "smtp.your-domain.example");
    else if (f->host[0] && !f->logged_by_server)
        snprintf(buf, sizeof buf, "mxtls-check YOUR-DOMAIN (the domain whose mail goes to %s)",
                 f->host);
    else
        snprintf(buf, sizeof buf, "mxtls-check YOUR-DOMAIN");
    return mxtls__strdup(buf);
}

static char *make_summary(const struct mxtls__error_facts *f, const struct causes *c,
                          struct mxtls__finding_list *found)
{
    char buf[300];
    if (f->alert >= 0) {
        const char *name = mxtls_alert_name(f->alert);
        snprintf(buf, sizeof buf, "%s sent fatal TLS alert %d (%s)",
                 side_name(f->alert_sender), (int)f->alert, name ? name : "unknown");
        buf[0] = (char)toupper((unsigned char)buf[0]); /* a sentence */
        return mxtls__strdup(buf);
    }
    if (c->n > 0 && found->count > 0)
        return mxtls__strdup(found->items[0]->summary);
    return mxtls__strdup("mxtls did not recognise this error text");
}

void mxtls_explanation_free(mxtls_explanation *e)
{
    if (e == NULL)
        return;
    struct mxtls__finding_list list = {(mxtls_finding **)e->likely_causes, e->n_findings,
                                       e->n_findings};
    mxtls__finding_list_free(&list);
    mxtls__free((char *)e->host);
    mxtls__free((char *)e->summary);
    mxtls__free((char *)e->explanation);
    mxtls__free((char *)e->suggested_check);
    mxtls__free(e);
}

static int build_causes(const struct mxtls__error_facts *f, const struct causes *c,
                        struct mxtls__finding_list *list)
{
    char alert[64] = "";
    if (f->alert >= 0)
        snprintf(alert, sizeof alert, "%d (%s)", (int)f->alert,
                 mxtls_alert_name(f->alert) ? mxtls_alert_name(f->alert) : "unknown");
    struct mxtls__vars vars = {0};
    vars.host = f->host[0] ? f->host : NULL;
    vars.alert = alert[0] ? alert : NULL;
    vars.sender = f->source == MXTLS_TEXT_GMAIL ? "Gmail" : NULL;
    struct mxtls__finding_place place = {vars.host, NULL, 0, NULL};
    int status = MXTLS_OK;
    for (size_t i = 0; i < c->n; i++)
        if (mxtls__finding_list_add(list, c->codes[i], 0, &vars, &place, &status) < 0)
            return status;
    return MXTLS_OK;
}

mxtls_status mxtls_explain(mxtls_ctx *ctx, const char *text,
                           mxtls_explanation **out)
{
    (void)ctx;
    if (out == NULL)
        return MXTLS_EINVAL;
    *out = NULL;
    if (text == NULL)
        return MXTLS_EINVAL;
    struct mxtls__error_facts f;
    struct mxtls__normtext norm;
    /* How it was copied (a web page's quotes, a mail client's wrapping)
     * must not change what it means. */
    if (mxtls__errtext_normalize(text, strnlen(text, MXTLS__ERRTEXT_MAX), &norm) != 0)
        return MXTLS_ENOMEM;
    mxtls__errtext_parse(norm.text, norm.len, &f);
    mxtls__normtext_free(&norm);
    struct causes c = {{0}, 0};
    find_causes(&f, &c);

    mxtls_explanation *e = mxtls__calloc(1, sizeof *e);
    struct mxtls__finding_list list = {0};
    struct mxtls__text t = {0};
    if (e == NULL)
        return MXTLS_ENOMEM;
    e->struct_size = sizeof *e;
    e->source = f.source;
    e->alert = f.alert;
    e->alert_name = f.alert >= 0 ? mxtls_alert_name(f.alert) : NULL;
    e->alert_sender = f.alert_sender;
    e->smtp_code = f.smtp_code;
    e->recognised = c.n > 0 || f.alert >= 0;
    int status = build_causes(&f, &c, &list);
    e->likely_causes = (const mxtls_finding *const *)list.items;
    e->n_findings = list.count;
    if (e->recognised)
        explain_text(&f, &t);
    else
        explain_unrecognised(&t);
    mxtls__text_append(&t, ""); /* an empty explanation is "", never NULL */
    if (status == MXTLS_OK && t.failed)
        status = MXTLS_ENOMEM;
    e->explanation = t.data;
    e->summary = make_summary(&f, &c, &list);
    e->suggested_check = suggest_check(&f);
    if (f.host[0])
        e->host = mxtls__strdup(f.host);
    if (status == MXTLS_OK && (e->summary == NULL || e->suggested_check == NULL ||
                               e->explanation == NULL || (f.host[0] && e->host == NULL)))
        status = MXTLS_ENOMEM;
    if (status != MXTLS_OK) {
        mxtls_explanation_free(e);
        return (mxtls_status)status;
    }
    *out = e;
    return MXTLS_OK;
}

mxtls_status mxtls_explanation_text(const mxtls_explanation *e, mxtls_buffer **out)
{
    if (out == NULL)
        return MXTLS_EINVAL;
    *out = NULL;
    if (e == NULL)
        return MXTLS_EINVAL;
    struct mxtls__text t = {0};
    mxtls__text_printf(&t, "%s\n\n", e->summary);
    if (e->explanation[0])
        mxtls__text_printf(&t, "%s\n", e->explanation);
    for (size_t i = 0; i < e->n_findings; i++) {
        const mxtls_finding *f = e->likely_causes[i];
        mxtls__text_printf(&t, "%s cause %zu: %s [%s]\n", i == 0 ? "Most likely" : "Possible",
                           i + 1, f->summary, f->id);
        mxtls__text_printf(&t, "  %s\n", f->explanation);
        for (size_t r = 0; r < f->n_remedies; r++)
            mxtls__text_printf(&t, "  %zu. %s\n", r + 1, f->remedies[r]);
        mxtls__text_append(&t, "\n");
    }
    mxtls__text_printf(&t, "To find out for sure, run: %s\n", e->suggested_check);
    return (mxtls_status)mxtls__text_finish(&t, out);
}
