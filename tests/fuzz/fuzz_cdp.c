/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_cdp.c - libFuzzer target for the CDP decoder: the input is a CDP PDU (after SNAP 00000c/2000).
 * The checks are those of fuzz_decoder.h. */
#include "fuzz_decoder.h"

FZ_SIMPLE_TARGET(vs_cdp_dissect, VS_SRC_CDP)
