/* SPDX-License-Identifier: BSD-2-Clause */
/* disc_walk.h - corpus replay for the discovery decoder suites: a minimal classic-pcap
 * reader and Ethernet/802.1Q/LLC/SNAP/UDP walker that finds discovery PDUs in the shared
 * corpus (or $VS_CORPUS). Each PDU is handed over in an exact-size heap block so ASan sees
 * any read past it. Absent corpus: the suites skip. */
#ifndef VS_DISC_WALK_H
#define VS_DISC_WALK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum disc_kind { DK_NONE, DK_LLDP, DK_CDP, DK_EDP, DK_FDP, DK_SONMP, DK_STP, DK_MNDP, DK_UBDP };

typedef void (*disc_frame_fn)(enum disc_kind k, const uint8_t *pdu, size_t n, const char *file,
                              void *arg);

enum disc_kind disc_classify(const uint8_t *f, size_t n, size_t *off, size_t *len);
size_t disc_replay_file(const char *path, disc_frame_fn fn, void *arg);
const char *disc_corpus_dir(void);
long disc_replay_dir(const char *sub, disc_frame_fn fn, void *arg);

#endif
