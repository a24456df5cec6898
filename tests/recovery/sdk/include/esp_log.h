/* Fake ESP-IDF esp_log.h for the etsilint recovery fixture. */
#pragma once
#include <stdint.h>
#include <stdarg.h>
#include <inttypes.h>
#include "sdkconfig.h"

typedef enum {
	ESP_LOG_NONE,
	ESP_LOG_ERROR,
	ESP_LOG_WARN,
	ESP_LOG_INFO,
	ESP_LOG_DEBUG,
	ESP_LOG_VERBOSE,
} esp_log_level_t;

void esp_log_level_set(const char *tag, esp_log_level_t level);
uint32_t esp_log_timestamp(void);
void esp_log_write(esp_log_level_t level, const char *tag, const char *format, ...)
	__attribute__((format(printf, 3, 4)));
void esp_log_buffer_hex_internal(const char *tag, const void *buffer, uint16_t buff_len,
				 esp_log_level_t level);

#define LOG_FORMAT(letter, format) #letter " (%" PRIu32 ") %s: " format "\n"

#define ESP_LOG_LEVEL(level, tag, format, ...)                                               \
	do {                                                                                 \
		if (level <= CONFIG_LOG_MAXIMUM_LEVEL)                                       \
			esp_log_write(level, tag, format, ##__VA_ARGS__);                    \
	} while (0)

#define ESP_LOGE(tag, format, ...) esp_log_write(ESP_LOG_ERROR, tag, LOG_FORMAT(E, format), esp_log_timestamp(), tag, ##__VA_ARGS__)
#define ESP_LOGW(tag, format, ...) esp_log_write(ESP_LOG_WARN, tag, LOG_FORMAT(W, format), esp_log_timestamp(), tag, ##__VA_ARGS__)
#define ESP_LOGI(tag, format, ...) esp_log_write(ESP_LOG_INFO, tag, LOG_FORMAT(I, format), esp_log_timestamp(), tag, ##__VA_ARGS__)
#define ESP_LOGD(tag, format, ...) esp_log_write(ESP_LOG_DEBUG, tag, LOG_FORMAT(D, format), esp_log_timestamp(), tag, ##__VA_ARGS__)
#define ESP_LOG_BUFFER_HEX(tag, buffer, buff_len) esp_log_buffer_hex_internal(tag, buffer, buff_len, ESP_LOG_INFO)
