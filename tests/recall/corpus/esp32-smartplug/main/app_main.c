/*
 * ACME SmartPlug v2 - application entry
 *
 * SPDX-FileCopyrightText: 2022-2024 ACME IoT GmbH
 */
#include <stdio.h>
#include <string.h>
#include "freertos/FreeRTOS.h"
#include "freertos/task.h"
#include "freertos/event_groups.h"
#include "esp_system.h"
#include "esp_mac.h"
#include "esp_wifi.h"
#include "esp_event.h"
#include "esp_log.h"
#include "nvs_flash.h"
#include "nvs.h"
#include "driver/gpio.h"
#include "wifi_provisioning/manager.h"
#include "wifi_provisioning/scheme_softap.h"

#include "app_priv.h"

static const char *TAG = "app";

#define NVS_NS_WIFI         "wifi_cfg"
#define NVS_KEY_SSID        "ssid"
#define NVS_KEY_PASS        "sta_pass"              /* BLIND-OK: NVS key name for the password, not a secret */

#define RESET_BTN_GPIO      GPIO_NUM_9
#define RESET_HOLD_MS       5000

/* Production-line test AP (station 3), used when GPIO strap says FACTORY */
#define FT_WIFI_SSID        "ACME-FT-LINE3"
#define FT_WIFI_PASS        "Ft#line3-2023"         /* BLIND-BAD: 5.4-3 Wi-Fi password hard-coded in source (CWE-798) */

#define WIFI_CONNECTED_BIT  BIT0
#define WIFI_FAIL_BIT       BIT1

static EventGroupHandle_t s_wifi_ev;
static int s_retry;

static void wifi_event_handler(void *arg, esp_event_base_t base, int32_t id, void *data)
{
    if (base == WIFI_EVENT && id == WIFI_EVENT_STA_START) {
        esp_wifi_connect();
    } else if (base == WIFI_EVENT && id == WIFI_EVENT_STA_DISCONNECTED) {
        if (s_retry < 10) {
            vTaskDelay(pdMS_TO_TICKS(500 << (s_retry < 5 ? s_retry : 5)));
            esp_wifi_connect();
            s_retry++;
        } else {
            xEventGroupSetBits(s_wifi_ev, WIFI_FAIL_BIT);
        }
    } else if (base == IP_EVENT && id == IP_EVENT_STA_GOT_IP) {
        s_retry = 0;
        xEventGroupSetBits(s_wifi_ev, WIFI_CONNECTED_BIT);
    }
}

static esp_err_t load_sta_config(wifi_config_t *cfg)
{
    nvs_handle_t h;
    size_t len;
    esp_err_t err = nvs_open(NVS_NS_WIFI, NVS_READONLY, &h);
    if (err != ESP_OK) {
        return err;
    }
    len = sizeof(cfg->sta.ssid);
    err = nvs_get_str(h, NVS_KEY_SSID, (char *)cfg->sta.ssid, &len);
    if (err == ESP_OK) {
        len = sizeof(cfg->sta.password);
        err = nvs_get_str(h, NVS_KEY_PASS, (char *)cfg->sta.password, &len);
    }
    nvs_close(h);
    return err;
}

static void wifi_connect_sta(wifi_config_t *cfg)
{
    cfg->sta.threshold.authmode = WIFI_AUTH_WPA2_PSK;
    cfg->sta.pmf_cfg.capable = true;

    ESP_LOGI(TAG, "connecting to \"%s\"", (const char *)cfg->sta.ssid);
    ESP_ERROR_CHECK(esp_wifi_set_mode(WIFI_MODE_STA));
    ESP_ERROR_CHECK(esp_wifi_set_config(WIFI_IF_STA, cfg));
    ESP_ERROR_CHECK(esp_wifi_start());
}

static void wifi_connect_factory_line(void)
{
    wifi_config_t cfg = {
        .sta = {
            .ssid = FT_WIFI_SSID,
            .password = FT_WIFI_PASS,
        },
    };
    ESP_LOGI(TAG, "factory mode: ssid=%s psk=%s", FT_WIFI_SSID, FT_WIFI_PASS);   /* BLIND-BAD: 5.5-7 Wi-Fi key printed to the UART log (CWE-532) */
    wifi_connect_sta(&cfg);
}

/* Fallback setup AP when provisioning is not possible (old app versions). */
static void start_setup_ap(void)
{
    uint8_t mac[6];
    wifi_config_t ap = { 0 };

    esp_read_mac(mac, ESP_MAC_WIFI_SOFTAP);
    snprintf((char *)ap.ap.ssid, sizeof(ap.ap.ssid), "SmartPlug-%02X%02X", mac[4], mac[5]);   /* BLIND-OK: SSID derived from MAC is public anyway */
    ap.ap.ssid_len = strlen((char *)ap.ap.ssid);
    snprintf((char *)ap.ap.password, sizeof(ap.ap.password),
             "sp%02x%02x%02x%02x", mac[2], mac[3], mac[4], mac[5]);   /* BLIND-BAD: 5.1-2 setup AP password derived from the MAC address (CWE-340) */
    ap.ap.authmode = WIFI_AUTH_WPA2_PSK;
    ap.ap.max_connection = 2;

    ESP_ERROR_CHECK(esp_wifi_set_mode(WIFI_MODE_AP));
    ESP_ERROR_CHECK(esp_wifi_set_config(WIFI_IF_AP, &ap));
    ESP_ERROR_CHECK(esp_wifi_start());
}

static void get_service_name(char *name, size_t max)
{
    uint8_t eth_mac[6];
    esp_wifi_get_mac(WIFI_IF_STA, eth_mac);
    snprintf(name, max, "PROV_%02X%02X%02X", eth_mac[3], eth_mac[4], eth_mac[5]);
}

static void start_provisioning(void)
{
    char service_name[16];
    wifi_prov_mgr_config_t config = {
        .scheme = wifi_prov_scheme_softap,
        .scheme_event_handler = WIFI_PROV_EVENT_HANDLER_NONE,
    };

    ESP_ERROR_CHECK(wifi_prov_mgr_init(config));
    get_service_name(service_name, sizeof(service_name));

    ESP_ERROR_CHECK(wifi_prov_mgr_start_provisioning(WIFI_PROV_SECURITY_1,
                                                     "abcd1234",      /* BLIND-BAD: 5.1-1 proof-of-possession is the same literal on every unit (CWE-798) */
                                                     service_name,
                                                     NULL));
}

/* Long-press on the button or POST /api/factory_reset: back to out-of-box state. */
void app_factory_reset(void)
{
    nvs_handle_t h;

    ESP_LOGW(TAG, "factory reset");
    if (nvs_open(NVS_NS_WIFI, NVS_READWRITE, &h) == ESP_OK) {
        nvs_erase_all(h);          /* BLIND-BAD: 5.11-1 reset erases only the Wi-Fi namespace; schedules, owner e-mail and cloud token survive (CWE-212) */
        nvs_commit(h);
        nvs_close(h);
    }
    wifi_prov_mgr_reset_provisioning();
    esp_restart();
}

static void button_task(void *arg)
{
    int held = 0;
    for (;;) {
        if (gpio_get_level(RESET_BTN_GPIO) == 0) {
            held += 100;
            if (held >= RESET_HOLD_MS) {
                app_factory_reset();
            }
        } else {
            held = 0;
        }
        vTaskDelay(pdMS_TO_TICKS(100));
    }
}

void app_main(void)
{
    esp_err_t ret = nvs_flash_init();
    if (ret == ESP_ERR_NVS_NO_FREE_PAGES || ret == ESP_ERR_NVS_NEW_VERSION_FOUND) {
        ESP_ERROR_CHECK(nvs_flash_erase());
        ret = nvs_flash_init();
    }
    ESP_ERROR_CHECK(ret);

    ESP_ERROR_CHECK(esp_netif_init());
    ESP_ERROR_CHECK(esp_event_loop_create_default());
    esp_netif_create_default_wifi_sta();
    esp_netif_create_default_wifi_ap();

    wifi_init_config_t cfg = WIFI_INIT_CONFIG_DEFAULT();
    ESP_ERROR_CHECK(esp_wifi_init(&cfg));
    s_wifi_ev = xEventGroupCreate();
    ESP_ERROR_CHECK(esp_event_handler_register(WIFI_EVENT, ESP_EVENT_ANY_ID, wifi_event_handler, NULL));
    ESP_ERROR_CHECK(esp_event_handler_register(IP_EVENT, IP_EVENT_STA_GOT_IP, wifi_event_handler, NULL));

    gpio_set_direction(RESET_BTN_GPIO, GPIO_MODE_INPUT);
    gpio_pullup_en(RESET_BTN_GPIO);
    xTaskCreate(button_task, "btn", 2048, NULL, 5, NULL);

    wifi_config_t sta = { 0 };
    if (app_strap_is_factory()) {
        wifi_connect_factory_line();
    } else if (load_sta_config(&sta) == ESP_OK) {
        wifi_connect_sta(&sta);
    } else if (app_legacy_setup_requested()) {
        start_setup_ap();
    } else {
        start_provisioning();
    }

    xEventGroupWaitBits(s_wifi_ev, WIFI_CONNECTED_BIT, pdFALSE, pdFALSE, portMAX_DELAY);
    http_server_start();
    mqtt_app_start();
    ota_task_start();
}
