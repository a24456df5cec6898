/* Fake Zephyr <zephyr/net/wifi_mgmt.h> for the etsilint recovery fixture. */
#pragma once
#include <stdint.h>
#include <zephyr/net/net_mgmt.h>

enum wifi_security_type {
	WIFI_SECURITY_TYPE_NONE = 0,
	WIFI_SECURITY_TYPE_PSK,
	WIFI_SECURITY_TYPE_PSK_SHA256,
	WIFI_SECURITY_TYPE_SAE,
};
enum wifi_frequency_bands {
	WIFI_FREQ_BAND_2_4_GHZ = 0,
	WIFI_FREQ_BAND_5_GHZ,
	WIFI_FREQ_BAND_UNKNOWN = 0xff,
};
enum wifi_mfp_options {
	WIFI_MFP_DISABLE = 0,
	WIFI_MFP_OPTIONAL,
	WIFI_MFP_REQUIRED,
};
#define WIFI_CHANNEL_ANY 255

struct wifi_connect_req_params {
	const uint8_t *ssid;
	uint8_t ssid_length;
	const uint8_t *psk;
	uint8_t psk_length;
	const uint8_t *sae_password;
	uint8_t sae_password_length;
	uint8_t band;
	uint8_t channel;
	enum wifi_security_type security;
	enum wifi_mfp_options mfp;
	int timeout;
};

#define NET_REQUEST_WIFI_CONNECT 0x0103
#define NET_REQUEST_WIFI_DISCONNECT 0x0104
NET_MGMT_DEFINE_REQUEST_HANDLER(NET_REQUEST_WIFI_CONNECT);
NET_MGMT_DEFINE_REQUEST_HANDLER(NET_REQUEST_WIFI_DISCONNECT);
