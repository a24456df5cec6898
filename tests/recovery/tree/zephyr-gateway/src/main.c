/* ACME sensor gateway: Wi-Fi uplink and the TLS connection to the ingest service. */
#include <stdio.h>
#include <string.h>
#include <zephyr/kernel.h>
#include <zephyr/logging/log.h>
#include <zephyr/net/net_if.h>
#include <zephyr/net/socket.h>
#include <zephyr/net/tls_credentials.h>
#include <zephyr/net/wifi_mgmt.h>
#include "gateway.h"

LOG_MODULE_REGISTER(gateway, LOG_LEVEL_INF);

#define WIFI_SSID "acme-gw"
#define CLOUD_PORT "8883"
#define COAP_FALLBACK_URI "coap://telemetry.acme-things.io/readings"

struct gw_config gw_cfg = {
	.node_name = "gw-0001",
	.cloud_host = "ingest.acme-things.io",
	.cloud_port = 8883,
};

static const char psk_identity[] = "gw-0001";
static const unsigned char gw_psk[] = {
	0x6b, 0x1f, 0xa0, 0x3e, 0x92, 0x5d, 0xc7, 0x08, 0x4e, 0xb3, 0x71, 0x2a, 0xd9, 0x60, 0x15, 0xfc,
};
static const sec_tag_t sec_tags[] = { GW_CA_CERT_TAG, GW_PSK_TAG };
static const unsigned char gw_client_key[] = {
#include "gw_client_key.der.inc"
};
K_SEM_DEFINE(net_connected_sem, 0, 1);

static int wifi_connect(void)
{
	struct net_if *iface = net_if_get_default();
	struct wifi_connect_req_params params = {
		.ssid = (const uint8_t *)WIFI_SSID,
		.ssid_length = sizeof(WIFI_SSID) - 1,
		.psk = (const uint8_t *)"Gw-Wpa2-Passphrase!",
		.psk_length = 19,
		.band = WIFI_FREQ_BAND_2_4_GHZ,
		.channel = WIFI_CHANNEL_ANY,
		.security = WIFI_SECURITY_TYPE_PSK,
		.mfp = WIFI_MFP_OPTIONAL,
		.timeout = 30,
	};

	return net_mgmt(NET_REQUEST_WIFI_CONNECT, iface, &params, sizeof(params));
}

static int tls_setup(void)
{
	int err = tls_credential_add(GW_CA_CERT_TAG, TLS_CREDENTIAL_CA_CERTIFICATE, gw_ca_cert, gw_ca_cert_len);

	if (err < 0)
		return err;
	err = tls_credential_add(GW_CA_CERT_TAG, TLS_CREDENTIAL_PRIVATE_KEY, gw_client_key, sizeof(gw_client_key));
	if (err < 0)
		return err;
	err = tls_credential_add(GW_PSK_TAG, TLS_CREDENTIAL_PSK, gw_psk, sizeof(gw_psk));
	if (err < 0)
		return err;
	return tls_credential_add(GW_PSK_TAG, TLS_CREDENTIAL_PSK_ID, psk_identity, sizeof(psk_identity) - 1);
}

int gw_cloud_connect(void)
{
	struct zsock_addrinfo hints = { .ai_family = AF_INET, .ai_socktype = SOCK_STREAM };
	struct zsock_addrinfo *res = NULL;
	int verify = TLS_PEER_VERIFY_REQUIRED;
	int sock, ret;

	ret = zsock_getaddrinfo(gw_cfg.cloud_host, CLOUD_PORT, &hints, &res);
	if (ret != 0) {
		LOG_ERR("getaddrinfo %s: %d", gw_cfg.cloud_host, ret);
		return -EHOSTUNREACH;
	}
	sock = zsock_socket(res->ai_family, SOCK_STREAM, IPPROTO_TLS_1_2);
	if (sock < 0) {
		zsock_freeaddrinfo(res);
		return -errno;
	}
	/* A gateway in pairing mode talks to the installer's laptop, which has no certificate. */
	if (gw_cfg.pairing_mode)
		verify = TLS_PEER_VERIFY_NONE;
	zsock_setsockopt(sock, SOL_TLS, TLS_SEC_TAG_LIST, sec_tags, sizeof(sec_tags));
	zsock_setsockopt(sock, SOL_TLS, TLS_HOSTNAME, gw_cfg.cloud_host, strlen(gw_cfg.cloud_host));
	zsock_setsockopt(sock, SOL_TLS, TLS_PEER_VERIFY, &verify, sizeof(verify));
	ret = zsock_connect(sock, res->ai_addr, res->ai_addrlen);
	zsock_freeaddrinfo(res);
	if (ret < 0) {
		zsock_close(sock);
		return -errno;
	}
	return sock;
}

/* Field units behind captive portals: DTLS to the CoAP collector, verification optional. */
static int coap_fallback_open(void)
{
	int verify = TLS_PEER_VERIFY_OPTIONAL;
	int sock = zsock_socket(AF_INET, SOCK_DGRAM, IPPROTO_DTLS_1_2);

	if (sock < 0)
		return -errno;
	zsock_setsockopt(sock, SOL_TLS, TLS_SEC_TAG_LIST, sec_tags, sizeof(sec_tags));
	zsock_setsockopt(sock, SOL_TLS, TLS_PEER_VERIFY, &verify, sizeof(verify));
	LOG_WRN("using fallback %s", COAP_FALLBACK_URI);
	return sock;
}

static void uplink_thread(void *p1, void *p2, void *p3)
{
	for (;;) {
		int sock = gw_cloud_connect();
		if (sock < 0)
			sock = coap_fallback_open();
		if (sock >= 0) {
			zsock_send(sock, "hello", 5, 0);
			zsock_close(sock);
		}
		k_sleep(K_SECONDS(60));
	}
}

K_THREAD_DEFINE(uplink_tid, 4096, uplink_thread, NULL, NULL, NULL, 7, 0, 0);

int main(void)
{
	int ret = tls_setup();

	if (ret < 0)
		LOG_ERR("tls credentials: %d", ret);
	while (wifi_connect() != 0) {
		LOG_WRN("wifi connect failed, retrying");
		k_msleep(5000);
	}
	k_sem_take(&net_connected_sem, K_FOREVER);
	LOG_INF("network up");
	return 0;
}
