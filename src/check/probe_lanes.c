/* The probes of one check side by side (probe_lanes.h).
 *
 * A domain with five MX hosts on two addresses each means ten connections,
 * each several round trips long, and more when a rule wants a follow-up.
 * One after the other, a check over the internet takes ten times as long
 * as its slowest probe. Here every primary probe of the plan gets a lane on
 * a fiber of its own (fiber_group.h): the lane runs its primary, verifies
 * what it got, asks the rules what they will want next
 * (mxtls__diagnosis_look_ahead()) and runs that too, until the rules want
 * nothing more. The driver, on a fiber of the same group, is the loop that
 * ran the probes before: it hands the diagnosis each result in the plan's
 * order, taking it from the lane that ran it (waiting while it runs), so
 * the report is the same as when the probes ran one by one. What no lane
 * ran the driver runs itself.
 *
 * A lane's guess can be wrong (the rules read findings of the primaries
 * before it, which it had not seen): then its probe is never taken, and it
 * cost one connection. A lane stops when the driver has caught up with it,
 * at the check's deadline, and when the driver is done (the group cancels
 * what still runs).
 */
#define _POSIX_C_SOURCE 200809L
#include "probe_lanes.h"

#include <errno.h>
#include <string.h>

#include "alloc.h"
#include "clock.h"
#include "ctx.h"
#include "fiber_group.h"
#include "mxtls/mxtls.h"

/* Probes one lane runs ahead at most: its primary and the longest chain of
 * follow-ups a rule asks (four protocol versions, or no SNI and an LDH
 * name, ...). */
#define LANE_PROBES 8
/* Lanes at once by default: the per-destination limit still holds. */
#define DEFAULT_AT_ONCE 16
/* Primary probes one check runs side by side at most. */
#define MAX_LANES 64

struct lane_probe {
    mxtls_probe *probe;               /* its question; results until taken */
    struct mxtls__probe_spec spec;    /* sni points into probe */
    struct mxtls__probe_io io;        /* owns connect and tls until taken */
    mxtls_verify_result *verify;      /* owned until taken */
    int verified;
    struct mxtls__verify_basis basis;
    int64_t ended_ms;
    int done, taken;
};

struct lane {
    struct mxtls__lanes *all;
    size_t index;                     /* in the plan */
    struct mxtls__probe_spec primary;
    struct lane_probe probes[LANE_PROBES];
    size_t n;
    int finished;
    int news;                         /* set when a probe starts, ends, or the lane ends */
    int primary_done;                 /* its primary ran, or never will */
    /* The follow-up the rules most likely ask, run beside the primary
     * (mxtls__diagnosis_likely_follow_up()): moved into probes when the
     * rules do ask it. */
    struct mxtls__probe_spec likely;
    int has_early, early_moved;
    struct lane_probe early;
};

/* A worker's job: a lane, or the early follow-up of one. */
struct job {
    struct lane *lane;
    int early;
};

struct mxtls__lanes {
    mxtls_ctx *ctx;
    mxtls_diagnosis *d;
    const struct mxtls_check_options *opts;
    int64_t deadline;
    struct lane *lanes;
    size_t n;
    struct job *jobs;
    size_t n_jobs, next;
    int stop;                         /* the driver is done */
    int out_of_memory;                /* a lane ran out: so does the check */
    void (*drive)(struct mxtls__lanes *lanes, void *arg);
    void *drive_arg;
};

/* ------------------------------------------------------------------------
 * A lane
 * ------------------------------------------------------------------------ */

/* The probes the rules of this lane's primary read: the diagnosis's own,
 * then what the lanes before it ran that the diagnosis has not taken yet
 * (unless the driver is past them), then this lane's. *current gets the
 * index of this lane's primary. 0, or -1 (memory, or nothing to read). */
static int build_view(struct lane *l, mxtls_probe ***view, struct mxtls__probe_spec **specs,
                      size_t *n_view, size_t *current)
{
    struct mxtls__lanes *all = l->all;
    mxtls_diagnosis *d = all->d;
    size_t n = d->n_probes;
    for (size_t j = 0; j <= l->index; j++)
        n += all->lanes[j].n;
    *n_view = 0;
    *view = mxtls__calloc(n ? n : 1, sizeof **view);
    *specs = mxtls__calloc(n ? n : 1, sizeof **specs);
    if (*view == NULL || *specs == NULL) {
        all->out_of_memory = 1;
        return -1;
    }
    size_t k = 0;
    for (; k < d->n_probes; k++) {
        (*view)[k] = d->probes[k];
        (*specs)[k] = d->specs[k];
    }
    *current = MXTLS__NONE;
    if (l->probes[0].taken) {
        /* The diagnosis reads this primary now: its pass is at d->current. */
        const struct mxtls__probe_spec *c =
            d->current != MXTLS__NONE ? &d->specs[d->current] : NULL;
        if (c != NULL && c->host_index == l->primary.host_index &&
            c->address_index == l->primary.address_index && c->port == l->primary.port)
            *current = d->current;
    }
    for (size_t j = 0; j <= l->index; j++) {
        const struct lane *o = &all->lanes[j];
        if (j < l->index && o->probes[0].taken)
            continue;   /* the driver is past it: what it left is not read */
        if (j == l->index && !l->probes[0].taken)
            *current = k;
        for (size_t i = 0; i < o->n; i++)
            if (o->probes[i].done && !o->probes[i].taken) {
                (*view)[k] = o->probes[i].probe;
                (*specs)[k++] = o->probes[i].spec;
            }
    }
    *n_view = k;
    return *current < k ? 0 : -1;
}

/* The follow-up this lane's rules will ask next; 1 with *ahead filled. */
static int next_follow_up(struct lane *l, struct mxtls__ahead *ahead)
{
    mxtls_probe **view = NULL;
    struct mxtls__probe_spec *specs = NULL;
    size_t n = 0, current = 0;
    int r = 0;
    if (build_view(l, &view, &specs, &n, &current) == 0)
        r = mxtls__diagnosis_look_ahead(l->all->d, view, specs, n, current, ahead);
    if (r < 0)
        l->all->out_of_memory = 1;
    mxtls__free(view);
    mxtls__free(specs);
    return r;
}

/* The probes before p in the diagnosis's order, as far as known: for the
 * intermediates verify is given. */
static void verify_ahead(struct lane *l, struct lane_probe *p)
{
    struct mxtls__lanes *all = l->all;
    mxtls_probe **view = NULL;
    struct mxtls__probe_spec *specs = NULL;
    size_t n = 0, current = 0;
    (void)build_view(l, &view, &specs, &n, &current);   /* any view will do here */
    if (view != NULL && specs != NULL) {
        mxtls_verify_input *in = NULL;
        mxtls_status st = mxtls__verify_input_for(all->d, &p->spec, p->io.tls, view, n, &in,
                                                  &p->basis);
        if (st == MXTLS_OK && in != NULL)
            st = mxtls__verify_run_memo(all->ctx, &all->d->verify_memo, in, &p->verify);
        p->verified = st == MXTLS_OK && in != NULL;
        all->out_of_memory |= st == MXTLS_ENOMEM;
        p->probe->verify = p->verify;
        mxtls_verify_input_free(in);
    }
    mxtls__free(view);
    mxtls__free(specs);
}

/* Run the probe for spec into p, a slot of lane l (counted by the caller);
 * 0 when the lane cannot go on. The early follow-up waits for the primary
 * before it verifies, so it is verified on what the diagnosis will know. */
static int run_into(struct lane *l, struct lane_probe *p, const struct mxtls__probe_spec *spec)
{
    struct mxtls__lanes *all = l->all;
    *p = (struct lane_probe){.spec = *spec};
    if ((p->probe = mxtls__probe_new_for(spec)) == NULL) {
        all->out_of_memory = 1;
        return 0;
    }
    if (!spec->sni_default)
        p->spec.sni = p->probe->sni;
    l->news = 1;
    const mxtls_probe *q = p->probe;
    mxtls__check_progress(all->opts, "%s [%s]:%d%s", q->host ? q->host : q->address, q->address,
                          (int)q->port, mxtls__purpose_words(q->purpose));
    mxtls__probe_io(all->ctx, &p->spec, p->probe, &p->io);
    /* The rules read the probe (look-ahead); the lane keeps owning it. */
    p->probe->status = p->io.connected;
    p->probe->connect = p->io.cr;
    p->probe->tls = p->io.tls;
    if (p == &l->early && !l->primary_done && mxtls__group_wait_flag(&l->primary_done) < 0)
        l->all->stop = 1;
    if (p->io.stop == MXTLS_OK && !all->stop && mxtls__needs_verify(&p->spec, p->io.tls))
        verify_ahead(l, p);
    p->ended_ms = mxtls__now_ms();
    p->done = 1;
    if (p == &l->probes[0])
        l->primary_done = 1;
    l->news = 1;
    all->out_of_memory |= p->io.stop == MXTLS_ENOMEM;
    return p->io.stop == MXTLS_OK;
}

/* Run one probe for spec as the lane's next. */
static int run_one(struct lane *l, const struct mxtls__probe_spec *spec)
{
    struct lane_probe *p = &l->probes[l->n++];
    return run_into(l, p, spec);
}

static int same_question(const struct lane_probe *p, const struct mxtls__probe_spec *s,
                         const char *sni)
{
    const mxtls_probe *q = p->probe;
    return q != NULL && q->purpose == s->purpose && q->port == s->port && q->mode == s->mode &&
           q->tls_version == s->tls_version && p->spec.run_tls == s->run_tls &&
           ((q->sni == NULL && sni == NULL) || (q->sni && sni && strcmp(q->sni, sni) == 0));
}

/* The early follow-up answers what the rules ask next: it becomes the
 * lane's next probe. 1 when it did. */
static int move_early(struct lane *l, const struct mxtls__probe_spec *want)
{
    const char *sni = want->sni_default ? want->host_name : want->sni;
    if (!l->has_early || l->early_moved || l->early.taken || !same_question(&l->early, want, sni))
        return 0;
    if (!l->early.done && mxtls__group_wait_flag(&l->early.done) < 0)
        return 0;
    l->probes[l->n++] = l->early;
    l->early_moved = 1;      /* early.done stays set: a waiter may still read it */
    l->news = 1;
    return 1;
}

/* The driver has taken all this lane ran, and its pass is past the
 * primary or reads it now: it asks the rest itself. */
static int caught_up(const struct lane *l)
{
    for (size_t i = 0; i < l->n; i++)
        if (!l->probes[i].taken)
            return 0;
    return l->n > 0;
}

static void run_lane(struct lane *l)
{
    struct mxtls__lanes *all = l->all;
    if (!run_one(l, &l->primary))
        return;
    while (l->n < LANE_PROBES && !all->stop && mxtls__now_ms() < all->deadline &&
           !caught_up(l)) {
        struct mxtls__ahead ahead;
        if (next_follow_up(l, &ahead) != 1)
            return;
        if (!move_early(l, &ahead.want) && !run_one(l, &ahead.want))
            return;
    }
}

static void run_early(struct lane *l)
{
    l->has_early = 1;
    (void)run_into(l, &l->early, &l->likely);
}

static void lane_ends(struct lane *l)
{
    l->finished = 1;
    l->primary_done = 1;
    l->news = 1;
}

/* A worker fiber: the next job not started, until none is left. */
static void worker_main(void *arg)
{
    struct mxtls__lanes *all = arg;
    while (!all->stop && all->next < all->n_jobs) {
        struct job *j = &all->jobs[all->next++];
        if (j->early) {
            run_early(j->lane);
        } else {
            run_lane(j->lane);
            lane_ends(j->lane);
        }
    }
    /* Lanes never started end here, so the driver does not wait on them. */
    while (all->stop && all->next < all->n_jobs) {
        struct job *j = &all->jobs[all->next++];
        if (!j->early)
            lane_ends(j->lane);
    }
}

static void driver_main(void *arg)
{
    struct mxtls__lanes *all = arg;
    all->drive(all, all->drive_arg);
    all->stop = 1;
    mxtls__group_cancel();     /* what lanes still run is not wanted */
}

/* ------------------------------------------------------------------------
 * The driver's side
 * ------------------------------------------------------------------------ */

/* The lane of the primary the pending probe belongs to, or NULL. */
static struct lane *lane_of(struct mxtls__lanes *all, const mxtls_diagnosis *d)
{
    const struct mxtls__probe_spec *s = &d->pending_spec;
    const struct mxtls__probe_spec *primary =
        s->purpose == MXTLS_PROBE_PRIMARY ? s
        : d->current != MXTLS__NONE       ? &d->specs[d->current]
                                          : NULL;
    for (size_t i = 0; primary != NULL && i < all->n; i++) {
        const struct mxtls__probe_spec *o = &all->lanes[i].primary;
        if (o->host_index == primary->host_index && o->address_index == primary->address_index &&
            o->port == primary->port)
            return &all->lanes[i];
    }
    return NULL;
}

/* The lane's probe that answers the pending one: the same question, to the
 * same SNI. */
static struct lane_probe *answer_in(struct lane *l, const mxtls_diagnosis *d)
{
    for (size_t i = 0; i < l->n; i++)
        if (!l->probes[i].taken && same_question(&l->probes[i], &d->pending_spec, d->pending->sni))
            return &l->probes[i];
    if (l->has_early && !l->early_moved && !l->early.taken &&
        same_question(&l->early, &d->pending_spec, d->pending->sni))
        return &l->early;
    return NULL;
}

int mxtls__lanes_take(struct mxtls__lanes *all, mxtls_diagnosis *d, struct mxtls__probe_io *io,
                      struct mxtls__lane_take *take)
{
    struct lane *l = lane_of(all, d);
    if (l == NULL)
        return 0;
    struct lane_probe *p = NULL;
    for (;;) {
        p = answer_in(l, d);
        if (p != NULL && p->done)
            break;
        if (p == NULL && (l->finished || caught_up(l)))
            return 0;
        l->news = 0;
        if (mxtls__group_wait_flag(p != NULL ? &p->done : &l->news) < 0)
            return -1;
    }
    p->taken = 1;
    *io = p->io;
    p->io.cr = NULL;
    p->io.tls = NULL;
    *take = (struct mxtls__lane_take){
        .verified = p->verified, .verify = p->verify, .basis = &p->basis,
        .ended_ms = p->ended_ms,
    };
    p->verify = NULL;
    p->probe->connect = NULL;
    p->probe->tls = NULL;
    p->probe->verify = NULL;
    l->news = 1;
    return 1;
}

static void lane_probe_free(struct lane_probe *p)
{
    if (p->probe != NULL) {
        p->probe->connect = NULL;    /* owned by io and verify */
        p->probe->tls = NULL;
        p->probe->verify = NULL;
    }
    mxtls__probe_free(p->probe);
    mxtls__probe_io_free(&p->io);
    mxtls_verify_result_free(p->verify);
}

static void lanes_free(struct mxtls__lanes *all)
{
    for (size_t i = 0; all->lanes != NULL && i < all->n; i++) {
        struct lane *l = &all->lanes[i];
        for (size_t k = 0; k < l->n; k++)
            lane_probe_free(&l->probes[k]);
        if (l->has_early && !l->early_moved)
            lane_probe_free(&l->early);
    }
    mxtls__free(all->lanes);
    mxtls__free(all->jobs);
}

/* The jobs in plan order: each lane, and after it the early follow-up of
 * the first address of each host and port. */
static void plan_jobs(struct mxtls__lanes *all)
{
    for (size_t i = 0; i < all->n; i++) {
        struct lane *l = &all->lanes[i];
        all->jobs[all->n_jobs++] = (struct job){.lane = l};
        int first = 1;
        for (size_t k = 0; k < i && first; k++)
            first = !(all->lanes[k].primary.host_index == l->primary.host_index &&
                      all->lanes[k].primary.port == l->primary.port);
        if (first && mxtls__diagnosis_likely_follow_up(all->d, &l->primary, &l->likely))
            all->jobs[all->n_jobs++] = (struct job){.lane = l, .early = 1};
    }
}

mxtls_status mxtls__lanes_run(mxtls_ctx *ctx, mxtls_diagnosis *d,
                              const struct mxtls_check_options *opts, int64_t deadline,
                              void (*drive)(struct mxtls__lanes *lanes, void *arg), void *arg,
                              int *ran)
{
    *ran = 0;
    size_t at_once = opts->probes_at_once > 0 ? (size_t)opts->probes_at_once : DEFAULT_AT_ONCE;
    struct mxtls__probe_spec plan[MAX_LANES];
    size_t n = mxtls__diagnosis_plan(d, plan, MAX_LANES);
    if (n < 2 || at_once < 2)
        return MXTLS_OK;
    struct mxtls__lanes all = {
        .ctx = ctx, .d = d, .opts = opts, .deadline = deadline, .n = n,
        .drive = drive, .drive_arg = arg,
    };
    struct mxtls__fiber_group *g = mxtls__group_new();
    all.lanes = mxtls__calloc(n, sizeof *all.lanes);
    all.jobs = mxtls__calloc(2 * n, sizeof *all.jobs);
    int failed = g == NULL || all.lanes == NULL || all.jobs == NULL;
    for (size_t i = 0; !failed && i < n; i++)
        all.lanes[i] = (struct lane){.all = &all, .index = i, .primary = plan[i]};
    if (!failed)
        plan_jobs(&all);
    failed = failed || mxtls__group_spawn(g, driver_main, &all) != 0;
    for (size_t i = 0; !failed && i < all.n_jobs && i < at_once; i++)
        failed = mxtls__group_spawn(g, worker_main, &all) != 0;
    mxtls_status st = MXTLS_OK;
    if (failed)
        st = MXTLS_ENOMEM;
    else if (mxtls__group_run(g) != 0)
        st = errno == ENOMEM ? MXTLS_ENOMEM
                             : mxtls__ctx_fail(ctx, MXTLS_EIO, "the check was cancelled (%s)",
                                               strerror(errno));
    if (st == MXTLS_OK && all.out_of_memory)
        st = MXTLS_ENOMEM;    /* fail closed: never a report short of what ran out */
    *ran = 1;   /* or it failed: either way the caller does not drive */
    mxtls__group_free(g);
    lanes_free(&all);
    return st;
}
