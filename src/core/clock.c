#define _POSIX_C_SOURCE 200809L
#include "clock.h"

#include <limits.h>
#include <time.h>

static int64_t clock_ms(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t mxtls__now_ms(void)
{
    return clock_ms(CLOCK_MONOTONIC);
}

int64_t mxtls__wall_ms(void)
{
    return clock_ms(CLOCK_REALTIME);
}

int64_t mxtls__deadline_after(uint32_t ms)
{
    return mxtls__now_ms() + ms;
}

int mxtls__ms_left(int64_t deadline)
{
    int64_t left = deadline - mxtls__now_ms();
    if (left <= 0)
        return 0;
    return left > INT_MAX ? INT_MAX : (int)left;
}
