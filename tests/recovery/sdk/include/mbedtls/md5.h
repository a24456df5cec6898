/* Fake Mbed TLS md5.h for the etsilint recovery fixture. */
#pragma once
#include "mbedtls/build_info.h"
typedef struct mbedtls_md5_context {
	uint32_t total[2];
	uint32_t state[4];
	unsigned char buffer[64];
} mbedtls_md5_context;
void mbedtls_md5_init(mbedtls_md5_context *ctx);
void mbedtls_md5_free(mbedtls_md5_context *ctx);
int mbedtls_md5_starts_ret(mbedtls_md5_context *ctx);
int mbedtls_md5_update_ret(mbedtls_md5_context *ctx, const unsigned char *input, size_t ilen);
int mbedtls_md5_finish_ret(mbedtls_md5_context *ctx, unsigned char output[16]);
int mbedtls_md5_ret(const unsigned char *input, size_t ilen, unsigned char output[16]);
