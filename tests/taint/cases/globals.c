/* A UART receive interrupt fills a file-scope buffer that the protocol task
 * parses later; and commands taken from the environment. Taint cases:
 * "expect: RULE" must be reported on that line, "ok: RULE" must not. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "driver/uart.h"

#define FRAME_MAX 64

static uint8_t s_rx[FRAME_MAX + 2];
static size_t s_rx_len;
static uint8_t s_params[16];
static uint8_t s_payload[FRAME_MAX];

/* source: the interrupt handler stores the received frame in a global */
void uart_rx_isr(void *arg)
{
	(void)arg;
	s_rx_len = uart_read_bytes(UART_NUM_1, s_rx, sizeof(s_rx), 0);
}

/* copy-length, global buffer: the frame's own length byte sizes the copy [shape: global] */
void bad_global_frame_copy(void)
{
	uint8_t n = s_rx[0];

	memcpy(s_payload, &s_rx[1], n); /* expect: taint-copy-length */
}

/* copy-length, global buffer: the length byte is checked first [shape: global; sanitizer: early-exit] */
void good_global_frame_copy(void)
{
	uint8_t n = s_rx[0];

	if (n > FRAME_MAX)
		return;
	memcpy(s_payload, &s_rx[1], n); /* ok: taint-copy-length */
}

/* array-index, global buffer: a parameter number from the frame indexes a table [shape: global] */
void bad_global_param_write(void)
{
	s_params[s_rx[1]] = s_rx[2]; /* expect: taint-array-index */
}

/* command-injection, environment: an update command taken from the environment [shape: direct] */
int bad_env_update_cmd(void)
{
	const char *cmd = getenv("FW_UPDATE_CMD");

	return cmd ? system(cmd) : -1; /* expect: taint-command-injection */
}

/* command-injection, environment: $PAGER names the program the user wants run [shape: direct; sanitizer: program-variable] */
int good_env_pager(void)
{
	const char *pager = getenv("PAGER");

	return pager ? system(pager) : -1; /* ok: taint-command-injection */
}
