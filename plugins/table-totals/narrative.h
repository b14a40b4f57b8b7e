/* narrative.h — the narrative's amounts as table-totals reads them
 * (private to narrative*.c). */
#ifndef TT_NARRATIVE_H
#define TT_NARRATIVE_H

#include "tt.h"

/* One number in a paragraph: an amount (in 万元) or a percentage. */
typedef struct tt_mention {
    const fl_paragraph *para;   /* borrowed */
    int is_pct;
    fl_dec value;
    int decimals;
    fl_unit unit;               /* as written (元, 万元, %) */
    size_t off, end;            /* bytes in fl_paragraph_text() */
    size_t clause;              /* offset where its clause starts */
    size_t sentence;            /* sentence number in the document */
    char label[128];            /* clause text before it, cleaned */
    char name[128];             /* tt_item_name(label), made once: the
                                 * rules ask for it at every comparison */
    int change;                 /* label ends 增加 (1), 减少 (-1), else 0:
                                 * asked of every mention and those before */
    int prev_year;              /* a previous year's figure: "（上年为X万元）",
                                 * "2016年为X万元" — never this year's */
    /* Set by tt_rule_narrative for its 其中 lists, so that a list head
     * reads only its items, not the mentions and text between them
     * (all but `head` only in paragraphs with such a list): */
    int head;                   /* list_head(): 1 "其中", 2 "主要用于", 0 */
    size_t next_item;           /* the first mention from this one that a
                                 * list adds (no share, last year's or
                                 * comparison), else the first of the
                                 * next sentence */
    size_t semis;               /* ";" and "；" of the paragraph before off */
    size_t counts;              /* counts ("12辆", has_quantity) of the
                                 * paragraph starting before end */
} tt_mention;

typedef struct tt_mentions {
    tt_mention *items;
    size_t count;
} tt_mentions;

/* Parse every paragraph; caller frees with tt_mentions_free. */
void tt_mentions_collect(const fl_document *doc, tt_mentions *out);
void tt_mentions_free(tt_mentions *m);
/* A mention's label (cleaned: tt_clean_label) reduced to an item name:
 * no numbering, year ("2023年度"), or leading "其中". */
void tt_item_name(const char *label, char *out, size_t size);

/* A table figure the narrative may quote. */
typedef struct tt_fact {
    const char *key;            /* static string: "本年支出合计" */
    fl_dec value;
    const fl_table *table;
    const fl_row *row;
    size_t addends;             /* sums behind it (rounding allowance) */
    char where[96];             /* "“总计”", "“合计”行“基本支出”栏" */
} tt_fact;

#define TT_MAX_FACTS 48
typedef struct tt_facts {
    tt_fact items[TT_MAX_FACTS];
    size_t count;
} tt_facts;

void tt_facts_collect(tt_ctx *c, tt_facts *out);
const tt_fact *tt_fact_find(const tt_facts *f, const char *key);

/* The fact key of the table total an item name stands for
 * ("上海市普陀区财政局2024年度财政拨款收入支出总计" -> "财政拨款收支总计"),
 * or NULL.  `year`: the report's year (0 unknown); `budget`: 1 in a
 * budget's narrative ("收入预算总计"); `unit`: the report's unit or NULL
 * (names.c). */
const char *tt_total_key(const char *item, int year, int budget,
                         const char *unit);

#endif
