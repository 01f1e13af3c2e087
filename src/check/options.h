/* The per-check options (mxtls_check_options, opaque to callers): plain
 * data that mxtls_check_with(), the diagnosis and the engine read. */
#ifndef MXTLS_OPTIONS_H
#define MXTLS_OPTIONS_H

#include <stdint.h>

#include "mxtls/diagnose.h"

struct mxtls_check_options {
    int32_t port;          /* 0: the profile's ports */
    int32_t implicit_tls;  /* -1 unset, 0 STARTTLS, 1 implicit TLS */
    char *sni;             /* NULL: the host's name */
    int32_t family;        /* 0, 4 or 6 */
    mxtls_progress_fn progress;
    void *progress_user;
    int32_t probes_at_once; /* 0: the default; 1: one probe after the other */
};

#endif
