/* SPDX-License-Identifier: BSD-2-Clause */
/* testutil.h - helpers shared by the Check suites: an evidence collector that decoders emit
 * into and look-ups over it, frame building, and a small inventory world for the sink tests. */
#ifndef VS_TESTUTIL_H
#define VS_TESTUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vendorsniff/dissect.h"
#include "vendorsniff/inventory.h"

#define TU_MAX_EV 4096

struct tu_ev {
    enum vs_field field;
    char value[1024]; /* NUL-terminated copy (values with NULs are cut there) */
    size_t len;       /* the emitted length */
    bool has_mac;
    uint8_t mac[6];
    bool has_ip;
    struct vs_ip ip;
    uint32_t num;
};

struct tu_collector {
    struct tu_ev ev[TU_MAX_EV];
    size_t n;
    size_t dropped;
};

/* vs_emit_fn that appends to a struct tu_collector. */
void tu_collect(void *ctx, const struct vs_evidence *ev);
void tu_reset(struct tu_collector *c);
/* First value of a field, or NULL. */
const char *tu_get(const struct tu_collector *c, enum vs_field f);
const struct tu_ev *tu_find(const struct tu_collector *c, enum vs_field f);
size_t tu_count(const struct tu_collector *c, enum vs_field f);
/* True if some item of field f has exactly this value. */
bool tu_has(const struct tu_collector *c, enum vs_field f, const char *value);

/* A zeroed packet context with a source MAC, for decoder tests. */
void tu_pkt_init(struct vs_pkt *pkt);

/* Feed every prefix of buf to fn: asserts no crash and that each run ends in a
 * defined status; returns the number of prefixes that yielded any evidence. */
size_t tu_every_prefix(vs_dissect_fn fn, const uint8_t *buf, size_t len, const struct vs_pkt *pkt);

/* Assert that collector c holds field f with value v; on failure name what it holds. */
#define TU_EXPECT(c, f, v)                                                                         \
    ck_assert_msg(tu_has((c), (f), (v)), "%s: want \"%s\", first is \"%s\"", vs_field_name(f), \
                  (v), tu_get((c), (f)) ? tu_get((c), (f)) : "(none)")

/* Decode buf from an exact-size heap copy (so ASan sees any overread) into *into. */
enum vs_decode_status tu_decode_into(vs_dissect_fn fn, const uint8_t *buf, size_t n,
                                     struct tu_collector *into);
/* Every prefix decodes without crash (tu_every_prefix) and yields only evidence the whole
 * PDU also yields: nothing half-read past the cut leaks out. The whole PDU must yield some. */
void tu_check_prefixes(vs_dissect_fn fn, const uint8_t *buf, size_t n);

/* A frame builder for crafted PDUs (up to 70000 bytes). */
struct tu_fb {
    uint8_t b[70000];
    size_t n;
};
void tu_fb_raw(struct tu_fb *f, const void *p, size_t n);

/* Path of a file in the source tree (VS_SOURCE_DATADIR/rel) in a static buffer. */
const char *tu_src_path(const char *rel);

/* A small world for the sink and state suites: the shipped OUI snapshot, signatures that
 * know Huawei VRP and Cisco, a risk list "test list" that flags Huawei (rule "huawei", high),
 * and an inventory over them that reports to hooks (NULL: none). */
struct tu_world {
    struct vs_oui_db *oui;
    struct vs_sigs *sigs;
    struct vs_risk_list *risk;
    struct vs_inventory *inv;
};
void tu_world_open(struct tu_world *w, const struct vs_inventory_hooks *hooks);
void tu_world_close(struct tu_world *w);
/* Add a value of field f to d at time sec (via: the sending IP of routed evidence) and
 * attribute the device. */
void tu_world_add(struct tu_world *w, struct vs_device *d, enum vs_field f, const char *v,
                  const struct vs_ip *via, int64_t sec);

/* Whole content of a file in a malloc'd NUL-terminated buffer (NULL when unreadable). */
char *tu_slurp(const char *path, size_t *len);

#endif
