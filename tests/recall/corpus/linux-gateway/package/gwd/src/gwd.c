/*
 * gwd - ACME Home Gateway daemon
 *
 * Bridges the Zigbee co-processor (UDP on the internal bridge) to the
 * ACME cloud (MQTT over TLS) and executes cloud commands.
 *
 * Copyright (C) 2021-2024 ACME IoT GmbH
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <signal.h>
#include <syslog.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <mosquitto.h>
#include <json-c/json.h>

#include "gwd.h"

#define ZB_BRIDGE_PORT     17754
#define ZB_MAX_PAYLOAD     128
#define FW_URL             "https://update.acme-iot.example/gw/stable/latest.swu"
#define FW_TMP             "/tmp/update.swu"

struct zb_frame {
	uint8_t  type;
	uint16_t src;
	uint16_t len;
	uint8_t  payload[ZB_MAX_PAYLOAD];
};

struct zb_report {
	uint16_t src;
	uint8_t  cluster;
	uint8_t  data[32];
	size_t   data_len;
};

static struct mosquitto *g_mosq;
static char g_gw_id[32];
static volatile sig_atomic_t g_stop;

/* ------------------------------------------------------------------ */
/* logging helpers                                                      */

static void log_remote_event(const char *text)
{
	syslog(LOG_NOTICE, text);                                  /* BLIND-BAD: 5.13-1 cloud-supplied text used as syslog format string (CWE-134) */
}

static void log_local_event(const char *text)
{
	syslog(LOG_INFO, "%s", text);                              /* BLIND-OK: constant format string */
}

/* ------------------------------------------------------------------ */
/* command helpers                                                      */

static int run_diag_ping(const char *host)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "ping -c 3 -W 2 %s > /tmp/diag.txt 2>&1", host);
	return system(cmd);                                        /* BLIND-BAD: 5.13-1 host name from MQTT message reaches the shell (CWE-78) */
}

static int read_soc_temp(int *mdeg)
{
	FILE *fp = popen("cat /sys/class/thermal/thermal_zone0/temp", "r");   /* BLIND-OK: constant command, no external input */
	int ok;

	if (fp == NULL) {
		return -1;
	}
	ok = fscanf(fp, "%d", mdeg) == 1;
	pclose(fp);
	return ok ? 0 : -1;
}

static int valid_ifname(const char *s)
{
	static const char *const allowed[] = { "eth0", "wlan0", "wpan0", NULL };
	for (int i = 0; allowed[i] != NULL; i++) {
		if (strcmp(s, allowed[i]) == 0) {
			return 1;
		}
	}
	return 0;
}

static int iface_restart(const char *ifname)
{
	pid_t pid;
	int status;

	if (!valid_ifname(ifname)) {
		return -EINVAL;
	}
	pid = fork();
	if (pid == 0) {
		char *const argv[] = { "/sbin/ifup", "-f", (char *)ifname, NULL };
		execv(argv[0], argv);                                  /* BLIND-OK: no shell, argument checked against an allow-list */
		_exit(127);
	}
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int update_firmware(void)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "curl --proto =https --tlsv1.2 -sSf -o %s %s", FW_TMP, FW_URL);
	if (system(cmd) != 0) {                                    /* BLIND-OK: command built only from compile-time constants */
		return -1;
	}
	return system("swupdate -v -k /etc/swupdate/public.pem -i " FW_TMP);
}

/* ------------------------------------------------------------------ */
/* cloud commands                                                       */

static void handle_cloud_cmd(const char *payload, int len)
{
	struct json_object *root, *o;
	const char *op;

	root = json_tokener_parse(payload);
	if (root == NULL) {
		return;
	}
	if (!json_object_object_get_ex(root, "op", &o)) {
		json_object_put(root);
		return;
	}
	op = json_object_get_string(o);

	if (strcmp(op, "ping") == 0 && json_object_object_get_ex(root, "host", &o)) {
		run_diag_ping(json_object_get_string(o));
	} else if (strcmp(op, "ifup") == 0 && json_object_object_get_ex(root, "if", &o)) {
		iface_restart(json_object_get_string(o));
	} else if (strcmp(op, "update") == 0) {
		update_firmware();
	} else if (strcmp(op, "notice") == 0 && json_object_object_get_ex(root, "text", &o)) {
		log_remote_event(json_object_get_string(o));
	} else if (strcmp(op, "set_home") == 0) {
		double lat = 0, lon = 0;
		if (json_object_object_get_ex(root, "lat", &o)) lat = json_object_get_double(o);
		if (json_object_object_get_ex(root, "lon", &o)) lon = json_object_get_double(o);
		syslog(LOG_INFO, "home location updated");
		gwd_store_home(lat, lon);
	}
	json_object_put(root);
}

static void on_message(struct mosquitto *m, void *ud, const struct mosquitto_message *msg)
{
	char topic_cmd[64];

	snprintf(topic_cmd, sizeof(topic_cmd), "acme/gw/%s/cmd", g_gw_id);
	if (strcmp(msg->topic, topic_cmd) == 0 && msg->payloadlen > 0) {
		handle_cloud_cmd((const char *)msg->payload, msg->payloadlen);
	}
}

static void on_connect(struct mosquitto *m, void *ud, int rc)
{
	char topic[64];

	if (rc != 0) {
		return;
	}
	snprintf(topic, sizeof(topic), "acme/gw/%s/cmd", g_gw_id);
	mosquitto_subscribe(m, NULL, topic, 1);
	log_local_event("cloud connected");
}

/* ------------------------------------------------------------------ */
/* Zigbee bridge                                                        */

static int parse_frame(const uint8_t *pkt, size_t n, struct zb_frame *f)
{
	if (n < 5) {
		return -1;
	}
	f->type = pkt[0];
	f->src  = (uint16_t)(pkt[1] | (pkt[2] << 8));
	f->len  = (uint16_t)(pkt[3] | (pkt[4] << 8));
	memcpy(f->payload, pkt + 5, f->len);                       /* BLIND-BAD: 5.13-1 length field from the datagram used as copy size into 128-byte payload (CWE-120) */
	return 0;
}

static int parse_report(const struct zb_frame *f, struct zb_report *r)
{
	if (f->len < 1 || f->len - 1 > sizeof(r->data)) {
		return -1;
	}
	r->src = f->src;
	r->cluster = f->payload[0];
	memcpy(r->data, &f->payload[1], f->len - 1);               /* BLIND-OK: length validated against destination size above */
	r->data_len = f->len - 1;
	return 0;
}

static void publish_report(const struct zb_report *r)
{
	char topic[96], body[128];
	int n = 0;

	snprintf(topic, sizeof(topic), "acme/gw/%s/dev/%04x/%u", g_gw_id, r->src, r->cluster);
	for (size_t i = 0; i < r->data_len && n < (int)sizeof(body) - 3; i++) {
		n += snprintf(body + n, sizeof(body) - n, "%02x", r->data[i]);
	}
	mosquitto_publish(g_mosq, NULL, topic, n, body, 0, false);
}

static void bridge_loop(int fd)
{
	uint8_t pkt[1500];
	struct zb_frame f;
	struct zb_report r;
	ssize_t n;

	while (!g_stop) {
		n = recvfrom(fd, pkt, sizeof(pkt), 0, NULL, NULL);
		if (n <= 0) {
			continue;
		}
		if (parse_frame(pkt, (size_t)n, &f) == 0 && parse_report(&f, &r) == 0) {
			publish_report(&r);
		}
	}
}

static void on_signal(int sig)
{
	(void)sig;
	g_stop = 1;
}

int main(int argc, char **argv)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(ZB_BRIDGE_PORT) };
	int fd, mdeg;

	openlog("gwd", LOG_PID, LOG_DAEMON);
	signal(SIGTERM, on_signal);
	gwd_load_config(argc, argv, g_gw_id, sizeof(g_gw_id));

	if (read_soc_temp(&mdeg) == 0) {
		syslog(LOG_INFO, "SoC temperature %d.%03d C", mdeg / 1000, mdeg % 1000);
	}

	mosquitto_lib_init();
	g_mosq = mosquitto_new(g_gw_id, true, NULL);
	gwd_cloud_tls_setup(g_mosq);
	mosquitto_username_pw_set(g_mosq, g_gw_id, gwd_cloud_token());
	mosquitto_connect_callback_set(g_mosq, on_connect);
	mosquitto_message_callback_set(g_mosq, on_message);
	mosquitto_reconnect_delay_set(g_mosq, 2, 300, true);
	mosquitto_connect_async(g_mosq, "mqtt.acme-iot.example", 8883, 60);
	mosquitto_loop_start(g_mosq);

	sa.sin_addr.s_addr = htonl(INADDR_ANY);
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		syslog(LOG_ERR, "bridge socket: %m");
		return 1;
	}
	bridge_loop(fd);

	mosquitto_loop_stop(g_mosq, true);
	mosquitto_destroy(g_mosq);
	mosquitto_lib_cleanup();
	closelog();
	return 0;
}
