/* bad-magic.c — a descriptor whose magic number is wrong. */
#include <fislint/plugin.h>

static int never(const fl_document *doc, fl_report *rep, void *state)
{
    (void)doc; (void)rep; (void)state;
    return 0;
}

FISLINT_PLUGIN_DEFINE = {
    .magic = 0xdeadbeefu, .abi_major = FISLINT_ABI_MAJOR, .abi_minor = FISLINT_ABI_MINOR,
    .struct_size = sizeof(fl_plugin), .id = "bad-magic", .check = never,
};
