/* Fake Mbed TLS net_sockets.h for the etsilint recovery fixture. */
#pragma once
#include "mbedtls/build_info.h"
#define MBEDTLS_NET_PROTO_TCP 0
#define MBEDTLS_NET_PROTO_UDP 1
typedef struct mbedtls_net_context {
	int fd;
} mbedtls_net_context;
void mbedtls_net_init(mbedtls_net_context *ctx);
int mbedtls_net_connect(mbedtls_net_context *ctx, const char *host, const char *port, int proto);
int mbedtls_net_send(void *ctx, const unsigned char *buf, size_t len);
int mbedtls_net_recv(void *ctx, unsigned char *buf, size_t len);
int mbedtls_net_recv_timeout(void *ctx, unsigned char *buf, size_t len, uint32_t timeout);
void mbedtls_net_free(mbedtls_net_context *ctx);
