/* test-shelf.c — a worker's batched stream (core/lib/shelf.c): whatever
 * the worker marked reaches the parent exactly once, through the pipe or,
 * after the worker died, from the shelf; nothing it had not marked does. */
#include <check.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "shelf.h"
#include "test-core.h"
#include "util.h"

/* A unit of records: `n` bytes of `c`. */
static void put_unit(fl_shelf *sh, char c, size_t n)
{
    char *p = malloc(n);
    memset(p, c, n);
    ck_assert_int_eq(fl_shelf_put(sh, p, n), 0);
    free(p);
}

typedef void (*worker_fn)(fl_shelf *sh);

/* Run `fn` in a child that writes through a shelf and then dies without
 * flushing; return what the parent has of its stream: the pipe's bytes,
 * then what it recovers from the shelf. */
static fl_buf stream_of_dead_worker(worker_fn fn, int with_shelf, size_t *through_pipe)
{
    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    int shelf = with_shelf ? fl_shelf_file() : -1;
    if (with_shelf)
        ck_assert_int_ge(shelf, 0);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        close(fds[0]);
        fn(fl_shelf_new(fds[1], shelf));
        _exit(0); /* dies: no flush */
    }
    close(fds[1]);
    fl_buf got = { 0 };
    char chunk[65536];
    ssize_t r;
    while ((r = read(fds[0], chunk, sizeof chunk)) > 0)
        fl_buf_append(&got, chunk, (size_t)r);
    close(fds[0]);
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    *through_pipe = got.len;
    if (shelf >= 0) {
        ck_assert_int_eq(fl_shelf_recover(shelf, got.len, &got), 0);
        close(shelf);
    }
    return got;
}

/* got must be units of `c[i]` × n[i], in order, and nothing else. */
static void assert_units(const fl_buf *got, const char *c, const size_t *n, size_t units)
{
    fl_buf want = { 0 };
    for (size_t u = 0; u < units; u++)
        for (size_t i = 0; i < n[u]; i++)
            fl_buf_append(&want, &c[u], 1);
    size_t at = 0;
    while (at < want.len && at < got->len && want.data[at] == got->data[at])
        at++;
    ck_assert_msg(at == want.len && at == got->len,
                  "stream differs at byte %zu of %zu (expected %zu bytes)", at, got->len, want.len);
    fl_buf_free(&want);
}

static void header_then_three_checks_and_a_crash(fl_shelf *sh)
{
    put_unit(sh, 'H', 100);
    fl_shelf_flush(sh);
    put_unit(sh, 'a', 300);
    fl_shelf_mark(sh);
    put_unit(sh, 'b', 0);
    fl_shelf_mark(sh);
    put_unit(sh, 'c', 200);
    fl_shelf_mark(sh);
    put_unit(sh, 'x', 50); /* the check that crashed: never marked */
}

START_TEST(marked_records_of_a_dead_worker_come_off_its_shelf)
{
    size_t piped;
    fl_buf got = stream_of_dead_worker(header_then_three_checks_and_a_crash, 1, &piped);
    ck_assert_uint_eq(piped, 100); /* only the header was written */
    assert_units(&got, "Hac", (size_t[]){ 100, 300, 200 }, 3);
    fl_buf_free(&got);
}
END_TEST

START_TEST(without_a_shelf_every_mark_writes)
{
    size_t piped;
    fl_buf got = stream_of_dead_worker(header_then_three_checks_and_a_crash, 0, &piped);
    ck_assert_uint_eq(piped, 600);
    assert_units(&got, "Hac", (size_t[]){ 100, 300, 200 }, 3);
    fl_buf_free(&got);
}
END_TEST

/* 40 KB units pass the 64 KB batch; a 3 MB one is larger than the shelf
 * and goes straight down the pipe, after what was gathered before it. */
static void large_units(fl_shelf *sh)
{
    put_unit(sh, 'a', 40 << 10);
    fl_shelf_mark(sh);
    put_unit(sh, 'b', 40 << 10);
    fl_shelf_mark(sh); /* 80 KB: written */
    put_unit(sh, 'c', 40 << 10);
    fl_shelf_mark(sh);
    put_unit(sh, 'd', 3 << 20);
    put_unit(sh, 'e', 10);
    fl_shelf_mark(sh);
    put_unit(sh, 'f', 20);
    fl_shelf_mark(sh);
    put_unit(sh, 'x', 30);
}

START_TEST(batches_and_records_larger_than_the_shelf_keep_their_order)
{
    size_t piped;
    fl_buf got = stream_of_dead_worker(large_units, 1, &piped);
    ck_assert_uint_eq(piped, (80u << 10) + (40u << 10) + (3u << 20));
    assert_units(&got, "abcdef", (size_t[]){ 40 << 10, 40 << 10, 40 << 10, 3 << 20, 10, 20 }, 6);
    fl_buf_free(&got);
}
END_TEST

static void flushed_at_the_end(fl_shelf *sh)
{
    put_unit(sh, 'a', 10);
    fl_shelf_mark(sh);
    put_unit(sh, 'b', 20);
    fl_shelf_mark(sh);
    fl_shelf_flush(sh);
}

START_TEST(a_flushed_shelf_gives_nothing_twice)
{
    size_t piped;
    fl_buf got = stream_of_dead_worker(flushed_at_the_end, 1, &piped);
    ck_assert_uint_eq(piped, 30);
    assert_units(&got, "ab", (size_t[]){ 10, 20 }, 2);
    fl_buf_free(&got);
}
END_TEST

START_TEST(a_shelf_gives_only_what_the_pipe_did_not)
{
    int shelf = fl_shelf_file();
    ck_assert_int_ge(shelf, 0);
    fl_buf got = { 0 };
    ck_assert_int_eq(fl_shelf_recover(shelf, 0, &got), 0); /* never used */
    ck_assert_uint_eq(got.len, 0);

    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    fl_shelf *sh = fl_shelf_new(fds[1], dup(shelf));
    put_unit(sh, 'a', 30);
    ck_assert_int_eq(fl_shelf_flush(sh), 0);
    put_unit(sh, 'b', 10);
    ck_assert_int_eq(fl_shelf_mark(sh), 0);
    /* Bytes before the shelf that the parent never had cannot be made up. */
    ck_assert_int_eq(fl_shelf_recover(shelf, 20, &got), -1);
    ck_assert_uint_eq(got.len, 0);
    ck_assert_int_eq(fl_shelf_recover(shelf, 30, &got), 0);
    assert_units(&got, "b", (size_t[]){ 10 }, 1);
    /* A write cut short: the shelf still has all of it. */
    got.len = 0;
    ck_assert_int_eq(fl_shelf_recover(shelf, 34, &got), 0);
    assert_units(&got, "b", (size_t[]){ 6 }, 1);
    fl_buf_free(&got);
    fl_shelf_free(sh);
    close(fds[0]);
    close(fds[1]);
    close(shelf);
}
END_TEST

Suite *suite_shelf(void)
{
    Suite *s = suite_create("shelf");
    TCase *tc = tcase_create("shelf");
    tcase_add_test(tc, marked_records_of_a_dead_worker_come_off_its_shelf);
    tcase_add_test(tc, without_a_shelf_every_mark_writes);
    tcase_add_test(tc, batches_and_records_larger_than_the_shelf_keep_their_order);
    tcase_add_test(tc, a_flushed_shelf_gives_nothing_twice);
    tcase_add_test(tc, a_shelf_gives_only_what_the_pipe_did_not);
    suite_add_tcase(s, tc);
    return s;
}
