/* Write the JSON of each hand-built sample report to DIR/NAME.json (plain)
 * and DIR/NAME-full.json (pretty, with transcripts), for the schema test
 * (tests/python/test_report_schema.py), and its HTML page to DIR/NAME.html
 * (tests/python/test_html.py). Links the shared library. */
#include <stdio.h>
#include <stdlib.h>

#include <mxtls/mxtls.h>

#include "report-samples.h"

static int dump(const char *dir, const char *name, const char *suffix,
                const mxtls_report *r, uint32_t flags)
{
    char path[4096];
    mxtls_buffer *b = NULL;
    int html = suffix[0] == '.';
    mxtls_status s = html ? mxtls_report_html(r, flags, &b) : mxtls_report_json(r, flags, &b);
    if (s != MXTLS_OK) {
        fprintf(stderr, "report-dump: %s: %s\n", name, mxtls_status_name(s));
        return -1;
    }
    snprintf(path, sizeof path, "%s/%s%s%s", dir, name, suffix, html ? "" : ".json");
    FILE *f = fopen(path, "w");
    int ok = f != NULL && fwrite(b->data, 1, b->length, f) == b->length;
    if (f != NULL && fclose(f) != 0)
        ok = 0;
    mxtls_buffer_free(b);
    if (!ok)
        perror(path);
    return ok ? 0 : -1;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: report-dump DIR\n");
        return 2;
    }
    for (int i = 0; i < SAMPLE_COUNT; i++) {
        const char *name = NULL;
        const mxtls_report *r = sample_report(i, &name);
        if (dump(argv[1], name, "", r, 0) != 0 ||
            dump(argv[1], name, "-full", r, MXTLS_RENDER_PRETTY | MXTLS_RENDER_TRANSCRIPT) != 0 ||
            dump(argv[1], name, ".html", r, 0) != 0)
            return 1;
    }
    return 0;
}
