/* The libunbound lock: see ub_guard.h. */
#include "ub_guard.h"

#include <pthread.h>

static pthread_mutex_t ub_lock = PTHREAD_MUTEX_INITIALIZER;
static _Thread_local unsigned ub_depth;

void mxtls__ub_enter(void)
{
    if (ub_depth++ == 0)
        pthread_mutex_lock(&ub_lock);
}

void mxtls__ub_leave(void)
{
    if (--ub_depth == 0)
        pthread_mutex_unlock(&ub_lock);
}
