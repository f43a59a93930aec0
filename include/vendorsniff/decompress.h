/* SPDX-License-Identifier: BSD-2-Clause */
/* decompress.h - compressed captures as a plain byte stream (src/capture/decompress.c is the
 * only file that includes ISA-L or zlib, libzstd, liblzma, liblz4 and libbz2): the format is
 * told by its magic bytes, never by a file name; data is decompressed as it is read, never to
 * disk, and memory stays bounded whatever the input claims. */
#ifndef VS_DECOMPRESS_H
#define VS_DECOMPRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

enum vs_codec {
    VS_CODEC_NONE,
    VS_CODEC_GZIP,
    VS_CODEC_ZSTD,
    VS_CODEC_XZ,
    VS_CODEC_LZ4,
    VS_CODEC_BZIP2
};

/* The codec whose magic starts p (n bytes; 6 are enough), VS_CODEC_NONE for anything else. */
enum vs_codec vs_codec_detect(const uint8_t *p, size_t n);
/* "gzip", "zstd", "xz", "lz4", "bzip2"; "plain" for VS_CODEC_NONE. */
const char *vs_codec_name(enum vs_codec c);

struct vs_dstream;

/* A stream over fd (not closed by the stream unless own_fd) or over a buffer the caller keeps
 * alive. The first bytes are read at once to tell the codec (vs_dstream_codec); a stream that
 * is not compressed passes its bytes through unchanged. name labels messages ("-" = stdin).
 * Returns 0, or a negative errno with "name: message" in err. */
int vs_dstream_open_fd(int fd, bool own_fd, const char *name, struct vs_dstream **out, char *err,
                       size_t errsz);
int vs_dstream_open_mem(const uint8_t *buf, size_t len, const char *name, struct vs_dstream **out,
                        char *err, size_t errsz);
enum vs_codec vs_dstream_codec(const struct vs_dstream *s);

/* Up to n decompressed bytes into buf: > 0 bytes, 0 at a clean end of the data, -1 on an
 * error (sticky; vs_dstream_error says what: "name: gzip: unexpected end of data after
 * 1.2 GB"). Bytes delivered before an error are good. */
ssize_t vs_dstream_read(struct vs_dstream *s, void *buf, size_t n);
/* Fill buf with the first n decompressed bytes without consuming them (n <= 64); returns how
 * many there are (fewer at the end of the data or on an error). */
size_t vs_dstream_peek(struct vs_dstream *s, uint8_t *buf, size_t n);
const char *vs_dstream_error(const struct vs_dstream *s);
bool vs_dstream_failed(const struct vs_dstream *s);
/* Compressed bytes consumed from the source, decompressed bytes delivered. */
uint64_t vs_dstream_in_bytes(const struct vs_dstream *s);
uint64_t vs_dstream_out_bytes(const struct vs_dstream *s);
void vs_dstream_close(struct vs_dstream *s);

/* A read-only stdio stream over s (fopencookie), for readers that take a FILE: fclose it
 * before closing s. A decompression error reads as a stdio read error. */
FILE *vs_dstream_fopen(struct vs_dstream *s);

/* "1.2 GB", "340 kB", "17 bytes": decimal units, for messages. */
void vs_human_bytes(uint64_t n, char *out, size_t outsz);

#endif
