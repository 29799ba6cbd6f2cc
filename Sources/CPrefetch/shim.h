#ifndef INGEST_CPREFETCH_SHIM_H
#define INGEST_CPREFETCH_SHIM_H

// Swift has no prefetch intrinsic. A prefetch, unlike a load, retires at once: a loop of them
// starts dozens of independent cache misses without filling the reorder buffer.
static inline void ingest_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

#endif
