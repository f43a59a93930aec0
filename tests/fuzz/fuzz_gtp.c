/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_gtp.c - libFuzzer target for the GTP-C decoder (GTPv1-C and GTPv2-C): the input is a
 * UDP 2123 payload. The checks are those of fuzz_decoder.h. */
#include "fuzz_decoder.h"

FZ_SIMPLE_TARGET(vs_gtp_dissect, VS_SRC_GTP)
