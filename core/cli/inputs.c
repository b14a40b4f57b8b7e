/* inputs.c — what the commands that read documents share: paths and URLs
 * from the command line and from `-i FILE` lists, the --max-size limit,
 * and the fetch options. */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "fetch-options.h"
#include "util.h"
#include "zip-entry.h"

void fl_cli_inputs_init(fl_cli_inputs *in)
{
    memset(in, 0, sizeof *in);
    in->max_size = FL_DEFAULT_MAX_INPUT;
    in->fetch = fl_fetch_options_new();
}

static void add_one(fl_cli_inputs *in, char *item, const char *unit)
{
    /* Grown geometrically: a list of a million entries stays linear. */
    in->items = xgrow(in->items, &in->cap, in->count + 1, sizeof *in->items);
    in->units = xgrow(in->units, &in->units_cap, in->count + 1, sizeof *in->units);
    in->units[in->count] = unit ? xstrdup(unit) : NULL;
    in->items[in->count++] = item;
}

/* The report formats a directory walk picks up (by name). */
static int is_report_name(const char *name)
{
    static const char *const EXT[] = { ".txt", ".md", ".htm", ".html", ".docx", ".xlsx", ".pdf" };
    const char *dot = strrchr(name, '.');
    for (size_t i = 0; dot != NULL && i < sizeof EXT / sizeof EXT[0]; i++)
        if (strcasecmp(dot, EXT[i]) == 0)
            return 1;
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Files of `dir` and its subdirectories that look like reports, sorted by
 * path so a run is reproducible.  Hidden entries and symbolic links to
 * directories (possible cycles) are skipped. */
static void walk(const char *dir, int depth, char ***out, size_t *n, size_t *cap)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        fprintf(stderr, "fislint: %s: 无法读取目录：%s\n", dir, strerror(errno));
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char *path = xasprintf("%s/%s", dir, e->d_name);
        struct stat lst, st;
        if (lstat(path, &lst) == 0 && S_ISDIR(lst.st_mode)) {
            if (depth < 32)
                walk(path, depth + 1, out, n, cap);
            free(path);
        } else if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && is_report_name(e->d_name)) {
            *out = xgrow(*out, cap, *n + 1, sizeof **out);
            (*out)[(*n)++] = path;
        } else {
            free(path);
        }
    }
    closedir(d);
}

/* A path, URL or "-"; a directory stands for the reports inside it.
 * `unit` (or NULL) goes with every document the item yields. */
static void add_item(fl_cli_inputs *in, const char *item, const char *unit)
{
    struct stat st;
    if (strcmp(item, "-") != 0 && stat(item, &st) == 0 && S_ISDIR(st.st_mode)) {
        char **files = NULL;
        size_t n = 0, cap = 0;
        size_t len = strlen(item);
        char *root = xstrndup(item, len > 1 && item[len - 1] == '/' ? len - 1 : len);
        walk(root, 0, &files, &n, &cap);
        free(root);
        if (n > 0) {
            qsort(files, n, sizeof *files, by_name);
            for (size_t i = 0; i < n; i++)
                add_one(in, files[i], unit);
            free(files);
            return;
        }
        free(files);
        fprintf(stderr, "fislint: %s: 目录中没有报告文件（.txt .md .html .docx .xlsx .pdf）\n", item);
    }
    add_one(in, xstrdup(item), unit);
}

/* Bounds of an `-i` list: a list of reports is a few thousand lines; a
 * device or a binary file given by mistake (-i /dev/zero) must end in a
 * message, not in memory growing without limit. */
#define LIST_MAX_BYTES (16u << 20)
#define LIST_MAX_ENTRIES 1000000u
#define LIST_MAX_LINE 65536

/* `-i FILE`: one path or URL per line ('#' comments and blank lines
 * skipped; "-" reads standard input), optionally followed by a TAB and
 * the unit (bureau) the report belongs to. */
static int read_list(fl_cli_inputs *in, const char *path)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (f == NULL) {
        fprintf(stderr, "fislint: %s: 无法读取列表文件：%s\n", path, strerror(errno));
        return -1;
    }
    char *line = xmalloc(LIST_MAX_LINE);
    size_t total = 0, lineno = 0, entries = 0;
    int rc = 0;
    while (fgets(line, LIST_MAX_LINE, f) != NULL) {
        lineno++;
        size_t len = strlen(line);
        int whole = len > 0 && line[len - 1] == '\n';
        if (!whole && !feof(f)) {
            /* fgets stopped without a newline: the line is longer than
             * the buffer, or a NUL byte hides the rest (binary data) */
            fprintf(stderr, "fislint: %s: 列表文件第 %zu 行过长（超过 %d 字节）或含有 NUL 字节，"
                    "不像路径或 URL 列表\n", path, lineno, LIST_MAX_LINE - 1);
            rc = -1;
            break;
        }
        total += len;
        if (total > LIST_MAX_BYTES) {
            fprintf(stderr, "fislint: %s: 列表文件超过 %u MB，请拆成几个较小的列表\n",
                    path, LIST_MAX_BYTES >> 20);
            rc = -1;
            break;
        }
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' '))
            line[--len] = '\0';
        char *s = line;
        while (*s == ' ' || *s == '\t')
            s++;
        if (*s == '\0' || *s == '#')
            continue;
        if (++entries > LIST_MAX_ENTRIES) {
            fprintf(stderr, "fislint: %s: 列表文件超过 %u 项，请拆成几个较小的列表\n",
                    path, LIST_MAX_ENTRIES);
            rc = -1;
            break;
        }
        char *tab = strchr(s, '\t');
        const char *unit = NULL;
        if (tab != NULL) {
            *tab = '\0';
            unit = tab + 1;
            while (*unit == ' ' || *unit == '\t')
                unit++;
            if (*unit == '\0')
                unit = NULL;
        }
        add_item(in, s, unit);
    }
    if (rc == 0 && ferror(f)) {
        fprintf(stderr, "fislint: %s: 读取列表文件出错：%s\n", path, strerror(errno));
        rc = -1;
    }
    free(line);
    if (f != stdin)
        fclose(f);
    return rc;
}

/* Bytes, or with a K, M or G suffix (binary: 64M is 64 MiB). */
static int parse_max_size(fl_cli_inputs *in, const char *arg)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(arg, &end, 10);
    unsigned shift = 0;
    if (end != arg && end[0] != '\0' && end[1] == '\0') {
        const char *units = "KMG", *u = strchr(units, end[0] & ~0x20);
        if (u != NULL) {
            shift = 10u * (unsigned)(u - units + 1);
            end++;
        }
    }
    if (end == arg || *end != '\0' || v == 0 || errno != 0 || arg[0] == '-' ||
        v > (SIZE_MAX >> shift)) {
        fprintf(stderr, "fislint: --max-size 应为正整数（字节，可带 K、M、G），而不是 '%s'\n", arg);
        return -1;
    }
    v <<= shift;
    in->max_size = (size_t)v;
    /* A DOCX/XLSX of that size may inflate beyond the default budget. */
    fl_zip_set_default_budget(in->max_size);
    return 0;
}

int fl_cli_inputs_option(fl_cli_inputs *in, int code, const char *arg)
{
    char err[1024];
    switch (code) {
    case 'i':
        return read_list(in, arg);
    case FL_OPT_MAX_SIZE:
        return parse_max_size(in, arg);
    default:
        if (fl_fetch_apply_option(in->fetch, code, arg, err, sizeof err) != 0) {
            fprintf(stderr, "fislint: %s\n", err);
            return -1;
        }
        return 0;
    }
}

void fl_cli_inputs_add_args(fl_cli_inputs *in, int argc, char **argv, int first)
{
    for (int i = first; i < argc; i++)
        add_item(in, argv[i], NULL);
}

void fl_cli_inputs_free(fl_cli_inputs *in)
{
    for (size_t i = 0; i < in->count; i++) {
        free(in->items[i]);
        free(in->units[i]);
    }
    free(in->items);
    free(in->units);
    fl_fetch_options_free(in->fetch);
    memset(in, 0, sizeof *in);
}

unsigned fl_cli_default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 && n <= 1024 ? (unsigned)n : 1;
}

const char *fl_cli_inputs_unit(const fl_cli_inputs *in, const char *source, size_t *hint)
{
    for (size_t k = 0; k < in->count; k++) {
        size_t i = (*hint + k) % in->count;
        if (strcmp(in->items[i], source) == 0) {
            *hint = i + 1;
            return in->units[i];
        }
    }
    return NULL;
}
