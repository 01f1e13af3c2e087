/* mxtls-explain: what a pasted TLS error means, and how to find out for sure.
 *
 *   mxtls-explain 'TLS Negotiation failed: FAILED_PRECONDITION: starttls error (71): ...'
 *   some-command 2>&1 | mxtls-explain -
 *
 * Reads the text from the arguments (joined by spaces) or, with "-", from
 * standard input (at most 64 KiB are read). No network I/O. Exit status: 0 when
 * the text was recognised, 1 when it was not, 2 for bad usage, 3 when the
 * library failed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mxtls/mxtls.h>

#define INPUT_MAX 65536

static char *read_stdin(void)
{
    char *text = malloc(INPUT_MAX + 1);
    if (text == NULL)
        return NULL;
    size_t n = fread(text, 1, INPUT_MAX, stdin);
    text[n] = '\0';
    return text;
}

static char *join_args(int argc, char **argv)
{
    size_t len = 1;
    for (int i = 1; i < argc; i++)
        len += strlen(argv[i]) + 1;
    char *text = malloc(len);
    if (text == NULL)
        return NULL;
    text[0] = '\0';
    for (int i = 1; i < argc; i++) {
        strcat(text, argv[i]);
        if (i + 1 < argc)
            strcat(text, " ");
    }
    return text;
}

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0) {
        fprintf(stderr, "usage: mxtls-explain 'ERROR TEXT' | mxtls-explain -\n");
        return 2;
    }
    char *text = strcmp(argv[1], "-") == 0 ? read_stdin() : join_args(argc, argv);
    mxtls_explanation *e = NULL;
    mxtls_buffer *out = NULL;
    int status = text ? (int)mxtls_explain(NULL, text, &e) : MXTLS_ENOMEM;
    if (status == MXTLS_OK)
        status = mxtls_explanation_text(e, &out);
    if (status != MXTLS_OK) {
        fprintf(stderr, "mxtls-explain: %s\n", mxtls_strerror(status));
        free(text);
        mxtls_explanation_free(e);
        return 3;
    }
    fputs(out->data, stdout);
    int rc = e->recognised ? 0 : 1;
    mxtls_buffer_free(out);
    mxtls_explanation_free(e);
    free(text);
    return rc;
}
