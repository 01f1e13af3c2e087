/* mxtls — find out why a mail server fails TLS negotiation, and how to fix it.
 *
 * The umbrella header: include this one. See mxtls(3) and README.md for the
 * ABI promise and the thread-safety rules; each stage has its own header, and
 * each function's comment says whether it is thread-safe.
 */
#ifndef MXTLS_MXTLS_H
#define MXTLS_MXTLS_H

#include "mxtls/version.h" /* generated: lives in the build tree */
#include "common.h"
#include "address.h"
#include "resolve.h"
#include "diagnose.h"
#include "verify.h"
#include "connect.h"
#include "starttls.h"
#include "engine.h"
#include "senders.h"

#endif /* MXTLS_MXTLS_H */
