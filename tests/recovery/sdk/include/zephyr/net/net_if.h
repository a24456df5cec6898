/* Fake Zephyr <zephyr/net/net_if.h> for the etsilint recovery fixture. */
#pragma once
struct net_if;
struct net_if *net_if_get_default(void);
int net_if_up(struct net_if *iface);
