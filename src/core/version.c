#include "mxtls/common.h"
#include "mxtls/version.h"

MXTLS_EXPORT uint32_t mxtls_version(void)
{
    return MXTLS_VERSION_NUMBER;
}

MXTLS_EXPORT const char *mxtls_version_string(void)
{
    return MXTLS_VERSION_STRING;
}
