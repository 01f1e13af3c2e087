/* Names of public enum values that have no exported name function: the
 * report's JSON schema lists the same names, and the text report and the
 * stages' detail lines use some of them. Static text; "unknown" for a value
 * this release does not know. The exported mxtls_*_name() are declared in
 * the public headers; all of them are defined in enum_names.c. */
#ifndef MXTLS_ENUM_NAMES_H
#define MXTLS_ENUM_NAMES_H

#include <stdint.h>

const char *mxtls__stage_name(int32_t stage);              /* MXTLS_STAGE_* */
const char *mxtls__resolver_health_name(int32_t health);   /* MXTLS_RESOLVER_HEALTH_* */
const char *mxtls__recursion_name(int32_t recursion);      /* MXTLS_RECURSION_* */
const char *mxtls__side_name(int32_t side);                /* MXTLS_SIDE_* */
const char *mxtls__text_source_name(int32_t source);       /* MXTLS_TEXT_* */
const char *mxtls__peer_name(int32_t peer);                /* MXTLS_PEER_* */
const char *mxtls__mode_name(int32_t mode);                /* MXTLS_MODE_* */
const char *mxtls__tls_version_name(int32_t version);      /* MXTLS_TLS_1_* */
const char *mxtls__conn_failure_name(int32_t failure);     /* MXTLS_CONN_*, MXTLS_TLS_* */
const char *mxtls__phase_name(int32_t phase);              /* MXTLS_PHASE_* */
const char *mxtls__conn_seen_name(int32_t seen);           /* MXTLS_SEEN_* */
const char *mxtls__conn_reply_error_name(int32_t error);   /* MXTLS_REPLY_* */
const char *mxtls__mtasts_mode_name(int32_t mode);         /* MXTLS_MTASTS_MODE_* */
const char *mxtls__mtasts_fetch_error_name(int32_t error); /* MXTLS_MTASTS_FETCH_* */
/* The name of bit number `bit` (0..31) of mxtls_mx_host.flags (MXTLS_MX_*). */
const char *mxtls__mx_flag_name(unsigned bit);

#endif
