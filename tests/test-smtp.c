/* The SMTP reply parser, EHLO capability parser and dialogue state machine,
 * fed bytes directly: no sockets, no lab. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "../src/connect/session.h"
#include "../src/connect/smtp.h"
#include "testlib.h"

/* Feed a whole string to a fresh parser; return the parser's error. */
static enum mxtls__reply_error parse(struct mxtls__reply_parser *p, const char *s,
                                     size_t *used)
{
    mxtls__reply_reset(p);
    *used = mxtls__reply_feed(p, (const uint8_t *)s, strlen(s));
    return p->error;
}

START_TEST(reply_multiline)
{
    static struct mxtls__reply_parser p;
    size_t used;
    const char *in = "250-mail.example\r\n250-PIPELINING\r\n250 STARTTLS\r\nextra";
    ck_assert_int_eq(parse(&p, in, &used), MXTLS__REPLY_OK);
    ck_assert(p.done);
    ck_assert_uint_eq(used, strlen(in) - 5);   /* "extra" is left for later */
    ck_assert_int_eq(p.reply.code, 250);
    ck_assert_uint_eq(p.reply.n_lines, 3);
    ck_assert_str_eq(mxtls__reply_line(&p.reply, 0), "mail.example");
    ck_assert_str_eq(mxtls__reply_line(&p.reply, 2), "STARTTLS");
    ck_assert_str_eq(mxtls__reply_line(&p.reply, 3), "");
}
END_TEST

START_TEST(reply_bare_code_and_lf)
{
    static struct mxtls__reply_parser p;
    size_t used;
    ck_assert_int_eq(parse(&p, "250\n", &used), MXTLS__REPLY_OK);
    ck_assert(p.done);
    ck_assert_str_eq(mxtls__reply_line(&p.reply, 0), "");
}
END_TEST

START_TEST(reply_incremental_byte_by_byte)
{
    static struct mxtls__reply_parser p;
    const char *in = "220-a\r\n220 b c\r\n";
    mxtls__reply_reset(&p);
    for (size_t i = 0; i < strlen(in); i++) {
        ck_assert(!p.done);
        ck_assert_uint_eq(mxtls__reply_feed(&p, (const uint8_t *)in + i, 1), 1);
    }
    ck_assert(p.done);
    ck_assert_str_eq(mxtls__reply_line(&p.reply, 1), "b c");
}
END_TEST

START_TEST(reply_errors)
{
    static struct mxtls__reply_parser p;
    size_t used;
    static const struct {
        const char *in;
        enum mxtls__reply_error want;
    } cases[] = {
        {"HTTP/1.1 400 Bad Request\r\n", MXTLS__REPLY_BAD_SYNTAX},
        {"250-a\r\n251 b\r\n", MXTLS__REPLY_CODE_MISMATCH},
        {"220x\r\n", MXTLS__REPLY_BAD_SYNTAX},
        {"620 no\r\n", MXTLS__REPLY_BAD_SYNTAX},
        {"22\r\n", MXTLS__REPLY_BAD_SYNTAX},
        {"220 a\x01 b\r\n", MXTLS__REPLY_BAD_SYNTAX},
        {"\x16\x03\x01\x02\x05hello\n", MXTLS__REPLY_BAD_SYNTAX},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ck_assert_msg(parse(&p, cases[i].in, &used) == cases[i].want, "case %zu", i);
    /* A NUL inside text. */
    mxtls__reply_reset(&p);
    mxtls__reply_feed(&p, (const uint8_t *)"220 a\0b\r\n", 9);
    ck_assert_int_eq(p.error, MXTLS__REPLY_NUL);
}
END_TEST

START_TEST(reply_line_limit)
{
    static struct mxtls__reply_parser p;
    static char line[1024];
    size_t used;
    /* 510 octets + CRLF = 512: allowed. 511 + CRLF: not. */
    memset(line, 'a', sizeof line);
    memcpy(line, "220 ", 4);
    memcpy(line + 510, "\r\n", 3);
    ck_assert_int_eq(parse(&p, line, &used), MXTLS__REPLY_OK);
    memset(line, 'a', sizeof line);
    memcpy(line, "220 ", 4);
    memcpy(line + 511, "\r\n", 3);
    ck_assert_int_eq(parse(&p, line, &used), MXTLS__REPLY_LINE_TOO_LONG);
    ck_assert_uint_le(used, MXTLS__SMTP_LINE_MAX);   /* stops at once */
}
END_TEST

START_TEST(reply_line_and_byte_bounds)
{
    static struct mxtls__reply_parser p;
    static char buf[200 * 16];
    size_t off = 0;
    for (int i = 0; i < 200; i++)
        off += (size_t)snprintf(buf + off, sizeof buf - off, "250-x%d\r\n", i);
    size_t used;
    ck_assert_int_eq(parse(&p, buf, &used), MXTLS__REPLY_TOO_MANY_LINES);
    ck_assert_uint_lt(used, off);

    /* 40 lines of 500 octets pass the line count but not the byte bound. */
    static char big[40 * 512 + 1];
    off = 0;
    for (int i = 0; i < 40; i++) {
        memcpy(big + off, "250-", 4);
        memset(big + off + 4, 'b', 496);
        memcpy(big + off + 500, "\r\n", 2);
        off += 502;
    }
    big[off] = '\0';
    ck_assert_int_eq(parse(&p, big, &used), MXTLS__REPLY_TOO_BIG);
}
END_TEST

static void caps_of(const char *in, struct mxtls__caps *caps)
{
    static struct mxtls__reply_parser p;
    size_t used;
    ck_assert_int_eq(parse(&p, in, &used), MXTLS__REPLY_OK);
    mxtls__ehlo_parse(&p.reply, caps);
}

START_TEST(ehlo_capabilities)
{
    struct mxtls__caps c;
    caps_of("250-mx.example Hello\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n"
            "250-starttls\r\n250-AUTH PLAIN LOGIN\r\n250-AUTH=LOGIN\r\n"
            "250-8BITMIME\r\n250-SMTPUTF8\r\n250 CHUNKING\r\n", &c);
    ck_assert(c.flags & MXTLS__CAP_STARTTLS);
    ck_assert(c.flags & MXTLS__CAP_PIPELINING);
    ck_assert(c.flags & MXTLS__CAP_8BITMIME);
    ck_assert(c.flags & MXTLS__CAP_SMTPUTF8);
    ck_assert(c.flags & MXTLS__CAP_CHUNKING);
    ck_assert(c.flags & MXTLS__CAP_AUTH);
    ck_assert_int_eq(c.size_limit, 10240000);
    ck_assert_uint_eq(c.n_auth, 3);
    ck_assert_str_eq(c.auth[0], "PLAIN");
    ck_assert_str_eq(c.auth[2], "LOGIN");
    ck_assert_int_eq(c.masked, 0);
    ck_assert_int_eq(c.malformed, 0);
}
END_TEST

START_TEST(ehlo_masked_and_malformed)
{
    struct mxtls__caps c;
    caps_of("250-mx.example\r\n250-PIPELINING\r\n250-XXXXXXXA\r\n250 XXXXB\r\n", &c);
    ck_assert_int_eq(c.masked, 2);
    ck_assert_int_eq(c.starttls_masked, 1);
    ck_assert(!(c.flags & MXTLS__CAP_STARTTLS));

    caps_of("250-PIPELINING\r\n250-STARTTLS\r\n250 mx.example Hello\r\n", &c);
    ck_assert_int_eq(c.malformed, 1);
    ck_assert(c.flags & MXTLS__CAP_STARTTLS);

    /* The greeting line's domain is never read as a capability. */
    caps_of("250-STARTTLS.example.com greets you\r\n250 SIZE\r\n", &c);
    ck_assert_int_eq(c.malformed, 0);
    ck_assert(!(c.flags & MXTLS__CAP_STARTTLS));
    ck_assert_int_eq(c.size_limit, 0);

    caps_of("250-x\r\n250 SIZE 99999999999999999999999\r\n", &c);
    ck_assert_int_eq(c.size_limit, -1);
}
END_TEST

START_TEST(sniff_first_bytes)
{
    ck_assert_int_eq(mxtls__sniff(NULL, 0), MXTLS__SEEN_SILENCE);
    ck_assert_int_eq(mxtls__sniff((const uint8_t *)"HTTP/1.1 400", 12), MXTLS__SEEN_HTTP);
    ck_assert_int_eq(mxtls__sniff((const uint8_t *)"\x15\x03\x03\x00\x02\x02\x2f", 7),
                     MXTLS__SEEN_TLS);
    ck_assert_int_eq(mxtls__sniff((const uint8_t *)"220 hi", 6), MXTLS__SEEN_SMTP);
    ck_assert_int_eq(mxtls__sniff((const uint8_t *)"\x00\x01\x02", 3), MXTLS__SEEN_BINARY);
    ck_assert_int_eq(mxtls__sniff((const uint8_t *)"SSH-2.0-OpenSSH\r\n", 17),
                     MXTLS__SEEN_TEXT);
}
END_TEST

/* Run the machine over a scripted server; collect what it sent. */
static enum mxtls__smtp_event feed_all(struct mxtls__smtp *s, const char *in,
                                       char *sent, size_t sentsz)
{
    size_t len = strlen(in), off = 0, used, n;
    enum mxtls__smtp_event ev = MXTLS__E_NEED_INPUT;
    while (off < len) {
        ev = mxtls__smtp_feed(s, (const uint8_t *)in + off, len - off, &used);
        off += used;
        const uint8_t *out = mxtls__smtp_output(s, &n);
        strncat(sent, (const char *)out, n < sentsz - strlen(sent) - 1 ? n : 0);
        mxtls__smtp_output_done(s, n);
        if (ev != MXTLS__E_NEED_INPUT && ev != MXTLS__E_BANNER &&
            ev != MXTLS__E_EHLO_REJECTED)
            break;
    }
    return ev;
}

START_TEST(dialogue_starttls)
{
    static struct mxtls__smtp s;
    char sent[1024] = "";
    ck_assert_int_eq(mxtls__smtp_init(&s, "probe.example"), 0);
    ck_assert_int_eq(feed_all(&s, "220 mx ESMTP\r\n250-mx\r\n250 STARTTLS\r\n", sent,
                              sizeof sent), MXTLS__E_GREETED);
    ck_assert_str_eq(sent, "EHLO probe.example\r\n");
    ck_assert(s.caps.flags & MXTLS__CAP_STARTTLS);
    ck_assert_int_eq(mxtls__smtp_starttls(&s), 0);
    ck_assert_int_eq(mxtls__smtp_starttls(&s), -1);   /* only once */
    sent[0] = '\0';
    size_t n;
    mxtls__smtp_output(&s, &n);
    ck_assert_uint_eq(n, 10);
    mxtls__smtp_output_done(&s, n);
    ck_assert_int_eq(feed_all(&s, "220 go ahead\r\n", sent, sizeof sent),
                     MXTLS__E_STARTTLS_GO);
    ck_assert_int_eq(mxtls__smtp_tls_started(&s), 0);
    ck_assert_int_eq(s.caps.flags, 0);                /* forgotten (RFC 3207) */
    mxtls__smtp_output(&s, &n);
    ck_assert_uint_eq(n, strlen("EHLO probe.example\r\n"));
    mxtls__smtp_output_done(&s, n);
    ck_assert_int_eq(feed_all(&s, "250-mx\r\n250 AUTH PLAIN\r\n", sent, sizeof sent),
                     MXTLS__E_TLS_GREETED);
    ck_assert_int_eq(mxtls__smtp_quit(&s), 0);
    const uint8_t *out = mxtls__smtp_output(&s, &n);
    ck_assert_int_eq(memcmp(out, "QUIT\r\n", 6), 0);
    mxtls__smtp_output_done(&s, n);
    ck_assert_int_eq(feed_all(&s, "221 bye\r\n", sent, sizeof sent), MXTLS__E_CLOSED);
}
END_TEST

START_TEST(dialogue_helo_fallback)
{
    static struct mxtls__smtp s;
    char sent[1024] = "";
    mxtls__smtp_init(&s, "probe.example");
    ck_assert_int_eq(feed_all(&s, "220 old\r\n502 no\r\n250 ok\r\n", sent, sizeof sent),
                     MXTLS__E_GREETED);
    ck_assert_str_eq(sent, "EHLO probe.example\r\nHELO probe.example\r\n");
    ck_assert_int_eq(s.used_helo, 1);
}
END_TEST

START_TEST(dialogue_rejections)
{
    static struct mxtls__smtp s;
    char sent[256] = "";
    mxtls__smtp_init(&s, "p");
    ck_assert_int_eq(feed_all(&s, "554 go away\r\n", sent, sizeof sent),
                     MXTLS__E_BANNER_REJECTED);
    ck_assert_str_eq(sent, "QUIT\r\n");
    mxtls__smtp_init(&s, "p");
    sent[0] = '\0';
    ck_assert_int_eq(feed_all(&s, "220 a\r\n421 busy\r\n", sent, sizeof sent),
                     MXTLS__E_GREET_FAILED);
    mxtls__smtp_init(&s, "p");
    ck_assert_int_eq(feed_all(&s, "220 a\r\n250 a\r\n", sent, sizeof sent),
                     MXTLS__E_GREETED);
    mxtls__smtp_starttls(&s);
    mxtls__smtp_output_done(&s, 100);
    ck_assert_int_eq(feed_all(&s, "454 4.7.0 TLS not available\r\n", sent, sizeof sent),
                     MXTLS__E_STARTTLS_REFUSED);
    ck_assert_int_eq(mxtls__smtp_last(&s)->code, 454);
    ck_assert_int_eq(s.state, MXTLS__S_IDLE);
}
END_TEST

START_TEST(dialogue_unsolicited_and_injection)
{
    static struct mxtls__smtp s;
    char sent[256] = "";
    size_t used;
    mxtls__smtp_init(&s, "p");
    feed_all(&s, "220 a\r\n250 a\r\n", sent, sizeof sent);
    /* A reply while idle is a protocol error. */
    ck_assert_int_eq(mxtls__smtp_feed(&s, (const uint8_t *)"250 x\r\n", 7, &used),
                     MXTLS__E_PROTOCOL_ERROR);
    ck_assert_int_eq(mxtls__smtp_quit(&s), -1);

    mxtls__smtp_init(&s, "p");
    feed_all(&s, "220 a\r\n250 a\r\n", sent, sizeof sent);
    mxtls__smtp_starttls(&s);
    const char *in = "220 go\r\n250 injected\r\n";
    ck_assert_int_eq(mxtls__smtp_feed(&s, (const uint8_t *)in, strlen(in), &used),
                     MXTLS__E_STARTTLS_GO);
    ck_assert_int_eq(mxtls__smtp_feed(&s, (const uint8_t *)in + used,
                                      strlen(in) - used, &used), MXTLS__E_NEED_INPUT);
    ck_assert_uint_eq(s.extra_after_starttls, strlen("250 injected\r\n"));
}
END_TEST

START_TEST(helo_name_checked)
{
    static struct mxtls__smtp s;
    static char longname[300];
    ck_assert_int_eq(mxtls__smtp_init(&s, "a b"), -1);
    ck_assert_int_eq(mxtls__smtp_init(&s, "a\r\nMAIL FROM:<x>"), -1);
    ck_assert_int_eq(mxtls__smtp_init(&s, ""), -1);
    ck_assert_int_eq(mxtls__smtp_init(&s, NULL), -1);
    memset(longname, 'a', 256);
    ck_assert_int_eq(mxtls__smtp_init(&s, longname), -1);
    ck_assert_int_eq(mxtls__smtp_init(&s, "[192.0.2.1]"), 0);
}
END_TEST

/* Whatever the server sends, the only commands ever produced are EHLO,
 * HELO, STARTTLS and QUIT. A crude deterministic fuzz over reply soup. */
START_TEST(never_sends_mail_commands)
{
    static struct mxtls__smtp s;
    static const char *pieces[] = {"220 a\r\n", "250 b\r\n", "502 c\r\n", "500-d\r\n",
                                   "220-e\r\n", "454 f\r\n", "221 g\r\n", "\x00",
                                   "HTTP/1.0 200\r\n", "250-", "\r\n", "334 h\r\n"};
    uint32_t x = 12345;
    for (int round = 0; round < 2000; round++) {
        mxtls__smtp_init(&s, "p");
        for (int step = 0; step < 12; step++) {
            x = x * 1103515245u + 12345u;
            const char *piece = pieces[(x >> 16) % (sizeof pieces / sizeof pieces[0])];
            size_t used, n;
            size_t len = piece[0] ? strlen(piece) : 1;
            (void)mxtls__smtp_feed(&s, (const uint8_t *)piece, len, &used);
            if ((x >> 8) & 1)
                (void)mxtls__smtp_starttls(&s);
            if ((x >> 9) & 1)
                (void)mxtls__smtp_tls_started(&s);
            const uint8_t *out = mxtls__smtp_output(&s, &n);
            for (size_t i = 0; i < n;) {
                const char *cmd = (const char *)out + i;
                ck_assert(!strncmp(cmd, "EHLO ", 5) || !strncmp(cmd, "HELO ", 5) ||
                          !strncmp(cmd, "STARTTLS\r\n", 10) || !strncmp(cmd, "QUIT\r\n", 6));
                const char *end = memchr(cmd, '\n', n - i);
                ck_assert_ptr_nonnull(end);
                i += (size_t)(end - cmd) + 1;
            }
            mxtls__smtp_output_done(&s, n);
        }
    }
}
END_TEST

/* issue 18: the session keeps the dialogue's exact bytes for --verbose:
 * consecutive reads (or writes) make one exchange, a turn makes a new one,
 * and past MXTLS__TRANSCRIPT_MAX bytes it stops and says it was cut. */
START_TEST(transcript_records_turns_up_to_the_cap)
{
    struct mxtls_session s;
    memset(&s, 0, sizeof s);
    static uint8_t big[6000];
    memset(big, 'x', sizeof big);
    mxtls__transcript_record(&s, MXTLS_EXCHANGE_RECEIVED, (const uint8_t *)"220 a", 5);
    mxtls__transcript_record(&s, MXTLS_EXCHANGE_RECEIVED, (const uint8_t *)"\r\n", 2);
    mxtls__transcript_record(&s, MXTLS_EXCHANGE_SENT, (const uint8_t *)"EHLO x\r\n", 8);
    size_t n = 0;
    const mxtls_exchange *const *items = NULL;
    int32_t cut = -1;
    ck_assert_int_eq(mxtls__transcript_take(&s, &n, &items, &cut), 0);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(cut, 0);
    ck_assert_uint_eq(items[0]->struct_size, sizeof(mxtls_exchange));
    ck_assert_int_eq(items[0]->direction, MXTLS_EXCHANGE_RECEIVED);
    ck_assert_uint_eq(items[0]->length, 7);
    ck_assert(memcmp(items[0]->data, "220 a\r\n", 7) == 0);
    ck_assert_int_eq(items[1]->direction, MXTLS_EXCHANGE_SENT);
    ck_assert_int_eq(items[1]->over_tls, 0);
    /* a second take starts a new list; the first is the caller's */
    mxtls__transcript_record(&s, MXTLS_EXCHANGE_RECEIVED, big, sizeof big);
    mxtls__transcript_record(&s, MXTLS_EXCHANGE_SENT, big, sizeof big);
    mxtls__transcript_record(&s, MXTLS_EXCHANGE_RECEIVED, big, 10);
    size_t n2 = 0;
    const mxtls_exchange *const *items2 = NULL;
    ck_assert_int_eq(mxtls__transcript_take(&s, &n2, &items2, &cut), 0);
    ck_assert_int_eq(cut, 1);
    ck_assert_uint_eq(n2, 2);
    ck_assert_uint_eq(items2[0]->length, sizeof big);
    ck_assert_uint_eq(7 + 8 + items2[0]->length + items2[1]->length, MXTLS__TRANSCRIPT_MAX);
    mxtls__exchanges_free(n, items);
    mxtls__exchanges_free(n2, items2);
    ck_assert_uint_eq(mxtls_transcript_max(), MXTLS__TRANSCRIPT_MAX);
}
END_TEST

static Suite *smtp_suite(void)
{
    Suite *s = suite_create("smtp");
    TCase *t = tcase_create("parser");
    tcase_add_test(t, reply_multiline);
    tcase_add_test(t, reply_bare_code_and_lf);
    tcase_add_test(t, reply_incremental_byte_by_byte);
    tcase_add_test(t, reply_errors);
    tcase_add_test(t, reply_line_limit);
    tcase_add_test(t, reply_line_and_byte_bounds);
    tcase_add_test(t, ehlo_capabilities);
    tcase_add_test(t, ehlo_masked_and_malformed);
    tcase_add_test(t, sniff_first_bytes);
    suite_add_tcase(s, t);
    t = tcase_create("dialogue");
    tcase_add_test(t, dialogue_starttls);
    tcase_add_test(t, dialogue_helo_fallback);
    tcase_add_test(t, dialogue_rejections);
    tcase_add_test(t, dialogue_unsolicited_and_injection);
    tcase_add_test(t, helo_name_checked);
    tcase_add_test(t, never_sends_mail_commands);
    tcase_add_test(t, transcript_records_turns_up_to_the_cap);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return mxtls_test_run(smtp_suite());
}
