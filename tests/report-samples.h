/* Hand-built mxtls_report values for the renderer tests: plain data on
 * static storage, covering a delivery failure with a cause and its symptoms,
 * a clean submission check, hostile server text, and NULL everywhere a
 * pointer may be NULL. Shared by test-report.c and report-dump.c (which
 * writes their JSON for the schema test). */
#ifndef MXTLS_TEST_REPORT_SAMPLES_H
#define MXTLS_TEST_REPORT_SAMPLES_H

#include <stddef.h>

#include <mxtls/mxtls.h>

enum {
    SAMPLE_ALERT47,     /* MX via a CDN origin name: alert 47, cause + symptoms */
    SAMPLE_SUBMISSION,  /* OK: implicit TLS, trusted chain, MTA-STS enforce */
    SAMPLE_HOSTILE,     /* control bytes, quotes, backslashes, bad UTF-8, 10 kB */
    SAMPLE_NULLS,       /* every nullable pointer NULL, empty arrays */
    SAMPLE_MARKUP,      /* a banner and a certificate subject that are markup: <script>,
                           </svg>, quotes, bidi controls (the HTML page's hostile test) */
    SAMPLE_COUNT
};

/* The sample and its name ("alert47", ...). */
const mxtls_report *sample_report(int which, const char **name);

/* The hostile strings, for assertions. */
extern const char sample_hostile_banner[];
extern const char sample_markup[]; /* in SAMPLE_MARKUP's banner and subject */
extern char sample_long_text[10 * 1024 + 1]; /* filled by sample_report() */
extern char sample_long_word[10 * 1024 + 1]; /* 10 kB without a space */

#endif
