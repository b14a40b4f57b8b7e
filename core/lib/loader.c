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

static const fl_loaded_plugin *find_by_id(const fl_plugin_set *set, const char *id)
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
    const fl_loaded_plugin *dup = find_by_id(set, desc->id);
    if (dup != NULL) {
        report(on_error, ctx, path, "检查项 '%s' 已由 %s 提供，忽略此文件", desc->id, dup->path);
        dlclose(handle);
        goto fail;
    }
    void *state = NULL;
    if (desc->init != NULL) {
        const fl_config *c = cfg ? fl_config_section(cfg, desc->id) : NULL;
        if (desc->init(c, &state) != 0) {
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

/* 1 when this program is the one built in FL_BUILDDIR (not installed). */
static int running_uninstalled(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return 0;
    exe[n] = '\0';
    size_t len = strlen(FL_BUILDDIR);
    return strncmp(exe, FL_BUILDDIR, len) == 0 && exe[len] == '/';
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
    if (running_uninstalled())
        load_dir(set, FL_BUILDDIR "/plugins", 1, cfg, on_error, ctx);
    else
        load_dir(set, FL_PLUGINDIR, 0, cfg, on_error, ctx);
}

int fl_plugins_select(fl_plugin_set *set, const char *spec, char *err, size_t errsize)
{
    if (spec == NULL || *spec == '\0')
        return 0;
    /* A list that starts with an exclusion keeps everything else. */
    int first = 1;
    char *copy = xstrdup(spec);
    char *save = NULL;
    for (char *g = strtok_r(copy, ",", &save); g != NULL; g = strtok_r(NULL, ",", &save)) {
        while (*g == ' ')
            g++;
        int negate = *g == '-';
        if (negate)
            g++;
        if (first && !negate)
            for (size_t i = 0; i < set->count; i++)
                set->items[i].enabled = 0;
        first = 0;
        for (size_t i = 0; i < set->count; i++)
            if (fnmatch(g, set->items[i].desc->id, 0) == 0)
                set->items[i].enabled = !negate;
    }
    free(copy);
    for (size_t i = 0; i < set->count; i++)
        if (set->items[i].enabled)
            return 0;
    snprintf(err, errsize, "--checks '%s' 没有选中任何已加载的检查项（可用 fislint checks 查看）", spec);
    return -1;
}

void fl_plugins_unload(fl_plugin_set *set)
{
    for (size_t i = 0; i < set->count; i++) {
        fl_loaded_plugin *p = &set->items[i];
        if (p->desc->fini != NULL)
            p->desc->fini(p->state);
        /* Under AddressSanitizer keep the objects mapped so leak reports
         * can still name plugin frames. */
        if (getenv("FISLINT_NO_DLCLOSE") == NULL)
            dlclose(p->handle);
        free(p->path);
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
