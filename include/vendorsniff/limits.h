/* SPDX-License-Identifier: BSD-2-Clause */
/* limits.h - every bound on what untrusted input can make vendorsniff hold or do,
 * in one place so that each is documented, tested and changed in one step. */
#ifndef VS_LIMITS_H
#define VS_LIMITS_H

/* Link layer: nested encapsulations (VLAN tags, MPLS labels, GRE/ERSPAN/VXLAN) per frame. */
#define VS_MAX_ENCAP_DEPTH 8
/* VLAN tags recorded per frame (outermost first); deeper tags are skipped, not recorded. */
#define VS_MAX_FRAME_VLANS 4
/* TLVs walked in one discovery frame before the decoder gives up (counted as malformed). */
#define VS_MAX_TLVS_PER_FRAME 512
/* BER nesting depth accepted in an SNMP message. */
#define VS_MAX_BER_DEPTH 16
/* Evidence items one frame may yield. */
#define VS_MAX_EVIDENCE_PER_FRAME 128
/* Distinct evidence items kept per device; a new item past it is refused and counted
 * (evidence_dropped in the stats event): the first statements a device made stay. */
#define VS_MAX_EVIDENCE_PER_DEVICE 64
/* Distinct values kept per device of a field that repeats itself with every kind of event
 * (syslog message formats: a router logs hundreds of types). Each is one more statement
 * of the same thing; past this they would crowd out other evidence. */
#define VS_MAX_REPEATING_FIELD_VALUES 3
/* Bytes of one evidence value kept; longer values are cut at a UTF-8 boundary. */
#define VS_MAX_VALUE_LEN 512
/* Risk alerts per minute (packet time) and vendor for devices known by their OUI alone;
 * past it they are counted and reported as one summary per minute: a flood of spoofed
 * risk-OUI MACs must not become a flood of alerts. */
#define VS_MAX_OUI_ALERTS_PER_MINUTE 50
/* Vendors whose OUI-only alerts are rate-limited separately (others share the last slot). */
#define VS_OUI_ALERT_BUCKETS 16
/* Distinct IP addresses kept per device. */
#define VS_MAX_IPS_PER_DEVICE 16
/* Distinct VLAN IDs kept per device. */
#define VS_MAX_VLANS_PER_DEVICE 16
/* A MAC that sources at least this many IP addresses is treated as a gateway. */
#define VS_GATEWAY_IP_THRESHOLD 3
/* Devices kept by default before the least recently seen are evicted (--max-devices). */
#define VS_DEFAULT_MAX_DEVICES 1000000
/* Other MACs (switch ports) folded into one device by LLDP chassis / STP bridge IDs. */
#define VS_MAX_ALIASES 8
/* External peers kept per device (--geoip). */
#define VS_MAX_PEERS_PER_DEVICE 16
/* Bytes at the start of a TCP/UDP payload looked at for a banner. */
#define VS_MAX_BANNER_SCAN 2048
/* Bytes at the start of a TCP payload searched for a TR-069 (CWMP) Inform: a SOAP
 * envelope whose DeviceId and ParameterList usually sit within the first 2-4 KB. */
#define VS_MAX_CWMP_SCAN 8192
/* Bytes of a UPnP device description handed to the XML parser; the root device's fields
 * come first, so a longer document (many services, embedded devices) is read that far. */
#define VS_MAX_UPNP_XML 65536
/* Levels of embedded <deviceList> searched when the root device names nothing. */
#define VS_MAX_UPNP_DEVICE_DEPTH 4
/* Bytes of a TLS handshake stream (handshake messages reassembled across the records of one
 * buffer) held for decoding: room for a ServerHello and a Certificate message whose first
 * certificate is the server's own (device certificates are 0.5-2 KB, whole chains 3-10 KB).
 * What lies beyond is not decoded (truncated). */
#define VS_MAX_TLS_HANDSHAKE 32768
/* Cipher suites, extensions or signature algorithms taken from one ClientHello for its JA4
 * fingerprint (real clients offer under 200 of each); more is malformed. */
#define VS_MAX_TLS_LIST 512
/* Alert history entries kept per device. */
#define VS_MAX_ALERTS_PER_DEVICE 8
/* Longest line accepted in a data file (signatures, risk list, OUI snapshot). */
#define VS_MAX_DATA_LINE 4096

/* TCP reassembly (src/pipeline/stream.c): flows buffered at once (a direct-mapped table; a
 * new flow takes over its slot), the most one flow holds (one PDU: a Diameter message or a
 * TLS record of up to 16 KiB plus its header; a PDU declared longer is passed over, not
 * buffered), and how long a flow waits for its next segment, in packet time. */
#define VS_STREAM_SLOTS 256
#define VS_MAX_STREAM_BUF (32u * 1024u)
#define VS_STREAM_TTL_SEC 30

/* pcapng (own reader, src/capture/pcapng.c): largest block accepted, 64 MiB (libpcap allows 16 MiB
 * unless a snaplen asks for more; Wireshark about 16 MiB for packets). Bigger is refused as
 * corrupt rather than buffered. */
#define VS_MAX_PCAPNG_BLOCK (64u * 1024u * 1024u)
/* pcapng Interface Description Blocks kept per section; more is refused as corrupt. */
#define VS_MAX_PCAPNG_INTERFACES 65536u
/* Blocks whose headers the pcapng pre-scan walks before it stops looking. */
#define VS_MAX_PCAPNG_SCAN_BLOCKS 10000000u

/* The largest state file read at start (a million devices with their evidence fits): a
 * bigger one is not a state this program wrote, and is kept aside rather than read. */
#define VS_MAX_STATE_BYTES (1024ull * 1024u * 1024u)

/* The kernel buffer of a live capture socket when --buffer-size is not given, in MiB (per
 * socket: --workers N has N). libpcap's own default (2 MiB) holds about 30 ms of a busy
 * mirror port, less than one time slice lost to another process on a loaded sensor. */
#define VS_DEFAULT_BUFFER_MB 32

#endif
