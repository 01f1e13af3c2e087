/* Pin the layout of every public struct on LP64 (x86_64, aarch64): a changed
 * offset or size here means a caller built against an older header reads the
 * wrong bytes. Appended members only ever raise sizeof; every offset below
 * stays forever. The Python binding's ctypes Structures are checked against
 * the same numbers in tests/python. */
#include <stddef.h>

#include <mxtls/mxtls.h>

#include "testlib.h"

#define PIN_OFFSET(type, member, value) ck_assert_uint_eq(offsetof(type, member), value)

START_TEST(address_layout)
{
    PIN_OFFSET(mxtls_address, struct_size, 0);
    PIN_OFFSET(mxtls_address, family, 4);
    PIN_OFFSET(mxtls_address, text, 8);
    PIN_OFFSET(mxtls_address, bytes, 16);
    PIN_OFFSET(mxtls_address, scope, 32);
    PIN_OFFSET(mxtls_address, dnssec, 36);
    PIN_OFFSET(mxtls_address, proxy_provider, 40);
    PIN_OFFSET(mxtls_address, policy_allowed, 48);
    ck_assert_uint_eq(sizeof(mxtls_address), 56);
}
END_TEST

START_TEST(cert_info_layout)
{
    PIN_OFFSET(mxtls_cert_info, struct_size, 0);
    PIN_OFFSET(mxtls_cert_info, subject, 8);
    PIN_OFFSET(mxtls_cert_info, issuer, 16);
    PIN_OFFSET(mxtls_cert_info, n_dns_names, 24);
    PIN_OFFSET(mxtls_cert_info, dns_names, 32);
    PIN_OFFSET(mxtls_cert_info, n_ip_addresses, 40);
    PIN_OFFSET(mxtls_cert_info, ip_addresses, 48);
    PIN_OFFSET(mxtls_cert_info, not_before_ms, 56);
    PIN_OFFSET(mxtls_cert_info, not_after_ms, 64);
    PIN_OFFSET(mxtls_cert_info, key_algorithm, 72);
    PIN_OFFSET(mxtls_cert_info, key_bits, 80);
    PIN_OFFSET(mxtls_cert_info, signature_algorithm, 88);
    PIN_OFFSET(mxtls_cert_info, sha256, 96);
    PIN_OFFSET(mxtls_cert_info, spki_sha256, 128);
    PIN_OFFSET(mxtls_cert_info, is_ca, 160);
    PIN_OFFSET(mxtls_cert_info, self_signed, 161);
    PIN_OFFSET(mxtls_cert_info, reserved, 162);
    PIN_OFFSET(mxtls_cert_info, flags, 164);
    PIN_OFFSET(mxtls_cert_info, der_len, 168);
    PIN_OFFSET(mxtls_cert_info, der, 176);
    ck_assert_uint_eq(sizeof(mxtls_cert_info), 184);
    ck_assert_uint_eq(mxtls_cert_info_struct_size(), sizeof(mxtls_cert_info));
}
END_TEST

START_TEST(verify_result_layout)
{
    PIN_OFFSET(mxtls_verify_result, struct_size, 0);
    PIN_OFFSET(mxtls_verify_result, flags, 4);
    PIN_OFFSET(mxtls_verify_result, gnutls_status, 8);
    PIN_OFFSET(mxtls_verify_result, gnutls_error, 12);
    PIN_OFFSET(mxtls_verify_result, reference_name, 16);
    PIN_OFFSET(mxtls_verify_result, matched_name, 24);
    PIN_OFFSET(mxtls_verify_result, n_names, 32);
    PIN_OFFSET(mxtls_verify_result, names, 40);
    PIN_OFFSET(mxtls_verify_result, now_ms, 48);
    PIN_OFFSET(mxtls_verify_result, time_invalid_cert, 56);
    PIN_OFFSET(mxtls_verify_result, reserved0, 60);
    PIN_OFFSET(mxtls_verify_result, missing_issuer, 64);
    PIN_OFFSET(mxtls_verify_result, n_certs, 72);
    PIN_OFFSET(mxtls_verify_result, certs, 80);
    PIN_OFFSET(mxtls_verify_result, dane, 88);
    PIN_OFFSET(mxtls_verify_result, dane_record, 92);
    PIN_OFFSET(mxtls_verify_result, dane_usage, 96);
    PIN_OFFSET(mxtls_verify_result, dane_cert, 100);
    PIN_OFFSET(mxtls_verify_result, dane_gnutls_status, 104);
    PIN_OFFSET(mxtls_verify_result, mtasts, 108);
    PIN_OFFSET(mxtls_verify_result, mtasts_mode, 112);
    PIN_OFFSET(mxtls_verify_result, mtasts_mx_matched, 116);
    PIN_OFFSET(mxtls_verify_result, detail, 120);
    PIN_OFFSET(mxtls_verify_result, dane_usable_records, 128);
    PIN_OFFSET(mxtls_verify_result, dane_matching_records, 132);
    ck_assert_uint_eq(sizeof(mxtls_verify_result), 136);
    ck_assert_uint_eq(mxtls_verify_result_struct_size(), sizeof(mxtls_verify_result));
}
END_TEST

START_TEST(mtasts_result_layout)
{
    PIN_OFFSET(mxtls_mtasts_result, struct_size, 0);
    PIN_OFFSET(mxtls_mtasts_result, outcome, 4);
    PIN_OFFSET(mxtls_mtasts_result, mode, 8);
    PIN_OFFSET(mxtls_mtasts_result, fetch_error, 12);
    PIN_OFFSET(mxtls_mtasts_result, domain, 16);
    PIN_OFFSET(mxtls_mtasts_result, policy_url, 24);
    PIN_OFFSET(mxtls_mtasts_result, txt_id, 32);
    PIN_OFFSET(mxtls_mtasts_result, max_age_s, 40);
    PIN_OFFSET(mxtls_mtasts_result, n_mx_patterns, 48);
    PIN_OFFSET(mxtls_mtasts_result, mx_patterns, 56);
    PIN_OFFSET(mxtls_mtasts_result, n_unmatched, 64);
    PIN_OFFSET(mxtls_mtasts_result, unmatched_mx, 72);
    PIN_OFFSET(mxtls_mtasts_result, http_status, 80);
    PIN_OFFSET(mxtls_mtasts_result, curl_error, 84);
    PIN_OFFSET(mxtls_mtasts_result, ssl_verify_result, 88);
    PIN_OFFSET(mxtls_mtasts_result, invalid_line, 96);
    PIN_OFFSET(mxtls_mtasts_result, reserved0, 100);
    PIN_OFFSET(mxtls_mtasts_result, invalid_text, 104);
    PIN_OFFSET(mxtls_mtasts_result, content_type, 112);
    PIN_OFFSET(mxtls_mtasts_result, elapsed_ms, 120);
    PIN_OFFSET(mxtls_mtasts_result, detail, 128);
    ck_assert_uint_eq(sizeof(mxtls_mtasts_result), 136);
    ck_assert_uint_eq(mxtls_mtasts_result_struct_size(), sizeof(mxtls_mtasts_result));
}
END_TEST

START_TEST(resolve_layout)
{
    PIN_OFFSET(mxtls_resolve_result, struct_size, 0);
    PIN_OFFSET(mxtls_resolve_result, query, 8);
    PIN_OFFSET(mxtls_resolve_result, a_label, 16);
    PIN_OFFSET(mxtls_resolve_result, port, 24);
    PIN_OFFSET(mxtls_resolve_result, outcome, 28);
    PIN_OFFSET(mxtls_resolve_result, dnssec, 32);
    PIN_OFFSET(mxtls_resolve_result, mx, 40);
    PIN_OFFSET(mxtls_resolve_result, null_mx, 48);
    PIN_OFFSET(mxtls_resolve_result, implicit_mx, 52);
    PIN_OFFSET(mxtls_resolve_result, n_hosts, 56);
    PIN_OFFSET(mxtls_resolve_result, hosts, 64);
    PIN_OFFSET(mxtls_resolve_result, mta_sts, 72);
    PIN_OFFSET(mxtls_resolve_result, tlsrpt, 80);
    PIN_OFFSET(mxtls_resolve_result, limits_hit, 88);
    PIN_OFFSET(mxtls_resolve_result, n_queries, 92);
    PIN_OFFSET(mxtls_resolve_result, elapsed_ms, 96);
    PIN_OFFSET(mxtls_resolve_result, detail, 104);
    PIN_OFFSET(mxtls_resolve_result, resolver_health, 112);
    PIN_OFFSET(mxtls_resolve_result, resolver_detail, 120);
    PIN_OFFSET(mxtls_resolve_result, resolver_validates, 128);
    PIN_OFFSET(mxtls_resolve_result, recursion, 132);
    ck_assert_uint_eq(sizeof(mxtls_resolve_result), 136);

    PIN_OFFSET(mxtls_mx_host, name, 8);
    PIN_OFFSET(mxtls_mx_host, preference, 16);
    PIN_OFFSET(mxtls_mx_host, flags, 20);
    PIN_OFFSET(mxtls_mx_host, canonical_name, 24);
    PIN_OFFSET(mxtls_mx_host, n_addresses, 32);
    PIN_OFFSET(mxtls_mx_host, addresses, 40);
    PIN_OFFSET(mxtls_mx_host, a, 48);
    PIN_OFFSET(mxtls_mx_host, aaaa, 56);
    PIN_OFFSET(mxtls_mx_host, tlsa_name, 64);
    PIN_OFFSET(mxtls_mx_host, n_tlsa, 72);
    PIN_OFFSET(mxtls_mx_host, tlsa, 80);
    PIN_OFFSET(mxtls_mx_host, tlsa_lookup, 88);
    ck_assert_uint_eq(sizeof(mxtls_mx_host), 96);

    PIN_OFFSET(mxtls_tlsa, usage, 4);
    PIN_OFFSET(mxtls_tlsa, selector, 5);
    PIN_OFFSET(mxtls_tlsa, matching_type, 6);
    PIN_OFFSET(mxtls_tlsa, data_len, 8);
    PIN_OFFSET(mxtls_tlsa, data, 16);
    PIN_OFFSET(mxtls_tlsa, data_hex, 24);
    PIN_OFFSET(mxtls_tlsa, dnssec, 32);
    ck_assert_uint_eq(sizeof(mxtls_tlsa), 40);

    PIN_OFFSET(mxtls_dns_lookup, qname, 8);
    PIN_OFFSET(mxtls_dns_lookup, qtype, 16);
    PIN_OFFSET(mxtls_dns_lookup, outcome, 20);
    PIN_OFFSET(mxtls_dns_lookup, rcode, 24);
    PIN_OFFSET(mxtls_dns_lookup, dnssec, 28);
    PIN_OFFSET(mxtls_dns_lookup, why_bogus, 32);
    PIN_OFFSET(mxtls_dns_lookup, detail, 40);
    PIN_OFFSET(mxtls_dns_lookup, n_records, 48);
    PIN_OFFSET(mxtls_dns_lookup, limited, 52);
    PIN_OFFSET(mxtls_dns_lookup, elapsed_ms, 56);
    ck_assert_uint_eq(sizeof(mxtls_dns_lookup), 64);

    PIN_OFFSET(mxtls_txt_set, lookup, 8);
    PIN_OFFSET(mxtls_txt_set, n_records, 16);
    PIN_OFFSET(mxtls_txt_set, records, 24);
    ck_assert_uint_eq(sizeof(mxtls_txt_set), 32);

    PIN_OFFSET(mxtls_mta_sts_txt, txt, 8);
    PIN_OFFSET(mxtls_mta_sts_txt, n_sts_records, 16);
    PIN_OFFSET(mxtls_mta_sts_txt, valid, 20);
    PIN_OFFSET(mxtls_mta_sts_txt, version, 24);
    PIN_OFFSET(mxtls_mta_sts_txt, id, 32);
    PIN_OFFSET(mxtls_mta_sts_txt, problem, 40);
    ck_assert_uint_eq(sizeof(mxtls_mta_sts_txt), 48);

    PIN_OFFSET(mxtls_tlsrpt_txt, txt, 8);
    PIN_OFFSET(mxtls_tlsrpt_txt, n_tlsrpt_records, 16);
    PIN_OFFSET(mxtls_tlsrpt_txt, valid, 20);
    PIN_OFFSET(mxtls_tlsrpt_txt, version, 24);
    PIN_OFFSET(mxtls_tlsrpt_txt, n_rua, 32);
    PIN_OFFSET(mxtls_tlsrpt_txt, rua, 40);
    PIN_OFFSET(mxtls_tlsrpt_txt, problem, 48);
    ck_assert_uint_eq(sizeof(mxtls_tlsrpt_txt), 56);
}
END_TEST

START_TEST(capabilities_layout)
{
    PIN_OFFSET(mxtls_capabilities, struct_size, 0);
    PIN_OFFSET(mxtls_capabilities, starttls, 4);
    PIN_OFFSET(mxtls_capabilities, pipelining, 8);
    PIN_OFFSET(mxtls_capabilities, eightbitmime, 12);
    PIN_OFFSET(mxtls_capabilities, smtputf8, 16);
    PIN_OFFSET(mxtls_capabilities, chunking, 20);
    PIN_OFFSET(mxtls_capabilities, enhancedstatuscodes, 24);
    PIN_OFFSET(mxtls_capabilities, dsn, 28);
    PIN_OFFSET(mxtls_capabilities, requiretls, 32);
    PIN_OFFSET(mxtls_capabilities, has_size, 36);
    PIN_OFFSET(mxtls_capabilities, size_limit, 40);
    PIN_OFFSET(mxtls_capabilities, n_auth, 48);
    PIN_OFFSET(mxtls_capabilities, auth, 56);
    PIN_OFFSET(mxtls_capabilities, masked, 64);
    PIN_OFFSET(mxtls_capabilities, starttls_masked, 68);
    PIN_OFFSET(mxtls_capabilities, malformed, 72);
    ck_assert_uint_eq(sizeof(mxtls_capabilities), 80);
    ck_assert_uint_eq(mxtls_capabilities_struct_size(), sizeof(mxtls_capabilities));
}
END_TEST

/* issue 18: one turn of the SMTP dialogue, as its bytes */
START_TEST(exchange_layout)
{
    PIN_OFFSET(mxtls_exchange, struct_size, 0);
    PIN_OFFSET(mxtls_exchange, direction, 4);
    PIN_OFFSET(mxtls_exchange, over_tls, 8);
    PIN_OFFSET(mxtls_exchange, length, 16);
    PIN_OFFSET(mxtls_exchange, data, 24);
    ck_assert_uint_eq(sizeof(mxtls_exchange), 32);
    ck_assert_uint_eq(mxtls_exchange_struct_size(), sizeof(mxtls_exchange));
    ck_assert_uint_eq(mxtls_transcript_max(), 8192);
}
END_TEST

START_TEST(connect_result_layout)
{
    PIN_OFFSET(mxtls_connect_result, struct_size, 0);
    PIN_OFFSET(mxtls_connect_result, address, 8);
    PIN_OFFSET(mxtls_connect_result, port, 16);
    PIN_OFFSET(mxtls_connect_result, mode, 20);
    PIN_OFFSET(mxtls_connect_result, failure, 24);
    PIN_OFFSET(mxtls_connect_result, failure_phase, 28);
    PIN_OFFSET(mxtls_connect_result, sys_errno, 32);
    PIN_OFFSET(mxtls_connect_result, seen, 36);
    PIN_OFFSET(mxtls_connect_result, reply_error, 40);
    PIN_OFFSET(mxtls_connect_result, n_first_bytes, 48);
    PIN_OFFSET(mxtls_connect_result, first_bytes, 56);
    PIN_OFFSET(mxtls_connect_result, connect_ms, 64);
    PIN_OFFSET(mxtls_connect_result, banner_ms, 72);
    PIN_OFFSET(mxtls_connect_result, ehlo_ms, 80);
    PIN_OFFSET(mxtls_connect_result, banner_code, 88);
    PIN_OFFSET(mxtls_connect_result, banner, 96);
    PIN_OFFSET(mxtls_connect_result, ehlo_code, 104);
    PIN_OFFSET(mxtls_connect_result, helo_fallback, 108);
    PIN_OFFSET(mxtls_connect_result, n_ehlo_lines, 112);
    PIN_OFFSET(mxtls_connect_result, ehlo_lines, 120);
    PIN_OFFSET(mxtls_connect_result, caps, 128);
    PIN_OFFSET(mxtls_connect_result, detail, 136);
    /* appended in 0.1 (issue 18) */
    PIN_OFFSET(mxtls_connect_result, n_exchanges, 144);
    PIN_OFFSET(mxtls_connect_result, exchanges, 152);
    PIN_OFFSET(mxtls_connect_result, transcript_truncated, 160);
    ck_assert_uint_eq(sizeof(mxtls_connect_result), 168);
    ck_assert_uint_eq(mxtls_connect_result_struct_size(), sizeof(mxtls_connect_result));
}
END_TEST

START_TEST(tls_result_layout)
{
    PIN_OFFSET(mxtls_tls_result, struct_size, 0);
    PIN_OFFSET(mxtls_tls_result, failure, 4);
    PIN_OFFSET(mxtls_tls_result, failure_phase, 8);
    PIN_OFFSET(mxtls_tls_result, sys_errno, 12);
    PIN_OFFSET(mxtls_tls_result, seen, 16);
    PIN_OFFSET(mxtls_tls_result, reply_error, 20);
    PIN_OFFSET(mxtls_tls_result, n_first_bytes, 24);
    PIN_OFFSET(mxtls_tls_result, first_bytes, 32);
    PIN_OFFSET(mxtls_tls_result, starttls_code, 40);
    PIN_OFFSET(mxtls_tls_result, starttls_text, 48);
    PIN_OFFSET(mxtls_tls_result, starttls_ms, 56);
    PIN_OFFSET(mxtls_tls_result, handshake_ms, 64);
    PIN_OFFSET(mxtls_tls_result, ehlo_ms, 72);
    PIN_OFFSET(mxtls_tls_result, sni, 80);
    PIN_OFFSET(mxtls_tls_result, priority, 88);
    PIN_OFFSET(mxtls_tls_result, version, 96);
    PIN_OFFSET(mxtls_tls_result, version_name, 104);
    PIN_OFFSET(mxtls_tls_result, cipher_suite, 112);
    PIN_OFFSET(mxtls_tls_result, kx, 120);
    PIN_OFFSET(mxtls_tls_result, group, 128);
    PIN_OFFSET(mxtls_tls_result, sigalg, 136);
    PIN_OFFSET(mxtls_tls_result, dh_prime_bits, 144);
    PIN_OFFSET(mxtls_tls_result, alert_received, 148);
    PIN_OFFSET(mxtls_tls_result, alert_received_name, 152);
    PIN_OFFSET(mxtls_tls_result, alert_sent, 160);
    PIN_OFFSET(mxtls_tls_result, alert_sent_name, 168);
    PIN_OFFSET(mxtls_tls_result, gnutls_error, 176);
    PIN_OFFSET(mxtls_tls_result, gnutls_error_name, 184);
    PIN_OFFSET(mxtls_tls_result, gnutls_error_text, 192);
    PIN_OFFSET(mxtls_tls_result, n_peer_certs, 200);
    PIN_OFFSET(mxtls_tls_result, peer_certs, 208);
    PIN_OFFSET(mxtls_tls_result, peer_cert_lens, 216);
    PIN_OFFSET(mxtls_tls_result, ocsp_stapled, 224);
    PIN_OFFSET(mxtls_tls_result, banner_code, 228);
    PIN_OFFSET(mxtls_tls_result, banner, 232);
    PIN_OFFSET(mxtls_tls_result, ehlo_code, 240);
    PIN_OFFSET(mxtls_tls_result, n_ehlo_lines, 248);
    PIN_OFFSET(mxtls_tls_result, ehlo_lines, 256);
    PIN_OFFSET(mxtls_tls_result, caps, 264);
    PIN_OFFSET(mxtls_tls_result, detail, 272);
    /* appended in 0.1 (issue 18) */
    PIN_OFFSET(mxtls_tls_result, n_exchanges, 280);
    PIN_OFFSET(mxtls_tls_result, exchanges, 288);
    PIN_OFFSET(mxtls_tls_result, transcript_truncated, 296);
    ck_assert_uint_eq(sizeof(mxtls_tls_result), 304);
    ck_assert_uint_eq(mxtls_tls_result_struct_size(), sizeof(mxtls_tls_result));
}
END_TEST

START_TEST(finding_layout)
{
    PIN_OFFSET(mxtls_finding, struct_size, 0);
    PIN_OFFSET(mxtls_finding, code, 4);
    PIN_OFFSET(mxtls_finding, id, 8);
    PIN_OFFSET(mxtls_finding, severity, 16);
    PIN_OFFSET(mxtls_finding, stage, 20);
    PIN_OFFSET(mxtls_finding, host, 24);
    PIN_OFFSET(mxtls_finding, address, 32);
    PIN_OFFSET(mxtls_finding, port, 40);
    PIN_OFFSET(mxtls_finding, caused_by, 44);
    PIN_OFFSET(mxtls_finding, summary, 48);
    PIN_OFFSET(mxtls_finding, explanation, 56);
    PIN_OFFSET(mxtls_finding, n_remedies, 64);
    PIN_OFFSET(mxtls_finding, remedies, 72);
    PIN_OFFSET(mxtls_finding, n_references, 80);
    PIN_OFFSET(mxtls_finding, references, 88);
    PIN_OFFSET(mxtls_finding, evidence, 96);
    PIN_OFFSET(mxtls_finding, about, 104);
    ck_assert_uint_eq(sizeof(mxtls_finding), 112);
    ck_assert_uint_eq(mxtls_diagnose_struct_size(2), sizeof(mxtls_finding));
}
END_TEST

START_TEST(explanation_layout)
{
    PIN_OFFSET(mxtls_explanation, struct_size, 0);
    PIN_OFFSET(mxtls_explanation, recognised, 4);
    PIN_OFFSET(mxtls_explanation, source, 8);
    PIN_OFFSET(mxtls_explanation, alert, 12);
    PIN_OFFSET(mxtls_explanation, alert_name, 16);
    PIN_OFFSET(mxtls_explanation, alert_sender, 24);
    PIN_OFFSET(mxtls_explanation, smtp_code, 28);
    PIN_OFFSET(mxtls_explanation, host, 32);
    PIN_OFFSET(mxtls_explanation, summary, 40);
    PIN_OFFSET(mxtls_explanation, explanation, 48);
    PIN_OFFSET(mxtls_explanation, suggested_check, 56);
    PIN_OFFSET(mxtls_explanation, n_findings, 64);
    PIN_OFFSET(mxtls_explanation, likely_causes, 72);
    PIN_OFFSET(mxtls_explanation, side, 80);
    PIN_OFFSET(mxtls_explanation, n_ranked, 88);
    PIN_OFFSET(mxtls_explanation, weights, 96);
    PIN_OFFSET(mxtls_explanation, evidence_start, 104);
    PIN_OFFSET(mxtls_explanation, evidence_end, 112);
    PIN_OFFSET(mxtls_explanation, enhanced_status, 120);
    PIN_OFFSET(mxtls_explanation, domain, 128);
    PIN_OFFSET(mxtls_explanation, n_addresses, 136);
    PIN_OFFSET(mxtls_explanation, addresses, 144);
    PIN_OFFSET(mxtls_explanation, truncated, 152);
    ck_assert_uint_eq(sizeof(mxtls_explanation), 160);
    ck_assert_uint_eq(mxtls_diagnose_struct_size(3), sizeof(mxtls_explanation));
}
END_TEST

START_TEST(buffer_layout)
{
    PIN_OFFSET(mxtls_buffer, struct_size, 0);
    PIN_OFFSET(mxtls_buffer, data, 8);
    PIN_OFFSET(mxtls_buffer, length, 16);
    ck_assert_uint_eq(sizeof(mxtls_buffer), 24);
    ck_assert_uint_eq(mxtls_diagnose_struct_size(4), sizeof(mxtls_buffer));
}
END_TEST

START_TEST(probe_layout)
{
    PIN_OFFSET(mxtls_probe, struct_size, 0);
    PIN_OFFSET(mxtls_probe, purpose, 4);
    PIN_OFFSET(mxtls_probe, host, 8);
    PIN_OFFSET(mxtls_probe, address, 16);
    PIN_OFFSET(mxtls_probe, port, 24);
    PIN_OFFSET(mxtls_probe, mode, 28);
    PIN_OFFSET(mxtls_probe, sni, 32);
    PIN_OFFSET(mxtls_probe, tls_version, 40);
    PIN_OFFSET(mxtls_probe, status, 44);
    PIN_OFFSET(mxtls_probe, host_index, 48);
    PIN_OFFSET(mxtls_probe, address_index, 52);
    PIN_OFFSET(mxtls_probe, connect, 56);
    PIN_OFFSET(mxtls_probe, tls, 64);
    PIN_OFFSET(mxtls_probe, verify, 72);
    ck_assert_uint_eq(sizeof(mxtls_probe), 80);
    ck_assert_uint_eq(mxtls_diagnose_struct_size(1), sizeof(mxtls_probe));
}
END_TEST

START_TEST(report_layout)
{
    PIN_OFFSET(mxtls_report, struct_size, 0);
    PIN_OFFSET(mxtls_report, target, 8);
    PIN_OFFSET(mxtls_report, profile, 16);
    PIN_OFFSET(mxtls_report, verdict, 20);
    PIN_OFFSET(mxtls_report, domain, 24);
    PIN_OFFSET(mxtls_report, strict, 32);
    PIN_OFFSET(mxtls_report, resolve, 40);
    PIN_OFFSET(mxtls_report, mtasts, 48);
    PIN_OFFSET(mxtls_report, n_probes, 56);
    PIN_OFFSET(mxtls_report, probes, 64);
    PIN_OFFSET(mxtls_report, n_findings, 72);
    PIN_OFFSET(mxtls_report, findings, 80);
    PIN_OFFSET(mxtls_report, n_root_causes, 88);
    PIN_OFFSET(mxtls_report, summary, 96);
    PIN_OFFSET(mxtls_report, elapsed_ms, 104);
    PIN_OFFSET(mxtls_report, environment_verdict, 112);
    PIN_OFFSET(mxtls_report, n_predictions, 120);
    PIN_OFFSET(mxtls_report, predictions, 128);
    ck_assert_uint_eq(sizeof(mxtls_report), 136);
    ck_assert_uint_eq(mxtls_diagnose_struct_size(0), sizeof(mxtls_report));
}
END_TEST

START_TEST(sender_layout)
{
    PIN_OFFSET(mxtls_sender, id, 8);
    PIN_OFFSET(mxtls_sender, name, 16);
    PIN_OFFSET(mxtls_sender, profile, 24);
    PIN_OFFSET(mxtls_sender, mainstream, 28);
    PIN_OFFSET(mxtls_sender, sends_sni, 32);
    PIN_OFFSET(mxtls_sender, tls_min, 36);
    PIN_OFFSET(mxtls_sender, tls_max, 40);
    PIN_OFFSET(mxtls_sender, verifies_certificate, 44);
    PIN_OFFSET(mxtls_sender, honours_mtasts, 48);
    PIN_OFFSET(mxtls_sender, honours_dane, 52);
    PIN_OFFSET(mxtls_sender, plaintext_without_starttls, 56);
    PIN_OFFSET(mxtls_sender, plaintext_after_tls_failure, 60);
    PIN_OFFSET(mxtls_sender, retry_hours, 64);
    PIN_OFFSET(mxtls_sender, summary, 72);
    PIN_OFFSET(mxtls_sender, n_sources, 80);
    PIN_OFFSET(mxtls_sender, sources, 88);
    ck_assert_uint_eq(sizeof(mxtls_sender), 96);
    ck_assert_uint_eq(mxtls_diagnose_struct_size(6), sizeof(mxtls_sender));
    for (size_t i = 0; i < mxtls_sender_count(); i++)
        ck_assert_uint_eq(mxtls_sender_at(i)->struct_size, sizeof(mxtls_sender));
    ck_assert_ptr_null(mxtls_sender_at(mxtls_sender_count()));
    ck_assert_ptr_null(mxtls_sender_find("nobody"));
    ck_assert_ptr_null(mxtls_sender_find(NULL));
    ck_assert_ptr_eq(mxtls_sender_find("gmail"), mxtls_sender_at(0));
}
END_TEST

START_TEST(prediction_layout)
{
    PIN_OFFSET(mxtls_prediction, sender, 8);
    PIN_OFFSET(mxtls_prediction, outcome, 16);
    PIN_OFFSET(mxtls_prediction, finding, 20);
    PIN_OFFSET(mxtls_prediction, host, 24);
    PIN_OFFSET(mxtls_prediction, detail, 32);
    PIN_OFFSET(mxtls_prediction, delayed, 40);
    ck_assert_uint_eq(sizeof(mxtls_prediction), 48);
    ck_assert_uint_eq(mxtls_diagnose_struct_size(5), sizeof(mxtls_prediction));
    ck_assert_str_eq(mxtls_delivery_name(MXTLS_DELIVERY_DEFERS), "defers");
    ck_assert_str_eq(mxtls_delivery_name(99), "unknown");
}
END_TEST

/* Not a struct_size struct: fixed forever, and the same as struct pollfd,
 * so an array of them goes to poll() as is. */
START_TEST(pollfd_layout)
{
    PIN_OFFSET(mxtls_pollfd, fd, 0);
    PIN_OFFSET(mxtls_pollfd, events, 4);
    PIN_OFFSET(mxtls_pollfd, revents, 6);
    ck_assert_uint_eq(sizeof(mxtls_pollfd), 8);
}
END_TEST

START_TEST(diagnose_struct_size_of_unknown_is_zero)
{
    ck_assert_uint_eq(mxtls_diagnose_struct_size(7), 0);
    ck_assert_uint_eq(mxtls_diagnose_struct_size(-1), 0);
}
END_TEST

START_TEST(status_is_int_sized)
{
    ck_assert_uint_eq(sizeof(mxtls_status), sizeof(int));
}
END_TEST

static Suite *layout_suite(void)
{
    Suite *s = suite_create("abi-layout");
    TCase *tc = tcase_create("layout");
    tcase_add_test(tc, address_layout);
    tcase_add_test(tc, exchange_layout);
    tcase_add_test(tc, cert_info_layout);
    tcase_add_test(tc, verify_result_layout);
    tcase_add_test(tc, mtasts_result_layout);
    tcase_add_test(tc, resolve_layout);
    tcase_add_test(tc, capabilities_layout);
    tcase_add_test(tc, connect_result_layout);
    tcase_add_test(tc, tls_result_layout);
    tcase_add_test(tc, finding_layout);
    tcase_add_test(tc, explanation_layout);
    tcase_add_test(tc, buffer_layout);
    tcase_add_test(tc, probe_layout);
    tcase_add_test(tc, report_layout);
    tcase_add_test(tc, pollfd_layout);
    tcase_add_test(tc, sender_layout);
    tcase_add_test(tc, prediction_layout);
    tcase_add_test(tc, diagnose_struct_size_of_unknown_is_zero);
    tcase_add_test(tc, status_is_int_sized);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return mxtls_test_run(layout_suite());
}
