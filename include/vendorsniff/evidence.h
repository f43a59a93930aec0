/* SPDX-License-Identifier: BSD-2-Clause */
/* evidence.h - evidence, the single currency between decoders and the inventory:
 * which protocol said it, which field, the decoded text value, and optional addresses. */
#ifndef VS_EVIDENCE_H
#define VS_EVIDENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Evidence sources; the string is the "source" of the JSON contract. */
#define VS_SOURCES(X)                                                                              \
    X(OUI, "oui")                                                                                  \
    X(LLDP, "lldp")                                                                                \
    X(CDP, "cdp")                                                                                  \
    X(EDP, "edp")                                                                                  \
    X(FDP, "fdp")                                                                                  \
    X(SONMP, "sonmp")                                                                              \
    X(STP, "stp")                                                                                  \
    X(MNDP, "mndp")                                                                                \
    X(UBDP, "ubdp")                                                                                \
    X(SNMP, "snmp")                                                                                \
    X(SSH, "ssh")                                                                                  \
    X(TELNET, "telnet")                                                                            \
    X(FTP, "ftp")                                                                                  \
    X(HTTP, "http")                                                                                \
    X(SIP, "sip")                                                                                  \
    X(DHCP, "dhcp")                                                                                \
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

enum vs_source {
#define VS_X_SRC(id, name) VS_SRC_##id,
    VS_SOURCES(VS_X_SRC)
#undef VS_X_SRC
    VS_SRC__COUNT
};

/* Evidence fields: (ENUM, source, "field"). The names of the JSON contract. */
#define VS_FIELDS(X)                                                                               \
    X(OUI_ORG, OUI, "org")                                                                         \
    X(OUI_CLASS, OUI, "class")                                                                     \
    X(LLDP_CHASSIS_ID, LLDP, "chassis_id")                                                         \
    X(LLDP_PORT_ID, LLDP, "port_id")                                                               \
    X(LLDP_PORT_DESCRIPTION, LLDP, "port_description")                                             \
    X(LLDP_SYSTEM_NAME, LLDP, "system_name")                                                       \
    X(LLDP_SYSTEM_DESCRIPTION, LLDP, "system_description")                                         \
    X(LLDP_CAPABILITIES, LLDP, "capabilities")                                                     \
    X(LLDP_MANAGEMENT_ADDRESS, LLDP, "management_address")                                         \
    X(LLDP_PORT_VLAN_ID, LLDP, "port_vlan_id")                                                     \
    X(LLDP_VLAN_NAME, LLDP, "vlan_name")                                                           \
    X(LLDP_MAC_PHY, LLDP, "mac_phy")                                                               \
    X(LLDP_POWER, LLDP, "power")                                                                   \
    X(LLDP_MAX_FRAME_SIZE, LLDP, "max_frame_size")                                                 \
    X(LLDP_MED_CAPABILITIES, LLDP, "med_capabilities")                                             \
    X(LLDP_MED_DEVICE_CLASS, LLDP, "med_device_class")                                             \
    X(LLDP_MED_NETWORK_POLICY, LLDP, "med_network_policy")                                         \
    X(LLDP_MED_LOCATION, LLDP, "med_location")                                                     \
    X(LLDP_MED_POWER, LLDP, "med_power")                                                           \
    X(LLDP_MED_HARDWARE_REVISION, LLDP, "med_hardware_revision")                                   \
    X(LLDP_MED_FIRMWARE_REVISION, LLDP, "med_firmware_revision")                                   \
    X(LLDP_MED_SOFTWARE_REVISION, LLDP, "med_software_revision")                                   \
    X(LLDP_MED_SERIAL_NUMBER, LLDP, "med_serial_number")                                           \
    X(LLDP_MED_MANUFACTURER, LLDP, "med_manufacturer")                                             \
    X(LLDP_MED_MODEL_NAME, LLDP, "med_model_name")                                                 \
    X(LLDP_MED_ASSET_ID, LLDP, "med_asset_id")                                                     \
    X(CDP_DEVICE_ID, CDP, "device_id")                                                             \
    X(CDP_PLATFORM, CDP, "platform")                                                               \
    X(CDP_SOFTWARE_VERSION, CDP, "software_version")                                               \
    X(CDP_PORT_ID, CDP, "port_id")                                                                 \
    X(CDP_ADDRESS, CDP, "address")                                                                 \
    X(CDP_NATIVE_VLAN, CDP, "native_vlan")                                                         \
    X(CDP_CAPABILITIES, CDP, "capabilities")                                                       \
    X(CDP_DUPLEX, CDP, "duplex")                                                                   \
    X(CDP_VTP_DOMAIN, CDP, "vtp_domain")                                                           \
    X(CDP_MANAGEMENT_ADDRESS, CDP, "management_address")                                           \
    X(CDP_VOICE_VLAN, CDP, "voice_vlan")                                                           \
    X(CDP_SYSTEM_NAME, CDP, "system_name")                                                         \
    X(EDP_SYSTEM_NAME, EDP, "system_name")                                                         \
    X(EDP_SOFTWARE_VERSION, EDP, "software_version")                                               \
    X(EDP_PORT_ID, EDP, "port_id")                                                                 \
    X(EDP_VLAN_NAME, EDP, "vlan_name")                                                             \
    X(EDP_ADDRESS, EDP, "address")                                                                 \
    X(FDP_DEVICE_ID, FDP, "device_id")                                                             \
    X(FDP_PORT_ID, FDP, "port_id")                                                                 \
    X(FDP_PLATFORM, FDP, "platform")                                                               \
    X(FDP_SOFTWARE_VERSION, FDP, "software_version")                                               \
    X(FDP_CAPABILITIES, FDP, "capabilities")                                                       \
    X(FDP_ADDRESS, FDP, "address")                                                                 \
    X(SONMP_ADDRESS, SONMP, "address")                                                             \
    X(SONMP_SEGMENT_ID, SONMP, "segment_id")                                                       \
    X(SONMP_CHASSIS_TYPE, SONMP, "chassis_type")                                                   \
    X(SONMP_BACKPLANE_TYPE, SONMP, "backplane_type")                                               \
    X(STP_BRIDGE_ID, STP, "bridge_id")                                                             \
    X(STP_ROOT_ID, STP, "root_id")                                                                 \
    X(MNDP_IDENTITY, MNDP, "identity")                                                             \
    X(MNDP_VERSION, MNDP, "version")                                                               \
    X(MNDP_PLATFORM, MNDP, "platform")                                                             \
    X(MNDP_BOARD, MNDP, "board")                                                                   \
    X(MNDP_ADDRESS, MNDP, "address")                                                               \
    X(UBDP_HOSTNAME, UBDP, "hostname")                                                             \
    X(UBDP_PRODUCT, UBDP, "product")                                                               \
    X(UBDP_MODEL, UBDP, "model")                                                                   \
    X(UBDP_FIRMWARE, UBDP, "firmware")                                                             \
    X(SNMP_SYS_DESCR, SNMP, "sys_descr")                                                           \
    X(SNMP_SYS_OBJECT_ID, SNMP, "sys_object_id")                                                   \
    X(SNMP_SYS_NAME, SNMP, "sys_name")                                                             \
    X(SNMP_ENGINE_ID, SNMP, "engine_id")                                                           \
    X(SNMP_ENGINE_ENTERPRISE, SNMP, "engine_enterprise")                                           \
    X(SNMP_TRAP_ENTERPRISE, SNMP, "trap_enterprise")                                               \
    X(SNMP_TRAP_OID, SNMP, "trap_oid")                                                             \
    X(SNMP_AGENT_ADDRESS, SNMP, "agent_address")                                                   \
    X(SNMP_ENT_MODEL_NAME, SNMP, "ent_model_name")                                                 \
    X(SNMP_ENT_SERIAL_NUMBER, SNMP, "ent_serial_number")                                           \
    X(SNMP_ENT_SOFTWARE_REV, SNMP, "ent_software_rev")                                             \
    X(SNMP_ENT_MFG_NAME, SNMP, "ent_mfg_name")                                                     \
    X(SSH_BANNER, SSH, "banner")                                                                   \
    X(TELNET_BANNER, TELNET, "banner")                                                             \
    X(FTP_BANNER, FTP, "banner")                                                                   \
    X(HTTP_SERVER, HTTP, "server")                                                                 \
    X(HTTP_WWW_AUTHENTICATE, HTTP, "www_authenticate")                                             \
    X(SIP_USER_AGENT, SIP, "user_agent")                                                           \
    X(SIP_SERVER, SIP, "server")                                                                   \
    X(DHCP_VENDOR_CLASS, DHCP, "vendor_class")                                                     \
    X(DHCP_HOSTNAME, DHCP, "hostname")                                                             \
    X(CWMP_MANUFACTURER, CWMP, "manufacturer")                                                     \
    X(CWMP_OUI, CWMP, "oui")                                                                       \
    X(CWMP_PRODUCT_CLASS, CWMP, "product_class")                                                   \
    X(CWMP_SERIAL_NUMBER, CWMP, "serial_number")                                                   \
    X(CWMP_SOFTWARE_VERSION, CWMP, "software_version")                                             \
    X(ARP_ADDRESS, ARP, "address")                                                                 \
    X(ND_ADDRESS, ND, "address")                                                                   \
    X(DIAMETER_VENDOR_ID, DIAMETER, "vendor_id")                                                   \
    X(DIAMETER_PRODUCT_NAME, DIAMETER, "product_name")                                             \
    X(DIAMETER_FIRMWARE_REVISION, DIAMETER, "firmware_revision")                                   \
    X(DIAMETER_ORIGIN_HOST, DIAMETER, "origin_host")                                               \
    X(DIAMETER_ORIGIN_REALM, DIAMETER, "origin_realm")                                             \
    X(DIAMETER_HOST_IP_ADDRESS, DIAMETER, "host_ip_address")                                       \
    X(GTP_PRIVATE_EXTENSION_ENTERPRISE, GTP, "private_extension_enterprise")                       \
    X(PFCP_ENTERPRISE_IE, PFCP, "enterprise_ie")                                                   \
    X(PFCP_NODE_ID, PFCP, "node_id")                                                               \
    X(RADIUS_VENDOR_SPECIFIC, RADIUS, "vendor_specific")                                           \
    X(RADIUS_VENDOR_ATTRIBUTE, RADIUS, "vendor_attribute")                                         \
    X(RADIUS_NAS_IDENTIFIER, RADIUS, "nas_identifier")                                             \
    X(RADIUS_NAS_IP_ADDRESS, RADIUS, "nas_ip_address")                                             \
    X(SYSLOG_FORMAT, SYSLOG, "format")                                                             \
    X(SYSLOG_HOSTNAME, SYSLOG, "hostname")                                                         \
    X(SSDP_SERVER, SSDP, "server")                                                                 \
    X(SSDP_USER_AGENT, SSDP, "user_agent")                                                         \
    X(UPNP_MANUFACTURER, UPNP, "manufacturer")                                                     \
    X(UPNP_MODEL_NAME, UPNP, "model_name")                                                         \
    X(UPNP_MODEL_NUMBER, UPNP, "model_number")                                                     \
    X(UPNP_MODEL_DESCRIPTION, UPNP, "model_description")                                           \
    X(UPNP_SERIAL_NUMBER, UPNP, "serial_number")                                                   \
    X(UPNP_FRIENDLY_NAME, UPNP, "friendly_name")                                                   \
    X(MDNS_HOSTNAME, MDNS, "hostname")                                                             \
    X(MDNS_MODEL, MDNS, "model")                                                                   \
    X(MDNS_VENDOR, MDNS, "vendor")                                                                 \
    X(MDNS_TXT, MDNS, "txt")                                                                       \
    X(TLS_CERT_SUBJECT, TLS, "cert_subject")                                                       \
    X(TLS_CERT_ISSUER, TLS, "cert_issuer")                                                         \
    X(TLS_JA4, TLS, "ja4")

enum vs_field {
#define VS_X_FIELD(id, src, name) VS_F_##id,
    VS_FIELDS(VS_X_FIELD)
#undef VS_X_FIELD
    VS_F__COUNT
};

/* An IP address: family 4 uses a[0..3], family 6 all 16 bytes, family 0 is "none". */
struct vs_ip {
    uint8_t family;
    uint8_t a[16];
};

/* One piece of evidence as a decoder yields it. Everything is borrowed for the
 * duration of the callback only; the inventory copies what it keeps.
 *  - value/len: decoded text (may hold any bytes from the wire; sinks escape it).
 *  - mac: an address the evidence names (LLDP chassis MAC, MAC-format engine ID,
 *    ARP sender); the dispatcher uses it to key or bind the device. NULL if none.
 *  - ip: an address the evidence names (management address, ARP sender IP). NULL if none.
 *  - num: a number carried with the value (enterprise number, VLAN id), else 0. */
struct vs_evidence {
    enum vs_field field;
    const uint8_t *value;
    size_t len;
    const uint8_t *mac;
    const struct vs_ip *ip;
    uint32_t num;
};

/* Inline: compared on the packet path for every IP packet. */
static inline bool vs_ip_equal(const struct vs_ip *a, const struct vs_ip *b)
{
    if (a->family != b->family)
        return false;
    uint64_t x0, y0, x1, y1;
    if (a->family == 4) {
        uint32_t x, y;
        memcpy(&x, a->a, 4);
        memcpy(&y, b->a, 4);
        return x == y;
    }
    memcpy(&x0, a->a, 8);
    memcpy(&y0, b->a, 8);
    memcpy(&x1, a->a + 8, 8);
    memcpy(&y1, b->a + 8, 8);
    return ((x0 ^ y0) | (x1 ^ y1)) == 0;
}

enum vs_source vs_field_source(enum vs_field f);
const char *vs_field_name(enum vs_field f);
const char *vs_source_name(enum vs_source s);
/* "lldp.system_description" -> VS_F_LLDP_SYSTEM_DESCRIPTION; false when unknown. */
bool vs_field_parse(const char *dotted, enum vs_field *out);
bool vs_source_parse(const char *name, enum vs_source *out);

/* Text forms used in evidence values. Buffers: VS_MAC_STRLEN / VS_IP_STRLEN bytes. */
#define VS_MAC_STRLEN 18
#define VS_IP_STRLEN 46
void vs_mac_format(const uint8_t mac[6], char out[VS_MAC_STRLEN]);
bool vs_mac_parse(const char *s, uint8_t mac[6]);
void vs_ip_format(const struct vs_ip *ip, char out[VS_IP_STRLEN]);
bool vs_ip_parse(const char *s, struct vs_ip *out);
void vs_ip_from4(struct vs_ip *ip, const uint8_t a[4]);
void vs_ip_from6(struct vs_ip *ip, const uint8_t a[16]);
/* Dotted-decimal OID text of BER-encoded subidentifiers; false on a malformed encoding. */
bool vs_oid_format(const uint8_t *ber, size_t len, char *out, size_t outsz);

#endif
