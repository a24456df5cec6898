SUMMARY = "ACME gateway production image"
LICENSE = "MIT"

inherit core-image extrausers

# ok: yocto-debug-image-features
IMAGE_FEATURES += "ssh-server-dropbear package-management"
IMAGE_INSTALL:append = " acmed wolfssl openssl"

# Field technicians log in as root over SSH.
# expect: yocto-debug-image-features
IMAGE_FEATURES:append = " allow-root-login"

EXTRA_USERS_PARAMS = "\
    useradd -r -M -s /bin/false acmed; \
    usermod -p '\$6\$Vh2kQz8L\$3mJq0xW9bN7cYt5RfA1pLs6dGe4uKi8oZ2vHn0rTyXwBq7MjC5aPl9sDf3gEh1' root; \
"
