/* SPDX-License-Identifier: BSD-2-Clause */
/* snmp.c - SNMP v1/v2c/v3 messages (RFC 1157, RFC 3416, RFC 3412 msg header, RFC 3414 USM)
 * decoded with net-snmp's BER routines; the only file that includes net-snmp headers. */
#include "vendorsniff/dissect.h"

#include <stdio.h>
#include <string.h>

/* net-snmp-config.h must precede every other net-snmp header. */
#include <net-snmp/net-snmp-config.h>

#include <net-snmp/library/asn1.h>
#include <net-snmp/library/default_store.h>
#include <net-snmp/library/snmp_logging.h>
#include <net-snmp/types.h>

/* BER identifiers used by SNMP (RFC 3416 section 3 and RFC 1157 section 4). */
enum {
    BER_INTEGER = 0x02,
    BER_OCTET_STRING = 0x04,
    BER_OID = 0x06,
    BER_SEQUENCE = 0x30,
    BER_IPADDRESS = 0x40,
    BER_CONSTRUCTED = 0x20,
    PDU_GET = 0xa0,
    PDU_GETNEXT = 0xa1,
    PDU_RESPONSE = 0xa2,
    PDU_SET = 0xa3,
    PDU_TRAP_V1 = 0xa4,
    PDU_GETBULK = 0xa5,
    PDU_INFORM = 0xa6,
    PDU_TRAP_V2 = 0xa7,
    PDU_REPORT = 0xa8,
};

#define SNMP_VERSION_1 0
#define SNMP_VERSION_2C 1
#define SNMP_VERSION_3 3
#define SNMP_SEC_MODEL_USM 3
/* RFC 3411 SnmpEngineID is 5..32 octets. */
#define ENGINE_ID_MAX 32
/* A 32-bit subidentifier needs at most 5 base-128 digits. */
#define OID_SUBID_MAX_BYTES 5
/* Room for MAX_OID_LEN subidentifiers of up to 10 digits and a dot each. */
#define OID_TEXT_MAX (MAX_OID_LEN * 11 + 1)

struct snmp_state {
    const struct vs_pkt *pkt;
    vs_emit_fn emit;
    void *ctx;
    enum vs_decode_status st; /* worst status seen so far */
    size_t tlvs;
};

/* A walk position: the bytes left, and whether they end where the captured frame
 * ended (so a length running past them means truncation, not contradiction). */
struct ber_cur {
    struct vs_cur c;
    bool at_frame_end;
};

/* One BER element as our cursor found it. */
struct ber_tlv {
    uint8_t tag;
    struct vs_cur whole; /* identifier, length and content: only set when complete */
    struct ber_cur val;  /* content, clamped to the bytes present */
    bool complete;       /* false: the declared length ran past the end of the frame */
};

static void note(struct snmp_state *s, enum vs_decode_status st)
{
    if (st > s->st)
        s->st = st;
}

/* Running out of bytes is truncation only where the frame itself ended; inside an
 * element whose length we trusted, it is a contradiction. */
static void short_read(struct snmp_state *s, const struct ber_cur *c)
{
    note(s, c->at_frame_end ? VS_DECODE_TRUNCATED : VS_DECODE_MALFORMED);
}

/* net-snmp's parse routines take non-const pointers but only read through them. */
static u_char *ns_ptr(const struct vs_cur *c)
{
    return (u_char *)(uintptr_t)c->p;
}

/* Read the next element of c. Our cursor validates the identifier and length before
 * net-snmp sees a byte: asn_parse_length() reads as many length octets as the first
 * one announces without knowing the buffer size, so it is only ever handed an element
 * whose header and content we have already found to lie wholly inside the packet. */
static bool ber_next(struct snmp_state *s, struct ber_cur *bc, unsigned depth, struct ber_tlv *t)
{
    if (depth > VS_MAX_BER_DEPTH) {
        note(s, VS_DECODE_MALFORMED);
        return false;
    }
    if (++s->tlvs > VS_MAX_TLVS_PER_FRAME) {
        note(s, VS_DECODE_MALFORMED);
        return false;
    }
    struct vs_cur *c = &bc->c;
    struct vs_cur start = *c;
    uint8_t tag, lb;
    if (!vs_cur_u8(c, &tag) || !vs_cur_u8(c, &lb)) {
        *c = start;
        short_read(s, bc);
        return false;
    }
    /* SNMP uses only low tag numbers; 0x1f introduces a multi-byte identifier. */
    if ((tag & 0x1f) == 0x1f) {
        note(s, VS_DECODE_MALFORMED);
        return false;
    }
    size_t len = lb;
    size_t hdr = 2;
    if (lb & 0x80) {
        size_t nlen = lb & 0x7f;
        /* 0x80 is the indefinite form, which SNMP's BER subset forbids (RFC 3417 s8);
         * more than four length octets cannot describe a UDP datagram. */
        if (nlen == 0 || nlen > 4) {
            note(s, VS_DECODE_MALFORMED);
            return false;
        }
        len = 0;
        for (size_t i = 0; i < nlen; i++) {
            uint8_t b;
            if (!vs_cur_u8(c, &b)) {
                short_read(s, bc);
                return false;
            }
            len = len << 8 | b;
        }
        hdr += nlen;
    }
    t->tag = tag;
    if (len > vs_cur_len(c)) {
        short_read(s, bc);
        if (!bc->at_frame_end)
            return false;
        t->complete = false;
        t->val.c = *c;
        t->val.at_frame_end = true;
        t->whole = vs_cur_make(NULL, 0);
        vs_cur_skip(c, vs_cur_len(c));
        return true;
    }
    vs_cur_sub(c, len, &t->val.c);
    /* Its length was met, so whatever lies inside was captured whole. */
    t->val.at_frame_end = false;
    vs_cur_window(&start, 0, hdr + len, &t->whole);
    t->complete = true;
    return true;
}

/* Enter a constructed element of the expected type. For a complete element net-snmp
 * parses the header too, over exactly the bytes our cursor vouched for, and must agree. */
static bool ber_enter(struct snmp_state *s, struct ber_cur *c, unsigned depth, uint8_t want,
                      struct ber_cur *inner)
{
    struct ber_tlv t;
    if (!ber_next(s, c, depth, &t))
        return false;
    if (t.tag != want) {
        note(s, VS_DECODE_MALFORMED);
        return false;
    }
    if (t.complete) {
        size_t dl = vs_cur_len(&t.whole);
        u_char type = 0;
        u_char *content = asn_parse_sequence(ns_ptr(&t.whole), &dl, &type, want, "vs");
        if (content != ns_ptr(&t.val.c) || dl != vs_cur_len(&t.val.c)) {
            note(s, VS_DECODE_MALFORMED);
            return false;
        }
    }
    *inner = t.val;
    return true;
}

/* A primitive value is only ever decoded whole: a cut-off INTEGER or OID is not one. */
static bool want_whole(struct snmp_state *s, const struct ber_tlv *t, uint8_t tag)
{
    if (t->tag != tag) {
        note(s, VS_DECODE_MALFORMED);
        return false;
    }
    return t->complete; /* ber_next already noted the truncation */
}

static bool ber_int(struct snmp_state *s, const struct ber_tlv *t, long *out)
{
    if (!want_whole(s, t, BER_INTEGER))
        return false;
    size_t dl = vs_cur_len(&t->whole);
    u_char type = 0;
    if (!asn_parse_int(ns_ptr(&t->whole), &dl, &type, out, sizeof *out)) {
        note(s, VS_DECODE_MALFORMED);
        return false;
    }
    return true;
}

static bool read_int(struct snmp_state *s, struct ber_cur *c, unsigned depth, long *out)
{
    struct ber_tlv t;
    return ber_next(s, c, depth, &t) && ber_int(s, &t, out);
}

/* An OCTET STRING's content is its value, so it is taken straight from our cursor. */
static bool read_octets(struct snmp_state *s, struct ber_cur *c, unsigned depth, struct vs_cur *out)
{
    struct ber_tlv t;
    if (!ber_next(s, c, depth, &t) || !want_whole(s, &t, BER_OCTET_STRING))
        return false;
    *out = t.val.c;
    return true;
}

/* Subidentifiers are checked before net-snmp sees them: it accumulates each one in an
 * unsigned long and only compares with 2^32 at the end, so a long enough run of
 * continuation octets would wrap around unnoticed. */
static bool oid_well_formed(const struct vs_cur *content)
{
    struct vs_cur c = *content;
    size_t subids = 0;
    while (!vs_cur_empty(&c)) {
        uint32_t v = 0;
        size_t nbytes = 0;
        uint8_t b;
        do {
            if (!vs_cur_u8(&c, &b) || ++nbytes > OID_SUBID_MAX_BYTES)
                return false;
            if (v > (UINT32_MAX >> 7))
                return false;
            v = v << 7 | (b & 0x7f);
        } while (b & 0x80);
        subids++;
    }
    /* The first octet expands into two subidentifiers. */
    return subids + 1 <= MAX_OID_LEN;
}

static bool ber_oid(struct snmp_state *s, const struct ber_tlv *t, oid *out, size_t *n)
{
    if (!want_whole(s, t, BER_OID))
        return false;
    if (vs_cur_empty(&t->val.c) || !oid_well_formed(&t->val.c)) {
        note(s, VS_DECODE_MALFORMED);
        return false;
    }
    size_t dl = vs_cur_len(&t->whole);
    u_char type = 0;
    *n = MAX_OID_LEN;
    if (!asn_parse_objid(ns_ptr(&t->whole), &dl, &type, out, n) || *n > MAX_OID_LEN) {
        note(s, VS_DECODE_MALFORMED);
        return false;
    }
    return true;
}

/* Dotted decimal, written by hand: every polled response carries a sysObjectID, and
 * printf's machinery costs more than the rest of the decode. */
static bool oid_text(const oid *o, size_t n, char *buf, size_t bufsz, size_t *len)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char digits[24];
        size_t nd = 0;
        unsigned long v = (unsigned long)o[i];
        do {
            digits[nd++] = (char)('0' + v % 10);
            v /= 10;
        } while (v && nd < sizeof digits);
        if (bufsz - k < nd + 2)
            return false;
        if (i)
            buf[k++] = '.';
        while (nd)
            buf[k++] = digits[--nd];
    }
    if (k >= bufsz)
        return false;
    buf[k] = '\0';
    *len = k;
    return k > 0;
}

static void emit_oid(struct snmp_state *s, enum vs_field f, const oid *o, size_t n)
{
    char buf[OID_TEXT_MAX];
    size_t len;
    if (oid_text(o, n, buf, sizeof buf, &len))
        vs_emit_text(s->emit, s->ctx, f, (const uint8_t *)buf, len);
}

static bool is_blank(uint8_t b)
{
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
}

/* DisplayString values: agents often pad with NULs or blanks; an empty value says nothing. */
static void emit_string(struct snmp_state *s, enum vs_field f, struct vs_cur v)
{
    size_t n = vs_cur_len(&v);
    size_t lead = 0;
    uint8_t b;
    while (n > 0 && vs_cur_peek_u8(&v, n - 1, &b) && (b == 0 || is_blank(b)))
        n--;
    while (lead < n && vs_cur_peek_u8(&v, lead, &b) && is_blank(b))
        lead++;
    struct vs_cur w;
    if (n > lead && vs_cur_window(&v, lead, n - lead, &w))
        vs_emit_text(s->emit, s->ctx, f, w.p, vs_cur_len(&w));
}

static bool oid_eq(const oid *o, size_t n, const oid *ref, size_t rn)
{
    if (n != rn)
        return false;
    for (size_t i = 0; i < n; i++)
        if (o[i] != ref[i])
            return false;
    return true;
}

static const oid OID_SYS_DESCR[] = {1, 3, 6, 1, 2, 1, 1, 1, 0};
static const oid OID_SYS_OBJECT_ID[] = {1, 3, 6, 1, 2, 1, 1, 2, 0};
static const oid OID_SYS_NAME[] = {1, 3, 6, 1, 2, 1, 1, 5, 0};
static const oid OID_SNMP_TRAP_OID[] = {1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0};
/* snmpTrapEnterprise.0 (RFC 3584 3.1): a v2 trap translated from v1 names its enterprise. */
static const oid OID_SNMP_TRAP_ENTERPRISE[] = {1, 3, 6, 1, 6, 3, 1, 1, 4, 3, 0};
/* ENTITY-MIB entPhysicalEntry (RFC 6933): column, then the entPhysicalIndex. */
static const oid OID_ENT_PHYSICAL_ENTRY[] = {1, 3, 6, 1, 2, 1, 47, 1, 1, 1, 1};
#define NOID(a) (sizeof(a) / sizeof((a)[0]))

static bool ent_field(const oid *o, size_t n, enum vs_field *f)
{
    size_t base = NOID(OID_ENT_PHYSICAL_ENTRY);
    if (n != base + 2 || !oid_eq(o, base, OID_ENT_PHYSICAL_ENTRY, base))
        return false;
    switch (o[base]) {
    case 10:
        *f = VS_F_SNMP_ENT_SOFTWARE_REV;
        return true;
    case 11:
        *f = VS_F_SNMP_ENT_SERIAL_NUMBER;
        return true;
    case 12:
        *f = VS_F_SNMP_ENT_MFG_NAME;
        return true;
    case 13:
        *f = VS_F_SNMP_ENT_MODEL_NAME;
        return true;
    default:
        return false;
    }
}

/* A constructed value inside a varbind is not SNMP, but it is walked (and its depth
 * bounded) rather than trusted, so that a hostile nesting is reported as malformed. */
static bool ber_walk_constructed(struct snmp_state *s, struct ber_cur c, unsigned depth)
{
    while (!vs_cur_empty(&c.c)) {
        struct ber_tlv t;
        if (!ber_next(s, &c, depth, &t))
            return false;
        if ((t.tag & BER_CONSTRUCTED) && !ber_walk_constructed(s, t.val, depth + 1))
            return false;
    }
    return true;
}

/* Every OID this decoder reports lives under one of these subtrees (BER content bytes):
 * system (1.3.6.1.2.1.1), ENTITY-MIB (1.3.6.1.2.1.47) and snmpTrap (1.3.6.1.6.3.1.1.4).
 * A varbind named elsewhere (interface counters in a walk, most of any poll) is passed over
 * on its raw bytes, before any full parse. */
static bool name_of_interest(const struct vs_cur *c)
{
    static const uint8_t mib2[] = {0x2b, 0x06, 0x01, 0x02, 0x01};
    static const uint8_t trap[] = {0x2b, 0x06, 0x01, 0x06, 0x03, 0x01, 0x01, 0x04};
    uint8_t b;
    if (vs_cur_has_prefix(c, mib2, sizeof mib2))
        return vs_cur_peek_u8(c, sizeof mib2, &b) && (b == 0x01 || b == 0x2f);
    return vs_cur_has_prefix(c, trap, sizeof trap);
}

static void varbind(struct snmp_state *s, struct ber_cur vb, unsigned depth, uint8_t pdu)
{
    struct ber_tlv name, val;
    oid o[MAX_OID_LEN];
    size_t n;
    if (!ber_next(s, &vb, depth, &name))
        return;
    if (name.tag == BER_OID && name.complete && !name_of_interest(&name.val.c)) {
        if (vs_cur_empty(&name.val.c) || !oid_well_formed(&name.val.c))
            note(s, VS_DECODE_MALFORMED); /* still a malformed message, just not read */
        return;
    }
    if (!ber_oid(s, &name, o, &n))
        return;
    if (!ber_next(s, &vb, depth, &val))
        return;
    if (val.tag & BER_CONSTRUCTED) {
        ber_walk_constructed(s, val.val, depth + 1);
        return;
    }
    if (!val.complete)
        return;
    enum vs_field f;
    if (val.tag == BER_OCTET_STRING) {
        if (oid_eq(o, n, OID_SYS_DESCR, NOID(OID_SYS_DESCR)))
            emit_string(s, VS_F_SNMP_SYS_DESCR, val.val.c);
        else if (oid_eq(o, n, OID_SYS_NAME, NOID(OID_SYS_NAME)))
            emit_string(s, VS_F_SNMP_SYS_NAME, val.val.c);
        else if (ent_field(o, n, &f))
            emit_string(s, f, val.val.c);
    } else if (val.tag == BER_OID) {
        bool sysoid = oid_eq(o, n, OID_SYS_OBJECT_ID, NOID(OID_SYS_OBJECT_ID));
        bool trapoid = (pdu == PDU_TRAP_V2 || pdu == PDU_INFORM) &&
                       oid_eq(o, n, OID_SNMP_TRAP_OID, NOID(OID_SNMP_TRAP_OID));
        bool trapent = (pdu == PDU_TRAP_V2 || pdu == PDU_INFORM) &&
                       oid_eq(o, n, OID_SNMP_TRAP_ENTERPRISE, NOID(OID_SNMP_TRAP_ENTERPRISE));
        oid v[MAX_OID_LEN];
        size_t vn;
        if ((sysoid || trapoid || trapent) && ber_oid(s, &val, v, &vn))
            emit_oid(s,
                     sysoid    ? VS_F_SNMP_SYS_OBJECT_ID
                     : trapoid ? VS_F_SNMP_TRAP_OID
                               : VS_F_SNMP_TRAP_ENTERPRISE,
                     v, vn);
    }
}

static void varbind_list(struct snmp_state *s, struct ber_cur *c, unsigned depth, uint8_t pdu)
{
    struct ber_cur list;
    if (!ber_enter(s, c, depth, BER_SEQUENCE, &list))
        return;
    while (!vs_cur_empty(&list.c)) {
        struct ber_cur vb;
        if (!ber_enter(s, &list, depth + 1, BER_SEQUENCE, &vb))
            return;
        varbind(s, vb, depth + 2, pdu);
    }
}

/* Trap-PDU (RFC 1157 s4.1.6): enterprise, agent-addr, generic-trap, specific-trap,
 * time-stamp, variable-bindings. */
static void trap_v1(struct snmp_state *s, struct ber_cur c, unsigned depth)
{
    struct ber_tlv t;
    oid o[MAX_OID_LEN];
    size_t n;
    if (!ber_next(s, &c, depth, &t) || !ber_oid(s, &t, o, &n))
        return;
    emit_oid(s, VS_F_SNMP_TRAP_ENTERPRISE, o, n);
    if (!ber_next(s, &c, depth, &t) || !want_whole(s, &t, BER_IPADDRESS))
        return;
    uint8_t a[4];
    if (!vs_cur_copy(&t.val.c, a, sizeof a) || !vs_cur_empty(&t.val.c)) {
        note(s, VS_DECODE_MALFORMED);
        return;
    }
    /* 0.0.0.0 and loopback name no reachable agent; binding to them would merge
     * unrelated devices. */
    if ((a[0] | a[1] | a[2] | a[3]) && a[0] != 127) {
        struct vs_ip ip;
        char text[VS_IP_STRLEN];
        vs_ip_from4(&ip, a);
        vs_ip_format(&ip, text);
        struct vs_evidence ev = {
            VS_F_SNMP_AGENT_ADDRESS, (const uint8_t *)text, strlen(text), NULL, &ip, 0};
        s->emit(s->ctx, &ev);
    }
    long generic, specific;
    if (!read_int(s, &c, depth, &generic) || !read_int(s, &c, depth, &specific))
        return;
    if (!ber_next(s, &c, depth, &t)) /* time-stamp (TimeTicks) */
        return;
    varbind_list(s, &c, depth, PDU_TRAP_V1);
}

static bool pdu_describes_sender(uint8_t pdu)
{
    return pdu == PDU_RESPONSE || pdu == PDU_REPORT || pdu == PDU_TRAP_V1 || pdu == PDU_TRAP_V2 ||
           pdu == PDU_INFORM;
}

/* Any PDU: requests carry the manager's values (a set of sysName is not the agent's
 * name), so only PDUs the agent originates are read. */
static void pdu_dissect(struct snmp_state *s, struct ber_cur *c, unsigned depth)
{
    struct ber_tlv t;
    if (!ber_next(s, c, depth, &t))
        return;
    if (!pdu_describes_sender(t.tag)) {
        if (t.tag != PDU_GET && t.tag != PDU_GETNEXT && t.tag != PDU_SET && t.tag != PDU_GETBULK)
            note(s, VS_DECODE_MALFORMED);
        return;
    }
    if (t.tag == PDU_TRAP_V1) {
        trap_v1(s, t.val, depth + 1);
        return;
    }
    struct ber_cur p = t.val;
    long request_id, error_status, error_index;
    if (!read_int(s, &p, depth + 1, &request_id) || !read_int(s, &p, depth + 1, &error_status) ||
        !read_int(s, &p, depth + 1, &error_index))
        return;
    varbind_list(s, &p, depth + 1, t.tag);
}

/* SnmpEngineID (RFC 3411 s5): when the first bit is set, the first four octets are
 * the IANA enterprise number and the fifth the format of the rest; pre-RFC 3411 IDs
 * are twelve octets, enterprise number first. */
static void emit_engine_id(struct snmp_state *s, struct vs_cur id)
{
    size_t n = vs_cur_len(&id);
    if (n == 0)
        return; /* discovery request: the engine is not known yet */
    uint8_t b[ENGINE_ID_MAX];
    if (n > sizeof b) {
        note(s, VS_DECODE_MALFORMED);
        return;
    }
    vs_cur_copy(&id, b, n);
    static const char hex[] = "0123456789abcdef";
    char text[ENGINE_ID_MAX * 2];
    for (size_t i = 0; i < n; i++) {
        text[2 * i] = hex[b[i] >> 4];
        text[2 * i + 1] = hex[b[i] & 15];
    }
    uint32_t pen = 0;
    const uint8_t *mac = NULL;
    struct vs_ip ip;
    const struct vs_ip *ipp = NULL;
    if ((b[0] & 0x80) && n >= 5) {
        pen = ((uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3]) &
              0x7fffffffu;
        uint8_t format = b[4];
        /* Some agents (Cisco) append octets after the address, so the address is
         * taken from the front of the remainder. */
        if (format == 1 && n >= 5 + 4) {
            vs_ip_from4(&ip, &b[5]);
            ipp = &ip;
        } else if (format == 2 && n >= 5 + 16) {
            vs_ip_from6(&ip, &b[5]);
            ipp = &ip;
        } else if (format == 3 && n >= 5 + 6) {
            mac = &b[5];
        }
    } else if (!(b[0] & 0x80) && n == 12) {
        pen = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
    }
    struct vs_evidence ev = {VS_F_SNMP_ENGINE_ID, (const uint8_t *)text, 2 * n, mac, ipp, 0};
    s->emit(s->ctx, &ev);
    if (pen) {
        char num[16];
        int w = snprintf(num, sizeof num, "%u", (unsigned)pen);
        struct vs_evidence e2 = {
            VS_F_SNMP_ENGINE_ENTERPRISE, (const uint8_t *)num, (size_t)w, NULL, NULL, pen};
        s->emit(s->ctx, &e2);
    }
}

/* SNMPv3Message (RFC 3412 s6): msgVersion, msgGlobalData, msgSecurityParameters, msgData. */
static void message_v3(struct snmp_state *s, struct ber_cur c, unsigned depth)
{
    struct ber_cur global;
    struct vs_cur flags, secparams;
    long msg_id, max_size, model;
    if (!ber_enter(s, &c, depth, BER_SEQUENCE, &global))
        return;
    if (!read_int(s, &global, depth + 1, &msg_id) || !read_int(s, &global, depth + 1, &max_size) ||
        !read_octets(s, &global, depth + 1, &flags) || !read_int(s, &global, depth + 1, &model))
        return;
    if (!read_octets(s, &c, depth, &secparams))
        return;

    /* UsmSecurityParameters (RFC 3414 s2.4), a BER encoding inside the OCTET STRING:
     * only the engine ID is read; the user name and the authentication and privacy
     * parameters are never looked at. */
    struct vs_cur engine = vs_cur_make(NULL, 0);
    bool have_engine = false;
    if (model == SNMP_SEC_MODEL_USM) {
        struct ber_cur sp = {secparams, false}, usm;
        if (ber_enter(s, &sp, depth + 1, BER_SEQUENCE, &usm) &&
            read_octets(s, &usm, depth + 2, &engine))
            have_engine = true;
    }

    struct ber_tlv data;
    if (!ber_next(s, &c, depth, &data))
        return;
    if (data.tag == BER_OCTET_STRING) {
        /* Encrypted scopedPDU: only the port says whether the sender is the agent. */
        uint16_t sp = s->pkt ? s->pkt->sport : 0;
        if (have_engine && (sp == 161 || sp == 162))
            emit_engine_id(s, engine);
        return;
    }
    if (data.tag != BER_SEQUENCE) {
        note(s, VS_DECODE_MALFORMED);
        return;
    }
    /* ScopedPDU (RFC 3412 s6): contextEngineID, contextName, data. */
    struct ber_cur scoped = data.val;
    struct vs_cur ctx_engine, ctx_name;
    if (!read_octets(s, &scoped, depth + 1, &ctx_engine) ||
        !read_octets(s, &scoped, depth + 1, &ctx_name))
        return;
    uint8_t pdu;
    if (!vs_cur_peek_u8(&scoped.c, 0, &pdu))
        pdu = 0;
    /* The sender is authoritative for responses, reports and traps; for an inform
     * the receiver is (RFC 3414 s1.5.1), so an inform's engine ID is not the sender's. */
    if (have_engine && (pdu == PDU_RESPONSE || pdu == PDU_REPORT || pdu == PDU_TRAP_V2))
        emit_engine_id(s, engine);
    pdu_dissect(s, &scoped, depth + 1);
}

void vs_snmp_init(void)
{
    static bool done;
    if (done)
        return;
    done = true;
    /* Nothing here may read a MIB, a config file or persistent state, or write any:
     * only the BER routines are used, and they need no init_snmp(). */
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_PERSIST_STATE, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_LOAD, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_SAVE, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_NO_TOKEN_WARNINGS, 1);
    /* With no log handler net-snmp falls back to stderr; decoders do no I/O. */
    netsnmp_register_loghandler(NETSNMP_LOGHANDLER_NONE, LOG_DEBUG);
}

enum vs_decode_status vs_snmp_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                      void *ctx)
{
    struct snmp_state s = {pkt, emit, ctx, VS_DECODE_OK, 0};
    struct ber_cur frame = {c, true}, msg;
    long version;
    if (!ber_enter(&s, &frame, 1, BER_SEQUENCE, &msg) || !read_int(&s, &msg, 2, &version))
        return s.st;
    if (version == SNMP_VERSION_3) {
        message_v3(&s, msg, 2);
        return s.st;
    }
    if (version != SNMP_VERSION_1 && version != SNMP_VERSION_2C) {
        note(&s, VS_DECODE_MALFORMED);
        return s.st;
    }
    /* The community is a credential: skipped, never copied or emitted. */
    struct ber_tlv community;
    if (!ber_next(&s, &msg, 2, &community) || !want_whole(&s, &community, BER_OCTET_STRING))
        return s.st;
    pdu_dissect(&s, &msg, 2);
    return s.st;
}
