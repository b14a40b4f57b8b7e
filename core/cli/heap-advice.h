/* heap-advice.h — how the CLI's processes ask malloc for their heap: huge
 * pages under the main process's heap while it holds a batch's results
 * (below), and the freed top kept where documents come one after another
 * (fl_heap_keep).
 *
 * Holding every finding for the text, JSON, CSV, HTML and SARIF reports
 * grows the main process's heap by some 20 MB per 1,000 reports, one
 * page fault per 4 KB page: about 5,000 faults, a fifth of what the main
 * process does in a batch (a fault costs 11 µs on a virtual machine of
 * ours, 2 µs on bare metal).  That process shares the cores with the
 * workers at -j 2.  The kernel gives a 2 MB page per fault in ranges a
 * process has advised (MADV_HUGEPAGE; transparent_hugepage "madvise" is
 * the common default), but glibc advises none unless started with
 * GLIBC_TUNABLES=glibc.malloc.hugetlb=1, and each growth of the heap is a
 * new range.  So the heap grows in large steps and each step is advised
 * as it comes.  Linux with glibc only; elsewhere these do nothing.
 * Core-internal (the CLI's main process). */
#ifndef FL_HEAP_ADVICE_H
#define FL_HEAP_ADVICE_H

/* From now on the heap grows in steps of 32 MB (more memory mapped, not
 * used: a page counts when it is touched), and blocks up to that size
 * come from it; the first step is taken and advised at once. */
void fl_heap_advice_begin(void);

/* Advise the part of the heap grown since the last call.  Cheap when it
 * has not grown: call it after each document. */
void fl_heap_advice_update(void);

/* For a process that reads one document after another and keeps nothing
 * of it (dump): the free top of the heap is kept (up to 64 MB) and blocks
 * up to 32 MB come from the heap, so each document reuses the pages the
 * last one freed.  By default malloc gives the top back above 128 KB and
 * maps larger blocks afresh, and every page comes back by a fault: on the
 * bench's 1,000 reports `dump` took 8,500 faults, with this 600 (−10% of
 * its time). */
void fl_heap_keep(void);

#endif
