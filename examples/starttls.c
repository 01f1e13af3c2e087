/* mxtls-starttls: connect, upgrade to TLS and print what was seen, like a
 * short posttls-finger.
 *
 *   mxtls-starttls [--implicit] [--port N] [--name HOST] [--sni NAME | --no-sni]
 *                  [--tls12] [--timeout MS] ADDRESS
 *
 * --name is the host name the sender uses (the default SNI). --sni sends any
 * name, underscores included (to reproduce the alert-47 failure); --no-sni
 * sends none. The chain is printed as sent, not verified. Exit status: 0 when
 * TLS came up, 1 when the server failed somewhere, 2 for bad usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mxtls/mxtls.h>

struct options {
    const char *address, *name, *sni;
    int no_sni, tls12, port, mode;
    unsigned timeout;
};

static int usage(void)
{
    fprintf(stderr, "usage: mxtls-starttls [--implicit] [--port N] [--name HOST] "
                    "[--sni NAME | --no-sni] [--tls12] [--timeout MS] ADDRESS\n");
    return 2;
}

static int parse(int argc, char **argv, struct options *o)
{
    *o = (struct options){.port = 25, .mode = MXTLS_MODE_STARTTLS, .timeout = 10000};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--implicit"))
            o->mode = MXTLS_MODE_IMPLICIT_TLS;
        else if (!strcmp(a, "--no-sni"))
            o->no_sni = 1;
        else if (!strcmp(a, "--tls12"))
            o->tls12 = 1;
        else if (v && !strcmp(a, "--port"))
            o->port = atoi(argv[++i]);
        else if (v && !strcmp(a, "--name"))
            o->name = argv[++i];
        else if (v && !strcmp(a, "--sni"))
            o->sni = argv[++i];
        else if (v && !strcmp(a, "--timeout"))
            o->timeout = (unsigned)atoi(argv[++i]);
        else if (a[0] != '-' && !o->address)
            o->address = a;
        else
            return -1;
    }
    if (o->port == 465 && o->mode == MXTLS_MODE_STARTTLS)
        fprintf(stderr, "mxtls-starttls: note: port 465 is usually implicit TLS "
                        "(--implicit)\n");
    return o->address ? 0 : -1;
}

static void print_lines(const char *prefix, size_t n, const char *const *lines)
{
    for (size_t i = 0; i < n; i++)
        printf("%s%s\n", prefix, lines[i]);
}

static void print_connect(const mxtls_connect_result *r)
{
    printf("connect  %s port %d: %s\n", r->address, (int)r->port, r->detail);
    if (r->connect_ms >= 0)
        printf("timing   connect %lld ms, banner %lld ms, EHLO %lld ms\n",
               (long long)r->connect_ms, (long long)r->banner_ms, (long long)r->ehlo_ms);
    if (r->banner_code)
        printf("banner   %d %s\n", (int)r->banner_code, r->banner);
    print_lines("ehlo     ", r->n_ehlo_lines, r->ehlo_lines);
    if (r->caps->starttls_masked)
        printf("warning  a firewall masks STARTTLS as XXXXXXXA (SMTP inspection)\n");
    if (r->caps->malformed)
        printf("warning  the EHLO reply lists capabilities before its greeting line\n");
}

static void print_tls(const mxtls_tls_result *t)
{
    printf("tls      %s\n", t->detail);
    if (t->starttls_code)
        printf("starttls %d %s\n", (int)t->starttls_code, t->starttls_text);
    printf("sni      %s\n", t->sni ? t->sni : "(none)");
    if (t->version)
        printf("params   %s, %s, kx %s, group %s, sig %s%s\n", t->version_name,
               t->cipher_suite, t->kx ? t->kx : "-", t->group ? t->group : "-",
               t->sigalg ? t->sigalg : "-", t->ocsp_stapled ? ", OCSP stapled" : "");
    if (t->dh_prime_bits)
        printf("dh       %d-bit prime\n", (int)t->dh_prime_bits);
    if (t->alert_received >= 0)
        printf("alert    received %d (%s)\n", (int)t->alert_received,
               t->alert_received_name ? t->alert_received_name : "?");
    if (t->alert_sent >= 0)
        printf("alert    sent %d (%s)\n", (int)t->alert_sent,
               t->alert_sent_name ? t->alert_sent_name : "?");
    if (t->gnutls_error)
        printf("gnutls   %s: %s\n", t->gnutls_error_name, t->gnutls_error_text);
    for (size_t i = 0; i < t->n_peer_certs; i++)
        printf("cert[%zu]  %zu octets of DER\n", i, t->peer_cert_lens[i]);
    print_lines("ehlo+tls ", t->n_ehlo_lines, t->ehlo_lines);
}

static mxtls_tls_params *make_params(const struct options *o)
{
    mxtls_tls_params *p = NULL;
    if (mxtls_tls_params_new(&p) != MXTLS_OK)
        return NULL;
    if ((o->sni || o->no_sni) && mxtls_tls_params_set_sni(p, o->sni) != MXTLS_OK)
        fprintf(stderr, "mxtls-starttls: bad --sni, using the default\n");
    if (o->tls12)
        mxtls_tls_params_set_versions(p, MXTLS_TLS_1_2, MXTLS_TLS_1_2);
    return p;
}

static int run(mxtls_ctx *ctx, const mxtls_address *a, const struct options *o)
{
    mxtls_session *s = NULL;
    mxtls_connect_result *cr = NULL;
    mxtls_status st = mxtls_connect(ctx, a, o->port, o->mode, o->name, &s, &cr);
    if (st != MXTLS_OK) {
        fprintf(stderr, "mxtls-starttls: %s\n", mxtls_strerror(st));
        return 2;
    }
    print_connect(cr);
    int rc = 1;
    mxtls_tls_params *p = s ? make_params(o) : NULL;
    mxtls_tls_result *t = NULL;
    if (p && mxtls_starttls(s, p, &t) == MXTLS_OK) {
        print_tls(t);
        rc = t->failure == MXTLS_TLS_OK ? 0 : 1;
    }
    mxtls_tls_result_free(t);
    mxtls_tls_params_free(p);
    mxtls_session_close(s);
    mxtls_connect_result_free(cr);
    return rc;
}

int main(int argc, char **argv)
{
    struct options o;
    if (parse(argc, argv, &o) < 0)
        return usage();
    mxtls_ctx *ctx = NULL;
    mxtls_address *a = NULL;
    if (mxtls_ctx_new(&ctx) != MXTLS_OK)
        return 3;
    int rc = 2;
    if (mxtls_ctx_set_timeout_ms(ctx, MXTLS_STAGE_ALL, o.timeout) != MXTLS_OK)
        fprintf(stderr, "mxtls-starttls: %s\n", mxtls_ctx_error_detail(ctx));
    else if (mxtls_address_parse(ctx, o.address, &a) != MXTLS_OK)
        fprintf(stderr, "mxtls-starttls: \"%s\" is not an IP address\n", o.address);
    else
        rc = run(ctx, a, &o);
    mxtls_address_free(a);
    mxtls_ctx_free(ctx);
    return rc;
}
