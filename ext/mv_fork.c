/* fork() and the Go runtime.
 *
 * A fork() child has one thread, the forking one, and a copy of the Go
 * runtime's memory as it was at that instant, locks included. Whatever a
 * vanished thread held then is held forever in the child: a Go processor
 * (P) a thread was running Go code on, or sched.lock in the middle of
 * sysmon handing a P back. The child's first call into Go then waits
 * forever (gdb: exitsyscallNoP / lock2 on runtime.sched). Measured before
 * this file: 32 of 40 forks hung while three threads ran bulk work without
 * the GIL, and 5 of 300 forks taken right after a bulk operation on the
 * forking thread alone. So the prepare handler makes the runtime quiet:
 *
 * - No thread is inside Go: every call into Go is a job run by
 *   gomv_job_run between go_begin and go_end; the handler waits until
 *   none is between them and keeps new ones out until fork() has
 *   returned. Calls made without the GIL are chunks of about 1 MiB, so
 *   the wait is short.
 * - Go's own threads are idle: sysmon hands back the P a thread keeps
 *   after its last call about 10 ms later, then goes to sleep once every P
 *   is idle. If Go ran in the last GOMV_QUIET_NS (50 ms), the handler switches the
 *   collector off (waiting out a mark under way) and sleeps until that
 *   long has passed since. A program that last used gomv earlier forks
 *   with no delay.
 * - The collector is off in the child: a collection there would wait for
 *   workers that were not copied. The child's first call into Go switches
 *   it off for the child's life (the hot and bulk paths allocate nothing;
 *   errors and indirect buffers only grow its heap). The parent's next
 *   call switches it back on. Neither handler calls Go, so a child that
 *   never uses gomv (or execs at once) never enters the Go runtime.
 * - In the child, nothing hands back a P that a thread keeps after its
 *   call (that is sysmon's work, and sysmon was not copied), so each
 *   thread that calls Go keeps one P for good: with more such threads
 *   than Ps the next one waits forever (35 of 100 children hung with four
 *   threads and two Ps). So in a child only the forking thread calls Go
 *   itself; every other thread's calls run one at a time on a thread
 *   made for them (the runner), and the child needs two Ps at most.
 * - The runtime itself starts on a thread of its own when the library
 *   loads: module init waits for it (gomv_ready).
 *
 * This lowers the odds rather than closing the door: Go does not support
 * running Go code after fork(), and a runtime thread may still wake in the
 * instant of the fork (a timer, or a machine so loaded that sysmon has not
 * run in 50 ms). Measured: 0 hangs in 600 forks right after bulk work with
 * two such loops running on two CPUs; 1 in 150 once while an ASan test run
 * shared the machine. 'spawn' and 'forkserver' avoid the question. */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <time.h>

#include "gomv_go.h"

/* Long enough for sysmon to hand back the last P (after 10 ms) and go to
 * sleep, with room for a loaded machine. */
#define GOMV_QUIET_NS (50 * 1000000LL)

enum { GC_KEEP = 0, GC_OFF = 1, GC_RESTORE = 2 };

static atomic_long in_go;       /* threads between gomv_go_begin and gomv_go_end */
static atomic_int forking;      /* a prepare handler is waiting or fork() is running */
static atomic_llong last_go;    /* coarse monotonic ns of the last call's end */
static atomic_int gc_action;    /* what the next call does to the collector first */
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

static void
go_begin(void)
{
    for (;;) {
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
    if (atomic_load_explicit(&gc_action, memory_order_relaxed) != GC_KEEP) {
        int a = atomic_exchange(&gc_action, GC_KEEP);
        if (a != GC_KEEP)
            gomv_go_gc(a == GC_OFF);
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

static void
before_fork(void)
{
    long long wait;

    pthread_mutex_lock(&fork_mu);
    atomic_store(&forking, 1);
    while (atomic_load(&in_go) > 0)
        pthread_cond_wait(&fork_cv, &fork_mu);
    pthread_mutex_unlock(&fork_mu);

    /* In a child the collector is off already, and there is no sysmon to
     * wait for (nor any other thread that may call Go outside the gate). */
    if (forked || now_ns() - atomic_load(&last_go) >= GOMV_QUIET_NS)
        return;
    /* Go ran lately: collector off now (in the parent, where a mark under
     * way can finish), back on at the parent's next call; then quiet. */
    gomv_go_gc(1);
    atomic_store(&gc_action, GC_RESTORE);
    wait = GOMV_QUIET_NS;
    {
        struct timespec ts = {(time_t)(wait / 1000000000LL), (long)(wait % 1000000000LL)};
        while (nanosleep(&ts, &ts) != 0)
            ;
    }
    atomic_store(&last_go, now_ns() - GOMV_QUIET_NS);
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
    atomic_store(&gc_action, GC_OFF);
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
        if (pthread_atfork(before_fork, after_fork_parent, after_fork_child) != 0)
            return -1;
        registered = 1;
    }
    return 0;
}
