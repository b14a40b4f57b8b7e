/* fetch-url.c — checking and resolving URLs with libcurl's URL parser, so
 * that what we resolve is exactly what libcurl will fetch. */
#include "fetch-internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "util.h"

/* Parse `url` (absolute) into a handle; NULL when malformed. */
static CURLU *parse(const char *url)
{
    CURLU *u = curl_url();
    if (u == NULL)
        return NULL;
    if (curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) {
        curl_url_cleanup(u);
        return NULL;
    }
    return u;
}

static int is_http(const char *scheme)
{
    return strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0;
}

int fl_url_check(const char *url, char *err, size_t errsize)
{
    /* The scheme is read by hand first so that "file:///etc/passwd" is
     * refused by name even where libcurl would not parse it. */
    const char *colon = strstr(url, "://");
    if (colon == NULL) {
        snprintf(err, errsize, "不是 URL（缺少 http:// 或 https://）");
        return -1;
    }
    char scheme[16];
    size_t n = (size_t)(colon - url);
    if (n == 0 || n >= sizeof scheme) {
        snprintf(err, errsize, "不是有效的 URL");
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        scheme[i] = (char)tolower((unsigned char)url[i]);
    scheme[n] = '\0';
    if (!is_http(scheme)) {
        snprintf(err, errsize, "拒绝抓取 %s:// 地址：只支持 http 和 https", scheme);
        return -1;
    }
    CURLU *u = parse(url);
    if (u == NULL) {
        snprintf(err, errsize, "不是有效的 URL");
        return -1;
    }
    char *host = NULL;
    int ok = curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK && host && *host;
    curl_free(host);
    curl_url_cleanup(u);
    if (!ok) {
        snprintf(err, errsize, "URL 缺少主机名");
        return -1;
    }
    return 0;
}

char *fl_url_resolve(const char *base, const char *ref)
{
    /* Pages write links with surrounding spaces and raw spaces inside. */
    while (*ref == ' ' || *ref == '\t' || *ref == '\n' || *ref == '\r')
        ref++;
    size_t n = strlen(ref);
    while (n > 0 && (ref[n - 1] == ' ' || ref[n - 1] == '\t' || ref[n - 1] == '\n' ||
                     ref[n - 1] == '\r'))
        n--;
    if (n == 0 || ref[0] == '#')
        return NULL;
    char *r = xstrndup(ref, n);
    CURLU *u = parse(base);
    char *result = NULL;
    if (u != NULL &&
        curl_url_set(u, CURLUPART_URL, r, CURLU_NON_SUPPORT_SCHEME | CURLU_URLENCODE) ==
            CURLUE_OK) {
        char *scheme = NULL, *full = NULL;
        curl_url_set(u, CURLUPART_FRAGMENT, NULL, 0);
        if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK && is_http(scheme) &&
            curl_url_get(u, CURLUPART_URL, &full, 0) == CURLUE_OK)
            result = xstrdup(full);
        /* libcurl decodes a percent-encoded host ("a%7Fm" gives a control
         * byte) into a URL it will not parse again: keep the promise that
         * what comes back is a valid URL (found by tests/fuzz/fuzz-url.c). */
        char err[256];
        if (result != NULL && fl_url_check(result, err, sizeof err) != 0) {
            free(result);
            result = NULL;
        }
        curl_free(scheme);
        curl_free(full);
    }
    curl_url_cleanup(u);
    free(r);
    return result;
}

char *fl_url_origin(const char *url)
{
    CURLU *u = parse(url);
    if (u == NULL)
        return NULL;
    char *scheme = NULL, *host = NULL, *port = NULL;
    char *result = NULL;
    if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK) {
        result = xasprintf("%s://%s:%s", scheme, host, port);
        for (char *p = result; *p; p++)
            *p = (char)tolower((unsigned char)*p);
    }
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    curl_url_cleanup(u);
    return result;
}

char *fl_url_last_segment(const char *url)
{
    CURLU *u = parse(url);
    if (u == NULL)
        return NULL;
    char *path = NULL;
    char *result = NULL;
    if (curl_url_get(u, CURLUPART_PATH, &path, 0) == CURLUE_OK && path) {
        const char *slash = strrchr(path, '/');
        const char *seg = slash ? slash + 1 : path;
        if (*seg)
            result = fl_percent_decode(seg, strlen(seg), NULL);
    }
    curl_free(path);
    curl_url_cleanup(u);
    return result;
}
