// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "dappctl",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dappctl", targets: ["dappctl"]),
        .library(name: "DappCore", targets: ["DappCore"]),
        .library(name: "DappYAML", targets: ["DappYAML"]),
        .library(name: "DappSpecs", targets: ["DappSpecs"]),
        .library(name: "DappGit", targets: ["DappGit"]),
        .library(name: "CEL", targets: ["CEL"]),
        .library(name: "DappPolicy", targets: ["DappPolicy"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        .systemLibrary(name: "CLibYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CGit2", pkgConfig: "libgit2", providers: [.apt(["libgit2-dev"])]),
        // The process allocator of the dappctl executable (see Sources/dappctl/Allocator.swift).
        .systemLibrary(name: "CMimalloc", providers: [.apt(["libmimalloc-dev"])]),
        // Fixed-argument wrappers of libgit2's variadic git_libgit2_opts.
        .target(name: "CGit2Shim", dependencies: ["CGit2"]),
        // The values every other part speaks: locations, diagnostics, resource ids, specs, and
        // the policies' subjects as CEL values.
        .target(name: "DappCore", dependencies: ["CEL"], swiftSettings: strict),
        // libyaml events → located nodes, YAML 1.2 core-schema typing, hostile-input limits.
        .target(name: "DappYAML", dependencies: ["CLibYAML"], swiftSettings: strict),
        // Nodes → typed specs, schema validation, cross-references, ODCS/DCS import, CRDs.
        .target(name: "DappSpecs", dependencies: ["DappCore", "DappYAML", "CEL"], swiftSettings: strict),
        // The Common Expression Language, standalone (no dependency on the rest of dappctl).
        .target(name: "CEL", swiftSettings: strict),
        // The policy gate: DappPolicy rules in CEL over resources, waivers, policy unit tests.
        .target(name: "DappPolicy", dependencies: ["DappCore", "CEL"], swiftSettings: strict),
        // Git through libgit2: mirrors of remotes, snapshots read from the object database,
        // changed paths, signature checks, status commits pushed back.
        .target(
            name: "DappGit",
            dependencies: ["CGit2", "CGit2Shim", "DappCore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict),
        // The commands and the one Output place that renders results and picks exit codes.
        .target(
            name: "DappCLI",
            dependencies: [
                "DappCore", "DappYAML", "DappSpecs", "DappGit", "CEL", "DappPolicy",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        .executableTarget(name: "dappctl", dependencies: ["DappCLI", "CMimalloc"], swiftSettings: strict),
        .target(name: "DappTesting", dependencies: ["DappCore", "DappSpecs"], swiftSettings: strict),
        .testTarget(name: "DappYAMLTests", dependencies: ["DappYAML", "DappTesting"], swiftSettings: strict),
        .testTarget(
            name: "DappSpecsTests", dependencies: ["DappSpecs", "DappTesting"], swiftSettings: strict),
        .testTarget(
            name: "CELTests", dependencies: ["CEL"], exclude: ["parse_known_failures.txt", "eval_known_failures.txt"], swiftSettings: strict
        ),
        .testTarget(name: "DappPolicyTests", dependencies: ["DappPolicy", "DappSpecs", "DappTesting"], swiftSettings: strict),
        .testTarget(name: "DappGitTests", dependencies: ["DappGit", "DappSpecs", "DappTesting"], swiftSettings: strict),
        .testTarget(
            name: "DappCLITests", dependencies: ["DappCLI", "DappSpecs", "DappTesting"],
            // Golden report files and the SARIF schema, read by path from the tests.
            exclude: ["Golden", "Resources"], swiftSettings: strict),
    ]
)
