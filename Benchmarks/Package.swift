// swift-tools-version: 6.1
import Foundation
import PackageDescription

// Throughput benchmarks against peers: DappYAML against PyYAML's CSafeLoader (`yaml.sh`), the CEL
// evaluator against the PyPI CEL engines (`cel.sh`).
//
// The main package is referenced by path, so SwiftPM names it after its directory
// (`main`, `dappctl`, ...): derive that name instead of hard-coding a checkout's folder name.
let mainPackage = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "DappBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: "..")
    ],
    targets: [
        .executableTarget(
            name: "YAMLBench",
            dependencies: [.product(name: "DappYAML", package: mainPackage)],
            swiftSettings: [.swiftLanguageMode(.v6)]),
        .executableTarget(
            name: "ValidateBench",
            dependencies: [.product(name: "DappSpecs", package: mainPackage), .product(name: "DappCore", package: mainPackage)],
            swiftSettings: [.swiftLanguageMode(.v6)]),
        .executableTarget(
            name: "CheckBench",
            dependencies: [
                .product(name: "DappGit", package: mainPackage), .product(name: "DappSpecs", package: mainPackage),
                .product(name: "DappPolicy", package: mainPackage), .product(name: "DappCore", package: mainPackage),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]),
        .executableTarget(
            name: "GitBench",
            dependencies: [
                .product(name: "DappGit", package: mainPackage), .product(name: "DappSpecs", package: mainPackage),
                .product(name: "DappCore", package: mainPackage),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]),
        .executableTarget(
            name: "CELBench",
            dependencies: [.product(name: "CEL", package: mainPackage)],
            swiftSettings: [.swiftLanguageMode(.v6)]),
    ]
)
