/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_stp.c - libFuzzer target for the STP decoder: the input is a BPDU after LLC 42/42/03.
 * The checks are those of fuzz_decoder.h. */
#include "fuzz_decoder.h"

FZ_SIMPLE_TARGET(vs_stp_dissect, VS_SRC_STP)
