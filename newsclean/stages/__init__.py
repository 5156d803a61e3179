"""The stages of the pipeline, one module each; newsclean.pipeline states their order."""
