/* SPDX-License-Identifier: BSD-2-Clause */
/* decompress.c - the decompression layer for capture files: gzip (RFC 1952, members may be
 * concatenated), zstd (RFC 8878, frames and skippable frames), xz (.xz container, streams
 * concatenated), lz4 (frame format) and bzip2, told apart by their magic bytes. The only file
 * that includes ISA-L (or zlib where ISA-L is not built in), libzstd, liblzma, liblz4 and
 * libbz2. gzip is inflated by ISA-L's igzip when the build found it (VS_HAVE_ISAL; 1.1x
 * zlib's speed on nearly incompressible captures, 1.5x on real traffic, docs/performance.md),
 * by zlib otherwise; both check each member's CRC-32 and length. Output goes straight into
 * the caller's buffer, so a small file that expands enormously costs time, never memory; the
 * decoders' own windows are capped (zstd 128 MiB, xz 256 MiB of dictionary, deflate 32 KiB by
 * the format). */
#include "vendorsniff/decompress.h"

#include <bzlib.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <lz4frame.h>
#include <lzma.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>
#ifdef VS_HAVE_ISAL
#include <isa-l/igzip_lib.h>
#else
#include <zlib.h>
#endif

#include "vendorsniff/cursor.h"

#define IN_BUF ((size_t)256 << 10)
#define HEAD_MAX 64u
#define XZ_MEMLIMIT ((uint64_t)256 << 20)

enum step { STEP_OK, STEP_END, STEP_ERR };

struct vs_dstream {
    char *name;
    enum vs_codec codec;
    int fd; /* -1 for a buffer */
    bool own_fd;
    bool fd_is_pipe;    /* a pipe or socket: decoded as it arrives, not in full buffers */
    const uint8_t *mem; /* a buffer source: what is left of it */
    size_t memlen;
    uint8_t *in; /* compressed bytes read, not yet decoded: in[in_pos..in_len) */
    size_t in_pos, in_len;
    bool in_eof;
    uint64_t in_total, out_total;
    bool boundary; /* between two members/frames: the data may end here */
    bool done, failed;
    bool inited;
    uint8_t head[HEAD_MAX]; /* decompressed bytes peeked and not yet read */
    size_t head_len, head_pos;
    union {
#ifdef VS_HAVE_ISAL
        struct inflate_state *gz; /* large (87 kB): allocated once, reset per member */
#else
        z_stream z;
#endif
        ZSTD_DStream *zs;
        lzma_stream xz;
        LZ4F_dctx *lz4;
        bz_stream bz;
    } u;
    char errmsg[512];
};

enum vs_codec vs_codec_detect(const uint8_t *p, size_t n)
{
    struct vs_cur c = vs_cur_make(p, n);
    uint8_t b[6] = {0};
    size_t k = n < sizeof b ? n : sizeof b;
    if (!vs_cur_copy(&c, b, k))
        return VS_CODEC_NONE;
    if (k >= 3 && b[0] == 0x1f && b[1] == 0x8b && b[2] == 8)
        return VS_CODEC_GZIP;
    if (k >= 4 && b[1] == 0xb5 && b[2] == 0x2f && b[3] == 0xfd && b[0] == 0x28)
        return VS_CODEC_ZSTD;
    /* A skippable frame first (pzstd, seekable zstd). */
    if (k >= 4 && (b[0] & 0xf0) == 0x50 && b[1] == 0x2a && b[2] == 0x4d && b[3] == 0x18)
        return VS_CODEC_ZSTD;
    if (k >= 6 && b[0] == 0xfd && memcmp(b + 1, "7zXZ", 4) == 0 && b[5] == 0)
        return VS_CODEC_XZ;
    if (k >= 4 && b[0] == 0x04 && b[1] == 0x22 && b[2] == 0x4d && b[3] == 0x18)
        return VS_CODEC_LZ4;
    if (k >= 4 && b[0] == 'B' && b[1] == 'Z' && b[2] == 'h' && b[3] >= '1' && b[3] <= '9')
        return VS_CODEC_BZIP2;
    return VS_CODEC_NONE;
}

const char *vs_codec_name(enum vs_codec c)
{
    switch (c) {
    case VS_CODEC_GZIP:
        return "gzip";
    case VS_CODEC_ZSTD:
        return "zstd";
    case VS_CODEC_XZ:
        return "xz";
    case VS_CODEC_LZ4:
        return "lz4";
    case VS_CODEC_BZIP2:
        return "bzip2";
    case VS_CODEC_NONE:
        break;
    }
    return "plain";
}

void vs_human_bytes(uint64_t n, char *out, size_t outsz)
{
    static const char *const unit[] = {"kB", "MB", "GB", "TB", "PB"};
    if (n < 1000) {
        snprintf(out, outsz, "%" PRIu64 " byte%s", n, n == 1 ? "" : "s");
        return;
    }
    double v = (double)n / 1000.0;
    size_t u = 0;
    while (v >= 1000.0 && u + 1 < sizeof unit / sizeof unit[0]) {
        v /= 1000.0;
        u++;
    }
    snprintf(out, outsz, v < 10.0 ? "%.1f %s" : "%.0f %s", v, unit[u]);
}

__attribute__((format(printf, 2, 3))) static void fail(struct vs_dstream *s, const char *fmt, ...)
{
    char msg[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (!s->failed)
        snprintf(s->errmsg, sizeof s->errmsg, "%s: %s: %s",
                 strcmp(s->name, "-") ? s->name : "(stdin)", vs_codec_name(s->codec), msg);
    s->failed = true;
}

static void fail_at(struct vs_dstream *s, const char *what, const char *detail)
{
    char sz[32];
    vs_human_bytes(s->out_total, sz, sizeof sz);
    if (detail && *detail)
        fail(s, "%s after %s (%s)", what, sz, detail);
    else
        fail(s, "%s after %s", what, sz);
}

/* More compressed bytes into in[]: false on a read error (reported). */
static bool refill(struct vs_dstream *s)
{
    if (s->in_pos < s->in_len) {
        memmove(s->in, s->in + s->in_pos, s->in_len - s->in_pos);
        s->in_len -= s->in_pos;
    } else {
        s->in_len = 0;
    }
    s->in_pos = 0;
    if (s->fd < 0) {
        size_t k = IN_BUF - s->in_len < s->memlen ? IN_BUF - s->in_len : s->memlen;
        struct vs_cur c = vs_cur_make(s->mem, s->memlen);
        vs_cur_copy(&c, s->in + s->in_len, k);
        s->mem = c.p;
        s->memlen = c.n;
        s->in_len += k;
        s->in_total += k;
        if (s->memlen == 0)
            s->in_eof = true;
        return true;
    }
    for (;;) {
        ssize_t r = read(s->fd, s->in + s->in_len, IN_BUF - s->in_len);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            fail(s, "read error: %s", strerror(errno));
            return false;
        }
        if (r == 0)
            s->in_eof = true;
        s->in_len += (size_t)r;
        s->in_total += (uint64_t)r;
        return true;
    }
}

static bool init_codec(struct vs_dstream *s)
{
    switch (s->codec) {
    case VS_CODEC_GZIP:
#ifdef VS_HAVE_ISAL
        s->u.gz = malloc(sizeof *s->u.gz);
        if (!s->u.gz)
            return false;
        isal_inflate_init(s->u.gz);
        s->u.gz->crc_flag = ISAL_GZIP; /* header parsed, CRC-32 and length checked */
#else
        memset(&s->u.z, 0, sizeof s->u.z);
        if (inflateInit2(&s->u.z, 16 + MAX_WBITS) != Z_OK)
            return false;
#endif
        break;
    case VS_CODEC_ZSTD:
        s->u.zs = ZSTD_createDStream();
        if (!s->u.zs || ZSTD_isError(ZSTD_initDStream(s->u.zs)))
            return false;
        /* The library's default cap on the window (128 MiB) is what bounds memory. */
        ZSTD_DCtx_setParameter(s->u.zs, ZSTD_d_windowLogMax, 27);
        break;
    case VS_CODEC_XZ: {
        lzma_stream init = LZMA_STREAM_INIT;
        s->u.xz = init;
        if (lzma_stream_decoder(&s->u.xz, XZ_MEMLIMIT, LZMA_CONCATENATED) != LZMA_OK)
            return false;
        break;
    }
    case VS_CODEC_LZ4:
        if (LZ4F_isError(LZ4F_createDecompressionContext(&s->u.lz4, LZ4F_VERSION)))
            return false;
        break;
    case VS_CODEC_BZIP2:
        memset(&s->u.bz, 0, sizeof s->u.bz);
        if (BZ2_bzDecompressInit(&s->u.bz, 0, 0) != BZ_OK)
            return false;
        break;
    case VS_CODEC_NONE:
        break;
    }
    s->inited = true;
    return true;
}

static void end_codec(struct vs_dstream *s)
{
    if (!s->inited)
        return;
    switch (s->codec) {
    case VS_CODEC_GZIP:
#ifdef VS_HAVE_ISAL
        free(s->u.gz);
#else
        inflateEnd(&s->u.z);
#endif
        break;
    case VS_CODEC_ZSTD:
        ZSTD_freeDStream(s->u.zs);
        break;
    case VS_CODEC_XZ:
        lzma_end(&s->u.xz);
        break;
    case VS_CODEC_LZ4:
        LZ4F_freeDecompressionContext(s->u.lz4);
        break;
    case VS_CODEC_BZIP2:
        BZ2_bzDecompressEnd(&s->u.bz);
        break;
    case VS_CODEC_NONE:
        break;
    }
    s->inited = false;
}

/* Another gzip member or bzip2 stream after the end of one: only its magic may follow. */
static enum step next_member(struct vs_dstream *s)
{
    uint8_t first = s->in[s->in_pos];
    if ((s->codec == VS_CODEC_GZIP && first != 0x1f) ||
        (s->codec == VS_CODEC_BZIP2 && first != 'B')) {
        fail_at(s, "trailing garbage", "not another compressed member");
        return STEP_ERR;
    }
#ifdef VS_HAVE_ISAL
    if (s->codec == VS_CODEC_GZIP) {
        /* The same state for every member: bgzip writes one per 64 KiB. */
        isal_inflate_reset(s->u.gz);
        s->u.gz->crc_flag = ISAL_GZIP;
        s->boundary = false;
        return STEP_OK;
    }
#endif
    end_codec(s);
    if (!init_codec(s)) {
        fail(s, "cannot restart the decoder");
        return STEP_ERR;
    }
    s->boundary = false;
    return STEP_OK;
}

#ifdef VS_HAVE_ISAL
static const char *isal_error(int r)
{
    switch (r) {
    case ISAL_INVALID_BLOCK:
        return "invalid block";
    case ISAL_INVALID_SYMBOL:
        return "invalid code";
    case ISAL_INVALID_LOOKBACK:
        return "invalid distance too far back";
    case ISAL_INVALID_WRAPPER:
        return "incorrect header";
    case ISAL_UNSUPPORTED_METHOD:
        return "unknown compression method";
    case ISAL_INCORRECT_CHECKSUM:
        return "incorrect data check";
    case ISAL_NEED_DICT:
        return "needs a preset dictionary";
    default:
        return "";
    }
}

static enum step step_gzip(struct vs_dstream *s, uint8_t *out, size_t n, size_t *got)
{
    struct inflate_state *st = s->u.gz;
    size_t avail = s->in_len - s->in_pos;
    st->next_in = s->in + s->in_pos;
    st->avail_in = avail > UINT32_MAX ? UINT32_MAX : (uint32_t)avail;
    st->next_out = out;
    st->avail_out = n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
    uint32_t in0 = st->avail_in, out0 = st->avail_out;
    int r = isal_inflate(st);
    s->in_pos += in0 - st->avail_in;
    *got = out0 - st->avail_out;
    if (r != ISAL_DECOMP_OK) {
        fail_at(s, "corrupt data", isal_error(r));
        return STEP_ERR;
    }
    /* FINISH: the trailer was read and checked, and every byte of the member flushed. The
     * bits read ahead past it were handed back to next_in. */
    if (st->block_state == ISAL_BLOCK_FINISH)
        s->boundary = true;
    return STEP_OK;
}
#else
static enum step step_gzip(struct vs_dstream *s, uint8_t *out, size_t n, size_t *got)
{
    z_stream *z = &s->u.z;
    size_t avail = s->in_len - s->in_pos;
    z->next_in = s->in + s->in_pos;
    z->avail_in = avail > UINT32_MAX ? UINT32_MAX : (uInt)avail;
    z->next_out = out;
    z->avail_out = n > UINT32_MAX ? UINT32_MAX : (uInt)n;
    uInt in0 = z->avail_in, out0 = z->avail_out;
    int r = inflate(z, Z_NO_FLUSH);
    s->in_pos += in0 - z->avail_in;
    *got = out0 - z->avail_out;
    if (r == Z_STREAM_END) {
        s->boundary = true;
        return STEP_OK;
    }
    if (r == Z_OK || r == Z_BUF_ERROR)
        return STEP_OK;
    if (r == Z_MEM_ERROR)
        fail(s, "out of memory");
    else
        fail_at(s, "corrupt data", z->msg ? z->msg : "");
    return STEP_ERR;
}
#endif

static enum step step_zstd(struct vs_dstream *s, uint8_t *out, size_t n, size_t *got)
{
    ZSTD_inBuffer in = {s->in + s->in_pos, s->in_len - s->in_pos, 0};
    ZSTD_outBuffer o = {out, n, 0};
    size_t r = ZSTD_decompressStream(s->u.zs, &o, &in);
    s->in_pos += in.pos;
    *got = o.pos;
    if (ZSTD_isError(r)) {
        fail_at(s, "corrupt data", ZSTD_getErrorName(r));
        return STEP_ERR;
    }
    /* 0: a frame ended and everything of it was flushed. */
    s->boundary = r == 0;
    return STEP_OK;
}

static enum step step_xz(struct vs_dstream *s, uint8_t *out, size_t n, size_t *got)
{
    lzma_stream *x = &s->u.xz;
    x->next_in = s->in + s->in_pos;
    x->avail_in = s->in_len - s->in_pos;
    x->next_out = out;
    x->avail_out = n;
    size_t in0 = x->avail_in;
    bool finish = s->in_eof && s->in_pos == s->in_len;
    lzma_ret r = lzma_code(x, finish ? LZMA_FINISH : LZMA_RUN);
    s->in_pos += in0 - x->avail_in;
    *got = n - x->avail_out;
    switch (r) {
    case LZMA_OK:
        return STEP_OK;
    case LZMA_STREAM_END:
        return STEP_END;
    case LZMA_BUF_ERROR:
        return STEP_OK; /* no progress: the caller decides */
    case LZMA_MEMLIMIT_ERROR:
        fail_at(s, "dictionary larger than 256 MiB", "");
        return STEP_ERR;
    case LZMA_MEM_ERROR:
        fail(s, "out of memory");
        return STEP_ERR;
    case LZMA_OPTIONS_ERROR:
        fail_at(s, "unsupported options", "");
        return STEP_ERR;
    default:
        fail_at(s, "corrupt data", "");
        return STEP_ERR;
    }
}

static enum step step_lz4(struct vs_dstream *s, uint8_t *out, size_t n, size_t *got)
{
    size_t dst = n, src = s->in_len - s->in_pos;
    size_t r = LZ4F_decompress(s->u.lz4, out, &dst, s->in + s->in_pos, &src, NULL);
    s->in_pos += src;
    *got = dst;
    if (LZ4F_isError(r)) {
        fail_at(s, "corrupt data", LZ4F_getErrorName(r));
        return STEP_ERR;
    }
    s->boundary = r == 0;
    return STEP_OK;
}

static enum step step_bzip2(struct vs_dstream *s, uint8_t *out, size_t n, size_t *got)
{
    bz_stream *b = &s->u.bz;
    size_t avail = s->in_len - s->in_pos;
    b->next_in = (char *)(s->in + s->in_pos);
    b->avail_in = avail > UINT32_MAX ? UINT32_MAX : (unsigned)avail;
    b->next_out = (char *)out;
    b->avail_out = n > UINT32_MAX ? UINT32_MAX : (unsigned)n;
    unsigned in0 = b->avail_in, out0 = b->avail_out;
    int r = BZ2_bzDecompress(b);
    s->in_pos += in0 - b->avail_in;
    *got = out0 - b->avail_out;
    if (r == BZ_STREAM_END) {
        s->boundary = true;
        return STEP_OK;
    }
    if (r == BZ_OK)
        return STEP_OK;
    if (r == BZ_MEM_ERROR)
        fail(s, "out of memory");
    else
        fail_at(s, "corrupt data", "");
    return STEP_ERR;
}

static enum step step(struct vs_dstream *s, uint8_t *out, size_t n, size_t *got)
{
    *got = 0;
    /* At the end of a member or frame with no input left, the decoders are not asked again
     * (bzip2 calls that a sequence error, zstd then wants the next frame's header). */
    if (s->boundary && s->in_pos == s->in_len && s->codec != VS_CODEC_NONE)
        return STEP_OK;
    if (s->boundary && s->in_pos < s->in_len &&
        (s->codec == VS_CODEC_GZIP || s->codec == VS_CODEC_BZIP2)) {
        enum step r = next_member(s);
        if (r != STEP_OK)
            return r;
    }
    switch (s->codec) {
    case VS_CODEC_GZIP:
        return step_gzip(s, out, n, got);
    case VS_CODEC_ZSTD:
        return step_zstd(s, out, n, got);
    case VS_CODEC_XZ:
        return step_xz(s, out, n, got);
    case VS_CODEC_LZ4:
        return step_lz4(s, out, n, got);
    case VS_CODEC_BZIP2:
        return step_bzip2(s, out, n, got);
    case VS_CODEC_NONE:
        break;
    }
    size_t k = s->in_len - s->in_pos < n ? s->in_len - s->in_pos : n;
    memcpy(out, s->in + s->in_pos, k);
    s->in_pos += k;
    *got = k;
    return STEP_OK;
}

/* Decode into out until it is full, the data ends or an error; bytes before an error are
 * returned first and the error on the next call. */
static ssize_t decode(struct vs_dstream *s, uint8_t *out, size_t n)
{
    size_t produced = 0;
    while (produced < n && !s->done && !s->failed) {
        if (s->codec == VS_CODEC_NONE && s->in_pos == s->in_len && s->fd >= 0 && !s->in_eof &&
            n - produced >= IN_BUF) {
            /* Plain data in large reads: straight into the caller's buffer. */
            ssize_t r = read(s->fd, out + produced, n - produced);
            if (r < 0 && errno == EINTR)
                continue;
            if (r < 0) {
                fail(s, "read error: %s", strerror(errno));
                break;
            }
            if (r == 0) {
                s->in_eof = true;
                s->done = true;
                break;
            }
            produced += (size_t)r;
            s->in_total += (uint64_t)r;
            s->out_total += (uint64_t)r;
            if (s->fd_is_pipe)
                break; /* what a pipe has now goes to the packet path now */
            continue;
        }
        /* A pipe (tcpdump -w - | vendorsniff -r -) is decoded as it arrives: once something
         * is produced, do not wait for more input to fill the caller's buffer. */
        if (produced > 0 && s->fd_is_pipe && s->in_pos == s->in_len && !s->in_eof)
            break;
        if (s->in_pos == s->in_len && !s->in_eof && !refill(s))
            break;
        size_t pos0 = s->in_pos, got = 0;
        enum step r = step(s, out + produced, n - produced, &got);
        produced += got;
        s->out_total += got;
        if (r == STEP_ERR)
            break;
        if (r == STEP_END) {
            s->done = true;
            break;
        }
        if (got == 0 && s->in_pos == pos0 && s->in_pos == s->in_len && s->in_eof) {
            if (s->boundary || s->codec == VS_CODEC_NONE)
                s->done = true;
            else
                fail_at(s, "unexpected end of data", "");
            break;
        }
    }
    if (produced > 0)
        return (ssize_t)produced;
    return s->failed ? -1 : 0;
}

static int open_common(struct vs_dstream *s, char *err, size_t errsz)
{
    s->in = malloc(IN_BUF);
    if (!s->in) {
        snprintf(err, errsz, "%s: out of memory", s->name);
        return -ENOMEM;
    }
    /* Enough for every magic; a shorter source is plain (and the reader says what it is). */
    while (s->in_len < 6 && !s->in_eof) {
        if (!refill(s)) {
            snprintf(err, errsz, "%s", s->errmsg);
            return -EIO;
        }
    }
    s->codec = vs_codec_detect(s->in, s->in_len);
    if (!init_codec(s)) {
        snprintf(err, errsz, "%s: %s: cannot start the decoder", s->name, vs_codec_name(s->codec));
        return -ENOMEM;
    }
    s->boundary = s->codec == VS_CODEC_NONE;
    return 0;
}

static struct vs_dstream *new_stream(const char *name)
{
    struct vs_dstream *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->name = strdup(name ? name : "-");
    if (!s->name) {
        free(s);
        return NULL;
    }
    s->fd = -1;
    return s;
}

int vs_dstream_open_fd(int fd, bool own_fd, const char *name, struct vs_dstream **out, char *err,
                       size_t errsz)
{
    *out = NULL;
    struct vs_dstream *s = new_stream(name);
    if (!s) {
        if (own_fd)
            close(fd);
        snprintf(err, errsz, "%s: out of memory", name);
        return -ENOMEM;
    }
    s->fd = fd;
    s->own_fd = own_fd;
    struct stat st;
    s->fd_is_pipe = fstat(fd, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode);
    posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    int rc = open_common(s, err, errsz);
    if (rc != 0) {
        vs_dstream_close(s);
        return rc;
    }
    *out = s;
    return 0;
}

int vs_dstream_open_mem(const uint8_t *buf, size_t len, const char *name, struct vs_dstream **out,
                        char *err, size_t errsz)
{
    *out = NULL;
    struct vs_dstream *s = new_stream(name);
    if (!s) {
        snprintf(err, errsz, "%s: out of memory", name);
        return -ENOMEM;
    }
    s->mem = buf;
    s->memlen = len;
    if (len == 0)
        s->in_eof = true;
    int rc = open_common(s, err, errsz);
    if (rc != 0) {
        vs_dstream_close(s);
        return rc;
    }
    *out = s;
    return 0;
}

enum vs_codec vs_dstream_codec(const struct vs_dstream *s)
{
    return s->codec;
}

size_t vs_dstream_peek(struct vs_dstream *s, uint8_t *buf, size_t n)
{
    if (n > HEAD_MAX)
        n = HEAD_MAX;
    if (s->head_pos > 0) {
        memmove(s->head, s->head + s->head_pos, s->head_len - s->head_pos);
        s->head_len -= s->head_pos;
        s->head_pos = 0;
    }
    while (s->head_len < n) {
        ssize_t r = decode(s, s->head + s->head_len, n - s->head_len);
        if (r <= 0)
            break;
        s->head_len += (size_t)r;
    }
    size_t k = s->head_len < n ? s->head_len : n;
    memcpy(buf, s->head, k);
    return k;
}

ssize_t vs_dstream_read(struct vs_dstream *s, void *buf, size_t n)
{
    if (n == 0)
        return 0;
    if (s->head_pos < s->head_len) {
        size_t k = s->head_len - s->head_pos < n ? s->head_len - s->head_pos : n;
        memcpy(buf, s->head + s->head_pos, k);
        s->head_pos += k;
        return (ssize_t)k;
    }
    return decode(s, buf, n);
}

const char *vs_dstream_error(const struct vs_dstream *s)
{
    return s->failed ? s->errmsg : "";
}

bool vs_dstream_failed(const struct vs_dstream *s)
{
    return s->failed;
}

uint64_t vs_dstream_in_bytes(const struct vs_dstream *s)
{
    return s->in_total;
}

uint64_t vs_dstream_out_bytes(const struct vs_dstream *s)
{
    return s->out_total;
}

void vs_dstream_close(struct vs_dstream *s)
{
    if (!s)
        return;
    end_codec(s);
    if (s->own_fd && s->fd >= 0)
        close(s->fd);
    free(s->in);
    free(s->name);
    free(s);
}

static ssize_t cookie_read(void *cookie, char *buf, size_t size)
{
    ssize_t r = vs_dstream_read(cookie, buf, size);
    if (r < 0)
        errno = EIO;
    return r;
}

FILE *vs_dstream_fopen(struct vs_dstream *s)
{
    cookie_io_functions_t io = {cookie_read, NULL, NULL, NULL};
    return fopencookie(s, "rb", io);
}
