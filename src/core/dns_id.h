/* Matching a certificate's DNS-ID against a host name (RFC 6125 section
 * 6.4): the verify stage judges certificates with it, and the explainer
 * compares the names a pasted tool's output lists with the host it
 * connected to. Pure and bounded.
 *
 * Our own matcher rather than gnutls_x509_crt_check_hostname(): the verify
 * stage must say which name matched and list the names that would have,
 * and it must follow what senders do today: no partial wildcards
 * ("f*.example.com"), no wildcard over a public suffix-like "*.com", no
 * Common Name fallback. */
#ifndef MXTLS_DNS_ID_H
#define MXTLS_DNS_ID_H

/* Does presented DNS-ID pattern match reference name ref? '*' only as the
 * whole leftmost label with two or more labels after it, covering exactly
 * one host name label. Case-insensitive; one trailing dot is ignored on
 * ref, and makes a pattern match nothing (RFC 5280 4.2.1.6); an empty
 * label, or a '*' in ref, never matches. Names longer than 253 octets
 * match nothing. */
int mxtls__dns_id_match(const char *pattern, const char *ref);

#endif
