#include "mxtls/common.h"
#include "mxtls/version.h"

uint32_t mxtls_version(void)
{
    return MXTLS_VERSION_NUMBER;
}

const char *mxtls_version_string(void)
{
    return MXTLS_VERSION_STRING;
}
