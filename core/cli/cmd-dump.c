/* cmd-dump.c — `fislint dump FILE`: show the document model a check sees. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "document.h"
#include "dump.h"
#include "fetch.h"
#include "heap-advice.h"
#include "source.h"

typedef struct dump_run {
    int json;
    int failed;
    int write_errno;     /* non-zero once stdout could not be written */
} dump_run;

static void on_document(void *ctx, const char *source, const fl_input *input, const char *error)
{
    dump_run *run = ctx;
    if (run->write_errno != 0)
        return;                 /* nowhere to write: no use reading on */
    if (error != NULL) {
        fprintf(stderr, "fislint: %s: %s\n", source, error);
        run->failed = 1;
        return;
    }
    fl_document *doc = fl_document_from_text(source, input->format, input->text, input->len);
    if (run->json)
        fl_dump_json(stdout, doc);
    else
        fl_dump_text(stdout, doc);
    fl_document_free(doc);
    /* A full disk or a closed pipe must not look like a complete dump. */
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout))
        run->write_errno = errno != 0 ? errno : EIO;
}

int cmd_dump(int argc, char **argv)
{
    static const struct option options[] = {
        { "format", required_argument, NULL, 'f' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    dump_run run = { 0 };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:h", options, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (strcmp(optarg, "json") == 0)
                run.json = 1;
            else if (strcmp(optarg, "text") != 0) {
                fprintf(stderr, "fislint: --format 应为 text 或 json，而不是 '%s'\n", optarg);
                return FL_EXIT_USAGE;
            }
            break;
        case 'h':
            printf("用法：fislint dump [--format text|json] 文件|URL|- …\n"
                   "显示解析后的文档模型：章节树、表格（表头、行、单元格）、段落和文中金额，\n"
                   "行号与检查结果中的行号一致。\n");
            return FL_EXIT_OK;
        default:
            return FL_EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "用法：fislint dump [--format text|json] 文件|- …\n");
        return FL_EXIT_USAGE;
    }
    fl_heap_keep();
    for (int i = optind; i < argc && run.write_errno == 0; i++) {
        if (fl_source_is_url(argv[i])) {
            /* default fetch options: a URL is dumped as `check` would read it */
            fl_fetch_options *fo = fl_fetch_options_new();
            const char *url = argv[i];
            fl_fetch_documents(&url, 1, fo, FL_DEFAULT_MAX_INPUT, on_document, &run);
            fl_fetch_options_free(fo);
        } else {
            fl_source_load_file(argv[i], FL_DEFAULT_MAX_INPUT, on_document, &run);
        }
    }
    if (run.write_errno == 0) {
        errno = 0;
        if (fflush(stdout) != 0 || ferror(stdout))
            run.write_errno = errno != 0 ? errno : EIO;
    }
    if (run.write_errno != 0) {
        fprintf(stderr, "fislint: 写入输出时出错：%s\n", strerror(run.write_errno));
        return FL_EXIT_USAGE;
    }
    return run.failed ? FL_EXIT_INPUT : FL_EXIT_OK;
}
