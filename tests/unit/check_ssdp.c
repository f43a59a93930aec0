/* SPDX-License-Identifier: BSD-2-Clause */
/* check_ssdp.c - SSDP decoder (src/dissect/ssdp.c, UPnP Device Architecture 2.0 s1): NOTIFY,
 * M-SEARCH and responses; tolerance of case, blanks, bare LF and folded lines; truncation,
 * over-long and hostile values; recognition (vs_ssdp_candidate) and the banner hand-off. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "vendorsniff/dissect.h"

static struct tu_collector col;

static struct vs_cur text_cur(const void *s, size_t n)
{
    return vs_cur_make(s, n);
}

static enum vs_decode_status run(const void *buf, size_t len)
{
    struct vs_pkt pkt;
    tu_pkt_init(&pkt);
    pkt.ip_proto = 17;
    pkt.sport = 1900;
    pkt.dport = 1900;
    tu_reset(&col);
    struct vs_cur c = text_cur(buf, len);
    ck_assert_msg(vs_ssdp_candidate(&c, &pkt), "not a candidate: %.40s", (const char *)buf);
    return vs_ssdp_dissect(c, &pkt, tu_collect, &col);
}

#define RUN(s) run((s), sizeof(s) - 1)

/* A Huawei home gateway's alive announcement (ATP stack), with the trailing blank on the
 * start line that some firmware sends. */
static const char notify_huawei[] =
    "NOTIFY * HTTP/1.1 \r\n"
    "HOST: 239.255.255.250:1900\r\n"
    "CACHE-CONTROL: max-age=1800\r\n"
    "LOCATION: http://192.168.100.1:37215/upnpdev.xml\r\n"
    "NT: upnp:rootdevice\r\n"
    "NTS: ssdp:alive\r\n"
    "SERVER: Linux UPnP/1.0 Huawei-ATP-IGD\r\n"
    "USN: uuid:00e0fc37-2525-2828-2500-0c37d70c1b0d::upnp:rootdevice\r\n"
    "\r\n";
/* Search response: lower-case names, blank before the colon, bare LF. */
static const char response_miniupnpd[] = "HTTP/1.1 200 OK\n"
                                         "cache-control: max-age=120\n"
                                         "st: upnp:rootdevice\n"
                                         "ext:\n"
                                         "Server : TBS/R2 UPnP/1.0 MiniUPnPd/1.2\n"
                                         "location: http://192.168.2.1:40464/rootDesc.xml\n"
                                         "\n";
static const char msearch_chrome[] = "M-SEARCH * HTTP/1.1\r\n"
                                     "HOST: 239.255.255.250:1900\r\n"
                                     "MAN: \"ssdp:discover\"\r\n"
                                     "MX: 1\r\n"
                                     "ST: urn:dial-multiscreen-org:service:dial:1\r\n"
                                     "USER-AGENT: Google Chrome/58.0.3029.110 Windows\r\n"
                                     "\r\n";
/* obs-fold: the continuation is joined with one space. */
static const char folded[] = "NOTIFY * HTTP/1.1\r\n"
                             "SERVER: Linux/2.6.36, UPnP/1.0,\r\n"
                             "\t Portable SDK for UPnP devices/1.6.19\r\n"
                             "NTS: ssdp:alive\r\n"
                             "\r\n";

START_TEST(test_messages)
{
    ck_assert_int_eq(RUN(notify_huawei), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    TU_EXPECT(&col, VS_F_SSDP_SERVER, "Linux UPnP/1.0 Huawei-ATP-IGD");

    ck_assert_int_eq(RUN(response_miniupnpd), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    TU_EXPECT(&col, VS_F_SSDP_SERVER, "TBS/R2 UPnP/1.0 MiniUPnPd/1.2");

    ck_assert_int_eq(RUN(msearch_chrome), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    TU_EXPECT(&col, VS_F_SSDP_USER_AGENT, "Google Chrome/58.0.3029.110 Windows");

    ck_assert_int_eq(RUN(folded), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    TU_EXPECT(&col, VS_F_SSDP_SERVER,
              "Linux/2.6.36, UPnP/1.0, Portable SDK for UPnP devices/1.6.19");

    /* No closing blank line: a datagram is the whole message. */
    ck_assert_int_eq(RUN("NOTIFY * HTTP/1.1\r\nSERVER: a b\r\n"), VS_DECODE_OK);
    TU_EXPECT(&col, VS_F_SSDP_SERVER, "a b");
    /* Empty values say nothing; both of two SERVER headers are kept. */
    ck_assert_int_eq(RUN("HTTP/1.1 200 OK\r\nSERVER:\r\nSERVER: x\r\nserver:y\r\n\r\n"),
                     VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 2);
    /* LOCATION, USN, ST are addressing, never evidence. */
    ck_assert_int_eq(RUN("HTTP/1.0 200 OK\r\nLOCATION: http://h/\r\nUSN: uuid:x\r\n\r\n"),
                     VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    /* Body-less headers after the blank line are not read. */
    ck_assert_int_eq(RUN("NOTIFY * HTTP/1.1\r\n\r\nSERVER: nope\r\n"), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

START_TEST(test_bad)
{
    /* Cut inside a header line: what is whole is kept, the cut value is not. */
    ck_assert_int_eq(RUN("NOTIFY * HTTP/1.1\r\nUSER-AGENT: full\r\nSERVER: Linux UPn"),
                     VS_DECODE_TRUNCATED);
    ck_assert_uint_eq(col.n, 1);
    TU_EXPECT(&col, VS_F_SSDP_USER_AGENT, "full");
    /* A cut continuation line: the value it continues is dropped too. */
    ck_assert_int_eq(RUN("NOTIFY * HTTP/1.1\r\nSERVER: Linux\r\n UPnP/1."), VS_DECODE_TRUNCATED);
    ck_assert_uint_eq(col.n, 0);
    ck_assert_int_eq(RUN("NOTIFY * HTTP/1.1"), VS_DECODE_TRUNCATED);
    ck_assert_uint_eq(col.n, 0);
    /* Start lines that only look like SSDP. */
    ck_assert_int_eq(RUN("NOTIFY * HTTP/2.0\r\n\r\n"), VS_DECODE_MALFORMED);
    ck_assert_int_eq(RUN("M-SEARCH * HTTP/1.1x\r\n\r\n"), VS_DECODE_MALFORMED);
    ck_assert_int_eq(RUN("HTTP/1.1 2x0 OK\r\n\r\n"), VS_DECODE_MALFORMED);
    ck_assert_int_eq(RUN("HTTP/1.1 200OK\r\n\r\n"), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    /* No line end within the scan window. */
    static char longline[VS_MAX_BANNER_SCAN + 100];
    memcpy(longline, "NOTIFY * ", 9);
    memset(longline + 9, 'A', sizeof longline - 9);
    ck_assert_int_eq(run(longline, sizeof longline), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

START_TEST(test_oversized_and_hostile)
{
    /* A value longer than the contract's bound is cut at it. */
    static char big[VS_MAX_BANNER_SCAN];
    size_t n = (size_t)sprintf(big, "NOTIFY * HTTP/1.1\r\nSERVER: ");
    memset(big + n, 'S', 1500);
    n += 1500;
    memcpy(big + n, "\r\n\r\n", 4);
    n += 4;
    ck_assert_int_eq(run(big, n), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    ck_assert_uint_eq(col.ev[0].len, VS_MAX_VALUE_LEN);
    /* Many folded lines: still one bounded value. */
    n = (size_t)sprintf(big, "NOTIFY * HTTP/1.1\r\nSERVER: a\r\n");
    while (n + 8 < sizeof big - 4)
        n += (size_t)sprintf(big + n, " bbbbb\r\n");
    memcpy(big + n, "\r\n", 2);
    n += 2;
    ck_assert_int_eq(run(big, n), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    ck_assert_uint_le(col.ev[0].len, VS_MAX_VALUE_LEN);
    /* Control bytes and a NUL in a value: cut at the NUL, the rest passed on for the sinks to
     * escape. */
    static const char hostile[] = "NOTIFY * HTTP/1.1\r\nSERVER: \x1b[2Jevil\x07\x00tail\r\n\r\n";
    ck_assert_int_eq(run(hostile, sizeof hostile - 1), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    TU_EXPECT(&col, VS_F_SSDP_SERVER, "\x1b[2Jevil\x07");
}
END_TEST

START_TEST(test_prefixes)
{
    /* Not the folded sample: a datagram ending at a line end is taken as whole, so its cut
     * before the continuation line yields the first line's value, as it should for a real
     * datagram of that length. */
    static const char *const all[] = {notify_huawei, response_miniupnpd, msearch_chrome};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        tu_check_prefixes(vs_ssdp_dissect, (const uint8_t *)all[i], strlen(all[i]));
}
END_TEST

START_TEST(test_candidate)
{
    struct vs_pkt pkt;
    tu_pkt_init(&pkt);
    pkt.ip_proto = 17;
    pkt.sport = 40000;
    pkt.dport = 40001;
    static const char *const yes[] = {"NOTIFY * HTTP/1.1\r\n", "M-SEARCH * HTTP/1.1\r\n",
                                      "HTTP/1.1 200 OK\r\n"};
    static const char *const no[] = {"NOTIFY sip:a SIP/2.0\r\n",
                                     "SIP/2.0 200 OK\r\n",
                                     "M-SEARCH",
                                     "GET / HTTP/1.1\r\n",
                                     "<?xml",
                                     ""};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        struct vs_cur c = text_cur(yes[i], strlen(yes[i]));
        ck_assert_msg(vs_ssdp_candidate(&c, &pkt), "should be: %s", yes[i]);
        ck_assert_msg(vs_ssdp_candidate(&c, NULL), "should be: %s", yes[i]);
        /* The banner decoder hands these over when they come over UDP. */
        ck_assert(vs_banner_candidate(&c, &pkt));
    }
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
        struct vs_cur c = text_cur(no[i], strlen(no[i]));
        ck_assert_msg(!vs_ssdp_candidate(&c, &pkt), "should not be: %s", no[i]);
    }
    /* Over TCP the same lines are HTTP. */
    pkt.ip_proto = 6;
    struct vs_cur c = text_cur(yes[0], strlen(yes[0]));
    ck_assert(!vs_ssdp_candidate(&c, &pkt));
}
END_TEST

/* Over UDP the banner decoder yields ssdp.*, never http.server; over TCP it stays HTTP. */
START_TEST(test_banner_handoff)
{
    struct vs_pkt pkt;
    tu_pkt_init(&pkt);
    pkt.ip_proto = 17;
    pkt.sport = 1900;
    pkt.dport = 1900;
    struct vs_cur c = text_cur(notify_huawei, sizeof notify_huawei - 1);
    tu_reset(&col);
    ck_assert_int_eq(vs_banner_dissect(c, &pkt, tu_collect, &col), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    TU_EXPECT(&col, VS_F_SSDP_SERVER, "Linux UPnP/1.0 Huawei-ATP-IGD");
    ck_assert_uint_eq(tu_count(&col, VS_F_HTTP_SERVER), 0);
    c = text_cur(msearch_chrome, sizeof msearch_chrome - 1);
    tu_reset(&col);
    ck_assert_int_eq(vs_banner_dissect(c, &pkt, tu_collect, &col), VS_DECODE_OK);
    TU_EXPECT(&col, VS_F_SSDP_USER_AGENT, "Google Chrome/58.0.3029.110 Windows");
}
END_TEST

static Suite *ssdp_suite(void)
{
    Suite *s = suite_create("ssdp");
    TCase *tc = tcase_create("ssdp");
    tcase_add_test(tc, test_messages);
    tcase_add_test(tc, test_bad);
    tcase_add_test(tc, test_oversized_and_hostile);
    tcase_add_test(tc, test_prefixes);
    tcase_add_test(tc, test_candidate);
    tcase_add_test(tc, test_banner_handoff);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(ssdp_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
