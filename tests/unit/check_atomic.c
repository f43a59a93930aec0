/* SPDX-License-Identifier: BSD-2-Clause */
/* check_atomic.c - replacing and opening outputs (src/common/atomic.c): only a regular file
 * or a new path is replaced; the temporaries a killed run left are removed, nothing else;
 * the -w opener does not follow a link in a folder others may write to. */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vendorsniff/atomic.h"

static char dir[64];

static void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/vs-atomic-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

static void path_in(char *out, size_t sz, const char *name)
{
    snprintf(out, sz, "%s/%s", dir, name);
}

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
}

START_TEST(only_regular_files_or_new_paths_are_replaced)
{
    char p[128], q[128], l[128];
    path_in(p, sizeof p, "fifo");
    ck_assert_int_eq(mkfifo(p, 0600), 0);
    struct vs_atomic a;
    ck_assert_int_eq(vs_atomic_open(&a, p, 0), -VS_ENOTREG);
    ck_assert_ptr_nonnull(strstr(vs_atomic_strerror(-VS_ENOTREG), "not a regular file"));
    path_in(l, sizeof l, "link-to-fifo");
    ck_assert_int_eq(symlink(p, l), 0);
    ck_assert_int_eq(vs_atomic_check(l), -VS_ENOTREG);
    ck_assert_int_eq(vs_atomic_check(dir), -VS_ENOTREG);
    ck_assert_int_eq(vs_atomic_check("/dev/null"), -VS_ENOTREG);
    path_in(q, sizeof q, "new.jsonl");
    ck_assert_int_eq(vs_atomic_check(q), 0);
    ck_assert_int_eq(vs_atomic_open(&a, q, 0644), 0);
    fputs("x\n", a.f);
    ck_assert_int_eq(vs_atomic_commit(&a, 0), 0);
    ck_assert_int_eq(vs_atomic_check(q), 0);
    struct stat st;
    ck_assert_int_eq(lstat(p, &st), 0);
    ck_assert(S_ISFIFO(st.st_mode));
}
END_TEST

START_TEST(stale_temporaries_are_removed_and_nothing_else)
{
    char target[128], p[128];
    path_in(target, sizeof target, "inv.jsonl");
    const char *stale[] = {"inv.jsonl.tmpAb12Cd", "inv.jsonl.tmpzzzzzz"};
    const char *keep[] = {"inv.jsonl.tmpAb12C", "inv.jsonl.tmpAb12Cd7", "inv.jsonl.tmp-b12Cd",
                          "other.jsonl.tmpAb12Cd", "inv.jsonl"};
    for (size_t i = 0; i < 2; i++) {
        path_in(p, sizeof p, stale[i]);
        put(p, "stale");
    }
    for (size_t i = 0; i < 5; i++) {
        path_in(p, sizeof p, keep[i]);
        put(p, "keep");
    }
    ck_assert_int_eq(vs_atomic_clean_stale(target), 2);
    for (size_t i = 0; i < 2; i++) {
        path_in(p, sizeof p, stale[i]);
        ck_assert_int_eq(access(p, F_OK), -1);
    }
    for (size_t i = 0; i < 5; i++) {
        path_in(p, sizeof p, keep[i]);
        ck_assert_int_eq(access(p, F_OK), 0);
    }
}
END_TEST

START_TEST(output_in_a_shared_folder_follows_no_link)
{
    ck_assert_int_eq(chmod(dir, 01777), 0);
    char secret[128], link[128], fresh[128];
    path_in(secret, sizeof secret, "secret");
    put(secret, "secret\n");
    path_in(link, sizeof link, "events.jsonl");
    ck_assert_int_eq(symlink(secret, link), 0);
    char why[256] = "";
    ck_assert_int_eq(vs_output_open(link, why, sizeof why), -VS_ENOTREG);
    ck_assert_ptr_nonnull(strstr(why, "symbolic link"));
    path_in(fresh, sizeof fresh, "fresh.jsonl");
    int fd = vs_output_open(fresh, why, sizeof why);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, "a\n", 2), 2);
    close(fd);
    fd = vs_output_open(fresh, why, sizeof why); /* ours already: appended to */
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, "b\n", 2), 2);
    close(fd);
    struct stat st;
    ck_assert_int_eq(stat(fresh, &st), 0);
    ck_assert_int_eq(st.st_size, 4);
    ck_assert_int_eq(stat(secret, &st), 0);
    ck_assert_int_eq(st.st_size, 7);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("atomic");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, only_regular_files_or_new_paths_are_replaced);
    tcase_add_test(tc, stale_temporaries_are_removed_and_nothing_else);
    tcase_add_test(tc, output_in_a_shared_folder_follows_no_link);
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
