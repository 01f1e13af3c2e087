/* The per-check options: what the CLI's --port, --implicit-tls, --sni and
 * -4/-6 set. Plain data read by mxtls_check_with(). */
#include <string.h>

#include "alloc.h"
#include "options.h"
#include "names.h"

mxtls_status mxtls_check_options_new(mxtls_check_options **out)
{
    if (out == NULL)
        return MXTLS_EINVAL;
    *out = mxtls__calloc(1, sizeof **out);
    if (*out == NULL)
        return MXTLS_ENOMEM;
    (*out)->implicit_tls = -1;
    return MXTLS_OK;
}

void mxtls_check_options_free(mxtls_check_options *options)
{
    if (options == NULL)
        return;
    mxtls__free(options->sni);
    mxtls__free(options);
}

mxtls_status mxtls_check_options_set_port(mxtls_check_options *options, int32_t port)
{
    if (options == NULL)
        return MXTLS_EINVAL;
    if (port < 0 || port > 65535)
        return MXTLS_ERANGE;
    options->port = port;
    return MXTLS_OK;
}

mxtls_status mxtls_check_options_set_implicit_tls(mxtls_check_options *options, int32_t on)
{
    if (options == NULL || (on != 0 && on != 1))
        return MXTLS_EINVAL;
    options->implicit_tls = on;
    return MXTLS_OK;
}

mxtls_status mxtls_check_options_set_sni(mxtls_check_options *options, const char *name)
{
    if (options == NULL || (name != NULL && !mxtls__sni_is_valid(name)))
        return MXTLS_EINVAL;
    return mxtls__replace_string(&options->sni, name) == 0 ? MXTLS_OK : MXTLS_ENOMEM;
}

mxtls_status mxtls_check_options_set_family(mxtls_check_options *options, int32_t family)
{
    if (options == NULL || (family != 0 && family != 4 && family != 6))
        return MXTLS_EINVAL;
    options->family = family;
    return MXTLS_OK;
}

mxtls_status mxtls_check_options_set_progress(mxtls_check_options *options,
                                              mxtls_progress_fn fn, void *user)
{
    if (options == NULL)
        return MXTLS_EINVAL;
    options->progress = fn;
    options->progress_user = user;
    return MXTLS_OK;
}

mxtls_status mxtls_check_options_set_probes_at_once(mxtls_check_options *options, int32_t n)
{
    if (options == NULL)
        return MXTLS_EINVAL;
    if (n < 0 || n > MXTLS_CHECK_MAX_PROBES_AT_ONCE)
        return MXTLS_ERANGE;
    options->probes_at_once = n;
    return MXTLS_OK;
}
