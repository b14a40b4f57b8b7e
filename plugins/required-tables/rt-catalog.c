/* rt-catalog.c — the tables a 决算 and a 预算 must publish, and how their
 * titles read across regions.  A table is known by the words of its title,
 * never by its number: Shanghai puts 三公 at 七、 and 政府性基金 at 八、;
 * Jiangsu numbers its budget tables 公开01–12表; 04表 is both
 * 财政拨款收入支出决算总表 and 财政拨款收支决算总表.  The most specific
 * titles come first: "一般公共预算财政拨款基本支出决算表" also contains
 * "支出决算表". */
#include <string.h>

#include "rt.h"

/* 部门决算 公开01–09表 (domain.md); 08 is often empty and must say why. */
static const rt_entry final_tables[] = {
    { "财政拨款“三公”经费支出决算表", 1, "三公", { "三公", NULL }, { "决算", NULL }, { NULL } },
    { "国有资本经营预算财政拨款支出决算表", 1, "国有资本经营", { "国有资本经营", NULL },
      { "决算", NULL }, { NULL } },
    { "政府性基金预算财政拨款收入支出决算表", 1, "政府性基金", { "政府性基金", NULL },
      { "决算", NULL }, { NULL } },
    { "一般公共预算财政拨款基本支出决算表", 1, NULL,
      { "一般公共预算财政拨款基本支出决算", NULL }, { NULL }, { NULL } },
    { "一般公共预算财政拨款支出决算表", 1, NULL, { "一般公共预算财政拨款支出决算", NULL },
      { NULL }, { NULL } },
    { "财政拨款收入支出决算总表", 1, NULL,
      { "财政拨款收入支出决算", "财政拨款收支决算", NULL }, { NULL }, { NULL } },
    { "收入支出决算总表", 1, NULL, { "收入支出决算总表", "收支决算总表", "收入支出决算表", NULL },
      { NULL }, { NULL } },
    { "收入决算表", 1, NULL, { "收入决算表", NULL }, { NULL }, { NULL } },
    { "支出决算表", 1, NULL, { "支出决算表", NULL }, { NULL },
      { "基本支出", "项目支出", "绩效", "财政拨款", NULL } },
};

/* 部门预算 / 单位预算: the eight tables of 财预〔2016〕143号 (收支总表,
 * 收入总表, 支出总表, 财政拨款收支总表, 一般公共预算支出表, 一般公共预算
 * 基本支出表, 三公经费支出表, 政府性基金预算支出表), and the tables some
 * regions add, recognised so that a 目录 listing them can be checked. */
static const rt_entry budget_tables[] = {
    { "“三公”经费支出预算表", 1, "三公", { "三公", NULL }, { NULL }, { NULL } },
    { "国有资本经营预算支出预算表", 0, "国有资本经营", { "国有资本经营", NULL }, { NULL },
      { NULL } },
    { "政府性基金预算支出预算表", 1, "政府性基金", { "政府性基金", NULL }, { NULL }, { NULL } },
    { "一般公共预算基本支出预算表", 1, NULL, { "一般公共预算基本支出", NULL }, { NULL },
      { NULL } },
    { "一般公共预算机关运行经费支出预算表", 0, NULL, { "机关运行经费", NULL }, { NULL },
      { NULL } },
    { "一般公共预算支出预算表", 1, NULL,
      { "一般公共预算支出", "一般公共预算财政拨款支出", NULL }, { NULL }, { NULL } },
    { "政府采购预算表", 0, NULL, { "政府采购", NULL }, { NULL }, { NULL } },
    { "财政拨款收支预算总表", 1, NULL, { "财政拨款收支", "财政拨款收入支出", NULL },
      { NULL }, { NULL } },
    { "财政拨款基本支出预算表", 0, NULL, { NULL }, { "财政拨款", "基本支出", NULL },
      { NULL } },
    { "财政拨款支出预算表", 0, NULL, { NULL }, { "财政拨款", "支出预算", NULL }, { NULL } },
    { "收支预算总表", 1, NULL, { "收支预算总表", "收支总表", "收入支出预算总表", NULL },
      { NULL }, { NULL } },
    { "收入预算总表", 1, NULL, { "收入预算", "收入总表", NULL }, { NULL }, { NULL } },
    { "支出预算总表", 1, NULL, { "支出预算总表", "支出总表", "支出预算表", NULL }, { NULL },
      { "项目", "基本", NULL } },
};

const rt_entry *rt_catalog(rt_set set, size_t *count)
{
    if (set == RT_SET_FINAL) {
        *count = sizeof final_tables / sizeof *final_tables;
        return final_tables;
    }
    *count = sizeof budget_tables / sizeof *budget_tables;
    return budget_tables;
}

size_t rt_required_count(rt_set set)
{
    size_t n, req = 0;
    const rt_entry *e = rt_catalog(set, &n);
    for (size_t i = 0; i < n; i++)
        req += e[i].required != 0;
    return req;
}

static int has_all(const char *s, const char *const *words)
{
    for (; *words != NULL; words++)
        if (strstr(s, *words) == NULL)
            return 0;
    return 1;
}

int rt_classify(rt_set set, const char *name)
{
    size_t n;
    const rt_entry *e = rt_catalog(set, &n);
    /* A 决算 table title says 决算, a budget one 预算 or 总表 (部门收支总表). */
    if (set == RT_SET_FINAL ? strstr(name, "决算") == NULL
                            : strstr(name, "预算") == NULL && strstr(name, "总表") == NULL)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (e[i].any[0] != NULL && !rt_has_any(name, e[i].any))
            continue;
        if (!has_all(name, e[i].all) || rt_has_any(name, e[i].none))
            continue;
        return (int)i;
    }
    return -1;
}
