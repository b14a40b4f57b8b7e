/* loader.c — finding check plugins, loading them with dlopen and refusing
 * the ones whose descriptor does not match this core's ABI. */
#include "loader.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report.h"
#include "util.h"

/* The smallest descriptor this core can use: ABI 1.0 ends with fini. */
#define MIN_STRUCT_SIZE (offsetof(fl_plugin, fini) + sizeof(((fl_plugin *)0)->fini))

static void report(fl_load_error_fn on_error, void *ctx, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void report(fl_load_error_fn on_error, void *ctx, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    if (on_error != NULL)
        on_error(ctx, path, msg);
    free(msg);
}

fl_loaded_plugin *fl_plugins_find(const fl_plugin_set *set, const char *id)
{
    for (size_t i = 0; i < set->count; i++)
        if (strcmp(set->items[i].desc->id, id) == 0)
            return &set->items[i];
    return NULL;
}

/* Checks the descriptor; returns NULL when usable, else the reason. */
static char *validate(const fl_plugin *d)
{
    if (d->magic != FISLINT_PLUGIN_MAGIC)
        return xasprintf("描述符 '%s' 的标识不对：应为 0x%08x，实际为 0x%08x——这可能不是 fislint 插件，"
                         "或是为其他版本编译的",
                         FISLINT_PLUGIN_SYMBOL, FISLINT_PLUGIN_MAGIC, (unsigned)d->magic);
    if (d->abi_major != FISLINT_ABI_MAJOR)
        return xasprintf("插件 ABI 主版本为 %u.%u，本程序需要 %d.x：请用当前的 <fislint/plugin.h> 重新编译插件",
                         d->abi_major, d->abi_minor, FISLINT_ABI_MAJOR);
    if (d->struct_size < MIN_STRUCT_SIZE)
        return xasprintf("描述符大小为 %u 字节，ABI %d.%d 至少需要 %zu 字节：请用当前头文件重新编译插件",
                         (unsigned)d->struct_size, FISLINT_ABI_MAJOR, FISLINT_ABI_MINOR, MIN_STRUCT_SIZE);
    if (d->id == NULL || d->id[0] == '\0')
        return xstrdup("描述符缺少检查项 id");
    for (const char *p = d->id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
            return xasprintf("检查项 id '%s' 只能包含小写字母、数字、'-' 和 '_'", d->id);
    if (d->check == NULL)
        return xstrdup("描述符缺少 check 函数");
    return NULL;
}

int fl_plugins_load_file(fl_plugin_set *set, const char *path, fl_config_set *cfg,
                         fl_load_error_fn on_error, void *ctx)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        report(on_error, ctx, path, "无法访问插件文件：%s", strerror(errno));
        goto fail;
    }
    if (!S_ISREG(st.st_mode)) {
        report(on_error, ctx, path, "不是普通文件，应为插件共享库 (.so)");
        goto fail;
    }
    /* RTLD_LOCAL: plugins must not see each other's symbols. */
    void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        report(on_error, ctx, path,
               "dlopen 失败：%s。常见原因是缺少依赖库（可用 ldd 检查）或文件不是共享库", dlerror());
        goto fail;
    }
    const fl_plugin *desc = dlsym(handle, FISLINT_PLUGIN_SYMBOL);
    if (desc == NULL) {
        report(on_error, ctx, path, "找不到导出符号 '%s'：插件须用 FISLINT_PLUGIN_DEFINE 定义描述符",
               FISLINT_PLUGIN_SYMBOL);
        dlclose(handle);
        goto fail;
    }
    char *why = validate(desc);
    if (why != NULL) {
        report(on_error, ctx, path, "%s", why);
        free(why);
        dlclose(handle);
        goto fail;
    }
    const fl_loaded_plugin *dup = fl_plugins_find(set, desc->id);
    if (dup != NULL) {
        report(on_error, ctx, path, "检查项 '%s' 已由 %s 提供，忽略此文件", desc->id, dup->path);
        dlclose(handle);
        goto fail;
    }
    void *state = NULL;
    if (desc->init != NULL) {
        const fl_config *c = cfg ? fl_config_section(cfg, desc->id) : NULL;
        size_t errors_before = cfg ? cfg->nerrors : 0;
        if (desc->init(c, &state) != 0) {
            /* A value the check refused is reported as a configuration
             * error (exit 2); only a silent failure is told here. */
            if (cfg == NULL || cfg->nerrors == errors_before)
                report(on_error, ctx, path, "检查项 '%s' 初始化失败（请检查其配置项）", desc->id);
            dlclose(handle);
            goto fail;
        }
    }
    set->items = xgrow(set->items, &set->cap, set->count + 1, sizeof *set->items);
    fl_loaded_plugin *p = &set->items[set->count++];
    p->desc = desc;
    p->handle = handle;
    p->path = xstrdup(path);
    p->state = state;
    p->enabled = 1;
    p->others_on = 1;
    p->nrules = 0;
    for (const fl_rule *r = fl_plugin_rules(desc); r != NULL && r->name != NULL; r++)
        p->nrules++;
    p->rule_on = xcalloc(p->nrules + 1, 1);
    memset(p->rule_on, 1, p->nrules);
    p->rule_severity = xcalloc(p->nrules + 1, sizeof *p->rule_severity);
    return 0;
fail:
    set->failures++;
    return -1;
}

static int ends_with_so(const char *name)
{
    size_t n = strlen(name);
    return n > 3 && strcmp(name + n - 3, ".so") == 0;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Load every *.so in dir, in name order so runs are reproducible.  With
 * `nested`, look one level down in <dir>/<name>/.libs/ (the build tree). */
static void load_dir(fl_plugin_set *set, const char *dir, int nested, fl_config_set *cfg,
                     fl_load_error_fn on_error, void *ctx)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return; /* a missing search directory is not an error */
    char **names = NULL;
    size_t count = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (nested || ends_with_so(e->d_name)) {
            names = xgrow(names, &cap, count + 1, sizeof *names);
            names[count++] = xstrdup(e->d_name);
        }
    }
    closedir(d);
    if (count > 1)
        qsort(names, count, sizeof *names, compare_names);
    for (size_t i = 0; i < count; i++) {
        if (nested) {
            char *sub = xasprintf("%s/%s/.libs", dir, names[i]);
            load_dir(set, sub, 0, cfg, on_error, ctx);
            free(sub);
        } else {
            char *path = xasprintf("%s/%s", dir, names[i]);
            fl_plugins_load_file(set, path, cfg, on_error, ctx);
            free(path);
        }
        free(names[i]);
    }
    free(names);
}

/* 1 when `path` lies inside directory `dir`. */
static int path_under(const char *path, const char *dir)
{
    size_t len = strlen(dir);
    return strncmp(path, dir, len) == 0 && path[len] == '/';
}

int fl_running_uninstalled(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return 0;
    exe[n] = '\0';
    /* A private prefix may lie inside the build tree (scripts/test.sh
     * installs into one): the program installed there is not the build's
     * and must use what was installed with it. */
    if (path_under(exe, FL_BINDIR))
        return 0;
    return path_under(exe, FL_BUILDDIR);
}

void fl_plugins_load(fl_plugin_set *set, const char *const *dirs, size_t ndirs,
                     fl_config_set *cfg, fl_load_error_fn on_error, void *ctx)
{
    for (size_t i = 0; i < ndirs; i++)
        load_dir(set, dirs[i], 0, cfg, on_error, ctx);
    const char *env = getenv("FISLINT_PLUGIN_PATH");
    if (env != NULL && *env != '\0') {
        char *copy = xstrdup(env);
        char *save = NULL;
        for (char *p = strtok_r(copy, ":", &save); p != NULL; p = strtok_r(NULL, ":", &save))
            load_dir(set, p, 0, cfg, on_error, ctx);
        free(copy);
    }
    if (fl_running_uninstalled())
        load_dir(set, FL_BUILDDIR "/plugins", 1, cfg, on_error, ctx);
    else
        load_dir(set, FL_PLUGINDIR, 0, cfg, on_error, ctx);
}

static void set_check(fl_loaded_plugin *p, int on)
{
    p->enabled = on;
    p->others_on = on;
    memset(p->rule_on, on, p->nrules);
}

/* Applies one entry of a --checks list; returns how many it matched. */
static size_t select_one(fl_plugin_set *set, const char *glob, int on)
{
    size_t matched = 0;
    int is_rule = strchr(glob, '/') != NULL;
    for (size_t i = 0; i < set->count; i++) {
        fl_loaded_plugin *p = &set->items[i];
        if (!is_rule) {
            if (fnmatch(glob, p->desc->id, 0) == 0) {
                set_check(p, on);
                matched++;
            }
            continue;
        }
        const fl_rule *rules = fl_plugin_rules(p->desc);
        for (size_t k = 0; k < p->nrules; k++) {
            char *full = xasprintf("%s/%s", p->desc->id, rules[k].name);
            if (fnmatch(glob, full, 0) == 0) {
                p->rule_on[k] = (unsigned char)on;
                if (on)
                    p->enabled = 1; /* its other rules stay as they are */
                matched++;
            }
            free(full);
        }
    }
    return matched;
}

int fl_plugins_select(fl_plugin_set *set, const char *spec, char *err, size_t errsize)
{
    if (spec == NULL || *spec == '\0')
        return 0;
    /* A list that starts with an exclusion keeps everything else. */
    int first = 1, rc = 0;
    char *copy = xstrdup(spec);
    char *save = NULL;
    for (char *g = strtok_r(copy, ",", &save); g != NULL && rc == 0; g = strtok_r(NULL, ",", &save)) {
        while (*g == ' ')
            g++;
        char *end = g + strlen(g);
        while (end > g && end[-1] == ' ')
            *--end = '\0';
        if (*g == '\0')
            continue;
        int negate = *g == '-';
        if (negate)
            g++;
        if (first && !negate)
            for (size_t i = 0; i < set->count; i++)
                set_check(&set->items[i], 0);
        first = 0;
        if (select_one(set, g, !negate) == 0) {
            int is_rule = strchr(g, '/') != NULL;
            char *close = fl_plugins_suggest(set, g, is_rule);
            /* a glob selects; a plain name names */
            const char *verb = strpbrk(g, "*?[") ? "没有选中任何已加载的" : "不是已加载的";
            snprintf(err, errsize, "'%s' %s%s%s%s%s", g, verb, is_rule ? "规则" : "检查项",
                     close ? "（最接近的：" : "（可用 fislint checks --rules 查看）", close ? close : "",
                     close ? "）" : "");
            free(close);
            rc = -1;
        }
    }
    free(copy);
    if (rc != 0)
        return rc;
    for (size_t i = 0; i < set->count; i++)
        if (set->items[i].enabled)
            return 0;
    snprintf(err, errsize, "'%s' 没有选中任何已加载的检查项（可用 fislint checks 查看）", spec);
    return -1;
}

void fl_plugins_unload(fl_plugin_set *set)
{
    if (fl_report_policy() == set)
        fl_report_set_policy(NULL); /* it is about to go */
    for (size_t i = 0; i < set->count; i++) {
        fl_loaded_plugin *p = &set->items[i];
        if (p->desc->fini != NULL)
            p->desc->fini(p->state);
        /* Under AddressSanitizer keep the objects mapped so leak reports
         * can still name plugin frames. */
        if (getenv("FISLINT_NO_DLCLOSE") == NULL)
            dlclose(p->handle);
        free(p->path);
        free(p->rule_on);
        free(p->rule_severity);
    }
    free(set->items);
    set->items = NULL;
    set->count = set->cap = 0;
}

const fl_rule *fl_plugin_rules(const fl_plugin *desc)
{
    /* A 1.0 descriptor ends at fini: its struct_size says so. */
    if (desc == NULL || desc->struct_size < offsetof(fl_plugin, rules) + sizeof desc->rules)
        return NULL;
    return desc->rules;
}

const char *const *fl_plugin_option_keys(const fl_plugin *desc)
{
    if (desc == NULL || desc->struct_size < offsetof(fl_plugin, options) + sizeof desc->options)
        return NULL;
    return desc->options;
}

unsigned fl_plugin_flags(const fl_plugin *desc)
{
    if (desc == NULL || desc->struct_size < offsetof(fl_plugin, flags) + sizeof desc->flags)
        return 0;
    return desc->flags;
}

size_t fl_plugins_view(const fl_plugin_set *set, unsigned flag, int with, fl_plugin_set *view)
{
    *view = *set;
    view->items = xcalloc(set->count ? set->count : 1, sizeof *view->items);
    view->cap = set->count;
    size_t enabled = 0;
    for (size_t i = 0; i < set->count; i++) {
        view->items[i] = set->items[i];
        int has = (fl_plugin_flags(set->items[i].desc) & flag) != 0;
        view->items[i].enabled = set->items[i].enabled && has == (with != 0);
        enabled += (size_t)view->items[i].enabled;
    }
    return enabled;
}

void fl_plugins_view_free(fl_plugin_set *view)
{
    free(view->items);
    view->items = NULL;
    view->count = view->cap = 0;
}

/* Edit distance between two ASCII ids (short: a row of 64 is plenty). */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return (size_t)-1;
    size_t row[64];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

typedef struct candidate {
    char *name;
    size_t score;
} candidate;

static void consider(candidate *best, char *name, const char *wanted)
{
    const char *slash = strchr(name, '/');
    size_t d = distance(wanted, name);
    /* "narrative" for "table-totals/narrative": the rule's own name. */
    if (slash != NULL && strchr(wanted, '/') == NULL) {
        size_t dr = distance(wanted, slash + 1);
        if (dr < d)
            d = dr;
    }
    size_t limit = strlen(wanted) / 3 < 2 ? 2 : strlen(wanted) / 3;
    if (d > limit) {
        free(name);
        return;
    }
    for (size_t i = 0; i < 3; i++) {
        if (best[i].name == NULL || d < best[i].score) {
            free(best[2].name);
            memmove(&best[i + 1], &best[i], (2 - i) * sizeof *best);
            best[i].name = name;
            best[i].score = d;
            return;
        }
    }
    free(name);
}

char *fl_plugins_suggest(const fl_plugin_set *set, const char *name, int rules)
{
    candidate best[3] = { { NULL, 0 }, { NULL, 0 }, { NULL, 0 } };
    for (size_t i = 0; i < set->count; i++) {
        const fl_plugin *d = set->items[i].desc;
        if (!rules) {
            consider(best, xstrdup(d->id), name);
            continue;
        }
        for (const fl_rule *r = fl_plugin_rules(d); r != NULL && r->name != NULL; r++)
            consider(best, xasprintf("%s/%s", d->id, r->name), name);
    }
    if (best[0].name == NULL)
        return NULL;
    fl_buf b = { 0 };
    for (size_t i = 0; i < 3 && best[i].name != NULL; i++) {
        /* only the names about as close as the closest one */
        if (best[i].score <= best[0].score + 1)
            fl_buf_printf(&b, "%s%s", i ? "、" : "", best[i].name);
        free(best[i].name);
    }
    return fl_buf_steal(&b);
}

/* [severity]: "check/rule = warning", or "check = warning" for all its rules. */
static void configure_severity(fl_plugin_set *set, fl_config_set *cfg, const fl_config *sec)
{
    for (size_t i = 0; i < sec->count; i++) {
        const fl_config_entry *e = &sec->entries[i];
        char *where = fl_config_where(e);
        fl_severity sev = fl_severity_parse(e->value);
        const char *slash = strchr(e->key, '/');
        char *id = slash ? xstrndup(e->key, (size_t)(slash - e->key)) : xstrdup(e->key);
        fl_loaded_plugin *p = fl_plugins_find(set, id);
        const fl_rule *rules = p ? fl_plugin_rules(p->desc) : NULL;
        const fl_rule *r = slash && p ? fl_rule_find(rules, id, slash + 1) : NULL;
        if (p == NULL || (slash != NULL && r == NULL)) {
            char *close = fl_plugins_suggest(set, e->key, slash != NULL);
            fl_config_error(cfg, "%s: [severity] 未知的%s '%s'%s%s%s", where, slash ? "规则" : "检查项", e->key,
                            close ? "（最接近的：" : "（可用 fislint checks --rules 查看）", close ? close : "",
                            close ? "）" : "");
            free(close);
        } else if (sev == 0) {
            fl_config_error(cfg, "%s: [severity] %s = %s: 应为 error、warning 或 info（错误、警告、提示）", where,
                            e->key, e->value);
        } else {
            for (size_t k = 0; k < p->nrules; k++)
                if (r == NULL || r == &rules[k])
                    p->rule_severity[k] = sev;
        }
        free(id);
        free(where);
    }
}

static void configure_fislint(fl_plugin_set *set, fl_config_set *cfg, const fl_config *sec)
{
    for (size_t i = 0; i < sec->count; i++) {
        const fl_config_entry *e = &sec->entries[i];
        char *where = fl_config_where(e);
        if (strcmp(e->key, "min-severity") == 0) {
            fl_severity sev = fl_severity_parse(e->value);
            if (sev == 0)
                fl_config_error(cfg, "%s: [fislint] min-severity = %s: 应为 error、warning 或 info", where,
                                e->value);
            else
                set->min_severity = sev;
        } else if (strcmp(e->key, "checks") != 0) { /* checks: fl_plugins_select */
            fl_config_error(cfg, "%s: [fislint] 未知选项 '%s'（可用：checks、min-severity）", where, e->key);
        }
        free(where);
    }
}

/* A check's section: every key must be one the check declares. */
static void configure_check(fl_config_set *cfg, const fl_config *sec, const fl_plugin *desc)
{
    const char *const *known = fl_plugin_option_keys(desc);
    if (known == NULL)
        return; /* the check does not say which keys it reads */
    for (size_t i = 0; i < sec->count; i++) {
        const fl_config_entry *e = &sec->entries[i];
        int ok = 0;
        for (size_t k = 0; known[k] != NULL && !ok; k++)
            ok = strcmp(known[k], e->key) == 0;
        if (ok)
            continue;
        fl_buf list = { 0 };
        for (size_t k = 0; known[k] != NULL; k++)
            fl_buf_printf(&list, "%s%s", k ? "、" : "", known[k]);
        char *where = fl_config_where(e);
        if (list.data != NULL)
            fl_config_error(cfg, "%s: [%s] 未知选项 '%s'（此检查项的选项：%s）", where, sec->name, e->key,
                            list.data);
        else
            fl_config_error(cfg, "%s: [%s] 未知选项 '%s'（此检查项没有选项）", where, sec->name, e->key);
        free(where);
        free(list.data);
    }
}

void fl_plugins_configure(fl_plugin_set *set, fl_config_set *cfg)
{
    for (size_t i = 0; i < cfg->count; i++) {
        const fl_config *sec = cfg->sections[i];
        if (!sec->named)
            continue; /* made by a lookup, not by the user */
        if (strcmp(sec->name, "fislint") == 0) {
            configure_fislint(set, cfg, sec);
        } else if (strcmp(sec->name, "severity") == 0) {
            configure_severity(set, cfg, sec);
        } else {
            fl_loaded_plugin *p = fl_plugins_find(set, sec->name);
            if (p != NULL) {
                configure_check(cfg, sec, p->desc);
                continue;
            }
            char *close = fl_plugins_suggest(set, sec->name, 0);
            char *where = sec->file ? xasprintf("%s:%zu", sec->file, sec->line) : xstrdup("--set");
            fl_config_error(cfg, "%s: 未知检查项 [%s]%s%s%s", where, sec->name,
                            close ? "（最接近的：" : "（可用 fislint checks 查看；另有 [fislint] 与 [severity]）",
                            close ? close : "", close ? "）" : "");
            free(where);
            free(close);
        }
    }
}
