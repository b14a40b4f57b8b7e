/* number.c — reading a number with its unit from report text.
 *
 * Works on original and normalised text alike, so full-width digits, signs,
 * separators and the decimal point are all recognised here. */
#include <fislint/plugin.h>

#include <stdint.h>
#include <string.h>

__extension__ typedef __int128 i128;

/* An integer part below this takes another digit in 64 bits. */
#define NARROW_LIMIT 100000000000000000ull /* 10^17 */

/* Value of a digit (ASCII or full-width ０-９) at p, or -1; *len gets its
 * byte length. */
static int digit_at(const unsigned char *p, size_t *len)
{
    if (p[0] >= '0' && p[0] <= '9') {
        *len = 1;
        return p[0] - '0';
    }
    /* U+FF10..U+FF19 = EF BC 90..99 */
    if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99) {
        *len = 3;
        return p[2] - 0x90;
    }
    return -1;
}

/* Byte length of the literal `lit` if `p` starts with it, else 0.  The
 * literals (signs, separators, spaces, empty-cell marks) are a few bytes
 * long: compared in place, byte by byte, which stops at the first
 * difference (the first byte nearly always) or at p's end. */
static size_t match(const unsigned char *p, const char *lit)
{
    if (p[0] != (unsigned char)lit[0]) /* nearly always: not even a loop */
        return 0;
    size_t n = 1;
    for (; lit[n] != '\0'; n++)
        if (p[n] != (unsigned char)lit[n])
            return 0;
    return n;
}

/* Length of one space character at p (ASCII space/tab, U+3000, U+00A0). */
static size_t space_at(const unsigned char *p)
{
    if (p[0] == ' ' || p[0] == '\t')
        return 1;
    size_t n;
    if ((n = match(p, "\xE3\x80\x80")) || (n = match(p, "\xC2\xA0")))
        return n;
    return 0;
}

static size_t skip_spaces(const unsigned char *p)
{
    size_t n = 0, k;
    while ((k = space_at(p + n)) > 0)
        n += k;
    return n;
}

/* Exactly three digits at p, not followed by a fourth: a thousands group. */
static size_t group_len(const unsigned char *p)
{
    size_t n = 0, k;
    for (int i = 0; i < 3; i++) {
        if (digit_at(p + n, &k) < 0)
            return 0;
        n += k;
    }
    return digit_at(p + n, &k) < 0 ? n : 0;
}

/* The text is, after trimming spaces, only an empty-cell marker. */
static size_t empty_marker(const unsigned char *s)
{
    static const char *const markers[] = {
        "\xE2\x80\x94\xE2\x80\x94", /* —— */
        "\xEF\xBC\x8D\xEF\xBC\x8D", /* －－ */
        "--",
        "\xE2\x80\x94", /* — */
        "\xEF\xBC\x8D", /* － */
        "\xE2\x80\x93", /* – */
        "\xEF\xBC\x8F", /* ／ */
        "-", "/",
    };
    size_t pos = skip_spaces(s);
    /* The markers' first bytes: '-', '/', E2 80 (— –) and EF BC (－ ／);
     * not E2 89, which is ≥ or ≤ before a target ("≥ 95%"). */
    unsigned char c = s[pos];
    if (c != '-' && c != '/' && !(c == 0xE2 && s[pos + 1] == 0x80) &&
        !(c == 0xEF && s[pos + 1] == 0xBC))
        return 0;
    for (size_t i = 0; i < sizeof markers / sizeof markers[0]; i++) {
        size_t n = match(s + pos, markers[i]);
        if (n == 0)
            continue;
        size_t end = pos + n;
        end += skip_spaces(s + end);
        while (s[end] == '\r' || s[end] == '\n')
            end++;
        return s[end] == '\0' ? end : 0;
    }
    return 0;
}

/* The unit after a number: 万元 亿元 元 % ％ 分钟 分 人次 人 户 个 次 辆 家 批 项
 * 天 日 月 年 名 具 (a longer word before its prefix: 分钟 is not points).
 * By the first character's bytes rather than word after word: a table's
 * numbers are most often followed by a character that is no unit at all. */
static size_t unit_at(const unsigned char *p, fl_unit *unit)
{
    if (p[0] == '%') {
        *unit = FL_UNIT_PERCENT;
        return 1;
    }
    /* The units' lead bytes are E4 to EF; p[2] is read only after p[1]. */
    if (p[0] < 0xE4 || p[0] > 0xEF || p[1] == '\0')
        return 0;
    /* the next character only for the words that have one */
    switch ((uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2]) {
    case 0xE4B887: /* 万 */
        if (!match(p + 3, "\xE5\x85\x83")) /* 元 */
            return 0;
        *unit = FL_UNIT_WANYUAN;
        return 6;
    case 0xE4BABF: /* 亿 */
        if (!match(p + 3, "\xE5\x85\x83"))
            return 0;
        *unit = FL_UNIT_YIYUAN;
        return 6;
    case 0xE58583: /* 元 */
        *unit = FL_UNIT_YUAN;
        return 3;
    case 0xEFBC85: /* ％ */
        *unit = FL_UNIT_PERCENT;
        return 3;
    case 0xE58886: /* 分 */
        if (match(p + 3, "\xE9\x92\x9F")) { /* 钟: minutes, not points */
            *unit = FL_UNIT_OTHER;
            return 6;
        }
        *unit = FL_UNIT_POINTS;
        return 3;
    case 0xE4BABA: /* 人 */
        *unit = FL_UNIT_OTHER;
        return match(p + 3, "\xE6\xAC\xA1") ? 6 : 3; /* 人次 */
    case 0xE688B7: /* 户 */
    case 0xE4B8AA: /* 个 */
    case 0xE6ACA1: /* 次 */
    case 0xE8BE86: /* 辆 */
    case 0xE5AEB6: /* 家 */
    case 0xE689B9: /* 批 */
    case 0xE9A1B9: /* 项 */
    case 0xE5A4A9: /* 天 */
    case 0xE697A5: /* 日 */
    case 0xE69C88: /* 月 */
    case 0xE5B9B4: /* 年 */
    case 0xE5908D: /* 名 */
    case 0xE585B7: /* 具 */
        *unit = FL_UNIT_OTHER;
        return 3;
    default:
        return 0;
    }
}

/* What scan_number() read: the magnitude in millionths (exact while
 * !huge), its sign, unit and decimals as written. */
typedef struct scanned {
    i128 micros;
    int neg, decimals, is_empty, huge;
    fl_unit unit;
} scanned;

/* Can a space or a unit start with byte c?  ' ', '\t', '%' and the lead
 * bytes of U+00A0, U+3000 and the CJK units: what follows a number is
 * most often the end of its cell or an ASCII mark, no unit at all. */
static inline int may_start_unit(unsigned char c)
{
    return c >= 0x80 || c == ' ' || c == '\t' || c == '%';
}

/* The unit after the digits at s + pos, possibly after spaces (consumed
 * only with a unit), into *unit unless NULL; returns the new end.  Out of
 * line: most numbers have none, and their readers need no frame for it. */
static __attribute__((noinline)) size_t read_unit(const unsigned char *s, size_t pos,
                                                  fl_unit *unit)
{
    fl_unit u = FL_UNIT_NONE;
    unsigned char c = s[pos];
    if (may_start_unit(c)) {
        /* the first bytes of the spaces space_at() knows */
        size_t sp = c == ' ' || c == '\t' || c == 0xE3 || c == 0xC2 ? skip_spaces(s + pos) : 0;
        size_t ulen = unit_at(s + pos + sp, &u);
        if (ulen > 0)
            pos += sp + ulen;
    }
    if (unit != NULL)
        *unit = u;
    return pos;
}

/* The end of scan_number() (scan_plain() has its own, in 64 bits), at
 * s + pos after the digits: the value (integer part v, the first decimals in frac, of
 * `decimals`) in millionths, and the unit after it.  Returns the bytes
 * consumed.  out->neg and out->huge are the caller's; with huge, v is
 * not used. */
static size_t finish_scan(const unsigned char *s, size_t pos, i128 v, i128 frac, int decimals,
                          int round_up, scanned *out)
{
    /* frac holds the first (at most 6) decimals: scale it to millionths */
    static const int32_t to_micros[6] = { 1000000, 100000, 10000, 1000, 100, 10 };
    if (decimals < 6)
        frac *= to_micros[decimals];

    pos = read_unit(s, pos, &out->unit);
    out->micros = out->huge ? 0 : v * FL_DEC_SCALE + frac + round_up;
    out->decimals = decimals;
    out->is_empty = 0;
    return pos;
}

/* Most numbers of a report's tables: ASCII digits, at most PLAIN_DIGITS
 * of them, and maybe a point and up to six ASCII decimals, right at s.
 * Read here in a tight loop, into *micros and *decimals, up to the unit
 * (not read); anything else (spaces, signs, marks, groups, full-width
 * forms, long numbers) returns 0, for scan_general() to read from the
 * start.  Whatever this reads, scan_general() reads the same. */
#define PLAIN_DIGITS 12
#define PLAIN_MAX 999999999999LL /* the largest of PLAIN_DIGITS digits */

static inline __attribute__((always_inline)) size_t scan_plain(const unsigned char *s,
                                                               int64_t *micros, int *decimals)
{
    uint64_t v = 0;
    size_t pos = 0;
    while (s[pos] >= '0' && s[pos] <= '9' && pos < PLAIN_DIGITS)
        v = v * 10 + ((uint64_t)s[pos++] - '0');
    /* A thirteenth digit, a group separator, or a full-width form
     * (EF: a digit, the comma or the point) that the number may go on
     * with: the general reading decides. */
    if (pos == 0 || (s[pos] >= '0' && s[pos] <= '9') || s[pos] == ',' || s[pos] == 0xEF)
        return 0;
    int dec = 0;
    uint32_t frac = 0;
    if (s[pos] == '.' && s[pos + 1] >= '0' && s[pos + 1] <= '9') {
        size_t d = pos + 1;
        while (s[d] >= '0' && s[d] <= '9' && dec < 6) {
            frac = frac * 10 + (unsigned)(s[d++] - '0');
            dec++;
        }
        if ((s[d] >= '0' && s[d] <= '9') || s[d] == 0xEF)
            return 0; /* a seventh decimal to round by, or a full-width one */
        pos = d;
    } else if (s[pos] == '.' && s[pos + 1] == 0xEF) {
        return 0; /* a full-width digit may follow the point */
    }
    /* finish_scan() in 64 bits: below 10^12 units and 10^6 millionths,
     * the value cannot pass 10^18. */
    static const uint32_t to_micros[7] = { 1000000, 100000, 10000, 1000, 100, 10, 1 };
    *micros = (int64_t)(v * (uint64_t)FL_DEC_SCALE + (uint64_t)frac * to_micros[dec]);
    *decimals = dec;
    return pos;
}

/* scan_number() of what scan_plain() does not read. */
static size_t scan_general(const unsigned char *s, i128 cap, scanned *out)
{
    memset(out, 0, sizeof *out);
    out->unit = FL_UNIT_NONE;
    size_t end = empty_marker(s);
    if (end > 0) {
        out->is_empty = 1;
        return end;
    }

    size_t pos = skip_spaces(s), k;
    int neg = 0;
    if (s[pos] == '+' || s[pos] == '-') {
        neg = s[pos] == '-';
        pos++;
    } else if ((k = match(s + pos, "\xEF\xBC\x8B"))) { /* ＋ */
        pos += k;
    } else if ((k = match(s + pos, "\xEF\xBC\x8D")) ||  /* － */
               (k = match(s + pos, "\xE2\x88\x92"))) {  /* − U+2212 */
        neg = 1;
        pos += k;
    }

    /* Integer part, with thousands groups.  Digits beyond the cap are
     * still read (the number goes on), only no longer accumulated.  In 64
     * bits while that cannot overflow (nearly every number), then in 128:
     * a 128-bit multiply per digit was a tenth of reading a table. */
    uint64_t v64 = 0, cap64 = cap < (i128)UINT64_MAX ? (uint64_t)cap : UINT64_MAX;
    i128 v = 0;
    int d, digits = 0, grouped = 0, huge = 0, wide = 0;
    for (;;) {
        if ((d = digit_at(s + pos, &k)) >= 0) {
            if (!huge && !wide) {
                v64 = v64 * 10 + (unsigned)d;
                if (v64 >= NARROW_LIMIT) {
                    wide = 1;
                    v = (i128)v64;
                }
            } else if (!huge) {
                v = v * 10 + d;
            }
            if (wide ? v > cap : v64 > cap64)
                huge = 1;
            pos += k;
            digits++;
        } else if (digits > 0 && ((k = match(s + pos, ",")) ||
                                  (k = match(s + pos, "\xEF\xBC\x8C"))) && /* ， */
                   group_len(s + pos + k) > 0) {
            pos += k;
            grouped = 1;
        } else {
            break;
        }
    }
    if (digits == 0)
        return 0;

    /* Fraction: a point counts only when a digit follows ("3." ends a
     * sentence or a list number). */
    int decimals = 0;
    i128 frac = 0;
    int round_up = 0;
    if (((k = match(s + pos, ".")) || (k = match(s + pos, "\xEF\xBC\x8E"))) && /* ． */
        digit_at(s + pos + k, &(size_t){ 0 }) >= 0) {
        pos += k;
        while ((d = digit_at(s + pos, &k)) >= 0) {
            if (decimals < 6)
                frac = frac * 10 + d;
            else if (decimals == 6)
                round_up = d >= 5; /* half away from zero on the magnitude */
            decimals++;
            pos += k;
        }
    }
    /* More than 13 plain digits (past 9.2 × 10^12, with neither separators
     * nor decimals) is an identifier — an account, an ID card — not an
     * amount: no number, as it always was. */
    if (digits > 13 && !grouped && decimals == 0)
        return 0;
    if (!wide)
        v = (i128)v64;
    out->neg = neg;
    out->huge = huge;
    return finish_scan(s, pos, v, frac, decimals, round_up, out);
}

/* The number syntax shared by fl_parse_number() and fl_wide_parse():
 * bytes consumed (0: no number).  An integer part beyond `cap` is still
 * read to its end but no longer accumulated: *out->huge is then set. */
static size_t scan_number(const unsigned char *s, i128 cap, scanned *out)
{
    /* The short path: only where its digits cannot pass the cap (both
     * callers' caps are far above it). */
    int64_t micros;
    int decimals;
    size_t pos = cap >= PLAIN_MAX ? scan_plain(s, &micros, &decimals) : 0;
    if (pos == 0)
        return scan_general(s, cap, out);
    *out = (scanned){ .micros = micros, .decimals = decimals };
    return read_unit(s, pos, &out->unit);
}

/* Can scan_general() read anything at a text starting with byte c?  A
 * digit, a sign, a mark or a space: ASCII or the lead byte of a full-width
 * form (EF), of — – − (E2), of U+3000 (E3) or U+00A0 (C2). */
static int may_start_general(unsigned char c)
{
    return (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '/' || c == ' ' ||
           c == '\t' || c == 0xC2 || c == 0xE2 || c == 0xE3 || c == 0xEF;
}

/* fl_parse_number() of what scan_plain() could not read: plugins also
 * try it on words and empty texts, which fail at their first byte. */
static __attribute__((noinline)) size_t parse_other(const char *text, fl_number *out)
{
    fl_number num = { { 0 }, FL_UNIT_NONE, 0, 0 };
    if (out)
        *out = num;
    if (text == NULL || !may_start_general((unsigned char)text[0]))
        return 0;
    scanned sc;
    size_t pos = scan_general((const unsigned char *)text,
                              (i128)(FL_DEC_MAX_MICROS / FL_DEC_SCALE), &sc);
    if (pos == 0)
        return 0;
    /* An amount too large to hold exactly is read as out of range, so that
     * the checks can say so instead of skipping it. */
    if (sc.huge || sc.micros > (i128)FL_DEC_MAX_MICROS)
        num.value = fl_dec_saturated(sc.neg);
    else
        num.value.micros = (int64_t)(sc.neg ? -sc.micros : sc.micros);
    num.is_empty = sc.is_empty;
    num.unit = sc.unit;
    num.decimals = sc.decimals;
    if (out)
        *out = num;
    return pos;
}

size_t fl_parse_number(const char *text, fl_number *out)
{
    /* Most numbers are plain: read here, without scan_number()'s frame
     * nor parse_other()'s (a plain number is far below the range's end:
     * PLAIN_MAX is 10^12 units), and most have no unit after them. */
    const unsigned char *s = (const unsigned char *)text;
    int64_t micros;
    int decimals;
    size_t pos = s != NULL ? scan_plain(s, &micros, &decimals) : 0;
    if (pos == 0)
        return parse_other(text, out);
    if (out)
        *out = (fl_number){ { micros }, FL_UNIT_NONE, 0, decimals };
    if (may_start_unit(s[pos]))
        return read_unit(s, pos, out ? &out->unit : NULL);
    return pos;
}

/* Lives here rather than in wide.c to share scan_number(). */
size_t fl_wide_parse(const char *text, fl_wide *out, fl_unit *unit, int *decimals)
{
    /* 10^25 in units, 10^31 in millionths */
    const i128 max_units = (i128)10000000000000LL * 1000000000000LL;
    const i128 max_micros = max_units * FL_DEC_SCALE;
    scanned sc;
    size_t pos = text != NULL ? scan_number((const unsigned char *)text,
                                            max_units, &sc) : 0;
    if (pos == 0 || sc.huge || sc.micros > max_micros)
        return 0;
    i128 v = sc.neg ? -sc.micros : sc.micros;
    if (out != NULL) {
        out->hi = (int64_t)(v >> 64);
        out->lo = (uint64_t)v;
    }
    if (unit != NULL)
        *unit = sc.unit;
    if (decimals != NULL)
        *decimals = sc.decimals;
    return pos;
}

int fl_number_to_wanyuan(const fl_number *n, fl_dec *out)
{
    if (n == NULL)
        return -1;
    fl_dec r = n->value;
    switch (n->unit) {
    case FL_UNIT_NONE:
    case FL_UNIT_WANYUAN:
        break;
    case FL_UNIT_YUAN: {
        int ok;
        r = fl_dec_div(n->value, fl_dec_from_int(10000), &ok);
        break;
    }
    case FL_UNIT_YIYUAN:
        /* Out of range when 亿元 × 10 000 does not fit (sticky, too). */
        r = fl_dec_mul(n->value, fl_dec_from_int(10000));
        break;
    default:
        return -1;
    }
    if (out)
        *out = r;
    return 0;
}
