// Fixed-argument wrappers of libgit2's variadic git_libgit2_opts, which Swift cannot call, and a raw
// object read through the backends of an object database.
#ifndef DAPP_CGIT2_SHIM_H
#define DAPP_CGIT2_SHIM_H

#include <git2.h>
#include <git2/sys/odb_backend.h>

/// Sets the CA bundle file libgit2's TLS backend trusts (process-wide). Returns 0 or a git error.
int dapp_git_set_ssl_cert_file(const char *file);

/// Sets the User-Agent sent over HTTP(S).
int dapp_git_set_user_agent(const char *agent);

/// Turns the check that a repository is owned by the current user on (1) or off (0).
int dapp_git_set_owner_validation(int enabled);

/// Turns on hash verification of every object read from the object database.
int dapp_git_set_strict_hash_verification(int enabled);

/// Reads an object's content straight from the first backend of `odb` that has it (loose or
/// packed), without libgit2's object cache and without its hash check: the caller verifies the
/// content against the id. `odb` must not be used by another thread meanwhile (backends are
/// called without the object database's lock). Returns 0, GIT_ENOTFOUND or a git error; the data
/// is freed with dapp_git_odb_free_raw(backend, data).
int dapp_git_odb_read_raw(
    git_odb *odb, const git_oid *oid, void **data, size_t *length, git_object_t *type, git_odb_backend **backend);

/// Frees what dapp_git_odb_read_raw returned.
void dapp_git_odb_free_raw(git_odb_backend *backend, void *data);

#endif
