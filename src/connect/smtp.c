/* SMTP client dialogue and reply parsing, without I/O. See smtp.h. */
#include "smtp.h"

#include <string.h>

/* ---- reply parser (RFC 5321 4.2) ---------------------------------------- */

void mxtls__reply_reset(struct mxtls__reply_parser *p)
{
    p->reply.code = 0;
    p->reply.n_lines = 0;
    p->reply.text_len = 0;
    p->line_len = 0;
    p->done = 0;
    p->error = MXTLS__REPLY_OK;
}

static int is_digit(uint8_t c)
{
    return c >= '0' && c <= '9';
}

/* Reply-code = %x32-35 %x30-35 %x30-39 (RFC 5321 4.2). */
static int reply_code(const char *l, size_t n)
{
    if (n < 3 || l[0] < '2' || l[0] > '5' || l[1] < '0' || l[1] > '5' ||
        !is_digit((uint8_t)l[2]))
        return -1;
    return (l[0] - '0') * 100 + (l[1] - '0') * 10 + (l[2] - '0');
}

/* Bytes allowed in reply text: HT, printable ASCII, and octets >= 0x80
 * (servers do send UTF-8 banners; RFC 6531 allows it). */
static enum mxtls__reply_error check_text(const char *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint8_t c = (uint8_t)t[i];
        if (c == 0)
            return MXTLS__REPLY_NUL;
        if (c < 0x20 && c != '\t')
            return MXTLS__REPLY_BAD_SYNTAX;
        if (c == 0x7f)
            return MXTLS__REPLY_BAD_SYNTAX;
    }
    return MXTLS__REPLY_OK;
}

/* Store the text after the code of one line; returns an error or OK. */
static enum mxtls__reply_error store_line(struct mxtls__reply *r, const char *t,
                                          size_t n)
{
    if (r->n_lines >= MXTLS__SMTP_REPLY_LINES_MAX)
        return MXTLS__REPLY_TOO_MANY_LINES;
    if (r->text_len + n + 1 > sizeof r->text)
        return MXTLS__REPLY_TOO_BIG;
    memcpy(r->text + r->text_len, t, n);
    r->text[r->text_len + n] = '\0';
    r->line_off[r->n_lines] = (uint16_t)r->text_len;
    r->line_len[r->n_lines] = (uint16_t)n;
    r->n_lines++;
    r->text_len += n + 1;
    return MXTLS__REPLY_OK;
}

/* One complete line (CRLF stripped): check it, store it, see if it ends
 * the reply. */
static void finish_line(struct mxtls__reply_parser *p)
{
    const char *l = p->line;
    size_t n = p->line_len;
    p->line_len = 0;
    int code = reply_code(l, n);
    if (code < 0 || (n > 3 && l[3] != ' ' && l[3] != '-')) {
        p->error = memchr(l, '\0', n) ? MXTLS__REPLY_NUL : MXTLS__REPLY_BAD_SYNTAX;
        return;
    }
    if (p->reply.n_lines > 0 && code != p->reply.code) {
        p->error = MXTLS__REPLY_CODE_MISMATCH;
        return;
    }
    p->reply.code = code;
    size_t skip = n > 3 ? 4 : 3;
    enum mxtls__reply_error e = check_text(l + skip, n - skip);
    if (e == MXTLS__REPLY_OK)
        e = store_line(&p->reply, l + skip, n - skip);
    p->error = e;
    if (e == MXTLS__REPLY_OK && (n == 3 || l[3] == ' '))
        p->done = 1;
}

size_t mxtls__reply_feed(struct mxtls__reply_parser *p, const uint8_t *data,
                         size_t len)
{
    size_t i = 0;
    while (i < len && !p->done && p->error == MXTLS__REPLY_OK) {
        uint8_t c = data[i++];
        if (c == 0) {
            p->error = MXTLS__REPLY_NUL;   /* no reply holds one: stop now */
            break;
        }
        if (c == '\n') {
            /* CRLF is the rule; a bare LF is tolerated as Postfix does. */
            if (p->line_len > 0 && p->line[p->line_len - 1] == '\r')
                p->line_len--;
            finish_line(p);
            continue;
        }
        /* The limit counts CRLF, so 510 octets of content plus CR. */
        if (p->line_len >= MXTLS__SMTP_LINE_MAX - 1) {
            p->error = MXTLS__REPLY_LINE_TOO_LONG;
            break;
        }
        p->line[p->line_len++] = (char)c;
    }
    return i;
}

const char *mxtls__reply_line(const struct mxtls__reply *r, size_t i)
{
    return i < r->n_lines ? r->text + r->line_off[i] : "";
}

/* ---- EHLO capabilities -------------------------------------------------- */

static int ieq_prefix(const char *s, size_t n, const char *kw)
{
    size_t k = strlen(kw);
    if (n != k)
        return 0;
    for (size_t i = 0; i < k; i++) {
        char a = s[i], b = kw[i];
        if (a >= 'a' && a <= 'z')
            a = (char)(a - 32);
        if (a != b)
            return 0;
    }
    return 1;
}

static const struct {
    const char *kw;
    unsigned flag;
} KNOWN_CAPS[] = {
    {"STARTTLS", MXTLS__CAP_STARTTLS},
    {"PIPELINING", MXTLS__CAP_PIPELINING},
    {"8BITMIME", MXTLS__CAP_8BITMIME},
    {"SMTPUTF8", MXTLS__CAP_SMTPUTF8},
    {"CHUNKING", MXTLS__CAP_CHUNKING},
    {"SIZE", MXTLS__CAP_SIZE},
    {"AUTH", MXTLS__CAP_AUTH},
    {"ENHANCEDSTATUSCODES", MXTLS__CAP_ENHANCEDSTATUSCODES},
    {"DSN", MXTLS__CAP_DSN},
    {"REQUIRETLS", MXTLS__CAP_REQUIRETLS},
};

static unsigned known_cap(const char *kw, size_t n)
{
    for (size_t i = 0; i < sizeof KNOWN_CAPS / sizeof KNOWN_CAPS[0]; i++)
        if (ieq_prefix(kw, n, KNOWN_CAPS[i].kw))
            return KNOWN_CAPS[i].flag;
    return 0;
}

/* A firewall's SMTP "fixup" overwrites a keyword with X's, keeping its
 * length and, in Cisco's case, a last letter: STARTTLS becomes XXXXXXXA. */
static int is_masked(const char *kw, size_t n)
{
    size_t x = 0;
    while (x < n && kw[x] == 'X')
        x++;
    return x >= 4 && (x == n || (x + 1 == n && kw[x] >= 'A' && kw[x] <= 'Z'));
}

static int64_t parse_size(const char *arg, size_t n)
{
    int64_t v = 0;
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_digit((uint8_t)arg[i]) || v > (INT64_MAX - 9) / 10)
            return -1;
        v = v * 10 + (arg[i] - '0');
    }
    return v;
}

/* AUTH mech mech ... (RFC 4954); also the old "AUTH=mech" form. */
static void parse_auth(struct mxtls__caps *caps, const char *args)
{
    const char *p = args;
    while (*p && caps->n_auth < MXTLS__SMTP_AUTH_MAX) {
        while (*p == ' ' || *p == '=')
            p++;
        size_t n = strcspn(p, " ");
        if (n == 0)
            break;
        if (n < MXTLS__SMTP_KEYWORD_MAX) {
            memcpy(caps->auth[caps->n_auth], p, n);
            caps->auth[caps->n_auth][n] = '\0';
            caps->n_auth++;
        }
        p += n;
    }
}

static void parse_cap_line(struct mxtls__caps *caps, const char *line)
{
    size_t kwlen = strcspn(line, " =");
    const char *args = line + kwlen;
    unsigned flag = known_cap(line, kwlen);
    caps->flags |= flag;
    if (flag == MXTLS__CAP_SIZE)
        caps->size_limit = parse_size(args + (*args ? 1 : 0), strlen(args + (*args ? 1 : 0)));
    else if (flag == MXTLS__CAP_AUTH)
        parse_auth(caps, args);
    if (is_masked(line, kwlen)) {
        caps->masked++;
        if (kwlen == 8 && line[7] == 'A')
            caps->starttls_masked = 1;
    }
}

void mxtls__ehlo_parse(const struct mxtls__reply *r, struct mxtls__caps *caps)
{
    memset(caps, 0, sizeof *caps);
    if (r->n_lines == 0)
        return;
    /* Line 0 is the greeting (domain [text]); a known keyword there means
     * the server put capabilities before it (RFC 5321 4.1.1.1). */
    const char *first = mxtls__reply_line(r, 0);
    if (known_cap(first, strcspn(first, " =")) || is_masked(first, strcspn(first, " ")))
        caps->malformed = 1;
    for (size_t i = caps->malformed ? 0 : 1; i < r->n_lines; i++)
        parse_cap_line(caps, mxtls__reply_line(r, i));
}

/* ---- what a non-reply looks like ---------------------------------------- */

/* "ddd " / "ddd-", or as much of it as has arrived (a trickled banner). */
static int smtp_prefix(const uint8_t *d, size_t n)
{
    static const char lo[] = "200 ", hi[] = "559-";
    for (size_t i = 0; i < n && i < 4; i++) {
        if (i == 3 ? d[i] != ' ' && d[i] != '-' : d[i] < lo[i] || d[i] > hi[i])
            return 0;
    }
    return 1;
}

enum mxtls__seen mxtls__sniff(const uint8_t *d, size_t n)
{
    if (n == 0)
        return MXTLS__SEEN_SILENCE;
    if (n >= 5 && !memcmp(d, "HTTP/", 5))
        return MXTLS__SEEN_HTTP;
    /* A TLS record: content type 20..24, version major 3. */
    if (n >= 2 && d[0] >= 20 && d[0] <= 24 && d[1] == 3)
        return MXTLS__SEEN_TLS;
    if (smtp_prefix(d, n))
        return MXTLS__SEEN_SMTP;
    for (size_t i = 0; i < n; i++)
        if ((d[i] < 0x20 && d[i] != '\r' && d[i] != '\n' && d[i] != '\t') || d[i] == 0x7f)
            return MXTLS__SEEN_BINARY;
    return MXTLS__SEEN_TEXT;
}

/* ---- the dialogue ------------------------------------------------------- */

static int queue_cmd(struct mxtls__smtp *s, const char *verb, const char *arg)
{
    size_t v = strlen(verb), a = arg ? strlen(arg) : 0;
    if (s->out_len + v + (a ? a + 1 : 0) + 2 > sizeof s->out)
        return -1;
    memcpy(s->out + s->out_len, verb, v);
    s->out_len += v;
    if (a) {
        s->out[s->out_len++] = ' ';
        memcpy(s->out + s->out_len, arg, a);
        s->out_len += a;
    }
    memcpy(s->out + s->out_len, "\r\n", 2);
    s->out_len += 2;
    return 0;
}

/* A HELO name goes on the wire verbatim: no spaces or controls that could
 * smuggle a second command, and RFC 5321's length limit. */
static int valid_helo(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > MXTLS__SMTP_HELO_MAX)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((uint8_t)name[i] <= 0x20 || (uint8_t)name[i] >= 0x7f)
            return 0;
    return 1;
}

int mxtls__smtp_init(struct mxtls__smtp *s, const char *helo_name)
{
    memset(s, 0, sizeof *s);
    if (!helo_name || !valid_helo(helo_name))
        return -1;
    memcpy(s->helo, helo_name, strlen(helo_name) + 1);
    s->state = MXTLS__S_BANNER;
    mxtls__reply_reset(&s->parser);
    return 0;
}

static enum mxtls__smtp_event on_banner(struct mxtls__smtp *s)
{
    if (s->parser.reply.code != 220) {
        queue_cmd(s, "QUIT", NULL);
        s->state = MXTLS__S_QUIT;
        return MXTLS__E_BANNER_REJECTED;
    }
    queue_cmd(s, "EHLO", s->helo);
    s->state = MXTLS__S_EHLO;
    return MXTLS__E_BANNER;
}

static enum mxtls__smtp_event on_greet(struct mxtls__smtp *s, int tls)
{
    int code = s->parser.reply.code;
    if (code == 250) {
        if (s->used_helo)
            memset(&s->caps, 0, sizeof s->caps);
        else
            mxtls__ehlo_parse(&s->parser.reply, &s->caps);
        s->state = MXTLS__S_IDLE;
        return tls ? MXTLS__E_TLS_GREETED : MXTLS__E_GREETED;
    }
    /* 500/502: no ESMTP here (RFC 5321 4.1.4 says fall back to HELO). */
    if ((code == 500 || code == 502) && s->state != MXTLS__S_HELO) {
        queue_cmd(s, "HELO", s->helo);
        s->used_helo = 1;
        s->state = MXTLS__S_HELO;
        return MXTLS__E_EHLO_REJECTED;
    }
    queue_cmd(s, "QUIT", NULL);
    s->state = MXTLS__S_QUIT;
    return tls ? MXTLS__E_TLS_GREET_FAILED : MXTLS__E_GREET_FAILED;
}

static enum mxtls__smtp_event on_reply(struct mxtls__smtp *s)
{
    switch (s->state) {
    case MXTLS__S_BANNER:
        return on_banner(s);
    case MXTLS__S_EHLO:
    case MXTLS__S_HELO:
        return on_greet(s, 0);
    case MXTLS__S_EHLO_TLS:
        return on_greet(s, 1);
    case MXTLS__S_STARTTLS:
        if (s->parser.reply.code == 220) {
            s->state = MXTLS__S_TLS;
            return MXTLS__E_STARTTLS_GO;
        }
        s->state = MXTLS__S_IDLE;
        return MXTLS__E_STARTTLS_REFUSED;
    case MXTLS__S_QUIT:
        s->state = MXTLS__S_DONE;
        return MXTLS__E_CLOSED;
    default:
        /* A reply nobody asked for (e.g. while idle): a protocol error. */
        s->failed_in = s->state;
        s->state = MXTLS__S_FAILED;
        return MXTLS__E_PROTOCOL_ERROR;
    }
}

enum mxtls__smtp_event mxtls__smtp_feed(struct mxtls__smtp *s, const uint8_t *data,
                                        size_t len, size_t *used)
{
    *used = 0;
    if (s->state == MXTLS__S_FAILED || s->state == MXTLS__S_DONE)
        return MXTLS__E_PROTOCOL_ERROR;
    if (s->state == MXTLS__S_TLS) {
        /* Plaintext after "220 go ahead" would be read as if it came over
         * TLS (the STARTTLS injection of CVE-2011-0411): count, never use. */
        s->extra_after_starttls += len;
        *used = len;
        return MXTLS__E_NEED_INPUT;
    }
    if (s->parser.done)
        mxtls__reply_reset(&s->parser);   /* the previous reply is consumed */
    *used = mxtls__reply_feed(&s->parser, data, len);
    if (s->parser.error != MXTLS__REPLY_OK) {
        s->failed_in = s->state;
        s->state = MXTLS__S_FAILED;
        return MXTLS__E_PROTOCOL_ERROR;
    }
    if (!s->parser.done)
        return MXTLS__E_NEED_INPUT;
    return on_reply(s);
}

int mxtls__smtp_starttls(struct mxtls__smtp *s)
{
    if (s->state != MXTLS__S_IDLE || queue_cmd(s, "STARTTLS", NULL) < 0)
        return -1;
    s->state = MXTLS__S_STARTTLS;
    return 0;
}

int mxtls__smtp_tls_started(struct mxtls__smtp *s)
{
    /* RFC 3207 4.2: forget everything learnt before TLS. */
    if (s->state != MXTLS__S_TLS && s->state != MXTLS__S_BANNER)
        return -1;
    memset(&s->caps, 0, sizeof s->caps);
    mxtls__reply_reset(&s->parser);
    s->out_len = 0;
    if (s->state == MXTLS__S_BANNER)
        return 0;                /* implicit TLS: the banner comes next */
    if (queue_cmd(s, "EHLO", s->helo) < 0)
        return -1;
    s->used_helo = 0;
    s->state = MXTLS__S_EHLO_TLS;
    return 0;
}

int mxtls__smtp_quit(struct mxtls__smtp *s)
{
    if (s->state != MXTLS__S_IDLE || queue_cmd(s, "QUIT", NULL) < 0)
        return -1;
    s->state = MXTLS__S_QUIT;
    return 0;
}

const uint8_t *mxtls__smtp_output(const struct mxtls__smtp *s, size_t *len)
{
    *len = s->out_len;
    return (const uint8_t *)s->out;
}

void mxtls__smtp_output_done(struct mxtls__smtp *s, size_t n)
{
    if (n >= s->out_len) {
        s->out_len = 0;
        return;
    }
    memmove(s->out, s->out + n, s->out_len - n);
    s->out_len -= n;
}
