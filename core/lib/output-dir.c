/* output-dir.c — writing into a directory (--output-dir): one report, or
 * one per unit (--split-by unit) named after the unit, with an index. */
#include "output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "text.h"
#include "util.h"

/* The longest file name we make, in bytes (file systems allow 255). */
#define NAME_MAX_BYTES 150

/* mkdir -p */
static int make_dir(const char *dir)
{
    char *p = xstrdup(dir);
    int rc = 0;
    for (char *s = p + 1; rc == 0; s++) {
        if (*s != '/' && *s != '\0')
            continue;
        char c = *s;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST)
            rc = -1;
        *s = c;
        if (c == '\0')
            break;
    }
    free(p);
    struct stat st;
    return rc == 0 && stat(dir, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1;
}

/* A file name from a unit name that came from a document: letters (any
 * script), digits, '-' and '_' kept; path separators, dots, spaces and
 * anything else become '_'; cut on a character boundary. */
static char *safe_name(const char *unit)
{
    fl_buf b = { 0 };
    size_t len = strlen(unit);
    for (size_t i = 0; i < len && b.len < NAME_MAX_BYTES;) {
        size_t k = fl_utf8_len(unit + i);
        unsigned char c = (unsigned char)unit[i];
        int ok_ascii = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_';
        int ok_utf8 = c >= 0x80 && k > 1 && fl_utf8_valid((const unsigned char *)unit + i, k, NULL);
        if (ok_ascii || ok_utf8)
            fl_buf_append(&b, unit + i, k);
        else if (b.len == 0 || b.data[b.len - 1] != '_')
            fl_buf_append(&b, "_", 1);
        i += k;
    }
    if (b.len == 0 || strcmp(b.data, "_") == 0 || strcmp(b.data, "index") == 0)
        fl_buf_puts(&b, "单位");
    return fl_buf_steal(&b);
}

static int write_file(const fl_output_format *fmt, const char *path, const fl_doc_result *docs,
                      size_t n, const char *const *units, const char *const *files,
                      const fl_summary *sums, char *err, size_t errsize)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL) {
        snprintf(err, errsize, "无法写入 %s：%s", path, strerror(errno));
        return -1;
    }
    if (fmt != NULL)
        fmt->write(f, docs, n);
    else
        fl_output_html_index(f, units, files, sums, n);
    int bad = ferror(f);
    if (fclose(f) != 0 || bad) {
        snprintf(err, errsize, "写入 %s 时出错：%s", path, strerror(errno));
        return -1;
    }
    return 0;
}

int fl_output_to_dir(const fl_output_format *fmt, const char *dir, int split_by_unit,
                     const fl_doc_result *docs, size_t n, char *err, size_t errsize)
{
    if (make_dir(dir) != 0) {
        snprintf(err, errsize, "无法创建输出目录 %s：%s", dir, strerror(errno));
        return -1;
    }
    if (!split_by_unit) {
        char *path = xasprintf("%s/fislint-report.%s", dir, fmt->extension);
        int rc = write_file(fmt, path, docs, n, NULL, NULL, NULL, err, errsize);
        free(path);
        return rc;
    }
    /* Units in the order they first appear; their documents in input order. */
    const char **units = NULL;
    char **files = NULL;
    fl_summary *sums = NULL;
    size_t nunits = 0, cap = 0, fcap = 0, scap = 0;
    for (size_t d = 0; d < n; d++) {
        const char *u = fl_output_unit(&docs[d]);
        size_t i = 0;
        while (i < nunits && strcmp(units[i], u) != 0)
            i++;
        if (i == nunits) {
            units = xgrow(units, &cap, nunits + 1, sizeof *units);
            units[nunits++] = u;
        }
    }
    /* Documents whose unit was not found go last, as in the HTML page. */
    for (size_t i = 0; i + 1 < nunits; i++)
        if (strcmp(units[i], fl_output_unit(&(fl_doc_result){ 0 })) == 0) {
            const char *u = units[i];
            memmove(&units[i], &units[i + 1], (nunits - i - 1) * sizeof *units);
            units[nunits - 1] = u;
            break;
        }
    files = xgrow(files, &fcap, nunits + 1, sizeof *files);
    sums = xgrow(sums, &scap, nunits + 1, sizeof *sums);
    fl_doc_result *subset = xmalloc(sizeof *subset * (n ? n : 1));
    int rc = 0;
    for (size_t i = 0; i < nunits; i++) {
        char *base = safe_name(units[i]);
        /* Two units may clean up to the same name ("a/b", "a_b"). */
        char *name = xasprintf("%s.%s", base, fmt->extension);
        for (int k = 2;; k++) {
            size_t j = 0;
            while (j < i && strcmp(files[j], name) != 0)
                j++;
            if (j == i)
                break;
            free(name);
            name = xasprintf("%s-%d.%s", base, k, fmt->extension);
        }
        free(base);
        files[i] = name;
        size_t m = 0;
        for (size_t d = 0; d < n; d++)
            if (strcmp(fl_output_unit(&docs[d]), units[i]) == 0)
                subset[m++] = docs[d]; /* shallow: the writers only read */
        sums[i] = fl_summarize(subset, m);
        char *path = xasprintf("%s/%s", dir, name);
        if (rc == 0)
            rc = write_file(fmt, path, subset, m, NULL, NULL, NULL, err, errsize);
        free(path);
    }
    if (rc == 0) {
        char *path = xasprintf("%s/index.html", dir);
        rc = write_file(NULL, path, NULL, nunits, units, (const char *const *)files, sums, err,
                        errsize);
        free(path);
    }
    for (size_t i = 0; i < nunits; i++)
        free(files[i]);
    free(files);
    free(units);
    free(sums);
    free(subset);
    return rc;
}
