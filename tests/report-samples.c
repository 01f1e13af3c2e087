/* See report-samples.h. Designated initialisers keep these readable and
 * independent of member order. */
#include "report-samples.h"

#include <string.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ---- alert 47 through a CDN origin name ---------------------------------- */

static const mxtls_dns_lookup a47_mx_lookup = {
    .struct_size = sizeof(mxtls_dns_lookup), .qname = "example.test", .qtype = 15,
    .outcome = MXTLS_DNS_NOERROR, .rcode = 0, .dnssec = MXTLS_DNSSEC_INSECURE,
    .detail = "NOERROR, 1 record", .n_records = 1, .elapsed_ms = 12};
static const mxtls_address a47_addr = {
    .struct_size = sizeof(mxtls_address), .family = 4, .text = "192.0.2.7",
    .bytes = {192, 0, 2, 7}, .scope = MXTLS_SCOPE_RESERVED, .dnssec = MXTLS_DNSSEC_INSECURE,
    .proxy_provider = "cloudflare", .policy_allowed = 1};
static const mxtls_address *const a47_addrs[] = {&a47_addr};
static const uint8_t a47_tlsa_data[] = {0xde, 0xad, 0xbe, 0xef};
static const mxtls_tlsa a47_tlsa = {
    .struct_size = sizeof(mxtls_tlsa), .usage = 3, .selector = 1, .matching_type = 1,
    .data_len = sizeof a47_tlsa_data, .data = a47_tlsa_data, .data_hex = "deadbeef",
    .dnssec = MXTLS_DNSSEC_INSECURE};
static const mxtls_tlsa *const a47_tlsas[] = {&a47_tlsa};
static const mxtls_mx_host a47_host = {
    .struct_size = sizeof(mxtls_mx_host), .name = "_dc-mx.2f1e3d.example.test",
    .preference = 10, .flags = MXTLS_MX_NON_LDH | MXTLS_MX_CDN_ORIGIN,
    .n_addresses = 1, .addresses = a47_addrs, .a = &a47_mx_lookup,
    .tlsa_name = "_25._tcp._dc-mx.2f1e3d.example.test", .n_tlsa = 1, .tlsa = a47_tlsas};
static const mxtls_mx_host *const a47_hosts[] = {&a47_host};
static const char *const a47_txt_records[] = {"v=STSv1; id=20261123"};
static const mxtls_txt_set a47_txt = {
    .struct_size = sizeof(mxtls_txt_set), .lookup = &a47_mx_lookup, .n_records = 1,
    .records = a47_txt_records};
static const mxtls_mta_sts_txt a47_sts_txt = {
    .struct_size = sizeof(mxtls_mta_sts_txt), .txt = &a47_txt, .n_sts_records = 1,
    .valid = 1, .version = "STSv1", .id = "20261123"};
static const char *const a47_rua[] = {"mailto:tlsrpt@example.test"};
static const mxtls_tlsrpt_txt a47_tlsrpt = {
    .struct_size = sizeof(mxtls_tlsrpt_txt), .txt = &a47_txt, .n_tlsrpt_records = 1,
    .valid = 1, .version = "TLSRPTv1", .n_rua = 1, .rua = a47_rua};
static const mxtls_resolve_result a47_resolve = {
    .struct_size = sizeof(mxtls_resolve_result), .query = "Example.test.",
    .a_label = "example.test", .port = 25, .outcome = MXTLS_DNS_NOERROR,
    .dnssec = MXTLS_DNSSEC_INSECURE, .mx = &a47_mx_lookup, .n_hosts = 1, .hosts = a47_hosts,
    .mta_sts = &a47_sts_txt, .tlsrpt = &a47_tlsrpt, .n_queries = 6, .elapsed_ms = 40,
    .detail = "1 MX host, 1 with addresses; MX records DNSSEC insecure"};

static const char *const a47_ehlo[] = {"mx.example.test", "PIPELINING", "SIZE 10240000",
                                       "STARTTLS", "8BITMIME"};
static const mxtls_capabilities a47_caps = {
    .struct_size = sizeof(mxtls_capabilities), .starttls = 1, .pipelining = 1,
    .eightbitmime = 1, .has_size = 1, .size_limit = 10240000};
static const mxtls_capabilities no_caps = {.struct_size = sizeof(mxtls_capabilities)};
static const mxtls_connect_result a47_connect = {
    .struct_size = sizeof(mxtls_connect_result), .address = "192.0.2.7", .port = 25,
    .mode = MXTLS_MODE_STARTTLS, .connect_ms = 3, .banner_ms = 20, .ehlo_ms = 2,
    .banner_code = 220, .banner = "mx.example.test ESMTP Exim 4.96\nsecond banner line",
    .ehlo_code = 250, .n_ehlo_lines = N(a47_ehlo), .ehlo_lines = a47_ehlo, .caps = &a47_caps,
    .detail = "220 banner, EHLO accepted, STARTTLS offered"};
static const mxtls_tls_result a47_tls = {
    .struct_size = sizeof(mxtls_tls_result), .failure = MXTLS_TLS_HANDSHAKE_FAILED,
    .failure_phase = MXTLS_PHASE_HANDSHAKE, .starttls_code = 220,
    .starttls_text = "TLS go ahead", .starttls_ms = 1, .handshake_ms = 4, .ehlo_ms = -1,
    .sni = "_dc-mx.2f1e3d.example.test", .priority = "NORMAL", .alert_received = 47,
    .alert_received_name = "illegal_parameter", .alert_sent = -1,
    .gnutls_error = -16, .gnutls_error_name = "GNUTLS_E_FATAL_ALERT_RECEIVED",
    .gnutls_error_text = "A TLS fatal alert has been received.", .caps = &no_caps,
    .detail = "the server sent TLS alert 47 (illegal_parameter) during the handshake"};
static const mxtls_probe a47_primary = {
    .struct_size = sizeof(mxtls_probe), .purpose = MXTLS_PROBE_PRIMARY,
    .host = "_dc-mx.2f1e3d.example.test", .address = "192.0.2.7", .port = 25,
    .mode = MXTLS_MODE_STARTTLS, .sni = "_dc-mx.2f1e3d.example.test", .status = MXTLS_OK,
    .host_index = 0, .address_index = 0, .connect = &a47_connect, .tls = &a47_tls};

static const char *const a47_names[] = {"mx.example.test", "example.test"};
static const mxtls_cert_info a47_leaf = {
    .struct_size = sizeof(mxtls_cert_info), .subject = "CN=mx.example.test",
    .issuer = "CN=Example Test CA,O=mxtls lab", .n_dns_names = 2, .dns_names = a47_names,
    .not_before_ms = 1761955200000LL, .not_after_ms = 1764547200000LL,
    .key_algorithm = "EC/ECDSA", .key_bits = 256, .signature_algorithm = "ECDSA-SHA256",
    .sha256 = {1, 2, 3}, .flags = 0};
static const mxtls_cert_info a47_ca = {
    .struct_size = sizeof(mxtls_cert_info), .subject = "CN=Example Test CA,O=mxtls lab",
    .issuer = "CN=Example Test CA,O=mxtls lab", .not_before_ms = 0,
    .not_after_ms = 4102444800000LL, .key_algorithm = "RSA", .key_bits = 1024,
    .signature_algorithm = "RSA-SHA1", .is_ca = 1, .self_signed = 1,
    .flags = MXTLS_VERIFY_WEAK_KEY};
static const mxtls_cert_info *const a47_certs[] = {&a47_leaf, &a47_ca};
static const char *const a47_leaf_names[] = {"mx.example.test", "example.test"};
static const mxtls_verify_result a47_verify = {
    .struct_size = sizeof(mxtls_verify_result),
    .flags = MXTLS_VERIFY_UNKNOWN_ISSUER | MXTLS_VERIFY_NAME_MISMATCH | MXTLS_VERIFY_WEAK_KEY,
    .reference_name = "_dc-mx.2f1e3d.example.test", .n_names = 2, .names = a47_leaf_names,
    .now_ms = 1763895467000LL, .time_invalid_cert = -1, .n_certs = 2, .certs = a47_certs,
    .dane = MXTLS_DANE_INSECURE, .dane_record = -1, .dane_usage = -1, .dane_cert = -1,
    .mtasts = MXTLS_MTASTS_NOT_CHECKED, .mtasts_mx_matched = -1,
    .detail = "the certificate does not name _dc-mx.2f1e3d.example.test"};
static const char *const a47_ehlo_tls[] = {"mx.example.test", "PIPELINING", "8BITMIME"};
static const mxtls_tls_result a47_nosni_tls = {
    .struct_size = sizeof(mxtls_tls_result), .failure = MXTLS_TLS_OK, .starttls_code = 220,
    .starttls_text = "TLS go ahead", .starttls_ms = 1, .handshake_ms = 9, .ehlo_ms = 1,
    .version = MXTLS_TLS_1_3, .version_name = "TLS1.3",
    .cipher_suite = "TLS_AES_256_GCM_SHA384", .kx = "(TLS1.3)", .group = "X25519",
    .sigalg = "ECDSA-SECP256R1-SHA256", .alert_received = -1, .alert_sent = -1,
    .n_peer_certs = 2, .ehlo_code = 250, .n_ehlo_lines = N(a47_ehlo_tls),
    .ehlo_lines = a47_ehlo_tls, .caps = &no_caps, .detail = "TLS1.3 without SNI"};
static const mxtls_probe a47_nosni = {
    .struct_size = sizeof(mxtls_probe), .purpose = MXTLS_PROBE_NO_SNI,
    .host = "_dc-mx.2f1e3d.example.test", .address = "192.0.2.7", .port = 25,
    .mode = MXTLS_MODE_STARTTLS, .sni = NULL, .status = MXTLS_OK, .host_index = 0,
    .address_index = 0, .connect = &a47_connect, .tls = &a47_nosni_tls,
    .verify = &a47_verify};
static const mxtls_probe *const a47_probes[] = {&a47_primary, &a47_nosni};

static const char *const a47_remedies[] = {
    "In your DNS provider's panel, set the mail host's A record to DNS only (grey cloud).",
    ("Point the MX record at mail.example.test, a name made only of letters, digits, dots "
     "and hyphens, that resolves to your mail server."),
    "Wait for the old MX record's TTL to pass, then run mxtls-check again."};
static const char *const a47_refs[] = {"RFC 5321 section 2.3.5", "RFC 6066 section 3"};
static const mxtls_finding a47_cause = {
    .struct_size = sizeof(mxtls_finding), .code = MXTLS_F_DNS_MX_NON_LDH,
    .id = "dns.mx-non-ldh", .severity = MXTLS_SEVERITY_ERROR, .stage = MXTLS_STAGE_RESOLVE,
    .host = "_dc-mx.2f1e3d.example.test", .port = 0, .caused_by = -1,
    .summary = "The MX names _dc-mx.2f1e3d.example.test, a CDN origin name with an underscore",
    .explanation =
        "Your DNS provider rewrote the MX record to an automatic origin name that holds an "
        "underscore. Senders put that name in SNI when they start TLS, and a GnuTLS-based "
        "server such as Exim refuses it with TLS alert 47 (illegal_parameter). Gmail then "
        "reports \"TLS Negotiation failed\" and does not deliver.\n\n"
        "Without SNI the same server completes the handshake, which shows that the name, "
        "not the server, is the problem.",
    .n_remedies = N(a47_remedies), .remedies = a47_remedies, .n_references = N(a47_refs),
    .references = a47_refs, .evidence = "MX 10 _dc-mx.2f1e3d.example.test"};
static const char *const weak_remedies[] = {"Reissue the CA with RSA 2048 or ECDSA P-256."};
static const mxtls_finding a47_weak = {
    .struct_size = sizeof(mxtls_finding), .code = MXTLS_F_CERT_WEAK_KEY, .id = "cert.weak-key",
    .severity = MXTLS_SEVERITY_WARNING, .stage = MXTLS_STAGE_VERIFY,
    .host = "_dc-mx.2f1e3d.example.test", .address = "192.0.2.7", .port = 25,
    .caused_by = -1, .summary = "A certificate in the chain has a 1024-bit RSA key",
    .explanation = "Keys this short are refused by careful senders.", .n_remedies = 1,
    .remedies = weak_remedies};
static const mxtls_finding a47_info = {
    .struct_size = sizeof(mxtls_finding), .code = MXTLS_F_MTASTS_ENFORCED,
    .id = "mtasts.enforced", .severity = MXTLS_SEVERITY_INFO, .stage = MXTLS_STAGE_VERIFY,
    .caused_by = -1, .summary = "The domain publishes an MTA-STS record"};
static const mxtls_finding a47_sni = {
    .struct_size = sizeof(mxtls_finding), .code = MXTLS_F_TLS_SNI_REJECTED,
    .id = "tls.sni-rejected", .severity = MXTLS_SEVERITY_ERROR, .stage = MXTLS_STAGE_STARTTLS,
    .host = "_dc-mx.2f1e3d.example.test", .address = "192.0.2.7", .port = 25, .caused_by = 0,
    .summary = "The server refused the SNI name with alert 47 (illegal_parameter)"};
static const mxtls_finding a47_mismatch = {
    .struct_size = sizeof(mxtls_finding), .code = MXTLS_F_CERT_NAME_MISMATCH,
    .id = "cert.name-mismatch", .severity = MXTLS_SEVERITY_ERROR, .stage = MXTLS_STAGE_VERIFY,
    .host = "_dc-mx.2f1e3d.example.test", .address = "192.0.2.7", .port = 25, .caused_by = 0,
    .summary = "The certificate names mx.example.test, not the MX name"};
static const mxtls_finding *const a47_findings[] = {&a47_cause, &a47_weak, &a47_info,
                                                    &a47_sni, &a47_mismatch};
static const mxtls_report a47 = {
    .struct_size = sizeof(mxtls_report), .target = "example.test", .profile = MXTLS_PROFILE_MX,
    .verdict = MXTLS_VERDICT_ERROR, .domain = "example.test", .strict = 0,
    .resolve = &a47_resolve, .n_probes = N(a47_probes), .probes = a47_probes,
    .n_findings = N(a47_findings), .findings = a47_findings, .n_root_causes = 3,
    .summary = "Mail to example.test fails: its MX is a CDN origin name the server refuses",
    .elapsed_ms = 1234};

/* ---- a clean submission check (implicit TLS) ----------------------------- */

static const char *const sub_auth[] = {"PLAIN", "LOGIN"};
static const mxtls_capabilities sub_caps = {
    .struct_size = sizeof(mxtls_capabilities), .pipelining = 1, .n_auth = 2, .auth = sub_auth};
static const mxtls_connect_result sub_connect = {
    .struct_size = sizeof(mxtls_connect_result), .address = "127.0.0.1", .port = 465,
    .mode = MXTLS_MODE_IMPLICIT_TLS, .connect_ms = 1, .banner_ms = -1, .ehlo_ms = -1,
    .banner = "", .caps = &no_caps, .detail = "TCP connected"};
static const char *const sub_ehlo[] = {"smtp.example.test", "PIPELINING", "AUTH PLAIN LOGIN"};
static const mxtls_tls_result sub_tls = {
    .struct_size = sizeof(mxtls_tls_result), .starttls_text = "", .starttls_ms = -1,
    .handshake_ms = 7, .ehlo_ms = 1, .sni = "smtp.example.test", .priority = "NORMAL",
    .version = MXTLS_TLS_1_2, .version_name = "TLS1.2",
    .cipher_suite = "TLS_ECDHE_RSA_AES_128_GCM_SHA256", .kx = "ECDHE-RSA",
    .group = "SECP256R1", .alert_received = -1, .alert_sent = -1, .n_peer_certs = 1,
    .ocsp_stapled = 1, .banner_code = 220, .banner = "smtp.example.test ESMTP Postfix",
    .ehlo_code = 250, .n_ehlo_lines = N(sub_ehlo), .ehlo_lines = sub_ehlo, .caps = &sub_caps,
    .detail = "TLS1.2 established"};
static const char *const sub_names[] = {"smtp.example.test"};
static const char *const sub_ips[] = {"127.0.0.1"};
static const mxtls_cert_info sub_leaf = {
    .struct_size = sizeof(mxtls_cert_info), .subject = "CN=smtp.example.test",
    .issuer = "CN=Example Test CA", .n_dns_names = 1, .dns_names = sub_names,
    .n_ip_addresses = 1, .ip_addresses = sub_ips, .not_before_ms = 1761955200000LL,
    .not_after_ms = 1793491200000LL, .key_algorithm = "RSA", .key_bits = 2048,
    .signature_algorithm = "RSA-SHA256"};
static const mxtls_cert_info *const sub_certs[] = {&sub_leaf};
static const mxtls_verify_result sub_verify = {
    .struct_size = sizeof(mxtls_verify_result), .flags = MXTLS_VERIFY_TRUSTED,
    .reference_name = "smtp.example.test", .matched_name = "smtp.example.test",
    .n_names = 1, .names = sub_names, .time_invalid_cert = -1, .n_certs = 1,
    .certs = sub_certs, .dane = MXTLS_DANE_MATCHED, .dane_record = 0, .dane_usage = 3,
    .dane_cert = 0, .mtasts = MXTLS_MTASTS_POLICY, .mtasts_mode = MXTLS_MTASTS_MODE_ENFORCE,
    .mtasts_mx_matched = 1, .detail = "trusted, names smtp.example.test",
    .dane_usable_records = 2, .dane_matching_records = 1};
static const mxtls_probe sub_probe = {
    .struct_size = sizeof(mxtls_probe), .purpose = MXTLS_PROBE_PRIMARY,
    .host = "smtp.example.test", .address = "127.0.0.1", .port = 465,
    .mode = MXTLS_MODE_IMPLICIT_TLS, .sni = "smtp.example.test", .status = MXTLS_OK,
    .host_index = -1, .address_index = -1, .connect = &sub_connect, .tls = &sub_tls,
    .verify = &sub_verify};
static const mxtls_probe *const sub_probes[] = {&sub_probe};
static const char *const sub_patterns[] = {"smtp.example.test", "*.example.test"};
static const mxtls_mtasts_result sub_mtasts = {
    .struct_size = sizeof(mxtls_mtasts_result), .outcome = MXTLS_MTASTS_POLICY,
    .mode = MXTLS_MTASTS_MODE_ENFORCE, .domain = "example.test",
    .policy_url = "https://mta-sts.example.test/.well-known/mta-sts.txt", .txt_id = "1",
    .max_age_s = 604800, .n_mx_patterns = 2, .mx_patterns = sub_patterns,
    .http_status = 200, .content_type = "text/plain", .elapsed_ms = 30,
    .detail = "policy enforce, 2 mx patterns"};
static const mxtls_finding sub_ok = {
    .struct_size = sizeof(mxtls_finding), .code = MXTLS_F_TLS_OK, .id = "tls.ok",
    .severity = MXTLS_SEVERITY_INFO, .stage = MXTLS_STAGE_VERIFY, .host = "smtp.example.test",
    .address = "127.0.0.1", .port = 465, .caused_by = -1,
    .summary = "TLS 1.2 with a trusted certificate for smtp.example.test"};
static const mxtls_finding *const sub_findings[] = {&sub_ok};
static const mxtls_report sub = {
    .struct_size = sizeof(mxtls_report), .target = "smtp.example.test:465",
    .profile = MXTLS_PROFILE_SUBMISSION, .verdict = MXTLS_VERDICT_OK,
    .domain = "smtp.example.test", .strict = 1, .mtasts = &sub_mtasts, .n_probes = 1,
    .probes = sub_probes, .n_findings = 1, .findings = sub_findings, .n_root_causes = 1,
    .summary = "smtp.example.test accepts TLS as Gmail's Send-As needs it", .elapsed_ms = 50};

/* ---- hostile text ---------------------------------------------------------- */

const char sample_hostile_banner[] =
    "evil \x1b[2J\x1b]0;owned\x07 \"quoted\" back\\slash \r\x7f \xc3\x28 \xff\xfe \xed\xa0\x80 "
    "\xc2\x9b" "31m end";
char sample_long_text[10 * 1024 + 1];
char sample_long_word[10 * 1024 + 1];
static const char *const hostile_ehlo[] = {"x\x1b[1mbold", "\xf4\x90\x80\x80 too high",
                                           sample_long_text, "STARTTLS"};
static const mxtls_capabilities hostile_caps = {
    .struct_size = sizeof(mxtls_capabilities), .starttls = 1, .masked = 1};
static const uint8_t hostile_first[] = {0x16, 0x03, 0x01, 0x00, 0xff};
static const mxtls_connect_result hostile_connect = {
    .struct_size = sizeof(mxtls_connect_result), .address = "192.0.2.66", .port = 25,
    .mode = MXTLS_MODE_STARTTLS, .n_first_bytes = sizeof hostile_first,
    .first_bytes = hostile_first, .connect_ms = 1, .banner_ms = 1, .ehlo_ms = 1,
    .banner_code = 220, .banner = sample_hostile_banner, .ehlo_code = 250,
    .n_ehlo_lines = N(hostile_ehlo), .ehlo_lines = hostile_ehlo, .caps = &hostile_caps,
    .detail = "banner \x1b[31m\"red\"\\ \xff"};
static const mxtls_tls_result hostile_tls = {
    .struct_size = sizeof(mxtls_tls_result), .failure = MXTLS_TLS_STARTTLS_REFUSED,
    .failure_phase = MXTLS_PHASE_STARTTLS, .starttls_code = 454,
    .starttls_text = "TLS not available \x1b[5m\xfe now", .starttls_ms = 1,
    .handshake_ms = -1, .ehlo_ms = -1, .alert_received = -1, .alert_sent = -1,
    .caps = &no_caps, .detail = "STARTTLS answered 454 \x01\x02"};
static const char *const hostile_names[] = {"bad\x1bname", sample_long_text};
static const mxtls_cert_info hostile_cert = {
    .struct_size = sizeof(mxtls_cert_info), .subject = "CN=\x1b[31m\",O=\xff\\",
    .issuer = "CN=Mu\xc3\xb1oz \xe2\x80\x94 valid UTF-8", .n_dns_names = 2,
    .dns_names = hostile_names, .not_before_ms = -62135596800001LL,
    .not_after_ms = INT64_MAX, .key_algorithm = "RSA\n", .key_bits = 512,
    .signature_algorithm = "RSA-MD5", .flags = 0x80000000u | MXTLS_VERIFY_EXPIRED};
static const mxtls_cert_info *const hostile_certs[] = {&hostile_cert, NULL};
static const mxtls_verify_result hostile_verify = {
    .struct_size = sizeof(mxtls_verify_result), .flags = 0xffffffffu,
    .reference_name = "mx\x1b.example.test", .time_invalid_cert = 0, .n_certs = 2,
    .certs = hostile_certs, .dane = 99, .dane_record = -1, .dane_usage = -1,
    .dane_cert = -1, .mtasts = -5, .mtasts_mode = 42, .mtasts_mx_matched = 0,
    .detail = "\xc0\xaf overlong"};
static const mxtls_probe hostile_probe = {
    .struct_size = sizeof(mxtls_probe), .purpose = 77, .host = "mx\x1b[0m.example.test",
    .address = "192.0.2.66", .port = 25, .mode = MXTLS_MODE_STARTTLS,
    .sni = "sni\"\\\x7f", .tls_version = MXTLS_TLS_1_1, .status = MXTLS_OK,
    .host_index = 5, .address_index = 9, .connect = &hostile_connect, .tls = &hostile_tls,
    .verify = &hostile_verify};
static const mxtls_probe *const hostile_probes[] = {&hostile_probe, NULL};
static const char *const hostile_remedies[] = {"step \x1b[1m one \"quoted\"", NULL,
                                               sample_long_text};
static const char *const hostile_refs[] = {"RFC \\ \xff", NULL};
static const mxtls_finding hostile_cause = {
    .struct_size = sizeof(mxtls_finding), .code = MXTLS_F_SMTP_STARTTLS_REFUSED,
    .id = "smtp.starttls-refused", .severity = MXTLS_SEVERITY_ERROR,
    .stage = MXTLS_STAGE_STARTTLS, .host = "mx\x1b[0m.example.test", .address = "192.0.2.66",
    .port = 25, .caused_by = -1, .summary = "STARTTLS refused: \x1b[2J\"454\"\\ \xff\xfe",
    .explanation = sample_long_text, .n_remedies = N(hostile_remedies),
    .remedies = hostile_remedies, .n_references = N(hostile_refs),
    .references = hostile_refs, .evidence = sample_long_word};
static const mxtls_finding hostile_orphan = {
    .struct_size = sizeof(mxtls_finding), .code = 12345, .id = "made.up",
    .severity = 99, .stage = 42, .caused_by = 7, /* out of range: listed on its own */
    .summary = "orphan \x1b symptom"};
static const mxtls_finding *const hostile_findings[] = {&hostile_cause, NULL, &hostile_orphan};
static const mxtls_report hostile = {
    .struct_size = sizeof(mxtls_report), .target = "evil\x1b[31m\"\\\xff.test",
    .profile = 9, .verdict = 7, .domain = "evil.test", .n_probes = N(hostile_probes),
    .probes = hostile_probes, .n_findings = N(hostile_findings), .findings = hostile_findings,
    .n_root_causes = 1, .summary = "summary \x1b[2J \xff", .elapsed_ms = -1};

/* ---- markup in a banner and a certificate subject ------------------------- */

const char sample_markup[] =
    "<script>alert(1)</script></svg></text><img src=x onerror=alert(2)> \"dq\" 'sq' "
    "&amp; \xe2\x80\xae\xe2\x81\xa6RTL\xe2\x80\x8b end";
static const mxtls_connect_result markup_connect = {
    .struct_size = sizeof(mxtls_connect_result), .address = "192.0.2.9", .port = 25,
    .mode = MXTLS_MODE_STARTTLS, .connect_ms = 1, .banner_ms = 1, .ehlo_ms = 1,
    .banner_code = 220, .banner = sample_markup, .ehlo_code = 250,
    .n_ehlo_lines = N(a47_ehlo), .ehlo_lines = a47_ehlo, .caps = &a47_caps,
    .detail = sample_markup};
static const mxtls_tls_result markup_tls = {
    .struct_size = sizeof(mxtls_tls_result), .failure = MXTLS_TLS_OK, .starttls_code = 220,
    .starttls_text = sample_markup, .starttls_ms = 1, .handshake_ms = 9, .ehlo_ms = 1,
    .version = MXTLS_TLS_1_3, .version_name = "TLS1.3", .cipher_suite = sample_markup,
    .alert_received = -1, .alert_sent = -1, .n_peer_certs = 1, .caps = &no_caps,
    .detail = sample_markup};
static const char *const markup_names[] = {sample_markup};
static const mxtls_cert_info markup_leaf = {
    .struct_size = sizeof(mxtls_cert_info), .subject = sample_markup, .issuer = sample_markup,
    .n_dns_names = 1, .dns_names = markup_names, .not_after_ms = 1764547200000LL};
static const mxtls_cert_info *const markup_certs[] = {&markup_leaf};
static const mxtls_verify_result markup_verify = {
    .struct_size = sizeof(mxtls_verify_result), .flags = MXTLS_VERIFY_NAME_MISMATCH,
    .reference_name = "mx.markup.test", .time_invalid_cert = -1, .n_certs = 1,
    .certs = markup_certs, .dane = MXTLS_DANE_NO_TLSA, .dane_record = -1, .dane_usage = -1,
    .dane_cert = -1, .mtasts_mx_matched = -1, .detail = sample_markup};
static const mxtls_probe markup_probe = {
    .struct_size = sizeof(mxtls_probe), .purpose = MXTLS_PROBE_PRIMARY,
    .host = "mx.markup.test", .address = "192.0.2.9", .port = 25,
    .mode = MXTLS_MODE_STARTTLS, .sni = "mx.markup.test", .host_index = 0,
    .address_index = 0, .connect = &markup_connect, .tls = &markup_tls,
    .verify = &markup_verify};
static const mxtls_probe *const markup_probes[] = {&markup_probe};
static const mxtls_address markup_addr = {
    .struct_size = sizeof(mxtls_address), .family = 4, .text = "192.0.2.9",
    .dnssec = MXTLS_DNSSEC_INSECURE, .scope = MXTLS_SCOPE_RESERVED,
    .proxy_provider = sample_markup};
static const mxtls_address *const markup_addrs[] = {&markup_addr};
static const mxtls_mx_host markup_host = {
    .struct_size = sizeof(mxtls_mx_host), .name = "mx.markup.test", .preference = 10,
    .n_addresses = 1, .addresses = markup_addrs};
static const mxtls_mx_host *const markup_hosts[] = {&markup_host};
static const mxtls_resolve_result markup_resolve = {
    .struct_size = sizeof(mxtls_resolve_result), .query = "markup.test",
    .a_label = "markup.test", .outcome = MXTLS_DNS_NOERROR, .dnssec = MXTLS_DNSSEC_INSECURE,
    .n_hosts = 1, .hosts = markup_hosts, .detail = "1 MX host"};
static const char *const markup_remedies[] = {
    "Put the right certificate in place: `postfix reload` after `postconf -e "
    "smtpd_tls_chain_files=/etc/ssl/mx.pem`."};
static const mxtls_finding markup_cause = {
    .struct_size = sizeof(mxtls_finding), .code = MXTLS_F_CERT_NAME_MISMATCH,
    .id = "cert.name-mismatch", .severity = MXTLS_SEVERITY_ERROR, .stage = MXTLS_STAGE_VERIFY,
    .host = "mx.markup.test", .address = "192.0.2.9", .port = 25, .caused_by = -1,
    .summary = "The certificate does not name mx.markup.test",
    .explanation = "Senders that check names refuse it.", .n_remedies = N(markup_remedies),
    .remedies = markup_remedies, .evidence = sample_markup};
static const mxtls_finding *const markup_findings[] = {&markup_cause};
static const mxtls_report markup = {
    .struct_size = sizeof(mxtls_report), .target = "markup.test",
    .profile = MXTLS_PROFILE_MX, .verdict = MXTLS_VERDICT_ERROR, .domain = "markup.test",
    .resolve = &markup_resolve, .n_probes = N(markup_probes), .probes = markup_probes,
    .n_findings = N(markup_findings), .findings = markup_findings, .n_root_causes = 1,
    .summary = "Mail to markup.test is at risk", .elapsed_ms = 3};

/* ---- NULL wherever a pointer may be NULL ----------------------------------- */

static const mxtls_probe nulls_refused = {
    .struct_size = sizeof(mxtls_probe), .purpose = MXTLS_PROBE_OTHER_PORT,
    .address = "10.0.0.1", .port = 587, .mode = MXTLS_MODE_STARTTLS,
    .status = MXTLS_EPOLICY, .host_index = -1, .address_index = -1};
static const mxtls_probe nulls_empty = {.struct_size = sizeof(mxtls_probe)};
static const mxtls_connect_result nulls_connect = {
    .struct_size = sizeof(mxtls_connect_result), .failure = MXTLS_CONN_REFUSED,
    .failure_phase = MXTLS_PHASE_TCP, .connect_ms = -1, .banner_ms = -1, .ehlo_ms = -1};
static const mxtls_tls_result nulls_tls = {.struct_size = sizeof(mxtls_tls_result),
                                           .alert_received = -1, .alert_sent = -1};
static const mxtls_verify_result nulls_verify = {.struct_size = sizeof(mxtls_verify_result),
                                                 .n_certs = 3, .n_names = 2};
static const mxtls_probe nulls_bare = {
    .struct_size = sizeof(mxtls_probe), .purpose = MXTLS_PROBE_PRIMARY, .port = 25,
    .mode = MXTLS_MODE_STARTTLS, .connect = &nulls_connect, .tls = &nulls_tls,
    .verify = &nulls_verify};
static const mxtls_probe *const nulls_probes[] = {&nulls_refused, &nulls_empty, &nulls_bare};
static const mxtls_finding nulls_finding = {.struct_size = sizeof(mxtls_finding),
                                            .caused_by = -1, .n_remedies = 2,
                                            .n_references = 1,
                                            .severity = MXTLS_SEVERITY_ERROR};
static const mxtls_finding *const nulls_findings[] = {&nulls_finding};
static const mxtls_dns_lookup nulls_lookup = {.struct_size = sizeof(mxtls_dns_lookup)};
static const mxtls_mx_host nulls_host = {.struct_size = sizeof(mxtls_mx_host), .n_addresses = 2,
                                         .n_tlsa = 1, .preference = -1};
static const mxtls_mx_host *const nulls_hosts[] = {&nulls_host, NULL};
static const mxtls_mta_sts_txt nulls_sts = {.struct_size = sizeof(mxtls_mta_sts_txt)};
static const mxtls_txt_set nulls_txt = {.struct_size = sizeof(mxtls_txt_set), .n_records = 4};
static const mxtls_tlsrpt_txt nulls_rpt = {.struct_size = sizeof(mxtls_tlsrpt_txt),
                                           .txt = &nulls_txt, .n_rua = 3};
static const mxtls_resolve_result nulls_resolve = {
    .struct_size = sizeof(mxtls_resolve_result), .mx = &nulls_lookup, .n_hosts = 2,
    .hosts = nulls_hosts, .mta_sts = &nulls_sts, .tlsrpt = &nulls_rpt};
static const mxtls_mtasts_result nulls_mtasts = {.struct_size = sizeof(mxtls_mtasts_result),
                                                 .n_mx_patterns = 2, .n_unmatched = 1,
                                                 .max_age_s = -1};
static const mxtls_report nulls = {
    .struct_size = sizeof(mxtls_report), .profile = MXTLS_PROFILE_MX,
    .verdict = MXTLS_VERDICT_ERROR, .resolve = &nulls_resolve, .mtasts = &nulls_mtasts,
    .n_probes = N(nulls_probes), .probes = nulls_probes, .n_findings = N(nulls_findings),
    .findings = nulls_findings, .n_root_causes = 1};

const mxtls_report *sample_report(int which, const char **name)
{
    static const struct {
        const char *name;
        const mxtls_report *report;
    } samples[SAMPLE_COUNT] = {
        [SAMPLE_ALERT47] = {"alert47", &a47},
        [SAMPLE_SUBMISSION] = {"submission", &sub},
        [SAMPLE_HOSTILE] = {"hostile", &hostile},
        [SAMPLE_NULLS] = {"nulls", &nulls},
        [SAMPLE_MARKUP] = {"markup", &markup},
    };
    if (sample_long_text[0] == '\0') {
        /* Words of 1..40 letters with a control byte and a broken UTF-8
         * sequence now and then, so wrapping and escaping both get work. */
        for (size_t i = 0; i < sizeof sample_long_text - 1; i++)
            sample_long_text[i] = i % 997 == 500 ? '\x1b'
                                  : i % 1499 == 700 ? '\xff'
                                  : i % 41 == 40    ? ' '
                                                    : (char)('a' + i % 26);
        sample_long_text[sizeof sample_long_text - 1] = '\0';
        memset(sample_long_word, 'w', sizeof sample_long_word - 1);
    }
    if (which < 0 || which >= SAMPLE_COUNT)
        return NULL;
    if (name)
        *name = samples[which].name;
    return samples[which].report;
}
