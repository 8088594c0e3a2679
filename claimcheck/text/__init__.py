"""Text helpers shared by the stages (Arabic normalisation lives in `arabic`)."""
