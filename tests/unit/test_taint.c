/* test_taint.c - the `taint` matcher end to end: a small rule pack loaded
 * from a string, C snippets scanned with engine_scan_buffer (front end,
 * flow model, analysis), exact findings (rule, line, column) and their flow
 * steps asserted; each shape with its safe twin. Rule pack errors too. */
#include "testscan.h"

#include <stdio.h>
#include <stdlib.h>

#define RULE(ID, MATCH)                                                    \
	"  - id: " ID "\n"                                                 \
	"    title: Test rule " ID "\n"                                    \
	"    message: 'sink={callee} name={name} from={value}'\n"          \
	"    severity: high\n"                                             \
	"    provisions: [5.13-1]\n"                                       \
	"    cwe: [20]\n"                                                  \
	"    remediation: Fix it.\n"                                       \
	"    match:\n"                                                     \
	MATCH

#define SOURCES                                                            \
	"        sources:\n"                                               \
	"          - { call: [recv], out: [1], return: bounded }\n"        \
	"          - { call: [getenv], return: true }\n"                   \
	"          - { call: [sscanf], out-from: 2 }\n"                    \
	"          - { field: [data, data_len], type: 'mqtt_event' }\n"    \
	"          - { field: [payload, len], type: 'pbuf' }\n"            \
	"          - { param: [2, 3], signature: '^struct conn \\*, const void \\*' }\n" \
	"        sanitizers:\n"                                            \
	"          - { call: [MIN, strnlen], returns: clean }\n"           \
	"          - { call: ['/^is_valid_/'], checks: [0] }\n"            \
	"        propagators:\n"                                           \
	"          - { call: [memcpy, strcpy], from: [1], to: [0] }\n"     \
	"          - { call: [snprintf], from-from: 2, to: [0] }\n"        \
	"          - { call: [strlcpy], from: [1], to: [0], writes: replace }\n" \
	"          - { call: [ntohs], return-from: [0] }\n"

static const char *pack =
	"rules:\n"
	RULE("t-len", "      taint:\n" SOURCES
		      "        sinks:\n"
		      "          - { call: [memcpy], arg: 2 }\n"
		      "          - { call: [malloc], arg: 0 }\n")
	RULE("t-cmd", "      taint:\n        bounds-check: false\n" SOURCES
		      "        sinks:\n"
		      "          - { call: [system, popen], arg: 0 }\n"
		      "          - { call: [printf], arg: 0 }\n")
	RULE("t-idx", "      taint:\n" SOURCES
		      "        sinks:\n"
		      "          - { index: true }\n")
	RULE("t-loop", "      taint:\n" SOURCES
		      "        sinks:\n"
		      "          - { loop-bound: true }\n");

static void scan_c(struct fixture *fx, const char *src)
{
	setup_pack(fx, pack);
	scan(fx, src);
}

static void test_length_unchecked_and_checked(void **state)
{
	(void)state;
	struct fixture fx;
	scan_c(&fx, "int h(int s, char *out)\n"                          /* 1 */
		    "{\n"                                                /* 2 */
		    "\tunsigned char buf[64];\n"                         /* 3 */
		    "\tint n = recv(s, buf, sizeof buf, 0);\n"           /* 4 */
		    "\tunsigned len = buf[0];\n"                         /* 5 */
		    "\tmemcpy(out, buf + 1, len);\n"                     /* 6: bad */
		    "\tif (len > 32)\n"                                  /* 7 */
		    "\t\treturn -1;\n"                                   /* 8 */
		    "\tmemcpy(out, buf + 1, len);\n"                     /* 9: checked */
		    "\tmemcpy(out, buf, n);\n"                           /* 10: bounded by recv */
		    "\treturn 0;\n"
		    "}\n");
	ASSERT_FINDINGS(&fx, {"t-len", 6, 2});
	const struct finding *f = &fx.out.v[0];
	/* recv fills buf (4), len = buf[0] (5), memcpy (6). */
	assert_true(f->nsteps >= 3);
	assert_int_equal(f->steps[0].line, 4);
	assert_int_equal(f->steps[f->nsteps - 1].line, 6);
	assert_non_null(strstr(f->message, "sink=memcpy"));
	assert_non_null(strstr(f->message, "from=recv()"));
	fixture_free(&fx);
}

static void test_check_on_one_path_only(void **state)
{
	(void)state;
	struct fixture fx;
	scan_c(&fx, "void h(int s, char *out, int verbose)\n"             /* 1 */
		    "{\n"
		    "\tchar buf[64];\n"
		    "\trecv(s, buf, sizeof buf, 0);\n"                   /* 4 */
		    "\tint len = buf[0];\n"                              /* 5 */
		    "\tif (verbose) {\n"                                 /* 6 */
		    "\t\tif (len > 16)\n"
		    "\t\t\tlen = 16;\n"
		    "\t}\n"
		    "\tmemcpy(out, buf, len);\n"                         /* 10: bad */
		    "\tlen = MIN(len, 16);\n"                            /* 11 */
		    "\tmemcpy(out, buf, len);\n"                         /* 12: clamped */
		    "}\n");
	ASSERT_FINDINGS(&fx, {"t-len", 10, 2});
	fixture_free(&fx);
}

static void test_command_validated(void **state)
{
	(void)state;
	struct fixture fx;
	scan_c(&fx, "void h(void)\n"                                     /* 1 */
		    "{\n"
		    "\tchar cmd[128];\n"
		    "\tconst char *host = getenv(\"HOST\");\n"           /* 4 */
		    "\tsnprintf(cmd, sizeof cmd, \"ping -c1 %s\", host);\n" /* 5 */
		    "\tsystem(cmd);\n"                                   /* 6: bad */
		    "\tif (strlen(host) > 64)\n"                         /* 7: a bound is not a validation */
		    "\t\treturn;\n"
		    "\tsystem(cmd);\n"                                   /* 9: still bad */
		    "\tif (!is_valid_host(host))\n"                      /* 10 */
		    "\t\treturn;\n"
		    "\tsnprintf(cmd, sizeof cmd, \"ping -c1 %s\", host);\n"
		    "\tsystem(cmd);\n"                                   /* 13: ok? cmd still joined */
		    "\tsystem(\"reboot\");\n"                            /* 14: constant */
		    "\tprintf(host);\n"                                  /* 15: validated */
		    "}\n");
	/* Line 13: cmd was built again from the validated host, but the earlier
	 * tainted content joins in (element writes join): still reported. */
	ASSERT_FINDINGS(&fx, {"t-cmd", 6, 2}, {"t-cmd", 9, 2}, {"t-cmd", 13, 2});
	fixture_free(&fx);
}

static void test_helper_functions(void **state)
{
	(void)state;
	struct fixture fx;
	scan_c(&fx, "static void copy_out(char *dst, const char *src, int n)\n" /* 1 */
		    "{\n"
		    "\tmemcpy(dst, src, n);\n"                           /* 3: sink via param */
		    "}\n"
		    "static int read_len(int s)\n"                       /* 5 */
		    "{\n"
		    "\tchar b[4];\n"
		    "\trecv(s, b, 4, 0);\n"                              /* 8 */
		    "\treturn b[0] | b[1] << 8;\n"                       /* 9 */
		    "}\n"
		    "void h(int s, char *out, char *in)\n"               /* 11 */
		    "{\n"
		    "\tint n = read_len(s);\n"                           /* 13 */
		    "\tcopy_out(out, in, 8);\n"                          /* 14: constant */
		    "\tcopy_out(out, in, n);\n"                          /* 15: tainted */
		    "}\n");
	ASSERT_FINDINGS(&fx, {"t-len", 3, 2});
	const struct finding *f = &fx.out.v[0];
	assert_true(f->nsteps >= 3);
	assert_int_equal(f->steps[f->nsteps - 1].line, 3);
	int saw_call = 0;
	for (size_t i = 0; i < f->nsteps; i++)
		if (f->steps[i].line == 15)
			saw_call = 1;
	assert_true(saw_call);
	fixture_free(&fx);
}

static void test_struct_fields(void **state)
{
	(void)state;
	struct fixture fx;
	scan_c(&fx, "struct hdr { int len; int type; };\n"                /* 1 */
		    "int table[8];\n"
		    "void h(int s, char *out)\n"                         /* 3 */
		    "{\n"
		    "\tstruct hdr hd;\n"
		    "\tchar raw[16];\n"
		    "\trecv(s, raw, sizeof raw, 0);\n"                   /* 7 */
		    "\thd.len = ntohs(raw[0]);\n"                        /* 8 */
		    "\thd.type = 3;\n"                                   /* 9 */
		    "\tout[0] = table[hd.type];\n"                       /* 10: clean field */
		    "\tout[1] = table[hd.len];\n"                        /* 11: tainted field */
		    "}\n");
	ASSERT_FINDINGS(&fx, {"t-idx", 11, 11});
	fixture_free(&fx);
}

static void test_field_source_and_loop(void **state)
{
	(void)state;
	struct fixture fx;
	scan_c(&fx, "void h(mqtt_event_handle_t event, char *dst)\n"      /* 1 */
		    "{\n"
		    "\tint i;\n"
		    "\tfor (i = 0; i < event->data_len; i++)\n"           /* 4: loop bound */
		    "\t\tdst[i] = event->data[i];\n"                     /* 5 */
		    "\tint remaining = event->data_len;\n"
		    "\twhile (remaining > 0)\n"                          /* 7: constant bound: ok */
		    "\t\tremaining -= 4;\n"
		    "\tchar *m = malloc(event->data_len + 1);\n"         /* 9: alloc */
		    "\tprintf(event->data);\n"                           /* 10: format */
		    "}\n");
	ASSERT_FINDINGS(&fx, {"t-loop", 4, 14}, {"t-len", 9, 12}, {"t-cmd", 10, 2});
	fixture_free(&fx);
}

static void test_param_source_signature(void **state)
{
	(void)state;
	struct fixture fx;
	scan_c(&fx, "static char value[16];\n"                            /* 1 */
		    "static int write_cb(struct conn *c, const void *buf, int len, int off)\n" /* 2 */
		    "{\n"
		    "\tmemcpy(value + off, buf, len);\n"                 /* 4: bad */
		    "\treturn len;\n"
		    "}\n"
		    "static int other_cb(struct conn *c, void *buf, int len, int off)\n" /* 7 */
		    "{\n"
		    "\tmemcpy(buf, value, len);\n"                       /* 9: not a source */
		    "\treturn len;\n"
		    "}\n");
	ASSERT_FINDINGS(&fx, {"t-len", 4, 2});
	fixture_free(&fx);
}

static void test_loop_carried_and_sscanf(void **state)
{
	(void)state;
	struct fixture fx;
	scan_c(&fx, "int tab[4];\n"                                       /* 1 */
		    "void h(const char *line)\n"
		    "{\n"
		    "\tint idx = 0, v = 0, k;\n"
		    "\tfor (k = 0; k < 3; k++) {\n"                      /* 5 */
		    "\t\ttab[v] = k;\n"                                  /* 6: v tainted on the 2nd pass */
		    "\t\tsscanf(line, \"%d %d\", &idx, &v);\n"           /* 7 */
		    "\t}\n"
		    "\tif (idx >= 0 && idx < 4)\n"                       /* 9 */
		    "\t\ttab[idx] = 1;\n"                                /* 10: checked */
		    "\ttab[idx] = 2;\n"                                  /* 11: unchecked */
		    "}\n");
	ASSERT_FINDINGS(&fx, {"t-idx", 6, 3}, {"t-idx", 11, 2});
	fixture_free(&fx);
}

static void test_switch_goto_and_recovery(void **state)
{
	(void)state;
	struct fixture fx;
	/* Unknown types and macros everywhere (no headers): the model is built
	 * from tokens, so the flow is still seen. */
	scan_c(&fx, "static esp_err_t h(httpd_req_t *req)\n"              /* 1 */
		    "{\n"
		    "\tchar buf[32];\n"
		    "\tint n = recv(req->fd, buf, sizeof(buf), 0);\n"    /* 4 */
		    "\tuint8_t op = buf[0];\n"
		    "\tswitch (op) {\n"                                  /* 6 */
		    "\tcase 1:\n"
		    "\t\tif (op > 3) goto fail;\n"
		    "\t\tbreak;\n"
		    "\tdefault:\n"
		    "\t\tgoto fail;\n"
		    "\t}\n"
		    "\tESP_LOGI(TAG, \"op %d\", g_handlers[op]);\n"      /* 13: index, bounded */
		    "\treturn ESP_OK;\n"
		    "fail:\n"
		    "\treturn g_handlers[op];\n"                         /* 16: index, not bounded */
		    "}\n");
	ASSERT_FINDINGS(&fx, {"t-idx", 16, 9});
	fixture_free(&fx);
}

static void test_overwrites_and_buffers(void **state)
{
	(void)state;
	struct fixture fx;
	scan_c(&fx, "char tab[8];\n"                                      /* 1 */
		    "void h(int s, struct pbuf *p, struct pdu *q)\n"
		    "{\n"
		    "\tchar cmd[32], *a, *b;\n"
		    "\trecv(s, cmd, sizeof cmd, 0);\n"                  /* 5 */
		    "\tstrlcpy(cmd, \"ls\", sizeof cmd);\n"              /* 6: replaced */
		    "\tsystem(cmd);\n"                                  /* 7: ok */
		    "\trecv(s, cmd, sizeof cmd, 0);\n"
		    "\tstrlcpy(cmd + 1, \"ls\", 8);\n"                   /* 9: the start stays */
		    "\tsystem(cmd);\n"                                  /* 10: bad */
		    "\t((char *)p->payload)[p->len] = 0;\n"             /* 11: own length: ok */
		    "\ttab[p->len] = 0;\n"                              /* 12: another array: bad */
		    "\ta = strchr(cmd, ' ');\n"
		    "\tb = strchr(a + 1, ' ');\n"
		    "\ttab[b - (a + 1)] = 0;\n"                         /* 15: pointers: ok */
		    "\tq = new_pdu(cmd[0]);\n"                          /* 16: an object, not data */
		    "\ttab[q->size] = 0;\n"                             /* 17: ok */
		    "\trecv(s, q->hdr, 8, 0);\n"
		    "\ttab[hdr_size(q->hdr)] = 0;\n"                    /* 19: a buffer passed: ok */
		    "\ttab[hdr_size(q->hdr[0])] = 0;\n"                 /* 20: a byte passed: bad */
		    "}\n");
	ASSERT_FINDINGS(&fx, {"t-cmd", 10, 2}, {"t-idx", 12, 2}, {"t-idx", 20, 2});
	fixture_free(&fx);
}

static void test_rule_errors(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"      taint:\n        sinks: [{ index: true }]\n",                 /* no sources */
		"      taint:\n        sources: [{ call: recv }]\n        sinks: [{ index: true }]\n",
		"      taint:\n        sources: [{ call: recv, out: [1], bogus: 1 }]\n"
		"        sinks: [{ index: true }]\n",
		"      taint:\n        sources: [{ call: recv, out: [99] }]\n        sinks: [{ index: true }]\n",
		"      taint:\n        sources: [{ field: data }]\n        sinks: [{ index: true }]\n",
		"      taint:\n        sources: [{ call: ['/(/'], return: true }]\n"
		"        sinks: [{ index: true }]\n",
		"      taint:\n        sources: [{ call: recv, return: maybe }]\n        sinks: [{ index: true }]\n",
		"      taint:\n        sources: [{ call: recv, return: true }]\n        sinks: [{ call: x }]\n",
		"      taint:\n        sources: [{ call: recv, return: true }]\n"
		"        sinks: [{ index: true }]\n        sanitizers: [{ call: x }]\n",
		"      taint:\n        sources: [{ call: recv, return: true }]\n"
		"        sinks: [{ index: true }]\n"
		"        propagators: [{ call: strcpy, from: [1], to: [0], writes: sometimes }]\n",
		"      taint:\n        sources: [{ call: recv, return: true }]\n"
		"        sinks: [{ call: recv, arg: 2, fixed-dest: true }]\n",
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		struct sbuf b = {0};
		sbuf_adds(&b, "rules:\n");
		sbuf_adds(&b, "  - id: bad\n    title: t\n    message: m\n    severity: high\n"
			      "    provisions: [5.13-1]\n    cwe: [20]\n    remediation: r\n    match:\n");
		sbuf_adds(&b, bad[i]);
		struct fixture fx;
		int rc = load_pack(&fx, sbuf_str(&b));
		if (rc == 0)
			fprintf(stderr, "case %zu loaded: %s\n", i, bad[i]);
		assert_int_not_equal(rc, 0);
		assert_true(fx.d.nerrors > 0);
		/* Every error names the rule file with a line and column. */
		assert_true(fx.d.v[0].line > 0);
		fixture_free(&fx);
		sbuf_free(&b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_length_unchecked_and_checked),
		cmocka_unit_test(test_check_on_one_path_only),
		cmocka_unit_test(test_command_validated),
		cmocka_unit_test(test_helper_functions),
		cmocka_unit_test(test_struct_fields),
		cmocka_unit_test(test_field_source_and_loop),
		cmocka_unit_test(test_param_source_signature),
		cmocka_unit_test(test_loop_carried_and_sscanf),
		cmocka_unit_test(test_switch_goto_and_recovery),
		cmocka_unit_test(test_overwrites_and_buffers),
		cmocka_unit_test(test_rule_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
