/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Output files a command names as an argument (not -o): written to a
 * temporary file next to the target and renamed onto it only on success,
 * so that a failure leaves no partial file behind.
 */
#ifndef __BPFCTL_ATOMIC_FILE_H
#define __BPFCTL_ATOMIC_FILE_H

/*
 * Create the temporary file for path: its fd, its name in *tmp (freed by
 * atomic_file_finish). A negative errno, reported, on failure.
 */
int atomic_file_create(const char *path, char **tmp);

/*
 * With err == 0, sync fd and rename *tmp onto path (a failure is reported
 * and returned); otherwise, or if that fails, remove *tmp. Closes fd and
 * frees *tmp either way. Returns err, or the error of the rename.
 */
int atomic_file_finish(int fd, char **tmp, const char *path, int err);

#endif /* __BPFCTL_ATOMIC_FILE_H */
