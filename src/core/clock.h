/* Monotonic time in milliseconds, and deadlines built on it. Every wait in
 * the library is bounded by a deadline from here. */
#ifndef MXTLS_CLOCK_H
#define MXTLS_CLOCK_H

#include <stdint.h>

/* Milliseconds on CLOCK_MONOTONIC: for durations and deadlines. */
int64_t mxtls__now_ms(void);
/* Milliseconds since the Unix epoch: for dates reported to callers. */
int64_t mxtls__wall_ms(void);
/* The deadline `ms` from now. */
int64_t mxtls__deadline_after(uint32_t ms);
/* Milliseconds left until deadline, clamped to [0, INT32_MAX] for poll(). */
int mxtls__ms_left(int64_t deadline);

#endif
