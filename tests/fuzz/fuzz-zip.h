/* fuzz-zip.h — a zip container made in memory from the fuzzer's bytes, so
 * that the DOCX and XLSX harnesses mutate the XML parts themselves: a
 * mutation of a deflated archive almost always just breaks its CRC. */
#ifndef FL_FUZZ_ZIP_H
#define FL_FUZZ_ZIP_H

#include <stddef.h>
#include <stdint.h>

/* Split data at NUL bytes into up to `n` parts and store part i,
 * uncompressed, as names[i]; a name whose part is missing is left out.
 * Returns the archive (caller frees) and its length in *outlen, or NULL. */
unsigned char *fuzz_zip_parts(const char *const *names, size_t n, const uint8_t *data,
                              size_t size, size_t *outlen);

#endif
