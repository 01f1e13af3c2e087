/* mxtls-check --html: see mxtls-check-html.h and doc/mxtls-check.1. */
#define _POSIX_C_SOURCE 200809L
#include "mxtls-check-html.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define PROG "mxtls-check"

static int write_buffer(const char *path, const mxtls_buffer *b)
{
    FILE *f = fopen(path, "w");
    int ok = f != NULL && fwrite(b->data, 1, b->length, f) == b->length;
    if (f != NULL && fclose(f) != 0)
        ok = 0;
    if (!ok)
        fprintf(stderr, PROG ": --html: cannot write %s: %s\n", path, strerror(errno));
    return ok ? 0 : -1;
}

int html_write_report(const char *path, const mxtls_report *report)
{
    mxtls_buffer *b = NULL;
    mxtls_status s = mxtls_report_html(report, 0, &b);
    if (s != MXTLS_OK) {
        fprintf(stderr, PROG ": --html: cannot render the report: %s\n", mxtls_strerror(s));
        return -1;
    }
    int rc = write_buffer(path, b);
    mxtls_buffer_free(b);
    return rc;
}

struct html_batch {
    char *path;
    char *dir;         /* the targets' pages */
    const char *link;  /* dir as the summary links it: its last component */
    unsigned long n;
    mxtls_summary *summary;
};

struct html_batch *html_batch_open(const char *path)
{
    struct html_batch *hb = calloc(1, sizeof *hb);
    size_t len = strlen(path);
    if (len > 5 && strcmp(path + len - 5, ".html") == 0)
        len -= 5;
    if (hb == NULL || (hb->path = strdup(path)) == NULL ||
        (hb->dir = malloc(len + sizeof "-targets")) == NULL ||
        mxtls_summary_new(&hb->summary) != MXTLS_OK) {
        fprintf(stderr, PROG ": out of memory\n");
        html_batch_close(hb);
        return NULL;
    }
    memcpy(hb->dir, path, len);
    strcpy(hb->dir + len, "-targets");
    const char *slash = strrchr(hb->dir, '/');
    hb->link = slash ? slash + 1 : hb->dir;
    if (mkdir(hb->dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, PROG ": --html: cannot make %s: %s\n", hb->dir, strerror(errno));
        free(hb->path);
        hb->path = NULL; /* nothing to write at close */
        html_batch_close(hb);
        return NULL;
    }
    return hb;
}

int html_batch_add(struct html_batch *hb, const char *target, const mxtls_report *report)
{
    char file[4096], link[512];
    hb->n++;
    int rc = 0;
    if (report != NULL) {
        snprintf(file, sizeof file, "%s/%lu.html", hb->dir, hb->n);
        snprintf(link, sizeof link, "%s/%lu.html", hb->link, hb->n);
        rc = html_write_report(file, report);
    }
    mxtls_status s = mxtls_summary_add(hb->summary, target, report,
                                       report != NULL && rc == 0 ? link : NULL);
    if (s != MXTLS_OK) {
        fprintf(stderr, PROG ": --html: %s\n", mxtls_strerror(s));
        rc = -1;
    }
    return rc;
}

int html_batch_close(struct html_batch *hb)
{
    if (hb == NULL)
        return 0;
    int rc = 0;
    if (hb->path != NULL && hb->summary != NULL) {
        mxtls_buffer *b = NULL;
        mxtls_status s = mxtls_summary_html(hb->summary, 0, &b);
        if (s != MXTLS_OK) {
            fprintf(stderr, PROG ": --html: cannot render the summary: %s\n",
                    mxtls_strerror(s));
            rc = -1;
        } else
            rc = write_buffer(hb->path, b);
        mxtls_buffer_free(b);
    }
    mxtls_summary_free(hb->summary);
    free(hb->path);
    free(hb->dir);
    free(hb);
    return rc;
}
