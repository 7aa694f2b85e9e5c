"""The datasets that ship with tejido (one folder per source document); see README.md."""
