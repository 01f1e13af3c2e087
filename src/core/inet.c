/* Address literals: see inet.h. */
#define _POSIX_C_SOURCE 200809L
#include "inet.h"

#include <arpa/inet.h>
#include <string.h>

/* No address text comes near this (INET6_ADDRSTRLEN is 46): longer text
 * between brackets is refused without a copy. */
#define BRACKETED_MAX 64

static int parse_bare(const char *text, uint8_t *bytes)
{
    if (inet_pton(AF_INET, text, bytes) == 1)
        return 4;
    if (inet_pton(AF_INET6, text, bytes) == 1)
        return 6;
    return 0;
}

/* "[...]": the inside of one pair of brackets, copied to be terminated. */
static int parse_bracketed(const char *text, uint8_t *bytes)
{
    char inner[BRACKETED_MAX];
    size_t n = strnlen(text, sizeof inner + 2);
    if (n < 3 || n - 2 >= sizeof inner || text[n - 1] != ']')
        return 0;
    memcpy(inner, text + 1, n - 2);
    inner[n - 2] = '\0';
    return parse_bare(inner, bytes);
}

int mxtls__inet_parse(const char *text, int flags, uint8_t bytes[16])
{
    uint8_t scratch[16]; /* for callers that only ask "is it an address?" */
    uint8_t *out = bytes ? bytes : scratch;
    memset(out, 0, 16);
    if (text == NULL)
        return 0;
    if ((flags & MXTLS__INET_BRACKETS) && text[0] == '[')
        return parse_bracketed(text, out);
    return parse_bare(text, out);
}

size_t mxtls__inet_len(int family)
{
    return family == 4 ? 4 : family == 6 ? 16 : 0;
}
