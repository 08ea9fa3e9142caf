"""Swedish text repair: mojibake, broken lines, stripped or OCR-garbled å/ä/ö, with a plan.

from riskrad.normalize.repair import repair_text, explain
fixed = repair_text("Detta ar avgérande for att")
fixed.text        # 'Detta är avgörande för att'
print(explain(fixed))

The hot modules run compiled when a build of this source exists (riskrad/model/native.py).
"""

from riskrad.model.native import REPAIR_MODULES, load_group

load_group(REPAIR_MODULES)  # before the modules below are imported

from riskrad.normalize.repair.chain import (  # noqa: E402
    REPAIRS,
    explain,
    fix_and_explain,
    repair_text,
    replay,
)
from riskrad.normalize.repair.model import Change, Repair, Repaired, apply_changes  # noqa: E402

__all__ = [
    "REPAIRS",
    "Change",
    "Repair",
    "Repaired",
    "apply_changes",
    "explain",
    "fix_and_explain",
    "repair_text",
    "replay",
]
