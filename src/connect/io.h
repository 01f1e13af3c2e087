/* The one small I/O module: a non-blocking socket with deadlines, and
 * GnuTLS driven non-blocking over it.
 *
 * No protocol state lives here: the SMTP state machine (smtp.h) and GnuTLS
 * decide what to say; this module only moves bytes until a deadline. Every
 * deadline is an absolute time on the monotonic clock in milliseconds.
 */
#ifndef MXTLS_IO_H
#define MXTLS_IO_H

#include <gnutls/gnutls.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#define MXTLS__IO_CAPTURE_MAX 64

enum mxtls__io_status {
    MXTLS__IO_OK = 0,
    MXTLS__IO_EOF,          /* orderly close (FIN, or close_notify) */
    MXTLS__IO_TIMEOUT,      /* the deadline passed */
    MXTLS__IO_RESET,        /* RST */
    MXTLS__IO_REFUSED,      /* RST to our SYN */
    MXTLS__IO_UNREACHABLE,  /* no route / host or net unreachable */
    MXTLS__IO_ERROR,        /* another socket error; see sys_errno */
    MXTLS__IO_TLS           /* a GnuTLS error; see tls_error */
};

struct mxtls__io {
    int fd;
    gnutls_session_t tls;          /* set by _tls_attach; not owned */
    int sys_errno;                 /* errno of the last failure */
    int tls_error;                 /* GnuTLS code of the last failure */
    /* The first raw bytes read while capturing: what a server sent when it
     * should have sent a banner or a ServerHello. */
    uint8_t capture[MXTLS__IO_CAPTURE_MAX];
    size_t capture_len;
    int capturing;
    uint64_t bytes_in;
    struct mxtls__slot *slot;      /* the engine's connection slot, or NULL */
    /* Under GnuTLS, one block from _tls_attach to _close holds two
     * buffers. The read-ahead: GnuTLS asks for each record's 5-byte header
     * and then its body, and one recv of what has arrived serves a whole
     * flight. The write-behind: what GnuTLS writes waits until we would
     * wait for the peer, so a flight (ChangeCipherSpec, Finished, then the
     * EHLO) leaves in one segment rather than three. */
    uint8_t *ahead;
    size_t ahead_off, ahead_len;
    uint8_t *behind;
    size_t behind_off, behind_len;
    /* Nothing can have come yet: the connection is new, or we wrote since
     * the peer last became readable. A read then waits first instead of
     * trying recv() for an EAGAIN: in a lock-step dialogue that try fails
     * nearly every time (about 9 system calls per check). */
    int awaiting_reply;
};

void mxtls__io_init(struct mxtls__io *io);

/* Take a connection slot for sa from the batch engine (wait.h), waiting in
 * line if the destination is at its limit; no-op outside the engine. Call
 * before starting the connect deadline. 0, or -1 (cancelled; sys_errno). */
int mxtls__io_reserve(struct mxtls__io *io, const struct sockaddr *sa, socklen_t len);

/* Connect to sa before deadline. Non-blocking from here on. */
enum mxtls__io_status mxtls__io_connect(struct mxtls__io *io, const struct sockaddr *sa,
                                        socklen_t len, int64_t deadline);

/* Read at least one byte (plaintext, or TLS records once attached). */
enum mxtls__io_status mxtls__io_recv(struct mxtls__io *io, uint8_t *buf, size_t n,
                                     size_t *got, int64_t deadline);

/* Write all n bytes. */
enum mxtls__io_status mxtls__io_send(struct mxtls__io *io, const uint8_t *buf,
                                     size_t n, int64_t deadline);

/* Run GnuTLS over io->fd with our own push/pull (for the capture, the
 * read-ahead and MSG_NOSIGNAL). 0, or -1 without memory for the
 * read-ahead. */
int mxtls__io_tls_attach(struct mxtls__io *io, gnutls_session_t s);

/* Drive gnutls_handshake until done, failed, or deadline. */
enum mxtls__io_status mxtls__io_handshake(struct mxtls__io *io, int64_t deadline);

/* Best-effort close_notify within the deadline (never blocks past it),
 * with whatever GnuTLS wrote before it. */
void mxtls__io_tls_bye(struct mxtls__io *io, int64_t deadline);

/* Close the socket and give its slot back (idempotent). What GnuTLS wrote
 * and no wait sent yet is tried once, without waiting. */
void mxtls__io_close(struct mxtls__io *io);

#endif
