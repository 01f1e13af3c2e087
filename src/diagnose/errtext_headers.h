/* A pasted error text often comes with the mail around it: a whole bounce
 * as "show original" gives it, an Exchange NDR with its "Original message
 * headers", a forwarded DSN. The header fields that every message carries
 * (Received, DKIM-Signature, ARC-*, Authentication-Results, Content-Type,
 * Message-ID, the X- fields of Google, Microsoft and filters) tell what
 * went right on the way, not what failed: Postfix's Received line says
 * "(No client certificate requested)" and names the cipher of every hop
 * that worked. Read as the error, they outvote it. This blanks them out
 * before the text is read. Pure. */
#ifndef MXTLS_ERRTEXT_HEADERS_H
#define MXTLS_ERRTEXT_HEADERS_H

#include <stddef.h>

/* Overwrite with blanks, in place, every header field of text[0..len)
 * whose name is one of those above, name and body, with its continuation
 * lines. A field starts a line (after any ">" quote marks); a line ends
 * at CR, LF or the two characters "\n" of an escaped string. Line ends
 * and quote marks are kept and nothing moves, so offsets into text stay
 * valid. Returns how many fields were blanked. */
size_t mxtls__blank_routine_header_fields(char *text, size_t len);

/* Length of the line end at s, below end: CR, LF, CRLF, or an escaped
 * string's "\n" or "\r\n"; 0 when none starts at s. */
size_t mxtls__line_end_at(const char *s, const char *end);

#endif
