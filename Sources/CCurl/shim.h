#ifndef INGEST_CCURL_SHIM_H
#define INGEST_CCURL_SHIM_H

#include <curl/curl.h>

// Swift cannot call the variadic curl_easy_setopt / curl_easy_getinfo / curl_multi_setopt,
// so each argument type gets one typed wrapper.

static inline CURLcode ingest_curl_easy_setopt_long(CURL *h, CURLoption o, long v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode ingest_curl_easy_setopt_string(CURL *h, CURLoption o, const char *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode ingest_curl_easy_setopt_pointer(CURL *h, CURLoption o, void *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode ingest_curl_easy_setopt_off_t(CURL *h, CURLoption o, curl_off_t v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode ingest_curl_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode ingest_curl_easy_setopt_write_callback(CURL *h, CURLoption o, curl_write_callback v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode ingest_curl_easy_setopt_xferinfo_callback(CURL *h, CURLoption o, curl_xferinfo_callback v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode ingest_curl_easy_setopt_debug_callback(CURL *h, CURLoption o, curl_debug_callback v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode ingest_curl_easy_setopt_opensocket_callback(CURL *h, CURLoption o, curl_opensocket_callback v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode ingest_curl_easy_getinfo_long(CURL *h, CURLINFO i, long *v) {
    return curl_easy_getinfo(h, i, v);
}
static inline CURLcode ingest_curl_easy_getinfo_string(CURL *h, CURLINFO i, char **v) {
    return curl_easy_getinfo(h, i, v);
}
static inline CURLcode ingest_curl_easy_getinfo_off_t(CURL *h, CURLINFO i, curl_off_t *v) {
    return curl_easy_getinfo(h, i, v);
}
static inline CURLcode ingest_curl_easy_getinfo_pointer(CURL *h, CURLINFO i, void **v) {
    return curl_easy_getinfo(h, i, v);
}
static inline CURLMcode ingest_curl_multi_setopt_long(CURLM *m, CURLMoption o, long v) {
    return curl_multi_setopt(m, o, v);
}

#endif
