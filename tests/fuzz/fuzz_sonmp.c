/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_sonmp.c - libFuzzer target for the SONMP decoder: the input is a PDU after SNAP 000081/01a1 or 01a2.
 * The checks are those of fuzz_decoder.h. */
#include "fuzz_decoder.h"

FZ_SIMPLE_TARGET(vs_sonmp_dissect, VS_SRC_SONMP)
