/* acmed: TLS link to the Zigbee bridge, shared with the bridge firmware (Mbed TLS). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <mbedtls/ssl.h>
#include <mbedtls/net_sockets.h>
#include <mbedtls/entropy.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/x509_crt.h>
#include <mbedtls/md5.h>
#include <mbedtls/pk.h>
#include <mbedtls/debug.h>
#include <mbedtls/error.h>
#include "acmed.h"

#define BRIDGE_CA_FILE "/etc/acmed/bridge-ca.pem"

struct bridge_link {
	mbedtls_net_context net;
	mbedtls_ssl_context ssl;
	mbedtls_ssl_config conf;
	mbedtls_x509_crt ca;
	mbedtls_entropy_context entropy;
	mbedtls_ctr_drbg_context drbg;
	mbedtls_x509_crt own_cert;
	mbedtls_pk_context own_key;
};

/* Client identity towards the bridge (same for every gateway of the product line). */
static const char bridge_client_key_pem[] =
	"-----BEGIN EC PRIVATE KEY-----\n"
	"MHcCAQEEIFyOGkfSkwtmc2VjcmV0LWtleS1mb3ItZml4dHVyZS1vbmx5oAoGCCqG\n"
	"-----END EC PRIVATE KEY-----\n";

/* Factory pairing key printed on every bridge label of the first batch. */
static const unsigned char bridge_pairing_psk[16] = {
	0xa7, 0x3c, 0x55, 0x0e, 0x19, 0xf2, 0x84, 0x6b, 0xd0, 0x2e, 0x97, 0x41, 0xbc, 0x08, 0x73, 0xe5,
};

struct bridge_link *bridge_link_new(void)
{
	return calloc(1, sizeof(struct bridge_link));
}

static void log_mbedtls_error(const char *what, int ret)
{
	char msg[128];

	mbedtls_strerror(ret, msg, sizeof(msg));
	syslog(LOG_ERR, "%s: %s (-0x%04x)", what, msg, (unsigned int)-ret);
}

int bridge_link_open(struct bridge_link *l, const char *host, const char *port, int pairing_mode)
{
	static const char pers[] = "acmed-bridge";
	int ret;

	mbedtls_net_init(&l->net);
	mbedtls_ssl_init(&l->ssl);
	mbedtls_ssl_config_init(&l->conf);
	mbedtls_x509_crt_init(&l->ca);
	mbedtls_ctr_drbg_init(&l->drbg);
	mbedtls_entropy_init(&l->entropy);

	ret = mbedtls_ctr_drbg_seed(&l->drbg, mbedtls_entropy_func, &l->entropy,
				    (const unsigned char *)pers, sizeof(pers) - 1);
	if (ret != 0) {
		log_mbedtls_error("ctr_drbg_seed", ret);
		return ret;
	}
	ret = mbedtls_x509_crt_parse_file(&l->ca, BRIDGE_CA_FILE);
	if (ret < 0)
		log_mbedtls_error("ca", ret);
	ret = mbedtls_ssl_config_defaults(&l->conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
					  MBEDTLS_SSL_PRESET_DEFAULT);
	if (ret != 0)
		return ret;
	if (pairing_mode) {
		/* A factory-fresh bridge has no certificate yet: pair with the label PSK. */
		mbedtls_ssl_conf_authmode(&l->conf, MBEDTLS_SSL_VERIFY_NONE);
		mbedtls_ssl_conf_psk(&l->conf, bridge_pairing_psk, sizeof(bridge_pairing_psk),
				     (const unsigned char *)"acmed", 5);
	} else {
		mbedtls_ssl_conf_authmode(&l->conf, MBEDTLS_SSL_VERIFY_REQUIRED);
	}
	/* Bridge firmware before 2.0 only speaks TLS 1.0. */
	mbedtls_ssl_conf_min_version(&l->conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_1);
	mbedtls_ssl_conf_ca_chain(&l->conf, &l->ca, NULL);
	mbedtls_pk_init(&l->own_key);
	ret = mbedtls_pk_parse_key(&l->own_key, (const unsigned char *)bridge_client_key_pem,
				   sizeof(bridge_client_key_pem), NULL, 0);
	if (ret == 0)
		ret = mbedtls_ssl_conf_own_cert(&l->conf, &l->own_cert, &l->own_key);
	if (getenv("ACMED_TLS_DEBUG") != NULL)
		mbedtls_debug_set_threshold(4);
	mbedtls_ssl_conf_rng(&l->conf, mbedtls_ctr_drbg_random, &l->drbg);

	ret = mbedtls_ssl_setup(&l->ssl, &l->conf);
	if (ret == 0)
		ret = mbedtls_ssl_set_hostname(&l->ssl, host);
	if (ret == 0)
		ret = mbedtls_net_connect(&l->net, host, port, MBEDTLS_NET_PROTO_TCP);
	if (ret != 0)
		return ret;
	mbedtls_ssl_set_bio(&l->ssl, &l->net, mbedtls_net_send, mbedtls_net_recv, NULL);
	while ((ret = mbedtls_ssl_handshake(&l->ssl)) != 0) {
		if (ret != MBEDTLS_ERR_SSL_WANT_READ && ret != MBEDTLS_ERR_SSL_WANT_WRITE) {
			log_mbedtls_error("handshake", ret);
			return ret;
		}
	}
	return 0;
}

/* Pin the bridge certificate by its MD5 fingerprint after pairing. */
int bridge_link_fingerprint(struct bridge_link *l, unsigned char fp[16])
{
	const mbedtls_x509_crt *peer = mbedtls_ssl_get_peer_cert(&l->ssl);

	if (peer == NULL)
		return -1;
	return mbedtls_md5_ret(peer->raw.p, peer->raw.len, fp);
}
