/* Factory and Wi-Fi provisioning over the serial console (ESP-IDF UART
 * driver, plus a Linux build of the same tool reading stdin). Taint cases:
 * "expect: RULE" must be reported on that line, "ok: RULE" must not. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver/uart.h"
#include "esp_wifi.h"
#include "freertos/FreeRTOS.h"

#define MAX_SLOTS 16
#define MAX_PEERS 8

struct slot {
	char name[16];
	uint32_t flags;
};

static wifi_config_t wifi_cfg;
static char peer_list[128];
static char peer_item[24];

extern void add_peer(const char *item);

/* unbounded-copy, uart_read_bytes: the SSID line (up to 63 bytes) is strcpy'ed into a 32-byte field [shape: direct] */
int bad_prov_ssid(void)
{
	char rx[64];
	int n = uart_read_bytes(UART_NUM_0, rx, sizeof(rx) - 1, pdMS_TO_TICKS(5000));

	if (n <= 0)
		return -1;
	rx[n] = '\0'; /* ok: taint-array-index */
	strcpy((char *)wifi_cfg.sta.ssid, rx); /* expect: taint-unbounded-copy */
	return esp_wifi_set_config(WIFI_IF_STA, &wifi_cfg);
}

/* unbounded-copy, uart_read_bytes: the SSID copied with strlcpy bounded by the field [shape: direct; sanitizer: bounded-function] */
int good_prov_ssid(void)
{
	char rx[64];
	int n = uart_read_bytes(UART_NUM_0, rx, sizeof(rx) - 1, pdMS_TO_TICKS(5000));

	if (n <= 0)
		return -1;
	rx[n] = '\0'; /* ok: taint-array-index */
	strlcpy((char *)wifi_cfg.sta.ssid, rx, sizeof(wifi_cfg.sta.ssid)); /* ok: taint-unbounded-copy, taint-copy-length */
	return esp_wifi_set_config(WIFI_IF_STA, &wifi_cfg);
}

/* unbounded-copy, through a loop: strtok_r tokens of a console line are strcat'ed onto a list [shape: loop, copy] */
void bad_prov_peer_list(FILE *in)
{
	char line[256];
	char *save = NULL;

	if (fgets(line, sizeof(line), in) == NULL)
		return;
	peer_list[0] = '\0';
	for (char *tok = strtok_r(line, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) { /* ok: taint-loop-bound */
		strcat(peer_list, tok); /* expect: taint-unbounded-copy */
		strcat(peer_list, " ");
	}
}

/* unbounded-copy, through a loop: each token is copied only when strlen(tok) fits the item buffer [shape: loop, copy; sanitizer: strlen-guard] */
void good_prov_peer_list(FILE *in)
{
	char line[256];
	char *save = NULL;

	if (fgets(line, sizeof(line), in) == NULL)
		return;
	for (char *tok = strtok_r(line, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) { /* ok: taint-loop-bound */
		if (strlen(tok) < sizeof(peer_item)) {
			strcpy(peer_item, tok); /* ok: taint-unbounded-copy */
			add_peer(peer_item);
		}
	}
}

/* alloc-size, scanf: the slot count typed on stdin is calloc's element count [shape: direct] */
struct slot *bad_prov_slots(void)
{
	unsigned n;

	if (scanf("%u", &n) != 1)
		return NULL;
	return calloc(n, sizeof(struct slot)); /* expect: taint-alloc-size */
}

/* alloc-size, scanf: the slot count is limited with MIN() first [shape: direct; sanitizer: MIN] */
struct slot *good_prov_slots(void)
{
	unsigned n;

	if (scanf("%u", &n) != 1)
		return NULL;
	n = MIN(n, MAX_SLOTS);
	return calloc(n, sizeof(struct slot)); /* ok: taint-alloc-size */
}

/* loop-bound, sscanf: a peer count parsed from a console line bounds the pairing loop [shape: parse, loop] */
int bad_prov_pair_loop(FILE *in)
{
	char line[64];
	int count = 0;

	if (fgets(line, sizeof(line), in) == NULL)
		return -1;
	if (sscanf(line, "pair %d", &count) != 1)
		return -1;
	for (int i = 0; i < count; i++) /* expect: taint-loop-bound */
		add_peer("pending");
	return count;
}

/* loop-bound, sscanf: the peer count checked with an early exit [shape: parse, loop; sanitizer: early-exit] */
int good_prov_pair_loop(FILE *in)
{
	char line[64];
	int count = 0;

	if (fgets(line, sizeof(line), in) == NULL)
		return -1;
	if (sscanf(line, "pair %d", &count) != 1)
		return -1;
	if (count > MAX_PEERS)
		return -1;
	for (int i = 0; i < count; i++) /* ok: taint-loop-bound */
		add_peer("pending");
	return count;
}
