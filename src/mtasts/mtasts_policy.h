/* MTA-STS (RFC 8461) policy file parser and mx matching (the _mta-sts TXT
 * record is parsed by records.c, shared with the resolve stage). Pure functions over bounded buffers, no I/O, so they can be fuzzed
 * alone. Internal to libmxtls. */
#ifndef MXTLS_MTASTS_POLICY_H
#define MXTLS_MTASTS_POLICY_H

#include <stddef.h>
#include <stdint.h>

/* RFC 8461 section 3.3: a policy body is at most 64 KiB. */
#define MXTLS__STS_MAX_BODY 65535u
/* No real policy lists this many MX patterns; a cap keeps the result small. */
#define MXTLS__STS_MAX_MX 1000u
/* How much of an offending line is kept to show in a finding. */
#define MXTLS__STS_MAX_LINE_TEXT 120u
/* RFC 8461 section 3.2: max_age is at most 31557600 seconds (one year). */
#define MXTLS__STS_MAX_AGE 31557600

enum {
    MXTLS__STS_PARSE_OK = 0,
    MXTLS__STS_PARSE_INVALID = 1,
    MXTLS__STS_PARSE_NOMEM = 2
};

typedef struct mxtls__sts_policy {
    int32_t mode;      /* MXTLS_MTASTS_MODE_*; 0 when absent */
    int64_t max_age;   /* seconds; -1 when absent */
    size_t n_mx;
    char **mx;         /* owned, lowercased patterns (mxtls__malloc) */
    int32_t bad_line;  /* 1-based line of the first error; 0 if none or not a line */
    char bad_text[MXTLS__STS_MAX_LINE_TEXT + 1]; /* printable copy of it */
    const char *reason;                          /* static text; NULL when valid */
} mxtls__sts_policy;

/* Parse a policy body of len bytes (need not be NUL-terminated). Fills *out,
 * which the caller releases with mxtls__sts_policy_clear() whatever the
 * return value. */
int mxtls__sts_policy_parse(const char *buf, size_t len, mxtls__sts_policy *out);
void mxtls__sts_policy_clear(mxtls__sts_policy *p);

/* 1 when host matches one policy mx pattern: exact, or "*.rest" with exactly
 * one extra non-empty label. Case-insensitive; one trailing dot on host is
 * ignored. 0 otherwise (including NULL or oversized inputs). */
int mxtls__sts_mx_match(const char *pattern, const char *host);


#endif
