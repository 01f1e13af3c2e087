/* Fuzz target for the DNS messages libunbound's event API hands over
 * (src/resolve/dns_answer.c): every answer the resolve stage reads passes
 * through it, and every byte of it came from the network.
 *
 * Input: byte 0 picks the callback's arguments (bits 0-1: sec 0 insecure,
 * 1 bogus, 2 secure; bit 2: a nonzero rcode instead of a message; bit 3: a
 * why_bogus text); the rest is the message.
 *
 * Built two ways by tests/fuzz/meson.build (see fuzz-errtext.c); the replay
 * test is fuzz-answer-replay over tests/fuzz/corpus/answer.
 *
 * Properties beyond "no crash, no leak, no read past the message": the
 * records are counted by a NULL and capped; every length is that of its
 * data; havedata says whether there is any; canonname is printable ASCII
 * ending in a dot; an error or a message that does not parse has no data
 * and no word on DNSSEC; secure and bogus never both. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unbound.h>

#include "../../src/resolve/dns_answer.h"
#include "replay.h"

static void check_result(const struct ub_result *r, int error)
{
    int n = 0;
    while (r->data[n] != NULL) {
        if (r->len[n] < 0 || r->len[n] > 65535 + 2 * 255)
            abort();
        n++;
        if (n > MXTLS__ANSWER_MAX_RECORDS)
            abort();
    }
    if (r->len[n] != 0 || r->havedata != (n > 0) || (r->secure && r->bogus) ||
        r->rcode < 0 || r->rcode > 15 || r->nxdomain != (r->rcode == 3))
        abort();
    if (error && (n > 0 || r->secure || r->bogus))
        abort();
    if (r->canonname != NULL) {
        size_t l = strlen(r->canonname);
        if (l == 0 || l > 255 || r->canonname[l - 1] != '.')
            abort();
        for (size_t i = 0; i < l; i++)
            if (r->canonname[i] < 0x21 || r->canonname[i] > 0x7e)
                abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned bits = data[0];
    int sec = (int)(bits & 3) == 3 ? 0 : (int)(bits & 3);
    int rcode = (bits & 4) ? 2 : 0;
    /* A copy of exactly the message, so that ASan sees a read past it. */
    size_t len = size - 1;
    uint8_t *msg = malloc(len ? len : 1);
    if (msg == NULL)
        return 0;
    memcpy(msg, data + 1, len);
    struct ub_result *r = NULL;
    if (mxtls__answer_new(rcode ? NULL : msg, len, rcode, sec,
                          (bits & 8) ? "validation failure <x>" : NULL, &r) == 0) {
        int parsed = !rcode && r->rcode == (len >= 4 ? (msg[3] & 0x0f) : -1);
        check_result(r, rcode != 0 || (!parsed && r->rcode == 2 && r->data[0] == NULL));
        mxtls__answer_free(r);
    }
    free(msg);
    return 0;
}

#ifndef MXTLS_LIBFUZZER
int main(int argc, char **argv)
{
    static const char alphabet[] = "\x00\x01\x05\x0f\x10\x1c\x2e\x34\xc0\x0c\x3f\xff";
    return mxtls_fuzz_replay(argc, argv, alphabet, sizeof alphabet - 1, 400);
}
#endif
