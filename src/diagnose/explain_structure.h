/* What the structure of a pasted text shows, beyond its phrases: a
 * certificate listing whose subject is its issuer, a Postfix session that
 * quit right after STARTTLS, a program's URL whose TLS mode the port does
 * not speak, a greeting from another host than the one connected to. Each
 * adds support to explain_match.h's scores. Pure. */
#ifndef MXTLS_EXPLAIN_STRUCTURE_H
#define MXTLS_EXPLAIN_STRUCTURE_H

#include "explain_match.h"

/* hay: the text's normal form in ASCII lower case. */
void mxtls__explain_structure(const char *hay, struct mxtls__explain_scores *s);

#endif
