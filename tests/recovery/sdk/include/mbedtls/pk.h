/* Fake Mbed TLS 2.28 pk.h for the etsilint recovery fixture. */
#pragma once
#include "mbedtls/build_info.h"
typedef struct mbedtls_pk_context {
	const void *pk_info;
	void *pk_ctx;
} mbedtls_pk_context;
void mbedtls_pk_init(mbedtls_pk_context *ctx);
int mbedtls_pk_parse_key(mbedtls_pk_context *ctx, const unsigned char *key, size_t keylen,
			 const unsigned char *pwd, size_t pwdlen);
void mbedtls_pk_free(mbedtls_pk_context *ctx);
