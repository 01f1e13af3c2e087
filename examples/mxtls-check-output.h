/* mxtls-check's output conveniences (issue 18): -o FILE, --quiet, --color,
 * --format csv. Kept apart from mxtls-check.c, which decides what to print;
 * this file only decides how. */
#ifndef MXTLS_CHECK_OUTPUT_H
#define MXTLS_CHECK_OUTPUT_H

#include <stddef.h>
#include <stdio.h>

#include <mxtls/mxtls.h>

/* --color, --progress: auto (a terminal decides), always, never. */
enum output_when { OUTPUT_AUTO = 0, OUTPUT_ALWAYS, OUTPUT_NEVER };

/* "auto", "always" or "never" to *out; -1 for anything else. */
int output_parse_when(const char *arg, enum output_when *out);

/* Whether to colour what goes to fd: ALWAYS yes, NEVER no; AUTO when fd is a
 * terminal and NO_COLOR is unset or empty (https://no-color.org). */
int output_use_color(enum output_when when, int fd);

/* -o FILE: standard output goes to FILE from here on (created or
 * truncated, mode 0666 less the umask). 0, or -1 with errno set. */
int output_redirect(const char *path);

/* Write a rendered text report. quiet: the verdict line only (the first
 * line). color: the verdict word and each "Problem N of M [severity]" tag
 * in ANSI colours; only at those places the renderer itself writes, never
 * inside text that came from the network (the renderer escapes that). */
void output_text(FILE *out, const char *text, size_t len, int quiet, int color);

/* --format csv: the header row, then one row per target. Columns: target,
 * verdict (ok, warning, error, or not-checked for a check that could not
 * run), root_cause (the first root cause's summary, or the error's
 * detail), host (where it is, or empty), fix_id (the first root cause's
 * finding id, which names its fix in the catalogue and mxtls-check(1); for
 * a check that could not run, the status name). RFC 4180 quoting; control
 * bytes appear as \xNN, and a field that a spreadsheet would take for a
 * formula (=, +, -, @ first) gets a leading '. */
void output_csv_header(FILE *out);
void output_csv_report(FILE *out, const mxtls_report *report);
void output_csv_error(FILE *out, const char *target, size_t target_len, mxtls_status status,
                      const char *detail);

#endif
