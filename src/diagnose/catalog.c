/* The findings catalogue: for every finding code, the words a mail admin
 * reads. This file is data. Each entry says what is wrong, why the sender
 * refuses, what the sender shows (Gmail's own words where they are known),
 * and the steps that fix it, ending with how to check the fix.
 *
 * Conventions, checked by tests/test-catalog.c:
 * - Templates name only the variables of struct mxtls__vars, and every
 *   placeholder has a fallback ("{host|the mail server}"), because the stage
 *   that fills the facts may not know them all. A fallback must read well
 *   where it stands.
 * - The summary is one line without a final full stop. Explanations and
 *   remedies are full sentences. Paragraphs in an explanation are separated
 *   by one blank line. Commands and settings are in `backticks`.
 * - Remedies are not numbered here (the renderer numbers them). The last
 *   remedy of every error and warning says how to verify: a mxtls-check
 *   command.
 * - References are RFCs, with a section where the section is exact.
 * - Printable ASCII only. */
#include <stddef.h>
#include <string.h>

#include "mxtls/diagnose.h"

#include "catalog.h"

/* The last step of most remedies. */
#define CHECK_MX "Check again with `mxtls-check {domain|your-domain}`."
#define CHECK_BOTH                                                              \
    "Check again with `mxtls-check {domain|your-domain}`, or with "           \
    "`mxtls-check --submission {host|smtp.example.com}` for a submission "     \
    "server such as the one you gave Gmail's Send-As."
#define CHECK_SUBMISSION "Check again with `mxtls-check --submission {host|smtp.example.com}`."

/* Repeated facts, kept word for word the same wherever they appear. */
#define GMAIL_ALERT_47                                                          \
    "Gmail shows this as \"TLS Negotiation failed: FAILED_PRECONDITION: "      \
    "starttls error (71): ... SSLV3_ALERT_ILLEGAL_PARAMETER ... SSL alert "    \
    "number 47\". The \"(71)\" is Gmail's own error code, not TLS alert 71; "  \
    "alert 47 (illegal_parameter) is the one that matters, and your server "    \
    "sent it."
#define GMAIL_MISMATCH "\"TLS Negotiation failed, the certificate doesn't match the host.\""
#define CLOUDFLARE_GREY                                                         \
    "In Cloudflare's DNS settings, set the A and AAAA records of your mail "   \
    "host (e.g. `mail.{domain|your-domain}`) to DNS only (grey cloud) and "     \
    "make them point at the mail server's real address. Cloudflare proxies "    \
    "only HTTP and HTTPS, never SMTP."
#define MX_AT_MAIL_HOST                                                         \
    "Point the MX record straight at that host: "                              \
    "`{domain|your-domain}. MX 10 mail.{domain|your-domain}.` Once no MX "      \
    "names a proxied host, Cloudflare stops rewriting it."
#define POSTFIX_CHAIN                                                           \
    "Postfix (3.4 or later): in main.cf set `smtpd_tls_chain_files = "         \
    "/etc/letsencrypt/live/{host|mail.example.com}/privkey.pem, "               \
    "/etc/letsencrypt/live/{host|mail.example.com}/fullchain.pem` (it "         \
    "replaces `smtpd_tls_cert_file` and `smtpd_tls_key_file`), then run "       \
    "`postfix reload`."
#define EXIM_CHAIN                                                              \
    "Exim: set `tls_certificate = "                                            \
    "/etc/letsencrypt/live/{host|mail.example.com}/fullchain.pem` and "          \
    "`tls_privatekey = /etc/letsencrypt/live/{host|mail.example.com}/privkey.pem`, " \
    "then restart Exim (`systemctl restart exim4` on Debian)."
#define RELOAD_HOOK                                                             \
    "Make every renewal reach the running server: put a script that runs "     \
    "`postfix reload` (or restarts Exim) in "                                   \
    "/etc/letsencrypt/renewal-hooks/deploy/, since a renewed file is not a "    \
    "loaded one."

static const struct mxtls__catalog_entry catalog[] = {
    /* ------------------------------------------------------------------
     * DNS
     * ------------------------------------------------------------------ */
    {
        .code = MXTLS_F_DNS_NXDOMAIN,
        .id = "dns.nxdomain",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_RESOLVE,
        .summary = "{domain|The domain} does not exist in DNS (NXDOMAIN)",
        .explanation =
            "The DNS says that {domain|the domain} does not exist: its name "
            "servers, or the parent zone, answer NXDOMAIN. Every sender bounces "
            "mail to it at once as undeliverable, without retrying. The usual "
            "causes are a typing error, a registration that has expired, or a "
            "delegation to name servers that do not hold the zone.",
        .remedies = {
            "Check the spelling of the domain, both here and in the addresses "
            "people write to.",
            "Check the registration: `whois {domain|your-domain}` shows whether "
            "it has expired. Renew it with your registrar if it has.",
            "Check the delegation: `dig +trace {domain|your-domain} MX` shows "
            "the name servers the parent zone names. Each of them must serve "
            "the zone.",
            CHECK_MX,
        },
        .references = {"RFC 1035 section 4.1.1", "RFC 2308 section 2.1"},
    },
    {
        .code = MXTLS_F_DNS_SERVFAIL,
        .id = "dns.servfail",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_RESOLVE,
        .summary = "The name servers of {domain|the domain} fail to answer (SERVFAIL)",
        .explanation =
            "Looking up the mail servers of {domain|the domain} ends in "
            "SERVFAIL: the resolver could not get a usable answer from the "
            "domain's name servers. Senders treat this as a temporary "
            "failure. They keep the mail in their queue, retry for hours or "
            "days, and then bounce it. Common causes are name servers that are "
            "down or do not serve the zone (a lame delegation), and DNSSEC "
            "signatures that do not validate.",
        .remedies = {
            "Find the name servers the parent zone names: "
            "`dig +trace {domain|your-domain} MX`.",
            "Ask each of them directly, e.g. "
            "`dig @ns1.example.net {domain|your-domain} MX`. Every one must "
            "answer with the aa (authoritative) flag and the same records.",
            "If they all answer but validating resolvers still fail, check "
            "DNSSEC: `delv {domain|your-domain} MX` names the signature or DS "
            "record that breaks.",
            "Fix the failing name server at your DNS provider, or remove it "
            "from the delegation at your registrar.",
            CHECK_MX,
        },
        .references = {"RFC 1035 section 4.1.1", "RFC 4035 section 5.5"},
    },
    {
        .code = MXTLS_F_DNS_NULL_MX,
        .id = "dns.null-mx",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_RESOLVE,
        .summary = "{domain|The domain} publishes a null MX: it accepts no mail",
        .explanation =
            "{domain|The domain} has the MX record `0 .`, a null MX. It "
            "declares that the domain accepts no mail at all, so every sender "
            "bounces mail to it at once, without trying to connect. If the "
            "domain is not meant to receive mail, this is correct and nothing "
            "needs fixing. If it is, the null MX is the cause. A null MX must "
            "also be the domain's only MX record; with other MX records beside "
            "it, senders disagree on what to do.",
        .remedies = {
            "If the domain should receive mail, delete the `MX 0 .` record at "
            "your DNS provider.",
            "Publish MX records that name your mail server, e.g. "
            "`{domain|your-domain}. MX 10 mail.{domain|your-domain}.`, and make "
            "sure that host has A (and, if it works over IPv6, AAAA) records.",
            "Wait until the old record's TTL has passed, so resolvers forget it.",
            CHECK_MX,
        },
        .references = {"RFC 7505 section 3", "RFC 5321 section 5.1"},
    },
    {
        .code = MXTLS_F_DNS_NO_MX,
        .id = "dns.no-mx",
        .severity = MXTLS_SEVERITY_INFO,
        .stage = MXTLS_STAGE_RESOLVE,
        .summary = "{domain|The domain} has no MX record, so senders use its own address",
        .explanation =
            "{domain|The domain} publishes no MX record. Senders then treat "
            "the domain's own A/AAAA address as its mail server (the implicit "
            "MX) and connect to port 25 there. That address is often a web "
            "server or a CDN that does not accept mail, and the sender then "
            "reports a connection failure rather than a DNS problem. Even "
            "where it works, an explicit MX record is clearer and lets you "
            "move the web site without moving mail.",
        .remedies = {
            "Publish an MX record such as "
            "`{domain|your-domain}. MX 10 mail.{domain|your-domain}.` for the "
            "host that runs your mail server.",
            "Give that host A (and, if it works over IPv6, AAAA) records that "
            "point at the mail server itself, not at a web proxy.",
            "If the domain should receive no mail at all, publish a null MX "
            "(`MX 0 .`) instead, so senders bounce at once rather than retry.",
            CHECK_MX,
        },
        .references = {"RFC 5321 section 5.1", "RFC 7505 section 3"},
    },
    {
        .code = MXTLS_F_DNS_MX_CNAME,
        .id = "dns.mx-cname",
        .severity = MXTLS_SEVERITY_INFO,
        .stage = MXTLS_STAGE_RESOLVE,
        .summary = "The MX of {domain|the domain} names {host|a host}, which is an alias (CNAME)",
        .explanation =
            "The MX record names {host|a host} that is a CNAME, not a name with "
            "its own A/AAAA records. The DNS standards forbid this: an MX "
            "target must not be an alias. Most senders follow the alias anyway, "
            "but some refuse. Senders that check the certificate, such as "
            "those honouring MTA-STS, check it against the name in the MX "
            "record, not the alias's target, so the certificate must carry "
            "that name.",
        .remedies = {
            "See where the alias leads: `dig +short {host|mail.example.com} CNAME`.",
            "Change the MX record to name the alias's target directly, or "
            "replace the CNAME with A/AAAA records for {host|the MX host}.",
            "Make sure the mail server's certificate names the host that the MX "
            "record names.",
            CHECK_MX,
        },
        .references = {"RFC 2181 section 10.3", "RFC 5321 section 5.1",
                       "RFC 8461 section 4.1"},
    },
    {
        .code = MXTLS_F_DNS_MX_IP_LITERAL,
        .id = "dns.mx-ip-literal",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_RESOLVE,
        .summary = "The MX of {domain|the domain} is an IP address ({host|an address "
                   "literal}), not a host name",
        .explanation =
            "An MX record must name a host, but this one holds an IP address. "
            "Senders look the text up as a host name, find no such name, and "
            "cannot deliver; some treat that as a temporary error and retry "
            "for days before they bounce the mail. An address does not work "
            "here, with or without square brackets.",
        .remedies = {
            "Pick a host name for the mail server, e.g. `mail.{domain|your-domain}`, "
            "and give it an A record with the address now in the MX record "
            "({host|the address literal}).",
            "Change the MX record to "
            "`{domain|your-domain}. MX 10 mail.{domain|your-domain}.` to name "
            "that host.",
            "Get a certificate for that name and install it on the mail server.",
            CHECK_MX,
        },
        .references = {"RFC 1035 section 3.3.9", "RFC 5321 section 5.1"},
    },
    {
        .code = MXTLS_F_DNS_MX_NO_ADDRESS,
        .id = "dns.mx-no-address",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_RESOLVE,
        .summary = "The MX host {host|of the domain} has no IPv4 or IPv6 address",
        .explanation =
            "The MX record names {host|a host} that has neither an A nor an "
            "AAAA record, so senders have nowhere to connect. They treat this "
            "as a temporary failure, retry, and finally bounce the mail. It "
            "often follows a renamed or retired server, or an A record created "
            "in the wrong zone (for example `mail.example.com.example.com`, "
            "from a name entered without its final dot).",
        .remedies = {
            "Look the name up: `dig +short {host|mail.example.com} A` and "
            "`dig +short {host|mail.example.com} AAAA`.",
            "Add the missing A (and, if IPv6 works, AAAA) record for "
            "{host|the MX host}, or change the MX record to a host that has one.",
            CHECK_MX,
        },
        .references = {"RFC 5321 section 5.1"},
    },
    {
        .code = MXTLS_F_DNS_MX_NON_LDH,
        .id = "dns.mx-non-ldh",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_RESOLVE,
        .summary = "The MX of {domain|the domain} names {host|a host} with characters "
                   "a host name may not have",
        .explanation =
            "The MX record names {host|a host} with a label that holds "
            "something other than letters, digits and hyphens, such as an "
            "underscore. The usual cause is Cloudflare. When an MX record "
            "points at a host name that is proxied (orange cloud), Cloudflare "
            "publishes an automatic origin record, "
            "`_dc-mx.<hex>.{domain|your-domain}`, and serves the MX as "
            "pointing there. Senders connect to it and put that name in TLS "
            "SNI. A server built on GnuTLS, such as Exim on Debian or on cPanel "
            "hosting, refuses an SNI name with an underscore and ends the "
            "handshake with alert 47 (illegal_parameter).\n\n" GMAIL_ALERT_47,
        .remedies = {
            CLOUDFLARE_GREY,
            MX_AT_MAIL_HOST,
            "Make sure the mail server's certificate names that host (e.g. "
            "`certbot certonly --standalone -d mail.{domain|your-domain}`, or a "
            "DNS challenge), and reload the MTA.",
            "Wait until the old MX record's TTL has passed.",
            CHECK_MX,
        },
        .references = {"RFC 5321 section 2.3.5", "RFC 6066 section 3",
                       "RFC 8446 section 6.2"},
    },
    {
        .code = MXTLS_F_DNS_DNSSEC_BOGUS,
        .id = "dns.dnssec-bogus",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_RESOLVE,
        .summary = "DNSSEC validation fails for {domain|the domain} (bogus)",
        .explanation =
            "{domain|The domain} is signed with DNSSEC, but its signatures do "
            "not validate. A validating resolver marks the answers bogus and "
            "returns SERVFAIL instead, so senders whose resolvers validate "
            "cannot find your mail servers: they queue the mail, retry, and "
            "finally bounce it. Typical causes are expired signatures, a DS "
            "record at the registrar that no longer matches the zone's keys "
            "(often after a move to another DNS provider), and a key rollover "
            "done faster than the TTLs allow.",
        .remedies = {
            "See what fails: `delv {domain|your-domain} MX` prints the "
            "validation error.",
            "If you moved DNS providers or turned signing off, remove the old "
            "DS record at your registrar, or replace it with the DS of the new "
            "keys.",
            "If signatures have expired, make sure the signer runs and "
            "re-signs the zone, and that secondary servers receive the new "
            "version.",
            "Wait until the DS and DNSKEY TTLs have passed.",
            CHECK_MX,
        },
        .references = {"RFC 4035 section 4.3", "RFC 4035 section 5.5", "RFC 6781"},
    },
    {
        .code = MXTLS_F_DNS_TIMEOUT,
        .id = "dns.timeout",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_RESOLVE,
        .summary = "DNS lookups for {domain|the domain} time out",
        .explanation =
            "No answer about {domain|the domain} arrived within the time "
            "limit. If other domains resolve from the same machine, the "
            "domain's own name servers are slow or unreachable, and senders "
            "see the same: they defer the mail and retry, so it arrives late "
            "or bounces after some days. If nothing resolves from here, the "
            "fault is in the resolver this check used, not in your domain.",
        .remedies = {
            "Check that this machine resolves other names, e.g. "
            "`dig +short gmail.com MX`. If it does not, fix its resolver or "
            "give one with `--resolver`.",
            "Find the domain's name servers with "
            "`dig +trace {domain|your-domain} MX`, then ask each one directly: "
            "`dig @<name server> {domain|your-domain} MX`.",
            "Fix or replace the name servers that do not answer (a firewall "
            "that drops UDP or TCP port 53 is a common cause), or remove them "
            "from the delegation at your registrar.",
            CHECK_MX,
        },
        .references = {"RFC 1035 section 4.2", "RFC 7766", "RFC 5321 section 5.1"},
    },

    /* ------------------------------------------------------------------
     * Network
     * ------------------------------------------------------------------ */
    {
        .code = MXTLS_F_DNS_APEX_CNAME,
        .id = "dns.apex-cname",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_RESOLVE,
        .summary = "{domain|The domain} itself is an alias (CNAME), which hides its MX "
                   "records",
        .explanation =
            "A CNAME record says that a name has no records of its own: every "
            "question about it is answered from the alias's target instead. At "
            "the top of a domain (the apex) this also hides its MX, TXT "
            "(SPF, MTA-STS) and other records, so senders look up the MX of the "
            "CNAME's target, often a web host with no mail service, and fail "
            "or deliver to the wrong place. DNS does not allow a CNAME beside "
            "other records (RFC 1034 section 3.6.2), and at the apex there are "
            "always the SOA and NS records.",
        .remedies = {
            "Remove the CNAME at `{domain|your-domain}` and give the apex its "
            "own A/AAAA records (or your DNS provider's ALIAS/ANAME or "
            "\"CNAME flattening\", which answer with addresses instead).",
            "Add the MX records back at the apex, for example "
            "`{domain|your-domain}. MX 10 mail.{domain|your-domain}.` in the "
            "zone.",
            "Verify with `dig {domain|your-domain} CNAME` (no answer) and `dig "
            "{domain|your-domain} MX`.",
            CHECK_MX,
        },
        .references = {"RFC 1034 section 3.6.2", "RFC 2181 section 10.1"},
    },
    {
        .code = MXTLS_F_DNS_TLSRPT_INVALID,
        .id = "dns.tlsrpt-invalid",
        .severity = MXTLS_SEVERITY_INFO,
        .stage = MXTLS_STAGE_RESOLVE,
        .summary = "The TLS reporting (TLS-RPT) record of {domain|the domain} is not valid",
        .explanation =
            "The TXT record at `_smtp._tls.{domain|your-domain}` tells senders "
            "where to send their daily reports of TLS failures on the way to "
            "you. This one does not follow RFC 8460 ({detail|it does not "
            "parse}), so senders that read it strictly send no reports, and "
            "you do not hear of the failures they see. Delivery itself does "
            "not depend on this record. The format is strict: the record "
            "begins exactly `v=TLSRPTv1;`, then one `rua=` with `mailto:` or "
            "`https:` URIs separated by commas, in which a comma or `!` inside "
            "a URI is written `%2C` or `%21`.",
        .remedies = {
            "Look at the record: `dig +short _smtp._tls.{domain|your-domain} "
            "TXT`.",
            "Publish one record in this form: `_smtp._tls.{domain|your-domain}. "
            "IN TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@{domain|your-domain}\"`, "
            "and keep no other record starting `v=TLSRPTv1` at that name.",
            CHECK_MX,
        },
        .references = {"RFC 8460 section 3"},
    },
    {
        .code = MXTLS_F_NET_PROXIED,
        .id = "net.proxied",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_RESOLVE,
        .summary = "{host|The mail host} resolves to {address|an address}, a "
                   "{detail|Cloudflare} proxy that does not carry mail",
        .explanation =
            "{address|The address} belongs to the proxy network of "
            "{detail|Cloudflare}: the DNS record of {host|the mail host} is "
            "proxied (orange cloud). The proxy forwards only HTTP and HTTPS, "
            "so connections to port 25, 465 or 587 there time out, and senders "
            "retry until they give up and bounce the mail.\n\n"
            "When an MX record points at a proxied name, Cloudflare also "
            "rewrites the MX to an automatic origin record, "
            "`_dc-mx.<hex>.{domain|your-domain}`. Senders then reach the real "
            "server but send that name in SNI, and a GnuTLS-based server such "
            "as Exim on Debian or cPanel refuses it with TLS alert 47. Gmail "
            "shows that as \"TLS Negotiation failed: ... starttls error (71): "
            "... SSL alert number 47\". Either way the cure is the same: a "
            "mail host name must not be proxied.",
        .remedies = {
            "Give mail its own host name, separate from the web site's, e.g. "
            "`mail.{domain|your-domain}`, so the web site can stay proxied.",
            CLOUDFLARE_GREY,
            "A proxied record hides the origin address: take the mail server's "
            "real address from your hosting panel or the server itself "
            "(`ip addr`), not from a DNS lookup.",
            "Point the MX record at the DNS-only name, e.g. "
            "`{domain|your-domain}. MX 10 mail.{domain|your-domain}.`, and make "
            "sure the mail server's certificate names it.",
            "Wait until the old records' TTL has passed.",
            CHECK_MX,
        },
        .references = {"RFC 5321 section 5.1", "RFC 6066 section 3"},
    },
    {
        .code = MXTLS_F_NET_REFUSED,
        .id = "net.refused",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_CONNECT,
        .summary = "{host|The mail server} refuses connections on port {port|25}",
        .explanation =
            "The connection to {address|the server's address} on port "
            "{port|25} was actively refused (TCP reset). The machine is up, but "
            "no mail server listens on that address and port, or a firewall "
            "rejects the connection. Senders try the other MX hosts and "
            "addresses, then queue the mail and bounce it after some days.",
        .remedies = {
            "On the server, check that the MTA runs and listens on the public "
            "address: `ss -ltnp | grep -E ':(25|465|587) '`.",
            "Postfix: set `inet_interfaces = all` in main.cf and make sure "
            "master.cf enables the service (`smtp` for 25, `submission` for "
            "587, `submissions` for 465); a change of `inet_interfaces` needs "
            "`systemctl restart postfix`, not just a reload. Exim: check "
            "`daemon_smtp_ports` and `local_interfaces`.",
            "Open the port in the host firewall (e.g. `ufw allow {port|25}/tcp`) "
            "and in any cloud security group or router port forward.",
            CHECK_BOTH,
        },
        .references = {"RFC 5321 section 5.1", "RFC 6409", "RFC 8314 section 3.3"},
    },
    {
        .code = MXTLS_F_NET_TIMEOUT,
        .id = "net.timeout",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_CONNECT,
        .summary = "Connections to {host|the mail server} on port {port|25} time out",
        .explanation =
            "Nothing answered the connection attempt to {address|the server's "
            "address} on port {port|25}: the packets were silently dropped. "
            "The usual causes are a firewall that drops rather than rejects, a "
            "server that is down, an address in DNS that is not the server's, "
            "or a hosting provider that blocks the port. Senders wait, try the "
            "other MX hosts and addresses, and bounce the mail after some days. "
            "If port 25 of well-known mail servers also times out from the "
            "machine running this check, its own network blocks outgoing port "
            "25 instead.",
        .remedies = {
            "Check that the address in DNS ({address|the one this check used}) "
            "is really your mail server's public address.",
            "On the server, check that the MTA listens: "
            "`ss -ltnp | grep ':{port|25} '`.",
            "Allow inbound TCP port {port|25} in the host firewall, in the cloud "
            "provider's security group or firewall rules, and in any router "
            "port forward. Some hosting providers block port 25 until you ask "
            "them to lift the block.",
            "Test from a machine on another network: "
            "`nc -vz {host|mail.example.com} {port|25}`.",
            CHECK_BOTH,
        },
        .references = {"RFC 5321 section 5.1", "RFC 5321 section 4.5.3.2"},
    },
    {
        .code = MXTLS_F_NET_UNREACHABLE,
        .id = "net.unreachable",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_CONNECT,
        .summary = "{address|The mail server's address} is unreachable (no route)",
        .explanation =
            "Connecting to {address|the address} of {host|the mail server} "
            "failed at once with \"network unreachable\" or \"host "
            "unreachable\": a router reported that it has no route there. For "
            "an IPv6 address this often means the provider does not route it "
            "or the AAAA record is mistyped or out of date; for IPv4, the "
            "network is down or the address is not in use. Senders skip to "
            "the next address, so mail may still flow, but late. If the "
            "machine running this check has no IPv6 at all, every IPv6 "
            "address looks unreachable; check from a host that has IPv6.",
        .remedies = {
            "Check the addresses in DNS: `dig +short {host|mail.example.com} A` "
            "and `dig +short {host|mail.example.com} AAAA`. Correct or remove "
            "any record that is not the server's current public address.",
            "On the server, check that the address is configured (`ip addr`) "
            "and reachable from another network (`ping` or `traceroute`).",
            "If the provider does not route the IPv6 address, ask them to, or "
            "remove the AAAA record until it works.",
            CHECK_BOTH,
        },
        .references = {"RFC 5321 section 5.1", "RFC 3974"},
    },
    {
        .code = MXTLS_F_NET_FAMILY_MISMATCH,
        .id = "net.family-mismatch",
        .severity = MXTLS_SEVERITY_INFO,
        .stage = MXTLS_STAGE_CONNECT,
        .summary = "{host|The mail server} fails over one IP version while the other "
                   "works ({detail|IPv4 and IPv6 differ})",
        .explanation =
            "Connections to {host|the mail server} over one IP version fail "
            "while the other works ({detail|IPv4 and IPv6 give different "
            "results}). Senders "
            "with IPv6, Gmail among them, use the AAAA address as readily as "
            "the A address. A sender that hits the broken one retries on the "
            "other or later, so mail arrives late, and a failure during TLS "
            "may not be retried on the other address at all. The broken side "
            "usually has an MTA that listens on one family only, a firewall "
            "rule written for one family only, or a DNS record for an address "
            "the server no longer has.",
        .remedies = {
            "See which side fails: `mxtls-check -4 {domain|your-domain}` and "
            "`mxtls-check -6 {domain|your-domain}`.",
            "Make the MTA listen on both: Postfix `inet_protocols = all` (then "
            "`systemctl restart postfix`); Exim: check `local_interfaces` and "
            "that `disable_ipv6` is not set.",
            "Open the port in the firewall for both families: IPv6 rules "
            "(ip6tables, or the ip6 family in nftables) are separate from the "
            "IPv4 ones.",
            "If IPv6 cannot work soon, remove the AAAA record of "
            "{host|the mail host} until it does.",
            CHECK_MX,
        },
        .references = {"RFC 5321 section 5.1", "RFC 3974"},
    },
    {
        .code = MXTLS_F_NET_EGRESS_BLOCKED,
        .id = "net.egress-blocked",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_CONNECT,
        .about = MXTLS_ABOUT_ENVIRONMENT,
        .summary = "Outgoing port {port|25} is blocked on {vantage|the network the "
                   "connection came from}",
        .explanation =
            "Connections to port {port|25} do not get through from {vantage|the "
            "network the connection came from} ({detail|the text shows one "
            "that failed}). Many home ISPs and cloud providers block outgoing "
            "port 25 by default to stop spam, so nothing on such a network "
            "reaches any mail server's port 25; the submission ports 587 and "
            "465 are blocked far less often. This says nothing about {domain|the "
            "receiving domain}: senders on other networks may deliver to it "
            "without trouble.",
        .remedies = {
            "Send through a port the network lets out: point the program, or "
            "the server's relay (smarthost), at your provider's SMTP host on "
            "port 587 (STARTTLS) or 465 (implicit TLS). If one of them is the "
            "blocked port, try the other, or 2525, where many relay services "
            "also listen.",
            "Or ask the network's provider to lift the block; many have a "
            "request form, and some never lift it. A block on a submission "
            "port is most often the machine's own firewall (ConfigServer "
            "Firewall's TCP_OUT, UFW) or a hosting provider's rule: allow the "
            "port outbound there. A connection that fails with \"Permission "
            "denied\" never left the machine: on a web server with SELinux, "
            "`setsebool -P httpd_can_network_connect 1` lets it connect out.",
            "To check a domain despite the block, run mxtls-check from a "
            "machine whose network allows port 25, such as your mail server "
            "itself; from here, `mxtls-check --submission "
            "{host|smtp.example.com}` checks the server your users and Gmail's "
            "Send-As send through.",
            "From a network that allows port 25, check again with "
            "`mxtls-check {domain|your-domain}`.",
        },
        .references = {"RFC 5068"},
    },
    {
        .code = MXTLS_F_NET_POLICY_REFUSED,
        .id = "net.policy-refused",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_CONNECT,
        .summary = "{host|The mail host} resolves to {address|an address}, which is "
                   "not public, so it was not checked",
        .explanation =
            "{address|The address} is a private, loopback or otherwise "
            "non-public address. Senders on the internet cannot reach it, so "
            "mail from outside fails, typically with connection timeouts. "
            "This check allows public addresses only, so it did not connect. "
            "Such records usually leak from an internal DNS view, or were "
            "copied from the server's own settings behind NAT.",
        .remedies = {
            "In your public DNS zone, give {host|the mail host} the public "
            "address that senders reach, e.g. the external address of the "
            "router or load balancer that forwards port 25 to the server.",
            "Keep private addresses in an internal DNS view that outside "
            "resolvers never see.",
            "If this is an internal host and you meant to check it, run the "
            "check with an address policy that allows all addresses "
            "(MXTLS_ADDR_ALLOW_ALL, the library's default).",
            CHECK_MX,
        },
        .references = {"RFC 1918", "RFC 6890", "RFC 5321 section 5.1"},
    },

    /* ------------------------------------------------------------------
     * SMTP
     * ------------------------------------------------------------------ */
    {
        .code = MXTLS_F_SMTP_NO_BANNER,
        .id = "smtp.no-banner",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_CONNECT,
        .summary = "{host|The mail server} accepts the connection on port {port|25} "
                   "but never sends its greeting",
        .explanation =
            "The TCP connection opened, but no \"220\" greeting arrived "
            "within the time limit. An SMTP client must wait for the greeting "
            "before it says anything, so senders wait, give up and retry "
            "later. Causes: a server that is overloaded or stuck looking up "
            "the client's name, a load balancer or port forward with no "
            "working server behind it, an anti-spam tarpit, or a port that "
            "expects implicit TLS and waits for the client to start it.",
        .remedies = {
            "On the server, connect locally and watch for the greeting: "
            "`nc 127.0.0.1 {port|25}` should print a `220` line within a "
            "second or two.",
            "If it is slow there too, check the server's load and its own DNS "
            "resolver (/etc/resolv.conf): many MTAs look up each client's name "
            "before they greet it, and a broken resolver stalls every "
            "connection.",
            "If it is quick locally, check what sits in front of the server: a "
            "load balancer's backends, a port forward to the right internal "
            "address, or a firewall's SMTP proxy.",
            CHECK_BOTH,
        },
        .references = {"RFC 5321 section 3.1", "RFC 5321 section 4.5.3.2"},
    },
    {
        .code = MXTLS_F_SMTP_BANNER_REJECTED,
        .id = "smtp.banner-rejected",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_CONNECT,
        .summary = "{host|The mail server} turned this check away in its greeting",
        .explanation =
            "Instead of a \"220\" greeting the server answered with a refusal "
            "({detail|a 421 or 554 reply}): it will not talk to this client "
            "now. That is a rate limit, a block list entry or an "
            "access rule for the address this check runs from. It is not a "
            "TLS fault, and whether the server offers STARTTLS could not be "
            "tested. Mail from other senders may be fine; if the server turns "
            "everyone away, mail to {domain|the domain} fails for all of them.",
        .remedies = {
            "Read the reply text: it usually names the block list or the limit.",
            "If you run the server, check its access rules and block lists "
            "for the address this check runs from: Postfix `postscreen` and "
            "`smtpd_client_restrictions`, Exim `acl_smtp_connect`.",
            "If this check runs from a home or cloud address that block lists "
            "treat as dynamic, run it from your mail server or another host "
            "with a clean reputation.",
            CHECK_BOTH,
        },
        .references = {"RFC 5321 section 3.1", "RFC 5321 section 4.2"},
    },
    {
        .code = MXTLS_F_SMTP_NOT_SMTP,
        .id = "smtp.not-smtp",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_CONNECT,
        .summary = "Port {port|25} of {host|the mail server} does not speak SMTP",
        .explanation =
            "Something answers on {address|this address} at port {port|25}, "
            "but it is not a mail server: instead of a \"220\" greeting it "
            "sent {detail|data that is not SMTP}. Usually DNS gives the web "
            "server's address for the mail host, or a port forward or load "
            "balancer sends the port to the wrong machine or service, such as "
            "a web server or a router's admin page. Senders cannot deliver and "
            "retry until they bounce the mail.",
        .remedies = {
            "Check that the A/AAAA records of {host|the mail host} give the "
            "mail server's address, not the web server's.",
            "On the mail server, see which program owns the port: "
            "`ss -ltnp | grep ':{port|25} '`.",
            "Fix the port forward or load balancer rule so that port {port|25} "
            "reaches the MTA.",
            CHECK_BOTH,
        },
        .references = {"RFC 5321 section 3.1", "RFC 5321 section 4.2"},
    },
    {
        .code = MXTLS_F_SMTP_BAD_REPLY,
        .id = "smtp.bad-reply",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_CONNECT,
        .summary = "{host|The mail server} sends malformed SMTP replies",
        .explanation =
            "A reply from the server breaks the SMTP reply format "
            "({detail|see the transcript}). Every line of a reply starts with "
            "the same three-digit code, followed by a hyphen on every line but "
            "the last and a space on the last, and ends with CRLF within 512 "
            "octets. The first line of the EHLO reply carries the server's "
            "name, and the capabilities follow. Senders that read replies "
            "strictly lose track: they may miss STARTTLS, send it at the wrong "
            "moment, or drop the connection. The culprit is usually not the "
            "MTA but something in front of it or around it that inserts or "
            "rewrites lines.",
        .remedies = {
            "See the exact exchange with `mxtls-check --verbose {domain|your-domain}`.",
            "If something sits between the internet and the MTA (a firewall "
            "with SMTP inspection, a filtering proxy, a wrapper script), "
            "bypass it and compare.",
            "Update or fix the component that writes the bad lines; stock "
            "Postfix and Exim send well-formed replies.",
            CHECK_BOTH,
        },
        .references = {"RFC 5321 section 4.2", "RFC 5321 section 4.1.1.1",
                       "RFC 5321 section 4.5.3.1.5"},
    },
    {
        .code = MXTLS_F_SMTP_STARTTLS_MISSING,
        .id = "smtp.starttls-missing",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_CONNECT,
        .summary = "{host|The mail server} does not offer STARTTLS on port {port|25}",
        .explanation =
            "The server's EHLO reply does not list STARTTLS, so a sender cannot "
            "start encryption. Ordinary delivery then goes unencrypted, and "
            "Gmail marks such messages with a red open padlock. Senders that "
            "require TLS refuse outright: Gmail's Send-As with \"Secured "
            "connection using TLS\", senders honouring an MTA-STS policy in "
            "enforce mode, and DANE senders. Gmail reports such a failure with "
            "words like \"STARTTLS not supported ... requires enforcement\". "
            "Usually TLS was never configured, or the MTA could not load its "
            "certificate or key and quietly stopped offering it.",
        .remedies = {
            "Postfix: set `smtpd_tls_security_level = may` in main.cf and "
            "`smtpd_tls_chain_files = "
            "/etc/letsencrypt/live/{host|mail.example.com}/privkey.pem, "
            "/etc/letsencrypt/live/{host|mail.example.com}/fullchain.pem` "
            "(Postfix 3.4 or later), then run `postfix reload`.",
            "Exim: set `tls_advertise_hosts = *`, and `tls_certificate` and "
            "`tls_privatekey` to the same files (with Debian's configuration, "
            "`MAIN_TLS_ENABLE = yes`), then restart Exim.",
            "If TLS is configured already, look in the mail log for "
            "certificate or key errors at startup: Postfix logs \"TLS library "
            "problem\" and turns STARTTLS off when it cannot load them.",
            "If a firewall in front of the server inspects SMTP, check whether "
            "it hides STARTTLS (a line of X's in the EHLO reply).",
            CHECK_BOTH,
        },
        .references = {"RFC 3207 section 4", "RFC 8461 section 5", "RFC 7672"},
    },
    {
        .code = MXTLS_F_SMTP_STARTTLS_MASKED,
        .id = "smtp.starttls-masked",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_CONNECT,
        .summary = "A firewall hides STARTTLS on {host|the mail server}: the EHLO "
                   "reply shows a line of X's",
        .explanation =
            "The EHLO reply holds a line such as \"250-XXXXXXXA\", and the "
            "STARTTLS command is refused as unknown. That is the mark of a "
            "firewall that inspects SMTP, best known from Cisco ASA and PIX "
            "\"ESMTP inspection\": it overwrites the STARTTLS capability with "
            "X's so that it can keep reading the mail. Senders then deliver "
            "without encryption, and those that require TLS (Gmail's Send-As, "
            "MTA-STS in enforce mode, DANE) refuse.",
        .remedies = {
            "Turn off SMTP inspection on the firewall. On a Cisco ASA: "
            "`policy-map global_policy`, then `class inspection_default`, "
            "then `no inspect esmtp`.",
            "On other firewalls, look for settings named SMTP fixup, mail "
            "guard or SMTP proxy, and turn them off for the mail server.",
            "From outside, confirm that the EHLO reply lists `250-STARTTLS` and "
            "that STARTTLS is answered with `220`.",
            CHECK_BOTH,
        },
        .references = {"RFC 3207 section 4", "RFC 5321 section 4.1.1.1"},
    },
    {
        .code = MXTLS_F_SMTP_STARTTLS_REFUSED,
        .id = "smtp.starttls-refused",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_STARTTLS,
        .summary = "{host|The mail server} offers STARTTLS but refuses it "
                   "({detail|454 TLS not available})",
        .explanation =
            "The server lists STARTTLS, but refuses the STARTTLS command "
            "({detail|an error reply instead of 220}). Postfix answers \"454 4.7.0 "
            "TLS not available due to local problem\" when it cannot use its "
            "certificate or key: a wrong path, a file it may not read, or a "
            "key that does not belong to the certificate. Senders then "
            "deliver unencrypted or, if they require TLS (Gmail's Send-As, "
            "MTA-STS in enforce mode, DANE), not at all.",
        .remedies = {
            "Read the mail log at the time of the check; it names the file "
            "and the problem (`journalctl -u postfix` or /var/log/mail.log; "
            "for Exim /var/log/exim4/mainlog and paniclog).",
            "Check that the configured files exist: `postconf "
            "smtpd_tls_chain_files smtpd_tls_cert_file smtpd_tls_key_file`, or "
            "Exim's `tls_certificate` and `tls_privatekey`.",
            "Check that the key belongs to the certificate: "
            "`openssl x509 -in fullchain.pem -noout -pubkey | openssl sha256` "
            "and `openssl pkey -in privkey.pem -pubout | openssl sha256` must "
            "print the same hash.",
            "Check permissions: Exim on Debian reads the key as user "
            "Debian-exim, so the key needs group Debian-exim and mode 640; "
            "Postfix reads it as root.",
            "Reload the MTA (`postfix reload`, or restart Exim).",
            CHECK_BOTH,
        },
        .references = {"RFC 3207 section 4"},
    },
    {
        .code = MXTLS_F_SMTP_IMPLICIT_TLS_MISMATCH,
        .id = "smtp.implicit-tls-mismatch",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_CONNECT,
        .summary = "{host|The mail server} mixes up implicit TLS and STARTTLS on "
                   "port {port|465}",
        .explanation =
            "Port 465 is implicit TLS: the client starts the TLS handshake at "
            "once and the SMTP greeting comes inside it. Ports 587 and 25 are "
            "plain SMTP that switches to TLS with STARTTLS. Port {port|465} "
            "here does the other: {detail|it answers with the wrong kind of "
            "connection}. In Gmail's Send-As dialog, \"Secured connection "
            "using SSL\" means implicit TLS (port 465) and \"Secured connection "
            "using TLS\" means STARTTLS (port 587); a choice that does not "
            "match what the port does fails with \"TLS Negotiation failed\".",
        .remedies = {
            "Settle which port does what: 465 implicit TLS, 587 STARTTLS, and "
            "25 STARTTLS for delivery between servers.",
            "Postfix: in master.cf, the `submissions` service (465) needs "
            "`-o smtpd_tls_wrappermode=yes` and the `submission` service (587) "
            "must not have it; then run `postfix reload`.",
            "Exim: list 465 in both `daemon_smtp_ports` and "
            "`tls_on_connect_ports`, and do not list 587 or 25 in "
            "`tls_on_connect_ports`; then restart Exim.",
            "In Gmail's Send-As settings, pick SSL with port 465, or TLS with "
            "port 587.",
            CHECK_SUBMISSION,
        },
        .references = {"RFC 8314 section 3.3", "RFC 3207 section 4", "RFC 6409"},
    },
    {
        .code = MXTLS_F_SMTP_SLOW_BANNER,
        .id = "smtp.slow-banner",
        .severity = MXTLS_SEVERITY_INFO,
        .stage = MXTLS_STAGE_CONNECT,
        .summary = "{host|The mail server} is slow to send its greeting",
        .explanation =
            "The \"220\" greeting came only after {detail|a long pause}. The "
            "SMTP standard lets a sender wait five minutes for it, but many "
            "senders and most mail programs give up much sooner, and every "
            "delivery is slowed. Deliberate greeting delays, such as Postfix "
            "postscreen's or an Exim connect ACL's, should stay at a few "
            "seconds. Longer pauses usually come from the server looking up "
            "the client's name through a slow or broken resolver.",
        .remedies = {
            "On the server, connect with `nc 127.0.0.1 {port|25}` and see how "
            "long the `220` line takes.",
            "Fix the server's own DNS resolver (/etc/resolv.conf), which the "
            "MTA uses to look up each client's name before it greets.",
            "Keep deliberate delays short: Postfix `postscreen_greet_wait`, "
            "Exim `delay` in `acl_smtp_connect`.",
            CHECK_BOTH,
        },
        .references = {"RFC 5321 section 4.5.3.2"},
    },

    /* ------------------------------------------------------------------
     * TLS handshake
     * ------------------------------------------------------------------ */
    {
        .code = MXTLS_F_SMTP_RATE_LIMITED,
        .id = "smtp.rate-limited",
        .severity = MXTLS_SEVERITY_WARNING,
        .stage = MXTLS_STAGE_CONNECT,
        .summary = "{host|The receiving server} limits or blocks the sender, in words that "
                   "look like a TLS failure",
        .explanation =
            "The text reports a temporary refusal: too many connections or "
            "messages, greylisting, or a block for the sending address's "
            "reputation ({detail|see the text}). Some servers, Microsoft 365 "
            "among them, give such refusals during or right after STARTTLS, or "
            "drop the connection, so the sender's log says the TLS step "
            "failed. TLS itself is fine: the same sender gets through once the "
            "limit or block is lifted.",
        .remedies = {
            "Read the whole reply: an enhanced status such as 4.7.0, 4.7.1, "
            "4.7.500-699 or 5.7.1 with \"rate\", \"throttl\", \"greylist\", "
            "\"reputation\" or \"blocked\" names the limit, often with a "
            "URL that explains it.",
            "Check the sending address on blocklists and in the receiver's "
            "postmaster tools (Microsoft SNDS, Google Postmaster Tools), and "
            "slow the sending rate; queued mail is retried.",
            "Check the receiving side's TLS anyway: `mxtls-check "
            "{domain|the-receiving-domain}`.",
        },
        .references = {"RFC 5321 section 4.2.5", "RFC 3463 section 3.8"},
    },
    {
        .code = MXTLS_F_TLS_ALERT,
        .id = "tls.alert",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_STARTTLS,
        .summary = "{host|The mail server} aborts the TLS handshake: alert "
                   "{alert|number unknown}",
        .explanation =
            "The server ended the TLS handshake by sending fatal alert "
            "{alert|(number not recorded)}. The alert says what it "
            "disliked: 40 handshake_failure and 71 insufficient_security mean "
            "no common cipher or parameters, 70 protocol_version no common TLS "
            "version, 80 internal_error a fault on the server such as an "
            "unreadable key, 112 unrecognized_name an SNI name it has no "
            "certificate for, and 47 illegal_parameter a value in the client's "
            "hello it rejects, often the SNI name. Senders report a TLS "
            "failure (Gmail: \"TLS Negotiation failed\") and, where TLS is "
            "optional, may retry without it.",
        .remedies = {
            "Read the server's mail log at the time of the check: the TLS "
            "library's message there is more specific than the alert.",
            "Reproduce it by hand: `openssl s_client -starttls smtp -connect "
            "{host|mail.example.com}:{port|25} -servername "
            "{host|mail.example.com}`, once with and once without "
            "`-servername`.",
            "Update the TLS library and the MTA, and remove custom cipher, "
            "protocol or group restrictions, so the server accepts what current "
            "senders offer.",
            CHECK_BOTH,
        },
        .references = {"RFC 8446 section 6.2", "RFC 5246 section 7.2"},
    },
    {
        .code = MXTLS_F_TLS_SNI_REJECTED,
        .id = "tls.sni-rejected",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_STARTTLS,
        .summary = "{host|The mail server} rejects the SNI name {sni|that senders "
                   "send} with alert 47",
        .explanation =
            "The handshake fails with alert 47 (illegal_parameter) when the "
            "client sends {sni|the MX host name} as SNI, and succeeds without "
            "SNI or with an ordinary host name. " GMAIL_ALERT_47 "\n\n"
            "Servers built on GnuTLS, such as Exim on Debian or on cPanel "
            "hosting, refuse any SNI name with a character other than letters, "
            "digits, dots and hyphens. Such a name reaches them when an MX "
            "record points at a host proxied by Cloudflare: Cloudflare "
            "rewrites the MX to its automatic origin record, "
            "`_dc-mx.<hex>.{domain|your-domain}`, and senders put the MX name "
            "in SNI. Other names a server may refuse are IP addresses, which "
            "SNI does not allow, and names that are not in ASCII (punycode) "
            "form.",
        .remedies = {
            "If the rejected name starts with `_dc-mx.`, it comes from "
            "Cloudflare. " CLOUDFLARE_GREY,
            MX_AT_MAIL_HOST,
            "Make sure the mail server's certificate names that host, then "
            "reload the MTA.",
            "If the rejected name is an ordinary host name, update the server's "
            "TLS library and MTA, and report the rejection to their "
            "maintainers.",
            "Wait until the old MX record's TTL has passed.",
            CHECK_MX,
        },
        .references = {"RFC 6066 section 3", "RFC 8446 section 6.2",
                       "RFC 5321 section 2.3.5"},
    },
    {
        .code = MXTLS_F_TLS_PROTOCOL_OLD,
        .id = "tls.protocol-old",
        .severity = MXTLS_SEVERITY_WARNING,
        .stage = MXTLS_STAGE_STARTTLS,
        .summary = "{host|The mail server} accepts TLS versions older than 1.2 "
                   "({detail|TLS 1.0 or 1.1})",
        .explanation =
            "The server accepts {detail|TLS 1.0 or 1.1}, which are deprecated "
            "and insecure. If it also offers TLS 1.2 or 1.3, current senders "
            "use those and mail flows, but the old versions should still be "
            "switched off. If TLS 1.2 is missing, who gets through varies: "
            "Gmail and Postfix's defaults still offer TLS 1.0, but Microsoft "
            "365 never does, Gmail's Send-As and senders honouring MTA-STS "
            "require TLS 1.2 (RFC 8461), and senders whose TLS library has "
            "switched the old versions off fail with alert 70 "
            "(protocol_version). The table of who can deliver, above the "
            "problems, says which.",
        .remedies = {
            "Postfix: set `smtpd_tls_protocols = >=TLSv1.2` and "
            "`smtpd_tls_mandatory_protocols = >=TLSv1.2` (Postfix 3.6 or later; "
            "before that `!SSLv2, !SSLv3, !TLSv1, !TLSv1.1`), then run "
            "`postfix reload`.",
            "Exim with GnuTLS: `tls_require_ciphers = "
            "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2`; Exim with OpenSSL: "
            "`openssl_options = +no_tlsv1 +no_tlsv1_1`. Then restart Exim.",
            "If the server cannot do TLS 1.2 at all, upgrade the operating "
            "system or the MTA: every maintained TLS library has supported "
            "TLS 1.2 for more than a decade.",
            CHECK_BOTH,
        },
        .references = {"RFC 8996", "RFC 9325 section 3.1.1", "RFC 8446 section 6.2"},
    },
    {
        .code = MXTLS_F_TLS_NO_SHARED_CIPHER,
        .id = "tls.no-shared-cipher",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_STARTTLS,
        .summary = "{host|The mail server} shares no cipher suite with current senders",
        .explanation =
            "The handshake failed with alert {alert|40 (handshake_failure) or "
            "71 (insufficient_security)}: the server offers none of the cipher "
            "suites or key exchanges a current client accepts. Such servers "
            "allow only old suites (RC4, 3DES, RSA key exchange, DHE without "
            "ECDHE), carry a hand-made cipher list copied from an old guide, "
            "or have a certificate key type that their cipher list does not "
            "cover (an ECDSA certificate with RSA-only suites). Gmail's "
            "Send-As fails with \"TLS Negotiation failed\"; other senders fall "
            "back to plain text or fail.",
        .remedies = {
            "Postfix: remove custom `tls_high_cipherlist`, "
            "`tls_medium_cipherlist` and `smtpd_tls_exclude_ciphers` from "
            "main.cf (`postconf -n | grep -i cipher` lists them), so the "
            "defaults apply.",
            "Exim: remove a custom `tls_require_ciphers`, so the TLS library's "
            "defaults apply.",
            "Make sure TLS 1.2 and 1.3 are enabled and ECDHE key exchange is "
            "allowed.",
            "Reload the MTA (`postfix reload`, or restart Exim).",
            CHECK_BOTH,
        },
        .references = {"RFC 9325 section 4", "RFC 8446 section 6.2", "RFC 7465"},
    },
    {
        .code = MXTLS_F_TLS_WEAK_DH,
        .id = "tls.weak-dh",
        .severity = MXTLS_SEVERITY_INFO,
        .stage = MXTLS_STAGE_STARTTLS,
        .summary = "{host|The mail server} uses weak Diffie-Hellman parameters "
                   "({detail|under 2048 bits})",
        .explanation =
            "With DHE cipher suites the server uses a Diffie-Hellman group of "
            "{detail|fewer than 2048 bits}. Groups this small are within reach "
            "of a well-funded attacker (the Logjam attack), and current TLS "
            "libraries refuse them, so a sender that picks a DHE suite may "
            "fail the handshake and fall back to plain text. The usual cause "
            "is an old parameter file, generated years ago.",
        .remedies = {
            "Prefer ECDHE: with TLS 1.2 and 1.3 enabled and default cipher "
            "settings, senders rarely use DHE at all.",
            "Postfix: remove `smtpd_tls_dh1024_param_file` (Postfix 3.1 and "
            "later have a built-in 2048-bit group), or point it, despite its "
            "name, at a 2048-bit file made with `openssl dhparam -out "
            "/etc/postfix/dh2048.pem 2048`; then run `postfix reload`.",
            "Exim: point `tls_dhparam` at a parameter file of 2048 bits or "
            "more, then restart Exim.",
            CHECK_BOTH,
        },
        .references = {"RFC 7919", "RFC 9325"},
    },
    {
        .code = MXTLS_F_TLS_HANDSHAKE_FAILED,
        .id = "tls.handshake-failed",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_STARTTLS,
        .summary = "The TLS handshake with {host|the mail server} fails without an alert",
        .explanation =
            "The TLS handshake did not complete, and the server sent no alert "
            "that says why ({detail|the connection closed or stalled}). Common "
            "causes are a server that drops the connection when it cannot load "
            "its key, a firewall or load balancer that cuts TLS traffic, an "
            "old server or middlebox that chokes on a large ClientHello "
            "(current clients send post-quantum key shares that make the hello "
            "larger than one packet), and a network path that drops large "
            "packets. Senders report \"TLS Negotiation failed\" (Gmail) or a "
            "lost connection and, where TLS is optional, may retry in plain "
            "text.",
        .remedies = {
            "Read the server's mail log at the time of the check.",
            "Compare a small and a large hello by hand: `openssl s_client "
            "-starttls smtp -connect {host|mail.example.com}:{port|25} -groups "
            "X25519` sends a small one; without `-groups`, OpenSSL 3.5 and "
            "later send a large one.",
            "If only the large hello fails, update the server and any firewall, "
            "load balancer or intrusion-prevention box in front of it, and "
            "make sure ICMP \"fragmentation needed\" messages are not blocked.",
            CHECK_BOTH,
        },
        .references = {"RFC 8446 section 4.1.2", "RFC 3207 section 4"},
    },

    {
        .code = MXTLS_F_TLS_CLIENT_CERT_REQUIRED,
        .id = "tls.client-cert-required",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_STARTTLS,
        .summary = "{host|The server} requires a client certificate that the sender does "
                   "not present",
        .explanation =
            "During the handshake the server asked the connecting side for a "
            "certificate of its own and refused to go on without one "
            "({detail|alert certificate_required or handshake_failure}). Public "
            "mail servers must not require this: senders on the internet have "
            "no client certificate the server could trust. It is meant for a "
            "private relay (a smarthost, a partner connector) that admits only "
            "known senders.",
        .remedies = {
            "On a public MX: make client certificates optional. Postfix: "
            "`smtpd_tls_req_ccert = no` (and `smtpd_tls_ask_ccert = no`); "
            "Exchange: do not set RequireTLS with certificate authentication "
            "on the internet-facing receive connector.",
            "On a private relay: give the sender the certificate it expects. "
            "Postfix as the sender: `smtp_tls_cert_file` and "
            "`smtp_tls_key_file`.",
            CHECK_BOTH,
        },
        .references = {"RFC 8446 section 4.3.2", "RFC 3207 section 4.1"},
    },
    {
        .code = MXTLS_F_TLS_NO_CLOSE_NOTIFY,
        .id = "tls.no-close-notify",
        .severity = MXTLS_SEVERITY_INFO,
        .stage = MXTLS_STAGE_STARTTLS,
        .summary = "{host|The other side} closed the TLS connection without a goodbye "
                   "(close_notify): harmless",
        .explanation =
            "TLS asks each side to send a close_notify alert before it closes "
            "the connection. Many mail servers and clients just close the "
            "connection after QUIT. GnuTLS reports that as \"The TLS "
            "connection was non-properly terminated\", and OpenSSL 3 as "
            "\"unexpected eof while reading\". In SMTP the message is complete "
            "once the server has answered the final dot with 250, so mail is "
            "not lost or cut: this message alone is not the cause of a failed "
            "delivery.",
        .remedies = {
            "Nothing to fix for this message. If mail did fail, look for the "
            "error before it in the same log.",
            "Check the server anyway with `mxtls-check {domain|your-domain}`.",
        },
        .references = {"RFC 8446 section 6.1", "RFC 5321 section 4.1.1.10"},
    },

    /* ------------------------------------------------------------------
     * Certificates
     * ------------------------------------------------------------------ */
    {
        .code = MXTLS_F_CERT_SELF_SIGNED,
        .id = "cert.self-signed",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_VERIFY,
        .summary = "{host|The mail server} presents a self-signed certificate",
        .explanation =
            "The certificate of {host|the mail server} is signed by itself, "
            "not by a certificate authority senders trust, so nobody can tell "
            "it from an impostor's. Fresh installs often serve one: Debian's "
            "Postfix points at the \"snakeoil\" certificate "
            "(/etc/ssl/certs/ssl-cert-snakeoil.pem), and many control panels "
            "make their own. Gmail's Send-As refuses it with " GMAIL_MISMATCH
            " (Gmail uses these words for self-signed certificates too). "
            "Senders that verify certificates, such as those honouring an "
            "MTA-STS policy in enforce mode, refuse to deliver. Opportunistic "
            "delivery still encrypts but proves nothing. Only a DANE-EE TLSA "
            "record (3 1 1) makes a self-signed certificate acceptable, and "
            "only to DANE senders.",
        .remedies = {
            "Get a certificate from a public CA for the name senders use, e.g. "
            "from Let's Encrypt: `certbot certonly --standalone -d "
            "{host|mail.example.com}` (port 80 must reach the server), or a DNS "
            "challenge.",
            POSTFIX_CHAIN,
            EXIM_CHAIN,
            RELOAD_HOOK,
            CHECK_BOTH,
        },
        .references = {"RFC 5280 section 6.1", "RFC 8461 section 4.2",
                       "RFC 7672 section 3.1.1"},
    },
    {
        .code = MXTLS_F_CERT_UNTRUSTED,
        .id = "cert.untrusted",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_VERIFY,
        .summary = "The certificate of {host|the mail server} is not issued by a "
                   "trusted certificate authority",
        .explanation =
            "The certificate's chain does not lead to a certificate authority "
            "that senders trust: it comes from a private or company CA, a CA "
            "that browsers and mail providers have dropped, or a test CA. "
            "Senders that verify certificates, such as Gmail's Send-As and "
            "senders honouring an MTA-STS policy in enforce mode, refuse it; "
            "opportunistic delivery still encrypts but proves nothing.",
        .remedies = {
            "See who issued it: `mxtls-check --verbose {domain|your-domain}` "
            "shows the chain.",
            "Replace it with a certificate from a public CA, e.g. Let's Encrypt "
            "(`certbot certonly --standalone -d {host|mail.example.com}`).",
            POSTFIX_CHAIN,
            EXIM_CHAIN,
            CHECK_BOTH,
        },
        .references = {"RFC 5280 section 6.1", "RFC 8461 section 4.2"},
    },
    {
        .code = MXTLS_F_CERT_CHAIN_INCOMPLETE,
        .id = "cert.chain-incomplete",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_VERIFY,
        .summary = "{host|The mail server} does not send the intermediate certificate",
        .explanation =
            "The server sends its own certificate but not the intermediate "
            "certificate that links it to a trusted root, so a sender cannot "
            "build the chain. Browsers often hide this mistake by fetching the "
            "missing certificate themselves; mail servers do not. Senders that "
            "verify, such as Gmail's Send-As and senders honouring MTA-STS, "
            "refuse the certificate as untrusted. The usual cause is a "
            "configuration that points at cert.pem instead of fullchain.pem.",
        .remedies = {
            "Serve the full chain, leaf first, then the intermediates. With "
            "Let's Encrypt that is fullchain.pem, not cert.pem.",
            POSTFIX_CHAIN,
            EXIM_CHAIN,
            CHECK_BOTH,
        },
        .references = {"RFC 8446 section 4.4.2", "RFC 5280 section 6.1"},
    },
    {
        .code = MXTLS_F_CERT_NAME_MISMATCH,
        .id = "cert.name-mismatch",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_VERIFY,
        .summary = "The certificate of {host|the mail server} does not name it "
                   "(it names {names|other hosts})",
        .explanation =
            "Senders check that the certificate names the host they connect "
            "to, here {host|the mail server}. This certificate names "
            "{names|other hosts} only. Gmail's Send-As shows " GMAIL_MISMATCH
            " It checks only the SMTP server name typed into the dialog (such "
            "as smtp.example.com), not the MX host. For delivery, senders "
            "honouring MTA-STS check the MX host name. A wildcard such as "
            "*.example.com covers mail.example.com, but neither example.com "
            "nor a.b.example.com.",
        .remedies = {
            "Either use a name the certificate carries: in Gmail's Send-As "
            "settings, enter one of {names|the names on the certificate} as "
            "the SMTP server, or point the MX record at one of them.",
            "Or add the name to the certificate: `certbot certonly --expand "
            "-d <names it has now> -d {host|mail.example.com}`, or reissue it "
            "from your CA.",
            POSTFIX_CHAIN,
            EXIM_CHAIN,
            CHECK_BOTH,
        },
        .references = {"RFC 6125 section 6.4", "RFC 6125 section 6.4.3",
                       "RFC 8461 section 4.2"},
    },
    {
        .code = MXTLS_F_CERT_EXPIRED,
        .id = "cert.expired",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_VERIFY,
        .summary = "{host|The mail server} presents an expired certificate "
                   "(valid until {date|a past date})",
        .explanation =
            "The certificate of {host|the mail server} has expired: its last "
            "valid day was {date|in the past}. Senders that verify, such as Gmail's Send-As "
            "and senders honouring an MTA-STS policy in enforce mode, refuse "
            "it; opportunistic delivery still encrypts but proves nothing. "
            "Often the certificate was renewed on disk, but the MTA still "
            "serves the old one it loaded at start: a renewed file is not a "
            "loaded one until the MTA reloads.",
        .remedies = {
            "Renew the certificate (`certbot renew`), or, if it was renewed "
            "already, compare the file with what the server sends: "
            "`openssl x509 -enddate -noout -in "
            "/etc/letsencrypt/live/{host|mail.example.com}/fullchain.pem`.",
            "Make sure the MTA points at the renewed file (Postfix "
            "`smtpd_tls_chain_files`, Exim `tls_certificate`), not at an old "
            "copy.",
            "Reload the MTA: `postfix reload`, or restart Exim.",
            RELOAD_HOOK,
            CHECK_BOTH,
        },
        .references = {"RFC 5280 section 4.1.2.5", "RFC 8461 section 4.2"},
    },
    {
        .code = MXTLS_F_CERT_EXPIRES_SOON,
        .id = "cert.expires-soon",
        .severity = MXTLS_SEVERITY_INFO,
        .stage = MXTLS_STAGE_VERIFY,
        .summary = "The certificate of {host|the mail server} expires soon "
                   "(valid until {date|a date close at hand})",
        .explanation =
            "The certificate is valid now, but only until "
            "{date|a date close at hand}. When it expires, senders that "
            "verify certificates (Gmail's Send-As, senders honouring MTA-STS) "
            "will refuse it. A certificate this close to its end usually "
            "means automatic renewal fails, or renewal works but the MTA was "
            "not reloaded and still serves the old one.",
        .remedies = {
            "Check that automatic renewal works: `certbot renew --dry-run`, and "
            "that its timer runs: `systemctl list-timers | grep certbot`.",
            "Compare the file on disk with what the server sends: "
            "`openssl x509 -enddate -noout -in "
            "/etc/letsencrypt/live/{host|mail.example.com}/fullchain.pem`. If "
            "the file is newer, the MTA only needs a reload.",
            RELOAD_HOOK,
            CHECK_BOTH,
        },
        .references = {"RFC 5280 section 4.1.2.5"},
    },
    {
        .code = MXTLS_F_CERT_NOT_YET_VALID,
        .id = "cert.not-yet-valid",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_VERIFY,
        .summary = "The certificate of {host|the mail server} is not valid yet "
                   "(valid from {date|a future date})",
        .explanation =
            "The certificate's validity starts on {date|a date still to come}, "
            "so senders that verify certificates refuse it until then. Either "
            "a certificate meant for later was installed too early, or a "
            "clock is wrong: the clock of the machine running this check, or "
            "the clock of the machine that made the certificate.",
        .remedies = {
            "Check the clock of the machine running this check: "
            "`timedatectl` should say the clock is synchronized.",
            "If the certificate was made locally, check that machine's clock "
            "too, and make the certificate again.",
            "Otherwise, install the certificate that is valid now, and reload "
            "the MTA (`postfix reload`, or restart Exim).",
            CHECK_BOTH,
        },
        .references = {"RFC 5280 section 4.1.2.5"},
    },
    {
        .code = MXTLS_F_CERT_WEAK_KEY,
        .id = "cert.weak-key",
        .severity = MXTLS_SEVERITY_INFO,
        .stage = MXTLS_STAGE_VERIFY,
        .summary = "The certificate of {host|the mail server} has a weak key "
                   "({detail|RSA under 2048 bits})",
        .explanation =
            "The certificate's key ({detail|an RSA key under 2048 bits}) is "
            "too small to be safe. Public CAs stopped issuing such certificates "
            "long ago, and current TLS libraries refuse them at their default "
            "security level, so the handshake fails for senders that verify.",
        .remedies = {
            "Make a new key of RSA 2048 bits or more, or ECDSA P-256, and a "
            "certificate for it, e.g. `certbot certonly --key-type ecdsa -d "
            "{host|mail.example.com}` (add `--standalone` or your usual "
            "challenge).",
            POSTFIX_CHAIN,
            EXIM_CHAIN,
            "If you publish DANE TLSA records for the old key, publish the "
            "new key's record beside them first and wait two TTLs before you "
            "switch.",
            CHECK_BOTH,
        },
        .references = {"RFC 9325", "RFC 5280 section 4.1.2.7"},
    },
    {
        .code = MXTLS_F_CERT_WEAK_SIGNATURE,
        .id = "cert.weak-signature",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_VERIFY,
        .summary = "The certificate chain of {host|the mail server} uses a weak "
                   "signature ({detail|SHA-1})",
        .explanation =
            "A certificate in the chain is signed with {detail|SHA-1}, a hash "
            "that is broken for signatures. Current TLS libraries reject such "
            "signatures, so senders that verify refuse the chain. Only the "
            "signature on a trusted root's own certificate does not matter; "
            "this one is on the server's certificate or an intermediate.",
        .remedies = {
            "Reissue the certificate from a public CA; every current CA signs "
            "with SHA-256 or better.",
            "If a private CA signed it, reissue the CA and the certificate with "
            "SHA-256.",
            POSTFIX_CHAIN,
            EXIM_CHAIN,
            CHECK_BOTH,
        },
        .references = {"RFC 9155", "RFC 5280 section 4.1.1.2"},
    },
    {
        .code = MXTLS_F_CERT_INCONSISTENT,
        .id = "cert.inconsistent",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_VERIFY,
        .summary = "Not all addresses of {host|the mail servers} present the same "
                   "certificate",
        .explanation =
            "Not every address serves the same certificate "
            "({detail|they differ in key, names or dates}). Senders pick any "
            "of the MX hosts and addresses, so a fault on one of them shows "
            "up only sometimes: some mail goes through and some fails, or "
            "Gmail's Send-As works on one try and not the next. Usually one "
            "server, or the IPv6 or IPv4 listener, was missed when the "
            "certificate was renewed.",
        .remedies = {
            "See which address serves what: "
            "`mxtls-check --verbose {domain|your-domain}`, and with `-4` and "
            "`-6`.",
            "Install the same valid certificate, or certificates for the "
            "right names from the same renewal, on every server and listener.",
            "Reload every MTA (`postfix reload`, or restart Exim), and add the "
            "reload to each server's renewal hook.",
            CHECK_BOTH,
        },
        .references = {"RFC 5321 section 5.1", "RFC 8461 section 4.2"},
    },
    {
        .code = MXTLS_F_CERT_DEFAULT_WITHOUT_SNI,
        .id = "cert.default-without-sni",
        .severity = MXTLS_SEVERITY_WARNING,
        .stage = MXTLS_STAGE_VERIFY,
        .summary = "Without SNI, {host|the mail server} presents a certificate "
                   "for other names ({names|not this host})",
        .explanation =
            "With SNI the server presents the right certificate, but without "
            "SNI, or with a name it does not know, it presents its default "
            "one, which names {names|other hosts}. Many mail servers send no "
            "SNI when they deliver, so those that verify certificates see the "
            "wrong name and refuse. The default certificate should be the one "
            "for the MX host name.",
        .remedies = {
            "Postfix: make `smtpd_tls_chain_files` the certificate for the MX "
            "host name, and keep other names in `tls_server_sni_maps`; then "
            "run `postfix reload`.",
            "Exim: make the plain `tls_certificate` the one for the MX host "
            "name, and select others by `$tls_in_sni` only for extra names; "
            "then restart Exim.",
            "Or put all names on one certificate, so the choice does not "
            "matter.",
            CHECK_BOTH,
        },
        .references = {"RFC 6066 section 3", "RFC 8461 section 4.2"},
    },

    {
        .code = MXTLS_F_CERT_CHAIN_TOO_LONG,
        .id = "cert.chain-too-long",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_VERIFY,
        .summary = "{host|The mail server} sends a certificate chain past the "
                   "limits senders accept ({detail|see the details})",
        .explanation =
            "The certificates the server sends are more, or larger, than a "
            "sender takes: senders built on OpenSSL or BoringSSL (Postfix, "
            "Exim, Gmail) refuse a certificate list over 100 KiB, and "
            "verifying senders give up on paths of more than 16 "
            "certificates (Postfix's default verify depth is 9). Such a "
            "chain cannot be checked, and senders that verify refuse it. "
            "The usual cause is a certificate file with stray or repeated "
            "certificates, or a certificate with thousands of names.",
        .remedies = {
            "Send only your certificate and the intermediates that link it to "
            "a public root, once each, leaf first: `openssl crl2pkcs7 "
            "-nocrl -certfile FILE | openssl pkcs7 -print_certs -noout` "
            "lists what the file holds.",
            "Split a certificate that carries thousands of names into "
            "several, and select them by SNI.",
            POSTFIX_CHAIN,
            EXIM_CHAIN,
            CHECK_BOTH,
        },
        .references = {"RFC 8446 section 4.4.2", "RFC 5280 section 6.1"},
    },
    {
        .code = MXTLS_F_CERT_NOT_CHECKED,
        .id = "cert.not-checked",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_VERIFY,
        .summary = "The certificate of {host|the mail server} could not be "
                   "checked ({detail|see the details})",
        .explanation =
            "The check received the certificate but could not judge it, so it "
            "cannot say that senders will accept it. The detail says why: a "
            "certificate that does not parse, a signature that does not "
            "verify, a critical extension nobody supports, or a problem with "
            "the certificate authorities this check trusts (its CA file or "
            "the system store). A sender that verifies refuses a certificate "
            "it cannot judge.",
        .remedies = {
            "If the detail names the CA file or the trust store, the problem "
            "is on the checking side: give `mxtls-check --ca-file` a readable "
            "PEM bundle (Debian: install `ca-certificates`) and check again.",
            "Otherwise see what the server sends: `mxtls-check --verbose "
            "{domain|your-domain}` shows the chain; replace a certificate "
            "that does not parse or verify with one from a public CA.",
            CHECK_BOTH,
        },
        .references = {"RFC 5280 section 6.1"},
    },

    {
        .code = MXTLS_F_CHECK_DEADLINE,
        .id = "check.deadline",
        .severity = MXTLS_SEVERITY_WARNING,
        .stage = MXTLS_STAGE_CONNECT,
        .summary = "The check of {host|the target} ran out of time before it "
                   "was complete",
        .explanation =
            "The whole check has a deadline (120 seconds unless set "
            "otherwise), and it ran out before every mail server was tried: "
            "some connections were not made, or were cut short, so their "
            "results are missing and this report cannot say they are fine. "
            "The usual cause is servers that never answer (each one holds a "
            "sender until its own timeout), or many hosts and addresses. "
            "Senders try each server in turn as well, so slow or silent "
            "servers delay real mail too.",
        .remedies = {
            "Look at the servers that were checked: the ones that time out "
            "are the ones to fix or remove from DNS.",
            "Check again with more time: `mxtls-check --deadline 600 "
            "{domain|your-domain}` (the library: MXTLS_STAGE_CHECK).",
        },
        .references = {"RFC 5321 section 4.5.3.2"},
    },

    /* ------------------------------------------------------------------
     * DANE
     * ------------------------------------------------------------------ */
    {
        .code = MXTLS_F_DANE_MISMATCH,
        .id = "dane.mismatch",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_VERIFY,
        .summary = "No TLSA record of {host|the mail server} matches the "
                   "certificate it presents",
        .explanation =
            "{host|The mail server} publishes DNSSEC-signed TLSA records at "
            "`_25._tcp.{host|mail.example.com}`, but none of them matches the "
            "certificate or key the server presents. Senders that use DANE "
            "(Postfix and Exim with DANE on, Microsoft 365, and many European "
            "providers) must refuse such a server: they keep the mail queued "
            "and bounce it after some days. The usual cause is a new key, "
            "often from a certificate renewal, without a TLSA record for it "
            "published first.",
        .remedies = {
            "Compute the record for the key the server uses now: "
            "`openssl x509 -in fullchain.pem -noout -pubkey | openssl pkey "
            "-pubin -outform DER | openssl sha256` gives the hash of a "
            "`3 1 1` record.",
            "Publish `_25._tcp.{host|mail.example.com}. IN TLSA 3 1 1 <hash>` "
            "beside the existing records; remove stale records only after two "
            "TTLs.",
            "Keep the key stable across renewals, so the record stays valid: "
            "`certbot renew --reuse-key`, or `--reuse-key` when you first "
            "issue it.",
            "If you cannot keep TLSA records up to date, remove them all: with "
            "no TLSA records DANE senders deliver as before, without DANE.",
            CHECK_MX,
        },
        .references = {"RFC 7672 section 3.1", "RFC 7672 section 4",
                       "RFC 6698 section 2.1"},
    },
    {
        .code = MXTLS_F_DANE_BOGUS,
        .id = "dane.bogus",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_RESOLVE,
        .summary = "The TLSA lookup for {host|the mail server} fails DNSSEC "
                   "validation (bogus)",
        .explanation =
            "The TLSA records at `_25._tcp.{host|mail.example.com}` sit in a signed "
            "zone, but their signatures do not validate, or the lookup fails. "
            "A DANE sender cannot tell a broken zone from an attack, so it "
            "must not fall back to delivery without DANE: it defers the mail, "
            "retries, and bounces it after some days. Typical causes are "
            "expired signatures, a DS record that no longer matches the keys, "
            "and DNS servers that mishandle queries for the TLSA type.",
        .remedies = {
            "See what fails: `delv _25._tcp.{host|mail.example.com} TLSA` "
            "prints the validation error.",
            "Fix the zone's signing: a running signer, fresh signatures, and a "
            "DS record at the parent that matches the keys.",
            "If your DNS provider cannot serve TLSA records correctly, move the "
            "zone to one that can.",
            CHECK_MX,
        },
        .references = {"RFC 7672 section 2.1.1", "RFC 4035 section 5.5"},
    },
    {
        .code = MXTLS_F_DANE_UNUSABLE,
        .id = "dane.unusable",
        .severity = MXTLS_SEVERITY_INFO,
        .stage = MXTLS_STAGE_VERIFY,
        .summary = "The TLSA records of {host|the mail server} are all unusable "
                   "for SMTP",
        .explanation =
            "{host|The mail server} publishes TLSA records, but none that a "
            "DANE sender can use ({detail|see the records}). SMTP uses only "
            "the usages DANE-TA (2) and DANE-EE (3); PKIX-TA (0) and PKIX-EE "
            "(1) are unusable, as are unknown selectors or matching types and "
            "hashes of the wrong length. With only unusable records, DANE "
            "senders still insist on TLS but cannot check the certificate, so "
            "DANE protects nothing.",
        .remedies = {
            "Replace the records with a `3 1 1` record for the server's "
            "current key: `openssl x509 -in fullchain.pem -noout -pubkey | "
            "openssl pkey -pubin -outform DER | openssl sha256` gives the hash.",
            "Publish it as `_25._tcp.{host|mail.example.com}. IN TLSA 3 1 1 "
            "<hash>` and, for the next key, a second record beside it.",
            CHECK_MX,
        },
        .references = {"RFC 7672 section 3.1", "RFC 7672 section 3.1.3",
                       "RFC 6698 section 2.1"},
    },
    {
        .code = MXTLS_F_DANE_NO_ROLLOVER,
        .id = "dane.no-rollover",
        .severity = MXTLS_SEVERITY_INFO,
        .stage = MXTLS_STAGE_VERIFY,
        .summary = "{host|The mail server} has a single TLSA record: the next key "
                   "change will break delivery",
        .explanation =
            "The only TLSA record matches today's key. When the key changes, "
            "for example at a certificate renewal that makes a new key, DANE "
            "senders will find no matching record and hold all mail until the "
            "DNS catches up, which takes at least the record's TTL. The safe "
            "pattern is two records: the current key and the next one "
            "(\"3 1 1 current + next\").",
        .remedies = {
            "Make the next key now, e.g. `openssl genpkey -algorithm EC "
            "-pkeyopt ec_paramgen_curve:P-256 -out next.key`, and keep it for "
            "the next certificate.",
            "Publish its record beside the current one: "
            "`_25._tcp.{host|mail.example.com}. IN TLSA 3 1 1 <hash of next "
            "key>`.",
            "At the next renewal, wait until both records have been published "
            "for two TTLs, then switch to the new key, and only then replace "
            "the old record with one for the key after.",
            "Or keep one key across renewals (`certbot renew --reuse-key`), "
            "so the record never has to change.",
            CHECK_MX,
        },
        .references = {"RFC 7672 section 4", "RFC 7671"},
    },
    {
        .code = MXTLS_F_DANE_TA_NOT_SENT,
        .id = "dane.ta-not-sent",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_VERIFY,
        .summary = "{host|The mail server} does not send the trust anchor its "
                   "DANE-TA record names",
        .explanation =
            "{host|The mail server} publishes a DNSSEC-signed TLSA record of "
            "usage 2 (DANE-TA) at `_25._tcp.{host|mail.example.com}`: it names "
            "a CA certificate that vouches for the server's certificate. But "
            "the chain the server sends ({detail|as sent}) stops below any "
            "certificate the record matches, and senders look for that CA only "
            "in what the server sends: the standard requires the server to "
            "send it. DANE senders, Postfix and Exim with DANE among them, "
            "cannot match the record and must refuse the server; they keep "
            "the mail queued and bounce it after some days. Either the server "
            "leaves the CA certificate out of its chain, or the record names a "
            "CA that no longer issues the server's certificate.",
        .remedies = {
            "Send the whole chain, the CA certificate the record names "
            "included: in Postfix, list the server certificate, the "
            "intermediates and that CA, leaf first, in the file of "
            "`smtpd_tls_chain_files` (or `smtpd_tls_cert_file`).",
            "Or publish a record for the server's own key, which needs no "
            "chain: `3 1 1` with the SHA-256 of its public key (`openssl x509 "
            "-in cert.pem -noout -pubkey | openssl pkey -pubin -outform DER | "
            "openssl sha256`).",
            "If the CA changed at the last renewal, publish a `2 1 1` record "
            "for the new issuer beside the old one, before the next change.",
            CHECK_MX,
        },
        .references = {"RFC 7672 section 3.1.2", "RFC 7671 section 5.2"},
    },
    {
        .code = MXTLS_F_DANE_MATCHED,
        .id = "dane.matched",
        .severity = MXTLS_SEVERITY_INFO,
        .stage = MXTLS_STAGE_VERIFY,
        .summary = "DANE: the certificate of {host|the mail server} matches its "
                   "TLSA record",
        .explanation =
            "{host|The mail server} publishes DNSSEC-signed TLSA records, and "
            "the certificate it presents matches one of them. Senders that use "
            "DANE deliver to it only over authenticated TLS, which stops "
            "downgrade and impersonation attacks.",
        .remedies = {
            "Before any key change, publish the new key's TLSA record beside "
            "the current one and wait two TTLs.",
            "Keep DNSSEC signing healthy: expired signatures make DANE senders "
            "hold your mail.",
        },
        .references = {"RFC 7672"},
    },

    /* ------------------------------------------------------------------
     * MTA-STS
     * ------------------------------------------------------------------ */
    {
        .code = MXTLS_F_MTASTS_MX_MISMATCH,
        .id = "mtasts.mx-mismatch",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_VERIFY,
        .summary = "The MTA-STS policy of {domain|the domain} does not list the MX "
                   "host {host|in use}",
        .explanation =
            "The domain's MTA-STS policy names the MX hosts senders may "
            "deliver to, in `mx:` lines, and {host|this MX host} matches none "
            "of them. In enforce mode, senders honouring MTA-STS, Gmail among "
            "them, refuse to deliver to it and hold the mail; in testing mode "
            "they only report it. A pattern such as `*.example.com` matches "
            "exactly one extra label. This usually follows an MX change "
            "without a policy change.",
        .remedies = {
            "Add the host to the policy at "
            "`https://mta-sts.{domain|your-domain}/.well-known/mta-sts.txt`: "
            "`mx: {host|mail.example.com}`.",
            "Change the `id=` value in the TXT record at "
            "`_mta-sts.{domain|your-domain}` so senders fetch the new policy "
            "(they keep a cached one until `max_age` runs out otherwise).",
            "Next time, update the policy and its id before you change MX "
            "records.",
            CHECK_MX,
        },
        .references = {"RFC 8461 section 3.2", "RFC 8461 section 4.1",
                       "RFC 8461 section 3.1"},
    },
    {
        .code = MXTLS_F_MTASTS_FETCH_FAILED,
        .id = "mtasts.fetch-failed",
        .severity = MXTLS_SEVERITY_INFO,
        .stage = MXTLS_STAGE_VERIFY,
        .summary = "The MTA-STS policy of {domain|the domain} cannot be fetched",
        .explanation =
            "The TXT record at `_mta-sts.{domain|your-domain}` announces a "
            "policy, but fetching "
            "`https://mta-sts.{domain|your-domain}/.well-known/mta-sts.txt` "
            "failed ({detail|no policy was received}). Senders that have no "
            "cached policy then deliver as if there were none, so the policy "
            "protects nothing; senders with a cached one keep using it, even "
            "after your MX hosts change. The policy host must answer HTTPS "
            "directly, without redirects.",
        .remedies = {
            "Make sure `mta-sts.{domain|your-domain}` resolves and serves HTTPS "
            "with a valid certificate for that name.",
            "Serve the policy at exactly `/.well-known/mta-sts.txt` with status "
            "200, no redirect, and content type text/plain.",
            "Test it: `curl -sv "
            "https://mta-sts.{domain|your-domain}/.well-known/mta-sts.txt`.",
            CHECK_MX,
        },
        .references = {"RFC 8461 section 3.3", "RFC 8460 section 3"},
    },
    {
        .code = MXTLS_F_MTASTS_INVALID_POLICY,
        .id = "mtasts.invalid-policy",
        .severity = MXTLS_SEVERITY_INFO,
        .stage = MXTLS_STAGE_VERIFY,
        .summary = "The MTA-STS policy of {domain|the domain} is not valid",
        .explanation =
            "The policy file was fetched but cannot be used "
            "({detail|it does not follow the format}). Senders treat an "
            "invalid policy as no policy, so it protects nothing. A valid "
            "policy has `version: STSv1`, a `mode:` of enforce, testing or "
            "none, one `mx:` line per MX pattern, and `max_age:` in seconds, "
            "one field per line.",
        .remedies = {
            "Fix the file at "
            "`https://mta-sts.{domain|your-domain}/.well-known/mta-sts.txt`, "
            "e.g. `version: STSv1`, `mode: enforce`, `mx: "
            "mail.{domain|your-domain}`, `max_age: 604800`, each on its own "
            "line.",
            "Change the `id=` value in the TXT record at "
            "`_mta-sts.{domain|your-domain}` so senders fetch it again.",
            CHECK_MX,
        },
        .references = {"RFC 8461 section 3.2", "RFC 8461 section 3.1"},
    },
    {
        .code = MXTLS_F_MTASTS_WEBPKI_INVALID,
        .id = "mtasts.webpki-invalid",
        .severity = MXTLS_SEVERITY_INFO,
        .stage = MXTLS_STAGE_VERIFY,
        .summary = "The HTTPS certificate of mta-sts.{domain|your-domain} is not valid",
        .explanation =
            "The policy host `mta-sts.{domain|your-domain}` answers HTTPS with "
            "a certificate that does not verify ({detail|see the details}). "
            "Senders fetch the policy only over verified HTTPS, so for them "
            "there is no policy and it protects nothing. Often the web host "
            "serves a certificate for another name, because "
            "`mta-sts.{domain|your-domain}` was added as an alias without "
            "adding it to the certificate.",
        .remedies = {
            "Issue a certificate that names `mta-sts.{domain|your-domain}`, "
            "e.g. `certbot certonly -d mta-sts.{domain|your-domain}` with "
            "your web server's plugin, and install it on the policy host.",
            "Test it: `curl -sv "
            "https://mta-sts.{domain|your-domain}/.well-known/mta-sts.txt` "
            "must succeed without `-k`.",
            CHECK_MX,
        },
        .references = {"RFC 8461 section 3.3", "RFC 6125 section 6.4"},
    },
    {
        .code = MXTLS_F_MTASTS_TXT_MULTIPLE,
        .id = "mtasts.txt-multiple",
        .severity = MXTLS_SEVERITY_INFO,
        .stage = MXTLS_STAGE_RESOLVE,
        .summary = "{domain|The domain} has more than one MTA-STS TXT record",
        .explanation =
            "There is more than one TXT record starting with `v=STSv1` at "
            "`_mta-sts.{domain|your-domain}`. The standard says that senders "
            "must then assume the domain has no MTA-STS policy at all, so the "
            "policy protects nothing. This usually happens when a new record "
            "was added instead of the old one being edited.",
        .remedies = {
            "List them: `dig +short _mta-sts.{domain|your-domain} TXT`.",
            "Delete all but one, and give the remaining one a new `id=` value.",
            CHECK_MX,
        },
        .references = {"RFC 8461 section 3.1"},
    },
    {
        .code = MXTLS_F_MTASTS_TXT_INVALID,
        .id = "mtasts.txt-invalid",
        .severity = MXTLS_SEVERITY_INFO,
        .stage = MXTLS_STAGE_RESOLVE,
        .summary = "The MTA-STS TXT record of {domain|the domain} is not valid",
        .explanation =
            "Senders read the TXT record at `_mta-sts.{domain|your-domain}` "
            "before they fetch the MTA-STS policy. This one does not follow "
            "RFC 8461 ({detail|it does not parse}), so senders take the domain "
            "to have no MTA-STS policy, and the policy file, however good, "
            "protects nothing. The format is strict: the record begins exactly "
            "`v=STSv1;`, its fields are separated by `;`, the `id=` value is 1 "
            "to 32 letters or digits, and names and values are case-sensitive.",
        .remedies = {
            "Look at the record: `dig +short _mta-sts.{domain|your-domain} "
            "TXT`.",
            "Publish it in this form, with a new id each time the policy "
            "changes: `_mta-sts.{domain|your-domain}. IN TXT \"v=STSv1; "
            "id=20261203T120000\"`.",
            CHECK_MX,
        },
        .references = {"RFC 8461 section 3.1"},
    },
    {
        .code = MXTLS_F_MTASTS_ENFORCED,
        .id = "mtasts.enforced",
        .severity = MXTLS_SEVERITY_INFO,
        .stage = MXTLS_STAGE_VERIFY,
        .summary = "MTA-STS is in enforce mode for {domain|the domain}, and every "
                   "MX host complies",
        .explanation =
            "{domain|The domain} publishes a valid MTA-STS policy in enforce "
            "mode, its MX hosts match the policy, and they present valid "
            "certificates. Senders honouring MTA-STS, Gmail among them, "
            "deliver only over verified TLS, which stops downgrade attacks.",
        .remedies = {
            "Before you change MX hosts, add them to the policy and change the "
            "`id=` in `_mta-sts.{domain|your-domain}` first.",
            "Publish a TLS-RPT record (`_smtp._tls.{domain|your-domain}` TXT "
            "`v=TLSRPTv1; rua=mailto:...`) to hear from senders when "
            "delivery fails.",
        },
        .references = {"RFC 8461", "RFC 8460 section 3"},
    },

    /* ------------------------------------------------------------------
     * Positive results
     * ------------------------------------------------------------------ */
    {
        .code = MXTLS_F_TLS_OK,
        .id = "tls.ok",
        .severity = MXTLS_SEVERITY_INFO,
        .stage = MXTLS_STAGE_VERIFY,
        .summary = "{host|The mail server} negotiates TLS with a valid certificate "
                   "that names it",
        .explanation =
            "{host|The mail server} offers TLS, completes the handshake with "
            "a current protocol version, and presents a certificate from a "
            "trusted authority that names the host senders connect to. This "
            "is what Gmail, its Send-As dialog, and senders honouring MTA-STS "
            "require.",
        .remedies = {
            "Keep renewals automatic, and let every renewal reload the MTA.",
            "Consider MTA-STS, DANE, or both, so senders insist on TLS rather "
            "than merely prefer it.",
        },
        .references = {"RFC 3207", "RFC 8461"},
    },

    /* ------------------------------------------------------------------
     * The checker's own environment: never about the checked domain
     * ------------------------------------------------------------------ */
    {
        .code = MXTLS_F_ENV_RESOLVER_DOWN,
        .id = "env.resolver-down",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_RESOLVE,
        .about = MXTLS_ABOUT_ENVIRONMENT,
        .summary = "The DNS resolver this check uses is not working, so "
                   "{target|the checked domain} could not be checked",
        .explanation =
            "To look up every name, mxtls asks the resolver of the machine it "
            "runs on (the one in `/etc/resolv.conf`, or the one given with "
            "`--resolver`). That resolver gave no usable answer even for the "
            "keys of the DNSSEC trust anchor (the DNS root, unless set "
            "otherwise), which every working resolver can give: {detail|no "
            "reply before the deadline}. A resolver that does not answer "
            "answers no name; one that says even the root does not exist (as "
            "in sandboxes, captive portals and some filters) says so of every "
            "name, so its \"does not exist\" proves nothing.\n\n"
            "So nothing could be learnt about {target|the checked domain}, and this "
            "says nothing about it: its DNS may well be fine for every sender "
            "on the internet.",
        .remedies = {
            "Check the resolver from this machine: `dig . SOA` (or `dig "
            "@ADDRESS . SOA` for the one you gave with `--resolver`). A "
            "timeout or NXDOMAIN there confirms it.",
            "Use a resolver that answers: `mxtls-check --resolver 9.9.9.9 "
            "{check|your-domain}` (any public resolver).",
            "{recursion|Or let mxtls resolve from the root itself, where the "
            "network lets DNS out: `mxtls-check --recursive your-domain`.}",
            "Check again with `mxtls-check {check|your-domain}`.",
        },
        .references = {"RFC 1034 section 5"},
    },
    {
        .code = MXTLS_F_ENV_RESOLVER_NO_DNSSEC,
        .id = "env.resolver-no-dnssec",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_RESOLVE,
        .about = MXTLS_ABOUT_ENVIRONMENT,
        .summary = "The DNS resolver this check uses strips DNSSEC, so DNSSEC "
                   "and DANE of {target|the checked domain} could not be checked",
        .explanation =
            "Like a DANE-aware sender, mxtls validates DNSSEC itself, from the "
            "root's key. For that the resolver it asks must pass "
            "on the signatures. The resolver of the machine it runs on (the "
            "one in `/etc/resolv.conf`, or the one given with `--resolver`) "
            "answered the query for the keys of the DNSSEC trust anchor (the "
            "DNS root, unless set otherwise) without usable signatures: "
            "{detail|the answer carried no signatures}. Home "
            "routers, some ISP resolvers and the resolvers of many container "
            "platforms do this.\n\n"
            "So every DNSSEC state in this report is unknown, not bogus, and "
            "the TLSA (DANE) records of {target|the checked domain} were not checked. "
            "This says nothing about {target|the checked domain}: its DNSSEC may be "
            "fine, or absent, for every sender that uses a proper resolver. "
            "Everything else (MX, addresses, STARTTLS, certificates) was "
            "checked as usual.",
        .remedies = {
            "Use a resolver that passes DNSSEC on: `mxtls-check --resolver "
            "9.9.9.9 {check|your-domain}` (Quad9; 1.1.1.1 and 8.8.8.8 do too), "
            "or your own unbound or BIND.",
            "{recursion|Or let mxtls resolve from the root itself, where the "
            "network lets DNS out: `mxtls-check --recursive your-domain`.}",
            "To see the problem: `dig +dnssec . DNSKEY` on this machine shows "
            "no RRSIG record in the answer, while `dig +dnssec @9.9.9.9 . "
            "DNSKEY` does.",
            "Check again with `mxtls-check --resolver 9.9.9.9 "
            "{check|your-domain}`.",
        },
        .references = {"RFC 4035 section 4.9", "RFC 7672 section 2.1"},
    },

    {
        .code = MXTLS_F_ENV_CA_STORE_EMPTY,
        .id = "env.ca-store-empty",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_VERIFY,
        .about = MXTLS_ABOUT_ENVIRONMENT,
        .summary = "This check has no CA certificates to verify against, so "
                   "no certificate was checked for trust",
        .explanation =
            "The problem is on the checking side, not at your mail servers: "
            "the certificate authorities this check trusts come to nothing. "
            "Either the system bundle "
            "`/etc/ssl/certs/ca-certificates.crt` is missing, as in slim "
            "container images without the ca-certificates package, or the "
            "file given with `--ca-file` holds no PEM certificate.\n\n"
            "Without a CA, no chain can be trusted, so this report does not "
            "say whether senders trust your certificates: each one is marked "
            "not checked, under this finding. What a certificate shows by "
            "itself is still judged: the names it carries, its dates, its "
            "key and signature, whether it is self-signed, and DANE.",
        .remedies = {
            "Install the CA bundle on the machine that runs the check: "
            "`apt-get install ca-certificates` on Debian and Ubuntu, "
            "`apk add ca-certificates` on Alpine.",
            "Or point the check at a PEM bundle of CA certificates: "
            "`mxtls-check --ca-file /path/to/ca-bundle.pem "
            "{domain|your-domain}`.",
            "Check again with `mxtls-check {domain|your-domain}`: the "
            "certificates are then judged for trust.",
        },
        .references = {"RFC 5280 section 6.1"},
    },

    /* ------------------------------------------------------------------
     * The sending side's own setup, and mail clients (mxtls_explain())
     * ------------------------------------------------------------------ */
    {
        .code = MXTLS_F_SENDER_NO_CA_STORE,
        .id = "sender.no-ca-store",
        .severity = MXTLS_SEVERITY_WARNING,
        .stage = MXTLS_STAGE_VERIFY,
        .summary = "The sending side cannot verify certificates: its own CA store is "
                   "missing, out of date or not configured",
        .explanation =
            "The side that wrote the text refuses the certificate, or calls it "
            "untrusted, and the fault can be its own: it has no CA bundle to "
            "check certificates with, one too old to hold today's roots, or "
            "one it cannot read. A sending server's log that calls even "
            "Gmail's certificate untrusted ({detail|\"Untrusted TLS "
            "connection established\"}) settles it, since every CA store "
            "trusts the large providers: Postfix's `smtp_tls_CAfile` or "
            "`smtp_tls_CApath` is unset, or points at a file its chroot cannot "
            "see. A program (PHP, Python, Ruby, Java, Go) reads the bundle of "
            "its own TLS library or runtime, which is not always the system's. "
            "With opportunistic TLS a sending server still delivers, "
            "encrypted; with a policy that demands verification, and in a "
            "program that verifies, the mail is not sent.",
        .remedies = {
            "Install or update the CA bundle: `apt-get install ca-certificates` "
            "(Debian/Ubuntu), `dnf install ca-certificates` (Fedora/RHEL), "
            "`apk add ca-certificates` (Alpine).",
            "Point the MTA at it. Postfix: `postconf -e "
            "'smtp_tls_CAfile = /etc/ssl/certs/ca-certificates.crt'` (or "
            "`smtp_tls_CApath = /etc/ssl/certs`), then `postfix reload`; in a "
            "chroot copy the file into it. Exim: `tls_verify_certificates = "
            "system`.",
            "Point a program at it: PHP `openssl.cafile` in php.ini, Python "
            "and Ruby the `SSL_CERT_FILE` environment variable, Java the "
            "runtime's own `cacerts` (a current JDK carries current roots).",
            "Run the `mxtls-check` that mxtls suggests below: it verifies the "
            "server's certificate with this machine's CA store, so when it "
            "passes there the fault is the sending side's store. Then send "
            "again; a sending server's log says \"Trusted\" or \"Verified TLS "
            "connection established\".",
        },
        .references = {"RFC 7435 section 1.3", "RFC 8461 section 4.2"},
    },
    {
        .code = MXTLS_F_SENDER_TLS_CONFIG,
        .id = "sender.tls-config",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_STARTTLS,
        .summary = "The sending side's own TLS settings make the handshake fail",
        .explanation =
            "The failure comes from the side that wrote the text: its TLS "
            "library, its protocol or cipher settings, a TLS policy that asks "
            "for more than the receiver offers (a required verification level "
            "or a name to match), or a certificate or key file of its own that "
            "it cannot load ({detail|see the text}). Other senders deliver to "
            "the same receiver without trouble, so the receiver is rarely the "
            "one to change.",
        .remedies = {
            "Read the sender's settings for TLS: Postfix `postconf | grep "
            "'^smtp_tls'` (protocols, ciphers, `smtp_tls_security_level`, "
            "`smtp_tls_policy_maps`), Exim's `tls_require_ciphers` and "
            "`hosts_require_tls`, the client library's TLS options.",
            "Allow TLS 1.2 and 1.3 with current ciphers, and update an old "
            "TLS library (OpenSSL 1.0, Java 7, the dotnet Framework before 4.6 "
            "offer only old protocols).",
            "If a policy demands a certificate name or DANE, make sure it "
            "names what the receiver really presents.",
            "Check the receiver from a known-good sender: `mxtls-check "
            "{domain|the-receiving-domain}`.",
        },
        .references = {"RFC 8996", "RFC 7525 section 3"},
    },
    {
        .code = MXTLS_F_SENDER_RESOLVER_DOWN,
        .id = "sender.resolver-down",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_RESOLVE,
        .summary = "The sending side's own DNS resolver fails: names that exist do not "
                   "resolve there",
        .explanation =
            "The side that wrote the text could not look a name up, and the "
            "fault is its own resolver, not the name: \"Temporary failure in "
            "name resolution\" (`EAI_AGAIN`) means the resolver gave no "
            "answer at all, and a name such as a large provider's submission "
            "host, which exists for everyone, that \"does not exist\" there "
            "({detail|see the text}) means the resolver answers wrongly. "
            "Common reasons: a container whose `/etc/resolv.conf` names a "
            "resolver it cannot reach (Docker's own DNS blocked by a "
            "firewall), a Postfix in a chroot without its copy of "
            "`resolv.conf`, a VPN or a filter that takes DNS away, or no "
            "network at all yet when the program started.",
        .remedies = {
            "On the machine (inside the container) that sends, look the name "
            "up as the program does: `getent hosts smtp.example.com`, or `dig "
            "smtp.example.com`. No answer there confirms it.",
            "Fix that machine's resolver: `/etc/resolv.conf`; Docker's `--dns` "
            "option or the daemon's `dns` setting; for Postfix in a chroot, "
            "copy `/etc/resolv.conf` to `/var/spool/postfix/etc/` (Debian's "
            "init script does it on start) and `postfix reload`.",
            "Then send again. To see that the other side is fine, run the "
            "`mxtls-check` that mxtls suggests from a machine whose DNS works.",
        },
        .references = {"RFC 1034 section 5", "RFC 3493 section 6.1"},
    },
    {
        .code = MXTLS_F_SENDER_RESOLVER_NO_DNSSEC,
        .id = "sender.resolver-no-dnssec",
        .severity = MXTLS_SEVERITY_WARNING,
        .stage = MXTLS_STAGE_RESOLVE,
        .summary = "The sending side's own DNS resolver does not validate DNSSEC, so it "
                   "cannot use DANE",
        .explanation =
            "A sender that uses DANE trusts a TLSA record only when its "
            "resolver has validated it with DNSSEC. The side that wrote the "
            "text found that its resolver does not ({detail|see the text}): "
            "Postfix with `smtp_dns_support_level = dnssec` probes it at start "
            "and warns \"DNSSEC validation may be unavailable\". Until that "
            "is fixed it treats every domain as unsigned: it ignores their "
            "TLSA records and falls back to opportunistic or plain TLS. The "
            "receiving domains are not at fault.",
        .remedies = {
            "Run a validating resolver on the sending machine (unbound, or "
            "BIND with `dnssec-validation auto`) and list only it in "
            "`/etc/resolv.conf` (`nameserver 127.0.0.1`); for Postfix in a "
            "chroot, its copy in `/var/spool/postfix/etc/` too.",
            "Check it: `dig +dnssec . DNSKEY @127.0.0.1` must show the `ad` "
            "flag; `postfix reload`, and the warning is gone from the log.",
            "Check a receiving domain's DANE from mxtls: `mxtls-check "
            "{domain|the-receiving-domain}` validates DNSSEC itself.",
        },
        .references = {"RFC 7672 section 2.1.1", "RFC 4035 section 4.9"},
    },
    {
        .code = MXTLS_F_CLIENT_STARTTLS_MISMATCH,
        .id = "client.starttls-mismatch",
        .severity = MXTLS_SEVERITY_ERROR,
        .stage = MXTLS_STAGE_STARTTLS,
        .summary = "The mail client uses the wrong kind of TLS for port {port|587 or 465}",
        .explanation =
            "Port 465 speaks TLS from the first byte (implicit TLS, often "
            "labelled \"SSL/TLS\"); port 587 (and 25) start in plain text and "
            "switch with the STARTTLS command (often labelled \"STARTTLS\" or "
            "\"TLS\"). A client set to the other kind sends a TLS hello "
            "where the server greets in plain text, or waits for a greeting "
            "the server never sends in plain text: the client reports "
            "\"wrong version number\", \"unknown protocol\", a timeout or "
            "a dropped connection ({detail|see the text}). In libraries the "
            "setting is a flag such as nodemailer's `secure`, PHPMailer's "
            "`SMTPSecure`, Python's `SMTP_SSL` versus `starttls()`. The "
            "`SmtpClient` of Microsoft's System.Net.Mail speaks only STARTTLS: with "
            "`EnableSsl` on port 465 it waits until its timeout.",
        .remedies = {
            "Match the port: 465 with SSL/TLS (implicit: `secure: true`, "
            "`SMTPSecure = 'ssl'`, `smtplib.SMTP_SSL`), 587 with STARTTLS "
            "(`secure: false` plus STARTTLS, `SMTPSecure = 'tls'`, "
            "`smtplib.SMTP` then `starttls()`, System.Net.Mail's `SmtpClient` "
            "with `EnableSsl = true`; for 465 there, MailKit).",
            "Ask the provider which ports and modes it supports; many offer "
            "both.",
            "Check the server: `mxtls-check --submission "
            "{host|smtp.example.com}` tries 587 with STARTTLS and 465 with "
            "implicit TLS.",
        },
        .references = {"RFC 8314 section 3", "RFC 3207"},
    },
};

#define CATALOG_COUNT (sizeof catalog / sizeof catalog[0])

const struct mxtls__catalog_entry *mxtls__catalog_find(int32_t code)
{
    for (size_t i = 0; i < CATALOG_COUNT; i++)
        if (catalog[i].code == code)
            return &catalog[i];
    return NULL;
}

const struct mxtls__catalog_entry *mxtls__catalog_find_id(const char *id)
{
    if (id == NULL)
        return NULL;
    for (size_t i = 0; i < CATALOG_COUNT; i++)
        if (strcmp(catalog[i].id, id) == 0)
            return &catalog[i];
    return NULL;
}

size_t mxtls__catalog_count(void)
{
    return CATALOG_COUNT;
}

const struct mxtls__catalog_entry *mxtls__catalog_at(size_t index)
{
    return index < CATALOG_COUNT ? &catalog[index] : NULL;
}

const char *mxtls_finding_id(int32_t code)
{
    const struct mxtls__catalog_entry *e = mxtls__catalog_find(code);
    return e ? e->id : NULL;
}

int32_t mxtls_finding_code_of(const char *id)
{
    const struct mxtls__catalog_entry *e = mxtls__catalog_find_id(id);
    return e ? e->code : 0;
}
