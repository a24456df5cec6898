/* Fake Zephyr <zephyr/storage/flash_map.h> for the etsilint recovery fixture. */
#pragma once
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct flash_area {
	uint8_t fa_id;
	uint8_t fa_device_id;
	uint16_t pad16;
	off_t fa_off;
	size_t fa_size;
	const void *fa_dev;
};

#define FIXED_PARTITION_ID(label) 1
int flash_area_open(uint8_t id, const struct flash_area **fa);
void flash_area_close(const struct flash_area *fa);
int flash_area_read(const struct flash_area *fa, off_t off, void *dst, size_t len);
