/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Kernel configuration for the loader's __kconfig externs: the running
 * kernel's CONFIG_* values (/proc/config.gz, or /boot/config-RELEASE)
 * and its LINUX_KERNEL_VERSION. Internal to the core.
 *
 * Typical use when an object has .kconfig externs:
 *	kc = kconfig_new();
 *	kconfig_add_kernel(kc);			(only if a CONFIG_* extern needs it)
 *	kconfig_add_text(kc, opts->kconfig, strlen(opts->kconfig));	(overrides)
 *	for each extern: kconfig_value(kc, name, type, dst, size);
 *	kconfig_free(kc);
 */
#ifndef __BPFCORE_KCONFIG_H
#define __BPFCORE_KCONFIG_H

#include <stddef.h>
#include <linux/types.h>

struct kconfig;

/* What a __kconfig extern's C type asks for; decides how a value is stored. */
enum kconfig_type {
	KCONFIG_BOOL,		/* bool: y -> 1, n -> 0 (m is an error); 1 byte */
	KCONFIG_TRISTATE,	/* enum libbpf_tristate: n/y/m -> 0/1/2; 4 bytes */
	KCONFIG_CHAR,		/* char: the letter 'y', 'n' or 'm', or a number; 1 byte */
	KCONFIG_STR,		/* char array: the "string", NUL-terminated, truncated */
	KCONFIG_UINT,		/* unsigned integer of 1, 2, 4 or 8 bytes */
	KCONFIG_INT,		/* signed integer of 1, 2, 4 or 8 bytes */
};

/**
 * @brief An empty configuration.
 * @return the configuration (free with kconfig_free()), or NULL with errno ENOMEM
 */
struct kconfig *kconfig_new(void);

/**
 * @brief Free a configuration and every value it handed out.
 * @param kc configuration, or NULL
 */
void kconfig_free(struct kconfig *kc);

/**
 * @brief Add the "CONFIG_X=value" lines of a .config text. A name defined
 * again (here or by an earlier call) takes the new value. Comments
 * (including "# CONFIG_X is not set") and blank lines are skipped, as
 * libbpf does: an option that is not set is absent.
 * @param kc configuration
 * @param text config text; need not be NUL-terminated
 * @param len bytes of text
 * @return 0, -EINVAL on a malformed CONFIG_ line (nothing is added then),
 * -ENOMEM
 */
int kconfig_add_text(struct kconfig *kc, const char *text, size_t len);

/**
 * @brief Add the config file at path, plain or gzip-compressed.
 * @param kc configuration
 * @param path file to read
 * @return 0, -errno of the open or read, or kconfig_add_text()'s error
 */
int kconfig_add_file(struct kconfig *kc, const char *path);

/**
 * @brief Add the running kernel's config: /proc/config.gz, else
 * /boot/config-RELEASE (RELEASE from uname).
 * @param kc configuration
 * @return 0, -ENOENT when neither file exists, or kconfig_add_file()'s error
 */
int kconfig_add_kernel(struct kconfig *kc);

/**
 * @brief Number of distinct names defined.
 * @param kc configuration
 * @return the count
 */
size_t kconfig_count(const struct kconfig *kc);

/**
 * @brief The name of the i-th option, in strcmp() order (for listings).
 * @param kc configuration
 * @param i index, below kconfig_count()
 * @return the name, or NULL when i is out of range
 */
const char *kconfig_name_at(const struct kconfig *kc, size_t i);

/**
 * @brief The value of name as written in the config ("y", "m", "64",
 * "\"text\"", with the quotes), or NULL when it is not defined.
 * @param kc configuration
 * @param name option name with its CONFIG_ prefix
 * @return a string that lives as long as kc, or NULL
 */
const char *kconfig_get(const struct kconfig *kc, const char *name);

/**
 * @brief Convert a config value to the representation of a __kconfig
 * extern of type want and size bytes at dst (little or big endian as
 * the host, which is the BPF program's).
 * @param name option name, for the messages
 * @param value value as written in the config
 * @param want the extern's kind
 * @param dst where to store it (size bytes; unchanged on error)
 * @param size extern size: 1 (BOOL, CHAR), 4 (TRISTATE), 1/2/4/8 (INT,
 * UINT), the array length (STR; longer strings are truncated with a warning)
 * @return 0, -EINVAL when the value does not suit the type (a string for an
 * integer, m for a bool, ...) or the size is not one of the above, -ERANGE
 * when a number does not fit size bytes
 */
int kconfig_convert(const char *name, const char *value, enum kconfig_type want,
		    void *dst, size_t size);

/**
 * @brief kconfig_convert() of the value of name in kc.
 * @param kc configuration
 * @param name option name with its CONFIG_ prefix
 * @param want the extern's kind
 * @param dst where to store it (unchanged on error)
 * @param size extern size, as for kconfig_convert()
 * @return 0, -ENOENT when name is not defined, kconfig_convert()'s errors
 */
int kconfig_value(const struct kconfig *kc, const char *name, enum kconfig_type want,
		  void *dst, size_t size);

/**
 * @brief LINUX_VERSION_CODE of a kernel, from what uname and Ubuntu say.
 * Distribution kernels keep the upstream sub-level out of the release
 * string: Ubuntu's /proc/version_signature ("Ubuntu 5.4.0-12.15-generic
 * 5.4.8") and Debian's uname version ("#1 SMP Debian 4.19.260-1 (...)")
 * carry it, and take precedence over the release ("4.19.0-22-amd64").
 * @param release uname's release
 * @param version uname's version, or NULL
 * @param signature content of /proc/version_signature, or NULL
 * @return KERNEL_VERSION(a, b, c) with c saturated at 255, or 0 when no
 * version can be read
 */
__u32 kconfig_version_code(const char *release, const char *version, const char *signature);

/**
 * @brief LINUX_KERNEL_VERSION of the running kernel (kconfig_version_code()
 * of uname and /proc/version_signature).
 * @return the version code, or 0 when uname's release has no version
 */
__u32 kconfig_kernel_version(void);

#endif /* __BPFCORE_KCONFIG_H */
