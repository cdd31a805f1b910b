import Scaling

/// The OpenAPI 3 description of the three endpoints, served at `/openapi.json` (as the live
/// FastAPI service serves its own). Ranges are written from the rules the mock serves under, so
/// the document and the checks cannot disagree.
enum OpenAPIDocument {
    static func json(rules r: APIRules) -> String {
        let flops = r.trainFlops.map(String.init).joined(separator: ", ")
        let batch = r.batchSizes.map(String.init).joined(separator: ", ")
        func intParam(_ name: String, _ range: ClosedRange<Int>) -> String {
            """
            {"name": "\(name)", "in": "query", "required": true, "schema": {"type": "integer", "minimum": \(range.lowerBound), "maximum": \(range.upperBound)}}
            """
        }
        let key = """
            {"name": "api_key", "in": "query", "required": true, "description": "Your API key, exactly (a stray space or newline makes it a different key).", "schema": {"type": "string"}}
            """
        let message = """
            {"description": "%@", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Message"}}}}
            """
        func msg(_ text: String) -> String { message.replacingOccurrences(of: "%@", with: text) }
        let keyErrors = """
            "\(StatusCodes.invalidKey)": \(msg("Invalid API key provided: <key>")), "\(StatusCodes.malformed)": \(msg("A parameter is missing, not a number, NaN or infinite"))
            """
        return """
        {"openapi": "3.0.3",
         "info": {"title": "CS336 training API (ScalingHarness mock)", "version": "2025",
                  "description": "Losses of GPT-2-style training runs. Each key may spend at most \(r.budget) FLOPs over its distinct queries; repeating a query is free."},
         "paths": {
          "\(WireFormat.lossPath)": {"get": {"summary": "Loss of one training run", "operationId": "loss",
            "parameters": [\(intParam("d_model", r.dModel)), \(intParam("num_layers", r.numLayers)), \(intParam("num_heads", r.numHeads)),
              {"name": "batch_size", "in": "query", "required": true, "schema": {"type": "integer", "enum": [\(batch)]}},
              {"name": "learning_rate", "in": "query", "required": true, "schema": {"type": "number", "minimum": \(r.learningRate.lowerBound), "maximum": \(r.learningRate.upperBound)}},
              {"name": "train_flops", "in": "query", "required": true, "description": "An integer (10000000000000000) or an exact float spelling (1e16) of an allowed value.", "schema": {"type": "integer", "format": "int64", "enum": [\(flops)]}},
              \(key)],
            "responses": {"200": {"description": "The run's loss and the key's total after it", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Loss"}}}},
              "\(StatusCodes.outOfRange)": \(msg("A value out of range, e.g. d_model must be in range [64, 1024], got 9999")),
              "\(StatusCodes.budgetExceeded)": \(msg("The query would pass the key's budget; nothing is charged")),
              \(keyErrors)}}},
          "\(WireFormat.totalFlopsUsedPath)": {"get": {"summary": "FLOPs this key has used", "operationId": "total_flops_used",
            "parameters": [\(key)],
            "responses": {"200": {"description": "A bare number, e.g. 650000000000000.0 (0.0 for a fresh key)", "content": {"application/json": {"schema": {"type": "number"}}}},
              \(keyErrors)}}},
          "\(WireFormat.previousRunsPath)": {"get": {"summary": "This key's runs, in the order first queried", "operationId": "previous_runs",
            "parameters": [\(key)],
            "responses": {"200": {"description": "The runs", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PreviousRuns"}}}},
              \(keyErrors)}}}
         },
         "components": {"schemas": {
          "Message": {"type": "object", "required": ["message"], "properties": {"message": {"type": "string"}}},
          "Loss": {"type": "object", "required": ["loss", "total_flops_used"], "properties": {"loss": {"type": "number"}, "total_flops_used": {"type": "integer", "format": "int64"}}},
          "Run": {"type": "object", "required": ["d_model", "num_layers", "num_heads", "batch_size", "learning_rate", "train_flops", "loss"],
                  "properties": {"d_model": {"type": "integer"}, "num_layers": {"type": "integer"}, "num_heads": {"type": "integer"}, "batch_size": {"type": "integer"},
                                 "learning_rate": {"type": "number"}, "train_flops": {"type": "integer", "format": "int64"}, "loss": {"type": "number"}}},
          "PreviousRuns": {"type": "object", "required": ["previous_runs"], "properties": {"previous_runs": {"type": "array", "items": {"$ref": "#/components/schemas/Run"}}}}
         }}}
        """
    }
}
