/* dec.c — exact decimal arithmetic on int64 millionths (fl_dec).
 *
 * Products and quotients go through a 128-bit intermediate so that realistic
 * amounts never overflow on the way; a result that does not fit the exact
 * range (±FL_DEC_MAX_MICROS), or an operand already out of range, gives the
 * out-of-range value of the result's sign, so a corrupt input cannot turn a
 * huge positive total into a negative one (see <fislint/plugin.h>). */
#include <fislint/plugin.h>

#include <stdint.h>
#include <string.h>

/* __int128 is a GCC/Clang extension; __extension__ keeps -pedantic quiet. */
__extension__ typedef __int128 i128;

static int64_t saturate(i128 v)
{
    if (v > (i128)FL_DEC_MAX_MICROS)
        return FL_DEC_OUT_OF_RANGE;
    if (v < -(i128)FL_DEC_MAX_MICROS)
        return INT64_MIN;
    return (int64_t)v;
}

/* Sign of a product or quotient of a and b, as fl_dec_saturated() wants. */
static int negative_result(fl_dec a, fl_dec b)
{
    return (a.micros < 0) != (b.micros < 0);
}

/* num / den rounded half away from zero; den must be non-zero. */
static i128 div_round(i128 num, i128 den)
{
    int neg = (num < 0) != (den < 0);
    i128 n = num < 0 ? -num : num;
    i128 d = den < 0 ? -den : den;
    i128 q = n / d;
    if ((n % d) * 2 >= d)
        q++;
    return neg ? -q : q;
}

fl_dec fl_dec_mul(fl_dec a, fl_dec b)
{
    if (fl_dec_out_of_range(a) || fl_dec_out_of_range(b))
        return fl_dec_saturated(negative_result(a, b));
    fl_dec r = { saturate(div_round((i128)a.micros * b.micros, FL_DEC_SCALE)) };
    return r;
}

fl_dec fl_dec_div(fl_dec a, fl_dec b, int *ok)
{
    fl_dec r = { 0 };
    if (b.micros == 0) {
        if (ok)
            *ok = 0;
        return r;
    }
    if (ok)
        *ok = 1;
    if (fl_dec_out_of_range(a) || fl_dec_out_of_range(b))
        return fl_dec_saturated(negative_result(a, b));
    r.micros = saturate(div_round((i128)a.micros * FL_DEC_SCALE, b.micros));
    return r;
}

fl_dec fl_dec_round(fl_dec a, int places)
{
    if (fl_dec_out_of_range(a))
        return fl_dec_saturated(a.micros < 0);
    if (places >= 6)
        return a;
    if (places < 0)
        places = 0;
    int64_t unit = 1;
    for (int i = places; i < 6; i++)
        unit *= 10;
    fl_dec r = { saturate(div_round(a.micros, unit) * unit) };
    return r;
}

int fl_dec_parse(const char *text, fl_dec *out)
{
    if (text == NULL)
        return -1;
    const char *p = text;
    while (*p == ' ' || *p == '\t')
        p++;
    int neg = 0;
    if (*p == '-' || *p == '+')
        neg = *p++ == '-';
    i128 v = 0;
    int digits = 0, decimals = 0;
    for (; *p >= '0' && *p <= '9'; p++, digits++) {
        v = v * 10 + (*p - '0');
        if (v > (i128)INT64_MAX)
            return -1;
    }
    if (*p == '.') {
        p++;
        for (; *p >= '0' && *p <= '9'; p++, decimals++) {
            if (decimals == 6)
                return -1;
            v = v * 10 + (*p - '0');
        }
        if (decimals == 0)
            return -1; /* "12." is not a plain decimal */
    }
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    if (digits + decimals == 0 || *p != '\0')
        return -1;
    for (int i = decimals; i < 6; i++)
        v *= 10;
    if (neg)
        v = -v;
    if (v > (i128)FL_DEC_MAX_MICROS || v < -(i128)FL_DEC_MAX_MICROS)
        return -1; /* beyond the exact range: not a value to configure */
    if (out)
        out->micros = (int64_t)v;
    return 0;
}

char *fl_dec_format(fl_dec a, int min_places, char *buf, size_t size)
{
    /* One formatter for both widths.  Every int64 micros value, saturated
     * ones included, is an fl_wide by sign extension (fl_wide_from_dec
     * would turn those into 0). */
    fl_wide w = { a.micros < 0 ? -1 : 0, (uint64_t)a.micros };
    return fl_wide_format(w, min_places, buf, size);
}
