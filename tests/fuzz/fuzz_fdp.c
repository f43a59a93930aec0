/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_fdp.c - libFuzzer target for the FDP decoder: the input is an FDP PDU (after SNAP 00e052/2000).
 * The checks are those of fuzz_decoder.h. */
#include "fuzz_decoder.h"

FZ_SIMPLE_TARGET(vs_fdp_dissect, VS_SRC_FDP)
