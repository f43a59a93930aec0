/* SPDX-License-Identifier: BSD-2-Clause */
/* inputs.h - what an offline run reads: the -r arguments expanded (a directory gives the
 * captures in it, below it with recursion), non-captures found in directories skipped, and
 * the files put in the order of their first packet's time, so that a rotated set
 * (tcpdump -C/-G, dumpcap -b) reads as one timeline whatever the names or argument order. */
#ifndef VS_INPUTS_H
#define VS_INPUTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vs_input {
    char *path;
    uint64_t size; /* bytes on disk; 0 for stdin and pipes (unknown) */
};

struct vs_inputs {
    struct vs_input *v;
    size_t n;
    size_t errors; /* arguments or files that could not be read (already reported) */
};

/* A line to show the user: a file skipped (error false) or an input that cannot be read
 * (error true). */
typedef void (*vs_inputs_note_fn)(void *ctx, bool error, const char *msg);

/* Expand args into out (freed with vs_inputs_free). A single plain argument is taken as it
 * is, unprobed (its errors are the run's to report); otherwise every file is opened once to
 * learn its first packet's time. Stdin ("-") cannot be looked at twice: it is read first.
 * Ties and files without packets keep the argument order, files in a directory by name.
 * Returns 0, or -ENOMEM. */
int vs_inputs_collect(const char *const *args, size_t nargs, bool recursive, vs_inputs_note_fn note,
                      void *ctx, struct vs_inputs *out);
void vs_inputs_free(struct vs_inputs *in);

#endif
