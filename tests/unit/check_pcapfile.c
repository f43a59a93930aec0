/* SPDX-License-Identifier: BSD-2-Clause */
/* check_pcapfile.c - the memory-mapped classic pcap reader: both byte orders, micro- and
 * nanosecond files, truncation at every offset, impossible record lengths, and files it
 * leaves to libpcap (pcapng, short, unknown magic). */
#include <check.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vendorsniff/pcapfile.h"

static size_t put32(uint8_t *b, uint32_t v, bool be)
{
    for (int i = 0; i < 4; i++)
        b[i] = (uint8_t)(be ? v >> (24 - 8 * i) : v >> (8 * i));
    return 4;
}

static size_t put16(uint8_t *b, uint16_t v, bool be)
{
    b[0] = (uint8_t)(be ? v >> 8 : v);
    b[1] = (uint8_t)(be ? v : v >> 8);
    return 2;
}

/* A file with two records of 3 and 5 bytes. */
static size_t make(uint8_t *b, bool be, bool nsec, uint32_t snaplen, uint32_t dlt)
{
    size_t n = 0;
    n += put32(b + n, nsec ? 0xa1b23c4d : 0xa1b2c3d4, be);
    n += put16(b + n, 2, be);
    n += put16(b + n, 4, be);
    n += put32(b + n, 0, be);
    n += put32(b + n, 0, be);
    n += put32(b + n, snaplen, be);
    n += put32(b + n, dlt, be);
    n += put32(b + n, 1700000000, be);
    n += put32(b + n, nsec ? 123456789 : 123456, be);
    n += put32(b + n, 3, be);
    n += put32(b + n, 60, be);
    memcpy(b + n, "abc", 3);
    n += 3;
    n += put32(b + n, 1700000001, be);
    n += put32(b + n, nsec ? 999999999 : 5, be);
    n += put32(b + n, 5, be);
    n += put32(b + n, 5, be);
    memcpy(b + n, "hello", 5);
    n += 5;
    return n;
}

static void read_two(bool be, bool nsec)
{
    uint8_t b[128];
    size_t n = make(b, be, nsec, 65535, 1);
    struct vs_pcapfile *r = NULL;
    char err[256];
    ck_assert_int_eq(vs_pcapfile_open_buf("t.pcap", b, n, &r, err, sizeof err), 0);
    ck_assert_int_eq(vs_pcapfile_dlt(r), 1);
    ck_assert_uint_eq(vs_pcapfile_snaplen(r), 65535);
    struct vs_pcapfile_pkt p;
    ck_assert_int_eq(vs_pcapfile_next(r, &p, err, sizeof err), 1);
    ck_assert_int_eq(p.sec, 1700000000);
    ck_assert_uint_eq(p.usec, 123456);
    ck_assert_uint_eq(p.caplen, 3);
    ck_assert_uint_eq(p.wirelen, 60);
    ck_assert_int_eq(memcmp(p.data, "abc", 3), 0);
    ck_assert_int_eq(vs_pcapfile_next(r, &p, err, sizeof err), 1);
    ck_assert_uint_eq(p.usec, nsec ? 999999 : 5);
    ck_assert_int_eq(memcmp(p.data, "hello", 5), 0);
    ck_assert_int_eq(vs_pcapfile_next(r, &p, err, sizeof err), 0);
    ck_assert_int_eq(vs_pcapfile_next(r, &p, err, sizeof err), 0);
    vs_pcapfile_close(r);
}

START_TEST(little_endian_usec)
{
    read_two(false, false);
}
END_TEST
START_TEST(big_endian_nsec)
{
    read_two(true, true);
}
END_TEST

START_TEST(truncation_at_every_offset)
{
    uint8_t b[128];
    size_t n = make(b, false, false, 65535, 1);
    for (size_t cut = 0; cut < n; cut++) {
        uint8_t *copy = malloc(cut ? cut : 1); /* exact size: ASan sees any overread */
        memcpy(copy, b, cut);
        struct vs_pcapfile *r = NULL;
        char err[256] = "";
        int rc = vs_pcapfile_open_buf("t.pcap", copy, cut, &r, err, sizeof err);
        if (cut < 24) {
            ck_assert_int_eq(rc, -ENOTSUP); /* left to libpcap, which names the problem */
        } else {
            ck_assert_int_eq(rc, 0);
            struct vs_pcapfile_pkt p;
            int got = 0, st;
            while ((st = vs_pcapfile_next(r, &p, err, sizeof err)) == 1)
                got++;
            bool whole = cut == 24 || cut == 24 + 16 + 3;
            ck_assert_int_eq(st, whole ? 0 : -EINVAL);
            if (!whole)
                ck_assert_ptr_nonnull(strstr(err, "t.pcap: truncated capture file"));
            ck_assert_int_eq(got, cut >= 24 + 16 + 3 ? 1 : 0);
            vs_pcapfile_close(r);
        }
        free(copy);
    }
}
END_TEST

START_TEST(impossible_record_length)
{
    uint8_t b[128];
    size_t n = make(b, false, false, 65535, 1);
    put32(b + 24 + 8, 0x7fffffff, false); /* incl_len */
    struct vs_pcapfile *r = NULL;
    char err[256];
    ck_assert_int_eq(vs_pcapfile_open_buf("t.pcap", b, n, &r, err, sizeof err), 0);
    struct vs_pcapfile_pkt p;
    ck_assert_int_eq(vs_pcapfile_next(r, &p, err, sizeof err), -EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "corrupt capture file"));
    vs_pcapfile_close(r);
}
END_TEST

START_TEST(others_left_to_libpcap)
{
    struct vs_pcapfile *r = NULL;
    char err[256];
    const uint8_t pcapng[28] = {0x0a, 0x0d, 0x0d, 0x0a};
    ck_assert_int_eq(vs_pcapfile_open_buf("t", pcapng, sizeof pcapng, &r, err, sizeof err),
                     -ENOTSUP);
    uint8_t b[128];
    size_t n = make(b, false, false, 65535, 1);
    b[4] = 9; /* version 9.4 */
    ck_assert_int_eq(vs_pcapfile_open_buf("t", b, n, &r, err, sizeof err), -ENOTSUP);
    /* Not a regular file, or missing: libpcap reports it. */
    ck_assert_int_eq(vs_pcapfile_open("/nonexistent.pcap", &r, err, sizeof err), -ENOTSUP);
    ck_assert_int_eq(vs_pcapfile_open("/dev/null", &r, err, sizeof err), -ENOTSUP);
}
END_TEST

START_TEST(mapped_file)
{
    uint8_t b[128];
    size_t n = make(b, false, false, 65535, 113);
    char path[] = "/tmp/vs-pcapfile-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, b, n), (ssize_t)n);
    close(fd);
    struct vs_pcapfile *r = NULL;
    char err[256];
    ck_assert_int_eq(vs_pcapfile_open(path, &r, err, sizeof err), 0);
    ck_assert_int_eq(vs_pcapfile_dlt(r), 113);
    struct vs_pcapfile_pkt p;
    ck_assert_int_eq(vs_pcapfile_next(r, &p, err, sizeof err), 1);
    ck_assert_int_eq(vs_pcapfile_next(r, &p, err, sizeof err), 1);
    ck_assert_int_eq(vs_pcapfile_next(r, &p, err, sizeof err), 0);
    vs_pcapfile_close(r);
    unlink(path);
}
END_TEST

/* A file that shrinks while it is read (truncated by its writer, a network share gone)
 * faults the pages past its new end: the reader must stop there with an error naming the
 * file, keeping every record before it, and never die of SIGBUS. Records of 1,000 bytes
 * over 8 MiB, cut to 3 MiB after the first megabyte has been read. */
START_TEST(file_that_shrinks_while_read)
{
    char path[] = "/tmp/vs-pcapfile-shrink-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    uint8_t hdr[128]; /* make() writes a header and two records: only the header is used */
    make(hdr, false, false, 65535, 1);
    ck_assert_int_eq(write(fd, hdr, 24), 24);
    static uint8_t rec[16 + 1000];
    memset(rec, 0xab, sizeof rec);
    put32(rec, 1700000000, false);
    put32(rec + 4, 0, false);
    put32(rec + 8, 1000, false);
    put32(rec + 12, 1000, false);
    size_t nrec = 8 * 1024;
    for (size_t i = 0; i < nrec; i++)
        ck_assert_int_eq(write(fd, rec, sizeof rec), (ssize_t)sizeof rec);
    struct vs_pcapfile *r = NULL;
    char err[256] = "";
    ck_assert_int_eq(vs_pcapfile_open(path, &r, err, sizeof err), 0);
    struct vs_pcapfile_pkt p;
    size_t got = 0;
    int rc;
    while ((rc = vs_pcapfile_next(r, &p, err, sizeof err)) == 1) {
        /* Touch the packet as the pipeline would. */
        volatile uint8_t sum = 0;
        for (size_t k = 0; k < p.caplen; k += 512)
            sum = (uint8_t)(sum + p.data[k]);
        (void)sum;
        if (++got == 1000)
            ck_assert_int_eq(ftruncate(fd, 3 << 20), 0);
    }
    ck_assert_int_lt(rc, 0);
    ck_assert_msg(strstr(err, path) && strstr(err, "shrank"), "message: %s", err);
    /* Every record wholly inside the 3 MiB that remain was read (at most one more is
     * discarded where the fault landed). */
    size_t whole = ((3u << 20) - 24) / sizeof rec;
    ck_assert_uint_ge(got + 1, whole);
    ck_assert_uint_le(got, whole + 1);
    vs_pcapfile_close(r);
    close(fd);
    unlink(path);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("pcapfile");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, little_endian_usec);
    tcase_add_test(tc, big_endian_nsec);
    tcase_add_test(tc, truncation_at_every_offset);
    tcase_add_test(tc, impossible_record_length);
    tcase_add_test(tc, others_left_to_libpcap);
    tcase_add_test(tc, mapped_file);
    tcase_add_test(tc, file_that_shrinks_while_read);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
