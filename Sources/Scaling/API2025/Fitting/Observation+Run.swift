extension Observation {
    /// A run of the 2025 API as the fitters see it: N = `12 num_layers d_model^2`,
    /// C = `train_flops`, D = C / (6 N), the final loss, and the run's batch size and learning rate.
    public init(run: Run) {
        self.init(parameters: run.configuration.nonEmbeddingParameters, compute: Double(run.trainFlops), loss: run.loss,
                  covariates: [.batchSize: Double(run.configuration.batchSize), .learningRate: run.configuration.learningRate])
    }
}
