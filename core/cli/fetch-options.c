/* fetch-options.c — parsing the fetch options (one table, one switch). */
#include "fetch-options.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

enum {
    OPT_FOLLOW = 1000,
    OPT_CRAWL,
    OPT_MATCH,
    OPT_PER_HOST,
    OPT_DELAY,
    OPT_TIMEOUT,
    OPT_CONNECT_TIMEOUT,
    OPT_LOW_SPEED_TIME,
    OPT_RETRIES,
    OPT_RETRY_WAIT,
    OPT_MAX_REDIRS,
    OPT_MAX_PAGES,
    OPT_JOBS,
    OPT_CA_BUNDLE,
    OPT_USER_AGENT,
    OPT_PROGRESS,
    OPT_NO_PROGRESS
};

const struct option fl_fetch_long_options[] = {
    { "follow-attachments", no_argument, NULL, OPT_FOLLOW },
    { "crawl", required_argument, NULL, OPT_CRAWL },
    { "match", required_argument, NULL, OPT_MATCH },
    { "per-host", required_argument, NULL, OPT_PER_HOST },
    { "delay", required_argument, NULL, OPT_DELAY },
    { "timeout", required_argument, NULL, OPT_TIMEOUT },
    { "connect-timeout", required_argument, NULL, OPT_CONNECT_TIMEOUT },
    { "low-speed-time", required_argument, NULL, OPT_LOW_SPEED_TIME },
    { "retries", required_argument, NULL, OPT_RETRIES },
    { "retry-wait", required_argument, NULL, OPT_RETRY_WAIT },
    { "max-redirs", required_argument, NULL, OPT_MAX_REDIRS },
    { "max-pages", required_argument, NULL, OPT_MAX_PAGES },
    { "jobs", required_argument, NULL, OPT_JOBS },
    /* `check` uses -j/--jobs for documents: there this one sets requests. */
    { "fetch-jobs", required_argument, NULL, OPT_JOBS },
    { "ca-bundle", required_argument, NULL, OPT_CA_BUNDLE },
    { "user-agent", required_argument, NULL, OPT_USER_AGENT },
    { "progress", no_argument, NULL, OPT_PROGRESS },
    { "no-progress", no_argument, NULL, OPT_NO_PROGRESS },
    { NULL, 0, NULL, 0 },
};

const char fl_fetch_options_help[] =
    "URL 抓取选项（只抓取 http/https）：\n"
    "      --follow-attachments   同时抓取页面中链接的报告附件（PDF、DOCX、XLSX 等）\n"
    "      --crawl DEPTH          从列表页沿同一主机的链接抓取 DEPTH 层\n"
    "      --match REGEX          抓取时只保留链接文字或 URL 匹配 REGEX（PCRE2）的页面\n"
    "      --per-host N           同一主机的并发请求数（默认 2）\n"
    "      --fetch-jobs N         总并发请求数（默认 8；fetch 命令中也可写 --jobs）\n"
    "      --delay MS             对同一主机两次请求之间的间隔，毫秒（默认 200）\n"
    "      --timeout S            单个请求的总超时，秒（默认 120）\n"
    "      --connect-timeout S    连接超时，秒（默认 20）\n"
    "      --low-speed-time S     连续 S 秒低于 1 KB/秒即放弃该请求，不重试（默认 30；0 不限）\n"
    "      --retries N            超时、5xx、429 时的重试次数（默认 2）\n"
    "      --retry-wait MS        第一次重试前的等待，之后每次加倍（默认 1000）\n"
    "      --max-redirs N         最多跟随的重定向次数（默认 8）\n"
    "      --max-pages N          一次运行最多抓取的文档数（默认 500）\n"
    "      --ca-bundle FILE       用 FILE 中的 CA 证书验证 TLS\n"
    "      --user-agent STRING    HTTP User-Agent\n"
    "      --progress, --no-progress  是否在标准错误上显示进度（默认：终端上的长时间运行才显示）\n";

/* A whole non-negative number within [min, max]. */
static int parse_long(const char *name, const char *arg, long min, long max, long *out,
                      char *err, size_t errsize)
{
    char *end;
    errno = 0;
    long v = strtol(arg, &end, 10);
    if (end == arg || *end != '\0' || errno != 0 || v < min || v > max) {
        snprintf(err, errsize, "--%s 应为 %ld 到 %ld 之间的整数，而不是 '%s'", name, min, max,
                 arg);
        return -1;
    }
    *out = v;
    return 0;
}

static void set_string(char **dst, const char *arg)
{
    free(*dst);
    *dst = xstrdup(arg);
}

int fl_fetch_apply_option(fl_fetch_options *o, int code, const char *arg, char *err,
                          size_t errsize)
{
    long v;
    switch (code) {
    case OPT_FOLLOW:
        o->follow_attachments = 1;
        return 0;
    case OPT_CRAWL:
        if (parse_long("crawl", arg, 0, 10, &v, err, errsize) != 0)
            return -1;
        o->crawl_depth = (int)v;
        return 0;
    case OPT_MATCH:
        return fl_fetch_options_set_match(o, arg, err, errsize);
    case OPT_PER_HOST:
        return parse_long("per-host", arg, 1, 64, &o->per_host, err, errsize);
    case OPT_JOBS:
        return parse_long("jobs", arg, 1, 256, &o->max_total, err, errsize);
    case OPT_DELAY:
        return parse_long("delay", arg, 0, 600000, &o->delay_ms, err, errsize);
    case OPT_TIMEOUT:
        return parse_long("timeout", arg, 1, 86400, &o->timeout_s, err, errsize);
    case OPT_CONNECT_TIMEOUT:
        return parse_long("connect-timeout", arg, 1, 3600, &o->connect_timeout_s, err, errsize);
    case OPT_LOW_SPEED_TIME:
        return parse_long("low-speed-time", arg, 0, 86400, &o->low_speed_time_s, err, errsize);
    case OPT_RETRIES:
        return parse_long("retries", arg, 0, 20, &o->retries, err, errsize);
    case OPT_RETRY_WAIT:
        return parse_long("retry-wait", arg, 0, 600000, &o->retry_wait_ms, err, errsize);
    case OPT_MAX_REDIRS:
        return parse_long("max-redirs", arg, 0, 100, &o->max_redirs, err, errsize);
    case OPT_MAX_PAGES:
        if (parse_long("max-pages", arg, 1, 1000000, &v, err, errsize) != 0)
            return -1;
        o->max_pages = (size_t)v;
        return 0;
    case OPT_CA_BUNDLE:
        set_string(&o->ca_bundle, arg);
        return 0;
    case OPT_USER_AGENT:
        set_string(&o->user_agent, arg);
        return 0;
    case OPT_PROGRESS:
        o->progress = 1;
        return 0;
    case OPT_NO_PROGRESS:
        o->progress = 0;
        return 0;
    default:
        snprintf(err, errsize, "未知的抓取选项 (%d)", code);
        return -1;
    }
}

struct option *fl_fetch_merge_options(const struct option *own)
{
    size_t n1 = 0, n2 = 0;
    while (own[n1].name != NULL)
        n1++;
    while (fl_fetch_long_options[n2].name != NULL)
        n2++;
    struct option *all = xcalloc(n1 + n2 + 1, sizeof *all);
    memcpy(all, own, n1 * sizeof *all);
    memcpy(all + n1, fl_fetch_long_options, n2 * sizeof *all);
    return all;
}
