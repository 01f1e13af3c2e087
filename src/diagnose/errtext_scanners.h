/* A receiving server's log holds its visits from internet scanners
 * (Censys, Shodan, Shadowserver and the like). They offer old protocol
 * versions, odd cipher suites and plain text on purpose, and quit right
 * after STARTTLS: Postfix's "SSL_accept error ... no shared cipher" and
 * "starttls=1 quit=1" from a scanner say nothing about the server or its
 * senders, yet read as part of a pasted log they looked like its TLS
 * failing. This blanks the records of such visits. Pure. */
#ifndef MXTLS_ERRTEXT_SCANNERS_H
#define MXTLS_ERRTEXT_SCANNERS_H

#include <stddef.h>

/* Overwrite with blanks, in place, the records of text[0..len) that name
 * a known scanner's host (a name under censys-scanner.com, shodan.io,
 * shadowserver.org and the other research scanners), and the later
 * records of the same process ("smtpd[51302]:") until that process logs a
 * new connection from someone else. A record runs from a time of day or a
 * syslog process tag to the next, whatever the line ends between: it is
 * meant for the normal form (errtext_norm.h), where a mail client's
 * wrapping has left no trace. Line ends stay and nothing moves. *scanner
 * is set to the scanner's domain as mxtls spells it (a constant, never the
 * text's own words), or NULL when nothing was blanked. Returns how many
 * records were blanked. */
size_t mxtls__blank_scanner_visits(char *text, size_t len, const char **scanner);

#endif
