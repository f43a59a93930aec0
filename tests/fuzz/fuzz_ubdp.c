/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_ubdp.c - libFuzzer target for the Ubiquiti discovery decoder: the input is a UDP 10001 payload.
 * The checks are those of fuzz_decoder.h. */
#include "fuzz_decoder.h"

FZ_SIMPLE_TARGET(vs_ubdp_dissect, VS_SRC_UBDP)
