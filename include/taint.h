/* taint.h - data-flow analysis over a file's function model (cflow.h):
 * untrusted data (sources) reaching a dangerous use (sinks) without a check
 * on the way (sanitizers). Configured entirely by data (a `taint` rule's
 * YAML, compiled by src/m_taint.c).
 *
 * The analysis is an abstract interpretation of each function's structured
 * statements: a state maps access paths ("buf", "hdr.len") to a taint value
 * (which origins reach it, whether every path to here bounded or validated
 * it, and the flow steps that brought it). Branches are analysed separately
 * and joined; loops iterate to a fixpoint with a bounded number of passes;
 * an exit (return, break, goto) removes its path. Functions of the file are
 * analysed callees first; each gets a summary (parameters reaching a sink,
 * parameters or sources returned or written through an out-parameter) used
 * at its call sites. When a function leaves untrusted data in a file-scope
 * variable (an interrupt handler filling a receive buffer), a second pass
 * starts every function with it. Linear in the function's size up to a constant factor
 * for loops (the number of passes is capped by a budget per function).
 *
 * Ownership: a taint_config is owned by its rule (m_taint.c); taint_run
 * borrows the config and the unit; what it reports is borrowed for the
 * duration of the callback. */
#ifndef ETSILINT_TAINT_H
#define ETSILINT_TAINT_H

#include <stddef.h>
#include "cflow.h"
#include "step.h"

/* A set of names: exact strings and PCRE2 patterns (pcre2_code_8 *). */
struct taint_names {
	char **exact; /* sorted */
	size_t nexact;
	void **re;
	size_t nre;
};

typedef unsigned long long taint_mask; /* bit i: argument/parameter i (0-based) */

enum taint_source_kind {
	TSRC_CALL,  /* a call: its out-parameters and/or its return value */
	TSRC_FIELD, /* a member read x->f / x.f of a variable whose declared type matches */
	TSRC_PARAM, /* parameters of functions whose name or parameter types match */
};

enum taint_ret { TRET_NONE, TRET_TAINTED, TRET_BOUNDED };

struct taint_source {
	enum taint_source_kind kind;
	struct taint_names names;  /* CALL: callees */
	taint_mask out;            /* CALL: arguments whose pointee becomes untrusted */
	int out_from;              /* CALL: first of the variadic out-arguments, or -1 */
	enum taint_ret ret;        /* CALL: the returned value */
	int if_arg;                /* CALL: only when argument if_arg's text matches if_re */
	void *if_re;
	int unless_arg;            /* CALL: not when argument unless_arg is a variable the function */
	struct taint_names unless_from; /* assigned from a call of one of these (fopen) */
	char **fields;             /* FIELD: last member names (NULL-terminated) */
	void *type_re;             /* FIELD: pattern for the base variable's declared type */
	void *func_re;             /* PARAM: pattern for the function name, or NULL */
	void *sig_re;              /* PARAM: pattern for the parameter types joined by ", ", or NULL */
	taint_mask params;         /* PARAM */
};

enum taint_sink_kind { TSNK_CALL, TSNK_INDEX, TSNK_LOOP };

struct taint_sink {
	enum taint_sink_kind kind;
	struct taint_names names; /* CALL */
	taint_mask args;          /* CALL */
	int arg_from;             /* CALL: every argument from this index on, or -1 */
	int format;               /* CALL: index of a printf-style format argument, or -1: when it
				   * is a literal, only arguments it converts with one of
				   * `conversions` are sinks (sprintf's %s, not its %d) */
	char *conversions;        /* conversion letters, e.g. "s" */
	int dest;                 /* CALL: the destination argument, or -1: a source whose length
				   * sized the destination's allocation is no sink */
	int fixed_dest;           /* CALL: only when the destination is not (an offset into) a
				   * local pointer variable, whose buffer's size is not known */
};

struct taint_sanitizer {
	struct taint_names names;
	int returns_clean; /* the call's result is trusted (bounded and validated) */
	int returns_bounded; /* the result carries the arguments' data, bounded (strlen) */
	taint_mask checks; /* in a condition: these arguments are validated on the branch that goes on */
	taint_mask cleans; /* after the call these arguments are trusted */
};

/* What a propagator's write does to the destination's earlier contents. */
enum taint_writes {
	TWR_JOIN,    /* the data joins them (strcat, memcpy of a part) */
	TWR_REPLACE, /* they are gone: the destination is written from its start (snprintf) */
	TWR_COPY,    /* they are gone, and it holds an exact copy of the one `from` string
		      * (strcpy; strdup's result): strlen() of one measures the other */
};

struct taint_propagator {
	struct taint_names names;
	taint_mask from;   /* data flows from these arguments ... */
	int from_from;     /* ... and from every argument from this index on (-1: none) */
	taint_mask to;     /* ... into the pointees of these arguments */
	int to_from;       /* ... and of every argument from this index on (-1: none) */
	taint_mask ret_from; /* the result carries these arguments' data */
	enum taint_writes writes; /* for the `to` arguments that are the buffer itself (not buf + n) */
};

struct taint_config {
	struct taint_source *sources;
	size_t nsources;
	struct taint_sink *sinks;
	size_t nsinks;
	struct taint_sanitizer *sanitizers;
	size_t nsanitizers;
	struct taint_propagator *props;
	size_t nprops;
	int bounds_check; /* a comparison bounding the value clears the sinks (else only validators) */
};

/* One finding: the sink and the path that reached it. */
struct taint_hit {
	unsigned line, col, end_line, end_col; /* the sink */
	const char *callee; /* sink function, "[]" for an index, "loop" for a loop bound */
	const char *name;   /* the untrusted expression at the sink, e.g. "hdr.len" */
	const char *source; /* where it came from, e.g. "recv()" or "event->data" */
	const struct flow_step *steps; /* source first, sink last */
	size_t nsteps;
};

typedef void (*taint_report_fn)(const struct taint_hit *h, void *ud);

/* Analyse every function of u; call fn once per distinct sink location. */
void taint_run(const struct taint_config *cfg, const struct cflow_unit *u, taint_report_fn fn,
	       void *ud);

/* Does the name belong to the set? */
int taint_names_has(const struct taint_names *s, const char *name);
void taint_names_free(struct taint_names *s);
void taint_config_free(struct taint_config *cfg);

#endif
