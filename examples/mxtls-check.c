/* mxtls-check: why does mail to (or Send-As through) this server fail TLS?
 *
 *   mxtls-check [OPTIONS] DOMAIN...                  delivery, as a sending MTA
 *   mxtls-check [OPTIONS] --submission HOST[:PORT]...  Send-As, as Gmail does it
 *   mxtls-check --explain 'TEXT' | --explain -       what a pasted error means
 *   mxtls-check [OPTIONS] --batch FILE|-             many targets, JSON Lines out
 *
 * Runs mxtls_check() on each target and prints its report (text, or JSON
 * with --json: one document per line for several targets). See
 * doc/mxtls-check.1 for every option.
 *
 * Exit status: 0 no finding of severity error, 1 at least one about the
 * target, 2 bad usage or input, 3 the checker's environment kept the check
 * from running (report->environment_verdict) or mxtls could not run (out
 * of memory, resolver set-up, render).
 * With several targets the worst status wins. --batch: see
 * mxtls-check-batch.c. */
#define _POSIX_C_SOURCE 200809L /* strndup, isatty */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <mxtls/mxtls.h>

#include "mxtls-check-batch.h"
#include "mxtls-check-output.h"
#include "mxtls-check-senders.h"
#include "mxtls-check-stdin.h"

#define PROG "mxtls-check"
#define EXPLAIN_INPUT_MAX MXTLS_EXPLAIN_MAX_TEXT
#define TIMEOUT_MAX_SECONDS 600.0 /* mxtls_ctx_set_timeout_ms() takes up to 600000 ms */

/* Long-only options get values above the byte range. */
enum {
    OPT_JSON = 256, OPT_SUBMISSION, OPT_PORT, OPT_IMPLICIT_TLS, OPT_SNI, OPT_RESOLVER,
    OPT_STUB, OPT_TRUST_ANCHOR, OPT_CA_FILE, OPT_PROXY_RANGES, OPT_TIMEOUT, OPT_DEADLINE, OPT_HELO,
    OPT_RECURSIVE, OPT_DNS_TCP, OPT_ROOT_HINTS, OPT_REFERENCE_HOSTS,
    OPT_VERBOSE, OPT_PRETTY, OPT_EXPLAIN, OPT_VERSION, OPT_HELP, OPT_BATCH, OPT_CONCURRENCY,
    OPT_SHARD, OPT_SENDERS, OPT_SENDER, OPT_PROBES_AT_ONCE, OPT_HTML,
    OPT_OUTPUT, OPT_QUIET, OPT_PROGRESS, OPT_COLOR, OPT_FORMAT
};

static const struct option long_options[] = {
    {"json", no_argument, NULL, OPT_JSON},
    {"pretty", no_argument, NULL, OPT_PRETTY},
    {"html", required_argument, NULL, OPT_HTML},
    {"verbose", no_argument, NULL, OPT_VERBOSE},
    {"probes-at-once", required_argument, NULL, OPT_PROBES_AT_ONCE},
    {"submission", no_argument, NULL, OPT_SUBMISSION},
    {"port", required_argument, NULL, OPT_PORT},
    {"implicit-tls", no_argument, NULL, OPT_IMPLICIT_TLS},
    {"sni", required_argument, NULL, OPT_SNI},
    {"resolver", required_argument, NULL, OPT_RESOLVER},
    {"recursive", no_argument, NULL, OPT_RECURSIVE},
    {"dns-tcp", no_argument, NULL, OPT_DNS_TCP},
    {"stub", required_argument, NULL, OPT_STUB},
    {"trust-anchor", required_argument, NULL, OPT_TRUST_ANCHOR},
    {"root-hints", required_argument, NULL, OPT_ROOT_HINTS},
    {"ca-file", required_argument, NULL, OPT_CA_FILE},
    {"proxy-ranges", required_argument, NULL, OPT_PROXY_RANGES},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"deadline", required_argument, NULL, OPT_DEADLINE},
    {"helo", required_argument, NULL, OPT_HELO},
    {"reference-hosts", required_argument, NULL, OPT_REFERENCE_HOSTS},
    {"explain", required_argument, NULL, OPT_EXPLAIN},
    {"batch", required_argument, NULL, OPT_BATCH},
    {"concurrency", required_argument, NULL, OPT_CONCURRENCY},
    {"shard", required_argument, NULL, OPT_SHARD},
    {"senders", no_argument, NULL, OPT_SENDERS},
    {"sender", required_argument, NULL, OPT_SENDER},
    {"output", required_argument, NULL, OPT_OUTPUT},
    {"quiet", no_argument, NULL, OPT_QUIET},
    {"progress", required_argument, NULL, OPT_PROGRESS},
    {"color", required_argument, NULL, OPT_COLOR},
    {"colour", required_argument, NULL, OPT_COLOR},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"version", no_argument, NULL, OPT_VERSION},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

static const char usage_text[] =
    "usage: " PROG " [OPTIONS] DOMAIN...\n"
    "       " PROG " [OPTIONS] --submission HOST[:PORT]...\n"
    "       " PROG " --explain 'ERROR TEXT' | --explain -\n"
    "       " PROG " [OPTIONS] --batch FILE|- [--concurrency N] [--shard K/N]\n"
    "\n"
    "Checks mail TLS the way a sending MTA (or Gmail's Send-As) does, and says\n"
    "what fails and how to fix it.\n"
    "\n"
    "What to check:\n"
    "  --submission          TARGETs are submission hosts (HOST, HOST:PORT,\n"
    "                        [IPv6]:PORT): 587 STARTTLS and 465 implicit TLS\n"
    "  --port N              check port N only (1..65535)\n"
    "  --implicit-tls        TLS from the first byte (465 unless --port)\n"
    "  --sni NAME            send NAME as SNI instead of the host name\n"
    "  -4, -6                probe IPv4 or IPv6 addresses only (default: both)\n"
    "How to check:\n"
    "  --resolver ADDR[@PORT]\n"
    "                        resolve through this DNS server (default: resolv.conf)\n"
    "  --recursive           resolve from the root servers, no forwarder (needs\n"
    "                        outbound DNS; for a resolver that strips DNSSEC)\n"
    "  --dns-tcp             every DNS query over TCP, connections kept open (for\n"
    "                        batches through one forwarder, or filtered UDP 53)\n"
    "  --stub ZONE=ADDR[@PORT]\n"
    "                        send queries for ZONE to this server (repeatable)\n"
    "  --trust-anchor FILE   DNSSEC trust anchors instead of the root key\n"
    "  --root-hints FILE     the root servers (zone-file format) for --recursive and\n"
    "                        for the test of whether the root answers from here\n"
    "  --ca-file FILE        trust only the CAs in FILE (PEM), not the system store\n"
    "  --proxy-ranges FILE   HTTP-proxy ranges (\"CIDR PROVIDER\" lines) instead of\n"
    "                        the built-in Cloudflare list\n"
    "  --timeout SECONDS     deadline of each stage (e.g. 2.5; default 30, DNS 10)\n"
    "  --deadline SECONDS    deadline of each whole check (default 120): what it\n"
    "                        cuts short is reported as check.deadline\n"
    "  --probes-at-once N    addresses of one target probed side by side (1..64;\n"
    "                        default 16; 1: one after the other)\n"
    "  --helo NAME           the name sent in EHLO\n"
    "  --reference-hosts A,B,...\n"
    "                        mail hosts known to answer on port 25, tried when no\n"
    "                        MX host does, to tell a block on this network from a\n"
    "                        dead domain (default: gmail-smtp-in.l.google.com and\n"
    "                        two more); \"\" for none: a block is then not reported\n"
    ;

/* Two strings: one would pass the 4095 characters C99 promises to take. */
static const char usage_output_text[] =
    "Output:\n"
    "  --json                JSON (schema mxtls-report/1), one document per line\n"
    "  --pretty              indent the JSON\n"
    "  --html FILE           also write the report as a self-contained HTML page, the\n"
    "                        mail path drawn (one TARGET); with --batch, FILE is a\n"
    "                        summary page, each target's page beside it\n"
    "  --verbose             add each connection's SMTP/TLS dialogue: the bytes\n"
    "                        sent and received, escaped\n"
    "  --format FORMAT       text (default), json (= --json), or csv: one row per\n"
    "                        target (target,verdict,root_cause,host,fix_id)\n"
    "  -o, --output FILE     write to FILE instead of standard output\n"
    "  -q, --quiet           text: the verdict line only\n"
    "  --progress WHEN       the progress line on standard error: auto (on a\n"
    "                        terminal; the default), always, never\n"
    "  --color WHEN          colour the verdict and severities: auto (on a\n"
    "                        terminal, unless NO_COLOR is set), always, never\n"
    "  --explain TEXT        explain an error text (\"-\": read stdin); no network;\n"
    "                        with --json: schema mxtls-explanation/1\n"
    "  --sender NAME         one sender's view of the target in full: what it does,\n"
    "                        where its delivery stops, and the fix (text only)\n"
    "  --senders             list the sender profiles, their facts and sources\n"
    "Batch:\n"
    "  --batch FILE          check one target per line of FILE (\"-\": stdin);\n"
    "                        JSON Lines out, one line per target, as they finish\n"
    "  --concurrency N       checks in flight at once (1..100000, default 64)\n"
    "  --shard K/N           check only the targets of shard K of N (1 <= K <= N)\n"
    "  --version, -h, --help\n"
    "\n"
    "Exit status: 0 no errors found, 1 errors found in the target, 2 bad usage\n"
    "or input, 3 could not check from here (this machine's resolver, network or\n"
    "CA store), or mxtls could not run. See mxtls-check(1).\n";

/* Everything the command line asked for. */
struct cli {
    mxtls_ctx *ctx;
    mxtls_check_options *options;
    int32_t profile;
    int json, pretty, verbose;
    int csv, quiet, color;        /* --format csv, --quiet, colour decided */
    const char *output;           /* -o FILE */
    enum output_when progress_when, color_when;
    int want_v4, want_v6;
    int resolver_given, recursive;   /* --resolver, --recursive */
    int32_t port;
    int implicit_tls;
    const char *sni;
    const char *explain;
    const char *batch;
    const char *html;           /* --html FILE */
    const mxtls_sender *sender; /* --sender */
    int list_senders;           /* --senders */
    int32_t concurrency;
    int32_t probes_at_once;     /* --probes-at-once; 0: the library's default */
    uint64_t shard, shards;
    char **targets;
    size_t n_targets;
    /* progress on a terminal */
    int progress;
    size_t current;        /* index of the target being checked */
    int progress_visible;  /* a progress line is on the terminal now */
};

/* Only blanks and line breaks: no text to explain. */
static int is_blank(const char *s)
{
    return s[strspn(s, " \t\r\n\f\v")] == '\0';
}

__attribute__((format(printf, 1, 2))) static int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, PROG ": ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\nTry '" PROG " --help' for more information.\n");
    va_end(ap);
    return EXIT_USAGE;
}

/* The exit status for a call that could not run: the caller's input was
 * wrong (2), or mxtls itself failed (3). */
static int status_exit(mxtls_status s)
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
        return EXIT_USAGE;
    default:
        return EXIT_INTERNAL;
    }
}

/* Report a failed ctx setter: name the option and give the library's reason. */
static int setter_failed(const struct cli *cli, const char *option, mxtls_status s)
{
    const char *detail = mxtls_ctx_error_detail(cli->ctx);
    fprintf(stderr, PROG ": %s: %s\n", option, *detail ? detail : mxtls_strerror(s));
    return status_exit(s);
}

/* A port: decimal digits only, 1..65535. */
static int parse_port(const char *arg, int32_t *out)
{
    char *end;
    if (arg[0] < '0' || arg[0] > '9')
        return -1;
    errno = 0;
    long v = strtol(arg, &end, 10);
    if (errno != 0 || *end != '\0' || v < 1 || v > 65535)
        return -1;
    *out = (int32_t)v;
    return 0;
}

/* Seconds with an optional fraction ("2.5"), 0.001 .. 600, to milliseconds. */
static int parse_seconds(const char *arg, uint32_t *ms)
{
    char *end;
    if ((arg[0] < '0' || arg[0] > '9') && arg[0] != '.')
        return -1;
    errno = 0;
    double s = strtod(arg, &end);
    if (errno != 0 || *end != '\0' || !(s >= 0.001 && s <= TIMEOUT_MAX_SECONDS))
        return -1;
    *ms = (uint32_t)(s * 1000.0 + 0.5);
    return 0;
}

/* --stub ZONE=ADDR[@PORT] */
static int add_stub(struct cli *cli, const char *arg)
{
    const char *eq = strchr(arg, '=');
    if (eq == NULL || eq == arg || eq[1] == '\0')
        return usage_error("--stub: '%s' is not ZONE=ADDR[@PORT]", arg);
    char *zone = strndup(arg, (size_t)(eq - arg));
    if (zone == NULL) {
        fprintf(stderr, PROG ": out of memory\n");
        return EXIT_INTERNAL;
    }
    mxtls_status s = mxtls_ctx_add_stub_zone(cli->ctx, zone, eq + 1);
    free(zone);
    return s == MXTLS_OK ? EXIT_CLEAN : setter_failed(cli, "--stub", s);
}

/* --reference-hosts A,B,C ("" for none; an empty name between commas is
 * passed on, for the library to refuse) */
static int set_reference_hosts(struct cli *cli, const char *arg)
{
    enum { MAX_GIVEN = 64 };
    const char *names[MAX_GIVEN];
    size_t n = 0;
    char *copy = strdup(arg);
    if (copy == NULL) {
        fprintf(stderr, PROG ": out of memory\n");
        return EXIT_INTERNAL;
    }
    for (char *name = copy; copy[0] != '\0' && name != NULL; n++) {
        if (n == MAX_GIVEN) {
            free(copy);
            return usage_error("--reference-hosts: more than %d names", MAX_GIVEN);
        }
        names[n] = name;
        char *comma = strchr(name, ',');
        if (comma != NULL)
            *comma++ = '\0';
        name = comma;
    }
    mxtls_status s = mxtls_ctx_set_reference_hosts(cli->ctx, names, n);
    free(copy);
    return s == MXTLS_OK ? EXIT_CLEAN : setter_failed(cli, "--reference-hosts", s);
}

/* Options that set up the context: applied at once, in command-line order. */
static int apply_ctx_option(struct cli *cli, int opt, const char *arg)
{
    mxtls_status s;
    uint32_t ms;
    switch (opt) {
    case OPT_RECURSIVE:
        cli->recursive = 1;
        s = mxtls_ctx_use_recursion(cli->ctx);
        return s == MXTLS_OK ? 0 : setter_failed(cli, "--recursive", s);
    case OPT_DNS_TCP:
        s = mxtls_ctx_set_dns_transport(cli->ctx, MXTLS_DNS_TRANSPORT_TCP);
        return s == MXTLS_OK ? 0 : setter_failed(cli, "--dns-tcp", s);
    case OPT_RESOLVER:
        cli->resolver_given = 1;
        s = mxtls_ctx_use_forwarder(cli->ctx, arg);
        return s == MXTLS_OK ? 0 : setter_failed(cli, "--resolver", s);
    case OPT_STUB:
        return add_stub(cli, arg);
    case OPT_TRUST_ANCHOR:
        s = mxtls_ctx_set_trust_anchor_file(cli->ctx, arg);
        return s == MXTLS_OK ? 0 : setter_failed(cli, "--trust-anchor", s);
    case OPT_ROOT_HINTS:
        s = mxtls_ctx_set_root_hints_file(cli->ctx, arg);
        return s == MXTLS_OK ? 0 : setter_failed(cli, "--root-hints", s);
    case OPT_CA_FILE:
        s = mxtls_ctx_set_ca_file(cli->ctx, arg);
        return s == MXTLS_OK ? 0 : setter_failed(cli, "--ca-file", s);
    case OPT_PROXY_RANGES:
        s = mxtls_ctx_set_proxy_ranges_file(cli->ctx, arg);
        return s == MXTLS_OK ? 0 : setter_failed(cli, "--proxy-ranges", s);
    case OPT_HELO:
        s = mxtls_ctx_set_helo_name(cli->ctx, arg);
        return s == MXTLS_OK ? 0 : setter_failed(cli, "--helo", s);
    case OPT_REFERENCE_HOSTS:
        return set_reference_hosts(cli, arg);
    case OPT_TIMEOUT:
        if (parse_seconds(arg, &ms) != 0)
            return usage_error("--timeout: '%s' is not a number of seconds "
                               "between 0.001 and 600", arg);
        s = mxtls_ctx_set_timeout_ms(cli->ctx, MXTLS_STAGE_ALL, ms);
        return s == MXTLS_OK ? 0 : setter_failed(cli, "--timeout", s);
    case OPT_DEADLINE:
        if (parse_seconds(arg, &ms) != 0)
            return usage_error("--deadline: '%s' is not a number of seconds "
                               "between 0.001 and 600", arg);
        s = mxtls_ctx_set_timeout_ms(cli->ctx, MXTLS_STAGE_CHECK, ms);
        return s == MXTLS_OK ? 0 : setter_failed(cli, "--deadline", s);
    default:
        return -1; /* not a context option */
    }
}

/* Options that only record a choice. */
static int record_option(struct cli *cli, int opt, const char *arg)
{
    switch (opt) {
    case OPT_JSON: cli->json = 1; cli->csv = 0; return 0;
    case OPT_OUTPUT: case 'o': cli->output = arg; return 0;
    case OPT_QUIET: case 'q': cli->quiet = 1; return 0;
    case OPT_PROGRESS:
        if (output_parse_when(arg, &cli->progress_when) != 0)
            return usage_error("--progress: '%s' is not auto, always or never", arg);
        return 0;
    case OPT_COLOR:
        if (output_parse_when(arg, &cli->color_when) != 0)
            return usage_error("--color: '%s' is not auto, always or never", arg);
        return 0;
    case OPT_FORMAT:
        if (strcmp(arg, "text") != 0 && strcmp(arg, "json") != 0 && strcmp(arg, "csv") != 0)
            return usage_error("--format: '%s' is not text, json or csv", arg);
        cli->json = strcmp(arg, "json") == 0;
        cli->csv = strcmp(arg, "csv") == 0;
        return 0;
    case OPT_HTML: cli->html = arg; return 0;
    case OPT_PRETTY: cli->pretty = 1; return 0;
    case OPT_VERBOSE: cli->verbose = 1; return 0;
    case OPT_SUBMISSION: cli->profile = MXTLS_PROFILE_SUBMISSION; return 0;
    case OPT_IMPLICIT_TLS: cli->implicit_tls = 1; return 0;
    case OPT_SNI: cli->sni = arg; return 0;
    case OPT_EXPLAIN: cli->explain = arg; return 0;
    case OPT_BATCH: cli->batch = arg; return 0;
    case OPT_SENDERS: cli->list_senders = 1; return 0;
    case OPT_SENDER:
        if ((cli->sender = mxtls_sender_find(arg)) == NULL)
            return usage_error("--sender: no profile '%s' (one of: %s)", arg, senders_ids());
        return 0;
    case OPT_CONCURRENCY:
        if (batch_parse_concurrency(arg, &cli->concurrency) != 0)
            return usage_error("--concurrency: '%s' is not a number from 1 to %d", arg,
                               BATCH_CONCURRENCY_MAX);
        return 0;
    case OPT_PROBES_AT_ONCE: {
        char *end = NULL;
        long n = strtol(arg, &end, 10);
        if (*arg == '\0' || *end != '\0' || n < 1 || n > MXTLS_CHECK_MAX_PROBES_AT_ONCE)
            return usage_error("--probes-at-once: '%s' is not a number from 1 to %d", arg,
                               MXTLS_CHECK_MAX_PROBES_AT_ONCE);
        cli->probes_at_once = (int32_t)n;
        return 0;
    }
    case OPT_SHARD:
        if (batch_parse_shard(arg, &cli->shard, &cli->shards) != 0)
            return usage_error("--shard: '%s' is not K/N with 1 <= K <= N (e.g. 2/8)", arg);
        return 0;
    case '4': cli->want_v4 = 1; return 0;
    case '6': cli->want_v6 = 1; return 0;
    case OPT_PORT:
        if (parse_port(arg, &cli->port) != 0)
            return usage_error("--port: '%s' is not a port number (1..65535)", arg);
        return 0;
    default:
        return -1;
    }
}

static void print_version(void)
{
    printf(PROG " %s (libmxtls %s)\n", MXTLS_VERSION_STRING, mxtls_version_string());
}

/* Parse argv. Returns -1 to go on, or an exit status (help, version, error). */
static int parse_args(struct cli *cli, int argc, char **argv)
{
    int opt;
    argv[0] = (char *)PROG; /* getopt's own messages name the program by argv[0] */
    while ((opt = getopt_long(argc, argv, "46hqo:", long_options, NULL)) != -1) {
        if (opt == OPT_HELP || opt == 'h') {
            fputs(usage_text, stdout);
            fputs(usage_output_text, stdout);
            return EXIT_CLEAN;
        }
        if (opt == OPT_VERSION) {
            print_version();
            return EXIT_CLEAN;
        }
        if (opt == '?') { /* getopt said what was wrong */
            fprintf(stderr, "Try '" PROG " --help' for more information.\n");
            return EXIT_USAGE;
        }
        int rc = apply_ctx_option(cli, opt, optarg);
        if (rc < 0)
            rc = record_option(cli, opt, optarg);
        if (rc < 0) { /* in long_options but handled nowhere: a bug here */
            fprintf(stderr, PROG ": option %d is not handled\n", opt);
            return EXIT_INTERNAL;
        }
        if (rc != 0)
            return rc;
    }
    cli->targets = argv + optind;
    cli->n_targets = (size_t)(argc - optind);
    return -1;
}

/* --batch reads its targets from a file and writes JSON Lines. */
static int check_batch_combinations(const struct cli *cli)
{
    if (cli->explain != NULL)
        return usage_error("--batch and --explain exclude each other");
    if (cli->n_targets > 0)
        return usage_error("--batch takes its targets from the file, not the command line "
                           "(got '%s')", cli->targets[0]);
    if (cli->batch[0] == '\0')
        return usage_error("--batch: the file name is empty (give it, or '-' for stdin)");
    if (cli->pretty)
        return usage_error("--batch writes one JSON document a line; drop --pretty");
    return -1;
}

/* Combinations that cannot mean anything. */
static int check_combinations(const struct cli *cli)
{
    if (cli->quiet && (cli->json || cli->csv))
        return usage_error("--quiet shortens the text report; %s has no verdict line to keep",
                           cli->csv ? "--format csv" : "JSON");
    if (cli->csv && (cli->explain || cli->list_senders || cli->sender || cli->pretty))
        return usage_error("--format csv summarises checks, one row per target");
    if (cli->want_v4 && cli->want_v6)
        return usage_error("-4 and -6 exclude each other; give neither to probe both "
                           "families");
    if (cli->recursive && cli->resolver_given)
        return usage_error("--recursive and --resolver exclude each other: recursion "
                           "asks the root servers, --resolver one server");
    if (cli->explain != NULL && cli->n_targets > 0)
        return usage_error("--explain takes no TARGET (got '%s')", cli->targets[0]);
    if (cli->explain != NULL && is_blank(cli->explain))
        return usage_error("--explain: the text is empty (give it, or '-' to read stdin)");
    if (cli->list_senders)
        return cli->n_targets > 0 || cli->explain || cli->batch || cli->sender
                   ? usage_error("--senders takes nothing else: it lists the profiles")
                   : -1;
    if (cli->sender != NULL && (cli->json || cli->batch || cli->explain))
        return usage_error("--sender prints text; the JSON report has every sender's "
                           "prediction under \"predictions\"");
    if (cli->html != NULL && (cli->html[0] == '\0' || cli->explain || cli->list_senders))
        return usage_error("--html FILE writes a check's report: give a file name, and a "
                           "TARGET or --batch");
    if (cli->batch != NULL)
        return check_batch_combinations(cli);
    if (cli->html != NULL && cli->n_targets > 1)
        return usage_error("--html FILE takes one TARGET; for many, --batch FILE --html "
                           "SUMMARY writes a summary page and one page per target");
    if (cli->concurrency != 0 || cli->shards != 0)
        return usage_error("%s works with --batch only",
                           cli->shards ? "--shard" : "--concurrency");
    if (cli->explain == NULL && cli->n_targets == 0)
        return usage_error("no TARGET given (a mail domain, or a host with "
                           "--submission)");
    return -1;
}

/* ------------------------------------------------------------------------
 * --explain
 * ------------------------------------------------------------------------ */

static int run_explain(const struct cli *cli, const char *arg)
{
    char *from_stdin = strcmp(arg, "-") == 0 ? stdin_read_text(stdin, EXPLAIN_INPUT_MAX) : NULL;
    const char *text = strcmp(arg, "-") == 0 ? from_stdin : arg;
    if (text != NULL && is_blank(text)) {   /* an empty pipe, not a text to judge */
        free(from_stdin);
        return usage_error("--explain -: standard input held no text");
    }
    mxtls_explanation *e = NULL;
    mxtls_buffer *out = NULL;
    mxtls_status s = text ? mxtls_explain(NULL, text, &e) : MXTLS_ENOMEM;
    if (s == MXTLS_OK)
        s = cli->json ? mxtls_explanation_json(e, cli->pretty ? MXTLS_RENDER_PRETTY : 0u, &out)
                      : mxtls_explanation_text(e, &out);
    free(from_stdin);
    if (s != MXTLS_OK) {
        fprintf(stderr, PROG ": --explain: %s\n", mxtls_strerror(s));
        mxtls_explanation_free(e);
        return status_exit(s) == EXIT_USAGE ? EXIT_USAGE : EXIT_INTERNAL;
    }
    fputs(out->data, stdout);
    /* The text itself says whether it recognised the error. */
    int rc = e->recognised ? EXIT_CLEAN : EXIT_FINDINGS;
    mxtls_buffer_free(out);
    mxtls_explanation_free(e);
    return rc;
}

/* ------------------------------------------------------------------------
 * Progress on a terminal
 * ------------------------------------------------------------------------ */

static size_t terminal_width(void)
{
    struct winsize ws;
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 1)
        return ws.ws_col;
    return 80;
}

/* Append text to buf (capacity cap, counting *cols terminal columns up to
 * max_cols) with control characters, C0 and C1 alike, shown as '?': a name
 * from DNS must not be able to move the cursor or retitle the terminal. */
static size_t append_safe(char *buf, size_t len, size_t cap, size_t *cols, size_t max_cols,
                          const char *text)
{
    const unsigned char *p = (const unsigned char *)text;
    for (; *p != '\0' && len + 4 < cap; p++) {
        int continuation = (*p & 0xC0) == 0x80;
        if (!continuation && *cols >= max_cols)
            break;
        if (*p < 0x20 || *p == 0x7F || (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)) {
            buf[len++] = '?';
            if (*p == 0xC2)
                p++;
        } else {
            buf[len++] = (char)*p;
        }
        if (!continuation)
            (*cols)++;
    }
    buf[len] = '\0';
    return len;
}

static void show_progress(void *user, const char *line)
{
    struct cli *cli = user;
    char buf[1024], prefix[32] = "";
    size_t cols = 0, max_cols = terminal_width() - 1, len = 0;
    if (cli->n_targets > 1) {
        snprintf(prefix, sizeof prefix, "[%zu/%zu] ", cli->current + 1, cli->n_targets);
        len = append_safe(buf, len, sizeof buf, &cols, max_cols, prefix);
        len = append_safe(buf, len, sizeof buf, &cols, max_cols, cli->targets[cli->current]);
        len = append_safe(buf, len, sizeof buf, &cols, max_cols, ": ");
    }
    append_safe(buf, len, sizeof buf, &cols, max_cols, line ? line : "");
    fprintf(stderr, "\r\033[K%s", buf);
    fflush(stderr);
    cli->progress_visible = 1;
}

static void clear_progress(struct cli *cli)
{
    if (cli->progress_visible) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        cli->progress_visible = 0;
    }
}

/* ------------------------------------------------------------------------
 * Checking
 * ------------------------------------------------------------------------ */

/* Say which option the check options refused, with its value. */
static int option_refused(const char *option, const char *value, mxtls_status s)
{
    if (status_exit(s) == EXIT_USAGE)
        return usage_error("%s%s%s%s: %s", option, value ? " '" : "", value ? value : "",
                           value ? "'" : "", mxtls_strerror(s));
    fprintf(stderr, PROG ": %s: %s\n", option, mxtls_strerror(s));
    return EXIT_INTERNAL;
}

/* Turn the per-check command-line choices into mxtls_check_options. */
static int build_options(struct cli *cli)
{
    mxtls_status s = mxtls_check_options_new(&cli->options);
    mxtls_check_options *o = cli->options;
    if (s != MXTLS_OK)
        return option_refused("check options", NULL, s);
    if (cli->port != 0 && (s = mxtls_check_options_set_port(o, cli->port)) != MXTLS_OK)
        return option_refused("--port", NULL, s);
    if (cli->implicit_tls && (s = mxtls_check_options_set_implicit_tls(o, 1)) != MXTLS_OK)
        return option_refused("--implicit-tls", NULL, s);
    if (cli->sni != NULL && (s = mxtls_check_options_set_sni(o, cli->sni)) != MXTLS_OK)
        return option_refused("--sni", cli->sni, s);
    if ((cli->want_v4 || cli->want_v6) &&
        (s = mxtls_check_options_set_family(o, cli->want_v4 ? 4 : 6)) != MXTLS_OK)
        return option_refused(cli->want_v4 ? "-4" : "-6", NULL, s);
    if (cli->probes_at_once != 0 &&
        (s = mxtls_check_options_set_probes_at_once(o, cli->probes_at_once)) != MXTLS_OK)
        return option_refused("--probes-at-once", NULL, s);
    if (cli->progress &&
        (s = mxtls_check_options_set_progress(o, show_progress, cli)) != MXTLS_OK)
        return option_refused("progress", NULL, s);
    return EXIT_CLEAN;
}

static int print_buffer(const mxtls_buffer *out, int separate)
{
    size_t len = out->length;
    while (len > 0 && out->data[len - 1] == '\n')
        len--; /* exactly one newline after each document */
    if (separate)
        putchar('\n');
    fwrite(out->data, 1, len, stdout);
    putchar('\n');
    fflush(stdout);
    return ferror(stdout) ? -1 : 0;
}

static int render(const struct cli *cli, const mxtls_report *report, int separate)
{
    mxtls_buffer *out = NULL;
    uint32_t flags = (cli->verbose ? MXTLS_RENDER_TRANSCRIPT : 0u) |
                     (cli->pretty ? MXTLS_RENDER_PRETTY : 0u);
    mxtls_status s = cli->json ? mxtls_report_json(report, flags, &out)
                               : mxtls_report_text(report, flags, &out);
    if (s != MXTLS_OK) {
        fprintf(stderr, PROG ": %s: cannot render the report: %s\n", report->target,
                mxtls_strerror(s));
        return EXIT_INTERNAL;
    }
    /* The page first: a reader of stdout that stops early (head) ends us. */
    if (cli->html != NULL && html_write_report(cli->html, report) != 0) {
        mxtls_buffer_free(out);
        return EXIT_INTERNAL;
    }
    int rc;
    if (cli->json) {
        rc = print_buffer(out, separate);
    } else {
        if (separate && !cli->quiet)
            putchar('\n');
        output_text(stdout, out->data, out->length, cli->quiet, cli->color);
        fflush(stdout);
        rc = ferror(stdout) ? -1 : 0;
    }
    mxtls_buffer_free(out);
    if (rc != 0) {
        fprintf(stderr, PROG ": cannot write the report: %s\n", strerror(errno));
        return EXIT_INTERNAL;
    }
    return report_exit_status(report);
}

/* What a refused target most likely meant, for the line after the error:
 * people paste a mail address, a URL, or a host with its port. */
static void print_target_hint(const char *target, int32_t profile)
{
    const char *at = strrchr(target, '@');
    size_t len = strlen(target);
    if (at != NULL && at[1] != '\0' && strchr(at + 1, '/') == NULL) {
        if (profile == MXTLS_PROFILE_MX)
            fprintf(stderr, PROG ": that is a mail address; check its domain: " PROG " %s\n",
                    at + 1);
        else
            fprintf(stderr, PROG ": that is a mail address; give the host name of the SMTP "
                            "server the mail program is set to\n");
        return;
    }
    if (strstr(target, "://") != NULL) {
        fprintf(stderr, PROG ": give the domain (or host) alone, not a URL\n");
        return;
    }
    size_t digits = 0;
    while (digits < len && target[len - 1 - digits] >= '0' && target[len - 1 - digits] <= '9')
        digits++;
    if (profile == MXTLS_PROFILE_MX && digits > 0 && digits < len &&
        target[len - 1 - digits] == ':' && target[0] != '[')
        fprintf(stderr, PROG ": a domain takes no port; for one host and port use "
                        "--port N HOST, or --submission HOST:PORT\n");
}

/* Check one target; *printed says whether a report is on stdout already. */
static int check_one(struct cli *cli, const char *target, int *printed)
{
    mxtls_report *report = NULL;
    mxtls_status s = mxtls_check_with(cli->ctx, target, cli->profile, cli->options, &report);
    clear_progress(cli);
    if (s != MXTLS_OK) {
        const char *detail = mxtls_ctx_error_detail(cli->ctx);
        if (cli->csv)
            output_csv_error(stdout, target, strlen(target), s, detail);
        if (status_exit(s) == EXIT_USAGE && *detail) {
            fprintf(stderr, PROG ": %s: %s\n", target, detail);
            print_target_hint(target, cli->profile);
        } else
            fprintf(stderr, PROG ": %s: cannot check: %s%s%s\n", target, mxtls_strerror(s),
                    *detail ? ": " : "", detail);
        return status_exit(s);
    }
    /* Text reports are separated by a blank line; JSON documents by their
     * newline alone, so that several targets make JSON Lines. */
    int rc;
    if (cli->sender != NULL) {
        if (*printed)
            putchar('\n');
        rc = sender_view(stdout, report, cli->sender) == 0
                 ? report_exit_status(report)
                 : usage_error("--sender %s: that sender does not deliver to a %s target",
                               cli->sender->id, mxtls_profile_name(cli->profile));
        if (rc != EXIT_USAGE && cli->html != NULL && html_write_report(cli->html, report) != 0)
            rc = EXIT_INTERNAL;
    } else if (cli->csv) {
        output_csv_report(stdout, report);
        rc = report_exit_status(report);
        if (cli->html != NULL && html_write_report(cli->html, report) != 0)
            rc = EXIT_INTERNAL;
    } else {
        rc = render(cli, report, *printed && !cli->json);
    }
    *printed = 1;
    mxtls_report_free(report);
    return rc;
}

static int run_batch(struct cli *cli)
{
    int rc = build_options(cli); /* no progress callback: the batch has its own bar */
    if (rc != EXIT_CLEAN)
        return rc;
    struct batch_config config = {
        .ctx = cli->ctx,
        .options = cli->options,
        .profile = cli->profile,
        .render_flags = cli->verbose ? MXTLS_RENDER_TRANSCRIPT : 0u,
        .csv = cli->csv,
        .progress = cli->progress_when == OUTPUT_AUTO ? -1 : cli->progress_when == OUTPUT_ALWAYS,
        .input = cli->batch,
        .concurrency = cli->concurrency ? cli->concurrency : BATCH_CONCURRENCY_DEFAULT,
        .shard = cli->shard,
        .shards = cli->shards,
    };
    if (cli->html != NULL && (config.html = html_batch_open(cli->html)) == NULL)
        return EXIT_INTERNAL;
    rc = batch_run(&config);
    if (html_batch_close(config.html) != 0 && rc < EXIT_INTERNAL)
        rc = EXIT_INTERNAL;
    return rc;
}

static int run_checks(struct cli *cli)
{
    /* One domain can have several MX hosts; one submission host is quick. */
    cli->progress = cli->progress_when == OUTPUT_ALWAYS ||
                    (cli->progress_when == OUTPUT_AUTO && !cli->quiet &&
                     isatty(STDERR_FILENO) &&
                     (cli->n_targets > 1 || cli->profile == MXTLS_PROFILE_MX));
    if (cli->csv)
        output_csv_header(stdout);
    int worst = build_options(cli);
    if (worst != EXIT_CLEAN)
        return worst;
    int printed = 0;
    for (cli->current = 0; cli->current < cli->n_targets; cli->current++) {
        int rc = check_one(cli, cli->targets[cli->current], &printed);
        if (rc > worst)
            worst = rc;
        if (rc == EXIT_INTERNAL)
            break; /* out of memory or no resolver: the next target fares no better */
    }
    return worst;
}

int main(int argc, char **argv)
{
    struct cli cli = {.profile = MXTLS_PROFILE_MX};
    mxtls_status s = mxtls_ctx_new(&cli.ctx);
    if (s != MXTLS_OK) {
        fprintf(stderr, PROG ": cannot create a context: %s\n", mxtls_strerror(s));
        return EXIT_INTERNAL;
    }
    int rc = parse_args(&cli, argc, argv);
    if (rc < 0)
        rc = check_combinations(&cli);
    if (rc < 0 && cli.output != NULL && output_redirect(cli.output) != 0) {
        fprintf(stderr, PROG ": -o %s: %s\n", cli.output, strerror(errno));
        rc = EXIT_USAGE;
    }
    cli.color = output_use_color(cli.color_when, STDOUT_FILENO);
    if (rc < 0)
        rc = cli.list_senders      ? senders_list(stdout)
             : cli.explain != NULL ? run_explain(&cli, cli.explain)
             : cli.batch != NULL ? run_batch(&cli)
                                 : run_checks(&cli);
    mxtls_check_options_free(cli.options);
    mxtls_ctx_free(cli.ctx);
    /* A report that never reached its reader (a full disk, a closed pipe's
     * EPIPE) is a failure, whatever the report said. */
    if ((fflush(stdout) != 0 || ferror(stdout)) && rc < EXIT_INTERNAL) {
        fprintf(stderr, PROG ": cannot write to standard output: %s\n", strerror(errno));
        rc = EXIT_INTERNAL;
    }
    return rc;
}
