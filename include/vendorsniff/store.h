/* SPDX-License-Identifier: BSD-2-Clause */
/* store.h - the fleet inventory on PostgreSQL (src/sink/store.c, the only file that includes
 * libpq): a versioned schema created by `vendorsniff store init`, and a sensor's devices,
 * per-sensor sightings, evidence and alerts written as upserts in batches, never per packet.
 * A sensor that cannot reach the database keeps running: what was not committed stays dirty
 * and goes with the next sync. docs/deployment.md describes the schema and its views. */
#ifndef VS_STORE_H
#define VS_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "vendorsniff/inventory.h"
#include "vendorsniff/sink.h"

#define VS_STORE_SCHEMA_VERSION 1

/* Create (or confirm) the schema at url. Returns 0 with a one-line answer in msg, or -1
 * with msg saying why. */
int vs_store_init(const char *url, char *msg, size_t msgsz);

struct vs_store;

/* No connection is made here: the first sync connects. NULL only when out of memory. */
struct vs_store *vs_store_open(const char *url, const char *sensor);
void vs_store_close(struct vs_store *s);

/* Write every device that changed since the last committed sync, in one transaction of
 * batched upserts. Returns the number of devices written (0: nothing was dirty), or -1 with
 * err set when the database could not be reached or refused: nothing is marked clean, so
 * the next sync sends it again. */
long vs_store_sync(struct vs_store *s, struct vs_inventory *inv, const struct vs_out *o,
                   int64_t sec, uint32_t usec, char *err, size_t errsz);

#endif
