/* fetch-load.c — fl_fetch_documents() and fl_fetch_save() as libfislint
 * has them: the work is done in the module fislint-fetch.so, loaded on
 * the first call (fetch-internal.h, module.h). */
#include "fetch-internal.h"

#include <stdio.h>

#include "module.h"

static fl_module fetch_module = { FL_FETCH_MODULE_NAME, FL_FETCH_MODULE_SYMBOL, "网络抓取模块",
                                  "无法按网址抓取报告", NULL, 0, "" };

static const fl_fetch_module *entry(char *err, size_t errsize)
{
    return fl_module_entry(&fetch_module, err, errsize);
}

size_t fl_fetch_documents(const char *const *urls, size_t nurls, const fl_fetch_options *o,
                          size_t max_bytes, fl_document_fn fn, void *ctx)
{
    char err[sizeof fetch_module.failure];
    const fl_fetch_module *m = entry(err, sizeof err);
    if (m != NULL)
        return m->documents(urls, nurls, o, max_bytes, fn, ctx);
    for (size_t i = 0; i < nurls; i++)
        fn(ctx, urls[i], NULL, err);
    return nurls;
}

size_t fl_fetch_save(const char *const *urls, size_t nurls, const fl_fetch_options *o,
                     size_t max_bytes, fl_fetch_saved_fn fn, void *ctx)
{
    char err[sizeof fetch_module.failure];
    const fl_fetch_module *m = entry(err, sizeof err);
    if (m != NULL)
        return m->save(urls, nurls, o, max_bytes, fn, ctx);
    for (size_t i = 0; i < nurls; i++)
        fn(ctx, urls[i], NULL, 0, err);
    return nurls;
}
