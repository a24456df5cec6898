/* Door lock BLE configuration service (Zephyr): GATT write handlers
 * registered with BT_GATT_CHARACTERISTIC below. Their buf, len and offset
 * come from the peer. Taint cases: "expect: RULE" must be reported on that
 * line, "ok: RULE" must not. */
#include <zephyr/bluetooth/gatt.h>
#include <zephyr/bluetooth/uuid.h>
#include <zephyr/kernel.h>
#include <zephyr/logging/log.h>
#include <zephyr/sys/util.h>
#include <string.h>

LOG_MODULE_REGISTER(lock_gatt, LOG_LEVEL_INF);

#define NUM_PROFILES 4
#define MAX_SCHED 8
#define OTA_WINDOW 512

struct lock_profile {
	uint16_t unlock_ms;
	uint8_t beep;
};

struct sched_entry {
	uint8_t weekday;
	uint8_t hour;
	uint8_t minute;
	uint8_t action;
};

static const struct lock_profile profiles[NUM_PROFILES] = {
	{ 3000, 1 }, { 5000, 1 }, { 8000, 0 }, { 1500, 0 },
};
static const struct lock_profile *current_profile = &profiles[0];
static uint8_t dev_name[32];
static uint8_t alias[20];
static struct sched_entry schedule[MAX_SCHED];
static size_t sched_count;
static uint8_t ota_window[OTA_WINDOW];

static struct bt_uuid_128 lock_svc_uuid = BT_UUID_INIT_128(BT_UUID_128_ENCODE(0x6e400001, 0xb5a3, 0xf393, 0xe0a9, 0xe50e24dcca9e));
static struct bt_uuid_128 name_uuid = BT_UUID_INIT_128(BT_UUID_128_ENCODE(0x6e400002, 0xb5a3, 0xf393, 0xe0a9, 0xe50e24dcca9e));
static struct bt_uuid_128 alias_uuid = BT_UUID_INIT_128(BT_UUID_128_ENCODE(0x6e400003, 0xb5a3, 0xf393, 0xe0a9, 0xe50e24dcca9e));
static struct bt_uuid_128 mode_uuid = BT_UUID_INIT_128(BT_UUID_128_ENCODE(0x6e400004, 0xb5a3, 0xf393, 0xe0a9, 0xe50e24dcca9e));
static struct bt_uuid_128 mode2_uuid = BT_UUID_INIT_128(BT_UUID_128_ENCODE(0x6e400005, 0xb5a3, 0xf393, 0xe0a9, 0xe50e24dcca9e));
static struct bt_uuid_128 sched_uuid = BT_UUID_INIT_128(BT_UUID_128_ENCODE(0x6e400006, 0xb5a3, 0xf393, 0xe0a9, 0xe50e24dcca9e));
static struct bt_uuid_128 sched2_uuid = BT_UUID_INIT_128(BT_UUID_128_ENCODE(0x6e400007, 0xb5a3, 0xf393, 0xe0a9, 0xe50e24dcca9e));
static struct bt_uuid_128 ota_uuid = BT_UUID_INIT_128(BT_UUID_128_ENCODE(0x6e400008, 0xb5a3, 0xf393, 0xe0a9, 0xe50e24dcca9e));
static struct bt_uuid_128 ota2_uuid = BT_UUID_INIT_128(BT_UUID_128_ENCODE(0x6e400009, 0xb5a3, 0xf393, 0xe0a9, 0xe50e24dcca9e));

static ssize_t read_name(struct bt_conn *conn, const struct bt_gatt_attr *attr, void *buf,
			 uint16_t len, uint16_t offset)
{
	return bt_gatt_attr_read(conn, attr, buf, len, offset, dev_name, strlen((char *)dev_name));
}

/* copy-length, GATT write callback: the peer's len is the memcpy length [shape: callback-param] */
static ssize_t bad_gatt_write_name(struct bt_conn *conn, const struct bt_gatt_attr *attr,
				   const void *buf, uint16_t len, uint16_t offset, uint8_t flags)
{
	memcpy(dev_name, buf, len); /* expect: taint-copy-length */
	return len;
}

/* copy-length, GATT write callback: Zephyr's offset + len check against the value size [shape: callback-param; sanitizer: early-exit-sum] */
static ssize_t good_gatt_write_name(struct bt_conn *conn, const struct bt_gatt_attr *attr,
				    const void *buf, uint16_t len, uint16_t offset, uint8_t flags)
{
	if (offset + len > sizeof(alias))
		return BT_GATT_ERR(BT_ATT_ERR_INVALID_OFFSET);
	memcpy(alias + offset, buf, len); /* ok: taint-copy-length */
	LOG_INF("alias updated, %u bytes at %u", len, offset); /* ok: taint-format-string */
	return len;
}

/* array-index, GATT write callback: the first value byte selects a lock profile [shape: callback-param, pointer] */
static ssize_t bad_gatt_write_mode(struct bt_conn *conn, const struct bt_gatt_attr *attr,
				   const void *buf, uint16_t len, uint16_t offset, uint8_t flags)
{
	if (len < 1)
		return BT_GATT_ERR(BT_ATT_ERR_INVALID_ATTRIBUTE_LEN);
	uint8_t mode = *(const uint8_t *)buf;
	current_profile = &profiles[mode]; /* expect: taint-array-index */
	return len;
}

/* array-index, GATT write callback: the profile number is checked against the table [shape: callback-param, pointer; sanitizer: early-exit] */
static ssize_t good_gatt_write_mode(struct bt_conn *conn, const struct bt_gatt_attr *attr,
				    const void *buf, uint16_t len, uint16_t offset, uint8_t flags)
{
	if (len < 1)
		return BT_GATT_ERR(BT_ATT_ERR_INVALID_ATTRIBUTE_LEN);
	uint8_t mode = *(const uint8_t *)buf;
	if (mode >= NUM_PROFILES)
		return BT_GATT_ERR(BT_ATT_ERR_VALUE_NOT_ALLOWED);
	current_profile = &profiles[mode]; /* ok: taint-array-index */
	return len;
}

/* loop-bound, GATT write callback: the entry count derived from len bounds the copy loop [shape: callback-param, arithmetic, loop] */
static ssize_t bad_gatt_write_schedule(struct bt_conn *conn, const struct bt_gatt_attr *attr,
				       const void *buf, uint16_t len, uint16_t offset, uint8_t flags)
{
	const struct sched_entry *e = buf;
	size_t n = len / sizeof(*e);

	for (size_t i = 0; i < n; i++) { /* expect: taint-loop-bound */
		schedule[i] = e[i];
	}
	sched_count = n;
	return len;
}

/* loop-bound, GATT write callback: the entry count is checked against the table first [shape: callback-param, arithmetic, loop; sanitizer: early-exit] */
static ssize_t good_gatt_write_schedule(struct bt_conn *conn, const struct bt_gatt_attr *attr,
					const void *buf, uint16_t len, uint16_t offset, uint8_t flags)
{
	const struct sched_entry *e = buf;
	size_t n = len / sizeof(*e);

	if (n > MAX_SCHED)
		return BT_GATT_ERR(BT_ATT_ERR_INVALID_ATTRIBUTE_LEN);
	for (size_t i = 0; i < n; i++) { /* ok: taint-loop-bound */
		schedule[i] = e[i];
	}
	sched_count = n;
	return len;
}

/* array-index and copy-length, GATT write callback: offset and len place a firmware chunk [shape: callback-param] */
static ssize_t bad_gatt_write_ota(struct bt_conn *conn, const struct bt_gatt_attr *attr,
				  const void *buf, uint16_t len, uint16_t offset, uint8_t flags)
{
	memcpy(&ota_window[offset], buf, len); /* expect: taint-array-index, taint-copy-length */
	return len;
}

/* array-index and copy-length, GATT write callback: offset and len both checked, each on its own [shape: callback-param; sanitizer: early-exit] */
static ssize_t good_gatt_write_ota(struct bt_conn *conn, const struct bt_gatt_attr *attr,
				   const void *buf, uint16_t len, uint16_t offset, uint8_t flags)
{
	if (offset >= sizeof(ota_window))
		return BT_GATT_ERR(BT_ATT_ERR_INVALID_OFFSET);
	if (len > sizeof(ota_window) - offset)
		return BT_GATT_ERR(BT_ATT_ERR_INVALID_ATTRIBUTE_LEN);
	memcpy(&ota_window[offset], buf, len); /* ok: taint-array-index, taint-copy-length */
	return len;
}

/* not a source: a read callback (its buffer is the output, not peer data; `void *buf`, not `const void *`) copies a local value out [shape: callback-param; sanitizer: not-a-source] */
static ssize_t good_gatt_read_cb(struct bt_conn *conn, const struct bt_gatt_attr *attr,
				 void *buf, uint16_t len, uint16_t offset)
{
	uint8_t local[16] = {0};

	memcpy(buf, local, len); /* ok: taint-copy-length */
	return len;
}

BT_GATT_SERVICE_DEFINE(lock_svc,
	BT_GATT_PRIMARY_SERVICE(&lock_svc_uuid),
	BT_GATT_CHARACTERISTIC(&name_uuid.uuid, BT_GATT_CHRC_READ | BT_GATT_CHRC_WRITE,
			       BT_GATT_PERM_READ | BT_GATT_PERM_WRITE_ENCRYPT, read_name, bad_gatt_write_name, dev_name),
	BT_GATT_CHARACTERISTIC(&alias_uuid.uuid, BT_GATT_CHRC_WRITE,
			       BT_GATT_PERM_WRITE_ENCRYPT, NULL, good_gatt_write_name, alias),
	BT_GATT_CHARACTERISTIC(&mode_uuid.uuid, BT_GATT_CHRC_WRITE,
			       BT_GATT_PERM_WRITE_ENCRYPT, NULL, bad_gatt_write_mode, NULL),
	BT_GATT_CHARACTERISTIC(&mode2_uuid.uuid, BT_GATT_CHRC_WRITE,
			       BT_GATT_PERM_WRITE_ENCRYPT, NULL, good_gatt_write_mode, NULL),
	BT_GATT_CHARACTERISTIC(&sched_uuid.uuid, BT_GATT_CHRC_WRITE,
			       BT_GATT_PERM_WRITE_ENCRYPT, NULL, bad_gatt_write_schedule, schedule),
	BT_GATT_CHARACTERISTIC(&sched2_uuid.uuid, BT_GATT_CHRC_WRITE,
			       BT_GATT_PERM_WRITE_ENCRYPT, NULL, good_gatt_write_schedule, schedule),
	BT_GATT_CHARACTERISTIC(&ota_uuid.uuid, BT_GATT_CHRC_WRITE_WITHOUT_RESP,
			       BT_GATT_PERM_WRITE_ENCRYPT, NULL, bad_gatt_write_ota, ota_window),
	BT_GATT_CHARACTERISTIC(&ota2_uuid.uuid, BT_GATT_CHRC_WRITE_WITHOUT_RESP,
			       BT_GATT_PERM_WRITE_ENCRYPT, NULL, good_gatt_write_ota, ota_window),
);

/* Called from the shell only, with a length the firmware chose. */
void lock_gatt_selftest(void)
{
	uint8_t out[8];

	good_gatt_read_cb(NULL, NULL, out, sizeof(out), 0);
}
