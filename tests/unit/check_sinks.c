/* SPDX-License-Identifier: BSD-2-Clause */
/* check_sinks.c - the sinks: the JSON writer (escaping, invalid UTF-8), the JSON events and
 * inventory file (key order, atomic replace), the text report (escaping, risk first), syslog. */
#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>

#include "testutil.h"
#include "vendorsniff/atomic.h"
#include "vendorsniff/identity.h"
#include "vendorsniff/json_sink.h"
#include "vendorsniff/jsonw.h"
#include "vendorsniff/syslog_sink.h"

/* ---- the JSON writer ----------------------------------------------------------- */

/* vs_jw_strn of n bytes, as written. */
static char *jw_string(const char *s, size_t n)
{
    static char written[1024];
    struct vs_jw w = {0};
    vs_jw_strn(&w, s, n);
    ck_assert_ptr_nonnull(w.b.p);
    snprintf(written, sizeof written, "%s", w.b.p);
    vs_jw_free(&w);
    return written;
}

#define JW_EQ(lit, want) ck_assert_str_eq(jw_string(lit, sizeof lit - 1), want)

START_TEST(jw_escapes_quotes_backslashes_and_every_control)
{
    JW_EQ("plain text", "\"plain text\"");
    JW_EQ("a\"b\\c", "\"a\\\"b\\\\c\"");
    JW_EQ("\n\r\t", "\"\\n\\r\\t\"");
    JW_EQ("\x01\x08\x0c\x1b\x1f", "\"\\u0001\\u0008\\u000c\\u001b\\u001f\"");
    JW_EQ("x\0y", "\"x\\u0000y\"");
    JW_EQ("\x7f", "\"\\u007f\"");
}
END_TEST

START_TEST(jw_replaces_invalid_utf8_and_keeps_valid)
{
    JW_EQ("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
          "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");
    JW_EQ("\xff", "\"\xef\xbf\xbd\"");
    JW_EQ("\xc0\xaf", "\"\xef\xbf\xbd\xef\xbf\xbd\"");                 /* overlong */
    JW_EQ("\xe0\x80\xaf", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""); /* overlong */
    JW_EQ("\xed\xa0\x80", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""); /* surrogate */
    JW_EQ("\xf4\x90\x80\x80",
          "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""); /* > U+10FFFF */
    JW_EQ("ab\xe2\x82", "\"ab\xef\xbf\xbd\xef\xbf\xbd\"");         /* cut short */
    JW_EQ("\x80z", "\"\xef\xbf\xbdz\"");                           /* lone continuation */
}
END_TEST

START_TEST(jw_builds_nested_values)
{
    struct vs_jw w = {0};
    vs_jw_obj_begin(&w);
    vs_jw_key(&w, "a");
    vs_jw_int(&w, 1);
    vs_jw_key(&w, "b");
    vs_jw_arr_begin(&w);
    vs_jw_bool(&w, true);
    vs_jw_null(&w);
    vs_jw_str(&w, "x");
    vs_jw_str(&w, NULL);
    vs_jw_arr_end(&w);
    vs_jw_key(&w, "c");
    vs_jw_obj_begin(&w);
    vs_jw_key(&w, "d");
    vs_jw_int(&w, -5);
    vs_jw_key(&w, "e");
    vs_jw_real(&w, 0.93);
    vs_jw_key(&w, "f");
    vs_jw_real(&w, 1.0);
    vs_jw_obj_end(&w);
    vs_jw_obj_end(&w);
    ck_assert_str_eq(
        w.b.p, "{\"a\":1,\"b\":[true,null,\"x\",null],\"c\":{\"d\":-5,\"e\":0.93,\"f\":1.0}}");
    vs_jw_free(&w);
}
END_TEST

/* ---- events and the inventory file -------------------------------------------- */

static const uint8_t huawei_mac[6] = {0x00, 0xe0, 0xfc, 0x12, 0x34, 0x56};
static const uint8_t cisco_mac[6] = {0x00, 0x19, 0x06, 0xea, 0xb8, 0x85};
static const char vrp[] = "Huawei Versatile Routing Platform Software\r\n"
                          "VRP (R) software, Version 5.170 (S5720 V200R011C10SPC500)";
/* What a hostile sender can put in a name: a terminal escape, a newline, quotes. */
static const char hostile[] = "evil\x1b[2J\n\"name\"";

static struct tu_world world;
static struct vs_device *hw, *cs;
static const struct vs_out out = {.sensor = "snap"};
static struct vs_out out_risk;

static void setup(void)
{
    tu_world_open(&world, NULL);
    hw = vs_inventory_see_mac(world.inv, huawei_mac, 1700000000, 5);
    struct vs_ip ip;
    const uint8_t a[4] = {10, 0, 0, 1};
    vs_ip_from4(&ip, a);
    vs_identity_note_ip(world.inv, hw, &ip);
    vs_inventory_note_vlan(world.inv, hw, 42);
    tu_world_add(&world, hw, VS_F_LLDP_SYSTEM_DESCRIPTION, vrp, NULL, 1700000001);
    tu_world_add(&world, hw, VS_F_LLDP_SYSTEM_NAME, hostile, NULL, 1700000002);
    cs = vs_inventory_see_mac(world.inv, cisco_mac, 1700000003, 0);
    out_risk = out;
    out_risk.risk = world.risk;
}

static void teardown(void)
{
    tu_world_close(&world);
}

/* What a sink function wrote to a stream, NUL-terminated. */
struct mem {
    char *buf;
    size_t len;
    FILE *f;
};

static FILE *mem_open(struct mem *m)
{
    m->buf = NULL;
    m->len = 0;
    m->f = open_memstream(&m->buf, &m->len);
    ck_assert_ptr_nonnull(m->f);
    return m->f;
}

static char *mem_close(struct mem *m)
{
    fclose(m->f);
    return m->buf;
}

/* The keys of one JSON object line, in the order written, joined by spaces. */
static void keys_of(const char *line, char *keys, size_t keyssz)
{
    json_error_t je;
    json_t *j = json_loads(line, JSON_REJECT_DUPLICATES, &je);
    ck_assert_msg(j && json_is_object(j), "not a JSON object: %s (%s)", line, je.text);
    keys[0] = '\0';
    const char *k;
    json_t *v;
    json_object_foreach(j, k, v)
    {
        size_t l = strlen(keys);
        snprintf(keys + l, keyssz - l, "%s%s", l ? " " : "", k);
    }
    json_decref(j);
}

static const char device_keys[] =
    "event ts sensor id mac ips vlans vendor confidence oui_org model "
    "software name evidence risk first_seen last_seen packets";

START_TEST(device_event_has_fixed_key_order_and_escaped_values)
{
    struct mem m;
    ck_assert_int_eq(vs_jsonl_device(mem_open(&m), &out_risk, hw, 1700000002, 0), 0);
    char *line = mem_close(&m);
    ck_assert_uint_gt(m.len, 0);
    ck_assert_int_eq(line[m.len - 1], '\n');
    ck_assert_ptr_null(memchr(line, '\n', m.len - 1)); /* one line, whatever the name held */
    ck_assert_ptr_null(strchr(line, '\x1b'));
    ck_assert_ptr_nonnull(strstr(line, "{\"source\":\"lldp\",\"field\":\"system_name\",\"value\":"
                                       "\"evil\\u001b[2J\\n\\\"name\\\"\"}"));
    ck_assert_ptr_nonnull(
        strstr(line, "\"event\":\"device\",\"ts\":\"2023-11-14T22:13:22.000000Z\",\"sensor\":"
                     "\"snap\",\"id\":\"00:e0:fc:12:34:56\",\"mac\":\"00:e0:fc:12:34:56\","
                     "\"ips\":[\"10.0.0.1\"],\"vlans\":[42],\"vendor\":\"Huawei\""));
    ck_assert_ptr_nonnull(strstr(line, "\"risk\":{\"list\":\"test list\",\"rule\":\"huawei\","
                                       "\"vendor\":\"Huawei\",\"severity\":\"high\""));
    char keys[512];
    keys_of(line, keys, sizeof keys);
    ck_assert_str_eq(keys, device_keys);
    /* Read back, the evidence is the value as the wire sent it. */
    json_t *j = json_loads(line, 0, NULL);
    json_t *ev = json_object_get(j, "evidence");
    ck_assert_str_eq(json_string_value(json_object_get(json_array_get(ev, 0), "source")), "oui");
    ck_assert_str_eq(json_string_value(json_object_get(json_array_get(ev, 2), "value")), hostile);
    json_decref(j);
    free(line);
}
END_TEST

START_TEST(alert_and_stats_events_have_fixed_key_order)
{
    struct mem m;
    const struct vs_risk_rule *r = &world.risk->rules[0];
    ck_assert_int_eq(vs_jsonl_alert(mem_open(&m), &out_risk, hw, r, 1700000002, 0), 0);
    char *line = mem_close(&m);
    char keys[512];
    keys_of(line, keys, sizeof keys);
    ck_assert_str_eq(keys, "event ts sensor id mac ips vendor model confidence severity rule "
                           "list_rule list reason reference evidence");
    ck_assert_ptr_nonnull(strstr(line, "\"rule\":\"risk-vendor\",\"list_rule\":\"huawei\","
                                       "\"list\":\"test list\",\"reason\":\"on the list\""));
    /* Syslog carries the same object, without the newline. */
    char *obj = vs_alert_json_string(&out_risk, hw, r, 1700000002, 0);
    ck_assert_uint_eq(strlen(obj) + 1, m.len);
    ck_assert(strncmp(obj, line, m.len - 1) == 0);
    free(obj);
    free(line);

    struct vs_stats ps = {0};
    ps.packets = 7;
    ps.truncated[VS_PROTO_LLDP] = 2;
    struct vs_run_stats s = {0};
    s.pipe = &ps;
    s.devices = 2;
    ck_assert_int_eq(vs_jsonl_stats(mem_open(&m), &out, &s, 0, 0), 0);
    line = mem_close(&m);
    keys_of(line, keys, sizeof keys);
    ck_assert_str_eq(keys, "event ts sensor packets bytes devices alerts evictions decode_errors "
                           "unsupported_link evidence_dropped");
    ck_assert_ptr_nonnull(strstr(line, "\"decode_errors\":{\"lldp\":2}"));
    free(line);
}
END_TEST

START_TEST(inventory_file_is_replaced_atomically_and_world_readable)
{
    char dir[] = "/tmp/check_sinks.XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[128], err[512];
    snprintf(path, sizeof path, "%s/inv.jsonl", dir);
    FILE *f = fopen(path, "w");
    fputs("old\n", f);
    fclose(f);
    ck_assert_int_eq(
        vs_json_write_inventory(path, &out_risk, world.inv, 1700000009, 0, err, sizeof err), 0);
    struct mem m;
    ck_assert_int_eq(vs_json_print_inventory(mem_open(&m), &out_risk, world.inv, 1700000009, 0), 0);
    char *want = mem_close(&m);
    char *got = tu_slurp(path, NULL);
    ck_assert_str_eq(got, want);
    /* Risk devices first, one line each. */
    ck_assert(strncmp(got, "{\"event\":\"device\"", 17) == 0);
    ck_assert_ptr_nonnull(strstr(got, "\"id\":\"00:e0:fc:12:34:56\""));
    ck_assert(strstr(got, "00:e0:fc:12:34:56") < strstr(got, "00:19:06:ea:b8:85"));
    free(got);
    free(want);
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0644);
    /* Nothing beside it: the temporary file became the inventory. */
    char cmd[256];
    snprintf(cmd, sizeof cmd, "test \"$(ls -A %s)\" = inv.jsonl", dir);
    ck_assert_int_eq(system(cmd), 0);

    char nowhere[160];
    snprintf(nowhere, sizeof nowhere, "%s/missing/inv.jsonl", dir);
    ck_assert_int_lt(vs_json_write_inventory(nowhere, &out, world.inv, 0, 0, err, sizeof err), 0);
    ck_assert_ptr_nonnull(strstr(err, "cannot write the inventory: No such file or directory"));

    /* Never replace what is not ours: a FIFO stays a FIFO. */
    char fifo[160];
    snprintf(fifo, sizeof fifo, "%s/fifo", dir);
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    ck_assert_int_eq(vs_json_write_inventory(fifo, &out, world.inv, 0, 0, err, sizeof err),
                     -VS_ENOTREG);
    ck_assert_ptr_nonnull(strstr(err, "not a regular file"));
    ck_assert_int_eq(lstat(fifo, &st), 0);
    ck_assert(S_ISFIFO(st.st_mode));
    unlink(fifo);
    unlink(path);
    rmdir(dir);
}
END_TEST

/* ---- the text report ---------------------------------------------------------- */

static char *report(bool color)
{
    struct vs_stats ps = {0};
    ps.packets = 12;
    static const char *const inputs[] = {"lab.pcap"};
    struct vs_run_stats s = {0};
    s.pipe = &ps;
    s.inputs = inputs;
    s.ninputs = 1;
    struct mem m;
    vs_report_text(mem_open(&m), &out_risk, world.inv, &s, color);
    return mem_close(&m);
}

START_TEST(text_report_escapes_wire_strings_and_puts_risk_first)
{
    char *r = report(false);
    ck_assert_ptr_null(strchr(r, '\x1b'));
    ck_assert_ptr_nonnull(strstr(r, "lldp.system_name = evil\\x1b[2J\\n\"name\"\n"));
    /* The header names the program and its version, then the sensor and what was read. */
    ck_assert_int_eq(strncmp(r, "vendorsniff ", 12), 0);
    ck_assert_ptr_nonnull(strstr(r, " report  sensor snap\n  read     lab.pcap\n"));
    ck_assert_ptr_nonnull(strstr(r, "12 packets, 2 devices (1 with protocol evidence), 1 on the "
                                    "risk list"));
    ck_assert_ptr_nonnull(strstr(r, "risk list: test list (1 rules)"));
    const char *risk = strstr(r, "RISK: 1 device on the risk list");
    const char *hwb = strstr(r, "[high] 00:e0:fc:12:34:56  Huawei (confidence ");
    const char *other = strstr(r, "Other devices");
    const char *csb = strstr(r, "00:19:06:ea:b8:85");
    ck_assert(risk && hwb && other && csb);
    ck_assert(risk < hwb && hwb < other && other < csb);
    ck_assert_ptr_nonnull(strstr(r, "    model     S5720\n    software  VRP V200R011C10SPC500\n"));
    free(r);

    r = report(true);
    ck_assert_ptr_nonnull(strstr(r, "\033[1;31m[high] \033[0m"));
    /* Colour is ours; the wire's escape is still shown, not obeyed. */
    ck_assert_ptr_nonnull(strstr(r, "evil\\x1b[2J"));
    free(r);
}
END_TEST

/* ---- syslog -------------------------------------------------------------------- */

START_TEST(syslog_message_is_rfc5424_facility_daemon)
{
    struct vs_buf b = {0};
    ck_assert(vs_syslog_format(&b, vs_syslog_level(VS_SEV_HIGH), 1700000000, 5, "lab-01", 42,
                               "alert", "{\"event\":\"alert\"}"));
    ck_assert_str_eq(b.p, "<27>1 2023-11-14T22:13:20.000005Z lab-01 vendorsniff 42 alert - "
                          "{\"event\":\"alert\"}");
    vs_buf_free(&b);
    ck_assert_int_eq(vs_syslog_level(VS_SEV_CRITICAL), LOG_CRIT);
    ck_assert_int_eq(vs_syslog_level(VS_SEV_HIGH), LOG_ERR);
    ck_assert_int_eq(vs_syslog_level(VS_SEV_MEDIUM), LOG_WARNING);
    ck_assert_int_eq(vs_syslog_level(VS_SEV_LOW), LOG_NOTICE);
    /* A message longer than any fixed buffer is kept whole. */
    char big[3000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    ck_assert(vs_syslog_format(&b, LOG_INFO, 0, 0, "h", 1, "device", big));
    ck_assert_str_eq(b.p + strlen(b.p) - 3, "xxx");
    ck_assert_uint_eq(b.len, strlen("<30>1 1970-01-01T00:00:00.000000Z h vendorsniff 1 device - ") +
                                 sizeof big - 1);
    vs_buf_free(&b);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("sinks");
    TCase *jw = tcase_create("jsonw");
    tcase_add_test(jw, jw_escapes_quotes_backslashes_and_every_control);
    tcase_add_test(jw, jw_replaces_invalid_utf8_and_keeps_valid);
    tcase_add_test(jw, jw_builds_nested_values);
    suite_add_tcase(s, jw);
    TCase *ev = tcase_create("events");
    tcase_add_checked_fixture(ev, setup, teardown);
    tcase_add_test(ev, device_event_has_fixed_key_order_and_escaped_values);
    tcase_add_test(ev, alert_and_stats_events_have_fixed_key_order);
    tcase_add_test(ev, inventory_file_is_replaced_atomically_and_world_readable);
    tcase_add_test(ev, text_report_escapes_wire_strings_and_puts_risk_first);
    suite_add_tcase(s, ev);
    TCase *sl = tcase_create("syslog");
    tcase_add_test(sl, syslog_message_is_rfc5424_facility_daemon);
    suite_add_tcase(s, sl);
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
