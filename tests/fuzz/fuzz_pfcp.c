/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_pfcp.c - libFuzzer target for the PFCP decoder: the input is a UDP 8805 payload.
 * The checks are those of fuzz_decoder.h. */
#include "fuzz_decoder.h"

FZ_SIMPLE_TARGET(vs_pfcp_dissect, VS_SRC_PFCP)
