/* SPDX-License-Identifier: BSD-2-Clause */
/* check_state.c - the state file (src/sink/state.c): devices, evidence and alert history
 * survive a save and a restore; a corrupt file restores nothing, is refused and kept aside. */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"
#include "vendorsniff/identity.h"
#include "vendorsniff/json_sink.h"
#include "vendorsniff/state.h"

static int n_device_events, n_alerts;

static void on_device(void *ctx, const struct vs_device *d, int64_t sec, uint32_t usec)
{
    (void)ctx, (void)d, (void)sec, (void)usec;
    n_device_events++;
}

static void on_alert(void *ctx, const struct vs_device *d, const struct vs_risk_rule *r,
                     int64_t sec, uint32_t usec)
{
    (void)ctx, (void)d, (void)r, (void)sec, (void)usec;
    n_alerts++;
}

static const struct vs_inventory_hooks counting = {NULL, on_device, on_alert, NULL, NULL};

static const uint8_t huawei_mac[6] = {0x00, 0xe0, 0xfc, 0x12, 0x34, 0x56};
static const uint8_t laa_mac[6] = {0x02, 0x11, 0x22, 0x33, 0x44, 0x55};
static const char vrp[] = "Huawei Versatile Routing Platform Software\r\n"
                          "VRP (R) software, Version 5.170 (S5720 V200R011C10SPC500)";

static char dir[64];
static char path[128];

static void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/check_state.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/state", dir);
    n_device_events = n_alerts = 0;
}

/* Empty the scratch folder (state, its temporaries and corrupt copies) and remove it. */
static void teardown(void)
{
    DIR *dp = opendir(dir);
    if (dp) {
        struct dirent *e;
        char p[512];
        while ((e = readdir(dp)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            unlink(p);
        }
        closedir(dp);
    }
    rmdir(dir);
}

/* Names in the scratch folder, sorted into one string "a b c". */
static void dir_names(char *out, size_t outsz)
{
    struct dirent **list;
    int n = scandir(dir, &list, NULL, alphasort);
    ck_assert_int_ge(n, 0);
    out[0] = '\0';
    for (int i = 0; i < n; i++) {
        if (list[i]->d_name[0] != '.') {
            size_t l = strlen(out);
            snprintf(out + l, outsz - l, "%s%s", l ? " " : "", list[i]->d_name);
        }
        free(list[i]);
    }
    free(list);
}

static struct vs_ip ip4(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
    struct vs_ip ip;
    const uint8_t x[4] = {a, b, c, d};
    vs_ip_from4(&ip, x);
    return ip;
}

/* Two devices: a Huawei switch by MAC (LLDP, an IP, a VLAN; its risk alert raised), and a
 * host known only by IP with routed SNMP evidence. */
static void populate(struct tu_world *w)
{
    struct vs_device *d = vs_inventory_see_mac(w->inv, huawei_mac, 100, 7);
    ck_assert_ptr_nonnull(d);
    for (int i = 1; i < 5; i++)
        vs_inventory_see_mac(w->inv, huawei_mac, 100 + i, 0);
    struct vs_ip ip = ip4(10, 0, 0, 1);
    vs_identity_note_ip(w->inv, d, &ip);
    vs_inventory_note_vlan(w->inv, d, 42);
    tu_world_add(w, d, VS_F_LLDP_SYSTEM_DESCRIPTION, vrp, NULL, 101);
    tu_world_add(w, d, VS_F_LLDP_SYSTEM_NAME, "core-1 \"east\"", NULL, 102);
    vs_inventory_see_mac(w->inv, laa_mac, 103, 0);
    struct vs_ip far = ip4(192, 0, 2, 7);
    struct vs_device *r = vs_identity_for_ip(w->inv, &far, NULL, 104, 0);
    ck_assert_ptr_nonnull(r);
    tu_world_add(w, r, VS_F_SNMP_SYS_DESCR, "Linux edge 5.10", &far, 104);
}

static struct vs_device *by_id(struct vs_inventory *inv, const char *id)
{
    size_t n;
    struct vs_device *const *devs = vs_inventory_devices(inv, &n);
    for (size_t i = 0; i < n; i++) {
        char b[64];
        vs_device_id(devs[i], b, sizeof b);
        if (strcmp(b, id) == 0)
            return devs[i];
    }
    return NULL;
}

static void same_str(const char *what, const char *a, const char *b)
{
    ck_assert_msg((a == NULL) == (b == NULL) && (!a || strcmp(a, b) == 0), "%s: \"%s\" vs \"%s\"",
                  what, a ? a : "(null)", b ? b : "(null)");
}

static void same_device(const struct vs_device *a, const struct vs_device *b)
{
    ck_assert_int_eq(a->flags & VS_DEV_HAS_MAC, b->flags & VS_DEV_HAS_MAC);
    ck_assert_int_eq(a->first_sec, b->first_sec);
    ck_assert_uint_eq(a->first_usec, b->first_usec);
    ck_assert_int_eq(a->last_sec, b->last_sec);
    ck_assert_uint_eq(a->packets, b->packets);
    ck_assert_uint_eq(a->nvlans, b->nvlans);
    for (uint8_t i = 0; i < a->nvlans; i++)
        ck_assert_uint_eq(vs_device_vlans(a)[i], vs_device_vlans(b)[i]);
    ck_assert_uint_eq(a->side->nev, b->side->nev);
    for (size_t i = 0; i < a->side->nev; i++) {
        ck_assert_int_eq(a->side->ev[i].field, b->side->ev[i].field);
        ck_assert_uint_eq(a->side->ev[i].len, b->side->ev[i].len);
        ck_assert(memcmp(a->side->ev[i].value, b->side->ev[i].value, a->side->ev[i].len) == 0);
        ck_assert_int_eq(a->side->ev[i].ts_sec, b->side->ev[i].ts_sec);
        ck_assert(vs_ip_equal(&a->side->ev[i].via, &b->side->ev[i].via));
    }
    same_str("vendor", a->vendor, b->vendor);
    same_str("model", a->side->model, b->side->model);
    same_str("software", a->side->software, b->side->software);
    same_str("name", a->side->name, b->side->name);
    ck_assert_uint_eq(a->side->nalerts, b->side->nalerts);
    for (size_t i = 0; i < a->side->nalerts; i++) {
        same_str("alert rule", a->side->alerts[i].rule_id, b->side->alerts[i].rule_id);
        same_str("alert key", a->side->alerts[i].key, b->side->alerts[i].key);
    }
}

START_TEST(round_trip_keeps_devices_evidence_and_alert_history)
{
    struct tu_world a, b;
    char err[512];
    tu_world_open(&a, &counting);
    populate(&a);
    ck_assert_int_eq(n_alerts, 1);
    ck_assert_int_eq(vs_state_save(path, a.inv, err, sizeof err), 0);

    n_device_events = n_alerts = 0;
    tu_world_open(&b, &counting);
    ck_assert_msg(vs_state_load(path, b.inv, err, sizeof err) == 0, "%s", err);
    ck_assert_int_eq(n_device_events, 0); /* a restore is quiet */
    ck_assert_int_eq(n_alerts, 0);
    ck_assert_uint_eq(vs_inventory_count(b.inv), vs_inventory_count(a.inv));
    ck_assert_uint_eq(vs_inventory_count(b.inv), 3);
    size_t n;
    struct vs_device *const *devs = vs_inventory_devices(a.inv, &n);
    for (size_t i = 0; i < n; i++) {
        char id[64];
        vs_device_id(devs[i], id, sizeof id);
        struct vs_device *r = by_id(b.inv, id);
        ck_assert_msg(r != NULL, "%s not restored", id);
        same_device(devs[i], r);
    }
    struct vs_device *hw = by_id(b.inv, "00:e0:fc:12:34:56");
    ck_assert_str_eq(hw->vendor, "Huawei");
    ck_assert_str_eq(hw->side->model, "S5720");
    ck_assert_str_eq(hw->side->name, "core-1 \"east\"");
    ck_assert_uint_eq(hw->nips, 1);
    ck_assert_uint_eq(hw->side->nalerts, 1);
    ck_assert_str_eq(hw->side->alerts[0].rule_id, "huawei");
    struct vs_device *far = by_id(b.inv, "192.0.2.7");
    ck_assert_ptr_nonnull(far);
    ck_assert_uint_eq(far->side->nev, 1);
    ck_assert_uint_eq(far->side->ev[0].via.family, 4);

    /* The history is what stops a second alert for the same device, rule and vendor. */
    vs_inventory_reload(b.inv, b.oui, b.sigs, b.risk, 200, 0);
    ck_assert_int_eq(n_alerts, 0);

    /* Saved again, the restored inventory gives the same file. */
    char again[160];
    snprintf(again, sizeof again, "%s/again", dir);
    ck_assert_int_eq(vs_state_save(again, b.inv, err, sizeof err), 0);
    size_t la, lb;
    char *fa = tu_slurp(path, &la), *fb = tu_slurp(again, &lb);
    ck_assert_ptr_nonnull(fa);
    ck_assert_ptr_nonnull(fb);
    ck_assert_str_eq(fa, fb);
    free(fa);
    free(fb);
    tu_world_close(&b);
    tu_world_close(&a);
}
END_TEST

START_TEST(restore_without_history_would_alert_again)
{
    /* The counterpart of the test above: the same device restored from a file that lacks
     * its alert record raises the alert on the next attribution. */
    static const char no_history[] =
        "{\"format\":\"vendorsniff-state\",\"version\":1,\"devices\":1}\n"
        "{\"id\":\"00:e0:fc:12:34:56\",\"first_seen\":\"2024-01-01T00:00:00.000000Z\","
        "\"last_seen\":\"2024-01-01T00:00:01.000000Z\",\"packets\":3,\"alerts\":[]}\n";
    struct tu_world w;
    char err[512];
    tu_world_open(&w, &counting);
    ck_assert_msg(
        vs_state_load_mem("mem", no_history, strlen(no_history), w.inv, err, sizeof err) == 0, "%s",
        err);
    ck_assert_int_eq(n_alerts, 0);
    vs_inventory_reload(w.inv, w.oui, w.sigs, w.risk, 200, 0);
    ck_assert_int_eq(n_alerts, 1);
    tu_world_close(&w);
}
END_TEST

static const char good_head[] = "{\"format\":\"vendorsniff-state\",\"version\":1,\"devices\":2}\n";
static const char good_dev[] =
    "{\"id\":\"00:19:06:ea:b8:85\",\"first_seen\":\"2024-01-01T00:00:00.000000Z\","
    "\"last_seen\":\"2024-01-01T00:00:01.000000Z\",\"packets\":3}\n";

/* Load head + good_dev + bad into an empty inventory: refused, naming the line; nothing
 * restored, not even the good line before the damage. */
static void refused(const char *head, const char *bad, int line, const char *why)
{
    char buf[2048];
    snprintf(buf, sizeof buf, "%s%s%s", head, good_dev, bad);
    struct tu_world w;
    char err[512] = "";
    tu_world_open(&w, &counting);
    int rc = vs_state_load_mem("st", buf, strlen(buf), w.inv, err, sizeof err);
    ck_assert_int_eq(rc, -EINVAL);
    char want[64];
    snprintf(want, sizeof want, "st:%d: corrupt state file", line);
    ck_assert_msg(strstr(err, want) && strstr(err, why), "err \"%s\", want \"%s\" and \"%s\"", err,
                  want, why);
    ck_assert_uint_eq(vs_inventory_count(w.inv), 0);
    ck_assert_int_eq(n_device_events + n_alerts, 0);
    tu_world_close(&w);
}

START_TEST(corrupt_state_restores_nothing)
{
    refused(good_head, "{\"id\":\"00:19:06:ea:b8:86\",\"first_seen\":", 3, "not valid JSON");
    refused(good_head, "[1,2]\n", 3, "not an object");
    refused(good_head, "{\"id\":\"00:19:06:ea:b8:86\"}\n", 3, "lacks");
    refused(good_head,
            "{\"id\":\"not-an-id\",\"first_seen\":\"2024-01-01T00:00:00.000000Z\","
            "\"last_seen\":\"2024-01-01T00:00:01.000000Z\",\"packets\":1}\n",
            3, "bad device id");
    refused("{\"format\":\"something-else\",\"version\":1}\n", "", 1, "not a vendorsniff state");
    refused("{\"format\":\"vendorsniff-state\",\"version\":99}\n", "", 1,
            "not a vendorsniff state");

    struct tu_world w;
    char err[256];
    tu_world_open(&w, NULL);
    ck_assert_int_eq(vs_state_load_mem("st", "", 0, w.inv, err, sizeof err), -EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "empty"));
    tu_world_close(&w);
}
END_TEST

START_TEST(corrupt_state_file_is_kept_aside_never_overwritten)
{
    struct tu_world w;
    char err[512], names[512];
    tu_world_open(&w, NULL);
    for (int k = 1; k <= 2; k++) {
        FILE *f = fopen(path, "w");
        ck_assert_ptr_nonnull(f);
        fprintf(f, "garbage %d\n", k);
        fclose(f);
        ck_assert_int_lt(vs_state_load(path, w.inv, err, sizeof err), 0);
        ck_assert_ptr_nonnull(strstr(err, "starting fresh"));
    }
    dir_names(names, sizeof names);
    ck_assert_str_eq(names, "state.corrupt-1 state.corrupt-2");
    char aside[160];
    snprintf(aside, sizeof aside, "%s.corrupt-1", path);
    char *kept = tu_slurp(aside, NULL);
    ck_assert_str_eq(kept, "garbage 1\n");
    free(kept);
    ck_assert_uint_eq(vs_inventory_count(w.inv), 0);
    tu_world_close(&w);
}
END_TEST

START_TEST(missing_state_is_enoent)
{
    struct tu_world w;
    char err[512];
    tu_world_open(&w, NULL);
    ck_assert_int_eq(vs_state_load(path, w.inv, err, sizeof err), -ENOENT);
    tu_world_close(&w);
}
END_TEST

START_TEST(save_replaces_the_file_and_leaves_no_temporary)
{
    struct tu_world w;
    char err[512], names[512];
    tu_world_open(&w, NULL);
    populate(&w);
    FILE *f = fopen(path, "w");
    fputs("old content\n", f);
    fclose(f);
    ck_assert_int_eq(vs_state_save(path, w.inv, err, sizeof err), 0);
    dir_names(names, sizeof names);
    ck_assert_str_eq(names, "state");
    char *s = tu_slurp(path, NULL);
    ck_assert_ptr_nonnull(strstr(s, "\"format\":\"vendorsniff-state\""));
    ck_assert_ptr_null(strstr(s, "old content"));
    free(s);
    /* The state holds evidence: only its owner reads it. */
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0600);

    char nowhere[160];
    snprintf(nowhere, sizeof nowhere, "%s/missing/state", dir);
    ck_assert_int_lt(vs_state_save(nowhere, w.inv, err, sizeof err), 0);
    ck_assert_ptr_nonnull(strstr(err, "cannot save state"));
    tu_world_close(&w);
}
END_TEST

/* A saved inventory (--inventory) read back: the same devices, evidence and attribution
 * (re-derived with the current signatures), quietly; two files of one network merge by id;
 * a line that is no vendorsniff event loads nothing and names file and line. */
START_TEST(saved_inventory_reads_back_and_merges)
{
    struct tu_world a, b;
    char err[512];
    tu_world_open(&a, &counting);
    populate(&a);
    struct vs_out o = {.sensor = "t", .risk = a.risk};
    char inv1[160];
    snprintf(inv1, sizeof inv1, "%s/inv1.jsonl", dir);
    ck_assert_int_eq(vs_json_write_inventory(inv1, &o, a.inv, 300, 0, err, sizeof err), 0);

    n_device_events = n_alerts = 0;
    tu_world_open(&b, &counting);
    size_t nd = 0;
    ck_assert_msg(vs_state_load_inventory(inv1, b.inv, &nd, err, sizeof err) == 0, "%s", err);
    ck_assert_uint_eq(nd, 3);
    ck_assert_int_eq(n_device_events + n_alerts, 0);
    ck_assert_uint_eq(vs_inventory_count(b.inv), 3);
    struct vs_device *hw = by_id(b.inv, "00:e0:fc:12:34:56");
    ck_assert_ptr_nonnull(hw);
    ck_assert_str_eq(hw->vendor, "Huawei");
    ck_assert_str_eq(hw->side->model, "S5720");
    ck_assert_ptr_nonnull(hw->risk);
    struct vs_device *orig = by_id(a.inv, "00:e0:fc:12:34:56");
    ck_assert_uint_eq(hw->side->nev,
                      orig->side->nev); /* the oui.org line is not taken as evidence */
    uint64_t pk = hw->packets;
    int64_t first = hw->first_sec;

    /* The same file again: one network seen twice, packets added, times kept. */
    ck_assert_int_eq(vs_state_load_inventory(inv1, b.inv, &nd, err, sizeof err), 0);
    ck_assert_uint_eq(vs_inventory_count(b.inv), 3);
    ck_assert_uint_eq(hw->packets, 2 * pk);
    ck_assert_int_eq(hw->first_sec, first);

    char bad[160];
    snprintf(bad, sizeof bad, "%s/bad.jsonl", dir);
    FILE *f = fopen(bad, "w");
    ck_assert_ptr_nonnull(f);
    fputs("{\"event\":\"device\",\"id\":\"00:11:22:33:44:55\",\"first_seen\":"
          "\"2024-01-01T00:00:00.000000Z\",\"last_seen\":\"2024-01-01T00:00:00.000000Z\","
          "\"packets\":1}\n"
          "this is not json\n",
          f);
    fclose(f);
    size_t before = vs_inventory_count(b.inv);
    ck_assert_int_ne(vs_state_load_inventory(bad, b.inv, NULL, err, sizeof err), 0);
    ck_assert_msg(strstr(err, "bad.jsonl:2:") != NULL, "%s", err);
    ck_assert_uint_eq(vs_inventory_count(b.inv), before);
    tu_world_close(&b);
    tu_world_close(&a);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("state");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, round_trip_keeps_devices_evidence_and_alert_history);
    tcase_add_test(tc, restore_without_history_would_alert_again);
    tcase_add_test(tc, corrupt_state_restores_nothing);
    tcase_add_test(tc, corrupt_state_file_is_kept_aside_never_overwritten);
    tcase_add_test(tc, missing_state_is_enoent);
    tcase_add_test(tc, save_replaces_the_file_and_leaves_no_temporary);
    tcase_add_test(tc, saved_inventory_reads_back_and_merges);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *r = srunner_create(suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
