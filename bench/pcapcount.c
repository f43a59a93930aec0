/* SPDX-License-Identifier: BSD-2-Clause */
/* pcapcount.c - the yardstick: the fastest useful libpcap reader. Mode 1 counts packets
 * and bytes; mode 2 also counts source OUIs in a 2^24 array; mode 3 also keeps an
 * open-addressing table of full source MACs (the cheapest possible device inventory).
 * With -x the file (classic pcap only) is not read through libpcap but walked in a memory
 * map record by record, each record header read and its frame handed to the same counters:
 * the floor for any reader of a file (vendorsniff reads classic pcap this way).
 *   pcapcount [-x] [-m 1|2|3] FILE */
#include <fcntl.h>
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

struct ctx {
    int mode;
    uint64_t packets, bytes;
    uint32_t *oui;
    uint64_t *macs;
    size_t cap, used;
};

static void grow(struct ctx *c)
{
    size_t ncap = c->cap ? c->cap * 2 : 1 << 16;
    uint64_t *n = calloc(ncap, sizeof *n);
    if (!n)
        exit(2);
    for (size_t i = 0; i < c->cap; i++) {
        if (!c->macs[i])
            continue;
        size_t j = (size_t)((c->macs[i] * 0x9e3779b97f4a7c15ULL) >> 20) & (ncap - 1);
        while (n[j])
            j = (j + 1) & (ncap - 1);
        n[j] = c->macs[i];
    }
    free(c->macs);
    c->macs = n;
    c->cap = ncap;
}

static void on_packet(u_char *user, const struct pcap_pkthdr *h, const u_char *b)
{
    struct ctx *c = (struct ctx *)user;
    c->packets++;
    c->bytes += h->len;
    if (c->mode < 2 || h->caplen < 12)
        return;
    c->oui[(uint32_t)b[6] << 16 | (uint32_t)b[7] << 8 | b[8]]++;
    if (c->mode < 3)
        return;
    uint64_t k = (uint64_t)b[6] << 40 | (uint64_t)b[7] << 32 | (uint64_t)b[8] << 24 |
                 (uint64_t)b[9] << 16 | (uint64_t)b[10] << 8 | b[11] | 1ULL << 63;
    if ((c->used + 1) * 4 >= c->cap * 3)
        grow(c);
    size_t j = (size_t)((k * 0x9e3779b97f4a7c15ULL) >> 20) & (c->cap - 1);
    while (c->macs[j] && c->macs[j] != k)
        j = (j + 1) & (c->cap - 1);
    if (!c->macs[j]) {
        c->macs[j] = k;
        c->used++;
    }
}

static uint32_t rd32(const uint8_t *p, int swap)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return swap ? __builtin_bswap32(v) : v;
}

/* The mmap walk: the file's own record headers, no copy, the same per-frame work. */
static int walk_mapped(const char *path, struct ctx *c)
{
    int fd = open(path, O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || st.st_size < 24) {
        fprintf(stderr, "pcapcount: %s: cannot open or too short\n", path);
        return 1;
    }
    size_t len = (size_t)st.st_size;
    const uint8_t *m = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (m == MAP_FAILED) {
        perror("pcapcount: mmap");
        return 1;
    }
    madvise((void *)m, len, MADV_SEQUENTIAL);
    uint32_t magic = rd32(m, 0);
    int swap;
    if (magic == 0xa1b2c3d4u || magic == 0xa1b23c4du)
        swap = 0;
    else if (magic == 0xd4c3b2a1u || magic == 0x4d3cb2a1u)
        swap = 1;
    else {
        fprintf(stderr, "pcapcount: -x reads classic pcap only\n");
        return 1;
    }
    struct pcap_pkthdr h;
    memset(&h, 0, sizeof h);
    size_t off = 24;
    while (len - off >= 16) {
        h.caplen = rd32(m + off + 8, swap);
        h.len = rd32(m + off + 12, swap);
        off += 16;
        if (h.caplen > len - off)
            break;
        on_packet((u_char *)c, &h, m + off);
        off += h.caplen;
    }
    munmap((void *)m, len);
    return 0;
}

int main(int argc, char **argv)
{
    int mapped = 0;
    struct ctx c;
    memset(&c, 0, sizeof c);
    c.mode = 1;
    int opt;
    while ((opt = getopt(argc, argv, "xm:")) != -1) {
        if (opt == 'x')
            mapped = 1;
        else if (opt == 'm')
            c.mode = atoi(optarg);
        else
            return 1;
    }
    if (optind >= argc || c.mode < 1 || c.mode > 3) {
        fprintf(stderr, "usage: pcapcount [-x] [-m 1|2|3] FILE\n");
        return 1;
    }
    if (mapped) {
        if (c.mode >= 2)
            c.oui = calloc(1u << 24, sizeof *c.oui);
        if (c.mode >= 3)
            grow(&c);
        if (walk_mapped(argv[optind], &c) != 0)
            return 1;
        goto report;
    }
    char err[PCAP_ERRBUF_SIZE];
    pcap_t *p = pcap_open_offline(argv[optind], err);
    if (!p) {
        fprintf(stderr, "pcapcount: %s\n", err);
        return 1;
    }
    if (c.mode >= 2)
        c.oui = calloc(1u << 24, sizeof *c.oui);
    if (c.mode >= 3)
        grow(&c);
    if (pcap_loop(p, -1, on_packet, (u_char *)&c) == PCAP_ERROR) {
        fprintf(stderr, "pcapcount: %s\n", pcap_geterr(p));
        return 1;
    }
    pcap_close(p);
report:
    printf("%llu packets, %llu bytes", (unsigned long long)c.packets, (unsigned long long)c.bytes);
    if (c.mode >= 3)
        printf(", %zu source MACs", c.used);
    printf("\n");
    free(c.oui);
    free(c.macs);
    return 0;
}
