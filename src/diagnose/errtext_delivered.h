/* A mail log pasted whole holds more than the failure: the deliveries that
 * worked around it. A Postfix "status=sent" line and the "Trusted TLS
 * connection established to gmail-smtp-in..." line of the same relay say
 * that TLS to Gmail works; read as part of the failure, they made a
 * certificate failure towards another domain look like the sender's own
 * CA store (a big provider's certificate failing). This blanks the lines
 * of deliveries that the log itself shows succeeded. Pure. */
#ifndef MXTLS_ERRTEXT_DELIVERED_H
#define MXTLS_ERRTEXT_DELIVERED_H

#include <stddef.h>

/* Overwrite with blanks, in place, the lines of text[0..len) that report
 * a delivery made: Postfix's "status=sent (", Sendmail's "stat=Sent (",
 * Exim's "=>" or "->" line with C="250; and a Postfix "... TLS connection
 * established to HOST[ADDR]:PORT" line when a "status=sent" line names
 * the same "relay=HOST[ADDR]:PORT". Line ends stay and nothing moves
 * (errtext_headers.h's line ends). Returns how many lines were blanked. */
size_t mxtls__blank_delivered_lines(char *text, size_t len);

#endif
