/* Fake ESP-IDF esp_event.h for the etsilint recovery fixture. */
#pragma once
#include <stdint.h>
#include "esp_err.h"
#include "freertos/FreeRTOS.h"

typedef const char *esp_event_base_t;
typedef void (*esp_event_handler_t)(void *event_handler_arg, esp_event_base_t event_base,
				    int32_t event_id, void *event_data);

#define ESP_EVENT_ANY_BASE NULL
#define ESP_EVENT_ANY_ID -1
#define ESP_EVENT_DECLARE_BASE(id) extern esp_event_base_t const id

ESP_EVENT_DECLARE_BASE(WIFI_EVENT);
ESP_EVENT_DECLARE_BASE(IP_EVENT);

typedef enum {
	WIFI_EVENT_WIFI_READY = 0,
	WIFI_EVENT_SCAN_DONE,
	WIFI_EVENT_STA_START,
	WIFI_EVENT_STA_STOP,
	WIFI_EVENT_STA_CONNECTED,
	WIFI_EVENT_STA_DISCONNECTED,
	WIFI_EVENT_AP_START = 12,
	WIFI_EVENT_AP_STOP,
	WIFI_EVENT_AP_STACONNECTED,
	WIFI_EVENT_AP_STADISCONNECTED,
} wifi_event_t;

typedef enum {
	IP_EVENT_STA_GOT_IP,
	IP_EVENT_STA_LOST_IP,
	IP_EVENT_AP_STAIPASSIGNED,
} ip_event_t;

esp_err_t esp_event_loop_create_default(void);
esp_err_t esp_event_handler_register(esp_event_base_t event_base, int32_t event_id,
				     esp_event_handler_t event_handler, void *event_handler_arg);
esp_err_t esp_event_handler_unregister(esp_event_base_t event_base, int32_t event_id,
				       esp_event_handler_t event_handler);
