/* mxtls-check --explain -: a text from standard input reaches the library
 * as the UTF-8 string it means, whatever tool saved it
 * (examples/mxtls-check-stdin.c). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../examples/mxtls-check-stdin.h"
#include "testlib.h"

#define MAX 64

/* data[0..n) as UTF-16 little- or big-endian code units of ASCII text s. */
static size_t utf16(const char *s, int big, unsigned char *out)
{
    size_t n = 0;
    for (; *s; s++) {
        out[n + (big ? 1 : 0)] = (unsigned char)*s;
        out[n + (big ? 0 : 1)] = 0;
        n += 2;
    }
    return n;
}

static char *from(const void *data, size_t n)
{
    char *t = stdin_text_from(data, n, MAX);
    ck_assert_ptr_nonnull(t);
    return t;
}

START_TEST(utf8_passes_and_nul_octets_become_blanks)
{
    char *t = from("alert\0number 47", 15);
    ck_assert_str_eq(t, "alert number 47");
    free(t);
    t = from("", 0);
    ck_assert_str_eq(t, "");
    free(t);
    /* Near miss: UTF-8 text with a few zero octets is not taken for UTF-16. */
    t = from("ab\0cdefgh\0ijklmnop", 18);
    ck_assert_str_eq(t, "ab cdefgh ijklmnop");
    free(t);
}
END_TEST

START_TEST(utf16_with_and_without_a_mark)
{
    unsigned char buf[256];
    for (int big = 0; big <= 1; big++) {
        size_t n = utf16("SSL alert number 47", big, buf + 2);
        char *t = from(buf + 2, n);          /* no mark: sniffed */
        ck_assert_str_eq(t, "SSL alert number 47");
        free(t);
        buf[0] = big ? 0xfe : 0xff;
        buf[1] = big ? 0xff : 0xfe;
        t = from(buf, n + 2);                 /* with the mark */
        ck_assert_str_eq(t, "SSL alert number 47");
        free(t);
    }
    /* a trailing odd octet is dropped; a short text is taken as it is */
    buf[0] = 0xff, buf[1] = 0xfe, buf[2] = 'a', buf[3] = 0, buf[4] = 'b';
    char *t = from(buf, 5);
    ck_assert_str_eq(t, "a");
    free(t);
}
END_TEST

START_TEST(utf16_beyond_ascii)
{
    /* U+2019 (a typographic apostrophe), a surrogate pair (U+1F600), and a
     * lone high surrogate at the end: U+FFFD. */
    static const unsigned char le[] = {0xff, 0xfe, 'n', 0, 0x19, 0x20, 't', 0,
                                       0x3d, 0xd8, 0x00, 0xde, 0x3d, 0xd8};
    char *t = from(le, sizeof le);
    ck_assert_str_eq(t, "n\xe2\x80\x99t\xf0\x9f\x98\x80\xef\xbf\xbd");
    free(t);
}
END_TEST

/* The library tells a cut text by its length: exactly MAX octets are a
 * whole text, more are one octet or more beyond MAX. */
START_TEST(a_longer_text_stays_longer_than_max)
{
    char text[2 * MAX];
    unsigned char buf[4 * MAX + 8];
    for (size_t len = MAX - 1; len <= MAX + 2; len++) {
        memset(text, 'z', len);
        text[len] = '\0';
        char *t = from(text, len);
        ck_assert_uint_eq(strlen(t), len <= MAX ? len : MAX + 1);
        free(t);
        size_t n = utf16(text, 0, buf);
        t = from(buf, n);
        ck_assert_uint_eq(strlen(t), len <= MAX ? len : MAX + 1);
        free(t);
    }
    /* three-octet characters: the cut still leaves more than MAX octets */
    size_t n = 2;
    buf[0] = 0xff, buf[1] = 0xfe;
    for (int i = 0; i < MAX; i++, n += 2)
        buf[n] = 0x19, buf[n + 1] = 0x20;   /* U+2019 little-endian */
    char *t = from(buf, n);
    ck_assert_uint_gt(strlen(t), MAX);
    ck_assert_uint_eq(strlen(t) % 3, 0);    /* whole characters only */
    free(t);
}
END_TEST

static Suite *cli_stdin_suite(void)
{
    Suite *s = suite_create("cli-stdin");
    TCase *tc = tcase_create("cli-stdin");
    tcase_add_test(tc, utf8_passes_and_nul_octets_become_blanks);
    tcase_add_test(tc, utf16_with_and_without_a_mark);
    tcase_add_test(tc, utf16_beyond_ascii);
    tcase_add_test(tc, a_longer_text_stays_longer_than_max);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return mxtls_test_run(cli_stdin_suite());
}
