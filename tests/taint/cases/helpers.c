/* Sensor hub link (embedded Linux/lwIP style sockets): data crossing static
 * helper functions of this file. Taint cases: "expect: RULE" must be
 * reported on that line (for a sink inside a helper, at the helper's line),
 * "ok: RULE" must not. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#define NUM_HANDLERS 6
#define MAX_FRAME 256
#define MAX_PATTERN 64

struct hub_ctx;
typedef void (*cmd_handler)(struct hub_ctx *ctx);

extern void cmd_ping(struct hub_ctx *ctx);
extern void cmd_reset(struct hub_ctx *ctx);
extern void cmd_status(struct hub_ctx *ctx);
extern void cmd_sample(struct hub_ctx *ctx);
extern void cmd_config(struct hub_ctx *ctx);
extern void cmd_sleep(struct hub_ctx *ctx);
extern int hub_queue(const uint8_t *p, size_t n);

static const cmd_handler handlers[NUM_HANDLERS] = {
	cmd_ping, cmd_reset, cmd_status, cmd_sample, cmd_config, cmd_sleep,
};

struct record {
	uint8_t tag;
	uint8_t data[32];
};

/* helper with the sink: copies n bytes into a record (called with a network length) */
static void store_record(struct record *rec, const uint8_t *src, size_t n)
{
	memcpy(rec->data, src, n); /* expect: taint-copy-length */
}

/* copy-length, helper parameter: the caller passes a length byte from recv() to store_record() [shape: helper-param] */
int bad_helper_param_copy(int sock, struct record *rec)
{
	uint8_t pkt[64];

	if (recv(sock, pkt, sizeof(pkt), 0) < 2)
		return -1;
	rec->tag = pkt[0];
	store_record(rec, pkt + 2, pkt[1]);
	return 0;
}

/* helper with the sink: called only with a length its caller has checked */
static void copy_record(struct record *rec, const uint8_t *src, size_t n)
{
	memcpy(rec->data, src, n); /* ok: taint-copy-length */
}

/* copy-length, helper parameter: the caller rejects long records before calling copy_record() [shape: helper-param; sanitizer: early-exit] */
int good_helper_param_copy(int sock, struct record *rec)
{
	uint8_t pkt[64];

	if (recv(sock, pkt, sizeof(pkt), 0) < 2)
		return -1;
	size_t n = pkt[1];
	if (n > sizeof(rec->data))
		return -1;
	rec->tag = pkt[0];
	copy_record(rec, pkt + 2, n);
	return 0;
}

/* helper returning source data: one command byte read from the socket */
static int read_cmd_byte(int sock)
{
	uint8_t b;

	if (recv(sock, &b, 1, 0) != 1)
		return -1;
	return b;
}

/* array-index, helper return: the command byte selects a handler in a function table [shape: helper-return] */
void bad_helper_return_dispatch(int sock, struct hub_ctx *ctx)
{
	int idx = read_cmd_byte(sock);

	if (idx < 0)
		return;
	handlers[idx](ctx); /* expect: taint-array-index */
}

/* array-index, helper return: the command byte is checked against the table size [shape: helper-return; sanitizer: early-exit] */
void good_helper_return_dispatch(int sock, struct hub_ctx *ctx)
{
	int idx = read_cmd_byte(sock);

	if (idx < 0 || idx >= NUM_HANDLERS)
		return;
	handlers[idx](ctx); /* ok: taint-array-index */
}

/* helper filling an out-parameter from recv() */
static int recv_frame(int sock, uint8_t *out, size_t cap)
{
	return recv(sock, out, cap, 0);
}

/* alloc-size, helper out-parameter: a 16-bit length from the frame recv_frame() filled sizes malloc [shape: helper-out-param, arithmetic] */
uint8_t *bad_helper_out_param_alloc(int sock)
{
	uint8_t frame[64];

	if (recv_frame(sock, frame, sizeof(frame)) < 3)
		return NULL;
	uint16_t n = frame[1] | (frame[2] << 8);
	uint8_t *copy = malloc(n); /* expect: taint-alloc-size */
	return copy;
}

/* alloc-size, helper out-parameter: the length is limited before malloc [shape: helper-out-param, arithmetic; sanitizer: early-exit] */
uint8_t *good_helper_out_param_alloc(int sock)
{
	uint8_t frame[64];

	if (recv_frame(sock, frame, sizeof(frame)) < 3)
		return NULL;
	uint16_t n = frame[1] | (frame[2] << 8);
	if (n > MAX_FRAME)
		return NULL;
	uint8_t *copy = malloc(n); /* ok: taint-alloc-size */
	return copy;
}

/* helper with the sink: prints its argument as a format */
static void log_remote(const char *msg)
{
	printf(msg); /* expect: taint-format-string */
}

/* format-string, helper parameter: a received status line is handed to log_remote() [shape: helper-param] */
void bad_helper_log(int sock)
{
	char line[96];
	ssize_t n = recv(sock, line, sizeof(line) - 1, 0);

	if (n <= 0)
		return;
	line[n] = '\0'; /* ok: taint-array-index */
	log_remote(line);
}

/* helper without a sink: prints its argument through "%s" */
static void log_remote_safe(const char *msg)
{
	printf("remote: %s\n", msg); /* ok: taint-format-string */
}

/* format-string, helper parameter: the same line handed to a helper with a constant format [shape: helper-param; sanitizer: constant-format] */
void good_helper_log(int sock)
{
	char line[96];
	ssize_t n = recv(sock, line, sizeof(line) - 1, 0);

	if (n <= 0)
		return;
	line[n] = '\0'; /* ok: taint-array-index */
	log_remote_safe(line);
}

/* helper with the sink: the pattern length bounds its loop */
static void fill_pattern(uint8_t *dst, uint8_t seed, size_t n)
{
	for (size_t i = 0; i < n; i++) /* expect: taint-loop-bound */
		dst[i] = (uint8_t)(seed + i);
}

/* loop-bound, helper parameter: a requested test pattern length goes straight to fill_pattern() [shape: helper-param, loop] */
int bad_helper_loop(int sock)
{
	uint8_t req[2];
	uint8_t out[MAX_PATTERN];

	if (recv(sock, req, sizeof(req), 0) != 2)
		return -1;
	fill_pattern(out, req[0], req[1]);
	return hub_queue(out, sizeof(out));
}

/* helper with the sink: called only with a clamped length */
static void fill_pattern_clamped(uint8_t *dst, uint8_t seed, size_t n)
{
	for (size_t i = 0; i < n; i++) /* ok: taint-loop-bound */
		dst[i] = (uint8_t)(seed + i);
}

/* loop-bound, helper parameter: the caller clamps the length with a ternary first [shape: helper-param, loop; sanitizer: ternary-clamp] */
int good_helper_loop(int sock)
{
	uint8_t req[2];
	uint8_t out[MAX_PATTERN];

	if (recv(sock, req, sizeof(req), 0) != 2)
		return -1;
	size_t n = req[1] > sizeof(out) ? sizeof(out) : req[1];
	fill_pattern_clamped(out, req[0], n);
	return hub_queue(out, n);
}
