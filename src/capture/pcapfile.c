/* SPDX-License-Identifier: BSD-2-Clause */
/* pcapfile.c - classic pcap files (pcap-savefile(5): 24-byte header, 16-byte record headers,
 * either byte order, microsecond or nanosecond magic) read from a memory map through the
 * cursor: the file is as untrusted as the packets in it. */
#include "vendorsniff/pcapfile.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vendorsniff/cursor.h"

#define MAGIC_USEC 0xa1b2c3d4u
#define MAGIC_NSEC 0xa1b23c4du
/* libpcap refuses records longer than this unless the header's snap length is larger. */
#define MAX_SNAPLEN 262144u

struct vs_pcapfile {
    char *name;
    void *map; /* NULL for a caller's buffer */
    size_t maplen;
    int fd;            /* of the mapped file, to see it shrink; -1 for a buffer */
    size_t checked_to; /* offset up to which the file's size was last confirmed */
    int guard;         /* slot in the SIGBUS guard table, -1 for none */
    struct vs_cur rest;
    bool swap, nsec;
    bool bswap; /* the file's byte order is not this machine's */
    int dlt;
    uint32_t snaplen;
    uint64_t records;
    size_t offset;    /* of the next record, for messages */
    size_t released;  /* bytes at the start of the map handed back to the kernel */
    bool shrank;      /* the file got shorter while mapped: checked_to is then a hard end */
    size_t shrunk_to; /* its size then, for the message */
};

/* Pages already read are dropped from this process (they stay in the page cache), so a run
 * over a large file does not appear to hold the whole file in memory. */
#define RELEASE_CHUNK ((size_t)8 << 20)

/* A mapped file that shrinks under the reader (truncated, a network share gone) makes the
 * pages past its new end fault with SIGBUS. The reader survives it: the handler replaces
 * the vanished pages of a registered map with zero pages and flags the map; the reader then
 * sees the flag (or, every CHECK_EVERY bytes, the file's size) and stops at the new end with
 * a "file shrank" error, keeping every record before it. Slots are few: files are read one
 * at a time per reader thread. */
#define GUARD_SLOTS 16
#define CHECK_EVERY ((size_t)1 << 20)

static struct {
    void *volatile base;
    volatile size_t len;
    volatile sig_atomic_t faulted;
} guards[GUARD_SLOTS];
static struct sigaction old_bus;
static volatile sig_atomic_t guard_installed;

static void on_sigbus(int sig, siginfo_t *si, void *uc)
{
    uintptr_t a = (uintptr_t)si->si_addr;
    for (int i = 0; i < GUARD_SLOTS; i++) {
        uintptr_t b = (uintptr_t)guards[i].base;
        size_t len = guards[i].len;
        if (!b || a < b || a - b >= len)
            continue;
        long pg = sysconf(_SC_PAGESIZE);
        uintptr_t from = a & ~((uintptr_t)pg - 1);
        /* Zero pages from the fault to the end of the map: the faulting read then sees zeros
         * and the reader, told by the flag, discards them. */
        if (mmap((void *)from, b + len - from, PROT_READ, MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS,
                 -1, 0) != MAP_FAILED) {
            guards[i].faulted = 1;
            return;
        }
    }
    /* Not one of ours: what would have happened without us. */
    sigaction(SIGBUS, &old_bus, NULL);
    (void)uc;
    raise(sig);
}

static int guard_add(void *base, size_t len)
{
    if (!guard_installed) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = on_sigbus;
        sa.sa_flags = SA_SIGINFO | SA_NODEFER;
        sigemptyset(&sa.sa_mask);
        if (sigaction(SIGBUS, &sa, &old_bus) != 0)
            return -1;
        guard_installed = 1;
    }
    for (int i = 0; i < GUARD_SLOTS; i++) {
        if (__atomic_load_n(&guards[i].base, __ATOMIC_ACQUIRE))
            continue;
        void *expected = NULL;
        guards[i].len = len;
        guards[i].faulted = 0;
        if (__atomic_compare_exchange_n(&guards[i].base, &expected, base, false, __ATOMIC_ACQ_REL,
                                        __ATOMIC_ACQUIRE))
            return i;
    }
    return -1;
}

static void guard_remove(int i)
{
    if (i >= 0)
        __atomic_store_n(&guards[i].base, NULL, __ATOMIC_RELEASE);
}

/* The file is still at least `need` bytes long and nothing faulted; otherwise the readable
 * part is cut at its new size (or at the current offset, when zero pages may follow). */
static bool still_there(struct vs_pcapfile *r, size_t need)
{
    if (r->fd < 0)
        return true;
    bool faulted = r->guard >= 0 && guards[r->guard].faulted;
    if (need > r->maplen)
        need = r->maplen; /* a record cut by the file's end is the caller's to report */
    if (!faulted && need <= r->checked_to)
        return true;
    if (!r->shrank || faulted) {
        struct stat st;
        size_t size = r->maplen;
        if (fstat(r->fd, &st) == 0)
            size = (size_t)st.st_size;
        if (faulted || size < r->maplen) {
            r->shrank = true;
            r->shrunk_to = size;
            size_t end = size < r->maplen ? size : r->maplen;
            if (faulted && r->offset < end)
                end = r->offset;
            r->checked_to = end;
        } else {
            r->checked_to = need + CHECK_EVERY < r->maplen ? need + CHECK_EVERY : r->maplen;
        }
    }
    return need <= r->checked_to;
}

static uint32_t rd32(struct vs_cur *c, bool swap, bool *ok)
{
    uint32_t v;
    if (!(swap ? vs_cur_be32(c, &v) : vs_cur_le32(c, &v)))
        *ok = false;
    return v;
}

static int parse_header(struct vs_pcapfile *r, const uint8_t *buf, size_t len)
{
    struct vs_cur c = vs_cur_make(buf, len);
    uint32_t magic;
    if (!vs_cur_peek_be32(&c, 0, &magic))
        return -ENOTSUP;
    /* The magic is written in the writer's byte order. */
    if (magic == 0xd4c3b2a1u || magic == 0x4d3cb2a1u) {
        r->swap = false; /* little-endian file */
        r->nsec = magic == 0x4d3cb2a1u;
    } else if (magic == MAGIC_USEC || magic == MAGIC_NSEC) {
        r->swap = true; /* big-endian file */
        r->nsec = magic == MAGIC_NSEC;
    } else {
        return -ENOTSUP;
    }
    bool ok = true;
    vs_cur_skip(&c, 4);
    uint16_t major, minor;
    if (r->swap) {
        ok = vs_cur_be16(&c, &major) && vs_cur_be16(&c, &minor);
    } else {
        ok = vs_cur_le16(&c, &major) && vs_cur_le16(&c, &minor);
    }
    (void)minor;
    rd32(&c, r->swap, &ok); /* thiszone */
    rd32(&c, r->swap, &ok); /* sigfigs */
    r->snaplen = rd32(&c, r->swap, &ok);
    uint32_t linktype = rd32(&c, r->swap, &ok);
    if (!ok || major != 2)
        return -ENOTSUP; /* let libpcap say what is wrong with it */
    r->dlt = (int)(linktype & 0xffff);
    const uint16_t probe = 1;
    bool host_le = *(const uint8_t *)&probe == 1;
    r->bswap = r->swap == host_le; /* swap means a big-endian file */
    r->rest = c;
    r->offset = 24;
    return 0;
}

int vs_pcapfile_open_buf(const char *name, const uint8_t *buf, size_t len, struct vs_pcapfile **out,
                         char *err, size_t errsz)
{
    (void)err;
    (void)errsz;
    struct vs_pcapfile *r = calloc(1, sizeof *r);
    if (!r)
        return -ENOMEM;
    r->fd = -1;
    r->guard = -1;
    r->name = strdup(name);
    int rc = r->name ? parse_header(r, buf, len) : -ENOMEM;
    if (rc != 0) {
        vs_pcapfile_close(r);
        return rc;
    }
    *out = r;
    return 0;
}

int vs_pcapfile_open(const char *path, struct vs_pcapfile **out, char *err, size_t errsz)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -ENOTSUP; /* libpcap reports the error in its words */
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 24) {
        close(fd);
        return -ENOTSUP;
    }
    size_t len = (size_t)st.st_size;
    void *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    if (map == MAP_FAILED) {
        close(fd);
        return -ENOTSUP;
    }
    madvise(map, len, MADV_SEQUENTIAL);
    int guard = guard_add(map, len);
    int rc = vs_pcapfile_open_buf(path, map, len, out, err, errsz);
    if (rc != 0) {
        guard_remove(guard);
        munmap(map, len);
        close(fd);
        return rc;
    }
    (*out)->map = map;
    (*out)->maplen = len;
    (*out)->fd = fd;
    (*out)->guard = guard;
    (*out)->checked_to = len < CHECK_EVERY ? len : CHECK_EVERY;
    return 0;
}

int vs_pcapfile_next(struct vs_pcapfile *r, struct vs_pcapfile_pkt *pkt, char *err, size_t errsz)
{
    if (vs_cur_empty(&r->rest))
        return 0;
    if (!still_there(r, r->offset + 16)) {
        snprintf(err, errsz,
                 "%s: file shrank while it was read (now %zu bytes; stopped at offset %zu)",
                 r->name, r->shrunk_to, r->offset);
        r->rest = vs_cur_make(NULL, 0);
        return -EIO;
    }
    struct vs_cur c = r->rest;
    uint32_t f[4];
    bool ok = vs_cur_copy(&c, f, sizeof f);
    if (r->bswap)
        for (int i = 0; i < 4; i++)
            f[i] = __builtin_bswap32(f[i]);
    uint32_t sec = f[0], frac = f[1], incl = f[2], orig = f[3];
    if (!ok) {
        snprintf(err, errsz, "%s: truncated capture file (record header cut at offset %zu)",
                 r->name, r->offset);
        return -EINVAL;
    }
    uint32_t limit = r->snaplen > MAX_SNAPLEN ? r->snaplen : MAX_SNAPLEN;
    if (incl > limit) {
        snprintf(err, errsz, "%s: corrupt capture file (record of %u bytes at offset %zu)", r->name,
                 incl, r->offset);
        return -EINVAL;
    }
    const uint8_t *data;
    if (!vs_cur_bytes(&c, incl, &data)) {
        snprintf(err, errsz,
                 "%s: truncated capture file (record at offset %zu: %u bytes, %zu present)",
                 r->name, r->offset, incl, vs_cur_len(&c));
        return -EINVAL;
    }
    if (!still_there(r, r->offset + 16 + (size_t)incl)) {
        snprintf(err, errsz,
                 "%s: file shrank while it was read (now %zu bytes; stopped at offset %zu)",
                 r->name, r->shrunk_to, r->offset);
        r->rest = vs_cur_make(NULL, 0);
        return -EIO;
    }
    r->rest = c;
    /* The file streams through memory once: ask for the next records' headers early, so
     * the cache misses overlap with the work on this packet. */
    vs_cur_prefetch(&c, 0);
    vs_cur_prefetch(&c, 64);
    vs_cur_prefetch(&c, 2048);
    r->offset += 16 + (size_t)incl;
    r->records++;
    if (r->map && r->offset - r->released >= 2 * RELEASE_CHUNK) {
        madvise((uint8_t *)r->map + r->released, RELEASE_CHUNK, MADV_DONTNEED);
        r->released += RELEASE_CHUNK;
    }
    pkt->sec = sec;
    pkt->usec = r->nsec ? frac / 1000 : frac;
    if (pkt->usec >= 1000000)
        pkt->usec = 999999;
    pkt->data = data;
    pkt->caplen = incl;
    pkt->wirelen = orig < incl ? incl : orig;
    return 1;
}

int vs_pcapfile_dlt(const struct vs_pcapfile *r)
{
    return r->dlt;
}
uint32_t vs_pcapfile_snaplen(const struct vs_pcapfile *r)
{
    return r->snaplen;
}
size_t vs_pcapfile_offset(const struct vs_pcapfile *r)
{
    return r->offset;
}

void vs_pcapfile_close(struct vs_pcapfile *r)
{
    if (!r)
        return;
    guard_remove(r->guard);
    if (r->map)
        munmap(r->map, r->maplen);
    if (r->fd >= 0)
        close(r->fd);
    free(r->name);
    free(r);
}
