"""Dutch wording shared by every part: dates, counts, did-you-mean. Imports nothing of ours."""
