/* classify.h - file kinds and the data table that maps file names to them. */
#ifndef ETSILINT_CLASSIFY_H
#define ETSILINT_CLASSIFY_H

/* File kinds are bit flags so a rule's applies-to is a mask. */
enum file_kind {
	FK_NONE = 0,
	FK_C = 1u << 0,       /* .c */
	FK_HEADER = 1u << 1,  /* .h */
	FK_CPP = 1u << 2,     /* .ino, .cpp, .cc, .cxx, .hpp */
	FK_KCONFIG = 1u << 3, /* .config, defconfig, *_defconfig, sdkconfig*, prj.conf, Zephyr/IDF *.conf */
	FK_CMAKE = 1u << 4,   /* CMakeLists.txt, *.cmake */
	FK_MAKE = 1u << 5,    /* Makefile, makefile, GNUmakefile, *.mk, *.mak */
	FK_YOCTO = 1u << 6,   /* local.conf, layer.conf, *.bb, *.bbappend, *.bbclass, distro and machine .conf files */
	FK_DTS = 1u << 7,     /* .dts, .dtsi, .overlay */
	FK_ROOTFS = 1u << 8,  /* etc/shadow, etc/passwd, etc/inittab, sshd_config, rc.local ... */
	FK_DOC = 1u << 9,     /* SECURITY.md, security.txt */
	FK_KEY = 1u << 10,    /* key and certificate files: *.pem, *.key, *.crt, *.p8 */
};
#define FK_CFAMILY (FK_C | FK_HEADER | FK_CPP)
#define FK_ALL 0x7ffu
#define FK_NKINDS 11 /* bits in FK_ALL */

/* Classify a path (as walked; its directory is inspected for the Zephyr /
 * ESP-IDF "*.conf" case). Returns one FK_* value or FK_NONE. */
unsigned classify_path(const char *path);

/* Kind name <-> flag, for rule files ("c", "header", "cpp", "kconfig",
 * "cmake", "make", "yocto", "dts", "rootfs", "doc", "key", plus the group
 * "c-family"). Unknown name: returns 0. */
unsigned classify_kind_from_name(const char *name);
const char *classify_kind_name(unsigned kind); /* single flag -> name */

#endif
