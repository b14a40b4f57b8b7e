/* missing-cause.c — the missing-cause check (缺少原因说明): a stated
 * difference must come with its cause.  Options are read once in init;
 * the rules live in mc-cause.c, mc-table.c and mc-section.c.
 * See docs/checks/missing-cause.md. */
#include <stdlib.h>
#include <string.h>

#include "mc.h"

/* Standing for "no cause given" (normalised text: （）→(), ：→:). */
static const char *const default_placeholders[] = {
    "无", "暂无", "/", "-", "--", "—", "——", "－", "XX", "xx", "Xx", "××", "x", "X", "×",
    "*", "**", "***", "…", "……", "...", "增加(减少)", "减少(增加)", "增长(下降)", "下降(增长)",
    "待补充", "待填写", "略",
};

static void free_options(mc_options *o)
{
    if (o == NULL)
        return;
    for (size_t i = 0; i < o->nplaceholders; i++)
        free(o->placeholders[i]);
    free(o->placeholders);
    fl_matcher_free(o->diff_words);
    fl_matcher_free(o->header_words);
    fl_matcher_free(o->money_words);
    free(o);
}

static int add_placeholder(mc_options *o, const char *s, size_t len)
{
    while (len > 0 && *s == ' ') {
        s++;
        len--;
    }
    while (len > 0 && s[len - 1] == ' ')
        len--;
    if (len == 0)
        return 0;
    char **grown = realloc(o->placeholders, (o->nplaceholders + 1) * sizeof *grown);
    if (grown == NULL)
        return -1;
    o->placeholders = grown;
    char *copy = malloc(len + 1);
    if (copy == NULL)
        return -1;
    memcpy(copy, s, len);
    copy[len] = '\0';
    o->placeholders[o->nplaceholders++] = copy;
    return 0;
}

/* Defaults plus the comma-separated `extra` list (full-width commas too). */
static mc_options *make_options(const char *extra)
{
    mc_options *o = calloc(1, sizeof *o);
    if (o == NULL)
        return NULL;
    o->diff_words = mc_diff_words_new();
    if (o->diff_words == NULL)
        goto fail;
    o->header_words = mc_header_words_new();
    if (o->header_words == NULL)
        goto fail;
    o->money_words = mc_money_words_new();
    if (o->money_words == NULL)
        goto fail;
    size_t nd = sizeof default_placeholders / sizeof *default_placeholders;
    for (size_t i = 0; i < nd; i++)
        if (add_placeholder(o, default_placeholders[i], strlen(default_placeholders[i])) != 0)
            goto fail;
    const char *p = extra;
    while (p != NULL && *p) {
        const char *comma = p;
        size_t step = 0;
        while (*comma && *comma != ',' && !fl_str_starts(comma, "，") && !fl_str_starts(comma, "、"))
            comma++;
        if (*comma == ',')
            step = 1;
        else if (*comma)
            step = 3;
        if (add_placeholder(o, p, (size_t)(comma - p)) != 0)
            goto fail;
        p = comma + step;
    }
    return o;
fail:
    free_options(o);
    return NULL;
}

static int mc_init(const fl_config *cfg, void **state)
{
    mc_options *o = make_options(fl_config_get(cfg, "placeholders", ""));
    if (o == NULL)
        return -1;
    *state = o;
    return 0;
}

static void mc_fini(void *state)
{
    free_options(state);
}

/* Where each rule applies (docs/checks/missing-cause.md).  A stated
 * difference needs its cause in any report; the 偏差原因 of a 绩效自评表
 * and the （五）偏离绩效目标的原因 section belong to self-evaluations and
 * to the 决算 that carry them.  The core gives a 决算 the self-evaluation
 * bit only for a table titled 绩效自评/绩效评价 (identity.c
 * carried_kinds()), not for a 自评 section in its narrative nor a table
 * titled otherwise, so 决算 are named here too.  Never a budget, nor a
 * document of unknown kind: there only the rules valid for every kind run. */
#define MC_KINDS_EVAL (FL_KINDS_EVAL | FL_KINDS_FINAL)

static int mc_check(const fl_document *doc, fl_report *rep, void *state)
{
    mc_options *own = NULL;
    const mc_options *o = state;
    if (o == NULL) {
        own = make_options(NULL);
        if (own == NULL)
            return -1;
        o = own;
    }
    int rc = 0;
    /* The core drops the findings of a rule on a document of other kinds
     * (mc_rules): the tables and 偏离 sections of a budget are not read. */
    int eval = (fl_doc_kinds(doc) & MC_KINDS_EVAL) != 0;
    if (mc_rule_empty_cause(doc, rep, o) != 0 ||
        (eval && (mc_rule_deviation_reason(doc, rep, o) != 0 ||
                  mc_rule_deviation_section(doc, rep, o) != 0)))
        rc = -1;
    free_options(own);
    return rc;
}

static const fl_rule mc_rules[] = {
    { "empty-cause", FL_SEV_ERROR, FL_KINDS_ALL,
      "说明了增减或差异，但“主要原因是”后为空或只有占位内容（无、/、XX）",
      "文中说明了增减或差异，但“主要原因是”之后为空，或只有“无”“/”“XX”等占位内容。"
      "常见原因是套用模板时没有填写原因。"
      "请写明增减变化或差异的具体原因（如人员变动、项目增减、厉行节约）。" },
    { "empty-deviation-reason", FL_SEV_WARNING, MC_KINDS_EVAL,
      "绩效自评表中未完成或失分的指标，“偏差原因分析”栏为空或为占位",
      "绩效自评表中未完成目标或失分的指标，其“偏差原因分析”栏为空或只有占位内容。"
      "常见原因是只填了得分而漏填原因。"
      "请为每个未完成或失分的指标写明偏差原因及改进措施。" },
    { "empty-deviation-section", FL_SEV_WARNING, MC_KINDS_EVAL,
      "“偏离绩效目标的原因和下一步改进措施”只写“无”，但项目存在偏离",
      "“偏离绩效目标的原因和下一步改进措施”只写了“无”，但项目存在偏离（有指标未完成或失分）。"
      "常见原因是沿用模板的“无”。"
      "请写明偏离的原因和下一步改进措施。" },
    { NULL, 0, 0, NULL, NULL },
};

/* The keys of the [missing-cause] section: any other is an error. */
static const char *const option_keys[] = { "placeholders", NULL };

FISLINT_PLUGIN_DEFINE = {
    FISLINT_PLUGIN_HEADER,
    .id = "missing-cause",
    .version = "1.1",
    .summary = "缺少原因说明：“主要原因是。”空缺或占位、自评表偏差原因空白、偏离目标章节只写“无”",
    .init = mc_init,
    .check = mc_check,
    .fini = mc_fini,
    .rules = mc_rules,
    .options = option_keys,
};
