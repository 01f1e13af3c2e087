#define _POSIX_C_SOURCE 200809L
#include "template.h"

#include <string.h>

#include "alloc.h"
#include "buffer.h"

/* How a variable's value enters mxtls's own sentence. */
enum var_kind {
    OURS,   /* words or numbers mxtls made: as they are */
    NAME,   /* a name from DNS or the caller: shown (escaped), not quoted */
    QUOTED, /* what a server sent, or a detail quoting it: shown between quotes */
};

struct var_slot {
    const char *name;
    size_t offset;
    enum var_kind kind;
};

#define VAR(n, k) {#n, offsetof(struct mxtls__vars, n), k}
static const struct var_slot var_slots[] = {
    VAR(host, NAME),     VAR(address, NAME),  VAR(port, OURS),   VAR(domain, NAME),
    VAR(names, QUOTED),  VAR(sni, NAME),      VAR(alert, OURS),  VAR(detail, QUOTED),
    VAR(date, OURS),     VAR(sender, OURS),   VAR(recursion, OURS), VAR(target, NAME),
    VAR(vantage, OURS),  VAR(check, OURS),
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

/* Append value as kind says: network text never brings a newline, a
 * control or bidi code point, or an unescaped quote into our sentence, so
 * it cannot end the sentence and write one of its own. A value cut at the
 * size bound keeps its closing quote. */
static void put_value(struct out *o, const char *value, enum var_kind kind)
{
    size_t n = strlen(value);
    if (kind == OURS) {
        put(o, value, n);
        return;
    }
    if (kind == QUOTED)
        put(o, "\"", 1);
    char unit[MXTLS__SHOWN_MAX];
    for (size_t i = 0; i < n && o->len + (kind == QUOTED) < MXTLS__TEMPLATE_MAX;) {
        i += mxtls__shown_unit(value + i, n - i, unit);
        size_t u = strlen(unit);
        if (o->len + u + (kind == QUOTED) + 3 > MXTLS__TEMPLATE_MAX) {
            put(o, "...", 3);
            break;
        }
        put(o, unit, u);
    }
    if (kind == QUOTED)
        put(o, "\"", 1);
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
        put_value(o, value, slot->kind);
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
