/* The findings catalogue: for every finding code, its id, default severity,
 * stage, and the texts a mail admin reads. Texts are templates: "{host}" is
 * replaced by a fact, "{host|the mail server}" falls back to the words after
 * '|' when the fact is unknown. Variables: host, address, port, domain,
 * names, sni, alert, detail, date, sender, recursion, target, vantage,
 * check. The wording lives here, as data, and nowhere else. */
#ifndef MXTLS_CATALOG_H
#define MXTLS_CATALOG_H

#include <stddef.h>
#include <stdint.h>

#define MXTLS__MAX_REMEDIES 8
#define MXTLS__MAX_REFERENCES 6

struct mxtls__catalog_entry {
    int32_t code;        /* MXTLS_F_* */
    const char *id;      /* "cert.self-signed" */
    int32_t severity;    /* MXTLS_SEVERITY_* by default */
    int32_t stage;       /* MXTLS_STAGE_* */
    int32_t about;       /* MXTLS_ABOUT_*: 0, the target, unless set */
    const char *summary; /* template, one line */
    const char *explanation; /* template; says what senders show (Gmail's words) */
    const char *remedies[MXTLS__MAX_REMEDIES];     /* templates, NULL-terminated */
    const char *references[MXTLS__MAX_REFERENCES]; /* NULL-terminated */
};

/* Facts a template may name; NULL members use the template's fallback. */
struct mxtls__vars {
    const char *host;    /* the host concerned: "mx1.example.com" */
    const char *address; /* "192.0.2.7" */
    const char *port;    /* "25" */
    const char *domain;  /* the mail domain: "example.com" */
    const char *names;   /* names a certificate carries: "mail.example.com, example.com" */
    const char *sni;     /* the SNI name sent */
    const char *alert;   /* "47 (illegal_parameter)" */
    const char *detail;  /* a library's own message, or a reply text */
    const char *date;    /* "2026-01-31" */
    const char *sender;  /* "Gmail" or "the sending server" */
    const char *recursion; /* a sentence of ours: whether resolving from the
                              root works from here (resolver findings) */
    const char *target;  /* what was checked: the domain, or the submission host */
    const char *vantage; /* where the connections were made from, in our
                            words: "the network this check runs from" (a
                            check); NULL in mxtls_explain(), whose text
                            comes from somewhere else */
    const char *check;   /* mxtls-check's arguments to check it again:
                            "example.com", "--submission smtp.example.com" */
};

const struct mxtls__catalog_entry *mxtls__catalog_find(int32_t code);
const struct mxtls__catalog_entry *mxtls__catalog_find_id(const char *id);
size_t mxtls__catalog_count(void);
const struct mxtls__catalog_entry *mxtls__catalog_at(size_t index);

#endif
