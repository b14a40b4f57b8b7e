/* cmd-fetch.c — `fislint fetch URL... -o DIR`: save what the URLs give
 * (pages, attachments, crawled pages) with a metadata record each, so a
 * later run can check offline or re-fetch only what changed. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "fetch-options.h"
#include "fetch.h"
#include "source.h"
#include "util.h"

typedef struct fetch_run {
    size_t saved, unchanged;
} fetch_run;

static void on_saved(void *ctx, const char *source, const char *path, int unchanged,
                     const char *error)
{
    fetch_run *run = ctx;
    if (error != NULL) {
        fprintf(stderr, "fislint: %s: %s\n", source, error);
        return;
    }
    if (unchanged)
        run->unchanged++;
    else
        run->saved++;
    printf("%s：%s -> %s\n", unchanged ? "未变化" : "已保存", source, path);
    fflush(stdout);
}

static void usage(FILE *out)
{
    fprintf(out,
            "用法：fislint fetch [选项] -o DIR URL…\n\n"
            "下载报告页面和附件，保存到 DIR，每个文件附一个 NAME.fetch.json 元数据记录；\n"
            "DIR 中已有的文件用条件请求（ETag / Last-Modified）重新抓取，未变化的不再下载。\n\n"
            "  -o, --output DIR           保存目录（不存在时创建）\n"
            "  -i, --input-list FILE      从 FILE 读取 URL 列表，每行一个（- 为标准输入）\n"
            "      --max-size BYTES       单个响应的大小上限（默认 %u；可写 64M、2G）\n"
            "%s"
            "  -h, --help                 显示本帮助\n\n"
            "退出状态：0 全部成功；2 用法错误；3 有 URL 抓取失败（其余照常抓取）。\n",
            FL_DEFAULT_MAX_INPUT, fl_fetch_options_help);
}

static const struct option own_options[] = {
    { "output", required_argument, NULL, 'o' },
    { "input-list", required_argument, NULL, 'i' },
    { "max-size", required_argument, NULL, FL_OPT_MAX_SIZE },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 },
};

int cmd_fetch(int argc, char **argv)
{
    fl_cli_inputs in;
    fl_cli_inputs_init(&in);
    fl_fetch_options *o = in.fetch; /* borrowed: in owns it */
    struct option *options = fl_fetch_merge_options(own_options);
    int status = FL_EXIT_USAGE;
    int c;

    optind = 1;
    while ((c = getopt_long(argc, argv, "o:i:h", options, NULL)) != -1) {
        switch (c) {
        case 'o':
            free(o->output_dir);
            o->output_dir = xstrdup(optarg);
            break;
        case 'h':
            usage(stdout);
            status = FL_EXIT_OK;
            goto out;
        case '?':
            usage(stderr);
            goto out;
        default: /* -i, --max-size, fetch options */
            if (fl_cli_inputs_option(&in, c, optarg) != 0)
                goto out;
        }
    }
    fl_cli_inputs_add_args(&in, argc, argv, optind);
    if (o->output_dir == NULL) {
        fprintf(stderr, "fislint: 请用 -o DIR 给出保存目录\n");
        usage(stderr);
        goto out;
    }
    if (in.count == 0) {
        fprintf(stderr, "fislint: 请给出要抓取的 URL\n");
        usage(stderr);
        goto out;
    }
    if (mkdir(o->output_dir, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "fislint: 无法创建目录 %s：%s\n", o->output_dir, strerror(errno));
        status = FL_EXIT_INPUT;
        goto out;
    }
    fetch_run run = { 0 };
    size_t failures = fl_fetch_save((const char *const *)in.items, in.count, o, in.max_size,
                                    on_saved, &run);
    if (failures > 0)
        fprintf(stderr, "fislint: %zu 个抓取失败\n", failures);
    status = failures > 0 ? FL_EXIT_INPUT : FL_EXIT_OK;
out:
    free(options);
    fl_cli_inputs_free(&in);
    return status;
}
