/* fuzz_report.c - the JSON and SARIF writers (and the text writer, for
 * crashes only) on arbitrary strings: whatever bytes a path, message or
 * snippet holds, the output must be valid JSON (cJSON_Parse succeeds) and
 * valid UTF-8, the strings must survive unchanged when they were valid
 * UTF-8, and SARIF regions must stay 1-based. Any violation aborts.
 *
 * Input layout: a 17-byte header (flags, then line, col, end_line, end_col
 * as little-endian 32-bit values; missing bytes are 0), then up to five
 * NUL-separated strings: path, message, snippet, root, diagnostic message.
 * flags: 1 relpath NULL (path only), 2 root NULL, 4 recovered,
 * 8 add a second finding on the same line, 16 diagnostic without a path. */
#include "fuzz.h"

#include <string.h>

#include <cJSON.h>

#include "diag.h"
#include "finding.h"
#include "report.h"
#include "rule.h"
#include "util.h"

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

static void check_json(const char *out, const struct finding *f, const char *root)
{
	cJSON *j = cJSON_Parse(out);
	FUZZ_CHECK(j != NULL, "json: not valid JSON near '%.40s'", cJSON_GetErrorPtr());
	FUZZ_CHECK(get_num(j, "summary.findings") >= 1, "json: no findings");
	same(f->relpath, get_str(j, "findings.0.path"), "json: path");
	same(f->message, get_str(j, "findings.0.message"), "json: message");
	same(f->snippet, get_str(j, "findings.0.snippet"), "json: snippet");
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
	double sl = get_num(reg, "startLine"), sc = get_num(reg, "startColumn");
	double el = get_num(reg, "endLine"), ec = get_num(reg, "endColumn");
	FUZZ_CHECK(sl >= 1 && sc >= 1 && el >= sl && ec >= 1 && (el > sl || ec >= sc),
		   "sarif: bad region %.0f:%.0f-%.0f:%.0f (finding %u:%u-%u:%u)", sl, sc, el, ec,
		   f->line, f->col, f->end_line, f->end_col);
	if (*f->snippet)
		same(f->snippet, get_str(reg, "snippet.text"), "sarif: snippet");
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t hdr[17] = {0};
	size_t h = size < sizeof hdr ? size : sizeof hdr;
	memcpy(hdr, data, h);
	unsigned flags = hdr[0];

	/* Up to five NUL-separated strings after the header. */
	char *fields[5] = {0};
	const char *p = (const char *)data + h, *end = (const char *)data + size;
	for (size_t i = 0; i < ARRAY_LEN(fields); i++) {
		const char *nul = p < end ? memchr(p, '\0', (size_t)(end - p)) : NULL;
		const char *stop = nul ? nul : end;
		fields[i] = xstrndup(p < end ? p : "", p < end ? (size_t)(stop - p) : 0);
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
		free(out);
	}
	diag_free(&d);
	findings_free(&fs);
	for (size_t i = 0; i < ARRAY_LEN(fields); i++)
		free(fields[i]);
	return 0;
}
