/* merge.h - a scan split into shards, and the merge of their reports.
 *
 * `scan --shard K/N` scans the files whose path relative to the scan root
 * hashes (hash_str, the same on every machine) to K-1 modulo N, so a file
 * keeps its shard when others are added or removed; repository-level rules
 * run in shard 1 only. `etsilint merge` joins the JSON or SARIF reports of
 * the N shards into the one document a full scan writes: findings (results)
 * concatenated and sorted as a scan sorts them, the JSON summary recomputed,
 * errors (tool execution notifications) joined without the copies every
 * shard reports (rule-pack, walk and compile-database problems).
 *
 * Ownership: merge_reports returns a new cJSON document that the caller
 * owns (jsonw_print takes it over); everything passed in is borrowed. */
#ifndef ETSILINT_MERGE_H
#define ETSILINT_MERGE_H

#include <stddef.h>
#include <cJSON.h>
#include "diag.h"

enum merge_format {
	MERGE_AUTO,  /* as the inputs are (detected from their content) */
	MERGE_JSON,  /* etsilint JSON (docs/json-format.md) */
	MERGE_SARIF, /* SARIF 2.1.0 as `scan --format sarif` writes it */
};

/* "K/N" with 1 <= K <= N <= MERGE_MAX_SHARDS into *k, *n. Returns 0, or -1
 * (outputs untouched). */
#define MERGE_MAX_SHARDS 65536u
int merge_shard_parse(const char *s, unsigned *k, unsigned *n);
/* The shard (1..n) of a file, by its root-relative path. n >= 1. */
unsigned merge_shard_of(const char *relpath, unsigned n);

/* What merge_reports joined. */
struct merge_info {
	enum merge_format format; /* MERGE_JSON or MERGE_SARIF */
	size_t findings;          /* findings (SARIF: results) in the merged document */
	size_t files;             /* JSON: summary.files of the merged document; SARIF: 0 */
};

/* Read, check and merge the reports inputs[0..n-1] (file names, n >= 1).
 * All inputs must be of one format (want, unless MERGE_AUTO), written by
 * one etsilint version with one rule set, and (JSON) for one root; a
 * finding present in two inputs is an error (the shards overlap). Returns 0
 * with *out set, or -1 with every problem in d under the input's name. */
int merge_reports(const char *const *inputs, size_t n, enum merge_format want, cJSON **out,
		  struct merge_info *info, struct diag *d);

#endif
