/* Callgrind's client requests where valgrind's header is installed, and
 * nothing where it is not: the farm instruments only the measured part of
 * a run (--instr-atstart=no), and the programs build either way. */
#ifndef MXTLS_BENCH_CALLGRIND_H
#define MXTLS_BENCH_CALLGRIND_H

#ifdef HAVE_VALGRIND_CALLGRIND_H
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_START_INSTRUMENTATION
#define CALLGRIND_STOP_INSTRUMENTATION
#endif

#endif
