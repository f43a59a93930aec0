/* SPDX-License-Identifier: BSD-2-Clause */
/* pcapfile.h - classic pcap files (libpcap format, tcpdump.org/manpages/pcap-savefile.5)
 * read straight from a memory map: offline runs over gigabytes of capture spend their time
 * on the packets, not on copying them through stdio. Everything else (pcapng, stdin, live
 * capture) goes through libpcap. */
#ifndef VS_PCAPFILE_H
#define VS_PCAPFILE_H

#include <stddef.h>
#include <stdint.h>

struct vs_pcapfile;

struct vs_pcapfile_pkt {
    int64_t sec;
    uint32_t usec;
    const uint8_t *data;
    size_t caplen;
    size_t wirelen;
};

/* Map path. -ENOTSUP when it is not a regular file in classic pcap format (the caller then
 * uses libpcap); another negative code with "path: message" in err for a file that is. */
int vs_pcapfile_open(const char *path, struct vs_pcapfile **out, char *err, size_t errsz);
/* The same over a buffer the caller keeps alive (tests, fuzzing). */
int vs_pcapfile_open_buf(const char *name, const uint8_t *buf, size_t len,
                         struct vs_pcapfile **out, char *err, size_t errsz);
/* 1 = a packet, 0 = clean end, < 0 = error (truncated record, impossible length) with err
 * set. Packet data stays valid until close. */
int vs_pcapfile_next(struct vs_pcapfile *r, struct vs_pcapfile_pkt *pkt, char *err, size_t errsz);
/* Link type of the file (DLT), snap length. */
int vs_pcapfile_dlt(const struct vs_pcapfile *r);
uint32_t vs_pcapfile_snaplen(const struct vs_pcapfile *r);
/* File offset of the next record (progress reports). */
size_t vs_pcapfile_offset(const struct vs_pcapfile *r);
void vs_pcapfile_close(struct vs_pcapfile *r);

#endif
