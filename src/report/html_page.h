/* What the HTML pages (report_html.c, summary_html.c) share: the style
 * sheet, inline in every page, so a page needs nothing but itself. */
#ifndef MXTLS_HTML_PAGE_H
#define MXTLS_HTML_PAGE_H

/* CSS for both pages: colours by state (ok, warn, bad, none) that follow
 * prefers-color-scheme, line styles that tell the states apart without
 * colour, and a print layout. */
extern const char mxtls__html_style[];

/* The light scheme's colours of the states (0 none, 1 ok, 2 warn, 3 bad),
 * written on the SVG shapes as presentation attributes too: where a
 * Content-Security-Policy drops the inline style sheet, the drawing keeps
 * its colours (the style sheet, when it applies, wins over them). */
extern const char *const mxtls__html_fill[4];
extern const char *const mxtls__html_stroke[4];

#endif
