/* Fake Zephyr <zephyr/net/socket.h> for the etsilint recovery fixture. */
#pragma once
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef int sec_tag_t;
typedef uint32_t socklen_t_z;

#ifndef AF_INET
#define AF_INET 1
#define AF_INET6 2
#endif
#ifndef SOCK_STREAM
#define SOCK_STREAM 1
#define SOCK_DGRAM 2
#endif
#define IPPROTO_TLS_1_2 258
#define IPPROTO_DTLS_1_2 273

#define SOL_TLS 282
#define TLS_SEC_TAG_LIST 1
#define TLS_HOSTNAME 2
#define TLS_CIPHERSUITE_LIST 3
#define TLS_CIPHERSUITE_USED 4
#define TLS_PEER_VERIFY 5
#define TLS_DTLS_ROLE 6

#define TLS_PEER_VERIFY_NONE 0
#define TLS_PEER_VERIFY_OPTIONAL 1
#define TLS_PEER_VERIFY_REQUIRED 2

struct zsock_sockaddr {
	uint16_t sa_family;
	char data[32];
};

struct zsock_addrinfo {
	struct zsock_addrinfo *ai_next;
	int ai_flags;
	int ai_family;
	int ai_socktype;
	int ai_protocol;
	socklen_t_z ai_addrlen;
	struct zsock_sockaddr *ai_addr;
	char *ai_canonname;
};

int zsock_socket(int family, int type, int proto);
int zsock_close(int sock);
int zsock_connect(int sock, const struct zsock_sockaddr *addr, socklen_t_z addrlen);
int zsock_setsockopt(int sock, int level, int optname, const void *optval, socklen_t_z optlen);
ssize_t zsock_send(int sock, const void *buf, size_t len, int flags);
ssize_t zsock_recv(int sock, void *buf, size_t max_len, int flags);
int zsock_getaddrinfo(const char *host, const char *service, const struct zsock_addrinfo *hints,
		      struct zsock_addrinfo **res);
void zsock_freeaddrinfo(struct zsock_addrinfo *ai);
