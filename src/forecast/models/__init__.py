"""Growth models behind one interface, and their registry.

Each model is a :class:`~forecast.models.base.Model` whose ``fit(series)`` returns a
:class:`~forecast.models.base.Fit` with ``forecast(horizon, levels)`` and
``simulate(horizon, n_paths, rng)``. statsmodels is imported only inside the fits that use
it, so importing this package stays fast.

Examples
--------
>>> from forecast.models import get_model, Ceiling
>>> model = get_model("logistic", ceiling=Ceiling.constant(150e6))
"""

from __future__ import annotations

from typing import Any

from forecast.errors import ParameterError
from forecast.models.arima import ARIMADrift
from forecast.models.base import Ceiling, Fit, Model, keyword_names
from forecast.models.ets import DampedETS
from forecast.models.exponential import ExponentialTrend
from forecast.models.gompertz import GompertzTrend
from forecast.models.linear import LinearTrend
from forecast.models.logistic import LogisticTrend
from forecast.models.rw_drift import RandomWalkDrift

#: Model name -> model class, in the order models are listed to users.
REGISTRY: dict[str, type[Model]] = {
    cls.name: cls
    for cls in (LinearTrend, ExponentialTrend, LogisticTrend, GompertzTrend, DampedETS,
                RandomWalkDrift, ARIMADrift)
}


def available_models() -> list[str]:
    """Names of the registered models, in registry order."""
    return list(REGISTRY)


def get_model(name: str, **kwargs: Any) -> Model:
    """A model by registry name, constructed with keyword hyper-parameters.

    Parameters
    ----------
    name : str
        One of :func:`available_models`.
    **kwargs
        The model's keyword-only hyper-parameters (``ceiling`` for logistic and gompertz).

    Raises
    ------
    ParameterError
        If ``name`` is unknown or a keyword is not a hyper-parameter of that model; the
        message lists the valid choices.
    """
    try:
        cls = REGISTRY[name]
    except (KeyError, TypeError):
        raise ParameterError(f"unknown model {name!r}; valid choices: "
                             f"{', '.join(REGISTRY)}") from None
    accepted = list(keyword_names(cls))
    unknown = sorted(set(kwargs) - set(accepted))
    if unknown:
        raise ParameterError(f"model {name!r} has no parameter {', '.join(map(repr, unknown))}; "
                             f"valid choices: {', '.join(accepted) if accepted else '(none)'}")
    return cls(**kwargs)


__all__ = ["REGISTRY", "Ceiling", "Fit", "Model", "available_models", "get_model",
           "ARIMADrift", "DampedETS", "ExponentialTrend", "GompertzTrend", "LinearTrend",
           "LogisticTrend", "RandomWalkDrift"]
