/* fd-message.h — one datagram with descriptors attached (SCM_RIGHTS) on a
 * SOCK_SEQPACKET socket: how the main process asks the spawner for a
 * worker, and how it gives a document worker its next document.
 * Core-internal (core/cli). */
#ifndef FL_FD_MESSAGE_H
#define FL_FD_MESSAGE_H

#include <stddef.h>
#include <sys/types.h>
#include <sys/uio.h>

#define FL_FDMSG_MAX_FDS 3

/* Send the bytes of iov[0..niov) as one datagram with fds[0..nfds) (the
 * caller keeps its own).  Never raises SIGPIPE.  The bytes sent, or -1. */
ssize_t fl_fdmsg_send(int sock, const struct iovec *iov, int niov, const int *fds, int nfds);

/* Receive one datagram into buf and exactly `nfds` descriptors into fds
 * (the caller owns them); fds are -1 when the datagram carried another
 * number of them (any it did carry are closed).  The bytes received, 0
 * when the other end hung up, or -1. */
ssize_t fl_fdmsg_recv(int sock, void *buf, size_t size, int *fds, int nfds);

#endif
