/* SPDX-License-Identifier: BSD-2-Clause */
/* check_snmp.c - SNMP decoder (src/dissect/snmp.c): v1/v2c responses, traps, informs,
 * reports, SNMPv3 engine IDs, requests that must say nothing, credentials that must never
 * appear, truncation and hostile BER, and the corpus captures. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipev_corpus.h"
#include "testutil.h"
#include "vendorsniff/dissect.h"

/* The frames below are UDP payloads; each line is one BER element (identifier, length,
 * and for primitives the content), indented by nesting depth. */

/* clang-format off */
/* SNMPv1 GetResponse from a Huawei CE6851 (community "s3cr3t-Huawei") */
static const uint8_t v1_get_response[] = {
    0x30, 0x81, 0xd0,                                  /* Message */
      0x02, 0x01, 0x00,                                /* version v1 = 0 */
      0x04, 0x0d, 0x73, 0x33, 0x63, 0x72, 0x33, 0x74,  /* community "s3cr3t-Huawei" */
      0x2d, 0x48, 0x75, 0x61, 0x77, 0x65, 0x69,
      0xa2, 0x81, 0xbb,                                /* GetResponse-PDU */
        0x02, 0x02, 0x12, 0x34,                        /* request-id = 4660 */
        0x02, 0x01, 0x00,                              /* error-status = 0 */
        0x02, 0x01, 0x00,                              /* error-index = 0 */
        0x30, 0x81, 0xae,                              /* VarBindList */
          0x30, 0x7a,                                  /* VarBind sysDescr.0 */
            0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, /* name 1.3.6.1.2.1.1.1.0 */
            0x01, 0x00,
            /* value "Huawei Versatile Routing Platform..." */
            0x04, 0x6e, 0x48, 0x75, 0x61, 0x77, 0x65, 0x69,
            0x20, 0x56, 0x65, 0x72, 0x73, 0x61, 0x74, 0x69,
            0x6c, 0x65, 0x20, 0x52, 0x6f, 0x75, 0x74, 0x69,
            0x6e, 0x67, 0x20, 0x50, 0x6c, 0x61, 0x74, 0x66,
            0x6f, 0x72, 0x6d, 0x20, 0x53, 0x6f, 0x66, 0x74,
            0x77, 0x61, 0x72, 0x65, 0x0d, 0x0a, 0x56, 0x52,
            0x50, 0x20, 0x28, 0x52, 0x29, 0x20, 0x73, 0x6f,
            0x66, 0x74, 0x77, 0x61, 0x72, 0x65, 0x2c, 0x20,
            0x56, 0x65, 0x72, 0x73, 0x69, 0x6f, 0x6e, 0x20,
            0x38, 0x2e, 0x31, 0x38, 0x30, 0x20, 0x28, 0x43,
            0x45, 0x36, 0x38, 0x35, 0x31, 0x48, 0x49, 0x20,
            0x56, 0x32, 0x30, 0x30, 0x52, 0x30, 0x30, 0x35,
            0x43, 0x31, 0x30, 0x53, 0x50, 0x43, 0x36, 0x30,
            0x37, 0x42, 0x36, 0x30, 0x37, 0x29, 0x0d, 0x0a,
          0x30, 0x17,                                  /* VarBind sysObjectID.0 */
            0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, /* name 1.3.6.1.2.1.1.2.0 */
            0x02, 0x00,
            0x06, 0x0b, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x8f, /* value 1.3.6.1.4.1.2011.2.239.12 */
            0x5b, 0x02, 0x81, 0x6f, 0x0c,
          0x30, 0x17,                                  /* VarBind sysName.0 (NUL-padded) */
            0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, /* name 1.3.6.1.2.1.1.5.0 */
            0x05, 0x00,
            0x04, 0x0b, 0x63, 0x6f, 0x72, 0x65, 0x2d, 0x73, /* value "core-sw-01\0" */
            0x77, 0x2d, 0x30, 0x31, 0x00,
};

/* SNMPv2c GetResponse to a GetBulk of ENTITY-MIB entPhysicalTable (ZTE ZXR10) */
static const uint8_t v2c_entity_walk[] = {
    0x30, 0x81, 0xd1,                                  /* Message */
      0x02, 0x01, 0x01,                                /* version v2c = 1 */
      0x04, 0x06, 0x70, 0x75, 0x62, 0x6c, 0x69, 0x63,  /* community "public" */
      0xa2, 0x81, 0xc3,                                /* GetResponse-PDU */
        0x02, 0x01, 0x4d,                              /* request-id = 77 */
        0x02, 0x01, 0x00,                              /* error-status = 0 */
        0x02, 0x01, 0x00,                              /* error-index = 0 */
        0x30, 0x81, 0xb7,                              /* VarBindList */
          0x30, 0x21,                                  /* VarBind entPhysicalModelName.1 */
            0x06, 0x0c, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x2f, /* name 1.3.6.1.2.1.47.1.1.1.1.13.1 */
            0x01, 0x01, 0x01, 0x01, 0x0d, 0x01,
            0x04, 0x11, 0x5a, 0x58, 0x52, 0x31, 0x30, 0x20, /* value "ZXR10 5960-52TM-H" */
            0x35, 0x39, 0x36, 0x30, 0x2d, 0x35, 0x32, 0x54,
            0x4d, 0x2d, 0x48,
          0x30, 0x1c,                                  /* VarBind entPhysicalSerialNum.1 */
            0x06, 0x0c, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x2f, /* name 1.3.6.1.2.1.47.1.1.1.1.11.1 */
            0x01, 0x01, 0x01, 0x01, 0x0b, 0x01,
            0x04, 0x0c, 0x32, 0x31, 0x39, 0x38, 0x30, 0x31, /* value "219801234567" */
            0x32, 0x33, 0x34, 0x35, 0x36, 0x37,
          0x30, 0x20,                                  /* VarBind entPhysicalSoftwareRev.1 */
            0x06, 0x0c, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x2f, /* name 1.3.6.1.2.1.47.1.1.1.1.10.1 */
            0x01, 0x01, 0x01, 0x01, 0x0a, 0x01,
            0x04, 0x10, 0x56, 0x35, 0x2e, 0x30, 0x30, 0x2e, /* value "V5.00.10(5.40.1)" */
            0x31, 0x30, 0x28, 0x35, 0x2e, 0x34, 0x30, 0x2e,
            0x31, 0x29,
          0x30, 0x13,                                  /* VarBind entPhysicalMfgName.1 */
            0x06, 0x0c, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x2f, /* name 1.3.6.1.2.1.47.1.1.1.1.12.1 */
            0x01, 0x01, 0x01, 0x01, 0x0c, 0x01,
            0x04, 0x03, 0x5a, 0x54, 0x45,              /* value "ZTE" */
          0x30, 0x10,                                  /* VarBind entPhysicalModelName.2 */
            0x06, 0x0c, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x2f, /* name 1.3.6.1.2.1.47.1.1.1.1.13.2 */
            0x01, 0x01, 0x01, 0x01, 0x0d, 0x02,
            0x04, 0x00,                                /* value (empty) */
          0x30, 0x1d,                                  /* VarBind entPhysicalDescr.1 (not read) */
            0x06, 0x0c, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x2f, /* name 1.3.6.1.2.1.47.1.1.1.1.2.1 */
            0x01, 0x01, 0x01, 0x01, 0x02, 0x01,
            0x04, 0x0d, 0x5a, 0x58, 0x52, 0x31, 0x30, 0x20, /* value "ZXR10 chassis" */
            0x63, 0x68, 0x61, 0x73, 0x73, 0x69, 0x73,
          0x30, 0x0c,                                  /* VarBind sysName.0 */
            0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, /* name 1.3.6.1.2.1.1.5.0 */
            0x05, 0x00,
            0x80, 0x00,                                /* noSuchObject */
};

/* SNMPv1 Trap-PDU from a Huawei AR router */
static const uint8_t v1_trap[] = {
    0x30, 0x45,                                        /* Message */
      0x02, 0x01, 0x00,                                /* version v1 = 0 */
      0x04, 0x06, 0x70, 0x75, 0x62, 0x6c, 0x69, 0x63,  /* community "public" */
      0xa4, 0x38,                                      /* Trap-PDU */
        0x06, 0x09, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x8f, /* enterprise 1.3.6.1.4.1.2011.2.23 */
        0x5b, 0x02, 0x17,
        0x40, 0x04, 0x0a, 0x01, 0x02, 0x03,            /* agent-addr 10.1.2.3 */
        0x02, 0x01, 0x06,                              /* generic-trap enterpriseSpecific = 6 */
        0x02, 0x01, 0x01,                              /* specific-trap = 1 */
        0x43, 0x04, 0x00, 0x01, 0xe2, 0x40,            /* time-stamp = 123456 */
        0x30, 0x19,                                    /* VarBindList */
          0x30, 0x17,                                  /* VarBind sysName.0 */
            0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, /* name 1.3.6.1.2.1.1.5.0 */
            0x05, 0x00,
            0x04, 0x0b, 0x61, 0x72, 0x2d, 0x62, 0x72, 0x61, /* value "ar-branch-7" */
            0x6e, 0x63, 0x68, 0x2d, 0x37,
};

/* SNMPv2c linkDown trap */
static const uint8_t v2c_trap[] = {
    0x30, 0x54,                                        /* Message */
      0x02, 0x01, 0x01,                                /* version v2c = 1 */
      0x04, 0x06, 0x70, 0x75, 0x62, 0x6c, 0x69, 0x63,  /* community "public" */
      0xa7, 0x47,                                      /* SNMPv2-Trap-PDU */
        0x02, 0x01, 0x05,                              /* request-id = 5 */
        0x02, 0x01, 0x00,                              /* error-status = 0 */
        0x02, 0x01, 0x00,                              /* error-index = 0 */
        0x30, 0x3c,                                    /* VarBindList */
          0x30, 0x10,                                  /* VarBind sysUpTime.0 */
            0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, /* name 1.3.6.1.2.1.1.3.0 */
            0x03, 0x00,
            0x43, 0x04, 0x00, 0x00, 0x10, 0x92,        /* value = 4242 */
          0x30, 0x17,                                  /* VarBind snmpTrapOID.0 */
            0x06, 0x0a, 0x2b, 0x06, 0x01, 0x06, 0x03, 0x01, /* name 1.3.6.1.6.3.1.1.4.1.0 */
            0x01, 0x04, 0x01, 0x00,
            0x06, 0x09, 0x2b, 0x06, 0x01, 0x06, 0x03, 0x01, /* value linkDown 1.3.6.1.6.3.1.1.5.3 */
            0x01, 0x05, 0x03,
          0x30, 0x0f,                                  /* VarBind ifIndex.3 */
            0x06, 0x0a, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x02, /* name 1.3.6.1.2.1.2.2.1.1.3 */
            0x02, 0x01, 0x01, 0x03,
            0x02, 0x01, 0x03,                          /* value = 3 */
};

/* SNMPv2c InformRequest with a ZTE (3902) notification OID */
static const uint8_t v2c_inform[] = {
    0x30, 0x47,                                        /* Message */
      0x02, 0x01, 0x01,                                /* version v2c = 1 */
      0x04, 0x06, 0x70, 0x75, 0x62, 0x6c, 0x69, 0x63,  /* community "public" */
      0xa6, 0x3a,                                      /* InformRequest-PDU */
        0x02, 0x01, 0x06,                              /* request-id = 6 */
        0x02, 0x01, 0x00,                              /* error-status = 0 */
        0x02, 0x01, 0x00,                              /* error-index = 0 */
        0x30, 0x2f,                                    /* VarBindList */
          0x30, 0x10,                                  /* VarBind sysUpTime.0 */
            0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, /* name 1.3.6.1.2.1.1.3.0 */
            0x03, 0x00,
            0x43, 0x04, 0x00, 0x00, 0x00, 0x63,        /* value = 99 */
          0x30, 0x1b,                                  /* VarBind snmpTrapOID.0 */
            0x06, 0x0a, 0x2b, 0x06, 0x01, 0x06, 0x03, 0x01, /* name 1.3.6.1.6.3.1.1.4.1.0 */
            0x01, 0x04, 0x01, 0x00,
            /* value 1.3.6.1.4.1.3902.3.6000.1.0.1 */
            0x06, 0x0d, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x9e,
            0x3e, 0x03, 0xae, 0x70, 0x01, 0x00, 0x01,
};

/* SNMPv2c Report-PDU (unusual, but a report describes its sender) */
static const uint8_t v2c_report[] = {
    0x30, 0x2e,                                        /* Message */
      0x02, 0x01, 0x01,                                /* version v2c = 1 */
      0x04, 0x06, 0x70, 0x75, 0x62, 0x6c, 0x69, 0x63,  /* community "public" */
      0xa8, 0x21,                                      /* Report-PDU */
        0x02, 0x01, 0x07,                              /* request-id = 7 */
        0x02, 0x01, 0x00,                              /* error-status = 0 */
        0x02, 0x01, 0x00,                              /* error-index = 0 */
        0x30, 0x16,                                    /* VarBindList */
          0x30, 0x14,                                  /* VarBind sysName.0 */
            0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, /* name 1.3.6.1.2.1.1.5.0 */
            0x05, 0x00,
            0x04, 0x08, 0x72, 0x70, 0x74, 0x2d, 0x68, 0x6f, /* value "rpt-host" */
            0x73, 0x74,
};

/* SNMPv2c GetRequest: describes nothing */
static const uint8_t v2c_get_request[] = {
    0x30, 0x3c,                                        /* Message */
      0x02, 0x01, 0x01,                                /* version v2c = 1 */
      0x04, 0x06, 0x70, 0x75, 0x62, 0x6c, 0x69, 0x63,  /* community "public" */
      0xa0, 0x2f,                                      /* GetRequest-PDU */
        0x02, 0x01, 0x08,                              /* request-id = 8 */
        0x02, 0x01, 0x00,                              /* error-status = 0 */
        0x02, 0x01, 0x00,                              /* error-index = 0 */
        0x30, 0x24,                                    /* VarBindList */
          0x30, 0x0c,                                  /* VarBind sysDescr.0 */
            0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, /* name 1.3.6.1.2.1.1.1.0 */
            0x01, 0x00,
            0x05, 0x00,                                /* value */
          0x30, 0x14,                                  /* VarBind sysObjectID.0 */
            0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, /* name 1.3.6.1.2.1.1.2.0 */
            0x02, 0x00,
            0x06, 0x08, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x09, /* value (decoy) 1.3.6.1.4.1.9.1.1 */
            0x01, 0x01,
};

/* SNMPv1 SetRequest of sysName: the manager's value, not the agent's */
static const uint8_t v1_set_request[] = {
    0x30, 0x35,                                        /* Message */
      0x02, 0x01, 0x00,                                /* version v1 = 0 */
      0x04, 0x07, 0x70, 0x72, 0x69, 0x76, 0x61, 0x74,  /* community "private" */
      0x65,
      0xa3, 0x27,                                      /* SetRequest-PDU */
        0x02, 0x01, 0x09,                              /* request-id = 9 */
        0x02, 0x01, 0x00,                              /* error-status = 0 */
        0x02, 0x01, 0x00,                              /* error-index = 0 */
        0x30, 0x1c,                                    /* VarBindList */
          0x30, 0x1a,                                  /* VarBind sysName.0 */
            0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, /* name 1.3.6.1.2.1.1.5.0 */
            0x05, 0x00,
            0x04, 0x0e, 0x73, 0x65, 0x74, 0x2d, 0x62, 0x79, /* value "set-by-manager" */
            0x2d, 0x6d, 0x61, 0x6e, 0x61, 0x67, 0x65, 0x72,
};

/* SNMPv3 Report (discovery reply); engine ID 800007db 03 00e0fc123456:
 * Huawei (2011), MAC format */
static const uint8_t v3_report[] = {
    0x30, 0x61,                                        /* SNMPv3Message */
      0x02, 0x01, 0x03,                                /* msgVersion = 3 */
      0x30, 0x0e,                                      /* HeaderData */
        0x02, 0x01, 0x42,                              /* msgID = 66 */
        0x02, 0x03, 0x00, 0xff, 0xe3,                  /* msgMaxSize = 65507 */
        0x04, 0x01, 0x00,                              /* msgFlags 0x00 */
        0x02, 0x01, 0x03,                              /* msgSecurityModel USM = 3 */
      0x04, 0x1d,                                      /* msgSecurityParameters */
        0x30, 0x1b,                                    /* UsmSecurityParameters */
          /* msgAuthoritativeEngineID 0x800007db0300e0fc123456 */
          0x04, 0x0b, 0x80, 0x00, 0x07, 0xdb, 0x03, 0x00,
          0xe0, 0xfc, 0x12, 0x34, 0x56,
          0x02, 0x01, 0x11,                            /* msgAuthoritativeEngineBoots = 17 */
          0x02, 0x03, 0x01, 0xe2, 0x40,                /* msgAuthoritativeEngineTime = 123456 */
          0x04, 0x00,                                  /* msgUserName (empty) */
          0x04, 0x00,                                  /* msgAuthenticationParameters (empty) */
          0x04, 0x00,                                  /* msgPrivacyParameters (empty) */
      0x30, 0x2d,                                      /* ScopedPDU */
        /* contextEngineID 0x800007db0300e0fc123456 */
        0x04, 0x0b, 0x80, 0x00, 0x07, 0xdb, 0x03, 0x00,
        0xe0, 0xfc, 0x12, 0x34, 0x56,
        0x04, 0x00,                                    /* contextName (empty) */
        0xa8, 0x1c,                                    /* Report-PDU */
          0x02, 0x01, 0x42,                            /* request-id = 66 */
          0x02, 0x01, 0x00,                            /* error-status = 0 */
          0x02, 0x01, 0x00,                            /* error-index = 0 */
          0x30, 0x11,                                  /* VarBindList */
            0x30, 0x0f,                                /* VarBind usmStatsUnknownEngineIDs.0 */
              0x06, 0x0a, 0x2b, 0x06, 0x01, 0x06, 0x03, 0x0f, /* name 1.3.6.1.6.3.15.1.1.4.0 */
              0x01, 0x01, 0x04, 0x00,
              0x41, 0x01, 0x05,                        /* value Counter32 */
};

/* SNMPv3 authPriv, encrypted scopedPDU; engine ID 80000f3e 04 "ZXR10-core":
 * ZTE (3902), text format */
static const uint8_t v3_encrypted[] = {
    0x30, 0x81, 0x83,                                  /* SNMPv3Message */
      0x02, 0x01, 0x03,                                /* msgVersion = 3 */
      0x30, 0x0e,                                      /* HeaderData */
        0x02, 0x01, 0x43,                              /* msgID = 67 */
        0x02, 0x03, 0x00, 0xff, 0xe3,                  /* msgMaxSize = 65507 */
        0x04, 0x01, 0x03,                              /* msgFlags 0x03 */
        0x02, 0x01, 0x03,                              /* msgSecurityModel USM = 3 */
      0x04, 0x3c,                                      /* msgSecurityParameters */
        0x30, 0x3a,                                    /* UsmSecurityParameters */
          /* msgAuthoritativeEngineID 0x80000f3e045a585231302d636f7265 */
          0x04, 0x0f, 0x80, 0x00, 0x0f, 0x3e, 0x04, 0x5a,
          0x58, 0x52, 0x31, 0x30, 0x2d, 0x63, 0x6f, 0x72,
          0x65,
          0x02, 0x01, 0x11,                            /* msgAuthoritativeEngineBoots = 17 */
          0x02, 0x03, 0x01, 0xe2, 0x40,                /* msgAuthoritativeEngineTime = 123456 */
          0x04, 0x07, 0x6f, 0x70, 0x73, 0x55, 0x73, 0x65, /* msgUserName "opsUser" */
          0x72,
          /* msgAuthenticationParameters 0x000000000000000000000000 */
          0x04, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
          0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
          /* msgPrivacyParameters 0x0000000100000002 */
          0x04, 0x08, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,
          0x00, 0x02,
      /* msgData encryptedPDU " !"#$%&'()*+,-./0123456789:;<=>?@..." */
      0x04, 0x30, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25,
      0x26, 0x27, 0x28, 0x29, 0x2a, 0x2b, 0x2c, 0x2d,
      0x2e, 0x2f, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35,
      0x36, 0x37, 0x38, 0x39, 0x3a, 0x3b, 0x3c, 0x3d,
      0x3e, 0x3f, 0x40, 0x41, 0x42, 0x43, 0x44, 0x45,
      0x46, 0x47, 0x48, 0x49, 0x4a, 0x4b, 0x4c, 0x4d,
      0x4e, 0x4f,
};

/* SNMPv3 authNoPriv Response; pre-RFC 3411 engine ID 000039e7 000000a1c0a81da0 (Aruba 14823) */
static const uint8_t v3_response_old_engine[] = {
    0x30, 0x7d,                                        /* SNMPv3Message */
      0x02, 0x01, 0x03,                                /* msgVersion = 3 */
      0x30, 0x0e,                                      /* HeaderData */
        0x02, 0x01, 0x42,                              /* msgID = 66 */
        0x02, 0x03, 0x00, 0xff, 0xe3,                  /* msgMaxSize = 65507 */
        0x04, 0x01, 0x01,                              /* msgFlags 0x01 */
        0x02, 0x01, 0x03,                              /* msgSecurityModel USM = 3 */
      0x04, 0x31,                                      /* msgSecurityParameters */
        0x30, 0x2f,                                    /* UsmSecurityParameters */
          /* msgAuthoritativeEngineID 0x000039e7000000a1c0a81da0 */
          0x04, 0x0c, 0x00, 0x00, 0x39, 0xe7, 0x00, 0x00,
          0x00, 0xa1, 0xc0, 0xa8, 0x1d, 0xa0,
          0x02, 0x01, 0x11,                            /* msgAuthoritativeEngineBoots = 17 */
          0x02, 0x03, 0x01, 0xe2, 0x40,                /* msgAuthoritativeEngineTime = 123456 */
          0x04, 0x07, 0x6d, 0x6f, 0x6e, 0x69, 0x74, 0x6f, /* msgUserName "monitor" */
          0x72,
          /* msgAuthenticationParameters 0x000000000000000000000000 */
          0x04, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
          0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
          0x04, 0x00,                                  /* msgPrivacyParameters (empty) */
      0x30, 0x35,                                      /* ScopedPDU */
        /* contextEngineID 0x000039e7000000a1c0a81da0 */
        0x04, 0x0c, 0x00, 0x00, 0x39, 0xe7, 0x00, 0x00,
        0x00, 0xa1, 0xc0, 0xa8, 0x1d, 0xa0,
        0x04, 0x00,                                    /* contextName (empty) */
        0xa2, 0x23,                                    /* Response-PDU */
          0x02, 0x01, 0x44,                            /* request-id = 68 */
          0x02, 0x01, 0x00,                            /* error-status = 0 */
          0x02, 0x01, 0x00,                            /* error-index = 0 */
          0x30, 0x18,                                  /* VarBindList */
            0x30, 0x16,                                /* VarBind sysName.0 */
              0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, /* name 1.3.6.1.2.1.1.5.0 */
              0x05, 0x00,
              0x04, 0x0a, 0x61, 0x72, 0x75, 0x62, 0x61, 0x2d, /* value "aruba-ap-3" */
              0x61, 0x70, 0x2d, 0x33,
};

/* SNMPv3 noAuthNoPriv trap; engine ID 800007db 01 c0000207: Huawei, IPv4 format 192.0.2.7 */
static const uint8_t v3_trap_ipv4_engine[] = {
    0x30, 0x81, 0x84,                                  /* SNMPv3Message */
      0x02, 0x01, 0x03,                                /* msgVersion = 3 */
      0x30, 0x0e,                                      /* HeaderData */
        0x02, 0x01, 0x42,                              /* msgID = 66 */
        0x02, 0x03, 0x00, 0xff, 0xe3,                  /* msgMaxSize = 65507 */
        0x04, 0x01, 0x00,                              /* msgFlags 0x00 */
        0x02, 0x01, 0x03,                              /* msgSecurityModel USM = 3 */
      0x04, 0x23,                                      /* msgSecurityParameters */
        0x30, 0x21,                                    /* UsmSecurityParameters */
          /* msgAuthoritativeEngineID 0x800007db01c0000207 */
          0x04, 0x09, 0x80, 0x00, 0x07, 0xdb, 0x01, 0xc0,
          0x00, 0x02, 0x07,
          0x02, 0x01, 0x11,                            /* msgAuthoritativeEngineBoots = 17 */
          0x02, 0x03, 0x01, 0xe2, 0x40,                /* msgAuthoritativeEngineTime = 123456 */
          0x04, 0x08, 0x74, 0x72, 0x61, 0x70, 0x55, 0x73, /* msgUserName "trapUser" */
          0x65, 0x72,
          0x04, 0x00,                                  /* msgAuthenticationParameters (empty) */
          0x04, 0x00,                                  /* msgPrivacyParameters (empty) */
      0x30, 0x4a,                                      /* ScopedPDU */
        0x04, 0x09, 0x80, 0x00, 0x07, 0xdb, 0x01, 0xc0, /* contextEngineID 0x800007db01c0000207 */
        0x00, 0x02, 0x07,
        0x04, 0x00,                                    /* contextName (empty) */
        0xa7, 0x3b,                                    /* SNMPv2-Trap-PDU */
          0x02, 0x01, 0x45,                            /* request-id = 69 */
          0x02, 0x01, 0x00,                            /* error-status = 0 */
          0x02, 0x01, 0x00,                            /* error-index = 0 */
          0x30, 0x30,                                  /* VarBindList */
            0x30, 0x10,                                /* VarBind sysUpTime.0 */
              0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, /* name 1.3.6.1.2.1.1.3.0 */
              0x03, 0x00,
              0x43, 0x04, 0x00, 0x00, 0x00, 0x01,      /* value = 1 */
            0x30, 0x1c,                                /* VarBind snmpTrapOID.0 */
              0x06, 0x0a, 0x2b, 0x06, 0x01, 0x06, 0x03, 0x01, /* name 1.3.6.1.6.3.1.1.4.1.0 */
              0x01, 0x04, 0x01, 0x00,
              /* value 1.3.6.1.4.1.2011.5.25.219.2.2.1 */
              0x06, 0x0e, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x8f,
              0x5b, 0x05, 0x19, 0x81, 0x5b, 0x02, 0x02, 0x01,
};

/* SNMPv3 discovery GetRequest (reportable, empty engine ID): describes nothing */
static const uint8_t v3_get_request[] = {
    0x30, 0x3a,                                        /* SNMPv3Message */
      0x02, 0x01, 0x03,                                /* msgVersion = 3 */
      0x30, 0x0e,                                      /* HeaderData */
        0x02, 0x01, 0x42,                              /* msgID = 66 */
        0x02, 0x03, 0x00, 0xff, 0xe3,                  /* msgMaxSize = 65507 */
        0x04, 0x01, 0x04,                              /* msgFlags 0x04 */
        0x02, 0x01, 0x03,                              /* msgSecurityModel USM = 3 */
      0x04, 0x12,                                      /* msgSecurityParameters */
        0x30, 0x10,                                    /* UsmSecurityParameters */
          0x04, 0x00,                                  /* msgAuthoritativeEngineID (empty) */
          0x02, 0x01, 0x11,                            /* msgAuthoritativeEngineBoots = 17 */
          0x02, 0x03, 0x01, 0xe2, 0x40,                /* msgAuthoritativeEngineTime = 123456 */
          0x04, 0x00,                                  /* msgUserName (empty) */
          0x04, 0x00,                                  /* msgAuthenticationParameters (empty) */
          0x04, 0x00,                                  /* msgPrivacyParameters (empty) */
      0x30, 0x11,                                      /* ScopedPDU */
        0x04, 0x00,                                    /* contextEngineID (empty) */
        0x04, 0x00,                                    /* contextName (empty) */
        0xa0, 0x0b,                                    /* GetRequest-PDU */
          0x02, 0x01, 0x46,                            /* request-id = 70 */
          0x02, 0x01, 0x00,                            /* error-status = 0 */
          0x02, 0x01, 0x00,                            /* error-index = 0 */
          0x30, 0x00,                                  /* VarBindList */
};

/* SNMPv3 InformRequest: the receiver is authoritative, so the engine ID is not the sender's */
static const uint8_t v3_inform_request[] = {
    0x30, 0x6c,                                        /* SNMPv3Message */
      0x02, 0x01, 0x03,                                /* msgVersion = 3 */
      0x30, 0x0e,                                      /* HeaderData */
        0x02, 0x01, 0x42,                              /* msgID = 66 */
        0x02, 0x03, 0x00, 0xff, 0xe3,                  /* msgMaxSize = 65507 */
        0x04, 0x01, 0x04,                              /* msgFlags 0x04 */
        0x02, 0x01, 0x03,                              /* msgSecurityModel USM = 3 */
      0x04, 0x20,                                      /* msgSecurityParameters */
        0x30, 0x1e,                                    /* UsmSecurityParameters */
          /* msgAuthoritativeEngineID 0x800007db0300e0fc123456 */
          0x04, 0x0b, 0x80, 0x00, 0x07, 0xdb, 0x03, 0x00,
          0xe0, 0xfc, 0x12, 0x34, 0x56,
          0x02, 0x01, 0x11,                            /* msgAuthoritativeEngineBoots = 17 */
          0x02, 0x03, 0x01, 0xe2, 0x40,                /* msgAuthoritativeEngineTime = 123456 */
          0x04, 0x03, 0x6d, 0x67, 0x72,                /* msgUserName "mgr" */
          0x04, 0x00,                                  /* msgAuthenticationParameters (empty) */
          0x04, 0x00,                                  /* msgPrivacyParameters (empty) */
      0x30, 0x35,                                      /* ScopedPDU */
        /* contextEngineID 0x800007db0300e0fc123456 */
        0x04, 0x0b, 0x80, 0x00, 0x07, 0xdb, 0x03, 0x00,
        0xe0, 0xfc, 0x12, 0x34, 0x56,
        0x04, 0x00,                                    /* contextName (empty) */
        0xa6, 0x24,                                    /* InformRequest-PDU */
          0x02, 0x01, 0x47,                            /* request-id = 71 */
          0x02, 0x01, 0x00,                            /* error-status = 0 */
          0x02, 0x01, 0x00,                            /* error-index = 0 */
          0x30, 0x19,                                  /* VarBindList */
            0x30, 0x17,                                /* VarBind snmpTrapOID.0 */
              0x06, 0x0a, 0x2b, 0x06, 0x01, 0x06, 0x03, 0x01, /* name 1.3.6.1.6.3.1.1.4.1.0 */
              0x01, 0x04, 0x01, 0x00,
              /* value coldStart 1.3.6.1.6.3.1.1.5.1 */
              0x06, 0x09, 0x2b, 0x06, 0x01, 0x06, 0x03, 0x01,
              0x01, 0x05, 0x01,
};

/* clang-format on */

static struct tu_collector col;

static enum vs_decode_status run(const uint8_t *buf, size_t len, uint16_t sport, uint16_t dport)
{
    struct vs_pkt pkt;
    tu_pkt_init(&pkt);
    pkt.ip_proto = 17;
    pkt.sport = sport;
    pkt.dport = dport;
    tu_reset(&col);
    return vs_snmp_dissect(vs_cur_make(buf, len), &pkt, tu_collect, &col);
}

#define RUN(a, sp, dp) run((a), sizeof(a), (sp), (dp))

static void setup(void)
{
    vs_snmp_init();
}

/* A small BER writer for the hostile frames: open() reserves a long-form length,
 * close() shrinks it to the shortest form once the content is known. */
static uint8_t bb[1 << 17];
static size_t bn;
static size_t bstack[64];
static size_t bsp;

static void b_reset(void)
{
    bn = 0;
    bsp = 0;
}

static void b_raw(const void *p, size_t n)
{
    ck_assert_uint_le(bn + n, sizeof bb);
    memcpy(bb + bn, p, n);
    bn += n;
}

static void b_open(uint8_t tag)
{
    b_raw(&tag, 1);
    bstack[bsp++] = bn;
    bn += 5;
}

static void b_close(void)
{
    size_t start = bstack[--bsp];
    size_t len = bn - start - 5;
    uint8_t hdr[5];
    size_t h;
    if (len < 0x80) {
        hdr[0] = (uint8_t)len;
        h = 1;
    } else if (len < 0x100) {
        hdr[0] = 0x81;
        hdr[1] = (uint8_t)len;
        h = 2;
    } else if (len < 0x10000) {
        hdr[0] = 0x82;
        hdr[1] = (uint8_t)(len >> 8);
        hdr[2] = (uint8_t)len;
        h = 3;
    } else {
        hdr[0] = 0x83;
        hdr[1] = (uint8_t)(len >> 16);
        hdr[2] = (uint8_t)(len >> 8);
        hdr[3] = (uint8_t)len;
        h = 4;
    }
    memmove(bb + start + h, bb + start + 5, len);
    memcpy(bb + start, hdr, h);
    bn = start + h + len;
}

static void b_prim(uint8_t tag, const void *p, size_t n)
{
    b_open(tag);
    b_raw(p, n);
    b_close();
}

static const uint8_t OIDB_SYSNAME[] = {0x2b, 6, 1, 2, 1, 1, 5, 0};
static const uint8_t OIDB_SYSOID[] = {0x2b, 6, 1, 2, 1, 1, 2, 0};
static const uint8_t OIDB_UPTIME[] = {0x2b, 6, 1, 2, 1, 1, 3, 0};

/* Message { v2c, "public", GetResponse { 1, 0, 0, VarBindList { ... } } }: the caller
 * writes the varbinds between b_response_open() and b_response_close(). */
static void b_response_open(void)
{
    b_reset();
    b_open(0x30);
    b_prim(0x02, "\x01", 1);
    b_prim(0x04, "public", 6);
    b_open(0xa2);
    b_prim(0x02, "\x01", 1);
    b_prim(0x02, "\x00", 1);
    b_prim(0x02, "\x00", 1);
    b_open(0x30);
}

static void b_response_close(void)
{
    b_close();
    b_close();
    b_close();
}

static void b_varbind_string(const uint8_t *oidb, size_t oidn, const char *s)
{
    b_open(0x30);
    b_prim(0x06, oidb, oidn);
    b_prim(0x04, s, strlen(s));
    b_close();
}

START_TEST(test_v1_get_response)
{
    ck_assert_int_eq(RUN(v1_get_response, 161, 40000), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 3);
    /* The trailing CR LF of sysDescr and the NUL pad of sysName are not part of the name. */
    ck_assert_str_eq(tu_get(&col, VS_F_SNMP_SYS_DESCR),
                     "Huawei Versatile Routing Platform Software\r\nVRP (R) software, "
                     "Version 8.180 (CE6851HI V200R005C10SPC607B607)");
    ck_assert_str_eq(tu_get(&col, VS_F_SNMP_SYS_OBJECT_ID), "1.3.6.1.4.1.2011.2.239.12");
    ck_assert_str_eq(tu_get(&col, VS_F_SNMP_SYS_NAME), "core-sw-01");
    ck_assert_uint_eq(tu_find(&col, VS_F_SNMP_SYS_NAME)->len, 10);
    ck_assert(!tu_find(&col, VS_F_SNMP_SYS_NAME)->has_mac);
    ck_assert(!tu_find(&col, VS_F_SNMP_SYS_NAME)->has_ip);
}
END_TEST

START_TEST(test_entity_walk)
{
    ck_assert_int_eq(RUN(v2c_entity_walk, 161, 40000), VS_DECODE_OK);
    ck_assert_str_eq(tu_get(&col, VS_F_SNMP_ENT_MODEL_NAME), "ZXR10 5960-52TM-H");
    ck_assert_str_eq(tu_get(&col, VS_F_SNMP_ENT_SERIAL_NUMBER), "219801234567");
    ck_assert_str_eq(tu_get(&col, VS_F_SNMP_ENT_SOFTWARE_REV), "V5.00.10(5.40.1)");
    ck_assert_str_eq(tu_get(&col, VS_F_SNMP_ENT_MFG_NAME), "ZTE");
    /* entPhysicalModelName.2 is empty, entPhysicalDescr is not read, noSuchObject is no name. */
    ck_assert_uint_eq(tu_count(&col, VS_F_SNMP_ENT_MODEL_NAME), 1);
    ck_assert_uint_eq(tu_count(&col, VS_F_SNMP_SYS_NAME), 0);
    ck_assert_uint_eq(col.n, 4);
}
END_TEST

START_TEST(test_v1_trap)
{
    ck_assert_int_eq(RUN(v1_trap, 40001, 162), VS_DECODE_OK);
    ck_assert_str_eq(tu_get(&col, VS_F_SNMP_TRAP_ENTERPRISE), "1.3.6.1.4.1.2011.2.23");
    const struct tu_ev *a = tu_find(&col, VS_F_SNMP_AGENT_ADDRESS);
    ck_assert_ptr_nonnull(a);
    ck_assert_str_eq(a->value, "10.1.2.3");
    ck_assert(a->has_ip);
    ck_assert_uint_eq(a->ip.family, 4);
    ck_assert_mem_eq(a->ip.a, "\x0a\x01\x02\x03", 4);
    ck_assert_str_eq(tu_get(&col, VS_F_SNMP_SYS_NAME), "ar-branch-7");
    ck_assert_uint_eq(col.n, 3);
}
END_TEST

START_TEST(test_v1_trap_zero_agent_address)
{
    uint8_t f[sizeof v1_trap];
    memcpy(f, v1_trap, sizeof f);
    /* agent-addr 10.1.2.3 -> 0.0.0.0: an unset address names no one. */
    static const uint8_t addr[] = {0x40, 0x04, 0x0a, 0x01, 0x02, 0x03};
    uint8_t *at = memmem(f, sizeof f, addr, sizeof addr);
    ck_assert_ptr_nonnull(at);
    memset(at + 2, 0, 4);
    ck_assert_int_eq(run(f, sizeof f, 40001, 162), VS_DECODE_OK);
    ck_assert_uint_eq(tu_count(&col, VS_F_SNMP_AGENT_ADDRESS), 0);
    ck_assert_uint_eq(tu_count(&col, VS_F_SNMP_TRAP_ENTERPRISE), 1);
    /* Nor does loopback (net-snmp's snmptrap sends 127.0.0.1 by default). */
    at[2] = 127;
    at[5] = 1;
    ck_assert_int_eq(run(f, sizeof f, 40001, 162), VS_DECODE_OK);
    ck_assert_uint_eq(tu_count(&col, VS_F_SNMP_AGENT_ADDRESS), 0);
    at[2] = 192;
    ck_assert_int_eq(run(f, sizeof f, 40001, 162), VS_DECODE_OK);
    ck_assert_str_eq(tu_get(&col, VS_F_SNMP_AGENT_ADDRESS), "192.0.0.1");
}
END_TEST

START_TEST(test_v2c_trap_and_inform)
{
    ck_assert_int_eq(RUN(v2c_trap, 40001, 162), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    ck_assert_str_eq(tu_get(&col, VS_F_SNMP_TRAP_OID), "1.3.6.1.6.3.1.1.5.3");

    ck_assert_int_eq(RUN(v2c_inform, 40001, 162), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    ck_assert_str_eq(tu_get(&col, VS_F_SNMP_TRAP_OID), "1.3.6.1.4.1.3902.3.6000.1.0.1");
}
END_TEST

START_TEST(test_v2c_report)
{
    ck_assert_int_eq(RUN(v2c_report, 161, 40000), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    ck_assert_str_eq(tu_get(&col, VS_F_SNMP_SYS_NAME), "rpt-host");
}
END_TEST

START_TEST(test_requests_say_nothing)
{
    /* A get names nothing; a set carries the manager's value, not the agent's. */
    ck_assert_int_eq(RUN(v2c_get_request, 40000, 161), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    ck_assert_int_eq(RUN(v1_set_request, 40000, 161), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    ck_assert_int_eq(RUN(v3_get_request, 40000, 161), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    /* Even sent from port 161, a request is a request. */
    ck_assert_int_eq(RUN(v1_set_request, 161, 161), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

START_TEST(test_v3_report_mac_engine)
{
    ck_assert_int_eq(RUN(v3_report, 161, 40000), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 2);
    const struct tu_ev *e = tu_find(&col, VS_F_SNMP_ENGINE_ID);
    ck_assert_ptr_nonnull(e);
    ck_assert_str_eq(e->value, "800007db0300e0fc123456");
    ck_assert(e->has_mac);
    ck_assert_mem_eq(e->mac, "\x00\xe0\xfc\x12\x34\x56", 6);
    ck_assert(!e->has_ip);
    const struct tu_ev *p = tu_find(&col, VS_F_SNMP_ENGINE_ENTERPRISE);
    ck_assert_ptr_nonnull(p);
    ck_assert_str_eq(p->value, "2011");
    ck_assert_uint_eq(p->num, 2011);
}
END_TEST

START_TEST(test_v3_encrypted_by_port)
{
    /* Encrypted: nothing says which PDU it is, so only the agent ports are trusted. */
    ck_assert_int_eq(RUN(v3_encrypted, 161, 40000), VS_DECODE_OK);
    ck_assert_str_eq(tu_get(&col, VS_F_SNMP_ENGINE_ID), "80000f3e045a585231302d636f7265");
    ck_assert_str_eq(tu_get(&col, VS_F_SNMP_ENGINE_ENTERPRISE), "3902");
    ck_assert_uint_eq(tu_find(&col, VS_F_SNMP_ENGINE_ENTERPRISE)->num, 3902);
    ck_assert(!tu_find(&col, VS_F_SNMP_ENGINE_ID)->has_mac);
    ck_assert_uint_eq(col.n, 2);

    ck_assert_int_eq(RUN(v3_encrypted, 162, 40000), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 2);

    ck_assert_int_eq(RUN(v3_encrypted, 40000, 161), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

START_TEST(test_v3_old_engine_id)
{
    ck_assert_int_eq(RUN(v3_response_old_engine, 161, 40000), VS_DECODE_OK);
    ck_assert_str_eq(tu_get(&col, VS_F_SNMP_ENGINE_ID), "000039e7000000a1c0a81da0");
    ck_assert_str_eq(tu_get(&col, VS_F_SNMP_ENGINE_ENTERPRISE), "14823");
    ck_assert_uint_eq(tu_find(&col, VS_F_SNMP_ENGINE_ENTERPRISE)->num, 14823);
    ck_assert_str_eq(tu_get(&col, VS_F_SNMP_SYS_NAME), "aruba-ap-3");
    ck_assert_uint_eq(col.n, 3);
}
END_TEST

START_TEST(test_v3_trap_ipv4_engine)
{
    ck_assert_int_eq(RUN(v3_trap_ipv4_engine, 40000, 162), VS_DECODE_OK);
    const struct tu_ev *e = tu_find(&col, VS_F_SNMP_ENGINE_ID);
    ck_assert_ptr_nonnull(e);
    ck_assert_str_eq(e->value, "800007db01c0000207");
    ck_assert(e->has_ip);
    ck_assert_uint_eq(e->ip.family, 4);
    ck_assert_mem_eq(e->ip.a, "\xc0\x00\x02\x07", 4);
    ck_assert(!e->has_mac);
    ck_assert_str_eq(tu_get(&col, VS_F_SNMP_TRAP_OID), "1.3.6.1.4.1.2011.5.25.219.2.2.1");
    ck_assert_uint_eq(col.n, 3);
}
END_TEST

START_TEST(test_v3_inform_engine_is_receivers)
{
    ck_assert_int_eq(RUN(v3_inform_request, 40000, 162), VS_DECODE_OK);
    ck_assert_uint_eq(tu_count(&col, VS_F_SNMP_ENGINE_ID), 0);
    ck_assert_uint_eq(tu_count(&col, VS_F_SNMP_ENGINE_ENTERPRISE), 0);
    ck_assert_str_eq(tu_get(&col, VS_F_SNMP_TRAP_OID), "1.3.6.1.6.3.1.1.5.1");
}
END_TEST

START_TEST(test_v3_engine_id_shapes)
{
    /* A 33-octet engine ID is longer than RFC 3411 allows: malformed, not emitted. */
    uint8_t id[40];
    memset(id, 0x41, sizeof id);
    id[0] = 0x80;
    for (size_t idlen = 1; idlen <= sizeof id; idlen++) {
        b_reset();
        b_open(0x30);
        b_prim(0x02, "\x03", 1);
        b_open(0x30);
        b_prim(0x02, "\x01", 1);
        b_prim(0x02, "\x05\xdc", 2);
        b_prim(0x04, "\x00", 1);
        b_prim(0x02, "\x03", 1);
        b_close();
        b_open(0x04);
        b_open(0x30);
        b_prim(0x04, id, idlen);
        b_prim(0x02, "\x00", 1);
        b_prim(0x02, "\x00", 1);
        b_prim(0x04, "", 0);
        b_prim(0x04, "", 0);
        b_prim(0x04, "", 0);
        b_close();
        b_close();
        b_prim(0x04, "\x01\x02\x03\x04", 4);
        b_close();
        enum vs_decode_status st = run(bb, bn, 161, 40000);
        if (idlen > 32) {
            ck_assert_int_eq(st, VS_DECODE_MALFORMED);
            ck_assert_uint_eq(col.n, 0);
            continue;
        }
        ck_assert_int_eq(st, VS_DECODE_OK);
        ck_assert_uint_eq(tu_count(&col, VS_F_SNMP_ENGINE_ID), 1);
        ck_assert_uint_eq(tu_find(&col, VS_F_SNMP_ENGINE_ID)->len, 2 * idlen);
        /* 0x80 0x41 0x41 0x41: enterprise 0x00414141 once the four octets are there. */
        ck_assert_uint_eq(tu_count(&col, VS_F_SNMP_ENGINE_ENTERPRISE), idlen >= 5 ? 1 : 0);
        if (idlen >= 5)
            ck_assert_uint_eq(tu_find(&col, VS_F_SNMP_ENGINE_ENTERPRISE)->num, 0x414141);
        /* Format 0x41 is not an address format. */
        ck_assert(!tu_find(&col, VS_F_SNMP_ENGINE_ID)->has_mac);
        ck_assert(!tu_find(&col, VS_F_SNMP_ENGINE_ID)->has_ip);
    }
}
END_TEST

/* A v3 message with the given USM engine ID and a plaintext Report. */
static void b_v3_report(const uint8_t *id, size_t idlen, uint8_t data_tag)
{
    b_reset();
    b_open(0x30);
    b_prim(0x02, "\x03", 1);
    b_open(0x30);
    b_prim(0x02, "\x01", 1);
    b_prim(0x02, "\x05\xdc", 2);
    b_prim(0x04, "\x00", 1);
    b_prim(0x02, "\x03", 1);
    b_close();
    b_open(0x04);
    b_open(0x30);
    b_prim(0x04, id, idlen);
    b_prim(0x02, "\x00", 1);
    b_prim(0x02, "\x00", 1);
    b_prim(0x04, "", 0);
    b_prim(0x04, "", 0);
    b_prim(0x04, "", 0);
    b_close();
    b_close();
    b_open(data_tag);
    b_prim(0x04, id, idlen);
    b_prim(0x04, "", 0);
    b_open(0xa8);
    b_prim(0x02, "\x01", 1);
    b_prim(0x02, "\x00", 1);
    b_prim(0x02, "\x00", 1);
    b_open(0x30);
    b_close();
    b_close();
    b_close();
    b_close();
}

START_TEST(test_v3_engine_id_ipv6)
{
    /* 800007db 02 20010db8...0001: Huawei, IPv6 format. */
    static const uint8_t id[] = {0x80, 0x00, 0x07, 0xdb, 0x02, 0x20, 0x01, 0x0d, 0xb8, 0, 0,
                                 0,    0,    0,    0,    0,    0,    0,    0,    0,    1};
    b_v3_report(id, sizeof id, 0x30);
    ck_assert_int_eq(run(bb, bn, 161, 40000), VS_DECODE_OK);
    const struct tu_ev *e = tu_find(&col, VS_F_SNMP_ENGINE_ID);
    ck_assert_ptr_nonnull(e);
    ck_assert_str_eq(e->value, "800007db0220010db8000000000000000000000001");
    ck_assert(e->has_ip);
    ck_assert_uint_eq(e->ip.family, 6);
    ck_assert_mem_eq(e->ip.a, id + 5, 16);
    ck_assert_uint_eq(tu_find(&col, VS_F_SNMP_ENGINE_ENTERPRISE)->num, 2011);
    /* Plaintext: the PDU says it is a Report, whatever the ports. */
    ck_assert_int_eq(run(bb, bn, 40000, 161), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 2);
    /* msgData that is neither a scopedPDU nor an encrypted OCTET STRING. */
    b_v3_report(id, sizeof id, 0x31);
    ck_assert_int_eq(run(bb, bn, 161, 40000), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

START_TEST(test_v1_trap_bad_agent_address)
{
    /* agent-addr with five octets, or not an IpAddress at all. */
    b_reset();
    b_open(0x30);
    b_prim(0x02, "\x00", 1);
    b_prim(0x04, "public", 6);
    b_open(0xa4);
    b_prim(0x06, "\x2b\x06\x01\x04\x01\x8f\x5b", 7);
    b_prim(0x40, "\x0a\x01\x02\x03\x04", 5);
    b_close();
    b_close();
    ck_assert_int_eq(run(bb, bn, 1, 162), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(tu_count(&col, VS_F_SNMP_AGENT_ADDRESS), 0);
    ck_assert_str_eq(tu_get(&col, VS_F_SNMP_TRAP_ENTERPRISE), "1.3.6.1.4.1.2011");
    b_reset();
    b_open(0x30);
    b_prim(0x02, "\x00", 1);
    b_prim(0x04, "public", 6);
    b_open(0xa4);
    b_prim(0x04, "not-an-oid", 10);
    b_close();
    b_close();
    ck_assert_int_eq(run(bb, bn, 1, 162), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

/* Every value any frame yields, so credentials can be looked for in all of them. */
static const struct {
    const uint8_t *buf;
    size_t len;
    uint16_t sport;
    const char *secret; /* a community or user name that must never be emitted */
} frames[] = {
    {v1_get_response, sizeof v1_get_response, 161, "s3cr3t-Huawei"},
    {v2c_entity_walk, sizeof v2c_entity_walk, 161, "public"},
    {v1_trap, sizeof v1_trap, 40001, "public"},
    {v2c_trap, sizeof v2c_trap, 40001, "public"},
    {v2c_inform, sizeof v2c_inform, 40001, "public"},
    {v2c_report, sizeof v2c_report, 161, "public"},
    {v2c_get_request, sizeof v2c_get_request, 40000, "public"},
    {v1_set_request, sizeof v1_set_request, 40000, "private"},
    {v3_report, sizeof v3_report, 161, NULL},
    {v3_encrypted, sizeof v3_encrypted, 161, "opsUser"},
    {v3_response_old_engine, sizeof v3_response_old_engine, 161, "monitor"},
    {v3_trap_ipv4_engine, sizeof v3_trap_ipv4_engine, 40000, "trapUser"},
    {v3_get_request, sizeof v3_get_request, 40000, NULL},
    {v3_inform_request, sizeof v3_inform_request, 40000, "mgr"},
};
#define NFRAMES (sizeof frames / sizeof frames[0])

START_TEST(test_credentials_never_emitted)
{
    for (size_t i = 0; i < NFRAMES; i++) {
        run(frames[i].buf, frames[i].len, frames[i].sport, 161);
        for (size_t k = 0; k < col.n; k++) {
            ck_assert_ptr_null(strstr(col.ev[k].value, "s3cr3t"));
            if (frames[i].secret)
                ck_assert_ptr_null(strstr(col.ev[k].value, frames[i].secret));
        }
    }
    /* A community that looks like a sysName is still never a value. */
    uint8_t f[sizeof v1_get_response];
    memcpy(f, v1_get_response, sizeof f);
    uint8_t *c = memmem(f, sizeof f, "s3cr3t-Huawei", 13);
    ck_assert_ptr_nonnull(c);
    memcpy(c, "core-sw-01\0\0\0", 13);
    run(f, sizeof f, 161, 40000);
    ck_assert_uint_eq(tu_count(&col, VS_F_SNMP_SYS_NAME), 1);
    ck_assert_uint_eq(col.n, 3);
}
END_TEST

/* Every strict prefix is truncated (never malformed), and whatever it yields is a value
 * the whole frame yields too: no half-read string or OID ever escapes. */
START_TEST(test_every_prefix)
{
    static struct tu_collector full, part;
    for (size_t i = 0; i < NFRAMES; i++) {
        struct vs_pkt pkt;
        tu_pkt_init(&pkt);
        pkt.sport = frames[i].sport;
        pkt.dport = 161;
        tu_reset(&full);
        vs_snmp_dissect(vs_cur_make(frames[i].buf, frames[i].len), &pkt, tu_collect, &full);
        for (size_t n = 0; n < frames[i].len; n++) {
            uint8_t *copy = malloc(n ? n : 1);
            ck_assert_ptr_nonnull(copy);
            memcpy(copy, frames[i].buf, n);
            tu_reset(&part);
            enum vs_decode_status st =
                vs_snmp_dissect(vs_cur_make(copy, n), &pkt, tu_collect, &part);
            ck_assert_msg(st == VS_DECODE_TRUNCATED, "frame %zu prefix %zu: status %d", i, n,
                          (int)st);
            for (size_t k = 0; k < part.n; k++)
                ck_assert_msg(tu_has(&full, part.ev[k].field, part.ev[k].value),
                              "frame %zu prefix %zu: partial value '%s'", i, n, part.ev[k].value);
            free(copy);
        }
        size_t with = tu_every_prefix(vs_snmp_dissect, frames[i].buf, frames[i].len, &pkt);
        ck_assert_uint_le(with, frames[i].len + 1);
        if (full.n)
            ck_assert_uint_ge(with, 1);
    }
}
END_TEST

START_TEST(test_length_beyond_buffer)
{
    /* Outer length 0x7fffffff with a few bytes present: the frame was cut short. */
    static const uint8_t huge[] = {0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x02, 0x01, 0x01,
                                   0x04, 0x06, 'p',  'u',  'b',  'l',  'i',  'c'};
    ck_assert_int_eq(RUN(huge, 161, 1), VS_DECODE_TRUNCATED);
    ck_assert_uint_eq(col.n, 0);
    /* 0xffffffff: the largest four-octet length. */
    static const uint8_t max4[] = {0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x02, 0x01, 0x01};
    ck_assert_int_eq(RUN(max4, 161, 1), VS_DECODE_TRUNCATED);
    /* The community claims 0x7f bytes inside a message that says it holds 8: a
     * contradiction, not a short capture. */
    static const uint8_t inner[] = {0x30, 0x08, 0x02, 0x01, 0x00, 0x04, 0x7f, 'p', 'u', 'b'};
    ck_assert_int_eq(RUN(inner, 161, 1), VS_DECODE_MALFORMED);
    /* A sysName longer than its varbind. */
    b_response_open();
    b_open(0x30);
    b_prim(0x06, OIDB_SYSNAME, sizeof OIDB_SYSNAME);
    b_raw("\x04\x40name", 6);
    b_close();
    b_response_close();
    ck_assert_int_eq(run(bb, bn, 161, 1), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    /* Zero lengths: an empty message and an empty sysName say nothing. */
    static const uint8_t empty[] = {0x30, 0x00};
    ck_assert_int_eq(RUN(empty, 161, 1), VS_DECODE_MALFORMED);
    b_response_open();
    b_varbind_string(OIDB_SYSNAME, sizeof OIDB_SYSNAME, "");
    b_response_close();
    ck_assert_int_eq(run(bb, bn, 161, 1), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

START_TEST(test_indefinite_length)
{
    static const uint8_t outer[] = {0x30, 0x80, 0x02, 0x01, 0x00, 0x04,
                                    0x00, 0xa2, 0x00, 0x00, 0x00};
    ck_assert_int_eq(RUN(outer, 161, 1), VS_DECODE_MALFORMED);
    b_response_open();
    b_raw("\x30\x80\x06\x08", 4);
    b_raw(OIDB_SYSNAME, sizeof OIDB_SYSNAME);
    b_raw("\x04\x01x\x00\x00", 5);
    b_response_close();
    ck_assert_int_eq(run(bb, bn, 161, 1), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

START_TEST(test_length_of_length)
{
    /* 0x85: five length octets cannot describe a datagram. */
    static const uint8_t five[] = {0x30, 0x85, 0x00, 0x00, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00};
    ck_assert_int_eq(RUN(five, 161, 1), VS_DECODE_MALFORMED);
    static const uint8_t eight[] = {0x30, 0x88, 0, 0, 0, 0, 0, 0, 0, 3, 0x02, 0x01, 0x00};
    ck_assert_int_eq(RUN(eight, 161, 1), VS_DECODE_MALFORMED);
    /* Length octets cut off by the end of the frame. */
    static const uint8_t cut[] = {0x30, 0x84, 0x00, 0x00};
    ck_assert_int_eq(RUN(cut, 161, 1), VS_DECODE_TRUNCATED);
    /* A non-minimal but valid 0x84 form decodes as the short form does. */
    uint8_t f[sizeof v1_get_response + 3];
    ck_assert_uint_eq(v1_get_response[1], 0x81);
    f[0] = 0x30;
    f[1] = 0x84;
    f[2] = 0;
    f[3] = 0;
    f[4] = 0;
    f[5] = v1_get_response[2];
    memcpy(f + 6, v1_get_response + 3, sizeof v1_get_response - 3);
    ck_assert_int_eq(run(f, sizeof f, 161, 1), VS_DECODE_OK);
    ck_assert_str_eq(tu_get(&col, VS_F_SNMP_SYS_NAME), "core-sw-01");
    ck_assert_uint_eq(col.n, 3);
}
END_TEST

static void b_deep_value(unsigned levels)
{
    b_open(0x30);
    /* Under the system group (sysORTable), so the decoder reads the value. */
    b_prim(0x06, "\x2b\x06\x01\x02\x01\x01\x09", 7);
    for (unsigned i = 0; i < levels; i++)
        b_open(0x30);
    b_prim(0x05, "", 0);
    for (unsigned i = 0; i < levels; i++)
        b_close();
    b_close();
}

START_TEST(test_nesting_depth)
{
    b_response_open();
    b_varbind_string(OIDB_SYSNAME, sizeof OIDB_SYSNAME, "deep-ok");
    b_deep_value(3);
    b_response_close();
    ck_assert_int_eq(run(bb, bn, 161, 1), VS_DECODE_OK);
    ck_assert_str_eq(tu_get(&col, VS_F_SNMP_SYS_NAME), "deep-ok");

    b_response_open();
    b_varbind_string(OIDB_SYSNAME, sizeof OIDB_SYSNAME, "deep-bad");
    b_deep_value(VS_MAX_BER_DEPTH + 4);
    b_response_close();
    ck_assert_int_eq(run(bb, bn, 161, 1), VS_DECODE_MALFORMED);
    /* Evidence before the hostile varbind still counts. */
    ck_assert_str_eq(tu_get(&col, VS_F_SNMP_SYS_NAME), "deep-bad");
    ck_assert_uint_eq(col.n, 1);

    /* 60 levels of bare SEQUENCE, no SNMP at all. */
    b_reset();
    for (int i = 0; i < 60; i++)
        b_open(0x30);
    for (int i = 0; i < 60; i++)
        b_close();
    ck_assert_int_eq(run(bb, bn, 161, 1), VS_DECODE_MALFORMED);
}
END_TEST

START_TEST(test_oid_subidentifier_too_long)
{
    /* zeek snmp-oid-subidentifier-too-long.pcap: a GetRequest whose name has a
     * 11-octet subidentifier; a request is never read, so nothing comes of it. */
    static const uint8_t zeek[] = {
        0x30, 0x2a, 0x02, 0x01, 0x00, 0x04, 0x06, 0x70, 0x75, 0x62, 0x6c, 0x69, 0x63, 0xa0, 0x1d,
        0x02, 0x01, 0x01, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00, 0x30, 0x12, 0x30, 0x10, 0x06, 0x0c,
        0x2b, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0x05, 0x00};
    ck_assert_int_eq(RUN(zeek, 40000, 161), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    /* The same name in a response is read, and refused. */
    uint8_t resp[sizeof zeek];
    memcpy(resp, zeek, sizeof resp);
    resp[13] = 0xa2;
    ck_assert_int_eq(run(resp, sizeof resp, 161, 40000), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);

    /* sysObjectID values: 2^32-1 is the largest subidentifier; 2^32 wraps nothing. */
    static const struct {
        uint8_t oid[16];
        size_t n;
        const char *text; /* NULL: malformed */
    } cases[] = {
        {{0x2b, 6, 1, 4, 1, 0x8f, 0xff, 0xff, 0xff, 0x7f}, 10, "1.3.6.1.4.1.4294967295"},
        {{0x2b, 6, 1, 4, 1, 0x90, 0x80, 0x80, 0x80, 0x00}, 10, NULL},
        {{0x2b, 6, 1, 4, 1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01}, 11, NULL},
        {{0x2b, 6, 1, 4, 1, 0x81}, 6, NULL}, /* ends inside a subidentifier */
        {{0x2b}, 1, "1.3"},
        {{0x00}, 0, NULL}, /* empty OID */
        {{0x88, 0x37, 0x01}, 3, "2.999.1"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        b_response_open();
        b_open(0x30);
        b_prim(0x06, OIDB_SYSOID, sizeof OIDB_SYSOID);
        b_prim(0x06, cases[i].oid, cases[i].n);
        b_close();
        b_response_close();
        enum vs_decode_status st = run(bb, bn, 161, 1);
        if (cases[i].text) {
            ck_assert_int_eq(st, VS_DECODE_OK);
            ck_assert_str_eq(tu_get(&col, VS_F_SNMP_SYS_OBJECT_ID), cases[i].text);
        } else {
            ck_assert_int_eq(st, VS_DECODE_MALFORMED);
            ck_assert_uint_eq(col.n, 0);
        }
    }

    /* 127 subidentifiers fill net-snmp's MAX_OID_LEN; 128 (plus the expanded first) do not. */
    for (size_t extra = 125; extra <= 128; extra++) {
        uint8_t o[200];
        o[0] = 0x2b;
        memset(o + 1, 0x01, extra);
        b_response_open();
        b_open(0x30);
        b_prim(0x06, OIDB_SYSOID, sizeof OIDB_SYSOID);
        b_prim(0x06, o, extra + 1);
        b_close();
        b_response_close();
        enum vs_decode_status st = run(bb, bn, 161, 1);
        if (extra + 2 <= 128) {
            ck_assert_int_eq(st, VS_DECODE_OK);
            ck_assert_uint_eq(tu_count(&col, VS_F_SNMP_SYS_OBJECT_ID), 1);
        } else {
            ck_assert_int_eq(st, VS_DECODE_MALFORMED);
            ck_assert_uint_eq(col.n, 0);
        }
    }
}
END_TEST

START_TEST(test_many_varbinds)
{
    b_response_open();
    b_varbind_string(OIDB_SYSNAME, sizeof OIDB_SYSNAME, "first");
    for (int i = 0; i < 3000; i++) {
        b_open(0x30);
        b_prim(0x06, OIDB_UPTIME, sizeof OIDB_UPTIME);
        b_prim(0x05, "", 0);
        b_close();
    }
    b_varbind_string(OIDB_SYSNAME, sizeof OIDB_SYSNAME, "never-reached");
    b_response_close();
    ck_assert_int_eq(run(bb, bn, 161, 1), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 1);
    ck_assert_str_eq(tu_get(&col, VS_F_SNMP_SYS_NAME), "first");

    /* Below the bound, every varbind is read. */
    b_response_open();
    for (int i = 0; i < 100; i++)
        b_varbind_string(OIDB_SYSNAME, sizeof OIDB_SYSNAME, "n");
    b_response_close();
    ck_assert_int_eq(run(bb, bn, 161, 1), VS_DECODE_OK);
    ck_assert_uint_eq(tu_count(&col, VS_F_SNMP_SYS_NAME), 100);
}
END_TEST

START_TEST(test_not_snmp)
{
    static const uint8_t http[] = "HTTP/1.1 200 OK\r\n";
    ck_assert_int_eq(run(http, sizeof http - 1, 161, 1), VS_DECODE_MALFORMED);
    ck_assert_int_eq(run(http, 0, 161, 1), VS_DECODE_TRUNCATED);
    ck_assert_int_eq(run(NULL, 0, 161, 1), VS_DECODE_TRUNCATED);
    /* Version 2 (SNMPv2u) is not decoded. */
    uint8_t f[sizeof v1_get_response];
    memcpy(f, v1_get_response, sizeof f);
    f[5] = 2;
    ck_assert_int_eq(run(f, sizeof f, 161, 1), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    /* An unknown PDU tag. */
    memcpy(f, v1_get_response, sizeof f);
    ck_assert_uint_eq(f[21], 0xa2);
    f[21] = 0xa9;
    ck_assert_int_eq(run(f, sizeof f, 161, 1), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    /* A multi-octet identifier. */
    memcpy(f, v1_get_response, sizeof f);
    f[21] = 0xbf;
    ck_assert_int_eq(run(f, sizeof f, 161, 1), VS_DECODE_MALFORMED);
    /* The community is not an OCTET STRING. */
    memcpy(f, v1_get_response, sizeof f);
    f[6] = 0x06;
    ck_assert_int_eq(run(f, sizeof f, 161, 1), VS_DECODE_MALFORMED);
    /* A nine-octet version INTEGER is more than net-snmp's long holds. */
    static const uint8_t bigint[] = {0x30, 0x0b, 0x02, 0x09, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    ck_assert_int_eq(RUN(bigint, 161, 1), VS_DECODE_MALFORMED);
    /* A zero-length INTEGER. */
    static const uint8_t noint[] = {0x30, 0x02, 0x02, 0x00};
    ck_assert_int_eq(RUN(noint, 161, 1), VS_DECODE_MALFORMED);
}
END_TEST

START_TEST(test_init_idempotent)
{
    vs_snmp_init();
    vs_snmp_init();
    ck_assert_int_eq(RUN(v1_get_response, 161, 40000), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 3);
}
END_TEST

/* ---- corpus: real captures with what tshark decoded (corpus/expected/). ---- */

struct corpus_run {
    struct tu_collector ev;
    size_t udp;
    size_t wrong_side; /* evidence from a frame that is not the agent's */
    enum vs_decode_status worst;
    bool all_ports;
};

static void corpus_cb(void *ctx, const struct ipc_frame *f)
{
    struct corpus_run *r = ctx;
    if (f->kind != IPC_UDP)
        return;
    bool snmp_port =
        f->pkt.sport == 161 || f->pkt.dport == 161 || f->pkt.sport == 162 || f->pkt.dport == 162;
    if (!snmp_port && !r->all_ports)
        return;
    r->udp++;
    size_t before = r->ev.n;
    enum vs_decode_status st = vs_snmp_dissect(f->body, &f->pkt, tu_collect, &r->ev);
    ck_assert_int_ge(st, VS_DECODE_OK);
    ck_assert_int_le(st, VS_DECODE_MALFORMED);
    if (snmp_port && st > r->worst)
        r->worst = st;
    /* Agents answer from 161 and send notifications to 162 (or answer informs from it). */
    if (r->ev.n > before && snmp_port && f->pkt.sport != 161 && f->pkt.dport != 162 &&
        f->pkt.sport != 162)
        r->wrong_side++;
}

static struct corpus_run *corpus(const char *file)
{
    static struct corpus_run r;
    static char path[4096];
    memset(&r, 0, sizeof r);
    const char *dir = ipc_corpus_dir();
    if (!dir)
        return NULL;
    snprintf(path, sizeof path, "%s/pcap/%s", dir, file);
    long n = ipc_walk(path, corpus_cb, &r);
    ck_assert_msg(n > 0, "%s: cannot read", path);
    ck_assert_uint_gt(r.udp, 0);
    ck_assert_uint_eq(r.wrong_side, 0);
    return &r;
}

START_TEST(test_corpus_expected)
{
    struct corpus_run *r = corpus("zeek__snmp__snmpwalk-short.pcap");
    if (!r)
        return; /* no corpus here */
    ck_assert(tu_has(&r->ev, VS_F_SNMP_SYS_DESCR,
                     "Linux ubuntu-512mb-sfo2-01 4.4.0-31-generic #50~14.04.1-Ubuntu SMP Wed "
                     "Jul 13 01:07:32 UTC 2016 x86_64"));
    ck_assert(tu_has(&r->ev, VS_F_SNMP_SYS_OBJECT_ID, "1.3.6.1.4.1.8072.3.2.10"));
    ck_assert(tu_has(&r->ev, VS_F_SNMP_SYS_NAME, "ubuntu-512mb-sfo2-01"));

    r = corpus("zeek__snmp__snmpv1_get.pcap");
    ck_assert(tu_has(&r->ev, VS_F_SNMP_SYS_OBJECT_ID, "1.3.6.1.4.1.2001.1.1.1.297.93.1.27.2.2.1"));
    ck_assert(tu_has(&r->ev, VS_F_SNMP_SYS_NAME, "B6300"));

    r = corpus("zeek__snmp__snmpv1_trap.pcap");
    ck_assert(tu_has(&r->ev, VS_F_SNMP_TRAP_ENTERPRISE, "1.3.6.1.4.1.31337.0"));

    r = corpus("suricata-verify__firewall__ruletype-firewall-54-snmp-v1-trap__"
               "public-wiresharkwiki-c06-snmpv1-trap-app-r1-1-12.pcap");
    ck_assert(tu_has(&r->ev, VS_F_SNMP_TRAP_ENTERPRISE, "1.3.6.1.4.1.4.1.2.21"));

    r = corpus("ndpi__snmp.pcap");
    ck_assert(tu_has(&r->ev, VS_F_SNMP_SYS_NAME, "R1.lab.local"));
    ck_assert(tu_has(&r->ev, VS_F_SNMP_ENGINE_ID, "800000090300aabbcc000100"));
    ck_assert(tu_has(&r->ev, VS_F_SNMP_ENGINE_ENTERPRISE, "9"));
    ck_assert(tu_has(&r->ev, VS_F_SNMP_TRAP_OID, "1.3.6.1.6.3.1.1.5.3"));
    ck_assert(tu_has(&r->ev, VS_F_SNMP_TRAP_OID, "1.3.6.1.6.3.1.1.5.4"));
    ck_assert(tu_has(&r->ev, VS_F_SNMP_TRAP_ENTERPRISE, "1.3.6.1.6.3.1.1.5"));
    const struct tu_ev *e = tu_find(&r->ev, VS_F_SNMP_ENGINE_ID);
    ck_assert(e->has_mac);
    ck_assert_mem_eq(e->mac, "\x00\xaa\xbb\xcc\x00\x01", 6);

    r = corpus("suricata-verify__snmp-v3-encrypted__SNMPv3.pcap");
    ck_assert(tu_has(&r->ev, VS_F_SNMP_ENGINE_ID, "000039e7000000a1c0a81da0"));
    ck_assert(tu_has(&r->ev, VS_F_SNMP_ENGINE_ENTERPRISE, "14823"));

    r = corpus("suricata-verify__snmp-v3-unauth__snmp-v3-get-bulk-unauth.pcap");
    ck_assert(tu_has(&r->ev, VS_F_SNMP_ENGINE_ID, "80001f8880468a3a41a3a51b5c00000000"));
    ck_assert(tu_has(&r->ev, VS_F_SNMP_ENGINE_ENTERPRISE, "8072"));

    r = corpus("zeek__snmp__snmpv3_get_next.pcap");
    ck_assert(tu_has(&r->ev, VS_F_SNMP_ENGINE_ID, "80001f8880a9498e5e3a2c3043"));
    ck_assert(tu_has(&r->ev, VS_F_SNMP_ENGINE_ENTERPRISE, "8072"));

    /* Negative cases: tshark found no system group in these. */
    static const char *const quiet[] = {
        "zeek__snmp__snmpv1_get_short.pcap", "zeek__snmp__snmpv1_set.pcap",
        "zeek__snmp__snmpv2_get.pcap",       "zeek__snmp__snmpv2_get_bulk.pcap",
        "zeek__snmp__snmpv2_get_next.pcap",
    };
    for (size_t i = 0; i < sizeof quiet / sizeof quiet[0]; i++) {
        r = corpus(quiet[i]);
        ck_assert_msg(r->ev.n == 0, "%s: %zu items, first '%s'", quiet[i], r->ev.n,
                      r->ev.n ? r->ev.ev[0].value : "");
        ck_assert_int_eq(r->worst, VS_DECODE_OK);
    }
}
END_TEST

/* Every UDP payload of every capture (any port) through the decoder: no crash, no
 * over-read, a defined status. */
START_TEST(test_corpus_sweep)
{
    const char *dir = ipc_corpus_dir();
    if (!dir)
        return;
    static const char *const sub[] = {"pcap", "malformed"};
    for (size_t s = 0; s < 2; s++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, sub[s]);
        DIR *d = opendir(path);
        ck_assert_ptr_nonnull(d);
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            if (de->d_name[0] == '.')
                continue;
            static struct corpus_run r;
            memset(&r, 0, sizeof r);
            r.all_ports = true;
            char file[4096 + 256];
            snprintf(file, sizeof file, "%s/%s", path, de->d_name);
            ipc_walk(file, corpus_cb, &r);
        }
        closedir(d);
    }
}
END_TEST

static Suite *snmp_suite(void)
{
    Suite *s = suite_create("snmp");
    TCase *tc = tcase_create("decode");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_v1_get_response);
    tcase_add_test(tc, test_entity_walk);
    tcase_add_test(tc, test_v1_trap);
    tcase_add_test(tc, test_v1_trap_zero_agent_address);
    tcase_add_test(tc, test_v2c_trap_and_inform);
    tcase_add_test(tc, test_v2c_report);
    tcase_add_test(tc, test_requests_say_nothing);
    tcase_add_test(tc, test_v3_report_mac_engine);
    tcase_add_test(tc, test_v3_encrypted_by_port);
    tcase_add_test(tc, test_v3_old_engine_id);
    tcase_add_test(tc, test_v3_trap_ipv4_engine);
    tcase_add_test(tc, test_v3_inform_engine_is_receivers);
    tcase_add_test(tc, test_v3_engine_id_shapes);
    tcase_add_test(tc, test_v3_engine_id_ipv6);
    tcase_add_test(tc, test_v1_trap_bad_agent_address);
    tcase_add_test(tc, test_credentials_never_emitted);
    tcase_add_test(tc, test_init_idempotent);
    suite_add_tcase(s, tc);

    TCase *bad = tcase_create("hostile");
    tcase_add_checked_fixture(bad, setup, NULL);
    tcase_add_test(bad, test_every_prefix);
    tcase_add_test(bad, test_length_beyond_buffer);
    tcase_add_test(bad, test_indefinite_length);
    tcase_add_test(bad, test_length_of_length);
    tcase_add_test(bad, test_nesting_depth);
    tcase_add_test(bad, test_oid_subidentifier_too_long);
    tcase_add_test(bad, test_many_varbinds);
    tcase_add_test(bad, test_not_snmp);
    suite_add_tcase(s, bad);

    TCase *cor = tcase_create("corpus");
    tcase_add_checked_fixture(cor, setup, NULL);
    tcase_set_timeout(cor, 120);
    tcase_add_test(cor, test_corpus_expected);
    tcase_add_test(cor, test_corpus_sweep);
    suite_add_tcase(s, cor);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(snmp_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
