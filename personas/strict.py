"""The base of every content model: a misspelt field is an error, loaded content is immutable."""

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
