/* A text pasted as the markup of a page: the HTML part of a bounce that a
 * bot or a web panel passes on, an NDR's source, a help desk's ticket.
 * Its tags, style sheets and scripts are not words of the error: read as
 * such, "<html" in the first tag made every one of them a server that
 * answers port 25 with a web page. Pure. */
#ifndef MXTLS_ERRTEXT_MARKUP_H
#define MXTLS_ERRTEXT_MARKUP_H

#include <stddef.h>

/* When text[0..len) is markup (it holds at least two tags of HTML's
 * structure: html, head, body, div, span, p, table, tr, td, font, center
 * ...), overwrite with blanks, in place, every HTML tag, comment and
 * doctype, and the content of style and script elements. The text
 * between tags (a title, a cell) stays, and nothing moves. "<user@host>",
 * "<CRLF>" and other angle brackets that are no HTML tag stay. Returns
 * how many tags were blanked; 0 when text is not markup. */
size_t mxtls__blank_markup(char *text, size_t len);

#endif
