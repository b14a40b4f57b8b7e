/* history-sha256.h — SHA-256 for the history, without the plugin API's
 * names (fetch-internal.h, which implements it, has clashing ones). */
#ifndef FL_HISTORY_SHA256_H
#define FL_HISTORY_SHA256_H

#include <stddef.h>

/* SHA-256 of data as 64 lowercase hex digits and a NUL. */
void fl_history_sha256(const void *data, size_t len, char out[65]);

#endif
