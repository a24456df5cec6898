/* main.c - command line: argv -> a validated run configuration, the
 * subcommands (scan, report, rules, explain, merge), exit codes 0 / 1 / 2. */
#include <errno.h>
#include <stdarg.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "classify.h"
#include "baseline.h"
#include "conformance.h"
#include "cache.h"
#include "cparse.h"
#include "diag.h"
#include "engine.h"
#include "finding.h"
#include "flags.h"
#include "jsonw.h"
#include "matcher.h"
#include "merge.h"
#include "projconf.h"
#include "provisions.h"
#include "report.h"
#include "rule.h"
#include "statement.h"
#include "walk.h"

#ifndef ETSILINT_VERSION
#define ETSILINT_VERSION "0.0.0"
#endif
#ifndef ETSILINT_DATADIR
#define ETSILINT_DATADIR "/usr/local/share/etsilint"
#endif

enum exit_code { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_ERROR = 2 };

#define SEV_NONE (-1)

struct options {
	const char *command;
	struct strvec paths, rules, excludes, cflags;
	const char *format, *output, *root, *provision, *cdb_dir, *cache_dir;
	int no_cache, stats, no_infer, no_config, fail_on_set;
	const char *config;
	const char *baseline, *write_baseline;
	const char *statement; /* report: --statement FILE */
	int no_statement;      /* report: --no-statement */
	struct projconf pc; /* the project configuration, when one was loaded */
	int fail_on; /* enum severity or SEV_NONE */
	unsigned shard_k, shard_n; /* --shard K/N; shard_n 0: the whole tree */
	unsigned jobs;
	int quiet;
	int color; /* -1 auto, 0 never, 1 always */
	size_t max_file_size;
	unsigned file_timeout_ms;
};

static const char usage_text[] =
	"Usage: etsilint [OPTION...] COMMAND [ARG...]\n"
	"Check firmware source trees against ETSI EN 303 645.\n"
	"\n"
	"Commands:\n"
	"  scan [PATH...]         scan files and directories (default: .)\n"
	"  report [PATH...]       scan, then write a conformance report: every EN 303 645\n"
	"                         provision with its status from the findings and the\n"
	"                         manufacturer's statement (etsilint-statement.yaml)\n"
	"  rules                  list the loaded rules (id, severity, provisions, title)\n"
	"  explain RULE-ID        show a rule's description, provisions, CWE, remediation\n"
	"  merge INPUT...         join the JSON or SARIF reports of shard scans (--shard)\n"
	"                         into the one document a full scan writes\n"
	"\n"
	"Options for every command:\n"
	"      --rules PATH       rule file or directory; repeatable (default: $ETSILINT_RULES,\n"
	"                         else the pack installed beside the binary, else the source\n"
	"                         tree's rules/ for a binary built in it, else\n"
	"                         " ETSILINT_DATADIR "/rules)\n"
	"      --config FILE      project configuration (default: the nearest .etsilint.yaml\n"
	"                         in the scan root or a parent folder)\n"
	"      --no-config        ignore any .etsilint.yaml\n"
	"  -h, --help             show this help and exit\n"
	"  -V, --version          show the version and exit\n"
	"\n"
	"Options for scan:\n"
	"  -f, --format FORMAT    text (default), json, sarif, or github (workflow\n"
	"                         annotations for GitHub Actions)\n"
	"  -o, --output FILE      write the report to FILE instead of standard output\n"
	"      --fail-on SEVERITY exit 1 when a finding is at least SEVERITY: critical, high,\n"
	"                         medium, low (default), info, or none (never)\n"
	"      --exclude GLOB     skip files and directories matching GLOB (relative path or\n"
	"                         name; '**' crosses directories); repeatable\n"
	"  -j, --jobs N           parallel workers (default: online CPUs)\n"
	"  -q, --quiet            no summary or progress on standard error\n"
	"      --root DIR         report paths relative to DIR in JSON and SARIF (default: the\n"
	"                         scanned directory when there is one, else the current one)\n"
	"  -I DIR                 add an include directory for parsing C; repeatable\n"
	"  -D NAME[=VALUE]        define a macro for parsing C; repeatable\n"
	"  -p DIR                 use DIR/compile_commands.json for each file's flags\n"
	"                         (default: found in the scan root or its build/)\n"
	"      --no-infer-includes  do not add the tree's include folders for files the\n"
	"                         database does not list (faster; more is recovered from\n"
	"                         tokens instead of the syntax tree)\n"
	"      --max-file-size N  skip (and report) files larger than N bytes; suffixes k, M\n"
	"                         (default: 16M)\n"
	"      --file-timeout S   give up (and report) the C parse of a file after S seconds;\n"
	"                         its text rules still apply (default: 60; 0: no limit)\n"
	"      --color WHEN       colour text output: auto (default: when stdout is a\n"
	"                         terminal), always, never\n"
	"      --no-cache         do not read or write the results cache\n"
	"      --cache-dir DIR    keep the results cache in DIR (default:\n"
	"                         $XDG_CACHE_HOME/etsilint or ~/.cache/etsilint)\n"
	"      --stats            print files matched, parsed and taken from the cache\n"
	"      --baseline FILE    report and fail only on findings not in the baseline FILE\n"
	"                         (rule, path and fingerprint); the others are kept in JSON\n"
	"                         and SARIF, marked unchanged\n"
	"      --write-baseline FILE  write today's findings to FILE as a baseline\n"
	"      --shard K/N        scan part K of N (1 <= K <= N): the files whose relative\n"
	"                         path hashes to it; repository rules run in part 1 only;\n"
	"                         join the parts' reports with 'etsilint merge'\n"
	"\n"
	"Suppress a finding with a comment on its line or on the line above:\n"
	"  // etsilint-ignore RULE-ID[,RULE-ID...]: reason   (# in config, make, Yocto files)\n"
	"  // etsilint-ignore-file RULE-ID: reason           (the whole file)\n"
	"Suppressed findings are not printed and do not count for the exit status.\n"
	"\n"
	"Options for report (and the scan options above, except --shard):\n"
	"  -f, --format FORMAT    markdown (default), html (one self-contained page) or json\n"
	"  -o, --output FILE      write the report to FILE; links to files are made relative\n"
	"                         to its folder\n"
	"      --statement FILE   the conformance statement (default: " STATEMENT_NAME "\n"
	"                         in the scan root, when there is one)\n"
	"      --no-statement     ignore any statement: report what the scan alone shows\n"
	"Statuses: contradicted (a finding of severity low or higher), not met, not\n"
	"applicable, supported (statement), evidence found, needs a statement. Exit status\n"
	"as for scan; 2 when the statement has errors.\n"
	"\n"
	"Options for rules:\n"
	"  -f, --format FORMAT    text (default), json or markdown\n"
	"      --provision ID     only rules for this provision or area (5.5-1, 5.5)\n"
	"\n"
	"Options for merge:\n"
	"  -f, --format FORMAT    json or sarif: the format the inputs must have (default:\n"
	"                         detected; all inputs must have one format, etsilint\n"
	"                         version and rule set)\n"
	"  -o, --output FILE      write the merged report to FILE instead of standard output\n"
	"\n"
	"Exit status: 0 no finding at or above the --fail-on threshold, 1 findings,\n"
	"2 usage, rule-pack or I/O error that prevented a complete scan.\n"
	"\n"
	"Examples:\n"
	"  etsilint scan                      scan the current directory\n"
	"  etsilint scan --format sarif -o etsilint.sarif firmware/\n"
	"  etsilint scan --fail-on high --exclude 'third_party/**' .\n"
	"  etsilint explain hardcoded-password-c\n"
	"  etsilint report --format html -o conformance.html firmware/\n"
	"  etsilint scan --shard 2/3 -f json -o part2.json .   one of three CI jobs\n"
	"  etsilint merge -o etsilint.json part1.json part2.json part3.json\n"
	"\n"
	"See etsilint(1) and etsilint-rules(5).\n";

static void usage_error(const char *fmt, ...) UTIL_PRINTF(1, 2);
static void usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("etsilint: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'etsilint --help' for more information.\n", stderr);
}

static int parse_size(const char *s, size_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (end == s || errno)
		return -1;
	if (*end == 'k' || *end == 'K')
		v *= 1024, end++;
	else if (*end == 'M' || *end == 'm')
		v *= 1024 * 1024, end++;
	else if (*end == 'G' || *end == 'g')
		v *= 1024ull * 1024 * 1024, end++;
	if (*end || v == 0)
		return -1;
	*out = (size_t)v;
	return 0;
}

enum {
	OPT_RULES = 256, OPT_FAIL_ON, OPT_EXCLUDE, OPT_ROOT, OPT_MAX_SIZE, OPT_COLOR, OPT_PROVISION,
	OPT_NO_CACHE, OPT_CACHE_DIR, OPT_STATS, OPT_NO_INFER, OPT_CONFIG, OPT_NO_CONFIG, OPT_FILE_TIMEOUT,
	OPT_BASELINE, OPT_WRITE_BASELINE, OPT_SHARD, OPT_STATEMENT, OPT_NO_STATEMENT,
};

static int parse_args(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{"jobs", required_argument, NULL, 'j'},
		{"quiet", no_argument, NULL, 'q'},
		{"rules", required_argument, NULL, OPT_RULES},
		{"fail-on", required_argument, NULL, OPT_FAIL_ON},
		{"exclude", required_argument, NULL, OPT_EXCLUDE},
		{"root", required_argument, NULL, OPT_ROOT},
		{"max-file-size", required_argument, NULL, OPT_MAX_SIZE},
		{"color", required_argument, NULL, OPT_COLOR},
		{"colour", required_argument, NULL, OPT_COLOR},
		{"provision", required_argument, NULL, OPT_PROVISION},
		{"no-cache", no_argument, NULL, OPT_NO_CACHE},
		{"cache-dir", required_argument, NULL, OPT_CACHE_DIR},
		{"stats", no_argument, NULL, OPT_STATS},
		{"no-infer-includes", no_argument, NULL, OPT_NO_INFER},
		{"config", required_argument, NULL, OPT_CONFIG},
		{"no-config", no_argument, NULL, OPT_NO_CONFIG},
		{"file-timeout", required_argument, NULL, OPT_FILE_TIMEOUT},
		{"baseline", required_argument, NULL, OPT_BASELINE},
		{"write-baseline", required_argument, NULL, OPT_WRITE_BASELINE},
		{"shard", required_argument, NULL, OPT_SHARD},
		{"statement", required_argument, NULL, OPT_STATEMENT},
		{"no-statement", no_argument, NULL, OPT_NO_STATEMENT},
		{NULL, 0, NULL, 0},
	};
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hVf:o:j:qI:D:p:", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(usage_text, stdout);
			exit(EXIT_CLEAN);
		case 'V':
			printf("etsilint %s\n", ETSILINT_VERSION);
			exit(EXIT_CLEAN);
		case 'f':
			o->format = optarg;
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'j': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*end || v < 1 || v > 1024) {
				usage_error("invalid --jobs '%s': give a number from 1 to 1024", optarg);
				return -1;
			}
			o->jobs = (unsigned)v;
			break;
		}
		case 'q':
			o->quiet = 1;
			break;
		case 'I':
			strvec_push_owned(&o->cflags, xasprintf("-I%s", optarg));
			break;
		case 'D':
			strvec_push_owned(&o->cflags, xasprintf("-D%s", optarg));
			break;
		case 'p':
			o->cdb_dir = optarg;
			break;
		case OPT_RULES:
			strvec_push(&o->rules, optarg);
			break;
		case OPT_FAIL_ON: {
			enum severity s;
			o->fail_on_set = 1;
			if (strcmp(optarg, "none") == 0) {
				o->fail_on = SEV_NONE;
			} else if (severity_parse(optarg, &s) == 0) {
				o->fail_on = (int)s;
			} else {
				usage_error("invalid --fail-on '%s': use critical, high, medium, low, info or none",
					    optarg);
				return -1;
			}
			break;
		}
		case OPT_EXCLUDE:
			strvec_push(&o->excludes, optarg);
			break;
		case OPT_ROOT:
			o->root = optarg;
			break;
		case OPT_MAX_SIZE:
			if (parse_size(optarg, &o->max_file_size) != 0) {
				usage_error("invalid --max-file-size '%s': give bytes, optionally with k, M or G",
					    optarg);
				return -1;
			}
			break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") == 0)
				o->color = -1;
			else if (strcmp(optarg, "always") == 0)
				o->color = 1;
			else if (strcmp(optarg, "never") == 0)
				o->color = 0;
			else {
				usage_error("invalid --color '%s': use auto, always or never", optarg);
				return -1;
			}
			break;
		case OPT_PROVISION:
			o->provision = optarg;
			break;
		case OPT_NO_CACHE:
			o->no_cache = 1;
			break;
		case OPT_CACHE_DIR:
			o->cache_dir = optarg;
			break;
		case OPT_STATS:
			o->stats = 1;
			break;
		case OPT_NO_INFER:
			o->no_infer = 1;
			break;
		case OPT_CONFIG:
			o->config = optarg;
			break;
		case OPT_NO_CONFIG:
			o->no_config = 1;
			break;
		case OPT_FILE_TIMEOUT: {
			char *end;
			double secs = strtod(optarg, &end);
			if (end == optarg || *end || !(secs >= 0) || secs > 86400) {
				usage_error("invalid --file-timeout '%s': give seconds (0: no limit)", optarg);
				return -1;
			}
			o->file_timeout_ms = (unsigned)(secs * 1000 + 0.5);
			break;
		}
		case OPT_BASELINE:
			o->baseline = optarg;
			break;
		case OPT_WRITE_BASELINE:
			o->write_baseline = optarg;
			break;
		case OPT_SHARD:
			if (merge_shard_parse(optarg, &o->shard_k, &o->shard_n) != 0) {
				usage_error("invalid --shard '%s': give K/N with 1 <= K <= N <= %u "
					    "(e.g. 2/3 for the second of three parts)", optarg,
					    MERGE_MAX_SHARDS);
				return -1;
			}
			break;
		case OPT_STATEMENT:
			o->statement = optarg;
			break;
		case OPT_NO_STATEMENT:
			o->no_statement = 1;
			break;
		case ':':
			usage_error("option '%s' needs an argument", argv[optind - 1]);
			return -1;
		default:
			usage_error("unknown option '%s'", argv[optind - 1]);
			return -1;
		}
	}
	if (optind >= argc) {
		usage_error("%s", "no command given: use scan, report, rules, explain or merge");
		return -1;
	}
	o->command = argv[optind++];
	for (; optind < argc; optind++)
		strvec_push(&o->paths, argv[optind]);
	return 0;
}

/* ---- rule pack location ---- */

static int is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

struct candidate {
	char *path;
	int need_readme; /* a source tree's rules/ is recognised by its README.md */
};

/* The default pack: $ETSILINT_RULES; else the pack installed beside the
 * binary (PREFIX/bin/../share/etsilint/rules); else, for a binary in a build
 * folder of the source tree, the tree's rules/ (recognised by its README.md);
 * else the configured ETSILINT_DATADIR. */
static int load_pack(const struct options *o, struct rulepack *pack, struct diag *d)
{
	if (o->rules.n)
		return rulepack_load(pack, (const char *const *)o->rules.v, o->rules.n, d);
	if (o->pc.rules.n)
		return rulepack_load(pack, (const char *const *)o->pc.rules.v, o->pc.rules.n, d);
	struct candidate cand[5];
	size_t nc = 0;
	const char *env = getenv("ETSILINT_RULES");
	if (env && *env)
		cand[nc++] = (struct candidate){xstrdup(env), 0};
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash)
			*slash = '\0';
		cand[nc++] = (struct candidate){xasprintf("%s/../share/etsilint/rules", exe), 0};
		cand[nc++] = (struct candidate){xasprintf("%s/../rules", exe), 1};
		cand[nc++] = (struct candidate){xasprintf("%s/../../rules", exe), 1};
	}
	cand[nc++] = (struct candidate){xstrdup(ETSILINT_DATADIR "/rules"), 0};
	size_t i;
	for (i = 0; i < nc; i++) {
		char *probe = path_join(cand[i].path, "README.md");
		int usable = is_dir(cand[i].path) && (!cand[i].need_readme || access(probe, F_OK) == 0);
		free(probe);
		if (usable || (i == 0 && env && *env))
			break;
	}
	int rc = -1;
	if (i < nc) {
		const char *p = cand[i].path;
		rc = rulepack_load(pack, &p, 1, d);
	} else {
		diag_error(d, NULL, 0, 0,
			   "no rule pack found (looked beside the binary and in %s/rules); give one with "
			   "--rules PATH", ETSILINT_DATADIR);
	}
	for (size_t k = 0; k < nc; k++)
		free(cand[k].path);
	return rc;
}

/* Load the project configuration (from dir upwards, or --config), then the
 * rule pack, and apply the configuration to it. Returns 0, or -1 with the
 * problems in d. */
static int setup(struct options *o, const char *dir, struct rulepack *pack, struct diag *d)
{
	if (!o->no_config) {
		char *path = o->config ? xstrdup(o->config) : projconf_find(dir);
		if (path) {
			int rc = projconf_load(&o->pc, path, d);
			free(path);
			if (rc != 0)
				return -1;
			for (size_t i = 0; i < o->pc.excludes.n; i++)
				strvec_push(&o->excludes, o->pc.excludes.v[i]);
			/* The file's -I/-D first: the command line's come later and win. */
			struct strvec cf = {0};
			for (size_t i = 0; i < o->pc.cflags.n; i++)
				strvec_push(&cf, o->pc.cflags.v[i]);
			for (size_t i = 0; i < o->cflags.n; i++)
				strvec_push(&cf, o->cflags.v[i]);
			strvec_free(&o->cflags);
			o->cflags = cf;
			if (!o->fail_on_set && o->pc.has_fail_on)
				o->fail_on = o->pc.fail_on < 0 ? SEV_NONE : o->pc.fail_on;
		}
	}
	if (load_pack(o, pack, d) != 0)
		return -1;
	if (o->pc.path && projconf_apply(&o->pc, pack, d) != 0)
		return -1;
	return 0;
}

/* ---- scan ---- */

/* "etsilint: 7 findings (2 critical, 5 high) in 12 files (3 suppressed, 40 in
 * the baseline); 1 error": the counts are of reported findings. */
static void print_summary(const struct findings *fs, size_t nfiles, const struct diag *d)
{
	size_t by[SEV_CRITICAL + 1] = {0};
	size_t n = 0, nsup = 0, nbase = 0;
	for (size_t i = 0; i < fs->n; i++) {
		const struct finding *f = &fs->v[i];
		if (f->suppressed)
			nsup++;
		else if (f->baseline == BASELINE_UNCHANGED)
			nbase++;
		else
			by[f->rule->severity]++, n++;
	}
	fprintf(stderr, "etsilint: %zu finding%s", n, n == 1 ? "" : "s");
	if (n) {
		const char *sep = " (";
		for (int s = SEV_CRITICAL; s >= SEV_INFO; s--) {
			if (!by[s])
				continue;
			fprintf(stderr, "%s%zu %s", sep, by[s], severity_name((enum severity)s));
			sep = ", ";
		}
		fputc(')', stderr);
	}
	fprintf(stderr, " in %zu file%s", nfiles, nfiles == 1 ? "" : "s");
	if (nsup && nbase)
		fprintf(stderr, " (%zu suppressed, %zu in the baseline)", nsup, nbase);
	else if (nsup)
		fprintf(stderr, " (%zu suppressed)", nsup);
	else if (nbase)
		fprintf(stderr, " (%zu in the baseline)", nbase);
	if (d->nerrors)
		fprintf(stderr, "; %zu error%s", d->nerrors, d->nerrors == 1 ? "" : "s");
	fputc('\n', stderr);
}

static int all_dirs(const struct options *o)
{
	for (size_t i = 0; i < o->paths.n; i++)
		if (!is_dir(o->paths.v[i]))
			return 0;
	return 1;
}

/* The absolute scan root; *display is the root as the user named it. */
static char *scan_root(const struct options *o, const char **display)
{
	const char *r = o->root;
	if (!r && o->paths.n == 1 && is_dir(o->paths.v[0]))
		r = o->paths.v[0];
	if (!r)
		r = ".";
	*display = r;
	return realpath(r, NULL);
}

/* part = the files of shard k of n (n 0: all of them). part borrows the
 * strings of files: release it with free(part->v), not filelist_free. */
static void shard_select(const struct filelist *files, unsigned k, unsigned n,
			 struct filelist *part)
{
	part->v = xcalloc(files->n ? files->n : 1, sizeof *part->v);
	part->n = 0;
	part->cap = files->n;
	for (size_t i = 0; i < files->n; i++)
		if (n == 0 || merge_shard_of(files->v[i].relpath, n) == k)
			part->v[part->n++] = files->v[i];
}

/* One scan, shared by `scan` and `report`: the configuration and rule pack
 * loaded, the tree walked and scanned, the baseline applied. */
struct scan_run {
	char *root;                 /* absolute scan root */
	const char *root_display;   /* the root as the user named it */
	struct diag d;
	struct rulepack pack;
	struct baseline *baseline;  /* --baseline, until applied */
	struct filelist files;      /* every file of the walk */
	struct filelist part;       /* the files scanned (the shard); strings borrowed from files */
	struct findings fs;
};

static void scan_run_free(struct scan_run *r)
{
	findings_free(&r->fs);
	free(r->part.v); /* its strings are files' */
	filelist_free(&r->files);
	baseline_free(r->baseline);
	rulepack_free(&r->pack);
	diag_free(&r->d);
	free(r->root);
}

/* Find the root, load the configuration, the rule pack and the baseline.
 * Returns 0, or EXIT_ERROR after printing the problems (r is then freed). */
static int scan_prepare(struct options *o, struct scan_run *r)
{
	memset(r, 0, sizeof *r);
	diag_init(&r->d);
	if (o->paths.n == 0)
		strvec_push(&o->paths, ".");
	r->root = scan_root(o, &r->root_display);
	if (!r->root) {
		fprintf(stderr, "etsilint: --root %s: %s\n", o->root ? o->root : ".", strerror(errno));
		scan_run_free(r);
		return EXIT_ERROR;
	}
	if (setup(o, r->root, &r->pack, &r->d) != 0) {
		diag_sort(&r->d);
		diag_print(&r->d, stderr, "etsilint");
		if (o->pc.path)
			fprintf(stderr, "etsilint: the rule pack or the project configuration %s has "
					"errors; nothing was scanned\n", o->pc.path);
		else
			fprintf(stderr, "etsilint: the rule pack has errors; nothing was scanned\n");
		scan_run_free(r);
		return EXIT_ERROR;
	}
	if (o->baseline && baseline_load(o->baseline, &r->baseline, &r->d) != 0) {
		diag_sort(&r->d);
		diag_print(&r->d, stderr, "etsilint");
		fprintf(stderr, "etsilint: the baseline %s cannot be used; nothing was scanned\n",
			o->baseline);
		scan_run_free(r);
		return EXIT_ERROR;
	}
	return 0;
}

/* Walk, scan, apply and write the baseline; diagnostics sorted, not printed. */
static void scan_execute(struct options *o, struct scan_run *r)
{
	walk_paths((const char *const *)o->paths.v, o->paths.n, r->root,
		   (const char *const *)o->excludes.v, o->excludes.n, &r->files, &r->d);
	/* Rules with paths.exclude-trees: the folders of the walked tree that
	 * hold their marker files (the whole tree, so every shard agrees). */
	const char **relpaths = xcalloc(r->files.n ? r->files.n : 1, sizeof *relpaths);
	for (size_t i = 0; i < r->files.n; i++)
		relpaths[i] = r->files.v[i].relpath;
	rulepack_bind_files(&r->pack, relpaths, r->files.n);
	free(relpaths);
	/* The files this run scans: all, or those of its shard (borrowed from
	 * files, which stays whole for the include inference of flags_new). */
	shard_select(&r->files, o->shard_k, o->shard_n, &r->part);
	struct scan_config cfg = {
		.jobs = o->jobs,
		.max_file_size = o->max_file_size,
		.file_timeout_ms = o->file_timeout_ms,
		.cflags = (const char *const *)o->cflags.v,
		.ncflags = o->cflags.n,
		.progress = !o->quiet && isatty(STDERR_FILENO) && r->part.n >= 50,
		/* Repository rules need a repository: not for a list of files
		 * (a pre-commit hook passes the changed files); once per tree
		 * when it is scanned in shards. */
		.root = all_dirs(o) && o->shard_k <= 1 ? r->root : NULL,
		.root_display = r->root_display,
	};
	struct flagset *flags = flags_new(r->root, o->cdb_dir, &r->files,
					  (const char *const *)o->cflags.v, o->cflags.n,
					  o->no_infer ? FLAGS_NO_INFER : 0, &r->d);
	cfg.flags = flags;
	struct cache *cache = o->no_cache ? NULL : cache_open(o->cache_dir, r->root, &r->d);
	struct scan_stats stats = {0};
	cfg.cache = cache;
	cfg.stats = &stats;
	engine_scan(&cfg, &r->pack, &r->part, &r->fs, &r->d);
	flags_free(flags);
	if (o->stats)
		fprintf(stderr, "etsilint: %zu files matched, %zu parsed, %zu from the cache%s%s\n",
			stats.files, stats.parsed, stats.cached, cache ? " in " : "",
			cache ? cache_dir(cache) : "");
	cache_close(cache);
	if (r->baseline) {
		baseline_apply(r->baseline, &r->fs);
		baseline_free(r->baseline);
		r->baseline = NULL;
	}
	if (o->write_baseline)
		baseline_write(o->write_baseline, &r->fs, &r->d); /* an error is fatal: exit 2 */
	diag_sort(&r->d);
}

/* The scan result the reporters read. */
static struct scan_result scan_result_of(const struct options *o, const struct scan_run *r)
{
	int color = o->color;
	if (color < 0)
		color = !o->output && isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
	return (struct scan_result){
		.tool_version = ETSILINT_VERSION,
		.root = r->root,
		.pack = &r->pack,
		.findings = &r->fs,
		.diag = &r->d,
		.nfiles = r->part.n,
		.fail_on = o->fail_on == SEV_NONE ? SEV_CRITICAL : (enum severity)o->fail_on,
		.color = color,
	};
}

/* Open -o FILE (or standard output); NULL after printing why. */
static FILE *output_open(const struct options *o)
{
	if (!o->output)
		return stdout;
	FILE *out = fopen(o->output, "w");
	if (!out)
		fprintf(stderr, "etsilint: cannot write %s: %s\n", o->output, strerror(errno));
	return out;
}

/* Close what output_open opened; returns nonzero when the output failed. */
static int output_close(FILE *out)
{
	if (!out)
		return 1;
	if (out != stdout)
		return fclose(out) != 0;
	return fflush(out) != 0;
}

/* Print the diagnostics and the summary; the exit status of the run. */
static int scan_finish(const struct options *o, struct scan_run *r, int write_failed)
{
	diag_print(&r->d, stderr, "etsilint");
	if (!o->quiet)
		print_summary(&r->fs, r->part.n, &r->d);
	int rc = EXIT_CLEAN;
	if (o->fail_on != SEV_NONE && findings_count_at_least(&r->fs, (enum severity)o->fail_on))
		rc = EXIT_FINDINGS;
	if (r->d.nfatal || write_failed) {
		if (!o->quiet)
			fprintf(stderr, "etsilint: the scan was incomplete (%s); exit status 2\n",
				write_failed ? "the report could not be written" : "see the errors above");
		rc = EXIT_ERROR;
	}
	return rc;
}

static int cmd_scan(struct options *o)
{
	if (!o->format)
		o->format = "text";
	const struct reporter_ops *rep = reporter_find(o->format);
	if (!rep) {
		usage_error("unknown --format '%s' for scan: use text, json, sarif or github", o->format);
		return EXIT_ERROR;
	}
	struct scan_run r;
	if (scan_prepare(o, &r) != 0)
		return EXIT_ERROR;
	scan_execute(o, &r);
	struct scan_result res = scan_result_of(o, &r);
	FILE *out = output_open(o);
	int write_failed = !out;
	if (out && rep->write(out, &res) != 0)
		write_failed = 1;
	write_failed |= output_close(out);
	int rc = scan_finish(o, &r, write_failed);
	scan_run_free(&r);
	return rc;
}

/* ---- report ---- */

/* The statement to read: --statement, else etsilint-statement.yaml at the
 * scan root when it exists (named as the user named the root), else none. */
static char *statement_path(const struct options *o, const struct scan_run *r)
{
	if (o->no_statement)
		return NULL;
	if (o->statement)
		return xstrdup(o->statement);
	char *abs = path_join(r->root, STATEMENT_NAME);
	int found = access(abs, F_OK) == 0;
	free(abs);
	if (!found)
		return NULL;
	if (strcmp(r->root_display, ".") == 0)
		return xstrdup(STATEMENT_NAME);
	return path_join(r->root_display, STATEMENT_NAME);
}

/* Links in the report are relative to the folder of the -o file (to the
 * scan root when the report goes to standard output). New string. */
static char *report_link_prefix(const struct options *o, const char *root)
{
	if (!o->output)
		return xstrdup("");
	const char *slash = strrchr(o->output, '/');
	char *dir = slash ? xstrndup(o->output, (size_t)(slash - o->output + (slash == o->output)))
			  : xstrdup(".");
	char *abs = realpath(dir, NULL);
	free(dir);
	if (!abs)
		return xstrdup("");
	char *p = conformance_link_prefix(abs, root);
	free(abs);
	return p;
}

static void print_report_summary(const struct conformance *c, const struct options *o)
{
	static const char *const words[CONF_NSTATUS] = {
		[CONF_CONTRADICTED] = "contradicted",
		[CONF_NOT_MET] = "not met",
		[CONF_NOT_APPLICABLE] = "not applicable",
		[CONF_SUPPORTED] = "supported by the statement",
		[CONF_EVIDENCE] = "with evidence found",
		[CONF_NEEDS_STATEMENT] = "in need of a statement",
	};
	fprintf(stderr, "etsilint: %zu provisions:", c->n);
	const char *sep = " ";
	for (int s = 0; s < CONF_NSTATUS; s++) {
		if (!c->count[s])
			continue;
		fprintf(stderr, "%s%zu %s", sep, c->count[s], words[s]);
		sep = ", ";
	}
	if (o->output)
		fprintf(stderr, "; report written to %s", o->output);
	fputc('\n', stderr);
}

static int cmd_report(struct options *o)
{
	if (!o->format)
		o->format = "markdown";
	const struct conf_writer *w = conformance_writer_find(o->format);
	if (!w) {
		usage_error("unknown --format '%s' for report: use markdown, html or json", o->format);
		return EXIT_ERROR;
	}
	if (o->shard_n) {
		usage_error("%s", "'report' needs the whole tree: --shard is for scan");
		return EXIT_ERROR;
	}
	if (o->statement && o->no_statement) {
		usage_error("%s", "--statement and --no-statement exclude each other");
		return EXIT_ERROR;
	}
	struct scan_run r;
	if (scan_prepare(o, &r) != 0)
		return EXIT_ERROR;
	/* The statement before the scan: an error in it stops the run at once. */
	struct statement st = {0};
	char *spath = statement_path(o, &r);
	if (spath && statement_load(&st, spath, &r.d) != 0) {
		diag_sort(&r.d);
		diag_print(&r.d, stderr, "etsilint");
		fprintf(stderr, "etsilint: the conformance statement %s has errors; nothing was "
				"scanned\n", spath);
		free(spath);
		statement_free(&st);
		scan_run_free(&r);
		return EXIT_ERROR;
	}
	scan_execute(o, &r);
	struct scan_result res = scan_result_of(o, &r);
	char *prefix = report_link_prefix(o, r.root);
	struct conformance c;
	conformance_build(&c, &res, spath ? &st : NULL, prefix);
	FILE *out = output_open(o);
	int write_failed = !out;
	if (out && w->write(out, &c) != 0)
		write_failed = 1;
	write_failed |= output_close(out);
	int rc = scan_finish(o, &r, write_failed);
	if (!o->quiet && !write_failed)
		print_report_summary(&c, o);
	conformance_free(&c);
	free(prefix);
	free(spath);
	statement_free(&st);
	scan_run_free(&r);
	return rc;
}

/* ---- merge ---- */

static int cmd_merge(struct options *o)
{
	enum merge_format want = MERGE_AUTO;
	if (o->format && strcmp(o->format, "json") == 0) {
		want = MERGE_JSON;
	} else if (o->format && strcmp(o->format, "sarif") == 0) {
		want = MERGE_SARIF;
	} else if (o->format) {
		usage_error("unknown --format '%s' for merge: use json or sarif", o->format);
		return EXIT_ERROR;
	}
	if (o->paths.n == 0) {
		usage_error("%s", "'merge' needs the reports to join: etsilint merge [-o FILE] INPUT...");
		return EXIT_ERROR;
	}
	struct diag d;
	diag_init(&d);
	cJSON *doc;
	struct merge_info info;
	int rc = merge_reports((const char *const *)o->paths.v, o->paths.n, want, &doc, &info, &d);
	diag_print(&d, stderr, "etsilint");
	diag_free(&d);
	if (rc != 0) {
		fprintf(stderr, "etsilint: nothing was merged\n");
		return EXIT_ERROR;
	}
	FILE *out = o->output ? fopen(o->output, "w") : stdout;
	if (!out) {
		fprintf(stderr, "etsilint: cannot write %s: %s\n", o->output, strerror(errno));
		cJSON_Delete(doc);
		return EXIT_ERROR;
	}
	int failed = jsonw_print(out, doc) != 0;
	if (out != stdout && fclose(out) != 0)
		failed = 1;
	if (failed) {
		fprintf(stderr, "etsilint: cannot write %s: %s\n", o->output ? o->output : "the report",
			strerror(errno));
		return EXIT_ERROR;
	}
	if (!o->quiet) {
		fprintf(stderr, "etsilint: merged %zu %s report%s: %zu finding%s", o->paths.n,
			info.format == MERGE_SARIF ? "SARIF" : "JSON", o->paths.n == 1 ? "" : "s",
			info.findings, info.findings == 1 ? "" : "s");
		if (info.format == MERGE_JSON)
			fprintf(stderr, " in %zu file%s", info.files, info.files == 1 ? "" : "s");
		fputc('\n', stderr);
	}
	return EXIT_CLEAN;
}

/* ---- rules and explain ---- */

static int rule_selected(const struct rule *r, const char *prov)
{
	if (!prov)
		return 1;
	size_t pl = strlen(prov);
	for (size_t i = 0; i < r->nprovisions; i++) {
		const char *p = r->provisions[i];
		if (strcmp(p, prov) == 0 || (strncmp(p, prov, pl) == 0 && p[pl] == '-'))
			return 1;
	}
	return 0;
}

static char *join_provisions(const struct rule *r)
{
	struct sbuf b = {0};
	for (size_t i = 0; i < r->nprovisions; i++)
		sbuf_addf(&b, "%s%s", i ? "," : "", r->provisions[i]);
	return sbuf_take(&b);
}

static char *kinds_text(unsigned kinds)
{
	struct sbuf b = {0};
	for (unsigned k = 1; k & FK_ALL; k <<= 1)
		if (kinds & k)
			sbuf_addf(&b, "%s%s", b.len ? ", " : "", classify_kind_name(k));
	return sbuf_take(&b);
}

static void rules_json(const struct rulepack *pack, const char *prov)
{
	cJSON *arr = jsonw_arr();
	for (size_t i = 0; i < pack->n; i++) {
		const struct rule *r = pack->rules[i];
		if (!rule_selected(r, prov))
			continue;
		cJSON *o = jsonw_obj();
		jsonw_add(o, "id", jsonw_str(r->id));
		jsonw_add(o, "title", jsonw_str(r->title));
		jsonw_add(o, "severity", jsonw_str(severity_name(r->severity)));
		jsonw_add(o, "precision", jsonw_str(r->precision ? r->precision : ""));
		cJSON *pv = jsonw_arr();
		for (size_t k = 0; k < r->nprovisions; k++)
			jsonw_push(pv, jsonw_str(r->provisions[k]));
		jsonw_add(o, "provisions", pv);
		cJSON *cw = jsonw_arr();
		for (size_t k = 0; k < r->ncwe; k++)
			jsonw_push(cw, jsonw_num(r->cwe[k]));
		jsonw_add(o, "cwe", cw);
		jsonw_add(o, "matcher", jsonw_str(r->ops->name));
		char *kt = kinds_text(r->kinds);
		jsonw_add(o, "appliesTo", jsonw_str(kt));
		free(kt);
		jsonw_add(o, "description", jsonw_str(r->description ? r->description : r->title));
		jsonw_add(o, "remediation", jsonw_str(r->remediation));
		cJSON *rf = jsonw_arr();
		for (size_t k = 0; k < r->nreferences; k++)
			jsonw_push(rf, jsonw_str(r->references[k]));
		jsonw_add(o, "references", rf);
		jsonw_push(arr, o);
	}
	(void)jsonw_print(stdout, arr); /* output errors ignored, as for -f text/markdown */
}

static void rules_markdown(const struct rulepack *pack, const char *prov)
{
	puts("| Rule | Severity | Provisions | CWE | Title |");
	puts("|---|---|---|---|---|");
	for (size_t i = 0; i < pack->n; i++) {
		const struct rule *r = pack->rules[i];
		if (!rule_selected(r, prov))
			continue;
		char *pv = join_provisions(r);
		printf("| `%s` | %s | %s | ", r->id, severity_name(r->severity), pv);
		for (size_t k = 0; k < r->ncwe; k++)
			printf("%sCWE-%u", k ? ", " : "", r->cwe[k]);
		printf(" | %s |\n", r->title);
		free(pv);
	}
}

static int cmd_rules(struct options *o)
{
	const char *fmt = o->format ? o->format : "text";
	if (strcmp(fmt, "text") && strcmp(fmt, "json") && strcmp(fmt, "markdown")) {
		usage_error("unknown --format '%s' for rules: use text, json or markdown", fmt);
		return EXIT_ERROR;
	}
	if (o->paths.n) {
		usage_error("'rules' takes no arguments (got '%s')", o->paths.v[0]);
		return EXIT_ERROR;
	}
	struct diag d;
	diag_init(&d);
	struct rulepack pack = {0};
	int rc = setup(o, ".", &pack, &d);
	diag_sort(&d);
	diag_print(&d, stderr, "etsilint");
	if (rc == 0) {
		if (strcmp(fmt, "json") == 0) {
			rules_json(&pack, o->provision);
		} else if (strcmp(fmt, "markdown") == 0) {
			rules_markdown(&pack, o->provision);
		} else {
			size_t w = 4;
			for (size_t i = 0; i < pack.n; i++)
				if (strlen(pack.rules[i]->id) > w)
					w = strlen(pack.rules[i]->id);
			printf("%-*s  %-8s  %-18s  %s\n", (int)w, "RULE", "SEVERITY", "PROVISIONS", "TITLE");
			for (size_t i = 0; i < pack.n; i++) {
				const struct rule *r = pack.rules[i];
				if (!rule_selected(r, o->provision))
					continue;
				char *pv = join_provisions(r);
				printf("%-*s  %-8s  %-18s  %s\n", (int)w, r->id, severity_name(r->severity), pv,
				       r->title);
				free(pv);
			}
		}
	}
	rulepack_free(&pack);
	diag_free(&d);
	return rc == 0 ? EXIT_CLEAN : EXIT_ERROR;
}

static int cmd_explain(struct options *o)
{
	if (o->paths.n != 1) {
		usage_error("%s", "'explain' takes exactly one RULE-ID (see 'etsilint rules')");
		return EXIT_ERROR;
	}
	struct diag d;
	diag_init(&d);
	struct rulepack pack = {0};
	int rc = setup(o, ".", &pack, &d);
	diag_sort(&d);
	diag_print(&d, stderr, "etsilint");
	const struct rule *r = rc == 0 ? rulepack_find(&pack, o->paths.v[0]) : NULL;
	if (rc == 0 && !r) {
		fprintf(stderr, "etsilint: no rule '%s'; 'etsilint rules' lists them\n", o->paths.v[0]);
		rc = -1;
	}
	if (r) {
		printf("%s: %s\n\n", r->id, r->title);
		printf("Severity:    %s\n", severity_name(r->severity));
		if (r->precision)
			printf("Precision:   %s\n", r->precision);
		printf("Provisions: ");
		for (size_t i = 0; i < r->nprovisions; i++) {
			const struct provision *p = provision_find(r->provisions[i]);
			printf("%s EN 303 645 %s (%s)\n", i ? "            " : "", r->provisions[i],
			       p ? p->title : "?");
		}
		printf("CWE:        ");
		for (size_t i = 0; i < r->ncwe; i++)
			printf(" CWE-%u", r->cwe[i]);
		char *kt = kinds_text(r->kinds);
		printf("\nApplies to:  %s\nMatcher:     %s\n\n", kt, r->ops->name);
		free(kt);
		printf("%s\n\nRemediation:\n  %s\n", r->description ? r->description : r->title,
		       r->remediation);
		if (r->nreferences) {
			puts("\nReferences:");
			for (size_t i = 0; i < r->nreferences; i++)
				printf("  - %s\n", r->references[i]);
		}
		printf("\nDefined in %s:%u\n", r->file, r->line);
	}
	rulepack_free(&pack);
	diag_free(&d);
	return rc == 0 ? EXIT_CLEAN : EXIT_ERROR;
}

int main(int argc, char **argv)
{
	struct options o = {0};
	o.fail_on = SEV_LOW;
	o.color = -1;
	o.max_file_size = 16u * 1024 * 1024;
	o.file_timeout_ms = 60000;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	o.jobs = ncpu > 0 ? (unsigned)ncpu : 1;
	int rc;
	if (parse_args(argc, argv, &o) != 0)
		rc = EXIT_ERROR;
	else if (strcmp(o.command, "scan") == 0)
		rc = cmd_scan(&o);
	else if (strcmp(o.command, "report") == 0)
		rc = cmd_report(&o);
	else if (strcmp(o.command, "rules") == 0)
		rc = cmd_rules(&o);
	else if (strcmp(o.command, "explain") == 0)
		rc = cmd_explain(&o);
	else if (strcmp(o.command, "merge") == 0)
		rc = cmd_merge(&o);
	else if (strcmp(o.command, "help") == 0) {
		fputs(usage_text, stdout);
		rc = EXIT_CLEAN;
	} else {
		usage_error("unknown command '%s': use scan, report, rules, explain or merge", o.command);
		rc = EXIT_ERROR;
	}
	strvec_free(&o.paths);
	strvec_free(&o.rules);
	strvec_free(&o.excludes);
	strvec_free(&o.cflags);
	projconf_free(&o.pc);
	return rc;
}
