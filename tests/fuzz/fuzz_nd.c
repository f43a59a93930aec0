/* fuzz_nd.c - libFuzzer target for the Neighbor Discovery decoder: the input is an ICMPv6
 * message (type byte first), decoded with a link-local IPv6 source, the unspecified source
 * of DAD, and no IP context at all. Every evidence item is checked (a field of this decoder,
 * value bytes all readable, addresses well-formed), the status must be one of the three, and
 * the output stays proportional to the input. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vendorsniff/dissect.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool field_ok(enum vs_field f)
{
    enum vs_source s = vs_field_source(f);
    return s == VS_SRC_ND;
}

static void check_evidence(void *ctx, const struct vs_evidence *ev)
{
    size_t *count = ctx;
    if (ev->field >= VS_F__COUNT || !field_ok(ev->field))
        abort();
    if ((ev->len && !ev->value) || ev->len > 65536)
        abort();
    if (ev->ip && ev->ip->family != 4 && ev->ip->family != 6)
        abort();
    /* touch every byte handed out, so the sanitizer sees any that are not readable */
    volatile uint8_t sink = 0;
    for (size_t i = 0; i < ev->len; i++)
        sink ^= ev->value[i];
    for (size_t i = 0; ev->mac && i < 6; i++)
        sink ^= ev->mac[i];
    (void)sink;
    ++*count;
}

static void run(const uint8_t *data, size_t size, const struct vs_pkt *pkt)
{
    size_t count = 0;
    enum vs_decode_status st = vs_nd_dissect(vs_cur_make(data, size), pkt, check_evidence, &count);
    if (st != VS_DECODE_OK && st != VS_DECODE_TRUNCATED && st != VS_DECODE_MALFORMED)
        abort();
    /* each item stands on at least one input byte: no input makes output blow up */
    if (count > size)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint8_t src_mac[6] = {0x00, 0xe0, 0xfc, 0x12, 0x34, 0x56};
    struct vs_pkt pkt;
    memset(&pkt, 0, sizeof pkt);
    pkt.src_mac = src_mac;
    /* fe80::2e0:fcff:fe12:3456 */
    static const uint8_t ll[16] = {0xfe, 0x80, 0,    0,    0,    0,    0,    0,
                                   0x02, 0xe0, 0xfc, 0xff, 0xfe, 0x12, 0x34, 0x56};
    static const uint8_t unspec[16] = {0};
    pkt.ethertype = 0x86dd;
    pkt.ip_proto = 58;
    run(data, size, &pkt);
    vs_ip_from6(&pkt.src_ip, ll);
    run(data, size, &pkt);
    vs_ip_from6(&pkt.src_ip, unspec);
    run(data, size, &pkt);
    return 0;
}
