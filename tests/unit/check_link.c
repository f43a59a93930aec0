/* SPDX-License-Identifier: BSD-2-Clause */
/* check_link.c - unit tests for the link layer (src/link): every DLT, VLAN/QinQ, LLC/SNAP,
 * IPv4/IPv6 with options, extension headers and fragments, TCP/UDP/ICMPv6, PPPoE, MPLS, GRE,
 * ERSPAN I/II/III, VXLAN, Geneve; every prefix of every frame; hostile lengths and depths.
 * Real frames come from /work/shared/corpus/pcap (file and frame number above each array);
 * crafted ones say so. Offsets in the comments are from the start of the frame. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "vendorsniff/link.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------ frames */

/* clang-format off */
/* tcpdump erspan-type-i-1.pcap frame 1: ERSPAN type I (no ERSPAN header), mirrored
 * frame 802.1Q VLAN 101 + ICMP. Headers end at 80 (ICMP type/code/checksum). */
static const uint8_t f_erspan1[] = {
    0x00, 0xe0, 0x00, 0x9b, 0x6d, 0x81,     /*   0 dst 00:e0:00:9b:6d:81 */
    0x00, 0x25, 0x9e, 0x81, 0xb3, 0x54,     /*   6 src 00:25:9e:81:b3:54 (Huawei) */
    0x08, 0x00,                             /*  12 type IPv4 */
    /*  14 IPv4, total 126, proto 47 GRE, 1.1.1.1 -> 192.168.255.5 */
    0x45, 0xfc, 0x00, 0x7e, 0x00, 0x00, 0x00, 0x00, 0x20, 0x2f, 0xd7, 0xa5,
    0x01, 0x01, 0x01, 0x01, 0xc0, 0xa8, 0xff, 0x05,
    /*  34 GRE flags 0 (no S: ERSPAN type I), proto 0x88be */
    0x00, 0x00, 0x88, 0xbe,
    0x00, 0x11, 0x5c, 0x3d, 0xde, 0x00,     /*  38 inner dst 00:11:5c:3d:de:00 */
    0x00, 0x25, 0x9e, 0x81, 0xb3, 0x54,     /*  44 inner src 00:25:9e:81:b3:54 */
    0x81, 0x00,                             /*  50 type 802.1Q */
    0xc0, 0x65, 0x08, 0x00,                 /*  52 TCI: PRI 6, VID 101; type IPv4 */
    /*  56 IPv4, total 84, proto 1 ICMP, 10.52.128.233 -> 10.52.128.234 */
    0x45, 0x00, 0x00, 0x54, 0x9f, 0x43, 0x00, 0x00, 0xff, 0x01, 0x06, 0x2a,
    0x0a, 0x34, 0x80, 0xe9, 0x0a, 0x34, 0x80, 0xea,
    /*  76 ICMP echo request */
    0x08, 0x00, 0x04, 0x2a, 0xac, 0x52, 0x00, 0x03, 0xfd, 0xa1, 0x8a, 0x28,
    0x0d, 0x0b, 0x16, 0x00, 0x50, 0x4e, 0x47, 0x00, 0xfd, 0xa1, 0x8a, 0x28,
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b,
    0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
    0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x21, 0x22, 0x23,
    0x24, 0x25, 0x26, 0x27,
};

/* tcpdump erspan-type-ii-3.pcap frame 1: ERSPAN type II carrying an 802.3/LLC STP
 * BPDU from a Nortel switch. Headers end at 67 (the LLC header). */
static const uint8_t f_erspan2[] = {
    0x00, 0x10, 0x18, 0xb3, 0x8f, 0x10,     /*   0 dst 00:10:18:b3:8f:10 */
    0x88, 0x1d, 0xfc, 0xc9, 0xdc, 0x03,     /*   6 src 88:1d:fc:c9:dc:03 */
    0x08, 0x00,                             /*  12 type IPv4 */
    /*  14 IPv4, total 96, proto 47, 192.168.1.172 -> 192.168.1.249 */
    0x45, 0x00, 0x00, 0x60, 0x00, 0x00, 0x00, 0x00, 0xff, 0x2f, 0x36, 0x79,
    0xc0, 0xa8, 0x01, 0xac, 0xc0, 0xa8, 0x01, 0xf9,
    0x10, 0x00, 0x88, 0xbe,                 /*  34 GRE flags 0x1000 (S), proto 0x88be */
    0x00, 0x01, 0xa1, 0xca,                 /*  38 GRE sequence 106954 */
    /*  42 ERSPAN II: ver 1, VLAN 1, COS/En/T/session, index */
    0x10, 0x01, 0x10, 0x65, 0x00, 0x00, 0xab, 0xc5,
    0x01, 0x80, 0xc2, 0x00, 0x00, 0x00,     /*  50 inner dst 01:80:c2:00:00:00 (STP) */
    0x00, 0x19, 0x69, 0xdf, 0xdc, 0x01,     /*  56 inner src 00:19:69:df:dc:01 (Nortel) */
    0x00, 0x26,                             /*  62 802.3 length 38 */
    0x42, 0x42, 0x03,                       /*  64 LLC DSAP 0x42 SSAP 0x42 control 0x03 (UI) */
    /*  67 STP configuration BPDU */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x80, 0x00, 0x00, 0x19, 0x69, 0xdf, 0xdc,
    0x01, 0x00, 0x00, 0x00, 0x00, 0x80, 0x00, 0x00, 0x19, 0x69, 0xdf, 0xdc,
    0x01, 0x80, 0x15, 0x00, 0x00, 0x14, 0x00, 0x02, 0x00, 0x0f, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,/* 102 Ethernet trailer */
};

/* tcpdump erspan-type-iii-ft-0.pcap frame 1: ERSPAN type III, no platform subheader.
 * Headers end at 92. */
static const uint8_t f_erspan3[] = {
    0x00, 0x50, 0x56, 0xac, 0xc8, 0x0c,     /*   0 dst 00:50:56:ac:c8:0c */
    0xf8, 0xc2, 0x88, 0x90, 0xd2, 0x7b,     /*   6 src f8:c2:88:90:d2:7b (Cisco) */
    0x08, 0x00,                             /*  12 type IPv4 */
    /*  14 IPv4, total 138, proto 47, 10.29.30.104 -> 10.29.11.13 */
    0x45, 0x00, 0x00, 0x8a, 0x00, 0x00, 0x00, 0x00, 0x3f, 0x2f, 0x3d, 0x97,
    0x0a, 0x1d, 0x1e, 0x68, 0x0a, 0x1d, 0x0b, 0x0d,
    0x00, 0x00, 0x22, 0xeb,                 /*  34 GRE flags 0, proto 0x22eb ERSPAN III */
    /*  38 ERSPAN III: ver 2, VLAN 20, session, timestamp, SGT, FT 0, O 0 */
    0x20, 0x14, 0x00, 0x00, 0xa3, 0x59, 0x5b, 0xff, 0x00, 0x00, 0x00, 0x06,
    0x00, 0x50, 0x56, 0xac, 0x18, 0xa0,     /*  50 inner dst 00:50:56:ac:18:a0 */
    0xf8, 0xc2, 0x88, 0x90, 0xd2, 0x7b,     /*  56 inner src f8:c2:88:90:d2:7b */
    0x81, 0x00,                             /*  62 type 802.1Q */
    0x00, 0x14, 0x08, 0x00,                 /*  64 VID 20; type IPv4 */
    /*  68 IPv4, proto 1, 10.29.11.1 -> 10.29.20.21 */
    0x45, 0x00, 0x00, 0x54, 0x9d, 0x12, 0x40, 0x00, 0x3f, 0x01, 0x6b, 0x47,
    0x0a, 0x1d, 0x0b, 0x01, 0x0a, 0x1d, 0x14, 0x15,
    /*  88 ICMP */
    0x08, 0x00, 0x26, 0x9c, 0x3f, 0xcb, 0x00, 0xe2, 0x22, 0x64, 0x90, 0x5d,
    0x00, 0x00, 0x00, 0x00, 0x15, 0x22, 0x0a, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b,
    0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27,
    0x28, 0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e, 0x2f, 0x30, 0x31, 0x32, 0x33,
    0x34, 0x35, 0x36, 0x37,
};

/* The same frame with the O bit set and an 8-byte platform subheader inserted (outer
 * IPv4 length adjusted). Headers end at 100. */
static const uint8_t f_erspan3_plat[] = {
    0x00, 0x50, 0x56, 0xac, 0xc8, 0x0c,     /*   0 dst 00:50:56:ac:c8:0c */
    0xf8, 0xc2, 0x88, 0x90, 0xd2, 0x7b,     /*   6 src f8:c2:88:90:d2:7b (Cisco) */
    0x08, 0x00,                             /*  12 type IPv4 */
    /*  14 IPv4, total 146, proto 47, 10.29.30.104 -> 10.29.11.13 */
    0x45, 0x00, 0x00, 0x92, 0x00, 0x00, 0x00, 0x00, 0x3f, 0x2f, 0x3d, 0x8f,
    0x0a, 0x1d, 0x1e, 0x68, 0x0a, 0x1d, 0x0b, 0x0d,
    0x00, 0x00, 0x22, 0xeb,                 /*  34 GRE flags 0, proto 0x22eb ERSPAN III */
    /*  38 ERSPAN III as above but O bit set (last byte 0x07) */
    0x20, 0x14, 0x00, 0x00, 0xa3, 0x59, 0x5b, 0xff, 0x00, 0x00, 0x00, 0x07,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,/*  50 platform-specific subheader */
    0x00, 0x50, 0x56, 0xac, 0x18, 0xa0,     /*  58 inner dst 00:50:56:ac:18:a0 */
    0xf8, 0xc2, 0x88, 0x90, 0xd2, 0x7b,     /*  64 inner src f8:c2:88:90:d2:7b */
    0x81, 0x00,                             /*  70 type 802.1Q */
    0x00, 0x14, 0x08, 0x00,                 /*  72 VID 20; type IPv4 */
    /*  76 IPv4, proto 1, 10.29.11.1 -> 10.29.20.21 */
    0x45, 0x00, 0x00, 0x54, 0x9d, 0x12, 0x40, 0x00, 0x3f, 0x01, 0x6b, 0x47,
    0x0a, 0x1d, 0x0b, 0x01, 0x0a, 0x1d, 0x14, 0x15,
    /*  96 ICMP */
    0x08, 0x00, 0x26, 0x9c, 0x3f, 0xcb, 0x00, 0xe2, 0x22, 0x64, 0x90, 0x5d,
    0x00, 0x00, 0x00, 0x00, 0x15, 0x22, 0x0a, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b,
    0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27,
    0x28, 0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e, 0x2f, 0x30, 0x31, 0x32, 0x33,
    0x34, 0x35, 0x36, 0x37,
};

/* suricata-verify vxlan-decoder-03 frame 1: VXLAN carrying NTP. Headers end at 92. */
static const uint8_t f_vxlan[] = {
    0x06, 0xe2, 0x43, 0x9c, 0xff, 0x5e,     /*   0 dst 06:e2:43:9c:ff:5e */
    0x06, 0x1d, 0x3c, 0x34, 0xd0, 0x77,     /*   6 src 06:1d:3c:34:d0:77 */
    0x08, 0x00,                             /*  12 type IPv4 */
    /*  14 IPv4, total 126, proto 17, 172.31.0.238 -> 172.31.17.188 */
    0x45, 0x00, 0x00, 0x7e, 0x00, 0x00, 0x00, 0x00, 0xff, 0x11, 0x50, 0x86,
    0xac, 0x1f, 0x00, 0xee, 0xac, 0x1f, 0x11, 0xbc,
    0xff, 0xa5, 0x12, 0xb5, 0x00, 0x6a, 0x00, 0x00,/*  34 UDP 65445 -> 4789, length 106 */
    0x08, 0x00, 0x00, 0x00, 0x54, 0xfa, 0x11, 0x00,/*  42 VXLAN flags 0x08 (I), VNI 5569041 */
    0x02, 0x29, 0x23, 0x74, 0xc7, 0x7d,     /*  50 inner dst 02:29:23:74:c7:7d */
    0x02, 0x85, 0x69, 0xc2, 0xab, 0x02,     /*  56 inner src 02:85:69:c2:ab:02 */
    0x08, 0x00,                             /*  62 type IPv4 */
    /*  64 IPv4, proto 17, 172.31.0.238 -> 78.46.93.39 */
    0x45, 0x00, 0x00, 0x4c, 0x09, 0x51, 0x40, 0x00, 0xff, 0x11, 0x19, 0xed,
    0xac, 0x1f, 0x00, 0xee, 0x4e, 0x2e, 0x5d, 0x27,
    0xec, 0xd7, 0x00, 0x7b, 0x00, 0x38, 0x01, 0x92,/*  84 UDP 60631 -> 123, length 56 */
    /*  92 NTP v4 client request */
    0x23, 0x00, 0x09, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x6e, 0x7c, 0x1f, 0x1d, 0xaa, 0x4d, 0x54, 0x2f,
};

/* tcpdump geneve.pcap frame 1: Geneve with one option, ICMP inside. Headers end at 96. */
static const uint8_t f_geneve[] = {
    0x00, 0x1b, 0x21, 0x3c, 0xac, 0x30,     /*   0 dst 00:1b:21:3c:ac:30 */
    0x00, 0x1b, 0x21, 0x3c, 0xab, 0x64,     /*   6 src 00:1b:21:3c:ab:64 (Intel) */
    0x08, 0x00,                             /*  12 type IPv4 */
    /*  14 IPv4, total 142, proto 17, 20.0.0.1 -> 20.0.0.2 */
    0x45, 0x00, 0x00, 0x8e, 0xdf, 0xad, 0x40, 0x00, 0x40, 0x11, 0x32, 0xaf,
    0x14, 0x00, 0x00, 0x01, 0x14, 0x00, 0x00, 0x02,
    0x31, 0x4a, 0x17, 0xc1, 0x00, 0x7a, 0x00, 0x00,/*  34 UDP 12618 -> 6081, length 122 */
    /*  42 Geneve ver 0, options 2 words, O/C 0x40, proto 0x6558, VNI 10 */
    0x02, 0x40, 0x65, 0x58, 0x00, 0x00, 0x0a, 0x00,
    /*  50 option class 0, type 0x80 (critical), 1 word of data */
    0x00, 0x00, 0x80, 0x01, 0x00, 0x00, 0x00, 0x0c,
    0xfe, 0x71, 0xd8, 0x83, 0x72, 0x4f,     /*  58 inner dst fe:71:d8:83:72:4f */
    0xb6, 0x9e, 0xd2, 0x49, 0x51, 0x48,     /*  64 inner src b6:9e:d2:49:51:48 */
    0x08, 0x00,                             /*  70 type IPv4 */
    /*  72 IPv4, proto 1, 30.0.0.1 -> 30.0.0.2 */
    0x45, 0x00, 0x00, 0x54, 0xbd, 0xa2, 0x40, 0x00, 0x40, 0x01, 0x41, 0x04,
    0x1e, 0x00, 0x00, 0x01, 0x1e, 0x00, 0x00, 0x02,
    /*  92 ICMP */
    0x08, 0x00, 0x2c, 0x54, 0x29, 0x52, 0x00, 0x17, 0xf1, 0xa2, 0xce, 0x54,
    0x00, 0x00, 0x00, 0x00, 0x17, 0x78, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b,
    0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27,
    0x28, 0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e, 0x2f, 0x30, 0x31, 0x32, 0x33,
    0x34, 0x35, 0x36, 0x37,
};

/* packetnet LinuxCookedCapturev2.pcap frame 1: SLL2 + IPv4 + TCP (HTTP GET).
 * Headers end at 72. */
static const uint8_t f_sll2[] = {
    0x08, 0x00,                             /*   0 protocol IPv4 */
    0x00, 0x00,                             /*   2 reserved */
    0x00, 0x00, 0x00, 0x02,                 /*   4 ifindex 2 */
    0x00, 0x01,                             /*   8 ARPHRD_ETHER */
    0x04,                                   /*  10 packet type 4 (outgoing) */
    0x06,                                   /*  11 address length 6 */
    0x00, 0x0c, 0x29, 0x06, 0xf9, 0x85, 0x00, 0x00,/*  12 address 00:0c:29:06:f9:85 + 2 pad */
    /*  20 IPv4, total 129, proto 6, 192.168.178.46 -> 192.168.178.1 */
    0x45, 0x00, 0x00, 0x81, 0xf8, 0x8d, 0x40, 0x00, 0x40, 0x06, 0x5c, 0x68,
    0xc0, 0xa8, 0xb2, 0x2e, 0xc0, 0xa8, 0xb2, 0x01,
    /*  40 TCP 36100 -> 80, seq 0xdb1601b2, data offset 8, flags PSH|ACK */
    0x8d, 0x04, 0x00, 0x50, 0xdb, 0x16, 0x01, 0xb2, 0x6c, 0xd2, 0x96, 0xa2,
    0x80, 0x18, 0x00, 0xe5, 0xe5, 0xf4, 0x00, 0x00,
    /*  60 TCP options: NOP NOP timestamp */
    0x01, 0x01, 0x08, 0x0a, 0x00, 0x02, 0xf9, 0x3b, 0x08, 0xff, 0x75, 0x34,
    /*  72 HTTP request, 77 bytes */
    0x47, 0x45, 0x54, 0x20, 0x2f, 0x20, 0x48, 0x54, 0x54, 0x50, 0x2f, 0x31,
    0x2e, 0x31, 0x0d, 0x0a, 0x55, 0x73, 0x65, 0x72, 0x2d, 0x41, 0x67, 0x65,
    0x6e, 0x74, 0x3a, 0x20, 0x63, 0x75, 0x72, 0x6c, 0x2f, 0x37, 0x2e, 0x32,
    0x39, 0x2e, 0x30, 0x0d, 0x0a, 0x48, 0x6f, 0x73, 0x74, 0x3a, 0x20, 0x31,
    0x39, 0x32, 0x2e, 0x31, 0x36, 0x38, 0x2e, 0x31, 0x37, 0x38, 0x2e, 0x31,
    0x0d, 0x0a, 0x41, 0x63, 0x63, 0x65, 0x70, 0x74, 0x3a, 0x20, 0x2a, 0x2f,
    0x2a, 0x0d, 0x0a, 0x0d, 0x0a,
};

/* PcapPlusPlus sll.pcap frame 1: SLL + IPv4 + UDP (RIP). Headers end at 44. */
static const uint8_t f_sll[] = {
    0x00, 0x01,                             /*   0 packet type 1 (broadcast) */
    0x00, 0x01,                             /*   2 ARPHRD_ETHER */
    0x00, 0x06,                             /*   4 address length 6 */
    0x30, 0x46, 0x9a, 0x23, 0xfb, 0xfa, 0x00, 0x00,/*   6 address 30:46:9a:23:fb:fa + 2 pad */
    0x08, 0x00,                             /*  14 protocol IPv4 */
    /*  16 IPv4, total 92, proto 17, 10.0.0.138 -> 10.0.0.255 */
    0x45, 0x00, 0x00, 0x5c, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0x25, 0x09,
    0x0a, 0x00, 0x00, 0x8a, 0x0a, 0x00, 0x00, 0xff,
    0x02, 0x08, 0x02, 0x08, 0x00, 0x48, 0x6f, 0xdf,/*  36 UDP 520 -> 520, length 72 */
    /*  44 RIPv2 response, 64 bytes */
    0x02, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x52, 0x66, 0x80, 0x3c,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
    0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x02, 0x00, 0x00,
    0x57, 0x44, 0x49, 0xf5, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x01,
};

/* tcpdump HDLC.pcap frame 7: Cisco HDLC + IPv4 ICMP. Headers end at 28. */
static const uint8_t f_hdlc_ip[] = {
    0x0f,                                   /*   0 address 0x0f (unicast) */
    0x00,                                   /*   1 control 0 */
    0x08, 0x00,                             /*   2 protocol IPv4 */
    /*   4 IPv4, total 100, proto 1, 10.0.0.1 -> 10.0.0.2 */
    0x45, 0x00, 0x00, 0x64, 0x00, 0x00, 0x00, 0x00, 0xff, 0x01, 0xa7, 0x96,
    0x0a, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x00, 0x02,
    /*  24 ICMP echo */
    0x08, 0x00, 0x32, 0x0b, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x03, 0x4c, 0x3c, 0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd,
    0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd,
    0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd,
    0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd,
    0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd,
    0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd,
};

/* tcpdump HDLC.pcap frame 17, first 48 of 321 bytes: CDP over Cisco HDLC, no MAC.
 * Headers end at 4. */
static const uint8_t f_hdlc_cdp[] = {
    0x8f,                                   /*   0 address 0x8f (broadcast) */
    0x00,                                   /*   1 control 0 */
    0x20, 0x00,                             /*   2 protocol 0x2000 CDP */
    0x02, 0xb4, 0x16, 0x2e,                 /*   4 CDP version 2, TTL 180, checksum */
    /*   8 first TLVs (cut here at 48 bytes) */
    0x00, 0x01, 0x00, 0x06, 0x52, 0x30, 0x00, 0x05, 0x00, 0xfb, 0x43, 0x69,
    0x73, 0x63, 0x6f, 0x20, 0x49, 0x4f, 0x53, 0x20, 0x53, 0x6f, 0x66, 0x74,
    0x77, 0x61, 0x72, 0x65, 0x2c, 0x20, 0x33, 0x37, 0x30, 0x30, 0x20, 0x53,
    0x6f, 0x66, 0x74, 0x77,
};

/* arkime mpls-basic.pcap frame 32: MPLS (one label) + IPv4 + TCP SYN to telnet.
 * Headers end at 62. */
static const uint8_t f_mpls[] = {
    0x00, 0x30, 0x96, 0xe6, 0xfc, 0x39,     /*   0 dst 00:30:96:e6:fc:39 */
    0x00, 0x30, 0x96, 0x05, 0x28, 0x38,     /*   6 src 00:30:96:05:28:38 (Cisco) */
    0x88, 0x47,                             /*  12 type MPLS */
    0x00, 0x01, 0xdd, 0xff,                 /*  14 label 29, EXP 6, S 1, TTL 255 */
    /*  18 IPv4, total 44, proto 6, 10.1.2.1 -> 10.34.0.1 */
    0x45, 0xc0, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00, 0xff, 0x06, 0xa4, 0xe7,
    0x0a, 0x01, 0x02, 0x01, 0x0a, 0x22, 0x00, 0x01,
    /*  38 TCP 11001 -> 23, SYN, data offset 6 */
    0x2a, 0xf9, 0x00, 0x17, 0x98, 0x32, 0x0f, 0xfb, 0x00, 0x00, 0x00, 0x00,
    0x60, 0x02, 0x10, 0x20, 0xa2, 0x40, 0x00, 0x00,
    0x02, 0x04, 0x02, 0x18,                 /*  58 MSS 536 */
};

/* tcpdump 802.1ad_QinQ.pcap frame 1: 802.1ad S-tag + 802.1Q C-tag + ARP.
 * Headers end at 22. */
static const uint8_t f_qinq[] = {
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff,     /*   0 dst ff:ff:ff:ff:ff:ff */
    0x00, 0x20, 0xd2, 0x5a, 0xfb, 0x3f,     /*   6 src 00:20:d2:5a:fb:3f */
    0x88, 0xa8,                             /*  12 type 802.1ad */
    0x00, 0xc8, 0x81, 0x00,                 /*  14 S-tag VID 200; type 802.1Q */
    0x07, 0xd1, 0x08, 0x06,                 /*  18 C-tag VID 2001; type ARP */
    /*  22 ARP request 172.21.79.97 asks for 172.21.79.100 */
    0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x01, 0x00, 0x20, 0xd2, 0x5a,
    0xfb, 0x3f, 0xac, 0x15, 0x4f, 0x61, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0xac, 0x15, 0x4f, 0x64,
    /*  50 padding, trailer */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00,
};

/* zeek vlan-qinqinq.pcap frame 1: three stacked 802.1Q tags + TCP SYN. Headers end
 * at 90. */
static const uint8_t f_qinqinq[] = {
    0x00, 0x10, 0xdb, 0x88, 0xd2, 0xef,     /*   0 dst 00:10:db:88:d2:ef (Juniper) */
    0xc8, 0xbc, 0xc8, 0x96, 0xd2, 0xa0,     /*   6 src c8:bc:c8:96:d2:a0 (Apple) */
    0x81, 0x00,                             /*  12 type 802.1Q */
    0x00, 0x1e, 0x81, 0x00,                 /*  14 VID 30; type 802.1Q */
    0x00, 0x14, 0x81, 0x00,                 /*  18 VID 20; type 802.1Q */
    0x00, 0x0a, 0x08, 0x00,                 /*  22 VID 10; type IPv4 */
    /*  26 IPv4, total 64, proto 6, 141.142.228.5 -> 192.150.187.43 */
    0x45, 0x00, 0x00, 0x40, 0xdf, 0x8e, 0x40, 0x00, 0x40, 0x06, 0x6d, 0xd3,
    0x8d, 0x8e, 0xe4, 0x05, 0xc0, 0x96, 0xbb, 0x2b,
    /*  46 TCP 59856 -> 80, seq 0xfe21323a, SYN, data offset 11 */
    0xe9, 0xd0, 0x00, 0x50, 0xfe, 0x21, 0x32, 0x3a, 0x00, 0x00, 0x00, 0x00,
    0xb0, 0x02, 0xff, 0xff, 0x3b, 0xc0, 0x00, 0x00,
    /*  66 TCP options: MSS, NOP, WS, NOP, NOP, TS, SACK perm, EOL */
    0x02, 0x04, 0x05, 0xb4, 0x01, 0x03, 0x03, 0x04, 0x01, 0x01, 0x08, 0x0a,
    0x16, 0x4a, 0xdd, 0x20, 0x00, 0x00, 0x00, 0x00, 0x04, 0x02, 0x00, 0x00,
};

/* zeek erspan.pcap frame 5: GRE transparent Ethernet bridging with a key; ARP
 * inside. Headers end at 56. */
static const uint8_t f_gre_teb[] = {
    0x00, 0x0c, 0x29, 0x40, 0xd0, 0xad,     /*   0 dst 00:0c:29:40:d0:ad */
    0x00, 0x21, 0x1c, 0x2e, 0x41, 0x46,     /*   6 src 00:21:1c:2e:41:46 (Cisco) */
    0x08, 0x00,                             /*  12 type IPv4 */
    /*  14 IPv4, total 88, proto 47, 10.200.0.3 -> 10.200.0.224 */
    0x45, 0x00, 0x00, 0x58, 0xd1, 0x45, 0x00, 0x00, 0x3f, 0x2f, 0x93, 0xbf,
    0x0a, 0xc8, 0x00, 0x03, 0x0a, 0xc8, 0x00, 0xe0,
    0x20, 0x00, 0x65, 0x58,                 /*  34 GRE flags 0x2000 (K), proto 0x6558 TEB */
    0x00, 0x00, 0x00, 0x00,                 /*  38 key 0 */
    0x00, 0x50, 0x56, 0x82, 0x08, 0xd1,     /*  42 inner dst 00:50:56:82:08:d1 */
    0x00, 0x50, 0x56, 0x82, 0x2b, 0x52,     /*  48 inner src 00:50:56:82:2b:52 */
    0x08, 0x06,                             /*  54 type ARP */
    /*  56 ARP request */
    0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x01, 0x00, 0x50, 0x56, 0x82,
    0x2b, 0x52, 0xc0, 0xa8, 0x45, 0x0a, 0x00, 0x50, 0x56, 0x82, 0x08, 0xd1,
    0xc0, 0xa8, 0x45, 0x02,
    /*  84 trailer */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

/* zeek tunnels/gre-sample.pcap frame 11: IPv4 in GRE, SSH SYN inside. Headers end at 98. */
static const uint8_t f_gre_ip[] = {
    0x00, 0xc0, 0xca, 0x14, 0xb0, 0x52,     /*   0 dst 00:c0:ca:14:b0:52 */
    0x00, 0x02, 0x2d, 0x56, 0x4a, 0xfd,     /*   6 src 00:02:2d:56:4a:fd */
    0x08, 0x00,                             /*  12 type IPv4 */
    /*  14 IPv4, total 84, proto 47, 172.27.1.66 -> 66.59.109.137 */
    0x45, 0x00, 0x00, 0x54, 0x00, 0x00, 0x40, 0x00, 0xff, 0x2f, 0x1e, 0x59,
    0xac, 0x1b, 0x01, 0x42, 0x42, 0x3b, 0x6d, 0x89,
    0x00, 0x00, 0x08, 0x00,                 /*  34 GRE flags 0, proto IPv4 */
    /*  38 IPv4, total 60, proto 6, 66.59.111.190 -> 172.28.2.3 */
    0x45, 0x00, 0x00, 0x3c, 0x55, 0xd6, 0x40, 0x00, 0x40, 0x06, 0x84, 0xcd,
    0x42, 0x3b, 0x6f, 0xbe, 0xac, 0x1c, 0x02, 0x03,
    /*  58 TCP 40264 -> 22, SYN, data offset 10 */
    0x9d, 0x48, 0x00, 0x16, 0x30, 0x7f, 0x70, 0xe7, 0x00, 0x00, 0x00, 0x00,
    0xa0, 0xc2, 0x16, 0x70, 0x66, 0x2f, 0x00, 0x00,
    /*  78 TCP options */
    0x02, 0x04, 0x05, 0x9c, 0x04, 0x02, 0x08, 0x0a, 0x06, 0xb1, 0x25, 0x31,
    0x00, 0x00, 0x00, 0x00, 0x01, 0x03, 0x03, 0x00,
};

/* suricata-verify detect-ftp/ftp-mode-02 frame 1: DLT_NULL + IPv4 + TCP SYN.
 * Headers end at 52. */
static const uint8_t f_null[] = {
    0x02, 0x00, 0x00, 0x00,                 /*   0 family 2 (AF_INET), little-endian host order */
    /*   4 IPv4, total 48, proto 6, 127.0.0.1 -> 127.0.0.1 */
    0x45, 0x00, 0x00, 0x30, 0x00, 0x00, 0x40, 0x00, 0x40, 0x06, 0x00, 0x00,
    0x7f, 0x00, 0x00, 0x01, 0x7f, 0x00, 0x00, 0x01,
    /*  24 TCP 62014 -> 21, SYN, data offset 7 */
    0xf2, 0x3e, 0x00, 0x15, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x70, 0x02, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00,
    0x02, 0x04, 0xff, 0xff, 0x01, 0x03, 0x03, 0x07,/*  44 TCP options */
};

/* nDPI BGP_Cisco_hdlc_slarp.pcap frame 1: DLT_PPP holding Cisco HDLC + BGP SYN.
 * Headers end at 48. */
static const uint8_t f_ppp_chdlc[] = {
    0x0f,                                   /*   0 address 0x0f: Cisco HDLC framing on DLT_PPP */
    0x00,                                   /*   1 control 0 */
    0x08, 0x00,                             /*   2 protocol IPv4 */
    /*   4 IPv4, total 44, proto 6, 100.16.1.2 -> 100.16.1.1 */
    0x45, 0xc0, 0x00, 0x2c, 0xf8, 0x92, 0x40, 0x00, 0x01, 0x06, 0xb6, 0x56,
    0x64, 0x10, 0x01, 0x02, 0x64, 0x10, 0x01, 0x01,
    /*  24 TCP 18324 -> 179, SYN, data offset 6 */
    0x47, 0x94, 0x00, 0xb3, 0xbc, 0xea, 0x75, 0xd1, 0x00, 0x00, 0x00, 0x00,
    0x60, 0x02, 0x40, 0x00, 0x13, 0x00, 0x00, 0x00,
    0x02, 0x04, 0x05, 0xb4,                 /*  44 MSS 1460 */
};

/* tcpdump various_gre.pcap frame 3: 802.3 + LLC + STP BPDU. Headers end at 17. */
static const uint8_t f_llc_stp[] = {
    0x01, 0x80, 0xc2, 0x00, 0x00, 0x00,     /*   0 dst 01:80:c2:00:00:00 */
    0xaa, 0xbb, 0xcc, 0x00, 0x03, 0x10,     /*   6 src aa:bb:cc:00:03:10 */
    0x00, 0x26,                             /*  12 802.3 length 38 */
    0x42, 0x42, 0x03,                       /*  14 LLC DSAP 0x42 SSAP 0x42 control 0x03 */
    /*  17 STP configuration BPDU */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x80, 0x01, 0xaa, 0xbb, 0xcc, 0x00, 0x03,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x80, 0x01, 0xaa, 0xbb, 0xcc, 0x00, 0x03,
    0x00, 0x80, 0x02, 0x00, 0x00, 0x14, 0x00, 0x02, 0x00, 0x0f, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,/*  52 padding */
};

/* tcpdump various_gre.pcap frame 49, first 80 of 399 bytes: CDP carried bare in GRE
 * between two IOL routers. Headers end at 46. */
static const uint8_t f_gre_cdp[] = {
    0xaa, 0xbb, 0xcc, 0x00, 0x02, 0x00,     /*   0 dst aa:bb:cc:00:02:00 */
    0xaa, 0xbb, 0xcc, 0x00, 0x01, 0x00,     /*   6 src aa:bb:cc:00:01:00 */
    0x81, 0x00,                             /*  12 type 802.1Q */
    0x04, 0xbd, 0x08, 0x00,                 /*  14 VID 1213; type IPv4 */
    /*  18 IPv4, total 381, proto 47, 10.172.64.6 -> 10.172.64.7 */
    0x45, 0x00, 0x01, 0x7d, 0x00, 0x98, 0x00, 0x00, 0xff, 0x2f, 0x24, 0x55,
    0x0a, 0xac, 0x40, 0x06, 0x0a, 0xac, 0x40, 0x07,
    0x20, 0x00, 0x20, 0x00,                 /*  38 GRE flags 0x2000 (K), proto 0x2000 CDP */
    0x00, 0x00, 0x00, 0x28,                 /*  42 key 0x28 */
    0x02, 0xb4, 0xa8, 0x2e,                 /*  46 CDP version 2, TTL 180, checksum */
    /*  50 CDP TLVs (cut here at 80 bytes) */
    0x00, 0x01, 0x00, 0x06, 0x52, 0x31, 0x00, 0x05, 0x01, 0x05, 0x43, 0x69,
    0x73, 0x63, 0x6f, 0x20, 0x49, 0x4f, 0x53, 0x20, 0x53, 0x6f, 0x66, 0x74,
    0x77, 0x61, 0x72, 0x65, 0x2c, 0x20,
};

/* tcpdump arista_ether.pcap frame 1: Arista AVSP timestamp header before IPv4.
 * Headers end at 48. */
static const uint8_t f_avsp[] = {
    0x00, 0x00, 0x00, 0x00, 0x00, 0x01,     /*   0 dst 00:00:00:00:00:01 */
    0x00, 0x11, 0x22, 0x33, 0x44, 0x55,     /*   6 src 00:11:22:33:44:55 */
    0xd2, 0x8b,                             /*  12 type 0xd28b Arista */
    0x00, 0x01,                             /*  14 subtype 1 (timestamp) */
    0x00, 0x10,                             /*  16 version: timescale 0 (TAI), format 1 (64-bit) */
    0x5c, 0xee, 0xed, 0x57, 0x38, 0x4f, 0x59, 0xc8,/*  18 timestamp: seconds, nanoseconds */
    0x08, 0x00,                             /*  26 original type IPv4 */
    /*  28 IPv4, total 82, proto 63, 10.136.1.32 -> 10.2.23.24 */
    0x45, 0x00, 0x00, 0x52, 0x00, 0x00, 0x00, 0x00, 0x40, 0x3f, 0x4d, 0xac,
    0x0a, 0x88, 0x01, 0x20, 0x0a, 0x02, 0x17, 0x18,
    /*  48 data */
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b,
    0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
    0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x21, 0x22, 0x23,
    0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e, 0x2f,
    0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x3b,
    0x3c, 0x3d,
};

/* Crafted: IPv4 with options + TCP with options + an SSH banner. Headers end at 70. */
static const uint8_t f_tcp_opts[] = {
    0x00, 0x1b, 0x2c, 0x00, 0x00, 0x01,     /*   0 dst 00:1b:2c:00:00:01 */
    0x00, 0xe0, 0xfc, 0x12, 0x34, 0x56,     /*   6 src 00:e0:fc:12:34:56 */
    0x08, 0x00,                             /*  12 type IPv4 */
    /*  14 IPv4, IHL 6, total 73, DF, proto 6, 192.0.2.1 -> 192.0.2.2 */
    0x46, 0x00, 0x00, 0x49, 0x12, 0x34, 0x40, 0x00, 0x40, 0x06, 0x0f, 0x73,
    0xc0, 0x00, 0x02, 0x01, 0xc0, 0x00, 0x02, 0x02,
    0x94, 0x04, 0x00, 0x00,                 /*  34 IP option: router alert */
    /*  38 TCP 22 -> 51000, seq 0x01020304, data offset 8, flags PSH|ACK */
    0x00, 0x16, 0xc7, 0x38, 0x01, 0x02, 0x03, 0x04, 0x0a, 0x0b, 0x0c, 0x0d,
    0x80, 0x18, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00,
    /*  58 TCP options: MSS 1460, SACK permitted, NOP, window scale 7, EOL, pad */
    0x02, 0x04, 0x05, 0xb4, 0x04, 0x02, 0x01, 0x03, 0x03, 0x07, 0x00, 0x00,
    /*  70 "SSH-2.0-VRP-3.3\r\n" */
    0x53, 0x53, 0x48, 0x2d, 0x32, 0x2e, 0x30, 0x2d, 0x56, 0x52, 0x50, 0x2d,
    0x33, 0x2e, 0x33, 0x0d, 0x0a,
    0x00, 0x00, 0x00, 0x00,                 /*  87 Ethernet trailer (beyond IP total length) */
};

/* Crafted: IPv6 with hop-by-hop, routing, destination options and AH before UDP.
 * Headers end at 118. */
static const uint8_t f_ipv6_ext[] = {
    0x33, 0x33, 0x00, 0x01, 0x00, 0x02,     /*   0 dst 33:33:00:01:00:02 */
    0x00, 0xe0, 0xfc, 0x12, 0x34, 0x56,     /*   6 src 00:e0:fc:12:34:56 */
    0x86, 0xdd,                             /*  12 type IPv6 */
    /*  14 IPv6, payload 90, next 0 (hop-by-hop), fe80::200:e0ff:fe12:3456 -> ff02::1:2 */
    0x60, 0x00, 0x00, 0x00, 0x00, 0x4a, 0x00, 0x01, 0xfe, 0x80, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0xe0, 0xff, 0xfe, 0x12, 0x34, 0x56,
    0xff, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x01, 0x00, 0x02,
    /*  54 hop-by-hop: next 43, len 0, router alert */
    0x2b, 0x00, 0x05, 0x02, 0x00, 0x00, 0x01, 0x00,
    /*  62 routing: next 60, len 0, type 0, segments left 0 */
    0x3c, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    /*  70 destination options: next 51, len 1, PadN */
    0x33, 0x01, 0x01, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00,
    /*  86 AH: next 17, payload len 4 (24 bytes), SPI 0x100, seq 1, ICV */
    0x11, 0x04, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x01,
    0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa,
    0x02, 0x22, 0x02, 0x23, 0x00, 0x12, 0x00, 0x00,/* 110 UDP 546 -> 547, length 18 */
    0x01, 0x12, 0x34, 0x56, 0x00, 0x08, 0x00, 0x02, 0x00, 0x00,/* 118 DHCPv6 solicit */
};

/* Crafted: ICMPv6 neighbour solicitation. Headers end at 58. */
static const uint8_t f_icmpv6_ns[] = {
    0x33, 0x33, 0xff, 0x00, 0x00, 0x01,     /*   0 dst 33:33:ff:00:00:01 */
    0x00, 0xe0, 0xfc, 0x12, 0x34, 0x56,     /*   6 src 00:e0:fc:12:34:56 */
    0x86, 0xdd,                             /*  12 type IPv6 */
    /*  14 IPv6, payload 32, next 58 ICMPv6, fe80::200:e0ff:fe12:3456 -> ff02::1:ff00:1 */
    0x60, 0x00, 0x00, 0x00, 0x00, 0x20, 0x3a, 0xff, 0xfe, 0x80, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0xe0, 0xff, 0xfe, 0x12, 0x34, 0x56,
    0xff, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
    0xff, 0x00, 0x00, 0x01,
    /*  54 ICMPv6 type 135 (neighbour solicitation), code 0, checksum */
    0x87, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00,                 /*  58 reserved */
    /*  62 target fe80::1 */
    0xfe, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x01,
    0x01, 0x01, 0x00, 0xe0, 0xfc, 0x12, 0x34, 0x56,/*  78 option 1 (source link-layer address) */
};

/* Crafted: first IPv4 fragment: UDP length covers the datagram, not this fragment.
 * Headers end at 42. */
static const uint8_t f_frag_first[] = {
    0x00, 0x1b, 0x2c, 0x00, 0x00, 0x01,     /*   0 dst */
    0x00, 0xe0, 0xfc, 0x12, 0x34, 0x56,     /*   6 src */
    0x08, 0x00,                             /*  12 type IPv4 */
    /*  14 IPv4, total 52, MF, offset 0, proto 17, 10.0.0.1 -> 10.0.0.2 */
    0x45, 0x00, 0x00, 0x34, 0x12, 0x34, 0x20, 0x00, 0x40, 0x11, 0x34, 0x83,
    0x0a, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x00, 0x02,
    /*  34 UDP 161 -> 49152, length 1208 (the whole datagram) */
    0x00, 0xa1, 0xc0, 0x00, 0x04, 0xb8, 0x00, 0x00,
    /*  42 first 24 bytes of an SNMP message */
    0x30, 0x26, 0x02, 0x01, 0x01, 0x04, 0x06, 0x70, 0x75, 0x62, 0x6c, 0x69,
    0x63, 0xa0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

/* Crafted: a later IPv4 fragment. Headers end at 34. */
static const uint8_t f_frag_later[] = {
    0x00, 0x1b, 0x2c, 0x00, 0x00, 0x01,     /*   0 dst */
    0x00, 0xe0, 0xfc, 0x12, 0x34, 0x56,     /*   6 src */
    0x08, 0x00,                             /*  12 type IPv4 */
    /*  14 IPv4, total 36, offset 185 (1480 bytes), proto 17 */
    0x45, 0x00, 0x00, 0x24, 0x12, 0x34, 0x00, 0xb9, 0x40, 0x11, 0x53, 0xda,
    0x0a, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x00, 0x02,
    /*  34 middle of the datagram: no UDP header here */
    0x01, 0x02, 0x03, 0x04, 0x01, 0x02, 0x03, 0x04, 0x01, 0x02, 0x03, 0x04,
    0x01, 0x02, 0x03, 0x04,
};

/* Crafted: a later IPv6 fragment. Headers end at 62. */
static const uint8_t f_frag6_later[] = {
    0x00, 0x1b, 0x2c, 0x00, 0x00, 0x01,     /*   0 dst */
    0x00, 0xe0, 0xfc, 0x12, 0x34, 0x56,     /*   6 src */
    0x86, 0xdd,                             /*  12 type IPv6 */
    /*  14 IPv6, payload 24, next 44 fragment */
    0x60, 0x00, 0x00, 0x00, 0x00, 0x18, 0x2c, 0x40, 0xfe, 0x80, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0xe0, 0xff, 0xfe, 0x12, 0x34, 0x56,
    0xff, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
    0xff, 0x00, 0x00, 0x01,
    /*  54 fragment: next 17, offset 185, M, id 0xdeadbeef */
    0x11, 0x00, 0x05, 0xc9, 0xde, 0xad, 0xbe, 0xef,
    /*  62 data */
    0x05, 0x05, 0x05, 0x05, 0x05, 0x05, 0x05, 0x05, 0x05, 0x05, 0x05, 0x05,
    0x05, 0x05, 0x05, 0x05,
};

/* Crafted: a first IPv6 fragment. Headers end at 70. */
static const uint8_t f_frag6_first[] = {
    0x00, 0x1b, 0x2c, 0x00, 0x00, 0x01,     /*   0 dst */
    0x00, 0xe0, 0xfc, 0x12, 0x34, 0x56,     /*   6 src */
    0x86, 0xdd,                             /*  12 type IPv6 */
    /*  14 IPv6, payload 24, next 44 fragment */
    0x60, 0x00, 0x00, 0x00, 0x00, 0x18, 0x2c, 0x40, 0xfe, 0x80, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0xe0, 0xff, 0xfe, 0x12, 0x34, 0x56,
    0xff, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
    0xff, 0x00, 0x00, 0x01,
    0x11, 0x00, 0x00, 0x01, 0xde, 0xad, 0xbe, 0xef,/*  54 fragment: next 17, offset 0, M */
    0x02, 0x23, 0x02, 0x22, 0x0b, 0xc0, 0x00, 0x00,/*  62 UDP 547 -> 546, length 3008 */
    0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07,/*  70 first 8 bytes of the datagram */
};

/* Crafted: PPPoE session carrying IPv4 syslog. Headers end at 50. */
static const uint8_t f_pppoe[] = {
    0x00, 0x1b, 0x2c, 0x00, 0x00, 0x01,     /*   0 dst */
    0x00, 0xe0, 0xfc, 0x12, 0x34, 0x56,     /*   6 src 00:e0:fc:12:34:56 */
    0x88, 0x64,                             /*  12 type 0x8864 PPPoE session */
    /*  14 ver 1 type 1, code 0, session 0x1234, length 47 */
    0x11, 0x00, 0x12, 0x34, 0x00, 0x2f,
    0x00, 0x21,                             /*  20 PPP protocol 0x0021 IPv4 */
    /*  22 IPv4, total 45, proto 17, 100.64.0.9 -> 198.51.100.7 */
    0x45, 0x00, 0x00, 0x2d, 0x12, 0x34, 0x40, 0x00, 0x40, 0x11, 0x9a, 0x08,
    0x64, 0x40, 0x00, 0x09, 0xc6, 0x33, 0x64, 0x07,
    0x02, 0x02, 0x02, 0x02, 0x00, 0x19, 0x00, 0x00,/*  42 UDP 514 -> 514, length 25 */
    /*  50 syslog text */
    0x3c, 0x31, 0x33, 0x34, 0x3e, 0x68, 0x75, 0x61, 0x77, 0x65, 0x69, 0x3a,
    0x20, 0x74, 0x65, 0x73, 0x74,
    0x00, 0x00, 0x00,                       /*  67 padding */
};

/* Crafted: MPLS Ethernet pseudowire (two labels + control word). Headers end at 68. */
static const uint8_t f_mpls_pw[] = {
    0x00, 0x1b, 0x2c, 0x00, 0x00, 0x01,     /*   0 dst */
    0x00, 0x30, 0x96, 0x05, 0x28, 0xff,     /*   6 src 00:30:96:05:28:ff */
    0x88, 0x47,                             /*  12 type MPLS */
    0x00, 0x06, 0x40, 0xff,                 /*  14 label 100, S 0 */
    0x00, 0x0c, 0x81, 0xff,                 /*  18 label 200, S 1 (bottom) */
    0x00, 0x00, 0x00, 0x00,                 /*  22 control word (first nibble 0) */
    0x3c, 0x4a, 0x92, 0x00, 0x00, 0x02,     /*  26 inner dst 3c:4a:92:00:00:02 */
    0x00, 0xe0, 0xfc, 0x12, 0x34, 0x56,     /*  32 inner src 00:e0:fc:12:34:56 */
    0x08, 0x00,                             /*  38 type IPv4 */
    /*  40 IPv4, proto 17, 172.16.0.1 -> 172.16.0.2 */
    0x45, 0x00, 0x00, 0x21, 0x12, 0x34, 0x40, 0x00, 0x40, 0x11, 0xd0, 0x74,
    0xac, 0x10, 0x00, 0x01, 0xac, 0x10, 0x00, 0x02,
    0x13, 0x88, 0x00, 0xa1, 0x00, 0x0d, 0x00, 0x00,/*  60 UDP 5000 -> 161 */
    0x69, 0x6e, 0x6e, 0x65, 0x72,           /*  68 payload */
};

/* Crafted: MPLS Ethernet pseudowire without a control word. Headers end at 60. */
static const uint8_t f_mpls_pw_nocw[] = {
    0x00, 0x1b, 0x2c, 0x00, 0x00, 0x01,     /*   0 dst */
    0x00, 0x30, 0x96, 0x05, 0x28, 0xff,     /*   6 src */
    0x88, 0x47,                             /*  12 type MPLS */
    0x00, 0x12, 0xc1, 0x40,                 /*  14 label 300, S 1 */
    /*  18 inner dst 3c:4a:92:00:00:02 (first nibble 3: no control word) */
    0x3c, 0x4a, 0x92, 0x00, 0x00, 0x02,
    0x00, 0xe0, 0xfc, 0x12, 0x34, 0x56,     /*  24 inner src 00:e0:fc:12:34:56 */
    0x08, 0x00,                             /*  30 type IPv4 */
    /*  32 IPv4, proto 17 */
    0x45, 0x00, 0x00, 0x21, 0x12, 0x34, 0x40, 0x00, 0x40, 0x11, 0xd0, 0x74,
    0xac, 0x10, 0x00, 0x01, 0xac, 0x10, 0x00, 0x02,
    0x13, 0x88, 0x00, 0xa1, 0x00, 0x0d, 0x00, 0x00,/*  52 UDP 5000 -> 161 */
    0x69, 0x6e, 0x6e, 0x65, 0x72,           /*  60 payload */
};

/* Crafted: DLT_LOOP + IPv6 + UDP. Headers end at 52. */
static const uint8_t f_loop6[] = {
    0x00, 0x00, 0x00, 0x18,                 /*   0 family 24 (AF_INET6, OpenBSD) in network order */
    /*   4 IPv6, payload 12, next 17, fe80::200:e0ff:fe12:3456 -> ff02::fb */
    0x60, 0x00, 0x00, 0x00, 0x00, 0x0c, 0x11, 0xff, 0xfe, 0x80, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0xe0, 0xff, 0xfe, 0x12, 0x34, 0x56,
    0xff, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0xfb,
    0x14, 0xe9, 0x14, 0xe9, 0x00, 0x0c, 0x00, 0x00,/*  44 UDP 5353 -> 5353, length 12 */
    0x01, 0x00, 0x00, 0x01,                 /*  52 payload */
};

/* Crafted: PPP in HDLC-like framing (RFC 1662) + IPv4 + UDP. Headers end at 32. */
static const uint8_t f_ppp[] = {
    0xff,                                   /*   0 address 0xff */
    0x03,                                   /*   1 control 0x03 */
    0x00, 0x21,                             /*   2 protocol 0x0021 IPv4 */
    /*   4 IPv4, proto 17, 192.0.2.9 -> 192.0.2.10 */
    0x45, 0x00, 0x00, 0x20, 0x12, 0x34, 0x40, 0x00, 0x40, 0x11, 0xa4, 0x85,
    0xc0, 0x00, 0x02, 0x09, 0xc0, 0x00, 0x02, 0x0a,
    0x07, 0x14, 0x07, 0x15, 0x00, 0x0c, 0x00, 0x00,/*  24 UDP 1812 -> 1813 */
    0x70, 0x70, 0x70, 0x21,                 /*  32 payload */
};

/* Crafted: PPP with address/control and protocol field compression. Headers end at 29. */
static const uint8_t f_ppp_pfc[] = {
    /*   0 protocol 0x21 compressed (address/control omitted) */
    0x21,
    /*   1 IPv4, proto 17 */
    0x45, 0x00, 0x00, 0x20, 0x12, 0x34, 0x40, 0x00, 0x40, 0x11, 0xa4, 0x85,
    0xc0, 0x00, 0x02, 0x09, 0xc0, 0x00, 0x02, 0x0a,
    0x07, 0x14, 0x07, 0x15, 0x00, 0x0c, 0x00, 0x00,/*  21 UDP 1812 -> 1813 */
    0x70, 0x70, 0x70, 0x21,                 /*  29 payload */
};

/* Crafted: PPP + IPv6 (the neighbour solicitation below). Headers end at 48. */
static const uint8_t f_ppp6[] = {
    0xff,                                   /*   0 address 0xff */
    0x03,                                   /*   1 control 0x03 */
    0x00, 0x57,                             /*   2 protocol 0x0057 IPv6 */
    /*   4 IPv6, next 58 */
    0x60, 0x00, 0x00, 0x00, 0x00, 0x20, 0x3a, 0xff, 0xfe, 0x80, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0xe0, 0xff, 0xfe, 0x12, 0x34, 0x56,
    0xff, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
    0xff, 0x00, 0x00, 0x01,
    0x87, 0x00, 0x00, 0x00,                 /*  44 ICMPv6 135 */
    /*  48 rest of the solicitation */
    0x00, 0x00, 0x00, 0x00, 0xfe, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x01, 0x01, 0x00, 0xe0,
    0xfc, 0x12, 0x34, 0x56,
};

/* Crafted: 802.3 + LLC + SNAP + a small CDP PDU. Headers end at 22. */
static const uint8_t f_snap_cdp[] = {
    0x01, 0x00, 0x0c, 0xcc, 0xcc, 0xcc,     /*   0 dst 01:00:0c:cc:cc:cc */
    0x00, 0xe0, 0xfc, 0x12, 0x34, 0x56,     /*   6 src 00:e0:fc:12:34:56 */
    0x00, 0x20,                             /*  12 802.3 length 32 */
    0xaa, 0xaa, 0x03,                       /*  14 LLC DSAP 0xaa SSAP 0xaa control 0x03 */
    0x00, 0x00, 0x0c, 0x20, 0x00,           /*  17 SNAP OUI 00:00:0c PID 0x2000 (CDP) */
    0x02, 0xb4, 0xab, 0xcd,                 /*  22 CDP version 2, TTL 180, checksum */
    0x00, 0x01, 0x00, 0x0a, 0x73, 0x77, 0x2d, 0x61, 0x30, 0x31,/*  26 TLV 1 device ID "sw-a01" */
    0x00, 0x06, 0x00, 0x0a, 0x53, 0x35, 0x37, 0x32, 0x30, 0x58,/*  36 TLV 6 platform "S5720X" */
    /*  46 padding to 60 bytes (outside the 802.3 length) */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00,
};

/* Crafted: SLL with protocol 0x0004 (an 802.3 frame): LLC + STP. Headers end at 19. */
static const uint8_t f_sll_llc[] = {
    0x00, 0x00,                             /*   0 packet type 0 (to us) */
    0x00, 0x01,                             /*   2 ARPHRD_ETHER */
    0x00, 0x06,                             /*   4 address length 6 */
    0x00, 0xe0, 0xfc, 0x12, 0x34, 0x56, 0x00, 0x00,/*   6 address 00:e0:fc:12:34:56 + 2 pad */
    0x00, 0x04,                             /*  14 protocol 0x0004: 802.2 LLC */
    0x42, 0x42, 0x03,                       /*  16 LLC DSAP 0x42 SSAP 0x42 control 0x03 */
    /*  19 STP configuration BPDU */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x80, 0x01, 0xaa, 0xbb, 0xcc, 0x00, 0x03,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x80, 0x01, 0xaa, 0xbb, 0xcc, 0x00, 0x03,
    0x00, 0x80, 0x02, 0x00, 0x00, 0x14, 0x00, 0x02, 0x00, 0x0f, 0x00,
};

/* Crafted: IPv6 in IPv4 (6in4, protocol 41). Headers end at 82. */
static const uint8_t f_6in4[] = {
    0x00, 0x1b, 0x2c, 0x00, 0x00, 0x01,     /*   0 dst */
    0x00, 0xe0, 0xfc, 0x12, 0x34, 0x56,     /*   6 src */
    0x08, 0x00,                             /*  12 type IPv4 */
    /*  14 IPv4, proto 41 (IPv6), 203.0.113.1 -> 203.0.113.2 */
    0x45, 0x00, 0x00, 0x45, 0x12, 0x34, 0x40, 0x00, 0x40, 0x29, 0xb0, 0x57,
    0xcb, 0x00, 0x71, 0x01, 0xcb, 0x00, 0x71, 0x02,
    /*  34 IPv6, next 17, 2001:db8::1 -> 2001:db8::2 */
    0x60, 0x00, 0x00, 0x00, 0x00, 0x09, 0x11, 0x40, 0x20, 0x01, 0x0d, 0xb8,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x02,
    0x02, 0x02, 0x02, 0x02, 0x00, 0x09, 0x00, 0x00,/*  74 UDP 514 -> 514 */
    0x00,                                   /*  82 payload */
};

/* Crafted: Diameter over SCTP behind a router (TTL 63). Headers end at 46 (the chunks). */
static const uint8_t f_sctp[] = {
    0x00, 0x1b, 0x54, 0xc2, 0x3a, 0x01,     /*   0 dst 00:1b:54:c2:3a:01 */
    0x00, 0xe0, 0xfc, 0x12, 0x34, 0x56,     /*   6 src 00:e0:fc:12:34:56 */
    0x08, 0x00,                             /*  12 type IPv4 */
    /*  14 IPv4, total 56, TTL 63, proto 132 SCTP, 10.20.0.21 -> 10.1.0.5 */
    0x45, 0x00, 0x00, 0x38, 0x12, 0x34, 0x40, 0x00, 0x3f, 0x84, 0x00, 0x00,
    0x0a, 0x14, 0x00, 0x15, 0x0a, 0x01, 0x00, 0x05,
    /*  34 SCTP 3868 -> 40000, verification tag, checksum */
    0x0f, 0x1c, 0x9c, 0x40, 0x12, 0x34, 0x56, 0x78, 0x00, 0x00, 0x00, 0x00,
    /*  46 DATA chunk, flags B|E, length 21: TSN 1, stream 0, SSN 0, PPID 46, 5 bytes */
    0x00, 0x03, 0x00, 0x15, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x2e, 0x01, 0x00, 0x00, 0x14, 0x80,
    0x00, 0x00, 0x00,                       /*  67 chunk padding */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00,     /*  70 Ethernet trailer */
};

/* clang-format on */

/* ------------------------------------------------------------------ helpers */

/* The caller's loop: parse, and parse the inner frame again while the link layer hands
 * one back, up to VS_MAX_ENCAP_DEPTH. Checks on the way that an inner frame always lies
 * inside its outer frame and is shorter, so decapsulation can never loop. */
struct run {
    enum vs_link_status st;    /* status of the innermost layer parsed */
    enum vs_link_status first; /* status of the outermost layer */
    unsigned layers;
    int dlt;                    /* DLT of the innermost layer */
    const uint8_t *inner_start; /* where the innermost layer began */
    struct vs_pkt outer, pkt;   /* outermost and innermost layer */
};

static struct run run_frame(int dlt, const uint8_t *buf, size_t len)
{
    struct run r;
    struct vs_link_inner inner;
    struct vs_cur c = vs_cur_make(buf, len);

    memset(&r, 0, sizeof r);
    for (;;) {
        r.dlt = dlt;
        r.inner_start = c.p;
        r.st = vs_link_parse(dlt, c, &r.pkt, &inner);
        ck_assert_int_ge(r.st, VS_LINK_OK);
        ck_assert_int_le(r.st, VS_LINK_UNSUPPORTED);
        if (r.layers++ == 0) {
            r.first = r.st;
            r.outer = r.pkt;
        }
        if (r.st != VS_LINK_ENCAP || r.layers > VS_MAX_ENCAP_DEPTH)
            break;
        ck_assert(inner.frame.n < c.n);
        ck_assert(inner.frame.n == 0 ||
                  (inner.frame.p > c.p && inner.frame.p + inner.frame.n <= c.p + c.n));
        ck_assert(vs_link_supported(inner.dlt));
        dlt = inner.dlt;
        c = inner.frame;
    }
    return r;
}

/* Every prefix in an exact-size heap block (so ASan sees any overread): cut before the
 * end of the headers the frame needs it must say truncated, after it the full status. */
static void check_prefixes(const char *name, int dlt, const uint8_t *buf, size_t len, size_t need,
                           enum vs_link_status full)
{
    for (size_t i = 0; i <= len; i++) {
        uint8_t *copy = malloc(i ? i : 1);
        ck_assert_ptr_nonnull(copy);
        if (i)
            memcpy(copy, buf, i);
        struct run r = run_frame(dlt, copy, i);
        if (i < need)
            ck_assert_msg(r.st == VS_LINK_TRUNCATED, "%s: prefix %zu of %zu: status %d", name, i,
                          len, (int)r.st);
        else
            ck_assert_msg(r.st == full, "%s: prefix %zu of %zu: status %d, want %d", name, i, len,
                          (int)r.st, (int)full);
        free(copy);
    }
}

static const char *mac_str(const uint8_t *mac)
{
    static char buf[4][VS_MAC_STRLEN];
    static unsigned k;
    char *b = buf[k++ % 4];
    if (!mac)
        return "(none)";
    vs_mac_format(mac, b);
    return b;
}

static const char *ip_str(const struct vs_ip *ip)
{
    static char buf[4][VS_IP_STRLEN];
    static unsigned k;
    char *b = buf[k++ % 4];
    vs_ip_format(ip, b);
    return b;
}

static size_t off_of(const uint8_t *frame, struct vs_cur c)
{
    return (size_t)(c.p - frame);
}

static bool payload_is(struct vs_cur c, const char *s)
{
    return c.n == strlen(s) && memcmp(c.p, s, c.n) == 0;
}

static enum vs_link_status parse1(int dlt, const uint8_t *buf, size_t len, struct vs_pkt *pkt,
                                  struct vs_link_inner *inner)
{
    return vs_link_parse(dlt, vs_cur_make(buf, len), pkt, inner);
}

/* ------------------------------------------------------------------ the frame table */

struct frame_case {
    const char *name;
    int dlt;
    const uint8_t *buf;
    size_t len;
    size_t need;              /* end of the last header this frame needs */
    enum vs_link_status full; /* status of the innermost layer of the whole frame */
    unsigned layers;
};

/* clang-format off */
#define FC(name, dlt, need, full, layers) {#name, dlt, name, sizeof name, need, full, layers}
/* clang-format on */

static const struct frame_case frame_cases[] = {
    FC(f_erspan1, VS_DLT_EN10MB, 80, VS_LINK_OK, 2),
    FC(f_erspan2, VS_DLT_EN10MB, 67, VS_LINK_OK, 2),
    FC(f_erspan3, VS_DLT_EN10MB, 92, VS_LINK_OK, 2),
    FC(f_erspan3_plat, VS_DLT_EN10MB, 100, VS_LINK_OK, 2),
    FC(f_vxlan, VS_DLT_EN10MB, 92, VS_LINK_OK, 2),
    FC(f_geneve, VS_DLT_EN10MB, 96, VS_LINK_OK, 2),
    FC(f_sll2, VS_DLT_LINUX_SLL2, 72, VS_LINK_OK, 1),
    FC(f_sll, VS_DLT_LINUX_SLL, 44, VS_LINK_OK, 1),
    FC(f_hdlc_ip, VS_DLT_C_HDLC, 28, VS_LINK_OK, 1),
    FC(f_hdlc_cdp, VS_DLT_C_HDLC, 4, VS_LINK_OK, 1),
    FC(f_mpls, VS_DLT_EN10MB, 62, VS_LINK_OK, 1),
    FC(f_qinq, VS_DLT_EN10MB, 22, VS_LINK_OK, 1),
    FC(f_qinqinq, VS_DLT_EN10MB, 90, VS_LINK_OK, 1),
    FC(f_gre_teb, VS_DLT_EN10MB, 56, VS_LINK_OK, 2),
    FC(f_gre_ip, VS_DLT_EN10MB, 98, VS_LINK_OK, 2),
    FC(f_null, VS_DLT_NULL, 52, VS_LINK_OK, 1),
    FC(f_ppp_chdlc, VS_DLT_PPP, 48, VS_LINK_OK, 1),
    FC(f_llc_stp, VS_DLT_EN10MB, 17, VS_LINK_OK, 1),
    FC(f_gre_cdp, VS_DLT_EN10MB, 46, VS_LINK_OK, 1),
    FC(f_avsp, VS_DLT_EN10MB, 48, VS_LINK_OK, 1),
    FC(f_tcp_opts, VS_DLT_EN10MB, 70, VS_LINK_OK, 1),
    FC(f_ipv6_ext, VS_DLT_EN10MB, 118, VS_LINK_OK, 1),
    FC(f_icmpv6_ns, VS_DLT_EN10MB, 58, VS_LINK_OK, 1),
    FC(f_frag_first, VS_DLT_EN10MB, 42, VS_LINK_OK, 1),
    FC(f_frag_later, VS_DLT_EN10MB, 34, VS_LINK_OK, 1),
    FC(f_frag6_later, VS_DLT_EN10MB, 62, VS_LINK_OK, 1),
    FC(f_frag6_first, VS_DLT_EN10MB, 70, VS_LINK_OK, 1),
    FC(f_pppoe, VS_DLT_EN10MB, 50, VS_LINK_OK, 1),
    FC(f_mpls_pw, VS_DLT_EN10MB, 68, VS_LINK_OK, 2),
    FC(f_mpls_pw_nocw, VS_DLT_EN10MB, 60, VS_LINK_OK, 2),
    FC(f_loop6, VS_DLT_LOOP, 52, VS_LINK_OK, 1),
    FC(f_ppp, VS_DLT_PPP, 32, VS_LINK_OK, 1),
    FC(f_ppp_pfc, VS_DLT_PPP_SERIAL, 29, VS_LINK_OK, 1),
    FC(f_ppp6, VS_DLT_PPP, 48, VS_LINK_OK, 1),
    FC(f_snap_cdp, VS_DLT_EN10MB, 22, VS_LINK_OK, 1),
    FC(f_sll_llc, VS_DLT_LINUX_SLL, 19, VS_LINK_OK, 1),
    FC(f_6in4, VS_DLT_EN10MB, 82, VS_LINK_OK, 2),
    FC(f_sctp, VS_DLT_EN10MB, 46, VS_LINK_OK, 1),
};

START_TEST(test_frame_whole)
{
    const struct frame_case *fc = &frame_cases[_i];
    struct run r = run_frame(fc->dlt, fc->buf, fc->len);
    ck_assert_msg(r.st == fc->full, "%s: status %d", fc->name, (int)r.st);
    ck_assert_msg(r.layers == fc->layers, "%s: %u layers", fc->name, r.layers);
    ck_assert_int_eq(r.first, fc->layers > 1 ? VS_LINK_ENCAP : fc->full);
}
END_TEST

START_TEST(test_frame_prefixes)
{
    const struct frame_case *fc = &frame_cases[_i];
    check_prefixes(fc->name, fc->dlt, fc->buf, fc->len, fc->need, fc->full);
}
END_TEST

/* ------------------------------------------------------------------ Ethernet, VLAN, LLC */

START_TEST(test_ipv4_tcp_options)
{
    struct vs_pkt pkt;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, f_tcp_opts, sizeof f_tcp_opts, &pkt, NULL), VS_LINK_OK);
    ck_assert_str_eq(mac_str(pkt.src_mac), "00:e0:fc:12:34:56");
    ck_assert_str_eq(mac_str(pkt.dst_mac), "00:1b:2c:00:00:01");
    ck_assert_uint_eq(pkt.ethertype, 0x0800);
    ck_assert_uint_eq(pkt.nvlans, 0);
    ck_assert(!pkt.llc && !pkt.snap);
    ck_assert_uint_eq(off_of(f_tcp_opts, pkt.l2_payload), 14);
    ck_assert_str_eq(ip_str(&pkt.src_ip), "192.0.2.1");
    ck_assert_str_eq(ip_str(&pkt.dst_ip), "192.0.2.2");
    ck_assert_uint_eq(pkt.ip_proto, 6);
    ck_assert_uint_eq(pkt.sport, 22);
    ck_assert_uint_eq(pkt.dport, 51000);
    ck_assert_uint_eq(pkt.tcp_flags, 0x18);
    ck_assert_uint_eq(pkt.tcp_seq, 0x01020304);
    /* after both option blocks, and the Ethernet trailer is not payload */
    ck_assert_uint_eq(off_of(f_tcp_opts, pkt.l4_payload), 70);
    ck_assert(payload_is(pkt.l4_payload, "SSH-2.0-VRP-3.3\r\n"));
}
END_TEST

START_TEST(test_qinq_8021ad)
{
    struct vs_pkt pkt;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, f_qinq, sizeof f_qinq, &pkt, NULL), VS_LINK_OK);
    ck_assert_str_eq(mac_str(pkt.src_mac), "00:20:d2:5a:fb:3f");
    ck_assert_uint_eq(pkt.nvlans, 2);
    ck_assert_uint_eq(pkt.vlans[0], 200); /* outermost (S-tag) first */
    ck_assert_uint_eq(pkt.vlans[1], 2001);
    ck_assert_uint_eq(pkt.ethertype, 0x0806);
    ck_assert_uint_eq(off_of(f_qinq, pkt.l2_payload), 22);
    ck_assert_uint_eq(pkt.src_ip.family, 0);
}
END_TEST

START_TEST(test_qinqinq_tcp)
{
    struct vs_pkt pkt;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, f_qinqinq, sizeof f_qinqinq, &pkt, NULL), VS_LINK_OK);
    ck_assert_uint_eq(pkt.nvlans, 3);
    ck_assert_uint_eq(pkt.vlans[0], 30);
    ck_assert_uint_eq(pkt.vlans[1], 20);
    ck_assert_uint_eq(pkt.vlans[2], 10);
    ck_assert_uint_eq(pkt.ethertype, 0x0800);
    ck_assert_str_eq(ip_str(&pkt.src_ip), "141.142.228.5");
    ck_assert_str_eq(ip_str(&pkt.dst_ip), "192.150.187.43");
    ck_assert_uint_eq(pkt.sport, 59856);
    ck_assert_uint_eq(pkt.dport, 80);
    ck_assert_uint_eq(pkt.tcp_flags, 0x02);
    ck_assert_uint_eq(pkt.tcp_seq, 0xfe21323a);
    ck_assert_uint_eq(pkt.l4_payload.n, 0);
}
END_TEST

/* n tags with VIDs 1..n (the first one a 802.1ad S-tag), then ARP. */
static size_t build_tagged(uint8_t *buf, size_t cap, size_t n, uint16_t inner_type)
{
    size_t o = 0;
    ck_assert(cap >= 14 + n * 4 + 28);
    memcpy(buf, "\xff\xff\xff\xff\xff\xff\x00\xe0\xfc\x12\x34\x56", 12);
    o = 12;
    for (size_t i = 0; i < n; i++) {
        uint16_t tpid = i == 0 ? 0x88a8 : 0x8100;
        uint16_t vid = (uint16_t)((i + 1) & 0x0fff);
        buf[o++] = (uint8_t)(tpid >> 8);
        buf[o++] = (uint8_t)tpid;
        buf[o++] = (uint8_t)(0x20 | vid >> 8); /* PCP 1 */
        buf[o++] = (uint8_t)vid;
    }
    buf[o++] = (uint8_t)(inner_type >> 8);
    buf[o++] = (uint8_t)inner_type;
    memset(buf + o, 0, 28);
    return o + 28;
}

START_TEST(test_vlan_depth)
{
    static uint8_t buf[14 + 4 * 3000 + 28];
    struct vs_pkt pkt;
    size_t len;

    /* 8 tags is the bound: accepted, the outer four recorded in order */
    len = build_tagged(buf, sizeof buf, VS_MAX_ENCAP_DEPTH, 0x0806);
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, len, &pkt, NULL), VS_LINK_OK);
    ck_assert_uint_eq(pkt.nvlans, VS_MAX_FRAME_VLANS);
    for (unsigned i = 0; i < VS_MAX_FRAME_VLANS; i++)
        ck_assert_uint_eq(pkt.vlans[i], i + 1);
    ck_assert_uint_eq(pkt.ethertype, 0x0806);
    ck_assert_uint_eq(off_of(buf, pkt.l2_payload), 14 + 4 * VS_MAX_ENCAP_DEPTH);

    /* 6 tags: still only four recorded, but the payload is found */
    len = build_tagged(buf, sizeof buf, 6, 0x0806);
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, len, &pkt, NULL), VS_LINK_OK);
    ck_assert_uint_eq(pkt.nvlans, 4);
    ck_assert_uint_eq(pkt.vlans[3], 4);
    ck_assert_uint_eq(off_of(buf, pkt.l2_payload), 14 + 24);

    /* one more is over the limit */
    len = build_tagged(buf, sizeof buf, VS_MAX_ENCAP_DEPTH + 1, 0x0806);
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, len, &pkt, NULL), VS_LINK_MALFORMED);
    ck_assert_uint_eq(pkt.nvlans, VS_MAX_FRAME_VLANS);

    /* thousands of tags stop at the bound too */
    len = build_tagged(buf, sizeof buf, 3000, 0x0806);
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, len, &pkt, NULL), VS_LINK_MALFORMED);

    /* a tag cut after its TCI: the VLAN is known, the frame truncated */
    len = build_tagged(buf, sizeof buf, 1, 0x0806);
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, 16, &pkt, NULL), VS_LINK_TRUNCATED);
    ck_assert_uint_eq(pkt.nvlans, 1);
    ck_assert_str_eq(mac_str(pkt.src_mac), "00:e0:fc:12:34:56");
}
END_TEST

START_TEST(test_vlan_tpids)
{
    static const uint16_t tpids[] = {0x8100, 0x88a8, 0x9100, 0x9200};
    uint8_t buf[64];
    struct vs_pkt pkt;

    for (size_t i = 0; i < N(tpids); i++) {
        size_t len = build_tagged(buf, sizeof buf, 1, 0x88cc);
        buf[12] = (uint8_t)(tpids[i] >> 8);
        buf[13] = (uint8_t)tpids[i];
        ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, len, &pkt, NULL), VS_LINK_OK);
        ck_assert_uint_eq(pkt.nvlans, 1);
        ck_assert_uint_eq(pkt.vlans[0], 1);
        ck_assert_uint_eq(pkt.ethertype, 0x88cc);
    }
    /* VID 0 is a priority tag: no VLAN recorded, the tag still skipped */
    size_t len = build_tagged(buf, sizeof buf, 1, 0x88cc);
    buf[14] = 0xe0;
    buf[15] = 0x00;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, len, &pkt, NULL), VS_LINK_OK);
    ck_assert_uint_eq(pkt.nvlans, 0);
    ck_assert_uint_eq(pkt.ethertype, 0x88cc);
    ck_assert_uint_eq(off_of(buf, pkt.l2_payload), 18);
}
END_TEST

START_TEST(test_llc_stp)
{
    struct vs_pkt pkt;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, f_llc_stp, sizeof f_llc_stp, &pkt, NULL), VS_LINK_OK);
    ck_assert_str_eq(mac_str(pkt.src_mac), "aa:bb:cc:00:03:10");
    ck_assert_uint_eq(pkt.ethertype, 0);
    ck_assert(pkt.llc);
    ck_assert_uint_eq(pkt.llc_dsap, 0x42);
    ck_assert_uint_eq(pkt.llc_ssap, 0x42);
    ck_assert(!pkt.snap);
    ck_assert_uint_eq(off_of(f_llc_stp, pkt.l2_payload), 17);
    ck_assert_uint_eq(pkt.l2_payload.n, 35); /* the 802.3 length, not the padding */
}
END_TEST

START_TEST(test_snap_cdp)
{
    struct vs_pkt pkt;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, f_snap_cdp, sizeof f_snap_cdp, &pkt, NULL), VS_LINK_OK);
    ck_assert_uint_eq(pkt.ethertype, 0);
    ck_assert(pkt.llc);
    ck_assert_uint_eq(pkt.llc_dsap, 0xaa);
    ck_assert(pkt.snap);
    ck_assert_uint_eq(pkt.snap_oui, 0x00000c);
    ck_assert_uint_eq(pkt.snap_pid, 0x2000);
    ck_assert_uint_eq(off_of(f_snap_cdp, pkt.l2_payload), 22);
    ck_assert_uint_eq(pkt.l2_payload.n, 24);
    ck_assert_uint_eq(pkt.l2_payload.p[0], 0x02); /* CDP version */
}
END_TEST

START_TEST(test_8023_lengths)
{
    uint8_t buf[60];
    struct vs_pkt pkt;

    memcpy(buf, f_llc_stp, sizeof buf);
    /* length 2 leaves no room for the LLC header */
    buf[12] = 0x00;
    buf[13] = 0x02;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof buf, &pkt, NULL), VS_LINK_MALFORMED);
    ck_assert_uint_eq(pkt.ethertype, 0);
    /* length 0 likewise */
    buf[13] = 0x00;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof buf, &pkt, NULL), VS_LINK_MALFORMED);
    /* 1500 claimed, 46 captured: bounded by what is there */
    buf[12] = 0x05;
    buf[13] = 0xdc;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof buf, &pkt, NULL), VS_LINK_OK);
    ck_assert(pkt.llc);
    ck_assert_uint_eq(pkt.l2_payload.n, 60 - 17);
    /* 1501..1535 are neither lengths nor ethertypes: passed on as a type */
    buf[12] = 0x05;
    buf[13] = 0xff;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof buf, &pkt, NULL), VS_LINK_OK);
    ck_assert_uint_eq(pkt.ethertype, 0x05ff);
    ck_assert(!pkt.llc);
    /* Novell raw 802.3: IPX checksum 0xffff right after the length, no LLC */
    buf[12] = 0x00;
    buf[13] = 0x20;
    buf[14] = 0xff;
    buf[15] = 0xff;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof buf, &pkt, NULL), VS_LINK_OK);
    ck_assert(!pkt.llc);
    ck_assert_uint_eq(pkt.l2_payload.n, 0x20);
    /* LLC I-frame: two-byte control field */
    memcpy(buf, f_llc_stp, sizeof buf);
    buf[16] = 0x00;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof buf, &pkt, NULL), VS_LINK_OK);
    ck_assert_uint_eq(off_of(buf, pkt.l2_payload), 18);
}
END_TEST

START_TEST(test_avsp)
{
    struct vs_pkt pkt;
    uint8_t buf[sizeof f_avsp];

    ck_assert_int_eq(parse1(VS_DLT_EN10MB, f_avsp, sizeof f_avsp, &pkt, NULL), VS_LINK_OK);
    ck_assert_uint_eq(pkt.ethertype, 0x0800);
    ck_assert_uint_eq(off_of(f_avsp, pkt.l2_payload), 28);
    ck_assert_str_eq(ip_str(&pkt.src_ip), "10.136.1.32");
    ck_assert_uint_eq(pkt.ip_proto, 63);

    /* 48-bit format: the timestamp is two bytes shorter */
    memcpy(buf, f_avsp, 18);
    buf[17] = 0x20;
    memcpy(buf + 18, f_avsp + 20, sizeof f_avsp - 20);
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof f_avsp - 2, &pkt, NULL), VS_LINK_OK);
    ck_assert_uint_eq(pkt.ethertype, 0x0800);
    ck_assert_str_eq(ip_str(&pkt.dst_ip), "10.2.23.24");

    /* unknown subtype: nothing to skip by, the frame stays AVSP */
    memcpy(buf, f_avsp, sizeof f_avsp);
    buf[15] = 0x07;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof f_avsp, &pkt, NULL), VS_LINK_OK);
    ck_assert_uint_eq(pkt.ethertype, 0xd28b);
    ck_assert_uint_eq(pkt.src_ip.family, 0);
}
END_TEST

/* ------------------------------------------------------------------ IP */

START_TEST(test_ipv4_hostile)
{
    uint8_t buf[sizeof f_tcp_opts];
    struct vs_pkt pkt;

#define RESET() memcpy(buf, f_tcp_opts, sizeof buf)
#define PARSE() parse1(VS_DLT_EN10MB, buf, sizeof buf, &pkt, NULL)
    RESET();
    buf[14] = 0x44; /* IHL 4 */
    ck_assert_int_eq(PARSE(), VS_LINK_MALFORMED);
    RESET();
    buf[14] = 0x56; /* version 5 under the IPv4 ethertype */
    ck_assert_int_eq(PARSE(), VS_LINK_MALFORMED);
    RESET();
    buf[16] = 0;
    buf[17] = 20; /* total length below the 24-byte header */
    ck_assert_int_eq(PARSE(), VS_LINK_MALFORMED);
    ck_assert_str_eq(ip_str(&pkt.src_ip), "192.0.2.1"); /* filled as far as sane */
    RESET();
    buf[14] = 0x4f; /* IHL 15 = 60 bytes: the options run into the end of the frame... */
    buf[16] = 0;
    buf[17] = 60;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, 14 + 40, &pkt, NULL), VS_LINK_TRUNCATED);
    ck_assert_str_eq(ip_str(&pkt.dst_ip), "192.0.2.2");
    ck_assert_uint_eq(pkt.sport, 0);
    RESET();
    buf[16] = 0x40; /* total 16384: a snap-length cut, headers complete */
    ck_assert_int_eq(PARSE(), VS_LINK_OK);
    ck_assert_uint_eq(pkt.l4_payload.n, sizeof buf - 70);
    RESET();
    buf[50] = 0x40; /* TCP data offset 4 */
    ck_assert_int_eq(PARSE(), VS_LINK_MALFORMED);
    ck_assert_uint_eq(pkt.sport, 22);
    RESET();
    buf[50] = 0xf0; /* TCP data offset 60: past the IP total length, which is complete */
    ck_assert_int_eq(PARSE(), VS_LINK_MALFORMED);
    RESET();
    buf[17] = 24 + 10; /* IP total leaves 10 bytes: TCP header overruns it */
    ck_assert_int_eq(PARSE(), VS_LINK_MALFORMED);
    RESET();
    buf[17] = 24 + 3; /* ICMP of 3 bytes inside a complete packet */
    buf[23] = 1;
    ck_assert_int_eq(PARSE(), VS_LINK_MALFORMED);
#undef RESET
#undef PARSE
}
END_TEST

START_TEST(test_udp_lengths)
{
    uint8_t buf[sizeof f_pppoe];
    struct vs_pkt pkt;

    /* the PPPoE frame's UDP header starts at 42; its IP total length is exact */
    memcpy(buf, f_pppoe, sizeof buf);
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof buf, &pkt, NULL), VS_LINK_OK);
    ck_assert(payload_is(pkt.l4_payload, "<134>huawei: test"));
    buf[46] = 0;
    buf[47] = 7; /* UDP length below its header */
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof buf, &pkt, NULL), VS_LINK_MALFORMED);
    buf[47] = 200; /* beyond a complete, unfragmented IP payload */
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof buf, &pkt, NULL), VS_LINK_MALFORMED);
    ck_assert_uint_eq(pkt.sport, 514);
    buf[47] = 8 + 5; /* shorter than the IP payload: the UDP length wins */
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof buf, &pkt, NULL), VS_LINK_OK);
    ck_assert(payload_is(pkt.l4_payload, "<134>"));
    buf[47] = 0; /* 0: jumbogram convention, the IP length bounds it */
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof buf, &pkt, NULL), VS_LINK_OK);
    ck_assert(payload_is(pkt.l4_payload, "<134>huawei: test"));
}
END_TEST

START_TEST(test_sctp)
{
    uint8_t buf[sizeof f_sctp];
    struct vs_pkt pkt;

    memcpy(buf, f_sctp, sizeof buf);
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof buf, &pkt, NULL), VS_LINK_OK);
    ck_assert_uint_eq(pkt.ip_proto, 132);
    ck_assert_uint_eq(pkt.ttl, 63);
    ck_assert_str_eq(ip_str(&pkt.src_ip), "10.20.0.21");
    ck_assert_uint_eq(pkt.sport, 3868);
    ck_assert_uint_eq(pkt.dport, 40000);
    ck_assert_uint_eq(pkt.tcp_seq, 0);
    /* the chunks, bounded by the IP length: the Ethernet trailer is not payload */
    ck_assert_uint_eq(off_of(buf, pkt.l4_payload), 46);
    ck_assert_uint_eq(pkt.l4_payload.n, 24);
    /* the IP length leaves 8 bytes: the common header overruns a complete packet */
    buf[17] = 20 + 8;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof buf, &pkt, NULL), VS_LINK_MALFORMED);
    ck_assert_uint_eq(pkt.sport, 3868);
    /* exactly the common header: no chunks, no error */
    buf[17] = 20 + 12;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof buf, &pkt, NULL), VS_LINK_OK);
    ck_assert_uint_eq(pkt.l4_payload.n, 0);
    /* cut by the capture inside the common header: truncated */
    memcpy(buf, f_sctp, sizeof buf);
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, 40, &pkt, NULL), VS_LINK_TRUNCATED);
    ck_assert_uint_eq(pkt.dport, 40000);
}
END_TEST

START_TEST(test_fragments)
{
    struct vs_pkt pkt;

    ck_assert_int_eq(parse1(VS_DLT_EN10MB, f_frag_first, sizeof f_frag_first, &pkt, NULL),
                     VS_LINK_OK);
    ck_assert_uint_eq(pkt.ip_proto, 17);
    ck_assert_uint_eq(pkt.sport, 161);
    ck_assert_uint_eq(pkt.dport, 49152);
    ck_assert_uint_eq(pkt.l4_payload.n, 24); /* what this fragment holds */

    ck_assert_int_eq(parse1(VS_DLT_EN10MB, f_frag_later, sizeof f_frag_later, &pkt, NULL),
                     VS_LINK_OK);
    ck_assert_str_eq(ip_str(&pkt.src_ip), "10.0.0.1");
    ck_assert_uint_eq(pkt.ip_proto, 17);
    ck_assert_uint_eq(pkt.sport, 0); /* no transport header in a later fragment */
    ck_assert_uint_eq(pkt.dport, 0);
    ck_assert_uint_eq(pkt.l4_payload.n, 0);

    ck_assert_int_eq(parse1(VS_DLT_EN10MB, f_frag6_later, sizeof f_frag6_later, &pkt, NULL),
                     VS_LINK_OK);
    ck_assert_uint_eq(pkt.ip_proto, 17);
    ck_assert_uint_eq(pkt.sport, 0);
    ck_assert_uint_eq(pkt.l4_payload.n, 0);

    ck_assert_int_eq(parse1(VS_DLT_EN10MB, f_frag6_first, sizeof f_frag6_first, &pkt, NULL),
                     VS_LINK_OK);
    ck_assert_uint_eq(pkt.ip_proto, 17);
    ck_assert_uint_eq(pkt.sport, 547);
    ck_assert_uint_eq(pkt.l4_payload.n, 8);
}
END_TEST

START_TEST(test_ipv6_ext_headers)
{
    struct vs_pkt pkt;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, f_ipv6_ext, sizeof f_ipv6_ext, &pkt, NULL), VS_LINK_OK);
    ck_assert_uint_eq(pkt.ethertype, 0x86dd);
    ck_assert_str_eq(ip_str(&pkt.src_ip), "fe80::200:e0ff:fe12:3456");
    ck_assert_str_eq(ip_str(&pkt.dst_ip), "ff02::1:2");
    ck_assert_uint_eq(pkt.ip_proto, 17);
    ck_assert_uint_eq(pkt.sport, 546);
    ck_assert_uint_eq(pkt.dport, 547);
    ck_assert_uint_eq(off_of(f_ipv6_ext, pkt.l4_payload), 118);
    ck_assert_uint_eq(pkt.l4_payload.n, 10);
}
END_TEST

/* Ethernet + IPv6 + n destination-options headers (8 bytes each) + UDP. */
static size_t build_v6_chain(uint8_t *buf, size_t cap, size_t n, size_t plen_extra)
{
    size_t plen = n * 8 + 8;
    ck_assert(cap >= 14 + 40 + plen);
    memset(buf, 0, 14 + 40 + plen);
    memcpy(buf, f_icmpv6_ns, 14 + 40);
    buf[18] = (uint8_t)((plen + plen_extra) >> 8);
    buf[19] = (uint8_t)(plen + plen_extra);
    buf[20] = n ? 60 : 17;
    size_t o = 54;
    for (size_t i = 0; i < n; i++, o += 8)
        buf[o] = i + 1 < n ? 60 : 17;
    buf[o + 1] = 1; /* UDP 1 -> 2, length 8 */
    buf[o + 3] = 2;
    buf[o + 5] = 8;
    return o + 8;
}

START_TEST(test_ipv6_hostile)
{
    static uint8_t buf[14 + 40 + 8 * 3000 + 8];
    struct vs_pkt pkt;
    size_t len;

    len = build_v6_chain(buf, sizeof buf, VS_MAX_ENCAP_DEPTH, 0);
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, len, &pkt, NULL), VS_LINK_OK);
    ck_assert_uint_eq(pkt.dport, 2);
    len = build_v6_chain(buf, sizeof buf, VS_MAX_ENCAP_DEPTH + 1, 0);
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, len, &pkt, NULL), VS_LINK_MALFORMED);
    ck_assert_uint_eq(pkt.src_ip.family, 6);
    len = build_v6_chain(buf, sizeof buf, 3000, 0);
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, len, &pkt, NULL), VS_LINK_MALFORMED);

    /* an extension header longer than the complete payload: contradiction */
    len = build_v6_chain(buf, sizeof buf, 1, 0);
    buf[55] = 4; /* 40 bytes */
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, len, &pkt, NULL), VS_LINK_MALFORMED);
    /* the same when the payload length says more than was captured: truncation */
    len = build_v6_chain(buf, sizeof buf, 1, 100);
    buf[55] = 4;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, len, &pkt, NULL), VS_LINK_TRUNCATED);
    /* version 4 under the IPv6 ethertype */
    len = build_v6_chain(buf, sizeof buf, 0, 0);
    buf[14] = 0x45;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, len, &pkt, NULL), VS_LINK_MALFORMED);
    /* payload length 0 with a non-jumbo next header: nothing follows */
    len = build_v6_chain(buf, sizeof buf, 0, 0);
    buf[18] = buf[19] = 0;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, len, &pkt, NULL), VS_LINK_MALFORMED);
}
END_TEST

START_TEST(test_icmpv6)
{
    struct vs_pkt pkt;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, f_icmpv6_ns, sizeof f_icmpv6_ns, &pkt, NULL),
                     VS_LINK_OK);
    ck_assert_uint_eq(pkt.ip_proto, 58);
    ck_assert_uint_eq(off_of(f_icmpv6_ns, pkt.l4_payload), 54); /* from the type byte */
    ck_assert_uint_eq(pkt.l4_payload.n, 32);
    ck_assert_uint_eq(pkt.l4_payload.p[0], 135);
    ck_assert_uint_eq(pkt.sport, 0);
}
END_TEST

START_TEST(test_6in4)
{
    struct vs_pkt pkt;
    struct vs_link_inner inner;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, f_6in4, sizeof f_6in4, &pkt, &inner), VS_LINK_ENCAP);
    ck_assert_uint_eq(pkt.ip_proto, 41);
    ck_assert_str_eq(ip_str(&pkt.src_ip), "203.0.113.1");
    ck_assert_int_eq(inner.dlt, VS_DLT_RAW);
    ck_assert_uint_eq(off_of(f_6in4, inner.frame), 34);
    struct run r = run_frame(VS_DLT_EN10MB, f_6in4, sizeof f_6in4);
    ck_assert_str_eq(ip_str(&r.pkt.src_ip), "2001:db8::1");
    ck_assert_ptr_null(r.pkt.src_mac);
    ck_assert_uint_eq(r.pkt.dport, 514);
}
END_TEST

/* ------------------------------------------------------------------ other DLTs */

START_TEST(test_sll)
{
    struct vs_pkt pkt;
    ck_assert_int_eq(parse1(VS_DLT_LINUX_SLL, f_sll, sizeof f_sll, &pkt, NULL), VS_LINK_OK);
    ck_assert_str_eq(mac_str(pkt.src_mac), "30:46:9a:23:fb:fa");
    ck_assert_ptr_null(pkt.dst_mac);
    ck_assert_uint_eq(pkt.ethertype, 0x0800);
    ck_assert_str_eq(ip_str(&pkt.src_ip), "10.0.0.138");
    ck_assert_uint_eq(pkt.sport, 520);
    ck_assert_uint_eq(pkt.dport, 520);
    ck_assert_uint_eq(pkt.l4_payload.n, 64);

    ck_assert_int_eq(parse1(VS_DLT_LINUX_SLL, f_sll_llc, sizeof f_sll_llc, &pkt, NULL), VS_LINK_OK);
    ck_assert_str_eq(mac_str(pkt.src_mac), "00:e0:fc:12:34:56");
    ck_assert_uint_eq(pkt.ethertype, 0);
    ck_assert(pkt.llc);
    ck_assert_uint_eq(pkt.llc_dsap, 0x42);
    ck_assert_uint_eq(off_of(f_sll_llc, pkt.l2_payload), 19);
    ck_assert_uint_eq(pkt.l2_payload.n, 35);
}
END_TEST

START_TEST(test_sll_address_types)
{
    uint8_t buf[sizeof f_sll];
    struct vs_pkt pkt;

    memcpy(buf, f_sll, sizeof buf);
    buf[2] = 0x03; /* ARPHRD_LOOPBACK (772): the address is not a MAC */
    buf[3] = 0x04;
    ck_assert_int_eq(parse1(VS_DLT_LINUX_SLL, buf, sizeof buf, &pkt, NULL), VS_LINK_OK);
    ck_assert_ptr_null(pkt.src_mac);
    ck_assert_uint_eq(pkt.sport, 520);
    memcpy(buf, f_sll, sizeof buf);
    buf[5] = 8; /* Ethernet, but an 8-byte address */
    ck_assert_int_eq(parse1(VS_DLT_LINUX_SLL, buf, sizeof buf, &pkt, NULL), VS_LINK_OK);
    ck_assert_ptr_null(pkt.src_mac);
    memcpy(buf, f_sll, sizeof buf);
    buf[2] = 0x03; /* ARPHRD_NETLINK (824): the protocol field is a netlink family */
    buf[3] = 0x38;
    ck_assert_int_eq(parse1(VS_DLT_LINUX_SLL, buf, sizeof buf, &pkt, NULL), VS_LINK_OK);
    ck_assert_uint_eq(pkt.src_ip.family, 0);
    memcpy(buf, f_sll, sizeof buf);
    buf[14] = 0x00; /* protocol 0x0001: Linux's raw 802.3, not decoded further */
    buf[15] = 0x01;
    ck_assert_int_eq(parse1(VS_DLT_LINUX_SLL, buf, sizeof buf, &pkt, NULL), VS_LINK_OK);
    ck_assert_uint_eq(pkt.ethertype, 0);
    ck_assert(!pkt.llc);
    ck_assert_uint_eq(pkt.src_ip.family, 0);
}
END_TEST

START_TEST(test_sll2)
{
    struct vs_pkt pkt;
    ck_assert_int_eq(parse1(VS_DLT_LINUX_SLL2, f_sll2, sizeof f_sll2, &pkt, NULL), VS_LINK_OK);
    ck_assert_str_eq(mac_str(pkt.src_mac), "00:0c:29:06:f9:85");
    ck_assert_ptr_null(pkt.dst_mac);
    ck_assert_uint_eq(pkt.ethertype, 0x0800);
    ck_assert_str_eq(ip_str(&pkt.src_ip), "192.168.178.46");
    ck_assert_uint_eq(pkt.sport, 36100);
    ck_assert_uint_eq(pkt.dport, 80);
    ck_assert_uint_eq(pkt.tcp_flags, 0x18);
    ck_assert_uint_eq(pkt.tcp_seq, 0xdb1601b2);
    ck_assert_uint_eq(pkt.l4_payload.n, 77);
    ck_assert(memcmp(pkt.l4_payload.p, "GET / HTTP/1.1", 14) == 0);
}
END_TEST

START_TEST(test_null_loop)
{
    uint8_t buf[sizeof f_null];
    struct vs_pkt pkt;

    ck_assert_int_eq(parse1(VS_DLT_NULL, f_null, sizeof f_null, &pkt, NULL), VS_LINK_OK);
    ck_assert_ptr_null(pkt.src_mac);
    ck_assert_uint_eq(pkt.ethertype, 0x0800);
    ck_assert_str_eq(ip_str(&pkt.src_ip), "127.0.0.1");
    ck_assert_uint_eq(pkt.sport, 62014);
    ck_assert_uint_eq(pkt.dport, 21);
    ck_assert_uint_eq(pkt.tcp_flags, 0x02);

    /* written by a big-endian host */
    memcpy(buf, f_null, sizeof buf);
    buf[0] = 0;
    buf[3] = 2;
    ck_assert_int_eq(parse1(VS_DLT_NULL, buf, sizeof buf, &pkt, NULL), VS_LINK_OK);
    ck_assert_uint_eq(pkt.dport, 21);
    ck_assert_int_eq(parse1(VS_DLT_LOOP, buf, sizeof buf, &pkt, NULL), VS_LINK_OK);
    ck_assert_uint_eq(pkt.dport, 21);
    /* an unknown family: not IP */
    buf[3] = 7;
    ck_assert_int_eq(parse1(VS_DLT_NULL, buf, sizeof buf, &pkt, NULL), VS_LINK_OK);
    ck_assert_uint_eq(pkt.src_ip.family, 0);
    ck_assert_uint_eq(pkt.l2_payload.n, sizeof buf - 4);
    /* AF_INET over an IPv6 packet contradicts itself */
    buf[3] = 2;
    buf[4] = 0x60;
    ck_assert_int_eq(parse1(VS_DLT_NULL, buf, sizeof buf, &pkt, NULL), VS_LINK_MALFORMED);

    ck_assert_int_eq(parse1(VS_DLT_LOOP, f_loop6, sizeof f_loop6, &pkt, NULL), VS_LINK_OK);
    ck_assert_uint_eq(pkt.ethertype, 0x86dd);
    ck_assert_str_eq(ip_str(&pkt.dst_ip), "ff02::fb");
    ck_assert_uint_eq(pkt.dport, 5353);
    ck_assert_uint_eq(pkt.l4_payload.n, 4);

    /* the other BSD AF_INET6 values, little-endian */
    static const uint8_t fams[] = {24, 28, 30};
    uint8_t b6[sizeof f_loop6];
    for (size_t i = 0; i < N(fams); i++) {
        memcpy(b6, f_loop6, sizeof b6);
        b6[0] = fams[i];
        b6[3] = 0;
        ck_assert_int_eq(parse1(VS_DLT_NULL, b6, sizeof b6, &pkt, NULL), VS_LINK_OK);
        ck_assert_uint_eq(pkt.dport, 5353);
    }
}
END_TEST

START_TEST(test_raw_ip)
{
    static const int dlts[] = {VS_DLT_RAW, VS_DLT_RAW14, VS_DLT_RAW101, VS_DLT_IPV4, VS_DLT_IPV6};
    const uint8_t *ip4 = f_tcp_opts + 14;
    size_t ip4_len = 73;
    const uint8_t *ip6 = f_icmpv6_ns + 14;
    size_t ip6_len = sizeof f_icmpv6_ns - 14;
    struct vs_pkt pkt;

    for (size_t i = 0; i < N(dlts); i++) {
        ck_assert_int_eq(parse1(dlts[i], ip4, ip4_len, &pkt, NULL), VS_LINK_OK);
        ck_assert_ptr_null(pkt.src_mac);
        ck_assert_ptr_null(pkt.dst_mac);
        ck_assert_uint_eq(pkt.ethertype, 0x0800);
        ck_assert_uint_eq(pkt.sport, 22);
        ck_assert(payload_is(pkt.l4_payload, "SSH-2.0-VRP-3.3\r\n"));
        ck_assert_int_eq(parse1(dlts[i], ip6, ip6_len, &pkt, NULL), VS_LINK_OK);
        ck_assert_uint_eq(pkt.ethertype, 0x86dd);
        ck_assert_uint_eq(pkt.ip_proto, 58);
        ck_assert_int_eq(parse1(dlts[i], ip4, 0, &pkt, NULL), VS_LINK_TRUNCATED);
    }
    uint8_t bad[20] = {0x50};
    ck_assert_int_eq(parse1(VS_DLT_RAW, bad, sizeof bad, &pkt, NULL), VS_LINK_MALFORMED);
}
END_TEST

START_TEST(test_hdlc)
{
    struct vs_pkt pkt;

    ck_assert_int_eq(parse1(VS_DLT_C_HDLC, f_hdlc_ip, sizeof f_hdlc_ip, &pkt, NULL), VS_LINK_OK);
    ck_assert_ptr_null(pkt.src_mac);
    ck_assert_uint_eq(pkt.ethertype, 0x0800);
    ck_assert_str_eq(ip_str(&pkt.src_ip), "10.0.0.1");
    ck_assert_uint_eq(pkt.ip_proto, 1);
    ck_assert_uint_eq(pkt.l4_payload.n, 80);

    ck_assert_int_eq(parse1(VS_DLT_C_HDLC, f_hdlc_cdp, sizeof f_hdlc_cdp, &pkt, NULL), VS_LINK_OK);
    ck_assert_ptr_null(pkt.src_mac);
    ck_assert_uint_eq(pkt.ethertype, 0);
    ck_assert(pkt.snap);
    ck_assert_uint_eq(pkt.snap_oui, 0x00000c);
    ck_assert_uint_eq(pkt.snap_pid, 0x2000);
    ck_assert_uint_eq(off_of(f_hdlc_cdp, pkt.l2_payload), 4);

    /* SLARP (0x8035) is passed on by its type */
    uint8_t slarp[24] = {0x8f, 0x00, 0x80, 0x35};
    ck_assert_int_eq(parse1(VS_DLT_C_HDLC, slarp, sizeof slarp, &pkt, NULL), VS_LINK_OK);
    ck_assert_uint_eq(pkt.ethertype, 0x8035);
    ck_assert(!pkt.snap);
}
END_TEST

START_TEST(test_ppp)
{
    struct vs_pkt pkt;

    ck_assert_int_eq(parse1(VS_DLT_PPP, f_ppp, sizeof f_ppp, &pkt, NULL), VS_LINK_OK);
    ck_assert_ptr_null(pkt.src_mac);
    ck_assert_uint_eq(pkt.ethertype, 0x0800);
    ck_assert_uint_eq(pkt.dport, 1813);
    ck_assert(payload_is(pkt.l4_payload, "ppp!"));

    ck_assert_int_eq(parse1(VS_DLT_PPP_SERIAL, f_ppp, sizeof f_ppp, &pkt, NULL), VS_LINK_OK);
    ck_assert_uint_eq(pkt.dport, 1813);
    ck_assert_int_eq(parse1(VS_DLT_PPP, f_ppp_pfc, sizeof f_ppp_pfc, &pkt, NULL), VS_LINK_OK);
    ck_assert(payload_is(pkt.l4_payload, "ppp!"));
    ck_assert_int_eq(parse1(VS_DLT_PPP, f_ppp6, sizeof f_ppp6, &pkt, NULL), VS_LINK_OK);
    ck_assert_uint_eq(pkt.ethertype, 0x86dd);
    ck_assert_uint_eq(pkt.ip_proto, 58);

    /* Cisco HDLC framing on DLT_PPP and DLT_PPP_SERIAL */
    ck_assert_int_eq(parse1(VS_DLT_PPP, f_ppp_chdlc, sizeof f_ppp_chdlc, &pkt, NULL), VS_LINK_OK);
    ck_assert_str_eq(ip_str(&pkt.src_ip), "100.16.1.2");
    ck_assert_uint_eq(pkt.dport, 179);
    ck_assert_int_eq(parse1(VS_DLT_PPP_SERIAL, f_ppp_chdlc, sizeof f_ppp_chdlc, &pkt, NULL),
                     VS_LINK_OK);
    ck_assert_uint_eq(pkt.dport, 179);

    /* LCP (0xc021): not IP */
    static const uint8_t lcp[] = {0xff, 0x03, 0xc0, 0x21, 0x01, 0x01, 0x00, 0x04};
    ck_assert_int_eq(parse1(VS_DLT_PPP, lcp, sizeof lcp, &pkt, NULL), VS_LINK_OK);
    ck_assert_uint_eq(pkt.ethertype, 0);
    ck_assert_uint_eq(pkt.src_ip.family, 0);
}
END_TEST

START_TEST(test_unsupported)
{
    struct vs_pkt pkt;
    static const int yes[] = {0, 1, 9, 12, 14, 50, 101, 104, 108, 113, 228, 229, 276};
    static const int no[] = {-1, 6, 105, 127, 147, 187, 220, 1000};

    for (size_t i = 0; i < N(yes); i++)
        ck_assert(vs_link_supported(yes[i]));
    for (size_t i = 0; i < N(no); i++) {
        ck_assert(!vs_link_supported(no[i]));
        ck_assert_int_eq(parse1(no[i], f_tcp_opts, sizeof f_tcp_opts, &pkt, NULL),
                         VS_LINK_UNSUPPORTED);
    }
}
END_TEST

/* ------------------------------------------------------------------ PPPoE, MPLS */

START_TEST(test_pppoe)
{
    uint8_t buf[sizeof f_pppoe];
    struct vs_pkt pkt;

    ck_assert_int_eq(parse1(VS_DLT_EN10MB, f_pppoe, sizeof f_pppoe, &pkt, NULL), VS_LINK_OK);
    ck_assert_str_eq(mac_str(pkt.src_mac), "00:e0:fc:12:34:56");
    ck_assert_uint_eq(pkt.ethertype, 0x0800);
    ck_assert_uint_eq(off_of(f_pppoe, pkt.l2_payload), 22);
    ck_assert_str_eq(ip_str(&pkt.src_ip), "100.64.0.9");
    ck_assert_str_eq(ip_str(&pkt.dst_ip), "198.51.100.7");
    ck_assert_uint_eq(pkt.dport, 514);
    ck_assert(payload_is(pkt.l4_payload, "<134>huawei: test"));

    memcpy(buf, f_pppoe, sizeof buf);
    buf[18] = 0;
    buf[19] = 1; /* PPPoE length 1: no room for the PPP protocol */
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof buf, &pkt, NULL), VS_LINK_MALFORMED);
    buf[18] = 0xff; /* longer than captured: bounded by the capture */
    buf[19] = 0xff;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof buf, &pkt, NULL), VS_LINK_OK);
    ck_assert(payload_is(pkt.l4_payload, "<134>huawei: test"));
    memcpy(buf, f_pppoe, sizeof buf);
    buf[21] = 0x57; /* PPP IPv6 over an IPv4 packet */
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof buf, &pkt, NULL), VS_LINK_MALFORMED);
    ck_assert_uint_eq(pkt.ethertype, 0x86dd);
    buf[20] = 0xc0; /* LCP: stays PPPoE */
    buf[21] = 0x21;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof buf, &pkt, NULL), VS_LINK_OK);
    ck_assert_uint_eq(pkt.ethertype, 0x8864);
    ck_assert_uint_eq(pkt.src_ip.family, 0);
    ck_assert_uint_eq(off_of(buf, pkt.l2_payload), 22);
}
END_TEST

START_TEST(test_mpls_ip)
{
    struct vs_pkt pkt;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, f_mpls, sizeof f_mpls, &pkt, NULL), VS_LINK_OK);
    ck_assert_str_eq(mac_str(pkt.src_mac), "00:30:96:05:28:38");
    ck_assert_uint_eq(pkt.ethertype, 0x0800); /* what the labels carry */
    ck_assert_uint_eq(off_of(f_mpls, pkt.l2_payload), 18);
    ck_assert_str_eq(ip_str(&pkt.src_ip), "10.1.2.1");
    ck_assert_str_eq(ip_str(&pkt.dst_ip), "10.34.0.1");
    ck_assert_uint_eq(pkt.dport, 23);
    ck_assert_uint_eq(pkt.tcp_flags, 0x02);
}
END_TEST

START_TEST(test_mpls_pw)
{
    struct vs_pkt pkt;
    struct vs_link_inner inner;

    ck_assert_int_eq(parse1(VS_DLT_EN10MB, f_mpls_pw, sizeof f_mpls_pw, &pkt, &inner),
                     VS_LINK_ENCAP);
    ck_assert_str_eq(mac_str(pkt.src_mac), "00:30:96:05:28:ff");
    ck_assert_uint_eq(pkt.ethertype, 0x8847);
    ck_assert_int_eq(inner.dlt, VS_DLT_EN10MB);
    ck_assert_uint_eq(off_of(f_mpls_pw, inner.frame), 26); /* after the control word */
    struct run r = run_frame(VS_DLT_EN10MB, f_mpls_pw, sizeof f_mpls_pw);
    ck_assert_str_eq(mac_str(r.pkt.src_mac), "00:e0:fc:12:34:56");
    ck_assert_str_eq(ip_str(&r.pkt.src_ip), "172.16.0.1");
    ck_assert_uint_eq(r.pkt.dport, 161);
    ck_assert(payload_is(r.pkt.l4_payload, "inner"));

    ck_assert_int_eq(parse1(VS_DLT_EN10MB, f_mpls_pw_nocw, sizeof f_mpls_pw_nocw, &pkt, &inner),
                     VS_LINK_ENCAP);
    ck_assert_uint_eq(off_of(f_mpls_pw_nocw, inner.frame), 18);

    /* no inner frame wanted: the outer frame alone, status OK */
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, f_mpls_pw, sizeof f_mpls_pw, &pkt, NULL), VS_LINK_OK);

    /* first nibble 1: a pseudowire associated channel, not a frame */
    uint8_t buf[sizeof f_mpls_pw];
    memcpy(buf, f_mpls_pw, sizeof buf);
    buf[22] = 0x10;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof buf, &pkt, &inner), VS_LINK_OK);
    ck_assert_uint_eq(off_of(buf, pkt.l2_payload), 22);
}
END_TEST

/* n labels (bottom of stack on the last when bos) after t VLAN tags, then IPv4 from
 * f_tcp_opts. */
static size_t build_mpls(uint8_t *buf, size_t cap, size_t t, size_t n, bool bos)
{
    ck_assert(cap >= 14 + 4 * t + 4 * n + 73);
    memcpy(buf, f_tcp_opts, 12);
    size_t o = 12;
    for (size_t i = 0; i < t; i++) {
        memcpy(buf + o, "\x81\x00\x00\x05", 4);
        o += 4;
    }
    buf[o++] = 0x88;
    buf[o++] = 0x47;
    for (size_t i = 0; i < n; i++) {
        uint32_t lse = (uint32_t)(16 + i) << 12 | 64;
        if (bos && i + 1 == n)
            lse |= 0x100;
        buf[o++] = (uint8_t)(lse >> 24);
        buf[o++] = (uint8_t)(lse >> 16);
        buf[o++] = (uint8_t)(lse >> 8);
        buf[o++] = (uint8_t)lse;
    }
    memcpy(buf + o, f_tcp_opts + 14, 73);
    return o + 73;
}

START_TEST(test_mpls_depth)
{
    static uint8_t buf[14 + 4 * 3000 + 73];
    struct vs_pkt pkt;
    size_t len;

    len = build_mpls(buf, sizeof buf, 0, VS_MAX_ENCAP_DEPTH, true);
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, len, &pkt, NULL), VS_LINK_OK);
    ck_assert_uint_eq(pkt.sport, 22);
    len = build_mpls(buf, sizeof buf, 0, VS_MAX_ENCAP_DEPTH + 1, true);
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, len, &pkt, NULL), VS_LINK_MALFORMED);
    /* tags and labels share the bound */
    len = build_mpls(buf, sizeof buf, 4, 4, true);
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, len, &pkt, NULL), VS_LINK_OK);
    ck_assert_uint_eq(pkt.nvlans, 4);
    len = build_mpls(buf, sizeof buf, 5, 4, true);
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, len, &pkt, NULL), VS_LINK_MALFORMED);
    /* thousands of labels, none at the bottom */
    len = build_mpls(buf, sizeof buf, 0, 3000, false);
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, len, &pkt, NULL), VS_LINK_MALFORMED);
    /* labels that run out before the bottom of the stack */
    len = build_mpls(buf, sizeof buf, 0, 3, false);
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, 14 + 12, &pkt, NULL), VS_LINK_TRUNCATED);
}
END_TEST

/* ------------------------------------------------------------------ GRE, ERSPAN */

START_TEST(test_erspan1)
{
    struct vs_pkt pkt;
    struct vs_link_inner inner;

    ck_assert_int_eq(parse1(VS_DLT_EN10MB, f_erspan1, sizeof f_erspan1, &pkt, &inner),
                     VS_LINK_ENCAP);
    ck_assert_str_eq(mac_str(pkt.src_mac), "00:25:9e:81:b3:54");
    ck_assert_str_eq(ip_str(&pkt.src_ip), "1.1.1.1");
    ck_assert_str_eq(ip_str(&pkt.dst_ip), "192.168.255.5");
    ck_assert_uint_eq(pkt.ip_proto, 47);
    ck_assert_int_eq(inner.dlt, VS_DLT_EN10MB);
    ck_assert_uint_eq(off_of(f_erspan1, inner.frame), 38); /* right after GRE */
    ck_assert_uint_eq(inner.frame.n, sizeof f_erspan1 - 38);

    struct run r = run_frame(VS_DLT_EN10MB, f_erspan1, sizeof f_erspan1);
    ck_assert_str_eq(mac_str(r.pkt.src_mac), "00:25:9e:81:b3:54");
    ck_assert_str_eq(mac_str(r.pkt.dst_mac), "00:11:5c:3d:de:00");
    ck_assert_uint_eq(r.pkt.nvlans, 1);
    ck_assert_uint_eq(r.pkt.vlans[0], 101);
    ck_assert_str_eq(ip_str(&r.pkt.src_ip), "10.52.128.233");
    ck_assert_uint_eq(r.pkt.ip_proto, 1);
    ck_assert_uint_eq(r.pkt.l4_payload.n, 64);
    ck_assert_uint_eq(r.pkt.l4_payload.p[0], 8); /* echo request */
}
END_TEST

START_TEST(test_erspan2)
{
    struct vs_pkt pkt;
    struct vs_link_inner inner;

    ck_assert_int_eq(parse1(VS_DLT_EN10MB, f_erspan2, sizeof f_erspan2, &pkt, &inner),
                     VS_LINK_ENCAP);
    ck_assert_str_eq(ip_str(&pkt.src_ip), "192.168.1.172");
    ck_assert_uint_eq(off_of(f_erspan2, inner.frame), 50); /* GRE 8 + ERSPAN II 8 */
    struct run r = run_frame(VS_DLT_EN10MB, f_erspan2, sizeof f_erspan2);
    ck_assert_str_eq(mac_str(r.pkt.src_mac), "00:19:69:df:dc:01");
    ck_assert_uint_eq(r.pkt.ethertype, 0);
    ck_assert(r.pkt.llc);
    ck_assert_uint_eq(r.pkt.llc_dsap, 0x42);
    ck_assert_uint_eq(r.pkt.l2_payload.n, 35);
    ck_assert_uint_eq(r.pkt.src_ip.family, 0);

    /* the same header without the S bit would be type I: the frame starts at the ERSPAN
     * header, which proves the bit decides */
    uint8_t buf[sizeof f_erspan2];
    memcpy(buf, f_erspan2, sizeof buf);
    buf[34] = 0x00;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof buf, &pkt, &inner), VS_LINK_ENCAP);
    ck_assert_uint_eq(off_of(buf, inner.frame), 38);
}
END_TEST

START_TEST(test_erspan3)
{
    struct vs_pkt pkt;
    struct vs_link_inner inner;
    uint8_t buf[sizeof f_erspan3];

    ck_assert_int_eq(parse1(VS_DLT_EN10MB, f_erspan3, sizeof f_erspan3, &pkt, &inner),
                     VS_LINK_ENCAP);
    ck_assert_str_eq(ip_str(&pkt.src_ip), "10.29.30.104");
    ck_assert_int_eq(inner.dlt, VS_DLT_EN10MB);
    ck_assert_uint_eq(off_of(f_erspan3, inner.frame), 50);
    struct run r = run_frame(VS_DLT_EN10MB, f_erspan3, sizeof f_erspan3);
    ck_assert_uint_eq(r.pkt.nvlans, 1);
    ck_assert_uint_eq(r.pkt.vlans[0], 20);
    ck_assert_str_eq(ip_str(&r.pkt.dst_ip), "10.29.20.21");

    ck_assert_int_eq(parse1(VS_DLT_EN10MB, f_erspan3_plat, sizeof f_erspan3_plat, &pkt, &inner),
                     VS_LINK_ENCAP);
    ck_assert_uint_eq(off_of(f_erspan3_plat, inner.frame), 58); /* + platform subheader */
    r = run_frame(VS_DLT_EN10MB, f_erspan3_plat, sizeof f_erspan3_plat);
    ck_assert_str_eq(mac_str(r.pkt.src_mac), "f8:c2:88:90:d2:7b");
    ck_assert_str_eq(ip_str(&r.pkt.dst_ip), "10.29.20.21");

    /* frame type 2: an IP packet, not an Ethernet frame */
    memcpy(buf, f_erspan3, sizeof buf);
    buf[48] |= 0x08;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof buf, &pkt, &inner), VS_LINK_ENCAP);
    ck_assert_int_eq(inner.dlt, VS_DLT_RAW);
    /* other frame types are not decapsulated */
    buf[48] |= 0x04;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof buf, &pkt, &inner), VS_LINK_OK);
    /* O bit with no room for the subheader inside a complete packet */
    memcpy(buf, f_erspan3, sizeof buf);
    buf[49] |= 1;
    buf[16] = 0;
    buf[17] = 20 + 4 + 12 + 4;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof buf, &pkt, &inner), VS_LINK_MALFORMED);
}
END_TEST

START_TEST(test_gre_teb)
{
    struct vs_pkt pkt;
    struct vs_link_inner inner;

    ck_assert_int_eq(parse1(VS_DLT_EN10MB, f_gre_teb, sizeof f_gre_teb, &pkt, &inner),
                     VS_LINK_ENCAP);
    ck_assert_str_eq(mac_str(pkt.src_mac), "00:21:1c:2e:41:46");
    ck_assert_str_eq(ip_str(&pkt.dst_ip), "10.200.0.224");
    ck_assert_int_eq(inner.dlt, VS_DLT_EN10MB);
    ck_assert_uint_eq(off_of(f_gre_teb, inner.frame), 42); /* GRE 4 + key 4 */
    struct run r = run_frame(VS_DLT_EN10MB, f_gre_teb, sizeof f_gre_teb);
    ck_assert_str_eq(mac_str(r.pkt.src_mac), "00:50:56:82:2b:52");
    ck_assert_uint_eq(r.pkt.ethertype, 0x0806);
    ck_assert_uint_eq(off_of(f_gre_teb, r.pkt.l2_payload), 56);
}
END_TEST

START_TEST(test_gre_ip)
{
    struct vs_pkt pkt;
    struct vs_link_inner inner;

    ck_assert_int_eq(parse1(VS_DLT_EN10MB, f_gre_ip, sizeof f_gre_ip, &pkt, &inner), VS_LINK_ENCAP);
    ck_assert_str_eq(ip_str(&pkt.src_ip), "172.27.1.66");
    ck_assert_int_eq(inner.dlt, VS_DLT_RAW);
    ck_assert_uint_eq(off_of(f_gre_ip, inner.frame), 38);
    struct run r = run_frame(VS_DLT_EN10MB, f_gre_ip, sizeof f_gre_ip);
    ck_assert_ptr_null(r.pkt.src_mac);
    ck_assert_str_eq(ip_str(&r.pkt.src_ip), "66.59.111.190");
    ck_assert_uint_eq(r.pkt.dport, 22);
    ck_assert_uint_eq(r.pkt.tcp_flags, 0xc2); /* SYN with ECE and CWR */
}
END_TEST

START_TEST(test_gre_variants)
{
    uint8_t buf[sizeof f_gre_teb + 8];
    struct vs_pkt pkt;
    struct vs_link_inner inner;

    /* checksum + key + sequence: 12 option bytes before the inner frame */
    memcpy(buf, f_gre_teb, 34);
    memcpy(buf + 34,
           "\xb0\x00\x65\x58"
           "\x12\x34\x00\x00"
           "\x00\x00\x00\x2a"
           "\x00\x00\x00\x01",
           16);
    memcpy(buf + 50, f_gre_teb + 42, sizeof f_gre_teb - 42);
    buf[17] = (uint8_t)(buf[17] + 8);
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof buf, &pkt, &inner), VS_LINK_ENCAP);
    ck_assert_uint_eq(off_of(buf, inner.frame), 50);
    /* version 1 (PPTP): not decapsulated */
    buf[35] = 0x01;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof buf, &pkt, &inner), VS_LINK_OK);
    ck_assert_uint_eq(pkt.ip_proto, 47);
    /* routing present (RFC 1701): not decapsulated */
    buf[34] = 0x40;
    buf[35] = 0x00;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof buf, &pkt, &inner), VS_LINK_OK);
    /* unknown protocol: the outer frame only */
    buf[34] = 0x00;
    buf[36] = 0x12;
    buf[37] = 0x34;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof buf, &pkt, &inner), VS_LINK_OK);
    /* options past the end of a complete packet */
    memcpy(buf, f_gre_teb, sizeof f_gre_teb);
    buf[34] = 0xb0;
    buf[16] = 0;
    buf[17] = 20 + 8;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof f_gre_teb, &pkt, &inner), VS_LINK_MALFORMED);
}
END_TEST

START_TEST(test_gre_cdp)
{
    struct vs_pkt pkt;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, f_gre_cdp, sizeof f_gre_cdp, &pkt, NULL), VS_LINK_OK);
    ck_assert_uint_eq(pkt.nvlans, 1);
    ck_assert_uint_eq(pkt.vlans[0], 1213);
    ck_assert_str_eq(ip_str(&pkt.src_ip), "10.172.64.6");
    ck_assert_uint_eq(pkt.ethertype, 0);
    ck_assert(pkt.snap);
    ck_assert_uint_eq(pkt.snap_oui, 0x00000c);
    ck_assert_uint_eq(pkt.snap_pid, 0x2000);
    ck_assert_uint_eq(off_of(f_gre_cdp, pkt.l2_payload), 46);
}
END_TEST

/* ------------------------------------------------------------------ VXLAN, Geneve */

START_TEST(test_vxlan)
{
    struct vs_pkt pkt;
    struct vs_link_inner inner;
    uint8_t buf[sizeof f_vxlan];

    ck_assert_int_eq(parse1(VS_DLT_EN10MB, f_vxlan, sizeof f_vxlan, &pkt, &inner), VS_LINK_ENCAP);
    ck_assert_str_eq(ip_str(&pkt.src_ip), "172.31.0.238");
    ck_assert_uint_eq(pkt.sport, 65445);
    ck_assert_uint_eq(pkt.dport, 4789);
    ck_assert_int_eq(inner.dlt, VS_DLT_EN10MB);
    ck_assert_uint_eq(off_of(f_vxlan, inner.frame), 50);
    struct run r = run_frame(VS_DLT_EN10MB, f_vxlan, sizeof f_vxlan);
    ck_assert_str_eq(mac_str(r.pkt.src_mac), "02:85:69:c2:ab:02");
    ck_assert_str_eq(ip_str(&r.pkt.dst_ip), "78.46.93.39");
    ck_assert_uint_eq(r.pkt.sport, 60631);
    ck_assert_uint_eq(r.pkt.dport, 123);
    ck_assert_uint_eq(r.pkt.l4_payload.n, 48);

    /* I flag clear: plain UDP */
    memcpy(buf, f_vxlan, sizeof buf);
    buf[42] = 0;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof buf, &pkt, &inner), VS_LINK_OK);
    ck_assert_uint_eq(pkt.l4_payload.n, 98);
    /* a complete 4-byte datagram to 4789 is not VXLAN */
    memcpy(buf, f_vxlan, sizeof buf);
    buf[17] = 20 + 8 + 4;
    buf[39] = 8 + 4;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof buf, &pkt, &inner), VS_LINK_OK);
}
END_TEST

START_TEST(test_geneve)
{
    struct vs_pkt pkt;
    struct vs_link_inner inner;
    uint8_t buf[sizeof f_geneve];

    ck_assert_int_eq(parse1(VS_DLT_EN10MB, f_geneve, sizeof f_geneve, &pkt, &inner), VS_LINK_ENCAP);
    ck_assert_uint_eq(pkt.dport, 6081);
    ck_assert_int_eq(inner.dlt, VS_DLT_EN10MB);
    ck_assert_uint_eq(off_of(f_geneve, inner.frame), 58); /* 8 + 8 bytes of options */
    struct run r = run_frame(VS_DLT_EN10MB, f_geneve, sizeof f_geneve);
    ck_assert_str_eq(mac_str(r.pkt.src_mac), "b6:9e:d2:49:51:48");
    ck_assert_str_eq(ip_str(&r.pkt.src_ip), "30.0.0.1");

    memcpy(buf, f_geneve, sizeof buf);
    buf[42] = 0x3f; /* 252 bytes of options in a complete 114-byte payload */
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof buf, &pkt, &inner), VS_LINK_MALFORMED);
    buf[42] = 0x42; /* version 1 */
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof buf, &pkt, &inner), VS_LINK_OK);
    buf[42] = 0x02;
    buf[44] = 0x08; /* protocol IPv4 */
    buf[45] = 0x00;
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, buf, sizeof buf, &pkt, &inner), VS_LINK_ENCAP);
    ck_assert_int_eq(inner.dlt, VS_DLT_RAW);
}
END_TEST

/* ------------------------------------------------------------------ contract */

START_TEST(test_reset_between_frames)
{
    struct vs_pkt pkt;
    memset(&pkt, 0, sizeof pkt);
    pkt.ts_sec = 1700000000;
    pkt.ts_usec = 123456;

    ck_assert_int_eq(parse1(VS_DLT_EN10MB, f_qinqinq, sizeof f_qinqinq, &pkt, NULL), VS_LINK_OK);
    ck_assert_uint_eq(pkt.dport, 80);
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, f_snap_cdp, sizeof f_snap_cdp, &pkt, NULL), VS_LINK_OK);
    ck_assert_int_eq(pkt.ts_sec, 1700000000);
    ck_assert_uint_eq(pkt.ts_usec, 123456);
    ck_assert_uint_eq(pkt.nvlans, 0);
    ck_assert_uint_eq(pkt.src_ip.family, 0);
    ck_assert_uint_eq(pkt.ip_proto, 0);
    ck_assert_uint_eq(pkt.sport, 0);
    ck_assert_uint_eq(pkt.dport, 0);
    ck_assert_uint_eq(pkt.tcp_flags, 0);
    ck_assert_uint_eq(pkt.tcp_seq, 0);
    ck_assert_uint_eq(pkt.l4_payload.n, 0);
    ck_assert(pkt.snap);
    ck_assert_int_eq(parse1(VS_DLT_NULL, f_null, sizeof f_null, &pkt, NULL), VS_LINK_OK);
    ck_assert(!pkt.llc && !pkt.snap);
    ck_assert_uint_eq(pkt.snap_oui, 0);
    ck_assert_ptr_null(pkt.src_mac);
    ck_assert_ptr_null(pkt.dst_mac);
    ck_assert_int_eq(pkt.ts_sec, 1700000000);
    /* an empty frame */
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, NULL, 0, &pkt, NULL), VS_LINK_TRUNCATED);
    ck_assert_ptr_null(pkt.src_mac);
    ck_assert_uint_eq(pkt.src_ip.family, 0);
}
END_TEST

START_TEST(test_truncated_keeps_what_is_known)
{
    struct vs_pkt pkt;
    /* MACs and VLANs known, IP header cut */
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, f_qinqinq, 40, &pkt, NULL), VS_LINK_TRUNCATED);
    ck_assert_str_eq(mac_str(pkt.src_mac), "c8:bc:c8:96:d2:a0");
    ck_assert_uint_eq(pkt.nvlans, 3);
    ck_assert_uint_eq(pkt.ethertype, 0x0800);
    ck_assert_uint_eq(pkt.src_ip.family, 0);
    /* IPs known, TCP cut after the ports */
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, f_qinqinq, 50, &pkt, NULL), VS_LINK_TRUNCATED);
    ck_assert_str_eq(ip_str(&pkt.src_ip), "141.142.228.5");
    ck_assert_uint_eq(pkt.ip_proto, 6);
    ck_assert_uint_eq(pkt.dport, 80);
    /* only the destination MAC */
    ck_assert_int_eq(parse1(VS_DLT_EN10MB, f_qinqinq, 8, &pkt, NULL), VS_LINK_TRUNCATED);
    ck_assert_str_eq(mac_str(pkt.dst_mac), "00:10:db:88:d2:ef");
    ck_assert_ptr_null(pkt.src_mac);
}
END_TEST

/* Nested tunnels: each layer hands back a strictly shorter inner frame; the caller stops
 * at VS_MAX_ENCAP_DEPTH. */
START_TEST(test_nested_encap)
{
    static uint8_t buf[64 * 20 + 64];
    size_t levels = 12, o = 0;
    size_t hdr = 14 + 20 + 8; /* Ethernet + IPv4 + GRE with key (TEB) */
    size_t total = levels * hdr + sizeof f_qinq;
    struct vs_pkt pkt;

    ck_assert(total <= sizeof buf);
    for (size_t i = 0; i < levels; i++) {
        size_t rest = total - o - 14;
        memcpy(buf + o, f_gre_teb, hdr);
        buf[o + 16] = (uint8_t)(rest >> 8);
        buf[o + 17] = (uint8_t)rest;
        o += hdr;
    }
    memcpy(buf + o, f_qinq, sizeof f_qinq);
    struct run r = run_frame(VS_DLT_EN10MB, buf, total);
    ck_assert_uint_eq(r.layers, VS_MAX_ENCAP_DEPTH + 1);
    ck_assert_int_eq(r.st, VS_LINK_ENCAP);

    /* with fewer levels the innermost frame comes out whole */
    r = run_frame(VS_DLT_EN10MB, buf + (levels - 3) * hdr, total - (levels - 3) * hdr);
    ck_assert_uint_eq(r.layers, 4);
    ck_assert_int_eq(r.st, VS_LINK_OK);
    ck_assert_uint_eq(r.pkt.nvlans, 2);
    ck_assert_uint_eq(r.pkt.ethertype, 0x0806);
    (void)pkt;
}
END_TEST

static Suite *link_suite(void)
{
    Suite *s = suite_create("link");
    TCase *tc;

    tc = tcase_create("frames");
    tcase_add_loop_test(tc, test_frame_whole, 0, (int)N(frame_cases));
    tcase_add_loop_test(tc, test_frame_prefixes, 0, (int)N(frame_cases));
    suite_add_tcase(s, tc);

    tc = tcase_create("ethernet");
    tcase_add_test(tc, test_ipv4_tcp_options);
    tcase_add_test(tc, test_qinq_8021ad);
    tcase_add_test(tc, test_qinqinq_tcp);
    tcase_add_test(tc, test_vlan_depth);
    tcase_add_test(tc, test_vlan_tpids);
    tcase_add_test(tc, test_llc_stp);
    tcase_add_test(tc, test_snap_cdp);
    tcase_add_test(tc, test_8023_lengths);
    tcase_add_test(tc, test_avsp);
    suite_add_tcase(s, tc);

    tc = tcase_create("ip");
    tcase_add_test(tc, test_ipv4_hostile);
    tcase_add_test(tc, test_udp_lengths);
    tcase_add_test(tc, test_sctp);
    tcase_add_test(tc, test_fragments);
    tcase_add_test(tc, test_ipv6_ext_headers);
    tcase_add_test(tc, test_ipv6_hostile);
    tcase_add_test(tc, test_icmpv6);
    tcase_add_test(tc, test_6in4);
    suite_add_tcase(s, tc);

    tc = tcase_create("dlt");
    tcase_add_test(tc, test_sll);
    tcase_add_test(tc, test_sll_address_types);
    tcase_add_test(tc, test_sll2);
    tcase_add_test(tc, test_null_loop);
    tcase_add_test(tc, test_raw_ip);
    tcase_add_test(tc, test_hdlc);
    tcase_add_test(tc, test_ppp);
    tcase_add_test(tc, test_unsupported);
    suite_add_tcase(s, tc);

    tc = tcase_create("shims");
    tcase_add_test(tc, test_pppoe);
    tcase_add_test(tc, test_mpls_ip);
    tcase_add_test(tc, test_mpls_pw);
    tcase_add_test(tc, test_mpls_depth);
    suite_add_tcase(s, tc);

    tc = tcase_create("tunnels");
    tcase_add_test(tc, test_erspan1);
    tcase_add_test(tc, test_erspan2);
    tcase_add_test(tc, test_erspan3);
    tcase_add_test(tc, test_gre_teb);
    tcase_add_test(tc, test_gre_ip);
    tcase_add_test(tc, test_gre_variants);
    tcase_add_test(tc, test_gre_cdp);
    tcase_add_test(tc, test_vxlan);
    tcase_add_test(tc, test_geneve);
    tcase_add_test(tc, test_nested_encap);
    suite_add_tcase(s, tc);

    tc = tcase_create("contract");
    tcase_add_test(tc, test_reset_between_frames);
    tcase_add_test(tc, test_truncated_keeps_what_is_known);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(link_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
