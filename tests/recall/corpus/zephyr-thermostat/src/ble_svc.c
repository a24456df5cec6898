/*
 * Copyright (c) 2023 ACME IoT GmbH
 * SPDX-License-Identifier: LicenseRef-ACME-Proprietary
 *
 * Commissioning / control GATT service.
 */
#include <zephyr/kernel.h>
#include <zephyr/logging/log.h>
#include <zephyr/bluetooth/bluetooth.h>
#include <zephyr/bluetooth/gatt.h>
#include <zephyr/bluetooth/uuid.h>
#include <string.h>

#include "thermostat.h"

LOG_MODULE_REGISTER(ble_svc, LOG_LEVEL_INF);

#define BT_UUID_THERMO_SVC_VAL  BT_UUID_128_ENCODE(0x6a1e0001, 0x8d2b, 0x4c61, 0x9b7e, 0x0a5c3d2e1f10)
#define BT_UUID_WIFI_CRED_VAL   BT_UUID_128_ENCODE(0x6a1e0002, 0x8d2b, 0x4c61, 0x9b7e, 0x0a5c3d2e1f10)
#define BT_UUID_ROOM_NAME_VAL   BT_UUID_128_ENCODE(0x6a1e0003, 0x8d2b, 0x4c61, 0x9b7e, 0x0a5c3d2e1f10)
#define BT_UUID_CTRL_POINT_VAL  BT_UUID_128_ENCODE(0x6a1e0004, 0x8d2b, 0x4c61, 0x9b7e, 0x0a5c3d2e1f10)

static struct bt_uuid_128 thermo_svc_uuid = BT_UUID_INIT_128(BT_UUID_THERMO_SVC_VAL);
static struct bt_uuid_128 wifi_cred_uuid  = BT_UUID_INIT_128(BT_UUID_WIFI_CRED_VAL);
static struct bt_uuid_128 room_name_uuid  = BT_UUID_INIT_128(BT_UUID_ROOM_NAME_VAL);
static struct bt_uuid_128 ctrl_point_uuid = BT_UUID_INIT_128(BT_UUID_CTRL_POINT_VAL);

#define CTRL_OP_FACTORY_RESET   0x01
#define CTRL_OP_UNPAIR_ALL      0x02
#define CTRL_OP_SET_SETPOINT    0x10

struct wifi_cred {
	uint8_t ssid_len;
	uint8_t ssid[32];
	uint8_t psk_len;
	uint8_t psk[64];
} __packed;

static struct wifi_cred pending_cred;
static char room_name[20];

static ssize_t write_wifi_cred(struct bt_conn *conn, const struct bt_gatt_attr *attr,
			       const void *buf, uint16_t len, uint16_t offset, uint8_t flags)
{
	if (offset + len > sizeof(pending_cred)) {
		return BT_GATT_ERR(BT_ATT_ERR_INVALID_OFFSET);
	}
	memcpy((uint8_t *)&pending_cred + offset, buf, len);
	if (offset + len == sizeof(pending_cred)) {
		thermo_wifi_apply(pending_cred.ssid, pending_cred.ssid_len,
				  pending_cred.psk, pending_cred.psk_len);
	}
	return len;
}

static ssize_t write_room_name(struct bt_conn *conn, const struct bt_gatt_attr *attr,
			       const void *buf, uint16_t len, uint16_t offset, uint8_t flags)
{
	if (offset + len >= sizeof(room_name)) {                      /* BLIND-OK: offset+length bounded, room for the terminator */
		return BT_GATT_ERR(BT_ATT_ERR_INVALID_ATTRIBUTE_LEN);
	}
	memcpy(room_name + offset, buf, len);
	room_name[offset + len] = '\0';
	thermo_set_room_name(room_name);
	return len;
}

static ssize_t read_room_name(struct bt_conn *conn, const struct bt_gatt_attr *attr,
			      void *buf, uint16_t len, uint16_t offset)
{
	return bt_gatt_attr_read(conn, attr, buf, len, offset, room_name, strlen(room_name));
}

static ssize_t write_ctrl_point(struct bt_conn *conn, const struct bt_gatt_attr *attr,
				const void *buf, uint16_t len, uint16_t offset, uint8_t flags)
{
	const uint8_t *p = buf;

	if (offset != 0 || len < 1) {
		return BT_GATT_ERR(BT_ATT_ERR_INVALID_ATTRIBUTE_LEN);
	}
	switch (p[0]) {
	case CTRL_OP_FACTORY_RESET:
		thermo_factory_reset();
		break;
	case CTRL_OP_UNPAIR_ALL:
		bt_unpair(BT_ID_DEFAULT, NULL);
		break;
	case CTRL_OP_SET_SETPOINT:
		if (len == 3) {
			thermo_set_setpoint((int16_t)sys_get_le16(&p[1]));
		}
		break;
	default:
		return BT_GATT_ERR(BT_ATT_ERR_NOT_SUPPORTED);
	}
	return len;
}

BT_GATT_SERVICE_DEFINE(thermo_svc,
	BT_GATT_PRIMARY_SERVICE(&thermo_svc_uuid),
	BT_GATT_CHARACTERISTIC(&wifi_cred_uuid.uuid, BT_GATT_CHRC_WRITE,
			       BT_GATT_PERM_WRITE_AUTHEN,                     /* BLIND-OK: 5.5-5 credential write requires an authenticated (MITM-protected) link */
			       NULL, write_wifi_cred, NULL),
	BT_GATT_CHARACTERISTIC(&room_name_uuid.uuid, BT_GATT_CHRC_READ | BT_GATT_CHRC_WRITE,
			       BT_GATT_PERM_READ | BT_GATT_PERM_WRITE_ENCRYPT,
			       read_room_name, write_room_name, room_name),
	BT_GATT_CHARACTERISTIC(&ctrl_point_uuid.uuid, BT_GATT_CHRC_WRITE,
			       BT_GATT_PERM_WRITE,                            /* BLIND-BAD: 5.5-5 factory-reset/unpair control point writable without pairing (CWE-306) */
			       NULL, write_ctrl_point, NULL),
);
