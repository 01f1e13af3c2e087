#define _POSIX_C_SOURCE 200809L
#include "ctx.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unbound.h>
#include <unistd.h>

#include "address.h"
#include "alloc.h"
#include "buffer.h"
#include "inet.h"
#include "mxtls/resolve.h"
#include "names.h"
#include "ranges.h"
#include "tls_shared.h"
#include "trust.h"
#include "ub_guard.h"
#include "wait.h"

#define RANGES_FILE_MAX (4u << 20) /* 4 MiB: far above 65536 ranges */

/* Mail hosts of large providers, whose port 25 is open to the world: if
 * none of them answers either, the block is near this machine. Names, not
 * addresses: they are resolved when needed, so they follow the providers. */
static const char *const default_reference_hosts[] = {
    "gmail-smtp-in.l.google.com",
    "outlook-com.olc.protection.outlook.com",
    "mta5.am0.yahoodns.net",
};

static const uint32_t default_timeouts[MXTLS__STAGE_COUNT] = {0, 10000, 30000, 30000, 30000,
                                                              120000};

int mxtls__ctx_fail(mxtls_ctx *ctx, int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mxtls__vformat(ctx->detail, sizeof ctx->detail, fmt, ap);
    va_end(ap);
    return status;
}

const struct mxtls__ranges *mxtls__ctx_proxy_ranges(const mxtls_ctx *ctx)
{
    return ctx->proxy_ranges;
}

mxtls_status mxtls_ctx_new(mxtls_ctx **out)
{
    if (out == NULL)
        return MXTLS_EINVAL;
    *out = NULL;
    mxtls_ctx *ctx = mxtls__calloc(1, sizeof *ctx);
    if (ctx == NULL)
        return MXTLS_ENOMEM;
    memcpy(ctx->timeout_ms, default_timeouts, sizeof ctx->timeout_ms);
    ctx->resolver_mode = MXTLS_RESOLVER_SYSTEM;
    ctx->address_policy = MXTLS_ADDR_ALLOW_ALL;
    ctx->dns_transport = MXTLS_DNS_TRANSPORT_UDP;
    ctx->helo_name = mxtls__strdup("localhost");
    ctx->trust_anchor_file = mxtls__strdup(MXTLS__DEFAULT_TRUST_ANCHOR);
    size_t n_defaults = sizeof default_reference_hosts / sizeof default_reference_hosts[0];
    if (mxtls_ctx_set_reference_hosts(ctx, default_reference_hosts, n_defaults) != MXTLS_OK ||
        ctx->helo_name == NULL || ctx->trust_anchor_file == NULL ||
        mxtls__ranges_builtin(&ctx->proxy_ranges) != MXTLS_OK) {
        mxtls_ctx_free(ctx);
        return MXTLS_ENOMEM;
    }
    *out = ctx;
    return MXTLS_OK;
}

void mxtls_ctx_free(mxtls_ctx *ctx)
{
    if (ctx == NULL)
        return;
    if (ctx->ub != NULL) {
        mxtls__ub_enter();
        ub_ctx_delete(ctx->ub);
        mxtls__ub_leave();
    }
    if (ctx->ub_loop != NULL)
        ctx->ub_loop->free(ctx->ub_loop);
    mxtls__trust_free(ctx->trust);
    if (ctx->chain_facts != NULL)
        ctx->chain_facts_free(ctx->chain_facts);
    mxtls__tls_shared_free(ctx->tls_shared);
    mxtls__free(ctx->helo_name);
    mxtls__free(ctx->ca_file);
    mxtls__free(ctx->ca_dir);
    mxtls__free(ctx->trust_anchor_file);
    mxtls__free(ctx->root_hints_file);
    for (uint32_t i = 0; i < ctx->n_trust_anchors; i++)
        mxtls__free(ctx->trust_anchors[i]);
    mxtls__free(ctx->resolv_conf);
    mxtls__free(ctx->forwarder);
    for (uint32_t i = 0; i < ctx->n_stub_zones; i++) {
        mxtls__free(ctx->stub_zones[i].zone);
        mxtls__free(ctx->stub_zones[i].server);
    }
    mxtls__free(ctx->proxy_ranges_file);
    mxtls__ranges_free(ctx->proxy_ranges);
    for (uint32_t i = 0; i < ctx->n_reference_hosts; i++)
        mxtls__free(ctx->reference_hosts[i]);
    mxtls__free(ctx);
}

const char *mxtls_ctx_error_detail(const mxtls_ctx *ctx)
{
    return ctx ? ctx->detail : "";
}

void mxtls__ctx_attach(mxtls_ctx *ctx)
{
    ctx->engines++;
}

void mxtls__ctx_detach(mxtls_ctx *ctx)
{
    if (ctx->engines > 0)
        ctx->engines--;
}

/* Common checks of a setter's arguments; clears the detail on entry. Every
 * setter starts here, so none can change a context an engine runs on: its
 * checks in flight share the resolver and CA store built from the options,
 * and rebuilding them would happen on a fiber, under queries in flight. */
static int begin(mxtls_ctx *ctx)
{
    if (ctx == NULL)
        return MXTLS_EINVAL;
    ctx->detail[0] = '\0';
    if (ctx->engines > 0)
        return mxtls__ctx_fail(ctx, MXTLS_ESTATE,
                               "the context has an engine attached: change it after "
                               "mxtls_engine_free()");
    return MXTLS_OK;
}

static int check_string(mxtls_ctx *ctx, const char *what, const char *value, size_t max)
{
    if (value == NULL)
        return mxtls__ctx_fail(ctx, MXTLS_EINVAL, "%s: NULL", what);
    size_t len = strnlen(value, max + 1);
    if (len == 0)
        return mxtls__ctx_fail(ctx, MXTLS_EINVAL, "%s: empty", what);
    if (len > max)
        return mxtls__ctx_fail(ctx, MXTLS_EINVAL, "%s: longer than %zu octets", what, max);
    return MXTLS_OK;
}

/* Check that path names a readable regular file (want_dir: a directory). */
static int check_path(mxtls_ctx *ctx, const char *what, const char *path, int want_dir)
{
    struct stat st;
    int status = check_string(ctx, what, path, MXTLS__MAX_PATH);
    if (status != MXTLS_OK)
        return status;
    if (stat(path, &st) != 0)
        return mxtls__ctx_fail(ctx, errno == EACCES ? MXTLS_EACCES : MXTLS_ENOENT,
                               "%s: %s: %s", what, path, strerror(errno));
    if (want_dir ? !S_ISDIR(st.st_mode) : !S_ISREG(st.st_mode))
        return mxtls__ctx_fail(ctx, MXTLS_EINVAL, "%s: %s: not a %s", what, path,
                               want_dir ? "directory" : "regular file");
    if (access(path, want_dir ? R_OK | X_OK : R_OK) != 0)
        return mxtls__ctx_fail(ctx, MXTLS_EACCES, "%s: %s: %s", what, path, strerror(errno));
    return MXTLS_OK;
}

static int store(mxtls_ctx *ctx, char **slot, const char *value)
{
    if (mxtls__replace_string(slot, value) != 0)
        return mxtls__ctx_fail(ctx, MXTLS_ENOMEM, "out of memory");
    return MXTLS_OK;
}

mxtls_status mxtls_ctx_set_timeout_ms(mxtls_ctx *ctx, int32_t stage, uint32_t ms)
{
    int status = begin(ctx);
    if (status != MXTLS_OK)
        return status;
    if (stage < MXTLS_STAGE_ALL || stage >= MXTLS__STAGE_COUNT)
        return mxtls__ctx_fail(ctx, MXTLS_EINVAL, "timeout: unknown stage %d", (int)stage);
    if (ms < 1 || ms > 600000)
        return mxtls__ctx_fail(ctx, MXTLS_ERANGE, "timeout: %u ms is outside 1..600000", ms);
    for (int i = 1; i < MXTLS__STAGE_COUNT; i++)
        if ((stage == MXTLS_STAGE_ALL && i != MXTLS_STAGE_CHECK) || stage == i)
            ctx->timeout_ms[i] = ms;
    return MXTLS_OK;
}

uint32_t mxtls_ctx_get_timeout_ms(const mxtls_ctx *ctx, int32_t stage)
{
    if (ctx == NULL || stage < 1 || stage >= MXTLS__STAGE_COUNT)
        return 0;
    return ctx->timeout_ms[stage];
}

mxtls_status mxtls_ctx_set_helo_name(mxtls_ctx *ctx, const char *name)
{
    int status = begin(ctx);
    if (status == MXTLS_OK)
        status = check_string(ctx, "HELO name", name, MXTLS__MAX_NAME);
    if (status != MXTLS_OK)
        return status;
    if (!mxtls__name_is_valid(name, 0) && !mxtls__is_address_literal(name))
        return mxtls__ctx_fail(ctx, MXTLS_EINVAL,
                               "HELO name: \"%s\" is neither a host name nor an address "
                               "literal such as [192.0.2.1]", name);
    return store(ctx, &ctx->helo_name, name);
}

const char *mxtls_ctx_get_helo_name(const mxtls_ctx *ctx)
{
    return ctx ? ctx->helo_name : NULL;
}

/* Setter for an optional path: NULL resets to default_value. */
static int set_optional_path(mxtls_ctx *ctx, const char *what, char **slot, const char *path,
                             int want_dir, const char *default_value)
{
    int status = begin(ctx);
    if (status != MXTLS_OK)
        return status;
    if (path != NULL && (status = check_path(ctx, what, path, want_dir)) != MXTLS_OK)
        return status;
    return store(ctx, slot, path ? path : default_value);
}

mxtls_status mxtls_ctx_set_ca_file(mxtls_ctx *ctx, const char *path)
{
    return set_optional_path(ctx, "CA file", ctx ? &ctx->ca_file : NULL, path, 0, NULL);
}

const char *mxtls_ctx_get_ca_file(const mxtls_ctx *ctx)
{
    return ctx ? ctx->ca_file : NULL;
}

mxtls_status mxtls_ctx_set_ca_dir(mxtls_ctx *ctx, const char *path)
{
    return set_optional_path(ctx, "CA directory", ctx ? &ctx->ca_dir : NULL, path, 1, NULL);
}

const char *mxtls_ctx_get_ca_dir(const mxtls_ctx *ctx)
{
    return ctx ? ctx->ca_dir : NULL;
}

mxtls_status mxtls_ctx_set_trust_anchor_file(mxtls_ctx *ctx, const char *path)
{
    int status = set_optional_path(ctx, "trust-anchor file",
                                   ctx ? &ctx->trust_anchor_file : NULL, path, 0,
                                   MXTLS__DEFAULT_TRUST_ANCHOR);
    if (status == MXTLS_OK)
        ctx->resolver_generation++;
    return status;
}

const char *mxtls_ctx_get_trust_anchor_file(const mxtls_ctx *ctx)
{
    return ctx ? ctx->trust_anchor_file : NULL;
}

mxtls_status mxtls_ctx_set_root_hints_file(mxtls_ctx *ctx, const char *path)
{
    int status = set_optional_path(ctx, "root-hints file", ctx ? &ctx->root_hints_file : NULL,
                                   path, 0, NULL);
    if (status == MXTLS_OK)
        ctx->resolver_generation++;
    return status;
}

const char *mxtls_ctx_get_root_hints_file(const mxtls_ctx *ctx)
{
    return ctx ? ctx->root_hints_file : NULL;
}

mxtls_status mxtls_ctx_add_trust_anchor(mxtls_ctx *ctx, const char *rr)
{
    int status = begin(ctx);
    if (status == MXTLS_OK)
        status = check_string(ctx, "trust anchor", rr, 4096);
    if (status != MXTLS_OK)
        return status;
    if (strstr(rr, " DS ") == NULL && strstr(rr, " DNSKEY ") == NULL)
        return mxtls__ctx_fail(ctx, MXTLS_EINVAL,
                               "trust anchor: expected a DS or DNSKEY record in "
                               "presentation format");
    if (ctx->n_trust_anchors >= MXTLS__MAX_TRUST_ANCHORS)
        return mxtls__ctx_fail(ctx, MXTLS_ERANGE, "trust anchor: at most %u",
                               MXTLS__MAX_TRUST_ANCHORS);
    char *copy = mxtls__strdup(rr);
    if (copy == NULL)
        return mxtls__ctx_fail(ctx, MXTLS_ENOMEM, "out of memory");
    ctx->trust_anchors[ctx->n_trust_anchors++] = copy;
    ctx->resolver_generation++;
    return MXTLS_OK;
}

int mxtls__parse_server(const char *text, char *out, size_t out_size)
{
    char addr[64];
    unsigned long port = 53;
    const char *at = strchr(text, '@');
    size_t addr_len = at ? (size_t)(at - text) : strlen(text);
    if (addr_len == 0 || addr_len >= sizeof addr)
        return -1;
    memcpy(addr, text, addr_len);
    addr[addr_len] = '\0';
    if (mxtls__inet_parse(addr, 0, NULL) == 0)
        return -1;
    if (at != NULL) {
        const char *p = at + 1;
        if (*p == '\0')
            return -1;
        for (port = 0; *p; p++)
            if (*p < '0' || *p > '9' || (port = port * 10 + (unsigned long)(*p - '0')) > 65535)
                return -1;
        if (port == 0)
            return -1;
    }
    int n = snprintf(out, out_size, "%s@%lu", addr, port);
    return n > 0 && (size_t)n < out_size ? 0 : -1;
}

mxtls_status mxtls_ctx_use_system_resolver(mxtls_ctx *ctx, const char *resolv_conf)
{
    int status = begin(ctx);
    if (status != MXTLS_OK)
        return status;
    if (resolv_conf != NULL &&
        (status = check_path(ctx, "resolv.conf", resolv_conf, 0)) != MXTLS_OK)
        return status;
    if ((status = store(ctx, &ctx->resolv_conf, resolv_conf)) != MXTLS_OK)
        return status;
    ctx->resolver_mode = MXTLS_RESOLVER_SYSTEM;
    ctx->resolver_generation++;
    return MXTLS_OK;
}

mxtls_status mxtls_ctx_use_forwarder(mxtls_ctx *ctx, const char *server)
{
    char canonical[80];
    int status = begin(ctx);
    if (status == MXTLS_OK)
        status = check_string(ctx, "forwarder", server, 70);
    if (status != MXTLS_OK)
        return status;
    if (mxtls__parse_server(server, canonical, sizeof canonical) != 0)
        return mxtls__ctx_fail(ctx, MXTLS_EINVAL,
                               "forwarder: \"%s\" is not ADDRESS or ADDRESS@PORT", server);
    if ((status = store(ctx, &ctx->forwarder, canonical)) != MXTLS_OK)
        return status;
    ctx->resolver_mode = MXTLS_RESOLVER_FORWARDER;
    ctx->resolver_generation++;
    return MXTLS_OK;
}

mxtls_status mxtls_ctx_use_recursion(mxtls_ctx *ctx)
{
    int status = begin(ctx);
    if (status != MXTLS_OK)
        return status;
    ctx->resolver_mode = MXTLS_RESOLVER_RECURSIVE;
    ctx->resolver_generation++;
    return MXTLS_OK;
}

int32_t mxtls_ctx_get_resolver_mode(const mxtls_ctx *ctx)
{
    return ctx ? ctx->resolver_mode : 0;
}

const char *mxtls_ctx_get_forwarder(const mxtls_ctx *ctx)
{
    return ctx && ctx->resolver_mode == MXTLS_RESOLVER_FORWARDER ? ctx->forwarder : NULL;
}

/* Lower-case copy of zone without its trailing dot. */
static char *normalise_zone(const char *zone)
{
    size_t len = strlen(zone);
    if (len > 1 && zone[len - 1] == '.')
        len--;
    char *copy = mxtls__strndup(zone, len);
    for (char *p = copy; p && *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return copy;
}

mxtls_status mxtls_ctx_add_stub_zone(mxtls_ctx *ctx, const char *zone,
                                     const char *server)
{
    char canonical[80];
    int status = begin(ctx);
    if (status == MXTLS_OK)
        status = check_string(ctx, "stub zone", zone, MXTLS__MAX_NAME + 1);
    if (status == MXTLS_OK)
        status = check_string(ctx, "stub zone server", server, 70);
    if (status != MXTLS_OK)
        return status;
    if (!mxtls__name_is_valid(zone, MXTLS__NAME_ALLOW_UNDERSCORE))
        return mxtls__ctx_fail(ctx, MXTLS_EINVAL, "stub zone: \"%s\" is not a DNS name", zone);
    if (mxtls__parse_server(server, canonical, sizeof canonical) != 0)
        return mxtls__ctx_fail(ctx, MXTLS_EINVAL,
                               "stub zone server: \"%s\" is not ADDRESS or ADDRESS@PORT",
                               server);
    if (ctx->n_stub_zones >= MXTLS__MAX_STUB_ZONES)
        return mxtls__ctx_fail(ctx, MXTLS_ERANGE, "stub zone: at most %u",
                               MXTLS__MAX_STUB_ZONES);
    struct mxtls__stub_zone *stub = &ctx->stub_zones[ctx->n_stub_zones];
    stub->zone = normalise_zone(zone);
    stub->server = mxtls__strdup(canonical);
    if (stub->zone == NULL || stub->server == NULL) {
        mxtls__free(stub->zone);
        mxtls__free(stub->server);
        stub->zone = stub->server = NULL;
        return mxtls__ctx_fail(ctx, MXTLS_ENOMEM, "out of memory");
    }
    ctx->n_stub_zones++;
    ctx->resolver_generation++;
    return MXTLS_OK;
}

/* Read at most max octets of path into a new NUL-terminated buffer. */
static int read_small_file(mxtls_ctx *ctx, const char *path, size_t max, char **out,
                           size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return mxtls__ctx_fail(ctx, MXTLS_EACCES, "%s: %s", path, strerror(errno));
    char *buf = mxtls__malloc(max + 1);
    size_t used = 0;
    ssize_t n = 0;
    while (buf != NULL && used <= max && (n = read(fd, buf + used, max + 1 - used)) > 0)
        used += (size_t)n;
    close(fd);
    if (buf == NULL)
        return mxtls__ctx_fail(ctx, MXTLS_ENOMEM, "out of memory");
    if (n < 0 || used > max) {
        mxtls__free(buf);
        return n < 0 ? mxtls__ctx_fail(ctx, MXTLS_EIO, "%s: %s", path, strerror(errno))
                     : mxtls__ctx_fail(ctx, MXTLS_EFORMAT, "%s: larger than %zu octets",
                                       path, max);
    }
    buf[used] = '\0';
    *out = buf;
    *len = used;
    return MXTLS_OK;
}

mxtls_status mxtls_ctx_set_proxy_ranges_file(mxtls_ctx *ctx, const char *path)
{
    struct mxtls__ranges *ranges = NULL;
    int status = begin(ctx);
    if (status != MXTLS_OK)
        return status;
    if (path == NULL) {
        status = mxtls__ranges_builtin(&ranges);
    } else {
        char *text = NULL;
        size_t len = 0;
        if ((status = check_path(ctx, "proxy-ranges file", path, 0)) != MXTLS_OK ||
            (status = read_small_file(ctx, path, RANGES_FILE_MAX, &text, &len)) != MXTLS_OK)
            return status;
        status = mxtls__ranges_parse(text, len, &ranges, ctx->detail, sizeof ctx->detail);
        mxtls__free(text);
    }
    if (status != MXTLS_OK)
        return status == MXTLS_ENOMEM ? mxtls__ctx_fail(ctx, status, "out of memory") : status;
    if (mxtls__replace_string(&ctx->proxy_ranges_file, path) != 0) {
        mxtls__ranges_free(ranges);
        return mxtls__ctx_fail(ctx, MXTLS_ENOMEM, "out of memory");
    }
    mxtls__ranges_free(ctx->proxy_ranges);
    ctx->proxy_ranges = ranges;
    return MXTLS_OK;
}

const char *mxtls_ctx_get_proxy_ranges_file(const mxtls_ctx *ctx)
{
    return ctx ? ctx->proxy_ranges_file : NULL;
}

mxtls_status mxtls_ctx_set_address_policy(mxtls_ctx *ctx, int32_t policy)
{
    int status = begin(ctx);
    if (status != MXTLS_OK)
        return status;
    if (policy != MXTLS_ADDR_ALLOW_ALL && policy != MXTLS_ADDR_PUBLIC_ONLY)
        return mxtls__ctx_fail(ctx, MXTLS_EINVAL, "address policy: unknown value %d",
                               (int)policy);
    /* The policy decides where libunbound may send queries: a resolver
     * built under another one is rebuilt on next use. */
    if (ctx->address_policy != policy)
        ctx->resolver_generation++;
    ctx->address_policy = policy;
    return MXTLS_OK;
}

int32_t mxtls_ctx_get_address_policy(const mxtls_ctx *ctx)
{
    return ctx ? ctx->address_policy : MXTLS_ADDR_ALLOW_ALL;
}

mxtls_status mxtls_ctx_set_dns_transport(mxtls_ctx *ctx, int32_t transport)
{
    int status = begin(ctx);
    if (status != MXTLS_OK)
        return status;
    if (transport != MXTLS_DNS_TRANSPORT_UDP && transport != MXTLS_DNS_TRANSPORT_TCP)
        return mxtls__ctx_fail(ctx, MXTLS_EINVAL, "DNS transport: unknown value %d",
                               (int)transport);
    if (ctx->dns_transport != transport)
        ctx->resolver_generation++;
    ctx->dns_transport = transport;
    return MXTLS_OK;
}

int32_t mxtls_ctx_get_dns_transport(const mxtls_ctx *ctx)
{
    return ctx ? ctx->dns_transport : MXTLS_DNS_TRANSPORT_UDP;
}

mxtls_status mxtls_ctx_set_reference_hosts(mxtls_ctx *ctx, const char *const *names, size_t n)
{
    int status = begin(ctx);
    if (status != MXTLS_OK)
        return status;
    if (n > MXTLS__MAX_REFERENCE_HOSTS)
        return mxtls__ctx_fail(ctx, MXTLS_ERANGE, "reference hosts: %zu, at most %u", n,
                               MXTLS__MAX_REFERENCE_HOSTS);
    if (n > 0 && names == NULL)
        return mxtls__ctx_fail(ctx, MXTLS_EINVAL, "reference hosts: NULL list");
    char *copies[MXTLS__MAX_REFERENCE_HOSTS] = {NULL};
    for (size_t i = 0; i < n && status == MXTLS_OK; i++) {
        status = check_string(ctx, "reference host", names[i], MXTLS__MAX_NAME);
        if (status == MXTLS_OK && !mxtls__name_is_valid(names[i], 0))
            status = mxtls__ctx_fail(ctx, MXTLS_EINVAL,
                                     "reference host \"%s\": not a host name", names[i]);
        if (status == MXTLS_OK && (copies[i] = mxtls__strdup(names[i])) == NULL)
            status = mxtls__ctx_fail(ctx, MXTLS_ENOMEM, "out of memory");
    }
    if (status != MXTLS_OK) {
        for (size_t i = 0; i < n; i++)
            mxtls__free(copies[i]);
        return status;
    }
    for (uint32_t i = 0; i < ctx->n_reference_hosts; i++)
        mxtls__free(ctx->reference_hosts[i]);
    memcpy(ctx->reference_hosts, copies, sizeof copies);
    ctx->n_reference_hosts = (uint32_t)n;
    ctx->reference_generation++;
    return MXTLS_OK;
}

size_t mxtls_ctx_get_reference_host_count(const mxtls_ctx *ctx)
{
    return ctx ? ctx->n_reference_hosts : 0;
}

const char *mxtls_ctx_get_reference_host(const mxtls_ctx *ctx, size_t i)
{
    return ctx && i < ctx->n_reference_hosts ? ctx->reference_hosts[i] : NULL;
}

uint64_t mxtls__egress_key(const mxtls_ctx *ctx)
{
    const uint32_t parts[] = {ctx->reference_generation, ctx->resolver_generation,
                              (uint32_t)ctx->address_policy,
                              ctx->timeout_ms[MXTLS_STAGE_CONNECT]};
    uint64_t h = 14695981039346656037u; /* FNV-1a */
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        for (int b = 0; b < 32; b += 8) {
            h ^= (parts[i] >> b) & 0xffu;
            h *= 1099511628211u;
        }
    return h;
}

/* The resolve stage's caps are public constants (mxtls/resolve.h), so they
 * are read from there: the foundation calls nothing above it. */
uint32_t mxtls_limit(int32_t which)
{
    switch (which) {
    case MXTLS_LIMIT_NAME_LENGTH: return MXTLS__MAX_NAME;
    case MXTLS_LIMIT_PATH_LENGTH: return MXTLS__MAX_PATH;
    case MXTLS_LIMIT_TRUST_ANCHORS: return MXTLS__MAX_TRUST_ANCHORS;
    case MXTLS_LIMIT_STUB_ZONES: return MXTLS__MAX_STUB_ZONES;
    case MXTLS_LIMIT_PROXY_RANGES: return MXTLS__MAX_PROXY_RANGES;
    case MXTLS_LIMIT_MX_HOSTS: return MXTLS_RESOLVE_MAX_MX_HOSTS;
    case MXTLS_LIMIT_ADDRESSES: return MXTLS_RESOLVE_MAX_ADDRESSES;
    case MXTLS_LIMIT_TLSA: return MXTLS_RESOLVE_MAX_TLSA;
    case MXTLS_LIMIT_TLSA_DATA: return MXTLS_RESOLVE_MAX_TLSA_DATA;
    case MXTLS_LIMIT_TXT_RECORDS: return MXTLS_RESOLVE_MAX_TXT_RECORDS;
    case MXTLS_LIMIT_TXT_BYTES: return MXTLS_RESOLVE_MAX_TXT_BYTES;
    case MXTLS_LIMIT_RUA: return MXTLS_RESOLVE_MAX_RUA;
    case MXTLS_LIMIT_REFERENCE_HOSTS: return MXTLS__MAX_REFERENCE_HOSTS;
    default: return 0;
    }
}
