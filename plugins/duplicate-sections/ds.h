/* ds.h — internals of the duplicate-sections check (重复段落).
 *
 * The document's narrative lines become "units" (ds-units.c); units long
 * enough to matter are compared through shared character 3-grams
 * (ds-shingles.c), so only candidate pairs are ever compared (ds-sim.c);
 * matching pairs on the same diagonal are grown into runs and reported
 * (ds-runs.c). */
#ifndef DS_H
#define DS_H

#include <stddef.h>
#include <stdint.h>

#include <fislint/plugin.h>

typedef struct ds_options {
    int64_t threshold;   /* similarity in millionths (900000 = 0.9) */
    size_t min_length;   /* characters a paragraph needs to count */
    size_t max_copies;   /* more copies than this = template text */
} ds_options;

typedef struct ds_unit {
    size_t line;
    char *text;          /* normalised line, spaces removed */
    uint32_t *cp;        /* body code points: outline number and a short
                            "标签：" prefix removed */
    size_t ncp;
    uint64_t hash;       /* of cp[], once has_hash: only candidates need it */
    int has_hash;
    uint64_t numbers;    /* of its numbers, once has_numbers (ds-sim.c) */
    int has_numbers;
    int heading;         /* a heading line */
    int formulaic;       /* table note, 名词解释, too short */
    int substantial;     /* may start a duplicate */
    size_t copies;       /* size of its group of similar units */
} ds_unit;

typedef struct ds_block ds_block;

typedef struct ds_units {
    ds_unit *items;
    size_t count, cap;
    ds_block *blocks;    /* hold every unit's text and cp (ds-units.c) */
} ds_units;

/* A verified pair of similar units, a < b. */
typedef struct ds_pair {
    size_t a, b;
    int64_t sim;         /* millionths */
    size_t dist;         /* edit distance */
} ds_pair;

typedef struct ds_pairs {
    ds_pair *items;
    size_t count, cap;
} ds_pairs;

/* ds-units.c: collect the units of doc.  Returns 0, -1 on OOM. */
int ds_units_collect(const fl_document *doc, const ds_options *o, ds_units *out);
void ds_units_free(ds_units *u);

/* ds-shingles.c: the character 3-grams that 2 to `cap` substantial units
 * share, each as a run of its units in unit order; runs are in the order
 * of the 3-grams' hashes. */
typedef struct ds_span {
    uint32_t begin, end; /* units[begin .. end) */
} ds_span;

typedef struct ds_shared {
    uint32_t *units;     /* run r is units[run_start[r] .. run_start[r + 1]) */
    size_t *run_start;
    size_t nruns;
    size_t *first;       /* earlier[first[u] .. first[u + 1]) are u's */
    size_t *count;       /* unit u is in count[u] runs */
    ds_span *earlier;    /* the units before u in each run where it is not
                            the first (in run order): all that
                            ds_find_pairs reads */
} ds_shared;

int ds_shared_build(const ds_units *u, size_t cap, ds_shared *out); /* 0, -1 on OOM */
void ds_shared_free(ds_shared *s);

/* ds-sim.c */
/* Edit distance between a and b if it is at most max_dist, else
 * max_dist + 1.  Banded: time O(min(la, lb) * max_dist). */
size_t ds_edit_distance(const uint32_t *a, size_t la, const uint32_t *b, size_t lb,
                        size_t max_dist);
/* Similarity of two units' bodies in millionths, and their distance;
 * -1 when below the threshold. */
int64_t ds_similarity(ds_unit *x, ds_unit *y, int64_t threshold, size_t *dist);
/* Find all pairs of substantial units at or above the threshold, without
 * comparing all pairs; sets each unit's `copies`.  Returns 0, -1 on OOM. */
int ds_find_pairs(ds_units *u, const ds_options *o, ds_pairs *out);

/* ds-runs.c: grow pairs into runs and report them. Returns 0, -1 on OOM. */
int ds_report_runs(const fl_document *doc, fl_report *rep, ds_units *u, ds_pairs *p,
                   const ds_options *o);

#endif
