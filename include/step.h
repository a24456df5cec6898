/* step.h - one step of a data-flow path (source, each assignment, sink),
 * carried by a finding and shown as text notes, JSON "steps" and SARIF
 * codeFlows. Steps are in the finding's file.
 *
 * Ownership: in a match_hit the message is borrowed; in a finding it is owned. */
#ifndef ETSILINT_STEP_H
#define ETSILINT_STEP_H

struct flow_step {
	unsigned line, col;         /* 1-based */
	unsigned end_line, end_col; /* end_col exclusive; 0: unknown */
	char *message;              /* e.g. "recv() writes untrusted data into 'buf'" */
};

#endif
