/* SPDX-License-Identifier: BSD-2-Clause */
/* check_models_cases.h - real strings per model family for check_models.c: each with the
 * vendor, model and software the shipped rules must give ("" = none), and near-misses. */
#ifndef CHECK_MODELS_CASES_H
#define CHECK_MODELS_CASES_H

#define SD VS_F_SNMP_SYS_DESCR
#define LD VS_F_LLDP_SYSTEM_DESCRIPTION

static const struct model_case model_cases[] = {
    {SD, "placeholder", NULL, NULL, NULL},
};

static const struct {
    enum vs_field field;
    const char *value, *not_vendor;
} near_cases[] = {
    {SD, "Aztech DSL5001EN ADSL2+ router", "ZTE"},
};

#endif
