/* Expanding catalogue templates: "{host}" and "{host|fallback words}". */
#ifndef MXTLS_TEMPLATE_H
#define MXTLS_TEMPLATE_H

#include "catalog.h"

#define MXTLS__TEMPLATE_MAX 8192 /* octets of expanded text, a bound on facts from the network */

/* A new string with every {name} or {name|fallback} in tmpl replaced by the
 * matching member of vars (or the fallback when that member is NULL; the
 * empty string when there is neither). An unknown name is copied as written,
 * so a typo shows instead of vanishing. A fact longer than the room left is
 * cut with "...". Returns NULL only when memory runs out. */
char *mxtls__template_expand(const char *tmpl, const struct mxtls__vars *vars);

/* 1 when name is a variable templates may use. */
int mxtls__template_var_known(const char *name, size_t len);

#endif
