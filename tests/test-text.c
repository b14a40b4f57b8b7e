/* test-text.c — encoding detection/decoding and full-width normalisation. */
#include <check.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <fislint/plugin.h>

#include "harness.h"
#include "parse.h"
#include "text.h"

#ifndef FL_SRCDIR
#define FL_SRCDIR "."
#endif

#define SEED003 FL_SRCDIR "/examples/003_b8f3d489ed9ef61e.txt"
#define SEED000 FL_SRCDIR "/examples/000_043825adc2a1e450.txt"

/* Whole file into memory; caller frees. */
/* Convert UTF-8 to `to` with iconv(3), as a producer of GBK files would;
 * caller frees. */
static unsigned char *encode(const unsigned char *in, size_t len, const char *to, size_t *outlen)
{
    iconv_t cd = iconv_open(to, "UTF-8");
    ck_assert(cd != (iconv_t)-1);
    size_t cap = len * 2 + 16;
    unsigned char *out = malloc(cap);
    char *ip = (char *)in, *op = (char *)out;
    size_t il = len, ol = cap;
    ck_assert_msg(iconv(cd, &ip, &il, &op, &ol) != (size_t)-1, "iconv to %s: %s", to,
                  strerror(errno));
    iconv_close(cd);
    *outlen = cap - ol;
    return out;
}

/* Decode and expect success with `want` (len bytes) and encoding `enc`. */
static void expect_decode(const void *data, size_t len, const char *want, size_t want_len,
                          const char *enc)
{
    char *out = NULL, err[256] = "";
    size_t out_len = 12345;
    const char *got_enc = NULL;
    int rc = fl_decode(data, len, &out, &out_len, &got_enc, err, sizeof err);
    ck_assert_msg(rc == 0, "decode failed: %s", err);
    ck_assert_str_eq(got_enc, enc);
    ck_assert_uint_eq(out_len, want_len);
    ck_assert_msg(memcmp(out, want, want_len) == 0, "decoded text differs");
    ck_assert_int_eq(out[out_len], '\0');
    free(out);
}

/* Decode and expect failure; returns the message in a static buffer. */
static const char *expect_fail(const void *data, size_t len)
{
    static char err[512];
    char *out = (char *)"untouched";
    size_t out_len = 0;
    const char *enc = NULL;
    err[0] = '\0';
    ck_assert_int_eq(fl_decode(data, len, &out, &out_len, &enc, err, sizeof err), -1);
    ck_assert_str_eq(out, "untouched");
    ck_assert_msg(err[0] != '\0', "no message");
    return err;
}

#define ck_assert_has(hay, needle) \
    ck_assert_msg(strstr((hay), (needle)) != NULL, "\"%s\" lacks \"%s\"", (hay), (needle))

/* ---------------- fl_utf8_valid / fl_utf8_len ---------------- */

/* A file that is only a UTF-16 byte-order mark decodes to an empty
 * string, NUL-terminated (found by tests/fuzz/fuzz-charset.c). */
START_TEST(decode_lone_bom)
{
    static const unsigned char boms[][2] = { { 0xff, 0xfe }, { 0xfe, 0xff } };
    for (size_t i = 0; i < 2; i++) {
        char *out = NULL, err[256] = "";
        size_t out_len = 99;
        const char *enc = NULL;
        ck_assert_int_eq(fl_decode(boms[i], 2, &out, &out_len, &enc, err, sizeof err), 0);
        ck_assert_uint_eq(out_len, 0);
        ck_assert_int_eq(out[0], '\0');
        free(out);
    }
}
END_TEST

START_TEST(utf8_valid_accepts)
{
    size_t bad = 99;
    ck_assert_int_eq(fl_utf8_valid((const unsigned char *)"", 0, &bad), 1);
    const char *s = "ascii 中文 ｛ \xF0\x9F\x98\x80 \xC2\xA0 \xEF\xBF\xBD \xF4\x8F\xBF\xBF";
    ck_assert_int_eq(fl_utf8_valid((const unsigned char *)s, strlen(s), &bad), 1);
    ck_assert_uint_eq(bad, 99);
}
END_TEST

START_TEST(utf8_valid_rejects)
{
    static const struct {
        const char *s;
        size_t off;
    } cases[] = {
        { "ab\xFF", 2 },                /* never valid */
        { "a\xC0\x80", 1 },             /* overlong NUL */
        { "\xE0\x80\xAF", 0 },          /* overlong '/' */
        { "x\xED\xA0\x80", 1 },         /* surrogate */
        { "\xF4\x90\x80\x80", 0 },      /* above U+10FFFF */
        { "\xF5\x80\x80\x80", 0 },
        { "中\xE4\xB8", 3 },            /* truncated at the end */
        { "中\x80", 3 },                /* stray continuation */
        { "\xE4\x41\x42", 0 },          /* continuation missing */
        /* after ASCII read eight bytes at a time, and Chinese read by
         * its three-byte fast path */
        { "abcdefghijklmnop\xFF", 16 },
        { "abcdefghi\x80", 9 },
        { "0123456789abcdefg中文\xED\xA0\x80", 23 },
        { "中文中文\xEF\xBF", 12 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t bad = 99;
        ck_assert_msg(fl_utf8_valid((const unsigned char *)cases[i].s, strlen(cases[i].s), &bad) == 0,
                      "case %zu accepted", i);
        ck_assert_msg(bad == cases[i].off, "case %zu: offset %zu, want %zu", i, bad, cases[i].off);
    }
    /* The length bounds the check: a sequence cut by len is invalid. */
    size_t bad = 0;
    ck_assert_int_eq(fl_utf8_valid((const unsigned char *)"中", 2, &bad), 0);
    ck_assert_uint_eq(bad, 0);
}
END_TEST

/* Chinese read four characters at a time (four_cjk) is still checked
 * byte for byte: a bad byte, an overlong E0 or a surrogate ED at any of
 * the positions of a run is found at its offset, and a run of good ones
 * of any length is accepted. */
START_TEST(utf8_valid_in_runs_of_chinese)
{
    for (size_t chars = 0; chars < 12; chars++) {
        char good[64] = "";
        for (size_t k = 0; k < chars + 6; k++)
            strcat(good, "预");
        ck_assert(fl_utf8_valid((const unsigned char *)good, strlen(good), NULL));
        static const char *const bad[] = {
            "\xE4\x41\x80",   /* a second byte that continues nothing */
            "\xE4\x80\x41",   /* a third */
            "\xE0\x80\xAF",   /* overlong */
            "\xED\xA0\x80",   /* surrogate */
            "\xFF\x80\x80",
        };
        for (size_t b = 0; b < sizeof bad / sizeof *bad; b++) {
            char in[96] = "";
            for (size_t k = 0; k < chars; k++)
                strcat(in, "算");
            strcat(in, bad[b]);
            strcat(in, "决算决算决算决算");
            size_t at = 99;
            ck_assert_msg(!fl_utf8_valid((const unsigned char *)in, strlen(in), &at),
                          "%zu characters, bad %zu accepted", chars, b);
            ck_assert_uint_eq(at, chars * 3);
        }
    }
}
END_TEST

/* The rules of UTF-8 one sequence at a time, as plainly as they read:
 * what fl_utf8_valid's block and run paths must agree with. */
static int reference_utf8_valid(const unsigned char *p, size_t len, size_t *bad)
{
    for (size_t i = 0; i < len;) {
        unsigned c = p[i];
        size_t n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
                 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        unsigned lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
        unsigned hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
        int ok = n > 0 && i + n <= len && (n == 1 || (p[i + 1] >= lo && p[i + 1] <= hi));
        for (size_t k = 2; ok && k < n; k++)
            ok = (p[i + k] & 0xC0) == 0x80;
        if (!ok) {
            *bad = i;
            return 0;
        }
        i += n;
    }
    return 1;
}

/* Text made of the pieces a report has (ASCII, tabs, Chinese, full-width
 * marks, "·", rarer three- and four-byte characters), now and then a
 * broken one, at every alignment: fl_utf8_valid, sixteen bytes at a time
 * where it can, says what the plain rules say, and at the same offset;
 * also for a length that cuts the text anywhere. */
START_TEST(utf8_valid_agrees_with_the_rules)
{
    static const char *const good[] = { "a", "7", "\t", " ", "中", "预算", "，", "（",
                                        "\xC2\xB7", "\xE0\xA0\x80", "\xED\x9F\xBF",
                                        "\xF0\x9F\x98\x80", "\xEF\xBF\xBD", "\xE1\x80\x80" };
    static const char *const broken[] = { "\x80", "\xFF", "\xE4\xB8", "\xE0\x80\xAF",
                                          "\xED\xA0\x80", "\xC0\xAF", "\xE4\x41", "\xF4\x90\x80\x80",
                                          "\xBF\xBF", "\xE4\xB8\xAD\xAD" };
    uint32_t seed = 12345;
    for (int round = 0; round < 20000; round++) {
        unsigned char buf[256];
        size_t len = 0;
        int pieces = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 60;
        for (int k = 0; k < pieces; k++) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = seed >> 16;
            const char *piece = r % 97 == 0 ? broken[(r / 97) % (sizeof broken / sizeof *broken)]
                                             : good[(r / 97) % (sizeof good / sizeof *good)];
            size_t n = strlen(piece);
            if (len + n > sizeof buf)
                break;
            memcpy(buf + len, piece, n);
            len += n;
        }
        size_t cut = round % 2 ? len : (size_t)(seed >> 8) % (len + 1);
        size_t want_at = 99, got_at = 99;
        int want = reference_utf8_valid(buf, cut, &want_at);
        int got = fl_utf8_valid(buf, cut, &got_at);
        ck_assert_msg(got == want, "round %d: %d, the rules say %d", round, got, want);
        ck_assert_msg(got_at == want_at, "round %d: offset %zu, the rules say %zu", round, got_at,
                      want_at);
    }
}
END_TEST

START_TEST(utf8_len)
{
    ck_assert_uint_eq(fl_utf8_len("a"), 1);
    ck_assert_uint_eq(fl_utf8_len(""), 1);
    ck_assert_uint_eq(fl_utf8_len("\xC2\xA0"), 2);
    ck_assert_uint_eq(fl_utf8_len("中"), 3);
    ck_assert_uint_eq(fl_utf8_len("\xF0\x9F\x98\x80"), 4);
    ck_assert_uint_eq(fl_utf8_len("\xFF"), 1);
    ck_assert_uint_eq(fl_utf8_len("\xE4\xB8"), 1); /* truncated by the NUL */
    ck_assert_uint_eq(fl_utf8_len("\xE4\xB8" "a"), 1);
    ck_assert_uint_eq(fl_utf8_len("\x80"), 1);
    /* A walk over a mixed string visits every byte exactly once. */
    const char *s = "a中\xFF\xE4\xB8" "b\xF0\x9F\x98\x80";
    size_t steps = 0, pos = 0;
    while (s[pos] != '\0') {
        pos += fl_utf8_len(s + pos);
        steps++;
    }
    ck_assert_uint_eq(pos, strlen(s));
    ck_assert_uint_eq(steps, 7);
}
END_TEST

/* The plugin header's inline steps (fl_utf8_char_len, fl_utf8_prev): back
 * from the end of valid text, every character start a forward walk
 * visits, in reverse, and 0 at the start. */
START_TEST(utf8_steps_back_where_forward_steps_went)
{
    const char *s = "a中，\xC2\xA0" "b\xF0\x9F\x98\x80" "。";
    size_t starts[16], n = 0;
    for (size_t pos = 0; s[pos] != '\0'; pos += fl_utf8_char_len((unsigned char)s[pos]))
        starts[n++] = pos;
    ck_assert_uint_eq(n, 7);
    size_t pos = strlen(s);
    for (size_t k = n; k-- > 0;) {
        pos = fl_utf8_prev(s, pos);
        ck_assert_uint_eq(pos, starts[k]);
    }
    ck_assert_uint_eq(fl_utf8_prev(s, 0), 0);
    /* Continuation bytes at the start: never before the text. */
    ck_assert_uint_eq(fl_utf8_prev("\x80\x80" "a", 2), 0);
}
END_TEST

/* ---------------- fl_normalize ---------------- */

static void expect_norm(const char *in, const char *want)
{
    char *got = fl_normalize(in, strlen(in));
    ck_assert_str_eq(got, want);
    free(got);
}

START_TEST(normalize_fullwidth)
{
    expect_norm("１２３．４５万元", "123.45万元");
    expect_norm("主要原因是：", "主要原因是:");
    expect_norm("（一）项目概况", "(一)项目概况");
    expect_norm("１１，０８６．７３％", "11,086.73%");
    /* the ends of the range: ！ (U+FF01) and ～ (U+FF5E) */
    expect_norm("！～", "!~");
    expect_norm("ＡＢＣｘｙｚ［］｛｝＋－＝", "ABCxyz[]{}+-=");
    /* just outside: U+FF00 (unassigned) and U+FF5F ｟ stay */
    expect_norm("\xEF\xBC\x80\xEF\xBD\x9F", "\xEF\xBC\x80\xEF\xBD\x9F");
}
END_TEST

START_TEST(normalize_spaces_and_minus)
{
    expect_norm("合\xE3\x80\x80计", "合 计");      /* U+3000 */
    expect_norm("a\xC2\xA0" "b", "a b");           /* U+00A0 */
    expect_norm("\xE2\x88\x92" "5", "-5");          /* U+2212 */
}
END_TEST

START_TEST(normalize_keeps_chinese_punctuation)
{
    const char *keep = "、。“”《》——…￥·「」【】";
    expect_norm(keep, keep);
    expect_norm("", "");
}
END_TEST

START_TEST(normalize_invalid_bytes)
{
    expect_norm("a\xFF\xEF\xBC" "b", "a\xFF\xEF\xBC" "b");
    expect_norm("\xEF\xBC\x91\xEF", "1\xEF"); /* valid １ then a cut-off sequence */
    /* len is respected: a sequence cut by len is copied byte by byte */
    char *got = fl_normalize("１２", 4);
    ck_assert_uint_eq(strlen(got), 2);
    ck_assert_int_eq(got[0], '1');
    ck_assert_int_eq((unsigned char)got[1], 0xEF);
    free(got);
}
END_TEST

/* fl_normalize_is_identity says exactly when fl_normalize copies its
 * input unchanged: table cells skip the copy on its word. */
START_TEST(normalize_identity_agrees_with_normalize)
{
    static const char *const cases[] = {
        "", "合计", "1,234.56", "€ 与 ™（E2 起首但不是负号）", "\xC2\xB7 间隔号", "\xE3\x80\x81 顿号",
        "\xEF\xBC", "a\xFF\xEF\xBC", /* cut-off and invalid sequences */
        "１", "全角　空格", "no\xC2\xA0" "break", "\xE2\x88\x92" "5", "（１）",
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t len = strlen(cases[i]);
        char *got = fl_normalize(cases[i], len);
        int same = strcmp(got, cases[i]) == 0;
        ck_assert_msg(fl_normalize_is_identity(cases[i], len) == same, "case %zu: %s", i, cases[i]);
        free(got);
    }
    ck_assert(fl_normalize_is_identity("合计", strlen("合计")));
    ck_assert(!fl_normalize_is_identity("（１）", strlen("（１）")));
    /* len is respected: the fold past it does not count */
    ck_assert(fl_normalize_is_identity("a１", 1));
}
END_TEST

/* A fold found sixteen bytes at a time (next_fold_lead) is found at every
 * offset in a block and across blocks, each of the five kinds, and a lead
 * byte that is no fold (E2 of "—", E3 of "。", EF of "￥") is passed
 * over, as byte by byte. */
START_TEST(normalize_finds_folds_at_every_offset)
{
    for (size_t at = 0; at < 40; at++) {
        for (size_t k = 0; k < 8; k++) {
            static const char *const put[] = { "，", "—", "\xE3\x80\x80", "。", "\xC2\xA0",
                                               "−", "～", "￥" };
            static const char *const want_put[] = { ",", "—", " ", "。", " ", "-", "~", "￥" };
            char in[128], want[128];
            memset(in, 'a', at);
            strcpy(in + at, put[k]);
            strcat(in, "0123456789abcdefghij");
            memset(want, 'a', at);
            strcpy(want + at, want_put[k]);
            strcat(want, "0123456789abcdefghij");
            expect_norm(in, want);
            ck_assert_int_eq(fl_normalize_is_identity(in, strlen(in)),
                             strcmp(put[k], want_put[k]) == 0);
            /* len cuts the fold off: the bytes before it are left alone */
            ck_assert(fl_normalize_is_identity(in, at));
        }
    }
}
END_TEST

/* What jansson refuses, fl_utf8_repair replaces byte by byte with U+FFFD. */
START_TEST(utf8_repair_replaces_each_bad_byte)
{
    static const struct { const char *in, *out; } cases[] = {
        { "合计 ok", "合计 ok" },
        { "\xB2\xC6\xD5\xFE.txt", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD.txt" },
        { "\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD" },                         /* overlong '/' */
        { "\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" },             /* a surrogate */
        { "a\xE4\xB8", "a\xEF\xBF\xBD\xEF\xBF\xBD" },                         /* cut off */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *got = fl_utf8_repair(cases[i].in);
        ck_assert_str_eq(got, cases[i].out);
        ck_assert(fl_utf8_valid((const unsigned char *)got, strlen(got), NULL));
        free(got);
    }
}
END_TEST

START_TEST(normalize_is_linear)
{
    /* 30 MB of full-width commas; a quadratic implementation never ends. */
    const size_t reps = 10u << 20;
    char *big = malloc(reps * 3 + 1);
    for (size_t i = 0; i < reps; i++)
        memcpy(big + i * 3, "，", 3);
    big[reps * 3] = '\0';
    clock_t t0 = clock();
    char *got = fl_normalize(big, reps * 3);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    ck_assert_uint_eq(strlen(got), reps);
    ck_assert_int_eq(got[0], ',');
    ck_assert_int_eq(got[reps - 1], ',');
    ck_assert_msg(secs < 5.0, "normalising 30 MB took %.1f s", secs);
    free(got);
    free(big);
}
END_TEST

/* ---------------- fl_decode ---------------- */

START_TEST(decode_empty)
{
    expect_decode("", 0, "", 0, "UTF-8");
    expect_decode("\xEF\xBB\xBF", 3, "", 0, "UTF-8"); /* BOM only */
}
END_TEST

START_TEST(decode_utf8)
{
    const char *s = "一、部门职责\n合计\t1,923.33\n";
    expect_decode(s, strlen(s), s, strlen(s), "UTF-8");
    char with_bom[64];
    snprintf(with_bom, sizeof with_bom, "\xEF\xBB\xBF%s", s);
    expect_decode(with_bom, strlen(with_bom), s, strlen(s), "UTF-8");
}
END_TEST

START_TEST(decode_utf8_seed_unchanged)
{
    size_t len;
    unsigned char *seed = fl_test_slurp(SEED003, &len);
    expect_decode(seed, len, (const char *)seed, len, "UTF-8");
    free(seed);
}
END_TEST

START_TEST(decode_gbk_small)
{
    /* 中文 in GBK */
    expect_decode("\xD6\xD0\xCE\xC4", 4, "中文", strlen("中文"), "GB18030");
    /* with ASCII around it */
    expect_decode("a\xD6\xD0" "1\xCE\xC4\n", 7, "a中1文\n", strlen("a中1文\n"), "GB18030");
}
END_TEST

START_TEST(decode_gbk_seed_roundtrip)
{
    size_t len, glen;
    unsigned char *seed = fl_test_slurp(SEED003, &len);
    unsigned char *gbk = encode(seed, len, "GBK", &glen);
    ck_assert_uint_ne(glen, len); /* it really is a different byte stream */
    size_t bad;
    ck_assert_int_eq(fl_utf8_valid(gbk, glen, &bad), 0);
    expect_decode(gbk, glen, (const char *)seed, len, "GB18030");
    free(gbk);
    free(seed);
}
END_TEST

START_TEST(decode_gbk_large)
{
    /* About 100 MB of GBK: converted in bounded chunks, in reasonable time. */
    size_t len, glen;
    unsigned char *seed = fl_test_slurp(SEED003, &len);
    unsigned char *gbk = encode(seed, len, "GBK", &glen);
    size_t reps = (100u << 20) / glen + 1;
    unsigned char *big = malloc(glen * reps);
    for (size_t i = 0; i < reps; i++)
        memcpy(big + i * glen, gbk, glen);
    char *out = NULL, err[256] = "";
    size_t out_len = 0;
    const char *enc = NULL;
    ck_assert_msg(fl_decode(big, glen * reps, &out, &out_len, &enc, err, sizeof err) == 0,
                  "%s", err);
    ck_assert_str_eq(enc, "GB18030");
    ck_assert_uint_eq(out_len, len * reps);
    ck_assert(memcmp(out, seed, len) == 0);
    ck_assert(memcmp(out + len * (reps - 1), seed, len) == 0);
    free(out);
    free(big);
    free(gbk);
    free(seed);
}
END_TEST

START_TEST(decode_gb18030_four_byte)
{
    /* € is 0xA2E3 in GB18030; U+00E9 é is the 4-byte 0x8130 8A32 … use iconv
     * to make the bytes rather than hard-coding the table. */
    const char *s = "欧元€ café 𠀀";
    size_t glen;
    unsigned char *g = encode((const unsigned char *)s, strlen(s), "GB18030", &glen);
    expect_decode(g, glen, s, strlen(s), "GB18030");
    free(g);
}
END_TEST

START_TEST(decode_binary_rejected)
{
    /* A PNG header has a NUL early; it must not be read as GBK. */
    static const unsigned char png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
                                         0, 0, 0, 0x0d, 'I', 'H', 'D', 'R' };
    const char *msg = expect_fail(png, sizeof png);
    ck_assert_has(msg, "二进制文件，不是文本报告");
    ck_assert_has(msg, "第 9 字节");
    /* A NUL in otherwise valid UTF-8 text, within the first 8 KiB. */
    msg = expect_fail("合计\0 12", 9);
    ck_assert_has(msg, "二进制文件");
    ck_assert_msg(strstr(msg, "UTF-16") == NULL, "%s", msg);
    /* UTF-16LE without a BOM: refused, with a hint. */
    msg = expect_fail("a\0b\0c\0\n\0", 8);
    ck_assert_has(msg, "二进制文件");
    ck_assert_has(msg, "没有 BOM 的 UTF-16");
}
END_TEST

START_TEST(decode_nul_after_window_kept)
{
    /* Past the 8 KiB window a NUL is not taken as binary: text is kept. */
    size_t n = 9000;
    char *buf = malloc(n);
    memset(buf, 'a', n);
    buf[8500] = '\0';
    expect_decode(buf, n, buf, n, "UTF-8");
    free(buf);
}
END_TEST

START_TEST(decode_utf16)
{
    const char *s = "中文 report\n";
    size_t blen;
    /* iconv's "UTF-16LE" writes no BOM: prepend one as Notepad does. */
    unsigned char *le = encode((const unsigned char *)s, strlen(s), "UTF-16LE", &blen);
    unsigned char *buf = malloc(blen + 2);
    buf[0] = 0xFF;
    buf[1] = 0xFE;
    memcpy(buf + 2, le, blen);
    expect_decode(buf, blen + 2, s, strlen(s), "UTF-16LE");
    free(le);
    unsigned char *be = encode((const unsigned char *)s, strlen(s), "UTF-16BE", &blen);
    buf[0] = 0xFE;
    buf[1] = 0xFF;
    memcpy(buf + 2, be, blen);
    expect_decode(buf, blen + 2, s, strlen(s), "UTF-16BE");
    /* odd length: the last byte is half a unit */
    const char *msg = expect_fail(buf, blen + 1);
    ck_assert_has(msg, "UTF-16");
    ck_assert_has(msg, "偏移");
    free(be);
    free(buf);
    /* an unpaired surrogate */
    msg = expect_fail("\xFF\xFE" "a\0\x00\xDC" "b\0", 8);
    ck_assert_has(msg, "偏移 4");
}
END_TEST

START_TEST(decode_utf32_rejected)
{
    const char *msg = expect_fail("\xFF\xFE\0\0" "a\0\0\0", 8);
    ck_assert_has(msg, "UTF-32");
}
END_TEST

START_TEST(decode_broken_utf8)
{
    /* A UTF-8 report with one damaged byte is broken UTF-8, not GBK, even
     * though GB18030 would accept almost any byte pair. */
    size_t len;
    unsigned char *seed = fl_test_slurp(SEED000, &len);
    size_t at = 1000;
    while (seed[at] < 0x80 || (seed[at] & 0xC0) == 0x80)
        at++; /* the lead byte of a Chinese character */
    seed[at] = 0xFF;
    char want[64];
    snprintf(want, sizeof want, "第 %zu 字节处（偏移 %zu）", at + 1, at);
    const char *msg = expect_fail(seed, len);
    ck_assert_has(msg, want);
    ck_assert_has(msg, "(0xff)");
    ck_assert_has(msg, "UTF-8");
    /* with a BOM the offset still counts from the start of the file */
    unsigned char *bom = malloc(len + 3);
    memcpy(bom, "\xEF\xBB\xBF", 3);
    memcpy(bom + 3, seed, len);
    snprintf(want, sizeof want, "偏移 %zu）", at + 3);
    msg = expect_fail(bom, len + 3);
    ck_assert_has(msg, want);
    free(bom);
    free(seed);
}
END_TEST

START_TEST(decode_truncated_utf8_at_end)
{
    /* A UTF-8 file cut in the middle of its last character. */
    const char *s = "部门决算公开说明\xE8\xAF";
    const char *msg = expect_fail(s, strlen(s));
    ck_assert_has(msg, "偏移 24）");
    ck_assert_has(msg, "(0xe8)");
}
END_TEST

START_TEST(decode_invalid_gbk)
{
    /* GBK text with a byte no encoding accepts. */
    const char *g = "\xD6\xD0\xCE\xC4\xD6\xD0\xCE\xC4\xFF\xD6\xD0";
    const char *msg = expect_fail(g, strlen(g));
    ck_assert_has(msg, "第 9 字节处（偏移 8）");
    ck_assert_has(msg, "(0xff)");
    ck_assert_has(msg, "既不是 UTF-8 也不是 GBK/GB18030");
    /* a GBK lead byte cut off at the end */
    msg = expect_fail("\xD6\xD0\xCE\xC4\xD6", 5);
    ck_assert_has(msg, "偏移 4）");
    ck_assert_has(msg, "(0xd6)");
}
END_TEST

START_TEST(decode_null_out_params)
{
    /* err may be NULL or tiny; out may be NULL (validation only). */
    ck_assert_int_eq(fl_decode((const unsigned char *)"\x89PNG\0", 5, NULL, NULL, NULL, NULL, 0), -1);
    char tiny[4];
    ck_assert_int_eq(fl_decode((const unsigned char *)"\xFF\xFF", 2, NULL, NULL, NULL, tiny, sizeof tiny), -1);
    ck_assert_int_eq(fl_decode((const unsigned char *)"ok", 2, NULL, NULL, NULL, NULL, 0), 0);
}
END_TEST

/* -- removing spaces and bold markers, against byte-at-a-time loops -- */

/* The loops that document.c had before it copied runs whole. */
static size_t strip_spaces_bytewise(char *out, const char *s, size_t n)
{
    size_t o = 0, k;
    for (size_t i = 0; i < n;) {
        if ((k = fl_space_len(s + i)) > 0) {
            i += k;
            continue;
        }
        out[o++] = s[i++];
    }
    out[o] = '\0';
    return o;
}

/* fl_strip_markdown as it was, removing "**" a byte at a time. */
static char *strip_markdown_bytewise(const char *norm, int *md_level)
{
    char *out = malloc(strlen(norm) + 1);
    size_t a, n;
    fl_trim_bounds(norm, strlen(norm), &a, &n);
    const char *s = norm + a;
    int level = 0;
    while (level < (int)n && s[level] == '#')
        level++;
    if (level > 0 && level <= 6 && (s[level] == ' ' || s[level] == '\0' || level == (int)n)) {
        s += level;
        n -= (size_t)level;
    } else {
        level = 0;
    }
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] == '*' && i + 1 < n && s[i + 1] == '*') {
            i += 2;
            continue;
        }
        out[o++] = s[i++];
    }
    out[o] = '\0';
    size_t ra, rn;
    fl_trim_bounds(out, o, &ra, &rn);
    while (rn > 0 && out[ra] == '*') {
        ra++;
        rn--;
    }
    while (rn > 0 && out[ra + rn - 1] == '*')
        rn--;
    size_t ta, tn;
    fl_trim_bounds(out + ra, rn, &ta, &tn);
    memmove(out, out + ra + ta, tn);
    out[tn] = '\0';
    *md_level = level;
    return out;
}

/* Random texts from pieces that start spaces or look like them (0xE3 of
 * "。", a lone 0xC2 or 0xE3, a space cut by the length), '*' and "**":
 * spaces removed in place and not, cut at every length, and markdown
 * stripped, give the same bytes as the loops did. */
START_TEST(strip_spaces_and_bold_agree_with_bytewise_loops)
{
    static const char *const pieces[] = {
        " ", "\t", "\r", "\xE3\x80\x80", "\xC2\xA0", "\xE3\x80\x82", "\xE3", "\xC2", "*", "**",
        "合计", "a", "1,234.56",
    };
    unsigned long r = 99;
    for (int round = 0; round < 2000; round++) {
        char text[200] = "";
        size_t len = fl_test_random_text(&r, pieces, sizeof pieces / sizeof *pieces, 8, text, 0,
                                         150, NULL);
        for (size_t n = 0; n <= len; n++) {
            char want[200], got[200];
            size_t w = strip_spaces_bytewise(want, text, n);
            ck_assert_uint_eq(fl_strip_spaces_into(got, text, n), w);
            ck_assert_mem_eq(got, want, w + 1);
            char inplace[200];
            memcpy(inplace, text, len + 1);
            ck_assert_uint_eq(fl_strip_spaces_into(inplace, inplace, n), w);
            ck_assert_mem_eq(inplace, want, w + 1);
        }
        for (int heading = 0; heading < 2; heading++) {
            char line[210];
            snprintf(line, sizeof line, "%s%s", heading ? "## " : "", text);
            int want_level, got_level;
            char *want = strip_markdown_bytewise(line, &want_level);
            char *got = fl_strip_markdown(line, &got_level);
            ck_assert_str_eq(got, want);
            ck_assert_int_eq(got_level, want_level);
            free(want);
            free(got);
        }
    }
}
END_TEST

/* Random valid UTF-8 of 1- to 4-byte characters, counted with every bound
 * from 0 to past its length: the count is that of a decoding loop, capped
 * at the bound, however the characters fall across eight-byte words. */
START_TEST(char_count_agrees_with_decoding)
{
    static const char *const chars[] = { "a", "1", " ", "\xC2\xA0", "\xC3\x97", "合", "。",
                                         "\xEF\xBC\x8C", "\xF0\x9F\x98\x80" };
    unsigned long r = 7;
    for (int round = 0; round < 3000; round++) {
        char text[300] = "";
        size_t nchars;
        fl_test_random_text(&r, chars, sizeof chars / sizeof *chars, 32, text, 0, 250, &nchars);
        for (size_t max = 0; max <= nchars + 2; max++)
            ck_assert_uint_eq(fl_char_count(text, max), (nchars < max ? nchars : max));
    }
    ck_assert_uint_eq(fl_char_count("", 5), 0);
    ck_assert_uint_eq(fl_char_count("二〇二四年度", SIZE_MAX), 6);
}
END_TEST

static Suite *text_suite(void)
{
    Suite *s = suite_create("text");
    TCase *tc = tcase_create("utf8");
    tcase_add_test(tc, utf8_valid_accepts);
    tcase_add_test(tc, decode_lone_bom);
    tcase_add_test(tc, utf8_valid_rejects);
    tcase_add_test(tc, utf8_valid_in_runs_of_chinese);
    tcase_add_test(tc, utf8_valid_agrees_with_the_rules);
    tcase_add_test(tc, utf8_len);
    tcase_add_test(tc, utf8_steps_back_where_forward_steps_went);
    suite_add_tcase(s, tc);

    tc = tcase_create("normalize");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, normalize_fullwidth);
    tcase_add_test(tc, normalize_spaces_and_minus);
    tcase_add_test(tc, normalize_keeps_chinese_punctuation);
    tcase_add_test(tc, normalize_invalid_bytes);
    tcase_add_test(tc, normalize_identity_agrees_with_normalize);
    tcase_add_test(tc, normalize_finds_folds_at_every_offset);
    tcase_add_test(tc, utf8_repair_replaces_each_bad_byte);
    tcase_add_test(tc, normalize_is_linear);
    tcase_add_test(tc, strip_spaces_and_bold_agree_with_bytewise_loops);
    tcase_add_test(tc, char_count_agrees_with_decoding);
    suite_add_tcase(s, tc);

    tc = tcase_create("decode");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, decode_empty);
    tcase_add_test(tc, decode_utf8);
    tcase_add_test(tc, decode_utf8_seed_unchanged);
    tcase_add_test(tc, decode_gbk_small);
    tcase_add_test(tc, decode_gbk_seed_roundtrip);
    tcase_add_test(tc, decode_gbk_large);
    tcase_add_test(tc, decode_gb18030_four_byte);
    tcase_add_test(tc, decode_binary_rejected);
    tcase_add_test(tc, decode_nul_after_window_kept);
    tcase_add_test(tc, decode_utf16);
    tcase_add_test(tc, decode_utf32_rejected);
    tcase_add_test(tc, decode_broken_utf8);
    tcase_add_test(tc, decode_truncated_utf8_at_end);
    tcase_add_test(tc, decode_invalid_gbk);
    tcase_add_test(tc, decode_null_out_params);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(text_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
