/* Fuzz target for the SMTP client: the reply parser, the EHLO capability
 * parser, the first-bytes sniffer and the whole dialogue state machine, fed
 * the bytes any server on the Internet may send.
 *
 * With clang (smtp.c is pure: no other object is needed):
 *   clang -DMXTLS_LIBFUZZER -fsanitize=fuzzer,address,undefined -Iinclude \
 *     tests/fuzz/fuzz-smtp.c src/connect/smtp.c -o fuzz-smtp
 * Without libFuzzer (the meson test), main() replays the seeds and a bounded
 * number of deterministic mutations of them, so a crash found once stays a
 * regression test.
 *
 * Properties checked beyond "no crash": the machine only ever asks to send
 * EHLO, HELO, STARTTLS or QUIT, every output is CRLF-terminated, and feeding
 * always makes progress (no input is consumed zero bytes at a time forever). */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/connect/smtp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_output(struct mxtls__smtp *s)
{
    size_t n;
    const uint8_t *out = mxtls__smtp_output(s, &n);
    for (size_t i = 0; i < n;) {
        const char *cmd = (const char *)out + i;
        const char *end = memchr(cmd, '\n', n - i);
        if (!end || end == cmd || end[-1] != '\r' ||
            (strncmp(cmd, "EHLO ", 5) && strncmp(cmd, "HELO ", 5) &&
             strncmp(cmd, "STARTTLS\r", 9) && strncmp(cmd, "QUIT\r", 5)))
            abort();
        i += (size_t)(end - cmd) + 1;
    }
    mxtls__smtp_output_done(s, n);
}

/* The first byte picks the driver's actions; the rest is the server. */
static void dialogue(const uint8_t *data, size_t size)
{
    static struct mxtls__smtp s;
    uint8_t actions = size ? data[0] : 0;
    size_t off = size ? 1 : 0;
    if (mxtls__smtp_init(&s, "probe.example") < 0)
        abort();
    for (int step = 0; off < size && step < 100000; step++) {
        size_t used = 0;
        enum mxtls__smtp_event ev = mxtls__smtp_feed(&s, data + off, size - off, &used);
        if (used == 0 && ev == MXTLS__E_NEED_INPUT)
            abort();                 /* input left, nothing consumed, no event */
        off += used;
        check_output(&s);
        if (ev == MXTLS__E_PROTOCOL_ERROR || ev == MXTLS__E_CLOSED)
            break;
        if (ev == MXTLS__E_GREETED && (actions & 1))
            (void)mxtls__smtp_starttls(&s);
        else if (ev == MXTLS__E_STARTTLS_GO)
            (void)mxtls__smtp_tls_started(&s);
        else if ((ev == MXTLS__E_TLS_GREETED || ev == MXTLS__E_GREETED) && (actions & 2))
            (void)mxtls__smtp_quit(&s);
        check_output(&s);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct mxtls__reply_parser p;
    struct mxtls__caps caps;
    /* A copy, so a read past size lands outside the allocation. */
    uint8_t *buf = malloc(size ? size : 1);
    if (!buf)
        return 0;
    if (size)
        memcpy(buf, data, size);
    mxtls__reply_reset(&p);
    size_t used = mxtls__reply_feed(&p, buf, size);
    if (used > size || (!p.done && p.error == MXTLS__REPLY_OK && used != size))
        abort();
    mxtls__ehlo_parse(&p.reply, &caps);
    if (caps.n_auth > MXTLS__SMTP_AUTH_MAX)
        abort();
    (void)mxtls__sniff(buf, size);
    dialogue(buf, size);
    free(buf);
    return 0;
}

#ifndef MXTLS_LIBFUZZER
static const char *const seeds[] = {
    "\x01" "220 mx ESMTP\r\n250-mx\r\n250-STARTTLS\r\n250 SIZE 100\r\n220 go\r\n"
    "250-mx\r\n250 AUTH PLAIN\r\n",
    "\x03" "220 a\r\n502 no\r\n250 b\r\n221 bye\r\n",
    "\x00" "220-a\r\n220 b\r\n250-PIPELINING\r\n250-XXXXXXXA\r\n250 mx\r\n",
    "\x01" "220 a\r\n250 a\r\n454 4.7.0 TLS not available\r\n",
    "\x00" "HTTP/1.1 400 Bad Request\r\nServer: cloudflare\r\n\r\n",
    "\x02" "220 a\r\n250-a\r\n251-b\r\n250 c\r\n",
    "\x16\x03\x03\x00\x02\x02\x2f",
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
    static const char alphabet[] = "0123456789 -\r\n\x00\x01\xff" "AEHLOSTX";
    uint8_t buf[1024];
    uint32_t state = 2463534242u;
    size_t s, n, round;

    for (s = 0; s < sizeof seeds / sizeof *seeds; s++) {
        n = strlen(seeds[s] + 1) + 1;   /* the action byte may be NUL */
        LLVMFuzzerTestOneInput((const uint8_t *)seeds[s], n);
        for (round = 0; round < 1000; round++) {
            size_t edits = 1 + next(&state) % 4, e;
            memcpy(buf, seeds[s], n);
            for (e = 0; e < edits; e++) {
                size_t at = next(&state) % n;
                buf[at] = (uint8_t)alphabet[next(&state) % (sizeof alphabet - 1)];
            }
            LLVMFuzzerTestOneInput(buf, next(&state) % (n + 1));
        }
    }
    /* Bounds: a 1 MB line and 10,000 continuation lines end the reply early. */
    size_t big = 1 << 20;
    uint8_t *huge = malloc(big);
    if (!huge)
        return 1;
    memset(huge, 'x', big);
    memcpy(huge, "\x00" "220 ", 5);
    LLVMFuzzerTestOneInput(huge, big);
    for (size_t i = 1; i + 7 < big; i += 7)
        memcpy(huge + i, "250-a\r\n", 7);
    LLVMFuzzerTestOneInput(huge, big);
    free(huge);
    printf("1..1\nok 1 - replayed %zu seeds with 1000 mutations each, and the bounds\n",
           sizeof seeds / sizeof *seeds);
    return 0;
}
#endif
