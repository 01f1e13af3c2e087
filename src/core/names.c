#define _POSIX_C_SOURCE 200809L
#include "names.h"

#include <string.h>

#include "inet.h"

static int label_char_ok(char c, int flags)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || (c == '_' && (flags & MXTLS__NAME_ALLOW_UNDERSCORE));
}

int mxtls__name_is_valid(const char *name, int flags)
{
    size_t len = strlen(name);
    if (len > 0 && name[len - 1] == '.')
        len--;
    if (len == 0 || len > 253)
        return 0;
    size_t label = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || name[i] == '.') {
            if (label == 0 || label > 63 || name[i - 1] == '-' || name[i - label] == '-')
                return 0;
            label = 0;
        } else if (!label_char_ok(name[i], flags)) {
            return 0;
        } else {
            label++;
        }
    }
    return 1;
}

int mxtls__is_address_literal(const char *text)
{
    char inner[64];
    size_t len = strlen(text);
    if (len < 3 || text[0] != '[' || text[len - 1] != ']' || len - 2 >= sizeof inner)
        return 0;
    memcpy(inner, text + 1, len - 2);
    inner[len - 2] = '\0';
    if (strncmp(inner, "IPv6:", 5) == 0)
        return mxtls__inet_parse(inner + 5, 0, NULL) == 6;
    return mxtls__inet_parse(inner, 0, NULL) == 4;
}

int mxtls__sni_is_valid(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > 255)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)name[i] <= 0x20 || (unsigned char)name[i] >= 0x7f)
            return 0;
    return 1;
}
