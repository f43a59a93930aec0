/* SPDX-License-Identifier: BSD-2-Clause */
/* report.c - what the HTML report and the CSV export share about devices and the run. */
#include "vendorsniff/report.h"

#include <stdlib.h>

const char *vs_report_attached(const struct vs_device *d, char *buf, size_t bufsz)
{
    /* TODO(issue 13): the device's "attached" (switch id, port, VLAN, how) once the device
     * struct has it, e.g. "<switch id> port 10GE1/0/48 (lldp-neighbour)". Until then the
     * attachment is not known, and both writers show it as such. */
    (void)d;
    if (bufsz)
        buf[0] = '\0';
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
