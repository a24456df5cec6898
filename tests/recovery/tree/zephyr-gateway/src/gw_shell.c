/* Gateway maintenance shell commands (UART and the installer's BLE console). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zephyr/kernel.h>
#include <zephyr/shell/shell.h>
#include <zephyr/storage/flash_map.h>
#include <zephyr/sys/reboot.h>
#include <mbedtls/sha1.h>
#include <mbedtls/sha256.h>
#include <app_version.h>
#include "gateway.h"

#define GW_ADMIN_PASSWORD "gw-admin-1234"

static bool s_logged_in;

static int cmd_login(const struct shell *sh, size_t argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], GW_ADMIN_PASSWORD) != 0) {
		shell_error(sh, "access denied");
		return -EACCES;
	}
	s_logged_in = true;
	shell_print(sh, "welcome");
	return 0;
}

static int cmd_name(const struct shell *sh, size_t argc, char **argv)
{
	if (!s_logged_in)
		return -EACCES;
	strcpy(gw_cfg.node_name, argv[1]);
	shell_print(sh, "node name: %s", gw_cfg.node_name);
	return 0;
}

static int cmd_version(const struct shell *sh, size_t argc, char **argv)
{
	char banner[64];

	sprintf(banner, "%s %s", gw_cfg.node_name, APP_VERSION_STRING);
	shell_print(sh, "%s", banner);
	return 0;
}

int gw_fw_fingerprint(uint8_t out[20])
{
	const struct flash_area *fa;
	mbedtls_sha1_context ctx;
	uint8_t buf[256];
	int ret = flash_area_open(FIXED_PARTITION_ID(slot0_partition), &fa);

	if (ret != 0)
		return ret;
	mbedtls_sha1_init(&ctx);
	mbedtls_sha1_starts(&ctx);
	for (off_t off = 0; off < (off_t)fa->fa_size; off += sizeof(buf)) {
		flash_area_read(fa, off, buf, sizeof(buf));
		mbedtls_sha1_update(&ctx, buf, sizeof(buf));
	}
	mbedtls_sha1_finish(&ctx, out);
	mbedtls_sha1_free(&ctx);
	flash_area_close(fa);
	return 0;
}

static int cmd_fw(const struct shell *sh, size_t argc, char **argv)
{
	uint8_t fp[20];
	uint8_t id_hash[32];

	if (gw_fw_fingerprint(fp) != 0)
		return -EIO;
	shell_hexdump(sh, fp, sizeof(fp));
	mbedtls_sha256((const unsigned char *)gw_cfg.node_name, strlen(gw_cfg.node_name), id_hash, 0);
	shell_hexdump(sh, id_hash, sizeof(id_hash));
	return 0;
}

static int cmd_reboot(const struct shell *sh, size_t argc, char **argv)
{
	shell_warn(sh, "rebooting");
	k_msleep(100);
	sys_reboot(SYS_REBOOT_COLD);
	return 0;
}

SHELL_STATIC_SUBCMD_SET_CREATE(gw_cmds,
	SHELL_CMD_ARG(login, NULL, "Log in: login <password>", cmd_login, 2, 0),
	SHELL_CMD_ARG(name, NULL, "Set the node name", cmd_name, 2, 0),
	SHELL_CMD(version, NULL, "Firmware version", cmd_version),
	SHELL_CMD(fw, NULL, "Firmware fingerprint", cmd_fw),
	SHELL_CMD(reboot, NULL, "Reboot", cmd_reboot),
	SHELL_SUBCMD_SET_END);

SHELL_CMD_REGISTER(gw, gw_cmds, "Gateway commands", NULL);
