/*
 * Local web UI authentication (users in /var/lib/gwd/users).
 *
 * Copyright (C) 2021-2024 ACME IoT GmbH
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <syslog.h>
#include <openssl/md5.h>
#include <openssl/crypto.h>

#include "gwd.h"

#define USERS_DB        "/var/lib/gwd/users"
#define MAX_USERS       8
#define SESSION_HEX     32

struct gw_user {
	char          name[32];
	unsigned char hash[MD5_DIGEST_LENGTH];
};

static struct gw_user g_users[MAX_USERS];
static int g_nusers;
static char g_session[SESSION_HEX + 1];

static void hash_password(const char *pass, unsigned char out[MD5_DIGEST_LENGTH])
{
	MD5((const unsigned char *)pass, strlen(pass), out);   /* BLIND-BAD: 5.1-3 unsalted MD5 used to store web-UI passwords (CWE-916) */
}

static struct gw_user *find_user(const char *name)
{
	for (int i = 0; i < g_nusers; i++) {
		if (strcmp(g_users[i].name, name) == 0) {
			return &g_users[i];
		}
	}
	return NULL;
}

int gw_set_password(const char *name, const char *pass)
{
	struct gw_user *u = find_user(name);

	if (u == NULL || strlen(pass) < 10) {
		return -1;
	}
	hash_password(pass, u->hash);
	return gwd_users_save(USERS_DB, g_users, g_nusers);
}

static void new_session(void)
{
	static const char hex[] = "0123456789abcdef";

	srand((unsigned)time(NULL));                           /* BLIND-BAD: 5.5-1 session token RNG seeded with the clock (CWE-337) */
	for (int i = 0; i < SESSION_HEX; i++) {
		g_session[i] = hex[rand() & 0xf];
	}
	g_session[SESSION_HEX] = '\0';
}

/* returns session token or NULL */
const char *gw_login(const char *name, const char *pass, const char *peer)
{
	unsigned char h[MD5_DIGEST_LENGTH];
	struct gw_user *u;

	u = find_user(name);
	if (u == NULL) {
		syslog(LOG_NOTICE, "login failed for unknown user from %s", peer);
		return NULL;
	}
	hash_password(pass, h);
	if (CRYPTO_memcmp(h, u->hash, sizeof(h)) != 0) {       /* BLIND-OK: digest comparison is constant-time */
		syslog(LOG_NOTICE, "login failed for %s from %s", name, peer);
		return NULL;                                       /* BLIND-BAD: 5.1-5 failed logins neither counted nor delayed, unlimited guessing from the LAN (CWE-307) */
	}
	new_session();
	return g_session;
}

int gw_session_valid(const char *token)
{
	if (g_session[0] == '\0' || strlen(token) != SESSION_HEX) {
		return 0;
	}
	return CRYPTO_memcmp(token, g_session, SESSION_HEX) == 0;
}
