/* SPDX-License-Identifier: BSD-2-Clause */
/* syslog_sink.h - alerts (and optionally device events) to syslog: the local syslog(3),
 * or RFC 5424 messages over UDP or TCP (octet-counted framing, RFC 6587) to a collector. */
#ifndef VS_SYSLOG_SINK_H
#define VS_SYSLOG_SINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vendorsniff/sink.h"
#include "vendorsniff/text.h"

struct vs_syslog;

/* target: "local", "udp://HOST:PORT" or "tcp://HOST:PORT". */
int vs_syslog_open(const char *target, const char *hostname, struct vs_syslog **out, char *err,
                   size_t errsz);
void vs_syslog_close(struct vs_syslog *s);
void vs_syslog_alert(struct vs_syslog *s, const struct vs_out *o, const struct vs_device *d,
                     const struct vs_risk_rule *r, int64_t sec, uint32_t usec);
void vs_syslog_alert_summary(struct vs_syslog *s, const struct vs_out *o, const char *vendor,
                             const struct vs_risk_rule *r, uint64_t n, int64_t window_sec,
                             int64_t sec, uint32_t usec);
void vs_syslog_device(struct vs_syslog *s, const struct vs_out *o, const struct vs_device *d,
                      int64_t sec, uint32_t usec);

/* The syslog(3) level of a risk severity: critical LOG_CRIT, high LOG_ERR, medium
 * LOG_WARNING, the rest LOG_NOTICE. */
int vs_syslog_level(enum vs_severity sev);

/* One RFC 5424 message (section 6), facility daemon, no structured data, appended to b:
 * "<PRI>1 TIMESTAMP HOSTNAME vendorsniff PID MSGID - MSG". False when out of memory. */
bool vs_syslog_format(struct vs_buf *b, int level, int64_t sec, uint32_t usec, const char *hostname,
                      int pid, const char *msgid, const char *msg);

#endif
