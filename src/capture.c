/* capture.c - libpcap adapter: opens capture files (pcap and pcapng, several interfaces,
 * timestamps scaled to microseconds by libpcap) and live interfaces, applies BPF filters,
 * and hands each frame to the pipeline. Never transmits. */
#include "vendorsniff/capture.h"

#include <errno.h>
#include <pcap/pcap.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct vs_capture {
    pcap_t *p;
    const char *name;
    int dlt;
    vs_packet_fn fn;
    void *ctx;
    bool live;
    int timeout_ms; /* live: longest wait for packets before returning to the caller */
};

static void on_packet(u_char *user, const struct pcap_pkthdr *h, const u_char *bytes)
{
    struct vs_capture *c = (struct vs_capture *)user;
    /* pcapng files can carry interfaces of several link types; libpcap reports the
     * current one per packet through pcap_datalink(). */
    c->fn(c->ctx, c->dlt, (int64_t)h->ts.tv_sec, (uint32_t)h->ts.tv_usec, bytes, h->caplen, h->len);
}

static int apply_filter(struct vs_capture *c, const char *filter, const char *name, char *err,
                        size_t errsz)
{
    if (!filter || !*filter)
        return 0;
    struct bpf_program prog;
    if (pcap_compile(c->p, &prog, filter, 1, PCAP_NETMASK_UNKNOWN) != 0) {
        snprintf(err, errsz, "%s: bad filter '%s': %s", name, filter, pcap_geterr(c->p));
        return -EINVAL;
    }
    int rc = pcap_setfilter(c->p, &prog);
    pcap_freecode(&prog);
    if (rc != 0) {
        snprintf(err, errsz, "%s: cannot set filter: %s", name, pcap_geterr(c->p));
        return -EINVAL;
    }
    return 0;
}

int vs_capture_open_file(const char *path, const char *filter, struct vs_capture **out, char *err,
                         size_t errsz)
{
    char ebuf[PCAP_ERRBUF_SIZE] = "";
    struct vs_capture *c = calloc(1, sizeof *c);
    if (!c)
        return -ENOMEM;
    c->name = path;
    c->p = pcap_open_offline_with_tstamp_precision(path, PCAP_TSTAMP_PRECISION_MICRO, ebuf);
    if (!c->p) {
        const char *msg = ebuf;
        /* libpcap's wording for a file of another kind is cryptic; say it plainly. */
        if (strstr(ebuf, "unknown file format") || strstr(ebuf, "bad dump file format"))
            msg = "not a pcap or pcapng capture file";
        else if (strstr(ebuf, "truncated dump file") || strstr(ebuf, "truncated pcapng"))
            msg = "truncated capture file (header incomplete)";
        snprintf(err, errsz, "%s: %s", strcmp(path, "-") ? path : "(stdin)", msg);
        free(c);
        return -EINVAL;
    }
    c->dlt = pcap_datalink(c->p);
    int rc = apply_filter(c, filter, path, err, errsz);
    if (rc) {
        vs_capture_close(c);
        return rc;
    }
    *out = c;
    return 0;
}

int vs_capture_open_live(const char *iface, const struct vs_live_opts *o, const char *filter,
                         struct vs_capture **out, char *err, size_t errsz)
{
    char ebuf[PCAP_ERRBUF_SIZE] = "";
    struct vs_capture *c = calloc(1, sizeof *c);
    if (!c)
        return -ENOMEM;
    c->name = iface;
    c->live = true;
    c->p = pcap_create(iface, ebuf);
    if (!c->p) {
        snprintf(err, errsz, "%s: %s", iface, ebuf);
        free(c);
        return -ENODEV;
    }
    pcap_set_snaplen(c->p, o->snaplen > 0 ? o->snaplen : 65535);
    pcap_set_promisc(c->p, o->promisc ? 1 : 0);
    pcap_set_timeout(c->p, o->timeout_ms > 0 ? o->timeout_ms : 500);
    if (o->buffer_mb > 0)
        pcap_set_buffer_size(c->p, o->buffer_mb * 1024 * 1024);
    if (o->immediate)
        pcap_set_immediate_mode(c->p, 1);
    int rc = pcap_activate(c->p);
    if (rc < 0) {
        const char *why = pcap_geterr(c->p);
        if (rc == PCAP_ERROR_NO_SUCH_DEVICE)
            snprintf(err, errsz, "%s: no such interface", iface);
        else if (rc == PCAP_ERROR_PERM_DENIED)
            snprintf(err, errsz, "%s: permission denied (run as root or grant CAP_NET_RAW)",
                     iface);
        else if (rc == PCAP_ERROR_IFACE_NOT_UP)
            snprintf(err, errsz, "%s: interface is down", iface);
        else
            snprintf(err, errsz, "%s: %s", iface, why && *why ? why : pcap_statustostr(rc));
        pcap_close(c->p);
        free(c);
        return rc == PCAP_ERROR_PERM_DENIED ? -EPERM : -ENODEV;
    }
    /* With TPACKET_V3 an idle link never retires a block, so a blocking read would sleep
     * until traffic comes and the caller's timers (stats, state saves) would stop: read
     * non-blocking and wait in poll() with a timeout instead (vs_capture_dispatch). */
    c->timeout_ms = o->timeout_ms > 0 ? o->timeout_ms : 500;
    if (pcap_setnonblock(c->p, 1, ebuf) != 0) {
        snprintf(err, errsz, "%s: %s", iface, ebuf);
        vs_capture_close(c);
        return -EIO;
    }
    /* A passive sensor only listens: capture inbound and outbound, never inject. */
    c->dlt = pcap_datalink(c->p);
    rc = apply_filter(c, filter, iface, err, errsz);
    if (rc) {
        vs_capture_close(c);
        return rc;
    }
    *out = c;
    return 0;
}

void vs_capture_close(struct vs_capture *c)
{
    if (!c)
        return;
    if (c->p)
        pcap_close(c->p);
    free(c);
}

long vs_capture_dispatch(struct vs_capture *c, long max, vs_packet_fn fn, void *ctx, char *err,
                         size_t errsz)
{
    c->fn = fn;
    c->ctx = ctx;
    long total = 0;
    if (c->live) {
        /* Wake for packets, for the timeout, or for a signal (EINTR); the non-blocking
         * dispatch below then reads what is there and reports a pending break. */
        struct pollfd pfd = {pcap_get_selectable_fd(c->p), POLLIN, 0};
        if (pfd.fd >= 0 && poll(&pfd, 1, c->timeout_ms) < 0 && errno != EINTR) {
            snprintf(err, errsz, "%s: poll: %s", c->name, strerror(errno));
            return -2;
        }
    }
    for (;;) {
        c->dlt = pcap_datalink(c->p);
        int n = pcap_dispatch(c->p, max > 0 ? (int)(max - total) : -1, on_packet, (u_char *)c);
        if (n == PCAP_ERROR_BREAK)
            return -1;
        if (n == PCAP_ERROR) {
            const char *e = pcap_geterr(c->p);
            const char *name = strcmp(c->name, "-") ? c->name : "(stdin)";
            if (strstr(e, "truncated"))
                snprintf(err, errsz, "%s: truncated capture file (%s)", name, e);
            else
                snprintf(err, errsz, "%s: read error: %s", name, e);
            return -2;
        }
        if (n == 0 && !c->live)
            return total;
        total += n;
        if (c->live || (max > 0 && total >= max))
            return total;
    }
}

void vs_capture_break(struct vs_capture *c)
{
    if (c && c->p)
        pcap_breakloop(c->p);
}

bool vs_capture_stats(struct vs_capture *c, uint64_t *recv, uint64_t *drop, uint64_t *ifdrop)
{
    struct pcap_stat ps;
    if (!c || !c->live || pcap_stats(c->p, &ps) != 0)
        return false;
    *recv = ps.ps_recv;
    *drop = ps.ps_drop;
    *ifdrop = ps.ps_ifdrop;
    return true;
}

int vs_capture_fd(struct vs_capture *c)
{
    return pcap_get_selectable_fd(c->p);
}

const char *vs_capture_libpcap_version(void)
{
    return pcap_lib_version();
}
