/* duplicate-sections.c — the duplicate-sections check (重复段落): sections
 * and paragraphs that appear twice, exactly or nearly.  Options are read
 * once in init; see ds.h for how the work is split and
 * docs/checks/duplicate-sections.md for what is reported. */
#include <stdlib.h>
#include <string.h>

#include "ds.h"

#define MILLION 1000000LL

static void default_options(ds_options *o)
{
    o->threshold = 900000;
    o->min_length = 20;
    o->max_copies = 2;
}

/* A count option: whole numbers from 1 to `max`; anything else is refused. */
static size_t count_option(const fl_config *cfg, const char *key, size_t def, size_t max)
{
    fl_dec v = fl_config_get_dec(cfg, key, fl_dec_from_int((int64_t)def));
    int64_t n = v.micros / MILLION;
    if (v.micros % MILLION != 0 || n < 1 || (size_t)n > max) {
        fl_config_reject(cfg, key, "应为 1 到 %zu 之间的整数", max);
        return def;
    }
    return (size_t)n;
}

static int ds_init(const fl_config *cfg, void **state)
{
    ds_options *o = calloc(1, sizeof *o);
    if (o == NULL)
        return -1;
    default_options(o);
    fl_dec t = fl_config_get_dec(cfg, "threshold", (fl_dec){ o->threshold });
    /* "0.9" and "90" (per cent) both mean 90 %. */
    if (t.micros > MILLION)
        t.micros /= 100;
    if (t.micros >= MILLION / 2 && t.micros <= MILLION)
        o->threshold = t.micros;
    else
        fl_config_reject(cfg, "threshold", "应为 0.5 到 1 之间的相似度（或 50 到 100 的百分数）");
    o->min_length = count_option(cfg, "min-length", o->min_length, 100000);
    o->max_copies = count_option(cfg, "max-copies", o->max_copies, 1000);
    *state = o;
    return 0;
}

static void ds_fini(void *state)
{
    free(state);
}

static int ds_check(const fl_document *doc, fl_report *rep, void *state)
{
    ds_options defaults;
    default_options(&defaults);
    const ds_options *o = state != NULL ? state : &defaults;
    ds_units units;
    ds_pairs pairs;
    if (ds_units_collect(doc, o, &units) != 0)
        return -1;
    int rc = ds_find_pairs(&units, o, &pairs);
    if (rc == 0)
        rc = ds_report_runs(doc, rep, &units, &pairs, o);
    free(pairs.items);
    ds_units_free(&units);
    return rc;
}

/* Both rules hold for any report (docs/checks/duplicate-sections.md). */
static const fl_rule ds_rules[] = {
    { "duplicate-section", FL_SEV_WARNING, FL_KINDS_ALL,
      "整节内容（标题及正文）重复出现",
      "整节内容（标题及正文）在报告中重复出现，相似度达到选项 threshold（默认0.9）。"
      "常见原因是编辑时复制粘贴了同一部分两次。"
      "请删除重复的一节，或把其中一节改为应有的内容。" },
    { "duplicate-paragraph", FL_SEV_INFO, FL_KINDS_ALL,
      "单个段落重复或近似重复出现",
      "单个段落重复或近似重复出现（短于 min-length 的段落和出现次数超过 max-copies 的套话不报）。"
      "常见原因是复制粘贴时多粘了一次，或两处说明照抄同一段文字。"
      "请删除重复段落，或改写为各自应有的内容。" },
    { NULL, 0, 0, NULL, NULL },
};

/* The keys of the [duplicate-sections] section: any other is an error. */
static const char *const option_keys[] = { "threshold", "min-length", "max-copies", NULL };

FISLINT_PLUGIN_DEFINE = {
    FISLINT_PLUGIN_HEADER,
    .id = "duplicate-sections",
    .version = "1.1",
    .summary = "重复段落：整节或整段内容重复出现（含仅个别字不同的近似重复）",
    .init = ds_init,
    .check = ds_check,
    .fini = ds_fini,
    .rules = ds_rules,
    .options = option_keys,
};
