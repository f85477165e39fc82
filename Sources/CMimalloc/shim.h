// mimalloc (Debian's libmimalloc-dev) exports malloc and free itself: linked into the dappctl
// executable ahead of libc, every allocation of the process goes through it, libyaml's and
// libgit2's included.
#include <mimalloc.h>
