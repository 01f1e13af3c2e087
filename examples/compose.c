/* mxtls-compose: mxtls_check() rebuilt from the stage functions, to show
 * how a tool that runs the stages itself gets mxtls's diagnosis.
 *
 *   mxtls-compose [--submission] [--json] [--resolver ADDR[@PORT]]
 *                 [--stub ZONE=ADDR[@PORT]] [--trust-anchor FILE]
 *                 [--ca-file FILE] [--proxy-ranges FILE] [--timeout SECONDS]
 *                 TARGET
 *
 * The program resolves the target, fetches the MTA-STS policy when the
 * diagnosis wants it, then connects, runs STARTTLS and verifies for each
 * probe the diagnosis hands out, and prints the report (text, or JSON with
 * --json). Its report is the one mxtls-check prints for the same target:
 * tests/compose_same.py holds it to that for every lab fixture.
 * Exit status: 0 no errors found, 1 errors found, 2 bad usage, 3 mxtls
 * could not run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mxtls/mxtls.h>

/* ------------------------------------------------------------------------
 * The composition: everything mxtls_check() does, with the public calls
 * ------------------------------------------------------------------------ */

/* The address a probe names, in the resolve result the caller kept. */
static const mxtls_address *probe_address(const mxtls_resolve_result *res,
                                          const mxtls_probe *p)
{
    return res->hosts[p->host_index]->addresses[p->address_index];
}

/* One probe: connect, STARTTLS, verify, as far as each gets. */
static mxtls_status run_probe(mxtls_ctx *ctx, mxtls_diagnosis *d,
                              const mxtls_resolve_result *res, const mxtls_probe *p)
{
    mxtls_session *session = NULL;
    mxtls_connect_result *connected = NULL;
    mxtls_tls_result *tls = NULL;
    mxtls_verify_result *verified = NULL;
    mxtls_status status = mxtls_connect(ctx, probe_address(res, p), p->port, p->mode, p->host,
                                        &session, &connected);
    mxtls_tls_params *params = NULL;
    mxtls_status st = mxtls_diagnosis_tls_params(d, &params);
    if (st == MXTLS_OK && session != NULL && params != NULL)
        st = mxtls_starttls(session, params, &tls);
    mxtls_tls_params_free(params);
    mxtls_verify_input *in = NULL;
    if (st == MXTLS_OK)
        st = mxtls_diagnosis_verify_input(d, tls, &in);
    if (st == MXTLS_OK && in != NULL)
        st = mxtls_verify_run(ctx, in, &verified);
    mxtls_verify_input_free(in);
    mxtls_session_close(session);
    if (st != MXTLS_OK) {
        mxtls_connect_result_free(connected);
        mxtls_tls_result_free(tls);
        mxtls_verify_result_free(verified);
        return st;
    }
    /* The diagnosis adopts the results, and decides what to run next. */
    return mxtls_diagnosis_add_probe_result(d, status, connected, tls, verified);
}

/* The domain's MTA-STS policy: the policy host's address, then the fetch. */
static mxtls_status fetch_mtasts(mxtls_ctx *ctx, mxtls_diagnosis *d,
                                 const mxtls_resolve_result *res)
{
    char host[300];
    snprintf(host, sizeof host, "mta-sts.%s", res->a_label);
    mxtls_resolve_result *where = NULL;
    const char *address = NULL;
    mxtls_status st = mxtls_resolve_host(ctx, host, 443, &where);
    if (st == MXTLS_ENOMEM)
        return st;
    if (st == MXTLS_OK && where->n_hosts > 0 && where->hosts[0]->n_addresses > 0)
        address = where->hosts[0]->addresses[0]->text;
    const char **mx = calloc(res->n_hosts + 1, sizeof *mx);
    mxtls_mtasts_result *sts = NULL;
    st = MXTLS_ENOMEM;
    if (mx != NULL) {
        for (size_t i = 0; i < res->n_hosts; i++)
            mx[i] = res->hosts[i]->name;
        const mxtls_txt_set *txt = res->mta_sts->txt;
        st = mxtls_mtasts_check(ctx, res->a_label, txt->records, txt->n_records, address, mx,
                                res->n_hosts, &sts);
    }
    free(mx);
    mxtls_resolve_result_free(where);
    if (st == MXTLS_ENOMEM) {
        mxtls_mtasts_result_free(sts);
        return st;
    }
    return sts != NULL ? mxtls_diagnosis_add_mtasts(d, sts) : MXTLS_OK;
}

static mxtls_status compose(mxtls_ctx *ctx, const char *target, int32_t profile,
                            mxtls_diagnosis *d)
{
    mxtls_resolve_result *res = NULL;
    mxtls_status st = profile == MXTLS_PROFILE_MX ? mxtls_resolve_mx(ctx, target, &res)
                                                  : mxtls_resolve_host(ctx, target, 587, &res);
    if (st != MXTLS_OK || (st = mxtls_diagnosis_add_resolve(d, res)) != MXTLS_OK)
        return st;
    /* res stays valid: the diagnosis owns it now, and its report will. */
    if (mxtls_diagnosis_wants_mtasts(d) && (st = fetch_mtasts(ctx, d, res)) != MXTLS_OK)
        return st;
    for (;;) {
        const mxtls_probe *p = NULL;
        if ((st = mxtls_diagnosis_next_probe(d, &p)) != MXTLS_OK || p == NULL)
            return st;
        if ((st = run_probe(ctx, d, res, p)) != MXTLS_OK)
            return st;
    }
}

/* ------------------------------------------------------------------------
 * The program around it
 * ------------------------------------------------------------------------ */

struct options {
    int json;
    int32_t profile;
    const char *target;
};

static int usage(void)
{
    fprintf(stderr,
            "usage: mxtls-compose [--submission] [--json] [--resolver ADDR[@PORT]]\n"
            "       [--stub ZONE=ADDR[@PORT]] [--trust-anchor FILE] [--ca-file FILE]\n"
            "       [--proxy-ranges FILE] [--timeout SECONDS] TARGET\n");
    return 2;
}

static mxtls_status add_stub(mxtls_ctx *ctx, const char *arg)
{
    char zone[256];
    const char *eq = strchr(arg, '=');
    if (eq == NULL || (size_t)(eq - arg) >= sizeof zone)
        return MXTLS_EINVAL;
    memcpy(zone, arg, (size_t)(eq - arg));
    zone[eq - arg] = '\0';
    return mxtls_ctx_add_stub_zone(ctx, zone, eq + 1);
}

/* One option with its value; 1 when name was not one of them. */
static int set_option(mxtls_ctx *ctx, const char *name, const char *value, mxtls_status *st)
{
    if (!strcmp(name, "--resolver"))
        *st = mxtls_ctx_use_forwarder(ctx, value);
    else if (!strcmp(name, "--stub"))
        *st = add_stub(ctx, value);
    else if (!strcmp(name, "--trust-anchor"))
        *st = mxtls_ctx_set_trust_anchor_file(ctx, value);
    else if (!strcmp(name, "--ca-file"))
        *st = mxtls_ctx_set_ca_file(ctx, value);
    else if (!strcmp(name, "--proxy-ranges"))
        *st = mxtls_ctx_set_proxy_ranges_file(ctx, value);
    else if (!strcmp(name, "--timeout"))
        *st = mxtls_ctx_set_timeout_ms(ctx, MXTLS_STAGE_ALL, (uint32_t)(atof(value) * 1000));
    else
        return 1;
    return 0;
}

/* 0, 2 for bad usage, 3 when a setting could not be applied. */
static int parse(int argc, char **argv, mxtls_ctx *ctx, struct options *o)
{
    *o = (struct options){.profile = MXTLS_PROFILE_MX};
    for (int i = 1; i < argc; i++) {
        mxtls_status st = MXTLS_OK;
        if (!strcmp(argv[i], "--json"))
            o->json = 1;
        else if (!strcmp(argv[i], "--submission"))
            o->profile = MXTLS_PROFILE_SUBMISSION;
        else if (argv[i][0] != '-' && o->target == NULL)
            o->target = argv[i];
        else if (i + 1 >= argc || set_option(ctx, argv[i], argv[i + 1], &st))
            return usage();
        else if (++i, st != MXTLS_OK) {
            fprintf(stderr, "mxtls-compose: %s: %s\n", argv[i - 1],
                    mxtls_ctx_error_detail(ctx));
            return st == MXTLS_EINVAL || st == MXTLS_ERANGE ? 2 : 3;
        }
    }
    return o->target != NULL ? 0 : usage();
}

static int print_report(const mxtls_report *report, int json)
{
    mxtls_buffer *out = NULL;
    mxtls_status st = json ? mxtls_report_json(report, 0, &out)
                           : mxtls_report_text(report, 0, &out);
    if (st != MXTLS_OK)
        return 3;
    fputs(out->data, stdout);
    if (json)
        putchar('\n');
    mxtls_buffer_free(out);
    /* As mxtls-check: 1 for an error in the target, 3 when the checker's
     * environment kept the check from running. */
    if (report->verdict == MXTLS_VERDICT_ERROR)
        return 1;
    return report->environment_verdict == MXTLS_VERDICT_ERROR ? 3 : 0;
}

int main(int argc, char **argv)
{
    mxtls_ctx *ctx = NULL;
    if (mxtls_ctx_new(&ctx) != MXTLS_OK)
        return 3;
    struct options o;
    int rc = parse(argc, argv, ctx, &o);
    mxtls_diagnosis *d = NULL;
    mxtls_report *report = NULL;
    if (rc == 0 && mxtls_diagnosis_new(o.target, o.profile, NULL, &d) != MXTLS_OK)
        rc = 3;
    if (rc == 0) {
        mxtls_status st = compose(ctx, o.target, o.profile, d);
        if (st == MXTLS_OK)
            st = mxtls_diagnosis_finish(d, &report);
        if (st != MXTLS_OK) {
            fprintf(stderr, "mxtls-compose: %s: %s\n", mxtls_strerror(st),
                    mxtls_ctx_error_detail(ctx));
            rc = st == MXTLS_EINVAL ? 2 : 3;
        }
    }
    if (report != NULL)
        rc = print_report(report, o.json);
    mxtls_report_free(report);
    mxtls_diagnosis_free(d);
    mxtls_ctx_free(ctx);
    return rc;
}
