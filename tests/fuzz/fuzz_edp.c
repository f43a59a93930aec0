/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_edp.c - libFuzzer target for the EDP decoder: the input is an EDP PDU (after SNAP 00e02b/00bb).
 * The checks are those of fuzz_decoder.h. */
#include "fuzz_decoder.h"

FZ_SIMPLE_TARGET(vs_edp_dissect, VS_SRC_EDP)
