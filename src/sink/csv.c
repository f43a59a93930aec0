/* SPDX-License-Identifier: BSD-2-Clause */
/* csv.c - one row per device for spreadsheet programs (RFC 4180: CRLF line ends, a field with
 * a comma, double quote, CR or LF enclosed in double quotes, an inner quote doubled), UTF-8.
 * Wire strings end up in cells, so a cell that a spreadsheet would read as a formula (OWASP
 * "CSV injection": a leading = + - @ TAB or CR) gets a leading single quote. */
#include "vendorsniff/csv_sink.h"
#include "vendorsniff/topology.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vendorsniff/atomic.h"

bool vs_csv_cell(struct vs_buf *b, const char *s, size_t n)
{
    const uint8_t *u = (const uint8_t *)s;
    bool quote = false;
    for (size_t i = 0; i < n; i++)
        if (u[i] == ',' || u[i] == '"' || u[i] == '\r' || u[i] == '\n')
            quote = true;
    bool formula = n && (u[0] == '=' || u[0] == '+' || u[0] == '-' || u[0] == '@' || u[0] == '\t' ||
                         u[0] == '\r');
    bool ok = true;
    if (quote)
        ok &= vs_buf_add(b, "\"", 1);
    if (formula)
        ok &= vs_buf_add(b, "'", 1);
    size_t i = 0;
    while (i < n) {
        uint8_t c = u[i];
        if (c == '"') {
            ok &= vs_buf_add(b, "\"\"", 2);
            i++;
        } else if (c >= 0x20 && c < 0x7f) {
            size_t j = i + 1;
            while (j < n && u[j] >= 0x20 && u[j] < 0x7f && u[j] != '"')
                j++;
            ok &= vs_buf_add(b, s + i, j - i);
            i = j;
        } else if (c == '\t' || c == '\r' || c == '\n') {
            ok &= vs_buf_add(b, s + i, 1);
            i++;
        } else if (c < 0x20 || c == 0x7f) {
            ok &= vs_buf_add(b, "\xef\xbf\xbd", 3);
            i++;
        } else {
            uint32_t cp;
            size_t len = vs_utf8_seq(u + i, n - i, &cp);
            if (len == 0 || (cp >= 0x80 && cp <= 0x9f)) {
                ok &= vs_buf_add(b, "\xef\xbf\xbd", 3);
                i += len ? len : 1;
            } else {
                ok &= vs_buf_add(b, s + i, len);
                i += len;
            }
        }
    }
    if (quote)
        ok &= vs_buf_add(b, "\"", 1);
    return ok;
}

static bool cell(struct vs_buf *b, const char *s, bool last)
{
    bool ok = s ? vs_csv_cell(b, s, strlen(s)) : true;
    return ok && vs_buf_add(b, last ? "\r\n" : ",", last ? 2 : 1);
}

static bool row(struct vs_buf *b, const struct vs_topology *t, const struct vs_device *d)
{
    char id[64], t1[VS_TS_STRLEN], t2[VS_TS_STRLEN], num[64], att[256];
    struct vs_buf list = {0};
    bool ok = true;
    vs_device_id(d, id, sizeof id);
    ok &= cell(b, id, false);
    if (d->flags & VS_DEV_HAS_MAC) {
        char mac[VS_MAC_STRLEN];
        vs_mac_format(d->mac, mac);
        ok &= cell(b, mac, false);
    } else {
        ok &= cell(b, NULL, false);
    }
    /* Several addresses or VLANs in one cell, separated by a space. */
    for (uint8_t i = 0; i < d->nips; i++) {
        char ip[VS_IP_STRLEN];
        vs_ip_format(&vs_device_ips(d)[i], ip);
        ok &= vs_buf_printf(&list, "%s%s", i ? " " : "", ip);
    }
    ok &= cell(b, list.p ? list.p : "", false);
    list.len = 0;
    if (list.p)
        list.p[0] = '\0';
    for (uint8_t i = 0; i < d->nvlans; i++)
        ok &= vs_buf_printf(&list, "%s%u", i ? " " : "", (unsigned)vs_device_vlans(d)[i]);
    ok &= cell(b, list.p ? list.p : "", false);
    vs_buf_free(&list);
    ok &= cell(b, d->vendor, false);
    snprintf(num, sizeof num, "%.2f", d->confidence);
    ok &= cell(b, num, false);
    ok &= cell(b, d->oui_org, false);
    ok &= cell(b, d->side->model, false);
    ok &= cell(b, d->side->software, false);
    ok &= cell(b, d->side->name, false);
    char cpe[600] = "";
    if (d->side->cpe_hw || d->side->cpe_os)
        snprintf(cpe, sizeof cpe, "%s%s%s", d->side->cpe_hw ? d->side->cpe_hw : "",
                 d->side->cpe_hw && d->side->cpe_os ? " " : "",
                 d->side->cpe_os ? d->side->cpe_os : "");
    ok &= cell(b, cpe[0] ? cpe : NULL, false);
    ok &= cell(b, d->risk ? d->risk->id : NULL, false);
    ok &= cell(b, d->risk ? vs_severity_name(d->risk->severity) : NULL, false);
    ok &= cell(b, d->risk ? d->risk->reason : NULL, false);
    vs_ts_format(d->first_sec, d->first_usec, t1);
    vs_ts_format(d->last_sec, d->last_usec, t2);
    ok &= cell(b, t1, false);
    ok &= cell(b, t2, false);
    snprintf(num, sizeof num, "%llu", (unsigned long long)d->packets);
    ok &= cell(b, num, false);
    ok &= cell(b, vs_report_attached(t, d, att, sizeof att), true);
    return ok;
}

int vs_csv_report(FILE *f, const struct vs_report_meta *m, struct vs_inventory *inv, bool bom)
{
    (void)m;
    size_t n;
    struct vs_device **arr = vs_inventory_sorted(inv, &n);
    if (!arr && vs_inventory_count(inv))
        return -ENOMEM;
    struct vs_topology topo;
    bool have_topo = vs_topology_build(inv, &topo) == 0;
    struct vs_buf b = {0};
    bool ok = true;
    if (bom)
        ok &= vs_buf_add(&b, "\xef\xbb\xbf", 3);
    ok &= vs_buf_add(&b, VS_CSV_HEADER "\r\n", sizeof VS_CSV_HEADER + 1);
    bool ioerr = false;
    for (size_t i = 0; arr && i < n && ok; i++) {
        ok &= row(&b, have_topo ? &topo : NULL, arr[i]);
        if (b.len >= (1u << 20)) {
            ioerr |= fwrite(b.p, 1, b.len, f) != b.len;
            b.len = 0;
        }
    }
    if (b.len)
        ioerr |= fwrite(b.p, 1, b.len, f) != b.len;
    vs_buf_free(&b);
    free(arr);
    if (have_topo)
        vs_topology_free(&topo);
    if (!ok)
        return -ENOMEM;
    return ioerr || ferror(f) ? -EIO : 0;
}

int vs_csv_write_file(const char *path, const struct vs_report_meta *m, struct vs_inventory *inv,
                      bool bom, char *err, size_t errsz)
{
    struct vs_atomic a;
    int rc = vs_atomic_open(&a, path, 0644);
    if (rc != 0) {
        snprintf(err, errsz, "%s: %s", path, strerror(-rc));
        return rc;
    }
    rc = vs_csv_report(a.f, m, inv, bom);
    int rc2 = vs_atomic_commit(&a, rc);
    if (rc2 != 0) {
        snprintf(err, errsz, "%s: %s", path, strerror(rc ? -rc : -rc2));
        return rc ? rc : rc2;
    }
    return 0;
}
