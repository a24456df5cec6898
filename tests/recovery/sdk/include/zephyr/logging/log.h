/* Fake Zephyr <zephyr/logging/log.h> for the etsilint recovery fixture. */
#pragma once
#include <stdint.h>

#define LOG_LEVEL_NONE 0
#define LOG_LEVEL_ERR 1
#define LOG_LEVEL_WRN 2
#define LOG_LEVEL_INF 3
#define LOG_LEVEL_DBG 4

struct log_source_const_data {
	const char *name;
	uint8_t level;
};

void z_log_msg_runtime_create(uint8_t domain_id, const void *source, uint8_t level, const void *data,
			      size_t dlen, uint32_t package_flags, const char *fmt, ...);

#define LOG_MODULE_REGISTER(_name, _level)                                                   \
	static const struct log_source_const_data __log_current_const_data                  \
		__attribute__((unused)) = {.name = #_name, .level = (_level)}

#define Z_LOG(_level, ...) \
	z_log_msg_runtime_create(0, &__log_current_const_data, _level, NULL, 0, 0, __VA_ARGS__)

#define LOG_ERR(...) Z_LOG(LOG_LEVEL_ERR, __VA_ARGS__)
#define LOG_WRN(...) Z_LOG(LOG_LEVEL_WRN, __VA_ARGS__)
#define LOG_INF(...) Z_LOG(LOG_LEVEL_INF, __VA_ARGS__)
#define LOG_DBG(...) Z_LOG(LOG_LEVEL_DBG, __VA_ARGS__)
#define LOG_HEXDUMP_INF(_data, _length, _str) Z_LOG(LOG_LEVEL_INF, "%s", _str)
