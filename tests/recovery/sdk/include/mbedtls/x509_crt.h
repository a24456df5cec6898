/* Fake Mbed TLS x509_crt.h for the etsilint recovery fixture. */
#pragma once
#include "mbedtls/build_info.h"

typedef struct mbedtls_x509_buf {
	int tag;
	size_t len;
	unsigned char *p;
} mbedtls_x509_buf;

typedef struct mbedtls_x509_crt {
	int own_buffer;
	mbedtls_x509_buf raw;
	mbedtls_x509_buf tbs;
	int version;
	struct mbedtls_x509_crt *next;
} mbedtls_x509_crt;

void mbedtls_x509_crt_init(mbedtls_x509_crt *crt);
int mbedtls_x509_crt_parse(mbedtls_x509_crt *chain, const unsigned char *buf, size_t buflen);
int mbedtls_x509_crt_parse_file(mbedtls_x509_crt *chain, const char *path);
int mbedtls_x509_crt_verify_info(char *buf, size_t size, const char *prefix, uint32_t flags);
void mbedtls_x509_crt_free(mbedtls_x509_crt *crt);
