/* Gateway daemon (embedded Linux): the LAN control socket, the UDP telemetry
 * port and the local console. Data-flow cases for etsilint's taint rules:
 * "expect: RULE" marks a line where RULE must be reported, "ok: RULE" a sink
 * line where it must not be. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <syslog.h>
#include <unistd.h>

#include "gw_proto.h"

#define NUM_CHANNELS 16
#define NUM_LEDS 4
#define MAX_FRAME 2048

struct chan_state {
	uint32_t rx_count;
	uint32_t last_seen;
};

static struct chan_state channels[NUM_CHANNELS];
static uint8_t led_state[NUM_LEDS];
static char g_cfg_dir[64];

/* copy-length, direct: a length byte from recv() is the memcpy length [shape: direct] */
int bad_recv_len_prefix_copy(int sock)
{
	uint8_t buf[256];
	uint8_t payload[64];
	ssize_t n = recv(sock, buf, sizeof(buf), 0);

	if (n < 2)
		return -1;
	size_t plen = buf[0];
	memcpy(payload, buf + 1, plen); /* expect: taint-copy-length */
	return gw_handle_payload(payload, plen);
}

/* copy-length, early exit: the length byte is rejected above the destination size [shape: direct; sanitizer: early-exit] */
int good_recv_len_prefix_copy(int sock)
{
	uint8_t buf[256];
	uint8_t payload[64];
	ssize_t n = recv(sock, buf, sizeof(buf), 0);

	if (n < 2)
		return -1;
	size_t plen = buf[0];
	if (plen > sizeof(payload))
		return -1;
	memcpy(payload, buf + 1, plen); /* ok: taint-copy-length */
	return gw_handle_payload(payload, plen);
}

/* array-index, byte order: a 16-bit channel id from a UDP datagram (memcpy, ntohs) indexes a table [shape: copy, byte-order] */
int bad_udp_channel_index(int sock)
{
	uint8_t pkt[512];
	struct sockaddr_in from;
	socklen_t fromlen = sizeof(from);
	uint16_t ch;
	ssize_t n = recvfrom(sock, pkt, sizeof(pkt), 0, (struct sockaddr *)&from, &fromlen);

	if (n < 4)
		return -1;
	memcpy(&ch, pkt, sizeof(ch)); /* ok: taint-copy-length */
	ch = ntohs(ch);
	channels[ch].rx_count++; /* expect: taint-array-index */
	return 0;
}

/* array-index, early exit: the channel id is checked against the table size [shape: copy, byte-order; sanitizer: early-exit] */
int good_udp_channel_index(int sock)
{
	uint8_t pkt[512];
	struct sockaddr_in from;
	socklen_t fromlen = sizeof(from);
	uint16_t ch;
	ssize_t n = recvfrom(sock, pkt, sizeof(pkt), 0, (struct sockaddr *)&from, &fromlen);

	if (n < 4)
		return -1;
	memcpy(&ch, pkt, sizeof(ch)); /* ok: taint-copy-length */
	ch = ntohs(ch);
	if (ch >= NUM_CHANNELS)
		return -1;
	channels[ch].rx_count++; /* ok: taint-array-index */
	return 0;
}

/* alloc-size, byte order: a 32-bit frame length from read() (ntohl) sizes malloc [shape: byte-order] */
void *bad_read_frame_alloc(int fd, uint32_t *out_len)
{
	uint32_t hdr[2];

	if (read(fd, hdr, sizeof(hdr)) != sizeof(hdr))
		return NULL;
	uint32_t len = ntohl(hdr[1]);
	uint8_t *body = malloc(len); /* expect: taint-alloc-size */
	if (body == NULL)
		return NULL;
	if (read(fd, body, len) != (ssize_t)len) {
		free(body);
		return NULL;
	}
	*out_len = len;
	return body;
}

/* alloc-size, early exit: the frame length is limited before malloc [shape: byte-order; sanitizer: early-exit] */
void *good_read_frame_alloc(int fd, uint32_t *out_len)
{
	uint32_t hdr[2];

	if (read(fd, hdr, sizeof(hdr)) != sizeof(hdr))
		return NULL;
	uint32_t len = ntohl(hdr[1]);
	if (len == 0 || len > MAX_FRAME)
		return NULL;
	uint8_t *body = malloc(len); /* ok: taint-alloc-size */
	if (body == NULL)
		return NULL;
	if (read(fd, body, len) != (ssize_t)len) {
		free(body);
		return NULL;
	}
	*out_len = len;
	return body;
}

/* format-string, fgets: a console line is syslog's format [shape: direct] */
void bad_console_log(FILE *in)
{
	char line[128];

	if (fgets(line, sizeof(line), in) == NULL)
		return;
	syslog(LOG_NOTICE, line); /* expect: taint-format-string */
}

/* format-string, constant format: the console line is an argument of "%s" [shape: direct; sanitizer: constant-format] */
void good_console_log(FILE *in)
{
	char line[128];

	if (fgets(line, sizeof(line), in) == NULL)
		return;
	syslog(LOG_NOTICE, "console: %s", line); /* ok: taint-format-string */
}

/* unbounded-copy, branches: getenv() on one branch, a literal on the other; strcpy after the join [shape: branches] */
void bad_env_config_dir(void)
{
	const char *dir = getenv("GW_CONFIG_DIR");

	if (dir == NULL)
		dir = "/etc/gw";
	strcpy(g_cfg_dir, dir); /* expect: taint-unbounded-copy */
}

/* unbounded-copy, strlen guard: strcpy only when the variable fits [shape: branches; sanitizer: strlen-guard] */
void good_env_config_dir(void)
{
	const char *dir = getenv("GW_CONFIG_DIR");

	if (dir == NULL)
		dir = "/etc/gw";
	if (strlen(dir) < sizeof(g_cfg_dir))
		strcpy(g_cfg_dir, dir); /* ok: taint-unbounded-copy */
}

/* array-index, sscanf: an LED number parsed from a console line [shape: parse] */
int bad_cli_led(FILE *in)
{
	char line[64];
	int idx, on;

	if (fgets(line, sizeof(line), in) == NULL)
		return -1;
	if (sscanf(line, "led %d %d", &idx, &on) != 2)
		return -1;
	led_state[idx] = on ? 1 : 0; /* expect: taint-array-index */
	return 0;
}

/* array-index, sscanf with a range check on both ends [shape: parse; sanitizer: early-exit] */
int good_cli_led(FILE *in)
{
	char line[64];
	int idx, on;

	if (fgets(line, sizeof(line), in) == NULL)
		return -1;
	if (sscanf(line, "led %d %d", &idx, &on) != 2)
		return -1;
	if (idx < 0 || idx >= NUM_LEDS)
		return -1;
	led_state[idx] = on ? 1 : 0; /* ok: taint-array-index */
	return 0;
}

/* copy-length, one-path check: the oversize branch only logs and falls through to the copy [shape: branches; sanitizer: one-path-check] */
int bad_recv_check_one_path(int sock)
{
	uint8_t buf[512];
	uint8_t name[32];

	if (recv(sock, buf, sizeof(buf), 0) < 1)
		return -1;
	size_t nlen = buf[0];
	if (nlen > sizeof(name))
		syslog(LOG_WARNING, "name too long: %u", (unsigned)nlen);
	memcpy(name, buf + 1, nlen); /* expect: taint-copy-length */
	return gw_set_name(name, nlen);
}

/* copy-length, both paths: the oversize branch returns, so the copy sees a bounded length [shape: branches; sanitizer: early-exit] */
int good_recv_check_both_paths(int sock)
{
	uint8_t buf[512];
	uint8_t name[32];

	if (recv(sock, buf, sizeof(buf), 0) < 1)
		return -1;
	size_t nlen = buf[0];
	if (nlen > sizeof(name)) {
		syslog(LOG_WARNING, "name too long: %u", (unsigned)nlen);
		return -1;
	}
	memcpy(name, buf + 1, nlen); /* ok: taint-copy-length */
	return gw_set_name(name, nlen);
}

/* array-index, bounded return: recv()'s return value terminates the buffer it filled [shape: direct; sanitizer: bounded-return] */
int good_recv_terminate(int sock, char *out, size_t outsz)
{
	char req[128];
	ssize_t n = recv(sock, req, sizeof(req) - 1, 0);

	if (n <= 0)
		return -1;
	req[n] = '\0'; /* ok: taint-array-index */
	snprintf(out, outsz, "%s", req); /* ok: taint-format-string */
	return 0;
}

/* array-index, recv payload: a byte of the request (not its length) indexes the buffer [shape: direct] */
int bad_recv_terminate(int sock, char *out, size_t outsz)
{
	char req[128];
	ssize_t n = recv(sock, req, sizeof(req) - 1, 0);

	if (n <= 1)
		return -1;
	uint8_t end = (uint8_t)req[0];
	req[end] = '\0'; /* expect: taint-array-index */
	snprintf(out, outsz, "%s", req + 1); /* ok: taint-format-string */
	return 0;
}
