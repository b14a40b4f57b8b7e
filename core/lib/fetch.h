/* fetch.h — fetching reports by URL (libcurl) and handing every fetched
 * document to the same callback as local files.  See docs/fetch.md. */
#ifndef FL_FETCH_H
#define FL_FETCH_H

#include <stddef.h>

#include "source.h"

/* Settings of one run.  The CLI fills them through fl_fetch_apply_option
 * (core/cli/fetch-options.h); strings are owned by the struct. */
typedef struct fl_fetch_options {
    int follow_attachments;  /* fetch report attachments linked from pages */
    int crawl_depth;         /* 0: no crawling; else follow same-host links this deep */
    char *match;             /* crawl filter (PCRE2 source) or NULL */
    void *match_code;        /* compiled `match` (pcre2_code *), owned */
    long per_host;           /* concurrent requests to one host (default 2) */
    long max_total;          /* concurrent requests overall (default 8) */
    long delay_ms;           /* pause between two request starts to one host */
    long timeout_s;          /* whole transfer */
    long connect_timeout_s;
    long low_speed_time_s;   /* give up after this long below 1 KB/s; 0 = never */
    long retries;            /* extra attempts on timeouts, 5xx and 429 */
    long retry_wait_ms;      /* first backoff; doubled for each retry */
    long max_redirs;
    size_t max_size;         /* largest response in bytes; 0 = max_bytes of the call */
    size_t max_pages;        /* bound on documents fetched in one run (crawl safety) */
    char *ca_bundle;         /* CA certificates file, or NULL for the system store */
    char *user_agent;
    char *output_dir;        /* fl_fetch_save only */
    int progress;            /* -1 auto (stderr is a terminal), 0 off, 1 on */
} fl_fetch_options;

/* Options with the defaults; caller frees with fl_fetch_options_free. */
fl_fetch_options *fl_fetch_options_new(void);
void fl_fetch_options_free(fl_fetch_options *o);

/* Compile `pattern` (PCRE2, UTF-8) as the crawl filter.  0, or -1 with a
 * Chinese message in err. */
int fl_fetch_options_set_match(fl_fetch_options *o, const char *pattern, char *err,
                               size_t errsize);

/* Fetch every URL (concurrently, politely), convert what comes back with
 * the readers and call fn once per document (a page, an attachment) or
 * once per failure with a message naming what happened.  `source` is the
 * URL as given, or the attachment's / crawled page's absolute URL.
 * Returns the number of fetches that failed. */
size_t fl_fetch_documents(const char *const *urls, size_t nurls, const fl_fetch_options *o,
                          size_t max_bytes, fl_document_fn fn, void *ctx);

/* Called by fl_fetch_save once per saved document or failure.  `path` is
 * the saved file (inside o->output_dir) or NULL on failure; `unchanged` is
 * 1 when the server answered 304 to a conditional request; `error` is NULL
 * or a Chinese message.  All strings are borrowed for the call. */
typedef void (*fl_fetch_saved_fn)(void *ctx, const char *source, const char *path,
                                  int unchanged, const char *error);

/* Like fl_fetch_documents but writes each document and its metadata record
 * (NAME.fetch.json) into o->output_dir, which must exist; documents saved
 * before are re-fetched conditionally (ETag / Last-Modified).  Returns the
 * number of fetches that failed. */
size_t fl_fetch_save(const char *const *urls, size_t nurls, const fl_fetch_options *o,
                     size_t max_bytes, fl_fetch_saved_fn fn, void *ctx);

/* The HTML reader (read-xml.c; the reading is in read-html.c, in the
 * module fislint-xml.so). */
#include "reader.h"
extern const fl_reader fl_reader_html;

#endif
