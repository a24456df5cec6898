/* Fake ESP-IDF esp_mac.h for the etsilint recovery fixture. */
#pragma once
#include <stdint.h>
#include "esp_err.h"
typedef enum {
	ESP_MAC_WIFI_STA,
	ESP_MAC_WIFI_SOFTAP,
	ESP_MAC_BT,
	ESP_MAC_ETH,
} esp_mac_type_t;
esp_err_t esp_read_mac(uint8_t *mac, esp_mac_type_t type);
#define MACSTR "%02x:%02x:%02x:%02x:%02x:%02x"
#define MAC2STR(a) (a)[0], (a)[1], (a)[2], (a)[3], (a)[4], (a)[5]
