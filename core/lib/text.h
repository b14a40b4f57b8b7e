/* text.h — turning input bytes into the UTF-8 text the model is built
 * from: encoding detection, and full-width normalisation. */
#ifndef FL_TEXT_H
#define FL_TEXT_H

#include <stddef.h>

/* Decode `data` to UTF-8.  A UTF-8 BOM is dropped; valid UTF-8 is taken as
 * it is; otherwise the bytes are converted from GB18030 (a superset of GBK
 * and GB2312) with iconv.  On success returns 0, *out (caller frees, NUL
 * terminated), *out_len, and *encoding ("UTF-8", "GB18030", "UTF-16LE" or "UTF-16BE" — the
 * latter two only with a BOM; static).
 * On failure returns -1 and writes a Chinese message naming the byte
 * offset of the first invalid sequence into err ("第 1234 字节处有无效的
 * 字节序列 (0xff)：既不是 UTF-8 也不是 GBK/GB18030"). */
int fl_decode(const unsigned char *data, size_t len, char **out, size_t *out_len,
              const char **encoding, char *err, size_t errsize);
/* fl_decode() of a malloc'd `data` with room for len + 1 bytes, which it
 * takes (frees or keeps): UTF-8 without a BOM, nearly every text input,
 * becomes *out as it is, without a copy. */
int fl_decode_take(unsigned char *data, size_t len, char **out, size_t *out_len,
                   const char **encoding, char *err, size_t errsize);

/* Number of UTF-8 characters in s, counting at most `max` (so a 10 MB line
 * costs nothing when only "is it short?" is asked).  s is valid UTF-8, as
 * all the model's text is: a stray continuation byte is not counted. */
size_t fl_char_count(const char *s, size_t max);

/* 1 when `data` is valid UTF-8; otherwise 0 and *bad_offset is the offset
 * of the first invalid byte. */
int fl_utf8_valid(const unsigned char *data, size_t len, size_t *bad_offset);

/* The first bytes of the characters fl_normalize folds, as X(byte) for
 * tables indexed by byte: a byte not among them starts no fold. */
#define FL_FOLD_LEAD_BYTES(X) X(0xC2) X(0xE2) X(0xE3) X(0xEF)

/* Normalised copy of s[0..len): full-width ASCII (U+FF01..U+FF5E) folded to
 * ASCII, U+3000 (ideographic space) and U+00A0 to a space, U+2212 (minus
 * sign) to '-'.  Everything else is copied as is.  Caller frees. */
char *fl_normalize(const char *s, size_t len);
/* The same into out, which has room for len + 1 bytes (every fold
 * shortens); returns the length written before the NUL. */
size_t fl_normalize_into(char *out, const char *s, size_t len);

/* A copy of s in which every byte that is not part of a valid UTF-8
 * sequence is U+FFFD (a GBK file name, say); caller frees. */
char *fl_utf8_repair(const char *s);

/* 1 when fl_normalize(s, len) would be s itself (nothing to fold, as in
 * most table cells), so the copy can be skipped. */
int fl_normalize_is_identity(const char *s, size_t len);
/* Offset of the first fold (a character fl_normalize changes) at or after
 * i in s[0..len), or len when there is none.  A fold holds no NUL: in
 * lines packed with their NULs, one found lies in a single line. */
size_t fl_next_fold(const char *s, size_t i, size_t len);
/* Offset of the first byte at or after i in s[0..len) that may start a
 * space (fl_space_len: ' ', TAB, CR, U+3000, U+00A0), or len: never past
 * one.  Sixteen bytes at a time where it can. */
size_t fl_next_space(const char *s, size_t i, size_t len);

/* Copies s[0..len) into out (room for len + 1 bytes) as lines: each
 * '\n' becomes the NUL that ends its line, and the last line, if no '\n'
 * ends it, gets one.  Each line's start is appended to *lines (*n of them,
 * room for *cap, grown by xgrow).  Returns the bytes of the lines and their
 * NULs. */
size_t fl_split_copy(char *out, const char *s, size_t len, char ***lines, size_t *cap,
                     size_t *n);

/* Length in bytes of the UTF-8 sequence starting at s (1 for invalid
 * bytes, so loops always advance).  ASCII and most Chinese characters (a
 * three-byte lead that allows any continuation bytes: not E0 or ED) are
 * answered inline: the parser asks at nearly every character.  Reading
 * p[2] is safe: p[1] is then a continuation byte, so not the NUL. */
size_t fl_utf8_seq_len(const char *s);
static inline size_t fl_utf8_len(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    if (p[0] < 0x80)
        return 1;
    if (p[0] >= 0xE1 && p[0] <= 0xEF && p[0] != 0xED && (p[1] & 0xC0) == 0x80 &&
        (p[2] & 0xC0) == 0x80)
        return 3;
    return fl_utf8_seq_len(s);
}

#endif
