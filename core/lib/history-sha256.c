/* history-sha256.c — the SHA-256 the history records for each input, by
 * the fetcher's implementation (kept apart: fetch-internal.h and the
 * plugin API both name an FL_KIND_UNKNOWN). */
#include "history-sha256.h"

#include "fetch-internal.h"

void fl_history_sha256(const void *data, size_t len, char out[65])
{
    fl_sha256_hex(data, len, out);
}
