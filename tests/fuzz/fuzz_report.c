/* fuzz_report.c - the JSON and SARIF writers (and the text writer, for
 * crashes only) on arbitrary strings: whatever bytes a path, message or
 * snippet holds, the output must be valid JSON (cJSON_Parse succeeds) and
 * valid UTF-8, the strings must survive unchanged when they were valid
 * UTF-8, and SARIF regions must stay 1-based. Any violation aborts.
 *
 * Input layout: a 17-byte header (flags, then line, col, end_line, end_col
 * as little-endian 32-bit values; missing bytes are 0), then up to six
 * NUL-separated strings: path, message, snippet, root, diagnostic message,
 * data-flow steps. flags: 1 relpath NULL (path only), 2 root NULL,
 * 4 recovered, 8 add a second finding on the same line, 16 diagnostic
 * without a path. When the sixth string is there (even empty), the findings
 * carry a data-flow path: one step per '\n'-separated part (at most
 * MAX_STEPS, the last part keeps the rest), at positions derived from the
 * header's (wrapping, so 0 and huge values occur); their messages must
 * round-trip in JSON "steps" and SARIF codeFlows, whose regions stay 1-based,
 * and the text output has a note per step. */
#include "fuzz.h"

#include <string.h>

#include <cJSON.h>

#include "diag.h"
#include "finding.h"
#include "report.h"
#include "rule.h"
#include "util.h"

#define MAX_STEPS 8

static struct rulepack pack;

static const char pack_yaml[] =
	"rules:\n"
	"  - id: hardcoded-password\n"
	"    title: Hard-coded password\n"
	"    description: A password is stored in the firmware image.\n"
	"    message: 'password {value}'\n"
	"    severity: critical\n"
	"    provisions: [5.1-1, 5.4-3]\n"
	"    cwe: [798, 259]\n"
	"    precision: high\n"
	"    secret: true\n"
	"    remediation: Provision credentials per device.\n"
	"    references: [https://cwe.mitre.org/data/definitions/798.html, not a url]\n"
	"    match:\n"
	"      regex: { pattern: 'password=(.*)' }\n";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	struct diag d;
	diag_init(&d);
	if (rulepack_load_string(&pack, "fuzz-pack.yaml", pack_yaml, strlen(pack_yaml), &d) != 0 ||
	    pack.n != 1) {
		diag_print(&d, stderr, "fuzz_report");
		exit(1);
	}
	diag_free(&d);
	return 0;
}

static unsigned get_u32(const uint8_t *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8 | (unsigned)p[2] << 16 | (unsigned)p[3] << 24;
}

/* Strict UTF-8 (RFC 3629: no overlongs, no surrogates, <= U+10FFFF). */
static int utf8_valid(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned c = s[i];
		size_t len;
		unsigned lo = 0x80, hi = 0xbf;
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xc2 && c <= 0xdf) {
			len = 2;
		} else if (c >= 0xe0 && c <= 0xef) {
			len = 3;
			lo = c == 0xe0 ? 0xa0 : 0x80;
			hi = c == 0xed ? 0x9f : 0xbf;
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4;
			lo = c == 0xf0 ? 0x90 : 0x80;
			hi = c == 0xf4 ? 0x8f : 0xbf;
		} else {
			return 0;
		}
		if (n - i < len || s[i + 1] < lo || s[i + 1] > hi)
			return 0;
		for (size_t k = 2; k < len; k++)
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
		i += len;
	}
	return 1;
}

static int str_valid(const char *s)
{
	return utf8_valid((const unsigned char *)s, strlen(s));
}

static char *render(const struct reporter_ops *ops, const struct scan_result *res, size_t *len)
{
	char *buf = NULL;
	*len = 0;
	FILE *f = open_memstream(&buf, len);
	FUZZ_CHECK(f != NULL, "open_memstream");
	int rc = ops->write(f, res);
	FUZZ_CHECK(fclose(f) == 0, "%s: fclose", ops->name);
	FUZZ_CHECK(rc == 0, "%s: write returned %d", ops->name, rc);
	return buf;
}

static const cJSON *get(const cJSON *o, const char *path)
{
	char *copy = xstrdup(path), *save = NULL;
	const cJSON *cur = o;
	for (char *tok = strtok_r(copy, ".", &save); tok && cur; tok = strtok_r(NULL, ".", &save))
		cur = (*tok >= '0' && *tok <= '9') ? cJSON_GetArrayItem(cur, atoi(tok))
						   : cJSON_GetObjectItemCaseSensitive(cur, tok);
	free(copy);
	FUZZ_CHECK(cur != NULL, "missing %s", path);
	return cur;
}

static const char *get_str(const cJSON *o, const char *path)
{
	const cJSON *j = get(o, path);
	FUZZ_CHECK(cJSON_IsString(j), "%s is not a string", path);
	return j->valuestring;
}

static double get_num(const cJSON *o, const char *path)
{
	const cJSON *j = get(o, path);
	FUZZ_CHECK(cJSON_IsNumber(j), "%s is not a number", path);
	return j->valuedouble;
}

/* A string that was valid UTF-8 must come back byte for byte. */
static void same(const char *in, const char *out, const char *what)
{
	if (str_valid(in))
		FUZZ_CHECK(strcmp(in, out) == 0, "%s changed", what);
}

/* SARIF URIs: only unreserved, reserved and %XX. */
static void check_uri(const char *u, const char *what)
{
	for (const char *p = u; *p; p++) {
		if (*p == '%') {
			FUZZ_CHECK(strchr("0123456789ABCDEFabcdef", p[1] ? p[1] : 'x') &&
					   strchr("0123456789ABCDEFabcdef", p[2] ? p[2] : 'x'),
				   "%s: bad %%-escape in '%s'", what, u);
			continue;
		}
		FUZZ_CHECK((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
				   (*p >= '0' && *p <= '9') || strchr("-._~:/?#[]@!$&'()*+,;=", *p),
			   "%s: character %#x in URI '%s'", what, (unsigned char)*p, u);
	}
}

/* A SARIF region: 1-based, not ending before it starts. */
static void check_region(const cJSON *reg, const char *what, unsigned line, unsigned col,
			 unsigned end_line, unsigned end_col)
{
	double sl = get_num(reg, "startLine"), sc = get_num(reg, "startColumn");
	double el = get_num(reg, "endLine"), ec = get_num(reg, "endColumn");
	FUZZ_CHECK(sl >= 1 && sc >= 1 && el >= sl && ec >= 1 && (el > sl || ec >= sc),
		   "sarif: bad %s region %.0f:%.0f-%.0f:%.0f (from %u:%u-%u:%u)", what, sl, sc, el,
		   ec, line, col, end_line, end_col);
}

static void check_json(const char *out, const struct finding *f, const char *root)
{
	cJSON *j = cJSON_Parse(out);
	FUZZ_CHECK(j != NULL, "json: not valid JSON near '%.40s'", cJSON_GetErrorPtr());
	FUZZ_CHECK(get_num(j, "summary.findings") >= 1, "json: no findings");
	same(f->relpath, get_str(j, "findings.0.path"), "json: path");
	same(f->message, get_str(j, "findings.0.message"), "json: message");
	same(f->snippet, get_str(j, "findings.0.snippet"), "json: snippet");
	const cJSON *steps = cJSON_GetObjectItemCaseSensitive(get(j, "findings.0"), "steps");
	FUZZ_CHECK(f->nsteps ? cJSON_IsArray(steps) && (size_t)cJSON_GetArraySize(steps) == f->nsteps
			     : steps == NULL,
		   "json: %zu steps written as %d", f->nsteps, steps ? cJSON_GetArraySize(steps) : -1);
	for (size_t i = 0; i < f->nsteps; i++) {
		const cJSON *st = cJSON_GetArrayItem(steps, (int)i);
		const struct flow_step *s = &f->steps[i];
		FUZZ_CHECK(get_num(st, "line") == s->line && get_num(st, "column") == s->col &&
				   get_num(st, "endLine") == s->end_line &&
				   get_num(st, "endColumn") == s->end_col,
			   "json: step %zu position changed", i);
		same(s->message, get_str(st, "message"), "json: step message");
	}
	if (root)
		same(root, get_str(j, "root"), "json: root");
	cJSON_Delete(j);
}

static void check_sarif(const char *out, const struct finding *f, const char *root)
{
	cJSON *j = cJSON_Parse(out);
	FUZZ_CHECK(j != NULL, "sarif: not valid JSON near '%.40s'", cJSON_GetErrorPtr());
	const cJSON *res = get(j, "runs.0.results.0");
	if (*f->message)
		same(f->message, get_str(res, "message.text"), "sarif: message");
	check_uri(get_str(res, "locations.0.physicalLocation.artifactLocation.uri"), "sarif: uri");
	const cJSON *reg = get(res, "locations.0.physicalLocation.region");
	check_region(reg, "result", f->line, f->col, f->end_line, f->end_col);
	if (*f->snippet)
		same(f->snippet, get_str(reg, "snippet.text"), "sarif: snippet");
	const cJSON *flows = cJSON_GetObjectItemCaseSensitive(res, "codeFlows");
	FUZZ_CHECK(f->nsteps ? flows != NULL : flows == NULL, "sarif: codeFlows for %zu steps",
		   f->nsteps);
	if (f->nsteps) {
		const cJSON *locs = get(flows, "0.threadFlows.0.locations");
		FUZZ_CHECK((size_t)cJSON_GetArraySize(locs) == f->nsteps,
			   "sarif: %d threadFlow locations for %zu steps", cJSON_GetArraySize(locs),
			   f->nsteps);
		for (size_t i = 0; i < f->nsteps; i++) {
			const cJSON *tfl = cJSON_GetArrayItem(locs, (int)i);
			const struct flow_step *s = &f->steps[i];
			FUZZ_CHECK(get_num(tfl, "executionOrder") == (double)(i + 1),
				   "sarif: step %zu executionOrder", i);
			check_uri(get_str(tfl, "location.physicalLocation.artifactLocation.uri"),
				  "sarif: step uri");
			check_region(get(tfl, "location.physicalLocation.region"), "step", s->line,
				     s->col, s->end_line, s->end_col);
			same(s->message, get_str(tfl, "location.message.text"), "sarif: step message");
		}
	}
	if (root && *root)
		check_uri(get_str(j, "runs.0.originalUriBaseIds.SRCROOT.uri"), "sarif: root uri");
	const cJSON *notes = get(j, "runs.0.invocations.0.toolExecutionNotifications");
	const cJSON *n;
	cJSON_ArrayForEach(n, notes) {
		const cJSON *u = cJSON_GetObjectItemCaseSensitive(n, "locations");
		if (u)
			check_uri(get_str(u, "0.physicalLocation.artifactLocation.uri"), "sarif: note uri");
	}
	cJSON_Delete(j);
}

/* Text: a note line per step (a path or message may hold more). */
static void check_notes(const char *out, const struct finding *f, int color)
{
	const char *mark = color ? "note\033[0m: " : ": note: ";
	size_t n = 0;
	for (const char *q = out; (q = strstr(q, mark)) != NULL; q++)
		n++;
	FUZZ_CHECK(n >= f->nsteps, "text: %zu notes for %zu steps", n, f->nsteps);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t hdr[17] = {0};
	size_t h = size < sizeof hdr ? size : sizeof hdr;
	memcpy(hdr, data, h);
	unsigned flags = hdr[0];

	/* Up to six NUL-separated strings after the header. */
	char *fields[6] = {0};
	const char *p = (const char *)data + h, *end = (const char *)data + size;
	int have_steps = 0; /* a sixth string: the previous one ended with a NUL */
	for (size_t i = 0; i < ARRAY_LEN(fields); i++) {
		const char *nul = p < end ? memchr(p, '\0', (size_t)(end - p)) : NULL;
		const char *stop = nul ? nul : end;
		fields[i] = xstrndup(p < end ? p : "", p < end ? (size_t)(stop - p) : 0);
		if (i == 4)
			have_steps = nul != NULL;
		p = nul ? nul + 1 : end;
	}
	const char *path = fields[0], *message = fields[1], *snippet = fields[2];
	const char *root = (flags & 2) ? NULL : fields[3];

	struct finding f = {
		.rule = pack.rules[0],
		.path = (char *)path,
		.relpath = (flags & 1) ? NULL : (char *)path,
		.line = get_u32(hdr + 1),
		.col = get_u32(hdr + 5),
		.end_line = get_u32(hdr + 9),
		.end_col = get_u32(hdr + 13),
		.message = (char *)message,
		.snippet = (char *)snippet,
		.recovered = (flags & 4) != 0,
	};
	/* The steps: the sixth string split at '\n', messages borrowed from it. */
	struct flow_step steps[MAX_STEPS];
	if (have_steps) {
		char *m = fields[5];
		size_t n = 0;
		while (n < MAX_STEPS) {
			unsigned i = (unsigned)n;
			steps[n] = (struct flow_step){f.line + i, f.col - i, f.end_line, f.end_col + i, m};
			n++;
			char *nl = strchr(m, '\n');
			if (!nl || n == MAX_STEPS)
				break;
			*nl = '\0';
			m = nl + 1;
		}
		f.steps = steps;
		f.nsteps = n;
	}
	struct findings fs = {0};
	findings_add(&fs, &f);
	if (flags & 8) {
		f.col++;
		findings_add(&fs, &f);
	}
	findings_finish(&fs);

	struct diag d;
	diag_init(&d);
	diag_add(&d, (enum diag_level)(flags >> 5) % 3, (flags >> 7) & 1, (flags & 16) ? NULL : path,
		 f.line, f.col, "%s", fields[4]);

	struct scan_result res = {
		.tool_version = "0.1.0",
		.root = root,
		.pack = &pack,
		.findings = &fs,
		.diag = &d,
		.nfiles = 1,
		.fail_on = SEV_LOW,
		.color = flags & 1,
	};
	static const struct reporter_ops *const ops[] = {&report_json, &report_sarif, &report_text};
	for (size_t i = 0; i < ARRAY_LEN(ops); i++) {
		size_t len;
		char *out = render(ops[i], &res, &len);
		FUZZ_CHECK(out && strlen(out) == len, "%s: NUL byte in the output", ops[i]->name);
		if (ops[i] != &report_text)
			FUZZ_CHECK(utf8_valid((const unsigned char *)out, len),
				   "%s: output is not valid UTF-8", ops[i]->name);
		if (ops[i] == &report_json)
			check_json(out, &fs.v[0], root);
		else if (ops[i] == &report_sarif)
			check_sarif(out, &fs.v[0], root);
		else
			check_notes(out, &fs.v[0], res.color);
		free(out);
	}
	diag_free(&d);
	findings_free(&fs);
	for (size_t i = 0; i < ARRAY_LEN(fields); i++)
		free(fields[i]);
	return 0;
}
