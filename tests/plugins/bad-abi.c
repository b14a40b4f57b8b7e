/* bad-abi.c — a descriptor built for a future, incompatible ABI major. */
#include <fislint/plugin.h>

static int never(const fl_document *doc, fl_report *rep, void *state)
{
    (void)doc; (void)rep; (void)state;
    return 0;
}

FISLINT_PLUGIN_DEFINE = {
    .magic = FISLINT_PLUGIN_MAGIC, .abi_major = FISLINT_ABI_MAJOR + 98, .abi_minor = 0,
    .struct_size = sizeof(fl_plugin), .id = "bad-abi", .check = never,
};
