/* config.c — INI-style configuration: [section] headers and key = value
 * lines; '#' and ';' start comments.  --set overrides win over the file.
 * Each value keeps its origin; the typed getters of the plugin API refuse
 * values that are not of their type instead of silently using a default. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

fl_config_set *fl_config_set_new(void)
{
    return xcalloc(1, sizeof(fl_config_set));
}

static void section_free(fl_config *c)
{
    for (size_t j = 0; j < c->count; j++) {
        free(c->entries[j].key);
        free(c->entries[j].value);
        free(c->entries[j].file);
    }
    for (size_t j = 0; j < c->ndefaults; j++) {
        free(c->defaults[j].key);
        free(c->defaults[j].value);
    }
    free(c->entries);
    free(c->defaults);
    free(c->file);
    free(c->name);
    free(c);
}

void fl_config_set_free(fl_config_set *set)
{
    if (set == NULL)
        return;
    for (size_t i = 0; i < set->count; i++)
        section_free(set->sections[i]);
    for (size_t i = 0; i < set->nerrors; i++)
        free(set->errors[i]);
    free(set->errors);
    free(set->sections);
    free(set->path);
    free(set);
}

const fl_config *fl_config_section(fl_config_set *set, const char *section)
{
    for (size_t i = 0; i < set->count; i++)
        if (strcmp(set->sections[i]->name, section) == 0)
            return set->sections[i];
    fl_config *c = xcalloc(1, sizeof *c);
    c->name = xstrdup(section);
    c->owner = set;
    set->sections = xgrow(set->sections, &set->cap, set->count + 1, sizeof *set->sections);
    set->sections[set->count++] = c;
    return c;
}

/* The section as the user named it: remembers where, the first time. */
static fl_config *named_section(fl_config_set *set, const char *name, const char *file, size_t line)
{
    fl_config *c = (fl_config *)fl_config_section(set, name);
    if (!c->named) {
        c->named = 1;
        c->file = file ? xstrdup(file) : NULL;
        c->line = line;
    }
    return c;
}

static void config_put(fl_config *c, const char *key, const char *value, const char *file, size_t line)
{
    fl_config_entry *e = NULL;
    for (size_t i = 0; i < c->count && e == NULL; i++)
        if (strcmp(c->entries[i].key, key) == 0)
            e = &c->entries[i];
    if (e == NULL) {
        c->entries = xgrow(c->entries, &c->cap, c->count + 1, sizeof *c->entries);
        e = &c->entries[c->count++];
        e->key = xstrdup(key);
    } else {
        free(e->value);
        free(e->file);
    }
    e->value = xstrdup(value);
    e->file = file ? xstrdup(file) : NULL;
    e->line = line;
}

const fl_config_entry *fl_config_entry_of(const fl_config *cfg, const char *key)
{
    if (cfg == NULL)
        return NULL;
    for (size_t i = 0; i < cfg->count; i++)
        if (strcmp(cfg->entries[i].key, key) == 0)
            return &cfg->entries[i];
    return NULL;
}

const char *fl_config_default_of(const fl_config *cfg, const char *key)
{
    if (cfg == NULL)
        return NULL;
    for (size_t i = 0; i < cfg->ndefaults; i++)
        if (strcmp(cfg->defaults[i].key, key) == 0)
            return cfg->defaults[i].value;
    return NULL;
}

/* The config is const for plugins; the core keeps its own notes in it. */
static void remember_default(const fl_config *cfg, const char *key, const char *value)
{
    if (cfg == NULL || fl_config_default_of(cfg, key) != NULL)
        return;
    fl_config *c = (fl_config *)cfg;
    c->defaults = xgrow(c->defaults, &c->defaults_cap, c->ndefaults + 1, sizeof *c->defaults);
    c->defaults[c->ndefaults].key = xstrdup(key);
    c->defaults[c->ndefaults].value = xstrdup(value ? value : "");
    c->ndefaults++;
}

char *fl_config_where(const fl_config_entry *e)
{
    if (e->file == NULL)
        return xstrdup("--set");
    return xasprintf("%s:%zu", e->file, e->line);
}

void fl_config_error(fl_config_set *set, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    for (size_t i = 0; i < set->nerrors; i++) {
        if (strcmp(set->errors[i], msg) == 0) {
            free(msg);
            return;
        }
    }
    set->errors = xgrow(set->errors, &set->errors_cap, set->nerrors + 1, sizeof *set->errors);
    set->errors[set->nerrors++] = msg;
}

static void reject_v(const fl_config *cfg, const char *key, const char *fmt, va_list ap)
{
    if (cfg == NULL || cfg->owner == NULL)
        return;
    char *why = xvasprintf(fmt, ap);
    const fl_config_entry *e = fl_config_entry_of(cfg, key);
    if (e != NULL) {
        char *where = fl_config_where(e);
        fl_config_error(cfg->owner, "%s: [%s] %s = %s: %s", where, cfg->name, key, e->value, why);
        free(where);
    } else {
        fl_config_error(cfg->owner, "[%s] %s: %s", cfg->name, key, why);
    }
    free(why);
}

void fl_config_reject(const fl_config *cfg, const char *key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    reject_v(cfg, key, fmt, ap);
    va_end(ap);
}

const char *fl_config_get(const fl_config *cfg, const char *key, const char *fallback)
{
    const fl_config_entry *e = fl_config_entry_of(cfg, key);
    if (e != NULL)
        return e->value;
    remember_default(cfg, key, fallback);
    return fallback;
}

fl_dec fl_config_get_dec(const fl_config *cfg, const char *key, fl_dec fallback)
{
    const fl_config_entry *e = fl_config_entry_of(cfg, key);
    fl_dec d;
    if (e == NULL) {
        char buf[32];
        remember_default(cfg, key, fl_dec_format(fallback, 0, buf, sizeof buf));
        return fallback;
    }
    if (fl_dec_parse(e->value, &d) != 0) {
        fl_config_reject(cfg, key, "应为数字（如 0.01、90），小数不超过 6 位");
        return fallback;
    }
    return d;
}

int fl_config_get_bool(const fl_config *cfg, const char *key, int fallback)
{
    static const char *const yes[] = { "on", "yes", "true", "1" };
    static const char *const no[] = { "off", "no", "false", "0" };
    const fl_config_entry *e = fl_config_entry_of(cfg, key);
    if (e == NULL) {
        remember_default(cfg, key, fallback ? "on" : "off");
        return fallback;
    }
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (strcmp(e->value, yes[i]) == 0)
            return 1;
        if (strcmp(e->value, no[i]) == 0)
            return 0;
    }
    fl_config_reject(cfg, key, "应为 on 或 off（也可写 yes/no、true/false、1/0）");
    return fallback;
}

/* Trim ASCII spaces in place; returns the start. */
static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return s;
}

int fl_config_set_load(fl_config_set *set, const char *path, char *err, size_t errsize)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        snprintf(err, errsize, "%s: 无法读取配置文件：%s", path, strerror(errno));
        return -1;
    }
    free(set->path);
    set->path = xstrdup(path);
    char line[4096];
    size_t lineno = 0;
    fl_config *cur = (fl_config *)fl_config_section(set, "fislint");
    int rc = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        lineno++;
        char *s = trim(line);
        if (*s == '\0' || *s == '#' || *s == ';')
            continue;
        if (*s == '[') {
            char *close = strchr(s, ']');
            if (close == NULL || close == s + 1 || *trim(close + 1) != '\0') {
                snprintf(err, errsize, "%s:%zu: 节名格式错误，应为 [名称]", path, lineno);
                rc = -1;
                break;
            }
            *close = '\0';
            cur = named_section(set, trim(s + 1), path, lineno);
            continue;
        }
        char *eq = strchr(s, '=');
        if (eq == NULL) {
            snprintf(err, errsize, "%s:%zu: 应为 键 = 值，而不是 '%s'", path, lineno, s);
            rc = -1;
            break;
        }
        *eq = '\0';
        char *key = trim(s);
        if (*key == '\0') {
            snprintf(err, errsize, "%s:%zu: 缺少键名", path, lineno);
            rc = -1;
            break;
        }
        cur->named = 1;
        config_put(cur, key, trim(eq + 1), path, lineno);
    }
    fclose(f);
    return rc;
}

int fl_config_set_override(fl_config_set *set, const char *assignment, char *err, size_t errsize)
{
    const char *dot = strchr(assignment, '.');
    const char *eq = strchr(assignment, '=');
    if (dot == NULL || eq == NULL || dot > eq || dot == assignment || eq == dot + 1) {
        snprintf(err, errsize, "--set 的参数应为 检查项.键=值（例如 table-totals.rounding-per-addend=0.02），而不是 '%s'",
                 assignment);
        return -1;
    }
    char *section = xstrndup(assignment, (size_t)(dot - assignment));
    char *key = xstrndup(dot + 1, (size_t)(eq - dot - 1));
    config_put(named_section(set, section, NULL, 0), key, eq + 1, NULL, 0);
    free(section);
    free(key);
    return 0;
}
