/* mxtls-check's output conveniences: see mxtls-check-output.h. */
#define _POSIX_C_SOURCE 200809L
#include "mxtls-check-output.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RED "\033[1;31m"
#define YELLOW "\033[1;33m"
#define GREEN "\033[1;32m"
#define RESET "\033[0m"

int output_parse_when(const char *arg, enum output_when *out)
{
    if (strcmp(arg, "auto") == 0)
        *out = OUTPUT_AUTO;
    else if (strcmp(arg, "always") == 0)
        *out = OUTPUT_ALWAYS;
    else if (strcmp(arg, "never") == 0)
        *out = OUTPUT_NEVER;
    else
        return -1;
    return 0;
}

int output_use_color(enum output_when when, int fd)
{
    if (when != OUTPUT_AUTO)
        return when == OUTPUT_ALWAYS;
    const char *no_color = getenv("NO_COLOR");
    if (no_color != NULL && *no_color != '\0')
        return 0;
    const char *term = getenv("TERM");
    if (term != NULL && strcmp(term, "dumb") == 0)
        return 0;
    return isatty(fd);
}

int output_redirect(const char *path)
{
    return freopen(path, "w", stdout) != NULL ? 0 : -1;
}

/* The colour of a verdict or severity word, or NULL. */
static const char *color_of(const char *word, size_t len)
{
    static const struct { const char *word; const char *color; } words[] = {
        {"OK", GREEN}, {"WARNING", YELLOW}, {"ERROR", RED}, {"NOT CHECKED FULLY", YELLOW},
        {"error", RED}, {"warning", YELLOW}, {"info", GREEN},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i].word) == len && memcmp(words[i].word, word, len) == 0)
            return words[i].color;
    return NULL;
}

static void put_colored(FILE *out, const char *word, size_t len, const char *color)
{
    fputs(color, out);
    fwrite(word, 1, len, out);
    fputs(RESET, out);
}

/* The verdict line: "TARGET: VERDICT, ..." with VERDICT coloured. The
 * target is escaped by the renderer, but may itself hold ": ", so the
 * verdict is the last ": " followed by a known word. */
static void verdict_line(FILE *out, const char *line, size_t len)
{
    static const char *const verdicts[] = {"NOT CHECKED FULLY", "WARNING", "ERROR", "OK"};
    for (size_t at = len; at-- > 1;) {
        if (line[at - 1] != ':' || line[at] != ' ')
            continue;
        const char *word = line + at + 1;
        size_t rest = len - at - 1;
        for (size_t i = 0; i < sizeof verdicts / sizeof verdicts[0]; i++) {
            size_t n = strlen(verdicts[i]);
            if (rest >= n && memcmp(word, verdicts[i], n) == 0 &&
                (rest == n || word[n] == ',' || word[n] == ' ')) {
                fwrite(line, 1, (size_t)(word - line), out);
                put_colored(out, word, n, color_of(word, n));
                fwrite(word + n, 1, rest - n, out);
                return;
            }
        }
    }
    fwrite(line, 1, len, out);
}

/* "Problem 1 of 2 [error] ..." at the start of a line: the tag coloured. */
static int problem_line(FILE *out, const char *line, size_t len)
{
    if (len < 8 || memcmp(line, "Problem ", 8) != 0)
        return 0;
    const char *open = memchr(line, '[', len);
    const char *close = open ? memchr(open, ']', len - (size_t)(open - line)) : NULL;
    const char *color = close ? color_of(open + 1, (size_t)(close - open - 1)) : NULL;
    if (color == NULL)
        return 0;
    fwrite(line, 1, (size_t)(open + 1 - line), out);
    put_colored(out, open + 1, (size_t)(close - open - 1), color);
    fwrite(close, 1, len - (size_t)(close - line), out);
    return 1;
}

void output_text(FILE *out, const char *text, size_t len, int quiet, int color)
{
    for (size_t start = 0, n = 0; start < len; start += n) {
        const char *nl = memchr(text + start, '\n', len - start);
        n = nl ? (size_t)(nl - (text + start)) + 1 : len - start;
        size_t body = nl ? n - 1 : n;
        if (!color)
            fwrite(text + start, 1, body, out);
        else if (start == 0)
            verdict_line(out, text, body);
        else if (!problem_line(out, text + start, body))
            fwrite(text + start, 1, body, out);
        if (nl)
            putc('\n', out);
        if (quiet)
            return;
    }
}

/* ---- CSV ---------------------------------------------------------------- */

static void csv_field(FILE *out, const char *s, size_t n, int last)
{
    int quote = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
            quote = 1;
    if (quote)
        putc('"', out);
    if (n > 0 && strchr("=+-@", s[0]) != NULL)
        putc('\'', out);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"')
            fputs("\"\"", out);
        else if (c < 0x20 || c == 0x7f)
            fprintf(out, "\\x%02x", c);
        else
            putc(c, out);
    }
    if (quote)
        putc('"', out);
    putc(last ? '\n' : ',', out);
}

static void csv_str(FILE *out, const char *s, int last)
{
    csv_field(out, s ? s : "", s ? strlen(s) : 0, last);
}

void output_csv_header(FILE *out)
{
    fputs("target,verdict,root_cause,host,fix_id\n", out);
}

void output_csv_report(FILE *out, const mxtls_report *report)
{
    const mxtls_finding *cause =
        report->n_root_causes > 0 && report->findings ? report->findings[0] : NULL;
    csv_str(out, report->target, 0);
    int incomplete = report->verdict == MXTLS_VERDICT_OK &&
                     report->environment_verdict == MXTLS_VERDICT_ERROR;
    csv_str(out, incomplete ? "not-checked" : mxtls_verdict_name(report->verdict), 0);
    csv_str(out, cause ? cause->summary : NULL, 0);
    csv_str(out, cause ? (cause->host ? cause->host : cause->address) : NULL, 0);
    csv_str(out, cause ? cause->id : NULL, 1);
}

void output_csv_error(FILE *out, const char *target, size_t target_len, mxtls_status status,
                      const char *detail)
{
    csv_field(out, target, target_len, 0);
    csv_str(out, "not-checked", 0);
    csv_str(out, detail != NULL && *detail ? detail : mxtls_strerror(status), 0);
    csv_str(out, NULL, 0);
    csv_str(out, mxtls_status_name(status), 1);
}
