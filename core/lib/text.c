/* text.c — input bytes to UTF-8 (encoding detection, GB18030 and UTF-16
 * conversion) and the full-width normalisation every pattern matches on. */
#include "text.h"
#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How far to look for NUL bytes before calling the input binary (git's
 * heuristic uses the same window). */
#define BINARY_WINDOW 8192
/* Output is produced through a fixed buffer and appended, so iconv never
 * needs the whole output size up front. */
#define CHUNK 65536

/* Length of the well-formed UTF-8 sequence at p (at most `avail` bytes
 * available), or 0 if it is not one: overlong forms, surrogates and code
 * points above U+10FFFF are rejected. */
static inline size_t seq_len(const unsigned char *p, size_t avail)
{
    unsigned char c = p[0];
    if (c < 0x80)
        return 1;
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the 2nd byte */
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else
        return 0;
    if (avail < n || p[1] < lo || p[1] > hi)
        return 0;
    for (size_t i = 2; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    return n;
}

#if defined(__GNUC__)
/* Sixteen bytes, and sixteen answers of a lane-wise comparison (all bits
 * set where true): GNU C vectors, SSE2 on x86-64 and NEON on arm64. */
typedef unsigned char bytes16 __attribute__((vector_size(16)));
typedef signed char mask16 __attribute__((vector_size(16)));
#endif
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define FL_VEC_MASKS 1 /* mask_bits() numbers lanes from the first byte */

/* Bit k set where lane k of m has its top bit set (a comparison's true). */
static inline unsigned mask_bits(mask16 m)
{
#if defined(__SSE2__)
    typedef char v16qi __attribute__((vector_size(16)));
    return (unsigned)__builtin_ia32_pmovmskb128((v16qi)m);
#else
    uint64_t half[2];
    memcpy(half, &m, 16);
    unsigned bits = 0;
    for (int k = 0; k < 16; k++)
        bits |= (unsigned)((half[k / 8] >> (8 * (k % 8) + 7)) & 1) << k;
    return bits;
#endif
}
#endif

/* 1 when p[0..12) is four three-byte characters whose lead byte allows
 * any continuation (E1..EF but ED), as the loop below takes one at a time:
 * most of a Chinese report, checked a run at a time with GNU C vectors.
 * Reads 16 bytes. */
static int four_cjk(const unsigned char *p)
{
#if defined(__GNUC__)
    static const bytes16 mask = { 0xF0, 0xC0, 0xC0, 0xF0, 0xC0, 0xC0, 0xF0, 0xC0,
                                  0xC0, 0xF0, 0xC0, 0xC0, 0, 0, 0, 0 };
    static const bytes16 want = { 0xE0, 0x80, 0x80, 0xE0, 0x80, 0x80, 0xE0, 0x80,
                                  0x80, 0xE0, 0x80, 0x80, 0, 0, 0, 0 };
    static const bytes16 lead = { 0xFF, 0, 0, 0xFF, 0, 0, 0xFF, 0, 0, 0xFF, 0, 0, 0, 0, 0, 0 };
    bytes16 v;
    memcpy(&v, p, 16);
    /* Every lane as wanted (the last four: 0 == 0), and no lead E0 or ED,
     * which narrow their second byte. */
    mask16 shape = (mask16)((v & mask) == want);
    mask16 narrow = (mask16)((v == 0xE0) | (v == 0xED)) & (mask16)lead;
    uint64_t s[2], n[2];
    memcpy(s, &shape, 16);
    memcpy(n, &narrow, 16);
    return (s[0] & s[1]) == UINT64_MAX && (n[0] | n[1]) == 0;
#else
    (void)p;
    return 0;
#endif
}

/* A lead byte of three whose second byte may be any continuation. */
static int easy_lead(unsigned char c)
{
    return c >= 0xE1 && c <= 0xEF && c != 0xED;
}

#if defined(FL_VEC_MASKS)
/* The easy_lead bytes of p[0..16) as a bit mask when p[0..16) is ASCII
 * and easy_lead characters, those begun before the block included; -1
 * otherwise.  A continuation byte must be wherever a lead byte one or two
 * before calls for one, and nowhere else; a lead byte's own continuations
 * may lie past the block.  `prev` is the mask of the 16 bytes before
 * (bits 14 and 15 count).  Reads p[0..16).  Tables mix digits and tabs
 * with Chinese, which four_cjk does not take. */
static int easy_block(const unsigned char *p, unsigned prev)
{
    mask16 s; /* as signed bytes: E1..EF are -31..-17, ED -19, 80..BF below -64 */
    memcpy(&s, p, 16);
    unsigned lead = mask_bits((s > -32) & (s < -16) & (s != -19));
    unsigned cont = mask_bits(s < -64);
    unsigned high = mask_bits(s); /* not ASCII */
    unsigned x = prev >> 14 | lead << 2; /* bit 0: p[-2], bit 1: p[-1], bit k + 2: p[k] */
    unsigned called = ((x << 1 | x << 2) >> 2) & 0xFFFF;
    return cont == called && (high & ~(cont | lead)) == 0 ? (int)lead : -1;
}

/* easy_block() for the four blocks of p[0..64) at once: 1 when all are
 * easy, with their easy_lead bytes in *lead.  `prev` is the mask of the
 * 64 bytes before (bits 62 and 63 count).  One test per 64 bytes rather
 * than a test and a loop turn per 16: most of a report passes here. */
static int easy_chunk(const unsigned char *p, uint64_t prev, uint64_t *lead)
{
    uint64_t ld = 0, cont = 0, high = 0;
#pragma GCC unroll 4
    for (int k = 0; k < 4; k++) {
        bytes16 v;
        memcpy(&v, p + 16 * k, 16);
        /* E1..EF as one unsigned range test, ED taken out */
        mask16 easy = (mask16)((bytes16)(v - 0xE1) <= 0x0E) & (mask16)(v != 0xED);
        ld |= (uint64_t)mask_bits(easy) << 16 * k;
        cont |= (uint64_t)mask_bits((mask16)v < -64) << 16 * k;
        high |= (uint64_t)mask_bits((mask16)v) << 16 * k;
    }
    uint64_t x = prev >> 62; /* bit 0: p[-2], bit 1: p[-1] */
    uint64_t called = ld << 1 | ld << 2 | (x << 1 | x << 2) >> 2;
    *lead = ld;
    return cont == called && (high & ~(cont | ld)) == 0;
}
#endif

size_t fl_char_count(const char *s, size_t max)
{
    /* A character starts at every byte that is not a continuation byte
     * (10xxxxxx), so its characters are counted without decoding them:
     * sixteen (or eight) bytes at a time until max is reached (or passed:
     * the answer is the count up to max).  Past 4 * max bytes there are
     * max characters at least: no need to look there. */
    size_t len = strnlen(s, max <= SIZE_MAX / 4 ? 4 * max : SIZE_MAX);
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0, i = 0;
#if defined(FL_VEC_MASKS) && defined(__SSE2__)
    typedef char v16qi __attribute__((vector_size(16)));
    typedef long long v2di __attribute__((vector_size(16)));
    for (; i + 16 <= len && n < max; i += 16) {
        mask16 v;
        memcpy(&v, p + i, 16);
        /* 1 in each lane that starts a character, the lanes summed in two
         * halves by psadbw */
        v2di sums = __builtin_ia32_psadbw128((v16qi)((v >= -64) & 1), (v16qi){ 0 });
        n += (size_t)(sums[0] + sums[1]);
    }
#endif
    for (; i + 8 <= len && n < max; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        uint64_t cont = w & ~(w << 1) & 0x8080808080808080ull; /* 1 at bit 7 of 10xxxxxx */
        n += 8 - (size_t)(((cont >> 7) * 0x0101010101010101ull) >> 56);
    }
    for (; i < len && n < max; i++)
        n += (p[i] & 0xC0) != 0x80;
    return n < max ? n : max;
}

int fl_utf8_valid(const unsigned char *data, size_t len, size_t *bad_offset)
{
    size_t i = 0;
    while (i < len) {
#if defined(FL_VEC_MASKS)
        /* Sixty-four, then sixteen bytes at a time from a character's
         * start (and two bytes in: the blocks look back), then back to
         * the start of the character the last block began. */
        if (i >= 2 && i + 16 <= len) {
            uint64_t prev64 = (easy_lead(data[i - 2]) ? 1ull << 62 : 0) |
                              (easy_lead(data[i - 1]) ? 1ull << 63 : 0), lead64;
            size_t start = i;
            while (i + 64 <= len && easy_chunk(data + i, prev64, &lead64)) {
                prev64 = lead64;
                i += 64;
            }
            unsigned prev = (unsigned)(prev64 >> 48); /* the last block's */
            int lead;
            while (i + 16 <= len && (lead = easy_block(data + i, prev)) >= 0) {
                prev = (unsigned)lead;
                i += 16;
            }
            if (i > start) {
                if (prev & 1u << 15)
                    i -= 1;
                else if (prev & 1u << 14)
                    i -= 2;
                if (i == len)
                    break;
            }
        }
#endif
        if (data[i] < 0x80) {
            /* ASCII eight bytes at a time while it lasts */
            uint64_t w;
            while (i + 8 <= len && (memcpy(&w, data + i, 8), (w & 0x8080808080808080ull) == 0))
                i += 8;
            while (i < len && data[i] < 0x80)
                i++;
            continue;
        }
        /* Most of a Chinese report: a three-byte character whose lead byte
         * allows any continuation (not E0 or ED, which narrow the second),
         * four at a time while they last. */
        while (i + 16 <= len && four_cjk(data + i))
            i += 12;
        unsigned char c = data[i];
        if (easy_lead(c) && i + 3 <= len &&
            (data[i + 1] & 0xC0) == 0x80 && (data[i + 2] & 0xC0) == 0x80) {
            i += 3;
            continue;
        }
        size_t n = seq_len(data + i, len - i);
        if (n == 0) {
            if (bad_offset)
                *bad_offset = i;
            return 0;
        }
        i += n;
    }
    return 1;
}

size_t fl_utf8_seq_len(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    /* The string is NUL-terminated and NUL is never a continuation byte,
     * so claiming 4 available bytes cannot read past the end. */
    size_t n = seq_len(p, 4);
    return n ? n : 1;
}

/* The folds of fl_normalize at p[0..avail): bytes of input consumed, with
 * the ASCII byte to write in *to; 0 when p starts no fold.  Every fold's
 * first byte (0xEF, 0xE3, 0xC2, 0xE2) is a lead byte, never a continuation
 * byte, so matching the bytes here finds exactly the characters a decoder
 * would: no earlier sequence can cover them. */
static inline size_t fold_at(const unsigned char *p, size_t avail, char *to)
{
    switch (p[0]) {
    case 0xEF: /* U+FF01..U+FF5E: EF BC 81..BF, EF BD 80..9E */
        if (avail >= 3 && ((p[1] == 0xBC && p[2] >= 0x81 && p[2] <= 0xBF) ||
                           (p[1] == 0xBD && p[2] >= 0x80 && p[2] <= 0x9E))) {
            unsigned cp = 0xF000u | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
            *to = (char)(cp - 0xFEE0);
            return 3;
        }
        return 0;
    case 0xE3: /* U+3000, ideographic space */
        if (avail >= 3 && p[1] == 0x80 && p[2] == 0x80) {
            *to = ' ';
            return 3;
        }
        return 0;
    case 0xC2: /* U+00A0, no-break space */
        if (avail >= 2 && p[1] == 0xA0) {
            *to = ' ';
            return 2;
        }
        return 0;
    case 0xE2: /* U+2212, minus sign */
        if (avail >= 3 && p[1] == 0x88 && p[2] == 0x92) {
            *to = '-';
            return 3;
        }
        return 0;
    default:
        return 0;
    }
}

#if defined(FL_VEC_MASKS)
#define EQ(v, b) ((mask16)((v) == (unsigned char)(b)))

/* p[0..16), p[1..17) and p[2..18): up to three bytes of a character at
 * every lane. */
typedef struct lanes3 {
    bytes16 v0, v1, v2;
} lanes3;

static inline lanes3 load_lanes3(const unsigned char *p)
{
    lanes3 l;
    memcpy(&l.v0, p, 16);
    memcpy(&l.v1, p + 1, 16);
    memcpy(&l.v2, p + 2, 16);
    return l;
}

/* Lanes that start U+3000 (E3 80 80) or U+00A0 (C2 A0): spaces that are
 * also folds. */
static inline mask16 wide_space_lanes(const lanes3 *l)
{
    return (EQ(l->v0, 0xE3) & EQ(l->v1, 0x80) & EQ(l->v2, 0x80)) |
           (EQ(l->v0, 0xC2) & EQ(l->v1, 0xA0));
}

/* Bit k set where p[k..) starts what may be a fold: fold_at's pairs (and
 * E3 80 80 whole).  Reads p[0..18). */
static inline unsigned fold_mask(const unsigned char *p)
{
    lanes3 l = load_lanes3(p);
    mask16 m = EQ(l.v0, 0xEF) & EQ(l.v1 | 1, 0xBD); /* EF BC or EF BD */
    m |= wide_space_lanes(&l);
    m |= EQ(l.v0, 0xE2) & EQ(l.v1, 0x88);
    return mask_bits(m);
}

/* Bit k set where p[k..) starts a space fl_space_len() takes: ' ', TAB,
 * CR, E3 80 80 (U+3000) and C2 A0.  Reads p[0..18). */
static inline unsigned space_mask(const unsigned char *p)
{
    lanes3 l = load_lanes3(p);
    mask16 m = EQ(l.v0, ' ') | EQ(l.v0 & 0xFB, '\t'); /* TAB, and CR (0x0D) */
    m |= wide_space_lanes(&l);
    return mask_bits(m);
}
#undef EQ
#endif

size_t fl_next_space(const char *s, size_t i, size_t len)
{
    static const unsigned char space_lead[256] = {
        [' '] = 1, ['\t'] = 1, ['\r'] = 1, [0xE3] = 1, [0xC2] = 1,
    };
    const unsigned char *p = (const unsigned char *)s;
#if defined(FL_VEC_MASKS)
    for (; i + 18 <= len; i += 16) {
        unsigned m = space_mask(p + i);
        if (m != 0)
            return i + (size_t)__builtin_ctz(m);
    }
#endif
    while (i < len && !space_lead[p[i]])
        i++;
    return i;
}

/* The first byte at or after i that may start a fold, or len: never past
 * one.  A report's text has a fold every few dozen bytes (its full-width
 * punctuation), and looking at one byte at a time was most of the
 * normalisation's time: with GNU C vectors sixteen bytes are compared at
 * once, each with the next two, so that the lead bytes of Chinese
 * punctuation that is no fold (。、《》: E3 80 82 …) are passed over too.
 * The pairs are fold_at's; byte by byte (the last two bytes, and strings
 * shorter than a block), any fold lead byte stops: the callers ask
 * fold_at either way.  No read goes before p + i or past p + len. */
static inline size_t next_fold_lead(const unsigned char *p, size_t i, size_t len)
{
#define LEAD(b) [b] = 1,
    static const unsigned char fold_lead[256] = { FL_FOLD_LEAD_BYTES(LEAD) };
#undef LEAD
#if defined(FL_VEC_MASKS)
    for (; i + 18 <= len; i += 16) {
        /* Most blocks hold no fold lead byte at all (C2 E2 E3, with C3
         * too, and EF): told with two comparisons. */
        bytes16 v;
        memcpy(&v, p + i, 16);
        if (mask_bits((mask16)((v & 0xDE) == 0xC2) | (mask16)(v == 0xEF)) == 0)
            continue;
        unsigned m = fold_mask(p + i);
        if (m != 0)
            return i + (size_t)__builtin_ctz(m);
    }
    if (i < len && len >= 18) {
        /* The last 18 bytes as one block: it ends two bytes short of len,
         * which the loop below looks at. */
        size_t b = len - 18;
        unsigned m = fold_mask(p + b) >> (i - b); /* i > b */
        if (m != 0)
            return i + (size_t)__builtin_ctz(m);
        if (i < len - 2)
            i = len - 2;
    }
#endif
    while (i < len && !fold_lead[p[i]])
        i++;
    return i;
}

size_t fl_split_copy(char *out, const char *s, size_t len, char ***lines, size_t *cap,
                     size_t *n)
{
    /* One pass that copies and finds the newlines: a memcpy and then a
     * memchr per line read every byte twice and paid a call per line. */
    size_t i = 0, start = 0;
#if defined(FL_VEC_MASKS)
    for (; i + 32 <= len; i += 32) {
        bytes16 a, b;
        memcpy(&a, s + i, 16);
        memcpy(&b, s + i + 16, 16);
        memcpy(out + i, &a, 16);
        memcpy(out + i + 16, &b, 16);
        for (uint32_t m = mask_bits((mask16)(a == '\n')) | mask_bits((mask16)(b == '\n')) << 16;
             m != 0; m &= m - 1) {
            size_t at = i + (size_t)__builtin_ctz(m);
            out[at] = '\0';
            *lines = xgrow(*lines, cap, *n + 1, sizeof **lines);
            (*lines)[(*n)++] = out + start;
            start = at + 1;
        }
    }
#endif
    for (; i < len; i++) {
        out[i] = s[i];
        if (s[i] == '\n') {
            out[i] = '\0';
            *lines = xgrow(*lines, cap, *n + 1, sizeof **lines);
            (*lines)[(*n)++] = out + start;
            start = i + 1;
        }
    }
    if (start == len) /* no line after a final newline, none for "" */
        return len;
    out[len] = '\0';
    *lines = xgrow(*lines, cap, *n + 1, sizeof **lines);
    (*lines)[(*n)++] = out + start;
    return len + 1;
}

char *fl_normalize(const char *s, size_t len)
{
    /* Every fold shortens its input, so len + 1 bytes always suffice. */
    char *out = xmalloc(len + 1);
    fl_normalize_into(out, s, len);
    return out;
}

size_t fl_normalize_into(char *out, const char *s, size_t len)
{
    /* Everything that is not a fold, invalid bytes included, is copied as
     * is, in runs. */
    const unsigned char *p = (const unsigned char *)s;
    size_t o = 0, i = 0, run = 0;
#if defined(FL_VEC_MASKS)
    /* Block by block, each block's folds taken from its mask in turn.  A
     * fold ends in continuation bytes, which no mask bit (nor the loop
     * below) stops at, so one that runs into the next block is not found
     * again there. */
    for (; i + 18 <= len; i += 16) {
        bytes16 v;
        memcpy(&v, p + i, 16);
        if (mask_bits((mask16)((v & 0xDE) == 0xC2) | (mask16)(v == 0xEF)) == 0)
            continue; /* as in next_fold_lead */
        for (unsigned m = fold_mask(p + i); m != 0; m &= m - 1) {
            size_t at = i + (size_t)__builtin_ctz(m);
            char to;
            size_t n = fold_at(p + at, len - at, &to);
            if (n == 0)
                continue;
            memcpy(out + o, p + run, at - run);
            o += at - run;
            out[o++] = to;
            run = at + n;
        }
    }
    if (i < run)
        i = run;
#endif
    while ((i = next_fold_lead(p, i, len)) < len) {
        char to;
        size_t n = fold_at(p + i, len - i, &to);
        if (n == 0) {
            i++;
            continue;
        }
        memcpy(out + o, p + run, i - run);
        o += i - run;
        out[o++] = to;
        i += n;
        run = i;
    }
    memcpy(out + o, p + run, len - run);
    o += len - run;
    out[o] = '\0';
    return o;
}

char *fl_utf8_repair(const char *s)
{
    size_t len = strlen(s), o = 0;
    char *out = xmalloc(len * 3 + 1); /* each bad byte may become 3 */
    for (size_t i = 0; i < len;) {
        size_t n = seq_len((const unsigned char *)s + i, len - i);
        if (n == 0) {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
            continue;
        }
        memcpy(out + o, s + i, n);
        o += n;
        i += n;
    }
    out[o] = '\0';
    return out;
}

size_t fl_next_fold(const char *s, size_t i, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    char to;
    while ((i = next_fold_lead(p, i, len)) < len && fold_at(p + i, len - i, &to) == 0)
        i++;
    return i;
}

int fl_normalize_is_identity(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    char to;
    for (size_t i = 0; (i = next_fold_lead(p, i, len)) < len; i++)
        if (fold_at(p + i, len - i, &to) != 0)
            return 0;
    return 1;
}

static void set_err(char *err, size_t errsize, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t errsize, const char *fmt, ...)
{
    if (err == NULL || errsize == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errsize, fmt, ap);
    va_end(ap);
}

/* Convert data[0..len) from `from` to UTF-8 in CHUNK-sized steps.  `base`
 * is the offset of data in the original input, for error messages. */
static int convert(const char *from, const unsigned char *data, size_t len, size_t base,
                   fl_buf *dst, char *err, size_t errsize)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) {
        set_err(err, errsize, "无法进行 %s 到 UTF-8 的转换（iconv 不支持该编码）", from);
        return -1;
    }
    /* Reserve about what the output will need: GB18030 grows by at most
     * 1.5×, and this avoids repeated doubling on large files. */
    dst->data = xgrow(dst->data, &dst->cap, len + len / 2 + 1, 1);
    dst->data[dst->len] = '\0'; /* stays a string if nothing is converted (a lone BOM) */
    char chunk[CHUNK];
    char *in = (char *)data;
    size_t inleft = len;
    int rc = 0;
    while (inleft > 0) {
        char *o = chunk;
        size_t oleft = sizeof chunk;
        size_t r = iconv(cd, &in, &inleft, &o, &oleft);
        int e = errno;
        fl_buf_append(dst, chunk, (size_t)(o - chunk));
        if (r != (size_t)-1 || e == E2BIG)
            continue;
        size_t off = base + (size_t)((unsigned char *)in - data);
        set_err(err, errsize,
                "第 %zu 字节处（偏移 %zu）有无效的字节序列 (0x%02x)：%s",
                off + 1, off, (unsigned)*(unsigned char *)in,
                strcmp(from, "GB18030") == 0 ? "既不是 UTF-8 也不是 GBK/GB18030"
                                             : "不是有效的 UTF-16 文本");
        rc = -1;
        break;
    }
    iconv_close(cd);
    return rc;
}

/* Share of non-ASCII bytes that belong to well-formed UTF-8 sequences is
 * above 90 %: the file is UTF-8 with some broken bytes, not GBK. */
static int mostly_utf8(const unsigned char *data, size_t len)
{
    size_t nonascii = 0, good = 0, i = 0;
    while (i < len) {
        if (data[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = seq_len(data + i, len - i);
        if (n == 0) {
            nonascii++;
            i++;
        } else {
            nonascii += n;
            good += n;
            i += n;
        }
    }
    return nonascii > 0 && good * 10 > nonascii * 9;
}

/* UTF-16 without a BOM: ASCII text then has a NUL in nearly every other
 * byte, all on the same side.  Only used to word the error message. */
static int looks_utf16(const unsigned char *p, size_t n)
{
    size_t win = n < BINARY_WINDOW ? n : BINARY_WINDOW;
    size_t zero[2] = { 0, 0 };
    for (size_t i = 0; i < win; i++)
        if (p[i] == 0)
            zero[i & 1]++;
    size_t pairs = win / 2;
    return pairs >= 2 && (zero[0] * 10 >= pairs * 6 || zero[1] * 10 >= pairs * 6) &&
           (zero[0] == 0 || zero[1] == 0);
}

/* fl_decode(), and fl_decode_take() when `own` is data: valid UTF-8
 * without a BOM is then the text itself, else own is freed. */
static int decode(const unsigned char *data, size_t len, unsigned char *own, char **out,
                  size_t *out_len, const char **encoding, char *err, size_t errsize)
{
    if (err && errsize)
        err[0] = '\0';
    if (data == NULL)
        len = 0;
    size_t base = 0;
    fl_buf b = { 0 };
    const char *enc = "UTF-8";

    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        base = 3;
    } else if (len >= 4 && (memcmp(data, "\xFF\xFE\0\0", 4) == 0 ||
                            memcmp(data, "\0\0\xFE\xFF", 4) == 0)) {
        set_err(err, errsize, "不支持 UTF-32 编码的文件，请另存为 UTF-8");
        goto fail;
    } else if (len >= 2 && (memcmp(data, "\xFF\xFE", 2) == 0 ||
                            memcmp(data, "\xFE\xFF", 2) == 0)) {
        /* Notepad's "Unicode": convert rather than refuse. */
        enc = data[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
        if (convert(enc, data + 2, len - 2, 2, &b, err, errsize) != 0) {
            fl_buf_free(&b);
            goto fail;
        }
        goto done;
    }

    const unsigned char *p = data + base;
    size_t n = len - base;
    const unsigned char *nul = memchr(p, 0, n < BINARY_WINDOW ? n : BINARY_WINDOW);
    if (nul != NULL) {
        set_err(err, errsize, "二进制文件，不是文本报告（第 %zu 字节是 NUL）%s",
                (size_t)(nul - data) + 1,
                looks_utf16(p, n) ? "；可能是没有 BOM 的 UTF-16 文件，请另存为 UTF-8" : "");
        goto fail;
    }

    size_t bad = 0;
    if (fl_utf8_valid(p, n, &bad)) {
        if (own != NULL && base == 0) { /* no copy of the whole input */
            b.data = (char *)own;
            own = NULL;
        } else { /* exactly the size: the buffer lives as long as the document */
            b.data = xmalloc(n + 1);
            memcpy(b.data, p, n);
        }
        b.data[n] = '\0';
        b.len = n;
        b.cap = n + 1;
        goto done;
    }
    if (mostly_utf8(p, n)) {
        size_t off = base + bad;
        set_err(err, errsize,
                "第 %zu 字节处（偏移 %zu）有无效的 UTF-8 字节序列 (0x%02x)：文件基本是 UTF-8，但有损坏的字节",
                off + 1, off, (unsigned)data[off]);
        goto fail;
    }
    enc = "GB18030";
    if (convert(enc, p, n, base, &b, err, errsize) != 0) {
        fl_buf_free(&b);
        goto fail;
    }

done:
    /* Converting grows the buffer by doubling: give back what is spare. */
    if (b.data != NULL && b.cap > b.len + 1) {
        b.data = xrealloc(b.data, b.len + 1);
        b.cap = b.len + 1;
    }
    if (out_len)
        *out_len = b.len;
    if (encoding)
        *encoding = enc;
    if (out)
        *out = fl_buf_steal(&b);
    else
        fl_buf_free(&b);
    free(own);
    return 0;
fail:
    free(own);
    return -1;
}

int fl_decode(const unsigned char *data, size_t len, char **out, size_t *out_len,
              const char **encoding, char *err, size_t errsize)
{
    return decode(data, len, NULL, out, out_len, encoding, err, errsize);
}

int fl_decode_take(unsigned char *data, size_t len, char **out, size_t *out_len,
                   const char **encoding, char *err, size_t errsize)
{
    return decode(data, len, data, out, out_len, encoding, err, errsize);
}
