/*
 * runcs-init: the shim and the native init as a small static executable, with no .NET in it.
 * runcs embeds it (init_image.S) and starts a container's init or an exec'd process from a
 * sealed memfd copy of it. The work happens in the shim's constructor, which never returns for
 * the native modes; reaching main means it was started some other way.
 */
#include <stdio.h>

int main(void)
{
    fputs("runcs-init: only runcs starts this, for its native init\n", stderr);
    return 1;
}
