/* taint.c - the data-flow analysis behind `taint` rules (see taint.h).
 *
 * Values: a taint value says which origins reach an access path (bit 0: a
 * source; bit k+1: parameter k of the function being analysed, used for its
 * summary), whether every path that brought it bounded it (a comparison) or
 * validated it (a validator call), where it came from, and the last flow
 * step (steps are linked backwards to the source).
 *
 * States: a sparse array of (path id, value) sorted by id. Paths are
 * interned per function: "buf", "hdr.len" ("->" and "." are the same,
 * indexes and dereferences are the array/object itself). A read of a path
 * takes its longest present prefix and joins everything stored below it;
 * a field write replaces, an element write (a[i] = x, *p = x) joins. */
#include "taint.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "matcher.h"
#include "util.h"

#define ORIG_SRC 1ull
#define TV_BOUNDED 1u
#define TV_VALID 2u
#define TV_XFUN 4u /* came through another function of the file (a summary) */
/* Every untrusted origin is a read of a length field of a structure the
 * configuration names as filled from the network (a field source: p->len
 * of a pbuf): the length of the data its own buffer holds. */
#define TV_LENFIELD 8u
#define MAX_PARAMS 62
#define MAX_LOOP_PASSES 4
#define TEXT_MAX 60
/* Paths through more calls than this are not reported: each call a value
 * is passed through makes the path less likely to be real (summaries join
 * a parameter's uses). */
#define MAX_HOPS 2

/* ---- names ---- */

static int cmp_strp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int taint_names_has(const struct taint_names *s, const char *name)
{
	if (!name || !*name)
		return 0;
	if (s->nexact && bsearch(&name, s->exact, s->nexact, sizeof *s->exact, cmp_strp))
		return 1;
	for (size_t i = 0; i < s->nre; i++)
		if (matcher_regex_test(s->re[i], name, strlen(name)))
			return 1;
	return 0;
}

void taint_names_free(struct taint_names *s)
{
	for (size_t i = 0; i < s->nexact; i++)
		free(s->exact[i]);
	free(s->exact);
	for (size_t i = 0; i < s->nre; i++)
		matcher_regex_free(s->re[i]);
	free(s->re);
	memset(s, 0, sizeof *s);
}

void taint_config_free(struct taint_config *cfg)
{
	if (!cfg)
		return;
	for (size_t i = 0; i < cfg->nsources; i++) {
		struct taint_source *s = &cfg->sources[i];
		taint_names_free(&s->names);
		yparam_strlist_free(s->fields);
		matcher_regex_free(s->type_re);
		matcher_regex_free(s->func_re);
		matcher_regex_free(s->sig_re);
		matcher_regex_free(s->if_re);
		taint_names_free(&s->unless_from);
	}
	free(cfg->sources);
	for (size_t i = 0; i < cfg->nsinks; i++) {
		taint_names_free(&cfg->sinks[i].names);
		free(cfg->sinks[i].conversions);
	}
	free(cfg->sinks);
	for (size_t i = 0; i < cfg->nsanitizers; i++)
		taint_names_free(&cfg->sanitizers[i].names);
	free(cfg->sanitizers);
	for (size_t i = 0; i < cfg->nprops; i++)
		taint_names_free(&cfg->props[i].names);
	free(cfg->props);
	free(cfg);
}

static int mask_has(taint_mask m, size_t i)
{
	return i < 64 && (m >> i) & 1u;
}

/* ---- values and steps ---- */

struct tval {
	taint_mask orig;
	unsigned flags;
	int step;        /* last step, or -1 */
	const char *src; /* origin description (interned), or NULL */
	const char *psuf; /* parameter origins: where in the parameter's object the
			   * value was read (".n" for X->n, "" for all of it), or NULL */
};

static const struct tval CLEAN = {0, 0, -1, NULL, NULL};

struct stepnode {
	struct flow_step s;
	int prev;
};

/* What a callee name is for the configuration: bit k of a mask says that
 * entry k (k < 64) of that list names it; entries from 64 on are checked
 * directly. Names are looked up once per run (regexes are slow). */
struct role {
	const char *name; /* NULL: empty slot */
	uint64_t sinks, props, srcs;
	int san;          /* index of the first sanitizer naming it, or -1 */
};

/* A file-scope variable (or a field of one) that a function of the file
 * leaves holding untrusted data: every function sees it at its entry on the
 * second pass (an ISR or callback filling a global buffer a task reads). */
struct global {
	const char *path; /* kept */
	struct tval v;
};

/* Everything of one taint_run: steps and strings live until the end. */
struct run {
	const struct taint_config *cfg;
	const struct cflow_unit *u;
	taint_report_fn fn;
	void *ud;
	struct stepnode *steps;
	size_t nsteps, capsteps;
	struct strvec strs; /* owned strings (step messages, paths, texts) */
	struct func_info *fi;
	size_t nfuncs;
	size_t *byname; /* indexes into fi sorted by name, first definition first */
	int index_sinks, loop_sinks; /* the configuration has index / loop-bound sinks */
	struct global *globals; /* file-scope variables some function fills with untrusted data */
	size_t nglobals;
	int globals_changed;
	struct role *roles; /* memo of what each callee name is (open addressing) */
	size_t nroles, caproles;
	uint64_t *reported; /* sorted-free open set of (line << 32 | col) */
	size_t nrep, caprep;
};

static const char *keep(struct run *r, char *s)
{
	strvec_push_owned(&r->strs, s);
	return s;
}

static int step_new(struct run *r, int prev, const struct cflow_expr *at, char *msg)
{
	if (r->nsteps == r->capsteps) {
		r->capsteps = r->capsteps ? r->capsteps * 2 : 256;
		r->steps = xrealloc(r->steps, r->capsteps * sizeof *r->steps);
	}
	struct stepnode *n = &r->steps[r->nsteps];
	n->s.line = at ? at->line : 1;
	n->s.col = at ? at->col : 1;
	n->s.end_line = at ? at->end_line : 0;
	n->s.end_col = at ? at->end_col : 0;
	n->s.message = (char *)keep(r, msg);
	n->prev = prev;
	return (int)r->nsteps++;
}

static int step_at(struct run *r, int prev, unsigned line, unsigned col, char *msg)
{
	struct cflow_expr e = {0};
	e.line = line;
	e.col = col;
	return step_new(r, prev, &e, msg);
}

static struct tval tv_join(struct tval a, struct tval b)
{
	if (!a.orig)
		return b;
	if (!b.orig)
		return a;
	struct tval v = a;
	if (!(a.orig & ~ORIG_SRC))
		v.psuf = b.psuf;
	else if ((b.orig & ~ORIG_SRC) && (!a.psuf || !b.psuf || strcmp(a.psuf, b.psuf)))
		v.psuf = "";
	v.orig = a.orig | b.orig;
	/* Bounds and checks are about untrusted data: when only one side
	 * carries a source, its flags are the value's. */
	if ((a.orig & ORIG_SRC) && !(b.orig & ORIG_SRC))
		v.flags = a.flags;
	else if ((b.orig & ORIG_SRC) && !(a.orig & ORIG_SRC))
		v.flags = b.flags;
	else
		v.flags = (a.flags & b.flags & (TV_BOUNDED | TV_VALID | TV_LENFIELD)) |
			  ((a.flags | b.flags) & TV_XFUN);
	/* Keep the path of the value that is still dangerous (a length field
	 * as read is not safer: its path names the field, see
	 * is_own_length_value). */
	if (a.flags & ~b.flags & ~TV_LENFIELD) {
		v.step = b.step;
		v.src = b.src;
	}
	/* A source beats a parameter for the description. */
	if (!(v.orig & ORIG_SRC & a.orig) && (b.orig & ORIG_SRC)) {
		v.step = b.step;
		v.src = b.src;
	}
	return v;
}

static int tv_same(const struct tval *a, const struct tval *b)
{
	return a->orig == b->orig && a->flags == b->flags;
}

/* ---- expression text (for messages) ---- */

static void text_of(const struct cflow_expr *e, struct sbuf *b, int depth)
{
	if (!e || depth > 8 || strlen(sbuf_str(b)) > TEXT_MAX) {
		sbuf_adds(b, "...");
		return;
	}
	switch (e->kind) {
	case CFX_NAME:
	case CFX_NUM:
		sbuf_adds(b, e->name);
		break;
	case CFX_STR:
		sbuf_adds(b, "\"...\"");
		break;
	case CFX_CALL:
		if (*e->name)
			sbuf_adds(b, e->name);
		else
			text_of(e->a, b, depth + 1);
		sbuf_adds(b, e->nargs ? "(...)" : "()");
		break;
	case CFX_MEMBER:
		text_of(e->a, b, depth + 1);
		sbuf_adds(b, e->op);
		sbuf_adds(b, e->name);
		break;
	case CFX_INDEX:
		text_of(e->a, b, depth + 1);
		sbuf_addc(b, '[');
		text_of(e->b, b, depth + 1);
		sbuf_addc(b, ']');
		break;
	case CFX_UNARY:
		if (!strncmp(e->op, "post", 4)) {
			text_of(e->a, b, depth + 1);
			sbuf_adds(b, e->op + 4);
		} else {
			sbuf_adds(b, e->op);
			text_of(e->a, b, depth + 1);
		}
		break;
	case CFX_BINARY:
	case CFX_ASSIGN:
		text_of(e->a, b, depth + 1);
		sbuf_addf(b, " %s ", e->op);
		text_of(e->b, b, depth + 1);
		break;
	case CFX_CAST:
		sbuf_addf(b, "(%s)", e->name);
		text_of(e->a, b, depth + 1);
		break;
	case CFX_SIZEOF:
		sbuf_adds(b, "sizeof(...)");
		break;
	default:
		sbuf_adds(b, "...");
		break;
	}
}

static const char *etext(struct run *r, const struct cflow_expr *e)
{
	struct sbuf b = {0};
	text_of(e, &b, 0);
	char *s = sbuf_take(&b);
	if (strlen(s) > TEXT_MAX + 10)
		strcpy(s + TEXT_MAX, "...");
	return keep(r, s);
}

/* ---- paths ---- */

struct pathtab {
	char **name;   /* owned */
	int *parent;   /* id of the prefix path, or -1 */
	const char **type; /* roots: the declared type ("" unknown) */
	char *param;       /* roots: 1 for a parameter of the function */
	char *haskids;     /* some longer path has this one as its prefix */
	const char **from; /* roots: the function a call assigned it from (v = f(...)), or NULL */
	int (*sized)[4];   /* variables whose length (strlen(v)) the call that gave this path
			    * its value was passed (dst = malloc(strlen(a) + 1)); -1 */
	int *copy_of;      /* roots: the variable this one holds an exact copy of (strcpy(v, a),
			    * v = strdup(a)), or -1: strlen(v) measures it too */
	char *isbuf;       /* a copy or a source wrote into what this path points to: it is a
			    * buffer (or a pointer to one), whatever its unseen declaration */
	int *alias;        /* roots: a pointer variable set to point to an object (char *p =
			    * g.buf): that object's path, or -1 */
	size_t n, cap;
	int *slots;    /* open addressing: id + 1, 0 empty */
	size_t nslots;
};

static int path_find(struct pathtab *t, const char *s, int add, int parent)
{
	if (t->nslots == 0 || (t->n + 1) * 2 > t->nslots) {
		size_t ns = t->nslots ? t->nslots * 2 : 256;
		int *slots = xcalloc(ns, sizeof *slots);
		for (size_t i = 0; i < t->n; i++) {
			size_t h = hash_str(7, t->name[i]) & (ns - 1);
			while (slots[h])
				h = (h + 1) & (ns - 1);
			slots[h] = (int)i + 1;
		}
		free(t->slots);
		t->slots = slots;
		t->nslots = ns;
	}
	size_t h = hash_str(7, s) & (t->nslots - 1);
	while (t->slots[h]) {
		int id = t->slots[h] - 1;
		if (strcmp(t->name[id], s) == 0)
			return id;
		h = (h + 1) & (t->nslots - 1);
	}
	if (!add)
		return -1;
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->name = xrealloc(t->name, t->cap * sizeof *t->name);
		t->parent = xrealloc(t->parent, t->cap * sizeof *t->parent);
		t->type = xrealloc(t->type, t->cap * sizeof *t->type);
		t->param = xrealloc(t->param, t->cap * sizeof *t->param);
		t->haskids = xrealloc(t->haskids, t->cap * sizeof *t->haskids);
		t->from = xrealloc(t->from, t->cap * sizeof *t->from);
		t->sized = xrealloc(t->sized, t->cap * sizeof *t->sized);
		t->copy_of = xrealloc(t->copy_of, t->cap * sizeof *t->copy_of);
		t->isbuf = xrealloc(t->isbuf, t->cap * sizeof *t->isbuf);
		t->alias = xrealloc(t->alias, t->cap * sizeof *t->alias);
	}
	t->from[t->n] = NULL;
	for (int k = 0; k < 4; k++)
		t->sized[t->n][k] = -1;
	t->copy_of[t->n] = -1;
	t->isbuf[t->n] = 0;
	t->alias[t->n] = -1;
	t->param[t->n] = 0;
	t->haskids[t->n] = 0;
	if (parent >= 0)
		t->haskids[parent] = 1;
	t->name[t->n] = xstrdup(s);
	t->parent[t->n] = parent;
	t->type[t->n] = "";
	t->slots[h] = (int)t->n + 1;
	return (int)t->n++;
}

static void pathtab_free(struct pathtab *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->name[i]);
	free(t->name);
	free(t->parent);
	free(t->type);
	free(t->param);
	free(t->haskids);
	free(t->from);
	free(t->sized);
	free(t->copy_of);
	free(t->isbuf);
	free(t->alias);
	free(t->slots);
	memset(t, 0, sizeof *t);
}

static int root_of(const struct pathtab *t, int id)
{
	while (id >= 0 && t->parent[id] >= 0)
		id = t->parent[id];
	return id;
}

/* ---- states ---- */

struct ent {
	int id;
	struct tval v;
};

struct state {
	struct ent *v;
	size_t n, cap;
	int dead; /* unreachable */
};

static void st_free(struct state *s)
{
	free(s->v);
	memset(s, 0, sizeof *s);
}

static struct state st_copy(const struct state *s)
{
	struct state c = {0};
	c.dead = s->dead;
	c.n = c.cap = s->n;
	if (s->n) {
		c.v = xmalloc(s->n * sizeof *c.v);
		memcpy(c.v, s->v, s->n * sizeof *c.v);
	}
	return c;
}

static struct state st_dead(void)
{
	struct state s = {0};
	s.dead = 1;
	return s;
}

static size_t st_pos(const struct state *s, int id)
{
	size_t lo = 0, hi = s->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (s->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static struct ent *st_get(const struct state *s, int id)
{
	size_t p = st_pos(s, id);
	return p < s->n && s->v[p].id == id ? &s->v[p] : NULL;
}

static void st_put(struct state *s, int id, struct tval v)
{
	size_t p = st_pos(s, id);
	if (p < s->n && s->v[p].id == id) {
		s->v[p].v = v;
		return;
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->v = xrealloc(s->v, s->cap * sizeof *s->v);
	}
	memmove(&s->v[p + 1], &s->v[p], (s->n - p) * sizeof *s->v);
	s->v[p].id = id;
	s->v[p].v = v;
	s->n++;
}

static void st_del(struct state *s, int id)
{
	size_t p = st_pos(s, id);
	if (p < s->n && s->v[p].id == id) {
		memmove(&s->v[p], &s->v[p + 1], (s->n - p - 1) * sizeof *s->v);
		s->n--;
	}
}

/* a = a joined with b (b unchanged). A path missing on one side reads as
 * its prefix there, so entries are joined with the other side's read. */
static struct tval st_read(const struct pathtab *pt, const struct state *s, int id, int deep);

static void st_join_into(const struct pathtab *pt, struct state *a, const struct state *b)
{
	if (b->dead)
		return;
	if (a->dead) {
		st_free(a);
		*a = st_copy(b);
		return;
	}
	struct state out = {0};
	out.cap = a->n + b->n;
	out.v = xmalloc((out.cap ? out.cap : 1) * sizeof *out.v);
	size_t i = 0, j = 0;
	while (i < a->n || j < b->n) {
		struct ent e;
		/* Entries missing on one side read as their prefix there (a root
		 * without an entry is clean: no lookup). */
		if (j >= b->n || (i < a->n && a->v[i].id < b->v[j].id)) {
			e = a->v[i++];
			if (pt->parent[e.id] >= 0)
				e.v = tv_join(e.v, st_read(pt, b, e.id, 0));
		} else if (i >= a->n || b->v[j].id < a->v[i].id) {
			e = b->v[j++];
			if (pt->parent[e.id] >= 0)
				e.v = tv_join(st_read(pt, a, e.id, 0), e.v);
		} else {
			e = a->v[i++];
			const struct tval *bv = &b->v[j++].v;
			if (memcmp(&e.v, bv, sizeof *bv) != 0)
				e.v = tv_join(e.v, *bv);
		}
		out.v[out.n++] = e;
	}
	st_free(a);
	*a = out;
}

static int is_under(const struct pathtab *pt, int id, int anc);

/* Remove the entries of every path below id (one pass). */
static void st_drop_under(const struct pathtab *pt, struct state *s, int id)
{
	if (!pt->haskids[id])
		return;
	size_t k = 0;
	for (size_t i = 0; i < s->n; i++)
		if (!is_under(pt, s->v[i].id, id))
			s->v[k++] = s->v[i];
	s->n = k;
}

static int st_same(const struct state *a, const struct state *b)
{
	if (a->dead != b->dead || a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++)
		if (a->v[i].id != b->v[i].id || !tv_same(&a->v[i].v, &b->v[i].v))
			return 0;
	return 1;
}

static int is_under(const struct pathtab *pt, int id, int anc)
{
	for (int p = pt->parent[id]; p >= 0; p = pt->parent[p])
		if (p == anc)
			return 1;
	return 0;
}

/* The value at a path: its longest present prefix; deep: joined with
 * everything stored below it (reading a whole struct or buffer). */
static struct tval st_read(const struct pathtab *pt, const struct state *s, int id, int deep)
{
	struct tval v = CLEAN;
	for (int p = id; p >= 0; p = pt->parent[p]) {
		struct ent *e = st_get(s, p);
		if (e) {
			v = e->v;
			if (pt->param[p] && pt->parent[p] < 0 && (v.orig & ~ORIG_SRC))
				v.psuf = pt->name[id] + strlen(pt->name[p]);
			break;
		}
	}
	if (deep && pt->haskids[id])
		for (size_t i = 0; i < s->n; i++)
			if (s->v[i].v.orig && is_under(pt, s->v[i].id, id))
				v = tv_join(v, s->v[i].v);
	return v;
}

/* ---- functions and summaries ---- */

struct sum_sink {
	int param;
	const char *suffix; /* the part of the parameter's object that reached the sink */
	int hops;           /* calls between the parameter and the sink */
	unsigned line, col;
	const char *callee, *name;
	struct flow_step *steps; /* from the parameter to the sink (owned) */
	size_t nsteps;
	const char *ownlen;      /* an own-length index (B->payload[B->len]): the field, or NULL */
	int dest_param;          /* a copy into parameter dest_param itself, or -1 */
	const char *dest_global; /* a copy into this file-scope object ("g.buf"), or NULL */
};

/* A function writes data of origins `orig` into parameter `param`'s
 * pointee at `suffix` ("" for the whole object, ".len" for a field). */
struct out_write {
	int param;
	char *suffix;
	taint_mask orig;
	unsigned flags; /* bounded/validated as written */
};

struct func_info {
	const struct cflow_func *f;
	int state; /* 0 not yet, 1 in progress, 2 done */
	taint_mask src_params; /* parameters that are sources */
	const char *src_desc;
	/* summary */
	taint_mask ret_orig;
	unsigned ret_flags;
	int ret_any;
	const char *ret_src;
	struct out_write *outs; /* what the function writes through its parameters */
	size_t nouts;
	struct sum_sink *sinks;
	size_t nsinks, capsinks;
};

struct ctlctx {
	int is_loop;
	struct state brk, cont;
	struct ctlctx *up;
};

struct labelst {
	const char *name;
	struct state st;
};

/* One function being analysed. */
struct fx {
	struct run *r;
	struct func_info *fi;
	struct pathtab pt;
	struct ctlctx *ctl;
	struct labelst *labels;
	size_t nlabels;
	struct state end; /* joined states at returns */
	long budget;      /* statements left before loops stop iterating */
	int pure;         /* > 0: evaluate without writes or reports */
	int index_use;    /* > 0: the element being indexed is written, called or
			   * has its address taken (not just read) */
};

static struct func_info *find_func(struct run *r, const char *name)
{
	if (!name || !*name)
		return NULL;
	size_t lo = 0, hi = r->nfuncs;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strcmp(r->fi[r->byname[mid]].f->name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < r->nfuncs && strcmp(r->fi[r->byname[lo]].f->name, name) == 0)
		return &r->fi[r->byname[lo]];
	return NULL;
}

/* Sort r->byname by name (stable: the first definition first). A merge
 * sort, because qsort has no context argument and runs share no state. */
static void sort_byname(struct run *r)
{
	size_t n = r->nfuncs;
	size_t *tmp = xcalloc(n ? n : 1, sizeof *tmp);
	for (size_t w = 1; w < n; w *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * w) {
			size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
			size_t i = lo, j = mid, k = lo;
			while (i < mid && j < hi)
				tmp[k++] = strcmp(r->fi[r->byname[j]].f->name, r->fi[r->byname[i]].f->name) < 0
						   ? r->byname[j++]
						   : r->byname[i++];
			while (i < mid)
				tmp[k++] = r->byname[i++];
			while (j < hi)
				tmp[k++] = r->byname[j++];
		}
		memcpy(r->byname, tmp, n * sizeof *tmp);
	}
	free(tmp);
}

static int path_of(struct fx *x, const struct cflow_expr *e, int add)
{
	if (!e)
		return -1;
	switch (e->kind) {
	case CFX_NAME:
		return path_find(&x->pt, e->name, add, -1);
	case CFX_MEMBER: {
		int base = path_of(x, e->a, add);
		if (base < 0)
			return -1;
		char *s = xasprintf("%s.%s", x->pt.name[base], e->name);
		int id = path_find(&x->pt, s, add, base);
		free(s);
		return id;
	}
	case CFX_INDEX:
	case CFX_CAST:
		return path_of(x, e->a, add);
	case CFX_UNARY:
		if (!strcmp(e->op, "*") || !strcmp(e->op, "&") || !strncmp(e->op, "post", 4) ||
		    !strcmp(e->op, "++") || !strcmp(e->op, "--"))
			return path_of(x, e->a, add);
		return -1;
	case CFX_BINARY:
		/* buf + off: the buffer (pointer arithmetic keeps the object). */
		if (!strcmp(e->op, "+") || !strcmp(e->op, "-")) {
			int p = path_of(x, e->a, add);
			return p;
		}
		return -1;
	default:
		return -1;
	}
}

/* The id of a dotted path ("a.b.c"), interning its prefixes. */
static int path_intern(struct fx *x, const char *full)
{
	int id = -1;
	const char *p = full;
	for (;;) {
		const char *dot = strchr(p, '.');
		size_t len = dot ? (size_t)(dot - full) : strlen(full);
		char *pre = xstrndup(full, len);
		id = path_find(&x->pt, pre, 1, id);
		free(pre);
		if (!dot)
			return id;
		p = dot + 1;
	}
}

/* Is e a variable declared as a pointer or an array (of this function)? */
static int is_pointer_var(struct fx *x, const struct cflow_expr *e)
{
	while (e && e->kind == CFX_CAST)
		e = e->a;
	if (!e || e->kind != CFX_NAME)
		return 0;
	int id = path_find(&x->pt, e->name, 0, -1);
	if (id < 0)
		return 0;
	const char *t = x->pt.type[id];
	return strchr(t, '*') || strchr(t, '[');
}

/* Has a copy or a source written into what e (a variable or a member)
 * points to in this function: is it known to be a buffer? */
static int is_buffer_path(struct fx *x, const struct cflow_expr *e)
{
	int id = path_of(x, e, 0);
	return id >= 0 && x->pt.isbuf[id];
}

/* Is e (as far as this function tells) a pointer: a pointer or array
 * variable, &x, a string, p + n, a cast to a pointer, a variable or member
 * a copy wrote into (memcpy(s->hdr, ...))? An unknown function's result is
 * not taken to carry the data such an argument points to (write(fd, buf, n)
 * returns no byte of buf). */
static int is_pointer_expr(struct fx *x, const struct cflow_expr *e)
{
	if (!e)
		return 0;
	switch (e->kind) {
	case CFX_CAST:
		return strchr(e->name, '*') != NULL || is_pointer_expr(x, e->a);
	case CFX_UNARY:
		return !strcmp(e->op, "&");
	case CFX_STR:
		return 1;
	case CFX_NAME:
		return is_pointer_var(x, e) || is_buffer_path(x, e);
	case CFX_MEMBER:
		return is_buffer_path(x, e);
	case CFX_BINARY:
		return (!strcmp(e->op, "+") || !strcmp(e->op, "-")) && is_pointer_expr(x, e->a) &&
		       !is_pointer_expr(x, e->b);
	default:
		return 0;
	}
}

/* The object a buffer expression denotes: a variable or member as such
 * (not buf + n, not an element), through a pointer variable set to point
 * to it; -1 when it is not that simple. */
static int object_of(struct fx *x, const struct cflow_expr *e)
{
	while (e && e->kind == CFX_CAST)
		e = e->a;
	if (!e || (e->kind != CFX_NAME && e->kind != CFX_MEMBER))
		return -1;
	int id = path_of(x, e, 1);
	if (id >= 0 && x->pt.parent[id] < 0 && x->pt.alias[id] >= 0)
		id = x->pt.alias[id];
	return id;
}

static int same_object(struct fx *x, const struct cflow_expr *a, const struct cflow_expr *b)
{
	int ia = object_of(x, a);
	return ia >= 0 && ia == object_of(x, b);
}

/* A name the function neither declares nor has as a parameter: file scope. */
static int is_global_root(struct fx *x, int id)
{
	return id >= 0 && x->pt.parent[id] < 0 && !x->pt.param[id] && !*x->pt.type[id];
}

/* A member, or a name this function does not declare: its type is not
 * known here (it may be an array). */
static int untyped_operand(struct fx *x, const struct cflow_expr *e)
{
	while (e && e->kind == CFX_CAST)
		e = e->a;
	if (!e)
		return 0;
	if (e->kind == CFX_MEMBER)
		return 1;
	if (e->kind != CFX_NAME)
		return 0;
	int id = path_find(&x->pt, e->name, 0, -1);
	return id < 0 || is_global_root(x, id);
}

/* Variable id is assigned (op "=") or changed (op "+=", "++"...): a pointer
 * variable set to a plain object (p = g.buf) points to that object from
 * now on, until it changes. */
static void note_alias(struct fx *x, int id, const char *op, const struct cflow_expr *rhs)
{
	if (id < 0 || x->pt.parent[id] >= 0)
		return;
	x->pt.alias[id] = -1;
	if (strcmp(op, "=") != 0 || !strchr(x->pt.type[id], '*'))
		return;
	int obj = object_of(x, rhs);
	if (obj >= 0 && root_of(&x->pt, obj) != id)
		x->pt.alias[id] = obj;
}

/* ---- reporting ---- */

static int seen_report(struct run *r, unsigned line, unsigned col)
{
	uint64_t k = (uint64_t)line << 32 | col;
	for (size_t i = 0; i < r->nrep; i++)
		if (r->reported[i] == k)
			return 1;
	if (r->nrep == r->caprep) {
		r->caprep = r->caprep ? r->caprep * 2 : 16;
		r->reported = xrealloc(r->reported, r->caprep * sizeof *r->reported);
	}
	r->reported[r->nrep++] = k;
	return 0;
}

/* The chain of steps ending at `last`, oldest first (new array of copies
 * that borrow the messages). */
static struct flow_step *chain(struct run *r, int last, size_t *n)
{
	size_t k = 0;
	for (int s = last; s >= 0 && k < 10000; s = r->steps[s].prev)
		k++;
	struct flow_step *v = xcalloc(k ? k : 1, sizeof *v);
	size_t i = k;
	for (int s = last; s >= 0 && i > 0; s = r->steps[s].prev)
		v[--i] = r->steps[s].s;
	*n = k;
	return v;
}

static void emit(struct run *r, unsigned line, unsigned col, unsigned end_line, unsigned end_col,
		 const char *callee, const char *name, const char *src, struct flow_step *steps,
		 size_t nsteps)
{
	if (seen_report(r, line, col))
		return;
	struct taint_hit h = {line, col, end_line, end_col, callee, name, src ? src : "untrusted input",
			      steps, nsteps};
	r->fn(&h, r->ud);
}

static int sanitized(const struct fx *x, const struct tval *v)
{
	return (v->flags & TV_VALID) || (x->r->cfg->bounds_check && (v->flags & TV_BOUNDED));
}

/* A new entry of fi's summary: parameter k reaches the sink at line:col
 * (param, line and col set, the rest for the caller to fill), or NULL when
 * the summary has it already. The array may move. */
static struct sum_sink *sum_sink_new(struct func_info *fi, int k, unsigned line, unsigned col)
{
	for (size_t i = 0; i < fi->nsinks; i++)
		if (fi->sinks[i].param == k && fi->sinks[i].line == line && fi->sinks[i].col == col)
			return NULL;
	if (fi->nsinks == fi->capsinks) {
		fi->capsinks = fi->capsinks ? fi->capsinks * 2 : 4;
		fi->sinks = xrealloc(fi->sinks, fi->capsinks * sizeof *fi->sinks);
	}
	struct sum_sink *s = &fi->sinks[fi->nsinks++];
	memset(s, 0, sizeof *s);
	s->param = k;
	s->line = line;
	s->col = col;
	return s;
}

/* What a sink's summary entry needs besides the value, for the callers:
 * the destination of a copy (copying a buffer into itself is no overflow)
 * and the field of an own-length index (see own_length_index). */
struct sink_extra {
	const struct cflow_expr *dest;
	const char *ownlen;
};

/* Where a copy's destination is, for the summary: a parameter itself, or a
 * file-scope object. */
static void sum_dest(struct fx *x, struct sum_sink *s, const struct cflow_expr *dest)
{
	s->dest_param = -1;
	s->dest_global = NULL;
	int id = dest ? object_of(x, dest) : -1;
	if (id < 0)
		return;
	if (is_global_root(x, root_of(&x->pt, id))) {
		s->dest_global = keep(x->r, xstrdup(x->pt.name[id]));
		return;
	}
	if (!x->pt.param[id])
		return;
	const struct cflow_func *f = x->fi->f;
	for (size_t k = 0; k < f->nparams && k < MAX_PARAMS; k++)
		if (!strcmp(f->params[k].name, x->pt.name[id]))
			s->dest_param = (int)k;
}

/* A value reaches a sink at expression `at` (the sink's call or index). */
static void at_sink(struct fx *x, const struct tval *v, const struct cflow_expr *at,
		    const struct cflow_expr *arg, const char *callee, const char *what,
		    const struct sink_extra *ex)
{
	if (!v->orig || sanitized(x, v) || x->pure)
		return;
	struct run *r = x->r;
	const char *name = etext(r, arg);
	int last = step_new(r, v->step, at, xasprintf("'%s' reaches %s", name, what));
	if (v->orig & ORIG_SRC) {
		size_t n;
		struct flow_step *st = chain(r, last, &n);
		emit(r, at->line, at->col, at->end_line, at->end_col, callee, name, v->src, st, n);
		free(st);
	}
	for (int k = 0; k < MAX_PARAMS; k++) {
		if (!mask_has(v->orig, (size_t)k + 1))
			continue;
		struct sum_sink *s = sum_sink_new(x->fi, k, at->line, at->col);
		if (!s)
			continue;
		s->suffix = keep(r, xstrdup(v->psuf ? v->psuf : ""));
		s->hops = 0;
		s->callee = callee;
		s->name = name;
		s->steps = chain(r, last, &s->nsteps);
		s->ownlen = ex ? ex->ownlen : NULL;
		sum_dest(x, s, ex ? ex->dest : NULL);
	}
}

/* ---- expressions ---- */

static struct tval eval(struct fx *x, struct state *s, const struct cflow_expr *e);
static void refine(struct fx *x, struct state *s, const struct cflow_expr *c, int truth);
static const struct taint_sanitizer *find_sanitizer(struct run *r, const char *name);
static void validate_call(struct fx *x, struct state *s, const struct cflow_expr *c);

static struct tval with_step(struct fx *x, struct tval v, const struct cflow_expr *at, char *msg)
{
	if (!v.orig) {
		free(msg);
		return v;
	}
	v.step = step_new(x->r, v.step, at, msg);
	return v;
}

/* Add root to the set out[0..4) (-1: empty slots), when there is room. */
static void add_root(int *out, int root)
{
	for (int k = 0; root >= 0 && k < 4; k++)
		if (out[k] < 0 || out[k] == root) {
			out[k] = root;
			return;
		}
}

/* The variables whose length (a call of a `returns: bounded` sanitizer such
 * as strlen) appears in e, into out[0..4). */
static void length_roots(struct fx *x, const struct cflow_expr *e, int *out, int depth)
{
	if (!e || depth > 16)
		return;
	if (e->kind == CFX_CALL) {
		const struct taint_sanitizer *san = find_sanitizer(x->r, e->name);
		if (san && san->returns_bounded && e->nargs) {
			int p = path_of(x, e->args[0], 0);
			int root = p >= 0 ? root_of(&x->pt, p) : -1;
			add_root(out, root);
			/* strlen(copy) measures what it is an exact copy of. */
			if (root >= 0)
				add_root(out, x->pt.copy_of[root]);
			return;
		}
		for (size_t i = 0; i < e->nargs; i++)
			length_roots(x, e->args[i], out, depth + 1);
		return;
	}
	length_roots(x, e->a, out, depth + 1);
	length_roots(x, e->b, out, depth + 1);
	length_roots(x, e->c, out, depth + 1);
}

/* The root of the string an exact-copy propagator (writes: copy) copies
 * into argument `to` of call c (to < 0: into its result), or -1. */
static int copy_source(struct fx *x, const struct cflow_expr *c, int to)
{
	const struct taint_config *cfg = x->r->cfg;
	if (c->a && c->a->kind != CFX_NAME)
		return -1; /* ops->copy(...) is not strcpy() */
	for (size_t k = 0; k < cfg->nprops; k++) {
		const struct taint_propagator *p = &cfg->props[k];
		if (p->writes != TWR_COPY || !taint_names_has(&p->names, c->name))
			continue;
		taint_mask m = to < 0 ? p->ret_from : (mask_has(p->to, (size_t)to) ? p->from : 0);
		if (!m || (m & (m - 1)) || p->from_from >= 0)
			continue; /* one source string, or no exact copy */
		size_t i = 0;
		while (!mask_has(m, i))
			i++;
		int id = i < c->nargs ? object_of(x, c->args[i]) : -1;
		return id >= 0 ? root_of(&x->pt, id) : -1;
	}
	return -1;
}

/* The path an allocation is stored to or a copy writes into: a variable,
 * a member, or what a pointer points to (*pos, *pos++); -1 otherwise. */
static int alloc_path(struct fx *x, const struct cflow_expr *e, int add)
{
	for (;;) {
		while (e && e->kind == CFX_CAST)
			e = e->a;
		if (!e || e->kind != CFX_UNARY || !(!strcmp(e->op, "*") || !strcmp(e->op, "post++") ||
						     !strcmp(e->op, "post--") || !strcmp(e->op, "++") ||
						     !strcmp(e->op, "--")))
			break;
		e = e->a;
	}
	if (!e || (e->kind != CFX_NAME && e->kind != CFX_MEMBER))
		return -1;
	return path_of(x, e, add);
}

/* The variables and members a size expression of an allocation is built
 * from (malloc(n + 1), calloc(hdr->count, sizeof *p)), into out[0..4): a
 * buffer allocated for n bytes takes a read of n bytes. */
static void size_paths(struct fx *x, const struct cflow_expr *e, int *out, int depth)
{
	while (e && e->kind == CFX_CAST)
		e = e->a;
	if (!e || depth > 16)
		return;
	if (e->kind == CFX_NAME || e->kind == CFX_MEMBER) {
		add_root(out, path_of(x, e, 1));
	} else if (e->kind == CFX_BINARY && (!strcmp(e->op, "+") || !strcmp(e->op, "*"))) {
		size_paths(x, e->a, out, depth + 1);
		size_paths(x, e->b, out, depth + 1);
	}
}

/* Remember that path id got the result of a call (fp = fopen(...)), the
 * lengths that call was given (dst = malloc(strlen(src) + 1); for an
 * allocator also the variables of its size, dst = malloc(n + 1)), and which
 * string it is an exact copy of (dst = strdup(src)). */
static void note_from(struct fx *x, int id, const struct cflow_expr *e)
{
	while (e && e->kind == CFX_CAST)
		e = e->a;
	if (id < 0)
		return;
	for (int k = 0; k < 4; k++)
		x->pt.sized[id][k] = -1;
	x->pt.copy_of[id] = -1;
	if (e && e->kind == CFX_CALL && *e->name) {
		x->pt.from[id] = e->name;
		int alloc = strstr(e->name, "alloc") || strstr(e->name, "Alloc");
		for (size_t i = 0; i < e->nargs; i++) {
			length_roots(x, e->args[i], x->pt.sized[id], 0);
			if (alloc)
				size_paths(x, e->args[i], x->pt.sized[id], 0);
		}
		x->pt.copy_of[id] = copy_source(x, e, -1);
	}
}

/* Is e (a variable, p + n, &p[i], a cast of them) a place in what a local
 * pointer variable points to: memory the function allocated or aimed
 * somewhere, of a size the analysis does not know (not an array it declares,
 * a parameter, a member or a file-scope buffer)? */
static int local_pointer_base(struct fx *x, const struct cflow_expr *e)
{
	for (int depth = 0; e && depth < 16; depth++) {
		if (e->kind == CFX_CAST)
			e = e->a;
		else if (e->kind == CFX_BINARY && (!strcmp(e->op, "+") || !strcmp(e->op, "-")))
			e = e->a;
		else if (e->kind == CFX_UNARY && !strcmp(e->op, "&") && e->a && e->a->kind == CFX_INDEX)
			e = e->a->a;
		else
			break;
	}
	if (!e || e->kind != CFX_NAME)
		return 0;
	int id = path_find(&x->pt, e->name, 0, -1);
	return id >= 0 && !x->pt.param[id] && strchr(x->pt.type[id], '*') && !strchr(x->pt.type[id], '[');
}

/* Was the destination (a variable, a member, *pos) allocated for src's
 * length? */
static int sized_for(struct fx *x, const struct cflow_expr *dst, const struct cflow_expr *src)
{
	int d = alloc_path(x, dst, 0), p = path_of(x, src, 0);
	int root = p >= 0 ? root_of(&x->pt, p) : -1;
	if (d < 0 || root < 0)
		return 0;
	for (int k = 0; k < 4; k++)
		if (x->pt.sized[d][k] == root || x->pt.sized[d][k] == p)
			return 1;
	return 0;
}

static int is_param_name(struct fx *x, const char *name)
{
	int id = path_find(&x->pt, name, 0, -1);
	return id >= 0 && x->pt.param[id];
}

/* Write v to the path of lhs. Element writes (a[i], *p) join. */
static void assign(struct fx *x, struct state *s, const struct cflow_expr *lhs, struct tval v,
		   int weak)
{
	const struct cflow_expr *l = lhs;
	while (l && l->kind == CFX_CAST)
		l = l->a;
	if (x->pure)
		return;
	/* *out = v through a pointer parameter replaces what it points to (the
	 * pointer itself is not data); other element writes join. */
	int deref_param = l && l->kind == CFX_UNARY && !strcmp(l->op, "*") && l->a &&
			  l->a->kind == CFX_NAME && is_param_name(x, l->a->name);
	if (!deref_param && l &&
	    (l->kind == CFX_INDEX || (l->kind == CFX_UNARY && !strcmp(l->op, "*"))))
		weak = 1;
	int id = path_of(x, l, 1);
	if (id < 0)
		return;
	if (weak) {
		if (!v.orig)
			return;
		v = tv_join(st_read(&x->pt, s, id, 0), v);
		st_put(s, id, v);
		return;
	}
	st_drop_under(&x->pt, s, id);
	/* A clean write of a plain name needs no entry unless a prefix has one;
	 * member paths keep it (it hides a field source). */
	if (!v.orig && x->pt.parent[id] < 0) {
		st_del(s, id);
		return;
	}
	st_put(s, id, v);
}

static const struct role *role_of(struct run *r, const char *name)
{
	static const struct role none = {NULL, 0, 0, 0, -1};
	if (!name || !*name)
		return &none;
	if ((r->nroles + 1) * 2 > r->caproles) {
		size_t nc = r->caproles ? r->caproles * 2 : 64;
		struct role *nv = xcalloc(nc, sizeof *nv);
		for (size_t i = 0; i < r->caproles; i++) {
			if (!r->roles[i].name)
				continue;
			size_t h = hash_str(3, r->roles[i].name) & (nc - 1);
			while (nv[h].name)
				h = (h + 1) & (nc - 1);
			nv[h] = r->roles[i];
		}
		free(r->roles);
		r->roles = nv;
		r->caproles = nc;
	}
	size_t h = hash_str(3, name) & (r->caproles - 1);
	while (r->roles[h].name) {
		if (strcmp(r->roles[h].name, name) == 0)
			return &r->roles[h];
		h = (h + 1) & (r->caproles - 1);
	}
	const struct taint_config *cfg = r->cfg;
	struct role *ro = &r->roles[h];
	ro->name = keep(r, xstrdup(name));
	ro->san = -1;
	for (size_t i = 0; i < cfg->nsinks && i < 64; i++)
		if (cfg->sinks[i].kind == TSNK_CALL && taint_names_has(&cfg->sinks[i].names, name))
			ro->sinks |= (uint64_t)1 << i;
	for (size_t i = 0; i < cfg->nprops && i < 64; i++)
		if (taint_names_has(&cfg->props[i].names, name))
			ro->props |= (uint64_t)1 << i;
	for (size_t i = 0; i < cfg->nsources && i < 64; i++)
		if (cfg->sources[i].kind == TSRC_CALL && taint_names_has(&cfg->sources[i].names, name))
			ro->srcs |= (uint64_t)1 << i;
	for (size_t i = 0; i < cfg->nsanitizers; i++)
		if (taint_names_has(&cfg->sanitizers[i].names, name)) {
			ro->san = (int)i;
			break;
		}
	r->nroles++;
	return ro;
}

/* Is entry k of a list (mask from role_of) a match for name? */
static int role_has(uint64_t mask, size_t k, const struct taint_names *names, const char *name)
{
	return k < 64 ? (int)(mask >> k & 1) : taint_names_has(names, name);
}

static const struct taint_sanitizer *find_sanitizer(struct run *r, const char *name)
{
	const struct role *ro = role_of(r, name);
	return ro->san >= 0 ? &r->cfg->sanitizers[ro->san] : NULL;
}

/* Is e a call of a function the configuration and the file say nothing of
 * (sinks aside): an allocator, a constructor, a lookup in another file? */
static int is_unknown_call(struct run *r, const struct cflow_expr *e)
{
	while (e && e->kind == CFX_CAST)
		e = e->a;
	if (!e || e->kind != CFX_CALL)
		return 0;
	const char *name = !e->a || e->a->kind == CFX_NAME ? e->name : "";
	const struct role ro = *role_of(r, name);
	const struct taint_config *cfg = r->cfg;
	if (ro.san >= 0)
		return 0;
	for (size_t k = 0; k < cfg->nprops; k++)
		if (role_has(ro.props, k, &cfg->props[k].names, name))
			return 0;
	for (size_t k = 0; k < cfg->nsources; k++)
		if (cfg->sources[k].kind == TSRC_CALL &&
		    role_has(ro.srcs, k, &cfg->sources[k].names, name))
			return 0;
	const struct func_info *fi = find_func(r, name);
	return !(fi && fi->state != 0);
}

static int ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);
	return n >= k && !strcmp(s + n - k, suf);
}

/* Does a member name say it holds a length (len, data_len, tot_len, size)? */
static int is_length_field(const char *f)
{
	return ends_with(f, "len") || ends_with(f, "length") || ends_with(f, "size");
}

/* Is member f the length of member g's data in the same structure: len,
 * length or size, or g's name with one of those (payload_len for payload)?
 * Not another length of it (tot_len: a whole chain's). */
static int is_own_length(const char *f, const char *g)
{
	if (!strcmp(f, "len") || !strcmp(f, "length") || !strcmp(f, "size"))
		return 1;
	size_t n = strlen(g);
	if (!n || strncmp(f, g, n) != 0)
		return 0;
	f += n;
	if (*f == '_')
		f++;
	return !strcmp(f, "len") || !strcmp(f, "length") || !strcmp(f, "size");
}

/* A field source for a member read, or CLEAN. */
static struct tval field_source(struct fx *x, const struct cflow_expr *e, int id)
{
	const struct taint_config *cfg = x->r->cfg;
	int root = id >= 0 ? root_of(&x->pt, id) : -1;
	const char *type = root >= 0 ? x->pt.type[root] : "";
	if (!*type)
		return CLEAN;
	for (size_t i = 0; i < cfg->nsources; i++) {
		const struct taint_source *src = &cfg->sources[i];
		if (src->kind != TSRC_FIELD || !src->fields)
			continue;
		int hit = 0;
		for (char **f = src->fields; *f; f++)
			if (strcmp(*f, e->name) == 0)
				hit = 1;
		if (!hit || !matcher_regex_test(src->type_re, type, strlen(type)))
			continue;
		struct tval v = {ORIG_SRC, is_length_field(e->name) ? TV_LENFIELD : 0u, -1, NULL, NULL};
		const char *t = etext(x->r, e);
		v.src = t;
		v.step = step_new(x->r, -1, e, xasprintf("'%s' holds untrusted data", t));
		return v;
	}
	return CLEAN;
}

static struct tval eval_call(struct fx *x, struct state *s, const struct cflow_expr *e);

static const struct cflow_expr *strip_casts(const struct cflow_expr *e)
{
	while (e && e->kind == CFX_CAST)
		e = e->a;
	return e;
}

/* B->payload[B->len] (or [B->len++], [B->len - 1]): a buffer indexed with
 * its own length field. Returns that field's name, or NULL. */
static const char *own_length_index(struct fx *x, const struct cflow_expr *at)
{
	const struct cflow_expr *i = strip_casts(at->b), *a = strip_casts(at->a);
	if (i && i->kind == CFX_UNARY && (!strcmp(i->op, "post++") || !strcmp(i->op, "post--") ||
					  !strcmp(i->op, "++") || !strcmp(i->op, "--")))
		i = strip_casts(i->a);
	else if (i && i->kind == CFX_BINARY && !strcmp(i->op, "-") && i->b && i->b->kind == CFX_NUM)
		i = strip_casts(i->a);
	if (!i || !a || i->kind != CFX_MEMBER || a->kind != CFX_MEMBER || !is_own_length(i->name, a->name))
		return NULL;
	int bi = path_of(x, i->a, 1), ba = path_of(x, a->a, 1);
	return bi >= 0 && bi == ba ? i->name : NULL;
}

/* Is the untrusted part of v the length field `field` as the network stack
 * filled it (a field source such as p->len, also after in = p), not a
 * length stored into it from the data? Such a length is that of the data
 * in its own buffer: indexing that buffer with it is no attacker's choice
 * (buf[p->len] into another array, q->payload[p->len], p->payload[p->tot_len]
 * and hdr->data[hdr->len] with hdr read from the data stay sinks). */
static int is_own_length_value(const struct tval *v, const char *field)
{
	if (!(v->orig & ORIG_SRC) || !(v->flags & TV_LENFIELD) || !v->src)
		return 0;
	const char *dot = strrchr(v->src, '.'), *arrow = strrchr(v->src, '>');
	const char *tail = dot > arrow ? dot : arrow;
	return tail && !strcmp(tail + 1, field);
}

/* An index sink. A read (v = tab[i]) is reported only for an index that
 * did not come through another function: reads far from the input are
 * mostly table lookups bounded by construction (decoders, hashes). Writes,
 * calls through and addresses of elements are always sinks. */
static void index_sink(struct fx *x, const struct tval *iv, const struct cflow_expr *at, int write)
{
	if (!x->r->index_sinks || (!write && ((iv->flags & TV_XFUN) || !(iv->orig & ORIG_SRC))))
		return;
	struct sink_extra ex = {NULL, own_length_index(x, at)};
	/* The field as read here is the stack's length of this buffer; a
	 * parameter's part of it is that same field (a caller that stored a
	 * length from the data into it is not seen). Without the source, the
	 * callers tell (see the summaries in eval_call). */
	if (ex.ownlen && is_own_length_value(iv, ex.ownlen))
		return;
	at_sink(x, iv, at, at->b, "[]", "an array index", &ex);
}

/* An all-capitals name (NULL, MAX_LEN, ARRAY_SIZE(x)) is a constant. */
static int is_const_name(const char *s)
{
	int letters = 0;
	for (; *s; s++) {
		if (*s >= 'a' && *s <= 'z')
			return 0;
		if (*s >= 'A' && *s <= 'Z')
			letters = 1;
	}
	return letters;
}

/* Loop-bound sinks in a loop condition: `i < n` with n untrusted and the
 * other side a variable (a counter), not a constant. */
static int has_path(const struct cflow_expr *e)
{
	if (!e)
		return 0;
	switch (e->kind) {
	case CFX_NAME:
		return !is_const_name(e->name);
	case CFX_MEMBER:
	case CFX_INDEX:
		return 1;
	case CFX_CALL:
		return 0;
	case CFX_NUM:
	case CFX_STR:
	case CFX_SIZEOF:
		return 0;
	default:
		return has_path(e->a) || has_path(e->b);
	}
}

static int is_upper_cmp(const char *op)
{
	return !strcmp(op, "<") || !strcmp(op, "<=") || !strcmp(op, ">") || !strcmp(op, ">=");
}


static void loop_bound_sinks(struct fx *x, struct state *s, const struct cflow_expr *c,
			     const struct cflow_expr *loop_at)
{
	if (!c)
		return;
	if (c->kind == CFX_BINARY && (!strcmp(c->op, "&&") || !strcmp(c->op, "||"))) {
		loop_bound_sinks(x, s, c->a, loop_at);
		loop_bound_sinks(x, s, c->b, loop_at);
		return;
	}
	if (c->kind != CFX_BINARY || !is_upper_cmp(c->op))
		return;
	if (!x->r->loop_sinks)
		return;
	/* Evaluate without side effects (the condition was evaluated). */
	x->pure++;
	struct tval va = eval(x, s, c->a), vb = eval(x, s, c->b);
	x->pure--;
	const struct cflow_expr *bound = NULL;
	struct tval bv = CLEAN;
	if (vb.orig && !sanitized(x, &vb) && !(va.orig & ORIG_SRC) && has_path(c->a)) {
		bound = c->b;
		bv = vb;
	} else if (va.orig && !sanitized(x, &va) && !(vb.orig & ORIG_SRC) && has_path(c->b)) {
		bound = c->a;
		bv = va;
	}
	/* pos < end walks a buffer: pointers bound the walk, not a count. */
	if (bound && !is_pointer_var(x, c->a) && !is_pointer_var(x, c->b))
		at_sink(x, &bv, c, bound, "loop", "a loop bound", NULL);
	(void)loop_at;
}

static struct tval eval(struct fx *x, struct state *s, const struct cflow_expr *e)
{
	if (!e || s->dead)
		return CLEAN;
	switch (e->kind) {
	case CFX_NUM:
	case CFX_STR:
	case CFX_SIZEOF:
		return CLEAN;
	case CFX_NAME: {
		int id = path_of(x, e, 0);
		return id < 0 ? CLEAN : st_read(&x->pt, s, id, 1);
	}
	case CFX_MEMBER: {
		/* The base first: index sinks in it (tab[i].n), calls. */
		struct tval bv = eval(x, s, e->a);
		int id = path_of(x, e, 1);
		if (id < 0)
			return bv;
		/* An explicit entry for the path (or a prefix) wins over a field source. */
		int present = 0;
		for (int p = id; p >= 0 && x->pt.parent[p] >= 0; p = x->pt.parent[p])
			if (st_get(s, p))
				present = 1;
		struct tval v = st_read(&x->pt, s, id, 1);
		if (!present)
			v = tv_join(v, field_source(x, e, id));
		return v;
	}
	case CFX_INDEX: {
		int write = x->index_use > 0;
		x->index_use = 0;
		struct tval iv = eval(x, s, e->b);
		index_sink(x, &iv, e, write);
		return eval(x, s, e->a);
	}
	case CFX_UNARY: {
		if (!strcmp(e->op, "&") && e->a && e->a->kind == CFX_INDEX)
			x->index_use = 1;
		struct tval v = eval(x, s, e->a);
		if (!strcmp(e->op, "!"))
			return CLEAN;
		if (e->a && e->a->kind == CFX_NAME && (strstr(e->op, "++") || strstr(e->op, "--")))
			note_alias(x, path_find(&x->pt, e->a->name, 0, -1), e->op, NULL);
		return v;
	}
	case CFX_CAST: {
		struct tval v = eval(x, s, e->a);
		/* (struct x *)f(n): a pointer from an unknown function is a new
		 * or looked-up object, not the data of its integer arguments. */
		if (strchr(e->name, '*') && is_unknown_call(x->r, e->a))
			return CLEAN;
		return v;
	}
	case CFX_COMMA:
		eval(x, s, e->a);
		return eval(x, s, e->b);
	case CFX_BINARY: {
		const char *op = e->op;
		struct tval a = eval(x, s, e->a), b = eval(x, s, e->b);
		if (!strcmp(op, "<") || !strcmp(op, ">") || !strcmp(op, "<=") || !strcmp(op, ">=") ||
		    !strcmp(op, "==") || !strcmp(op, "!=") || !strcmp(op, "&&") || !strcmp(op, "||"))
			return CLEAN;
		/* x & MASK and x % N are bounded by the trusted operand. */
		if ((!strcmp(op, "&") || !strcmp(op, "%")) && (!a.orig || !b.orig)) {
			struct tval v = a.orig ? a : b;
			if (v.orig)
				v.flags |= TV_BOUNDED;
			return v;
		}
		/* end - pos, sp2 - (sp1 + 1): two pointers into one buffer give an
		 * offset within it, bounded by the buffer whatever the data. A
		 * pointer minus a member or name of unknown type (end + 2 -
		 * hdr->v1.line) is taken as one too: as a number, a pointer less
		 * an integer makes no sense. */
		if (!strcmp(op, "-") && is_pointer_expr(x, e->a) &&
		    (is_pointer_expr(x, e->b) || untyped_operand(x, e->b))) {
			struct tval v = tv_join(a, b);
			if (v.orig)
				v.flags |= TV_BOUNDED;
			return v;
		}
		return tv_join(a, b);
	}
	case CFX_ASSIGN: {
		/* What a variable or member is set to; what a pointer points to
		 * only when a call gives it (*pos = malloc(...)), not for a byte
		 * written through it (*dst = 0 keeps dst's allocation). */
		const struct cflow_expr *lhs = strip_casts(e->a), *rhs = strip_casts(e->b);
		if (lhs && (lhs->kind != CFX_UNARY || (rhs && rhs->kind == CFX_CALL)))
			note_from(x, alloc_path(x, e->a, 1), e->b);
		if (e->a && e->a->kind == CFX_NAME)
			note_alias(x, path_find(&x->pt, e->a->name, 1, -1), e->op, e->b);
		struct tval v = eval(x, s, e->b);
		/* Index sinks on the left side (buf[i] = ..., tab[i].n = ...). */
		for (const struct cflow_expr *l = e->a; l;) {
			if (l->kind == CFX_INDEX) {
				struct tval iv = eval(x, s, l->b);
				index_sink(x, &iv, l, 1);
				l = l->a;
			} else if (l->kind == CFX_CAST || l->kind == CFX_MEMBER ||
				   (l->kind == CFX_UNARY && !strcmp(l->op, "*"))) {
				l = l->a;
			} else {
				break;
			}
		}
		if (!strcmp(e->op, "=") && is_pointer_var(x, e->a) && is_unknown_call(x->r, e->b))
			v = CLEAN; /* p = f(n): see CFX_CAST */
		if (strcmp(e->op, "=") != 0) {
			struct tval old = eval(x, s, e->a);
			if ((!strcmp(e->op, "&=") || !strcmp(e->op, "%=")) && old.orig && !v.orig)
				old.flags |= TV_BOUNDED;
			v = tv_join(old, v);
		}
		if (v.orig)
			v = with_step(x, v, e, xasprintf("'%s' is assigned untrusted data", etext(x->r, e->a)));
		assign(x, s, e->a, v, 0);
		return v;
	}
	case CFX_COND: {
		eval(x, s, e->a);
		struct state st = st_copy(s), sf = st_copy(s);
		refine(x, &st, e->a, 1);
		refine(x, &sf, e->a, 0);
		struct tval vb = eval(x, &st, e->b), vc = eval(x, &sf, e->c);
		st_free(&st);
		st_free(&sf);
		return tv_join(vb, vc);
	}
	case CFX_CALL:
		return eval_call(x, s, e);
	case CFX_INIT:
	case CFX_OTHER: {
		struct tval v = CLEAN;
		for (size_t i = 0; i < e->nargs; i++)
			v = tv_join(v, eval(x, s, e->args[i]));
		if (e->a)
			v = tv_join(v, eval(x, s, e->a));
		return v;
	}
	}
	return CLEAN;
}

static struct tval source_value(struct fx *x, const struct cflow_expr *call, const char *what,
				int bounded)
{
	struct tval v = {ORIG_SRC, bounded ? TV_BOUNDED : 0u, -1, NULL, NULL};
	v.src = keep(x->r, xasprintf("%s()", call->name));
	v.step = step_new(x->r, -1, call, xasprintf("%s() %s", call->name, what));
	return v;
}


/* A copy or a source wrote through argument e: when e is a variable or a
 * member as such (or buf + n), not &x, it is a buffer (is_pointer_expr). */
static void mark_buffer(struct fx *x, const struct cflow_expr *e)
{
	while (e && (e->kind == CFX_CAST || (e->kind == CFX_BINARY && (!strcmp(e->op, "+") ||
								       !strcmp(e->op, "-")))))
		e = e->a;
	if (e && (e->kind == CFX_NAME || e->kind == CFX_MEMBER)) {
		int id = path_of(x, e, 1);
		if (id >= 0)
			x->pt.isbuf[id] = 1;
	}
}

/* Propagator p of call e writes `from` into what argument i points to:
 * joined with what it held, or (writes: replace/copy, into the buffer
 * itself, not buf + n) instead of it. */
static void prop_write(struct fx *x, struct state *s, const struct taint_propagator *p,
		       const struct cflow_expr *e, size_t i, struct tval from)
{
	const struct cflow_expr *a = e->args[i];
	mark_buffer(x, a);
	int obj = object_of(x, a);
	int replaces = p->writes != TWR_JOIN && obj >= 0;
	if (obj >= 0 && x->pt.parent[obj] < 0 && !x->pure)
		x->pt.copy_of[obj] = replaces && p->writes == TWR_COPY ? copy_source(x, e, (int)i) : -1;
	if (!from.orig && !replaces)
		return;
	if (from.orig)
		from = with_step(x, from, e,
				 xasprintf("%s() copies untrusted data into '%s'", e->name, etext(x->r, a)));
	assign(x, s, a, from, !replaces);
}

/* Does the callee's copy sink sk, at call e, copy the argument into the
 * very buffer it is in (the caller passes the destination as the source:
 * tftp_err_oops(pkt, daemon->namebuff) copying `file` into
 * daemon->namebuff when it is not already there)? */
static int copies_into_itself(struct fx *x, const struct cflow_expr *e, const struct sum_sink *sk)
{
	const struct cflow_expr *src = e->args[sk->param];
	if (*sk->suffix)
		return 0;
	if (sk->dest_param >= 0 && (size_t)sk->dest_param < e->nargs)
		return same_object(x, e->args[sk->dest_param], src);
	int id = sk->dest_global ? object_of(x, src) : -1;
	return id >= 0 && is_global_root(x, root_of(&x->pt, id)) && !strcmp(x->pt.name[id], sk->dest_global);
}

/* Before a function is analysed: mark the buffers its copies and sources
 * write into, wherever in it they are (a loop may use one before the copy
 * that shows it is a buffer). */
static void premark_buffers(struct fx *x, const struct cflow_expr *e, int depth)
{
	if (!e || depth > 400)
		return;
	if (e->kind == CFX_CALL && (!e->a || e->a->kind == CFX_NAME)) {
		const struct taint_config *cfg = x->r->cfg;
		const struct role ro = *role_of(x->r, e->name);
		for (size_t k = 0; k < cfg->nprops; k++) {
			const struct taint_propagator *p = &cfg->props[k];
			if (role_has(ro.props, k, &p->names, e->name))
				for (size_t i = 0; i < e->nargs; i++)
					if (mask_has(p->to, i) || (p->to_from >= 0 && i >= (size_t)p->to_from))
						mark_buffer(x, e->args[i]);
		}
		for (size_t k = 0; k < cfg->nsources; k++) {
			const struct taint_source *src = &cfg->sources[k];
			if (src->kind == TSRC_CALL && role_has(ro.srcs, k, &src->names, e->name))
				for (size_t i = 0; i < e->nargs; i++)
					if (mask_has(src->out, i) || (src->out_from >= 0 && i >= (size_t)src->out_from))
						mark_buffer(x, e->args[i]);
		}
	}
	premark_buffers(x, e->a, depth + 1);
	premark_buffers(x, e->b, depth + 1);
	premark_buffers(x, e->c, depth + 1);
	for (size_t i = 0; i < e->nargs; i++)
		premark_buffers(x, e->args[i], depth + 1);
}

static void premark_stmt(struct fx *x, const struct cflow_stmt *st, int depth)
{
	if (!st || depth > 400)
		return;
	premark_buffers(x, st->e, depth + 1);
	premark_buffers(x, st->step, depth + 1);
	premark_stmt(x, st->init, depth + 1);
	premark_stmt(x, st->body, depth + 1);
	premark_stmt(x, st->els, depth + 1);
	for (size_t i = 0; i < st->nkids; i++)
		premark_stmt(x, st->kids[i], depth + 1);
}

static struct tval eval_call(struct fx *x, struct state *s, const struct cflow_expr *e)
{
	struct run *r = x->r;
	const struct taint_config *cfg = r->cfg;
	size_t n = e->nargs;
	struct tval *vals = xcalloc(n ? n : 1, sizeof *vals);
	if (e->a && e->a->kind != CFX_NAME) {
		if (e->a->kind == CFX_INDEX)
			x->index_use = 1;
		eval(x, s, e->a);
	}
	for (size_t i = 0; i < n; i++)
		vals[i] = eval(x, s, e->args[i]);
	/* ops->read(...) is not read(): only plain callees match names. */
	const char *name = !e->a || e->a->kind == CFX_NAME ? e->name : "";
	/* A copy: evaluating may add roles and move the memo. */
	const struct role ro_v = *role_of(r, name), *ro = &ro_v;
	struct tval result = CLEAN;
	int known = 0;

	/* Sinks. */
	for (size_t k = 0; k < cfg->nsinks; k++) {
		const struct taint_sink *sk = &cfg->sinks[k];
		if (sk->kind != TSNK_CALL || !role_has(ro->sinks, k, &sk->names, name))
			continue;
		char conv[64];
		int literal = sk->format >= 0 && (size_t)sk->format < n &&
			      e->args[sk->format]->kind == CFX_STR &&
			      util_format_conversions(e->args[sk->format]->name, conv, sizeof conv) >= 0;
		/* A format that is not a literal: what it converts is unknown. */
		if (sk->format >= 0 && !literal)
			continue;
		for (size_t i = 0; i < n; i++) {
			if (!mask_has(sk->args, i) && !(sk->arg_from >= 0 && i >= (size_t)sk->arg_from))
				continue;
			/* A destination allocated for this source's length, or the
			 * source's own buffer (strcpy(b, b) cannot overflow b). */
			if (sk->dest >= 0 && (size_t)sk->dest < n &&
			    (sized_for(x, e->args[sk->dest], e->args[i]) ||
			     same_object(x, e->args[sk->dest], e->args[i]) ||
			     (sk->fixed_dest && local_pointer_base(x, e->args[sk->dest]))))
				continue;
			/* A literal format: only what it converts with the listed letters. */
			if (literal && i > (size_t)sk->format) {
				size_t ci = i - (size_t)sk->format - 1;
				if (ci >= sizeof conv || !conv[ci] || !strchr(sk->conversions, conv[ci]))
					continue;
			}
			char *what = xasprintf("argument %zu of %s()", i + 1, name);
			struct sink_extra ex = {sk->dest >= 0 && (size_t)sk->dest < n ? e->args[sk->dest] : NULL,
						NULL};
			at_sink(x, &vals[i], e, e->args[i], name, what, &ex);
			free(what);
		}
	}
	/* Sanitizers. */
	const struct taint_sanitizer *san = find_sanitizer(r, name);
	if (san) {
		known = 1;
		for (size_t i = 0; i < n; i++)
			if (mask_has(san->cleans, i))
				assign(x, s, e->args[i], CLEAN, 0);
		if (!san->returns_clean) {
			for (size_t i = 0; i < n; i++)
				result = tv_join(result, vals[i]);
			if (san->returns_bounded && result.orig)
				result.flags |= TV_BOUNDED;
		}
	}
	/* Propagators. */
	for (size_t k = 0; k < cfg->nprops; k++) {
		const struct taint_propagator *p = &cfg->props[k];
		if (!role_has(ro->props, k, &p->names, name))
			continue;
		known = 1;
		struct tval from = CLEAN;
		for (size_t i = 0; i < n; i++)
			if (mask_has(p->from, i) || (p->from_from >= 0 && i >= (size_t)p->from_from))
				from = tv_join(from, vals[i]);
		for (size_t i = 0; i < n; i++) {
			if (mask_has(p->ret_from, i))
				result = tv_join(result, vals[i]);
			if (mask_has(p->to, i) || (p->to_from >= 0 && i >= (size_t)p->to_from))
				prop_write(x, s, p, e, i, from);
		}
	}
	/* Sources. */
	for (size_t k = 0; k < cfg->nsources; k++) {
		const struct taint_source *src = &cfg->sources[k];
		if (src->kind != TSRC_CALL || !role_has(ro->srcs, k, &src->names, name))
			continue;
		known = 1;
		/* only-if: the source only reads untrusted data when that argument
		 * (the stream or descriptor) matches, e.g. stdin or a socket. */
		if (src->if_re) {
			const struct cflow_expr *ia = src->if_arg >= 0 && (size_t)src->if_arg < n
							      ? e->args[src->if_arg]
							      : NULL;
			/* A string literal is matched with its quotes and contents. */
			const char *t = !ia ? ""
					: ia->kind == CFX_STR ? keep(r, xasprintf("\"%s\"", ia->name))
							      : etext(r, ia);
			if (!matcher_regex_test(src->if_re, t, strlen(t)))
				continue;
		}
		/* unless: the stream or descriptor was opened here by a function
		 * that opens local files (fp = fopen(path)): not input. */
		if (src->unless_arg >= 0 && (size_t)src->unless_arg < n) {
			const struct cflow_expr *a = e->args[src->unless_arg];
			while (a && a->kind == CFX_CAST)
				a = a->a;
			int id = a && a->kind == CFX_NAME ? path_find(&x->pt, a->name, 0, -1) : -1;
			if (id >= 0 && x->pt.from[id] && taint_names_has(&src->unless_from, x->pt.from[id]))
				continue;
		}
		for (size_t i = 0; i < n; i++) {
			if (!mask_has(src->out, i) && !(src->out_from >= 0 && i >= (size_t)src->out_from))
				continue;
			const char *t = etext(r, e->args[i]);
			if (*t == '&')
				t++;
			struct tval v = source_value(x, e, keep(r, xasprintf("writes untrusted data into '%s'", t)), 0);
			mark_buffer(x, e->args[i]);
			assign(x, s, e->args[i], v, 0);
		}
		if (src->ret != TRET_NONE)
			result = tv_join(result, source_value(x, e, "returns untrusted data",
							      src->ret == TRET_BOUNDED));
	}
	/* Functions of this file: their summaries. Not for a call with fewer
	 * arguments than the function has parameters: an argument is a macro
	 * that expands to several (f(CONST_STR_LEN("x"), v)), so they do not
	 * line up with the parameters. */
	struct func_info *fi = known ? NULL : find_func(r, name);
	if (fi && n < fi->f->nparams)
		fi = NULL;
	if (fi && fi->state != 0) {
		known = 1;
		/* A recursive call adds to the summary it reads: copy each entry
		 * (the array may move) and stop at the entries it had. */
		size_t nsum = fi->nsinks;
		for (size_t k = 0; k < nsum; k++) {
			const struct sum_sink skc = fi->sinks[k];
			const struct sum_sink *sk = &skc;
			if ((size_t)sk->param >= n)
				continue;
			struct tval v = vals[sk->param];
			/* Only the part of the argument the callee used (X->n), when known. */
			int base = *sk->suffix ? path_of(x, e->args[sk->param], 1) : -1;
			if (base >= 0) {
				char *full = xasprintf("%s%s", x->pt.name[base], sk->suffix);
				v = st_read(&x->pt, s, path_intern(x, full), 1);
				free(full);
			}
			/* An own-length index given that length as the stack filled it. */
			if (sk->ownlen && is_own_length_value(&v, sk->ownlen))
				v.orig &= ~ORIG_SRC;
			if (!v.orig || sanitized(x, &v) || sk->hops >= MAX_HOPS ||
			    copies_into_itself(x, e, sk))
				continue;
			int call_step = step_new(r, v.step, e->args[sk->param],
						 xasprintf("passed to %s() as argument %d", name, sk->param + 1));
			if (v.orig & ORIG_SRC) {
				size_t nc;
				struct flow_step *c = chain(r, call_step, &nc);
				struct flow_step *all = xcalloc(nc + sk->nsteps, sizeof *all);
				memcpy(all, c, nc * sizeof *c);
				memcpy(all + nc, sk->steps, sk->nsteps * sizeof *sk->steps);
				const struct flow_step *last = &sk->steps[sk->nsteps ? sk->nsteps - 1 : 0];
				if (sk->nsteps)
					emit(r, last->line, last->col, last->end_line, last->end_col, sk->callee,
					     sk->name, v.src, all, nc + sk->nsteps);
				free(all);
				free(c);
			}
			/* Caller's parameters reaching the callee's sink: the caller's summary. */
			for (int p = 0; p < MAX_PARAMS; p++) {
				if (!mask_has(v.orig, (size_t)p + 1))
					continue;
				struct sum_sink *ns = sum_sink_new(x->fi, p, sk->line, sk->col);
				if (!ns)
					continue;
				ns->suffix = keep(r, xstrdup(v.psuf ? v.psuf : ""));
				ns->hops = sk->hops + 1;
				ns->callee = sk->callee;
				ns->name = sk->name;
				ns->ownlen = sk->ownlen;
				sum_dest(x, ns, sk->dest_param >= 0 && (size_t)sk->dest_param < n
							? e->args[sk->dest_param]
							: NULL);
				if (!ns->dest_global)
					ns->dest_global = sk->dest_global;
				size_t nc;
				struct flow_step *c = chain(r, call_step, &nc);
				ns->steps = xcalloc(nc + sk->nsteps + 1, sizeof *ns->steps);
				memcpy(ns->steps, c, nc * sizeof *c);
				memcpy(ns->steps + nc, sk->steps, sk->nsteps * sizeof *sk->steps);
				ns->nsteps = nc + sk->nsteps;
				free(c);
			}
		}
		if (fi->ret_any) {
			for (size_t i = 0; i < n && i < MAX_PARAMS; i++)
				if (mask_has(fi->ret_orig, i + 1))
					result = tv_join(result, vals[i]);
			if (result.orig)
				result.flags |= fi->ret_flags | TV_XFUN;
			if (fi->ret_orig & ORIG_SRC) {
				struct tval v = {ORIG_SRC, fi->ret_flags | TV_XFUN, -1, fi->ret_src, NULL};
				v.step = step_new(r, -1, e,
						  xasprintf("%s() returns untrusted data from %s", name,
							    fi->ret_src ? fi->ret_src : "a source"));
				result = tv_join(result, v);
			}
		}
		for (size_t k = 0; k < fi->nouts; k++) {
			const struct out_write *w = &fi->outs[k];
			if ((size_t)w->param >= n)
				continue;
			struct tval v = CLEAN;
			for (size_t j = 0; j < n && j < MAX_PARAMS; j++)
				if ((int)j != w->param && mask_has(w->orig, j + 1))
					v = tv_join(v, vals[j]);
			if (w->orig & ORIG_SRC) {
				struct tval sv = {ORIG_SRC, w->flags, -1, fi->src_desc, NULL};
				if (!sv.src)
					sv.src = keep(r, xasprintf("%s()", name));
				v = tv_join(v, sv);
			}
			int base = path_of(x, e->args[w->param], 1);
			if (!v.orig || base < 0 || x->pure)
				continue;
			mark_buffer(x, e->args[w->param]);
			int id = base;
			if (*w->suffix) {
				char *full = xasprintf("%s%s", x->pt.name[base], w->suffix);
				id = path_intern(x, full);
				free(full);
			}
			v.flags |= TV_XFUN;
			v = with_step(x, v, e,
				      xasprintf("%s() writes untrusted data into '%s%s'", name,
						etext(r, e->args[w->param]), w->suffix));
			v = tv_join(st_read(&x->pt, s, id, 0), v);
			st_put(s, id, v);
		}
	}
	if (!known) {
		/* Unknown function: its result depends on its arguments (not on
		 * objects passed by address: those are its outputs or contexts). */
		for (size_t i = 0; i < n; i++)
			if (!is_pointer_expr(x, e->args[i]))
				result = tv_join(result, vals[i]);
	}
	free(vals);
	return result;
}

/* ---- conditions ---- */

static void mark_paths(struct fx *x, struct state *s, const struct cflow_expr *e, unsigned flag,
		       int depth, int relational)
{
	if (!e || depth > 16)
		return;
	switch (e->kind) {
	case CFX_NAME:
	case CFX_MEMBER:
	case CFX_INDEX: {
		int id = path_of(x, e, 1);
		if (id < 0)
			return;
		x->pure++;
		struct tval v = eval(x, s, e);
		x->pure--;
		if (!v.orig)
			return;
		v.flags |= flag;
		st_put(s, id, v);
		if (e->kind == CFX_INDEX)
			mark_paths(x, s, e->b, flag, depth + 1, relational);
		return;
	}
	case CFX_CALL:
		/* strlen(s) < sizeof dst bounds s; a status compared with OK
		 * (foo(buf) != 0) bounds nothing, nor do validators (see
		 * validators()). */
		if (flag == TV_BOUNDED && !relational)
			return;
		if (e->nargs)
			mark_paths(x, s, e->args[0], flag, depth + 1, relational);
		return;
	case CFX_CAST:
	case CFX_UNARY:
		mark_paths(x, s, e->a, flag, depth + 1, relational);
		return;
	case CFX_BINARY:
		if (!strcmp(e->op, "+") || !strcmp(e->op, "-") || !strcmp(e->op, "*") ||
		    !strcmp(e->op, "<<") || !strcmp(e->op, "/") || !strcmp(e->op, ">>")) {
			mark_paths(x, s, e->a, flag, depth + 1, relational);
			mark_paths(x, s, e->b, flag, depth + 1, relational);
		}
		return;
	default:
		return;
	}
}

static int trusted_bound(struct fx *x, struct state *s, const struct cflow_expr *e)
{
	x->pure++;
	struct tval v = eval(x, s, e);
	x->pure--;
	/* A parameter's value is trusted as a bound here: the summary would
	 * need one value per origin to tell more. */
	return !(v.orig & ORIG_SRC) || sanitized(x, &v) || (v.flags & TV_BOUNDED);
}

/* Refine s for the branch where c is `truth`. */
static void refine(struct fx *x, struct state *s, const struct cflow_expr *c, int truth)
{
	if (!c || s->dead)
		return;
	if (c->kind == CFX_UNARY && !strcmp(c->op, "!")) {
		refine(x, s, c->a, !truth);
		return;
	}
	if (c->kind == CFX_CAST) {
		refine(x, s, c->a, truth);
		return;
	}
	if (c->kind == CFX_CALL) {
		/* if (is_valid(x)) ... / if (!is_valid(x)) return; */
		if (truth)
			validate_call(x, s, c);
		return;
	}
	if (c->kind == CFX_ASSIGN) {
		refine(x, s, c->a, truth);
		return;
	}
	if (c->kind != CFX_BINARY)
		return;
	const char *op = c->op;
	if (!strcmp(op, "&&")) {
		if (truth) {
			refine(x, s, c->a, 1);
			refine(x, s, c->b, 1);
		}
		return;
	}
	if (!strcmp(op, "||")) {
		if (!truth) {
			refine(x, s, c->a, 0);
			refine(x, s, c->b, 0);
		}
		return;
	}
	const struct cflow_expr *small = NULL, *big = NULL;
	int lt = !strcmp(op, "<") || !strcmp(op, "<="), gt = !strcmp(op, ">") || !strcmp(op, ">=");
	int eq = !strcmp(op, "=="), ne = !strcmp(op, "!=");
	if ((lt && truth) || (gt && !truth)) {
		small = c->a;
		big = c->b;
	} else if ((gt && truth) || (lt && !truth)) {
		small = c->b;
		big = c->a;
	} else if ((eq && truth) || (ne && !truth)) {
		if (trusted_bound(x, s, c->b))
			mark_paths(x, s, c->a, TV_BOUNDED, 0, 0);
		if (trusted_bound(x, s, c->a))
			mark_paths(x, s, c->b, TV_BOUNDED, 0, 0);
		return;
	}
	if (small && trusted_bound(x, s, big))
		mark_paths(x, s, small, TV_BOUNDED, 0, 1);
}

/* A validator call's checked arguments become trusted in s. */
static void validate_call(struct fx *x, struct state *s, const struct cflow_expr *c)
{
	const struct taint_sanitizer *san = find_sanitizer(x->r, c->name);
	if (san && san->checks)
		for (size_t i = 0; i < c->nargs; i++)
			if (mask_has(san->checks, i))
				mark_paths(x, s, c->args[i], TV_VALID | TV_BOUNDED, 0, 0);
}

/* Validator calls compared with a status (validate(x) == 0, inet_pton(...)
 * != 1): which result means "valid" is unknown, so the branch that goes on
 * (the other one returns) is taken as the checked one. */
static void validators(struct fx *x, struct state *s, const struct cflow_expr *c, int depth)
{
	if (!c || depth > 16)
		return;
	if (c->kind == CFX_UNARY || c->kind == CFX_CAST) {
		validators(x, s, c->a, depth + 1);
		return;
	}
	if (c->kind != CFX_BINARY)
		return;
	if (!strcmp(c->op, "&&") || !strcmp(c->op, "||")) {
		validators(x, s, c->a, depth + 1);
		validators(x, s, c->b, depth + 1);
		return;
	}
	for (int side = 0; side < 2; side++) {
		const struct cflow_expr *k = side ? c->b : c->a;
		while (k && (k->kind == CFX_CAST || (k->kind == CFX_UNARY && !strcmp(k->op, "!"))))
			k = k->a;
		if (k && k->kind == CFX_CALL)
			validate_call(x, s, k);
	}
}

/* ---- statements ---- */

static void exec(struct fx *x, struct state *s, const struct cflow_stmt *st, int depth);

static int ends_flow(const struct cflow_stmt *st)
{
	if (!st)
		return 0;
	switch (st->kind) {
	case CFS_RETURN:
	case CFS_BREAK:
	case CFS_CONTINUE:
	case CFS_GOTO:
		return 1;
	case CFS_BLOCK:
		return st->nkids && ends_flow(st->kids[st->nkids - 1]);
	case CFS_IF:
		return st->els && ends_flow(st->body) && ends_flow(st->els);
	case CFS_EXPR:
		return st->e && st->e->kind == CFX_CALL &&
		       (!strcmp(st->e->name, "exit") || !strcmp(st->e->name, "abort") ||
			!strcmp(st->e->name, "_exit") || !strcmp(st->e->name, "k_panic") ||
			!strcmp(st->e->name, "k_oops") || !strcmp(st->e->name, "esp_restart") ||
			!strcmp(st->e->name, "panic") || !strcmp(st->e->name, "err") ||
			!strcmp(st->e->name, "errx") || !strcmp(st->e->name, "bb_error_msg_and_die") ||
			!strcmp(st->e->name, "bb_perror_msg_and_die") || !strcmp(st->e->name, "dropbear_exit"));
	default:
		return 0;
	}
}

static void ctl_push(struct fx *x, struct ctlctx *c, int is_loop)
{
	memset(c, 0, sizeof *c);
	c->is_loop = is_loop;
	c->brk = st_dead();
	c->cont = st_dead();
	c->up = x->ctl;
	x->ctl = c;
}

static void ctl_pop(struct fx *x, struct ctlctx *c)
{
	x->ctl = c->up;
	st_free(&c->brk);
	st_free(&c->cont);
}

/* A loop: cond before the body (pre) or after it (do-while). */
static void exec_loop(struct fx *x, struct state *s, const struct cflow_expr *cond,
		      const struct cflow_expr *step, const struct cflow_stmt *body, int pre,
		      int may_skip, const struct cflow_expr *at, int depth)
{
	struct state entry = st_copy(s);
	struct state exitst = st_dead();
	int passes = x->budget > 0 ? MAX_LOOP_PASSES : 1;
	for (int pass = 0; pass < passes; pass++) {
		struct ctlctx c;
		ctl_push(x, &c, 1);
		struct state cur = st_copy(&entry);
		if (may_skip)
			st_join_into(&x->pt, &exitst, &cur);
		if (pre && cond) {
			eval(x, &cur, cond);
			loop_bound_sinks(x, &cur, cond, at);
			/* The exit is not refined: `i >= n` after a loop is no check of n. */
			st_join_into(&x->pt, &exitst, &cur);
			refine(x, &cur, cond, 1);
		}
		exec(x, &cur, body, depth + 1);
		st_join_into(&x->pt, &cur, &c.cont);
		if (!pre && cond) {
			eval(x, &cur, cond);
			loop_bound_sinks(x, &cur, cond, at);
			st_join_into(&x->pt, &exitst, &cur);
		}
		if (step)
			eval(x, &cur, step);
		st_join_into(&x->pt, &exitst, &c.brk);
		ctl_pop(x, &c);
		struct state next = st_copy(&entry);
		st_join_into(&x->pt, &next, &cur);
		st_free(&cur);
		int same = st_same(&next, &entry);
		st_free(&entry);
		entry = next;
		if (same)
			break;
	}
	st_free(&entry);
	st_free(s);
	*s = exitst;
}

static struct labelst *label_get(struct fx *x, const char *name)
{
	for (size_t i = 0; i < x->nlabels; i++)
		if (!strcmp(x->labels[i].name, name))
			return &x->labels[i];
	x->labels = xrealloc(x->labels, (x->nlabels + 1) * sizeof *x->labels);
	struct labelst *l = &x->labels[x->nlabels++];
	l->name = name;
	l->st = st_dead();
	return l;
}

/* The locals a braced block declares (directly, or in a multi-declarator
 * group) die at its end: their entries go, and what they hid comes back.
 * This keeps states small in long functions. */
static void exec_block(struct fx *x, struct state *s, const struct cflow_stmt *st, int depth)
{
	struct saved {
		int id;
		int had;
		struct tval v;
	} *sv = NULL;
	size_t nsv = 0;
	if (st->scope) {
		for (size_t i = 0; i < st->nkids; i++) {
			const struct cflow_stmt *k = st->kids[i];
			size_t nd = k && k->kind == CFS_BLOCK && !k->scope ? k->nkids : 1;
			for (size_t j = 0; j < nd; j++) {
				const struct cflow_stmt *d = k && k->kind == CFS_BLOCK && !k->scope ? k->kids[j] : k;
				if (!d || d->kind != CFS_DECL || !*d->name)
					continue;
				int id = path_find(&x->pt, d->name, 1, -1);
				if (x->pt.param[id])
					continue;
				sv = xrealloc(sv, (nsv + 1) * sizeof *sv);
				struct ent *e = st_get(s, id);
				sv[nsv].id = id;
				sv[nsv].had = e != NULL;
				sv[nsv].v = e ? e->v : CLEAN;
				nsv++;
			}
		}
	}
	for (size_t i = 0; i < st->nkids; i++)
		exec(x, s, st->kids[i], depth + 1);
	for (size_t i = nsv; i-- > 0;) {
		if (s->dead)
			break;
		int id = sv[i].id;
		st_drop_under(&x->pt, s, id);
		if (sv[i].had)
			st_put(s, id, sv[i].v);
		else
			st_del(s, id);
	}
	free(sv);
}

static void exec(struct fx *x, struct state *s, const struct cflow_stmt *st, int depth)
{
	if (!st || depth > 400)
		return;
	x->budget--;
	switch (st->kind) {
	case CFS_EXPR:
		eval(x, s, st->e);
		break;
	case CFS_DECL: {
		int id = path_find(&x->pt, st->name, 1, -1);
		x->pt.type[id] = st->type;
		note_from(x, id, st->e);
		note_alias(x, id, "=", st->e);
		struct tval v = st->e ? eval(x, s, st->e) : CLEAN;
		/* struct x *p = f(n): a pointer from an unknown function (see CFX_CAST). */
		if (strchr(st->type, '*') && !st->is_array && is_unknown_call(x->r, st->e))
			v = CLEAN;
		if (s->dead)
			break;
		if (v.orig) {
			struct cflow_expr at = {0};
			at.line = st->line;
			at.col = st->col;
			v = with_step(x, v, st->e ? st->e : &at,
				      xasprintf("'%s' is initialised with untrusted data", st->name));
		}
		struct cflow_expr nm = {0};
		nm.kind = CFX_NAME;
		nm.name = st->name;
		assign(x, s, &nm, v, 0);
		break;
	}
	case CFS_BLOCK:
		exec_block(x, s, st, depth);
		break;
	case CFS_IF: {
		eval(x, s, st->e);
		if (s->dead)
			break;
		struct state t = st_copy(s), f = st_copy(s);
		refine(x, &t, st->e, 1);
		refine(x, &f, st->e, 0);
		if (ends_flow(st->body) && !(st->els && ends_flow(st->els)))
			validators(x, &f, st->e, 0);
		else
			validators(x, &t, st->e, 0);
		exec(x, &t, st->body, depth + 1);
		if (st->els)
			exec(x, &f, st->els, depth + 1);
		st_join_into(&x->pt, &t, &f);
		st_free(&f);
		st_free(s);
		*s = t;
		break;
	}
	case CFS_WHILE:
		exec_loop(x, s, st->e, NULL, st->body, 1, 0, st->e, depth);
		break;
	case CFS_DO:
		exec_loop(x, s, st->e, NULL, st->body, 0, 0, st->e, depth);
		break;
	case CFS_FOR:
		if (st->init)
			exec(x, s, st->init, depth + 1);
		exec_loop(x, s, st->e, st->step, st->body, 1, 0, st->e, depth);
		break;
	case CFS_MACROLOOP:
		eval(x, s, st->e);
		/* An iteration macro may run zero times: the entry joins the exit. */
		exec_loop(x, s, NULL, NULL, st->body, 1, 1, st->e, depth);
		break;
	case CFS_SWITCH: {
		eval(x, s, st->e);
		if (s->dead)
			break;
		struct ctlctx c;
		ctl_push(x, &c, 0);
		struct state entry = st_copy(s);
		/* Each case label joins the entry state (see CFS_CASE). */
		struct ctlctx *save = x->ctl;
		(void)save;
		struct state cur = st_dead();
		const struct cflow_stmt *body = st->body;
		int has_default = 0;
		if (body && body->kind == CFS_BLOCK) {
			for (size_t i = 0; i < body->nkids; i++) {
				const struct cflow_stmt *k = body->kids[i];
				if (k && k->kind == CFS_CASE) {
					st_join_into(&x->pt, &cur, &entry);
					if (!k->e)
						has_default = 1;
					continue;
				}
				exec(x, &cur, k, depth + 1);
			}
		} else {
			st_join_into(&x->pt, &cur, &entry);
			exec(x, &cur, body, depth + 1);
		}
		st_join_into(&x->pt, &cur, &c.brk);
		if (!has_default)
			st_join_into(&x->pt, &cur, &entry);
		ctl_pop(x, &c);
		st_free(&entry);
		st_free(s);
		*s = cur;
		break;
	}
	case CFS_CASE:
		/* Outside the top level of a switch body: control may enter here. */
		for (struct ctlctx *c = x->ctl; c; c = c->up)
			if (!c->is_loop)
				break;
		break;
	case CFS_LABEL: {
		struct labelst *l = label_get(x, st->name);
		st_join_into(&x->pt, s, &l->st);
		break;
	}
	case CFS_GOTO: {
		struct labelst *l = label_get(x, st->name);
		st_join_into(&x->pt, &l->st, s);
		st_free(s);
		*s = st_dead();
		break;
	}
	case CFS_RETURN: {
		struct tval v = eval(x, s, st->e);
		if (s->dead)
			break;
		struct func_info *fi = x->fi;
		if (v.orig) {
			if (!fi->ret_any || !fi->ret_orig)
				fi->ret_flags = v.flags;
			else
				fi->ret_flags &= v.flags;
			fi->ret_orig |= v.orig;
			if ((v.orig & ORIG_SRC) && !fi->ret_src)
				fi->ret_src = v.src;
		}
		fi->ret_any = 1;
		st_join_into(&x->pt, &x->end, s);
		st_free(s);
		*s = st_dead();
		break;
	}
	case CFS_BREAK:
	case CFS_CONTINUE: {
		struct ctlctx *c = x->ctl;
		if (st->kind == CFS_CONTINUE)
			while (c && !c->is_loop)
				c = c->up;
		if (c)
			st_join_into(&x->pt, st->kind == CFS_BREAK ? &c->brk : &c->cont, s);
		st_free(s);
		*s = st_dead();
		break;
	}
	}
}

/* ---- functions ---- */

static long count_stmts(const struct cflow_stmt *st, int depth)
{
	if (!st || depth > 400)
		return 0;
	long n = 1 + count_stmts(st->init, depth + 1) + count_stmts(st->body, depth + 1) +
		 count_stmts(st->els, depth + 1);
	for (size_t i = 0; i < st->nkids; i++)
		n += count_stmts(st->kids[i], depth + 1);
	return n;
}

/* Entries of the function's end state under a name it never declared (a
 * file-scope variable) that hold untrusted data. */
static void collect_globals(struct run *r, struct fx *x)
{
	if (x->end.dead)
		return;
	for (size_t i = 0; i < x->end.n; i++) {
		const struct ent *e = &x->end.v[i];
		int root = root_of(&x->pt, e->id);
		if (!(e->v.orig & ORIG_SRC) || x->pt.param[root] || *x->pt.type[root])
			continue;
		size_t g = 0;
		while (g < r->nglobals && strcmp(r->globals[g].path, x->pt.name[e->id]) != 0)
			g++;
		struct tval v = e->v;
		v.orig = ORIG_SRC; /* the function's parameters mean nothing elsewhere */
		v.psuf = NULL;
		if (g < r->nglobals) {
			struct tval j = tv_join(r->globals[g].v, v);
			if (!tv_same(&j, &r->globals[g].v)) {
				r->globals[g].v = j;
				r->globals_changed = 1;
			}
			continue;
		}
		if (r->nglobals >= 256)
			return;
		r->globals = xrealloc(r->globals, (r->nglobals + 1) * sizeof *r->globals);
		r->globals[r->nglobals].path = keep(r, xstrdup(x->pt.name[e->id]));
		r->globals[r->nglobals].v = v;
		r->nglobals++;
		r->globals_changed = 1;
	}
}

static void analyse(struct run *r, struct func_info *fi)
{
	const struct cflow_func *f = fi->f;
	struct fx x = {0};
	x.r = r;
	x.fi = fi;
	x.end = st_dead();
	long n = count_stmts(f->body, 0);
	x.budget = 8 * n + 1000;
	struct state s = {0};
	for (size_t k = 0; k < f->nparams && k < MAX_PARAMS; k++) {
		const struct cflow_param *p = &f->params[k];
		if (!*p->name)
			continue;
		int id = path_find(&x.pt, p->name, 1, -1);
		x.pt.type[id] = p->type;
		x.pt.param[id] = 1;
		struct tval v = {(taint_mask)1 << (k + 1), 0, -1, NULL, ""};
		char *msg;
		if (mask_has(fi->src_params, k)) {
			v.orig |= ORIG_SRC;
			v.src = keep(r, xasprintf("parameter '%s' of %s()", p->name, f->name));
			msg = xasprintf("'%s' (parameter %zu of %s()) holds untrusted data from the peer",
					p->name, k + 1, f->name);
		} else {
			msg = xasprintf("parameter '%s' of %s()", p->name, f->name);
		}
		v.step = step_at(r, -1, p->line, p->col, msg);
		st_put(&s, id, v);
	}
	for (size_t g = 0; g < r->nglobals; g++) {
		int id = path_intern(&x, r->globals[g].path);
		if (!x.pt.param[root_of(&x.pt, id)])
			st_put(&s, id, r->globals[g].v);
	}
	premark_stmt(&x, f->body, 0);
	exec(&x, &s, f->body, 0);
	st_join_into(&x.pt, &x.end, &s);
	st_free(&s);
	collect_globals(r, &x);
	/* Out-parameters: what was written into a parameter's pointee, field by field. */
	for (size_t k = 0; k < f->nparams && k < MAX_PARAMS && !x.end.dead; k++) {
		const struct cflow_param *p = &f->params[k];
		if (!*p->name || (!strchr(p->type, '*') && !strchr(p->type, '[')))
			continue;
		int id = path_find(&x.pt, p->name, 0, -1);
		if (id < 0)
			continue;
		for (size_t i = 0; i < x.end.n; i++) {
			const struct ent *e = &x.end.v[i];
			if (e->id != id && !is_under(&x.pt, e->id, id))
				continue;
			taint_mask m = e->v.orig & ~((taint_mask)1 << (k + 1));
			if (mask_has(fi->src_params, k))
				m &= ~ORIG_SRC;
			if (!m)
				continue;
			fi->outs = xrealloc(fi->outs, (fi->nouts + 1) * sizeof *fi->outs);
			struct out_write *w = &fi->outs[fi->nouts++];
			w->param = (int)k;
			w->suffix = xstrdup(x.pt.name[e->id] + strlen(p->name));
			w->orig = m;
			w->flags = e->v.flags;
			if ((m & ORIG_SRC) && !fi->src_desc)
				fi->src_desc = e->v.src;
		}
	}
	st_free(&x.end);
	for (size_t i = 0; i < x.nlabels; i++)
		st_free(&x.labels[i].st);
	free(x.labels);
	pathtab_free(&x.pt);
	fi->state = 2;
}

static void summary_reset(struct func_info *fi)
{
	for (size_t k = 0; k < fi->nsinks; k++)
		free(fi->sinks[k].steps);
	free(fi->sinks);
	for (size_t k = 0; k < fi->nouts; k++)
		free(fi->outs[k].suffix);
	free(fi->outs);
	const struct cflow_func *f = fi->f;
	taint_mask src_params = fi->src_params;
	memset(fi, 0, sizeof *fi);
	fi->f = f;
	fi->src_params = src_params;
}

/* Callees first (post-order over calls to functions of this file). */
static void collect_calls(struct run *r, const struct cflow_expr *e, size_t *out, size_t *n,
			  int depth);

static void visit_calls_stmt(struct run *r, const struct cflow_stmt *st, size_t *out, size_t *n,
			     int depth)
{
	if (!st || depth > 400)
		return;
	collect_calls(r, st->e, out, n, depth + 1);
	collect_calls(r, st->step, out, n, depth + 1);
	visit_calls_stmt(r, st->init, out, n, depth + 1);
	visit_calls_stmt(r, st->body, out, n, depth + 1);
	visit_calls_stmt(r, st->els, out, n, depth + 1);
	for (size_t i = 0; i < st->nkids; i++)
		visit_calls_stmt(r, st->kids[i], out, n, depth + 1);
}

static void order_visit(struct run *r, struct func_info *fi, size_t *order, size_t *norder,
			int depth);

static void collect_calls(struct run *r, const struct cflow_expr *e, size_t *order, size_t *n,
			  int depth)
{
	if (!e || depth > 400)
		return;
	if (e->kind == CFX_CALL) {
		struct func_info *callee = find_func(r, e->name);
		if (callee && callee->state == 0)
			order_visit(r, callee, order, n, depth + 1);
	}
	collect_calls(r, e->a, order, n, depth + 1);
	collect_calls(r, e->b, order, n, depth + 1);
	collect_calls(r, e->c, order, n, depth + 1);
	for (size_t i = 0; i < e->nargs; i++)
		collect_calls(r, e->args[i], order, n, depth + 1);
}

static void order_visit(struct run *r, struct func_info *fi, size_t *order, size_t *norder,
			int depth)
{
	if (fi->state != 0 || depth > 200)
		return;
	fi->state = 1;
	visit_calls_stmt(r, fi->f->body, order, norder, depth + 1);
	order[(*norder)++] = (size_t)(fi - r->fi);
}

static void param_sources(struct run *r, struct func_info *fi)
{
	const struct cflow_func *f = fi->f;
	struct sbuf sig = {0};
	for (size_t k = 0; k < f->nparams; k++) {
		if (k)
			sbuf_adds(&sig, ", ");
		sbuf_adds(&sig, f->params[k].type);
	}
	for (size_t i = 0; i < r->cfg->nsources; i++) {
		const struct taint_source *src = &r->cfg->sources[i];
		if (src->kind != TSRC_PARAM)
			continue;
		if (src->func_re && !matcher_regex_test(src->func_re, f->name, strlen(f->name)))
			continue;
		if (src->sig_re &&
		    !matcher_regex_test(src->sig_re, sbuf_str(&sig), strlen(sbuf_str(&sig))))
			continue;
		fi->src_params |= src->params;
	}
	sbuf_free(&sig);
}

void taint_run(const struct taint_config *cfg, const struct cflow_unit *u, taint_report_fn fn,
	       void *ud)
{
	if (!u || !u->nfuncs)
		return;
	struct run r = {0};
	r.cfg = cfg;
	r.u = u;
	r.fn = fn;
	r.ud = ud;
	r.nfuncs = u->nfuncs;
	for (size_t i = 0; i < cfg->nsinks; i++) {
		r.index_sinks |= cfg->sinks[i].kind == TSNK_INDEX;
		r.loop_sinks |= cfg->sinks[i].kind == TSNK_LOOP;
	}
	r.fi = xcalloc(u->nfuncs, sizeof *r.fi);
	for (size_t i = 0; i < u->nfuncs; i++) {
		r.fi[i].f = &u->funcs[i];
		param_sources(&r, &r.fi[i]);
	}
	r.byname = xcalloc(u->nfuncs, sizeof *r.byname);
	for (size_t i = 0; i < u->nfuncs; i++)
		r.byname[i] = i;
	sort_byname(&r);
	size_t *order = xcalloc(u->nfuncs, sizeof *order), norder = 0;
	for (size_t i = 0; i < u->nfuncs; i++)
		order_visit(&r, &r.fi[i], order, &norder, 0);
	for (size_t i = 0; i < u->nfuncs; i++)
		r.fi[i].state = 0;
	/* Two passes when a function leaves untrusted data in a file-scope
	 * variable: the second starts every function with it. Reports are
	 * deduplicated across the passes (the second only adds). */
	for (int pass = 0; pass < 2; pass++) {
		r.globals_changed = 0;
		for (size_t i = 0; i < norder; i++) {
			struct func_info *fi = &r.fi[order[i]];
			fi->state = 1;
			analyse(&r, fi);
		}
		if (!r.globals_changed || pass == 1)
			break;
		for (size_t i = 0; i < u->nfuncs; i++)
			summary_reset(&r.fi[i]);
	}
	free(order);
	free(r.globals);
	for (size_t i = 0; i < u->nfuncs; i++) {
		for (size_t k = 0; k < r.fi[i].nsinks; k++)
			free(r.fi[i].sinks[k].steps);
		free(r.fi[i].sinks);
		for (size_t k = 0; k < r.fi[i].nouts; k++)
			free(r.fi[i].outs[k].suffix);
		free(r.fi[i].outs);
	}
	free(r.fi);
	free(r.byname);
	free(r.roles);
	free(r.steps);
	free(r.reported);
	strvec_free(&r.strs);
}
