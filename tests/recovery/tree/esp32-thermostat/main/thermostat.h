/* ACME smart thermostat: shared declarations. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "esp_bit_defs.h"
#include "esp_err.h"

#define THERMO_NVS_NAMESPACE "thermo"
#define WIFI_CONNECTED_BIT BIT0
#define WIFI_FAIL_BIT BIT1

typedef struct {
	float setpoint_c;
	float hysteresis_c;
	uint8_t mode;
	char ota_url[128];
} thermo_settings_t;

void thermostat_tick(void);
void factory_reset(void);
int factory_join_eol_network(int line);
void thermostat_handle_command(const char *data, int len);
esp_err_t thermostat_load_settings(thermo_settings_t *out);

void cloud_mqtt_start(void);
void cloud_mqtts_start(const char *device_cert, const char *device_key);
int cloud_post_reading(float temp_c, float humidity);
void cloud_upload_logs(const char *path);

esp_err_t ota_run(const char *url);
void ota_task(void *pv);

esp_err_t settings_seal(const uint8_t *in, size_t len, uint8_t *out);
uint32_t pairing_pin_new(void);
