/* Coroutines on mmap'd stacks: see fiber.h. */
#define _GNU_SOURCE
#include "fiber.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define MXTLS__ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MXTLS__ASAN 1
#endif
#endif

#ifdef MXTLS__ASAN
#include <sanitizer/common_interface_defs.h>
#endif

#if defined(__SANITIZE_THREAD__)
#define MXTLS__TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define MXTLS__TSAN 1
#endif
#endif

#ifdef MXTLS__TSAN
#include <sanitizer/tsan_interface.h>
#endif

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>) && __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#include <valgrind/valgrind.h>
#define MXTLS__VALGRIND 1
#endif
#endif

/* The internal test build fills new stacks with this, so a test can measure
 * the deepest use. The shipped library does not: it would touch (and so
 * commit) every page of every stack. */
#define CANARY 0xa5

static size_t page_size(void)
{
    long p = sysconf(_SC_PAGESIZE);
    return p > 0 ? (size_t)p : 4096u;
}

int mxtls__fiber_stack_new(struct mxtls__fiber *f)
{
    size_t page = page_size();
    size_t guard = (MXTLS__FIBER_GUARD + page - 1) / page * page;
    f->map_size = guard + MXTLS__FIBER_STACK;
    void *m = mmap(NULL, f->map_size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (m == MAP_FAILED)
        return -1;
    /* Stacks grow down: an overflow hits the guard and faults at once
     * rather than corrupting the next mapping; see fiber.h for its size. */
    if (mprotect(m, guard, PROT_NONE) != 0) {
        munmap(m, f->map_size);
        return -1;
    }
    f->map = m;
#ifdef MXTLS__VALGRIND
    f->valgrind_id = VALGRIND_STACK_REGISTER(f->map + guard, f->map + f->map_size);
#endif
    return 0;
}

void mxtls__fiber_stack_free(struct mxtls__fiber *f)
{
    if (f->map == NULL)
        return;
#ifdef MXTLS__TSAN
    if (f->tsan_fiber != NULL)
        __tsan_destroy_fiber(f->tsan_fiber);
    f->tsan_fiber = NULL;
#endif
#ifdef MXTLS__VALGRIND
    VALGRIND_STACK_DEREGISTER(f->valgrind_id);
#endif
    munmap(f->map, f->map_size);
    f->map = NULL;
}

static uint8_t *stack_low(const struct mxtls__fiber *f)
{
    return f->map + (f->map_size - MXTLS__FIBER_STACK);
}

/* makecontext passes int arguments only: a pointer goes in two halves. */
static void trampoline(unsigned hi, unsigned lo)
{
    struct mxtls__fiber *f =
        (struct mxtls__fiber *)(((uintptr_t)hi << 16 << 16) | (uintptr_t)lo);
#ifdef MXTLS__ASAN
    __sanitizer_finish_switch_fiber(NULL, &f->home_bottom, &f->home_size);
#endif
    f->entry(f);
    f->finished = 1;
#ifdef MXTLS__TSAN
    __tsan_switch_to_fiber(f->tsan_home, 0);
#endif
#ifdef MXTLS__ASAN
    /* NULL: this fiber's fake stack is done with. */
    __sanitizer_start_switch_fiber(NULL, f->home_bottom, f->home_size);
#endif
    setcontext(f->home);
}

void mxtls__fiber_prepare(struct mxtls__fiber *f, ucontext_t *home,
                          void (*entry)(struct mxtls__fiber *))
{
#ifdef MXTLS_FAULT_INJECTION
#ifdef MXTLS__VALGRIND
    /* memcheck treats a registered stack below its last SP as off limits. */
    VALGRIND_MAKE_MEM_UNDEFINED(stack_low(f), MXTLS__FIBER_STACK);
#endif
    memset(stack_low(f), CANARY, MXTLS__FIBER_STACK);
#endif
    f->home = home;
    f->entry = entry;
    f->finished = 0;
#ifdef MXTLS__TSAN
    /* ThreadSanitizer keeps its own shadow of each stack it is told of. */
    if (f->tsan_fiber == NULL)
        f->tsan_fiber = __tsan_create_fiber(0);
#endif
    getcontext(&f->uc);
    f->uc.uc_stack.ss_sp = stack_low(f);
    f->uc.uc_stack.ss_size = MXTLS__FIBER_STACK;
    f->uc.uc_link = NULL;
    uintptr_t p = (uintptr_t)f;
    makecontext(&f->uc, (void (*)(void))trampoline, 2, (unsigned)(p >> 16 >> 16),
                (unsigned)(p & 0xffffffffu));
}

void mxtls__fiber_resume(struct mxtls__fiber *f)
{
#ifdef MXTLS__ASAN
    void *fake = NULL;
    __sanitizer_start_switch_fiber(&fake, stack_low(f), MXTLS__FIBER_STACK);
#endif
#ifdef MXTLS__TSAN
    f->tsan_home = __tsan_get_current_fiber();
    __tsan_switch_to_fiber(f->tsan_fiber, 0);
#endif
    swapcontext(f->home, &f->uc);
#ifdef MXTLS__ASAN
    __sanitizer_finish_switch_fiber(fake, NULL, NULL);
#endif
}

void mxtls__fiber_yield(struct mxtls__fiber *f)
{
#ifdef MXTLS__ASAN
    __sanitizer_start_switch_fiber(&f->asan_fake, f->home_bottom, f->home_size);
#endif
#ifdef MXTLS__TSAN
    __tsan_switch_to_fiber(f->tsan_home, 0);
#endif
    swapcontext(&f->uc, f->home);
#ifdef MXTLS__ASAN
    __sanitizer_finish_switch_fiber(f->asan_fake, &f->home_bottom, &f->home_size);
#endif
}

size_t mxtls__fiber_stack_untouched(const struct mxtls__fiber *f)
{
    const uint8_t *p = stack_low(f);
    size_t n = 0;
#ifdef MXTLS__VALGRIND
    VALGRIND_MAKE_MEM_DEFINED(p, MXTLS__FIBER_STACK);
#endif
    while (n < MXTLS__FIBER_STACK && p[n] == CANARY)
        n++;
    return n;
}
