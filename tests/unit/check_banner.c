/* SPDX-License-Identifier: BSD-2-Clause */
/* check_banner.c - banner decoder (src/dissect/banner.c): SSH, FTP, Telnet, HTTP/SSDP,
 * SIP and TR-069 CWMP Inform payloads, recognition by payload (vs_banner_candidate),
 * truncation, over-long input, credentials kept out, and the corpus captures. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipev_corpus.h"
#include "testutil.h"
#include "vendorsniff/dissect.h"

static struct tu_collector col;

static struct vs_cur text_cur(const void *s, size_t n)
{
    return vs_cur_make(s, n);
}

static enum vs_decode_status run_port(const void *buf, size_t len, uint16_t sport, uint16_t dport)
{
    struct vs_pkt pkt;
    tu_pkt_init(&pkt);
    pkt.ip_proto = 6;
    pkt.sport = sport;
    pkt.dport = dport;
    tu_reset(&col);
    struct vs_cur c = text_cur(buf, len);
    ck_assert_msg(vs_banner_candidate(&c, &pkt), "not a candidate: %.40s", (const char *)buf);
    return vs_banner_dissect(c, &pkt, tu_collect, &col);
}

/* String literals: the terminating NUL is not part of the payload. */
#define RUN(s, sp, dp) run_port((s), sizeof(s) - 1, (sp), (dp))

/* ---- SSH (RFC 4253 s4.2): "SSH-protoversion-softwareversion SP comments CR LF" ---- */

/* Server identification followed, in the same segment, by the start of its KEXINIT. */
static const char ssh_huawei[] = "SSH-2.0-HUAWEI-1.5\r\n"
                                 "\x00\x00\x01\x2c\x0a\x14\xa1\xb2";
static const char ssh_cisco[] = "SSH-1.99-Cisco-1.25\r\n";
/* Bare LF line end, as some embedded servers send. */
static const char ssh_zte[] = "SSH-2.0-ZTE_SSH.2.0\n";
static const char ssh_comment[] = "SSH-2.0-OpenSSH_7.4p1 Debian-10+deb9u3  \r\n";

START_TEST(test_ssh)
{
    ck_assert_int_eq(RUN(ssh_huawei, 22, 50000), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    ck_assert_str_eq(tu_get(&col, VS_F_SSH_BANNER), "SSH-2.0-HUAWEI-1.5");
    ck_assert_uint_eq(col.ev[0].len, 18);

    ck_assert_int_eq(RUN(ssh_cisco, 22, 50000), VS_DECODE_OK);
    ck_assert_str_eq(tu_get(&col, VS_F_SSH_BANNER), "SSH-1.99-Cisco-1.25");

    /* Payload, not port: SSH on 2222, and from the client side too. */
    ck_assert_int_eq(RUN(ssh_zte, 50000, 2222), VS_DECODE_OK);
    ck_assert_str_eq(tu_get(&col, VS_F_SSH_BANNER), "SSH-2.0-ZTE_SSH.2.0");

    ck_assert_int_eq(RUN(ssh_comment, 22, 50000), VS_DECODE_OK);
    ck_assert_str_eq(tu_get(&col, VS_F_SSH_BANNER), "SSH-2.0-OpenSSH_7.4p1 Debian-10+deb9u3");
}
END_TEST

START_TEST(test_ssh_bad)
{
    /* No line end yet: the segment was cut; nothing half-read is emitted. */
    ck_assert_int_eq(RUN("SSH-2.0-HUAWEI-1", 22, 1), VS_DECODE_TRUNCATED);
    ck_assert_uint_eq(col.n, 0);
    /* No line end within the 255 bytes RFC 4253 allows. */
    char longline[400];
    memcpy(longline, "SSH-2.0-", 8);
    memset(longline + 8, 'A', sizeof longline - 8);
    ck_assert_int_eq(run_port(longline, sizeof longline, 22, 1), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    /* Malformed protoversion or no software version. */
    ck_assert_int_eq(RUN("SSH-2.0\r\n", 22, 1), VS_DECODE_MALFORMED);
    ck_assert_int_eq(RUN("SSH-2.0-\r\n", 22, 1), VS_DECODE_MALFORMED);
    ck_assert_int_eq(RUN("SSH-abc-x\r\n", 22, 1), VS_DECODE_MALFORMED);
    ck_assert_int_eq(RUN("SSH--x\r\n", 22, 1), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

/* ---- FTP (RFC 959 s4.2): the 220 reply, single or multi-line ---- */

START_TEST(test_ftp)
{
    ck_assert_int_eq(RUN("220 ZXR10 FTP server ready.\r\n", 21, 50000), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    /* The whole reply line, as tshark's ftp.response shows it (corpus/expected). */
    ck_assert_str_eq(tu_get(&col, VS_F_FTP_BANNER), "220 ZXR10 FTP server ready.");

    /* Multi-line: the first line names the server. */
    ck_assert_int_eq(RUN("220-FileZilla Server 1.9.1\r\n220 Please visit https://filezilla-"
                         "project.org/\r\n",
                         21, 50000),
                     VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    ck_assert_str_eq(tu_get(&col, VS_F_FTP_BANNER), "220 FileZilla Server 1.9.1");

    /* SMTP greets with 220 too. */
    ck_assert_int_eq(RUN("220 mail.example.com ESMTP Postfix\r\n", 25, 50000), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);

    ck_assert_int_eq(RUN("220 Huawei FTP serv", 21, 1), VS_DECODE_TRUNCATED);
    ck_assert_uint_eq(col.n, 0);
    /* A first line longer than the scan window: stopped looking, not malformed. */
    char big[VS_MAX_BANNER_SCAN + 100];
    memcpy(big, "220 ", 4);
    memset(big + 4, 'x', sizeof big - 4);
    ck_assert_int_eq(run_port(big, sizeof big, 21, 1), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

/* ---- Telnet (RFC 854): negotiation, then the greeting ---- */

/* Huawei VRP: IAC WILL ECHO, IAC WILL SUPPRESS-GO-AHEAD, IAC DO NAWS, then the text. */
static const char telnet_huawei[] =
    "\xff\xfb\x01\xff\xfb\x03\xff\xfd\x1f"
    "\r\n\r\nWarning: Telnet is not a secure protocol, and it is recommended to use "
    "Stelnet.\r\n\r\nLogin authentication\r\n\r\n\r\nUsername:";
/* ZTE ZXR10: no negotiation in this segment, a fresh line, a banner, a prompt. */
static const char telnet_zte[] = "\r\n****************************************\r\n"
                                 "Welcome to ZXR10 ZXCTN 6120 of ZTE Corporation\r\n"
                                 "****************************************\r\n\r\nUsername:";
/* Subnegotiation (terminal type "XTERM") is not text; ANSI colour codes are stripped. */
static const char telnet_sb[] = "\xff\xfa\x18\x00XTERM\xff\xf0\xff\xfb\x01"
                                "\x1b[1;32mCisco\x1b[0m User Access Verification\r\n\r\n"
                                "Username: ";

START_TEST(test_telnet)
{
    ck_assert_int_eq(RUN(telnet_huawei, 23, 50000), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    ck_assert_str_eq(tu_get(&col, VS_F_TELNET_BANNER),
                     "Warning: Telnet is not a secure protocol, and it is recommended to use "
                     "Stelnet.\r\n\r\nLogin authentication\r\n\r\n\r\nUsername:");

    ck_assert_int_eq(RUN(telnet_zte, 23, 50000), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    ck_assert_ptr_nonnull(strstr(tu_get(&col, VS_F_TELNET_BANNER), "Welcome to ZXR10"));
    ck_assert_int_eq(tu_get(&col, VS_F_TELNET_BANNER)[0], '*');

    /* Negotiation is recognised on any port. */
    ck_assert_int_eq(RUN(telnet_sb, 2323, 50000), VS_DECODE_OK);
    ck_assert_str_eq(tu_get(&col, VS_F_TELNET_BANNER),
                     "Cisco User Access Verification\r\n\r\nUsername:");
}
END_TEST

/* A greeting split over segments: a row of asterisks alone, then the real text, which
 * neither negotiates nor opens a fresh line but ends in the login prompt. */
START_TEST(test_telnet_multiline)
{
    ck_assert_int_eq(RUN("\r\n****************************************\r\n", 23, 1), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    ck_assert_int_eq(RUN("Welcome to ZXR10 ZXCTN 6120 of ZTE Corporation\r\n"
                         "****************************************\r\n\r\nUsername:",
                         23, 1),
                     VS_DECODE_OK);
    ck_assert_str_eq(tu_get(&col, VS_F_TELNET_BANNER),
                     "Welcome to ZXR10 ZXCTN 6120 of ZTE Corporation\r\n"
                     "****************************************\r\n\r\nUsername:");
    /* Without the prompt such a segment could be anything the session prints. */
    ck_assert_int_eq(RUN("Welcome to ZXR10 ZXCTN 6120 of ZTE Corporation\r\n", 23, 1),
                     VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    /* The greeting stops at the login prompt... */
    ck_assert_int_eq(
        RUN("\r\nUser Access Verification\r\n\r\nlogin: \r\n\r\n% Login invalid\r\n", 23, 1),
        VS_DECODE_OK);
    ck_assert_str_eq(tu_get(&col, VS_F_TELNET_BANNER), "User Access Verification\r\n\r\nlogin:");
    /* ...and keeps the first lines of a long notice only. */
    char notice[1500];
    size_t n = (size_t)sprintf(notice, "\r\n");
    for (int i = 0; i < 20; i++)
        n += (size_t)sprintf(notice + n, "Authorised access only, line %02d\r\n", i);
    n += (size_t)sprintf(notice + n, "Password:");
    ck_assert_int_eq(run_port(notice, n, 23, 1), VS_DECODE_OK);
    const char *v = tu_get(&col, VS_F_TELNET_BANNER);
    ck_assert_ptr_nonnull(strstr(v, "line 00"));
    ck_assert_ptr_nonnull(strstr(v, "line 11"));
    ck_assert_ptr_null(strstr(v, "line 12"));
    ck_assert_ptr_null(strstr(v, "Password:"));
}
END_TEST

/* After a login the server prints command output and a CLI prompt: never a banner, even
 * when the segment opens a fresh line as a greeting would. */
START_TEST(test_telnet_after_login)
{
    static const char *const after[] = {
        "\r\nInfo: The max number of VTY users is 5, and the number\r\n"
        "      of current VTY users on line is 1.\r\n<HUAWEI>",
        "\r\n<S5735-L24T4S>",
        "\r\nZXR10#",
        "\r\n\r\n[admin@MikroTik] > ",
        "\r\nLast login: Fri Mar  1 11:58:02 2024 from 10.2.0.100\r\nroot@ont:~# ",
        "\r\nLast login: Fri Mar  1 11:58:02 2024 from 10.2.0.100\r\n",
        "\xff\xfb\x01\r\nGPON-OLT>",
    };
    for (size_t i = 0; i < sizeof after / sizeof after[0]; i++) {
        ck_assert_int_eq(run_port(after[i], strlen(after[i]), 23, 1), VS_DECODE_OK);
        ck_assert_msg(col.n == 0, "session output taken for a banner: %s", after[i]);
    }
    /* A greeting that mentions a prompt character is still one. */
    ck_assert_int_eq(RUN("\r\nPress <Enter> to continue #1\r\n", 23, 1), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
}
END_TEST

START_TEST(test_telnet_not_greeting)
{
    struct vs_pkt pkt;
    tu_pkt_init(&pkt);
    pkt.sport = 50000;
    pkt.dport = 23;
    /* What a client sends to port 23 is typed input: never a candidate, never a banner. */
    static const char client[] = "\xff\xfb\x18\xff\xfd\x01"
                                 "admin\r\n";
    struct vs_cur c = text_cur(client, sizeof client - 1);
    ck_assert(!vs_banner_candidate(&c, &pkt));
    tu_reset(&col);
    vs_banner_dissect(c, &pkt, tu_collect, &col);
    ck_assert_uint_eq(col.n, 0);

    /* Session output later in the session: no negotiation, no fresh line. */
    ck_assert_int_eq(RUN("64 bytes from 10.0.0.1: icmp_seq=0 ttl=64 time=0.1 ms\r\n", 23, 1),
                     VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    /* A configuration listing carries secrets: dropped whole. */
    ck_assert_int_eq(RUN("\r\nsnmp-server community Pr1vate RO\r\nusername admin secret 5 "
                         "$1$abc\r\n",
                         23, 1),
                     VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    ck_assert_int_eq(RUN("\xff\xfb\x01\r\nsnmp-agent community read cipher %^%#abc\r\n", 23, 1),
                     VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    /* Negotiation only, or fewer than three alphanumerics. */
    ck_assert_int_eq(RUN("\xff\xfd\x18\xff\xfd\x20\xff\xfd\x23", 23, 1), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    ck_assert_int_eq(RUN("\xff\xfb\x01\r\n> ", 23, 1), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    /* Binary that starts like a command but breaks the grammar, or is mostly junk. */
    ck_assert_int_eq(RUN("\xff\xfb\x01\xff\x1b*b61W\x01\xff\x80", 9100, 1), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    ck_assert_int_eq(RUN("\xff\xfb\x01\r\nabc\x01\x02\x03\x81\x82\x83\x84\x85", 9100, 1),
                     VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    /* IAC at the very end of the segment. */
    ck_assert_int_eq(RUN("\r\nWelcome\xff", 23, 1), VS_DECODE_TRUNCATED);
    ck_assert_str_eq(tu_get(&col, VS_F_TELNET_BANNER), "Welcome");
    /* Unterminated subnegotiation swallows the rest. */
    ck_assert_int_eq(RUN("\xff\xfa\x18\x00XTERM Welcome to ZXR10", 23, 1), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

/* ---- HTTP and SSDP (RFC 9110, UPnP Device Architecture 2.0 s1) ---- */

static const char http_hik[] = "HTTP/1.1 401 Unauthorized\r\n"
                               "Date: Tue, 01 Jan 2019 00:00:00 GMT\r\n"
                               "Server: Hikvision-Webs\r\n"
                               "WWW-Authenticate: Digest qop=\"auth\", realm=\"DS-2CD2032-I\", "
                               "nonce=\"4e5468694e7a42694e7a4d364f4449354d7a6b354d54513d\"\r\n"
                               "Content-Length: 0\r\n"
                               "\r\n";
/* Header names are case-insensitive; values are trimmed; obs-fold lines are skipped. */
static const char http_dahua[] = "HTTP/1.0 200 OK\r\n"
                                 "SERVER:   DNVRS-Webs   \r\n"
                                 "X-Note: first\r\n"
                                 "  folded continuation\r\n"
                                 "www-authenticate: Basic realm=\"HG8245H\"\r\n"
                                 "\r\n"
                                 "<html>Server: not-a-header</html>";
static const char http_zte[] = "HTTP/1.1 200 OK\nServer: Mini web server 1.0 ZTE corp 2005.\n\n";
static const char ssdp_notify[] =
    "NOTIFY * HTTP/1.1\r\n"
    "HOST: 239.255.255.250:1900\r\n"
    "CACHE-CONTROL: max-age=1800\r\n"
    "LOCATION: http://192.168.1.1:37215/upnpdev.xml\r\n"
    "NT: upnp:rootdevice\r\n"
    "NTS: ssdp:alive\r\n"
    "SERVER: Linux/2.6.36, UPnP/1.0, Huawei-ATP-IGD\r\n"
    "USN: uuid:00e0fc37-2525-2828-2500-0c37d70c1b0d::upnp:rootdevice\r\n"
    "\r\n";

START_TEST(test_http)
{
    ck_assert_int_eq(RUN(http_hik, 80, 50000), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 2);
    ck_assert_str_eq(tu_get(&col, VS_F_HTTP_SERVER), "Hikvision-Webs");
    ck_assert_str_eq(tu_get(&col, VS_F_HTTP_WWW_AUTHENTICATE),
                     "Digest qop=\"auth\", realm=\"DS-2CD2032-I\", "
                     "nonce=\"4e5468694e7a42694e7a4d364f4449354d7a6b354d54513d\"");

    ck_assert_int_eq(RUN(http_dahua, 80, 50000), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 2);
    ck_assert_str_eq(tu_get(&col, VS_F_HTTP_SERVER), "DNVRS-Webs");
    ck_assert_str_eq(tu_get(&col, VS_F_HTTP_WWW_AUTHENTICATE), "Basic realm=\"HG8245H\"");

    ck_assert_int_eq(RUN(http_zte, 80, 50000), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    ck_assert_str_eq(tu_get(&col, VS_F_HTTP_SERVER), "Mini web server 1.0 ZTE corp 2005.");

    ck_assert_int_eq(RUN(ssdp_notify, 1900, 1900), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    ck_assert_str_eq(tu_get(&col, VS_F_HTTP_SERVER), "Linux/2.6.36, UPnP/1.0, Huawei-ATP-IGD");

    /* Two Server headers: both. An empty one: neither. */
    ck_assert_int_eq(RUN("HTTP/1.1 200 OK\r\nServer: a\r\nServer:\r\nServer:b\r\n\r\n", 80, 1),
                     VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 2);
    ck_assert(tu_has(&col, VS_F_HTTP_SERVER, "a"));
    ck_assert(tu_has(&col, VS_F_HTTP_SERVER, "b"));
}
END_TEST

START_TEST(test_http_bounds)
{
    /* Headers cut by the segment: lines already whole still count, and a header block
     * that goes on in the next segment is segmentation, not a decode error. */
    ck_assert_int_eq(
        RUN("HTTP/1.1 200 OK\r\nServer: Hikvision-Webs\r\nWWW-Authenticate: Basic re", 80, 1),
        VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    ck_assert_str_eq(tu_get(&col, VS_F_HTTP_SERVER), "Hikvision-Webs");

    /* Thousands of header lines: only the scan window is read. */
    static char big[64 * 1024];
    size_t n = 0;
    n += (size_t)sprintf(big + n, "HTTP/1.1 200 OK\r\nServer: early\r\n");
    while (n < sizeof big - 100)
        n += (size_t)sprintf(big + n, "X-A: b\r\n");
    n += (size_t)sprintf(big + n, "Server: late\r\n\r\n");
    ck_assert_int_eq(run_port(big, n, 80, 1), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    ck_assert_str_eq(tu_get(&col, VS_F_HTTP_SERVER), "early");

    /* A header line longer than the window is not read at all. */
    n = (size_t)sprintf(big, "HTTP/1.1 200 OK\r\nServer: ");
    memset(big + n, 'z', VS_MAX_BANNER_SCAN);
    n += VS_MAX_BANNER_SCAN;
    n += (size_t)sprintf(big + n, "\r\n\r\n");
    ck_assert_int_eq(run_port(big, n, 80, 1), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);

    /* Not an HTTP start line after all. */
    ck_assert_int_eq(RUN("HTTP/1.x nonsense\r\nServer: x\r\n\r\n", 80, 1), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    ck_assert_int_eq(RUN("NOTIFY me now\r\nServer: x\r\n\r\n", 80, 1), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

/* ---- SIP (RFC 3261 s20.35, s20.41) over UDP and TCP ---- */

static const char sip_register[] = "REGISTER sip:10.10.10.1 SIP/2.0\r\n"
                                   "Via: SIP/2.0/UDP 10.10.10.20:5060;branch=z9hG4bK-1\r\n"
                                   "From: <sip:8001@10.10.10.1>;tag=1\r\n"
                                   "To: <sip:8001@10.10.10.1>\r\n"
                                   "Call-ID: 1@10.10.10.20\r\n"
                                   "CSeq: 1 REGISTER\r\n"
                                   "User-Agent: Huawei eSpace 7910 V100R001C02\r\n"
                                   "Authorization: Digest username=\"8001\", response=\"x\"\r\n"
                                   "Content-Length: 0\r\n"
                                   "\r\n";
static const char sip_ok[] = "SIP/2.0 200 OK\r\n"
                             "Via: SIP/2.0/UDP 10.239.156.235:5060\r\n"
                             "Server: Huawei SoftX3000 V300R011\r\n"
                             "Content-Length: 0\r\n"
                             "\r\n";
static const char sip_invite[] = "INVITE sip:2000@example.com SIP/2.0\r\n"
                                 "user-agent:Yealink SIP-T46S 66.85.0.5\r\n"
                                 "Content-Type: application/sdp\r\n"
                                 "Content-Length: 4\r\n"
                                 "\r\n"
                                 "v=0\n";

START_TEST(test_sip)
{
    ck_assert_int_eq(RUN(sip_register, 5060, 5060), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    ck_assert_str_eq(tu_get(&col, VS_F_SIP_USER_AGENT), "Huawei eSpace 7910 V100R001C02");
    ck_assert_int_eq(RUN(sip_ok, 5060, 5060), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    ck_assert_str_eq(tu_get(&col, VS_F_SIP_SERVER), "Huawei SoftX3000 V300R011");
    ck_assert_int_eq(RUN(sip_invite, 5060, 5060), VS_DECODE_OK);
    ck_assert_str_eq(tu_get(&col, VS_F_SIP_USER_AGENT), "Yealink SIP-T46S 66.85.0.5");
    /* SIP on another port, and the Authorization header never surfaces. */
    ck_assert_int_eq(RUN(sip_register, 15060, 5070), VS_DECODE_OK);
    for (size_t i = 0; i < col.n; i++)
        ck_assert_ptr_null(strstr(col.ev[i].value, "Digest"));
    /* A SIP Server header is not an HTTP one and vice versa. */
    ck_assert_int_eq(RUN(sip_ok, 5060, 5060), VS_DECODE_OK);
    ck_assert_uint_eq(tu_count(&col, VS_F_HTTP_SERVER), 0);
    ck_assert_int_eq(RUN(http_zte, 5060, 5060), VS_DECODE_OK);
    ck_assert_uint_eq(tu_count(&col, VS_F_SIP_SERVER), 0);
}
END_TEST

/* ---- TR-069 CWMP Inform (TR-069 Amendment 6, A.3.3.1) ---- */

#define CWMP_HTTP_HEAD                                                                             \
    "POST /acs HTTP/1.1\r\n"                                                                       \
    "Host: acs.isp.example:7547\r\n"                                                               \
    "User-Agent: ZTE ONT\r\n"                                                                      \
    "Content-Type: text/xml; charset=\"utf-8\"\r\n"                                                \
    "SOAPAction: \"\"\r\n"                                                                         \
    "\r\n"

/* A ZTE ONT's Inform: SOAP-ENV/cwmp prefixes, attributes, whitespace inside values. */
#define CWMP_INFORM_BODY                                                                           \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                                 \
    "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" "             \
    "xmlns:cwmp=\"urn:dslforum-org:cwmp-1-0\">\n"                                                  \
    "<SOAP-ENV:Header><cwmp:ID SOAP-ENV:mustUnderstand=\"1\">1</cwmp:ID></SOAP-ENV:Header>\n"      \
    "<SOAP-ENV:Body>\n"                                                                            \
    "<cwmp:Inform>\n"                                                                              \
    "  <DeviceId>\n"                                                                               \
    "    <Manufacturer>ZTE</Manufacturer>\n"                                                       \
    "    <OUI>0019C6</OUI>\n"                                                                      \
    "    <ProductClass> F660 </ProductClass>\n"                                                    \
    "    <SerialNumber>ZTEGC8A1B2C3</SerialNumber>\n"                                              \
    "  </DeviceId>\n"                                                                              \
    "  <Event SOAP-ENC:arrayType=\"cwmp:EventStruct[1]\"><EventStruct><EventCode>1 BOOT"           \
    "</EventCode><CommandKey></CommandKey></EventStruct></Event>\n"                                \
    "  <MaxEnvelopes>1</MaxEnvelopes>\n"                                                           \
    "  <ParameterList SOAP-ENC:arrayType=\"cwmp:ParameterValueStruct[3]\">\n"                      \
    "    <ParameterValueStruct><Name>InternetGatewayDevice.DeviceInfo.HardwareVersion</Name>"      \
    "<Value xsi:type=\"xsd:string\">V5.2</Value></ParameterValueStruct>\n"                         \
    "    <ParameterValueStruct>\n      <Name>InternetGatewayDevice.DeviceInfo.SoftwareVersion"     \
    "</Name>\n      <Value xsi:type=\"xsd:string\">V6.0.10P2T2</Value>\n"                          \
    "    </ParameterValueStruct>\n"                                                                \
    "    <ParameterValueStruct><Name>InternetGatewayDevice.ManagementServer.ConnectionRequest"     \
    "Password</Name><Value xsi:type=\"xsd:string\">s3cr3t</Value></ParameterValueStruct>\n"        \
    "  </ParameterList>\n"                                                                         \
    "</cwmp:Inform>\n"                                                                             \
    "</SOAP-ENV:Body>\n"                                                                           \
    "</SOAP-ENV:Envelope>\n"

static const char cwmp_inform[] = CWMP_HTTP_HEAD CWMP_INFORM_BODY;

static void check_zte_inform(void)
{
    ck_assert_str_eq(tu_get(&col, VS_F_CWMP_MANUFACTURER), "ZTE");
    ck_assert_str_eq(tu_get(&col, VS_F_CWMP_OUI), "0019C6");
    ck_assert_str_eq(tu_get(&col, VS_F_CWMP_PRODUCT_CLASS), "F660");
    ck_assert_str_eq(tu_get(&col, VS_F_CWMP_SERIAL_NUMBER), "ZTEGC8A1B2C3");
    ck_assert_str_eq(tu_get(&col, VS_F_CWMP_SOFTWARE_VERSION), "V6.0.10P2T2");
    ck_assert_uint_eq(col.n, 5);
    for (size_t i = 0; i < col.n; i++)
        ck_assert_ptr_null(strstr(col.ev[i].value, "s3cr3t"));
}

START_TEST(test_cwmp)
{
    ck_assert_int_eq(RUN(cwmp_inform, 50000, 7547), VS_DECODE_OK);
    check_zte_inform();
    /* The body alone, as the segment after the POST headers. */
    ck_assert_int_eq(run_port(CWMP_INFORM_BODY, sizeof CWMP_INFORM_BODY - 1, 50000, 7547),
                     VS_DECODE_OK);
    check_zte_inform();
}
END_TEST

START_TEST(test_cwmp_variants)
{
    /* Entities, a Device:2 data model, other prefixes. */
    static const char b[] = "POST / HTTP/1.1\r\n\r\n"
                            "<soap:Envelope><soap:Body><c:Inform><DeviceId>"
                            "<Manufacturer>AT&amp;T &lt;x&gt;</Manufacturer><OUI/>"
                            "</DeviceId><ParameterList><ParameterValueStruct>"
                            "<Name>Device.DeviceInfo.SoftwareVersion</Name><Value>1&quot;2</Value>"
                            "</ParameterValueStruct></ParameterList></c:Inform></soap:Body>"
                            "</soap:Envelope>";
    ck_assert_int_eq(RUN(b, 1, 7547), VS_DECODE_OK);
    ck_assert_str_eq(tu_get(&col, VS_F_CWMP_MANUFACTURER), "AT&T <x>");
    ck_assert_str_eq(tu_get(&col, VS_F_CWMP_SOFTWARE_VERSION), "1\"2");
    ck_assert_uint_eq(col.n, 2);

    /* Not an Inform: the CPE's GetParameterValuesResponse, the ACS's InformResponse. */
    static const char gpv[] = "POST / HTTP/1.1\r\n\r\n<cwmp:GetParameterValuesResponse>"
                              "<DeviceId><Manufacturer>ZTE</Manufacturer></DeviceId>"
                              "<ParameterValueStruct><Name>X.SoftwareVersion</Name>"
                              "<Value>V1</Value></ParameterValueStruct>"
                              "</cwmp:GetParameterValuesResponse>";
    ck_assert_int_eq(RUN(gpv, 1, 7547), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    static const char resp[] = "HTTP/1.1 200 OK\r\n\r\n<cwmp:InformResponse><MaxEnvelopes>1"
                               "</MaxEnvelopes></cwmp:InformResponse>";
    ck_assert_int_eq(RUN(resp, 7547, 1), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    /* A name that only contains SoftwareVersion is not it. */
    static const char other[] = "POST / HTTP/1.1\r\n\r\n<Inform><ParameterValueStruct><Name>"
                                "X.SoftwareVersionDate</Name><Value>2020</Value>"
                                "</ParameterValueStruct></Inform>";
    ck_assert_int_eq(RUN(other, 1, 7547), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    /* Cut inside a value: not read; the rest comes in the next TCP segment, which is
     * segmentation, not a decode error. */
    static const char cut[] = "POST / HTTP/1.1\r\n\r\n<Inform><DeviceId><Manufacturer>ZT";
    ck_assert_int_eq(RUN(cut, 1, 7547), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

START_TEST(test_cwmp_window)
{
    /* The Inform found past the 2 KB banner window but within VS_MAX_CWMP_SCAN... */
    static char big[3 * VS_MAX_CWMP_SCAN];
    size_t pad = VS_MAX_BANNER_SCAN + 1000;
    size_t n = (size_t)sprintf(big, "POST /acs HTTP/1.1\r\n\r\n<?xml version=\"1.0\"?>");
    memset(big + n, ' ', pad);
    n += pad;
    memcpy(big + n, CWMP_INFORM_BODY, sizeof CWMP_INFORM_BODY - 1);
    n += sizeof CWMP_INFORM_BODY - 1;
    ck_assert_uint_lt(n, VS_MAX_CWMP_SCAN);
    ck_assert_int_eq(run_port(big, n, 1, 7547), VS_DECODE_OK);
    check_zte_inform();
    /* ...and not past it. */
    n = (size_t)sprintf(big, "POST /acs HTTP/1.1\r\n\r\n<?xml version=\"1.0\"?>");
    memset(big + n, ' ', VS_MAX_CWMP_SCAN);
    n += VS_MAX_CWMP_SCAN;
    memcpy(big + n, CWMP_INFORM_BODY, sizeof CWMP_INFORM_BODY - 1);
    n += sizeof CWMP_INFORM_BODY - 1;
    ck_assert_int_eq(run_port(big, n, 1, 7547), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    /* Thousands of tags before the DeviceId: bounded by the window, not by count. */
    n = (size_t)sprintf(big, "POST /acs HTTP/1.1\r\n\r\n<Inform>");
    while (n < sizeof big - 200)
        n += (size_t)sprintf(big + n, "<a>b</a>");
    n += (size_t)sprintf(big + n, "<DeviceId><Manufacturer>ZTE</Manufacturer></DeviceId>");
    ck_assert_int_eq(run_port(big, n, 1, 7547), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    /* A value longer than VS_MAX_VALUE_LEN is cut to it. */
    n = (size_t)sprintf(big, "POST /acs HTTP/1.1\r\n\r\n<Inform><DeviceId><Manufacturer>");
    memset(big + n, 'M', 1000);
    n += 1000;
    n += (size_t)sprintf(big + n, "</Manufacturer></DeviceId></Inform>");
    ck_assert_int_eq(run_port(big, n, 1, 7547), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    ck_assert_uint_eq(col.ev[0].len, VS_MAX_VALUE_LEN);
}
END_TEST

/* ---- recognition ---- */

static const struct {
    const char *s;
    size_t n;
    uint16_t sport, dport;
} samples[] = {
#define S(x, sp, dp)                                                                               \
    {                                                                                              \
        x, sizeof(x) - 1, sp, dp                                                                   \
    }
    S(ssh_huawei, 22, 1),         S(ssh_cisco, 22, 1),        S(ssh_zte, 1, 22),
    S(ssh_comment, 22, 1),        S(telnet_huawei, 23, 1),    S(telnet_zte, 23, 1),
    S(telnet_sb, 2323, 1),        S(http_hik, 80, 1),         S(http_dahua, 80, 1),
    S(http_zte, 80, 1),           S(ssdp_notify, 1900, 1900), S(sip_register, 5060, 5060),
    S(sip_ok, 5060, 5060),        S(sip_invite, 5060, 5060),  S(cwmp_inform, 1, 7547),
    S(CWMP_INFORM_BODY, 1, 7547),
#undef S
};
#define NSAMPLES (sizeof samples / sizeof samples[0])

START_TEST(test_candidate)
{
    struct vs_pkt pkt;
    tu_pkt_init(&pkt);
    pkt.sport = 40000;
    pkt.dport = 40001;
    static const char *const yes[] = {
        "SSH-2.0-x\r\n",
        "SIP/2.0 200 OK\r\n",
        "HTTP/1.1 200 OK\r\n",
        "220 ready\r\n",
        "220-ready\r\n",
        "\xff\xfb\x01",
        "INVITE sip:a SIP/2.0\r\n",
        "REGISTER sip:a SIP/2.0\r\n",
        "OPTIONS sip:a SIP/2.0\r\n",
        "NOTIFY * HTTP/1.1\r\n",
        "BYE sip:a SIP/2.0\r\n",
        "ACK sip:a SIP/2.0\r\n",
        "CANCEL sip:a SIP/2.0\r\n",
        "MESSAGE sip:a SIP/2.0\r\n",
        "POST /acs HTTP/1.1\r\n",
        "PUBLISH sip:a SIP/2.0\r\n",
        "PRACK sip:a SIP/2.0\r\n",
        "SUBSCRIBE sip:a SIP/2.0\r\n",
        "UPDATE sip:a SIP/2.0\r\n",
        "INFO sip:a SIP/2.0\r\n",
        "REFER sip:a SIP/2.0\r\n",
        "<?xml version",
        "<SOAP-ENV:Envelope",
    };
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        struct vs_cur c = text_cur(yes[i], strlen(yes[i]));
        ck_assert_msg(vs_banner_candidate(&c, &pkt), "should be a candidate: %s", yes[i]);
    }
    static const char *const no[] = {
        "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
        "\x16\x03\x01\x02\x00",
        "220",
        "2200 x",
        "\xff\x00\x01",
        "\xff\xff",
        "SSH",
        "HTTP/2",
        "hello",
        "<html>",
        "SIP/2.1 x",
        "MESSAGEX",
        "M-SEARCH * HTTP/1.1\r\n",
        "POSTMAN",
        "\x00\x00",
    };
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
        size_t n = strlen(no[i]) ? strlen(no[i]) : 2;
        struct vs_cur c = text_cur(no[i], n);
        ck_assert_msg(!vs_banner_candidate(&c, &pkt), "should not be a candidate: %s", no[i]);
        /* Called anyway, the decoder finds nothing. */
        tu_reset(&col);
        vs_banner_dissect(c, &pkt, tu_collect, &col);
        ck_assert_uint_eq(col.n, 0);
    }
    struct vs_cur empty = vs_cur_make(NULL, 0);
    ck_assert(!vs_banner_candidate(&empty, &pkt));
    ck_assert_int_eq(vs_banner_dissect(empty, &pkt, tu_collect, &col), VS_DECODE_TRUNCATED);
    /* Port 23 text is a candidate from the server only. */
    struct vs_cur text = text_cur("hello", 5);
    pkt.sport = 23;
    ck_assert(vs_banner_candidate(&text, &pkt));
    pkt.sport = 40000;
    pkt.dport = 23;
    ck_assert(!vs_banner_candidate(&text, &pkt));
    for (size_t i = 0; i < NSAMPLES; i++) {
        struct vs_cur c = text_cur(samples[i].s, samples[i].n);
        pkt.sport = samples[i].sport;
        pkt.dport = samples[i].dport;
        ck_assert(vs_banner_candidate(&c, &pkt));
    }
}
END_TEST

/* Every prefix: no crash, no over-read; outside Telnet (which has no line structure to
 * wait for) nothing a prefix yields differs from what the whole payload yields. */
START_TEST(test_every_prefix)
{
    static struct tu_collector full, part;
    for (size_t i = 0; i < NSAMPLES; i++) {
        struct vs_pkt pkt;
        tu_pkt_init(&pkt);
        pkt.sport = samples[i].sport;
        pkt.dport = samples[i].dport;
        tu_reset(&full);
        ck_assert_int_eq(
            vs_banner_dissect(text_cur(samples[i].s, samples[i].n), &pkt, tu_collect, &full),
            VS_DECODE_OK);
        ck_assert_uint_gt(full.n, 0);
        bool telnet = full.ev[0].field == VS_F_TELNET_BANNER;
        for (size_t n = 0; n < samples[i].n; n++) {
            uint8_t *copy = malloc(n ? n : 1);
            ck_assert_ptr_nonnull(copy);
            memcpy(copy, samples[i].s, n);
            tu_reset(&part);
            enum vs_decode_status st =
                vs_banner_dissect(text_cur(copy, n), &pkt, tu_collect, &part);
            ck_assert_int_ne(st, VS_DECODE_MALFORMED);
            for (size_t k = 0; k < part.n && !telnet; k++)
                ck_assert_msg(tu_has(&full, part.ev[k].field, part.ev[k].value),
                              "sample %zu prefix %zu: partial value '%s'", i, n, part.ev[k].value);
            free(copy);
        }
        size_t with =
            tu_every_prefix(vs_banner_dissect, (const uint8_t *)samples[i].s, samples[i].n, &pkt);
        ck_assert_uint_ge(with, 1);
    }
}
END_TEST

/* ---- corpus ---- */

struct corpus_run {
    struct tu_collector ev;
    size_t units;
};

static void corpus_cb(void *ctx, const struct ipc_frame *f)
{
    struct corpus_run *r = ctx;
    if (f->kind != IPC_UDP && f->kind != IPC_TCP)
        return;
    if (!vs_banner_candidate(&f->body, &f->pkt))
        return;
    r->units++;
    enum vs_decode_status st = vs_banner_dissect(f->body, &f->pkt, tu_collect, &r->ev);
    ck_assert_int_ge(st, VS_DECODE_OK);
    ck_assert_int_le(st, VS_DECODE_MALFORMED);
}

static struct corpus_run *corpus(const char *file)
{
    static struct corpus_run r;
    char path[4096];
    memset(&r, 0, sizeof r);
    const char *dir = ipc_corpus_dir();
    if (!dir)
        return NULL;
    snprintf(path, sizeof path, "%s/pcap/%s", dir, file);
    ck_assert_msg(ipc_walk(path, corpus_cb, &r) > 0, "%s: cannot read", path);
    ck_assert_uint_gt(r.units, 0);
    return &r;
}

START_TEST(test_corpus_expected)
{
    static const struct {
        const char *file;
        enum vs_field field;
        const char *value;
    } want[] = {
        {"suricata-verify__bug-4903__bug-4903-01__input.pcap", VS_F_SSH_BANNER,
         "SSH-1.99-Cisco_server-1.24"},
        {"suricata-verify__bypass-ssh-enabled__input.pcap", VS_F_SSH_BANNER, "SSH-1.99-Cisco-1.25"},
        {"suricata-verify__bypass-ssh-enabled__input.pcap", VS_F_SSH_BANNER, "SSH-2.0-Cisco-1.25"},
        {"tcpdump__ssh.pcap", VS_F_SSH_BANNER, "SSH-2.0-OpenSSH_7.4p1 Debian-10+deb9u3"},
        {"zeek__ssh__reverse-ssh.pcap", VS_F_SSH_BANNER, "SSH-2.0-dropbear_2018.76"},
        {"ndpi__custom_categories.pcapng", VS_F_SSH_BANNER, "SSH-1.99-OpenSSH_4.3"},
        {"zeek__ftp__ipv4.pcap", VS_F_FTP_BANNER,
         "220 ftp.NetBSD.org FTP server (NetBSD-ftpd 20100320) ready."},
        {"suricata-verify__detect-ftp__ftp-mode-02__input.pcap", VS_F_FTP_BANNER,
         "220 ProFTPD 1.3.0a Server (ProFTPD Anonymous Server) [192.168.1.231]"},
        {"suricata-verify__output-eve-ftp-data__input.pcap", VS_F_FTP_BANNER, "220 (vsFTPd 2.3.5)"},
        /* SSDP (HTTP over UDP): ssdp.server, through the banner decoder's hand-off. */
        {"suricata-verify__output-eve-ftp-data__input.pcap", VS_F_SSDP_SERVER,
         "POSIX, UPnP/1.0 UPnP Stack/1.2.0.0 (BROADCOM INTERNAL)"},
        {"arkime__mpls-basic.pcap", VS_F_TELNET_BANNER, "Password required, but none set"},
        {"pcapplusplus__telnet.pcap", VS_F_TELNET_BANNER, "OpenBSD/i386 (oof) (ttyp2)"},
        {"suricata-verify__telnet__telnet-01__telnet.pcap", VS_F_TELNET_BANNER,
         "OpenBSD/i386 (oof) (ttyp2)"},
        {"ndpi__ipp.pcap", VS_F_HTTP_SERVER, "Virata-EmWeb/R6_2_1"},
        {"ndpi__starcraft_battle.pcap", VS_F_SSDP_SERVER, "EPICENTRO UPnP/1.0 MiniUPnPd/1.6"},
        {"ndpi__1kxun.pcap", VS_F_SSDP_SERVER,
         "Microsoft-Windows/10.0 UPnP/1.0 UPnP-Device-Host/1.0"},
        {"zeek__mixed-vlan-mpls.pcap", VS_F_HTTP_SERVER, "Apache/1.3.33 (Unix)"},
        {"ndpi__sip_hello.pcapng", VS_F_SIP_SERVER, "Huawei SoftX3000 V300R011"},
        {"suricata-verify__sip-method__sip.pcap", VS_F_SIP_USER_AGENT,
         "Nero SIPPS IP Phone Version 2.0.51.16"},
        {"suricata-verify__sip-method__sip.pcap", VS_F_SIP_SERVER, "Cirpack/v4.38e (gw_sip)"},
        {"suricata-verify__sip-tcp-method__sip-tcp.pcap", VS_F_SIP_SERVER,
         "kamailio (5.2.1 (x86_64/linux))"},
        {"pcapplusplus__sip_reqs.pcap", VS_F_SIP_USER_AGENT,
         "FreeSWITCH-mod_sofia/1.6.12-20-b91a0a6~64bit"},
    };
    if (!ipc_corpus_dir())
        return;
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        struct corpus_run *r = corpus(want[i].file);
        ck_assert_msg(tu_has(&r->ev, want[i].field, want[i].value), "%s: no %s '%s'", want[i].file,
                      vs_field_name(want[i].field), want[i].value);
    }
    /* The Telnet session after the greeting (ping output, ls) is not a banner. */
    struct corpus_run *r = corpus("suricata-verify__telnet__telnet-01__telnet.pcap");
    for (size_t i = 0; i < r->ev.n; i++)
        ck_assert_ptr_null(strstr(r->ev.ev[i].value, "64 bytes from"));
    /* Printer data that starts with 0xff is not Telnet. */
    r = corpus("ndpi__ipp.pcap");
    ck_assert_uint_eq(tu_count(&r->ev, VS_F_TELNET_BANNER), 0);
}
END_TEST

START_TEST(test_corpus_sweep)
{
    const char *dir = ipc_corpus_dir();
    if (!dir)
        return;
    static const char *const sub[] = {"pcap", "malformed"};
    for (size_t s = 0; s < 2; s++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, sub[s]);
        DIR *d = opendir(path);
        ck_assert_ptr_nonnull(d);
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            if (de->d_name[0] == '.')
                continue;
            static struct corpus_run r;
            memset(&r, 0, sizeof r);
            char file[4096 + 256];
            snprintf(file, sizeof file, "%s/%s", path, de->d_name);
            ipc_walk(file, corpus_cb, &r);
        }
        closedir(d);
    }
}
END_TEST

static Suite *banner_suite(void)
{
    Suite *s = suite_create("banner");
    TCase *tc = tcase_create("decode");
    tcase_add_test(tc, test_ssh);
    tcase_add_test(tc, test_ssh_bad);
    tcase_add_test(tc, test_ftp);
    tcase_add_test(tc, test_telnet);
    tcase_add_test(tc, test_telnet_not_greeting);
    tcase_add_test(tc, test_telnet_multiline);
    tcase_add_test(tc, test_telnet_after_login);
    tcase_add_test(tc, test_http);
    tcase_add_test(tc, test_http_bounds);
    tcase_add_test(tc, test_sip);
    tcase_add_test(tc, test_cwmp);
    tcase_add_test(tc, test_cwmp_variants);
    tcase_add_test(tc, test_cwmp_window);
    tcase_add_test(tc, test_candidate);
    tcase_add_test(tc, test_every_prefix);
    suite_add_tcase(s, tc);
    TCase *cor = tcase_create("corpus");
    tcase_set_timeout(cor, 120);
    tcase_add_test(cor, test_corpus_expected);
    tcase_add_test(cor, test_corpus_sweep);
    suite_add_tcase(s, cor);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(banner_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
