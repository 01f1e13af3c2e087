/* mxtls-check --explain -: the pasted text read from standard input as one
 * UTF-8 C string, whatever the file it came from. Kept apart from
 * mxtls-check.c, which decides what to do with the text. */
#ifndef MXTLS_CHECK_STDIN_H
#define MXTLS_CHECK_STDIN_H

#include <stddef.h>
#include <stdio.h>

/* Read at most max UTF-8 octets of text (and one more, so that the library
 * can tell a longer text was cut) from in. Windows tools write UTF-16:
 * PowerShell's ">" and Out-File (with a byte-order mark), Notepad's
 * "Unicode"; such a file, with a mark or without one (every other octet
 * zero), is turned into UTF-8. A NUL octet left elsewhere becomes a blank,
 * so that the text does not end there unseen. A malloc'd string to free(),
 * or NULL when out of memory. */
char *stdin_read_text(FILE *in, size_t max);

/* The same over a buffer already read: n octets of data; for tests. */
char *stdin_text_from(const unsigned char *data, size_t n, size_t max);

#endif
