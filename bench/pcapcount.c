/* SPDX-License-Identifier: BSD-2-Clause */
/* pcapcount.c - the yardstick: the fastest useful libpcap reader. Mode 1 counts packets
 * and bytes; mode 2 also counts source OUIs in a 2^24 array; mode 3 also keeps an
 * open-addressing table of full source MACs (the cheapest possible device inventory).
 *   pcapcount [-m 1|2|3] FILE */
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

int main(int argc, char **argv)
{
    struct ctx c;
    memset(&c, 0, sizeof c);
    c.mode = 1;
    int opt;
    while ((opt = getopt(argc, argv, "m:")) != -1) {
        if (opt == 'm')
            c.mode = atoi(optarg);
        else
            return 1;
    }
    if (optind >= argc || c.mode < 1 || c.mode > 3) {
        fprintf(stderr, "usage: pcapcount [-m 1|2|3] FILE\n");
        return 1;
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
    printf("%llu packets, %llu bytes", (unsigned long long)c.packets,
           (unsigned long long)c.bytes);
    if (c.mode >= 3)
        printf(", %zu source MACs", c.used);
    printf("\n");
    free(c.oui);
    free(c.macs);
    return 0;
}
