/* fetch-config.c — fetch options: defaults and the crawl filter. */
#include "build-config.h" /* PACKAGE_VERSION */
#include "fetch-internal.h"

#include <stdio.h>
#include <stdlib.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "util.h"


fl_fetch_options *fl_fetch_options_new(void)
{
    fl_fetch_options *o = xcalloc(1, sizeof *o);
    /* Polite defaults for government portals that answer slowly and
     * block aggressive clients. */
    o->per_host = 2;
    o->max_total = 8;
    o->delay_ms = 200;
    o->timeout_s = 120;
    o->connect_timeout_s = 20;
    /* A server that drips a byte every few seconds (slowloris) would
     * otherwise hold each URL for the whole timeout, retried. */
    o->low_speed_time_s = 30;
    o->retries = 2;
    o->retry_wait_ms = 1000;
    o->max_redirs = 8;
    o->max_size = 0;
    o->max_pages = 500;
    o->user_agent = xstrdup("fislint/" PACKAGE_VERSION " (report linter; libcurl)");
    o->progress = -1;
    return o;
}

void fl_fetch_options_free(fl_fetch_options *o)
{
    if (o == NULL)
        return;
    free(o->match);
    pcre2_code_free(o->match_code);
    free(o->ca_bundle);
    free(o->user_agent);
    free(o->output_dir);
    free(o);
}

int fl_fetch_options_set_match(fl_fetch_options *o, const char *pattern, char *err,
                               size_t errsize)
{
    int code;
    PCRE2_SIZE offset;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                                   PCRE2_UTF | PCRE2_CASELESS, &code, &offset, NULL);
    if (re == NULL) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(code, msg, sizeof msg);
        snprintf(err, errsize, "--match 的正则表达式有误（第 %zu 个字符）：%s", (size_t)offset,
                 (const char *)msg);
        return -1;
    }
    free(o->match);
    pcre2_code_free(o->match_code);
    o->match = xstrdup(pattern);
    o->match_code = re;
    return 0;
}
