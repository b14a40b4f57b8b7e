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
#define BLOCKS_PER_STEP 20000 /* 80 MB: past the 32 MB growth step twice */

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

/* The heap is grown and advised when the holding begins, before any
 * finding is put there: malloc writes into a new stretch before a caller
 * could advise it, and a 2 MB range once given a 4 KB page gets no huge
 * page after. */
START_TEST(advised_before_the_first_block)
{
    uintptr_t start = (uintptr_t)sbrk(0);
    fl_heap_advice_begin();
    ck_assert_msg((uintptr_t)sbrk(0) >= start + (16u << 20), "heap not grown by a step");
    /* 4 MB of blocks, and no fl_heap_advice_update(): the last one lies
     * past the heap's old end. */
    size_t n = (4u << 20) / BLOCK;
    for (size_t i = 0; i < n; i++) {
        blocks[0][i] = malloc(BLOCK);
        ck_assert_ptr_nonnull(blocks[0][i]);
    }
    void *last = blocks[0][n - 1];
    ck_assert_msg(on_heap(last, start) && (uintptr_t)last > start + (2u << 20),
                  "block not on the heap past its old end");
    ck_assert_msg(advised(last), "heap grown by fl_heap_advice_begin not advised");
    for (size_t i = 0; i < n; i++)
        free(blocks[0][i]);
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
    tcase_add_test(tc, advised_before_the_first_block);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
