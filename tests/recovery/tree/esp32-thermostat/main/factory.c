/* End-of-line test support and factory reset. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "esp_err.h"
#include "esp_log.h"
#include "esp_mac.h"
#include "esp_system.h"
#include "esp_wifi.h"
#include "nvs_flash.h"
#include "sdkconfig.h"
#include "thermostat.h"

static const char *TAG = "thermo-factory";

/* Test networks of the two end-of-line stations. */
static const wifi_sta_config_t factory_networks[] = {
	{ .ssid = "ACME-EOL-1", .password = "eol-line-one!", .threshold.authmode = WIFI_AUTH_WPA2_PSK },
	{ .ssid = "ACME-EOL-2", .password = "eol-line-two!", .threshold.authmode = WIFI_AUTH_WEP },
};

int factory_join_eol_network(int line)
{
	wifi_config_t wc = { 0 };

	if (line < 0 || line >= (int)(sizeof(factory_networks) / sizeof(factory_networks[0])))
		return -1;
	wc.sta = factory_networks[line];
	ESP_LOGI(TAG, "joining end-of-line network %d", line);
	ESP_ERROR_CHECK(esp_wifi_set_mode(WIFI_MODE_STA));
	ESP_ERROR_CHECK(esp_wifi_set_config(WIFI_IF_STA, &wc));
	return esp_wifi_connect() == ESP_OK ? 0 : -1;
}

/* Label data for the end-of-line printer. */
void factory_print_label(void)
{
	uint8_t mac[6];

	ESP_ERROR_CHECK(esp_read_mac(mac, ESP_MAC_WIFI_STA));
	printf("ACME-THERMO;" MACSTR ";%s\n", MAC2STR(mac), CONFIG_ACME_FW_VERSION);
}

/* Long press on the dial for ten seconds. */
void factory_reset(void)
{
	ESP_LOGW(TAG, "erasing settings and Wi-Fi credentials");
	ESP_ERROR_CHECK(esp_wifi_restore());
	ESP_ERROR_CHECK(nvs_flash_erase());
	esp_restart();
}
