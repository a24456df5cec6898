/*
 * Automatically generated file. DO NOT EDIT.
 * Espressif IoT Development Framework (ESP-IDF) Configuration Header
 * (fake, trimmed: only what the recovery fixture tree uses)
 */
#pragma once
#define CONFIG_IDF_TARGET "esp32"
#define CONFIG_IDF_TARGET_ESP32 1
#define CONFIG_FREERTOS_HZ 100
#define CONFIG_LOG_MAXIMUM_LEVEL 3
#define CONFIG_ESP_MAXIMUM_RETRY 5
#define CONFIG_WIFI_SSID "acme-iot"
#define CONFIG_WIFI_PASSWORD ""
#define CONFIG_ACME_TELEMETRY_URL "https://ingest.acme-things.io/v2/readings"
#define CONFIG_ACME_OTA_URL "https://fw.acme-things.io/thermo/latest.bin"
#define CONFIG_ACME_FACTORY_TEST 1
#define CONFIG_ACME_FW_VERSION "3.4.1"
#define CONFIG_ESP_TLS_USING_MBEDTLS 1
#define CONFIG_MBEDTLS_CERTIFICATE_BUNDLE 1
