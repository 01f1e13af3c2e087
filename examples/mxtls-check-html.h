/* mxtls-check --html FILE: the report as an HTML page (mxtls_report_html),
 * and with --batch the summary page (mxtls_summary_html) with one page per
 * target beside it. Kept apart from mxtls-check.c and the batch loop,
 * which only call these. */
#ifndef MXTLS_CHECK_HTML_H
#define MXTLS_CHECK_HTML_H

#include <mxtls/mxtls.h>

/* Write report's HTML page to path. 0, or -1 with the reason on stderr. */
int html_write_report(const char *path, const mxtls_report *report);

/* A batch's pages: the summary at path, the targets' own pages in the
 * folder beside it (path without ".html", plus "-targets/"), N.html for
 * the N-th target finished. NULL with the reason on stderr. */
struct html_batch *html_batch_open(const char *path);

/* Add one finished target (report NULL: its check could not run) and
 * write its page. 0, or -1 with the reason on stderr. */
int html_batch_add(struct html_batch *hb, const char *target, const mxtls_report *report);

/* Write the summary and free hb (NULL: nothing). 0, or -1 with the reason
 * on stderr. */
int html_batch_close(struct html_batch *hb);

#endif
