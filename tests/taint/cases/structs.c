/* Environmental sensor node (Zephyr networking, zsock_* sockets): packet
 * headers parsed into structures. Taint cases: "expect: RULE" must be
 * reported on that line, "ok: RULE" must not. */
#include <zephyr/kernel.h>
#include <zephyr/net/socket.h>
#include <zephyr/sys/byteorder.h>
#include <errno.h>
#include <string.h>

#define MAX_SAMPLES 32
#define NUM_TYPES 5
#define TYPE_LOCAL 0
#define KEY_SIZE 16

struct tlv {
	uint8_t type;
	uint8_t flags;
	uint16_t len;
	const uint8_t *val;
};

struct pkt_info {
	uint8_t type;
	uint8_t len;
};

struct batch_hdr {
	uint8_t version;
	uint8_t count;
	uint16_t interval_s;
} __packed;

struct frame {
	uint16_t len;
	uint8_t kind;
	uint8_t data[];
} __packed;

struct cfg_msg {
	uint8_t key_len;
	uint8_t key[64];
	char hostname[32];
};

static const char *const type_names[NUM_TYPES] = { "temp", "hum", "press", "co2", "voc" };
static int16_t samples[MAX_SAMPLES];
static uint8_t g_key[KEY_SIZE];
static char g_hostname[24];

extern int sensor_apply(uint8_t type, const uint8_t *val, size_t len);
extern void report_type(const char *name);

/* copy-length, struct field: the TLV length field (built from two recv bytes) is the copy length [shape: struct-field, arithmetic] */
int bad_struct_tlv_copy(int sock)
{
	uint8_t buf[128];
	uint8_t out[32];
	struct tlv t;

	if (zsock_recv(sock, buf, sizeof(buf), 0) < 4)
		return -EIO;
	t.type = buf[0];
	t.flags = 0;
	t.len = buf[2] | (buf[3] << 8);
	t.val = buf + 4;
	memcpy(out, t.val, t.len); /* expect: taint-copy-length */
	return sensor_apply(t.type, out, t.len);
}

/* copy-length, struct field: the TLV length field is checked before the copy [shape: struct-field, arithmetic; sanitizer: early-exit] */
int good_struct_tlv_copy(int sock)
{
	uint8_t buf[128];
	uint8_t out[32];
	struct tlv t;

	if (zsock_recv(sock, buf, sizeof(buf), 0) < 4)
		return -EIO;
	t.type = buf[0];
	t.flags = 0;
	t.len = buf[2] | (buf[3] << 8);
	t.val = buf + 4;
	if (t.len > sizeof(out))
		return -EMSGSIZE;
	memcpy(out, t.val, t.len); /* ok: taint-copy-length */
	return sensor_apply(t.type, out, t.len);
}

/* array-index, field-sensitive: the type field comes from the packet and indexes the name table [shape: struct-field] */
void bad_struct_field_index(int sock)
{
	uint8_t buf[16];
	struct pkt_info info;

	if (zsock_recv(sock, buf, sizeof(buf), 0) < 2)
		return;
	info.len = buf[0];
	info.type = buf[1];
	report_type(type_names[info.type]); /* expect: taint-array-index */
}

/* array-index, field-sensitive: only the len field is from the packet; the type field is a constant [shape: struct-field; sanitizer: other-field] */
void good_struct_field_index(int sock)
{
	uint8_t buf[16];
	struct pkt_info info;

	if (zsock_recv(sock, buf, sizeof(buf), 0) < 2)
		return;
	info.len = buf[0];
	info.type = TYPE_LOCAL;
	report_type(type_names[info.type]); /* ok: taint-array-index */
}

/* loop-bound, whole-struct memcpy: the header copied from the packet bounds the sample loop [shape: whole-struct, loop] */
int bad_struct_memcpy_count(int sock)
{
	uint8_t buf[256];
	struct batch_hdr hdr;
	ssize_t n = zsock_recv(sock, buf, sizeof(buf), 0);

	if (n < (ssize_t)sizeof(hdr))
		return -EIO;
	memcpy(&hdr, buf, sizeof(hdr)); /* ok: taint-copy-length */
	const uint8_t *p = buf + sizeof(hdr);
	for (int i = 0; i < hdr.count; i++) { /* expect: taint-loop-bound */
		samples[i] = (int16_t)sys_get_le16(p + 2 * i);
	}
	return hdr.count;
}

/* loop-bound, whole-struct memcpy: the header's count is checked against the sample table [shape: whole-struct, loop; sanitizer: early-exit] */
int good_struct_memcpy_count(int sock)
{
	uint8_t buf[256];
	struct batch_hdr hdr;
	ssize_t n = zsock_recv(sock, buf, sizeof(buf), 0);

	if (n < (ssize_t)sizeof(hdr))
		return -EIO;
	memcpy(&hdr, buf, sizeof(hdr)); /* ok: taint-copy-length */
	if (hdr.count > MAX_SAMPLES)
		return -EINVAL;
	const uint8_t *p = buf + sizeof(hdr);
	for (int i = 0; i < hdr.count; i++) { /* ok: taint-loop-bound */
		samples[i] = (int16_t)sys_get_le16(p + 2 * i);
	}
	return hdr.count;
}

/* copy-length, pointer to struct: a frame header overlaid on the buffer, its big-endian length (ntohs) copied [shape: pointer, struct-field, byte-order] */
int bad_struct_ptr_frame(int sock, uint8_t *out, size_t outsz)
{
	uint8_t buf[300];

	if (zsock_recv(sock, buf, sizeof(buf), 0) < (ssize_t)sizeof(struct frame))
		return -EIO;
	const struct frame *f = (const struct frame *)buf;
	memcpy(out, f->data, ntohs(f->len)); /* expect: taint-copy-length */
	return f->kind;
}

/* copy-length, pointer to struct: the frame length is checked against the output size [shape: pointer, struct-field, byte-order; sanitizer: early-exit] */
int good_struct_ptr_frame(int sock, uint8_t *out, size_t outsz)
{
	uint8_t buf[300];

	if (zsock_recv(sock, buf, sizeof(buf), 0) < (ssize_t)sizeof(struct frame))
		return -EIO;
	const struct frame *f = (const struct frame *)buf;
	uint16_t flen = ntohs(f->len);
	if (flen > outsz)
		return -EMSGSIZE;
	memcpy(out, f->data, flen); /* ok: taint-copy-length */
	return f->kind;
}

/* helper with the sink: installs a key from a configuration message */
static void apply_key(const struct cfg_msg *m)
{
	memcpy(g_key, m->key, m->key_len); /* expect: taint-copy-length */
}

/* copy-length, struct field through a helper: a received config message's key_len reaches apply_key() [shape: helper-param, pointer, struct-field] */
int bad_struct_helper_field(int sock)
{
	uint8_t rx[sizeof(struct cfg_msg)];

	if (zsock_recv(sock, rx, sizeof(rx), 0) != sizeof(rx))
		return -EIO;
	apply_key((const struct cfg_msg *)rx);
	return 0;
}

/* helper with the sink: checks the key length itself */
static int apply_key_checked(const struct cfg_msg *m)
{
	if (m->key_len > sizeof(g_key))
		return -EINVAL;
	memcpy(g_key, m->key, m->key_len); /* ok: taint-copy-length */
	return 0;
}

/* copy-length, struct field through a helper that checks the field [shape: helper-param, pointer, struct-field; sanitizer: early-exit] */
int good_struct_helper_field(int sock)
{
	uint8_t rx[sizeof(struct cfg_msg)];

	if (zsock_recv(sock, rx, sizeof(rx), 0) != sizeof(rx))
		return -EIO;
	return apply_key_checked((const struct cfg_msg *)rx);
}

/* unbounded-copy, struct filled by recv: its host name field (32 bytes) is strcpy'ed into 24 [shape: whole-struct, struct-field] */
int bad_struct_hostname(int sock)
{
	struct cfg_msg msg;

	if (zsock_recv(sock, &msg, sizeof(msg), 0) != sizeof(msg))
		return -EIO;
	msg.hostname[sizeof(msg.hostname) - 1] = '\0'; /* ok: taint-array-index */
	strcpy(g_hostname, msg.hostname); /* expect: taint-unbounded-copy */
	return 0;
}

/* unbounded-copy, struct filled by recv: strlen of the host name checked before strcpy (early exit) [shape: whole-struct, struct-field; sanitizer: strlen-guard] */
int good_struct_hostname(int sock)
{
	struct cfg_msg msg;

	if (zsock_recv(sock, &msg, sizeof(msg), 0) != sizeof(msg))
		return -EIO;
	msg.hostname[sizeof(msg.hostname) - 1] = '\0'; /* ok: taint-array-index */
	if (strlen(msg.hostname) >= sizeof(g_hostname))
		return -ENAMETOOLONG;
	strcpy(g_hostname, msg.hostname); /* ok: taint-unbounded-copy */
	return 0;
}
