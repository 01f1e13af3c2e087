/* One DNS question over UDP, outside libunbound: see dns_probe.h. */
#define _DEFAULT_SOURCE
#include "dns_probe.h"

#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "alloc.h"
#include "clock.h"
#include "inet.h"
#include "wait.h"

#define HEADER 12
#define EDNS_SIZE 1232       /* the DNS flag day 2020 size: no fragments */
#define T_OPT 41
#define T_RRSIG 46
#define MAX_DATAGRAMS 16     /* stray datagrams read before giving up */

static void put16(uint8_t *p, unsigned v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static unsigned get16(const uint8_t *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

/* qname in wire form at out; its length, or 0 when it is no name. */
static size_t encode_name(const char *qname, uint8_t *out, size_t size)
{
    size_t o = 0;
    const char *p = qname;
    while (*p != '\0' && !(p[0] == '.' && p[1] == '\0')) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        if (n == 0 || n > 63 || o + n + 2 > size || o + n + 2 > 255)
            return 0;
        out[o++] = (uint8_t)n;
        memcpy(out + o, p, n);
        o += n;
        p += n + (dot != NULL);
    }
    if (o + 1 > size)
        return 0;
    out[o++] = 0;
    return o;
}

size_t mxtls__dns_query_build(uint8_t *out, size_t size, uint16_t id, const char *qname,
                              uint16_t qtype, int rd)
{
    if (size < HEADER + 4 + 11)
        return 0;
    memset(out, 0, HEADER);
    put16(out, id);
    /* RD as asked; AD set, which asks a validating resolver to say whether
     * it validated (RFC 6840 5.7). */
    out[2] = rd ? 0x01 : 0x00;
    out[3] = 0x20;
    put16(out + 4, 1);   /* QDCOUNT */
    put16(out + 10, 1);  /* ARCOUNT: the OPT record */
    size_t n = encode_name(qname, out + HEADER, size - HEADER - 4 - 11);
    if (n == 0)
        return 0;
    uint8_t *q = out + HEADER + n;
    put16(q, qtype);
    put16(q + 2, 1);     /* IN */
    uint8_t *opt = q + 4;
    opt[0] = 0;          /* root owner */
    put16(opt + 1, T_OPT);
    put16(opt + 3, EDNS_SIZE);
    opt[5] = 0;          /* extended rcode */
    opt[6] = 0;          /* version */
    put16(opt + 7, 0x8000); /* DO: send DNSSEC records */
    put16(opt + 9, 0);   /* no options */
    return HEADER + n + 4 + 11;
}

/* Skip a name at msg[*at]: labels, ending in a root label or a pointer. */
static int skip_name(const uint8_t *msg, size_t len, size_t *at)
{
    for (int labels = 0; labels < 128; labels++) {
        if (*at >= len)
            return -1;
        uint8_t c = msg[*at];
        if (c == 0) {
            *at += 1;
            return 0;
        }
        if ((c & 0xc0) == 0xc0) {
            if (*at + 2 > len)
                return -1;
            *at += 2;
            return 0;
        }
        if ((c & 0xc0) != 0)
            return -1;
        *at += 1u + c;
    }
    return -1;
}

int mxtls__dns_reply_parse(const uint8_t *msg, size_t len, const uint8_t *query, size_t qlen,
                           struct mxtls__dns_reply *out)
{
    memset(out, 0, sizeof *out);
    out->rcode = -1;
    /* The reply must echo the query's id and question (RFC 5452 9.1). */
    size_t qend = HEADER;
    if (len < HEADER || qlen < HEADER || skip_name(query, qlen, &qend) != 0 ||
        qend + 4 > qlen)
        return -1;
    qend += 4;
    if (len < qend || get16(msg) != get16(query) || !(msg[2] & 0x80) ||
        get16(msg + 4) != 1 || memcmp(msg + HEADER, query + HEADER, qend - HEADER) != 0)
        return -1;
    out->aa = (msg[2] >> 2) & 1;
    out->tc = (msg[2] >> 1) & 1;
    out->ra = (msg[3] >> 7) & 1;
    out->ad = (msg[3] >> 5) & 1;
    out->rcode = msg[3] & 0x0f;
    unsigned ancount = get16(msg + 6);
    out->answers = (int)ancount;
    size_t at = qend;
    for (unsigned i = 0; i < ancount; i++) {
        if (skip_name(msg, len, &at) != 0 || at + 10 > len)
            break;               /* a cut reply (TC): count what is there */
        unsigned type = get16(msg + at), rdlen = get16(msg + at + 8);
        at += 10;
        if (at + rdlen > len)
            break;
        out->rrsigs += type == T_RRSIG;
        at += rdlen;
    }
    return 0;
}

static uint16_t query_id(void)
{
    uint16_t id = 0;
    if (getrandom(&id, sizeof id, GRND_NONBLOCK) != (ssize_t)sizeof id) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        id = (uint16_t)(ts.tv_nsec ^ (ts.tv_nsec >> 16));
    }
    return id;
}

/* "ADDR@PORT" (the form mxtls__parse_server() writes) as a sockaddr. */
static int server_address(const char *server, struct sockaddr_storage *sa, socklen_t *len)
{
    char addr[64];
    uint8_t bytes[16];
    const char *at = strrchr(server, '@');
    size_t n = at ? (size_t)(at - server) : strlen(server);
    unsigned long port = 53;
    if (n == 0 || n >= sizeof addr)
        return -1;
    memcpy(addr, server, n);
    addr[n] = '\0';
    if (at != NULL) {
        port = 0;
        for (const char *p = at + 1; *p; p++)
            if (*p < '0' || *p > '9' || (port = port * 10 + (unsigned long)(*p - '0')) > 65535)
                return -1;
    }
    int family = mxtls__inet_parse(addr, 0, bytes);
    memset(sa, 0, sizeof *sa);
    if (family == 4) {
        struct sockaddr_in *s4 = (struct sockaddr_in *)sa;
        s4->sin_family = AF_INET;
        s4->sin_port = htons((uint16_t)port);
        memcpy(&s4->sin_addr, bytes, 4);
        *len = sizeof *s4;
    } else if (family == 6) {
        struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)sa;
        s6->sin6_family = AF_INET6;
        s6->sin6_port = htons((uint16_t)port);
        memcpy(&s6->sin6_addr, bytes, 16);
        *len = sizeof *s6;
    } else
        return -1;
    return port > 0 ? family : -1;
}

/* Read datagrams until one answers query, or the deadline. */
static int await_reply(int fd, const uint8_t *query, size_t qlen, int64_t deadline,
                       struct mxtls__dns_reply *out)
{
    uint8_t msg[EDNS_SIZE + 256];
    for (int i = 0; i < MAX_DATAGRAMS; i++) {
        int ready = mxtls__wait_fd(fd, POLLIN, deadline);
        if (ready <= 0)
            return -1;
        ssize_t n = recv(fd, msg, sizeof msg, 0);
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            continue;
        if (n < 0)
            return -1;   /* ICMP unreachable surfaces here: no reply */
        if (mxtls__dns_reply_parse(msg, (size_t)n, query, qlen, out) == 0)
            return 0;
    }
    return -1;
}

/* Read exactly len bytes from the stream by the deadline. */
static int read_full(int fd, uint8_t *buf, size_t len, int64_t deadline)
{
    size_t got = 0;
    while (got < len) {
        ssize_t n = recv(fd, buf + got, len - got, 0);
        if (n > 0) {
            got += (size_t)n;
            continue;
        }
        if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
            return -1;   /* closed before the whole reply, or an error */
        if (errno != EINTR && mxtls__wait_fd(fd, POLLIN, deadline) <= 0)
            return -1;
    }
    return 0;
}

/* Write all of buf to the stream by the deadline; no SIGPIPE. */
static int write_full(int fd, const uint8_t *buf, size_t len, int64_t deadline)
{
    size_t sent = 0;
    while (sent < len) {
        ssize_t n = send(fd, buf + sent, len - sent, MSG_NOSIGNAL);
        if (n > 0) {
            sent += (size_t)n;
            continue;
        }
        if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
            return -1;
        if (errno != EINTR && mxtls__wait_fd(fd, POLLOUT, deadline) <= 0)
            return -1;
    }
    return 0;
}

static int connect_by(int fd, const struct sockaddr_storage *sa, socklen_t salen,
                      int64_t deadline)
{
    int err = 0;
    socklen_t elen = sizeof err;
    if (connect(fd, (const struct sockaddr *)sa, salen) == 0)
        return 0;
    if (errno != EINPROGRESS || mxtls__wait_fd(fd, POLLOUT, deadline) <= 0 ||
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) < 0)
        return -1;
    return err == 0 ? 0 : -1;
}

/* The reply over TCP (RFC 7766 8: two octets of length before each
 * message). Up to 65535 octets, more than a UDP reply's EDNS_SIZE, so the
 * message goes on the heap: the caller may run on a fiber's small stack. */
static int await_stream_reply(int fd, const uint8_t *query, size_t qlen, int64_t deadline,
                              struct mxtls__dns_reply *out)
{
    uint8_t len2[2];
    if (read_full(fd, len2, 2, deadline) != 0)
        return -1;
    size_t n = (size_t)len2[0] << 8 | len2[1];
    uint8_t *msg = n > 0 ? mxtls__malloc(n) : NULL;
    int rc = -1;
    if (msg != NULL && read_full(fd, msg, n, deadline) == 0)
        rc = mxtls__dns_reply_parse(msg, n, query, qlen, out);
    mxtls__free(msg);
    return rc;
}

/* A non-blocking socket of type for family 4 or 6; -1 on failure. */
static int query_socket(int family, int type)
{
    return socket(family == 4 ? AF_INET : AF_INET6, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
}

static int ask_stream(int family, const struct sockaddr_storage *sa, socklen_t salen,
                      const uint8_t *query, size_t qlen, int64_t deadline,
                      struct mxtls__dns_reply *out)
{
    uint8_t framed[2 + HEADER + 256 + 4 + 11];
    if (qlen + 2 > sizeof framed)
        return -1;
    framed[0] = (uint8_t)(qlen >> 8);
    framed[1] = (uint8_t)qlen;
    memcpy(framed + 2, query, qlen);
    int fd = query_socket(family, SOCK_STREAM);
    if (fd < 0)
        return -1;
    int rc = -1;
    if (connect_by(fd, sa, salen, deadline) == 0 &&
        write_full(fd, framed, qlen + 2, deadline) == 0)
        rc = await_stream_reply(fd, query, qlen, deadline, out);
    mxtls__fd_forget(fd);
    close(fd);
    return rc;
}

static int ask_datagram(int family, const struct sockaddr_storage *sa, socklen_t salen,
                        const uint8_t *query, size_t qlen, int64_t deadline,
                        struct mxtls__dns_reply *out)
{
    int fd = query_socket(family, SOCK_DGRAM);
    if (fd < 0)
        return -1;
    int rc = -1;
    if (connect(fd, (const struct sockaddr *)sa, salen) == 0 &&
        send(fd, query, qlen, 0) == (ssize_t)qlen)
        rc = await_reply(fd, query, qlen, deadline, out);
    mxtls__fd_forget(fd);
    close(fd);
    return rc;
}

int mxtls__dns_ask(const char *server, const char *qname, uint16_t qtype, int rd, int tcp,
                   int64_t deadline, struct mxtls__dns_reply *out)
{
    struct sockaddr_storage sa;
    socklen_t salen = 0;
    uint8_t query[HEADER + 256 + 4 + 11];
    memset(out, 0, sizeof *out);
    out->rcode = -1;
    int family = server_address(server, &sa, &salen);
    size_t qlen = mxtls__dns_query_build(query, sizeof query, query_id(), qname, qtype, rd);
    if (family < 0 || qlen == 0)
        return -1;
    int rc = tcp ? ask_stream(family, &sa, salen, query, qlen, deadline, out)
                 : ask_datagram(family, &sa, salen, query, qlen, deadline, out);
    if (rc != 0) {               /* a reply that did not parse is no reply */
        memset(out, 0, sizeof *out);
        out->rcode = -1;
    }
    return rc;
}
