/* The replay driver shared by the fuzz targets when they are built without
 * libFuzzer (the meson tests): every file of the committed seed corpus, and a
 * fixed number of deterministic mutations of each, goes through the target's
 * LLVMFuzzerTestOneInput, so a finding whose input was committed stays a
 * regression test, and one that the mutations reach is caught without clang. */
#ifndef MXTLS_FUZZ_REPLAY_H
#define MXTLS_FUZZ_REPLAY_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Replay the files of each directory in argv[1..] (sorted by name, so every
 * run is the same) and `rounds` mutations of each, which replace, insert or
 * delete bytes, drawing replacements from alphabet (len octets, NULs allowed)
 * or any byte value. Prints TAP; returns 0, or 1 when a directory is missing
 * or holds no seed (an empty corpus would test nothing). */
int mxtls_fuzz_replay(int argc, char **argv, const char *alphabet, size_t alphabet_len,
                      size_t rounds);

#endif
