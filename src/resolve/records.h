/* Pure parsers for DNS record data the resolve stage reads.
 *
 * Every function here reads untrusted bytes from a bounded buffer, writes
 * into a caller-provided bounded buffer, allocates nothing and has no side
 * effects, so each can be fuzzed alone. They return 0 on success and -1 when
 * the input is malformed or does not fit.
 */
#ifndef MXTLS_RECORDS_H
#define MXTLS_RECORDS_H

#include <stddef.h>
#include <stdint.h>

/* A presentation-format name is at most 255 wire octets, but escaping a
 * byte as \DDD quadruples it; this covers the worst case plus NUL. */
#define MXTLS__NAME_TEXT_MAX (255 * 4 + 1)

/* Flags describing a name's labels, found while converting it. */
enum {
    MXTLS__NAME_NON_LDH = 1u << 0,  /* a byte outside [A-Za-z0-9-] */
    MXTLS__NAME_ROOT = 1u << 1      /* the root name "." */
};

/* Convert an uncompressed wire-format name at p[0..len) to lower-case
 * presentation form without the trailing dot ("." for the root). Bytes
 * outside [a-z0-9-_] are written as \DDD so the text is always printable
 * ASCII. *used gets the octets consumed, *flags MXTLS__NAME_* bits. */
int mxtls__wire_name_to_text(const uint8_t *p, size_t len, char *out, size_t cap,
                             size_t *used, uint32_t *flags);

/* MX rdata: 16-bit preference, then the exchange name. */
int mxtls__mx_parse(const uint8_t *rdata, size_t len, uint16_t *pref, char *name,
                    size_t cap, uint32_t *flags);

/* TLSA rdata: usage, selector, matching type, association data. *data
 * points into rdata. */
typedef struct mxtls__tlsa_fields {
    uint8_t usage;
    uint8_t selector;
    uint8_t matching_type;
    const uint8_t *data;
    size_t data_len;
} mxtls__tlsa_fields;

int mxtls__tlsa_parse(const uint8_t *rdata, size_t len, mxtls__tlsa_fields *out);

/* A TXT RR's character-strings joined into one text, as RFC 8461 and 8460
 * say to read them. Bytes outside printable ASCII, and '\\', are escaped as
 * \DDD so the result is safe to print; *raw_len gets the unescaped length.
 * Fails when a string runs past the rdata or the text does not fit. */
int mxtls__txt_join(const uint8_t *rdata, size_t len, char *out, size_t cap,
                    size_t *raw_len);

/* RFC 8461 section 3.1 `_mta-sts` TXT record. */
#define MXTLS__STS_ID_MAX 32
/* How much of the field that broke a record is kept to quote in a finding. */
#define MXTLS__TXT_BAD_MAX 64
typedef struct mxtls__sts_txt {
    int32_t is_sts;    /* begins "v=STSv1;" (WSP allowed before the ';'):
                          counts toward "more than one" */
    int32_t lookalike; /* begins "v=STSv1" but not so: discarded by senders */
    int32_t valid;     /* is_sts and follows the grammar, with an id */
    char id[MXTLS__STS_ID_MAX + 1];
    char bad[MXTLS__TXT_BAD_MAX + 1]; /* the field that broke it, printable; "" */
    const char *why;   /* static text on what broke it, or NULL */
} mxtls__sts_txt;

int mxtls__sts_txt_parse(const char *txt, size_t len, mxtls__sts_txt *out);

/* The TXT records at one `_mta-sts` name, judged as senders do: returns how
 * many are STSv1 records (more than one means no policy), with the first one
 * parsed into *first (zeroed when there is none). */
int mxtls__sts_txt_judge(const char *const *txt, size_t n, mxtls__sts_txt *first);

/* RFC 8460 section 3 `_smtp._tls` TXT record. rua URIs are returned as
 * offsets into txt; at most max_rua are kept, *n_rua_seen counts them all. */
typedef struct mxtls__span {
    size_t off;
    size_t len;
} mxtls__span;

typedef struct mxtls__tlsrpt_txt {
    int32_t is_tlsrpt;  /* begins "v=TLSRPTv1;" (WSP allowed before the ';') */
    int32_t lookalike;  /* begins "v=TLSRPTv1" but not so: discarded */
    int32_t valid;      /* is_tlsrpt, follows the grammar, every rua URI a
                           mailto: or https: URI */
    size_t n_rua;       /* 0 unless valid: a broken record reports no URI */
    size_t n_rua_seen;
    char bad[MXTLS__TXT_BAD_MAX + 1]; /* the field that broke it, printable; "" */
    const char *why;    /* static text on what broke it, or NULL */
} mxtls__tlsrpt_txt;

int mxtls__tlsrpt_txt_parse(const char *txt, size_t len, mxtls__span *rua,
                            size_t max_rua, mxtls__tlsrpt_txt *out);

/* As mxtls__sts_txt_judge(), for the TXT records at `_smtp._tls`. */
int mxtls__tlsrpt_txt_judge(const char *const *txt, size_t n, mxtls__tlsrpt_txt *first);

/* Lower-case hex of data into out (cap >= 2*len+1). */
int mxtls__hex(const uint8_t *data, size_t len, char *out, size_t cap);

#endif
