/* acmed: the ACME home gateway daemon. */
#pragma once
#include <stddef.h>
#include <openssl/ssl.h>

struct acmed_config {
	int listen_port;
	const char *admin_user;
	const char *admin_password;
	const char *cloud_host;
	const char *cloud_api_token;
	const char *ca_file;
	int legacy_peer;
	int debug;
};

struct bridge_link;

SSL_CTX *acmed_tls_ctx(const struct acmed_config *cfg);
int acmed_tls_send(SSL_CTX *ctx, int fd, const char *host, const char *msg);
int acmed_sign_request(const char *body, size_t len, unsigned char *out, unsigned int *outlen);
int acmed_seal_legacy(const unsigned char *key, const unsigned char *in, int inlen, unsigned char *out);

struct bridge_link *bridge_link_new(void);
int bridge_link_open(struct bridge_link *l, const char *host, const char *port, int pairing_mode);
