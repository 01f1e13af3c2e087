/* Every allocation of the connect and starttls stages, failed in turn,
 * gives MXTLS_ENOMEM with nothing leaked (ASan and valgrind check that), on
 * the success path and on failure paths that build other results.
 * Linked from the internal build; run under with_lab.py --certs --smtp. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mxtls/mxtls.h>

#include "../src/core/alloc.h"
#include "faultinject.h"
#include "testlib.h"

static mxtls_ctx *g_ctx;
static mxtls_address *g_addr;
static int32_t g_port;
static int32_t g_mode;
static const char *g_sni;    /* NULL: the default (the server name) */

/* Point the op at MXTLS_LAB_FAULT_<key>. */
static void target(const char *key, int32_t mode)
{
    char var[96], host[64];
    snprintf(var, sizeof var, "MXTLS_LAB_FAULT_%s", key);
    const char *v = mxtls_test_env(var), *colon = strrchr(v, ':');
    ck_assert_ptr_nonnull(colon);
    ck_assert_uint_lt((size_t)(colon - v), sizeof host);
    memcpy(host, v, (size_t)(colon - v));
    host[colon - v] = '\0';
    g_port = atoi(colon + 1);
    g_mode = mode;
    ck_assert_int_eq(mxtls_ctx_new(&g_ctx), MXTLS_OK);
    ck_assert_int_eq(mxtls_ctx_set_timeout_ms(g_ctx, MXTLS_STAGE_ALL, 3000), MXTLS_OK);
    ck_assert_int_eq(mxtls_address_parse(g_ctx, host, &g_addr), MXTLS_OK);
}

static void untarget(void)
{
    mxtls_address_free(g_addr);
    mxtls_ctx_free(g_ctx);
}

static int session_op(void)
{
    mxtls_session *s = NULL;
    mxtls_connect_result *cr = NULL;
    mxtls_tls_result *tr = NULL;
    mxtls_tls_params *p = NULL;
    int status = mxtls_connect(g_ctx, g_addr, g_port, g_mode, "mail.mxtls.test", &s, &cr);
    if (status == MXTLS_OK && s && (status = mxtls_tls_params_new(&p)) == MXTLS_OK &&
        (!g_sni || (status = mxtls_tls_params_set_sni(p, g_sni)) == MXTLS_OK) &&
        (status = mxtls_tls_params_set_priority(p, "NORMAL")) == MXTLS_OK)
        status = mxtls_starttls(s, p, &tr);
    if (status == MXTLS_OK)
        ck_assert_ptr_nonnull(cr);
    mxtls_tls_params_free(p);
    mxtls_tls_result_free(tr);
    mxtls_session_close(s);
    mxtls_connect_result_free(cr);
    return status;
}

START_TEST(enomem_on_the_success_path)
{
    target("GOOD", MXTLS_MODE_STARTTLS);
    g_sni = NULL;
    int sites = mxtls_test_each_allocation_failing(session_op, 2000);
    printf("# success path: %d allocation sites\n", sites);
    ck_assert_int_ge(sites, 20);
    untarget();
}
END_TEST

START_TEST(enomem_on_failure_paths)
{
    static const char *keys[] = {"SNI_UNDERSCORE", "HTTP_400", "STARTTLS_454",
                                 "TLS_GARBAGE", "CODE_CHANGE"};
    g_sni = "_dc-mx.1.mxtls.test";   /* alert 47 from SNI_UNDERSCORE */
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        target(keys[i], MXTLS_MODE_STARTTLS);
        int sites = mxtls_test_each_allocation_failing(session_op, 2000);
        printf("# %s: %d allocation sites\n", keys[i], sites);
        ck_assert_int_ge(sites, 5);
        untarget();
    }
    target("IMPLICIT_TLS", MXTLS_MODE_IMPLICIT_TLS);
    ck_assert_int_ge(mxtls_test_each_allocation_failing(session_op, 2000), 10);
    untarget();
}
END_TEST

static Suite *enomem_suite(void)
{
    Suite *s = suite_create("connect-enomem");
    TCase *t = tcase_create("enomem");
    tcase_set_timeout(t, 120);
    tcase_add_test(t, enomem_on_the_success_path);
    tcase_add_test(t, enomem_on_failure_paths);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return mxtls_test_run(enomem_suite());
}
