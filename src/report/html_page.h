/* What the HTML pages (report_html.c, summary_html.c) share: the style
 * sheet, inline in every page, so a page needs nothing but itself. */
#ifndef MXTLS_HTML_PAGE_H
#define MXTLS_HTML_PAGE_H

/* CSS for both pages: colours by state (ok, warn, bad, none) that follow
 * prefers-color-scheme, line styles that tell the states apart without
 * colour, and a print layout. */
extern const char mxtls__html_style[];

#endif
