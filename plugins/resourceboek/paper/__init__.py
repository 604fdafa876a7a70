"""What is printed: the booklet PDF, letters, Mijn rol sheets, the zakkaart, the handout, and what WeasyPrint may load. Imports `protection` and below."""
