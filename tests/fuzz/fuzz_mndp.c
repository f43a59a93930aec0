/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_mndp.c - libFuzzer target for the MNDP decoder: the input is a UDP 5678 payload.
 * The checks are those of fuzz_decoder.h. */
#include "fuzz_decoder.h"

FZ_SIMPLE_TARGET(vs_mndp_dissect, VS_SRC_MNDP)
