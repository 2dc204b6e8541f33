"""Qt item models over core objects (results, entities, metrics, ledger points), testable
with no widget."""

from scoda_desktop.ui.models.entities import EntityModel
from scoda_desktop.ui.models.ledger import LedgerPointModel
from scoda_desktop.ui.models.metrics import MetricModel
from scoda_desktop.ui.models.results import ResultModel

__all__ = ["EntityModel", "LedgerPointModel", "MetricModel", "ResultModel"]
