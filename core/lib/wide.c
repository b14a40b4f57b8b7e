/* wide.c — fl_wide, the exact decimal for amounts an fl_dec cannot hold
 * (sums of amounts in 元 beyond 9.2 × 10^12).
 *
 * The public struct is two 64-bit halves so that the ABI does not depend
 * on a compiler's __int128; inside, gcc and clang compute with __int128.
 * fl_wide_parse() is in number.c, where it shares the number syntax. */
#include <fislint/plugin.h>

#include <stdint.h>
#include <string.h>

#include "util.h"

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

#define I128_MAX ((i128)(~(u128)0 >> 1))
#define I128_MIN (-I128_MAX - 1)
#define TEN_TO_19 10000000000000000000ull

static i128 get(fl_wide w)
{
    /* u128 → i128 wraps (two's complement) on gcc and clang */
    return (i128)(((u128)(uint64_t)w.hi << 64) | (u128)w.lo);
}

static fl_wide put(i128 v)
{
    fl_wide w;
    w.hi = (int64_t)(v >> 64);
    w.lo = (uint64_t)v;
    return w;
}

fl_wide fl_wide_from_dec(fl_dec d, int *ok)
{
    int exact = !fl_dec_out_of_range(d);
    if (ok != NULL)
        *ok = exact;
    return put(exact ? (i128)d.micros : 0);
}

int fl_wide_add(fl_wide a, fl_wide b, fl_wide *out)
{
    i128 r;
    if (__builtin_add_overflow(get(a), get(b), &r))
        return -1;
    if (out != NULL)
        *out = put(r);
    return 0;
}

int fl_wide_sub(fl_wide a, fl_wide b, fl_wide *out)
{
    i128 r;
    if (__builtin_sub_overflow(get(a), get(b), &r))
        return -1;
    if (out != NULL)
        *out = put(r);
    return 0;
}

int fl_wide_cmp(fl_wide a, fl_wide b)
{
    i128 x = get(a), y = get(b);
    return (x > y) - (x < y);
}

fl_wide fl_wide_abs(fl_wide a)
{
    i128 v = get(a);
    /* the one value without a positive twin saturates (no report has it) */
    if (v == I128_MIN)
        return put(I128_MAX);
    return put(v < 0 ? -v : v);
}

int fl_wide_to_dec(fl_wide a, fl_dec *out)
{
    i128 v = get(a);
    if (v > (i128)FL_DEC_MAX_MICROS || v < -(i128)FL_DEC_MAX_MICROS)
        return -1;
    if (out != NULL)
        out->micros = (int64_t)v;
    return 0;
}

/* v's decimal digits ending before tmp[o]; returns where they begin. */
static size_t put_digits(char *tmp, size_t o, uint64_t v)
{
    return (size_t)(fl_uint_text(tmp + o, v) - tmp);
}

char *fl_wide_format(fl_wide a, int min_places, char *buf, size_t size)
{
    if (buf == NULL || size == 0)
        return buf;
    if (min_places < 0)
        min_places = 0;
    if (min_places > 6)
        min_places = 6;
    i128 v = get(a);
    int neg = v < 0;
    u128 mag = neg ? (u128)0 - (u128)v : (u128)v;
    /* 128-bit division is a library call per digit: the 128-bit part is
     * only the top digits of sums beyond 1.8 × 10^13 元, taken off 19 at
     * a time; everything else is 64-bit (the text output formats every
     * finding's numbers in the main process). */
    uint32_t fp;
    u128 ip_wide;
    if (mag <= UINT64_MAX) {
        fp = (uint32_t)((uint64_t)mag % FL_DEC_SCALE);
        ip_wide = (uint64_t)mag / FL_DEC_SCALE;
    } else {
        fp = (uint32_t)(mag % (u128)FL_DEC_SCALE);
        ip_wide = mag / (u128)FL_DEC_SCALE;
    }
    /* Right to left: at most 39 integer digits, sign, point, 6 decimals. */
    char tmp[64];
    size_t o = sizeof tmp;
    tmp[--o] = '\0';
    int places = 6;
    while (places > min_places && fp % 10 == 0) {
        fp /= 10;
        places--;
    }
    for (int i = 0; i < places; i++) {
        tmp[--o] = (char)('0' + fp % 10);
        fp /= 10;
    }
    if (places > 0)
        tmp[--o] = '.';
    while (ip_wide > UINT64_MAX) {
        uint64_t low = (uint64_t)(ip_wide % TEN_TO_19);
        ip_wide /= TEN_TO_19;
        size_t end = o;
        o = put_digits(tmp, o, low);
        while (end - o < 19)
            tmp[--o] = '0';
    }
    o = put_digits(tmp, o, (uint64_t)ip_wide);
    if (neg)
        tmp[--o] = '-';
    size_t len = sizeof tmp - 1 - o;
    if (len >= size)
        len = size - 1; /* truncated like snprintf */
    memcpy(buf, tmp + o, len);
    buf[len] = '\0';
    return buf;
}
