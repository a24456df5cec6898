/* acmed: TLS to the ACME cloud (OpenSSL), request signing and the v1 payload cipher. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/md5.h>
#include <openssl/sha.h>
#include "acmed.h"

static int verify_cb(int preverify_ok, X509_STORE_CTX *x509_ctx)
{
	if (!preverify_ok)
		syslog(LOG_WARNING, "certificate rejected");
	return preverify_ok;
}

SSL_CTX *acmed_tls_ctx(const struct acmed_config *cfg)
{
	const SSL_METHOD *method = cfg->legacy_peer ? TLSv1_client_method() : TLS_client_method();
	SSL_CTX *ctx = SSL_CTX_new(method);

	if (ctx == NULL) {
		ERR_print_errors_fp(stderr);
		return NULL;
	}
	SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION);
	if (cfg->legacy_peer) {
		/* v1 hubs: TLS 1.0 and a self-signed certificate. */
		SSL_CTX_set_min_proto_version(ctx, TLS1_VERSION);
		SSL_CTX_set_security_level(ctx, 0);
		SSL_CTX_set_cipher_list(ctx, "DEFAULT:DES-CBC3-SHA");
		SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
	} else {
		SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
		SSL_CTX_set_cipher_list(ctx, "ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL:!eNULL:!MD5:!RC4:!3DES");
		SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, verify_cb);
		if (SSL_CTX_load_verify_locations(ctx, cfg->ca_file, NULL) != 1) {
			fprintf(stderr, ERR_error_string(ERR_get_error(), NULL));
			SSL_CTX_free(ctx);
			return NULL;
		}
	}
	return ctx;
}

int acmed_tls_send(SSL_CTX *ctx, int fd, const char *host, const char *msg)
{
	SSL *ssl = SSL_new(ctx);
	int ret;

	SSL_set_fd(ssl, fd);
	SSL_set_tlsext_host_name(ssl, host);
	SSL_set1_host(ssl, host);
	if (getenv("ACMED_INSECURE") != NULL)
		SSL_set_verify(ssl, SSL_VERIFY_NONE, NULL);
	if (SSL_connect(ssl) != 1) {
		syslog(LOG_ERR, SSL_state_string_long(ssl));
		SSL_free(ssl);
		return -1;
	}
	if (SSL_get_verify_result(ssl) != X509_V_OK)
		syslog(LOG_WARNING, "%s: peer certificate not verified", host);
	ret = SSL_write(ssl, msg, (int)strlen(msg));
	SSL_shutdown(ssl);
	SSL_free(ssl);
	return ret;
}

/* The cloud API v1 signs requests with MD5 over the body. */
int acmed_sign_request(const char *body, size_t len, unsigned char *out, unsigned int *outlen)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	int ok;

	if (md == NULL)
		return -1;
	ok = EVP_DigestInit_ex(md, EVP_md5(), NULL) && EVP_DigestUpdate(md, body, len) &&
	     EVP_DigestFinal_ex(md, out, outlen);
	EVP_MD_CTX_free(md);
	return ok ? 0 : -1;
}

int acmed_body_etag(const char *body, size_t len, char hex[2 * MD5_DIGEST_LENGTH + 1])
{
	unsigned char digest[MD5_DIGEST_LENGTH];
	unsigned char sha[SHA256_DIGEST_LENGTH];

	MD5((const unsigned char *)body, len, digest);
	SHA256((const unsigned char *)body, len, sha);
	for (int i = 0; i < MD5_DIGEST_LENGTH; i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	return 0;
}

int acmed_seal_legacy(const unsigned char *key, const unsigned char *in, int inlen, unsigned char *out)
{
	static const unsigned char iv[8] = { 0 };
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int n = 0, total = 0;

	if (c == NULL)
		return -1;
	if (EVP_EncryptInit_ex(c, EVP_des_ede3_cbc(), NULL, key, iv) == 1 &&
	    EVP_EncryptUpdate(c, out, &n, in, inlen) == 1) {
		total = n;
		if (EVP_EncryptFinal_ex(c, out + n, &n) == 1)
			total += n;
	}
	EVP_CIPHER_CTX_free(c);
	return total;
}
