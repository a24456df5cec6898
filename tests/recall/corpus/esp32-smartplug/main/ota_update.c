/*
 * OTA: check the update server after boot and every 12 h.
 */
#include <string.h>
#include "freertos/FreeRTOS.h"
#include "freertos/task.h"
#include "esp_log.h"
#include "esp_system.h"
#include "esp_ota_ops.h"
#include "esp_http_client.h"
#include "esp_https_ota.h"
#include "esp_crt_bundle.h"
#include "sdkconfig.h"

#include "app_priv.h"

static const char *TAG = "ota";

extern const uint8_t server_root_cert_pem_start[] asm("_binary_server_root_cert_pem_start");
extern const uint8_t server_root_cert_pem_end[]   asm("_binary_server_root_cert_pem_end");

#define OTA_CHECK_PERIOD_MS  (12 * 3600 * 1000)

static esp_err_t ota_from_primary(void)
{
    esp_http_client_config_t http_cfg = {
        .url = CONFIG_APP_OTA_URL,
        .crt_bundle_attach = esp_crt_bundle_attach,     /* BLIND-OK: 5.3-10 HTTPS with the certificate bundle, hostname checked */
        .timeout_ms = 15000,
        .keep_alive_enable = true,
    };
    esp_https_ota_config_t ota_cfg = {
        .http_config = &http_cfg,
    };
    return esp_https_ota(&ota_cfg);
}

static esp_err_t ota_from_mirror(const char *mirror_url)
{
    esp_http_client_config_t http_cfg = {
        .url = mirror_url,
        .cert_pem = (const char *)server_root_cert_pem_start,
        .skip_cert_common_name_check = true,            /* BLIND-BAD: 5.3-10 mirror hostname not checked for firmware download (CWE-297) */
        .timeout_ms = 15000,
    };
    esp_https_ota_config_t ota_cfg = {
        .http_config = &http_cfg,
    };
    return esp_https_ota(&ota_cfg);
}

static void ota_task(void *arg)
{
    esp_err_t err;

    for (;;) {
        err = ota_from_primary();
        if (err != ESP_OK && app_mirror_url() != NULL) {
            err = ota_from_mirror(app_mirror_url());
        }
        if (err == ESP_OK) {
            ESP_LOGI(TAG, "update applied, restarting");
            esp_restart();
        }
        vTaskDelay(pdMS_TO_TICKS(OTA_CHECK_PERIOD_MS));
    }
}

void ota_task_start(void)
{
    const esp_partition_t *running = esp_ota_get_running_partition();
    esp_ota_img_states_t state;

    if (esp_ota_get_state_partition(running, &state) == ESP_OK &&
        state == ESP_OTA_IMG_PENDING_VERIFY) {
        esp_ota_mark_app_valid_cancel_rollback();
    }
    xTaskCreate(ota_task, "ota", 8192, NULL, 4, NULL);
}
