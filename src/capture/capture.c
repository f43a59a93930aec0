/* SPDX-License-Identifier: BSD-2-Clause */
/* capture.c - libpcap adapter: opens capture files (pcap and pcapng, several interfaces,
 * timestamps scaled to microseconds by libpcap; compressed ones through the decompression
 * layer, told by their magic bytes) and live interfaces, applies BPF filters, and hands each
 * frame to the pipeline. Never transmits. */
#include "vendorsniff/capture.h"
#include "vendorsniff/decompress.h"
#include "vendorsniff/fanout.h"
#include "vendorsniff/limits.h"
#include "vendorsniff/pcapfile.h"
#include "vendorsniff/pcapng.h"

#include <errno.h>
#include <fcntl.h>
#include <pcap/pcap.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <linux/filter.h>
#include <linux/if_packet.h>
#include <sys/socket.h>
#endif

#define CAPTURE_FILE_BUFFER (1 << 20)

struct vs_capture {
    pcap_t *p;
    const char *name;
    int dlt;
    vs_packet_fn fn;
    void *ctx;
    bool live;
    int timeout_ms; /* live: longest wait for packets before returning to the caller */
    /* pcapng files libpcap refuses (interfaces of different link types or snap lengths) are
     * read by src/capture/pcapng.c; the filter is compiled once per link type met. */
    FILE *ngf;
    struct vs_pcapng *ng;
    /* Classic pcap files are read from a memory map (src/capture/pcapfile.c). */
    struct vs_pcapfile *pf;
    /* Compressed files and stdin: decompressed as read; ngf or libpcap's FILE reads it. */
    struct vs_dstream *ds;
    FILE *dsf;
    /* Classic pcap from a stream: sbuf holds the file header, then the records read and not
     * yet parsed, and c->pf parses the records in place as it does a memory map. */
    uint8_t *sbuf;
    size_t scap, slen;
    uint64_t sbase; /* offset in the decompressed data of sbuf[24] */
    bool seof;
    const char *filter;
    struct {
        int dlt;
        bool ok;
        struct bpf_program prog;
    } progs[8];
    size_t nprogs;
    volatile int broken;
};

/* Files may be opened and filtered on several reader threads; libpcap's filter compiler is
 * not documented as reentrant on every version, so compiles take turns. */
static pthread_mutex_t compile_lock = PTHREAD_MUTEX_INITIALIZER;

static int compile_locked(pcap_t *p, struct bpf_program *prog, const char *filter)
{
    pthread_mutex_lock(&compile_lock);
    int rc = pcap_compile(p, prog, filter, 1, PCAP_NETMASK_UNKNOWN);
    pthread_mutex_unlock(&compile_lock);
    return rc;
}

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
    if (compile_locked(c->p, &prog, filter) != 0) {
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

static int open_own_pcapng(struct vs_capture *c, const char *path, const char *filter, char *err,
                           size_t errsz)
{
    FILE *f = c->dsf;
    if (!f) {
        c->ngf = f = fopen(path, "rb");
        if (!f) {
            snprintf(err, errsz, "%s: %s", path, strerror(errno));
            return -errno;
        }
    }
    int rc = vs_pcapng_open(f, path, &c->ng, err, errsz);
    if (rc != 0) {
        if (c->ngf)
            fclose(c->ngf);
        c->ngf = NULL;
        return rc;
    }
    c->filter = filter && *filter ? filter : NULL;
    if (c->filter) {
        /* Check the expression once up front, so a typo is reported before any packet. */
        pcap_t *dead = pcap_open_dead(DLT_EN10MB, 65535);
        struct bpf_program prog;
        if (!dead || compile_locked(dead, &prog, c->filter) != 0) {
            snprintf(err, errsz, "%s: bad filter '%s': %s", path, c->filter,
                     dead ? pcap_geterr(dead) : "cannot compile");
            if (dead)
                pcap_close(dead);
            return -EINVAL;
        }
        pcap_freecode(&prog);
        pcap_close(dead);
    }
    return 0;
}

/* The filter program for a link type, compiled on first use; NULL means "no match". */
static const struct bpf_program *ng_filter(struct vs_capture *c, int dlt)
{
    for (size_t i = 0; i < c->nprogs; i++)
        if (c->progs[i].dlt == dlt)
            return c->progs[i].ok ? &c->progs[i].prog : NULL;
    if (c->nprogs == sizeof c->progs / sizeof c->progs[0])
        return NULL;
    size_t i = c->nprogs++;
    c->progs[i].dlt = dlt;
    c->progs[i].ok = false;
    pcap_t *dead = pcap_open_dead(dlt, 262144);
    if (dead && compile_locked(dead, &c->progs[i].prog, c->filter) == 0)
        c->progs[i].ok = true;
    if (dead)
        pcap_close(dead);
    return c->progs[i].ok ? &c->progs[i].prog : NULL;
}

static long ng_dispatch(struct vs_capture *c, long max, char *err, size_t errsz)
{
    long total = 0;
    struct vs_pcapng_pkt pk;
    while (!c->broken && (max <= 0 || total < max)) {
        int rc = vs_pcapng_next(c->ng, &pk, err, errsz);
        if (rc == 0)
            return total;
        if (rc < 0)
            return -2;
        if (c->filter) {
            const struct bpf_program *prog = ng_filter(c, pk.dlt);
            struct pcap_pkthdr h;
            h.ts.tv_sec = (time_t)pk.sec;
            h.ts.tv_usec = (suseconds_t)pk.usec;
            h.caplen = (bpf_u_int32)pk.caplen;
            h.len = (bpf_u_int32)pk.wirelen;
            if (!prog || pcap_offline_filter(prog, &h, pk.data) == 0)
                continue;
        }
        c->fn(c->ctx, pk.dlt, pk.sec, pk.usec, pk.data, pk.caplen, pk.wirelen);
        total++;
    }
    if (c->broken) {
        c->broken = 0;
        return -1;
    }
    return total;
}

static const char *shown(const char *path)
{
    return strcmp(path, "-") ? path : "(stdin)";
}

#define STREAM_BUF ((size_t)1 << 20)
#define STREAM_BUF_MAX ((size_t)16 << 20)

/* The unparsed tail of sbuf moved behind the header and more of the stream read after it:
 * 1 when there is more to parse, 0 when nothing more can come (end of the data, an error of
 * the decompression layer, or a record larger than STREAM_BUF_MAX). */
static int stream_refill(struct vs_capture *c, char *err, size_t errsz)
{
    size_t off = vs_pcapfile_offset(c->pf);
    size_t tail = c->slen - off;
    if (c->seof)
        return 0;
    memmove(c->sbuf + 24, c->sbuf + off, tail);
    c->slen = 24 + tail;
    c->sbase += off - 24;
    if (c->slen == c->scap) {
        if (c->scap >= STREAM_BUF_MAX)
            return 0;
        uint8_t *nb = realloc(c->sbuf, c->scap * 2);
        if (!nb)
            return 0;
        c->sbuf = nb;
        c->scap *= 2;
    }
    ssize_t r = vs_dstream_read(c->ds, c->sbuf + c->slen, c->scap - c->slen);
    if (r <= 0)
        c->seof = true;
    if (r > 0)
        c->slen += (size_t)r;
    /* Reopened even at the end: the moved tail is what a last parse must see. */
    vs_pcapfile_close(c->pf);
    c->pf = NULL;
    if (vs_pcapfile_open_buf(c->name, c->sbuf, c->slen, &c->pf, err, errsz) != 0)
        return 0; /* cannot be: the header was accepted once */
    return r > 0;
}

bool vs_capture_has_blocks(const struct vs_capture *c)
{
    return c->sbuf && !c->filter;
}

int vs_capture_take_block(struct vs_capture *c, uint8_t *fresh, size_t fresh_cap, uint8_t **out,
                          size_t *outlen, size_t *outcap, char *err, size_t errsz)
{
    for (;;) {
        struct vs_pcapfile_pkt pk;
        char perr[256];
        int rc = 0;
        if (c->pf)
            while ((rc = vs_pcapfile_next(c->pf, &pk, perr, sizeof perr)) == 1)
                ;
        size_t boundary = c->pf ? vs_pcapfile_offset(c->pf) : 24;
        if (boundary > 24) {
            /* Whole records up to boundary go; the cut record starts the next buffer. */
            size_t tail = c->slen - boundary;
            if (fresh_cap < 24 + tail) {
                uint8_t *nb = realloc(fresh, 24 + tail);
                if (!nb) {
                    free(fresh);
                    snprintf(err, errsz, "%s: out of memory", shown(c->name));
                    return -2;
                }
                fresh = nb;
                fresh_cap = 24 + tail;
            }
            memcpy(fresh, c->sbuf, 24);
            memcpy(fresh + 24, c->sbuf + boundary, tail);
            *out = c->sbuf;
            *outlen = boundary;
            *outcap = c->scap;
            c->sbuf = fresh;
            c->scap = fresh_cap;
            c->slen = 24 + tail;
            c->sbase += boundary - 24;
            vs_pcapfile_close(c->pf);
            c->pf = NULL;
            if (vs_pcapfile_open_buf(c->name, c->sbuf, c->slen, &c->pf, err, errsz) != 0)
                return -2;
            return 1;
        }
        if (c->pf && stream_refill(c, perr, sizeof perr) > 0)
            continue;
        free(fresh);
        if (vs_dstream_failed(c->ds)) {
            snprintf(err, errsz, "%s", vs_dstream_error(c->ds));
            return -2;
        }
        if (c->pf && rc == 0 && c->slen == 24)
            return 0;
        const char *what = strstr(perr, "corrupt")
                               ? "corrupt capture file (record of an impossible length"
                               : "truncated capture file (record cut";
        snprintf(err, errsz, "%s: %s at offset %llu)", shown(c->name), what,
                 (unsigned long long)c->sbase);
        return -2;
    }
}

static long pf_dispatch(struct vs_capture *c, long max, char *err, size_t errsz)
{
    long total = 0;
    struct vs_pcapfile_pkt pk;
    int dlt = vs_pcapfile_dlt(c->pf);
    const struct bpf_program *prog = c->filter ? ng_filter(c, dlt) : NULL;
    while (!c->broken && (max <= 0 || total < max)) {
        if (!c->pf)
            return -2;
        int rc = vs_pcapfile_next(c->pf, &pk, err, errsz);
        if (rc <= 0 && c->sbuf) {
            char rerr[256];
            if (stream_refill(c, rerr, sizeof rerr) > 0)
                continue;
            if (vs_dstream_failed(c->ds))
                return -2; /* the caller names the layer */
            if (rc == 0 && c->slen == 24)
                return total;
            const char *what = strstr(err, "corrupt") ? "corrupt capture file (record of an "
                                                        "impossible length"
                                                      : "truncated capture file (record cut";
            snprintf(err, errsz, "%s: %s at offset %llu)", shown(c->name), what,
                     (unsigned long long)c->sbase);
            return -2;
        }
        if (rc == 0)
            return total;
        if (rc < 0)
            return -2;
        if (c->filter) {
            struct pcap_pkthdr h;
            h.ts.tv_sec = (time_t)pk.sec;
            h.ts.tv_usec = (suseconds_t)pk.usec;
            h.caplen = (bpf_u_int32)pk.caplen;
            h.len = (bpf_u_int32)pk.wirelen;
            if (!prog || pcap_offline_filter(prog, &h, pk.data) == 0)
                continue;
        }
        c->fn(c->ctx, dlt, pk.sec, pk.usec, pk.data, pk.caplen, pk.wirelen);
        total++;
    }
    if (c->broken) {
        c->broken = 0;
        return -1;
    }
    return total;
}

/* The filter, checked against a capture of the given link type before any packet. */
static int check_filter(const char *path, const char *filter, int dlt, char *err, size_t errsz)
{
    pcap_t *dead = pcap_open_dead(dlt, 262144);
    struct bpf_program prog;
    if (!dead || compile_locked(dead, &prog, filter) != 0) {
        snprintf(err, errsz, "%s: bad filter '%s': %s", path, filter,
                 dead ? pcap_geterr(dead) : "cannot compile");
        if (dead)
            pcap_close(dead);
        return -EINVAL;
    }
    pcap_freecode(&prog);
    pcap_close(dead);
    return 0;
}

/* libpcap reads f (and closes it, unless it is stdin); the message says what it refused. */
static int open_libpcap(struct vs_capture *c, FILE *f, const char *path, const char *filter,
                        char *err, size_t errsz)
{
    char ebuf[PCAP_ERRBUF_SIZE] = "";
    c->p = pcap_fopen_offline_with_tstamp_precision(f, PCAP_TSTAMP_PRECISION_MICRO, ebuf);
    if (!c->p) {
        const char *msg = ebuf;
        int code = -EINVAL;
        /* libpcap's wording for a file of another kind is cryptic; say it plainly. */
        if (strstr(ebuf, "unknown file format") || strstr(ebuf, "bad dump file format")) {
            msg = "not a pcap or pcapng capture file";
            code = -EMEDIUMTYPE;
        } else if (strstr(ebuf, "truncated dump file") || strstr(ebuf, "truncated pcapng")) {
            msg = "truncated capture file (header incomplete)";
        }
        if (c->ds && vs_dstream_failed(c->ds)) {
            snprintf(err, errsz, "%s", vs_dstream_error(c->ds));
            return -EIO;
        }
        snprintf(err, errsz, "%s: %s", shown(path), msg);
        return code;
    }
    if (f == c->dsf)
        c->dsf = NULL; /* libpcap's now: pcap_close closes it */
    c->dlt = pcap_datalink(c->p);
    return apply_filter(c, filter, path, err, errsz);
}

static bool is_pcapng_magic(const uint8_t *m, size_t k)
{
    return k == 4 && m[0] == 0x0a && m[1] == 0x0d && m[2] == 0x0d && m[3] == 0x0a;
}

static bool is_pcap_magic(const uint8_t *m, size_t k)
{
    static const uint8_t magics[4][4] = {{0xa1, 0xb2, 0xc3, 0xd4},
                                         {0xd4, 0xc3, 0xb2, 0xa1},
                                         {0xa1, 0xb2, 0x3c, 0x4d},
                                         {0x4d, 0x3c, 0xb2, 0xa1}};
    for (size_t i = 0; k == 4 && i < 4; i++)
        if (memcmp(m, magics[i], 4) == 0)
            return true;
    return false;
}

/* Classic pcap from the decompression layer, parsed in place by the memory-map parser: no
 * copy through stdio and libpcap. A header that parser refuses goes to libpcap, which says
 * what is wrong with it. */
static int open_pcap_stream(struct vs_capture *c, const char *path, const char *filter, char *err,
                            size_t errsz)
{
    uint8_t hdr[24];
    size_t k = vs_dstream_peek(c->ds, hdr, sizeof hdr);
    struct vs_pcapfile *probe;
    if (k < sizeof hdr || vs_pcapfile_open_buf(path, hdr, k, &probe, err, errsz) != 0)
        return open_libpcap(c, c->dsf, path, filter, err, errsz);
    vs_pcapfile_close(probe);
    c->scap = STREAM_BUF;
    c->sbuf = malloc(c->scap);
    if (!c->sbuf) {
        snprintf(err, errsz, "%s: out of memory", shown(path));
        return -ENOMEM;
    }
    ssize_t r = vs_dstream_read(c->ds, c->sbuf, c->scap);
    if (r < (ssize_t)sizeof hdr) {
        snprintf(err, errsz, "%s", vs_dstream_error(c->ds));
        return -EIO;
    }
    c->slen = (size_t)r;
    c->sbase = 24;
    int rc = vs_pcapfile_open_buf(path, c->sbuf, c->slen, &c->pf, err, errsz);
    if (rc != 0)
        return rc;
    c->filter = filter && *filter ? filter : NULL;
    if (c->filter)
        return check_filter(path, c->filter, vs_pcapfile_dlt(c->pf), err, errsz);
    return 0;
}

/* A compressed file, stdin or a pipe: through the decompression layer (which passes plain
 * data through), then the pcapng reader or libpcap over the decompressed stream. */
static int open_stream(struct vs_capture *c, int fd, bool own_fd, const char *path,
                       const char *filter, char *err, size_t errsz)
{
    int rc = vs_dstream_open_fd(fd, own_fd, path, &c->ds, err, errsz);
    if (rc != 0)
        return rc;
    c->dsf = vs_dstream_fopen(c->ds);
    if (!c->dsf) {
        snprintf(err, errsz, "%s: out of memory", shown(path));
        return -ENOMEM;
    }
    setvbuf(c->dsf, NULL, _IOFBF, CAPTURE_FILE_BUFFER);
    uint8_t m[4];
    size_t k = vs_dstream_peek(c->ds, m, sizeof m);
    enum vs_codec codec = vs_dstream_codec(c->ds);
    if (vs_dstream_failed(c->ds)) {
        snprintf(err, errsz, "%s", vs_dstream_error(c->ds));
        return -EIO;
    }
    if (codec == VS_CODEC_NONE && !is_pcap_magic(m, k))
        return open_libpcap(c, c->dsf, path, filter, err, errsz);
    /* Compressed pcapng cannot be pre-scanned for what libpcap would refuse (the stream
     * cannot seek back), so the strict reader, which reads every pcapng, takes all of it. */
    if (is_pcapng_magic(m, k))
        return open_own_pcapng(c, path, filter, err, errsz);
    if (is_pcap_magic(m, k))
        return open_pcap_stream(c, path, filter, err, errsz);
    snprintf(err, errsz, "%s: not a pcap or pcapng capture file (%s-compressed data)", shown(path),
             vs_codec_name(codec));
    return -EMEDIUMTYPE;
}

int vs_capture_open_file(const char *path, const char *filter, struct vs_capture **out, char *err,
                         size_t errsz)
{
    struct vs_capture *c = calloc(1, sizeof *c);
    if (!c)
        return -ENOMEM;
    c->name = path;
    int rc;
    if (strcmp(path, "-") == 0) {
        rc = open_stream(c, STDIN_FILENO, false, path, filter, err, errsz);
        goto done;
    }
    /* Compressed or not is told by the first bytes; pipes and FIFOs cannot be looked at
     * twice, so they always take the stream. */
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        struct stat st;
        uint8_t m[6];
        if (fstat(fd, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
            rc = open_stream(c, fd, true, path, filter, err, errsz);
            goto done;
        }
        ssize_t k = pread(fd, m, sizeof m, 0);
        if (k > 0 && vs_codec_detect(m, (size_t)k) != VS_CODEC_NONE) {
            rc = open_stream(c, fd, true, path, filter, err, errsz);
            goto done;
        }
        close(fd);
    }
    rc = vs_pcapfile_open(path, &c->pf, err, errsz);
    if (rc == 0) {
        c->filter = filter && *filter ? filter : NULL;
        if (c->filter)
            rc = check_filter(path, c->filter, vs_pcapfile_dlt(c->pf), err, errsz);
        goto done;
    }
    if (rc != -ENOTSUP)
        goto done;
    if (vs_pcapng_needs_own_reader(path)) {
        rc = open_own_pcapng(c, path, filter, err, errsz);
        goto done;
    }
    /* libpcap reads the file through stdio: a large buffer turns millions of small reads
     * into a few large ones. */
    FILE *f = fopen(path, "rb");
    if (!f) {
        rc = -errno;
        snprintf(err, errsz, "%s: %s", path, strerror(errno));
        goto done;
    }
    setvbuf(f, NULL, _IOFBF, CAPTURE_FILE_BUFFER);
    rc = open_libpcap(c, f, path, filter, err, errsz);
    if (!c->p)
        fclose(f);
done:
    if (rc != 0) {
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
    pcap_set_buffer_size(c->p,
                         (o->buffer_mb > 0 ? o->buffer_mb : VS_DEFAULT_BUFFER_MB) * 1024 * 1024);
    if (o->immediate)
        pcap_set_immediate_mode(c->p, 1);
    int rc = pcap_activate(c->p);
    if (rc < 0) {
        const char *why = pcap_geterr(c->p);
        if (rc == PCAP_ERROR_NO_SUCH_DEVICE)
            snprintf(err, errsz, "%s: no such interface", iface);
        else if (rc == PCAP_ERROR_PERM_DENIED)
            snprintf(err, errsz, "%s: permission denied (run as root or grant CAP_NET_RAW)", iface);
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
    for (size_t i = 0; i < c->nprogs; i++)
        if (c->progs[i].ok)
            pcap_freecode(&c->progs[i].prog);
    vs_pcapng_close(c->ng);
    vs_pcapfile_close(c->pf);
    if (c->ngf)
        fclose(c->ngf);
    if (c->p)
        pcap_close(c->p);
    if (c->dsf)
        fclose(c->dsf);
    vs_dstream_close(c->ds);
    free(c->sbuf);
    free(c);
}

static long dispatch(struct vs_capture *c, long max, char *err, size_t errsz);

long vs_capture_dispatch(struct vs_capture *c, long max, vs_packet_fn fn, void *ctx, char *err,
                         size_t errsz)
{
    c->fn = fn;
    c->ctx = ctx;
    long n = dispatch(c, max, err, errsz);
    /* What the record layer saw as a short or failed read, the decompression layer names. */
    if (n == -2 && c->ds && vs_dstream_failed(c->ds))
        snprintf(err, errsz, "%s", vs_dstream_error(c->ds));
    return n;
}

uint64_t vs_capture_position(struct vs_capture *c)
{
    if (c->ds)
        return vs_dstream_in_bytes(c->ds);
    if (c->pf)
        return vs_pcapfile_offset(c->pf);
    FILE *f = c->ngf ? c->ngf : c->p && !c->live ? pcap_file(c->p) : NULL;
    off_t o = f ? ftello(f) : 0;
    return o > 0 ? (uint64_t)o : 0;
}

static long dispatch(struct vs_capture *c, long max, char *err, size_t errsz)
{
    if (c->pf)
        return pf_dispatch(c, max, err, errsz);
    if (c->ng)
        return ng_dispatch(c, max, err, errsz);
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

bool vs_capture_is_stream(const char *path)
{
    if (strcmp(path, "-") == 0)
        return true;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct stat st;
    uint8_t m[6];
    bool r = fstat(fd, &st) == 0 && !S_ISDIR(st.st_mode);
    if (r && S_ISREG(st.st_mode)) {
        ssize_t k = pread(fd, m, sizeof m, 0);
        r = k > 0 && vs_codec_detect(m, (size_t)k) != VS_CODEC_NONE;
    }
    close(fd);
    return r;
}

struct probe {
    bool got;
    int64_t sec;
    uint32_t usec;
};

static void probe_packet(void *ctx, int dlt, int64_t sec, uint32_t usec, const uint8_t *data,
                         size_t caplen, size_t wirelen)
{
    struct probe *p = ctx;
    (void)dlt, (void)data, (void)caplen, (void)wirelen;
    p->got = true;
    p->sec = sec;
    p->usec = usec;
}

int vs_capture_probe(const char *path, int64_t *sec, uint32_t *usec, char *err, size_t errsz)
{
    struct vs_capture *c;
    int rc = vs_capture_open_file(path, NULL, &c, err, errsz);
    if (rc != 0)
        return rc;
    struct probe p = {0};
    char ignored[256];
    /* A bad first record is the run's to report, in its place in the order. */
    vs_capture_dispatch(c, 1, probe_packet, &p, ignored, sizeof ignored);
    vs_capture_close(c);
    if (!p.got)
        return 0;
    *sec = p.sec;
    *usec = p.usec;
    return 1;
}

void vs_capture_break(struct vs_capture *c)
{
    if (c && (c->ng || c->pf))
        c->broken = 1;
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

int vs_capture_datalink(const struct vs_capture *c)
{
    return c->dlt;
}

int vs_capture_fanout(struct vs_capture *c, unsigned *group, enum vs_fanout_mode mode, char *err,
                      size_t errsz)
{
#if defined(__linux__) && defined(PACKET_FANOUT) && defined(PACKET_FANOUT_CBPF) &&                 \
    defined(PACKET_FANOUT_DATA)
    int fd = pcap_fileno(c->p);
    if (!c->live || fd < 0) {
        snprintf(err, errsz, "%s: not a live capture socket", c->name);
        return -EINVAL;
    }
    /* No rollover: a full ring drops (counted) rather than move a device's frames to
     * another worker. */
    int type = mode == VS_FANOUT_MAC ? PACKET_FANOUT_CBPF : PACKET_FANOUT_HASH;
    int arg = (int)(*group & 0xffff) | type << 16;
#ifdef PACKET_FANOUT_FLAG_UNIQUEID
    /* The first socket has the kernel pick an id no other group on the host uses; the
     * others join by the id read back. */
    if (*group == VS_FANOUT_NEW)
        arg = type << 16 | PACKET_FANOUT_FLAG_UNIQUEID << 16;
#else
    if (*group == VS_FANOUT_NEW) {
        *group = (unsigned)getpid() & 0xffff;
        arg = (int)*group | type << 16;
    }
#endif
    if (setsockopt(fd, SOL_PACKET, PACKET_FANOUT, &arg, sizeof arg) != 0) {
        int e = errno;
        snprintf(err, errsz, "%s: cannot join the packet fanout group (%s): %s", c->name,
                 mode == VS_FANOUT_MAC ? "by source MAC" : "by flow hash", strerror(e));
        return -e;
    }
#ifdef PACKET_FANOUT_FLAG_UNIQUEID
    if (*group == VS_FANOUT_NEW) {
        int got = 0;
        socklen_t gl = sizeof got;
        if (getsockopt(fd, SOL_PACKET, PACKET_FANOUT, &got, &gl) != 0) { /* id 0 is valid */
            int e = errno;
            snprintf(err, errsz, "%s: cannot read the packet fanout group's id: %s", c->name,
                     strerror(e));
            return -e;
        }
        *group = (unsigned)got & 0xffff;
    }
#endif
    if (mode == VS_FANOUT_MAC) {
        struct vs_bpf_insn ins[VS_FANOUT_PROG_LEN];
        struct sock_filter sf[VS_FANOUT_PROG_LEN];
        vs_fanout_prog(ins, VS_FANOUT_BASE_KERNEL);
        for (unsigned i = 0; i < VS_FANOUT_PROG_LEN; i++) {
            sf[i].code = ins[i].code;
            sf[i].jt = ins[i].jt;
            sf[i].jf = ins[i].jf;
            sf[i].k = ins[i].k;
        }
        struct sock_fprog fp = {VS_FANOUT_PROG_LEN, sf};
        if (setsockopt(fd, SOL_PACKET, PACKET_FANOUT_DATA, &fp, sizeof fp) != 0) {
            int e = errno;
            snprintf(err, errsz, "%s: the kernel refuses the fanout program: %s", c->name,
                     strerror(e));
            return -e;
        }
    }
    return 0;
#else
    (void)group, (void)mode;
    snprintf(err, errsz, "%s: --workers needs Linux packet fanout (PACKET_FANOUT)", c->name);
    return -ENOTSUP;
#endif
}

static void discard_packet(u_char *u, const struct pcap_pkthdr *h, const u_char *b)
{
    (void)u, (void)h, (void)b;
}

void vs_capture_discard(struct vs_capture *c)
{
    /* Non-blocking since the open: reads what the ring holds and returns. */
    for (int i = 0; i < 64 && pcap_dispatch(c->p, -1, discard_packet, NULL) > 0; i++)
        ;
}
