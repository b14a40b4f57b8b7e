/* finding-wire.c — findings as bytes, so that a check can run in a worker
 * process (guard.c) and hand its findings to the parent.
 *
 * A record is a tag byte, then fields: integers as 8 bytes little-endian,
 * strings as a 4-byte length and the bytes (length 0xffffffff for NULL).
 * A finding's tag is followed by two sizes, of its fields and of what its
 * strings take with their NULs, so that the reader builds it in one pass
 * once it has the whole record.  Both ends are the same program, so the
 * format needs no versioning; it only has to survive a truncated stream
 * (a worker that died mid-write). */
#include "finding-wire.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define NULL_STRING 0xffffffffu

/* v as 8 bytes little-endian at `at`, in one store. */
static void store_u64(char *at, uint64_t v)
{
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    memcpy(at, &v, sizeof v);
}

static void put_u64(fl_buf *b, uint64_t v)
{
    char x[8];
    store_u64(x, v);
    fl_buf_append(b, x, sizeof x);
}

/* Returns the bytes the string takes in a reader's block: with its NUL,
 * 0 for NULL. */
static size_t put_str(fl_buf *b, const char *s)
{
    size_t len = s ? strlen(s) : 0;
    uint64_t n = s ? len : NULL_STRING;
    unsigned char x[4] = { (unsigned char)n, (unsigned char)(n >> 8), (unsigned char)(n >> 16),
                           (unsigned char)(n >> 24) };
    fl_buf_append(b, (const char *)x, sizeof x);
    if (s)
        fl_buf_append(b, s, len);
    return s ? len + 1 : 0;
}

/* Bytes that may hold NUL (a document's text): length first. */
static void put_bytes(fl_buf *b, const char *s, size_t n)
{
    put_u64(b, s ? (uint64_t)n : UINT64_MAX);
    if (s)
        fl_buf_append(b, s, n);
}

/* A finding record: 'F', the bytes of the fields that follow and the
 * bytes their strings need (so that the reader takes the record in one
 * pass, once it has all of it), then the fields. */
void fl_wire_put_finding(fl_buf *b, const fl_finding *f)
{
    fl_buf_append(b, "F", 1);
    size_t head = b->len, need = 0;
    put_u64(b, 0); /* the two sizes, once known */
    put_u64(b, 0);
    need += put_str(b, f->check);
    need += put_str(b, f->rule);
    put_u64(b, (uint64_t)f->severity);
    need += put_str(b, f->message);
    put_u64(b, f->line);
    put_u64(b, f->end_line);
    put_u64(b, (uint64_t)(int64_t)f->page);
    need += put_str(b, f->section);
    need += put_str(b, f->table);
    need += put_str(b, f->row);
    need += put_str(b, f->column);
    need += put_str(b, f->evidence);
    put_u64(b, (uint64_t)f->has_values);
    put_u64(b, (uint64_t)f->expected.micros);
    put_u64(b, (uint64_t)f->actual.micros);
    need += put_str(b, f->expected_text);
    need += put_str(b, f->actual_text);
    put_u64(b, f->naddends);
    for (size_t i = 0; i < f->naddends; i++) {
        need += put_str(b, f->addends[i].label);
        put_u64(b, (uint64_t)f->addends[i].value.micros);
    }
    need += put_str(b, f->suggestion);
    store_u64(b->data + head, b->len - head - 16);
    store_u64(b->data + head + 8, need);
}

void fl_wire_put_done(fl_buf *b, size_t check_index, int status)
{
    fl_buf_append(b, "D", 1);
    put_u64(b, check_index);
    put_u64(b, (uint64_t)(int64_t)status);
}

void fl_wire_put_result(fl_buf *b, const fl_doc_result *r, size_t failed_checks)
{
    fl_buf_append(b, "R", 1);
    put_str(b, r->source);
    put_str(b, r->format);
    put_str(b, r->title);
    put_str(b, r->kind);
    put_u64(b, (uint64_t)(int64_t)r->year);
    put_str(b, r->unit);
    put_str(b, r->error);
    put_u64(b, r->rep != NULL);
    put_u64(b, failed_checks);
    put_u64(b, r->text_spooled != 0);
    if (r->text_spooled) {
        put_u64(b, (uint64_t)r->text_off);
        put_u64(b, r->text_len);
    } else {
        put_bytes(b, r->text, r->text_len);
    }
    for (size_t i = 0; r->rep && i < r->rep->count; i++)
        fl_wire_put_finding(b, r->rep->items[i]);
    fl_buf_append(b, "E", 1);
}

void fl_wire_put_log(fl_buf *b, const char *text)
{
    fl_buf_append(b, "L", 1);
    put_str(b, text);
}

/* -- reading -- */

static int get_u64(fl_wire_reader *r, uint64_t *v)
{
    if (r->len - r->pos < 8)
        return -1;
    /* One load, not eight: the main process reads some ten integers of
     * every finding of a batch. */
    uint64_t x;
    memcpy(&x, r->data + r->pos, sizeof x);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    x = __builtin_bswap64(x);
#endif
    *v = x;
    r->pos += 8;
    return 0;
}

/* Where get_str_into() puts a string: at `next`, in a finding's block,
 * moving on past its NUL, while `left` bytes of the block remain.
 * Without a sink, in an allocation of its own. */
typedef struct str_sink {
    char *next;
    size_t left;
} str_sink;

static int get_str_into(fl_wire_reader *r, char **out, str_sink *sink)
{
    if (r->len - r->pos < 4)
        return -1;
    const unsigned char *p = (const unsigned char *)r->data + r->pos;
    uint32_t n = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    r->pos += 4;
    *out = NULL;
    if (n == NULL_STRING)
        return 0;
    if (r->len - r->pos < n)
        return -1;
    if (sink == NULL) {
        *out = xstrndup(r->data + r->pos, n);
    } else {
        if (sink->left < (size_t)n + 1)
            return -1;
        memcpy(sink->next, r->data + r->pos, n);
        sink->next[n] = '\0';
        *out = sink->next;
        sink->next += (size_t)n + 1;
        sink->left -= (size_t)n + 1;
    }
    r->pos += n;
    return 0;
}

static int get_str(fl_wire_reader *r, char **out)
{
    return get_str_into(r, out, NULL);
}

static int get_bytes(fl_wire_reader *r, char **out, size_t *len)
{
    uint64_t n;
    *out = NULL;
    *len = 0;
    if (get_u64(r, &n) != 0)
        return -1;
    if (n == UINT64_MAX)
        return 0;
    if (r->len - r->pos < n)
        return -1;
    *out = xmalloc((size_t)n + 1);
    memcpy(*out, r->data + r->pos, (size_t)n);
    (*out)[n] = '\0';
    *len = (size_t)n;
    r->pos += (size_t)n;
    return 0;
}

static int get_int(fl_wire_reader *r, int64_t *v)
{
    uint64_t u;
    if (get_u64(r, &u) != 0)
        return -1;
    *v = (int64_t)u;
    return 0;
}

/* The fields after the sizes, their strings put by `sink`.  -1 when the
 * record does not hold together (its strings beyond the block the sizes
 * promised, an addend count beyond its bytes). */
static int get_finding(fl_wire_reader *r, fl_finding *f, str_sink *sink)
{
    int64_t sev, line, end, page, has, exp, act, n;
    if (get_str_into(r, &f->check, sink) || get_str_into(r, &f->rule, sink) ||
        get_int(r, &sev) || get_str_into(r, &f->message, sink) || get_int(r, &line) ||
        get_int(r, &end) || get_int(r, &page) || get_str_into(r, &f->section, sink) ||
        get_str_into(r, &f->table, sink) || get_str_into(r, &f->row, sink) ||
        get_str_into(r, &f->column, sink) || get_str_into(r, &f->evidence, sink) ||
        get_int(r, &has) || get_int(r, &exp) || get_int(r, &act) ||
        get_str_into(r, &f->expected_text, sink) || get_str_into(r, &f->actual_text, sink) ||
        get_int(r, &n))
        return -1;
    f->severity = (fl_severity)sev;
    f->line = (size_t)line;
    f->end_line = (size_t)end;
    f->page = (int)page;
    f->has_values = (int)has;
    f->expected.micros = exp;
    f->actual.micros = act;
    /* Each addend takes at least 12 bytes: a count beyond that is garbage. */
    if (n < 0 || (uint64_t)n > (r->len - r->pos) / 12)
        return -1;
    if (n > 0) {
        f->addends = xmalloc((size_t)n * sizeof *f->addends);
        f->addends_cap = (size_t)n;
    }
    for (int64_t i = 0; i < n; i++) {
        char *label;
        int64_t value;
        if (get_str_into(r, &label, sink) != 0 || get_int(r, &value) != 0)
            return -1;
        f->addends[f->naddends].label = label;
        f->addends[f->naddends++].value.micros = value;
    }
    return get_str_into(r, &f->suggestion, sink);
}

/* A finding record after its tag, as one block (fl_finding.packed): the
 * struct, then its strings.  Read in one pass once the whole record is
 * there (its size comes first).  NULL when it is not all there yet, or
 * does not hold together (a stream that is garbage is not read on). */
static fl_finding *read_finding(fl_wire_reader *r)
{
    uint64_t body, need;
    fl_wire_reader at = *r;
    if (get_u64(&at, &body) != 0 || get_u64(&at, &need) != 0 || body > at.len - at.pos ||
        need > body)
        return NULL;
    /* Only the record's bytes: a field that runs past them is garbage. */
    fl_wire_reader rec = { at.data, at.pos + (size_t)body, at.pos };
    size_t size = sizeof(fl_finding) + (size_t)need;
    fl_finding *f = xmalloc(size);
    memset(f, 0, sizeof *f);
    f->packed = size;
    str_sink sink = { (char *)(f + 1), (size_t)need };
    if (get_finding(&rec, f, &sink) != 0 || rec.pos != rec.len) {
        free(f->addends);
        free(f);
        return NULL;
    }
    r->pos = rec.pos;
    return f;
}

fl_wire_tag fl_wire_next(fl_wire_reader *r, fl_finding **finding, size_t *check_index, int *status)
{
    if (r->pos >= r->len)
        return FL_WIRE_END;
    char tag = r->data[r->pos++];
    if (tag == 'F') {
        fl_finding *f = read_finding(r);
        if (f == NULL)
            return FL_WIRE_TRUNCATED;
        *finding = f;
        return FL_WIRE_FINDING;
    }
    if (tag == 'D') {
        uint64_t k;
        int64_t s;
        if (get_u64(r, &k) != 0 || get_int(r, &s) != 0)
            return FL_WIRE_TRUNCATED;
        *check_index = (size_t)k;
        *status = (int)s;
        return FL_WIRE_DONE;
    }
    return FL_WIRE_TRUNCATED;
}

char *fl_wire_get_log(fl_wire_reader *r)
{
    char *text = NULL;
    if (r->pos >= r->len || r->data[r->pos] != 'L')
        return NULL;
    r->pos++;
    if (get_str(r, &text) != 0 || (text != NULL && *text == '\0')) {
        free(text);
        return NULL;
    }
    return text;
}

/* The text, or where it lies in the text spool. */
static int get_text(fl_wire_reader *r, int spooled, fl_doc_result *out)
{
    if (!spooled)
        return get_bytes(r, &out->text, &out->text_len);
    int64_t off, len;
    if (get_int(r, &off) || get_int(r, &len) || off < 0 || len < 0)
        return -1;
    out->text_spooled = 1;
    out->text_off = off;
    out->text_len = (size_t)len;
    return 0;
}

/* fl_doc_kind_name() strings are static: map the name back to one. */
int fl_wire_get_result(fl_wire_reader *r, fl_doc_result *out, size_t *failed_checks)
{
    memset(out, 0, sizeof *out);
    char *kind = NULL;
    int64_t year, has_rep, failed, spooled;
    if (r->pos >= r->len || r->data[r->pos] != 'R')
        return -1;
    r->pos++;
    if (get_str(r, &out->source) || get_str(r, &out->format) || get_str(r, &out->title) ||
        get_str(r, &kind) || get_int(r, &year) || get_str(r, &out->unit) ||
        get_str(r, &out->error) || get_int(r, &has_rep) || get_int(r, &failed) ||
        get_int(r, &spooled) || get_text(r, spooled != 0, out))
        goto bad;
    out->kind = fl_doc_kind_name_of(kind);
    free(kind);
    kind = NULL;
    out->year = (int)year;
    *failed_checks = (size_t)failed;
    if (has_rep)
        out->rep = fl_report_new(NULL);
    for (;;) {
        if (r->pos >= r->len)
            goto bad;
        if (r->data[r->pos] == 'E') {
            r->pos++;
            return 0;
        }
        fl_finding *f;
        size_t k;
        int status;
        if (out->rep == NULL || fl_wire_next(r, &f, &k, &status) != FL_WIRE_FINDING)
            goto bad;
        fl_report_take(out->rep, f);
    }
bad:
    free(kind);
    fl_doc_result_free(out);
    memset(out, 0, sizeof *out);
    return -1;
}
