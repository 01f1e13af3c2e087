/* mxtls-check --batch: see mxtls-check-batch.h and doc/mxtls-check.1.
 *
 * One loop on one thread: read target lines as the engine has room for
 * them (at most twice the concurrency added and not yet written out, so a
 * list of millions of lines takes no more memory than one of a hundred),
 * poll the engine's descriptors together with the input's, and write each
 * finished check as one JSON line. The input is read only when poll() says
 * it is readable, so a slow producer on a pipe never stalls the checks in
 * flight past their deadlines. */
#define _POSIX_C_SOURCE 200809L
#include "mxtls-check-batch.h"
#include "mxtls-check-output.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PROG "mxtls-check"
#define LINE_LIMIT 1024          /* longer lines are refused, not cut */
#define READ_CHUNK 65536
#define SHOWN_OF_LONG_LINE 64    /* bytes of a refused long line named in its error */
/* stdio, the input, headroom, and what libunbound may hold */
#define FDS_RESERVED (64 + MXTLS_ENGINE_RESOLVER_FDS)
#define PROGRESS_INTERVAL_MS 100 /* at most 10 updates a second */

/* ------------------------------------------------------------------------
 * Arguments
 * ------------------------------------------------------------------------ */

static int parse_u64(const char *s, const char *end, uint64_t *out)
{
    uint64_t v = 0;
    if (s == end)
        return -1;
    for (; s < end; s++) {
        if (*s < '0' || *s > '9' || v > (UINT64_MAX - 9) / 10)
            return -1;
        v = v * 10 + (uint64_t)(*s - '0');
    }
    *out = v;
    return 0;
}

int batch_parse_concurrency(const char *arg, int32_t *out)
{
    uint64_t v;
    if (parse_u64(arg, arg + strlen(arg), &v) != 0 || v < 1 || v > BATCH_CONCURRENCY_MAX)
        return -1;
    *out = (int32_t)v;
    return 0;
}

int batch_parse_shard(const char *arg, uint64_t *k, uint64_t *n)
{
    const char *slash = strchr(arg, '/');
    if (slash == NULL || parse_u64(arg, slash, k) != 0 ||
        parse_u64(slash + 1, slash + strlen(slash), n) != 0)
        return -1;
    if (*n < 1 || *n > UINT64_C(4294967296) || *k < 1 || *k > *n)
        return -1;
    return 0;
}

uint64_t batch_shard_of(const char *target, size_t len, uint64_t n)
{
    if (len > 0 && target[len - 1] == '.')
        len--;
    uint64_t h = UINT64_C(14695981039346656037); /* FNV-1a 64 offset basis */
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)target[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        h ^= c;
        h *= UINT64_C(1099511628211); /* FNV 64 prime */
    }
    return h % n + 1;
}

/* ------------------------------------------------------------------------
 * Reading lines without ever holding more than one (capped) line
 * ------------------------------------------------------------------------ */

struct reader {
    int fd;
    int eof;                    /* read() returned 0 */
    int error;                  /* errno of a failed read(), else 0 */
    char buf[READ_CHUNK];
    size_t pos, end;            /* unread bytes are buf[pos..end) */
    char line[LINE_LIMIT + 2];  /* the line so far, cut at LINE_LIMIT + 1 bytes */
    size_t len;                 /* bytes kept in line */
    int too_long;               /* the line has more than LINE_LIMIT bytes */
    int started;                /* some byte of the current line was read */
};

enum { LINE_READY = 1, LINE_NEED_INPUT = 0, LINE_END = -1 };

/* Take the next line from what was read: LINE_READY (line[0..len), with
 * too_long telling whether it was cut), LINE_NEED_INPUT, or LINE_END. */
static int reader_next(struct reader *r)
{
    if (r->started == 0) {
        r->len = 0;
        r->too_long = 0;
    }
    while (r->pos < r->end) {
        char c = r->buf[r->pos++];
        if (c == '\n') {
            r->started = 0;
            r->line[r->len] = '\0';
            return LINE_READY;
        }
        r->started = 1;
        if (r->len <= LINE_LIMIT)
            r->line[r->len++] = c;
        else
            r->too_long = 1;
    }
    if (!r->eof && !r->error)
        return LINE_NEED_INPUT;
    if (r->started) { /* a last line without its newline */
        r->started = 0;
        r->line[r->len] = '\0';
        return LINE_READY;
    }
    return LINE_END;
}

/* One read(); call it when poll() says the input is readable. */
static void reader_fill(struct reader *r)
{
    ssize_t n = read(r->fd, r->buf, sizeof r->buf);
    if (n > 0) {
        r->pos = 0;
        r->end = (size_t)n;
    } else if (n == 0) {
        r->eof = 1;
    } else if (errno != EINTR && errno != EAGAIN) {
        r->error = errno;
    }
}

/* ------------------------------------------------------------------------
 * What a line holds
 * ------------------------------------------------------------------------ */

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* The target of a line: trimmed; NULL for a blank line or a comment. */
static char *line_target(char *line, size_t len, size_t *out_len)
{
    while (len > 0 && is_blank(line[len - 1]))
        len--;
    while (len > 0 && is_blank(*line)) {
        line++;
        len--;
    }
    if (len == 0 || line[0] == '#')
        return NULL;
    line[len] = '\0';
    *out_len = len;
    return line;
}

/* The offset of the first control byte (C0 or DEL), or -1. */
static long first_control_byte(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f)
            return (long)i;
    }
    return -1;
}

/* ------------------------------------------------------------------------
 * Output: JSON Lines
 * ------------------------------------------------------------------------ */

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t utf8_sequence(const unsigned char *s, size_t n)
{
    size_t need;
    uint32_t cp;
    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF) {
        need = 2;
        cp = s[0] & 0x1Fu;
    } else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        need = 3;
        cp = s[0] & 0x0Fu;
    } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        need = 4;
        cp = s[0] & 0x07u;
    } else {
        return 0;
    }
    if (n < need)
        return 0;
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if ((need == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (need == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0;
    if (need == 2 && cp <= 0x9F) /* C1 controls */
        return 0;
    return need;
}

/* A JSON string as the report renderer writes names from outside: valid
 * UTF-8 stays; control bytes and bytes that are not UTF-8 become the four
 * characters \xNN, so the line stays one line of valid UTF-8 JSON. */
static void put_json_string(FILE *out, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    putc('"', out);
    for (size_t i = 0; i < n;) {
        size_t seq = p[i] >= 0x20 && p[i] != 0x7f ? utf8_sequence(p + i, n - i) : 0;
        if (seq == 0) {
            fprintf(out, "\\\\x%02x", p[i]);
            i++;
        } else if (p[i] == '"' || p[i] == '\\') {
            putc('\\', out);
            putc(p[i++], out);
        } else {
            fwrite(p + i, 1, seq, out);
            i += seq;
        }
    }
    putc('"', out);
}

/* {"schema":"mxtls-error/1","target":T,"error":{"status":S,"detail":D}} */
static void put_error_line(FILE *out, const char *target, size_t target_len,
                           mxtls_status status, const char *detail)
{
    fputs("{\"schema\":\"mxtls-error/1\",\"target\":", out);
    put_json_string(out, target, target_len);
    fputs(",\"error\":{\"status\":", out);
    const char *name = mxtls_status_name(status);
    put_json_string(out, name, strlen(name));
    fputs(",\"detail\":", out);
    const char *text = detail != NULL && *detail ? detail : mxtls_strerror(status);
    put_json_string(out, text, strlen(text));
    fputs("}}\n", out);
}

/* ------------------------------------------------------------------------
 * The run
 * ------------------------------------------------------------------------ */

struct batch {
    const struct batch_config *config;
    mxtls_engine *engine;
    struct reader *reader;
    size_t window;              /* most checks added and not yet written */
    char **targets;             /* window slots: each check's target, for its line */
    size_t *free_slots;         /* indexes of the empty ones */
    size_t n_free;
    mxtls_pollfd *fds;
    size_t fds_cap;
    int watch_fd;               /* the engine's one descriptor; -1: poll its list */
    int input_done;             /* every line has been read and taken */
    int worst;                  /* the exit status so far */
    int write_failed;
    /* progress */
    int progress;
    uint64_t total;             /* targets in this shard; 0: unknown (a pipe) */
    uint64_t done;
    int64_t started_ms, shown_ms;
    int shown;
};

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void raise_worst(struct batch *b, int rc)
{
    if (rc > b->worst)
        b->worst = rc;
}

/* A check that could not run counts as a finding (1), unless mxtls itself
 * failed (out of memory, the resolver): that is an internal failure (3). */
static int exit_for_status(mxtls_status s)
{
    switch (s) {
    case MXTLS_OK:
        return EXIT_CLEAN;
    case MXTLS_EINVAL:
    case MXTLS_ENOENT:
    case MXTLS_EACCES:
    case MXTLS_EFORMAT:
    case MXTLS_ERANGE:
    case MXTLS_EPOLICY:
        return EXIT_FINDINGS;
    default:
        return EXIT_INTERNAL;
    }
}

static void line_written(struct batch *b)
{
    b->done++;
    if (ferror(stdout))
        b->write_failed = 1;
}

static void write_failure(struct batch *b, const char *target, size_t len, mxtls_status s,
                          const char *detail)
{
    if (b->config->csv)
        output_csv_error(stdout, target, len, s, detail);
    else
        put_error_line(stdout, target, len, s, detail);
    if (b->config->html != NULL && html_batch_add(b->config->html, target, NULL) != 0)
        raise_worst(b, EXIT_INTERNAL);
    raise_worst(b, exit_for_status(s));
    line_written(b);
}

static void write_report(struct batch *b, const char *target, const mxtls_report *report)
{
    if (b->config->csv) {
        output_csv_report(stdout, report);
        raise_worst(b, report_exit_status(report));
        line_written(b);
        return;
    }
    mxtls_buffer *out = NULL;
    mxtls_status s = mxtls_report_json(report, b->config->render_flags, &out);
    if (s != MXTLS_OK) {
        write_failure(b, target, strlen(target), s, "cannot render the report");
        return;
    }
    /* The renderer's compact form is one line; newlines only ever end it. */
    size_t len = out->length;
    while (len > 0 && out->data[len - 1] == '\n')
        len--;
    fwrite(out->data, 1, len, stdout);
    putchar('\n');
    mxtls_buffer_free(out);
    if (b->config->html != NULL && html_batch_add(b->config->html, target, report) != 0)
        raise_worst(b, EXIT_INTERNAL);
    raise_worst(b, report_exit_status(report));
    line_written(b);
}

/* Write out every finished check. */
static void drain(struct batch *b)
{
    mxtls_report *report;
    mxtls_status status;
    void *user;
    mxtls_buffer *detail;
    while (mxtls_engine_next_done(b->engine, &report, &status, &user, &detail) == MXTLS_OK) {
        char **slot = user;
        const char *target = *slot;
        if (status == MXTLS_OK && report != NULL)
            write_report(b, target, report);
        else
            write_failure(b, target, strlen(target), status != MXTLS_OK ? status : MXTLS_EIO,
                          detail ? detail->data : NULL);
        mxtls_report_free(report);
        mxtls_buffer_free(detail);
        free(*slot);
        *slot = NULL;
        b->free_slots[b->n_free++] = (size_t)(slot - b->targets);
    }
}

/* Hand one target line to the engine, or answer it at once when it cannot
 * be a target. */
static void take_line(struct batch *b, char *line, size_t len, int too_long)
{
    size_t tlen = 0;
    char *target = line_target(line, len, &tlen);
    if (target == NULL)
        return;
    const struct batch_config *c = b->config;
    /* A line cut at LINE_LIMIT + 1 bytes hashes by what was kept: the same
     * bytes on every machine, so its shard is as stable as any other's. */
    if (c->shards > 0 && batch_shard_of(target, tlen, c->shards) != c->shard)
        return;
    char detail[160];
    long bad;
    if (too_long) {
        snprintf(detail, sizeof detail, "the line is longer than %d bytes (the target shown "
                 "is its first %d)", LINE_LIMIT, SHOWN_OF_LONG_LINE);
        write_failure(b, target, tlen < SHOWN_OF_LONG_LINE ? tlen : SHOWN_OF_LONG_LINE,
                      MXTLS_EINVAL, detail);
        return;
    }
    if ((bad = first_control_byte(target, tlen)) >= 0) {
        snprintf(detail, sizeof detail, "the line has a control byte (0x%02x) at byte %ld "
                 "of the target", (unsigned char)target[bad], bad + 1);
        write_failure(b, target, tlen, MXTLS_EINVAL, detail);
        return;
    }
    /* feed() keeps pending < window, so a slot is free. */
    size_t i = b->free_slots[--b->n_free];
    b->targets[i] = strdup(target);
    mxtls_status s = b->targets[i] ? mxtls_engine_add(b->engine, target, c->profile,
                                                      c->options, &b->targets[i])
                                   : MXTLS_ENOMEM;
    if (s != MXTLS_OK) {
        write_failure(b, target, tlen, s, "cannot add the check");
        free(b->targets[i]);
        b->targets[i] = NULL;
        b->free_slots[b->n_free++] = i;
    }
}

/* Take lines while the engine has room for them. Returns 1 when it wants
 * more input than has been read; sets input_done at the end of the input. */
static int feed(struct batch *b)
{
    while (!b->input_done && mxtls_engine_pending(b->engine) < b->window) {
        int got = reader_next(b->reader);
        if (got == LINE_END) {
            b->input_done = 1;
            return 0;
        }
        if (got == LINE_NEED_INPUT)
            return 1;
        take_line(b, b->reader->line, b->reader->len, b->reader->too_long);
    }
    return 0;
}

/* ------------------------------------------------------------------------
 * Progress on a terminal
 * ------------------------------------------------------------------------ */

static void show_progress(struct batch *b, int force)
{
    int64_t now = now_ms();
    if (!b->progress || (!force && now - b->shown_ms < PROGRESS_INTERVAL_MS))
        return;
    b->shown_ms = now;
    double seconds = (double)(now - b->started_ms) / 1000.0;
    double rate = seconds > 0 ? (double)b->done / seconds : 0.0;
    char line[128];
    if (b->total > 0) {
        uint64_t left = b->total > b->done ? b->total - b->done : 0;
        if (rate > 0) {
            uint64_t eta = (uint64_t)((double)left / rate + 0.5);
            snprintf(line, sizeof line, "[%llu/%llu] %.1f/s ETA %02llu:%02llu",
                     (unsigned long long)b->done, (unsigned long long)b->total, rate,
                     (unsigned long long)(eta / 60), (unsigned long long)(eta % 60));
        } else {
            snprintf(line, sizeof line, "[%llu/%llu] %.1f/s ETA --:--",
                     (unsigned long long)b->done, (unsigned long long)b->total, rate);
        }
    } else {
        snprintf(line, sizeof line, "[%llu] %.1f/s", (unsigned long long)b->done, rate);
    }
    fprintf(stderr, "\r\033[K%s", line);
    fflush(stderr);
    b->shown = 1;
}

static void clear_progress(struct batch *b)
{
    if (b->shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        b->shown = 0;
    }
}

/* Count the targets of this shard in a regular file, for the progress
 * bar's total and ETA: one more pass over the file, reading only. */
static uint64_t count_targets(const struct batch_config *c)
{
    struct reader *r = calloc(1, sizeof *r);
    uint64_t n = 0;
    if (r == NULL || (r->fd = open(c->input, O_RDONLY | O_CLOEXEC)) < 0) {
        free(r);
        return 0;
    }
    for (;;) {
        int got = reader_next(r);
        if (got == LINE_END)
            break;
        if (got == LINE_NEED_INPUT) {
            reader_fill(r);
            continue;
        }
        size_t tlen = 0;
        const char *t = line_target(r->line, r->len, &tlen);
        if (t != NULL && (c->shards == 0 || batch_shard_of(t, tlen, c->shards) == c->shard))
            n++;
    }
    close(r->fd);
    free(r);
    return n;
}

/* ------------------------------------------------------------------------
 * The loop
 * ------------------------------------------------------------------------ */

/* Descriptors a batch of this size needs: one per check in flight (its
 * connection) and a few more. Raise the soft limit to the hard one; if
 * that is still too few, lower the concurrency and say so. */
static int32_t fit_concurrency(int32_t wanted)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
        return wanted;
    if (rl.rlim_cur < rl.rlim_max) {
        struct rlimit raised = {rl.rlim_max, rl.rlim_max};
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
            rl.rlim_cur = rl.rlim_max;
    }
    if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= (rlim_t)wanted + FDS_RESERVED)
        return wanted;
    int32_t fits = rl.rlim_cur > FDS_RESERVED ? (int32_t)(rl.rlim_cur - FDS_RESERVED) : 1;
    fprintf(stderr, PROG ": --concurrency %d needs about %d file descriptors, the limit is "
            "%llu: running %d checks at once\n", wanted, wanted + FDS_RESERVED,
            (unsigned long long)rl.rlim_cur, fits);
    return fits;
}

/* Make room for n pollfds. */
static int fds_reserve(struct batch *b, size_t n)
{
    if (n <= b->fds_cap)
        return 0;
    size_t cap = b->fds_cap ? b->fds_cap : 64;
    while (cap < n)
        cap *= 2;
    mxtls_pollfd *grown = realloc(b->fds, cap * sizeof *grown);
    if (grown == NULL)
        return -1;
    b->fds = grown;
    b->fds_cap = cap;
    return 0;
}

/* How long a round may wait: the engine's timeout, cut to the progress
 * line's interval when one is shown. */
static int round_timeout(const struct batch *b)
{
    int64_t timeout = mxtls_engine_timeout_ms(b->engine);
    if (b->progress && (timeout < 0 || timeout > PROGRESS_INTERVAL_MS))
        timeout = PROGRESS_INTERVAL_MS;
    return timeout > INT_MAX ? INT_MAX : (int)timeout;
}

/* One round on the engine's one descriptor (mxtls_engine_watch_fd()): the
 * kernel then looks only at the sockets that are ready, not at every
 * socket of every check in flight. Returns 0, or an exit status. */
static int one_round_watch(struct batch *b, int want_input)
{
    struct pollfd p[2] = {{.fd = b->watch_fd, .events = POLLIN},
                          {.fd = b->reader->fd, .events = POLLIN}};
    int timeout = round_timeout(b);
    if (!want_input && timeout < 0 && mxtls_engine_running(b->engine) == 0) {
        fprintf(stderr, PROG ": the batch has nothing to wait for and is not done\n");
        return EXIT_INTERNAL;
    }
    if (poll(p, want_input ? 2 : 1, timeout) < 0 && errno != EINTR) {
        fprintf(stderr, PROG ": poll: %s\n", strerror(errno));
        return EXIT_INTERNAL;
    }
    if (want_input && p[1].revents != 0)
        reader_fill(b->reader);
    if (mxtls_engine_dispatch(b->engine) != MXTLS_OK) {
        fprintf(stderr, PROG ": the batch engine failed\n");
        return EXIT_INTERNAL;
    }
    return 0;
}

/* One round: wait for the engine's descriptors (and the input's, when more
 * is wanted), then let the engine work. Returns 0, or an exit status. */
static int one_round(struct batch *b, int want_input)
{
    if (b->watch_fd >= 0)
        return one_round_watch(b, want_input);
    size_t count = 0;
    if (mxtls_engine_fds(b->engine, NULL, 0, &count) != MXTLS_OK ||
        fds_reserve(b, count + 1) != 0 ||
        mxtls_engine_fds(b->engine, b->fds, count, &count) != MXTLS_OK) {
        fprintf(stderr, PROG ": out of memory\n");
        return EXIT_INTERNAL;
    }
    size_t n = count;
    if (want_input)
        b->fds[n++] = (mxtls_pollfd){.fd = b->reader->fd, .events = POLLIN};
    int timeout = round_timeout(b);
    if (n == 0 && timeout < 0) { /* would wait forever: a bug, not a slow server */
        fprintf(stderr, PROG ": the batch has nothing to wait for and is not done\n");
        return EXIT_INTERNAL;
    }
    if (poll((struct pollfd *)b->fds, n, timeout) < 0 && errno != EINTR) {
        fprintf(stderr, PROG ": poll: %s\n", strerror(errno));
        return EXIT_INTERNAL;
    }
    if (want_input && b->fds[count].revents != 0)
        reader_fill(b->reader);
    if (mxtls_engine_process(b->engine, b->fds, count) != MXTLS_OK) {
        fprintf(stderr, PROG ": the batch engine failed\n");
        return EXIT_INTERNAL;
    }
    return 0;
}

static int loop(struct batch *b)
{
    for (;;) {
        drain(b); /* first: it frees the room that feed() fills */
        int want_input = feed(b);
        if (fflush(stdout) != 0 || ferror(stdout))
            b->write_failed = 1;
        if (b->write_failed)
            return EXIT_INTERNAL;
        show_progress(b, 0);
        if (b->reader->error) {
            fprintf(stderr, PROG ": %s: %s\n", b->config->input, strerror(b->reader->error));
            return EXIT_USAGE;
        }
        if (b->input_done && mxtls_engine_pending(b->engine) == 0)
            return 0; /* every line read and written */
        int rc = one_round(b, want_input);
        if (rc != 0)
            return rc;
    }
}

static int open_input(const char *input, struct reader *r)
{
    if (strcmp(input, "-") == 0) {
        r->fd = STDIN_FILENO;
        return 0;
    }
    r->fd = open(input, O_RDONLY | O_CLOEXEC);
    if (r->fd < 0) {
        fprintf(stderr, PROG ": --batch: %s: %s\n", input, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(r->fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        fprintf(stderr, PROG ": --batch: %s: %s\n", input, strerror(EISDIR));
        close(r->fd);
        return -1;
    }
    return 0;
}

static int start(struct batch *b)
{
    const struct batch_config *c = b->config;
    int32_t concurrency = fit_concurrency(c->concurrency);
    mxtls_status s = mxtls_engine_new(c->ctx, &b->engine);
    if (s == MXTLS_OK)
        s = mxtls_engine_set_limits(b->engine, concurrency,
                                    MXTLS_ENGINE_DEFAULT_PER_DESTINATION);
    /* Without the one descriptor (no epoll here; fd then -1) the list of
     * mxtls_engine_fds() serves. */
    b->watch_fd = -1;
    if (s == MXTLS_OK)
        (void)mxtls_engine_watch_fd(b->engine, &b->watch_fd);
    if (s != MXTLS_OK) {
        const char *detail = mxtls_ctx_error_detail(c->ctx);
        fprintf(stderr, PROG ": cannot start the batch: %s%s%s\n", mxtls_strerror(s),
                *detail ? ": " : "", detail);
        return EXIT_INTERNAL;
    }
    b->window = 2 * (size_t)concurrency;
    b->targets = calloc(b->window, sizeof *b->targets);
    b->free_slots = calloc(b->window, sizeof *b->free_slots);
    if (b->targets == NULL || b->free_slots == NULL) {
        fprintf(stderr, PROG ": out of memory\n");
        return EXIT_INTERNAL;
    }
    for (size_t i = 0; i < b->window; i++)
        b->free_slots[b->n_free++] = b->window - 1 - i;
    return 0;
}

int batch_run(const struct batch_config *config)
{
    struct batch b = {.config = config};
    b.reader = calloc(1, sizeof *b.reader);
    if (b.reader == NULL) {
        fprintf(stderr, PROG ": out of memory\n");
        return EXIT_INTERNAL;
    }
    int rc = open_input(config->input, b.reader) != 0 ? EXIT_USAGE : start(&b);
    if (rc == 0) {
        b.progress = config->progress < 0 ? isatty(STDERR_FILENO) : config->progress;
        if (config->csv)
            output_csv_header(stdout);
        if (b.progress && b.reader->fd != STDIN_FILENO)
            b.total = count_targets(config);
        b.started_ms = now_ms();
        rc = loop(&b);
        show_progress(&b, 1);
        clear_progress(&b);
    }
    if (b.write_failed || fflush(stdout) != 0) {
        fprintf(stderr, PROG ": cannot write to standard output: %s\n", strerror(errno));
        rc = EXIT_INTERNAL;
    }
    mxtls_engine_free(b.engine);
    for (size_t i = 0; b.targets != NULL && i < b.window; i++)
        free(b.targets[i]); /* checks cut short by a failure */
    free(b.targets);
    free(b.free_slots);
    if (b.reader->fd > STDIN_FILENO)
        close(b.reader->fd);
    free(b.reader);
    free(b.fds);
    return rc > b.worst ? rc : b.worst;
}
