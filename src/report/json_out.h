/* The pieces both JSON renderers (report_json.c, explanation_json.c) build
 * with: checked json-c calls, and strings made safe first (valid UTF-8, no
 * control bytes: mxtls__escape_append), since json-c passes invalid UTF-8
 * through. Every failure sets j->failed, and the document then ends in
 * MXTLS_ENOMEM. */
#ifndef MXTLS_JSON_OUT_H
#define MXTLS_JSON_OUT_H

#include <json-c/json.h>
#include <limits.h>
#include <stdint.h>

#include "alloc.h"
#include "buffer.h"
#include "report_render.h"

struct json {
    int failed;                 /* a json-c call or our allocation failed */
    struct mxtls__text scratch; /* a string being made safe */
    struct mxtls__text line;    /* one transcript line */
};

typedef json_object jo;

static inline jo *checked(struct json *j, jo *made)
{
    if (made == NULL)
        j->failed = 1;
    return made;
}

static inline jo *new_object(struct json *j)
{
    return checked(j, json_object_new_object());
}

static inline jo *new_array(struct json *j)
{
    return checked(j, json_object_new_array());
}

/* Add val under key (NULL val is JSON null). Takes val in every case. */
static inline void put(struct json *j, jo *obj, const char *key, jo *val)
{
    if (obj == NULL || json_object_object_add(obj, key, val) != 0) {
        json_object_put(val);
        j->failed = 1;
    }
}

static inline void push(struct json *j, jo *arr, jo *val)
{
    if (arr == NULL || json_object_array_add(arr, val) != 0) {
        json_object_put(val);
        j->failed = 1;
    }
}

/* A JSON string of s made safe as `how` says, or NULL (JSON null) for NULL s. */
static inline jo *string(struct json *j, const char *s, enum mxtls__escape how)
{
    if (s == NULL)
        return NULL;
    j->scratch.len = 0;
    mxtls__text_append(&j->scratch, "");
    mxtls__escape_append(&j->scratch, s, how);
    if (j->scratch.failed || j->scratch.len > INT_MAX) {
        j->failed = 1;
        return NULL;
    }
    return checked(j, json_object_new_string_len(j->scratch.data, (int)j->scratch.len));
}

/* Our own names and words: one line, valid UTF-8. */
static inline void put_str(struct json *j, jo *obj, const char *key, const char *s)
{
    put(j, obj, key, string(j, s, MXTLS__ESCAPE_LINE));
}

/* Bytes a server sent: printable ASCII, everything else \xNN. */
static inline void put_server(struct json *j, jo *obj, const char *key, const char *s)
{
    put(j, obj, key, string(j, s, MXTLS__ESCAPE_SERVER));
}

static inline void put_int(struct json *j, jo *obj, const char *key, int64_t v)
{
    put(j, obj, key, checked(j, json_object_new_int64(v)));
}

/* An integer, or null when it equals none (-1 "not reached", 0 "none"). */
static inline void put_int_or_null(struct json *j, jo *obj, const char *key, int64_t v, int64_t none)
{
    put(j, obj, key, v == none ? NULL : checked(j, json_object_new_int64(v)));
}

static inline void put_bool(struct json *j, jo *obj, const char *key, int v)
{
    put(j, obj, key, checked(j, json_object_new_boolean(v != 0)));
}

static inline void put_strings(struct json *j, jo *obj, const char *key, const char *const *v, size_t n,
                        enum mxtls__escape how)
{
    jo *arr = new_array(j);
    for (size_t i = 0; v != NULL && i < n; i++)
        push(j, arr, string(j, v[i] ? v[i] : "", how));
    put(j, obj, key, arr);
}

static inline void put_hex(struct json *j, jo *obj, const char *key, const uint8_t *d, size_t n)
{
    if (d == NULL) {
        put(j, obj, key, NULL);
        return;
    }
    j->scratch.len = 0;
    mxtls__text_append(&j->scratch, "");
    for (size_t i = 0; i < n; i++)
        mxtls__text_printf(&j->scratch, "%02x", d[i]);
    if (j->scratch.failed || j->scratch.len > INT_MAX) {
        j->failed = 1;
        return;
    }
    put(j, obj, key, checked(j, json_object_new_string_len(j->scratch.data, (int)j->scratch.len)));
}

static inline void put_utc(struct json *j, jo *obj, const char *key, int64_t ms)
{
    char when[32];
    put_str(j, obj, key, mxtls__format_utc(ms, when) == 0 ? when : NULL);
}

/* Hand doc over as text (compact, or indented with MXTLS_RENDER_PRETTY),
 * then release it and the scratch space. */
static inline mxtls_status mxtls__json_finish(struct json *j, jo *doc, uint32_t flags,
                                              mxtls_buffer **out)
{
    struct mxtls__text text = {0};
    if (!j->failed) {
        int style = JSON_C_TO_STRING_NOSLASHESCAPE |
                    (flags & MXTLS_RENDER_PRETTY ? JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED
                                                 : JSON_C_TO_STRING_PLAIN);
        const char *s = json_object_to_json_string_ext(doc, style);
        if (s == NULL)
            j->failed = 1;
        else {
            mxtls__text_append(&text, s);
            mxtls__text_append(&text, "\n");
        }
    }
    json_object_put(doc);
    mxtls__free(j->scratch.data);
    mxtls__free(j->line.data);
    if (j->failed || j->scratch.failed || j->line.failed)
        text.failed = 1;
    return (mxtls_status)mxtls__text_finish(&text, out);
}

#endif
