// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "ScalingHarness",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "harness", targets: ["harness"]),
        .library(name: "Scaling", targets: ["Scaling"]),
        .library(name: "SyntheticTrainer", targets: ["SyntheticTrainer"]),
        .library(name: "MockAPIServer", targets: ["MockAPIServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // MockAPIServer imports these directly (Hummingbird brings them in, but a target must
        // declare every module it imports).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // HarnessTests pins the help text of every command as snapshots.
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", from: "1.19.7"),
        // report.html: the write-up's Markdown to HTML (Ink) inside a page template (Mustache).
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // GNU GSL through pkg-config (Debian: libgsl-dev), with a shim of accessors for the
        // global algorithm descriptors that Swift 6 will not read directly.
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"]), .brew(["gsl"])]
        ),
        // The domain and everything that runs against a real API: configurations and rules,
        // numerics over GSL, fitters, the HTTP client and journal, planners, the predictor.
        .target(name: "Scaling", dependencies: ["CGSL"]),
        // The ground truth: loss surfaces, noise, scenarios, the true optimum, the scorecard.
        .target(
            name: "SyntheticTrainer",
            dependencies: ["Scaling", "CGSL", .product(name: "Yams", package: "Yams")]
        ),
        // The HTTP mock of the training API, backed by a SyntheticTrainer scenario.
        .target(
            name: "MockAPIServer",
            dependencies: [
                "Scaling", "SyntheticTrainer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            // Swagger UI's files for the interactive /docs page (no CDN at run time).
            resources: [.copy("Core/API/SwaggerUI")]
        ),
        // One rehearsal end to end: scenario -> mock server -> client -> strategy -> predictor -> scorecard.
        .target(name: "Rehearsal", dependencies: ["Scaling", "SyntheticTrainer", "MockAPIServer"]),
        .executableTarget(
            name: "harness",
            dependencies: [
                "Scaling", "SyntheticTrainer", "MockAPIServer", "Rehearsal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Ink", package: "Ink"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .testTarget(name: "ScalingTests", dependencies: ["Scaling"]),
        .testTarget(name: "SyntheticTrainerTests", dependencies: ["SyntheticTrainer", "Scaling"]),
        .testTarget(name: "MockAPIServerTests", dependencies: ["MockAPIServer", "SyntheticTrainer", "Scaling"]),
        .testTarget(name: "EndToEndTests", dependencies: ["Scaling", "SyntheticTrainer", "MockAPIServer", "Rehearsal"]),
        // The built `harness` executable run as a subprocess: help text, exit codes, first error lines.
        .testTarget(
            name: "HarnessTests",
            dependencies: [.product(name: "SnapshotTesting", package: "swift-snapshot-testing")],
            exclude: ["__Snapshots__"]
        ),
    ]
)
