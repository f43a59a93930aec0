/* SPDX-License-Identifier: BSD-2-Clause */
/* pipeline.c - the packet path. For every frame: link layer (looping through mirrored
 * traffic), one device-table lookup for the source MAC, and only for the few frames that
 * can carry evidence, the matching decoder; its evidence goes to the right device. */
#include "vendorsniff/pipeline.h"

#include <stdlib.h>
#include <string.h>

#include "vendorsniff/geo.h"
#include "vendorsniff/identity.h"
#include "vendorsniff/link.h"
#include "vendorsniff/stream.h"

/* Evidence of one frame, copied out of the decoder's callback (values are borrowed
 * only for the callback's duration). */
#define FRAME_ARENA 65536

/* TCP flows whose SIP or HTTP header block went on past the first segment: the next
 * segment of the flow is read for its header lines. Direct-mapped and small; an entry
 * expires after FLOW_TTL seconds of packet time. */
#define FLOW_SLOTS 1024
#define FLOW_TTL 10

struct flow {
    uint64_t key; /* 0 = empty */
    int64_t expires;
    uint8_t kind; /* enum flow_kind */
};

/* What the next segment of a remembered flow continues. */
enum flow_kind {
    FLOW_HTTP, /* an HTTP header block */
    FLOW_SIP,  /* a SIP header block */
    FLOW_TLS,  /* a TLS handshake record, buffered in the stream table */
};

struct vs_pipeline {
    struct vs_inventory *inv;
    struct vs_stats stats;
    struct vs_evidence items[VS_MAX_EVIDENCE_PER_FRAME];
    uint8_t item_mac[VS_MAX_EVIDENCE_PER_FRAME][6];
    struct vs_ip item_ip[VS_MAX_EVIDENCE_PER_FRAME];
    size_t nitems;
    uint8_t arena[FRAME_ARENA];
    size_t arena_used;
    bool peers;
    struct flow flows[FLOW_SLOTS];
    size_t nflows;                   /* entries in use: when 0 the packet path skips the table */
    int64_t flows_until;             /* the latest expiry of any entry */
    struct vs_stream_table *streams; /* length-prefixed protocols over TCP (Diameter) */
    bool drop_certs; /* the PDU being decoded came from a public address (see P_TLS) */
};

/* The protocol table: one row per decoder. How a frame is recognised is in dispatch(). */
struct proto {
    enum vs_proto id;
    vs_dissect_fn fn;
    enum vs_subject subject;
    /* Certificate names describe their server only on the operator's own address space: a
     * cloud service's certificate (O=Huawei on a phone maker's web servers) says nothing
     * about equipment on this network, and a public server is not a device of it. */
    bool local_certs;
};

static const struct proto P_LLDP = {
    .id = VS_PROTO_LLDP, .fn = vs_lldp_dissect, .subject = VS_SUBJ_LINK};
static const struct proto P_CDP = {
    .id = VS_PROTO_CDP, .fn = vs_cdp_dissect, .subject = VS_SUBJ_LINK};
static const struct proto P_EDP = {
    .id = VS_PROTO_EDP, .fn = vs_edp_dissect, .subject = VS_SUBJ_LINK};
static const struct proto P_FDP = {
    .id = VS_PROTO_FDP, .fn = vs_fdp_dissect, .subject = VS_SUBJ_LINK};
static const struct proto P_SONMP = {
    .id = VS_PROTO_SONMP, .fn = vs_sonmp_dissect, .subject = VS_SUBJ_LINK};
static const struct proto P_STP = {
    .id = VS_PROTO_STP, .fn = vs_stp_dissect, .subject = VS_SUBJ_LINK};
static const struct proto P_ARP = {
    .id = VS_PROTO_ARP, .fn = vs_arp_dissect, .subject = VS_SUBJ_BIND};
static const struct proto P_ND = {.id = VS_PROTO_ND, .fn = vs_nd_dissect, .subject = VS_SUBJ_BIND};
static const struct proto P_MNDP = {
    .id = VS_PROTO_MNDP, .fn = vs_mndp_dissect, .subject = VS_SUBJ_LINK};
static const struct proto P_UBDP = {
    .id = VS_PROTO_UBDP, .fn = vs_ubdp_dissect, .subject = VS_SUBJ_LINK};
static const struct proto P_SNMP = {
    .id = VS_PROTO_SNMP, .fn = vs_snmp_dissect, .subject = VS_SUBJ_ROUTED};
static const struct proto P_DHCP = {
    .id = VS_PROTO_DHCP, .fn = vs_dhcp_dissect, .subject = VS_SUBJ_CLIENT};
static const struct proto P_DHCP6 = {
    .id = VS_PROTO_DHCP6, .fn = vs_dhcp6_dissect, .subject = VS_SUBJ_ROUTED};
static const struct proto P_BANNER = {
    .id = VS_PROTO_BANNER, .fn = vs_banner_dissect, .subject = VS_SUBJ_ROUTED};
static const struct proto P_SIP_MORE = {
    .id = VS_PROTO_SIP, .fn = vs_banner_sip_headers, .subject = VS_SUBJ_ROUTED};
static const struct proto P_HTTP_MORE = {
    .id = VS_PROTO_BANNER, .fn = vs_banner_http_headers, .subject = VS_SUBJ_ROUTED};
static const struct proto P_SSDP = {
    .id = VS_PROTO_SSDP, .fn = vs_ssdp_dissect, .subject = VS_SUBJ_ROUTED};
static const struct proto P_GTP = {
    .id = VS_PROTO_GTP, .fn = vs_gtp_dissect, .subject = VS_SUBJ_ROUTED};
static const struct proto P_PFCP = {
    .id = VS_PROTO_PFCP, .fn = vs_pfcp_dissect, .subject = VS_SUBJ_ROUTED};
static const struct proto P_RADIUS = {
    .id = VS_PROTO_RADIUS, .fn = vs_radius_dissect, .subject = VS_SUBJ_ROUTED};
static const struct proto P_DIAMETER = {
    .id = VS_PROTO_DIAMETER, .fn = vs_diameter_dissect, .subject = VS_SUBJ_ROUTED};
static const struct proto P_SYSLOG = {
    .id = VS_PROTO_SYSLOG, .fn = vs_syslog_dissect, .subject = VS_SUBJ_ROUTED};
static const struct proto P_SYSLOG_TCP = {
    .id = VS_PROTO_SYSLOG, .fn = vs_syslog_tcp_dissect, .subject = VS_SUBJ_ROUTED};
static const struct proto P_MDNS = {
    .id = VS_PROTO_MDNS, .fn = vs_mdns_dissect, .subject = VS_SUBJ_LINK};
static const struct proto P_TLS = {
    .id = VS_PROTO_TLS, .fn = vs_tls_dissect, .subject = VS_SUBJ_ROUTED, .local_certs = true};
static const struct proto P_DTLS = {
    .id = VS_PROTO_TLS, .fn = vs_dtls_dissect, .subject = VS_SUBJ_ROUTED, .local_certs = true};
static const struct proto P_DIAMETER_SCTP = {
    .id = VS_PROTO_DIAMETER, .fn = vs_diameter_sctp_dissect, .subject = VS_SUBJ_ROUTED};

static const char *const proto_names[VS_PROTO__COUNT] = {
#define VS_X_PROTO(id, name) [VS_PROTO_##id] = name,
    VS_PROTOS(VS_X_PROTO)
#undef VS_X_PROTO
};

const char *vs_proto_name(enum vs_proto p)
{
    return (unsigned)p < VS_PROTO__COUNT ? proto_names[p] : "?";
}

struct vs_pipeline *vs_pipeline_new(struct vs_inventory *inv)
{
    struct vs_pipeline *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->streams = vs_stream_new();
    if (!p->streams) {
        free(p);
        return NULL;
    }
    p->inv = inv;
    vs_snmp_init();
    vs_upnp_init();
    return p;
}

void vs_pipeline_free(struct vs_pipeline *p)
{
    if (p)
        vs_stream_free(p->streams);
    free(p);
}

void vs_pipeline_track_peers(struct vs_pipeline *p, bool on)
{
    p->peers = on;
}

const struct vs_stats *vs_pipeline_stats(const struct vs_pipeline *p)
{
    return &p->stats;
}

uint64_t vs_stats_decode_errors(const struct vs_stats *s)
{
    uint64_t n = 0;
    for (int i = 0; i < VS_PROTO__COUNT; i++)
        n += s->truncated[i] + s->malformed[i];
    return n;
}

static void collect(void *ctx, const struct vs_evidence *ev)
{
    struct vs_pipeline *p = ctx;
    if (p->drop_certs && (ev->field == VS_F_TLS_CERT_SUBJECT || ev->field == VS_F_TLS_CERT_ISSUER))
        return;
    if (p->nitems >= VS_MAX_EVIDENCE_PER_FRAME || ev->len > FRAME_ARENA - p->arena_used) {
        p->stats.evidence_dropped++;
        return;
    }
    size_t k = p->nitems++;
    struct vs_evidence *it = &p->items[k];
    *it = *ev;
    if (ev->len)
        memcpy(p->arena + p->arena_used, ev->value, ev->len);
    it->value = p->arena + p->arena_used;
    p->arena_used += ev->len;
    if (ev->mac) {
        memcpy(p->item_mac[k], ev->mac, 6);
        it->mac = p->item_mac[k];
    }
    if (ev->ip) {
        p->item_ip[k] = *ev->ip;
        it->ip = &p->item_ip[k];
    }
}

static uint64_t pdu_hash(const struct vs_cur *c)
{
    uint64_t h = 0xcbf29ce484222325ULL ^ c->n;
    const uint8_t *b;
    struct vs_cur t = *c;
    if (!vs_cur_bytes(&t, c->n, &b))
        return 0;
    for (size_t i = 0; i < c->n; i++)
        h = (h ^ b[i]) * 0x100000001b3ULL;
    return h | 1;
}

static void run(struct vs_pipeline *p, const struct proto *pr, struct vs_cur c,
                const struct vs_pkt *pkt, struct vs_device *src)
{
    /* Discovery protocols repeat the same PDU every few seconds: a device that sends what
     * it sent last time has nothing new to say. */
    if (pr->subject == VS_SUBJ_LINK && src) {
        uint64_t h = pdu_hash(&c);
        if (h == src->side->last_pdu[0] || h == src->side->last_pdu[1])
            return;
        /* Two slots: a switch that speaks LLDP and CDP alternates between two PDUs. */
        struct vs_device_side *x = vs_inventory_side(p->inv, src);
        if (x) {
            x->last_pdu[1] = x->last_pdu[0];
            x->last_pdu[0] = h;
        }
    }
    p->nitems = 0;
    p->arena_used = 0;
    p->drop_certs = pr->local_certs && vs_geo_is_public(&pkt->src_ip);
    enum vs_decode_status st = pr->fn(c, pkt, collect, p);
    if (st == VS_DECODE_TRUNCATED)
        p->stats.truncated[pr->id]++;
    else if (st == VS_DECODE_MALFORMED)
        p->stats.malformed[pr->id]++;
    if (p->nitems)
        vs_identity_deliver(p->inv, pr->subject, pkt, src, p->items, p->nitems);
}

static void flow_put(struct vs_pipeline *p, const struct vs_pkt *pkt, enum flow_kind kind)
{
    uint64_t k = vs_stream_key(pkt);
    struct flow *f = &p->flows[k % FLOW_SLOTS];
    if (!f->key)
        p->nflows++;
    f->key = k;
    f->expires = pkt->ts_sec + FLOW_TTL;
    f->kind = (uint8_t)kind;
    if (f->expires > p->flows_until)
        p->flows_until = f->expires;
}

/* The pending flow of this segment, removed from the table; NULL when none. */
static struct flow *flow_take(struct vs_pipeline *p, const struct vs_pkt *pkt)
{
    if (pkt->ts_sec > p->flows_until) {
        /* Every entry has expired: clear them all, and the packet path is free again. */
        memset(p->flows, 0, sizeof p->flows);
        p->nflows = 0;
        return NULL;
    }
    uint64_t k = vs_stream_key(pkt);
    struct flow *f = &p->flows[k % FLOW_SLOTS];
    if (f->key != k || f->expires < pkt->ts_sec)
        return NULL;
    f->key = 0;
    p->nflows--;
    return f;
}

/* Diameter over TCP: whole messages, reassembled when one spans segments. */
static void diameter_tcp(struct vs_pipeline *p, const struct vs_pkt *pkt, struct vs_device *src)
{
    struct vs_stream_iter it;
    struct vs_cur pdus;
    vs_stream_feed(p->streams, vs_stream_key(pkt), pkt->tcp_seq, pkt->ts_sec, pkt->l4_payload,
                   vs_diameter_need, &it);
    while (vs_stream_next(&it, &pdus))
        run(p, &P_DIAMETER, pdus, pkt, src);
    vs_stream_end(&it);
    if (it.lost)
        p->stats.truncated[VS_PROTO_DIAMETER]++;
}

/* TLS framing for the stream table: a handshake, alert or change-cipher-spec record is one
 * PDU; application data means the handshake is over and nothing more is of interest. */
static size_t tls_record_len(const struct vs_cur *c)
{
    uint8_t type, major;
    uint16_t len;
    if (!vs_cur_peek_u8(c, 0, &type) || !vs_cur_peek_u8(c, 1, &major))
        return 0;
    if (major != 3 || type < 0x14 || type > 0x16)
        return VS_STREAM_NOT_PDU;
    if (!vs_cur_peek_be16(c, 3, &len))
        return 0;
    return 5 + (size_t)len;
}

/* TLS over TCP, on any port: whole records, a certificate record that spans segments
 * buffered until complete; the flow is remembered while a record is pending, so its next
 * segment (which does not look like TLS) comes back here. */
static void tls_tcp(struct vs_pipeline *p, const struct vs_pkt *pkt, struct vs_device *src)
{
    struct vs_stream_iter it;
    struct vs_cur pdus;
    vs_stream_feed(p->streams, vs_stream_key(pkt), pkt->tcp_seq, pkt->ts_sec, pkt->l4_payload,
                   tls_record_len, &it);
    while (vs_stream_next(&it, &pdus))
        run(p, &P_TLS, pdus, pkt, src);
    vs_stream_end(&it);
    /* A lost stream here is the end of the handshake (encrypted records), not an error. */
    if (it.kept)
        flow_put(p, pkt, FLOW_TLS);
}

#define SNAP(oui, pid) ((uint64_t)(oui) << 16 | (pid))

/* Decide, in a few compares, which decoder (if any) this frame needs. */
static void dispatch(struct vs_pipeline *p, const struct vs_pkt *pkt, struct vs_device *src)
{
    if (pkt->ethertype == 0x88cc) {
        run(p, &P_LLDP, pkt->l2_payload, pkt, src);
        return;
    }
    if (pkt->snap) {
        switch (SNAP(pkt->snap_oui, pkt->snap_pid)) {
        case SNAP(0x00000c, 0x2000):
            run(p, &P_CDP, pkt->l2_payload, pkt, src);
            return;
        case SNAP(0x00000c, 0x010b): /* Cisco PVST+: an STP BPDU per VLAN */
            run(p, &P_STP, pkt->l2_payload, pkt, src);
            return;
        case SNAP(0x00e02b, 0x00bb):
            run(p, &P_EDP, pkt->l2_payload, pkt, src);
            return;
        case SNAP(0x00e052, 0x2000):
            run(p, &P_FDP, pkt->l2_payload, pkt, src);
            return;
        case SNAP(0x000081, 0x01a1):
        case SNAP(0x000081, 0x01a2):
            run(p, &P_SONMP, pkt->l2_payload, pkt, src);
            return;
        default:
            return;
        }
    }
    if (pkt->llc) {
        if (pkt->llc_dsap == 0x42 && pkt->llc_ssap == 0x42)
            run(p, &P_STP, pkt->l2_payload, pkt, src);
        return;
    }
    if (pkt->ethertype == 0x0806) {
        run(p, &P_ARP, pkt->l2_payload, pkt, src);
        return;
    }
    if (!pkt->src_ip.family)
        return;
    const struct vs_cur *pl = &pkt->l4_payload;
    if (pkt->ip_proto == 17) {
        uint16_t sp = pkt->sport, dp = pkt->dport;
        if (sp == 161 || sp == 162 || dp == 162) {
            run(p, &P_SNMP, *pl, pkt, src);
        } else if ((sp == 68 && dp == 67) || (sp == 67 && dp == 68) || (sp == 67 && dp == 67)) {
            run(p, &P_DHCP, *pl, pkt, src);
        } else if (dp == 547 || sp == 546) {
            run(p, &P_DHCP6, *pl, pkt, src);
        } else if (sp == 5678 || dp == 5678) {
            run(p, &P_MNDP, *pl, pkt, src);
        } else if (sp == 10001 || dp == 10001) {
            run(p, &P_UBDP, *pl, pkt, src);
        } else if (sp == 5353 || dp == 5353) {
            run(p, &P_MDNS, *pl, pkt, src);
        } else if ((dp == 514 || sp == 514) && vs_syslog_candidate(pl, false)) {
            run(p, &P_SYSLOG, *pl, pkt, src);
        } else if ((sp == 2123 || dp == 2123) && vs_gtp_candidate(pl)) {
            run(p, &P_GTP, *pl, pkt, src);
        } else if ((sp == 8805 || dp == 8805) && vs_pfcp_candidate(pl)) {
            run(p, &P_PFCP, *pl, pkt, src);
        } else if ((dp == 1812 || dp == 1813 || dp == 1645 || dp == 1646 || sp == 3799) &&
                   vs_radius_candidate(pl)) {
            run(p, &P_RADIUS, *pl, pkt, src);
        } else if (vs_dtls_candidate(pl)) {
            run(p, &P_DTLS, *pl, pkt, src);
        } else if (vs_ssdp_candidate(pl, pkt)) {
            /* By payload, not port: M-SEARCH answers go to the searcher's own port. */
            run(p, &P_SSDP, *pl, pkt, src);
        } else if (vs_banner_candidate(pl, pkt)) {
            run(p, &P_BANNER, *pl, pkt, src);
        }
        return;
    }
    if (pkt->ip_proto == 132) {
        run(p, &P_DIAMETER_SCTP, *pl, pkt, src); /* DATA chunks of Diameter's PPID or port */
        return;
    }
    if (pkt->ip_proto == 6) {
        if (vs_cur_empty(pl))
            return;
        if (pkt->sport == 3868 || pkt->dport == 3868) {
            diameter_tcp(p, pkt, src);
            return;
        }
        if (vs_tls_candidate(pl)) {
            tls_tcp(p, pkt, src);
            return;
        }
        if ((pkt->dport == 601 || pkt->dport == 514) && vs_syslog_candidate(pl, true)) {
            run(p, &P_SYSLOG_TCP, *pl, pkt, src); /* RFC 6587 framing; each segment alone */
            return;
        }
        if (vs_banner_candidate(pl, pkt)) {
            run(p, &P_BANNER, *pl, pkt, src);
            bool sip;
            if (vs_banner_incomplete(pl, &sip))
                flow_put(p, pkt, sip ? FLOW_SIP : FLOW_HTTP);
        } else if (p->nflows) {
            struct flow *f = flow_take(p, pkt);
            if (f && f->kind == FLOW_TLS)
                tls_tcp(p, pkt, src);
            else if (f)
                run(p, f->kind == FLOW_SIP ? &P_SIP_MORE : &P_HTTP_MORE, *pl, pkt, src);
        }
        return;
    }
    if (pkt->ip_proto == 58) {
        uint8_t type;
        if (vs_cur_peek_u8(pl, 0, &type) && (type == 135 || type == 136))
            run(p, &P_ND, *pl, pkt, src);
    }
}

void vs_pipeline_frame(struct vs_pipeline *p, int dlt, int64_t sec, uint32_t usec,
                       const uint8_t *data, size_t caplen, size_t wirelen)
{
    struct vs_pkt pkt;
    struct vs_link_inner inner;
    struct vs_cur frame = vs_cur_make(data, caplen);
    p->stats.packets++;
    p->stats.bytes += wirelen;
    for (int depth = 0; depth < VS_MAX_ENCAP_DEPTH; depth++) {
        pkt.ts_sec = sec;
        pkt.ts_usec = usec;
        enum vs_link_status st = vs_link_parse(dlt, frame, &pkt, &inner);
        if (st == VS_LINK_UNSUPPORTED) {
            p->stats.unsupported_link++;
            return;
        }
        if (st == VS_LINK_TRUNCATED)
            p->stats.truncated[depth ? VS_PROTO_ENCAP : VS_PROTO_LINK]++;
        else if (st == VS_LINK_MALFORMED)
            p->stats.malformed[depth ? VS_PROTO_ENCAP : VS_PROTO_LINK]++;

        struct vs_device *src = vs_identity_sender(p->inv, &pkt);
        if (p->peers && pkt.dst_ip.family) {
            struct vs_device *pd = vs_identity_talker(p->inv, &pkt, src);
            if (pd)
                vs_inventory_note_peer(p->inv, pd, &pkt.dst_ip, sec, usec);
        }
        dispatch(p, &pkt, src);
        if (st != VS_LINK_ENCAP)
            return;
        dlt = inner.dlt;
        frame = inner.frame;
    }
    p->stats.malformed[VS_PROTO_ENCAP]++; /* deeper than VS_MAX_ENCAP_DEPTH */
}
