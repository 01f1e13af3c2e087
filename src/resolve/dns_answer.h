/* An answer as libunbound's event API gives it (a DNS message in wire
 * form, with its validation status) turned into the struct ub_result that
 * the rest of the resolve stage reads, as libunbound's own ub_resolve_async
 * builds it (libworker.c: libworker_enter_result, fill_res): the RRset of
 * the query's type at the end of the CNAME chain, each RDATA without its
 * length and with the names in it uncompressed, the chain's final name as
 * canonname, and the message's rcode.
 *
 * Pure: no I/O. The message comes from libunbound, but every byte of it
 * came from the network, so it is parsed as hostile: every read is bounded
 * by the message, compression pointers only go backwards and a chain of
 * them is capped, and so are the CNAME hops and the records kept. */
#ifndef MXTLS_DNS_ANSWER_H
#define MXTLS_DNS_ANSWER_H

#include <stddef.h>
#include <stdint.h>

struct ub_result;

/* At most this many records of the answer RRset are kept (the rest are
 * dropped, as a cap the callers already meet: 1,024 MX records read). */
#define MXTLS__ANSWER_MAX_RECORDS 4096

/* The result for one callback of ub_resolve_event(): rcode is the
 * callback's (nonzero: no message to read), sec its 0 insecure, 1 bogus,
 * 2 secure, why_bogus its reason or NULL. A message that does not parse
 * gives rcode SERVFAIL and no data, as libunbound's own does. *out is
 * freed with mxtls__answer_free(). Returns 0, or -1 out of memory. */
int mxtls__answer_new(const uint8_t *msg, size_t len, int rcode, int sec,
                      const char *why_bogus, struct ub_result **out);

/* Free a result from mxtls__answer_new() (NULL is a no-op). */
void mxtls__answer_free(struct ub_result *r);

#endif
