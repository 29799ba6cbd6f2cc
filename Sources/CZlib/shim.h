#ifndef INGEST_CZLIB_SHIM_H
#define INGEST_CZLIB_SHIM_H

#include <zlib.h>

// inflateInit2 is a macro that Swift cannot import; 15 + 32 = max window, gzip or zlib header.
static inline int ingest_inflate_init(z_stream *stream) { return inflateInit2(stream, 15 + 32); }

#endif
