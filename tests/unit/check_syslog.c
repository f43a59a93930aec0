/* SPDX-License-Identifier: BSD-2-Clause */
/* check_syslog.c - syslog decoder tests (RFC 3164, RFC 5424, RFC 6587 TCP framing): each
 * vendor's message shape gives its format value and never its text; host names; framing
 * with several messages, cut and oversized counts; hostile bytes. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pcap_l4.h"
#include "testutil.h"
#include "vendorsniff/dissect.h"

static struct tu_collector col;

#define EXPECT(f, v) TU_EXPECT(&col, f, v)

static enum vs_decode_status udp(const char *msg)
{
    return tu_decode_into(vs_syslog_dissect, (const uint8_t *)msg, strlen(msg), &col);
}

static enum vs_decode_status tcp(const char *seg, size_t n)
{
    return tu_decode_into(vs_syslog_tcp_dissect, (const uint8_t *)seg, n, &col);
}

/* No evidence value holds a byte of the message text, nor any control byte. */
static void assert_clean(const char *secret)
{
    for (size_t i = 0; i < col.n; i++) {
        ck_assert_msg(!secret || !strstr(col.ev[i].value, secret), "\"%s\" leaked in %s", secret,
                      col.ev[i].value);
        for (size_t j = 0; j < col.ev[i].len; j++)
            ck_assert_msg((unsigned char)col.ev[i].value[j] >= 0x20 &&
                              (unsigned char)col.ev[i].value[j] < 0x7f,
                          "control byte in %s", vs_field_name(col.ev[i].field));
    }
}

/* One vendor message: its format value, its host name (NULL: none), a word of its text
 * that must not appear in any evidence. */
struct sample {
    const char *msg;
    const char *format;
    const char *host;
    const char *secret;
};

/* Message shapes from the vendors' log references (see signatures/rules/syslog.ini). */
static const struct sample samples[] = {
    /* Huawei VRP5: year in the timestamp, "%%01" Huawei identifier and version */
    {"<189>Mar  1 2024 12:00:00+08:00 HUAWEI %%01SHELL/5/CMDRECORD(s)[0]:Recorded command "
     "information. (Task=VT0, Ip=10.0.0.9, VpnName=, User=admin, AuthenticationMethod=\"Local-"
     "user\", Command=\"display version\")",
     "bsd %%01SHELL/5/CMDRECORD(s):", "HUAWEI", "admin"},
    /* Huawei VRP8: ISO date, "(l):CID=..." glued to the text */
    {"<187>2024-03-01 12:00:00 CE12800-core %%01IFNET/4/IF_STATE(l):CID=0x80ba0415;Interface "
     "10GE1/0/1 has turned into DOWN state.",
     "bsd %%01IFNET/4/IF_STATE(l):", "CE12800-core", "10GE1"},
    /* H3C Comware: year after the time, "%%10" */
    {"<188>Jan  1 00:05:40 2013 H3C %%10IFNET/3/PHY_UPDOWN(l): GigabitEthernet1/0/1 link "
     "status is DOWN.",
     "bsd %%10IFNET/3/PHY_UPDOWN(l):", "H3C", "GigabitEthernet1"},
    /* Cisco IOS: sequence number and the device's own timestamp, no RFC 3164 header */
    {"<189>123: *Mar  1 00:00:01.123: %LINK-3-UPDOWN: Interface GigabitEthernet0/1, changed "
     "state to down",
     "bare %LINK-3-UPDOWN:", NULL, "GigabitEthernet0"},
    /* Cisco IOS with "logging origin-id hostname" */
    {"<189>52: core-rtr: *Mar  1 18:46:11: %SYS-5-CONFIG_I: Configured from console by vty2 "
     "(10.34.195.36)",
     "bare core-rtr: %SYS-5-CONFIG_I:", NULL, "vty2"},
    /* Cisco IOS-XR: node, process, and a space before the mnemonic's colon */
    {"<189>1234: RP/0/RSP0/CPU0:Jun 20 14:08:02.234 UTC: ifmgr[254]: %PKT_INFRA-LINK-3-UPDOWN "
     ": Interface GigabitEthernet0/0/0/1, changed state to Down",
     "bare RP/0/RSP0/CPU0: ifmgr: %PKT_INFRA-LINK-3-UPDOWN :", NULL, "Interface"},
    /* Cisco IOS-XR with "logging hostnameprefix" (napalm-logs #78) */
    {"<149>12345678: edge01.aaa01 RP/0/RSP1/CPU0:Mar 28 15:08:30.941 UTC: bgp[1051]: "
     "%ROUTING-BGP-5-MAXPFX : No. of IPv4 Unicast prefixes received from 1.2.3.4 has reached "
     "100, max 110",
     "bare RP/0/RSP1/CPU0: bgp: %ROUTING-BGP-5-MAXPFX :", NULL, "edge01"},
    /* Cisco NX-OS */
    {"<189>: 2013 Jun 11 09:41:19 UTC: %ETHPORT-5-IF_UP: Interface Ethernet1/1 is up in mode "
     "access",
     "bare %ETHPORT-5-IF_UP:", NULL, "Ethernet1"},
    /* Juniper Junos, BSD format */
    {"<28>Mar  1 12:00:00 mx-01 mgd[4127]: UI_COMMIT: User 'netops' requested 'commit' "
     "operation (comment: none)",
     "bsd mgd: UI_COMMIT:", "mx-01", "netops"},
    /* Juniper Junos, structured-data format */
    {"<165>1 2024-03-01T12:00:00.123Z mx-01 mgd 4127 UI_COMMIT [junos@2636.1.1.1.2.18 "
     "username=\"netops\"] User 'netops' requested 'commit' operation",
     "5424 mgd UI_COMMIT [junos@2636.1.1.1.2.18]", "mx-01", "netops"},
    /* Nokia SR OS: sequence, routing context, APP-SEVERITY-event-id */
    {"<188>Aug 29 02:38:11 pe-3 TMNX: 11 Base SYSTEM-WARNING-ssiSaveConfigSucceeded-2002 "
     "[Configuration Save Succeeds]:  Configuration file saved to: tftp://172.31.255.29/c.txt",
     "bsd TMNX: SYSTEM-WARNING-ssiSaveConfigSucceeded-2002", "pe-3", "tftp"},
    /* Nokia SR OS with the IP literal as HOSTNAME: no name */
    {"<188>Apr 17 17:00:49 172.31.255.30 TMNX: 169 Base SNMP-WARNING-linkDown-2004 [1/1/c1/1]:"
     "  Interface 1/1/c1/1 is not operational",
     "bsd TMNX: SNMP-WARNING-linkDown-2004", NULL, "operational"},
    /* Arista EOS: agent tag, then the mnemonic */
    {"<189>Mar  1 12:00:00 leaf-1 Ebra: %LINEPROTO-5-UPDOWN: Line protocol on Interface "
     "Ethernet1, changed state to up",
     "bsd Ebra: %LINEPROTO-5-UPDOWN:", "leaf-1", "Ethernet1"},
    /* FortiOS key=value: only the devid, devname as the host name */
    {"<189>date=2024-03-01 time=12:00:00 devname=\"FGT-HQ\" devid=\"FG100E4Q17001234\" "
     "logid=\"0100032001\" type=\"event\" subtype=\"system\" level=\"information\" vd=\"root\" "
     "logdesc=\"Admin login successful\" user=\"admin\" srcip=10.0.0.9 action=\"login\"",
     "bare kv devid=FG100E4Q17001234", "FGT-HQ", "admin"},
    /* CEF header: vendor, product, version */
    {"<134>CEF:0|Fortinet|Fortigate|v6.0.3|00013|traffic:forward close|3|deviceExternalId="
     "FGT5HD3915800610 src=10.0.0.9",
     "bare cef Fortinet|Fortigate|v6.0.3", NULL, "10.0.0.9"},
    /* Linux sudo: the tag only, never the user */
    {"<86>Mar  1 12:00:00 web1 sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; "
     "COMMAND=/usr/bin/id",
     "bsd sudo:", "web1", "alice"},
    /* a Linux program writing a Cisco-looking token: the tag shows it */
    {"<30>Mar  1 12:00:00 web1 myapp[77]: %LINK-3-UPDOWN: fake",
     "bsd myapp: %LINK-3-UPDOWN:", "web1", "fake"},
    /* Cisco ASA with its own timestamp ending in ':' */
    {"<166>Jan 05 2016 10:01:01: %ASA-6-302013: Built outbound TCP connection 1 for outside",
     "bare %ASA-6-302013:", NULL, "outbound"},
};

START_TEST(test_vendor_formats)
{
    const struct sample *s = &samples[_i];
    enum vs_decode_status st = udp(s->msg);
    ck_assert_int_eq(st, VS_DECODE_OK);
    EXPECT(VS_F_SYSLOG_FORMAT, s->format);
    ck_assert_uint_eq(tu_count(&col, VS_F_SYSLOG_FORMAT), 1);
    if (s->host)
        EXPECT(VS_F_SYSLOG_HOSTNAME, s->host);
    else
        ck_assert_uint_eq(tu_count(&col, VS_F_SYSLOG_HOSTNAME), 0);
    assert_clean(s->secret);
}
END_TEST

/* The same messages octet-counted over TCP: every prefix of the segment yields only what
 * the whole does (a cut word is never a tag or a host name). */
START_TEST(test_vendor_formats_tcp_prefixes)
{
    const struct sample *s = &samples[_i];
    char seg[1024];
    int n = snprintf(seg, sizeof seg, "%zu %s", strlen(s->msg), s->msg);
    ck_assert_int_gt(n, 0);
    ck_assert_int_eq(tcp(seg, (size_t)n), VS_DECODE_OK);
    EXPECT(VS_F_SYSLOG_FORMAT, s->format);
    tu_check_prefixes(vs_syslog_tcp_dissect, (const uint8_t *)seg, (size_t)n);
}
END_TEST

START_TEST(test_udp_prefixes_no_crash)
{
    struct vs_pkt pkt;
    tu_pkt_init(&pkt);
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++)
        tu_every_prefix(vs_syslog_dissect, (const uint8_t *)samples[i].msg, strlen(samples[i].msg),
                        &pkt);
}
END_TEST

START_TEST(test_rfc3164_plain)
{
    ck_assert_int_eq(udp("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on "
                         "/dev/pts/8\n"),
                     VS_DECODE_OK);
    EXPECT(VS_F_SYSLOG_HOSTNAME, "mymachine");
    EXPECT(VS_F_SYSLOG_FORMAT, "bsd su:");
    assert_clean("lonvick");
    /* no host: the tag follows the timestamp */
    ck_assert_int_eq(udp("<13>Feb  5 17:32:18 sshd[812]: Accepted publickey for root"),
                     VS_DECODE_OK);
    ck_assert_uint_eq(tu_count(&col, VS_F_SYSLOG_HOSTNAME), 0);
    EXPECT(VS_F_SYSLOG_FORMAT, "bsd sshd:");
    /* a host named like a zone is still a host */
    ck_assert_int_eq(udp("<13>Feb  5 17:32:18 EDGE %LINK-3-UPDOWN: x"), VS_DECODE_OK);
    EXPECT(VS_F_SYSLOG_HOSTNAME, "EDGE");
    /* nothing structural: no format */
    ck_assert_int_eq(udp("<13>hello world"), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

START_TEST(test_rfc5424)
{
    /* RFC 5424 section 6.5 examples */
    ck_assert_int_eq(udp("<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - "
                         "\xef\xbb\xbf'su root' failed for lonvick on /dev/pts/8"),
                     VS_DECODE_OK);
    EXPECT(VS_F_SYSLOG_HOSTNAME, "mymachine.example.com");
    EXPECT(VS_F_SYSLOG_FORMAT, "5424 su ID47");
    ck_assert_int_eq(udp("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - "
                         "ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"Application\" "
                         "eventID=\"1011\"][examplePriority@32473 class=\"high\"]"),
                     VS_DECODE_OK);
    EXPECT(VS_F_SYSLOG_FORMAT, "5424 evntslog ID47 [exampleSDID@32473] [examplePriority@32473]");
    /* escapes inside a parameter value: \] does not end the element */
    ck_assert_int_eq(udp("<14>1 - - app - - [a@9 x=\"b\\]c\\\"d\"][b@9] %X-1-Y: z"), VS_DECODE_OK);
    EXPECT(VS_F_SYSLOG_FORMAT, "5424 app - [a@9] [b@9] %X-1-Y:");
    ck_assert_uint_eq(tu_count(&col, VS_F_SYSLOG_HOSTNAME), 0);
    /* IP literal host: no name */
    ck_assert_int_eq(udp("<14>1 - 192.0.2.1 app - - -"), VS_DECODE_OK);
    ck_assert_uint_eq(tu_count(&col, VS_F_SYSLOG_HOSTNAME), 0);
    ck_assert_int_eq(udp("<14>1 - 2001:db8::1 app - - -"), VS_DECODE_OK);
    ck_assert_uint_eq(tu_count(&col, VS_F_SYSLOG_HOSTNAME), 0);
    /* unterminated SD element; SD missing */
    ck_assert_int_eq(udp("<14>1 - host app - - [a@9 x=\"open"), VS_DECODE_TRUNCATED);
    ck_assert_int_eq(udp("<14>1 - host app - - junk"), VS_DECODE_MALFORMED);
    ck_assert_int_eq(udp("<14>1 - host"), VS_DECODE_TRUNCATED);
}
END_TEST

START_TEST(test_pri)
{
    ck_assert_int_eq(udp("<192>Mar  1 12:00:00 h a: b"), VS_DECODE_MALFORMED);
    ck_assert_int_eq(udp("<01>Mar  1 12:00:00 h a: b"), VS_DECODE_MALFORMED);
    ck_assert_int_eq(udp("<1234>x"), VS_DECODE_MALFORMED);
    ck_assert_int_eq(udp("<>x"), VS_DECODE_MALFORMED);
    ck_assert_int_eq(udp("Mar  1 12:00:00 h a: b"), VS_DECODE_MALFORMED);
    ck_assert_int_eq(udp("<0>Mar  1 12:00:00 h a: b"), VS_DECODE_OK);
    ck_assert_int_eq(udp("<19"), VS_DECODE_TRUNCATED);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

#define HW "<189>Mar  1 2024 12:00:00 HUAWEI %%01SHELL/5/CMDRECORD(s)[0]:Recorded command"
#define JN "<28>Mar  1 12:00:00 mx-01 mgd[4127]: UI_COMMIT: User 'netops' requested"

START_TEST(test_tcp_octet_counting_two)
{
    char seg[512];
    int n = snprintf(seg, sizeof seg, "%zu %s%zu %s", strlen(HW), HW, strlen(JN), JN);
    ck_assert_int_eq(tcp(seg, (size_t)n), VS_DECODE_OK);
    EXPECT(VS_F_SYSLOG_FORMAT, "bsd %%01SHELL/5/CMDRECORD(s):");
    EXPECT(VS_F_SYSLOG_FORMAT, "bsd mgd: UI_COMMIT:");
    EXPECT(VS_F_SYSLOG_HOSTNAME, "HUAWEI");
    EXPECT(VS_F_SYSLOG_HOSTNAME, "mx-01");
    assert_clean("netops");
}
END_TEST

START_TEST(test_tcp_lf_framing)
{
    static const char seg[] = HW "\n" JN "\n";
    ck_assert_int_eq(tcp(seg, sizeof seg - 1), VS_DECODE_OK);
    EXPECT(VS_F_SYSLOG_FORMAT, "bsd %%01SHELL/5/CMDRECORD(s):");
    EXPECT(VS_F_SYSLOG_FORMAT, "bsd mgd: UI_COMMIT:");
    /* CR LF and a NUL between frames are tolerated */
    static const char crlf[] = HW "\r\n\0" JN "\r\n";
    ck_assert_int_eq(tcp(crlf, sizeof crlf - 1), VS_DECODE_OK);
    ck_assert_uint_eq(tu_count(&col, VS_F_SYSLOG_FORMAT), 2);
    /* the last frame without its LF: cut, what is whole is kept */
    static const char open_end[] = HW "\n<28>Mar  1 12:00:00 mx-01 mgd[4127]: UI_COMM";
    ck_assert_int_eq(tcp(open_end, sizeof open_end - 1), VS_DECODE_TRUNCATED);
    ck_assert_uint_eq(tu_count(&col, VS_F_SYSLOG_FORMAT), 1);
    EXPECT(VS_F_SYSLOG_HOSTNAME, "mx-01");
    tu_check_prefixes(vs_syslog_tcp_dissect, (const uint8_t *)seg, sizeof seg - 1);
}
END_TEST

START_TEST(test_tcp_counts)
{
    /* a count beyond the segment: the message continues in the next one */
    char seg[512];
    int n = snprintf(seg, sizeof seg, "%zu %s", strlen(HW) + 300, HW);
    ck_assert_int_eq(tcp(seg, (size_t)n), VS_DECODE_TRUNCATED);
    EXPECT(VS_F_SYSLOG_FORMAT, "bsd %%01SHELL/5/CMDRECORD(s):");
    /* oversized, zero-led, over-long, not followed by a space, count alone */
    static const char *const bad[] = {"70000 <1>x", "0 <1>x", "012 <1>x", "1234567 <1>x", "12<1>x"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_int_eq(tcp(bad[i], strlen(bad[i])), VS_DECODE_MALFORMED);
        ck_assert_uint_eq(col.n, 0);
    }
    ck_assert_int_eq(tcp("123", 3), VS_DECODE_TRUNCATED);
    /* garbage after a good frame: the good frame's evidence stays */
    n = snprintf(seg, sizeof seg, "%zu %sXYZ", strlen(JN), JN);
    ck_assert_int_eq(tcp(seg, (size_t)n), VS_DECODE_MALFORMED);
    EXPECT(VS_F_SYSLOG_FORMAT, "bsd mgd: UI_COMMIT:");
}
END_TEST

START_TEST(test_tcp_many_frames)
{
    /* more frames than one segment is read for: bounded */
    static char seg[64 * 1024];
    size_t n = 0;
    while (n + 16 < sizeof seg)
        n += (size_t)snprintf(seg + n, sizeof seg - n, "11 <1>a b: c:\n");
    enum vs_decode_status st = tcp(seg, n);
    ck_assert_int_ne(st, VS_DECODE_MALFORMED);
    ck_assert_uint_le(col.n, 64);
}
END_TEST

START_TEST(test_hostile)
{
    /* control bytes in the host, the tag, the mnemonic: never in a value */
    static const char *const msgs[] = {
        "<13>Mar  1 12:00:00 ho\x01st sshd: x",
        "<13>Mar  1 12:00:00 host ss\x1b[31mhd: x",
        "<13>Mar  1 12:00:00 host %LINK-3-UP\x7f"
        "DOWN: x",
        "<13>Mar  1 12:00:00 host \xff\xfe: x",
        "<14>1 - ho\x02st app - - -",
        "<14>1 - host a\x03pp - - -",
        "<13>devid=\"FG\x01X\" devname=\"a\x02\"",
        "<13>CEF:0|Ven\x01dor|P|1|x|y|1|",
    };
    for (size_t i = 0; i < sizeof msgs / sizeof msgs[0]; i++) {
        enum vs_decode_status st = udp(msgs[i]);
        ck_assert_int_ge(st, VS_DECODE_OK);
        ck_assert_int_le(st, VS_DECODE_MALFORMED);
        assert_clean(NULL);
    }
    /* a huge mnemonic and a huge tag do not overflow the value */
    static char big[4096];
    int n = snprintf(big, sizeof big, "<13>Mar  1 12:00:00 host %%");
    memset(big + n, 'A', 3000);
    memcpy(big + n + 3000, ": x", 4);
    ck_assert_int_eq(udp(big), VS_DECODE_OK);
    for (size_t i = 0; i < col.n; i++)
        ck_assert_uint_le(col.ev[i].len, 255);
    n = snprintf(big, sizeof big, "<14>1 - %s app - - -", "");
    memset(big + n - 12, 'h', 300);
    ck_assert_int_ge(udp(big), VS_DECODE_OK);
    ck_assert_uint_eq(tu_count(&col, VS_F_SYSLOG_HOSTNAME), 0);
    /* many SD elements */
    n = snprintf(big, sizeof big, "<14>1 - h a - - ");
    for (int i = 0; i < 40; i++)
        n += snprintf(big + n, sizeof big - (size_t)n, "[e%d@1]", i);
    ck_assert_int_eq(udp(big), VS_DECODE_MALFORMED);
}
END_TEST

START_TEST(test_candidate)
{
    struct vs_cur c = vs_cur_make((const uint8_t *)"<189>x", 6);
    ck_assert(vs_syslog_candidate(&c, false));
    ck_assert(vs_syslog_candidate(&c, true));
    c = vs_cur_make((const uint8_t *)"123 <1>", 7);
    ck_assert(!vs_syslog_candidate(&c, false));
    ck_assert(vs_syslog_candidate(&c, true));
    c = vs_cur_make((const uint8_t *)"GET /", 5);
    ck_assert(!vs_syslog_candidate(&c, true));
    c = vs_cur_make((const uint8_t *)"<h", 2);
    ck_assert(!vs_syslog_candidate(&c, true));
    c = vs_cur_make((const uint8_t *)"0 <", 3);
    ck_assert(!vs_syslog_candidate(&c, true));
    c = vs_cur_make((const uint8_t *)"<", 1);
    ck_assert(!vs_syslog_candidate(&c, false));
}
END_TEST

/* tests/captures/ne_syslog.pcap: what each network element's messages give. */
struct cap_seen {
    size_t udp, tcp, ttl63;
};

static void cap_frame(const struct vs_pkt *pkt, void *arg)
{
    struct cap_seen *s = arg;
    bool is_udp = pkt->ip_proto == 17 && pkt->dport == 514;
    bool is_tcp = pkt->ip_proto == 6 && pkt->dport == 601;
    if ((!is_udp && !is_tcp) || !vs_cur_len(&pkt->l4_payload))
        return;
    ck_assert(vs_syslog_candidate(&pkt->l4_payload, is_tcp));
    enum vs_decode_status st = (is_udp ? vs_syslog_dissect : vs_syslog_tcp_dissect)(
        pkt->l4_payload, pkt, tu_collect, &col);
    ck_assert_int_eq(st, VS_DECODE_OK);
    s->udp += is_udp;
    s->tcp += is_tcp;
    s->ttl63 += pkt->ttl == 63;
}

START_TEST(test_capture_ne_syslog)
{
    struct cap_seen s = {0, 0, 0};
    tu_reset(&col);
    ck_assert_int_gt(pl4_walk(tu_src_path("tests/captures/ne_syslog.pcap"), cap_frame, &s), 0);
    ck_assert_uint_eq(s.udp, 9);
    ck_assert_uint_eq(s.tcp, 1);
    ck_assert_uint_eq(s.ttl63, 10);
    static const char *const formats[] = {"bsd %%01SHELL/5/CMDRECORD(s):",
                                          "bsd %%01IFNET/4/IF_STATE(l):",
                                          "bare %SYS-5-CONFIG_I:",
                                          "bare %LINK-3-UPDOWN:",
                                          "bsd mgd: UI_COMMIT:",
                                          "bsd mib2d: SNMP_TRAP_LINK_DOWN:",
                                          "bsd %%10IFNET/3/PHY_UPDOWN(l):",
                                          "bare kv devid=FG100E4Q17001234",
                                          "bsd TMNX: SNMP-WARNING-linkDown-2004",
                                          "bsd Ebra: %LINEPROTO-5-UPDOWN:",
                                          "bsd Ebra: %LINK-3-UPDOWN:"};
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        EXPECT(VS_F_SYSLOG_FORMAT, formats[i]);
    static const char *const hosts[] = {"hw-pe-01",      "mx-edge-02", "h3c-agg-03",
                                        "fgt-branch-04", "sr-pe-05",   "leaf-06"};
    for (size_t i = 0; i < sizeof hosts / sizeof hosts[0]; i++)
        EXPECT(VS_F_SYSLOG_HOSTNAME, hosts[i]);
    assert_clean("noc");
}
END_TEST

static Suite *syslog_suite(void)
{
    Suite *s = suite_create("syslog");
    TCase *tc = tcase_create("formats");
    size_t ns = sizeof samples / sizeof samples[0];
    tcase_add_loop_test(tc, test_vendor_formats, 0, (int)ns);
    tcase_add_loop_test(tc, test_vendor_formats_tcp_prefixes, 0, (int)ns);
    tcase_add_test(tc, test_udp_prefixes_no_crash);
    tcase_add_test(tc, test_rfc3164_plain);
    tcase_add_test(tc, test_rfc5424);
    tcase_add_test(tc, test_pri);
    suite_add_tcase(s, tc);
    tc = tcase_create("tcp");
    tcase_add_test(tc, test_tcp_octet_counting_two);
    tcase_add_test(tc, test_tcp_lf_framing);
    tcase_add_test(tc, test_tcp_counts);
    tcase_add_test(tc, test_tcp_many_frames);
    suite_add_tcase(s, tc);
    tc = tcase_create("hostile");
    tcase_add_test(tc, test_hostile);
    tcase_add_test(tc, test_candidate);
    suite_add_tcase(s, tc);
    tc = tcase_create("capture");
    tcase_add_test(tc, test_capture_ne_syslog);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(syslog_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
