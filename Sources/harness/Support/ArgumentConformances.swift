import ArgumentParser
import Scaling

/// Library enums read straight from the command line by their raw values.
extension FitMethod: ExpressibleByArgument {}
extension FrontierEstimator.EffectsChoice: ExpressibleByArgument {}
