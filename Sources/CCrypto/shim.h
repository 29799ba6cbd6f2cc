#ifndef INGEST_CCRYPTO_SHIM_H
#define INGEST_CCRYPTO_SHIM_H

// OpenSSL's libcrypto, which libcurl4-openssl already loads: its one-shot digests only.
#include <openssl/sha.h>

#endif
