/* SPDX-License-Identifier: BSD-2-Clause */
/* jsonw.h - a small streaming JSON writer for the output hot path (one device line per
 * device, a million devices in a large inventory): appends to a buffer, escapes strings,
 * and always produces valid UTF-8 JSON. Reading JSON (state files) uses jansson. */
#ifndef VS_JSONW_H
#define VS_JSONW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "vendorsniff/text.h"

#define VS_JW_MAX_DEPTH 16

struct vs_jw {
    struct vs_buf b;
    int depth;
    bool need_comma[VS_JW_MAX_DEPTH];
    bool after_key;
};

void vs_jw_reset(struct vs_jw *w); /* empty the buffer, keep its memory */
void vs_jw_free(struct vs_jw *w);
void vs_jw_obj_begin(struct vs_jw *w);
void vs_jw_obj_end(struct vs_jw *w);
void vs_jw_arr_begin(struct vs_jw *w);
void vs_jw_arr_end(struct vs_jw *w);
/* key: a literal of ours, not escaped; its length is known when it is compiled */
void vs_jw_keyn(struct vs_jw *w, const char *key, size_t n);
#define vs_jw_key(w, key) vs_jw_keyn((w), (key), strlen(key))
void vs_jw_str(struct vs_jw *w, const char *s); /* NULL writes null */
void vs_jw_strn(struct vs_jw *w, const char *s, size_t n);
void vs_jw_int(struct vs_jw *w, int64_t v);
void vs_jw_real(struct vs_jw *w, double v); /* up to 4 significant digits, as 0.93 or 1.0 */
void vs_jw_bool(struct vs_jw *w, bool v);
void vs_jw_null(struct vs_jw *w);

#endif
