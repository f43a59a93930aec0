/* SPDX-License-Identifier: BSD-2-Clause */
/* check_upnp.c - UPnP device description decoder (src/dissect/upnp.c, UPnP Device
 * Architecture 2.0 s2.3): whole HTTP responses and bare bodies, chunked bodies, the root
 * device before embedded ones, entity attacks that must neither expand nor fetch, truncated
 * and malformed XML, huge and hostile fields, and the candidate test. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "vendorsniff/dissect.h"

static struct tu_collector col;

static enum vs_decode_status run(const void *buf, size_t len)
{
    return tu_decode_into(vs_upnp_dissect, buf, len, &col);
}

#define RUN(s) run((s), strlen(s))

#define HG8245H_XML                                                                                \
    "<?xml version=\"1.0\"?>\r\n"                                                                  \
    "<root xmlns=\"urn:schemas-upnp-org:device-1-0\">\r\n"                                         \
    "<specVersion><major>1</major><minor>0</minor></specVersion>\r\n"                              \
    "<device>\r\n"                                                                                 \
    "<deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1</deviceType>\r\n"             \
    "<friendlyName>HG8245H</friendlyName>\r\n"                                                     \
    "<manufacturer>Huawei Technologies Co., Ltd.</manufacturer>\r\n"                               \
    "<manufacturerURL>http://www.huawei.com</manufacturerURL>\r\n"                                 \
    "<modelDescription>Huawei Home Gateway</modelDescription>\r\n"                                 \
    "<modelName>HG8245H</modelName>\r\n"                                                           \
    "<modelNumber>V3R017C10S115</modelNumber>\r\n"                                                 \
    "<serialNumber>48575443A1B2C3D4</serialNumber>\r\n"                                            \
    "<UDN>uuid:00e0fc37-2525-2828-2500-0c37d70c1b0d</UDN>\r\n"                                     \
    "<deviceList><device>\r\n"                                                                     \
    "<deviceType>urn:schemas-upnp-org:device:WANDevice:1</deviceType>\r\n"                         \
    "<friendlyName>WANDevice</friendlyName>\r\n"                                                   \
    "<manufacturer>MiniUPnP</manufacturer>\r\n"                                                    \
    "<modelName>WAN Device</modelName>\r\n"                                                        \
    "</device></deviceList>\r\n"                                                                   \
    "</device>\r\n"                                                                                \
    "</root>\r\n"

static const char hg8245h_body[] = HG8245H_XML;

static void expect_hg8245h(void)
{
    ck_assert_uint_eq(col.n, 6);
    TU_EXPECT(&col, VS_F_UPNP_MANUFACTURER, "Huawei Technologies Co., Ltd.");
    TU_EXPECT(&col, VS_F_UPNP_MODEL_NAME, "HG8245H");
    TU_EXPECT(&col, VS_F_UPNP_MODEL_NUMBER, "V3R017C10S115");
    TU_EXPECT(&col, VS_F_UPNP_MODEL_DESCRIPTION, "Huawei Home Gateway");
    TU_EXPECT(&col, VS_F_UPNP_SERIAL_NUMBER, "48575443A1B2C3D4");
    TU_EXPECT(&col, VS_F_UPNP_FRIENDLY_NAME, "HG8245H");
}

START_TEST(test_body_and_response)
{
    ck_assert_int_eq(RUN(hg8245h_body), VS_DECODE_OK);
    expect_hg8245h();

    char msg[4096];
    snprintf(msg, sizeof msg,
             "HTTP/1.1 200 OK\r\nCONTENT-TYPE: text/xml; charset=\"utf-8\"\r\n"
             "Content-Length: %zu\r\nServer: Linux UPnP/1.0 Huawei-ATP-IGD\r\n\r\n%s",
             strlen(hg8245h_body), hg8245h_body);
    ck_assert_int_eq(RUN(msg), VS_DECODE_OK);
    expect_hg8245h();
    struct vs_cur c = vs_cur_make((const uint8_t *)msg, strlen(msg));
    ck_assert(vs_upnp_candidate(&c));

    /* The body goes on in the next segment: what came is read, and that is truncation. */
    size_t cut = strlen(msg) - 40;
    ck_assert_int_eq(run(msg, cut), VS_DECODE_TRUNCATED);
    expect_hg8245h();

    /* Content-Length shorter than what follows: bytes past it are not the document. */
    snprintf(msg, sizeof msg, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n%s", hg8245h_body);
    ck_assert_int_ne(RUN(msg), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

START_TEST(test_chunked)
{
    char msg[4096];
    size_t half = strlen(hg8245h_body) / 2, rest = strlen(hg8245h_body) - half;
    int n = snprintf(msg, sizeof msg,
                     "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n"
                     "\r\n%zx;ext=1\r\n%.*s\r\n%zX\r\n%s\r\n0\r\n\r\n",
                     half, (int)half, hg8245h_body, rest, hg8245h_body + half);
    ck_assert_int_gt(n, 0);
    ck_assert_int_eq(RUN(msg), VS_DECODE_OK);
    expect_hg8245h();
    /* A bad chunk size after the first chunk: what was fed is still read. */
    n = snprintf(msg, sizeof msg,
                 "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n%zx\r\n%s\r\nzz\r\n",
                 strlen(hg8245h_body), hg8245h_body);
    ck_assert_int_eq(RUN(msg), VS_DECODE_MALFORMED);
    expect_hg8245h();
    ck_assert_int_eq(RUN("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                         "ffffffffffffffffffffff\r\n<root>"),
                     VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    ck_assert_int_eq(RUN("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                         "100\r\n<root><device><modelName>X</modelName>"),
                     VS_DECODE_TRUNCATED);
    TU_EXPECT(&col, VS_F_UPNP_MODEL_NAME, "X");
}
END_TEST

/* The root names nothing: the first embedded device that does speaks for the box. */
START_TEST(test_embedded)
{
    ck_assert_int_eq(RUN("<root xmlns=\"urn:schemas-upnp-org:device-1-0\"><device>"
                         "<deviceType>urn:schemas-upnp-org:device:Basic:1</deviceType>"
                         "<deviceList><device><UDN>uuid:1</UDN></device>"
                         "<device><manufacturer>ZTE</manufacturer>"
                         "<modelName>ZXHN F660</modelName></device>"
                         "<device><manufacturer>Other</manufacturer></device>"
                         "</deviceList></device></root>"),
                     VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 2);
    TU_EXPECT(&col, VS_F_UPNP_MANUFACTURER, "ZTE");
    TU_EXPECT(&col, VS_F_UPNP_MODEL_NAME, "ZXHN F660");
    /* Deeper than the bound: not searched. */
    char deep[2048] = "<root><device>";
    for (int i = 0; i < VS_MAX_UPNP_DEVICE_DEPTH + 1; i++)
        strcat(deep, "<deviceList><device>");
    strcat(deep, "<manufacturer>Deep</manufacturer>");
    for (int i = 0; i < VS_MAX_UPNP_DEVICE_DEPTH + 1; i++)
        strcat(deep, "</device></deviceList>");
    strcat(deep, "</device></root>");
    ck_assert_int_eq(RUN(deep), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    /* Only the first of a repeated element; CDATA and predefined entities are text; element
     * names in any case; other namespaces' documents (a service description) say nothing. */
    ck_assert_int_eq(RUN("<root><device><ModelName><![CDATA[A&B]]> &amp; C</ModelName>"
                         "<modelName>second</modelName></device></root>"),
                     VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    TU_EXPECT(&col, VS_F_UPNP_MODEL_NAME, "A&B & C");
    ck_assert_int_eq(RUN("<scpd xmlns=\"urn:schemas-upnp-org:service-1-0\"><manufacturer>x"
                         "</manufacturer></scpd>"),
                     VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    /* A declared encoding is honoured: output is UTF-8. */
    ck_assert_int_eq(RUN("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><root><device>"
                         "<friendlyName>Caf\xe9</friendlyName></device></root>"),
                     VS_DECODE_OK);
    TU_EXPECT(&col, VS_F_UPNP_FRIENDLY_NAME, "Caf\xc3\xa9");
}
END_TEST

/* Entity attacks: an external entity (file or network) and exponential expansion. The
 * document is refused at its DOCTYPE; nothing is read from disk or net, nothing expands. */
START_TEST(test_entities)
{
    ck_assert_int_eq(RUN("<?xml version=\"1.0\"?>\n"
                         "<!DOCTYPE root [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                         "<root><device><manufacturer>&xxe;</manufacturer>"
                         "<modelName>M</modelName></device></root>"),
                     VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    ck_assert_int_eq(RUN("<!DOCTYPE root SYSTEM \"http://192.0.2.1/evil.dtd\">"
                         "<root><device><modelName>M</modelName></device></root>"),
                     VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    ck_assert_int_eq(
        RUN("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
            "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
            "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
            "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
            "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
            "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
            "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
            "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
            "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
            "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
            "]>\n<root><device><manufacturer>&lol9;</manufacturer></device></root>"),
        VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    /* No DTD at all: an undeclared entity is an error, never a fetch, and is not text. */
    ck_assert_int_eq(RUN("<root><device><manufacturer>A&xxe;B</manufacturer></device></root>"),
                     VS_DECODE_MALFORMED);
    ck_assert_uint_le(col.n, 1);
    if (col.n)
        ck_assert_ptr_null(strstr(col.ev[0].value, "root:"));
}
END_TEST

START_TEST(test_truncated_and_malformed)
{
    /* Every prefix: no crash, nothing that the whole document does not yield. */
    tu_check_prefixes(vs_upnp_dissect, (const uint8_t *)hg8245h_body, strlen(hg8245h_body));
    ck_assert_int_eq(RUN("not xml at all"), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    ck_assert_int_eq(RUN("<root><device><manufacturer>X</manufacturer></devic></root>"),
                     VS_DECODE_MALFORMED);
    ck_assert_int_eq(run("", 0), VS_DECODE_TRUNCATED);
    ck_assert_int_eq(RUN("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n"), VS_DECODE_TRUNCATED);
    ck_assert_int_eq(RUN("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

START_TEST(test_huge_and_hostile)
{
    /* A field far longer than the contract's bound: cut to it. */
    static char big[200000];
    int n = snprintf(big, sizeof big, "<root><device><modelName>");
    memset(big + n, 'M', 10000);
    n += 10000;
    n += snprintf(big + n, sizeof big - (size_t)n, "</modelName></device></root>");
    ck_assert_int_eq(run(big, (size_t)n), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    ck_assert_uint_eq(col.ev[0].len, VS_MAX_VALUE_LEN);
    /* One running past the document bound is never closed within it: not read, and being
     * cut by our own bound is no error of the sender's. */
    n = snprintf(big, sizeof big, "<root><device><manufacturer>Z</manufacturer><modelName>");
    memset(big + n, 'M', 100000);
    n += 100000;
    n += snprintf(big + n, sizeof big - (size_t)n, "</modelName></device></root>");
    ck_assert_int_eq(run(big, (size_t)n), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    TU_EXPECT(&col, VS_F_UPNP_MANUFACTURER, "Z");
    /* Deep nesting inside a field is bounded by libxml2 and ignored by us. */
    n = snprintf(big, sizeof big, "<root><device><modelName>");
    for (int i = 0; i < 5000; i++)
        n += snprintf(big + n, sizeof big - (size_t)n, "<a>");
    ck_assert_int_ne(run(big, (size_t)n), VS_DECODE_OK);
    /* Blanks are trimmed at the ends, kept inside; an all-blank field says nothing. */
    ck_assert_int_eq(RUN("<root><device><friendlyName>  x&#9;y \n</friendlyName>"
                         "<serialNumber>   </serialNumber></device></root>"),
                     VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    TU_EXPECT(&col, VS_F_UPNP_FRIENDLY_NAME, "x\ty");
    /* Control characters are not XML characters (raw or as references): the sender's error. */
    ck_assert_int_eq(
        RUN("<root><device><friendlyName>\x1b[2Jx&#x7;</friendlyName></device></root>"),
        VS_DECODE_MALFORMED);
    /* Binary garbage after an HTTP header with an XML type. */
    static const char bin[] = "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n\x00\xff\xfe<root>";
    ck_assert_int_eq(run(bin, sizeof bin - 1), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

START_TEST(test_candidate)
{
    static const char *const yes[] = {
        "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n<root xmlns=\"urn:schemas-upnp-org:"
        "device-1-0\">",
        "HTTP/1.0 200 OK\r\nCONTENT-TYPE: application/xml; charset=utf-8\r\n\r\n"
        "<?xml version=\"1.0\"?><root xmlns=\"urn:schemas-upnp-org:device-1-0\">",
        "<?xml version=\"1.0\"?>\n<root xmlns=\"urn:schemas-upnp-org:device-1-0\">",
    };
    static const char *const no[] = {
        /* no XML type */
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<root xmlns=\"urn:schemas-upnp-org:"
        "device-1-0\">",
        /* a service description, not a device */
        "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n<scpd xmlns=\"urn:schemas-upnp-org:"
        "service-1-0\">",
        /* headers not ended */
        "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n",
        "GET /rootDesc.xml HTTP/1.1\r\n\r\n",
        "<html>",
        "",
    };
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        struct vs_cur c = vs_cur_make((const uint8_t *)yes[i], strlen(yes[i]));
        ck_assert_msg(vs_upnp_candidate(&c), "should be: %s", yes[i]);
    }
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
        struct vs_cur c = vs_cur_make((const uint8_t *)no[i], strlen(no[i]));
        ck_assert_msg(!vs_upnp_candidate(&c), "should not be: %s", no[i]);
    }
}
END_TEST

/* Through the banner decoder (TCP): http.server from the headers and upnp.* from the body. */
START_TEST(test_banner_handoff)
{
    char msg[4096];
    snprintf(msg, sizeof msg,
             "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nServer: Linux UPnP/1.0 "
             "Huawei-ATP-IGD\r\n\r\n%s",
             hg8245h_body);
    struct vs_pkt pkt;
    tu_pkt_init(&pkt);
    pkt.ip_proto = 6;
    pkt.sport = 37215;
    pkt.dport = 50000;
    struct vs_cur c = vs_cur_make((const uint8_t *)msg, strlen(msg));
    ck_assert(vs_banner_candidate(&c, &pkt));
    tu_reset(&col);
    ck_assert_int_eq(vs_banner_dissect(c, &pkt, tu_collect, &col), VS_DECODE_OK);
    TU_EXPECT(&col, VS_F_HTTP_SERVER, "Linux UPnP/1.0 Huawei-ATP-IGD");
    TU_EXPECT(&col, VS_F_UPNP_MODEL_NAME, "HG8245H");
    ck_assert_uint_eq(col.n, 7);
    /* The body alone, in its own segment. */
    c = vs_cur_make((const uint8_t *)hg8245h_body, strlen(hg8245h_body));
    ck_assert(vs_banner_candidate(&c, &pkt));
    tu_reset(&col);
    ck_assert_int_eq(vs_banner_dissect(c, &pkt, tu_collect, &col), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 6);
    /* Cut mid-body: segmentation, not an error, for the banner decoder. */
    c = vs_cur_make((const uint8_t *)msg, strlen(msg) - 30);
    tu_reset(&col);
    ck_assert_int_eq(vs_banner_dissect(c, &pkt, tu_collect, &col), VS_DECODE_OK);
}
END_TEST

static Suite *upnp_suite(void)
{
    Suite *s = suite_create("upnp");
    TCase *tc = tcase_create("upnp");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_body_and_response);
    tcase_add_test(tc, test_chunked);
    tcase_add_test(tc, test_embedded);
    tcase_add_test(tc, test_entities);
    tcase_add_test(tc, test_truncated_and_malformed);
    tcase_add_test(tc, test_huge_and_hostile);
    tcase_add_test(tc, test_candidate);
    tcase_add_test(tc, test_banner_handoff);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    vs_upnp_init();
    SRunner *sr = srunner_create(upnp_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
