/* SPDX-License-Identifier: BSD-2-Clause */
/* pcapng.h - a small strict reader for pcapng files (draft-ietf-opsawg-pcapng), for the files
 * libpcap 1.10 refuses: interfaces of several link types or snapshot lengths in one file. */
#ifndef VS_PCAPNG_H
#define VS_PCAPNG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct vs_pcapng;

struct vs_pcapng_pkt {
    int dlt;             /* the interface's LINKTYPE_ value as the IDB stores it (0..10 and
                          * >= 104 equal the DLT_ value; 101 is raw IP, which link.c handles) */
    uint32_t ifindex;    /* interface id within the current section */
    int64_t sec;         /* if_tsresol applied, if_tsoffset added; SPB: previous packet's */
    uint32_t usec;       /* 0..999999, truncated towards the earlier microsecond */
    const uint8_t *data; /* caplen bytes, valid until the next vs_pcapng_next or close */
    size_t caplen;
    size_t wirelen; /* original length as the block states it (may be < caplen) */
};

/* Reads the first block, which must be a Section Header Block, from f's current position
 * (f may be a pipe: the reader never seeks). name labels error messages ("-" for stdin is
 * fine); it is copied. Returns 0 and *out, or:
 *   -EINVAL  "name: not a pcapng file" (wrong block type or byte-order magic), or a bad SHB
 *   -ENODATA "name: truncated pcapng block at offset 0"
 *   -EIO     read error; -ENOMEM.  f is never closed. */
int vs_pcapng_open(FILE *f, const char *name, struct vs_pcapng **out, char *err, size_t errsz);

/* The next packet (EPB, SPB or obsolete PB); every other block is checked and skipped, a new
 * SHB starts a new section and forgets the interfaces. Returns 1 with *pkt filled, 0 at a
 * clean end of file (EOF exactly at a block boundary), or a negative errno with err set to
 * "name: <what> at offset N" (N = file offset of the offending block):
 *   -ENODATA the file ends inside a block (truncated)
 *   -EINVAL  malformed: block length < 12, not a multiple of 4, > VS_MAX_PCAPNG_BLOCK, or not
 *            equal to its trailing copy; a block too short for its fixed fields; interface id
 *            out of range; caplen beyond the block; packet before any IDB; bad if_tsresol or
 *            if_tsoffset option; timestamp not representable; unsupported SHB version; too
 *            many interfaces (VS_MAX_PCAPNG_INTERFACES)
 *   -EIO / -ENOMEM
 * Errors are sticky: after one, every later call returns it again with the same message. */
int vs_pcapng_next(struct vs_pcapng *r, struct vs_pcapng_pkt *pkt, char *err, size_t errsz);

/* Interfaces of the current section, in IDB order. Out of range: dlt -1, snaplen 0. */
size_t vs_pcapng_ninterfaces(const struct vs_pcapng *r);
int vs_pcapng_interface_dlt(const struct vs_pcapng *r, size_t i);
uint32_t vs_pcapng_interface_snaplen(const struct vs_pcapng *r, size_t i);

/* Frees the reader; does not fclose the FILE. NULL is fine. */
void vs_pcapng_close(struct vs_pcapng *r);

/* Pre-scan: true when the file is pcapng that libpcap 1.10 would refuse but this reader
 * reads: an IDB (in any section) differs from the file's first IDB in link type or snapshot
 * length (a snaplen of 0 counts as libpcap's maximum, 262144 for most link types, as libpcap
 * substitutes it), a section changes byte order, or a block exceeds libpcap's 16 MiB (up to
 * VS_MAX_PCAPNG_BLOCK). Walks block headers only (12 bytes per block, 16 for an IDB, seeking
 * over bodies); stops at the first such finding, at a malformed or truncated header (false:
 * leave the error to libpcap), or after VS_MAX_PCAPNG_SCAN_BLOCKS blocks. False for anything
 * that is not a regular file (a FIFO must not be consumed) and for files that are not pcapng. */
bool vs_pcapng_needs_own_reader(const char *path);
/* The same over a seekable stream, from its current position; the position is left
 * wherever the scan stopped (rewind before reading). */
bool vs_pcapng_stream_needs_own_reader(FILE *f);

#endif
