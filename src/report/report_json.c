/* mxtls_report_json(): a report as JSON, schema "mxtls-report/1"
 * (doc/report-schema.json, doc/report-json.md). json-c writes every string,
 * so nothing is escaped by hand; what we do first is make each string valid
 * UTF-8 without control bytes (mxtls__escape_append), because json-c passes
 * invalid UTF-8 from a hostile server through and would emit invalid JSON.
 *
 * json-c allocates with the C library, beyond the reach of mxtls__malloc's
 * fault injection; each of its calls is still checked, and any failure ends
 * in MXTLS_ENOMEM with every object released. */
#define _POSIX_C_SOURCE 200809L
#include <json-c/json.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "buffer.h"
#include "json_out.h"
#include "report_render.h"

#define SCHEMA_ID "mxtls-report/1"

/* ---- findings ---------------------------------------------------------- */

static jo *finding(struct json *j, const mxtls_finding *f)
{
    jo *o = new_object(j);
    put_str(j, o, "id", f->id);
    put_int(j, o, "code", f->code);
    put_str(j, o, "severity", mxtls_severity_name(f->severity));
    put_str(j, o, "stage", mxtls__stage_name(f->stage));
    put_str(j, o, "about", mxtls_about_name(mxtls__finding_about(f)));
    put_str(j, o, "host", f->host);
    put_str(j, o, "address", f->address);
    put_int_or_null(j, o, "port", f->port, 0);
    put(j, o, "caused_by", f->caused_by < 0 ? NULL : checked(j, json_object_new_int64(f->caused_by)));
    put_str(j, o, "summary", f->summary);
    put(j, o, "explanation", string(j, f->explanation, MXTLS__ESCAPE_PARAGRAPHS));
    put_strings(j, o, "remedies", f->remedies, f->n_remedies, MXTLS__ESCAPE_PARAGRAPHS);
    put_strings(j, o, "references", f->references, f->n_references, MXTLS__ESCAPE_LINE);
    put(j, o, "evidence", string(j, f->evidence, MXTLS__ESCAPE_PARAGRAPHS));
    return o;
}

/* ---- DNS --------------------------------------------------------------- */

static jo *lookup(struct json *j, const mxtls_dns_lookup *l)
{
    if (l == NULL)
        return NULL;
    jo *o = new_object(j);
    put_str(j, o, "qname", l->qname);
    put_int(j, o, "qtype", l->qtype);
    put_str(j, o, "outcome", mxtls_dns_outcome_name(l->outcome));
    put_int_or_null(j, o, "rcode", l->rcode, -1);
    put_str(j, o, "dnssec", mxtls_dnssec_name(l->dnssec));
    put_str(j, o, "why_bogus", l->why_bogus);
    put_str(j, o, "detail", l->detail);
    put_int(j, o, "records", l->n_records);
    put_bool(j, o, "limited", l->limited);
    put_int(j, o, "elapsed_ms", l->elapsed_ms);
    return o;
}

static jo *address(struct json *j, const mxtls_address *a)
{
    jo *o = new_object(j);
    put_str(j, o, "address", a->text);
    put_int(j, o, "family", a->family);
    put_str(j, o, "scope", mxtls_scope_name(a->scope));
    put_str(j, o, "dnssec", mxtls_dnssec_name(a->dnssec));
    put_str(j, o, "proxy_provider", a->proxy_provider);
    put_bool(j, o, "policy_allowed", a->policy_allowed);
    return o;
}

static jo *tlsa(struct json *j, const mxtls_tlsa *t)
{
    jo *o = new_object(j);
    put_int(j, o, "usage", t->usage);
    put_int(j, o, "selector", t->selector);
    put_int(j, o, "matching_type", t->matching_type);
    put_hex(j, o, "data", t->data, t->data_len);
    put_str(j, o, "dnssec", mxtls_dnssec_name(t->dnssec));
    return o;
}

static jo *host_flags(struct json *j, uint32_t flags)
{
    jo *arr = new_array(j);
    for (unsigned bit = 0; bit < 32; bit++)
        if (flags & ((uint32_t)1 << bit))
            push(j, arr, string(j, mxtls__mx_flag_name(bit), MXTLS__ESCAPE_LINE));
    return arr;
}

static jo *host(struct json *j, const mxtls_mx_host *h)
{
    jo *o = new_object(j);
    put_str(j, o, "name", h->name);
    put_int_or_null(j, o, "preference", h->preference, -1);
    put(j, o, "flags", host_flags(j, h->flags));
    put_str(j, o, "canonical_name", h->canonical_name);
    jo *addrs = new_array(j);
    for (size_t i = 0; h->addresses && i < h->n_addresses; i++)
        if (h->addresses[i])
            push(j, addrs, address(j, h->addresses[i]));
    put(j, o, "addresses", addrs);
    put(j, o, "a", lookup(j, h->a));
    put(j, o, "aaaa", lookup(j, h->aaaa));
    put_str(j, o, "tlsa_name", h->tlsa_name);
    jo *records = new_array(j);
    for (size_t i = 0; h->tlsa && i < h->n_tlsa; i++)
        if (h->tlsa[i])
            push(j, records, tlsa(j, h->tlsa[i]));
    put(j, o, "tlsa", records);
    put(j, o, "tlsa_lookup", lookup(j, h->tlsa_lookup));
    return o;
}

/* The TXT part shared by _mta-sts and _smtp._tls. */
static void txt_set(struct json *j, jo *o, const mxtls_txt_set *txt)
{
    put(j, o, "lookup", txt ? lookup(j, txt->lookup) : NULL);
    put_strings(j, o, "records", txt ? txt->records : NULL, txt ? txt->n_records : 0,
                MXTLS__ESCAPE_SERVER);
}

static jo *mta_sts_txt(struct json *j, const mxtls_mta_sts_txt *m)
{
    if (m == NULL)
        return NULL;
    jo *o = new_object(j);
    txt_set(j, o, m->txt);
    put_int(j, o, "sts_records", m->n_sts_records);
    put_bool(j, o, "valid", m->valid);
    put_str(j, o, "version", m->version);
    put_str(j, o, "id", m->id);
    put_str(j, o, "problem", m->problem);
    return o;
}

static jo *tlsrpt_txt(struct json *j, const mxtls_tlsrpt_txt *t)
{
    if (t == NULL)
        return NULL;
    jo *o = new_object(j);
    txt_set(j, o, t->txt);
    put_int(j, o, "tlsrpt_records", t->n_tlsrpt_records);
    put_bool(j, o, "valid", t->valid);
    put_str(j, o, "version", t->version);
    put_strings(j, o, "rua", t->rua, t->n_rua, MXTLS__ESCAPE_SERVER);
    put_str(j, o, "problem", t->problem);
    return o;
}

static jo *dns(struct json *j, const mxtls_resolve_result *r)
{
    if (r == NULL)
        return NULL;
    jo *o = new_object(j);
    put_str(j, o, "query", r->query);
    put_str(j, o, "a_label", r->a_label);
    put_int(j, o, "port", r->port);
    put_str(j, o, "outcome", mxtls_dns_outcome_name(r->outcome));
    put_str(j, o, "dnssec", mxtls_dnssec_name(r->dnssec));
    put(j, o, "mx", lookup(j, r->mx));
    put_bool(j, o, "null_mx", r->null_mx);
    put_bool(j, o, "implicit_mx", r->implicit_mx);
    jo *hosts = new_array(j);
    for (size_t i = 0; r->hosts && i < r->n_hosts; i++)
        if (r->hosts[i])
            push(j, hosts, host(j, r->hosts[i]));
    put(j, o, "hosts", hosts);
    put(j, o, "mta_sts", mta_sts_txt(j, r->mta_sts));
    put(j, o, "tlsrpt", tlsrpt_txt(j, r->tlsrpt));
    put_int(j, o, "limits_hit", r->limits_hit);
    put_int(j, o, "queries", r->n_queries);
    put_int(j, o, "elapsed_ms", r->elapsed_ms);
    put_str(j, o, "detail", r->detail);
    /* What the resolver showed of itself: a result built before these
     * members existed says nothing. */
    int has_health = r->struct_size >= offsetof(mxtls_resolve_result, recursion) +
                                            sizeof r->recursion;
    put_str(j, o, "resolver_health",
            mxtls__resolver_health_name(has_health ? r->resolver_health : 0));
    put_str(j, o, "resolver_detail", has_health ? r->resolver_detail : NULL);
    put(j, o, "resolver_validates",
        has_health && r->resolver_validates >= 0
            ? checked(j, json_object_new_boolean(r->resolver_validates == 1))
            : NULL);
    put_str(j, o, "recursion", mxtls__recursion_name(has_health ? r->recursion : 0));
    return o;
}

/* ---- MTA-STS ----------------------------------------------------------- */

static jo *mtasts(struct json *j, const mxtls_mtasts_result *m)
{
    if (m == NULL)
        return NULL;
    jo *o = new_object(j);
    put_str(j, o, "outcome", mxtls_mtasts_outcome_name(m->outcome));
    put_str(j, o, "mode", mxtls__mtasts_mode_name(m->mode));
    put_str(j, o, "fetch_error", mxtls__mtasts_fetch_error_name(m->fetch_error));
    put_str(j, o, "domain", m->domain);
    put_str(j, o, "policy_url", m->policy_url);
    put_str(j, o, "txt_id", m->txt_id);
    put_int_or_null(j, o, "max_age_s", m->max_age_s, -1);
    put_strings(j, o, "mx_patterns", m->mx_patterns, m->n_mx_patterns, MXTLS__ESCAPE_SERVER);
    put_strings(j, o, "unmatched_mx", m->unmatched_mx, m->n_unmatched, MXTLS__ESCAPE_LINE);
    put_int_or_null(j, o, "http_status", m->http_status, 0);
    put_int_or_null(j, o, "curl_error", m->curl_error, 0);
    put_int(j, o, "ssl_verify_result", m->ssl_verify_result);
    put_int_or_null(j, o, "invalid_line", m->invalid_line, 0);
    put_server(j, o, "invalid_text", m->invalid_text);
    put_server(j, o, "content_type", m->content_type);
    put_int(j, o, "elapsed_ms", m->elapsed_ms);
    put_str(j, o, "detail", m->detail);
    return o;
}

/* ---- probes ------------------------------------------------------------ */

static jo *capabilities(struct json *j, const mxtls_capabilities *c)
{
    if (c == NULL)
        return NULL;
    jo *o = new_object(j);
    put_bool(j, o, "starttls", c->starttls);
    put_bool(j, o, "pipelining", c->pipelining);
    put_bool(j, o, "8bitmime", c->eightbitmime);
    put_bool(j, o, "smtputf8", c->smtputf8);
    put_bool(j, o, "chunking", c->chunking);
    put_bool(j, o, "enhancedstatuscodes", c->enhancedstatuscodes);
    put_bool(j, o, "dsn", c->dsn);
    put_bool(j, o, "requiretls", c->requiretls);
    put(j, o, "size", c->has_size ? checked(j, json_object_new_int64(c->size_limit)) : NULL);
    put_strings(j, o, "auth", c->auth, c->n_auth, MXTLS__ESCAPE_SERVER);
    put_int(j, o, "masked", c->masked);
    put_bool(j, o, "starttls_masked", c->starttls_masked);
    put_bool(j, o, "malformed", c->malformed);
    return o;
}

/* The failure fields connect and TLS results share. */
static void failure(struct json *j, jo *o, int32_t fail, int32_t phase, int32_t sys_errno,
                    int32_t seen, int32_t reply_error)
{
    put_str(j, o, "failure", mxtls__conn_failure_name(fail));
    put_str(j, o, "phase", mxtls__phase_name(phase));
    put_int_or_null(j, o, "errno", sys_errno, 0);
    put_str(j, o, "seen", mxtls__conn_seen_name(seen));
    put_str(j, o, "reply_error", mxtls__conn_reply_error_name(reply_error));
}

static jo *connect_result(struct json *j, const mxtls_connect_result *c)
{
    if (c == NULL)
        return NULL;
    jo *o = new_object(j);
    failure(j, o, c->failure, c->failure_phase, c->sys_errno, c->seen, c->reply_error);
    put_hex(j, o, "first_bytes", c->first_bytes, c->n_first_bytes);
    put_int_or_null(j, o, "connect_ms", c->connect_ms, -1);
    put_int_or_null(j, o, "banner_ms", c->banner_ms, -1);
    put_int_or_null(j, o, "ehlo_ms", c->ehlo_ms, -1);
    put_int_or_null(j, o, "banner_code", c->banner_code, 0);
    put(j, o, "banner", string(j, c->banner, MXTLS__ESCAPE_SERVER_LINES));
    put_int_or_null(j, o, "ehlo_code", c->ehlo_code, 0);
    put_bool(j, o, "helo_fallback", c->helo_fallback);
    put_strings(j, o, "ehlo_lines", c->ehlo_lines, c->n_ehlo_lines, MXTLS__ESCAPE_SERVER);
    put(j, o, "capabilities", capabilities(j, c->caps));
    put_str(j, o, "detail", c->detail);
    return o;
}

static jo *alert(struct json *j, int32_t number, const char *name)
{
    if (number < 0)
        return NULL;
    jo *o = new_object(j);
    put_int(j, o, "number", number);
    put_str(j, o, "name", name ? name : mxtls_alert_name(number));
    return o;
}

static jo *gnutls_error(struct json *j, const mxtls_tls_result *t)
{
    if (t->gnutls_error == 0)
        return NULL;
    jo *o = new_object(j);
    put_int(j, o, "code", t->gnutls_error);
    put_str(j, o, "name", t->gnutls_error_name);
    put_str(j, o, "text", t->gnutls_error_text);
    return o;
}

static jo *tls(struct json *j, const mxtls_tls_result *t)
{
    if (t == NULL)
        return NULL;
    jo *o = new_object(j);
    failure(j, o, t->failure, t->failure_phase, t->sys_errno, t->seen, t->reply_error);
    put_hex(j, o, "first_bytes", t->first_bytes, t->n_first_bytes);
    put_int_or_null(j, o, "starttls_code", t->starttls_code, 0);
    put(j, o, "starttls_text", string(j, t->starttls_text, MXTLS__ESCAPE_SERVER_LINES));
    put_int_or_null(j, o, "starttls_ms", t->starttls_ms, -1);
    put_int_or_null(j, o, "handshake_ms", t->handshake_ms, -1);
    put_int_or_null(j, o, "ehlo_ms", t->ehlo_ms, -1);
    put_server(j, o, "sni", t->sni);
    put_str(j, o, "priority", t->priority);
    put_str(j, o, "version", t->version ? mxtls__tls_version_name(t->version) : NULL);
    put_str(j, o, "cipher_suite", t->cipher_suite);
    put_str(j, o, "kx", t->kx);
    put_str(j, o, "group", t->group);
    put_str(j, o, "sigalg", t->sigalg);
    put_int_or_null(j, o, "dh_prime_bits", t->dh_prime_bits, 0);
    put(j, o, "alert_received", alert(j, t->alert_received, t->alert_received_name));
    put(j, o, "alert_sent", alert(j, t->alert_sent, t->alert_sent_name));
    put(j, o, "gnutls_error", gnutls_error(j, t));
    put_int(j, o, "peer_certificates", (int64_t)t->n_peer_certs);
    put_bool(j, o, "ocsp_stapled", t->ocsp_stapled);
    put_int_or_null(j, o, "banner_code", t->banner_code, 0);
    put(j, o, "banner", string(j, t->banner, MXTLS__ESCAPE_SERVER_LINES));
    put_int_or_null(j, o, "ehlo_code", t->ehlo_code, 0);
    put_strings(j, o, "ehlo_lines", t->ehlo_lines, t->n_ehlo_lines, MXTLS__ESCAPE_SERVER);
    put(j, o, "capabilities", capabilities(j, t->caps));
    put_str(j, o, "detail", t->detail);
    return o;
}

static jo *verify_flags(struct json *j, uint32_t flags)
{
    jo *arr = new_array(j);
    for (unsigned bit = 0; bit < 32; bit++)
        if (flags & ((uint32_t)1 << bit))
            push(j, arr, string(j, mxtls_verify_flag_name((uint32_t)1 << bit),
                                MXTLS__ESCAPE_LINE));
    return arr;
}

static jo *certificate(struct json *j, const mxtls_cert_info *c)
{
    jo *o = new_object(j);
    put_str(j, o, "subject", c->subject);
    put_str(j, o, "issuer", c->issuer);
    put_strings(j, o, "dns_names", c->dns_names, c->n_dns_names, MXTLS__ESCAPE_SERVER);
    put_strings(j, o, "ip_addresses", c->ip_addresses, c->n_ip_addresses, MXTLS__ESCAPE_SERVER);
    put_utc(j, o, "not_before", c->not_before_ms);
    put_utc(j, o, "not_after", c->not_after_ms);
    jo *key = new_object(j);
    put_str(j, key, "algorithm", c->key_algorithm);
    put_int(j, key, "bits", c->key_bits);
    put(j, o, "key", key);
    put_str(j, o, "signature", c->signature_algorithm);
    put_hex(j, o, "sha256", c->sha256, sizeof c->sha256);
    put_hex(j, o, "spki_sha256", c->spki_sha256, sizeof c->spki_sha256);
    put_bool(j, o, "is_ca", c->is_ca);
    put_bool(j, o, "self_signed", c->self_signed);
    put(j, o, "flags", verify_flags(j, c->flags));
    return o;
}

static jo *certificates(struct json *j, const mxtls_verify_result *v)
{
    jo *arr = new_array(j);
    for (size_t i = 0; v && v->certs && i < v->n_certs; i++)
        if (v->certs[i])
            push(j, arr, certificate(j, v->certs[i]));
    return arr;
}

static jo *verify(struct json *j, const mxtls_verify_result *v)
{
    if (v == NULL)
        return NULL;
    jo *o = new_object(j);
    put(j, o, "flags", verify_flags(j, v->flags));
    put_str(j, o, "reference_name", v->reference_name);
    put_server(j, o, "matched_name", v->matched_name);
    put_strings(j, o, "names", v->names, v->n_names, MXTLS__ESCAPE_SERVER);
    put_int_or_null(j, o, "time_invalid_cert", v->time_invalid_cert, -1);
    put_str(j, o, "missing_issuer", v->missing_issuer);
    jo *dane = new_object(j);
    put_str(j, dane, "outcome", mxtls_dane_outcome_name(v->dane));
    put_int_or_null(j, dane, "record", v->dane_record, -1);
    put_int_or_null(j, dane, "usage", v->dane_usage, -1);
    put_int_or_null(j, dane, "certificate", v->dane_cert, -1);
    put_int(j, dane, "usable_records", v->dane_usable_records);
    put_int(j, dane, "matching_records", v->dane_matching_records);
    put(j, o, "dane", dane);
    jo *sts = new_object(j);
    put_str(j, sts, "outcome", mxtls_mtasts_outcome_name(v->mtasts));
    put_str(j, sts, "mode", mxtls__mtasts_mode_name(v->mtasts_mode));
    put(j, sts, "mx_matched",
        v->mtasts_mx_matched < 0 ? NULL : checked(j, json_object_new_boolean(v->mtasts_mx_matched)));
    put(j, o, "mtasts", sts);
    put_str(j, o, "detail", v->detail);
    return o;
}

struct transcript_out {
    struct json *j;
    jo *lines;
};

static int transcript_line(void *user, const char *line)
{
    struct transcript_out *t = user;
    /* The line is already escaped: printable ASCII or valid UTF-8. */
    push(t->j, t->lines, checked(t->j, json_object_new_string(line)));
    return t->j->failed ? -1 : 0;
}

static jo *probe(struct json *j, const mxtls_probe *p, uint32_t flags)
{
    jo *o = new_object(j);
    put_str(j, o, "purpose", mxtls_probe_purpose_name(p->purpose));
    put_str(j, o, "host", p->host);
    put_str(j, o, "address", p->address);
    put_int(j, o, "port", p->port);
    put_str(j, o, "mode", mxtls__mode_name(p->mode));
    put_server(j, o, "sni", p->sni);
    put_str(j, o, "tls_version", p->tls_version ? mxtls__tls_version_name(p->tls_version) : NULL);
    put_str(j, o, "status", mxtls_status_name(p->status));
    put_int_or_null(j, o, "host_index", p->host_index, -1);
    put_int_or_null(j, o, "address_index", p->address_index, -1);
    put(j, o, "connect", connect_result(j, p->connect));
    put(j, o, "tls", tls(j, p->tls));
    put(j, o, "certificates", certificates(j, p->verify));
    put(j, o, "verify", verify(j, p->verify));
    if (flags & MXTLS_RENDER_TRANSCRIPT) {
        struct transcript_out t = {j, new_array(j)};
        if (mxtls__transcript(p, &j->line, transcript_line, &t) != 0)
            j->failed = 1;
        put(j, o, "transcript", t.lines);
    }
    return o;
}

/* ---- who can deliver ---------------------------------------------------- */

static jo *prediction(struct json *j, const mxtls_report *r, const mxtls_prediction *p)
{
    jo *o = new_object(j);
    put_str(j, o, "sender", p->sender->id);
    put_str(j, o, "name", p->sender->name);
    put_str(j, o, "outcome", mxtls_delivery_name(p->outcome));
    int known = p->finding >= 0 && (size_t)p->finding < r->n_findings;
    put_int_or_null(j, o, "finding", known ? p->finding : -1, -1);
    put_str(j, o, "finding_id", known ? r->findings[p->finding]->id : NULL);
    put_str(j, o, "host", p->host);
    put_str(j, o, "detail", p->detail);
    put_bool(j, o, "delayed", p->delayed);
    return o;
}

/* ---- the report -------------------------------------------------------- */

static jo *report(struct json *j, const mxtls_report *r, uint32_t flags)
{
    jo *o = new_object(j);
    put_str(j, o, "schema", SCHEMA_ID);
    put_str(j, o, "target", r->target);
    put_str(j, o, "profile", mxtls_profile_name(r->profile));
    put_str(j, o, "verdict", mxtls_verdict_name(r->verdict));
    put_str(j, o, "environment_verdict",
            mxtls_verdict_name(mxtls__report_environment_verdict(r)));
    put_str(j, o, "domain", r->domain);
    put_bool(j, o, "strict", r->strict);
    put_str(j, o, "summary", r->summary);
    put_int(j, o, "elapsed_ms", r->elapsed_ms);
    put_int(j, o, "root_causes", (int64_t)r->n_root_causes);
    jo *findings = new_array(j);
    for (size_t i = 0; r->findings && i < r->n_findings; i++)
        if (r->findings[i])
            push(j, findings, finding(j, r->findings[i]));
    put(j, o, "findings", findings);
    jo *predictions = new_array(j);
    for (size_t i = 0; r->predictions && i < r->n_predictions; i++)
        push(j, predictions, prediction(j, r, r->predictions[i]));
    put(j, o, "predictions", predictions);
    put(j, o, "dns", dns(j, r->resolve));
    put(j, o, "mta_sts", mtasts(j, r->mtasts));
    jo *probes = new_array(j);
    for (size_t i = 0; r->probes && i < r->n_probes; i++)
        if (r->probes[i])
            push(j, probes, probe(j, r->probes[i], flags));
    put(j, o, "probes", probes);
    return o;
}

mxtls_status mxtls_report_json(const mxtls_report *r, uint32_t flags,
                               mxtls_buffer **out)
{
    if (out != NULL)
        *out = NULL;
    if (r == NULL || out == NULL)
        return MXTLS_EINVAL;
    struct json j = {0};
    jo *doc = report(&j, r, flags);
    return mxtls__json_finish(&j, doc, flags, out);
}
