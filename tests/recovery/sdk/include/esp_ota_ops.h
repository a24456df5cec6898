/* Fake ESP-IDF esp_ota_ops.h for the etsilint recovery fixture. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "esp_err.h"
#include "esp_partition.h"

typedef struct {
	uint32_t magic_word;
	uint32_t secure_version;
	uint32_t reserv1[2];
	char version[32];
	char project_name[32];
	char time[16];
	char date[16];
	char idf_ver[32];
	uint8_t app_elf_sha256[32];
} esp_app_desc_t;

const esp_partition_t *esp_ota_get_running_partition(void);
const esp_partition_t *esp_ota_get_next_update_partition(const esp_partition_t *start_from);
const esp_app_desc_t *esp_app_get_description(void);
esp_err_t esp_ota_mark_app_valid_cancel_rollback(void);
