/* arglist.c — what commands share about their inputs: `-i FILE` lists of
 * paths and URLs, and the --max-size limit. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "util.h"

int fl_arglist_read(const char *path, char ***items, size_t *n, char *err, size_t errsize)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (f == NULL) {
        snprintf(err, errsize, "%s: 无法读取列表文件：%s", path, strerror(errno));
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) >= 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' '))
            line[--len] = '\0';
        char *s = line;
        while (*s == ' ' || *s == '\t')
            s++;
        if (*s == '\0' || *s == '#')
            continue;
        *items = xrealloc(*items, (*n + 1) * sizeof **items);
        (*items)[(*n)++] = xstrdup(s);
    }
    free(line);
    if (f != stdin)
        fclose(f);
    return 0;
}

int fl_cli_max_size(const char *arg, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(arg, &end, 10);
    if (end == arg || *end != '\0' || v == 0 || errno != 0 || arg[0] == '-') {
        fprintf(stderr, "fislint: --max-size 应为正整数（字节），而不是 '%s'\n", arg);
        return -1;
    }
    *out = (size_t)v;
    return 0;
}
