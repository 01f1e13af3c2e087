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
 * then the EHLO reply) otherwise stalls 40 ms. Linux resets quick-ACK mode
 * on its own, so it is set again after every read. */
static void quick_ack(int fd)
{
#ifdef TCP_QUICKACK
    int one = 1;
    (void)setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
#else
    (void)fd;
#endif
}

static void capture(struct mxtls__io *io, const uint8_t *d, size_t n)
{
    quick_ack(io->fd);
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
        enum mxtls__io_status w = wait_status(io, POLLIN, deadline);
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

/* On GNUTLS_E_AGAIN, wait for what GnuTLS was doing. */
static enum mxtls__io_status tls_wait(struct mxtls__io *io, int64_t deadline)
{
    short ev = gnutls_record_get_direction(io->tls) ? POLLOUT : POLLIN;
    return wait_status(io, ev, deadline);
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

static ssize_t pull_fn(gnutls_transport_ptr_t ptr, void *buf, size_t n)
{
    struct mxtls__io *io = ptr;
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

static ssize_t push_fn(gnutls_transport_ptr_t ptr, const void *buf, size_t n)
{
    struct mxtls__io *io = ptr;
    ssize_t r = send(io->fd, buf, n, MSG_NOSIGNAL);
    if (r < 0) {
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            io->sys_errno = errno;
        gnutls_transport_set_errno(io->tls, errno);
    }
    return r;
}

/* Only consulted if a GnuTLS timeout were set; we never block in GnuTLS. */
static int pull_timeout_fn(gnutls_transport_ptr_t ptr, unsigned int ms)
{
    struct mxtls__io *io = ptr;
    struct pollfd p = {.fd = io->fd, .events = POLLIN};
    (void)ms;
    return poll(&p, 1, 0);
}

int mxtls__io_tls_attach(struct mxtls__io *io, gnutls_session_t s)
{
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
            return;
        if (tls_wait(io, deadline) != MXTLS__IO_OK)
            return;
    }
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
    if (io->fd >= 0)
        close(io->fd);
    io->fd = -1;
    /* After close(): the next holder's SYN follows our FIN. */
    mxtls__slot_release(io->slot);
    io->slot = NULL;
}
