/* Fuzz target for the MTA-STS, certificate-name and address parsers: untrusted bytes
 * from any web server with a certificate for mta-sts.<domain>, and from DNS.
 *
 * With clang (the parsers instrumented, the rest from the internal build):
 *   clang -DMXTLS_LIBFUZZER -fsanitize=fuzzer,address,undefined -Iinclude
 *     -Ibuild/include tests/fuzz/fuzz-mtasts.c src/mtasts/mtasts_policy.c src/core/dns_id.c
 *     src/resolve/records.c src/core/inet.c build/src/libmxtls-internal.a
 *     $(pkg-config --libs gnutls libunbound libidn2 libcurl)
 * Without libFuzzer (the meson test), main() below replays the seeds and a
 * bounded number of deterministic mutations of them, so a crash found once
 * stays a regression test. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/dns_id.h"
#include "../../src/core/inet.h"
#include "../../src/mtasts/mtasts_policy.h"
#include "../../src/resolve/records.h"
#include "../../src/verify/verify_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input is copied so a read past size lands outside the allocation. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = malloc(size ? size : 1), name[256], ref[256];
    mxtls__sts_txt txt;
    mxtls__sts_policy p;
    size_t i, k, half = size / 2;
    uint8_t ip[16];

    if (buf == NULL)
        return 0;
    if (size)
        memcpy(buf, data, size);
    /* a verdict with its reason, and a printable quote of the line */
    int rc = mxtls__sts_policy_parse(buf, size, &p);
    if ((rc == MXTLS__STS_PARSE_OK) != (p.reason == NULL) ||
        (rc == MXTLS__STS_PARSE_OK && (p.mode == 0 || p.max_age < 0)) ||
        strnlen(p.bad_text, sizeof p.bad_text) == sizeof p.bad_text)
        abort();
    for (i = 0; p.bad_text[i]; i++)
        if (p.bad_text[i] < 0x20 || p.bad_text[i] > 0x7e)
            abort();
    for (i = 0; i < p.n_mx; i++)
        (void)mxtls__sts_mx_match(p.mx[i], "mail.example.com");
    mxtls__sts_policy_clear(&p);
    (void)mxtls__sts_txt_parse(buf, size, &txt);
    /* Split the input into a presented name and a reference name. */
    k = half < sizeof name - 1 ? half : sizeof name - 1;
    memcpy(name, buf, k);
    name[k] = '\0';
    k = size - half < sizeof ref - 1 ? size - half : sizeof ref - 1;
    memcpy(ref, buf + half, k);
    ref[k] = '\0';
    (void)mxtls__dns_id_match(name, ref);
    (void)mxtls__sts_mx_match(name, ref);
    (void)mxtls__inet_parse(ref, MXTLS__INET_BRACKETS, ip);
    free(buf);
    return 0;
}

#ifndef MXTLS_LIBFUZZER
static const char seed_policy[] =
    "version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\n"
    "max_age: 604800\r\n";
static const char *const seeds[] = {
    seed_policy,
    "version: STSv1\nmode: testing\nmx: a.b\nmax_age: 0\nx-ext: v a l\n\n",
    "v=STSv1; id=20260101T000000;",
    /* the grammar's case-sensitive literals and duplicated fields */
    "version: STSv1\nMODE: none\nmode: enforce\nmx: a.b\nmax_age: 1\nmode: x\n",
    "version: STSv1\nmode: Enforce\nMx: a.b\nmax_age: 1\nmax_age: y\n\n",
    "v=STSv1 ; id=a; id=b; e.x-t_1=v;;",
    "v=TLSRPTv1; rua=mailto:a@b%21c , https://r.example/x!; RUA=x",
    "*.example.commail.example.com",
    "[2001:db8::1]192.0.2.1",
};

/* xorshift: the same mutations on every run. */
static uint32_t next(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

int main(void)
{
    static const char alphabet[] = ":.*\r\n\t -=;v0aZ\x00\xff";
    uint8_t buf[512];
    uint32_t state = 2463534242u;
    size_t s, n, round;

    for (s = 0; s < sizeof seeds / sizeof *seeds; s++) {
        n = strlen(seeds[s]);
        LLVMFuzzerTestOneInput((const uint8_t *)seeds[s], n);
        for (round = 0; round < 400; round++) {
            size_t edits = 1 + next(&state) % 4, e;
            memcpy(buf, seeds[s], n);
            for (e = 0; e < edits; e++) {
                size_t at = next(&state) % n;
                buf[at] = (uint8_t)alphabet[next(&state) % (sizeof alphabet - 1)];
            }
            LLVMFuzzerTestOneInput(buf, next(&state) % (n + 1));
        }
    }
    printf("1..1\nok 1 - replayed %zu seeds with 400 mutations each\n",
           sizeof seeds / sizeof *seeds);
    return 0;
}
#endif
