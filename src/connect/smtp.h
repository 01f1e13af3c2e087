/* The SMTP client dialogue without I/O: bytes in, bytes and events out.
 *
 * Only what a TLS probe needs exists: banner, EHLO (HELO on 500/502),
 * STARTTLS, EHLO again over TLS, QUIT. The machine can only ever format
 * those commands, so the library cannot send AUTH, MAIL, RCPT or DATA.
 *
 * Everything here is a pure function over bounded buffers inside the
 * caller-owned struct: no allocation, no sockets, no clocks. The stage
 * functions drive it from a blocking loop; a batch engine can drive many
 * from one poll loop; a fuzzer can drive it with arbitrary server bytes.
 */
#ifndef MXTLS_SMTP_H
#define MXTLS_SMTP_H

#include <stddef.h>
#include <stdint.h>

/* RFC 5321 4.5.3.1.5: a reply line is at most 512 octets with its CRLF. */
#define MXTLS__SMTP_LINE_MAX 512
/* A reply longer than this is hostile or broken; Postfix's EHLO is ~15. */
#define MXTLS__SMTP_REPLY_LINES_MAX 64
#define MXTLS__SMTP_REPLY_TEXT_MAX 8192
/* RFC 5321 4.5.3.1.2: a domain is at most 255 octets. */
#define MXTLS__SMTP_HELO_MAX 255
#define MXTLS__SMTP_AUTH_MAX 16
#define MXTLS__SMTP_KEYWORD_MAX 64

/* Why a reply was rejected. Values match the public MXTLS_REPLY_* ones. */
enum mxtls__reply_error {
    MXTLS__REPLY_OK = 0,
    MXTLS__REPLY_LINE_TOO_LONG = 1,
    MXTLS__REPLY_TOO_MANY_LINES = 2,
    MXTLS__REPLY_TOO_BIG = 3,
    MXTLS__REPLY_BAD_SYNTAX = 4,
    MXTLS__REPLY_CODE_MISMATCH = 5,
    MXTLS__REPLY_NUL = 6
};

/* One complete reply: the code and each line's text after "ddd-". */
struct mxtls__reply {
    int code;
    size_t n_lines;
    uint16_t line_off[MXTLS__SMTP_REPLY_LINES_MAX];
    uint16_t line_len[MXTLS__SMTP_REPLY_LINES_MAX];
    char text[MXTLS__SMTP_REPLY_TEXT_MAX];   /* lines, each NUL-terminated */
    size_t text_len;
};

/* Incremental reply parser. Zero it (or call _reset) before each reply. */
struct mxtls__reply_parser {
    struct mxtls__reply reply;
    char line[MXTLS__SMTP_LINE_MAX];
    size_t line_len;
    int done;                     /* a whole reply is in .reply */
    enum mxtls__reply_error error;
};

void mxtls__reply_reset(struct mxtls__reply_parser *p);

/* Feed server bytes. Consumes up to the end of the reply (or the byte that
 * broke the rules) and returns how many bytes it used; the rest belong to
 * whatever comes next. Check p->done and p->error afterwards. */
size_t mxtls__reply_feed(struct mxtls__reply_parser *p, const uint8_t *data,
                         size_t len);

/* Line i's text (NUL-terminated), or "" when out of range. */
const char *mxtls__reply_line(const struct mxtls__reply *r, size_t i);

/* Parsed EHLO capabilities (RFC 5321 4.1.1.1 and the extensions' RFCs). */
enum {
    MXTLS__CAP_STARTTLS = 1u << 0,
    MXTLS__CAP_PIPELINING = 1u << 1,
    MXTLS__CAP_8BITMIME = 1u << 2,
    MXTLS__CAP_SMTPUTF8 = 1u << 3,
    MXTLS__CAP_CHUNKING = 1u << 4,
    MXTLS__CAP_SIZE = 1u << 5,
    MXTLS__CAP_AUTH = 1u << 6,
    MXTLS__CAP_ENHANCEDSTATUSCODES = 1u << 7,
    MXTLS__CAP_DSN = 1u << 8,
    MXTLS__CAP_REQUIRETLS = 1u << 9
};

struct mxtls__caps {
    unsigned flags;               /* MXTLS__CAP_* */
    int64_t size_limit;           /* SIZE argument; 0 = none given; -1 = bad */
    size_t n_auth;
    char auth[MXTLS__SMTP_AUTH_MAX][MXTLS__SMTP_KEYWORD_MAX];
    int masked;                   /* lines masked by a firewall (XXXXXXXA) */
    int starttls_masked;          /* the mask Cisco uses for STARTTLS */
    int malformed;                /* the greeting line is not first */
};

/* Parse a 250 EHLO reply. Pure; never fails (odd lines are just counted). */
void mxtls__ehlo_parse(const struct mxtls__reply *r, struct mxtls__caps *caps);

/* What the first bytes of a non-reply look like (public MXTLS_SEEN_*). */
enum mxtls__seen {
    MXTLS__SEEN_NOTHING = 0,
    MXTLS__SEEN_SILENCE = 1,
    MXTLS__SEEN_HTTP = 2,
    MXTLS__SEEN_TLS = 3,
    MXTLS__SEEN_BINARY = 4,
    MXTLS__SEEN_TEXT = 5,
    MXTLS__SEEN_SMTP = 6
};
enum mxtls__seen mxtls__sniff(const uint8_t *data, size_t len);

/* ---- the dialogue ------------------------------------------------------- */

enum mxtls__smtp_state {
    MXTLS__S_BANNER = 0,   /* waiting for 220 */
    MXTLS__S_EHLO,
    MXTLS__S_HELO,
    MXTLS__S_IDLE,         /* greeted; the driver decides what is next */
    MXTLS__S_STARTTLS,
    MXTLS__S_TLS,          /* 220 to STARTTLS: the driver does the handshake */
    MXTLS__S_EHLO_TLS,
    MXTLS__S_QUIT,
    MXTLS__S_DONE,         /* QUIT answered, or the server said goodbye */
    MXTLS__S_FAILED        /* the server broke the protocol */
};

enum mxtls__smtp_event {
    MXTLS__E_NEED_INPUT = 0,  /* give me more bytes */
    MXTLS__E_BANNER,          /* 220 banner; EHLO is queued */
    MXTLS__E_BANNER_REJECTED, /* banner code other than 220; QUIT queued */
    MXTLS__E_EHLO_REJECTED,   /* 500/502; HELO queued */
    MXTLS__E_GREETED,         /* EHLO/HELO accepted; state IDLE */
    MXTLS__E_GREET_FAILED,    /* EHLO/HELO refused otherwise; QUIT queued */
    MXTLS__E_STARTTLS_GO,     /* 220: start the TLS handshake now */
    MXTLS__E_STARTTLS_REFUSED,/* anything else; state IDLE */
    MXTLS__E_TLS_GREETED,     /* EHLO after TLS accepted */
    MXTLS__E_TLS_GREET_FAILED,
    MXTLS__E_CLOSED,          /* QUIT answered */
    MXTLS__E_PROTOCOL_ERROR   /* reply broke the rules; see .parser.error */
};

#define MXTLS__SMTP_OUT_MAX (MXTLS__SMTP_HELO_MAX + 16)

struct mxtls__smtp {
    enum mxtls__smtp_state state;
    enum mxtls__smtp_state failed_in;  /* the state a protocol error hit */
    char helo[MXTLS__SMTP_HELO_MAX + 1];
    int used_helo;                     /* EHLO was refused, HELO used */
    /* The reply being read; once an event is returned, the last complete
     * reply, valid until the next feed (kept in place, not copied: a batch
     * engine holds thousands of these). */
    struct mxtls__reply_parser parser;
    struct mxtls__caps caps;           /* from the last EHLO */
    char out[MXTLS__SMTP_OUT_MAX];     /* bytes to send */
    size_t out_len;
    size_t extra_after_starttls;       /* bytes that followed 220 to STARTTLS */
};

/* Start a dialogue. helo_name must be a printable ASCII name without spaces,
 * at most 255 octets; returns 0, or -1 if it is not. */
int mxtls__smtp_init(struct mxtls__smtp *s, const char *helo_name);

/* Feed server bytes; *used says how many were consumed. Call again with the
 * rest while the event is not NEED_INPUT. */
enum mxtls__smtp_event mxtls__smtp_feed(struct mxtls__smtp *s, const uint8_t *data,
                                        size_t len, size_t *used);

/* The reply behind the last event (valid until the next feed). */
static inline const struct mxtls__reply *mxtls__smtp_last(const struct mxtls__smtp *s)
{
    return &s->parser.reply;
}

/* Commands the driver asks for; each returns -1 in the wrong state. */
int mxtls__smtp_starttls(struct mxtls__smtp *s);
int mxtls__smtp_tls_started(struct mxtls__smtp *s);  /* queues EHLO again */
int mxtls__smtp_quit(struct mxtls__smtp *s);

/* Pending output: the driver writes it, then marks it written. */
const uint8_t *mxtls__smtp_output(const struct mxtls__smtp *s, size_t *len);
void mxtls__smtp_output_done(struct mxtls__smtp *s, size_t n);

#endif
