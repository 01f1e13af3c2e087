/* What the text around a cause's words changes, where a phrase alone
 * cannot say (explain_rules.h has the phrases): "Network is unreachable"
 * towards an IPv6 address is a missing route, not an outbound block;
 * Sendmail's verify=FAIL beside a delivery refused for another reason is
 * not the failure; .NET's "requires a secure connection or the client was
 * not authenticated" whose quoted reply is about the login is a refused
 * login. Pure. */
#ifndef MXTLS_EXPLAIN_CONTEXT_H
#define MXTLS_EXPLAIN_CONTEXT_H

#include <mxtls/diagnose.h>

#include "errtext.h"
#include "explain_match.h"

/* Whether t contains one of words (a NULL-terminated list; NULL: none),
 * in any case. */
int mxtls__contains_any(const char *t, const char *const *words);

/* Adjust s for text (the normal form) and the addresses e found in it:
 * drop the causes the context above rules out. Sets f->unverified_aside
 * when Sendmail's verify=FAIL was set aside. */
void mxtls__explain_context(const char *text, const mxtls_explanation *e,
                            struct mxtls__error_facts *f, struct mxtls__explain_scores *s);

#endif
