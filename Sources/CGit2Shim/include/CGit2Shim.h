// Fixed-argument wrappers of libgit2's variadic git_libgit2_opts, which Swift cannot call.
#ifndef DAPP_CGIT2_SHIM_H
#define DAPP_CGIT2_SHIM_H

/// Sets the CA bundle file libgit2's TLS backend trusts (process-wide). Returns 0 or a git error.
int dapp_git_set_ssl_cert_file(const char *file);

/// Sets the User-Agent sent over HTTP(S).
int dapp_git_set_user_agent(const char *agent);

/// Turns the check that a repository is owned by the current user on (1) or off (0).
int dapp_git_set_owner_validation(int enabled);

/// Turns on hash verification of every object read from the object database.
int dapp_git_set_strict_hash_verification(int enabled);

#endif
