/* output-common.c — small things every writer needs the same way: the
 * unit a document is grouped under, numbers as people read them, and the
 * fingerprints that let a bureau track one finding across versions. */
#include "output.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

const char *fl_output_unit(const fl_doc_result *r)
{
    return r->unit != NULL && r->unit[0] != '\0' ? r->unit : "未识别单位";
}

const char *fl_output_kind_zh(const char *kind)
{
    if (kind != NULL)
        for (int k = 0; k < FL_KIND_COUNT; k++)
            if (strcmp(kind, fl_doc_kind_name((fl_doc_kind)k)) == 0)
                return fl_doc_kind_name_zh((fl_doc_kind)k);
    return "未识别";
}

/* Whether `num` is written in `text` as a whole number (thousands commas
 * ignored): "16.232363" is in "执行数为16.232363万元". */
static int written_in(const char *text, const char *num)
{
    if (text == NULL)
        return 0;
    size_t n = strlen(num);
    char *plain = xmalloc(strlen(text) + 1);
    size_t k = 0;
    for (const char *p = text; *p; p++)
        if (*p != ',')
            plain[k++] = *p;
    plain[k] = '\0';
    int found = 0;
    for (const char *p = strstr(plain, num); p != NULL && !found; p = strstr(p + 1, num)) {
        int digit_before = p > plain && ((p[-1] >= '0' && p[-1] <= '9') || p[-1] == '.');
        int digit_after = p[n] >= '0' && p[n] <= '9';
        found = !digit_before && !digit_after;
    }
    free(plain);
    return found;
}

static int decimals_of(const char *s)
{
    const char *dot = strchr(s, '.');
    return dot != NULL ? (int)strlen(dot + 1) : 0;
}

char *fl_output_num(const fl_finding *f, fl_dec d, char *buf, size_t size)
{
    fl_dec_format(d, 2, buf, size);
    /* Computed values (a sum of 元 converted to 万元) carry up to six
     * decimals nobody wrote: show them as money is written. */
    if (decimals_of(buf) <= 2 || written_in(f->evidence, buf))
        return buf;
    return fl_dec_format(fl_dec_round(d, 2), 2, buf, size);
}

char *fl_output_diff(const fl_finding *f, const char *expected, const char *actual, char *buf,
                     size_t size)
{
    /* The shown numbers are taken, not made again: every writer shows
     * them beside the difference, and formatting was most of the text
     * report's own time. */
    int places = decimals_of(expected);
    int pa = decimals_of(actual);
    if (pa > places)
        places = pa;
    fl_dec diff = fl_dec_sub(f->actual, f->expected);
    if (places < 6)
        diff = fl_dec_round(diff, places);
    return fl_dec_format(diff, 2, buf, size);
}

/* FNV-1a, 64 bits: simple, stable across machines and versions, and
 * enough to tell a bureau's findings apart (not a security hash). */
static uint64_t fnv_add(uint64_t h, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : "\x01"); *p; p++) {
        h ^= *p;
        h *= 0x100000001b3ULL;
    }
    h ^= 0x1f; /* field separator: ("ab","c") differs from ("a","bc") */
    h *= 0x100000001b3ULL;
    return h;
}

static uint64_t finding_hash(const fl_doc_result *r, const fl_finding *f)
{
    char year[16], e[40], a[40];
    snprintf(year, sizeof year, "%d", r->year);
    const char *exp = f->expected_text, *act = f->actual_text;
    if (f->has_values) {
        exp = fl_dec_format(f->expected, 2, e, sizeof e);
        act = fl_dec_format(f->actual, 2, a, sizeof a);
    }
    /* Never line numbers: a paragraph added above must not change them. */
    const char *fields[] = { f->check, f->rule, r->unit, r->kind, year, f->table,
                             f->row, f->column, exp, act };
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        h = fnv_add(h, fields[i]);
    return h;
}

typedef struct hashed {
    uint64_t h;
    size_t i;            /* the finding's index */
} hashed;

static int by_hash_then_index(const void *a, const void *b)
{
    const hashed *x = a, *y = b;
    if (x->h != y->h)
        return x->h < y->h ? -1 : 1;
    return (x->i > y->i) - (x->i < y->i);
}

char *fl_output_fingerprints(const fl_doc_result *r)
{
    if (r->rep == NULL)
        return NULL;
    size_t n = r->rep->count;
    char *fp = xmalloc(17 * (n ? n : 1));
    hashed *h = xmalloc(sizeof *h * (n ? n : 1));
    for (size_t i = 0; i < n; i++)
        h[i] = (hashed){ finding_hash(r, r->rep->items[i]), i };
    /* The same finding more than once in a document (27 empty 主要原因
     * sentences): the k-th repeat, in document order, hashes its ordinal
     * too, so each keeps its own fingerprint.  Sorted, not compared with
     * every earlier finding: a hostile document has 10^5 findings. */
    qsort(h, n, sizeof *h, by_hash_then_index);
    for (size_t k = 0, same = 0; k < n; k++) {
        same = k > 0 && h[k].h == h[k - 1].h ? same + 1 : 0;
        uint64_t v = h[k].h;
        if (same > 0) {
            char ord[24];
            snprintf(ord, sizeof ord, "#%zu", same + 1);
            v = fnv_add(v, ord);
        }
        snprintf(fp + 17 * h[k].i, 17, "%016llx", (unsigned long long)v);
    }
    free(h);
    return fp;
}

void fl_output_error_fingerprint(const fl_doc_result *r, char out[17])
{
    uint64_t h = fnv_add(0xcbf29ce484222325ULL, "unreadable");
    h = fnv_add(h, r->source);
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}
