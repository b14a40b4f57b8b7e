/* fetch-engine.c — concurrent fetching with libcurl's multi interface.
 * One thread: the scheduler starts a queued job only when its host is
 * below the per-host limit and the host's politeness delay has passed;
 * finished transfers are classified, retried with backoff (timeouts, 5xx,
 * 429) or handed to the done callback. */
#include "fetch-internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "util.h"

/* Bytes per second below which a transfer counts as stalled. */
#define FL_FETCH_LOW_SPEED 1024

struct fl_fetch_job_state {
    CURL *easy;
    struct curl_slist *headers;
    char *host;              /* origin, key of the per-host limit */
    long attempt;            /* 0 for the first try */
    long long not_before;    /* ms, monotonic: backoff */
    int too_large;
    char errbuf[CURL_ERROR_SIZE];
    size_t cap;
};

typedef struct host {
    char *origin;
    long active;
    long long next_start;    /* ms, monotonic */
} host;

struct fl_engine {
    const fl_fetch_options *o;
    size_t max_bytes;
    fl_engine_done_fn done;
    void *ctx;
    CURLM *multi;
    fl_fetch_job **queue;    /* waiting jobs, FIFO */
    size_t nqueue, capqueue;
    host *hosts;
    size_t nhosts, caphosts;
    long running;
    size_t finished, total;
    int progress;
    long long started_ms, last_progress_ms;
};

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static host *host_of(fl_engine *e, const char *origin)
{
    for (size_t i = 0; i < e->nhosts; i++)
        if (strcmp(e->hosts[i].origin, origin) == 0)
            return &e->hosts[i];
    e->hosts = xgrow(e->hosts, &e->caphosts, e->nhosts + 1, sizeof *e->hosts);
    host *h = &e->hosts[e->nhosts++];
    h->origin = xstrdup(origin);
    h->active = 0;
    h->next_start = 0;
    return h;
}

fl_fetch_job *fl_fetch_job_new(const char *url)
{
    fl_fetch_job *j = xcalloc(1, sizeof *j);
    j->url = xstrdup(url);
    j->st = xcalloc(1, sizeof *j->st);
    char *origin = fl_url_origin(url);
    j->st->host = origin ? origin : xstrdup(url);
    return j;
}

static void reset_response(fl_fetch_job *j)
{
    free(j->final_url);
    free(j->content_type);
    free(j->etag);
    free(j->last_modified);
    free(j->disposition);
    free(j->body);
    j->final_url = j->content_type = j->etag = j->last_modified = j->disposition = NULL;
    j->body = NULL;
    j->len = 0;
    j->st->cap = 0;
    j->st->too_large = 0;
    j->status = 0;
}

static void job_free(fl_fetch_job *j)
{
    reset_response(j);
    free(j->url);
    free(j->referrer);
    free(j->link_text);
    free(j->if_none_match);
    free(j->if_modified_since);
    free(j->st->host);
    free(j->st);
    free(j);
}

fl_engine *fl_engine_new(const fl_fetch_options *o, size_t max_bytes, fl_engine_done_fn done,
                         void *ctx)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    fl_engine *e = xcalloc(1, sizeof *e);
    e->o = o;
    e->max_bytes = o->max_size ? o->max_size : max_bytes;
    e->done = done;
    e->ctx = ctx;
    e->multi = curl_multi_init();
    if (e->multi == NULL) {
        fprintf(stderr, "fislint: curl_multi_init failed\n");
        abort();
    }
    e->progress = o->progress < 0 ? isatty(2) : o->progress;
    e->started_ms = now_ms();
    return e;
}

void fl_engine_add(fl_engine *e, fl_fetch_job *job)
{
    e->queue = xgrow(e->queue, &e->capqueue, e->nqueue + 1, sizeof *e->queue);
    e->queue[e->nqueue++] = job;
    e->total++;
}

/* ---- libcurl callbacks ---- */

static size_t on_body(char *data, size_t size, size_t nmemb, void *userp)
{
    fl_fetch_job *j = userp;
    size_t n = size * nmemb;
    size_t limit = j->st->cap; /* the size limit of this transfer */
    if (j->len + n > limit) {
        j->st->too_large = 1;
        return 0; /* aborts the transfer with CURLE_WRITE_ERROR */
    }
    j->body = xrealloc(j->body, j->len + n + 1);
    memcpy(j->body + j->len, data, n);
    j->len += n;
    j->body[j->len] = '\0';
    return n;
}

/* Copy header `name`'s value if `line` is that header. */
static void take_header(const char *line, size_t n, const char *name, char **dst)
{
    size_t k = strlen(name);
    if (n <= k || strncasecmp(line, name, k) != 0 || line[k] != ':')
        return;
    const char *v = line + k + 1;
    size_t vlen = n - k - 1;
    while (vlen > 0 && (*v == ' ' || *v == '\t')) {
        v++;
        vlen--;
    }
    while (vlen > 0 && (v[vlen - 1] == '\r' || v[vlen - 1] == '\n' || v[vlen - 1] == ' '))
        vlen--;
    free(*dst);
    *dst = xstrndup(v, vlen);
}

static size_t on_header(char *line, size_t size, size_t nmemb, void *userp)
{
    fl_fetch_job *j = userp;
    size_t n = size * nmemb;
    /* Each response of a redirect chain starts with a status line: keep
     * only the last response's headers. */
    if (n >= 5 && strncmp(line, "HTTP/", 5) == 0) {
        free(j->etag);
        free(j->last_modified);
        free(j->disposition);
        j->etag = j->last_modified = j->disposition = NULL;
    }
    take_header(line, n, "ETag", &j->etag);
    take_header(line, n, "Last-Modified", &j->last_modified);
    take_header(line, n, "Content-Disposition", &j->disposition);
    return n;
}

static void start(fl_engine *e, fl_fetch_job *j)
{
    const fl_fetch_options *o = e->o;
    CURL *c = curl_easy_init();
    if (c == NULL) {
        fprintf(stderr, "fislint: curl_easy_init failed\n");
        abort();
    }
    j->st->easy = c;
    j->st->cap = e->max_bytes;
    j->st->errbuf[0] = '\0';
    curl_easy_setopt(c, CURLOPT_URL, j->url);
    curl_easy_setopt(c, CURLOPT_PRIVATE, j);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, j->st->errbuf);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, o->max_redirs);
    curl_easy_setopt(c, CURLOPT_AUTOREFERER, 1L);
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
    curl_easy_setopt(c, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, o->connect_timeout_s);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, o->timeout_s);
    if (o->low_speed_time_s > 0) {
        curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, (long)FL_FETCH_LOW_SPEED);
        curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, o->low_speed_time_s);
    }
    curl_easy_setopt(c, CURLOPT_USERAGENT, o->user_agent);
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (o->ca_bundle)
        curl_easy_setopt(c, CURLOPT_CAINFO, o->ca_bundle);
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)e->max_bytes);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, j);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, j);
    if (j->referrer)
        curl_easy_setopt(c, CURLOPT_REFERER, j->referrer);
    struct curl_slist *h = NULL;
    if (j->if_none_match) {
        char *line = xasprintf("If-None-Match: %s", j->if_none_match);
        h = curl_slist_append(h, line);
        free(line);
    }
    if (j->if_modified_since) {
        char *line = xasprintf("If-Modified-Since: %s", j->if_modified_since);
        h = curl_slist_append(h, line);
        free(line);
    }
    j->st->headers = h;
    if (h)
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_multi_add_handle(e->multi, c);
    e->running++;
}

/* ---- results ---- */

/* NULL on success, else a Chinese message (static or in buf);
 * *retry set when another attempt may help. */
static const char *classify(fl_engine *e, fl_fetch_job *j, CURLcode rc, char *buf, size_t size,
                            int *retry)
{
    *retry = 0;
    const fl_fetch_options *o = e->o;
    const char *detail = j->st->errbuf[0] ? j->st->errbuf : curl_easy_strerror(rc);
    switch (rc) {
    case CURLE_OK:
        break;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
        snprintf(buf, size, "DNS 解析失败：找不到主机 (%s)", detail);
        return buf;
    case CURLE_COULDNT_CONNECT:
        snprintf(buf, size, "无法连接到服务器 (%s)", detail);
        return buf;
    case CURLE_OPERATION_TIMEDOUT:
        /* libcurl reports the low-speed cutoff as a timeout too; a server
         * that drips is not retried (it would only drip again). */
        if (o->low_speed_time_s > 0 && strstr(detail, "too slow") != NULL) {
            snprintf(buf, size,
                     "传输过慢：连续 %ld 秒低于 %d 字节/秒，已放弃（可用 --low-speed-time 调整，"
                     "0 表示不限）",
                     o->low_speed_time_s, FL_FETCH_LOW_SPEED);
            return buf;
        }
        *retry = 1;
        snprintf(buf, size, "超时：%ld 秒内没有完成 (%s)", o->timeout_s, detail);
        return buf;
    case CURLE_TOO_MANY_REDIRECTS:
        snprintf(buf, size, "重定向超过 %ld 次（可能是重定向循环）", o->max_redirs);
        return buf;
    case CURLE_FILESIZE_EXCEEDED:
        snprintf(buf, size, "响应太大：超过上限 %zu 字节", e->max_bytes);
        return buf;
    case CURLE_WRITE_ERROR:
        if (j->st->too_large) {
            snprintf(buf, size, "响应太大：超过上限 %zu 字节", e->max_bytes);
            return buf;
        }
        snprintf(buf, size, "接收数据失败 (%s)", detail);
        return buf;
    case CURLE_UNSUPPORTED_PROTOCOL:
        snprintf(buf, size, "拒绝的协议：只抓取 http 和 https (%s)", detail);
        return buf;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_USE_SSL_FAILED:
        snprintf(buf, size, "TLS 错误：证书或加密连接无法验证 (%s)", detail);
        return buf;
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
        *retry = 1;
        snprintf(buf, size, "连接中断 (%s)", detail);
        return buf;
    default:
        snprintf(buf, size, "抓取失败 (%s)", detail);
        return buf;
    }
    long status = j->status;
    if (status == 304 && (j->if_none_match || j->if_modified_since))
        return NULL;
    if (status >= 200 && status < 300)
        return NULL;
    *retry = status >= 500 || status == 429;
    snprintf(buf, size, "HTTP 状态 %ld%s", status,
             status == 404   ? "：页面不存在"
             : status == 403 ? "：禁止访问"
             : status >= 500 ? "：服务器错误"
                             : "");
    return buf;
}

static void finish(fl_engine *e, CURL *c, CURLcode rc)
{
    fl_fetch_job *j = NULL;
    curl_easy_getinfo(c, CURLINFO_PRIVATE, (char **)&j);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &j->status);
    char *ct = NULL, *eff = NULL;
    curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ct);
    curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &eff);
    j->content_type = ct ? xstrdup(ct) : NULL;
    j->final_url = xstrdup(eff ? eff : j->url);
    curl_multi_remove_handle(e->multi, c);
    curl_easy_cleanup(c);
    curl_slist_free_all(j->st->headers);
    j->st->headers = NULL;
    j->st->easy = NULL;
    e->running--;
    host_of(e, j->st->host)->active--;

    char buf[CURL_ERROR_SIZE + 256];
    int retry;
    const char *error = classify(e, j, rc, buf, sizeof buf, &retry);
    if (error != NULL && retry && j->st->attempt < e->o->retries) {
        j->st->attempt++;
        long long wait = e->o->retry_wait_ms;
        for (long i = 1; i < j->st->attempt && wait < 60000; i++)
            wait *= 2;
        j->st->not_before = now_ms() + wait;
        reset_response(j);
        e->total--; /* re-queued, not a new job */
        fl_engine_add(e, j);
        return;
    }
    if (error != NULL && j->st->attempt > 0) {
        size_t len = strlen(buf);
        snprintf(buf + len, sizeof buf - len, "（已重试 %ld 次）", j->st->attempt);
    }
    e->finished++;
    e->done(e->ctx, e, j, error);
    job_free(j);
}

static void show_progress(fl_engine *e, int last)
{
    if (!e->progress)
        return;
    long long t = now_ms();
    /* Only long runs get a progress line, at most twice a second. */
    if (!last && (t - e->started_ms < 2000 || t - e->last_progress_ms < 500))
        return;
    if (last && e->last_progress_ms == 0)
        return;
    e->last_progress_ms = t;
    fprintf(stderr, "\r抓取中：已完成 %zu / %zu%s", e->finished, e->total, last ? "\n" : "");
    fflush(stderr);
}

/* Start every job that may start now; returns ms until one may start
 * (or -1 when nothing is waiting for time). */
static long long schedule(fl_engine *e)
{
    long long t = now_ms(), wake = -1;
    size_t keep = 0;
    for (size_t i = 0; i < e->nqueue; i++) {
        fl_fetch_job *j = e->queue[i];
        host *h = host_of(e, j->st->host);
        long long ready = j->st->not_before > h->next_start ? j->st->not_before : h->next_start;
        if (e->running < e->o->max_total && h->active < e->o->per_host && ready <= t) {
            h->active++;
            h->next_start = t + e->o->delay_ms;
            start(e, j);
            continue;
        }
        if (ready > t && (wake < 0 || ready - t < wake))
            wake = ready - t;
        e->queue[keep++] = j;
    }
    e->nqueue = keep;
    return wake;
}

void fl_engine_run(fl_engine *e)
{
    while (e->nqueue > 0 || e->running > 0) {
        long long wake = schedule(e);
        int still = 0;
        curl_multi_perform(e->multi, &still);
        CURLMsg *m;
        int left;
        while ((m = curl_multi_info_read(e->multi, &left)) != NULL)
            if (m->msg == CURLMSG_DONE)
                finish(e, m->easy_handle, m->data.result);
        show_progress(e, 0);
        if (e->nqueue == 0 && e->running == 0)
            break;
        long timeout = 200;
        if (wake >= 0 && wake < timeout)
            timeout = (long)wake;
        if (e->running > 0)
            curl_multi_poll(e->multi, NULL, 0, (int)timeout, NULL);
        else if (timeout > 0)
            usleep((useconds_t)timeout * 1000);
    }
    show_progress(e, 1);
}

void fl_engine_free(fl_engine *e)
{
    for (size_t i = 0; i < e->nqueue; i++)
        job_free(e->queue[i]);
    free(e->queue);
    for (size_t i = 0; i < e->nhosts; i++)
        free(e->hosts[i].origin);
    free(e->hosts);
    curl_multi_cleanup(e->multi);
    free(e);
}
