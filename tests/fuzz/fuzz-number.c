/* fuzz-number.c — the amount parser (fl_parse_number) at every position of
 * a string, as the amount scanner uses it, and the exact decimals
 * (fl_dec_parse and the arithmetic the checks do on what was parsed);
 * fl_wide_parse reads the same syntax and agrees wherever fl_dec is
 * exact. */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include <fislint/plugin.h>

#include "text.h"

static void use(fl_dec a, fl_dec b)
{
    char buf[32];
    int ok;
    fuzz_touch(fl_dec_format(a, 0, buf, sizeof buf));
    fuzz_touch(fl_dec_format(a, 6, buf, sizeof buf));
    fl_dec sum;
    (void)fl_dec_checked_add(a, b, &sum);
    (void)fl_dec_checked_sub(a, b, &sum);
    (void)fl_dec_add(a, b);
    (void)fl_dec_sub(a, b);
    (void)fl_dec_abs(a);
    (void)fl_dec_mul(a, b);
    (void)fl_dec_div(a, b, &ok);
    for (int p = 0; p <= 6; p++)
        (void)fl_dec_round(a, p);
}

static void parse_all(const char *s)
{
    fl_dec prev = fl_dec_from_int(1);
    size_t len = strlen(s);
    for (size_t i = 0; i < len; i += fl_utf8_len(s + i)) {
        fl_number n;
        size_t used = fl_parse_number(s + i, &n);
        if (used > len - i)
            abort(); /* consumed past the end of the string */
        /* The wide reading: same length and value where fl_dec is exact. */
        fl_wide wv;
        fl_unit wu;
        int wd;
        size_t wused = fl_wide_parse(s + i, &wv, &wu, &wd);
        if (wused > len - i)
            abort();
        if (used > 0 && !fl_dec_out_of_range(n.value)) {
            fl_dec back;
            if (wused != used || fl_wide_to_dec(wv, &back) != 0 ||
                back.micros != n.value.micros || wu != n.unit ||
                wd != n.decimals)
                abort();
            char a[64], b[32];
            if (strcmp(fl_wide_format(wv, 2, a, sizeof a),
                       fl_dec_format(n.value, 2, b, sizeof b)) != 0)
                abort();
        }
        if (used == 0 && wused != 0)
            abort(); /* the same syntax: no number is no number */
        if (used > 0 && wused != used && wused != 0)
            abort(); /* beyond fl_dec: the same number, or beyond 10^25 */
        if (wused > 0) {
            fl_wide sum, twice;
            char buf[64];
            if (fl_wide_add(wv, wv, &twice) != 0 || fl_wide_sub(twice, wv, &sum) != 0 ||
                fl_wide_cmp(sum, wv) != 0)
                abort(); /* exact within ±10^25 */
            fuzz_touch(fl_wide_format(fl_wide_abs(wv), 6, buf, sizeof buf));
        }
        if (used == 0)
            continue;
        fl_dec w;
        if (fl_number_to_wanyuan(&n, &w) == 0)
            use(w, prev);
        use(n.value, prev);
        prev = n.value;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0; /* amounts are short; long inputs only slow the search */
    char *s = fuzz_cstr(data, size);
    parse_all(s);
    char *norm = fl_normalize(s, strlen(s));
    parse_all(norm);
    free(norm);

    fl_dec d = { 12345 };
    if (fl_dec_parse(s, &d) == 0) {
        /* A parsed configured value formats back to a number that parses
         * to the same value. */
        char buf[32];
        fl_dec again;
        if (fl_dec_parse(fl_dec_format(d, 0, buf, sizeof buf), &again) != 0
            || again.micros != d.micros)
            abort();
        use(d, d);
    }
    free(s);
    return 0;
}
