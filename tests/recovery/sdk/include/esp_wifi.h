/* Fake ESP-IDF esp_wifi.h (with esp_wifi_types.h folded in) for the etsilint recovery fixture. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "esp_err.h"
#include "esp_event.h"

typedef enum {
	WIFI_MODE_NULL = 0,
	WIFI_MODE_STA,
	WIFI_MODE_AP,
	WIFI_MODE_APSTA,
} wifi_mode_t;

typedef enum {
	WIFI_IF_STA = 0,
	WIFI_IF_AP = 1,
} wifi_interface_t;

typedef enum {
	WIFI_AUTH_OPEN = 0,
	WIFI_AUTH_WEP,
	WIFI_AUTH_WPA_PSK,
	WIFI_AUTH_WPA2_PSK,
	WIFI_AUTH_WPA_WPA2_PSK,
	WIFI_AUTH_WPA2_ENTERPRISE,
	WIFI_AUTH_WPA3_PSK,
	WIFI_AUTH_WPA2_WPA3_PSK,
} wifi_auth_mode_t;

typedef enum {
	WIFI_CIPHER_TYPE_NONE = 0,
	WIFI_CIPHER_TYPE_WEP40,
	WIFI_CIPHER_TYPE_WEP104,
	WIFI_CIPHER_TYPE_TKIP,
	WIFI_CIPHER_TYPE_CCMP,
} wifi_cipher_type_t;

typedef enum {
	WIFI_ALL_CHANNEL_SCAN = 0,
	WIFI_FAST_SCAN,
} wifi_scan_method_t;

typedef enum {
	WIFI_CONNECT_AP_BY_SIGNAL = 0,
	WIFI_CONNECT_AP_BY_SECURITY,
} wifi_sort_method_t;

typedef enum {
	WIFI_PS_NONE,
	WIFI_PS_MIN_MODEM,
	WIFI_PS_MAX_MODEM,
} wifi_ps_type_t;

typedef struct {
	int8_t rssi;
	wifi_auth_mode_t authmode;
} wifi_scan_threshold_t;

typedef struct {
	bool capable;
	bool required;
} wifi_pmf_config_t;

typedef struct {
	uint8_t ssid[32];
	uint8_t password[64];
	uint8_t ssid_len;
	uint8_t channel;
	wifi_auth_mode_t authmode;
	uint8_t ssid_hidden;
	uint8_t max_connection;
	uint16_t beacon_interval;
	wifi_cipher_type_t pairwise_cipher;
	bool ftm_responder;
	wifi_pmf_config_t pmf_cfg;
} wifi_ap_config_t;

typedef struct {
	uint8_t ssid[32];
	uint8_t password[64];
	wifi_scan_method_t scan_method;
	bool bssid_set;
	uint8_t bssid[6];
	uint8_t channel;
	uint16_t listen_interval;
	wifi_sort_method_t sort_method;
	wifi_scan_threshold_t threshold;
	wifi_pmf_config_t pmf_cfg;
	uint32_t rm_enabled : 1;
	uint32_t btm_enabled : 1;
	uint32_t reserved : 30;
} wifi_sta_config_t;

typedef union {
	wifi_ap_config_t ap;
	wifi_sta_config_t sta;
} wifi_config_t;

typedef struct {
	void *osi_funcs;
	int static_rx_buf_num;
	int dynamic_rx_buf_num;
	int tx_buf_type;
	int static_tx_buf_num;
	int dynamic_tx_buf_num;
	int ampdu_rx_enable;
	int nvs_enable;
	int magic;
} wifi_init_config_t;

extern void *g_wifi_osi_funcs;
#define WIFI_INIT_CONFIG_MAGIC 0x1F2F3F4F
#define WIFI_INIT_CONFIG_DEFAULT()                                                           \
	{                                                                                    \
		.osi_funcs = &g_wifi_osi_funcs, .static_rx_buf_num = 10,                     \
		.dynamic_rx_buf_num = 32, .tx_buf_type = 1, .static_tx_buf_num = 0,          \
		.dynamic_tx_buf_num = 32, .ampdu_rx_enable = 1, .nvs_enable = 1,             \
		.magic = WIFI_INIT_CONFIG_MAGIC                                              \
	}

typedef struct {
	uint8_t mac[6];
	uint8_t aid;
	bool is_mesh_child;
} wifi_event_ap_staconnected_t;

typedef struct {
	uint8_t ssid[32];
	uint8_t ssid_len;
	uint8_t bssid[6];
	uint8_t reason;
} wifi_event_sta_disconnected_t;

esp_err_t esp_wifi_init(const wifi_init_config_t *config);
esp_err_t esp_wifi_deinit(void);
esp_err_t esp_wifi_set_mode(wifi_mode_t mode);
esp_err_t esp_wifi_get_mode(wifi_mode_t *mode);
esp_err_t esp_wifi_set_config(wifi_interface_t interface, wifi_config_t *conf);
esp_err_t esp_wifi_get_config(wifi_interface_t interface, wifi_config_t *conf);
esp_err_t esp_wifi_set_ps(wifi_ps_type_t type);
esp_err_t esp_wifi_start(void);
esp_err_t esp_wifi_stop(void);
esp_err_t esp_wifi_connect(void);
esp_err_t esp_wifi_disconnect(void);
esp_err_t esp_wifi_restore(void);
