/*
 * Copyright (c) 2023 ACME IoT GmbH
 * SPDX-License-Identifier: LicenseRef-ACME-Proprietary
 *
 * Cloud link: HTTPS/TLS for control, CoAP for telemetry, diagnostics upload.
 */
#include <zephyr/kernel.h>
#include <zephyr/logging/log.h>
#include <zephyr/net/socket.h>
#include <zephyr/net/tls_credentials.h>
#include <zephyr/net/coap.h>
#include <zephyr/random/random.h>
#include <psa/crypto.h>
#include <string.h>
#include <stdio.h>

#include "thermostat.h"

LOG_MODULE_REGISTER(cloud, LOG_LEVEL_INF);

#define CLOUD_HOST        "api.acme-iot.example"
#define CLOUD_PORT        443
#define DIAG_HOST         "diag.acme-iot.example"
#define TELEMETRY_URI     "coaps://telemetry.acme-iot.example:5684/t"  /* BLIND-OK: 5.8-1 occupancy telemetry over CoAP/DTLS */

enum {
	CA_CERT_TAG = 1,
	DEVICE_CERT_TAG = 2,
};

static const unsigned char ca_cert[] =
	"-----BEGIN CERTIFICATE-----\n"
	"MIIBtjCCAVugAwIBAgITBmyf1XSXNmY/Owua2eiedgPySjAKBggqhkjOPQQDAjA5\n"
	"MQswCQYDVQQGEwJVUzEPMA0GA1UEChMGQW1hem9uMRkwFwYDVQQDExBBbWF6b24g\n"
	"Um9vdCBDQSAzMB4XDTE1MDUyNjAwMDAwMFoXDTQwMDUyNjAwMDAwMFowOTELMAkG\n"
	"A1UEBhMCVVMxDzANBgNVBAoTBkFtYXpvbjEZMBcGA1UEAxMQQW1hem9uIFJvb3Qg\n"
	"Q0EgMzBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABCmXp8ZBf8ANm+gBG1bG8lKl\n"
	"ui2yEujSLtf6ycXYqm0fc4E7O5hrOXwzpcVOho6AF2hiRVd9RFgdszflZwjrZt6j\n"
	"QjBAMA8GA1UdEwEB/wQFMAMBAf8wDgYDVR0PAQH/BAQDAgGGMB0GA1UdDgQWBBSr\n"
	"ttvXBp43rDCGB5Fwx5zEGbF4wDAKBggqhkjOPQQDAgNJADBGAiEA4IWSoxe3jfkr\n"
	"BqWTrBqYaGFy+uGh0PsceGCmQ5nFuMQCIQCcAu/xlJyzlvnrxir4tiz+OpAUFteM\n"
	"YyRIHN8wfdVoOw==\n"
	"-----END CERTIFICATE-----\n";

static const unsigned char device_cert[] =
	"-----BEGIN CERTIFICATE-----\n"
	"MIIBfTCCASOgAwIBAgIUQm9n1v8mQ0Zq1kVYc5J2v6m1c6owCgYIKoZIzj0EAwIw\n"
	"FDESMBAGA1UEAwwJYWNtZS1pb3QwHhcNMjMwMzAxMDAwMDAwWhcNMzMwMjI2MDAw\n"
	"-----END CERTIFICATE-----\n";

static const unsigned char device_key[] =
	"-----BEGIN EC PRIVATE KEY-----\n"                              /* BLIND-BAD: 5.4-3 device private key in source (CWE-321) */
	"MHcCAQEEIGx4dJ3oQ0m7m8v9Xw3p0mWcQ2Jk8Jt2gR4nO0s1q7aLoAoGCCqGSM49\n"
	"AwEHoUQDQgAE8m2mI5yq0oUeWmCk8g3H0q1bYd5x3wJ9rR0t6c1q4h1Zk2s7vQeY\n"
	"3J6u8a2Xw0pLr1f5dM3nq9c2s8aUo4b7Qw==\n"
	"-----END EC PRIVATE KEY-----\n";

static uint32_t boot_count;
static uint32_t frame_ctr;

int cloud_credentials_init(void)
{
	int err;

	err = tls_credential_add(CA_CERT_TAG, TLS_CREDENTIAL_CA_CERTIFICATE,
				 ca_cert, sizeof(ca_cert));
	if (err < 0) {
		return err;
	}
	err = tls_credential_add(DEVICE_CERT_TAG, TLS_CREDENTIAL_SERVER_CERTIFICATE,
				 device_cert, sizeof(device_cert));
	if (err < 0) {
		return err;
	}
	return tls_credential_add(DEVICE_CERT_TAG, TLS_CREDENTIAL_PRIVATE_KEY,
				  device_key, sizeof(device_key));
}

static int tls_connect(const char *host, int verify)
{
	struct zsock_addrinfo hints = { .ai_family = AF_INET, .ai_socktype = SOCK_STREAM };
	struct zsock_addrinfo *res;
	sec_tag_t tags[] = { CA_CERT_TAG, DEVICE_CERT_TAG };
	int sock;

	if (zsock_getaddrinfo(host, "443", &hints, &res) != 0) {
		return -EHOSTUNREACH;
	}
	sock = zsock_socket(AF_INET, SOCK_STREAM, IPPROTO_TLS_1_2);
	if (sock < 0) {
		zsock_freeaddrinfo(res);
		return sock;
	}
	zsock_setsockopt(sock, SOL_TLS, TLS_SEC_TAG_LIST, tags, sizeof(tags));
	zsock_setsockopt(sock, SOL_TLS, TLS_PEER_VERIFY, &verify, sizeof(verify));
	zsock_setsockopt(sock, SOL_TLS, TLS_HOSTNAME, host, strlen(host) + 1);
	if (zsock_connect(sock, res->ai_addr, res->ai_addrlen) < 0) {
		zsock_close(sock);
		sock = -errno;
	}
	zsock_freeaddrinfo(res);
	return sock;
}

int cloud_connect(void)
{
	return tls_connect(CLOUD_HOST, TLS_PEER_VERIFY_REQUIRED);      /* BLIND-OK: peer verification required, hostname set */
}

int diag_upload(const uint8_t *blob, size_t len)
{
	int sock = tls_connect(DIAG_HOST, TLS_PEER_VERIFY_NONE);       /* BLIND-BAD: 5.5-1 certificate verification disabled for diagnostics upload (CWE-295) */
	if (sock < 0) {
		return sock;
	}
	zsock_send(sock, blob, len, 0);
	zsock_close(sock);
	return 0;
}

/* Replay protection for signed control requests */
static int request_nonce(uint8_t nonce[16])
{
	return sys_csrand_get(nonce, 16);
}

int cloud_session_key(uint8_t key[32])
{
	return sys_csrand_get(key, 32);
}

/* AES-CCM nonce: 4-byte boot counter || 4-byte frame counter || 5 zero bytes */
static void frame_nonce(uint8_t nonce[13])
{
	memset(nonce, 0, 13);
	sys_put_be32(boot_count, nonce);
	sys_put_be32(frame_ctr++, nonce + 4);                          /* BLIND-OK: deterministic counter nonce, unique per key */
}

int cloud_encrypt_frame(psa_key_id_t key, const uint8_t *in, size_t in_len,
			uint8_t *out, size_t out_size, size_t *out_len)
{
	uint8_t nonce[13];

	frame_nonce(nonce);
	return psa_aead_encrypt(key, PSA_ALG_CCM, nonce, sizeof(nonce), NULL, 0,
				in, in_len, out, out_size, out_len);
}

int cloud_signed_request(int sock, const char *path, const char *body)
{
	uint8_t nonce[16];
	char hdr[160];

	if (request_nonce(nonce) != 0) {
		return -EIO;
	}
	snprintf(hdr, sizeof(hdr), "POST %s HTTP/1.1\r\nHost: %s\r\nX-Nonce: %02x%02x%02x%02x\r\n",
		 path, CLOUD_HOST, nonce[0], nonce[1], nonce[2], nonce[3]);
	zsock_send(sock, hdr, strlen(hdr), 0);
	return zsock_send(sock, body, strlen(body), 0);
}

void cloud_reconnect_wait(int attempt)
{
	uint32_t jitter = sys_rand32_get() % 1000;                     /* BLIND-OK: non-security jitter for reconnect back-off */

	k_sleep(K_MSEC(MIN(60000, 1000 << MIN(attempt, 6)) + jitter));
}

int telemetry_publish(const struct thermo_state *st)
{
	uint8_t buf[128];
	struct coap_packet pkt;
	char payload[96];

	snprintf(payload, sizeof(payload), "{\"t\":%d,\"sp\":%d,\"occ\":%d,\"room\":\"%s\"}",
		 st->temp_cdeg, st->setpoint_cdeg, st->occupied, st->room_name);
	coap_packet_init(&pkt, buf, sizeof(buf), COAP_VERSION_1, COAP_TYPE_NON_CON,
			 COAP_TOKEN_MAX_LEN, coap_next_token(), COAP_METHOD_POST, coap_next_id());
	coap_packet_append_payload_marker(&pkt);
	coap_packet_append_payload(&pkt, payload, strlen(payload));
	return coap_send_uri(TELEMETRY_URI, &pkt);
}

void cloud_init(uint32_t boots)
{
	boot_count = boots;
	frame_ctr = 0;
}
