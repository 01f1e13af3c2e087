/* One DNS question over UDP (or TCP) to one server, outside libunbound: to learn
 * what libunbound hides about the resolver it forwards to (whether that
 * resolver sets the AD bit, whether it returns RRSIGs), and whether a root
 * server answers from this network at all. The message is built and the
 * reply read here, bounded: a reply is hostile input and only its header
 * and record types are read. The wait goes through the wait seam, so it
 * cooperates with the batch engine. */
#ifndef MXTLS_DNS_PROBE_H
#define MXTLS_DNS_PROBE_H

#include <stddef.h>
#include <stdint.h>

struct mxtls__dns_reply {
    int rcode;    /* -1: no reply */
    int aa, ad, tc, ra;
    int answers;  /* ANCOUNT as sent */
    int rrsigs;   /* RRSIG records read in the answer section */
};

/* The query for qname/qtype (IN) with EDNS0 (DO set, 1232 octets) and the
 * AD bit, RD when rd, id as given, into out. Its length, or 0 when qname
 * is no name or out is too small (300 octets suffice). Pure. */
size_t mxtls__dns_query_build(uint8_t *out, size_t size, uint16_t id, const char *qname,
                              uint16_t qtype, int rd);

/* Read msg as the reply to query: 0 with *out filled, or -1 when it is not
 * a reply to it (another id, no QR bit, another question) or too short.
 * Pure; reads nothing outside msg[0..len). */
int mxtls__dns_reply_parse(const uint8_t *msg, size_t len, const uint8_t *query, size_t qlen,
                           struct mxtls__dns_reply *out);

/* Ask server ("ADDR" or "ADDR@PORT") once, over UDP, or over TCP when tcp
 * is set (the context's MXTLS_DNS_TRANSPORT_TCP), and wait for its reply
 * until deadline (mxtls__now_ms() time). 0 with *out, or -1 when no reply
 * came (out->rcode is then -1). The caller checks the address policy. */
int mxtls__dns_ask(const char *server, const char *qname, uint16_t qtype, int rd, int tcp,
                   int64_t deadline, struct mxtls__dns_reply *out);

#endif
