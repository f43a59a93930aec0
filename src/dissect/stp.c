/* SPDX-License-Identifier: BSD-2-Clause */
/* stp.c - Spanning tree BPDU decoder (IEEE 802.1D-2004 clause 9 STP/RSTP, IEEE 802.1Q-2018
 * clause 14 MSTP): the cursor starts at the protocol identifier, after LLC 42/42/03. */
#include <stdio.h>
#include <string.h>

#include "vendorsniff/dissect.h"

#define BPDU_CONFIG 0x00
#define BPDU_RST 0x02
#define BPDU_TCN 0x80

/* Offsets (802.1D 9.3, 802.1Q 14.6). */
#define OFF_ROOT_ID 5
#define OFF_BRIDGE_ID 17 /* in an MST BPDU this slot holds the CIST regional root */
#define CONFIG_LEN 35
#define RST_LEN 36
#define OFF_V3_LEN 36
#define OFF_CIST_BRIDGE_ID 93
#define MST_MIN_LEN 102

/* "32768/00:11:22:33:44:55": the 4-bit bridge priority in its usual multiple-of-4096 form
 * and the MAC. The 12-bit system ID extension (VLAN for PVST+, MSTI for MSTP) is left out
 * of the text so one switch gives one value on every VLAN; num keeps all 16 bits. */
static void emit_bridge_id(vs_emit_fn emit, void *ctx, enum vs_field f, const uint8_t id[8])
{
    unsigned prio = (unsigned)id[0] << 8 | id[1];
    char mac[VS_MAC_STRLEN], s[32];
    vs_mac_format(&id[2], mac);
    int k = snprintf(s, sizeof s, "%u/%s", prio & 0xf000u, mac);
    struct vs_evidence ev = {f, (const uint8_t *)s, (size_t)k, &id[2], NULL, prio};
    emit(ctx, &ev);
}

static bool read_id(const struct vs_cur *c, size_t off, uint8_t id[8])
{
    struct vs_cur w;
    return vs_cur_window(c, off, 8, &w) && vs_cur_copy(&w, id, 8);
}

enum vs_decode_status vs_stp_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                     void *ctx)
{
    (void)pkt;
    uint16_t proto;
    uint8_t version, type, id[8];
    if (!vs_cur_peek_be16(&c, 0, &proto) || !vs_cur_peek_u8(&c, 2, &version) ||
        !vs_cur_peek_u8(&c, 3, &type))
        return VS_DECODE_TRUNCATED;
    if (proto != 0)
        return VS_DECODE_MALFORMED;
    if (type == BPDU_TCN)
        return VS_DECODE_OK; /* a topology change notice carries no identifiers */
    if (type != BPDU_CONFIG && type != BPDU_RST)
        return VS_DECODE_MALFORMED;

    if (!read_id(&c, OFF_ROOT_ID, id))
        return VS_DECODE_TRUNCATED;
    emit_bridge_id(emit, ctx, VS_F_STP_ROOT_ID, id);

    bool mst = type == BPDU_RST && version >= 3;
    if (!mst) {
        if (!read_id(&c, OFF_BRIDGE_ID, id))
            return VS_DECODE_TRUNCATED;
        emit_bridge_id(emit, ctx, VS_F_STP_BRIDGE_ID, id);
        size_t need = type == BPDU_RST ? RST_LEN : CONFIG_LEN;
        return vs_cur_len(&c) < need ? VS_DECODE_TRUNCATED : VS_DECODE_OK;
    }

    /* MSTP: the transmitting bridge is the CIST bridge identifier further on. */
    uint16_t v3len;
    if (!vs_cur_peek_be16(&c, OFF_V3_LEN, &v3len))
        return VS_DECODE_TRUNCATED;
    if (v3len < MST_MIN_LEN - OFF_V3_LEN - 2 || (v3len - (MST_MIN_LEN - OFF_V3_LEN - 2)) % 16)
        return VS_DECODE_MALFORMED;
    if (!read_id(&c, OFF_CIST_BRIDGE_ID, id))
        return VS_DECODE_TRUNCATED;
    emit_bridge_id(emit, ctx, VS_F_STP_BRIDGE_ID, id);
    return vs_cur_len(&c) - OFF_V3_LEN - 2 < v3len ? VS_DECODE_TRUNCATED : VS_DECODE_OK;
}
