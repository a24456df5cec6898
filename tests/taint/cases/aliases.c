/* Portability macros that rename library calls (a shared shell helper built
 * for two platforms). Taint cases: "expect: RULE" must be reported on that
 * line, "ok: RULE" must not. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef PLATFORM_RTOS
#define RUN_SHELL system
#define LOG_OUT printf
#else
#define RUN_SHELL system
#define LOG_OUT printf
#endif
#define CMD_MAX 128

/* command-injection, macro alias: a line from the console runs through RUN_SHELL, which is system [shape: copy] */
int bad_alias_console_cmd(void)
{
	char line[64];
	char cmd[CMD_MAX];

	if (fgets(line, sizeof(line), stdin) == NULL)
		return -1;
	snprintf(cmd, sizeof(cmd), "/usr/bin/led %s", line);
	return RUN_SHELL(cmd); /* expect: taint-command-injection */
}

/* command-injection, macro alias: a fixed command through the same macro [shape: direct; sanitizer: constant] */
int good_alias_fixed_cmd(void)
{
	return RUN_SHELL("/usr/bin/led off"); /* ok: taint-command-injection */
}

/* format-string, macro alias: the console line is the format of LOG_OUT, which is printf [shape: direct] */
void bad_alias_log(void)
{
	char line[64];

	if (fgets(line, sizeof(line), stdin) != NULL)
		LOG_OUT(line); /* expect: taint-format-string */
}

/* format-string, macro alias: the line is printed through a constant format [shape: direct; sanitizer: constant-format] */
void good_alias_log(void)
{
	char line[64];

	if (fgets(line, sizeof(line), stdin) != NULL)
		LOG_OUT("%s", line); /* ok: taint-format-string */
}
