/* SPDX-License-Identifier: BSD-2-Clause */
/* fanout.h - live capture on several workers (--workers N, Linux PACKET_FANOUT): the classic
 * BPF program that picks a frame's worker from its source MAC, so that a device's frames stay
 * on one worker, and the same choice computed in C (for tests and documentation). */
#ifndef VS_FANOUT_H
#define VS_FANOUT_H

#include <stddef.h>
#include <stdint.h>

/* Same layout as Linux's struct sock_filter and libpcap's struct bpf_insn. */
struct vs_bpf_insn {
    uint16_t code;
    uint8_t jt, jf;
    uint32_t k;
};

#define VS_FANOUT_PROG_LEN 11
/* Offset the kernel reads the link-layer header at (SKF_LL_OFF): the frame's first byte is
 * at base + 0. A fanout program runs on a buffer whose data may start past the MAC header
 * (received frames), so the kernel program uses this base; a user-space interpreter uses 0. */
#define VS_FANOUT_BASE_KERNEL ((uint32_t)-0x200000)

/* The program: the six bytes of the source MAC (frame bytes 6-11) folded to a 32-bit value;
 * the kernel takes it modulo the number of sockets in the group. A frame shorter than 12
 * bytes gives 0 (the first worker). */
void vs_fanout_prog(struct vs_bpf_insn out[VS_FANOUT_PROG_LEN], uint32_t base);

/* What the program returns for an Ethernet frame (0 when it is shorter than 12 bytes). */
uint32_t vs_fanout_value(const uint8_t *frame, size_t len);

/* The worker (0 .. n-1) the kernel hands the frame to in a group of n sockets. */
unsigned vs_fanout_worker(const uint8_t *frame, size_t len, unsigned n);

#endif
