#ifndef INGEST_CZLIB_SHIM_H
#define INGEST_CZLIB_SHIM_H

#include <zlib.h>

// inflateInit2 is a macro that Swift cannot import; 15 + 32 = max window, gzip or zlib header.
static inline int ingest_inflate_init(z_stream *stream) { return inflateInit2(stream, 15 + 32); }

// deflateInit2 is a macro too; 15 + 16 = max window with a gzip header (one member per call).
static inline int ingest_deflate_init_gzip(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}

#endif
