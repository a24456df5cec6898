/* Fake OpenSSL <openssl/md5.h> for the etsilint recovery fixture. */
#pragma once
#include <stddef.h>
#define MD5_DIGEST_LENGTH 16
#define MD5_CBLOCK 64
typedef struct MD5state_st {
	unsigned int A, B, C, D;
	unsigned int Nl, Nh;
	unsigned int data[16];
	unsigned int num;
} MD5_CTX;
int MD5_Init(MD5_CTX *c);
int MD5_Update(MD5_CTX *c, const void *data, size_t len);
int MD5_Final(unsigned char *md, MD5_CTX *c);
unsigned char *MD5(const unsigned char *d, size_t n, unsigned char *md);
