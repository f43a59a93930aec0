/* SPDX-License-Identifier: BSD-2-Clause */
/* fanout.c - the worker of a frame under --workers N: a classic BPF program over the source
 * MAC for PACKET_FANOUT_CBPF (the kernel returns the program's value modulo the number of
 * sockets in the group, net/packet/af_packet.c fanout_demux_bpf), and the same in C. */
#include "vendorsniff/fanout.h"

/* Classic BPF opcodes (linux/filter.h, pcap/bpf.h): the values are the ABI. */
#define OP_LD_W_ABS 0x20 /* BPF_LD | BPF_W | BPF_ABS */
#define OP_LD_H_ABS 0x28 /* BPF_LD | BPF_H | BPF_ABS */
#define OP_TAX 0x07      /* BPF_MISC | BPF_TAX */
#define OP_RSH_K 0x74    /* BPF_ALU | BPF_RSH | BPF_K */
#define OP_XOR_X 0xac    /* BPF_ALU | BPF_XOR | BPF_X */
#define OP_RET_A 0x16    /* BPF_RET | BPF_A */

void vs_fanout_prog(struct vs_bpf_insn out[VS_FANOUT_PROG_LEN], uint32_t base)
{
    const struct vs_bpf_insn p[VS_FANOUT_PROG_LEN] = {
        {OP_LD_W_ABS, 0, 0, base + 8}, /* A = source MAC bytes 2-5 (big-endian) */
        {OP_TAX, 0, 0, 0},             /* X = A */
        {OP_LD_H_ABS, 0, 0, base + 6}, /* A = source MAC bytes 0-1 */
        {OP_XOR_X, 0, 0, 0},           /* A ^= X */
        {OP_TAX, 0, 0, 0},
        {OP_RSH_K, 0, 0, 16},
        {OP_XOR_X, 0, 0, 0}, /* A ^= A >> 16 (X holds the old A) */
        {OP_TAX, 0, 0, 0},
        {OP_RSH_K, 0, 0, 8},
        {OP_XOR_X, 0, 0, 0}, /* A ^= A >> 8 */
        {OP_RET_A, 0, 0, 0},
    };
    for (unsigned i = 0; i < VS_FANOUT_PROG_LEN; i++)
        out[i] = p[i];
}

uint32_t vs_fanout_value(const uint8_t *frame, size_t len)
{
    if (!frame || len < 12)
        return 0; /* the load past the end stops the program with 0 */
    uint32_t w =
        (uint32_t)frame[8] << 24 | (uint32_t)frame[9] << 16 | (uint32_t)frame[10] << 8 | frame[11];
    uint32_t h = (uint32_t)frame[6] << 8 | frame[7];
    uint32_t a = w ^ h;
    a ^= a >> 16;
    a ^= a >> 8;
    return a;
}

unsigned vs_fanout_worker(const uint8_t *frame, size_t len, unsigned n)
{
    return n ? vs_fanout_value(frame, len) % n : 0;
}
