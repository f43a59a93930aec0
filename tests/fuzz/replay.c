/* SPDX-License-Identifier: BSD-2-Clause */
/* replay.c - runs a fuzz target's LLVMFuzzerTestOneInput over every file of the given
 * folders (corpus and regressions), so the whole corpus is an ordinary ctest run and
 * needs no libFuzzer. A missing folder is skipped; finding no file at all fails. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "replay: %s: cannot open\n", path);
        return -1;
    }
    if (fseek(f, 0, SEEK_END) != 0) {
        fclose(f);
        return -1;
    }
    long sz = ftell(f);
    rewind(f);
    uint8_t *buf = malloc(sz > 0 ? (size_t)sz : 1);
    if (!buf || (sz > 0 && fread(buf, 1, (size_t)sz, f) != (size_t)sz)) {
        free(buf);
        fclose(f);
        return -1;
    }
    fclose(f);
    /* Exact-size copy so the sanitizer sees any overread. */
    uint8_t *exact = malloc(sz > 0 ? (size_t)sz : 1);
    if (exact && sz > 0)
        memcpy(exact, buf, (size_t)sz);
    LLVMFuzzerTestOneInput(exact, (size_t)(sz > 0 ? sz : 0));
    free(exact);
    free(buf);
    return 0;
}

int main(int argc, char **argv)
{
    long files = 0;
    for (int i = 1; i < argc; i++) {
        DIR *d = opendir(argv[i]);
        if (!d)
            continue;
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            if (de->d_name[0] == '.')
                continue;
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", argv[i], de->d_name);
            struct stat st;
            if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
                continue;
            if (run_file(path) != 0)
                return 1;
            files++;
        }
        closedir(d);
    }
    printf("replayed %ld inputs\n", files);
    return files > 0 ? 0 : 1;
}
