/* Fake Mbed TLS sha1.h for the etsilint recovery fixture. */
#pragma once
#include "mbedtls/build_info.h"
typedef struct mbedtls_sha1_context {
	uint32_t total[2];
	uint32_t state[5];
	unsigned char buffer[64];
} mbedtls_sha1_context;
void mbedtls_sha1_init(mbedtls_sha1_context *ctx);
void mbedtls_sha1_free(mbedtls_sha1_context *ctx);
int mbedtls_sha1_starts(mbedtls_sha1_context *ctx);
int mbedtls_sha1_update(mbedtls_sha1_context *ctx, const unsigned char *input, size_t ilen);
int mbedtls_sha1_finish(mbedtls_sha1_context *ctx, unsigned char output[20]);
int mbedtls_sha1(const unsigned char *input, size_t ilen, unsigned char output[20]);
