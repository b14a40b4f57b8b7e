/* abi10-probe.c — a plugin as built against ABI 1.0: its descriptor ends
 * at fini (no rules field), as an office's existing plugin would.  It must
 * load and its findings must appear on every kind of document. */
#include <stddef.h>

#include <fislint/plugin.h>

static int probe_check(const fl_document *doc, fl_report *rep, void *state)
{
    (void)state;
    (void)doc;
    fl_finding *f = fl_report_add(rep, "old", FL_SEV_WARNING, "1.0 插件已运行");
    fl_finding_set_line(f, 1, 1);
    return 0;
}

FISLINT_PLUGIN_DEFINE = {
    .magic = FISLINT_PLUGIN_MAGIC,
    .abi_major = 1,
    .abi_minor = 0,
    .struct_size = offsetof(fl_plugin, rules), /* sizeof(fl_plugin) under 1.0 */
    .id = "abi10-probe",
    .version = "1.0",
    .summary = "测试用：ABI 1.0 插件",
    .check = probe_check,
    /* What lies past struct_size is not the plugin's: the loader must not
     * read it.  Poison it so a loader that does would misbehave. */
    .rules = (const fl_rule *)1,
};
