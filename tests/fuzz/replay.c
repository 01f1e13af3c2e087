/* See replay.h. Not linked into libFuzzer builds, which bring their own main(). */
#define _POSIX_C_SOURCE 200809L
#include "replay.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEED_MAX (1u << 20) /* a committed seed is small; bigger means a wrong file */

/* xorshift32: the same mutations on every run and every machine. */
static uint32_t next(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static uint8_t pick_byte(uint32_t *s, const char *alphabet, size_t alphabet_len)
{
    uint32_t r = next(s);
    if (alphabet_len == 0 || r % 4 == 0)
        return (uint8_t)(r >> 8);                  /* any byte, now and then */
    return (uint8_t)alphabet[(r >> 8) % alphabet_len];
}

/* One mutant of seed[0..n) into out (room for n + 8), returning its length. */
static size_t mutate(const uint8_t *seed, size_t n, uint8_t *out, uint32_t *s,
                     const char *alphabet, size_t alphabet_len)
{
    size_t len = n, edits = 1 + next(s) % 4;
    memcpy(out, seed, n);
    for (size_t e = 0; e < edits; e++) {
        size_t at = len ? next(s) % (len + 1) : 0;
        switch (next(s) % 4) {
        case 0: /* insert */
            if (len < n + 8) {
                memmove(out + at + 1, out + at, len - at);
                out[at] = pick_byte(s, alphabet, alphabet_len);
                len++;
            }
            break;
        case 1: /* delete */
            if (at < len) {
                memmove(out + at, out + at + 1, len - at - 1);
                len--;
            }
            break;
        default: /* replace */
            if (at < len)
                out[at] = pick_byte(s, alphabet, alphabet_len);
            break;
        }
    }
    return next(s) % 8 == 0 ? next(s) % (len + 1) : len;   /* sometimes truncated */
}

static uint8_t *read_seed(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = f ? malloc(SEED_MAX) : NULL;
    if (buf == NULL) {
        if (f)
            fclose(f);
        return NULL;
    }
    *n = fread(buf, 1, SEED_MAX, f);
    int bad = ferror(f) || !feof(f);
    fclose(f);
    if (bad) {
        free(buf);
        return NULL;
    }
    return buf;
}

static int replay_seed(const char *path, uint32_t *state, const char *alphabet,
                       size_t alphabet_len, size_t rounds)
{
    size_t n = 0;
    uint8_t *seed = read_seed(path, &n);
    uint8_t *mutant = seed ? malloc(n + 8) : NULL;
    if (mutant == NULL) {
        free(seed);
        return -1;
    }
    /* Exact-size copies, so a read one past the input is an ASan finding. */
    uint8_t *exact = malloc(n ? n : 1);
    if (exact == NULL) {
        free(seed);
        free(mutant);
        return -1;
    }
    memcpy(exact, seed, n);
    LLVMFuzzerTestOneInput(exact, n);
    free(exact);
    for (size_t r = 0; r < rounds; r++) {
        size_t len = mutate(seed, n, mutant, state, alphabet, alphabet_len);
        if ((exact = malloc(len ? len : 1)) == NULL)
            break;
        memcpy(exact, mutant, len);
        LLVMFuzzerTestOneInput(exact, len);
        free(exact);
    }
    free(seed);
    free(mutant);
    return 0;
}

static int not_hidden(const struct dirent *d)
{
    return d->d_name[0] != '.';
}

int mxtls_fuzz_replay(int argc, char **argv, const char *alphabet, size_t alphabet_len,
                      size_t rounds)
{
    uint32_t state = 2463534242u;
    size_t seeds = 0;
    int failed = argc < 2;
    for (int a = 1; a < argc; a++) {
        struct dirent **names = NULL;
        int n = scandir(argv[a], &names, not_hidden, alphasort);
        if (n <= 0) {
            failed = 1;
            printf("# %s: no seeds\n", argv[a]);
        }
        for (int i = 0; i < n; i++) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", argv[a], names[i]->d_name);
            if (replay_seed(path, &state, alphabet, alphabet_len, rounds) < 0) {
                failed = 1;
                printf("# %s: unreadable\n", path);
            } else {
                seeds++;
            }
            free(names[i]);
        }
        free(names);
    }
    printf("1..1\n%s 1 - replayed %zu seeds with %zu mutations each\n",
           failed ? "not ok" : "ok", seeds, rounds);
    return failed;
}
