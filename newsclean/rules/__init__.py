"""Rules: the Rule type, the engine that applies rule sets, and the registry of built-ins."""
