#include <git2.h>
#include <git2/sys/odb_backend.h>
#include "CGit2Shim.h"

int dapp_git_set_ssl_cert_file(const char *file) {
    return git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, NULL);
}

int dapp_git_set_user_agent(const char *agent) {
    return git_libgit2_opts(GIT_OPT_SET_USER_AGENT, agent);
}

int dapp_git_set_owner_validation(int enabled) {
    return git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, enabled);
}

int dapp_git_set_strict_hash_verification(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, enabled);
}

int dapp_git_odb_read_raw(
    git_odb *odb, const git_oid *oid, void **data, size_t *length, git_object_t *type, git_odb_backend **backend) {
    size_t count = git_odb_num_backends(odb);
    for (size_t i = 0; i < count; i++) {
        git_odb_backend *candidate = NULL;
        if (git_odb_get_backend(&candidate, odb, i) < 0 || candidate == NULL || candidate->read == NULL) continue;
        int error = candidate->read(data, length, type, candidate, oid);
        if (error == 0) {
            *backend = candidate;
            return 0;
        }
        if (error != GIT_ENOTFOUND && error != GIT_PASSTHROUGH) return error;
    }
    return GIT_ENOTFOUND;
}

void dapp_git_odb_free_raw(git_odb_backend *backend, void *data) {
    git_odb_backend_data_free(backend, data);
}
