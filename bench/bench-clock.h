/* What the farm's client programs measure about themselves: wall time,
 * rusage times and peak RSS, the same way in each so their figures compare. */
#ifndef MXTLS_BENCH_CLOCK_H
#define MXTLS_BENCH_CLOCK_H

#include <stdio.h>
#include <sys/time.h>
#include <time.h>

/* Monotonic seconds, for wall time. */
static inline double bench_now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A getrusage time in seconds. */
static inline double bench_tv_s(struct timeval tv)
{
    return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

/* Peak resident set of this process image in KiB (VmHWM). Not ru_maxrss:
 * Linux carries ru_maxrss across execve, so a child of a big parent (the
 * Python harness) would report the parent's size. */
static inline long bench_peak_rss_kib(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kib = -1;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "VmHWM: %ld kB", &kib) == 1)
            break;
    if (f)
        fclose(f);
    return kib;
}

#endif
