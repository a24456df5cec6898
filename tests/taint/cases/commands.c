/* Router management daemon (embedded Linux): diagnostics and settings that
 * end in shell commands. Taint cases: "expect: RULE" must be reported on that
 * line, "ok: RULE" must not. */
#include <arpa/inet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "esp_http_server.h"

extern int is_valid_hostname(const char *h);
extern int is_allowed_timezone(const char *tz);
extern int validate_ifname(const char *ifname);
extern int check_ntp_server(const char *host);

/* command-injection, fgets: a host name typed on the console goes into a ping command [shape: copy] */
int bad_cmd_console_ping(FILE *in)
{
	char host[64];
	char cmd[128];

	if (fgets(host, sizeof(host), in) == NULL)
		return -1;
	host[strcspn(host, "\r\n")] = '\0'; /* ok: taint-array-index */
	snprintf(cmd, sizeof(cmd), "ping -c 3 %s", host);
	return system(cmd); /* expect: taint-command-injection */
}

/* command-injection, validator with early exit: is_valid_hostname() rejects anything else [shape: copy; sanitizer: validator-early-exit] */
int good_cmd_console_ping(FILE *in)
{
	char host[64];
	char cmd[128];

	if (fgets(host, sizeof(host), in) == NULL)
		return -1;
	host[strcspn(host, "\r\n")] = '\0'; /* ok: taint-array-index */
	if (!is_valid_hostname(host))
		return -1;
	snprintf(cmd, sizeof(cmd), "ping -c 3 %s", host);
	return system(cmd); /* ok: taint-command-injection */
}

/* command-injection, getenv: the TZ variable is part of a shell command line [shape: copy] */
int bad_cmd_env_timezone(void)
{
	const char *tz = getenv("TZ");
	char cmd[160];

	if (tz == NULL)
		return 0;
	snprintf(cmd, sizeof(cmd), "ln -sf /usr/share/zoneinfo/%s /etc/localtime", tz);
	return system(cmd); /* expect: taint-command-injection */
}

/* command-injection, validator in the if condition: the command runs in the then-branch only [shape: copy; sanitizer: validator-then-branch] */
int good_cmd_env_timezone(void)
{
	const char *tz = getenv("TZ");
	char cmd[160];

	if (tz == NULL)
		return 0;
	if (is_allowed_timezone(tz)) {
		snprintf(cmd, sizeof(cmd), "ln -sf /usr/share/zoneinfo/%s /etc/localtime", tz);
		return system(cmd); /* ok: taint-command-injection */
	}
	return -1;
}

/* command-injection, a length check is not validation: popen of an interface name from recv() [shape: copy; sanitizer: bounds-check-only] */
int bad_cmd_iface_bounded(int sock)
{
	char ifname[IFNAMSIZ + 8];
	char cmd[64];
	ssize_t n = recv(sock, ifname, sizeof(ifname) - 1, 0);

	if (n <= 0)
		return -1;
	ifname[n] = '\0'; /* ok: taint-array-index */
	if (strlen(ifname) >= IFNAMSIZ)
		return -1;
	snprintf(cmd, sizeof(cmd), "ip -s link show %s", ifname);
	FILE *p = popen(cmd, "r"); /* expect: taint-command-injection */
	if (p == NULL)
		return -1;
	return pclose(p);
}

/* command-injection, validator compared with 0: validate_ifname(c) == 0 guards the then-branch [shape: copy; sanitizer: validator-eq-0] */
int good_cmd_iface_validated(int sock)
{
	char ifname[IFNAMSIZ + 8];
	char cmd[64];
	ssize_t n = recv(sock, ifname, sizeof(ifname) - 1, 0);

	if (n <= 0)
		return -1;
	ifname[n] = '\0'; /* ok: taint-array-index */
	if (validate_ifname(ifname) == 0) {
		snprintf(cmd, sizeof(cmd), "ip -s link show %s", ifname);
		FILE *p = popen(cmd, "r"); /* ok: taint-command-injection */
		if (p != NULL)
			pclose(p);
	}
	return 0;
}

/* command-injection, web query parameter: execl of /bin/sh -c with the NTP server in the script [shape: copy] */
esp_err_t bad_cmd_http_ntp(httpd_req_t *req)
{
	char query[128];
	char server[64];
	char script[128];

	if (httpd_req_get_url_query_str(req, query, sizeof(query)) != ESP_OK)
		return ESP_FAIL;
	if (httpd_query_key_value(query, "ntp", server, sizeof(server)) != ESP_OK)
		return ESP_FAIL;
	snprintf(script, sizeof(script), "ntpdate -u %s && hwclock -w", server);
	if (fork() == 0) {
		execl("/bin/sh", "sh", "-c", script, (char *)NULL); /* expect: taint-command-injection */
		_exit(127);
	}
	return ESP_OK;
}

/* command-injection, web query parameter rejected by check_ntp_server() before execl [shape: copy; sanitizer: validator-early-exit] */
esp_err_t good_cmd_http_ntp(httpd_req_t *req)
{
	char query[128];
	char server[64];
	char script[128];

	if (httpd_req_get_url_query_str(req, query, sizeof(query)) != ESP_OK)
		return ESP_FAIL;
	if (httpd_query_key_value(query, "ntp", server, sizeof(server)) != ESP_OK)
		return ESP_FAIL;
	if (check_ntp_server(server) != 0)
		return ESP_FAIL;
	snprintf(script, sizeof(script), "ntpdate -u %s && hwclock -w", server);
	if (fork() == 0) {
		execl("/bin/sh", "sh", "-c", script, (char *)NULL); /* ok: taint-command-injection */
		_exit(127);
	}
	return ESP_OK;
}

/* command-injection, inet_pton as validator: only a literal IPv4 address reaches the command [shape: copy; sanitizer: inet_pton] */
int good_cmd_block_ip(int sock)
{
	char addr[INET_ADDRSTRLEN];
	char cmd[96];
	struct in_addr a;
	ssize_t n = recv(sock, addr, sizeof(addr) - 1, 0);

	if (n <= 0)
		return -1;
	addr[n] = '\0'; /* ok: taint-array-index */
	if (inet_pton(AF_INET, addr, &a) != 1)
		return -1;
	snprintf(cmd, sizeof(cmd), "iptables -I INPUT -s %s -j DROP", addr);
	return system(cmd); /* ok: taint-command-injection */
}

/* command-injection, raw address: the same command without the inet_pton check [shape: copy] */
int bad_cmd_block_ip(int sock)
{
	char addr[INET_ADDRSTRLEN];
	char cmd[96];
	ssize_t n = recv(sock, addr, sizeof(addr) - 1, 0);

	if (n <= 0)
		return -1;
	addr[n] = '\0'; /* ok: taint-array-index */
	snprintf(cmd, sizeof(cmd), "iptables -I INPUT -s %s -j DROP", addr);
	return system(cmd); /* expect: taint-command-injection */
}

/* helper with the sink: runs a wifi tool with the given SSID in the command line */
static int run_wifi_tool(const char *ssid)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "wpa_cli set_network 0 ssid '\"%s\"'", ssid);
	return system(cmd); /* expect: taint-command-injection */
}

/* command-injection, helper parameter: a received SSID handed to run_wifi_tool() [shape: helper-param, copy] */
int bad_cmd_helper_ssid(int sock)
{
	char ssid[33];
	ssize_t n = recv(sock, ssid, sizeof(ssid) - 1, 0);

	if (n <= 0)
		return -1;
	ssid[n] = '\0'; /* ok: taint-array-index */
	return run_wifi_tool(ssid);
}

/* helper with the sink: called only with validated SSIDs */
static int run_wifi_tool_checked(const char *ssid)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "wpa_cli set_network 0 ssid '\"%s\"'", ssid);
	return system(cmd); /* ok: taint-command-injection */
}

/* validator: no quotes, backslashes or control characters */
static int is_valid_ssid(const char *s)
{
	for (; *s != '\0'; s++) { /* ok: taint-loop-bound */
		if (*s == '\'' || *s == '"' || *s == '\\' || *s < 0x20)
			return 0;
	}
	return 1;
}

/* command-injection, helper parameter validated by the caller (is_valid_ssid) [shape: helper-param, copy; sanitizer: validator-early-exit] */
int good_cmd_helper_ssid(int sock)
{
	char ssid[33];
	ssize_t n = recv(sock, ssid, sizeof(ssid) - 1, 0);

	if (n <= 0)
		return -1;
	ssid[n] = '\0'; /* ok: taint-array-index */
	if (!is_valid_ssid(ssid))
		return -1;
	return run_wifi_tool_checked(ssid);
}
