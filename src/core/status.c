/* Status texts and names, generated from the one table in common.h. */
#include "mxtls/common.h"

const char *mxtls_strerror(int status)
{
    switch (status) {
#define MXTLS__STATUS_TEXT(name, value, text) case value: return text;
        MXTLS_STATUS_MAP(MXTLS__STATUS_TEXT)
#undef MXTLS__STATUS_TEXT
    default:
        return "unknown status";
    }
}

const char *mxtls_status_name(int status)
{
    switch (status) {
#define MXTLS__STATUS_NAME(name, value, text) case value: return "MXTLS_" #name;
        MXTLS_STATUS_MAP(MXTLS__STATUS_NAME)
#undef MXTLS__STATUS_NAME
    default:
        return "MXTLS_UNKNOWN";
    }
}
