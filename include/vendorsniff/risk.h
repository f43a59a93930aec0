/* SPDX-License-Identifier: BSD-2-Clause */
/* risk.h - the risk list: which vendors (and, with --geoip, which peer countries and
 * networks) raise an alert, with severity and the public reference each rests on. */
#ifndef VS_RISK_H
#define VS_RISK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum vs_severity { VS_SEV_LOW = 0, VS_SEV_MEDIUM, VS_SEV_HIGH, VS_SEV_CRITICAL };

enum vs_risk_kind {
    VS_RISK_VENDOR, /* rule "risk-vendor": the device's attributed vendor */
    VS_RISK_PEER,   /* rule "risk-peer": the device talks to a listed country or ASN */
};

struct vs_risk_rule {
    char *id; /* section name */
    enum vs_risk_kind kind;
    char *vendor;       /* VS_RISK_VENDOR: canonical vendor name */
    char country[3];    /* VS_RISK_PEER: ISO 3166 alpha-2, or "" */
    uint32_t asn;       /* VS_RISK_PEER: autonomous system, or 0 */
    double min_confidence;
    enum vs_severity severity;
    char *reason;
    char *reference;
    int line;
};

struct vs_risk_list {
    char *path;
    char *name; /* [list] name = ..., else the file name */
    struct vs_risk_rule *rules;
    size_t nrules;
};

int vs_risk_load(const char *path, struct vs_risk_list **out, char *err, size_t errsz);
int vs_risk_load_mem(const char *name, const char *buf, size_t len, struct vs_risk_list **out,
                     char *err, size_t errsz);
void vs_risk_free(struct vs_risk_list *l);

/* The vendor rule that applies to a device attributed to vendor with confidence, or NULL. */
const struct vs_risk_rule *vs_risk_match_vendor(const struct vs_risk_list *l, const char *vendor,
                                                double confidence);
/* The peer rule for a country/ASN, or NULL. */
const struct vs_risk_rule *vs_risk_match_peer(const struct vs_risk_list *l, const char *country,
                                              uint32_t asn);

const char *vs_severity_name(enum vs_severity s);
bool vs_severity_parse(const char *s, enum vs_severity *out);

#endif
