/* SPDX-License-Identifier: BSD-2-Clause */
/* check_fastfmt.c - the output fast paths give the same text as the slow ones they replace:
 * IPv6 addresses as inet_ntop writes them (RFC 5952), confidences as "%.4g", strings escaped
 * byte by byte whatever the eight-byte scan skips, timestamps across day changes. */
#include <arpa/inet.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vendorsniff/evidence.h"
#include "vendorsniff/jsonw.h"
#include "vendorsniff/text.h"

static uint32_t rng = 12345;
static uint32_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static void check_ip6(const uint8_t a[16])
{
    struct vs_ip ip = {6, {0}};
    memcpy(ip.a, a, 16);
    char got[VS_IP_STRLEN], want[INET6_ADDRSTRLEN];
    vs_ip_format(&ip, got);
    ck_assert_ptr_nonnull(inet_ntop(AF_INET6, a, want, sizeof want));
    ck_assert_str_eq(got, want);
}

START_TEST(ipv6_as_inet_ntop)
{
    static const char *const fixed[] = {
        "::",
        "::1",
        "::2",
        "::ffff:1.2.3.4",
        "::1.2.3.4",
        "::ffff:0:1",
        "1::",
        "1::1",
        "fe80::1",
        "1:0:0:1::",
        "0:0:1::",
        "::ffff",
        "::1:0:0:0",
        "0:1:0:0:1:0:0:0",
        "::fffe:1.2.3.4",
        "1:2:3:4:5:6:7:8",
        "2001:db8::ff00:42:8329",
        "1:0:0:2:0:0:0:3",
    };
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
        uint8_t a[16];
        ck_assert_int_eq(inet_pton(AF_INET6, fixed[i], a), 1);
        check_ip6(a);
    }
    for (int n = 0; n < 200000; n++) {
        uint8_t a[16];
        for (int g = 0; g < 8; g++) {
            uint32_t r = next_rand();
            unsigned v;
            switch (n % 3) {
            case 0:
                v = r & 0xffff;
                break;
            case 1:
                v = (r >> 16) % 3 ? 0 : (r & 0xffff);
                break;
            default:
                v = (r >> 16) % 4 == 0 ? (r & 0xf) : ((r >> 20) % 3 == 0 ? 0xffff : 0);
            }
            a[2 * g] = (uint8_t)(v >> 8);
            a[2 * g + 1] = (uint8_t)v;
        }
        check_ip6(a);
    }
}
END_TEST

START_TEST(confidence_as_printf)
{
    for (long k = 0; k <= 100; k++) {
        double v = (double)(long)((double)k / 100.0 * 100.0 + 0.5) / 100.0;
        struct vs_jw w = {0};
        vs_jw_real(&w, v);
        char want[32];
        if (v == (double)(int64_t)v)
            snprintf(want, sizeof want, "%lld.0", (long long)v);
        else
            snprintf(want, sizeof want, "%.4g", v);
        ck_assert_str_eq(w.b.p, want);
        vs_jw_free(&w);
    }
    struct vs_jw w = {0};
    vs_jw_real(&w, 0.123456);
    ck_assert_str_eq(w.b.p, "0.1235");
    vs_jw_free(&w);
}
END_TEST

/* The escaping rules applied one byte at a time, as the writer did before its word scan. */
static void reference_escape(struct vs_buf *b, const unsigned char *s, size_t n)
{
    vs_buf_add(b, "\"", 1);
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x7f) {
            vs_buf_add(b, (const char *)s + i, 1);
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = c >= 0x80 ? vs_utf8_seq(s + i, n - i, &cp) : 0;
        if (k) {
            vs_buf_add(b, (const char *)s + i, k);
            i += k;
            continue;
        }
        char esc[8];
        switch (c) {
        case '"':
            vs_buf_add(b, "\\\"", 2);
            break;
        case '\\':
            vs_buf_add(b, "\\\\", 2);
            break;
        case '\n':
            vs_buf_add(b, "\\n", 2);
            break;
        case '\r':
            vs_buf_add(b, "\\r", 2);
            break;
        case '\t':
            vs_buf_add(b, "\\t", 2);
            break;
        default:
            if (c < 0x20 || c == 0x7f) {
                snprintf(esc, sizeof esc, "\\u%04x", c);
                vs_buf_add(b, esc, 6);
            } else {
                vs_buf_add(b, "\xef\xbf\xbd", 3);
            }
        }
        i++;
    }
    vs_buf_add(b, "\"", 1);
}

START_TEST(strings_escaped_at_every_offset)
{
    static const unsigned char special[] = {0x00, 0x01, 0x1f, '"',  '\\', 0x7f, 0x80,
                                            0xc3, 0xa9, 0xe2, 0xff, '\n', 0x20, 0x7e};
    unsigned char s[40];
    for (size_t len = 0; len <= sizeof s; len++) {
        for (size_t pos = 0; pos < len; pos++) {
            for (size_t k = 0; k < sizeof special; k++) {
                for (size_t i = 0; i < len; i++)
                    s[i] = (unsigned char)('a' + i % 26);
                s[pos] = special[k];
                if (special[k] == 0xc3 && pos + 1 < len)
                    s[pos + 1] = 0xa9; /* a valid two-byte sequence */
                struct vs_jw w = {0};
                struct vs_buf ref = {0};
                vs_jw_strn(&w, (const char *)s, len);
                reference_escape(&ref, s, len);
                ck_assert_uint_eq(w.b.len, ref.len);
                ck_assert_int_eq(memcmp(w.b.p, ref.p, ref.len), 0);
                vs_jw_free(&w);
                vs_buf_free(&ref);
            }
        }
    }
}
END_TEST

START_TEST(timestamps_across_days)
{
    /* The date of the previous call is reused: alternate days and go back in time. */
    static const int64_t secs[] = {1700000000, 1700000001, 1700086399, 1700086400, 1700000000,
                                   0,          86399,      86400,      951782400,  951868800};
    for (int round = 0; round < 2; round++) {
        for (size_t i = 0; i < sizeof secs / sizeof secs[0]; i++) {
            char got[VS_TS_STRLEN], want[64];
            vs_ts_format(secs[i], 123456, got);
            time_t t = (time_t)secs[i];
            struct tm tm;
            gmtime_r(&t, &tm);
            strftime(want, sizeof want, "%Y-%m-%dT%H:%M:%S", &tm);
            strcat(want, ".123456Z");
            ck_assert_str_eq(got, want);
        }
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("fastfmt");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, ipv6_as_inet_ntop);
    tcase_add_test(tc, confidence_as_printf);
    tcase_add_test(tc, strings_escaped_at_every_offset);
    tcase_add_test(tc, timestamps_across_days);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
