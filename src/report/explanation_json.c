/* mxtls_explanation_json(): an explained error text as JSON, schema
 * "mxtls-explanation/1" (doc/explanation-schema.json), for web panels and
 * bots. The pasted text is hostile input like a server's words: what the
 * explanation quotes of it is made valid one-line UTF-8 first. */
#define _POSIX_C_SOURCE 200809L
#include <stddef.h>
#include <string.h>

#include "json_out.h"
#include "mxtls/diagnose.h"

#define SCHEMA_ID "mxtls-explanation/1"

#define HAS(e, member) \
    ((e)->struct_size >= offsetof(mxtls_explanation, member) + sizeof((e)->member))

static jo *alert(struct json *j, const mxtls_explanation *e)
{
    if (e->alert < 0)
        return NULL;
    jo *o = new_object(j);
    put_int(j, o, "number", e->alert);
    put_str(j, o, "name", e->alert_name);
    put_str(j, o, "sent_by", mxtls__peer_name(e->alert_sender));
    return o;
}

static jo *cause(struct json *j, const mxtls_explanation *e, size_t i)
{
    const mxtls_finding *f = e->likely_causes[i];
    int has_weights = HAS(e, weights) && e->weights != NULL;
    int has_spans =
        HAS(e, evidence_end) && e->evidence_start != NULL && e->evidence_end != NULL;
    jo *o = new_object(j);
    put_int(j, o, "rank", (int64_t)i + 1);
    put_bool(j, o, "supported", !HAS(e, n_ranked) || i < e->n_ranked);
    put(j, o, "weight", has_weights ? checked(j, json_object_new_int64(e->weights[i])) : NULL);
    put_str(j, o, "id", f->id);
    put_int(j, o, "code", f->code);
    put_str(j, o, "severity", mxtls_severity_name(f->severity));
    put_str(j, o, "summary", f->summary);
    put(j, o, "explanation", string(j, f->explanation, MXTLS__ESCAPE_PARAGRAPHS));
    put_strings(j, o, "remedies", f->remedies, f->n_remedies, MXTLS__ESCAPE_PARAGRAPHS);
    put_strings(j, o, "references", f->references, f->n_references, MXTLS__ESCAPE_LINE);
    put_str(j, o, "evidence", f->evidence);
    jo *span = NULL;
    if (has_spans && e->evidence_start[i] >= 0) {
        span = new_array(j);
        push(j, span, checked(j, json_object_new_int64(e->evidence_start[i])));
        push(j, span, checked(j, json_object_new_int64(e->evidence_end[i])));
    }
    put(j, o, "span", span);
    return o;
}

static jo *explanation(struct json *j, const mxtls_explanation *e)
{
    jo *o = new_object(j);
    put_str(j, o, "schema", SCHEMA_ID);
    put_bool(j, o, "recognised", e->recognised);
    put_bool(j, o, "truncated", HAS(e, truncated) && e->truncated);
    put_str(j, o, "side", mxtls__side_name(HAS(e, side) ? e->side : MXTLS_SIDE_UNKNOWN));
    put_str(j, o, "source", mxtls__text_source_name(e->source));
    put_str(j, o, "summary", e->summary);
    put(j, o, "explanation", string(j, e->explanation, MXTLS__ESCAPE_PARAGRAPHS));
    put_str(j, o, "suggested_check", e->suggested_check);
    put(j, o, "alert", alert(j, e));
    put_int_or_null(j, o, "smtp_code", e->smtp_code, 0);
    put_str(j, o, "enhanced_status", HAS(e, enhanced_status) ? e->enhanced_status : NULL);
    put_str(j, o, "host", e->host);
    put_str(j, o, "domain", HAS(e, domain) ? e->domain : NULL);
    put_strings(j, o, "addresses", HAS(e, addresses) ? e->addresses : NULL,
                HAS(e, addresses) ? e->n_addresses : 0, MXTLS__ESCAPE_LINE);
    jo *causes = new_array(j);
    for (size_t i = 0; e->likely_causes != NULL && i < e->n_findings; i++)
        if (e->likely_causes[i] != NULL)
            push(j, causes, cause(j, e, i));
    put(j, o, "causes", causes);
    return o;
}

mxtls_status mxtls_explanation_json(const mxtls_explanation *e, uint32_t flags,
                                    mxtls_buffer **out)
{
    if (out != NULL)
        *out = NULL;
    if (e == NULL || out == NULL)
        return MXTLS_EINVAL;
    struct json j = {0};
    jo *doc = explanation(&j, e);
    return mxtls__json_finish(&j, doc, flags, out);
}
