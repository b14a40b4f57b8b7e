/* module.c — loading a module of libfislint on first use (module.h). */
#include "module.h"

#include <dlfcn.h>
#include <stdio.h>

#include "loader.h"

void *fl_module_entry(fl_module *m, char *err, size_t errsize)
{
    if (m->entry != NULL)
        return m->entry;
    if (!m->failed) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s",
                 fl_running_uninstalled() ? FL_BUILDDIR "/core/lib/.libs" : FL_MODULEDIR, m->file);
        /* Kept for the life of the process: never closed. */
        void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
        void *sym = handle != NULL ? dlsym(handle, m->symbol) : NULL;
        if (sym != NULL)
            return m->entry = sym;
        const char *why = dlerror();
        snprintf(m->failure, sizeof m->failure, "无法加载%s %s（%s），%s；请检查 fislint 的安装",
                 m->name, path, why != NULL ? why : "缺少入口", m->without);
        m->failed = 1;
    }
    snprintf(err, errsize, "%s", m->failure);
    return NULL;
}
