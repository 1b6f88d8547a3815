/* fork() and the Go runtime.
 *
 * A fork() child has one thread, the forking one, and a copy of the Go
 * runtime's memory as it was at that instant, locks included. Whatever a
 * vanished thread held or was doing then stays so in the child: a Go
 * processor (P) a thread was running Go code on, sched.lock in the middle
 * of sysmon handing a P back, an idle M that a handoff would wake. The
 * child's first call into Go then waits forever. Measured before this
 * file: 32 of 40 forks hung while three threads ran bulk work without the
 * GIL, 5 of 300 right after bulk work on the forking thread alone, 2-4 of
 * 100 taken 20-30 ms after a call, and 11 of 150 whose runner took the M
 * of a thread that had ended. So the prepare handler makes the runtime
 * quiet:
 *
 * - No thread is inside Go: every call into Go is a job run by
 *   gomv_job_run between go_begin and go_end; the handler waits until
 *   none is between them and keeps new ones out until fork() has
 *   returned. Calls made without the GIL are chunks of about 1 MiB, so
 *   the wait is short.
 * - The forking thread's goroutine carries no preemption request. sysmon
 *   takes back the P a thread keeps in C after its call, usually by
 *   asking the thread's goroutine to yield; the child honours that on its
 *   first call, hands its P to an idle M that was not copied and waits
 *   forever (gdb: gopreempt_m -> stoplockedm; this was the 20-30 ms case).
 *   gomv_go_fork(PREPARE) yields (clearing the request) with one P, so
 *   that sysmon, seeing a fresh schedtick and no idle P, takes the P back
 *   at its next tick without a request; a request needs 10 ms more.
 * - Go's own threads are idle: once every P is idle, sysmon goes to a
 *   deep sleep and nothing in the runtime runs. The handler watches for
 *   that rather than guessing a time: /proc/self/task/N/syscall gives each
 *   thread's system call and the address it was made from, so sysmon is
 *   told apart: ticking, it sits in nanosleep (Go's usleep; glibc and
 *   CPython sleep with clock_nanosleep) in Go's code; deeply asleep, in a
 *   futex wait with a timeout on a note in Go's static data. Quiet: no
 *   thread in Go's nanosleep and sysmon blocked (until sysmon is known,
 *   also no thread running: a busy thread of the program costs nothing
 *   once it is). Seen within GOMV_NO_REQUEST_NS of the yield, the P
 *   was taken back without a request; if not (a loaded machine), the
 *   handler yields again, up to GOMV_QUIET_MAX_NS in all. On a quiet
 *   machine os.fork() takes ~3.5 ms (0.4 ms without gomv), ~18 ms right
 *   after Go ran (sysmon takes a P back 10 ms after its last use).
 * - The M a child's runner takes is clean. A C thread that calls Go gets
 *   an M from a list; one that ends puts its M back, with whatever
 *   request to yield sysmon left on it, and the next thread to take it
 *   yields at once: in a child, forever (11 of 150 children hung whose
 *   parent had used gomv from a thread that had ended). The handler starts
 *   a thread that calls Go once, yielding (clearing a request), and ends,
 *   in the same window as the forking thread's yield: its M goes back on
 *   top of the list clean, and the runner is the only thread of a child
 *   that takes one.
 * - The collector is off in the child: a collection there would wait for
 *   workers that were not copied. PREPARE switches it off (waiting out a
 *   mark under way); the parent's next call puts it and GOMAXPROCS back.
 *   The child's first call gives it GOMV_CHILD_PROCS Ps (see glue.go).
 * - In the child, nothing hands back a P that a thread keeps after its
 *   call (that is sysmon's work, and sysmon was not copied), so each
 *   thread that calls Go keeps one P for good: with more such threads
 *   than Ps the next one waits forever (35 of 100 children hung with four
 *   threads and two Ps). So in a child only the forking thread calls Go
 *   itself; every other thread's calls run one at a time on a thread
 *   made for them (the runner).
 * - The runtime itself starts on a thread of its own when the library
 *   loads: module init waits for it (gomv_ready).
 *
 * Go does not support running Go code after fork(); this makes the state
 * at the copy one where the child needs nothing it lost, and checks it.
 * It cannot check what it cannot see: without /proc it falls back to
 * waiting GOMV_QUIET_NS, and past GOMV_QUIET_MAX_NS (another thread that
 * keeps running, say) the fork goes ahead anyway. 'spawn' and
 * 'forkserver' avoid the question. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE  /* dl_iterate_phdr */
#endif
#include <dirent.h>
#include <link.h>
#include <stdint.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "gomv_go.h"

/* Without /proc: time for sysmon to take back the last P (after 10 ms)
 * and go to sleep after Go last ran. */
#define GOMV_QUIET_NS (50 * 1000000LL)
/* sysmon asks a goroutine to yield when its P has kept one schedtick for
 * 10 ms: the quiet state seen sooner after the yield was reached without. */
#define GOMV_NO_REQUEST_NS (9 * 1000000LL)
/* Give up on a quiet runtime (a thread of the program keeps running, say)
 * and fork. */
#define GOMV_QUIET_MAX_NS (2000 * 1000000LL)

static atomic_long in_go;       /* threads between gomv_go_begin and gomv_go_end */
/* Why callers wait at the gate: a prepare handler is waiting or fork() is
 * running, or a thread runs a fork step (see go_begin). */
enum { HOLD_FORK = 1, HOLD_STEP = 2 };
static atomic_int forking;
static atomic_llong last_go;    /* coarse monotonic ns of the last call's end */
static atomic_int fork_step;    /* GOMV_FORK_*: what the next call does first */
static pthread_mutex_t fork_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t fork_cv = PTHREAD_COND_INITIALIZER;

static long long
now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void
go_end(void)
{
    atomic_store_explicit(&last_go, now_ns(), memory_order_relaxed);
    /* The last one out wakes a waiting fork (under the mutex, so the
     * wake-up cannot fall between its check and its wait). */
    if (atomic_fetch_sub(&in_go, 1) == 1 && atomic_load(&forking)) {
        pthread_mutex_lock(&fork_mu);
        pthread_cond_broadcast(&fork_cv);
        pthread_mutex_unlock(&fork_mu);
    }
}

/* The step after a fork runs alone: in a child, the stop of the world
 * that changing GOMAXPROCS needs asks every other thread holding a P to
 * yield, and a yield in a child waits forever (see the top of the file).
 * Every other caller waits at the gate meanwhile. */
static void
run_fork_step(void)
{
    int step;
    pthread_mutex_lock(&fork_mu);
    while (atomic_load(&forking))
        pthread_cond_wait(&fork_cv, &fork_mu);
    step = atomic_load(&fork_step);
    if (step == GOMV_FORK_KEEP) {
        pthread_mutex_unlock(&fork_mu);
        return;
    }
    atomic_store(&forking, HOLD_STEP);
    while (atomic_load(&in_go) > 0)
        pthread_cond_wait(&fork_cv, &fork_mu);
    pthread_mutex_unlock(&fork_mu);

    gomv_go_fork(step);

    pthread_mutex_lock(&fork_mu);
    atomic_store(&fork_step, GOMV_FORK_KEEP);
    atomic_store(&forking, 0);
    pthread_cond_broadcast(&fork_cv);
    pthread_mutex_unlock(&fork_mu);
}

static void
go_begin(void)
{
    for (;;) {
        if (atomic_load_explicit(&fork_step, memory_order_relaxed) != GOMV_FORK_KEEP)
            run_fork_step();
        /* Announce, then look: a fork that sets forking after this add
         * sees in_go > 0 and waits for gomv_go_end (both sequentially
         * consistent, so one of the two always sees the other). */
        atomic_fetch_add(&in_go, 1);
        if (!atomic_load(&forking))
            break;
        go_end();
        pthread_mutex_lock(&fork_mu);
        while (atomic_load(&forking))
            pthread_cond_wait(&fork_cv, &fork_mu);
        pthread_mutex_unlock(&fork_mu);
    }
}

/* ---- the runner: Go calls of a fork child's other threads ---- */

static int forked;              /* this process is a fork() child */
static pthread_t fork_thread;   /* ...and this is the thread that forked */
static struct {
    pthread_mutex_t mu;         /* one job at a time */
    pthread_mutex_t lk;         /* guards job, done */
    pthread_cond_t cv;
    const gomv_job *job;
    int done, rc, started;
} runner = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER};

static int
exec_gated(const gomv_job *j)
{
    int rc;
    go_begin();
    rc = gomv_job_exec(j);
    go_end();
    return rc;
}

static void *
runner_main(void *unused)
{
    sigset_t all;
    /* Signals are for the interpreter's threads. */
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);
    pthread_mutex_lock(&runner.lk);
    for (;;) {
        while (runner.job == NULL)
            pthread_cond_wait(&runner.cv, &runner.lk);
        pthread_mutex_unlock(&runner.lk);
        runner.rc = exec_gated(runner.job);
        pthread_mutex_lock(&runner.lk);
        runner.job = NULL;
        runner.done = 1;
        pthread_cond_broadcast(&runner.cv);
    }
    return NULL;
}

static int
run_on_runner(const gomv_job *j)
{
    int rc;
    pthread_mutex_lock(&runner.mu);
    if (!runner.started) {
        pthread_t t;
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        if (pthread_create(&t, &attr, runner_main, NULL) != 0) {
            /* No thread to spare: make the call here and hope for a P. */
            pthread_attr_destroy(&attr);
            pthread_mutex_unlock(&runner.mu);
            return exec_gated(j);
        }
        pthread_attr_destroy(&attr);
        runner.started = 1;
    }
    pthread_mutex_lock(&runner.lk);
    runner.job = j;
    runner.done = 0;
    pthread_cond_broadcast(&runner.cv);
    while (!runner.done)
        pthread_cond_wait(&runner.cv, &runner.lk);
    rc = runner.rc;
    pthread_mutex_unlock(&runner.lk);
    pthread_mutex_unlock(&runner.mu);
    return rc;
}

int
gomv_job_run(const gomv_job *j)
{
    if (!forked || pthread_equal(pthread_self(), fork_thread))
        return exec_gated(j);
    return run_on_runner(j);
}

static long long
precise_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void
sleep_ns(long long ns)
{
    struct timespec ts = {(time_t)(ns / 1000000000LL), (long)(ns % 1000000000LL)};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* Where Go's code is: the executable text of this library, which Go's
 * runtime is linked into, and the whole of it, Go's static data included
 * (see gomv_fork_init). */
static uintptr_t text_lo, text_hi, lib_lo, lib_hi;
/* sysmon's thread: the one seen in nanosleep in Go's code (ticking), or
 * in a futex wait with a timeout on a note in Go's static data (its deep
 * sleep, on sched.sysmonnote; other runtime threads park without one). */
static long sysmon_tid;

static int
find_text(struct dl_phdr_info *info, size_t size, void *self)
{
    uintptr_t lo = UINTPTR_MAX, hi = 0, all_lo = UINTPTR_MAX, all_hi = 0, me = (uintptr_t)self;
    int i, mine = 0;
    (void)size;
    for (i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        uintptr_t a = info->dlpi_addr + ph->p_vaddr, b = a + ph->p_memsz;
        if (ph->p_type != PT_LOAD)
            continue;
        all_lo = a < all_lo ? a : all_lo;
        all_hi = b > all_hi ? b : all_hi;
        if (!(ph->p_flags & PF_X))
            continue;
        mine |= me >= a && me < b;
        lo = a < lo ? a : lo;
        hi = b > hi ? b : hi;
    }
    if (mine) {
        text_lo = lo;
        text_hi = hi;
        lib_lo = all_lo;
        lib_hi = all_hi;
    }
    return mine;
}

/* 1 if Go's runtime is asleep: sysmon blocked other than in nanosleep and
 * no thread sleeping in Go's nanosleep; 0 if not; -1 if this system cannot
 * tell. A thread of the program that is running (not in a system call)
 * counts against only while sysmon is not known, as it might be sysmon. */
static int
go_asleep(void)
{
#if defined(__linux__) && defined(SYS_nanosleep) && defined(SYS_gettid)
    char path[sizeof "/proc/self/task//syscall" + 256], text[256];
    struct dirent *e;
    long me = syscall(SYS_gettid);
    int verdict = 1, running = 0, sysmon_seen = 0;
    DIR *d = opendir("/proc/self/task");
    if (d == NULL)
        return -1;
    while (verdict == 1 && (e = readdir(d)) != NULL) {
        unsigned long long pc = 0, arg[4] = {0, 0, 0, 0};
        char *q;
        long tid, nr;
        ssize_t n;
        int fd, i, in_go;
        if (e->d_name[0] < '0' || e->d_name[0] > '9')
            continue;
        tid = strtol(e->d_name, NULL, 10);
        if (tid == me)
            continue;
        snprintf(path, sizeof path, "/proc/self/task/%s/syscall", e->d_name);
        fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            if (errno != ENOENT)  /* ENOENT: the thread has just exited */
                verdict = -1;
            continue;
        }
        n = read(fd, text, sizeof text - 1);
        close(fd);
        if (n <= 0) {
            verdict = n < 0 && errno == ESRCH ? 1 : -1;
            continue;
        }
        text[n] = 0;
        /* "running", or "-1 sp pc" when stopped outside a system call */
        if (text[0] < '0' || text[0] > '9') {
            if (tid == sysmon_tid)
                verdict = 0;
            running = 1;
            continue;
        }
        /* "nr arg1 ... arg6 sp pc" */
        nr = strtol(text, &q, 10);
        for (i = 0; i < 8 && *q; i++) {
            pc = strtoull(q, &q, 0);
            if (i < 4)
                arg[i] = pc;
        }
        in_go = text_hi == 0 || (pc >= text_lo && pc < text_hi);
        if (nr == SYS_nanosleep && in_go) {
            sysmon_tid = tid;
            verdict = 0;
        }
#ifdef SYS_futex
        if (nr == SYS_futex && in_go && text_hi != 0 && arg[3] != 0 && arg[0] >= lib_lo &&
            arg[0] < lib_hi)
            sysmon_tid = tid;
#endif
        sysmon_seen |= tid == sysmon_tid;
    }
    closedir(d);
    if (verdict == 1 && running && !sysmon_seen)
        verdict = 0;
    return verdict;
#else
    return -1;
#endif
}

/* Polls go_asleep every poll_ns until it holds twice in a row (a
 * thread between two sleeps is not taken for asleep): 1 if so before
 * deadline, 0 if not, -1 if this system cannot tell. */
static int
wait_asleep(long long deadline, long long poll_ns)
{
    int seen = 0;
    while (precise_ns() < deadline) {
        int r = go_asleep();
        if (r < 0)
            return -1;
        seen = r ? seen + 1 : 0;
        if (seen == 2)
            return 1;
        sleep_ns(poll_ns);
    }
    return 0;
}

static void *
spare_main(void *unused)
{
    (void)unused;
    gomv_go_fork(GOMV_FORK_SPARE_M);
    return NULL;
}

/* A thread that calls Go once, yielding, and ends: its M goes back to the
 * head of the list of Ms for C threads clean, and that is the M a child's
 * runner takes (see the top of the file). */
static void
clean_spare_m(void)
{
    pthread_t t;
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);  /* the new thread inherits it */
    if (pthread_create(&t, NULL, spare_main, NULL) == 0)
        pthread_join(t, NULL);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/* See the top of the file. */
static void
quiet_runtime(void)
{
    long long start = precise_ns(), end = start + GOMV_QUIET_MAX_NS;
    /* Let sysmon take back the Ps of the last calls and sleep, so that the
     * yield wakes it to tick every 20 us rather than every 10 ms. */
    int r = wait_asleep(end, 1000000LL);
    if (r < 0) {
        long long left = atomic_load(&last_go) + GOMV_QUIET_NS - now_ns();
        if (left > 0)
            sleep_ns(left);
        gomv_go_fork(GOMV_FORK_PREPARE);
        atomic_store(&fork_step, GOMV_FORK_PARENT);
        clean_spare_m();
        sleep_ns(2000000LL);
        return;
    }
    for (;;) {
        long long t0 = precise_ns();
        gomv_go_fork(GOMV_FORK_PREPARE);
        atomic_store(&fork_step, GOMV_FORK_PARENT);
        clean_spare_m();
        if (wait_asleep(t0 + GOMV_NO_REQUEST_NS, 200000LL) == 1 || precise_ns() >= end)
            return;
        /* Too slow to rule a request out: once sysmon sleeps, again. */
        wait_asleep(end, 1000000LL);
    }
}

void
gomv_fork_learn(void)
{
    int i;
    /* sysmon ticks or sleeps deeply, and is seen either way; a poll that
     * finds it running does not. */
    for (i = 0; i < 20 && sysmon_tid == 0 && go_asleep() >= 0; i++)
        sleep_ns(200000LL);
}

static void
before_fork(void)
{
    pthread_mutex_lock(&fork_mu);
    while (atomic_load(&forking) & HOLD_STEP)
        pthread_cond_wait(&fork_cv, &fork_mu);
    atomic_store(&forking, HOLD_FORK);
    while (atomic_load(&in_go) > 0)
        pthread_cond_wait(&fork_cv, &fork_mu);
    pthread_mutex_unlock(&fork_mu);

    /* In a child there is no sysmon: no P is taken back, no goroutine
     * asked to yield, and the collector is off already. */
    if (!forked)
        quiet_runtime();
}

static void
after_fork_parent(void)
{
    pthread_mutex_lock(&fork_mu);
    atomic_store(&forking, 0);
    pthread_cond_broadcast(&fork_cv);
    pthread_mutex_unlock(&fork_mu);
}

static void
after_fork_child(void)
{
    /* The waiters were threads of the parent; none exist here. */
    pthread_mutex_init(&fork_mu, NULL);
    pthread_cond_init(&fork_cv, NULL);
    atomic_store(&in_go, 0);
    atomic_store(&forking, 0);
    /* A child of a child that has made its first call keeps the Ps it has:
     * changing their number stops the world, which would wait for a P the
     * start of the world may have handed to an M not copied. */
    if (!forked || atomic_load(&fork_step) == GOMV_FORK_CHILD)
        atomic_store(&fork_step, GOMV_FORK_CHILD);
    else
        atomic_store(&fork_step, GOMV_FORK_KEEP);
    /* The parent's runner, if any, was not copied. */
    pthread_mutex_init(&runner.mu, NULL);
    pthread_mutex_init(&runner.lk, NULL);
    pthread_cond_init(&runner.cv, NULL);
    runner.job = NULL;
    runner.started = 0;
    forked = 1;
    fork_thread = pthread_self();
}

int
gomv_fork_init(void)
{
    static int registered;
    if (!registered) {
        dl_iterate_phdr(find_text, (void *)(uintptr_t)&gomv_fork_init);
        if (pthread_atfork(before_fork, after_fork_parent, after_fork_child) != 0)
            return -1;
        registered = 1;
    }
    return 0;
}
