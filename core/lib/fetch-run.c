/* fetch-run.c — the two runs built on the engine: checking fetched
 * documents (fl_fetch_documents) and saving them (fl_fetch_save), the
 * entry of the module fislint-fetch.so (fetch-internal.h).  Both
 * share what happens to a finished page: sniffing its type, following
 * attachments and crawl links, deciding whether the page itself is kept. */
#include "fetch-internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "util.h"

typedef struct run {
    const fl_fetch_options *o;
    size_t max_bytes;
    fl_document_fn fn;          /* check mode */
    fl_fetch_saved_fn saved;    /* save mode */
    void *ctx;
    size_t failures;
    char **seen;                /* every URL queued, to fetch each once */
    size_t nseen, capseen;
    fl_strindex seen_index;     /* the URLs in seen */
    int limit_warned;
    /* save mode */
    int dirfd;
    fl_fetch_meta *old;         /* records found in the directory */
    size_t nold;
    struct taken {              /* file names taken in this run */
        char *name, *url;
    } *names;
    size_t nnames, capnames;
} run;

/* ---- reporting ---- */

static void fail(run *r, const char *source, const char *error)
{
    r->failures++;
    if (r->fn)
        r->fn(r->ctx, source, NULL, error);
    else
        r->saved(r->ctx, source, NULL, 0, error);
}

/* ---- queueing ---- */

static const fl_fetch_meta *old_record(run *r, const char *url)
{
    for (size_t i = 0; i < r->nold; i++)
        if (strcmp(r->old[i].url, url) == 0)
            return &r->old[i];
    return NULL;
}

static const char *seen_url(const void *items, size_t i)
{
    return ((char *const *)items)[i];
}

static void enqueue(run *r, fl_engine *e, const char *url, const char *referrer,
                    const char *text, int depth, int attachment)
{
    if (fl_strindex_find(&r->seen_index, r->seen, seen_url, url) != 0)
        return;
    if (r->nseen >= r->o->max_pages) {
        if (!r->limit_warned)
            fprintf(stderr, "fislint: 已达到抓取文档数上限 %zu，其余链接不再抓取\n",
                    r->o->max_pages);
        r->limit_warned = 1;
        return;
    }
    r->seen = xgrow(r->seen, &r->capseen, r->nseen + 1, sizeof *r->seen);
    r->seen[r->nseen] = xstrdup(url);
    fl_strindex_add(&r->seen_index, r->seen, seen_url, r->nseen);
    r->nseen++;
    fl_fetch_job *j = fl_fetch_job_new(url);
    j->referrer = referrer ? xstrdup(referrer) : NULL;
    j->link_text = text ? xstrdup(text) : NULL;
    j->depth = depth;
    j->is_attachment = attachment;
    const fl_fetch_meta *m = r->fn == NULL ? old_record(r, url) : NULL;
    struct stat st;
    if (m != NULL && fstatat(r->dirfd, m->file, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
        S_ISREG(st.st_mode)) {
        j->if_none_match = m->etag ? xstrdup(m->etag) : NULL;
        j->if_modified_since = m->last_modified ? xstrdup(m->last_modified) : NULL;
    }
    fl_engine_add(e, j);
}

static int matches(const run *r, const char *s)
{
    if (r->o->match_code == NULL)
        return 1;
    if (s == NULL)
        return 0;
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(r->o->match_code, NULL);
    int rc = pcre2_match(r->o->match_code, (PCRE2_SPTR)s, strlen(s), 0, 0, md, NULL);
    pcre2_match_data_free(md);
    return rc >= 0;
}

/* Queue attachments and crawl links of a page; returns the number of
 * attachments found. */
static size_t follow_links(run *r, fl_engine *e, fl_fetch_job *j, const char *utf8, size_t len)
{
    int crawl = j->depth < r->o->crawl_depth;
    if (!r->o->follow_attachments && !crawl)
        return 0;
    fl_link *links;
    size_t n = fl_html_links(utf8, len, j->final_url, &links);
    size_t attachments = 0;
    char *origin = fl_url_origin(j->final_url);
    for (size_t i = 0; i < n; i++) {
        if (fl_link_is_attachment(&links[i])) {
            if (r->o->follow_attachments) {
                enqueue(r, e, links[i].url, j->final_url, links[i].text, j->depth, 1);
                attachments++;
            }
            continue;
        }
        /* Menus lead everywhere on a portal: crawling follows content. */
        if (!crawl || links[i].chrome)
            continue;
        char *lo = fl_url_origin(links[i].url);
        int same = lo && origin && strcmp(lo, origin) == 0;
        free(lo);
        if (!same)
            continue;
        /* At the last level only pages that will be kept are worth a
         * request; above it any page may lead to one. */
        int last = j->depth + 1 >= r->o->crawl_depth;
        if (last && !matches(r, links[i].text) && !matches(r, links[i].url))
            continue;
        enqueue(r, e, links[i].url, j->final_url, links[i].text, j->depth + 1, 0);
    }
    free(origin);
    fl_links_free(links, n);
    return attachments;
}

/* ---- check mode ---- */

static void check_document(run *r, fl_fetch_job *j, fl_kind kind, const char *utf8,
                           size_t ulen, const char *encoding)
{
    fl_input in = { 0 };
    char err[512];
    int rc;
    if (kind == FL_KIND_HTML) {
        /* The page is already UTF-8: a BOM makes the reader take it as
         * such whatever its <meta> says (a BOM wins, as in HTML5). */
        fl_buf b = { 0 };
        fl_buf_append(&b, "\xef\xbb\xbf", 3);
        fl_buf_append(&b, utf8, ulen);
        rc = fl_reader_html.read(j->final_url, (const unsigned char *)b.data, b.len, &in, err,
                                 sizeof err);
        fl_buf_free(&b);
        in.format = "html";
        in.encoding = encoding;
    } else {
        /* Name the bytes by their real type so the readers' detection
         * agrees with the sniffing. */
        char *name = xasprintf("download%s", fl_kind_ext(kind));
        rc = fl_read_input(name, j->body, j->len, &in, err, sizeof err);
        free(name);
    }
    if (rc != 0) {
        fail(r, j->url, err);
        return;
    }
    r->fn(r->ctx, j->url, &in, NULL);
    fl_input_free(&in);
}

/* ---- save mode ---- */

static int name_taken(run *r, const char *name, const char *url)
{
    for (size_t i = 0; i < r->nnames; i++)
        if (strcmp(r->names[i].name, name) == 0)
            return strcmp(r->names[i].url, url) != 0;
    for (size_t i = 0; i < r->nold; i++)
        if (strcmp(r->old[i].file, name) == 0)
            return strcmp(r->old[i].url, url) != 0;
    struct stat st;
    return fstatat(r->dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0;
}

static int has_ext(const char *name, fl_kind kind)
{
    const char *dot = strrchr(name, '.');
    if (dot == NULL)
        return 0;
    if (kind == FL_KIND_HTML)
        return strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0 ||
               strcasecmp(dot, ".shtml") == 0;
    if (kind == FL_KIND_OLE)
        return strcasecmp(dot, ".doc") == 0 || strcasecmp(dot, ".xls") == 0 ||
               strcasecmp(dot, ".wps") == 0 || strcasecmp(dot, ".et") == 0;
    return *fl_kind_ext(kind) == '\0' || strcasecmp(dot, fl_kind_ext(kind)) == 0;
}

/* A file name for this document, unique in the directory.  Caller frees. */
static char *choose_name(run *r, fl_fetch_job *j, fl_kind kind)
{
    const fl_fetch_meta *m = old_record(r, j->url);
    if (m != NULL)
        return xstrdup(m->file);
    char *raw = fl_disposition_filename(j->disposition);
    if (raw == NULL)
        raw = fl_url_last_segment(j->final_url);
    char *safe = fl_safe_file_name(raw ? raw : "index", fl_kind_ext(kind));
    free(raw);
    if (!has_ext(safe, kind) || strstr(safe, ".fetch.json") != NULL) {
        char *t = xasprintf("%s%s", safe, *fl_kind_ext(kind) ? fl_kind_ext(kind) : ".dat");
        free(safe);
        safe = t;
    }
    char *name = xstrdup(safe);
    const char *dot = strrchr(safe, '.');
    size_t stem = dot ? (size_t)(dot - safe) : strlen(safe);
    for (int k = 2; name_taken(r, name, j->url) && k < 10000; k++) {
        free(name);
        name = xasprintf("%.*s-%d%s", (int)stem, safe, k, safe + stem);
    }
    free(safe);
    r->names = xgrow(r->names, &r->capnames, r->nnames + 1, sizeof *r->names);
    r->names[r->nnames].name = xstrdup(name);
    r->names[r->nnames].url = xstrdup(j->url);
    r->nnames++;
    return name;
}

/* Write data to DIR/name through a temporary file and a rename, never
 * following a symlink. */
static int write_file(int dirfd, const char *name, const unsigned char *data, size_t len,
                      char *err, size_t errsize)
{
    char *tmp = xasprintf(".%s.tmp%ld", name, (long)getpid());
    int fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
    int rc = -1;
    if (fd >= 0) {
        size_t off = 0;
        while (off < len) {
            ssize_t w = write(fd, data + off, len - off);
            if (w <= 0)
                break;
            off += (size_t)w;
        }
        if (close(fd) == 0 && off == len)
            rc = renameat(dirfd, tmp, dirfd, name);
    }
    if (rc != 0) {
        snprintf(err, errsize, "无法保存文件 %s：%s", name, strerror(errno));
        unlinkat(dirfd, tmp, 0);
    }
    free(tmp);
    return rc;
}

static void save_document(run *r, fl_fetch_job *j, fl_kind kind, const char *charset)
{
    char err[512];
    char *name = choose_name(r, j, kind);
    fl_fetch_meta m = { 0 };
    m.url = j->url;
    m.final_url = j->final_url;
    m.referrer = j->referrer;
    char now[32];
    fl_fetch_now_iso(now, sizeof now);
    m.fetched_at = now;
    m.status = j->status;
    m.content_type = j->content_type;
    m.charset = charset;
    m.format = fl_kind_name(kind);
    m.etag = j->etag;
    m.last_modified = j->last_modified;
    m.size = j->len;
    fl_sha256_hex(j->body ? j->body : (const unsigned char *)"", j->len, m.sha256);
    m.file = name;
    if (write_file(r->dirfd, name, j->body ? j->body : (const unsigned char *)"", j->len, err,
                   sizeof err) != 0 ||
        fl_fetch_meta_write(r->dirfd, &m, err, sizeof err) != 0) {
        fail(r, j->url, err);
    } else {
        char *path = xasprintf("%s/%s", r->o->output_dir, name);
        r->saved(r->ctx, j->url, path, 0, NULL);
        free(path);
    }
    free(name);
}

/* 304: the saved copy is current; refresh the record's time. */
static void save_unchanged(run *r, fl_fetch_job *j)
{
    const fl_fetch_meta *old = old_record(r, j->url);
    if (old == NULL) {
        fail(r, j->url, "服务器返回 304，但没有保存过的副本");
        return;
    }
    /* Re-read the saved file so that size and digest stay right. */
    char err[512];
    int fd = openat(r->dirfd, old->file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    fl_buf b = { 0 };
    if (fd >= 0) {
        char chunk[65536];
        ssize_t n;
        while ((n = read(fd, chunk, sizeof chunk)) > 0 && b.len < r->max_bytes + 65536)
            fl_buf_append(&b, chunk, (size_t)n);
        close(fd);
    }
    fl_fetch_meta m = { 0 };
    m.url = j->url;
    m.final_url = j->final_url;
    m.referrer = j->referrer;
    char now[32];
    fl_fetch_now_iso(now, sizeof now);
    m.fetched_at = now;
    m.status = 304;
    m.etag = j->etag ? j->etag : old->etag;
    m.last_modified = j->last_modified ? j->last_modified : old->last_modified;
    m.size = b.len;
    fl_kind kind = fl_sniff(NULL, (const unsigned char *)(b.data ? b.data : ""), b.len, old->file);
    m.format = fl_kind_name(kind);
    fl_sha256_hex((const unsigned char *)(b.data ? b.data : ""), b.len, m.sha256);
    m.file = old->file;
    if (fl_fetch_meta_write(r->dirfd, &m, err, sizeof err) != 0) {
        fail(r, j->url, err);
    } else {
        char *path = xasprintf("%s/%s", r->o->output_dir, old->file);
        r->saved(r->ctx, j->url, path, 1, NULL);
        free(path);
    }
    fl_buf_free(&b);
}

/* ---- a finished job ---- */

static void done(void *ctx, fl_engine *e, fl_fetch_job *j, const char *error)
{
    run *r = ctx;
    if (error != NULL) {
        /* A crawled page that would not have been kept is no loss. */
        if (j->depth > 0 && !j->is_attachment && !matches(r, j->link_text) &&
            !matches(r, j->url))
            return;
        fail(r, j->url, error);
        return;
    }
    if (j->status == 304) {
        save_unchanged(r, j);
        return;
    }
    fl_kind kind = fl_sniff(j->content_type, j->body, j->len, j->final_url);
    char *utf8 = NULL;
    size_t ulen = 0;
    const char *encoding = NULL;
    int keep = 1;
    if (kind == FL_KIND_HTML) {
        char err[256];
        const char *declared = fl_charset_from_content_type(j->content_type);
        if (fl_html_decode(j->body ? j->body : (const unsigned char *)"", j->len, declared,
                           &utf8, &ulen, &encoding, err, sizeof err) != 0) {
            fail(r, j->url, err);
            return;
        }
        size_t attachments = follow_links(r, e, j, utf8, ulen);
        /* A listing page is navigation, not a report; so is a page that
         * only points at attachments (no table of its own). */
        if (r->o->crawl_depth > 0 && j->depth == 0)
            keep = 0;
        if (attachments > 0 && strcasestr(utf8, "<table") == NULL)
            keep = 0;
    }
    if (keep && j->depth > 0 && !matches(r, j->link_text) && !matches(r, j->url))
        keep = 0;
    if (keep) {
        if (r->fn != NULL) {
            if (kind == FL_KIND_HTML || fl_kind_readable(kind)) {
                check_document(r, j, kind, utf8, ulen, encoding);
            } else {
                char msg[512];
                snprintf(msg, sizeof msg, "不支持的内容类型：%s（Content-Type: %s）",
                         fl_kind_name(kind), j->content_type ? j->content_type : "未给出");
                fail(r, j->url, msg);
            }
        } else {
            save_document(r, j, kind, encoding);
        }
    }
    free(utf8);
}

/* ---- entry points ---- */

static size_t run_all(run *r, const char *const *urls, size_t nurls)
{
    fl_engine *e = fl_engine_new(r->o, r->max_bytes, done, r);
    for (size_t i = 0; i < nurls; i++) {
        char err[256];
        if (fl_url_check(urls[i], err, sizeof err) != 0) {
            fail(r, urls[i], err);
            continue;
        }
        enqueue(r, e, urls[i], NULL, NULL, 0, 0);
    }
    fl_engine_run(e);
    fl_engine_free(e);
    for (size_t i = 0; i < r->nseen; i++)
        free(r->seen[i]);
    free(r->seen);
    fl_strindex_free(&r->seen_index);
    for (size_t i = 0; i < r->nnames; i++) {
        free(r->names[i].name);
        free(r->names[i].url);
    }
    free(r->names);
    return r->failures;
}

static size_t fetch_documents(const char *const *urls, size_t nurls, const fl_fetch_options *o,
                              size_t max_bytes, fl_document_fn fn, void *ctx)
{
    run r = { 0 };
    r.o = o;
    r.max_bytes = max_bytes;
    r.fn = fn;
    r.ctx = ctx;
    r.dirfd = -1;
    return run_all(&r, urls, nurls);
}

static size_t fetch_save(const char *const *urls, size_t nurls, const fl_fetch_options *o,
                         size_t max_bytes, fl_fetch_saved_fn fn, void *ctx)
{
    run r = { 0 };
    r.o = o;
    r.max_bytes = max_bytes;
    r.saved = fn;
    r.ctx = ctx;
    const char *dir = o->output_dir ? o->output_dir : ".";
    r.dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (r.dirfd < 0) {
        char err[512];
        snprintf(err, sizeof err, "无法打开输出目录 %s：%s", dir, strerror(errno));
        for (size_t i = 0; i < nurls; i++)
            fail(&r, urls[i], err);
        return r.failures;
    }
    r.nold = fl_fetch_meta_load_dir(r.dirfd, &r.old);
    size_t failures = run_all(&r, urls, nurls);
    fl_fetch_meta_free_all(r.old, r.nold);
    close(r.dirfd);
    return failures;
}

/* What fetch-load.c finds with dlsym; the module's only export. */
__attribute__((visibility("default"))) const fl_fetch_module fl_fetch_module_entry = {
    fetch_documents, fetch_save
};
