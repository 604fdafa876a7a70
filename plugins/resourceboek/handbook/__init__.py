"""The methods handbook's pages: the toolkit per variant and the pages drawn from data. Imports `paper` and below."""
