/* test-heap-advice.c — the main process's heap is advised for huge pages
 * as it grows (core/cli/heap-advice.c): every step of growth, not only the
 * first, for each growth of the heap is a new range the kernel has not
 * been told about.  Exits 77 (skipped) where there is nothing to see: a
 * kernel without MADV_HUGEPAGE, or a malloc that does not grow the heap
 * with brk (AddressSanitizer's). */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "heap-advice.h"

#define BLOCK 4000
#define BLOCKS_PER_STEP 5000 /* 20 MB: past the 8 MB growth step twice */

/* Whether the mapping holding `p` carries the huge-page advice ("hg" in
 * its VmFlags, /proc/self/smaps). */
static int advised(const void *p)
{
    FILE *f = fopen("/proc/self/smaps", "r");
    ck_assert_ptr_nonnull(f);
    char line[512];
    int inside = 0, found = 0;
    uintptr_t a = (uintptr_t)p;
    while (fgets(line, sizeof line, f) != NULL) {
        unsigned long lo, hi;
        if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 && strchr(line, '-') < strchr(line, ' ')) {
            inside = a >= lo && a < hi;
            continue;
        }
        if (inside && strncmp(line, "VmFlags:", 8) == 0) {
            found = strstr(line, " hg") != NULL;
            break;
        }
    }
    fclose(f);
    return found;
}

static int on_heap(const void *p, uintptr_t start)
{
    return (uintptr_t)p >= start && (uintptr_t)p < (uintptr_t)sbrk(0);
}

static void *blocks[2][BLOCKS_PER_STEP];

START_TEST(every_growth_of_the_heap_is_advised)
{
    uintptr_t start = (uintptr_t)sbrk(0);
    fl_heap_advice_begin();
    for (int step = 0; step < 2; step++) {
        for (size_t i = 0; i < BLOCKS_PER_STEP; i++) {
            blocks[step][i] = malloc(BLOCK);
            ck_assert_ptr_nonnull(blocks[step][i]);
            memset(blocks[step][i], 1, BLOCK);
        }
        fl_heap_advice_update();
    }
    /* The last block of each step: the second lies in heap grown after
     * the first advice. */
    for (int step = 0; step < 2; step++) {
        void *p = blocks[step][BLOCKS_PER_STEP - 1];
        ck_assert_msg(on_heap(p, start), "block of step %d not on the heap", step);
        ck_assert_msg(advised(p), "heap grown in step %d not advised", step);
    }
    for (int step = 0; step < 2; step++)
        for (size_t i = 0; i < BLOCKS_PER_STEP; i++)
            free(blocks[step][i]);
}
END_TEST

/* The end of the program's data, where the brk heap begins (end(3)). */
extern char end;

/* 0 when this system or this malloc gives nothing to test. */
static int applicable(void)
{
    long page = sysconf(_SC_PAGESIZE);
    void *m = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED)
        return 0;
    int ok = madvise(m, (size_t)page, MADV_HUGEPAGE) == 0;
    munmap(m, (size_t)page);
    void *probe = malloc(BLOCK);
    ok = ok && probe != NULL && on_heap(probe, (uintptr_t)&end);
    free(probe);
    return ok;
}

int main(void)
{
    if (!applicable()) {
        puts("test-heap-advice: skipped (no MADV_HUGEPAGE, or malloc does not use brk)");
        return 77;
    }
    Suite *s = suite_create("heap-advice");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, every_growth_of_the_heap_is_advised);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
