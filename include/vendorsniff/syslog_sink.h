/* syslog_sink.h - alerts (and optionally device events) to syslog: the local syslog(3),
 * or RFC 5424 messages over UDP or TCP (octet-counted framing, RFC 6587) to a collector. */
#ifndef VS_SYSLOG_SINK_H
#define VS_SYSLOG_SINK_H

#include <stddef.h>
#include <stdint.h>

#include "vendorsniff/sink.h"

struct vs_syslog;

/* target: "local", "udp://HOST:PORT" or "tcp://HOST:PORT". */
int vs_syslog_open(const char *target, const char *hostname, struct vs_syslog **out, char *err,
                   size_t errsz);
void vs_syslog_close(struct vs_syslog *s);
void vs_syslog_alert(struct vs_syslog *s, const struct vs_out *o, const struct vs_device *d,
                     const struct vs_risk_rule *r, int64_t sec, uint32_t usec);
void vs_syslog_device(struct vs_syslog *s, const struct vs_out *o, const struct vs_device *d,
                      int64_t sec, uint32_t usec);

#endif
