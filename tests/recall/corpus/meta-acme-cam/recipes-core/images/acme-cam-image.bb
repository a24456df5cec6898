SUMMARY = "ACME indoor camera production image"
LICENSE = "MIT"

inherit core-image extrausers

IMAGE_FEATURES += "ssh-server-openssh read-only-rootfs"

IMAGE_INSTALL:append = " \
    packagegroup-core-boot \
    acme-camd \
    acme-ota \
    gstreamer1.0 \
    gstreamer1.0-plugins-good \
    rauc \
"

# Production test station logs in as root on the debug UART;
# the service account is locked until provisioned.
EXTRA_USERS_PARAMS = "\
    usermod -p '' root; \
    useradd -M -s /bin/false -G video camsvc; \
    usermod -L camsvc; \
"

IMAGE_ROOTFS_EXTRA_SPACE = "65536"
