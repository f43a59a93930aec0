/* fuzz_banner.c - libFuzzer target for the banner decoders (SSH, Telnet, FTP, HTTP, SIP,
 * CWMP): the input is a TCP payload, tried from a Telnet server, to a Telnet server and to
 * a web server, also as the continuation of SIP and HTTP headers. The checks are those of
 * fuzz_decoder.h. */
#include "fuzz_decoder.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const enum vs_source src[] = {VS_SRC_SSH, VS_SRC_TELNET, VS_SRC_FTP,
                                         VS_SRC_HTTP, VS_SRC_SIP,    VS_SRC_CWMP};
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
        fz_run(vs_banner_dissect, src, 6, data, size, &pkt);
    }
    fz_run(vs_banner_sip_headers, src, 6, data, size, &pkt);
    fz_run(vs_banner_http_headers, src, 6, data, size, &pkt);
    return 0;
}
