import CGit2

extension GitRepository {
    /// The best common ancestor of two commits (`git merge-base`): where a branch left the one it
    /// will merge into. Nil when they share no history, or the clone does not reach it (shallow).
    public func mergeBase(_ one: GitOID, _ two: GitOID) -> GitOID? {
        withHandle { repo in
            var base = git_oid()
            var first = one.raw
            var second = two.raw
            guard git_merge_base(&base, repo, &first, &second) == 0 else { return nil }
            return GitOID(base)
        }
    }
}
