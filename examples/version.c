/* The smallest mxtls program: build it with
 *     cc version.c $(pkg-config --cflags --libs mxtls)
 * It prints the run-time library version, and warns when the headers it was
 * compiled with are newer than the library it runs with. */
#include <stdio.h>

#include <mxtls/mxtls.h>

int main(void)
{
    if (mxtls_version() < MXTLS_VERSION_NUMBER)
        fprintf(stderr, "warning: built with mxtls %s headers, running with %s\n",
                MXTLS_VERSION_STRING, mxtls_version_string());
    printf("mxtls %s\n", mxtls_version_string());
    return 0;
}
