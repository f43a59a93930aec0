/* SPDX-License-Identifier: BSD-2-Clause */
/* check_decompress.c - the decompression layer (src/capture/decompress.c): every codec read
 * back exactly in reads of every size, concatenated members and frames, truncated streams
 * (what came before the cut is delivered, then an error naming the codec), garbage after a
 * magic, trailing garbage, a bomb (a small input expanding to 256 MiB read in bounded memory),
 * peeking, the stdio view, and captures inside compressed files through vs_capture. */
#include <bzlib.h>
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <lz4frame.h>
#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "vendorsniff/capture.h"
#include "vendorsniff/decompress.h"

#define PLAIN_LEN ((size_t)300000)

static uint8_t *plain;

/* Compressible but not trivial: text-like runs with a pseudo-random walk. */
static void make_plain(void)
{
    plain = malloc(PLAIN_LEN);
    ck_assert_ptr_nonnull(plain);
    uint32_t x = 12345;
    for (size_t i = 0; i < PLAIN_LEN; i++) {
        x = x * 1103515245u + 12345u;
        plain[i] = (uint8_t)("abcdefgh ijklmnop\n"[(x >> 16) % 18]);
    }
}

struct buf {
    uint8_t *p;
    size_t n;
};

static struct buf gz_level(const uint8_t *in, size_t n, int level)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    ck_assert_int_eq(deflateInit2(&z, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY),
                     Z_OK);
    struct buf b = {malloc(deflateBound(&z, n) + 64), 0};
    z.next_in = (Bytef *)in;
    z.avail_in = (uInt)n;
    z.next_out = b.p;
    z.avail_out = (uInt)(deflateBound(&z, n) + 64);
    ck_assert_int_eq(deflate(&z, Z_FINISH), Z_STREAM_END);
    b.n = z.total_out;
    deflateEnd(&z);
    return b;
}

static struct buf gz(const uint8_t *in, size_t n)
{
    return gz_level(in, n, 6);
}

static struct buf zst(const uint8_t *in, size_t n)
{
    struct buf b = {malloc(ZSTD_compressBound(n)), 0};
    b.n = ZSTD_compress(b.p, ZSTD_compressBound(n), in, n, 3);
    ck_assert(!ZSTD_isError(b.n));
    return b;
}

static struct buf xz(const uint8_t *in, size_t n)
{
    size_t cap = lzma_stream_buffer_bound(n);
    struct buf b = {malloc(cap), 0};
    ck_assert_int_eq(lzma_easy_buffer_encode(1, LZMA_CHECK_CRC64, NULL, in, n, b.p, &b.n, cap),
                     LZMA_OK);
    return b;
}

static struct buf lz4(const uint8_t *in, size_t n)
{
    size_t cap = LZ4F_compressFrameBound(n, NULL);
    struct buf b = {malloc(cap), 0};
    b.n = LZ4F_compressFrame(b.p, cap, in, n, NULL);
    ck_assert(!LZ4F_isError(b.n));
    return b;
}

static struct buf bz2(const uint8_t *in, size_t n)
{
    unsigned cap = (unsigned)(n + n / 100 + 1000);
    struct buf b = {malloc(cap), 0};
    ck_assert_int_eq(BZ2_bzBuffToBuffCompress((char *)b.p, &cap, (char *)in, (unsigned)n, 9, 0, 0),
                     BZ_OK);
    b.n = cap;
    return b;
}

typedef struct buf (*compress_fn)(const uint8_t *, size_t);
static const struct {
    const char *name;
    enum vs_codec codec;
    compress_fn fn;
} codecs[] = {
    {"gzip", VS_CODEC_GZIP, gz}, {"zstd", VS_CODEC_ZSTD, zst},   {"xz", VS_CODEC_XZ, xz},
    {"lz4", VS_CODEC_LZ4, lz4},  {"bzip2", VS_CODEC_BZIP2, bz2},
};
#define NCODECS (sizeof codecs / sizeof codecs[0])

/* Read the whole stream in reads of `step` bytes into out (cap bytes); returns the count and
 * the last read's result in *last. */
static size_t drain(struct vs_dstream *s, uint8_t *out, size_t cap, size_t step, ssize_t *last)
{
    size_t got = 0;
    for (;;) {
        size_t want = step < cap - got ? step : cap - got;
        ssize_t r = vs_dstream_read(s, out + got, want);
        *last = r;
        if (r <= 0 || want == 0)
            return got;
        got += (size_t)r;
    }
}

START_TEST(roundtrip)
{
    static const size_t steps[] = {1, 7, 4096, 65536, 1 << 20};
    struct buf c = codecs[_i].fn(plain, PLAIN_LEN);
    ck_assert_int_eq(vs_codec_detect(c.p, c.n), codecs[_i].codec);
    for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++) {
        if (steps[k] == 1 && codecs[_i].codec == VS_CODEC_BZIP2)
            continue; /* slow, and nothing the 7-byte reads do not cover */
        char err[256];
        struct vs_dstream *s;
        ck_assert_int_eq(vs_dstream_open_mem(c.p, c.n, "t", &s, err, sizeof err), 0);
        ck_assert_int_eq(vs_dstream_codec(s), codecs[_i].codec);
        uint8_t *out = malloc(PLAIN_LEN + 16);
        ssize_t last;
        size_t got = drain(s, out, PLAIN_LEN + 16, steps[k], &last);
        ck_assert_msg(last == 0, "%s: %s", codecs[_i].name, vs_dstream_error(s));
        ck_assert_uint_eq(got, PLAIN_LEN);
        ck_assert(memcmp(out, plain, PLAIN_LEN) == 0);
        ck_assert_uint_eq(vs_dstream_in_bytes(s), c.n);
        ck_assert_uint_eq(vs_dstream_out_bytes(s), PLAIN_LEN);
        free(out);
        vs_dstream_close(s);
    }
    free(c.p);
}
END_TEST

/* Two members or frames back to back (cat a.gz b.gz, pigz, zstd --rsyncable pieces). */
START_TEST(concatenated)
{
    struct buf a = codecs[_i].fn(plain, PLAIN_LEN / 2);
    struct buf b = codecs[_i].fn(plain + PLAIN_LEN / 2, PLAIN_LEN - PLAIN_LEN / 2);
    uint8_t *both = malloc(a.n + b.n);
    memcpy(both, a.p, a.n);
    memcpy(both + a.n, b.p, b.n);
    char err[256];
    struct vs_dstream *s;
    ck_assert_int_eq(vs_dstream_open_mem(both, a.n + b.n, "t", &s, err, sizeof err), 0);
    uint8_t *out = malloc(PLAIN_LEN + 16);
    ssize_t last;
    size_t got = drain(s, out, PLAIN_LEN + 16, 10000, &last);
    ck_assert_msg(last == 0, "%s: %s", codecs[_i].name, vs_dstream_error(s));
    ck_assert_uint_eq(got, PLAIN_LEN);
    ck_assert(memcmp(out, plain, PLAIN_LEN) == 0);
    vs_dstream_close(s);
    free(out);
    free(both);
    free(a.p);
    free(b.p);
}
END_TEST

/* Cut anywhere: what was decoded is a prefix of the original, then an error names the codec;
 * never a clean end. */
START_TEST(truncated)
{
    struct buf c = codecs[_i].fn(plain, PLAIN_LEN);
    const size_t cuts[] = {c.n - 1, c.n - 5, c.n / 2, c.n / 3, 20, 7};
    for (size_t k = 0; k < sizeof cuts / sizeof cuts[0]; k++) {
        uint8_t *cut = malloc(cuts[k]); /* exact size: ASan sees any overread */
        memcpy(cut, c.p, cuts[k]);
        char err[256];
        struct vs_dstream *s;
        ck_assert_int_eq(vs_dstream_open_mem(cut, cuts[k], "cut.x", &s, err, sizeof err), 0);
        uint8_t *out = malloc(PLAIN_LEN + 16);
        ssize_t last;
        size_t got = drain(s, out, PLAIN_LEN + 16, 8192, &last);
        ck_assert_msg(last == -1, "%s cut at %zu: no error (%zd)", codecs[_i].name, cuts[k], last);
        ck_assert(got <= PLAIN_LEN);
        ck_assert(memcmp(out, plain, got) == 0);
        const char *e = vs_dstream_error(s);
        ck_assert_msg(strncmp(e, "cut.x: ", 7) == 0 && strstr(e, codecs[_i].name), "%s", e);
        /* Sticky. */
        ck_assert_int_eq(vs_dstream_read(s, out, 10), -1);
        vs_dstream_close(s);
        free(out);
        free(cut);
    }
    free(c.p);
}
END_TEST

START_TEST(truncated_message)
{
    struct buf c = gz(plain, PLAIN_LEN);
    char err[256];
    struct vs_dstream *s;
    ck_assert_int_eq(vs_dstream_open_mem(c.p, c.n - 8, "x.pcap.gz", &s, err, sizeof err), 0);
    uint8_t *out = malloc(PLAIN_LEN + 16);
    ssize_t last;
    drain(s, out, PLAIN_LEN + 16, 65536, &last);
    ck_assert_int_eq(last, -1);
    ck_assert_msg(strstr(vs_dstream_error(s), "x.pcap.gz: gzip: unexpected end of data after "),
                  "%s", vs_dstream_error(s));
    vs_dstream_close(s);
    free(out);
    free(c.p);
}
END_TEST

/* A valid magic followed by junk: an error, whatever the junk. */
START_TEST(garbage_after_magic)
{
    struct buf c = codecs[_i].fn(plain, 1000);
    size_t keep = codecs[_i].codec == VS_CODEC_XZ ? 6 : codecs[_i].codec == VS_CODEC_GZIP ? 3 : 4;
    uint32_t x = 99;
    for (int round = 0; round < 20; round++) {
        size_t n = 64 + (size_t)round * 37;
        uint8_t *g = malloc(n);
        memcpy(g, c.p, keep);
        for (size_t k = keep; k < n; k++) {
            x = x * 1664525u + 1013904223u;
            g[k] = (uint8_t)(x >> 24);
        }
        char err[256];
        struct vs_dstream *s;
        ck_assert_int_eq(vs_dstream_open_mem(g, n, "junk", &s, err, sizeof err), 0);
        uint8_t out[4096];
        ssize_t last;
        drain(s, out, sizeof out, 1024, &last);
        ck_assert_msg(last == -1 || vs_dstream_out_bytes(s) >= sizeof out, "%s round %d",
                      codecs[_i].name, round);
        vs_dstream_close(s);
        free(g);
    }
    free(c.p);
}
END_TEST

START_TEST(trailing_garbage)
{
    struct buf c = gz(plain, 5000);
    uint8_t *g = malloc(c.n + 10);
    memcpy(g, c.p, c.n);
    memcpy(g + c.n, "0123456789", 10);
    char err[256];
    struct vs_dstream *s;
    ck_assert_int_eq(vs_dstream_open_mem(g, c.n + 10, "t.gz", &s, err, sizeof err), 0);
    uint8_t out[8000];
    ssize_t last;
    size_t got = drain(s, out, sizeof out, 8000, &last);
    ck_assert_uint_eq(got, 5000);
    ck_assert_int_eq(last, -1);
    ck_assert_msg(strstr(vs_dstream_error(s), "trailing garbage"), "%s", vs_dstream_error(s));
    vs_dstream_close(s);
    free(g);
    free(c.p);
}
END_TEST

/* Many gzip members back to back, as bgzip (one per 64 KiB) and `cat a.gz b.gz` write them,
 * an empty member among them: every byte read back, whatever the read size, and every
 * compressed byte counted. */
static struct buf gz_members(size_t nmembers, size_t **ends)
{
    size_t per = PLAIN_LEN / nmembers;
    struct buf all = {NULL, 0};
    *ends = malloc((nmembers + 2) * sizeof **ends);
    size_t k = 0;
    for (size_t m = 0; m <= nmembers; m++) {
        size_t from = m * per;
        size_t to = m == nmembers ? PLAIN_LEN : from + per;
        if (m == 1) { /* an empty member after the first */
            struct buf e = gz(plain, 0);
            all.p = realloc(all.p, all.n + e.n);
            memcpy(all.p + all.n, e.p, e.n);
            all.n += e.n;
            free(e.p);
        }
        if (to <= from)
            continue;
        struct buf b = gz(plain + from, to - from);
        all.p = realloc(all.p, all.n + b.n);
        memcpy(all.p + all.n, b.p, b.n);
        all.n += b.n;
        (*ends)[k++] = all.n;
        free(b.p);
    }
    (*ends)[k] = 0;
    return all;
}

START_TEST(gzip_many_members)
{
    static const size_t steps[] = {1, 100, 4096, 65536, 1 << 20};
    size_t *ends;
    struct buf c = gz_members(37, &ends);
    free(ends);
    for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++) {
        char err[256];
        struct vs_dstream *s;
        ck_assert_int_eq(vs_dstream_open_mem(c.p, c.n, "m.gz", &s, err, sizeof err), 0);
        ck_assert_int_eq(vs_dstream_codec(s), VS_CODEC_GZIP);
        uint8_t *out = malloc(PLAIN_LEN + 16);
        ssize_t last;
        size_t got = drain(s, out, PLAIN_LEN + 16, steps[k], &last);
        ck_assert_msg(last == 0, "step %zu: %s", steps[k], vs_dstream_error(s));
        ck_assert_uint_eq(got, PLAIN_LEN);
        ck_assert(memcmp(out, plain, PLAIN_LEN) == 0);
        ck_assert_uint_eq(vs_dstream_in_bytes(s), c.n);
        ck_assert_uint_eq(vs_dstream_out_bytes(s), PLAIN_LEN);
        free(out);
        vs_dstream_close(s);
    }
    /* Larger than the layer's input buffer, so members straddle its refills; from a file,
     * which is read in blocks rather than handed over whole. */
    size_t reps = 12;
    uint8_t *big = malloc(c.n * reps);
    for (size_t r = 0; r < reps; r++)
        memcpy(big + r * c.n, c.p, c.n);
    char path[] = "/tmp/check_decompress_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, big, c.n * reps), (ssize_t)(c.n * reps));
    ck_assert_int_eq(lseek(fd, 0, SEEK_SET), 0);
    char err[256];
    struct vs_dstream *s;
    ck_assert_int_eq(vs_dstream_open_fd(fd, true, path, &s, err, sizeof err), 0);
    uint8_t *out = malloc(PLAIN_LEN);
    for (size_t r = 0; r < reps; r++) {
        ssize_t last;
        ck_assert_uint_eq(drain(s, out, PLAIN_LEN, 50000, &last), PLAIN_LEN);
        ck_assert_msg(memcmp(out, plain, PLAIN_LEN) == 0, "repetition %zu differs", r);
    }
    ck_assert_int_eq(vs_dstream_read(s, out, 1), 0);
    ck_assert_uint_eq(vs_dstream_in_bytes(s), c.n * reps);
    vs_dstream_close(s);
    unlink(path);
    free(out);
    free(big);
    free(c.p);
}
END_TEST

/* Cut inside a later member (in its header, its deflate data, its trailer): every member
 * before it is delivered whole, the cut one up to where its data ends, then one error that
 * names the stream, the codec and how much was decompressed; corrupt CRC the same way. */
START_TEST(gzip_member_cut)
{
    size_t *ends;
    struct buf c = gz_members(5, &ends);
    /* ends[i]: where the i-th member holding data ends (the empty one is folded into the
     * second); the cuts fall in the third. */
    size_t second = ends[1];
    size_t third_len = ends[2] - ends[1];
    const size_t cuts[] = {second + 1,  second + 5, second + 10, second + third_len / 2,
                           ends[2] - 4, ends[2] - 1};
    size_t per = PLAIN_LEN / 5;
    for (size_t k = 0; k < sizeof cuts / sizeof cuts[0]; k++) {
        uint8_t *cut = malloc(cuts[k]);
        memcpy(cut, c.p, cuts[k]);
        char err[256];
        struct vs_dstream *s;
        ck_assert_int_eq(vs_dstream_open_mem(cut, cuts[k], "cut.gz", &s, err, sizeof err), 0);
        uint8_t *out = malloc(PLAIN_LEN + 16);
        ssize_t last;
        size_t got = drain(s, out, PLAIN_LEN + 16, 7000, &last);
        ck_assert_msg(last == -1, "cut at %zu: no error", cuts[k]);
        ck_assert_msg(got >= 2 * per && got <= 3 * per, "cut at %zu: %zu bytes", cuts[k], got);
        ck_assert(memcmp(out, plain, got) == 0);
        ck_assert_uint_eq(vs_dstream_out_bytes(s), got);
        char want[128], sz[32];
        vs_human_bytes(got, sz, sizeof sz);
        snprintf(want, sizeof want, "cut.gz: gzip: unexpected end of data after %s", sz);
        ck_assert_str_eq(vs_dstream_error(s), want);
        ck_assert_int_eq(vs_dstream_read(s, out, 10), -1);
        vs_dstream_close(s);
        free(out);
        free(cut);
    }
    /* A wrong CRC-32 in the third member's trailer. */
    uint8_t *bad = malloc(ends[2]);
    memcpy(bad, c.p, ends[2]);
    bad[ends[2] - 8] ^= 0x55;
    char err[256];
    struct vs_dstream *s;
    ck_assert_int_eq(vs_dstream_open_mem(bad, ends[2], "crc.gz", &s, err, sizeof err), 0);
    uint8_t *out = malloc(PLAIN_LEN + 16);
    ssize_t last;
    size_t got = drain(s, out, PLAIN_LEN + 16, 65536, &last);
    ck_assert_int_eq(last, -1);
    ck_assert_uint_ge(got, 2 * per);
    ck_assert(memcmp(out, plain, got) == 0);
    ck_assert_msg(strncmp(vs_dstream_error(s), "crc.gz: gzip: corrupt data after ", 33) == 0 &&
                      strstr(vs_dstream_error(s), "incorrect data check"),
                  "%s", vs_dstream_error(s));
    vs_dstream_close(s);
    free(out);
    free(bad);
    free(ends);
    free(c.p);
}
END_TEST

/* A member that ends near where the layer's reads of a file fall (every 256 KiB): its trailer
 * or the next member's header split between two reads. Stored (level 0) members have sizes
 * that can be set to the byte. */
START_TEST(gzip_member_at_read_boundary)
{
    const size_t read_block = (size_t)256 << 10;
    static const int offsets[] = {-20, -10, -8, -5, -1, 0, 1, 3, 4, 7, 8, 9, 12};
    struct buf tail = gz(plain, 5000);
    uint8_t *src = malloc(read_block + 64);
    for (size_t k = 0; k < read_block + 64; k++)
        src[k] = plain[k % PLAIN_LEN];
    for (size_t o = 0; o < sizeof offsets / sizeof offsets[0]; o++) {
        size_t want = (size_t)((long)read_block + offsets[o]);
        /* Find the input length whose stored member is exactly `want` bytes. */
        size_t n = want - 40;
        struct buf first = gz_level(src, n, 0);
        while (first.n != want && n > 0 && n < read_block + 64) {
            n += first.n < want ? 1 : (size_t)-1;
            free(first.p);
            first = gz_level(src, n, 0);
        }
        ck_assert_uint_eq(first.n, want);
        uint8_t *both = malloc(first.n + tail.n);
        memcpy(both, first.p, first.n);
        memcpy(both + first.n, tail.p, tail.n);
        char path[] = "/tmp/check_decompress_XXXXXX";
        int fd = mkstemp(path);
        ck_assert_int_ge(fd, 0);
        ck_assert_int_eq(write(fd, both, first.n + tail.n), (ssize_t)(first.n + tail.n));
        ck_assert_int_eq(lseek(fd, 0, SEEK_SET), 0);
        char err[256];
        struct vs_dstream *s;
        ck_assert_int_eq(vs_dstream_open_fd(fd, true, path, &s, err, sizeof err), 0);
        uint8_t *out = malloc(n + 5000 + 16);
        ssize_t last;
        size_t got = drain(s, out, n + 5000 + 16, 65536, &last);
        ck_assert_msg(last == 0, "member of %zu bytes: %s", want, vs_dstream_error(s));
        ck_assert_uint_eq(got, n + 5000);
        ck_assert(memcmp(out, src, n) == 0 && memcmp(out + n, plain, 5000) == 0);
        vs_dstream_close(s);
        unlink(path);
        free(out);
        free(both);
        free(first.p);
    }
    free(src);
    free(tail.p);
}
END_TEST

static long max_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* 256 MiB of zeros from a few hundred kilobytes: read through, memory stays flat. */
START_TEST(bomb)
{
    const size_t total = (size_t)256 << 20;
    static uint8_t zeros[1 << 20];
    ZSTD_CCtx *cc = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(cc, ZSTD_c_compressionLevel, 1);
    ZSTD_CCtx_setParameter(cc, ZSTD_c_windowLog, 20);
    size_t cap = 4 << 20;
    struct buf c = {malloc(cap), 0};
    ZSTD_outBuffer o = {c.p, cap, 0};
    for (size_t done = 0; done < total; done += sizeof zeros) {
        ZSTD_inBuffer in = {zeros, sizeof zeros, 0};
        bool last = done + sizeof zeros >= total;
        size_t r;
        do
            r = ZSTD_compressStream2(cc, &o, &in, last ? ZSTD_e_end : ZSTD_e_continue);
        while (!ZSTD_isError(r) && (in.pos < in.size || (last && r != 0)));
        ck_assert(!ZSTD_isError(r));
    }
    ZSTD_freeCCtx(cc);
    c.n = o.pos;
    ck_assert_uint_lt(c.n, 1 << 20);
    long before = max_rss_kb();
    char err[256];
    struct vs_dstream *s;
    ck_assert_int_eq(vs_dstream_open_mem(c.p, c.n, "bomb.zst", &s, err, sizeof err), 0);
    uint8_t *out = malloc(1 << 16);
    size_t got = 0;
    ssize_t r;
    while ((r = vs_dstream_read(s, out, 1 << 16)) > 0)
        got += (size_t)r;
    ck_assert_int_eq(r, 0);
    ck_assert_uint_eq(got, total);
    /* The 1 MiB window is allocated, the output never is. */
    long grew = max_rss_kb() - before;
    ck_assert_msg(grew < 16 * 1024, "grew by %ld kB", grew);
    vs_dstream_close(s);
    free(out);
    free(c.p);

    /* The same shape through gzip, whose window is 32 KiB. */
    struct buf g = gz(zeros, sizeof zeros);
    uint8_t *many = malloc(g.n * 64);
    for (int k = 0; k < 64; k++)
        memcpy(many + (size_t)k * g.n, g.p, g.n);
    before = max_rss_kb();
    ck_assert_int_eq(vs_dstream_open_mem(many, g.n * 64, "bomb.gz", &s, err, sizeof err), 0);
    uint8_t small[4096];
    got = 0;
    while ((r = vs_dstream_read(s, small, sizeof small)) > 0)
        got += (size_t)r;
    ck_assert_int_eq(r, 0);
    ck_assert_uint_eq(got, (size_t)64 << 20);
    ck_assert_msg(max_rss_kb() - before < 8 * 1024, "grew by %ld kB", max_rss_kb() - before);
    vs_dstream_close(s);
    free(many);
    free(g.p);
}
END_TEST

START_TEST(plain_passthrough)
{
    char err[256];
    struct vs_dstream *s;
    ck_assert_int_eq(vs_dstream_open_mem(plain, PLAIN_LEN, "p", &s, err, sizeof err), 0);
    ck_assert_int_eq(vs_dstream_codec(s), VS_CODEC_NONE);
    uint8_t head[16];
    ck_assert_uint_eq(vs_dstream_peek(s, head, 16), 16);
    ck_assert(memcmp(head, plain, 16) == 0);
    uint8_t *out = malloc(PLAIN_LEN);
    ssize_t last;
    ck_assert_uint_eq(drain(s, out, PLAIN_LEN, 3000, &last), PLAIN_LEN);
    ck_assert(memcmp(out, plain, PLAIN_LEN) == 0);
    vs_dstream_close(s);
    /* Shorter than any magic, and empty. */
    ck_assert_int_eq(vs_dstream_open_mem(plain, 3, "p", &s, err, sizeof err), 0);
    ck_assert_uint_eq(drain(s, out, PLAIN_LEN, 3000, &last), 3);
    vs_dstream_close(s);
    ck_assert_int_eq(vs_dstream_open_mem(plain, 0, "p", &s, err, sizeof err), 0);
    ck_assert_uint_eq(drain(s, out, PLAIN_LEN, 3000, &last), 0);
    ck_assert_int_eq(last, 0);
    vs_dstream_close(s);
    free(out);
}
END_TEST

START_TEST(peek_then_read_and_stdio)
{
    struct buf c = xz(plain, PLAIN_LEN);
    char err[256];
    struct vs_dstream *s;
    ck_assert_int_eq(vs_dstream_open_mem(c.p, c.n, "t", &s, err, sizeof err), 0);
    uint8_t head[8];
    ck_assert_uint_eq(vs_dstream_peek(s, head, 4), 4);
    ck_assert_uint_eq(vs_dstream_peek(s, head, 8), 8);
    ck_assert(memcmp(head, plain, 8) == 0);
    FILE *f = vs_dstream_fopen(s);
    ck_assert_ptr_nonnull(f);
    uint8_t *out = malloc(PLAIN_LEN + 1);
    ck_assert_uint_eq(fread(out, 1, PLAIN_LEN + 1, f), PLAIN_LEN);
    ck_assert(memcmp(out, plain, PLAIN_LEN) == 0);
    ck_assert(!ferror(f));
    fclose(f);
    vs_dstream_close(s);
    free(out);
    free(c.p);
}
END_TEST

START_TEST(detect)
{
    static const uint8_t gzm[] = {0x1f, 0x8b, 8, 0, 0, 0}, zm[] = {0x28, 0xb5, 0x2f, 0xfd, 0, 0},
                         skip[] = {0x5e, 0x2a, 0x4d, 0x18, 0, 0},
                         xzm[] = {0xfd, '7', 'z', 'X', 'Z', 0}, lzm[] = {4, 0x22, 0x4d, 0x18, 0, 0},
                         bzm[] = {'B', 'Z', 'h', '9', 0, 0}, bzbad[] = {'B', 'Z', 'h', '0', 0, 0},
                         pcap[] = {0xd4, 0xc3, 0xb2, 0xa1, 2, 0};
    ck_assert_int_eq(vs_codec_detect(gzm, 6), VS_CODEC_GZIP);
    ck_assert_int_eq(vs_codec_detect(gzm, 2), VS_CODEC_NONE);
    ck_assert_int_eq(vs_codec_detect(zm, 6), VS_CODEC_ZSTD);
    ck_assert_int_eq(vs_codec_detect(skip, 6), VS_CODEC_ZSTD);
    ck_assert_int_eq(vs_codec_detect(xzm, 6), VS_CODEC_XZ);
    ck_assert_int_eq(vs_codec_detect(xzm, 5), VS_CODEC_NONE);
    ck_assert_int_eq(vs_codec_detect(lzm, 6), VS_CODEC_LZ4);
    ck_assert_int_eq(vs_codec_detect(bzm, 6), VS_CODEC_BZIP2);
    ck_assert_int_eq(vs_codec_detect(bzbad, 6), VS_CODEC_NONE);
    ck_assert_int_eq(vs_codec_detect(pcap, 6), VS_CODEC_NONE);
    ck_assert_int_eq(vs_codec_detect(NULL, 0), VS_CODEC_NONE);
    char h[32];
    vs_human_bytes(1234567890, h, sizeof h);
    ck_assert_str_eq(h, "1.2 GB");
    vs_human_bytes(17, h, sizeof h);
    ck_assert_str_eq(h, "17 bytes");
}
END_TEST

/* A classic pcap inside each codec, read through vs_capture: the same frames. */
static void count_packet(void *ctx, int dlt, int64_t sec, uint32_t usec, const uint8_t *data,
                         size_t caplen, size_t wirelen)
{
    size_t *n = ctx;
    (void)dlt, (void)usec, (void)data, (void)wirelen;
    ck_assert_int_eq(sec, 1700000000 + (int64_t)*n);
    ck_assert_uint_eq(caplen, 60);
    (*n)++;
}

START_TEST(capture_inside)
{
    uint8_t cap[24 + 100 * 76];
    memset(cap, 0, sizeof cap);
    const uint32_t hdr[6] = {0xa1b2c3d4u, 2u | 4u << 16, 0, 0, 65535, 1};
    memcpy(cap, hdr, sizeof hdr);
    for (uint32_t i = 0; i < 100; i++) {
        const uint32_t rec[4] = {1700000000u + i, 0, 60, 60};
        memcpy(cap + 24 + i * 76, rec, sizeof rec);
        memset(cap + 24 + i * 76 + 16, 0xff, 6);
    }
    struct buf c = codecs[_i].fn(cap, sizeof cap);
    char path[] = "/tmp/check_decompress_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, c.p, c.n), (ssize_t)c.n);
    close(fd);
    char err[512];
    struct vs_capture *vc;
    ck_assert_msg(vs_capture_open_file(path, NULL, &vc, err, sizeof err) == 0, "%s", err);
    size_t n = 0;
    while (vs_capture_dispatch(vc, 7, count_packet, &n, err, sizeof err) > 0)
        ;
    ck_assert_uint_eq(n, 100);
    ck_assert_uint_eq(vs_capture_position(vc), c.n);
    vs_capture_close(vc);
    /* Cut short: the packets before the cut (none when the cut falls in the first block: then
     * the open fails), then an error naming the file and the codec. */
    fd = open(path, O_WRONLY | O_TRUNC);
    ck_assert_int_eq(write(fd, c.p, c.n - 30), (ssize_t)(c.n - 30));
    close(fd);
    if (vs_capture_open_file(path, NULL, &vc, err, sizeof err) == 0) {
        n = 0;
        long r;
        while ((r = vs_capture_dispatch(vc, 7, count_packet, &n, err, sizeof err)) > 0)
            ;
        ck_assert_int_eq(r, -2);
        ck_assert_uint_le(n, 100);
        vs_capture_close(vc);
    }
    ck_assert_msg(strstr(err, path) && strstr(err, codecs[_i].name), "%s", err);
    /* Compressed text is no capture. */
    struct buf t = codecs[_i].fn(plain, 1000);
    fd = open(path, O_WRONLY | O_TRUNC);
    ck_assert_int_eq(write(fd, t.p, t.n), (ssize_t)t.n);
    close(fd);
    ck_assert_int_eq(vs_capture_open_file(path, NULL, &vc, err, sizeof err), -EMEDIUMTYPE);
    ck_assert_msg(strstr(err, "not a pcap or pcapng capture file"), "%s", err);
    unlink(path);
    free(t.p);
    free(c.p);
}
END_TEST

static Suite *decompress_suite(void)
{
    Suite *s = suite_create("decompress");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_unchecked_fixture(tc, make_plain, NULL);
    tcase_add_test(tc, detect);
    tcase_add_loop_test(tc, roundtrip, 0, NCODECS);
    tcase_add_loop_test(tc, concatenated, 0, NCODECS);
    tcase_add_loop_test(tc, truncated, 0, NCODECS);
    tcase_add_test(tc, truncated_message);
    tcase_add_loop_test(tc, garbage_after_magic, 0, NCODECS);
    tcase_add_test(tc, trailing_garbage);
    tcase_add_test(tc, gzip_many_members);
    tcase_add_test(tc, gzip_member_cut);
    tcase_add_test(tc, gzip_member_at_read_boundary);
    tcase_add_test(tc, bomb);
    tcase_add_test(tc, plain_passthrough);
    tcase_add_test(tc, peek_then_read_and_stdio);
    tcase_add_loop_test(tc, capture_inside, 0, NCODECS);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(decompress_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
