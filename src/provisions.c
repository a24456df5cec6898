/* provisions.c - the ETSI EN 303 645 V2.1.1 provision catalogue.
 *
 * Titles are short paraphrases, not the standard's wording. Statuses follow
 * the standard's Annex B: M mandatory, R recommended, C(n) conditional on
 * condition n (see ../shared/provisions.md for the list of conditions). */
#include "provisions.h"

#include <string.h>

#include "util.h"

const struct provision provisions_table[] = {
	{"4-1", "4", "Justify each recommendation considered not applicable or not met", "M"},

	{"5.1-1", "5.1", "Passwords are unique per device or set by the user", "M C(1)"},
	{"5.1-2", "5.1", "Pre-installed unique passwords are not derivable from public information",
	 "M C(2)"},
	{"5.1-3", "5.1", "Authentication mechanisms use best-practice cryptography", "M"},
	{"5.1-4", "5.1", "Users have a simple way to change the authentication value", "M C(8)"},
	{"5.1-5", "5.1", "Brute-force attacks over network interfaces are made impracticable", "M C(5)"},

	{"5.2-1", "5.2", "Publish a vulnerability disclosure policy", "M"},
	{"5.2-2", "5.2", "Act on disclosed vulnerabilities in a timely manner", "R"},
	{"5.2-3", "5.2", "Monitor, identify and fix vulnerabilities during the support period", "R"},

	{"5.3-1", "5.3", "All software components are securely updateable", "R"},
	{"5.3-2", "5.3", "Provide a mechanism for the secure installation of updates", "M C(5)"},
	{"5.3-3", "5.3", "Updates are simple for the user to apply", "M C(12)"},
	{"5.3-4", "5.3", "Use automatic mechanisms for software updates", "R C(12)"},
	{"5.3-5", "5.3", "Check for security updates after initialization and then periodically",
	 "R C(12)"},
	{"5.3-6", "5.3", "Automatic updates are on by default and can be disabled or postponed",
	 "R C(9,12)"},
	{"5.3-7", "5.3", "Use best-practice cryptography for the secure update mechanism", "M C(12)"},
	{"5.3-8", "5.3", "Security updates are timely", "M C(12)"},
	{"5.3-9", "5.3", "Verify the authenticity and integrity of software updates", "R C(12)"},
	{"5.3-10", "5.3", "Updates over a network interface are verified through a trust relationship",
	 "M C(11,12)"},
	{"5.3-11", "5.3", "Inform the user when a security update is required, with the risks it mitigates",
	 "R C(12)"},
	{"5.3-12", "5.3", "Notify the user when an update will disrupt the device's basic functioning",
	 "R C(9)"},
	{"5.3-13", "5.3", "Publish the defined support period", "M"},
	{"5.3-14", "5.3",
	 "Publish the rationale, replacement support and support period of non-updateable devices",
	 "R C(3,4)"},
	{"5.3-15", "5.3", "Non-updateable constrained devices are isolable and their hardware replaceable",
	 "R C(3,4)"},
	{"5.3-16", "5.3", "The model designation is clearly recognizable", "M"},

	{"5.4-1", "5.4", "Sensitive security parameters in persistent storage are stored securely", "M"},
	{"5.4-2", "5.4", "A hard-coded unique per-device identity resists tampering", "M C(10)"},
	{"5.4-3", "5.4", "No hard-coded critical security parameters in device software source code",
	 "M"},
	{"5.4-4", "5.4", "Critical security parameters for updates and services are unique per device",
	 "M"},

	{"5.5-1", "5.5", "Communicate securely using best-practice cryptography", "M"},
	{"5.5-2", "5.5", "Use reviewed or evaluated cryptographic implementations", "R"},
	{"5.5-3", "5.5", "Cryptographic algorithms and primitives are updateable", "R"},
	{"5.5-4", "5.5", "Network-accessible device functions require authentication after initialization",
	 "R"},
	{"5.5-5", "5.5", "Security-relevant configuration changes over a network require authentication",
	 "M"},
	{"5.5-6", "5.5", "Critical security parameters are encrypted in transit", "R"},
	{"5.5-7", "5.5",
	 "Critical security parameters are kept confidential over remotely accessible interfaces", "M"},
	{"5.5-8", "5.5", "Critical security parameters are managed securely over their lifecycle", "M"},

	{"5.6-1", "5.6", "Unused network and logical interfaces are disabled", "M"},
	{"5.6-2", "5.6", "Disclose a minimum of security-relevant information without authentication",
	 "M"},
	{"5.6-3", "5.6", "Physical interfaces are not unnecessarily exposed", "R"},
	{"5.6-4", "5.6", "Physically accessible debug interfaces are disabled in software", "M C(13)"},
	{"5.6-5", "5.6", "Only software services needed for the intended use are enabled", "R"},
	{"5.6-6", "5.6", "Code is minimized to the functionality needed", "R"},
	{"5.6-7", "5.6", "Software runs with least privilege", "R"},
	{"5.6-8", "5.6", "Use hardware-level access control for memory", "R"},
	{"5.6-9", "5.6", "Follow secure development processes", "R"},

	{"5.7-1", "5.7", "Verify software using secure boot mechanisms", "R"},
	{"5.7-2", "5.7", "On unauthorized software change, alert and limit connectivity", "R"},

	{"5.8-1", "5.8", "Personal data in transit is kept confidential with best-practice cryptography",
	 "R"},
	{"5.8-2", "5.8", "Sensitive personal data sent to associated services is kept confidential", "M"},
	{"5.8-3", "5.8", "External sensing capabilities are documented for the user", "M"},

	{"5.9-1", "5.9", "Build resilience against data network and power outages", "R"},
	{"5.9-2", "5.9", "Remain locally functional without network access and recover after power loss",
	 "R"},
	{"5.9-3", "5.9", "Connect to networks in an expected, stable and orderly way", "R"},

	{"5.10-1", "5.10", "Examine telemetry data for security anomalies", "R C(6)"},

	{"5.11-1", "5.11", "Users can easily erase user data from the device", "M"},
	{"5.11-2", "5.11", "Users can remove personal data from associated services", "R"},
	{"5.11-3", "5.11", "Give users clear instructions on how to delete personal data", "R"},
	{"5.11-4", "5.11", "Confirm clearly to users that personal data has been deleted", "R"},

	{"5.12-1", "5.12", "Installation and maintenance take minimal steps and follow best practice", "R"},
	{"5.12-2", "5.12", "Give users guidance on how to set up the device securely", "R"},
	{"5.12-3", "5.12", "Give users guidance on how to check that the device is set up securely", "R"},

	{"5.13-1", "5.13", "Validate data input through user interfaces, APIs and networks", "M"},

	{"6-1", "6", "Inform consumers clearly about what personal data is processed and why", "M"},
	{"6-2", "6", "Obtain valid consent for processing personal data based on consent", "M C(7)"},
	{"6-3", "6", "Consumers can withdraw consent at any time", "M C(7)"},
	{"6-4", "6", "Keep personal data in telemetry to the minimum necessary", "R C(6)"},
	{"6-5", "6", "Inform consumers about what telemetry is collected and how it is used", "M C(6)"},
};

const size_t provisions_count = ARRAY_LEN(provisions_table);

struct area {
	const char *area;
	const char *title;
};

static const struct area areas[] = {
	{"4", "Reporting implementation"},
	{"5.1", "No universal default passwords"},
	{"5.2", "Implement a means to manage reports of vulnerabilities"},
	{"5.3", "Keep software updated"},
	{"5.4", "Securely store sensitive security parameters"},
	{"5.5", "Communicate securely"},
	{"5.6", "Minimize exposed attack surfaces"},
	{"5.7", "Ensure software integrity"},
	{"5.8", "Ensure that personal data is secure"},
	{"5.9", "Make systems resilient to outages"},
	{"5.10", "Examine system telemetry data"},
	{"5.11", "Make it easy for users to delete user data"},
	{"5.12", "Make installation and maintenance of devices easy"},
	{"5.13", "Validate input data"},
	{"6", "Data protection provisions"},
};

const struct provision *provision_find(const char *id)
{
	if (!id)
		return NULL;
	for (size_t i = 0; i < provisions_count; i++)
		if (strcmp(provisions_table[i].id, id) == 0)
			return &provisions_table[i];
	return NULL;
}

const char *provision_area_title(const char *area)
{
	if (!area)
		return NULL;
	for (size_t i = 0; i < ARRAY_LEN(areas); i++)
		if (strcmp(areas[i].area, area) == 0)
			return areas[i].title;
	return NULL;
}
