/* too-small.c — a descriptor claiming fewer bytes than ABI 1.0 needs. */
#include <fislint/plugin.h>

static int never(const fl_document *doc, fl_report *rep, void *state)
{
    (void)doc; (void)rep; (void)state;
    return 0;
}

FISLINT_PLUGIN_DEFINE = {
    .magic = FISLINT_PLUGIN_MAGIC, .abi_major = FISLINT_ABI_MAJOR, .abi_minor = 0,
    .struct_size = 12, .id = "too-small", .check = never,
};
