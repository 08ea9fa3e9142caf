"""The model layer: records passed between stages, the dataset contract, errors.

It imports nothing of riskrad; ``riskrad.extract`` and ``riskrad.normalize``
import only this layer, and the application (pipeline, cli, writer, views,
report) sits on top of all three.
"""
