/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_banner.c - libFuzzer target for the banner decoders (SSH, Telnet, FTP, HTTP, SIP,
 * CWMP, and the SSDP and UPnP hand-offs): the input is a TCP payload, tried from a Telnet
 * server, to a Telnet server and to a web server, also as the continuation of SIP and HTTP
 * headers, and once as a UDP datagram. The checks are those of fuzz_decoder.h. */
#include "fuzz_decoder.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const enum vs_source src[] = {VS_SRC_SSH, VS_SRC_TELNET, VS_SRC_FTP,  VS_SRC_HTTP,
                                         VS_SRC_SIP, VS_SRC_CWMP,   VS_SRC_SSDP, VS_SRC_UPNP};
    static int initialised;
    if (!initialised) {
        vs_upnp_init();
        initialised = 1;
    }
    static const uint16_t ports[][2] = {{23, 40000}, {40000, 23}, {40000, 80}};
    struct vs_pkt pkt;
    fz_pkt(&pkt);
    pkt.ip_proto = 6;
    for (size_t i = 0; i < sizeof ports / sizeof ports[0]; i++) {
        pkt.sport = ports[i][0];
        pkt.dport = ports[i][1];
        struct vs_cur c = vs_cur_make(data, size);
        bool sip;
        (void)vs_banner_candidate(&c, &pkt);
        (void)vs_banner_incomplete(&c, &sip);
        fz_run(vs_banner_dissect, src, 8, data, size, &pkt);
    }
    fz_run(vs_banner_sip_headers, src, 8, data, size, &pkt);
    fz_run(vs_banner_http_headers, src, 8, data, size, &pkt);
    pkt.ip_proto = 17;
    pkt.sport = 1900;
    pkt.dport = 40000;
    fz_run(vs_banner_dissect, src, 8, data, size, &pkt);
    return 0;
}
