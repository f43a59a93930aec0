/* SPDX-License-Identifier: BSD-2-Clause */
/* sysobjectid.c - the signature set's sysObjectID tables: signatures/sysobjectid/ *.tsv read
 * in file-name order into one sealed table (oids.c), and its verdict handed to the matcher's
 * callback like a rule's (docs/signatures.md, "sysObjectID tables"). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sigs_int.h"

/* The model of a table hit weighs like a specific rule: the product registration is the
 * vendor's own statement, as precise as a model in a system description. */
#define OID_MODEL_WEIGHT 0.85

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_tsv(const char *n)
{
    size_t k = strlen(n);
    return n[0] != '.' && k > 4 && strcmp(n + k - 4, ".tsv") == 0;
}

static int load_one(struct vs_oidtab *t, const char *path, struct vs_ini_err *e)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        vs_ini_fail(e, errno ? -errno : -EIO, path, 0, "cannot open: %s", strerror(errno));
        return e->rc;
    }
    char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (!sigs_grow(&buf, &cap, n + 65536, 1)) {
            vs_ini_fail(e, -ENOMEM, path, 0, "out of memory");
            break;
        }
        size_t k = fread(buf + n, 1, cap - n - 1, f);
        n += k;
        if (n > SIG_MAX_FILE) {
            vs_ini_fail(e, -EFBIG, path, 0, "file larger than %u bytes", SIG_MAX_FILE);
            break;
        }
        if (k == 0)
            break;
    }
    if (!e->rc && ferror(f))
        vs_ini_fail(e, -EIO, path, 0, "read error");
    fclose(f);
    if (!e->rc) {
        /* The table's own message already says file:line. */
        e->rc = vs_oidtab_add(t, path, buf, n, e->buf, e->sz);
    }
    free(buf);
    return e->rc;
}

int sigs_load_oid_dir(struct vs_sigs *s, const char *dir, struct vs_ini_err *e)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/sysobjectid", dir);
    DIR *d = opendir(path);
    if (!d)
        return 0; /* a signature directory without tables: no models from sysObjectID */
    char **names = NULL;
    size_t nnames = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (!is_tsv(de->d_name))
            continue;
        if (!sigs_grow(&names, &cap, nnames, sizeof *names) ||
            !(names[nnames] = strdup(de->d_name))) {
            vs_ini_fail(e, -ENOMEM, path, 0, "out of memory");
            break;
        }
        nnames++;
    }
    closedir(d);
    if (nnames)
        qsort(names, nnames, sizeof *names, cmp_name);
    struct vs_oidtab *t = e->rc ? NULL : vs_oidtab_new();
    if (!t && !e->rc)
        vs_ini_fail(e, -ENOMEM, path, 0, "out of memory");
    for (size_t i = 0; i < nnames && !e->rc; i++) {
        char fp[4096 + 256];
        if ((size_t)snprintf(fp, sizeof fp, "%s/%s", path, names[i]) >= sizeof fp) {
            vs_ini_fail(e, -ENAMETOOLONG, path, 0, "path too long");
            break;
        }
        struct stat st;
        if (stat(fp, &st) == 0 && !S_ISREG(st.st_mode))
            continue;
        load_one(t, fp, e);
    }
    for (size_t i = 0; i < nnames; i++)
        free(names[i]);
    free(names);
    if (!e->rc && t) {
        e->rc = vs_oidtab_seal(t, e->buf, e->sz);
    }
    if (e->rc) {
        vs_oidtab_free(t);
        return e->rc;
    }
    s->oids = t;
    return 0;
}

size_t sigs_match_oid(const struct vs_sigs *s, const char *v, size_t len, vs_sig_cb cb, void *ctx)
{
    const struct vs_oid_model *m = s ? vs_oidtab_find(s->oids, v, len) : NULL;
    if (!m)
        return 0;
    if (cb) {
        struct vs_sig_match r;
        memset(&r, 0, sizeof r);
        r.rule_id = m->table;
        r.vendor = NULL;
        r.weight = OID_MODEL_WEIGHT;
        snprintf(r.model, sizeof r.model, "%s", m->model);
        cb(ctx, &r);
    }
    return 1;
}

const char *vs_sigs_model_for_oid(const struct vs_sigs *s, const char *oid)
{
    const struct vs_oid_model *m = s && oid ? vs_oidtab_find(s->oids, oid, strlen(oid)) : NULL;
    return m ? m->model : NULL;
}

size_t vs_sigs_oid_count(const struct vs_sigs *s)
{
    return s ? vs_oidtab_count(s->oids) : 0;
}
