/* SPDX-License-Identifier: BSD-2-Clause */
/* capture.h - libpcap adapter (src/capture/capture.c is the only file that includes pcap.h):
 * offline files (pcap, pcapng, "-" for stdin; gzip, zstd, xz, lz4 or bzip2 compressed, told
 * by content) and live interfaces, BPF filters, stats. */
#ifndef VS_CAPTURE_H
#define VS_CAPTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vs_capture;

struct vs_live_opts {
    int snaplen;    /* bytes per packet kept */
    bool promisc;   /* promiscuous mode */
    int buffer_mb;  /* kernel buffer, 0 = VS_DEFAULT_BUFFER_MB */
    bool immediate; /* deliver packets at once */
    int timeout_ms; /* read timeout, so that signals and timers are served */
};

typedef void (*vs_packet_fn)(void *ctx, int dlt, int64_t sec, uint32_t usec, const uint8_t *data,
                             size_t caplen, size_t wirelen);

/* Returns 0, or a negative errno with "path: message" in err: -EMEDIUMTYPE for a file that
 * is no capture at all (not pcap or pcapng, compressed or not). */
int vs_capture_open_file(const char *path, const char *filter, struct vs_capture **out, char *err,
                         size_t errsz);
/* The time of a file's first packet (no filter): 1 and the time, 0 for a capture whose first
 * packet cannot be had (none, or a bad first record: the run reports it), or the open error
 * of vs_capture_open_file, -EMEDIUMTYPE when the file is no capture at all. */
int vs_capture_probe(const char *path, int64_t *sec, uint32_t *usec, char *err, size_t errsz);
/* True for stdin, a pipe or a compressed file: input whose decoding costs more than its
 * parsing, so worth reading on a thread of its own. */
bool vs_capture_is_stream(const char *path);
int vs_capture_open_live(const char *iface, const struct vs_live_opts *o, const char *filter,
                         struct vs_capture **out, char *err, size_t errsz);
void vs_capture_close(struct vs_capture *c);

/* --workers N (Linux): join a live capture to the PACKET_FANOUT group *group, by the
 * source MAC (a classic BPF program, PACKET_FANOUT_CBPF, src/capture/fanout.c) or by the
 * kernel's flow hash (PACKET_FANOUT_HASH). Every socket of a group must use the same mode.
 * With *group VS_FANOUT_NEW a new group is made under an id no other on the host uses,
 * and *group is set to it (0-65535) for the other sockets. Returns 0, -EINVAL when the
 * kernel refuses the mode, -ENOTSUP where there is no fanout (not Linux), or another
 * negative errno; err says why. */
enum vs_fanout_mode { VS_FANOUT_MAC, VS_FANOUT_HASH };
#define VS_FANOUT_NEW 0xffffffffu
int vs_capture_fanout(struct vs_capture *c, unsigned *group, enum vs_fanout_mode mode, char *err,
                      size_t errsz);
/* The link type of a capture (DLT_ value). */
int vs_capture_datalink(const struct vs_capture *c);
/* Throw away what the capture's ring holds now (frames a socket received before it joined
 * its fanout group, which the other sockets received too). */
void vs_capture_discard(struct vs_capture *c);

/* Deliver up to max packets (0 = until the end or a break). Returns the number of packets,
 * 0 at end of file, -1 after a break, -2 on a read error (err set: truncated file, ...).
 * Live: waits at most the read timeout (or until a signal) and may return 0, so that the
 * caller's timers run on an idle link too. */
long vs_capture_dispatch(struct vs_capture *c, long max, vs_packet_fn fn, void *ctx, char *err,
                         size_t errsz);
/* Bytes of the input file consumed so far (compressed bytes for a compressed file), for
 * progress reports. */
uint64_t vs_capture_position(struct vs_capture *c);
/* A classic pcap read from a stream (compressed, stdin) without a filter can hand its
 * records on in blocks, for a reader thread to pass to another without copying them. */
bool vs_capture_has_blocks(const struct vs_capture *c);
/* The next block: fresh (malloc'ed, fresh_cap bytes) becomes the capture's buffer, and the
 * filled one is returned in *out (malloc'ed, the caller's to free; *outcap bytes): the
 * 24-byte file header, then whole records, *outlen bytes in all, as
 * vs_pcapfile_open_buf reads them. Returns 1 a block, 0 at the clean end, -2 an error with
 * err set (records before it were returned). fresh is the capture's in every case. */
int vs_capture_take_block(struct vs_capture *c, uint8_t *fresh, size_t fresh_cap, uint8_t **out,
                          size_t *outlen, size_t *outcap, char *err, size_t errsz);
/* Safe from a signal handler. */
void vs_capture_break(struct vs_capture *c);
bool vs_capture_stats(struct vs_capture *c, uint64_t *recv, uint64_t *drop, uint64_t *ifdrop);
int vs_capture_fd(struct vs_capture *c);
const char *vs_capture_libpcap_version(void);

#endif
