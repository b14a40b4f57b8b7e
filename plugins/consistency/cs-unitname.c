/* cs-unitname.c — unit names: what reads as one, and when two name the
 * same unit.  Names have short and long forms (普陀区财政局 =
 * 上海市普陀区财政局; 江苏省委办公厅 = 中国共产党江苏省委员会办公厅;
 * 昌吉州民政局 = 昌吉回族自治州民政局; 江苏省法院 = 江苏省高级人民法院),
 * so "same" is decided leniently: only a name that clearly names another
 * unit — another organ, or the same organ one level up or down
 * (上海市规划和自然资源局 in a report of 上海市普陀区规划和自然资源局) —
 * is different. */
#include <stdlib.h>
#include <string.h>

#include "cs.h"

static const char *const organ_endings[] = {
    "局", "厅", "委", "会", "办公室", "办", "院", "中心", "处", "所", "站", "馆",
    "队", "部", "署", "社", "校", "团", "府", NULL,
};

/* The last character of a region: 上海市, 普陀区, 江苏省, 昌吉回族自治州. */
static const char *const region_endings[] = { "省", "市", "区", "县", "州", "盟", "旗", NULL };
/* Words ending like a region that are not one. */
static const char *const not_regions[] = {
    "社区", "园区", "小区", "景区", "城区", "辖区", "地区", "片区", "库区", "校区", NULL,
};

int cs_is_placeholder_name(const char *name)
{
    return strstr(name, "X") != NULL || strstr(name, "x") != NULL || strstr(name, "×") != NULL;
}

int cs_is_unit_name(const char *name, size_t len)
{
    if (len < 9) /* three CJK characters */
        return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)name[i];
        if (c < 0x80 && c != 'X' && c != 'x')
            return 0;
    }
    static const char *const punct[] = { "、", "。", "“", "”", "《", "》", "…", NULL };
    for (size_t i = 0; i < len; i += cs_char_len(name + i))
        for (size_t k = 0; punct[k] != NULL; k++)
            if (fl_str_starts(name + i, punct[k]))
                return 0;
    return cs_ends_with_any(name, len, organ_endings);
}

/* Bytes of a region word at the start of s (2 to 7 characters ending in
 * 省/市/区/县/州/盟/旗), 0 when none.  The shortest such word is taken. */
static size_t region_at(const char *s)
{
    size_t off = 0, chars = 0;
    while (s[off] != '\0' && chars < 7) {
        size_t l = cs_char_len(s + off);
        off += l;
        chars++;
        if (chars >= 2 && cs_ends_with_any(s, off, region_endings)) {
            for (size_t k = 0; not_regions[k] != NULL; k++)
                if (off >= strlen(not_regions[k]) &&
                    memcmp(s + off - strlen(not_regions[k]), not_regions[k], strlen(not_regions[k])) == 0)
                    return 0;
            return off;
        }
    }
    return 0;
}

int cs_starts_with_region(const char *name)
{
    if (fl_str_starts(name, "中共"))
        name += strlen("中共");
    else if (fl_str_starts(name, "中国共产党"))
        name += strlen("中国共产党");
    return region_at(name) > 0;
}

/* Replace every `from` by `to` in s (in place; to is not longer). */
static void replace_all(char *s, const char *from, const char *to)
{
    size_t lf = strlen(from), lt = strlen(to);
    char *p;
    while ((p = strstr(s, from)) != NULL) {
        memmove(p + lt, p + lf, strlen(p + lf) + 1);
        memcpy(p, to, lt);
    }
}

/* The name in a common spelling: spaces out, 中国共产党/中共 out,
 * 中国人民政治协商会议X委员会 -> X政协, 人民代表大会常务委员会 -> 人大常委会,
 * 委员会 -> 委, 人民政府 -> 政府.  Caller frees. */
static char *unit_key(const char *name)
{
    char *k = malloc(strlen(name) + 1);
    if (k == NULL)
        return NULL;
    size_t o = 0;
    for (const char *p = name; *p; p++)
        if (*p != ' ')
            k[o++] = *p;
    k[o] = '\0';
    char *cppcc = strstr(k, "中国人民政治协商会议");
    if (cppcc != NULL) {
        replace_all(cppcc, "中国人民政治协商会议", "");
        char *c = strstr(cppcc, "委员会");
        if (c != NULL) {
            memmove(c + strlen("政协"), c + strlen("委员会"), strlen(c + strlen("委员会")) + 1);
            memcpy(c, "政协", strlen("政协"));
        }
    }
    replace_all(k, "中国共产党", "");
    replace_all(k, "中共", "");
    replace_all(k, "人民代表大会常务委员会", "人大常委会");
    replace_all(k, "人民代表大会", "人大");
    replace_all(k, "委员会", "委");
    replace_all(k, "人民政府", "政府");
    return k;
}

/* 1 when `shorter` is a subsequence of `longer` (characters in order)
 * whose skipped runs are no region word in the middle: leading (a higher
 * region dropped: 普陀区财政局) and trailing (a subordinate:
 * 财政局财政所) runs are allowed, a middle run ending like a region
 * (上海市[普陀区]规划和自然资源局) is another level of government. */
static int short_form_of(const char *shorter, const char *longer)
{
    const char *s = shorter, *l = longer;
    int first = 1;
    while (*s) {
        size_t cl = cs_char_len(s);
        const char *skip = l;
        while (*l && !(strncmp(l, s, cl) == 0))
            l += cs_char_len(l);
        if (*l == '\0')
            return 0;
        if (!first && l > skip) {
            /* The skipped run [skip, l): a region word? */
            size_t run = (size_t)(l - skip);
            if (cs_char_count(skip) >= 2 && run >= 6 && cs_ends_with_any(skip, run, region_endings))
                return 0;
        }
        first = 0;
        s += cl;
        l += cl;
    }
    return 1;
}

int cs_same_unit(const char *a, const char *b)
{
    if (strcmp(a, b) == 0) /* the usual case: a name is its own short form */
        return 1;
    char *ka = unit_key(a), *kb = unit_key(b);
    int same = 1; /* when out of memory, report nothing */
    if (ka != NULL && kb != NULL) {
        if (strlen(ka) <= strlen(kb))
            same = short_form_of(ka, kb);
        else
            same = short_form_of(kb, ka);
    }
    free(ka);
    free(kb);
    return same;
}
