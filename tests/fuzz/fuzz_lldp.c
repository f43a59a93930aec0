/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_lldp.c - libFuzzer target for the LLDP decoder: the input is an LLDPDU (after ethertype 0x88cc).
 * The checks are those of fuzz_decoder.h. */
#include "fuzz_decoder.h"

FZ_SIMPLE_TARGET(vs_lldp_dissect, VS_SRC_LLDP)
