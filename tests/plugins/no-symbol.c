/* no-symbol.c — a shared object without the fislint_plugin symbol. */
#include <fislint/plugin.h>

FISLINT_EXPORT int not_a_plugin(void);

FISLINT_EXPORT int not_a_plugin(void)
{
    return 42;
}
