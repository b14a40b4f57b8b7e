/* comparison-wording.c — the comparison-wording check (比较用语与数字矛盾):
 * 大于/小于/持平/增加/减少 must say what the two amounts they compare say.
 * Options are read once in init; the rules live in cw-budget.c,
 * cw-year.c and cw-direction.c.  See docs/checks/comparison-wording.md. */
#include <stdlib.h>

#include "cw.h"

static cw_options defaults(void)
{
    cw_options o = { fl_dec_from_int(1), fl_dec_from_int(10) };
    return o;
}

/* The options, and the comparison words' matcher: built once, it finds
 * where the words start in one pass over each paragraph. */
typedef struct cw_state {
    cw_options o; /* first: the rules are given &state->o */
    fl_matcher *words;
} cw_state;

static int cw_init(const fl_config *cfg, void **state)
{
    cw_state *st = malloc(sizeof *st);
    if (st == NULL)
        return -1;
    st->words = cw_words_new();
    if (st->words == NULL) {
        free(st);
        return -1;
    }
    cw_options *o = &st->o;
    *o = defaults();
    o->rough = fl_config_get_dec(cfg, "roughly-equal-percent", o->rough);
    o->clear = fl_config_get_dec(cfg, "clearly-different-percent", o->clear);
    if (o->rough.micros < 0) {
        fl_config_reject(cfg, "roughly-equal-percent", "应为不小于 0 的百分数");
        o->rough = defaults().rough;
    }
    if (fl_dec_cmp(o->clear, o->rough) < 0) {
        char buf[32];
        fl_config_reject(cfg, "clearly-different-percent", "应不小于 roughly-equal-percent（%s）",
                         fl_dec_format(o->rough, 0, buf, sizeof buf));
        o->clear = o->rough;
    }
    *state = st;
    return 0;
}

static void cw_fini(void *state)
{
    cw_state *st = state;
    if (st != NULL)
        fl_matcher_free(st->words);
    free(st);
}

typedef struct run {
    fl_report *rep;
    const cw_options *o;
} run;

static int per_paragraph(const cw_para *pp, void *ctx)
{
    run *r = ctx;
    /* The core drops final-vs-budget on any document but a 决算
     * (cw_rules): elsewhere it is not asked. */
    if ((pp->final_kind && cw_rule_final_vs_budget(pp, r->rep, r->o) != 0) ||
        cw_rule_year_on_year(pp, r->rep, r->o) != 0 ||
        cw_rule_change_direction(pp, r->rep, r->o) != 0)
        return -1;
    return 0;
}

static int cw_check(const fl_document *doc, fl_report *rep, void *state)
{
    cw_options own = defaults();
    const cw_state *st = state;
    run r = { rep, st != NULL ? &st->o : &own };
    return cw_each_para(doc, st != NULL ? st->words : NULL, per_paragraph, &r);
}

/* Where each rule applies (docs/checks/comparison-wording.md).  Only a
 * 决算 has 决算数 to set against 预算数; a budget compares with last
 * year's budget, a 决算 with last year's 决算, a self-evaluation with last
 * year's figures — the year and direction rules read the same words in
 * every kind, and need nothing the kind would change. */
static const fl_rule cw_rules[] = {
    { "final-vs-budget", FL_SEV_ERROR, FL_KINDS_FINAL,
      "“决算数大于/小于/等于/持平预算数”与文中给出的决算数、预算数相矛盾",
      "核对“决算数大于（小于、等于、持平）预算数”等用语与同一处给出的决算数、预算数是否相符；“基本持平”允许的相对差额由选项 roughly-equal-percent 等决定。"
      "常见原因是数字更新后比较用语未改，或照抄模板的写法。"
      "请按实际数字改用正确的比较用语（大于、小于或持平）。" },
    { "year-on-year", FL_SEV_ERROR, FL_KINDS_ALL,
      "“比上年增加/减少/持平”与同一句给出的本年数、上年数相矛盾",
      "核对“比上年增加（减少、持平）”与同一句给出的本年数、上年数是否相符。"
      "常见原因是沿用上年的说明文字而数字已变。"
      "请按本年数与上年数的实际大小改正用语和增减额。" },
    { "change-direction", FL_SEV_ERROR, FL_KINDS_ALL,
      "同一项变化，金额写“增加”而百分比写“下降”（或相反）",
      "同一项目的变化，金额写“增加”而百分比写“下降”（或相反），方向自相矛盾。"
      "常见原因是只改了其中一处。"
      "请按实际增减方向统一金额和百分比的用语。" },
    { NULL, 0, 0, NULL, NULL },
};

/* The keys of the [comparison-wording] section: any other is an error. */
static const char *const option_keys[] = { "roughly-equal-percent", "clearly-different-percent", NULL };

FISLINT_PLUGIN_DEFINE = {
    FISLINT_PLUGIN_HEADER,
    .id = "comparison-wording",
    .version = "1.0",
    .summary = "比较用语与数字矛盾：大于/小于/持平/增加/减少与所比较的两个金额不符",
    .init = cw_init,
    .check = cw_check,
    .fini = cw_fini,
    .rules = cw_rules,
    .options = option_keys,
};
