"""The model layer: records passed between stages, the dataset contract, errors.

It imports nothing of riskrad; ``riskrad.extract`` and ``riskrad.normalize``
import only this layer, and the application (pipeline, cli, writer, views,
report) sits on top of all three.
"""

from riskrad.model.native import STORE_MODULES, load_group

load_group(STORE_MODULES)  # the store compiled, when built (native.py), before it is imported
