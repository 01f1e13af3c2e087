/* Coroutines on their own small stacks, for the batch engine and for the
 * probes of one check (fiber_group.h).
 *
 * The stage code waits in very few places (wait.h). Inside the engine each
 * check runs as a fiber: a wait records what it waits for and switches back
 * to the engine, which resumes the fiber when that happened. So the same
 * blocking-with-deadline stage code serves mxtls_check() and thousands of
 * checks in flight on one thread, with no second copy as callbacks.
 *
 * Sanitizers: AddressSanitizer and ThreadSanitizer are told about every
 * stack switch (__sanitizer_start/finish_switch_fiber, __tsan_switch_to_fiber)
 * and valgrind about every stack (VALGRIND_STACK_REGISTER), so all stay
 * exact.
 */
#ifndef MXTLS_FIBER_H
#define MXTLS_FIBER_H

#include <stddef.h>
#include <stdint.h>
#include <ucontext.h>

/* How a switch is made. swapcontext() saves and restores the signal mask
 * with a system call (rt_sigprocmask) on every switch, about 18 per check.
 * On x86-64 a few lines of assembly (fiber.c) switch stacks and the
 * callee-saved registers only, as coroutine libraries do (Boost.Context,
 * libco); the signal mask is the thread's and never differs between fibers.
 * Elsewhere, or built with -DMXTLS_FIBER_UCONTEXT, ucontext it is. */
#if defined(__x86_64__) && !defined(MXTLS_FIBER_UCONTEXT)
#define MXTLS__FIBER_ASM 1
#endif

/* Where a switch resumes: a saved stack pointer, or a ucontext. */
struct mxtls__fiber_context {
#ifdef MXTLS__FIBER_ASM
    void *sp;
#else
    ucontext_t uc;
#endif
};

/* Usable stack per fiber. The deepest use measured (canary fill,
 * tests/test-engine-internal.c, gcc -O2 x86-64) is about 9.4 KiB for a whole
 * check (DNSSEC lookups, GnuTLS handshakes, certificate and DANE checks)
 * and 8.7 KiB for an MTA-STS fetch through libcurl, once the engine has
 * done libunbound's and the CA store's one-time set-up on the caller's
 * stack (that alone takes ~200 KiB). 128 KiB leaves a 13x margin for code
 * paths and library versions not measured; pages never touched cost no
 * memory. Under AddressSanitizer frames carry redzones and grow several
 * times. A test asserts the deepest use stays under half of this.
 * Measured again with the guard below (engine-internal, 2026-12): gcc -O2
 * 8.8 KiB for a check, 8.9 KiB for the MTA-STS fetch (of 128 KiB: a 14x
 * margin); gcc -fsanitize=address,undefined 14.2 KiB and 12.4 KiB (of
 * 1 MiB). Measured again after probes ran side by side within a check
 * and libunbound moved onto the caller's loop (its query set-up now runs
 * on the fiber that sends the query): gcc -O2 20.5 KiB for a check (of
 * 128 KiB: a 6x margin). */
#if defined(__SANITIZE_ADDRESS__)
#define MXTLS__FIBER_STACK (1024u * 1024u)
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MXTLS__FIBER_STACK (1024u * 1024u)
#endif
#endif
#ifndef MXTLS__FIBER_STACK
#define MXTLS__FIBER_STACK (128u * 1024u)
#endif

/* The guard below each stack: PROT_NONE, so a frame that runs off the
 * stack faults in it. A single guard page only catches an overflow whose
 * first touch lands within 4 KiB of the stack's end; a larger frame jumps
 * past it into whatever is mapped below (often another fiber's stack). The
 * largest frames a check can reach: ours are at most 2.2 KiB (gcc
 * -fstack-usage, x86-64 -O2: mxtls__name_normalize), but libunbound's
 * presentation-format parser keeps a 64 KiB token buffer on its stack
 * (sldns_str2wire_rr_buf_internal: char token[LDNS_MAX_RDFLEN+1]), reached
 * from its set-up. 256 KiB is 4x that frame. It is address space only
 * (PROT_NONE, MAP_NORESERVE): it takes no memory and no commit charge.
 * tests/test-engine-internal.c overflows a fiber with 64 KiB frames on
 * purpose and asserts the fault lands in its own guard. */
#define MXTLS__FIBER_GUARD (256u * 1024u)

struct mxtls__fiber {
    struct mxtls__fiber_context self;
    struct mxtls__fiber_context *home;   /* resumed on a yield: the engine's,
                                            or a fiber group's */
    uint8_t *map;              /* mmap'd: guard (MXTLS__FIBER_GUARD), then the stack */
    size_t map_size;
    unsigned valgrind_id;
    void (*entry)(struct mxtls__fiber *);
    int finished;
    /* AddressSanitizer's bookkeeping across switches. */
    void *asan_fake;
    const void *home_bottom;
    size_t home_size;
    /* ThreadSanitizer's fiber contexts (NULL in other builds). */
    void *tsan_fiber;
    void *tsan_home;
};

/* Map a stack (with its guard below it) for f. 0, or -1 (ENOMEM). */
int mxtls__fiber_stack_new(struct mxtls__fiber *f);
/* Unmap f's stack. */
void mxtls__fiber_stack_free(struct mxtls__fiber *f);
/* Make f start entry(f) at its next resume; f's stack is reused. */
void mxtls__fiber_prepare(struct mxtls__fiber *f, struct mxtls__fiber_context *home,
                          void (*entry)(struct mxtls__fiber *));
/* Engine side: run f until it yields or finishes. */
void mxtls__fiber_resume(struct mxtls__fiber *f);
/* Fiber side: switch back to the engine until resumed. */
void mxtls__fiber_yield(struct mxtls__fiber *f);
/* Bytes of f's stack never touched (the canary fill from _prepare). */
size_t mxtls__fiber_stack_untouched(const struct mxtls__fiber *f);

#endif
