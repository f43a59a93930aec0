/* SPDX-License-Identifier: BSD-2-Clause */
/* check_lldp.c - LLDP decoder tests (IEEE 802.1AB-2016 clause 8, 802.1/802.3 org TLVs,
 * LLDP-MED TIA-1057): real LLDPDUs from the corpus with the values tshark decoded in
 * corpus/expected, crafted length attacks, limits and corpus replay. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "disc_walk.h"
#include "testutil.h"
#include "vendorsniff/dissect.h"


/* ---- evidence helpers --------------------------------------------------------------- */
static struct tu_collector col;

static enum vs_decode_status decode(vs_dissect_fn fn, const uint8_t *buf, size_t n)
{
    return tu_decode_into(fn, buf, n, &col);
}

#define EXPECT(f, v) TU_EXPECT(&col, f, v)

/* ---- real LLDPDUs (everything after ethertype 0x88cc) ------------------------------- */

/* ladvd lldp.detailed.pcap (Wireshark sample): Extreme Summit300-48, 802.1 and 802.3 TLVs. */
/* clang-format off */
static const uint8_t lldp_extreme[] = {
    /* Chassis ID, len 7: subtype 4 (MAC) 00:01:30:f9:ad:a0 */
    0x02, 0x07, 0x04, 0x00, 0x01, 0x30, 0xf9, 0xad, 0xa0,
    /* Port ID, len 4: subtype 5, "1/1" */
    0x04, 0x04, 0x05, 0x31, 0x2f, 0x31,
    /* TTL, len 2: 120 s */
    0x06, 0x02, 0x00, 0x78,
    /* Port Description, len 23: "Summit300-48-Port 1001." */
    0x08, 0x17, 0x53, 0x75, 0x6d, 0x6d, 0x69, 0x74, 0x33, 0x30, 0x30, 0x2d,
    0x34, 0x38, 0x2d, 0x50, 0x6f, 0x72, 0x74, 0x20, 0x31, 0x30, 0x30, 0x31,
    0x00,
    /* System Name, len 13: "Summit300-48." */
    0x0a, 0x0d, 0x53, 0x75, 0x6d, 0x6d, 0x69, 0x74, 0x33, 0x30, 0x30, 0x2d,
    0x34, 0x38, 0x00,
    /* System Description, len 76: "Summit300-48 - Version 7.4e.1 (Build 5) ..." */
    0x0c, 0x4c, 0x53, 0x75, 0x6d, 0x6d, 0x69, 0x74, 0x33, 0x30, 0x30, 0x2d,
    0x34, 0x38, 0x20, 0x2d, 0x20, 0x56, 0x65, 0x72, 0x73, 0x69, 0x6f, 0x6e,
    0x20, 0x37, 0x2e, 0x34, 0x65, 0x2e, 0x31, 0x20, 0x28, 0x42, 0x75, 0x69,
    0x6c, 0x64, 0x20, 0x35, 0x29, 0x20, 0x62, 0x79, 0x20, 0x52, 0x65, 0x6c,
    0x65, 0x61, 0x73, 0x65, 0x5f, 0x4d, 0x61, 0x73, 0x74, 0x65, 0x72, 0x20,
    0x30, 0x35, 0x2f, 0x32, 0x37, 0x2f, 0x30, 0x35, 0x20, 0x30, 0x34, 0x3a,
    0x35, 0x33, 0x3a, 0x31, 0x31, 0x00,
    /* System Capabilities, len 4: system 0x0014, enabled 0x0014 */
    0x0e, 0x04, 0x00, 0x14, 0x00, 0x14,
    /* Management Address, len 14: addr len 7, family 6 */
    0x10, 0x0e, 0x07, 0x06, 0x00, 0x01, 0x30, 0xf9, 0xad, 0xa0, 0x02, 0x00,
    0x00, 0x03, 0xe9, 0x00,
    /* Org specific, len 7: 802.3 power via MDI */
    0xfe, 0x07, 0x00, 0x12, 0x0f, 0x02, 0x07, 0x01, 0x00,
    /* Org specific, len 9: 802.3 MAC/PHY */
    0xfe, 0x09, 0x00, 0x12, 0x0f, 0x01, 0x03, 0x6c, 0x00, 0x00, 0x10,
    /* Org specific, len 9: 802.3 link aggregation */
    0xfe, 0x09, 0x00, 0x12, 0x0f, 0x03, 0x01, 0x00, 0x00, 0x00, 0x00,
    /* Org specific, len 6: 802.3 max frame size */
    0xfe, 0x06, 0x00, 0x12, 0x0f, 0x04, 0x05, 0xf2,
    /* Org specific, len 6: 802.1 port VLAN ID */
    0xfe, 0x06, 0x00, 0x80, 0xc2, 0x01, 0x01, 0xe8,
    /* Org specific, len 7: 802.1 port and protocol VLAN */
    0xfe, 0x07, 0x00, 0x80, 0xc2, 0x02, 0x01, 0x00, 0x00,
    /* Org specific, len 23: 802.1 VLAN name */
    0xfe, 0x17, 0x00, 0x80, 0xc2, 0x03, 0x01, 0xe8, 0x10, 0x76, 0x32, 0x2d,
    0x30, 0x34, 0x38, 0x38, 0x2d, 0x30, 0x33, 0x2d, 0x30, 0x35, 0x30, 0x35,
    0x00,
    /* Org specific, len 5: 802.1 protocol identity */
    0xfe, 0x05, 0x00, 0x80, 0xc2, 0x04, 0x00,
    /* End, len 0 */
    0x00, 0x00,
};
/* clang-format on */

/* ladvd 48.good.4500G.pcap: 3Com Switch 4500G with LLDP-MED inventory. */
/* clang-format off */
static const uint8_t lldp_3com[] = {
    /* Chassis ID, len 7: subtype 4 (MAC) 00:1e:c1:42:42:00 */
    0x02, 0x07, 0x04, 0x00, 0x1e, 0xc1, 0x42, 0x42, 0x00,
    /* Port ID, len 7: subtype 3 (MAC) 00:1e:c1:42:42:42 */
    0x04, 0x07, 0x03, 0x00, 0x1e, 0xc1, 0x42, 0x42, 0x42,
    /* TTL, len 2: 120 s */
    0x06, 0x02, 0x00, 0x78,
    /* Port Description, len 30: "GigabitEthernet1/0/9 Interface" */
    0x08, 0x1e, 0x47, 0x69, 0x67, 0x61, 0x62, 0x69, 0x74, 0x45, 0x74, 0x68,
    0x65, 0x72, 0x6e, 0x65, 0x74, 0x31, 0x2f, 0x30, 0x2f, 0x39, 0x20, 0x49,
    0x6e, 0x74, 0x65, 0x72, 0x66, 0x61, 0x63, 0x65,
    /* System Name, len 8: "sw2.blat" */
    0x0a, 0x08, 0x73, 0x77, 0x32, 0x2e, 0x62, 0x6c, 0x61, 0x74,
    /* System Description, len 66: "3Com Switch 4500G 48-Port Software Versi..." */
    0x0c, 0x42, 0x33, 0x43, 0x6f, 0x6d, 0x20, 0x53, 0x77, 0x69, 0x74, 0x63,
    0x68, 0x20, 0x34, 0x35, 0x30, 0x30, 0x47, 0x20, 0x34, 0x38, 0x2d, 0x50,
    0x6f, 0x72, 0x74, 0x20, 0x53, 0x6f, 0x66, 0x74, 0x77, 0x61, 0x72, 0x65,
    0x20, 0x56, 0x65, 0x72, 0x73, 0x69, 0x6f, 0x6e, 0x20, 0x33, 0x43, 0x6f,
    0x6d, 0x20, 0x4f, 0x53, 0x20, 0x56, 0x35, 0x2e, 0x30, 0x32, 0x2e, 0x30,
    0x30, 0x73, 0x31, 0x36, 0x38, 0x70, 0x32, 0x30,
    /* System Capabilities, len 4: system 0x0014, enabled 0x0014 */
    0x0e, 0x04, 0x00, 0x14, 0x00, 0x14,
    /* Management Address, len 13: addr len 5, family 1 */
    0x10, 0x0d, 0x05, 0x01, 0xac, 0x14, 0xca, 0x01, 0x02, 0x00, 0x00, 0x00,
    0x37, 0x01, 0x00,
    /* Org specific, len 7: MED capabilities */
    0xfe, 0x07, 0x00, 0x12, 0xbb, 0x01, 0x00, 0x27, 0x04,
    /* Org specific, len 8: MED network policy */
    0xfe, 0x08, 0x00, 0x12, 0xbb, 0x02, 0x00, 0x80, 0x00, 0x00,
    /* Org specific, len 9: MED hardware rev "REV.B" */
    0xfe, 0x09, 0x00, 0x12, 0xbb, 0x05, 0x52, 0x45, 0x56, 0x2e, 0x42,
    /* Org specific, len 7: MED firmware rev "506" */
    0xfe, 0x07, 0x00, 0x12, 0xbb, 0x06, 0x35, 0x30, 0x36,
    /* Org specific, len 18: MED software rev "5.02.00s168p20" */
    0xfe, 0x12, 0x00, 0x12, 0xbb, 0x07, 0x35, 0x2e, 0x30, 0x32, 0x2e, 0x30,
    0x30, 0x73, 0x31, 0x36, 0x38, 0x70, 0x32, 0x30,
    /* Org specific, len 17: MED serial "YEASDASDASD00" */
    0xfe, 0x11, 0x00, 0x12, 0xbb, 0x08, 0x59, 0x45, 0x41, 0x53, 0x44, 0x41,
    0x53, 0x44, 0x41, 0x53, 0x44, 0x30, 0x30,
    /* Org specific, len 8: MED manufacturer "3Com" */
    0xfe, 0x08, 0x00, 0x12, 0xbb, 0x09, 0x33, 0x43, 0x6f, 0x6d,
    /* Org specific, len 15: MED model "3CR17762-91" */
    0xfe, 0x0f, 0x00, 0x12, 0xbb, 0x0a, 0x33, 0x43, 0x52, 0x31, 0x37, 0x37,
    0x36, 0x32, 0x2d, 0x39, 0x31,
    /* Org specific, len 11: MED asset ID "Unknown" */
    0xfe, 0x0b, 0x00, 0x12, 0xbb, 0x0b, 0x55, 0x6e, 0x6b, 0x6e, 0x6f, 0x77,
    0x6e,
    /* Org specific, len 9: 802.3 MAC/PHY */
    0xfe, 0x09, 0x00, 0x12, 0x0f, 0x01, 0x03, 0x00, 0x00, 0x00, 0x1e,
    /* Org specific, len 7: 802.3 power via MDI */
    0xfe, 0x07, 0x00, 0x12, 0x0f, 0x02, 0x00, 0x01, 0x01,
    /* Org specific, len 9: 802.3 link aggregation */
    0xfe, 0x09, 0x00, 0x12, 0x0f, 0x03, 0x03, 0x00, 0x00, 0x00, 0x09,
    /* Org specific, len 6: 802.3 max frame size */
    0xfe, 0x06, 0x00, 0x12, 0x0f, 0x04, 0x24, 0x00,
    /* Org specific, len 6: 802.1 port VLAN ID */
    0xfe, 0x06, 0x00, 0x80, 0xc2, 0x01, 0x00, 0x01,
    /* Org specific, len 7: 802.1 port and protocol VLAN */
    0xfe, 0x07, 0x00, 0x80, 0xc2, 0x02, 0x02, 0x00, 0x01,
    /* Org specific, len 14: 802.1 VLAN name */
    0xfe, 0x0e, 0x00, 0x80, 0xc2, 0x03, 0x00, 0x01, 0x07, 0x49, 0x41, 0x53,
    0x44, 0x41, 0x53, 0x44,
    /* End, len 0 */
    0x00, 0x00,
};
/* clang-format on */

/* arkime wireshark-lldp.pcap frame 3: HP ProCurve 2600-8-PWR, MED policy/civic/power. */
/* clang-format off */
static const uint8_t lldp_procurve[] = {
    /* Chassis ID, len 7: subtype 4 (MAC) 00:13:21:57:ca:40 */
    0x02, 0x07, 0x04, 0x00, 0x13, 0x21, 0x57, 0xca, 0x40,
    /* Port ID, len 2: subtype 7, "1" */
    0x04, 0x02, 0x07, 0x31,
    /* TTL, len 2: 120 s */
    0x06, 0x02, 0x00, 0x78,
    /* Port Description, len 1: "1" */
    0x08, 0x01, 0x31,
    /* System Name, len 26: "ProCurve Switch 2600-8-PWR" */
    0x0a, 0x1a, 0x50, 0x72, 0x6f, 0x43, 0x75, 0x72, 0x76, 0x65, 0x20, 0x53,
    0x77, 0x69, 0x74, 0x63, 0x68, 0x20, 0x32, 0x36, 0x30, 0x30, 0x2d, 0x38,
    0x2d, 0x50, 0x57, 0x52,
    /* System Description, len 95: "ProCurve J8762A Switch 2600-8-PWR, revis..." */
    0x0c, 0x5f, 0x50, 0x72, 0x6f, 0x43, 0x75, 0x72, 0x76, 0x65, 0x20, 0x4a,
    0x38, 0x37, 0x36, 0x32, 0x41, 0x20, 0x53, 0x77, 0x69, 0x74, 0x63, 0x68,
    0x20, 0x32, 0x36, 0x30, 0x30, 0x2d, 0x38, 0x2d, 0x50, 0x57, 0x52, 0x2c,
    0x20, 0x72, 0x65, 0x76, 0x69, 0x73, 0x69, 0x6f, 0x6e, 0x20, 0x48, 0x2e,
    0x30, 0x38, 0x2e, 0x38, 0x39, 0x2c, 0x20, 0x52, 0x4f, 0x4d, 0x20, 0x48,
    0x2e, 0x30, 0x38, 0x2e, 0x35, 0x58, 0x20, 0x28, 0x2f, 0x73, 0x77, 0x2f,
    0x63, 0x6f, 0x64, 0x65, 0x2f, 0x62, 0x75, 0x69, 0x6c, 0x64, 0x2f, 0x66,
    0x69, 0x73, 0x68, 0x28, 0x74, 0x73, 0x5f, 0x30, 0x38, 0x5f, 0x35, 0x29,
    0x29,
    /* System Capabilities, len 4: system 0x0014, enabled 0x0004 */
    0x0e, 0x04, 0x00, 0x14, 0x00, 0x04,
    /* Management Address, len 12: addr len 5, family 1 */
    0x10, 0x0c, 0x05, 0x01, 0x0f, 0xff, 0x7a, 0x94, 0x02, 0x00, 0x00, 0x00,
    0x00, 0x00,
    /* Org specific, len 9: 802.3 MAC/PHY */
    0xfe, 0x09, 0x00, 0x12, 0x0f, 0x01, 0x03, 0x6c, 0x00, 0x00, 0x10,
    /* Org specific, len 7: MED capabilities */
    0xfe, 0x07, 0x00, 0x12, 0xbb, 0x01, 0x00, 0x0f, 0x04,
    /* Org specific, len 8: MED network policy */
    0xfe, 0x08, 0x00, 0x12, 0xbb, 0x02, 0x01, 0x40, 0x65, 0xae,
    /* Org specific, len 46: MED location */
    0xfe, 0x2e, 0x00, 0x12, 0xbb, 0x03, 0x02, 0x28, 0x02, 0x55, 0x53, 0x01,
    0x02, 0x43, 0x41, 0x03, 0x09, 0x52, 0x6f, 0x73, 0x65, 0x76, 0x69, 0x6c,
    0x6c, 0x65, 0x06, 0x09, 0x46, 0x6f, 0x6f, 0x74, 0x68, 0x69, 0x6c, 0x6c,
    0x73, 0x13, 0x04, 0x38, 0x30, 0x30, 0x30, 0x1a, 0x03, 0x52, 0x33, 0x4c,
    /* Org specific, len 7: MED extended power */
    0xfe, 0x07, 0x00, 0x12, 0xbb, 0x04, 0x03, 0x00, 0x41,
    /* End, len 0 */
    0x00, 0x00,
};
/* clang-format on */

/* packetnet lldp.pcap: Cisco IP Phone 7911G, network-address chassis ID. */
/* clang-format off */
static const uint8_t lldp_phone[] = {
    /* Chassis ID, len 6: subtype 5 (network address) 172.16.10.109 */
    0x02, 0x06, 0x05, 0x01, 0xac, 0x10, 0x0a, 0x6d,
    /* Port ID, len 16: subtype 7, "001B54945A8B:P2" */
    0x04, 0x10, 0x07, 0x30, 0x30, 0x31, 0x42, 0x35, 0x34, 0x39, 0x34, 0x35,
    0x41, 0x38, 0x42, 0x3a, 0x50, 0x32,
    /* TTL, len 2: 180 s */
    0x06, 0x02, 0x00, 0xb4,
    /* Port Description, len 7: "PC Port" */
    0x08, 0x07, 0x50, 0x43, 0x20, 0x50, 0x6f, 0x72, 0x74,
    /* System Name, len 24: "SEP001B54945A8B.elmec.ad" */
    0x0a, 0x18, 0x53, 0x45, 0x50, 0x30, 0x30, 0x31, 0x42, 0x35, 0x34, 0x39,
    0x34, 0x35, 0x41, 0x38, 0x42, 0x2e, 0x65, 0x6c, 0x6d, 0x65, 0x63, 0x2e,
    0x61, 0x64,
    /* System Description, len 41: "Cisco IP Phone CP-7911G,V2, SCCP11.8-4-3..." */
    0x0c, 0x29, 0x43, 0x69, 0x73, 0x63, 0x6f, 0x20, 0x49, 0x50, 0x20, 0x50,
    0x68, 0x6f, 0x6e, 0x65, 0x20, 0x43, 0x50, 0x2d, 0x37, 0x39, 0x31, 0x31,
    0x47, 0x2c, 0x56, 0x32, 0x2c, 0x20, 0x53, 0x43, 0x43, 0x50, 0x31, 0x31,
    0x2e, 0x38, 0x2d, 0x34, 0x2d, 0x33, 0x53,
    /* System Capabilities, len 4: system 0x0024, enabled 0x0024 */
    0x0e, 0x04, 0x00, 0x24, 0x00, 0x24,
    /* Management Address, len 12: addr len 5, family 1 */
    0x10, 0x0c, 0x05, 0x01, 0xac, 0x10, 0x0a, 0x6d, 0x01, 0x00, 0x00, 0x00,
    0x00, 0x00,
    /* Org specific, len 9: 802.3 MAC/PHY */
    0xfe, 0x09, 0x00, 0x12, 0x0f, 0x01, 0x03, 0x00, 0x36, 0x00, 0x10,
    /* End, len 0 */
    0x00, 0x00,
};
/* clang-format on */

/* ladvd 53.good.ipv6.pcap: Supermicro BMC, chassis-component ID "foobar", IPv6 mgmt. */
/* clang-format off */
static const uint8_t lldp_ipv6[] = {
    /* Chassis ID, len 7: subtype 1, "foobar" */
    0x02, 0x07, 0x01, 0x66, 0x6f, 0x6f, 0x62, 0x61, 0x72,
    /* Port ID, len 7: subtype 3 (MAC) 62:6f:6e:64:30:30 */
    0x04, 0x07, 0x03, 0x62, 0x6f, 0x6e, 0x64, 0x30, 0x30,
    /* TTL, len 2: 120 s */
    0x06, 0x02, 0x00, 0x78,
    /* Port Description, len 5: "bond0" */
    0x08, 0x05, 0x62, 0x6f, 0x6e, 0x64, 0x30,
    /* System Name, len 13: "(none).(none)" */
    0x0a, 0x0d, 0x28, 0x6e, 0x6f, 0x6e, 0x65, 0x29, 0x2e, 0x28, 0x6e, 0x6f,
    0x6e, 0x65, 0x29,
    /* System Description, len 37: "armv5tejl/Linux 2.6.17.WB_WPCM450.1.3" */
    0x0c, 0x25, 0x61, 0x72, 0x6d, 0x76, 0x35, 0x74, 0x65, 0x6a, 0x6c, 0x2f,
    0x4c, 0x69, 0x6e, 0x75, 0x78, 0x20, 0x32, 0x2e, 0x36, 0x2e, 0x31, 0x37,
    0x2e, 0x57, 0x42, 0x5f, 0x57, 0x50, 0x43, 0x4d, 0x34, 0x35, 0x30, 0x2e,
    0x31, 0x2e, 0x33,
    /* System Capabilities, len 4: system 0x0080, enabled 0x0080 */
    0x0e, 0x04, 0x00, 0x80, 0x00, 0x80,
    /* Management Address, len 24: addr len 17, family 2 */
    0x10, 0x18, 0x11, 0x02, 0x02, 0xac, 0x1f, 0x00, 0x80, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00,
    0x00, 0x00,
    /* End, len 0 */
    0x00, 0x00,
};
/* clang-format on */

/* lldpd 8023bt.pcap: Catalyst 9000, 802.3bt power via MDI and a Cisco org TLV. */
/* clang-format off */
static const uint8_t lldp_c9k[] = {
    /* Chassis ID, len 7: subtype 4 (MAC) c0:64:e4:a9:9b:80 */
    0x02, 0x07, 0x04, 0xc0, 0x64, 0xe4, 0xa9, 0x9b, 0x80,
    /* Port ID, len 8: subtype 5, "Gi1/0/2" */
    0x04, 0x08, 0x05, 0x47, 0x69, 0x31, 0x2f, 0x30, 0x2f, 0x32,
    /* TTL, len 2: 120 s */
    0x06, 0x02, 0x00, 0x78,
    /* System Name, len 15: "cisco-bt-switch" */
    0x0a, 0x0f, 0x63, 0x69, 0x73, 0x63, 0x6f, 0x2d, 0x62, 0x74, 0x2d, 0x73,
    0x77, 0x69, 0x74, 0x63, 0x68,
    /* System Description, len 251: "Cisco IOS Software [Gibraltar], Catalyst..." */
    0x0c, 0xfb, 0x43, 0x69, 0x73, 0x63, 0x6f, 0x20, 0x49, 0x4f, 0x53, 0x20,
    0x53, 0x6f, 0x66, 0x74, 0x77, 0x61, 0x72, 0x65, 0x20, 0x5b, 0x47, 0x69,
    0x62, 0x72, 0x61, 0x6c, 0x74, 0x61, 0x72, 0x5d, 0x2c, 0x20, 0x43, 0x61,
    0x74, 0x61, 0x6c, 0x79, 0x73, 0x74, 0x20, 0x4c, 0x33, 0x20, 0x53, 0x77,
    0x69, 0x74, 0x63, 0x68, 0x20, 0x53, 0x6f, 0x66, 0x74, 0x77, 0x61, 0x72,
    0x65, 0x20, 0x28, 0x43, 0x41, 0x54, 0x39, 0x4b, 0x5f, 0x49, 0x4f, 0x53,
    0x58, 0x45, 0x29, 0x2c, 0x20, 0x56, 0x65, 0x72, 0x73, 0x69, 0x6f, 0x6e,
    0x20, 0x31, 0x36, 0x2e, 0x31, 0x32, 0x2e, 0x31, 0x2c, 0x20, 0x52, 0x45,
    0x4c, 0x45, 0x41, 0x53, 0x45, 0x20, 0x53, 0x4f, 0x46, 0x54, 0x57, 0x41,
    0x52, 0x45, 0x20, 0x28, 0x66, 0x63, 0x34, 0x29, 0x0a, 0x54, 0x65, 0x63,
    0x68, 0x6e, 0x69, 0x63, 0x61, 0x6c, 0x20, 0x53, 0x75, 0x70, 0x70, 0x6f,
    0x72, 0x74, 0x3a, 0x20, 0x68, 0x74, 0x74, 0x70, 0x3a, 0x2f, 0x2f, 0x77,
    0x77, 0x77, 0x2e, 0x63, 0x69, 0x73, 0x63, 0x6f, 0x2e, 0x63, 0x6f, 0x6d,
    0x2f, 0x74, 0x65, 0x63, 0x68, 0x73, 0x75, 0x70, 0x70, 0x6f, 0x72, 0x74,
    0x0a, 0x43, 0x6f, 0x70, 0x79, 0x72, 0x69, 0x67, 0x68, 0x74, 0x20, 0x28,
    0x63, 0x29, 0x20, 0x31, 0x39, 0x38, 0x36, 0x2d, 0x32, 0x30, 0x31, 0x39,
    0x20, 0x62, 0x79, 0x20, 0x43, 0x69, 0x73, 0x63, 0x6f, 0x20, 0x53, 0x79,
    0x73, 0x74, 0x65, 0x6d, 0x73, 0x2c, 0x20, 0x49, 0x6e, 0x63, 0x2e, 0x0a,
    0x43, 0x6f, 0x6d, 0x70, 0x69, 0x6c, 0x65, 0x64, 0x20, 0x54, 0x75, 0x65,
    0x20, 0x33, 0x30, 0x2d, 0x4a, 0x75, 0x6c, 0x2d, 0x31, 0x39, 0x20, 0x31,
    0x39, 0x3a, 0x31, 0x37, 0x20, 0x62, 0x79, 0x20, 0x6d, 0x63, 0x70, 0x72,
    0x65,
    /* Port Description, len 20: "GigabitEthernet1/0/2" */
    0x08, 0x14, 0x47, 0x69, 0x67, 0x61, 0x62, 0x69, 0x74, 0x45, 0x74, 0x68,
    0x65, 0x72, 0x6e, 0x65, 0x74, 0x31, 0x2f, 0x30, 0x2f, 0x32,
    /* System Capabilities, len 4: system 0x0014, enabled 0x0004 */
    0x0e, 0x04, 0x00, 0x14, 0x00, 0x04,
    /* Management Address, len 12: addr len 5, family 1 */
    0x10, 0x0c, 0x05, 0x01, 0xc0, 0xa8, 0x01, 0x01, 0x03, 0x00, 0x00, 0x00,
    0x35, 0x00,
    /* Org specific, len 6: 802.1 port VLAN ID */
    0xfe, 0x06, 0x00, 0x80, 0xc2, 0x01, 0x00, 0x01,
    /* Org specific, len 9: 802.3 MAC/PHY */
    0xfe, 0x09, 0x00, 0x12, 0x0f, 0x01, 0x03, 0x80, 0x00, 0x00, 0x1e,
    /* Org specific, len 29: 802.3 power via MDI */
    0xfe, 0x1d, 0x00, 0x12, 0x0f, 0x02, 0x0f, 0x01, 0x05, 0x13, 0x02, 0xc6,
    0x01, 0xfe, 0x01, 0x63, 0x01, 0x63, 0x00, 0xff, 0x00, 0xff, 0xce, 0x4f,
    0x00, 0x01, 0xfe, 0x00, 0x00, 0x00, 0x00,
    /* Org specific, len 5: OUI 00:01:42 subtype 1 */
    0xfe, 0x05, 0x00, 0x01, 0x42, 0x01, 0x09,
    /* End, len 0 */
    0x00, 0x00,
};
/* clang-format on */

/* tcpdump erspan-type-i-4.pcap frame 24 (inner frame): H3C S5800, CR LF in sysDescr. */
/* clang-format off */
static const uint8_t lldp_h3c[] = {
    /* Chassis ID, len 7: subtype 4 (MAC) 00:23:89:af:d2:52 */
    0x02, 0x07, 0x04, 0x00, 0x23, 0x89, 0xaf, 0xd2, 0x52,
    /* Port ID, len 21: subtype 5, "GigabitEthernet1/0/2" */
    0x04, 0x15, 0x05, 0x47, 0x69, 0x67, 0x61, 0x62, 0x69, 0x74, 0x45, 0x74,
    0x68, 0x65, 0x72, 0x6e, 0x65, 0x74, 0x31, 0x2f, 0x30, 0x2f, 0x32,
    /* TTL, len 2: 120 s */
    0x06, 0x02, 0x00, 0x78,
    /* Port Description, len 30: "GigabitEthernet1/0/2 Interface" */
    0x08, 0x1e, 0x47, 0x69, 0x67, 0x61, 0x62, 0x69, 0x74, 0x45, 0x74, 0x68,
    0x65, 0x72, 0x6e, 0x65, 0x74, 0x31, 0x2f, 0x30, 0x2f, 0x32, 0x20, 0x49,
    0x6e, 0x74, 0x65, 0x72, 0x66, 0x61, 0x63, 0x65,
    /* System Name, len 8: "Device C" */
    0x0a, 0x08, 0x44, 0x65, 0x76, 0x69, 0x63, 0x65, 0x20, 0x43,
    /* System Description, len 163: "H3C Comware Platform Software, Software ..." */
    0x0c, 0xa3, 0x48, 0x33, 0x43, 0x20, 0x43, 0x6f, 0x6d, 0x77, 0x61, 0x72,
    0x65, 0x20, 0x50, 0x6c, 0x61, 0x74, 0x66, 0x6f, 0x72, 0x6d, 0x20, 0x53,
    0x6f, 0x66, 0x74, 0x77, 0x61, 0x72, 0x65, 0x2c, 0x20, 0x53, 0x6f, 0x66,
    0x74, 0x77, 0x61, 0x72, 0x65, 0x20, 0x56, 0x65, 0x72, 0x73, 0x69, 0x6f,
    0x6e, 0x20, 0x35, 0x2e, 0x32, 0x30, 0x2c, 0x20, 0x52, 0x65, 0x6c, 0x65,
    0x61, 0x73, 0x65, 0x20, 0x31, 0x38, 0x30, 0x38, 0x50, 0x30, 0x38, 0x0d,
    0x0a, 0x48, 0x33, 0x43, 0x20, 0x53, 0x35, 0x38, 0x30, 0x30, 0x2d, 0x35,
    0x36, 0x43, 0x2d, 0x50, 0x57, 0x52, 0x0d, 0x0a, 0x43, 0x6f, 0x70, 0x79,
    0x72, 0x69, 0x67, 0x68, 0x74, 0x20, 0x28, 0x63, 0x29, 0x20, 0x32, 0x30,
    0x30, 0x34, 0x2d, 0x32, 0x30, 0x31, 0x33, 0x20, 0x48, 0x61, 0x6e, 0x67,
    0x7a, 0x68, 0x6f, 0x75, 0x20, 0x48, 0x33, 0x43, 0x20, 0x54, 0x65, 0x63,
    0x68, 0x2e, 0x20, 0x43, 0x6f, 0x2e, 0x2c, 0x20, 0x4c, 0x74, 0x64, 0x2e,
    0x20, 0x41, 0x6c, 0x6c, 0x20, 0x72, 0x69, 0x67, 0x68, 0x74, 0x73, 0x20,
    0x72, 0x65, 0x73, 0x65, 0x72, 0x76, 0x65, 0x64, 0x2e,
    /* System Capabilities, len 4: system 0x0014, enabled 0x0014 */
    0x0e, 0x04, 0x00, 0x14, 0x00, 0x14,
    /* Management Address, len 13: addr len 5, family 1 */
    0x10, 0x0d, 0x05, 0x01, 0x28, 0x01, 0x01, 0x01, 0x02, 0x00, 0x00, 0x00,
    0x3c, 0x01, 0x00,
    /* Org specific, len 6: 802.1 port VLAN ID */
    0xfe, 0x06, 0x00, 0x80, 0xc2, 0x01, 0x00, 0x0a,
    /* Org specific, len 7: 802.1 port and protocol VLAN */
    0xfe, 0x07, 0x00, 0x80, 0xc2, 0x02, 0x02, 0x00, 0x00,
    /* Org specific, len 16: 802.1 VLAN name */
    0xfe, 0x10, 0x00, 0x80, 0xc2, 0x03, 0x00, 0x0a, 0x09, 0x56, 0x4c, 0x41,
    0x4e, 0x20, 0x30, 0x30, 0x31, 0x30,
    /* Org specific, len 9: 802.3 MAC/PHY */
    0xfe, 0x09, 0x00, 0x12, 0x0f, 0x01, 0x03, 0x6c, 0xc1, 0x00, 0x1e,
    /* Org specific, len 12: 802.3 power via MDI */
    0xfe, 0x0c, 0x00, 0x12, 0x0f, 0x02, 0x03, 0x01, 0x01, 0x13, 0x00, 0x00,
    0x00, 0xcf,
    /* Org specific, len 9: 802.3 link aggregation */
    0xfe, 0x09, 0x00, 0x12, 0x0f, 0x03, 0x01, 0x00, 0x00, 0x00, 0x00,
    /* Org specific, len 6: 802.3 max frame size */
    0xfe, 0x06, 0x00, 0x12, 0x0f, 0x04, 0x27, 0x10,
    /* End, len 0 */
    0x00, 0x00,
};
/* clang-format on */

START_TEST(test_extreme_summit)
{
    ck_assert_int_eq(decode(vs_lldp_dissect, lldp_extreme, sizeof lldp_extreme), VS_DECODE_OK);
    EXPECT(VS_F_LLDP_CHASSIS_ID, "00:01:30:f9:ad:a0");
    const struct tu_ev *e = tu_find(&col, VS_F_LLDP_CHASSIS_ID);
    static const uint8_t mac[6] = {0x00, 0x01, 0x30, 0xf9, 0xad, 0xa0};
    ck_assert(e->has_mac && memcmp(e->mac, mac, 6) == 0);
    EXPECT(VS_F_LLDP_PORT_ID, "1/1");
    EXPECT(VS_F_LLDP_PORT_DESCRIPTION, "Summit300-48-Port 1001");
    EXPECT(VS_F_LLDP_SYSTEM_NAME, "Summit300-48");
    EXPECT(VS_F_LLDP_SYSTEM_DESCRIPTION,
           "Summit300-48 - Version 7.4e.1 (Build 5) by Release_Master 05/27/05 04:53:11");
    EXPECT(VS_F_LLDP_CAPABILITIES, "Bridge,Router");
    /* An 802 management address is MAC text but must not re-key the device. */
    EXPECT(VS_F_LLDP_MANAGEMENT_ADDRESS, "00:01:30:f9:ad:a0");
    e = tu_find(&col, VS_F_LLDP_MANAGEMENT_ADDRESS);
    ck_assert(!e->has_mac && !e->has_ip);
    ck_assert_uint_eq(e->num, 1001); /* interface number */
    EXPECT(VS_F_LLDP_PORT_VLAN_ID, "488");
    ck_assert_uint_eq(tu_find(&col, VS_F_LLDP_PORT_VLAN_ID)->num, 488);
    EXPECT(VS_F_LLDP_VLAN_NAME, "v2-0488-03-0505");
    EXPECT(VS_F_LLDP_MAX_FRAME_SIZE, "1522");
    EXPECT(VS_F_LLDP_MAC_PHY, "autoneg supported/enabled, mau 100BaseTXFD (16)");
    EXPECT(VS_F_LLDP_POWER, "PSE, MDI power supported, enabled, pairs signal");
    /* Trailing NULs of the strings are gone, not kept in the length. */
    ck_assert_uint_eq(tu_find(&col, VS_F_LLDP_SYSTEM_NAME)->len, strlen("Summit300-48"));
    ck_assert_uint_eq(col.n, 12);
}
END_TEST

START_TEST(test_3com_med_inventory)
{
    ck_assert_int_eq(decode(vs_lldp_dissect, lldp_3com, sizeof lldp_3com), VS_DECODE_OK);
    EXPECT(VS_F_LLDP_CHASSIS_ID, "00:1e:c1:42:42:00");
    EXPECT(VS_F_LLDP_PORT_ID, "00:1e:c1:42:42:42");
    ck_assert(tu_find(&col, VS_F_LLDP_PORT_ID)->has_mac);
    EXPECT(VS_F_LLDP_PORT_DESCRIPTION, "GigabitEthernet1/0/9 Interface");
    EXPECT(VS_F_LLDP_SYSTEM_NAME, "sw2.blat");
    EXPECT(VS_F_LLDP_SYSTEM_DESCRIPTION,
           "3Com Switch 4500G 48-Port Software Version 3Com OS V5.02.00s168p20");
    EXPECT(VS_F_LLDP_MANAGEMENT_ADDRESS, "172.20.202.1");
    const struct tu_ev *e = tu_find(&col, VS_F_LLDP_MANAGEMENT_ADDRESS);
    ck_assert(e->has_ip && e->ip.family == 4 && e->ip.a[0] == 172 && e->ip.a[3] == 1);
    EXPECT(VS_F_LLDP_MED_DEVICE_CLASS, "Network Connectivity");
    EXPECT(VS_F_LLDP_MED_CAPABILITIES,
           "LLDP-MED Capabilities,Network Policy,Location Identification,Inventory");
    EXPECT(VS_F_LLDP_MED_HARDWARE_REVISION, "REV.B");
    EXPECT(VS_F_LLDP_MED_FIRMWARE_REVISION, "506");
    EXPECT(VS_F_LLDP_MED_SOFTWARE_REVISION, "5.02.00s168p20");
    EXPECT(VS_F_LLDP_MED_SERIAL_NUMBER, "YEASDASDASD00");
    EXPECT(VS_F_LLDP_MED_MANUFACTURER, "3Com");
    EXPECT(VS_F_LLDP_MED_MODEL_NAME, "3CR17762-91");
    EXPECT(VS_F_LLDP_MED_ASSET_ID, "Unknown");
    EXPECT(VS_F_LLDP_MAX_FRAME_SIZE, "9216");
    EXPECT(VS_F_LLDP_PORT_VLAN_ID, "1");
    EXPECT(VS_F_LLDP_VLAN_NAME, "IASDASD");
    EXPECT(VS_F_LLDP_MAC_PHY, "autoneg supported/enabled, mau 1000BaseTFD (30)");
}
END_TEST

START_TEST(test_procurve_med)
{
    ck_assert_int_eq(decode(vs_lldp_dissect, lldp_procurve, sizeof lldp_procurve), VS_DECODE_OK);
    EXPECT(VS_F_LLDP_CHASSIS_ID, "00:13:21:57:ca:40");
    EXPECT(VS_F_LLDP_PORT_ID, "1"); /* locally assigned: a string */
    EXPECT(VS_F_LLDP_SYSTEM_NAME, "ProCurve Switch 2600-8-PWR");
    /* system caps Bridge,Router but only Bridge enabled: the enabled set is the evidence */
    EXPECT(VS_F_LLDP_CAPABILITIES, "Bridge");
    ck_assert_uint_eq(tu_find(&col, VS_F_LLDP_CAPABILITIES)->num, 0x00140004u);
    EXPECT(VS_F_LLDP_MANAGEMENT_ADDRESS, "15.255.122.148");
    EXPECT(VS_F_LLDP_MED_DEVICE_CLASS, "Network Connectivity");
    EXPECT(VS_F_LLDP_MED_NETWORK_POLICY, "Voice: vlan 50, tagged, priority 6, dscp 46");
    EXPECT(VS_F_LLDP_MED_LOCATION,
           "civic US: state=CA, city=Roseville, street=Foothills, house-number=8000, unit=R3L");
    EXPECT(VS_F_LLDP_MED_POWER, "PSE, source unknown, priority low, 6.5 W");
}
END_TEST

START_TEST(test_phone_network_address_chassis)
{
    ck_assert_int_eq(decode(vs_lldp_dissect, lldp_phone, sizeof lldp_phone), VS_DECODE_OK);
    EXPECT(VS_F_LLDP_CHASSIS_ID, "172.16.10.109");
    const struct tu_ev *e = tu_find(&col, VS_F_LLDP_CHASSIS_ID);
    ck_assert(e->has_ip && !e->has_mac);
    EXPECT(VS_F_LLDP_PORT_ID, "001B54945A8B:P2");
    EXPECT(VS_F_LLDP_PORT_DESCRIPTION, "PC Port");
    EXPECT(VS_F_LLDP_SYSTEM_NAME, "SEP001B54945A8B.elmec.ad");
    EXPECT(VS_F_LLDP_SYSTEM_DESCRIPTION, "Cisco IP Phone CP-7911G,V2, SCCP11.8-4-3S");
    EXPECT(VS_F_LLDP_CAPABILITIES, "Bridge,Telephone");
}
END_TEST

START_TEST(test_chassis_component_and_ipv6)
{
    ck_assert_int_eq(decode(vs_lldp_dissect, lldp_ipv6, sizeof lldp_ipv6), VS_DECODE_OK);
    /* tshark shows a chassis-component ID as bytes: so do we, and it keys nothing */
    EXPECT(VS_F_LLDP_CHASSIS_ID, "66:6f:6f:62:61:72");
    ck_assert(!tu_find(&col, VS_F_LLDP_CHASSIS_ID)->has_mac);
    EXPECT(VS_F_LLDP_PORT_ID, "62:6f:6e:64:30:30");
    EXPECT(VS_F_LLDP_CAPABILITIES, "Station only");
    EXPECT(VS_F_LLDP_MANAGEMENT_ADDRESS, "2ac:1f00:8000::");
    const struct tu_ev *e = tu_find(&col, VS_F_LLDP_MANAGEMENT_ADDRESS);
    ck_assert(e->has_ip && e->ip.family == 6);
}
END_TEST

START_TEST(test_catalyst_8023bt_power)
{
    ck_assert_int_eq(decode(vs_lldp_dissect, lldp_c9k, sizeof lldp_c9k), VS_DECODE_OK);
    EXPECT(VS_F_LLDP_PORT_ID, "Gi1/0/2");
    EXPECT(VS_F_LLDP_SYSTEM_NAME, "cisco-bt-switch");
    EXPECT(VS_F_LLDP_SYSTEM_DESCRIPTION,
           "Cisco IOS Software [Gibraltar], Catalyst L3 Switch Software (CAT9K_IOSXE), Version "
           "16.12.1, RELEASE SOFTWARE (fc4)\nTechnical Support: http://www.cisco.com/techsupport\n"
           "Copyright (c) 1986-2019 by Cisco Systems, Inc.\nCompiled Tue 30-Jul-19 19:17 by mcpre");
    EXPECT(VS_F_LLDP_POWER, "PSE, MDI power supported, enabled, pairs signal, class 4, type 2 "
                            "PSE, requested 71.0 W, allocated 51.0 W");
    EXPECT(VS_F_LLDP_MANAGEMENT_ADDRESS, "192.168.1.1");
}
END_TEST

START_TEST(test_h3c_crlf_kept)
{
    ck_assert_int_eq(decode(vs_lldp_dissect, lldp_h3c, sizeof lldp_h3c), VS_DECODE_OK);
    EXPECT(VS_F_LLDP_SYSTEM_NAME, "Device C");
    EXPECT(VS_F_LLDP_SYSTEM_DESCRIPTION,
           "H3C Comware Platform Software, Software Version 5.20, Release 1808P08\r\nH3C "
           "S5800-56C-PWR\r\nCopyright (c) 2004-2013 Hangzhou H3C Tech. Co., Ltd. All rights "
           "reserved.");
    EXPECT(VS_F_LLDP_VLAN_NAME, "VLAN 0010");
    EXPECT(VS_F_LLDP_PORT_VLAN_ID, "10");
    EXPECT(VS_F_LLDP_MAX_FRAME_SIZE, "10000");
    EXPECT(VS_F_LLDP_MANAGEMENT_ADDRESS, "40.1.1.1");
}
END_TEST

START_TEST(test_every_prefix)
{
    tu_check_prefixes(vs_lldp_dissect, lldp_extreme, sizeof lldp_extreme);
    tu_check_prefixes(vs_lldp_dissect, lldp_3com, sizeof lldp_3com);
    tu_check_prefixes(vs_lldp_dissect, lldp_procurve, sizeof lldp_procurve);
    tu_check_prefixes(vs_lldp_dissect, lldp_phone, sizeof lldp_phone);
    tu_check_prefixes(vs_lldp_dissect, lldp_ipv6, sizeof lldp_ipv6);
    tu_check_prefixes(vs_lldp_dissect, lldp_c9k, sizeof lldp_c9k);
    tu_check_prefixes(vs_lldp_dissect, lldp_h3c, sizeof lldp_h3c);
}
END_TEST

START_TEST(test_prefix_mid_tlv_is_truncated)
{
    /* Cut inside the system description: what came before stays, the cut TLV is not
     * emitted half-read. */
    size_t cut = 9 + 6 + 4 + 25 + 15 + 20;
    ck_assert_int_eq(decode(vs_lldp_dissect, lldp_extreme, cut), VS_DECODE_TRUNCATED);
    EXPECT(VS_F_LLDP_SYSTEM_NAME, "Summit300-48");
    ck_assert_ptr_null(tu_get(&col, VS_F_LLDP_SYSTEM_DESCRIPTION));
    /* one byte of a TLV header is truncated too */
    ck_assert_int_eq(decode(vs_lldp_dissect, lldp_extreme, 10), VS_DECODE_TRUNCATED);
    EXPECT(VS_F_LLDP_CHASSIS_ID, "00:01:30:f9:ad:a0");
    ck_assert_int_eq(decode(vs_lldp_dissect, lldp_extreme, 0), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

/* ---- crafted LLDPDUs ---------------------------------------------------------------- */

/* A TLV whose header claims hdr_len while value holds vlen bytes. */
static void fb_tlv_len(struct tu_fb *f, unsigned type, unsigned hdr_len, const void *value,
                       size_t vlen)
{
    uint8_t h[2] = {(uint8_t)(type << 1 | (hdr_len >> 8 & 1)), (uint8_t)hdr_len};
    tu_fb_raw(f, h, 2);
    tu_fb_raw(f, value, vlen);
}

static void fb_tlv(struct tu_fb *f, unsigned type, const void *value, size_t vlen)
{
    fb_tlv_len(f, type, (unsigned)vlen, value, vlen);
}

static void fb_str(struct tu_fb *f, unsigned type, const char *s)
{
    fb_tlv(f, type, s, strlen(s));
}

/* Chassis ID MAC 00:e0:fc:12:34:56, port ID interface name "ge0", TTL 120. */
static void fb_mandatory(struct tu_fb *f)
{
    static const uint8_t chassis[] = {4, 0x00, 0xe0, 0xfc, 0x12, 0x34, 0x56};
    static const uint8_t port[] = {5, 'g', 'e', '0'};
    static const uint8_t ttl[] = {0, 120};
    f->n = 0;
    fb_tlv(f, 1, chassis, sizeof chassis);
    fb_tlv(f, 2, port, sizeof port);
    fb_tlv(f, 3, ttl, sizeof ttl);
}

static void fb_end(struct tu_fb *f)
{
    static const uint8_t end[2] = {0, 0};
    tu_fb_raw(f, end, 2);
}

static struct tu_fb fb;

START_TEST(test_crafted_minimal)
{
    fb_mandatory(&fb);
    fb_end(&fb);
    ck_assert_int_eq(decode(vs_lldp_dissect, fb.b, fb.n), VS_DECODE_OK);
    EXPECT(VS_F_LLDP_CHASSIS_ID, "00:e0:fc:12:34:56");
    EXPECT(VS_F_LLDP_PORT_ID, "ge0");
    ck_assert_uint_eq(col.n, 2);
    /* No End TLV (optional since 802.1AB-2016): still fine when the bytes end on a TLV. */
    ck_assert_int_eq(decode(vs_lldp_dissect, fb.b, fb.n - 2), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 2);
}
END_TEST

START_TEST(test_zero_length_tlvs)
{
    fb_mandatory(&fb);
    fb_tlv(&fb, 4, "", 0);   /* empty port description: valid, no evidence */
    fb_tlv(&fb, 5, "", 0);   /* empty system name */
    fb_tlv(&fb, 7, "", 0);   /* capabilities of length 0: malformed, skipped */
    fb_tlv(&fb, 8, "", 0);   /* management address of length 0: malformed */
    fb_tlv(&fb, 127, "", 0); /* org TLV too short for its OUI: malformed */
    fb_tlv(&fb, 1, "", 0);   /* chassis ID without subtype: malformed */
    fb_str(&fb, 5, "after-zeros");
    fb_end(&fb);
    ck_assert_int_eq(decode(vs_lldp_dissect, fb.b, fb.n), VS_DECODE_MALFORMED);
    EXPECT(VS_F_LLDP_SYSTEM_NAME, "after-zeros");
    ck_assert_uint_eq(tu_count(&col, VS_F_LLDP_SYSTEM_NAME), 1);
    ck_assert_ptr_null(tu_get(&col, VS_F_LLDP_PORT_DESCRIPTION));
    ck_assert_ptr_null(tu_get(&col, VS_F_LLDP_MANAGEMENT_ADDRESS));
    ck_assert_uint_eq(tu_count(&col, VS_F_LLDP_CHASSIS_ID), 1);
}
END_TEST

START_TEST(test_oversized_tlv_is_truncated)
{
    fb_mandatory(&fb);
    fb_str(&fb, 5, "sw1");
    fb_tlv_len(&fb, 6, 511, "only a few bytes", 16); /* claims 511 */
    ck_assert_int_eq(decode(vs_lldp_dissect, fb.b, fb.n), VS_DECODE_TRUNCATED);
    EXPECT(VS_F_LLDP_SYSTEM_NAME, "sw1");
    ck_assert_ptr_null(tu_get(&col, VS_F_LLDP_SYSTEM_DESCRIPTION));
}
END_TEST

START_TEST(test_string_over_255_is_malformed)
{
    char big[300];
    memset(big, 'x', sizeof big);
    fb_mandatory(&fb);
    fb_tlv(&fb, 6, big, sizeof big); /* 802.1AB caps the description at 255 octets */
    fb_str(&fb, 5, "next");
    fb_end(&fb);
    ck_assert_int_eq(decode(vs_lldp_dissect, fb.b, fb.n), VS_DECODE_MALFORMED);
    ck_assert_ptr_null(tu_get(&col, VS_F_LLDP_SYSTEM_DESCRIPTION));
    EXPECT(VS_F_LLDP_SYSTEM_NAME, "next");
}
END_TEST

START_TEST(test_mgmt_address_contradictions)
{
    /* address string length 31 inside a 12-byte TLV */
    static const uint8_t long_addr[] = {31, 1, 10, 0, 0, 1, 2, 0, 0, 0, 1, 0};
    /* OID length 100 with no OID bytes */
    static const uint8_t long_oid[] = {5, 1, 10, 0, 0, 2, 2, 0, 0, 0, 1, 100};
    /* address string length 1: a subtype and no address */
    static const uint8_t short_addr[] = {1, 1, 2, 0, 0, 0, 1, 0, 0, 0, 0};
    /* good one, interface 7, with a 3-byte OID */
    static const uint8_t good[] = {5, 1, 10, 0, 0, 3, 2, 0, 0, 0, 7, 3, 0x2b, 6, 1};
    /* IPv4 0.0.0.0: reported, binds nothing */
    static const uint8_t zero[] = {5, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0};
    /* family 2 (IPv6) with 4 bytes: contradictory, skipped */
    static const uint8_t odd[] = {5, 2, 1, 2, 3, 4, 1, 0, 0, 0, 0, 0};
    /* family 16 (DECnet), 2 bytes: not decoded, shown as bytes */
    static const uint8_t decnet[] = {3, 16, 0x04, 0x0a, 1, 0, 0, 0, 0, 0};
    fb_mandatory(&fb);
    fb_tlv(&fb, 8, long_addr, sizeof long_addr);
    fb_tlv(&fb, 8, long_oid, sizeof long_oid);
    fb_tlv(&fb, 8, short_addr, sizeof short_addr);
    fb_tlv(&fb, 8, good, sizeof good);
    fb_tlv(&fb, 8, zero, sizeof zero);
    fb_tlv(&fb, 8, odd, sizeof odd);
    fb_tlv(&fb, 8, decnet, sizeof decnet);
    fb_end(&fb);
    ck_assert_int_eq(decode(vs_lldp_dissect, fb.b, fb.n), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(tu_count(&col, VS_F_LLDP_MANAGEMENT_ADDRESS), 3);
    EXPECT(VS_F_LLDP_MANAGEMENT_ADDRESS, "10.0.0.3");
    ck_assert_uint_eq(tu_find(&col, VS_F_LLDP_MANAGEMENT_ADDRESS)->num, 7);
    ck_assert(tu_find(&col, VS_F_LLDP_MANAGEMENT_ADDRESS)->has_ip);
    EXPECT(VS_F_LLDP_MANAGEMENT_ADDRESS, "0.0.0.0");
    EXPECT(VS_F_LLDP_MANAGEMENT_ADDRESS, "04:0a");
    for (size_t i = 0; i < col.n; i++)
        if (col.ev[i].field == VS_F_LLDP_MANAGEMENT_ADDRESS && strcmp(col.ev[i].value, "10.0.0.3"))
            ck_assert(!col.ev[i].has_ip);
}
END_TEST

START_TEST(test_org_inner_length_contradictions)
{
    /* VLAN name claiming 200 bytes */
    static const uint8_t vlan_long[] = {0x00, 0x80, 0xc2, 3, 0x00, 0x0a, 200, 'v', '1', '0'};
    /* protocol identity claiming 9 bytes, carrying 2 */
    static const uint8_t proto_long[] = {0x00, 0x80, 0xc2, 4, 9, 0x88, 0xcc};
    /* port VLAN ID of 3 bytes (must be 2) */
    static const uint8_t pvid_long[] = {0x00, 0x80, 0xc2, 1, 0, 10, 0};
    /* civic location whose LCI length runs past the TLV */
    static const uint8_t civic_long[] = {0x00, 0x12, 0xbb, 3, 2, 40, 2, 'D', 'E', 3, 6, 'B'};
    /* civic location whose CA element runs past the LCI */
    static const uint8_t civic_ca[] = {0x00, 0x12, 0xbb, 3, 2, 6, 2, 'D', 'E', 3, 9, 'B'};
    /* an unknown organisation and an unknown subtype: skipped, not malformed */
    static const uint8_t unknown_oui[] = {0x00, 0x01, 0x42, 1, 9};
    static const uint8_t unknown_sub[] = {0x00, 0x80, 0xc2, 99, 1, 2, 3};
    static const uint8_t good_vlan[] = {0x00, 0x80, 0xc2, 3, 0x00, 0x14, 4, 'v', 'o', 'i', 'p'};
    fb_mandatory(&fb);
    fb_tlv(&fb, 127, unknown_oui, sizeof unknown_oui);
    fb_tlv(&fb, 127, unknown_sub, sizeof unknown_sub);
    ck_assert_int_eq(decode(vs_lldp_dissect, fb.b, fb.n), VS_DECODE_OK);
    fb_tlv(&fb, 127, vlan_long, sizeof vlan_long);
    fb_tlv(&fb, 127, proto_long, sizeof proto_long);
    fb_tlv(&fb, 127, pvid_long, sizeof pvid_long);
    fb_tlv(&fb, 127, civic_long, sizeof civic_long);
    fb_tlv(&fb, 127, civic_ca, sizeof civic_ca);
    fb_tlv(&fb, 127, good_vlan, sizeof good_vlan);
    fb_end(&fb);
    ck_assert_int_eq(decode(vs_lldp_dissect, fb.b, fb.n), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(tu_count(&col, VS_F_LLDP_VLAN_NAME), 1);
    EXPECT(VS_F_LLDP_VLAN_NAME, "voip");
    ck_assert_uint_eq(tu_find(&col, VS_F_LLDP_VLAN_NAME)->num, 20);
    ck_assert_ptr_null(tu_get(&col, VS_F_LLDP_PORT_VLAN_ID));
    ck_assert_ptr_null(tu_get(&col, VS_F_LLDP_MED_LOCATION));
}
END_TEST

START_TEST(test_med_location_formats)
{
    /* coordinate LCI: 38.898556 N, 77.037852 W, 34 bits of resolution each, WGS84 */
    static const uint8_t coord[] = {0x00, 0x12, 0xbb, 3, 1,
                                    /* LaRes 34 | lat 38.898556 | LoRes 34 | lon -77.037852 | AT,
                                     * AltRes, Alt, datum */
                                    0x88, 0x4d, 0xcc, 0x0f, 0x88, 0x8b, 0x65, 0xec, 0x9e, 0xaa,
                                    0x10, 0x00, 0x00, 0x00, 0x00, 0x01};
    static const uint8_t elin[] = {0x00, 0x12, 0xbb, 3,   3,   '1', '2', '3',
                                   '4',  '5',  '6',  '7', '8', '9', '0'};
    static const uint8_t other[] = {0x00, 0x12, 0xbb, 3, 9};
    fb_mandatory(&fb);
    fb_tlv(&fb, 127, coord, sizeof coord);
    fb_tlv(&fb, 127, elin, sizeof elin);
    fb_tlv(&fb, 127, other, sizeof other);
    fb_end(&fb);
    ck_assert_int_eq(decode(vs_lldp_dissect, fb.b, fb.n), VS_DECODE_OK);
    EXPECT(VS_F_LLDP_MED_LOCATION, "ELIN 1234567890");
    EXPECT(VS_F_LLDP_MED_LOCATION, "format 9");
    const char *c = tu_get(&col, VS_F_LLDP_MED_LOCATION);
    ck_assert_ptr_nonnull(c);
    ck_assert_msg(strncmp(c, "coordinate lat 38.8985", 22) == 0, "got %s", c);
    ck_assert_msg(strstr(c, ", lon -77.0378") != NULL, "got %s", c);
}
END_TEST

START_TEST(test_id_subtypes)
{
    static const uint8_t local_bin[] = {7, 0x01, 0x02, 0xff, 0x00, 0x10};
    static const uint8_t port_bin[] = {7, 'a', 0x00, 0x01};
    static const uint8_t port_alias[] = {1, ' ', 'U', 'p', 'l', 'i', 'n', 'k', ' ', 0};
    static const uint8_t mac_short[] = {4, 0x00, 0x11, 0x22};
    static const uint8_t net_v6[] = {5, 2, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0,
                                     0, 0, 0,    0,    0,    0,    0, 0, 1};
    static const uint8_t ttl[] = {0, 120};
    fb.n = 0;
    fb_tlv(&fb, 1, local_bin, sizeof local_bin);
    fb_tlv(&fb, 2, port_bin, sizeof port_bin);
    fb_tlv(&fb, 3, ttl, sizeof ttl);
    fb_tlv(&fb, 2, port_alias, sizeof port_alias);
    fb_tlv(&fb, 1, net_v6, sizeof net_v6);
    fb_end(&fb);
    ck_assert_int_eq(decode(vs_lldp_dissect, fb.b, fb.n), VS_DECODE_OK);
    EXPECT(VS_F_LLDP_CHASSIS_ID, "01:02:ff:00:10");
    EXPECT(VS_F_LLDP_PORT_ID, "61:00:01"); /* binary port ID: hex, not "a" */
    EXPECT(VS_F_LLDP_PORT_ID, "Uplink");   /* alias, trimmed */
    EXPECT(VS_F_LLDP_CHASSIS_ID, "2001:db8::1");
    ck_assert(tu_find(&col, VS_F_LLDP_CHASSIS_ID)->has_ip == false);
    for (size_t i = 0; i < col.n; i++)
        ck_assert(!col.ev[i].has_mac);
    /* A MAC subtype of the wrong size, a network address whose family and size disagree
     * (ladvd A3/AA fuzzer captures): malformed, no evidence, no device key. */
    static const uint8_t net_bad[] = {5, 2, 10, 10, 10, 10};
    fb.n -= 2;
    fb_tlv(&fb, 1, mac_short, sizeof mac_short);
    fb_tlv(&fb, 1, net_bad, sizeof net_bad);
    fb_end(&fb);
    size_t before = 4;
    ck_assert_int_eq(decode(vs_lldp_dissect, fb.b, fb.n), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, before);
}
END_TEST

START_TEST(test_capabilities)
{
    static const uint8_t none_enabled[] = {0x00, 0x14, 0x00, 0x00};
    static const uint8_t new_bits[] = {0x07, 0x00, 0x07, 0x00};
    fb_mandatory(&fb);
    fb_tlv(&fb, 7, none_enabled, sizeof none_enabled);
    ck_assert_int_eq(decode(vs_lldp_dissect, fb.b, fb.n), VS_DECODE_OK);
    ck_assert_ptr_null(tu_get(&col, VS_F_LLDP_CAPABILITIES));
    fb_tlv(&fb, 7, new_bits, sizeof new_bits);
    ck_assert_int_eq(decode(vs_lldp_dissect, fb.b, fb.n), VS_DECODE_OK);
    EXPECT(VS_F_LLDP_CAPABILITIES, "C-VLAN component,S-VLAN component,Two-port MAC relay");
}
END_TEST

START_TEST(test_med_policy_power_class)
{
    static const uint8_t caps_ep3[] = {0x00, 0x12, 0xbb, 1, 0x00, 0x33, 3};
    static const uint8_t policy_unknown[] = {0x00, 0x12, 0xbb, 2, 2, 0x80, 0x00, 0x00};
    static const uint8_t policy_video[] = {0x00, 0x12, 0xbb, 2, 6, 0x00, 0x14, 0x80 | 0x22};
    static const uint8_t pd_power[] = {0x00, 0x12, 0xbb, 4, 0x63, 0x00, 0x82};
    fb_mandatory(&fb);
    fb_tlv(&fb, 127, caps_ep3, sizeof caps_ep3);
    fb_tlv(&fb, 127, policy_unknown, sizeof policy_unknown);
    fb_tlv(&fb, 127, policy_video, sizeof policy_video);
    fb_tlv(&fb, 127, pd_power, sizeof pd_power);
    fb_end(&fb);
    ck_assert_int_eq(decode(vs_lldp_dissect, fb.b, fb.n), VS_DECODE_OK);
    EXPECT(VS_F_LLDP_MED_DEVICE_CLASS, "Endpoint Class III");
    EXPECT(VS_F_LLDP_MED_CAPABILITIES,
           "LLDP-MED Capabilities,Network Policy,Extended Power via MDI-PD,Inventory");
    EXPECT(VS_F_LLDP_MED_NETWORK_POLICY, "Voice Signaling: policy unknown");
    EXPECT(VS_F_LLDP_MED_NETWORK_POLICY,
           "Video Conferencing: vlan 10, untagged, priority 2, dscp 34");
    EXPECT(VS_F_LLDP_MED_POWER, "PD, source local, priority low, 13.0 W");
}
END_TEST

START_TEST(test_end_tlv)
{
    fb_mandatory(&fb);
    fb_end(&fb);
    fb_str(&fb, 5, "after-end"); /* nothing after End is read */
    ck_assert_int_eq(decode(vs_lldp_dissect, fb.b, fb.n), VS_DECODE_OK);
    ck_assert_ptr_null(tu_get(&col, VS_F_LLDP_SYSTEM_NAME));
    /* An End TLV with a length is malformed (ladvd 98.end.broken) */
    fb_mandatory(&fb);
    fb_tlv(&fb, 0, "xx", 2);
    ck_assert_int_eq(decode(vs_lldp_dissect, fb.b, fb.n), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 2);
}
END_TEST

START_TEST(test_mandatory_order)
{
    /* An LLDPDU opening with an org TLV (tcpdump lldp_8021_linkagg): counted as
     * malformed, but the TLVs are still read. */
    static const uint8_t pvid[] = {0x00, 0x80, 0xc2, 1, 0x00, 0x05};
    fb.n = 0;
    fb_tlv(&fb, 127, pvid, sizeof pvid);
    fb_str(&fb, 5, "out-of-order");
    fb_end(&fb);
    ck_assert_int_eq(decode(vs_lldp_dissect, fb.b, fb.n), VS_DECODE_MALFORMED);
    EXPECT(VS_F_LLDP_PORT_VLAN_ID, "5");
    EXPECT(VS_F_LLDP_SYSTEM_NAME, "out-of-order");
}
END_TEST

START_TEST(test_tlv_limit)
{
    /* 3 mandatory + 508 reserved zero-length TLVs + End = 512 TLVs: accepted. */
    fb_mandatory(&fb);
    for (int i = 0; i < VS_MAX_TLVS_PER_FRAME - 4; i++)
        fb_tlv(&fb, 9, "", 0);
    size_t at_limit = fb.n;
    fb_end(&fb);
    ck_assert_int_eq(decode(vs_lldp_dissect, fb.b, fb.n), VS_DECODE_OK);
    /* One more TLV, then thousands: the walk stops at the limit, and a system name
     * placed after the limit is never reached. */
    fb.n = at_limit;
    for (int i = 0; i < 5000; i++)
        fb_tlv(&fb, 9, "", 0);
    fb_str(&fb, 5, "beyond-the-limit");
    fb_end(&fb);
    ck_assert_int_eq(decode(vs_lldp_dissect, fb.b, fb.n), VS_DECODE_MALFORMED);
    ck_assert_ptr_null(tu_get(&col, VS_F_LLDP_SYSTEM_NAME));
    EXPECT(VS_F_LLDP_CHASSIS_ID, "00:e0:fc:12:34:56");
    /* thousands of evidence-bearing TLVs: bounded by the same limit */
    fb_mandatory(&fb);
    for (int i = 0; i < 4000; i++)
        fb_str(&fb, 5, "n");
    ck_assert_int_eq(decode(vs_lldp_dissect, fb.b, fb.n), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(tu_count(&col, VS_F_LLDP_SYSTEM_NAME), VS_MAX_TLVS_PER_FRAME - 3);
}
END_TEST

START_TEST(test_value_text_is_bounded)
{
    /* A civic address of many elements composes a long text: cut, never overflowed. */
    static uint8_t civic[4 + 1 + 1 + 255];
    size_t n = 0;
    civic[n++] = 0x00, civic[n++] = 0x12, civic[n++] = 0xbb, civic[n++] = 3;
    civic[n++] = 2;
    civic[n++] = 0; /* LCI length, set below */
    civic[n++] = 2, civic[n++] = 'G', civic[n++] = 'B';
    while (n + 2 <= sizeof civic) {
        civic[n++] = 99;
        civic[n++] = 0;
    }
    civic[5] = (uint8_t)(n - 6);
    fb_mandatory(&fb);
    fb_tlv(&fb, 127, civic, n);
    fb_end(&fb);
    ck_assert_int_eq(decode(vs_lldp_dissect, fb.b, fb.n), VS_DECODE_OK);
    const struct tu_ev *e = tu_find(&col, VS_F_LLDP_MED_LOCATION);
    ck_assert_ptr_nonnull(e);
    ck_assert_uint_lt(e->len, VS_MAX_VALUE_LEN);
    ck_assert_uint_gt(e->len, 400);
}
END_TEST

/* ---- corpus --------------------------------------------------------------------------- */

struct replay_stats {
    size_t frames, ok, bad, chassis;
};

static void replay_lldp(enum disc_kind k, const uint8_t *pdu, size_t n, const char *file, void *arg)
{
    struct replay_stats *s = arg;
    if (k != DK_LLDP)
        return;
    enum vs_decode_status st = decode(vs_lldp_dissect, pdu, n);
    ck_assert_int_ge(st, VS_DECODE_OK);
    ck_assert_int_le(st, VS_DECODE_MALFORMED);
    s->frames++;
    if (st == VS_DECODE_OK)
        s->ok++;
    else
        s->bad++;
    if (tu_get(&col, VS_F_LLDP_CHASSIS_ID))
        s->chassis++;
    (void)file;
}

START_TEST(test_corpus_good_captures)
{
    struct replay_stats s = {0, 0, 0, 0};
    if (disc_replay_dir("pcap", replay_lldp, &s) < 0) {
        fprintf(stderr, "corpus not found at %s: skipped\n", disc_corpus_dir());
        return;
    }
    /* every LLDPDU found in the well-formed captures decodes cleanly with a chassis ID */
    ck_assert_uint_gt(s.frames, 50);
    ck_assert_uint_eq(s.ok, s.frames);
    ck_assert_uint_eq(s.chassis, s.frames);
}
END_TEST

START_TEST(test_corpus_malformed_captures)
{
    struct replay_stats s = {0, 0, 0, 0};
    if (disc_replay_dir("malformed", replay_lldp, &s) < 0) {
        fprintf(stderr, "corpus not found at %s: skipped\n", disc_corpus_dir());
        return;
    }
    ck_assert_uint_gt(s.frames, 10);
    ck_assert_uint_gt(s.bad, 10);
}
END_TEST

/* Named reproducers: each capture must decode to the stated status. */
struct named_case {
    const char *file;
    enum vs_decode_status want;
};

static enum vs_decode_status worst_seen;

static void replay_worst(enum disc_kind k, const uint8_t *pdu, size_t n, const char *file,
                         void *arg)
{
    (void)file;
    (void)arg;
    if (k != DK_LLDP)
        return;
    enum vs_decode_status st = decode(vs_lldp_dissect, pdu, n);
    if (st > worst_seen)
        worst_seen = st;
}

START_TEST(test_corpus_named_reproducers)
{
    static const struct named_case cases[] = {
        {"ladvd__lldp__92.tlv.broken.pcap", VS_DECODE_TRUNCATED},
        {"ladvd__lldp__98.end.broken.pcap", VS_DECODE_TRUNCATED},
        {"ladvd__lldp__A1.fuzzer.chassis_id.long.pcap", VS_DECODE_TRUNCATED},
        {"ladvd__lldp__A3.fuzzer.chassis_id.broken.pcap", VS_DECODE_MALFORMED},
        {"ladvd__lldp__AA.fuzzer.addr.invalid.pcap", VS_DECODE_MALFORMED},
        {"lldpd__med-loc-malformed.pcap", VS_DECODE_MALFORMED},
        {"tcpdump__hoobr_safeputs.pcap", VS_DECODE_MALFORMED},
        {"tcpdump__lldp-infinite-loop-1.pcap", VS_DECODE_OK}, /* well-formed TLV walk */
        {"tcpdump__lldp-infinite-loop-2.pcap", VS_DECODE_MALFORMED},
        {"tcpdump__lldp_8021_linkagg.pcap", VS_DECODE_MALFORMED},
        {"tcpdump__lldp_8023_mtu-oobr.pcap", VS_DECODE_MALFORMED},
        {"tcpdump__lldp_asan.pcap", VS_DECODE_MALFORMED},
        {"tcpdump__lldp_mgmt_addr_tlv_asan.pcap", VS_DECODE_MALFORMED},
    };
    char path[2048];
    snprintf(path, sizeof path, "%s/malformed", disc_corpus_dir());
    DIR *d = opendir(path);
    if (!d) {
        fprintf(stderr, "corpus not found at %s: skipped\n", disc_corpus_dir());
        return;
    }
    closedir(d);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(path, sizeof path, "%s/malformed/%s", disc_corpus_dir(), cases[i].file);
        worst_seen = VS_DECODE_OK;
        ck_assert_msg(disc_replay_file(path, replay_worst, NULL) > 0, "%s: no LLDP", path);
        ck_assert_msg(worst_seen == cases[i].want, "%s: status %d, want %d", cases[i].file,
                      worst_seen, cases[i].want);
    }
}
END_TEST

static Suite *lldp_suite(void)
{
    Suite *s = suite_create("lldp");
    TCase *tc = tcase_create("real");
    tcase_add_test(tc, test_extreme_summit);
    tcase_add_test(tc, test_3com_med_inventory);
    tcase_add_test(tc, test_procurve_med);
    tcase_add_test(tc, test_phone_network_address_chassis);
    tcase_add_test(tc, test_chassis_component_and_ipv6);
    tcase_add_test(tc, test_catalyst_8023bt_power);
    tcase_add_test(tc, test_h3c_crlf_kept);
    tcase_add_test(tc, test_every_prefix);
    tcase_add_test(tc, test_prefix_mid_tlv_is_truncated);
    suite_add_tcase(s, tc);
    tc = tcase_create("crafted");
    tcase_add_test(tc, test_crafted_minimal);
    tcase_add_test(tc, test_zero_length_tlvs);
    tcase_add_test(tc, test_oversized_tlv_is_truncated);
    tcase_add_test(tc, test_string_over_255_is_malformed);
    tcase_add_test(tc, test_mgmt_address_contradictions);
    tcase_add_test(tc, test_org_inner_length_contradictions);
    tcase_add_test(tc, test_med_location_formats);
    tcase_add_test(tc, test_id_subtypes);
    tcase_add_test(tc, test_capabilities);
    tcase_add_test(tc, test_med_policy_power_class);
    tcase_add_test(tc, test_end_tlv);
    tcase_add_test(tc, test_mandatory_order);
    tcase_add_test(tc, test_tlv_limit);
    tcase_add_test(tc, test_value_text_is_bounded);
    suite_add_tcase(s, tc);
    tc = tcase_create("corpus");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_corpus_good_captures);
    tcase_add_test(tc, test_corpus_malformed_captures);
    tcase_add_test(tc, test_corpus_named_reproducers);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(lldp_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
