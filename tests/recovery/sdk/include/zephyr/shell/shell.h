/* Fake Zephyr <zephyr/shell/shell.h> for the etsilint recovery fixture. */
#pragma once
#include <stddef.h>
#include <stdint.h>

struct shell;
typedef int (*shell_cmd_handler)(const struct shell *sh, size_t argc, char **argv);

struct shell_static_entry {
	const char *syntax;
	const char *help;
	const struct shell_static_entry *subcmd;
	shell_cmd_handler handler;
	uint8_t mandatory;
	uint8_t optional;
};

enum shell_vt100_color {
	SHELL_NORMAL,
	SHELL_INFO,
	SHELL_WARNING,
	SHELL_ERROR,
};

void shell_fprintf(const struct shell *sh, enum shell_vt100_color color, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void shell_hexdump(const struct shell *sh, const uint8_t *data, size_t len);

#define shell_print(_sh, _ft, ...) shell_fprintf(_sh, SHELL_NORMAL, _ft "\n", ##__VA_ARGS__)
#define shell_warn(_sh, _ft, ...) shell_fprintf(_sh, SHELL_WARNING, _ft "\n", ##__VA_ARGS__)
#define shell_error(_sh, _ft, ...) shell_fprintf(_sh, SHELL_ERROR, _ft "\n", ##__VA_ARGS__)

#define SHELL_CMD_ARG(_syntax, _subcmd, _help, _handler, _mand, _opt) \
	{ .syntax = #_syntax, .help = _help, .subcmd = _subcmd, .handler = _handler, \
	  .mandatory = _mand, .optional = _opt }
#define SHELL_CMD(_syntax, _subcmd, _help, _handler) SHELL_CMD_ARG(_syntax, _subcmd, _help, _handler, 0, 0)
#define SHELL_SUBCMD_SET_END { 0 }
#define SHELL_STATIC_SUBCMD_SET_CREATE(name, ...) \
	static const struct shell_static_entry name[] = { __VA_ARGS__ }
#define SHELL_CMD_REGISTER(syntax, subcmd, help, handler) \
	const struct shell_static_entry shell_cmd_##syntax __attribute__((used)) = \
		SHELL_CMD(syntax, subcmd, help, handler)
