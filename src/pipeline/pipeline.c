/* pipeline.c - the packet path. For every frame: link layer (looping through mirrored
 * traffic), one device-table lookup for the source MAC, and only for the few frames that
 * can carry evidence, the matching decoder; its evidence goes to the right device. */
#include "vendorsniff/pipeline.h"

#include <stdlib.h>
#include <string.h>

#include "vendorsniff/link.h"

/* Evidence of one frame, copied out of the decoder's callback (values are borrowed
 * only for the callback's duration). */
#define FRAME_ARENA 65536

struct frame_ev {
    struct vs_evidence ev;
    uint8_t mac[6];
    struct vs_ip ip;
};

/* TCP flows whose SIP or HTTP header block went on past the first segment: the next
 * segment of the flow is read for its header lines. Direct-mapped and small; an entry
 * expires after FLOW_TTL seconds of packet time. */
#define FLOW_SLOTS 1024
#define FLOW_TTL 10

struct flow {
    uint64_t key; /* 0 = empty */
    int64_t expires;
    bool sip;
};

struct vs_pipeline {
    struct vs_inventory *inv;
    struct vs_stats stats;
    struct frame_ev items[VS_MAX_EVIDENCE_PER_FRAME];
    size_t nitems;
    uint8_t arena[FRAME_ARENA];
    size_t arena_used;
    bool peers;
    struct flow flows[FLOW_SLOTS];
    size_t nflows; /* entries in use: when 0 the packet path skips the table */
    int64_t flows_until; /* the latest expiry of any entry */
};

/* How a protocol's evidence finds its device. */
enum subject {
    SUBJ_LINK,   /* the frame's sender (or the MAC the evidence names: chassis, bridge) */
    SUBJ_ROUTED, /* the IP host that sent it; a router's MAC never takes it */
    SUBJ_BIND,   /* address bindings only (ARP, ND): IP -> MAC */
    SUBJ_CLIENT, /* DHCP: the client hardware address in the message */
};

/* The protocol table: one row per decoder. How a frame is recognised is in dispatch(). */
struct proto {
    enum vs_proto id;
    vs_dissect_fn fn;
    enum subject subject;
};

static const struct proto P_LLDP = {VS_PROTO_LLDP, vs_lldp_dissect, SUBJ_LINK};
static const struct proto P_CDP = {VS_PROTO_CDP, vs_cdp_dissect, SUBJ_LINK};
static const struct proto P_EDP = {VS_PROTO_EDP, vs_edp_dissect, SUBJ_LINK};
static const struct proto P_FDP = {VS_PROTO_FDP, vs_fdp_dissect, SUBJ_LINK};
static const struct proto P_SONMP = {VS_PROTO_SONMP, vs_sonmp_dissect, SUBJ_LINK};
static const struct proto P_STP = {VS_PROTO_STP, vs_stp_dissect, SUBJ_LINK};
static const struct proto P_ARP = {VS_PROTO_ARP, vs_arp_dissect, SUBJ_BIND};
static const struct proto P_ND = {VS_PROTO_ND, vs_nd_dissect, SUBJ_BIND};
static const struct proto P_MNDP = {VS_PROTO_MNDP, vs_mndp_dissect, SUBJ_LINK};
static const struct proto P_UBDP = {VS_PROTO_UBDP, vs_ubdp_dissect, SUBJ_LINK};
static const struct proto P_SNMP = {VS_PROTO_SNMP, vs_snmp_dissect, SUBJ_ROUTED};
static const struct proto P_DHCP = {VS_PROTO_DHCP, vs_dhcp_dissect, SUBJ_CLIENT};
static const struct proto P_DHCP6 = {VS_PROTO_DHCP6, vs_dhcp6_dissect, SUBJ_ROUTED};
static const struct proto P_BANNER = {VS_PROTO_BANNER, vs_banner_dissect, SUBJ_ROUTED};
static const struct proto P_SIP_MORE = {VS_PROTO_SIP, vs_banner_sip_headers, SUBJ_ROUTED};
static const struct proto P_HTTP_MORE = {VS_PROTO_BANNER, vs_banner_http_headers, SUBJ_ROUTED};


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
    p->inv = inv;
    vs_snmp_init();
    return p;
}

void vs_pipeline_free(struct vs_pipeline *p) { free(p); }

void vs_pipeline_track_peers(struct vs_pipeline *p, bool on) { p->peers = on; }

const struct vs_stats *vs_pipeline_stats(const struct vs_pipeline *p) { return &p->stats; }

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
    if (p->nitems >= VS_MAX_EVIDENCE_PER_FRAME || ev->len > FRAME_ARENA - p->arena_used) {
        p->stats.evidence_dropped++;
        return;
    }
    struct frame_ev *it = &p->items[p->nitems++];
    it->ev = *ev;
    if (ev->len)
        memcpy(p->arena + p->arena_used, ev->value, ev->len);
    it->ev.value = p->arena + p->arena_used;
    p->arena_used += ev->len;
    if (ev->mac) {
        memcpy(it->mac, ev->mac, 6);
        it->ev.mac = it->mac;
    }
    if (ev->ip) {
        it->ip = *ev->ip;
        it->ev.ip = &it->ip;
    }
}

/* The frame's source MAC is the IP sender's own: not routed, not MPLS transit. */
static inline bool direct(const struct vs_pkt *pkt)
{
    return !pkt->mpls && vs_ttl_is_initial(pkt->ttl);
}

static bool mac_usable(const uint8_t *m)
{
    /* A group address is never a sender; all-zero is kept (some stacks really send it). */
    return m && !(m[0] & 1);
}

/* The device a link-local frame's evidence describes. */
static struct vs_device *link_subject(struct vs_pipeline *p, const struct vs_pkt *pkt,
                                      struct vs_device *src)
{
    for (size_t i = 0; i < p->nitems; i++) {
        const struct vs_evidence *ev = &p->items[i].ev;
        if ((ev->field == VS_F_LLDP_CHASSIS_ID || ev->field == VS_F_STP_BRIDGE_ID) && ev->mac &&
            mac_usable(ev->mac)) {
            struct vs_device *c =
                vs_inventory_get_mac(p->inv, ev->mac, pkt->ts_sec, pkt->ts_usec, true);
            /* The port MAC that sent the frame is the same box: one device, not two. The
             * port's record may be folded into the chassis here, so src is not used after. */
            if (c && src && mac_usable(pkt->src_mac))
                c = vs_inventory_alias_mac(p->inv, c, pkt->src_mac, pkt->ts_sec, pkt->ts_usec);
            return c;
        }
    }
    if (src)
        return src;
    /* No MAC layer (CDP over HDLC): the first announced address keys the device. */
    for (size_t i = 0; i < p->nitems; i++)
        if (p->items[i].ev.ip)
            return vs_inventory_for_ip(p->inv, p->items[i].ev.ip, NULL, pkt->ts_sec,
                                       pkt->ts_usec);
    return NULL;
}

static void deliver(struct vs_pipeline *p, const struct proto *pr, const struct vs_pkt *pkt,
                    struct vs_device *src)
{
    struct vs_inventory *inv = p->inv;
    struct vs_device *d = NULL;
    const struct vs_ip *via = NULL;
    int64_t sec = pkt->ts_sec;
    uint32_t usec = pkt->ts_usec;

    switch (pr->subject) {
    case SUBJ_BIND:
        for (size_t i = 0; i < p->nitems; i++) {
            const struct vs_evidence *ev = &p->items[i].ev;
            if (!ev->mac || !ev->ip || !mac_usable(ev->mac))
                continue;
            struct vs_device *b = vs_inventory_get_mac(inv, ev->mac, sec, usec, true);
            if (b)
                vs_inventory_bind(inv, b, ev->ip);
        }
        return;
    case SUBJ_CLIENT:
        for (size_t i = 0; i < p->nitems && !d; i++) {
            const struct vs_evidence *ev = &p->items[i].ev;
            if (ev->mac && mac_usable(ev->mac))
                d = vs_inventory_get_mac(inv, ev->mac, sec, usec, true);
        }
        if (!d)
            d = src;
        break;
    case SUBJ_LINK:
        d = link_subject(p, pkt, src);
        break;
    case SUBJ_ROUTED:
        if (!pkt->src_ip.family)
            return;
        /* A MAC-format SNMP engine ID names one of the agent's MACs (often a base MAC that
         * never sends a frame): it binds the agent's IP only to a MAC seen on the wire. */
        for (size_t i = 0; i < p->nitems; i++) {
            const struct vs_evidence *ev = &p->items[i].ev;
            if (ev->field == VS_F_SNMP_ENGINE_ID && ev->mac && mac_usable(ev->mac)) {
                struct vs_device *b = vs_inventory_get_mac(inv, ev->mac, sec, usec, false);
                if (b)
                    vs_inventory_bind(inv, b, &pkt->src_ip);
            }
        }
        /* A packet that crossed a router (TTL below any initial value, or under MPLS labels)
         * says nothing about the MAC that carried it. */
        d = vs_inventory_for_ip(inv, &pkt->src_ip, direct(pkt) ? src : NULL, sec, usec);
        via = &pkt->src_ip;
        break;
    }
    if (!d)
        return;
    bool gained = false;
    for (size_t i = 0; i < p->nitems; i++) {
        const struct vs_evidence *ev = &p->items[i].ev;
        /* Addresses a device announces for itself bind it (management, CDP, DHCP). */
        if (ev->ip && pr->subject != SUBJ_ROUTED && (d->flags & VS_DEV_HAS_MAC) &&
            ev->field != VS_F_STP_ROOT_ID)
            vs_inventory_bind(inv, d, ev->ip);
        if (ev->field == VS_F_STP_ROOT_ID)
            continue; /* the root bridge is another switch: not this device's evidence */
        gained |= vs_inventory_add_evidence(inv, d, ev, via, sec, usec);
    }
    if (gained)
        vs_inventory_attribute(inv, d, sec, usec);
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
    if (pr->subject == SUBJ_LINK && src) {
        uint64_t h = pdu_hash(&c);
        if (h == src->last_pdu[0] || h == src->last_pdu[1])
            return;
        /* Two slots: a switch that speaks LLDP and CDP alternates between two PDUs. */
        src->last_pdu[1] = src->last_pdu[0];
        src->last_pdu[0] = h;
    }
    p->nitems = 0;
    p->arena_used = 0;
    enum vs_decode_status st = pr->fn(c, pkt, collect, p);
    if (st == VS_DECODE_TRUNCATED)
        p->stats.truncated[pr->id]++;
    else if (st == VS_DECODE_MALFORMED)
        p->stats.malformed[pr->id]++;
    if (p->nitems)
        deliver(p, pr, pkt, src);
}

static uint64_t flow_key(const struct vs_pkt *pkt)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    size_t n = pkt->src_ip.family == 4 ? 4 : 16;
    for (size_t i = 0; i < n; i++)
        h = (h ^ pkt->src_ip.a[i]) * 0x100000001b3ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ pkt->dst_ip.a[i]) * 0x100000001b3ULL;
    h = (h ^ pkt->sport) * 0x100000001b3ULL;
    h = (h ^ pkt->dport) * 0x100000001b3ULL;
    return h | 1;
}

static void flow_put(struct vs_pipeline *p, const struct vs_pkt *pkt, bool sip)
{
    uint64_t k = flow_key(pkt);
    struct flow *f = &p->flows[k % FLOW_SLOTS];
    if (!f->key)
        p->nflows++;
    f->key = k;
    f->expires = pkt->ts_sec + FLOW_TTL;
    f->sip = sip;
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
    uint64_t k = flow_key(pkt);
    struct flow *f = &p->flows[k % FLOW_SLOTS];
    if (f->key != k || f->expires < pkt->ts_sec)
        return NULL;
    f->key = 0;
    p->nflows--;
    return f;
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
        } else if (vs_banner_candidate(pl, pkt)) {
            run(p, &P_BANNER, *pl, pkt, src);
        }
        return;
    }
    if (pkt->ip_proto == 6) {
        if (vs_cur_empty(pl))
            return;
        if (vs_banner_candidate(pl, pkt)) {
            run(p, &P_BANNER, *pl, pkt, src);
            bool sip;
            if (vs_banner_incomplete(pl, &sip))
                flow_put(p, pkt, sip);
        } else if (p->nflows) {
            struct flow *f = flow_take(p, pkt);
            if (f)
                run(p, f->sip ? &P_SIP_MORE : &P_HTTP_MORE, *pl, pkt, src);
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

        struct vs_device *src = NULL;
        if (mac_usable(pkt.src_mac)) {
            src = vs_inventory_see_mac(p->inv, pkt.src_mac, sec, usec);
            if (src) {
                for (uint8_t i = 0; i < pkt.nvlans; i++)
                    vs_inventory_note_vlan(p->inv, src, pkt.vlans[i]);
                if (pkt.src_ip.family) {
                    if (!direct(&pkt)) {
                        if (!(src->flags & VS_DEV_ROUTER))
                            vs_inventory_mark_router(p->inv, src);
                        vs_inventory_touch_ip(p->inv, &pkt.src_ip, sec, usec);
                    } else if (src->flags & VS_DEV_GATEWAY) {
                        vs_inventory_touch_ip(p->inv, &pkt.src_ip, sec, usec);
                    } else {
                        vs_inventory_note_ip(p->inv, src, &pkt.src_ip);
                    }
                }
            }
        } else if (pkt.src_ip.family) {
            vs_inventory_touch_ip(p->inv, &pkt.src_ip, sec, usec); /* no MAC layer */
        }
        if (p->peers && pkt.dst_ip.family) {
            /* Behind a router only hosts already known by IP are tracked: the router's MAC
             * would otherwise collect the peers of every host it forwards for. */
            struct vs_device *pd = src;
            if ((!pd || (pd->flags & VS_DEV_GATEWAY) || !direct(&pkt)) && pkt.src_ip.family)
                pd = vs_inventory_find_ip(p->inv, &pkt.src_ip);
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
