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
#include <sanitizer/asan_interface.h>
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

static uint8_t *stack_low(const struct mxtls__fiber *f)
{
    return f->map + (f->map_size - MXTLS__FIBER_STACK);
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
#ifdef MXTLS__ASAN
    /* The shadow of the stack keeps the redzones of the frames live when
     * its fiber last switched away, and outlives munmap(): the next mapping
     * at these addresses (python's arenas did) would read as a stack
     * buffer underflow. swapcontext's interceptor cleared them; clear them
     * here. */
    __asan_unpoison_memory_region(stack_low(f), MXTLS__FIBER_STACK);
#endif
    munmap(f->map, f->map_size);
    f->map = NULL;
}

#ifdef MXTLS__FIBER_ASM
/* mxtls__fiber_switch(&from->sp, to->sp): push the callee-saved registers
 * (System V: rbp, rbx, r12-r15) and the SSE and x87 control words, save
 * the stack pointer, take the other one and pop its registers. What the
 * ABI lets a call clobber needs no saving: to the compiler this is a call.
 * A new fiber's stack is laid out (fiber_prepare) as if it had switched
 * away at the entry of fiber_boot, which takes the fiber from r12. */
void mxtls__fiber_switch(void **save_sp, void *to_sp);
void mxtls__fiber_boot(void);
__asm__(".text\n"
        ".globl mxtls__fiber_switch\n"
        ".hidden mxtls__fiber_switch\n"
        ".type mxtls__fiber_switch, @function\n"
        "mxtls__fiber_switch:\n"
        "    pushq %rbp\n"
        "    pushq %rbx\n"
        "    pushq %r12\n"
        "    pushq %r13\n"
        "    pushq %r14\n"
        "    pushq %r15\n"
        "    subq $8, %rsp\n"
        "    stmxcsr (%rsp)\n"
        "    fnstcw 4(%rsp)\n"
        "    movq %rsp, (%rdi)\n"
        "    movq %rsi, %rsp\n"
        "    ldmxcsr (%rsp)\n"
        "    fldcw 4(%rsp)\n"
        "    addq $8, %rsp\n"
        "    popq %r15\n"
        "    popq %r14\n"
        "    popq %r13\n"
        "    popq %r12\n"
        "    popq %rbx\n"
        "    popq %rbp\n"
        "    ret\n"
        ".size mxtls__fiber_switch, .-mxtls__fiber_switch\n"
        ".globl mxtls__fiber_boot\n"
        ".hidden mxtls__fiber_boot\n"
        ".type mxtls__fiber_boot, @function\n"
        "mxtls__fiber_boot:\n"
        "    movq %r12, %rdi\n"
        "    pushq $0\n"                   /* 16-byte aligned for the call */
        "    call mxtls__fiber_start\n"
        "    ud2\n"                        /* fiber_start never returns */
        ".size mxtls__fiber_boot, .-mxtls__fiber_boot\n");

/* The saved frame fiber_switch pops: the control words, r15..r12, rbx,
 * rbp, the return address, and a zero where a caller's would be. */
struct boot_frame {
    uint32_t mxcsr, fpu_cw;
    uint64_t r15, r14, r13, r12, rbx, rbp;
    void (*ret)(void);
    uint64_t zero;
};
#endif

/* The fiber's first code: run entry, then switch home for good. */
void mxtls__fiber_start(struct mxtls__fiber *f);
void mxtls__fiber_start(struct mxtls__fiber *f)
{
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
#ifdef MXTLS__FIBER_ASM
    void *gone = NULL;
    mxtls__fiber_switch(&gone, f->home->sp);
#else
    setcontext(&f->home->uc);
#endif
}

#ifndef MXTLS__FIBER_ASM
/* makecontext passes int arguments only: a pointer goes in two halves. */
static void trampoline(unsigned hi, unsigned lo)
{
    mxtls__fiber_start((struct mxtls__fiber *)(((uintptr_t)hi << 16 << 16) | (uintptr_t)lo));
}
#endif

void mxtls__fiber_prepare(struct mxtls__fiber *f, struct mxtls__fiber_context *home,
                          void (*entry)(struct mxtls__fiber *))
{
#ifdef MXTLS__ASAN
    /* A reused stack still has the redzones of the frames that were live
     * when its last fiber switched away for good. swapcontext's interceptor
     * cleared them; our own switch does not, so clear them here. */
    __asan_unpoison_memory_region(stack_low(f), MXTLS__FIBER_STACK);
#endif
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
#ifdef MXTLS__FIBER_ASM
    uint8_t *top = stack_low(f) + MXTLS__FIBER_STACK;   /* 16-byte aligned (mmap) */
    struct boot_frame *b = (struct boot_frame *)(void *)(top - sizeof *b);
    *b = (struct boot_frame){.r12 = (uint64_t)(uintptr_t)f, .ret = mxtls__fiber_boot};
    __asm__("stmxcsr %0" : "=m"(b->mxcsr));
    __asm__("fnstcw %0" : "=m"(b->fpu_cw));
    f->self.sp = b;
#else
    getcontext(&f->self.uc);
    f->self.uc.uc_stack.ss_sp = stack_low(f);
    f->self.uc.uc_stack.ss_size = MXTLS__FIBER_STACK;
    f->self.uc.uc_link = NULL;
    uintptr_t p = (uintptr_t)f;
    makecontext(&f->self.uc, (void (*)(void))trampoline, 2, (unsigned)(p >> 16 >> 16),
                (unsigned)(p & 0xffffffffu));
#endif
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
#ifdef MXTLS__FIBER_ASM
    mxtls__fiber_switch(&f->home->sp, f->self.sp);
#else
    swapcontext(&f->home->uc, &f->self.uc);
#endif
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
#ifdef MXTLS__FIBER_ASM
    mxtls__fiber_switch(&f->self.sp, f->home->sp);
#else
    swapcontext(&f->self.uc, &f->home->uc);
#endif
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
