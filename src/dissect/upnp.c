/* SPDX-License-Identifier: BSD-2-Clause */
/* upnp.c - UPnP device descriptions (UPnP Device Architecture 1.0 s2.1 / 2.0 s2.3: <root
 * xmlns="urn:schemas-upnp-org:device-1-0"><device>...) as an HTTP response carries them
 * (RFC 9112 s6: Content-Length or chunked body). The only decoder that includes libxml2
 * (src/signatures/recog.c reads Recog's data files with it).
 *
 * Input: a whole HTTP response (status line, headers, body) or the body alone; a payload
 * that starts "HTTP/1." is the former. The body goes to libxml2's push parser (chunked
 * bodies are fed chunk by chunk, without a copy), at most VS_MAX_UPNP_XML bytes of it.
 * The parser never loads a DTD, never substitutes entities, never touches the network,
 * and reports errors to nobody; a document with a DOCTYPE is refused when the DOCTYPE is
 * seen (no device description declares one, and it is where entity attacks live). Text
 * is read from text and CDATA nodes only, so an entity reference is never expanded.
 * Evidence: the six identity fields of the root device; an embedded device's (from
 * <deviceList>, sub-functions of the same box) only when the root device names none. */
#include "vendorsniff/dissect.h"
#include "vendorsniff/dissect_util.h"

#include <limits.h>
#include <string.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#define UPNP_URN "urn:schemas-upnp-org:device-"

/* ---- small readers over a cursor ---- */

/* Case-insensitive search of s in the first limit bytes of c. */
static bool contains_ci(const struct vs_cur *c, size_t limit, const char *s)
{
    size_t n = strlen(s), len = vs_cur_len(c) < limit ? vs_cur_len(c) : limit;
    for (size_t i = 0; i + n <= len; i++) {
        size_t k = 0;
        while (k < n && vs_lower(vs_at(c, i + k)) == vs_lower((uint8_t)s[k]))
            k++;
        if (k == n)
            return true;
    }
    return false;
}

static bool eq_ci(const struct vs_cur *c, const char *s)
{
    return vs_cur_len(c) == strlen(s) && contains_ci(c, strlen(s), s);
}

/* ---- the HTTP message around the body ---- */

struct http_msg {
    bool xml_type; /* Content-Type names XML */
    bool chunked;  /* Transfer-Encoding: chunked */
    bool has_len;  /* Content-Length given */
    size_t clen;   /* its value (saturated) */
    struct vs_cur body;
};

/* Split c into headers and body. TRUNCATED when the header block does not end within the
 * bytes (or within VS_MAX_BANNER_SCAN of them: then MALFORMED). */
static enum vs_decode_status split_http(struct vs_cur c, struct http_msg *m)
{
    memset(m, 0, sizeof *m);
    m->body = c;
    if (!vs_starts(&c, "HTTP/1."))
        return VS_DECODE_OK;
    struct vs_cur w, line;
    size_t len = vs_cur_len(&c);
    vs_cur_window(&c, 0, len < VS_MAX_BANNER_SCAN ? len : VS_MAX_BANNER_SCAN, &w);
    if (!vs_next_line(&w, &line))
        return len >= VS_MAX_BANNER_SCAN ? VS_DECODE_MALFORMED : VS_DECODE_TRUNCATED;
    for (;;) {
        if (!vs_next_line(&w, &line))
            return len >= VS_MAX_BANNER_SCAN ? VS_DECODE_MALFORMED : VS_DECODE_TRUNCATED;
        if (vs_cur_empty(&line))
            break;
        size_t colon = vs_find_byte(&line, 0, ':');
        if (colon == VS_NOT_FOUND)
            continue;
        struct vs_cur name, value;
        vs_cur_window(&line, 0, colon, &name);
        vs_cur_window(&line, colon + 1, vs_cur_len(&line) - colon - 1, &value);
        name = vs_cur_trim(name);
        value = vs_cur_trim(value);
        if (eq_ci(&name, "Content-Type")) {
            m->xml_type = contains_ci(&value, vs_cur_len(&value), "text/xml") ||
                          contains_ci(&value, vs_cur_len(&value), "application/xml");
        } else if (eq_ci(&name, "Transfer-Encoding")) {
            m->chunked = contains_ci(&value, vs_cur_len(&value), "chunked");
        } else if (eq_ci(&name, "Content-Length")) {
            size_t v = 0, i = 0;
            uint8_t d;
            while (vs_cur_peek_u8(&value, i, &d) && d >= '0' && d <= '9') {
                v = v > (SIZE_MAX - 9) / 10 ? SIZE_MAX : v * 10 + (size_t)(d - '0');
                i++;
            }
            m->has_len = i > 0 && i == vs_cur_len(&value);
            m->clen = m->has_len ? v : 0;
        }
    }
    /* The body is what follows the blank line in c (w was a window of its start). */
    size_t off = (len < VS_MAX_BANNER_SCAN ? len : VS_MAX_BANNER_SCAN) - vs_cur_len(&w);
    vs_cur_window(&c, off, len - off, &m->body);
    return VS_DECODE_OK;
}

bool vs_upnp_candidate(const struct vs_cur *payload)
{
    uint8_t b0;
    if (!vs_cur_peek_u8(payload, 0, &b0))
        return false;
    if (b0 == '<') /* a body sent in its own segment after the headers */
        return contains_ci(payload, VS_MAX_BANNER_SCAN, UPNP_URN);
    if (b0 != 'H' || !vs_starts(payload, "HTTP/1."))
        return false;
    struct http_msg m;
    if (split_http(*payload, &m) != VS_DECODE_OK || !m.xml_type)
        return false;
    return contains_ci(&m.body, VS_MAX_BANNER_SCAN, UPNP_URN);
}

/* ---- the parser ---- */

struct parse {
    xmlParserCtxtPtr ctxt;
    size_t fed;   /* body bytes given to the parser */
    bool doctype; /* a DOCTYPE was seen and the parse stopped */
};

#if LIBXML_VERSION >= 21200
static void quiet(void *ud, const xmlError *err)
#else
static void quiet(void *ud, xmlErrorPtr err)
#endif
{
    (void)ud;
    (void)err;
}

static void refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *eid, const xmlChar *sid)
{
    (void)name;
    (void)eid;
    (void)sid;
    xmlParserCtxtPtr ctxt = ctx;
    struct parse *p = ctxt->_private;
    p->doctype = true;
    xmlStopParser(ctxt);
}

/* Elements whose end tag was parsed are marked: the text of one left open by a cut
 * document may be cut too, and is not read. */
static const char closed_mark = 1;

static void end_element(void *ctx, const xmlChar *localname, const xmlChar *pfx, const xmlChar *uri)
{
    xmlParserCtxtPtr ctxt = ctx;
    xmlNodePtr node = ctxt->node;
    xmlSAX2EndElementNs(ctx, localname, pfx, uri);
    if (node)
        node->_private = (void *)&closed_mark;
}

static bool closed(const xmlNode *n)
{
    return n->_private == &closed_mark;
}

static xmlParserInputPtr no_entity(void *ctx, const xmlChar *pub, const xmlChar *sys)
{
    (void)ctx;
    (void)pub;
    (void)sys;
    return NULL;
}

/* Give the parser up to n more bytes of c, within the document bound. */
static void feed(struct parse *p, struct vs_cur *c, size_t n)
{
    if (n > VS_MAX_UPNP_XML - p->fed)
        n = VS_MAX_UPNP_XML - p->fed;
    if (n > INT_MAX)
        n = INT_MAX;
    const uint8_t *b;
    if (!n || p->doctype || !vs_cur_bytes(c, n, &b))
        return;
    xmlParseChunk(p->ctxt, (const char *)b, (int)n, 0);
    p->fed += n;
}

/* A chunked body (RFC 9112 s7.1): size line in hex, data, CRLF; until the 0-size chunk. */
static enum vs_decode_status feed_chunked(struct parse *p, struct vs_cur body)
{
    struct vs_cur line;
    while (p->fed < VS_MAX_UPNP_XML && !p->doctype) {
        if (!vs_next_line(&body, &line))
            return VS_DECODE_TRUNCATED;
        size_t size = 0, i = 0, digits = 0;
        uint8_t d;
        while (vs_cur_peek_u8(&line, i, &d)) {
            unsigned v;
            if (d >= '0' && d <= '9')
                v = (unsigned)(d - '0');
            else if (vs_lower(d) >= 'a' && vs_lower(d) <= 'f')
                v = (unsigned)(vs_lower(d) - 'a' + 10);
            else
                break;
            if (size > (SIZE_MAX >> 4))
                return VS_DECODE_MALFORMED;
            size = size << 4 | v;
            i++;
            digits++;
        }
        if (!digits || (vs_cur_peek_u8(&line, i, &d) && d != ';' && d != ' ' && d != '\t'))
            return VS_DECODE_MALFORMED;
        if (!size)
            return VS_DECODE_OK;
        size_t have = vs_cur_len(&body) < size ? vs_cur_len(&body) : size;
        feed(p, &body, have);
        if (p->doctype || p->fed >= VS_MAX_UPNP_XML)
            return VS_DECODE_OK;
        if (have < size)
            return VS_DECODE_TRUNCATED;
        /* the data is followed by its own CRLF */
        if (!vs_next_line(&body, &line))
            return VS_DECODE_TRUNCATED;
        if (!vs_cur_empty(&line))
            return VS_DECODE_MALFORMED;
    }
    return VS_DECODE_OK;
}

/* ---- the document ---- */

static const struct {
    const char *tag;
    enum vs_field field;
} upnp_fields[] = {
    {"manufacturer", VS_F_UPNP_MANUFACTURER},  {"modelName", VS_F_UPNP_MODEL_NAME},
    {"modelNumber", VS_F_UPNP_MODEL_NUMBER},   {"modelDescription", VS_F_UPNP_MODEL_DESCRIPTION},
    {"serialNumber", VS_F_UPNP_SERIAL_NUMBER}, {"friendlyName", VS_F_UPNP_FRIENDLY_NAME},
};
#define NFIELDS (sizeof upnp_fields / sizeof upnp_fields[0])

static bool named(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->name &&
           xmlStrcasecmp(n->name, (const xmlChar *)name) == 0;
}

/* Character data of el's own text and CDATA children; entity references are skipped. */
static size_t element_text(const xmlNode *el, uint8_t *buf, size_t cap)
{
    size_t n = 0;
    for (const xmlNode *t = el->children; t && n < cap; t = t->next) {
        if ((t->type != XML_TEXT_NODE && t->type != XML_CDATA_SECTION_NODE) || !t->content)
            continue;
        size_t len = strlen((const char *)t->content);
        if (len > cap - n)
            len = cap - n;
        memcpy(buf + n, t->content, len);
        n += len;
    }
    return n;
}

/* Emit a device's own identity fields (first of each); how many were emitted. */
static size_t device_fields(const xmlNode *dev, vs_emit_fn emit, void *ctx)
{
    bool seen[NFIELDS] = {false};
    size_t count = 0;
    for (const xmlNode *ch = dev->children; ch; ch = ch->next) {
        for (size_t k = 0; k < NFIELDS; k++) {
            if (seen[k] || !named(ch, upnp_fields[k].tag) || !closed(ch))
                continue;
            uint8_t buf[VS_MAX_VALUE_LEN];
            size_t n = element_text(ch, buf, sizeof buf);
            struct vs_cur v = vs_cur_trim(vs_cur_cut_nul(vs_cur_make(buf, n)));
            if (vs_cur_empty(&v))
                continue;
            seen[k] = true;
            count++;
            vs_emit_string(emit, ctx, upnp_fields[k].field, v, 0);
        }
    }
    return count;
}

/* The first device at or below dev (pre-order, depth-bounded) that names anything. */
static size_t first_device_with_fields(const xmlNode *dev, unsigned depth, vs_emit_fn emit,
                                       void *ctx)
{
    size_t n = device_fields(dev, emit, ctx);
    if (n || depth >= VS_MAX_UPNP_DEVICE_DEPTH)
        return n;
    for (const xmlNode *ch = dev->children; ch; ch = ch->next) {
        if (!named(ch, "deviceList"))
            continue;
        for (const xmlNode *sub = ch->children; sub; sub = sub->next) {
            if (named(sub, "device") && (n = first_device_with_fields(sub, depth + 1, emit, ctx)))
                return n;
        }
    }
    return 0;
}

void vs_upnp_init(void)
{
    xmlInitParser();
}

enum vs_decode_status vs_upnp_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                      void *ctx)
{
    (void)pkt;
    struct http_msg m;
    enum vs_decode_status st = split_http(c, &m);
    if (st != VS_DECODE_OK)
        return st;
    if (vs_cur_empty(&m.body))
        return m.has_len && m.clen == 0 ? VS_DECODE_OK : VS_DECODE_TRUNCATED;

    vs_upnp_init(); /* a flag test once initialised; callers should have called it */
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    xmlSAXVersion(&sax, 2);
    sax.serror = quiet;
    sax.internalSubset = refuse_doctype;
    sax.externalSubset = NULL;
    sax.resolveEntity = no_entity;
    sax.endElementNs = end_element;
    struct parse p = {NULL, 0, false};
    p.ctxt = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, NULL);
    if (!p.ctxt)
        return VS_DECODE_OK; /* out of memory: nothing said about the packet */
    p.ctxt->_private = &p;
    xmlCtxtUseOptions(p.ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                  XML_PARSE_RECOVER | XML_PARSE_NOCDATA);

    struct vs_cur body = m.body;
    if (m.chunked) {
        st = feed_chunked(&p, body);
    } else {
        size_t n = vs_cur_len(&body);
        if (m.has_len && m.clen < n)
            n = m.clen;
        else if (m.has_len && m.clen > n && n < VS_MAX_UPNP_XML)
            st = VS_DECODE_TRUNCATED; /* the rest is in later segments */
        feed(&p, &body, n);
    }
    if (!p.doctype)
        xmlParseChunk(p.ctxt, NULL, 0, 1);

    xmlDocPtr doc = p.ctxt->myDoc;
    bool well_formed = p.ctxt->wellFormed != 0;
    if (p.doctype) {
        st = VS_DECODE_MALFORMED;
    } else if (doc) {
        const xmlNode *root = xmlDocGetRootElement(doc);
        if (root && named(root, "root")) {
            for (const xmlNode *ch = root->children; ch; ch = ch->next) {
                if (named(ch, "device")) {
                    first_device_with_fields(ch, 0, emit, ctx);
                    break;
                }
            }
        }
        /* A document that stops before its root closes was cut (by the segment, or by
         * our bound); errors in a whole one are the sender's. */
        if (!root && p.ctxt->errNo == XML_ERR_DOCUMENT_EMPTY)
            st = VS_DECODE_MALFORMED; /* not XML: no start tag where one must be */
        else if (!root || !closed(root))
            st = vs_worse(st, p.fed >= VS_MAX_UPNP_XML ? VS_DECODE_OK : VS_DECODE_TRUNCATED);
        else if (!well_formed)
            st = VS_DECODE_MALFORMED;
    } else if (st == VS_DECODE_OK) {
        st = VS_DECODE_MALFORMED;
    }
    if (doc)
        xmlFreeDoc(doc);
    p.ctxt->myDoc = NULL;
    xmlFreeParserCtxt(p.ctxt);
    return st;
}
