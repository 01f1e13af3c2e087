/* Digests of a verify input: the keys under which verify_memo.c (within a
 * check) and verify_facts.c (across checks) remember results. */
#ifndef MXTLS_VERIFY_DIGEST_H
#define MXTLS_VERIFY_DIGEST_H

#include <stdint.h>

#include "verify_int.h"

/* A SHA-256 digest of in's chain as sent and of the intermediates pooled
 * from the host's other probes, each field with its length first so that
 * no two inputs feed the same bytes: what the PKIX half of a verdict
 * depends on. 0 with key set, -1 when GnuTLS could not hash (then nothing
 * is remembered or recalled). */
int mxtls__verify_chain_key(const mxtls_verify_input *in, uint8_t key[32]);

/* The same of everything in holds, in key, and its chain key on the way
 * (in chain_key, for mxtls__verify_run_keyed()): the certificates are
 * hashed once, and the input key takes their digest. */
int mxtls__verify_input_key(const mxtls_verify_input *in, uint8_t chain_key[32],
                            uint8_t key[32]);

#endif
