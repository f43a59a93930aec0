/* SPDX-License-Identifier: BSD-2-Clause */
/* check_fanout.c - the worker of a frame under --workers N: the classic BPF program given to
 * PACKET_FANOUT_CBPF, run here by libpcap's interpreter over the frame, agrees with the C
 * mapping on every frame; a device's frames all go to one worker; devices spread over the
 * workers; short frames go to the first. */
#include <check.h>
#include <pcap/pcap.h>
#include <stdlib.h>
#include <string.h>

#include "vendorsniff/fanout.h"

static uint32_t run_prog(const uint8_t *frame, size_t len)
{
    struct vs_bpf_insn p[VS_FANOUT_PROG_LEN];
    struct bpf_insn b[VS_FANOUT_PROG_LEN];
    vs_fanout_prog(p, 0);
    for (unsigned i = 0; i < VS_FANOUT_PROG_LEN; i++) {
        b[i].code = p[i].code;
        b[i].jt = p[i].jt;
        b[i].jf = p[i].jf;
        b[i].k = p[i].k;
    }
    struct bpf_program prog = {VS_FANOUT_PROG_LEN, b};
    ck_assert(bpf_validate(prog.bf_insns, (int)prog.bf_len));
    return bpf_filter(prog.bf_insns, frame, (u_int)len, (u_int)len);
}

static uint64_t rng = 0x9e3779b97f4a7c15ULL;
static uint8_t rnd8(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint8_t)rng;
}

START_TEST(program_agrees_with_c)
{
    uint8_t f[64];
    for (int i = 0; i < 20000; i++) {
        for (size_t k = 0; k < sizeof f; k++)
            f[k] = rnd8();
        size_t len = 12 + (size_t)(rnd8() % 53);
        uint32_t v = run_prog(f, len);
        ck_assert_uint_eq(v, vs_fanout_value(f, len));
        for (unsigned n = 1; n <= 8; n++)
            ck_assert_uint_eq(v % n, vs_fanout_worker(f, len, n));
    }
}
END_TEST

START_TEST(short_frames_go_to_the_first_worker)
{
    uint8_t f[12];
    memset(f, 0xa5, sizeof f);
    for (size_t len = 0; len < 12; len++) {
        ck_assert_uint_eq(run_prog(f, len), 0);
        ck_assert_uint_eq(vs_fanout_worker(f, len, 4), 0);
    }
}
END_TEST

START_TEST(a_device_stays_on_one_worker)
{
    /* Only the source MAC decides: not the destination, not the payload. */
    uint8_t f[60];
    const uint8_t src[6] = {0x00, 0xe0, 0xfc, 0x11, 0x22, 0x33};
    memset(f, 0, sizeof f);
    memcpy(f + 6, src, 6);
    unsigned want = vs_fanout_worker(f, sizeof f, 3);
    for (int i = 0; i < 1000; i++) {
        for (size_t k = 0; k < 6; k++)
            f[k] = rnd8();
        for (size_t k = 12; k < sizeof f; k++)
            f[k] = rnd8();
        ck_assert_uint_eq(vs_fanout_worker(f, sizeof f, 3), want);
        ck_assert_uint_eq(run_prog(f, sizeof f) % 3, want);
    }
}
END_TEST

START_TEST(devices_spread_over_the_workers)
{
    /* A fleet of one vendor: one OUI, consecutive serial numbers. Every worker of 2, 3, 4
     * gets at least a fifth of the devices. */
    uint8_t f[60] = {0};
    for (unsigned n = 2; n <= 4; n++) {
        unsigned cnt[4] = {0};
        for (unsigned i = 0; i < 1024; i++) {
            const uint8_t src[6] = {0x00, 0x19, 0xc6, 0x00, (uint8_t)(i >> 8), (uint8_t)i};
            memcpy(f + 6, src, 6);
            cnt[vs_fanout_worker(f, sizeof f, n)]++;
        }
        for (unsigned w = 0; w < n; w++)
            ck_assert_msg(cnt[w] * 5 >= 1024, "%u workers: worker %u has %u of 1024", n, w, cnt[w]);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("fanout");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, program_agrees_with_c);
    tcase_add_test(tc, short_frames_go_to_the_first_worker);
    tcase_add_test(tc, a_device_stays_on_one_worker);
    tcase_add_test(tc, devices_spread_over_the_workers);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
