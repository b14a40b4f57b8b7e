/* config.c — INI-style configuration: [section] headers and key = value
 * lines; '#' and ';' start comments.  --set overrides win over the file. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

typedef struct entry {
    char *key;
    char *value;
} entry;

struct fl_config {
    char *name;
    entry *entries;
    size_t count, cap;
};

struct fl_config_set {
    fl_config **sections;
    size_t count, cap;
};

fl_config_set *fl_config_set_new(void)
{
    return xcalloc(1, sizeof(fl_config_set));
}

void fl_config_set_free(fl_config_set *set)
{
    if (set == NULL)
        return;
    for (size_t i = 0; i < set->count; i++) {
        fl_config *c = set->sections[i];
        for (size_t j = 0; j < c->count; j++) {
            free(c->entries[j].key);
            free(c->entries[j].value);
        }
        free(c->entries);
        free(c->name);
        free(c);
    }
    free(set->sections);
    free(set);
}

const fl_config *fl_config_section(fl_config_set *set, const char *section)
{
    for (size_t i = 0; i < set->count; i++)
        if (strcmp(set->sections[i]->name, section) == 0)
            return set->sections[i];
    fl_config *c = xcalloc(1, sizeof *c);
    c->name = xstrdup(section);
    set->sections = xgrow(set->sections, &set->cap, set->count + 1, sizeof *set->sections);
    set->sections[set->count++] = c;
    return c;
}

static void config_put(fl_config *c, const char *key, const char *value)
{
    for (size_t i = 0; i < c->count; i++) {
        if (strcmp(c->entries[i].key, key) == 0) {
            free(c->entries[i].value);
            c->entries[i].value = xstrdup(value);
            return;
        }
    }
    c->entries = xgrow(c->entries, &c->cap, c->count + 1, sizeof *c->entries);
    c->entries[c->count].key = xstrdup(key);
    c->entries[c->count].value = xstrdup(value);
    c->count++;
}

const char *fl_config_get(const fl_config *cfg, const char *key, const char *fallback)
{
    if (cfg == NULL)
        return fallback;
    for (size_t i = 0; i < cfg->count; i++)
        if (strcmp(cfg->entries[i].key, key) == 0)
            return cfg->entries[i].value;
    return fallback;
}

fl_dec fl_config_get_dec(const fl_config *cfg, const char *key, fl_dec fallback)
{
    const char *v = fl_config_get(cfg, key, NULL);
    fl_dec d;
    if (v == NULL || fl_dec_parse(v, &d) != 0)
        return fallback;
    return d;
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
            if (close == NULL || close == s + 1) {
                snprintf(err, errsize, "%s:%zu: 节名格式错误，应为 [名称]", path, lineno);
                rc = -1;
                break;
            }
            *close = '\0';
            cur = (fl_config *)fl_config_section(set, trim(s + 1));
            continue;
        }
        char *eq = strchr(s, '=');
        if (eq == NULL) {
            snprintf(err, errsize, "%s:%zu: 应为 键 = 值", path, lineno);
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
        config_put(cur, key, trim(eq + 1));
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
    config_put((fl_config *)fl_config_section(set, section), key, eq + 1);
    free(section);
    free(key);
    return 0;
}
