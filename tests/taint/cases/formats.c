/* Diagnostics and logging of a smart meter (Zephyr, TLS-wrapped socket on
 * Linux, serial console): untrusted text used as a printf format. Taint
 * cases: "expect: RULE" must be reported on that line, "ok: RULE" must not. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include <zephyr/kernel.h>
#include <zephyr/net/socket.h>
#include "mbedtls/ssl.h"

extern int is_safe_log_text(const char *s);
extern void meter_display(const char *line);

static char g_banner[80];

/* format-string, mbedtls_ssl_read: the server's notice is printf's format [shape: direct, cast] */
int bad_fmt_tls_notice(mbedtls_ssl_context *ssl)
{
	unsigned char buf[256];
	int n = mbedtls_ssl_read(ssl, buf, sizeof(buf) - 1);

	if (n <= 0)
		return n;
	buf[n] = '\0'; /* ok: taint-array-index */
	printf((const char *)buf); /* expect: taint-format-string */
	return 0;
}

/* format-string, mbedtls_ssl_read: the notice printed with "%s" [shape: direct; sanitizer: constant-format] */
int good_fmt_tls_notice(mbedtls_ssl_context *ssl)
{
	unsigned char buf[256];
	int n = mbedtls_ssl_read(ssl, buf, sizeof(buf) - 1);

	if (n <= 0)
		return n;
	buf[n] = '\0'; /* ok: taint-array-index */
	printf("notice: %s\n", (const char *)buf); /* ok: taint-format-string */
	return 0;
}

/* format-string, getenv: a banner from the environment is fprintf's format [shape: direct] */
void bad_fmt_env_banner(void)
{
	const char *banner = getenv("METER_BANNER");

	if (banner != NULL)
		fprintf(stderr, banner); /* expect: taint-format-string */
}

/* format-string, getenv: the banner written with fputs, the version with a constant format [shape: direct; sanitizer: constant-format] */
void good_fmt_env_banner(void)
{
	const char *banner = getenv("METER_BANNER");

	if (banner != NULL)
		fputs(banner, stderr);
	fprintf(stderr, "meter fw %s\n", "2.4.1"); /* ok: taint-format-string */
}

/* format-string, a length check does not make a format safe: strlen(msg) < 64 before printf(msg) [shape: direct; sanitizer: bounds-check-only] */
void bad_fmt_bounded_not_validated(FILE *in)
{
	char msg[128];

	if (fgets(msg, sizeof(msg), in) == NULL)
		return;
	if (strlen(msg) < 64)
		printf(msg); /* expect: taint-format-string */
}

/* format-string, validator is_safe_log_text() in the if condition: printf in the then-branch [shape: direct; sanitizer: validator-then-branch] */
void good_fmt_validated(FILE *in)
{
	char msg[128];

	if (fgets(msg, sizeof(msg), in) == NULL)
		return;
	if (is_safe_log_text(msg))
		printf(msg); /* ok: taint-format-string */
}

/* format-string, copy via strncpy into a local buffer that becomes sprintf's format [shape: copy] */
void bad_fmt_copied_sprintf(int sock)
{
	char rx[64];
	char tmp[64];
	ssize_t n = zsock_recv(sock, rx, sizeof(rx) - 1, 0);

	if (n <= 0)
		return;
	rx[n] = '\0'; /* ok: taint-array-index */
	strncpy(tmp, rx, sizeof(tmp) - 1); /* ok: taint-copy-length */
	tmp[sizeof(tmp) - 1] = '\0'; /* ok: taint-array-index */
	sprintf(g_banner, tmp); /* expect: taint-format-string */
}

/* format-string, the received text copied then formatted with snprintf("%s") [shape: copy; sanitizer: constant-format] */
void good_fmt_copied_snprintf(int sock)
{
	char rx[64];
	char tmp[64];
	ssize_t n = zsock_recv(sock, rx, sizeof(rx) - 1, 0);

	if (n <= 0)
		return;
	rx[n] = '\0'; /* ok: taint-array-index */
	strncpy(tmp, rx, sizeof(tmp) - 1); /* ok: taint-copy-length */
	tmp[sizeof(tmp) - 1] = '\0'; /* ok: taint-array-index */
	snprintf(g_banner, sizeof(g_banner), "%s", tmp); /* ok: taint-format-string, taint-unbounded-copy */
}

/* format-string, Zephyr printk of a received line, selected on one branch of an if/else [shape: branches] */
void bad_fmt_printk_branch(int sock, bool use_default)
{
	char rx[48];
	const char *line;

	if (use_default) {
		line = "meter ready\n";
	} else {
		ssize_t n = zsock_recv(sock, rx, sizeof(rx) - 1, 0);
		if (n <= 0)
			return;
		rx[n] = '\0'; /* ok: taint-array-index */
		line = rx;
	}
	printk(line); /* expect: taint-format-string */
}

/* format-string, Zephyr printk of a received line through "%s" [shape: branches; sanitizer: constant-format] */
void good_fmt_printk_branch(int sock, bool use_default)
{
	char rx[48];
	const char *line;

	if (use_default) {
		line = "meter ready\n";
	} else {
		ssize_t n = zsock_recv(sock, rx, sizeof(rx) - 1, 0);
		if (n <= 0)
			return;
		rx[n] = '\0'; /* ok: taint-array-index */
		line = rx;
	}
	printk("%s", line); /* ok: taint-format-string */
}

/* unbounded-copy, sprintf argument: a received name formatted into a fixed buffer without a limit [shape: direct] */
void bad_sprintf_arg(int sock)
{
	char name[128];
	ssize_t n = zsock_recv(sock, name, sizeof(name) - 1, 0);

	if (n <= 0)
		return;
	name[n] = '\0'; /* ok: taint-array-index */
	sprintf(g_banner, "Welcome, %s!", name); /* expect: taint-unbounded-copy */
	meter_display(g_banner);
}

/* unbounded-copy, sprintf argument: strnlen() result limits the copy, then a constant format [shape: copy; sanitizer: strnlen] */
void good_strnlen_copy(int sock)
{
	char name[128];
	char shown[32];
	ssize_t n = zsock_recv(sock, name, sizeof(name) - 1, 0);

	if (n <= 0)
		return;
	name[n] = '\0'; /* ok: taint-array-index */
	size_t len = strnlen(name, sizeof(shown) - 1);
	memcpy(shown, name, len); /* ok: taint-copy-length */
	shown[len] = '\0'; /* ok: taint-array-index */
	snprintf(g_banner, sizeof(g_banner), "Welcome, %s!", shown); /* ok: taint-unbounded-copy, taint-format-string */
	meter_display(g_banner);
}
