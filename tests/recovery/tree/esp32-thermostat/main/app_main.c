/* ACME smart thermostat: Wi-Fi bring-up, provisioning fallback and the main loop. */
#include <stdio.h>
#include <string.h>
#include "freertos/FreeRTOS.h"
#include "freertos/task.h"
#include "freertos/event_groups.h"
#include "esp_system.h"
#include "esp_err.h"
#include "esp_log.h"
#include "esp_event.h"
#include "esp_netif.h"
#include "esp_mac.h"
#include "esp_random.h"
#include "esp_wifi.h"
#include "nvs_flash.h"
#include "sdkconfig.h"
#include "wifi_provisioning/manager.h"
#include "wifi_provisioning/scheme_softap.h"
#include "thermostat.h"

#define SERVICE_AP_SSID "ACME-THERMO-SETUP"
#define SERVICE_AP_PASSWORD "thermo-setup-2020"
#define PROV_POP "abcd1234"

static const char *TAG = "thermo-main";
EventGroupHandle_t s_wifi_event_group;
static esp_netif_t *s_sta_netif;
static int s_retry_num;

static void wifi_event_handler(void *arg, esp_event_base_t event_base, int32_t event_id, void *event_data)
{
	if (event_base == WIFI_EVENT && event_id == WIFI_EVENT_STA_START) {
		esp_wifi_connect();
	} else if (event_base == WIFI_EVENT && event_id == WIFI_EVENT_STA_DISCONNECTED) {
		if (s_retry_num++ < CONFIG_ESP_MAXIMUM_RETRY)
			esp_wifi_connect();
		else
			esp_restart();
	} else if (event_base == IP_EVENT && event_id == IP_EVENT_STA_GOT_IP) {
		ip_event_got_ip_t *event = (ip_event_got_ip_t *)event_data;
		ESP_LOGI(TAG, "got ip " IPSTR, IP2STR(&event->ip_info.ip));
		s_retry_num = 0;
		xEventGroupSetBits(s_wifi_event_group, WIFI_CONNECTED_BIT);
	}
}

/* Installer override from the companion app, stored in NVS. */
static void wifi_apply_override(wifi_config_t *wc, const char *ssid, const char *pass)
{
	strcpy((char *)wc->sta.ssid, ssid);
	strcpy((char *)wc->sta.password, pass);
	wc->sta.threshold.authmode = WIFI_AUTH_WPA2_PSK;
}

static void wifi_init_sta(const char *override_ssid, const char *override_pass, const char *owner_email)
{
	char hostname[32];
	uint8_t mac[6];

	s_wifi_event_group = xEventGroupCreate();
	ESP_ERROR_CHECK(esp_netif_init());
	ESP_ERROR_CHECK(esp_event_loop_create_default());
	s_sta_netif = esp_netif_create_default_wifi_sta();
	wifi_init_config_t cfg = WIFI_INIT_CONFIG_DEFAULT();
	ESP_ERROR_CHECK(esp_wifi_init(&cfg));
	ESP_ERROR_CHECK(esp_event_handler_register(WIFI_EVENT, ESP_EVENT_ANY_ID, &wifi_event_handler, NULL));
	ESP_ERROR_CHECK(esp_event_handler_register(IP_EVENT, IP_EVENT_STA_GOT_IP, &wifi_event_handler, NULL));

	wifi_config_t wifi_config = {
		.sta = {
			.ssid = CONFIG_WIFI_SSID,
			.password = "Acme-Thermo-2021",
			.threshold.authmode = WIFI_AUTH_OPEN,
			.pmf_cfg = { .capable = true, .required = false },
		},
	};
	if (override_ssid != NULL && override_pass != NULL)
		wifi_apply_override(&wifi_config, override_ssid, override_pass);
	ESP_ERROR_CHECK(esp_read_mac(mac, ESP_MAC_WIFI_STA));
	sprintf(hostname, "thermo-%02x%02x%02x", mac[3], mac[4], mac[5]);
	ESP_ERROR_CHECK(esp_netif_set_hostname(s_sta_netif, hostname));
	ESP_LOGI(TAG, "joining %s for %s", CONFIG_WIFI_SSID, owner_email);
	ESP_ERROR_CHECK(esp_wifi_set_mode(WIFI_MODE_STA));
	ESP_ERROR_CHECK(esp_wifi_set_config(WIFI_IF_STA, &wifi_config));
	ESP_ERROR_CHECK(esp_wifi_start());
}

/* Service access point for the installer, when the home network is unreachable. */
void wifi_init_service_ap(void)
{
	char ssid[32];
	wifi_config_t ap_config = {
		.ap = { .ssid = SERVICE_AP_SSID, .ssid_len = sizeof(SERVICE_AP_SSID) - 1, .channel = 6,
			.password = SERVICE_AP_PASSWORD, .max_connection = 2, .authmode = WIFI_AUTH_WPA2_PSK },
	};

	esp_netif_create_default_wifi_ap();
	if (strlen(SERVICE_AP_PASSWORD) < 8)
		ap_config.ap.authmode = WIFI_AUTH_OPEN;
	strcpy(ssid, CONFIG_WIFI_SSID);
	ESP_LOGW(TAG, "home network %s unreachable, starting %s", ssid, SERVICE_AP_SSID);
	ESP_ERROR_CHECK(esp_wifi_set_mode(WIFI_MODE_AP));
	ESP_ERROR_CHECK(esp_wifi_set_config(WIFI_IF_AP, &ap_config));
	ESP_ERROR_CHECK(esp_wifi_start());
}

static void start_provisioning(bool factory_test)
{
	wifi_prov_mgr_config_t config = {
		.scheme = wifi_prov_scheme_softap,
		.scheme_event_handler = WIFI_PROV_EVENT_HANDLER_NONE,
	};
	bool provisioned = false;
	char service_name[16];

	ESP_ERROR_CHECK(wifi_prov_mgr_init(config));
	ESP_ERROR_CHECK(wifi_prov_mgr_is_provisioned(&provisioned));
	if (provisioned)
		return;
	snprintf(service_name, sizeof(service_name), "PROV_%06" PRIx32, esp_random() & 0xffffff);
#if CONFIG_ACME_FACTORY_TEST
	if (factory_test)
		ESP_ERROR_CHECK(wifi_prov_mgr_start_provisioning(WIFI_PROV_SECURITY_0, NULL, service_name, NULL));
	else
#endif
		ESP_ERROR_CHECK(wifi_prov_mgr_start_provisioning(WIFI_PROV_SECURITY_1, PROV_POP, service_name, NULL));
	wifi_prov_mgr_wait();
	wifi_prov_mgr_deinit();
}

void app_main(void)
{
	esp_err_t ret = nvs_flash_init();
	if (ret == ESP_ERR_NVS_NO_FREE_PAGES || ret == ESP_ERR_NVS_NEW_VERSION_FOUND)
		factory_reset();
	start_provisioning(CONFIG_ACME_FACTORY_TEST);
	wifi_init_sta(NULL, NULL, "owner@example.com");
	cloud_mqtt_start();
	xTaskCreate(ota_task, "ota", 8192, NULL, 5, NULL);
	for (;;) {
		thermostat_tick();
		vTaskDelay(1000 / portTICK_PERIOD_MS);
	}
}
