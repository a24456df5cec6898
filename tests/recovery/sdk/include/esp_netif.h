/* Fake ESP-IDF esp_netif.h for the etsilint recovery fixture. */
#pragma once
#include <stdint.h>
#include "esp_err.h"

typedef struct esp_netif_obj esp_netif_t;

typedef struct {
	uint32_t addr;
} esp_ip4_addr_t;

typedef struct {
	esp_ip4_addr_t ip;
	esp_ip4_addr_t netmask;
	esp_ip4_addr_t gw;
} esp_netif_ip_info_t;

typedef struct {
	esp_netif_t *esp_netif;
	esp_netif_ip_info_t ip_info;
	int ip_changed;
} ip_event_got_ip_t;

#define esp_ip4_addr_get_byte(ipaddr, idx) (((const uint8_t *)(&(ipaddr)->addr))[idx])
#define IP2STR(ipaddr) esp_ip4_addr_get_byte(ipaddr, 0), esp_ip4_addr_get_byte(ipaddr, 1), \
	esp_ip4_addr_get_byte(ipaddr, 2), esp_ip4_addr_get_byte(ipaddr, 3)
#define IPSTR "%d.%d.%d.%d"

esp_err_t esp_netif_init(void);
esp_netif_t *esp_netif_create_default_wifi_sta(void);
esp_netif_t *esp_netif_create_default_wifi_ap(void);
esp_err_t esp_netif_set_hostname(esp_netif_t *esp_netif, const char *hostname);
