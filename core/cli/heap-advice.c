/* heap-advice.c — see heap-advice.h. */
#include "heap-advice.h"

#include <stdint.h>
#include <unistd.h>
#if defined(__linux__) && defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#endif

#define HUGE_PAGE ((uintptr_t)2 << 20)
#define GROWTH_STEP ((size_t)32 << 20)

/* Where the heap began, and the end of it advised so far; 0 before
 * fl_heap_advice_begin. */
static uintptr_t heap_start, advised_end;

#if defined(__linux__) && defined(__GLIBC__) && defined(MADV_HUGEPAGE)

/* More than the free top of a heap that has held nothing yet (malloc
 * keeps up to 128 KB there), and less than a step. */
#define GROW_PROBE ((size_t)1 << 20)

void fl_heap_advice_begin(void)
{
    void *brk_now = sbrk(0);
    /* Blocks up to a step from the heap too, so that the one below can
     * grow it. */
    if (brk_now == (void *)-1 || mallopt(M_TOP_PAD, (int)GROWTH_STEP) != 1 ||
        mallopt(M_MMAP_THRESHOLD, (int)GROWTH_STEP) != 1)
        return;
    heap_start = advised_end = (uintptr_t)brk_now;
    /* Grow the heap now, by a step, and advise it before anything is put
     * there: a 2 MB range the kernel has once given a 4 KB page gets
     * only 4 KB pages after, and malloc writes into a new step before
     * any caller can advise it (half of the main process's page faults
     * were so).  The block taken to grow it begins in the old top; only
     * its end touches the step. */
    void *volatile probe = malloc(GROW_PROBE); /* volatile: not elided */
    free(probe);
    fl_heap_advice_update();
}

void fl_heap_advice_update(void)
{
    if (advised_end == 0)
        return;
    void *brk_now = sbrk(0);
    if (brk_now == (void *)-1)
        return;
    /* Given back (malloc trims past a step of free top): what grows
     * there again is a new range. */
    if ((uintptr_t)brk_now < advised_end)
        advised_end = (uintptr_t)brk_now > heap_start ? (uintptr_t)brk_now : heap_start;
    if ((uintptr_t)brk_now <= advised_end)
        return;
    /* From the start of the huge page the last advice ended in: the
     * kernel maps a huge page only where all 2 MB of it are advised, and
     * that one was cut by the old end of the heap. */
    uintptr_t from = advised_end & ~(HUGE_PAGE - 1);
    if (from < heap_start)
        from = heap_start;
    from &= ~(uintptr_t)(sysconf(_SC_PAGESIZE) - 1);
    /* A hint: when refused, faults cost what they did. */
    (void)madvise((void *)from, (uintptr_t)brk_now - from, MADV_HUGEPAGE);
    advised_end = (uintptr_t)brk_now;
}

void fl_heap_keep(void)
{
    /* Hints: when refused, the defaults stay. */
    (void)mallopt(M_TRIM_THRESHOLD, 64 << 20);
    (void)mallopt(M_MMAP_THRESHOLD, 32 << 20);
}

#else

void fl_heap_advice_begin(void) {}
void fl_heap_advice_update(void) {}
void fl_heap_keep(void) {}

#endif
