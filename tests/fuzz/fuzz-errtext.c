/* Fuzz target for the error-text reader behind mxtls_explain(): whatever a
 * user pastes (a bounce, a log line, or anything else) goes through the fact
 * parser, mxtls_explain() and mxtls_explanation_text().
 *
 * Built two ways by tests/fuzz/meson.build: with -Dfuzzing=true (clang) as a
 * libFuzzer target (scripts/fuzz-smoke runs it), and otherwise with main()
 * below replaying the seed corpus tests/fuzz/corpus/errtext and fixed
 * mutations of it (meson test fuzz-errtext-replay).
 *
 * Properties beyond "no crash, no leak": every fact is in its range (alert
 * -1..255, a known source and sender, an SMTP code 0 or 4xx/5xx, a
 * NUL-terminated host, a port -1 or 1..65535); parsing is deterministic; a
 * recognised explanation has alert -1..255 with the alert's own name; every
 * likely cause is a known finding; the rendered text is as long as its
 * length says. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mxtls/mxtls.h"
#include "../../src/diagnose/errtext.h"
#include "replay.h"

static void check_facts(const struct mxtls__error_facts *f)
{
    if (f->alert < -1 || f->alert > 255 || f->source < MXTLS_TEXT_UNKNOWN ||
        f->source > MXTLS_TEXT_GNUTLS || f->alert_sender < MXTLS_PEER_UNKNOWN ||
        f->alert_sender > MXTLS_PEER_CLIENT ||
        (f->smtp_code != 0 && (f->smtp_code < 400 || f->smtp_code > 599)) ||
        f->gmail_starttls_error < -1 || f->gmail_starttls_error > 999 ||
        f->port == 0 || f->port < -1 || f->port > 65535 ||
        memchr(f->host, '\0', sizeof f->host) == NULL)
        abort();
    if ((f->alert >= 0) != (f->alert_sender != MXTLS_PEER_UNKNOWN))
        abort();                           /* an alert always has a sender */
}

static void check_explanation(const mxtls_explanation *e)
{
    if (e->struct_size != sizeof *e || e->summary == NULL || e->explanation == NULL ||
        e->suggested_check == NULL || (e->n_findings && e->likely_causes == NULL))
        abort();
    if (e->recognised && (e->alert < -1 || e->alert > 255))
        abort();
    if (e->alert >= 0 ? e->alert_name != mxtls_alert_name(e->alert) : e->alert_name != NULL)
        abort();
    if (!e->recognised && (e->n_findings || e->alert != -1))
        abort();
    for (size_t i = 0; i < e->n_findings; i++) {
        const mxtls_finding *f = e->likely_causes[i];
        if (f == NULL || f->id == NULL || f->summary == NULL || f->explanation == NULL ||
            mxtls_finding_code_of(f->id) != f->code)
            abort();
    }
}

static void explain(const char *text)
{
    mxtls_explanation *e = NULL;
    mxtls_buffer *b = NULL;
    if (mxtls_explain(NULL, text, &e) != MXTLS_OK || e == NULL)
        abort();
    check_explanation(e);
    if (mxtls_explanation_text(e, &b) != MXTLS_OK || b == NULL || b->data == NULL ||
        strlen(b->data) != b->length)
        abort();
    mxtls_buffer_free(b);
    mxtls_explanation_free(e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct mxtls__error_facts first, again;
    /* A copy without a NUL for the bounded parser (a read past size is an
     * ASan finding), and a C string for the public call. */
    char *buf = malloc(size ? size : 1), *text = malloc(size + 1);
    if (buf == NULL || text == NULL) {
        free(buf);
        free(text);
        return 0;
    }
    memcpy(buf, data, size);
    memcpy(text, data, size);
    text[size] = '\0';
    mxtls__errtext_parse(buf, size, &first);
    check_facts(&first);
    mxtls__errtext_parse(buf, size, &again);
    if (memcmp(&first, &again, sizeof first) != 0)
        abort();
    explain(text);
    free(buf);
    free(text);
    return 0;
}

#ifndef MXTLS_LIBFUZZER
int main(int argc, char **argv)
{
    static const char alphabet[] = " :()[]._-\n0123456789abcdefxAELST\x00\xff";
    return mxtls_fuzz_replay(argc, argv, alphabet, sizeof alphabet - 1, 300);
}
#endif
