/* A verify result's memory, shared by the files of the verify stage. */
#ifndef MXTLS_VERIFY_RESULT_H
#define MXTLS_VERIFY_RESULT_H

#include "mxtls/verify.h"

/* Free one certificate's facts; NULL is a no-op. */
void mxtls__cert_info_free(mxtls_cert_info *ci);

/* A deep copy of res, freed with mxtls_verify_result_free(); NULL when out
 * of memory. */
mxtls_verify_result *mxtls__verify_result_copy(const mxtls_verify_result *res);

/* Copy the PKIX half of src into dst: flags, gnutls_status, gnutls_error,
 * time_invalid_cert, missing_issuer and the certificates. dst's own
 * missing_issuer and certs must be NULL. 0, or -1 when memory ran out
 * (what was copied stays in dst, freed with it). */
int mxtls__verify_copy_pkix(mxtls_verify_result *dst, const mxtls_verify_result *src);

#endif
