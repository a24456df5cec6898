/* Modbus/TCP and serial front end of a PLC I/O module (embedded Linux and
 * ESP-IDF UART): values carried through loops. Taint cases: "expect: RULE"
 * must be reported on that line, "ok: RULE" must not. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "driver/uart.h"
#include "freertos/FreeRTOS.h"

#define NUM_REGS 64
#define MB_MAX_QTY 125
#define REC_MAX 16

static uint16_t regs[NUM_REGS];

extern int mb_send(int sock, const uint8_t *p, size_t n);
extern int mb_exception(int sock, uint8_t fc, uint8_t code);
extern void io_apply(const uint8_t *rec, size_t n);

/* loop-bound and array-index, Modbus read holding registers: quantity bounds the loop, start indexes regs [shape: arithmetic, loop] */
int bad_modbus_read_regs(int sock)
{
	uint8_t req[12];
	uint8_t resp[3 + 2 * MB_MAX_QTY];

	if (recv(sock, req, sizeof(req), MSG_WAITALL) != sizeof(req))
		return -1;
	uint16_t start = (req[8] << 8) | req[9];
	uint16_t qty = (req[10] << 8) | req[11];
	resp[0] = req[7];
	resp[1] = 3;
	resp[2] = 2 * qty;
	for (uint16_t i = 0; i < qty; i++) { /* expect: taint-loop-bound */
		uint16_t v = regs[start + i]; /* expect: taint-array-index */
		resp[3 + 2 * i] = v >> 8;
		resp[4 + 2 * i] = v & 0xff;
	}
	return mb_send(sock, resp, 3 + 2 * qty);
}

/* loop-bound and array-index, Modbus: start and quantity both checked (exception 2/3) before the loop [shape: arithmetic, loop; sanitizer: early-exit] */
int good_modbus_read_regs(int sock)
{
	uint8_t req[12];
	uint8_t resp[3 + 2 * MB_MAX_QTY];

	if (recv(sock, req, sizeof(req), MSG_WAITALL) != sizeof(req))
		return -1;
	uint16_t start = (req[8] << 8) | req[9];
	uint16_t qty = (req[10] << 8) | req[11];
	if (start >= NUM_REGS)
		return mb_exception(sock, 3, 2);
	if (qty < 1 || qty > MB_MAX_QTY || qty > NUM_REGS - start)
		return mb_exception(sock, 3, 3);
	resp[0] = req[7];
	resp[1] = 3;
	resp[2] = 2 * qty;
	for (uint16_t i = 0; i < qty; i++) { /* ok: taint-loop-bound */
		uint16_t v = regs[start + i]; /* ok: taint-array-index */
		resp[3 + 2 * i] = v >> 8;
		resp[4 + 2 * i] = v & 0xff;
	}
	return mb_send(sock, resp, 3 + 2 * qty);
}

/* copy-length, assigned in a loop body, used after it: the last record's length byte [shape: loop] */
int bad_loop_last_record(int fd)
{
	uint8_t rec[REC_MAX];
	uint8_t out[REC_MAX];
	size_t last_len = 0;

	for (int k = 0; k < 4; k++) { /* ok: taint-loop-bound */
		if (read(fd, rec, sizeof(rec)) != sizeof(rec))
			break;
		last_len = rec[0];
	}
	memcpy(out, rec + 1, last_len); /* expect: taint-copy-length */
	io_apply(out, last_len);
	return 0;
}

/* copy-length, assigned in a loop body, checked after the loop before use [shape: loop; sanitizer: early-exit] */
int good_loop_last_record(int fd)
{
	uint8_t rec[REC_MAX];
	uint8_t out[REC_MAX];
	size_t last_len = 0;

	for (int k = 0; k < 4; k++) { /* ok: taint-loop-bound */
		if (read(fd, rec, sizeof(rec)) != sizeof(rec))
			break;
		last_len = rec[0];
	}
	if (last_len > sizeof(rec) - 1)
		return -1;
	memcpy(out, rec + 1, last_len); /* ok: taint-copy-length */
	io_apply(out, last_len);
	return 0;
}

/* copy-length, loop-carried: the length read at the end of one pass is used at the top of the next [shape: loop] */
int bad_loop_carried_len(int fd, uint8_t *dst)
{
	uint8_t chunk[64];
	size_t len = 16;

	memset(chunk, 0, sizeof(chunk)); /* ok: taint-copy-length */
	for (int pass = 0; pass < 3; pass++) { /* ok: taint-loop-bound */
		memcpy(dst, chunk, len); /* expect: taint-copy-length */
		dst += len;
		if (read(fd, chunk, sizeof(chunk)) <= 0)
			return -1;
		len = chunk[0];
	}
	return 0;
}

/* copy-length, loop-carried with a ternary clamp where the length is read [shape: loop; sanitizer: ternary-clamp] */
int good_loop_carried_len(int fd, uint8_t *dst)
{
	uint8_t chunk[64];
	size_t len = 16;

	memset(chunk, 0, sizeof(chunk)); /* ok: taint-copy-length */
	for (int pass = 0; pass < 3; pass++) { /* ok: taint-loop-bound */
		memcpy(dst, chunk, len); /* ok: taint-copy-length */
		dst += len;
		if (read(fd, chunk, sizeof(chunk)) <= 0)
			return -1;
		len = chunk[0] > sizeof(chunk) ? sizeof(chunk) : chunk[0];
	}
	return 0;
}

/* array-index, UART frame in a while loop: the register number of each frame indexes regs [shape: loop] */
void bad_uart_write_reg(void)
{
	uint8_t frame[4];

	while (uart_read_bytes(UART_NUM_1, frame, sizeof(frame), pdMS_TO_TICKS(100)) == sizeof(frame)) { /* ok: taint-loop-bound */
		uint8_t reg = frame[1];
		regs[reg] = (frame[2] << 8) | frame[3]; /* expect: taint-array-index */
	}
}

/* array-index, UART frame in a while loop: out-of-range register numbers are skipped with continue [shape: loop; sanitizer: continue] */
void good_uart_write_reg(void)
{
	uint8_t frame[4];

	while (uart_read_bytes(UART_NUM_1, frame, sizeof(frame), pdMS_TO_TICKS(100)) == sizeof(frame)) { /* ok: taint-loop-bound */
		uint8_t reg = frame[1];
		if (reg >= NUM_REGS)
			continue;
		regs[reg] = (frame[2] << 8) | frame[3]; /* ok: taint-array-index */
	}
}

/* alloc-size, accumulated in a loop: the sum of record lengths sizes realloc [shape: loop, arithmetic] */
uint8_t *bad_loop_realloc(int fd, size_t *out_total)
{
	uint8_t *blob = NULL;
	size_t total = 0;
	uint8_t hdr[2];

	while (read(fd, hdr, sizeof(hdr)) == sizeof(hdr) && hdr[0] != 0) { /* ok: taint-loop-bound */
		total += hdr[1];
		uint8_t *nb = realloc(blob, total); /* expect: taint-alloc-size */
		if (nb == NULL)
			break;
		blob = nb;
		if (read(fd, blob + total - hdr[1], hdr[1]) != hdr[1])
			break;
	}
	*out_total = total;
	return blob;
}

/* alloc-size, accumulated in a loop: the total is checked against a limit each time before realloc [shape: loop, arithmetic; sanitizer: break] */
uint8_t *good_loop_realloc(int fd, size_t *out_total)
{
	uint8_t *blob = NULL;
	size_t total = 0;
	uint8_t hdr[2];

	while (read(fd, hdr, sizeof(hdr)) == sizeof(hdr) && hdr[0] != 0) { /* ok: taint-loop-bound */
		total += hdr[1];
		if (total > 4096)
			break;
		uint8_t *nb = realloc(blob, total); /* ok: taint-alloc-size */
		if (nb == NULL)
			break;
		blob = nb;
		if (read(fd, blob + total - hdr[1], hdr[1]) != hdr[1])
			break;
	}
	*out_total = total;
	return blob;
}
