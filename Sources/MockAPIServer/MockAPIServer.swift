// The mock of the course's training API (Hummingbird 2). See api-2025.md for the contract.
