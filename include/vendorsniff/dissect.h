/* SPDX-License-Identifier: BSD-2-Clause */
/* dissect.h - the decoder contract: a decoder is handed a bounds-checked cursor over
 * its protocol's bytes, the frame's read-only context, and a callback; it yields
 * evidence through the callback and returns a status. It touches nothing else. */
#ifndef VS_DISSECT_H
#define VS_DISSECT_H

#include <stdbool.h>
#include <stdint.h>

#include "vendorsniff/cursor.h"
#include "vendorsniff/evidence.h"
#include "vendorsniff/limits.h"

/* Protocols counted for decode errors (the "decode_errors" of the stats event). */
#define VS_PROTOS(X)                                                                               \
    X(LINK, "link")                                                                                \
    X(IP, "ip")                                                                                    \
    X(ENCAP, "encap")                                                                              \
    X(LLDP, "lldp")                                                                                \
    X(CDP, "cdp")                                                                                  \
    X(EDP, "edp")                                                                                  \
    X(FDP, "fdp")                                                                                  \
    X(SONMP, "sonmp")                                                                              \
    X(STP, "stp")                                                                                  \
    X(MNDP, "mndp")                                                                                \
    X(UBDP, "ubdp")                                                                                \
    X(SNMP, "snmp")                                                                                \
    X(BANNER, "banner")                                                                            \
    X(SIP, "sip")                                                                                  \
    X(DHCP, "dhcp")                                                                                \
    X(DHCP6, "dhcp6")                                                                              \
    X(CWMP, "cwmp")                                                                                \
    X(ARP, "arp")                                                                                  \
    X(ND, "nd")                                                                                    \
    X(DIAMETER, "diameter")                                                                        \
    X(GTP, "gtp")                                                                                  \
    X(PFCP, "pfcp")                                                                                \
    X(RADIUS, "radius")                                                                            \
    X(SYSLOG, "syslog")                                                                            \
    X(SSDP, "ssdp")                                                                                \
    X(UPNP, "upnp")                                                                                \
    X(MDNS, "mdns")                                                                                \
    X(TLS, "tls")

enum vs_proto {
#define VS_X_PROTO(id, name) VS_PROTO_##id,
    VS_PROTOS(VS_X_PROTO)
#undef VS_X_PROTO
    VS_PROTO__COUNT
};
const char *vs_proto_name(enum vs_proto p);

enum vs_decode_status {
    VS_DECODE_OK = 0,
    VS_DECODE_TRUNCATED, /* ran out of bytes: evidence wholly inside the frame still counts */
    VS_DECODE_MALFORMED, /* contradictory lengths, bad encoding, over a limit */
};

/* What the link layer found in one frame (innermost layer after decapsulation). */
struct vs_pkt {
    int64_t ts_sec; /* packet time, UTC */
    uint32_t ts_usec;
    const uint8_t *src_mac; /* NULL when the link layer has no MAC (raw IP, HDLC) */
    const uint8_t *dst_mac;
    uint16_t vlans[VS_MAX_FRAME_VLANS];
    uint8_t nvlans;
    uint16_t ethertype; /* 0 for 802.3 length frames (then llc_* below are set) */
    bool llc;           /* 802.2 LLC header present */
    uint8_t llc_dsap, llc_ssap;
    bool snap; /* SNAP header present */
    uint32_t snap_oui;
    uint16_t snap_pid;
    struct vs_ip src_ip, dst_ip; /* family 0 when not IP */
    uint8_t ip_proto;            /* 6 TCP, 17 UDP, 58 ICMPv6, ... */
    uint8_t ttl;                 /* IPv4 TTL or IPv6 hop limit */
    bool mpls;                   /* the IP packet came under MPLS labels (transit traffic) */
    uint16_t sport, dport;       /* TCP, UDP, SCTP */
    uint8_t tcp_flags;
    uint32_t tcp_seq;
    struct vs_cur l2_payload; /* after Ethernet/VLAN/LLC/SNAP headers */
    struct vs_cur l4_payload; /* TCP/UDP payload, SCTP chunks, or ICMPv6 body */
};

typedef void (*vs_emit_fn)(void *ctx, const struct vs_evidence *ev);

/* Helper for decoders: emit a text field with no addresses. */
static inline void vs_emit_text(vs_emit_fn emit, void *ctx, enum vs_field f, const uint8_t *v,
                                size_t len)
{
    struct vs_evidence ev = {f, v, len, NULL, NULL, 0};
    emit(ctx, &ev);
}

typedef enum vs_decode_status (*vs_dissect_fn)(struct vs_cur c, const struct vs_pkt *pkt,
                                               vs_emit_fn emit, void *ctx);

/* Link-local discovery protocols: c covers the protocol PDU (after LLC/SNAP or the
 * LLDP ethertype). */
enum vs_decode_status vs_lldp_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                      void *ctx);
enum vs_decode_status vs_cdp_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                     void *ctx);
enum vs_decode_status vs_edp_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                     void *ctx);
enum vs_decode_status vs_fdp_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                     void *ctx);
enum vs_decode_status vs_sonmp_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                       void *ctx);
enum vs_decode_status vs_stp_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                     void *ctx);
enum vs_decode_status vs_arp_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                     void *ctx);
/* UDP payload decoders. */
enum vs_decode_status vs_mndp_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                      void *ctx);
enum vs_decode_status vs_ubdp_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                      void *ctx);
enum vs_decode_status vs_snmp_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                      void *ctx);
enum vs_decode_status vs_dhcp_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                      void *ctx);
enum vs_decode_status vs_dhcp6_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                       void *ctx);
/* ICMPv6 body (type byte first): neighbour solicitation/advertisement. */
enum vs_decode_status vs_nd_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                    void *ctx);
/* Text banners by payload (SSH, Telnet, FTP, HTTP, SIP, CWMP inside HTTP): TCP or UDP
 * payload; the decoder recognises the protocol from the first bytes, not the port. */
enum vs_decode_status vs_banner_dissect(struct vs_cur c, const struct vs_pkt *pkt,
                                        vs_emit_fn emit, void *ctx);

/* SIP or HTTP header lines in a TCP segment that continues a message whose start line came
 * earlier (the pipeline remembers such flows; see vs_banner_incomplete). */
enum vs_decode_status vs_banner_sip_headers(struct vs_cur c, const struct vs_pkt *pkt,
                                            vs_emit_fn emit, void *ctx);
enum vs_decode_status vs_banner_http_headers(struct vs_cur c, const struct vs_pkt *pkt,
                                             vs_emit_fn emit, void *ctx);
/* True when payload starts a SIP or HTTP message whose header block does not end within it;
 * *sip tells which. */
bool vs_banner_incomplete(const struct vs_cur *payload, bool *sip);

/* Cheap test on the first payload bytes: could vs_banner_dissect find anything here?
 * Called for every TCP/UDP payload, so it must be a handful of byte compares. */
bool vs_banner_candidate(const struct vs_cur *payload, const struct vs_pkt *pkt);

/* SNMP decoding uses net-snmp's BER routines; call once before the first dissect. */
void vs_snmp_init(void);

/* Telecom control planes (UDP payloads). GTP-C on UDP 2123: GTPv2-C and GTPv1-C (not GTP-U,
 * which the link layer decapsulates); PFCP on UDP 8805; RADIUS on UDP 1812/1813, 1645/1646
 * and 3799, evidence from the packets a NAS sends only. The _candidate tests are a few byte
 * compares on the payload, for the protocol table after the port matched. */
enum vs_decode_status vs_gtp_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                     void *ctx);
bool vs_gtp_candidate(const struct vs_cur *payload);
enum vs_decode_status vs_pfcp_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                      void *ctx);
bool vs_pfcp_candidate(const struct vs_cur *payload);
enum vs_decode_status vs_radius_dissect(struct vs_cur c, const struct vs_pkt *pkt,
                                        vs_emit_fn emit, void *ctx);
/* True for a RADIUS packet sent by a NAS (the only ones that yield evidence). */
bool vs_radius_candidate(const struct vs_cur *payload);
/* SSDP (UDP, UPnP Device Architecture s1): NOTIFY, M-SEARCH and M-SEARCH responses; c is
 * the UDP payload. Yields ssdp.server and ssdp.user_agent. */
enum vs_decode_status vs_ssdp_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                      void *ctx);
/* Cheap test: a UDP payload (pkt NULL: any) starting "NOTIFY * ", "M-SEARCH * " or "HTTP/1.". */
bool vs_ssdp_candidate(const struct vs_cur *payload, const struct vs_pkt *pkt);

/* UPnP device description: c is a whole HTTP response (starts "HTTP/1.": headers, then a
 * Content-Length, chunked or to-the-end body) or the XML body alone. Yields upnp.* of the
 * root device (of the first embedded device only when the root names nothing). */
enum vs_decode_status vs_upnp_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                      void *ctx);
/* Cheap test for a TCP payload: an HTTP response with an XML Content-Type whose body, or a
 * payload starting '<' that, holds "urn:schemas-upnp-org:device-" within its first
 * VS_MAX_BANNER_SCAN bytes. Only payloads starting 'H' or '<' are looked into. */
bool vs_upnp_candidate(const struct vs_cur *payload);
/* Initialise libxml2 once (before threads, like vs_snmp_init); never cleaned up per message. */
void vs_upnp_init(void);
/* Diameter (RFC 6733): c covers one or more messages (a TCP payload, or whole messages
 * reassembled by src/pipeline/stream.c). Evidence from Capabilities-Exchange Request and
 * Answer only; each describes the host that sent it. */
enum vs_decode_status vs_diameter_dissect(struct vs_cur c, const struct vs_pkt *pkt,
                                          vs_emit_fn emit, void *ctx);
/* Diameter over SCTP: c covers the chunks after the SCTP common header (l4_payload of IP
 * protocol 132); unfragmented DATA/I-DATA chunks with PPID 46 (or 0 on port 3868). */
enum vs_decode_status vs_diameter_sctp_dissect(struct vs_cur c, const struct vs_pkt *pkt,
                                               vs_emit_fn emit, void *ctx);
/* Stream framing (a vs_stream_need_fn): total length of the message at the start of c; 0
 * when fewer than 4 bytes; VS_STREAM_NOT_PDU when c cannot start a message. */
size_t vs_diameter_need(const struct vs_cur *c);
/* Cheap test: c starts with a plausible Diameter header (version 1, length >= 20 and a
 * multiple of 4, reserved flag bits clear). */
bool vs_diameter_candidate(const struct vs_cur *c);
/* TLS (TCP payload from a record boundary: records joined into one handshake stream) and
 * DTLS (one UDP payload): the first certificate's subject and issuer, the ClientHello's JA4. */
enum vs_decode_status vs_tls_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                     void *ctx);
enum vs_decode_status vs_dtls_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                      void *ctx);
/* Cheap tests on the first payload bytes: a handshake record of TLS 1.0-1.2 (0x16 0x03
 * 0x00..0x03) or of DTLS 1.0/1.2/1.3 (0x16 0xfe 0xff/0xfd/0xfc). */
bool vs_tls_candidate(const struct vs_cur *payload);
bool vs_dtls_candidate(const struct vs_cur *payload);
/* For a TCP payload buffered from a record boundary: how many more bytes at least are needed
 * before a ClientHello or the first certificate of a Certificate message is complete; 0 when
 * nothing more is needed (complete, nothing of interest pending, encrypted from here, not
 * TLS, or beyond VS_MAX_TLS_HANDSHAKE): then decode it with vs_tls_dissect. */
size_t vs_tls_need(const struct vs_cur *payload);
/* Syslog (src/dissect/syslog.c): vs_syslog_dissect takes one UDP 514 datagram (one RFC 3164
 * or RFC 5424 message); vs_syslog_tcp_dissect one TCP 514/601 segment of RFC 6587 frames
 * (octet-counted or LF-terminated, several per segment). vs_syslog_candidate is the cheap
 * first-bytes test: "<digit" for both, and "digit digit|SP" (an octet count) for TCP. */
enum vs_decode_status vs_syslog_dissect(struct vs_cur c, const struct vs_pkt *pkt,
                                        vs_emit_fn emit, void *ctx);
enum vs_decode_status vs_syslog_tcp_dissect(struct vs_cur c, const struct vs_pkt *pkt,
                                            vs_emit_fn emit, void *ctx);
bool vs_syslog_candidate(const struct vs_cur *payload, bool tcp);

/* mDNS / DNS-SD (src/dissect/mdns.c): c is a UDP 5353 payload. Responses only; evidence
 * only from records about the sender (see the file's header comment). */
enum vs_decode_status vs_mdns_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                      void *ctx);

#endif
