#include "protocol.h"
#include <stdlib.h>

static int runcs_stage = -1;

__attribute__((constructor)) static void runcs_shim_entry(void)
{
    if (getenv(RUNCS_ENV_INITPIPE) == NULL)
        return;
    runcs_stage = 1;
}

int runcs_shim_stage(void)
{
    return runcs_stage;
}
