"""The base of every document's schema: unknown fields are errors (a
misspelt key must not vanish in silence), and a validated value is frozen."""

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """Unknown fields are errors: a misspelt key must not vanish in silence."""

    model_config = ConfigDict(extra="forbid", frozen=True)
