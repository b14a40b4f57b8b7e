/* fd-message.c — datagrams with descriptors (fd-message.h). */
#include "fd-message.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

ssize_t fl_fdmsg_send(int sock, const struct iovec *iov, int niov, const int *fds, int nfds)
{
    char control[CMSG_SPACE(FL_FDMSG_MAX_FDS * sizeof(int))];
    if (nfds < 0 || nfds > FL_FDMSG_MAX_FDS)
        return -1;
    memset(control, 0, sizeof control);
    struct msghdr m = { 0 };
    m.msg_iov = (struct iovec *)iov;
    m.msg_iovlen = (size_t)niov;
    if (nfds > 0) {
        m.msg_control = control;
        m.msg_controllen = CMSG_SPACE((size_t)nfds * sizeof(int));
        struct cmsghdr *c = CMSG_FIRSTHDR(&m);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN((size_t)nfds * sizeof(int));
        memcpy(CMSG_DATA(c), fds, (size_t)nfds * sizeof(int));
    }
    ssize_t n;
    while ((n = sendmsg(sock, &m, MSG_NOSIGNAL)) < 0 && errno == EINTR)
        ;
    return n;
}

ssize_t fl_fdmsg_recv(int sock, void *buf, size_t size, int *fds, int nfds)
{
    char control[CMSG_SPACE(FL_FDMSG_MAX_FDS * sizeof(int))];
    struct iovec iov = { buf, size };
    struct msghdr m = { 0 };
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = control;
    m.msg_controllen = sizeof control;
    ssize_t n;
    while ((n = recvmsg(sock, &m, MSG_CMSG_CLOEXEC)) < 0 && errno == EINTR)
        ;
    for (int i = 0; i < nfds; i++)
        fds[i] = -1;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); n >= 0 && c != NULL; c = CMSG_NXTHDR(&m, c)) {
        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
            continue;
        size_t got = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        int have[FL_FDMSG_MAX_FDS];
        if (got > FL_FDMSG_MAX_FDS) /* more than asked for: a truncated control */
            got = FL_FDMSG_MAX_FDS;
        memcpy(have, CMSG_DATA(c), got * sizeof(int));
        if (got == (size_t)nfds)
            memcpy(fds, have, got * sizeof(int));
        else
            for (size_t i = 0; i < got; i++)
                close(have[i]);
    }
    return n;
}
