/* SPDX-License-Identifier: BSD-2-Clause */
/* check_html.c - the HTML report (src/sink/html.c): the one escaper for text and attribute
 * context (markup, quotes, control bytes, invalid UTF-8, C1, bidi controls), the report of a
 * small inventory with hostile strings (nothing from the wire unescaped, exactly the page's
 * own two scripts), CSP hashes that match the scripts, byte-identical output, the large
 * layout grouped by vendor. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "vendorsniff/html_sink.h"
#include "vendorsniff/identity.h"
#include "vendorsniff/x509.h"

static char *escape(const char *s, size_t n)
{
    struct vs_buf b = {0};
    ck_assert(vs_html_escape(&b, s, n));
    if (!b.p)
        return strdup("");
    return b.p;
}

static bool valid_utf8(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = vs_utf8_seq((const uint8_t *)s + i, n - i, &cp);
        if (!len)
            return false;
        i += len;
    }
    return true;
}

START_TEST(escape_markup)
{
    char *e = escape("<img src=x onerror=alert(1)>", 28);
    ck_assert_str_eq(e, "&lt;img src=x onerror=alert(1)&gt;");
    free(e);
    e = escape("</script><script>alert(1)</script>", 34);
    ck_assert_str_eq(e, "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    free(e);
    /* Attribute context: every quote an attribute could be delimited with. */
    e = escape("\" onmouseover='x' `y` a&b", 25);
    ck_assert_str_eq(e, "&quot; onmouseover=&#39;x&#39; &#96;y&#96; a&amp;b");
    free(e);
    e = escape("plain text, ok", 14);
    ck_assert_str_eq(e, "plain text, ok");
    free(e);
}
END_TEST

START_TEST(escape_controls_and_utf8)
{
    /* ESC, BEL, NUL, CR LF, TAB, DEL: visible escapes, never the bytes. */
    static const char in[] = "a\x1b[2J\x07\0b\r\n\t\x7f";
    char *e = escape(in, sizeof in - 1);
    ck_assert_str_eq(e, "a\\x1b[2J\\x07\\x00b\\r\\n\\t\\x7f");
    free(e);
    /* Invalid UTF-8, a C1 CSI, an overlong slash, a surrogate: U+FFFD each; a BOM too. */
    static const char bad[] = "\xff\xc2\x9b\xc0\xaf\xed\xa0\x80\xef\xbb\xbfok";
    e = escape(bad, sizeof bad - 1);
    ck_assert(valid_utf8(e));
    ck_assert_ptr_null(strstr(e, "\xc2\x9b"));
    ck_assert_ptr_nonnull(strstr(e, "ok"));
    ck_assert_ptr_null(strstr(e, "\xef\xbb\xbf"));
    free(e);
    /* A right-to-left override would reorder what the reader sees: shown, not obeyed. */
    e = escape("abc\xe2\x80\xae"
               "def",
               9);
    ck_assert_str_eq(e, "abc[U+202E]def");
    free(e);
    /* Good UTF-8 stays. */
    e = escape("Z\xc3\xbcrich \xe5\x8d\x8e\xe4\xb8\xba", 14);
    ck_assert_str_eq(e, "Z\xc3\xbcrich \xe5\x8d\x8e\xe4\xb8\xba");
    free(e);
    /* A sequence cut at the end of the input. */
    e = escape("x\xe5\x8d", 3);
    ck_assert_str_eq(e, "x\xef\xbf\xbd\xef\xbf\xbd");
    free(e);
}
END_TEST

/* ---- reports of a small inventory -------------------------------------------------- */

static const uint8_t huawei_mac[6] = {0x00, 0xe0, 0xfc, 0x12, 0x34, 0x56};
static const uint8_t cisco_mac[6] = {0x00, 0x19, 0x06, 0xea, 0xb8, 0x85};
static const char hostile_name[] = "<img src=x onerror=alert(1)>";
static const char hostile_desc[] = "Huawei Versatile Routing Platform Software "
                                   "(<svg/onload=top.x=2> V200R011C10) "
                                   "</script><script>alert(3)</script>\x1b[31m\"'`";

static struct tu_world world;
static struct vs_device *hw, *cs;

static void setup(void)
{
    tu_world_open(&world, NULL);
    hw = vs_inventory_see_mac(world.inv, huawei_mac, 1700000000, 5);
    struct vs_ip ip;
    const uint8_t a[4] = {10, 0, 0, 1};
    vs_ip_from4(&ip, a);
    vs_identity_note_ip(world.inv, hw, &ip);
    vs_inventory_note_vlan(world.inv, hw, 42);
    tu_world_add(&world, hw, VS_F_LLDP_SYSTEM_DESCRIPTION, hostile_desc, NULL, 1700000001);
    tu_world_add(&world, hw, VS_F_LLDP_SYSTEM_NAME, hostile_name, NULL, 1700000002);
    /* No rule of the small world reads a name: set it as a name rule would. */
    free(vs_inventory_side(world.inv, hw)->name);
    vs_inventory_side(world.inv, hw)->name = strdup(hostile_name);
    cs = vs_inventory_see_mac(world.inv, cisco_mac, 1700000300, 0);
}

static void teardown(void)
{
    tu_world_close(&world);
}

static const struct vs_report_meta *meta(void)
{
    static struct vs_report_meta m;
    static const char *inputs[] = {"cap<1>.pcap"};
    memset(&m, 0, sizeof m);
    m.sensor = "site \"A\" <b>";
    m.audit_note = "<script>alert('note')</script>";
    m.inputs = inputs;
    m.ninputs = 1;
    m.input_kind = "capture file";
    m.have_span = true;
    m.first_sec = 1700000000;
    m.last_sec = 1700000300;
    m.version = "9.9.9";
    m.oui_snapshot = "oui-data test";
    m.risk = world.risk;
    return &m;
}

static char *render(size_t *len)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(vs_html_report(f, meta(), world.inv), 0);
    fclose(f);
    if (len)
        *len = n;
    return buf;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

START_TEST(report_escapes_everything)
{
    size_t n;
    char *h = render(&n);
    ck_assert_uint_eq(strlen(h), n); /* no NUL */
    ck_assert(valid_utf8(h));
    ck_assert_uint_eq(count(h, "<script"), 2); /* the page's own two */
    ck_assert_uint_eq(count(h, "</script>"), 2);
    ck_assert_ptr_null(strstr(h, "<img"));
    ck_assert_ptr_null(strstr(h, "<svg/"));
    ck_assert_ptr_null(strstr(h, "\x1b"));
    ck_assert_ptr_nonnull(strstr(h, "name: &lt;img src=x onerror=alert(1)&gt;"));
    ck_assert_ptr_nonnull(strstr(h, "&lt;/script&gt;&lt;script&gt;alert(3)&lt;/script&gt;"));
    ck_assert_ptr_nonnull(strstr(h, "model: &lt;svg/onload=top.x=2&gt;"));
    ck_assert_ptr_nonnull(strstr(h, "site &quot;A&quot; &lt;b&gt;"));
    ck_assert_ptr_nonnull(strstr(h, "&lt;script&gt;alert(&#39;note&#39;)&lt;/script&gt;"));
    ck_assert_ptr_nonnull(strstr(h, "cap&lt;1&gt;.pcap"));
    /* No control byte but newline anywhere in the page. */
    for (size_t i = 0; i < n; i++)
        ck_assert_msg((unsigned char)h[i] >= 0x20 || h[i] == '\n', "control byte at %zu", i);
    free(h);
}
END_TEST

START_TEST(report_contents)
{
    char *h = render(NULL);
    ck_assert_ptr_nonnull(strstr(h, "<!DOCTYPE html>"));
    ck_assert_ptr_nonnull(
        strstr(h, "1 of the 2 devices seen is on the risk list (1 high severity)."));
    ck_assert_uint_eq(count(h, "<tbody class=\"riskdev\""), 1);
    ck_assert_ptr_nonnull(strstr(h, "<span class=\"mono id\">00:e0:fc:12:34:56</span>"));
    ck_assert_ptr_nonnull(strstr(h, "href=\"https://example.org/r\""));
    ck_assert_ptr_nonnull(strstr(h, "[rule huawei-vrp]"));
    ck_assert_ptr_nonnull(strstr(h, "attached: <span class=\"unknown\">unknown</span>"));
    ck_assert_ptr_nonnull(strstr(h, "VLAN: 42"));
    const char *charts[] = {"chart-vendors", "chart-risk-vlan", "chart-risk-subnet", "chart-time"};
    for (size_t i = 0; i < 4; i++) {
        char id[64];
        snprintf(id, sizeof id, "<figure class=\"chart\" id=\"%s\"", charts[i]);
        const char *p = strstr(h, id);
        ck_assert_msg(p != NULL, "%s", charts[i]);
        const char *end = strstr(p, "</figure>");
        const char *svg = strstr(p, "<svg");
        const char *tab = strstr(p, "<table class=\"alt\">");
        ck_assert(svg && svg < end && tab && tab < end);
    }
    ck_assert_ptr_nonnull(strstr(h, "10.0.0.0/24"));
    ck_assert_ptr_nonnull(strstr(h, "VLAN 42"));
    ck_assert_ptr_nonnull(strstr(h, "How to read this report"));
    ck_assert_ptr_nonnull(strstr(h, "@page"));
    ck_assert_ptr_nonnull(strstr(h, "counter(pages)"));
    ck_assert_ptr_nonnull(strstr(h, "thead{display:table-header-group}"));
    ck_assert_uint_eq(count(h, "<td class=\"mono id\">"), 2);
    free(h);
}
END_TEST

/* The CSP names each inline script by the SHA-256 of its exact text, and nothing else may
 * load: a wrong hash would silently turn the scripts off. */
START_TEST(csp_hashes_match_scripts)
{
    char *h = render(NULL);
    const char *csp = strstr(h, "<meta http-equiv=\"Content-Security-Policy\" content=\"");
    ck_assert_ptr_nonnull(csp);
    ck_assert_ptr_nonnull(strstr(csp, "default-src 'none';"));
    const char *csp_end = strchr(csp + 60, '>');
    ck_assert_ptr_null(memmem(csp, (size_t)(csp_end - csp), "unsafe-eval", 11));
    size_t nscripts = 0;
    for (const char *p = strstr(h, "<script>"); p; p = strstr(p + 1, "<script>")) {
        const char *body = p + 8;
        const char *end = strstr(body, "</script>");
        ck_assert_ptr_nonnull(end);
        uint8_t d[VS_SHA256_LEN];
        vs_sha256(body, (size_t)(end - body), d);
        static const char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        char want[80] = "'sha256-";
        size_t o = strlen(want);
        for (size_t i = 0; i < VS_SHA256_LEN; i += 3) {
            uint32_t v = (uint32_t)d[i] << 16 |
                         (i + 1 < VS_SHA256_LEN ? (uint32_t)d[i + 1] << 8 : 0) |
                         (i + 2 < VS_SHA256_LEN ? d[i + 2] : 0);
            want[o++] = t[v >> 18 & 63];
            want[o++] = t[v >> 12 & 63];
            want[o++] = i + 1 < VS_SHA256_LEN ? t[v >> 6 & 63] : '=';
            want[o++] = i + 2 < VS_SHA256_LEN ? t[v & 63] : '=';
        }
        want[o++] = '\'';
        want[o] = '\0';
        ck_assert_msg(memmem(csp, (size_t)(csp_end - csp), want, o) != NULL, "no %s", want);
        nscripts++;
    }
    ck_assert_uint_eq(nscripts, 2);
    free(h);
}
END_TEST

START_TEST(report_deterministic)
{
    size_t n1, n2;
    char *a = render(&n1);
    char *b = render(&n2);
    ck_assert_uint_eq(n1, n2);
    ck_assert(memcmp(a, b, n1) == 0);
    free(a);
    free(b);
}
END_TEST

START_TEST(report_empty_inventory)
{
    struct tu_world w;
    tu_world_open(&w, NULL);
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    struct vs_report_meta m = {0};
    ck_assert_int_eq(vs_html_report(f, &m, w.inv), 0);
    fclose(f);
    ck_assert_ptr_nonnull(strstr(buf, "None of the 0 devices seen is on the risk list."));
    ck_assert_ptr_nonnull(strstr(buf, "</html>"));
    free(buf);
    tu_world_close(&w);
}
END_TEST

/* Past VS_HTML_FLAT_LIMIT devices the table is grouped by vendor, collapsed; past
 * VS_HTML_RISK_OPEN risk devices the rest of the risk table too; every device keeps its row. */
START_TEST(report_large_grouped)
{
    for (uint32_t i = 0; i < VS_HTML_FLAT_LIMIT + 10; i++) {
        uint8_t mac[6] = {0x00, 0x19, 0x06, (uint8_t)(i >> 16), (uint8_t)(i >> 8), (uint8_t)i};
        if (i % 8 == 0)
            memcpy(mac, huawei_mac, 3);
        ck_assert_ptr_nonnull(vs_inventory_see_mac(world.inv, mac, 1700000000 + i, 0));
    }
    char *h = render(NULL);
    size_t total = vs_inventory_count(world.inv);
    ck_assert_uint_eq(count(h, "<td class=\"mono id\">"), total);
    /* Risk vendors first, then the largest. */
    const char *hw_group =
        strstr(h, "<details class=\"group\"><summary>Huawei \xe2\x80\x94 253 devices, "
                  "on the risk list</summary>");
    const char *cs_group = strstr(h, "<details class=\"group\"><summary>Cisco \xe2\x80\x94 ");
    ck_assert(hw_group && cs_group && hw_group < cs_group);
    /* 253 risk devices: VS_HTML_RISK_OPEN open at the top, the rest in a collapsed group. */
    ck_assert_uint_eq(count(h, "<tbody class=\"riskdev\""), 253);
    ck_assert_ptr_nonnull(strstr(h, "<details class=\"group\"><summary>Huawei \xe2\x80\x94 53 more "
                                    "devices on the risk list (high)</summary>"));
    free(h);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("html");
    TCase *t = tcase_create("escape");
    tcase_add_test(t, escape_markup);
    tcase_add_test(t, escape_controls_and_utf8);
    suite_add_tcase(s, t);
    t = tcase_create("report");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, report_escapes_everything);
    tcase_add_test(t, report_contents);
    tcase_add_test(t, csp_hashes_match_scripts);
    tcase_add_test(t, report_deterministic);
    tcase_add_test(t, report_empty_inventory);
    tcase_add_test(t, report_large_grouped);
    suite_add_tcase(s, t);
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
