/* names.c — which table total a narrative sentence names.
 *
 * The narrative rarely writes a total's bare name: it says
 * "上海市普陀区财政局2024年度财政拨款收入支出总计0.3万元",
 * "江苏省高级人民法院本年收入预算合计…", "收入、支出预算总计…".  A name is
 * read as a table total when it ends with one of the names below and what
 * precedes it only says whose and which year it is (the unit, 本部门, the
 * report's own year).  Anything else before it — another fund
 * (政府性基金预算…总计), a comparison (比上年…), a year that is not the
 * report's — leaves the figure alone. */
#include <string.h>

#include "narrative.h"

enum { ANY = 0, BUDGET = 1 };

typedef struct alias {
    tt_word name;       /* as the narrative writes it */
    const char *key;    /* the fact it is (facts.c) */
    int scope;          /* BUDGET: only in a budget's narrative */
} alias;

/* The names, by their last character (计 出 算 数): an item is asked only
 * the names that end as it does.  "BUDGET" ones, "2025年收入预算总计X万元",
 * "基本支出预算数X万元", only in a budget. */
static const alias ends_ji[] = {
    { TT_WORD("收入支出总计"), "收支总计", ANY },
    { TT_WORD("收支总计"), "收支总计", ANY },
    { TT_WORD("收、支总计"), "收支总计", ANY },
    { TT_WORD("收入总计"), "收入总计", ANY },
    { TT_WORD("支出总计"), "支出总计", ANY },
    { TT_WORD("本年收入合计"), "本年收入合计", ANY },
    { TT_WORD("本年支出合计"), "本年支出合计", ANY },
    { TT_WORD("财政拨款收入支出总计"), "财政拨款收支总计", ANY },
    { TT_WORD("财政拨款收支总计"), "财政拨款收支总计", ANY },
    { TT_WORD("财政拨款收、支总计"), "财政拨款收支总计", ANY },
    { TT_WORD("财政拨款收入总计"), "财政拨款收入总计", ANY },
    { TT_WORD("财政拨款支出总计"), "财政拨款支出总计", ANY },
    { TT_WORD("收入预算总计"), "收入总计", BUDGET },
    { TT_WORD("支出预算总计"), "支出总计", BUDGET },
    { TT_WORD("收支预算总计"), "收支总计", BUDGET },
    { TT_WORD("收、支预算总计"), "收支总计", BUDGET },
    { TT_WORD("收入、支出预算总计"), "收支总计", BUDGET },
    { TT_WORD("收入支出预算总计"), "收支总计", BUDGET },
    { TT_WORD("财政拨款收入预算总计"), "财政拨款收入总计", BUDGET },
    { TT_WORD("财政拨款支出预算总计"), "财政拨款支出总计", BUDGET },
    { TT_WORD("财政拨款收支预算总计"), "财政拨款收支总计", BUDGET },
    { TT_WORD("财政拨款收、支预算总计"), "财政拨款收支总计", BUDGET },
    { { NULL, 0 }, NULL, 0 }
};

static const alias ends_chu[] = {
    { TT_WORD("一般公共预算财政拨款支出"), "一般公共预算财政拨款支出", ANY },
    { TT_WORD("一般公共预算财政拨款基本支出"),
      "一般公共预算财政拨款基本支出", ANY },
    { TT_WORD("一般公共预算财政拨款项目支出"),
      "一般公共预算财政拨款项目支出", ANY },
    { TT_WORD("基本支出"), "基本支出", ANY },
    { TT_WORD("项目支出"), "项目支出", ANY },
    { TT_WORD("政府性基金预算财政拨款支出"),
      "政府性基金预算财政拨款支出", ANY },
    { { NULL, 0 }, NULL, 0 }
};

static const alias ends_suan[] = {
    { TT_WORD("财政拨款收、支总预算"), "财政拨款收支总计", BUDGET },
    { TT_WORD("财政拨款收支总预算"), "财政拨款收支总计", BUDGET },
    { TT_WORD("收入预算"), "收入总计", BUDGET },
    { TT_WORD("支出预算"), "支出总计", BUDGET },
    { TT_WORD("一般公共预算财政拨款支出预算"),
      "一般公共预算财政拨款支出", BUDGET },
    { TT_WORD("一般公共预算财政拨款基本支出预算"),
      "一般公共预算财政拨款基本支出", BUDGET },
    { TT_WORD("政府性基金预算财政拨款支出预算"),
      "政府性基金预算财政拨款支出", BUDGET },
    { { NULL, 0 }, NULL, 0 }
};

static const alias ends_shu[] = {
    { TT_WORD("基本支出预算数"), "基本支出", BUDGET },
    { TT_WORD("项目支出预算数"), "项目支出", BUDGET },
    { { NULL, 0 }, NULL, 0 }
};

static const struct {
    tt_word last;
    const alias *names;
} by_last[] = {
    { TT_WORD("计"), ends_ji }, { TT_WORD("出"), ends_chu },
    { TT_WORD("算"), ends_suan }, { TT_WORD("数"), ends_shu },
};

static int ends_with(const char *s, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    return len >= n && memcmp(s + len - n, suffix, n) == 0;
}

/* ends_with for a word whose length is known; the last bytes, which
 * mostly differ, are compared first. */
static int ends_with_word(const char *s, size_t len, const tt_word *w)
{
    return len >= w->len && s[len - 1] == w->s[w->len - 1] &&
           memcmp(s + len - w->len, w->s, w->len) == 0;
}

/* Drop from the end of s[0, *len) what only dates or owns the figure:
 * "2024年度", "2024年", "本年度", "本年", a line-wrapped "度", "本部门",
 * "部门", "单位", "的".  0 when a year other than `year` is named. */
static int strip_tail(const char *s, size_t *len, int year)
{
    static const char *const owners[] = {
        "本部门", "我部门", "本单位", "部门", "单位", "的", NULL
    };
    for (int again = 1; again;) {
        again = 0;
        for (size_t i = 0; owners[i] != NULL; i++)
            if (ends_with(s, *len, owners[i])) {
                *len -= strlen(owners[i]);
                again = 1;
            }
        if (ends_with(s, *len, "本年度") || ends_with(s, *len, "本年")) {
            *len -= ends_with(s, *len, "本年度") ? strlen("本年度")
                                                 : strlen("本年");
            again = 1;
            continue;
        }
        size_t n = *len;
        if (ends_with(s, n, "年度"))
            n -= strlen("年度");
        else if (ends_with(s, n, "年"))
            n -= strlen("年");
        else if (ends_with(s, n, "度") && n == strlen("度")) {
            *len = 0;           /* "…2024年" + "度…" cut by the label */
            return 1;
        } else
            continue;
        if (n < 4)
            return 0;
        int y = 0;
        for (size_t k = n - 4; k < n; k++) {
            if (s[k] < '0' || s[k] > '9')
                return 0;       /* "上年", "当年": not the report's year */
            y = y * 10 + (s[k] - '0');
        }
        if (year <= 0 || y != year)
            return 0;
        *len = n - 4;
        again = 1;
    }
    return 1;
}

/* What is left before the total must be a unit's name: no digits, no word
 * that makes the figure another fund, a part or a comparison, and the
 * ending of an office's name (…局, …院, …办公厅, …委员会). */
static int is_unit_name(const char *s, size_t len, const char *unit)
{
    static const char *const banned[] = {
        "其中", "比", "较", "与", "相比", "增", "减", "上年", "去年", "同期",
        "政府性基金", "国有资本", "一般公共", "财政拨款", "基金", "项目",
        "基本", "结转", "结余", "年初", "年末", "执行", "预留", "采购",
        "三公", "运行", "经费", "事业", "经营", "附属", "上级", "专户",
        "其他", "占", "合计", "总计", "小计", "收入", "支出", "预算", "决算",
        "、", "（", "(", NULL
    };
    static const tt_word endings[] = {
        TT_WORD("局"), TT_WORD("院"), TT_WORD("厅"), TT_WORD("委员会"),
        TT_WORD("委"), TT_WORD("办公室"), TT_WORD("办"), TT_WORD("处"),
        TT_WORD("中心"), TT_WORD("会"), TT_WORD("部"), TT_WORD("室"),
        TT_WORD("所"), TT_WORD("站"), TT_WORD("队"), TT_WORD("馆"),
        TT_WORD("校"), TT_WORD("政府"), TT_WORD("街道"), TT_WORD("镇"),
        TT_WORD("乡"), TT_WORD("署"), TT_WORD("社"), TT_WORD("团"), { NULL, 0 }
    };
    char buf[256];
    if (len == 0)
        return 1;
    if (len >= sizeof buf)
        return 0;
    memcpy(buf, s, len);
    buf[len] = '\0';
    if (unit != NULL && strcmp(buf, unit) == 0)
        return 1;
    for (size_t i = 0; i < len; i++)
        if (buf[i] >= '0' && buf[i] <= '9')
            return 0;
    /* the ending first: most rests have none, and the banned words
     * are a strstr each */
    if (!tt_mem_ends_any(buf, len, endings))
        return 0;
    for (size_t i = 0; banned[i] != NULL; i++)
        if (tt_str_has(buf, banned[i]))
            return 0;
    return 1;
}

const char *tt_total_key(const char *item, int year, int budget,
                         const char *unit)
{
    /* most items, asked for every amount of the text, end otherwise
     * and are told at once */
    size_t len = strlen(item), g = 0, ngroups = sizeof by_last / sizeof by_last[0];
    while (g < ngroups && !ends_with_word(item, len, &by_last[g].last))
        g++;
    if (g == ngroups)
        return NULL;
    const alias *best = NULL;
    for (const alias *a = by_last[g].names; a->name.s != NULL; a++) {
        if (a->scope == BUDGET && !budget)
            continue;
        if (!ends_with_word(item, len, &a->name))
            continue;
        if (best == NULL || a->name.len > best->name.len)
            best = a;
    }
    if (best == NULL)
        return NULL;
    size_t rest = len - best->name.len;
    if (!strip_tail(item, &rest, year))
        return NULL;
    return is_unit_name(item, rest, unit) ? best->key : NULL;
}
