/* fislint.c — main(): dispatch to a command. */
#include <stdio.h>
#include <string.h>

#include "build-config.h"
#include "cli.h"
#include "followup.h"

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    { "check", cmd_check, "检查报告（文件、URL 或 - 表示标准输入），列出问题" },
    { "checks", cmd_checks, "列出已加载的检查项：id、版本、说明（--rules 列出规则）" },
    { "config", cmd_config, "显示生效的配置及每个值的来源（文件:行、--set 或默认）" },
    { "explain", cmd_explain, "说明一条规则：检查什么、常见原因、单位如何改正" },
    { "dump", cmd_dump, "显示报告解析后的文档模型（章节、表格、金额）" },
    { "fetch", cmd_fetch, "按 URL 下载报告并保存，附元数据记录" },
    { "history", cmd_history, "列出历史数据库（--db）中的各次运行及各单位的问题数" },
    { "diff", cmd_diff, "比较两次运行：各单位新增、已整改、仍未整改的问题（整改跟踪）" },
    { "report", cmd_report, "一个单位的整改跟踪清单：未整改问题、首次发现时间、已持续天数" },
};

static void usage(FILE *out)
{
    fprintf(out, "用法：fislint <命令> [选项] [参数…]\n\n命令：\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\n`fislint <命令> --help` 显示该命令的选项。\n"
                 "退出状态：0 无问题；1 有达到 --fail-on 级别的问题；2 用法或配置错误；3 有输入无法读取。\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return FL_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return FL_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        printf("fislint %s (plugin ABI %d.%d)\n", PACKAGE_VERSION, FISLINT_ABI_MAJOR, FISLINT_ABI_MINOR);
        return FL_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "fislint: 未知命令 '%s'\n\n", argv[1]);
    usage(stderr);
    return FL_EXIT_USAGE;
}
