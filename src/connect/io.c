/* Non-blocking socket and GnuTLS I/O with deadlines. See io.h. */
#define _GNU_SOURCE
#include "io.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "clock.h"
#include "wait.h"

void mxtls__io_init(struct mxtls__io *io)
{
    memset(io, 0, sizeof *io);
    io->fd = -1;
}

static enum mxtls__io_status from_errno(struct mxtls__io *io, int e)
{
    io->sys_errno = e;
    switch (e) {
    case ECONNREFUSED:
        return MXTLS__IO_REFUSED;
    case ECONNRESET:
    case EPIPE:
        return MXTLS__IO_RESET;
    case ETIMEDOUT:
        return MXTLS__IO_TIMEOUT;
    case ENETUNREACH:
    case EHOSTUNREACH:
    case ENETDOWN:
    case EHOSTDOWN:
    case EADDRNOTAVAIL:
        return MXTLS__IO_UNREACHABLE;
    default:
        return MXTLS__IO_ERROR;
    }
}

/* wait_fd as a status: OK when ready. */
static enum mxtls__io_status wait_status(struct mxtls__io *io, short events,
                                         int64_t deadline)
{
    int w = mxtls__wait_fd(io->fd, events, deadline);
    if (w == 0) {
        io->sys_errno = ETIMEDOUT;
        return MXTLS__IO_TIMEOUT;
    }
    return w < 0 ? from_errno(io, errno) : MXTLS__IO_OK;
}

enum mxtls__io_status mxtls__io_connect(struct mxtls__io *io, const struct sockaddr *sa,
                                        socklen_t len, int64_t deadline)
{
    io->fd = socket(sa->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (io->fd < 0)
        return from_errno(io, errno);
    /* Lock-step dialogue: each small write would otherwise wait out the
     * peer's delayed ACK under Nagle (40 ms a time on Linux). */
    int one = 1;
    (void)setsockopt(io->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    io->awaiting_reply = 1;   /* the banner comes after the server's accept */
    if (connect(io->fd, sa, len) == 0)
        return MXTLS__IO_OK;
    if (errno != EINPROGRESS)
        return from_errno(io, errno);
    enum mxtls__io_status w = wait_status(io, POLLOUT, deadline);
    if (w != MXTLS__IO_OK)
        return w;
    int err = 0;
    socklen_t elen = sizeof err;
    if (getsockopt(io->fd, SOL_SOCKET, SO_ERROR, &err, &elen) < 0)
        return from_errno(io, errno);
    return err ? from_errno(io, err) : MXTLS__IO_OK;
}

/* ACK at once rather than after the delayed-ACK timer: a server whose
 * Nagle holds its next segment until our ACK (OpenSSL's session tickets
 * then the EHLO reply) otherwise stalls 40 ms. Setting TCP_QUICKACK sends
 * an ACK that is due straight away, so it is done where it matters: before
 * waiting for more input after reading part of it. Linux leaves quick-ACK
 * mode on its own, which is why it is done before every such wait (and not
 * after every read: on a busy connection the data is already there and
 * nothing waits), and not after a write of ours, which carried the ACK. */
static void quick_ack(int fd)
{
#ifdef TCP_QUICKACK
    int one = 1;
    (void)setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
#else
    (void)fd;
#endif
}

/* Send the write-behind; 1 when all of it left, 0 when the socket is full,
 * -1 on a socket error (sys_errno). */
static int send_behind(struct mxtls__io *io, int flags)
{
    while (io->behind_off < io->behind_len) {
        ssize_t r = send(io->fd, io->behind + io->behind_off,
                         io->behind_len - io->behind_off, MSG_NOSIGNAL | flags);
        if (r > 0) {
            io->behind_off += (size_t)r;
            io->awaiting_reply = 1;
            continue;
        }
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return 0;
        io->sys_errno = r < 0 ? errno : EPIPE;
        return -1;
    }
    io->behind_off = io->behind_len = 0;
    return 1;
}

/* The write-behind sent, waiting for room until deadline. */
static enum mxtls__io_status flush_behind(struct mxtls__io *io, int64_t deadline)
{
    for (;;) {
        int r = send_behind(io, 0);
        if (r > 0)
            return MXTLS__IO_OK;
        if (r < 0)
            return from_errno(io, io->sys_errno);
        enum mxtls__io_status w = wait_status(io, POLLOUT, deadline);
        if (w != MXTLS__IO_OK)
            return w;
    }
}

/* Before waiting for the peer, everything we wrote must have left. */
static enum mxtls__io_status wait_input(struct mxtls__io *io, int64_t deadline)
{
    enum mxtls__io_status f = flush_behind(io, deadline);
    if (f != MXTLS__IO_OK)
        return f;
    /* Data we sent since the last wait carried the ACK of all we had
     * read: only a wait for more of the peer's data, after reading part
     * of it, needs the ACK sent by hand. */
    if (!io->awaiting_reply)
        quick_ack(io->fd);
    enum mxtls__io_status w = wait_status(io, POLLIN, deadline);
    if (w == MXTLS__IO_OK)
        io->awaiting_reply = 0;
    return w;
}

static void capture(struct mxtls__io *io, const uint8_t *d, size_t n)
{
    io->bytes_in += n;
    if (!io->capturing)
        return;
    size_t room = sizeof io->capture - io->capture_len;
    size_t take = n < room ? n : room;
    memcpy(io->capture + io->capture_len, d, take);
    io->capture_len += take;
}

static enum mxtls__io_status plain_recv(struct mxtls__io *io, uint8_t *buf, size_t n,
                                        size_t *got, int64_t deadline)
{
    for (;;) {
        if (io->awaiting_reply) {
            enum mxtls__io_status w = wait_input(io, deadline);
            if (w != MXTLS__IO_OK)
                return w;
        }
        ssize_t r = recv(io->fd, buf, n, 0);
        if (r > 0) {
            capture(io, buf, (size_t)r);
            *got = (size_t)r;
            return MXTLS__IO_OK;
        }
        if (r == 0)
            return MXTLS__IO_EOF;
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK)
            return from_errno(io, errno);
        enum mxtls__io_status w = wait_input(io, deadline);
        if (w != MXTLS__IO_OK)
            return w;
    }
}

/* A GnuTLS failure: transport errors keep their socket meaning. */
static enum mxtls__io_status from_tls(struct mxtls__io *io, int r)
{
    io->tls_error = r;
    if ((r == GNUTLS_E_PULL_ERROR || r == GNUTLS_E_PUSH_ERROR) && io->sys_errno)
        return from_errno(io, io->sys_errno);
    if (r == GNUTLS_E_PREMATURE_TERMINATION)
        return MXTLS__IO_EOF;
    return MXTLS__IO_TLS;
}

static int ahead_pending(const struct mxtls__io *io)
{
    return io->ahead && io->ahead_off < io->ahead_len;
}

/* On GNUTLS_E_AGAIN, wait for what GnuTLS was doing. GnuTLS also says
 * AGAIN after a TLS 1.3 post-handshake message (a session ticket): what
 * followed it may already sit in the read-ahead, and the socket would
 * never become readable for it. */
static enum mxtls__io_status tls_wait(struct mxtls__io *io, int64_t deadline)
{
    if (gnutls_record_get_direction(io->tls))
        return wait_status(io, POLLOUT, deadline);
    if (!ahead_pending(io))
        return wait_input(io, deadline);
    if (mxtls__now_ms() >= deadline) {
        io->sys_errno = ETIMEDOUT;
        return MXTLS__IO_TIMEOUT;
    }
    return MXTLS__IO_OK;
}

enum mxtls__io_status mxtls__io_recv(struct mxtls__io *io, uint8_t *buf, size_t n,
                                     size_t *got, int64_t deadline)
{
    *got = 0;
    if (!io->tls)
        return plain_recv(io, buf, n, got, deadline);
    for (;;) {
        ssize_t r = gnutls_record_recv(io->tls, buf, n);
        if (r > 0) {
            *got = (size_t)r;
            return MXTLS__IO_OK;
        }
        if (r == 0)
            return MXTLS__IO_EOF;            /* close_notify */
        if (r == GNUTLS_E_INTERRUPTED)
            continue;
        if (r != GNUTLS_E_AGAIN)
            return from_tls(io, (int)r);
        enum mxtls__io_status w = tls_wait(io, deadline);
        if (w != MXTLS__IO_OK)
            return w;
    }
}

enum mxtls__io_status mxtls__io_send(struct mxtls__io *io, const uint8_t *buf,
                                     size_t n, int64_t deadline)
{
    while (n > 0) {
        ssize_t r = io->tls ? gnutls_record_send(io->tls, buf, n)
                            : send(io->fd, buf, n, MSG_NOSIGNAL);
        if (r > 0) {
            buf += r;
            n -= (size_t)r;
            io->awaiting_reply = 1;
            continue;
        }
        if (io->tls && r != GNUTLS_E_AGAIN && r != GNUTLS_E_INTERRUPTED)
            return from_tls(io, (int)r);
        if (!io->tls && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            return from_errno(io, errno);
        /* GnuTLS wants the same buffer again after AGAIN: keep buf, n. */
        enum mxtls__io_status w = io->tls ? tls_wait(io, deadline)
                                          : wait_status(io, POLLOUT, deadline);
        if (w != MXTLS__IO_OK)
            return w;
    }
    return MXTLS__IO_OK;
}

/* ---- GnuTLS transport ---------------------------------------------------- */

/* 4 KiB holds a typical handshake flight (ServerHello to Finished with a
 * two-certificate chain); larger records are read in pieces or straight
 * into GnuTLS's buffer. */
#define AHEAD_SIZE 4096
/* A ClientHello, or a Finished with the EHLO after it. */
#define BEHIND_SIZE 2048

/* recv() into buf, with the capture and GnuTLS's errno. */
static ssize_t pull_socket(struct mxtls__io *io, void *buf, size_t n)
{
    ssize_t r = recv(io->fd, buf, n, 0);
    if (r > 0)
        capture(io, buf, (size_t)r);
    else if (r < 0) {
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            io->sys_errno = errno;
        gnutls_transport_set_errno(io->tls, errno);
    }
    return r;
}

static size_t take_ahead(struct mxtls__io *io, void *buf, size_t n)
{
    size_t have = io->ahead_len - io->ahead_off;
    size_t take = n < have ? n : have;
    memcpy(buf, io->ahead + io->ahead_off, take);
    io->ahead_off += take;
    return take;
}

static ssize_t pull_fn(gnutls_transport_ptr_t ptr, void *buf, size_t n)
{
    struct mxtls__io *io = ptr;
    if (ahead_pending(io))
        return (ssize_t)take_ahead(io, buf, n);
    if (io->awaiting_reply) {   /* GnuTLS then waits (tls_wait) and asks again */
        gnutls_transport_set_errno(io->tls, EAGAIN);
        return -1;
    }
    if (io->ahead == NULL || n >= AHEAD_SIZE)
        return pull_socket(io, buf, n);
    ssize_t r = pull_socket(io, io->ahead, AHEAD_SIZE);
    if (r <= 0)
        return r;
    io->ahead_off = 0;
    io->ahead_len = (size_t)r;
    return (ssize_t)take_ahead(io, buf, n);
}

static ssize_t push_socket(struct mxtls__io *io, const void *buf, size_t n)
{
    ssize_t r = send(io->fd, buf, n, MSG_NOSIGNAL);
    if (r > 0)
        io->awaiting_reply = 1;
    if (r < 0) {
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            io->sys_errno = errno;
        gnutls_transport_set_errno(io->tls, errno);
    }
    return r;
}

/* Queue in the write-behind; when it is full, send what it holds first.
 * After _close there is none, and GnuTLS's write fails on the socket. */
static ssize_t push_fn(gnutls_transport_ptr_t ptr, const void *buf, size_t n)
{
    struct mxtls__io *io = ptr;
    if (io->behind == NULL)
        return push_socket(io, buf, n);
    if (io->behind_len + n > BEHIND_SIZE) {
        int r = send_behind(io, 0);
        if (r <= 0) {
            gnutls_transport_set_errno(io->tls, r < 0 ? io->sys_errno : EAGAIN);
            return -1;
        }
        if (n > BEHIND_SIZE)
            return push_socket(io, buf, n);
    }
    memcpy(io->behind + io->behind_len, buf, n);
    io->behind_len += n;
    io->awaiting_reply = 1;   /* it leaves when we wait, before any reply */
    return (ssize_t)n;
}

/* Only consulted if a GnuTLS timeout were set; we never block in GnuTLS. */
static int pull_timeout_fn(gnutls_transport_ptr_t ptr, unsigned int ms)
{
    struct mxtls__io *io = ptr;
    struct pollfd p = {.fd = io->fd, .events = POLLIN};
    (void)ms;
    if (ahead_pending(io))
        return 1;
    return poll(&p, 1, 0);
}

int mxtls__io_tls_attach(struct mxtls__io *io, gnutls_session_t s)
{
    if (!io->ahead && !(io->ahead = mxtls__malloc(AHEAD_SIZE + BEHIND_SIZE)))
        return -1;
    io->ahead_off = io->ahead_len = 0;
    io->behind = io->ahead + AHEAD_SIZE;
    io->behind_off = io->behind_len = 0;
    io->tls = s;
    gnutls_transport_set_ptr(s, io);
    gnutls_transport_set_pull_function(s, pull_fn);
    gnutls_transport_set_push_function(s, push_fn);
    gnutls_transport_set_pull_timeout_function(s, pull_timeout_fn);
    gnutls_handshake_set_timeout(s, 0);   /* our deadline governs */
    return 0;
}

enum mxtls__io_status mxtls__io_handshake(struct mxtls__io *io, int64_t deadline)
{
    for (;;) {
        int r = gnutls_handshake(io->tls);
        if (r == GNUTLS_E_SUCCESS)
            return MXTLS__IO_OK;
        if (r != GNUTLS_E_AGAIN && r != GNUTLS_E_INTERRUPTED &&
            gnutls_error_is_fatal(r))
            return from_tls(io, r);
        if (r != GNUTLS_E_AGAIN && r != GNUTLS_E_INTERRUPTED)
            continue;            /* a warning alert: keep going */
        enum mxtls__io_status w = tls_wait(io, deadline);
        if (w != MXTLS__IO_OK)
            return w;
    }
}

void mxtls__io_tls_bye(struct mxtls__io *io, int64_t deadline)
{
    if (!io->tls || io->fd < 0)
        return;
    for (;;) {
        int r = gnutls_bye(io->tls, GNUTLS_SHUT_WR);
        if (r != GNUTLS_E_AGAIN && r != GNUTLS_E_INTERRUPTED)
            break;
        if (tls_wait(io, deadline) != MXTLS__IO_OK)
            return;
    }
    (void)flush_behind(io, deadline);
}

int mxtls__io_reserve(struct mxtls__io *io, const struct sockaddr *sa, socklen_t len)
{
    if (io->slot != NULL)
        return 0;
    if (mxtls__wait_slot(sa, len, &io->slot) < 0) {
        io->sys_errno = errno;
        return -1;
    }
    return 0;
}

void mxtls__io_close(struct mxtls__io *io)
{
    if (io->fd >= 0) {
        if (io->behind)
            (void)send_behind(io, MSG_DONTWAIT);
        mxtls__fd_forget(io->fd);
        close(io->fd);
    }
    io->fd = -1;
    mxtls__free(io->ahead);
    io->ahead = io->behind = NULL;
    io->ahead_off = io->ahead_len = io->behind_off = io->behind_len = 0;
    /* After close(): the next holder's SYN follows our FIN. */
    mxtls__slot_release(io->slot);
    io->slot = NULL;
}
