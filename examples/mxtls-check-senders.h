/* mxtls-check --senders and --sender NAME: the sender profiles and one
 * sender's view of a checked target. */
#ifndef MXTLS_CHECK_SENDERS_H
#define MXTLS_CHECK_SENDERS_H

#include <stdio.h>

#include <mxtls/mxtls.h>

/* Print every profile with its facts and sources. Returns 0. */
int senders_list(FILE *out);

/* Print what sender s does and how its delivery to report's target would
 * end, with the finding that stops it in full. Returns 0, or -1 when the
 * report holds no prediction for s (another kind of target). */
int sender_view(FILE *out, const mxtls_report *report, const mxtls_sender *s);

/* The ids of the profiles, comma-separated, for a usage message. */
const char *senders_ids(void);

#endif
