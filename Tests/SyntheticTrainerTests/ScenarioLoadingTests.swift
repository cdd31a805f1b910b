import Testing
@testable import SyntheticTrainer
