/* Fake Zephyr <zephyr/net/net_mgmt.h> for the etsilint recovery fixture. */
#pragma once
#include <stddef.h>
#include <stdint.h>
#include <zephyr/net/net_if.h>

#define net_mgmt(_mgmt_request, _iface, _data, _len) \
	net_mgmt_##_mgmt_request(_mgmt_request, _iface, _data, _len)
#define NET_MGMT_DEFINE_REQUEST_HANDLER(_mgmt_request) \
	extern int net_mgmt_##_mgmt_request(uint32_t mgmt_request, struct net_if *iface, void *data, size_t len)
