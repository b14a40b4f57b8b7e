/* table-totals.c — the plugin descriptor: 表内表间勾稽 (sums within tables,
 * identities across tables and between the tables and the narrative).
 * The rules live in one file each; this file reads the options and runs
 * them on every table. */
#include <stdlib.h>
#include <string.h>

#include "tt.h"

static int tt_init(const fl_config *cfg, void **state)
{
    tt_opts *o = calloc(1, sizeof *o);
    if (o == NULL)
        return -1;
    fl_dec def = { 10000 }; /* 0.01 */
    o->per_addend = fl_config_get_dec(cfg, "rounding-per-addend", def);
    if (o->per_addend.micros < 0)
        o->per_addend = def;
    const char *nar = fl_config_get(cfg, "narrative", "on");
    o->narrative = !(strcmp(nar, "off") == 0 || strcmp(nar, "0") == 0 ||
                     strcmp(nar, "false") == 0 || strcmp(nar, "no") == 0);
    *state = o;
    return 0;
}

static int tt_check(const fl_document *doc, fl_report *rep, void *state)
{
    static const tt_opts defaults = { { 10000 }, 1 };
    tt_ctx c = { doc, rep, state != NULL ? state : &defaults };
    size_t n = fl_doc_table_count(doc);
    for (size_t i = 0; i < n; i++) {
        const fl_table *t = fl_doc_table(doc, i);
        tt_rule_hierarchy(&c, t);
        tt_rule_total_rows(&c, t);
        tt_rule_row_identity(&c, t);
        tt_rule_summary(&c, t);
    }
    tt_rule_cross(&c);
    if (c.opt->narrative)
        tt_rule_narrative(&c);
    return 0;
}

static void tt_fini(void *state)
{
    free(state);
}

FISLINT_PLUGIN_DEFINE = {
    FISLINT_PLUGIN_HEADER,
    .id = "table-totals",
    .version = "1.0",
    .summary = "表内表间勾稽：科目层级、合计行、行内恒等式、总表平衡、表间一致及说明文字与表格一致",
    .init = tt_init,
    .check = tt_check,
    .fini = tt_fini,
};
