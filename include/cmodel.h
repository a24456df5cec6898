/* cmodel.h - what the C front end (cparse.c) tells AST matchers about a
 * translation unit, independent of libclang. One traversal per file produces
 * a stream of events; matchers subscribe to the kinds they want.
 *
 * Ownership: events and everything they point to are borrowed and valid only
 * during the callback. */
#ifndef ETSILINT_CMODEL_H
#define ETSILINT_CMODEL_H

#include <stddef.h>

struct cflow_unit;

enum cev_kind {
	CEV_CALL = 1u << 0,  /* a function call (or a function-like macro use)   */
	CEV_STORE = 1u << 1, /* initializer, assignment or designated field init */
	CEV_MACRO = 1u << 2, /* an object-like #define NAME value                */
	CEV_UNIT = 1u << 3,  /* once per file: the file's functions as a flow
			      * model (cflow.h), for data-flow matchers      */
};

enum cval_kind {
	CV_OTHER,  /* any other expression; text is its source spelling */
	CV_STRING, /* string literal(s): text is the contents, adjacent literals joined, escapes kept */
	CV_INT,    /* integer literal (possibly negated); ival is valid */
	CV_IDENT,  /* a single identifier (variable, enum constant, macro name) */
	CV_LIST,   /* brace initializer list { ... } */
};

enum cstore_kind {
	CS_INIT,   /* declaration with initializer: char pw[] = "..." */
	CS_ASSIGN, /* assignment: cfg.password = "..." */
	CS_FIELD,  /* designated initializer: .password = "..." */
	CS_MACRO,  /* #define PASSWORD "..." */
};

struct cval {
	enum cval_kind kind;
	const char *text;     /* see kind; never NULL */
	long long ival;       /* CV_INT */
	size_t nitems;        /* CV_LIST: number of top-level items */
	int all_int;          /* CV_LIST: every item is an integer or char literal */
	int all_zero;         /* CV_LIST: every item is the literal 0 */
	unsigned line, col;   /* start of the value (1-based) */
	unsigned end_col;     /* one past the last column, on line `line` when on one line, else 0 */
};

struct cev {
	enum cev_kind kind;
	unsigned line, col;         /* use site (macro arguments: where written) */
	unsigned end_line, end_col; /* end of the construct */
	int recovered;              /* seen only by the token-level fallback */
	const char *name;           /* CALL: callee; STORE: target's last name; MACRO: macro name */
	const char *qual;           /* STORE: target as written ("cfg.sta.password"); else = name */
	size_t nargs;               /* CALL: arguments; STORE/MACRO: 1 (the value) */
	const struct cval *args;
	enum cstore_kind store;     /* STORE and MACRO: which kind of store */
	const char *type;           /* STORE CS_INIT: the declared type's last word
				     * ("esp_http_client_config_t"); else "" */
	const char *func;           /* enclosing function name, or "" at file scope */
	const struct cflow_unit *unit; /* UNIT: the file's flow model; else NULL */
};

typedef void (*cev_fn)(const struct cev *ev, void *ud);

#endif
