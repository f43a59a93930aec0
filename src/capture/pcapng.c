/* SPDX-License-Identifier: BSD-2-Clause */
/* pcapng.c - strict, bounds-checked pcapng reader (draft-ietf-opsawg-pcapng sections 4.1-4.4,
 * 4.7 and appendix A: SHB, IDB with if_tsresol/if_tsoffset, EPB, SPB, obsolete PB; every other
 * block is skipped by its length). Used for files libpcap 1.10 refuses (mixed link types). */
#include "vendorsniff/pcapng.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "vendorsniff/cursor.h"
#include "vendorsniff/limits.h"

#define BT_SHB 0x0A0D0D0Au /* reads the same in both byte orders, so it can be found first */
#define BT_IDB 1u
#define BT_PB 2u
#define BT_SPB 3u
#define BT_EPB 6u
#define BYTE_ORDER_MAGIC 0x1A2B3C4Du

#define OPT_ENDOFOPT 0u
#define OPT_IF_TSRESOL 9u
#define OPT_IF_TSOFFSET 14u

#define BLOCK_MIN_LEN 12u /* type, length, trailing length */
#define SHB_MIN_LEN 28u   /* + byte-order magic, major, minor, section length */
#define READ_STEP 65536u
/* What libpcap 1.10 takes a snaplen of 0 to mean (its MAXIMUM_SNAPLEN, larger for three link
 * types); it compares later IDBs with the first after that substitution only. */
#define LIBPCAP_MAX_SNAPLEN 262144u
#define LINKTYPE_DBUS 231u
#define LINKTYPE_USBPCAP 249u
#define LINKTYPE_EBHSCR 279u
/* libpcap 1.10 refuses any block longer than this (INITIAL_MAX_BLOCKSIZE). */
#define LIBPCAP_MAX_BLOCK (16u * 1024u * 1024u)

struct pcapng_if {
    int dlt;
    uint32_t snaplen;
    bool tsres_bin; /* units of 2^-exp s rather than 10^-exp s */
    uint8_t tsres_exp;
    int64_t tsoffset; /* seconds added to every timestamp */
};

struct vs_pcapng {
    FILE *f;
    char *name;
    bool be;      /* byte order of the current section */
    uint64_t off; /* file offset of the next block */
    uint8_t *buf; /* the current block, whole; grows up to VS_MAX_PCAPNG_BLOCK */
    size_t cap;
    struct pcapng_if *ifs;
    size_t nifs, ifcap;
    int64_t last_sec; /* for SPBs, which carry no timestamp */
    uint32_t last_usec;
    int err; /* sticky: the reader's position is meaningless after an error */
    char errmsg[512];
};

struct block {
    uint32_t type;
    uint32_t len;
    uint64_t off;
    bool be;
    struct vs_cur body; /* between the length and the trailing length */
};

static bool rd16(struct vs_cur *c, bool be, uint16_t *v)
{
    return be ? vs_cur_be16(c, v) : vs_cur_le16(c, v);
}

static bool rd32(struct vs_cur *c, bool be, uint32_t *v)
{
    return be ? vs_cur_be32(c, v) : vs_cur_le32(c, v);
}

static bool rd64(struct vs_cur *c, bool be, uint64_t *v)
{
    uint32_t a, b;
    if (c->n < 8) {
        *v = 0;
        return false;
    }
    rd32(c, be, &a);
    rd32(c, be, &b);
    *v = be ? (uint64_t)a << 32 | b : (uint64_t)b << 32 | a;
    return true;
}

__attribute__((format(printf, 5, 6))) static int fail(struct vs_pcapng *r, int rc, char *err,
                                                      size_t errsz, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(r->errmsg, sizeof r->errmsg, "%s: %s", r->name, msg);
    r->err = rc;
    if (err && errsz)
        snprintf(err, errsz, "%s", r->errmsg);
    return rc;
}

static int fail_read(struct vs_pcapng *r, uint64_t off, char *err, size_t errsz)
{
    if (ferror(r->f))
        return fail(r, -EIO, err, errsz, "read error in pcapng block at offset %" PRIu64, off);
    return fail(r, -ENODATA, err, errsz, "truncated pcapng block at offset %" PRIu64, off);
}

/* Read until buf holds need bytes (have are there already). The buffer grows no faster than
 * the data arrives, so a block that lies about its length costs at most twice what the file
 * really holds, never the claimed 64 MiB. */
static int fill(struct vs_pcapng *r, size_t have, size_t need, uint64_t off, char *err,
                size_t errsz)
{
    while (have < need) {
        size_t step = have < READ_STEP ? READ_STEP : have;
        size_t want = need - have > step ? have + step : need;
        if (r->cap < want) {
            uint8_t *nb = realloc(r->buf, want);
            if (!nb)
                return fail(r, -ENOMEM, err, errsz, "out of memory for a %zu-byte block", need);
            r->buf = nb;
            r->cap = want;
        }
        size_t got = fread(r->buf + have, 1, want - have, r->f);
        have += got;
        if (have < want)
            return fail_read(r, off, err, errsz);
    }
    return 0;
}

/* One whole block into r->buf, its length fields checked. 1 = block, 0 = clean EOF. At open
 * (first), anything but a Section Header Block means the file is not pcapng at all. */
static int read_block(struct vs_pcapng *r, bool first, struct block *b, char *err, size_t errsz)
{
    uint8_t hdr[12];
    uint64_t off = r->off;
    size_t got = fread(hdr, 1, 8, r->f);
    if (got == 0 && !ferror(r->f) && !first)
        return 0;
    struct vs_cur c = vs_cur_make(hdr, got);
    uint32_t raw;
    bool shb = vs_cur_peek_be32(&c, 0, &raw) && raw == BT_SHB;
    if (first && !shb)
        return fail(r, -EINVAL, err, errsz, "not a pcapng file");
    if (got < 8)
        return fail_read(r, off, err, errsz);
    size_t hlen = 8;
    bool be = r->be;
    if (shb) {
        /* The section's byte order is known only from its magic, which follows the length. */
        if (fread(hdr + 8, 1, 4, r->f) != 4)
            return fail_read(r, off, err, errsz);
        hlen = 12;
        struct vs_cur m = vs_cur_make(hdr, sizeof hdr);
        uint32_t magic;
        vs_cur_skip(&m, 8);
        vs_cur_peek_be32(&m, 0, &magic);
        if (magic == BYTE_ORDER_MAGIC)
            be = true;
        else if (vs_cur_le32(&m, &magic) && magic == BYTE_ORDER_MAGIC)
            be = false;
        else if (first)
            return fail(r, -EINVAL, err, errsz, "not a pcapng file");
        else
            return fail(r, -EINVAL, err, errsz,
                        "bad byte-order magic in section header at offset %" PRIu64, off);
    }
    c = vs_cur_make(hdr, hlen);
    uint32_t type, len;
    rd32(&c, be, &type);
    rd32(&c, be, &len);
    uint32_t min = shb ? SHB_MIN_LEN : BLOCK_MIN_LEN;
    if (len < min)
        return fail(r, -EINVAL, err, errsz, "block length %" PRIu32 " too small at offset %" PRIu64,
                    len, off);
    if (len > VS_MAX_PCAPNG_BLOCK)
        return fail(r, -EINVAL, err, errsz, "block length %" PRIu32 " too large at offset %" PRIu64,
                    len, off);
    if (len % 4 != 0)
        return fail(r, -EINVAL, err, errsz,
                    "block length %" PRIu32 " not a multiple of 4 at offset %" PRIu64, len, off);
    if (r->cap < hlen) {
        uint8_t *nb = realloc(r->buf, READ_STEP);
        if (!nb)
            return fail(r, -ENOMEM, err, errsz, "out of memory");
        r->buf = nb;
        r->cap = READ_STEP;
    }
    memcpy(r->buf, hdr, hlen);
    int rc = fill(r, hlen, len, off, err, errsz);
    if (rc)
        return rc;
    struct vs_cur whole = vs_cur_make(r->buf, len);
    struct vs_cur trail;
    uint32_t copy;
    vs_cur_window(&whole, len - 4, 4, &trail);
    rd32(&trail, be, &copy);
    if (copy != len)
        return fail(r, -EINVAL, err, errsz,
                    "block length %" PRIu32 " differs from its trailing copy %" PRIu32
                    " at offset %" PRIu64,
                    len, copy, off);
    b->type = type;
    b->len = len;
    b->off = off;
    b->be = be;
    vs_cur_window(&whole, 8, len - BLOCK_MIN_LEN, &b->body);
    r->off += len;
    return 1;
}

static int on_shb(struct vs_pcapng *r, const struct block *b, char *err, size_t errsz)
{
    struct vs_cur c = b->body;
    uint16_t major, minor;
    vs_cur_skip(&c, 4); /* the byte-order magic, already checked */
    rd16(&c, b->be, &major);
    rd16(&c, b->be, &minor);
    /* Only major 1 exists; a later one would be unreadable by definition. The section length
     * (often -1) is not trusted: blocks are walked one by one. */
    if (major != 1)
        return fail(r, -EINVAL, err, errsz, "unsupported pcapng version %u.%u at offset %" PRIu64,
                    major, minor, b->off);
    r->be = b->be;
    r->nifs = 0;
    return 0;
}

static int on_idb(struct vs_pcapng *r, const struct block *b, char *err, size_t errsz)
{
    struct vs_cur c = b->body;
    uint16_t linktype, reserved;
    uint32_t snaplen;
    if (!rd16(&c, b->be, &linktype) || !rd16(&c, b->be, &reserved) || !rd32(&c, b->be, &snaplen))
        return fail(r, -EINVAL, err, errsz,
                    "interface description block too short at offset %" PRIu64, b->off);
    struct pcapng_if ifc = {.dlt = linktype, .snaplen = snaplen, .tsres_exp = 6};
    while (!vs_cur_empty(&c)) {
        uint16_t code, olen;
        struct vs_cur v;
        if (!rd16(&c, b->be, &code) || !rd16(&c, b->be, &olen))
            return fail(r, -EINVAL, err, errsz, "bad option in block at offset %" PRIu64, b->off);
        if (code == OPT_ENDOFOPT)
            break;
        if (!vs_cur_sub(&c, olen, &v) || !vs_cur_skip(&c, (4u - olen % 4u) % 4u))
            return fail(r, -EINVAL, err, errsz,
                        "option %u length %u overruns the block at offset %" PRIu64, code, olen,
                        b->off);
        if (code == OPT_IF_TSRESOL) {
            uint8_t res;
            if (olen != 1 || !vs_cur_u8(&v, &res))
                return fail(r, -EINVAL, err, errsz, "if_tsresol of length %u at offset %" PRIu64,
                            olen, b->off);
            ifc.tsres_bin = (res & 0x80) != 0;
            ifc.tsres_exp = res & 0x7f;
            /* 10^19 and 2^63 are the finest units a 64-bit count can still hold a second of. */
            if (ifc.tsres_exp > (ifc.tsres_bin ? 63 : 19))
                return fail(r, -EINVAL, err, errsz,
                            "if_tsresol %s-%u unsupported at offset %" PRIu64,
                            ifc.tsres_bin ? "2^" : "10^", ifc.tsres_exp, b->off);
        } else if (code == OPT_IF_TSOFFSET) {
            uint64_t u;
            if (olen != 8 || !rd64(&v, b->be, &u))
                return fail(r, -EINVAL, err, errsz, "if_tsoffset of length %u at offset %" PRIu64,
                            olen, b->off);
            ifc.tsoffset = u > INT64_MAX ? -(int64_t)(~u) - 1 : (int64_t)u;
        }
    }
    if (r->nifs >= VS_MAX_PCAPNG_INTERFACES)
        return fail(r, -EINVAL, err, errsz, "more than %u interfaces at offset %" PRIu64,
                    VS_MAX_PCAPNG_INTERFACES, b->off);
    if (r->nifs == r->ifcap) {
        size_t ncap = r->ifcap ? r->ifcap * 2 : 8;
        struct pcapng_if *ni = realloc(r->ifs, ncap * sizeof *ni);
        if (!ni)
            return fail(r, -ENOMEM, err, errsz, "out of memory for interfaces");
        r->ifs = ni;
        r->ifcap = ncap;
    }
    r->ifs[r->nifs++] = ifc;
    return 0;
}

/* floor(rem * 10^6 / 2^e) for rem < 2^e <= 2^63, with the 84-bit product kept in two words
 * so that no 128-bit type is needed. */
static uint32_t bin_frac_usec(uint64_t rem, unsigned e)
{
    uint64_t lo_part = (rem & 0xffffffffu) * 1000000u;
    uint64_t hi_part = (rem >> 32) * 1000000u;
    uint64_t lo = lo_part + (hi_part << 32);
    uint64_t hi = (hi_part >> 32) + (lo < lo_part);
    if (e == 0)
        return 0;
    return (uint32_t)((lo >> e) | (hi << (64 - e)));
}

/* 10^e for e <= 19, the largest power of ten below 2^64. */
static uint64_t pow10_u64(unsigned e)
{
    uint64_t p = 1;
    while (e--)
        p *= 10;
    return p;
}

static bool scale_ts(const struct pcapng_if *ifc, uint64_t ts, int64_t *sec, uint32_t *usec)
{
    uint64_t s, rem;
    unsigned e = ifc->tsres_exp;
    if (ifc->tsres_bin) {
        s = e ? ts >> e : ts;
        rem = e ? ts & ((UINT64_C(1) << e) - 1) : 0;
        *usec = bin_frac_usec(rem, e);
    } else {
        uint64_t unit = pow10_u64(e);
        s = ts / unit;
        rem = ts % unit;
        *usec = (uint32_t)(e >= 6 ? rem / pow10_u64(e - 6) : rem * pow10_u64(6 - e));
    }
    if (s > INT64_MAX)
        return false;
    int64_t si = (int64_t)s;
    if (ifc->tsoffset > 0 && si > INT64_MAX - ifc->tsoffset)
        return false;
    *sec = si + ifc->tsoffset; /* si >= 0, so a negative offset cannot underflow */
    return true;
}

static int on_packet(struct vs_pcapng *r, const struct block *b, struct vs_pcapng_pkt *pkt,
                     char *err, size_t errsz)
{
    struct vs_cur c = b->body;
    uint32_t ifid, tsh = 0, tsl = 0, caplen, wirelen;
    bool ok;
    const char *what;
    if (b->type == BT_EPB) {
        what = "enhanced packet block";
        ok = rd32(&c, b->be, &ifid) && rd32(&c, b->be, &tsh) && rd32(&c, b->be, &tsl) &&
             rd32(&c, b->be, &caplen) && rd32(&c, b->be, &wirelen);
    } else if (b->type == BT_PB) {
        uint16_t id16, drops;
        what = "packet block";
        ok = rd16(&c, b->be, &id16) && rd16(&c, b->be, &drops) && rd32(&c, b->be, &tsh) &&
             rd32(&c, b->be, &tsl) && rd32(&c, b->be, &caplen) && rd32(&c, b->be, &wirelen);
        ifid = id16;
    } else {
        what = "simple packet block";
        ifid = 0;
        ok = rd32(&c, b->be, &wirelen);
        /* The SPB's captured length is implied: min(original, snaplen, what the block holds). */
        caplen = wirelen;
        if (ok && r->nifs > 0 && r->ifs[0].snaplen != 0 && caplen > r->ifs[0].snaplen)
            caplen = r->ifs[0].snaplen;
        if (caplen > vs_cur_len(&c))
            caplen = (uint32_t)vs_cur_len(&c);
    }
    if (!ok)
        return fail(r, -EINVAL, err, errsz, "%s too short at offset %" PRIu64, what, b->off);
    if (ifid >= r->nifs)
        return fail(r, -EINVAL, err, errsz,
                    "%s: interface id %" PRIu32 " out of range (%zu interfaces) at offset %" PRIu64,
                    what, ifid, r->nifs, b->off);
    if (!vs_cur_bytes(&c, caplen, &pkt->data))
        return fail(r, -EINVAL, err, errsz,
                    "%s: captured length %" PRIu32 " exceeds the block at offset %" PRIu64, what,
                    caplen, b->off);
    const struct pcapng_if *ifc = &r->ifs[ifid];
    if (b->type == BT_SPB) {
        pkt->sec = r->last_sec;
        pkt->usec = r->last_usec;
    } else if (!scale_ts(ifc, (uint64_t)tsh << 32 | tsl, &pkt->sec, &pkt->usec)) {
        return fail(r, -EINVAL, err, errsz, "%s: timestamp out of range at offset %" PRIu64, what,
                    b->off);
    }
    pkt->dlt = ifc->dlt;
    pkt->ifindex = ifid;
    pkt->caplen = caplen;
    pkt->wirelen = wirelen;
    r->last_sec = pkt->sec;
    r->last_usec = pkt->usec;
    return 1;
}

int vs_pcapng_open(FILE *f, const char *name, struct vs_pcapng **out, char *err, size_t errsz)
{
    *out = NULL;
    struct vs_pcapng *r = calloc(1, sizeof *r);
    if (r)
        r->name = strdup(name ? name : "pcapng");
    if (!r || !r->name) {
        free(r);
        if (err && errsz)
            snprintf(err, errsz, "%s: out of memory", name ? name : "pcapng");
        return -ENOMEM;
    }
    r->f = f;
    struct block b;
    int rc = read_block(r, true, &b, err, errsz);
    if (rc >= 0)
        rc = on_shb(r, &b, err, errsz);
    if (rc < 0) {
        vs_pcapng_close(r);
        return rc;
    }
    *out = r;
    return 0;
}

int vs_pcapng_next(struct vs_pcapng *r, struct vs_pcapng_pkt *pkt, char *err, size_t errsz)
{
    memset(pkt, 0, sizeof *pkt);
    if (r->err) {
        if (err && errsz)
            snprintf(err, errsz, "%s", r->errmsg);
        return r->err;
    }
    for (;;) {
        struct block b;
        int rc = read_block(r, false, &b, err, errsz);
        if (rc <= 0)
            return rc;
        switch (b.type) {
        case BT_SHB:
            rc = on_shb(r, &b, err, errsz);
            break;
        case BT_IDB:
            rc = on_idb(r, &b, err, errsz);
            break;
        case BT_EPB:
        case BT_PB:
        case BT_SPB:
            return on_packet(r, &b, pkt, err, errsz);
        default:
            rc = 0; /* NRB, ISB, DSB, custom, journal...: checked by length, not needed */
            break;
        }
        if (rc < 0)
            return rc;
    }
}

size_t vs_pcapng_ninterfaces(const struct vs_pcapng *r)
{
    return r->nifs;
}

int vs_pcapng_interface_dlt(const struct vs_pcapng *r, size_t i)
{
    return i < r->nifs ? r->ifs[i].dlt : -1;
}

uint32_t vs_pcapng_interface_snaplen(const struct vs_pcapng *r, size_t i)
{
    return i < r->nifs ? r->ifs[i].snaplen : 0;
}

void vs_pcapng_close(struct vs_pcapng *r)
{
    if (!r)
        return;
    free(r->buf);
    free(r->ifs);
    free(r->name);
    free(r);
}

/* Small bodies are read and dropped: glibc's fseek asks the kernel for the position (one lseek
 * per packet) even when the target is inside its buffer, which doubles the cost of a scan. */
static bool skip_bytes(FILE *f, uint32_t n)
{
    if (n > 2 * READ_STEP)
        return fseek(f, (long)n, SEEK_CUR) == 0;
    uint8_t scratch[4096];
    while (n > 0) {
        size_t k = n < sizeof scratch ? n : sizeof scratch;
        if (fread(scratch, 1, k, f) != k)
            return false;
        n -= (uint32_t)k;
    }
    return true;
}

static uint32_t libpcap_snaplen(uint16_t linktype, uint32_t s)
{
    if (s != 0)
        return s;
    switch (linktype) {
    case LINKTYPE_DBUS:
        return 128u * 1024u * 1024u;
    case LINKTYPE_USBPCAP:
        return 1024u * 1024u;
    case LINKTYPE_EBHSCR:
        return 8u * 1024u * 1024u;
    default:
        return LIBPCAP_MAX_SNAPLEN;
    }
}

bool vs_pcapng_stream_needs_own_reader(FILE *f)
{
    bool have_order = false, be = false, have_if = false;
    uint16_t first_lt = 0;
    uint32_t first_snap = 0;
    for (uint32_t n = 0; n < VS_MAX_PCAPNG_SCAN_BLOCKS; n++) {
        uint8_t hdr[16];
        if (fread(hdr, 1, 12, f) != 12)
            return false;
        struct vs_cur c = vs_cur_make(hdr, 12);
        uint32_t raw, magic;
        vs_cur_peek_be32(&c, 0, &raw);
        if (raw == BT_SHB) {
            vs_cur_peek_be32(&c, 8, &magic);
            bool sbe = magic == BYTE_ORDER_MAGIC;
            struct vs_cur m;
            vs_cur_window(&c, 8, 4, &m);
            vs_cur_le32(&m, &magic);
            if (!sbe && magic != BYTE_ORDER_MAGIC)
                return false;
            if (have_order && sbe != be)
                return true; /* libpcap: "the file has sections with different byte orders" */
            be = sbe;
            have_order = true;
        } else if (!have_order) {
            return false;
        }
        uint32_t type, len;
        rd32(&c, be, &type);
        rd32(&c, be, &len);
        if (len < BLOCK_MIN_LEN || len % 4 != 0 || len > VS_MAX_PCAPNG_BLOCK)
            return false;
        if (len > LIBPCAP_MAX_BLOCK)
            return true;
        uint32_t consumed = 12;
        if (type == BT_IDB) {
            if (len < 20 || fread(hdr + 12, 1, 4, f) != 4)
                return false;
            consumed = 16;
            struct vs_cur idb = vs_cur_make(hdr, 16);
            uint16_t lt, reserved;
            uint32_t snap;
            vs_cur_skip(&idb, 8);
            rd16(&idb, be, &lt);
            rd16(&idb, be, &reserved);
            rd32(&idb, be, &snap);
            if (!have_if) {
                have_if = true;
                first_lt = lt;
                first_snap = libpcap_snaplen(lt, snap);
            } else if (lt != first_lt || libpcap_snaplen(lt, snap) != first_snap) {
                return true;
            }
        }
        if (!skip_bytes(f, len - consumed))
            return false;
    }
    return false;
}

bool vs_pcapng_needs_own_reader(const char *path)
{
    struct stat st;
    if (!path || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return false;
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    bool r = vs_pcapng_stream_needs_own_reader(f);
    fclose(f);
    return r;
}
