/*
 * Copyright (c) 2023 ACME IoT GmbH
 * SPDX-License-Identifier: LicenseRef-ACME-Proprietary
 */
#include <zephyr/kernel.h>
#include <zephyr/device.h>
#include <zephyr/drivers/watchdog.h>
#include <zephyr/logging/log.h>
#include <zephyr/settings/settings.h>
#include <zephyr/storage/flash_map.h>
#include <zephyr/sys/reboot.h>
#include <zephyr/bluetooth/bluetooth.h>

#include "thermostat.h"

LOG_MODULE_REGISTER(main, LOG_LEVEL_INF);

#define WDT_TIMEOUT_MS   90000
#define STORAGE_AREA_ID  FIXED_PARTITION_ID(storage_partition)

static const struct device *const wdt = DEVICE_DT_GET(DT_ALIAS(watchdog0));
static int wdt_channel;
static uint32_t boot_count;

static int boot_count_set(const char *name, size_t len, settings_read_cb read_cb, void *cb_arg)
{
	if (len == sizeof(boot_count)) {
		return read_cb(cb_arg, &boot_count, sizeof(boot_count)) < 0 ? -EIO : 0;
	}
	return -EINVAL;
}

SETTINGS_STATIC_HANDLER_DEFINE(thermo, "thermo", NULL, boot_count_set, NULL, NULL);

static int watchdog_init(void)
{
	struct wdt_timeout_cfg cfg = {
		.window.min = 0,
		.window.max = WDT_TIMEOUT_MS,
		.callback = NULL,
		.flags = WDT_FLAG_RESET_SOC,
	};

	if (!device_is_ready(wdt)) {
		return -ENODEV;
	}
	wdt_channel = wdt_install_timeout(wdt, &cfg);
	if (wdt_channel < 0) {
		return wdt_channel;
	}
	return wdt_setup(wdt, WDT_OPT_PAUSE_HALTED_BY_DBG);          /* BLIND-OK: 5.9-1 hardware watchdog armed and fed from the main loop */
}

void thermo_factory_reset(void)
{
	const struct flash_area *fa;

	LOG_WRN("factory reset");
	bt_unpair(BT_ID_DEFAULT, NULL);
	settings_delete("thermo/schedule");
	settings_delete("cloud/token");
	if (flash_area_open(STORAGE_AREA_ID, &fa) == 0) {
		flash_area_erase(fa, 0, fa->fa_size);                  /* BLIND-OK: 5.11-1 factory reset erases the whole user-data partition */
		flash_area_close(fa);
	}
	sys_reboot(SYS_REBOOT_COLD);
}

int main(void)
{
	struct thermo_state st;
	int attempt = 0;
	int sock = -1;

	if (watchdog_init() < 0) {
		LOG_ERR("watchdog unavailable");
	}
	settings_subsys_init();
	settings_load();
	boot_count++;
	settings_save_one("thermo/boots", &boot_count, sizeof(boot_count));

	bt_enable(NULL);
	cloud_init(boot_count);
	cloud_credentials_init();

	for (;;) {
		wdt_feed(wdt, wdt_channel);
		thermo_sample(&st);
		thermo_control(&st);

		if (sock < 0) {
			sock = cloud_connect();
			if (sock < 0) {
				cloud_reconnect_wait(attempt++);
				continue;
			}
			attempt = 0;
		}
		telemetry_publish(&st);
		k_sleep(K_SECONDS(30));
	}
	return 0;
}
