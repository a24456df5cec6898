/*
 * TLS setup for the gateway's outbound connections.
 *
 *  - MQTT cloud link (libmosquitto, OpenSSL underneath)
 *  - REST calls to the ACME API (OpenSSL)
 *  - support log upload to the legacy support server (OpenSSL)
 *  - LwM2M device management over DTLS (wolfSSL)
 *
 * Copyright (C) 2021-2024 ACME IoT GmbH
 */
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <mosquitto.h>
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <wolfssl/options.h>
#include <wolfssl/ssl.h>

#include "gwd.h"

#define CA_FILE        "/etc/ssl/certs/acme-root-ca.pem"
#define DEV_CERT       "/var/lib/gwd/device.crt"
#define DEV_KEY        "/var/lib/gwd/device.key"
#define API_HOST       "api.acme-iot.example"

int gwd_cloud_tls_setup(struct mosquitto *mosq)
{
	int rc;

	rc = mosquitto_tls_set(mosq, CA_FILE, NULL, DEV_CERT, DEV_KEY, NULL);
	if (rc != MOSQ_ERR_SUCCESS) {
		return rc;
	}
	rc = mosquitto_tls_opts_set(mosq, 1, "tlsv1.2", NULL);
	if (rc != MOSQ_ERR_SUCCESS) {
		return rc;
	}
	return mosquitto_tls_insecure_set(mosq, false);              /* BLIND-OK: hostname check kept enabled */
}

/* ---------------------------------------------------------------- */

static int api_verify_cb(int preverify_ok, X509_STORE_CTX *x509_ctx)
{
	if (!preverify_ok) {
		int err = X509_STORE_CTX_get_error(x509_ctx);
		syslog(LOG_WARNING, "api cert verify: %s", X509_verify_cert_error_string(err));
	}
	return preverify_ok;                                         /* BLIND-OK: logging-only verify callback keeps OpenSSL's verdict */
}

SSL_CTX *gwd_api_ctx_new(void)
{
	SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());

	if (ctx == NULL) {
		return NULL;
	}
	SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
	SSL_CTX_set_cipher_list(ctx, "ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL:!eNULL");
	SSL_CTX_load_verify_locations(ctx, CA_FILE, NULL);
	SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, api_verify_cb);
	return ctx;
}

SSL *gwd_api_ssl_new(SSL_CTX *ctx, int fd)
{
	SSL *ssl = SSL_new(ctx);

	SSL_set_fd(ssl, fd);
	SSL_set_tlsext_host_name(ssl, API_HOST);
	X509_VERIFY_PARAM_set1_host(SSL_get0_param(ssl), API_HOST, 0);
	return ssl;
}

/* ---------------------------------------------------------------- */
/* The legacy support server still runs an old appliance.            */
/* Uploads contain gwd.conf, including the cloud token.              */

SSL_CTX *gwd_support_ctx_new(void)
{
	SSL_CTX *ctx = SSL_CTX_new(TLSv1_client_method());          /* BLIND-BAD: 5.5-1 TLS 1.0 only client method (CWE-327) */

	if (ctx == NULL) {
		return NULL;
	}
	SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);             /* BLIND-BAD: 5.5-1 support server certificate never verified (CWE-295) */
	return ctx;
}

/* ---------------------------------------------------------------- */
/* LwM2M over DTLS (wolfSSL)                                          */

WOLFSSL_CTX *gwd_lwm2m_bootstrap_ctx_new(void)
{
	WOLFSSL_CTX *ctx = wolfSSL_CTX_new(wolfDTLSv1_2_client_method());

	if (ctx == NULL) {
		return NULL;
	}
	/* bootstrap server uses a self-signed cert that rotates; skip check */
	wolfSSL_CTX_set_verify(ctx, WOLFSSL_VERIFY_NONE, NULL);      /* BLIND-BAD: 5.5-1 DTLS bootstrap server not authenticated, it hands out management credentials (CWE-295) */
	return ctx;
}

WOLFSSL_CTX *gwd_lwm2m_dm_ctx_new(void)
{
	WOLFSSL_CTX *ctx = wolfSSL_CTX_new(wolfDTLSv1_2_client_method());

	if (ctx == NULL) {
		return NULL;
	}
	if (wolfSSL_CTX_load_verify_locations(ctx, CA_FILE, NULL) != WOLFSSL_SUCCESS) {
		wolfSSL_CTX_free(ctx);
		return NULL;
	}
	wolfSSL_CTX_set_verify(ctx, WOLFSSL_VERIFY_PEER, NULL);      /* BLIND-OK: device-management server certificate verified */
	wolfSSL_CTX_UseSNI(ctx, WOLFSSL_SNI_HOST_NAME, "dm.acme-iot.example", 19);
	return ctx;
}

WOLFSSL *gwd_lwm2m_dm_ssl_new(WOLFSSL_CTX *ctx, int fd)
{
	WOLFSSL *ssl = wolfSSL_new(ctx);

	if (ssl == NULL) {
		return NULL;
	}
	wolfSSL_set_fd(ssl, fd);
	wolfSSL_check_domain_name(ssl, "dm.acme-iot.example");
	return ssl;
}
