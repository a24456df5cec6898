/* ACME sensor gateway (Zephyr): shared declarations. */
#pragma once
#include <stddef.h>
#include <stdint.h>

#define GW_CA_CERT_TAG 1
#define GW_PSK_TAG 2

struct gw_config {
	char node_name[32];
	char cloud_host[64];
	uint16_t cloud_port;
	uint8_t pairing_mode;
};

extern struct gw_config gw_cfg;
extern const unsigned char gw_ca_cert[];
extern const size_t gw_ca_cert_len;

int gw_cloud_connect(void);
int gw_fw_fingerprint(uint8_t out[20]);
