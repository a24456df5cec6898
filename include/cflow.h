/* cflow.h - a structured model of the functions of one C file, for
 * data-flow rules (the taint analysis). Built from the token stream
 * (ctok.h), not from libclang's AST, so that it is complete on firmware code
 * whose SDK headers are missing: macros stay unexpanded (a function-like
 * macro use is a call), unknown types are just words.
 *
 * The builder never fails: what it cannot parse becomes a CFX_OTHER
 * expression (holding whatever sub-expressions it could still read) or is
 * skipped up to the next ';' or '}'. Preprocessor directive tokens are
 * ignored. Building is linear in the number of tokens.
 *
 * Ownership: a struct cflow_unit owns everything reachable from it (one
 * arena); cflow_free releases it all. Strings are never NULL. */
#ifndef ETSILINT_CFLOW_H
#define ETSILINT_CFLOW_H

#include <stddef.h>
#include "ctok.h"

enum cflow_expr_kind {
	CFX_NAME,   /* identifier (variable, enum constant, object-like macro): name */
	CFX_NUM,    /* number or character literal: name = spelling */
	CFX_STR,    /* string literal(s), adjacent ones joined: name = contents without quotes */
	CFX_CALL,   /* call or function-like macro use: a = callee expression, args[nargs];
		     * name = callee's name when it is a plain identifier (or a->f / a.f: "f"), else "" */
	CFX_MEMBER, /* a.name (op ".") or a->name (op "->") */
	CFX_INDEX,  /* a[b] */
	CFX_UNARY,  /* op a, op one of - + ! ~ * & ++ -- (prefix) or "post++" "post--" */
	CFX_BINARY, /* a op b: * / % + - << >> < > <= >= == != & ^ | && || */
	CFX_ASSIGN, /* a op b: = += -= *= /= %= <<= >>= &= ^= |= */
	CFX_COND,   /* a ? b : c */
	CFX_CAST,   /* (name) a: name = the type as written, e.g. "uint8_t *" */
	CFX_SIZEOF, /* sizeof x / sizeof(type) / _Alignof / offsetof(...): no data flows out of it */
	CFX_COMMA,  /* a , b */
	CFX_INIT,   /* brace initializer { args }; designators dropped (".f = x" gives x) */
	CFX_OTHER,  /* anything else (statement expressions, GNU extensions, unbalanced
		     * code): args = the sub-expressions that could be read */
};

struct cflow_expr {
	enum cflow_expr_kind kind;
	const char *op;   /* CFX_UNARY, CFX_BINARY, CFX_ASSIGN, CFX_MEMBER; else "" */
	const char *name; /* see the kind; else "" */
	struct cflow_expr *a, *b, *c;
	struct cflow_expr **args; /* CFX_CALL, CFX_INIT, CFX_OTHER */
	size_t nargs;
	unsigned line, col;         /* first token */
	unsigned end_line, end_col; /* one past the last token (end_col exclusive) */
};

enum cflow_stmt_kind {
	CFS_EXPR,     /* e (an expression statement) */
	CFS_DECL,     /* one declared local: name, type, e = initializer or NULL;
		       * "int a = 1, *b = x;" gives two CFS_DECL in a CFS_BLOCK with
		       * scope = 0 (no new scope) */
	CFS_BLOCK,    /* kids[nkids]; scope = 1 for a braced block */
	CFS_IF,       /* e = condition, body = then, els = else or NULL */
	CFS_WHILE,    /* e = condition, body */
	CFS_DO,       /* body, then e = condition */
	CFS_FOR,      /* init = CFS_EXPR/CFS_DECL/CFS_BLOCK or NULL, e = condition or NULL,
		       * step = expression or NULL, body */
	CFS_SWITCH,   /* e = controlling expression, body */
	CFS_CASE,     /* "case X:" or "default:" label inside a switch body; e = X or NULL */
	CFS_LABEL,    /* "name:" goto target */
	CFS_RETURN,   /* e or NULL */
	CFS_BREAK,
	CFS_CONTINUE,
	CFS_GOTO,     /* name */
	CFS_MACROLOOP /* NAME(args) { body } or NAME(args) stmt: an iteration macro
		       * (SYS_SLIST_FOR_EACH_NODE, list_for_each_entry...): e = the
		       * call, body; analysed like a loop */
};

struct cflow_stmt {
	enum cflow_stmt_kind kind;
	unsigned line, col; /* first token */
	struct cflow_expr *e, *step;
	struct cflow_stmt *init, *body, *els;
	struct cflow_stmt **kids; /* CFS_BLOCK */
	size_t nkids;
	int scope;          /* CFS_BLOCK */
	const char *name;   /* CFS_DECL: variable; CFS_LABEL, CFS_GOTO: label; else "" */
	const char *type;   /* CFS_DECL: declared type as written without the name,
			     * e.g. "const char *", "uint8_t [64]", "struct pkt *"; else "" */
	int is_array;       /* CFS_DECL: declared with [] (a buffer, not a pointer) */
};

struct cflow_param {
	const char *name; /* "" when unnamed */
	const char *type; /* as written without the name, e.g. "const void *" */
	unsigned line, col;
};

struct cflow_func {
	const char *name;
	unsigned line, col;       /* the name */
	unsigned end_line;        /* the closing '}' */
	struct cflow_param *params;
	size_t nparams;           /* "(void)" gives 0; "..." is not a parameter */
	int is_static;
	struct cflow_stmt *body;  /* CFS_BLOCK */
};

struct cflow_unit {
	struct cflow_func *funcs; /* function definitions in file order */
	size_t nfuncs;
	void *arena;              /* private */
};

/* Build the model of the function definitions among t[0..n). Never NULL. */
struct cflow_unit *cflow_build(const struct ctok *t, size_t n);
void cflow_free(struct cflow_unit *u);

/* Debug/test dump of the model as an S-expression-like text (one function
 * per line): "(func NAME (params a b) (block (decl x \"int\" (call recv ...))))".
 * New string. */
char *cflow_dump(const struct cflow_unit *u);

#endif
