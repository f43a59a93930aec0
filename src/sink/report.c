/* SPDX-License-Identifier: BSD-2-Clause */
/* report.c - what the HTML report and the CSV export share about devices and the run. */
#include "vendorsniff/report.h"

#include <stdio.h>
#include <stdlib.h>

#include "vendorsniff/topology.h"

const char *vs_report_attached(const struct vs_topology *t, const struct vs_device *d, char *buf,
                               size_t bufsz)
{
    if (!bufsz)
        return buf;
    buf[0] = '\0';
    const struct vs_attach *a = t ? vs_topology_find(t, d) : NULL;
    if (!a)
        return buf;
    char sw[64], vlan[16] = "untagged";
    vs_device_id(a->sw, sw, sizeof sw);
    if (a->vlan >= 0)
        snprintf(vlan, sizeof vlan, "VLAN %d", a->vlan);
    snprintf(buf, bufsz, "%s port %s, %s (%s)", sw, a->port ? a->port : "?", vlan,
             vs_attach_how_name(a->how));
    return buf;
}

void vs_report_span_from_devices(struct vs_report_meta *m, struct vs_inventory *inv)
{
    size_t n;
    struct vs_device *const *devs = vs_inventory_devices(inv, &n);
    m->have_span = false;
    for (size_t i = 0; i < n; i++) {
        const struct vs_device *d = devs[i];
        if (!m->have_span || d->first_sec < m->first_sec ||
            (d->first_sec == m->first_sec && d->first_usec < m->first_usec)) {
            m->first_sec = d->first_sec;
            m->first_usec = d->first_usec;
        }
        if (!m->have_span || d->last_sec > m->last_sec ||
            (d->last_sec == m->last_sec && d->last_usec > m->last_usec)) {
            m->last_sec = d->last_sec;
            m->last_usec = d->last_usec;
        }
        m->have_span = true;
    }
}
