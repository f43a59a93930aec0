/* SPDX-License-Identifier: BSD-2-Clause */
/* diameter.c - Diameter base protocol decoder (RFC 6733 sections 3, 4 and 5.3): the
 * Capabilities-Exchange Request/Answer a peer sends when a transport connection opens
 * names its maker (Vendor-Id), its product and firmware, and its identity. The cursor
 * covers one or more whole messages (a TCP stream's reassembled bytes) or, through
 * vs_diameter_sctp_dissect, the chunks of an SCTP packet (RFC 9260 section 3). */
#include <stdio.h>
#include <string.h>

#include "vendorsniff/dissect.h"
#include "vendorsniff/dissect_util.h"
#include "vendorsniff/stream.h"

#define DIAM_VERSION 1
#define DIAM_HEADER_LEN 20
#define DIAM_CMD_CAPABILITIES_EXCHANGE 257
#define DIAM_PORT 3868

#define AVP_FLAG_VENDOR 0x80
#define AVP_HEADER_LEN 8
#define AVP_VENDOR_HEADER_LEN 12

/* Base protocol AVP codes (RFC 6733 section 4.5). Supported-Vendor-Id (265),
 * Vendor-Specific-Application-Id (260), Auth/Acct-Application-Id and Inband-Security-Id
 * name vendors and applications the peer talks TO, never its own maker: not evidence. */
enum {
    AVP_HOST_IP_ADDRESS = 257,
    AVP_ORIGIN_HOST = 264,
    AVP_VENDOR_ID = 266,
    AVP_FIRMWARE_REVISION = 267,
    AVP_PRODUCT_NAME = 269,
    AVP_ORIGIN_REALM = 296,
};

/* Address AVP families (IANA Address Family Numbers). */
#define ADDR_FAMILY_IPV4 1
#define ADDR_FAMILY_IPV6 2

#define SCTP_CHUNK_DATA 0
#define SCTP_CHUNK_IDATA 64 /* RFC 8260 */
#define SCTP_DATA_HEADER_LEN 16
#define SCTP_IDATA_HEADER_LEN 20
#define SCTP_FLAG_BEGIN 0x02
#define SCTP_FLAG_END 0x01
#define SCTP_PPID_DIAMETER 46

static void emit_u32(vs_emit_fn emit, void *ctx, enum vs_field f, struct vs_cur v)
{
    uint32_t n;
    if (vs_cur_len(&v) != 4 || !vs_cur_be32(&v, &n))
        return;
    char text[16];
    int len = snprintf(text, sizeof text, "%u", (unsigned)n);
    struct vs_evidence ev = {f, (const uint8_t *)text, (size_t)len, NULL, NULL, n};
    emit(ctx, &ev);
}

static void emit_address(vs_emit_fn emit, void *ctx, struct vs_cur v)
{
    uint16_t family;
    uint8_t raw[16];
    struct vs_ip ip;
    if (!vs_cur_be16(&v, &family))
        return;
    if (family == ADDR_FAMILY_IPV4 && vs_cur_len(&v) == 4 && vs_cur_copy(&v, raw, 4))
        vs_ip_from4(&ip, raw);
    else if (family == ADDR_FAMILY_IPV6 && vs_cur_len(&v) == 16 && vs_cur_copy(&v, raw, 16))
        vs_ip_from6(&ip, raw);
    else
        return;
    char text[VS_IP_STRLEN];
    vs_ip_format(&ip, text);
    struct vs_evidence ev = {
        VS_F_DIAMETER_HOST_IP_ADDRESS, (const uint8_t *)text, strlen(text), NULL, &ip, 0};
    emit(ctx, &ev);
}

static void avp_emit(uint32_t code, struct vs_cur v, vs_emit_fn emit, void *ctx)
{
    switch (code) {
    case AVP_HOST_IP_ADDRESS:
        emit_address(emit, ctx, v);
        break;
    case AVP_ORIGIN_HOST:
        vs_emit_string(emit, ctx, VS_F_DIAMETER_ORIGIN_HOST, v, 0);
        break;
    case AVP_ORIGIN_REALM:
        vs_emit_string(emit, ctx, VS_F_DIAMETER_ORIGIN_REALM, v, 0);
        break;
    case AVP_VENDOR_ID:
        emit_u32(emit, ctx, VS_F_DIAMETER_VENDOR_ID, v);
        break;
    case AVP_FIRMWARE_REVISION:
        emit_u32(emit, ctx, VS_F_DIAMETER_FIRMWARE_REVISION, v);
        break;
    case AVP_PRODUCT_NAME:
        vs_emit_string(emit, ctx, VS_F_DIAMETER_PRODUCT_NAME, v, 0);
        break;
    default:
        break;
    }
}

/* The AVPs of one message body. c holds what was captured of it; declared is the length
 * the message header gives it, so an AVP that runs past the captured bytes but not past
 * the message is truncation, one that runs past the message a contradiction. Only the
 * top level is walked: the AVPs that matter are never grouped. */
static enum vs_decode_status avp_walk(struct vs_cur c, size_t declared, size_t *navps,
                                      vs_emit_fn emit, void *ctx)
{
    while (!vs_cur_empty(&c)) {
        uint32_t code, vendor = 0;
        uint8_t flags;
        uint32_t len;
        if (++*navps > VS_MAX_TLVS_PER_FRAME)
            return VS_DECODE_MALFORMED;
        if (declared < AVP_HEADER_LEN)
            return VS_DECODE_MALFORMED; /* trailing bytes too few for an AVP header */
        if (!vs_cur_be32(&c, &code) || !vs_cur_u8(&c, &flags) || !vs_cur_be24(&c, &len))
            return VS_DECODE_TRUNCATED;
        size_t hlen = flags & AVP_FLAG_VENDOR ? AVP_VENDOR_HEADER_LEN : AVP_HEADER_LEN;
        if (len < hlen || len > declared)
            return VS_DECODE_MALFORMED;
        if ((flags & AVP_FLAG_VENDOR) && !vs_cur_be32(&c, &vendor))
            return VS_DECODE_TRUNCATED;
        struct vs_cur v;
        if (!vs_cur_sub(&c, len - hlen, &v))
            return VS_DECODE_TRUNCATED;
        /* A vendor's AVP codes are its own space: only base protocol ones (no vendor) count. */
        if (vendor == 0)
            avp_emit(code, v, emit, ctx);
        /* Padding is outside the AVP length but inside the message's, which is a multiple
         * of 4 like every padded AVP: it always fits in what is declared. */
        size_t pad = (4 - (len & 3)) & 3;
        declared -= (size_t)len + pad <= declared ? (size_t)len + pad : declared;
        if (!vs_cur_skip(&c, pad))
            return VS_DECODE_TRUNCATED;
    }
    return declared ? VS_DECODE_TRUNCATED : VS_DECODE_OK;
}

size_t vs_diameter_need(const struct vs_cur *c)
{
    uint8_t version;
    uint32_t vlen;
    if (!vs_cur_peek_u8(c, 0, &version) || version != DIAM_VERSION)
        return vs_cur_empty(c) ? 0 : VS_STREAM_NOT_PDU;
    if (!vs_cur_peek_be32(c, 0, &vlen))
        return 0;
    size_t len = vlen & 0xffffff;
    if (len < DIAM_HEADER_LEN || len % 4)
        return VS_STREAM_NOT_PDU;
    return len;
}

bool vs_diameter_candidate(const struct vs_cur *c)
{
    uint8_t flags;
    uint32_t cmd;
    size_t need = vs_diameter_need(c);
    /* The four low flag bits are reserved and sent as zero (RFC 6733 section 3). */
    return need != 0 && need != VS_STREAM_NOT_PDU && vs_cur_peek_u8(c, 4, &flags) &&
           !(flags & 0x0f) && vs_cur_peek_be32(c, 4, &cmd) && (cmd & 0xffffff) != 0;
}

enum vs_decode_status vs_diameter_dissect(struct vs_cur c, const struct vs_pkt *pkt,
                                          vs_emit_fn emit, void *ctx)
{
    (void)pkt;
    enum vs_decode_status st = VS_DECODE_OK;
    size_t navps = 0;
    while (!vs_cur_empty(&c)) {
        size_t len = vs_diameter_need(&c);
        if (len == VS_STREAM_NOT_PDU)
            return VS_DECODE_MALFORMED;
        uint32_t cmd;
        if (len == 0 || vs_cur_len(&c) < DIAM_HEADER_LEN)
            return vs_worse(st, VS_DECODE_TRUNCATED);
        vs_cur_peek_be32(&c, 4, &cmd);
        struct vs_cur body;
        bool whole = len <= vs_cur_len(&c);
        vs_cur_window(&c, DIAM_HEADER_LEN, (whole ? len : vs_cur_len(&c)) - DIAM_HEADER_LEN, &body);
        vs_cur_skip(&c, whole ? len : vs_cur_len(&c));
        if (!whole)
            st = vs_worse(st, VS_DECODE_TRUNCATED);
        /* Request and answer alike describe their sender: the exchange is hop by hop and
         * never relayed (RFC 6733 section 5.3). */
        if ((cmd & 0xffffff) != DIAM_CMD_CAPABILITIES_EXCHANGE)
            continue;
        enum vs_decode_status a = avp_walk(body, len - DIAM_HEADER_LEN, &navps, emit, ctx);
        if (a == VS_DECODE_MALFORMED && navps > VS_MAX_TLVS_PER_FRAME)
            return a;
        st = vs_worse(st, a);
    }
    return st;
}

/* Chunks are padded to 4 bytes; the last one's padding may be cut by the capture. */
static void skip_pad(struct vs_cur *c, size_t len)
{
    size_t pad = (4 - (len & 3)) & 3;
    vs_cur_skip(c, pad < vs_cur_len(c) ? pad : vs_cur_len(c));
}

enum vs_decode_status vs_diameter_sctp_dissect(struct vs_cur c, const struct vs_pkt *pkt,
                                               vs_emit_fn emit, void *ctx)
{
    enum vs_decode_status st = VS_DECODE_OK;
    bool port = pkt && (pkt->sport == DIAM_PORT || pkt->dport == DIAM_PORT);
    size_t nchunks = 0;
    while (!vs_cur_empty(&c)) {
        uint8_t type, flags;
        uint16_t len;
        struct vs_cur v;
        if (++nchunks > VS_MAX_TLVS_PER_FRAME)
            return VS_DECODE_MALFORMED;
        if (!vs_cur_u8(&c, &type) || !vs_cur_u8(&c, &flags) || !vs_cur_be16(&c, &len))
            return vs_worse(st, VS_DECODE_TRUNCATED);
        if (len < 4)
            return VS_DECODE_MALFORMED;
        bool cut = !vs_cur_sub(&c, (size_t)len - 4, &v);
        if (cut) {
            v = c; /* what was captured of the last chunk */
            vs_cur_skip(&c, vs_cur_len(&c));
            st = vs_worse(st, VS_DECODE_TRUNCATED);
        }
        skip_pad(&c, len);
        if (type != SCTP_CHUNK_DATA && type != SCTP_CHUNK_IDATA)
            continue;
        size_t hlen = type == SCTP_CHUNK_DATA ? SCTP_DATA_HEADER_LEN : SCTP_IDATA_HEADER_LEN;
        if (len < hlen) {
            st = vs_worse(st, VS_DECODE_MALFORMED);
            continue;
        }
        /* DATA: TSN, stream id, stream sequence, PPID. I-DATA: TSN, stream id, reserved,
         * message id, then PPID in a first fragment. */
        uint32_t ppid;
        if (!vs_cur_skip(&v, hlen - 8) || !vs_cur_be32(&v, &ppid)) {
            st = vs_worse(st, VS_DECODE_TRUNCATED);
            continue;
        }
        if (ppid != SCTP_PPID_DIAMETER && !(ppid == 0 && port))
            continue;
        if ((flags & (SCTP_FLAG_BEGIN | SCTP_FLAG_END)) != (SCTP_FLAG_BEGIN | SCTP_FLAG_END)) {
            /* A fragment of a larger message: not reassembled. */
            st = vs_worse(st, VS_DECODE_TRUNCATED);
            continue;
        }
        st = vs_worse(st, vs_diameter_dissect(v, pkt, emit, ctx));
    }
    return st;
}
