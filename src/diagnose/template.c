#define _POSIX_C_SOURCE 200809L
#include "template.h"

#include <string.h>

#include "alloc.h"

struct var_slot {
    const char *name;
    size_t offset;
};

#define VAR(n) {#n, offsetof(struct mxtls__vars, n)}
static const struct var_slot var_slots[] = {
    VAR(host), VAR(address), VAR(port), VAR(domain), VAR(names),
    VAR(sni), VAR(alert), VAR(detail), VAR(date), VAR(sender),
};
#undef VAR

static const struct var_slot *find_var(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof var_slots / sizeof var_slots[0]; i++)
        if (strlen(var_slots[i].name) == len && memcmp(var_slots[i].name, name, len) == 0)
            return &var_slots[i];
    return NULL;
}

int mxtls__template_var_known(const char *name, size_t len)
{
    return find_var(name, len) != NULL;
}

/* The output: with buf NULL it only measures, so that the result can be
 * allocated at its exact size in a second pass. */
struct out {
    char *buf;
    size_t len;
};

/* Append n octets of s, cutting with "..." at the size bound. */
static void put(struct out *o, const char *s, size_t n)
{
    size_t room = MXTLS__TEMPLATE_MAX - o->len, dots = 0;
    if (n > room) {
        n = room >= 3 ? room - 3 : 0;
        dots = room - n;
    }
    if (o->buf) {
        memcpy(o->buf + o->len, s, n);
        memcpy(o->buf + o->len + n, "...", dots);
    }
    o->len += n + dots;
}

/* Expand one "{...}" whose inside is inner[0..len); returns 1 if it was a
 * variable, 0 to copy it literally. */
static int put_var(struct out *o, const char *inner, size_t len, const struct mxtls__vars *vars)
{
    const char *bar = memchr(inner, '|', len);
    size_t name_len = bar ? (size_t)(bar - inner) : len;
    const struct var_slot *slot = find_var(inner, name_len);
    if (slot == NULL)
        return 0;
    const char *value = vars ? *(const char *const *)((const char *)vars + slot->offset) : NULL;
    if (value != NULL)
        put(o, value, strlen(value));
    else if (bar != NULL)
        put(o, bar + 1, len - name_len - 1);
    return 1;
}

static void expand_into(struct out *o, const char *tmpl, const struct mxtls__vars *vars)
{
    for (const char *p = tmpl; *p && o->len < MXTLS__TEMPLATE_MAX;) {
        const char *close = *p == '{' ? strchr(p, '}') : NULL;
        if (close != NULL && put_var(o, p + 1, (size_t)(close - p - 1), vars)) {
            p = close + 1;
            continue;
        }
        const char *next = strchr(p + 1, '{');
        size_t n = next ? (size_t)(next - p) : strlen(p);
        put(o, p, n);
        p += n;
    }
}

char *mxtls__template_expand(const char *tmpl, const struct mxtls__vars *vars)
{
    struct out measure = {NULL, 0};
    expand_into(&measure, tmpl, vars);
    struct out o = {mxtls__malloc(measure.len + 1), 0};
    if (o.buf == NULL)
        return NULL;
    expand_into(&o, tmpl, vars);
    o.buf[o.len] = '\0';
    return o.buf;
}
