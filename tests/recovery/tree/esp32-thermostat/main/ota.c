/* Firmware updates: HTTPS OTA, image digest check and the update task. */
#include <stdio.h>
#include <string.h>
#include "freertos/FreeRTOS.h"
#include "freertos/task.h"
#include "esp_err.h"
#include "esp_log.h"
#include "esp_system.h"
#include "esp_http_client.h"
#include "esp_https_ota.h"
#include "esp_ota_ops.h"
#include "esp_partition.h"
#include "esp_rom_md5.h"
#include "nvs.h"
#include "sdkconfig.h"
#include "thermostat.h"

#define OTA_URL_FALLBACK "http://fw.acme-things.io/thermo/latest.bin"
#define OTA_CHECK_PERIOD_MS (6 * 60 * 60 * 1000)

static const char *TAG = "thermo-ota";

extern const char acme_ca_pem_start[] asm("_binary_acme_ca_pem_start");

esp_err_t ota_run(const char *url)
{
	esp_http_client_config_t http_cfg = {
		.url = url,
		.cert_pem = acme_ca_pem_start,
		.timeout_ms = 15000,
		.keep_alive_enable = true,
	};
	esp_https_ota_config_t ota_cfg = {
		.http_config = &http_cfg,
		.partial_http_download = true,
		.max_http_request_size = 16384,
	};

	ESP_LOGI(TAG, "OTA from %s", url);
	return esp_https_ota(&ota_cfg);
}

/* Legacy update servers: the CDN alias (name check disabled) and the plain HTTP origin. */
static const esp_http_client_config_t legacy_mirrors[] = {
	{ .url = "https://cdn.acme-things.io/thermo/thermostat.bin", .cert_pem = acme_ca_pem_start,
	  .skip_cert_common_name_check = true },
	{ .url = "http://legacy-fw.acme-things.io/thermo/thermostat.bin", .timeout_ms = 30000 },
};

static esp_err_t ota_run_legacy(void)
{
	esp_err_t err = ESP_FAIL;

	for (size_t i = 0; err != ESP_OK && i < sizeof(legacy_mirrors) / sizeof(legacy_mirrors[0]); i++) {
		esp_https_ota_config_t ota_cfg = { .http_config = &legacy_mirrors[i] };
		err = esp_https_ota(&ota_cfg);
	}
	return err;
}

/* The manifest publishes an MD5 of the image; compare before rebooting. */
static esp_err_t ota_verify_digest(const esp_partition_t *part, const uint8_t expected[ESP_ROM_MD5_DIGEST_LEN])
{
	md5_context_t ctx;
	uint8_t digest[ESP_ROM_MD5_DIGEST_LEN];
	uint8_t buf[512];

	esp_rom_md5_init(&ctx);
	for (size_t off = 0; off < part->size; off += sizeof(buf)) {
		ESP_ERROR_CHECK(esp_partition_read(part, off, buf, sizeof(buf)));
		esp_rom_md5_update(&ctx, buf, sizeof(buf));
	}
	esp_rom_md5_final(digest, &ctx);
	return memcmp(digest, expected, sizeof(digest)) == 0 ? ESP_OK : ESP_ERR_INVALID_CRC;
}

static void ota_report_version(char *out)
{
	const esp_app_desc_t *desc = esp_app_get_description();

	sprintf(out, "%s (%s %s)", desc->version, desc->date, desc->time);
}

void ota_task(void *pv)
{
	char url[128];
	char version[96];
	uint8_t expected[ESP_ROM_MD5_DIGEST_LEN] = { 0 };
	thermo_settings_t settings;

	ota_report_version(version);
	ESP_LOGI(TAG, "running %s", version);
	for (;;) {
		if (thermostat_load_settings(&settings) == ESP_OK && settings.ota_url[0] != '\0')
			strcpy(url, settings.ota_url);
		else
			strcpy(url, OTA_URL_FALLBACK);
		esp_err_t err = ota_run(url);
		if (err != ESP_OK)
			err = ota_run_legacy();
		if (err == ESP_OK) {
			const esp_partition_t *next = esp_ota_get_next_update_partition(NULL);
			if (ota_verify_digest(next, expected) == ESP_OK)
				esp_restart();
		}
		vTaskDelay(OTA_CHECK_PERIOD_MS / portTICK_PERIOD_MS);
	}
}
