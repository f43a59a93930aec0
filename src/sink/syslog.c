/* SPDX-License-Identifier: BSD-2-Clause */
/* syslog.c - alerts to syslog: local syslog(3), or RFC 5424 over UDP or TCP (RFC 6587 octet
 * counting) to a collector; the body is the alert's JSON object, parsed like the event stream. */
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/types.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "vendorsniff/json_sink.h"
#include "vendorsniff/syslog_sink.h"
#include "vendorsniff/text.h"

enum transport { T_LOCAL, T_UDP, T_TCP };

#define SEND_TIMEOUT_S 5

struct vs_syslog {
    enum transport t;
    int fd;
    char host[256], port[16];
    char hostname[256];
    struct sockaddr_storage addr;
    socklen_t addrlen;
};

static int connect_remote(struct vs_syslog *s, char *err, size_t errsz)
{
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_socktype = s->t == T_UDP ? SOCK_DGRAM : SOCK_STREAM;
    int rc = getaddrinfo(s->host, s->port, &hints, &res);
    if (rc != 0) {
        snprintf(err, errsz, "--syslog %s:%s: %s", s->host, s->port, gai_strerror(rc));
        return -EINVAL;
    }
    int fd = socket(res->ai_family, res->ai_socktype, 0);
    /* A collector that is unreachable or stops reading must not stall the capture loop
     * for minutes: bound connect() and send() (SO_SNDTIMEO covers both on Linux). */
    struct timeval tv = {SEND_TIMEOUT_S, 0};
    if (fd >= 0 && s->t == T_TCP)
        (void)setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (fd < 0 || connect(fd, res->ai_addr, res->ai_addrlen) != 0) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        freeaddrinfo(res);
        snprintf(err, errsz, "--syslog %s:%s: %s", s->host, s->port, strerror(e));
        return -e;
    }
    freeaddrinfo(res);
    s->fd = fd;
    return 0;
}

int vs_syslog_open(const char *target, const char *hostname, struct vs_syslog **out, char *err,
                   size_t errsz)
{
    struct vs_syslog *s = calloc(1, sizeof *s);
    if (!s)
        return -ENOMEM;
    s->fd = -1;
    snprintf(s->hostname, sizeof s->hostname, "%s", hostname && *hostname ? hostname : "-");
    for (char *p = s->hostname; *p; p++)
        if (*p <= ' ' || *p > '~')
            *p = '_';
    if (strcmp(target, "local") == 0) {
        s->t = T_LOCAL;
        openlog("vendorsniff", LOG_PID | LOG_NDELAY, LOG_DAEMON);
        *out = s;
        return 0;
    }
    const char *rest;
    if (strncmp(target, "udp://", 6) == 0) {
        s->t = T_UDP;
        rest = target + 6;
    } else if (strncmp(target, "tcp://", 6) == 0) {
        s->t = T_TCP;
        rest = target + 6;
    } else {
        snprintf(err, errsz, "--syslog must be local, udp://HOST:PORT or tcp://HOST:PORT, not '%s'",
                 target);
        free(s);
        return -EINVAL;
    }
    const char *colon = strrchr(rest, ':');
    const char *host = rest;
    size_t hlen = colon ? (size_t)(colon - rest) : strlen(rest);
    if (hlen && host[0] == '[' && host[hlen - 1] == ']') {
        host++;
        hlen -= 2;
    }
    if (!colon || hlen == 0 || hlen >= sizeof s->host || strlen(colon + 1) == 0 ||
        strlen(colon + 1) >= sizeof s->port) {
        snprintf(err, errsz, "--syslog %s: expected HOST:PORT", target);
        free(s);
        return -EINVAL;
    }
    memcpy(s->host, host, hlen);
    s->host[hlen] = '\0';
    snprintf(s->port, sizeof s->port, "%s", colon + 1);
    int rc = connect_remote(s, err, errsz);
    if (rc != 0) {
        free(s);
        return rc;
    }
    *out = s;
    return 0;
}

void vs_syslog_close(struct vs_syslog *s)
{
    if (!s)
        return;
    if (s->t == T_LOCAL)
        closelog();
    if (s->fd >= 0)
        close(s->fd);
    free(s);
}

/* A collector that closed the connection (a restart) leaves a socket that still takes
 * the next send and loses it; its FIN is already here, so look before sending. */
static bool tcp_alive(int fd)
{
    struct pollfd p = {fd, POLLIN, 0};
    if (poll(&p, 1, 0) <= 0)
        return true;
    if (p.revents & (POLLERR | POLLHUP | POLLNVAL))
        return false;
    char c;
    ssize_t n = recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT);
    return n > 0 || (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR));
}

bool vs_syslog_format(struct vs_buf *b, int level, int64_t sec, uint32_t usec, const char *hostname,
                      int pid, const char *msgid, const char *msg)
{
    char ts[VS_TS_STRLEN];
    vs_ts_format(sec, usec, ts);
    int pri = LOG_DAEMON | level; /* facility daemon */
    return vs_buf_printf(b, "<%d>1 %s %s vendorsniff %d %s - %s", pri, ts, hostname, pid, msgid,
                         msg);
}

static void send_remote(struct vs_syslog *s, int sev, const char *msgid, const char *msg,
                        int64_t sec, uint32_t usec)
{
    struct vs_buf b = {0};
    vs_syslog_format(&b, sev, sec, usec, s->hostname, (int)getpid(), msgid, msg);
    if (!b.p)
        return;
    if (s->t == T_UDP) {
        (void)send(s->fd, b.p, b.len, 0);
    } else {
        char hdr[32];
        int hl = snprintf(hdr, sizeof hdr, "%zu ", b.len);
        if (s->fd >= 0 && !tcp_alive(s->fd)) {
            close(s->fd);
            s->fd = -1;
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            if (s->fd >= 0 && send(s->fd, hdr, (size_t)hl, MSG_NOSIGNAL) == hl &&
                send(s->fd, b.p, b.len, MSG_NOSIGNAL) == (ssize_t)b.len)
                break;
            /* The collector went away: reconnect once, then give up on this message. */
            if (s->fd >= 0)
                close(s->fd);
            s->fd = -1;
            char err[256];
            if (connect_remote(s, err, sizeof err) != 0)
                break;
        }
    }
    vs_buf_free(&b);
}

int vs_syslog_level(enum vs_severity sev)
{
    switch (sev) {
    case VS_SEV_CRITICAL:
        return LOG_CRIT;
    case VS_SEV_HIGH:
        return LOG_ERR;
    case VS_SEV_MEDIUM:
        return LOG_WARNING;
    default:
        return LOG_NOTICE;
    }
}

void vs_syslog_alert(struct vs_syslog *s, const struct vs_out *o, const struct vs_device *d,
                     const struct vs_risk_rule *r, int64_t sec, uint32_t usec)
{
    if (!s)
        return;
    char *json = vs_alert_json_string(o, d, r, sec, usec);
    if (!json)
        return;
    if (s->t == T_LOCAL)
        syslog(vs_syslog_level(r->severity), "alert %s", json);
    else
        send_remote(s, vs_syslog_level(r->severity), "alert", json, sec, usec);
    free(json);
}

void vs_syslog_alert_summary(struct vs_syslog *s, const struct vs_out *o, const char *vendor,
                             const struct vs_risk_rule *r, uint64_t n, int64_t window_sec,
                             int64_t sec, uint32_t usec)
{
    if (!s)
        return;
    char *json = vs_alert_summary_json_string(o, vendor, r, n, window_sec, sec, usec);
    if (!json)
        return;
    int level = vs_syslog_level(r ? r->severity : VS_SEV_MEDIUM);
    if (s->t == T_LOCAL)
        syslog(level, "alert_summary %s", json);
    else
        send_remote(s, level, "alert_summary", json, sec, usec);
    free(json);
}

void vs_syslog_device(struct vs_syslog *s, const struct vs_out *o, const struct vs_device *d,
                      int64_t sec, uint32_t usec)
{
    if (!s)
        return;
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (!m)
        return;
    vs_jsonl_device(m, o, d, sec, usec);
    fclose(m);
    if (len && buf[len - 1] == '\n')
        buf[--len] = '\0';
    if (s->t == T_LOCAL)
        syslog(LOG_INFO, "device %s", buf);
    else
        send_remote(s, LOG_INFO, "device", buf, sec, usec);
    free(buf);
}
