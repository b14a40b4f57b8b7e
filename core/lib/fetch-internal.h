/* fetch-internal.h — the pieces behind fetch.h, one file each:
 * fetch-url.c (URLs), fetch-charset.c (HTML encodings), fetch-sniff.c
 * (what the bytes are), fetch-links.c (links in pages), fetch-names.c (safe
 * file names), fetch-sha256.c, fetch-meta.c (metadata records),
 * fetch-engine.c (libcurl multi), fetch-run.c (the runs: check, save,
 * crawl); the first, fetch-links.c and the last two make the module
 * fislint-fetch.so (below), the rest are in libfislint.  Core-internal:
 * not part of the plugin API. */
#ifndef FL_FETCH_INTERNAL_H
#define FL_FETCH_INTERNAL_H

#include <stddef.h>

#include "fetch.h"

/* ---- fetch-url.c ---- */

/* 0 when `url` is an absolute http:// or https:// URL; else -1 and a
 * Chinese message in err (refused scheme, malformed URL). */
int fl_url_check(const char *url, char *err, size_t errsize);
/* `ref` resolved against `base`, without its #fragment; NULL when the
 * result is not a valid http(s) URL.  Caller frees. */
char *fl_url_resolve(const char *base, const char *ref);
/* "scheme://host:port" in lower case, the key of per-host limits and of
 * "same host" for crawling; NULL when invalid.  Caller frees. */
char *fl_url_origin(const char *url);
/* Last path segment, percent-decoded (raw bytes, NUL-terminated); NULL
 * when the path ends with '/'.  Caller frees. */
char *fl_url_last_segment(const char *url);

/* ---- fetch-charset.c ---- */

/* Canonical name ("UTF-8", "GBK", "GB2312", "GB18030", "BIG5",
 * "WINDOWS-1252"; static) of a charset label, or NULL when unknown. */
const char *fl_charset_canonical(const char *label, size_t n);
/* The charset parameter of a Content-Type value, canonical, or NULL. */
const char *fl_charset_from_content_type(const char *content_type);
/* The charset a page declares in its first 4 KiB (<meta charset=…> or
 * <meta http-equiv=Content-Type content="…;charset=…">), or NULL. */
const char *fl_html_meta_charset(const unsigned char *data, size_t len);
/* Decode an HTML page to UTF-8.  Order (as HTML5): a BOM, then
 * `declared` (the HTTP header's charset, may be NULL), then <meta>, then
 * UTF-8 validity, else GB18030.  A declared charset that does not decode
 * falls through to detection.  0 and *out (caller frees, NUL-terminated,
 * BOM dropped), *outlen, *encoding (static); or -1 with err. */
int fl_html_decode(const unsigned char *data, size_t len, const char *declared, char **out,
                   size_t *outlen, const char **encoding, char *err, size_t errsize);
/* Convert with iconv; 0 or -1 (invalid bytes: *bad_offset set). */
int fl_iconv_to_utf8(const char *from, const unsigned char *data, size_t len, char **out,
                     size_t *outlen, size_t *bad_offset);

/* ---- fetch-links.c (with fl_html_links below) ---- */

struct _xmlNode;
/* 1 when an element is page chrome, not content: <nav>, <aside>,
 * <header>/<footer>, or a class/id word such as "nav", "menu", "footer". */
int fl_html_is_chrome(struct _xmlNode *n);

/* ---- fetch-sniff.c ---- */

typedef enum fl_kind {
    FL_KIND_UNKNOWN = 0,
    FL_KIND_HTML,
    FL_KIND_TEXT,
    FL_KIND_PDF,
    FL_KIND_DOCX,
    FL_KIND_XLSX,
    FL_KIND_ZIP,    /* a ZIP that is neither DOCX nor XLSX */
    FL_KIND_OLE,    /* DOC, XLS, WPS, ET (not readable) */
    FL_KIND_IMAGE
} fl_kind;

/* What the bytes are: magic bytes first, then the Content-Type, then the
 * URL's extension.  A PDF served as text/html is a PDF. */
fl_kind fl_sniff(const char *content_type, const unsigned char *data, size_t len,
                 const char *url);
/* "html", "pdf", … (static). */
const char *fl_kind_name(fl_kind k);
/* ".html", ".pdf", … (static), "" for unknown. */
const char *fl_kind_ext(fl_kind k);
/* 1 when fislint has a reader for the kind. */
int fl_kind_readable(fl_kind k);

/* ---- fetch-links.c ---- */

typedef struct fl_link {
    char *url;   /* absolute, no fragment */
    char *text;  /* link text (or title / file name), whitespace collapsed */
    int chrome;  /* inside navigation, page header or footer */
} fl_link;

/* Every http(s) link (<a href>, <area href>, <iframe src>, <embed src>,
 * <object data>) of a UTF-8 page, resolved against `base_url` or the
 * page's <base href>, duplicates dropped.  Returns the count; *out is an
 * array the caller frees with fl_links_free. */
size_t fl_html_links(const char *utf8, size_t len, const char *base_url, fl_link **out);
void fl_links_free(fl_link *links, size_t n);
/* 1 when the link looks like a report attachment: a document extension
 * (.pdf .doc .docx .xls .xlsx .wps .et) in the URL or the text, or a
 * report keyword (决算 预算 绩效 三公) in the text of a download link. */
int fl_link_is_attachment(const fl_link *l);

/* ---- fetch-names.c ---- */

/* Percent-decode s[0..n); *outlen gets the length.  Caller frees. */
char *fl_percent_decode(const char *s, size_t n, size_t *outlen);
/* The file name of a Content-Disposition value as UTF-8 (filename*
 * per RFC 5987 first — UTF-8 or GBK —, then filename=, percent-decoded
 * when it looks encoded, raw GBK bytes converted), or NULL.  Not yet
 * sanitised.  Caller frees. */
char *fl_disposition_filename(const char *value);
/* A name that is safe inside an output directory: no directory parts,
 * no "." / "..", no control or reserved characters, no leading dot,
 * at most 150 bytes of UTF-8, and ending with `ext` (".pdf") when the
 * name has no extension and ext is not NULL.  Never NULL or empty.
 * Caller frees. */
char *fl_safe_file_name(const char *name, const char *ext);

/* ---- fetch-sha256.c ---- */

/* SHA-256 of data as 64 lowercase hex digits and a NUL. */
void fl_sha256_hex(const unsigned char *data, size_t len, char out[65]);

/* ---- fetch-meta.c ---- */

/* The metadata record saved next to each fetched file (NAME.fetch.json). */
typedef struct fl_fetch_meta {
    char *url;            /* as requested */
    char *final_url;      /* after redirects */
    char *referrer;       /* page that linked to it, or NULL */
    char *fetched_at;     /* ISO 8601 UTC */
    long status;
    char *content_type;
    const char *charset;  /* static, or NULL */
    const char *format;   /* static kind name */
    char *etag;
    char *last_modified;
    size_t size;
    char sha256[65];
    char *file;           /* file name inside the directory */
} fl_fetch_meta;

void fl_fetch_meta_clear(fl_fetch_meta *m);
/* Write `m` as DIR/FILE.fetch.json (atomically).  0 or -1 with err. */
int fl_fetch_meta_write(int dirfd, const fl_fetch_meta *m, char *err, size_t errsize);
/* Read every *.fetch.json record of the directory.  Returns the count;
 * *out is an array the caller frees with fl_fetch_meta_free_all. */
size_t fl_fetch_meta_load_dir(int dirfd, fl_fetch_meta **out);
void fl_fetch_meta_free_all(fl_fetch_meta *m, size_t n);
/* The current time in the record's format, into buf (>= 21 bytes). */
void fl_fetch_now_iso(char *buf, size_t size);

/* ---- fetch-engine.c ---- */

typedef struct fl_engine fl_engine;

/* One request and, once done, its response. */
typedef struct fl_fetch_job {
    char *url;              /* owned */
    char *referrer;         /* owned, NULL for URLs given by the user */
    char *link_text;        /* owned, NULL unless found in a page */
    int depth;              /* crawl depth of this page (0: given by the user) */
    int is_attachment;
    char *if_none_match;    /* conditional GET, owned or NULL */
    char *if_modified_since;
    /* response */
    long status;
    char *final_url;        /* owned */
    char *content_type;     /* owned */
    char *etag, *last_modified, *disposition; /* owned, of the last response */
    unsigned char *body;    /* owned */
    size_t len;
    /* engine state */
    struct fl_fetch_job_state *st;
} fl_fetch_job;

/* Called once per job when it is finished: error is NULL on success
 * (2xx, or 304 for a conditional request) or a Chinese message.  May add
 * jobs.  The engine frees the job after the call. */
typedef void (*fl_engine_done_fn)(void *ctx, fl_engine *e, fl_fetch_job *job, const char *error);

fl_engine *fl_engine_new(const fl_fetch_options *o, size_t max_bytes, fl_engine_done_fn done,
                         void *ctx);
/* Queue a job (the engine takes it). */
void fl_engine_add(fl_engine *e, fl_fetch_job *job);
/* A job for `url` with everything else empty.  Caller hands it to
 * fl_engine_add. */
fl_fetch_job *fl_fetch_job_new(const char *url);
/* Run until every queued job is finished. */
void fl_engine_run(fl_engine *e);
void fl_engine_free(fl_engine *e);

/* ---- The module fislint-fetch.so: everything that calls libcurl
 * (fetch-url.c, fetch-engine.c) and what only fetching uses (fetch-links.c,
 * fetch-run.c).  libcurl and the 25 libraries it brings took 3.5 ms of
 * every fislint start; fl_fetch_documents() and fl_fetch_save() load the
 * module on the first call (fetch-load.c, module.h). */
#define FL_FETCH_MODULE_NAME "fislint-fetch.so"
#define FL_FETCH_MODULE_SYMBOL "fl_fetch_module_entry"
typedef struct fl_fetch_module {
    size_t (*documents)(const char *const *urls, size_t nurls, const fl_fetch_options *o,
                        size_t max_bytes, fl_document_fn fn, void *ctx);
    size_t (*save)(const char *const *urls, size_t nurls, const fl_fetch_options *o,
                   size_t max_bytes, fl_fetch_saved_fn fn, void *ctx);
} fl_fetch_module;
extern const fl_fetch_module fl_fetch_module_entry;

#endif
