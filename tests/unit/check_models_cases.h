/* SPDX-License-Identifier: BSD-2-Clause */
/* check_models_cases.h - real strings per model family for check_models.c: each with the
 * vendor, model and software the shipped rules must give ("" = none), and near-misses. */
#ifndef CHECK_MODELS_CASES_H
#define CHECK_MODELS_CASES_H

#define SD VS_F_SNMP_SYS_DESCR
#define LD VS_F_LLDP_SYSTEM_DESCRIPTION
#define UA VS_F_SIP_USER_AGENT
#define CP VS_F_CDP_PLATFORM
#define TB VS_F_TELNET_BANNER
#define PC VS_F_CWMP_PRODUCT_CLASS

static const struct model_case model_cases[] = {
    /* ZTE: ROS-based, model after the ROS version (space or underscore). */
    {SD,
     "ZXR10 ROS Version V4.08.24R2 ZXR10_5928E-FI Software, Version ZXR10 5900E&5100E "
     "V2.8.23.C.16.P11, Product Version V1.2, Copyright (c) 2010-2015 by ZTE Corporation",
     "ZTE", "ZXR10 5928E-FI", "V2.8.23.C.16.P11"},
    {SD,
     "ZXR10 ROS Version V4.6.02D ZXR10 T64G Software, Version V2.6.02.d.16_p05 Copyright (c) "
     "2001-2007 by ZTE Corporation Compiled Sep 6 2007, 14:24:04",
     "ZTE", "ZXR10 T64G", "V2.6.02.d.16_p05"},
    {SD,
     "ZXR10 ROS Version V4.8.35 Software, Version (null) ZXA10 C300 V1.3.0 Copyright (c) by "
     "ZTE Corporation Compiled",
     "ZTE", "ZXA10 C300", "V1.3.0"},
    {SD,
     "ZXR10 Router Operating System Software ZTE Corporation ZXROS V4.6.02 ZXR10_3228 V2.6.02 "
     "Compiled: Dec 21 2005, 18:35:11",
     "ZTE", "ZXR10 3228", "V2.6.02"},
    /* ZTE switches: "ZTE <model> Software". */
    {SD, "ZTE 5950-56TM-H Software, 5900 Version: V3.00.11.B18,  RELEASE SOFTWARE", "ZTE",
     "5950-56TM-H", "V3.00.11.B18"},
    {SD, "ZTE ZXR10 5960 STACK Software, 5900 Version: V3.02.20.B32.P02, RELEASE SOFTWARE", "ZTE",
     "ZXR10 5960", "V3.02.20.B32.P02"},
    {LD, "ZTE Ethernet Switch 2850-26TM, Version: V1.1.12.U", "ZTE", "2850-26TM", "V1.1.12.U"},
    /* ZTE carrier routers: model and version glued, or the family joined by an underscore. */
    {SD, "ZXR10 M6000-08, ZTE ZXR10 Software Version: M6000v1.00.30(1.0.76)", "ZTE",
     "ZXR10 M6000-08", "V1.00.30"},
    {SD, "ZXR10 T8000, ZTE ZXR10 Software Version: T8000v2.00.20(1.13.1)", "ZTE", "ZXR10 T8000",
     "V2.00.20"},
    {SD, "ZXR10_M6000-8S PLUS, ZTE ZXR10 Software Version: V5.00.10(3.40.2), Release software",
     "ZTE", "ZXR10 M6000-8S PLUS", "V5.00.10"},
    {LD, "ZXCTN 6120H-S\r\nZTE ZXCTN Software, Version: 6120H-S V5.10.00.50, Release software",
     "ZTE", "ZXCTN 6120H-S", "V5.10.00.50"},
    {SD, "ZXR10 3904 NOS 9.05", NULL, "ZXR10 3904", "NOS 9.05"},
    {SD, "ZXA10 F803-8", "ZTE", "ZXA10 F803-8", NULL},
    /* Huawei VRP 8 and 5: the model line after the copyright wins over the bracket product. */
    {SD,
     "Huawei Versatile Routing Platform Software\r\nVRP (R) software, Version 8.221 (CE6881 "
     "V200R022C10SPC500)\r\nCopyright (C) 2012-2023 Huawei Technologies Co., Ltd.\r\n"
     "HUAWEI CE6881-48T6CQ",
     "Huawei", "CE6881-48T6CQ", "VRP 8.221 V200R022C10SPC500"},
    {SD,
     "Huawei Versatile Routing Platform Software\r\nVRP (R) software, Version 8.230 (NetEngine "
     "8000 V800R023C00SPC500)\r\nNetEngine 8000 M8 version information:\r\n",
     "Huawei", "NetEngine 8000", "VRP 8.230 V800R023C00SPC500"},
    {SD,
     "S12712\r\nHuawei Versatile Routing Platform Software\r\nVRP (R) Software, Version 5.170 "
     "(S12700 V200R010C00SPC600)",
     "Huawei", "S12712", "VRP 5.170 V200R010C00SPC600"},
    {SD, "Quidway S2403H-EI Product Version S2403H-EI-0020P02", "Huawei", "S2403H-EI",
     "S2403H-EI-0020P02"},
    /* Huawei USG firewalls (Versatile Security Platform). */
    {SD,
     "Huawei Versatile Security Platform\r\nSoftware Version: VRP (R) software, Version 5.30 "
     "USG5160 V300R001C00SPC700",
     "Huawei", "USG5160", "VRP 5.30 V300R001C00SPC700"},
    {SD,
     "Huawei Versatile Security Platform Software\r\nSoftware Version: USG6600 "
     "V100R001C30SPC300 (VRP (R) Software, Version 5.30)",
     "Huawei", "USG6600", "VRP 5.30 V100R001C30SPC300"},
    /* Huawei SmartAX: the model from the banner or the agent line. */
    {SD, "HUAWEI TECH. INC. SNMP AGENT FOR MA5300", "Huawei", "MA5300", NULL},
    /* OLT and ONT lines: SmartAX and ZXAN banners, TR-069 product classes. */
    {TB,
     "\n\n  Huawei Integrated Access Software (MA5683T).\n  Copyright(C) Huawei Technologies Co., "
     "Ltd. 2002-2016. All rights reserved.\n\n",
     "Huawei", "MA5683T", NULL},
    {TB, "\r\n    Huawei Integrated Access Software (MA5801).\r\n", "Huawei", "MA5801", NULL},
    {TB, "\r\n******************************\r\nWelcome to ZXAN product C320\r\n", "ZTE",
     "ZXA10 C320", NULL},
    {PC, "ZXHN H118N", "ZTE", "ZXHN H118N", NULL},
    {PC, "F670L", "ZTE", "F670L", NULL},
    {PC, "HG8245H", "Huawei", "HG8245H", NULL},
    {PC, "HG6245D", "FiberHome", "HG6245D", NULL},
    /* Nokia SR OS / TiMOS: platform token or not, family number first or last. */
    {SD, "TiMOS-B-20.10.R1 Nokia 7750 SR-7 Copyright (c) 2000-2021 Nokia.", "Nokia", "7750 SR-7",
     "TiMOS-B-20.10.R1"},
    {SD, "TiMOS-B-23.10.R1 both/x86_64 Nokia 7750 SR Copyright (c) 2000-2023 Nokia.", "Nokia",
     "7750 SR", "TiMOS-B-23.10.R1"},
    {SD,
     "TiMOS-B-8.0.R4 both/mpc ALCATEL SAS-M 7210 Copyright (c) 2000-2016 Alcatel-Lucent.\r\n"
     "All rights reserved.",
     "Nokia", "7210 SAS-M", "TiMOS-B-8.0.R4"},
    /* Ericsson: IPOS, MINI-LINK, the Redback SmartEdge line. */
    {SD, "Ericsson IPOS Version IPOS-v20.3.1.803.142-Release", "Ericsson", NULL,
     "IPOS-v20.3.1.803.142-Release"},
    {SD, "Ericsson MINI-LINK 6691, MINI-LINK 6600 R1.7 SW 1/CXP 903 2587 R1G", "Ericsson",
     "MINI-LINK 6691", "MINI-LINK 6600 R1.7"},
    {SD,
     "Redback Networks SmartEdge OS Version SEOS-11.1.2.4-Release Built by sysbuild@SWB-node01 "
     "Sat Mar 3 16:15:16 PST 2012 Copyright (C) 1998-2012, Redback Networks Inc.",
     "Ericsson", "SmartEdge", "SEOS-11.1.2.4"},
    {SD,
     "Redback Networks AOS Release 6.1.4.13 PRODUCTION MAINTENANCE RELEASE Copyright (c) "
     "1997-2006 by Redback Networks, Inc.",
     "Ericsson", NULL, "AOS 6.1.4.13"},
    /* H3C / HPE Comware. */
    {SD,
     "H3C Comware Platform Software, Software Version 5.20, Release 1808P08\r\nH3C "
     "S5800-56C-PWR\r\nCopyright (c) 2004-2013 Hangzhou H3C Tech. Co., Ltd.",
     "H3C", "S5800-56C-PWR", "Comware 5.20 Release 1808P08"},
    {SD,
     "HP Comware Platform Software, Software Version 5.20 Release 2208 HP A5500-24G SI Switch "
     "with 2 Interface Slots Copyright (c) 2010-2011 Hewlett-Packard Development Company, L.P.",
     "HPE", "A5500-24G SI", "Comware 5.20 Release 2208"},
    {SD,
     "HP Series Router A-MSR20-40 HP Comware Platform Software Comware Software Version 5.20, "
     "Release 2209P15, Standard Copyright(c) 2010-2012 Hewlett-Packard Development Company, L.P.",
     "HPE", "A-MSR20-40", "Comware 5.20 Release 2209P15"},
    /* Ruijie: switches, and an access point whose bracket holds radios. */
    {SD, "Ruijie 10G Routing Switch(S5750-48GT/4SFP-S) By Ruijie Networks", "Ruijie",
     "S5750-48GT/4SFP-S", NULL},
    {SD, "Ruijie Indoor AP710 (802.11a/n/ac and 802.11b/g/n) By Ruijie Networks.", "Ruijie",
     "AP710", NULL},
    /* FiberHome OLTs. */
    {SD, "AN5516-06", "FiberHome", "AN5516-06", NULL},
    /* Adtran, Ciena. */
    {SD, "ADTRAN NetVanta8044", "Adtran", "NetVanta8044", NULL},
    {SD, "ADTRAN T3SU-300 (1200.217L1)", "Adtran", "T3SU-300", "1200.217L1"},
    {SD, "6500 OPTICAL SW:0810 BN:HD (c) Ciena (R) Corporation", "Ciena", "6500", "0810"},
    {SD, "Ciena CN 3106 V1.0.4(04) (MIBs V1.6.8)", "Ciena", "CN 3106", "V1.0.4(04)"},
    /* Cisco IOS XR, NX-OS, IOS XE. */
    {SD, "Cisco IOS XR Software (ASR9K), Version 7.4.1  Copyright (c) 2013-2021 by Cisco Systems",
     "Cisco", "ASR9K", "IOS-XR 7.4.1"},
    {SD, "Cisco IOS XR Software (Cisco ASR9K Series),  Version 6.1.4[Default]\r\n", "Cisco",
     "ASR9K", "IOS-XR 6.1.4"},
    {SD, "Cisco NX-OS(tm) n5000, Software (n5000-uk9), Version 5.2(1)N1(4), RELEASE SOFTWARE",
     "Cisco", "n5000", "NX-OS 5.2(1)N1(4)"},
    {LD,
     "Cisco IOS Software [Gibraltar], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 16.12.1, "
     "RELEASE SOFTWARE (fc4)",
     "Cisco", "CAT9K", "IOS-XE 16.12.1"},
    /* Cisco IP phones: CDP platform, LLDP, SIP. */
    {CP, "Cisco IP Phone 7970", "Cisco", "7970", NULL},
    {LD, "Cisco IP Phone CP-7911G,V2, SCCP11.8-4-3S", "Cisco", "CP-7911G", "SCCP11.8-4-3S"},
    {UA, "Cisco-CP8845/14.2", "Cisco", "CP-8845", "14.2"},
    {UA, "Cisco-CP-8841-3PCC/11.0 (00562b043615)", "Cisco", "CP-8841-3PCC", "11.0"},

    /* Access, optical and more router forms: sysDescr values from LibreNMS's SNMP test data
     * (librenms/librenms tests/snmpsim/<name>.snmprec, named beside each). */
    /* Nokia ISAM (nokia-isam): release, shelf, NT board. */
    {SD,
     "R6.5.02r NFXS-E FANT-H NOKIA ISAM Copyright (c) 2016 Nokia. All rights reserved. All use "
     "subject to applicable license agreement. Nokia and Alcatel-Lucent are registered trademarks "
     "of Nokia Corporation.",
     "Nokia", "ISAM NFXS-E", "ISAM R6.5.02r"},
    {SD,
     "R5.7.02a NFXS-E FANT-F NOKIA ISAM Copyright (c) 2016 Nokia. All rights reserved. All use "
     "subject to applicable license agreement.",
     "Nokia", "ISAM NFXS-E", "ISAM R5.7.02a"},
    /* Nokia 1830 PSS and PSD (nokia-1830_pss8-singlechassis, nokia-1830_psd). */
    {SD, "Nokia 1830 PSS v23.6.0 SONET ADM", "Nokia", "1830 PSS", "23.6.0"},
    {SD, "Nokia 1830 PSD 10G R23.6", "Nokia", "1830 PSD 10G", "23.6"},
    /* Nokia SR OS: 7705 SAR (timos_7705, timos_hc), 7250 IXR (timos_ixr), a PoE 7210 SAS
     * (timos_10). */
    {SD,
     "TiMOS-B-9.0.R11 both/hops Nokia 7705 SAR Copyright (c) 2000-2020 Nokia.\nAll rights "
     "reserved. All use subject to applicable license agreements.\r\nBuilt on Tue Jul 14 11:11:26 "
     "EDT 2020 by builder in /builds/F90B/R11/panos/main",
     "Nokia", "7705 SAR", "TiMOS-B-9.0.R11"},
    {SD,
     "TiMOS-B-21.10.R1 both/sar Nokia 7705 SAR Copyright (c) 2000-2021 Nokia.\nAll rights "
     "reserved.",
     "Nokia", "7705 SAR", "TiMOS-B-21.10.R1"},
    {SD,
     "TiMOS-C-22.10.R11 cpm/x86hops64 Nokia 7250 IXR Copyright (c) 2000-2024 Nokia.\nAll rights "
     "reserved.",
     "Nokia", "7250 IXR", "TiMOS-C-22.10.R11"},
    {SD,
     "TiMOS-B-9.0.R3 both/hops Nokia SAS-Sx 48Tp4SFP+ (PoE) 7210 Copyright (c) 2000-2017 Nokia. "
     "All rights reserved.",
     "Nokia", "7210 SAS-Sx 48Tp4SFP+ (PoE)", "TiMOS-B-9.0.R3"},
    /* Ericsson: IPOS bare and SSR (ericsson-ipos, ericsson-ipos_ssr8020), MINI-LINK (ericsson-ml,
     * ericsson-6600_6600, ericsson-tn_tn). */
    {SD, "Ericsson IPOS", "Ericsson", NULL, NULL},
    {SD, "Ericsson IPOS-18.1.1.9.98p30-Release", "Ericsson", NULL, "18.1.1.9.98p30-Release"},
    {SD, "MINI-LINK 6352 80/21H", "Ericsson", "MINI-LINK 6352", NULL},
    {SD, "MINI-LINK 6600", "Ericsson", "MINI-LINK 6600", NULL},
    {SD, "MINI-LINK Traffic Node", "Ericsson", "MINI-LINK TN", NULL},
    /* Huawei YunShan OS (yunshan, yunshan_s5735-v2), OptiX RTN (huawei-optixrtn_optixrtn905),
     * VRP 8 NetEngine 8000 with its model line (vrp_ne8000-m8). */
    {SD,
     "Huawei YunShan OS\nVersion 1.24.0.1 (S6700 V600R024C00SPC100) \r\nCopyright (C) 2021-2024 "
     "Huawei Technologies Co., Ltd. \r\nHUAWEI CloudEngine S6750-H \r\n",
     "Huawei", "CloudEngine S6750-H", "YunShan 1.24.0.1 V600R024C00SPC100"},
    {SD,
     "Huawei YunShan OS\nVersion 1.22.0.1 (S5700 V600R022C01SPC500) \r\nCopyright (C) 2021-2022 "
     "Huawei Technologies Co., Ltd. \r\nHUAWEI CloudEngine S5735-L-V2 \r\n",
     "Huawei", "CloudEngine S5735-L-V2", "YunShan 1.22.0.1 V600R022C01SPC500"},
    {SD, "Huawei Optix RTN V100R011C00SPC200", "Huawei", "OptiX RTN", "V100R011C00SPC200"},
    /* VRP: the model line of a NetEngine 8000 (vrp_ne8000-m8), the model and banner on one
     * line (vrp_4), the model line on the copyright's line (Observium's VRP poller). */
    {SD,
     "Huawei Versatile Routing Platform Software\nVRP (R) software, Version 8.200 (NetEngine 8000 "
     "V800R012C10SPC300) \r\nCopyright (C) 2012-2020 Huawei Technologies Co., Ltd. \r\nHUAWEI "
     "NetEngine 8000 M8",
     "Huawei", "NetEngine 8000 M8", "VRP 8.200 V800R012C10SPC300"},
    {SD,
     "S2700-9TP-EI-AC Huawei Versatile Routing Platform Software VRP (R) software,Version 5.70 "
     "(S2700 V100R006C05) Copyright (C) 2003-2013 Huawei Technologies Co., Ltd.",
     "Huawei", "S2700-9TP-EI-AC", "VRP 5.70 V100R006C05"},
    {SD,
     "Huawei Versatile Routing Platform Software VRP (R) software, Version 5.130 (AR200 "
     "V200R003C00) Copyright (C) 2011-2012 HUAWEI TECH CO., LTD Huawei AR201 Router",
     "Huawei", "AR201", "VRP 5.130 V200R003C00"},
    {SD, "Huawei Integrated Access Software", "Huawei", NULL, NULL},
    /* ZTE: ZXA10 C320 on its newer software (zxa10_c320), ZXDSL (zxdsl), ZXR10 ROS with the
     * model joined by an underscore (zxr10_5928). */
    {SD, "C320 Version V2.1.0 Software, Copyright (c) by ZTE Corporation Compiled", "ZTE",
     "ZXA10 C320", "V2.1.0"},
    {SD, "ZTE ACCESS NODE AGENT", "ZTE", NULL, NULL},
    {SD,
     "ZXR10 ROS Version V4.08.23 ZXR10_5928 Software, Version ZXR10 5900 V2.8.23.A.19.P02 "
     "Copyright (c) 2000-2011 by ZTE Corporation Compiled Oct 12 2011, 11:04:37",
     "ZTE", "ZXR10 5928", "V2.8.23.A.19.P02"},
    /* Calix: AXOS (axos, axos_e7-2), an older ONT (calix_716ge), GigaSpire over TR-069. */
    {SD, "Calix, Inc E5-16F AXOS-R2.2.0", "Calix", "E5-16F", "AXOS-R2.2.0"},
    {SD, "Calix, Inc E7-2 XG801 none", "Calix", "E7-2", NULL},
    {SD, "Calix ONT 716GE 10.7.110.17 platform 3(C7)", "Calix", "ONT 716GE", "10.7.110.17"},
    {PC, "GigaSpire", "Calix", "GigaSpire", NULL},
    /* Infinera: IQ NOS FlexILS (iqnos_mtc6, iqnos_signal-loss), Groove (infinera-groove), XTM
     * (infinera-xtm_infinera-xtm-r33b-43). */
    {SD, "Infinera FlexILS MTC_6 R22.2.0.0120 Linux 3.10.40.cge-rt38-prert TST01-MTC6-1",
     "Infinera", "FlexILS MTC_6", "IQ NOS R22.2.0.0120"},
    {SD, "Infinera FlexILS MTc_6", "Infinera", "FlexILS MTc_6", NULL},
    {SD, "GSS-G3003000-BZ Groove G30 3.0.3 2018-07-10 Copyright 2018 Coriant", "Infinera",
     "Groove G30", "FP3.0.3"},
    {SD, "Infinera Corporation - Embedded Node Manager - ENM_CUAPPL_03A cuappl03a r33b 43",
     "Infinera", "XTM", "r33b-43"},
    /* FiberHome S-series switches (fiberhome-switch_fh2800, fiberhome-switch_fh4800) and OLTs
     * (fiberhome_an5516-04B). */
    {SD,
     "S2800 FHN USP (R) Software, Version V210R220,Hw Version 1.0,Copyright (c) 2000-2012 by "
     "FiberHome Networks Co., Ltd",
     "FiberHome", "S2800", "USP V210R220"},
    {SD,
     "S4800 FiberHome INP (R) Software, Version V210R220,Hw Version N/A,Copyright (c) 2000-2017 "
     "by FiberHome Technologies Co., Ltd",
     "FiberHome", "S4800", "INP V210R220"},
    {SD, "AN5516-04B", "FiberHome", "AN5516-04B", NULL},
    /* Ruijie (ruijie; a "show version" system description). */
    {SD, "Ruijie 10G Routing Switch(S6220-48XS4QXS) By Ruijie Networks", "Ruijie", "S6220-48XS4QXS",
     NULL},
    {LD, "Ruijie Gibabit Ethernet Switch(S1920-8GT2SFP) By Ruijie Networks", "Ruijie",
     "S1920-8GT2SFP", NULL},
    /* Comware: H3C's Comware 3 (comware_1), Comware 5 access switches (Recog), HPE-branded
     * (comware_hpe5900), the HP V1910 (comware_h3c). */
    {SD, "Hangzhou H3C Comware Platform Software, Software Version 3.10, Release 2211P06", "H3C",
     NULL, "Comware 3.10 Release 2211P06"},
    {SD, "H3C Switch S5120-28P-SI Software Version 5.20, Release 1101P10", "H3C", "S5120-28P-SI",
     "Comware 5.20 Release 1101P10"},
    {SD,
     "HPE Comware Platform Software, Software Version 7.1.045, Release 2422P01\nHPE "
     "5900AF-48G-4XG-2QSFP+ Switch\r\nCopyright (c) 2010-2015 Hewlett Packard Enterprise "
     "Development LP",
     "HPE", "5900AF-48G-4XG-2QSFP+", "Comware 7.1.045 Release 2422P01"},
    {SD, "HP V1910-48G Switch Software Version 5.20 Release 1111P01", "HPE", "V1910-48G",
     "Comware 5.20 Release 1111P01"},
    {SD, "HP A5120-48G SI Switch Software Version 5.20, Release 1505P07", "HPE", "A5120-48G SI",
     "Comware 5.20 Release 1505P07"},
    {SD,
     "Hangzhou H3C Comware Platform Software, Software Version 3.10, Release 2211P06\nH3C "
     "S3100-8TP-EI",
     "H3C", "S3100-8TP-EI", "Comware 3.10 Release 2211P06"},
    /* Cisco: NX-OS without the trade mark sign (nxos_1), Nexus 9000 chassis (nxos_n9000-9.3.9),
     * the image name in place of a platform (nxos_n3k-3064pq), IOS XR platforms (iosxr_ncs5504,
     * iosxr_c8200-400g). */
    {SD,
     "Cisco NX-OS n6000, Software (n6000-uk9), Version 7.3(2)N1(1), RELEASE SOFTWARE Copyright "
     "(c) 2002-2012, 2016-2017 by Cisco Systems, Inc.",
     "Cisco", "n6000", "NX-OS 7.3(2)N1(1)"},
    {SD,
     "Cisco NX-OS(tm) Nexus9000 C93180YC-FX3, Software (NXOS 32-bit), Version 9.3(9), RELEASE "
     "SOFTWARE Copyright (c) 2002-2022 by Cisco Systems, Inc. Compiled 2/4/2022 7:00:00",
     "Cisco", "Nexus9000 C93180YC-FX3", "NX-OS 9.3(9)"},
    {SD,
     "Cisco NX-OS(tm) nxos.7.0.3.I7.8.bin, Software (nxos), Version 7.0(3)I7(8), RELEASE "
     "SOFTWARE Copyright (c) 2002-2020 by Cisco Systems, Inc. Compiled 3/3/2020 19:00:00",
     "Cisco", NULL, "NX-OS 7.0(3)I7(8)"},
    {SD,
     "Cisco IOS XR Software (NCS-5500), Version 6.6.3  Copyright (c) 2013-2019 by Cisco "
     "Systems, Inc.",
     "Cisco", "NCS-5500", "IOS-XR 6.6.3"},
    {SD,
     "Cisco IOS XR Software (8000), Version 24.1.2 Copyright (c) 2013-2024 by Cisco Systems, "
     "Inc.",
     "Cisco", "8000", "IOS-XR 24.1.2"},
};

static const struct {
    enum vs_field field;
    const char *value, *not_vendor;
} near_cases[] = {
    {SD, "Aztech DSL5001EN ADSL2+ router", "ZTE"},
    {SD, "Aztech 5952E Software, 5900 Version: V3.00.11.B18", "ZTE"},
    {SD, "ZXR10 M6000-08, Aztech ZXR10 Software Version: M6000v1.00.30(1.0.76)", "ZTE"},
    {SD, "MikroTik RouterOS Version 6.48.6 RB4011iGS+", "ZTE"},
    {SD, "Juniper Networks Security Platform\r\nSoftware Version: 5.30 SRX5400", "Huawei"},
    {SD, "Versatile Routing Platform", "Huawei"},
    {SD, "Adtranz NetVanta8044", "Adtran"},
    {SD, "Juniper Systems Archer Field PC", "Juniper"},
    {UA, "Yealink SIP-T46S 66.86.0.15", "Cisco"},
    {SD, "TiMOS-B-20.10.R1 Juniper 7750 SR-7", "Nokia"},
    /* Look-alikes of the access and optical lines: the text without the maker, another maker
     * with the same shape, the generic OS the product runs. */
    {SD, "R6.5.02r NFXS-E FANT-H ISAM", "Nokia"},
    {SD, "1830 PSS v23.6.0 SONET ADM", "Nokia"},
    {SD, "Alcatel-Lucent OS6850-U24X 6.4.3.520.R01 GA, April 08, 2010", "Nokia"},
    {SD, "Calixto Systems E5-16F AXOS-R2.2.0", "Calix"},
    {SD, "C320 Version V2.1.0 Software, Copyright (c) by Aztech Corporation Compiled", "ZTE"},
    {SD, "YunShan OS\nVersion 1.24.0.1 (S6700 V600R024C00SPC100)", "Huawei"},
    {SD, "Optix RTN V100R011C00SPC200", "Huawei"},
    {SD, "S2800 USP (R) Software, Version V210R220,Hw Version 1.0", "FiberHome"},
    {SD, "FlexILS MTC_6 R22.2.0.0120 Linux 3.10.40.cge-rt38-prert", "Infinera"},
    {SD, "Linux version 3.10.0-327.el7.x86_64", "Infinera"},
    {SD, "GSS-G3003000-BZ Groove G30 3.0.3 2018-07-10", "Infinera"},
    {SD, "Traffic Node", "Ericsson"},
    {SD, "Ericsson-LG,UCP100,UCP-R2.0.16&Boot Version-1.0Da JAN/16", "Ericsson"},
    {SD, "Switch S5120-28P-SI Software Version 5.20, Release 1101P10", "H3C"},
    {SD, "V1910-48G Switch Software Version 5.20 Release 1111P01", "HPE"},
    {PC, "GigaCenter Pro", "Calix"},
    /* Generic words name no vendor over a stronger statement (docs/signatures.md). */
    {SD, "Linux router 4.14.0 #1 SMP armv7l", "ZTE"},
    {SD, "Linux router 4.14.0 #1 SMP armv7l", "Huawei"},
    /* A model number alone names nothing. */
    {SD, "M6000-8S PLUS", NULL},
    {SD, "5950-56TM-H", NULL},
    {SD, "NetVanta8044", NULL},
    {SD, "CN 3106 V1.0.4(04) (MIBs V1.6.8)", NULL},
    {SD, "E7-2", NULL},
    {SD, "E5-121", NULL},
    {SD, "7090 100 CEM", NULL},
    {SD, "ACCESS NODE AGENT", NULL},
};

/* Generic words, chipset makers and embedded web servers name no vendor at all: whatever the
 * device's stronger statements say stays (issue 11, "precision stays"). */
static const struct {
    enum vs_field field;
    const char *value;
} generic_cases[] = {
    {VS_F_HTTP_SERVER, "GoAhead-Webs"},
    {VS_F_HTTP_SERVER, "GoAhead-Webs/2.5.0 PeerSec-MatrixSSL/3.1.1-OPEN"},
    {VS_F_HTTP_SERVER, "Webs"},
    {VS_F_HTTP_SERVER, "lighttpd/1.4.35"},
    {SD, "Linux ONT 2.6.30 #1 SMP"},
    {SD, "Linux"},
    {SD, "Broadcom BCM63xx"},
    {SD, "Realtek RTL8196C"},
    {SD, "MediaTek MT7621"},
    {VS_F_DHCP_VENDOR_CLASS, "udhcp 1.22.1"},
};

#endif
