/* fuzz_ubdp.c - libFuzzer target for the UBDP decoder: the input is a Ubiquiti discovery datagram
 * (UDP 10001 payload). Every evidence item is checked (a field of this protocol, value bytes all
 * readable, addresses well-formed), the status must be one of the three, and the output stays
 * proportional to the input. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vendorsniff/dissect.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_evidence(void *ctx, const struct vs_evidence *ev)
{
    size_t *count = ctx;
    if (ev->field >= VS_F__COUNT || vs_field_source(ev->field) != VS_SRC_UBDP)
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint8_t src_mac[6] = {0x00, 0xe0, 0xfc, 0x12, 0x34, 0x56};
    struct vs_pkt pkt;
    memset(&pkt, 0, sizeof pkt);
    pkt.src_mac = src_mac;
    size_t count = 0;
    enum vs_decode_status st =
        vs_ubdp_dissect(vs_cur_make(data, size), &pkt, check_evidence, &count);
    if (st != VS_DECODE_OK && st != VS_DECODE_TRUNCATED && st != VS_DECODE_MALFORMED)
        abort();
    /* each item stands on at least one input byte: no input makes output blow up */
    if (count > size)
        abort();
    return 0;
}
